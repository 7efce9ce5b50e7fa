/* What mutate.py's samples of session 20 found untested in the core:
 * - a board priority's RAG status by name, as the Locality page's list
 *   and its priority dialog show it, every status and the ends either
 *   side ("Not rated"), and each name read back to its status.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-board-priority.h"
#include "pw-test-util.h"

static void
test_rag_names (void)
{
  static const char *names[PW_N_RAGS] = { "Red", "Amber", "Green" };

  for (int rag = 0; rag < PW_N_RAGS; rag++)
    {
      g_autoptr(GError) error = NULL;
      int back = -1;

      g_assert_cmpstr (pw_rag_name (rag), ==, names[rag]);
      g_assert_true (pw_rag_parse (names[rag], &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, rag);
    }
  g_assert_cmpstr (pw_rag_name (-1), ==, "Not rated");
  g_assert_cmpstr (pw_rag_name (PW_N_RAGS), ==, "Not rated");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mutants-s20/rag-names", test_rag_names);
  return g_test_run ();
}

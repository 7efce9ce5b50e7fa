/* The store's own checks on a board action, as the window's Actions page
 * reaches them (the CSV import checks its fields before): a blank
 * reference or a due date that is not a date is each refused on its own,
 * and nothing is written.  mutate.py found each check covered only when
 * the other failed too.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-board-action.h"
#include "pw-store-boards.h"
#include "pw-test-util.h"

/* Puts an action with @ref and @due in a new workbook's only locality:
 * whether the store took it, and its message when not. */
static gboolean
put (const char  *ref,
     const char  *due,
     char       **message)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  g_autoptr(PwBoardAction) a = NULL;
  gint64 locality = 0, id = 0;
  gboolean ok;

  g_assert_no_error (error);
  g_assert_true (pw_store_add_locality (store, "North", &locality, &error));
  a = g_object_new (PW_TYPE_BOARD_ACTION, "locality-id", locality, "ref", ref, "text", "Agree the pathway",
                    "owner", "Lee", "due", due, "status", (gint64) 0, NULL);
  ok = pw_store_put_action (store, a, &id, &error);
  *message = error ? g_strdup (error->message) : NULL;
  g_clear_object (&store);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM board_action"), ==, ok ? 1 : 0);
  pw_test_rmdir (dir);
  return ok;
}

static void
test_action_checks (void)
{
  g_autofree char *good = NULL, *blank_ref = NULL, *bad_due = NULL;

  g_assert_true (put ("NOR-001", "2026-03-31", &good));
  g_assert_null (good);
  g_assert_false (put ("  ", "2026-03-31", &blank_ref));
  g_assert_nonnull (strstr (blank_ref, "An action’s reference"));
  g_assert_false (put ("NOR-002", "2026-13-01", &bad_due));
  g_assert_nonnull (strstr (bad_due, "The due date"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mutants-boards/action-checks", test_action_checks);
  return g_test_run ();
}

/* Export Annual Review… from the real window under Xvfb: the selected
 * PCN's review, written in the export thread, read back with openpyxl.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-demo.h"
#include "pw-parse.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-test-window.h"
#include "pw-window.h"

typedef PwTestDemoWindow Fixture;

/* The workbook's sheet names and its first sheet's A1, as openpyxl reads them. */
static char *
read_back (const char *xlsx)
{
  const char *argv[] = { "/usr/bin/python3", "-c",
                         "import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1]); "
                         "print(wb.sheetnames, wb.worksheets[0]['A1'].value)", xlsx, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Whether a file chooser open now suggests a name holding @code; closes it. */
static gboolean
ask_names (const char *code)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean asked = FALSE;

  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data))
      {
        g_autofree char *name = gtk_file_chooser_get_current_name (l->data);

        asked |= name != NULL && strstr (name, code) != NULL;
        gtk_window_destroy (l->data);
      }
  g_list_free (toplevels);
  return asked;
}

static void
test_review_of_the_selected_pcn (Fixture *f, gconstpointer data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "review", NULL);   /* .xlsx is added */
  g_autofree char *written = g_strconcat (xlsx, ".xlsx", NULL);
  g_autofree char *year = pw_format_year (pw_window_get_year (f->window));
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (xlsx);
  PwStore *store = pw_window_get_store (f->window);

  pw_window_select_pcn (f->window, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90003")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-review", NULL));
  pw_test_wait_ms (100);
  g_assert_true (ask_names ("U90003"));
  pw_window_export_review_file (f->window, "U90003", file);
  g_assert_true (pw_window_is_busy (f->window));
  pw_test_wait_window_idle (f->window, 30);
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  got = read_back (written);
  want = g_strdup_printf ("['U90003'] Annual review · Upper Dale PCN (U90003) · %s\n", year);
  g_assert_cmpstr (got, ==, want);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return 0;
    }
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  gtk_init ();
  adw_init ();
  g_test_add ("/window-review/selected-pcn", Fixture, NULL, pw_test_demo_window_setup, test_review_of_the_selected_pcn,
              pw_test_demo_window_teardown);
  return g_test_run ();
}

/* Restore From Backup… in the real window under Xvfb: the menu action opens
 * the list of copies, Restore asks first, and afterwards the window shows
 * the restored workbook and the file holds it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-backups-dialog.h"
#include "pw-demo.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-window.h"

/* The first button under @root, depth first. */
static GtkWidget *
find_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_restore_from_window (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 3, 2, 9, 0, 0);
  PwWindow *window;
  PwStore *store;
  GtkWindow *dialog, *confirm;
  GtkListBox *list;
  guint n_pcns;

  {
    g_autoptr(PwStore) made = pw_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (pw_demo_load (made, &error));
  }
  window = pw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_assert_true (pw_window_open_path (window, path, &error));
  gtk_window_present (GTK_WINDOW (window));
  pw_test_wait_ms (200);
  store = pw_window_get_store (window);
  backups = pw_store_backup_dir (store);
  pw_test_rmdir (backups);                       /* only the copy made below */
  g_assert_true (pw_store_daily_backup (store, day, &error));
  n_pcns = g_list_model_get_n_items (pw_store_get_pcns (store));
  g_assert_true (pw_store_add_pcn (store, "U99004", "Later PCN", 0, NULL, &error));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL));
  pw_test_wait_ms (200);
  dialog = pw_test_find_toplevel (PW_TYPE_BACKUPS_DIALOG);
  g_assert_nonnull (dialog);
  list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (dialog), PW_TYPE_BACKUPS_DIALOG, "backups_list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 0))),
                            "02/03/2026"));
  g_signal_emit_by_name (find_button (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0))), "clicked");
  pw_test_wait_ms (200);
  confirm = pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  /* Nothing happens until the user says so. */
  g_assert_nonnull (pw_store_find_pcn_by_code (store, "U99004"));
  g_signal_emit_by_name (confirm, "response", "restore");
  for (int i = 0; i < 100 && pw_store_find_pcn_by_code (store, "U99004") != NULL; i++)
    pw_test_wait_ms (50);   /* the restore runs on a worker thread */

  g_assert_null (pw_store_find_pcn_by_code (store, "U99004"));
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (store)), ==, n_pcns);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM pcn WHERE code = 'U99004'"), ==, 0);
  /* The list now offers the workbook as it was, first. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
  pw_test_rmdir (backups);
  pw_test_rmdir (dir);
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
  {
    g_autofree char *data = pw_test_tmpdir ();
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  gtk_init ();
  adw_init ();
  g_test_add_func ("/backups-dialog/restore", test_restore_from_window);
  return g_test_run ();
}

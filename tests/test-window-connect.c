/* Connect to Team Workbook… in the real window under Xvfb, against the
 * private PostgreSQL server (PW_TEST_PG_URI): Ctrl+Shift+O opens the
 * dialog; a wrong address, a file name, a server that is not there, a
 * wrong password (never shown) and another application's database are each
 * told in the dialog, and nothing is opened, made or written; the fields
 * make the address, a good one opens the team workbook (named in the
 * title) and the recent list keeps it without its password.  And the server's session
 * lost mid-edit: the bar says so, the edit is kept and then saved.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-connect-dialog.h"
#include "pw-save-queue.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-window.h"

static PwWindow *
new_window (void)
{
  PwWindow *window = pw_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  pw_test_wait_ms (200);
  return window;
}

static GtkWidget *
child (PwConnectDialog *dialog,
       const char      *name)
{
  return pw_test_child (dialog, PW_TYPE_CONNECT_DIALOG, name);
}

static gboolean
idle_dialog (gpointer dialog)
{
  return !pw_connect_dialog_is_busy (dialog);
}

/* Connects to @address; what the dialog then says, or NULL if it closed. */
static const char *
try_address (PwConnectDialog *dialog,
             const char      *address)
{
  GtkLabel *error = GTK_LABEL (child (dialog, "error_label"));
  g_autoptr(PwConnectDialog) kept = g_object_ref (dialog);     /* it closes itself on success */

  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "address_row")), address);
  g_signal_emit_by_name (child (dialog, "connect_button"), "clicked");
  g_assert_true (pw_test_wait_for (idle_dialog, kept, 20000));
  if (pw_test_find_toplevel (PW_TYPE_CONNECT_DIALOG) == NULL)
    return NULL;
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  return gtk_label_get_label (error);
}

static void
assert_says (const char *said,
             const char *what)
{
  g_assert_nonnull (said);
  if (strstr (said, what) == NULL)
    g_error ("“%s” does not say “%s”", said, what);
}

static PwConnectDialog *
open_dialog (PwWindow *window)
{
  g_assert_null (pw_test_find_toplevel (PW_TYPE_CONNECT_DIALOG));
  g_assert_true (pw_test_press_key (GTK_WINDOW (window), GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  pw_test_wait_ms (200);
  return PW_CONNECT_DIALOG (pw_test_find_toplevel (PW_TYPE_CONNECT_DIALOG));
}

static void
test_connect (void)
{
  g_autofree char *name = pw_test_pg_new_database ();
  g_autofree char *uri = pw_test_pg_uri_for (name);
  g_autofree char *with_password = g_strconcat (uri, "&password=not-kept", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *made = g_build_filename (cwd, "my workbook", NULL);
  g_autoptr(GSettings) settings = g_settings_new ("uk.nhs.PcnWorkbook");
  g_auto(GStrv) recent = NULL;
  const char *host = strstr (uri, "host=") + strlen ("host=");
  g_autofree char *dir = g_strndup (host, strcspn (host, "&"));
  g_autofree char *built = NULL;
  g_autofree char *other_app = g_strdup_printf ("pw_invoices_%d", (int) getpid ());
  g_autofree char *create_other = g_strdup_printf ("CREATE DATABASE %s", other_app);
  g_autofree char *foreign = pw_test_pg_uri_for (other_app);
  g_autoptr(GString) wrong_password = g_string_new (uri);
  const char *said;
  const char *older[] = { "postgresql://old-1/pcn", "postgresql://old-2/pcn", "postgresql://old-3/pcn",
                          "postgresql://old-4/pcn", "postgresql://old-5/pcn", "postgresql://old-6/pcn",
                          "postgresql://old-7/pcn", "postgresql://old-8/pcn", NULL };
  PwWindow *window = new_window ();
  PwStore *before = pw_window_get_store (window);
  PwConnectDialog *dialog;
  GtkListBox *list;

  g_settings_set_strv (settings, "recent-team-workbooks", older);
  dialog = open_dialog (window);
  g_assert_nonnull (dialog);
  list = GTK_LIST_BOX (child (dialog, "recent_list"));
  g_assert_true (gtk_widget_get_visible (child (dialog, "recent_group")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 0))),
                   ==, "pcn on old-1");
  assert_says (try_address (dialog, "postgresql://localhost:notaport/db"), "is not a PostgreSQL address");
  assert_says (try_address (dialog, "my workbook"), "is not a team workbook address");
  g_assert_false (g_file_test (made, G_FILE_TEST_EXISTS));
  assert_says (try_address (dialog, "postgresql:///pw?host=/nonexistent-pw-socket-dir"), "cannot be reached");
  g_string_replace (wrong_password, "user=pw", "user=pw_password&password=not-it", 1);
  said = try_address (dialog, wrong_password->str);
  assert_says (said, "refused the password");
  g_assert_null (strstr (said, "not-it"));
  pw_test_pg_exec (g_getenv ("PW_TEST_PG_URI"), create_other);
  pw_test_pg_exec (foreign, "CREATE TABLE invoice (id integer)");
  assert_says (try_address (dialog, foreign), "another application");
  g_assert_cmpint (pw_test_pg_sql_int (foreign, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), ==, 1);
  g_assert_true (pw_window_get_store (window) == before);

  /* The fields make the address a manager would not type. */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "server_row")), dir);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "database_row")), name);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "user_row")), "pw");
  built = g_strdup_printf ("postgresql:///%s?host=%s&user=pw", name, dir);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "address_row"))), ==, built);
  g_assert_cmpstr (built, ==, uri);

  /* A password given in the address is used, never kept. */
  g_assert_null (try_address (dialog, with_password));
  g_assert_nonnull (pw_window_get_store (window));
  g_assert_cmpstr (pw_store_get_path (pw_window_get_store (window)), ==, uri);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), name));
  /* Newest first, the oldest let go. */
  recent = g_settings_get_strv (settings, "recent-team-workbooks");
  g_assert_cmpuint (g_strv_length (recent), ==, 8);
  g_assert_cmpstr (recent[0], ==, uri);
  g_assert_cmpstr (recent[1], ==, older[0]);
  g_assert_cmpstr (recent[7], ==, older[6]);
  for (guint i = 0; recent[i] != NULL; i++)
    g_assert_null (strstr (recent[i], "not-kept"));

  dialog = open_dialog (window);
  list = GTK_LIST_BOX (child (dialog, "recent_list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 7));
  g_assert_null (gtk_list_box_get_row_at_index (list, 8));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0))), ==, uri);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
}

static gboolean
save_director (PwStore   *store,
               gpointer   data,
               GError   **error)
{
  return pw_store_set_pcn_text (store, GPOINTER_TO_INT (data), PW_PCN_CLINICAL_DIRECTOR, "Dr Kept", error);
}

static gboolean
all_saved (gpointer queue)
{
  return pw_save_queue_get_n_pending (queue) == 0;
}

static void
test_server_lost (void)
{
  g_autofree char *name = pw_test_pg_new_database ();
  g_autofree char *uri = pw_test_pg_uri_for (name);
  g_autoptr(GError) error = NULL;
  PwWindow *window = new_window ();
  PwStore *store;
  PwSaveQueue *queue;
  GtkWidget *revealer, *label;
  gint64 pcn = 0;

  g_assert_true (pw_window_open_path (window, uri, &error));
  g_assert_no_error (error);
  store = pw_window_get_store (window);
  queue = pw_save_queue_for_store (store);
  g_assert_true (pw_store_add_pcn (store, "U12345", "Riverside PCN", 0, &pcn, &error));
  pw_test_wait_ms (100);
  revealer = pw_test_child (window, PW_TYPE_WINDOW, "pending_revealer");
  label = pw_test_child (window, PW_TYPE_WINDOW, "pending_label");

  /* The server ends our session (as when it restarts). */
  pw_test_pg_exec (uri, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  g_usleep (200000);
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/director", 0, save_director, GINT_TO_POINTER ((int) pcn), NULL, &error),
                   ==, PW_SAVE_PENDING);
  g_assert_true (pw_store_is_offline (store));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  assert_says (gtk_label_get_label (GTK_LABEL (label)), "server cannot be reached; your changes are kept");
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pcn WHERE clinical_director = 'Dr Kept'"), ==, 0);

  /* The server is there: the store finds it again and the edit is saved. */
  g_assert_true (pw_test_wait_for (all_saved, queue, 10000));
  g_assert_false (pw_store_is_offline (store));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pcn WHERE clinical_director = 'Dr Kept'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
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
  if (g_getenv ("PW_TEST_PG_URI") == NULL)
    {
      g_print ("1..0 # SKIP no PostgreSQL server: PW_TEST_PG_URI is not set (build-aux/test.sh sets it)\n");
      return 0;
    }
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  gtk_init ();
  adw_init ();
  g_test_add_func ("/window-connect/connect", test_connect);
  g_test_add_func ("/window-connect/server-lost", test_server_lost);
  return g_test_run ();
}

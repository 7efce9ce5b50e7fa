/* Someone else changes a field under the window while the user is in it:
 * a second PwStore on the workbook writes, the window hears of it (the poll
 * other programs' writes wake), the page leaves the field being edited
 * alone, and the user's next key press is refused rather than written over
 * the other person's value.  The window then shows their value, who and
 * when, and the user answers with the keyboard: Keep Mine or Take Theirs.
 * Real key presses (XTest) under Xvfb; what the workbook holds is read
 * back through a connection of its own.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-demo.h"
#include "pw-profile-page.h"
#include "pw-ui-util.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-test-window.h"
#include "pw-test-xinput.h"
#include "pw-window.h"

typedef struct
{
  char *dir;
  char *path;
  PwWindow *window;
  PwStore *bob;                /* the other person's connection */
  PwProfilePage *page;
  GtkEditable *name;           /* the PCN name's field */
  char *before;                /* the name when the user began */
} Fixture;

static GtkWidget *
child (gpointer widget, GType type, const char *name)
{
  GObject *obj = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (obj);
  return GTK_WIDGET (obj);
}

static char *
stored_text (Fixture *f, PwPcnField field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) reader = pw_store_open (f->path, &error);

  g_assert_no_error (error);
  return g_strdup (pw_pcn_get_text (pw_store_find_pcn_by_code (reader, "U90001"), field));
}

/* The window open on a demo workbook, U90001's profile shown, and the
 * keyboard focus in its name: the user has begun editing it. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwStore *shown;

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  g_clear_object (&store);
  f->window = pw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  g_assert_true (pw_window_open_path (f->window, f->path, &error));
  gtk_window_present (GTK_WINDOW (f->window));
  pw_test_wait_ms (300);
  shown = pw_window_get_store (f->window);
  pw_store_poll_external (shown, NULL);      /* where the file stands, as the window's timer notes it */
  pw_window_select_pcn (f->window, pw_pcn_get_id (pw_store_find_pcn_by_code (shown, "U90001")));
  pw_test_wait_ms (100);
  f->page = PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"));
  f->name = GTK_EDITABLE (child (f->page, PW_TYPE_PROFILE_PAGE, "name_row"));
  f->before = g_strdup (gtk_editable_get_text (f->name));
  x_focus (GTK_WINDOW (f->window));
  click (f->name);
  g_assert_true (pw_ui_is_editing (GTK_WIDGET (f->name)));

  f->bob = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  pw_store_set_user_name (f->bob, "bob");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  pw_test_close_windows (f->window);
  g_clear_object (&f->bob);
  pw_test_rmdir (f->dir);
  g_free (f->before);
  g_free (f->path);
  g_free (f->dir);
}

/* Bob writes @field while the user is in the name; the window hears of it. */
static void
bob_writes (Fixture *f, PwPcnField field, const char *value)
{
  g_autoptr(GError) error = NULL;
  PwPcn *pcn = pw_store_find_pcn_by_code (f->bob, "U90001");

  pw_store_set_edit_base (f->bob, pw_store_get_seen_revision (f->bob, -1), FALSE);
  g_assert_true (pw_store_set_pcn_text (f->bob, pw_pcn_get_id (pcn), field, value, &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_poll_external (pw_window_get_store (f->window), NULL));
  pw_test_wait_ms (100);
}

/* The dialog that asks about someone else's change, once it is shown. */
static AdwMessageDialog *
wait_for_dialog (void)
{
  GtkWindow *dialog = NULL;

  for (int tries = 0; tries < 100 && (dialog == NULL || !gtk_widget_get_mapped (GTK_WIDGET (dialog))); tries++)
    {
      pw_test_wait_ms (50);
      dialog = pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    }
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Answers the dialog as a user at the keyboard does: Alt and the answer's
 * underlined letter; then waits for it to go. */
static void
answer (AdwMessageDialog *dialog,
        guint             letter)
{
  x_focus (GTK_WINDOW (dialog));
  for (int tries = 0; tries < 40 && !gtk_window_is_active (GTK_WINDOW (dialog)); tries++)
    pw_test_wait_ms (50);
  type_key (letter, GDK_ALT_MASK);
  for (int tries = 0; tries < 40 && pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL; tries++)
    pw_test_wait_ms (50);
  g_assert_null (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Bob renames the PCN; the user, still in the field, adds a letter. */
static AdwMessageDialog *
conflict (Fixture *f)
{
  g_autofree char *theirs = NULL;
  g_autofree char *mine = g_strconcat (f->before, "X", NULL);
  AdwMessageDialog *dialog;

  bob_writes (f, PW_PCN_NAME, "Northmoor Riverside PCN");
  /* the page left the field being typed in alone */
  g_assert_cmpstr (gtk_editable_get_text (f->name), ==, f->before);

  type_key (GDK_KEY_End, 0);
  type_key (GDK_KEY_X, 0);
  dialog = wait_for_dialog ();
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Northmoor Riverside PCN”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "bob"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "PCN name"));
  /* refused: the user's text stays in the field, marked; the workbook holds Bob's */
  g_assert_cmpstr (gtk_editable_get_text (f->name), ==, mine);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->name), "error"));
  theirs = stored_text (f, PW_PCN_NAME);
  g_assert_cmpstr (theirs, ==, "Northmoor Riverside PCN");
  return dialog;
}

static void
test_keep_mine (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog = conflict (f);
  g_autofree char *mine = g_strconcat (f->before, "X", NULL);
  g_autofree char *stored = NULL;

  pw_test_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog.png");
  answer (dialog, GDK_KEY_k);
  stored = stored_text (f, PW_PCN_NAME);
  g_assert_cmpstr (stored, ==, mine);
  g_assert_cmpstr (gtk_editable_get_text (f->name), ==, mine);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->name), "error"));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what LIKE 'PCN name (kept over bob%'"
                                             " AND old_value = 'Northmoor Riverside PCN'"), ==, 1);
}

static void
test_take_theirs (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog = conflict (f);
  g_autofree char *stored = NULL;
  gint64 revision = pw_test_sql_int (f->path, "SELECT n FROM workbook_revision");

  answer (dialog, GDK_KEY_t);
  stored = stored_text (f, PW_PCN_NAME);
  g_assert_cmpstr (stored, ==, "Northmoor Riverside PCN");
  g_assert_cmpstr (gtk_editable_get_text (f->name), ==, "Northmoor Riverside PCN");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->name), "error"));
  /* nothing written */
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT n FROM workbook_revision"), ==, revision);
  /* the field is the user's again: the next key press is saved */
  x_focus (GTK_WINDOW (f->window));
  g_assert_true (pw_ui_is_editing (GTK_WIDGET (f->name)));
  type_key (GDK_KEY_End, 0);
  type_key (GDK_KEY_Y, 0);
  g_clear_pointer (&stored, g_free);
  stored = stored_text (f, PW_PCN_NAME);
  g_assert_cmpstr (stored, ==, "Northmoor Riverside PCNY");
}

/* Bob's change to another field of the PCN is no conflict: both stand. */
static void
test_other_field (Fixture *f, gconstpointer data)
{
  g_autofree char *mine = g_strconcat (f->before, "X", NULL);
  g_autofree char *name = NULL, *manager = NULL;

  bob_writes (f, PW_PCN_MANAGER, "Priya Shah");
  type_key (GDK_KEY_End, 0);
  type_key (GDK_KEY_X, 0);
  pw_test_wait_ms (200);
  g_assert_null (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  name = stored_text (f, PW_PCN_NAME);
  manager = stored_text (f, PW_PCN_MANAGER);
  g_assert_cmpstr (name, ==, mine);
  g_assert_cmpstr (manager, ==, "Priya Shah");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_print ("1..1\nnot ok 1 /window-conflicts/display # no display: run under xvfb-run\n");
      return 1;
    }
  gtk_init ();
  adw_init ();

  g_test_add ("/window-conflicts/keep-mine", Fixture, NULL, fixture_setup, test_keep_mine, fixture_teardown);
  g_test_add ("/window-conflicts/take-theirs", Fixture, NULL, fixture_setup, test_take_theirs, fixture_teardown);
  g_test_add ("/window-conflicts/other-field", Fixture, NULL, fixture_setup, test_other_field, fixture_teardown);
  return g_test_run ();
}

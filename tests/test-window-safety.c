/* The real window while another program uses the workbook: edits made
 * while it holds the write lock wait, are shown as waiting and land once
 * it lets go; the window does not close on them without asking; writes by
 * the other program show in the window.  Checked against the SQLite file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-application.h"
#include "pw-demo.h"
#include "pw-domain-card.h"
#include "pw-maturity-page.h"
#include "pw-parse.h"
#include "pw-profile-page.h"
#include "pw-save-queue.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-ui-util.h"
#include "pw-window.h"

typedef struct
{
  char *dir;
  char *path;
  PwWindow *window;            /* weak: a test may close it */
  sqlite3 *other;              /* another program's connection, holding the lock */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  f->window = pw_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  g_assert_true (pw_window_open_path (f->window, f->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  pw_test_wait_ms (300);
}

static void
release_lock (Fixture *f)
{
  if (f->other == NULL)
    return;
  g_assert_cmpint (sqlite3_exec (f->other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (f->other);
  f->other = NULL;
}

static void
hold_lock (Fixture *f)
{
  g_assert_cmpint (sqlite3_open (f->path, &f->other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (f->other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  release_lock (f);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  pw_test_wait_ms (50);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
page_shows (gpointer page)
{
  return pw_profile_page_get_pcn (page) != NULL && gtk_widget_get_mapped (page);
}

static PwProfilePage *
select_pcn (Fixture *f, const char *code)
{
  PwPcn *pcn = pw_store_find_pcn_by_code (pw_window_get_store (f->window), code);
  PwProfilePage *page = PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"));

  g_assert_nonnull (pcn);
  pw_window_select_pcn (f->window, pw_pcn_get_id (pcn));
  g_assert_true (pw_test_wait_for (page_shows, page, 2000));
  g_assert_true (pw_profile_page_get_pcn (page) == pcn);
  return page;
}

/* 1 when the file holds @value in the PCN's @column, read as another program would. */
static gint64
stored_is (Fixture *f, const char *code, const char *column, const char *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s = '%s' FROM pcn WHERE code = '%s'", column, value, code);

  return pw_test_sql_int (f->path, sql);
}

static PwSaveQueue *
window_queue (Fixture *f)
{
  return pw_save_queue_for_store (pw_window_get_store (f->window));
}

static gboolean
queue_empty (gpointer data)
{
  return pw_save_queue_get_n_pending (window_queue (data)) == 0;
}

static gboolean
window_gone (gpointer data)
{
  return ((Fixture *) data)->window == NULL;
}

/* Types @text into @row as a user would: focus, select all, type. */
static void
type_into (GtkWidget *row, const char *text)
{
  gtk_widget_grab_focus (row);
  gtk_editable_select_region (GTK_EDITABLE (row), 0, -1);
  gtk_editable_delete_selection (GTK_EDITABLE (row));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int pos = -1;
      g_autofree char *ch = g_strndup (p, g_utf8_next_char (p) - p);

      pos = gtk_editable_get_position (GTK_EDITABLE (row));
      gtk_editable_insert_text (GTK_EDITABLE (row), ch, -1, &pos);
      gtk_editable_set_position (GTK_EDITABLE (row), pos);
      pw_test_settle (200);
    }
}

static gboolean
field_pending (gpointer field)
{
  return pw_ui_save_is_pending (field);
}

static GtkLabel *
hint_of (GtkWidget *row)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "pw-hint");

  g_assert_nonnull (label);
  return label;
}

static gboolean
cd_saved (gpointer f)
{
  return stored_is (f, "U90001", "clinical_director", "Dr Alex Morgan-Reid") == 1;
}

/* The longest gap between runs of a 5 ms timer: how long the window froze. */
typedef struct
{
  gint64 last;
  gint64 longest;
} Watch;

static gboolean
watch_cb (gpointer data)
{
  Watch *w = data;
  gint64 now = g_get_monotonic_time ();

  if (w->last != 0)
    w->longest = MAX (w->longest, now - w->last);
  w->last = now;
  return G_SOURCE_CONTINUE;
}

static void
test_busy_edit_waits_and_lands (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90001");
  GtkWidget *name = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "name_row");
  GtkWidget *manager = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "manager_row");
  GtkRevealer *bar = GTK_REVEALER (pw_test_child (f->window, PW_TYPE_WINDOW, "pending_revealer"));
  Watch free = { 0, 0 }, locked = { 0, 0 };
  guint watch_id;

  g_assert_false (gtk_revealer_get_reveal_child (bar));
  watch_id = g_timeout_add (5, watch_cb, &free);
  type_into (pw_test_child (page, PW_TYPE_PROFILE_PAGE, "cd_row"), "Dr Alex Morgan-Reid");
  g_assert_true (pw_test_wait_for (cd_saved, f, 5000));
  g_source_remove (watch_id);
  hold_lock (f);
  watch_id = g_timeout_add (5, watch_cb, &locked);
  type_into (name, "Northmoor Busy PCN");
  type_into (manager, "Asha Patel");
  gtk_editable_set_text (GTK_EDITABLE (name), "Northmoor Central and Busy PCN");
  g_assert_true (pw_test_wait_for (field_pending, name, 2000));
  pw_test_wait_ms (300);
  g_source_remove (watch_id);
  /* Numbers for people to read, not assertions: tests do not time things. */
  g_test_message ("longest main-loop stall typing: %.0f ms with the workbook free, "
                  "%.0f ms while another program held its lock",
                  free.longest / 1000.0, locked.longest / 1000.0);

  g_assert_cmpuint (pw_save_queue_get_n_pending (window_queue (f)), ==, 2);
  g_assert_true (pw_ui_save_is_pending (name));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hint_of (name))));
  g_assert_cmpstr (gtk_label_get_label (hint_of (name)), ==, "Not saved yet — will retry");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  g_assert_true (gtk_revealer_get_reveal_child (bar));
  g_assert_cmpint (stored_is (f, "U90001", "name", "Northmoor Central PCN"), ==, 1);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "save-pending.png");

  release_lock (f);
  g_assert_true (pw_test_wait_for (queue_empty, f, 10000));
  g_assert_cmpint (stored_is (f, "U90001", "name", "Northmoor Central and Busy PCN"), ==, 1);
  g_assert_cmpint (stored_is (f, "U90001", "manager", "Asha Patel"), ==, 1);
  g_assert_false (pw_ui_save_is_pending (name));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint_of (name))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Northmoor Central and Busy PCN");
  pw_test_wait_ms (300);
  g_assert_false (gtk_revealer_get_reveal_child (bar));
}

static gboolean
card_pending (gpointer card)
{
  return pw_ui_save_is_pending (card);
}

/* The return pages save through the same queue: evidence typed while
 * another program holds the lock starts the year's return once it lets go. */
static void
test_busy_maturity_lands (Fixture *f, gconstpointer data)
{
  PwMaturityPage *page = PW_MATURITY_PAGE (pw_window_get_page (f->window, "maturity"));
  GtkWidget *card, *view;
  GtkTextBuffer *buffer;
  g_autofree char *sql = NULL;

  select_pcn (f, "U90005");     /* the demo leaves this year's return unstarted */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack")),
                                         "maturity");
  pw_test_wait_ms (150);
  card = pw_maturity_page_get_card (page, 0);
  view = pw_test_child (card, PW_TYPE_DOMAIN_CARD, "evidence_view");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  sql = g_strdup_printf ("SELECT count(*) FROM maturity m JOIN pcn_return r ON r.id = m.return_id"
                         " JOIN pcn p ON p.id = r.pcn_id"
                         " WHERE p.code = 'U90005' AND r.year = %d AND m.evidence = 'Joint board minutes'",
                         pw_current_year ());

  hold_lock (f);
  gtk_widget_grab_focus (view);
  for (const char *p = "Joint board minutes"; *p; p++)
    {
      gtk_text_buffer_insert_at_cursor (buffer, p, 1);
      pw_test_settle (200);
    }
  g_assert_true (pw_test_wait_for (card_pending, card, 2000));
  g_assert_cmpuint (pw_save_queue_get_n_pending (window_queue (f)), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 0);
  release_lock (f);
  g_assert_true (pw_test_wait_for (queue_empty, f, 10000));
  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 1);
  g_assert_false (pw_ui_save_is_pending (card));
}

static AdwMessageDialog *
close_dialog (Fixture *f)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (f->window))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
dialog_shown (gpointer data)
{
  return close_dialog (data) != NULL;
}

/* What a click on a response button does: respond, then close. */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* An edit that could not be saved yet: closing asks; Cancel keeps the
 * window; Keep Trying closes it once the edit is in the file. */
static void
test_close_asks_then_keeps_trying (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90001");
  GtkWidget *manager = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "manager_row");
  AdwMessageDialog *dialog;

  hold_lock (f);
  type_into (manager, "Asha Patel");
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (pw_test_wait_for (dialog_shown, f, 2000));
  g_assert_nonnull (f->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  dialog = close_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 change has not been saved yet"));
  pw_test_wait_ms (300);        /* drawn, for the screenshot */
  pw_test_save_screenshot (GTK_WIDGET (dialog), "close-with-pending.png");
  respond (dialog, "cancel");
  pw_test_wait_ms (200);
  g_assert_nonnull (f->window);
  g_assert_null (close_dialog (f));
  g_assert_cmpuint (pw_save_queue_get_n_pending (window_queue (f)), ==, 1);

  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (pw_test_wait_for (dialog_shown, f, 2000));
  dialog = close_dialog (f);
  g_assert_nonnull (dialog);
  respond (dialog, "keep");
  pw_test_wait_ms (400);
  g_assert_nonnull (f->window);       /* still waiting for the lock */
  g_assert_cmpint (stored_is (f, "U90001", "manager", "Sam Whitfield"), ==, 1);
  release_lock (f);
  g_assert_true (pw_test_wait_for (window_gone, f, 10000));
  g_assert_cmpint (stored_is (f, "U90001", "manager", "Asha Patel"), ==, 1);
}

/* Discard closes at once and leaves the file as it was. */
static void
test_close_discard (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90001");
  GtkWidget *manager = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "manager_row");

  hold_lock (f);
  type_into (manager, "Asha Patel");
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (pw_test_wait_for (dialog_shown, f, 2000));
  g_assert_nonnull (close_dialog (f));
  respond (close_dialog (f), "discard");
  g_assert_true (pw_test_wait_for (window_gone, f, 2000));
  release_lock (f);
  g_assert_cmpint (stored_is (f, "U90001", "manager", "Sam Whitfield"), ==, 1);
}

/* Nothing waiting: the window closes without a question. */
static void
test_close_when_saved (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90001");

  type_into (pw_test_child (page, PW_TYPE_PROFILE_PAGE, "manager_row"), "Asha Patel");
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (pw_test_wait_for (window_gone, f, 2000));
  g_assert_cmpint (stored_is (f, "U90001", "manager", "Asha Patel"), ==, 1);
}

/* The application's Quit closes its windows the same way: one with an
 * edit waiting asks, and stays until answered. */
static void
test_quit_asks (Fixture *f, gconstpointer data)
{
  g_autoptr(PwApplication) app = pw_application_new ();
  g_autoptr(GError) error = NULL;
  PwProfilePage *page;

  gtk_window_destroy (GTK_WINDOW (f->window));      /* the fixture's has no application */
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  f->window = pw_window_new (GTK_APPLICATION (app));
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  g_assert_true (pw_window_open_path (f->window, f->path, &error));
  gtk_window_present (GTK_WINDOW (f->window));
  page = select_pcn (f, "U90001");

  hold_lock (f);
  type_into (pw_test_child (page, PW_TYPE_PROFILE_PAGE, "manager_row"), "Asha Patel");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (pw_test_wait_for (dialog_shown, f, 2000));
  g_assert_nonnull (f->window);
  respond (close_dialog (f), "discard");
  g_assert_true (pw_test_wait_for (window_gone, f, 2000));
  release_lock (f);
  g_assert_cmpint (stored_is (f, "U90001", "manager", "Sam Whitfield"), ==, 1);
}

static gboolean
sidebar_has_newtown (gpointer data)
{
  Fixture *f = data;
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_list"))));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (model, i);
      if (g_strcmp0 (pw_pcn_get_text (pcn, PW_PCN_CODE), "U99999") == 0)
        return TRUE;
    }
  return FALSE;
}

/* Another program adds a PCN and edits the open one: the sidebar and the
 * page follow within a poll, except the field the user is typing in. */
static void
test_follows_other_programs (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90001");
  GtkWidget *name = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "name_row");
  GtkWidget *manager = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "manager_row");
  PwStore *mine = pw_window_get_store (f->window);
  g_autoptr(PwStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = pw_pcn_get_id (pw_store_find_pcn_by_code (mine, "U90001"));

  gtk_widget_grab_focus (name);
  gtk_editable_set_position (GTK_EDITABLE (name), -1);
  other = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (other, "U99999", "Newtown PCN", 0, NULL, &error));
  g_assert_true (pw_store_set_pcn_text (other, id, PW_PCN_MANAGER, "Morgan Hale", &error));
  g_assert_true (pw_store_set_pcn_text (other, id, PW_PCN_NAME, "Renamed Elsewhere PCN", &error));
  g_assert_no_error (error);
  g_assert_false (sidebar_has_newtown (f));

  g_assert_true (pw_test_wait_for (sidebar_has_newtown, f, 8000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (manager)), ==, "Morgan Hale");
  /* The field being typed in keeps what the user sees. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Northmoor Central PCN");
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (mine)), ==, 14);
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
  gtk_init ();
  adw_init ();
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/window-safety/busy-edit-waits-and-lands", test_busy_edit_waits_and_lands);
  ADD ("/window-safety/busy-maturity-lands", test_busy_maturity_lands);
  ADD ("/window-safety/close-asks-then-keeps-trying", test_close_asks_then_keeps_trying);
  ADD ("/window-safety/close-discard", test_close_discard);
  ADD ("/window-safety/close-when-saved", test_close_when_saved);
  ADD ("/window-safety/quit-asks", test_quit_asks);
  ADD ("/window-safety/follows-other-programs", test_follows_other_programs);
#undef ADD
  return g_test_run ();
}

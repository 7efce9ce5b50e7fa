/* The window as a new user finds it: keys that must not change data, an
 * answer for every action, and widths from half a screen up.  Each test
 * drives the real window with key presses and clicks, then reads the
 * SQLite file back through a connection of its own.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#define PW_TEST_WITH_GTK
#include "pw-demo.h"
#include "pw-domain-card.h"
#include "pw-item-editor.h"
#include "pw-matrix.h"
#include "pw-maturity-page.h"
#include "pw-merge-dialog.h"
#include "pw-overview-page.h"
#include "pw-parse.h"
#include "pw-practice-row.h"
#include "pw-preferences-window.h"
#include "pw-profile-page.h"
#include "pw-return-bar.h"
#include "pw-roles-window.h"
#include "pw-swot-page.h"
#include "pw-workforce-page.h"
#include "pw-test-util.h"
#include "pw-ui-util.h"
#include "pw-window.h"

typedef struct
{
  char *dir;
  char *path;
  PwWindow *window;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  {
    g_autoptr(PwStore) store = pw_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_true (pw_demo_load (store, &error));
  }
  f->window = pw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  g_assert_true (pw_window_open_path (f->window, f->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  pw_test_wait_ms (300);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (f->window));
  pw_test_wait_ms (50);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GtkWidget *
child (gpointer widget, GType type, const char *name)
{
  GObject *obj = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (obj);
  return GTK_WIDGET (obj);
}

static GtkWidget *
focus_of (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static void
select_pcn (Fixture *f, const char *code)
{
  PwPcn *pcn = pw_store_find_pcn_by_code (pw_window_get_store (f->window), code);

  g_assert_nonnull (pcn);
  pw_window_select_pcn (f->window, pw_pcn_get_id (pcn));
  pw_test_wait_ms (100);
}

static void
show_tab (Fixture *f, const char *tab)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (child (f->window, PW_TYPE_WINDOW, "pcn_stack")), tab);
  pw_test_wait_ms (150);
}

/* Another connection, as a new process would open the file. */
static PwStore *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PwStore *other;

  while (g_main_context_iteration (NULL, FALSE))
    ;                            /* saves queued for idle */
  other = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  return other;
}

static PwReturn *
stored_return (PwStore *store, const char *code)
{
  PwPcn *pcn = pw_store_find_pcn_by_code (store, code);

  return pw_store_get_return (store, pw_pcn_get_id (pcn), pw_current_year (), NULL);
}

static PwMaturity *
stored_domain (Fixture *f, const char *code, guint domain)
{
  g_autoptr(PwStore) other = reopen (f);
  g_autoptr(PwReturn) ret = stored_return (other, code);
  g_autoptr(GListModel) levels = NULL;

  g_assert_nonnull (ret);
  levels = pw_store_list_maturity (other, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), NULL);
  return g_list_model_get_item (levels, domain);
}

/* Types @text where the focus is, as the keyboard would: into a text
 * field if the focus is one, and nowhere otherwise. */
static void
type_text (Fixture *f, const char *text)
{
  GtkWidget *focus = focus_of (f);

  if (GTK_IS_EDITABLE (focus))
    {
      int pos = gtk_editable_get_position (GTK_EDITABLE (focus));
      gtk_editable_insert_text (GTK_EDITABLE (focus), text, -1, &pos);
    }
  else if (GTK_IS_TEXT_VIEW (focus))
    gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), text, -1);
}

static gboolean
is_text_field (GtkWidget *w)
{
  return GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w);
}

/* The first descendant of @type, and with @icon when not NULL. */
static GtkWidget *
find_descendant (GtkWidget *w, GType type, const char *icon)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) &&
      (icon == NULL || (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (w)), icon) == 0)))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type, icon);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Nothing changes by accident                                         */

/* Tab leaves a domain's levels for its evidence (and Shift+Tab goes back
 * out) with the level as it was; the arrows still choose. */
static void
test_tab_leaves_level (Fixture *f, gconstpointer data)
{
  PwMaturityPage *page = PW_MATURITY_PAGE (pw_window_get_page (f->window, "maturity"));
  GtkWidget *card, *list, *evidence;
  g_autoptr(PwMaturity) before = NULL, after = NULL, typed = NULL;

  select_pcn (f, "U90001");      /* this year's draft, every domain scored */
  show_tab (f, "maturity");
  card = pw_maturity_page_get_card (page, 1);
  list = child (card, PW_TYPE_DOMAIN_CARD, "level_list");
  evidence = child (card, PW_TYPE_DOMAIN_CARD, "evidence_view");
  before = stored_domain (f, "U90001", 1);

  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (GTK_LIST_BOX (list))));
  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_Tab, 0));
  type_text (f, "Monthly board minutes");
  after = stored_domain (f, "U90001", 1);
  g_assert_cmpint (pw_row_get_int (PW_ROW (after), PW_MATURITY_LEVEL), ==,
                   pw_row_get_int (PW_ROW (before), PW_MATURITY_LEVEL));
  g_assert_true (focus_of (f) == evidence);
  g_assert_nonnull (strstr (pw_row_get_string (PW_ROW (after), PW_MATURITY_EVIDENCE), "Monthly board minutes"));

  /* Shift+Tab back into the list lands on a row; Shift+Tab again leaves
   * it upwards; the level never moves. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (GTK_LIST_BOX (list))));
  for (int i = 0; i < 3; i++)
    pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK);
  g_assert_false (gtk_widget_is_ancestor (focus_of (f), list));
  typed = stored_domain (f, "U90001", 1);
  g_assert_cmpint (pw_row_get_int (PW_ROW (typed), PW_MATURITY_LEVEL), ==,
                   pw_row_get_int (PW_ROW (before), PW_MATURITY_LEVEL));

  /* The arrows do choose: Down picks the next level and saves it. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (GTK_LIST_BOX (list))));
  g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  {
    g_autoptr(PwMaturity) moved = stored_domain (f, "U90001", 1);
    g_assert_cmpint (pw_row_get_int (PW_ROW (moved), PW_MATURITY_LEVEL), !=,
                     pw_row_get_int (PW_ROW (before), PW_MATURITY_LEVEL));
  }
}

/* Searching keeps the PCN being edited open; Enter opens the first match
 * with focus in the list, so what is typed next renames nothing. */
static void
test_search_enter (Fixture *f, gconstpointer data)
{
  GtkWidget *search = child (f->window, PW_TYPE_WINDOW, "search_entry");
  GtkStack *content = GTK_STACK (child (f->window, PW_TYPE_WINDOW, "content_stack"));
  PwProfilePage *profile = PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child (f->window, PW_TYPE_WINDOW, "pcn_list"))));
  g_autoptr(PwStore) before = reopen (f);

  select_pcn (f, "U90002");
  gtk_widget_grab_focus (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "u90007");
  pw_test_wait_ms (400);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  /* Still on U90002, which the list no longer shows. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "pcn");
  g_assert_cmpstr (pw_pcn_get_text (pw_profile_page_get_pcn (profile), PW_PCN_CODE), ==, "U90002");
  /* Its other tabs still fill, with its data. */
  show_tab (f, "maturity");
  {
    GtkWidget *bar = child (pw_window_get_page (f->window, "maturity"), PW_TYPE_MATURITY_PAGE, "return_bar");
    const char *status = gtk_label_get_label (GTK_LABEL (child (bar, PW_TYPE_RETURN_BAR, "status_label")));

    g_assert_true (g_str_has_prefix (status, pw_pcn_get_text (pw_store_find_pcn_by_code (before, "U90002"), PW_PCN_NAME)));
  }
  show_tab (f, "profile");

  g_signal_emit_by_name (search, "activate");
  pw_test_wait_ms (100);
  g_assert_cmpstr (pw_pcn_get_text (pw_profile_page_get_pcn (profile), PW_PCN_CODE), ==, "U90007");
  type_text (f, "x");
  pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_BackSpace, 0);
  {
    g_autoptr(PwStore) after = reopen (f);
    const char *codes[] = { "U90002", "U90007" };

    for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
      g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn_by_code (after, codes[i]), PW_PCN_NAME), ==,
                       pw_pcn_get_text (pw_store_find_pcn_by_code (before, codes[i]), PW_PCN_NAME));
  }
  g_assert_false (is_text_field (focus_of (f)));

  /* Clearing the search keeps U90007 open and selected in the list. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  pw_test_wait_ms (400);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 13);
  g_assert_cmpstr (pw_pcn_get_text (pw_profile_page_get_pcn (profile), PW_PCN_CODE), ==, "U90007");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "pcn");
}

/* The demo never goes among real PCNs: the menu item offers a new
 * workbook instead, and the store refuses outright. */
static void
test_demo_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  pw_test_exec (f->path, "UPDATE pcn SET name = 'Real ' || name");
  pw_store_reload (pw_window_get_store (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.load-demo", NULL));
  pw_test_wait_ms (100);
  dialog = pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Demo Data Goes in a New Workbook");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  pw_test_wait_ms (50);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn"), ==, 13);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE name NOT LIKE 'Real %'"), ==, 0);

  /* The store says why, for the command line too. */
  {
    g_autoptr(PwStore) other = reopen (f);
    g_assert_false (pw_demo_load (other, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "new, empty workbook"));
  }
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn"), ==, 13);
}

static char *
stored_items (Fixture *f, const char *code, PwItemList list)
{
  g_autoptr(PwStore) other = reopen (f);
  g_autoptr(PwReturn) ret = stored_return (other, code);
  g_autoptr(GListModel) items = NULL;
  GString *out = g_string_new (NULL);

  items = ret ? pw_store_list_items (other, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), list, NULL) : NULL;
  for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PwItem) item = g_list_model_get_item (items, i);
      g_string_append_printf (out, "%s%s", i ? "|" : "", pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT));
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
item_field (GtkWidget *editor, int index)
{
  GtkListBox *list = GTK_LIST_BOX (child (editor, PW_TYPE_ITEM_EDITOR, "list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);
  return g_object_get_data (G_OBJECT (row), "pw-entry");
}

static void
add_item (GtkWidget *editor, const char *text)
{
  GtkWidget *add = child (editor, PW_TYPE_ITEM_EDITOR, "add_entry");

  gtk_editable_set_text (GTK_EDITABLE (add), text);
  g_signal_emit_by_name (add, "activate");
}

/* Ctrl+Delete in an item's text removes the item, not a word of it; an
 * emptied item is never stored, and its Undo brings back the stored text. */
static void
test_swot_ctrl_delete (Fixture *f, gconstpointer data)
{
  PwSwotPage *page = PW_SWOT_PAGE (pw_window_get_page (f->window, "swot"));
  GtkWidget *overlay = child (f->window, PW_TYPE_WINDOW, "toast_overlay");
  GtkWidget *editor;
  g_autofree char *added = NULL, *emptied = NULL, *removed = NULL, *undone = NULL;

  select_pcn (f, "U90004");      /* a draft */
  show_tab (f, "swot");
  editor = pw_swot_page_get_editor (page, PW_LIST_WEAKNESSES);
  add_item (editor, "Estates too small for the ARRS team");
  add_item (editor, "No shared care records");
  add_item (pw_swot_page_get_editor (page, PW_LIST_STRENGTHS),
            "A clinical director with protected time, a manager in post since 2020, and practices that "
            "already share a pharmacist and a care coordinator across the network");
  added = stored_items (f, "U90004", PW_LIST_WEAKNESSES);
  g_assert_cmpstr (added, ==, "Estates too small for the ARRS team|No shared care records");

  /* Emptying the text in place stores nothing. */
  gtk_editable_set_text (GTK_EDITABLE (item_field (editor, 0)), "");
  emptied = stored_items (f, "U90004", PW_LIST_WEAKNESSES);
  g_assert_cmpstr (emptied, ==, added);

  /* Ctrl+Delete, with the cursor in the text, removes the item. */
  gtk_widget_grab_focus (item_field (editor, 0));
  gtk_editable_set_text (GTK_EDITABLE (item_field (editor, 1)), "No shared care records yet");
  gtk_widget_grab_focus (item_field (editor, 1));
  gtk_editable_set_position (GTK_EDITABLE (item_field (editor, 1)), 0);
  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_Delete, GDK_CONTROL_MASK));
  removed = stored_items (f, "U90004", PW_LIST_WEAKNESSES);
  g_assert_cmpstr (removed, ==, "Estates too small for the ARRS team");

  /* Removing the emptied one, then Undo: the stored text returns, never "". */
  gtk_editable_set_text (GTK_EDITABLE (item_field (editor, 0)), "");
  gtk_widget_grab_focus (item_field (editor, 0));
  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_Delete, GDK_CONTROL_MASK));
  {
    g_autofree char *none = stored_items (f, "U90004", PW_LIST_WEAKNESSES);
    g_assert_cmpstr (none, ==, "");
  }
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (overlay), "pw-undo-toast"), "button-clicked");
  undone = stored_items (f, "U90004", PW_LIST_WEAKNESSES);
  g_assert_cmpstr (undone, ==, "Estates too small for the ARRS team");
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM return_item WHERE trim(text) = ''"), ==, 0);
  /* The store refuses an empty item from anywhere (an import, the CLI). */
  {
    PwStore *store = pw_window_get_store (f->window);
    g_autoptr(PwReturn) ret = stored_return (store, "U90004");
    g_autoptr(GError) error = NULL;

    g_assert_false (pw_store_add_item (store, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), PW_LIST_THREATS, -1,
                                       " \t\n", NULL, &error));
    g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  }
  /* A long item wraps to several lines, in full. */
  {
    GtkWidget *long_item = item_field (pw_swot_page_get_editor (page, PW_LIST_STRENGTHS), 0);
    pw_test_wait_ms (100);
    pw_test_save_screenshot (GTK_WIDGET (f->window), "swot-wrapped.png");
    g_assert_cmpint (gtk_widget_get_height (long_item), >, 2 * gtk_widget_get_height (child (editor, PW_TYPE_ITEM_EDITOR, "add_entry")));
  }
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  GtkWindow *dialog;

  pw_test_wait_ms (100);
  dialog = pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Submitting a return with domains unscored asks first, then locks the
 * return; Reopen asks why, records it, and drops the stale review. */
static void
test_submit_and_reopen (Fixture *f, gconstpointer data)
{
  PwMaturityPage *page = PW_MATURITY_PAGE (pw_window_get_page (f->window, "maturity"));
  PwStore *store = pw_window_get_store (f->window);
  GtkWidget *bar, *card, *list, *note;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  gint64 ret = 0;

  pw_store_set_user_name (store, "Alex Manager");
  g_assert_true (pw_store_ensure_return (store, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90005")),
                                         pw_current_year (), &ret, &error));
  g_assert_true (pw_store_set_maturity_level (store, ret, 0, 2, &error));
  select_pcn (f, "U90005");
  show_tab (f, "maturity");
  bar = child (page, PW_TYPE_MATURITY_PAGE, "return_bar");
  card = pw_maturity_page_get_card (page, 3);
  list = child (card, PW_TYPE_DOMAIN_CARD, "level_list");
  g_assert_true (gtk_widget_get_sensitive (list));

  /* Keep Editing changes nothing. */
  g_signal_emit_by_name (child (bar, PW_TYPE_RETURN_BAR, "submit_button"), "clicked");
  dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "4 of the five domains have no score"));
  pw_test_save_screenshot (GTK_WIDGET (dialog), "submit-unscored.png");
  adw_message_dialog_response (dialog, "cancel");
  pw_test_wait_ms (50);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT status FROM pcn_return WHERE id IN (SELECT max(id) FROM pcn_return)"), ==,
                   PW_STATUS_DRAFT);

  g_signal_emit_by_name (child (bar, PW_TYPE_RETURN_BAR, "submit_button"), "clicked");
  adw_message_dialog_response (wait_for_dialog (), "submit");
  pw_test_wait_ms (100);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT status FROM pcn_return WHERE id = %" G_GINT64_FORMAT, ret);
    g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, PW_STATUS_SUBMITTED);
  }
  g_assert_false (gtk_widget_get_sensitive (list));     /* read-only until reopened */

  /* A review, then Reopen: it needs a reason, and records it. */
  g_assert_true (pw_store_set_return_status (store, ret, PW_STATUS_REVIEWED, "Lee Head", "Data domain looks generous", &error));
  pw_test_wait_ms (50);
  note = child (bar, PW_TYPE_RETURN_BAR, "note_label");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (note)), "Data domain looks generous"));
  g_signal_emit_by_name (child (bar, PW_TYPE_RETURN_BAR, "reopen_button"), "clicked");
  dialog = wait_for_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reopen"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "List sizes corrected");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reopen"));
  pw_test_wait_ms (200);
  pw_test_save_screenshot (GTK_WIDGET (dialog), "reopen-reason.png");
  adw_message_dialog_response (dialog, "reopen");
  pw_test_wait_ms (100);
  {
    g_autoptr(PwStore) other = reopen (f);
    g_autoptr(PwReturn) r = stored_return (other, "U90005");
    g_autoptr(GListModel) changes = pw_store_list_changes (other, ret, NULL);
    g_autoptr(PwChange) last = g_list_model_get_item (changes, 0);

    g_assert_cmpint (pw_row_get_int (PW_ROW (r), PW_RETURN_STATUS), ==, PW_STATUS_DRAFT);
    g_assert_cmpstr (pw_row_get_string (PW_ROW (r), PW_RETURN_REVIEW_NOTE), ==, "");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_CHANGE_NEW), ==, "Draft (List sizes corrected)");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_CHANGE_USER), ==, "Alex Manager");
  }
  /* The bar tells of the reopening, not the old comment. */
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (note)), "Reviewer’s comment"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (note)), "List sizes corrected"));
  g_assert_true (gtk_widget_get_sensitive (list));
  pw_test_wait_ms (50);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "reopened-return.png");
}

/* ------------------------------------------------------------------ */
/* An answer for every action                                          */

/* Toasts reach the window's overlay when asked from the window itself. */
static void
test_toasts_show (Fixture *f, gconstpointer data)
{
  select_pcn (f, "U90005");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-last-year", NULL));
  pw_test_wait_ms (100);
  /* AdwToastOverlay shows a toast as an AdwToastWidget child: look for its title. */
  {
    GtkWidget *overlay = child (f->window, PW_TYPE_WINDOW, "toast_overlay");
    gboolean found = FALSE;

    for (GtkWidget *w = gtk_widget_get_first_child (overlay); w && !found; w = gtk_widget_get_next_sibling (w))
      found = g_type_name (G_OBJECT_TYPE (w)) && g_str_equal (g_type_name (G_OBJECT_TYPE (w)), "AdwToastWidget");
    g_assert_true (found);
  }
}

/* An export ends with a message that opens the file or its folder. */
static void
test_export_toast (Fixture *f, gconstpointer data)
{
  GtkWidget *overlay = child (f->window, PW_TYPE_WINDOW, "toast_overlay");
  g_autofree char *out = g_build_filename (f->dir, "appendix.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  PwExportOptions options = { .year = pw_current_year () };
  AdwToast *toast;

  pw_window_export_file (f->window, &options, file);
  for (int i = 0; i < 600 && pw_window_is_busy (f->window); i++)
    pw_test_wait_ms (50);
  g_assert_false (pw_window_is_busy (f->window));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  toast = g_object_get_data (G_OBJECT (overlay), "pw-export-toast");
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-export");
  g_assert_nonnull (find_descendant (adw_toast_get_custom_title (toast), GTK_TYPE_BUTTON, NULL));
  pw_test_wait_ms (300);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "export-toast.png");
}

/* The overview's filters drive its counts and its ARRS summary; filters
 * that match nothing say so, with a way back. */
static void
test_overview_filters (Fixture *f, gconstpointer data)
{
  PwOverviewPage *overview = PW_OVERVIEW_PAGE (pw_window_get_page (f->window, "overview"));
  GtkDropDown *locality = GTK_DROP_DOWN (child (overview, PW_TYPE_OVERVIEW_PAGE, "locality_filter"));
  GtkDropDown *status = GTK_DROP_DOWN (child (overview, PW_TYPE_OVERVIEW_PAGE, "status_filter"));
  GtkLabel *counts = GTK_LABEL (child (overview, PW_TYPE_OVERVIEW_PAGE, "counts_label"));
  GtkLabel *workforce = GTK_LABEL (child (overview, PW_TYPE_OVERVIEW_PAGE, "workforce_label"));
  GtkStack *results = GTK_STACK (child (overview, PW_TYPE_OVERVIEW_PAGE, "results_stack"));
  g_autofree char *all_workforce = NULL;
  g_autofree char *expected = NULL;
  gint64 in_post = 0;

  /* The returns are read after the window first draws. */
  for (int i = 0; i < 30 && strstr (gtk_label_get_label (counts), "13 PCNs: 2 without a return") == NULL; i++)
    pw_test_wait_ms (100);
  all_workforce = g_strdup (gtk_label_get_label (workforce));
  g_assert_nonnull (strstr (gtk_label_get_label (counts), "13 PCNs: 2 without a return"));
  gtk_drop_down_set_selected (locality, 2);        /* Northmoor: three PCNs */
  g_assert_nonnull (strstr (gtk_label_get_label (counts), "3 of 13 PCNs: 0 without a return"));
  /* The summary is Northmoor's, as the store adds it up. */
  {
    PwStore *store = pw_window_get_store (f->window);
    GListModel *shown = pw_overview_page_get_model (overview);
    g_autofree char *wte = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(PwPcn) pcn = g_list_model_get_item (shown, i);
        g_autoptr(PwReturn) ret = pw_store_get_return (store, pw_pcn_get_id (pcn), pw_current_year (), NULL);
        g_autoptr(GListModel) rows = ret ? pw_store_list_wte (store, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), NULL) : NULL;

        for (guint j = 0; rows && j < g_list_model_get_n_items (rows); j++)
          {
            g_autoptr(PwArrsWte) w = g_list_model_get_item (rows, j);
            in_post += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_IN_POST);
          }
      }
    wte = pw_format_wte (in_post);
    expected = g_strdup_printf (": %s WTE in post", wte);
  }
  g_assert_nonnull (strstr (gtk_label_get_label (workforce), expected));
  g_assert_cmpstr (gtk_label_get_label (workforce), !=, all_workforce);

  gtk_drop_down_set_selected (locality, 1);        /* Eastvale… */
  gtk_drop_down_set_selected (status, 1);          /* …with no return: none */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (results), ==, "none");
  g_assert_nonnull (strstr (gtk_label_get_label (counts), "0 of 13 PCNs"));
  pw_test_wait_ms (100);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "overview-no-match.png");
  gtk_drop_down_set_selected (locality, 0);
  gtk_drop_down_set_selected (status, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (results), ==, "list");
  g_assert_cmpstr (gtk_label_get_label (workforce), ==, all_workforce);
}

/* Labels under @w whose text holds @text. */
static guint
count_labels (GtkWidget *w, const char *text)
{
  guint n = GTK_IS_LABEL (w) && strstr (gtk_label_get_label (GTK_LABEL (w)), text) != NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    n += count_labels (c, text);
  return n;
}

/* Whether @w holds a label naming @level in its colour. */
static gboolean
has_swatch (GtkWidget *w, int level)
{
  if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, pw_level_css_class (level)) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (w)), pw_level_name (level)) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    if (has_swatch (c, level))
      return TRUE;
  return FALSE;
}

/* The overview as a view: scoped to one locality (its PCNs, its counts), a
 * key to the colours, the change since last year on each cell, and a year
 * menu that says which years hold returns. */
static void
test_overview_view (Fixture *f, gconstpointer data)
{
  PwOverviewPage *overview = PW_OVERVIEW_PAGE (pw_window_get_page (f->window, "overview"));
  GtkLabel *counts = GTK_LABEL (child (overview, PW_TYPE_OVERVIEW_PAGE, "counts_label"));
  GtkWidget *grid = child (overview, PW_TYPE_OVERVIEW_PAGE, "heat_list");
  GtkWidget *key = child (overview, PW_TYPE_OVERVIEW_PAGE, "key_box");
  GtkWidget *years = child (f->window, PW_TYPE_WINDOW, "year_dropdown");
  PwStore *store = pw_window_get_store (f->window);
  GListModel *shown = pw_overview_page_get_model (overview);
  gint64 northmoor = pw_pcn_get_number (pw_store_find_pcn_by_code (store, "U90001"), PW_PCN_LOCALITY_ID);
  g_autofree char *this_year = pw_format_year (pw_current_year ());
  g_autofree char *last_year = pw_format_year (pw_current_year () - 1);
  g_autofree char *this_count = g_strdup_printf ("%s · 11 returns", this_year);
  g_autofree char *last_count = g_strdup_printf ("%s · 13 returns", last_year);
  guint marks;

  for (int i = 0; i < 30 && strstr (gtk_label_get_label (counts), "13 PCNs: 2 without") == NULL; i++)
    pw_test_wait_ms (100);
  pw_overview_page_set_locality (overview, northmoor);
  pw_test_wait_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (shown, i);
      g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_LOCALITY_ID), ==, northmoor);
    }
  g_assert_nonnull (strstr (gtk_label_get_label (counts), "3 of 13 PCNs: 0 without a return"));
  pw_test_save_screenshot (GTK_WIDGET (f->window), "overview-locality.png");
  pw_overview_page_set_locality (overview, 0);
  pw_test_wait_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 13);

  /* Every level in the key, each in its colour. */
  for (guint i = 0; i < PW_N_LEVELS; i++)
    g_assert_true (has_swatch (key, pw_level_at (i)));
  /* Each scored cell says how it moved since last year. */
  marks = count_labels (grid, " ↑") + count_labels (grid, " ↓") + count_labels (grid, " =");
  g_assert_cmpuint (marks, >, 0);
  g_assert_cmpuint (count_labels (grid, "Foundation") + count_labels (grid, "Step"), >=, marks);

  /* The year menu. */
  g_signal_emit_by_name (years, "activate");
  pw_test_wait_ms (200);
  g_assert_cmpuint (count_labels (years, this_count), ==, 1);
  g_assert_cmpuint (count_labels (years, last_count), ==, 1);
  gtk_popover_popdown (GTK_POPOVER (find_descendant (years, GTK_TYPE_POPOVER, NULL)));
  pw_test_wait_ms (100);
}

/* Mapped rows (AdwPreferencesRow) whose title holds @text. */
static guint
count_shown_rows (GtkWidget *w, const char *text)
{
  guint n = ADW_IS_PREFERENCES_ROW (w) && gtk_widget_get_mapped (w) &&
            strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), text) != NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    n += count_shown_rows (c, text);
  return n;
}

/* A WTE that is not a number is marked and says why under its row, in
 * words; the stored figure stays as it was. */
static void
test_workforce_says_why (Fixture *f, gconstpointer data)
{
  PwWorkforcePage *page = PW_WORKFORCE_PAGE (pw_window_get_page (f->window, "workforce"));
  GtkListBox *list = GTK_LIST_BOX (child (page, PW_TYPE_WORKFORCE_PAGE, "wte_list"));
  GtkWidget **cells, *problem;
  g_autofree char *sql = NULL;
  gint64 before;

  select_pcn (f, "U90001");
  show_tab (f, "workforce");
  cells = g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 0)), "pw-entries");
  problem = g_object_get_data (G_OBJECT (cells[0]), "pw-problem");
  sql = g_strdup_printf ("SELECT wte FROM arrs_wte WHERE return_id = (SELECT id FROM pcn_return WHERE year = %d AND"
                         " pcn_id = (SELECT id FROM pcn WHERE code = 'U90001')) ORDER BY role_id LIMIT 1", pw_current_year ());
  before = pw_test_sql_int (f->path, sql);
  g_assert_false (gtk_widget_get_visible (problem));
  gtk_editable_set_text (GTK_EDITABLE (cells[0]), "two");
  pw_test_wait_ms (50);
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (problem)), "WTE in post: "));
  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, before);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "workforce-invalid.png");
  gtk_editable_set_text (GTK_EDITABLE (cells[0]), "1.5");
  pw_test_wait_ms (50);
  g_assert_false (gtk_widget_get_visible (problem));
}

/* The ARRS Roles window's search finds roles by name. */
static void
test_roles_search (Fixture *f, gconstpointer data)
{
  GtkWindow *roles;
  GtkWidget *entry;

  g_assert_true (pw_store_add_role (pw_window_get_store (f->window), "Home/RR Paramedic", 0, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.manage-roles", NULL));
  pw_test_wait_ms (200);
  roles = pw_test_find_toplevel (PW_TYPE_ROLES_WINDOW);
  g_assert_nonnull (roles);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (roles), TRUE);
  /* The header's search button, as a click would. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_descendant (GTK_WIDGET (roles), GTK_TYPE_TOGGLE_BUTTON,
                                                                    "edit-find-symbolic")), TRUE);
  pw_test_wait_ms (100);
  entry = find_descendant (GTK_WIDGET (roles), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "paramedic");
  /* The search runs once typing pauses; a loaded machine takes longer. */
  for (int i = 0; i < 30 && count_shown_rows (GTK_WIDGET (roles), "pharmacist") > 0; i++)
    pw_test_wait_ms (100);
  pw_test_wait_ms (100);
  g_assert_cmpuint (count_shown_rows (GTK_WIDGET (roles), "Paramedic"), >=, 1);
  g_assert_cmpuint (count_shown_rows (GTK_WIDGET (roles), "pharmacist"), ==, 0);
  pw_test_save_screenshot (GTK_WIDGET (roles), "roles-search.png");
  gtk_window_destroy (roles);
}

/* Every shortcut the window installs for its actions is in the Keyboard
 * Shortcuts window. */
static void
test_shortcuts_listed (Fixture *f, gconstpointer data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/uk/nhs/PcnWorkbook/pw-help-overlay.ui");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_autoptr(GString) listed = g_string_new (" ");
  GSList *objects = gtk_builder_get_objects (builder);
  guint checked = 0;

  for (GSList *l = objects; l; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accels = NULL;
        g_auto(GStrv) each = NULL;

        g_object_get (l->data, "accelerator", &accels, NULL);
        each = g_strsplit (accels ? accels : "", " ", -1);
        for (guint i = 0; each[i]; i++)
          {
            guint key = 0;
            GdkModifierType mods = 0;
            g_autofree char *name = NULL;

            g_assert_true (gtk_accelerator_parse (each[i], &key, &mods));
            name = gtk_accelerator_name (key, mods);
            g_string_append_printf (listed, "%s ", name);
          }
      }
  g_slist_free (objects);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      for (guint j = 0; GTK_IS_SHORTCUT_CONTROLLER (c) && j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *name = NULL, *needle = NULL;

          if (!GTK_IS_NAMED_ACTION (action) || !g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.") ||
              !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          name = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                       gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          needle = g_strdup_printf (" %s ", name);
          if (strstr (listed->str, needle) == NULL)
            g_error ("%s (%s) is not in the Keyboard Shortcuts window", name,
                     gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 7);
}

/* With no workbook open, actions that need one are off. */
static void
test_actions_need_workbook (void)
{
  PwWindow *window = pw_window_new (NULL);
  static const char *off[] = { "win.import-profiles", "win.export-appendix", "win.add-pcn", "win.add-locality",
                               "win.manage-roles", "win.restore-backup", "win.copy-last-year" };
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  GtkStack *content;

  GtkWidget *content_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *buttons[G_N_ELEMENTS (off)];

  /* A button bound to an action is insensitive while the action is off,
   * as the menu's items are: one per action, beside the window's content. */
  GtkWidget *content_widget = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)));

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), content_box);
  gtk_box_append (GTK_BOX (content_box), content_widget);
  g_object_unref (content_widget);
  for (guint i = 0; i < G_N_ELEMENTS (off); i++)
    {
      buttons[i] = gtk_button_new_with_label (off[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (buttons[i]), off[i]);
      gtk_box_append (GTK_BOX (content_box), buttons[i]);
    }
  gtk_window_present (GTK_WINDOW (window));
  pw_test_wait_ms (100);
  for (guint i = 0; i < G_N_ELEMENTS (off); i++)
    if (gtk_widget_get_sensitive (buttons[i]))
      g_error ("%s is on with no workbook open", off[i]);

  /* An empty workbook says so, and offers the ways to fill it. */
  g_assert_true (pw_window_open_path (window, path, &error));
  pw_test_wait_ms (100);
  content = GTK_STACK (child (window, PW_TYPE_WINDOW, "content_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "empty");
  for (guint i = 0; i < 4; i++)
    g_assert_true (gtk_widget_get_sensitive (buttons[i]));
  g_assert_false (gtk_widget_get_sensitive (buttons[6]));   /* no PCN selected to copy into */
  pw_test_save_screenshot (GTK_WIDGET (window), "empty-workbook.png");
  g_assert_true (pw_store_add_pcn (pw_window_get_store (window), "U12345", "Riverside PCN", 0, NULL, &error));
  pw_test_wait_ms (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "overview");
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
  pw_test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Preferences                                                         */

/* The name set in Preferences is what the change log records. */
static void
test_preferences_user_name (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("uk.nhs.PcnWorkbook");
  PwStore *store = pw_window_get_store (f->window);
  GtkWindow *prefs;
  GtkWidget *row;
  g_autoptr(GError) error = NULL;
  gint64 ret = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  pw_test_wait_ms (100);
  prefs = pw_test_find_toplevel (PW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  row = child (prefs, PW_TYPE_PREFERENCES_WINDOW, "user_name_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "Sam Analyst");
  pw_test_save_screenshot (GTK_WIDGET (prefs), "preferences.png");
  gtk_window_destroy (prefs);
  g_assert_cmpstr (pw_store_get_user_name (store), ==, "Sam Analyst");

  g_assert_true (pw_store_ensure_return (store, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90005")),
                                         pw_current_year (), &ret, &error));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE return_id = %" G_GINT64_FORMAT
                                            " AND user = 'Sam Analyst'", ret);
    g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 1);
  }
  g_settings_reset (settings, "user-name");
  g_assert_cmpstr (pw_store_get_user_name (store), !=, "Sam Analyst");
}

/* ------------------------------------------------------------------ */
/* Values that could not be saved                                      */

static AdwMessageDialog *
take_dialog (const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "keep"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  if (response != NULL)
    {
      /* As a click on the button: the response, then the dialog goes. */
      adw_message_dialog_response (dialog, response);
      gtk_window_destroy (GTK_WINDOW (dialog));
      pw_test_wait_ms (100);
    }
  return dialog;
}

static PwPcn *
profile_pcn (Fixture *f)
{
  return pw_profile_page_get_pcn (PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile")));
}

/* A WTE the workbook refused stays on screen, marked, until the user
 * fixes it or chooses to drop it: moving to another PCN, tab or year, or
 * closing, asks first (Keep Editing / Discard Change), and the stored value
 * is what it was throughout. */
static void
test_unsaved_value_warns (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"));
  GtkWidget *wte = child (page, PW_TYPE_PROFILE_PAGE, "cd_wte_row");
  AdwViewStack *tabs = ADW_VIEW_STACK (child (f->window, PW_TYPE_WINDOW, "pcn_stack"));
  const char *sql = "SELECT ifnull(cd_wte, -2) FROM pcn WHERE code = 'U90001'";
  gint64 before;

  select_pcn (f, "U90001");
  show_tab (f, "profile");
  before = pw_test_sql_int (f->path, sql);
  gtk_widget_grab_focus (wte);
  gtk_editable_set_text (GTK_EDITABLE (wte), "");
  type_text (f, "abc");
  pw_test_wait_ms (50);
  g_assert_true (gtk_widget_has_css_class (wte, "error"));

  /* Another PCN: the window stays, and asks. */
  select_pcn (f, "U90002");
  take_dialog ("keep");
  g_assert_cmpstr (pw_pcn_get_text (profile_pcn (f), PW_PCN_CODE), ==, "U90001");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wte)), ==, "abc");
  g_assert_true (gtk_widget_has_css_class (wte, "error"));
  g_assert_true (pw_ui_is_editing (wte));
  pw_test_save_screenshot (GTK_WIDGET (f->window), "unsaved-value.png");

  /* Another tab asks too; so does closing the window. */
  adw_view_stack_set_visible_child_name (tabs, "maturity");
  pw_test_wait_ms (50);
  take_dialog ("keep");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (tabs), ==, "profile");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wte)), ==, "abc");
  gtk_window_close (GTK_WINDOW (f->window));
  pw_test_wait_ms (50);
  take_dialog ("keep");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  /* …and another year. */
  {
    GtkDropDown *years = GTK_DROP_DOWN (child (f->window, PW_TYPE_WINDOW, "year_dropdown"));
    guint year = gtk_drop_down_get_selected (years);

    gtk_drop_down_set_selected (years, year - 1);
    pw_test_wait_ms (50);
    take_dialog ("keep");
    g_assert_cmpuint (gtk_drop_down_get_selected (years), ==, year);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wte)), ==, "abc");
  }

  /* Discard goes on to the PCN asked for; the workbook never had "abc". */
  select_pcn (f, "U90002");
  take_dialog ("discard");
  g_assert_cmpstr (pw_pcn_get_text (profile_pcn (f), PW_PCN_CODE), ==, "U90002");
  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, before);
  select_pcn (f, "U90001");
  g_assert_null (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (gtk_widget_has_css_class (wte, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wte)), !=, "abc");

  /* Discarded on the way to another tab, the stored value is what the
   * profile shows when it comes back. */
  gtk_widget_grab_focus (wte);
  gtk_editable_set_text (GTK_EDITABLE (wte), "abc");
  pw_test_wait_ms (50);
  adw_view_stack_set_visible_child_name (tabs, "swot");
  pw_test_wait_ms (50);
  take_dialog ("discard");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (tabs), ==, "swot");
  show_tab (f, "profile");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wte)), !=, "abc");
  g_assert_false (gtk_widget_has_css_class (wte, "error"));
  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, before);
}

/* The same for a workforce figure, one of many rows of a list. */
static void
test_unsaved_wte_cell (Fixture *f, gconstpointer data)
{
  PwWorkforcePage *page = PW_WORKFORCE_PAGE (pw_window_get_page (f->window, "workforce"));
  GtkListBox *list = GTK_LIST_BOX (child (page, PW_TYPE_WORKFORCE_PAGE, "wte_list"));
  AdwViewStack *tabs = ADW_VIEW_STACK (child (f->window, PW_TYPE_WINDOW, "pcn_stack"));
  GtkWidget **cells;

  select_pcn (f, "U90001");
  show_tab (f, "workforce");
  cells = g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 0)), "pw-entries");
  gtk_widget_grab_focus (cells[0]);
  gtk_editable_set_text (GTK_EDITABLE (cells[0]), "two");
  adw_view_stack_set_visible_child_name (tabs, "plan");
  pw_test_wait_ms (50);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (take_dialog (NULL)), "WTE in post"));
  take_dialog ("discard");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (tabs), ==, "plan");
}

/* Waits (a loaded machine may take a while) until @sql reads @value. */
static gint64
wait_for_sql (Fixture *f, const char *sql, gint64 value)
{
  for (int i = 0; i < 40 && pw_test_sql_int (f->path, sql) != value; i++)
    pw_test_wait_ms (50);
  return pw_test_sql_int (f->path, sql);
}

/* Ctrl+Z puts back the last saved change on the page, through the same
 * save as an edit; Ctrl+Shift+Z makes it again.  A change on another PCN
 * is not undone from this one. */
static void
test_ctrl_z_undoes (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"));
  GtkWidget *wte = child (page, PW_TYPE_PROFILE_PAGE, "cd_wte_row");
  GtkWidget *name = child (page, PW_TYPE_PROFILE_PAGE, "name_row");
  GtkWidget *list = child (f->window, PW_TYPE_WINDOW, "pcn_list");
  const char *wte_sql = "SELECT ifnull(cd_wte, -2) FROM pcn WHERE code = 'U90001'";
  const char *name_sql = "SELECT count(*) FROM pcn WHERE code = 'U90001' AND name = 'Renamed PCN'";
  gint64 before;

  select_pcn (f, "U90001");
  show_tab (f, "profile");
  before = pw_test_sql_int (f->path, wte_sql);
  g_assert_cmpint (before, !=, 75);
  gtk_widget_grab_focus (wte);
  gtk_editable_set_text (GTK_EDITABLE (wte), "");
  type_text (f, "0.75");
  g_assert_cmpint (wait_for_sql (f, wte_sql, 75), ==, 75);
  gtk_widget_grab_focus (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "Renamed PCN");
  g_assert_cmpint (wait_for_sql (f, name_sql, 1), ==, 1);
  gtk_widget_grab_focus (list);

  /* The newest first: the name, then the WTE. */
  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpint (wait_for_sql (f, name_sql, 0), ==, 0);
  g_assert_cmpint (pw_test_sql_int (f->path, wte_sql), ==, 75);
  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpint (wait_for_sql (f, wte_sql, before), ==, before);
  g_assert_false (gtk_widget_has_css_class (wte, "error"));
  pw_test_save_screenshot (GTK_WIDGET (f->window), "undo-toast.png");

  /* Redo, then another PCN: nothing of this one to undo there. */
  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpint (wait_for_sql (f, wte_sql, 75), ==, 75);
  select_pcn (f, "U90002");
  gtk_widget_grab_focus (list);
  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_z, GDK_CONTROL_MASK));
  pw_test_wait_ms (100);
  g_assert_cmpint (pw_test_sql_int (f->path, wte_sql), ==, 75);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE code = 'U90002' AND cd_wte = 75"), ==, 0);
}

/* A workforce figure too: the row is saved again with the old figure. */
static void
test_ctrl_z_workforce (Fixture *f, gconstpointer data)
{
  PwWorkforcePage *page = PW_WORKFORCE_PAGE (pw_window_get_page (f->window, "workforce"));
  GtkListBox *list = GTK_LIST_BOX (child (page, PW_TYPE_WORKFORCE_PAGE, "wte_list"));
  GtkListBoxRow *row;
  GtkWidget **cells;
  g_autofree char *sql = NULL;
  gint64 before;

  select_pcn (f, "U90001");
  show_tab (f, "workforce");
  row = gtk_list_box_get_row_at_index (list, 0);
  cells = g_object_get_data (G_OBJECT (row), "pw-entries");
  sql = g_strdup_printf ("SELECT wte FROM arrs_wte WHERE return_id = (SELECT id FROM pcn_return WHERE year = %d AND"
                         " pcn_id = (SELECT id FROM pcn WHERE code = 'U90001')) AND role_id = %" G_GSIZE_FORMAT,
                         pw_current_year (), GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "pw-role")));
  before = pw_test_sql_int (f->path, sql);
  g_assert_cmpint (before, !=, 925);
  gtk_widget_grab_focus (cells[0]);
  gtk_editable_set_text (GTK_EDITABLE (cells[0]), "9.25");
  g_assert_cmpint (wait_for_sql (f, sql, 925), ==, 925);
  gtk_widget_grab_focus (child (f->window, PW_TYPE_WINDOW, "pcn_list"));
  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpint (wait_for_sql (f, sql, before), ==, before);
}

/* A practice moves to a PCN found by typing, in a list grouped by
 * locality (1,250 PCNs are too many to scroll through). */
static void
test_move_practice_search (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"));
  GtkWidget *row, *find;
  PwMergeDialog *dialog;
  GtkListView *list;
  GListModel *shown;
  g_autoptr(GObject) first = NULL;
  g_autofree char *sql = NULL;
  gint64 practice, to;

  select_pcn (f, "U90002");
  show_tab (f, "profile");
  row = find_descendant (GTK_WIDGET (page), PW_TYPE_PRACTICE_ROW, NULL);
  g_assert_nonnull (row);
  practice = pw_practice_row_get_id (PW_PRACTICE_ROW (row));
  to = pw_pcn_get_id (pw_store_find_pcn_by_code (pw_window_get_store (f->window), "U90013"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pw_test_wait_ms (50);
  find = child (row, PW_TYPE_PRACTICE_ROW, "find_button");
  g_assert_true (gtk_widget_is_sensitive (find));
  g_signal_emit_by_name (find, "clicked");
  pw_test_wait_ms (100);
  dialog = PW_MERGE_DIALOG (pw_test_find_toplevel (PW_TYPE_MERGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), "merge"), ==, "_Move");

  /* Every other PCN, each locality's under its heading. */
  list = GTK_LIST_VIEW (child (dialog, PW_TYPE_MERGE_DIALOG, "pcn_list"));
  shown = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 12 + 4);
  first = g_list_model_get_item (shown, 0);
  g_assert_true (GTK_IS_STRING_OBJECT (first));
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (first)), ==, "Eastvale");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge"));

  /* Typing finds the one. */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, PW_TYPE_MERGE_DIALOG, "search_entry")), "old town");
  pw_test_wait_ms (400);         /* the search runs once typing pauses */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge"));
  g_assert_cmpint (pw_pcn_get_id (pw_merge_dialog_get_into (dialog)), ==, to);
  pw_test_save_screenshot (GTK_WIDGET (dialog), "move-practice-search.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pw_test_wait_ms (100);
  sql = g_strdup_printf ("SELECT pcn_id FROM practice WHERE id = %" G_GINT64_FORMAT, practice);
  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, to);
}

/* ------------------------------------------------------------------ */
/* Widths                                                              */

/* The window at half a laptop screen and up: screenshots of the overview,
 * a PCN's maturity and its workforce at each width. */
static void
test_widths (Fixture *f, gconstpointer data)
{
  static const int widths[] = { 360, 800, 1100, 1366 };
  g_autofree char *overflow = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      static const char *tabs[] = { "overview", "profile", "maturity", "swot", "workforce" };

      gtk_window_set_default_size (GTK_WINDOW (f->window), widths[i], 768);
      for (guint t = 0; t < G_N_ELEMENTS (tabs); t++)
        {
          g_autofree char *name = g_strdup_printf ("width-%d-%s.png", widths[i], tabs[t]);

          if (t == 0)
            gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-overview", NULL);
          else
            {
              select_pcn (f, "U90001");
              show_tab (f, tabs[t]);
            }
          /* Folded or not, what was asked for is what shows. */
          g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (child (f->window, PW_TYPE_WINDOW, "leaflet"))),
                           ==, "content");
          pw_test_wait_ms (200);
          g_test_message ("%s: window %d px wide", name, gtk_widget_get_width (GTK_WIDGET (f->window)));
          pw_test_save_screenshot (GTK_WIDGET (f->window), name);
          if (gtk_widget_get_width (GTK_WIDGET (f->window)) > widths[i])
            overflow = g_strdup_printf ("%s%s is %d px wide; ", overflow ? overflow : "", name,
                                        gtk_widget_get_width (GTK_WIDGET (f->window)));
        }
    }
  /* At half a screen the list and the page take turns. */
  {
    AdwLeaflet *leaflet = ADW_LEAFLET (child (f->window, PW_TYPE_WINDOW, "leaflet"));

    gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 768);
    pw_test_wait_ms (200);
    g_assert_true (adw_leaflet_get_folded (leaflet));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sidebar", NULL));
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
    pw_test_wait_ms (400);       /* the slide */
    pw_test_save_screenshot (GTK_WIDGET (f->window), "width-360-list.png");
    select_pcn (f, "U90002");
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  }
  /* Every page fits: the window takes the width it is given. */
  g_assert_cmpstr (overflow, ==, NULL);
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
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  gtk_init ();
  adw_init ();
#define UX_TEST(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  UX_TEST ("/window-ux/tab-leaves-level", test_tab_leaves_level);
  UX_TEST ("/window-ux/search-enter", test_search_enter);
  UX_TEST ("/window-ux/demo-refused", test_demo_refused);
  UX_TEST ("/window-ux/swot-ctrl-delete", test_swot_ctrl_delete);
  UX_TEST ("/window-ux/submit-and-reopen", test_submit_and_reopen);
  UX_TEST ("/window-ux/toasts-show", test_toasts_show);
  UX_TEST ("/window-ux/export-toast", test_export_toast);
  UX_TEST ("/window-ux/overview-filters", test_overview_filters);
  UX_TEST ("/window-ux/roles-search", test_roles_search);
  UX_TEST ("/window-ux/shortcuts-listed", test_shortcuts_listed);
  UX_TEST ("/window-ux/workforce-says-why", test_workforce_says_why);
  g_test_add_func ("/window-ux/actions-need-workbook", test_actions_need_workbook);
  UX_TEST ("/window-ux/preferences-user-name", test_preferences_user_name);
  UX_TEST ("/window-ux/unsaved-value-warns", test_unsaved_value_warns);
  UX_TEST ("/window-ux/unsaved-wte-cell", test_unsaved_wte_cell);
  UX_TEST ("/window-ux/ctrl-z-undoes", test_ctrl_z_undoes);
  UX_TEST ("/window-ux/ctrl-z-workforce", test_ctrl_z_workforce);
  UX_TEST ("/window-ux/move-practice-search", test_move_practice_search);
  UX_TEST ("/window-ux/overview-view", test_overview_view);
  UX_TEST ("/window-ux/widths", test_widths);
  return g_test_run ();
}

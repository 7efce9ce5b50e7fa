/* The Locality page in the real window under Xvfb, on the demo workbook:
 * each tab shown (and saved as a screenshot), the board's name saved as
 * typed, an action done in one click and undone from its toast, the risk
 * matrix, the action filter, and a return waiting for review opened in one
 * click.  The SQLite file is read back by a connection of its own.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-action-log.h"
#include "pw-board-form.h"
#include "pw-board-priority-row.h"
#include "pw-demo.h"
#include "pw-export-dialog.h"
#include "pw-locality-page.h"
#include "pw-parse.h"
#include "pw-risk-matrix.h"
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
  PwLocalityPage *page;
  gint64 riverside;
} Fixture;

static gpointer
child (gpointer widget, GType type, const char *name)
{
  GObject *obj = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (obj);
  return obj;
}

static gint64
sql (Fixture *f, const char *query)
{
  return pw_test_sql_int (f->path, query);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  GtkStack *content;
  gint64 ret = 0;

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  f->riverside = pw_locality_get_id (pw_store_find_locality (store, "Riverside"));
  /* Riverside South's return for this year, submitted: waiting for review */
  g_assert_true (pw_store_ensure_return (store, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90005")),
                                         pw_current_year (), &ret, &error));
  g_assert_true (pw_store_set_return_status (store, ret, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  g_clear_object (&store);
  f->window = pw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 820);
  g_assert_true (pw_window_open_path (f->window, f->path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (f->window));
  pw_test_wait_ms (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-locality", "x", f->riverside));
  pw_test_wait_ms (200);
  content = child (f->window, PW_TYPE_WINDOW, "content_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "locality");
  f->page = PW_LOCALITY_PAGE (gtk_stack_get_visible_child (content));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  pw_test_wait_ms (50);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
show_tab (Fixture *f, const char *tab)
{
  g_autofree char *name = g_strdup_printf ("locality-%s.png", tab);

  pw_locality_page_show_tab (f->page, tab);
  pw_test_wait_ms (150);
  pw_test_save_screenshot (GTK_WIDGET (f->window), name);
}

/* The toggle buttons shown under @widget that are active, as a count. */
static guint
n_active_toggles (GtkWidget *widget, GtkWidget **found)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)))
    n++, *found = widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += n_active_toggles (c, found);
  return n;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* The first widget under @widget (itself included), depth first, that
 * @match accepts with @data. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *widget, const char *data),
             const char *data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button (GtkWidget *widget, const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 &&
         gtk_widget_is_visible (widget);
}

static gboolean
is_label (GtkWidget *widget, const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0 &&
         gtk_widget_get_mapped (widget);
}

static gboolean
has_tooltip (GtkWidget *widget, const char *tip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tip) == 0 && gtk_widget_get_mapped (widget);
}

static gboolean
is_row (GtkWidget *widget, const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The first shown button labelled @label, label reading @text, shown
 * widget whose tooltip reads @tip, or row titled @title, under @widget. */
#define find_button(widget, label) find_widget ((widget), is_button, (label))
#define find_label(widget, text) find_widget ((widget), is_label, (text))
#define find_tooltip(widget, tip) find_widget ((widget), has_tooltip, (tip))
#define find_row(widget, title) find_widget ((widget), is_row, (title))

/* Clicks the button labelled @label on the page, and returns the form it
 * opens, focused as a window manager would focus it. */
static PwBoardForm *
open_form (Fixture *f, const char *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (f->page), label);
  PwBoardForm *form;

  g_assert_nonnull (button);
  click (button);
  pw_test_wait_ms (250);
  form = PW_BOARD_FORM (pw_test_find_toplevel (PW_TYPE_BOARD_FORM));
  g_assert_nonnull (form);
  x_focus (GTK_WINDOW (form));
  return form;
}

static const char *
problem (PwBoardForm *form)
{
  GtkLabel *label = pw_board_form_get_problem (form);

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : "";
}

/* Clears the focused entry and types @text. */
static void
retype (const char *text)
{
  type_key (XK_a, GDK_CONTROL_MASK);
  type_key (XK_BackSpace, 0);
  type_text (text);
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Every tab shows, with the board's facts; screenshots of each. */
static void
test_tabs (Fixture *f, gconstpointer data)
{
  GtkLabel *title = child (f->page, PW_TYPE_LOCALITY_PAGE, "title");
  GtkLabel *subtitle = child (f->page, PW_TYPE_LOCALITY_PAGE, "subtitle");
  GtkEditable *name = child (f->page, PW_TYPE_LOCALITY_PAGE, "name_row");

  g_assert_cmpstr (gtk_label_get_label (title), ==, "Riverside");
  g_assert_nonnull (strstr (gtk_label_get_label (subtitle), "Developing · 6 members"));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Riverside Locality Board");
  show_tab (f, "board");
  show_tab (f, "meetings");
  show_tab (f, "actions");
  {
    GtkWidget *switcher = gtk_widget_get_ancestor (GTK_WIDGET (child (f->page, PW_TYPE_LOCALITY_PAGE, "view_stack")),
                                                   GTK_TYPE_BOX);
    GtkWidget *active = NULL;
    g_autofree char *label = NULL;

    g_assert_cmpuint (n_active_toggles (switcher, &active), ==, 1);
    g_object_get (active, "label", &label, NULL);
    g_assert_nonnull (strstr (label, "Actions"));
  }
  show_tab (f, "risks");
  show_tab (f, "pcns");
}

/* The board's name is saved as typed; a date that is not one is not saved. */
static void
test_saved_as_typed (Fixture *f, gconstpointer data)
{
  GtkEditable *name = child (f->page, PW_TYPE_LOCALITY_PAGE, "name_row");
  GtkEditable *review = child (f->page, PW_TYPE_LOCALITY_PAGE, "tor_review_row");
  g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM board WHERE locality_id = %" G_GINT64_FORMAT
                                            " AND name = 'Riverside Partnership'", f->riverside);
  g_autofree char *review_query = g_strdup_printf ("SELECT count(*) FROM board WHERE locality_id = %" G_GINT64_FORMAT
                                                   " AND tor_review = '2027-03-31'", f->riverside);

  gtk_widget_grab_focus (GTK_WIDGET (name));
  gtk_editable_set_text (name, "Riverside Partnership");
  pw_test_wait_ms (100);
  g_assert_cmpint (sql (f, query), ==, 1);
  gtk_editable_set_text (review, "31/13/2027");
  pw_test_wait_ms (100);
  g_assert_cmpint (sql (f, review_query), ==, 0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (review), "error"));
  gtk_editable_set_text (review, "31/03/2027");
  pw_test_wait_ms (100);
  g_assert_cmpint (sql (f, review_query), ==, 1);
}

/* Actions: open ones by due date, overdue marked; Done in one click; Undo. */
static void
test_action_done_and_undo (Fixture *f, gconstpointer data)
{
  PwActionLog *log = child (f->page, PW_TYPE_LOCALITY_PAGE, "action_log");
  GtkListBox *list = pw_action_log_get_list (log);
  GObject *overlay = child (f->window, PW_TYPE_WINDOW, "toast_overlay");
  GtkWidget *first, *done;
  AdwToast *toast;

  show_tab (f, "actions");
  g_assert_cmpuint (n_rows (list), ==, 3);       /* RIV-002, RIV-003 (overdue), RIV-004 */
  first = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), "RIV-002"));
  g_assert_nonnull (find_button (first, "_Done"));
  pw_action_log_set_filter (log, PW_ACTION_FILTER_OVERDUE);
  pw_test_wait_ms (50);
  g_assert_cmpuint (n_rows (list), ==, 2);
  pw_action_log_set_filter (log, PW_ACTION_FILTER_ALL);
  pw_test_wait_ms (50);
  g_assert_cmpuint (n_rows (list), ==, 5);
  pw_action_log_set_filter (log, PW_ACTION_FILTER_OPEN);
  pw_test_wait_ms (50);

  done = find_button (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "_Done");
  g_signal_emit_by_name (done, "clicked");
  pw_test_wait_ms (100);
  g_assert_cmpint (sql (f, "SELECT status FROM board_action WHERE ref = 'RIV-002'"), ==, 2);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM board_action WHERE ref = 'RIV-002' AND done_on IS NOT NULL"), ==, 1);
  g_assert_cmpuint (n_rows (list), ==, 2);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "locality-actions-done.png");

  toast = g_object_get_data (overlay, "pw-undo-toast");
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Action RIV-002 done");
  g_signal_emit_by_name (toast, "button-clicked");
  pw_test_wait_ms (100);
  g_assert_cmpint (sql (f, "SELECT status FROM board_action WHERE ref = 'RIV-002'"), ==, 0);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM board_action WHERE ref = 'RIV-002' AND done_on IS NULL"), ==, 1);
  g_assert_cmpuint (n_rows (list), ==, 3);
}

/* A new action gets the next reference; a due date that is not a date
 * keeps Add off. */
static void
test_new_action (Fixture *f, gconstpointer data)
{
  PwActionLog *log = child (f->page, PW_TYPE_LOCALITY_PAGE, "action_log");
  AdwMessageDialog *dialog;
  GtkWidget *row;

  show_tab (f, "actions");
  g_signal_emit_by_name (child (log, PW_TYPE_ACTION_LOG, "new_button"), "clicked");
  pw_test_wait_ms (200);
  dialog = ADW_MESSAGE_DIALOG (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  row = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "RIV-006");
  row = gtk_widget_get_next_sibling (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Ask Ó Briain's team for the frailty data");
  row = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "someday");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (row), "31/12/2026");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  pw_test_save_screenshot (GTK_WIDGET (dialog), "locality-new-action.png");
  adw_message_dialog_response (dialog, "add");
  pw_test_wait_ms (200);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM board_action WHERE ref = 'RIV-006' AND due = '2026-12-31'"
                           " AND status = 0 AND text = 'Ask Ó Briain''s team for the frailty data'"), ==, 1);
  g_assert_cmpuint (n_rows (pw_action_log_get_list (log)), ==, 4);
}

/* The matrix places each risk at its likelihood and impact. */
static void
test_risk_matrix (Fixture *f, gconstpointer data)
{
  PwRiskMatrix *matrix = child (f->page, PW_TYPE_LOCALITY_PAGE, "matrix");

  show_tab (f, "risks");
  g_assert_cmpuint (pw_risk_matrix_count (matrix, 3, 5), ==, 1);   /* RIV-R2 */
  g_assert_cmpuint (pw_risk_matrix_count (matrix, 4, 3), ==, 1);   /* RIV-R1 */
  g_assert_cmpuint (pw_risk_matrix_count (matrix, 2, 3), ==, 1);   /* RIV-R3 */
  g_assert_cmpuint (pw_risk_matrix_count (matrix, 5, 5), ==, 0);
}

/* A submitted return is one click from its PCN's page; another locality
 * is chosen from the page's list. */
static void
test_review_queue (Fixture *f, gconstpointer data)
{
  GtkStack *content = child (f->window, PW_TYPE_WINDOW, "content_stack");
  GtkDropDown *localities = child (f->page, PW_TYPE_LOCALITY_PAGE, "locality_dropdown");
  GtkLabel *title = child (f->page, PW_TYPE_LOCALITY_PAGE, "title");
  GtkWidget *review;

  show_tab (f, "pcns");
  review = find_button (child (f->page, PW_TYPE_LOCALITY_PAGE, "pcns_box"), "_Review");
  g_assert_nonnull (review);
  click (review);
  pw_test_wait_ms (400);        /* an activated button clicks after 250 ms */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "pcn");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (child (f->window, PW_TYPE_WINDOW, "pcn_stack")), ==,
                   "maturity");
  g_assert_cmpstr (adw_view_switcher_title_get_title (child (f->window, PW_TYPE_WINDOW, "content_title")), ==,
                   "Riverside South PCN");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-locality", "x", (gint64) 0));
  pw_test_wait_ms (150);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "locality");
  gtk_drop_down_set_selected (localities, 3);                   /* by name: Eastvale … Southgate */
  pw_test_wait_ms (150);
  g_assert_cmpstr (gtk_label_get_label (title), ==, "Southgate");
}

/* Exporting from a locality's page offers that locality's pack. */
static void
test_export_dialog_pack (Fixture *f, gconstpointer data)
{
  g_auto(PwExportOptions) options = { 0 };
  PwExportDialog *dialog;
  AdwComboRow *scope;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-appendix", NULL));
  pw_test_wait_ms (200);
  dialog = PW_EXPORT_DIALOG (pw_test_find_toplevel (PW_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  scope = child (dialog, PW_TYPE_EXPORT_DIALOG, "scope_row");
  g_assert_cmpuint (adw_combo_row_get_selected (scope), ==, 3);       /* All, Eastvale, Northmoor, Riverside */
  pw_test_save_screenshot (GTK_WIDGET (dialog), "locality-export-dialog.png");
  pw_export_dialog_get_options (dialog, &options);
  g_assert_cmpstr (options.locality, ==, "Riverside");
  adw_combo_row_set_selected (scope, 0);
  pw_export_options_clear (&options);
  pw_export_dialog_get_options (dialog, &options);
  g_assert_null (options.locality);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A click on a locality's heading in the sidebar opens its page. */
static void
test_sidebar_heading (Fixture *f, gconstpointer data)
{
  GtkStack *content = child (f->window, PW_TYPE_WINDOW, "content_stack");
  GtkLabel *title = child (f->page, PW_TYPE_LOCALITY_PAGE, "title");
  GtkWidget *heading;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-overview", NULL));
  pw_test_wait_ms (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), !=, "locality");
  heading = find_label (child (f->window, PW_TYPE_WINDOW, "sidebar_stack"), "Southgate");
  g_assert_nonnull (heading);
  click (heading);
  pw_test_wait_ms (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "locality");
  g_assert_cmpstr (gtk_label_get_label (title), ==, "Southgate");
}

/* A new member from the form: a date that is not one keeps it open with
 * the reason; the member lands in their sector, apostrophe and all. */
static void
test_add_member (Fixture *f, gconstpointer data)
{
  PwBoardForm *form;
  GtkWidget *sector, *voluntary;

  g_assert_cmpint (sql (f, "SELECT count(*) FROM board_member m JOIN organisation o ON o.id = m.organisation_id"
                           " WHERE o.sector = 5 AND m.locality_id = (SELECT id FROM locality WHERE name = 'Riverside')"), ==, 0);
  show_tab (f, "board");
  form = open_form (f, "Add _Member…");
  type_text ("Sean O'Neill");
  click (pw_board_form_get_field (form, "organisation"));
  type_text ("Riverside Hospice");
  sector = pw_board_form_get_field (form, "sector");
  click (sector);
  pw_test_wait_ms (200);
  voluntary = find_label (sector, "Voluntary sector");
  g_assert_nonnull (voluntary);
  click (voluntary);
  pw_test_wait_ms (150);
  click (pw_board_form_get_field (form, "joined"));
  type_text ("31/02/2026");
  g_assert_nonnull (strstr (problem (form), "not a date"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "apply"));
  pw_test_save_screenshot (GTK_WIDGET (form), "locality-member-form-bad-date.png");
  type_key (XK_Return, 0);
  pw_test_wait_ms (150);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM board_member WHERE name = 'Sean O''Neill'"), ==, 0);
  retype ("01/10/2026");
  g_assert_cmpstr (problem (form), ==, "");
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
  g_assert_null (pw_test_find_toplevel (PW_TYPE_BOARD_FORM));
  g_assert_cmpint (sql (f, "SELECT count(*) FROM board_member m JOIN organisation o ON o.id = m.organisation_id"
                           " WHERE m.name = 'Sean O''Neill' AND o.name = 'Riverside Hospice' AND o.sector = 5"
                           " AND m.role = 2 AND m.joined = '2026-10-01' AND m.left_on IS NULL"), ==, 1);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (find_row (GTK_WIDGET (f->page),
                                                                                        "Voluntary sector"))),
                            "1 member"));
}

/* A member who leaves is kept, among the former members; Undo in the
 * toast puts them back. */
static void
test_member_leaves (Fixture *f, gconstpointer data)
{
  GtkWidget *row, *leave;
  g_autofree char *name = NULL, *query = NULL, *today = today_iso ();

  show_tab (f, "board");
  leave = find_tooltip (GTK_WIDGET (f->page), "Record that this member left the board");
  g_assert_nonnull (leave);
  row = gtk_widget_get_ancestor (leave, ADW_TYPE_ACTION_ROW);
  name = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  query = g_strdup_printf ("SELECT count(*) FROM board_member WHERE name = '%s' AND left_on = '%s'", name, today);
  g_assert_nonnull (find_row (GTK_WIDGET (f->page), "Former members (0)"));
  click (leave);
  pw_test_wait_ms (250);
  x_focus (pw_test_find_toplevel (PW_TYPE_BOARD_FORM));
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
  g_assert_cmpint (sql (f, query), ==, 1);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM board_member"), >, 0);
  g_assert_nonnull (find_row (GTK_WIDGET (f->page), "Former members (1)"));
  pw_test_save_screenshot (GTK_WIDGET (f->window), "locality-member-left.png");
  click (find_button (GTK_WIDGET (f->window), "_Undo"));
  pw_test_wait_ms (200);
  g_assert_cmpint (sql (f, query), ==, 0);
  g_assert_nonnull (find_row (GTK_WIDGET (f->page), "Former members (0)"));
}

/* A member corrected in place (renamed: the same member, attendance and
 * all), and the correction undone; a meeting marked not quorate. */
static void
test_edit_member_and_meeting (Fixture *f, gconstpointer data)
{
  PwBoardForm *form;
  GtkWidget *row, *meeting;
  gint64 id = sql (f, "SELECT id FROM board_member WHERE name = 'Paul Grant'");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -14);       /* the demo's latest meeting */
  g_autofree char *held = g_date_time_format (then, "%Y-%m-%d"), *shown = pw_format_date (held);
  g_autofree char *quorate = g_strdup_printf ("SELECT quorate FROM board_meeting WHERE held_on = '%s'"
                                              " AND notes = 'Two apologies'", held);
  gint64 attended = sql (f, "SELECT count(*) FROM board_attendance WHERE member_id = (SELECT id FROM board_member"
                            " WHERE name = 'Paul Grant')");

  show_tab (f, "board");
  row = find_row (GTK_WIDGET (f->page), "Paul Grant");
  g_assert_nonnull (row);
  click (row);
  pw_test_wait_ms (250);
  form = PW_BOARD_FORM (pw_test_find_toplevel (PW_TYPE_BOARD_FORM));
  g_assert_nonnull (form);
  x_focus (GTK_WINDOW (form));
  click (pw_board_form_get_field (form, "name"));
  type_key (XK_End, 0);
  type_text (" OBE");
  click (pw_board_form_get_field (form, "left"));
  type_text ("99/99/2026");
  g_assert_nonnull (strstr (problem (form), "not a date"));
  retype ("");
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
  {
    g_autofree char *q = g_strdup_printf ("SELECT id FROM board_member WHERE name = 'Paul Grant OBE'");
    g_assert_cmpint (sql (f, q), ==, id);
  }
  g_assert_cmpint (sql (f, "SELECT count(*) FROM board_attendance WHERE member_id = (SELECT id FROM board_member"
                           " WHERE name = 'Paul Grant OBE')"), ==, attended);
  click (find_button (GTK_WIDGET (f->window), "_Undo"));
  pw_test_wait_ms (200);
  g_assert_cmpint (sql (f, "SELECT id FROM board_member WHERE name = 'Paul Grant'"), ==, id);

  show_tab (f, "meetings");
  meeting = find_row (child (f->page, PW_TYPE_LOCALITY_PAGE, "meetings_box"), shown);
  g_assert_nonnull (meeting);
  click (find_tooltip (meeting, "Change the meeting’s date, quorum or notes"));
  pw_test_wait_ms (250);
  form = PW_BOARD_FORM (pw_test_find_toplevel (PW_TYPE_BOARD_FORM));
  g_assert_nonnull (form);
  x_focus (GTK_WINDOW (form));
  click (pw_board_form_get_field (form, "quorate"));
  click (pw_board_form_get_field (form, "notes"));
  type_text ("Two apologies");
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
  g_assert_cmpint (sql (f, quorate), ==, 0);
}

/* A stage change is recorded with its date and why. */
static void
test_record_stage (Fixture *f, gconstpointer data)
{
  PwBoardForm *form;
  g_autofree char *today = today_iso ();
  g_autofree char *query = g_strdup_printf ("SELECT stage FROM board_stage WHERE on_date = '%s'"
                                            " AND why = 'Terms agreed by all partners'", today);

  show_tab (f, "board");
  form = open_form (f, "Record _Stage…");
  click (pw_board_form_get_field (form, "why"));
  type_text ("Terms agreed by all partners");
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
  g_assert_cmpint (sql (f, query), ==, 2);      /* Developing → Maturing */
  g_assert_nonnull (strstr (gtk_label_get_label (child (f->page, PW_TYPE_LOCALITY_PAGE, "subtitle")), "Maturing"));
}

/* A meeting added; attendance ticked; a decision recorded on it. */
static void
test_meeting (Fixture *f, gconstpointer data)
{
  g_autofree char *today = today_iso ();
  g_autofree char *shown = pw_format_date (today);
  g_autofree char *query = g_strdup_printf ("SELECT id FROM board_meeting WHERE held_on = '%s' AND quorate = 1", today);
  GtkWidget *meeting, *check = NULL;
  gint64 id;

  show_tab (f, "meetings");
  open_form (f, "_New Meeting…");
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
  id = sql (f, query);
  g_assert_cmpint (id, >, 0);
  meeting = find_row (child (f->page, PW_TYPE_LOCALITY_PAGE, "meetings_box"), shown);
  g_assert_nonnull (meeting);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (meeting)));
  {
    g_autoptr(GPtrArray) checks = g_ptr_array_new ();
    GtkWidget *stack[64];
    int top = 0;

    stack[top++] = meeting;
    while (top > 0)
      {
        GtkWidget *w = stack[--top];
        if (GTK_IS_CHECK_BUTTON (w) && gtk_widget_get_mapped (w))
          g_ptr_array_add (checks, w);
        for (GtkWidget *c = gtk_widget_get_last_child (w); c != NULL && top < 64; c = gtk_widget_get_prev_sibling (c))
          stack[top++] = c;
      }
    g_assert_cmpuint (checks->len, ==, 6);      /* the six members */
    check = checks->pdata[0];
  }
  click (check);
  pw_test_wait_ms (200);
  {
    g_autofree char *attended = g_strdup_printf ("SELECT count(*) FROM board_attendance WHERE meeting_id = %" G_GINT64_FORMAT, id);
    g_assert_cmpint (sql (f, attended), ==, 1);
  }
  meeting = find_row (child (f->page, PW_TYPE_LOCALITY_PAGE, "meetings_box"), shown);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (meeting)));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (meeting)), "1 attended"));
  click (find_button (meeting, "Add _Decision…"));
  pw_test_wait_ms (250);
  x_focus (pw_test_find_toplevel (PW_TYPE_BOARD_FORM));
  type_text ("Agreed the frailty pathway");
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
  {
    g_autofree char *decided = g_strdup_printf ("SELECT count(*) FROM board_decision WHERE meeting_id = %" G_GINT64_FORMAT
                                                " AND ref = 'D4' AND text = 'Agreed the frailty pathway'", id);
    g_assert_cmpint (sql (f, decided), ==, 1);
  }
  pw_test_save_screenshot (GTK_WIDGET (f->window), "locality-meeting-recorded.png");
}

/* A likelihood outside 1–5 and a review date that is not a date are
 * refused with the reason; the risk is then added, corrected, and the
 * correction undone. */
static void
test_risk_entry (Fixture *f, gconstpointer data)
{
  PwBoardForm *form;
  GtkWidget *row;

  show_tab (f, "risks");
  form = open_form (f, "_New Risk…");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pw_board_form_get_field (form, "ref"))), ==, "RIV-R4");
  type_text ("Community nursing vacancies");
  click (pw_board_form_get_field (form, "likelihood"));
  type_text ("7");
  g_assert_nonnull (strstr (problem (form), "from 1 to 5"));
  pw_test_save_screenshot (GTK_WIDGET (form), "locality-risk-form-bad-likelihood.png");
  type_key (XK_Return, 0);
  pw_test_wait_ms (150);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM board_risk WHERE ref = 'RIV-R4'"), ==, 0);
  retype ("4");
  click (pw_board_form_get_field (form, "impact"));
  type_text ("5");
  click (pw_board_form_get_field (form, "review"));
  type_text ("someday");
  g_assert_nonnull (strstr (problem (form), "not a date"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "apply"));
  retype ("31/03/2027");
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
  g_assert_cmpint (sql (f, "SELECT likelihood * 10 + impact FROM board_risk WHERE ref = 'RIV-R4'"
                           " AND description = 'Community nursing vacancies' AND review = '2027-03-31'"), ==, 45);
  g_assert_cmpuint (pw_risk_matrix_count (child (f->page, PW_TYPE_LOCALITY_PAGE, "matrix"), 4, 5), ==, 1);

  row = find_row (GTK_WIDGET (f->page), "RIV-R4 · Community nursing vacancies");
  g_assert_nonnull (row);
  click (row);
  pw_test_wait_ms (250);
  form = PW_BOARD_FORM (pw_test_find_toplevel (PW_TYPE_BOARD_FORM));
  g_assert_nonnull (form);
  x_focus (GTK_WINDOW (form));
  click (pw_board_form_get_field (form, "likelihood"));
  retype ("2");
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
  g_assert_cmpint (sql (f, "SELECT likelihood FROM board_risk WHERE ref = 'RIV-R4'"), ==, 2);
  click (find_button (GTK_WIDGET (f->window), "_Undo"));
  pw_test_wait_ms (200);
  g_assert_cmpint (sql (f, "SELECT likelihood FROM board_risk WHERE ref = 'RIV-R4'"), ==, 4);
}

/* Adds the priority "Frailty": "Join up frailty care", not rated, from
 * its form on the Board tab. */
static void
add_priority (Fixture *f)
{
  PwBoardForm *form = open_form (f, "Add P_riority…");

  type_text ("Frailty");
  click (pw_board_form_get_field (form, "text"));
  type_text ("Join up frailty care");
  type_key (XK_Return, 0);
  pw_test_wait_ms (300);
}

/* The year's priorities on the Board tab: one added, then its text
 * changed in place and saved as typed. */
static void
test_priorities (Fixture *f, gconstpointer data)
{
  g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM board_priority WHERE year = %d AND theme = 'Frailty'"
                                            " AND text = 'Join up frailty care now' AND rag IS NULL",
                                            pw_current_year ());
  GtkWidget *row;

  show_tab (f, "board");
  add_priority (f);
  row = find_row (child (f->page, PW_TYPE_LOCALITY_PAGE, "priorities_group"), "Frailty");
  g_assert_true (PW_IS_BOARD_PRIORITY_ROW (row));
  click (row);
  pw_test_wait_ms (200);
  click (find_row (row, "_Priority"));
  type_key (XK_End, 0);
  type_text (" now");
  pw_test_wait_ms (200);
  g_assert_cmpint (sql (f, query), ==, 1);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "locality-priorities.png");
}

/* Done in one click, Undo in one click, as a mouse does it. */
static void
test_done_by_click (Fixture *f, gconstpointer data)
{
  GtkListBox *list = pw_action_log_get_list (child (f->page, PW_TYPE_LOCALITY_PAGE, "action_log"));

  show_tab (f, "actions");
  click (find_button (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "_Done"));
  pw_test_wait_ms (150);
  g_assert_cmpint (sql (f, "SELECT status FROM board_action WHERE ref = 'RIV-002'"), ==, 2);
  click (find_button (GTK_WIDGET (f->window), "_Undo"));
  pw_test_wait_ms (150);
  g_assert_cmpint (sql (f, "SELECT status FROM board_action WHERE ref = 'RIV-002'"), ==, 0);
}

/* The page fits a window 800 px wide and a narrow one: the window keeps
 * the width it is given (a page wider than its room would widen it). */
static void
test_narrow (Fixture *f, gconstpointer data)
{
  static const char *tabs[] = { "board", "meetings", "actions", "risks", "pcns" };
  static const int widths[] = { 800, 520 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      gtk_window_set_default_size (GTK_WINDOW (f->window), widths[w], 760);
      pw_test_wait_ms (300);
      /* the locality opened from the list: the page then takes the list's
       * place on a folded window */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-overview", NULL));
      pw_test_wait_ms (200);
      if (widths[w] < 600)
        gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sidebar", NULL);
      pw_test_wait_ms (200);
      click (find_label (child (f->window, PW_TYPE_WINDOW, "sidebar_stack"), "Riverside"));
      pw_test_wait_ms (200);
      for (guint t = 0; t < G_N_ELEMENTS (tabs); t++)
        {
          g_autofree char *name = g_strdup_printf ("locality-%d-%s.png", widths[w], tabs[t]);
          int min = 0;

          pw_locality_page_show_tab (f->page, tabs[t]);
          pw_test_wait_ms (150);

          g_assert_cmpstr (adw_leaflet_get_visible_child_name (child (f->window, PW_TYPE_WINDOW, "leaflet")), ==, "content");
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
          gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, widths[w]);
          g_assert_cmpint (min, <=, gtk_widget_get_width (GTK_WIDGET (f->page)));
          pw_test_save_screenshot (GTK_WIDGET (f->window), name);
        }
    }
}

/* Clicks the first shown button with tooltip @tip, then checks that
 * @query (a count) reads @after, then Undo from the toast, and that it
 * reads @before again. */
static void
remove_and_undo (Fixture    *f,
                 const char *tip,
                 const char *query,
                 gint64      before,
                 gint64      after)
{
  GtkWidget *button = find_tooltip (GTK_WIDGET (f->page), tip);

  g_assert_nonnull (button);
  g_assert_cmpint (sql (f, query), ==, before);
  click (button);
  pw_test_wait_ms (250);
  g_assert_cmpint (sql (f, query), ==, after);
  click (find_button (GTK_WIDGET (f->window), "_Undo"));
  pw_test_wait_ms (250);
  g_assert_cmpint (sql (f, query), ==, before);
}

/* A stage entry, a decision and a priority added by mistake: each removed
 * from its row's button, logged, and put back by Undo as it was (same id,
 * date, why, text, RAG). */
static void
test_remove_entries (Fixture *f, gconstpointer data)
{
  gint64 stage = sql (f, "SELECT id FROM board_stage WHERE locality_id = (SELECT id FROM locality WHERE name = 'Riverside')"
                         " ORDER BY on_date DESC, id DESC LIMIT 1");   /* the current stage */
  gint64 logged = sql (f, "SELECT count(*) FROM change_log");
  g_autofree char *stage_q = g_strdup_printf ("SELECT count(*) FROM board_stage WHERE id = %" G_GINT64_FORMAT
                                              " AND stage = %d AND why <> ''", stage, PW_STAGE_DEVELOPING);
  g_autofree char *decision_q = NULL, *priority_q = NULL;
  GtkLabel *subtitle = child (f->page, PW_TYPE_LOCALITY_PAGE, "subtitle");
  GtkWidget *remove, *row;

  show_tab (f, "board");
  g_assert_nonnull (strstr (gtk_label_get_label (subtitle), "Developing"));
  remove = find_tooltip (GTK_WIDGET (f->page), "Remove this stage entry");
  g_assert_nonnull (remove);
  click (remove);
  pw_test_wait_ms (250);
  g_assert_cmpint (sql (f, stage_q), ==, 0);
  g_assert_nonnull (strstr (gtk_label_get_label (subtitle), "Emerging"));
  pw_test_save_screenshot (GTK_WIDGET (f->window), "locality-stage-removed.png");
  click (find_button (GTK_WIDGET (f->window), "_Undo"));
  pw_test_wait_ms (250);
  g_assert_cmpint (sql (f, stage_q), ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_label (subtitle), "Developing"));
  g_assert_cmpint (sql (f, "SELECT count(*) FROM change_log"), ==, logged + 2);

  add_priority (f);
  priority_q = g_strdup_printf ("SELECT count(*) FROM board_priority WHERE id = %" G_GINT64_FORMAT " AND theme = 'Frailty'"
                                " AND text = 'Join up frailty care' AND rag IS NULL",
                                sql (f, "SELECT max(id) FROM board_priority"));
  remove_and_undo (f, "Remove this priority", priority_q, 1, 0);
  g_assert_true (PW_IS_BOARD_PRIORITY_ROW (find_row (child (f->page, PW_TYPE_LOCALITY_PAGE, "priorities_group"), "Frailty")));

  show_tab (f, "meetings");
  remove = find_tooltip (GTK_WIDGET (f->page), "Remove this decision");
  g_assert_nonnull (remove);
  row = gtk_widget_get_ancestor (remove, ADW_TYPE_ACTION_ROW);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Decision "));
  decision_q = g_strdup_printf ("SELECT count(*) FROM board_decision WHERE ref = '%s' AND text = '%s' AND meeting_id IN"
                                " (SELECT id FROM board_meeting WHERE locality_id = %" G_GINT64_FORMAT ")",
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) + strlen ("Decision "),
                                adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), f->riverside);
  remove_and_undo (f, "Remove this decision", decision_q, 1, 0);
  g_assert_nonnull (find_tooltip (GTK_WIDGET (f->page), "Remove this decision"));
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
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  if (pw_test_in_part (1))
    {
    ADD ("/locality-page/tabs", test_tabs);
    ADD ("/locality-page/saved-as-typed", test_saved_as_typed);
    ADD ("/locality-page/action-done-undo", test_action_done_and_undo);
    ADD ("/locality-page/new-action", test_new_action);
    ADD ("/locality-page/risk-matrix", test_risk_matrix);
    ADD ("/locality-page/review-queue", test_review_queue);
    ADD ("/locality-page/export-dialog-pack", test_export_dialog_pack);
    ADD ("/locality-page/sidebar-heading", test_sidebar_heading);
    ADD ("/locality-page/done-by-click", test_done_by_click);
    }
  if (pw_test_in_part (2))
    {
    ADD ("/locality-page/add-member", test_add_member);
    ADD ("/locality-page/member-leaves", test_member_leaves);
    ADD ("/locality-page/record-stage", test_record_stage);
    ADD ("/locality-page/edit-member-meeting", test_edit_member_and_meeting);
    ADD ("/locality-page/meeting", test_meeting);
    ADD ("/locality-page/risk-entry", test_risk_entry);
    ADD ("/locality-page/priorities", test_priorities);
    ADD ("/locality-page/narrow", test_narrow);
    ADD ("/locality-page/remove-entries", test_remove_entries);
    }
  return g_test_run ();
}

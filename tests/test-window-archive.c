/* Archiving, merging and deleting a PCN from its profile page, and merging
 * and deleting a locality from its Locality page, in the real window under
 * Xvfb, each undone from its toast; the SQLite file is read back by a
 * connection of its own after every step.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-archive-dialog.h"
#include "pw-demo.h"
#include "pw-locality-page.h"
#include "pw-merge-dialog.h"
#include "pw-overview-page.h"
#include "pw-parse.h"
#include "pw-profile-page.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-test-window.h"
#include "pw-window.h"

/* The demo workbook, plus U12399 "Typo PCN" (no returns) holding one of
 * U90001's practices.  With "localities" as test data, also an empty
 * locality "Typo Locality" and "Old Locality" (no board) holding U12399 and
 * U90013 (with its returns). */
typedef struct
{
  char *dir;
  char *path;
  PwWindow *window;
  gint64 typo;
  gint64 practice;
  gint64 empty_locality;
  gint64 old_locality;
} Fixture;

static void
add_localities (Fixture *f, PwStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_store_add_locality (store, "Typo Locality", &f->empty_locality, &error));
  g_assert_true (pw_store_add_locality (store, "Old Locality", &f->old_locality, &error));
  g_assert_true (pw_store_set_pcn_number (store, f->typo, PW_PCN_LOCALITY_ID, f->old_locality, &error));
  g_assert_true (pw_store_set_pcn_number (store, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90013")),
                                          PW_PCN_LOCALITY_ID, f->old_locality, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GListModel) practices = NULL;
  g_autoptr(PwPractice) practice = NULL;

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  g_assert_true (pw_store_add_pcn (store, "U12399", "Typo PCN", 0, &f->typo, &error));
  practices = pw_store_list_practices (store, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90001")), &error);
  practice = g_list_model_get_item (practices, 0);
  f->practice = pw_practice_get_id (practice);
  g_assert_true (pw_store_move_practice (store, f->practice, f->typo, &error));
  if (data != NULL)
    add_localities (f, store);
  g_clear_object (&store);
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
  gtk_window_destroy (GTK_WINDOW (f->window));
  pw_test_wait_ms (50);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gpointer
child (gpointer widget, GType type, const char *name)
{
  GObject *obj = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (obj);
  return obj;
}

static PwProfilePage *
select_pcn (Fixture *f, gint64 id)
{
  PwProfilePage *page = PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"));

  pw_window_select_pcn (f->window, id);
  pw_test_wait_ms (100);
  g_assert_nonnull (pw_profile_page_get_pcn (page));
  g_assert_cmpint (pw_pcn_get_id (pw_profile_page_get_pcn (page)), ==, id);
  return page;
}

static gboolean
in_model (GListModel *model, gint64 id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (model, i);
      if (pw_pcn_get_id (pcn) == id)
        return TRUE;
    }
  return FALSE;
}

/* Whether the sidebar lists the PCN now. */
static gboolean
in_sidebar (Fixture *f, gint64 id)
{
  return in_model (G_LIST_MODEL (gtk_list_view_get_model (child (f->window, PW_TYPE_WINDOW, "pcn_list"))), id);
}

static gboolean
in_overview (Fixture *f, gint64 id)
{
  return in_model (pw_overview_page_get_model (PW_OVERVIEW_PAGE (pw_window_get_page (f->window, "overview"))), id);
}

static gint64
sql (Fixture *f, const char *query)
{
  return pw_test_sql_int (f->path, query);
}

/* Presses Undo on the latest toast, as a person would. */
static void
press_undo (Fixture *f, const char *expected_title)
{
  GObject *overlay = child (f->window, PW_TYPE_WINDOW, "toast_overlay");
  AdwToast *toast = g_object_get_data (overlay, "pw-undo-toast");

  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, expected_title);
  g_signal_emit_by_name (toast, "button-clicked");
  pw_test_wait_ms (100);
}

static AdwMessageDialog *
dialog_opened_by (gpointer widget, const char *action)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (widget), action, NULL));
  pw_test_wait_ms (200);
  dialog = ADW_MESSAGE_DIALOG (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

/* Answers @dialog with @response; the store refuses, and the dialog that
 * says so (headed @heading) is returned. */
static AdwMessageDialog *
answer_refused (AdwMessageDialog *dialog, const char *response, const char *heading)
{
  adw_message_dialog_response (dialog, response);
  pw_test_wait_ms (200);
  dialog = ADW_MESSAGE_DIALOG (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  return dialog;
}

static void
test_delete_and_undo (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, f->typo);
  g_autofree char *practice_pcn = g_strdup_printf ("SELECT coalesce(pcn_id, 0) FROM practice WHERE id = %" G_GINT64_FORMAT,
                                                   f->practice);
  GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (child (page, PW_TYPE_PROFILE_PAGE, "scroller"));
  AdwMessageDialog *dialog;

  pw_test_wait_ms (100);        /* laid out, so the page knows its height */
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));     /* the buttons at the foot */
  pw_test_wait_ms (100);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "profile-closing.png");
  dialog = dialog_opened_by (page, "page.delete-pcn");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 practice stays, with no PCN"));
  pw_test_save_screenshot (GTK_WIDGET (dialog), "delete-pcn.png");
  adw_message_dialog_response (dialog, "delete");
  pw_test_wait_ms (200);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM pcn WHERE code = 'U12399'"), ==, 0);
  g_assert_cmpint (sql (f, practice_pcn), ==, 0);
  g_assert_false (in_sidebar (f, f->typo));

  press_undo (f, "Deleted U12399 Typo PCN");
  g_assert_cmpint (sql (f, "SELECT id FROM pcn WHERE code = 'U12399'"), ==, f->typo);
  g_assert_cmpint (sql (f, practice_pcn), ==, f->typo);
  g_assert_true (in_sidebar (f, f->typo));
}

/* A PCN with returns is not deleted: the refusal names its years. */
static void
test_delete_refused (Fixture *f, gconstpointer data)
{
  PwPcn *pcn = pw_store_find_pcn_by_code (pw_window_get_store (f->window), "U90001");
  PwProfilePage *page = select_pcn (f, pw_pcn_get_id (pcn));
  AdwMessageDialog *dialog = dialog_opened_by (page, "page.delete-pcn");
  gint64 pcns = sql (f, "SELECT count(*) FROM pcn");

  dialog = answer_refused (dialog, "delete", "PCN Not Deleted");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "returns ("));
  pw_test_save_screenshot (GTK_WIDGET (dialog), "delete-pcn-refused.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (pw_profile_page_get_pcn (page) == pcn);      /* still on its page */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpint (sql (f, "SELECT count(*) FROM pcn"), ==, pcns);
}

/* Archived from this year: gone from this year's list, still in last
 * year's; Undo brings it back. */
static void
test_archive_and_undo (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, f->typo);
  GtkDropDown *years = child (f->window, PW_TYPE_WINDOW, "year_dropdown");
  AdwMessageDialog *dialog = dialog_opened_by (page, "page.archive-pcn");
  int year = pw_window_get_year (f->window);
  g_autofree char *fy = pw_format_year (year);
  g_autofree char *title = g_strdup_printf ("Archived U12399 Typo PCN from %s", fy);

  g_assert_true (PW_IS_ARCHIVE_DIALOG (dialog));
  pw_archive_dialog_set_year (PW_ARCHIVE_DIALOG (dialog), year);
  pw_test_save_screenshot (GTK_WIDGET (dialog), "archive-pcn.png");
  adw_message_dialog_response (dialog, "archive");
  pw_test_wait_ms (200);
  g_assert_cmpint (sql (f, "SELECT archived_from FROM pcn WHERE code = 'U12399'"), ==, year);
  g_assert_false (in_sidebar (f, f->typo));
  g_assert_false (in_overview (f, f->typo));
  gtk_drop_down_set_selected (years, gtk_drop_down_get_selected (years) - 1);   /* last year */
  pw_test_wait_ms (100);
  g_assert_true (in_sidebar (f, f->typo));
  g_assert_true (in_overview (f, f->typo));
  gtk_drop_down_set_selected (years, gtk_drop_down_get_selected (years) + 1);
  pw_test_wait_ms (100);
  g_assert_false (in_sidebar (f, f->typo));

  press_undo (f, title);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM pcn WHERE code = 'U12399' AND archived_from IS NULL"), ==, 1);
  g_assert_true (in_sidebar (f, f->typo));
}

/* An archived PCN, seen in a year before it closed, is reopened from its
 * page at once; Undo archives it again. */
static void
test_unarchive_and_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkDropDown *years = child (f->window, PW_TYPE_WINDOW, "year_dropdown");
  int year = pw_window_get_year (f->window);
  PwProfilePage *page;

  g_assert_true (pw_store_archive_pcn (pw_window_get_store (f->window), f->typo, year, NULL, &error));
  gtk_drop_down_set_selected (years, gtk_drop_down_get_selected (years) - 1);
  pw_test_wait_ms (100);
  page = select_pcn (f, f->typo);
  g_assert_cmpstr (gtk_button_get_label (child (page, PW_TYPE_PROFILE_PAGE, "archive_button")), ==, "Un_archive PCN");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.archive-pcn", NULL));
  pw_test_wait_ms (100);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM pcn WHERE code = 'U12399' AND archived_from IS NULL"), ==, 1);
  g_assert_cmpstr (gtk_button_get_label (child (page, PW_TYPE_PROFILE_PAGE, "archive_button")), ==, "_Archive PCN…");

  press_undo (f, "Unarchived U12399 Typo PCN");
  g_assert_cmpint (sql (f, "SELECT archived_from FROM pcn WHERE code = 'U12399'"), ==, year);
}

/* Merged into the PCN picked by searching: its practice moves there; Undo
 * puts it back. */
static void
test_merge_and_undo (Fixture *f, gconstpointer data)
{
  PwStore *store = pw_window_get_store (f->window);
  gint64 into = pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90001"));
  PwProfilePage *page = select_pcn (f, f->typo);
  AdwMessageDialog *dialog = dialog_opened_by (page, "page.merge-pcn");
  g_autofree char *practice_pcn = g_strdup_printf ("SELECT pcn_id FROM practice WHERE id = %" G_GINT64_FORMAT,
                                                   f->practice);
  g_autofree char *title = g_strdup_printf ("Merged U12399 Typo PCN into U90001 %s",
                                            pw_pcn_get_text (pw_store_find_pcn (store, into), PW_PCN_NAME));

  g_assert_true (PW_IS_MERGE_DIALOG (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "merge"));
  gtk_editable_set_text (child (dialog, PW_TYPE_MERGE_DIALOG, "search_entry"), "u90001");
  pw_test_wait_ms (400);        /* the search runs once typing pauses */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "merge"));
  g_assert_cmpint (pw_pcn_get_id (pw_merge_dialog_get_into (PW_MERGE_DIALOG (dialog))), ==, into);
  pw_test_save_screenshot (GTK_WIDGET (dialog), "merge-pcn.png");
  adw_message_dialog_response (dialog, "merge");
  pw_test_wait_ms (200);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM pcn WHERE code = 'U12399'"), ==, 0);
  g_assert_cmpint (sql (f, practice_pcn), ==, into);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM change_log WHERE what LIKE 'Merged U12399 Typo PCN into U90001 %'"), ==, 1);
  g_assert_false (in_sidebar (f, f->typo));

  press_undo (f, title);
  g_assert_cmpint (sql (f, "SELECT id FROM pcn WHERE code = 'U12399'"), ==, f->typo);
  g_assert_cmpint (sql (f, practice_pcn), ==, f->typo);
  g_assert_true (in_sidebar (f, f->typo));
}

/* Another program deletes the PCN on screen: when the window next reads
 * the workbook, it shows the overview (no stale page, no GTK warning). */
static void
test_deleted_elsewhere (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkStack *content = child (f->window, PW_TYPE_WINDOW, "content_stack");

  select_pcn (f, f->typo);
  {
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    g_assert_true (pw_store_delete_pcn (other, f->typo, NULL, &error));
  }
  pw_store_reload (pw_window_get_store (f->window));
  pw_test_wait_ms (100);
  g_assert_false (in_sidebar (f, f->typo));
  g_assert_false (in_overview (f, f->typo));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "overview");
}

/* ------------------------------------------------------------------ */
/* Localities                                                          */

static GtkStack *
content_stack (Fixture *f)
{
  return child (f->window, PW_TYPE_WINDOW, "content_stack");
}

static PwLocalityPage *
show_locality (Fixture *f, gint64 id)
{
  PwLocalityPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-locality", "x", id));
  pw_test_wait_ms (150);
  page = PW_LOCALITY_PAGE (pw_window_get_page (f->window, "locality"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack (f)), ==, "locality");
  g_assert_cmpint (pw_locality_page_get_locality (page), ==, id);
  return page;
}

/* Clicks the page's button @name and returns the dialog it opens. */
static AdwMessageDialog *
click (PwLocalityPage *page, const char *name)
{
  GtkWidget *button = child (page, PW_TYPE_LOCALITY_PAGE, name);
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  pw_test_wait_ms (400);        /* an activated button clicks after 250 ms */
  dialog = ADW_MESSAGE_DIALOG (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

/* The locality the sidebar shows the PCN under. */
static const char *
sidebar_locality (Fixture *f, gint64 pcn_id)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (child (f->window, PW_TYPE_WINDOW, "pcn_list")));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (model, i);
      if (pw_pcn_get_id (pcn) == pcn_id)
        return pw_pcn_get_text (pcn, PW_PCN_LOCALITY);
    }
  return NULL;
}

static gint64
locality_sql (Fixture *f, const char *format, gint64 id)
{
  g_autofree char *query = g_strdup_printf (format, id);

  return sql (f, query);
}

/* An empty locality is deleted after asking; the window goes back to the
 * overview; Undo brings the locality back with its id. */
static void
test_locality_delete_and_undo (Fixture *f, gconstpointer data)
{
  PwLocalityPage *page = show_locality (f, f->empty_locality);
  AdwMessageDialog *dialog;
  GtkAdjustment *scroll;

  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
             child (page, PW_TYPE_LOCALITY_PAGE, "delete_button"), GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));     /* the buttons at the foot */
  pw_test_wait_ms (100);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "locality-closing.png");
  dialog = click (page, "delete_button");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete the Locality “Typo Locality”?");
  pw_test_save_screenshot (GTK_WIDGET (dialog), "delete-locality.png");
  adw_message_dialog_response (dialog, "delete");
  pw_test_wait_ms (200);
  g_assert_cmpint (locality_sql (f, "SELECT count(*) FROM locality WHERE id = %" G_GINT64_FORMAT, f->empty_locality),
                   ==, 0);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM locality"), ==, 5);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack (f)), ==, "overview");
  g_assert_null (pw_store_find_locality (pw_window_get_store (f->window), "Typo Locality"));

  press_undo (f, "Deleted the locality “Typo Locality”");
  g_assert_cmpint (sql (f, "SELECT id FROM locality WHERE name = 'Typo Locality'"), ==, f->empty_locality);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM locality"), ==, 6);
  g_assert_nonnull (pw_store_find_locality (pw_window_get_store (f->window), "Typo Locality"));
}

/* Old Locality merged into Eastvale, picked by searching: both its PCNs
 * move (the dialog says how many), the sidebar shows them under Eastvale,
 * the window goes back to the overview; Undo puts them back. */
static void
test_locality_merge_and_undo (Fixture *f, gconstpointer data)
{
  PwStore *store = pw_window_get_store (f->window);
  gint64 old_town = pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90013"));
  gint64 into = pw_locality_get_id (pw_store_find_locality (store, "Eastvale"));
  PwLocalityPage *page = show_locality (f, f->old_locality);
  AdwMessageDialog *dialog = click (page, "merge_button");
  const char *in_old = "SELECT count(*) FROM pcn WHERE locality_id = %" G_GINT64_FORMAT " AND code IN ('U12399', 'U90013')";

  g_assert_true (PW_IS_MERGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The 2 PCNs of Old Locality move to it"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "merge"));
  gtk_editable_set_text (child (dialog, PW_TYPE_MERGE_DIALOG, "search_entry"), "eastv");
  pw_test_wait_ms (400);        /* the search runs once typing pauses */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "merge"));
  g_assert_cmpint (pw_merge_dialog_get_into_id (PW_MERGE_DIALOG (dialog)), ==, into);
  pw_test_save_screenshot (GTK_WIDGET (dialog), "merge-locality.png");
  adw_message_dialog_response (dialog, "merge");
  pw_test_wait_ms (200);
  g_assert_cmpint (locality_sql (f, "SELECT count(*) FROM locality WHERE id = %" G_GINT64_FORMAT, f->old_locality), ==, 0);
  g_assert_cmpint (locality_sql (f, in_old, into), ==, 2);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM change_log WHERE what LIKE 'PCN U%: locality'"
                           " AND old_value = 'Old Locality' AND new_value = 'Eastvale'"), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack (f)), ==, "overview");
  g_assert_cmpstr (sidebar_locality (f, f->typo), ==, "Eastvale");
  g_assert_cmpstr (sidebar_locality (f, old_town), ==, "Eastvale");

  press_undo (f, "Merged the locality “Old Locality” into “Eastvale”");
  g_assert_cmpint (sql (f, "SELECT id FROM locality WHERE name = 'Old Locality'"), ==, f->old_locality);
  g_assert_cmpint (locality_sql (f, in_old, f->old_locality), ==, 2);
  g_assert_cmpstr (sidebar_locality (f, f->typo), ==, "Old Locality");
  g_assert_cmpstr (sidebar_locality (f, old_town), ==, "Old Locality");
}

/* The store's refusals are shown as they are, and nothing changes: a
 * locality with PCNs is not deleted, one with a board is not merged away;
 * the page stays on it. */
static void
test_locality_refused (Fixture *f, gconstpointer data)
{
  PwStore *store = pw_window_get_store (f->window);
  gint64 eastvale = pw_locality_get_id (pw_store_find_locality (store, "Eastvale"));
  const char *where = "SELECT sum(id * locality_id) FROM pcn";
  const char *log = "SELECT count(*) FROM change_log";
  gint64 pcns = sql (f, where), localities = sql (f, "SELECT count(*) FROM locality"), logged = sql (f, log);
  PwLocalityPage *page = show_locality (f, f->old_locality);
  AdwMessageDialog *dialog = click (page, "delete_button");

  dialog = answer_refused (dialog, "delete", "Locality Not Deleted");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Cannot delete the locality “Old Locality”: it has 2 PCNs. "
                   "Move them to another locality, or merge this locality into another.");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pw_test_wait_ms (50);

  page = show_locality (f, eastvale);
  dialog = click (page, "merge_button");
  pw_merge_dialog_search (PW_MERGE_DIALOG (dialog), "old loc");
  g_assert_cmpint (pw_merge_dialog_get_into_id (PW_MERGE_DIALOG (dialog)), ==, f->old_locality);
  dialog = answer_refused (dialog, "merge", "Localities Not Merged");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Cannot remove the locality “Eastvale”: it has a locality board"));
  pw_test_save_screenshot (GTK_WIDGET (dialog), "merge-locality-refused.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pw_test_wait_ms (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack (f)), ==, "locality");
  g_assert_cmpint (pw_locality_page_get_locality (page), ==, eastvale);
  g_assert_cmpint (sql (f, where), ==, pcns);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM locality"), ==, localities);
  g_assert_cmpint (sql (f, log), ==, logged);
}

/* Another program deletes the locality on screen: once the window reads
 * the workbook again, it shows the overview. */
static void
test_locality_deleted_elsewhere (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  show_locality (f, f->empty_locality);
  {
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    g_assert_true (pw_store_delete_locality (other, f->empty_locality, NULL, &error));
  }
  pw_store_reload (pw_window_get_store (f->window));
  pw_test_wait_ms (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack (f)), ==, "overview");
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
#define WINDOW_TEST(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  WINDOW_TEST ("/window-archive/delete-undo", test_delete_and_undo);
  WINDOW_TEST ("/window-archive/delete-refused", test_delete_refused);
  WINDOW_TEST ("/window-archive/archive-undo", test_archive_and_undo);
  WINDOW_TEST ("/window-archive/unarchive-undo", test_unarchive_and_undo);
  WINDOW_TEST ("/window-archive/merge-undo", test_merge_and_undo);
  WINDOW_TEST ("/window-archive/deleted-elsewhere", test_deleted_elsewhere);
#define LOCALITY_TEST(path, fn) \
  g_test_add (path, Fixture, "localities", fixture_setup, fn, fixture_teardown)
  LOCALITY_TEST ("/window-archive/locality-delete-undo", test_locality_delete_and_undo);
  LOCALITY_TEST ("/window-archive/locality-merge-undo", test_locality_merge_and_undo);
  LOCALITY_TEST ("/window-archive/locality-refused", test_locality_refused);
  LOCALITY_TEST ("/window-archive/locality-deleted-elsewhere", test_locality_deleted_elsewhere);
#undef LOCALITY_TEST
#undef WINDOW_TEST
  return g_test_run ();
}

/* Archiving, merging and deleting a PCN from its profile page in the real
 * window under Xvfb, each undone from its toast; the SQLite file is read
 * back by a connection of its own after every step.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-archive-dialog.h"
#include "pw-demo.h"
#include "pw-merge-dialog.h"
#include "pw-overview-page.h"
#include "pw-parse.h"
#include "pw-profile-page.h"
#include "pw-test-util.h"
#include "pw-test-window.h"
#include "pw-window.h"

/* The demo workbook, plus U12399 "Typo PCN" (no returns) holding one of
 * U90001's practices. */
typedef struct
{
  char *dir;
  char *path;
  PwWindow *window;
  gint64 typo;
  gint64 practice;
} Fixture;

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
  PwProfilePage *page = child (f->window, PW_TYPE_WINDOW, "profile_page");

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
  return in_model (pw_overview_page_get_model (child (f->window, PW_TYPE_WINDOW, "overview_page")), id);
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
  pw_test_screenshot (GTK_WIDGET (f->window), "profile-closing.png");
  dialog = dialog_opened_by (page, "page.delete-pcn");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 practice stays, with no PCN"));
  pw_test_screenshot (GTK_WIDGET (dialog), "delete-pcn.png");
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

  adw_message_dialog_response (dialog, "delete");
  pw_test_wait_ms (200);
  dialog = ADW_MESSAGE_DIALOG (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "PCN Not Deleted");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "returns ("));
  pw_test_screenshot (GTK_WIDGET (dialog), "delete-pcn-refused.png");
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
  pw_test_screenshot (GTK_WIDGET (dialog), "archive-pcn.png");
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
  pw_test_screenshot (GTK_WIDGET (dialog), "merge-pcn.png");
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
#undef WINDOW_TEST
  return g_test_run ();
}

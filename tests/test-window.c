/* The real window under Xvfb: select a PCN, edit through the widgets, and
 * find the change (or its absence) in the SQLite file.  Also writes
 * screenshots to $PW_SCREENSHOT_DIR for people to look at.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/keysym.h>
#include <locale.h>
#include <string.h>

#include "pw-demo.h"
#include "pw-form.h"
#include "pw-matrix.h"
#include "pw-maturity-page.h"
#include "pw-overview-page.h"
#include "pw-parse.h"
#include "pw-domain-card.h"
#include "pw-item-editor.h"
#include "pw-swot-page.h"
#include "pw-plan-page.h"
#include "pw-workforce-page.h"
#include "pw-practice-row.h"
#include "pw-profile-page.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-test-window.h"
#include "pw-test-xinput.h"
#include "pw-window.h"
#include "pw-application.h"
#include "pw-plan-entry-row.h"
#include "pw-roles-window.h"

typedef struct
{
  char *dir;
  char *path;
  PwWindow *window;
} Fixture;

static void settle (void);
static char *stored_items (Fixture *f, const char *code, PwItemList list);
static GtkWidget *item_entry (GtkWidget *editor, int index);
static void collect (GtkWidget *root, GType type, GPtrArray *out);
static gboolean shows_label (GtkWidget *root, const char *text);

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

static PwProfilePage *
select_pcn (Fixture *f, const char *code)
{
  PwPcn *pcn = pw_store_find_pcn_by_code (pw_window_get_store (f->window), code);
  PwProfilePage *page = PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"));

  g_assert_nonnull (pcn);
  pw_window_select_pcn (f->window, pw_pcn_get_id (pcn));
  pw_test_wait_ms (100);
  g_assert_true (pw_profile_page_get_pcn (page) == pcn);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  return page;
}

/* Runs whatever the last edit queued (saves run from idle). */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Reads the PCN back through a connection of its own, as a new process would. */
static gint64
stored_number (Fixture *f, const char *code, PwPcnField field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = NULL;

  settle ();
  other = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  return pw_pcn_get_number (pw_store_find_pcn_by_code (other, code), field);
}

static char *
stored_text (Fixture *f, const char *code, PwPcnField field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = NULL;

  settle ();
  other = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  return g_strdup (pw_pcn_get_text (pw_store_find_pcn_by_code (other, code), field));
}

static void
test_edit_saves (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90001");
  GtkEditable *wte = GTK_EDITABLE (pw_test_child (page, PW_TYPE_PROFILE_PAGE, "cd_wte_row"));
  GtkEditable *name = GTK_EDITABLE (pw_test_child (page, PW_TYPE_PROFILE_PAGE, "name_row"));
  g_autofree char *stored_name = NULL;

  g_assert_cmpstr (gtk_editable_get_text (wte), ==, "0.25");
  g_assert_cmpint (stored_number (f, "U90001", PW_PCN_CD_WTE), ==, 25);
  gtk_editable_set_text (wte, "0.5");
  g_assert_cmpint (stored_number (f, "U90001", PW_PCN_CD_WTE), ==, 50);

  gtk_editable_set_text (name, "Northmoor Central and Moorside PCN");
  stored_name = stored_text (f, "U90001", PW_PCN_NAME);
  g_assert_cmpstr (stored_name, ==, "Northmoor Central and Moorside PCN");
  /* The header follows the rename. */
  g_assert_cmpstr (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (pw_test_child (f->window, PW_TYPE_WINDOW, "content_title"))),
                   ==, "Northmoor Central and Moorside PCN");
  /* Whatever the width, the tabs are reachable: in the header, or in the bar. */
  g_assert_true (adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (pw_test_child (f->window, PW_TYPE_WINDOW, "content_title"))) ==
                 adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (pw_test_child (f->window, PW_TYPE_WINDOW, "switcher_bar"))));
  pw_test_wait_ms (100);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "profile-page.png");
}

static void
test_invalid_not_saved (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90001");
  GtkWidget *row = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "cd_wte_row");
  GtkWidget *code = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "code_row");

  gtk_editable_set_text (GTK_EDITABLE (row), "abc");
  g_assert_cmpint (stored_number (f, "U90001", PW_PCN_CD_WTE), ==, 25);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "abc");   /* kept, not thrown away */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "99.99"));

  gtk_editable_set_text (GTK_EDITABLE (row), "100");
  g_assert_cmpint (stored_number (f, "U90001", PW_PCN_CD_WTE), ==, 25);
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* A code another PCN holds is refused too, and says so. */
  gtk_editable_set_text (GTK_EDITABLE (code), "U90002");
  settle ();
  g_assert_true (gtk_widget_has_css_class (code, "error"));
  {
    g_autofree char *stored = stored_text (f, "U90001", PW_PCN_NAME);
    g_assert_cmpstr (stored, ==, "Northmoor Central PCN");
  }
  pw_test_wait_ms (100);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "invalid-field.png");

  gtk_editable_set_text (GTK_EDITABLE (row), "1.5");
  g_assert_cmpint (stored_number (f, "U90001", PW_PCN_CD_WTE), ==, 150);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

static void
test_search (Fixture *f, gconstpointer data)
{
  GtkEditable *search = GTK_EDITABLE (pw_test_child (f->window, PW_TYPE_WINDOW, "search_entry"));
  GtkListView *list = GTK_LIST_VIEW (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_list"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
  gtk_editable_set_text (search, "coast");
  pw_test_wait_ms (400);        /* the search entry waits a moment before it reports */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_editable_set_text (search, "southgate");     /* matches the locality */
  pw_test_wait_ms (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  gtk_editable_set_text (search, "u90012");        /* matches the code, any case */
  pw_test_wait_ms (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  gtk_editable_set_text (search, "");
  pw_test_wait_ms (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "main-window.png");
}

/* Ctrl+F, typing and Enter from the keyboard: the first match opens;
 * Alt+Home goes back to the overview. */
static void
test_search_keys (Fixture *f, gconstpointer data)
{
  GtkWidget *search = pw_test_child (f->window, PW_TYPE_WINDOW, "search_entry");
  GtkListView *list = GTK_LIST_VIEW (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_list"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  GtkWidget *content = pw_test_child (f->window, PW_TYPE_WINDOW, "content_stack");
  PwProfilePage *page = PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"));
  g_autoptr(PwPcn) first = NULL;

  x_focus (GTK_WINDOW (f->window));
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), search));
  type_key (GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), search));
  type_text ("southgate");
  pw_test_wait_ms (400);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "southgate");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  first = g_list_model_get_item (model, 0);
  type_key (GDK_KEY_Return, 0);
  pw_test_wait_ms (150);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content)), ==, "pcn");
  g_assert_true (pw_profile_page_get_pcn (page) == first);

  type_key (GDK_KEY_Home, GDK_ALT_MASK);
  pw_test_wait_ms (150);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content)), ==, "overview");
}

/* The first visible button under @root whose label holds @text or whose
 * icon is @text. */
static GtkWidget *
find_button (GtkWidget *root, const char *text)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (GTK_IS_BUTTON (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));
      const char *icon = gtk_button_get_icon_name (GTK_BUTTON (root));
      GtkWidget *inner = gtk_button_get_child (GTK_BUTTON (root));

      if ((label && strstr (label, text)) || g_strcmp0 (icon, text) == 0)
        return root;
      if (ADW_IS_BUTTON_CONTENT (inner) &&
          (strstr (adw_button_content_get_label (ADW_BUTTON_CONTENT (inner)), text) ||
           g_strcmp0 (adw_button_content_get_icon_name (ADW_BUTTON_CONTENT (inner)), text) == 0))
        return root;
      if (GTK_IS_LABEL (inner) && strstr (gtk_label_get_label (GTK_LABEL (inner)), text))
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, text);
      if (found)
        return found;
    }
  return NULL;
}

/* This year's return of @code as another process reads it. */
static PwReturn *
stored_return (Fixture *f, const char *code, int year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = NULL;

  settle ();
  other = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  return pw_store_get_return (other, pw_pcn_get_id (pw_store_find_pcn_by_code (other, code)), year, NULL);
}

static gint64
stored_status (Fixture *f, const char *code)
{
  g_autoptr(PwReturn) ret = stored_return (f, code, pw_current_year ());

  return ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) : -1;
}

/* The changes of status logged for this year's return of @code, newest
 * first, as another process reads them. */
static GPtrArray *
stored_status_log (Fixture *f, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = NULL;
  g_autoptr(PwReturn) ret = stored_return (f, code, pw_current_year ());
  g_autoptr(GListModel) changes = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  other = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  changes = pw_store_list_changes (other, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(PwChange) c = g_list_model_get_item (changes, i);

      if (g_strcmp0 (pw_row_get_string (PW_ROW (c), PW_CHANGE_WHAT), "Status") == 0)
        g_ptr_array_add (found, g_steal_pointer (&c));
    }
  return found;
}

static guint
stored_status_changes (Fixture *f, const char *code)
{
  g_autoptr(GPtrArray) log = stored_status_log (f, code);

  return log->len;
}

static PwChange *
stored_last_status_change (Fixture *f, const char *code)
{
  g_autoptr(GPtrArray) log = stored_status_log (f, code);

  g_assert_cmpuint (log->len, >, 0);
  return g_object_ref (g_ptr_array_index (log, 0));
}

/* The dialog Reopen opens, asking why, with the keyboard's focus. */
static GtkWindow *
reopen_dialog (void)
{
  GtkWindow *dialog;

  pw_test_wait_ms (200);
  dialog = pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Reopen the Return?");
  x_focus (dialog);
  return dialog;
}

static GtkWidget *
show_page (Fixture *f, const char *code, const char *page)
{
  select_pcn (f, code);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack")), page);
  pw_test_wait_ms (150);
  x_focus (GTK_WINDOW (f->window));
  return pw_window_get_page (f->window, page);
}

/* Submit, Mark Reviewed (through its dialog) and Reopen (through its
 * dialog asking why), each a click on the return bar; each button shows
 * only when its move is allowed. */
static void
test_return_buttons (Fixture *f, gconstpointer data)
{
  GtkWidget *page = show_page (f, "U90004", "maturity");     /* a draft this year */
  GtkWidget *bar = pw_test_child (page, PW_TYPE_MATURITY_PAGE, "return_bar");
  GType bar_type = G_OBJECT_TYPE (bar);
  GtkWidget *submit = pw_test_child (bar, bar_type, "submit_button");
  GtkWidget *review = pw_test_child (bar, bar_type, "review_button");
  GtkWidget *reopen = pw_test_child (bar, bar_type, "reopen_button");
  GtkWidget *card = pw_maturity_page_get_card (PW_MATURITY_PAGE (page), 0);
  GtkWidget *levels = GTK_WIDGET (gtk_widget_get_template_child (card, PW_TYPE_DOMAIN_CARD, "level_list"));
  GtkWindow *dialog;
  GtkWidget *confirm;
  guint logged;

  g_assert_cmpint (stored_status (f, "U90004"), ==, PW_STATUS_DRAFT);
  g_assert_true (gtk_widget_get_visible (submit));
  g_assert_false (gtk_widget_get_visible (review));
  g_assert_false (gtk_widget_get_visible (reopen));
  click (submit);
  g_assert_cmpint (stored_status (f, "U90004"), ==, PW_STATUS_SUBMITTED);
  g_assert_false (gtk_widget_get_visible (submit));
  g_assert_true (gtk_widget_get_visible (review));
  g_assert_true (gtk_widget_get_visible (reopen));

  click (review);
  pw_test_wait_ms (200);
  dialog = pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  x_focus (dialog);
  type_text (" QA");                       /* after the reviewer's name already there */
  click (find_button (GTK_WIDGET (dialog), "Mark _Reviewed"));
  pw_test_wait_ms (100);
  g_assert_cmpint (stored_status (f, "U90004"), ==, PW_STATUS_REVIEWED);
  {
    g_autoptr(PwReturn) ret = stored_return (f, "U90004", pw_current_year ());
    g_assert_true (g_str_has_suffix (pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWER), " QA"));
  }
  g_assert_false (gtk_widget_get_sensitive (levels));
  g_assert_true (gtk_widget_get_visible (reopen));   /* a reviewed return can be reopened */
  g_assert_false (gtk_widget_get_visible (review));

  /* Reopen asks why first: Cancel leaves the review as it was. */
  logged = stored_status_changes (f, "U90004");
  click (reopen);
  dialog = reopen_dialog ();
  click (find_button (GTK_WIDGET (dialog), "_Cancel"));
  pw_test_wait_ms (100);
  g_assert_null (pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (stored_status (f, "U90004"), ==, PW_STATUS_REVIEWED);
  g_assert_cmpuint (stored_status_changes (f, "U90004"), ==, logged);

  /* Typing a reason, then clicking Reopen: a draft again, and the change
   * log keeps the reason beside the review it replaces. */
  click (reopen);
  dialog = reopen_dialog ();
  confirm = find_button (GTK_WIDGET (dialog), "_Reopen");
  g_assert_false (gtk_widget_get_sensitive (confirm));     /* no reason, no reopening */
  click (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
  type_text ("List sizes corrected");
  g_assert_true (gtk_widget_get_sensitive (confirm));
  click (confirm);
  pw_test_wait_ms (100);
  g_assert_cmpint (stored_status (f, "U90004"), ==, PW_STATUS_DRAFT);
  g_assert_cmpuint (stored_status_changes (f, "U90004"), ==, logged + 1);
  {
    g_autoptr(PwChange) last = stored_last_status_change (f, "U90004");

    g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_CHANGE_OLD), ==, "Reviewed");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_CHANGE_NEW), ==, "Draft (List sizes corrected)");
  }
  g_assert_true (shows_label (bar, "List sizes corrected"));   /* the bar says why it is a draft */
  g_assert_true (gtk_widget_get_sensitive (levels));
  g_assert_true (gtk_widget_get_visible (submit));
  g_assert_false (gtk_widget_get_visible (reopen));
}

/* Is there a visible label under @root whose text holds @text? */
static gboolean
shows_label (GtkWidget *root, const char *text)
{
  if (!gtk_widget_get_visible (root))
    return FALSE;
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (shows_label (c, text))
      return TRUE;
  return FALSE;
}

/* Each domain marks last year's level on that level's row, and no other. */
static void
test_last_year_mark (Fixture *f, gconstpointer data)
{
  GtkWidget *page = show_page (f, "U90001", "maturity");
  g_autoptr(PwReturn) last = stored_return (f, "U90001", pw_current_year () - 1);
  g_autofree char *fy = pw_format_year (pw_current_year () - 1);
  g_autofree char *tag = g_strdup_printf ("%s level", fy);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = pw_store_open (f->path, &error);
  g_autoptr(GListModel) levels = pw_store_list_maturity (other, pw_row_get_int (PW_ROW (last), PW_RETURN_ID), &error);
  guint marked = 0;

  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      g_autoptr(PwMaturity) m = g_list_model_get_item (levels, d);
      GtkWidget *card = pw_maturity_page_get_card (PW_MATURITY_PAGE (page), d);
      GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (card, PW_TYPE_DOMAIN_CARD, "level_list"));
      guint want = pw_level_index (pw_row_get_int (PW_ROW (m), PW_MATURITY_LEVEL));

      for (guint i = 0; i < PW_N_LEVELS; i++)
        {
          gboolean here = shows_label (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i)), tag);
          if (here != (i == want))
            g_error ("domain %u: row %u %s the %s mark (last year's level is row %u)", d, i,
                     here ? "has" : "lacks", tag, want);
          marked += here;
        }
    }
  g_assert_cmpuint (marked, ==, PW_N_DOMAINS);
}

/* The workforce page's entry row for a funding stream. */
static GtkWidget *
funding_row (GtkWidget       *page,
             PwFundingStream  stream)
{
  GtkWidget *group = pw_test_child (page, PW_TYPE_WORKFORCE_PAGE, "funding_group");
  GtkWidget *row = NULL;
  GQueue todo = G_QUEUE_INIT;

  g_queue_push_tail (&todo, group);
  while (!g_queue_is_empty (&todo) && row == NULL)
    {
      GtkWidget *w = g_queue_pop_head (&todo);
      if (ADW_IS_ENTRY_ROW (w) && g_object_get_data (G_OBJECT (w), "pw-stream") == GUINT_TO_POINTER (stream))
        row = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&todo, c);
    }
  g_queue_clear (&todo);
  g_assert_nonnull (row);
  return row;
}

/* The label after a funding row's entry ("= £…", or "Not recorded"):
 * dimmed, as the row's title is while the entry is empty. */
static GtkWidget *
funding_note_label (GtkWidget  *w,
                    const char *title)
{
  if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "dim-label") &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (w)), title) != 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *label = funding_note_label (c, title);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static const char *
funding_note (GtkWidget *row)
{
  GtkWidget *label = funding_note_label (row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
stored_funding_recorded (Fixture *f, PwFundingStream stream, gint64 *amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = pw_store_open (f->path, &error);
  g_autoptr(GListModel) funding = pw_store_list_funding (other, pw_pcn_get_id (pw_store_find_pcn_by_code (other, "U90001")),
                                                         pw_current_year (), &error);
  g_autoptr(PwFunding) line = g_list_model_get_item (funding, stream);

  *amount = pw_row_get_int (PW_ROW (line), PW_FUNDING_AMOUNT);
  return pw_row_get_int (PW_ROW (line), PW_FUNDING_RECORDED);
}

/* A stream never entered shows an empty field noted "Not recorded", not
 * £0.00; £0 typed is recorded; a field emptied takes the stream back to
 * not recorded (and the note back). */
static void
test_funding_not_recorded (Fixture *f, gconstpointer data)
{
  GtkWidget *page = show_page (f, "U90001", "workforce");
  GtkWidget *row = funding_row (page, PW_STREAM_CORE);
  gint64 amount = -1;

  g_assert_false (stored_funding_recorded (f, PW_STREAM_CORE, &amount));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_cmpstr (funding_note (row), ==, "Not recorded");
  click (row);
  type_text ("0");
  pw_test_wait_ms (300);
  g_assert_true (stored_funding_recorded (f, PW_STREAM_CORE, &amount));
  g_assert_cmpint (amount, ==, 0);
  g_assert_cmpstr (funding_note (row), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  pw_test_wait_ms (300);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_false (stored_funding_recorded (f, PW_STREAM_CORE, &amount));
  g_assert_cmpstr (funding_note (row), ==, "Not recorded");
}

/* A funding field takes "rate:0.66" typed in, and the store works the
 * amount out from the list sizes. */
static void
test_funding_rate (Fixture *f, gconstpointer data)
{
  GtkWidget *page = show_page (f, "U90001", "workforce");
  GtkWidget *row = funding_row (page, PW_STREAM_DEVELOPMENT);
  gint64 population = stored_number (f, "U90001", PW_PCN_POPULATION);

  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  click (row);
  type_text ("rate:0.66");
  pw_test_wait_ms (200);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "rate:0.66");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    g_autoptr(GListModel) funding = pw_store_list_funding (other, pw_pcn_get_id (pw_store_find_pcn_by_code (other, "U90001")),
                                                           pw_current_year (), &error);
    g_autoptr(PwFunding) dev = g_list_model_get_item (funding, PW_STREAM_DEVELOPMENT);
    g_assert_cmpint (pw_row_get_int (PW_ROW (dev), PW_FUNDING_RATE), ==, 6600);
    g_assert_cmpint (pw_row_get_int (PW_ROW (dev), PW_FUNDING_AMOUNT), ==, (6600 * population + 50) / 100);
  }
}

/* Items typed with Enter, moved with Alt+Down from the keyboard, and
 * removed with the bin button. */
static void
test_item_keys (Fixture *f, gconstpointer data)
{
  GtkWidget *page = show_page (f, "U90005", "swot");
  GtkWidget *editor = pw_swot_page_get_editor (PW_SWOT_PAGE (page), PW_LIST_WEAKNESSES);
  GtkWidget *add = GTK_WIDGET (gtk_widget_get_template_child (editor, PW_TYPE_ITEM_EDITOR, "add_entry"));
  g_autofree char *added = NULL, *down = NULL, *again = NULL, *binned = NULL;
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (editor, PW_TYPE_ITEM_EDITOR, "list"));

  click (add);
  type_text ("alpha");
  type_key (GDK_KEY_Return, 0);
  type_text ("beta");
  type_key (GDK_KEY_Return, 0);
  type_text ("gamma");
  type_key (GDK_KEY_Return, 0);
  added = stored_items (f, "U90005", PW_LIST_WEAKNESSES);
  g_assert_cmpstr (added, ==, "alpha|beta|gamma");

  click (item_entry (editor, 0));
  type_key (GDK_KEY_Down, GDK_ALT_MASK);
  down = stored_items (f, "U90005", PW_LIST_WEAKNESSES);
  g_assert_cmpstr (down, ==, "beta|alpha|gamma");
  type_key (GDK_KEY_Down, GDK_ALT_MASK);         /* focus went with it */
  again = stored_items (f, "U90005", PW_LIST_WEAKNESSES);
  g_assert_cmpstr (again, ==, "beta|gamma|alpha");

  click (find_button (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "user-trash-symbolic"));
  binned = stored_items (f, "U90005", PW_LIST_WEAKNESSES);
  g_assert_cmpstr (binned, ==, "gamma|alpha");

  /* Dragging the second item by its handle onto the first. */
  {
    g_autoptr(GPtrArray) handles = g_ptr_array_new ();
    g_autofree char *dragged = NULL;

    collect (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)), GTK_TYPE_IMAGE, handles);
    for (guint i = handles->len; i-- > 0;)
      if (g_strcmp0 (gtk_image_get_icon_name (g_ptr_array_index (handles, i)), "list-drag-handle-symbolic") != 0)
        g_ptr_array_remove_index (handles, i);
    g_assert_cmpuint (handles->len, ==, 1);
    drag (g_ptr_array_index (handles, 0), gtk_list_box_get_row_at_index (list, 0));
    dragged = stored_items (f, "U90005", PW_LIST_WEAKNESSES);
    g_assert_cmpstr (dragged, ==, "alpha|gamma");
  }
}

static PwPracticeRow *first_practice_row (PwProfilePage *page);

static PwPracticeRow *
first_practice_row (PwProfilePage *page)
{
  GtkWidget *list = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "practice_list");
  GtkWidget *row = gtk_widget_get_first_child (list);

  g_assert_true (PW_IS_PRACTICE_ROW (row));
  return PW_PRACTICE_ROW (row);
}

static gint64
stored_population (Fixture *f, const char *code)
{
  return stored_number (f, code, PW_PCN_POPULATION);
}

/* Editing a practice's list size in place saves it and moves the total. */
static void
test_practice_edit (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90002");
  PwPracticeRow *row = first_practice_row (page);
  GtkEditable *size = GTK_EDITABLE (pw_test_child (row, PW_TYPE_PRACTICE_ROW, "list_size_row"));
  gint64 before = stored_population (f, "U90002");
  gint64 old_size = 0;

  g_assert_true (pw_form_check (PW_FORM_LIST_SIZE, gtk_editable_get_text (size), NULL, &old_size, NULL));
  gtk_editable_set_text (size, "1,000");
  g_assert_cmpint (stored_population (f, "U90002"), ==, before - old_size + 1000);
  gtk_editable_set_text (size, "lots");
  g_assert_cmpint (stored_population (f, "U90002"), ==, before - old_size + 1000);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (size), "error"));
  pw_test_wait_ms (100);
  /* The row typed in survives its own save. */
  g_assert_true (first_practice_row (page) == row);
}

static GtkWidget *
first_cell_of_first_row (GtkWidget *list)
{
  /* listview > rows; row > box > line > name, status, cells */
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      GtkWidget *line = box ? gtk_widget_get_last_child (box) : NULL;

      if (line != NULL && GTK_IS_BOX (line) && gtk_widget_get_first_child (line) != NULL)
        return gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (line)));
    }
  return NULL;
}

/* With no PCN selected the window shows every PCN's maturity; filters narrow
 * it; a cell opens that PCN's Maturity page. */
static void
test_overview (Fixture *f, gconstpointer data)
{
  GtkWidget *content = pw_test_child (f->window, PW_TYPE_WINDOW, "content_stack");
  PwOverviewPage *overview = PW_OVERVIEW_PAGE (pw_window_get_page (f->window, "overview"));
  GListModel *shown = pw_overview_page_get_model (overview);
  GtkDropDown *status = GTK_DROP_DOWN (pw_test_child (overview, PW_TYPE_OVERVIEW_PAGE, "status_filter"));
  GtkDropDown *locality = GTK_DROP_DOWN (pw_test_child (overview, PW_TYPE_OVERVIEW_PAGE, "locality_filter"));
  GtkLabel *counts = GTK_LABEL (pw_test_child (overview, PW_TYPE_OVERVIEW_PAGE, "counts_label"));
  GtkWidget *cell;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content)), ==, "overview");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 13);
  g_assert_nonnull (strstr (gtk_label_get_label (counts), "13 PCNs: 2 without a return · 4 draft · 3 submitted · 4 reviewed"));
  pw_test_save_screenshot (GTK_WIDGET (f->window), "overview.png");

  gtk_drop_down_set_selected (status, 4);     /* Reviewed */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  gtk_drop_down_set_selected (status, 1);     /* No return */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  gtk_drop_down_set_selected (status, 0);
  gtk_drop_down_set_selected (locality, 2);   /* the second locality by name: Northmoor */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);
  gtk_drop_down_set_selected (locality, 0);
  pw_test_wait_ms (200);

  /* Each cell says, to a screen reader too, which PCN, domain and level. */
  cell = first_cell_of_first_row (pw_test_child (overview, PW_TYPE_OVERVIEW_PAGE, "heat_list"));
  g_assert_nonnull (cell);
  {
    g_autofree char *label = g_strdup_printf ("Coastline PCN, Leadership, planning and partnerships: %s",
                                              gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (cell)))));
    g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                   label);
    g_assert_null (problem);
  }
  g_signal_emit_by_name (cell, "clicked");
  pw_test_wait_ms (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content)), ==, "pcn");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack"))),
                   ==, "maturity");
}

/* Arrow keys pick a level (the list's own key binding, "move-cursor"), and
 * the first level entered starts the year's return. */
static void
test_maturity_keyboard (Fixture *f, gconstpointer data)
{
  PwMaturityPage *page = PW_MATURITY_PAGE (pw_window_get_page (f->window, "maturity"));
  GtkWidget *card, *list;
  PwPcn *pcn;
  g_autoptr(GError) error = NULL;
  int year = pw_current_year ();

  select_pcn (f, "U90005");     /* the demo leaves this year's return unstarted */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack")), "maturity");
  pw_test_wait_ms (150);
  card = pw_maturity_page_get_card (page, 2);
  list = GTK_WIDGET (gtk_widget_get_template_child (card, PW_TYPE_DOMAIN_CARD, "level_list"));
  g_assert_cmpint (pw_domain_card_get_level (PW_DOMAIN_CARD (card)), ==, PW_LEVEL_NONE);
  {
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    pcn = pw_store_find_pcn_by_code (other, "U90005");
    g_assert_null (pw_store_get_return (other, pw_pcn_get_id (pcn), year, NULL));
  }

  /* Home, then three steps down: Pre-foundation → Foundation → F/S1 → Step 1. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (GTK_LIST_BOX (list))));
  g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_BUFFER_ENDS, -1, FALSE, FALSE);
  for (int i = 0; i < 3; i++)
    g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  pw_test_wait_ms (50);
  g_assert_cmpint (pw_domain_card_get_level (PW_DOMAIN_CARD (card)), ==, 2);
  {
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    g_autoptr(PwReturn) ret = NULL;
    g_autoptr(GListModel) levels = NULL;
    g_autoptr(PwMaturity) m = NULL;

    pcn = pw_store_find_pcn_by_code (other, "U90005");
    ret = pw_store_get_return (other, pw_pcn_get_id (pcn), year, &error);
    g_assert_nonnull (ret);
    g_assert_cmpint (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS), ==, PW_STATUS_DRAFT);
    levels = pw_store_list_maturity (other, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), &error);
    m = g_list_model_get_item (levels, 2);
    g_assert_cmpint (pw_row_get_int (PW_ROW (m), PW_MATURITY_LEVEL), ==, 2);
  }
  pw_test_wait_ms (100);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "maturity-page.png");
}

/* A reviewed return is read-only until reopened. */
static void
test_reviewed_is_read_only (Fixture *f, gconstpointer data)
{
  PwMaturityPage *page = PW_MATURITY_PAGE (pw_window_get_page (f->window, "maturity"));
  GtkWidget *card, *list;

  select_pcn (f, "U90003");     /* index 2: reviewed this year */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack")), "maturity");
  pw_test_wait_ms (100);
  card = pw_maturity_page_get_card (page, 0);
  list = GTK_WIDGET (gtk_widget_get_template_child (card, PW_TYPE_DOMAIN_CARD, "level_list"));
  g_assert_false (gtk_widget_get_sensitive (list));
}

static char *
stored_items (Fixture *f, const char *code, PwItemList list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = NULL;
  g_autoptr(PwReturn) ret = NULL;
  g_autoptr(GListModel) items = NULL;
  GString *out = g_string_new (NULL);

  settle ();
  other = pw_store_open (f->path, &error);
  ret = pw_store_get_return (other, pw_pcn_get_id (pw_store_find_pcn_by_code (other, code)), pw_current_year (), NULL);
  items = ret ? pw_store_list_items (other, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), list, NULL) : NULL;
  for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PwItem) item = g_list_model_get_item (items, i);
      g_string_append_printf (out, "%s%s", i ? "|" : "", pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT));
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
item_entry (GtkWidget *editor, int index)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (editor, PW_TYPE_ITEM_EDITOR, "list"));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);
  return g_object_get_data (G_OBJECT (row), "pw-entry");
}

/* Sends a key press through the widget's own key controllers, as GTK
 * does for a real key. */
static gboolean
press_key (GtkWidget *widget, guint keyval, GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

/* Adds three strengths with Enter, moves one up with Alt+Up, removes one
 * and brings it back with the toast's Undo. */
static void
test_swot_items (Fixture *f, gconstpointer data)
{
  PwSwotPage *page = PW_SWOT_PAGE (pw_window_get_page (f->window, "swot"));
  GtkWidget *editor, *add;
  GtkWidget *overlay = pw_test_child (f->window, PW_TYPE_WINDOW, "toast_overlay");
  g_autofree char *after_add = NULL, *after_move = NULL, *after_delete = NULL, *after_undo = NULL;

  select_pcn (f, "U90005");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack")), "swot");
  pw_test_wait_ms (100);
  editor = pw_swot_page_get_editor (page, PW_LIST_STRENGTHS);
  add = GTK_WIDGET (gtk_widget_get_template_child (editor, PW_TYPE_ITEM_EDITOR, "add_entry"));
  for (guint i = 0; i < 3; i++)
    {
      static const char *texts[] = { "Strong leadership", "=cmd|' /C calc'!A0", "Good estates" };
      gtk_editable_set_text (GTK_EDITABLE (add), texts[i]);
      g_signal_emit_by_name (add, "activate");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");
    }
  after_add = stored_items (f, "U90005", PW_LIST_STRENGTHS);
  g_assert_cmpstr (after_add, ==, "Strong leadership|=cmd|' /C calc'!A0|Good estates");

  g_assert_true (press_key (item_entry (editor, 2), GDK_KEY_Up, GDK_ALT_MASK));
  after_move = stored_items (f, "U90005", PW_LIST_STRENGTHS);
  g_assert_cmpstr (after_move, ==, "Strong leadership|Good estates|=cmd|' /C calc'!A0");
  /* Focus follows the moved item, so it can be moved again at once. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), item_entry (editor, 1)) ||
                 gtk_root_get_focus (GTK_ROOT (f->window)) == item_entry (editor, 1));

  /* Edit in place. */
  gtk_editable_set_text (GTK_EDITABLE (item_entry (editor, 0)), "Strong clinical leadership");
  g_assert_true (press_key (item_entry (editor, 1), GDK_KEY_Delete, GDK_CONTROL_MASK));
  after_delete = stored_items (f, "U90005", PW_LIST_STRENGTHS);
  g_assert_cmpstr (after_delete, ==, "Strong clinical leadership|=cmd|' /C calc'!A0");
  pw_test_wait_ms (100);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "swot-page.png");

  /* The toast's Undo puts the item back where it was. */
  {
    AdwToast *toast = g_object_get_data (G_OBJECT (overlay), "pw-undo-toast");

    g_assert_nonnull (toast);
    g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
    g_signal_emit_by_name (toast, "button-clicked");
  }
  after_undo = stored_items (f, "U90005", PW_LIST_STRENGTHS);
  g_assert_cmpstr (after_undo, ==, "Strong clinical leadership|Good estates|=cmd|' /C calc'!A0");
}

/* The plan page shows what the store holds, with the proposals' total. */
static void
test_plan_page (Fixture *f, gconstpointer data)
{
  PwStore *store = pw_window_get_store (f->window);
  PwPcn *pcn = pw_store_find_pcn_by_code (store, "U90001");
  PwPlanPage *page = PW_PLAN_PAGE (pw_window_get_page (f->window, "plan"));
  g_autoptr(GError) error = NULL;
  gint64 ret = 0, a = 0, b = 0;

  g_assert_true (pw_store_ensure_return (store, pw_pcn_get_id (pcn), pw_current_year (), &ret, &error));
  g_assert_true (pw_store_set_des (store, ret, 1, PW_DES_DELIVERING, "Weekly ward rounds in 12 homes", &error));
  g_assert_true (pw_store_add_entry (store, ret, PW_ENTRY_PROPOSAL, NULL, &a, &error));
  g_assert_true (pw_store_set_entry_text (store, a, PW_PLAN_ENTRY_TITLE, "Facilitated PCN workshops", &error));
  g_assert_true (pw_store_set_entry_text (store, a, PW_PLAN_ENTRY_DETAIL, "PCN strategy development and leadership planning", &error));
  g_assert_true (pw_store_set_entry_number (store, a, PW_PLAN_ENTRY_AMOUNT, 2640000, &error));
  g_assert_true (pw_store_add_entry (store, ret, PW_ENTRY_PROPOSAL, NULL, &b, &error));
  g_assert_true (pw_store_set_entry_number (store, b, PW_PLAN_ENTRY_AMOUNT, 150050, &error));
  select_pcn (f, "U90001");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack")), "plan");
  pw_test_wait_ms (150);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (pw_test_child (page, PW_TYPE_PLAN_PAGE, "proposals_group"))),
                   ==, "£27,900.50 requested in 2 proposals");
  pw_test_save_screenshot (GTK_WIDGET (f->window), "plan-page.png");
}

/* Editing a WTE saves it and the total under the table follows. */
static void
test_workforce (Fixture *f, gconstpointer data)
{
  PwWorkforcePage *page = PW_WORKFORCE_PAGE (pw_window_get_page (f->window, "workforce"));
  GtkListBox *list = GTK_LIST_BOX (pw_test_child (page, PW_TYPE_WORKFORCE_PAGE, "wte_list"));
  GtkLabel *total = GTK_LABEL (pw_test_child (page, PW_TYPE_WORKFORCE_PAGE, "totals_label"));
  GtkListBoxRow *row;
  GtkWidget **cells;
  g_autofree char *before = NULL;

  select_pcn (f, "U90001");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack")), "workforce");
  pw_test_wait_ms (100);
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  cells = g_object_get_data (G_OBJECT (row), "pw-entries");
  before = g_strdup (gtk_label_get_label (total));
  g_assert_true (g_str_has_prefix (before, "Total: "));

  /* 10.25 WTE more than the others add up to. */
  gtk_editable_set_text (GTK_EDITABLE (cells[0]), "12.5");
  settle ();
  g_assert_cmpstr (gtk_label_get_label (total), !=, before);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    PwPcn *pcn = pw_store_find_pcn_by_code (other, "U90001");
    g_autoptr(PwReturn) ret = pw_store_get_return (other, pw_pcn_get_id (pcn), pw_current_year (), NULL);
    g_autoptr(GListModel) wte = pw_store_list_wte (other, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), NULL);
    gint64 sum = 0;
    g_autofree char *expected = NULL, *shown = NULL;
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (wte); i++)
      {
        g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);
        sum += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_IN_POST);
        found |= pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_IN_POST) == 1250;
      }
    g_assert_true (found);
    shown = pw_format_wte (sum);
    expected = g_strdup_printf ("Total: %s WTE in post", shown);
    g_assert_true (g_str_has_prefix (gtk_label_get_label (total), expected));
  }

  /* A negative WTE is refused in place and not saved. */
  gtk_editable_set_text (GTK_EDITABLE (cells[0]), "-1");
  settle ();
  g_assert_true (gtk_widget_has_css_class (cells[0], "error"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    PwPcn *pcn = pw_store_find_pcn_by_code (other, "U90001");
    g_autoptr(PwReturn) ret = pw_store_get_return (other, pw_pcn_get_id (pcn), pw_current_year (), NULL);
    g_autoptr(GListModel) wte = pw_store_list_wte (other, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), NULL);
    g_autoptr(PwArrsWte) first = g_list_model_get_item (wte, 0);
    g_assert_cmpint (pw_row_get_int (PW_ROW (first), PW_ARRS_WTE_IN_POST), ==, 1250);
  }
  gtk_editable_set_text (GTK_EDITABLE (cells[0]), "12.5");
  settle ();
  pw_test_wait_ms (100);
  pw_test_save_screenshot (GTK_WIDGET (f->window), "workforce-page.png");
}

/* Import and export run in a thread: the window stays live, the result
 * lands in the workbook and on disk, and a bad file says where it is bad. */
static void
test_import_export_threads (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "maturity.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "appendix.xlsx", NULL);
  g_autofree char *year = pw_format_year (pw_current_year ());
  g_autofree char *rows = g_strdup_printf ("pcn_code,year,domain,level\nU90005,%s,people,Step 3\n", year);
  g_autoptr(GFile) file = NULL, bad_file = NULL, out = NULL;
  PwExportOptions options = { .year = pw_current_year (), .committee = g_strdup ("Test committee") };
  GtkWidget *overlay = pw_test_child (f->window, PW_TYPE_WINDOW, "toast_overlay");

  pw_test_write (csv, rows);
  file = g_file_new_for_path (csv);
  pw_window_import_file (f->window, file);
  g_assert_true (pw_window_is_busy (f->window));
  pw_test_wait_window_idle (f->window, 30);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    PwPcn *pcn = pw_store_find_pcn_by_code (other, "U90005");
    g_autoptr(PwReturn) ret = pw_store_get_return (other, pw_pcn_get_id (pcn), pw_current_year (), NULL);
    g_autoptr(GListModel) levels = NULL;
    g_autoptr(PwMaturity) people = NULL;

    g_assert_nonnull (ret);
    levels = pw_store_list_maturity (other, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), NULL);
    people = g_list_model_get_item (levels, 4);
    g_assert_cmpint (pw_row_get_int (PW_ROW (people), PW_MATURITY_LEVEL), ==, PW_LEVEL_STEP_3);
  }
  /* The window's own store saw the other connection's write. */
  {
    PwStore *mine = pw_window_get_store (f->window);
    g_autoptr(PwReturn) ret = pw_store_get_return (mine, pw_pcn_get_id (pw_store_find_pcn_by_code (mine, "U90005")),
                                                   pw_current_year (), NULL);
    g_assert_nonnull (ret);
  }

  pw_test_write (bad, "pcn_code,year,domain,level\nU90005,2021/22,people,Step 9\n");
  bad_file = g_file_new_for_path (bad);
  pw_window_import_file (f->window, bad_file);
  pw_test_wait_window_idle (f->window, 30);
  pw_test_wait_ms (100);
  {
    GList *toplevels = gtk_window_list_toplevels ();
    gboolean found = FALSE;

    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          strstr (adw_message_dialog_get_body (l->data), "bad.csv: line 2, column 4 (level)") != NULL)
        {
          found = TRUE;
          pw_test_save_screenshot (GTK_WIDGET (l->data), "import-error.png");
          gtk_window_destroy (l->data);
        }
    g_list_free (toplevels);
    g_assert_true (found);
  }

  out = g_file_new_for_path (xlsx);
  pw_window_export_file (f->window, &options, out);
  pw_test_wait_window_idle (f->window, 30);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(GBytes) bytes = pw_test_read (xlsx);
    g_assert_cmpuint (g_bytes_get_size (bytes), >, 10000);
    g_assert_cmpint (memcmp (g_bytes_get_data (bytes, NULL), "PK", 2), ==, 0);   /* a zip, as xlsx files are */
  }
  (void) overlay;
}

/* Moving a practice: open it, choose another PCN; Undo moves it back. */
static void
test_practice_move (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90002");
  PwPracticeRow *row = first_practice_row (page);
  AdwComboRow *combo = ADW_COMBO_ROW (pw_test_child (row, PW_TYPE_PRACTICE_ROW, "pcn_row"));
  GtkWidget *overlay = pw_test_child (f->window, PW_TYPE_WINDOW, "toast_overlay");
  gint64 from = stored_population (f, "U90002"), to = stored_population (f, "U90003");
  GListModel *pcns;
  AdwToast *toast;

  g_assert_null (adw_combo_row_get_model (combo));      /* attached only when opened */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pcns = adw_combo_row_get_model (combo);
  g_assert_nonnull (pcns);
  g_assert_cmpstr (pw_pcn_get_text (adw_combo_row_get_selected_item (combo), PW_PCN_CODE), ==, "U90002");
  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) p = g_list_model_get_item (pcns, i);
      if (g_str_equal (pw_pcn_get_text (p, PW_PCN_CODE), "U90003"))
        adw_combo_row_set_selected (combo, i);
    }
  pw_test_wait_ms (50);
  g_assert_cmpint (stored_population (f, "U90002") + stored_population (f, "U90003"), ==, from + to);
  g_assert_cmpint (stored_population (f, "U90002"), <, from);
  toast = g_object_get_data (G_OBJECT (overlay), "pw-undo-toast");
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (stored_population (f, "U90002"), ==, from);
  g_assert_cmpint (stored_population (f, "U90003"), ==, to);
}

/* The export dialog, a return's history and the roles manager open, show
 * what they should, and are looked at. */
static void
test_dialogs (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;
  GtkWidget *history_button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-appendix", NULL));
  pw_test_wait_ms (200);
  dialog = pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "financial year"));
  pw_test_save_screenshot (GTK_WIDGET (dialog), "export-dialog.png");
  gtk_window_destroy (dialog);

  select_pcn (f, "U90003");     /* reviewed this year, with a history */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack")), "maturity");
  pw_test_wait_ms (100);
  history_button = pw_test_child (pw_test_child (pw_window_get_page (f->window, "maturity"), PW_TYPE_MATURITY_PAGE, "return_bar"),
                          g_type_from_name ("PwReturnBar"), "history_button");
  x_focus (GTK_WINDOW (f->window));
  click (history_button);
  pw_test_wait_ms (200);
  dialog = pw_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (gtk_window_get_title (dialog), "History"));
  /* One row per logged change, newest first, saying what changed. */
  {
    g_autoptr(PwReturn) ret = stored_return (f, "U90003", pw_current_year ());
    g_autoptr(GListModel) changes = pw_store_list_changes (pw_window_get_store (f->window),
                                                           pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), NULL);
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, rows);
    g_assert_cmpuint (g_list_model_get_n_items (changes), >, 0);
    g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (changes));
    for (guint i = 0; i < rows->len; i++)
      {
        g_autoptr(PwChange) c = g_list_model_get_item (changes, i);
        const char *title = adw_preferences_row_get_title (g_ptr_array_index (rows, i));
        g_autofree char *escaped = g_markup_escape_text (pw_row_get_string (PW_ROW (c), PW_CHANGE_NEW), -1);
        g_assert_true (g_str_has_prefix (title, pw_row_get_string (PW_ROW (c), PW_CHANGE_WHAT)));
        g_assert_nonnull (strstr (title, escaped));
      }
  }
  pw_test_save_screenshot (GTK_WIDGET (dialog), "history.png");
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.manage-roles", NULL));
  pw_test_wait_ms (200);
  dialog = pw_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  {
    g_autoptr(GListModel) roles = pw_store_list_roles (pw_window_get_store (f->window), TRUE, NULL);
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW, rows);
    g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (roles));
  }
  pw_test_save_screenshot (GTK_WIDGET (dialog), "roles.png");
  gtk_window_destroy (dialog);
}

/* Removing a practice can be undone from its toast. */
static void
test_practice_remove_undo (Fixture *f, gconstpointer data)
{
  PwProfilePage *page = select_pcn (f, "U90002");
  PwPracticeRow *row = first_practice_row (page);
  GtkWidget *overlay = pw_test_child (f->window, PW_TYPE_WINDOW, "toast_overlay");
  gint64 before = stored_population (f, "U90002");
  GtkWidget *remove = pw_test_child (row, PW_TYPE_PRACTICE_ROW, "remove_button");
  AdwToast *toast;

  g_signal_emit_by_name (remove, "clicked");
  pw_test_wait_ms (50);
  g_assert_cmpint (stored_population (f, "U90002"), <, before);
  toast = g_object_get_data (G_OBJECT (overlay), "pw-undo-toast");
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpint (stored_population (f, "U90002"), ==, before);
}

/* With no workbook yet, the window offers to create one, open one or load
 * the demo; the demo lands in the default workbook, created private. */
static void
test_first_run (void)
{
  PwWindow *window = pw_window_new (NULL);
  g_autofree char *path = pw_store_default_path ();
  GtkStack *stack;
  GStatBuf st;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  pw_test_wait_ms (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1000);
  stack = GTK_STACK (pw_test_child (window, PW_TYPE_WINDOW, "main_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "welcome");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  pw_test_save_screenshot (GTK_WIDGET (window), "first-run.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  pw_test_wait_ms (300);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "workbook");
  /* Fits a 1366-pixel office screen with room to spare, overview and all. */
  g_test_message ("window width with the overview: %d", gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1100);
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (pw_window_get_store (window))), ==, 13);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
}

/* The descendants of @root of @type, in order. */
static void
collect (GtkWidget *root, GType type, GPtrArray *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        g_ptr_array_add (out, c);
      collect (c, type, out);
    }
}

/* Add Practice, then typing its code, name and list size: the practice is
 * in the workbook and in the PCN's total. */
static void
test_add_practice (Fixture *f, gconstpointer data)
{
  GtkWidget *page = show_page (f, "U90002", "profile");
  gint64 before = stored_population (f, "U90002");
  PwPracticeRow *row;
  g_autoptr(GError) error = NULL;

  click (find_button (page, "_Add Practice"));
  row = first_practice_row (PW_PROFILE_PAGE (page));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), pw_test_child (row, PW_TYPE_PRACTICE_ROW, "code_row")));
  type_text ("L99999");
  click (pw_test_child (row, PW_TYPE_PRACTICE_ROW, "name_row"));
  type_text ("New Surgery");
  click (pw_test_child (row, PW_TYPE_PRACTICE_ROW, "list_size_row"));
  type_text ("1,234");
  pw_test_wait_ms (100);
  g_assert_cmpint (stored_population (f, "U90002"), ==, before + 1234);
  {
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    g_autoptr(GListModel) practices = pw_store_list_practices (other, pw_pcn_get_id (pw_store_find_pcn_by_code (other, "U90002")), NULL);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (practices); i++)
      {
        g_autoptr(PwPractice) p = g_list_model_get_item (practices, i);
        found |= g_strcmp0 (pw_practice_get_code (p), "L99999") == 0 &&
                 g_strcmp0 (pw_practice_get_name (p), "New Surgery") == 0;
      }
    g_assert_true (found);
  }
}

/* Add Proposal on the Plan page, then its title and amount typed in: the
 * store holds them and the group's total follows. */
static void
test_plan_edits (Fixture *f, gconstpointer data)
{
  GtkWidget *page = show_page (f, "U90004", "plan");
  GtkWidget *proposals = pw_test_child (page, PW_TYPE_PLAN_PAGE, "proposals_list");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  PwPlanEntryRow *row;
  g_autoptr(GError) error = NULL;

  click (find_button (page, "Add Pro_posal"));
  collect (proposals, PW_TYPE_PLAN_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, >=, 1);
  row = g_ptr_array_index (rows, rows->len - 1);
  pw_test_wait_ms (300);      /* the new entry opens */
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_WIDGET (row)));
  click (pw_test_child (row, PW_TYPE_PLAN_ENTRY_ROW, "title_row"));
  type_text ("Care home rounds");
  click (pw_test_child (row, PW_TYPE_PLAN_ENTRY_ROW, "amount_row"));
  type_key (GDK_KEY_a, GDK_CONTROL_MASK);       /* over the £0.00 shown */
  type_text ("1,500.50");
  pw_test_wait_ms (100);
  settle ();
  {
    g_autoptr(PwReturn) ret = stored_return (f, "U90004", pw_current_year ());
    g_autoptr(PwStore) other = pw_store_open (f->path, &error);
    g_autoptr(GListModel) entries = pw_store_list_entries (other, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), PW_ENTRY_PROPOSAL, &error);
    g_autoptr(PwPlanEntry) last = g_list_model_get_item (entries, g_list_model_get_n_items (entries) - 1);

    g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_PLAN_ENTRY_TITLE), ==, "Care home rounds");
    g_assert_cmpint (pw_row_get_int (PW_ROW (last), PW_PLAN_ENTRY_AMOUNT), ==, 150050);
  }
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (pw_test_child (page, PW_TYPE_PLAN_PAGE, "proposals_group"))),
                            "£1,500.50"));
}

static gint64
stored_role (Fixture *f, const char *name, int field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = NULL;
  g_autoptr(PwArrsRole) role = NULL;

  settle ();
  other = pw_store_open (f->path, &error);
  role = pw_store_find_role (other, name, NULL);
  if (role == NULL)
    return -1;
  if (field < 0)
    return pw_store_role_rate (other, pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID), pw_current_year ());
  return pw_row_get_int (PW_ROW (role), field);
}

static AdwExpanderRow *
role_row_named (GtkWidget *window, const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (window, ADW_TYPE_EXPANDER_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), name) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The roles window lists every role; a role is added with Enter, given a
 * rate, retired and deleted with its buttons. */
static void
test_roles_actions (Fixture *f, gconstpointer data)
{
  GtkWindow *window;
  g_autoptr(GListModel) roles = pw_store_list_roles (pw_window_get_store (f->window), TRUE, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  AdwExpanderRow *row;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.manage-roles", NULL));
  pw_test_wait_ms (200);
  window = pw_test_find_toplevel (PW_TYPE_ROLES_WINDOW);
  g_assert_nonnull (window);
  x_focus (window);
  collect (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, rows);
  g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (roles));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(PwArrsRole) role = g_list_model_get_item (roles, i);
      g_assert_nonnull (role_row_named (GTK_WIDGET (window), pw_row_get_string (PW_ROW (role), PW_ARRS_ROLE_NAME)));
    }

  click (gtk_widget_get_template_child (GTK_WIDGET (window), PW_TYPE_ROLES_WINDOW, "new_role_row"));
  type_text ("Home visiting paramedic");
  type_key (GDK_KEY_Return, 0);
  pw_test_wait_ms (100);
  g_assert_cmpint (stored_role (f, "Home visiting paramedic", PW_ARRS_ROLE_LOCAL), ==, 1);
  row = role_row_named (GTK_WIDGET (window), "Home visiting paramedic");
  g_assert_nonnull (row);

  /* Its rate, typed and applied with Enter. */
  adw_expander_row_set_expanded (row, TRUE);
  pw_test_wait_ms (300);
  collect (GTK_WIDGET (row), ADW_TYPE_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, ==, 2);   /* name, rate */
  click (g_ptr_array_index (entries, 1));
  type_text ("42,000");
  type_key (GDK_KEY_Return, 0);
  g_assert_cmpint (stored_role (f, "Home visiting paramedic", -1), ==, 4200000);

  click (find_button (GTK_WIDGET (row), "_Retired"));
  g_assert_cmpint (stored_role (f, "Home visiting paramedic", PW_ARRS_ROLE_RETIRED), ==, 1);
  click (find_button (GTK_WIDGET (row), "_Delete"));
  pw_test_wait_ms (100);
  g_assert_cmpint (stored_role (f, "Home visiting paramedic", PW_ARRS_ROLE_LOCAL), ==, -1);
  g_assert_null (role_row_named (GTK_WIDGET (window), "Home visiting paramedic"));
  gtk_window_destroy (window);
}

typedef struct
{
  const char *path;            /* the workbook the window must show, or NULL */
  const char *also;            /* a second window's, or NULL */
  const char *error_about;     /* with no workbook: what the error must say */
  gboolean opened_early;       /* the file existed once GTK had started */
  gboolean checked;
  GtkApplication *app;
  guint tries;
} EntryCheck;

/* Whether the window has its icon where an X11 task bar reads it. */
static gboolean
has_x11_icon (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  Atom type = None;
  int format = 0;
  unsigned long n = 0, left = 0;
  unsigned char *data = NULL;

  XGetWindowProperty (display, gdk_x11_surface_get_xid (surface), XInternAtom (display, "_NET_WM_ICON", False),
                      0, 2, False, AnyPropertyType, &type, &format, &n, &left, &data);
  if (data != NULL)
    XFree (data);
  return type != None && n == 2;
}

static GtkWindow *
window_on (EntryCheck *c,
           const char *path)
{
  GList *windows = gtk_application_get_windows (c->app);

  for (GList *l = windows; l != NULL; l = l->next)
    if (PW_IS_WINDOW (l->data) && pw_window_get_store (l->data) != NULL &&
        g_strcmp0 (pw_store_get_path (pw_window_get_store (l->data)), path) == 0)
      return l->data;
  return NULL;
}

static AdwMessageDialog *
message_shown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Once the windows are there: the workbooks they show, or the error. */
static gboolean
check_app_cb (gpointer data)
{
  EntryCheck *c = data;
  GtkWindow *window = gtk_application_get_active_window (c->app);
  AdwMessageDialog *dialog = message_shown ();

  g_assert_cmpuint (c->tries++, <, 100);      /* 10 s */
  if (c->path != NULL && (window_on (c, c->path) == NULL || (c->also != NULL && window_on (c, c->also) == NULL)))
    return G_SOURCE_CONTINUE;
  /* The first window has its icon, given once it has painted. */
  if (c->path != NULL && !has_x11_icon (window_on (c, c->path)))
    return G_SOURCE_CONTINUE;
  if (c->path == NULL && dialog == NULL)
    return G_SOURCE_CONTINUE;
  if (c->path == NULL)
    {
      g_assert_true (PW_IS_WINDOW (window));
      g_assert_null (pw_window_get_store (PW_WINDOW (window)));
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Open Workbook");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), c->error_about));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  c->checked = TRUE;
  g_application_quit (G_APPLICATION (c->app));
  return G_SOURCE_REMOVE;
}

/* GTK has started (the application's "startup"), the window is not made
 * yet: the workbook is being opened meanwhile, so its file appears. */
static void
on_startup_cb (GApplication *app,
               EntryCheck   *c)
{
  for (int i = 0; c->path != NULL && i < 200 && !c->opened_early; i++)
    {
      c->opened_early = g_file_test (c->path, G_FILE_TEST_EXISTS);
      g_usleep (10000);
    }
}

static void
run_app (EntryCheck *c,
         int         argc,
         char      **argv)
{
  g_autoptr(PwApplication) app = pw_application_new ();
  GList *windows;

  c->app = GTK_APPLICATION (app);
  g_signal_connect (app, "startup", G_CALLBACK (on_startup_cb), c);
  g_timeout_add (100, check_app_cb, c);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), argc, argv), ==, 0);
  g_assert_true (c->checked);
  /* Its windows hold the application: gone, the next test's is the default. */
  while ((windows = gtk_application_get_windows (c->app)) != NULL)
    gtk_window_destroy (windows->data);
}

/* The program's entry point with --database: the window opens that
 * workbook, creating it, and opening it began while GTK was starting. */
static void
test_entry_point (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "named.db", NULL);
  char *argv[] = { (char *) "pcn-workbook", (char *) "--database", path, NULL };
  EntryCheck c = { path };

  run_app (&c, 3, argv);
  g_assert_true (c.opened_early);
  pw_test_rmdir (dir);
}

/* Workbooks named as files (how the desktop opens one) come before
 * --database and the one used last: each gets a window, and the workbook
 * they push aside is not opened, nor made. */
static void
test_entry_point_files (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *aside = g_build_filename (dir, "aside.db", NULL);
  g_autofree char *first = g_build_filename (dir, "first.db", NULL);
  g_autofree char *second = g_build_filename (dir, "second.db", NULL);
  g_autofree char *uri = g_filename_to_uri (second, NULL, NULL);
  g_autofree char *cwd = g_get_current_dir ();
  char *argv[] = { (char *) "pcn-workbook", (char *) "--database", aside, (char *) "first.db", uri, NULL };
  EntryCheck c = { first, second };

  g_assert_cmpint (g_chdir (dir), ==, 0);           /* a name relative to here */
  run_app (&c, 5, argv);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_true (c.opened_early);
  g_assert_false (g_file_test (aside, G_FILE_TEST_EXISTS));
  pw_test_rmdir (dir);
}

/* A file that is not a workbook: the window says so and why, shows no
 * workbook, and leaves the file as it was. */
static void
test_entry_point_damaged (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *after = NULL;
  const char *text = "Minutes of the locality board, not a workbook.\n";
  char *argv[] = { (char *) "pcn-workbook", path, NULL };
  EntryCheck c = { NULL, NULL, "notes.db" };

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  run_app (&c, 2, argv);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
  pw_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* No display is a failure, so CI without Xvfb cannot pass by skipping
   * every window test; PW_ALLOW_NO_DISPLAY=1 makes it a visible skip. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_strcmp0 (g_getenv ("PW_ALLOW_NO_DISPLAY"), "1") == 0)
        {
          g_print ("1..0 # SKIP no display: run under xvfb-run\n");
          return 0;
        }
      g_printerr ("No display: run the window tests under xvfb-run "
                  "(or set PW_ALLOW_NO_DISPLAY=1 to skip them)\n");
      g_print ("1..1\nnot ok 1 /window/display # no display\n");
      return 1;
    }
  /* A data folder of this run's own, so the first-run test starts with no
   * default workbook (GLib reads the variable once, so set it first). */
  {
    g_autofree char *data = pw_test_tmpdir ();
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  gtk_init ();
  adw_init ();
  /* What GtkApplication does for the app: its icon from the resources. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/uk/nhs/PcnWorkbook/icons");
#define WINDOW_TEST(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  if (pw_test_in_part (1))
    {
    g_test_add_func ("/window/first-run", test_first_run);
    WINDOW_TEST ("/window/edit-saves", test_edit_saves);
    WINDOW_TEST ("/window/invalid-not-saved", test_invalid_not_saved);
    WINDOW_TEST ("/window/search", test_search);
    WINDOW_TEST ("/window/search-keys", test_search_keys);
    WINDOW_TEST ("/window/return-buttons", test_return_buttons);
    WINDOW_TEST ("/window/last-year-mark", test_last_year_mark);
    WINDOW_TEST ("/window/funding-rate", test_funding_rate);
    WINDOW_TEST ("/window/funding-not-recorded", test_funding_not_recorded);
    WINDOW_TEST ("/window/item-keys", test_item_keys);
    WINDOW_TEST ("/window/add-practice", test_add_practice);
    WINDOW_TEST ("/window/plan-edits", test_plan_edits);
    WINDOW_TEST ("/window/roles-actions", test_roles_actions);
    g_test_add_func ("/window/entry-point", test_entry_point);
    g_test_add_func ("/window/entry-point-files", test_entry_point_files);
    g_test_add_func ("/window/entry-point-damaged", test_entry_point_damaged);
    WINDOW_TEST ("/window/practice-edit", test_practice_edit);
    }
  if (pw_test_in_part (2))
    {
    WINDOW_TEST ("/window/overview", test_overview);
    WINDOW_TEST ("/window/maturity-keyboard", test_maturity_keyboard);
    WINDOW_TEST ("/window/reviewed-is-read-only", test_reviewed_is_read_only);
    WINDOW_TEST ("/window/swot-items", test_swot_items);
    WINDOW_TEST ("/window/plan-page", test_plan_page);
    WINDOW_TEST ("/window/workforce", test_workforce);
    WINDOW_TEST ("/window/import-export-threads", test_import_export_threads);
    WINDOW_TEST ("/window/practice-remove-undo", test_practice_remove_undo);
    WINDOW_TEST ("/window/practice-move", test_practice_move);
    WINDOW_TEST ("/window/dialogs", test_dialogs);
    }
  return g_test_run ();
}

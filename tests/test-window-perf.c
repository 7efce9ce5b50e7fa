/* What the window does differently to be quick at national scale:
 * - the application opens straight on the workbook's page: its first
 *   frame already shows it, settled (no welcome page first, no cross-fade);
 * - selecting another PCN reuses the practice rows, showing its practices;
 * - switching year refills the overview's rows on screen at once and the
 *   rows bound off screen just after, so none is left showing another year;
 *   the years shown are kept, and a change to their data still shows;
 *   a row off screen is refilled at the start of a frame, for its layout;
 *   its level cells keep their column's width whatever the level (set by
 *   their layout, not by a costly max-width-chars on their labels);
 * - one gesture on the PCN list opens the locality whose heading is pressed;
 * - the first frame makes only a screenful of each list's rows (and of the
 *   locality filter's popup), and the menus are made the first time they
 *   open;
 * - the header's tabs are made when a PCN is first shown, and closed bars
 *   are hidden; a stack is sized by the page it shows, so the pages it
 *   does not show are not measured;
 * - the welcome page, the PCN list's "none" and the content's "empty" are
 *   built the first time they are shown, and work;
 * - the Keyboard Shortcuts window is built when first asked for, and the
 *   year menu's rows once;
 * - PostgreSQL's client library is not loaded for a workbook in a file,
 *   nor libxlsxwriter and libzip before an export or a form needs them;
 * - a search keeps the rows still shown (their headings follow), and a
 *   search text replaced never shows every PCN on the way.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "pw-application.h"
#include "pw-locality-page.h"
#include "pw-matrix.h"
#include "pw-maturity-page.h"
#include "pw-overview-page.h"
#include "pw-parse.h"
#include "pw-practice-row.h"
#include "pw-profile-page.h"
#include "pw-workforce-page.h"
#include "pw-store.h"
#include "pw-xlsx-reader.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-window.h"

#define YEAR 2024              /* 2024/25; the year before has levels too */
#define FIRST_YEAR 2019        /* the first in the year menu */

typedef struct
{
  int frames;                  /* painted before the application quit */
  gboolean first_settled;      /* the first one showed the workbook, settled */
  gboolean first_had_shortcuts; /* the Keyboard Shortcuts window was built by then */
} Seen;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   PwWindow      *window)
{
  Seen *seen = g_object_get_data (G_OBJECT (window), "pw-seen");

  if (seen->frames++ > 0)
    return;
  seen->first_settled = pw_window_get_store (window) != NULL && pw_window_is_settled (window);
  seen->first_had_shortcuts = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) != NULL;
}

/* Connected before the application's own handlers, so this one sees the
 * first frame before the application quits on it. */
static void
on_realize_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb),
                           window, 0);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    Seen           *seen)
{
  g_object_set_data (G_OBJECT (window), "pw-seen", seen);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}

static void
swallow_print (const char *text)
{
  /* --quit-after-first-frame prints a time for the benchmark; the TAP
   * output must not have it. */
}

static void
test_opens_on_workbook (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "start.db", NULL);
  const char *argv[] = { "pcn-workbook", "--database", db, "--quit-after-first-frame", NULL };
  g_autoptr(PwApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GPrintFunc print;
  Seen seen = { 0 };

  {
    g_autoptr(PwStore) store = pw_store_open (db, &error);

    g_assert_no_error (error);
    g_assert_true (pw_store_add_pcn (store, "U12001", "Start PCN", 0, NULL, &error));
  }
  app = pw_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), &seen);
  print = g_set_print_handler (swallow_print);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, (char **) argv), ==, 0);
  g_set_print_handler (print);
  /* It quits at the first frame showing the workbook: the only one. */
  g_assert_cmpint (seen.frames, ==, 1);
  g_assert_true (seen.first_settled);
  g_assert_false (seen.first_had_shortcuts);
  pw_test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* A window on a workbook of @n_pcns PCNs in two localities                */

typedef struct
{
  char *dir;
  char *path;
  PwStore *store;
  PwWindow *window;
  gint64 first, second;        /* the first two PCNs' ids */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  int n_pcns = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  gint64 localities[2];

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "perf.db", NULL);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_locality (f->store, "Ashby", &localities[0], &error));
  g_assert_true (pw_store_add_locality (f->store, "Brandon", &localities[1], &error));
  for (int i = 0; i < n_pcns; i++)
    {
      g_autofree char *code = g_strdup_printf ("U%05d", 20000 + i);
      g_autofree char *name = g_strdup_printf ("Network %03d PCN", i);
      gint64 id = 0;

      g_assert_true (pw_store_add_pcn (f->store, code, name, localities[i * 2 / n_pcns], &id, &error));
      if (i == 0)
        f->first = id;
      else if (i == 1)
        f->second = id;
    }
  f->window = pw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  pw_window_set_store (f->window, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  pw_test_wait_ms (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  pw_test_wait_ms (50);
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
add_practices (Fixture    *f,
               gint64      pcn_id,
               const char *prefix,
               int         n)
{
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("%c%05d", prefix[0], (int) pcn_id * 10 + i);
      g_autofree char *name = g_strdup_printf ("%s practice %d", prefix, i);

      g_assert_true (pw_store_add_practice (f->store, pcn_id, code, name, 1000 + i, NULL, &error));
    }
}

static GPtrArray *
practice_rows (Fixture *f)
{
  GtkWidget *page = pw_window_get_page (f->window, "profile");
  GtkListBox *list = GTK_LIST_BOX (pw_test_child (page, PW_TYPE_PROFILE_PAGE, "practice_list"));
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_ptr_array_add (rows, row);
  return rows;
}

static void
assert_practices (GPtrArray  *rows,
                  const char *prefix,
                  int         n)
{
  g_assert_cmpuint (rows->len, ==, n);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s practice %d", prefix, i);

      g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[i]), ==, name);
      g_assert_false (adw_expander_row_get_expanded (rows->pdata[i]));
    }
}

/* Another PCN's practices show in the same rows; as many rows as it has. */
static void
test_practice_rows_reused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) a = NULL, b = NULL, again = NULL;

  add_practices (f, f->first, "Alder", 3);
  add_practices (f, f->second, "Birch", 2);
  pw_window_select_pcn (f->window, f->first);
  pw_test_wait_ms (100);
  a = practice_rows (f);
  assert_practices (a, "Alder", 3);
  adw_expander_row_set_expanded (a->pdata[0], TRUE);

  pw_window_select_pcn (f->window, f->second);
  pw_test_wait_ms (100);
  b = practice_rows (f);
  assert_practices (b, "Birch", 2);
  g_assert_true (b->pdata[0] == a->pdata[0]);   /* the same row, closed */
  g_assert_true (b->pdata[1] == a->pdata[1]);

  pw_window_select_pcn (f->window, f->first);
  pw_test_wait_ms (100);
  again = practice_rows (f);
  assert_practices (again, "Alder", 3);
  g_assert_true (again->pdata[0] == a->pdata[0]);
}

/* The first level cell of every row the overview has bound, on screen or
 * not. */
static GPtrArray *
bound_first_cells (Fixture *f)
{
  GtkWidget *overview = pw_window_get_page (f->window, "overview");
  GtkWidget *list = pw_test_child (overview, PW_TYPE_OVERVIEW_PAGE, "heat_list");
  GPtrArray *texts = g_ptr_array_new ();

  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *box = gtk_widget_get_first_child (w);
      GtkWidget *line = box ? gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)) : NULL;
      GtkWidget *name = line ? gtk_widget_get_first_child (line) : NULL;
      GtkWidget *cell = name ? gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (name)) : NULL;

      if (cell != NULL && GTK_IS_BUTTON (cell) && gtk_widget_get_parent (w) == list)
        g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (cell)))));
    }
  return texts;
}

typedef struct
{
  Fixture *f;
  const char *text;
} Says;

static gboolean
all_first_cells_say (gpointer data)
{
  Says *says = data;
  g_autoptr(GPtrArray) cells = bound_first_cells (says->f);
  gboolean all = cells->len > 0;

  for (guint i = 0; i < cells->len; i++)
    all &= g_strcmp0 (cells->pdata[i], says->text) == 0;
  return all;
}

/* Every PCN's level in the first domain: @before in the year before YEAR,
 * @now in YEAR. */
static void
set_first_levels (Fixture *f,
                  int      before,
                  int      now)
{
  GListModel *pcns = pw_store_get_pcns (f->store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (pcns, i);

      for (int y = YEAR - 1; y <= YEAR; y++)
        {
          gint64 ret = 0;

          g_assert_true (pw_store_ensure_return (f->store, pw_pcn_get_id (pcn), y, &ret, &error));
          g_assert_true (pw_store_set_maturity_level (f->store, ret, 0, y == YEAR ? now : before, &error));
        }
    }
}

/* Rows off screen are refilled just after the frame: soon, none shows the
 * year left. */
static void
test_year_refills_every_row (Fixture       *f,
                             gconstpointer  data)
{
  GtkDropDown *years = GTK_DROP_DOWN (pw_test_child (f->window, PW_TYPE_WINDOW, "year_dropdown"));
  GListModel *pcns = pw_store_get_pcns (f->store);
  g_autoptr(GPtrArray) before = NULL, after = NULL;

  set_first_levels (f, 0, 2);
  gtk_drop_down_set_selected (years, YEAR - 1 - FIRST_YEAR);
  /* the rows off screen are refilled after the frame, from idle */
  pw_test_wait_for (all_first_cells_say, &(Says) { f, "Foundation" }, 5000);
  before = bound_first_cells (f);
  g_assert_cmpuint (before->len, ==, g_list_model_get_n_items (pcns));   /* more than a screenful */
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (before->pdata[i], ==, "Foundation");

  gtk_drop_down_set_selected (years, YEAR - FIRST_YEAR);
  pw_test_wait_for (all_first_cells_say, &(Says) { f, "Step 1 ↑" }, 5000);
  after = bound_first_cells (f);
  g_assert_cmpuint (after->len, ==, g_list_model_get_n_items (pcns));
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (after->pdata[i], ==, "Step 1 ↑");
}

/* The overview keeps the years it has shown, so that switching back reads
 * nothing again; a change to either year's levels shows all the same,
 * including the marks against the year before. */
static void
test_year_back_shows_changes (Fixture       *f,
                              gconstpointer  data)
{
  GtkDropDown *years = GTK_DROP_DOWN (pw_test_child (f->window, PW_TYPE_WINDOW, "year_dropdown"));

  set_first_levels (f, 0, 2);
  gtk_drop_down_set_selected (years, YEAR - 1 - FIRST_YEAR);
  g_assert_true (pw_test_wait_for (all_first_cells_say, &(Says) { f, "Foundation" }, 5000));
  gtk_drop_down_set_selected (years, YEAR - FIRST_YEAR);
  g_assert_true (pw_test_wait_for (all_first_cells_say, &(Says) { f, "Step 1 ↑" }, 5000));

  /* The year before changes while YEAR is shown: its marks follow. */
  set_first_levels (f, 4, 2);
  g_assert_true (pw_test_wait_for (all_first_cells_say, &(Says) { f, "Step 1 ↓" }, 5000));
  gtk_drop_down_set_selected (years, YEAR - 1 - FIRST_YEAR);
  g_assert_true (pw_test_wait_for (all_first_cells_say, &(Says) { f, "Step 2" }, 5000));

  /* YEAR changes while it is not shown. */
  set_first_levels (f, 4, 6);
  gtk_drop_down_set_selected (years, YEAR - FIRST_YEAR);
  g_assert_true (pw_test_wait_for (all_first_cells_say, &(Says) { f, "Step 3 ↑" }, 5000));
}

/* Pressing a locality's heading in the PCN list opens the Locality page. */
static void
test_heading_opens_locality (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *list = pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_list");
  GtkWidget *content = pw_test_child (f->window, PW_TYPE_WINDOW, "content_stack");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);
  GtkWidget *heading = NULL;
  GtkGesture *click = NULL;
  graphene_point_t at;

  /* The first row's heading: its label, the first child of its box. */
  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL && heading == NULL; w = gtk_widget_get_next_sibling (w))
    if (gtk_widget_get_first_child (w) != NULL && GTK_IS_BOX (gtk_widget_get_first_child (w)))
      {
        GtkWidget *label = gtk_widget_get_first_child (gtk_widget_get_first_child (w));
        if (gtk_widget_get_mapped (label) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), "Ashby") == 0)
          heading = label;
      }
  g_assert_nonnull (heading);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_CLICK (c) && gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (c)) == GTK_PHASE_CAPTURE)
        click = GTK_GESTURE (c);
    }
  g_assert_nonnull (click);
  g_assert_true (gtk_widget_compute_point (heading, list, &GRAPHENE_POINT_INIT (4, 4), &at));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content)), !=, "locality");
  g_signal_emit_by_name (click, "pressed", 1, (double) at.x, (double) at.y);
  pw_test_wait_ms (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (content)), ==, "locality");
}


/* ------------------------------------------------------------------ */
/* Built and filled when shown                                         */

/* Whether a widget of @type is in the tree under @root. */
static gboolean
holds (GtkWidget *root,
       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (holds (c, type))
      return TRUE;
  return FALSE;
}

/* The window starts with the overview alone: a PCN tab's page is built the
 * first time it is shown, the Locality page the first time it is opened. */
static void
test_pages_built_when_shown (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  AdwViewStack *tabs = ADW_VIEW_STACK (pw_test_child (window, PW_TYPE_WINDOW, "pcn_stack"));

  g_assert_true (holds (window, PW_TYPE_OVERVIEW_PAGE));
  g_assert_false (holds (window, PW_TYPE_PROFILE_PAGE));
  g_assert_false (holds (window, PW_TYPE_MATURITY_PAGE));
  g_assert_false (holds (window, PW_TYPE_WORKFORCE_PAGE));
  g_assert_false (holds (window, PW_TYPE_LOCALITY_PAGE));

  pw_window_select_pcn (f->window, f->first);
  pw_test_wait_ms (100);
  g_assert_true (holds (window, PW_TYPE_PROFILE_PAGE));
  g_assert_true (pw_profile_page_get_pcn (PW_PROFILE_PAGE (pw_window_get_page (f->window, "profile"))) != NULL);
  g_assert_false (holds (window, PW_TYPE_MATURITY_PAGE));

  adw_view_stack_set_visible_child_name (tabs, "maturity");
  pw_test_wait_ms (100);
  g_assert_true (holds (window, PW_TYPE_MATURITY_PAGE));
  g_assert_true (gtk_widget_get_mapped (pw_window_get_page (f->window, "maturity")));
  g_assert_false (holds (window, PW_TYPE_WORKFORCE_PAGE));

  g_assert_true (gtk_widget_activate_action (window, "win.show-locality", "x", (gint64) 0));
  pw_test_wait_ms (100);
  g_assert_true (holds (window, PW_TYPE_LOCALITY_PAGE));
  g_assert_true (gtk_widget_get_mapped (pw_window_get_page (f->window, "locality")));
}

/* The header's tabs are made when a PCN is first shown: the overview at
 * start-up has none (its title shows); a PCN shows its tabs (in the header,
 * or in the bar below when they do not fit), and the overview its title
 * again. */
static void
test_tabs_made_when_shown (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (pw_test_child (window, PW_TYPE_WINDOW, "content_title"));
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (pw_test_child (window, PW_TYPE_WINDOW, "switcher_bar"));
  AdwViewStack *tabs = ADW_VIEW_STACK (pw_test_child (window, PW_TYPE_WINDOW, "pcn_stack"));

  g_assert_null (adw_view_switcher_title_get_stack (title));
  g_assert_null (adw_view_switcher_bar_get_stack (bar));
  g_assert_false (holds (GTK_WIDGET (title), GTK_TYPE_TOGGLE_BUTTON));
  g_assert_true (adw_view_switcher_title_get_title_visible (title));

  pw_window_select_pcn (f->window, f->first);
  pw_test_wait_ms (100);
  g_assert_true (adw_view_switcher_title_get_stack (title) == tabs);
  g_assert_true (adw_view_switcher_bar_get_stack (bar) == tabs);
  g_assert_true (holds (GTK_WIDGET (title), GTK_TYPE_TOGGLE_BUTTON));
  /* the tabs show in the header, or in the bar when they do not fit */
  g_assert_true (adw_view_switcher_title_get_title_visible (title) == adw_view_switcher_bar_get_reveal (bar));

  g_assert_true (gtk_widget_activate_action (window, "win.show-overview", NULL));
  pw_test_wait_ms (100);
  g_assert_true (adw_view_switcher_title_get_title_visible (title));
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
}

/* Page @name of the window's stack @stack, if it has been built. */
static GtkWidget *
stack_child (PwWindow   *window,
             const char *stack,
             const char *name)
{
  return gtk_stack_get_child_by_name (GTK_STACK (pw_test_child (window, PW_TYPE_WINDOW, stack)), name);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *found = NULL;

  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL && found == NULL; c = gtk_widget_get_next_sibling (c))
    found = find_button (c, label);
  return found;
}

static GtkWidget *
find_menu_button (GtkWidget *root)
{
  GtkWidget *found = NULL;

  if (GTK_IS_MENU_BUTTON (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL && found == NULL; c = gtk_widget_get_next_sibling (c))
    found = find_menu_button (c);
  return found;
}

static void
set_search (PwWindow   *window,
            const char *text)
{
  GtkWidget *search = pw_test_child (window, PW_TYPE_WINDOW, "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  g_signal_emit_by_name (search, "search-changed");
  pw_test_wait_ms (100);
}

/* Each of @stack's sizes is its visible page's: the pages not shown (the
 * status pages for no PCNs, no match) are not measured, so their text is
 * not laid out, nor their fonts loaded, before the first frame. */
static void
assert_sized_by_page_shown (GtkWidget *stack)
{
  GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (stack));

  g_assert_nonnull (shown);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (stack)))), >, 1);
  for (int o = GTK_ORIENTATION_HORIZONTAL; o <= GTK_ORIENTATION_VERTICAL; o++)
    {
      int stack_min, stack_nat, page_min, page_nat;

      gtk_widget_measure (stack, o, -1, &stack_min, &stack_nat, NULL, NULL);
      gtk_widget_measure (shown, o, -1, &page_min, &page_nat, NULL, NULL);
      g_assert_cmpint (stack_min, ==, page_min);
      g_assert_cmpint (stack_nat, ==, page_nat);
    }
}

static void
test_hidden_pages_not_measured (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *overview = pw_test_child (window, PW_TYPE_WINDOW, "overview_page");

  /* The list's "none" is built the first time a search matches nothing. */
  set_search (f->window, "no such network");
  set_search (f->window, "");
  assert_sized_by_page_shown (pw_test_child (window, PW_TYPE_WINDOW, "sidebar_stack"));
  assert_sized_by_page_shown (pw_test_child (window, PW_TYPE_WINDOW, "content_stack"));
  assert_sized_by_page_shown (pw_test_child (overview, PW_TYPE_OVERVIEW_PAGE, "results_stack"));
}

static gboolean
is_idle (gpointer window)
{
  return !pw_window_is_busy (window);
}

/* The bar of a task's progress (as the bar of waiting saves) is hidden
 * while closed, shown while a task runs, and hidden again once closed. */
static void
test_closed_bars_hidden (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *progress = pw_test_child (GTK_WIDGET (f->window), PW_TYPE_WINDOW, "progress_revealer");
  GtkWidget *pending = pw_test_child (GTK_WIDGET (f->window), PW_TYPE_WINDOW, "pending_revealer");
  g_autofree char *out = g_build_filename (f->dir, "appendix.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  PwExportOptions options = { .year = pw_window_get_year (f->window) };

  g_assert_false (gtk_widget_get_visible (progress));
  g_assert_false (gtk_widget_get_visible (pending));

  pw_window_export_file (f->window, &options, file);
  g_assert_true (gtk_widget_get_visible (progress));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (progress)));
  g_assert_true (pw_test_wait_for (is_idle, f->window, 60000));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (progress)));
  pw_test_wait_ms (gtk_revealer_get_transition_duration (GTK_REVEALER (progress)) + 300);
  g_assert_false (gtk_widget_get_visible (progress));
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* The first item of the menu @button shows (the first of its first
 * section), once it has opened it. */
static const char *
open_menu (GtkWidget *button)
{
  GtkWidget *popover;
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *label = NULL;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  pw_test_wait_ms (100);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (GTK_IS_POPOVER_MENU (popover) && gtk_widget_get_mapped (popover));
  section = g_menu_model_get_item_link (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)), 0,
                                        G_MENU_LINK_SECTION);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  pw_test_wait_ms (50);
  return g_intern_string (label);
}

/* The menus are made the first time they open, not at start-up: the main
 * menu and the Add button's, each with its items. */
static void
test_menus_built_when_opened (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *main_menu = pw_test_child (window, PW_TYPE_WINDOW, "content_menu_button");
  GtkWidget *add = pw_test_child (window, PW_TYPE_WINDOW, "add_button");
  GMenuModel *items;

  g_assert_false (holds (window, GTK_TYPE_POPOVER_MENU));
  g_assert_cmpstr (open_menu (main_menu), ==, "_New Workbook…");
  items = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (main_menu));
  g_assert_false (holds (add, GTK_TYPE_POPOVER_MENU));
  g_assert_cmpstr (open_menu (add), ==, "New _PCN…");
  g_assert_cmpstr (open_menu (main_menu), ==, "_New Workbook…");   /* again: the same menu */
  g_assert_true (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (main_menu)) == items);
}

/* A window on a workbook builds none of the pages its first frame does not
 * show: the welcome page, the PCN list's "none" (no PCN matches the search)
 * and the content's "empty" (no PCNs yet).  Each is built the first time
 * it is shown, and works. */
static void
test_status_pages_built_when_shown (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  g_autofree char *empty_path = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *none, *empty, *add, *import;
  GtkWindow *dialog;

  g_assert_null (stack_child (f->window, "main_stack", "welcome"));
  g_assert_null (stack_child (f->window, "sidebar_stack", "none"));
  g_assert_null (stack_child (f->window, "content_stack", "empty"));

  set_search (f->window, "no such network");
  none = stack_child (f->window, "sidebar_stack", "none");
  g_assert_nonnull (none);
  g_assert_true (gtk_widget_get_mapped (none));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (none)), ==, "No Matching PCNs");
  pw_test_save_screenshot (window, "sidebar-no-match.png");
  set_search (f->window, "");
  g_assert_false (gtk_widget_get_mapped (none));
  set_search (f->window, "still no such network");
  g_assert_true (stack_child (f->window, "sidebar_stack", "none") == none);   /* built once */
  g_assert_true (gtk_widget_get_mapped (none));
  set_search (f->window, "");

  g_assert_true (pw_window_open_path (f->window, empty_path, &error));
  g_assert_no_error (error);
  pw_test_wait_ms (100);
  empty = stack_child (f->window, "content_stack", "empty");
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, "No PCNs Yet");
  pw_test_save_screenshot (window, "content-empty.png");
  g_assert_null (stack_child (f->window, "main_stack", "welcome"));
  import = find_button (empty, "_Import CSV…");
  g_assert_true (gtk_widget_is_sensitive (import));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (import)), ==, "win.import-profiles");
  add = find_button (empty, "_Add a PCN…");
  g_assert_true (gtk_widget_is_sensitive (add));
  g_signal_emit_by_name (add, "clicked");
  pw_test_wait_ms (100);
  dialog = pw_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "New PCN");
  gtk_window_destroy (dialog);
  pw_test_wait_ms (50);
}

/* A window with no workbook shows the welcome page, built as it is shown:
 * settled, the keyboard's focus on it, its buttons and its menu working. */
static void
test_welcome_page_built_when_shown (void)
{
  PwWindow *window = pw_window_new (NULL);
  const char *actions[][2] = {
    { "_Create Empty Workbook", "win.create-default" },
    { "_Open Workbook…", "win.open-database" },
    { "Try With _Demo Data", "win.load-demo" },
  };
  GtkWidget *welcome, *menu;
  GtkWindow *chooser;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  pw_test_wait_ms (300);
  welcome = stack_child (window, "main_stack", "welcome");
  g_assert_nonnull (welcome);
  g_assert_true (gtk_widget_get_mapped (welcome));
  g_assert_true (pw_window_is_settled (window));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), welcome));
  pw_test_save_screenshot (GTK_WIDGET (window), "welcome.png");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = find_button (welcome, actions[i][0]);

      g_assert_nonnull (button);
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, actions[i][1]);
    }
  /* The others would write the default workbook other tests look for. */
  g_signal_emit_by_name (find_button (welcome, actions[1][0]), "clicked");
  pw_test_wait_ms (100);
  chooser = pw_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Open Workbook");
  gtk_window_destroy (chooser);
  pw_test_wait_ms (50);

  menu = find_menu_button (welcome);
  g_assert_nonnull (menu);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu)));   /* F10 */
  g_assert_cmpstr (open_menu (menu), ==, "_New Workbook…");
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
}

/* The Keyboard Shortcuts window, not built at start-up (see
 * /window-perf/opens-on-workbook), is built and shown when asked for, over
 * the window; the same one shows again. */
static void
test_shortcuts_built_when_asked (Fixture       *f,
                                 gconstpointer  data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (f->window);
  GtkShortcutsWindow *shortcuts;
  /* GTK 4.8's own Shortcuts window has a label that measures itself at a
   * negative width (a GTK warning, whatever the shortcuts listed): not
   * fatal while it shows. */
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_assert_null (gtk_application_window_get_help_overlay (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = gtk_application_window_get_help_overlay (window);
  g_assert_nonnull (shortcuts);
  pw_test_wait_ms (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (shortcuts));      /* hidden, kept */
  pw_test_wait_ms (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (window) == shortcuts);
  pw_test_wait_ms (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (shortcuts)));
  gtk_window_close (GTK_WINDOW (shortcuts));
  pw_test_wait_ms (50);
  g_log_set_always_fatal (fatal);
}

/* Mapped labels of @w's descendants holding @text. */
static guint
count_shown_labels (GtkWidget  *w,
                    const char *text)
{
  guint n = GTK_IS_LABEL (w) && gtk_widget_get_mapped (w) && strstr (gtk_label_get_label (GTK_LABEL (w)), text) != NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_shown_labels (c, text);
  return n;
}

typedef struct
{
  GtkWidget *years;
  const char *text;
} ShownLabel;

static gboolean
label_shown (gpointer data)
{
  ShownLabel *l = data;

  return count_shown_labels (l->years, l->text) > 0;
}

/* The year menu's rows (each year with its count of returns) are made
 * once at start-up, not again as the workbook opens; once the menu has
 * shown counts, a change to the returns makes them again, showing the new
 * count. */
static void
test_year_rows_made_once (Fixture       *f,
                          gconstpointer  data)
{
  PwWindow *window = pw_window_new (NULL);
  GtkDropDown *years = GTK_DROP_DOWN (pw_test_child (GTK_WIDGET (window), PW_TYPE_WINDOW, "year_dropdown"));
  GtkListItemFactory *factory = gtk_drop_down_get_list_factory (years);
  g_autofree char *year = pw_format_year (YEAR);
  g_autofree char *none = g_strdup_printf ("%s · no returns", year);
  g_autofree char *some = g_strdup_printf ("%s · 4 returns", year);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  pw_window_set_store (window, f->store);
  gtk_window_present (GTK_WINDOW (window));
  pw_test_wait_ms (200);
  g_assert_nonnull (factory);
  g_assert_true (gtk_drop_down_get_list_factory (years) == factory);
  g_signal_emit_by_name (years, "activate");
  g_assert_true (pw_test_wait_for (label_shown, &(ShownLabel) { GTK_WIDGET (years), none }, 3000));
  g_assert_cmpuint (count_shown_labels (GTK_WIDGET (years), none), ==, 1);
  gtk_widget_set_visible (gtk_widget_get_last_child (GTK_WIDGET (years)), FALSE);   /* its popover */
  pw_test_wait_ms (100);
  set_first_levels (f, 0, 2);       /* a return for each of the 4 PCNs */
  pw_test_wait_ms (100);
  g_signal_emit_by_name (years, "activate");
  g_assert_true (pw_test_wait_for (label_shown, &(ShownLabel) { GTK_WIDGET (years), some }, 3000));
  g_assert_cmpuint (count_shown_labels (GTK_WIDGET (years), some), ==, 1);
  g_assert_cmpuint (count_shown_labels (GTK_WIDGET (years), none), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
}

/* libpq and the two dozen libraries it needs (TLS, Kerberos, LDAP) are
 * loaded when a team workbook is first opened, not at every start: a
 * window on a workbook in a file has none of them. */
static void
test_no_libpq_for_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *maps = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    {
      g_test_skip ("no /proc/self/maps here");
      return;
    }
  g_assert_nonnull (strstr (maps, "libgtk-4"));   /* it lists the libraries */
  g_assert_null (strstr (maps, "libpq"));
}

/* libxlsxwriter and libzip (and libcrypto, minizip… which they need) are
 * loaded by the first export or form read, not at every start: a window
 * on a workbook in a file has none of them after its first frame, and an
 * export from it then loads them, and works (read back by the xlsx
 * reader, which loads libzip). */
static void
test_no_xlsx_libraries_at_start (Fixture       *f,
                                 gconstpointer  data)
{
  static const char *const libraries[] = { "libxlsxwriter", "libzip", "libcrypto" };
  g_autofree char *maps = NULL;
  g_autofree char *out = g_build_filename (f->dir, "appendix.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(PwXlsxReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  PwExportOptions options = { .year = YEAR };

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    {
      g_test_skip ("no /proc/self/maps here");
      return;
    }
  g_assert_true (pw_window_is_settled (f->window));   /* it has painted */
  g_assert_nonnull (strstr (maps, "libgtk-4"));       /* it lists the libraries */
  for (guint i = 0; i < G_N_ELEMENTS (libraries); i++)
    g_assert_null (strstr (maps, libraries[i]));
  g_clear_pointer (&maps, g_free);

  pw_window_export_file (f->window, &options, file);
  for (int i = 0; i < 600 && pw_window_is_busy (f->window); i++)
    pw_test_wait_ms (50);
  g_assert_false (pw_window_is_busy (f->window));
  reader = pw_xlsx_reader_open (out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pw_xlsx_reader_has_sheet (reader, "Cover"));
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  g_assert_nonnull (strstr (maps, "libxlsxwriter"));
  g_assert_nonnull (strstr (maps, "libzip"));
}

typedef struct
{
  guint on_screen;             /* rows on screen */
  guint blank_on_screen;       /* …showing no PCN */
  guint off_screen;            /* rows bound off screen */
  guint blank_off_screen;      /* …showing none */
  int bottom;                  /* px: where the rows end, in the list */
  int height;                  /* px: the list's */
} Rows;

/* The PCN name label of a row of the PCN list (heading, name, detail) or
 * of the overview (heading, then name, status and cells in a line). */
static GtkWidget *
row_name (GtkWidget *row)
{
  GtkWidget *second = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));

  return GTK_IS_LABEL (second) ? second : gtk_widget_get_first_child (second);
}

typedef struct
{
  Fixture *f;
  GPtrArray *at_layout;        /* the first cells' texts as the last layout left them */
  guint frames;                /* painted since the year changed */
  guint changed_after_layout;  /* frames whose rows changed after their layout */
  gboolean first_all_new;      /* the first frame showed every row refilled */
} Frames;

static GPtrArray *
copy_texts (GPtrArray *texts)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (copy, g_strdup (texts->pdata[i]));
  return copy;
}

static void
on_layout_done_cb (GdkFrameClock *clock,
                   Frames        *seen)
{
  g_autoptr(GPtrArray) texts = bound_first_cells (seen->f);

  g_clear_pointer (&seen->at_layout, g_ptr_array_unref);
  seen->at_layout = copy_texts (texts);
}

static void
on_frame_done_cb (GdkFrameClock *clock,
                  Frames        *seen)
{
  g_autoptr(GPtrArray) texts = bound_first_cells (seen->f);
  gboolean same = seen->at_layout != NULL && texts->len == seen->at_layout->len;

  for (guint i = 0; same && i < texts->len; i++)
    same = g_strcmp0 (texts->pdata[i], seen->at_layout->pdata[i]) == 0;
  seen->changed_after_layout += !same;
  if (seen->frames++ == 0)
    seen->first_all_new = all_first_cells_say (&(Says) { seen->f, "Step 1 ↑" });
}

/* The rows off screen are refilled over the frames after the one that
 * shows a change, each in time for that frame's layout: none is left
 * changed after a frame, for the next frame (which could show the next
 * change) to measure. */
static void
test_rows_refilled_before_layout (Fixture       *f,
                                  gconstpointer  data)
{
  GtkDropDown *years = GTK_DROP_DOWN (pw_test_child (f->window, PW_TYPE_WINDOW, "year_dropdown"));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  Frames seen = { f };
  gulong layout_id, paint_id;

  set_first_levels (f, 0, 2);
  gtk_drop_down_set_selected (years, YEAR - 1 - FIRST_YEAR);
  g_assert_true (pw_test_wait_for (all_first_cells_say, &(Says) { f, "Foundation" }, 5000));
  pw_test_wait_ms (100);
  layout_id = g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_done_cb), &seen);
  paint_id = g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_frame_done_cb), &seen);
  gtk_drop_down_set_selected (years, YEAR - FIRST_YEAR);
  g_assert_true (pw_test_wait_for (all_first_cells_say, &(Says) { f, "Step 1 ↑" }, 5000));
  pw_test_wait_ms (100);
  g_signal_handler_disconnect (clock, layout_id);
  g_signal_handler_disconnect (clock, paint_id);
  g_clear_pointer (&seen.at_layout, g_ptr_array_unref);
  g_test_message ("%u frames, %u with rows changed after their layout", seen.frames, seen.changed_after_layout);
  g_assert_false (seen.first_all_new);   /* rows were left off screen for later frames */
  g_assert_cmpuint (seen.frames, >, 1);
  g_assert_cmpuint (seen.changed_after_layout, ==, 0);
}

/* Every level cell of the overview's rows is as wide as the others, a
 * long level too, in a row whose other cells take one line: it wraps to
 * two lines rather than widen its cell out of its column. */
static void
test_cells_line_up (Fixture       *f,
                    gconstpointer  data)
{
  GtkDropDown *years = GTK_DROP_DOWN (pw_test_child (f->window, PW_TYPE_WINDOW, "year_dropdown"));
  GtkWidget *overview = pw_window_get_page (f->window, "overview");
  GtkWidget *list = pw_test_child (overview, PW_TYPE_OVERVIEW_PAGE, "heat_list");
  guint n_rows = 0;

  set_first_levels (f, 0, PW_LEVEL_PRE_FOUNDATION);
  gtk_drop_down_set_selected (years, YEAR - FIRST_YEAR);
  g_assert_true (pw_test_wait_for (all_first_cells_say, &(Says) { f, "Pre-foundation ↓" }, 5000));
  pw_test_wait_ms (100);
  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *box = gtk_widget_get_first_child (w);
      GtkWidget *line = box ? gtk_widget_get_last_child (box) : NULL;
      GtkWidget *last = line ? gtk_widget_get_last_child (line) : NULL;

      if (last == NULL || !GTK_IS_BUTTON (last) || !gtk_widget_get_mapped (last))
        continue;
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (last)))), ==, "No score");
      for (GtkWidget *cell = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (line)));
           cell != NULL; cell = gtk_widget_get_next_sibling (cell))
        {
          g_assert_cmpint (gtk_widget_get_width (cell), ==, gtk_widget_get_width (last));
          /* The cell's layout sets the width: a max-width-chars on its
           * wrapping label made GTK search for a natural width nothing uses
           * at every measure (10 M instructions at start-up). */
          g_assert_cmpint (gtk_label_get_max_width_chars (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (cell)))), ==, -1);
        }
      n_rows++;
    }
  g_assert_cmpuint (n_rows, >, 0);
}

static void
count_rows (GtkWidget *list,
            Rows      *rows)
{
  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *row = gtk_widget_get_first_child (w);
      gboolean blank;
      graphene_rect_t r;

      if (row == NULL || !GTK_IS_BOX (row))
        continue;
      blank = *gtk_label_get_label (GTK_LABEL (row_name (row))) == '\0';
      if (gtk_widget_compute_bounds (w, list, &r) && r.origin.y + r.size.height > 0 &&
          r.origin.y < gtk_widget_get_height (list))
        rows->on_screen++, rows->blank_on_screen += blank;
      else
        rows->off_screen++, rows->blank_off_screen += blank;
      rows->bottom = MAX (rows->bottom, (int) (r.origin.y + r.size.height));
    }
  rows->height = gtk_widget_get_height (list);
}

typedef struct
{
  GtkWidget *lists[2];         /* the PCN list and the overview's */
  Rows first[2];               /* as the first frame painted them */
  GtkDropDown *locality;       /* the overview's locality filter */
  guint first_localities;      /* the items of its list at the first frame */
  gboolean cell_styled;        /* a level cell's text had its level's colour */
  gboolean painted;
} FirstFrame;

static GtkWidget *
first_level_cell (GtkWidget *w)
{
  if (GTK_IS_BUTTON (w) && gtk_widget_has_css_class (w, "level-cell"))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *cell = first_level_cell (c);

      if (cell != NULL)
        return cell;
    }
  return NULL;
}

/* A cell of no score has black text (not the theme's grey), as its class
 * says: its label was restyled for it before the frame was painted. */
static gboolean
cell_styled (GtkWidget *list)
{
  GtkWidget *cell = first_level_cell (list);
  GdkRGBA colour;

  if (cell == NULL || !gtk_widget_has_css_class (cell, pw_level_css_class (PW_LEVEL_NONE)))
    return FALSE;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (gtk_button_get_child (GTK_BUTTON (cell))), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return gdk_rgba_equal (&colour, &(GdkRGBA) { 0, 0, 0, 1 });
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   FirstFrame    *seen)
{
  for (int i = 0; i < 2; i++)
    count_rows (seen->lists[i], &seen->first[i]);
  seen->cell_styled = cell_styled (seen->lists[1]);
  seen->first_localities = g_list_model_get_n_items (gtk_drop_down_get_model (seen->locality));
  seen->painted = TRUE;
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, seen);
}

static void
on_list_realize_cb (GtkWidget  *list,
                    FirstFrame *seen)
{
  /* After the window has painted, before anything runs after the frame. */
  g_signal_connect_after (gtk_widget_get_frame_clock (list), "paint", G_CALLBACK (on_first_paint_cb), seen);
}

static gboolean
painted (gpointer data)
{
  return ((FirstFrame *) data)->painted;
}

static gboolean
all_filled (gpointer list)
{
  Rows rows = { 0 };

  count_rows (list, &rows);
  return rows.blank_on_screen + rows.blank_off_screen == 0;
}

/* Opens a window on @f's workbook and notes its lists' rows as the first
 * frame painted them. */
static PwWindow *
first_frame (Fixture    *f,
             FirstFrame *seen)
{
  PwWindow *window = pw_window_new (NULL);
  GtkWidget *overview = pw_window_get_page (window, "overview");

  seen->lists[0] = pw_test_child (GTK_WIDGET (window), PW_TYPE_WINDOW, "pcn_list");
  seen->lists[1] = pw_test_child (overview, PW_TYPE_OVERVIEW_PAGE, "heat_list");
  seen->locality = GTK_DROP_DOWN (pw_test_child (overview, PW_TYPE_OVERVIEW_PAGE, "locality_filter"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  pw_window_set_store (window, f->store);
  g_signal_connect_after (seen->lists[0], "realize", G_CALLBACK (on_list_realize_cb), seen);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pw_test_wait_for (painted, seen, 5000));
  for (int i = 0; i < 2; i++)
    g_test_message ("list %d, first frame: rows end at %d of %d px; %u rows on screen, %u blank; "
                    "%u off screen, %u blank", i, seen->first[i].bottom, seen->first[i].height,
                    seen->first[i].on_screen, seen->first[i].blank_on_screen, seen->first[i].off_screen,
                    seen->first[i].blank_off_screen);
  return window;
}

/* The first frame shows every row on screen filled, the overview's cells
 * in their level's style; both lists hold the rows that fill them and at
 * most two more (GTK would bind some 200 of the 300); soon they hold
 * more, every one filled. */
static void
test_rows_on_screen_filled_first (Fixture       *f,
                                  gconstpointer  data)
{
  FirstFrame seen = { 0 };
  PwWindow *window = first_frame (f, &seen);
  GListModel *localities;

  g_assert_true (seen.cell_styled);
  for (int i = 0; i < 2; i++)
    {
      Rows later = { 0 };

      g_assert_cmpuint (seen.first[i].on_screen, >, 5);
      g_assert_cmpuint (seen.first[i].blank_on_screen, ==, 0);
      g_assert_cmpint (seen.first[i].bottom, >=, seen.first[i].height);
      g_assert_cmpuint (seen.first[i].off_screen, <=, 2);
      pw_test_wait_for (all_filled, seen.lists[i], 10000);
      count_rows (seen.lists[i], &later);
      g_assert_cmpuint (later.on_screen + later.off_screen, >, 100);
      g_assert_cmpuint (later.blank_on_screen + later.blank_off_screen, ==, 0);
    }
  /* The locality filter's popup rows: "All localities" alone at first
   * (what the closed drop-down shows), then every locality. */
  localities = gtk_drop_down_get_model (seen.locality);
  g_assert_cmpuint (seen.first_localities, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (localities), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (localities), 0), ==, "All localities");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (localities), 2), ==, "Brandon");
  g_assert_cmpuint (gtk_drop_down_get_selected (seen.locality), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
}

/* With text smaller than the window's estimate of a row, more rows fit:
 * the first frame still shows both lists full to the bottom. */
static void
test_first_frame_small_text (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GtkCssProvider) small = gtk_css_provider_new ();
  FirstFrame seen = { 0 };
  PwWindow *window;

  gtk_css_provider_load_from_data (small, "* { font-size: 6pt; min-height: 0; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (small),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  window = first_frame (f, &seen);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (small));
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpuint (seen.first[i].on_screen, >, 20);
      g_assert_cmpint (seen.first[i].bottom, >=, seen.first[i].height);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
}

/* ------------------------------------------------------------------ */
/* Search                                                              */

typedef struct
{
  Fixture *f;
  const char *headed;          /* "name: heading" of the rows showing one, "|"-separated */
  guint n_rows;                /* the rows showing a PCN */
} Headings;

/* Whether the PCN list's rows showing a PCN are @n_rows, and those with a
 * heading showing are @headed's. */
static gboolean
headings_are (gpointer data)
{
  Headings *h = data;
  GtkWidget *list = pw_test_child (GTK_WIDGET (h->f->window), PW_TYPE_WINDOW, "pcn_list");
  g_autoptr(GString) headed = g_string_new (NULL);
  guint n = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (list); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *row = gtk_widget_get_first_child (w);
      GtkWidget *heading;
      const char *name;

      if (row == NULL || !GTK_IS_BOX (row) || !gtk_widget_get_child_visible (w))
        continue;
      heading = gtk_widget_get_first_child (row);
      name = gtk_label_get_label (GTK_LABEL (row_name (row)));
      if (*name == '\0')
        return FALSE;
      n++;
      if (gtk_widget_get_visible (heading))
        g_string_append_printf (headed, "%s%s: %s", headed->len ? "|" : "", name, gtk_label_get_label (GTK_LABEL (heading)));
    }
  return n == h->n_rows && g_str_equal (headed->str, h->headed);
}

static void
search_for (Fixture    *f,
            const char *text)
{
  GtkWidget *search = pw_test_child (GTK_WIDGET (f->window), PW_TYPE_WINDOW, "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  g_signal_emit_by_name (search, "search-changed");   /* not waiting for the typing to pause */
}

static void
add_pcn (Fixture    *f,
         const char *code,
         const char *name,
         const char *locality_of)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gint64 locality = pw_pcn_get_number (pw_store_find_pcn_by_code (f->store, locality_of), PW_PCN_LOCALITY_ID);

  g_assert_true (pw_store_add_pcn (f->store, code, name, locality, &id, &error));
}

/* The heading above the first PCN of each locality follows a search: a
 * row kept shows its heading once the PCNs above it in its locality are
 * gone, and hides it when they come back; a row whose place stays while
 * the row above it changes locality too. */
static void
test_search_moves_headings (Fixture       *f,
                            gconstpointer  data)
{
  search_for (f, "5 pcn");     /* 005, 015, 025 in Ashby; 035, 045, 055 in Brandon */
  g_assert_true (pw_test_wait_for (headings_are, &(Headings) { f, "Network 005 PCN: Ashby|Network 035 PCN: Brandon", 6 }, 5000));
  search_for (f, "25 pcn");
  g_assert_true (pw_test_wait_for (headings_are, &(Headings) { f, "Network 025 PCN: Ashby", 1 }, 5000));
  search_for (f, "5 pcn");
  g_assert_true (pw_test_wait_for (headings_are, &(Headings) { f, "Network 005 PCN: Ashby|Network 035 PCN: Brandon", 6 }, 5000));

  add_pcn (f, "U30001", "Alpha PCN", "U20000");      /* in Ashby */
  add_pcn (f, "U30002", "Beta PCN", "U20059");       /* in Brandon */
  add_pcn (f, "U30003", "Gamma Alpha Beta PCN", "U20059");
  search_for (f, "alpha");     /* Alpha, then Gamma: a heading above each */
  g_assert_true (pw_test_wait_for (headings_are, &(Headings) { f, "Alpha PCN: Ashby|Gamma Alpha Beta PCN: Brandon", 2 }, 5000));
  search_for (f, "beta");      /* Beta takes Alpha's place: Gamma's stays, under Beta's heading */
  g_assert_true (pw_test_wait_for (headings_are, &(Headings) { f, "Beta PCN: Brandon", 2 }, 5000));
  search_for (f, "alpha");
  g_assert_true (pw_test_wait_for (headings_are, &(Headings) { f, "Alpha PCN: Ashby|Gamma Alpha Beta PCN: Brandon", 2 }, 5000));
}

static void
on_rows_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    guint      *most)
{
  *most = MAX (*most, g_list_model_get_n_items (model));
}

/* Replacing the search text empties the entry first: the list never
 * shows every PCN on the way, and Enter right after opens the first PCN
 * matching the new text. */
static void
test_search_replaced (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (pw_test_child (GTK_WIDGET (f->window), PW_TYPE_WINDOW, "pcn_list"))));
  GtkWidget *search = pw_test_child (GTK_WIDGET (f->window), PW_TYPE_WINDOW, "search_entry");
  guint most = 0;
  PwPcn *opened;

  search_for (f, "5 pcn");
  pw_test_wait_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 6);
  g_signal_connect (shown, "items-changed", G_CALLBACK (on_rows_changed_cb), &most);
  search_for (f, "25 pcn");
  pw_test_wait_ms (400);       /* the entry's own report too */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpuint (most, <=, 6);

  gtk_editable_set_text (GTK_EDITABLE (search), "35 pcn");
  g_signal_emit_by_name (search, "activate");
  opened = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown));
  g_assert_nonnull (opened);
  g_assert_cmpstr (pw_pcn_get_text (opened, PW_PCN_NAME), ==, "Network 035 PCN");
  g_signal_handlers_disconnect_by_func (shown, on_rows_changed_cb, &most);
  g_assert_cmpuint (most, <=, 6);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return 0;
    }
  gtk_init ();
  adw_init ();
  g_test_add_func ("/window-perf/opens-on-workbook", test_opens_on_workbook);
  g_test_add ("/window-perf/practice-rows-reused", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_practice_rows_reused, fixture_teardown);
  g_test_add ("/window-perf/year-refills-every-row", Fixture, GINT_TO_POINTER (60), fixture_setup,
              test_year_refills_every_row, fixture_teardown);
  g_test_add ("/window-perf/year-back-shows-changes", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_year_back_shows_changes, fixture_teardown);
  g_test_add ("/window-perf/rows-refilled-before-layout", Fixture, GINT_TO_POINTER (60), fixture_setup,
              test_rows_refilled_before_layout, fixture_teardown);
  g_test_add ("/window-perf/cells-line-up", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_cells_line_up, fixture_teardown);
  g_test_add ("/window-perf/heading-opens-locality", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_heading_opens_locality, fixture_teardown);
  g_test_add ("/window-perf/pages-built-when-shown", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_pages_built_when_shown, fixture_teardown);
  g_test_add ("/window-perf/menus-built-when-opened", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_menus_built_when_opened, fixture_teardown);
  g_test_add ("/window-perf/status-pages-built-when-shown", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_status_pages_built_when_shown, fixture_teardown);
  g_test_add_func ("/window-perf/welcome-page-built-when-shown", test_welcome_page_built_when_shown);
  g_test_add ("/window-perf/shortcuts-built-when-asked", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_shortcuts_built_when_asked, fixture_teardown);
  g_test_add ("/window-perf/year-rows-made-once", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_year_rows_made_once, fixture_teardown);
  g_test_add ("/window-perf/no-libpq-for-file", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_no_libpq_for_file, fixture_teardown);
  g_test_add ("/window-perf/no-xlsx-libraries-at-start", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_no_xlsx_libraries_at_start, fixture_teardown);
  g_test_add ("/window-perf/tabs-made-when-shown", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_tabs_made_when_shown, fixture_teardown);
  g_test_add ("/window-perf/closed-bars-hidden", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_closed_bars_hidden, fixture_teardown);
  g_test_add ("/window-perf/hidden-pages-not-measured", Fixture, GINT_TO_POINTER (4), fixture_setup,
              test_hidden_pages_not_measured, fixture_teardown);
  g_test_add ("/window-perf/rows-on-screen-filled-first", Fixture, GINT_TO_POINTER (300), fixture_setup,
              test_rows_on_screen_filled_first, fixture_teardown);
  g_test_add ("/window-perf/first-frame-small-text", Fixture, GINT_TO_POINTER (300), fixture_setup,
              test_first_frame_small_text, fixture_teardown);
  g_test_add ("/window-perf/search-moves-headings", Fixture, GINT_TO_POINTER (60), fixture_setup,
              test_search_moves_headings, fixture_teardown);
  g_test_add ("/window-perf/search-replaced", Fixture, GINT_TO_POINTER (60), fixture_setup,
              test_search_replaced, fixture_teardown);
  return g_test_run ();
}

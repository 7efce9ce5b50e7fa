/* The window at national scale, each job beside its floor:
 *
 * - start-up to the first frame: `pcn-workbook --quit-after-first-frame`
 *   on the national workbook beside bench-empty-window (an empty
 *   libadwaita window that quits on its first frame), each started as a
 *   process, alternately;
 * - selecting a PCN (app work + layout: to the end of the next frame's
 *   layout) beside one frame at 60 Hz;
 * - switching year on the overview (to the end of the next frame) beside
 *   refilling the rows on screen of a stock GtkListView whose rows are
 *   built like the overview's, in a list of the overview list's size;
 * - search keystrokes that change the list beside a stock GtkListView
 *   with a GtkStringFilter over the same names, in a list of the sidebar
 *   list's size.
 *
 * Times are from the change to the end of the frame that shows it (frame
 * clock "layout" and "after-paint").
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "pw-matrix.h"
#include "pw-overview-page.h"
#include "pw-ui-util.h"
#include "pw-window.h"

#define PW_TEST_WITH_GTK
#include "pw-test-util.h"

#include "bench-window.h"

#define FRAME_MS (1000.0 / 60)  /* the goal where the floor is a frame */
#define WIDTH 1100              /* the app's default size */
#define HEIGHT 720

/* ------------------------------------------------------------------ */
/* Frames                                                              */

static gint64 layout_end, paint_end;

static void
on_layout_cb (GdkFrameClock *clock)
{
  if (paint_end == 0)
    layout_end = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock)
{
  if (paint_end == 0)
    paint_end = g_get_monotonic_time ();
}

static void
follow_frames (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_cb), NULL);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

/* Lets everything pending run and the last frame end. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static gint64
start (void)
{
  settle ();
  layout_end = paint_end = 0;
  return g_get_monotonic_time ();
}

/* Waits for the frame after a change made since start(); @to_layout: the
 * time to the end of its layout, else to the end of its painting. */
static void
finish (GtkWidget *window,
        gint64     t,
        gboolean   to_layout,
        GArray    *ms)
{
  double took;

  gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (window),
                                 GDK_FRAME_CLOCK_PHASE_LAYOUT | GDK_FRAME_CLOCK_PHASE_PAINT);
  while (paint_end == 0)
    g_main_context_iteration (NULL, TRUE);
  took = ((to_layout ? layout_end : paint_end) - t) / 1000.0;
  g_array_append_val (ms, took);
}

static GArray *
new_times (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

/* ------------------------------------------------------------------ */
/* Start-up                                                            */

static char *
program (const char *name)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_path_get_dirname (exe);

  return g_build_filename (dir, name, NULL);
}

/* Starts @argv and returns the time from just before to the first frame,
 * which the program prints (monotonic µs) as it quits. */
static double
first_frame_ms (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;
  guint n;
  gint64 t = g_get_monotonic_time ();

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, &error));
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 0);
  return (g_ascii_strtoll (lines[n - 1], NULL, 10) - t) / 1000.0;
}

static void
bench_startup (const char      *db,
               int              n_runs,
               BenchReportFunc  report)
{
  g_autofree char *app = program ("../ui/pcn-workbook");
  g_autofree char *empty = program ("bench-empty-window");
  const char *app_argv[] = { app, "--database", db, "--quit-after-first-frame", NULL };
  const char *empty_argv[] = { empty, NULL };
  g_autoptr(GArray) now = new_times ();
  g_autoptr(GArray) floor = new_times ();

  /* One of each first, not counted: the day's backup, a warm cache. */
  for (int r = -1; r < n_runs; r++)
    {
      double a = first_frame_ms (app_argv), b = first_frame_ms (empty_argv);

      if (r >= 0)
        g_array_append_val (now, a), g_array_append_val (floor, b);
    }
  report ("start-up to first frame (floor: empty window)", now, floor);
}

/* ------------------------------------------------------------------ */
/* Floors: stock list views                                            */

typedef struct
{
  GtkWidget *window;
  GtkListView *list;
  GPtrArray *bound;            /* GtkListItems */
  int round;                   /* which data the overview floor shows */
} Floor;

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           Floor                    *floor)
{
  g_ptr_array_remove_fast (floor->bound, item);
}

/* A window of the app's size holding @list in a scroller of @width ×
 * @height, the size of the app's list it stands for. */
static void
floor_window (Floor      *floor,
              GListModel *model,
              GCallback   setup,
              GCallback   bind,
              int         width,
              int         height)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  floor->bound = g_ptr_array_new ();
  g_signal_connect (factory, "setup", setup, floor);
  g_signal_connect (factory, "bind", bind, floor);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), floor);
  floor->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (model)),
                                                  g_object_ref (factory)));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (floor->list));
  gtk_widget_set_size_request (scroller, width, height);
  gtk_widget_set_halign (scroller, GTK_ALIGN_END);
  gtk_widget_set_valign (scroller, GTK_ALIGN_END);
  floor->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (floor->window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (floor->window), scroller);
  gtk_window_present (GTK_WINDOW (floor->window));
  settle ();
  follow_frames (floor->window);
}

static void
floor_close (Floor *floor)
{
  gtk_window_destroy (GTK_WINDOW (floor->window));
  g_ptr_array_unref (floor->bound);
  settle ();
}

/* The sidebar's rows: a locality heading, the name, a detail line. */
static void
setup_name_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (int i = 0; i < 3; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_add_css_class (gtk_widget_get_first_child (box), "heading");
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption");
  gtk_list_item_set_child (item, box);
}

static void
bind_name_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  Floor                    *floor)
{
  GtkWidget *heading = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *name = gtk_widget_get_next_sibling (heading);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_autofree char *detail = g_strdup_printf ("%u · 30,000 patients", gtk_list_item_get_position (item));

  gtk_label_set_label (GTK_LABEL (heading), "Locality");
  gtk_widget_set_visible (heading, gtk_list_item_get_position (item) % 30 == 0);
  gtk_label_set_label (GTK_LABEL (name), text);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (name)), detail);
}

/* The overview's rows: heading; name, status and five level cells. */
static void
setup_level_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  for (int i = 0; i < 2; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_set_size_request (label, i == 0 ? 150 : 64, -1);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
      gtk_box_append (GTK_BOX (line), label);
    }
  for (int d = 0; d < PW_N_DOMAINS; d++)
    {
      GtkWidget *cell = gtk_button_new ();
      GtkWidget *text = gtk_label_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_lines (GTK_LABEL (text), 2);
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (text), 1);
      gtk_widget_add_css_class (text, "caption");
      gtk_button_set_child (GTK_BUTTON (cell), text);
      gtk_widget_set_size_request (cell, 102, -1);
      gtk_widget_add_css_class (cell, "level-cell");
      gtk_box_append (GTK_BOX (line), cell);
    }
  gtk_box_append (GTK_BOX (box), line);
  gtk_list_item_set_child (item, box);
}

static void
fill_level_row (Floor       *floor,
                GtkListItem *item)
{
  GtkWidget *heading = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *name = gtk_widget_get_first_child (gtk_widget_get_next_sibling (heading));
  GtkWidget *status = gtk_widget_get_next_sibling (name);
  GtkWidget *cell = gtk_widget_get_next_sibling (status);
  guint pos = gtk_list_item_get_position (item);

  gtk_widget_set_visible (heading, pos % 30 == 0);
  gtk_label_set_label (GTK_LABEL (heading), "Locality");
  gtk_label_set_label (GTK_LABEL (name), gtk_string_object_get_string (gtk_list_item_get_item (item)));
  gtk_label_set_label (GTK_LABEL (status), floor->round % 2 ? "Draft" : "Submitted");
  for (guint d = 0; d < PW_N_DOMAINS; d++, cell = gtk_widget_get_next_sibling (cell))
    {
      int level = pw_level_at ((pos + d + floor->round) % PW_N_LEVELS);
      const char *old = g_object_get_data (G_OBJECT (cell), "class");

      if (old != NULL)
        gtk_widget_remove_css_class (cell, old);
      gtk_widget_add_css_class (cell, pw_level_css_class (level));
      g_object_set_data (G_OBJECT (cell), "class", (gpointer) pw_level_css_class (level));
      gtk_label_set_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (cell))), pw_level_name (level));
    }
}

static void
bind_level_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   Floor                    *floor)
{
  fill_level_row (floor, item);
  g_ptr_array_add (floor->bound, item);
}

/* ------------------------------------------------------------------ */
/* The window                                                          */

static GtkWidget *
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (widget, type, name));
}

/* The searches typed: each keystroke changes which PCNs match. */
static const char *queries[] = {
  "network 00", "network 001", "network 0012", "network 00123", "network 0012", "network 001", "network 00",
  "network 0",
};

static void
type_query (GtkEditable *search,
            const char  *text)
{
  gtk_editable_set_text (search, text);
  g_signal_emit_by_name (search, "search-changed");   /* no typing delay */
}

static GArray *
time_search (GtkWidget   *window,
             GtkEditable *search,
             GListModel  *shown,
             int          n_runs)
{
  GArray *ms = new_times ();

  for (int r = 0; r < n_runs; r++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        guint before = g_list_model_get_n_items (shown);
        gint64 t = start ();

        type_query (search, queries[q]);
        finish (window, t, FALSE, ms);
        g_assert_cmpuint (before, !=, g_list_model_get_n_items (shown));
      }
  return ms;
}

static GArray *
floor_search (GListModel *names,
              int         width,
              int         height,
              int         n_runs)
{
  GtkStringFilter *filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  GtkFilterListModel *shown = gtk_filter_list_model_new (g_object_ref (names), GTK_FILTER (filter));
  GArray *ms = new_times ();
  Floor floor = { 0 };

  floor_window (&floor, G_LIST_MODEL (shown), G_CALLBACK (setup_name_row_cb), G_CALLBACK (bind_name_row_cb),
                width, height);
  for (int r = 0; r < n_runs; r++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        gint64 t = start ();

        gtk_string_filter_set_search (filter, queries[q]);
        finish (floor.window, t, FALSE, ms);
      }
  floor_close (&floor);
  return ms;
}

/* GTK 4.8's list views keep about 200 rows bound, most off screen. */
static gboolean
on_screen (GtkListView *list,
           GtkListItem *item)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (gtk_list_item_get_child (item), GTK_WIDGET (list), &bounds));
  return bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (GTK_WIDGET (list));
}

static GArray *
floor_refill (GListModel *names,
              int         width,
              int         height,
              int         n_runs)
{
  GArray *ms = new_times ();
  Floor floor = { 0 };

  floor_window (&floor, g_object_ref (names), G_CALLBACK (setup_level_row_cb), G_CALLBACK (bind_level_row_cb),
                width, height);
  for (int r = 0; r < 2 * n_runs; r++)
    {
      gint64 t = start ();

      floor.round++;
      for (guint i = 0; i < floor.bound->len; i++)
        if (on_screen (floor.list, floor.bound->pdata[i]))
          fill_level_row (&floor, floor.bound->pdata[i]);
      finish (floor.window, t, FALSE, ms);
    }
  floor_close (&floor);
  return ms;
}

/* The names of the PCNs, in the list's order. */
static GListModel *
names_of (GListModel *pcns)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (pcns, i);
      gtk_string_list_append (names, pw_pcn_get_text (pcn, PW_PCN_NAME));
    }
  return G_LIST_MODEL (names);
}

static GArray *
frame_floor (void)
{
  GArray *ms = new_times ();
  double frame = FRAME_MS;

  g_array_append_val (ms, frame);
  return ms;
}

/* ------------------------------------------------------------------ */
/* Screenshots: PW_SCREENSHOT_DIR=DIR, to compare how the app looks    */

/* The overview, then each tab of one PCN. */
static void
shoot_pages (GtkWidget *window,
             PwStore   *store)
{
  static const char *tabs[] = { "profile", "maturity", "swot", "plan", "workforce" };
  AdwViewStack *pcn_stack = ADW_VIEW_STACK (child (window, PW_TYPE_WINDOW, "pcn_stack"));

  gtk_widget_activate_action (window, "win.show-overview", NULL);
  settle ();
  pw_test_save_screenshot (window, "overview.png");
  pw_window_select_pcn (PW_WINDOW (window), pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U10100")));
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.png", tabs[i]);

      adw_view_stack_set_visible_child_name (pcn_stack, tabs[i]);
      settle ();
      pw_test_save_screenshot (window, name);
    }
}

void
bench_window (const char      *db,
              int              n_runs,
              BenchReportFunc  report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) search_ms = NULL, year_ms = new_times (), select_ms = new_times ();
  g_autoptr(GArray) first_ms = new_times (), floor_ms = NULL;
  g_autoptr(GListModel) names = NULL;
  GtkWidget *window, *overview, *heat_list, *pcn_list;
  GtkDropDown *years;
  PwStore *store;
  int list_w, list_h, heat_w, heat_h;

  bench_startup (db, n_runs, report);

  window = GTK_WIDGET (pw_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  g_assert_true (pw_window_open_path (PW_WINDOW (window), db, &error));
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  if (g_getenv ("PW_SCREENSHOT_DIR") != NULL)
    pw_test_save_screenshot (window, "start.png");   /* as opened, before any search */
  follow_frames (window);
  store = pw_window_get_store (PW_WINDOW (window));
  pcn_list = child (window, PW_TYPE_WINDOW, "pcn_list");
  overview = child (window, PW_TYPE_WINDOW, "overview_page");
  heat_list = child (overview, PW_TYPE_OVERVIEW_PAGE, "heat_list");
  list_w = gtk_widget_get_width (gtk_widget_get_parent (pcn_list));
  list_h = gtk_widget_get_height (gtk_widget_get_parent (pcn_list));
  heat_w = gtk_widget_get_width (gtk_widget_get_parent (heat_list));
  heat_h = gtk_widget_get_height (gtk_widget_get_parent (heat_list));
  names = names_of (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (pcn_list))));

  search_ms = time_search (window, GTK_EDITABLE (child (window, PW_TYPE_WINDOW, "search_entry")),
                           G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (pcn_list))), n_runs);

  /* 2021/22 and 2022/23 both have levels, and a year before them. */
  years = GTK_DROP_DOWN (child (window, PW_TYPE_WINDOW, "year_dropdown"));
  for (int r = 0; r < 2 * n_runs; r++)
    {
      gint64 t = start ();

      gtk_drop_down_set_selected (years, 2 + r % 2);
      finish (window, t, FALSE, year_ms);
    }

  /* The first PCN shown pays once for showing the PCN pages; the next
   * ones are neighbours (no scrolling). */
  for (int r = 0; r <= n_runs; r++)
    {
      g_autofree char *code = g_strdup_printf ("U%05d", 10100 + r);
      gint64 t = start ();

      pw_window_select_pcn (PW_WINDOW (window), pw_pcn_get_id (pw_store_find_pcn_by_code (store, code)));
      finish (window, t, TRUE, r == 0 ? first_ms : select_ms);
    }
  if (g_getenv ("PW_SCREENSHOT_DIR") != NULL)
    shoot_pages (window, store);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();

  floor_ms = floor_search (names, list_w, list_h, n_runs);
  report ("search, keystrokes that change the list", search_ms, floor_ms);
  g_clear_pointer (&floor_ms, g_array_unref);
  floor_ms = floor_refill (names, heat_w, heat_h, n_runs);
  report ("switch year on the overview (floor: refill)", year_ms, floor_ms);
  g_clear_pointer (&floor_ms, g_array_unref);
  floor_ms = frame_floor ();
  report ("select a PCN, app work + layout (goal: frame)", select_ms, floor_ms);
  report ("select the first PCN (builds the PCN pages)", first_ms, NULL);
}

/* pw-window.c — the main window: the type, the PCN list and its pages
 *
 * The window's other parts are in pw-window-*.c; pw-window-private.h
 * says which.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-backups-dialog.h"
#include "pw-parse.h"
#include "pw-preferences-window.h"
#include "pw-roles-window.h"
#include "pw-row-filler.h"
#include "pw-ui-util.h"
#include "pw-undo.h"
#include "pw-window-private.h"

#define POLL_SECONDS 2         /* how often to look for other programs' writes */

G_DEFINE_FINAL_TYPE (PwWindow, pw_window, ADW_TYPE_APPLICATION_WINDOW)

static void count_year_returns (PwWindow *self);
static void setup_menu         (GtkMenuButton *button,
                                GMenuModel    *menu);


/* The PCN whose pages are open: the one selected, or the one a search
 * has hidden from the list while it is being edited. */
PwPcn *
open_pcn (PwWindow *self)
{
  PwPcn *pcn = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  return pcn != NULL ? pcn : self->titled;
}

/* The bars below the page (saves waiting, a task's progress) are hidden
 * while closed: a closed revealer still measures its child at every
 * layout, and the notice of waiting saves wraps a long text. */
static void
on_child_revealed_cb (GtkRevealer *revealer)
{
  if (!gtk_revealer_get_child_revealed (revealer) && !gtk_revealer_get_reveal_child (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

void
reveal_bar (GtkRevealer *revealer,
            gboolean     reveal)
{
  if (reveal)
    gtk_widget_set_visible (GTK_WIDGET (revealer), TRUE);
  gtk_revealer_set_reveal_child (revealer, reveal);
}

/* The header's tabs (and the bar's, for a narrow window) are made when
 * a PCN is first shown: three view switchers of five tabs are some 250
 * widgets that the overview at start-up does not show. */
static void
show_tabs (PwWindow *self)
{
  if (adw_view_switcher_title_get_stack (self->content_title) != NULL)
    return;
  adw_view_switcher_title_set_stack (self->content_title, self->pcn_stack);
  adw_view_switcher_bar_set_stack (self->switcher_bar, self->pcn_stack);
}

/* When the window is too narrow for tabs in the header, they move to a
 * bar at the bottom, while a PCN is open: every page stays one click away. */
static void
update_switcher_bar (PwWindow *self)
{
  gboolean pcn = open_pcn (self) != NULL;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    pcn && adw_view_switcher_title_get_title_visible (self->content_title));
}

/* Folded, the page's header has no room for the year beside the back
 * button and the title: the list's header takes it (the list is where a
 * year is chosen before a PCN anyway). */
static void
on_folded_cb (PwWindow *self)
{
  GtkWidget *year = GTK_WIDGET (self->year_dropdown);
  AdwHeaderBar *to = adw_leaflet_get_folded (self->leaflet) ? self->sidebar_header : self->content_header;

  if (gtk_widget_get_ancestor (year, ADW_TYPE_HEADER_BAR) == GTK_WIDGET (to))
    return;
  g_object_ref (year);
  adw_header_bar_remove (ADW_HEADER_BAR (gtk_widget_get_ancestor (year, ADW_TYPE_HEADER_BAR)), year);
  adw_header_bar_pack_end (to, year);
  g_object_unref (year);
}

/* Actions that need a workbook, a PCN, or no task running are off when
 * they could not run, so that no menu item does nothing. */
void
update_actions (PwWindow *self)
{
  static const char *need_workbook[] = {
    "win.add-pcn", "win.add-locality", "win.manage-roles", "win.restore-backup",
    "win.show-overview", "win.focus-search",
  };
  gboolean open = self->store != NULL;
  gboolean busy = self->task_cancellable != NULL;
  gboolean writable = open && !pw_store_is_read_only (self->store);
  gboolean pcn = open && open_pcn (self) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (need_workbook); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), need_workbook[i], open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-profiles", writable && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-appendix", open && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-review", pcn && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.send-forms", open && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-forms", writable && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-last-year", pcn && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-task", busy);
}

/* ------------------------------------------------------------------ */
/* The pages, built at first need                                      */

/* Pages a window on a workbook seldom shows, each built from its file the
 * first time it is: the welcome page (no workbook), the PCN list's "none"
 * (a search that matches no PCN) and the content's "empty" (a workbook with
 * no PCNs).  Built at every start, their 85 widgets were styled and each
 * label and button given its shortcut controller, for a first frame that
 * shows none of them (19 M instructions of the national workbook's start). */
static const struct { const char *name; const char *resource; } stack_pages[] = {
  { "welcome", "/uk/nhs/PcnWorkbook/pw-welcome-page.ui" },
  { "none", "/uk/nhs/PcnWorkbook/pw-no-match-page.ui" },
  { "empty", "/uk/nhs/PcnWorkbook/pw-empty-page.ui" },
};

static void
build_stack_page (PwWindow   *self,
                  GtkStack   *stack,
                  const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (stack_pages); i++)
    if (g_str_equal (name, stack_pages[i].name))
      {
        g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (stack_pages[i].resource);
        GObject *menu_button = gtk_builder_get_object (builder, "menu_button");

        gtk_stack_add_named (stack, GTK_WIDGET (gtk_builder_get_object (builder, "page")), name);
        if (menu_button != NULL)
          setup_menu (GTK_MENU_BUTTON (menu_button), self->primary_menu);
        return;
      }
  g_return_if_reached ();
}

/* Shows @stack's page @name, building it first if it is one of those
 * built when first shown. */
void
show_stack_page (PwWindow   *self,
                 GtkStack   *stack,
                 const char *name)
{
  if (gtk_stack_get_child_by_name (stack, name) == NULL)
    build_stack_page (self, stack, name);
  gtk_stack_set_visible_child_name (stack, name);
}

static void
build_locality_page (PwWindow *self)
{
  self->locality_page = g_object_new (PW_TYPE_LOCALITY_PAGE, NULL);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->locality_page), "locality");
  g_signal_connect (self->locality_page, "open-pcn", G_CALLBACK (on_review_pcn_cb), self);
}

/**
 * pw_window_get_page:
 * @name: a tab of the PCN pages ("profile", "maturity", "swot", "plan",
 *   "workforce"), "overview" or "locality"
 *
 * The page, built now if it has not been shown yet: start-up builds,
 * styles and measures only the overview, and a tab's page is built the
 * first time it is shown.
 */
GtkWidget *
pw_window_get_page (PwWindow   *self,
                    const char *name)
{
  static const struct { const char *name; GType (*get_type) (void); glong offset; } tabs[] = {
    { "profile", pw_profile_page_get_type, G_STRUCT_OFFSET (PwWindow, profile_page) },
    { "maturity", pw_maturity_page_get_type, G_STRUCT_OFFSET (PwWindow, maturity_page) },
    { "swot", pw_swot_page_get_type, G_STRUCT_OFFSET (PwWindow, swot_page) },
    { "plan", pw_plan_page_get_type, G_STRUCT_OFFSET (PwWindow, plan_page) },
    { "workforce", pw_workforce_page_get_type, G_STRUCT_OFFSET (PwWindow, workforce_page) },
  };

  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  if (g_str_equal (name, "overview"))
    return GTK_WIDGET (self->overview_page);
  if (g_str_equal (name, "locality") && self->locality_page == NULL)
    build_locality_page (self);
  if (g_str_equal (name, "locality"))
    return GTK_WIDGET (self->locality_page);
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    if (g_str_equal (name, tabs[i].name))
      {
        gpointer *page = G_STRUCT_MEMBER_P (self, tabs[i].offset);

        if (*page == NULL)
          {
            *page = g_object_new (tabs[i].get_type (), NULL);
            adw_bin_set_child (ADW_BIN (adw_view_stack_get_child_by_name (self->pcn_stack, name)), *page);
          }
        return *page;
      }
  g_return_val_if_reached (NULL);
}

/* Fills the selected PCN's visible tab only: the others are filled when
 * they are switched to, which keeps selecting a PCN quick. */
static void
show_tab (PwWindow *self)
{
  PwPcn *pcn = open_pcn (self);
  const char *tab = adw_view_stack_get_visible_child_name (self->pcn_stack);
  int year = pw_window_get_year (self);
  GtkWidget *page;

  if (pcn == NULL || tab == NULL)
    return;
  page = pw_window_get_page (self, tab);
  if (g_str_equal (tab, "profile"))
    pw_profile_page_set_pcn (PW_PROFILE_PAGE (page), self->store, pcn);
  else if (g_str_equal (tab, "maturity"))
    pw_maturity_page_show (PW_MATURITY_PAGE (page), self->store, pcn, year);
  else if (g_str_equal (tab, "swot"))
    pw_swot_page_show (PW_SWOT_PAGE (page), self->store, pcn, year);
  else if (g_str_equal (tab, "plan"))
    pw_plan_page_show (PW_PLAN_PAGE (page), self->store, pcn, year);
  else if (g_str_equal (tab, "workforce"))
    pw_workforce_page_show (PW_WORKFORCE_PAGE (page), self->store, pcn, year);
}

/* Leaving a tab holding a value that could not be saved asks first. */
static void
on_tab_switched_cb (PwWindow *self)
{
  const char *tab = adw_view_stack_get_visible_child_name (self->pcn_stack);

  if (self->going_back)
    return;
  if (self->tab != NULL && g_strcmp0 (tab, self->tab) != 0 && !may_leave (self, LEAVE_FOR_TAB, NULL, tab))
    return;
  self->tab = g_intern_string (tab);
  show_tab (self);
}

/* The header names the selected PCN, and follows a rename as it is typed. */
static void
update_title (PwWindow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->titled == NULL)
    return;
  subtitle = g_strdup_printf ("%s · %s", pw_pcn_get_text (self->titled, PW_PCN_CODE),
                              pw_pcn_get_text (self->titled, PW_PCN_LOCALITY));
  adw_view_switcher_title_set_title (self->content_title, pw_pcn_get_text (self->titled, PW_PCN_NAME));
  adw_view_switcher_title_set_subtitle (self->content_title, subtitle);
}

static void
title_pcn (PwWindow *self,
           PwPcn    *pcn)
{
  if (pcn != self->titled)
    pw_undo_clear (GTK_WINDOW (self));
  if (self->titled != NULL)
    g_signal_handlers_disconnect_by_func (self->titled, update_title, self);
  g_set_object (&self->titled, pcn);
  if (pcn != NULL)
    g_signal_connect_swapped (pcn, "notify", G_CALLBACK (update_title), self);
  update_title (self);
}

/* The selected PCN's pages, or the overview of all PCNs when none is. */
static void
show_selected (PwWindow *self)
{
  PwPcn *pcn = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  int year = pw_window_get_year (self);

  if (pcn == NULL && self->filtering)
    return;                      /* filtered out of the list, still open */
  if (self->going_back)
    return;                      /* back on the PCN with the unsaved value */
  if (pcn != self->titled && self->titled != NULL && !may_leave (self, LEAVE_FOR_PCN, pcn, NULL))
    return;
  title_pcn (self, pcn);
  update_actions (self);
  if (pcn != NULL)
    show_tabs (self);
  adw_view_switcher_title_set_view_switcher_enabled (self->content_title, pcn != NULL);
  update_switcher_bar (self);
  if (pcn == NULL)
    {
      g_autofree char *fy = pw_format_year (year);
      g_autofree char *title = g_strdup_printf (_("Overview %s"), fy);

      gboolean empty = self->store != NULL && g_list_model_get_n_items (pw_store_get_pcns (self->store)) == 0;

      if (self->store != NULL && !empty)
        pw_overview_page_show (self->overview_page, self->store, year);
      show_stack_page (self, self->content_stack, empty ? "empty" : "overview");
      adw_view_switcher_title_set_title (self->content_title, title);
      adw_view_switcher_title_set_subtitle (self->content_title, self->store ? pw_store_get_path (self->store) : NULL);
      return;
    }
  show_tab (self);
  gtk_stack_set_visible_child_name (self->content_stack, "pcn");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}


/* Re-sort when names or localities may have moved (an import, a rename),
 * keeping the selected PCN selected. */
static void
on_store_changed_cb (PwStore    *store,
                     const char *table,
                     gint64      id,
                     PwWindow   *self)
{
  PwPcn *selected;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "empty") == 0)
    show_selected (self);        /* the first PCNs have come */
  if (table == NULL || g_strcmp0 (table, "return") == 0)
    count_year_returns (self);
  if (table != NULL && g_strcmp0 (table, "locality") != 0)
    return;
  selected = gtk_single_selection_get_selected_item (self->selection);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);  /* archived ones go */
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  if (selected != NULL)
    pw_window_select_pcn (self, pw_pcn_get_id (selected));
  update_all_headings (self);
}

/* ------------------------------------------------------------------ */
/* The first frame                                                     */

/* What the window shows above each list's first row, and its rows'
 * height, as the default text shows them: the header bar, the Overview
 * button and the search above the PCN list; the header bar, the filters,
 * counts, colour key and column heads above the overview's grid.  A
 * smaller text fits more rows: the first frame's layout adds them
 * (on_first_layout_cb). */
#define LIST_TOP 140
#define GRID_TOP 228
#define ROW_HEIGHT 36

/* How many rows of a list the first frame shows: as many as the window's
 * height below @top holds, and one more for a locality's heading. */
static guint
first_frame_rows (PwWindow *self,
                  int       top)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (gtk_window_is_maximized (GTK_WINDOW (self)) || gtk_window_is_fullscreen (GTK_WINDOW (self)) || height <= 0)
    {
      GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));

      for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
        {
          g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
          GdkRectangle area;

          gdk_monitor_get_geometry (monitor, &area);
          height = MAX (height, area.height);
        }
    }
  return (MAX (height, 360) - top) / ROW_HEIGHT + 1;
}

/* GTK 4.8's list views make, style and measure some 200 rows each,
 * whatever they show: at start-up that was most of the time to the first
 * frame.  Until it is painted, the PCN list and the overview's grid hold
 * only the rows it can show (the counts and totals are of every PCN); the
 * limit is lifted right after, or as soon as something needs a row beyond
 * it. */
void
show_all_rows (PwWindow *self)
{
  if (self->first_rows != NULL)
    gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
  self->first_rows = NULL;
  pw_overview_page_limit_rows (self->overview_page, 0);
}

/* In the frame after the first (before its layout): the rows beyond the
 * first screenful are made, styled and measured then.  Not from idle, which
 * could wait behind frames that follow each other. */
static void
on_second_frame_cb (GdkFrameClock *clock,
                    PwWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_second_frame_cb, self);
  show_all_rows (self);
}

/* After each layout of the first frame (GDK lays out again, before it
 * paints, when one is asked for): rows that do not fill their list (a
 * text smaller than the window's estimate) get as many more as they need. */
static void
on_first_layout_cb (GdkFrameClock *clock,
                    PwWindow      *self)
{
  guint more;

  if (self->first_rows != NULL && (more = pw_ui_list_rows_missing (self->pcn_list)) > 0)
    gtk_slice_list_model_set_size (self->first_rows, gtk_slice_list_model_get_size (self->first_rows) + more);
  pw_overview_page_fill_first_frame (self->overview_page);
}

/* The first frame is on screen (whoever waits for it, such as the start-up
 * benchmark, hears of it now). */
static void
on_first_paint_cb (GdkFrameClock *clock,
                   PwWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  g_signal_handlers_disconnect_by_func (clock, on_first_layout_cb, self);
  g_signal_connect_object (clock, "update", G_CALLBACK (on_second_frame_cb), self, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_UPDATE);
}

static void
on_realize_cb (PwWindow *self)
{
  /* Shown with no workbook: the welcome page, built now (before the
   * window is mapped: no cross-fade, and the first focus is on it). */
  if (self->store == NULL)
    show_stack_page (self, self->main_stack, "welcome");
  /* After the window's own layout handler, which places the rows. */
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "layout",
                           G_CALLBACK (on_first_layout_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_paint_cb), self, 0);
}

/* Before the window is shown, its lists hold the rows of the first frame. */
static void
limit_rows (PwWindow   *self,
            GListModel **rows)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->first_rows = gtk_slice_list_model_new (*rows, 0, first_frame_rows (self, LIST_TOP));
  *rows = G_LIST_MODEL (self->first_rows);
  pw_overview_page_limit_rows (self->overview_page, first_frame_rows (self, GRID_TOP));
}

/* ------------------------------------------------------------------ */
/* The PCN list's model                                                */

static void
build_list (PwWindow *self)
{
  GtkSortListModel *sorted;
  GListModel *rows;

  g_clear_object (&self->selection);
  self->first_rows = NULL;
  if (self->store == NULL)
    {
      gtk_list_view_set_model (self->pcn_list, NULL);
      return;
    }
  sorted = gtk_sort_list_model_new (g_object_ref (pw_store_get_pcns (self->store)),
                                    g_object_ref (GTK_SORTER (self->sorter)));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (GTK_FILTER (self->filter)));
  rows = G_LIST_MODEL (g_object_ref (self->filtered));
  limit_rows (self, &rows);
  self->selection = gtk_single_selection_new (rows);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (show_selected), self);
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  gtk_list_view_set_model (self->pcn_list, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (self->filtered);     /* the selection holds it */
  on_items_changed_cb (G_LIST_MODEL (self->filtered), 0, 0, 0, self);
}

/* Whether the list shows row @pos whole: scrolling to it anyway moves
 * the list's anchor, and GTK 4.8 then binds a good part of its rows again. */
static gboolean
row_on_screen (PwWindow *self,
               guint     pos)
{
  GPtrArray *bound = pw_row_filler_get_bound (self->rows);

  for (guint i = 0; i < bound->len; i++)
    {
      GtkListItem *item = bound->pdata[i];
      graphene_rect_t r;

      if (gtk_list_item_get_position (item) == pos)
        return gtk_widget_compute_bounds (gtk_list_item_get_child (item), GTK_WIDGET (self->pcn_list), &r) &&
               r.origin.y >= 0 && r.origin.y + r.size.height <= gtk_widget_get_height (GTK_WIDGET (self->pcn_list));
    }
  return FALSE;
}

void
pw_window_select_pcn (PwWindow *self,
                      gint64    pcn_id)
{
  GListModel *model;

  g_return_if_fail (PW_IS_WINDOW (self));

  show_all_rows (self);
  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (model, i);
      if (pw_pcn_get_id (pcn) == pcn_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          if (!row_on_screen (self, i))
            gtk_widget_activate_action (GTK_WIDGET (self->pcn_list), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Workbooks                                                           */

/* The change log and reviews name the person set in Preferences. */
static void
apply_user_name (PwWindow *self)
{
  g_autofree char *name = pw_preferences_get_user_name (self->settings);

  if (self->store != NULL)
    pw_store_set_user_name (self->store, name);
}

void
pw_window_set_store (PwWindow *self,
                     PwStore  *store)
{
  g_return_if_fail (PW_IS_WINDOW (self));

  if (self->store != NULL)
    let_go_of_store (self);
  g_set_object (&self->store, store);
  title_workbook (self);
  build_list (self);
  show_selected (self);
  show_stack_page (self, self->main_stack, store ? "workbook" : "welcome");
  if (store == NULL)
    return;
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  count_year_returns (self);
  follow_saves (self);
  apply_user_name (self);
  g_settings_set_string (self->settings, "last-database", pw_store_get_path (store));
  if (pw_store_is_read_only (store))
    pw_toast_show (GTK_WIDGET (self), _("This workbook is read-only: you can read it, but changes cannot be saved"));
  else if (pw_store_get_backup_error (store) != NULL)
    pw_toast_show (GTK_WIDGET (self), pw_store_get_backup_error (store)->message);
}

PwStore *
pw_window_get_store (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * pw_window_is_settled:
 *
 * Returns: whether the window shows the page it is meant to (the
 * workbook's, or the welcome page when it has none) with no transition
 * running: the frame a start-up is over at.
 */
gboolean
pw_window_is_settled (PwWindow *self)
{
  const char *page;

  g_return_val_if_fail (PW_IS_WINDOW (self), FALSE);
  page = gtk_stack_get_visible_child_name (self->main_stack);
  return g_strcmp0 (page, self->store != NULL ? "workbook" : "welcome") == 0 &&
         !gtk_stack_get_transition_running (self->main_stack);
}

/* ------------------------------------------------------------------ */
/* The overview, and the window's other actions                        */
static void
show_overview (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->selection != NULL && gtk_single_selection_get_selected_item (self->selection) != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  else
    show_selected (self);        /* from the Locality page no PCN is selected: no notify */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* A cell of the overview opens that PCN's Maturity page at its domain. */
static void
on_open_pcn_cb (PwOverviewPage *page,
                gint64          pcn_id,
                guint           domain,
                PwWindow       *self)
{
  pw_window_select_pcn (self, pcn_id);
  adw_view_stack_set_visible_child_name (self->pcn_stack, "maturity");
  gtk_widget_child_focus (pw_maturity_page_get_card (PW_MATURITY_PAGE (pw_window_get_page (self, "maturity")), domain),
                          GTK_DIR_TAB_FORWARD);
}

static void
copy_last_year (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  PwPcn *pcn = open_pcn (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint copied = 0;

  if (pcn == NULL)
    return;
  if (!pw_store_copy_from_last_year (self->store, pw_pcn_get_id (pcn), pw_window_get_year (self), &copied, &error))
    {
      pw_show_error (widget, _("Nothing Copied"), error);
      return;
    }
  message = copied ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copied %u entry from last year",
                                                   "Copied %u entries from last year", copied), copied)
                   : g_strdup (_("Nothing to copy: this year’s SWOT and plan already have entries"));
  pw_toast_show (widget, message);
}

static void
manage_roles (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (pw_roles_window_new (GTK_WINDOW (self), self->store)));
}

static void
restore_backup (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (pw_backups_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
show_preferences (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (pw_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

/* The Keyboard Shortcuts window is built the first time it is asked for:
 * GtkApplication builds gtk/help-overlay.ui for every window it adds (some
 * 200 widgets, 3% of start-up), so the file is not under that name. */
static void
show_help_overlay (GtkWidget *widget, const char *action, GVariant *param)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (self) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/uk/nhs/PcnWorkbook/pw-help-overlay.ui");

      gtk_application_window_set_help_overlay (self, GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (self)));
}

static void
focus_search (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Ctrl+Z outside a text field (inside one, the field's own undo of the
 * typing comes first), and Ctrl+Shift+Z. */
static void
undo (GtkWidget *widget, const char *action, GVariant *param)
{
  pw_undo_step (GTK_WINDOW (widget), g_str_equal (action, "win.redo"));
}

static void
show_sidebar (GtkWidget *widget, const char *action, GVariant *param)
{
  adw_leaflet_set_visible_child_name (PW_WINDOW (widget)->leaflet, "sidebar");
}

/* ------------------------------------------------------------------ */
/* Financial year                                                      */

int
pw_window_get_year (PwWindow *self)
{
  guint selected;

  g_return_val_if_fail (PW_IS_WINDOW (self), 0);
  selected = gtk_drop_down_get_selected (self->year_dropdown);
  return selected == GTK_INVALID_LIST_POSITION ? pw_current_year () : FIRST_YEAR + (int) selected;
}

static void
on_year_selected_cb (PwWindow *self)
{
  if (self->going_back || (open_pcn (self) != NULL && !may_leave (self, LEAVE_FOR_YEAR, NULL, NULL)))
    return;
  self->year = pw_window_get_year (self);
  g_settings_set_int (self->settings, "year", pw_window_get_year (self));
  pw_undo_clear (GTK_WINDOW (self));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);  /* archived PCNs */
  show_selected (self);
}

/* Counted when the menu first shows them, not at every start-up: the
 * drop-down binds its menu's rows as soon as it has a factory. */
static void
fill_year_returns (PwWindow *self)
{
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (self->year_dropdown));

  g_array_set_size (self->year_returns, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GListModel) returns = self->store ? pw_store_list_returns (self->store, FIRST_YEAR + (int) i, NULL) : NULL;
      g_array_index (self->year_returns, guint, i) = returns ? g_list_model_get_n_items (returns) : 0;
    }
}

/* The year menu says which years hold data ("2025/26 · 13 returns"); the
 * button shows the year alone.  A row is labelled as it is mapped (the
 * menu opens), counting the returns then if they are not known yet; a
 * row bound in an open menu is mapped after, so it is labelled too. */
static void
label_year_row (GtkWidget *label,
                PwWindow  *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (label), "pw-item");
  GtkStringObject *year = item ? gtk_list_item_get_item (item) : NULL;
  guint pos, n;
  g_autofree char *text = NULL;

  if (year == NULL || !gtk_widget_get_mapped (label))
    return;
  if (self->year_returns->len == 0)
    fill_year_returns (self);
  pos = gtk_list_item_get_position (item);
  n = pos < self->year_returns->len ? g_array_index (self->year_returns, guint, pos) : 0;
  text = n == 0 ? g_strdup_printf (_("%s · no returns"), gtk_string_object_get_string (year))
                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u return", "%s · %u returns", n),
                                   gtk_string_object_get_string (year), n);
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
bind_year_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PwWindow                 *self)
{
  label_year_row (gtk_list_item_get_child (item), self);
}

static void
setup_year_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PwWindow                 *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_object_set_data (G_OBJECT (label), "pw-item", item);
  g_signal_connect (label, "map", G_CALLBACK (label_year_row), self);
  gtk_list_item_set_child (item, label);
}

/* The counts are forgotten, to be made again when the menu next opens.
 * Rows already labelled with them are made again by a new factory; rows
 * not labelled since the counts were last forgotten (the menu has not
 * opened) are left as they are: opening a workbook at start-up made the
 * menu's rows twice. */
static void
count_year_returns (PwWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  if (self->year_returns->len == 0 && gtk_drop_down_get_list_factory (self->year_dropdown) != NULL)
    return;
  g_array_set_size (self->year_returns, 0);     /* counted again at the next bind */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_year_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_year_cb), self);
  gtk_drop_down_set_list_factory (self->year_dropdown, factory);
}

static void
setup_years (PwWindow *self)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  int last = pw_current_year () + 1;
  int chosen = g_settings_get_int (self->settings, "year");

  for (int y = FIRST_YEAR; y <= last; y++)
    {
      g_autofree char *s = pw_format_year (y);
      gtk_string_list_append (years, s);
    }
  if (chosen < FIRST_YEAR || chosen > last)
    chosen = pw_current_year ();
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  gtk_drop_down_set_selected (self->year_dropdown, chosen - FIRST_YEAR);
  self->year = chosen;
  self->year_returns = g_array_new (FALSE, TRUE, sizeof (guint));
  count_year_returns (self);
  g_signal_connect_swapped (self->year_dropdown, "notify::selected", G_CALLBACK (on_year_selected_cb), self);
}

/* ------------------------------------------------------------------ */
/* Menus                                                               */

/* Each menu is made the first time it opens: a menu button given its
 * menu makes the whole popover, a widget for every item, at start-up. */
static void
make_menu_cb (GtkMenuButton *button,
              gpointer       menu)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, menu);
}

static void
setup_menu (GtkMenuButton *button,
            GMenuModel    *menu)
{
  gtk_menu_button_set_create_popup_func (button, make_menu_cb, menu, NULL);
}

static void
setup_menus (PwWindow *self)
{
  setup_menu (GTK_MENU_BUTTON (self->sidebar_menu_button), self->primary_menu);
  setup_menu (GTK_MENU_BUTTON (self->content_menu_button), self->primary_menu);
  setup_menu (GTK_MENU_BUTTON (self->add_button), self->add_menu);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static gboolean
pw_window_close_request (GtkWindow *window)
{
  PwWindow *self = PW_WINDOW (window);
  int width = 0, height = 0;

  if (!ready_to_close (self))
    return TRUE;
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_cancellable_cancel (self->task_cancellable);
  return GTK_WINDOW_CLASS (pw_window_parent_class)->close_request (window);
}

static void
pw_window_dispose (GObject *object)
{
  PwWindow *self = PW_WINDOW (object);

  if (self->store != NULL)
    let_go_of_store (self);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->close_check_id, g_source_remove);
  g_clear_handle_id (&self->search_id, g_source_remove);
  g_clear_pointer (&self->rows, pw_row_filler_free);
  g_clear_handle_id (&self->drop_id, g_source_remove);
  g_clear_pointer (&self->dropped_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_WINDOW);
  title_pcn (self, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->task_cancellable);
  g_clear_pointer (&self->year_returns, g_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->last_export, g_free);
  G_OBJECT_CLASS (pw_window_parent_class)->dispose (object);
}

static void
pw_window_class_init (PwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = pw_window_close_request;

  g_type_ensure (PW_TYPE_OVERVIEW_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, content_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, add_menu);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, pcn_list);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, pcn_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, pending_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, pending_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);

  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database);
  gtk_widget_class_install_action (widget_class, "win.connect-team", NULL, connect_team);
  gtk_widget_class_install_action (widget_class, "win.create-default", NULL, create_default);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo);
  gtk_widget_class_install_action (widget_class, "win.add-pcn", NULL, add_pcn);
  gtk_widget_class_install_action (widget_class, "win.add-locality", NULL, add_locality);
  gtk_widget_class_install_action (widget_class, "win.import-profiles", NULL, import_profiles);
  gtk_widget_class_install_action (widget_class, "win.export-appendix", NULL, export_appendix);
  gtk_widget_class_install_action (widget_class, "win.export-review", NULL, export_review);
  gtk_widget_class_install_action (widget_class, "win.send-forms", NULL, send_forms);
  gtk_widget_class_install_action (widget_class, "win.import-forms", NULL, import_forms);
  gtk_widget_class_install_action (widget_class, "win.open-forms-folder", NULL, open_forms_folder);
  gtk_widget_class_install_action (widget_class, "win.cancel-task", NULL, cancel_task);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_overview);
  gtk_widget_class_install_action (widget_class, "win.show-locality", "x", show_locality);
  gtk_widget_class_install_action (widget_class, "win.copy-last-year", NULL, copy_last_year);
  gtk_widget_class_install_action (widget_class, "win.manage-roles", NULL, manage_roles);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup);
  gtk_widget_class_install_action (widget_class, "win.retry-saves", NULL, retry_saves);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar);
  gtk_widget_class_install_action (widget_class, "win.open-export", NULL, open_export);
  gtk_widget_class_install_action (widget_class, "win.show-export-folder", NULL, show_export_folder);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, show_preferences);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.connect-team", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-profiles", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-appendix", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "win.show-overview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.show-locality", "x", (gint64) 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
}

static void
pw_window_init (PwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  pw_undo_attach (GTK_WINDOW (self));
  g_signal_connect_swapped (self->settings, "changed::user-name", G_CALLBACK (apply_user_name), self);
  /* Toasts from the window itself, and from its dialogs, land here. */
  g_object_set_data (G_OBJECT (self), "pw-toast-overlay", self->toast_overlay);
  self->sorter = gtk_custom_sorter_new (pw_ui_compare_pcns, NULL, NULL);
  pw_window_sidebar_init (self);
  setup_years (self);
  setup_menus (self);
  pw_window_forms_init (self);
  g_signal_connect (self->overview_page, "open-pcn", G_CALLBACK (on_open_pcn_cb), self);
  self->tab = g_intern_string (adw_view_stack_get_visible_child_name (self->pcn_stack));
  g_signal_connect_swapped (self->pcn_stack, "notify::visible-child-name", G_CALLBACK (on_tab_switched_cb), self);
  g_signal_connect_swapped (self->content_title, "notify::title-visible", G_CALLBACK (update_switcher_bar), self);
  g_signal_connect (self->pending_revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed_cb), NULL);
  g_signal_connect (self->progress_revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed_cb), NULL);
  /* Below about 660 px the list and the page take turns (a back button
   * returns to the list), so the window works from 360 px wide. */
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);
  /* …and the main menu, which also adds PCNs and localities, takes the
   * place of the list's Add button. */
  g_object_bind_property (self->leaflet, "folded", self->sidebar_menu_button, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->add_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->leaflet, "folded", self->sidebar_header, "show-end-title-buttons", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->content_header, "show-start-title-buttons", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded_cb), self);
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  set_busy (self, NULL);
  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_cb), NULL);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
}

PwWindow *
pw_window_new (GtkApplication *app)
{
  return g_object_new (PW_TYPE_WINDOW, "application", app, NULL);
}

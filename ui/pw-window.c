/* pw-window.c — the main window: PCN list, profile page, long tasks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-demo.h"
#include "pw-export-dialog.h"
#include "pw-export.h"
#include "pw-import.h"
#include "pw-locality-page.h"
#include "pw-maturity-page.h"
#include "pw-overview-page.h"
#include "pw-plan-page.h"
#include "pw-swot-page.h"
#include "pw-backups-dialog.h"
#include "pw-roles-window.h"
#include "pw-workforce-page.h"
#include "pw-parse.h"
#include "pw-preferences-window.h"
#include "pw-profile-page.h"
#include "pw-ui-util.h"
#include "pw-undo.h"
#include "pw-window.h"

#define FIRST_YEAR 2019        /* PCNs began in July 2019 */
#define POLL_SECONDS 2         /* how often to look for other programs' writes */
#define BUSY_TIMEOUT_MS 100    /* the longest a save may hold up the main loop */

/* Where the window is going when it must first ask about a value that
 * could not be saved. */
typedef enum { LEAVE_FOR_PCN, LEAVE_FOR_TAB, LEAVE_FOR_YEAR, LEAVE_TO_CLOSE } Leave;

struct _PwWindow
{
  AdwApplicationWindow parent_instance;

  PwStore *store;              /* owned */
  GSettings *settings;         /* owned */
  GtkCustomFilter *filter;     /* owned */
  GtkCustomSorter *sorter;     /* owned */
  GtkFilterListModel *filtered;/* owned */
  GtkSingleSelection *selection; /* owned */
  GPtrArray *bound_items;      /* GtkListItems with a row, for locality headings */
  char *query;                 /* casefolded search text */
  gboolean filtering;          /* the search is changing what the list shows */
  char *last_export;           /* owned: the file the last export wrote */
  GCancellable *task_cancellable; /* owned while import or export runs */

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  AdwHeaderBar *sidebar_header;
  AdwHeaderBar *content_header;
  GtkWidget *back_button;
  GtkWidget *sidebar_menu_button;
  GtkWidget *add_button;
  GtkStack *sidebar_stack;
  GtkStack *content_stack;
  AdwWindowTitle *sidebar_title;
  AdwViewSwitcherTitle *content_title;
  AdwViewSwitcherBar *switcher_bar;
  PwPcn *titled;               /* owned: the PCN the header names */
  AdwViewStack *pcn_stack;
  PwMaturityPage *maturity_page;
  PwSwotPage *swot_page;
  PwPlanPage *plan_page;
  PwWorkforcePage *workforce_page;
  PwOverviewPage *overview_page;
  PwLocalityPage *locality_page;
  GtkSearchEntry *search_entry;
  GtkListView *pcn_list;
  GtkDropDown *year_dropdown;
  PwProfilePage *profile_page;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;

  guint poll_id;               /* looks for other programs' writes */
  guint close_check_id;        /* closing waits for edits still in idle */
  gboolean close_ready;        /* nothing waits, or the user chose to drop it */
  gboolean close_when_saved;   /* the user chose to keep trying, then close */
  AdwMessageDialog *close_dialog;
  GtkRevealer *pending_revealer;
  GtkLabel *pending_label;

  GArray *year_returns;        /* guint: how many returns each year of the menu holds */
  const char *tab;             /* interned: the PCN tab shown last */
  int year;                    /* the year shown last */
  gboolean going_back;         /* undoing a move the user is asked about */
  AdwMessageDialog *leave_dialog;
};

G_DEFINE_FINAL_TYPE (PwWindow, pw_window, ADW_TYPE_APPLICATION_WINDOW)

static void count_year_returns (PwWindow *self);

/* ------------------------------------------------------------------ */
/* The PCN list                                                        */

static gboolean
pcn_matches (gpointer item,
             gpointer data)
{
  PwWindow *self = data;

  return pw_pcn_is_shown_in (item, pw_window_get_year (self)) && pw_ui_pcn_matches (item, self->query);
}

static void
update_heading (PwWindow    *self,
                GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  pw_ui_update_heading (gtk_widget_get_first_child (box), G_LIST_MODEL (self->selection), item);
}

static void
update_all_headings (PwWindow *self)
{
  for (guint i = 0; i < self->bound_items->len; i++)
    update_heading (self, g_ptr_array_index (self->bound_items, i));
}

static void show_locality_page (PwWindow *self, gint64 locality_id);

/* A locality's heading in the list opens its Locality page. */
static void
on_heading_pressed_cb (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       GtkListItem     *item)
{
  PwPcn *pcn = gtk_list_item_get_item (item);
  GtkWidget *window = gtk_widget_get_ancestor (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)),
                                               PW_TYPE_WINDOW);

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (pcn != NULL && window != NULL && pw_pcn_get_number (pcn, PW_PCN_LOCALITY_ID) != 0)
    show_locality_page (PW_WINDOW (window), pw_pcn_get_number (pcn, PW_PCN_LOCALITY_ID));
}

static void
add_locality_click (PwWindow    *self,
                    GtkWidget   *heading,
                    GtkListItem *item)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_tooltip_text (heading, _("Open the locality: its board, actions, risks and PCNs (Ctrl+L)"));
  gtk_widget_set_cursor_from_name (heading, "pointer");
  g_signal_connect (click, "pressed", G_CALLBACK (on_heading_pressed_cb), item);
  gtk_widget_add_controller (heading, GTK_EVENT_CONTROLLER (click));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PwWindow                 *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_top (heading, 10);
  gtk_widget_set_margin_bottom (heading, 4);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  add_locality_click (self, heading, item);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
update_row_text (GtkListItem *item)
{
  PwPcn *pcn = gtk_list_item_get_item (item);
  GtkWidget *heading = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *name = gtk_widget_get_next_sibling (heading);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  g_autofree char *population = pw_format_count (pw_pcn_get_number (pcn, PW_PCN_POPULATION));
  g_autofree char *text = g_strdup_printf (_("%s · %s patients"), pw_pcn_get_text (pcn, PW_PCN_CODE), population);
  g_autofree char *a11y = g_strdup_printf ("%s, %s", pw_pcn_get_text (pcn, PW_PCN_NAME), text);

  gtk_label_set_label (GTK_LABEL (name), pw_pcn_get_text (pcn, PW_PCN_NAME));
  gtk_label_set_label (GTK_LABEL (detail), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PwWindow                 *self)
{
  PwPcn *pcn = gtk_list_item_get_item (item);

  update_row_text (item);
  g_signal_connect_swapped (pcn, "notify", G_CALLBACK (update_row_text), item);
  g_ptr_array_add (self->bound_items, item);
  update_heading (self, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PwWindow                 *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), update_row_text, item);
  if (self->bound_items != NULL)   /* NULL once the window is disposed */
    g_ptr_array_remove_fast (self->bound_items, item);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     PwWindow   *self)
{
  guint n = g_list_model_get_n_items (model);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u PCN", "%u PCNs", n), n);

  update_all_headings (self);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    n > 0 || self->query == NULL || !*self->query ? "list" : "none");
}

/* The PCN whose pages are open: the one selected, or the one a search
 * has hidden from the list while it is being edited. */
static PwPcn *
open_pcn (PwWindow *self)
{
  PwPcn *pcn = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  return pcn != NULL ? pcn : self->titled;
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
static void
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-last-year", pcn && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-task", busy);
}

/* Fills the selected PCN's visible tab only: the others are filled when
 * they are switched to, which keeps selecting a PCN quick. */
static void
show_tab (PwWindow *self)
{
  PwPcn *pcn = open_pcn (self);
  const char *tab = adw_view_stack_get_visible_child_name (self->pcn_stack);
  int year = pw_window_get_year (self);

  if (pcn == NULL || tab == NULL)
    return;
  if (g_str_equal (tab, "profile"))
    pw_profile_page_set_pcn (self->profile_page, self->store, pcn);
  else if (g_str_equal (tab, "maturity"))
    pw_maturity_page_show (self->maturity_page, self->store, pcn, year);
  else if (g_str_equal (tab, "swot"))
    pw_swot_page_show (self->swot_page, self->store, pcn, year);
  else if (g_str_equal (tab, "plan"))
    pw_plan_page_show (self->plan_page, self->store, pcn, year);
  else if (g_str_equal (tab, "workforce"))
    pw_workforce_page_show (self->workforce_page, self->store, pcn, year);
}

static gboolean may_leave (PwWindow *self, Leave leave, PwPcn *to, const char *tab);

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

/* ------------------------------------------------------------------ */
/* Values that could not be saved                                      */

/* Back to the PCN, tab or year shown, which the list, tabs or year menu
 * have just moved away from. */
static void
go_back (PwWindow *self,
         Leave     leave)
{
  self->going_back = TRUE;
  if (leave == LEAVE_FOR_TAB)
    adw_view_stack_set_visible_child_name (self->pcn_stack, self->tab);
  else if (leave == LEAVE_FOR_PCN && self->titled != NULL)
    pw_window_select_pcn (self, pw_pcn_get_id (self->titled));
  else if (leave == LEAVE_FOR_YEAR)
    gtk_drop_down_set_selected (self->year_dropdown, self->year - FIRST_YEAR);
  self->going_back = FALSE;
}

static void
on_leave_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PwWindow         *self)
{
  GtkWidget *field = pw_ui_find_unsaved (GTK_WIDGET (self->pcn_stack));
  Leave leave = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pw-leave"));
  PwPcn *to = g_object_get_data (G_OBJECT (dialog), "pw-to");
  const char *tab = g_object_get_data (G_OBJECT (dialog), "pw-tab");

  self->leave_dialog = NULL;
  if (g_strcmp0 (response, "discard") != 0)
    {
      if (field != NULL)
        gtk_widget_grab_focus (field);
      return;
    }
  pw_ui_forget_unsaved (GTK_WIDGET (self->pcn_stack));
  /* The profile page keeps its fields while it shows the same PCN: let it
   * go, so that it shows the stored values when next shown.  (The other
   * pages are filled afresh each time.) */
  pw_profile_page_set_pcn (self->profile_page, self->store, NULL);
  if (leave == LEAVE_TO_CLOSE)
    gtk_window_close (GTK_WINDOW (self));
  else if (leave == LEAVE_FOR_YEAR)
    gtk_drop_down_set_selected (self->year_dropdown,
                                GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pw-year")) - FIRST_YEAR);
  else if (leave == LEAVE_FOR_TAB)
    adw_view_stack_set_visible_child_name (self->pcn_stack, tab);
  else if (to != NULL)
    pw_window_select_pcn (self, pw_pcn_get_id (to));
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* Whether the window may move on from the open PCN's pages (to the PCN
 * @to, or the overview when NULL; to the tab @tab; to the year now in the
 * menu; or closing): a value the workbook refused is never dropped
 * silently.  Otherwise the window stays where it was and asks. */
static gboolean
may_leave (PwWindow   *self,
           Leave       leave,
           PwPcn      *to,
           const char *tab)
{
  GtkWidget *field = pw_ui_find_unsaved (GTK_WIDGET (self->pcn_stack));
  int year;
  const char *why;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (field == NULL)
    return TRUE;
  year = pw_window_get_year (self);   /* the one asked for, before going back */
  go_back (self, leave);
  if (self->leave_dialog != NULL)
    return FALSE;
  why = gtk_widget_get_tooltip_text (field);
  body = g_strdup_printf (_("“%s” holds a value that could not be saved%s%s. Keep editing to correct it, "
                            "or discard the change and keep what the workbook holds."),
                          pw_ui_field_label (field), why ? ": " : "", why ? why : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Change Not Saved"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"),
                                    "discard", _("_Discard Change"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  if (to != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "pw-to", g_object_ref (to), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "pw-tab", (gpointer) (tab ? g_intern_string (tab) : NULL));
  g_object_set_data (G_OBJECT (dialog), "pw-leave", GINT_TO_POINTER (leave));
  g_object_set_data (G_OBJECT (dialog), "pw-year", GINT_TO_POINTER (year));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_leave_response_cb), self, 0);
  self->leave_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
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
  adw_view_switcher_title_set_view_switcher_enabled (self->content_title, pcn != NULL);
  update_switcher_bar (self);
  if (pcn == NULL)
    {
      g_autofree char *fy = pw_format_year (year);
      g_autofree char *title = g_strdup_printf (_("Overview %s"), fy);

      gboolean empty = self->store != NULL && g_list_model_get_n_items (pw_store_get_pcns (self->store)) == 0;

      if (self->store != NULL && !empty)
        pw_overview_page_show (self->overview_page, self->store, year);
      gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "overview");
      adw_view_switcher_title_set_title (self->content_title, title);
      adw_view_switcher_title_set_subtitle (self->content_title, self->store ? pw_store_get_path (self->store) : NULL);
      return;
    }
  show_tab (self);
  gtk_stack_set_visible_child_name (self->content_stack, "pcn");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* Searching narrows the list but never closes the PCN being edited: the
 * page stays on it while the list no longer shows it, and its row is
 * selected again when it comes back into the list. */
static void
on_search_changed_cb (PwWindow *self)
{
  PwPcn *open = self->titled ? g_object_ref (self->titled) : NULL;

  g_free (self->query);
  self->query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  self->filtering = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (open != NULL && self->selection != NULL &&
      gtk_single_selection_get_selected_item (self->selection) == NULL)
    pw_window_select_pcn (self, pw_pcn_get_id (open));
  self->filtering = FALSE;
  g_clear_object (&open);
}

/* Enter in the search field opens the first match, and leaves focus in the
 * list on its row: never in a field, where the next key would change it. */
static void
on_search_activate_cb (PwWindow *self)
{
  if (self->selection == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_activate_action (GTK_WIDGET (self->pcn_list), "list.scroll-to-item", "u", 0);
  gtk_widget_grab_focus (adw_leaflet_get_folded (self->leaflet) ? self->back_button : GTK_WIDGET (self->pcn_list));
}

static void
on_search_stop_cb (PwWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
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

static void
build_list (PwWindow *self)
{
  GtkSortListModel *sorted;

  g_clear_object (&self->selection);
  if (self->store == NULL)
    {
      gtk_list_view_set_model (self->pcn_list, NULL);
      return;
    }
  sorted = gtk_sort_list_model_new (g_object_ref (pw_store_get_pcns (self->store)),
                                    g_object_ref (GTK_SORTER (self->sorter)));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (show_selected), self);
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  gtk_list_view_set_model (self->pcn_list, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (self->filtered);     /* the selection holds it */
  on_items_changed_cb (G_LIST_MODEL (self->filtered), 0, 0, 0, self);
}

void
pw_window_select_pcn (PwWindow *self,
                      gint64    pcn_id)
{
  GListModel *model;

  g_return_if_fail (PW_IS_WINDOW (self));

  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (model, i);
      if (pw_pcn_get_id (pcn) == pcn_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->pcn_list), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Other programs on the workbook: waiting saves, their writes         */

static PwSaveQueue *
window_queue (PwWindow *self)
{
  return self->store != NULL ? pw_save_queue_for_store (self->store) : NULL;
}

static gboolean
close_cb (gpointer data)
{
  PwWindow *self = data;

  self->close_ready = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* The bar under the pages says how many edits wait for the workbook. */
static void
on_pending_cb (PwWindow *self)
{
  PwSaveQueue *queue = window_queue (self);
  guint n = queue != NULL ? pw_save_queue_get_n_pending (queue) : 0;
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u change is not saved yet: another program is using the workbook. "
                                       "It is kept, and saved as soon as the workbook is free.",
                                       "%u changes are not saved yet: another program is using the workbook. "
                                       "They are kept, and saved as soon as the workbook is free.", n), n);
  gtk_label_set_label (self->pending_label, text);
  gtk_revealer_set_reveal_child (self->pending_revealer, n > 0);
  if (n == 0 && self->close_when_saved)
    g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

static gboolean
release_cb (gpointer store)
{
  return G_SOURCE_REMOVE;      /* the source's destroy notify lets go of @store */
}

static void
unref_when_saved_cb (PwSaveQueue *queue,
                     GParamSpec  *pspec,
                     PwStore     *store)
{
  if (pw_save_queue_get_n_pending (queue) > 0)
    return;
  g_signal_handlers_disconnect_by_func (queue, unref_when_saved_cb, store);
  g_idle_add_full (G_PRIORITY_DEFAULT, release_cb, store, g_object_unref);
}

/* Another workbook replaces this one: edits still waiting for this one
 * keep it open until they are saved. */
static void
let_go_of_store (PwWindow *self)
{
  PwSaveQueue *queue = window_queue (self);

  g_signal_handlers_disconnect_by_data (self->store, self);
  g_signal_handlers_disconnect_by_data (queue, self);
  if (pw_save_queue_get_n_pending (queue) > 0)
    g_signal_connect (queue, "notify::n-pending", G_CALLBACK (unref_when_saved_cb), g_object_ref (self->store));
}

/* Saves wait at most a moment for another program's lock and are retried
 * later, rather than freezing the window for seconds. */
static void
follow_saves (PwWindow *self)
{
  pw_store_set_busy_timeout (self->store, BUSY_TIMEOUT_MS);
  pw_store_poll_external (self->store, NULL);    /* where the file stands now */
  g_signal_connect_swapped (window_queue (self), "notify::n-pending", G_CALLBACK (on_pending_cb), self);
  on_pending_cb (self);
}

/* Writes by other programs (the CLI, another window, a colleague) show
 * here: on a slow timer, and whenever the window comes to the front. */
static gboolean
poll_cb (gpointer data)
{
  PwWindow *self = data;

  if (self->store != NULL)
    pw_store_poll_external (self->store, NULL);
  return G_SOURCE_CONTINUE;
}

static void
on_active_cb (PwWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    poll_cb (self);
}

static void
retry_saves (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  PwSaveQueue *queue = window_queue (PW_WINDOW (widget));

  if (queue != NULL)
    pw_save_queue_retry (queue);
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PwWindow         *self)
{
  PwSaveQueue *queue = window_queue (self);

  self->close_dialog = NULL;
  if (g_strcmp0 (response, "keep") == 0)
    {
      self->close_when_saved = TRUE;
      on_pending_cb (self);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      if (queue != NULL)
        pw_save_queue_discard (queue);
      /* From idle: the dialog closes itself after this handler. */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
    }
}

static void
ask_before_close (PwWindow *self,
                  guint     n)
{
  GtkWidget *dialog;
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
    "Another program is using this workbook, so %u change has not been saved yet. "
    "Keep trying, and the window closes once it is saved; or discard it and close now.",
    "Another program is using this workbook, so %u changes have not been saved yet. "
    "Keep trying, and the window closes once they are saved; or discard them and close now.", n), n);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changes Not Saved Yet"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard and Close"), "keep", _("_Keep Trying"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response_cb), self);
  self->close_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Runs after the pages' idle saves (a lower priority, still above redraws),
 * so an edit typed just before closing is in the queue when looked at. */
static gboolean
check_close_cb (gpointer data)
{
  PwWindow *self = data;
  PwSaveQueue *queue = window_queue (self);

  self->close_check_id = 0;
  if (queue != NULL && pw_save_queue_get_n_pending (queue) > 0 && !pw_save_queue_retry (queue))
    ask_before_close (self, pw_save_queue_get_n_pending (queue));
  else
    close_cb (self);
  return G_SOURCE_REMOVE;
}

/* Whether the window may close now; otherwise it asks (or will). */
static gboolean
ready_to_close (PwWindow *self)
{
  if (self->close_ready)
    return TRUE;
  if (!may_leave (self, LEAVE_TO_CLOSE, NULL, NULL))
    return FALSE;
  if (self->close_check_id == 0 && self->close_dialog == NULL)
    self->close_check_id = g_idle_add_full (PW_SAVE_PRIORITY + 10, check_close_cb, self, NULL);
  return FALSE;
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
  build_list (self);
  show_selected (self);
  gtk_stack_set_visible_child_name (self->main_stack, store ? "workbook" : "welcome");
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

gboolean
pw_window_open_path (PwWindow    *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(PwStore) store = pw_store_open (path, error);

  if (store == NULL)
    return FALSE;
  pw_window_set_store (self, store);
  return TRUE;
}

static void
open_or_complain (PwWindow   *self,
                  const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!pw_window_open_path (self, path, &error))
    pw_show_error (GTK_WIDGET (self), _("Cannot Open Workbook"), error);
}

typedef void (*FileChosenFunc) (PwWindow *self, GFile *file);

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        PwWindow        *self)
{
  FileChosenFunc func = g_object_get_data (G_OBJECT (chooser), "pw-func");
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    func (self, file);
  g_object_unref (chooser);
}

static void
choose_file (PwWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *pattern,
             const char           *pattern_name,
             const char           *suggested,
             FileChosenFunc        func)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, NULL, NULL);
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, pattern_name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (suggested != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_object_set_data (G_OBJECT (chooser), "pw-func", func);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_database_chosen (PwWindow *self,
                     GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  /* A new workbook never overwrites: an existing file is opened instead,
   * with all the checks that opening makes. */
  open_or_complain (self, path);
}

static void
open_database_chosen (PwWindow *self,
                      GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  open_or_complain (self, path);
}

static void
new_database (GtkWidget *widget, const char *action, GVariant *param)
{
  choose_file (PW_WINDOW (widget), _("New Workbook"), GTK_FILE_CHOOSER_ACTION_SAVE,
               "*.db", _("PCN Workbook files"), _("workbook.db"), new_database_chosen);
}

static void
open_database (GtkWidget *widget, const char *action, GVariant *param)
{
  choose_file (PW_WINDOW (widget), _("Open Workbook"), GTK_FILE_CHOOSER_ACTION_OPEN,
               "*.db", _("PCN Workbook files"), NULL, open_database_chosen);
}

static void
create_default (GtkWidget *widget, const char *action, GVariant *param)
{
  g_autofree char *path = pw_store_default_path ();

  open_or_complain (PW_WINDOW (widget), path);
}

static gboolean
workbook_is_empty (PwWindow *self)
{
  return g_list_model_get_n_items (pw_store_get_pcns (self->store)) == 0 &&
         g_list_model_get_n_items (pw_store_get_localities (self->store)) == 0;
}

static void
fill_with_demo (PwWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_demo_load (self->store, &error))
    pw_show_error (GTK_WIDGET (self), _("Demo Data Not Loaded"), error);
  else
    pw_toast_show (GTK_WIDGET (self), _("Demo data loaded: 13 fictional PCNs in 4 localities"));
}

static void
demo_database_chosen (PwWindow *self,
                      GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  new_database_chosen (self, file);
  if (self->store != NULL && g_strcmp0 (path, pw_store_get_path (self->store)) == 0 && workbook_is_empty (self))
    fill_with_demo (self);
  else if (self->store != NULL && g_strcmp0 (path, pw_store_get_path (self->store)) == 0)
    pw_toast_show (GTK_WIDGET (self), _("That workbook is not empty: the demo was not added"));
}

static void
on_demo_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PwWindow         *self)
{
  if (g_strcmp0 (response, "new") == 0)
    choose_file (self, _("New Workbook for the Demo"), GTK_FILE_CHOOSER_ACTION_SAVE,
                 "*.db", _("PCN Workbook files"), _("demo.db"), demo_database_chosen);
}

/* The demo is fictional: it goes only into a new, empty workbook, never
 * among real PCNs, where it could reach a committee's papers. */
static void
load_demo (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    create_default (widget, NULL, NULL);
  if (self->store == NULL)
    return;
  if (workbook_is_empty (self))
    {
      fill_with_demo (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Demo Data Goes in a New Workbook"),
                                   _("This workbook already holds PCNs. The demo’s 13 fictional PCNs are "
                                     "never mixed with real ones: create a new, empty workbook for them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "new", _("_New Workbook…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "new");
  g_signal_connect (dialog, "response", G_CALLBACK (on_demo_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Adding PCNs and localities                                          */

static void
on_add_locality_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             PwWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") == 0 && self->store != NULL &&
      !pw_store_add_locality (self->store, gtk_editable_get_text (entry), NULL, &error))
    pw_show_error (GTK_WIDGET (self), _("Locality Not Added"), error);
}

static GtkWidget *
ask_dialog (PwWindow   *self,
            const char *heading,
            const char *body,
            GtkWidget  *extra,
            const char *verb)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", verb, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  return dialog;
}

static void
add_locality (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *dialog;

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  dialog = ask_dialog (self, _("New Locality"), _("Localities group PCNs under one locality head."),
                       entry, _("_Add"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_locality_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_new_pcn_changed_cb (GtkEditable      *any,
                       AdwMessageDialog *dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  AdwEntryRow *code = ADW_ENTRY_ROW (gtk_widget_get_first_child (box));
  AdwEntryRow *name = ADW_ENTRY_ROW (gtk_widget_get_next_sibling (GTK_WIDGET (code)));
  gboolean ok = pw_entry_row_check (code, PW_FORM_PCN_CODE, NULL, NULL);

  ok = pw_entry_row_check (name, PW_FORM_NAME, NULL, NULL) && ok;
  adw_message_dialog_set_response_enabled (dialog, "add", ok);
}

static void
on_add_pcn_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PwWindow         *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *code = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (code);
  PwPcn *selected = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;
  if (!pw_store_add_pcn (self->store, gtk_editable_get_text (GTK_EDITABLE (code)),
                         gtk_editable_get_text (GTK_EDITABLE (name)),
                         selected ? pw_pcn_get_number (selected, PW_PCN_LOCALITY_ID) : 0, &id, &error))
    {
      pw_show_error (GTK_WIDGET (self), _("PCN Not Added"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  pw_window_select_pcn (self, id);
}

static void
add_pcn (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *code = adw_entry_row_new ();
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *dialog;

  gtk_widget_add_css_class (box, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (code), _("ODS code, such as U12345"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  pw_entry_row_add_hint (ADW_ENTRY_ROW (code));
  pw_entry_row_add_hint (ADW_ENTRY_ROW (name));
  gtk_list_box_append (GTK_LIST_BOX (box), code);
  gtk_list_box_append (GTK_LIST_BOX (box), name);
  dialog = ask_dialog (self, _("New PCN"), _("It joins the locality of the PCN selected now; you can change that on its profile."),
                       box, _("_Add"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  g_signal_connect (code, "changed", G_CALLBACK (on_new_pcn_changed_cb), dialog);
  g_signal_connect (name, "changed", G_CALLBACK (on_new_pcn_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_pcn_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Import and export, off the main thread                              */

/* Plain data for a worker: it opens its own connection to the workbook. */
typedef struct
{
  char *db_path;
  char *user_name;             /* who the change log names */
  char *file;
  gboolean is_export;
  char *review_pcn;            /* an annual review's PCN code, NULL for the appendix */
  guint n_returns;             /* after an export: the year's returns, to say when there are none */
  PwExportOptions options;
  PwImportSummary summary;
  PwWindow *window;            /* owned, for progress */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->user_name);
  g_free (job->file);
  g_free (job->review_pcn);
  pw_export_options_clear (&job->options);
  g_clear_object (&job->window);
  g_free (job);
}

typedef struct
{
  PwWindow *window;
  double fraction;
} Progress;

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *p = data;

  gtk_progress_bar_set_fraction (p->window->progress_bar, p->fraction);
  g_object_unref (p->window);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
job_progress (double   fraction,
              gpointer data)
{
  Job *job = data;
  Progress *p = g_new (Progress, 1);

  p->window = g_object_ref (job->window);
  p->fraction = fraction;
  g_idle_add (progress_idle_cb, p);
}

/* The appendix or a PCN's annual review; counts the year's returns, so the
 * toast can say when there are none. */
static gboolean
export_in_thread (PwStore       *store,
                  Job           *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GListModel) returns = pw_store_list_returns (store, job->options.year, error);

  if (returns == NULL)
    return FALSE;
  job->n_returns = g_list_model_get_n_items (returns);
  if (job->review_pcn != NULL)
    return pw_export_review (store, &job->options, job->review_pcn, job->file, job_progress, job, cancellable, error);
  return pw_export_appendix (store, &job->options, job->file, job_progress, job, cancellable, error);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (job->db_path, &error);
  gboolean ok = store != NULL;

  if (ok)
    pw_store_set_user_name (store, job->user_name);
  if (ok && job->is_export)
    ok = export_in_thread (store, job, cancellable, &error);
  else if (ok)
    ok = pw_import_any (store, job->file, job_progress, job, cancellable, &job->summary, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
set_busy (PwWindow   *self,
          const char *label)
{
  gboolean busy = label != NULL;

  if (busy)
    gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  update_actions (self);
}

/* "Exported …" with Open, and Show in Folder beside the title (a toast
 * has one button of its own). */
static void
show_exported (PwWindow   *self,
               const char *path,
               int         year,
               guint       n_returns)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *fy = pw_format_year (year);
  g_autofree char *title = n_returns > 0
    ? g_strdup_printf (_("Exported %s"), name)
    : g_strdup_printf (_("Exported %s. There are no returns for %s, and the file says so."), name, fy);
  AdwToast *toast = adw_toast_new (title);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *folder = gtk_button_new_with_mnemonic (_("Show in _Folder"));

  g_free (self->last_export);
  self->last_export = g_strdup (path);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (folder, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "win.show-export-folder");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), folder);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (self->toast_overlay), "pw-export-toast", g_object_ref (toast), g_object_unref);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
launch (PwWindow *self,
        GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  /* gtk_show_uri goes through the desktop portal where there is one, and
   * opens with the default program (Excel, LibreOffice, the file manager). */
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
open_export (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autoptr(GFile) file = self->last_export ? g_file_new_for_path (self->last_export) : NULL;

  if (file != NULL)
    launch (self, file);
}

static void
show_export_folder (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autoptr(GFile) file = self->last_export ? g_file_new_for_path (self->last_export) : NULL;
  g_autoptr(GFile) folder = file ? g_file_get_parent (file) : NULL;

  if (folder != NULL)
    launch (self, folder);
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  PwWindow *self = PW_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = g_filename_display_basename (job->file);

  g_clear_object (&self->task_cancellable);
  set_busy (self, NULL);
  if (!job->is_export && self->store != NULL)
    pw_store_reload (self->store);   /* another connection wrote */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_show_error (GTK_WIDGET (self), job->is_export ? _("Export Failed") : _("Import Failed"), error);
      else
        pw_toast_show (GTK_WIDGET (self), _("Cancelled; nothing was changed"));
      return;
    }
  if (job->is_export)
    {
      show_exported (self, job->file, job->options.year, job->n_returns);
      return;
    }
  {
    g_autofree char *summary = pw_import_summary_describe (&job->summary);
    message = g_strdup_printf (_("Imported %s: %s"), name, summary);
  }
  pw_toast_show (GTK_WIDGET (self), message);
}

static void
start_job (PwWindow   *self,
           Job        *job,
           const char *label)
{
  g_autoptr(GTask) task = NULL;

  self->task_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->task_cancellable, on_job_done_cb, NULL);
  job->db_path = g_strdup (pw_store_get_path (self->store));
  job->user_name = g_strdup (pw_store_get_user_name (self->store));
  job->window = g_object_ref (self);
  g_task_set_task_data (task, job, job_free);
  set_busy (self, label);
  g_task_run_in_thread (task, job_thread);
}

/* Imports @file in a thread, with progress and Cancel: what Import CSV…
 * does once a file is chosen. */
void
pw_window_import_file (PwWindow *self,
                       GFile    *file)
{
  Job *job;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (PW_IS_WINDOW (self) && self->store != NULL && self->task_cancellable == NULL);

  job = g_new0 (Job, 1);
  job->file = g_file_get_path (file);
  name = g_filename_display_basename (job->file);
  label = g_strdup_printf (_("Importing %s…"), name);
  start_job (self, job, label);
}

gboolean
pw_window_is_busy (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), FALSE);
  return self->task_cancellable != NULL;
}

static void
import_profiles (GtkWidget *widget, const char *action, GVariant *param)
{
  if (PW_WINDOW (widget)->store != NULL)
    choose_file (PW_WINDOW (widget), _("Import CSV"), GTK_FILE_CHOOSER_ACTION_OPEN,
                 "*.csv", _("CSV files"), NULL, pw_window_import_file);
}

/* @file's path, ending in .xlsx. */
static char *
xlsx_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return g_str_has_suffix (path, ".xlsx") ? g_steal_pointer (&path) : g_strconcat (path, ".xlsx", NULL);
}

/* Writes the appendix to @file in a thread; takes @options. */
void
pw_window_export_file (PwWindow        *self,
                       PwExportOptions *options,
                       GFile           *file)
{
  Job *job = g_new0 (Job, 1);
  g_autofree char *label = NULL;

  g_return_if_fail (PW_IS_WINDOW (self) && self->store != NULL && self->task_cancellable == NULL);

  job->is_export = TRUE;
  job->options = *options;
  *options = (PwExportOptions) { 0 };
  job->file = xlsx_path (file);
  label = g_strdup_printf (_("Exporting %s…"), job->file);
  start_job (self, job, label);
}

/* Writes the annual review of the PCN coded @code, for the year on show,
 * to @file in a thread, like the appendix. */
void
pw_window_export_review_file (PwWindow   *self,
                              const char *code,
                              GFile      *file)
{
  Job *job = g_new0 (Job, 1);
  g_autofree char *label = NULL;

  g_return_if_fail (PW_IS_WINDOW (self) && self->store != NULL && self->task_cancellable == NULL);

  job->is_export = TRUE;
  job->review_pcn = g_strdup (code);
  job->options.year = pw_window_get_year (self);
  job->file = xlsx_path (file);
  label = g_strdup_printf (_("Exporting %s…"), job->file);
  start_job (self, job, label);
}

static void
review_chosen (PwWindow *self,
               GFile    *file)
{
  g_autofree char *code = g_object_steal_data (G_OBJECT (self), "pw-review-pcn");

  if (code != NULL && self->store != NULL && self->task_cancellable == NULL)
    pw_window_export_review_file (self, code, file);
}

/* Export Annual Review…: the selected PCN's review for the year on show. */
static void
export_review (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  PwPcn *pcn = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  g_autofree char *year = NULL;
  g_autofree char *suggested = NULL;

  if (self->store == NULL)
    return;
  if (pcn == NULL)
    {
      pw_toast_show (widget, _("Choose a PCN first: the review is of one PCN"));
      return;
    }
  g_object_set_data_full (G_OBJECT (self), "pw-review-pcn", g_strdup (pw_pcn_get_text (pcn, PW_PCN_CODE)), g_free);
  year = pw_format_year (pw_window_get_year (self));
  g_strdelimit (year, "/", '-');
  suggested = g_strdup_printf (_("Annual review %s %s.xlsx"), pw_pcn_get_text (pcn, PW_PCN_CODE), year);
  choose_file (self, _("Export Annual Review"), GTK_FILE_CHOOSER_ACTION_SAVE, "*.xlsx",
               _("Excel workbooks"), suggested, review_chosen);
}

static void
export_chosen (PwWindow *self,
               GFile    *file)
{
  g_autofree PwExportOptions *options = g_object_steal_data (G_OBJECT (self), "pw-export-options");

  if (options != NULL)
    pw_window_export_file (self, options, file);
}

static void
export_options_free (gpointer data)
{
  pw_export_options_clear (data);
  g_free (data);
}

static void
on_export_dialog_response_cb (PwExportDialog *dialog,
                              const char     *response,
                              PwWindow       *self)
{
  PwExportOptions *options;
  g_autofree char *year = NULL;
  g_autofree char *suggested = NULL;

  if (g_strcmp0 (response, "export") != 0)
    return;
  options = g_new0 (PwExportOptions, 1);
  pw_export_dialog_get_options (dialog, options);
  g_object_set_data_full (G_OBJECT (self), "pw-export-options", options, export_options_free);
  year = pw_format_year (options->year);
  g_strdelimit (year, "/", '-');
  suggested = g_strdup_printf (_("PCN appendix %s.xlsx"), year);
  choose_file (self, _("Export Appendix"), GTK_FILE_CHOOSER_ACTION_SAVE, "*.xlsx",
               _("Excel workbooks"), suggested, export_chosen);
}

static void
export_appendix (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  PwExportDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = pw_export_dialog_new (GTK_WINDOW (self), self->settings, pw_window_get_year (self));
  pw_export_dialog_set_localities (dialog, pw_store_get_localities (self->store),
                                   g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "locality") == 0
                                   ? pw_locality_page_get_locality (self->locality_page) : 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_dialog_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_task (GtkWidget *widget, const char *action, GVariant *param)
{
  g_cancellable_cancel (PW_WINDOW (widget)->task_cancellable);
}

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
  gtk_widget_child_focus (pw_maturity_page_get_card (self->maturity_page, domain), GTK_DIR_TAB_FORWARD);
}

/* ------------------------------------------------------------------ */
/* The Locality page                                                   */

static void
show_locality_page (PwWindow *self,
                    gint64    locality_id)
{
  if (self->store == NULL || locality_id == 0)
    return;
  /* Leaving a PCN with a value it refused asks first, as any move does. */
  if (open_pcn (self) != NULL && !may_leave (self, LEAVE_FOR_PCN, NULL, NULL))
    return;
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  pw_locality_page_show (self->locality_page, self->store, locality_id, pw_window_get_year (self));
  adw_view_switcher_title_set_view_switcher_enabled (self->content_title, FALSE);
  adw_view_switcher_title_set_title (self->content_title, _("Locality"));
  gtk_stack_set_visible_child_name (self->content_stack, "locality");
}

/* win.show-locality (x): a locality's page; 0 for the selected PCN's
 * locality, or the first. */
static void
show_locality (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  PwPcn *pcn = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  gint64 id = g_variant_get_int64 (param);
  GListModel *localities = self->store ? pw_store_get_localities (self->store) : NULL;

  if (id == 0 && pcn != NULL)
    id = pw_pcn_get_number (pcn, PW_PCN_LOCALITY_ID);
  if (id == 0 && localities != NULL && g_list_model_get_n_items (localities) > 0)
    {
      g_autoptr(PwLocality) first = g_list_model_get_item (localities, 0);
      id = pw_locality_get_id (first);
    }
  show_locality_page (self, id);
}

/* A return waiting for review opens at its PCN's Maturity page. */
static void
on_review_pcn_cb (PwLocalityPage *page,
                  gint64          pcn_id,
                  PwWindow       *self)
{
  pw_window_select_pcn (self, pcn_id);
  adw_view_stack_set_visible_child_name (self->pcn_stack, "maturity");
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

/* The year menu says which years hold data ("2025/26 · 13 returns"); the
 * button shows the year alone. */
static void
bind_year_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PwWindow                 *self)
{
  const char *year = gtk_string_object_get_string (gtk_list_item_get_item (item));
  guint pos = gtk_list_item_get_position (item);
  guint n = self->year_returns != NULL && pos < self->year_returns->len ? g_array_index (self->year_returns, guint, pos) : 0;
  g_autofree char *text = n == 0 ? g_strdup_printf (_("%s · no returns"), year)
                                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u return", "%s · %u returns", n),
                                                    year, n);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
setup_year_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
count_year_returns (PwWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (self->year_dropdown));

  g_array_set_size (self->year_returns, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GListModel) returns = self->store ? pw_store_list_returns (self->store, FIRST_YEAR + (int) i, NULL) : NULL;
      g_array_index (self->year_returns, guint, i) = returns ? g_list_model_get_n_items (returns) : 0;
    }
  /* A new factory binds the rows again, with the new counts. */
  g_signal_connect (factory, "setup", G_CALLBACK (setup_year_cb), NULL);
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
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_WINDOW);
  title_pcn (self, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->task_cancellable);
  g_clear_pointer (&self->bound_items, g_ptr_array_unref);
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

  g_type_ensure (PW_TYPE_PROFILE_PAGE);
  g_type_ensure (PW_TYPE_MATURITY_PAGE);
  g_type_ensure (PW_TYPE_OVERVIEW_PAGE);
  g_type_ensure (PW_TYPE_SWOT_PAGE);
  g_type_ensure (PW_TYPE_PLAN_PAGE);
  g_type_ensure (PW_TYPE_WORKFORCE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, pcn_list);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, profile_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, pcn_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, maturity_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, swot_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, plan_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, workforce_page);
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
  gtk_widget_class_install_action (widget_class, "win.create-default", NULL, create_default);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo);
  gtk_widget_class_install_action (widget_class, "win.add-pcn", NULL, add_pcn);
  gtk_widget_class_install_action (widget_class, "win.add-locality", NULL, add_locality);
  gtk_widget_class_install_action (widget_class, "win.import-profiles", NULL, import_profiles);
  gtk_widget_class_install_action (widget_class, "win.export-appendix", NULL, export_appendix);
  gtk_widget_class_install_action (widget_class, "win.export-review", NULL, export_review);
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
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-database", NULL);
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
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  pw_undo_attach (GTK_WINDOW (self));
  g_signal_connect_swapped (self->settings, "changed::user-name", G_CALLBACK (apply_user_name), self);
  /* Toasts from the window itself, and from its dialogs, land here. */
  g_object_set_data (G_OBJECT (self), "pw-toast-overlay", self->toast_overlay);
  self->bound_items = g_ptr_array_new ();
  self->filter = gtk_custom_filter_new (pcn_matches, self, NULL);
  self->sorter = gtk_custom_sorter_new (pw_ui_compare_pcns, NULL, NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->pcn_list, factory);
  setup_years (self);
  g_signal_connect (self->overview_page, "open-pcn", G_CALLBACK (on_open_pcn_cb), self);
  self->locality_page = g_object_new (PW_TYPE_LOCALITY_PAGE, NULL);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->locality_page), "locality");
  g_signal_connect (self->locality_page, "open-pcn", G_CALLBACK (on_review_pcn_cb), self);
  self->tab = g_intern_string (adw_view_stack_get_visible_child_name (self->pcn_stack));
  g_signal_connect_swapped (self->pcn_stack, "notify::visible-child-name", G_CALLBACK (on_tab_switched_cb), self);
  g_signal_connect_swapped (self->content_title, "notify::title-visible", G_CALLBACK (update_switcher_bar), self);
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
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_cb), NULL);
}

PwWindow *
pw_window_new (GtkApplication *app)
{
  return g_object_new (PW_TYPE_WINDOW, "application", app, NULL);
}

/* pw-window-sidebar.c — the main window: the PCN list in the sidebar and
 * its search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-parse.h"
#include "pw-ui-util.h"
#include "pw-window-private.h"

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

/* A heading shows above the first PCN of each locality: any change to
 * the list may move them, so the rows are filled again (those on screen
 * at once). */
void
update_all_headings (PwWindow *self)
{
  pw_row_filler_refill (self->rows);
}

/* A locality's heading in the list opens its Locality page.  One gesture
 * on the list, before the rows see the press, finds the heading pressed:
 * rows are made again as a search changes the list, and a gesture each
 * made that slower. */
static void
on_list_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    PwWindow        *self)
{
  GtkWidget *w = gtk_widget_pick (GTK_WIDGET (self->pcn_list), x, y, GTK_PICK_DEFAULT);
  GtkListItem *item = NULL;
  PwPcn *pcn;

  for (; w != NULL && w != GTK_WIDGET (self->pcn_list) && item == NULL; w = gtk_widget_get_parent (w))
    item = g_object_get_data (G_OBJECT (w), "pw-heading-of");
  pcn = item ? gtk_list_item_get_item (item) : NULL;
  if (pcn == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (pw_pcn_get_number (pcn, PW_PCN_LOCALITY_ID) != 0)
    show_locality_page (self, pw_pcn_get_number (pcn, PW_PCN_LOCALITY_ID));
}

/* Kept cheap, for the same reason: one cursor for all, and the tooltip
 * set while the heading is hidden (pw_ui_heading_new; bind shows it),
 * since setting one on a visible widget asks the X server where the
 * pointer is. */
static void
add_locality_click (PwWindow    *self,
                    GtkWidget   *heading,
                    GtkListItem *item)
{
  static GdkCursor *pointer;

  if (pointer == NULL)
    pointer = gdk_cursor_new_from_name ("pointer", NULL);
  gtk_widget_set_tooltip_text (heading, _("Open the locality: its board, actions, risks and PCNs (Ctrl+L)"));
  gtk_widget_set_cursor (heading, pointer);
  g_object_set_data (G_OBJECT (heading), "pw-heading-of", item);
}

static gboolean
free_dropped_rows_cb (gpointer data)
{
  PwWindow *self = data;

  self->drop_id = 0;
  g_ptr_array_set_size (self->dropped_rows, 0);
  return G_SOURCE_REMOVE;
}

/* GTK 4.8 makes a row again for each PCN a search brings into the list,
 * and frees the rows of the PCNs it takes out, at once: freeing them was
 * a fifth of a keystroke's time.  The list holds a reference on each
 * row's widgets (setup_row_cb), let go of after the frame. */
static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PwWindow                 *self)
{
  GtkWidget *box = g_object_steal_data (G_OBJECT (item), "pw-row");

  if (self->dropped_rows == NULL)  /* the window is going */
    {
      g_object_unref (box);
      return;
    }
  g_ptr_array_add (self->dropped_rows, box);
  if (self->drop_id == 0)
    self->drop_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, free_dropped_rows_cb, self, NULL);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PwWindow                 *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = pw_ui_heading_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

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
  g_object_set_data (G_OBJECT (item), "pw-row", g_object_ref (box));
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
fill_row (GtkListItem *item,
          gpointer     data)
{
  update_row_text (item);
  update_heading (data, item);
}

/* A row is filled once a layout has placed it on screen, or after the
 * frame when it is off screen (pw-row-filler.c): the list keeps about 200
 * rows bound, and each one filled is measured again at the next layout. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PwWindow                 *self)
{
  g_signal_connect_swapped (gtk_list_item_get_item (item), "notify", G_CALLBACK (update_row_text), item);
  pw_row_filler_bind (self->rows, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PwWindow                 *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), update_row_text, item);
  if (self->rows != NULL)      /* NULL once the window is disposed */
    pw_row_filler_unbind (self->rows, item);
}

void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     PwWindow   *self)
{
  guint n = g_list_model_get_n_items (model);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u PCN", "%u PCNs", n), n);

  /* No row is filled again here: GTK 4.8 binds again every row from the
   * first one changed on, and a row bound is filled once a layout places
   * it (pw-row-filler.c), its heading with it.  Filling every bound row
   * measured all those on screen again at each keystroke. */
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
  show_stack_page (self, self->sidebar_stack, n > 0 || self->query == NULL || !*self->query ? "list" : "none");
}

/* Searching narrows the list but never closes the PCN being edited: the
 * page stays on it while the list no longer shows it, and its row is
 * selected again when it comes back into the list. */
static void
apply_search (PwWindow *self)
{
  PwPcn *open = self->titled ? g_object_ref (self->titled) : NULL;
  g_autofree char *was = g_steal_pointer (&self->query);
  GtkFilterChange change;

  g_clear_handle_id (&self->search_id, g_source_remove);
  self->query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  /* A longer query matches a subset: only the PCNs shown are tested again
   * (and a shorter one, only those hidden). */
  if (was != NULL && strstr (self->query, was) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (was != NULL && strstr (was, self->query) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  if (g_strcmp0 (was, self->query) == 0)
    {
      g_clear_object (&open);
      return;                    /* the entry's own signal, after ours */
    }
  show_all_rows (self);
  self->filtering = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  if (open != NULL && self->selection != NULL &&
      gtk_single_selection_get_selected_item (self->selection) == NULL)
    pw_window_select_pcn (self, pw_pcn_get_id (open));
  self->filtering = FALSE;
  g_clear_object (&open);
}

static gboolean
apply_search_cb (gpointer data)
{
  PwWindow *self = data;

  self->search_id = 0;
  apply_search (self);
  return G_SOURCE_REMOVE;
}

/* Replacing the entry's text empties it first, and the entry reports an
 * empty text at once: the list then showed every PCN, to narrow it again
 * a moment later.  The list follows the entry once the change is over,
 * still before the next frame (an idle at a higher priority than GTK's
 * layout and paint). */
void
on_search_changed_cb (PwWindow *self)
{
  if (self->search_id == 0)
    self->search_id = g_idle_add_full (G_PRIORITY_HIGH, apply_search_cb, self, NULL);
}

/* Enter in the search field opens the first match, and leaves focus in the
 * list on its row: never in a field, where the next key would change it. */
void
on_search_activate_cb (PwWindow *self)
{
  if (self->search_id != 0)
    apply_search (self);       /* Enter right after a change: its matches */
  if (self->selection == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_activate_action (GTK_WIDGET (self->pcn_list), "list.scroll-to-item", "u", 0);
  gtk_widget_grab_focus (adw_leaflet_get_folded (self->leaflet) ? self->back_button : GTK_WIDGET (self->pcn_list));
}

void
on_search_stop_cb (PwWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* The list's rows, its filter and the press on a locality's heading. */
void
pw_window_sidebar_init (PwWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->filter = gtk_custom_filter_new (pcn_matches, self, NULL);
  self->dropped_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
  gtk_list_view_set_factory (self->pcn_list, factory);
  self->rows = pw_row_filler_new (self->pcn_list, fill_row, self);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_list_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->pcn_list), GTK_EVENT_CONTROLLER (click));
}

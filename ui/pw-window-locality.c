/* pw-window-locality.c — the main window: the Locality page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-ui-util.h"
#include "pw-window-private.h"

/* ------------------------------------------------------------------ */
/* The Locality page                                                   */

void
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
  pw_locality_page_show (PW_LOCALITY_PAGE (pw_window_get_page (self, "locality")), self->store, locality_id, pw_window_get_year (self));
  adw_view_switcher_title_set_view_switcher_enabled (self->content_title, FALSE);
  adw_view_switcher_title_set_title (self->content_title, _("Locality"));
  gtk_stack_set_visible_child_name (self->content_stack, "locality");
  /* on a narrow (folded) window the page takes the place of the list */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* win.show-locality (x): a locality's page; 0 for the selected PCN's
 * locality, or the first. */
void
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
void
on_review_pcn_cb (PwLocalityPage *page,
                  gint64          pcn_id,
                  PwWindow       *self)
{
  pw_window_select_pcn (self, pcn_id);
  adw_view_stack_set_visible_child_name (self->pcn_stack, "maturity");
}

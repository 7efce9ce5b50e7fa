/* pw-swot-page.c — a return's key achievements and SWOT analysis
 *
 * The four quadrants in the familiar 2 × 2 grid, under the year's
 * achievements; every list is a PwItemEditor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-item-editor.h"
#include "pw-return-bar.h"
#include "pw-swot-page.h"
#include "pw-ui-util.h"

struct _PwSwotPage
{
  GtkWidget parent_instance;

  GtkWidget *editors[PW_N_LISTS];

  GtkScrolledWindow *scroller;
  PwReturnBar *return_bar;
  GtkBox *achievements_box;
  GtkGrid *grid;
};

G_DEFINE_FINAL_TYPE (PwSwotPage, pw_swot_page, GTK_TYPE_WIDGET)

static void
pw_swot_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PW_TYPE_SWOT_PAGE);
  G_OBJECT_CLASS (pw_swot_page_parent_class)->dispose (object);
}

static void
pw_swot_page_class_init (PwSwotPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_swot_page_dispose;
  g_type_ensure (PW_TYPE_RETURN_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-swot-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwSwotPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PwSwotPage, return_bar);
  gtk_widget_class_bind_template_child (widget_class, PwSwotPage, achievements_box);
  gtk_widget_class_bind_template_child (widget_class, PwSwotPage, grid);
}

static void
pw_swot_page_init (PwSwotPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (PwItemList list = 0; list < PW_N_LISTS; list++)
    {
      self->editors[list] = pw_item_editor_new (list);
      if (list == PW_LIST_ACHIEVEMENTS)
        gtk_box_append (self->achievements_box, self->editors[list]);
      else
        gtk_grid_attach (self->grid, self->editors[list], list % 2, list / 2, 1, 1);
    }
}

void
pw_swot_page_show (PwSwotPage *self,
                   PwStore    *store,
                   PwPcn      *pcn,
                   int         year)
{
  g_return_if_fail (PW_IS_SWOT_PAGE (self));

  if (store == NULL || pcn == NULL)
    return;
  pw_return_bar_show (self->return_bar, store, pcn, year);
  for (PwItemList list = 0; list < PW_N_LISTS; list++)
    pw_item_editor_show (PW_ITEM_EDITOR (self->editors[list]), store, pcn, year);
}

/* Returns: (transfer none): the editor of @list, for tests and focus */
GtkWidget *
pw_swot_page_get_editor (PwSwotPage *self,
                         PwItemList  list)
{
  g_return_val_if_fail (PW_IS_SWOT_PAGE (self) && list < PW_N_LISTS, NULL);
  return self->editors[list];
}

/* pw-merge-dialog.c — choose the PCN that another is merged into
 *
 * The list offers every other PCN, searchable by name, code or locality;
 * Merge is enabled once one is chosen.  The merge itself, and its undo, are
 * the caller's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-merge-dialog.h"
#include "pw-ui-util.h"

struct _PwMergeDialog
{
  AdwMessageDialog parent_instance;

  PwPcn *from;                 /* owned */
  char *query;                 /* casefolded search text */
  GtkCustomFilter *filter;     /* owned */
  GtkSingleSelection *selection; /* owned */

  GtkSearchEntry *search_entry;
  GtkListView *pcn_list;
};

G_DEFINE_FINAL_TYPE (PwMergeDialog, pw_merge_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
offered (gpointer item,
         gpointer data)
{
  PwMergeDialog *self = data;

  return pw_pcn_get_id (item) != pw_pcn_get_id (self->from) && pw_ui_pcn_matches (item, self->query);
}

static void
on_search_changed_cb (PwMergeDialog *self)
{
  pw_merge_dialog_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_selected_cb (PwMergeDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "merge",
                                           pw_merge_dialog_get_into (self) != NULL);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  PwPcn *pcn = gtk_list_item_get_item (item);
  const char *locality = pw_pcn_get_text (pcn, PW_PCN_LOCALITY);
  g_autofree char *text = g_strdup_printf ("%s · %s%s%s", pw_pcn_get_text (pcn, PW_PCN_NAME),
                                           pw_pcn_get_text (pcn, PW_PCN_CODE), *locality ? " · " : "", locality);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
pw_merge_dialog_dispose (GObject *object)
{
  PwMergeDialog *self = PW_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_MERGE_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->from);
  g_clear_pointer (&self->query, g_free);
  G_OBJECT_CLASS (pw_merge_dialog_parent_class)->dispose (object);
}

static void
pw_merge_dialog_class_init (PwMergeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_merge_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwMergeDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwMergeDialog, pcn_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
}

static void
pw_merge_dialog_init (PwMergeDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (offered, self, NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->pcn_list, factory);
}

/**
 * pw_merge_dialog_new:
 * Offers every PCN of @store but @from, in the order of the PCN list.
 */
PwMergeDialog *
pw_merge_dialog_new (GtkWindow *parent,
                     PwStore   *store,
                     PwPcn     *from)
{
  PwMergeDialog *self = g_object_new (PW_TYPE_MERGE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  g_autofree char *body = g_strdup_printf (_("Choose the PCN to keep. The practices, returns and funding of %s "
                                             "(%s) move to it, every move is recorded in the change log, and %s "
                                             "is then removed."),
                                           pw_pcn_get_text (from, PW_PCN_NAME), pw_pcn_get_text (from, PW_PCN_CODE),
                                           pw_pcn_get_text (from, PW_PCN_CODE));
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;

  self->from = g_object_ref (from);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  sorted = gtk_sort_list_model_new (g_object_ref (pw_store_get_pcns (store)),
                                    GTK_SORTER (gtk_custom_sorter_new (pw_ui_compare_pcns, NULL, NULL)));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selected_cb), self);
  gtk_list_view_set_model (self->pcn_list, GTK_SELECTION_MODEL (self->selection));
  return self;
}

/* Narrows the list to PCNs matching @text; one match is chosen at once. */
void
pw_merge_dialog_search (PwMergeDialog *self,
                        const char    *text)
{
  g_return_if_fail (PW_IS_MERGE_DIALOG (self));

  g_free (self->query);
  self->query = g_utf8_casefold (text ? text : "", -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 1)
    gtk_single_selection_set_selected (self->selection, 0);
}

/* Returns: (transfer none) (nullable): the PCN chosen to keep */
PwPcn *
pw_merge_dialog_get_into (PwMergeDialog *self)
{
  g_return_val_if_fail (PW_IS_MERGE_DIALOG (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

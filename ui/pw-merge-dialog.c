/* pw-merge-dialog.c — choose another PCN: to merge one into, or to move a
 * practice to; or another locality, to merge one into
 *
 * The list offers every other PCN, under its locality's heading, searchable
 * by name, code or locality (a national workbook holds 1,250), or every
 * other locality, searchable by name; the action ("merge", whatever its
 * label) is enabled once one is chosen.  The merge or move itself, and its
 * undo, are the caller's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pw-merge-dialog.h"
#include "pw-ui-util.h"

struct _PwMergeDialog
{
  AdwMessageDialog parent_instance;

  gint64 from_id;              /* the PCN or locality not offered */
  char *query;                 /* casefolded search text */
  GListModel *sorted;          /* owned: the store's PCNs in list order, or its localities */
  GListStore *shown;           /* owned: locality headings (GtkStringObject) and PCNs, or localities */
  GtkSingleSelection *selection; /* owned */

  GtkSearchEntry *search_entry;
  GtkListView *pcn_list;
};

G_DEFINE_FINAL_TYPE (PwMergeDialog, pw_merge_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
locality_matches (PwLocality *locality,
                  const char *query)
{
  g_autofree char *folded = g_utf8_casefold (pw_locality_get_name (locality), -1);

  return query == NULL || strstr (folded, query) != NULL;
}

static gboolean
offered (PwMergeDialog *self,
         GObject       *item)
{
  if (PW_IS_LOCALITY (item))
    return pw_locality_get_id (PW_LOCALITY (item)) != self->from_id &&
           locality_matches (PW_LOCALITY (item), self->query);
  return pw_pcn_get_id (PW_PCN (item)) != self->from_id && pw_ui_pcn_matches (PW_PCN (item), self->query);
}

/* The PCNs offered, each locality's under its heading (or the localities);
 * a single match is chosen at once.  Rebuilt whole at each search: one
 * pass, no per-row work. */
static void
refill (PwMergeDialog *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *locality = NULL;
  guint matches = 0;

  for (guint i = 0; i < g_list_model_get_n_items (self->sorted); i++)
    {
      GObject *item = g_list_model_get_item (self->sorted, i);
      const char *here = PW_IS_PCN (item) ? pw_pcn_get_text (PW_PCN (item), PW_PCN_LOCALITY) : NULL;

      if (!offered (self, item))
        {
          g_object_unref (item);
          continue;
        }
      if (here != NULL && (locality == NULL || strcmp (here, locality) != 0))
        g_ptr_array_add (items, gtk_string_object_new (*here ? here : _("No locality")));
      locality = here;
      g_ptr_array_add (items, item);
      matches++;
    }
  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, matches == 1 ? items->len - 1 : GTK_INVALID_LIST_POSITION);
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
                                           pw_merge_dialog_get_into_id (self) != 0);
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

/* A heading is a row that cannot be chosen, styled as one. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GObject *shown = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  gboolean heading = GTK_IS_STRING_OBJECT (shown);
  g_autofree char *text = NULL;

  if (heading)
    text = g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (shown)));
  else if (PW_IS_LOCALITY (shown))
    text = g_strdup (pw_locality_get_name (PW_LOCALITY (shown)));
  else
    text = g_strdup_printf ("%s · %s", pw_pcn_get_text (PW_PCN (shown), PW_PCN_NAME),
                            pw_pcn_get_text (PW_PCN (shown), PW_PCN_CODE));
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_list_item_set_selectable (item, !heading);
  gtk_list_item_set_activatable (item, !heading);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static void
pw_merge_dialog_dispose (GObject *object)
{
  PwMergeDialog *self = PW_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_MERGE_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->sorted);
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
  self->shown = g_list_store_new (G_TYPE_OBJECT);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->pcn_list, factory);
}

/* Offers the items of @sorted (taken) but the one @from_id. */
static PwMergeDialog *
chooser_new (GtkWindow  *parent,
             GListModel *sorted,
             gint64      from_id)
{
  PwMergeDialog *self = g_object_new (PW_TYPE_MERGE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);

  self->from_id = from_id;
  self->sorted = sorted;
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selected_cb), self);
  gtk_list_view_set_model (self->pcn_list, GTK_SELECTION_MODEL (self->selection));
  refill (self);
  return self;
}

static PwMergeDialog *
pcn_chooser_new (GtkWindow *parent,
                 PwStore   *store,
                 PwPcn     *from)
{
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (pw_ui_compare_pcns, NULL, NULL));

  return chooser_new (parent, G_LIST_MODEL (gtk_sort_list_model_new (g_object_ref (pw_store_get_pcns (store)), sorter)),
                      pw_pcn_get_id (from));
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
  PwMergeDialog *self = pcn_chooser_new (parent, store, from);
  g_autofree char *body = g_strdup_printf (_("Choose the PCN to keep. The practices, returns and funding of %s "
                                             "(%s) move to it, every move is recorded in the change log, and %s "
                                             "is then removed."),
                                           pw_pcn_get_text (from, PW_PCN_NAME), pw_pcn_get_text (from, PW_PCN_CODE),
                                           pw_pcn_get_text (from, PW_PCN_CODE));

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return self;
}

/**
 * pw_merge_dialog_new_move:
 * The same list, to choose where the practice @name (now in @from) moves;
 * its "merge" response reads Move.
 */
PwMergeDialog *
pw_merge_dialog_new_move (GtkWindow  *parent,
                          PwStore    *store,
                          PwPcn      *from,
                          const char *name)
{
  PwMergeDialog *self = pcn_chooser_new (parent, store, from);
  g_autofree char *body = g_strdup_printf (_("Choose the PCN that %s moves to from %s. The move is recorded, "
                                             "and can be undone."), name, pw_pcn_get_text (from, PW_PCN_NAME));

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Move Practice"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "merge", _("_Move"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "merge", ADW_RESPONSE_SUGGESTED);
  return self;
}

/**
 * pw_merge_dialog_new_locality:
 * Offers every locality of @store but @from, by name, to merge @from (with
 * its @n_pcns PCNs) into.
 */
PwMergeDialog *
pw_merge_dialog_new_locality (GtkWindow  *parent,
                              PwStore    *store,
                              PwLocality *from,
                              guint       n_pcns)
{
  PwMergeDialog *self = chooser_new (parent, g_object_ref (pw_store_get_localities (store)), pw_locality_get_id (from));
  const char *name = pw_locality_get_name (from);
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Choose the locality to keep. The %u PCN of %s moves to it, "
                                                        "the move is recorded in the change log, and %s is then removed.",
                                                        "Choose the locality to keep. The %u PCNs of %s move to it, "
                                                        "every move is recorded in the change log, and %s is then removed.",
                                                        n_pcns),
                                           n_pcns, name, name);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Merge Into Another Locality"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  g_object_set (self->search_entry, "placeholder-text", _("Search localities by name"), NULL);  /* no setter in 4.8 */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pcn_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The locality to keep"), -1);
  return self;
}

/* Narrows the list to PCNs (or localities) matching @text; one match is
 * chosen at once. */
void
pw_merge_dialog_search (PwMergeDialog *self,
                        const char    *text)
{
  g_return_if_fail (PW_IS_MERGE_DIALOG (self));

  g_free (self->query);
  self->query = g_utf8_casefold (text ? text : "", -1);
  refill (self);
}

/* Returns: (transfer none) (nullable): the PCN chosen to keep */
PwPcn *
pw_merge_dialog_get_into (PwMergeDialog *self)
{
  GObject *chosen;

  g_return_val_if_fail (PW_IS_MERGE_DIALOG (self), NULL);
  chosen = gtk_single_selection_get_selected_item (self->selection);
  return PW_IS_PCN (chosen) ? PW_PCN (chosen) : NULL;
}

/* Returns: the id of the PCN or locality chosen to keep, or 0 */
gint64
pw_merge_dialog_get_into_id (PwMergeDialog *self)
{
  GObject *chosen;

  g_return_val_if_fail (PW_IS_MERGE_DIALOG (self), 0);
  chosen = gtk_single_selection_get_selected_item (self->selection);
  if (PW_IS_LOCALITY (chosen))
    return pw_locality_get_id (PW_LOCALITY (chosen));
  return PW_IS_PCN (chosen) ? pw_pcn_get_id (PW_PCN (chosen)) : 0;
}

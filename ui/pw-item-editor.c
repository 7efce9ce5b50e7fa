/* pw-item-editor.c — one ordered list of a return: a SWOT quadrant or the
 * key achievements
 *
 * Type in the field at the bottom and press Enter to add; edit an item in
 * place (saved as you type; it wraps to as many lines as it needs); Alt+Up and Alt+Down, or dragging, reorder;
 * the remove button deletes, with Undo.  The first item added starts the
 * year's return as a draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-item-editor.h"
#include "pw-ui-util.h"
#include "pw-wrap-entry.h"

struct _PwItemEditor
{
  GtkWidget parent_instance;

  PwItemList kind;
  PwStore *store;              /* owned */
  PwPcn *pcn;                  /* owned */
  int year;
  gint64 return_id;            /* 0 until there is a return */
  gint64 focus_after;          /* the item to focus once the rows are rebuilt */

  GtkWidget *box;
  GtkLabel *title_label;
  GtkListBox *list;
  GtkEntry *add_entry;
};

G_DEFINE_FINAL_TYPE (PwItemEditor, pw_item_editor, GTK_TYPE_WIDGET)

static gint64
row_item (GtkWidget *row)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "pw-item"));
}

static GtkWidget *
row_entry (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "pw-entry");
}

static void
report (PwItemEditor *self,
        GError       *error)
{
  if (error != NULL)
    pw_toast_show (GTK_WIDGET (self), error->message);
}

/* ------------------------------------------------------------------ */
/* Editing                                                             */

/* An item's text, kept until the workbook takes it. */
typedef struct
{
  gint64 id;
  char *text;
} ItemSave;

static void
item_save_free (gpointer data)
{
  ItemSave *save = data;

  g_free (save->text);
  g_free (save);
}

static gboolean
write_item (PwStore  *store,
            gpointer  data,
            GError  **error)
{
  ItemSave *save = data;

  return pw_store_set_item_text (store, save->id, save->text, error);
}

static gboolean
save_text_cb (gpointer data)
{
  GtkWidget *entry = data;
  PwItemEditor *self = PW_ITEM_EDITOR (gtk_widget_get_ancestor (entry, PW_TYPE_ITEM_EDITOR));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *key = NULL;
  ItemSave *save;

  g_object_set_data (G_OBJECT (entry), "pw-save", NULL);
  if (self == NULL || self->store == NULL || *text == '\0')
    return G_SOURCE_REMOVE;      /* an emptied item is kept until removed */
  save = g_new0 (ItemSave, 1);
  save->id = row_item (gtk_widget_get_ancestor (entry, GTK_TYPE_LIST_BOX_ROW));
  save->text = g_steal_pointer (&text);
  key = g_strdup_printf ("item/%" G_GINT64_FORMAT, save->id);
  pw_ui_save (entry, self->store, key, write_item, save, item_save_free);
  return G_SOURCE_REMOVE;
}

/* Saved from idle: replacing text reports "changed" with the field empty first. */
static void
on_item_changed_cb (GtkEditable *entry)
{
  if (g_object_get_data (G_OBJECT (entry), "pw-save") == NULL)
    g_object_set_data_full (G_OBJECT (entry), "pw-save",
                            GUINT_TO_POINTER (g_idle_add_full (PW_SAVE_PRIORITY, save_text_cb,
                                                               g_object_ref (entry), g_object_unref)),
                            NULL);
}

/* Saves every edit still waiting for idle: before anything rebuilds the
 * rows, or the edit would go with its field. */
static void
flush_saves (PwItemEditor *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      GtkWidget *entry = row_entry (GTK_WIDGET (row));
      guint id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "pw-save"));

      if (id == 0)
        continue;
      g_object_ref (entry);
      g_source_remove (id);
      save_text_cb (entry);
      g_object_unref (entry);
    }
}

static gboolean
ensure_return (PwItemEditor  *self,
               GError       **error)
{
  return self->return_id != 0 ||
         pw_store_ensure_return (self->store, pw_pcn_get_id (self->pcn), self->year, &self->return_id, error);
}

static void
on_add_activate_cb (PwItemEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_entry))));
  g_autoptr(GError) error = NULL;

  if (*text == '\0' || self->pcn == NULL)
    return;
  flush_saves (self);
  if (!ensure_return (self, &error) ||
      !pw_store_add_item (self->store, self->return_id, self->kind, -1, text, NULL, &error))
    {
      report (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->add_entry), "");   /* ready for the next one */
}

/* The item's text as stored: an item emptied in its field still holds it. */
static char *
stored_text (PwItemEditor *self,
             gint64        item_id)
{
  g_autoptr(GListModel) items = pw_store_list_items (self->store, self->return_id, self->kind, NULL);

  for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PwItem) item = g_list_model_get_item (items, i);

      if (pw_row_get_int (PW_ROW (item), PW_ITEM_ID) == item_id)
        return g_strdup (pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT));
    }
  return NULL;
}

typedef struct
{
  PwStore *store;
  gint64 return_id;
  PwItemList kind;
  int position;
  char *text;
} Removed;

static void
removed_free (gpointer data)
{
  Removed *r = data;

  g_object_unref (r->store);
  g_free (r->text);
  g_free (r);
}

static void
undo_remove (gpointer data)
{
  Removed *r = data;

  if (r->text != NULL)           /* an emptied item comes back as it was stored */
    pw_store_add_item (r->store, r->return_id, r->kind, r->position, r->text, NULL, NULL);
}

static void
remove_row (PwItemEditor *self,
            GtkWidget    *row)
{
  g_autoptr(GError) error = NULL;
  Removed *r = g_new0 (Removed, 1);
  g_autofree char *title = NULL;

  flush_saves (self);
  r->store = g_object_ref (self->store);
  r->return_id = self->return_id;
  r->kind = self->kind;
  r->position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  r->text = stored_text (self, row_item (row));
  if (!pw_store_delete_item (self->store, row_item (row), &error))
    {
      removed_free (r);
      report (self, error);
      return;
    }
  title = g_strdup_printf (_("Removed from %s"), pw_list_name (self->kind));
  pw_toast_with_undo (GTK_WIDGET (self), title, undo_remove, r, removed_free);
}

static void
on_remove_clicked_cb (GtkButton *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  remove_row (PW_ITEM_EDITOR (gtk_widget_get_ancestor (row, PW_TYPE_ITEM_EDITOR)), row);
}

static void
move_row (PwItemEditor *self,
          GtkWidget    *row,
          int           position)
{
  g_autoptr(GError) error = NULL;

  flush_saves (self);
  self->focus_after = row_item (row);
  if (!pw_store_move_item (self->store, row_item (row), position, &error))
    report (self, error);
}

/* Alt+Up, Alt+Down: move the item; Ctrl+Delete: remove it. */
static gboolean
on_item_key_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWidget             *row)
{
  PwItemEditor *self = PW_ITEM_EDITOR (gtk_widget_get_ancestor (row, PW_TYPE_ITEM_EDITOR));
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if ((state & GDK_ALT_MASK) && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
    {
      move_row (self, row, index + (keyval == GDK_KEY_Up ? -1 : 1));
      return TRUE;
    }
  if ((state & GDK_CONTROL_MASK) && keyval == GDK_KEY_Delete)
    {
      remove_row (self, row);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Dragging                                                            */

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *row)
{
  return gdk_content_provider_new_typed (G_TYPE_INT64, row_item (row));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            GtkWidget     *row)
{
  PwItemEditor *self = PW_ITEM_EDITOR (gtk_widget_get_ancestor (row, PW_TYPE_ITEM_EDITOR));
  g_autoptr(GError) error = NULL;
  gint64 dragged = g_value_get_int64 (value);

  if (dragged == row_item (row))
    return FALSE;
  flush_saves (self);
  self->focus_after = dragged;
  if (!pw_store_move_item (self->store, dragged, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), &error))
    {
      report (self, error);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */

static GtkWidget *
item_row (PwItemEditor *self,
          PwItem       *item)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *entry = pw_wrap_entry_new ();    /* a real sentence shows in full */
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_autofree char *a11y = g_strdup_printf (_("%s, item %d"), pw_list_name (self->kind),
                                           (int) pw_row_get_int (PW_ROW (item), PW_ITEM_POSITION) + 1);

  g_object_set_data (G_OBJECT (row), "pw-item", GSIZE_TO_POINTER (pw_row_get_int (PW_ROW (item), PW_ITEM_ID)));
  g_object_set_data (G_OBJECT (row), "pw-entry", entry);
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to Reorder (or Alt+Up, Alt+Down)"));
  gtk_editable_set_text (GTK_EDITABLE (entry), pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT));
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_valign (handle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_signal_connect (entry, "changed", G_CALLBACK (on_item_changed_cb), NULL);
  gtk_widget_set_tooltip_text (remove, _("Remove (Ctrl+Delete)"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), NULL);
  /* Before the text field's own bindings, which would take Ctrl+Delete to
   * delete a word and Alt+arrows to move the cursor. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_item_key_cb), row);
  gtk_widget_add_controller (entry, keys);
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), row);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
  gtk_box_append (GTK_BOX (box), handle);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remove);
  g_object_set (box, "margin-start", 8, "margin-end", 4, "margin-top", 2, "margin-bottom", 2, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
rebuild (PwItemEditor *self)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(PwReturn) ret = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *focus = NULL;
  gboolean open;

  flush_saves (self);
  pw_list_box_clear (self->list);
  ret = pw_store_get_return (self->store, pw_pcn_get_id (self->pcn), self->year, &error);
  self->return_id = ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_ID) : 0;
  open = ret == NULL || pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) == PW_STATUS_DRAFT;
  items = self->return_id ? pw_store_list_items (self->store, self->return_id, self->kind, &error) : NULL;
  for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PwItem) item = g_list_model_get_item (items, i);
      GtkWidget *row = item_row (self, item);

      gtk_list_box_append (self->list, row);
      if (row_item (row) == self->focus_after)
        focus = row_entry (row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), items && g_list_model_get_n_items (items) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->box), open);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  self->focus_after = 0;
  report (self, error);
}

/* Text edits arrive as "item" changes too; rebuilding then would destroy
 * the field being typed in, so only other changes rebuild. */
static void
on_store_changed_cb (PwStore      *store,
                     const char   *table,
                     gint64        id,
                     PwItemEditor *self)
{
  /* Not for our own saves (the rows are already right), nor over edits
   * still waiting to be saved. */
  if (table == NULL && pw_ui_is_editing (GTK_WIDGET (self->list)))
    return;     /* someone else's change: not under the item being typed */
  if (self->pcn != NULL && !pw_save_queue_is_busy (pw_save_queue_for_store (store)) &&
      (table == NULL || g_strcmp0 (table, "item") == 0 || g_strcmp0 (table, "return") == 0))
    rebuild (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
pw_item_editor_dispose (GObject *object)
{
  PwItemEditor *self = PW_ITEM_EDITOR (object);

  pw_ui_follow_store (self, &self->store, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_ITEM_EDITOR);
  g_clear_object (&self->pcn);
  G_OBJECT_CLASS (pw_item_editor_parent_class)->dispose (object);
}

static void
pw_item_editor_class_init (PwItemEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_item_editor_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PwItemEditor, box);
  gtk_widget_class_bind_template_child (widget_class, PwItemEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, PwItemEditor, list);
  gtk_widget_class_bind_template_child (widget_class, PwItemEditor, add_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activate_cb);
}

static void
pw_item_editor_init (PwItemEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pw_item_editor_new (PwItemList list)
{
  PwItemEditor *self = g_object_new (PW_TYPE_ITEM_EDITOR, NULL);
  static const char *placeholders[PW_N_LISTS] = {
    N_("Add a strength, then press Enter"), N_("Add a weakness, then press Enter"),
    N_("Add an opportunity, then press Enter"), N_("Add a threat, then press Enter"),
    N_("Add an achievement, then press Enter"),
  };

  self->kind = list;
  gtk_label_set_label (self->title_label, pw_list_name (list));
  gtk_entry_set_placeholder_text (self->add_entry, _(placeholders[list]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(placeholders[list]), -1);
  return GTK_WIDGET (self);
}

void
pw_item_editor_show (PwItemEditor *self,
                     PwStore      *store,
                     PwPcn        *pcn,
                     int           year)
{
  g_return_if_fail (PW_IS_ITEM_EDITOR (self));

  pw_ui_follow_store (self, &self->store, store, G_CALLBACK (on_store_changed_cb));
  g_set_object (&self->pcn, pcn);
  self->year = year;
  if (store != NULL && pcn != NULL)
    rebuild (self);
}

/* pw-board-priority-row.c — one of a board's priorities for the year
 *
 * Its theme and text, saved as typed (Ctrl+Z puts an edit back, as on the
 * other pages), and its RAG status, saved when chosen; folded, the row
 * reads theme, text and status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-board-dialogs.h"
#include "pw-board-priority-row.h"
#include "pw-ui-util.h"

struct _PwBoardPriorityRow
{
  AdwExpanderRow parent_instance;

  PwStore *store;              /* owned */
  gint64 id;
  gboolean loading;

  AdwEntryRow *theme_row;
  AdwEntryRow *text_row;
  AdwComboRow *rag_row;
  GtkLabel *badge;
};

G_DEFINE_FINAL_TYPE (PwBoardPriorityRow, pw_board_priority_row, ADW_TYPE_EXPANDER_ROW)

typedef struct
{
  gint64 id;
  char *theme;
  char *text;
  int rag;
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *s = data;

  g_free (s->theme);
  g_free (s->text);
  g_free (s);
}

static gboolean
save_priority (PwStore  *store,
               gpointer  data,
               GError  **error)
{
  Snapshot *s = data;

  return pw_store_set_priority (store, s->id, s->theme, s->text, s->rag, error);
}

static int
chosen_rag (PwBoardPriorityRow *self)
{
  guint i = adw_combo_row_get_selected (self->rag_row);

  return i >= PW_N_RAGS ? -1 : (int) i;
}

static void
show_summary (PwBoardPriorityRow *self)
{
  const char *theme = gtk_editable_get_text (GTK_EDITABLE (self->theme_row));
  g_autofree char *title = g_markup_escape_text (*theme ? theme : _("Priority"), -1);
  g_autofree char *text = g_markup_escape_text (gtk_editable_get_text (GTK_EDITABLE (self->text_row)), -1);
  int rag = chosen_rag (self);
  static const char *classes[PW_N_RAGS] = { "error", "warning", "success" };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), text);
  gtk_label_set_label (self->badge, pw_board_rag_choice_name (rag < 0 ? PW_N_RAGS : rag));
  for (int i = 0; i < PW_N_RAGS; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge), classes[i]);
  gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), rag < 0 ? "dim-label" : classes[rag]);
}

/* Saved as typed, once the priority's text is not empty. */
static void
on_changed_cb (GtkWidget          *field,
               GParamSpec         *pspec,
               PwBoardPriorityRow *self)
{
  Snapshot *s;
  g_autofree char *key = NULL;

  if (self->loading)
    return;
  show_summary (self);
  if (!pw_entry_row_check (self->text_row, PW_FORM_NAME, NULL, NULL))
    return;
  s = g_new0 (Snapshot, 1);
  s->id = self->id;
  s->theme = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->theme_row)));
  s->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_row)));
  s->rag = chosen_rag (self);
  key = g_strdup_printf ("priority/%" G_GINT64_FORMAT, self->id);
  pw_ui_save (field, self->store, key, save_priority, s, snapshot_free);
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  if (!pw_ui_is_editing (GTK_WIDGET (row)) && !pw_ui_save_is_pending (GTK_WIDGET (row)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Shows @priority as stored, leaving alone a field being typed in. */
void
pw_board_priority_row_update (PwBoardPriorityRow *self,
                              PwBoardPriority    *priority)
{
  PwRow *r = PW_ROW (priority);
  int rag = pw_row_get_int (r, PW_BOARD_PRIORITY_RAG);

  g_return_if_fail (PW_IS_BOARD_PRIORITY_ROW (self));

  self->loading = TRUE;
  self->id = pw_row_get_int (r, PW_BOARD_PRIORITY_ID);
  set_text (self->theme_row, pw_row_get_string (r, PW_BOARD_PRIORITY_THEME));
  set_text (self->text_row, pw_row_get_string (r, PW_BOARD_PRIORITY_TEXT));
  adw_combo_row_set_selected (self->rag_row, rag < 0 ? PW_N_RAGS : (guint) rag);
  /* while the user types here, the summary already follows the typing */
  if (!pw_ui_is_editing (GTK_WIDGET (self)))
    show_summary (self);
  self->loading = FALSE;
}

gint64
pw_board_priority_row_get_id (PwBoardPriorityRow *self)
{
  g_return_val_if_fail (PW_IS_BOARD_PRIORITY_ROW (self), 0);
  return self->id;
}

GtkWidget *
pw_board_priority_row_new (PwStore         *store,
                           PwBoardPriority *priority)
{
  PwBoardPriorityRow *self = g_object_new (PW_TYPE_BOARD_PRIORITY_ROW, NULL);

  self->store = g_object_ref (store);
  pw_board_priority_row_update (self, priority);
  return GTK_WIDGET (self);
}

static void
pw_board_priority_row_dispose (GObject *object)
{
  g_clear_object (&PW_BOARD_PRIORITY_ROW (object)->store);
  G_OBJECT_CLASS (pw_board_priority_row_parent_class)->dispose (object);
}

static void
pw_board_priority_row_class_init (PwBoardPriorityRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pw_board_priority_row_dispose;
}

static AdwEntryRow *
add_entry (PwBoardPriorityRow *self,
           const char         *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  g_signal_connect (row, "notify::text", G_CALLBACK (on_changed_cb), self);
  return ADW_ENTRY_ROW (row);
}

static void
pw_board_priority_row_init (PwBoardPriorityRow *self)
{
  g_autoptr(GtkStringList) rags = gtk_string_list_new (NULL);

  for (int i = 0; i <= PW_N_RAGS; i++)
    gtk_string_list_append (rags, pw_board_rag_choice_name (i));
  self->theme_row = add_entry (self, _("_Theme"));
  self->text_row = add_entry (self, _("_Priority"));
  pw_entry_row_add_hint (self->text_row);
  self->rag_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rag_row), _("_RAG status"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->rag_row), TRUE);
  adw_combo_row_set_model (self->rag_row, G_LIST_MODEL (rags));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->rag_row));
  g_signal_connect (self->rag_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  self->badge = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), "heading");
  gtk_widget_set_valign (GTK_WIDGET (self->badge), GTK_ALIGN_CENTER);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->badge));
}

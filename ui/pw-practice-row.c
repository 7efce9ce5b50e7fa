/* pw-practice-row.c — one member practice, edited in place
 *
 * A row made for a practice that does not exist yet (a draft) is written to
 * the store as soon as its code, name and list size are all acceptable;
 * after that every acceptable edit is saved at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-merge-dialog.h"
#include "pw-parse.h"
#include "pw-practice-row.h"
#include "pw-ui-util.h"

struct _PwPracticeRow
{
  AdwExpanderRow parent_instance;

  PwStore *store;              /* owned */
  gint64 id;                   /* 0 while a draft */
  gint64 pcn_id;
  gboolean loading;
  GListModel *pcns;            /* owned: offered for moves, attached on first open */

  AdwEntryRow *code_row;
  AdwEntryRow *name_row;
  AdwEntryRow *list_size_row;
  AdwComboRow *pcn_row;
};

G_DEFINE_FINAL_TYPE (PwPracticeRow, pw_practice_row, ADW_TYPE_EXPANDER_ROW)

/* What an Undo needs to put a practice back. */
typedef struct
{
  PwStore *store;
  gint64 id;
  gint64 pcn_id;
  char *code;
  char *name;
  gint64 list_size;
  GtkWidget *anchor;           /* weak: somewhere to show a failure */
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *s = data;

  g_object_unref (s->store);
  g_clear_weak_pointer (&s->anchor);
  g_free (s->code);
  g_free (s->name);
  g_free (s);
}

static void
update_titles (PwPracticeRow *self,
               const char    *code,
               const char    *name,
               gint64         list_size)
{
  g_autofree char *count = pw_format_count (list_size);
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s patients"), code, count);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
save (PwPracticeRow *self)
{
  g_autofree char *code = NULL, *name = NULL;
  g_autoptr(GError) error = NULL;
  gint64 list_size = 0;
  gboolean ok;

  /* Check all three, so every wrong field is marked at once. */
  ok = pw_entry_row_check (self->code_row, PW_FORM_PRACTICE_CODE, &code, NULL);
  ok = pw_entry_row_check (self->name_row, PW_FORM_NAME, &name, NULL) && ok;
  ok = pw_entry_row_check (self->list_size_row, PW_FORM_LIST_SIZE, NULL, &list_size) && ok;
  if (!ok)
    return;
  if (self->id == 0)
    ok = pw_store_add_practice (self->store, self->pcn_id, code, name, list_size, &self->id, &error);
  else
    ok = pw_store_update_practice (self->store, self->id, code, name, list_size, &error);
  if (!ok)
    {
      pw_entry_row_set_problem (self->code_row, _("In use"), error->message);
      return;
    }
  update_titles (self, code, name, list_size);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pcn_row), TRUE);
}

static void
on_field_changed_cb (PwPracticeRow *self)
{
  if (!self->loading)
    save (self);
}

static void
undo_remove (gpointer data)
{
  Snapshot *s = data;
  g_autoptr(GError) error = NULL;

  if (!pw_store_add_practice (s->store, s->pcn_id, s->code, s->name, s->list_size, NULL, &error) &&
      s->anchor != NULL)
    pw_toast_show (s->anchor, error->message);
}

static void
undo_move (gpointer data)
{
  Snapshot *s = data;
  g_autoptr(GError) error = NULL;

  if (!pw_store_move_practice (s->store, s->id, s->pcn_id, &error) && s->anchor != NULL)
    pw_toast_show (s->anchor, error->message);
}

static Snapshot *
snapshot (PwPracticeRow *self)
{
  Snapshot *s = g_new0 (Snapshot, 1);
  g_autofree char *size_text = NULL;

  s->store = g_object_ref (self->store);
  s->id = self->id;
  s->pcn_id = self->pcn_id;
  pw_form_check (PW_FORM_PRACTICE_CODE, gtk_editable_get_text (GTK_EDITABLE (self->code_row)), &s->code, NULL, NULL);
  pw_form_check (PW_FORM_NAME, gtk_editable_get_text (GTK_EDITABLE (self->name_row)), &s->name, NULL, NULL);
  pw_form_check (PW_FORM_LIST_SIZE, gtk_editable_get_text (GTK_EDITABLE (self->list_size_row)), NULL, &s->list_size, NULL);
  /* The page outlives the row; a failure is shown there. */
  g_set_weak_pointer (&s->anchor, gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));
  return s;
}

static void
on_remove_clicked_cb (PwPracticeRow *self)
{
  g_autoptr(GError) error = NULL;
  Snapshot *s;
  g_autofree char *title = NULL;
  GtkWidget *anchor;

  if (self->id == 0)
    {
      gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (self))), GTK_WIDGET (self));
      return;
    }
  s = snapshot (self);
  anchor = s->anchor;
  if (s->code == NULL || s->name == NULL || !pw_store_delete_practice (self->store, self->id, &error))
    {
      if (error != NULL)
        pw_toast_show (GTK_WIDGET (self), error->message);
      snapshot_free (s);
      return;
    }
  title = g_strdup_printf (_("Removed “%s”"), s->name);
  if (anchor != NULL)
    pw_toast_with_undo (anchor, title, undo_remove, s, snapshot_free);
  else
    snapshot_free (s);
}

static void
on_pcn_selected_cb (PwPracticeRow *self)
{
  g_autoptr(GError) error = NULL;
  PwPcn *target = adw_combo_row_get_selected_item (self->pcn_row);
  g_autofree char *title = NULL;
  Snapshot *s;
  GtkWidget *anchor;

  if (self->loading || target == NULL || self->id == 0 || pw_pcn_get_id (target) == self->pcn_id)
    return;
  s = snapshot (self);
  anchor = s->anchor;
  if (!pw_store_move_practice (self->store, self->id, pw_pcn_get_id (target), &error))
    {
      pw_toast_show (GTK_WIDGET (self), error->message);
      snapshot_free (s);
      return;
    }
  title = g_strdup_printf (_("Moved “%s” to %s"), s->name ? s->name : "", pw_pcn_get_text (target, PW_PCN_NAME));
  if (anchor != NULL)
    pw_toast_with_undo (anchor, title, undo_move, s, snapshot_free);
  else
    snapshot_free (s);
}

static guint position_of_pcn (GListModel *pcns, gint64 pcn_id);

/* The PCN chosen in the searchable list becomes the combo's choice, which
 * moves the practice as choosing it there does. */
static void
on_find_response_cb (PwMergeDialog *dialog,
                     const char    *response,
                     PwPracticeRow *self)
{
  PwPcn *target = pw_merge_dialog_get_into (dialog);
  GListModel *pcns = adw_combo_row_get_model (self->pcn_row);

  if (g_strcmp0 (response, "merge") == 0 && target != NULL && pcns != NULL)
    adw_combo_row_set_selected (self->pcn_row, position_of_pcn (pcns, pw_pcn_get_id (target)));
}

/* 1,250 PCNs are too many to scroll through: a list to search, grouped by
 * locality. */
static void
on_find_clicked_cb (PwPracticeRow *self)
{
  PwPcn *from = pw_store_find_pcn (self->store, self->pcn_id);
  PwMergeDialog *dialog;

  if (from == NULL)
    return;
  dialog = pw_merge_dialog_new_move (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store, from,
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_find_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pw_practice_row_dispose (GObject *object)
{
  PwPracticeRow *self = PW_PRACTICE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_PRACTICE_ROW);
  g_clear_object (&self->store);
  g_clear_object (&self->pcns);
  G_OBJECT_CLASS (pw_practice_row_parent_class)->dispose (object);
}

static void
pw_practice_row_class_init (PwPracticeRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_practice_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-practice-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPracticeRow, code_row);
  gtk_widget_class_bind_template_child (widget_class, PwPracticeRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, PwPracticeRow, list_size_row);
  gtk_widget_class_bind_template_child (widget_class, PwPracticeRow, pcn_row);
  gtk_widget_class_bind_template_child_full (widget_class, "remove_button", FALSE, 0);   /* for tests */
  gtk_widget_class_bind_template_child_full (widget_class, "find_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_clicked_cb);
}

static void
pw_practice_row_init (PwPracticeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pw_entry_row_add_hint (self->code_row);
  pw_entry_row_add_hint (self->name_row);
  pw_entry_row_add_hint (self->list_size_row);
}

static guint
position_of_pcn (GListModel *pcns,
                 gint64      pcn_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) p = g_list_model_get_item (pcns, i);
      if (pw_pcn_get_id (p) == pcn_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* A combo of every PCN is costly to make (1,250 of them nationally) and
 * wanted only for a move, so it gets its model when the row is opened. */
static void
on_expanded_cb (PwPracticeRow *self)
{
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)) || adw_combo_row_get_model (self->pcn_row) != NULL)
    return;
  self->loading = TRUE;
  adw_combo_row_set_model (self->pcn_row, self->pcns);
  adw_combo_row_set_selected (self->pcn_row, position_of_pcn (self->pcns, self->pcn_id));
  self->loading = FALSE;
}

/**
 * pw_practice_row_new:
 * @practice: (nullable): the practice, or %NULL for a new one in @pcn_id
 * @pcns: the PCNs a practice can move to, in the order to offer them
 */
GtkWidget *
pw_practice_row_new (PwStore    *store,
                     gint64      pcn_id,
                     PwPractice *practice,
                     GListModel *pcns)
{
  PwPracticeRow *self = g_object_new (PW_TYPE_PRACTICE_ROW, NULL);

  self->store = g_object_ref (store);
  self->pcn_id = pcn_id;
  self->pcns = g_object_ref (pcns);
  adw_combo_row_set_expression (self->pcn_row, gtk_property_expression_new (PW_TYPE_PCN, NULL, "name"));
  g_signal_connect_swapped (self, "notify::expanded", G_CALLBACK (on_expanded_cb), self);
  if (practice != NULL)
    pw_practice_row_set_practice (self, pcn_id, practice);
  else
    {
      self->loading = TRUE;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("New practice"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), _("Saved once it has a code, a name and a list size"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->pcn_row), FALSE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
    }
  g_signal_connect_swapped (self->pcn_row, "notify::selected", G_CALLBACK (on_pcn_selected_cb), self);
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

/**
 * pw_practice_row_set_practice:
 *
 * Shows @practice, of @pcn_id, in the row: selecting another PCN reuses
 * its practice rows rather than building new ones.  The row closes, and
 * loses the marks of a wrong value typed for the practice it showed.
 */
void
pw_practice_row_set_practice (PwPracticeRow *self,
                              gint64         pcn_id,
                              PwPractice    *practice)
{
  AdwEntryRow *entries[] = { self->code_row, self->name_row, self->list_size_row };
  g_autofree char *size = NULL;

  g_return_if_fail (PW_IS_PRACTICE_ROW (self));
  g_return_if_fail (practice != NULL);

  size = pw_format_count (pw_practice_get_list_size (practice));
  self->loading = TRUE;
  self->id = pw_practice_get_id (practice);
  self->pcn_id = pcn_id;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), pw_practice_get_code (practice));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pw_practice_get_name (practice));
  gtk_editable_set_text (GTK_EDITABLE (self->list_size_row), size);
  /* Only where marked: clearing a tooltip asks the X server where the
   * pointer is. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (gtk_widget_get_tooltip_text (GTK_WIDGET (entries[i])) != NULL ||
        gtk_widget_has_css_class (GTK_WIDGET (entries[i]), "error"))
      pw_entry_row_set_problem (entries[i], NULL, NULL);
  update_titles (self, pw_practice_get_code (practice), pw_practice_get_name (practice),
                 pw_practice_get_list_size (practice));
  gtk_widget_set_sensitive (GTK_WIDGET (self->pcn_row), TRUE);
  if (adw_combo_row_get_model (self->pcn_row) != NULL)
    adw_combo_row_set_selected (self->pcn_row, position_of_pcn (self->pcns, pcn_id));
  self->loading = FALSE;
}

gint64
pw_practice_row_get_id (PwPracticeRow *self)
{
  g_return_val_if_fail (PW_IS_PRACTICE_ROW (self), 0);
  return self->id;
}

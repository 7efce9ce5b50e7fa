/* pw-plan-entry-row.c — a project or a funding proposal, edited in place
 *
 * Both kinds share one row: a title and a detail (name and aim, or the
 * support requested and its deliverable), then a project's lead, due
 * quarter and status, or a proposal's amount.  Every field saves as it is
 * typed (from idle, once the edit is whole); removal can be undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-parse.h"
#include "pw-plan-entry-row.h"
#include "pw-ui-util.h"

struct _PwPlanEntryRow
{
  AdwExpanderRow parent_instance;

  PwStore *store;              /* owned */
  PwPlanEntry *entry;          /* owned: as loaded, for undo */
  PwEntryKind kind;
  guint save_id;

  AdwEntryRow *title_row;
  AdwEntryRow *detail_row;
  AdwEntryRow *lead_row;
  AdwEntryRow *due_row;
  AdwComboRow *status_row;
  AdwEntryRow *amount_row;
};

G_DEFINE_FINAL_TYPE (PwPlanEntryRow, pw_plan_entry_row, ADW_TYPE_EXPANDER_ROW)

static gint64
entry_id (PwPlanEntryRow *self)
{
  return pw_row_get_int (PW_ROW (self->entry), PW_PLAN_ENTRY_ID);
}

static void
update_titles (PwPlanEntryRow *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *subtitle = NULL;

  if (self->kind == PW_ENTRY_PROPOSAL)
    subtitle = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)));
  else
    subtitle = g_strdup_printf ("%s · %s", pw_project_status_name (adw_combo_row_get_selected (self->status_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->due_row)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 *title ? title : self->kind == PW_ENTRY_PROJECT ? _("New project") : _("New proposal"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static const PwPlanEntryField text_fields[] = {
  PW_PLAN_ENTRY_TITLE, PW_PLAN_ENTRY_DETAIL, PW_PLAN_ENTRY_LEAD, PW_PLAN_ENTRY_DUE,
};

/* The whole entry as typed, kept until the workbook takes it. */
typedef struct
{
  gint64 id;
  char *texts[G_N_ELEMENTS (text_fields)];
  PwPlanEntryField number_field;   /* the amount or the status; 0 for neither */
  gint64 number;
} EntrySave;

static void
entry_save_free (gpointer data)
{
  EntrySave *save = data;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_free (save->texts[i]);
  g_free (save);
}

static gboolean
write_entry (PwStore  *store,
             gpointer  data,
             GError  **error)
{
  EntrySave *save = data;
  gboolean ok = pw_store_begin (store, error);

  for (guint i = 0; ok && i < G_N_ELEMENTS (text_fields); i++)
    ok = pw_store_set_entry_text (store, save->id, text_fields[i], save->texts[i], error);
  if (ok && save->number_field != 0)
    ok = pw_store_set_entry_number (store, save->id, save->number_field, save->number, error);
  if (!ok)
    {
      pw_store_rollback (store);
      return FALSE;
    }
  return pw_store_commit (store, error);
}

static gboolean
save_cb (gpointer data)
{
  PwPlanEntryRow *self = data;
  AdwEntryRow *rows[] = { self->title_row, self->detail_row, self->lead_row, self->due_row };
  EntrySave *save = g_new0 (EntrySave, 1);
  g_autofree char *key = g_strdup_printf ("entry/%" G_GINT64_FORMAT, entry_id (self));

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == G_N_ELEMENTS (text_fields));
  self->save_id = 0;
  save->id = entry_id (self);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    save->texts[i] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows[i]))));
  if (self->kind == PW_ENTRY_PROPOSAL && pw_entry_row_check (self->amount_row, PW_FORM_MONEY, NULL, &save->number))
    save->number_field = PW_PLAN_ENTRY_AMOUNT;
  if (self->kind == PW_ENTRY_PROJECT)
    save->number_field = PW_PLAN_ENTRY_STATUS, save->number = adw_combo_row_get_selected (self->status_row);
  pw_ui_save (GTK_WIDGET (self), self->store, key, write_entry, save, entry_save_free);
  update_titles (self);
  return G_SOURCE_REMOVE;
}

static void
on_changed_cb (PwPlanEntryRow *self)
{
  if (self->kind == PW_ENTRY_PROPOSAL)
    pw_entry_row_check (self->amount_row, PW_FORM_MONEY, NULL, NULL);
  if (self->save_id == 0)
    self->save_id = g_idle_add_full (PW_SAVE_PRIORITY, save_cb, g_object_ref (self), g_object_unref);
}

typedef struct
{
  PwStore *store;
  PwPlanEntry *entry;
} Removed;

static void
removed_free (gpointer data)
{
  Removed *r = data;

  g_object_unref (r->store);
  g_object_unref (r->entry);
  g_free (r);
}

static void
undo_remove (gpointer data)
{
  Removed *r = data;

  pw_store_add_entry (r->store, pw_row_get_int (PW_ROW (r->entry), PW_PLAN_ENTRY_RETURN_ID),
                      pw_row_get_int (PW_ROW (r->entry), PW_PLAN_ENTRY_KIND), r->entry, NULL, NULL);
}

static void
on_remove_clicked_cb (PwPlanEntryRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) now = NULL;
  Removed *r;
  GtkWidget *anchor = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_clear_handle_id (&self->save_id, g_source_remove);
  save_cb (self);
  /* Undo restores the entry as it is now, edits included. */
  now = pw_store_list_entries (self->store, pw_row_get_int (PW_ROW (self->entry), PW_PLAN_ENTRY_RETURN_ID),
                               self->kind, NULL);
  r = g_new0 (Removed, 1);
  r->store = g_object_ref (self->store);
  r->entry = g_object_ref (self->entry);
  for (guint i = 0; now && i < g_list_model_get_n_items (now); i++)
    {
      g_autoptr(PwPlanEntry) e = g_list_model_get_item (now, i);
      if (pw_row_get_int (PW_ROW (e), PW_PLAN_ENTRY_ID) == entry_id (self))
        g_set_object (&r->entry, e);
    }
  if (!pw_store_delete_entry (self->store, entry_id (self), &error))
    {
      pw_toast_show (GTK_WIDGET (self), error->message);
      removed_free (r);
      return;
    }
  pw_toast_with_undo (anchor, self->kind == PW_ENTRY_PROJECT ? _("Project removed") : _("Proposal removed"),
                      undo_remove, r, removed_free);
}

static void
pw_plan_entry_row_dispose (GObject *object)
{
  PwPlanEntryRow *self = PW_PLAN_ENTRY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_PLAN_ENTRY_ROW);
  g_clear_object (&self->store);
  g_clear_object (&self->entry);
  G_OBJECT_CLASS (pw_plan_entry_row_parent_class)->dispose (object);
}

static void
pw_plan_entry_row_class_init (PwPlanEntryRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_plan_entry_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-plan-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPlanEntryRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanEntryRow, detail_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanEntryRow, lead_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanEntryRow, due_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanEntryRow, status_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanEntryRow, amount_row);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
pw_plan_entry_row_init (PwPlanEntryRow *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (PwProjectStatus s = 0; s < PW_N_PROJECT_STATUSES; s++)
    gtk_string_list_append (statuses, pw_project_status_name (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  pw_entry_row_add_hint (self->amount_row);
}

static void
set_text (AdwEntryRow *row,
          PwRow       *entry,
          guint        field)
{
  gtk_editable_set_text (GTK_EDITABLE (row), pw_row_get_string (entry, field));
}

gint64
pw_plan_entry_row_get_id (PwPlanEntryRow *self)
{
  g_return_val_if_fail (PW_IS_PLAN_ENTRY_ROW (self), 0);
  return entry_id (self);
}

GtkWidget *
pw_plan_entry_row_new (PwStore     *store,
                       PwPlanEntry *entry)
{
  PwPlanEntryRow *self = g_object_new (PW_TYPE_PLAN_ENTRY_ROW, NULL);
  PwRow *r = PW_ROW (entry);
  gboolean project = pw_row_get_int (r, PW_PLAN_ENTRY_KIND) == PW_ENTRY_PROJECT;
  g_autofree char *amount = pw_format_money (pw_row_get_int (r, PW_PLAN_ENTRY_AMOUNT));
  AdwEntryRow *texts[] = { self->title_row, self->detail_row, self->lead_row, self->due_row, self->amount_row };

  self->store = g_object_ref (store);
  self->entry = g_object_ref (entry);
  self->kind = pw_row_get_int (r, PW_PLAN_ENTRY_KIND);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), project ? _("Project") : _("Support requested"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->detail_row), project ? _("Aim") : _("Deliverable"));
  set_text (self->title_row, r, PW_PLAN_ENTRY_TITLE);
  set_text (self->detail_row, r, PW_PLAN_ENTRY_DETAIL);
  set_text (self->lead_row, r, PW_PLAN_ENTRY_LEAD);
  set_text (self->due_row, r, PW_PLAN_ENTRY_DUE);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
  adw_combo_row_set_selected (self->status_row, pw_row_get_int (r, PW_PLAN_ENTRY_STATUS));
  gtk_widget_set_visible (GTK_WIDGET (self->lead_row), project);
  gtk_widget_set_visible (GTK_WIDGET (self->due_row), project);
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), project);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), !project);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_signal_connect_swapped (texts[i], "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
  update_titles (self);
  return GTK_WIDGET (self);
}

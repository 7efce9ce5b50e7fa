/* pw-export-dialog.c — asks what the appendix's cover sheet should say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-dialog.h"
#include "pw-parse.h"
#include "pw-ui-util.h"

struct _PwExportDialog
{
  AdwMessageDialog parent_instance;

  int year;
  GSettings *settings;         /* owned */

  AdwEntryRow *committee_row;
  AdwEntryRow *meeting_date_row;
  AdwEntryRow *agenda_item_row;
  AdwEntryRow *title_row;
  AdwEntryRow *version_row;
  AdwEntryRow *author_row;
  AdwEntryRow *lead_row;
  AdwComboRow *scope_row;
  GtkStringList *scopes;       /* "All localities", then a pack per locality */
  GPtrArray *localities;       /* of char *, owned: the pack's locality, by position - 1 */
};

G_DEFINE_FINAL_TYPE (PwExportDialog, pw_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_date_changed_cb (PwExportDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "export",
                                           pw_entry_row_check (self->meeting_date_row, PW_FORM_DATE, NULL, NULL));
}

static void
pw_export_dialog_dispose (GObject *object)
{
  PwExportDialog *self = PW_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->localities, g_ptr_array_unref);
  G_OBJECT_CLASS (pw_export_dialog_parent_class)->dispose (object);
}

static void
pw_export_dialog_class_init (PwExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_export_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, committee_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, meeting_date_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, agenda_item_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, version_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, lead_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, PwExportDialog, scopes);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);
}

static void
pw_export_dialog_init (PwExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pw_entry_row_add_hint (self->meeting_date_row);
  self->localities = g_ptr_array_new_with_free_func (g_free);
}

PwExportDialog *
pw_export_dialog_new (GtkWindow *parent,
                      GSettings *settings,
                      int        year)
{
  PwExportDialog *self = g_object_new (PW_TYPE_EXPORT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  g_autofree char *fy = pw_format_year (year);
  g_autofree char *body = g_strdup_printf (_("The workbook covers the financial year %s. "
                                             "These details go on its cover sheet."), fy);

  self->year = year;
  self->settings = g_object_ref (settings);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  g_settings_bind (settings, "committee", self->committee_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "author", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  return self;
}

/* Offers a locality pack of each of @localities (of PwLocality), with
 * @selected (a locality id, or 0 for all) chosen. */
void
pw_export_dialog_set_localities (PwExportDialog *self,
                                 GListModel     *localities,
                                 gint64          selected)
{
  g_return_if_fail (PW_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < g_list_model_get_n_items (localities); i++)
    {
      g_autoptr(PwLocality) l = g_list_model_get_item (localities, i);
      g_autofree char *pack = g_strdup_printf (_("%s locality pack"), pw_locality_get_name (l));

      gtk_string_list_append (self->scopes, pack);
      g_ptr_array_add (self->localities, g_strdup (pw_locality_get_name (l)));
      if (pw_locality_get_id (l) == selected)
        adw_combo_row_set_selected (self->scope_row, i + 1);
    }
}

static char *
text_of (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

void
pw_export_dialog_get_options (PwExportDialog  *self,
                              PwExportOptions *o)
{
  g_return_if_fail (PW_IS_EXPORT_DIALOG (self));

  o->year = self->year;
  o->committee = text_of (self->committee_row);
  pw_form_check (PW_FORM_DATE, gtk_editable_get_text (GTK_EDITABLE (self->meeting_date_row)),
                 &o->meeting_date, NULL, NULL);
  o->agenda_item = text_of (self->agenda_item_row);
  o->title = text_of (self->title_row);
  o->version = text_of (self->version_row);
  o->author = text_of (self->author_row);
  o->lead = text_of (self->lead_row);
  {
    guint scope = adw_combo_row_get_selected (self->scope_row);
    o->locality = scope > 0 && scope <= self->localities->len ? g_strdup (self->localities->pdata[scope - 1]) : NULL;
  }
}

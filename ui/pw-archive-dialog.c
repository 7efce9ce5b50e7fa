/* pw-archive-dialog.c — choose the financial year a PCN closed
 *
 * The PCN stays in the years before the one chosen and leaves the lists of
 * that year and later; the archiving itself, and its undo, are the caller's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-archive-dialog.h"
#include "pw-parse.h"

#define FIRST_YEAR 2019        /* PCNs began in July 2019 */

struct _PwArchiveDialog
{
  AdwMessageDialog parent_instance;

  AdwComboRow *year_row;
};

G_DEFINE_FINAL_TYPE (PwArchiveDialog, pw_archive_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pw_archive_dialog_class_init (PwArchiveDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-archive-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwArchiveDialog, year_row);
}

static void
pw_archive_dialog_init (PwArchiveDialog *self)
{
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (int y = FIRST_YEAR; y <= pw_current_year () + 1; y++)
    {
      g_autofree char *fy = pw_format_year (y);
      gtk_string_list_append (years, fy);
    }
  adw_combo_row_set_model (self->year_row, G_LIST_MODEL (years));
}

/**
 * pw_archive_dialog_new:
 * @year: the year offered first
 */
PwArchiveDialog *
pw_archive_dialog_new (GtkWindow *parent,
                       PwPcn     *pcn,
                       int        year)
{
  PwArchiveDialog *self = g_object_new (PW_TYPE_ARCHIVE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  g_autofree char *body = g_strdup_printf (_("%s (%s) stays in the years before the one chosen, with its returns, "
                                             "and leaves the PCN list, the overview and the committee appendix "
                                             "from that year on. It can be unarchived at any time."),
                                           pw_pcn_get_text (pcn, PW_PCN_NAME), pw_pcn_get_text (pcn, PW_PCN_CODE));

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  pw_archive_dialog_set_year (self, year);
  return self;
}

void
pw_archive_dialog_set_year (PwArchiveDialog *self,
                            int              year)
{
  guint n;

  g_return_if_fail (PW_IS_ARCHIVE_DIALOG (self));

  n = g_list_model_get_n_items (adw_combo_row_get_model (self->year_row));
  adw_combo_row_set_selected (self->year_row, (guint) CLAMP (year - FIRST_YEAR, 0, (int) n - 1));
}

int
pw_archive_dialog_get_year (PwArchiveDialog *self)
{
  g_return_val_if_fail (PW_IS_ARCHIVE_DIALOG (self), 0);
  return FIRST_YEAR + (int) adw_combo_row_get_selected (self->year_row);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-export.h"

G_BEGIN_DECLS

#define PW_TYPE_EXPORT_DIALOG (pw_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwExportDialog, pw_export_dialog, PW, EXPORT_DIALOG, AdwMessageDialog)

PwExportDialog *pw_export_dialog_new         (GtkWindow       *parent,
                                              GSettings       *settings,
                                              int              year);
void            pw_export_dialog_set_localities (PwExportDialog *self,
                                                GListModel     *localities,
                                                gint64          selected);
void            pw_export_dialog_get_options (PwExportDialog  *self,
                                              PwExportOptions *options);

G_END_DECLS

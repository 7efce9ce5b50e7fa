/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_ARCHIVE_DIALOG (pw_archive_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwArchiveDialog, pw_archive_dialog, PW, ARCHIVE_DIALOG, AdwMessageDialog)

PwArchiveDialog *pw_archive_dialog_new      (GtkWindow       *parent,
                                             PwPcn           *pcn,
                                             int              year);
int              pw_archive_dialog_get_year (PwArchiveDialog *self);
void             pw_archive_dialog_set_year (PwArchiveDialog *self,
                                             int              year);

G_END_DECLS

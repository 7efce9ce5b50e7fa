/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_BACKUPS_DIALOG (pw_backups_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwBackupsDialog, pw_backups_dialog, PW, BACKUPS_DIALOG, AdwPreferencesWindow)

GtkWidget *pw_backups_dialog_new (GtkWindow *parent,
                                  PwStore   *store);

G_END_DECLS

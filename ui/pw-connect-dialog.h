/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_CONNECT_DIALOG (pw_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwConnectDialog, pw_connect_dialog, PW, CONNECT_DIALOG, AdwWindow)

/* Called with the team workbook opened; the dialog then closes. */
typedef void (*PwConnectedFunc) (GtkWindow *parent,
                                 PwStore   *store);

PwConnectDialog *pw_connect_dialog_new          (GtkWindow       *parent,
                                                 PwConnectedFunc  connected);
gboolean         pw_connect_dialog_is_busy      (PwConnectDialog *self);
char            *pw_connect_describe            (const char      *uri);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_ROLES_WINDOW (pw_roles_window_get_type ())
G_DECLARE_FINAL_TYPE (PwRolesWindow, pw_roles_window, PW, ROLES_WINDOW, AdwPreferencesWindow)

GtkWidget *pw_roles_window_new (GtkWindow *parent,
                                PwStore   *store);

G_END_DECLS

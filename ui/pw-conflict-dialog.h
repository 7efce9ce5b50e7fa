/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

void pw_conflict_dialog_present (GtkWidget    *field,
                                 PwStore      *store,
                                 const char   *key,
                                 const GError *error);

G_END_DECLS

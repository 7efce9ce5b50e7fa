/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_RETURN_BAR (pw_return_bar_get_type ())
G_DECLARE_FINAL_TYPE (PwReturnBar, pw_return_bar, PW, RETURN_BAR, GtkWidget)

void pw_return_bar_show (PwReturnBar *self,
                         PwStore     *store,
                         PwPcn       *pcn,
                         int          year);

G_END_DECLS

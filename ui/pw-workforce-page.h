/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_WORKFORCE_PAGE (pw_workforce_page_get_type ())
G_DECLARE_FINAL_TYPE (PwWorkforcePage, pw_workforce_page, PW, WORKFORCE_PAGE, GtkWidget)

void pw_workforce_page_show (PwWorkforcePage *self,
                             PwStore         *store,
                             PwPcn           *pcn,
                             int              year);

G_END_DECLS

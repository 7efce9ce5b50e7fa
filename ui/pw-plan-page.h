/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_PLAN_PAGE (pw_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanPage, pw_plan_page, PW, PLAN_PAGE, GtkWidget)

void pw_plan_page_show (PwPlanPage *self,
                        PwStore    *store,
                        PwPcn      *pcn,
                        int         year);

G_END_DECLS

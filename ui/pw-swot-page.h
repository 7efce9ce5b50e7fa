/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_SWOT_PAGE (pw_swot_page_get_type ())
G_DECLARE_FINAL_TYPE (PwSwotPage, pw_swot_page, PW, SWOT_PAGE, GtkWidget)

void       pw_swot_page_show       (PwSwotPage *self,
                                    PwStore    *store,
                                    PwPcn      *pcn,
                                    int         year);
GtkWidget *pw_swot_page_get_editor (PwSwotPage *self,
                                    PwItemList  list);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_OVERVIEW_PAGE (pw_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (PwOverviewPage, pw_overview_page, PW, OVERVIEW_PAGE, GtkWidget)

void        pw_overview_page_show      (PwOverviewPage *self,
                                        PwStore        *store,
                                        int             year);
GListModel *pw_overview_page_get_model (PwOverviewPage *self);
void        pw_overview_page_limit_rows (PwOverviewPage *self,
                                         guint           n_rows);
void        pw_overview_page_fill_first_frame (PwOverviewPage *self);
void        pw_overview_page_set_locality (PwOverviewPage *self,
                                           gint64          locality_id);

G_END_DECLS

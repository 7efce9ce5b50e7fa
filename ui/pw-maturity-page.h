/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_MATURITY_PAGE (pw_maturity_page_get_type ())
G_DECLARE_FINAL_TYPE (PwMaturityPage, pw_maturity_page, PW, MATURITY_PAGE, GtkWidget)

void       pw_maturity_page_show     (PwMaturityPage *self,
                                      PwStore        *store,
                                      PwPcn          *pcn,
                                      int             year);
GtkWidget *pw_maturity_page_get_card (PwMaturityPage *self,
                                      guint           domain);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_LOCALITY_PAGE (pw_locality_page_get_type ())
G_DECLARE_FINAL_TYPE (PwLocalityPage, pw_locality_page, PW, LOCALITY_PAGE, GtkWidget)

void    pw_locality_page_show        (PwLocalityPage *self,
                                      PwStore        *store,
                                      gint64          locality_id,
                                      int             year);
gint64  pw_locality_page_get_locality(PwLocalityPage *self);
void    pw_locality_page_show_tab    (PwLocalityPage *self,
                                      const char     *tab);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_PROFILE_PAGE (pw_profile_page_get_type ())
G_DECLARE_FINAL_TYPE (PwProfilePage, pw_profile_page, PW, PROFILE_PAGE, GtkWidget)

GtkWidget *pw_profile_page_new     (void);
void       pw_profile_page_set_pcn (PwProfilePage *self,
                                    PwStore       *store,
                                    PwPcn         *pcn);
PwPcn     *pw_profile_page_get_pcn (PwProfilePage *self);

G_END_DECLS

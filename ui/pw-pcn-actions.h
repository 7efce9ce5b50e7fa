/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

void pw_pcn_actions_archive         (GtkWidget  *from,
                                     PwStore    *store,
                                     PwPcn      *pcn);
void pw_pcn_actions_merge           (GtkWidget  *from,
                                     PwStore    *store,
                                     PwPcn      *pcn);
void pw_pcn_actions_delete          (GtkWidget  *from,
                                     PwStore    *store,
                                     PwPcn      *pcn);
void pw_pcn_actions_merge_locality  (GtkWidget  *from,
                                     PwStore    *store,
                                     PwLocality *locality);
void pw_pcn_actions_delete_locality (GtkWidget  *from,
                                     PwStore    *store,
                                     PwLocality *locality);

G_END_DECLS

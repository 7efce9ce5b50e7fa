/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_ITEM_EDITOR (pw_item_editor_get_type ())
G_DECLARE_FINAL_TYPE (PwItemEditor, pw_item_editor, PW, ITEM_EDITOR, GtkWidget)

GtkWidget *pw_item_editor_new  (PwItemList    list);
void       pw_item_editor_show (PwItemEditor *self,
                                PwStore      *store,
                                PwPcn        *pcn,
                                int           year);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_PLAN_ENTRY_ROW (pw_plan_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanEntryRow, pw_plan_entry_row, PW, PLAN_ENTRY_ROW, AdwExpanderRow)

GtkWidget *pw_plan_entry_row_new (PwStore     *store,
                                  PwPlanEntry *entry);
gint64     pw_plan_entry_row_get_id (PwPlanEntryRow *self);

G_END_DECLS

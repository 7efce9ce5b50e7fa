/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

typedef enum
{
  PW_ACTION_FILTER_OPEN,
  PW_ACTION_FILTER_OVERDUE,
  PW_ACTION_FILTER_ALL,
} PwActionFilter;

#define PW_TYPE_ACTION_LOG (pw_action_log_get_type ())
G_DECLARE_FINAL_TYPE (PwActionLog, pw_action_log, PW, ACTION_LOG, GtkWidget)

void        pw_action_log_show       (PwActionLog    *self,
                                      PwStore        *store,
                                      gint64          locality_id);
void        pw_action_log_set_filter (PwActionLog    *self,
                                      PwActionFilter  filter);
GtkListBox *pw_action_log_get_list   (PwActionLog    *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store-boards.h"

G_BEGIN_DECLS

#define PW_TYPE_BOARD_PRIORITY_ROW (pw_board_priority_row_get_type ())
G_DECLARE_FINAL_TYPE (PwBoardPriorityRow, pw_board_priority_row, PW, BOARD_PRIORITY_ROW, AdwExpanderRow)

GtkWidget *pw_board_priority_row_new    (PwStore            *store,
                                         PwBoardPriority    *priority);
void       pw_board_priority_row_update (PwBoardPriorityRow *self,
                                         PwBoardPriority    *priority);
gint64     pw_board_priority_row_get_id (PwBoardPriorityRow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-board.h"

G_BEGIN_DECLS

/* An action in a board's action log. */
typedef enum
{
  PW_BOARD_ACTION_ID = 1,
  PW_BOARD_ACTION_LOCALITY_ID,
  PW_BOARD_ACTION_REF,
  PW_BOARD_ACTION_TEXT,
  PW_BOARD_ACTION_OWNER,
  PW_BOARD_ACTION_DUE,
  PW_BOARD_ACTION_STATUS,               /* a PwActionStatus */
  PW_BOARD_ACTION_DONE,
  PW_BOARD_ACTION_RAISED,               /* ISO date of the meeting that raised it, or "" */
  PW_BOARD_ACTION_N_FIELDS
} PwBoardActionField;

#define PW_TYPE_BOARD_ACTION (pw_board_action_get_type ())
G_DECLARE_FINAL_TYPE (PwBoardAction, pw_board_action, PW, BOARD_ACTION, PwRow)

typedef enum
{
  PW_ACTION_OPEN,
  PW_ACTION_IN_PROGRESS,
  PW_ACTION_DONE,
  PW_ACTION_DROPPED,
  PW_N_ACTION_STATUSES
} PwActionStatus;

/* Whether an action is still to be done (open or in progress). */
#define PW_ACTION_IS_OPEN(status) ((status) <= PW_ACTION_IN_PROGRESS)

const char *pw_action_status_name  (int          status);
gboolean    pw_action_status_parse (const char  *text,
                                    int         *out_status,
                                    GError     **error);
gboolean    pw_board_action_is_overdue (PwBoardAction *self,
                                        const char    *today);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* A decision a board meeting took. */
typedef enum
{
  PW_BOARD_DECISION_ID = 1,
  PW_BOARD_DECISION_MEETING_ID,
  PW_BOARD_DECISION_REF,
  PW_BOARD_DECISION_TEXT,
  PW_BOARD_DECISION_N_FIELDS
} PwBoardDecisionField;

#define PW_TYPE_BOARD_DECISION (pw_board_decision_get_type ())
G_DECLARE_FINAL_TYPE (PwBoardDecision, pw_board_decision, PW, BOARD_DECISION, PwRow)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* One step in a board's stage of development: the stage, from when, and why. */
typedef enum
{
  PW_BOARD_STEP_ID = 1,
  PW_BOARD_STEP_LOCALITY_ID,
  PW_BOARD_STEP_STAGE,
  PW_BOARD_STEP_DATE,
  PW_BOARD_STEP_WHY,
  PW_BOARD_STEP_N_FIELDS
} PwBoardStepField;

#define PW_TYPE_BOARD_STEP (pw_board_step_get_type ())
G_DECLARE_FINAL_TYPE (PwBoardStep, pw_board_step, PW, BOARD_STEP, PwRow)

G_END_DECLS

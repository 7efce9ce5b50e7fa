/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* A risk in a board's register, scored on the NHS 5×5 matrix. */
typedef enum
{
  PW_BOARD_RISK_ID = 1,
  PW_BOARD_RISK_LOCALITY_ID,
  PW_BOARD_RISK_REF,
  PW_BOARD_RISK_DESCRIPTION,
  PW_BOARD_RISK_LIKELIHOOD,
  PW_BOARD_RISK_IMPACT,
  PW_BOARD_RISK_SCORE,                  /* likelihood × impact */
  PW_BOARD_RISK_TARGET,                 /* target score, or 0 when none is set */
  PW_BOARD_RISK_OWNER,
  PW_BOARD_RISK_REVIEW,
  PW_BOARD_RISK_N_FIELDS
} PwBoardRiskField;

#define PW_TYPE_BOARD_RISK (pw_board_risk_get_type ())
G_DECLARE_FINAL_TYPE (PwBoardRisk, pw_board_risk, PW, BOARD_RISK, PwRow)

/* A score at or above this is high (red on the matrix). */
#define PW_RISK_HIGH 12

G_END_DECLS

/* pw-board-risk.c — a risk in a board's register, scored on the NHS 5×5 matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-board-risk.h"

struct _PwBoardRisk
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwBoardRisk, pw_board_risk, PW_TYPE_ROW)

static GParamSpec *properties[PW_BOARD_RISK_N_FIELDS];

static void
pw_board_risk_class_init (PwBoardRiskClass *klass)
{
  properties[PW_BOARD_RISK_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_RISK_LOCALITY_ID] = pw_row_int_pspec ("locality-id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_RISK_REF] = pw_row_string_pspec ("ref");
  properties[PW_BOARD_RISK_DESCRIPTION] = pw_row_string_pspec ("description");
  properties[PW_BOARD_RISK_LIKELIHOOD] = pw_row_int_pspec ("likelihood", 1, 5, 1);
  properties[PW_BOARD_RISK_IMPACT] = pw_row_int_pspec ("impact", 1, 5, 1);
  properties[PW_BOARD_RISK_SCORE] = pw_row_int_pspec ("score", 1, 25, 1);
  properties[PW_BOARD_RISK_TARGET] = pw_row_int_pspec ("target", 0, 25, 0);
  properties[PW_BOARD_RISK_OWNER] = pw_row_string_pspec ("owner");
  properties[PW_BOARD_RISK_REVIEW] = pw_row_string_pspec ("review");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_BOARD_RISK_N_FIELDS);
}

static void
pw_board_risk_init (PwBoardRisk *self)
{
}

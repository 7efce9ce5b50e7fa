/* pw-board-decision.c — a decision a board meeting took
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-board-decision.h"

struct _PwBoardDecision
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwBoardDecision, pw_board_decision, PW_TYPE_ROW)

static GParamSpec *properties[PW_BOARD_DECISION_N_FIELDS];

static void
pw_board_decision_class_init (PwBoardDecisionClass *klass)
{
  properties[PW_BOARD_DECISION_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_DECISION_MEETING_ID] = pw_row_int_pspec ("meeting-id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_DECISION_REF] = pw_row_string_pspec ("ref");
  properties[PW_BOARD_DECISION_TEXT] = pw_row_string_pspec ("text");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_BOARD_DECISION_N_FIELDS);
}

static void
pw_board_decision_init (PwBoardDecision *self)
{
}

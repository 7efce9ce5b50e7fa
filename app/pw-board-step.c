/* pw-board-step.c — one step in a board's stage of development: the stage, from when, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-board-step.h"

struct _PwBoardStep
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwBoardStep, pw_board_step, PW_TYPE_ROW)

static GParamSpec *properties[PW_BOARD_STEP_N_FIELDS];

static void
pw_board_step_class_init (PwBoardStepClass *klass)
{
  properties[PW_BOARD_STEP_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_STEP_LOCALITY_ID] = pw_row_int_pspec ("locality-id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_STEP_STAGE] = pw_row_int_pspec ("stage", 0, 3, 0);
  properties[PW_BOARD_STEP_DATE] = pw_row_string_pspec ("date");
  properties[PW_BOARD_STEP_WHY] = pw_row_string_pspec ("why");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_BOARD_STEP_N_FIELDS);
}

static void
pw_board_step_init (PwBoardStep *self)
{
}

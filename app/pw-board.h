/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* A locality's board: its terms of reference, current stage and counts of what it holds. */
typedef enum
{
  PW_BOARD_LOCALITY_ID = 1,
  PW_BOARD_LOCALITY,
  PW_BOARD_NAME,
  PW_BOARD_PURPOSE,
  PW_BOARD_REPORTS_TO,
  PW_BOARD_FREQUENCY,
  PW_BOARD_TOR_VERSION,
  PW_BOARD_TOR_APPROVED,
  PW_BOARD_TOR_REVIEW,
  PW_BOARD_STAGE,                       /* a PwBoardStageLevel, or -1 when none is recorded */
  PW_BOARD_STAGE_DATE,                  /* ISO date the current stage was reached */
  PW_BOARD_CHAIR,                       /* the current chair's name, or "" */
  PW_BOARD_MEMBERS,
  PW_BOARD_OPEN_ACTIONS,
  PW_BOARD_OVERDUE_ACTIONS,             /* open actions due before the day asked about */
  PW_BOARD_HIGH_RISKS,                  /* risks scoring 12 or more */
  PW_BOARD_N_FIELDS
} PwBoardField;

#define PW_TYPE_BOARD (pw_board_get_type ())
G_DECLARE_FINAL_TYPE (PwBoard, pw_board, PW, BOARD, PwRow)

/* Stages of development, low to high. */
typedef enum
{
  PW_STAGE_EMERGING,
  PW_STAGE_DEVELOPING,
  PW_STAGE_MATURING,
  PW_STAGE_THRIVING,
  PW_N_STAGES
} PwBoardStageLevel;

const char *pw_board_stage_name   (int          stage);
gboolean    pw_board_stage_parse  (const char  *text,
                                   int         *out_stage,
                                   GError     **error);
gboolean    pw_board_choice_parse (const char  *text,
                                   const char  *const *names,
                                   guint        n,
                                   const char  *what,
                                   int         *out,
                                   GError     **error);

G_END_DECLS

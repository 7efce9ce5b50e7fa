/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* A meeting of a locality board. */
typedef enum
{
  PW_BOARD_MEETING_ID = 1,
  PW_BOARD_MEETING_LOCALITY_ID,
  PW_BOARD_MEETING_DATE,
  PW_BOARD_MEETING_QUORATE,
  PW_BOARD_MEETING_NOTES,
  PW_BOARD_MEETING_ATTENDED,            /* members recorded as present */
  PW_BOARD_MEETING_N_FIELDS
} PwBoardMeetingField;

#define PW_TYPE_BOARD_MEETING (pw_board_meeting_get_type ())
G_DECLARE_FINAL_TYPE (PwBoardMeeting, pw_board_meeting, PW, BOARD_MEETING, PwRow)

G_END_DECLS

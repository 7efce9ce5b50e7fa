/* pw-board-meeting.c — a meeting of a locality board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-board-meeting.h"

struct _PwBoardMeeting
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwBoardMeeting, pw_board_meeting, PW_TYPE_ROW)

static GParamSpec *properties[PW_BOARD_MEETING_N_FIELDS];

static void
pw_board_meeting_class_init (PwBoardMeetingClass *klass)
{
  properties[PW_BOARD_MEETING_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_MEETING_LOCALITY_ID] = pw_row_int_pspec ("locality-id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_MEETING_DATE] = pw_row_string_pspec ("date");
  properties[PW_BOARD_MEETING_QUORATE] = pw_row_int_pspec ("quorate", 0, 1, 0);
  properties[PW_BOARD_MEETING_NOTES] = pw_row_string_pspec ("notes");
  properties[PW_BOARD_MEETING_ATTENDED] = pw_row_int_pspec ("attended", 0, G_MAXINT32, 0);
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_BOARD_MEETING_N_FIELDS);
}

static void
pw_board_meeting_init (PwBoardMeeting *self)
{
}

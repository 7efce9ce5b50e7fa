/* pw-store-boards.h — the store's locality boards (app/store/pw-store-boards.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-board.h"
#include "pw-board-action.h"
#include "pw-board-decision.h"
#include "pw-board-meeting.h"
#include "pw-board-member.h"
#include "pw-board-priority.h"
#include "pw-board-risk.h"
#include "pw-board-step.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* Dates are ISO (YYYY-MM-DD) or "" for none; @today is the ISO date that
 * "overdue" and "current member" are reckoned at. */
GListModel *pw_store_list_boards        (PwStore        *self,
                                         gint64          locality_id,
                                         const char     *today,
                                         GError        **error);
PwBoard    *pw_store_get_board          (PwStore        *self,
                                         gint64          locality_id,
                                         const char     *today,
                                         GError        **error);
gboolean    pw_store_set_board_text     (PwStore        *self,
                                         gint64          locality_id,
                                         PwBoardField    field,
                                         const char     *value,
                                         GError        **error);
gboolean    pw_store_set_board_stage    (PwStore        *self,
                                         gint64          locality_id,
                                         int             stage,
                                         const char     *date,
                                         const char     *why,
                                         GError        **error);
GListModel *pw_store_list_board_stages  (PwStore        *self,
                                         gint64          locality_id,
                                         GError        **error);

gboolean    pw_store_put_member         (PwStore        *self,
                                         PwBoardMember  *member,
                                         gint64         *out_id,
                                         GError        **error);
gboolean    pw_store_update_member      (PwStore        *self,
                                         gint64          member_id,
                                         PwBoardMember  *member,
                                         GError        **error);
gboolean    pw_store_set_member_left    (PwStore        *self,
                                         gint64          member_id,
                                         const char     *left,
                                         GError        **error);
GListModel *pw_store_list_members       (PwStore        *self,
                                         gint64          locality_id,
                                         const char     *today,
                                         GError        **error);

gboolean    pw_store_add_meeting        (PwStore        *self,
                                         gint64          locality_id,
                                         const char     *date,
                                         gboolean        quorate,
                                         const char     *notes,
                                         gint64         *out_id,
                                         GError        **error);
gboolean    pw_store_set_meeting        (PwStore        *self,
                                         gint64          meeting_id,
                                         const char     *date,
                                         gboolean        quorate,
                                         const char     *notes,
                                         GError        **error);
gboolean    pw_store_set_attendance     (PwStore        *self,
                                         gint64          meeting_id,
                                         gint64          member_id,
                                         gboolean        present,
                                         GError        **error);
gboolean    pw_store_add_decision       (PwStore        *self,
                                         gint64          meeting_id,
                                         const char     *ref,
                                         const char     *text,
                                         GError        **error);
GListModel *pw_store_list_meetings      (PwStore        *self,
                                         gint64          locality_id,
                                         GError        **error);
GListModel *pw_store_list_attendees     (PwStore        *self,
                                         gint64          meeting_id,
                                         GError        **error);
GListModel *pw_store_list_decisions     (PwStore        *self,
                                         gint64          meeting_id,
                                         GError        **error);

gboolean    pw_store_put_action         (PwStore        *self,
                                         PwBoardAction  *action,
                                         gint64         *out_id,
                                         GError        **error);
gboolean    pw_store_set_action_status  (PwStore        *self,
                                         gint64          action_id,
                                         int             status,
                                         const char     *done,
                                         GError        **error);
GListModel *pw_store_list_actions       (PwStore        *self,
                                         gint64          locality_id,
                                         GError        **error);

gboolean    pw_store_put_risk           (PwStore        *self,
                                         PwBoardRisk    *risk,
                                         gint64         *out_id,
                                         GError        **error);
GListModel *pw_store_list_risks         (PwStore        *self,
                                         gint64          locality_id,
                                         GError        **error);

gboolean    pw_store_add_priority       (PwStore        *self,
                                         gint64          locality_id,
                                         int             year,
                                         const char     *theme,
                                         const char     *text,
                                         int             rag,
                                         GError        **error);
gboolean    pw_store_set_priority       (PwStore        *self,
                                         gint64          priority_id,
                                         const char     *theme,
                                         const char     *text,
                                         int             rag,
                                         GError        **error);
GListModel *pw_store_list_priorities    (PwStore        *self,
                                         gint64          locality_id,
                                         int             year,
                                         GError        **error);

/* Removing an entry added by mistake (logged), and putting it back as it
 * was, with its id, for an undo. */
gboolean    pw_store_remove_board_stage (PwStore          *self,
                                         PwBoardStep      *step,
                                         GError          **error);
gboolean    pw_store_restore_board_stage (PwStore         *self,
                                          PwBoardStep     *step,
                                          GError         **error);
gboolean    pw_store_remove_decision    (PwStore          *self,
                                         PwBoardDecision  *decision,
                                         GError          **error);
gboolean    pw_store_restore_decision   (PwStore          *self,
                                         PwBoardDecision  *decision,
                                         GError          **error);
gboolean    pw_store_remove_priority    (PwStore          *self,
                                         PwBoardPriority  *priority,
                                         GError          **error);
gboolean    pw_store_restore_priority   (PwStore          *self,
                                         PwBoardPriority  *priority,
                                         GError          **error);

G_END_DECLS

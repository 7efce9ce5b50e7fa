/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store-boards.h"

G_BEGIN_DECLS

/* Puts a row back as it was, for an Undo. */
typedef gboolean (*PwBoardRestoreFunc) (PwStore *store, PwRow *old, GError **error);

void pw_board_undo_toast     (GtkWidget          *from,
                              const char         *title,
                              PwStore            *store,
                              PwRow              *old,
                              PwBoardRestoreFunc  restore);

void pw_board_edit_member    (GtkWidget      *from,
                              PwStore        *store,
                              gint64          locality_id,
                              PwBoardMember  *member);
void pw_board_member_leaves  (GtkWidget      *from,
                              PwStore        *store,
                              PwBoardMember  *member);
void pw_board_record_stage   (GtkWidget      *from,
                              PwStore        *store,
                              gint64          locality_id,
                              int             stage);
void pw_board_edit_meeting   (GtkWidget      *from,
                              PwStore        *store,
                              gint64          locality_id,
                              PwBoardMeeting *meeting);
void pw_board_add_decision   (GtkWidget      *from,
                              PwStore        *store,
                              gint64          meeting_id,
                              const char     *ref);
void pw_board_edit_risk      (GtkWidget      *from,
                              PwStore        *store,
                              gint64          locality_id,
                              PwBoardRisk    *risk,
                              GListModel     *risks);
void pw_board_add_priority   (GtkWidget      *from,
                              PwStore        *store,
                              gint64          locality_id,
                              int             year);

const char *pw_board_rag_choice_name (int i);

G_END_DECLS

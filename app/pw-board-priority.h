/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-board.h"

G_BEGIN_DECLS

/* One of a board's priorities for a year, with its RAG status. */
typedef enum
{
  PW_BOARD_PRIORITY_ID = 1,
  PW_BOARD_PRIORITY_LOCALITY_ID,
  PW_BOARD_PRIORITY_YEAR,
  PW_BOARD_PRIORITY_THEME,
  PW_BOARD_PRIORITY_TEXT,
  PW_BOARD_PRIORITY_RAG,                /* a PwRag, or -1 when not rated */
  PW_BOARD_PRIORITY_N_FIELDS
} PwBoardPriorityField;

#define PW_TYPE_BOARD_PRIORITY (pw_board_priority_get_type ())
G_DECLARE_FINAL_TYPE (PwBoardPriority, pw_board_priority, PW, BOARD_PRIORITY, PwRow)

typedef enum
{
  PW_RAG_RED,
  PW_RAG_AMBER,
  PW_RAG_GREEN,
  PW_N_RAGS
} PwRag;

const char *pw_rag_name  (int          rag);
gboolean    pw_rag_parse (const char  *text,
                          int         *out_rag,
                          GError     **error);

G_END_DECLS

/* pw-board-priority.c — one of a board's priorities for a year, with its RAG status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-board-priority.h"

struct _PwBoardPriority
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwBoardPriority, pw_board_priority, PW_TYPE_ROW)

static GParamSpec *properties[PW_BOARD_PRIORITY_N_FIELDS];

static void
pw_board_priority_class_init (PwBoardPriorityClass *klass)
{
  properties[PW_BOARD_PRIORITY_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_PRIORITY_LOCALITY_ID] = pw_row_int_pspec ("locality-id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_PRIORITY_YEAR] = pw_row_int_pspec ("year", 0, 2098, 0);
  properties[PW_BOARD_PRIORITY_THEME] = pw_row_string_pspec ("theme");
  properties[PW_BOARD_PRIORITY_TEXT] = pw_row_string_pspec ("text");
  properties[PW_BOARD_PRIORITY_RAG] = pw_row_int_pspec ("rag", -1, 2, -1);
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_BOARD_PRIORITY_N_FIELDS);
}

static void
pw_board_priority_init (PwBoardPriority *self)
{
}

static const char *const rags[PW_N_RAGS] = { N_("Red"), N_("Amber"), N_("Green") };

const char *
pw_rag_name (int rag)
{
  return rag >= 0 && rag < PW_N_RAGS ? _(rags[rag]) : _("Not rated");
}

gboolean
pw_rag_parse (const char  *text,
              int         *out_rag,
              GError     **error)
{
  return pw_board_choice_parse (text, rags, PW_N_RAGS, _("a RAG status"), out_rag, error);
}

/* pw-board-action.c — an action in a board's action log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-board-action.h"

struct _PwBoardAction
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwBoardAction, pw_board_action, PW_TYPE_ROW)

static GParamSpec *properties[PW_BOARD_ACTION_N_FIELDS];

static void
pw_board_action_class_init (PwBoardActionClass *klass)
{
  properties[PW_BOARD_ACTION_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_ACTION_LOCALITY_ID] = pw_row_int_pspec ("locality-id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_ACTION_REF] = pw_row_string_pspec ("ref");
  properties[PW_BOARD_ACTION_TEXT] = pw_row_string_pspec ("text");
  properties[PW_BOARD_ACTION_OWNER] = pw_row_string_pspec ("owner");
  properties[PW_BOARD_ACTION_DUE] = pw_row_string_pspec ("due");
  properties[PW_BOARD_ACTION_STATUS] = pw_row_int_pspec ("status", 0, 3, 0);
  properties[PW_BOARD_ACTION_DONE] = pw_row_string_pspec ("done");
  properties[PW_BOARD_ACTION_RAISED] = pw_row_string_pspec ("raised");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_BOARD_ACTION_N_FIELDS);
}

static void
pw_board_action_init (PwBoardAction *self)
{
}

static const char *const statuses[PW_N_ACTION_STATUSES] = {
  N_("Open"), N_("In progress"), N_("Done"), N_("Dropped"),
};

const char *
pw_action_status_name (int status)
{
  return _(statuses[CLAMP (status, 0, PW_N_ACTION_STATUSES - 1)]);
}

gboolean
pw_action_status_parse (const char  *text,
                        int         *out_status,
                        GError     **error)
{
  return pw_board_choice_parse (text, statuses, PW_N_ACTION_STATUSES, _("an action status"), out_status, error);
}

/* Open (or in progress) and due before @today, an ISO date. */
gboolean
pw_board_action_is_overdue (PwBoardAction *self,
                            const char    *today)
{
  PwRow *row = PW_ROW (self);
  const char *due = pw_row_get_string (row, PW_BOARD_ACTION_DUE);

  return PW_ACTION_IS_OPEN (pw_row_get_int (row, PW_BOARD_ACTION_STATUS)) &&
         *due != '\0' && strcmp (due, today) < 0;
}

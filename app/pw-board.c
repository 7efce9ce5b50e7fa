/* pw-board.c — a locality's board: its terms of reference, current stage and counts of what it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-board.h"
#include "pw-parse.h"

struct _PwBoard
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwBoard, pw_board, PW_TYPE_ROW)

static GParamSpec *properties[PW_BOARD_N_FIELDS];

static void
pw_board_class_init (PwBoardClass *klass)
{
  properties[PW_BOARD_LOCALITY_ID] = pw_row_int_pspec ("locality-id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_LOCALITY] = pw_row_string_pspec ("locality");
  properties[PW_BOARD_NAME] = pw_row_string_pspec ("name");
  properties[PW_BOARD_PURPOSE] = pw_row_string_pspec ("purpose");
  properties[PW_BOARD_REPORTS_TO] = pw_row_string_pspec ("reports-to");
  properties[PW_BOARD_FREQUENCY] = pw_row_string_pspec ("frequency");
  properties[PW_BOARD_TOR_VERSION] = pw_row_string_pspec ("tor-version");
  properties[PW_BOARD_TOR_APPROVED] = pw_row_string_pspec ("tor-approved");
  properties[PW_BOARD_TOR_REVIEW] = pw_row_string_pspec ("tor-review");
  properties[PW_BOARD_STAGE] = pw_row_int_pspec ("stage", -1, 3, -1);
  properties[PW_BOARD_STAGE_DATE] = pw_row_string_pspec ("stage-date");
  properties[PW_BOARD_CHAIR] = pw_row_string_pspec ("chair");
  properties[PW_BOARD_MEMBERS] = pw_row_int_pspec ("members", 0, G_MAXINT32, 0);
  properties[PW_BOARD_OPEN_ACTIONS] = pw_row_int_pspec ("open-actions", 0, G_MAXINT32, 0);
  properties[PW_BOARD_OVERDUE_ACTIONS] = pw_row_int_pspec ("overdue-actions", 0, G_MAXINT32, 0);
  properties[PW_BOARD_HIGH_RISKS] = pw_row_int_pspec ("high-risks", 0, G_MAXINT32, 0);
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_BOARD_N_FIELDS);
}

static void
pw_board_init (PwBoard *self)
{
}

static const char *const stages[PW_N_STAGES] = {
  N_("Emerging"), N_("Developing"), N_("Maturing"), N_("Thriving"),
};

const char *
pw_board_stage_name (int stage)
{
  return stage >= 0 && stage < PW_N_STAGES ? _(stages[stage]) : _("Not recorded");
}

gboolean
pw_board_stage_parse (const char  *text,
                      int         *out_stage,
                      GError     **error)
{
  return pw_board_choice_parse (text, stages, PW_N_STAGES, _("a stage"), out_stage, error);
}

/* Lower case, with "_" and "-" read as spaces and runs of spaces as one,
 * so "Vice-chair", "vice_chair" and "Vice  chair" are one word. */
static char *
normalise (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text ? text : "", -1);
  GString *s = g_string_new (NULL);

  for (const char *p = lower; *p; p++)
    {
      char c = (*p == '_' || *p == '-') ? ' ' : *p;
      if (c == ' ' && (s->len == 0 || s->str[s->len - 1] == ' '))
        continue;
      g_string_append_c (s, c);
    }
  if (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

/* Reads one of @names (English, as stored in the table; matched without
 * regard to case, "_" or "-").  The error lists what is accepted. */
gboolean
pw_board_choice_parse (const char  *text,
                       const char  *const *names,
                       guint        n,
                       const char  *what,
                       int         *out,
                       GError     **error)
{
  g_autofree char *s = normalise (text);
  g_autoptr(GString) accepted = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = normalise (names[i]);

      if (strcmp (s, name) == 0)
        return (*out = i, TRUE);
      g_string_append_printf (accepted, "%s%s", i ? ", " : "", name);
    }
  g_set_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID,
               _("“%s” is not %s: use %s"), text ? text : "", what, accepted->str);
  return FALSE;
}

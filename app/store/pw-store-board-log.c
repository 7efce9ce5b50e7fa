/* pw-store-board-log.c — a locality board's business
 *
 * The action log and the risk register, each keyed by a reference unique
 * in the locality, so a re-import updates; and the board's priorities by
 * year.  Writes go through board_begin () / board_finish ()
 * (pw-store-boards.c): one transaction each, logged against the locality
 * and announced as "changed" ("board", locality id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pw-parse.h"
#include "pw-store-boards.h"
#include "pw-store-private.h"

/* ------------------------------------------------------------------ */
/* Actions                                                             */

#define ACTION_COLUMNS \
  "SELECT id, locality_id, ref, text, owner, coalesce(due, ''), status, coalesce(done_on, '')," \
  "       coalesce(raised_on, '') FROM board_action "

static gpointer
action_from_row (PwDbStmt *stmt)
{
  return row_from_columns (stmt, PW_TYPE_BOARD_ACTION);
}

static char *
describe_action (PwBoardAction *a)
{
  PwRow *r = PW_ROW (a);

  if (a == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s · %s · %s · %s", pw_row_get_string (r, PW_BOARD_ACTION_TEXT),
                          pw_row_get_string (r, PW_BOARD_ACTION_OWNER), pw_row_get_string (r, PW_BOARD_ACTION_DUE),
                          pw_action_status_name (pw_row_get_int (r, PW_BOARD_ACTION_STATUS)));
}

static PwBoardAction *
get_action (PwStore *self,
            gint64   action_id)
{
  g_autoptr(GListModel) found = collect (self, query (self, NULL, ACTION_COLUMNS "WHERE id = ?1", "i", action_id),
                                         action_from_row, PW_TYPE_BOARD_ACTION, NULL);

  return found ? only_row (found, "", NULL) : NULL;
}

/* The date an action was done: as given, else today for a done action;
 * none for one not done. */
static char *
done_date (int          status,
           const char  *done)
{
  g_autoptr(GDateTime) now = NULL;

  if (status != PW_ACTION_DONE)
    return g_strdup ("");
  if (done != NULL && *done != '\0')
    return g_strdup (done);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* Logs the action @id as it now stands against @old, and finishes. */
static gboolean
finish_action (PwStore        *self,
               gboolean        ok,
               gint64          locality_id,
               gint64          id,
               PwBoardAction  *old,
               GError        **error)
{
  g_autoptr(PwBoardAction) now = ok ? get_action (self, id) : NULL;
  g_autofree char *before = describe_action (old), *after = describe_action (now);
  g_autofree char *what = g_strdup_printf (_("Action %s"), now ? pw_row_get_string (PW_ROW (now), PW_BOARD_ACTION_REF) : "");

  return board_finish (self, ok, locality_id, what, before, after, error);
}

/**
 * pw_store_put_action:
 * @action: locality, ref, text, owner, due, status, and optionally done and
 *   raised (ISO dates)
 * Adds the action, or updates the one with its reference in the locality.
 * A done action without a date done is dated today; an undone one has none.
 */
gboolean
pw_store_put_action (PwStore        *self,
                     PwBoardAction  *action,
                     gint64         *out_id,
                     GError        **error)
{
  PwRow *r = PW_ROW (action);
  gint64 locality_id = pw_row_get_int (r, PW_BOARD_ACTION_LOCALITY_ID);
  const char *ref = pw_row_get_string (r, PW_BOARD_ACTION_REF);
  int status = pw_row_get_int (r, PW_BOARD_ACTION_STATUS);
  g_autofree char *done = done_date (status, pw_row_get_string (r, PW_BOARD_ACTION_DONE));
  g_autoptr(PwBoardAction) old = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (ref, _("An action’s reference"), error) ||
      !date_ok (pw_row_get_string (r, PW_BOARD_ACTION_DUE), _("The due date"), error) ||
      !date_ok (done, _("The date done"), error) ||
      !date_ok (pw_row_get_string (r, PW_BOARD_ACTION_RAISED), _("The date raised"), error) ||
      !board_begin (self, locality_id, error))
    return FALSE;
  id = find_id (self, "SELECT id FROM board_action WHERE locality_id = ?1 AND ref = trim(?2)", "it", locality_id, ref);
  old = id ? get_action (self, id) : NULL;
  ok = run (self, error, "INSERT INTO board_action (locality_id, ref, text, owner, due, status, done_on, raised_on)"
                         " VALUES (?1, trim(?2), ?3, ?4, ?5, ?6, ?7, ?8)"
                         " ON CONFLICT (locality_id, ref) DO UPDATE SET text = excluded.text, owner = excluded.owner,"
                         "   due = excluded.due, status = excluded.status, done_on = excluded.done_on,"
                         "   raised_on = coalesce(excluded.raised_on, board_action.raised_on), version = board_action.version + 1"
                         " WHERE board_action.text IS NOT excluded.text OR board_action.owner IS NOT excluded.owner OR board_action.due IS NOT excluded.due"
                         "    OR board_action.status IS NOT excluded.status OR board_action.done_on IS NOT excluded.done_on"
                         "    OR board_action.raised_on IS NOT coalesce(excluded.raised_on, board_action.raised_on)",
            "itttei" "ee", locality_id, ref, pw_row_get_string (r, PW_BOARD_ACTION_TEXT),
            pw_row_get_string (r, PW_BOARD_ACTION_OWNER), pw_row_get_string (r, PW_BOARD_ACTION_DUE),
            (gint64) status, done, pw_row_get_string (r, PW_BOARD_ACTION_RAISED));
  if (ok && id == 0)
    id = db_last_id (self);
  if (!finish_action (self, ok, locality_id, id, old, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

/* Moves an action to @status, dated @done (ISO; "" for today when done).
 * Undo is the same call with the old status and date. */
gboolean
pw_store_set_action_status (PwStore     *self,
                            gint64       action_id,
                            int          status,
                            const char  *done,
                            GError     **error)
{
  g_autoptr(PwBoardAction) old = NULL;
  g_autofree char *when = NULL;
  gint64 locality_id;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (status < 0 || status >= PW_N_ACTION_STATUSES)
    return invalid (error, _("There is no such action status"));
  if ((old = get_action (self, action_id)) == NULL)
    return not_found (error, _("There is no such action"));
  when = done_date (status, done);
  locality_id = pw_row_get_int (PW_ROW (old), PW_BOARD_ACTION_LOCALITY_ID);
  if (!date_ok (when, _("The date done"), error) || !board_begin (self, locality_id, error))
    return FALSE;
  return finish_action (self, run (self, error, "UPDATE board_action SET status = ?2, done_on = ?3, version = version + 1"
                                   " WHERE id = ?1 AND (status IS NOT ?2 OR done_on IS NOT ?3)",
                                   "iie", action_id, (gint64) status, when),
                        locality_id, action_id, old, error);
}

/* Returns: (transfer full): the action log by due date (undated last), then reference */
GListModel *
pw_store_list_actions (PwStore  *self,
                       gint64    locality_id,
                       GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, ACTION_COLUMNS "WHERE locality_id = ?1"
                                            " ORDER BY due IS NULL, due, ref", "i", locality_id),
                  action_from_row, PW_TYPE_BOARD_ACTION, error);
}

/* ------------------------------------------------------------------ */
/* Risks                                                               */

static gpointer
risk_from_row (PwDbStmt *stmt)
{
  return row_from_columns (stmt, PW_TYPE_BOARD_RISK);
}

#define RISK_COLUMNS \
  "SELECT id, locality_id, ref, description, likelihood, impact, likelihood * impact, coalesce(target, 0), owner," \
  "       coalesce(review, '') FROM board_risk "

static char *
describe_risk (PwStore *self,
               gint64   id)
{
  g_autoptr(GListModel) found = collect (self, query (self, NULL, RISK_COLUMNS "WHERE id = ?1", "i", id),
                                         risk_from_row, PW_TYPE_BOARD_RISK, NULL);
  g_autoptr(PwRow) r = found ? only_row (found, "", NULL) : NULL;

  if (r == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s · L%d × I%d = %d · %s", pw_row_get_string (r, PW_BOARD_RISK_DESCRIPTION),
                          (int) pw_row_get_int (r, PW_BOARD_RISK_LIKELIHOOD), (int) pw_row_get_int (r, PW_BOARD_RISK_IMPACT),
                          (int) pw_row_get_int (r, PW_BOARD_RISK_SCORE), pw_row_get_string (r, PW_BOARD_RISK_OWNER));
}

/**
 * pw_store_put_risk:
 * @risk: locality, ref, description, likelihood and impact (1–5), owner,
 *   and optionally target score (1–25, 0 for none) and review date
 * Adds the risk, or updates the one with its reference in the locality.
 */
gboolean
pw_store_put_risk (PwStore      *self,
                   PwBoardRisk  *risk,
                   gint64       *out_id,
                   GError      **error)
{
  PwRow *r = PW_ROW (risk);
  gint64 locality_id = pw_row_get_int (r, PW_BOARD_RISK_LOCALITY_ID);
  const char *ref = pw_row_get_string (r, PW_BOARD_RISK_REF);
  g_autofree char *before = NULL, *after = NULL, *what = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (ref, _("A risk’s reference"), error) ||
      !date_ok (pw_row_get_string (r, PW_BOARD_RISK_REVIEW), _("The review date"), error) ||
      !board_begin (self, locality_id, error))
    return FALSE;
  id = find_id (self, "SELECT id FROM board_risk WHERE locality_id = ?1 AND ref = trim(?2)", "it", locality_id, ref);
  before = describe_risk (self, id);
  ok = run (self, error, "INSERT INTO board_risk (locality_id, ref, description, likelihood, impact, target, owner, review)"
                         " VALUES (?1, trim(?2), ?3, ?4, ?5, nullif(?6, 0), ?7, ?8)"
                         " ON CONFLICT (locality_id, ref) DO UPDATE SET description = excluded.description,"
                         "   likelihood = excluded.likelihood, impact = excluded.impact, target = excluded.target,"
                         "   owner = excluded.owner, review = excluded.review, version = board_risk.version + 1"
                         " WHERE board_risk.description IS NOT excluded.description OR board_risk.likelihood IS NOT excluded.likelihood"
                         "    OR board_risk.impact IS NOT excluded.impact OR board_risk.target IS NOT excluded.target"
                         "    OR board_risk.owner IS NOT excluded.owner OR board_risk.review IS NOT excluded.review",
            "ittiii" "te", locality_id, ref, pw_row_get_string (r, PW_BOARD_RISK_DESCRIPTION),
            pw_row_get_int (r, PW_BOARD_RISK_LIKELIHOOD), pw_row_get_int (r, PW_BOARD_RISK_IMPACT),
            pw_row_get_int (r, PW_BOARD_RISK_TARGET), pw_row_get_string (r, PW_BOARD_RISK_OWNER),
            pw_row_get_string (r, PW_BOARD_RISK_REVIEW));
  if (ok && id == 0)
    id = db_last_id (self);
  after = describe_risk (self, id);
  what = g_strdup_printf (_("Risk %s"), ref);
  if (!board_finish (self, ok, locality_id, what, before, after, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

/* Returns: (transfer full): the register, highest score first */
GListModel *
pw_store_list_risks (PwStore  *self,
                     gint64    locality_id,
                     GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, RISK_COLUMNS "WHERE locality_id = ?1"
                                            " ORDER BY likelihood * impact DESC, ref", "i", locality_id),
                  risk_from_row, PW_TYPE_BOARD_RISK, error);
}

/* ------------------------------------------------------------------ */
/* Priorities                                                          */

static gboolean
priority_ok (const char  *text,
             int          rag,
             GError     **error)
{
  if (!name_ok (text, _("A priority"), error))
    return FALSE;
  if (rag < -1 || rag >= PW_N_RAGS)
    return invalid (error, _("A RAG status is red, amber or green"));
  return TRUE;
}

/* Adds a priority for @year; @rag is a PwRag, or -1 when not rated. */
gboolean
pw_store_add_priority (PwStore     *self,
                       gint64       locality_id,
                       int          year,
                       const char  *theme,
                       const char  *text,
                       int          rag,
                       GError     **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!priority_ok (text, rag, error) || !board_begin (self, locality_id, error))
    return FALSE;
  what = g_strdup_printf (_("Priority %s"), theme ? theme : "");
  return board_finish (self, run (self, error, "INSERT INTO board_priority (locality_id, year, theme, text, rag)"
                                               " VALUES (?1, ?2, ?3, ?4, ?5)",
                                  "iittn", locality_id, (gint64) year, theme ? theme : "", text, (gint64) rag),
                       locality_id, what, "", text, error);
}

/* Rewrites the priority @priority_id's theme, text and RAG (-1: not rated). */
gboolean
pw_store_set_priority (PwStore     *self,
                       gint64       priority_id,
                       const char  *theme,
                       const char  *text,
                       int          rag,
                       GError     **error)
{
  gint64 locality_id = owner_of (self, "SELECT locality_id FROM board_priority WHERE id = ?1", priority_id);
  g_autofree char *what = NULL;
  PwFieldWrite w;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (locality_id == 0)
    return not_found (error, _("There is no such priority"));
  if (!priority_ok (text, rag, error))
    return FALSE;
  what = g_strdup_printf (_("Priority %s"), theme ? theme : "");
  /* theme, text and rating are saved together: one field */
  field_write_init (&w, "board_priority", "priority", what, 0, "%" G_GINT64_FORMAT, priority_id);
  if (!board_field_begin (self, &w, locality_id, text, error))
    return FALSE;
  ok = board_finish (self, run (self, error, "UPDATE board_priority SET theme = ?2, text = ?3, rag = ?4,"
                                             " version = version + 1"
                                             " WHERE id = ?1 AND (theme IS NOT ?2 OR text IS NOT ?3 OR rag IS NOT ?4)",
                                "ittn", priority_id, theme ? theme : "", text, (gint64) rag),
                     locality_id, what, "", text, error);
  return field_finish (self, ok, &w, text, error);
}

static gpointer
priority_from_row (PwDbStmt *stmt)
{
  return row_from_columns (stmt, PW_TYPE_BOARD_PRIORITY);
}

/* Returns: (transfer full): the board's priorities for @year, in the order added */
GListModel *
pw_store_list_priorities (PwStore  *self,
                          gint64    locality_id,
                          int       year,
                          GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, "SELECT id, locality_id, year, theme, text, coalesce(rag, -1)"
                                            "  FROM board_priority WHERE locality_id = ?1 AND year = ?2 ORDER BY id",
                               "ii", locality_id, (gint64) year),
                  priority_from_row, PW_TYPE_BOARD_PRIORITY, error);
}

/* ------------------------------------------------------------------ */
/* Removing an entry added by mistake, and putting it back             */

/* Deletes the row @delete_sql (?1 = @id) names from @locality_id's board,
 * logged as "@what: @described → (nothing)". */
static gboolean
remove_entry (PwStore     *self,
              gint64       locality_id,
              const char  *delete_sql,
              gint64       id,
              const char  *what,
              const char  *described,
              GError     **error)
{
  if (!board_begin (self, locality_id, error))
    return FALSE;
  return board_finish (self, run (self, error, delete_sql, "i", id), locality_id, what, described, "", error);
}

static char *
describe_stage (PwRow *r)
{
  return g_strdup_printf ("%s (%s)", pw_board_stage_name (pw_row_get_int (r, PW_BOARD_STEP_STAGE)),
                          pw_row_get_string (r, PW_BOARD_STEP_DATE));
}

/* Removes a step of the board's stage history; the board's stage is then
 * the latest step left. */
gboolean
pw_store_remove_board_stage (PwStore      *self,
                             PwBoardStep  *step,
                             GError      **error)
{
  PwRow *r = PW_ROW (step);
  g_autofree char *described = describe_stage (r);

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  return remove_entry (self, pw_row_get_int (r, PW_BOARD_STEP_LOCALITY_ID), "DELETE FROM board_stage WHERE id = ?1",
                       pw_row_get_int (r, PW_BOARD_STEP_ID), _("Board stage"), described, error);
}

/* Puts back a step removed by pw_store_remove_board_stage (), with its id,
 * so the history reads as it did. */
gboolean
pw_store_restore_board_stage (PwStore      *self,
                              PwBoardStep  *step,
                              GError      **error)
{
  PwRow *r = PW_ROW (step);
  gint64 locality_id = pw_row_get_int (r, PW_BOARD_STEP_LOCALITY_ID);
  g_autofree char *described = describe_stage (r);

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!board_begin (self, locality_id, error))
    return FALSE;
  return board_finish (self, run (self, error, "INSERT INTO board_stage (id, locality_id, stage, on_date, why)"
                                               " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING",
                                  "iiitt", pw_row_get_int (r, PW_BOARD_STEP_ID), locality_id,
                                  pw_row_get_int (r, PW_BOARD_STEP_STAGE), pw_row_get_string (r, PW_BOARD_STEP_DATE),
                                  pw_row_get_string (r, PW_BOARD_STEP_WHY)),
                       locality_id, _("Board stage"), "", described, error);
}

/* The locality of the meeting that took @decision, or 0 (and @error) when
 * the meeting is gone. */
static gint64
decision_locality (PwStore          *self,
                   PwBoardDecision  *decision,
                   GError          **error)
{
  gint64 locality_id = owner_of (self, "SELECT locality_id FROM board_meeting WHERE id = ?1",
                                 pw_row_get_int (PW_ROW (decision), PW_BOARD_DECISION_MEETING_ID));

  if (locality_id == 0)
    not_found (error, _("There is no such meeting"));
  return locality_id;
}

gboolean
pw_store_remove_decision (PwStore          *self,
                          PwBoardDecision  *decision,
                          GError          **error)
{
  gint64 locality_id;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((locality_id = decision_locality (self, decision, error)) == 0)
    return FALSE;
  return remove_entry (self, locality_id, "DELETE FROM board_decision WHERE id = ?1",
                       pw_row_get_int (PW_ROW (decision), PW_BOARD_DECISION_ID), _("Board decision"),
                       pw_row_get_string (PW_ROW (decision), PW_BOARD_DECISION_TEXT), error);
}

/* Puts back a decision removed by pw_store_remove_decision (), with its id,
 * so it keeps its place among the meeting's decisions. */
gboolean
pw_store_restore_decision (PwStore          *self,
                           PwBoardDecision  *decision,
                           GError          **error)
{
  PwRow *r = PW_ROW (decision);
  gint64 locality_id;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((locality_id = decision_locality (self, decision, error)) == 0 || !board_begin (self, locality_id, error))
    return FALSE;
  return board_finish (self, run (self, error, "INSERT INTO board_decision (id, meeting_id, ref, text)"
                                               " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING",
                                  "iitt", pw_row_get_int (r, PW_BOARD_DECISION_ID),
                                  pw_row_get_int (r, PW_BOARD_DECISION_MEETING_ID),
                                  pw_row_get_string (r, PW_BOARD_DECISION_REF), pw_row_get_string (r, PW_BOARD_DECISION_TEXT)),
                       locality_id, _("Board decision"), "", pw_row_get_string (r, PW_BOARD_DECISION_TEXT), error);
}

gboolean
pw_store_remove_priority (PwStore          *self,
                          PwBoardPriority  *priority,
                          GError          **error)
{
  PwRow *r = PW_ROW (priority);
  g_autofree char *what = g_strdup_printf (_("Priority %s"), pw_row_get_string (r, PW_BOARD_PRIORITY_THEME));

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  return remove_entry (self, pw_row_get_int (r, PW_BOARD_PRIORITY_LOCALITY_ID), "DELETE FROM board_priority WHERE id = ?1",
                       pw_row_get_int (r, PW_BOARD_PRIORITY_ID), what, pw_row_get_string (r, PW_BOARD_PRIORITY_TEXT), error);
}

/* Puts back a priority removed by pw_store_remove_priority (), with its id,
 * so it keeps its place in the year's list. */
gboolean
pw_store_restore_priority (PwStore          *self,
                           PwBoardPriority  *priority,
                           GError          **error)
{
  PwRow *r = PW_ROW (priority);
  gint64 locality_id = pw_row_get_int (r, PW_BOARD_PRIORITY_LOCALITY_ID);
  g_autofree char *what = g_strdup_printf (_("Priority %s"), pw_row_get_string (r, PW_BOARD_PRIORITY_THEME));

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!board_begin (self, locality_id, error))
    return FALSE;
  return board_finish (self, run (self, error, "INSERT INTO board_priority (id, locality_id, year, theme, text, rag)"
                                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING",
                                  "iiittn", pw_row_get_int (r, PW_BOARD_PRIORITY_ID), locality_id,
                                  pw_row_get_int (r, PW_BOARD_PRIORITY_YEAR), pw_row_get_string (r, PW_BOARD_PRIORITY_THEME),
                                  pw_row_get_string (r, PW_BOARD_PRIORITY_TEXT), pw_row_get_int (r, PW_BOARD_PRIORITY_RAG)),
                       locality_id, what, "", pw_row_get_string (r, PW_BOARD_PRIORITY_TEXT), error);
}

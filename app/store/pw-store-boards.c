/* pw-store-boards.c — locality boards
 *
 * One board per locality (made on its first write): its terms of
 * reference and a dated history of its stage of development; members by
 * organisation and sector, kept when they leave; meetings with attendance
 * and decisions (the action log, risks and priorities are in
 * pw-store-board-log.c).  Every write is one transaction, logged in
 * change_log against the locality and announced as "changed" ("board",
 * locality id).
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
/* Writing                                                             */

/* The locality a row of @table (with a locality_id column) belongs to,
 * or 0 when there is no such row. */
gint64
owner_of (PwStore    *self,
          const char *sql,
          gint64      id)
{
  PwDbStmt *stmt = query (self, NULL, sql, "i", id);
  gint64 locality_id = 0;

  if (stmt != NULL && db_step (stmt) == DB_ROW)
    locality_id = db_int64 (stmt, 0);
  if (stmt != NULL)
    db_reset (stmt);
  return locality_id;
}

gboolean
not_found (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* Opens a write on @locality_id's board, making the board if it has none;
 * self->write_mark then says whether the write itself changed rows. */
gboolean
board_begin (PwStore  *self,
             gint64    locality_id,
             GError  **error)
{
  if (owner_of (self, "SELECT id FROM locality WHERE id = ?1", locality_id) == 0)
    return not_found (error, _("There is no such locality"));
  if (!pw_store_begin (self, error))
    return FALSE;
  if (!run (self, error, "INSERT INTO board (locality_id) VALUES (?1) ON CONFLICT DO NOTHING", "i", locality_id))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  self->write_mark = db_total_changes (self);
  return TRUE;
}

/* Opens a checked write of one field of a board or its entries (see
 * field_begin ()), inside which board_begin () and board_finish () nest. */
gboolean
board_field_begin (PwStore       *self,
                   PwFieldWrite  *w,
                   gint64         locality_id,
                   const char    *value,
                   GError       **error)
{
  if (!field_begin (self, w, value, error))
    return FALSE;
  return board_begin (self, locality_id, error) || (pw_store_rollback (self), FALSE);
}

/* Ends a write opened by board_begin (): when @ok and rows changed, logs
 * "@what: @old_value → @new_value" against the locality and commits;
 * otherwise rolls back (a write that changed nothing is not logged). */
gboolean
board_finish (PwStore     *self,
              gboolean     ok,
              gint64       locality_id,
              const char  *what,
              const char  *old_value,
              const char  *new_value,
              GError     **error)
{
  g_autofree char *at = now_iso ();

  if (ok && db_total_changes (self) != self->write_mark)
    {
      ok = run (self, error,
                "INSERT INTO change_log (at, user, locality_id, what, old_value, new_value)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                "ttittt", at, g_get_user_name (), locality_id, what,
                old_value ? old_value : "", new_value ? new_value : "");
      if (ok)
        note_change (self, "board", locality_id);
    }
  if (!ok)
    {
      pw_store_rollback (self);
      return FALSE;
    }
  return pw_store_commit (self, error);
}

/* A date as stored: ISO, or NULL for "" (no date). */
gboolean
date_ok (const char  *iso,
         const char  *what,
         GError     **error)
{
  int y, m, d;
  char end;

  if (iso == NULL || *iso == '\0' ||
      (sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && strlen (iso) == 10 && g_date_valid_dmy (d, m, y)))
    return TRUE;
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, _("%s must be a date such as 2026-03-31"), what);
  return FALSE;
}

/* The id of the row @sql (bound with @types …) finds, or 0. */
gint64
find_id (PwStore    *self,
         const char *sql,
         const char *types,
         ...)
{
  va_list ap;
  PwDbStmt *stmt;
  gint64 id = 0;

  va_start (ap, types);
  stmt = prepare_v (self, NULL, sql, types, ap);
  va_end (ap);
  if (stmt != NULL && db_step (stmt) == DB_ROW)
    id = db_int64 (stmt, 0);
  if (stmt != NULL)
    db_reset (stmt);
  return id;
}

/* A row of @type from @stmt: its columns hold the type's properties, in
 * their order (PwRow property ids count from 1). */
gpointer
row_from_columns (PwDbStmt *stmt,
                  GType         type)
{
  PwRow *row = g_object_new (type, NULL);
  PwRowClass *klass = PW_ROW_GET_CLASS (row);

  for (int c = 0; c < db_column_count (stmt) && (guint) c + 1 < klass->n_props; c++)
    {
      GParamSpec *pspec = klass->pspecs[c + 1];

      if (pspec->value_type == G_TYPE_INT64)
        g_object_set (row, pspec->name, (gint64) db_int64 (stmt, c), NULL);
      else
        g_object_set (row, pspec->name, db_text (stmt, c), NULL);
    }
  return row;
}

/* ------------------------------------------------------------------ */
/* Boards                                                              */

/* A member is current on @today (?2) unless they left on or before it. */
#define CURRENT_MEMBER " (m.left_on IS NULL OR m.left_on > ?2)"

static const char sql_boards[] =
  "SELECT l.id, l.name, coalesce(b.name, ''), coalesce(b.purpose, ''), coalesce(b.reports_to, ''),"
  "       coalesce(b.frequency, ''), coalesce(b.tor_version, ''), coalesce(b.tor_approved, ''),"
  "       coalesce(b.tor_review, ''), coalesce(s.stage, -1), coalesce(s.on_date, ''),"
  "       coalesce((SELECT m.name FROM board_member m WHERE m.locality_id = l.id AND m.role = 0"
  "                   AND" CURRENT_MEMBER " ORDER BY m.joined DESC, m.id DESC LIMIT 1), ''),"
  "       (SELECT count(*) FROM board_member m WHERE m.locality_id = l.id AND" CURRENT_MEMBER "),"
  "       (SELECT count(*) FROM board_action a WHERE a.locality_id = l.id AND a.status <= 1),"
  "       (SELECT count(*) FROM board_action a WHERE a.locality_id = l.id AND a.status <= 1 AND a.due < ?2),"
  "       (SELECT count(*) FROM board_risk r WHERE r.locality_id = l.id AND r.likelihood * r.impact >= 12)"
  "  FROM locality l LEFT JOIN board b ON b.locality_id = l.id"
  "  LEFT JOIN board_stage s ON s.id = (SELECT id FROM board_stage WHERE locality_id = l.id"
  "                                      ORDER BY on_date DESC, id DESC LIMIT 1)"
  " WHERE ?1 = 0 OR l.id = ?1 ORDER BY l.name";

static gpointer
board_from_row (PwDbStmt *stmt)
{
  return row_from_columns (stmt, PW_TYPE_BOARD);
}

/**
 * pw_store_list_boards:
 * @locality_id: one locality, or 0 for all
 * Returns: (transfer full): a board per locality, by name (a locality
 * whose board holds nothing yet has an empty one), with its counts on @today
 */
GListModel *
pw_store_list_boards (PwStore     *self,
                      gint64       locality_id,
                      const char  *today,
                      GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, sql_boards, "it", locality_id, today),
                  board_from_row, PW_TYPE_BOARD, error);
}

/* Returns: (transfer full): @locality_id's board */
PwBoard *
pw_store_get_board (PwStore     *self,
                    gint64       locality_id,
                    const char  *today,
                    GError     **error)
{
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  if (locality_id == 0)
    {
      not_found (error, _("There is no such locality"));
      return NULL;
    }
  found = pw_store_list_boards (self, locality_id, today, error);
  return only_row (found, _("There is no such locality"), error);
}

static const struct
{
  const char *sql;
  const char *label;
  gboolean date;
} board_texts[] = {
  [PW_BOARD_NAME] = { "UPDATE board SET name = ?2, version = version + 1 WHERE locality_id = ?1 AND name IS NOT ?2", N_("Board name"), FALSE },
  [PW_BOARD_PURPOSE] = { "UPDATE board SET purpose = ?2, version = version + 1 WHERE locality_id = ?1 AND purpose IS NOT ?2", N_("Board purpose"), FALSE },
  [PW_BOARD_REPORTS_TO] = { "UPDATE board SET reports_to = ?2, version = version + 1 WHERE locality_id = ?1 AND reports_to IS NOT ?2", N_("Board reports to"), FALSE },
  [PW_BOARD_FREQUENCY] = { "UPDATE board SET frequency = ?2, version = version + 1 WHERE locality_id = ?1 AND frequency IS NOT ?2", N_("Board meets"), FALSE },
  [PW_BOARD_TOR_VERSION] = { "UPDATE board SET tor_version = ?2, version = version + 1 WHERE locality_id = ?1 AND tor_version IS NOT ?2",
                             N_("Terms of reference version"), FALSE },
  [PW_BOARD_TOR_APPROVED] = { "UPDATE board SET tor_approved = nullif(?2, ''), version = version + 1"
                              " WHERE locality_id = ?1 AND tor_approved IS NOT nullif(?2, '')",
                              N_("Terms of reference approved"), TRUE },
  [PW_BOARD_TOR_REVIEW] = { "UPDATE board SET tor_review = nullif(?2, ''), version = version + 1"
                              " WHERE locality_id = ?1 AND tor_review IS NOT nullif(?2, '')",
                            N_("Terms of reference review"), TRUE },
};

/**
 * pw_store_set_board_text:
 * @field: one of the board's own texts, PW_BOARD_NAME … PW_BOARD_TOR_REVIEW
 * @value: the text; for the two dates, ISO or ""
 */
gboolean
pw_store_set_board_text (PwStore       *self,
                         gint64         locality_id,
                         PwBoardField   field,
                         const char    *value,
                         GError       **error)
{
  g_autoptr(PwBoard) old = NULL;
  const char *label;
  PwFieldWrite w;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (field >= PW_BOARD_NAME && field <= PW_BOARD_TOR_REVIEW, FALSE);

  label = _(board_texts[field].label);
  value = value ? value : "";
  if ((board_texts[field].date && !date_ok (value, label, error)) || !g_utf8_validate (value, -1, NULL) ||
      (old = pw_store_get_board (self, locality_id, "", error)) == NULL)
    return FALSE;
  field_write_init (&w, "board", board_texts[field].label, label, 0, "%" G_GINT64_FORMAT, locality_id);
  if (!board_field_begin (self, &w, locality_id, value, error))
    return FALSE;
  ok = board_finish (self, run (self, error, board_texts[field].sql, "it", locality_id, value), locality_id,
                     label, pw_row_get_string (PW_ROW (old), field), value, error);
  return field_finish (self, ok, &w, value, error);
}

/* Records that the board reached @stage on @date (ISO), and why. */
gboolean
pw_store_set_board_stage (PwStore     *self,
                          gint64       locality_id,
                          int          stage,
                          const char  *date,
                          const char  *why,
                          GError     **error)
{
  g_autoptr(PwBoard) old = NULL;
  g_autofree char *logged = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (stage < 0 || stage >= PW_N_STAGES)
    return invalid (error, _("There is no such stage of development"));
  if (date == NULL || *date == '\0')
    return invalid (error, _("A stage needs the date the board reached it"));
  if (!date_ok (date, _("The stage’s date"), error) ||
      (old = pw_store_get_board (self, locality_id, "", error)) == NULL || !board_begin (self, locality_id, error))
    return FALSE;
  logged = g_strdup_printf ("%s (%s)", pw_board_stage_name (stage), date);
  return board_finish (self, run (self, error, "INSERT INTO board_stage (locality_id, stage, on_date, why)"
                                               " VALUES (?1, ?2, ?3, ?4)",
                                  "iitt", locality_id, (gint64) stage, date, why ? why : ""),
                       locality_id, _("Board stage"),
                       pw_row_get_int (PW_ROW (old), PW_BOARD_STAGE) < 0 ? "" : pw_board_stage_name (pw_row_get_int (PW_ROW (old), PW_BOARD_STAGE)),
                       logged, error);
}

static gpointer
stage_from_row (PwDbStmt *stmt)
{
  return row_from_columns (stmt, PW_TYPE_BOARD_STEP);
}

/* Returns: (transfer full): the board's stages, latest first */
GListModel *
pw_store_list_board_stages (PwStore  *self,
                            gint64    locality_id,
                            GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, "SELECT id, locality_id, stage, on_date, why FROM board_stage"
                                            " WHERE locality_id = ?1 ORDER BY on_date DESC, id DESC",
                               "i", locality_id),
                  stage_from_row, PW_TYPE_BOARD_STEP, error);
}

/* A locality whose board holds anything is not deleted or merged away:
 * its board would go with it, beyond undo. */
gboolean
check_no_board (PwStore     *self,
                PwLocality  *locality,
                GError     **error)
{
  if (owner_of (self, "SELECT locality_id FROM board WHERE locality_id = ?1", pw_locality_get_id (locality)) == 0)
    return TRUE;
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
               _("Cannot remove the locality “%s”: it has a locality board with its members, meetings, "
                 "actions and risks. Keep the locality."), pw_locality_get_name (locality));
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Members                                                             */

#define MEMBER_COLUMNS \
  "SELECT m.id, m.locality_id, m.name, o.name, o.sector, m.role, m.represents," \
  "       coalesce(m.joined, ''), coalesce(m.left_on, '')" \
  "  FROM board_member m JOIN organisation o ON o.id = m.organisation_id "

static gpointer
member_from_row (PwDbStmt *stmt)
{
  return row_from_columns (stmt, PW_TYPE_BOARD_MEMBER);
}

static char *
describe_member (PwBoardMember *m)
{
  PwRow *r = PW_ROW (m);
  const char *left = pw_row_get_string (r, PW_BOARD_MEMBER_LEFT);

  return g_strdup_printf ("%s, %s (%s), %s%s%s", pw_row_get_string (r, PW_BOARD_MEMBER_NAME),
                          pw_row_get_string (r, PW_BOARD_MEMBER_ORGANISATION),
                          pw_sector_name (pw_row_get_int (r, PW_BOARD_MEMBER_SECTOR)),
                          pw_board_role_name (pw_row_get_int (r, PW_BOARD_MEMBER_ROLE)),
                          *left ? _(", left ") : "", left);
}

static PwBoardMember *
get_member (PwStore *self,
            gint64   member_id)
{
  g_autoptr(GListModel) found = collect (self, query (self, NULL, MEMBER_COLUMNS "WHERE m.id = ?1", "i", member_id),
                                         member_from_row, PW_TYPE_BOARD_MEMBER, NULL);

  return found ? only_row (found, "", NULL) : NULL;
}

/* Makes @member's organisation if new; it takes @member's sector. */
static gboolean
put_organisation (PwStore        *self,
                  PwBoardMember  *member,
                  GError        **error)
{
  return run (self, error, "INSERT INTO organisation (name, sector) VALUES (trim(?1), ?2)"
                           " ON CONFLICT (name) DO UPDATE SET sector = excluded.sector WHERE organisation.sector <> excluded.sector",
              "ti", pw_row_get_string (PW_ROW (member), PW_BOARD_MEMBER_ORGANISATION),
              pw_row_get_int (PW_ROW (member), PW_BOARD_MEMBER_SECTOR));
}

/**
 * pw_store_put_member:
 * @member: the member's locality, name, organisation, sector, role, and
 *   optionally what they represent and when they joined and left
 * Adds a member, or updates the one of that name and organisation in the
 * locality.  The organisation is made if new, and takes @member's sector.
 * A blank "represents", "joined" or "left" keeps what is stored.
 */
gboolean
pw_store_put_member (PwStore        *self,
                     PwBoardMember  *member,
                     gint64         *out_id,
                     GError        **error)
{
  PwRow *r = PW_ROW (member);
  gint64 locality_id = pw_row_get_int (r, PW_BOARD_MEMBER_LOCALITY_ID);
  const char *name = pw_row_get_string (r, PW_BOARD_MEMBER_NAME);
  const char *organisation = pw_row_get_string (r, PW_BOARD_MEMBER_ORGANISATION);
  g_autoptr(PwBoardMember) old = NULL, now = NULL;
  g_autofree char *before = NULL, *after = NULL, *what = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (name, _("A member’s name"), error) || !name_ok (organisation, _("A member’s organisation"), error) ||
      !date_ok (pw_row_get_string (r, PW_BOARD_MEMBER_JOINED), _("The date joined"), error) ||
      !date_ok (pw_row_get_string (r, PW_BOARD_MEMBER_LEFT), _("The date left"), error) ||
      !board_begin (self, locality_id, error))
    return FALSE;
  id = find_id (self, "SELECT m.id FROM board_member m JOIN organisation o ON o.id = m.organisation_id"
                      " WHERE m.locality_id = ?1 AND m.name = trim(?2) AND o.name = trim(?3)",
                "itt", locality_id, name, organisation);
  old = id ? get_member (self, id) : NULL;
  ok = put_organisation (self, member, error) &&
       run (self, error, "INSERT INTO board_member (locality_id, name, organisation_id, role, represents, joined, left_on)"
                         " VALUES (?1, trim(?2), (SELECT id FROM organisation WHERE name = trim(?3)), ?4, ?5, ?6, ?7)"
                         " ON CONFLICT (locality_id, name, organisation_id) DO UPDATE SET role = excluded.role,"
                         "   represents = coalesce(nullif(excluded.represents, ''), board_member.represents),"
                         "   joined = coalesce(excluded.joined, board_member.joined),"
                         "   left_on = coalesce(excluded.left_on, board_member.left_on), version = board_member.version + 1"
                         " WHERE board_member.role IS NOT excluded.role"
                         "    OR board_member.represents IS NOT coalesce(nullif(excluded.represents, ''), board_member.represents)"
                         "    OR board_member.joined IS NOT coalesce(excluded.joined, board_member.joined)"
                         "    OR board_member.left_on IS NOT coalesce(excluded.left_on, board_member.left_on)",
            "ittite" "e", locality_id, name, organisation, pw_row_get_int (r, PW_BOARD_MEMBER_ROLE),
            pw_row_get_string (r, PW_BOARD_MEMBER_REPRESENTS), pw_row_get_string (r, PW_BOARD_MEMBER_JOINED),
            pw_row_get_string (r, PW_BOARD_MEMBER_LEFT));
  if (ok && id == 0)
    id = db_last_id (self);
  if (ok && (now = get_member (self, id)) != NULL)
    after = describe_member (now);
  before = old ? describe_member (old) : g_strdup ("");
  what = g_strdup_printf (_("Board member %s"), name);
  if (!board_finish (self, ok, locality_id, what, before, after, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

/**
 * pw_store_update_member:
 * @member: the member's name, organisation, sector, role, represents,
 *   joined and left, all as they are to be ("" clears a date)
 * Corrects the member @member_id in place (a renamed member stays the same
 * member, with their attendance); the organisation is made if new.
 */
gboolean
pw_store_update_member (PwStore        *self,
                        gint64          member_id,
                        PwBoardMember  *member,
                        GError        **error)
{
  PwRow *r = PW_ROW (member);
  const char *name = pw_row_get_string (r, PW_BOARD_MEMBER_NAME);
  const char *organisation = pw_row_get_string (r, PW_BOARD_MEMBER_ORGANISATION);
  g_autoptr(PwBoardMember) old = NULL, now = NULL;
  g_autofree char *before = NULL, *after = NULL, *what = NULL;
  gint64 locality_id;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((old = get_member (self, member_id)) == NULL)
    return not_found (error, _("There is no such board member"));
  locality_id = pw_row_get_int (PW_ROW (old), PW_BOARD_MEMBER_LOCALITY_ID);
  if (!name_ok (name, _("A member’s name"), error) || !name_ok (organisation, _("A member’s organisation"), error) ||
      !date_ok (pw_row_get_string (r, PW_BOARD_MEMBER_JOINED), _("The date joined"), error) ||
      !date_ok (pw_row_get_string (r, PW_BOARD_MEMBER_LEFT), _("The date left"), error))
    return FALSE;
  if (find_id (self, "SELECT m.id FROM board_member m JOIN organisation o ON o.id = m.organisation_id"
                     " WHERE m.locality_id = ?1 AND m.name = trim(?2) AND o.name = trim(?3) AND m.id <> ?4",
               "itti", locality_id, name, organisation, member_id) != 0)
    return invalid (error, _("The board already has a member of that name from that organisation"));
  if (!board_begin (self, locality_id, error))
    return FALSE;
  ok = put_organisation (self, member, error) &&
       run (self, error, "UPDATE board_member SET name = trim(?2),"
                         "   organisation_id = (SELECT id FROM organisation WHERE name = trim(?3)),"
                         "   role = ?4, represents = ?5, joined = ?6, left_on = ?7, version = version + 1"
                         " WHERE id = ?1 AND (name IS NOT trim(?2) OR role IS NOT ?4 OR represents IS NOT ?5"
                         "   OR joined IS NOT ?6 OR left_on IS NOT ?7"
                         "   OR organisation_id IS NOT (SELECT id FROM organisation WHERE name = trim(?3)))",
            "ittite" "e", member_id, name, organisation, pw_row_get_int (r, PW_BOARD_MEMBER_ROLE),
            pw_row_get_string (r, PW_BOARD_MEMBER_REPRESENTS), pw_row_get_string (r, PW_BOARD_MEMBER_JOINED),
            pw_row_get_string (r, PW_BOARD_MEMBER_LEFT));
  if (ok && (now = get_member (self, member_id)) != NULL)
    after = describe_member (now);
  before = describe_member (old);
  what = g_strdup_printf (_("Board member %s"), name);
  return board_finish (self, ok, locality_id, what, before, after, error);
}

/* Records that a member left on @left (ISO), or "" to undo it: a member
 * who leaves is kept, so past meetings still show who attended. */
gboolean
pw_store_set_member_left (PwStore     *self,
                          gint64       member_id,
                          const char  *left,
                          GError     **error)
{
  g_autoptr(PwBoardMember) old = NULL;
  g_autofree char *what = NULL;
  gint64 locality_id;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((old = get_member (self, member_id)) == NULL)
    return not_found (error, _("There is no such board member"));
  locality_id = pw_row_get_int (PW_ROW (old), PW_BOARD_MEMBER_LOCALITY_ID);
  if (!date_ok (left, _("The date left"), error) || !board_begin (self, locality_id, error))
    return FALSE;
  what = g_strdup_printf (_("Board member %s: left"), pw_row_get_string (PW_ROW (old), PW_BOARD_MEMBER_NAME));
  return board_finish (self, run (self, error, "UPDATE board_member SET left_on = ?2, version = version + 1 WHERE id = ?1 AND left_on IS NOT ?2",
                                  "ie", member_id, left ? left : ""),
                       locality_id, what, pw_row_get_string (PW_ROW (old), PW_BOARD_MEMBER_LEFT), left, error);
}

/**
 * pw_store_list_members:
 * @today: (nullable): list only members current on this ISO date, or
 *   %NULL for everyone who ever sat on the board
 * Returns: (transfer full): by sector, role and name
 */
GListModel *
pw_store_list_members (PwStore     *self,
                       gint64       locality_id,
                       const char  *today,
                       GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, MEMBER_COLUMNS "WHERE m.locality_id = ?1"
                                            " AND (?2 IS NULL OR" CURRENT_MEMBER ")"
                                            " ORDER BY o.sector, m.role, m.name, o.name",
                               "it", locality_id, today),
                  member_from_row, PW_TYPE_BOARD_MEMBER, error);
}

/* ------------------------------------------------------------------ */
/* Meetings                                                            */

#define MEETING_COLUMNS \
  "SELECT id, locality_id, held_on, quorate, notes," \
  "       (SELECT count(*) FROM board_attendance WHERE meeting_id = board_meeting.id)" \
  "  FROM board_meeting "

static gpointer
meeting_from_row (PwDbStmt *stmt)
{
  return row_from_columns (stmt, PW_TYPE_BOARD_MEETING);
}

gboolean
pw_store_add_meeting (PwStore     *self,
                      gint64       locality_id,
                      const char  *date,
                      gboolean     quorate,
                      const char  *notes,
                      gint64      *out_id,
                      GError     **error)
{
  gint64 id;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (date == NULL || *date == '\0')
    return invalid (error, _("A meeting needs its date"));
  if (!date_ok (date, _("The meeting’s date"), error) || !board_begin (self, locality_id, error))
    return FALSE;
  if (!run (self, error, "INSERT INTO board_meeting (locality_id, held_on, quorate, notes) VALUES (?1, ?2, ?3, ?4)",
            "itit", locality_id, date, (gint64) (quorate != FALSE), notes ? notes : ""))
    return board_finish (self, FALSE, locality_id, NULL, NULL, NULL, error);
  id = db_last_id (self);
  if (!board_finish (self, TRUE, locality_id, _("Board meeting"), "", date, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

static gint64
meeting_locality (PwStore  *self,
                  gint64    meeting_id,
                  GError  **error)
{
  gint64 locality_id = owner_of (self, "SELECT locality_id FROM board_meeting WHERE id = ?1", meeting_id);

  if (locality_id == 0)
    not_found (error, _("There is no such meeting"));
  return locality_id;
}

/* Records whether @member_id attended @meeting_id. */
gboolean
pw_store_set_attendance (PwStore   *self,
                         gint64     meeting_id,
                         gint64     member_id,
                         gboolean   present,
                         GError   **error)
{
  g_autoptr(PwBoardMember) member = NULL;
  g_autofree char *what = NULL;
  gint64 locality_id;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((locality_id = meeting_locality (self, meeting_id, error)) == 0)
    return FALSE;
  member = get_member (self, member_id);
  if (member == NULL || pw_row_get_int (PW_ROW (member), PW_BOARD_MEMBER_LOCALITY_ID) != locality_id)
    return invalid (error, _("Only a member of this board can be recorded as attending its meeting"));
  if (!board_begin (self, locality_id, error))
    return FALSE;
  ok = present ? run (self, error, "INSERT INTO board_attendance (meeting_id, member_id) VALUES (?1, ?2)"
                                   " ON CONFLICT DO NOTHING", "ii", meeting_id, member_id)
               : run (self, error, "DELETE FROM board_attendance WHERE meeting_id = ?1 AND member_id = ?2",
                      "ii", meeting_id, member_id);
  what = g_strdup_printf (_("Attendance of %s"), pw_row_get_string (PW_ROW (member), PW_BOARD_MEMBER_NAME));
  return board_finish (self, ok, locality_id, what, present ? _("absent") : _("present"),
                       present ? _("present") : _("absent"), error);
}

gboolean
pw_store_add_decision (PwStore     *self,
                       gint64       meeting_id,
                       const char  *ref,
                       const char  *text,
                       GError     **error)
{
  gint64 locality_id;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (text, _("A decision"), error) || (locality_id = meeting_locality (self, meeting_id, error)) == 0 ||
      !board_begin (self, locality_id, error))
    return FALSE;
  return board_finish (self, run (self, error, "INSERT INTO board_decision (meeting_id, ref, text) VALUES (?1, ?2, ?3)",
                                  "itt", meeting_id, ref ? ref : "", text),
                       locality_id, _("Board decision"), "", text, error);
}

/* Corrects a meeting's date, quorum and notes. */
gboolean
pw_store_set_meeting (PwStore     *self,
                      gint64       meeting_id,
                      const char  *date,
                      gboolean     quorate,
                      const char  *notes,
                      GError     **error)
{
  gint64 locality_id;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (date == NULL || *date == '\0')
    return invalid (error, _("A meeting needs its date"));
  if (!date_ok (date, _("The meeting’s date"), error) || (locality_id = meeting_locality (self, meeting_id, error)) == 0 ||
      !board_begin (self, locality_id, error))
    return FALSE;
  return board_finish (self, run (self, error, "UPDATE board_meeting SET held_on = ?2, quorate = ?3, notes = ?4, version = version + 1"
                                               " WHERE id = ?1 AND (held_on IS NOT ?2 OR quorate IS NOT ?3 OR notes IS NOT ?4)",
                                  "itit", meeting_id, date, (gint64) (quorate != FALSE), notes ? notes : ""),
                       locality_id, _("Board meeting"), "", date, error);
}

/* Returns: (transfer full): the board's meetings, latest first */
GListModel *
pw_store_list_meetings (PwStore  *self,
                        gint64    locality_id,
                        GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, MEETING_COLUMNS "WHERE locality_id = ?1 ORDER BY held_on DESC, id DESC",
                               "i", locality_id),
                  meeting_from_row, PW_TYPE_BOARD_MEETING, error);
}

/* Returns: (transfer full): the members present at @meeting_id, by name */
GListModel *
pw_store_list_attendees (PwStore  *self,
                         gint64    meeting_id,
                         GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, MEMBER_COLUMNS "JOIN board_attendance t ON t.member_id = m.id"
                                            " WHERE t.meeting_id = ?1 ORDER BY m.name",
                               "i", meeting_id),
                  member_from_row, PW_TYPE_BOARD_MEMBER, error);
}

static gpointer
decision_from_row (PwDbStmt *stmt)
{
  return row_from_columns (stmt, PW_TYPE_BOARD_DECISION);
}

/* Returns: (transfer full): the decisions of @meeting_id, in the order taken */
GListModel *
pw_store_list_decisions (PwStore  *self,
                         gint64    meeting_id,
                         GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, "SELECT id, meeting_id, ref, text FROM board_decision"
                                            " WHERE meeting_id = ?1 ORDER BY id", "i", meeting_id),
                  decision_from_row, PW_TYPE_BOARD_DECISION, error);
}

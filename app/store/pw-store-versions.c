/* pw-store-versions.c — edits refused when someone else changed the value
 *
 * Several people edit one team workbook (or one file) at once.  An edit
 * must never silently overwrite a value the user did not see, so each edit
 * carries its *base*: the workbook's revision as the window showed it when
 * the user began editing (pw_store_set_edit_base (); the window takes it
 * from pw_store_get_seen_revision () for the moment the keyboard focus
 * arrived in the field: a field being typed in is not refilled with
 * others' changes, so it still shows that revision).  Field by field,
 * field_version holds
 * the revision of each field's latest write, the connection (session) that
 * made it, who and when, and the value as written.  A checked write takes
 * the next revision first (which, on a server, also queues the writers one
 * behind the other), then refuses the edit with PW_STORE_ERROR_CONFLICT if
 * another session wrote that field after the base, naming their value, who
 * and when; it writes nothing.  Field level, not row level: two people
 * typing in different fields of one row both keep their text.  Our own
 * earlier writes never conflict, so a base taken when editing began stays
 * good for the whole visit to the field.
 *
 * Keep Mine writes again with the conflict's revision as the base and logs
 * that the user wrote over the other person's value; Take Theirs writes
 * nothing (the window shows the stored value again).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "pw-parse.h"
#include "pw-store-private.h"

static const char *
session_of (PwStore *self)
{
  if (self->session == NULL)
    self->session = g_uuid_string_random ();
  return self->session;
}

/* How many times the store told its window of others' changes are kept
 * for pw_store_get_seen_revision (): an edit begun before the oldest is
 * based on that oldest, which can only make a conflict of a change the
 * user saw, never let one through. */
#define N_SEEN 32

/* Remembers the workbook's revision as it stands now: called when the
 * store opens and before it tells its window of other people's changes,
 * so that what the window then shows is at least this revision. */
void
note_seen (PwStore *self)
{
  PwSeen seen = { g_get_monotonic_time (), pragma_int (self, "SELECT n FROM workbook_revision", NULL) };

  if (seen.revision <= 0)
    return;
  if (self->seen == NULL)
    self->seen = g_array_new (FALSE, FALSE, sizeof (PwSeen));
  if (self->seen->len == N_SEEN)
    g_array_remove_index (self->seen, 0);
  g_array_append_val (self->seen, seen);
}

static void
conflict_clear (PwStore *self)
{
  g_clear_pointer (&self->conflict.field, g_free);
  g_clear_pointer (&self->conflict.value, g_free);
  g_clear_pointer (&self->conflict.user, g_free);
  g_clear_pointer (&self->conflict.at, g_free);
}

/* Frees what the store holds for this file, as it is finalised. */
void
versions_clear (PwStore *self)
{
  conflict_clear (self);
  g_clear_pointer (&self->session, g_free);
  g_clear_pointer (&self->seen, g_array_unref);
}

/**
 * pw_store_get_seen_revision:
 * @when: a g_get_monotonic_time () value, or -1 for now
 *
 * The window shows the workbook as the store last told it of changes
 * (when it opened, or heard of others' changes); a field the user was
 * already typing in is left as it was then.  So an edit begun at @when
 * (the keyboard focus arrived) is based on the revision the store had told
 * of by then.
 *
 * Returns: that revision
 */
gint64
pw_store_get_seen_revision (PwStore *self,
                            gint64   when)
{
  g_return_val_if_fail (PW_IS_STORE (self), 0);

  if (self->seen == NULL)
    return 0;
  for (guint i = self->seen->len; i-- > 1;)
    if (when < 0 || g_array_index (self->seen, PwSeen, i).at <= when)
      return g_array_index (self->seen, PwSeen, i).revision;
  return g_array_index (self->seen, PwSeen, 0).revision;
}

/**
 * pw_store_set_edit_base:
 * @base: the revision the next edits are based on; 0 checks nothing (the
 *   command line, imports)
 * @keep_mine: the user saw the other person's value and chose to write
 *   over it: the change log says so
 */
void
pw_store_set_edit_base (PwStore  *self,
                        gint64    base,
                        gboolean  keep_mine)
{
  g_return_if_fail (PW_IS_STORE (self));
  self->edit_base = MAX (base, 0);
  self->keep_mine = keep_mine && base > 0;
}

/* Returns: (nullable): the last edit refused with PW_STORE_ERROR_CONFLICT */
const PwStoreConflict *
pw_store_get_conflict (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return self->conflict.field != NULL ? &self->conflict : NULL;
}

void
field_write_init (PwFieldWrite *w,
                  const char   *table,
                  const char   *field,
                  const char   *label,
                  gint64        return_id,
                  const char   *row_format,
                  ...)
{
  va_list ap;

  w->table = table, w->field = field, w->label = label, w->return_id = return_id, w->mark = 0;
  va_start (ap, row_format);
  g_vsnprintf (w->row, sizeof w->row, row_format, ap);
  va_end (ap);
}

/* "2026-11-26T10:03:00" as "26/11/2026 at 10:03" */
static char *
format_when (const char *iso)
{
  g_autofree char *day = g_strndup (iso, 10);
  g_autofree char *date = pw_format_date (day);

  return strlen (iso) >= 16 ? g_strdup_printf (_("%s at %.5s"), date, iso + 11) : g_steal_pointer (&date);
}

/* Refuses the edit if another session wrote @w's field after the base,
 * unless it wrote the very value this edit writes. */
static gboolean
check_field (PwStore       *self,
             PwFieldWrite  *w,
             const char    *value,
             GError       **error)
{
  PwDbStmt *stmt;
  g_autofree char *when = NULL;
  int rc;

  stmt = query (self, error, "SELECT revision, changed_by, changed_at, value FROM field_version"
                             " WHERE tbl = ?1 AND row_key = ?2 AND field = ?3 AND revision > ?4 AND session <> ?5",
                "tttit", w->table, w->row, w->field, self->edit_base, session_of (self));
  if (stmt == NULL)
    return FALSE;
  rc = db_step (stmt);
  if (rc != DB_ROW || g_strcmp0 (db_text (stmt, 3), value) == 0)
    {
      db_reset (stmt);
      return rc == DB_ROW || rc == DB_DONE || db_error (self, error, rc);
    }
  conflict_clear (self);
  self->conflict.field = g_strdup (w->label);
  self->conflict.revision = db_int64 (stmt, 0);
  self->conflict.user = g_strdup (db_text (stmt, 1));
  self->conflict.at = g_strdup (db_text (stmt, 2));
  self->conflict.value = g_strdup (db_text (stmt, 3));
  db_reset (stmt);
  when = format_when (self->conflict.at);
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
               _("%s was changed by %s on %s to “%s” while you were editing it. "
                 "Your change was not saved: keep yours or take theirs."),
               self->conflict.field, self->conflict.user, when, self->conflict.value);
  return FALSE;
}

/**
 * field_begin:
 * @value: the value to be written, as the user reads it
 *
 * Opens the write of one field: takes the workbook's next revision and, if
 * the edit has a base, refuses it when someone else changed the field
 * since (to another value than @value).  On failure nothing is written and the transaction is closed.
 */
gboolean
field_begin (PwStore       *self,
             PwFieldWrite  *w,
             const char    *value,
             GError       **error)
{
  if (!pw_store_begin (self, error))
    return FALSE;
  if (!run (self, error, "UPDATE workbook_revision SET n = n + 1 WHERE id = 1", NULL) ||
      (self->edit_base > 0 && !check_field (self, w, value, error)))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  w->mark = db_total_changes (self);
  return TRUE;
}

/* A Keep Mine is logged with the value it wrote over and whose it was,
 * as field_version holds them until this write replaces them. */
static gboolean
log_kept (PwStore       *self,
          PwFieldWrite  *w,
          const char    *value,
          GError       **error)
{
  g_autofree char *at = now_iso ();
  g_autofree char *what = NULL, *theirs = NULL;
  PwDbStmt *stmt = query (self, error, "SELECT changed_by, value FROM field_version"
                                       " WHERE tbl = ?1 AND row_key = ?2 AND field = ?3 AND session <> ?4",
                          "tttt", w->table, w->row, w->field, session_of (self));
  int rc;

  if (stmt == NULL)
    return FALSE;
  if ((rc = db_step (stmt)) == DB_ROW)
    {
      what = g_strdup_printf (_("%s (kept over %s’s change)"), w->label, db_text (stmt, 0));
      theirs = g_strdup (db_text (stmt, 1));
    }
  db_reset (stmt);
  if (rc != DB_ROW)
    return rc == DB_DONE || db_error (self, error, rc);     /* the last change was ours: nothing kept over */
  return run (self, error,
              "INSERT INTO change_log (at, user, return_id, what, old_value, new_value, source)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')",
              "ttnttt", at, pw_store_get_user_name (self), w->return_id > 0 ? w->return_id : (gint64) -1,
              what, theirs, value);
}

/**
 * field_finish:
 * @ok: whether the write between field_begin () and here succeeded (on
 *   failure it has rolled back already)
 * @value: the value written, as the user reads it
 *
 * Records the write as the field's latest, if it changed anything, and
 * commits.
 */
gboolean
field_finish (PwStore       *self,
              gboolean       ok,
              PwFieldWrite  *w,
              const char    *value,
              GError       **error)
{
  g_autofree char *at = now_iso ();

  if (ok && db_total_changes (self) != w->mark)
    ok = (!self->keep_mine || log_kept (self, w, value ? value : "", error)) &&
         run (self, error,
              "INSERT INTO field_version (tbl, row_key, field, revision, session, changed_by, changed_at, value)"
              " VALUES (?1, ?2, ?3, (SELECT n FROM workbook_revision WHERE id = 1), ?4, ?5, ?6, ?7)"
              " ON CONFLICT (tbl, row_key, field) DO UPDATE SET revision = excluded.revision,"
              " session = excluded.session, changed_by = excluded.changed_by,"
              " changed_at = excluded.changed_at, value = excluded.value",
              "ttttttt", w->table, w->row, w->field, session_of (self), pw_store_get_user_name (self), at,
              value ? value : "");
  if (!ok)
    {
      pw_store_rollback (self);
      return FALSE;
    }
  return pw_store_commit (self, error);
}

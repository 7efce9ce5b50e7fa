/* pw-store-archive.c — archiving, deleting and merging
 *
 * PCNs and localities are archived, deleted or merged here, each operation
 * handing back what undoes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-parse.h"
#include "pw-store-private.h"

/* ------------------------------------------------------------------ */
/* Archiving, deleting and merging PCNs and localities                 */
/*
 * Nothing here loses a row: a PCN with returns or funding is never deleted
 * (it is archived, or merged into the PCN that took over), a merge that
 * would put two returns of one year on one PCN is refused, and every
 * operation hands back a PwStoreUndo that puts each row back as it was.
 */

/* A row whose @column was changed from @from to @to (0 stands for NULL). */
typedef struct
{
  const char *undo_sql;        /* interned: "UPDATE t SET c = ?2 WHERE rowid = ?1 AND c IS ?3" */
  gint64 rowid;
  gint64 from;
  gint64 to;
} Move;

struct _PwStoreUndo
{
  char *summary;               /* what was done, in a sentence */
  const char *restore_sql;     /* interned INSERT for the removed row, or NULL */
  GPtrArray *restore_values;   /* char *, the removed row as stored (NULL: SQL NULL) */
  gint64 archive_id;           /* a PCN whose archived_from to put back, or 0 */
  gint64 archived_from;        /* its value before, 0 for open */
  GArray *moves;               /* of Move */
};

static PwStoreUndo *
undo_new (void)
{
  PwStoreUndo *undo = g_new0 (PwStoreUndo, 1);

  undo->restore_values = g_ptr_array_new_with_free_func (g_free);
  undo->moves = g_array_new (FALSE, FALSE, sizeof (Move));
  return undo;
}

void
pw_store_undo_free (PwStoreUndo *undo)
{
  if (undo == NULL)
    return;
  g_free (undo->summary);
  g_ptr_array_unref (undo->restore_values);
  g_array_unref (undo->moves);
  g_free (undo);
}

const char *
pw_store_undo_get_summary (PwStoreUndo *undo)
{
  g_return_val_if_fail (undo != NULL, NULL);
  return undo->summary;
}

/* Entries about PCNs and localities belong to no return. */
static gboolean
log_event (PwStore     *self,
           const char  *what,
           const char  *old_value,
           const char  *new_value,
           GError     **error)
{
  g_autofree char *at = now_iso ();

  return run (self, error,
              "INSERT INTO change_log (at, user, return_id, what, old_value, new_value)"
              " VALUES (?1, ?2, NULL, ?3, ?4, ?5)",
              "ttttt", at, pw_store_get_user_name (self), what, old_value ? old_value : "", new_value ? new_value : "");
}

static PwPcn *
need_pcn (PwStore  *self,
          gint64    id,
          GError  **error)
{
  PwPcn *pcn = pw_store_find_pcn (self, id);

  if (pcn == NULL)
    g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("There is no such PCN"));
  return pcn;
}

/* The years @sql yields for (@a, @b) in order, as "2021/22, 2022/23", with
 * their number in @n and the last in @last; NULL on a database error. */
static char *
years_of (PwStore     *self,
          const char  *sql,
          gint64       a,
          gint64       b,
          guint       *n,
          int         *last,
          GError     **error)
{
  PwDbStmt *stmt = query (self, error, sql, "ii", a, b);
  g_autoptr(GString) years = g_string_new (NULL);
  int rc;

  *n = 0;
  if (stmt == NULL)
    return NULL;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      g_autofree char *fy = pw_format_year (*last = db_int (stmt, 0));
      g_string_append_printf (years, "%s%s", (*n)++ ? ", " : "", fy);
    }
  db_reset (stmt);
  if (rc != DB_DONE)
    return (db_error (self, error, rc), NULL);
  return g_string_free (g_steal_pointer (&years), FALSE);
}

#define SQL_RETURN_YEARS "SELECT year FROM pcn_return WHERE pcn_id = ?1 AND year >= ?2 ORDER BY year"
#define SQL_FUNDING_YEARS "SELECT DISTINCT year FROM funding WHERE pcn_id = ?1 AND year >= ?2 ORDER BY year"

/* Refuses when the PCN has returns or funding from @year on, with a
 * message that starts with @refusal (ending in its subject: "…: it"),
 * names the years and what can be done instead: @advice, or by default
 * the years it can be archived from. */
static gboolean
check_no_data_from (PwStore     *self,
                    PwPcn       *pcn,
                    int          year,
                    const char  *refusal,
                    const char  *advice,
                    GError     **error)
{
  g_autofree char *returns = NULL, *funding = NULL, *after = NULL, *hint = NULL;
  guint n_returns = 0, n_funding = 0;
  int last_return = 0, last_funding = 0;

  if ((returns = years_of (self, SQL_RETURN_YEARS, pw_pcn_get_id (pcn), year, &n_returns, &last_return, error)) == NULL ||
      (funding = years_of (self, SQL_FUNDING_YEARS, pw_pcn_get_id (pcn), year, &n_funding, &last_funding, error)) == NULL)
    return FALSE;
  if (n_returns == 0 && n_funding == 0)
    return TRUE;
  after = pw_format_year (MAX (last_return, last_funding) + 1);
  hint = advice ? g_strdup (advice)
                : g_strdup_printf (_("It can be archived from %s or later, or merged into the PCN that took it over. Nothing was changed."), after);
  if (n_returns > 0)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE, "%s has %u return (%s). %s",
                              "%s has %u returns (%s). %s", n_returns),
                 refusal, n_returns, returns, hint);
  else
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, _("%s has funding for %s. %s"),
                 refusal, funding, hint);
  return FALSE;
}

/* Keeps the whole row @id of @table (pcn or locality) in @undo before it
 * is deleted, so that undoing puts it back with the same id and values. */
static gboolean
keep_row (PwStore      *self,
          PwStoreUndo  *undo,
          const char   *table,
          gint64        id,
          GError      **error)
{
  PwDbStmt *stmt = query (self, error, intern_printf ("SELECT * FROM %s WHERE id = ?1", table), "i", id);
  g_autoptr(GString) sql = g_string_new (NULL);
  int rc, n;

  if (stmt == NULL)
    return FALSE;
  if ((rc = db_step (stmt)) != DB_ROW)
    {
      db_reset (stmt);
      return db_error (self, error, rc);
    }
  n = db_column_count (stmt);
  for (int i = 0; i < n; i++)
    g_ptr_array_add (undo->restore_values, db_is_null (stmt, i) ? NULL : g_strdup (db_text (stmt, i)));
  db_reset (stmt);
  g_string_printf (sql, "INSERT INTO %s VALUES (?1", table);
  for (int i = 2; i <= n; i++)
    g_string_append_printf (sql, ", ?%d", i);
  g_string_append (sql, ")");
  undo->restore_sql = g_intern_string (sql->str);
  return TRUE;
}

static int
insert_kept_row (PwStore     *self,
                 PwStoreUndo *undo,
                 gboolean     new_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();   /* borrowed */
  PwDbStmt *stmt;
  int rc;

  for (guint i = 0; i < undo->restore_values->len; i++)
    g_ptr_array_add (values, i == 0 && new_id ? NULL : g_ptr_array_index (undo->restore_values, i));
  stmt = query_values (self, error, undo->restore_sql, values);
  if (stmt == NULL)
    return DB_ERROR;
  rc = db_step (stmt);
  db_reset (stmt);
  return rc;
}

/* Puts the removed row back, with its own id, or a new one if a row added
 * since has taken it; *@out_id says which. */
static gboolean
restore_row (PwStore      *self,
             PwStoreUndo  *undo,
             gint64       *out_id,
             GError      **error)
{
  int rc;

  *out_id = 0;
  if (undo->restore_sql == NULL)
    return TRUE;
  rc = insert_kept_row (self, undo, FALSE, error);
  if (rc == DB_CONSTRAINT_PRIMARYKEY)
    rc = insert_kept_row (self, undo, TRUE, error);
  if (rc == DB_DONE)
    return (*out_id = db_last_id (self), TRUE);
  if (rc == DB_CONSTRAINT_UNIQUE)
    return invalid (error, _("It cannot be put back: its code or name is now used by another."));
  /* A statement that could not be prepared has said why; one the
   * workbook refused (DB_ERROR too, such as a server's trigger) has not. */
  return error != NULL && *error != NULL ? FALSE : db_error (self, error, rc);
}

/* Moves every row of @table whose @column is @from to @to (0: NULL),
 * remembering each in @undo; @each, when given, also logs every row moved,
 * from its id and the text of @label_column. */
typedef gboolean (*MovedFunc) (PwStore *self, gint64 rowid, const char *label, gpointer data, GError **error);

static gboolean
move_rows (PwStore      *self,
           PwStoreUndo  *undo,
           const char   *table,
           const char   *column,
           const char   *label_column,
           gint64        from,
           gint64        to,
           MovedFunc     each,
           gpointer      data,
           GError      **error)
{
  const char *select = intern_printf ("SELECT rowid, %s FROM %s WHERE %s = ?1", label_column, table, column);
  const char *update = intern_printf ("UPDATE %s SET %s = ?2 WHERE rowid = ?1", table, column);
  PwDbStmt *stmt = query (self, error, select, "i", from);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      gint64 rowid = db_int64 (stmt, 0);
      g_array_append_val (rows, rowid);
      g_ptr_array_add (labels, g_strdup (db_text (stmt, 1)));
    }
  db_reset (stmt);
  if (rc != DB_DONE)
    return db_error (self, error, rc);
  for (guint i = 0; i < rows->len; i++)
    {
      Move m = { intern_printf ("UPDATE %s SET %s = ?2 WHERE rowid = ?1 AND %s IS ?3", table, column, column),
                 g_array_index (rows, gint64, i), from, to };

      if (!run (self, error, update, "in", m.rowid, to > 0 ? to : (gint64) -1) ||
          (each != NULL && !each (self, m.rowid, g_ptr_array_index (labels, i), data, error)))
        return FALSE;
      g_array_append_val (undo->moves, m);
    }
  return TRUE;
}

/* Puts back what @undo recorded, all in one transaction. */
gboolean
pw_store_undo (PwStore      *self,
               PwStoreUndo  *undo,
               GError      **error)
{
  g_autofree char *what = NULL;
  gint64 old_id, new_id = 0;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  if (!pw_store_begin (self, error))
    return FALSE;
  ok = restore_row (self, undo, &new_id, error);
  old_id = undo->restore_values->len ? g_ascii_strtoll (g_ptr_array_index (undo->restore_values, 0), NULL, 10) : 0;
  for (guint i = undo->moves->len; ok && i > 0; i--)
    {
      Move *m = &g_array_index (undo->moves, Move, i - 1);
      gint64 back = m->from == old_id && new_id != 0 ? new_id : m->from;

      ok = run (self, error, m->undo_sql, "inn", m->rowid, back > 0 ? back : (gint64) -1,
                m->to > 0 ? m->to : (gint64) -1);
    }
  if (ok && undo->archive_id != 0)
    ok = run (self, error, "UPDATE pcn SET archived_from = ?2 WHERE id = ?1", "in",
              undo->archive_id, undo->archived_from > 0 ? undo->archived_from : (gint64) -1);
  what = g_strdup_printf (_("Undone: %s"), undo->summary);
  if (!ok || !log_event (self, what, "", "", error))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  note_change (self, "pcn", 0);
  note_change (self, "locality", 0);
  return pw_store_commit (self, error);
}

/* Ends an operation: logs @summary, hands @undo over (or frees it), commits. */
static gboolean
finish_operation (PwStore       *self,
                  PwStoreUndo   *undo,
                  PwStoreUndo  **out_undo,
                  GError       **error)
{
  if (!log_event (self, undo->summary, "", "", error))
    {
      pw_store_rollback (self);
      pw_store_undo_free (undo);
      return FALSE;
    }
  note_change (self, "pcn", 0);
  note_change (self, "locality", 0);
  if (!pw_store_commit (self, error))
    {
      pw_store_undo_free (undo);
      return FALSE;
    }
  if (out_undo != NULL)
    *out_undo = undo;
  else
    pw_store_undo_free (undo);
  return TRUE;
}

static gboolean
fail_operation (PwStore      *self,
                PwStoreUndo  *undo)
{
  pw_store_rollback (self);
  pw_store_undo_free (undo);
  return FALSE;
}

/**
 * pw_store_archive_pcn:
 * @year: the first financial year the PCN is closed, or 0 to reopen it
 * @out_undo: (out) (optional): what puts it back
 *
 * An archived PCN stays in the lists of the years before @year and leaves
 * those of @year and later.  Refused while it has a return or funding in
 * @year or later: they would vanish from those years' papers.
 */
gboolean
pw_store_archive_pcn (PwStore       *self,
                      gint64         pcn_id,
                      int            year,
                      PwStoreUndo  **out_undo,
                      GError       **error)
{
  PwPcn *pcn;
  PwStoreUndo *undo;
  g_autofree char *label = NULL, *fy = NULL, *before = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((pcn = need_pcn (self, pcn_id, error)) == NULL)
    return FALSE;
  if (year != 0 && (year < PW_YEAR_MIN || year > PW_YEAR_MAX))
    return invalid (error, _("The financial year is out of range"));
  label = pcn_label (pcn);
  fy = year ? pw_format_year (year) : g_strdup ("");
  if (year != 0)
    {
      g_autofree char *refusal = g_strdup_printf (_("Cannot archive %s from %s: it"), label, fy);
      if (!check_no_data_from (self, pcn, year, refusal, NULL, error))
        return FALSE;
    }
  undo = undo_new ();
  undo->archive_id = pcn_id;
  undo->archived_from = pw_pcn_get_number (pcn, PW_PCN_ARCHIVED_FROM);
  undo->summary = year ? g_strdup_printf (_("Archived %s from %s"), label, fy)
                       : g_strdup_printf (_("Unarchived %s"), label);
  before = undo->archived_from ? pw_format_year (undo->archived_from) : g_strdup ("");
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!run (self, error, "UPDATE pcn SET archived_from = ?2 WHERE id = ?1", "in",
            pcn_id, year ? (gint64) year : (gint64) -1))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

static gboolean
log_practice_moved (PwStore     *self,
                    gint64       rowid,
                    const char  *code,
                    gpointer     data,
                    GError     **error)
{
  const char **codes = data;       /* from, to */
  g_autofree char *what = g_strdup_printf (_("Practice %s: PCN"), code);

  return log_event (self, what, codes[0], codes[1], error);
}

/**
 * pw_store_delete_pcn:
 * Deletes a PCN that has no returns and no funding (one made by mistake);
 * its practices stay, with no PCN.  Anything else is refused, with the
 * years that hold data.
 */
gboolean
pw_store_delete_pcn (PwStore       *self,
                     gint64         pcn_id,
                     PwStoreUndo  **out_undo,
                     GError       **error)
{
  PwPcn *pcn;
  PwStoreUndo *undo;
  g_autofree char *label = NULL, *refusal = NULL;
  const char *codes[2] = { NULL, "" };

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((pcn = need_pcn (self, pcn_id, error)) == NULL)
    return FALSE;
  label = pcn_label (pcn);
  refusal = g_strdup_printf (_("Cannot delete %s: it"), label);
  if (!check_no_data_from (self, pcn, 0, refusal, NULL, error))
    return FALSE;
  codes[0] = pw_pcn_get_text (pcn, PW_PCN_CODE);
  undo = undo_new ();
  undo->summary = g_strdup_printf (_("Deleted %s"), label);
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!keep_row (self, undo, "pcn", pcn_id, error) ||
      !move_rows (self, undo, "practice", "pcn_id", "code", pcn_id, 0, log_practice_moved, codes, error) ||
      !run (self, error, "DELETE FROM pcn WHERE id = ?1", "i", pcn_id))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

static gboolean
log_return_moved (PwStore     *self,
                  gint64       rowid,
                  const char  *unused,
                  gpointer     data,
                  GError     **error)
{
  char **labels = data;            /* from, to */

  return log_change (self, rowid, "PCN", labels[0], labels[1], FALSE, error);
}

#define SQL_CLASHING_RETURNS \
  "SELECT a.year FROM pcn_return a JOIN pcn_return b ON b.year = a.year AND b.pcn_id = ?2" \
  " WHERE a.pcn_id = ?1 ORDER BY a.year"
#define SQL_CLASHING_FUNDING \
  "SELECT DISTINCT a.year FROM funding a JOIN funding b ON b.year = a.year AND b.stream = a.stream" \
  " AND b.pcn_id = ?2 WHERE a.pcn_id = ?1 ORDER BY a.year"

/* Refuses a merge that would put two returns (or two amounts of one
 * funding stream) of one year on the PCN kept, or data in years it is
 * closed, naming the years. */
static gboolean
check_mergeable (PwStore     *self,
                 PwPcn       *from,
                 PwPcn       *into,
                 const char  *refusal,
                 GError     **error)
{
  g_autofree char *returns = NULL, *funding = NULL;
  guint n_returns = 0, n_funding = 0;
  gint64 closed = pw_pcn_get_number (into, PW_PCN_ARCHIVED_FROM);
  int last = 0;

  if ((returns = years_of (self, SQL_CLASHING_RETURNS, pw_pcn_get_id (from), pw_pcn_get_id (into),
                           &n_returns, &last, error)) == NULL ||
      (funding = years_of (self, SQL_CLASHING_FUNDING, pw_pcn_get_id (from), pw_pcn_get_id (into),
                           &n_funding, &last, error)) == NULL)
    return FALSE;
  /* Two PCNs that both made returns in a year were both real that year:
   * the one that closed is archived, not merged. */
  if (n_returns > 0)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS,
                 _("%s: both have a return for %s, and a PCN has one return a year. Archive the PCN that closed instead. Nothing was changed."),
                 refusal, returns);
  else if (n_funding > 0)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS,
                 _("%s: both have funding in the same stream for %s. Archive the PCN that closed instead. Nothing was changed."),
                 refusal, funding);
  if (n_returns > 0 || n_funding > 0)
    return FALSE;
  if (closed != 0)
    {
      g_autofree char *fy = pw_format_year (closed);
      g_autofree char *label = pcn_label (from);
      g_autofree char *kept = g_strdup_printf (_("%s: the PCN kept is archived from %s, and %s"), refusal, fy, label);
      return check_no_data_from (self, from, closed, kept,
                                 _("Unarchive the PCN kept first, or archive it from a later year. Nothing was changed."),
                                 error);
    }
  return TRUE;
}

/**
 * pw_store_merge_pcn:
 * Moves the practices, returns and funding of @from_id to @into_id, logs
 * every move, and deletes @from_id: a merged PCN lives on in the one kept
 * (an archived shell would show, empty, beside it in past years).
 */
gboolean
pw_store_merge_pcn (PwStore       *self,
                    gint64         from_id,
                    gint64         into_id,
                    PwStoreUndo  **out_undo,
                    GError       **error)
{
  PwPcn *from, *into;
  PwStoreUndo *undo;
  g_autofree char *from_label = NULL, *into_label = NULL, *refusal = NULL;
  const char *codes[2];
  char *labels[2];

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((from = need_pcn (self, from_id, error)) == NULL || (into = need_pcn (self, into_id, error)) == NULL)
    return FALSE;
  if (from_id == into_id)
    return invalid (error, _("A PCN cannot be merged into itself"));
  from_label = pcn_label (from);
  into_label = pcn_label (into);
  refusal = g_strdup_printf (_("Cannot merge %s into %s"), from_label, into_label);
  if (!check_mergeable (self, from, into, refusal, error))
    return FALSE;
  codes[0] = pw_pcn_get_text (from, PW_PCN_CODE), codes[1] = pw_pcn_get_text (into, PW_PCN_CODE);
  labels[0] = from_label, labels[1] = into_label;
  undo = undo_new ();
  undo->summary = g_strdup_printf (_("Merged %s into %s"), from_label, into_label);
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!keep_row (self, undo, "pcn", from_id, error) ||
      !move_rows (self, undo, "practice", "pcn_id", "code", from_id, into_id, log_practice_moved, codes, error) ||
      !move_rows (self, undo, "pcn_return", "pcn_id", "year", from_id, into_id, log_return_moved, labels, error) ||
      !move_rows (self, undo, "funding", "pcn_id", "year", from_id, into_id, NULL, NULL, error) ||
      !run (self, error, "DELETE FROM pcn WHERE id = ?1", "i", from_id))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

static PwLocality *
need_locality (PwStore  *self,
               gint64    id,
               GError  **error)
{
  PwLocality *loc = find_in_model (self->localities, match_id, &id);

  if (loc == NULL)
    g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("There is no such locality"));
  return loc;
}

/**
 * pw_store_delete_locality:
 * Deletes a locality with no PCNs; one with PCNs is refused (merge it).
 */
gboolean
pw_store_delete_locality (PwStore       *self,
                          gint64         locality_id,
                          PwStoreUndo  **out_undo,
                          GError       **error)
{
  PwLocality *loc;
  PwStoreUndo *undo;
  gint64 n;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((loc = need_locality (self, locality_id, error)) == NULL)
    return FALSE;
  {
    PwDbStmt *stmt = query (self, error, "SELECT count(*) FROM pcn WHERE locality_id = ?1", "i", locality_id);
    if (stmt == NULL)
      return FALSE;
    n = db_step (stmt) == DB_ROW ? db_int64 (stmt, 0) : 0;
    db_reset (stmt);
  }
  if (n > 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Cannot delete the locality “%s”: it has %d PCN. Move it to another locality, or merge this locality into another.",
                                "Cannot delete the locality “%s”: it has %d PCNs. Move them to another locality, or merge this locality into another.",
                                n),
                   pw_locality_get_name (loc), (int) n);
      return FALSE;
    }
  if (!check_no_board (self, loc, error))
    return FALSE;
  undo = undo_new ();
  undo->summary = g_strdup_printf (_("Deleted the locality “%s”"), pw_locality_get_name (loc));
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!keep_row (self, undo, "locality", locality_id, error) ||
      !run (self, error, "DELETE FROM locality WHERE id = ?1", "i", locality_id))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

static gboolean
log_pcn_moved (PwStore     *self,
               gint64       rowid,
               const char  *code,
               gpointer     data,
               GError     **error)
{
  const char **names = data;       /* from, to */
  g_autofree char *what = g_strdup_printf (_("PCN %s: locality"), code);

  return log_event (self, what, names[0], names[1], error);
}

/**
 * pw_store_merge_locality:
 * Moves every PCN of @from_id to @into_id and deletes @from_id.
 */
gboolean
pw_store_merge_locality (PwStore       *self,
                         gint64         from_id,
                         gint64         into_id,
                         PwStoreUndo  **out_undo,
                         GError       **error)
{
  PwLocality *from, *into;
  PwStoreUndo *undo;
  const char *names[2];

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((from = need_locality (self, from_id, error)) == NULL || (into = need_locality (self, into_id, error)) == NULL)
    return FALSE;
  if (from_id == into_id)
    return invalid (error, _("A locality cannot be merged into itself"));
  if (!check_no_board (self, from, error))
    return FALSE;
  names[0] = pw_locality_get_name (from), names[1] = pw_locality_get_name (into);
  undo = undo_new ();
  undo->summary = g_strdup_printf (_("Merged the locality “%s” into “%s”"), names[0], names[1]);
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!keep_row (self, undo, "locality", from_id, error) ||
      !move_rows (self, undo, "pcn", "locality_id", "code", from_id, into_id, log_pcn_moved, names, error) ||
      !run (self, error, "DELETE FROM locality WHERE id = ?1", "i", from_id))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

/**
 * pw_store_list_pcns:
 * @year: a financial year, or 0 for every PCN
 * Returns: (transfer full): the PCNs of @year (those not archived by then),
 * in the store's order; the rows are the live ones
 */
GListModel *
pw_store_list_pcns (PwStore *self,
                    int      year)
{
  GListStore *list;
  guint n;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  list = g_list_store_new (PW_TYPE_PCN);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->pcns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (G_LIST_MODEL (self->pcns), i);
      if (pw_pcn_is_shown_in (pcn, year))
        g_list_store_append (list, pcn);
    }
  return G_LIST_MODEL (list);
}

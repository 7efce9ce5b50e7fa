/* pw-store-returns.c — returns, their workflow and the maturity self-assessment
 *
 * A return goes draft → submitted → reviewed and can be reopened; a
 * reviewed return is closed to edits (check_open).  Every write to a
 * return's parts ends in finish_write (), which logs it; the log is
 * listed here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-store-private.h"

/* ------------------------------------------------------------------ */
/* Returns, maturity and the change log                                */

static PwReturn *
return_from_row (PwDbStmt *stmt)
{
  return g_object_new (PW_TYPE_RETURN,
                       "id", db_int64 (stmt, 0),
                       "pcn-id", db_int64 (stmt, 1),
                       "year", db_int64 (stmt, 2),
                       "status", db_int64 (stmt, 3),
                       "submitted-at", db_text (stmt, 4),
                       "reviewed-at", db_text (stmt, 5),
                       "reviewer", db_text (stmt, 6),
                       "review-note", db_text (stmt, 7),
                       NULL);
}

#define RETURN_COLUMNS \
  "SELECT id, pcn_id, year, status, coalesce(submitted_at, ''), coalesce(reviewed_at, ''), reviewer, review_note" \
  "  FROM pcn_return "

/* Returns: (transfer full) (nullable): the return, or %NULL without an
 * error when the PCN has none for @year. */
PwReturn *
pw_store_get_return (PwStore  *self,
                     gint64    pcn_id,
                     int       year,
                     GError  **error)
{
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  found = collect (self, query (self, error, RETURN_COLUMNS "WHERE pcn_id = ?1 AND year = ?2", "ii",
                                pcn_id, (gint64) year),
                   (gpointer) return_from_row, PW_TYPE_RETURN, error);
  return found && g_list_model_get_n_items (found) ? g_list_model_get_item (found, 0) : NULL;
}

static PwReturn *
get_return_by_id (PwStore  *self,
                  gint64    return_id,
                  GError  **error)
{
  g_autoptr(GListModel) found = collect (self, query (self, error, RETURN_COLUMNS "WHERE id = ?1", "i", return_id),
                                         (gpointer) return_from_row, PW_TYPE_RETURN, error);

  return only_row (found, _("There is no such return"), error);
}

/**
 * pw_store_ensure_return:
 * Finds the PCN's return for @year, creating a draft if there is none.
 */
gboolean
pw_store_ensure_return (PwStore  *self,
                        gint64    pcn_id,
                        int       year,
                        gint64   *out_id,
                        GError  **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(PwReturn) existing = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  existing = pw_store_get_return (self, pcn_id, year, &local);
  if (local != NULL)
    return (g_propagate_error (error, g_steal_pointer (&local)), FALSE);
  if (existing != NULL)
    return (*out_id = pw_row_get_int (PW_ROW (existing), PW_RETURN_ID), TRUE);
  if (year < PW_YEAR_MIN || year > PW_YEAR_MAX)
    return invalid (error, _("The financial year is out of range"));
  if (!check_open_in (self, pcn_id, year, error))
    return FALSE;
  if (!pw_store_begin (self, error))
    return FALSE;
  if (!run (self, error, "INSERT INTO pcn_return (pcn_id, year) VALUES (?1, ?2)", "ii", pcn_id, (gint64) year) ||
      (*out_id = db_last_id (self),
       !log_change (self, *out_id, "Return", "", pw_return_status_name (PW_STATUS_DRAFT), FALSE, error)))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  note_change (self, "return", *out_id);
  return pw_store_commit (self, error);
}

/**
 * pw_store_list_returns:
 * @year: a financial year, or 0 for every year
 * Returns: (transfer full): the returns, by year and PCN
 */
GListModel *
pw_store_list_returns (PwStore  *self,
                       int       year,
                       GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, RETURN_COLUMNS "WHERE ?1 = 0 OR year = ?1 ORDER BY year, pcn_id",
                               "i", (gint64) year),
                  (gpointer) return_from_row, PW_TYPE_RETURN, error);
}

static gboolean
check_transition (PwReturnStatus   from,
                  PwReturnStatus   to,
                  GError         **error)
{
  gboolean ok = (to == PW_STATUS_SUBMITTED && from == PW_STATUS_DRAFT) ||
                (to == PW_STATUS_REVIEWED && from == PW_STATUS_SUBMITTED) ||
                (to == PW_STATUS_DRAFT && from != PW_STATUS_DRAFT);

  if (!ok)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                 _("A return that is %s cannot be made %s: returns go from draft to submitted to reviewed, "
                   "and can be reopened as a draft"),
                 pw_return_status_name (from), pw_return_status_name (to));
  return ok;
}

/**
 * pw_store_set_return_status:
 * Moves a return along draft → submitted → reviewed, or reopens it as a
 * draft.  Marking it reviewed records @reviewer (the user when %NULL or
 * empty) and @note; reopening takes @note as the reason, and clears the
 * review (the change log keeps it).  Every move is logged, with its note.
 */
gboolean
pw_store_set_return_status (PwStore         *self,
                            gint64           return_id,
                            PwReturnStatus   status,
                            const char      *reviewer,
                            const char      *note,
                            GError         **error)
{
  g_autoptr(PwReturn) ret = NULL;
  g_autofree char *at = now_iso ();
  g_autofree char *logged = NULL;
  PwReturnStatus from;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((ret = get_return_by_id (self, return_id, error)) == NULL)
    return FALSE;
  from = pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS);
  if (!check_transition (from, status, error))
    return FALSE;
  if (reviewer == NULL || *reviewer == '\0')
    reviewer = pw_store_get_user_name (self);
  note = note ? note : "";
  if (!pw_store_begin (self, error))
    return FALSE;
  if (status == PW_STATUS_SUBMITTED)
    ok = run (self, error, "UPDATE pcn_return SET version = version + 1, status = 1, submitted_at = ?2 WHERE id = ?1", "it", return_id, at);
  else if (status == PW_STATUS_REVIEWED)
    ok = run (self, error, "UPDATE pcn_return SET version = version + 1, status = 2, reviewed_at = ?2, reviewer = ?3, review_note = ?4"
                           " WHERE id = ?1", "itt" "t", return_id, at, reviewer, note);
  else
    ok = run (self, error, "UPDATE pcn_return SET version = version + 1, status = 0, reviewed_at = NULL, reviewer = '', review_note = ''"
                           " WHERE id = ?1", "i", return_id);
  if (status == PW_STATUS_REVIEWED && *note)
    logged = g_strdup_printf ("%s (%s: %s)", pw_return_status_name (status), reviewer, note);
  else if (*note)
    logged = g_strdup_printf ("%s (%s)", pw_return_status_name (status), note);
  else
    logged = g_strdup (pw_return_status_name (status));
  if (!ok || !log_change (self, return_id, "Status", pw_return_status_name (from), logged, FALSE, error))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  note_change (self, "return", return_id);
  return pw_store_commit (self, error);
}

static PwMaturity *
maturity_from_row (PwDbStmt *stmt)
{
  guint domain = 0;

  pw_domain_from_key (db_text (stmt, 1), &domain);
  return g_object_new (PW_TYPE_MATURITY,
                       "return-id", db_int64 (stmt, 0),
                       "domain", (gint64) domain,
                       "level", db_is_null (stmt, 2)
                                ? (gint64) PW_LEVEL_NONE : db_int64 (stmt, 2),
                       "evidence", db_text (stmt, 3),
                       "support", db_text (stmt, 4),
                       NULL);
}

static GObject *
unassessed_domain (guint    domain,
                   gpointer return_id)
{
  return g_object_new (PW_TYPE_MATURITY, "return-id", *(gint64 *) return_id, "domain", (gint64) domain, NULL);
}

/**
 * pw_store_list_maturity:
 * Returns: (transfer full): the five domains of @return_id, in the national
 * order; a domain not yet assessed has level %PW_LEVEL_NONE
 */
GListModel *
pw_store_list_maturity (PwStore  *self,
                        gint64    return_id,
                        GError  **error)
{
  g_autoptr(GListModel) stored = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stored = collect (self, query (self, error, "SELECT return_id, domain, level, evidence, support"
                                              "  FROM maturity WHERE return_id = ?1", "i", return_id),
                    (gpointer) maturity_from_row, PW_TYPE_MATURITY, error);
  return stored ? complete_by_key (stored, PW_MATURITY_DOMAIN, PW_N_DOMAINS, unassessed_domain, &return_id) : NULL;
}

/* A reviewed return is closed: it must be reopened before it changes. */
gboolean
check_open (PwStore  *self,
            gint64    return_id,
            GError  **error)
{
  g_autoptr(PwReturn) ret = get_return_by_id (self, return_id, error);
  g_autofree char *year = NULL;

  if (ret == NULL)
    return FALSE;
  if (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) != PW_STATUS_REVIEWED)
    return TRUE;
  year = pw_format_year (pw_row_get_int (PW_ROW (ret), PW_RETURN_YEAR));
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED,
               _("The %s return has been reviewed; reopen it to change it"), year);
  return FALSE;
}

static PwMaturity *
get_maturity (PwStore  *self,
              gint64    return_id,
              guint     domain,
              GError  **error)
{
  g_autoptr(GListModel) all = pw_store_list_maturity (self, return_id, error);

  return all ? g_list_model_get_item (all, domain) : NULL;
}

/* Writes one column of one domain of a return, with its log entry. */
static gboolean
write_maturity (PwStore     *self,
                gint64       return_id,
                guint        domain,
                const char  *sql,
                const char  *types,
                gint64       number,
                const char  *text,
                const char  *what,
                const char  *old_value,
                const char  *new_value,
                GError     **error)
{
  g_autofree char *label = g_strdup_printf ("%s: %s", what, pw_domain_name (domain));
  PwFieldWrite w;
  gboolean ok;

  field_write_init (&w, "maturity", what, label, return_id, "%" G_GINT64_FORMAT "/%s",
                    return_id, pw_domain_key (domain));
  if (!field_begin (self, &w, new_value, error))
    return FALSE;
  ok = run (self, error, "INSERT OR IGNORE INTO maturity (return_id, domain) VALUES (?1, ?2)", "it",
            return_id, pw_domain_key (domain));
  if (ok && types[2] != 't')
    ok = run (self, error, sql, types, return_id, pw_domain_key (domain), number);
  else if (ok)
    ok = run (self, error, sql, types, return_id, pw_domain_key (domain), text);
  ok = ok && log_change (self, return_id, label, old_value, new_value, TRUE, error);
  if (ok)
    note_change (self, "maturity", return_id);
  return field_finish (self, ok, &w, new_value, error);
}

gboolean
pw_store_set_maturity_level (PwStore  *self,
                             gint64    return_id,
                             guint     domain,
                             int       level,
                             GError  **error)
{
  g_autoptr(PwMaturity) before = NULL;
  int old;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (domain >= PW_N_DOMAINS || !pw_level_valid (level))
    return invalid (error, _("There is no such domain or level"));
  if (!check_open (self, return_id, error) ||
      (before = get_maturity (self, return_id, domain, error)) == NULL)
    return FALSE;
  old = pw_row_get_int (PW_ROW (before), PW_MATURITY_LEVEL);
  if (old == level)
    return TRUE;
  return write_maturity (self, return_id, domain,
                         "UPDATE maturity SET level = ?3, version = version + 1 WHERE return_id = ?1 AND domain = ?2",
                         level == PW_LEVEL_NONE ? "itn" : "iti",   /* no score is NULL */
                         level == PW_LEVEL_NONE ? -1 : level, NULL, "Level",
                         pw_level_name (old), pw_level_name (level), error);
}

gboolean
pw_store_set_maturity_text (PwStore          *self,
                            gint64            return_id,
                            guint             domain,
                            PwMaturityField   field,
                            const char       *text,
                            GError          **error)
{
  g_autoptr(PwMaturity) before = NULL;
  gboolean evidence = field == PW_MATURITY_EVIDENCE;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (domain >= PW_N_DOMAINS || !(evidence || field == PW_MATURITY_SUPPORT))
    return invalid (error, _("There is no such domain or field"));
  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, _("The text is not valid UTF-8"));
  if (!check_open (self, return_id, error) ||
      (before = get_maturity (self, return_id, domain, error)) == NULL)
    return FALSE;
  if (g_strcmp0 (pw_row_get_string (PW_ROW (before), field), text) == 0)
    return TRUE;
  return write_maturity (self, return_id, domain,
                         evidence ? "UPDATE maturity SET evidence = ?3, version = version + 1 WHERE return_id = ?1 AND domain = ?2"
                                  : "UPDATE maturity SET support = ?3, version = version + 1 WHERE return_id = ?1 AND domain = ?2",
                         "itt", 0, text, evidence ? "Evidence" : "Support needed",
                         pw_row_get_string (PW_ROW (before), field), text, error);
}

/**
 * pw_store_maturity_levels:
 * Returns: (transfer full): for each PCN with a return in @year, its id
 * (a gint64 key) mapped to an array of PW_N_DOMAINS levels
 */
GHashTable *
pw_store_maturity_levels (PwStore  *self,
                          int       year,
                          GError  **error)
{
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  PwDbStmt *stmt;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stmt = query (self, error, "SELECT r.pcn_id, m.domain, coalesce(m.level, -100)"
                             "  FROM pcn_return r LEFT JOIN maturity m ON m.return_id = r.id"
                             " WHERE r.year = ?1", "i", (gint64) year);
  if (stmt == NULL)
    return NULL;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      gint64 pcn_id = db_int64 (stmt, 0);
      int *row = g_hash_table_lookup (levels, &pcn_id);
      guint domain;

      if (row == NULL)
        {
          row = g_new (int, PW_N_DOMAINS);
          for (guint d = 0; d < PW_N_DOMAINS; d++)
            row[d] = PW_LEVEL_NONE;
          g_hash_table_insert (levels, g_memdup2 (&pcn_id, sizeof pcn_id), row);
        }
      if (pw_domain_from_key (db_text (stmt, 1), &domain))
        row[domain] = db_int (stmt, 2);
    }
  db_reset (stmt);
  if (rc != DB_DONE)
    return (db_error (self, error, rc), NULL);
  return g_steal_pointer (&levels);
}

static PwChange *
change_from_row (PwDbStmt *stmt)
{
  return g_object_new (PW_TYPE_CHANGE,
                       "id", db_int64 (stmt, 0),
                       "return-id", db_int64 (stmt, 1),
                       "at", db_text (stmt, 2),
                       "user", db_text (stmt, 3),
                       "what", db_text (stmt, 4),
                       "old", db_text (stmt, 5),
                       "new", db_text (stmt, 6),
                       NULL);
}

/* Returns: (transfer full): the return's change log, newest first */
GListModel *
pw_store_list_changes (PwStore  *self,
                       gint64    return_id,
                       GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, "SELECT id, return_id, at, user, what, old_value, new_value"
                                            "  FROM change_log WHERE return_id = ?1 ORDER BY id DESC",
                               "i", return_id),
                  (gpointer) change_from_row, PW_TYPE_CHANGE, error);
}

/* ------------------------------------------------------------------ */
/* Writing a return’s parts                                            */

/* Ends a write to a return's parts: log it, announce it, commit; or roll
 * back if @ok is already FALSE.  A write that changed no row (the same
 * values set again, as an unchanged re-import does) is neither logged nor
 * announced: the log records changes, not attempts. */
/* Opens a checked write of one field of a return's part (see
 * field_begin ()), inside which the part's own write and finish_write ()
 * nest: refused if the return is locked or the field changed since. */
gboolean
part_begin (PwStore       *self,
            PwFieldWrite  *w,
            const char    *value,
            GError       **error)
{
  if (!check_open (self, w->return_id, error) || !field_begin (self, w, value, error))
    return FALSE;
  return pw_store_begin (self, error) || (pw_store_rollback (self), FALSE);
}

gboolean
finish_write (PwStore     *self,
              gboolean     ok,
              gint64       return_id,
              const char  *table,
              const char  *what,
              const char  *old_value,
              const char  *new_value,
              gboolean     fold,
              GError     **error)
{
  gboolean changed = db_total_changes (self) != self->write_mark;

  if (!ok || (changed && !log_change (self, return_id, what, old_value, new_value, fold, error)))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  if (changed)
    note_change (self, table, return_id);
  return pw_store_commit (self, error);
}

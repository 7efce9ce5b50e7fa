/* pw-store-workforce.c — ARRS roles, workforce and funding
 *
 * The ARRS roles and their reimbursement rates (reference data), a
 * return's WTE by role, and a PCN's funding streams for a year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-parse.h"
#include "pw-store-private.h"
#include "pw-workforce.h"

/* ------------------------------------------------------------------ */
/* ARRS roles                                                          */

static PwArrsRole *
role_from_row (PwDbStmt *stmt)
{
  return g_object_new (PW_TYPE_ARRS_ROLE,
                       "id", db_int64 (stmt, 0),
                       "name", db_text (stmt, 1),
                       "first-year", db_int64 (stmt, 2),
                       "retired", db_int64 (stmt, 3),
                       "local", db_int64 (stmt, 4),
                       "last-year", db_int64 (stmt, 5),
                       NULL);
}

#define ROLE_COLUMNS "SELECT id, name, first_year, retired, local, coalesce(last_year, 0) FROM arrs_role "

/* Returns: (transfer full): the roles by name; retired ones only if asked */
GListModel *
pw_store_list_roles (PwStore   *self,
                     gboolean   include_retired,
                     GError   **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, ROLE_COLUMNS "WHERE ?1 = 1 OR retired = 0 ORDER BY name",
                               "i", (gint64) include_retired),
                  (gpointer) role_from_row, PW_TYPE_ARRS_ROLE, error);
}

/* Returns: (transfer full): the roles offered in @year (its first year
 * at or before it, its last year, if any, at or after it; not retired), by
 * name */
GListModel *
pw_store_list_roles_in_year (PwStore  *self,
                             int       year,
                             GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, ROLE_COLUMNS "WHERE retired = 0 AND first_year <= ?1"
                                            " AND coalesce(last_year, ?1) >= ?1 ORDER BY name",
                               "i", (gint64) year),
                  (gpointer) role_from_row, PW_TYPE_ARRS_ROLE, error);
}

/* Returns: (transfer full) (nullable): the role called @name (any case) */
PwArrsRole *
pw_store_find_role (PwStore     *self,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  found = collect (self, query (self, error, ROLE_COLUMNS "WHERE name = trim(?1)", "t", name),
                   (gpointer) role_from_row, PW_TYPE_ARRS_ROLE, error);
  return found && g_list_model_get_n_items (found) ? g_list_model_get_item (found, 0) : NULL;
}

gboolean
pw_store_add_role (PwStore     *self,
                   const char  *name,
                   int          first_year,
                   gint64      *out_id,
                   GError     **error)
{
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (name, _("A role’s name"), error))
    return FALSE;
  if (!write_one (self, &local, "role", 0, "INSERT INTO arrs_role (name, first_year, local) VALUES (trim(?1), ?2, 1)",
                  "ti", name, (gint64) MAX (first_year, 0)))
    {
      g_autofree char *what = g_strdup_printf (_("The role name “%s”"), name);
      return explain_exists (error, local, what);
    }
  if (out_id != NULL)
    *out_id = db_last_id (self);
  return TRUE;
}

gboolean
pw_store_rename_role (PwStore     *self,
                      gint64       role_id,
                      const char  *name,
                      GError     **error)
{
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (name, _("A role’s name"), error))
    return FALSE;
  if (!write_one (self, &local, "role", role_id, "UPDATE arrs_role SET name = trim(?2) WHERE id = ?1", "it",
                  role_id, name))
    {
      g_autofree char *what = g_strdup_printf (_("The role name “%s”"), name);
      return explain_exists (error, local, what);
    }
  return TRUE;
}

/* Retired roles stay on the returns that use them but are not offered. */
gboolean
pw_store_retire_role (PwStore   *self,
                      gint64     role_id,
                      gboolean   retired,
                      GError   **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  return write_one (self, error, "role", role_id, "UPDATE arrs_role SET retired = ?2 WHERE id = ?1", "ii",
                    role_id, (gint64) (retired != FALSE));
}

/* Only a role no return uses can be deleted; one in use can be retired. */
gboolean
pw_store_delete_role (PwStore   *self,
                      gint64     role_id,
                      GError   **error)
{
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (write_one (self, &local, "role", role_id, "DELETE FROM arrs_role WHERE id = ?1", "i", role_id))
    return TRUE;
  if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_INVALID))
    {
      g_clear_error (&local);
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("This role is used by returns, so it cannot be deleted; retire it instead"));
      return FALSE;
    }
  g_propagate_error (error, local);
  return FALSE;
}

/* The most the scheme reimburses per WTE of @role_id in @year, in pence;
 * -1 to forget it. */
gboolean
pw_store_set_role_rate (PwStore   *self,
                        gint64     role_id,
                        int        year,
                        gint64     max_pence,
                        GError   **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (max_pence < 0)
    return write_one (self, error, "role", role_id, "DELETE FROM arrs_rate WHERE role_id = ?1 AND year = ?2", "ii",
                      role_id, (gint64) year);
  return write_one (self, error, "role", role_id,
                    "INSERT INTO arrs_rate (role_id, year, max_pence) VALUES (?1, ?2, ?3)"
                    " ON CONFLICT (role_id, year) DO UPDATE SET max_pence = ?3",
                    "iii", role_id, (gint64) year, max_pence);
}

/* Returns: the rate in pence per WTE, or -1 when none is known */
gint64
pw_store_role_rate (PwStore  *self,
                    gint64    role_id,
                    int       year)
{
  PwDbStmt *stmt;
  gint64 rate = -1;

  g_return_val_if_fail (PW_IS_STORE (self), -1);

  stmt = query (self, NULL, "SELECT max_pence FROM arrs_rate WHERE role_id = ?1 AND year = ?2", "ii",
                role_id, (gint64) year);
  if (stmt != NULL && db_step (stmt) == DB_ROW)
    rate = db_int64 (stmt, 0);
  if (stmt != NULL)
    db_reset (stmt);
  return rate;
}

/* ------------------------------------------------------------------ */
/* Workforce                                                           */

static PwArrsWte *
wte_from_row (PwDbStmt *stmt)
{
  return g_object_new (PW_TYPE_ARRS_WTE,
                       "return-id", db_int64 (stmt, 0),
                       "role-id", db_int64 (stmt, 1),
                       "in-post", db_int64 (stmt, 2),
                       "headcount", db_int64 (stmt, 3),
                       "planned", db_int64 (stmt, 4),
                       "role", db_text (stmt, 5),
                       "as-of", db_text (stmt, 6),
                       NULL);
}

/* Returns: (transfer full): the return's roles, by role name */
GListModel *
pw_store_list_wte (PwStore  *self,
                   gint64    return_id,
                   GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error,
                               "SELECT w.return_id, w.role_id, w.wte, w.headcount, w.planned, r.name, coalesce(w.as_of, '')"
                               "  FROM arrs_wte w JOIN arrs_role r ON r.id = w.role_id"
                               " WHERE w.return_id = ?1 ORDER BY r.name", "i", return_id),
                  (gpointer) wte_from_row, PW_TYPE_ARRS_WTE, error);
}

/* Returns: (transfer full): every return's figures for @year summed by role
 * (return-id 0), by role name: the workforce across all PCNs */
GListModel *
pw_store_wte_totals (PwStore  *self,
                     int       year,
                     GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error,
                               "SELECT 0, r.id, sum(w.wte), sum(w.headcount), sum(w.planned), r.name, ''"
                               "  FROM arrs_wte w JOIN pcn_return p ON p.id = w.return_id"
                               "  JOIN arrs_role r ON r.id = w.role_id"
                               " WHERE p.year = ?1 GROUP BY r.id ORDER BY r.name", "i", (gint64) year),
                  (gpointer) wte_from_row, PW_TYPE_ARRS_WTE, error);
}

/* "2.5 WTE in post (3 people), 3.0 planned", as the change log says it. */
static char *
describe_wte (gint64 in_post,
              gint64 headcount,
              gint64 planned)
{
  g_autofree char *a = pw_format_wte (in_post);
  g_autofree char *b = pw_format_wte (planned);

  return g_strdup_printf ("%s WTE in post (%" G_GINT64_FORMAT " %s), %s planned", a, headcount,
                          headcount == 1 ? "person" : "people", b);
}

/**
 * pw_store_set_wte:
 * @as_of: (nullable): ISO date the figures were taken, or %NULL / ""
 * Records a return's WTE in post, headcount and WTE planned for a role.
 */
gboolean
pw_store_set_wte (PwStore     *self,
                  gint64       return_id,
                  gint64       role_id,
                  int          in_post,
                  int          headcount,
                  int          planned,
                  const char  *as_of,
                  GError     **error)
{
  g_autofree char *what = NULL, *new_value = NULL, *old_value = NULL;
  g_autofree char *date = NULL;
  PwDbStmt *name, *before;
  PwFieldWrite w;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (in_post < 0 || in_post > PW_WTE_MAX || planned < 0 || planned > PW_WTE_MAX)
    return invalid (error, _("A WTE must be from 0.00 to 99.99"));
  if (headcount < 0)
    return invalid (error, _("A headcount cannot be negative"));
  if (as_of != NULL && *as_of && !pw_parse_date (as_of, &date, error))
    return FALSE;
  name = query (self, error, "SELECT name FROM arrs_role WHERE id = ?1", "i", role_id);
  if (name != NULL && db_step (name) == DB_ROW)
    what = g_strdup_printf ("ARRS: %s", db_text (name, 0));
  if (name != NULL)
    db_reset (name);
  if (what == NULL)
    return not_found (error, _("There is no such ARRS role"));
  new_value = describe_wte (in_post, headcount, planned);
  /* a role's three figures are saved together: one field */
  field_write_init (&w, "arrs_wte", "figures", what, return_id, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                    return_id, role_id);
  if (!part_begin (self, &w, new_value, error))
    return FALSE;
  before = query (self, error, "SELECT wte, headcount, planned FROM arrs_wte WHERE return_id = ?1 AND role_id = ?2",
                  "ii", return_id, role_id);
  if (before != NULL && db_step (before) == DB_ROW)
    old_value = describe_wte (db_int64 (before, 0), db_int64 (before, 1),
                              db_int64 (before, 2));
  if (before != NULL)
    db_reset (before);
  ok = run (self, error, "INSERT INTO arrs_wte (return_id, role_id, wte, headcount, planned, as_of)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                         " ON CONFLICT (return_id, role_id) DO UPDATE SET wte = ?3, headcount = ?4, planned = ?5,"
                         "   as_of = coalesce(?6, arrs_wte.as_of), version = arrs_wte.version + 1"
                         " WHERE (arrs_wte.wte, arrs_wte.headcount, arrs_wte.planned, arrs_wte.as_of)"
                         "    IS NOT (?3, ?4, ?5, coalesce(?6, arrs_wte.as_of))",
            "iiiiie", return_id, role_id, (gint64) in_post, (gint64) headcount, (gint64) planned, date ? date : "");
  ok = finish_write (self, ok, return_id, "wte", what, old_value ? old_value : "", new_value, TRUE, error);
  return field_finish (self, ok, &w, new_value, error);
}

/* The date a return's ARRS figures were taken, for all its roles at once;
 * "" forgets it. */
gboolean
pw_store_set_wte_as_of (PwStore     *self,
                        gint64       return_id,
                        const char  *as_of,
                        GError     **error)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (as_of != NULL && *as_of && !pw_parse_date (as_of, &date, error))
    return FALSE;
  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  return finish_write (self, run (self, error, "UPDATE arrs_wte SET as_of = ?2, version = version + 1 WHERE return_id = ?1 AND as_of IS NOT ?2", "ie",
                                  return_id, date ? date : ""),
                       return_id, "wte", "ARRS: figures as of", "", date ? date : "", TRUE, error);
}

gboolean
pw_store_remove_wte (PwStore  *self,
                     gint64    return_id,
                     gint64    role_id,
                     GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  return finish_write (self, run (self, error, "DELETE FROM arrs_wte WHERE return_id = ?1 AND role_id = ?2", "ii",
                                  return_id, role_id),
                       return_id, "wte", "ARRS: role removed", "", "", FALSE, error);
}

/* ------------------------------------------------------------------ */
/* Funding                                                             */

/* The rows @stmt yields, each with its stream's index; a key no stream
 * has (a file edited by hand) is not shown. */
static GListModel *
stored_funding (PwStore   *self,
                PwDbStmt  *stmt,
                GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (PW_TYPE_FUNDING);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      g_autoptr(PwFunding) funding = NULL;
      guint stream;

      if (!pw_store_contract_index (self, PW_CONTRACT_STREAM, db_text (stmt, 2), &stream))
        continue;
      funding = g_object_new (PW_TYPE_FUNDING, "pcn-id", db_int64 (stmt, 0), "year", db_int64 (stmt, 1),
                              "stream", (gint64) stream, "amount", db_int64 (stmt, 3), "rate", db_int64 (stmt, 4),
                              "recorded", (gint64) 1, NULL);
      g_list_store_append (list, funding);
    }
  db_reset (stmt);
  if (rc != DB_DONE)
    return (db_error (self, error, rc), NULL);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* Returns: (transfer full): the PCN's streams for @year, every one the
 * workbook knows (pw_store_contract_count), in order;
 * a rate's amount is worked out from @year's list sizes (half a penny up) */
typedef struct
{
  gint64 pcn_id;
  int year;
} FundingKey;

static GObject *
empty_stream (guint    stream,
              gpointer data)
{
  FundingKey *key = data;

  return g_object_new (PW_TYPE_FUNDING, "pcn-id", key->pcn_id, "year", (gint64) key->year,
                       "stream", (gint64) stream, NULL);
}

GListModel *
pw_store_list_funding (PwStore  *self,
                       gint64    pcn_id,
                       int       year,
                       GError  **error)
{
  g_autoptr(GListModel) stored = NULL;
  FundingKey key = { pcn_id, year };

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stored = stored_funding (self, query (self, error,
                                        "SELECT f.pcn_id, f.year, f.stream,"
                                        "       CASE WHEN f.rate IS NULL THEN f.amount"
                                        "            ELSE (f.rate * (SELECT coalesce(sum(list_size), 0) FROM ("
                                        YEAR_PRACTICES_WHERE ("f.year", "pcn_id = f.pcn_id") ") y) + 50) / 100 END,"
                                        "       coalesce(f.rate, -1)"
                                        "  FROM funding f WHERE f.pcn_id = ?1 AND f.year = ?2",
                                        "ii", pcn_id, (gint64) year),
                           error);
  return stored ? complete_by_key (stored, PW_FUNDING_STREAM, pw_store_contract_count (self, PW_CONTRACT_STREAM),
                                   empty_stream, &key) : NULL;
}

/* What setting and clearing a PCN's amount in a stream share: the
 * stream's key (NULL, with @error, for no such stream or a year that is
 * closed) and the field written, for its version and the change log. */
static const char *
funding_field (PwStore          *self,
               PwFieldWrite     *w,
               gint64            pcn_id,
               int               year,
               PwFundingStream   stream,
               GError          **error)
{
  const char *key = pw_store_contract_key (self, PW_CONTRACT_STREAM, stream);

  if (key == NULL)
    return (invalid (error, _("There is no such funding stream")), NULL);
  if (!check_open_in (self, pcn_id, year, error))
    return NULL;
  field_write_init (w, "funding", "amount", _(pw_store_contract_name (self, PW_CONTRACT_STREAM, stream)), 0,
                    "%" G_GINT64_FORMAT "/%d/%s", pcn_id, year, key);
  return key;
}

/**
 * pw_store_set_funding:
 * @amount: pence, used when @rate is -1
 * @rate: hundredths of a penny per registered patient, or -1
 */
gboolean
pw_store_set_funding (PwStore          *self,
                      gint64            pcn_id,
                      int               year,
                      PwFundingStream   stream,
                      gint64            amount,
                      gint64            rate,
                      GError          **error)
{
  g_autofree char *shown = NULL, *money = NULL;
  const char *key;
  PwFieldWrite w;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (amount < 0)
    return invalid (error, _("A funding amount cannot be negative"));
  if ((key = funding_field (self, &w, pcn_id, year, stream, error)) == NULL)
    return FALSE;
  /* an amount or a rate per patient: one field */
  shown = rate >= 0 ? g_strdup_printf (_("%s per patient"), money = pw_format_money (rate / 100))
                    : pw_format_money (amount);
  if (!field_begin (self, &w, shown, error))
    return FALSE;
  ok = write_one (self, error, "funding", pcn_id,
                  "INSERT INTO funding (pcn_id, year, stream, amount, rate) VALUES (?1, ?2, ?3, ?4, ?5)"
                  " ON CONFLICT (pcn_id, year, stream) DO UPDATE SET amount = ?4, rate = ?5,"
                  " version = funding.version + 1"
                  " WHERE (funding.amount, funding.rate) IS NOT (?4, ?5)",
                  "iitin", pcn_id, (gint64) year, key, rate >= 0 ? 0 : amount, rate);
  return field_finish (self, ok, &w, shown, error);
}

/**
 * pw_store_clear_funding:
 * Takes the PCN's amount in @stream for @year back to none entered: the
 * exports say "Not recorded" rather than £0.00, and the window leaves
 * the field empty.  Where none was entered, nothing is deleted.
 */
gboolean
pw_store_clear_funding (PwStore          *self,
                        gint64            pcn_id,
                        int               year,
                        PwFundingStream   stream,
                        GError          **error)
{
  const char *key;
  PwFieldWrite w;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((key = funding_field (self, &w, pcn_id, year, stream, error)) == NULL ||
      !field_begin (self, &w, "", error))
    return FALSE;
  ok = write_one (self, error, "funding", pcn_id,
                  "DELETE FROM funding WHERE pcn_id = ?1 AND year = ?2 AND stream = ?3",
                  "iit", pcn_id, (gint64) year, key);
  return field_finish (self, ok, &w, "", error);
}

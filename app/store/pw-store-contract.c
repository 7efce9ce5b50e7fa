/* pw-store-contract.c — the contract by year (reference data)
 *
 * Which DES service specifications and funding streams apply in a
 * financial year, and the years of an ARRS role.  Shipped from
 * data/reference/contract.csv by schema migration 8; users may change the
 * years.  Pages, forms and sheets show the items of the year in hand, plus
 * any a return already holds (past returns keep what they held).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-plan.h"
#include "pw-store-private.h"
#include "pw-workforce.h"

static const char *
contract_key (PwContractKind kind,
              guint          index,
              const char   **out_kind)
{
  if (kind == PW_CONTRACT_DES && index < PW_N_DES_SPECS)
    return (*out_kind = "des", pw_des_key (index));
  if (kind == PW_CONTRACT_STREAM && index < PW_N_STREAMS)
    return (*out_kind = "stream", pw_stream_key (index));
  return NULL;
}

/* Whether the item applies in @year; an item missing from the table (a
 * workbook edited by hand) is shown rather than hidden. */
gboolean
pw_store_contract_applies (PwStore        *self,
                           PwContractKind  kind,
                           guint           index,
                           int             year)
{
  int first = 0, last = 0;

  if (!pw_store_contract_years (self, kind, index, &first, &last, NULL, NULL))
    return TRUE;
  return first <= year && (last == 0 || year <= last);
}

/**
 * pw_store_contract_years:
 * @out_last: (out): the last year, 0 if it still applies
 * @out_source: (out) (optional): the document the years come from
 */
gboolean
pw_store_contract_years (PwStore         *self,
                         PwContractKind   kind,
                         guint            index,
                         int             *out_first,
                         int             *out_last,
                         char           **out_source,
                         GError         **error)
{
  const char *kind_key = NULL, *key = contract_key (kind, index, &kind_key);
  PwDbStmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (key == NULL)
    return invalid (error, _("No such specification or funding stream"));
  stmt = query (self, error, "SELECT first_year, coalesce(last_year, 0), source FROM contract_item"
                             " WHERE kind = ?1 AND key = ?2", "tt", kind_key, key);
  if (stmt != NULL && db_step (stmt) == DB_ROW)
    {
      found = TRUE;
      *out_first = db_int (stmt, 0);
      *out_last = db_int (stmt, 1);
      if (out_source != NULL)
        *out_source = g_strdup (db_text (stmt, 2));
    }
  if (stmt != NULL)
    db_reset (stmt);
  if (!found && stmt != NULL)
    invalid (error, _("This workbook has no years for that specification or funding stream"));
  return found;
}

static gboolean
years_ok (int       first_year,
          int       last_year,
          GError  **error)
{
  if (first_year < 2000 || first_year > 2098 || last_year < 0 || (last_year > 0 && last_year < first_year) ||
      last_year > 2098)
    return invalid (error, _("The last year cannot come before the first year"));
  return TRUE;
}

/* Whether anything is held for the item in @year: a plan for the
 * specification (a row is a plan, even "not started") by the return
 * @owner_id, or funding by the PCN @owner_id, or by any of the year's when
 * @owner_id is 0. */
static gboolean
contract_held (PwStore        *self,
               PwContractKind  kind,
               const char     *key,
               int             year,
               gint64          owner_id)
{
  PwDbStmt *stmt;
  gboolean held = FALSE;

  if (kind == PW_CONTRACT_DES)
    stmt = query (self, NULL, "SELECT EXISTS (SELECT 1 FROM des_plan d JOIN pcn_return r ON r.id = d.return_id"
                              " WHERE d.spec = ?1 AND r.year = ?2 AND ?3 IN (0, r.id))",
                  "tii", key, (gint64) year, owner_id);
  else
    stmt = query (self, NULL, "SELECT EXISTS (SELECT 1 FROM funding WHERE stream = ?1 AND year = ?2"
                              " AND ?3 IN (0, pcn_id) AND (amount > 0 OR rate IS NOT NULL))",
                  "tii", key, (gint64) year, owner_id);
  if (stmt != NULL && db_step (stmt) == DB_ROW)
    held = db_int (stmt, 0);
  if (stmt != NULL)
    db_reset (stmt);
  return held;
}

/**
 * pw_store_contract_shown:
 * @owner_id: a return (DES) or PCN (funding), or 0 for all of @year's
 * @out_indices: (out caller-allocates): room for PW_N_DES_SPECS or PW_N_STREAMS
 *
 * The items a page, form or sheet of @year shows, in order: those that
 * apply in @year, and any other that @owner_id (or any return of the
 * year) already holds, so that a past return keeps what it held.
 *
 * Returns: how many were written to @out_indices
 */
guint
pw_store_contract_shown (PwStore        *self,
                         PwContractKind  kind,
                         int             year,
                         gint64          owner_id,
                         guint          *out_indices)
{
  guint n = kind == PW_CONTRACT_DES ? PW_N_DES_SPECS : PW_N_STREAMS, shown = 0;

  g_return_val_if_fail (PW_IS_STORE (self), 0);

  for (guint i = 0; i < n; i++)
    {
      const char *kind_key = NULL, *key = contract_key (kind, i, &kind_key);

      if (pw_store_contract_applies (self, kind, i, year) || contract_held (self, kind, key, year, owner_id))
        out_indices[shown++] = i;
    }
  return shown;
}

/* @last_year: 0 while it still applies */
gboolean
pw_store_set_contract_years (PwStore         *self,
                             PwContractKind   kind,
                             guint            index,
                             int              first_year,
                             int              last_year,
                             GError         **error)
{
  const char *kind_key = NULL, *key = contract_key (kind, index, &kind_key);

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (key == NULL)
    return invalid (error, _("No such specification or funding stream"));
  if (!years_ok (first_year, last_year, error))
    return FALSE;
  return write_one (self, error, "contract", 0,
                    "INSERT INTO contract_item (kind, key, first_year, last_year) VALUES (?1, ?2, ?3, ?4)"
                    " ON CONFLICT (kind, key) DO UPDATE SET first_year = ?3, last_year = ?4",
                    "ttin", kind_key, key, (gint64) first_year, (gint64) (last_year ? last_year : -1));
}

/* @last_year: 0 while it is still reimbursable */
gboolean
pw_store_set_role_years (PwStore  *self,
                         gint64    role_id,
                         int       first_year,
                         int       last_year,
                         GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!years_ok (first_year, last_year, error))
    return FALSE;
  return write_one (self, error, "role", role_id, "UPDATE arrs_role SET first_year = ?2, last_year = ?3 WHERE id = ?1",
                    "iin", role_id, (gint64) first_year, (gint64) (last_year ? last_year : -1));
}

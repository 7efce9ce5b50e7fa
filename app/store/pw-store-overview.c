/* pw-store-overview.c — a year's figures for every PCN, in one query
 *
 * The overview shows, for each PCN, its return's status and its five
 * levels, beside the year before's: one statement reads them all, rather
 * than one for the returns and another for the levels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-matrix.h"
#include "pw-store-private.h"

/* The row's return's figures, new (with no level) at its first row. */
static PwOverviewFigures *
figures_of (GHashTable *figures,
            PwDbStmt   *stmt)
{
  gint64 pcn_id = db_int64 (stmt, 1);
  PwOverviewFigures *row = g_hash_table_lookup (figures, &pcn_id);

  if (row != NULL)
    return row;
  row = g_new (PwOverviewFigures, 1);
  row->pcn_id = pcn_id;
  row->return_id = db_int64 (stmt, 0);
  row->status = db_int (stmt, 2);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    row->levels[d] = PW_LEVEL_NONE;
  g_hash_table_insert (figures, &row->pcn_id, row);
  return row;
}

/**
 * pw_store_overview_figures:
 * @year: a financial year
 *
 * Returns: (transfer full): for each PCN with a return in @year, its id
 * (a gint64 key, pointing into the value) mapped to its PwOverviewFigures:
 * the return's id and status, and its levels (PW_LEVEL_NONE where a domain
 * has no score)
 */
GHashTable *
pw_store_overview_figures (PwStore  *self,
                           int       year,
                           GError  **error)
{
  g_autoptr(GHashTable) figures = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  PwOverviewFigures *row = NULL;
  PwDbStmt *stmt;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  /* One row per domain scored; a return's rows usually come together. */
  stmt = query (self, error, "SELECT r.id, r.pcn_id, r.status, m.domain, coalesce(m.level, -100)"
                             "  FROM pcn_return r LEFT JOIN maturity m ON m.return_id = r.id"
                             " WHERE r.year = ?1", "i", (gint64) year);
  if (stmt == NULL)
    return NULL;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      guint domain;

      if (row == NULL || row->return_id != db_int64 (stmt, 0))
        row = figures_of (figures, stmt);
      if (pw_domain_from_key (db_text (stmt, 3), &domain))
        row->levels[domain] = db_int (stmt, 4);
    }
  db_reset (stmt);
  if (rc != DB_DONE)
    return (db_error (self, error, rc), NULL);
  return g_steal_pointer (&figures);
}

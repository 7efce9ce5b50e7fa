/* pw-store-export-reads.c — the export's set-based reads (pw-store-export.h)
 *
 * Each read is one statement for the whole year, ordered by its key (a
 * return's rows by pcn_return's id: the order its year index yields them
 * in, so SQLite reads them without sorting), kept as a flat table of
 * cells: integers as they are, texts in one string chunk.  Its memory is the sheet's data once, whatever the number of
 * statements the per-PCN reads would have taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-store-export.h"
#include "pw-store-private.h"

typedef union
{
  gint64 i;
  const char *s;               /* in the chunk */
} Cell;

typedef struct
{
  guint first, n;
} Run;

struct _PwExportRows
{
  const char *types;           /* per column: 'i' integer, 't' text; column 0 the key */
  guint n_cols;
  GArray *cells;               /* of Cell, n_cols per row */
  GStringChunk *texts;
  GHashTable *runs;            /* key (gint64 *, in keys) → Run * */
  GArray *keys;                /* of gint64, one per run */
  GArray *run_data;            /* of Run */
};

void
pw_export_rows_free (PwExportRows *rows)
{
  g_array_unref (rows->cells);
  g_string_chunk_free (rows->texts);
  g_clear_pointer (&rows->runs, g_hash_table_unref);
  g_array_unref (rows->keys);
  g_array_unref (rows->run_data);
  g_free (rows);
}

/* Returns: how many rows @key has; *@first is the first of them. */
guint
pw_export_rows_find (PwExportRows *rows,
                     gint64        key,
                     guint        *first)
{
  Run *run = g_hash_table_lookup (rows->runs, &key);

  *first = run ? run->first : 0;
  return run ? run->n : 0;
}

gint64
pw_export_rows_int (PwExportRows *rows,
                    guint         row,
                    guint         col)
{
  g_return_val_if_fail (col < rows->n_cols && rows->types[col] == 'i', 0);
  return g_array_index (rows->cells, Cell, row * rows->n_cols + col).i;
}

const char *
pw_export_rows_text (PwExportRows *rows,
                     guint         row,
                     guint         col)
{
  g_return_val_if_fail (col < rows->n_cols && rows->types[col] == 't', "");
  return g_array_index (rows->cells, Cell, row * rows->n_cols + col).s;
}

/* The runs of equal keys, once every row is in: the arrays stay put. */
static void
index_runs (PwExportRows *rows)
{
  guint n = rows->cells->len / rows->n_cols;

  for (guint r = 0; r < n; r++)
    {
      gint64 key = g_array_index (rows->cells, Cell, r * rows->n_cols).i;

      if (rows->keys->len > 0 && g_array_index (rows->keys, gint64, rows->keys->len - 1) == key)
        g_array_index (rows->run_data, Run, rows->run_data->len - 1).n++;
      else
        {
          Run run = { r, 1 };

          g_array_append_val (rows->keys, key);
          g_array_append_val (rows->run_data, run);
        }
    }
  rows->runs = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < rows->keys->len; i++)
    g_hash_table_insert (rows->runs, &g_array_index (rows->keys, gint64, i), &g_array_index (rows->run_data, Run, i));
}

/* Every row of @stmt (from query (), so NULL after a failure), its
 * columns read by @types; NULL integers read as 0, NULL texts as "". */
static PwExportRows *
read_rows (PwStore       *self,
           PwDbStmt      *stmt,
           const char    *types,
           GError       **error)
{
  g_autoptr(PwExportRows) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rows = g_new0 (PwExportRows, 1);
  rows->types = types;
  rows->n_cols = strlen (types);
  rows->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  rows->texts = g_string_chunk_new (64 * 1024);
  rows->keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  rows->run_data = g_array_new (FALSE, FALSE, sizeof (Run));
  while ((rc = db_step (stmt)) == DB_ROW)
    for (guint c = 0; c < rows->n_cols; c++)
      {
        Cell cell;

        if (types[c] == 'i')
          cell.i = db_int64 (stmt, c);
        else
          cell.s = g_string_chunk_insert (rows->texts, db_text (stmt, c));
        g_array_append_val (rows->cells, cell);
      }
  db_reset (stmt);
  if (rc != DB_DONE)
    {
      db_error (self, error, rc);
      return NULL;
    }
  index_runs (rows);
  return g_steal_pointer (&rows);
}

PwExportRows *
pw_store_export_practices (PwStore  *self,
                           int       year,
                           GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return read_rows (self, query (self, error,
                                 "SELECT coalesce(pcn_id, 0), list_size, code, name FROM (" YEAR_PRACTICES ("?1") ") y"
                                 " ORDER BY pcn_id, name, code", "i", (gint64) year),
                    "iitt", error);
}

PwExportRows *
pw_store_export_items (PwStore     *self,
                       int          year,
                       PwItemList   list,
                       GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (list < PW_N_LISTS, NULL);

  return read_rows (self, query (self, error,
                                 "SELECT i.return_id, i.text FROM return_item i JOIN pcn_return r ON r.id = i.return_id"
                                 " WHERE r.year = ?1 AND i.list = ?2 ORDER BY r.id, i.position",
                                 "it", (gint64) year, pw_list_key (list)),
                    "it", error);
}

PwExportRows *
pw_store_export_maturity (PwStore  *self,
                          int       year,
                          GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return read_rows (self, query (self, error,
                                 "SELECT m.return_id, m.domain, m.evidence, m.support"
                                 "  FROM maturity m JOIN pcn_return r ON r.id = m.return_id"
                                 " WHERE r.year = ?1 ORDER BY r.id", "i", (gint64) year),
                    "ittt", error);
}

PwExportRows *
pw_store_export_wte (PwStore  *self,
                     int       year,
                     GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return read_rows (self, query (self, error,
                                 "SELECT w.return_id, r.name, w.wte, w.headcount, w.planned, coalesce(w.as_of, ''),"
                                 "       coalesce((SELECT max_pence FROM arrs_rate WHERE role_id = w.role_id AND year = ?1), -1)"
                                 "  FROM arrs_wte w JOIN arrs_role r ON r.id = w.role_id"
                                 "  JOIN pcn_return p ON p.id = w.return_id"
                                 " WHERE p.year = ?1 ORDER BY p.id, r.name", "i", (gint64) year),
                    "itiiiti", error);
}

PwExportRows *
pw_store_export_funding (PwStore  *self,
                         int       year,
                         GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return read_rows (self, query (self, error,
                                 "SELECT f.pcn_id, f.stream,"
                                 "       CASE WHEN f.rate IS NULL THEN f.amount"
                                 "            ELSE (f.rate * (SELECT coalesce(sum(list_size), 0) FROM ("
                                 YEAR_PRACTICES_WHERE ("?1", "pcn_id = f.pcn_id") ") y) + 50) / 100 END,"
                                 "       coalesce(f.rate, -1)"
                                 "  FROM funding f WHERE f.year = ?1 ORDER BY f.pcn_id", "i", (gint64) year),
                    "itii", error);
}

PwExportRows *
pw_store_export_des (PwStore  *self,
                     int       year,
                     GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return read_rows (self, query (self, error,
                                 "SELECT d.return_id, d.spec, d.status, d.note"
                                 "  FROM des_plan d JOIN pcn_return r ON r.id = d.return_id"
                                 " WHERE r.year = ?1 ORDER BY r.id", "i", (gint64) year),
                    "itit", error);
}

PwExportRows *
pw_store_export_entries (PwStore      *self,
                         int           year,
                         PwEntryKind   kind,
                         GError      **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return read_rows (self, query (self, error,
                                 "SELECT e.return_id, e.status, e.amount, e.title, e.detail, e.lead, e.due"
                                 "  FROM plan_entry e JOIN pcn_return r ON r.id = e.return_id"
                                 " WHERE r.year = ?1 AND e.kind = ?2 ORDER BY r.id, e.position",
                                 "ii", (gint64) year, (gint64) kind),
                    "iiitttt", error);
}

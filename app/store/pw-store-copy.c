/* pw-store-copy.c — a whole workbook copied into another, on either engine
 *
 * A private workbook moves into a team workbook (SQLite to PostgreSQL) and
 * back, for an offline copy, whole: every table, every row as stored, ids
 * kept, in one transaction on the target, checked by counting each table's
 * rows on both sides before it commits.  The target must hold no data yet
 * (a new workbook's reference rows are replaced by the source's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/* Every table, each after the tables it refers to. */
static const char *const tables[] = {
  "locality", "pcn", "practice", "pcn_return", "maturity", "change_log", "return_item", "des_plan",
  "plan_entry", "arrs_role", "arrs_rate", "arrs_wte", "funding", "profile_state", "profile_year",
  "pcn_year", "practice_year", "board", "board_stage", "organisation", "board_member", "board_meeting",
  "board_attendance", "board_decision", "board_action", "board_risk", "board_priority", "contract_item",
};

/* What a new workbook holds before anyone writes: its reference data. */
static const char *const seeded[] = { "arrs_role", "profile_state", "contract_item" };

static gint64
count_rows (PwStore     *store,
            const char  *table,
            GError     **error)
{
  return pragma_int (store, intern_printf ("SELECT count(*) FROM %s", table), error);
}

static gboolean
target_is_empty (PwStore  *to,
                 GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gboolean reference = FALSE;
      gint64 n;

      for (guint j = 0; j < G_N_ELEMENTS (seeded); j++)
        reference |= g_str_equal (tables[i], seeded[j]);
      if (reference)
        continue;
      if ((n = count_rows (to, tables[i], error)) < 0)
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS,
                       _("“%s” already holds data (%s): a workbook is copied only into a new, empty one. Nothing was copied."),
                       to->path, tables[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Copies @table's rows, column by column as stored, into @to (on a server
 * by COPY: see db_put_begin ()). */
static gboolean
copy_table (PwStore     *from,
            PwStore     *to,
            const char  *table,
            GError     **error)
{
  PwDbStmt *rows = query (from, error, intern_printf ("SELECT * FROM %s", table), NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;
  int rc = DB_DONE;

  if (rows == NULL || !db_put_begin (to, table, error))
    return FALSE;
  while (ok && (rc = db_step (rows)) == DB_ROW)
    {
      int n = db_column_count (rows);

      if (insert->len == 0)
        {
          g_string_printf (insert, "INSERT INTO %s VALUES (?1", table);
          for (int c = 2; c <= n; c++)
            g_string_append_printf (insert, ", ?%d", c);
          g_string_append (insert, ")");
        }
      g_ptr_array_set_size (values, 0);
      for (int c = 0; c < n; c++)
        g_ptr_array_add (values, db_is_null (rows, c) ? NULL : g_strdup (db_text (rows, c)));
      ok = db_put_row (to, g_intern_string (insert->str), values, error);
    }
  db_reset (rows);
  if (ok && rc != DB_DONE)
    ok = db_error (from, error, rc);
  return db_put_end (to, ok, ok ? error : NULL) && ok;
}

/* Every table's rows: a failure names the table. */
static gboolean
copy_tables (PwStore  *from,
             PwStore  *to,
             GError  **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    if (!copy_table (from, to, tables[t], error))
      {
        g_prefix_error (error, _("Copying %s: "), tables[t]);
        return FALSE;
      }
  return TRUE;
}

/* Each table holds as many rows in @to as in @from. */
static gboolean
counts_agree (PwStore  *from,
              PwStore  *to,
              GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 a = count_rows (from, tables[i], error), b = a < 0 ? -1 : count_rows (to, tables[i], error);

      if (a < 0 || b < 0)
        return FALSE;
      if (a != b)
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_FAILED,
                       _("The copy of %s holds %" G_GINT64_FORMAT " rows, not %" G_GINT64_FORMAT ": nothing was copied."),
                       tables[i], b, a);
          return FALSE;
        }
    }
  return TRUE;
}

/* A team workbook numbers new rows after the ids copied into it. */
static gboolean
renumber (PwStore  *to,
          GError  **error)
{
  if (to->engine != PW_DB_PG)
    return TRUE;
  return exec_script (to, "DO $$ DECLARE t record; BEGIN"
                          "  FOR t IN SELECT table_name FROM information_schema.columns"
                          "    WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES' LOOP"
                          "    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), coalesce(max(id), 0) + 1, false)"
                          " FROM %I', t.table_name, t.table_name);"
                          "  END LOOP;"
                          " END $$", error);
}

/**
 * pw_store_copy_into:
 * @from: the workbook to copy
 * @to: a new, empty workbook (of either engine)
 * @out_rows: (out) (optional): how many rows were copied
 *
 * Copies @from whole into @to in one transaction, checked by counts; on
 * any failure nothing is written to @to.
 */
gboolean
pw_store_copy_into (PwStore  *from,
                    PwStore  *to,
                    gint64   *out_rows,
                    GError  **error)
{
  gboolean ok;
  gint64 rows = 0;

  g_return_val_if_fail (PW_IS_STORE (from) && PW_IS_STORE (to), FALSE);

  if (!target_is_empty (to, error) || !pw_store_begin_read (from, error))
    return FALSE;
  ok = pw_store_begin (to, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (seeded); i++)
    ok = run (to, error, intern_printf ("DELETE FROM %s", seeded[i]), NULL);
  ok = ok && copy_tables (from, to, error);
  ok = ok && counts_agree (from, to, error) && renumber (to, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (tables); i++)
    rows += count_rows (to, tables[i], NULL);
  if (ok)
    {
      note_change (to, NULL, 0);   /* many rows: the models are read again */
      ok = pw_store_commit (to, error);
    }
  else
    pw_store_rollback (to);
  pw_store_end_read (from);
  if (ok && out_rows != NULL)
    *out_rows = rows;
  return ok;
}

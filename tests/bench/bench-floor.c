/* bench-floor.c — what the machine allows for each job of bench-scale
 *
 * The floors the benchmark prints beside the app's figures: libcsv and bare
 * SQLite (one prepared INSERT, one transaction, the workbook's journal and
 * sync settings) for the CSV imports, and raw libxlsxwriter writing the
 * cells an export wrote (read back once by openpyxl: xlsx-cells.py).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <csv.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <xlsxwriter.h>

#include "bench-floor.h"

typedef struct
{
  sqlite3_stmt *insert;
  int n_columns;               /* fields bound per row */
  int field;
  gboolean header;
} Loader;

static void
on_field (void   *text,
          size_t  len,
          void   *data)
{
  Loader *l = data;

  if (!l->header && l->field < l->n_columns)
    sqlite3_bind_text (l->insert, l->field + 1, text, (int) len, SQLITE_TRANSIENT);
  l->field++;
}

static void
on_row (int   c,
        void *data)
{
  Loader *l = data;

  if (!l->header)
    {
      g_assert_cmpint (sqlite3_step (l->insert), ==, SQLITE_DONE);
      sqlite3_reset (l->insert);
    }
  l->header = FALSE;
  l->field = 0;
}

/* Loads @csv into a new database @db: @schema, then @insert per row. */
static void
load (const char *csv,
      const char *db_path,
      const char *schema,
      const char *insert,
      int         n_columns)
{
  g_autofree char *text = NULL;
  gsize len;
  struct csv_parser parser;
  Loader l = { .n_columns = n_columns, .header = TRUE };
  sqlite3 *db;

  g_unlink (db_path);
  g_assert_true (g_file_get_contents (csv, &text, &len, NULL));
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, insert, -1, &l.insert, NULL), ==, SQLITE_OK);
  csv_init (&parser, CSV_APPEND_NULL);
  g_assert_cmpuint (csv_parse (&parser, text, len, on_field, on_row, &l), ==, len);
  csv_fini (&parser, on_field, on_row, &l);
  csv_free (&parser);
  sqlite3_finalize (l.insert);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

void
floor_maturity (const char *csv,
                const char *db)
{
  load (csv, db,
        "CREATE TABLE maturity (pcn_code TEXT NOT NULL, year TEXT NOT NULL, domain TEXT NOT NULL,"
        " level TEXT, PRIMARY KEY (pcn_code, year, domain))",
        "INSERT INTO maturity VALUES (?1, ?2, ?3, ?4)", 4);
}

void
floor_profiles (const char *csv,
                const char *db)
{
  load (csv, db,
        "CREATE TABLE practice (pcn_code TEXT NOT NULL, pcn_name TEXT NOT NULL, locality TEXT NOT NULL,"
        " code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, list_size INTEGER, clinical_director TEXT, cd_wte TEXT)",
        "INSERT INTO practice VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", 8);
}

/* The cells, as xlsx-cells.py wrote them: a line "S\tname" starts a sheet,
 * then "row\tcol\tn|s\tvalue" (newlines and tabs in strings escaped). */
GPtrArray *
floor_read_cells (const char *tsv)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_file_get_contents (tsv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_ptr_array_add (cells, g_strsplit (lines[i], "\t", 4));
  return cells;
}

void
floor_xlsx (GPtrArray  *cells,
            const char *out)
{
  lxw_workbook *wb = workbook_new (out);
  lxw_worksheet *ws = NULL;

  for (guint i = 0; i < cells->len; i++)
    {
      char **c = g_ptr_array_index (cells, i);

      if (g_strcmp0 (c[0], "S") == 0)
        ws = workbook_add_worksheet (wb, c[1]);
      else if (c[2][0] == 'n')
        worksheet_write_number (ws, atoi (c[0]), atoi (c[1]), g_ascii_strtod (c[3], NULL), NULL);
      else
        {
          g_autofree char *s = g_strcompress (c[3]);
          worksheet_write_string (ws, atoi (c[0]), atoi (c[1]), s, NULL);
        }
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

/* fuzz-import.c — libFuzzer target: one importer, through its real entry
 * point, against a real SQLite workbook
 *
 * Built once per importer with -DFUZZ_IMPORT=pw_import_profiles (…) by
 * build-aux/fuzz.sh.  Each input is written to a CSV file and imported
 * into a small workbook (two PCNs, one with a return) as it was made, so
 * that a crashing input replays alone exactly as it ran.  After a failed
 * import the workbook must be as it was (read back with a connection of
 * its own); after a successful one it must pass SQLite's integrity check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "pw-import.h"

/* libFuzzer keeps the input of a crash it sees: an abort, not the trap
 * g_error raises; and the message in UTF-8 whatever the locale. */
static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
fail (const char *format,
      ...)
{
  va_list ap;

  va_start (ap, format);
  vfprintf (stderr, format, ap);
  va_end (ap);
  fputc ('\n', stderr);
  abort ();
}

#ifndef FUZZ_IMPORT
#error "build with -DFUZZ_IMPORT=pw_import_…"
#endif

static char *dir, *db_path, *csv_path;
static GBytes *template;
/* The store stays open between inputs (opening one costs more than most
 * imports); only a successful import, which changed it, makes a fresh copy. */
static PwStore *store;
static char *template_dump;   /* of the workbook before any import */

/* Every row of every table, as text: what a failed import must not change. */
static char *
dump (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &tables,
                          NULL) != SQLITE_OK)
    fail ("fuzz-import: cannot read the workbook back");
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows = NULL;

      if (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL) != SQLITE_OK)
        fail ("fuzz-import: %s", sqlite3_errmsg (db));
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (rows); c++)
          g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (rows, c));
      sqlite3_finalize (rows);
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db_path, &error);
  gint64 pcn = 0, ret = 0, north = 0;
  char *data = NULL;
  gsize len = 0;

  if (store == NULL ||
      !pw_store_add_locality (store, "North", &north, &error) ||     /* for the board imports */
      !pw_store_add_pcn (store, "U12345", "Riverside PCN", north, &pcn, &error) ||
      !pw_store_add_pcn (store, "U54321", "Hillside PCN", 0, NULL, &error) ||
      !pw_store_ensure_return (store, pcn, 2021, &ret, &error))
    fail ("fuzz-import: cannot make the workbook: %s", error ? error->message : "?");
  g_clear_object (&store);     /* closes it: the WAL is checkpointed into the file */
  if (!g_file_get_contents (db_path, &data, &len, &error))
    fail ("fuzz-import: %s", error->message);
  template = g_bytes_new_take (data, len);
  template_dump = dump (db_path);
}

static void
remove_workbook (void)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      g_remove (path);
    }
}

static void
clean_up (void)
{
  g_clear_object (&store);
  remove_workbook ();
  g_remove (csv_path);
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_setenv ("GIO_USE_VFS", "local", TRUE);   /* no session bus */
  dir = g_dir_make_tmp ("pw-fuzz-XXXXXX", NULL);
  /* GIO scans its module folder on the first GFile and keeps (and, by
   * LeakSanitizer's count, leaks) an object per module it finds there: on a
   * machine with dconf's GIO module installed every target "leaked".  The
   * importers need no module, so GIO looks in our empty folder instead. */
  g_setenv ("GIO_MODULE_DIR", dir, TRUE);
  db_path = g_build_filename (dir, "workbook.db", NULL);
  csv_path = g_build_filename (dir, "input.csv", NULL);
  make_template ();
  atexit (clean_up);
  return 0;
}

static void
check_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      strcmp ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    fail ("fuzz-import: the workbook fails its integrity check");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
fresh_workbook (void)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  remove_workbook ();
  if (!g_file_set_contents (db_path, g_bytes_get_data (template, NULL), g_bytes_get_size (template), &error) ||
      (store = pw_store_open (db_path, &error)) == NULL)
    fail ("fuzz-import: %s", error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  PwImportSummary summary;
  gboolean ok;

  if (store == NULL)
    fresh_workbook ();
  if (!g_file_set_contents (csv_path, (const char *) data, size, &error))
    fail ("fuzz-import: %s", error->message);
  ok = FUZZ_IMPORT (store, csv_path, NULL, NULL, NULL, &summary, &error);
  if (ok == (error != NULL))
    fail ("fuzz-import: returned %d with error %s", ok, error ? error->message : "(none)");
  if (!ok)
    {
      g_autofree char *after = dump (db_path);

      if (g_utf8_strlen (error->message, -1) > 1200)
        fail ("fuzz-import: a message of %ld characters", g_utf8_strlen (error->message, -1));
      if (strcmp (after, template_dump) != 0)
        fail ("fuzz-import: a failed import changed the workbook: %s", error->message);
      return 0;
    }
  check_integrity (db_path);
  fresh_workbook ();
  return 0;
}

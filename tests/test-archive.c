/* Archiving, deleting and merging PCNs and localities, and undoing them,
 * against real SQLite files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#define PW_TEST_WITH_STORE
#include "pw-plan.h"
#include "pw-store.h"
#include "pw-test-util.h"

/* Two localities; U11111 (Old, in North) with two practices, returns for
 * 2020/21 and 2021/22 with a level and an item, and funding for 2021/22;
 * U22222 (New, in South) with one practice and a 2022/23 return. */
typedef struct
{
  char *dir;
  char *path;
  PwStore *store;
  gint64 north, south, old, new, old_2020, old_2021, new_2022;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_locality (f->store, "North", &f->north, &error));
  g_assert_true (pw_store_add_locality (f->store, "South", &f->south, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U11111", "Old PCN", f->north, &f->old, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U22222", "New PCN", f->south, &f->new, &error));
  g_assert_true (pw_store_set_pcn_text (f->store, f->old, PW_PCN_CLINICAL_DIRECTOR, "Dr A Smith", &error));
  g_assert_true (pw_store_set_pcn_number (f->store, f->old, PW_PCN_CD_WTE, 25, &error));
  g_assert_true (pw_store_add_practice (f->store, f->old, "A11111", "Alpha Surgery", 9000, NULL, &error));
  g_assert_true (pw_store_add_practice (f->store, f->old, "B11111", "Beta Surgery", 7000, NULL, &error));
  g_assert_true (pw_store_add_practice (f->store, f->new, "C22222", "Gamma Surgery", 12000, NULL, &error));
  g_assert_true (pw_store_ensure_return (f->store, f->old, 2020, &f->old_2020, &error));
  g_assert_true (pw_store_ensure_return (f->store, f->old, 2021, &f->old_2021, &error));
  g_assert_true (pw_store_ensure_return (f->store, f->new, 2022, &f->new_2022, &error));
  g_assert_true (pw_store_set_maturity_level (f->store, f->old_2021, 0, 3, &error));
  g_assert_true (pw_store_add_item (f->store, f->old_2021, PW_LIST_STRENGTHS, -1, "Strong leadership", NULL, &error));
  g_assert_true (pw_store_set_funding (f->store, f->old, 2021, PW_STREAM_DEVELOPMENT, 2640000, -1, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Every row of every table, read by a connection of its own; the change
 * log only up to entry @log_upto (it keeps what was done and undone). */
static char *
dump (const char *path,
      gint64      log_upto)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s ORDER BY rowid", name,
                                              g_str_equal (name, "change_log") ? "id <= ?1" : "?1 = ?1");
      sqlite3_stmt *rows = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (rows, 1, log_upto);
      g_string_append_printf (out, "[%s]\n", name);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (rows, i) == SQLITE_NULL
                                    ? "NULL" : (const char *) sqlite3_column_text (rows, i));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
last_log (Fixture *f)
{
  return pw_test_sql_int (f->path, "SELECT coalesce(max(id), 0) FROM change_log");
}

static gboolean
listed (PwStore *store,
        int      year,
        gint64   pcn_id)
{
  g_autoptr(GListModel) pcns = pw_store_list_pcns (store, year);

  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (pcns, i);
      if (pw_pcn_get_id (pcn) == pcn_id)
        return TRUE;
    }
  return FALSE;
}

static void
assert_undo_restores (Fixture     *f,
                      PwStoreUndo *undo,
                      const char  *before,
                      gint64       log_before)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (pw_store_undo (f->store, undo, &error));
  g_assert_no_error (error);
  after = dump (f->path, log_before);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what LIKE 'Undone: %'"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "PRAGMA foreign_key_check"), ==, -1);
}

/* ------------------------------------------------------------------ */

static void
test_delete_refused_with_returns (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->path, G_MAXINT64);
  g_autofree char *after = NULL;
  PwStoreUndo *undo = NULL;

  g_assert_false (pw_store_delete_pcn (f->store, f->old, &undo, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "U11111 Old PCN"));
  g_assert_nonnull (strstr (error->message, "2 returns (2020/21, 2021/22)"));
  g_assert_nonnull (strstr (error->message, "archived from 2022/23"));
  g_assert_null (undo);
  after = dump (f->path, G_MAXINT64);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (pw_store_find_pcn (f->store, f->old));
  /* The year it can close from follows its last funding too. */
  g_clear_error (&error);
  g_assert_true (pw_store_set_funding (f->store, f->old, 2023, PW_STREAM_ARRS, 100, -1, &error));
  g_assert_false (pw_store_delete_pcn (f->store, f->old, NULL, &error));
  g_assert_nonnull (strstr (error->message, "archived from 2024/25"));
}

static void
test_delete_refused_with_funding (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (pw_store_add_pcn (f->store, "U33333", "Funded PCN", 0, &id, &error));
  g_assert_true (pw_store_set_funding (f->store, id, 2023, PW_STREAM_ARRS, 100, -1, &error));
  g_assert_false (pw_store_delete_pcn (f->store, id, NULL, &error));
  g_assert_nonnull (strstr (error->message, "funding for 2023/24"));
}

/* A PCN made by mistake goes; its practices stay, with no PCN; undo puts
 * back every row as it was. */
static void
test_delete_and_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStoreUndo) undo = NULL;
  g_autofree char *before = NULL;
  gint64 id = 0, log_before;

  g_assert_true (pw_store_add_pcn (f->store, "U33333", "Typo PCN", f->south, &id, &error));
  g_assert_true (pw_store_set_pcn_text (f->store, id, PW_PCN_NOTES, "made by mistake", &error));
  g_assert_true (pw_store_move_practice (f->store, 1, id, &error));
  before = dump (f->path, G_MAXINT64);
  log_before = last_log (f);

  g_assert_true (pw_store_delete_pcn (f->store, id, &undo, &error));
  g_assert_no_error (error);
  g_assert_null (pw_store_find_pcn (f->store, id));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE code = 'U33333'"), ==, 0);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM practice WHERE id = 1 AND pcn_id IS NULL"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what = 'Deleted U33333 Typo PCN'"), ==, 1);
  g_assert_cmpstr (pw_store_undo_get_summary (undo), ==, "Deleted U33333 Typo PCN");

  assert_undo_restores (f, undo, before, log_before);
  g_assert_nonnull (pw_store_find_pcn (f->store, id));
}

static void
test_merge_moves_and_logs (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStoreUndo) undo = NULL;
  g_autofree char *before = dump (f->path, G_MAXINT64);
  gint64 log_before = last_log (f);
  PwPcn *kept;

  g_assert_true (pw_store_merge_pcn (f->store, f->old, f->new, &undo, &error));
  g_assert_no_error (error);
  g_assert_null (pw_store_find_pcn (f->store, f->old));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM practice WHERE pcn_id = 2"), ==, 3);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn_return WHERE pcn_id = 2"), ==, 3);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM funding WHERE pcn_id = 2 AND year = 2021"), ==, 1);
  /* The returns moved whole, with their levels and items. */
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT level FROM maturity WHERE return_id = 2 AND domain = 'leadership'"), ==, 3);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM return_item WHERE return_id = 2"), ==, 1);
  kept = pw_store_find_pcn (f->store, f->new);
  g_assert_cmpint (pw_pcn_get_number (kept, PW_PCN_PRACTICE_COUNT), ==, 3);
  g_assert_cmpint (pw_pcn_get_number (kept, PW_PCN_POPULATION), ==, 28000);
  /* Every move is in the log: each return's history names both PCNs. */
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what = 'PCN'"
                                             " AND old_value = 'U11111 Old PCN' AND new_value = 'U22222 New PCN'"
                                             " AND return_id IN (1, 2)"), ==, 2);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what LIKE 'Practice %: PCN'"
                                             " AND old_value = 'U11111' AND new_value = 'U22222'"), ==, 2);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log"
                                             " WHERE what = 'Merged U11111 Old PCN into U22222 New PCN'"), ==, 1);

  assert_undo_restores (f, undo, before, log_before);
  g_assert_cmpint (pw_pcn_get_number (pw_store_find_pcn (f->store, f->old), PW_PCN_PRACTICE_COUNT), ==, 2);
}

static void
test_merge_refused_on_clash (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64 ret = 0;

  g_assert_true (pw_store_ensure_return (f->store, f->new, 2021, &ret, &error));
  g_assert_true (pw_store_ensure_return (f->store, f->new, 2020, &ret, &error));
  before = dump (f->path, G_MAXINT64);
  g_assert_false (pw_store_merge_pcn (f->store, f->old, f->new, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Cannot merge U11111 Old PCN into U22222 New PCN"));
  g_assert_nonnull (strstr (error->message, "2020/21, 2021/22"));
  after = dump (f->path, G_MAXINT64);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);
  g_assert_false (pw_store_merge_pcn (f->store, f->old, f->old, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
}

static void
test_merge_refused_on_funding_clash (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_store_set_funding (f->store, f->new, 2021, PW_STREAM_DEVELOPMENT, 5, -1, &error));
  g_assert_false (pw_store_merge_pcn (f->store, f->old, f->new, NULL, &error));
  g_assert_nonnull (strstr (error->message, "funding in the same stream for 2021/22"));
}

/* Archived from 2022/23: listed in 2021/22 and before, not from 2022/23. */
static void
test_archive_by_year (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStoreUndo) undo = NULL;
  g_autofree char *before = dump (f->path, G_MAXINT64);
  gint64 log_before = last_log (f), ret = 0;

  g_assert_true (pw_store_archive_pcn (f->store, f->old, 2022, &undo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_pcn_get_number (pw_store_find_pcn (f->store, f->old), PW_PCN_ARCHIVED_FROM), ==, 2022);
  g_assert_true (listed (f->store, 2020, f->old));
  g_assert_true (listed (f->store, 2021, f->old));
  g_assert_false (listed (f->store, 2022, f->old));
  g_assert_false (listed (f->store, 2025, f->old));
  g_assert_true (listed (f->store, 0, f->old));
  g_assert_true (listed (f->store, 2025, f->new));
  /* No return can start in a year it is closed. */
  g_assert_false (pw_store_ensure_return (f->store, f->old, 2023, &ret, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "archived (closed) from 2022/23"));
  g_clear_error (&error);
  g_assert_false (pw_store_set_funding (f->store, f->old, 2022, PW_STREAM_ARRS, 100, -1, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what = 'Archived U11111 Old PCN from 2022/23'"), ==, 1);

  assert_undo_restores (f, undo, before, log_before);
  g_assert_true (listed (f->store, 2025, f->old));
}

static void
test_archive_refused_with_later_returns (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStoreUndo) undo = NULL;

  g_assert_false (pw_store_archive_pcn (f->store, f->old, 2021, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Cannot archive U11111 Old PCN from 2021/22"));
  g_assert_nonnull (strstr (error->message, "1 return (2021/22)"));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE archived_from IS NOT NULL"), ==, 0);
  g_clear_error (&error);
  /* Reopening is undone to the year it was archived from. */
  g_assert_true (pw_store_archive_pcn (f->store, f->old, 2023, NULL, &error));
  g_assert_true (pw_store_archive_pcn (f->store, f->old, 0, &undo, &error));
  g_assert_true (listed (f->store, 2024, f->old));
  g_assert_true (pw_store_undo (f->store, undo, &error));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT archived_from FROM pcn WHERE code = 'U11111'"), ==, 2023);
}

/* Merging into an archived PCN may not put data in its closed years. */
static void
test_merge_into_archived (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_store_archive_pcn (f->store, f->old, 2022, NULL, &error));
  g_assert_false (pw_store_merge_pcn (f->store, f->new, f->old, NULL, &error));
  g_assert_nonnull (strstr (error->message, "archived from 2022/23"));
  g_assert_nonnull (strstr (error->message, "(2022/23)"));
}

static void
test_locality_delete_and_merge (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStoreUndo) undo = NULL;
  g_autoptr(PwStoreUndo) merged = NULL;
  g_autofree char *before = NULL;
  gint64 empty = 0, log_before;

  g_assert_false (pw_store_delete_locality (f->store, f->north, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“North”: it has 1 PCN"));
  g_clear_error (&error);

  g_assert_true (pw_store_add_locality (f->store, "Empty", &empty, &error));
  before = dump (f->path, G_MAXINT64);
  log_before = last_log (f);
  g_assert_true (pw_store_delete_locality (f->store, empty, &undo, &error));
  g_assert_null (pw_store_find_locality (f->store, "Empty"));
  assert_undo_restores (f, undo, before, log_before);
  g_assert_nonnull (pw_store_find_locality (f->store, "Empty"));

  g_free (before);
  before = dump (f->path, G_MAXINT64);
  log_before = last_log (f);
  g_assert_true (pw_store_merge_locality (f->store, f->north, f->south, &merged, &error));
  g_assert_no_error (error);
  g_assert_null (pw_store_find_locality (f->store, "North"));
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, f->old), PW_PCN_LOCALITY), ==, "South");
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what = 'PCN U11111: locality'"
                                             " AND old_value = 'North' AND new_value = 'South'"), ==, 1);
  g_assert_true (pw_store_undo (f->store, merged, &error));
  {
    g_autofree char *after = dump (f->path, log_before);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, f->old), PW_PCN_LOCALITY), ==, "North");
}

/* Undo cannot bring back a PCN whose code has been taken since: it says
 * so and changes nothing. */
static void
test_undo_refused_when_code_taken (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStoreUndo) undo = NULL;
  gint64 id = 0, again = 0;

  g_assert_true (pw_store_add_pcn (f->store, "U33333", "Typo PCN", 0, &id, &error));
  g_assert_true (pw_store_delete_pcn (f->store, id, &undo, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U33333", "Right PCN", 0, &again, &error));
  g_assert_false (pw_store_undo (f->store, undo, &error));
  g_assert_nonnull (strstr (error->message, "now used"));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what LIKE 'Undone%'"), ==, 0);
}

/* A PCN added since took the deleted one's id: undo brings it back under
 * a new id, with its practices. */
static void
test_undo_when_id_taken (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStoreUndo) undo = NULL;
  gint64 id = 0, other = 0;
  PwPcn *back;

  g_assert_true (pw_store_add_pcn (f->store, "U33333", "Typo PCN", 0, &id, &error));
  g_assert_true (pw_store_move_practice (f->store, 1, id, &error));
  g_assert_true (pw_store_delete_pcn (f->store, id, &undo, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U44444", "Another PCN", 0, &other, &error));
  g_assert_cmpint (other, ==, id);
  g_assert_true (pw_store_undo (f->store, undo, &error));
  g_assert_no_error (error);
  back = pw_store_find_pcn_by_code (f->store, "U33333");
  g_assert_nonnull (back);
  g_assert_cmpint (pw_pcn_get_id (back), !=, id);
  g_assert_cmpint (pw_pcn_get_number (back, PW_PCN_PRACTICE_COUNT), ==, 1);
  g_assert_cmpint (pw_pcn_get_number (pw_store_find_pcn (f->store, other), PW_PCN_PRACTICE_COUNT), ==, 0);
}

/* tests/data/workbook-v4-demo.db was written by the version-4 code (the demo). */
static void
test_migrate_from_v4 (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("TESTS_SRCDIR"), "data", "workbook-v4-demo.db", NULL);
  g_autoptr(GBytes) original = pw_test_read (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint backups = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original), &error));
  g_assert_cmpint (pw_test_sql_int (path, "PRAGMA user_version"), ==, 4);
  {
    g_autoptr(PwStore) store = pw_store_open (path, &error);
    g_autoptr(GListModel) now = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (pw_store_get_schema_version (store), ==, PW_STORE_SCHEMA_VERSION);
    now = pw_store_list_pcns (store, 2025);
    g_assert_cmpuint (g_list_model_get_n_items (now), ==, 13);
  }
  g_assert_cmpint (pw_test_sql_int (path, "PRAGMA user_version"), ==, PW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM pcn WHERE archived_from IS NULL"), ==, 13);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM pcn_return"), ==, 24);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM practice"), ==, 60);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM arrs_wte"), ==, 131);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM funding"), ==, 78);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM change_log"), ==, 303);
  /* The version-4 file was kept aside, unchanged. */
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, "-v4.bak"))
      {
        g_autofree char *backup = g_build_filename (dir, name, NULL);
        g_assert_cmpint (pw_test_sql_int (backup, "PRAGMA user_version"), ==, 4);
        backups++;
      }
  g_assert_cmpuint (backups, ==, 1);
  pw_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/archive/delete/refused-with-returns", test_delete_refused_with_returns);
  ADD ("/archive/delete/refused-with-funding", test_delete_refused_with_funding);
  ADD ("/archive/delete/undo", test_delete_and_undo);
  ADD ("/archive/merge/moves-and-logs", test_merge_moves_and_logs);
  ADD ("/archive/merge/refused-on-clash", test_merge_refused_on_clash);
  ADD ("/archive/merge/refused-on-funding-clash", test_merge_refused_on_funding_clash);
  ADD ("/archive/merge/into-archived", test_merge_into_archived);
  ADD ("/archive/archive/by-year", test_archive_by_year);
  ADD ("/archive/archive/refused-with-later-returns", test_archive_refused_with_later_returns);
  ADD ("/archive/locality/delete-and-merge", test_locality_delete_and_merge);
  ADD ("/archive/undo/code-taken", test_undo_refused_when_code_taken);
  ADD ("/archive/undo/id-taken", test_undo_when_id_taken);
#undef ADD
  g_test_add_func ("/archive/migrate/from-v4", test_migrate_from_v4);
  return g_test_run ();
}

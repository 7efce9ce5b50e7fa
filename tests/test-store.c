/* PwStore against real SQLite files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "pw-store.h"
#include "pw-test-pg.h"
#include "pw-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  PwStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pw_test_tmpdir ();
  f->path = pw_test_workbook (f->dir);
  f->store = pw_store_open (f->path, &error);
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

/* Runs @sql on @path with a plain connection, as another program would. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_create (Fixture *f, gconstpointer data)
{
  struct stat st;

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (pw_store_get_schema_version (f->store), ==, PW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_sql_int (f->path, "PRAGMA user_version"), ==, PW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
  g_assert_cmpint (g_list_model_get_n_items (pw_store_get_pcns (f->store)), ==, 0);
}

static void
test_default_path (void)
{
  g_autofree char *path = pw_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "pcn-workbook", "workbook.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static gint64
add_sample (PwStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 loc = 0, pcn = 0;

  g_assert_true (pw_store_add_locality (store, "North", &loc, &error));
  g_assert_true (pw_store_add_pcn (store, "u12345", "Riverside PCN", loc, &pcn, &error));
  g_assert_true (pw_store_add_practice (store, pcn, "L85001", "Bridge Street Surgery", 12000, NULL, &error));
  g_assert_true (pw_store_add_practice (store, pcn, "L85002", "Mill Lane Practice", 29250, NULL, &error));
  g_assert_no_error (error);
  return pcn;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_sample (f->store);
  PwPcn *pcn;

  g_assert_true (pw_store_set_pcn_text (f->store, id, PW_PCN_CLINICAL_DIRECTOR, "Dr A Example", &error));
  g_assert_true (pw_store_set_pcn_number (f->store, id, PW_PCN_CD_WTE, 25, &error));
  g_assert_true (pw_store_set_pcn_text (f->store, id, PW_PCN_ESTABLISHED, "01/07/2019", &error));
  g_assert_true (pw_store_set_pcn_text (f->store, id, PW_PCN_NOTES, "Line one\nLine “two”", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  pcn = pw_store_find_pcn_by_code (f->store, "U12345");
  g_assert_nonnull (pcn);
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_NAME), ==, "Riverside PCN");
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_LOCALITY), ==, "North");
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_CLINICAL_DIRECTOR), ==, "Dr A Example");
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_CD_WTE), ==, 25);
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_MANAGER_WTE), ==, -1);
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_ESTABLISHED), ==, "2019-07-01");
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_NOTES), ==, "Line one\nLine “two”");
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_PRACTICE_COUNT), ==, 2);
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_POPULATION), ==, 41250);
}

static void
count_changed (PwStore *store, const char *table, gint64 id, int *count)
{
  (*count)++;
}

static void
count_notify (GObject *object, GParamSpec *pspec, int *count)
{
  (*count)++;
}

/* The cached row is the same object before and after a write, updated in
 * place, and only the changed property is notified. */
static void
test_live_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_sample (f->store);
  PwPcn *pcn = pw_store_find_pcn (f->store, id);
  g_autoptr(GListModel) practices = NULL;
  int changed = 0, notified = 0, pop_notified = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), &changed);
  g_signal_connect (pcn, "notify::name", G_CALLBACK (count_notify), &notified);
  g_signal_connect (pcn, "notify::population", G_CALLBACK (count_notify), &pop_notified);

  g_assert_true (pw_store_set_pcn_text (f->store, id, PW_PCN_NAME, "Riverside and Vale PCN", &error));
  g_assert_cmpint (changed, ==, 1);
  g_assert_cmpint (notified, ==, 1);
  g_assert_cmpint (pop_notified, ==, 0);
  g_assert_true (pw_store_find_pcn (f->store, id) == pcn);
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_NAME), ==, "Riverside and Vale PCN");

  /* Writing the same value again changes nothing and says nothing. */
  g_assert_true (pw_store_set_pcn_text (f->store, id, PW_PCN_NAME, "Riverside and Vale PCN", &error));
  g_assert_cmpint (changed, ==, 1);

  practices = pw_store_list_practices (f->store, id, &error);
  g_assert_cmpint (g_list_model_get_n_items (practices), ==, 2);
  {
    g_autoptr(PwPractice) p = g_list_model_get_item (practices, 0);
    g_assert_true (pw_store_update_practice (f->store, pw_practice_get_id (p), "L85001",
                                             "Bridge Street Surgery", 12500, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pop_notified, ==, 1);
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_POPULATION), ==, 41750);
}

static void
test_invalid_values (Fixture *f, gconstpointer data)
{
  gint64 id = add_sample (f->store);
  gint64 other = 0;
  PwPcn *pcn = pw_store_find_pcn (f->store, id);
  GError *error = NULL;

  g_assert_false (pw_store_set_pcn_number (f->store, id, PW_PCN_CD_WTE, 10000, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_store_set_pcn_text (f->store, id, PW_PCN_CODE, "U1", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (pw_store_set_pcn_text (f->store, id, PW_PCN_NAME, "   ", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (pw_store_set_pcn_text (f->store, id, PW_PCN_ESTABLISHED, "31/02/2020", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Codes are unique. */
  g_assert_true (pw_store_add_pcn (f->store, "U22222", "Second PCN", 0, &other, &error));
  g_assert_false (pw_store_set_pcn_text (f->store, other, PW_PCN_CODE, "U12345", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "U12345"));
  g_clear_error (&error);
  g_assert_false (pw_store_add_practice (f->store, other, "L85001", "Copy", 1, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (pw_store_add_locality (f->store, "north", NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_CD_WTE), ==, -1);
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_NAME), ==, "Riverside PCN");
}

static void
test_move_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_sample (f->store), other = 0;
  g_autoptr(GListModel) practices = pw_store_list_practices (f->store, id, &error);
  g_autoptr(PwPractice) first = g_list_model_get_item (practices, 0);
  g_autoptr(PwPractice) second = g_list_model_get_item (practices, 1);

  g_assert_true (pw_store_add_pcn (f->store, "U22222", "Second PCN", 0, &other, &error));
  g_assert_true (pw_store_move_practice (f->store, pw_practice_get_id (first), other, &error));
  g_assert_cmpint (pw_pcn_get_number (pw_store_find_pcn (f->store, id), PW_PCN_POPULATION), ==, 29250);
  g_assert_cmpint (pw_pcn_get_number (pw_store_find_pcn (f->store, other), PW_PCN_POPULATION), ==, 12000);
  g_assert_true (pw_store_delete_practice (f->store, pw_practice_get_id (second), &error));
  g_assert_cmpint (pw_pcn_get_number (pw_store_find_pcn (f->store, id), PW_PCN_PRACTICE_COUNT), ==, 0);
  g_assert_no_error (error);
}

static void
test_rename_locality (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_sample (f->store);
  PwLocality *loc = pw_store_find_locality (f->store, "NORTH");

  g_assert_nonnull (loc);
  g_assert_true (pw_store_rename_locality (f->store, pw_locality_get_id (loc), "North East", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_locality_get_name (loc), ==, "North East");
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, id), PW_PCN_LOCALITY), ==, "North East");
}

/* A batch that fails is rolled back whole, and says nothing. */
static void
test_batch_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  int changed = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_true (pw_store_begin (f->store, &error));
  add_sample (f->store);
  g_assert_cmpint (changed, ==, 0);
  pw_store_rollback (f->store);
  g_assert_cmpint (changed, ==, 0);
  g_assert_cmpint (g_list_model_get_n_items (pw_store_get_pcns (f->store)), ==, 0);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM practice"), ==, 0);

  g_assert_true (pw_store_begin (f->store, &error));
  add_sample (f->store);
  g_assert_true (pw_store_commit (f->store, &error));
  g_assert_cmpint (changed, ==, 1);
  g_assert_cmpint (g_list_model_get_n_items (pw_store_get_pcns (f->store)), ==, 1);
}

/* A batch that touches A, B, then B again is still "many": every cached row
 * is refreshed, not only the last one written. */
static void
test_batch_refreshes_all (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 loc = 0, a = 0, b = 0;

  g_assert_true (pw_store_begin (f->store, &error));
  g_assert_true (pw_store_add_locality (f->store, "North", &loc, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U11111", "A PCN", loc, &a, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U22222", "B PCN", loc, &b, &error));
  g_assert_true (pw_store_set_pcn_text (f->store, b, PW_PCN_NAME, "B2 PCN", &error));
  g_assert_true (pw_store_set_pcn_text (f->store, b, PW_PCN_NAME, "B3 PCN", &error));
  g_assert_true (pw_store_commit (f->store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_localities (f->store)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (f->store)), ==, 2);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, b), PW_PCN_NAME), ==, "B3 PCN");
  g_assert_nonnull (pw_store_find_pcn (f->store, a));
}

/* Opening @path must fail with @code and leave its bytes as they were. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autoptr(GBytes) before = pw_test_read (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  after = pw_test_read (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS) && g_file_test (path, G_FILE_TEST_EXISTS) &&
                  code == PW_STORE_ERROR_NOT_DATABASE);
}

static void
test_refuse_not_database (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);

  pw_test_write (path, "pcn_code,pcn_name\nU12345,Riverside\n");
  assert_refused (path, PW_STORE_ERROR_NOT_DATABASE);
  pw_test_rmdir (dir);
}

static void
test_refuse_foreign_sqlite (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);

  raw_exec (path, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER);"
                  "INSERT INTO accounts VALUES (1, 100);");
  assert_refused (path, PW_STORE_ERROR_NOT_DATABASE);
  pw_test_rmdir (dir);
}

static void
test_refuse_newer (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                                          "CREATE TABLE future (x);",
                                          0x50434E57, PW_STORE_SCHEMA_VERSION + 1);

  raw_exec (path, sql);
  assert_refused (path, PW_STORE_ERROR_NEWER);
  pw_test_rmdir (dir);
}

static void
test_refuse_corrupt (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corrupt.db", NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  {
    g_autoptr(PwStore) store = pw_store_open (path, &error);
    g_assert_no_error (error);
    add_sample (store);
  }
  /* Fold the WAL into the file, then scribble over the second page. */
  raw_exec (path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 4096 * 2);
  memset (data + 4096, 0x5a, 2048);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  g_free (data);
  assert_refused (path, PW_STORE_ERROR_CORRUPT);
  pw_test_rmdir (dir);
}

/* An empty file, or a SQLite file with nothing in it, becomes a workbook. */
static void
test_migrate_from_empty (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *blank = g_build_filename (dir, "blank.db", NULL);
  g_autoptr(GError) error = NULL;

  pw_test_write (empty, "");
  raw_exec (blank, "PRAGMA user_version = 0;");
  {
    g_autoptr(PwStore) a = pw_store_open (empty, &error);
    g_assert_no_error (error);
    g_autoptr(PwStore) b = pw_store_open (blank, &error);
    g_assert_no_error (error);
    add_sample (a);
    add_sample (b);
  }
  g_assert_cmpint (pw_test_sql_int (empty, "PRAGMA user_version"), ==, PW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_sql_int (blank, "SELECT count(*) FROM practice"), ==, 2);
  pw_test_rmdir (dir);
}

static int
by_pcn (gconstpointer a, gconstpointer b)
{
  return pw_pcn_compare (*(PwPcn **) a, *(PwPcn **) b);
}

/* PCNs by locality, those without one last, then by name: the order of
 * every list of PCNs. */
static void
test_pcn_order (Fixture *f, gconstpointer data)
{
  static const struct { const char *code, *name, *locality; } pcns[] = {
    { "U00001", "Zeta PCN", NULL }, { "U00002", "Alpha PCN", "North" }, { "U00003", "Beta PCN", "East" },
    { "U00004", "Aardvark PCN", NULL }, { "U00005", "Aaron PCN", "North" },
  };
  static const char *order[] = { "Beta PCN", "Aaron PCN", "Alpha PCN", "Aardvark PCN", "Zeta PCN" };
  /* After Aaron PCN is renamed: the same PCNs sorted again follow the new
   * name, not the collation key kept for the old one. */
  static const char *renamed[] = { "Beta PCN", "Alpha PCN", "Omega PCN", "Aardvark PCN", "Zeta PCN" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *all;

  for (guint i = 0; i < G_N_ELEMENTS (pcns); i++)
    {
      gint64 locality = 0;
      PwLocality *known = pcns[i].locality ? pw_store_find_locality (f->store, pcns[i].locality) : NULL;

      if (known != NULL)
        locality = pw_locality_get_id (known);
      else if (pcns[i].locality != NULL)
        g_assert_true (pw_store_add_locality (f->store, pcns[i].locality, &locality, &error));
      g_assert_true (pw_store_add_pcn (f->store, pcns[i].code, pcns[i].name, locality, NULL, &error));
      g_assert_no_error (error);
    }
  all = pw_store_get_pcns (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (all, i));
  g_ptr_array_sort (sorted, by_pcn);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (pw_pcn_get_text (g_ptr_array_index (sorted, i), PW_PCN_NAME), ==, order[i]);
  g_assert_true (pw_store_set_pcn_text (f->store, pw_pcn_get_id (g_ptr_array_index (sorted, 1)), PW_PCN_NAME,
                                        "Omega PCN", &error));
  g_assert_no_error (error);
  g_ptr_array_sort (sorted, by_pcn);
  for (guint i = 0; i < G_N_ELEMENTS (renamed); i++)
    g_assert_cmpstr (pw_pcn_get_text (g_ptr_array_index (sorted, i), PW_PCN_NAME), ==, renamed[i]);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define FIXTURE_TEST(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  FIXTURE_TEST ("/store/create", test_create);
  FIXTURE_TEST ("/store/pcn-order", test_pcn_order);
  FIXTURE_TEST ("/store/round-trip", test_round_trip);
  FIXTURE_TEST ("/store/live-rows", test_live_rows);
  FIXTURE_TEST ("/store/invalid-values", test_invalid_values);
  FIXTURE_TEST ("/store/move-delete", test_move_delete);
  FIXTURE_TEST ("/store/rename-locality", test_rename_locality);
  FIXTURE_TEST ("/store/batch-rollback", test_batch_rollback);
  FIXTURE_TEST ("/store/batch-refreshes-all", test_batch_refreshes_all);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/refuse/not-database", test_refuse_not_database);
  g_test_add_func ("/store/refuse/foreign-sqlite", test_refuse_foreign_sqlite);
  g_test_add_func ("/store/refuse/newer", test_refuse_newer);
  g_test_add_func ("/store/refuse/corrupt", test_refuse_corrupt);
  g_test_add_func ("/store/migrate/from-empty", test_migrate_from_empty);
  return g_test_run ();
}

/* The store's edges mutate.py found untested (app/store/, seeds 3001 and
 * 3002), checked through the store's own API on real workbooks, on both
 * engines where the behaviour is the engine's too.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <utime.h>

#include "pw-maturity.h"
#include "pw-store.h"
#include "pw-store-export.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

/* The backup folder's name: the workbook's file name without its last
 * extension, a dash and 8 hex digits of its path's hash.  A name without
 * a dot, or whose only dot starts it, is kept whole. */
static void
assert_backup_name (const char *dir,
                    const char *file,
                    const char *expected_base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autofree char *backups = NULL, *name = NULL, *prefix = NULL;

  g_assert_no_error (error);
  backups = pw_store_backup_dir (store);
  name = g_path_get_basename (backups);
  prefix = g_strconcat (expected_base, "-", NULL);
  g_assert_true (g_str_has_prefix (name, prefix));
  g_assert_cmpuint (strlen (name), ==, strlen (prefix) + 8);
  for (const char *c = name + strlen (prefix); *c; c++)
    g_assert_true (g_ascii_isxdigit (*c));
}

static void
test_backup_dir_names (void)
{
  g_autofree char *dir = pw_test_tmpdir ();

  assert_backup_name (dir, "workbook.db", "workbook");
  assert_backup_name (dir, "plain", "plain");
  assert_backup_name (dir, ".hidden", ".hidden");
  assert_backup_name (dir, "north.2025.db", "north.2025");
  pw_test_rmdir (dir);
}

/* Imports @level for domain 0 of U12345's @year; returns values changed. */
static guint
import_level (Fixture     *f,
              int          year,
              int          level,
              PwTestHeard *heard)
{
  g_autoptr(GError) error = NULL;
  PwMaturityValue value = { f->pcn, year, 0, level, NULL, NULL };
  PwBulkResult result = { 0 };
  gulong handler = g_signal_connect (f->store, "changed", G_CALLBACK (pw_test_heard_cb), heard);

  g_assert_true (pw_store_import_maturity (f->store, "levels.csv", &value, 1, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store, handler);
  return result.values_changed;
}

/* A maturity import that changes one return (new or not) is announced as
 * returns changed, once; one that changes nothing is not announced. */
static void
test_bulk_announced (Fixture *f, gconstpointer data)
{
  PwTestHeard heard = { 0 };

  g_assert_cmpuint (import_level (f, 2025, 2, &heard), ==, 1);
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_cmpstr (heard.table, ==, "return");
  g_assert_cmpint (heard.id, ==, 0);
  g_assert_cmpuint (import_level (f, 2025, 2, &heard), ==, 0);
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_cmpuint (import_level (f, 2024, 3, &heard), ==, 1);   /* a return the import adds */
  g_assert_cmpuint (heard.count, ==, 2);
  g_assert_cmpstr (heard.table, ==, "return");
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT level FROM maturity m JOIN pcn_return r ON r.id = m.return_id"
                                             " WHERE r.year = 2024 AND m.domain = 'leadership'"), ==, 3);
  pw_test_heard_clear (&heard);
}

/* The overview's figures keep each PCN's return apart: its id, status and
 * the levels of its own domains, PW_LEVEL_NONE where none is scored (also
 * for a return with no score at all); a PCN without a return that year
 * is absent. */
static void
test_overview_figures (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) figures = NULL;
  gint64 north = 0, north_ret = 0, east = 0, east_ret = 0, west = 0, old = 0;
  PwOverviewFigures *a, *b, *c;

  g_assert_true (pw_store_add_pcn (f->store, "U22222", "North PCN", 0, &north, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U33333", "East PCN", 0, &east, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U44444", "West PCN", 0, &west, &error));
  g_assert_true (pw_store_ensure_return (f->store, north, 2025, &north_ret, &error));
  g_assert_true (pw_store_ensure_return (f->store, east, 2025, &east_ret, &error));
  g_assert_true (pw_store_ensure_return (f->store, west, 2024, &old, &error));
  g_assert_true (pw_store_set_maturity_level (f->store, f->ret, 0, 1, &error));
  g_assert_true (pw_store_set_maturity_level (f->store, f->ret, 4, 6, &error));
  g_assert_true (pw_store_set_maturity_level (f->store, north_ret, 0, 3, &error));
  g_assert_true (pw_store_set_maturity_level (f->store, north_ret, 1, 0, &error));
  g_assert_true (pw_store_set_maturity_level (f->store, north_ret, 2, -2, &error));
  g_assert_true (pw_store_set_maturity_level (f->store, old, 0, 5, &error));
  g_assert_true (pw_store_set_return_status (f->store, north_ret, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  g_assert_no_error (error);

  figures = pw_store_overview_figures (f->store, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (figures), ==, 3);
  a = g_hash_table_lookup (figures, &f->pcn);
  b = g_hash_table_lookup (figures, &north);
  c = g_hash_table_lookup (figures, &east);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_nonnull (c);
  g_assert_null (g_hash_table_lookup (figures, &west));
  g_assert_cmpint (a->pcn_id, ==, f->pcn);
  g_assert_cmpint (a->return_id, ==, f->ret);
  g_assert_cmpint (a->status, ==, PW_STATUS_DRAFT);
  g_assert_cmpint (a->levels[0], ==, 1);
  g_assert_cmpint (a->levels[1], ==, PW_LEVEL_NONE);
  g_assert_cmpint (a->levels[2], ==, PW_LEVEL_NONE);
  g_assert_cmpint (a->levels[3], ==, PW_LEVEL_NONE);
  g_assert_cmpint (a->levels[4], ==, 6);
  g_assert_cmpint (b->return_id, ==, north_ret);
  g_assert_cmpint (b->status, ==, PW_STATUS_SUBMITTED);
  g_assert_cmpint (b->levels[0], ==, 3);
  g_assert_cmpint (b->levels[1], ==, 0);
  g_assert_cmpint (b->levels[2], ==, -2);
  g_assert_cmpint (b->levels[3], ==, PW_LEVEL_NONE);
  g_assert_cmpint (b->levels[4], ==, PW_LEVEL_NONE);
  g_assert_cmpint (c->return_id, ==, east_ret);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    g_assert_cmpint (c->levels[d], ==, PW_LEVEL_NONE);
}

/* The export's rows: each return's run of rows found by its key (none for
 * a key with no row), each cell read by its column's type; a column of
 * the other type, or past the last, is the programmer's error: a warning
 * and 0 or "". */
static void
test_export_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwExportRows) rows = NULL;
  gint64 north = 0, north_ret = 0;
  guint first = 77, n;
  gboolean seen_data = FALSE, seen_people = FALSE;

  g_assert_true (pw_store_add_pcn (f->store, "U22222", "North PCN", 0, &north, &error));
  g_assert_true (pw_store_ensure_return (f->store, north, 2025, &north_ret, &error));
  g_assert_true (pw_store_set_maturity_text (f->store, f->ret, 1, PW_MATURITY_EVIDENCE, "Minutes", &error));
  g_assert_true (pw_store_set_maturity_level (f->store, f->ret, 4, 6, &error));
  g_assert_true (pw_store_set_maturity_text (f->store, north_ret, 2, PW_MATURITY_SUPPORT, "A coach", &error));
  g_assert_no_error (error);

  rows = pw_store_export_maturity (f->store, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_export_rows_find (rows, 999999, &first), ==, 0);
  g_assert_cmpuint (first, ==, 0);
  n = pw_export_rows_find (rows, f->ret, &first);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (first, ==, 0);
  for (guint r = first; r < first + n; r++)
    {
      const char *domain = pw_export_rows_text (rows, r, 1);

      g_assert_cmpint (pw_export_rows_int (rows, r, 0), ==, f->ret);
      if (strcmp (domain, "data") == 0)
        {
          seen_data = TRUE;
          g_assert_cmpstr (pw_export_rows_text (rows, r, 2), ==, "Minutes");
        }
      else
        {
          g_assert_cmpstr (domain, ==, "people");
          seen_people = TRUE;
          g_assert_cmpstr (pw_export_rows_text (rows, r, 2), ==, "");
        }
      g_assert_cmpstr (pw_export_rows_text (rows, r, 3), ==, "");
    }
  g_assert_true (seen_data && seen_people);
  g_assert_cmpuint (pw_export_rows_find (rows, north_ret, &first), ==, 1);
  g_assert_cmpuint (first, ==, 2);
  g_assert_cmpint (pw_export_rows_int (rows, 2, 0), ==, north_ret);
  g_assert_cmpstr (pw_export_rows_text (rows, 2, 1), ==, "integrating");
  g_assert_cmpstr (pw_export_rows_text (rows, 2, 2), ==, "");
  g_assert_cmpstr (pw_export_rows_text (rows, 2, 3), ==, "A coach");

  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*assertion 'col < rows->n_cols && rows->types[col] == 't''*");
  g_assert_cmpstr (pw_export_rows_text (rows, 2, 0), ==, "");
  g_test_assert_expected_messages ();
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*assertion 'col < rows->n_cols && rows->types[col] == 't''*");
  g_assert_cmpstr (pw_export_rows_text (rows, 0, 4), ==, "");
  g_test_assert_expected_messages ();
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*assertion 'col < rows->n_cols && rows->types[col] == 'i''*");
  g_assert_cmpint (pw_export_rows_int (rows, 2, 3), ==, 0);
  g_test_assert_expected_messages ();
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*assertion 'col < rows->n_cols && rows->types[col] == 'i''*");
  g_assert_cmpint (pw_export_rows_int (rows, 0, 4), ==, 0);
  g_test_assert_expected_messages ();
}

/* Writes an empty file @name into @dir, last modified at @mtime. */
static void
touch_at (const char *dir,
          const char *name,
          gint64      mtime)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times = { mtime, mtime };

  pw_test_write (path, "x");
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* The backup list holds the folder's finished copies (".db", not a
 * ".partial-" one being written), by day newest first, and on one day
 * the latest written first; each with its date from its name, its size
 * and its time.  A folder not made yet lists none. */
static void
test_backup_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL, list = NULL;
  g_autofree char *dir = pw_store_backup_dir (f->store);
  PwBackup *b;

  none = pw_store_list_backups (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  touch_at (dir, "2026-11-19.db", 1763500000);
  touch_at (dir, "2026-11-20.db", 1763600000);
  touch_at (dir, "2026-11-20-before-restore.db", 1763650000);
  touch_at (dir, "2026-11-18.db", 1763900000);
  touch_at (dir, "notes.txt", 1763600000);
  touch_at (dir, "2026-11-21.db.partial-AB12CD", 1763700000);
  touch_at (dir, "2026-11-22.partial-AB12CD.db", 1763700000);

  list = pw_store_list_backups (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  b = g_ptr_array_index (list, 0);
  g_assert_true (g_str_has_suffix (b->path, "/2026-11-20-before-restore.db"));
  g_assert_true (g_str_has_prefix (b->path, dir));
  g_assert_cmpstr (b->date, ==, "2026-11-20");
  g_assert_cmpint (b->size, ==, 1);
  g_assert_cmpint (b->modified, ==, 1763650000);
  b = g_ptr_array_index (list, 1);
  g_assert_true (g_str_has_suffix (b->path, "/2026-11-20.db"));
  g_assert_cmpint (b->modified, ==, 1763600000);
  b = g_ptr_array_index (list, 2);
  g_assert_true (g_str_has_suffix (b->path, "/2026-11-19.db"));
  b = g_ptr_array_index (list, 3);
  g_assert_true (g_str_has_suffix (b->path, "/2026-11-18.db"));
  g_assert_cmpstr (b->date, ==, "2026-11-18");
  pw_test_rmdir (dir);
}

/* Runs the main loop until @store says "changed" (another connection's
 * change heard), for at most five seconds. */
static void
wait_changed (PwStore *store)
{
  PwTestHeard heard = { 0 };
  gulong handler = g_signal_connect (store, "changed", G_CALLBACK (pw_test_heard_cb), &heard);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (heard.count == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (store, handler);
  g_assert_cmpuint (heard.count, ==, 1);
  pw_test_heard_clear (&heard);
}

/* A PCN another program adds to a team workbook, announcing that one PCN
 * ("pcn:ID", as the store does), joins the PCN list; when it is deleted
 * and announced so, it leaves it; an edit to one is made in place. */
static void
test_others_pcn_joins_and_leaves (Fixture *f, gconstpointer data)
{
  GListModel *pcns = pw_store_get_pcns (f->store);
  g_autofree char *notify = NULL, *rename = NULL;
  gint64 id;

  g_assert_cmpuint (g_list_model_get_n_items (pcns), ==, 1);
  id = pw_test_sql_int (f->path, "INSERT INTO pcn (code, name) VALUES ('U55555', 'Extra PCN') RETURNING id");
  g_assert_cmpint (id, >, 0);
  notify = g_strdup_printf ("NOTIFY pw_changed, 'pcn:%" G_GINT64_FORMAT "'", id);
  pw_test_exec (f->path, notify);
  wait_changed (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (pcns), ==, 2);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, id), PW_PCN_NAME), ==, "Extra PCN");
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn_by_code (f->store, "U55555"), PW_PCN_NAME), ==, "Extra PCN");

  rename = g_strdup_printf ("UPDATE pcn SET name = 'Other PCN' WHERE id = %" G_GINT64_FORMAT, id);
  pw_test_exec (f->path, rename);
  pw_test_exec (f->path, notify);
  wait_changed (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (pcns), ==, 2);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, id), PW_PCN_NAME), ==, "Other PCN");

  pw_test_exec (f->path, "DELETE FROM pcn WHERE code = 'U55555'");
  pw_test_exec (f->path, notify);
  wait_changed (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (pcns), ==, 1);
  g_assert_null (pw_store_find_pcn (f->store, id));
  g_assert_nonnull (pw_store_find_pcn (f->store, f->pcn));
}

/* Sets a specification's years, and checks what the store then holds:
 * @want_first and @want_last (0: still applies), whether refused or not. */
static void
try_years (Fixture    *f,
           int         first,
           int         last,
           const char *refusal,
           int         want_first,
           int         want_last)
{
  g_autoptr(GError) error = NULL;
  int got_first = -5, got_last = -5;

  if (refusal == NULL)
    {
      g_assert_true (pw_store_set_contract_years (f->store, PW_CONTRACT_DES, 0, first, last, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (pw_store_set_contract_years (f->store, PW_CONTRACT_DES, 0, first, last, &error));
      g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, refusal);
      g_clear_error (&error);
    }
  g_assert_true (pw_store_contract_years (f->store, PW_CONTRACT_DES, 0, &got_first, &got_last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (got_first, ==, want_first);
  g_assert_cmpint (got_last, ==, want_last);
}

/* A specification's years: each end of 2000/01..2098/99 taken, one past
 * it refused with the message and nothing written; a last year of 0
 * (still applies), or the first year itself, taken; one before refused. */
static void
test_contract_year_edges (Fixture *f, gconstpointer data)
{
  const char *range = "A year must be from 2000/01 to 2098/99, such as 2025/26";
  const char *order = "The last year cannot come before the first year";

  try_years (f, 2000, 2000, NULL, 2000, 2000);
  try_years (f, 1999, 2005, range, 2000, 2000);
  try_years (f, 2098, 2098, NULL, 2098, 2098);
  try_years (f, 2099, 0, range, 2098, 2098);
  try_years (f, 2020, 0, NULL, 2020, 0);
  try_years (f, 2020, -1, range, 2020, 0);
  try_years (f, 2020, 2099, range, 2020, 0);
  try_years (f, 2020, 2019, order, 2020, 0);
  try_years (f, 2020, 2021, NULL, 2020, 2021);
}

/* Imports U12345's details with @locality ("" for none); returns the counts. */
static PwProfileCounts
import_locality (Fixture    *f,
                 const char *locality)
{
  g_autoptr(GError) error = NULL;
  PwProfileRow row = { "U12345", "Riverside PCN", locality, NULL, NULL, -1, -1, NULL, NULL, 0 };
  PwProfileCounts counts = { 0 };

  g_assert_true (pw_store_import_profiles (f->store, &row, 1, NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  return counts;
}

/* A profile import moves a PCN into a locality, and out of it again
 * (no locality: NULL, as a PCN made without one). */
static void
test_import_out_of_locality (Fixture *f, gconstpointer data)
{
  const char *none = "SELECT count(*) FROM pcn WHERE code = 'U12345' AND locality_id IS NULL";
  PwProfileRow added = { "U66666", "Hill PCN", "", NULL, NULL, -1, -1, NULL, NULL, 0 };
  g_autoptr(GError) error = NULL;
  PwProfileCounts counts;

  g_assert_cmpint (pw_test_sql_int (f->path, none), ==, 1);
  counts = import_locality (f, "North");
  g_assert_cmpuint (counts.localities_added, ==, 1);
  g_assert_cmpuint (counts.pcns_changed, ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, none), ==, 0);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, f->pcn), PW_PCN_LOCALITY), ==, "North");
  counts = import_locality (f, "");
  g_assert_cmpuint (counts.localities_added, ==, 0);
  g_assert_cmpuint (counts.pcns_changed, ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, none), ==, 1);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, f->pcn), PW_PCN_LOCALITY), ==, "");
  counts = import_locality (f, "");
  g_assert_cmpuint (counts.pcns_changed, ==, 0);

  /* A PCN the import adds without a locality. */
  g_assert_true (pw_store_import_profiles (f->store, &added, 1, NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.pcns_added, ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE code = 'U66666' AND locality_id IS NULL"),
                   ==, 1);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn_by_code (f->store, "U66666"), PW_PCN_LOCALITY), ==, "");
}

/* What a server's refusal of a write is called, by its SQLSTATE: a
 * serialization failure, a deadlock or a lock not available is "busy"
 * (try again), any other error a failure; each with the server's message,
 * and the value left as it was.  A trigger raises each in turn. */
static void
test_server_error_kinds (Fixture *f, gconstpointer data)
{
  static const struct { const char *state; int code; } kinds[] = {
    { "40001", PW_STORE_ERROR_BUSY }, { "40P01", PW_STORE_ERROR_BUSY }, { "55P03", PW_STORE_ERROR_BUSY },
    { "P0001", PW_STORE_ERROR_FAILED }, { "22023", PW_STORE_ERROR_FAILED }, { "40002", PW_STORE_ERROR_FAILED },
  };

  pw_test_exec (f->path, "CREATE TABLE test_state (state text);"
                         "CREATE FUNCTION test_refuse () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                         " RAISE EXCEPTION USING ERRCODE = (SELECT state FROM test_state), MESSAGE = 'Refused by the test';"
                         " END $$;"
                         "CREATE TRIGGER test_refuse BEFORE UPDATE ON pcn FOR EACH ROW EXECUTE FUNCTION test_refuse ();");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *set = g_strdup_printf ("DELETE FROM test_state; INSERT INTO test_state VALUES ('%s')",
                                              kinds[i].state);

      pw_test_exec (f->path, set);
      g_assert_false (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_NAME, "Renamed PCN", &error));
      g_assert_error (error, PW_STORE_ERROR, kinds[i].code);
      g_assert_nonnull (strstr (error->message, "Refused by the test"));
      g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE name = 'Riverside PCN'"), ==, 1);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
  if (!pw_test_on_pg ())
    {
      g_test_add_func ("/mutants-store2/backup-dir-names", test_backup_dir_names);
      g_test_add ("/mutants-store2/backup-list", Fixture, NULL, pw_return_fixture_setup, test_backup_list,
                  pw_return_fixture_teardown);
    }
  g_test_add ("/mutants-store2/bulk-announced", Fixture, GINT_TO_POINTER (2025), pw_return_fixture_setup,
              test_bulk_announced, pw_return_fixture_teardown);
  g_test_add ("/mutants-store2/overview-figures", Fixture, GINT_TO_POINTER (2025), pw_return_fixture_setup,
              test_overview_figures, pw_return_fixture_teardown);
  g_test_add ("/mutants-store2/export-rows", Fixture, GINT_TO_POINTER (2025), pw_return_fixture_setup,
              test_export_rows, pw_return_fixture_teardown);
  g_test_add ("/mutants-store2/contract-year-edges", Fixture, NULL, pw_return_fixture_setup,
              test_contract_year_edges, pw_return_fixture_teardown);
  g_test_add ("/mutants-store2/import-out-of-locality", Fixture, NULL, pw_return_fixture_setup,
              test_import_out_of_locality, pw_return_fixture_teardown);
  if (pw_test_on_pg ())
    {
      g_test_add ("/mutants-store2/others-pcn-joins-and-leaves", Fixture, NULL, pw_return_fixture_setup,
                  test_others_pcn_joins_and_leaves, pw_return_fixture_teardown);
      g_test_add ("/mutants-store2/server-error-kinds", Fixture, NULL, pw_return_fixture_setup,
                  test_server_error_kinds, pw_return_fixture_teardown);
    }
  return g_test_run ();
}

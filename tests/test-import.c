/* Profiles import: good files, idempotent re-import, and every kind of bad
 * file, each leaving the database exactly as it was.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-import.h"
#include "pw-maturity.h"
#include "pw-return.h"
#include "pw-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *csv;
  PwStore *store;
} Fixture;

static const char good_csv[] =
  "\xEF\xBB\xBFpcn_code,pcn_name,locality,practice_code,practice_name,list_size,clinical_director,cd_wte\r\n"
  "U12345,\"Riverside, Vale and Moor PCN\",North,L85001,\"The \"\"Old\"\" Surgery\",\"12,000\",Dr A Example,0.25\r\n"
  "u12345,\"Riverside, Vale and Moor PCN\",North,l85002,\"Mill Lane\nPractice\",29250,,\r\n"
  "U54321,Hillside PCN,South,,,,Dr B Example,0.5\r\n"
  "U54321,Hillside PCN,South,M85003,Hill Top Surgery,8000,,\r\n";

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pw_test_tmpdir ();
  f->db = pw_test_workbook (f->dir);
  f->csv = g_build_filename (f->dir, "profiles.csv", NULL);
  f->store = pw_store_open (f->db, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->db);
  g_free (f->csv);
  g_free (f->dir);
}

/* Every row of the three tables, read with a connection of its own. */
static char *
dump (const char *path)
{
  static const char *tables[] = { "locality", "pcn", "practice", "pcn_return", "maturity" };
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      pw_test_append_rows (out, path, sql);
    }
  return g_string_free (out, FALSE);
}

static void
import_ok (Fixture *f, const char *csv, PwImportSummary *summary)
{
  g_autoptr(GError) error = NULL;

  pw_test_write (f->csv, csv);
  pw_import_profiles (f->store, f->csv, NULL, NULL, NULL, summary, &error);
  g_assert_no_error (error);
}

static void
test_good (Fixture *f, gconstpointer data)
{
  PwImportSummary s;
  PwPcn *pcn;
  g_autoptr(GListModel) practices = NULL;
  g_autoptr(PwPractice) first = NULL;

  import_ok (f, good_csv, &s);
  g_assert_cmpuint (s.rows, ==, 4);
  g_assert_cmpuint (s.localities_added, ==, 2);
  g_assert_cmpuint (s.pcns_added, ==, 2);
  g_assert_cmpuint (s.practices_added, ==, 3);
  pcn = pw_store_find_pcn_by_code (f->store, "U12345");
  g_assert_nonnull (pcn);
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_NAME), ==, "Riverside, Vale and Moor PCN");
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_LOCALITY), ==, "North");
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_CLINICAL_DIRECTOR), ==, "Dr A Example");
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_CD_WTE), ==, 25);
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_POPULATION), ==, 41250);
  practices = pw_store_list_practices (f->store, pw_pcn_get_id (pcn), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (practices), ==, 2);
  first = g_list_model_get_item (practices, 0);
  g_assert_cmpstr (pw_practice_get_name (first), ==, "Mill Lane\nPractice");
  pcn = pw_store_find_pcn_by_code (f->store, "U54321");
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_CD_WTE), ==, 50);
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_PRACTICE_COUNT), ==, 1);
}

static void
test_idempotent (Fixture *f, gconstpointer data)
{
  PwImportSummary s;
  g_autofree char *before = NULL, *after = NULL;

  import_ok (f, good_csv, &s);
  before = dump (f->db);
  import_ok (f, good_csv, &s);
  after = dump (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (s.pcns_added + s.pcns_changed + s.practices_added + s.practices_changed + s.localities_added, ==, 0);
}

/* A later file moves a practice and renames a PCN: updates, by code. */
static void
test_update (Fixture *f, gconstpointer data)
{
  PwImportSummary s;

  import_ok (f, good_csv, &s);
  import_ok (f, "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                "U54321,Hillside and Dale PCN,South,L85001,\"The \"\"Old\"\" Surgery\",12100\n", &s);
  g_assert_cmpuint (s.pcns_changed, ==, 1);
  g_assert_cmpuint (s.practices_changed, ==, 1);
  g_assert_cmpint (pw_pcn_get_number (pw_store_find_pcn_by_code (f->store, "U54321"), PW_PCN_POPULATION), ==, 20100);
  g_assert_cmpint (pw_pcn_get_number (pw_store_find_pcn_by_code (f->store, "U12345"), PW_PCN_PRACTICE_COUNT), ==, 1);
  /* A practice renamed, nothing else: counted as changed. */
  import_ok (f, "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                "U54321,Hillside and Dale PCN,South,M85003,Hill Top Health Centre,8000\n", &s);
  g_assert_cmpuint (s.pcns_changed, ==, 0);
  g_assert_cmpuint (s.practices_changed, ==, 1);
  import_ok (f, "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                "U54321,Hillside and Dale PCN,South,M85003,Hill Top Health Centre,8000\n", &s);
  g_assert_cmpuint (s.practices_changed, ==, 0);
  /* Optional columns absent: the clinical director stays. */
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn_by_code (f->store, "U54321"), PW_PCN_CLINICAL_DIRECTOR),
                   ==, "Dr B Example");
}

typedef struct
{
  const char *name;
  const char *csv;
  const char *expect[3];       /* substrings the message must hold */
} BadFile;

#define HEADER "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
#define ROW1 "U11111,First PCN,North,L11111,First Surgery,1000\n"

static const BadFile bad_files[] = {
  { "malformed-pcn-code", HEADER ROW1 "U1234,Second PCN,North,L22222,Second Surgery,2000\n",
    { "line 3, column 1 (pcn_code)", "“U1234”", "U12345" } },
  { "malformed-practice-code", HEADER ROW1 "U22222,Second PCN,North,22222,Second Surgery,2000\n",
    { "line 3, column 4 (practice_code)", "L85001" } },
  { "list-size-not-number", HEADER ROW1 "U22222,Second PCN,North,L22222,Second Surgery,about 2000\n",
    { "line 3, column 6 (list_size)", "about 2000", "41,250" } },
  { "wrong-column-count", HEADER ROW1 "U22222,Second PCN,North,L22222,Second, Surgery,2000\n",
    { "line 3", "7 fields", "6 columns" } },
  { "practice-under-two-pcns", HEADER ROW1 "U22222,Second PCN,North,L11111,First Surgery,1000\n",
    { "line 3, column 4 (practice_code)", "L11111", "line 2" } },
  { "pcn-name-disagrees", HEADER ROW1 "U11111,Other Name,North,L22222,Second Surgery,1000\n",
    { "line 3, column 2 (pcn_name)", "line 2" } },
  { "invalid-utf8", HEADER ROW1 "U22222,Caf\xE9 PCN,North,L22222,Second Surgery,1000\n",
    { "line 3", "UTF-8" } },
  { "unbalanced-quote", HEADER ROW1 "U22222,\"Second PCN,North,L22222,Second Surgery,1000\n",
    { "line 3", "quotes" } },
  { "unknown-column", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size,colour\n" ROW1,
    { "line 1", "colour", "pcn_code,pcn_name" } },
  { "missing-column", "pcn_code,pcn_name,locality,practice_code,practice_name\n",
    { "line 1", "list_size" } },
  { "empty-file", "", { "empty" } },
  { "duplicate-column", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size,PCN_Name\n",
    { "column 7, “pcn_name”, appears twice" } },
  { "empty-pcn-name", HEADER ROW1 "U22222,,North,L22222,Second Surgery,1000\n",
    { "line 3, column 2 (pcn_name)", "empty" } },
  { "empty-list-size", HEADER ROW1 "U22222,Second PCN,North,L22222,Second Surgery, \n",
    { "line 3, column 6 (list_size)", "The list size is empty" } },
  { "wte-too-large", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size,cd_wte\n"
                     "U11111,First PCN,North,L11111,First Surgery,1000,100\n",
    { "line 2, column 7 (cd_wte)", "99.99" } },
  { "pcn-two-localities", HEADER ROW1 "U11111,First PCN,South,L22222,Second Surgery,1000\n",
    { "line 3, column 3 (locality)", "“South”", "line 2" } },
  /* Line numbers count physical lines: a quoted line break moves the next row down. */
  { "line-after-quoted-break", HEADER ROW1 "U22222,Second PCN,North,L22222,\"Second\nSurgery\",2000\n"
                               "U33333,Third PCN,North,L33333,Third Surgery,-5\n",
    { "line 5, column 6 (list_size)" } },
  { "crlf-quoted-breaks", "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\r\n"
                          "U22222,\"Second\r\nPCN\",North,L22222,\"Second\r\n\r\nSurgery\",2000\r\n"
                          "U33333,Third PCN,North,L33333,Third Surgery,lots\r\n",
    { "line 6, column 6 (list_size)" } },
  /* A bad row after good rows: the good rows must not be written either. */
  { "late-bad-row", HEADER ROW1 "U22222,Second PCN,North,L22222,Second Surgery,2000\n"
                    "U33333,Third PCN,North,L33333,Third Surgery,-5\n",
    { "line 4, column 6 (list_size)" } },
};

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  PwImportSummary s;

  fixture_setup (&f, NULL);
  import_ok (&f, good_csv, &s);
  before = dump (f.db);
  pw_test_write (f.csv, bad->csv);
  g_assert_false (pw_import_profiles (f.store, f.csv, NULL, NULL, NULL, &s, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", bad->name, error->message);
  g_assert_true (g_str_has_prefix (error->message, "profiles.csv: "));
  for (guint i = 0; i < G_N_ELEMENTS (bad->expect) && bad->expect[i]; i++)
    if (strstr (error->message, bad->expect[i]) == NULL)
      g_error ("%s: “%s” lacks “%s”", bad->name, error->message, bad->expect[i]);
  after = dump (f.db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (f.store)), ==, 2);
  fixture_teardown (&f, NULL);
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "nope.csv", NULL);

  g_assert_false (pw_import_profiles (f->store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "nope.csv"));
}

typedef struct
{
  GCancellable *cancellable;
  double at;                   /* the fraction when cancelled, 0 before */
} CancelLater;

/* Cancels once a row has been written (the first report above 0.1). */
static void
cancel_after_first_row (double fraction, gpointer data)
{
  CancelLater *c = data;

  if (fraction > 0.1 && c->at == 0)
    {
      c->at = fraction;
      g_cancellable_cancel (c->cancellable);
    }
}

/* Cancelled while applying, after the first row went in: nothing stays. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelLater later = { cancellable, 0 };
  g_autofree char *before = NULL, *after = NULL;
  PwImportSummary s;

  import_ok (f, HEADER ROW1, &s);
  before = dump (f->db);
  pw_test_write (f->csv, good_csv);
  g_assert_false (pw_import_profiles (f->store, f->csv, cancel_after_first_row, &later, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (later.at, >, 0.1);
  g_assert_cmpfloat (later.at, <, 1.0);
  after = dump (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (f->store)), ==, 1);
  g_assert_null (pw_store_find_pcn_by_code (f->store, "U12345"));
  g_clear_error (&error);

  /* No transaction was left open: the next edit is saved, the cancelled rows are not. */
  g_assert_true (pw_store_add_pcn (f->store, "U55555", "Later PCN", 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM pcn WHERE code = 'U55555'"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM pcn WHERE code = 'U12345'"), ==, 0);
}

/* A failure while applying, after rows were written (a trigger on the real
 * file refuses the third new practice): the workbook is exactly as before,
 * and the store goes on saving afterwards. */
static void
test_apply_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  PwImportSummary s;
  sqlite3 *db = NULL;
  gint64 id = 0;

  import_ok (f, good_csv, &s);
  before = dump (f->db);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER inject AFTER INSERT ON practice WHEN NEW.code = 'L33333'"
                                     " BEGIN SELECT RAISE(ABORT, 'injected failure'); END", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  pw_test_write (f->csv, HEADER "U22222,Second PCN,East,L22222,Second Surgery,2000\n"
                                "U22222,Second PCN,East,L22223,Another Surgery,3000\n"
                                "U12345,Riverside PCN,West,L33333,Third Surgery,4000\n"
                                "U44444,Fourth PCN,East,L44444,Fourth Surgery,5000\n");
  g_assert_false (pw_import_profiles (f->store, f->csv, NULL, NULL, NULL, &s, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  after = dump (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (pw_store_find_pcn_by_code (f->store, "U22222"));
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn_by_code (f->store, "U12345"), PW_PCN_LOCALITY), ==, "North");
  g_clear_error (&error);

  /* The failed import left no transaction open: the next edit is saved. */
  g_assert_true (pw_store_add_pcn (f->store, "U55555", "Later PCN", 0, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM pcn WHERE code = 'U55555'"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM pcn"), ==, 3);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM practice"), ==, 3);
}

/* One maturity file may carry two years for a PCN; the same domain twice
 * in one year is refused. */
static void
test_maturity_two_years (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwReturn) a = NULL, b = NULL;
  g_autoptr(GListModel) levels = NULL;
  g_autoptr(PwMaturity) first = NULL;
  g_autofree char *before = NULL;
  PwImportSummary s;
  PwPcn *pcn;

  import_ok (f, good_csv, &s);
  pcn = pw_store_find_pcn_by_code (f->store, "U12345");
  pw_test_write (f->csv, "pcn_code,year,domain,level\n"
                         "U12345,2021/22,leadership,Step 1\n"
                         "U12345,2022/23,leadership,Step 2\n");
  g_assert_true (pw_import_maturity (f->store, f->csv, NULL, NULL, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.returns_added, ==, 2);
  a = pw_store_get_return (f->store, pw_pcn_get_id (pcn), 2021, &error);
  b = pw_store_get_return (f->store, pw_pcn_get_id (pcn), 2022, &error);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  levels = pw_store_list_maturity (f->store, pw_row_get_int (PW_ROW (b), PW_RETURN_ID), &error);
  first = g_list_model_get_item (levels, 0);
  g_assert_cmpint (pw_row_get_int (PW_ROW (first), PW_MATURITY_LEVEL), ==, 4);
  {
    g_autoptr(GListModel) old = pw_store_list_maturity (f->store, pw_row_get_int (PW_ROW (a), PW_RETURN_ID), &error);
    g_autoptr(PwMaturity) lead = g_list_model_get_item (old, 0);
    g_assert_cmpint (pw_row_get_int (PW_ROW (lead), PW_MATURITY_LEVEL), ==, 2);
  }

  before = dump (f->db);
  pw_test_write (f->csv, "pcn_code,year,domain,level\n"
                         " u12345 ,2021/22,data,Step 1\n"
                         "U12345,21/22,Use of data,Step 2\n");
  g_assert_false (pw_import_maturity (f->store, f->csv, NULL, NULL, NULL, &s, &error));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "PCN U12345"));   /* the code as typed on line 2 is the same PCN */
  g_clear_error (&error);
  pw_test_write (f->csv, "pcn_code,year,domain,level\n"
                         "U12345,2021/22,data,Step 1\n"
                         "U99999,2021/22,data,Step 1\n");
  g_assert_false (pw_import_maturity (f->store, f->csv, NULL, NULL, NULL, &s, &error));
  g_assert_nonnull (strstr (error->message, "line 3, column 1 (pcn_code): there is no PCN U99999"));
  {
    g_autofree char *after = dump (f->db);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
count_progress (double fraction, gpointer data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_progress (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  double last = 0;

  pw_test_write (f->csv, good_csv);
  g_assert_true (pw_import_profiles (f->store, f->csv, count_progress, &last, NULL, NULL, &error));
  g_assert_cmpfloat (last, ==, 1.0);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define FIXTURE_TEST(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  FIXTURE_TEST ("/import/good", test_good);
  FIXTURE_TEST ("/import/idempotent", test_idempotent);
  FIXTURE_TEST ("/import/update", test_update);
  FIXTURE_TEST ("/import/missing-file", test_missing_file);
  FIXTURE_TEST ("/import/cancel", test_cancel);
  FIXTURE_TEST ("/import/progress", test_progress);
  FIXTURE_TEST ("/import/apply-rollback", test_apply_rollback);
  FIXTURE_TEST ("/import/maturity-two-years", test_maturity_two_years);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/bad/%s", bad_files[i].name);
      g_test_add_data_func (path, &bad_files[i], test_bad_file);
    }
  return g_test_run ();
}

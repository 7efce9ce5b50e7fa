/* The maturity import's set-based write: one compact log entry per return
 * it touched, naming the file; an unchanged file writes nothing at all; a
 * change to a reviewed return refuses the whole file, by line.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-import.h"
#include "pw-matrix.h"
#include "pw-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *csv;
  PwStore *store;
} Fixture;

static const char profiles_csv[] =
  "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
  "U12345,Riverside PCN,North,L85001,Old Surgery,12000\n"
  "U54321,Hillside PCN,South,M85003,Hill Top Surgery,8000\n";

static const char maturity_csv[] =
  "pcn_code,year,domain,level,evidence\n"
  "U12345,2021/22,leadership,Step 1,Minutes of the board\n"
  "U12345,2021/22,data,Foundation,\n"
  "U54321,2021/22,people,Step 2/3,\n"
  "U12345,2022/23,data,Step 2,\n";

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *profiles = NULL;

  f->dir = pw_test_tmpdir ();
  f->db = pw_test_workbook (f->dir);
  f->csv = g_build_filename (f->dir, "maturity.csv", NULL);
  profiles = g_build_filename (f->dir, "profiles.csv", NULL);
  f->store = pw_store_open (f->db, &error);
  g_assert_no_error (error);
  pw_test_write (profiles, profiles_csv);
  g_assert_true (pw_import_profiles (f->store, profiles, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->csv);
}

/* Every row of the tables an import may write, as text. */
static char *
dump (const char *path)
{
  static const char *tables[] = { "pcn_return", "maturity", "change_log", "profile_year", "pcn_year" };
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);

      g_string_append_printf (out, "[%s]\n", tables[t]);
      pw_test_append_rows (out, path, sql);
    }
  return g_string_free (out, FALSE);
}

static char *
log_text (const char *path,
          const char *pcn,
          int         year,
          const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM change_log c JOIN pcn_return r ON r.id = c.return_id"
                                          " JOIN pcn p ON p.id = r.pcn_id WHERE p.code = '%s' AND r.year = %d",
                                          column, pcn, year);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);   /* one entry per return */
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
import (Fixture         *f,
        const char      *csv,
        PwImportSummary *summary,
        GError         **error)
{
  pw_test_write (f->csv, csv);
  pw_import_maturity (f->store, f->csv, NULL, NULL, NULL, summary, error);
}

static void
test_compact_log (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL, *after = NULL, *before = NULL;
  PwImportSummary summary;

  import (f, maturity_csv, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.rows, ==, 4);
  g_assert_cmpuint (summary.returns_added, ==, 3);
  g_assert_cmpuint (summary.values_changed, ==, 5);   /* four levels and one evidence */
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM change_log"), ==, 3);
  what = log_text (f->db, "U12345", 2021, "what");
  g_assert_cmpstr (what, ==, "Imported from maturity.csv");
  after = log_text (f->db, "U12345", 2021, "new_value");
  g_assert_cmpstr (after, ==, "Return: Draft; Level: Leadership, planning and partnerships: Step 1; "
                              "Evidence: Leadership, planning and partnerships: Minutes of the board; "
                              "Level: Use of data and population health management: Foundation");
  before = log_text (f->db, "U12345", 2021, "old_value");
  g_assert_cmpstr (before, ==, "");   /* a return the import made had nothing before */
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT level FROM maturity m JOIN pcn_return r ON r.id = m.return_id"
                                           " WHERE r.year = 2021 AND domain = 'people'"), ==, 5);

  /* A second file changes one level and leaves the evidence (empty cell). */
  import (f, "pcn_code,year,domain,level,evidence\nU12345,2021/22,leadership,Step 2,\n"
             "U12345,2021/22,data,Foundation,\n", &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.returns_added, ==, 0);
  g_assert_cmpuint (summary.values_changed, ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM change_log"), ==, 4);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM maturity WHERE evidence = 'Minutes of the board'"
                                           " AND level = 4"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM change_log"
                                           " WHERE old_value = 'Level: Leadership, planning and partnerships: Step 1'"
                                           " AND new_value = 'Level: Leadership, planning and partnerships: Step 2'"),
                   ==, 1);
}

/* (With a level below 0, Pre-foundation, which is a level and not NULL.) */
static void
test_unchanged_writes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *csv = g_strconcat (maturity_csv, "U54321,2021/22,data,Pre-foundation,\n", NULL);
  PwImportSummary summary;

  import (f, csv, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM maturity WHERE level = -2"), ==, 1);
  before = dump (f->db);
  import (f, csv, &summary, &error);
  g_assert_no_error (error);
  after = dump (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (summary.returns_added, ==, 0);
  g_assert_cmpuint (summary.values_changed, ==, 0);
}

/* Each text is compared on its own: a file that changes only the support
 * needed (level and evidence as stored) writes it and logs it; the same
 * file again writes nothing; an empty cell keeps what is stored. */
static void
test_support_alone (Fixture *f, gconstpointer data)
{
  static const char header[] = "pcn_code,year,domain,level,evidence,support_needed\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_strconcat (header, "U12345,2021/22,data,Step 1,Audit,Analyst time\n", NULL);
  g_autofree char *second = g_strconcat (header, "U12345,2021/22,data,Step 1,Audit,A data sharing agreement\n", NULL);
  g_autofree char *empty = g_strconcat (header, "U12345,2021/22,data,Step 1,,\n", NULL);
  g_autofree char *before = NULL, *after = NULL;
  PwImportSummary summary;

  import (f, first, &summary, &error);
  g_assert_no_error (error);
  import (f, second, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.values_changed, ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM maturity WHERE domain = 'data' AND level = 2"
                                           " AND evidence = 'Audit' AND support = 'A data sharing agreement'"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM change_log WHERE new_value LIKE '%A data sharing%'"
                                           " AND old_value LIKE '%Analyst time%'"), ==, 1);
  before = dump (f->db);
  import (f, second, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.values_changed, ==, 0);
  import (f, empty, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.values_changed, ==, 0);
  after = dump (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_reviewed_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwReturn) ret = NULL;
  g_autofree char *before = NULL, *after = NULL;
  PwImportSummary summary;
  gint64 id;

  import (f, maturity_csv, &summary, &error);
  g_assert_no_error (error);
  ret = pw_store_get_return (f->store, pw_pcn_get_id (pw_store_find_pcn_by_code (f->store, "U54321")), 2021, &error);
  id = pw_row_get_int (PW_ROW (ret), PW_RETURN_ID);
  g_assert_true (pw_store_set_return_status (f->store, id, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  g_assert_true (pw_store_set_return_status (f->store, id, PW_STATUS_REVIEWED, "Reviewer", "", &error));
  g_assert_no_error (error);
  before = dump (f->db);

  /* The same values again: nothing to change, so nothing refused. */
  import (f, maturity_csv, &summary, &error);
  g_assert_no_error (error);
  /* A change on line 3, to the reviewed return: the whole file is refused. */
  import (f, "pcn_code,year,domain,level\nU12345,2021/22,leadership,Step 3\nU54321,2021/22,people,Step 3\n",
          &summary, &error);
  g_assert_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW);
  g_assert_nonnull (strstr (error->message, "maturity.csv: line 3"));
  g_assert_nonnull (strstr (error->message, "reopen it"));
  after = dump (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* The store's connection checks the schema's CHECKs again once an import
 * has written its values (they are skipped while it does: see
 * skip_checks in pw-store-bulk.c), whether it succeeded or failed:
 * integrity_check, which skips them too while they are skipped, still
 * finds a level that breaks one. */
static void
assert_checks_on (Fixture *f)
{
  g_autofree char *problems = NULL;

  pw_test_exec (f->db, "PRAGMA ignore_check_constraints = ON;"
                       "UPDATE maturity SET level = 7 WHERE rowid = (SELECT min(rowid) FROM maturity)");
  g_assert_false (pw_store_check (f->store, "PRAGMA integrity_check", &problems));
  g_assert_nonnull (strstr (problems, "CHECK constraint failed in maturity"));
  pw_test_exec (f->db, "UPDATE maturity SET level = 0 WHERE level = 7");
  g_assert_true (pw_store_check (f->store, "PRAGMA integrity_check", NULL));
}

/* Profiles: an unchanged file writes nothing, not even last year's copy;
 * the first change of a new year keeps last year's figures first. */
static void
test_profiles_unchanged (Fixture *f, gconstpointer data)
{
  g_autofree char *profiles = g_build_filename (f->dir, "profiles.csv", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  PwImportSummary summary;

  pw_test_exec (f->db, "UPDATE profile_state SET changed_on = '2001-01-01'");
  before = dump (f->db);
  g_assert_true (pw_import_profiles (f->store, profiles, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  after = dump (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM profile_year"), ==, 0);
  g_assert_cmpuint (summary.pcns_changed + summary.practices_changed + summary.pcns_added, ==, 0);

  pw_test_write (profiles, "pcn_code,pcn_name,locality,practice_code,practice_name,list_size,manager\n"
                           "U12345,Riverside PCN,North,L85001,Old Surgery,12500, Ms C Example \n");
  g_assert_true (pw_import_profiles (f->store, profiles, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.pcns_changed, ==, 1);
  g_assert_cmpuint (summary.practices_changed, ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM profile_year WHERE as_at = '2001-01-01'"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT list_size FROM practice_year WHERE code = 'L85001'"), ==, 12000);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT list_size FROM practice WHERE code = 'L85001'"), ==, 12500);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM pcn WHERE manager = 'Ms C Example'"), ==, 1);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn_by_code (f->store, "U12345"), PW_PCN_MANAGER), ==,
                   "Ms C Example");
}

/* A database refusal on a late row of a long file (on PostgreSQL, after
 * hundreds of writes sent without waiting for their answers): the error
 * names that row's line, and nothing of the file is written. */
static const char refuse_lite[] =
  "CREATE TRIGGER refuse_%1$s BEFORE INSERT ON %1$s WHEN NEW.%2$s = %3$s"
  " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;";
static const char refuse_pg[] =
  "CREATE FUNCTION refuse_%1$s () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
  "  IF NEW.%2$s = %3$s THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;"
  "CREATE TRIGGER refuse_%1$s BEFORE INSERT ON %1$s FOR EACH ROW EXECUTE FUNCTION refuse_%1$s ();";

static void
refuse_insert (Fixture    *f,
               const char *table,
               const char *column,
               const char *value)
{
  g_autofree char *sql = g_strdup_printf (pw_test_on_pg () ? refuse_pg : refuse_lite, table, column, value);

  pw_test_exec (f->db, sql);
}

/* Every table an import may write, as text. */
static char *
dump_all (const char *path)
{
  g_autofree char *imports = dump (path);
  GString *out = g_string_new (imports);

  pw_test_append_rows (out, path, "SELECT * FROM locality ORDER BY id");
  pw_test_append_rows (out, path, "SELECT * FROM pcn ORDER BY id");
  pw_test_append_rows (out, path, "SELECT * FROM practice ORDER BY id");
  return g_string_free (out, FALSE);
}

/* 120 new PCNs of five practices each (in new localities), the last
 * practice named @last; the existing L85001 moves to the first new PCN. */
static char *
long_profiles (const char *last)
{
  GString *csv = g_string_new ("pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                               "U20000,New PCN 0,Far Locality 0,L85001,Old Surgery,12000\n");

  for (guint i = 1; i < 600; i++)
    g_string_append_printf (csv, "U2%04u,New PCN %u,Far Locality %u,B%05u,%s,%u\n", i / 5, i / 5, i / 50, i,
                            i == 599 ? last : "Surgery", 1000 + i);
  return g_string_free (csv, FALSE);
}

static void
test_late_failure_writes_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *profiles = g_build_filename (f->dir, "profiles.csv", NULL);
  g_autofree char *bad = long_profiles ("Refused Surgery");
  g_autofree char *good = long_profiles ("Last Surgery");
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  PwImportSummary summary;

  import (f, maturity_csv, &summary, &error);
  g_assert_no_error (error);
  refuse_insert (f, "practice", "name", "'Refused Surgery'");
  before = dump_all (f->db);
  pw_test_write (profiles, bad);
  g_assert_false (pw_import_profiles (f->store, profiles, NULL, NULL, NULL, &summary, &error));
  g_assert_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW);
  g_assert_nonnull (strstr (error->message, "profiles.csv: line 601"));
  g_assert_nonnull (strstr (error->message, "refused by the test"));
  g_clear_error (&error);
  after = dump_all (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (pw_store_find_pcn_by_code (f->store, "U20000"));

  /* The store goes on: the same file without the refused row goes in whole,
   * the moved practice in its new PCN, found by code. */
  pw_test_write (profiles, good);
  g_assert_true (pw_import_profiles (f->store, profiles, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.pcns_added, ==, 120);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM practice"), ==, 601);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM practice r JOIN pcn p ON p.id = r.pcn_id"
                                           " WHERE r.code = 'L85001' AND p.code = 'U20000'"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM practice r JOIN pcn p ON p.id = r.pcn_id"
                                           " WHERE r.code = 'B00599' AND p.code = 'U20119'"), ==, 1);

  /* The maturity import: a refusal on its last line (a new return). */
  refuse_insert (f, "pcn_return", "year", "2023");
  g_free (before);
  before = dump_all (f->db);
  {
    GString *csv = g_string_new ("pcn_code,year,domain,level\n");

    for (guint i = 0; i < 120; i++)
      g_string_append_printf (csv, "U2%04u,2022/23,leadership,Step 1\n", i);
    g_string_append (csv, "U20000,2023/24,data,Step 1\n");
    import (f, csv->str, &summary, &error);
    g_string_free (csv, TRUE);
  }
  g_assert_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW);
  g_assert_nonnull (strstr (error->message, "maturity.csv: line 122"));
  g_assert_nonnull (strstr (error->message, "refused by the test"));
  g_free (after);
  after = dump_all (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_checks_back_on (Fixture *f, gconstpointer data)
{
  g_autofree char *profiles = g_build_filename (f->dir, "profiles.csv", NULL);
  g_autoptr(GError) error = NULL;
  PwImportSummary summary;
  gint64 id;

  if (pw_test_on_pg ())
    {
      g_test_skip ("a server has no ignore_check_constraints");
      return;
    }
  import (f, maturity_csv, &summary, &error);
  g_assert_no_error (error);
  assert_checks_on (f);

  /* Refused on its second line, while writing values. */
  id = pw_test_sql_int (f->db, "SELECT r.id FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id"
                               " WHERE p.code = 'U54321' AND r.year = 2021");
  g_assert_true (pw_store_set_return_status (f->store, id, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  g_assert_true (pw_store_set_return_status (f->store, id, PW_STATUS_REVIEWED, "Reviewer", "", &error));
  import (f, "pcn_code,year,domain,level\nU12345,2021/22,leadership,Step 3\nU54321,2021/22,people,Step 3\n",
          &summary, &error);
  g_assert_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW);
  g_clear_error (&error);
  assert_checks_on (f);

  /* The profiles import: written, then refused by the database on its
   * last row. */
  pw_test_write (profiles, "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                           "U12345,Riverside PCN,North,L85001,Old Surgery,12500\n");
  g_assert_true (pw_import_profiles (f->store, profiles, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  assert_checks_on (f);
  refuse_insert (f, "practice", "name", "'Refused Surgery'");
  pw_test_write (profiles, "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                           "U12345,Riverside PCN,North,L85001,Old Surgery,12000\n"
                           "U12345,Riverside PCN,North,L85009,Refused Surgery,100\n");
  g_assert_false (pw_import_profiles (f->store, profiles, NULL, NULL, NULL, &summary, &error));
  g_assert_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW);
  assert_checks_on (f);
}

/* The store writes a profile row only as the import checks it: a caller
 * that did not check is refused, whole, though the database would not
 * check either (skip_checks). */
static void
test_unchecked_profile_refused (Fixture *f, gconstpointer data)
{
  const PwProfileRow rows[] = {
    { "U12345", "Riverside PCN", "North", NULL, NULL, -1, -1, "L85001", "Old Surgery", 12000 },
    { "U12345", "Riverside PCN", "North", NULL, NULL, -1, -1, "L85009", "New Surgery", -5 },
  };
  g_autofree char *before = dump_all (f->db), *after = NULL;
  g_autoptr(GError) error = NULL;
  PwProfileCounts counts;

  g_assert_false (pw_store_import_profiles (f->store, rows, G_N_ELEMENTS (rows), NULL, NULL, NULL, &counts, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (counts.failed, ==, 1);
  after = dump_all (f->db);
  g_assert_cmpstr (before, ==, after);
  if (!pw_test_on_pg ())
    g_assert_true (pw_store_check (f->store, "PRAGMA integrity_check", NULL));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/bulk/compact-log", Fixture, NULL, fixture_setup, test_compact_log, fixture_teardown);
  g_test_add ("/bulk/unchanged-writes-nothing", Fixture, NULL, fixture_setup, test_unchanged_writes_nothing,
              fixture_teardown);
  g_test_add ("/bulk/support-alone", Fixture, NULL, fixture_setup, test_support_alone, fixture_teardown);
  g_test_add ("/bulk/reviewed-refused", Fixture, NULL, fixture_setup, test_reviewed_refused, fixture_teardown);
  g_test_add ("/bulk/checks-back-on", Fixture, NULL, fixture_setup, test_checks_back_on, fixture_teardown);
  g_test_add ("/bulk/unchecked-profile-refused", Fixture, NULL, fixture_setup, test_unchecked_profile_refused,
              fixture_teardown);
  g_test_add ("/bulk/profiles-unchanged", Fixture, NULL, fixture_setup, test_profiles_unchanged, fixture_teardown);
  g_test_add ("/bulk/late-failure-writes-nothing", Fixture, NULL, fixture_setup, test_late_failure_writes_nothing,
              fixture_teardown);
  return g_test_run ();
}

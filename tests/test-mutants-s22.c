/* Edges of the store that mutate.py found untested (seed 2411): nested
 * reads, a read that must not hold its snapshot, a maturity level out of
 * range; checked on real workbooks, on both engines where they differ.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-import.h"
#include "pw-maturity.h"
#include "pw-matrix.h"
#include "pw-store.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

/* A new role with a rate for 2025 of @pence; its id. */
static gint64
rated_role (Fixture *f,
            gint64   pence)
{
  g_autoptr(GError) error = NULL;
  gint64 role = 0;

  g_assert_true (pw_store_add_role (f->store, "Care Coordinator Plus", 0, &role, &error));
  g_assert_true (pw_store_set_role_rate (f->store, role, 2025, pence, &error));
  g_assert_no_error (error);
  return role;
}

/* Reads nest: the outer read's one state of the workbook holds until its
 * own end, whatever another program writes meanwhile; only then does the
 * store see the change.  (A file: a server's plain BEGIN reads each
 * statement's committed state, so there is no snapshot to keep.) */
static void
test_nested_reads_keep_snapshot (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 role = rated_role (f, 100000);

  g_assert_true (pw_store_begin_read (f->store, &error));
  g_assert_true (pw_store_begin_read (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_role_rate (f->store, role, 2025), ==, 100000);
  pw_test_exec (f->path, "UPDATE arrs_rate SET max_pence = 200000");     /* another program */
  g_assert_cmpint (pw_store_role_rate (f->store, role, 2025), ==, 100000);
  pw_store_end_read (f->store);                                         /* the inner read's end */
  g_assert_cmpint (pw_store_role_rate (f->store, role, 2025), ==, 100000);
  pw_store_end_read (f->store);
  g_assert_cmpint (pw_store_role_rate (f->store, role, 2025), ==, 200000);
  g_assert_true (pw_store_set_role_rate (f->store, role, 2025, 300000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT max_pence FROM arrs_rate"), ==, 300000);
}

/* Reading a role's rate leaves no read open behind it: what another
 * program then changes is what the store reads next, and the store's own
 * next edit is taken (not refused for an old state of the file). */
static void
test_rate_read_holds_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwArrsRole) found = NULL;
  gint64 role = rated_role (f, 100000);
  g_autofree char *rename = g_strdup_printf ("UPDATE arrs_role SET name = 'Care Navigator' WHERE id = %" G_GINT64_FORMAT,
                                             role);

  g_assert_cmpint (pw_store_role_rate (f->store, role, 2025), ==, 100000);
  pw_test_exec (f->path, rename);                                       /* another program */
  found = pw_store_find_role (f->store, "Care Navigator", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (pw_row_get_int (PW_ROW (found), PW_ARRS_ROLE_ID), ==, role);
  g_assert_true (pw_store_set_role_rate (f->store, role, 2026, 110000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT max_pence FROM arrs_rate WHERE year = 2026"), ==, 110000);
}

/* A level that is no level, in a domain that is one, is refused in the
 * store's words and nothing is written or logged; the edges are taken. */
static void
test_level_out_of_range_refused (Fixture *f, gconstpointer data)
{
  static const int bad[] = { PW_LEVEL_PRE_FOUNDATION - 1, -1, PW_LEVEL_STEP_3 + 1, PW_LEVEL_NONE + 1 };
  static const int good[] = { PW_LEVEL_PRE_FOUNDATION, 0, PW_LEVEL_STEP_3, PW_LEVEL_NONE };
  gint64 logged = pw_test_sql_int (f->path, "SELECT count(*) FROM change_log");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pw_store_set_maturity_level (f->store, f->ret, PW_N_DOMAINS - 1, bad[i], &error));
      g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "There is no such domain or level");
      g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM maturity WHERE level IS NOT NULL"), ==, 0);
      g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log"), ==, logged);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM maturity WHERE level = %d", good[i]);

      g_assert_true (pw_store_set_maturity_level (f->store, f->ret, PW_N_DOMAINS - 1, good[i], &error));
      g_assert_no_error (error);
      if (good[i] == PW_LEVEL_NONE)   /* no score is NULL */
        g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM maturity WHERE level IS NOT NULL"), ==, 0);
      else
        g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 1);
    }
}

/* An import whose rows fail where they are written names the first
 * failing row, not a later one, and writes nothing: also on a server,
 * where a PCN's practices are queued together and both failures are in
 * one queue (PCNs of 8 practices: lines 19 and 24 are practices of the
 * third PCN, after its first row, and nothing between them waits for an
 * answer). */
static void
test_import_names_first_failure (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n");
  g_autofree char *path = g_build_filename (f->dir, "profiles.csv", NULL);

  /* The workbook itself refuses a practice called "Refused …". */
  if (pw_test_on_pg ())
    pw_test_exec (f->path, "CREATE FUNCTION test_refuse () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                           " IF NEW.name LIKE 'Refused%' THEN RAISE EXCEPTION 'Refused in the test: %', NEW.code;"
                           " END IF; RETURN NEW; END $$;"
                           "CREATE TRIGGER test_refuse BEFORE INSERT ON practice"
                           " FOR EACH ROW EXECUTE FUNCTION test_refuse ();");
  else
    pw_test_exec (f->path, "CREATE TRIGGER test_refuse BEFORE INSERT ON practice WHEN NEW.name LIKE 'Refused%'"
                           " BEGIN SELECT RAISE(ABORT, 'Refused in the test'); END");
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (csv, "U2%04u,PCN %u,East,B1%04u,%s Surgery,100\n", i / 8, i / 8, i,
                            i == 17 || i == 22 ? "Refused" : "Good");
  pw_test_write (path, csv->str);
  g_assert_false (pw_import_profiles (f->store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "line 19"));
  g_assert_null (strstr (error->message, "line 24"));
  g_assert_nonnull (strstr (error->message, "Refused in the test"));
  g_assert_true (!pw_test_on_pg () || strstr (error->message, "B10017") != NULL);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM practice"), ==, 0);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn"), ==, 1);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define ADD(name, year, fn) \
  g_test_add ("/mutants-s22/" name, Fixture, year, pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  ADD ("rate-read-holds-nothing", NULL, test_rate_read_holds_nothing);
  ADD ("import-names-first-failure", NULL, test_import_names_first_failure);
  ADD ("level-out-of-range-refused", GINT_TO_POINTER (2025), test_level_out_of_range_refused);
  if (!pw_test_on_pg ())
    ADD ("nested-reads-keep-snapshot", NULL, test_nested_reads_keep_snapshot);
  return g_test_run ();
}

/* Edges of the store that mutate.py found untested (last session's
 * survivors and seeds 2501 to 2504): checked through the product's own
 * API and output on real workbooks, on both engines where the store is
 * concerned.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-maturity.h"
#include "pw-store.h"
#include "pw-workforce.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

/* The rows @sql yields from @path, as pw_test_append_rows () writes them. */
static char *
rows_of (const char *path,
         const char *sql)
{
  GString *out = g_string_new (NULL);

  pw_test_append_rows (out, path, sql);
  return g_string_free (out, FALSE);
}

/* A funding stream's value is recorded as the user reads it: an amount in
 * pounds, or a rate per patient (hundredths of a penny) in whole pence
 * (rounded down), a rate of 0 being a rate too. */
static void
test_funding_value_as_read (Fixture *f, gconstpointer data)
{
  static const struct { gint64 amount, rate; const char *shown; } cases[] = {
    { 777, 12345, "£1.23 per patient|\n" },
    { 777, 0, "£0.00 per patient|\n" },
    { 777, -1, "£7.77|\n" },
    { 0, 19999, "£1.99 per patient|\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = NULL;

      g_assert_true (pw_store_set_funding (f->store, f->pcn, 2025, PW_STREAM_DEVELOPMENT, cases[i].amount,
                                           cases[i].rate, &error));
      g_assert_no_error (error);
      shown = rows_of (f->path, "SELECT value FROM field_version WHERE tbl = 'funding' AND field = 'amount'");
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* A new workbook in @dir whose change log has @n rows and an index that
 * no longer matches them: @n problems for the whole-file check (and none
 * for the quick one, which does not read indexes' contents). */
static char *
damaged_workbook (const char *dir,
                  guint       n)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *sql = NULL;
  PwStore *store = pw_store_open (path, &error);

  g_assert_no_error (error);
  g_object_unref (store);
  sql = g_strdup_printf ("DELETE FROM change_log;"
                         "WITH RECURSIVE c (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %u)"
                         " INSERT INTO change_log (at, user, return_id, what) SELECT '2025-04-01', 'Test', i, 'x' FROM c;"
                         "PRAGMA writable_schema = ON;"
                         "UPDATE sqlite_schema SET sql = 'CREATE INDEX change_log_return ON change_log (locality_id)'"
                         " WHERE name = 'change_log_return';", n);
  pw_test_exec (path, sql);
  return path;
}

/* The whole-file check lists the first 100 problems it finds, and says
 * when there were more; up to 100, it lists them all and says nothing
 * more. */
static void
test_check_lists_first_hundred (void)
{
  static const guint problems[] = { 99, 100, 101, 150 };

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    {
      g_autofree char *dir = pw_test_tmpdir ();
      g_autofree char *path = damaged_workbook (dir, problems[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PwStore) store = pw_store_open (path, &error);
      g_autofree char *found = NULL, *quick = NULL;
      g_auto(GStrv) lines = NULL;
      guint listed = MIN (problems[i], 100);

      g_assert_no_error (error);
      g_assert_false (pw_store_check (store, "PRAGMA integrity_check", &found));
      lines = g_strsplit (found, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, listed + (problems[i] > 100) + 1);
      for (guint l = 0; l < listed; l++)
        {
          g_autofree char *expected = g_strdup_printf ("row %u missing from index change_log_return", l + 1);

          g_assert_cmpstr (lines[l], ==, expected);
        }
      if (problems[i] > 100)
        g_assert_cmpstr (lines[100], ==, "(The check found more problems than these first 100.)");
      g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");
      g_assert_true (pw_store_check (store, "PRAGMA quick_check", &quick));
      g_assert_cmpstr (quick, ==, "");
      g_clear_object (&store);
      pw_test_rmdir (dir);
    }
}

/* A domain past the last, or a field that is no text of a domain, is
 * refused in the store's words, whichever is wrong, and nothing is
 * written; the last domain and both texts are taken. */
static void
test_maturity_text_edges (Fixture *f, gconstpointer data)
{
  static const struct { guint domain; PwMaturityField field; } bad[] = {
    { PW_N_DOMAINS, PW_MATURITY_EVIDENCE }, { PW_N_DOMAINS, PW_MATURITY_SUPPORT },
    { PW_N_DOMAINS - 1, PW_MATURITY_LEVEL }, { 0, PW_MATURITY_N_FIELDS },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *texts = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pw_store_set_maturity_text (f->store, f->ret, bad[i].domain, bad[i].field, "Refused", &error));
      g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "There is no such domain or field");
      g_clear_error (&error);
    }
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM maturity WHERE evidence <> '' OR support <> ''"), ==, 0);
  g_assert_true (pw_store_set_maturity_text (f->store, f->ret, PW_N_DOMAINS - 1, PW_MATURITY_EVIDENCE, "Minutes", &error));
  g_assert_true (pw_store_set_maturity_text (f->store, f->ret, PW_N_DOMAINS - 1, PW_MATURITY_SUPPORT, "Training", &error));
  g_assert_no_error (error);
  texts = rows_of (f->path, "SELECT evidence, support FROM maturity WHERE evidence <> '' OR support <> ''");
  g_assert_cmpstr (texts, ==, "Minutes|Training|\n");
}

/* A maturity import with a domain past the last, or a level that is no
 * level, is refused as a whole, naming the value, whatever came before
 * it; the last domain and the edges of the levels are taken. */
static void
test_bulk_maturity_edges (Fixture *f, gconstpointer data)
{
  static const struct { guint domain; int level; } bad[] = {
    { PW_N_DOMAINS, 2 }, { PW_N_DOMAINS - 1, PW_LEVEL_STEP_3 + 1 }, { 0, PW_LEVEL_PRE_FOUNDATION - 1 },
    { 0, -1 }, { 0, PW_LEVEL_NONE + 1 },
  };
  static const int good[] = { PW_LEVEL_PRE_FOUNDATION, 0, PW_LEVEL_STEP_3 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      PwMaturityValue values[] = { { f->pcn, 2025, 0, 2, NULL, NULL },
                                   { f->pcn, 2025, bad[i].domain, bad[i].level, NULL, NULL } };
      PwBulkResult result = { 0 };

      g_assert_false (pw_store_import_maturity (f->store, "levels.csv", values, 2, NULL, NULL, NULL, &result, &error));
      g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "There is no such domain or level");
      g_assert_cmpuint (result.failed, ==, 1);
      g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM maturity WHERE level IS NOT NULL"), ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      PwMaturityValue value = { f->pcn, 2025, PW_N_DOMAINS - 1, good[i], NULL, NULL };
      PwBulkResult result = { 0 };
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM maturity WHERE level = %d", good[i]);

      g_assert_true (pw_store_import_maturity (f->store, "levels.csv", &value, 1, NULL, NULL, NULL, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.values_changed, ==, 1);
      g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 1);
    }
}

/* An edit of a practice is announced as a change to its PCN's practices
 * (the PCN's id), also its deletion; one of a practice in no PCN, or a
 * move between PCNs, as a change to practices in general (0). */
static void
test_practice_edits_announced (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwTestHeard heard = { 0 };
  gint64 practice = 0, loose = 0, other = 0;
  gulong handler;

  g_assert_true (pw_store_add_pcn (f->store, "U22222", "North PCN", 0, &other, &error));
  g_assert_true (pw_store_add_practice (f->store, f->pcn, "B10001", "One Surgery", 100, &practice, &error));
  g_assert_true (pw_store_add_practice (f->store, 0, "B10002", "Two Surgery", 200, &loose, &error));
  g_assert_no_error (error);
  handler = g_signal_connect (f->store, "changed", G_CALLBACK (pw_test_heard_cb), &heard);
  g_assert_true (pw_store_update_practice (f->store, practice, "B10001", "One Health Centre", 100, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_cmpstr (heard.table, ==, "practice");
  g_assert_cmpint (heard.id, ==, f->pcn);
  g_assert_true (pw_store_update_practice (f->store, loose, "B10002", "Two Health Centre", 200, &error));
  g_assert_cmpuint (heard.count, ==, 2);
  g_assert_cmpint (heard.id, ==, 0);
  g_assert_true (pw_store_move_practice (f->store, practice, other, &error));
  g_assert_cmpuint (heard.count, ==, 3);
  g_assert_cmpint (heard.id, ==, 0);
  g_assert_true (pw_store_delete_practice (f->store, practice, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.count, ==, 4);
  g_assert_cmpstr (heard.table, ==, "practice");
  g_assert_cmpint (heard.id, ==, other);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM practice"), ==, 1);
  g_signal_handler_disconnect (f->store, handler);
  pw_test_heard_clear (&heard);
}

/* The size of practice @code as the store reads it. */
static gint64
list_size_of (Fixture    *f,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPractice) practice = pw_store_find_practice (f->store, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (practice);
  return pw_row_get_int (PW_ROW (practice), PW_PRACTICE_LIST_SIZE);
}

/* Editing or deleting a practice leaves no read open behind it: what
 * another program then changes is what the store reads next, and the
 * store's own next edit is taken. */
static void
test_practice_edit_holds_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 one = 0, two = 0;

  g_assert_true (pw_store_add_practice (f->store, f->pcn, "B10001", "One Surgery", 100, &one, &error));
  g_assert_true (pw_store_add_practice (f->store, f->pcn, "B10002", "Two Surgery", 200, &two, &error));
  g_assert_true (pw_store_update_practice (f->store, one, "B10001", "One Health Centre", 100, &error));
  g_assert_no_error (error);
  pw_test_exec (f->path, "UPDATE practice SET list_size = 300 WHERE code = 'B10002'");    /* another program */
  g_assert_cmpint (list_size_of (f, "B10002"), ==, 300);
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr A Example", &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_delete_practice (f->store, one, &error));
  g_assert_no_error (error);
  pw_test_exec (f->path, "UPDATE practice SET list_size = 400 WHERE code = 'B10002'");
  g_assert_cmpint (list_size_of (f, "B10002"), ==, 400);
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr B Example", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE clinical_director = 'Dr B Example'"), ==, 1);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define ADD(name, year, fn) \
  g_test_add ("/mutants-s23/" name, Fixture, year, pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  ADD ("funding-value-as-read", GINT_TO_POINTER (2025), test_funding_value_as_read);
  ADD ("maturity-text-edges", GINT_TO_POINTER (2025), test_maturity_text_edges);
  ADD ("bulk-maturity-edges", GINT_TO_POINTER (2025), test_bulk_maturity_edges);
  ADD ("practice-edits-announced", NULL, test_practice_edits_announced);
  ADD ("practice-edit-holds-nothing", NULL, test_practice_edit_holds_nothing);
  if (!pw_test_on_pg ())
    g_test_add_func ("/mutants-s23/check-lists-first-hundred", test_check_lists_first_hundred);
  return g_test_run ();
}

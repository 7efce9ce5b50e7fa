/* Edges of the store that mutate.py found untested (last session's
 * survivors and seeds 2501 to 2504): checked through the product's own
 * API and output on real workbooks, on both engines where the store is
 * concerned.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

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

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define ADD(name, year, fn) \
  g_test_add ("/mutants-s23/" name, Fixture, year, pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  ADD ("funding-value-as-read", GINT_TO_POINTER (2025), test_funding_value_as_read);
  if (!pw_test_on_pg ())
    g_test_add_func ("/mutants-s23/check-lists-first-hundred", test_check_lists_first_hundred);
  return g_test_run ();
}

/* Imports are bounded: only regular files, at most 64 MB, 1,000,000 lines
 * and 32,767 characters a field; messages quote at most a line of a value;
 * huge numbers are refused, not overflowed; the role suggestion is linear;
 * Cancel stops a parse that has started.  Against real SQLite workbooks.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PW_TEST_WITH_STORE
#include "pw-csv.h"
#include "pw-import.h"
#include "pw-parse.h"
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

#define FIXTURE_TEST(path, fn) \
  g_test_add (path, Fixture, GINT_TO_POINTER (2021), pw_return_fixture_setup, fn, pw_return_fixture_teardown)

/* Imports @csv as achievements; returns the error, which must be set. */
static GError *
refused (Fixture    *f,
         const char *csv)
{
  g_autofree char *path = g_build_filename (f->dir, "input.csv", NULL);
  GError *error = NULL;

  pw_test_write (path, csv);
  g_assert_false (pw_import_any (f->store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  return error;
}

static void
assert_has (const char *message,
            const char *part)
{
  if (strstr (message, part) == NULL)
    g_error ("“%s” lacks “%s”", message, part);
}

static gint64
items (Fixture *f)
{
  return pw_test_sql_int (f->path, "SELECT count(*) FROM return_item");
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* ---- What is not a regular file is refused before it is opened ---- */

static void
assert_not_a_file (Fixture    *f,
                   const char *path,
                   const char *part)
{
  g_autoptr(GError) error = NULL;

  alarm (20);                  /* a hang fails the test instead of stalling it */
  g_assert_false (pw_import_any (f->store, path, NULL, NULL, NULL, NULL, &error));
  alarm (0);
  g_assert_error (error, PW_CSV_ERROR, PW_CSV_ERROR_READ);
  g_test_message ("%s", error->message);
  assert_has (error->message, part);
}

static void
test_fifo (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "pipe.csv", NULL);

  /* Nobody writes to it: opening it for reading would block for ever. */
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  assert_not_a_file (f, path, "not an ordinary file");
}

static void
test_device (Fixture *f, gconstpointer data)
{
  assert_not_a_file (f, "/dev/zero", "not an ordinary file");
}

static void
test_directory (Fixture *f, gconstpointer data)
{
  assert_not_a_file (f, f->dir, "is a folder");
}

/* Opening and closing the workbook outside SQLite would drop its lock. */
static void
test_workbook_itself (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pw_import_any (f->store, f->path, NULL, NULL, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  assert_has (error->message, "the open workbook itself");
}

static void
test_too_big (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GError) error = NULL;

  pw_test_write (path, "pcn_code,year,text\n");
  g_assert_cmpint (truncate (path, PW_CSV_MAX_BYTES + 1), ==, 0);   /* sparse: costs no disk */
  g_assert_false (pw_import_any (f->store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PW_CSV_ERROR, PW_CSV_ERROR_LIMIT);
  g_test_message ("%s", error->message);
  assert_has (error->message, "64 MB");
}

static void
test_too_many_lines (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) csv = g_string_new ("pcn_code,year,text\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < PW_CSV_MAX_LINES; i++)
    g_string_append_c (csv, '\n');
  error = refused (f, csv->str);
  g_assert_error (error, PW_CSV_ERROR, PW_CSV_ERROR_LIMIT);
  assert_has (error->message, "1,000,000 lines");
  g_assert_cmpint (items (f), ==, 0);
}

/* Columns past the header's width are counted, not kept: a line of
 * commas is refused with its true width. */
static void
test_wide (Fixture *f, gconstpointer data)
{
  g_autofree char *commas = repeat (",", 99999);
  g_autofree char *header = g_strconcat ("pcn_code,year,text", commas, "\n", NULL);
  g_autofree char *row = g_strconcat ("pcn_code,year,text\nU12345,2021/22,Hub", commas, "\n", NULL);
  g_autoptr(GError) e1 = refused (f, header);
  g_autoptr(GError) e2 = refused (f, row);

  assert_has (e1->message, "line 1 (the header) has 100002 columns; an import has at most 16");
  assert_has (e2->message, "line 2 has 100002 fields but the header has 3 columns");
}

/* ---- Fields: up to what a spreadsheet cell holds, in characters ---- */

static char *
achievement_csv (const char *text)
{
  return g_strdup_printf ("pcn_code,year,text\nU12345,2021/22,\"%s\"\n", text);
}

static void
test_longest_field (Fixture *f, gconstpointer data)
{
  /* Two bytes a character: the limit counts characters, not bytes. */
  g_autofree char *text = repeat ("é", PW_CSV_MAX_FIELD);
  g_autofree char *csv = achievement_csv (text);
  g_autofree char *path = g_build_filename (f->dir, "input.csv", NULL);
  g_autoptr(GError) error = NULL;

  pw_test_write (path, csv);
  g_assert_true (pw_import_any (f->store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Stored whole, not cut. */
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT length(text) FROM return_item"), ==, PW_CSV_MAX_FIELD);
}

static void
test_field_too_long (Fixture *f, gconstpointer data)
{
  g_autofree char *text = repeat ("é", PW_CSV_MAX_FIELD + 1);
  g_autofree char *csv = achievement_csv (text);
  g_autoptr(GError) error = refused (f, csv);

  g_assert_error (error, PW_CSV_ERROR, PW_CSV_ERROR_LIMIT);
  assert_has (error->message, "line 2, column 3");
  assert_has (error->message, "32,767 characters");
  g_assert_cmpint (items (f), ==, 0);
}

/* A quote never closed swallows the rest of the file into one field. */
static void
test_stray_quote (Fixture *f, gconstpointer data)
{
  g_autofree char *rows = repeat ("U12345,2021/22,Opened a new hub for the whole town\n", 5000);
  g_autofree char *csv = g_strconcat ("pcn_code,year,text\nU12345,2021/22,\"Stray\n", rows, NULL);
  g_autoptr(GError) error = refused (f, csv);

  g_assert_error (error, PW_CSV_ERROR, PW_CSV_ERROR_LIMIT);
  assert_has (error->message, "line 2, column 3");
  assert_has (error->message, "closing quote");
  g_assert_cmpint (items (f), ==, 0);
}

/* ---- Messages quote at most PW_QUOTE_MAX characters of a value ---- */

static void
assert_quotes_briefly (const char *message,
                       const char *value)
{
  g_autofree char *head = g_strndup (value, PW_QUOTE_MAX);
  g_autofree char *quoted = g_strconcat ("“", head, "…”", NULL);

  assert_has (message, quoted);
  g_assert_cmpint (g_utf8_strlen (message, -1), <, 600);
}

static void
test_quotes (Fixture *f, gconstpointer data)
{
  g_autofree char *x = repeat ("x", 10000);
  static const char *files[] = {
    "pcn_code,year,text\n%s,2021/22,Hub\n",                        /* pw-parse.c: a code */
    "pcn_code,year,domain,level\nU12345,2021/22,%s,1\n",           /* pw-matrix.c: a domain */
    "pcn_code,year,domain,level\nU12345,2021/22,leadership,%s\n",  /* a level */
    "pcn_code,year,role,wte_in_post\nU12345,2021/22,%s,1\n",       /* a role, with no suggestion */
    "pcn_code,year,stream,amount\nU12345,2021/22,arrs,rate:%s\n",  /* a rate */
    "pcn_code,year,stream,amount\nU12345,2021/22,%s,1\n",          /* a stream */
    "pcn_code,year,text,%s\n",                                     /* a header */
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *csv = g_strdup_printf (files[i], x);
      g_autoptr(GError) error = refused (f, csv);

      assert_quotes_briefly (error->message, x);
    }
}

static void
test_quotes_pcn_names (Fixture *f, gconstpointer data)
{
  g_autofree char *a = repeat ("a", 10000), *b = repeat ("b", 10000);
  g_autofree char *csv = g_strdup_printf ("pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                                          "U11111,%s,North,L11111,One,1\nU11111,%s,North,L22222,Two,2\n", a, b);
  g_autoptr(GError) error = refused (f, csv);

  assert_quotes_briefly (error->message, a);
  assert_quotes_briefly (error->message, b);
}

static void
test_quote_helper (void)
{
  g_autofree char *s = pw_quote ("short");
  g_autofree char *exact = repeat ("é", PW_QUOTE_MAX);
  g_autofree char *exact_q = pw_quote (exact);
  g_autofree char *longer = repeat ("é", PW_QUOTE_MAX + 1);
  g_autofree char *longer_q = pw_quote (longer);
  g_autofree char *cut = g_strconcat (exact, "…", NULL);

  g_assert_cmpstr (s, ==, "short");
  g_assert_cmpstr (exact_q, ==, exact);
  g_assert_cmpstr (longer_q, ==, cut);
}

/* ---- Numbers: ranges, refused rather than overflowed ---- */

static void
test_huge_numbers (void)
{
  static const char *huge[] = {
    "99999999999999999999", "9223372036854775807", "9223372036854775808", "92233720368547758.07",
    "£1,000,000,000.00", "-99999999999999999999", "1" "00000000000000000000000000000000000000000000",
  };
  gint64 pence = -1, count = -1;
  int wte = -1;

  for (guint i = 0; i < G_N_ELEMENTS (huge); i++)
    {
      g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL;

      g_assert_false (pw_parse_money (huge[i], &pence, &e1));
      g_assert_error (e1, PW_PARSE_ERROR, PW_PARSE_ERROR_RANGE);
      if (huge[i][0] != '-' && huge[i][0] != '\xC2')
        {
          g_assert_false (pw_parse_wte (huge[i], &wte, &e2));
          g_assert_nonnull (e2);
        }
      if (strchr (huge[i], '.') == NULL && g_ascii_isdigit (huge[i][0]))
        {
          g_assert_false (pw_parse_population (huge[i], &count, &e3));
          g_assert_error (e3, PW_PARSE_ERROR, PW_PARSE_ERROR_RANGE);
        }
    }
  g_assert_cmpint (pence, ==, -1);
  g_assert_cmpint (count, ==, -1);
  g_assert_cmpint (wte, ==, -1);
  /* The edges themselves are accepted. */
  g_assert_true (pw_parse_money ("£999,999,999.99", &pence, NULL));
  g_assert_cmpint (pence, ==, PW_MONEY_MAX);
  g_assert_true (pw_parse_money ("-999999999.99", &pence, NULL));
  g_assert_cmpint (pence, ==, -PW_MONEY_MAX);
  g_assert_true (pw_parse_population ("99,999,999", &count, NULL));
  g_assert_cmpint (count, ==, PW_COUNT_MAX);
  g_assert_false (pw_parse_population ("100,000,000", &count, NULL));
  g_assert_true (pw_parse_wte ("99.99", &wte, NULL));
  g_assert_cmpint (wte, ==, PW_WTE_MAX);
}

static void
test_huge_amount_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = refused (f, "pcn_code,year,stream,amount\nU12345,2021/22,arrs,1\n"
                                        "U12345,2021/22,cd,99999999999999999999\n");

  assert_has (error->message, "line 3, column 4 (amount)");
  assert_has (error->message, "£999,999,999.99");
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM funding"), ==, 0);
}

/* ---- The role suggestion is linear in the field ---- */

static void
test_suggest_huge (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) roles = pw_store_list_roles (f->store, TRUE, &error);
  g_autofree char *huge = repeat ("Clinical pharmasist ", 1024 * 1024 / 20);   /* 1 MB */
  g_autofree char *near = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  near = pw_import_suggest_roles (roles, huge);
  /* Timed for the report only: speed is for benchmarks, not assertions. */
  g_test_message ("suggestion on a 1 MB field: %.3f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_null (near);        /* nothing is within a third of its length */
  near = pw_import_suggest_roles (roles, "Clinical pharmasist");
  assert_has (near, "“Clinical pharmacist”");
}

/* The longest field a file may hold, as a role: refused with a suggestion
 * in about the time a short one takes. */
static void
test_suggest_longest_field (Fixture *f, gconstpointer data)
{
  g_autofree char *role = repeat ("Clinical pharmasist\n", PW_CSV_MAX_FIELD / 20);
  g_autofree char *csv = g_strdup_printf ("pcn_code,year,role,wte_in_post\nU12345,2021/22,\"%s\",1\n", role);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = refused (f, csv);

  g_test_message ("import with a %u-character role: %.3f s", (guint) strlen (role),
                  (g_get_monotonic_time () - start) / 1e6);
  assert_has (error->message, "line 2, column 3 (role)");
  assert_has (error->message, "no ARRS role called");
  g_assert_null (strchr (error->message, '\n'));
}

/* ---- Cancel, from another thread, once the parse has started ---- */

typedef struct
{
  GMutex lock;
  GCond cond;
  GCancellable *cancellable;
  gboolean started;
  gint64 cancelled_at;
  guint reports;               /* of progress */
} CancelRun;

/* Called in the import's thread: tells the test the parse is under way,
 * then waits until the test has cancelled, so the import cannot finish
 * first whatever the machine's speed. */
static void
on_progress (double   fraction,
             gpointer data)
{
  CancelRun *run = data;

  g_mutex_lock (&run->lock);
  run->reports++;
  if (!run->started)
    {
      run->started = TRUE;
      g_cond_signal (&run->cond);
      while (!g_cancellable_is_cancelled (run->cancellable))
        g_cond_wait (&run->cond, &run->lock);
    }
  g_mutex_unlock (&run->lock);
}

typedef struct
{
  Fixture *f;
  char *path;
  CancelRun *run;
} ImportJob;

static gpointer
import_thread (gpointer data)
{
  ImportJob *job = data;
  GError *error = NULL;

  pw_import_any (job->f->store, job->path, on_progress, job->run, job->run->cancellable, NULL, &error);
  return error;
}

static void
test_cancel_parse (Fixture *f, gconstpointer data)
{
  g_autofree char *rows = repeat ("U12345,2021/22,Opened a new hub for the whole town\n", 200000);   /* 10 MB */
  g_autofree char *csv = g_strconcat ("pcn_code,year,text\n", rows, NULL);
  g_autofree char *path = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelRun run = { .cancellable = cancellable };
  ImportJob job = { f, path, &run };
  g_autoptr(GError) error = NULL;
  GThread *thread;

  pw_test_write (path, csv);
  thread = g_thread_new ("import", import_thread, &job);
  g_mutex_lock (&run.lock);
  while (!run.started)
    g_cond_wait (&run.cond, &run.lock);
  g_cancellable_cancel (cancellable);
  run.cancelled_at = g_get_monotonic_time ();
  g_cond_signal (&run.cond);
  g_mutex_unlock (&run.lock);
  error = g_thread_join (thread);
  g_test_message ("stopped %.3f s after Cancel", (g_get_monotonic_time () - run.cancelled_at) / 1e6);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Stopped while reading: the first report came a megabyte into the ten,
   * and no other followed. */
  g_assert_cmpuint (run.reports, ==, 1);
  g_assert_cmpint (items (f), ==, 0);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
  FIXTURE_TEST ("/bounds/fifo", test_fifo);
  FIXTURE_TEST ("/bounds/device", test_device);
  FIXTURE_TEST ("/bounds/directory", test_directory);
  FIXTURE_TEST ("/bounds/workbook-itself", test_workbook_itself);
  FIXTURE_TEST ("/bounds/too-big", test_too_big);
  FIXTURE_TEST ("/bounds/too-many-lines", test_too_many_lines);
  FIXTURE_TEST ("/bounds/wide", test_wide);
  FIXTURE_TEST ("/bounds/longest-field", test_longest_field);
  FIXTURE_TEST ("/bounds/field-too-long", test_field_too_long);
  FIXTURE_TEST ("/bounds/stray-quote", test_stray_quote);
  FIXTURE_TEST ("/bounds/quotes", test_quotes);
  FIXTURE_TEST ("/bounds/quotes-pcn-names", test_quotes_pcn_names);
  g_test_add_func ("/bounds/quote-helper", test_quote_helper);
  g_test_add_func ("/bounds/huge-numbers", test_huge_numbers);
  FIXTURE_TEST ("/bounds/huge-amount-import", test_huge_amount_import);
  FIXTURE_TEST ("/bounds/suggest-huge", test_suggest_huge);
  FIXTURE_TEST ("/bounds/suggest-longest-field", test_suggest_longest_field);
  FIXTURE_TEST ("/bounds/cancel-parse", test_cancel_parse);
  return g_test_run ();
}

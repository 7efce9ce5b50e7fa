/* Past years are reproducible: a year's localities, practices and list
 * sizes, and the funding worked out from them, stay as they were when the
 * profile changes in a later year.  Real SQLite files; "last year" is made
 * by dating the profile's last write back, as if it had been made then.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-parse.h"
#include "pw-store.h"
#include "pw-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  PwStore *store;
  int now;                     /* this financial year */
} Fixture;

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
}

static gint64
add_practice (Fixture    *f,
              gint64      pcn,
              const char *code,
              gint64      list_size)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (pw_store_add_practice (f->store, pcn, code, code, list_size, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
practice_id (Fixture    *f,
             const char *code)
{
  g_autoptr(PwPractice) p = pw_store_find_practice (f->store, code, NULL);

  g_assert_nonnull (p);
  return pw_practice_get_id (p);
}

static void
set_list_size (Fixture    *f,
               const char *code,
               gint64      list_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPractice) p = pw_store_find_practice (f->store, code, NULL);

  g_assert_true (pw_store_update_practice (f->store, pw_practice_get_id (p), code, pw_practice_get_name (p),
                                           list_size, &error));
  g_assert_no_error (error);
}

static gint64
pcn_id (Fixture    *f,
        const char *code)
{
  PwPcn *pcn = pw_store_find_pcn_by_code (f->store, code);

  g_assert_nonnull (pcn);
  return pw_pcn_get_id (pcn);
}

/* The PCN @code as it was in @year, or NULL when that year does not know it. */
static PwPcn *
pcn_in_year (Fixture    *f,
             int         year,
             const char *code,
             char      **as_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) pcns = pw_store_list_pcns_for_year (f->store, year, as_at, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (pcns, i);
      if (g_strcmp0 (pw_pcn_get_text (pcn, PW_PCN_CODE), code) == 0)
        return g_steal_pointer (&pcn);
    }
  return NULL;
}

/* Asserts what @year shows for PCN @code. */
static void
assert_pcn (Fixture    *f,
            int         year,
            const char *code,
            const char *locality,
            gint64      practices,
            gint64      population)
{
  g_autoptr(PwPcn) pcn = pcn_in_year (f, year, code, NULL);

  g_assert_nonnull (pcn);
  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_LOCALITY), ==, locality);
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_PRACTICE_COUNT), ==, practices);
  g_assert_cmpint (pw_pcn_get_number (pcn, PW_PCN_POPULATION), ==, population);
}

/* "A11111:1500,A11112:2000": the PCN's practices in @year, by name. */
static char *
practices_in_year (Fixture    *f,
                   const char *code,
                   int         year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = pw_store_list_practices_for_year (f->store, pcn_id (f, code), year, &error);
  g_autoptr(GString) s = g_string_new ("");

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PwPractice) p = g_list_model_get_item (list, i);
      g_string_append_printf (s, "%s%s:%" G_GINT64_FORMAT, i ? "," : "", pw_practice_get_code (p),
                              pw_practice_get_list_size (p));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gint64
funding (Fixture         *f,
         gint64           pcn,
         int              year,
         PwFundingStream  stream)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = pw_store_list_funding (f->store, pcn, year, &error);
  g_autoptr(PwFunding) line = NULL;

  g_assert_no_error (error);
  line = g_list_model_get_item (all, stream);
  return pw_row_get_int (PW_ROW (line), PW_FUNDING_AMOUNT);
}

static void
set_rate (Fixture         *f,
          gint64           pcn,
          int              year,
          PwFundingStream  stream,
          gint64           rate)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_store_set_funding (f->store, pcn, year, stream, 0, rate, &error));
  g_assert_no_error (error);
}

/* Rate × population in pence, half a penny up, as committee papers round. */
static gint64
by_rate (gint64 rate,
         gint64 population)
{
  return (rate * population + 50) / 100;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = pw_test_tmpdir ();
  f->path = pw_test_workbook (f->dir);
  f->now = pw_current_year ();
  reopen (f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* North: U12345 with A11111 (1,000) and A11112 (2,000); South: U22222 with
 * B22221 (500); all last written on 1 June of last year. */
static void
last_years_workbook (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backdate = g_strdup_printf ("UPDATE profile_state SET changed_on = '%04d-06-01'", f->now - 1);
  gint64 north = 0, south = 0, a = 0, b = 0;

  g_assert_true (pw_store_add_locality (f->store, "North", &north, &error));
  g_assert_true (pw_store_add_locality (f->store, "South", &south, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U12345", "Riverside PCN", north, &a, &error));
  g_assert_true (pw_store_add_pcn (f->store, "U22222", "Hillside PCN", south, &b, &error));
  g_assert_no_error (error);
  add_practice (f, a, "A11111", 1000);
  add_practice (f, a, "A11112", 2000);
  add_practice (f, b, "B22221", 500);
  g_clear_object (&f->store);
  pw_test_exec (f->path, backdate);
  reopen (f);
}

/* In a workbook's first year nothing is kept yet: what is entered and
 * corrected stands for the earlier years too, which had no figures. */
static void
test_first_year (Fixture *f, gconstpointer data)
{
  gint64 a = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_store_add_pcn (f->store, "U12345", "Riverside PCN", 0, &a, &error));
  add_practice (f, a, "A11111", 1000);
  set_list_size (f, "A11111", 1500);
  assert_pcn (f, f->now - 1, "U12345", "", 1, 1500);
  assert_pcn (f, 2019, "U12345", "", 1, 1500);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM profile_year"), ==, 0);
}

/* Today's list sizes, moves and locality changes leave last year alone. */
static void
test_changes_today (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last_june = g_strdup_printf ("%04d-06-01", f->now - 1);
  g_autofree char *as_at = NULL, *practices = NULL;
  g_autoptr(PwPcn) then = NULL, now = NULL;
  int last = f->now - 1;

  last_years_workbook (f);
  assert_pcn (f, last, "U12345", "North", 2, 3000);   /* not kept yet: still the live rows */
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM profile_year"), ==, 0);

  set_list_size (f, "A11111", 1500);
  g_assert_true (pw_store_move_practice (f->store, practice_id (f, "B22221"), pcn_id (f, "U12345"), &error));
  g_assert_true (pw_store_set_pcn_number (f->store, pcn_id (f, "U22222"), PW_PCN_LOCALITY_ID,
                                          pw_pcn_get_number (pw_store_find_pcn_by_code (f->store, "U12345"),
                                                             PW_PCN_LOCALITY_ID), &error));
  g_assert_true (pw_store_set_pcn_text (f->store, pcn_id (f, "U12345"), PW_PCN_NAME, "Riverside and Weir PCN", &error));
  g_assert_true (pw_store_delete_practice (f->store, practice_id (f, "A11112"), &error));
  add_practice (f, pcn_id (f, "U12345"), "A11113", 700);
  g_assert_no_error (error);

  /* Last year, and every year before it, as they were. */
  for (int year = last; year >= last - 4; year--)
    {
      assert_pcn (f, year, "U12345", "North", 2, 3000);
      assert_pcn (f, year, "U22222", "South", 1, 500);
    }
  then = pcn_in_year (f, last, "U12345", &as_at);
  g_assert_cmpstr (pw_pcn_get_text (then, PW_PCN_NAME), ==, "Riverside PCN");
  g_assert_cmpstr (as_at, ==, last_june);
  practices = practices_in_year (f, "U12345", last);
  g_assert_cmpstr (practices, ==, "A11111:1000,A11112:2000");
  g_clear_pointer (&practices, g_free);

  /* This year (and the next, until it starts), as they are now. */
  for (int year = f->now; year <= f->now + 1; year++)
    {
      assert_pcn (f, year, "U12345", "North", 3, 1500 + 500 + 700);
      assert_pcn (f, year, "U22222", "North", 0, 0);
    }
  g_clear_pointer (&as_at, g_free);
  now = pcn_in_year (f, f->now, "U12345", &as_at);
  g_assert_cmpstr (pw_pcn_get_text (now, PW_PCN_NAME), ==, "Riverside and Weir PCN");
  g_assert_cmpstr (as_at, !=, last_june);
  g_assert_true (g_str_has_prefix (as_at, "20"));
  practices = practices_in_year (f, "U12345", f->now);
  g_assert_cmpstr (practices, ==, "A11111:1500,A11113:700,B22221:500");
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM profile_year"), ==, 1);
}

/* A locality renamed today keeps its old name in last year's figures. */
static void
test_locality_renamed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  last_years_workbook (f);
  g_assert_true (pw_store_rename_locality (f->store, pw_locality_get_id (pw_store_find_locality (f->store, "South")),
                                           "South and Coast", &error));
  g_assert_no_error (error);
  assert_pcn (f, f->now - 1, "U22222", "South", 1, 500);
  assert_pcn (f, f->now, "U22222", "South and Coast", 1, 500);
}

/* A PCN set up this year is not in last year's figures, unless it holds a
 * return for last year: then it shows as it is now rather than vanish. */
static void
test_new_pcn (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0, ret = 0;
  g_autoptr(PwPcn) absent = NULL;

  last_years_workbook (f);
  g_assert_true (pw_store_add_pcn (f->store, "U33333", "Newfield PCN", 0, &id, &error));
  add_practice (f, id, "C33331", 4000);
  absent = pcn_in_year (f, f->now - 1, "U33333", NULL);
  g_assert_null (absent);
  assert_pcn (f, f->now, "U33333", "", 1, 4000);
  g_assert_true (pw_store_ensure_return (f->store, id, f->now - 1, &ret, &error));
  g_assert_no_error (error);
  assert_pcn (f, f->now - 1, "U33333", "", 1, 4000);
  assert_pcn (f, f->now - 1, "U12345", "North", 2, 3000);
}

/* A `rate:` line is worked out from the year's population, so last year's
 * clinical director funding stays to the penny; this year's follows. */
static void
test_rate_funding (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) wte = NULL;
  g_autoptr(PwArrsRole) role = NULL;
  gint64 pcn, ret = 0;
  int last = f->now - 1;

  last_years_workbook (f);
  pcn = pcn_id (f, "U12345");
  role = pw_store_find_role (f->store, "Clinical pharmacist", &error);
  g_assert_true (pw_store_ensure_return (f->store, pcn, last, &ret, &error));
  g_assert_true (pw_store_set_wte (f->store, ret, pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID), 250, 3, 300,
                                   NULL, &error));
  g_assert_true (pw_store_set_return_status (f->store, ret, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  g_assert_true (pw_store_set_return_status (f->store, ret, PW_STATUS_REVIEWED, "Reviewer", NULL, &error));
  g_assert_no_error (error);
  set_rate (f, pcn, last, PW_STREAM_CLINICAL_DIRECTOR, 7230);   /* £0.723 a patient */
  set_rate (f, pcn, f->now, PW_STREAM_CLINICAL_DIRECTOR, 7230);
  g_assert_cmpint (funding (f, pcn, last, PW_STREAM_CLINICAL_DIRECTOR), ==, 216900);

  set_list_size (f, "A11111", 11000);
  g_assert_cmpint (funding (f, pcn, last, PW_STREAM_CLINICAL_DIRECTOR), ==, by_rate (7230, 3000));
  g_assert_cmpint (funding (f, pcn, f->now, PW_STREAM_CLINICAL_DIRECTOR), ==, by_rate (7230, 13000));
  g_assert_cmpint (funding (f, pcn, f->now, PW_STREAM_CLINICAL_DIRECTOR), ==, 939900);

  /* The reviewed return's ARRS figures hold until it is reopened. */
  g_assert_false (pw_store_set_wte (f->store, ret, pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID), 500, 5, 500,
                                    NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED);
  wte = pw_store_list_wte (f->store, ret, NULL);
  g_assert_cmpint (g_list_model_get_n_items (wte), ==, 1);
  g_assert_cmpint (pw_row_get_int (PW_ROW (g_list_model_get_item (wte, 0)), PW_ARRS_WTE_IN_POST), ==, 250);
}

/* tests/data/workbook-v4.db was written by the version-4 code: 19 PCNs in
 * four localities, 57 practices, 2021/22 maturity returns, 2025/26 funding
 * (Abbeyfield: clinical director and development at a rate per patient). */
static void
test_migrate_v4 (void)
{
  static const char *tables[] = { "locality", "pcn", "practice", "pcn_return", "maturity", "change_log",
                                  "return_item", "des_plan", "plan_entry", "arrs_role", "arrs_rate", "arrs_wte",
                                  "funding" };
  g_autofree char *fixture = g_build_filename (g_getenv ("TESTS_SRCDIR"), "data", "workbook-v4.db", NULL);
  g_autoptr(GBytes) bytes = pw_test_read (fixture);
  gint64 before[G_N_ELEMENTS (tables)];
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean backup = FALSE;
  gint64 abbeyfield, brookvale;

  f.dir = pw_test_tmpdir ();
  f.path = g_build_filename (f.dir, "workbook.db", NULL);
  f.now = pw_current_year ();
  g_assert_true (g_file_set_contents (f.path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_assert_cmpint (pw_test_sql_int (f.path, "PRAGMA user_version"), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      before[i] = pw_test_sql_int (f.path, sql);
    }
  g_assert_cmpint (pw_test_sql_int (f.path, "SELECT sum(list_size) FROM practice"), ==, 640281);

  reopen (&f);
  g_assert_cmpint (pw_store_get_schema_version (f.store), ==, PW_STORE_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      /* The contract data (schema 8) adds the five ARRS roles of 2024/25 and 2025/26 it lacked. */
      gint64 added = g_str_equal (tables[i], "arrs_role") ? 5 : 0;
      g_assert_cmpint (pw_test_sql_int (f.path, sql), ==, before[i] + added);
    }
  dir = g_dir_open (f.dir, 0, &error);
  while ((name = g_dir_read_name (dir)) != NULL)
    backup |= g_str_has_suffix (name, "-v4.bak");
  g_assert_true (backup);

  /* What the file held stands for every year up to now. */
  g_assert_cmpint (pw_test_sql_int (f.path, "SELECT year FROM profile_year"), ==, f.now - 1);
  abbeyfield = pcn_id (&f, "U70000");
  brookvale = pcn_id (&f, "U70001");
  assert_pcn (&f, 2021, "U70000", "North", 3, 30000);
  assert_pcn (&f, 2025, "U70000", "North", 3, 30000);
  assert_pcn (&f, 2025, "U70001", "South", 3, 9137 + 10137 + 11137);
  g_assert_cmpint (funding (&f, abbeyfield, 2025, PW_STREAM_CLINICAL_DIRECTOR), ==, by_rate (7230, 30000));
  g_assert_cmpint (funding (&f, abbeyfield, 2025, PW_STREAM_DEVELOPMENT), ==, 1980000);   /* 66p × 30,000 */
  g_assert_cmpint (funding (&f, abbeyfield, 2025, PW_STREAM_ARRS), ==, 45000000);

  /* Today's changes are this year's only. */
  set_list_size (&f, "Y70000", 12000);
  g_assert_true (pw_store_move_practice (f.store, practice_id (&f, "Y70100"), abbeyfield, &error));
  g_assert_true (pw_store_set_pcn_number (f.store, brookvale, PW_PCN_LOCALITY_ID,
                                          pw_locality_get_id (pw_store_find_locality (f.store, "East")), &error));
  g_assert_no_error (error);
  assert_pcn (&f, 2025, "U70000", "North", 3, 30000);
  assert_pcn (&f, 2025, "U70001", "South", 3, 9137 + 10137 + 11137);
  g_assert_cmpint (funding (&f, abbeyfield, 2025, PW_STREAM_CLINICAL_DIRECTOR), ==, 2169000);   /* £21,690.00 */
  assert_pcn (&f, f.now, "U70000", "North", 4, 30000 + 3000 + 9137);
  assert_pcn (&f, f.now, "U70001", "East", 2, 10137 + 11137);
  set_rate (&f, abbeyfield, f.now, PW_STREAM_CLINICAL_DIRECTOR, 7230);
  g_assert_cmpint (funding (&f, abbeyfield, f.now, PW_STREAM_CLINICAL_DIRECTOR), ==, by_rate (7230, 42137));

  fixture_teardown (&f, NULL);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define FIXTURE_TEST(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  FIXTURE_TEST ("/history/first-year", test_first_year);
  FIXTURE_TEST ("/history/changes-today", test_changes_today);
  FIXTURE_TEST ("/history/locality-renamed", test_locality_renamed);
  FIXTURE_TEST ("/history/new-pcn", test_new_pcn);
  FIXTURE_TEST ("/history/rate-funding", test_rate_funding);
  g_test_add_func ("/history/migrate-v4", test_migrate_v4);
  return g_test_run ();
}

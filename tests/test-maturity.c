/* The maturity matrix: every level spelling, domains, the return workflow
 * and its change log, and the migration of a version-1 workbook.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-matrix.h"
#include "pw-store.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

/* Every spelling we accept, with its half-step level.  Counted in the
 * closing note, so keep one entry per distinct spelling. */
static const struct { const char *text; int level; } good_levels[] = {
  { "Pre-foundation", -2 }, { "Pre-Foundation", -2 }, { "Pre foundation", -2 }, { "pre-foundation", -2 },
  { "PRE FOUNDATION", -2 }, { "Prefoundation", -2 },
  { "Foundation", 0 }, { "foundation", 0 }, { " FOUNDATION ", 0 },
  { "Step 1", 2 }, { "step 1", 2 }, { "Step1", 2 }, { "STEP  1", 2 },
  { "Step 2", 4 }, { "Step 3", 6 }, { "step 3", 6 },
  { "Foundation/Step 1", 1 }, { "Foundation / Step 1", 1 }, { "Foundation/ Step 1", 1 },
  { "Foundation /Step 1", 1 }, { "Foundation-Step 1", 1 }, { "Foundation - Step 1", 1 },
  { "Foundation to Step 1", 1 }, { "foundation/step1", 1 },
  { "Step 1/2", 3 }, { "Step 1-2", 3 }, { "Step 1 to 2", 3 }, { "Step 1 / 2", 3 }, { "Step 1/Step 2", 3 },
  { "Step 1 - Step 2", 3 }, { "Step 1 to Step 2", 3 },
  { "Step 2/3", 5 }, { "Step 2-3", 5 }, { "Step 2 to 3", 5 }, { "Step 2/Step 3", 5 },
  { "0", 0 }, { "0.5", 1 }, { "1", 2 }, { "1.0", 2 }, { "1.5", 3 }, { "2", 4 }, { "2.5", 5 }, { "3", 6 },
  { "No score", PW_LEVEL_NONE }, { "no score", PW_LEVEL_NONE }, { "NO SCORE", PW_LEVEL_NONE },
  { "n/a", PW_LEVEL_NONE }, { "N/A", PW_LEVEL_NONE }, { "NA", PW_LEVEL_NONE }, { "", PW_LEVEL_NONE },
  { "   ", PW_LEVEL_NONE },
};

static const char *bad_levels[] = {
  "Step 4", "Step 0", "3.5", "-1", "0.25", "Step 1/3", "Foundation/Step 2", "Step 2/1", "1/2",
  "Pre-foundation/Foundation", "Level 2", "Advanced", "Step", "Step 1/", "/2", "Foundation Step 1", "4",
  /* A bare number after a name is not a step: "Foundation/1" is refused. */
  "Foundation/1", "Pre-foundation/Step 1", "Step 3/4", "Step 3.5", "Step 2.5", "0.5.", "Foundation/Step 1/2",
};

static void
test_levels (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_levels); i++)
    {
      g_autoptr(GError) error = NULL;
      int level = -99;

      if (!pw_level_parse (good_levels[i].text, &level, &error))
        g_error ("“%s” was refused: %s", good_levels[i].text, error->message);
      if (level != good_levels[i].level)
        g_error ("“%s” read as %d, not %d", good_levels[i].text, level, good_levels[i].level);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_levels); i++)
    {
      g_autoptr(GError) error = NULL;
      int level = -99;

      if (pw_level_parse (bad_levels[i], &level, &error))
        g_error ("“%s” was accepted as %d", bad_levels[i], level);
      g_assert_cmpint (level, ==, -99);
      g_assert_nonnull (strstr (error->message, "Step 1/2"));   /* lists the accepted forms */
      g_assert_nonnull (strstr (error->message, bad_levels[i]));
    }
  g_test_message ("%u level spellings accepted", (guint) G_N_ELEMENTS (good_levels));
}

static void
test_level_names (void)
{
  static const char *canonical[] = { "Pre-foundation", "Foundation", "Foundation/Step 1", "Step 1", "Step 1/2",
                                     "Step 2", "Step 2/3", "Step 3", "No score" };

  for (guint i = 0; i < PW_N_LEVELS; i++)
    {
      int level = -99;

      g_assert_cmpstr (pw_level_name (pw_level_at (i)), ==, canonical[i]);
      g_assert_cmpuint (pw_level_index (pw_level_at (i)), ==, i);
      /* Every canonical name reads back as itself. */
      g_assert_true (pw_level_parse (canonical[i], &level, NULL));
      g_assert_cmpint (level, ==, pw_level_at (i));
      for (guint d = 0; d < PW_N_DOMAINS; d++)
        {
          g_autofree char *text = pw_level_describe (d, pw_level_at (i));
          g_assert_cmpuint (strlen (text), >, 20);
        }
    }
  /* The ramp darkens from Foundation to Step 3. */
  for (int level = 0; level < PW_LEVEL_STEP_3; level++)
    g_assert_cmpuint ((pw_level_colour (level) >> 16) & 0xff, >, (pw_level_colour (level + 1) >> 16) & 0xff);
}

static void
test_domains (void)
{
  static const struct { const char *text; guint domain; } good[] = {
    { "leadership", 0 }, { "Leadership, planning and partnerships", 0 }, { "LEADERSHIP, PLANNING & PARTNERSHIPS", 0 },
    { "Leadership", 0 }, { "lead", 0 }, { "data", 1 }, { "Use of data", 1 },
    { "Use of data and population health management", 1 }, { "Integrating care", 2 }, { "integrating", 2 },
    { "Integ", 2 }, { "resources", 3 }, { "Managing resources", 3 }, { "Managing", 3 },
    { "people", 4 }, { "Working with people and communities", 4 }, { "working with people & communities", 4 },
  };
  static const char *bad[] = { "", "Finance", "Use of money", "Leadership and finance", "x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      guint d = 99;
      g_autoptr(GError) error = NULL;

      if (!pw_domain_parse (good[i].text, &d, &error))
        g_error ("“%s”: %s", good[i].text, error->message);
      g_assert_cmpuint (d, ==, good[i].domain);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint d = 99;
      g_autoptr(GError) error = NULL;

      g_assert_false (pw_domain_parse (bad[i], &d, &error));
      g_assert_nonnull (strstr (error->message, "Integrating care"));
    }
  /* One letter is enough where it starts one name only. */
  {
    guint d = 99;
    g_assert_true (pw_domain_parse ("m", &d, NULL));
    g_assert_cmpuint (d, ==, 3);
  }
}

typedef PwReturnFixture Fixture;

static int
level_of (PwStore *store, gint64 return_id, guint domain)
{
  g_autoptr(GListModel) all = pw_store_list_maturity (store, return_id, NULL);
  g_autoptr(PwMaturity) m = g_list_model_get_item (all, domain);

  return pw_row_get_int (PW_ROW (m), PW_MATURITY_LEVEL);
}

static void
test_return_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(PwMaturity) people = NULL;
  gint64 id = 0, again = 0;

  g_assert_true (pw_store_ensure_return (f->store, f->pcn, 2021, &id, &error));
  g_assert_true (pw_store_ensure_return (f->store, f->pcn, 2021, &again, &error));
  g_assert_cmpint (id, ==, again);
  g_assert_true (pw_store_set_maturity_level (f->store, id, 0, 3, &error));
  g_assert_true (pw_store_set_maturity_level (f->store, id, 1, PW_LEVEL_PRE_FOUNDATION, &error));
  g_assert_true (pw_store_set_maturity_text (f->store, id, 4, PW_MATURITY_EVIDENCE, "Patient group since 2019", &error));
  g_assert_true (pw_store_set_maturity_text (f->store, id, 4, PW_MATURITY_SUPPORT, "Facilitated workshops", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  f->store = pw_store_open (f->path, &error);
  all = pw_store_list_maturity (f->store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, PW_N_DOMAINS);
  g_assert_cmpint (level_of (f->store, id, 0), ==, 3);
  g_assert_cmpint (level_of (f->store, id, 1), ==, PW_LEVEL_PRE_FOUNDATION);   /* not "no score" */
  g_assert_cmpint (level_of (f->store, id, 2), ==, PW_LEVEL_NONE);
  people = g_list_model_get_item (all, 4);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (people), PW_MATURITY_EVIDENCE), ==, "Patient group since 2019");
  g_assert_cmpstr (pw_row_get_string (PW_ROW (people), PW_MATURITY_SUPPORT), ==, "Facilitated workshops");

  /* Back to no score. */
  g_assert_true (pw_store_set_maturity_level (f->store, id, 0, PW_LEVEL_NONE, &error));
  g_assert_cmpint (level_of (f->store, id, 0), ==, PW_LEVEL_NONE);
  {
    g_autoptr(GHashTable) levels = pw_store_maturity_levels (f->store, 2021, &error);
    int *row = g_hash_table_lookup (levels, &f->pcn);
    g_assert_nonnull (row);
    g_assert_cmpint (row[0], ==, PW_LEVEL_NONE);
    g_assert_cmpint (row[1], ==, PW_LEVEL_PRE_FOUNDATION);
    g_assert_cmpuint (g_hash_table_size (levels), ==, 1);
  }
}

static PwChange *
latest_change (PwStore *store, gint64 return_id)
{
  g_autoptr(GListModel) log = pw_store_list_changes (store, return_id, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (log), >, 0);
  return g_list_model_get_item (log, 0);
}

static void
test_workflow (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwReturn) ret = NULL;
  gint64 id = 0;
  guint n_before;

  g_assert_true (pw_store_ensure_return (f->store, f->pcn, 2021, &id, &error));
  g_assert_true (pw_store_set_maturity_level (f->store, id, 2, 4, &error));
  {
    g_autoptr(PwChange) c = latest_change (f->store, id);
    g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_WHAT), ==, "Level: Integrating care");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_OLD), ==, "No score");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_NEW), ==, "Step 2");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_USER), ==, pw_test_on_pg () ? "pw" : g_get_user_name ());
    g_assert_cmpuint (strlen (pw_row_get_string (PW_ROW (c), PW_CHANGE_AT)), ==, 19);
  }

  /* Reviewed only after submitted. */
  g_assert_false (pw_store_set_return_status (f->store, id, PW_STATUS_REVIEWED, "Lee Head", "", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pw_store_set_return_status (f->store, id, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  g_assert_true (pw_store_set_return_status (f->store, id, PW_STATUS_REVIEWED, "Lee Head",
                                             "Good evidence; revisit data domain", &error));
  g_assert_no_error (error);
  ret = pw_store_get_return (f->store, f->pcn, 2021, &error);
  g_assert_cmpint (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS), ==, PW_STATUS_REVIEWED);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWER), ==, "Lee Head");
  g_assert_cmpstr (pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEW_NOTE), ==, "Good evidence; revisit data domain");
  g_assert_cmpstr (pw_row_get_string (PW_ROW (ret), PW_RETURN_SUBMITTED_AT), !=, "");
  g_assert_cmpstr (pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWED_AT), !=, "");
  {
    g_autoptr(PwChange) c = latest_change (f->store, id);
    g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_OLD), ==, "Submitted");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_NEW), ==, "Reviewed (Lee Head: Good evidence; revisit data domain)");
  }

  /* A reviewed return is closed until reopened. */
  g_assert_false (pw_store_set_maturity_level (f->store, id, 2, 5, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "reopen"));
  g_clear_error (&error);
  g_assert_cmpint (level_of (f->store, id, 2), ==, 4);

  n_before = g_list_model_get_n_items (pw_store_list_changes (f->store, id, NULL));
  g_assert_true (pw_store_set_return_status (f->store, id, PW_STATUS_DRAFT, NULL, NULL, &error));
  {
    g_autoptr(PwChange) c = latest_change (f->store, id);
    g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_WHAT), ==, "Status");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_OLD), ==, "Reviewed");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_NEW), ==, "Draft");
  }
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_list_changes (f->store, id, NULL)), ==, n_before + 1);
  g_assert_true (pw_store_set_maturity_level (f->store, id, 2, 5, &error));
  g_assert_no_error (error);
}

/* Typing evidence saves at every pause, but reads in the log as one change. */
static void
test_log_folds_bursts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  const char *steps[] = { "P", "Pa", "Patient", "Patient group", NULL };
  g_autoptr(GListModel) log = NULL;
  g_autoptr(PwChange) c = NULL;

  g_assert_true (pw_store_ensure_return (f->store, f->pcn, 2022, &id, &error));
  for (guint i = 0; steps[i]; i++)
    g_assert_true (pw_store_set_maturity_text (f->store, id, 4, PW_MATURITY_EVIDENCE, steps[i], &error));
  log = pw_store_list_changes (f->store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 2);     /* created, and one evidence change */
  c = g_list_model_get_item (log, 0);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_OLD), ==, "");
  g_assert_cmpstr (pw_row_get_string (PW_ROW (c), PW_CHANGE_NEW), ==, "Patient group");
}

/* tests/data/workbook-v1.db was written by the version-1 code. */
static void
test_migrate_from_v1 (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("TESTS_SRCDIR"), "data", "workbook-v1.db", NULL);
  g_autoptr(GBytes) original = pw_test_read (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  g_autofree char *backup = NULL;
  gint64 id = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original), NULL));
  g_assert_cmpint (pw_test_sql_int (path, "PRAGMA user_version"), ==, 1);
  {
    g_autoptr(PwStore) store = pw_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pw_store_get_schema_version (store), ==, PW_STORE_SCHEMA_VERSION);
    g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (store)), ==, 13);
    g_assert_true (pw_store_ensure_return (store, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90001")),
                                           2021, &id, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pw_test_sql_int (path, "PRAGMA user_version"), ==, PW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM practice"), ==, 60);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM pcn_return"), ==, 1);

  /* A dated backup of the version-1 file stands beside it, still version 1. */
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "old.db.") && g_str_has_suffix (name, "-v1.bak"))
      backup = g_build_filename (dir, name, NULL);
  g_assert_nonnull (backup);
  g_assert_cmpint (pw_test_sql_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (backup, "SELECT count(*) FROM practice"), ==, 60);
  g_assert_cmpint (pw_test_sql_int (backup, "SELECT count(*) FROM sqlite_schema WHERE name = 'pcn_return'"), ==, 0);
  pw_test_rmdir (dir);
}

/* Each edit tells the window what changed, so the pages that show it
 * reload. */
static void
test_edits_announced (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwTestHeard heard = { 0 };
  gulong handler = g_signal_connect (f->store, "changed", G_CALLBACK (pw_test_heard_cb), &heard);

  g_assert_true (pw_store_set_maturity_level (f->store, f->ret, 1, 3, &error));
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_cmpstr (heard.table, ==, "maturity");
  g_assert_cmpint (heard.id, ==, f->ret);
  g_assert_true (pw_store_set_maturity_text (f->store, f->ret, 1, PW_MATURITY_EVIDENCE, "Minutes", &error));
  g_assert_cmpuint (heard.count, ==, 2);
  g_assert_cmpstr (heard.table, ==, "maturity");
  g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  g_assert_cmpuint (heard.count, ==, 3);
  g_assert_cmpstr (heard.table, ==, "return");
  g_assert_cmpint (heard.id, ==, f->ret);
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store, handler);
  pw_test_heard_clear (&heard);
}

/* What the window and export say about a level, and the domain errors. */
static void
test_level_words (void)
{
  g_autoptr(GError) unknown = NULL;
  g_autofree char *half = pw_level_describe (0, 1), *whole = pw_level_describe (0, 2);
  g_autofree char *none = pw_level_describe (0, PW_LEVEL_NONE), *pre = pw_level_describe (0, -2);
  guint domain = 99;

  g_assert_cmpstr (half, ==, "Between Foundation and Step 1: some of the next step is in place.");
  g_assert_true (g_str_has_prefix (whole, "The network has a shared vision"));
  g_assert_cmpstr (none, ==, "Not assessed this year.");
  g_assert_true (g_str_has_prefix (pre, "Practices have not yet agreed"));
  g_assert_cmpstr (pw_level_css_class (PW_LEVEL_NONE), ==, "level-none");
  g_assert_cmpstr (pw_level_css_class (3), ==, "level-3");
  g_assert_cmpstr (pw_level_css_class (-2), ==, "level-pre");
  g_assert_false (pw_domain_parse ("Finance", &domain, &unknown));
  g_assert_nonnull (strstr (unknown->message, "is not a domain"));
  g_assert_cmpuint (domain, ==, 99);
}

/* Only real moves are allowed and logged: a draft cannot be "reopened",
 * nor a submitted return submitted again. */
static void
test_status_edges (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint logged = g_list_model_get_n_items (pw_store_list_changes (f->store, f->ret, NULL));
  static const struct { PwReturnStatus from, to; } refused[] = {
    { PW_STATUS_DRAFT, PW_STATUS_DRAFT }, { PW_STATUS_DRAFT, PW_STATUS_REVIEWED },
    { PW_STATUS_SUBMITTED, PW_STATUS_SUBMITTED }, { PW_STATUS_REVIEWED, PW_STATUS_REVIEWED },
    { PW_STATUS_REVIEWED, PW_STATUS_SUBMITTED },
  };
  PwReturnStatus now = PW_STATUS_DRAFT;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(PwReturn) ret = NULL;

      /* Walk to the "from" state the allowed way. */
      if (refused[i].from != now && refused[i].from == PW_STATUS_DRAFT)
        g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_DRAFT, NULL, NULL, &error));
      if (refused[i].from != now && refused[i].from >= PW_STATUS_SUBMITTED && now == PW_STATUS_DRAFT)
        g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_SUBMITTED, NULL, NULL, &error));
      if (refused[i].from == PW_STATUS_REVIEWED && now != PW_STATUS_REVIEWED)
        g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_REVIEWED, NULL, NULL, &error));
      g_assert_no_error (error);
      now = refused[i].from;
      logged = g_list_model_get_n_items (pw_store_list_changes (f->store, f->ret, NULL));

      g_assert_false (pw_store_set_return_status (f->store, f->ret, refused[i].to, NULL, NULL, &error));
      g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
      g_clear_error (&error);
      ret = pw_store_get_return (f->store, f->pcn, 2021, &error);
      g_assert_cmpint (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS), ==, now);
      g_assert_cmpuint (g_list_model_get_n_items (pw_store_list_changes (f->store, f->ret, NULL)), ==, logged);
      g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log"), ==, logged);
    }
  /* Reopening a submitted return is a real move: allowed and logged. */
  g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_DRAFT, NULL, NULL, &error));
  g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  logged = g_list_model_get_n_items (pw_store_list_changes (f->store, f->ret, NULL));
  g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_DRAFT, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_list_changes (f->store, f->ret, NULL)), ==, logged + 1);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/maturity/levels", test_levels);
  g_test_add_func ("/maturity/level-names", test_level_names);
  g_test_add_func ("/maturity/domains", test_domains);
  g_test_add_func ("/maturity/level-words", test_level_words);
  g_test_add_func ("/maturity/migrate-from-v1", test_migrate_from_v1);
#define FIXTURE_TEST(path, fn) \
  g_test_add (path, Fixture, NULL, pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  FIXTURE_TEST ("/maturity/return-round-trip", test_return_round_trip);
  FIXTURE_TEST ("/maturity/workflow", test_workflow);
  FIXTURE_TEST ("/maturity/log-folds-bursts", test_log_folds_bursts);
  g_test_add ("/maturity/edits-announced", Fixture, GINT_TO_POINTER (2021), pw_return_fixture_setup, test_edits_announced,
              pw_return_fixture_teardown);
  g_test_add ("/maturity/status-edges", Fixture, GINT_TO_POINTER (2021), pw_return_fixture_setup, test_status_edges,
              pw_return_fixture_teardown);
  return g_test_run ();
}

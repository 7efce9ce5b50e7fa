/* ARRS roles, workforce and funding in the store: exact integer totals,
 * rates per patient, and the rules for roles.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-parse.h"
#include "pw-store.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

static gint64
role_id (PwStore *store, const char *name)
{
  g_autoptr(PwArrsRole) role = pw_store_find_role (store, name, NULL);

  g_assert_nonnull (role);
  return pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID);
}

static void
test_reference_roles (Fixture *f, gconstpointer data)
{
  static const char *national[] = {
    "Clinical pharmacist", "Pharmacy technician", "Social prescribing link worker", "Health and wellbeing coach",
    "Care coordinator", "Physician associate", "First contact physiotherapist", "Dietitian", "Podiatrist",
    "Occupational therapist", "Nursing associate", "Trainee nursing associate", "Paramedic",
    "Mental health practitioner", "Advanced practitioner", "GP assistant", "Digital and transformation lead",
  };
  g_autoptr(GListModel) roles = pw_store_list_roles (f->store, TRUE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (national); i++)
    g_assert_cmpint (role_id (f->store, national[i]), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (roles), >=, G_N_ELEMENTS (national));
  {
    g_autoptr(PwArrsRole) cp = pw_store_find_role (f->store, "CLINICAL PHARMACIST", NULL);
    g_assert_cmpint (pw_row_get_int (PW_ROW (cp), PW_ARRS_ROLE_FIRST_YEAR), ==, 2019);
    g_assert_cmpint (pw_row_get_int (PW_ROW (cp), PW_ARRS_ROLE_LOCAL), ==, 0);
  }
}

static void
test_role_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 local = 0, spare = 0;

  g_assert_true (pw_store_add_role (f->store, "Home/RR Paramedic", 2021, &local, &error));
  g_assert_false (pw_store_add_role (f->store, "home/rr paramedic", 2021, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (pw_store_rename_role (f->store, local, "Home visiting paramedic", &error));
  g_assert_true (pw_store_set_wte (f->store, f->ret, local, 100, 1, 100, NULL, &error));

  /* In use: it can be retired, not deleted. */
  g_assert_false (pw_store_delete_role (f->store, local, &error));
  g_assert_nonnull (strstr (error->message, "retire"));
  g_clear_error (&error);
  g_assert_true (pw_store_retire_role (f->store, local, TRUE, &error));
  {
    g_autoptr(GListModel) offered = pw_store_list_roles (f->store, FALSE, NULL);
    g_autoptr(GListModel) all = pw_store_list_roles (f->store, TRUE, NULL);
    g_autoptr(GListModel) wte = pw_store_list_wte (f->store, f->ret, NULL);
    g_autoptr(PwArrsWte) kept = g_list_model_get_item (wte, 0);

    g_assert_cmpuint (g_list_model_get_n_items (all), ==, g_list_model_get_n_items (offered) + 1);
    g_assert_cmpstr (pw_row_get_string (PW_ROW (kept), PW_ARRS_WTE_ROLE), ==, "Home visiting paramedic");
  }
  g_assert_true (pw_store_add_role (f->store, "Unused role", 0, &spare, &error));
  g_assert_true (pw_store_delete_role (f->store, spare, &error));
  g_assert_no_error (error);
}

/* The store's own totals across a year's returns: 240 PCNs of 0.1 WTE
 * make exactly 24.0 (a float sum of 0.1 would not), other years and
 * other roles kept apart. */
static void
test_exact_totals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) totals = NULL;
  gint64 cp = role_id (f->store, "Clinical pharmacist");
  gint64 para = role_id (f->store, "Paramedic");
  g_autofree char *shown = NULL;
  int tenth = 0, fifth = 0;

  g_assert_true (pw_parse_wte ("0.1", &tenth, &error));
  g_assert_true (pw_parse_wte ("0.2", &fifth, &error));
  g_assert_true (pw_store_begin (f->store, &error));
  for (guint i = 0; i < 240; i++)
    {
      g_autofree char *code = g_strdup_printf ("U9%04u", i);
      gint64 pcn = 0, ret = 0, old = 0;

      g_assert_true (pw_store_add_pcn (f->store, code, code, 0, &pcn, &error));
      g_assert_true (pw_store_ensure_return (f->store, pcn, 2021, &ret, &error));
      g_assert_true (pw_store_set_wte (f->store, ret, cp, tenth, 1, fifth, NULL, &error));
      g_assert_true (pw_store_ensure_return (f->store, pcn, 2020, &old, &error));
      g_assert_true (pw_store_set_wte (f->store, old, cp, 500, 5, 500, NULL, &error));
    }
  g_assert_true (pw_store_set_wte (f->store, f->ret, para, 35, 2, 0, NULL, &error));
  g_assert_true (pw_store_commit (f->store, &error));
  g_assert_no_error (error);

  totals = pw_store_wte_totals (f->store, 2021, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (totals), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PwArrsWte) t = g_list_model_get_item (totals, i);
      gboolean is_cp = pw_row_get_int (PW_ROW (t), PW_ARRS_WTE_ROLE_ID) == cp;

      g_assert_cmpstr (pw_row_get_string (PW_ROW (t), PW_ARRS_WTE_ROLE), ==, is_cp ? "Clinical pharmacist" : "Paramedic");
      g_assert_cmpint (pw_row_get_int (PW_ROW (t), PW_ARRS_WTE_IN_POST), ==, is_cp ? 2400 : 35);
      g_assert_cmpint (pw_row_get_int (PW_ROW (t), PW_ARRS_WTE_HEADCOUNT), ==, is_cp ? 240 : 2);
      g_assert_cmpint (pw_row_get_int (PW_ROW (t), PW_ARRS_WTE_PLANNED), ==, is_cp ? 4800 : 0);
      if (is_cp)
        shown = pw_format_wte (pw_row_get_int (PW_ROW (t), PW_ARRS_WTE_IN_POST));
    }
  g_assert_cmpstr (shown, ==, "24.0");
  {
    g_autoptr(GListModel) last = pw_store_wte_totals (f->store, 2020, &error);
    g_autoptr(PwArrsWte) t = g_list_model_get_item (last, 0);
    g_assert_cmpuint (g_list_model_get_n_items (last), ==, 1);
    g_assert_cmpint (pw_row_get_int (PW_ROW (t), PW_ARRS_WTE_IN_POST), ==, 240 * 500);
  }
}

static void
test_wte_values (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 cp = role_id (f->store, "Clinical pharmacist");
  g_autoptr(GListModel) wte = NULL;
  g_autoptr(PwArrsWte) w = NULL;

  g_assert_false (pw_store_set_wte (f->store, f->ret, cp, -1, 1, 0, NULL, &error));
  g_assert_cmpstr (error->message, ==, "A WTE must be from 0.00 to 99.99");
  g_clear_error (&error);
  g_assert_false (pw_store_set_wte (f->store, f->ret, cp, 10000, 1, 0, NULL, &error));
  g_assert_cmpstr (error->message, ==, "A WTE must be from 0.00 to 99.99");
  g_clear_error (&error);
  g_assert_false (pw_store_set_wte (f->store, f->ret, cp, 100, -1, 0, NULL, &error));
  g_clear_error (&error);
  g_assert_false (pw_store_set_wte (f->store, f->ret, cp, 100, 1, PW_WTE_MAX + 1, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A WTE must be from 0.00 to 99.99");   /* not the schema's words */
  g_clear_error (&error);
  g_assert_false (pw_store_set_wte (f->store, f->ret, cp, 100, 1, -1, NULL, &error));
  g_clear_error (&error);
  g_assert_true (pw_store_set_wte (f->store, f->ret, cp, PW_WTE_MAX, 1, PW_WTE_MAX, NULL, &error));
  g_assert_true (pw_store_set_wte (f->store, f->ret, cp, 250, 3, 300, "31/12/2021", &error));
  g_assert_no_error (error);
  wte = pw_store_list_wte (f->store, f->ret, &error);
  w = g_list_model_get_item (wte, 0);
  g_assert_cmpint (pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_IN_POST), ==, 250);
  g_assert_cmpint (pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_HEADCOUNT), ==, 3);
  g_assert_cmpint (pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_PLANNED), ==, 300);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_AS_OF), ==, "2021-12-31");
  /* The change log says what the figures were and became. */
  g_assert_true (pw_store_set_wte (f->store, f->ret, cp, 300, 3, 300, NULL, &error));
  {
    g_autoptr(GListModel) log = pw_store_list_changes (f->store, f->ret, &error);
    g_autoptr(PwChange) last = g_list_model_get_item (log, 0);

    g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_CHANGE_WHAT), ==, "ARRS: Clinical pharmacist");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_CHANGE_NEW), ==, "3.0 WTE in post (3 people), 3.0 planned");
    g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_CHANGE_OLD), ==, "");   /* folded with its first entry */
  }
  /* One person is a person. */
  g_assert_true (pw_store_set_wte (f->store, f->ret, cp, 100, 1, 100, NULL, &error));
  {
    g_autoptr(GListModel) log = pw_store_list_changes (f->store, f->ret, &error);
    g_autoptr(PwChange) last = g_list_model_get_item (log, 0);

    g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_CHANGE_NEW), ==, "1.0 WTE in post (1 person), 1.0 planned");
  }
  g_assert_true (pw_store_set_wte_as_of (f->store, f->ret, "01/12/2021", &error));
  g_assert_false (pw_store_set_wte_as_of (f->store, f->ret, "31/11/2021", &error));
  g_clear_error (&error);
  {
    g_autoptr(GListModel) again = pw_store_list_wte (f->store, f->ret, &error);
    g_autoptr(PwArrsWte) row = g_list_model_get_item (again, 0);
    g_assert_cmpstr (pw_row_get_string (PW_ROW (row), PW_ARRS_WTE_AS_OF), ==, "2021-12-01");
  }
  /* A reviewed return's figures stay as reviewed. */
  g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_REVIEWED, NULL, NULL, &error));
  g_assert_false (pw_store_remove_wte (f->store, f->ret, cp, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM arrs_wte"), ==, 1);
  g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_DRAFT, NULL, NULL, &error));
  g_assert_true (pw_store_remove_wte (f->store, f->ret, cp, &error));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM arrs_wte"), ==, 0);
  g_assert_true (pw_store_set_role_rate (f->store, cp, 2021, 5567000, &error));
  g_assert_cmpint (pw_store_role_rate (f->store, cp, 2021), ==, 5567000);
  g_assert_cmpint (pw_store_role_rate (f->store, cp, 2022), ==, -1);
}

/* @field of the PCN's funding in @stream for 2021, as the store lists it. */
static gint64
funding_of (Fixture *f, PwFundingStream stream, PwFundingField field)
{
  g_autoptr(GListModel) all = pw_store_list_funding (f->store, f->pcn, 2021, NULL);
  g_autoptr(PwFunding) line = g_list_model_get_item (all, stream);

  return pw_row_get_int (PW_ROW (line), field);
}

#define funding_amount(f, stream) funding_of ((f), (stream), PW_FUNDING_AMOUNT)
#define funding_recorded(f, stream) funding_of ((f), (stream), PW_FUNDING_RECORDED)

/* Rates as the import and the workforce page read them (pw_parse_rate),
 * and the amount the store works out from the practices' list sizes,
 * rounded half a penny up. */
static void
test_rates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 rate = 0, practice = 0, second = 0;

  g_assert_true (pw_parse_rate ("0.66", &rate, &error));
  g_assert_cmpint (rate, ==, 6600);
  g_assert_true (pw_parse_rate ("£1.7614", &rate, NULL));
  g_assert_cmpint (rate, ==, 17614);
  g_assert_true (pw_parse_rate ("0.0002", &rate, NULL));
  g_assert_cmpint (rate, ==, 2);
  g_assert_false (pw_parse_rate ("0.66p", &rate, NULL));
  g_assert_false (pw_parse_rate ("0.123456", &rate, NULL));
  g_assert_false (pw_parse_rate ("", &rate, NULL));
  g_assert_false (pw_parse_rate ("-0.66", &rate, NULL));

  /* 66p a patient: £26,400.00 for 40,000 patients, £685,196.82 for 1,038,177. */
  g_assert_true (pw_store_add_practice (f->store, f->pcn, "L85001", "Bridge Street", 40000, &practice, &error));
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2021, PW_STREAM_DEVELOPMENT, 0, 6600, &error));
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2021, PW_STREAM_ARRS, 71230000000, -1, &error));
  g_assert_cmpint (funding_amount (f, PW_STREAM_DEVELOPMENT), ==, 2640000);
  g_assert_cmpint (funding_amount (f, PW_STREAM_ARRS), ==, 71230000000);
  g_assert_cmpint (funding_amount (f, PW_STREAM_CLINICAL_DIRECTOR), ==, 0);
  g_assert_true (pw_store_update_practice (f->store, practice, "L85001", "Bridge Street", 1038177, &error));
  g_assert_cmpint (funding_amount (f, PW_STREAM_DEVELOPMENT), ==, 68519682);
  g_assert_false (pw_store_set_funding (f->store, f->pcn, 2021, PW_STREAM_CLINICAL_DIRECTOR, -5, -1, &error));
  g_clear_error (&error);

  /* Half a penny goes up: £1.7614 × 25 = 4,403.5p → £44.04; 0.0002p × 25 = 0.5p → 1p;
   * and the sum of every practice counts, not the first. */
  g_assert_true (pw_store_update_practice (f->store, practice, "L85001", "Bridge Street", 20, &error));
  g_assert_true (pw_store_add_practice (f->store, f->pcn, "L85002", "Mill Lane", 5, &second, &error));
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2021, PW_STREAM_DEVELOPMENT, 0, 17614, &error));
  g_assert_cmpint (funding_amount (f, PW_STREAM_DEVELOPMENT), ==, 4404);
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2021, PW_STREAM_DEVELOPMENT, 0, 2, &error));
  g_assert_cmpint (funding_amount (f, PW_STREAM_DEVELOPMENT), ==, 1);
  g_assert_true (pw_store_update_practice (f->store, second, "L85002", "Mill Lane", 4, &error));
  g_assert_cmpint (funding_amount (f, PW_STREAM_DEVELOPMENT), ==, 0);   /* 0.48p rounds down */
  /* Back to an amount: the rate no longer applies. */
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2021, PW_STREAM_DEVELOPMENT, 12345, -1, &error));
  g_assert_cmpint (funding_amount (f, PW_STREAM_DEVELOPMENT), ==, 12345);
  g_assert_no_error (error);
}

/* A query the database cannot run (its table is gone) fails with a
 * message naming the problem, not with nothing. */
static void
test_query_error (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) funding = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE funding", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  funding = pw_store_list_funding (f->store, f->pcn, 2021, &error);
  g_assert_null (funding);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "funding"));
}

static void
test_suggestions (void)
{
  g_assert_cmpuint (pw_edit_distance ("Clinical Pharmacyst", "Clinical pharmacist"), ==, 1);
  g_assert_cmpuint (pw_edit_distance ("paramedic", "Paramedic"), ==, 0);
  g_assert_cmpuint (pw_edit_distance ("", "abc"), ==, 3);
  g_assert_cmpuint (pw_edit_distance ("abc", ""), ==, 3);
  g_assert_cmpuint (pw_edit_distance ("Paramedic", "Paramedics"), ==, 1);   /* one inserted */
  g_assert_cmpuint (pw_edit_distance ("Paramedics", "Paramedic"), ==, 1);   /* one deleted */
  g_assert_cmpuint (pw_edit_distance ("kitten", "sitting"), ==, 3);
}

/* A stream never entered is listed as £0 and not recorded; £0 entered is
 * recorded; an amount cleared is not recorded again (no row: the exports
 * say "Not recorded"), and clearing one never entered changes nothing. */
static void
test_funding_not_recorded (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (funding_recorded (f, PW_STREAM_DEVELOPMENT));
  g_assert_cmpint (funding_amount (f, PW_STREAM_DEVELOPMENT), ==, 0);
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2021, PW_STREAM_DEVELOPMENT, 150000, -1, &error));
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2021, PW_STREAM_ARRS, 0, -1, &error));
  g_assert_no_error (error);
  g_assert_true (funding_recorded (f, PW_STREAM_DEVELOPMENT));
  g_assert_true (funding_recorded (f, PW_STREAM_ARRS));
  g_assert_cmpint (funding_amount (f, PW_STREAM_ARRS), ==, 0);
  g_assert_false (funding_recorded (f, PW_STREAM_CLINICAL_DIRECTOR));

  g_assert_true (pw_store_clear_funding (f->store, f->pcn, 2021, PW_STREAM_DEVELOPMENT, &error));
  g_assert_no_error (error);
  g_assert_false (funding_recorded (f, PW_STREAM_DEVELOPMENT));
  g_assert_cmpint (funding_amount (f, PW_STREAM_DEVELOPMENT), ==, 0);
  g_assert_true (funding_recorded (f, PW_STREAM_ARRS));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM funding"), ==, 1);
  g_assert_true (pw_store_clear_funding (f->store, f->pcn, 2021, PW_STREAM_CLINICAL_DIRECTOR, &error));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM funding"), ==, 1);
  g_assert_false (pw_store_clear_funding (f->store, f->pcn, 2021, PW_MAX_CONTRACT_ITEMS - 1, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workforce/suggestions", test_suggestions);
#define FIXTURE_TEST(path, fn) \
  g_test_add (path, Fixture, GINT_TO_POINTER (2021), pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  FIXTURE_TEST ("/workforce/reference-roles", test_reference_roles);
  FIXTURE_TEST ("/workforce/role-rules", test_role_rules);
  FIXTURE_TEST ("/workforce/exact-totals", test_exact_totals);
  FIXTURE_TEST ("/workforce/wte-values", test_wte_values);
  FIXTURE_TEST ("/workforce/rates", test_rates);
  FIXTURE_TEST ("/workforce/funding-not-recorded", test_funding_not_recorded);
  FIXTURE_TEST ("/workforce/query-error", test_query_error);
  return g_test_run ();
}

/* SWOT, achievements, DES plans, projects and proposals in the store;
 * copy from last year; migration of a version-2 workbook.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-store.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

/* The list's texts joined with "|", as stored. */
static char *
texts (PwStore *store, gint64 ret, PwItemList list)
{
  g_autoptr(GListModel) items = pw_store_list_items (store, ret, list, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PwItem) item = g_list_model_get_item (items, i);
      g_assert_cmpint (pw_row_get_int (PW_ROW (item), PW_ITEM_POSITION), ==, i);
      g_string_append_printf (out, "%s%s", i ? "|" : "", pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT));
    }
  return g_string_free (out, FALSE);
}

static gint64
item_id (PwStore *store, gint64 ret, PwItemList list, guint index)
{
  g_autoptr(GListModel) items = pw_store_list_items (store, ret, list, NULL);
  g_autoptr(PwItem) item = g_list_model_get_item (items, index);

  return pw_row_get_int (PW_ROW (item), PW_ITEM_ID);
}

#define ASSERT_TEXTS(f, list, expected) \
  G_STMT_START { g_autofree char *_t = texts ((f)->store, (f)->ret, list); g_assert_cmpstr (_t, ==, expected); } G_STMT_END

static void
test_items (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  const char *evil = "=cmd|' /C calc'!A0";
  g_autofree char *long_text = g_strnfill (2000, 'x');

  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_STRENGTHS, -1, "Strong leadership", NULL, &error));
  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_STRENGTHS, -1, "Good estates", NULL, &error));
  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_STRENGTHS, 0, evil, &id, &error));
  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_THREATS, -1, long_text, NULL, &error));
  g_assert_no_error (error);
  ASSERT_TEXTS (f, PW_LIST_STRENGTHS, "=cmd|' /C calc'!A0|Strong leadership|Good estates");
  ASSERT_TEXTS (f, PW_LIST_WEAKNESSES, "");
  ASSERT_TEXTS (f, PW_LIST_THREATS, long_text);

  g_assert_true (pw_store_move_item (f->store, id, 2, &error));
  ASSERT_TEXTS (f, PW_LIST_STRENGTHS, "Strong leadership|Good estates|=cmd|' /C calc'!A0");
  g_assert_true (pw_store_move_item (f->store, item_id (f->store, f->ret, PW_LIST_STRENGTHS, 1), 0, &error));
  ASSERT_TEXTS (f, PW_LIST_STRENGTHS, "Good estates|Strong leadership|=cmd|' /C calc'!A0");
  g_assert_true (pw_store_move_item (f->store, item_id (f->store, f->ret, PW_LIST_STRENGTHS, 0), 99, &error));
  ASSERT_TEXTS (f, PW_LIST_STRENGTHS, "Strong leadership|=cmd|' /C calc'!A0|Good estates");

  g_assert_true (pw_store_set_item_text (f->store, item_id (f->store, f->ret, PW_LIST_STRENGTHS, 0),
                                         "Strong clinical leadership", &error));
  g_assert_true (pw_store_delete_item (f->store, item_id (f->store, f->ret, PW_LIST_STRENGTHS, 1), &error));
  ASSERT_TEXTS (f, PW_LIST_STRENGTHS, "Strong clinical leadership|Good estates");
  /* Undo puts it back where it was. */
  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_STRENGTHS, 1, evil, NULL, &error));
  ASSERT_TEXTS (f, PW_LIST_STRENGTHS, "Strong clinical leadership|=cmd|' /C calc'!A0|Good estates");
  g_assert_no_error (error);
}

static void
test_reviewed_is_closed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 entry = 0;

  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_ACHIEVEMENTS, -1, "Flu clinics", NULL, &error));
  g_assert_true (pw_store_add_entry (f->store, f->ret, PW_ENTRY_PROJECT, NULL, &entry, &error));
  g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_SUBMITTED, NULL, NULL, &error));
  g_assert_true (pw_store_set_return_status (f->store, f->ret, PW_STATUS_REVIEWED, "Reviewer", "", &error));
  g_assert_false (pw_store_add_item (f->store, f->ret, PW_LIST_ACHIEVEMENTS, -1, "More", NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (pw_store_delete_item (f->store, item_id (f->store, f->ret, PW_LIST_ACHIEVEMENTS, 0), &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (pw_store_set_entry_text (f->store, entry, PW_PLAN_ENTRY_TITLE, "x", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (pw_store_set_des (f->store, f->ret, 0, PW_DES_PLANNING, "", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED);
  ASSERT_TEXTS (f, PW_LIST_ACHIEVEMENTS, "Flu clinics");
}

static void
test_des_and_entries (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) des = NULL;
  g_autoptr(GListModel) proposals = NULL;
  g_autoptr(PwDesPlan) ehch = NULL;
  g_autoptr(PwPlanEntry) first = NULL;
  gint64 a = 0, b = 0;

  g_assert_false (pw_store_set_des (f->store, f->ret, 1, PW_N_DES_STATUSES, "", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "There is no such specification or status");   /* not the schema's words */
  g_clear_error (&error);
  g_assert_false (pw_store_set_des (f->store, f->ret, PW_N_DES_SPECS, PW_DES_PLANNING, "", &error));
  g_clear_error (&error);
  g_assert_true (pw_store_set_des (f->store, f->ret, PW_N_DES_SPECS - 1, PW_N_DES_STATUSES - 1, "", &error));
  g_assert_true (pw_store_set_des (f->store, f->ret, 1, PW_DES_DELIVERING, "Weekly home rounds", &error));
  des = pw_store_list_des (f->store, f->ret, &error);
  g_assert_cmpuint (g_list_model_get_n_items (des), ==, PW_N_DES_SPECS);
  ehch = g_list_model_get_item (des, 1);
  g_assert_cmpint (pw_row_get_int (PW_ROW (ehch), PW_DES_PLAN_STATUS), ==, PW_DES_DELIVERING);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (ehch), PW_DES_PLAN_NOTE), ==, "Weekly home rounds");
  g_assert_cmpstr (pw_des_name (1), ==, "Enhanced health in care homes");

  g_assert_true (pw_store_add_entry (f->store, f->ret, PW_ENTRY_PROPOSAL, NULL, &a, &error));
  g_assert_true (pw_store_set_entry_text (f->store, a, PW_PLAN_ENTRY_TITLE, "Facilitated PCN workshops", &error));
  g_assert_true (pw_store_set_entry_text (f->store, a, PW_PLAN_ENTRY_DETAIL,
                                          "PCN strategy development and leadership planning", &error));
  g_assert_true (pw_store_set_entry_number (f->store, a, PW_PLAN_ENTRY_AMOUNT, 2640000, &error));
  g_assert_false (pw_store_set_entry_text (f->store, a, PW_PLAN_ENTRY_TITLE, "Bad \xE9 text", &error));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  {
    /* Saving the same title again logs nothing new. */
    guint logged = g_list_model_get_n_items (pw_store_list_changes (f->store, f->ret, NULL));
    g_assert_true (pw_store_set_entry_text (f->store, a, PW_PLAN_ENTRY_TITLE, "Facilitated PCN workshops", &error));
    g_assert_cmpuint (g_list_model_get_n_items (pw_store_list_changes (f->store, f->ret, NULL)), ==, logged);
  }
  g_assert_true (pw_store_add_entry (f->store, f->ret, PW_ENTRY_PROPOSAL, NULL, &b, &error));
  g_assert_false (pw_store_set_entry_number (f->store, b, PW_PLAN_ENTRY_AMOUNT, -1, &error));
  g_clear_error (&error);
  proposals = pw_store_list_entries (f->store, f->ret, PW_ENTRY_PROPOSAL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 2);
  first = g_list_model_get_item (proposals, 0);
  g_assert_cmpint (pw_row_get_int (PW_ROW (first), PW_PLAN_ENTRY_AMOUNT), ==, 2640000);

  /* Remove the first and undo: it comes back first, with its values. */
  g_assert_true (pw_store_delete_entry (f->store, a, &error));
  g_assert_true (pw_store_add_entry (f->store, f->ret, PW_ENTRY_PROPOSAL, first, NULL, &error));
  {
    g_autoptr(GListModel) again = pw_store_list_entries (f->store, f->ret, PW_ENTRY_PROPOSAL, &error);
    g_autoptr(PwPlanEntry) back = g_list_model_get_item (again, 0);
    g_assert_cmpstr (pw_row_get_string (PW_ROW (back), PW_PLAN_ENTRY_TITLE), ==, "Facilitated PCN workshops");
    g_assert_cmpint (pw_row_get_int (PW_ROW (back), PW_PLAN_ENTRY_POSITION), ==, 0);
    g_assert_cmpint (pw_row_get_int (PW_ROW (back), PW_PLAN_ENTRY_AMOUNT), ==, 2640000);
  }
  g_assert_no_error (error);
}

static void
test_copy_from_last_year (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 next = 0;
  guint copied = 0;

  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_STRENGTHS, -1, "Leadership", NULL, &error));
  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_THREATS, -1, "Recruitment", NULL, &error));
  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_ACHIEVEMENTS, -1, "Flu clinics", NULL, &error));
  g_assert_true (pw_store_set_des (f->store, f->ret, 2, PW_DES_PLANNING, "", &error));
  g_assert_true (pw_store_add_entry (f->store, f->ret, PW_ENTRY_PROJECT, NULL, NULL, &error));

  /* This year already has a threat of its own: that quadrant is left alone. */
  g_assert_true (pw_store_ensure_return (f->store, f->pcn, 2023, &next, &error));
  g_assert_true (pw_store_add_item (f->store, next, PW_LIST_THREATS, -1, "Funding", NULL, &error));
  g_assert_true (pw_store_copy_from_last_year (f->store, f->pcn, 2023, &copied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (copied, ==, 3);   /* one strength, one DES plan, one project */
  {
    g_autofree char *s = texts (f->store, next, PW_LIST_STRENGTHS);
    g_autofree char *t = texts (f->store, next, PW_LIST_THREATS);
    g_autofree char *a = texts (f->store, next, PW_LIST_ACHIEVEMENTS);
    g_assert_cmpstr (s, ==, "Leadership");
    g_assert_cmpstr (t, ==, "Funding");
    g_assert_cmpstr (a, ==, "");
  }
  g_assert_false (pw_store_copy_from_last_year (f->store, f->pcn, 2030, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2029/30"));
}

/* Every part comes over once, with its content; a second copy adds nothing. */
static char *
entries_of (PwStore *store, gint64 ret, PwEntryKind kind)
{
  g_autoptr(GListModel) all = pw_store_list_entries (store, ret, kind, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PwPlanEntry) e = g_list_model_get_item (all, i);
      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, i ? "|" : "",
                              pw_row_get_string (PW_ROW (e), PW_PLAN_ENTRY_TITLE),
                              pw_row_get_int (PW_ROW (e), PW_PLAN_ENTRY_STATUS),
                              pw_row_get_int (PW_ROW (e), PW_PLAN_ENTRY_AMOUNT));
    }
  return g_string_free (out, FALSE);
}

static char *
des_of (PwStore *store, gint64 ret)
{
  g_autoptr(GListModel) all = pw_store_list_des (store, ret, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PwDesPlan) d = g_list_model_get_item (all, i);
      g_string_append_printf (out, "%" G_GINT64_FORMAT "%s;", pw_row_get_int (PW_ROW (d), PW_DES_PLAN_STATUS),
                              pw_row_get_string (PW_ROW (d), PW_DES_PLAN_NOTE));
    }
  return g_string_free (out, FALSE);
}

static void
add_entry (Fixture *f, PwEntryKind kind, const char *title, gint64 amount, gint64 status)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (pw_store_add_entry (f->store, f->ret, kind, NULL, &id, &error));
  g_assert_true (pw_store_set_entry_text (f->store, id, PW_PLAN_ENTRY_TITLE, title, &error));
  if (kind == PW_ENTRY_PROPOSAL)
    g_assert_true (pw_store_set_entry_number (f->store, id, PW_PLAN_ENTRY_AMOUNT, amount, &error));
  else
    g_assert_true (pw_store_set_entry_number (f->store, id, PW_PLAN_ENTRY_STATUS, status, &error));
  g_assert_no_error (error);
}

static void
test_copy_every_part (Fixture *f, gconstpointer data)
{
  static const PwItemList quadrants[] = { PW_LIST_STRENGTHS, PW_LIST_WEAKNESSES, PW_LIST_OPPORTUNITIES, PW_LIST_THREATS };
  g_autoptr(GError) error = NULL;
  g_autofree char *projects = NULL, *proposals = NULL, *des = NULL;
  gint64 next = 0;
  guint copied = 99;

  for (guint q = 0; q < G_N_ELEMENTS (quadrants); q++)
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *text = g_strdup_printf ("Q%u item %u", q, i);
        g_assert_true (pw_store_add_item (f->store, f->ret, quadrants[q], -1, text, NULL, &error));
      }
  g_assert_true (pw_store_add_item (f->store, f->ret, PW_LIST_ACHIEVEMENTS, -1, "Flu clinics", NULL, &error));
  g_assert_true (pw_store_set_des (f->store, f->ret, 0, PW_DES_DELIVERING, "Rounds", &error));
  g_assert_true (pw_store_set_des (f->store, f->ret, 3, PW_DES_PLANNING, "", &error));
  add_entry (f, PW_ENTRY_PROJECT, "Estates review", 0, PW_PROJECT_AT_RISK);
  add_entry (f, PW_ENTRY_PROJECT, "Shared rota", 0, PW_PROJECT_ON_TRACK);
  add_entry (f, PW_ENTRY_PROPOSAL, "Workshops", 2640000, 0);
  add_entry (f, PW_ENTRY_PROPOSAL, "Data analyst", 123456, 0);
  projects = entries_of (f->store, f->ret, PW_ENTRY_PROJECT);
  proposals = entries_of (f->store, f->ret, PW_ENTRY_PROPOSAL);
  des = des_of (f->store, f->ret);

  g_assert_true (pw_store_copy_from_last_year (f->store, f->pcn, 2023, &copied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (copied, ==, 8 + 2 + 2 + 2);
  g_assert_true (pw_store_ensure_return (f->store, f->pcn, 2023, &next, &error));
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *p = entries_of (f->store, next, PW_ENTRY_PROJECT);
      g_autofree char *o = entries_of (f->store, next, PW_ENTRY_PROPOSAL);
      g_autofree char *d = des_of (f->store, next);
      g_autofree char *a = texts (f->store, next, PW_LIST_ACHIEVEMENTS);

      g_assert_cmpstr (p, ==, projects);
      g_assert_cmpstr (o, ==, proposals);
      g_assert_cmpstr (d, ==, des);
      g_assert_cmpstr (a, ==, "");
      for (guint q = 0; q < G_N_ELEMENTS (quadrants); q++)
        {
          g_autofree char *t = texts (f->store, next, quadrants[q]);
          g_autofree char *want = g_strdup_printf ("Q%u item 0|Q%u item 1", q, q);
          g_assert_cmpstr (t, ==, want);
        }
      /* Copying again finds every part filled: nothing doubles. */
      if (round == 0)
        {
          g_assert_true (pw_store_copy_from_last_year (f->store, f->pcn, 2023, &copied, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (copied, ==, 0);
        }
    }
}

static void
test_quadrants (void)
{
  static const struct { const char *text; PwItemList list; } good[] = {
    { "S", PW_LIST_STRENGTHS }, { "w", PW_LIST_WEAKNESSES }, { "Opportunities", PW_LIST_OPPORTUNITIES },
    { "THREATS", PW_LIST_THREATS }, { " strength ", PW_LIST_STRENGTHS }, { "Weakness", PW_LIST_WEAKNESSES },
    { "opportunity", PW_LIST_OPPORTUNITIES }, { "t", PW_LIST_THREATS },
  };
  static const char *bad[] = { "", "A", "X", "Strong", "threatening behaviour", "SW" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      PwItemList list = 99;
      g_assert_true (pw_quadrant_parse (good[i].text, &list, NULL));
      g_assert_cmpint (list, ==, good[i].list);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      PwItemList list = 99;
      g_assert_false (pw_quadrant_parse (bad[i], &list, &error));
      g_assert_nonnull (strstr (error->message, "Opportunities"));
    }
}

/* tests/data/workbook-v2.db was written by the version-2 code. */
static void
test_migrate_from_v2 (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v2.db", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("TESTS_SRCDIR"), "data", "workbook-v2.db", NULL);
  g_autoptr(GBytes) original = pw_test_read (fixture);
  g_autoptr(GError) error = NULL;
  gint64 maturity_before;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original), NULL));
  g_assert_cmpint (pw_test_sql_int (path, "PRAGMA user_version"), ==, 2);
  maturity_before = pw_test_sql_int (path, "SELECT count(*) FROM maturity");
  {
    g_autoptr(PwStore) store = pw_store_open (path, &error);
    g_autoptr(GListModel) returns = NULL;
    g_autoptr(PwReturn) ret = NULL;
    gint64 id;

    g_assert_no_error (error);
    returns = pw_store_list_returns (store, 0, &error);
    g_assert_cmpuint (g_list_model_get_n_items (returns), >, 0);
    /* A draft return of the fixture takes a SWOT item at once. */
    for (guint i = 0; i < g_list_model_get_n_items (returns) && ret == NULL; i++)
      {
        g_autoptr(PwReturn) r = g_list_model_get_item (returns, i);
        if (pw_row_get_int (PW_ROW (r), PW_RETURN_STATUS) == PW_STATUS_DRAFT)
          ret = g_steal_pointer (&r);
      }
    g_assert_nonnull (ret);
    id = pw_row_get_int (PW_ROW (ret), PW_RETURN_ID);
    g_assert_true (pw_store_add_item (store, id, PW_LIST_OPPORTUNITIES, -1, "Estates review", NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pw_test_sql_int (path, "PRAGMA user_version"), ==, PW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM maturity"), ==, maturity_before);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM return_item"), ==, 1);
  pw_test_rmdir (dir);
}

/* The change log names a project's and a proposal's edits each by its
 * own kind and place, not the other's. */
static void
test_entry_changes_named (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) log = NULL;
  g_autoptr(GString) whats = g_string_new ("");
  gint64 project = 0, proposal = 0;

  g_assert_true (pw_store_add_entry (f->store, f->ret, PW_ENTRY_PROJECT, NULL, &project, &error));
  g_assert_true (pw_store_add_entry (f->store, f->ret, PW_ENTRY_PROPOSAL, NULL, &proposal, &error));
  g_assert_true (pw_store_set_entry_text (f->store, project, PW_PLAN_ENTRY_TITLE, "Frailty hub", &error));
  g_assert_true (pw_store_set_entry_text (f->store, proposal, PW_PLAN_ENTRY_TITLE, "Workshops", &error));
  g_assert_no_error (error);
  log = pw_store_list_changes (f->store, f->ret, &error);
  g_assert_no_error (error);
  for (guint i = g_list_model_get_n_items (log); i > 0; i--)
    {
      g_autoptr(PwChange) c = g_list_model_get_item (log, i - 1);

      g_string_append_printf (whats, "%s=%s\n", pw_row_get_string (PW_ROW (c), PW_CHANGE_WHAT),
                              pw_row_get_string (PW_ROW (c), PW_CHANGE_NEW));
    }
  g_assert_nonnull (strstr (whats->str, "Project 1: title=Frailty hub\n"));
  g_assert_nonnull (strstr (whats->str, "Funding proposal 1: title=Workshops\n"));
}

/* The specifications' keys and names, the last one included; one
 * past them is a programming error, refused with a warning and no text
 * (not a read past the table). */
static void
test_des_table (void)
{
  g_assert_cmpstr (pw_des_key (0), ==, "smr");
  g_assert_cmpstr (pw_des_key (PW_N_DES_SPECS - 1), ==, "pcn_functions");
  g_assert_cmpstr (pw_des_name (PW_N_DES_SPECS - 1), ==, "Network Contract DES specification with PCN functions");
  for (guint i = 0; i < 2; i++)
    {
      g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*spec < PW_N_DES_SPECS*");
      g_assert_null (i ? pw_des_name (PW_N_DES_SPECS) : pw_des_key (PW_N_DES_SPECS));
      g_test_assert_expected_messages ();
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/quadrants", test_quadrants);
  g_test_add_func ("/plan/migrate-from-v2", test_migrate_from_v2);
  g_test_add_func ("/plan/des-table", test_des_table);
#define FIXTURE_TEST(path, fn) \
  g_test_add (path, Fixture, GINT_TO_POINTER (2022), pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  FIXTURE_TEST ("/plan/items", test_items);
  FIXTURE_TEST ("/plan/reviewed-is-closed", test_reviewed_is_closed);
  FIXTURE_TEST ("/plan/des-and-entries", test_des_and_entries);
  FIXTURE_TEST ("/plan/entry-changes-named", test_entry_changes_named);
  FIXTURE_TEST ("/plan/copy-from-last-year", test_copy_from_last_year);
  FIXTURE_TEST ("/plan/copy-every-part", test_copy_every_part);
  return g_test_run ();
}

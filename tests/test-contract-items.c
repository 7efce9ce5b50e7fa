/* DES specifications and funding streams users add (schema 9): added,
 * renamed and retired in the store, refused with a clear message when the
 * input is wrong, shown by the pages', forms' and sheets' lists of their
 * years, written into the appendix (read back with openpyxl) and carried
 * through a return form and back.  Also: the PCNs a commit wrote are
 * read again, whatever else it wrote beside them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-export.h"
#include "pw-import.h"
#include "pw-import-forms.h"
#include "pw-plan.h"
#include "pw-return-form.h"
#include "pw-store.h"
#include "pw-workforce.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

#define PILOT "Neighbourhood health pilot"
#define LOCAL_STREAM "Local enhanced service"

/* The names @year shows, joined by " | ". */
static char *
shown_names (PwStore        *store,
             PwContractKind  kind,
             int             year,
             gint64          owner)
{
  guint idx[PW_MAX_CONTRACT_ITEMS];
  guint n = pw_store_contract_shown (store, kind, year, owner, idx);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? " | " : "", pw_store_contract_name (store, kind, idx[i]));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static guint
add_item (PwStore        *store,
          PwContractKind  kind,
          const char     *name,
          int             first,
          int             last)
{
  g_autoptr(GError) error = NULL;
  guint index = G_MAXUINT;

  g_assert_true (pw_store_add_contract_item (store, kind, name, first, last, "ICB paper 12", &index, &error));
  g_assert_no_error (error);
  return index;
}

static void
assert_refused (gboolean     ok,
                GError     **error,
                const char  *message)
{
  g_assert_false (ok);
  g_assert_nonnull (*error);
  g_assert_cmpstr ((*error)->message, ==, message);
  g_clear_error (error);
}

/* Added after the shipped ones, kept in the file, shown in its years only. */
static void
test_add (Fixture *f, gconstpointer data)
{
  guint spec = add_item (f->store, PW_CONTRACT_DES, "  " PILOT " ", 2025, 0);
  guint stream = add_item (f->store, PW_CONTRACT_STREAM, LOCAL_STREAM, 2024, 2025);
  g_autofree char *des25 = shown_names (f->store, PW_CONTRACT_DES, 2025, -1);
  g_autofree char *des24 = shown_names (f->store, PW_CONTRACT_DES, 2024, -1);
  g_autofree char *streams25 = shown_names (f->store, PW_CONTRACT_STREAM, 2025, -1);
  g_autofree char *streams26 = shown_names (f->store, PW_CONTRACT_STREAM, 2026, -1);
  g_autofree char *source = NULL;
  int first = 0, last = 0;

  g_assert_cmpuint (spec, ==, PW_N_DES_SPECS);
  g_assert_cmpuint (stream, ==, PW_N_STREAMS);
  g_assert_cmpuint (pw_store_contract_count (f->store, PW_CONTRACT_DES), ==, PW_N_DES_SPECS + 1);
  g_assert_cmpstr (pw_store_contract_name (f->store, PW_CONTRACT_DES, spec), ==, PILOT);
  g_assert_cmpstr (pw_store_contract_key (f->store, PW_CONTRACT_DES, spec), ==, "added_1");
  g_assert_true (pw_store_contract_is_added (f->store, PW_CONTRACT_DES, spec));
  g_assert_false (pw_store_contract_is_added (f->store, PW_CONTRACT_DES, 0));
  g_assert_null (pw_store_contract_key (f->store, PW_CONTRACT_DES, spec + 1));
  g_assert_cmpstr (des25, ==, "Network Contract DES specification with PCN functions | " PILOT);
  g_assert_cmpstr (des24, ==, "Network Contract DES specification with PCN functions");
  g_assert_cmpstr (streams25, ==, "ARRS budget | PCN development (OD) funding | Core PCN funding | "
                                  "Capacity and Access Payment | " LOCAL_STREAM);
  g_assert_cmpstr (streams26, ==, "ARRS budget | PCN development (OD) funding | Core PCN funding");
  g_assert_true (pw_store_contract_years (f->store, PW_CONTRACT_STREAM, stream, &first, &last, &source, NULL));
  g_assert_cmpint (first, ==, 2024);
  g_assert_cmpint (last, ==, 2025);
  g_assert_cmpstr (source, ==, "ICB paper 12");

  /* Opened again, the workbook still has them, in the same places. */
  g_clear_object (&f->store);
  f->store = pw_store_open (f->path, NULL);
  g_assert_nonnull (f->store);
  g_assert_cmpstr (pw_store_contract_name (f->store, PW_CONTRACT_DES, spec), ==, PILOT);
  g_assert_cmpstr (pw_store_contract_name (f->store, PW_CONTRACT_STREAM, stream), ==, LOCAL_STREAM);
  {
    guint found = 0;

    g_assert_true (pw_store_contract_index (f->store, PW_CONTRACT_STREAM, "added_1", &found));
    g_assert_cmpuint (found, ==, stream);
    g_assert_false (pw_store_contract_index (f->store, PW_CONTRACT_STREAM, "added_2", &found));
  }
}

/* Bad input is refused with a message that says what, and nothing is added. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (121, 'x');
  guint spec = add_item (f->store, PW_CONTRACT_DES, PILOT, 2025, 0);

  assert_refused (pw_store_add_contract_item (f->store, PW_CONTRACT_DES, "   ", 2025, 0, NULL, NULL, &error), &error,
                  "A DES specification’s name cannot be empty");
  assert_refused (pw_store_add_contract_item (f->store, PW_CONTRACT_DES, "neighbourhood HEALTH pilot", 2025, 0, NULL,
                                              NULL, &error), &error,
                  "There is already a DES specification called “" PILOT "”");
  assert_refused (pw_store_add_contract_item (f->store, PW_CONTRACT_STREAM, "Core PCN funding", 2025, 0, NULL, NULL,
                                              &error), &error,
                  "There is already a funding stream called “Core PCN funding”");
  assert_refused (pw_store_add_contract_item (f->store, PW_CONTRACT_DES, "Later", 2026, 2025, NULL, NULL, &error),
                  &error, "The last year cannot come before the first year");
  assert_refused (pw_store_add_contract_item (f->store, PW_CONTRACT_DES, "Later", 0, 0, NULL, NULL, &error),
                  &error, "A year must be from 2000/01 to 2098/99, such as 2025/26");
  assert_refused (pw_store_add_contract_item (f->store, PW_CONTRACT_DES, long_name, 2025, 0, NULL, NULL, &error),
                  &error, "A name can be at most 120 characters");
  /* The shipped ones keep NHS England's names; an added one cannot take another's. */
  assert_refused (pw_store_rename_contract_item (f->store, PW_CONTRACT_DES, 0, "SMR", &error), &error,
                  "Only a specification or stream added in this workbook can be renamed");
  assert_refused (pw_store_rename_contract_item (f->store, PW_CONTRACT_DES, spec, "Anticipatory care", &error),
                  &error, "There is already a DES specification called “Anticipatory care”");
  assert_refused (pw_store_rename_contract_item (f->store, PW_CONTRACT_DES, spec, "", &error), &error,
                  "A DES specification’s name cannot be empty");
  g_assert_cmpuint (pw_store_contract_count (f->store, PW_CONTRACT_DES), ==, PW_N_DES_SPECS + 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM contract_item WHERE added > 0"), ==, 1);
  /* A plan or funding for an item the workbook does not have. */
  assert_refused (pw_store_set_des (f->store, f->ret, spec + 1, PW_DES_PLANNING, "", &error), &error,
                  "There is no such specification or status");
  assert_refused (pw_store_set_funding (f->store, f->pcn, 2025, PW_N_STREAMS, 100, -1, &error), &error,
                  "There is no such funding stream");
}

/* Renamed and retired; a past return keeps what it held under its new name. */
static void
test_rename_and_retire (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint spec = add_item (f->store, PW_CONTRACT_DES, PILOT, 2025, 0);
  g_autoptr(GListModel) des = NULL;
  g_autoptr(PwDesPlan) plan = NULL;
  g_autofree char *kept = NULL, *other = NULL;
  gint64 ret26 = 0;

  g_assert_true (pw_store_set_des (f->store, f->ret, spec, PW_DES_DELIVERING, "With the council", &error));
  g_assert_true (pw_store_rename_contract_item (f->store, PW_CONTRACT_DES, spec, "Neighbourhood pilot", &error));
  g_assert_true (pw_store_set_contract_years (f->store, PW_CONTRACT_DES, spec, 2025, 2025, &error));
  g_assert_true (pw_store_ensure_return (f->store, f->pcn, 2026, &ret26, &error));
  g_assert_no_error (error);
  des = pw_store_list_des (f->store, f->ret, &error);
  g_assert_cmpuint (g_list_model_get_n_items (des), ==, PW_N_DES_SPECS + 1);
  plan = g_list_model_get_item (des, spec);
  g_assert_cmpint (pw_row_get_int (PW_ROW (plan), PW_DES_PLAN_STATUS), ==, PW_DES_DELIVERING);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (plan), PW_DES_PLAN_NOTE), ==, "With the council");
  kept = shown_names (f->store, PW_CONTRACT_DES, 2025, f->ret);
  other = shown_names (f->store, PW_CONTRACT_DES, 2026, ret26);
  g_assert_cmpstr (kept, ==, "Network Contract DES specification with PCN functions | Neighbourhood pilot");
  g_assert_cmpstr (other, ==, "Network Contract DES specification with PCN functions");
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM des_plan WHERE spec = 'added_1'"), ==, 1);
}

/* Funding in an added stream, listed with the shipped ones. */
static void
test_funding (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint stream = add_item (f->store, PW_CONTRACT_STREAM, LOCAL_STREAM, 2025, 0);
  g_autoptr(GListModel) funding = NULL;
  g_autoptr(PwFunding) row = NULL;

  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2025, stream, 4200000, -1, &error));
  g_assert_no_error (error);
  funding = pw_store_list_funding (f->store, f->pcn, 2025, &error);
  g_assert_cmpuint (g_list_model_get_n_items (funding), ==, PW_N_STREAMS + 1);
  row = g_list_model_get_item (funding, stream);
  g_assert_cmpint (pw_row_get_int (PW_ROW (row), PW_FUNDING_STREAM), ==, stream);
  g_assert_cmpint (pw_row_get_int (PW_ROW (row), PW_FUNDING_AMOUNT), ==, 4200000);
}

/* A funding file names an added stream by its name, in any case; a stream
 * the contract has not got in the row's year (clinical director funding
 * after 2023/24, an added stream before its first year) is refused with
 * its line, and nothing of the file is written. */
static void
test_import_funding (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint stream = add_item (f->store, PW_CONTRACT_STREAM, LOCAL_STREAM, 2025, 0);
  g_autofree char *csv = g_build_filename (f->dir, "funding.csv", NULL);
  g_autoptr(GListModel) funding = NULL;
  g_autoptr(PwFunding) row = NULL;
  const char *refused[][2] = {
    { "U12345,2025/26,arrs,100\nU12345,2025/26,cd,200\n",
      "funding.csv: line 3, column 3 (stream): the contract has no “Clinical director funding” stream in 2025/26" },
    { "U12345,2024/25,local enhanced service,300\n",
      "funding.csv: line 2, column 3 (stream): the contract has no “" LOCAL_STREAM "” stream in 2024/25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *text = g_strconcat ("pcn_code,year,stream,amount\n", refused[i][0], NULL);

      pw_test_write (csv, text);
      g_assert_false (pw_import_funding (f->store, csv, NULL, NULL, NULL, NULL, &error));
      g_assert_nonnull (error);
      if (!g_str_has_suffix (error->message, refused[i][1]))
        g_error ("“%s” does not end “%s”", error->message, refused[i][1]);
      g_clear_error (&error);
      g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM funding"), ==, 0);
    }

  pw_test_write (csv, "pcn_code,year,stream,amount\nU12345,2025/26,LOCAL Enhanced service ,\"£42,000.00\"\n");
  g_assert_true (pw_import_funding (f->store, csv, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  funding = pw_store_list_funding (f->store, f->pcn, 2025, &error);
  row = g_list_model_get_item (funding, stream);
  g_assert_cmpint (pw_row_get_int (PW_ROW (row), PW_FUNDING_STREAM), ==, stream);
  g_assert_cmpint (pw_row_get_int (PW_ROW (row), PW_FUNDING_AMOUNT), ==, 4200000);
}

/* The appendix of the year has a column for each added item, with what
 * the return holds (read back with openpyxl). */
static void
test_appendix (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint spec = add_item (f->store, PW_CONTRACT_DES, PILOT, 2025, 0);
  guint stream = add_item (f->store, PW_CONTRACT_STREAM, LOCAL_STREAM, 2025, 0);
  g_auto(PwExportOptions) options = { .year = 2025 };
  g_autofree char *path = g_build_filename (f->dir, "appendix.xlsx", NULL);
  g_autofree char *out = NULL;

  g_assert_true (pw_store_set_des (f->store, f->ret, spec, PW_DES_PLANNING, "", &error));
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2025, stream, 4200000, -1, &error));
  g_assert_true (pw_export_appendix (f->store, &options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  out = pw_test_python ("import openpyxl, sys\n"
                "wb = openpyxl.load_workbook(sys.argv[1])\n"
                "def under(sheet, title):\n"
                "    for row in wb[sheet].iter_rows():\n"
                "        for c in row:\n"
                "            if c.value == title:\n"
                "                return wb[sheet].cell(c.row + 1, c.column).value\n"
                "plans = [s for s in wb.sheetnames if s.startswith('Plan')][0]\n"
                "funding = [s for s in wb.sheetnames if 'unding' in s][0]\n"
                "print(under(plans, '" PILOT "'), under(funding, '" LOCAL_STREAM "'))\n", path, NULL);
  g_assert_cmpstr (out, ==, "Planning 42000\n");
}

/* A form of the year asks about the added specification; what the PCN
 * fills in is read back into the return. */
static void
test_form_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint spec = add_item (f->store, PW_CONTRACT_DES, PILOT, 2025, 0);
  g_autofree char *dir = g_build_filename (f->dir, "forms", NULL);
  g_autofree char *name = pw_form_file_name ("U12345", "Riverside PCN", 2025);
  g_autofree char *form = g_build_filename (dir, name, NULL);
  g_autofree char *out = NULL;
  const char *paths[] = { form, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GListModel) des = NULL;
  g_autoptr(PwDesPlan) plan = NULL;
  guint written = 0;

  g_mkdir (dir, 0700);
  g_assert_true (pw_export_forms (f->store, 2025, dir, NULL, NULL, &written, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 1);
  out = pw_test_python ("import openpyxl, sys\n"
                "wb = openpyxl.load_workbook(sys.argv[1])\n"
                "ws = wb['Plan']\n"
                "row = [c.row for r in ws.iter_rows() for c in r if c.value == sys.argv[2]][0]\n"
                "ws.cell(row, 2).value = 'Delivering'\n"
                "ws.cell(row, 3).value = 'With the community pharmacy'\n"
                "wb.save(sys.argv[1])\n"
                "print(row)\n", form, PILOT);
  g_assert_cmpint (atoi (out), >, 0);
  results = pw_import_forms (f->store, paths, 2025, FALSE, NULL);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_no_error (((PwFormResult *) results->pdata[0])->error);
  des = pw_store_list_des (f->store, f->ret, &error);
  plan = g_list_model_get_item (des, spec);
  g_assert_cmpint (pw_row_get_int (PW_ROW (plan), PW_DES_PLAN_STATUS), ==, PW_DES_DELIVERING);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (plan), PW_DES_PLAN_NOTE), ==, "With the community pharmacy");
  g_remove (form);
  g_rmdir (dir);
}

/* A commit re-reads the PCNs it wrote, whatever else it wrote beside
 * them; what a rollback undid is not shown. */
static void
test_models_follow_commits (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwPcn *riverside = pw_store_find_pcn (f->store, f->pcn), *hillside;
  gint64 other = 0;

  g_assert_true (pw_store_add_pcn (f->store, "U23456", "Hillside PCN", 0, &other, &error));
  hillside = pw_store_find_pcn (f->store, other);
  g_assert_nonnull (hillside);
  /* Many rows of several tables in one transaction, as a form's apply. */
  g_assert_true (pw_store_begin (f->store, &error));
  g_assert_true (pw_store_set_des (f->store, f->ret, 0, PW_DES_PLANNING, "a", &error));
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_MANAGER, "Ann Smith", &error));
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2025, PW_STREAM_ARRS, 100, -1, &error));
  g_assert_true (pw_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_pcn_get_text (riverside, PW_PCN_MANAGER), ==, "Ann Smith");

  g_assert_true (pw_store_begin (f->store, &error));
  g_assert_true (pw_store_set_pcn_text (f->store, other, PW_PCN_MANAGER, "Bob Jones", &error));
  pw_store_rollback (f->store);
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_MANAGER, "Cat Brown", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_pcn_get_text (riverside, PW_PCN_MANAGER), ==, "Cat Brown");
  g_assert_cmpstr (pw_pcn_get_text (hillside, PW_PCN_MANAGER), ==, "");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) \
  g_test_add (path, Fixture, GINT_TO_POINTER (2025), pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  ADD ("/contract-items/add", test_add);
  ADD ("/contract-items/refused", test_refused);
  ADD ("/contract-items/rename-and-retire", test_rename_and_retire);
  ADD ("/contract-items/funding", test_funding);
  ADD ("/contract-items/import-funding", test_import_funding);
  ADD ("/contract-items/appendix", test_appendix);
  ADD ("/contract-items/form-round-trip", test_form_round_trip);
  ADD ("/contract-items/models-follow-commits", test_models_follow_commits);
  return g_test_run ();
}

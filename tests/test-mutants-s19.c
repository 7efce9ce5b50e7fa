/* What mutate.py's samples of session 19 (and seed 2611 of session 18)
 * found untested in the core:
 * - a read transaction (an export's) sees one state of the workbook,
 *   however another program writes meanwhile, and that program's writes
 *   once it ends;
 * - a board member's rename refused as a duplicate, or a DES
 *   specification added, leaves no statement running, so the store goes
 *   on seeing (and may write after) what another program writes next;
 * - the appendix's DES notes are kept together on a page;
 * - a workbook without a specification's years says so;
 * - a return form whose sheet cannot be read is not written at all;
 * - on a team workbook, what another connection changes reaches this
 *   store's models: a locality renamed (its name on each PCN too), a
 *   practice added (its PCN's totals), many rows at once (the
 *   notification that names no table); and an edit based on what the
 *   store then shows is not taken for a conflict.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-board-member.h"
#include "pw-store-boards.h"
#include "pw-export.h"
#include "pw-maturity.h"
#include "pw-plan.h"
#include "pw-return-form.h"
#include "pw-store-export.h"
#include "pw-workforce.h"
#include "pw-test-util.h"

#define N_DES_PCNS 20

/* The list size the export reads for the only practice of @year. */
static gint64
exported_list_size (PwStore *store,
                    int      year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwExportRows) rows = pw_store_export_practices (store, year, &error);
  guint first = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (pw_export_rows_find (rows, pw_export_rows_int (rows, 0, 0), &first), ==, 1);
  return pw_export_rows_int (rows, first, 1);
}

/* A workbook of one PCN with one practice of 9,000 patients. */
static PwStore *
one_practice (const char *db,
              gint64     *out_pcn)
{
  g_autoptr(GError) error = NULL;
  PwStore *store = pw_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (store, "U10001", "Only PCN", 0, out_pcn, &error));
  g_assert_true (pw_store_add_practice (store, *out_pcn, "A10001", "Only Surgery", 9000, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* Another program writes to @db: @store reads it, and writes after it
 * (a statement left running would keep @store on the state before). */
static void
assert_follows_others (PwStore    *store,
                       const char *db,
                       gint64      pcn)
{
  g_autoptr(GError) error = NULL;

  pw_test_exec (db, "UPDATE practice SET list_size = 9500");
  g_assert_cmpint (exported_list_size (store, 2025), ==, 9500);
  g_assert_true (pw_store_set_pcn_text (store, pcn, PW_PCN_MANAGER, "Sam Lee", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM pcn WHERE manager = 'Sam Lee'"), ==, 1);
}

static void
test_read_snapshot (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 pcn = 0;
  g_autoptr(PwStore) store = one_practice (db, &pcn);

  g_assert_true (pw_store_begin_read (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (exported_list_size (store, 2025), ==, 9000);
  pw_test_exec (db, "UPDATE practice SET list_size = 9500");   /* another program, mid-export */
  g_assert_cmpint (exported_list_size (store, 2025), ==, 9000);
  pw_store_end_read (store);
  g_assert_cmpint (exported_list_size (store, 2025), ==, 9500);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

static PwBoardMember *
member (gint64      locality,
        const char *name)
{
  return g_object_new (PW_TYPE_BOARD_MEMBER, "locality-id", locality, "name", name, "organisation", "Riverside PCN",
                       NULL);
}

static void
test_refused_rename_holds_nothing (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 pcn = 0, locality = 0, ann = 0, bob = 0;
  g_autoptr(PwStore) store = one_practice (db, &pcn);
  g_autoptr(PwBoardMember) a = NULL, b = NULL, clash = NULL;

  g_assert_true (pw_store_add_locality (store, "North", &locality, &error));
  a = member (locality, "Ann Lee");
  b = member (locality, "Bob Ray");
  g_assert_true (pw_store_put_member (store, a, &ann, &error));
  g_assert_true (pw_store_put_member (store, b, &bob, &error));
  g_assert_no_error (error);
  clash = member (locality, "Ann Lee");
  g_assert_false (pw_store_update_member (store, bob, clash, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_follows_others (store, db, pcn);
  g_clear_object (&store);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM board_member WHERE name = 'Bob Ray'"), ==, 1);
  pw_test_rmdir (dir);
}

/* The Plans sheet's rows, as "label|break" lines: each row's column A
 * (or "-"), and "^" where a page break comes before the row. */
static const char plans_rows[] =
  "import sys, openpyxl\n"
  "ws = openpyxl.load_workbook(sys.argv[1])['Plans']\n"
  "breaks = {b.id + 1 for b in ws.row_breaks.brk}\n"
  "for r in range(1, ws.max_row + 1):\n"
  "    print(('^' if r in breaks else '') + str(ws.cell(r, 1).value or '-'))\n";

/* The DES notes are kept together: when they do not fit under the grid,
 * the page breaks before them, not among them. */
static void
test_des_notes_kept_together (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *path = g_build_filename (dir, "appendix.xlsx", NULL);
  g_autofree char *rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  PwExportOptions options = { .year = 2025 };

  g_assert_no_error (error);
  for (guint i = 0; i < N_DES_PCNS; i++)
    {
      g_autofree char *code = g_strdup_printf ("U%05u", 10001 + i);
      g_autofree char *name = g_strdup_printf ("PCN %02u", i + 1);
      gint64 pcn = 0, ret = 0;

      g_assert_true (pw_store_add_pcn (store, code, name, 0, &pcn, &error));
      g_assert_true (pw_store_ensure_return (store, pcn, 2025, &ret, &error));
      g_assert_true (pw_store_set_des (store, ret, 0, PW_DES_DELIVERING, "Through the hub", &error));
      g_assert_no_error (error);
    }
  g_assert_true (pw_export_appendix (store, &options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  rows = pw_test_python (plans_rows, path, NULL);
  /* 20 PCNs: the grid fills most of the first page, the notes the next. */
  g_assert_nonnull (strstr (rows, "\nPCN 20\n-\n^DES notes\nPCN\nPCN 01\n"));
  g_assert_true (strchr (rows, '^') == strrchr (rows, '^'));     /* the only break */
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* After adding a specification of its own, the store still reads what
 * another program writes next. */
static void
test_added_item_holds_nothing (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 pcn = 0;
  g_autoptr(PwStore) store = one_practice (db, &pcn);
  guint index = 0;

  g_assert_true (pw_store_add_contract_item (store, PW_CONTRACT_DES, "Social prescribing", 2025, 0, NULL, &index,
                                             &error));
  g_assert_no_error (error);
  assert_follows_others (store, db, pcn);
  g_clear_object (&store);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM contract_item WHERE name = 'Social prescribing'"), ==, 1);
  pw_test_rmdir (dir);
}

/* Reading a specification's years leaves no statement running (seed
 * 1926's pw-store-contract.c:231). */
static void
test_contract_years_hold_nothing (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 pcn = 0;
  g_autoptr(PwStore) store = one_practice (db, &pcn);
  int first = 0, last = -1;

  g_assert_true (pw_store_contract_years (store, PW_CONTRACT_STREAM, PW_STREAM_CLINICAL_DIRECTOR, &first, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2019);
  g_assert_cmpint (last, ==, 2023);
  assert_follows_others (store, db, pcn);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* Every domain's evidence and support reach the evidence sheet, the
 * export's very first maturity row's too (seed 1926's
 * pw-export-evidence.c:50); read back with openpyxl. */
static void
test_evidence_first_row (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *path = g_build_filename (dir, "appendix.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pcn = 0, ret = 0;
  g_autoptr(PwStore) store = one_practice (db, &pcn);
  PwExportOptions options = { .year = 2025 };

  g_assert_true (pw_store_ensure_return (store, pcn, 2025, &ret, &error));
  g_assert_no_error (error);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      g_autofree char *evidence = g_strdup_printf ("Evidence %u", d);
      g_autofree char *support = g_strdup_printf ("Support %u", d);

      g_assert_true (pw_store_set_maturity_text (store, ret, d, PW_MATURITY_EVIDENCE, evidence, &error));
      g_assert_true (pw_store_set_maturity_text (store, ret, d, PW_MATURITY_SUPPORT, support, &error));
    }
  g_assert_true (pw_export_appendix (store, &options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  out = pw_test_python ("import sys, openpyxl\n"
                        "ws = openpyxl.load_workbook(sys.argv[1])['Maturity evidence']\n"
                        "print(sorted(f'{r[3]}/{r[4]}' for r in ws.iter_rows(min_row=4, values_only=True) if r[3]))\n",
                        path, NULL);
  g_assert_cmpstr (out, ==, "['Evidence 0/Support 0', 'Evidence 1/Support 1', 'Evidence 2/Support 2', "
                            "'Evidence 3/Support 3', 'Evidence 4/Support 4']\n");
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* Every SWOT and achievements list is found by its key, the first one
 * too; another key is none (seed 1926's pw-plan.c:56). */
static void
test_list_keys (void)
{
  const char *keys = "SWOTA";
  PwItemList list = PW_N_LISTS;

  for (guint i = 0; i < PW_N_LISTS; i++)
    {
      char key[2] = { keys[i], 0 };

      g_assert_true (pw_list_from_key (key, &list));
      g_assert_cmpuint (list, ==, i);
    }
  g_assert_false (pw_list_from_key ("X", &list));
}

/* A return form's sheet that cannot be read (another program took its
 * table away) fails the export with the store's message, and no form is
 * left behind, half written or not. */
static void
test_form_sheet_unreadable (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *out = g_build_filename (dir, "forms", NULL);
  g_autoptr(GError) error = NULL;
  gint64 pcn = 0, ret = 0;
  g_autoptr(PwStore) store = one_practice (db, &pcn);
  g_autoptr(GDir) listing = NULL;
  guint written = 0;

  g_assert_true (pw_store_ensure_return (store, pcn, 2025, &ret, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  pw_test_exec (db, "ALTER TABLE plan_entry RENAME TO plan_entry_gone");
  g_assert_false (pw_export_forms (store, 2025, out, NULL, NULL, &written, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (written, ==, 0);
  listing = g_dir_open (out, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* A workbook whose contract items lack a shipped specification's row
 * (another program deleted it) says so when asked for its years. */
static void
test_contract_years_missing (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  int first = -1, last = -1;

  g_assert_no_error (error);
  g_assert_true (pw_store_contract_years (store, PW_CONTRACT_DES, 0, &first, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2020);
  g_assert_cmpint (last, ==, 2023);
  pw_test_exec (db, "DELETE FROM contract_item WHERE kind = 'des' AND key = 'smr'");
  g_assert_false (pw_store_contract_years (store, PW_CONTRACT_DES, 0, &first, &last, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This workbook has no years for that specification or funding stream");
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

static void
count_changed (guint *heard)
{
  (*heard)++;
}

/* Runs the main loop until @store says "changed", for at most five
 * seconds. */
static void
wait_changed (PwStore *store)
{
  guint heard = 0;
  gulong handler = g_signal_connect_swapped (store, "changed", G_CALLBACK (count_changed), &heard);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (heard == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (store, handler);
  g_assert_cmpuint (heard, ==, 1);
}

static void
test_others_changes_reach_models (void)
{
  g_autofree char *name = NULL, *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) a = NULL, b = NULL;
  gint64 north = 0, one = 0, two = 0, before;
  PwPcn *seen;

  if (g_getenv ("PW_TEST_PG_URI") == NULL)
    {
      g_test_skip ("no PostgreSQL server: PW_TEST_PG_URI is not set");
      return;
    }
  name = pw_test_pg_new_database ();
  uri = pw_test_pg_uri_for (name);
  a = pw_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_locality (a, "North", &north, &error));
  g_assert_true (pw_store_add_pcn (a, "U10001", "Alpha PCN", north, &one, &error));
  g_assert_true (pw_store_add_pcn (a, "U10002", "Beta PCN", north, &two, &error));
  g_assert_no_error (error);
  b = pw_store_open (uri, &error);
  g_assert_no_error (error);

  g_assert_true (pw_store_rename_locality (a, north, "Northmoor", &error));
  wait_changed (b);
  g_assert_nonnull (pw_store_find_locality (b, "Northmoor"));
  g_assert_null (pw_store_find_locality (b, "North"));
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (b, two), PW_PCN_LOCALITY), ==, "Northmoor");

  g_assert_true (pw_store_add_practice (a, one, "A10001", "Only Surgery", 9000, NULL, &error));
  wait_changed (b);
  seen = pw_store_find_pcn (b, one);
  g_assert_cmpint (pw_pcn_get_number (seen, PW_PCN_PRACTICE_COUNT), ==, 1);
  g_assert_cmpint (pw_pcn_get_number (seen, PW_PCN_POPULATION), ==, 9000);

  /* Two PCNs in one transaction: one notification, of many rows. */
  g_assert_true (pw_store_begin (a, &error));
  g_assert_true (pw_store_set_pcn_text (a, one, PW_PCN_NAME, "Gamma PCN", &error));
  g_assert_true (pw_store_set_pcn_text (a, two, PW_PCN_NAME, "Delta PCN", &error));
  g_assert_true (pw_store_commit (a, &error));
  g_assert_no_error (error);
  wait_changed (b);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (b, one), PW_PCN_NAME), ==, "Gamma PCN");
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (b, two), PW_PCN_NAME), ==, "Delta PCN");

  /* Their change heard and shown, an edit over it based on what is shown
   * now is no conflict: the store noted the revision it told of. */
  before = pw_store_get_seen_revision (b, -1);
  g_assert_true (pw_store_set_pcn_text (a, one, PW_PCN_MANAGER, "Sam Lee", &error));
  wait_changed (b);
  g_assert_cmpint (pw_store_get_seen_revision (b, -1), >, before);
  pw_store_set_edit_base (b, pw_store_get_seen_revision (b, -1), FALSE);
  g_assert_true (pw_store_set_pcn_text (b, one, PW_PCN_MANAGER, "Jo Khan", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (a, one), PW_PCN_MANAGER), ==, "Sam Lee");
  wait_changed (a);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (a, one), PW_PCN_MANAGER), ==, "Jo Khan");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mutants-s19/read-snapshot", test_read_snapshot);
  g_test_add_func ("/mutants-s19/refused-rename-holds-nothing", test_refused_rename_holds_nothing);
  g_test_add_func ("/mutants-s19/des-notes-kept-together", test_des_notes_kept_together);
  g_test_add_func ("/mutants-s19/contract-years-missing", test_contract_years_missing);
  g_test_add_func ("/mutants-s19/contract-years-hold-nothing", test_contract_years_hold_nothing);
  g_test_add_func ("/mutants-s19/list-keys", test_list_keys);
  g_test_add_func ("/mutants-s19/evidence-first-row", test_evidence_first_row);
  g_test_add_func ("/mutants-s19/form-sheet-unreadable", test_form_sheet_unreadable);
  g_test_add_func ("/mutants-s19/added-item-holds-nothing", test_added_item_holds_nothing);
  g_test_add_func ("/mutants-s19/pg/others-changes-reach-models", test_others_changes_reach_models);
  return g_test_run ();
}

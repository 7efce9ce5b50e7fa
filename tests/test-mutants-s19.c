/* What mutate.py's samples of session 19 found untested in the core: a
 * read transaction (an export's) sees one state of the workbook, however
 * another program writes meanwhile, and sees that program's writes once
 * it ends; a board member's rename refused as a duplicate leaves no
 * statement running, so the store goes on seeing (and may write over)
 * what another program writes next.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>

#include "pw-board-member.h"
#include "pw-store-boards.h"
#include "pw-store-export.h"
#include "pw-test-util.h"

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
  /* Another program writes: the store reads it, and writes after it. */
  pw_test_exec (db, "UPDATE practice SET list_size = 9500");
  g_assert_cmpint (exported_list_size (store, 2025), ==, 9500);
  g_assert_true (pw_store_set_pcn_text (store, pcn, PW_PCN_MANAGER, "Sam Lee", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM pcn WHERE manager = 'Sam Lee'"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM board_member WHERE name = 'Bob Ray'"), ==, 1);
  pw_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mutants-s19/read-snapshot", test_read_snapshot);
  g_test_add_func ("/mutants-s19/refused-rename-holds-nothing", test_refused_rename_holds_nothing);
  return g_test_run ();
}

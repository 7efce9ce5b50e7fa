/* What mutate.py's samples of session 20 found untested in the core:
 * - a board priority's RAG status by name, as the Locality page's list
 *   and its priority dialog show it, every status and the ends either
 *   side ("Not rated"), and each name read back to its status;
 * - an item added at the top of a list (position 0) goes first, one in
 *   the middle between its neighbours, one past the end or at -1 last;
 *   a list that is none of the lists is refused as a programming error;
 * - an import of a file with a header and no rows still reports that it
 *   is done (progress 1.0), as one with rows does;
 * - a read transaction begun inside a write transaction does nothing (the
 *   write's own transaction already sees one state), and the write
 *   commits as usual.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-board-priority.h"
#include "pw-import.h"
#include "pw-plan.h"
#include "pw-test-util.h"

static void
test_rag_names (void)
{
  static const char *names[PW_N_RAGS] = { "Red", "Amber", "Green" };

  for (int rag = 0; rag < PW_N_RAGS; rag++)
    {
      g_autoptr(GError) error = NULL;
      int back = -1;

      g_assert_cmpstr (pw_rag_name (rag), ==, names[rag]);
      g_assert_true (pw_rag_parse (names[rag], &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, rag);
    }
  g_assert_cmpstr (pw_rag_name (-1), ==, "Not rated");
  g_assert_cmpstr (pw_rag_name (PW_N_RAGS), ==, "Not rated");
}

/* A workbook of one PCN with a 2025/26 return; its store and the return. */
static PwStore *
one_return (const char *db,
            gint64     *out_ret)
{
  g_autoptr(GError) error = NULL;
  PwStore *store = pw_store_open (db, &error);
  gint64 pcn = 0;

  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (store, "U10001", "Only PCN", 0, &pcn, &error));
  g_assert_true (pw_store_ensure_return (store, pcn, 2025, out_ret, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_item_positions (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) order = g_string_new (NULL);
  gint64 ret = 0;
  PwStore *store = one_return (db, &ret);
  static const struct { int position; const char *text; } adds[] = {
    { -1, "C" }, { 0, "A" }, { 1, "B" }, { 9, "E" }, { 3, "D" }, { 0, "first" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (adds); i++)
    g_assert_true (pw_store_add_item (store, ret, PW_LIST_STRENGTHS, adds[i].position, adds[i].text, NULL, &error));
  g_assert_no_error (error);
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*list < PW_N_LISTS*");
  g_assert_false (pw_store_add_item (store, ret, PW_N_LISTS, 0, "nowhere", NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_object_unref (store);
  pw_test_append_rows (order, db, "SELECT position, text FROM return_item ORDER BY position");
  g_assert_cmpstr (order->str, ==, "0|first|\n1|A|\n2|B|\n3|C|\n4|D|\n5|E|\n");
  pw_test_rmdir (dir);
}

static void
on_progress (double   fraction,
             gpointer data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_import_progress_ends (void)
{
  static const char *files[] = { "pcn_code,year,quadrant,text\n",
                                 "pcn_code,year,quadrant,text\nU10001,2025/26,S,Strong team\n" };
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "swot.csv", NULL);
  gint64 ret = 0;
  g_autoptr(PwStore) store = one_return (db, &ret);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      double last = 0;

      pw_test_write (csv, files[i]);
      g_assert_true (pw_import_any (store, csv, on_progress, &last, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (last, ==, 1.0);
    }
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM return_item"), ==, 1);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

static void
test_read_inside_write (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 ret = 0;
  g_autoptr(PwStore) store = one_return (db, &ret);

  g_assert_true (pw_store_begin (store, &error));
  g_assert_true (pw_store_add_item (store, ret, PW_LIST_THREATS, -1, "Estates", NULL, &error));
  g_assert_true (pw_store_begin_read (store, &error));
  g_assert_no_error (error);
  pw_store_end_read (store);
  g_assert_true (pw_store_add_item (store, ret, PW_LIST_THREATS, -1, "Recruitment", NULL, &error));
  g_assert_true (pw_store_commit (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM return_item WHERE list = 'T'"), ==, 2);
  pw_test_rmdir (dir);
}

/* A practice's list size: 0 (a practice with no patients registered yet)
 * and the largest whole number are taken; below 0 and past it, refused
 * with the rule, and nothing written (seed 2005's pw-store-profiles.c:424). */
static void
test_list_size_edges (void)
{
  static const struct { const char *code; gint64 size; gboolean ok; } sizes[] = {
    { "A10001", 0, TRUE }, { "A10002", -1, FALSE }, { "A10003", G_MAXINT32, TRUE },
    { "A10004", (gint64) G_MAXINT32 + 1, FALSE },
  };
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  gint64 ret = 0, pcn;
  g_autoptr(PwStore) store = one_return (db, &ret);

  pcn = pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U10001"));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = pw_store_add_practice (store, pcn, sizes[i].code, "Surgery", sizes[i].size, NULL, &error);

      g_assert_cmpint (ok, ==, sizes[i].ok);
      if (!ok)
        {
          g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, "A list size must be a whole number of 0 or more"));
        }
    }
  g_clear_object (&store);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM practice"), ==, 2);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT sum(list_size) FROM practice"), ==, G_MAXINT32);
  pw_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mutants-s20/rag-names", test_rag_names);
  g_test_add_func ("/mutants-s20/item-positions", test_item_positions);
  g_test_add_func ("/mutants-s20/import-progress-ends", test_import_progress_ends);
  g_test_add_func ("/mutants-s20/read-inside-write", test_read_inside_write);
  g_test_add_func ("/mutants-s20/list-size-edges", test_list_size_edges);
  return g_test_run ();
}

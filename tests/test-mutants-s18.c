/* What mutate.py's samples of session 18 found untested in the core:
 * a file imported without saying its kind is told by its header, the
 * first kind (profiles) included; a transaction that changes two rows
 * of a table says "many rows changed", one that changes one row twice
 * names that row; the save queue's "n-pending" property counts the saves
 * waiting, as its getter does; a status past the last has no name.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>

#include "pw-import.h"
#include "pw-plan.h"
#include "pw-save-queue.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

static void
test_import_any_profiles (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *profiles = g_build_filename (dir, "profiles.csv", NULL);
  g_autofree char *maturity = g_build_filename (dir, "maturity.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  PwImportSummary summary = { 0 };

  g_assert_no_error (error);
  pw_test_write (profiles, "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                           "U10001,Only PCN,North,A10001,Only Surgery,9000\n");
  pw_test_write (maturity, "pcn_code,year,domain,level\nU10001,2025/26,leadership,Step 1\n");
  g_assert_true (pw_import_any (store, profiles, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.kind, ==, PW_IMPORT_PROFILES);
  g_assert_cmpuint (summary.pcns_added, ==, 1);
  g_assert_cmpuint (summary.practices_added, ==, 1);
  g_assert_true (pw_import_any (store, maturity, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.kind, ==, PW_IMPORT_MATURITY);
  g_assert_cmpuint (summary.returns_added, ==, 1);
  g_clear_object (&store);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM practice WHERE code = 'A10001'"), ==, 1);
  pw_test_rmdir (dir);
}

/* Sets the PCN texts in @edits (id, field; ending in 0) to @value in one
 * transaction; what "changed" said. */
static void
set_in_one (PwStore      *store,
            const gint64 *edits,
            const char   *value,
            PwTestHeard  *heard)
{
  g_autoptr(GError) error = NULL;
  gulong handler = g_signal_connect (store, "changed", G_CALLBACK (pw_test_heard_cb), heard);

  pw_test_heard_clear (heard);
  g_assert_true (pw_store_begin (store, &error));
  for (guint i = 0; edits[i] != 0; i += 2)
    g_assert_true (pw_store_set_pcn_text (store, edits[i], (PwPcnField) edits[i + 1], value, &error));
  g_assert_cmpuint (heard->count, ==, 0);        /* nothing said before the commit */
  g_assert_true (pw_store_commit (store, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (store, handler);
}

static void
test_changed_one_or_many (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  gint64 a = 0, b = 0;
  PwTestHeard heard = { 0 };

  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (store, "U10001", "Alpha PCN", 0, &a, &error));
  g_assert_true (pw_store_add_pcn (store, "U10002", "Beta PCN", 0, &b, &error));
  set_in_one (store, (gint64[]) { a, PW_PCN_MANAGER, a, PW_PCN_CLINICAL_DIRECTOR, 0 }, "Sam Lee", &heard);
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_cmpstr (heard.table, ==, "pcn");
  g_assert_cmpint (heard.id, ==, a);
  set_in_one (store, (gint64[]) { a, PW_PCN_NAME, b, PW_PCN_NAME, 0 }, "Gamma PCN", &heard);
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_null (heard.table);
  g_assert_cmpint (heard.id, ==, 0);
  pw_test_heard_clear (&heard);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

static gboolean
save_name (PwStore  *store,
           gpointer  data,
           GError  **error)
{
  return pw_store_set_pcn_text (store, *(gint64 *) data, PW_PCN_NAME, "Beta PCN", error);
}

static void
test_queue_property (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  PwSaveQueue *queue;
  sqlite3 *other = NULL;
  gint64 id = 0;
  guint n = G_MAXUINT;

  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (store, "U10001", "Alpha PCN", 0, &id, &error));
  queue = pw_save_queue_for_store (store);
  pw_store_set_busy_timeout (store, 20);
  /* Another program holds the write lock, so the save waits. */
  g_assert_cmpint (sqlite3_open (db, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/name", 0, save_name, g_memdup2 (&id, sizeof id), g_free, &error),
                   ==, PW_SAVE_PENDING);
  g_object_get (queue, "n-pending", &n, NULL);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (n, ==, pw_save_queue_get_n_pending (queue));
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  pw_save_queue_discard (queue);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* Added after the fresh seed 1812 was run (its survivor pw-plan.c:123). */
static void
test_status_past_the_last (void)
{
  g_assert_cmpstr (pw_project_status_name (PW_N_PROJECT_STATUSES - 1), ==, "Complete");
  g_assert_cmpstr (pw_project_status_name (PW_N_PROJECT_STATUSES), ==, "");
  g_assert_cmpstr (pw_des_status_name (PW_N_DES_STATUSES - 1), ==, "Fully delivered");
  g_assert_cmpstr (pw_des_status_name (PW_N_DES_STATUSES), ==, "");
}

/* A name that is not UTF-8 (bytes pasted from another encoding) is refused,
 * saying so, and nothing is added. */
static void
test_name_not_text (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(PwStore) store = pw_store_open (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  g_assert_false (pw_store_add_locality (store, "Nor\xffth", NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not valid text"));
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_localities (store)), ==, 0);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mutants/import-any-profiles", test_import_any_profiles);
  g_test_add_func ("/mutants/changed-one-or-many", test_changed_one_or_many);
  g_test_add_func ("/mutants/queue-property", test_queue_property);
  g_test_add_func ("/mutants/status-past-the-last", test_status_past_the_last);
  g_test_add_func ("/mutants/name-not-text", test_name_not_text);
  return g_test_run ();
}

/* Team workbooks on a PostgreSQL server: what a wrong address, a server
 * that cannot be reached, a wrong password, another application's database
 * and a newer schema are told, that nothing is written to them, and that a
 * change made through one store reaches another's "changed" signal.
 * Needs the private server of build-aux/pg-test-server.sh (PW_TEST_PG_URI).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-store.h"
#include "pw-test-util.h"

/* A new database on the test server with nothing in it; its URI. */
static char *
empty_database (void)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("pwe_%d_%u", (int) getpid (), ++n);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);

  pw_test_pg_exec (g_getenv ("PW_TEST_PG_URI"), sql);
  return pw_test_pg_uri_for (name);
}

/* Opening @uri fails with @code, and the message says @says. */
static void
assert_refused (const char *uri,
                int         code,
                const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (uri, &error);

  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, code);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
}

static void
test_bad_uri (void)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *made = g_build_filename (cwd, "postgresq:", NULL);

  assert_refused ("postgresql://localhost/db?nosuchoption=1", PW_STORE_ERROR_INVALID, "is not a PostgreSQL address");
  assert_refused ("postgresql://localhost:notaport/db", PW_STORE_ERROR_INVALID, "is not a PostgreSQL address");
  /* a misspelt scheme is not taken for a file name */
  assert_refused ("postgresq://server/db", PW_STORE_ERROR_INVALID, "team workbook address");
  g_assert_false (g_file_test (made, G_FILE_TEST_EXISTS));
}

static void
test_unreachable (void)
{
  assert_refused ("postgresql:///pw?host=/nonexistent-pw-socket-dir", PW_STORE_ERROR_IO, "cannot be reached");
}

static void
test_password (void)
{
  g_autofree char *wrong = pw_test_pg_uri_for ("postgres");
  g_autoptr(GString) uri = g_string_new (wrong);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *db = empty_database ();

  g_string_replace (uri, "user=pw", "user=pw_password&password=not-it", 1);
  store = pw_store_open (uri->str, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "refused the password"));
  g_assert_nonnull (strstr (error->message, "pgpass"));
  g_assert_null (strstr (error->message, "not-it"));     /* never shown, never kept */
  g_clear_error (&error);

  /* The right one, from libpq's environment, lets the same user in. */
  g_string_assign (uri, db);
  g_string_replace (uri, "user=pw", "user=pw_password", 1);
  g_setenv ("PGPASSWORD", "right", TRUE);
  pw_test_pg_exec (db, "GRANT ALL ON SCHEMA public TO pw_password");
  store = pw_store_open (uri->str, &error);
  g_unsetenv ("PGPASSWORD");
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_null (strstr (pw_store_get_path (store), "right"));
}

static void
test_foreign (void)
{
  g_autofree char *uri = empty_database ();

  pw_test_pg_exec (uri, "CREATE TABLE accounts (id bigint PRIMARY KEY, balance bigint)");
  assert_refused (uri, PW_STORE_ERROR_NOT_DATABASE, "another application");
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), ==, 1);

  /* pw_meta of another application */
  pw_test_pg_exec (uri, "CREATE TABLE pw_meta (key text PRIMARY KEY, value bigint NOT NULL);"
                        "INSERT INTO pw_meta VALUES ('application_id', 7), ('user_version', 1)");
  assert_refused (uri, PW_STORE_ERROR_NOT_DATABASE, "another application");
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), ==, 2);
}

static void
test_newer (void)
{
  g_autofree char *uri = empty_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (uri, &error);

  g_assert_no_error (error);
  g_assert_cmpint (pw_store_get_schema_version (store), ==, PW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT value FROM pw_meta WHERE key = 'user_version'"), ==,
                   PW_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  pw_test_pg_exec (uri, "UPDATE pw_meta SET value = 99 WHERE key = 'user_version'");
  assert_refused (uri, PW_STORE_ERROR_NEWER, "newer version");
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT value FROM pw_meta WHERE key = 'user_version'"), ==, 99);
}

typedef struct
{
  const char *table;
  gint64 id;
  guint count;
} Heard;

static void
on_changed (PwStore    *store,
            const char *table,
            gint64      id,
            Heard      *heard)
{
  heard->table = table;
  heard->id = id;
  heard->count++;
}

/* Runs the main loop until a change is heard, for at most five seconds. */
static void
wait_for (Heard *heard)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (heard->count == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (heard->count, ==, 1);
}

/* A change committed through one store reaches another store's "changed"
 * signal and live models, through the main loop, with no polling. */
static void
test_notify (void)
{
  g_autofree char *uri = empty_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) a = pw_store_open (uri, &error);
  g_autoptr(PwStore) b = pw_store_open (uri, &error);
  Heard heard = { 0 };
  gint64 pcn = 0;
  PwPcn *seen;

  g_assert_no_error (error);
  g_signal_connect (b, "changed", G_CALLBACK (on_changed), &heard);
  g_assert_true (pw_store_add_pcn (a, "U12345", "Riverside PCN", 0, &pcn, &error));
  g_assert_no_error (error);
  wait_for (&heard);
  g_assert_nonnull (pw_store_find_pcn_by_code (b, "U12345"));
  g_assert_cmpint (g_list_model_get_n_items (pw_store_get_pcns (b)), ==, 1);

  heard.count = 0;
  g_assert_true (pw_store_set_pcn_text (a, pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr A Example", &error));
  g_assert_no_error (error);
  wait_for (&heard);
  g_assert_cmpstr (heard.table, ==, "pcn");
  g_assert_cmpint (heard.id, ==, pcn);
  seen = pw_store_find_pcn_by_code (b, "U12345");
  g_assert_nonnull (seen);
  g_assert_cmpstr (pw_pcn_get_text (seen, PW_PCN_CLINICAL_DIRECTOR), ==, "Dr A Example");
}

/* Runs the main loop for @ms, whatever is heard. */
static void
spin_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gpointer
open_for_job_thread (gpointer uri)
{
  g_autoptr(GError) error = NULL;
  PwStore *store = pw_store_open_for_job (uri, &error);

  g_assert_no_error (error);
  return store;
}

/* A store opened for a job on a worker thread puts nothing on the main
 * context (whose watch would read the connection while the job waits for
 * its replies), not even once its server went away; handed to the main
 * thread, it follows others' changes from then on. */
static void
test_job_store (void)
{
  g_autofree char *uri = empty_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) job = g_thread_join (g_thread_new ("job", open_for_job_thread, uri));
  g_autoptr(PwStore) other = pw_store_open (uri, &error);
  Heard heard = { 0 };
  gint64 pcn = 0;

  g_assert_no_error (error);
  g_signal_connect (job, "changed", G_CALLBACK (on_changed), &heard);
  g_assert_null (g_main_context_find_source_by_user_data (NULL, job));
  g_assert_true (pw_store_add_pcn (other, "U12345", "Riverside PCN", 0, &pcn, &error));
  g_assert_no_error (error);
  spin_ms (300);
  g_assert_cmpint (heard.count, ==, 0);

  /* Its server ends the session: no reconnect timer either, and the next
   * statement but one connects again by itself. */
  pw_test_pg_exec (uri, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  g_assert_false (pw_store_add_locality (job, "North", NULL, &error));
  g_clear_error (&error);
  g_assert_null (g_main_context_find_source_by_user_data (NULL, job));
  g_assert_true (pw_store_add_locality (job, "North", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (g_main_context_find_source_by_user_data (NULL, job));

  heard.count = 0;           /* its own change was told too */
  pw_store_follow_changes (job);
  g_assert_nonnull (g_main_context_find_source_by_user_data (NULL, job));
  g_clear_object (&other);
  other = pw_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_set_pcn_text (other, pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr A Example", &error));
  g_assert_no_error (error);
  wait_for (&heard);
  g_assert_cmpstr (heard.table, ==, "pcn");
}

/* The server goes away in the middle of a session: the edit fails with a
 * message that says so, and nothing of it is written. */
static void
test_server_gone (void)
{
  g_autofree char *uri = empty_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (uri, &error);

  g_assert_no_error (error);
  pw_test_pg_exec (uri, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  g_assert_false (pw_store_add_locality (store, "North", NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_assert_nonnull (strstr (error->message, "not saved"));
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM locality"), ==, 0);
}

/* A private workbook copied into a team workbook and back, whole, with its
 * ids; a workbook that holds data is not copied into. */
static void
test_copy (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "private.db", NULL);
  g_autofree char *back = g_build_filename (dir, "offline.db", NULL);
  g_autofree char *uri = empty_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) a = pw_store_open (file, &error);
  g_autoptr(PwStore) team = pw_store_open (uri, &error);
  g_autoptr(PwStore) offline = pw_store_open (back, &error);
  gint64 loc = 0, pcn = 0, ret = 0, rows = 0, more = 0;

  g_assert_no_error (error);
  g_assert_true (pw_store_add_locality (a, "North", &loc, &error));
  g_assert_true (pw_store_add_locality (a, "South", NULL, &error));
  g_assert_true (pw_store_delete_locality (a, loc, NULL, &error));   /* ids with a gap */
  g_assert_true (pw_store_add_locality (a, "West", &loc, &error));
  g_assert_true (pw_store_add_pcn (a, "U12345", "Riverside PCN", loc, &pcn, &error));
  g_assert_true (pw_store_add_practice (a, pcn, "L85001", "Bridge Street Surgery", 12000, NULL, &error));
  g_assert_true (pw_store_ensure_return (a, pcn, 2025, &ret, &error));
  g_assert_true (pw_store_set_pcn_text (a, pcn, PW_PCN_NOTES, "Line one\nLine “two”", &error));
  g_assert_no_error (error);

  g_assert_true (pw_store_copy_into (a, team, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rows, >, 5);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM locality"), ==, 2);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT max(id) FROM locality"), ==, loc);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn_by_code (team, "U12345"), PW_PCN_NOTES), ==,
                   "Line one\nLine “two”");
  /* new rows are numbered after the copied ones */
  g_assert_true (pw_store_add_locality (team, "East", &more, &error));
  g_assert_no_error (error);
  g_assert_cmpint (more, >, loc);

  g_assert_false (pw_store_copy_into (a, team, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM locality"), ==, 3);

  g_assert_true (pw_store_copy_into (team, offline, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (back, "SELECT count(*) FROM locality"), ==, 3);
  g_assert_cmpint (pw_test_sql_int (back, "SELECT count(*) FROM arrs_role"), ==,
                   pw_test_sql_int (file, "SELECT count(*) FROM arrs_role"));
  g_assert_cmpint (pw_test_sql_int (back, "SELECT count(*) FROM contract_item"), ==,
                   pw_test_sql_int (file, "SELECT count(*) FROM contract_item"));
  g_clear_object (&a);
  g_clear_object (&offline);
  pw_test_rmdir (dir);
}

/* A copy into a team workbook goes by COPY, one line a row: texts with
 * the characters that format escapes (a backslash, a tab, line ends, a
 * literal \N) arrive as they were, and NULLs as NULL; a row the server
 * refuses stops the copy with the table named, and nothing is copied. */
static void
test_copy_escapes_and_refusal (void)
{
  static const char notes[] = "Tab\there, back\\slash, \\N, CR\r\nand a new line";
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "private.db", NULL);
  g_autofree char *uri = empty_database ();
  g_autofree char *refused = empty_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) a = pw_store_open (file, &error);
  g_autoptr(PwStore) team = pw_store_open (uri, &error);
  g_autoptr(PwStore) other = pw_store_open (refused, &error);
  gint64 pcn = 0;

  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (a, "U12345", "Riverside PCN", 0, &pcn, &error));
  g_assert_true (pw_store_set_pcn_text (a, pcn, PW_PCN_NOTES, notes, &error));
  g_assert_true (pw_store_add_practice (a, pcn, "L85001", "Bridge Street Surgery", 12000, NULL, &error));
  g_assert_true (pw_store_add_practice (a, pcn, "L85002", "Refused Surgery", 9000, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (pw_store_copy_into (a, team, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&team);
  team = pw_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn_by_code (team, "U12345"), PW_PCN_NOTES), ==, notes);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pcn WHERE locality_id IS NULL"), ==, 1);

  pw_test_pg_exec (refused, "CREATE FUNCTION refuse () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            "  IF NEW.name = 'Refused Surgery' THEN RAISE EXCEPTION 'refused by the test'; END IF;"
                            "  RETURN NEW; END $$;"
                            "CREATE TRIGGER refuse BEFORE INSERT ON practice FOR EACH ROW EXECUTE FUNCTION refuse ()");
  g_assert_false (pw_store_copy_into (a, other, NULL, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, "Copying practice") == NULL || strstr (error->message, "refused by the test") == NULL)
    g_error ("“%s” does not name the table and the refusal", error->message);
  g_clear_error (&error);
  g_assert_cmpint (pw_test_pg_sql_int (refused, "SELECT count(*) FROM pcn"), ==, 0);
  g_assert_cmpint (pw_test_pg_sql_int (refused, "SELECT count(*) FROM practice"), ==, 0);
  /* the store goes on */
  g_assert_true (pw_store_add_locality (other, "North", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&a);
  pw_test_rmdir (dir);
}

/* The PCNs in the order a file lists them, whatever the server's
 * collation (the test server's is English, which sorts "alpha" before
 * "Beta"; SQLite sorts by bytes). */
static char *
pcn_order (const char *path)
{
  static const char *names[] = { "beta PCN", "Alpha PCN", "_Gamma PCN", "alpha PCN", "Beta PCN" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(GString) order = g_string_new (NULL);
  GListModel *pcns;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *code = g_strdup_printf ("U1000%u", i);
      g_assert_true (pw_store_add_pcn (store, code, names[i], 0, NULL, &error));
    }
  g_clear_object (&store);
  store = pw_store_open (path, &error);   /* read back in the stored order */
  g_assert_no_error (error);
  pcns = pw_store_get_pcns (store);
  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (pcns, i);
      g_string_append_printf (order, "%s;", pw_pcn_get_text (pcn, PW_PCN_NAME));
    }
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static void
test_same_order (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "w.db", NULL);
  g_autofree char *uri = empty_database ();
  g_autofree char *lite = pcn_order (file);
  g_autofree char *pg = pcn_order (uri);

  g_assert_cmpstr (pg, ==, lite);
  pw_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pg/refuse/bad-uri", test_bad_uri);
  g_test_add_func ("/pg/refuse/unreachable", test_unreachable);
  g_test_add_func ("/pg/refuse/password", test_password);
  g_test_add_func ("/pg/refuse/foreign", test_foreign);
  g_test_add_func ("/pg/refuse/newer", test_newer);
  g_test_add_func ("/pg/notify", test_notify);
  g_test_add_func ("/pg/job-store", test_job_store);
  g_test_add_func ("/pg/server-gone", test_server_gone);
  g_test_add_func ("/pg/copy", test_copy);
  g_test_add_func ("/pg/copy/escapes-and-refusal", test_copy_escapes_and_refusal);
  g_test_add_func ("/pg/same-order", test_same_order);
  return g_test_run ();
}

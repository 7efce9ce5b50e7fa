/* A team workbook's server that goes away mid-edit and comes back: the
 * edit fails with a message that says so, nothing of it is written (a
 * transaction that lost its server is not committed, nor finished on a new
 * session), the save queue keeps it, and once the server is back the retry
 * writes it and a second store hears of it through NOTIFY.
 * The server is a private one of this test's own (build-aux/pg-test-server.sh
 * start, pause, resume, stop), since it is stopped and started again; it
 * runs where the shared one does (PW_TEST_PG_URI set).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "pw-save-queue.h"
#include "pw-store.h"
#include "pw-test-util.h"

static char *server_dir;        /* the private server's folder */
static char *server_uri;        /* its "postgres" database */

/* Runs the test server script with @verb on our server; its output. */
static char *
server (const char *verb)
{
  const char *argv[] = { "bash", g_getenv ("PW_PG_TEST_SERVER"), verb, server_dir, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("pg-test-server.sh %s: %s", verb, error->message);
  return g_strstrip (out);
}

/* A new team workbook on our server, with one PCN; its URI. */
static char *
new_workbook (gint64 *out_pcn)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("pwoff_%u", ++n);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autoptr(GString) uri = g_string_new (server_uri);
  g_autofree char *path = g_strdup_printf ("/%s?", name);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;

  pw_test_pg_exec (server_uri, sql);
  g_string_replace (uri, "/postgres?", path, 1);
  store = pw_store_open (uri->str, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (store, "U12345", "Riverside PCN", 0, out_pcn, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

static gboolean
save_director (PwStore   *store,
               gpointer   data,
               GError   **error)
{
  return pw_store_set_pcn_text (store, 1, PW_PCN_CLINICAL_DIRECTOR, data, error);
}

typedef struct
{
  const char *table;
  guint count;
} Heard;

static void
on_changed (PwStore    *store,
            const char *table,
            gint64      id,
            Heard      *heard)
{
  if (g_strcmp0 (table, heard->table) == 0)
    heard->count++;
}

/* Runs @context until @heard counts a change, for at most ten seconds. */
static void
wait_for (GMainContext *context,
          Heard        *heard)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (heard->count == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (context, FALSE);
  g_assert_cmpuint (heard->count, >, 0);
}

/* A second store, as on another desktop: it hears the server in a main
 * context of its own, so that waiting for it runs nothing of the first
 * store's (whose save queue would otherwise retry on its own timer). */
static PwStore *
open_elsewhere (const char   *uri,
                GMainContext *context)
{
  g_autoptr(GError) error = NULL;
  PwStore *store;

  g_main_context_push_thread_default (context);
  store = pw_store_open (uri, &error);
  g_main_context_pop_thread_default (context);
  g_assert_no_error (error);
  return store;
}

static void
test_edit_kept (void)
{
  gint64 pcn = 0;
  g_autofree char *uri = new_workbook (&pcn);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) elsewhere = g_main_context_new ();
  g_autoptr(PwStore) a = pw_store_open (uri, &error);
  g_autoptr(PwStore) b = open_elsewhere (uri, elsewhere);
  PwSaveQueue *queue = pw_save_queue_for_store (a);
  Heard heard = { NULL, 0 };
  g_autofree char *paused = NULL, *resumed = NULL;
  gint64 start;

  g_assert_no_error (error);
  g_assert_cmpint (pcn, ==, 1);
  g_signal_connect (b, "changed", G_CALLBACK (on_changed), &heard);

  paused = server ("pause");
  /* The save meets the server gone: kept, not refused. */
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/1/director", 0, save_director, "Dr Kept", NULL, &error),
                   ==, PW_SAVE_PENDING);
  g_assert_no_error (error);
  g_assert_true (pw_store_is_offline (a));
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 1);
  /* Said in words a user can act on, when written directly. */
  g_assert_false (pw_store_set_pcn_text (a, pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Direct", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_assert_nonnull (strstr (error->message, "not saved"));
  g_clear_error (&error);
  /* Trying again while it is away keeps it still. */
  g_assert_false (pw_save_queue_retry (queue));
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 1);

  resumed = server ("resume");
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pcn WHERE clinical_director <> ''"), ==, 0);
  /* The second store finds the server again by itself, listening anew,
   * and re-reads everything, as it missed what happened meanwhile. */
  wait_for (elsewhere, &heard);
  g_assert_false (pw_store_is_offline (b));
  heard.table = "pcn";
  heard.count = 0;

  start = g_get_monotonic_time ();
  g_assert_true (pw_save_queue_retry (queue));
  /* For the record, not a limit: a new session, the statements prepared
   * again and the edit written. */
  g_test_message ("reconnected and saved in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_false (pw_store_is_offline (a));
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 0);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pcn WHERE clinical_director = 'Dr Kept'"), ==, 1);
  wait_for (elsewhere, &heard);    /* through NOTIFY */
  g_assert_nonnull (pw_store_find_pcn (b, pcn));
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (b, pcn), PW_PCN_CLINICAL_DIRECTOR), ==, "Dr Kept");
  while (g_main_context_iteration (NULL, FALSE))
    ;                             /* the first store's "re-read everything" */
}

/* A transaction whose server went away is not committed, and what follows
 * in it is not written on a new session either: all or nothing. */
static void
test_nothing_half_written (void)
{
  gint64 pcn = 0;
  g_autofree char *uri = new_workbook (&pcn);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (uri, &error);
  g_autoptr(GListModel) practices = NULL;
  g_autofree char *paused = NULL, *resumed = NULL;

  g_assert_no_error (error);
  g_assert_true (pw_store_begin (store, &error));
  g_assert_true (pw_store_add_locality (store, "North", NULL, &error));
  g_assert_no_error (error);

  paused = server ("pause");
  practices = pw_store_list_practices (store, pcn, &error);     /* a read, which rolls nothing back */
  g_assert_null (practices);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_OFFLINE);
  g_clear_error (&error);
  resumed = server ("resume");

  /* Still in the lost transaction: refused, not written on its own. */
  g_assert_false (pw_store_add_locality (store, "South", NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_OFFLINE);
  g_clear_error (&error);
  pw_store_rollback (store);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM locality"), ==, 0);

  /* The next transaction is on a new session, and is written. */
  g_assert_true (pw_store_add_locality (store, "East", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM locality"), ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The tests run in a child process, so that the server is stopped however
 * they end (a failed assertion aborts). */
int
main (int   argc,
      char *argv[])
{
  pid_t child;
  int status = 0;

  setlocale (LC_ALL, "");
  if (g_getenv ("PW_TEST_PG_URI") == NULL || g_getenv ("PW_PG_TEST_SERVER") == NULL)
    {
      printf ("1..0 # SKIP no PostgreSQL server: PW_TEST_PG_URI is not set (build-aux/test.sh sets it)\n");
      return 0;
    }
  server_dir = g_dir_make_tmp ("pw-off-XXXXXX", NULL);
  g_assert_nonnull (server_dir);
  server_uri = server ("start");
  fflush (stdout);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/pg-offline/edit-kept", test_edit_kept);
      g_test_add_func ("/pg-offline/nothing-half-written", test_nothing_half_written);
      _exit (g_test_run ());
    }
  waitpid (child, &status, 0);
  g_free (server ("stop"));
  g_free (server_uri);
  g_free (server_dir);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 1;
}

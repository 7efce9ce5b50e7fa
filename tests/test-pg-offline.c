/* A team workbook's server that goes away mid-edit and comes back: the
 * edit fails with a message that says so, nothing of it is written (a
 * transaction that lost its server is not committed, nor finished on a new
 * session), the save queue keeps it, and once the server is back the retry
 * writes it and a second store hears of it through NOTIFY.  A store finds
 * its server again in its main loop without ever holding the loop up, even
 * when a server lets it in and then says nothing; and a workbook a newer
 * build migrated meanwhile is refused on the new session.  A save that
 * meets another session's lock past lock_timeout is kept and retried.
 * The server is a private one of this test's own (build-aux/pg-test-server.sh
 * start, pause, resume, stop), since it is stopped and started again; it
 * runs where the shared one does (PW_TEST_PG_URI set).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pw-save-queue.h"
#include "pw-store.h"
#include "pw-test-util.h"

static char *server_dir;        /* the private server's folder */
static char *server_uri;        /* its "postgres" database */

/* The signal that ended the tests early (meson's timeout, mutate.py). */
static volatile sig_atomic_t ended_by;

static void
on_end (int sig)
{
  ended_by = sig;
}

/* In a session of its own, the guardian is out of reach of the SIGKILL
 * meson sends the test's process group half a second after SIGTERM. */
static void
own_session (gpointer data)
{
  setsid ();
}

/* Starts the server's guardian: it stops the server (and removes its
 * folder) once the pipe whose write end this returns is closed, that is
 * once this process and its child are gone, however they end (SIGKILL
 * too).  The second's wait lets a server that was starting write the
 * file pg_ctl stops it by. */
static GPid
start_guardian (int *out_pipe)
{
  const char *argv[] = { "bash", "-c", "cat; sleep 1; exec bash \"$0\" stop \"$1\"",
                         g_getenv ("PW_PG_TEST_SERVER"), server_dir, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                           G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                           own_session, NULL, &pid, out_pipe, NULL, NULL, &error));
  g_assert_no_error (error);
  return pid;
}

/* Waits for @pid, through signals. */
static void
wait_for_pid (pid_t  pid,
              int   *status)
{
  while (waitpid (pid, status, 0) < 0 && errno == EINTR)
    ;
}

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

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs @context for @seconds, or until @store (if given) is online again,
 * checking that no iteration of the loop waits for the server: each one
 * returns within a second (a 50 ms timeout keeps the loop turning).  A
 * behaviour, not a speed: a store that waited for a connection would hold
 * the loop up for the whole connect timeout (five seconds). */
static void
turn (GMainContext *context,
      PwStore      *store,
      double        seconds)
{
  gint64 start = g_get_monotonic_time (), longest = 0, now = start;
  GSource *tick = g_timeout_source_new (50);

  g_source_set_callback (tick, tick_cb, NULL, NULL);
  g_source_attach (tick, context);
  while (now - start < seconds * G_USEC_PER_SEC && (store == NULL || pw_store_is_offline (store)))
    {
      g_main_context_iteration (context, TRUE);
      longest = MAX (longest, g_get_monotonic_time () - now);
      now = g_get_monotonic_time ();
    }
  g_source_destroy (tick);
  g_source_unref (tick);
  g_test_message ("longest iteration %.0f ms", longest / 1000.0);
  g_assert_cmpint (longest, <, G_USEC_PER_SEC);
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
  /* So does the first, in its own loop (its save queue may save the edit
   * meanwhile, on its timer). */
  turn (NULL, a, 20);
  g_assert_false (pw_store_is_offline (a));

  start = g_get_monotonic_time ();
  g_assert_true (pw_save_queue_retry (queue));
  /* For the record, not a limit: the statements prepared again on the new
   * session and the edit written. */
  g_test_message ("saved in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
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

  /* The next transaction is on a new session, made in the main loop once
   * the lost transaction was rolled back, and is written. */
  turn (NULL, store, 20);
  g_assert_false (pw_store_is_offline (store));
  g_assert_true (pw_store_add_locality (store, "East", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM locality"), ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A server that lets a client in and then says nothing: a Unix socket
 * where libpq looks for the server's (.s.PGSQL.5432 in the host folder),
 * listening but never read, so that a connection waits in its backlog. */
static GSocket *
silent_server (const char *path)
{
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  g_autoptr(GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  return socket;
}

/* The server goes away and something silent takes its place: the window's
 * loop goes on turning (a new session is made without waiting), a save
 * meanwhile fails at once and is kept; when the server is back (the try
 * with the silent one given up at its deadline), the store is online again
 * by itself and the save is written. */
static void
test_silent_server (void)
{
  gint64 pcn = 0;
  g_autofree char *uri = new_workbook (&pcn);
  g_autofree char *socket_path = g_build_filename (server_dir, ".s.PGSQL.5432", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (uri, &error);
  PwSaveQueue *queue = pw_save_queue_for_store (store);
  g_autofree char *paused = NULL, *resumed = NULL;
  g_autoptr(GSocket) silent = NULL;
  gint64 start, deadline;

  g_assert_no_error (error);
  paused = server ("pause");
  silent = silent_server (socket_path);
  /* The store hears its session end, and after a pause tries the silent
   * server: three seconds cover both. */
  turn (NULL, NULL, 3);
  g_assert_true (pw_store_is_offline (store));

  start = g_get_monotonic_time ();
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/1/director", 0, save_director, "Dr Silent", NULL, &error),
                   ==, PW_SAVE_PENDING);
  g_assert_no_error (error);
  g_assert_false (pw_store_set_pcn_text (store, pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Direct", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);      /* at once, not after a wait */
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 1);

  /* The real server is back where the silent one was, which still holds
   * the store's try open, unanswered. */
  g_assert_cmpint (g_unlink (socket_path), ==, 0);
  resumed = server ("resume");
  turn (NULL, store, 20);
  g_assert_false (pw_store_is_offline (store));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (pw_save_queue_get_n_pending (queue) > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);      /* the queue's own retry */
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 0);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pcn WHERE clinical_director = 'Dr Silent'"), ==, 1);
  g_socket_close (silent, NULL);
}

static void
bump_schema_and_drop_sessions (const char *uri)
{
  pw_test_pg_exec (uri, "UPDATE pw_meta SET value = value + 1 WHERE key = 'user_version'");
  pw_test_pg_exec (uri, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                        " WHERE datname = current_database () AND pid <> pg_backend_pid ()");
}

/* @error refuses the workbook as newer, in the words opening it gives. */
static void
assert_newer (GError     *error,
              const char *uri)
{
  g_autoptr(GError) on_open = NULL;
  g_autoptr(PwStore) fresh = pw_store_open (uri, &on_open);

  g_assert_null (fresh);
  g_assert_error (on_open, PW_STORE_ERROR, PW_STORE_ERROR_NEWER);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NEWER);
  g_assert_cmpstr (error->message, ==, on_open->message);
}

/* Between two sessions a newer build migrated the workbook: the new
 * session is refused as opening it is, and nothing is written, whether
 * the store made it in its main loop or (a job's store) when next used. */
static void
test_newer_after_reconnect (void)
{
  gint64 pcn = 0;
  g_autofree char *uri = new_workbook (&pcn);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (uri, &error);
  g_autoptr(PwStore) job = pw_store_open_for_job (uri, &error);
  g_autoptr(GListModel) practices = NULL;
  gint64 logged = pw_test_pg_sql_int (uri, "SELECT count(*) FROM change_log");

  g_assert_no_error (error);
  bump_schema_and_drop_sessions (uri);
  /* the window's store: offline once it hears its session end, then back
   * on a new session, which it refuses */
  turn (NULL, NULL, 1);
  g_assert_true (pw_store_is_offline (store));
  turn (NULL, store, 20);
  g_assert_false (pw_store_is_offline (store));
  g_assert_false (pw_store_set_pcn_text (store, pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Old", &error));
  assert_newer (error, uri);
  g_clear_error (&error);
  practices = pw_store_list_practices (store, pcn, &error);
  g_assert_null (practices);
  assert_newer (error, uri);
  g_clear_error (&error);
  /* and stays refused: it tries no new session */
  turn (NULL, NULL, 3);
  g_assert_false (pw_store_set_pcn_text (store, pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Old", &error));
  assert_newer (error, uri);
  g_clear_error (&error);

  /* a job's store: its first statement finds the session gone, the next
   * makes a new one, refused */
  g_assert_false (pw_store_set_pcn_text (job, pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Job", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_false (pw_store_set_pcn_text (job, pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Job", &error));
  assert_newer (error, uri);

  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pcn WHERE clinical_director <> ''"), ==, 0);
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM change_log"), ==, logged);
}

/* Another session holds a lock the save needs, past the server's
 * lock_timeout (the admin's setting; the store sets none): the save is
 * busy, not refused -- the queue keeps it, nothing is written, the store
 * stays online -- and once the lock is gone the retry writes it. */
static void
test_lock_kept (void)
{
  gint64 pcn = 0;
  g_autofree char *uri = new_workbook (&pcn);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  PwSaveQueue *queue;
  PGconn *holder;

  pw_test_pg_exec (uri, "DO $$BEGIN EXECUTE format ('ALTER DATABASE %I SET lock_timeout = ''200ms''',"
                        " current_database ()); END$$");
  store = pw_store_open (uri, &error);
  g_assert_no_error (error);
  queue = pw_save_queue_for_store (store);
  holder = PQconnectdb (uri);
  g_assert_cmpint (PQstatus (holder), ==, CONNECTION_OK);
  pw_test_pg_run (holder, "BEGIN");
  pw_test_pg_run (holder, "SELECT id FROM pcn FOR UPDATE");

  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/1/director", 0, save_director, "Dr Kept", NULL, &error),
                   ==, PW_SAVE_PENDING);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 1);
  g_assert_false (pw_store_is_offline (store));
  /* written directly, it says the workbook is busy (try again) */
  g_assert_false (pw_store_set_pcn_text (store, pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Direct", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "lock timeout"));
  g_clear_error (&error);
  g_assert_false (pw_save_queue_retry (queue));
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 1);

  pw_test_pg_run (holder, "ROLLBACK");
  PQfinish (holder);
  g_assert_true (pw_save_queue_retry (queue));
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 0);
  g_assert_false (pw_store_is_offline (store));
  g_assert_cmpint (pw_test_pg_sql_int (uri, "SELECT count(*) FROM pcn WHERE clinical_director = 'Dr Kept'"), ==, 1);
}

/* The tests run in a child process, so that the server is stopped however
 * they end (a failed assertion aborts).  A test that is terminated
 * (SIGTERM, SIGINT, SIGHUP: meson's timeout, mutate.py) kills the child;
 * and should this process be killed outright, the guardian still stops
 * the server. */
int
main (int   argc,
      char *argv[])
{
  struct sigaction end = { .sa_handler = on_end };   /* no SA_RESTART: waitpid returns */
  const int ends[] = { SIGTERM, SIGINT, SIGHUP };
  pid_t child, guardian;
  int status = 0, guarded;

  setlocale (LC_ALL, "");
  if (g_getenv ("PW_TEST_PG_URI") == NULL || g_getenv ("PW_PG_TEST_SERVER") == NULL)
    {
      printf ("1..0 # SKIP no PostgreSQL server: PW_TEST_PG_URI is not set (build-aux/test.sh sets it)\n");
      return 0;
    }
  sigemptyset (&end.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    sigaction (ends[i], &end, NULL);
  server_dir = g_dir_make_tmp ("pw-off-XXXXXX", NULL);
  g_assert_nonnull (server_dir);
  guardian = start_guardian (&guarded);
  server_uri = server ("start");
  fflush (stdout);
  child = ended_by ? -2 : fork ();
  g_assert_cmpint (child, !=, -1);
  if (child == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
        signal (ends[i], SIG_DFL);
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/pg-offline/edit-kept", test_edit_kept);
      g_test_add_func ("/pg-offline/nothing-half-written", test_nothing_half_written);
      g_test_add_func ("/pg-offline/silent-server", test_silent_server);
      g_test_add_func ("/pg-offline/newer-after-reconnect", test_newer_after_reconnect);
      g_test_add_func ("/pg-offline/lock-kept", test_lock_kept);
      _exit (g_test_run ());
    }
  while (child > 0)
    {
      if (ended_by)
        kill (child, SIGKILL);
      if (waitpid (child, &status, 0) >= 0 || errno != EINTR)
        break;
    }
  close (guarded);                 /* the guardian stops the server */
  wait_for_pid (guardian, NULL);
  g_free (server_uri);
  g_free (server_dir);
  return !ended_by && WIFEXITED (status) ? WEXITSTATUS (status) : 1;
}

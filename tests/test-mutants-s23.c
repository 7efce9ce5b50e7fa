/* Edges of the store that mutate.py found untested (last session's
 * survivors and seeds 2501 to 2504): checked through the product's own
 * API and output on real workbooks, on both engines where the store is
 * concerned.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>
#include <utime.h>

#include "pw-board.h"
#include "pw-maturity.h"
#include "pw-store.h"
#include "pw-store-boards.h"
#include "pw-workforce.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

/* The rows @sql yields from @path, as pw_test_append_rows () writes them. */
static char *
rows_of (const char *path,
         const char *sql)
{
  GString *out = g_string_new (NULL);

  pw_test_append_rows (out, path, sql);
  return g_string_free (out, FALSE);
}

/* A funding stream's value is recorded as the user reads it: an amount in
 * pounds, or a rate per patient (hundredths of a penny) in whole pence
 * (rounded down), a rate of 0 being a rate too. */
static void
test_funding_value_as_read (Fixture *f, gconstpointer data)
{
  static const struct { gint64 amount, rate; const char *shown; } cases[] = {
    { 777, 12345, "£1.23 per patient|\n" },
    { 777, 0, "£0.00 per patient|\n" },
    { 777, -1, "£7.77|\n" },
    { 0, 19999, "£1.99 per patient|\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = NULL;

      g_assert_true (pw_store_set_funding (f->store, f->pcn, 2025, PW_STREAM_DEVELOPMENT, cases[i].amount,
                                           cases[i].rate, &error));
      g_assert_no_error (error);
      shown = rows_of (f->path, "SELECT value FROM field_version WHERE tbl = 'funding' AND field = 'amount'");
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* A new workbook in @dir whose change log has @n rows and an index that
 * no longer matches them: @n problems for the whole-file check (and none
 * for the quick one, which does not read indexes' contents). */
static char *
damaged_workbook (const char *dir,
                  guint       n)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *sql = NULL;
  PwStore *store = pw_store_open (path, &error);

  g_assert_no_error (error);
  g_object_unref (store);
  sql = g_strdup_printf ("DELETE FROM change_log;"
                         "WITH RECURSIVE c (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %u)"
                         " INSERT INTO change_log (at, user, return_id, what) SELECT '2025-04-01', 'Test', i, 'x' FROM c;"
                         "PRAGMA writable_schema = ON;"
                         "UPDATE sqlite_schema SET sql = 'CREATE INDEX change_log_return ON change_log (locality_id)'"
                         " WHERE name = 'change_log_return';", n);
  pw_test_exec (path, sql);
  return path;
}

/* The whole-file check lists the first 100 problems it finds, and says
 * when there were more; up to 100, it lists them all and says nothing
 * more. */
static void
test_check_lists_first_hundred (void)
{
  static const guint problems[] = { 99, 100, 101, 150 };

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    {
      g_autofree char *dir = pw_test_tmpdir ();
      g_autofree char *path = damaged_workbook (dir, problems[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PwStore) store = pw_store_open (path, &error);
      g_autofree char *found = NULL, *quick = NULL;
      g_auto(GStrv) lines = NULL;
      guint listed = MIN (problems[i], 100);

      g_assert_no_error (error);
      g_assert_false (pw_store_check (store, "PRAGMA integrity_check", &found));
      lines = g_strsplit (found, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, listed + (problems[i] > 100) + 1);
      for (guint l = 0; l < listed; l++)
        {
          g_autofree char *expected = g_strdup_printf ("row %u missing from index change_log_return", l + 1);

          g_assert_cmpstr (lines[l], ==, expected);
        }
      if (problems[i] > 100)
        g_assert_cmpstr (lines[100], ==, "(The check found more problems than these first 100.)");
      g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");
      g_assert_true (pw_store_check (store, "PRAGMA quick_check", &quick));
      g_assert_cmpstr (quick, ==, "");
      g_clear_object (&store);
      pw_test_rmdir (dir);
    }
}

/* A domain past the last, or a field that is no text of a domain, is
 * refused in the store's words, whichever is wrong, and nothing is
 * written; the last domain and both texts are taken. */
static void
test_maturity_text_edges (Fixture *f, gconstpointer data)
{
  static const struct { guint domain; PwMaturityField field; } bad[] = {
    { PW_N_DOMAINS, PW_MATURITY_EVIDENCE }, { PW_N_DOMAINS, PW_MATURITY_SUPPORT },
    { PW_N_DOMAINS - 1, PW_MATURITY_LEVEL }, { 0, PW_MATURITY_N_FIELDS },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *texts = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pw_store_set_maturity_text (f->store, f->ret, bad[i].domain, bad[i].field, "Refused", &error));
      g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "There is no such domain or field");
      g_clear_error (&error);
    }
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM maturity WHERE evidence <> '' OR support <> ''"), ==, 0);
  g_assert_true (pw_store_set_maturity_text (f->store, f->ret, PW_N_DOMAINS - 1, PW_MATURITY_EVIDENCE, "Minutes", &error));
  g_assert_true (pw_store_set_maturity_text (f->store, f->ret, PW_N_DOMAINS - 1, PW_MATURITY_SUPPORT, "Training", &error));
  g_assert_no_error (error);
  texts = rows_of (f->path, "SELECT evidence, support FROM maturity WHERE evidence <> '' OR support <> ''");
  g_assert_cmpstr (texts, ==, "Minutes|Training|\n");
}

/* A maturity import with a domain past the last, or a level that is no
 * level, is refused as a whole, naming the value, whatever came before
 * it; the last domain and the edges of the levels are taken. */
static void
test_bulk_maturity_edges (Fixture *f, gconstpointer data)
{
  static const struct { guint domain; int level; } bad[] = {
    { PW_N_DOMAINS, 2 }, { PW_N_DOMAINS - 1, PW_LEVEL_STEP_3 + 1 }, { 0, PW_LEVEL_PRE_FOUNDATION - 1 },
    { 0, -1 }, { 0, PW_LEVEL_NONE + 1 },
  };
  static const int good[] = { PW_LEVEL_PRE_FOUNDATION, 0, PW_LEVEL_STEP_3 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      PwMaturityValue values[] = { { f->pcn, 2025, 0, 2, NULL, NULL },
                                   { f->pcn, 2025, bad[i].domain, bad[i].level, NULL, NULL } };
      PwBulkResult result = { 0 };

      g_assert_false (pw_store_import_maturity (f->store, "levels.csv", values, 2, NULL, NULL, NULL, &result, &error));
      g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "There is no such domain or level");
      g_assert_cmpuint (result.failed, ==, 1);
      g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM maturity WHERE level IS NOT NULL"), ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      PwMaturityValue value = { f->pcn, 2025, PW_N_DOMAINS - 1, good[i], NULL, NULL };
      PwBulkResult result = { 0 };
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM maturity WHERE level = %d", good[i]);

      g_assert_true (pw_store_import_maturity (f->store, "levels.csv", &value, 1, NULL, NULL, NULL, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (result.values_changed, ==, 1);
      g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 1);
    }
}

/* An edit of a practice is announced as a change to its PCN's practices
 * (the PCN's id), also its deletion; one of a practice in no PCN, or a
 * move between PCNs, as a change to practices in general (0). */
static void
test_practice_edits_announced (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwTestHeard heard = { 0 };
  gint64 practice = 0, loose = 0, other = 0;
  gulong handler;

  g_assert_true (pw_store_add_pcn (f->store, "U22222", "North PCN", 0, &other, &error));
  g_assert_true (pw_store_add_practice (f->store, f->pcn, "B10001", "One Surgery", 100, &practice, &error));
  g_assert_true (pw_store_add_practice (f->store, 0, "B10002", "Two Surgery", 200, &loose, &error));
  g_assert_no_error (error);
  handler = g_signal_connect (f->store, "changed", G_CALLBACK (pw_test_heard_cb), &heard);
  g_assert_true (pw_store_update_practice (f->store, practice, "B10001", "One Health Centre", 100, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_cmpstr (heard.table, ==, "practice");
  g_assert_cmpint (heard.id, ==, f->pcn);
  g_assert_true (pw_store_update_practice (f->store, loose, "B10002", "Two Health Centre", 200, &error));
  g_assert_cmpuint (heard.count, ==, 2);
  g_assert_cmpint (heard.id, ==, 0);
  g_assert_true (pw_store_move_practice (f->store, practice, other, &error));
  g_assert_cmpuint (heard.count, ==, 3);
  g_assert_cmpint (heard.id, ==, 0);
  g_assert_true (pw_store_delete_practice (f->store, practice, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.count, ==, 4);
  g_assert_cmpstr (heard.table, ==, "practice");
  g_assert_cmpint (heard.id, ==, other);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM practice"), ==, 1);
  g_signal_handler_disconnect (f->store, handler);
  pw_test_heard_clear (&heard);
}

/* The size of practice @code as the store reads it. */
static gint64
list_size_of (Fixture    *f,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPractice) practice = pw_store_find_practice (f->store, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (practice);
  return pw_row_get_int (PW_ROW (practice), PW_PRACTICE_LIST_SIZE);
}

/* Editing or deleting a practice leaves no read open behind it: what
 * another program then changes is what the store reads next, and the
 * store's own next edit is taken. */
static void
test_practice_edit_holds_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 one = 0, two = 0;

  g_assert_true (pw_store_add_practice (f->store, f->pcn, "B10001", "One Surgery", 100, &one, &error));
  g_assert_true (pw_store_add_practice (f->store, f->pcn, "B10002", "Two Surgery", 200, &two, &error));
  g_assert_true (pw_store_update_practice (f->store, one, "B10001", "One Health Centre", 100, &error));
  g_assert_no_error (error);
  pw_test_exec (f->path, "UPDATE practice SET list_size = 300 WHERE code = 'B10002'");    /* another program */
  g_assert_cmpint (list_size_of (f, "B10002"), ==, 300);
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr A Example", &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_delete_practice (f->store, one, &error));
  g_assert_no_error (error);
  pw_test_exec (f->path, "UPDATE practice SET list_size = 400 WHERE code = 'B10002'");
  g_assert_cmpint (list_size_of (f, "B10002"), ==, 400);
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr B Example", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE clinical_director = 'Dr B Example'"), ==, 1);
}

/* A go-between for a team workbook's server: a Unix socket where libpq
 * looks for one (.s.PGSQL.5432 in the host folder) that passes what a
 * client sends on at once and what the server answers a byte at a time,
 * so that each answer comes in pieces. */
typedef struct
{
  char *dir;                   /* the host folder clients are given */
  char *server;                /* the real server's socket */
  GSocket *listener;
  GCancellable *ended;
  GThread *thread;
  int hold;                    /* how many next connections to leave unanswered */
  GPtrArray *held;             /* those, kept open */
} Proxy;

typedef struct
{
  GSocket *from, *to;
  GCancellable *ended;
  gboolean dribble;
} Pump;

static gpointer
pump_thread (gpointer data)
{
  Pump *p = data;
  char buf[4096];
  gssize n;

  while ((n = g_socket_receive (p->from, buf, sizeof buf, p->ended, NULL)) > 0)
    for (gssize i = 0, step; i < n; i += step)
      {
        step = p->dribble ? 1 : n - i;
        if (p->dribble)
          g_usleep (200);
        if ((step = g_socket_send (p->to, buf + i, step, p->ended, NULL)) <= 0)
          break;
      }
  g_socket_shutdown (p->to, FALSE, TRUE, NULL);      /* the other side hears the end */
  g_object_unref (p->from);
  g_object_unref (p->to);
  g_object_unref (p->ended);
  g_free (p);
  return NULL;
}

static void
pump_start (GSocket      *from,
            GSocket      *to,
            GCancellable *ended,
            gboolean      dribble)
{
  Pump *p = g_new0 (Pump, 1);

  p->from = g_object_ref (from);
  p->to = g_object_ref (to);
  p->ended = g_object_ref (ended);
  p->dribble = dribble;
  g_thread_unref (g_thread_new ("pump", pump_thread, p));
}

static gpointer
proxy_thread (gpointer data)
{
  Proxy *proxy = data;
  GSocket *client;

  while ((client = g_socket_accept (proxy->listener, proxy->ended, NULL)) != NULL)
    {
      g_autoptr(GSocketAddress) address = NULL;
      g_autoptr(GSocket) server = NULL;

      if (g_atomic_int_get (&proxy->hold) > 0)
        {
          g_atomic_int_add (&proxy->hold, -1);
          g_ptr_array_add (proxy->held, client);
          continue;
        }
      address = g_unix_socket_address_new (proxy->server);
      server = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, NULL);

      if (server != NULL && g_socket_connect (server, address, proxy->ended, NULL))
        {
          pump_start (client, server, proxy->ended, FALSE);
          pump_start (server, client, proxy->ended, TRUE);
        }
      g_object_unref (client);
    }
  return NULL;
}

/* Starts a go-between for the server of the team workbook at @uri; the
 * URI through it in @out_uri. */
static Proxy *
proxy_start (const char  *uri,
             char       **out_uri)
{
  Proxy *proxy = g_new0 (Proxy, 1);
  const char *host = strstr (uri, "host=");
  g_autofree char *server_dir = NULL, *listen_path = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GString) through = g_string_new (uri);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (host);
  server_dir = g_strndup (host + 5, strcspn (host + 5, "&"));
  proxy->dir = pw_test_tmpdir ();
  proxy->server = g_build_filename (server_dir, ".s.PGSQL.5432", NULL);
  listen_path = g_build_filename (proxy->dir, ".s.PGSQL.5432", NULL);
  address = g_unix_socket_address_new (listen_path);
  proxy->listener = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (proxy->listener, address, FALSE, &error));
  g_assert_true (g_socket_listen (proxy->listener, &error));
  g_assert_no_error (error);
  proxy->ended = g_cancellable_new ();
  proxy->held = g_ptr_array_new_with_free_func (g_object_unref);
  proxy->thread = g_thread_new ("proxy", proxy_thread, proxy);
  g_string_replace (through, server_dir, proxy->dir, 1);
  g_string_append (through, "&connect_timeout=2");
  *out_uri = g_string_free (g_steal_pointer (&through), FALSE);
  return proxy;
}

static void
proxy_stop (Proxy *proxy)
{
  g_cancellable_cancel (proxy->ended);
  g_thread_join (proxy->thread);
  g_ptr_array_unref (proxy->held);
  g_socket_close (proxy->listener, NULL);
  g_object_unref (proxy->listener);
  g_object_unref (proxy->ended);
  pw_test_rmdir (proxy->dir);
  g_free (proxy->dir);
  g_free (proxy->server);
  g_free (proxy);
}

/* Runs the main loop while @store's being offline is @offline, for at
 * most @seconds. */
static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
turn_while (PwStore  *store,
            gboolean  offline,
            double    seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  GSource *tick = g_timeout_source_new (20);

  g_source_set_callback (tick, tick_cb, NULL, NULL);
  g_source_attach (tick, NULL);
  while (pw_store_is_offline (store) == offline && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (tick);
  g_source_unref (tick);
}

/* A store whose server ended its session finds it again by itself in its
 * main loop, without an edit to prompt it: a first try that the server
 * lets in and then leaves unanswered is given up at the URI's
 * connect_timeout and tried again; on that next try every answer of the
 * server comes in pieces, and the new session's checks wait for the rest
 * of an answer (they do not stall half read).  Then its edits are saved
 * again. */
static void
test_renewal_answered_in_pieces (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *through = NULL;
  Proxy *proxy = proxy_start (f->path, &through);
  PwStore *store = pw_store_open (through, &error);

  g_assert_no_error (error);
  g_assert_false (pw_store_is_offline (store));
  g_atomic_int_set (&proxy->hold, 1);
  pw_test_exec (f->path, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                         " WHERE datname = current_database () AND pid <> pg_backend_pid ()");
  turn_while (store, FALSE, 10);
  g_assert_true (pw_store_is_offline (store));
  turn_while (store, TRUE, 20);
  g_assert_false (pw_store_is_offline (store));
  g_assert_cmpuint (proxy->held->len, ==, 1);
  g_assert_true (pw_store_set_pcn_text (store, f->pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Pieces", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE clinical_director = 'Dr Pieces'"), ==, 1);
  g_object_unref (store);
  proxy_stop (proxy);
}

/* Writes file @name in @dir, last changed @age seconds before @now. */
static void
write_aged (const char *dir,
            const char *name,
            gint64      now,
            gint64      age)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times = { now - age, now - age };

  pw_test_write (path, "x");
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* The day's copy removes the pieces of copies a killed backup left behind
 * once they are over an hour old, every one of them, and leaves those an
 * hour old or younger (one may be being written now).  Tried again in the
 * rare case the clock's second turned meanwhile, so that the edges are
 * exact. */
static void
test_prune_removes_old_pieces (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = pw_store_backup_dir (f->store);
  g_autoptr(GDateTime) today = g_date_time_new_utc (2025, 6, 30, 12, 0, 0);
  gint64 now = 0;

  for (guint tries = 0; tries < 5 && (tries == 0 || time (NULL) != now); tries++)
    {
      g_autoptr(GError) error = NULL;

      pw_test_rmdir (dir);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      now = time (NULL);
      write_aged (dir, "2025-06-29.db.partial-ZZZ", now, 7200);
      write_aged (dir, "2025-06-29.db.partial-YYY", now, 3601);
      write_aged (dir, "2025-06-29.db.partial-XXX", now, 3600);
      write_aged (dir, "2025-06-29.db.partial-WWW", now, 3599);
      write_aged (dir, "2025-06-28.db.partial-AAA", now, 86400);
      g_assert_true (pw_store_daily_backup (f->store, today, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (time (NULL), ==, now);
  {
    g_autofree char *left = pw_test_names_in (dir);

    g_assert_cmpstr (left, ==, "2025-06-29.db.partial-WWW 2025-06-29.db.partial-XXX 2025-06-30.db");
  }
  pw_test_rmdir (dir);
}

/* A commit the server refuses (a check it defers to the commit) fails
 * the edit with the server's words and nothing of it is saved or
 * announced; the store is not left in a transaction: its next edit is
 * saved. */
static void
test_refused_commit_fails (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwTestHeard heard = { 0 };
  gulong handler;

  pw_test_exec (f->path, "CREATE FUNCTION test_refuse () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                         " IF NEW.clinical_director = 'Dr Refused' THEN RAISE EXCEPTION 'Refused at commit'; END IF;"
                         " RETURN NULL; END $$;"
                         "CREATE CONSTRAINT TRIGGER test_refuse AFTER UPDATE ON pcn DEFERRABLE INITIALLY DEFERRED"
                         " FOR EACH ROW EXECUTE FUNCTION test_refuse ();");
  handler = g_signal_connect (f->store, "changed", G_CALLBACK (pw_test_heard_cb), &heard);
  g_assert_false (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Refused", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Refused at commit"));
  g_clear_error (&error);
  g_assert_cmpuint (heard.count, ==, 0);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE clinical_director = ''"), ==, 1);
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr Taken", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE clinical_director = 'Dr Taken'"), ==, 1);
  g_signal_handler_disconnect (f->store, handler);
  pw_test_heard_clear (&heard);
}

/* The id of the row @sql finds, read behind the store's back. */
#define ID_OF(f, sql) pw_test_sql_int ((f)->path, sql)

/* The latest entry of the change log, as "what|new value|". */
static char *
last_logged (Fixture *f)
{
  return rows_of (f->path, "SELECT what, new_value FROM change_log ORDER BY id DESC LIMIT 1");
}

/* Putting a board's action, risk or member gives the id of the row put,
 * whether it adds one or updates the one with that reference (or name)
 * after others were added, and logs it as it now is. */
static void
test_board_puts_give_ids (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 north = 0, id = 0;
  g_autofree char *logged = NULL;

  g_assert_true (pw_store_add_locality (f->store, "North", &north, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      const char *ref = i == 1 ? "A2" : "A1";
      g_autoptr(PwBoardAction) a = g_object_new (PW_TYPE_BOARD_ACTION, "locality-id", north, "ref", ref,
                                                 "text", i == 2 ? "Agree the pathway again" : "Agree the pathway",
                                                 "owner", "Ó Briain", "due", "2026-03-31",
                                                 "status", (gint64) PW_ACTION_OPEN, NULL);

      g_assert_true (pw_store_put_action (f->store, a, &id, &error));
      g_assert_no_error (error);
      g_assert_cmpint (id, ==, i == 1 ? ID_OF (f, "SELECT id FROM board_action WHERE ref = 'A2'")
                                      : ID_OF (f, "SELECT id FROM board_action WHERE ref = 'A1'"));
    }
  g_assert_cmpint (ID_OF (f, "SELECT count(*) FROM board_action WHERE text = 'Agree the pathway again'"), ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      const char *ref = i == 1 ? "R2" : "R1";
      g_autoptr(PwBoardRisk) r = g_object_new (PW_TYPE_BOARD_RISK, "locality-id", north, "ref", ref,
                                               "description", "Workforce gaps", "likelihood", (gint64) 3,
                                               "impact", (gint64) (i == 2 ? 5 : 4), "owner", "O'Neill", NULL);

      g_assert_true (pw_store_put_risk (f->store, r, &id, &error));
      g_assert_no_error (error);
      g_assert_cmpint (id, ==, i == 1 ? ID_OF (f, "SELECT id FROM board_risk WHERE ref = 'R2'")
                                      : ID_OF (f, "SELECT id FROM board_risk WHERE ref = 'R1'"));
      g_clear_pointer (&logged, g_free);
      logged = last_logged (f);
      g_assert_cmpstr (logged, ==, i == 0 ? "Risk R1|Workforce gaps · L3 × I4 = 12 · O'Neill|\n"
                                   : i == 1 ? "Risk R2|Workforce gaps · L3 × I4 = 12 · O'Neill|\n"
                                   : "Risk R1|Workforce gaps · L3 × I5 = 15 · O'Neill|\n");
    }
  for (guint i = 0; i < 3; i++)
    {
      const char *name = i == 1 ? "Dr B Example" : "Dr A Example";
      g_autoptr(PwBoardMember) m = g_object_new (PW_TYPE_BOARD_MEMBER, "locality-id", north, "name", name,
                                                 "organisation", "Riverside PCN", "sector", (gint64) 0,
                                                 "role", (gint64) (i == 2 ? 1 : 0), NULL);

      g_assert_true (pw_store_put_member (f->store, m, &id, &error));
      g_assert_no_error (error);
      g_assert_cmpint (id, ==, i == 1 ? ID_OF (f, "SELECT id FROM board_member WHERE name = 'Dr B Example'")
                                      : ID_OF (f, "SELECT id FROM board_member WHERE name = 'Dr A Example'"));
      g_clear_pointer (&logged, g_free);
      logged = last_logged (f);
      g_assert_nonnull (strstr (logged, name));
      g_assert_null (strstr (logged, "||"));     /* the member as now, not nothing */
    }
}

/* A year's list whose "as at" date cannot be read (another program put
 * something that fails when read in place of the profiles' state) fails
 * with the workbook's own words, not silently. */
static void
test_year_as_at_unreadable (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) pcns = NULL;
  g_autofree char *as_at = NULL;

  if (pw_test_on_pg ())
    pw_test_exec (f->path, "CREATE FUNCTION test_fail () RETURNS text LANGUAGE plpgsql VOLATILE AS $$ BEGIN"
                           " RAISE EXCEPTION 'Unreadable in the test'; END $$;"
                           "ALTER TABLE profile_state RENAME TO profile_state_kept;"
                           "CREATE VIEW profile_state AS SELECT test_fail () AS changed_on;");
  else
    pw_test_exec (f->path, "ALTER TABLE profile_state RENAME TO profile_state_kept;"
                           "CREATE VIEW profile_state AS SELECT abs (-9223372036854775807 - 1) AS changed_on;");
  pcns = pw_store_list_pcns_for_year (f->store, 2025, &as_at, &error);
  g_assert_null (pcns);
  g_assert_null (as_at);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, pw_test_on_pg () ? "Unreadable in the test" : "integer overflow"));
}

/* Undoing a PCN's deletion that the workbook refuses fails with the
 * workbook's words, said once, and nothing is put back: whether another
 * program took the table away (the statement cannot be prepared) or
 * added a rule that refuses the PCN put back (one failing as any
 * statement may, one as a check). */
static void
test_undo_refused_says_why (Fixture *f, gconstpointer data)
{
  static const char *const on_pg[][2] = {
    { "ALTER TABLE pcn RENAME TO pcn_gone", "ALTER TABLE pcn_gone RENAME TO pcn" },
    { "CREATE FUNCTION test_refuse () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
      " RAISE EXCEPTION 'Refused in the test'; END $$;"
      "CREATE TRIGGER test_refuse BEFORE INSERT ON pcn FOR EACH ROW EXECUTE FUNCTION test_refuse ();",
      "DROP TRIGGER test_refuse ON pcn" },
    { "CREATE FUNCTION test_check () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
      " RAISE EXCEPTION USING ERRCODE = '23514', MESSAGE = 'Checked in the test'; END $$;"
      "CREATE TRIGGER test_check BEFORE INSERT ON pcn FOR EACH ROW EXECUTE FUNCTION test_check ();",
      "DROP TRIGGER test_check ON pcn" },
  };
  static const char *const on_file[][2] = {
    { "ALTER TABLE pcn RENAME TO pcn_gone", "ALTER TABLE pcn_gone RENAME TO pcn" },
    { "CREATE TRIGGER test_refuse BEFORE INSERT ON pcn BEGIN SELECT abs (-9223372036854775807 - 1); END",
      "DROP TRIGGER test_refuse" },
    { "CREATE TRIGGER test_check BEFORE INSERT ON pcn BEGIN SELECT RAISE(ABORT, 'Checked in the test'); END",
      "DROP TRIGGER test_check" },
  };
  const char *const said[] = { pw_test_on_pg () ? "relation \"pcn\" does not exist" : "no such table: pcn",
                               pw_test_on_pg () ? "Refused in the test" : "integer overflow", "Checked in the test" };
  static const char *const codes[] = { "U22222", "U33333", "U44444" };

  for (guint i = 0; i < G_N_ELEMENTS (said); i++)
    {
      g_autoptr(GError) error = NULL;
      PwStoreUndo *undo = NULL;
      gint64 pcn = 0;

      g_assert_true (pw_store_add_pcn (f->store, codes[i], "Brook PCN", 0, &pcn, &error));
      g_assert_true (pw_store_delete_pcn (f->store, pcn, &undo, &error));
      g_assert_no_error (error);
      g_assert_nonnull (undo);
      pw_test_exec (f->path, pw_test_on_pg () ? on_pg[i][0] : on_file[i][0]);
      /* a read, so that SQLite's connection knows the new tables before
       * it prepares what puts the PCN back */
      g_assert_null (pw_store_find_practice (f->store, "B99999", &error));
      g_assert_no_error (error);
      g_assert_false (pw_store_undo (f->store, undo, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, said[i]));
      pw_test_exec (f->path, pw_test_on_pg () ? on_pg[i][1] : on_file[i][1]);
      g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE code <> 'U12345'"), ==, 0);
      pw_store_undo_free (undo);
    }
}

/* A backup folder that cannot be read (a file stands where it should be)
 * makes the list of backups fail, saying why; one not made yet lists
 * none. */
static void
test_backups_unreadable (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = pw_store_backup_dir (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL, listed = NULL;

  pw_test_rmdir (dir);
  none = pw_store_list_backups (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);
  pw_test_write (dir, "not a folder");
  listed = pw_store_list_backups (f->store, &error);
  g_assert_null (listed);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_cmpint (g_remove (dir), ==, 0);
}

/* @n characters, each two bytes long ("é"), then @tail. */
static char *
accented (guint       n,
          const char *tail)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, "é");
  g_string_append (s, tail);
  return g_string_free (s, FALSE);
}

/* A DES specification's or funding stream's name of 120 characters (240
 * bytes) is taken, also as a new name; one of 121 is refused. */
static void
test_contract_name_edges (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *longest = accented (119, "a"), *renamed = accented (119, "b"), *over = accented (120, "a");
  guint spec = 0;

  g_assert_true (pw_store_add_contract_item (f->store, PW_CONTRACT_DES, longest, 2025, 0, NULL, &spec, &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_rename_contract_item (f->store, PW_CONTRACT_DES, spec, renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_store_contract_name (f->store, PW_CONTRACT_DES, spec), ==, renamed);
  g_assert_false (pw_store_add_contract_item (f->store, PW_CONTRACT_STREAM, over, 2025, 0, NULL, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A name can be at most 120 characters");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define ADD(name, year, fn) \
  g_test_add ("/mutants-s23/" name, Fixture, year, pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  ADD ("funding-value-as-read", GINT_TO_POINTER (2025), test_funding_value_as_read);
  ADD ("maturity-text-edges", GINT_TO_POINTER (2025), test_maturity_text_edges);
  ADD ("bulk-maturity-edges", GINT_TO_POINTER (2025), test_bulk_maturity_edges);
  ADD ("practice-edits-announced", NULL, test_practice_edits_announced);
  ADD ("practice-edit-holds-nothing", NULL, test_practice_edit_holds_nothing);
  ADD ("board-puts-give-ids", NULL, test_board_puts_give_ids);
  ADD ("year-as-at-unreadable", NULL, test_year_as_at_unreadable);
  ADD ("undo-refused-says-why", NULL, test_undo_refused_says_why);
  ADD ("contract-name-edges", NULL, test_contract_name_edges);
  if (!pw_test_on_pg ())
    {
      g_test_add_func ("/mutants-s23/check-lists-first-hundred", test_check_lists_first_hundred);
      ADD ("prune-removes-old-pieces", NULL, test_prune_removes_old_pieces);
      ADD ("backups-unreadable", NULL, test_backups_unreadable);
    }
  else
    {
      ADD ("renewal-answered-in-pieces", NULL, test_renewal_answered_in_pieces);
      ADD ("refused-commit-fails", NULL, test_refused_commit_fails);
    }
  return g_test_run ();
}

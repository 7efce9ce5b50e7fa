/* pw-db-pg.c — the PostgreSQL engine: a team workbook on a server (libpq)
 *
 * A workbook opened by a libpq connection URI (postgresql://host/db or
 * postgres://...) lives on a PostgreSQL server.  The password comes from
 * ~/.pgpass or libpq's environment (PGPASSWORD, PGSERVICE...), never from
 * us: the store keeps the URI with any password taken out.
 *
 * Statements are rewritten once into PostgreSQL's dialect
 * (pw-db-pg-dialect.c) and prepared on the server, once per connection;
 * their results are read as text.  The schema's version and the
 * application's id, which SQLite keeps in the file's header, are rows of
 * pw_meta: a database holding other tables, another application's
 * pw_meta, or a newer schema is refused before anything is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "pw-db-pg.h"
#include "pw-db-pg-lib.h"
#include "pw-store-roles.h"
#include "pw-store-private.h"

#define INT8OID 20
#define TEXTOID 25
/* Seconds a connection may take, unless the URI says (connect_timeout=):
 * a new session after the server went away is made on the main thread. */
#define CONNECT_TIMEOUT "5"
/* After a slow failed reconnect, how long statements fail at once rather
 * than freeze the window again. */
#define RECONNECT_PAUSE_US (15 * G_USEC_PER_SEC)
/* How often an idle store tries to find its server again. */
#define RECONNECT_SECONDS 2

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static void lost (PwStore *self);
static void stop_renewing (PwStore *self);
static gboolean refuse_newer (PwStore  *self,
                              GError  **error);

/* Keeps the server's message for @res, and maps its SQLSTATE onto a
 * result code (pw-db.h). */
int
pg_take_error (PwStore        *self,
               const PGresult *res)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *constraint = res ? PQresultErrorField (res, PG_DIAG_CONSTRAINT_NAME) : NULL;
  const char *message = res ? PQresultErrorMessage (res) : NULL;

  g_free (self->pg_message);
  self->pg_message = g_strstrip (g_strdup (message && *message ? message : PQerrorMessage (self->pg)));
  if (PQstatus (self->pg) == CONNECTION_BAD)
    return (lost (self), DB_IOERR);
  if (state == NULL)
    return DB_ERROR;
  if (strcmp (state, "23505") == 0)
    return constraint && g_str_has_suffix (constraint, "_pkey") ? DB_CONSTRAINT_PRIMARYKEY : DB_CONSTRAINT_UNIQUE;
  if (g_str_has_prefix (state, "23"))
    return DB_CONSTRAINT;
  if (strcmp (state, "42501") == 0)
    {
      /* refused by a role: pg_error () says so in the user's words */
      g_free (self->pg_message);
      self->pg_message = g_strdup (PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY));
      return DB_PERM;
    }
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0 || strcmp (state, "55P03") == 0)
    return DB_BUSY;
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    return DB_IOERR;
  return DB_ERROR;
}

gboolean
pg_error (PwStore  *self,
          GError  **error,
          int       rc)
{
  int code = PW_STORE_ERROR_FAILED;

  /* a new session found the workbook migrated by a newer build */
  if (self->schema_version > PW_STORE_SCHEMA_VERSION)
    return refuse_newer (self, error);
  switch (rc)
    {
    case DB_CONSTRAINT_UNIQUE: case DB_CONSTRAINT_PRIMARYKEY: code = PW_STORE_ERROR_EXISTS; break;
    case DB_CONSTRAINT: code = PW_STORE_ERROR_INVALID; break;
    case DB_PERM: code = PW_STORE_ERROR_PERMISSION; break;
    case DB_BUSY: code = PW_STORE_ERROR_BUSY; break;
    case DB_IOERR: code = PW_STORE_ERROR_OFFLINE; break;
    default: break;
    }
  if (rc == DB_PERM)
    {
      g_autofree char *refusal = pg_refusal (self, self->pg_message);
      g_set_error_literal (error, PW_STORE_ERROR, code, refusal);
    }
  else if (rc == DB_IOERR)
    g_set_error (error, PW_STORE_ERROR, code,
                 _("The team workbook “%s” cannot be reached: %s "
                   "The change was not saved; try again when the server is back."),
                 self->path, self->pg_message ? self->pg_message : "");
  else
    g_set_error (error, PW_STORE_ERROR, code, _("Team workbook “%s”: %s"),
                 self->path, self->pg_message ? self->pg_message : "");
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */

static gboolean connected (PwStore  *self,
                           gboolean  starts_unit);

PwDbStmt *
pg_prepare (PwStore     *self,
            const char  *sql,
            GError     **error)
{
  PwDbStmt *stmt = g_new0 (PwDbStmt, 1);

  stmt->store = self;
  stmt->sql = pg_dialect (sql, &stmt->n_params, &stmt->returns_id);
  stmt->name = g_strdup_printf ("pw%u", ++self->pg_serial);
  stmt->params = g_new0 (char *, stmt->n_params + 1);
  stmt->types = g_new0 (unsigned int, stmt->n_params + 1);
  stmt->row = -1;
  return stmt;
}

/* @type: 'i' the integer @n, 't' the text @s, 'I' or 'T' NULL as either;
 * 'u' @s (or NULL) for a column of any type. */
void
pg_bind (PwDbStmt   *stmt,
         int         i,
         char        type,
         gint64      n,
         const char *s)
{
  if (i < 1 || (guint) i > stmt->n_params)
    return;
  g_free (stmt->params[i - 1]);
  stmt->params[i - 1] = type == 'i' ? g_strdup_printf ("%" G_GINT64_FORMAT, n)
                        : type == 't' || type == 'u' ? g_strdup (s) : NULL;
  /* The types of the first binding are the statement's; a row's values
   * as text ('u') take their columns' types. */
  if (!stmt->prepared)
    stmt->types[i - 1] = type == 'i' || type == 'I' ? INT8OID : type == 'u' ? 0 : TEXTOID;
}

/* ------------------------------------------------------------------ */

static int
execute (PwDbStmt *stmt)
{
  PwStore *self = stmt->store;
  ExecStatusType status;
  int rc;

  if (!connected (self, FALSE))
    return DB_IOERR;
  if ((rc = pg_batch_wait (self)) != DB_OK)
    return rc;
  if (!stmt->prepared)
    {
      PGresult *res = PQprepare (self->pg, stmt->name, stmt->sql, stmt->n_params, stmt->types);
      rc = PQresultStatus (res) == PGRES_COMMAND_OK ? DB_OK : pg_take_error (self, res);
      PQclear (res);
      if (rc != DB_OK)
        return rc;
      stmt->prepared = TRUE;
    }
  stmt->res = PQexecPrepared (self->pg, stmt->name, stmt->n_params, (const char *const *) stmt->params,
                              NULL, NULL, 0);
  status = PQresultStatus (stmt->res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      rc = pg_take_error (self, stmt->res);
      g_clear_pointer (&stmt->res, PQclear);
      return rc;
    }
  /* Rows changed, as SQLite counts them: a SELECT's rows are not. */
  if (!g_str_has_prefix (PQcmdStatus (stmt->res), "SELECT"))
    {
      self->pg_changes = g_ascii_strtoll (PQcmdTuples (stmt->res), NULL, 10);
      self->pg_total_changes += self->pg_changes;
    }
  if (stmt->returns_id && PQntuples (stmt->res) > 0)
    self->pg_last_id = g_ascii_strtoll (PQgetvalue (stmt->res, PQntuples (stmt->res) - 1, 0), NULL, 10);
  return DB_OK;
}

int
pg_step (PwDbStmt *stmt)
{
  if (stmt->res == NULL)
    {
      int rc = execute (stmt);
      if (rc != DB_OK)
        return rc;
    }
  /* An INSERT's returned ids are the statement's business, not rows. */
  if (stmt->returns_id || PQresultStatus (stmt->res) != PGRES_TUPLES_OK)
    return DB_DONE;
  if (stmt->row + 1 < PQntuples (stmt->res))
    {
      stmt->row++;
      return DB_ROW;
    }
  return DB_DONE;
}

int
pg_reset (PwDbStmt *stmt)
{
  g_clear_pointer (&stmt->res, PQclear);
  stmt->row = -1;
  return DB_OK;
}

const char *
pg_text (PwDbStmt *stmt,
         int       col)
{
  if (stmt->res == NULL || stmt->row < 0 || PQgetisnull (stmt->res, stmt->row, col))
    return NULL;
  return PQgetvalue (stmt->res, stmt->row, col);
}

/* SQLite has no booleans: a comparison's t or f reads as 1 or 0. */
gint64
pg_column_int64 (PwDbStmt *stmt,
          int       col)
{
  const char *s = pg_text (stmt, col);

  if (s == NULL)
    return 0;
  if (s[0] == 't' || s[0] == 'f')
    return s[0] == 't';
  return g_ascii_strtoll (s, NULL, 10);
}

gboolean
pg_is_null (PwDbStmt *stmt,
            int       col)
{
  return pg_text (stmt, col) == NULL;
}

int
pg_column_count (PwDbStmt *stmt)
{
  return stmt->res ? PQnfields (stmt->res) : 0;
}

void
pg_finalize (PwDbStmt *stmt)
{
  g_clear_pointer (&stmt->res, PQclear);
  for (guint i = 0; i < stmt->n_params; i++)
    g_free (stmt->params[i]);
  g_free (stmt->params);
  g_free (stmt->types);
  g_free (stmt->name);
  g_free (stmt->sql);
}

gboolean
pg_exec_script (PwStore     *self,
                const char  *sql,
                GError     **error)
{
  g_autofree char *text = NULL;
  PGresult *res;
  ExecStatusType status;
  int rc = DB_OK;

  if (!connected (self, g_str_has_prefix (sql, "BEGIN")))
    return pg_error (self, error, DB_IOERR);
  rc = pg_batch_wait (self);
  /* A ROLLBACK ends a batch's transaction whatever happened in it. */
  if (rc != DB_OK && strcmp (sql, "ROLLBACK") != 0)
    return pg_error (self, error, rc);
  rc = DB_OK;
  text = pg_dialect (sql, NULL, NULL);
  res = PQexec (self->pg, text);
  status = PQresultStatus (res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
    rc = pg_take_error (self, res);
  PQclear (res);
  return rc == DB_OK ? TRUE : pg_error (self, error, rc);
}

static void
drop_source (GSource **source)
{
  if (*source != NULL)
    g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

void
pg_close (PwStore *self)
{
  drop_source (&self->pg_watch);
  stop_renewing (self);
  g_clear_pointer (&self->pg_context, g_main_context_unref);
  g_clear_pointer (&self->pg, PQfinish);
  g_clear_pointer (&self->pg_role, g_free);
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

/* Whether @path names a team workbook rather than a file. */
gboolean
pw_db_is_uri (const char *path)
{
  return g_str_has_prefix (path, "postgresql://") || g_str_has_prefix (path, "postgres://");
}

/* Says why the server could not be used, in the words a user can act on. */
static gboolean
refuse_connection (PwStore     *self,
                   GError     **error)
{
  g_autofree char *why = g_strstrip (g_strdup (PQerrorMessage (self->pg)));
  g_autofree char *reason = NULL;
  int code = PW_STORE_ERROR_IO;

  if (PQconnectionNeedsPassword (self->pg) || strstr (why, "password authentication failed") != NULL)
    {
      code = PW_STORE_ERROR_PERMISSION;
      reason = g_strdup_printf (_("the server refused the password (%s). PCN Workbook never stores passwords: "
                                  "put the right one in your ~/.pgpass file (on Windows, %%APPDATA%%\\postgresql\\pgpass.conf)."),
                                why);
    }
  else if (g_str_has_prefix (why, "invalid "))
    {
      code = PW_STORE_ERROR_INVALID;
      reason = g_strdup_printf (_("it is not a PostgreSQL address such as postgresql://server/database (%s)."), why);
    }
  else if (strstr (why, "does not exist") != NULL)
    {
      code = PW_STORE_ERROR_NOT_FOUND;
      reason = g_strdup_printf (_("the server has no such database or user (%s)."), why);
    }
  else
    reason = g_strdup_printf (_("the server cannot be reached (%s). Check the address and that the server is running."),
                              why);
  return refuse (self, error, code, reason);
}

/* The store names the workbook by its URI with any password taken out. */
static char *
without_password (const char *uri)
{
  g_autoptr(GRegex) userinfo = g_regex_new ("^(postgres(ql)?://[^/@:]*):[^/@]*@", 0, 0, NULL);
  g_autoptr(GRegex) param = g_regex_new ("(?<=[?&])password=[^&]*(&|$)", 0, 0, NULL);
  g_autoptr(GRegex) dangling = g_regex_new ("[?&]$", 0, 0, NULL);
  g_autofree char *a = g_regex_replace (userinfo, uri, -1, 0, "\\1@", 0, NULL);
  g_autofree char *b = g_regex_replace_literal (param, a, -1, 0, "", 0, NULL);

  /* The same workbook is named the same, wherever its password was. */
  return g_regex_replace_literal (dangling, b, -1, 0, "", 0, NULL);
}

static void
ignore_notice (void       *data,
               const char *message)
{
}

/* The schema's version in pw_meta; 0 for an empty database, -1 (and
 * @error) for one that is not ours or is newer than this build. */
static gint64
check_meta (PwStore  *self,
            GError  **error)
{
  gint64 version = 0, app_id = 0;
  int rc;
  PwDbStmt *stmt = query (self, error, "SELECT (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()),"
                                       " to_regclass('pw_meta') IS NOT NULL", NULL);

  if (stmt == NULL || db_step (stmt) != DB_ROW)
    return -1;
  if (db_int64 (stmt, 0) > 0 && !db_int64 (stmt, 1))
    return (refuse (self, error, PW_STORE_ERROR_NOT_DATABASE,
                    _("the database holds tables of another application, not a PCN Workbook.")), -1);
  if (!db_int64 (stmt, 1))
    return 0;
  stmt = query (self, error, "SELECT (SELECT value FROM pw_meta WHERE key = 'application_id'),"
                             "       (SELECT value FROM pw_meta WHERE key = 'user_version')", NULL);
  if (stmt == NULL)
    return -1;
  if ((rc = db_step (stmt)) != DB_ROW)   /* a user without a role may not read it */
    return (db_error (self, error, rc), -1);
  app_id = db_int64 (stmt, 0);
  version = db_int64 (stmt, 1);
  if (app_id != PW_APPLICATION_ID)
    return (refuse (self, error, PW_STORE_ERROR_NOT_DATABASE,
                    _("the database belongs to another application, not a PCN Workbook.")), -1);
  if (version > PW_STORE_SCHEMA_VERSION)
    return (refuse_newer (self, error), -1);
  return version;
}

/* Creates or upgrades the schema in one transaction: the same migrations
 * as a file's, in PostgreSQL's words. */
/* Whether `init` gave the workbook its roles (pw-db-pg-roles.c). */
static gboolean
has_roles (PwStore *self)
{
  PGresult *res = PQexec (self->pg, "SELECT to_regclass('pw_grant') IS NOT NULL");
  gboolean has = PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1 &&
                 strcmp (PQgetvalue (res, 0, 0), "t") == 0;

  PQclear (res);
  return has;
}

static gboolean
migrate (PwStore     *self,
         gint64       version,
         GError     **error)
{
  g_autofree char *meta = NULL;
  gboolean ok;

  if (version == PW_STORE_SCHEMA_VERSION)
    return TRUE;
  ok = exec_script (self, "BEGIN", error);
  if (ok && version == 0)
    ok = exec_script (self, PG_PRELUDE, error) &&
         exec_script (self, "CREATE TABLE pw_meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL)", error);
  for (gint64 v = version; ok && v < PW_STORE_SCHEMA_VERSION; v++)
    ok = exec_script (self, migrations[v], error);
  meta = g_strdup_printf ("INSERT INTO pw_meta VALUES ('application_id', %d), ('user_version', %d)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          PW_APPLICATION_ID, PW_STORE_SCHEMA_VERSION);
  ok = ok && exec_script (self, PG_AFTER_MIGRATION, error) && exec_script (self, meta, error) &&
       exec_script (self, "COMMIT", error);
  if (!ok)
    exec_script (self, "ROLLBACK", NULL);
  /* A migration that rebuilt a table (or added one) left it without the
   * roles' grants and policies: the owner, who alone may migrate, renews
   * them, so that nobody's rights change with the version. */
  return ok && (version == 0 || !has_roles (self) || pw_store_setup_roles (self, error));
}

/* ------------------------------------------------------------------ */
/* Following other people's changes                                    */

/* Tells the other connections, when the open transaction commits, what it
 * changed: "table:id", or ":0" for many rows. */
gboolean
pg_notify_change (PwStore  *self,
                  GError  **error)
{
  const char *table = self->pending_count == 1 && self->pending_table ? self->pending_table : "";
  gint64 id = self->pending_count == 1 ? self->pending_id : 0;
  g_autofree char *payload = g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, id);
  PwDbStmt *stmt = query (self, error, "SELECT pg_notify('pw_changed', ?1)", "t", payload);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = db_step (stmt);
  db_reset (stmt);
  return rc == DB_ROW || db_error (self, error, rc);
}

/* Announces what other connections changed, as the server told us; TRUE if
 * anything.  Our own notifications come back too, and are skipped. */
gboolean
pg_take_notifications (PwStore *self)
{
  PGnotify *n;
  gboolean any = FALSE;

  if (self->pg == NULL || !PQconsumeInput (self->pg))
    return FALSE;
  while ((n = PQnotifies (self->pg)) != NULL)
    {
      if (n->be_pid != PQbackendPID (self->pg))
        {
          const char *colon = strrchr (n->extra, ':');
          g_autofree char *table = colon ? g_strndup (n->extra, colon - n->extra) : NULL;

          announce (self, table && *table ? g_intern_string (table) : NULL,
                    colon ? g_ascii_strtoll (colon + 1, NULL, 10) : 0);
          any = TRUE;
        }
      PQfreemem (n);
    }
  return any;
}

static gboolean
socket_ready (GIOChannel   *channel,
              GIOCondition  condition,
              gpointer      data)
{
  PwStore *self = data;

  pg_take_notifications (self);
  if (PQstatus (self->pg) == CONNECTION_BAD)
    {
      g_clear_pointer (&self->pg_watch, g_source_unref);
      lost (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* A source on the connection's socket, for @condition, on the store's main
 * context: through GIOChannel, which GLib provides on Unix and, for
 * sockets, on Windows (g_unix_fd_add () would be Unix only).  No polling:
 * nothing runs until the socket is ready. */
static GSource *
socket_source (PwStore      *self,
               GIOCondition  condition,
               GIOFunc       func,
               const char   *name)
{
  GIOChannel *channel;
  GSource *source;

#ifdef G_OS_WIN32
  channel = g_io_channel_win32_new_socket (PQsocket (self->pg));
#else
  channel = g_io_channel_unix_new (PQsocket (self->pg));
#endif
  source = g_io_create_watch (channel, condition);
  g_source_set_callback (source, G_SOURCE_FUNC (func), self, NULL);
  g_source_set_name (source, name);
  g_source_attach (source, self->pg_context);
  g_io_channel_unref (channel);
  return source;
}

/* Wakes the main context when the server sends a notification. */
static void
watch_notifications (PwStore *self)
{
  if (self->pg_context == NULL)
    return;                    /* a job's store: nobody listens */
  self->pg_watch = socket_source (self, G_IO_IN | G_IO_HUP | G_IO_ERR, socket_ready,
                                  "[pcn-workbook] team workbook notifications");
}

/* ------------------------------------------------------------------ */
/* Losing the server, and finding it again                             */

/* A new session is checked as the first one was: a workbook migrated
 * meanwhile by a newer build is refused from then on, as opening it would
 * be (check_meta), before anything is written. */
static const char *const VERSION_SQL = "SELECT value FROM pw_meta WHERE key = 'user_version'";

static gboolean
refuse_newer (PwStore  *self,
              GError  **error)
{
  return refuse (self, error, PW_STORE_ERROR_NEWER,
                 _("it was made by a newer version of PCN Workbook. Install the newer version to open it."));
}

/* Whether the new session's workbook, of schema @version, may still be
 * used; a newer one is refused for good (connected ()). */
static gboolean
still_known (PwStore *self,
             gint64   version)
{
  if (version <= PW_STORE_SCHEMA_VERSION)
    return TRUE;
  self->schema_version = version;
  return FALSE;
}

static gboolean
announce_all_cb (gpointer data)
{
  announce (data, NULL, 0);
  return G_SOURCE_REMOVE;
}

/* The new session is ready: statements are prepared again on it, and,
 * since others' changes meanwhile were not heard, everything is re-read. */
static void
back_online (PwStore *self)
{
  GHashTableIter iter;
  gpointer value;
  GSource *idle;

  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PwDbStmt *stmt = value;

      stmt->prepared = FALSE;
      g_clear_pointer (&stmt->res, PQclear);
    }
  watch_notifications (self);
  if (self->pg_context == NULL)
    return;                    /* a job's store is short-lived: not re-read */
  idle = g_idle_source_new ();
  g_source_set_callback (idle, announce_all_cb, g_object_ref (self), g_object_unref);
  g_source_attach (idle, self->pg_context);
  g_source_unref (idle);
}

/* A job's store, on a worker thread, makes its new session by waiting
 * for it (libpq keeps the parameters, password included, in memory only).
 * Between transactions only: see connected (). */
static gboolean
reconnect (PwStore *self)
{
  gint64 start = g_get_monotonic_time ();
  PGresult *res;
  gboolean ok;

  if (start < self->pg_reconnect_after)
    return FALSE;
  pg_batch_free (self);        /* the lost session's pipeline went with it */
  PQreset (self->pg);
  if (PQstatus (self->pg) != CONNECTION_OK)
    {
      /* A server that refuses at once is asked again next time; one that
       * makes us wait is left alone for a while. */
      if (g_get_monotonic_time () - start > G_USEC_PER_SEC)
        self->pg_reconnect_after = g_get_monotonic_time () + RECONNECT_PAUSE_US;
      return FALSE;
    }
  res = PQexec (self->pg, VERSION_SQL);
  ok = PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1 &&
       still_known (self, g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10));
  PQclear (res);
  if (!ok)
    return FALSE;
  res = PQexec (self->pg, "LISTEN pw_changed");
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  PQclear (res);
  if (ok)
    back_online (self);
  return ok;
}

/* A store that idles in a main loop makes its new session without ever
 * waiting for the server, so that the window goes on while the server is
 * away or silent: libpq's PQresetStart () and PQresetPoll (), then the
 * two queries reconnect () sends, each step run when the socket is ready.
 * (A host given by name is looked up by PQresetStart () itself, as libpq
 * does: give hostaddr= to avoid even that wait.)  Meanwhile the store is
 * offline: statements fail at once. */
typedef enum
{
  RENEW_CONNECTING,
  RENEW_CHECKING,              /* VERSION_SQL sent */
  RENEW_LISTENING,             /* LISTEN sent */
} RenewStep;

typedef struct _PgRenew
{
  RenewStep step;
  PostgresPollingStatusType polling;   /* what PQresetPoll () waits for */
  gint64 deadline;             /* monotonic time by which the server must have answered */
  gint64 version;              /* what VERSION_SQL read */
  gboolean failed;             /* a query of the new session failed */
} PgRenew;

static void
stop_renewing (PwStore *self)
{
  drop_source (&self->pg_reconnect);
  g_clear_pointer (&self->pg_renew, g_free);
}

/* How long the server may take to let us in: the URI's connect_timeout,
 * or ours. */
static gint64
connect_timeout_us (PwStore *self)
{
  PQconninfoOption *options = PQconninfo (self->pg);
  gint64 seconds = 0;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (strcmp (o->keyword, "connect_timeout") == 0 && o->val != NULL)
      seconds = g_ascii_strtoll (o->val, NULL, 10);
  PQconninfoFree (options);
  return (seconds > 0 ? seconds : g_ascii_strtoll (CONNECT_TIMEOUT, NULL, 10)) * G_USEC_PER_SEC;
}

static gboolean renew_cb (GIOChannel   *channel,
                          GIOCondition  condition,
                          gpointer      data);

/* Runs the next step when the socket is ready, or at the deadline: a
 * server that accepts and then says nothing is given up then. */
static void
renew_wait (PwStore *self)
{
  gboolean writes = self->pg_renew->step == RENEW_CONNECTING && self->pg_renew->polling == PGRES_POLLING_WRITING;

  drop_source (&self->pg_reconnect);
  self->pg_reconnect = socket_source (self, (writes ? G_IO_OUT : G_IO_IN) | G_IO_HUP | G_IO_ERR, renew_cb,
                                      "[pcn-workbook] team workbook reconnect");
  g_source_set_ready_time (self->pg_reconnect, self->pg_renew->deadline);
}

/* This try failed: the timer tries again. */
static void
renew_failed (PwStore *self)
{
  stop_renewing (self);
  lost (self);
}

static void
renew_send (PwStore    *self,
            RenewStep   step,
            const char *sql)
{
  self->pg_renew->step = step;
  /* a few bytes on a new connection: sent without waiting */
  if (!PQsendQuery (self->pg, sql))
    renew_failed (self);
  else
    renew_wait (self);
}

/* Reads what the server sent for the query of this step; FALSE while a
 * result is still to come. */
static gboolean
renew_read (PwStore *self)
{
  PgRenew *r = self->pg_renew;
  PGresult *res;

  while (!PQisBusy (self->pg))
    {
      if ((res = PQgetResult (self->pg)) == NULL)
        return TRUE;
      if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
        r->version = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      else if (PQresultStatus (res) != PGRES_COMMAND_OK)
        r->failed = TRUE;
      PQclear (res);
    }
  return FALSE;
}

static gboolean
renew_cb (GIOChannel   *channel,
          GIOCondition  condition,
          gpointer      data)
{
  PwStore *self = data;
  PgRenew *r = self->pg_renew;

  g_clear_pointer (&self->pg_reconnect, g_source_unref);     /* this source, which ends */
  if (g_get_monotonic_time () >= r->deadline)
    renew_failed (self);
  else if (r->step == RENEW_CONNECTING)
    {
      r->polling = PQresetPoll (self->pg);
      if (r->polling == PGRES_POLLING_OK)
        renew_send (self, RENEW_CHECKING, VERSION_SQL);
      else if (r->polling == PGRES_POLLING_FAILED)
        renew_failed (self);
      else
        renew_wait (self);
    }
  else if (!PQconsumeInput (self->pg) || (renew_read (self) && r->failed))
    renew_failed (self);
  else if (PQisBusy (self->pg))
    renew_wait (self);
  else if (r->step == RENEW_CHECKING && !still_known (self, r->version))
    stop_renewing (self);      /* refused for good */
  else if (r->step == RENEW_CHECKING)
    renew_send (self, RENEW_LISTENING, "LISTEN pw_changed");
  else
    {
      stop_renewing (self);
      back_online (self);
    }
  return G_SOURCE_REMOVE;
}

static void
renew_start (PwStore *self)
{
  pg_batch_free (self);        /* the lost session's pipeline went with it */
  if (!PQresetStart (self->pg))
    {
      lost (self);
      return;
    }
  self->pg_renew = g_new0 (PgRenew, 1);
  self->pg_renew->polling = PGRES_POLLING_WRITING;
  self->pg_renew->deadline = g_get_monotonic_time () + connect_timeout_us (self);
  renew_wait (self);
}

/* A transaction open in the lost session died with it: the store rolls it
 * back before a new session is made. */
static gboolean
reconnect_cb (gpointer data)
{
  PwStore *self = data;

  g_clear_pointer (&self->pg_reconnect, g_source_unref);
  if (self->depth > 0 || self->reading > 0)
    lost (self);
  else
    renew_start (self);
  return G_SOURCE_REMOVE;
}

/* The connection is gone: its socket is closed (a watch on it would wake
 * the main loop without end), and a store that idles in a main loop looks
 * for the server again by itself, so that it follows others' changes
 * again when the server is back. */
static void
lost (PwStore *self)
{
  drop_source (&self->pg_watch);
  if (self->pg_reconnect != NULL || self->pg_context == NULL)
    return;                    /* renewing already; a job's store connects again when next used */
  self->pg_reconnect = g_timeout_source_new_seconds (RECONNECT_SECONDS);
  g_source_set_callback (self->pg_reconnect, reconnect_cb, self, NULL);
  g_source_set_name (self->pg_reconnect, "[pcn-workbook] team workbook reconnect");
  g_source_attach (self->pg_reconnect, self->pg_context);
}

/* Whether statements may go to the server.  After it went away, a job's
 * store makes a new session first, but only between transactions (or to
 * begin one, @starts_unit): a transaction open in the lost session died
 * with it, uncommitted, and its statements fail until the store rolls it
 * back.  A store on a main context fails at once: its new session is made
 * in the background (renew_start ()). */
static gboolean
connected (PwStore  *self,
           gboolean  starts_unit)
{
  if (self->schema_version > PW_STORE_SCHEMA_VERSION)
    return FALSE;              /* pg_error () says why */
  if (self->pg_renew == NULL && PQstatus (self->pg) == CONNECTION_OK)
    return TRUE;
  if (self->pg_context == NULL && (starts_unit || (self->depth == 0 && self->reading == 0)) && reconnect (self))
    return TRUE;
  if (self->schema_version > PW_STORE_SCHEMA_VERSION)
    return FALSE;
  lost (self);
  g_free (self->pg_message);
  self->pg_message = g_strstrip (g_strdup (self->pg_renew ? "" : PQerrorMessage (self->pg)));
  if (*self->pg_message == '\0')
    {
      g_free (self->pg_message);
      self->pg_message = g_strdup (_("the connection to the server was lost."));
    }
  return FALSE;
}

/**
 * pw_store_is_offline:
 * Whether the store is a team workbook whose server has gone away: its
 * saves fail with %PW_STORE_ERROR_OFFLINE until the server is back, when
 * the store makes a new session (by itself, in its main loop).
 */
gboolean
pw_store_is_offline (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  return self->engine == PW_DB_PG &&
         (self->pg == NULL || self->pg_renew != NULL || PQstatus (self->pg) != CONNECTION_OK);
}

/**
 * pg_open:
 * @uri: the libpq connection URI, as given (self->path has it without a
 *   password)
 * Connects, refuses a database that is not a PCN Workbook of a version this
 * build knows, creates the schema in an empty one, and listens for other
 * connections' changes.
 */
gboolean
pg_open (PwStore     *self,
         const char  *uri,
         GError     **error)
{
  char *why = NULL;
  PQconninfoOption *options;
  gint64 version;

  g_free (self->path);
  self->path = without_password (uri);
  if (!pw_pq_load (error))
    return FALSE;
  options = PQconninfoParse (uri, &why);
  if (options == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("“%s” is not a PostgreSQL address such as postgresql://server/database: %s"),
                   self->path, why ? g_strstrip (why) : "");
      PQfreemem (why);
      return FALSE;
    }
  PQconninfoFree (options);
  self->engine = PW_DB_PG;
  /* Later keywords win: the URI's own connect_timeout over ours, and our
   * encoding over the URI's.  Every new session (reconnect ()) is made
   * with these. */
  self->pg = PQconnectdbParams ((const char *const[]) { "connect_timeout", "dbname", "client_encoding", NULL },
                                (const char *const[]) { CONNECT_TIMEOUT, uri, "UTF8", NULL }, 1);
  if (PQstatus (self->pg) != CONNECTION_OK)
    return refuse_connection (self, error);
  PQsetNoticeProcessor (self->pg, ignore_notice, NULL);
  if ((version = check_meta (self, error)) < 0 || !migrate (self, version, error))
    return FALSE;
  self->schema_version = PW_STORE_SCHEMA_VERSION;
  self->db_user = g_strdup (PQuser (self->pg));
  pg_load_role (self);
  return exec_script (self, "LISTEN pw_changed", error);
}

/**
 * pg_follow_changes:
 * Hears other connections' changes, and looks for a lost server again, on
 * the calling thread's main context from now on.  Until then nothing of
 * the store runs on any main context: a store opened on a worker thread
 * must not have its connection read by the main thread's watch while the
 * worker's own statements wait for their replies (libpq's connections are
 * not thread-safe; the worker would wait for ever for a reply the watch
 * took).
 */
void
pg_follow_changes (PwStore *self)
{
  /* a new session half made (a query of it may be waiting) is made again */
  gboolean renewing = self->pg_renew != NULL;

  drop_source (&self->pg_watch);
  stop_renewing (self);
  g_clear_pointer (&self->pg_context, g_main_context_unref);
  self->pg_context = g_main_context_ref_thread_default ();
  if (self->schema_version > PW_STORE_SCHEMA_VERSION)
    return;                    /* refused for good */
  if (!renewing && PQstatus (self->pg) == CONNECTION_OK)
    watch_notifications (self);
  else
    lost (self);
}

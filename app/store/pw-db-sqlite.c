/* pw-db-sqlite.c — the SQLite engine: a private workbook file
 *
 * Statements on the SQLite connection for pw-db.c, SQLite's result codes
 * read as PwStoreError, and what only SQLite has: opening the file
 * (read-only or immutable when it may not be written), the busy timeout,
 * and the page-by-page copy that restores a backup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "pw-store-private.h"

/* ------------------------------------------------------------------ */
/* Statements                                                          */

gboolean
lite_error (PwStore     *self,
              GError     **error,
              int          rc)
{
  int code = PW_STORE_ERROR_FAILED;

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB: code = PW_STORE_ERROR_NOT_DATABASE; break;
    case SQLITE_CORRUPT: code = PW_STORE_ERROR_CORRUPT; break;
    case SQLITE_CONSTRAINT:
      code = rc == SQLITE_CONSTRAINT_UNIQUE ? PW_STORE_ERROR_EXISTS : PW_STORE_ERROR_INVALID;
      break;
    case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CANTOPEN: case SQLITE_READONLY:
      code = PW_STORE_ERROR_IO; break;
    case SQLITE_BUSY: case SQLITE_LOCKED: code = PW_STORE_ERROR_BUSY; break;
    default: break;
    }
  g_set_error (error, PW_STORE_ERROR, code, _("Database “%s”: %s"),
               self->path, sqlite3_errmsg (self->lite));
  return FALSE;
}

PwDbStmt *
lite_prepare (PwStore     *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *lite = NULL;
  int rc = sqlite3_prepare_v3 (self->lite, sql, -1, SQLITE_PREPARE_PERSISTENT, &lite, NULL);
  PwDbStmt *stmt;

  if (rc != SQLITE_OK)
    {
      lite_error (self, error, rc);
      return NULL;
    }
  stmt = g_new0 (PwDbStmt, 1);
  stmt->store = self;
  stmt->lite = lite;
  return stmt;
}

/* @type: 'i' the integer @n, 't' or 'u' the text @s, 'I' or 'T' NULL. */
void
lite_bind (PwDbStmt   *stmt,
             int         i,
             char        type,
             gint64      n,
             const char *s)
{
  if (type == 'i')
    sqlite3_bind_int64 (stmt->lite, i, n);
  else if ((type == 't' || type == 'u') && s != NULL)
    sqlite3_bind_text (stmt->lite, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt->lite, i);
}

int
lite_step (PwDbStmt *stmt)
{
  return sqlite3_step (stmt->lite);
}

int
lite_reset (PwDbStmt *stmt)
{
  int rc = sqlite3_reset (stmt->lite);

  sqlite3_clear_bindings (stmt->lite);
  return rc;
}

gint64
lite_int64 (PwDbStmt *stmt,
              int       col)
{
  return sqlite3_column_int64 (stmt->lite, col);
}

const char *
lite_text (PwDbStmt *stmt,
             int       col)
{
  return (const char *) sqlite3_column_text (stmt->lite, col);
}

gboolean
lite_is_null (PwDbStmt *stmt,
                int       col)
{
  return sqlite3_column_type (stmt->lite, col) == SQLITE_NULL;
}

int
lite_column_count (PwDbStmt *stmt)
{
  return sqlite3_column_count (stmt->lite);
}

gint64
lite_last_id (PwStore *self)
{
  return sqlite3_last_insert_rowid (self->lite);
}

gint64
lite_changes (PwStore *self)
{
  return sqlite3_changes (self->lite);
}

gint64
lite_total_changes (PwStore *self)
{
  return sqlite3_total_changes (self->lite);
}

const char *
lite_errmsg (PwStore *self)
{
  return sqlite3_errmsg (self->lite);
}

gboolean
lite_exec_script (PwStore     *self,
                    const char  *sql,
                    GError     **error)
{
  int rc = sqlite3_exec (self->lite, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : lite_error (self, error, rc);
}

void
lite_finalize (PwDbStmt *stmt)
{
  sqlite3_finalize (stmt->lite);
}

void
lite_close (PwStore *self)
{
  sqlite3_close (self->lite);
  self->lite = NULL;
}

void
lite_set_busy_timeout (PwStore *self,
                         int      ms)
{
  sqlite3_busy_timeout (self->lite, MAX (ms, 0));
}

/* ------------------------------------------------------------------ */
/* Opening the file                                                    */

static gboolean
connect_with (PwStore     *self,
              const char  *name,
              int          flags,
              GError     **error)
{
  int rc;

  if (self->lite != NULL)
    db_close (self);
  rc = sqlite3_open_v2 (name, &self->lite, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK && self->lite != NULL && sqlite3_system_errno (self->lite) == EACCES)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_PERMISSION,
                   _("Cannot open “%s”: you do not have permission to read it. "
                     "Ask whoever manages the file or folder for access."), self->path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    return lite_error (self, error, rc);
  sqlite3_extended_result_codes (self->lite, 1);
  sqlite3_busy_timeout (self->lite, 5000);
  return TRUE;
}

/* Whether the first read works; in WAL mode it needs the -shm file, which a
 * folder we may not write to cannot hold. */
static gboolean
can_read (PwStore *self)
{
  return pragma_int (self, "PRAGMA application_id", NULL) >= 0 ||
         (sqlite3_errcode (self->lite) & 0xff) == SQLITE_NOTADB;
}

/* Opens the file through SQLite only: nothing else opens the workbook while
 * the process may hold a connection to it (TRAPS: closing any descriptor
 * drops the process's locks, and another process may then delete the WAL
 * under us).  A file or folder we may not write to is opened read-only;
 * when even the -shm file cannot be made, the file is read as immutable. */
gboolean
lite_connect_to_file (PwStore     *self,
                        GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *absolute = NULL, *uri = NULL, *immutable = NULL;

  if (!connect_with (self, self->path, SQLITE_OPEN_READWRITE, error))
    return FALSE;
  self->read_only = sqlite3_db_readonly (self->lite, "main") == 1;
  if (!self->read_only && g_access (dir, W_OK) != 0)
    {
      self->read_only = TRUE;
      if (!connect_with (self, self->path, SQLITE_OPEN_READONLY, error))
        return FALSE;
    }
  if (!self->read_only || can_read (self))
    return TRUE;
  absolute = g_canonicalize_filename (self->path, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  if (uri == NULL)
    return TRUE;   /* check_file () will say what is wrong */
  immutable = g_strconcat (uri, "?immutable=1", NULL);
  return connect_with (self, immutable, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error);
}

/* ------------------------------------------------------------------ */
/* Backups                                                             */

/* Reads, through a connection of its own, @path's application id, schema
 * version and whether its integrity check passes; FALSE if it cannot. */
gboolean
lite_peek_backup (const char *path,
                    gint64     *out_app_id,
                    gint64     *out_version,
                    gboolean   *out_sound)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id),"
                              "       (SELECT user_version FROM pragma_user_version),"
                              "       (SELECT group_concat(integrity_check) FROM pragma_integrity_check)",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out_app_id = sqlite3_column_int64 (stmt, 0);
      *out_version = sqlite3_column_int64 (stmt, 1);
      *out_sound = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "ok") == 0;
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* Copies every page of @path into the open connection, in one step: the
 * workbook's file is only ever written by SQLite, under its own locks. */
gboolean
copy_into_workbook (PwStore     *self,
                    const char  *path,
                    GError     **error)
{
  sqlite3 *src = NULL;
  sqlite3_backup *b = NULL;
  int rc = sqlite3_open_v2 (path, &src, SQLITE_OPEN_READONLY, NULL);

  if (rc == SQLITE_OK)
    {
      b = sqlite3_backup_init (self->lite, "main", src, "main");
      rc = b ? sqlite3_backup_step (b, -1) : sqlite3_errcode (self->lite);
      rc = b && sqlite3_backup_finish (b) != SQLITE_OK && rc == SQLITE_DONE ? sqlite3_errcode (self->lite) : rc;
    }
  sqlite3_close (src);
  return rc == SQLITE_DONE ? TRUE : lite_error (self, error, rc);
}

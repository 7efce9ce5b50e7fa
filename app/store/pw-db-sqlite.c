/* pw-db-sqlite.c — statements on the SQLite connection
 *
 * The engine seam: the store's areas speak SQL through these helpers (a
 * cached prepared statement, bound from a type string; run; query) and
 * read SQLite's result codes as PwStoreError through set_sqlite_error ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/* ------------------------------------------------------------------ */
/* Statements                                                          */

gboolean
set_sqlite_error (PwStore     *self,
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
               self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

/* Binds arguments by a type string: 'i' gint64, 'n' gint64 or NULL if < 0,
 * 't' text (NULL binds NULL), 'e' text with "" bound as NULL. */
static void
bind_args (sqlite3_stmt *stmt,
           const char   *types,
           va_list       ap)
{
  for (int i = 1; types && types[i - 1]; i++)
    {
      switch (types[i - 1])
        {
        case 'i':
          sqlite3_bind_int64 (stmt, i, va_arg (ap, gint64));
          break;
        case 'n':
          {
            gint64 v = va_arg (ap, gint64);
            if (v < 0)
              sqlite3_bind_null (stmt, i);
            else
              sqlite3_bind_int64 (stmt, i, v);
          }
          break;
        case 't':
        case 'e':
          {
            const char *s = va_arg (ap, const char *);
            if (s == NULL || (types[i - 1] == 'e' && *s == '\0'))
              sqlite3_bind_null (stmt, i);
            else
              sqlite3_bind_text (stmt, i, s, -1, SQLITE_TRANSIENT);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Returns a cached statement for @sql (which must be a string that lives as
 * long as the store: a literal, or one interned), reset and bound. */
sqlite3_stmt *
prepare_v (PwStore     *self,
           GError     **error,
           const char  *sql,
           const char  *types,
           va_list      ap)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (self, error, rc);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  bind_args (stmt, types, ap);
  return stmt;
}

sqlite3_stmt *
query (PwStore     *self,
       GError     **error,
       const char  *sql,
       const char  *types,
       ...)
{
  va_list ap;
  sqlite3_stmt *stmt;

  va_start (ap, types);
  stmt = prepare_v (self, error, sql, types, ap);
  va_end (ap);
  return stmt;
}

/* Runs a statement that returns no rows. */
gboolean
run (PwStore     *self,
     GError     **error,
     const char  *sql,
     const char  *types,
     ...)
{
  va_list ap;
  sqlite3_stmt *stmt;
  int rc;

  va_start (ap, types);
  stmt = prepare_v (self, error, sql, types, ap);
  va_end (ap);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : set_sqlite_error (self, error, rc);
}

gboolean
exec_script (PwStore     *self,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : set_sqlite_error (self, error, rc);
}

const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *s = (const char *) sqlite3_column_text (stmt, col);
  return s ? s : "";
}

gint64
pragma_int (PwStore     *self,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = query (self, error, sql, NULL);
  int rc;
  gint64 v;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc);
      sqlite3_reset (stmt);
      return -1;
    }
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* pw-db.c — statements, whichever engine holds the workbook
 *
 * The one place that switches between the engines (pw-db.h): the store's
 * areas call query () and run () with SQL and a type string, step the
 * statement and read its columns through db_* (), and never see SQLite's
 * or libpq's own calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-db-pg.h"
#include "pw-store-private.h"

#define LITE(stmt) ((stmt)->store->engine == PW_DB_SQLITE)

int
db_step (PwDbStmt *stmt)
{
  return LITE (stmt) ? lite_step (stmt) : pg_step (stmt);
}

int
db_reset (PwDbStmt *stmt)
{
  return LITE (stmt) ? lite_reset (stmt) : pg_reset (stmt);
}

gint64
db_int64 (PwDbStmt *stmt,
          int       col)
{
  return LITE (stmt) ? lite_int64 (stmt, col) : pg_column_int64 (stmt, col);
}

int
db_int (PwDbStmt *stmt,
        int       col)
{
  return (int) db_int64 (stmt, col);
}

/* A column's text; "" for NULL. */
const char *
db_text (PwDbStmt *stmt,
         int       col)
{
  const char *s = LITE (stmt) ? lite_text (stmt, col) : pg_text (stmt, col);

  return s ? s : "";
}

gboolean
db_is_null (PwDbStmt *stmt,
            int       col)
{
  return LITE (stmt) ? lite_is_null (stmt, col) : pg_is_null (stmt, col);
}

int
db_column_count (PwDbStmt *stmt)
{
  return LITE (stmt) ? lite_column_count (stmt) : pg_column_count (stmt);
}

/* The id of the row the last INSERT made. */
gint64
db_last_id (PwStore *self)
{
  return self->engine == PW_DB_SQLITE ? lite_last_id (self) : (pg_batch_wait (self), self->pg_last_id);
}

/* The id the last INSERT made if it is known without waiting for the
 * server: 0 in a PostgreSQL batch (db_batch_begin ()), whose INSERTs are
 * answered later. */
gint64
db_last_id_now (PwStore *self)
{
  return self->engine == PW_DB_PG && pg_batch_active (self) ? 0 : db_last_id (self);
}

/* How many rows the last statement changed. */
gint64
db_changes (PwStore *self)
{
  return self->engine == PW_DB_SQLITE ? lite_changes (self) : (pg_batch_wait (self), self->pg_changes);
}

/* How many rows every statement so far changed. */
gint64
db_total_changes (PwStore *self)
{
  return self->engine == PW_DB_SQLITE ? lite_total_changes (self) : (pg_batch_wait (self), self->pg_total_changes);
}

const char *
db_errmsg (PwStore *self)
{
  return self->engine == PW_DB_SQLITE ? lite_errmsg (self) : self->pg_message;
}

/* Sets @error from result code @rc and the connection's last message. */
gboolean
db_error (PwStore  *self,
          GError  **error,
          int       rc)
{
  return self->engine == PW_DB_SQLITE ? lite_error (self, error, rc) : pg_error (self, error, rc);
}

void
db_close (PwStore *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->engine == PW_DB_SQLITE)
    lite_close (self);
  else
    {
      pg_batch_free (self);
      pg_close (self);
    }
}

void
finalize_statement (gpointer data)
{
  PwDbStmt *stmt = data;

  if (LITE (stmt))
    lite_finalize (stmt);
  else
    pg_finalize (stmt);
  g_free (stmt);
}

/* How long a write waits for another program's lock. */
void
db_set_busy_timeout (PwStore *self,
                     int      ms)
{
  /* A server waits for locks itself (lock_timeout is the admin's). */
  if (self->engine == PW_DB_SQLITE)
    lite_set_busy_timeout (self, ms);
}

gboolean
exec_script (PwStore     *self,
             const char  *sql,
             GError     **error)
{
  return self->engine == PW_DB_SQLITE ? lite_exec_script (self, sql, error) : pg_exec_script (self, sql, error);
}

/* @type: 'i' the integer @n, 't' the text @s, 'I' or 'T' NULL as either. */
static void
bind (PwDbStmt   *stmt,
      int         i,
      char        type,
      gint64      n,
      const char *s)
{
  if (LITE (stmt))
    lite_bind (stmt, i, type, n, s);
  else
    pg_bind (stmt, i, type, n, s);
}

/* Binds arguments by a type string: 'i' gint64, 'n' gint64 or NULL if < 0,
 * 't' text (NULL binds NULL), 'e' text with "" bound as NULL. */
static void
bind_args (PwDbStmt   *stmt,
           const char *types,
           va_list     ap)
{
  for (int i = 1; types && types[i - 1]; i++)
    {
      char type = types[i - 1];
      gint64 n = 0;
      const char *s = NULL;

      switch (type)
        {
        case 'i':
        case 'n':
          n = va_arg (ap, gint64);
          type = type == 'n' && n < 0 ? 'I' : 'i';
          break;
        case 't':
        case 'e':
          s = va_arg (ap, const char *);
          type = s == NULL || (type == 'e' && *s == '\0') ? 'T' : 't';
          break;
        default:
          g_assert_not_reached ();
        }
      bind (stmt, i, type, n, s);
    }
}

/* Returns the cached statement for @sql, reset, or prepares it. */
static PwDbStmt *
cached (PwStore     *self,
        GError     **error,
        const char  *sql)
{
  PwDbStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      stmt = self->engine == PW_DB_SQLITE ? lite_prepare (self, sql, error) : pg_prepare (self, sql, error);
      if (stmt == NULL)
        return NULL;
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  db_reset (stmt);
  return stmt;
}

/* Returns a cached statement for @sql (which must be a string that lives as
 * long as the store: a literal, or one interned), reset and bound. */
PwDbStmt *
prepare_v (PwStore     *self,
           GError     **error,
           const char  *sql,
           const char  *types,
           va_list      ap)
{
  PwDbStmt *stmt = cached (self, error, sql);

  if (stmt != NULL)
    bind_args (stmt, types, ap);
  return stmt;
}

PwDbStmt *
query (PwStore     *self,
       GError     **error,
       const char  *sql,
       const char  *types,
       ...)
{
  va_list ap;
  PwDbStmt *stmt;

  va_start (ap, types);
  stmt = prepare_v (self, error, sql, types, ap);
  va_end (ap);
  return stmt;
}

PwDbStmt *
query_values (PwStore     *self,
              GError     **error,
              const char  *sql,
              GPtrArray   *values)
{
  PwDbStmt *stmt = cached (self, error, sql);

  for (guint i = 0; stmt != NULL && i < values->len; i++)
    {
      const char *s = g_ptr_array_index (values, i);
      bind (stmt, i + 1, 'u', 0, s);
    }
  return stmt;
}

/* Steps @stmt, a statement that returns no rows (queued in a batch). */
static gboolean
finish_run (PwDbStmt  *stmt,
            GError   **error)
{
  int rc = LITE (stmt) ? lite_step (stmt) : pg_run (stmt);

  db_reset (stmt);
  return rc == DB_DONE ? TRUE : db_error (stmt->store, error, rc);
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
  PwDbStmt *stmt;

  va_start (ap, types);
  stmt = prepare_v (self, error, sql, types, ap);
  va_end (ap);
  return stmt != NULL && finish_run (stmt, error);
}

/* Runs @stmt again with new arguments, bound as run () binds them: a
 * statement that query () (without arguments) found once for a bulk
 * write's rows, so that no row looks its SQL up in the cache.  A NULL
 * @stmt (query () failed, with @error set) returns FALSE. */
gboolean
run_stmt (PwDbStmt    *stmt,
          GError     **error,
          const char  *types,
          ...)
{
  va_list ap;

  if (stmt == NULL)
    return FALSE;
  va_start (ap, types);
  bind_args (stmt, types, ap);
  va_end (ap);
  return finish_run (stmt, error);
}

/* Runs @sql with @values bound as query_values () binds them. */
gboolean
run_values (PwStore     *self,
            GError     **error,
            const char  *sql,
            GPtrArray   *values)
{
  PwDbStmt *stmt = query_values (self, error, sql, values);

  return stmt != NULL && finish_run (stmt, error);
}

/* ------------------------------------------------------------------ */
/* Whole tables in (a copy)                                            */

/* Rows of @table go in by db_put_row () until db_put_end (): on a server by
 * COPY (see pw-db-pg.c), into a file by the INSERT db_put_row () is given,
 * prepared once. */
gboolean
db_put_begin (PwStore     *self,
              const char  *table,
              GError     **error)
{
  return self->engine == PW_DB_SQLITE || pg_copy_begin (self, table, error);
}

/* @values: the row's columns as text, NULL for SQL NULL; @insert: the
 * INSERT with a placeholder for each (a string that lives as long as the
 * store, as for query ()). */
gboolean
db_put_row (PwStore     *self,
            const char  *insert,
            GPtrArray   *values,
            GError     **error)
{
  return self->engine == PW_DB_PG ? pg_copy_row (self, values, error) : run_values (self, error, insert, values);
}

/* Ends the rows of db_put_begin (): FALSE, with @error, if the server
 * refused one; @complete FALSE abandons them (after another failure). */
gboolean
db_put_end (PwStore   *self,
            gboolean   complete,
            GError   **error)
{
  return self->engine == PW_DB_SQLITE || pg_copy_end (self, complete, error);
}

/* ------------------------------------------------------------------ */
/* Bulk writes                                                         */

/**
 * db_batch_begin:
 * Starts a bulk write (inside a transaction the caller opened): until
 * db_batch_end (), run () may send a statement without waiting for the
 * server's answer (PostgreSQL's pipeline mode: see pw-db-pg.c), so a
 * failure may surface at a later call.  Say which row each write is for
 * with db_batch_row (): a failure names the row whose write failed.
 * SQLite answers at once: nothing changes there.
 */
void
db_batch_begin (PwStore *self)
{
  if (self->engine == PW_DB_PG)
    pg_batch_begin (self);
}

void
db_batch_row (PwStore *self,
              guint    row)
{
  if (self->engine == PW_DB_PG)
    pg_batch_row (self, row);
}

/**
 * db_batch_end:
 * @row: (inout): the row that failed, if the caller knows one; replaced by
 *   the row of a queued write that failed
 * Waits for every write of the batch and ends it, also after a failure
 * (before the caller rolls back).  Returns: FALSE, with @error, if any
 * write of the batch failed.
 */
gboolean
db_batch_end (PwStore  *self,
              guint    *row,
              GError  **error)
{
  int rc = self->engine == PW_DB_PG ? pg_batch_end (self, row) : DB_OK;

  return rc == DB_OK || db_error (self, error, rc);
}

/* The one integer a statement such as a PRAGMA returns; -1 on failure. */
gint64
pragma_int (PwStore     *self,
            const char  *sql,
            GError     **error)
{
  PwDbStmt *stmt = query (self, error, sql, NULL);
  int rc;
  gint64 v;

  if (stmt == NULL)
    return -1;
  rc = db_step (stmt);
  if (rc != DB_ROW)
    {
      db_error (self, error, rc);
      db_reset (stmt);
      return -1;
    }
  v = db_int64 (stmt, 0);
  db_reset (stmt);
  return v;
}

/* SQL made at run time, kept for the life of the process so that the
 * statement cache may key it (a store's tables and columns: few). */
const char *
intern_printf (const char *format,
               ...)
{
  g_autofree char *s = NULL;
  va_list ap;

  va_start (ap, format);
  s = g_strdup_vprintf (format, ap);
  va_end (ap);
  return g_intern_string (s);
}

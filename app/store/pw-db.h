/* pw-db.h — the engine seam below the store's areas
 *
 * The store's area files speak SQL through these calls only: a cached
 * statement (query (), run () in pw-store-private.h) stepped and read here,
 * whichever engine holds the workbook.  pw-db.c switches to the engine
 * files: pw-db-sqlite.c (a private workbook file) and pw-db-pg.c (a team
 * workbook on a PostgreSQL server).  The result codes are SQLite's numbers,
 * which the PostgreSQL engine maps its SQLSTATEs onto (see pw-db-pg.c), so
 * the areas tell a duplicate key from a failed check the same way on both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PwStore PwStore;
typedef struct _PwDbStmt PwDbStmt;

typedef enum
{
  PW_DB_SQLITE,
  PW_DB_PG,
} PwDbEngine;

/* Result codes: SQLite's values (SQLITE_OK, SQLITE_ROW, ...). */
enum
{
  DB_OK = 0,
  DB_ERROR = 1,
  DB_PERM = 3,
  DB_BUSY = 5,
  DB_IOERR = 10,
  DB_CONSTRAINT = 19,
  DB_ROW = 100,
  DB_DONE = 101,
  DB_CONSTRAINT_PRIMARYKEY = DB_CONSTRAINT | (6 << 8),
  DB_CONSTRAINT_UNIQUE = DB_CONSTRAINT | (8 << 8),
};

/* A prepared statement: what each engine keeps of it.  Only pw-db*.c look
 * inside. */
struct _PwDbStmt
{
  PwStore *store;
  struct sqlite3_stmt *lite;   /* SQLite: the statement, owned */
  /* PostgreSQL */
  char *name;                  /* the prepared statement's name, owned */
  char *sql;                   /* the SQL in PostgreSQL's dialect, owned */
  gboolean prepared;           /* sent to the server on this connection */
  gboolean returns_id;         /* an INSERT that returns the ids it made */
  guint n_params;
  char **params;               /* text of each parameter (NULL: SQL NULL), owned */
  unsigned int *types;         /* each parameter's type OID, owned */
  struct pg_result *res;       /* the result being read, owned */
  int row;                     /* the current row of @res; -1 before the first step */
};

/* Stepping and reading a statement from query () */
int           db_step                 (PwDbStmt      *stmt);
int           db_reset                (PwDbStmt      *stmt);
gint64        db_int64                (PwDbStmt      *stmt,
                                       int            col);
int           db_int                  (PwDbStmt      *stmt,
                                       int            col);
const char   *db_text                 (PwDbStmt      *stmt,
                                       int            col);
gboolean      db_is_null              (PwDbStmt      *stmt,
                                       int            col);
int           db_column_count         (PwDbStmt      *stmt);

/* The connection */
gint64        db_last_id              (PwStore       *self);
gint64        db_last_id_now          (PwStore       *self);
gint64        db_changes              (PwStore       *self);
gint64        db_total_changes        (PwStore       *self);
const char   *db_errmsg               (PwStore       *self);
gboolean      db_error                (PwStore       *self,
                                       GError       **error,
                                       int            rc);
void          db_close                (PwStore       *self);
void          db_set_busy_timeout     (PwStore       *self,
                                       int            ms);
/* Binds @values (NULL elements bind NULL) as the text of ?1, ?2, ... */
PwDbStmt     *query_values            (PwStore       *self,
                                       GError       **error,
                                       const char    *sql,
                                       GPtrArray     *values);
gboolean      run_values              (PwStore       *self,
                                       GError       **error,
                                       const char    *sql,
                                       GPtrArray     *values);

/* Whole tables in, for a copy (see pw-db.c) */
gboolean      db_put_begin            (PwStore       *self,
                                       const char    *table,
                                       GError       **error);
gboolean      db_put_row              (PwStore       *self,
                                       const char    *insert,
                                       GPtrArray     *values,
                                       GError       **error);
gboolean      db_put_end              (PwStore       *self,
                                       gboolean       complete,
                                       GError       **error);

/* Bulk writes: run () without waiting for each answer (see pw-db.c) */
void          db_batch_begin          (PwStore       *self);
void          db_batch_row            (PwStore       *self,
                                       guint          row);
gboolean      db_batch_end            (PwStore       *self,
                                       guint         *row,
                                       GError       **error);

/* pw-db-sqlite.c */
PwDbStmt     *lite_prepare            (PwStore       *self,
                                       const char    *sql,
                                       GError       **error);
void          lite_bind               (PwDbStmt      *stmt,
                                       int            i,
                                       char           type,
                                       gint64         n,
                                       const char    *s);
int           lite_step               (PwDbStmt      *stmt);
int           lite_reset              (PwDbStmt      *stmt);
gint64        lite_int64              (PwDbStmt      *stmt,
                                       int            col);
const char   *lite_text               (PwDbStmt      *stmt,
                                       int            col);
gboolean      lite_is_null            (PwDbStmt      *stmt,
                                       int            col);
int           lite_column_count       (PwDbStmt      *stmt);
gint64        lite_last_id            (PwStore       *self);
gint64        lite_changes            (PwStore       *self);
gint64        lite_total_changes      (PwStore       *self);
const char   *lite_errmsg             (PwStore       *self);
gboolean      lite_error              (PwStore       *self,
                                       GError       **error,
                                       int            rc);
void          lite_close              (PwStore       *self);
void          lite_finalize           (PwDbStmt      *stmt);
gboolean      lite_exec_script        (PwStore       *self,
                                       const char    *sql,
                                       GError       **error);
void          lite_set_busy_timeout   (PwStore       *self,
                                       int            ms);
gboolean      lite_connect_to_file    (PwStore       *self,
                                       GError       **error);
gboolean      lite_peek_backup        (const char    *path,
                                       gint64        *out_app_id,
                                       gint64        *out_version,
                                       gboolean      *out_sound);

G_END_DECLS

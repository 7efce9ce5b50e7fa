/* pw-db-pg.h — the PostgreSQL engine's calls (libpq), for pw-db.c and the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

#include "pw-db.h"

G_BEGIN_DECLS

/* pw-db-pg-dialect.c */
extern const char *const PG_PRELUDE;
extern const char *const PG_AFTER_MIGRATION;
char         *pg_dialect              (const char    *sql,
                                       guint         *out_n_params,
                                       gboolean      *out_returns_id);

/* pw-db-pg.c: statements (bulk work in pw-db-pg-bulk.c) */
PwDbStmt     *pg_prepare              (PwStore       *self,
                                       const char    *sql,
                                       GError       **error);
void          pg_bind                 (PwDbStmt      *stmt,
                                       int            i,
                                       char           type,
                                       gint64         n,
                                       const char    *s);
int           pg_step                 (PwDbStmt      *stmt);
int           pg_reset                (PwDbStmt      *stmt);
const char   *pg_text                 (PwDbStmt      *stmt,
                                       int            col);
gint64        pg_column_int64         (PwDbStmt      *stmt,
                                       int            col);
gboolean      pg_is_null              (PwDbStmt      *stmt,
                                       int            col);
int           pg_column_count         (PwDbStmt      *stmt);
void          pg_finalize             (PwDbStmt      *stmt);
int           pg_take_error           (PwStore        *self,
                                       const PGresult *res);
gboolean      pg_error                (PwStore       *self,
                                       GError       **error,
                                       int            rc);
gboolean      pg_exec_script          (PwStore       *self,
                                       const char    *sql,
                                       GError       **error);
void          pg_close                (PwStore       *self);
int           pg_run                  (PwDbStmt      *stmt);
void          pg_batch_begin          (PwStore       *self);
void          pg_batch_row            (PwStore       *self,
                                       guint          row);
int           pg_batch_end            (PwStore       *self,
                                       guint         *failed_row);
int           pg_batch_wait           (PwStore       *self);
gboolean      pg_batch_active         (PwStore       *self);
gboolean      pg_copy_begin           (PwStore       *self,
                                       const char    *table,
                                       GError       **error);
gboolean      pg_copy_row             (PwStore       *self,
                                       GPtrArray     *values,
                                       GError       **error);
gboolean      pg_copy_end             (PwStore       *self,
                                       gboolean       complete,
                                       GError       **error);
void          pg_batch_free           (PwStore       *self);

/* pw-db-pg.c: the connection */
gboolean      pw_db_is_uri            (const char    *path);
gboolean      pg_open                 (PwStore       *self,
                                       const char    *uri,
                                       GError       **error);
void          pg_follow_changes       (PwStore       *self);
gboolean      pg_notify_change        (PwStore       *self,
                                       GError       **error);
gboolean      pg_take_notifications   (PwStore       *self);

/* pw-db-pg-roles.c */
void          pg_load_role            (PwStore       *self);
char         *pg_refusal              (PwStore       *self,
                                       const char    *server_message);

G_END_DECLS

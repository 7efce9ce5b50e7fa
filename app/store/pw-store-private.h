/* pw-store-private.h — what the files of the store share
 *
 * The PwStore instance, the SQL macros for the per-year profiles, and the
 * internal functions that one file of app/store/ defines and others call,
 * grouped by the file that defines them.  Nothing outside app/store/
 * includes this header: the rest of the program sees only pw-store.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-db.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_APPLICATION_ID 0x50434E57 /* "PCNW" in the SQLite header */

struct _PwStore
{
  GObject parent_instance;

  char *path;                  /* owned: the file, or the connection URI */
  PwDbEngine engine;
  struct sqlite3 *lite;        /* SQLite: the connection, owned */
  struct pg_conn *pg;          /* PostgreSQL: the connection, owned */
  guint pg_serial;             /* the last prepared statement's number */
  gint64 pg_changes;           /* rows the last statement changed */
  gint64 pg_total_changes;     /* rows every statement changed */
  gint64 pg_last_id;           /* the id the last INSERT made */
  char *pg_message;            /* the server's last error, owned */
  GSource *pg_watch;           /* wakes us for other connections' changes, owned */
  struct _PgBatch *pg_batch;   /* bulk writes queued in pipeline mode (pw-db-pg.c), owned */
  gint64 pg_reconnect_after;   /* monotonic time before which no new session is tried */
  GSource *pg_reconnect;       /* tries a new session while the server is away, owned */
  struct _PgRenew *pg_renew;   /* a new session being made without blocking (pw-db-pg.c), owned */
  GMainContext *pg_context;    /* where the two above run (pw_store_follow_changes), owned; NULL for a job's store */
  char *db_user;               /* the server's name for us, which the change log records; owned */
  char *pg_role;               /* the roles we hold, as messages name them (pw-db-pg-roles.c); owned */
  GHashTable *statements;      /* SQL text (static) → PwDbStmt, owned */
  int schema_version;
  gboolean read_only;          /* the file or its folder may not be written */
  gboolean check_on_open;      /* this open checks the whole file (see needs_check) */
  GError *backup_error;        /* why today's copy could not be made, owned */
  int write_mark;              /* db_total_changes () when the last write began */

  guint depth;                 /* nesting of pw_store_begin () */
  guint reading;               /* nesting of pw_store_begin_read () */
  const char *pending_table;   /* what the open transaction changed */
  gint64 pending_id;
  guint pending_count;

  GListStore *localities;      /* of PwLocality, owned */
  GListStore *pcns;            /* of PwPcn, owned */
  GHashTable *pcn_index;       /* PCN id → its row in pcns (borrowed), owned */
  GHashTable *noted_pcns;      /* ids of the PCNs the open transaction wrote, owned */
  gboolean noted_all;          /* … or it wrote many rows or a locality */
  GArray *added_items[2];      /* per PwContractKind: the items users added (ContractItem), owned; NULL: read again */
  char *user_name;             /* who the change log names; NULL: the login */
  char *change_source;         /* where the change log says values came from, such as a return form */

  gint64 data_version;         /* PRAGMA data_version last seen; 0 before the first poll */

  /* Working together (pw-store-versions.c) */
  char *session;               /* this connection, as field_version names it; owned */
  GArray *seen;                /* of PwSeen, oldest first: what the window was told of when; owned */
  gint64 edit_base;            /* the revision the next edits are based on; 0: not checked */
  gboolean keep_mine;          /* the next edits write over a conflict the user saw */
  PwStoreConflict conflict;    /* the last edit refused as a conflict; strings owned */
};

/* Past years' profiles (migration 6).  Localities, PCNs and practices are
 * edited in place: they are the current financial year's figures.  At the
 * first profile write of a new financial year, the profile as it stood
 * (profile_state.changed_on, the day it was last written, falls in an
 * earlier year) is first copied whole into pcn_year and practice_year as the
 * figures of the year before, with that date as profile_year.as_at.  A kept
 * year's rows hold the figures of that year and of every earlier year back
 * to the kept year before it; a year after the last kept one reads the live
 * tables.  So "the figures as they were for year Y" is one query: the rows
 * of the first kept year at or after Y, else the live rows.  Kept rows copy
 * codes, names and the locality's name, so they outlive a deletion or a
 * rename.  A PCN added after a year was kept, but holding a return for it,
 * is shown with its live profile and practices. */
#define KEPT_YEAR(y) "(SELECT min(year) FROM profile_year WHERE year >= " y ")"
#define LIVE_PCNS \
  " p.id, p.code, p.name, p.locality_id, coalesce(l.name, '') COLLATE BINARY, p.clinical_director, p.cd_wte," \
  " p.manager, p.manager_wte, p.established, p.notes FROM pcn p LEFT JOIN locality l ON l.id = p.locality_id"
#define LIVE_PRACTICES " id, pcn_id, list_size, code, name FROM practice"
#define KEEP_PCNS(y) \
  "INSERT INTO pcn_year (year, pcn_id, code, name, locality_id, locality, clinical_director, cd_wte," \
  " manager, manager_wte, established, notes) SELECT " y "," LIVE_PCNS
#define KEEP_PRACTICES(y) \
  "INSERT INTO practice_year (year, practice_id, pcn_id, list_size, code, name) SELECT " y "," LIVE_PRACTICES
/* The PCNs (id, code, name, locality_id, locality, clinical_director, cd_wte,
 * manager, manager_wte, established, notes) and the practices (id, pcn_id,
 * list_size, code, name) as they were in year @y. */
#define YEAR_PCNS(y) \
  "SELECT pcn_id, code, name, locality_id, locality, clinical_director, cd_wte, manager, manager_wte," \
  "       established, notes FROM pcn_year WHERE year = " KEPT_YEAR (y) \
  " UNION ALL SELECT" LIVE_PCNS \
  " WHERE p.id NOT IN (SELECT pcn_id FROM pcn_year WHERE year = " KEPT_YEAR (y) ")" \
  "   AND (" KEPT_YEAR (y) " IS NULL OR p.id IN (SELECT pcn_id FROM pcn_return WHERE year = " y "))"
#define YEAR_PRACTICES_WHERE(y, cond) \
  "SELECT practice_id AS id, pcn_id, list_size, code, name FROM practice_year" \
  " WHERE year = " KEPT_YEAR (y) " AND " cond \
  " UNION ALL SELECT" LIVE_PRACTICES \
  " WHERE " cond " AND (" KEPT_YEAR (y) " IS NULL OR NOT EXISTS (SELECT 1 FROM pcn_year k" \
  "   WHERE k.year = " KEPT_YEAR (y) " AND k.pcn_id = practice.pcn_id) AND pcn_id IS NOT NULL)"
#define YEAR_PRACTICES(y) YEAR_PRACTICES_WHERE (y, "1 = 1")

/* pw-db.c: statements (the engine seam) */
PwDbStmt     *prepare_v               (PwStore       *self,
                                       GError       **error,
                                       const char    *sql,
                                       const char    *types,
                                       va_list        ap);
PwDbStmt     *query                   (PwStore       *self,
                                       GError       **error,
                                       const char    *sql,
                                       const char    *types,
                                       ...);
gboolean      run                     (PwStore       *self,
                                       GError       **error,
                                       const char    *sql,
                                       const char    *types,
                                       ...);
gboolean      run_stmt                (PwDbStmt      *stmt,
                                       GError       **error,
                                       const char    *types,
                                       ...);
gboolean      exec_script             (PwStore       *self,
                                       const char    *sql,
                                       GError       **error);
gint64        pragma_int              (PwStore       *self,
                                       const char    *sql,
                                       GError       **error);
void          finalize_statement      (gpointer       stmt);
const char   *intern_printf           (const char    *format,
                                       ...) G_GNUC_PRINTF (1, 2);

/* pw-store-versions.c: edits based on what the window showed.  A checked
 * write is framed by field_begin () and field_finish (): the first refuses
 * it when someone else wrote the field after the edit's base revision, the
 * second records this write as the field's latest. */
typedef struct
{
  gint64 at;                   /* g_get_monotonic_time () */
  gint64 revision;             /* the workbook's revision then */
} PwSeen;

typedef struct
{
  const char *table;           /* static */
  const char *field;           /* the column, static */
  const char *label;           /* what the user calls it */
  gint64 return_id;            /* the return whose log records a Keep Mine; 0: none */
  char row[64];                /* the row's key: "12", or "12/leadership" */
  gint64 mark;                 /* db_total_changes () once the check passed */
} PwFieldWrite;

void          field_write_init        (PwFieldWrite  *w,
                                       const char    *table,
                                       const char    *field,
                                       const char    *label,
                                       gint64         return_id,
                                       const char    *row_format,
                                       ...) G_GNUC_PRINTF (6, 7);
gboolean      field_begin             (PwStore       *self,
                                       PwFieldWrite  *w,
                                       const char    *value,
                                       GError       **error);
gboolean      field_finish            (PwStore       *self,
                                       gboolean       ok,
                                       PwFieldWrite  *w,
                                       const char    *value,
                                       GError       **error);
void          note_seen               (PwStore       *self);
void          versions_clear          (PwStore       *self);

/* pw-store-schema.c: the tables, version by version */
extern const char *migrations[];
gboolean      recognise_by_tables     (PwStore       *self,
                                       gint64         version);

/* pw-store-backups.c: copies of the workbook */
gboolean      refuse_on_server        (PwStore       *self,
                                       GError       **error);
gboolean      io_failed               (GError       **error,
                                       const char    *path);
gboolean      copy_to                 (PwStore       *self,
                                       const char    *target,
                                       GError       **error);
gboolean      backup_before_migration (PwStore       *self,
                                       GError       **error);
void          daily_backup_quietly    (PwStore       *self);
gboolean      daily_backup_due        (PwStore       *self);
gboolean      check_backup            (const char    *path,
                                       gint64        *out_version,
                                       GError       **error);
gboolean      copy_into_workbook      (PwStore       *self,
                                       const char    *path,
                                       GError       **error);

/* pw-store-contract.c: the contract items users added */
void          forget_contract_items   (PwStore       *self);

/* pw-store-models.c: rows made into objects, and the live models */
PwPcn        *pcn_from_row            (PwDbStmt  *stmt);
void          refresh                 (PwStore       *self,
                                       gint64         pcn_id);
void          note_models             (PwStore       *self,
                                       const char    *table,
                                       gint64         id);
void          refresh_noted           (PwStore       *self,
                                       gboolean       apply);
gpointer      find_in_model           (GListStore    *model,
                                       gboolean     (*match) (gpointer row, gconstpointer key),
                                       gconstpointer  key);
gboolean      match_id                (gpointer       row,
                                       gconstpointer  key);
GListModel   *collect                 (PwStore       *self,
                                       PwDbStmt  *stmt,
                                       gpointer     (*from_row) (PwDbStmt *),
                                       GType          type,
                                       GError       **error);
gpointer      only_row                (GListModel    *found,
                                       const char    *missing,
                                       GError       **error);
GListModel   *complete_by_key         (GListModel    *stored,
                                       guint          key_field,
                                       guint          n,
                                       GObject     *(*make_default) (guint key, gpointer data),
                                       gpointer       data);

/* pw-store.c: opening, writing, and the change log */
gboolean      refuse                  (PwStore       *self,
                                       GError       **error,
                                       int            code,
                                       const char    *reason);
void          announce                (PwStore       *self,
                                       const char    *table,
                                       gint64         id);
void          note_change             (PwStore       *self,
                                       const char    *table,
                                       gint64         id);
gboolean      write_one               (PwStore       *self,
                                       GError       **error,
                                       const char    *table,
                                       gint64         id,
                                       const char    *sql,
                                       const char    *types,
                                       ...);
gboolean      keep_past_profile       (PwStore       *self,
                                       GError       **error);
gboolean      touch_profile           (PwStore       *self,
                                       GError       **error);
gboolean      invalid                 (GError       **error,
                                       const char    *message);
gboolean      name_ok                 (const char    *name,
                                       const char    *what,
                                       GError       **error);
gboolean      explain_exists          (GError       **error,
                                       GError        *local,
                                       const char    *what);
char         *now_iso                 (void);
gboolean      log_change              (PwStore       *self,
                                       gint64         return_id,
                                       const char    *what,
                                       const char    *old_value,
                                       const char    *new_value,
                                       gboolean       fold_burst,
                                       GError       **error);

/* pw-store-profiles.c: the years a PCN is open */
char         *pcn_label               (PwPcn         *pcn);
gboolean      check_open_in           (PwStore       *self,
                                       gint64         pcn_id,
                                       int            year,
                                       GError       **error);

/* pw-store-returns.c: writing a return's parts */
gboolean      check_open              (PwStore       *self,
                                       gint64         return_id,
                                       GError       **error);
gboolean      part_begin              (PwStore       *self,
                                       PwFieldWrite  *w,
                                       const char    *value,
                                       GError       **error);
gboolean      finish_write            (PwStore       *self,
                                       gboolean       ok,
                                       gint64         return_id,
                                       const char    *table,
                                       const char    *what,
                                       const char    *old_value,
                                       const char    *new_value,
                                       gboolean       fold,
                                       GError       **error);

/* pw-store-boards.c: locality boards, and what pw-store-board-log.c shares */
gint64        owner_of                (PwStore       *self,
                                       const char    *sql,
                                       gint64         id);
gboolean      not_found               (GError       **error,
                                       const char    *message);
gboolean      board_begin             (PwStore       *self,
                                       gint64         locality_id,
                                       GError       **error);
gboolean      board_field_begin       (PwStore       *self,
                                       PwFieldWrite  *w,
                                       gint64         locality_id,
                                       const char    *value,
                                       GError       **error);
gboolean      board_finish            (PwStore       *self,
                                       gboolean       ok,
                                       gint64         locality_id,
                                       const char    *what,
                                       const char    *old_value,
                                       const char    *new_value,
                                       GError       **error);
gboolean      date_ok                 (const char    *iso,
                                       const char    *what,
                                       GError       **error);
gint64        find_id                 (PwStore       *self,
                                       const char    *sql,
                                       const char    *types,
                                       ...);
gpointer      row_from_columns        (PwDbStmt      *stmt,
                                       GType          type);
gboolean      check_no_board          (PwStore       *self,
                                       PwLocality    *locality,
                                       GError       **error);

G_END_DECLS

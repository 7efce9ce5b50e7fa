/* pw-store.c — the store: opening a workbook, and every write's frame
 *
 * PwStore owns a SQLite connection.  Opening refuses, without writing a
 * byte, anything that is not a PCN Workbook database of a version this build
 * understands; older versions are copied aside and migrated forward in one
 * transaction.  Every write runs in a transaction and is followed by the
 * "changed" signal; localities and PCNs are also kept as live list models
 * whose rows are updated in place, so widgets bound to them follow edits.
 *
 * The store is the one place that speaks SQL, and app/store/ holds all of
 * it: this file (opening, transactions, the change log), the schema, one
 * file per area (profiles, returns, plans, workforce, archive), the
 * backups, the models, and the engine seam below them (pw-db.h: pw-db.c
 * switches to pw-db-sqlite.c), which runs the statements.  pw-store-private.h is what they share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pw-db-pg.h"
#include "pw-parse.h"
#include "pw-store-private.h"

G_DEFINE_FINAL_TYPE (PwStore, pw_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (pw-store-error-quark, pw_store_error)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Opening                                                             */

/* New databases are private to their owner: they hold names of staff. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("Cannot create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Says why a workbook is not opened: nothing was written to it. */
gboolean
refuse (PwStore     *self,
        GError     **error,
        int          code,
        const char  *reason)
{
  g_set_error (error, PW_STORE_ERROR, code,
               _("Cannot open “%s”: %s It was left unchanged."), self->path, reason);
  return FALSE;
}

/* Reads only: decides whether this file may be written at all. */
static gboolean
check_file (PwStore     *self,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  gint64 version = pragma_int (self, "PRAGMA user_version", &local);
  gint64 app_id;

  if (version < 0 && g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_DATABASE))
    return refuse (self, error, PW_STORE_ERROR_NOT_DATABASE,
                   _("it is not a PCN Workbook database (it is not an SQLite file)."));
  if (version < 0)
    return refuse (self, error, PW_STORE_ERROR_CORRUPT,
                   _("the file is damaged or is not a database."));
  app_id = pragma_int (self, "PRAGMA application_id", NULL);
  if (app_id != PW_APPLICATION_ID && (app_id != 0 || !recognise_by_tables (self, version)))
    return refuse (self, error, PW_STORE_ERROR_NOT_DATABASE,
                   _("this SQLite file was not made by PCN Workbook."));
  if (version > PW_STORE_SCHEMA_VERSION)
    return refuse (self, error, PW_STORE_ERROR_NEWER,
                   _("it was made by a newer version of PCN Workbook. Install the newer version to open it."));

  if (self->check_on_open && !pw_store_check (self, "PRAGMA quick_check", NULL))
    return refuse (self, error, PW_STORE_ERROR_CORRUPT,
                   _("the database is damaged (its integrity check failed). Restore it from a backup."));
  self->schema_version = version;
  return TRUE;
}

/* Whether this open checks the whole file (which takes a second at
 * 12,500 PCNs, so not every open does): after an unclean shutdown, and
 * with the day's first open, which makes the daily copy.  SQLite removes
 * the -wal file when the last connection closes cleanly; one still there
 * before we connect means a program stopped without closing (or another
 * one has the file open now; then the check is merely spent).  Looked up
 * by name only, before our own connection makes its -wal: nothing but
 * SQLite opens the workbook's files (TRAPS: POSIX locks). */
static gboolean
needs_check (PwStore *self)
{
  static const char *left_behind[] = { "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (left_behind); i++)
    {
      g_autofree char *name = g_strconcat (self->path, left_behind[i], NULL);

      if (g_file_test (name, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return daily_backup_due (self);
}

static gboolean
migrate (PwStore     *self,
         GError     **error)
{
  g_autofree char *set_version = NULL;

  if (self->schema_version == PW_STORE_SCHEMA_VERSION)
    return TRUE;
  if (self->read_only)
    return refuse (self, error, PW_STORE_ERROR_READ_ONLY,
                   _("it comes from an older version of PCN Workbook and must be upgraded, but it is read-only. "
                     "Copy it to a folder where you may write, or ask for write access."));
  if (self->schema_version > 0 && !backup_before_migration (self, error))
    return FALSE;
  if (!exec_script (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = self->schema_version; v < PW_STORE_SCHEMA_VERSION; v++)
    if (!exec_script (self, migrations[v], error))
      {
        exec_script (self, "ROLLBACK", NULL);
        return FALSE;
      }
  set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                 PW_STORE_SCHEMA_VERSION, PW_APPLICATION_ID);
  if (!exec_script (self, set_version, error) || !exec_script (self, "COMMIT", error))
    {
      exec_script (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->schema_version = PW_STORE_SCHEMA_VERSION;
  return TRUE;
}

static gboolean
open_connection (PwStore     *self,
                 GError     **error)
{
  gboolean created = FALSE;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      if (!create_private_file (self->path, error))
        return FALSE;
      created = TRUE;
    }
  self->check_on_open = !created && needs_check (self);
  if (!lite_connect_to_file (self, error) || !check_file (self, error))
    return FALSE;
  /* Only now that the file is known to be ours may anything be written;
   * a read-only file of an older version is refused by migrate (). */
  if (!exec_script (self, self->read_only ? "PRAGMA foreign_keys = ON;"
                                          : "PRAGMA foreign_keys = ON;"
                                            "PRAGMA journal_mode = WAL;"
                                            "PRAGMA synchronous = FULL;", error) ||
      !migrate (self, error))
    return FALSE;
  /* A workbook made just now has nothing to keep yet. */
  if (!created)
    daily_backup_quietly (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Transactions and change notification                                */

gboolean
pw_store_begin (PwStore  *self,
                GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (self->read_only && self->pg_role != NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_PERMISSION,
                   _("Your role (%s) does not allow this change: it reads and exports the team workbook. "
                     "Nothing was saved."), self->pg_role);
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only: the change was not saved. "
                     "Copy the workbook to a folder where you may write, or ask for write access."),
                   self->path);
      return FALSE;
    }
  if (self->depth == 0 && !exec_script (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->depth++;
  /* Each write begins here, so finish_write () can tell whether it
   * changed anything. */
  self->write_mark = db_total_changes (self);
  return TRUE;
}

static void
flush_changes (PwStore *self)
{
  const char *table = self->pending_count == 1 ? self->pending_table : NULL;
  gint64 id = self->pending_count == 1 ? self->pending_id : 0;

  if (self->pending_count == 0)
    return;
  self->pending_count = 0;
  /* Only the PCNs written are read again: applying N forms costs N. */
  refresh_noted (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0, table, id);
}

/* Another connection changed @table's row @id (NULL and 0:
 * many rows, of any table), and says so with "changed". */
void
announce (PwStore    *self,
          const char *table,
          gint64      id)
{
  /* Practice changes are announced with the PCN whose totals they move;
   * returns and their parts are not cached, so they need no refresh. */
  note_seen (self);       /* before anyone reads what the others wrote */
  if (g_strcmp0 (table, "pcn") == 0 || g_strcmp0 (table, "practice") == 0)
    refresh (self, id);
  else if (table == NULL || g_strcmp0 (table, "locality") == 0)
    refresh (self, 0);
  g_signal_emit (self, signals[CHANGED], 0, table, id);
}

gboolean
pw_store_commit (PwStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      self->depth--;
      return TRUE;
    }
  /* Other connections to a team workbook hear of it when it commits. */
  if ((self->engine == PW_DB_PG && self->pending_count > 0 && !pg_notify_change (self, error)) ||
      !exec_script (self, "COMMIT", error))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  self->depth = 0;
  flush_changes (self);
  return TRUE;
}

/**
 * pw_store_begin_read:
 * Opens a read transaction for a long read such as an export: every query
 * until pw_store_end_read() sees one state of the workbook, and the file's
 * lock is taken once rather than by every statement.  Other programs may
 * still write meanwhile (the workbook is in WAL mode).  Inside a write
 * transaction it does nothing.
 */
gboolean
pw_store_begin_read (PwStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (self->depth > 0 || self->reading++ > 0)
    return TRUE;
  if (exec_script (self, "BEGIN", error))
    return TRUE;
  self->reading = 0;
  return FALSE;
}

void
pw_store_end_read (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));

  if (self->depth > 0 || self->reading == 0 || --self->reading > 0)
    return;
  exec_script (self, "COMMIT", NULL);
}

/* Rolls back the whole outermost transaction: a batch is all or nothing. */
void
pw_store_rollback (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));

  if (self->depth == 0)
    return;
  exec_script (self, "ROLLBACK", NULL);
  self->depth = 0;
  self->pending_count = 0;
  refresh_noted (self, FALSE);
}

/* Remembers what the open transaction changed: one row, or "many" (2). */
void
note_change (PwStore    *self,
             const char *table,
             gint64      id)
{
  note_models (self, table, id);
  if (self->pending_count == 0)
    {
      self->pending_count = 1;
      self->pending_table = table;
      self->pending_id = id;
    }
  else if (self->pending_table != table || self->pending_id != id)
    self->pending_count = 2;
}

static gboolean
is_profile_table (const char *table)
{
  return g_strcmp0 (table, "pcn") == 0 || g_strcmp0 (table, "practice") == 0 ||
         g_strcmp0 (table, "locality") == 0;
}

/* Before the first profile write of a financial year, keeps the profile as
 * it stood, if it was last written in an earlier year, as the figures of
 * the year before (see KEPT_YEAR). */
gboolean
keep_past_profile (PwStore  *self,
                   GError  **error)
{
  gint64 last = pw_current_year () - 1;
  g_autofree char *start = g_strdup_printf ("%04d-04-01", (int) last + 1);

  if (!run (self, error, "INSERT INTO profile_year (year, as_at) SELECT ?1, changed_on FROM profile_state"
                         " WHERE changed_on < ?2 AND NOT EXISTS (SELECT 1 FROM profile_year WHERE year >= ?1)",
            "it", last, start))
    return FALSE;
  if (db_changes (self) == 0)
    return TRUE;
  return run (self, error, KEEP_PCNS ("?1"), "i", last) && run (self, error, KEEP_PRACTICES ("?1"), "i", last);
}

/* Dates the profile's figures: the day of its latest write. */
gboolean
touch_profile (PwStore  *self,
               GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return run (self, error, "UPDATE profile_state SET changed_on = ?1", "t", today);
}

/* Wraps one statement in its own transaction (or the caller's batch); a
 * write to the profile first keeps last year's figures (see KEPT_YEAR). */
gboolean
write_one (PwStore     *self,
           GError     **error,
           const char  *table,
           gint64       id,
           const char  *sql,
           const char  *types,
           ...)
{
  va_list ap;
  PwDbStmt *stmt;
  int rc = DB_OK;
  gboolean profile = is_profile_table (table);

  if (!pw_store_begin (self, error))
    return FALSE;
  if (profile && !keep_past_profile (self, error))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  va_start (ap, types);
  stmt = prepare_v (self, error, sql, types, ap);
  va_end (ap);
  if (stmt != NULL)
    {
      rc = db_step (stmt);
      db_reset (stmt);
    }
  if (stmt == NULL || rc != DB_DONE)
    {
      if (stmt != NULL)
        db_error (self, error, rc);
      pw_store_rollback (self);
      return FALSE;
    }
  if (db_changes (self) > 0)
    {
      note_change (self, table, id);
      if (profile && !touch_profile (self, error))
        {
          pw_store_rollback (self);
          return FALSE;
        }
    }
  return pw_store_commit (self, error);
}

/* Re-reads everything, after another connection (an import thread) wrote. */
void
pw_store_reload (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));

  note_seen (self);
  refresh (self, 0);
  g_signal_emit (self, signals[CHANGED], 0, NULL, (gint64) 0);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
pw_store_finalize (GObject *object)
{
  PwStore *self = PW_STORE (object);

  if (self->depth > 0)
    pw_store_rollback (self);
  if (self->lite != NULL || self->pg != NULL)
    db_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->localities);
  g_clear_object (&self->pcns);
  g_clear_pointer (&self->pcn_index, g_hash_table_unref);
  g_clear_pointer (&self->noted_pcns, g_hash_table_unref);
  forget_contract_items (self);
  g_free (self->path);
  g_free (self->pg_message);
  g_free (self->db_user);
  g_free (self->user_name);
  g_free (self->change_source);
  g_clear_error (&self->backup_error);
  versions_clear (self);
  G_OBJECT_CLASS (pw_store_parent_class)->finalize (object);
}

static void
pw_store_class_init (PwStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_store_finalize;

  /**
   * PwStore::changed:
   * @table: (nullable): the table written, or %NULL when many rows changed
   * @id: the row written, or 0; for "practice", the PCN whose practices changed
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT64);
}

static void
pw_store_init (PwStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->localities = g_list_store_new (PW_TYPE_LOCALITY);
  self->pcns = g_list_store_new (PW_TYPE_PCN);
}

char *
pw_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pcn-workbook", "workbook.db", NULL);
}

/**
 * pw_store_open:
 * Opens @path, creating it (mode 0600) if it does not exist.  A file that is
 * not a PCN Workbook database, is damaged, or comes from a newer version is
 * refused with an error and left byte for byte as it was.  A team
 * workbook follows other connections' changes on the calling thread's main
 * context (pw_store_follow_changes()); on a worker thread, use
 * pw_store_open_for_job().
 */
PwStore *
pw_store_open (const char  *path,
               GError     **error)
{
  PwStore *self = pw_store_open_for_job (path, error);

  if (self != NULL)
    pw_store_follow_changes (self);
  return self;
}

/**
 * pw_store_open_for_job:
 * Opens the workbook at @path, as pw_store_open() does, for one job on a
 * worker thread (an import, an export, a restore, a connection being
 * made): the store puts nothing on any main context, so the main thread
 * never touches its connection while the job uses it.  A team workbook
 * opened so does not hear other connections' changes until
 * pw_store_follow_changes() is called.
 */
PwStore *
pw_store_open_for_job (const char  *path,
                       GError     **error)
{
  g_autoptr(PwStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  /* A URI of another kind is not a file name either: opened as one, it
   * would make folders named "scheme:". */
  if (!pw_db_is_uri (path) && strstr (path, "://") != NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("“%s” is neither a workbook file nor a team workbook address (postgresql://server/database)."),
                   path);
      return NULL;
    }
  self = g_object_new (PW_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (pw_db_is_uri (path) ? !pg_open (self, path, error) : !open_connection (self, error))
    return NULL;
  note_seen (self);
  refresh (self, 0);
  return g_steal_pointer (&self);
}

/**
 * pw_store_follow_changes:
 * From now on, a team workbook hears other connections' changes (the
 * #PwStore::changed signal) and looks for a lost server again on the
 * calling thread's main context: for a store opened for a job and handed
 * to the main thread.  A workbook file polls instead
 * (pw_store_poll_external()), so this does nothing for one.
 */
void
pw_store_follow_changes (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));
  if (self->engine == PW_DB_PG)
    pg_follow_changes (self);
}

/**
 * pw_store_is_team_uri:
 * Whether @path names a team workbook on a PostgreSQL server (a libpq URI,
 * postgresql://server/database) rather than a file.
 */
gboolean
pw_store_is_team_uri (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);
  return pw_db_is_uri (path);
}

const char *
pw_store_get_path (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return self->path;
}

/**
 * pw_store_set_user_name:
 * @name: (nullable): the person the change log and reviews name; %NULL or
 *   empty for the login name
 */
void
pw_store_set_user_name (PwStore    *self,
                        const char *name)
{
  g_return_if_fail (PW_IS_STORE (self));

  g_free (self->user_name);
  self->user_name = name && *name ? g_strdup (name) : NULL;
}

/**
 * pw_store_set_change_source:
 * @source: (nullable): where the values written next came from, such as
 *   "return form U12345 Riverside PCN 2026-27 return.xlsx"; %NULL for typed
 *
 * The change log records it beside each change until it is set again.
 */
void
pw_store_set_change_source (PwStore    *self,
                            const char *source)
{
  g_return_if_fail (PW_IS_STORE (self));

  g_free (self->change_source);
  self->change_source = g_strdup (source);
}

const char *
pw_store_get_user_name (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  if (self->db_user != NULL)
    return self->db_user;   /* a team workbook's log names the server's user */
  return self->user_name ? self->user_name : g_get_user_name ();
}

int
pw_store_get_schema_version (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), 0);
  return self->schema_version;
}

gboolean
pw_store_is_read_only (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  return self->read_only;
}

/**
 * pw_store_check:
 * @pragma: "PRAGMA quick_check" or "PRAGMA integrity_check"
 * @out_problems: (out) (optional): what the check found, one per line: the
 *   first 100 problems, and a last line saying so when there are more
 * Checks the whole file, as an open does after an unclean shutdown and
 * once a day; `pcn-workbook-cli check` asks for it.
 *
 * Returns: %TRUE if the check says "ok"
 */
gboolean
pw_store_check (PwStore     *self,
                const char  *pragma,
                char       **out_problems)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  PwDbStmt *stmt;
  int rc = DB_ERROR;
  guint n = 0;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_strcmp0 (pragma, "PRAGMA quick_check") == 0 ||
                        g_strcmp0 (pragma, "PRAGMA integrity_check") == 0, FALSE);

  /* A server checks its own pages (data checksums, its own tools). */
  if (self->engine == PW_DB_PG)
    {
      if (out_problems != NULL)
        *out_problems = g_strdup ("");
      return TRUE;
    }
  /* Static texts, so that the statement cache keys them.  One problem
   * more than is listed, so that the report can say it stops short. */
  stmt = query (self, NULL, g_str_equal (pragma, "PRAGMA quick_check") ? "PRAGMA quick_check(101)"
                                                                       : "PRAGMA integrity_check(101)", NULL);
  while (stmt != NULL && (rc = db_step (stmt)) == DB_ROW)
    if (g_strcmp0 (db_text (stmt, 0), "ok") != 0 && n++ < 100)
      g_string_append_printf (problems, "%s\n", db_text (stmt, 0));
  if (stmt != NULL)
    db_reset (stmt);
  if (n > 100)
    g_string_append (problems, _("(The check found more problems than these first 100.)\n"));
  if (rc != DB_DONE)
    g_string_append_printf (problems, "%s\n", db_errmsg (self));
  if (out_problems != NULL)
    *out_problems = g_strdup (problems->str);
  return problems->len == 0;
}

/* ------------------------------------------------------------------ */
/* Restoring a backup                                                  */

/* "…-before-restore.db" in @dir after @stamp (to the second), or with
 * "-2", "-3"… where that is taken: undoing a restore at once, from the
 * copy it kept, must not write the workbook over that copy first, and two
 * restores in one second keep a copy each. */
static char *
unused_copy_name (const char *dir,
                  const char *stamp)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-before-restore.db", stamp)
                                     : g_strdup_printf ("%s-before-restore-%u.db", stamp, n);
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}

/**
 * pw_store_restore_backup:
 * @backup: a copy made by PCN Workbook (any of pw_store_list_backups ())
 * @out_saved: (out) (optional): where the workbook as it was is kept
 * Replaces the workbook's contents with @backup's, through the open
 * connection, after checking @backup and copying the workbook as it is now
 * to the backup folder.  An older copy is upgraded after it is restored.
 */
gboolean
pw_store_restore_backup (PwStore     *self,
                         const char  *backup,
                         char       **out_saved,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = NULL, *stamp = NULL, *saved = NULL;
  g_autofree char *a = NULL, *b = NULL;
  gint64 version = 0;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (refuse_on_server (self, error))
    return FALSE;
  if (self->read_only)
    return pw_store_begin (self, error);   /* says why */
  a = g_canonicalize_filename (backup, NULL);
  b = g_canonicalize_filename (self->path, NULL);
  if (g_strcmp0 (a, b) == 0)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("A workbook cannot be restored from itself"));
      return FALSE;
    }
  if (!check_backup (backup, &version, error))
    return FALSE;
  dir = pw_store_backup_dir (self);
  stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  saved = unused_copy_name (dir, stamp);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return io_failed (error, dir);
  if (!copy_to (self, saved, error) || !copy_into_workbook (self, backup, error))
    return FALSE;
  self->schema_version = version;
  if (!migrate (self, error))
    return FALSE;
  pw_store_reload (self);
  if (out_saved != NULL)
    *out_saved = g_steal_pointer (&saved);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
name_ok (const char  *name,
         const char  *what,
         GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (name ? name : ""));

  if (*s == '\0')
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, _("%s cannot be empty"), what);
  else if (!g_utf8_validate (name, -1, NULL))
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                 _("%s is not valid text: retype it rather than pasting it from another program"), what);
  else
    return TRUE;
  return FALSE;
}

/* Turns the schema's UNIQUE refusal into a sentence about @what. */
gboolean
explain_exists (GError     **error,
                GError      *local,
                const char  *what)
{
  if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS, _("%s is already in use"), what);
      g_error_free (local);
    }
  else
    g_propagate_error (error, local);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The change log                                                      */

char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

/* Records a change.  With @fold, edits of one field by one person in a
 * burst (the latest entry, less than five minutes old) fold into one entry,
 * so typing a paragraph reads as one change from the old text to the new;
 * status changes never fold, each step of the workflow stands. */
gboolean
log_change (PwStore     *self,
            gint64       return_id,
            const char  *what,
            const char  *old_value,
            const char  *new_value,
            gboolean     fold_burst,
            GError     **error)
{
  g_autofree char *at = now_iso ();
  const char *user = pw_store_get_user_name (self);
  gint64 fold = 0;

  if (fold_burst)
    {
      PwDbStmt *last = query (self, error,
                                  "SELECT id FROM change_log WHERE id = (SELECT max(id) FROM change_log WHERE return_id = ?1)"
                                  " AND what = ?2 AND user = ?3 AND julianday(?4) - julianday(at) < 5.0 / 1440",
                                  "ittt", return_id, what, user, at);
      if (last == NULL)
        return FALSE;
      if (db_step (last) == DB_ROW)
        fold = db_int64 (last, 0);
      db_reset (last);
    }
  if (fold != 0)
    return run (self, error, "UPDATE change_log SET new_value = ?2, at = ?3 WHERE id = ?1",
                "itt", fold, new_value, at);
  return run (self, error,
              "INSERT INTO change_log (at, user, return_id, what, old_value, new_value, source)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
              "ttitt" "tt", at, user, return_id, what, old_value ? old_value : "", new_value ? new_value : "",
              self->change_source ? self->change_source : "");
}

/* ------------------------------------------------------------------ */
/* Other programs on the same file                                     */

/* How long a write waits for another program's lock before it fails
 * with PW_STORE_ERROR_BUSY.  The window keeps this short (its caller
 * retries later) so that the main loop never stalls for seconds. */
void
pw_store_set_busy_timeout (PwStore *self,
                           int      ms)
{
  g_return_if_fail (PW_IS_STORE (self));

  db_set_busy_timeout (self, ms);
}

/**
 * pw_store_poll_external:
 * Notices writes by other connections (another program, the CLI, an
 * import thread) since the last call: `PRAGMA data_version` changes only
 * when someone else commits.  If it changed, the live models are re-read
 * and "changed" is emitted with no table, as after pw_store_reload().
 * The first call only records where the file stands.  Cheap enough for a
 * timer: unchanged, it is one pragma on an open connection.
 *
 * Returns: %TRUE if the workbook changed, %FALSE otherwise or on error.
 */
gboolean
pw_store_poll_external (PwStore  *self,
                        GError  **error)
{
  gint64 version;
  gboolean first;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (self->depth > 0)
    return FALSE;     /* inside our own transaction: look again later */
  version = pragma_int (self, "PRAGMA data_version", error);
  if (version < 0 || version == self->data_version)
    return FALSE;
  first = self->data_version == 0;
  self->data_version = version;
  if (first)
    return FALSE;
  pw_store_reload (self);
  return TRUE;
}

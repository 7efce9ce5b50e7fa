/* pw-store-backups.c — copies of the workbook
 *
 * A copy beside the file before it is upgraded; a daily copy in the
 * workbook's backup folder, pruned to a week of days and four weeks; the
 * list of those copies, and the checks a copy passes before it is restored
 * (the restore itself, which reopens the workbook, is in pw-store.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pw-store-private.h"

/* ------------------------------------------------------------------ */
/* Copies of the workbook                                              */

gboolean
io_failed (GError     **error,
           const char  *path)
{
  int saved = errno;

  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO, _("Cannot write “%s”: %s"),
               path, g_strerror (saved));
  return FALSE;
}

/* Writes a consistent copy of the workbook (WAL included) to @target.
 * SQLite writes the copy itself (VACUUM INTO) into an empty private file
 * made under a temporary name, so a kill mid-way leaves no half copy under
 * the real name and nothing world-readable; the copy is flushed to disk
 * before it takes its name.  Only the copy is ever opened here, never the
 * workbook (TRAPS: POSIX locks). */
gboolean
copy_to (PwStore     *self,
         const char  *target,
         GError     **error)
{
  g_autofree char *tmp = g_strconcat (target, ".partial-XXXXXX", NULL);
  g_autoptr(GError) local = NULL;
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO, _("Cannot create “%s”: %s"),
                   tmp, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  ok = run (self, &local, "VACUUM INTO ?1", "t", tmp);
  if (ok && ((fd = g_open (tmp, O_RDONLY | O_CLOEXEC, 0)) < 0 || g_fsync (fd) != 0))
    ok = io_failed (&local, tmp);
  if (fd >= 0)
    close (fd);
  if (ok && g_rename (tmp, target) != 0)
    ok = io_failed (&local, target);
  if (!ok)
    {
      g_remove (tmp);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return ok;
}

/* A copy beside the file before it is upgraded: name.db.2026-11-22-v1.bak */
gboolean
backup_before_migration (PwStore     *self,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.%s-v%d.bak", self->path, stamp,
                                             self->schema_version);
  g_autoptr(GError) local = NULL;

  if (!copy_to (self, target, &local))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("Cannot back up “%s” to “%s” before upgrading it: %s. It was left unchanged."),
                   self->path, target, local->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Automatic backups                                                   */

void
pw_backup_free (PwBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->date);
  g_free (backup);
}

/**
 * pw_store_backup_dir:
 * Where the workbook's automatic copies go:
 * $XDG_DATA_HOME/pcn-workbook/backups/NAME-HASH, one folder per workbook
 * (HASH from its full path, so two "workbook.db" in different folders
 * stay apart).  Not beside the workbook: its folder may be read-only, or
 * shared (the copies hold staff names and are private, 0700/0600), and a
 * copy on another disk from the workbook outlives that disk.
 *
 * Returns: (transfer full): the folder's path
 */
char *
pw_store_backup_dir (PwStore *self)
{
  g_autofree char *absolute = NULL, *hash = NULL, *base = NULL, *name = NULL;
  char *dot;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  absolute = g_canonicalize_filename (self->path, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  base = g_path_get_basename (absolute);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  name = g_strdup_printf ("%s-%.8s", base, hash);
  return g_build_filename (g_get_user_data_dir (), "pcn-workbook", "backups", name, NULL);
}

/* A daily copy's name is its date, "2026-11-26.db". */
static gboolean
is_daily_name (const char *name)
{
  int y, m, d;
  char tail[4] = "";

  return strlen (name) == 13 && sscanf (name, "%4d-%2d-%2d%3s", &y, &m, &d, tail) == 4 &&
         strcmp (tail, ".db") == 0 && g_date_valid_dmy (d, m, y);
}

/* The ISO week of a daily copy, as one number (year × 100 + week). */
static int
week_of (const char *name)
{
  int y = 0, m = 0, d = 0;
  g_autoptr(GDateTime) day = NULL;

  sscanf (name, "%4d-%2d-%2d", &y, &m, &d);
  day = g_date_time_new_utc (y, m, d, 12, 0, 0);
  return day ? g_date_time_get_week_numbering_year (day) * 100 + g_date_time_get_week_of_year (day) : 0;
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) b, *(char * const *) a);
}

/* Names in @dir that @keep accepts, newest (greatest) first; a folder
 * that does not exist yet holds none. */
static GPtrArray *
list_names (const char  *dir,
            gboolean   (*keep) (const char *name),
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &local);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL && !g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      g_ptr_array_unref (names);
      return NULL;
    }

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (keep (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_desc);
  return names;
}

static gboolean
is_partial_name (const char *name)
{
  return strstr (name, ".partial-") != NULL;
}

/* Keeps the 7 newest daily copies and, before them, the newest copy of
 * each of 4 more weeks; removes the rest, and temporary files a killed
 * backup left behind (an hour old: one being written now is younger). */
static void
prune_backups (const char *dir)
{
  g_autoptr(GPtrArray) daily = list_names (dir, is_daily_name, NULL);
  g_autoptr(GPtrArray) partial = list_names (dir, is_partial_name, NULL);
  int last_week = 0;
  guint weeks = 0;

  if (daily == NULL || partial == NULL)
    return;
  for (guint i = 0; i < daily->len; i++)
    {
      const char *name = g_ptr_array_index (daily, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int week = week_of (name);
      gboolean weekly = i >= 7 && week != last_week && weeks < 4;

      if (i >= 7)
        last_week = week;
      weeks += weekly;
      if (i >= 7 && !weekly)
        g_remove (path);
    }
  for (guint i = 0; i < partial->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (partial, i), NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0 && st.st_mtime < time (NULL) - 3600)
        g_remove (path);
    }
}

static char *
daily_backup_path (PwStore   *self,
                   GDateTime *today)
{
  g_autofree char *dir = pw_store_backup_dir (self);
  g_autofree char *stamp = g_date_time_format (today, "%Y-%m-%d.db");

  return g_build_filename (dir, stamp, NULL);
}

/* Whether today's copy is still to be made: the day's first open. */
gboolean
daily_backup_due (PwStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *target = daily_backup_path (self, now);

  return !g_file_test (target, G_FILE_TEST_EXISTS);
}

/* A team workbook is backed up by its server's keeper, not by each desktop. */
gboolean
refuse_on_server (PwStore  *self,
                  GError  **error)
{
  if (self->engine != PW_DB_PG)
    return FALSE;
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_FAILED,
               _("“%s” is a team workbook: its server keeps its backups (ask whoever runs the server). "
                 "PCN Workbook keeps copies of workbook files only."), self->path);
  return TRUE;
}

/**
 * pw_store_daily_backup:
 * @today: the day to make the copy for
 * Copies the workbook to its backup folder as @today's copy, unless that
 * copy exists already, and prunes the older ones.
 */
gboolean
pw_store_daily_backup (PwStore    *self,
                       GDateTime  *today,
                       GError    **error)
{
  g_autofree char *dir = NULL, *target = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (refuse_on_server (self, error))
    return FALSE;
  dir = pw_store_backup_dir (self);
  target = daily_backup_path (self, today);
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return io_failed (error, dir);
  if (!copy_to (self, target, error))
    return FALSE;
  prune_backups (dir);
  return TRUE;
}

/* A failed daily copy must not stop the day's work: it is kept for the
 * window or the command line to report. */
void
daily_backup_quietly (PwStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_clear_error (&self->backup_error);
  pw_store_daily_backup (self, now, &self->backup_error);
}

/* Returns: (transfer none) (nullable): why today's copy could not be made */
const GError *
pw_store_get_backup_error (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return self->backup_error;
}

static gboolean
is_backup_name (const char *name)
{
  return g_str_has_suffix (name, ".db") && !is_partial_name (name);
}

/* By day, newest first; on one day the latest made first (a copy made
 * before a restore is newer than that day's copy). */
static int
compare_backups (gconstpointer a,
                 gconstpointer b)
{
  const PwBackup *x = *(PwBackup * const *) a, *y = *(PwBackup * const *) b;
  int by_day = strcmp (y->date, x->date);

  return by_day != 0 ? by_day : (y->modified > x->modified) - (y->modified < x->modified);
}

/**
 * pw_store_list_backups:
 * Returns: (transfer full) (element-type PwBackup): the workbook's copies
 * in its backup folder, newest first
 */
GPtrArray *
pw_store_list_backups (PwStore  *self,
                       GError  **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GPtrArray *backups;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  if (refuse_on_server (self, error))
    return NULL;
  dir = pw_store_backup_dir (self);
  if ((names = list_names (dir, is_backup_name, error)) == NULL)
    return NULL;
  backups = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_backup_free);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      PwBackup *b = g_new0 (PwBackup, 1);
      GStatBuf st = { 0 };

      b->path = g_build_filename (dir, name, NULL);
      b->date = g_strndup (name, 10);
      if (g_stat (b->path, &st) == 0)
        {
          b->size = st.st_size;
          b->modified = st.st_mtime;
        }
      g_ptr_array_add (backups, b);
    }
  g_ptr_array_sort (backups, compare_backups);
  return backups;
}

/* Checks, through a connection of its own, that @path is a sound PCN
 * Workbook file this build can read; its schema version in @out_version. */
gboolean
check_backup (const char  *path,
              gint64      *out_version,
              GError     **error)
{
  gint64 app_id = -1, version = -1;
  gboolean sound = FALSE;

  lite_peek_backup (path, &app_id, &version, &sound);
  *out_version = version;
  if (app_id == PW_APPLICATION_ID && sound && version >= 1 && version <= PW_STORE_SCHEMA_VERSION)
    return TRUE;
  g_set_error (error, PW_STORE_ERROR, app_id == PW_APPLICATION_ID ? PW_STORE_ERROR_CORRUPT
                                                                  : PW_STORE_ERROR_NOT_DATABASE,
               app_id != PW_APPLICATION_ID ? _("“%s” is not a PCN Workbook backup. Nothing was restored.")
               : version > PW_STORE_SCHEMA_VERSION ? _("“%s” was made by a newer version of PCN Workbook. Nothing was restored.")
               : _("“%s” is damaged (its integrity check failed). Nothing was restored."),
               path);
  return FALSE;
}

/* pw-export-file.c — where the workbook is written, so that an export never
 * destroys anything
 *
 * The target must be a name ending in .xlsx that is either new, empty or an
 * earlier xlsx workbook: never the open workbook (or its -wal, -shm or
 * -journal), a folder, a device, a pipe or a symbolic link.  A link is
 * refused rather than followed: replacing it would either break the link or
 * write somewhere the name does not say.  The workbook is written beside
 * the target under a recognisable temporary name (.NAME.xlsx.pw-tmp-XXXXXX),
 * flushed to disk, given the old file's permissions and renamed over it;
 * temporaries a killed export left behind for the same target are removed
 * once they are a minute old.  Files are compared by GIO's file id
 * (device and inode on POSIX, volume and file index on Windows), so the
 * database file itself is never opened here: closing a descriptor of it
 * would drop SQLite's locks.
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

#include "pw-export-private.h"

#define TEMP_MARK ".pw-tmp-"
#define STALE_SECONDS 60
#define TARGET_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
                          G_FILE_ATTRIBUTE_ID_FILE "," G_FILE_ATTRIBUTE_UNIX_MODE

static gboolean
refuse (GError    **error,
        const char *path,
        const char *why)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID, why, name);
  return FALSE;
}

/* The file id of @path without following a link, or NULL if it has none. */
static char *
file_id (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                 NULL, NULL);

  return info ? g_strdup (g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE)) : NULL;
}

/* TRUE if @id is the workbook's database file or one of SQLite's files
 * beside it. */
static gboolean
is_database (PwStore    *store,
             const char *id)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char *db = pw_store_get_path (store);

  for (guint i = 0; db != NULL && id != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);
      g_autofree char *other = file_id (path);

      if (g_strcmp0 (id, other) == 0)
        return TRUE;
    }
  return FALSE;
}

/* An xlsx file is a zip archive: it starts with a local file header. */
static gboolean
starts_as_zip (GFile *file)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guchar head[4] = { 0 };
  gsize got = 0;

  return in != NULL &&
         g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, NULL) &&
         got == sizeof head && memcmp (head, "PK\3\4", 4) == 0;
}

/* Whether @path may be replaced by the appendix; @mode is set to the old
 * file's permissions (where the system has them), or left alone for a new
 * file. */
static gboolean
check_target (PwStore     *store,
              const char  *path,
              guint32     *mode,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info (file, TARGET_ATTRIBUTES, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                 NULL, &local);

  if (info == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  if (info == NULL)
    return refuse (error, path, local->message);
  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;
    case G_FILE_TYPE_DIRECTORY:
      return refuse (error, path, _("“%s” is a folder. Choose a file name ending in .xlsx."));
    case G_FILE_TYPE_SYMBOLIC_LINK:
      return refuse (error, path, _("“%s” is a symbolic link, which an export does not replace. "
                                    "Export to the file it points to, or choose another name."));
    default:
      return refuse (error, path, _("“%s” is not an ordinary file (it is a device, a pipe or a socket). "
                                    "Choose a file name ending in .xlsx."));
    }
  if (is_database (store, g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE)))
    return refuse (error, path, _("“%s” is the open workbook: exporting over it would destroy every return in it. "
                                  "Choose another name for the appendix."));
  if (g_file_info_get_size (info) > 0 && !starts_as_zip (file))
    return refuse (error, path, _("“%s” is not an Excel workbook, and an export only replaces an earlier .xlsx file. "
                                  "Choose another name, or move that file away first."));
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
    *mode = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 07777;
  return TRUE;
}

/* Temporaries of earlier exports to the same @base in @dir that were killed
 * before they could rename or remove them. */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autofree char *prefix = g_strconcat (".", base, TEMP_MARK, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - (gint64) st.st_mtime > STALE_SECONDS)
        g_unlink (path);
    }
}

gboolean
pw_export_file_begin (PwExportFile  *f,
                      PwStore       *store,
                      const char    *path,
                      GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = NULL;
  int fd;

  if (!g_str_has_suffix (path, ".xlsx") && !g_str_has_suffix (path, ".XLSX"))
    return refuse (error, path, _("“%s” does not end in .xlsx: the appendix is an Excel workbook. "
                                  "Add .xlsx to the name."));
  f->mode = 0;
  if (!check_target (store, path, &f->mode, error))
    return FALSE;
  remove_stale_temporaries (dir, base);
  tmpl = g_strdup_printf ("%s%c.%s" TEMP_MARK "XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmpl, O_RDWR, 0644);   /* less the umask, as any new file */
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *shown = g_filename_display_name (dir);

      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write in the folder “%s”: %s"),
                   shown, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);
  f->path = g_strdup (path);
  f->tmp = g_steal_pointer (&tmpl);
  return TRUE;
}

static gboolean
write_failed (GError    **error,
              const char *path,
              int         saved)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot save “%s”: %s"), name, g_strerror (saved));
  return FALSE;
}

/* The written temporary on disk, before anything points at it. */
static gboolean
sync_file (const char *path)
{
  int fd = g_open (path, O_RDWR, 0);
  gboolean ok = fd >= 0 && g_fsync (fd) == 0;

  if (fd >= 0)
    g_close (fd, NULL);
  return ok;
}

/* The rename itself on disk (POSIX only: Windows has no directory handles
 * to flush, and its rename is already durable). */
static void
sync_folder (const char *path)
{
#ifndef G_OS_WIN32
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY, 0);

  if (fd >= 0)
    {
      g_fsync (fd);
      g_close (fd, NULL);
    }
#endif
}

gboolean
pw_export_file_commit (PwExportFile  *f,
                       PwStore       *store,
                       GError       **error)
{
  guint32 mode = f->mode;

  if (!sync_file (f->tmp) || (mode != 0 && g_chmod (f->tmp, mode) != 0))
    return write_failed (error, f->path, errno);
  /* Looked at again: the target may have changed while the sheets were written. */
  if (!check_target (store, f->path, &mode, error))
    return FALSE;
  if (g_rename (f->tmp, f->path) != 0)
    return write_failed (error, f->path, errno);
  g_clear_pointer (&f->tmp, g_free);
  sync_folder (f->path);
  return TRUE;
}

void
pw_export_file_clear (PwExportFile *f)
{
  if (f->tmp != NULL)
    g_unlink (f->tmp);
  g_clear_pointer (&f->tmp, g_free);
  g_clear_pointer (&f->path, g_free);
}

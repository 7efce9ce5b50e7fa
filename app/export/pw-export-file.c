/* pw-export-file.c — where the workbook is written: beside its target, then
 * renamed over it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "pw-export-private.h"

/* A new, empty file beside @path, so the final rename stays on one disk. */
char *
pw_export_temp_beside (const char  *path,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp_full (tmpl, O_RDWR, 0644);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write in the folder “%s”: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

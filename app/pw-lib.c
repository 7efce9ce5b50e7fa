/* pw-lib.c — loads a library the first time it is needed
 *
 * See pw-lib.h.  GModule loads it the same way on every system; a
 * missing library is a clear error from what needed it, and nothing else
 * is affected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <string.h>

#include "pw-lib.h"

G_DEFINE_QUARK (pw-lib-error-quark, pw_lib_error)

/* Finds every call in @module; FALSE, naming the first one missing, if
 * any is. */
static gboolean
find_calls (PwLib       *lib,
            GModule     *module,
            const char  *file,
            GError     **error)
{
  for (guint i = 0; i < lib->n_slots; i++)
    if (!g_module_symbol (module, lib->names[i], &lib->slots[i]))
      {
        g_set_error (error, PW_LIB_ERROR, PW_LIB_ERROR_TOO_OLD, _(lib->too_old), file, lib->names[i]);
        /* Nothing may call into a module about to be closed. */
        memset (lib->slots, 0, lib->n_slots * sizeof *lib->slots);
        return FALSE;
      }
  return TRUE;
}

/* The first of @lib's files (":"-separated: distributions number some
 * libraries differently) that loads, and its name in *@file; NULL, with
 * @error saying why the first could not be loaded, if none can. */
static GModule *
open_first (PwLib       *lib,
            char       **file,
            GError     **error)
{
  g_auto(GStrv) files = g_strsplit (lib->file, ":", -1);
  g_autofree char *why = NULL;

  for (guint i = 0; files[i] != NULL; i++)
    {
      GModule *module = g_module_open (files[i], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module != NULL)
        {
          *file = g_strdup (files[i]);
          return module;
        }
      if (why == NULL)
        why = g_strdup (g_module_error ());
    }
  g_set_error (error, PW_LIB_ERROR, PW_LIB_ERROR_MISSING, _(lib->missing), why);
  return NULL;
}

/**
 * pw_lib_load:
 *
 * Loads @lib once, from any thread; later calls return at once.  A
 * library that failed to load is tried again at the next call (it may
 * have been installed since).
 */
gboolean
pw_lib_load (PwLib   *lib,
             GError **error)
{
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autofree char *file = NULL;
  GModule *module;

  if (lib->loaded)
    return TRUE;
  if ((module = open_first (lib, &file, error)) == NULL)
    return FALSE;
  if (!find_calls (lib, module, file, error))
    {
      g_module_close (module);
      return FALSE;
    }
  /* The table points into it for the rest of the process. */
  g_module_make_resident (module);
  lib->loaded = TRUE;
  return TRUE;
}

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

#include "pw-lib.h"

G_DEFINE_QUARK (pw-lib-error-quark, pw_lib_error)

/* Finds every call in @module; FALSE, naming the first one missing, if
 * any is. */
static gboolean
find_calls (PwLib    *lib,
            GModule  *module,
            GError  **error)
{
  for (guint i = 0; i < lib->n_slots; i++)
    if (!g_module_symbol (module, lib->names[i], &lib->slots[i]))
      {
        g_set_error (error, PW_LIB_ERROR, PW_LIB_ERROR_TOO_OLD, _(lib->too_old), lib->file, lib->names[i]);
        return FALSE;
      }
  return TRUE;
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
  GModule *module;

  if (lib->loaded)
    return TRUE;
  module = g_module_open (lib->file, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, PW_LIB_ERROR, PW_LIB_ERROR_MISSING, _(lib->missing), g_module_error ());
      return FALSE;
    }
  if (!find_calls (lib, module, error))
    {
      g_module_close (module);
      return FALSE;
    }
  /* The table points into it for the rest of the process. */
  g_module_make_resident (module);
  lib->loaded = TRUE;
  return TRUE;
}

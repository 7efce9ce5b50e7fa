/* pw-db-pg-lib.c — loads libpq the first time a team workbook is opened
 *
 * See pw-db-pg-lib.h.  GModule loads it the same way on every system; a
 * missing library is a clear error when a team workbook is opened, and
 * nothing else needs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#define PW_PQ_LOADER
#include "pw-db-pg-lib.h"
#include "pw-store.h"

#if defined(G_OS_WIN32)
#define LIBPQ "libpq.dll"
#elif defined(__APPLE__)
#define LIBPQ "libpq.5.dylib"
#else
#define LIBPQ "libpq.so.5"
#endif

PwPq pw_pq;

/* Finds every call in @module; FALSE, with the name of the first one
 * missing, if any is. */
static gboolean
find_calls (GModule  *module,
            GError  **error)
{
#define PW_PQ_FIND(name) \
  if (!g_module_symbol (module, #name, (gpointer *) &pw_pq.name)) \
    { \
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO, \
                   _("PostgreSQL's client library (%s) has no %s: it is too old for team workbooks."), LIBPQ, #name); \
      return FALSE; \
    }
  PW_PQ_FUNCTIONS (PW_PQ_FIND)
#undef PW_PQ_FIND
  return TRUE;
}

/**
 * pw_pq_load:
 * Loads libpq once, from any thread; later calls return at once.
 */
gboolean
pw_pq_load (GError **error)
{
  static GMutex lock;
  static gboolean loaded;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  GModule *module;

  if (loaded)
    return TRUE;
  module = g_module_open (LIBPQ, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("PostgreSQL's client library cannot be loaded (%s), so team workbooks cannot be opened: "
                     "install libpq."), g_module_error ());
      return FALSE;
    }
  if (!find_calls (module, error))
    {
      g_module_close (module);
      return FALSE;
    }
  g_module_make_resident (module);
  loaded = TRUE;
  return TRUE;
}

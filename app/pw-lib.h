/* pw-lib.h — libraries loaded the first time they are needed (pw-lib.c)
 *
 * A library few users need at every start (libpq for team workbooks,
 * libxlsxwriter for exports, libzip for reading forms) is not linked
 * into the programs: the dynamic linker would load and relocate it, and
 * what it needs, before main () on every start.  Its header
 * (pw-db-pg-lib.h, pw-lib-xlsxwriter.h, pw-lib-zip.h) lists the calls
 * used, makes a table of them with PW_LIB_TABLE () and defines each call
 * as its entry in the table, so that the calling code reads as before;
 * the entry points load it (pw_lib_load ()) before any call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_LIB_ERROR (pw_lib_error_quark ())

typedef enum
{
  PW_LIB_ERROR_MISSING,        /* the library cannot be loaded */
  PW_LIB_ERROR_TOO_OLD,        /* it lacks one of the calls */
} PwLibError;

/* A table of the calls of @LIST (a list macro that applies its argument
 * to each call's name): each call as a typed member, and the same
 * entries as the array the loader fills. */
#define PW_LIB_MEMBER(name) __typeof__ (name) *name;
#define PW_LIB_COUNT(name) + 1
#define PW_LIB_TABLE(LIST) \
  union \
  { \
    struct { LIST (PW_LIB_MEMBER) }; \
    gpointer slots[0 LIST (PW_LIB_COUNT)]; \
  }
#define PW_LIB_NAME(name) #name,

/* One library: how to load it, what to say if it cannot be, and its
 * table.  The messages are untranslated (N_ ()) and take the file's
 * error, then for @too_old the file and the call it lacks. */
typedef struct
{
  const char *file;            /* as g_module_open () takes it: "libpq.so.5", or
                                * several, ":"-separated, tried in turn */
  const char *missing;         /* "… cannot be loaded (%s) …: install …" */
  const char *too_old;         /* "… (%s) has no %s …" */
  const char *const *names;    /* the calls, in the table's order */
  gpointer *slots;             /* the table's entries */
  guint n_slots;
  gboolean loaded;             /* under the loader's lock */
} PwLib;

/* Defines @table (of @Type, the calls of @LIST) and @load (), which
 * loads @file into it; @missing and @too_old as in PwLib. */
#define PW_LIB_DEFINE(Type, table, LIST, load, file, missing, too_old) \
  Type table; \
  static const char *const table##_names[] = { LIST (PW_LIB_NAME) }; \
  G_STATIC_ASSERT (G_N_ELEMENTS (table##_names) == G_N_ELEMENTS (table.slots)); \
  G_STATIC_ASSERT (sizeof table == sizeof table.slots); \
  static PwLib table##_lib = { file, missing, too_old, table##_names, table.slots, G_N_ELEMENTS (table##_names) }; \
  gboolean \
  load (GError **error) \
  { \
    return pw_lib_load (&table##_lib, error); \
  }

GQuark   pw_lib_error_quark (void);
gboolean pw_lib_load        (PwLib   *lib,
                             GError **error);

G_END_DECLS

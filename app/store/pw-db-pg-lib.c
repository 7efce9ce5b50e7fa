/* pw-db-pg-lib.c — loads libpq the first time a team workbook is opened
 *
 * See pw-db-pg-lib.h and pw-lib.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#define PW_PQ_LOADER
#include "pw-db-pg-lib.h"

#if defined(G_OS_WIN32)
#define LIBPQ "libpq.dll"
#elif defined(__APPLE__)
#define LIBPQ "libpq.5.dylib"
#else
#define LIBPQ "libpq.so.5"
#endif

PW_LIB_DEFINE (PwPq, pw_pq, PW_PQ_FUNCTIONS, pw_pq_load, LIBPQ,
               N_("PostgreSQL's client library cannot be loaded (%s), so team workbooks cannot be opened: "
                  "install libpq."),
               N_("PostgreSQL's client library (%s) has no %s: it is too old for team workbooks."))

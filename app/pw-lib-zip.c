/* pw-lib-zip.c — loads libzip the first time an xlsx file is read
 *
 * See pw-lib-zip.h and pw-lib.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#define PW_ZIP_LOADER
#include "pw-lib-zip.h"

#if defined(G_OS_WIN32)
#define LIBZIP "libzip.dll:zip.dll"
#elif defined(__APPLE__)
#define LIBZIP "libzip.5.dylib"
#else
#define LIBZIP "libzip.so.4:libzip.so.5"   /* Debian numbers it 4, upstream 5 */
#endif

PW_LIB_DEFINE (PwZip, pw_zip, PW_ZIP_FUNCTIONS, pw_zip_load, LIBZIP,
               N_("The library that reads Excel workbooks cannot be loaded (%s), so return forms cannot be read: "
                  "install libzip."),
               N_("The library that reads Excel workbooks (%s) has no %s: it is too old to read return forms."))

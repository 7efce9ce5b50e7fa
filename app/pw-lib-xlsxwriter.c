/* pw-lib-xlsxwriter.c — loads libxlsxwriter the first time an export
 * writes a workbook
 *
 * See pw-lib-xlsxwriter.h and pw-lib.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#define PW_XLSXWRITER_LOADER
#include "pw-lib-xlsxwriter.h"

#if defined(G_OS_WIN32)
#define LIBXLSXWRITER "libxlsxwriter.dll"
#elif defined(__APPLE__)
#define LIBXLSXWRITER "libxlsxwriter." LXW_SOVERSION ".dylib"
#else
#define LIBXLSXWRITER "libxlsxwriter.so." LXW_SOVERSION   /* the version built against */
#endif

PW_LIB_DEFINE (PwXlsxwriter, pw_xlsxwriter, PW_XLSXWRITER_FUNCTIONS, pw_xlsxwriter_load, LIBXLSXWRITER,
               N_("The library that writes Excel workbooks cannot be loaded (%s), so nothing can be exported: "
                  "install libxlsxwriter."),
               N_("The library that writes Excel workbooks (%s) has no %s: it is too old for the exports."))

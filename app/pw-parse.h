/* pw-parse.h — parsing and formatting of the values users type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_PARSE_ERROR (pw_parse_error_quark ())

typedef enum
{
  PW_PARSE_ERROR_EMPTY,
  PW_PARSE_ERROR_INVALID,
  PW_PARSE_ERROR_RANGE,
} PwParseError;

#define PW_WTE_MAX 9999          /* 99.99 WTE, in hundredths */
/* Ranges that keep any sum of a million rows far inside 64 bits. */
#define PW_MONEY_MAX G_GINT64_CONSTANT (99999999999)   /* £999,999,999.99, in pence */
#define PW_COUNT_MAX 99999999    /* people: more than England's population */
#define PW_QUOTE_MAX 80          /* characters of a value a message quotes */
#define PW_YEAR_MIN 2000
#define PW_YEAR_MAX 2098

GQuark    pw_parse_error_quark    (void);
char     *pw_quote                (const char  *text);

gboolean  pw_ods_code_ok          (const char  *code,
                                   gboolean     pcn);
gboolean  pw_parse_pcn_code       (const char  *text,
                                   char       **out_code,
                                   GError     **error);
gboolean  pw_parse_practice_code  (const char  *text,
                                   char       **out_code,
                                   GError     **error);
gboolean  pw_parse_year           (const char  *text,
                                   int         *out_year,
                                   GError     **error);
char     *pw_format_year          (int          year);
int       pw_current_year         (void);
int       pw_year_of_date         (GDateTime   *when);
gboolean  pw_parse_wte            (const char  *text,
                                   int         *out_hundredths,
                                   GError     **error);
char     *pw_format_wte           (gint64       hundredths);
gboolean  pw_parse_money          (const char  *text,
                                   gint64      *out_pence,
                                   GError     **error);
char     *pw_format_money         (gint64       pence);
gboolean  pw_parse_population     (const char  *text,
                                   gint64      *out_count,
                                   GError     **error);
char     *pw_format_count         (gint64       count);
gboolean  pw_parse_date           (const char  *text,
                                   char       **out_iso,
                                   GError     **error);
char     *pw_format_date          (const char  *iso);

G_END_DECLS

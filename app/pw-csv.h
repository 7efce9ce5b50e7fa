/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_CSV_ERROR (pw_csv_error_quark ())

typedef enum
{
  PW_CSV_ERROR_READ,
  PW_CSV_ERROR_ENCODING,
  PW_CSV_ERROR_SYNTAX,
} PwCsvError;

/* One record of a CSV file, and the physical line it starts on (the
 * header is line 1), which is what error messages cite. */
typedef struct
{
  guint line;
  GPtrArray *fields;           /* of char*, owned, UTF-8 */
} PwCsvRecord;

GQuark     pw_csv_error_quark (void);
GPtrArray *pw_csv_read_file   (const char  *path,
                               GError     **error);
GPtrArray *pw_csv_read_data   (const char  *name,
                               const char  *data,
                               gsize        len,
                               GError     **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-progress.h"

G_BEGIN_DECLS

#define PW_CSV_ERROR (pw_csv_error_quark ())

/* What a CSV import reads at most.  Generous for national returns (about
 * 1,250 PCNs and 6,300 practices), small enough that a wrong or hostile
 * file is refused before it eats the machine's memory. */
#define PW_CSV_MAX_BYTES   (64 * 1024 * 1024)
#define PW_CSV_MAX_LINES   1000000
#define PW_CSV_MAX_FIELD   32767       /* characters: what a spreadsheet cell holds */
#define PW_CSV_MAX_COLUMNS 64

typedef enum
{
  PW_CSV_ERROR_READ,
  PW_CSV_ERROR_ENCODING,
  PW_CSV_ERROR_SYNTAX,
  PW_CSV_ERROR_LIMIT,
} PwCsvError;

/* One record of a CSV file, and the physical line it starts on (the
 * header is line 1), which is what error messages cite.  Fields past the
 * header's width are counted in @width but not kept, so that a line of
 * a million commas costs no memory. */
typedef struct
{
  guint line;
  guint width;                 /* fields in the file's record */
  GPtrArray *fields;           /* of char*, owned, UTF-8: at most the header's width */
} PwCsvRecord;

GQuark     pw_csv_error_quark (void);
GPtrArray *pw_csv_read_file   (const char      *path,
                               PwProgressFunc   progress,
                               gpointer         progress_data,
                               GCancellable    *cancellable,
                               GError         **error);
GPtrArray *pw_csv_read_data   (const char      *name,
                               const char      *data,
                               gsize            len,
                               PwProgressFunc   progress,
                               gpointer         progress_data,
                               GCancellable    *cancellable,
                               GError         **error);

G_END_DECLS

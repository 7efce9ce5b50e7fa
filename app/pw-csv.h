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
#define PW_CSV_MAX_COLUMNS 16          /* the widest import has 10 */

typedef enum
{
  PW_CSV_ERROR_READ,
  PW_CSV_ERROR_ENCODING,
  PW_CSV_ERROR_SYNTAX,
  PW_CSV_ERROR_LIMIT,
} PwCsvError;

/* One record of a CSV file, and the physical line it starts on (the
 * header is line 1), which is what error messages cite.  Fields past the
 * header's width are counted in @width but not kept, so that a line of a
 * million commas costs no memory; the fields kept are in one block with
 * the record (a million short rows would otherwise cost gigabytes).
 * Free with g_free. */
typedef struct
{
  guint line;
  guint width;                 /* fields in the file's record */
  guint n_fields;              /* fields kept: at most the header's width */
  guint32 start[];             /* of each field, in the UTF-8 text that follows */
} PwCsvRecord;

/* The text of field @i (< @record->n_fields). */
static inline const char *
pw_csv_record_field (const PwCsvRecord *record,
                     guint              i)
{
  return (const char *) &record->start[record->n_fields] + record->start[i];
}

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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PW_XLSX_ERROR (pw_xlsx_error_quark ())

typedef enum
{
  PW_XLSX_ERROR_READ,          /* the file cannot be read at all */
  PW_XLSX_ERROR_NOT_XLSX,      /* not a zip, or a zip without a workbook */
  PW_XLSX_ERROR_ENCRYPTED,     /* password-protected (or an old .xls) */
  PW_XLSX_ERROR_CORRUPT,       /* damaged zip or XML, impossible cell */
  PW_XLSX_ERROR_TOO_LARGE,     /* over one of the limits below */
  PW_XLSX_ERROR_NO_SHEET,      /* no worksheet of that name */
} PwXlsxError;

/* Limits on what one file may cost; inflated bytes are counted as they
 * are read, never taken from the zip's own (forgeable) sizes. */
#define PW_XLSX_MAX_FILE_BYTES    (32 * 1024 * 1024)
#define PW_XLSX_MAX_ENTRY_BYTES   (64 * 1024 * 1024)
#define PW_XLSX_MAX_TOTAL_BYTES   (256 * 1024 * 1024)
#define PW_XLSX_MAX_TEXT_CHARS    32767     /* Excel's own limit per cell */
#define PW_XLSX_MAX_STRINGS       1000000   /* shared strings per file */
#define PW_XLSX_MAX_CELLS         1000000   /* non-empty cells per sheet */
#define PW_XLSX_MAX_SHEETS        1000
#define PW_XLSX_MAX_ROW           1048576
#define PW_XLSX_MAX_COL           16384

typedef enum
{
  PW_XLSX_CELL_STRING,
  PW_XLSX_CELL_NUMBER,         /* text as stored: "0.5", "26400", "1E-3" */
  PW_XLSX_CELL_BOOL,           /* "0" or "1" */
  PW_XLSX_CELL_ERROR,          /* "#DIV/0!", "#N/A", … */
  PW_XLSX_CELL_DATE,           /* ISO 8601 text (t="d", rare) */
  PW_XLSX_CELL_NO_VALUE,       /* a formula never calculated: text is "" */
} PwXlsxCellKind;

typedef struct
{
  guint row;                   /* 1-based */
  guint col;                   /* 1-based: A = 1 */
  PwXlsxCellKind kind;
  const char *text;            /* borrowed for the call, UTF-8, never NULL */
  gboolean has_formula;
} PwXlsxCell;

/* Called once per non-empty cell in file order; returning FALSE with
 * @error set stops the reading, and pw_xlsx_reader_read_sheet() fails
 * with that error. */
typedef gboolean (*PwXlsxCellFunc) (const PwXlsxCell  *cell,
                                    gpointer           user_data,
                                    GError           **error);

/* One opened .xlsx, read sheet by sheet; use it from one thread at a time
 * (a worker thread is fine). */
#define PW_TYPE_XLSX_READER (pw_xlsx_reader_get_type ())
G_DECLARE_FINAL_TYPE (PwXlsxReader, pw_xlsx_reader, PW, XLSX_READER, GObject)

GQuark        pw_xlsx_error_quark          (void);
PwXlsxReader *pw_xlsx_reader_open          (const char      *path,
                                            GCancellable    *cancellable,
                                            GError         **error);
PwXlsxReader *pw_xlsx_reader_open_bytes    (GBytes          *bytes,
                                            const char      *name,
                                            GCancellable    *cancellable,
                                            GError         **error);
GStrv         pw_xlsx_reader_sheet_names   (PwXlsxReader    *self);
gboolean      pw_xlsx_reader_has_sheet     (PwXlsxReader    *self,
                                            const char      *name);
gboolean      pw_xlsx_reader_sheet_hidden  (PwXlsxReader    *self,
                                            const char      *name);
gboolean      pw_xlsx_reader_read_sheet    (PwXlsxReader    *self,
                                            const char      *name,
                                            PwXlsxCellFunc   func,
                                            gpointer         user_data,
                                            GCancellable    *cancellable,
                                            GError         **error);

gboolean      pw_xlsx_parse_ref            (const char      *ref,
                                            guint           *row,
                                            guint           *col);
char         *pw_xlsx_format_ref           (guint            row,
                                            guint            col);
char         *pw_xlsx_format_cell          (const char      *sheet,
                                            guint            row,
                                            guint            col);

G_END_DECLS

/* pw-export-private.h — what the appendix's sheets share: the export's
 * gathered data, its formats and the layout helpers of pw-export-layout.c.
 * Not installed; only app/export/ includes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-lib-xlsxwriter.h"

#include "pw-export.h"
#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-store-export.h"
#include "pw-workforce.h"

G_BEGIN_DECLS

#define PW_MAX_CELL_CHARS 32767   /* Excel's limit for one cell */
#define PW_TITLE_POINTS 22        /* the height of a sheet's title row */
#define PW_ROW_POINTS 15          /* the height of a row nobody set */
/* The mark after a level whose return is not yet reviewed: a draft or a
 * submitted self-assessment must not read as the agreed level. */
#define PW_UNREVIEWED_MARK "†"

/* One export under way: what it reads (gathered before any file is
 * touched) and the workbook's formats, which the workbook owns. */
typedef struct
{
  PwStore *store;              /* borrowed */
  const PwExportOptions *options;  /* borrowed */
  const char *doc_title;       /* the file's title property */
  const char *pcn_code;        /* a review's PCN, NULL for all; borrowed */
  PwPcn *sheet_pcn;            /* the PCN the sheet being written is about, or NULL; borrowed */
  char *as_at;                 /* ISO date the year's profiles were last changed on, or "" */
  lxw_workbook *workbook;
  GPtrArray *pcns;             /* of PwPcn, by locality then name; a pack's only */
  gint64 locality_id;          /* a locality pack's locality, or 0 for all */
  char *scope;                 /* the title rows' scope: "All localities" or the pack's */
  GHashTable *levels;          /* pcn id → int[PW_N_DOMAINS], this year */
  GHashTable *prev_levels;     /* the same, the year before */
  GHashTable *returns;         /* pcn id → PwReturn, this year */
  PwExportRows *funding;       /* the year's funding (pw_export_funding ()), or NULL */
  char *level_texts[2][PW_N_LEVELS];  /* each level's name, then marked unreviewed; made when first asked */
  /* Names the sheets write on every PCN's rows, translated once (a
   * translation is looked up anew at every call) */
  const char *domain_names[PW_N_DOMAINS];
  const char *list_names[PW_N_LISTS];
  const char *stream_names[PW_MAX_CONTRACT_ITEMS];  /* shipped and added */
  lxw_format *level_formats[PW_N_LEVELS];
  lxw_format *centre;
  lxw_format *row_label;       /* a grid's first column */
  lxw_format *money;
  lxw_format *total_money;
  lxw_format *block_title;
  lxw_format *title;
  lxw_format *label;
  lxw_format *header;
  lxw_format *text;
  lxw_format *count;
  lxw_format *wte;
  lxw_format *date;
  lxw_format *datetime;
  lxw_format *total_label;
  lxw_format *total_count;
  lxw_format *total_wte;
  lxw_format *missing;         /* "Not recorded" where an amount goes */
  lxw_format *total_missing;
  GPtrArray *sheet_names;      /* every sheet's name, in order; borrowed */
  const char *sheet;           /* the sheet being written; borrowed */
  char *year_name;             /* "2021/22" */
  GError *failure;             /* the first value the export refused */
  GArray *row_heights;         /* this sheet's rows: the height set and the points the text needs (pw_sheet_heights_new) */
  GArray *widths;              /* of double: this sheet's column widths, 0 for the default */
  GArray *page_breaks;         /* of lxw_row_t: this sheet's, for pw_sheet_keep_together() */
  lxw_row_t page_row;          /* the first row pw_sheet_keep_together() has not counted */
  double page_used;            /* the points of the page in progress already filled */
  GPtrArray *kept;             /* what libxlsxwriter points at until the workbook closes */
} PwExport;

/* Writes a table's heading at @row (a label, with "(continued)" after a
 * page break, then the column headings); returns the last row written. */
typedef lxw_row_t (*PwHeadingFunc) (PwExport *x, lxw_worksheet *ws, lxw_row_t row, gboolean continued, gpointer data);

/* A table that may run over pages, its heading written again on each. */
typedef struct
{
  PwHeadingFunc heading;
  gpointer data;
  GArray *segments;            /* of lxw_row_t: first, end of each run of data rows */
} PwTable;

/* Writes one sheet; FALSE with @error set if the store fails. */
typedef gboolean (*PwSheetWriter) (PwExport *x, lxw_worksheet *ws, GError **error);

/* One sheet of a workbook: its name (kept until the workbook closes), its
 * writer, for a review its PCN, and whether it is streamed (written to
 * disk row by row: its writer never goes back to a row it has left). */
typedef struct
{
  const char *name;
  PwSheetWriter write;
  PwPcn *pcn;                  /* borrowed from the export's list */
  gboolean streamed;
} PwSheet;

/* The sheets to write, from the gathered data: a GArray of PwSheet, or
 * NULL with @error set. */
typedef GArray *(*PwSheetList) (PwExport *x, GError **error);

/* pw-export.c */
gboolean       pw_export_run          (PwExport       *x,
                                       PwSheetList     make_sheets,
                                       const char     *path,
                                       PwProgressFunc  progress,
                                       gpointer        progress_data,
                                       GCancellable   *cancellable,
                                       GError        **error);
void           pw_export_clear        (PwExport       *x);
void           pw_export_translate_names (PwExport    *x);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwExport, pw_export_clear)

/* pw-export-layout.c: formats */
void           pw_export_make_formats (PwExport      *x);

/* pw-export-cells.c */
char          *pw_export_clean_text   (const char    *text);
void           pw_cell_text           (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       lxw_col_t      col,
                                       const char    *text,
                                       lxw_format    *format);
void           pw_cell_merged_text    (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       lxw_col_t      first,
                                       lxw_col_t      last,
                                       const char    *text,
                                       lxw_format    *format);
void           pw_cell_wte            (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       lxw_col_t      col,
                                       gint64         hundredths,
                                       lxw_format    *format);
void           pw_cell_date           (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       lxw_col_t      col,
                                       const char    *iso,
                                       lxw_format    *format);
void           pw_cell_now            (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       lxw_col_t      col,
                                       lxw_format    *format);
void           pw_cell_sum            (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       lxw_col_t      col,
                                       lxw_row_t      first,
                                       lxw_row_t      last,
                                       double         value,
                                       lxw_format    *format);

/* pw-export-layout.c: rows, titles and pages */
GArray        *pw_sheet_heights_new   (void);
void           pw_sheet_set_row       (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       double         points);
void           pw_sheet_note_height   (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       lxw_col_t      first,
                                       lxw_col_t      last,
                                       const char    *text,
                                       lxw_format    *format);
void           pw_sheet_end_rows      (PwExport      *x);
void           pw_sheet_header_row    (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       const char   **titles,
                                       const double  *widths);
void           pw_sheet_title         (PwExport      *x,
                                       lxw_worksheet *ws,
                                       const char    *title);
void           pw_sheet_column        (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_col_t      first,
                                       lxw_col_t      last,
                                       double         width);
void           pw_sheet_keep_together (PwExport      *x,
                                       lxw_worksheet *ws,
                                       double         repeated,
                                       lxw_row_t      first,
                                       lxw_row_t      last);
double         pw_sheet_text_points   (PwExport      *x,
                                       lxw_col_t      first,
                                       lxw_col_t      last,
                                       const char    *text,
                                       lxw_format    *format);
void           pw_sheet_reserve_columns (PwExport    *x,
                                       lxw_col_t      last);
lxw_row_t      pw_table_begin         (PwExport      *x,
                                       lxw_worksheet *ws,
                                       PwTable       *t,
                                       double         repeated,
                                       lxw_row_t      row,
                                       double         body);
lxw_row_t      pw_table_row           (PwExport      *x,
                                       lxw_worksheet *ws,
                                       PwTable       *t,
                                       double         repeated,
                                       lxw_row_t      row,
                                       double         points);
void           pw_table_end           (PwTable       *t,
                                       lxw_row_t      end);
void           pw_table_clear         (PwTable       *t);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwTable, pw_table_clear)

char          *pw_table_sum_formula   (PwTable       *t,
                                       lxw_col_t      first_col,
                                       lxw_col_t      last_col);
void           pw_table_sum           (PwExport      *x,
                                       PwTable       *t,
                                       lxw_worksheet *ws,
                                       lxw_row_t      row,
                                       lxw_col_t      col,
                                       double         value,
                                       lxw_format    *format);
guint          pw_sheet_columns_fit   (double         label,
                                       double         width);
void           pw_sheet_setup_page    (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_col_t      label_cols);
void           pw_sheet_setup_print   (PwExport      *x,
                                       lxw_worksheet *ws,
                                       lxw_row_t      heading,
                                       lxw_col_t      label_cols);

/* pw-export-cells.c: checked writes and sums */
void           pw_export_refused      (PwExport      *x,
                                       lxw_error      rc,
                                       lxw_row_t      row,
                                       lxw_col_t      col);

/* Fails the export if libxlsxwriter refused to write at @row, @col: in a
 * streamed sheet, a row already left is refused, and a value it would
 * leave out must stop the export rather than be missing from it.  Every
 * write of a cell goes through it, by the pw_put_* () below: inline, so
 * that a cell costs one comparison more than libxlsxwriter's own call. */
static inline void
pw_export_check (PwExport  *x,
                 lxw_error  rc,
                 lxw_row_t  row,
                 lxw_col_t  col)
{
  if (G_UNLIKELY (rc != LXW_NO_ERROR))
    pw_export_refused (x, rc, row, col);
}

static inline void
pw_put_string (PwExport *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text, lxw_format *format)
{
  pw_export_check (x, worksheet_write_string (ws, row, col, text, format), row, col);
}

static inline void
pw_put_number (PwExport *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double value, lxw_format *format)
{
  pw_export_check (x, worksheet_write_number (ws, row, col, value, format), row, col);
}

static inline void
pw_put_blank (PwExport *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *format)
{
  pw_export_check (x, worksheet_write_blank (ws, row, col, format), row, col);
}

static inline void
pw_put_datetime (PwExport *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_datetime *dt,
                 lxw_format *format)
{
  pw_export_check (x, worksheet_write_datetime (ws, row, col, dt, format), row, col);
}

static inline void
pw_put_formula_num (PwExport *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *formula,
                    lxw_format *format, double value)
{
  pw_export_check (x, worksheet_write_formula_num (ws, row, col, formula, format, value), row, col);
}

static inline void
pw_put_merge (PwExport *x, lxw_worksheet *ws, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
              lxw_col_t last_col, const char *text, lxw_format *format)
{
  pw_export_check (x, worksheet_merge_range (ws, first_row, first_col, last_row, last_col, text, format),
                   first_row, first_col);
}

/* A row's height, through the same guard. */
static inline void
pw_put_row (PwExport *x, lxw_worksheet *ws, lxw_row_t row, double points)
{
  pw_export_check (x, worksheet_set_row (ws, row, points, NULL), row, 0);
}

/* No cell is written around the guard: a direct call no longer compiles
 * (the calls' names are dropped as pw-lib-xlsxwriter.h's macros first). */
#undef worksheet_write_string
#undef worksheet_write_number
#undef worksheet_write_blank
#undef worksheet_write_datetime
#undef worksheet_write_formula_num
#undef worksheet_merge_range
#undef worksheet_set_row
#pragma GCC poison worksheet_write_string worksheet_write_number worksheet_write_blank worksheet_write_datetime
#pragma GCC poison worksheet_write_formula_num worksheet_merge_range worksheet_set_row

void           pw_export_overflow     (PwExport      *x,
                                       const char    *what);
void           pw_export_add          (PwExport      *x,
                                       gint64        *sum,
                                       gint64         value,
                                       const char    *what);

/* pw-export-layout.c: the gathered data */
const int     *pw_export_levels_of    (GHashTable    *levels,
                                       PwPcn         *pcn);
PwReturn      *pw_export_return_in    (PwExport      *x,
                                       PwPcn         *pcn);
gint64         pw_export_return_of    (PwExport      *x,
                                       PwPcn         *pcn);
char          *pw_export_pcn_heading  (PwPcn         *pcn);
char          *pw_export_level_text   (PwExport      *x,
                                       PwPcn         *pcn,
                                       guint          domain);
char          *pw_export_as_at_line   (PwExport      *x);
char          *pw_export_rate_text    (gint64         rate);
PwExportRows  *pw_export_funding      (PwExport      *x,
                                       GError       **error);
gint64         pw_export_funding_of   (PwExportRows  *funding,
                                       PwPcn         *pcn,
                                       const char    *stream_key,
                                       gint64        *rate);
void           pw_put_not_recorded (PwExport      *x,
                                    lxw_worksheet *ws,
                                    lxw_row_t      row,
                                    lxw_col_t      col,
                                    gboolean       total);
void           pw_export_not_recorded_note (PwExport      *x,
                                            lxw_worksheet *ws,
                                            lxw_row_t      row,
                                            lxw_col_t      last_col,
                                            guint          missing,
                                            guint          pcns);
void           pw_export_keep_latest  (char         **latest,
                                       const char    *date);

/* pw-export-file.c: the workbook written beside its target, then renamed
 * over it */
typedef struct
{
  char *path;                  /* the target */
  char *tmp;                   /* the file being written; NULL once renamed */
  guint32 mode;                /* the replaced file's permissions, or 0 */
} PwExportFile;

gboolean       pw_export_file_begin   (PwExportFile  *f,
                                       PwStore       *store,
                                       const char    *path,
                                       GError       **error);
gboolean       pw_export_file_commit  (PwExportFile  *f,
                                       PwStore       *store,
                                       GError       **error);
void           pw_export_file_clear   (PwExportFile  *f);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwExportFile, pw_export_file_clear)

/* One file per sheet */
gboolean pw_export_write_cover         (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_profiles      (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_practices     (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_evidence      (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_review        (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_maturity      (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_return_status (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_swot          (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_achievements  (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_plans         (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_arrs          (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_funding       (PwExport *x, lxw_worksheet *ws, GError **error);
gboolean pw_export_write_boards        (PwExport *x, lxw_worksheet *ws, GError **error);

G_END_DECLS

/* pw-import-private.h — what the CSV importers share
 *
 * A CSV file with its header mapped onto an import's columns, and the
 * helpers that check its rows and word the errors (defined in
 * pw-import.c), for importers in other files (pw-import-boards.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-csv.h"
#include "pw-import.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  gboolean required;
} Column;

/* A CSV file with its header mapped onto the columns an import knows,
 * and the import's progress and Cancel. */
typedef struct
{
  char *name;                  /* display name of the file */
  GPtrArray *records;
  const Column *columns;
  guint n_columns;
  int index[16];               /* column → field position, or -1 if absent */
  PwProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} Table;

/* Of the import's progress, reading the file takes the first 5%, checking
 * its rows the next 5%, writing them the rest. */
#define READ_SHARE 0.05
#define CHECK_SHARE 0.1

/* The library's symbols carry the import's prefix. */
#define is_blank pw_import_is_blank
#define checkpoint pw_import_checkpoint
#define field pw_import_field
#define row_error pw_import_row_error
#define row_failed pw_import_row_failed
#define check_width pw_import_check_width
#define parsed_value pw_import_parsed_value
#define parsed pw_import_parsed

gboolean    is_blank     (const char   *s);
gboolean    checkpoint   (Table        *t,
                          guint         i,
                          GError      **error);
const char *field        (Table        *t,
                          PwCsvRecord  *record,
                          guint         column);
gboolean    row_error    (Table        *t,
                          PwCsvRecord  *record,
                          guint         column,
                          GError      **error,
                          const char   *format,
                          ...) G_GNUC_PRINTF (5, 6);
gboolean    row_failed   (Table        *t,
                          PwCsvRecord  *record,
                          GError       *local,
                          GError      **error);
gboolean    check_width  (Table        *t,
                          PwCsvRecord  *record,
                          GError      **error);
gboolean    parsed_value (gboolean      ok,
                          GError      **local,
                          const char   *value,
                          Table        *t,
                          PwCsvRecord  *record,
                          guint         column,
                          GError      **error);
gboolean    parsed       (gboolean      ok,
                          GError      **local,
                          Table        *t,
                          PwCsvRecord  *record,
                          guint         column,
                          GError      **error);
char       *pw_import_suggest_names (GListModel *rows,
                                     guint       name_field,
                                     const char *name);

/* pw-import-boards.c: members, actions and risks of locality boards */
#define PW_IMPORT_BOARD_N_COLUMNS 8   /* each board import has eight */
extern const Column pw_import_member_columns[PW_IMPORT_BOARD_N_COLUMNS];
extern const Column pw_import_action_columns[PW_IMPORT_BOARD_N_COLUMNS];
extern const Column pw_import_risk_columns[PW_IMPORT_BOARD_N_COLUMNS];
typedef struct _BoardFile BoardFile;
extern const BoardFile pw_import_member_file, pw_import_action_file, pw_import_risk_file;
gboolean    pw_import_run_board (PwStore          *store,
                                 Table            *table,
                                 gconstpointer     data,
                                 PwImportSummary  *summary,
                                 GError          **error);

G_END_DECLS

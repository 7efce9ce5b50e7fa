/* pw-import-private.h — what the CSV importers share
 *
 * A CSV file with its header mapped onto an import's columns, and the
 * helpers that check its rows and word the errors (defined in
 * pw-import.c), for the importers of each kind (pw-import-<kind>.c); and
 * what each kind gives the table of kinds in pw-import.c.
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
#define write_progress pw_import_write_progress
#define cite_row pw_import_cite_row
#define parse_optional_wte pw_import_parse_optional_wte
#define require_text pw_import_require_text
#define index_pcns pw_import_index_pcns
#define apply_all pw_import_apply_all
#define trimmed pw_import_trimmed
#define find_pcn pw_import_find_pcn

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
void        write_progress (double        fraction,
                            gpointer      data);
gboolean    cite_row     (Table        *t,
                          PwCsvRecord  *record,
                          GError       *local,
                          GError      **error);
gboolean    parse_optional_wte (Table       *t,
                                PwCsvRecord *record,
                                guint        column,
                                int         *out,
                                GError     **error);
gboolean    require_text (Table        *t,
                          PwCsvRecord  *record,
                          guint         column,
                          GError      **error);
GHashTable *index_pcns   (PwStore      *store);
gboolean    apply_all    (Table           *t,
                          PwStore         *store,
                          GPtrArray       *rows,
                          gboolean       (*apply) (gpointer ctx, gpointer row, GError **error),
                          gpointer         ctx,
                          GError         **error);
const char *trimmed      (Table        *t,
                          PwCsvRecord  *record,
                          guint         column,
                          GPtrArray    *hold);
gboolean    find_pcn     (Table        *t,
                          PwCsvRecord  *record,
                          GHashTable   *pcns,
                          PwPcn       **out,
                          GError      **error);
char       *pw_import_suggest_names (GListModel *rows,
                                     guint       name_field,
                                     const char *name);

/* What the per-row imports (SWOT, achievements, ARRS, funding) apply with. */
typedef struct
{
  PwStore *store;
  Table *table;
  PwImportSummary *summary;
} RowApply;

/* Each kind's columns, its run and (for SWOT and achievements) its data,
 * for the table of kinds in pw-import.c.  The maturity, SWOT,
 * achievements, ARRS and funding files all start pcn_code,year, so
 * find_pcn reads M_PCN_CODE and the items import M_YEAR. */
#define profile_columns pw_import_profile_columns
#define maturity_columns pw_import_maturity_columns
#define swot_columns pw_import_swot_columns
#define achievement_columns pw_import_achievement_columns
#define arrs_columns pw_import_arrs_columns
#define funding_columns pw_import_funding_columns
#define swot_file pw_import_swot_file
#define achievement_file pw_import_achievement_file
#define run_profiles pw_import_run_profiles
#define run_maturity pw_import_run_maturity
#define run_items pw_import_run_items
#define run_arrs pw_import_run_arrs
#define run_funding pw_import_run_funding

/* pw-import-profiles.c */
enum { P_PCN_CODE, P_PCN_NAME, P_LOCALITY, P_PRACTICE_CODE, P_PRACTICE_NAME, P_LIST_SIZE,
       P_CD, P_CD_WTE, P_MANAGER, P_MANAGER_WTE, P_N_COLUMNS };
extern const Column profile_columns[P_N_COLUMNS];
gboolean    run_profiles (PwStore          *store,
                          Table            *table,
                          gconstpointer     data,
                          PwImportSummary  *summary,
                          GError          **error);

/* pw-import-maturity.c */
enum { M_PCN_CODE, M_YEAR, M_DOMAIN, M_LEVEL, M_EVIDENCE, M_SUPPORT, M_N_COLUMNS };
extern const Column maturity_columns[M_N_COLUMNS];
gboolean    run_maturity (PwStore          *store,
                          Table            *table,
                          gconstpointer     data,
                          PwImportSummary  *summary,
                          GError          **error);

/* pw-import-items.c: SWOT items and achievements */
extern const Column swot_columns[4];
extern const Column achievement_columns[3];
typedef struct _ItemFile ItemFile;
extern const ItemFile swot_file, achievement_file;
gboolean    run_items    (PwStore          *store,
                          Table            *table,
                          gconstpointer     data,
                          PwImportSummary  *summary,
                          GError          **error);

/* pw-import-workforce.c: ARRS workforce and funding */
enum { A_PCN_CODE, A_YEAR, A_ROLE, A_WTE, A_HEADCOUNT, A_PLANNED, A_AS_OF, A_N_COLUMNS };
extern const Column arrs_columns[A_N_COLUMNS];
gboolean    run_arrs     (PwStore          *store,
                          Table            *table,
                          gconstpointer     data,
                          PwImportSummary  *summary,
                          GError          **error);
enum { F_PCN_CODE, F_YEAR, F_STREAM, F_AMOUNT, F_N_COLUMNS };
extern const Column funding_columns[F_N_COLUMNS];
gboolean    run_funding  (PwStore          *store,
                          Table            *table,
                          gconstpointer     data,
                          PwImportSummary  *summary,
                          GError          **error);

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

/* pw-import.c — CSV imports, all or nothing
 *
 * A file is read and checked whole before anything is written; then it is
 * applied in one transaction, so a bad row anywhere leaves the database as
 * it was.  Every message names the file, the line (the header is line 1),
 * the column and what would have been accepted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-csv.h"
#include "pw-import.h"
#include "pw-matrix.h"
#include "pw-plan.h"
#include "pw-parse.h"

G_DEFINE_QUARK (pw-import-error-quark, pw_import_error)

typedef struct
{
  const char *name;
  gboolean required;
} Column;

/* A CSV file with its header mapped onto the columns an import knows. */
typedef struct
{
  char *name;                  /* display name of the file */
  GPtrArray *records;
  const Column *columns;
  guint n_columns;
  int index[16];               /* column → field position, or -1 if absent */
} Table;

static void
table_clear (Table *t)
{
  g_free (t->name);
  g_clear_pointer (&t->records, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static gboolean
is_blank (const char *s)
{
  for (; s != NULL && *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static char *
column_list (const Column *columns,
             guint         n)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s%s", i ? "," : "", columns[i].name,
                            columns[i].required ? "" : _(" (optional)"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
header_error (Table       *t,
              GError     **error,
              const char  *problem)
{
  g_autofree char *expected = column_list (t->columns, t->n_columns);

  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_HEADER,
               _("%s: line 1 (the header): %s. The columns are: %s"), t->name, problem, expected);
  return FALSE;
}

static gboolean
map_header (Table   *t,
            GError **error)
{
  PwCsvRecord *header;

  if (t->records->len == 0)
    return header_error (t, error, _("the file is empty"));
  header = g_ptr_array_index (t->records, 0);
  for (guint c = 0; c < t->n_columns; c++)
    t->index[c] = -1;
  for (guint f = 0; f < header->fields->len; f++)
    {
      g_autofree char *raw = g_strstrip (g_strdup (g_ptr_array_index (header->fields, f)));
      g_autofree char *name = g_ascii_strdown (raw, -1);
      guint c;

      for (c = 0; c < t->n_columns && strcmp (name, t->columns[c].name) != 0; c++)
        ;
      if (c == t->n_columns || t->index[c] >= 0)
        {
          g_autofree char *problem = g_strdup_printf (c == t->n_columns ? _("column %u, “%s”, is not a column this import knows")
                                                                       : _("column %u, “%s”, appears twice"),
                                                      f + 1, name);
          return header_error (t, error, problem);
        }
      t->index[c] = f;
    }
  for (guint c = 0; c < t->n_columns; c++)
    if (t->columns[c].required && t->index[c] < 0)
      {
        g_autofree char *problem = g_strdup_printf (_("the column “%s” is missing"), t->columns[c].name);
        return header_error (t, error, problem);
      }
  return TRUE;
}

static gboolean
table_open (Table         *t,
            const char    *path,
            const Column  *columns,
            guint          n_columns,
            GError       **error)
{
  g_assert (n_columns <= G_N_ELEMENTS (t->index));
  t->name = g_filename_display_basename (path);
  t->columns = columns;
  t->n_columns = n_columns;
  t->records = pw_csv_read_file (path, error);
  return t->records != NULL && map_header (t, error);
}

/* The text in @column of @record, or NULL where the file has no such column. */
static const char *
field (Table       *t,
       PwCsvRecord *record,
       guint        column)
{
  int f = t->index[column];
  return f < 0 ? NULL : g_ptr_array_index (record->fields, f);
}

static gboolean
row_error (Table       *t,
           PwCsvRecord *record,
           guint        column,
           GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (5, 6);

static gboolean
row_error (Table       *t,
           PwCsvRecord *record,
           guint        column,
           GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *problem = NULL;
  va_list ap;

  va_start (ap, format);
  problem = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW, _("%s: line %u, column %d (%s): %s"),
               t->name, record->line, t->index[column] + 1, t->columns[column].name, problem);
  return FALSE;
}

/* A store error while applying a checked row: unexpected, but still cited
 * by file and line so that the user can find the row.  Takes @local. */
static gboolean
row_failed (Table       *t,
            PwCsvRecord *record,
            GError      *local,
            GError     **error)
{
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW, _("%s: line %u: %s"), t->name, record->line, local->message);
  g_error_free (local);
  return FALSE;
}

static gboolean
check_width (Table       *t,
             PwCsvRecord *record,
             GError     **error)
{
  PwCsvRecord *header = g_ptr_array_index (t->records, 0);

  if (record->fields->len == header->fields->len)
    return TRUE;
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW,
               _("%s: line %u has %u fields but the header has %u columns. "
                 "Put a field with a comma in double quotes."),
               t->name, record->line, record->fields->len, header->fields->len);
  return FALSE;
}

/* Wraps a parse error as a row error at @column.  @local is read only
 * here, after the parse that fills it has run. */
static gboolean
parsed (gboolean      ok,
        GError      **local,
        Table        *t,
        PwCsvRecord  *record,
        guint         column,
        GError      **error)
{
  if (ok)
    return TRUE;
  row_error (t, record, column, error, "%s", (*local)->message);
  g_clear_error (local);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Profiles                                                            */

enum { P_PCN_CODE, P_PCN_NAME, P_LOCALITY, P_PRACTICE_CODE, P_PRACTICE_NAME, P_LIST_SIZE,
       P_CD, P_CD_WTE, P_MANAGER, P_MANAGER_WTE, P_N_COLUMNS };

static const Column profile_columns[P_N_COLUMNS] = {
  { "pcn_code", TRUE }, { "pcn_name", TRUE }, { "locality", TRUE },
  { "practice_code", TRUE }, { "practice_name", TRUE }, { "list_size", TRUE },
  { "clinical_director", FALSE }, { "cd_wte", FALSE }, { "manager", FALSE }, { "manager_wte", FALSE },
};

typedef struct
{
  PwCsvRecord *record;         /* borrowed from the table */
  char *pcn_code;
  char *practice_code;         /* NULL on a row with PCN details only */
  gint64 list_size;
  int cd_wte;                  /* -1 when not given */
  int manager_wte;
} ProfileRow;

static void
profile_row_free (gpointer data)
{
  ProfileRow *row = data;

  g_free (row->pcn_code);
  g_free (row->practice_code);
  g_free (row);
}

static gboolean
parse_optional_wte (Table       *t,
                    PwCsvRecord *record,
                    guint        column,
                    int         *out,
                    GError     **error)
{
  const char *text = field (t, record, column);
  GError *local = NULL;

  *out = -1;
  if (is_blank (text))
    return TRUE;
  return parsed (pw_parse_wte (text, out, &local), &local, t, record, column, error);
}

static gboolean
require_text (Table       *t,
              PwCsvRecord *record,
              guint        column,
              GError     **error)
{
  return !is_blank (field (t, record, column)) || row_error (t, record, column, error, _("this must not be empty"));
}

static ProfileRow *
parse_profile_row (Table       *t,
                   PwCsvRecord *record,
                   GError     **error)
{
  g_autoptr(GPtrArray) hold = g_ptr_array_new_with_free_func (profile_row_free);
  ProfileRow *row = g_new0 (ProfileRow, 1);
  const char *practice = field (t, record, P_PRACTICE_CODE);
  GError *local = NULL;

  g_ptr_array_add (hold, row);
  row->record = record;
  if (!check_width (t, record, error) ||
      !parsed (pw_parse_pcn_code (field (t, record, P_PCN_CODE), &row->pcn_code, &local),
               &local, t, record, P_PCN_CODE, error) ||
      !require_text (t, record, P_PCN_NAME, error) ||
      !parse_optional_wte (t, record, P_CD_WTE, &row->cd_wte, error) ||
      !parse_optional_wte (t, record, P_MANAGER_WTE, &row->manager_wte, error))
    return NULL;
  if (is_blank (practice))
    return g_ptr_array_steal_index (hold, 0);
  if (!parsed (pw_parse_practice_code (practice, &row->practice_code, &local),
               &local, t, record, P_PRACTICE_CODE, error) ||
      !require_text (t, record, P_PRACTICE_NAME, error) ||
      !parsed (pw_parse_population (field (t, record, P_LIST_SIZE), &row->list_size, &local),
               &local, t, record, P_LIST_SIZE, error))
    return NULL;
  return g_ptr_array_steal_index (hold, 0);
}

/* A PCN's name and locality must agree wherever the file repeats them, and
 * a practice may stand under one PCN only. */
static gboolean
check_consistent (Table       *t,
                  ProfileRow  *row,
                  GHashTable  *pcns,
                  GHashTable  *practices,
                  GError     **error)
{
  ProfileRow *first = g_hash_table_lookup (pcns, row->pcn_code);
  static const guint same[] = { P_PCN_NAME, P_LOCALITY };

  if (first == NULL)
    g_hash_table_insert (pcns, row->pcn_code, row);
  for (guint i = 0; first != NULL && i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = g_strstrip (g_strdup (field (t, first->record, same[i])));
      g_autofree char *b = g_strstrip (g_strdup (field (t, row->record, same[i])));

      if (strcmp (a, b) != 0)
        return row_error (t, row->record, same[i], error,
                          _("PCN %s has “%s” here but “%s” on line %u; give it the same value on every line"),
                          row->pcn_code, b, a, first->record->line);
    }
  if (row->practice_code != NULL)
    {
      ProfileRow *seen = g_hash_table_lookup (practices, row->practice_code);

      if (seen != NULL)
        return row_error (t, row->record, P_PRACTICE_CODE, error,
                          _("practice %s is already listed on line %u (under PCN %s); a practice belongs to one PCN"),
                          row->practice_code, seen->record->line, seen->pcn_code);
      g_hash_table_insert (practices, row->practice_code, row);
    }
  return TRUE;
}

static GPtrArray *
parse_profiles (Table   *t,
                GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (profile_row_free);
  g_autoptr(GHashTable) pcns = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) practices = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 1; i < t->records->len; i++)
    {
      ProfileRow *row = parse_profile_row (t, g_ptr_array_index (t->records, i), error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
      if (!check_consistent (t, row, pcns, practices, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Writing, inside the import's transaction.  The store's live rows are not
 * refreshed until commit, so ids made here are remembered here. */
typedef struct
{
  PwStore *store;
  Table *table;
  PwImportSummary *summary;
  GHashTable *localities;      /* name (folded) → id */
  GHashTable *pcns;            /* code → PwPcn (borrowed) or NULL when new */
  GHashTable *pcn_ids;         /* code → id */
} Apply;

static gboolean
apply_locality (Apply       *a,
                const char  *name,
                gint64      *out_id,
                GError     **error)
{
  g_autofree char *key = g_utf8_casefold (name, -1);
  PwLocality *known;
  gpointer id;

  if (g_hash_table_lookup_extended (a->localities, key, NULL, &id))
    return (*out_id = GPOINTER_TO_SIZE (id), TRUE);
  known = pw_store_find_locality (a->store, name);
  if (known != NULL)
    *out_id = pw_locality_get_id (known);
  else if (pw_store_add_locality (a->store, name, out_id, error))
    a->summary->localities_added++;
  else
    return FALSE;
  g_hash_table_insert (a->localities, g_steal_pointer (&key), GSIZE_TO_POINTER (*out_id));
  return TRUE;
}

static gboolean
set_pcn_fields (Apply      *a,
                ProfileRow *row,
                gint64      id,
                gint64      locality_id,
                gboolean   *changed,
                GError    **error)
{
  PwPcn *before = g_hash_table_lookup (a->pcns, row->pcn_code);
  g_autofree char *name = g_strstrip (g_strdup (field (a->table, row->record, P_PCN_NAME)));
  const char *cd = field (a->table, row->record, P_CD);
  const char *manager = field (a->table, row->record, P_MANAGER);
  gboolean ok = TRUE;

#define DIFFERS_TEXT(f, v) (before == NULL || g_strcmp0 (pw_pcn_get_text (before, f), v) != 0)
#define DIFFERS_NUM(f, v) (before == NULL || pw_pcn_get_number (before, f) != (v))
  *changed = before != NULL &&
    (DIFFERS_TEXT (PW_PCN_NAME, name) || DIFFERS_NUM (PW_PCN_LOCALITY_ID, locality_id) ||
     (!is_blank (cd) && DIFFERS_TEXT (PW_PCN_CLINICAL_DIRECTOR, cd)) ||
     (!is_blank (manager) && DIFFERS_TEXT (PW_PCN_MANAGER, manager)) ||
     (row->cd_wte >= 0 && DIFFERS_NUM (PW_PCN_CD_WTE, row->cd_wte)) ||
     (row->manager_wte >= 0 && DIFFERS_NUM (PW_PCN_MANAGER_WTE, row->manager_wte)));
#undef DIFFERS_TEXT
#undef DIFFERS_NUM
  ok = pw_store_set_pcn_text (a->store, id, PW_PCN_NAME, name, error) &&
       pw_store_set_pcn_number (a->store, id, PW_PCN_LOCALITY_ID, locality_id, error);
  if (ok && !is_blank (cd))
    ok = pw_store_set_pcn_text (a->store, id, PW_PCN_CLINICAL_DIRECTOR, cd, error);
  if (ok && !is_blank (manager))
    ok = pw_store_set_pcn_text (a->store, id, PW_PCN_MANAGER, manager, error);
  if (ok && row->cd_wte >= 0)
    ok = pw_store_set_pcn_number (a->store, id, PW_PCN_CD_WTE, row->cd_wte, error);
  if (ok && row->manager_wte >= 0)
    ok = pw_store_set_pcn_number (a->store, id, PW_PCN_MANAGER_WTE, row->manager_wte, error);
  return ok;
}

static gboolean
apply_pcn (Apply       *a,
           ProfileRow  *row,
           gint64      *out_id,
           GError     **error)
{
  g_autofree char *locality = g_strstrip (g_strdup (field (a->table, row->record, P_LOCALITY)));
  gint64 locality_id = 0;
  gboolean changed = FALSE;
  gpointer id;

  if (g_hash_table_lookup_extended (a->pcn_ids, row->pcn_code, NULL, &id))
    return (*out_id = GPOINTER_TO_SIZE (id), TRUE);
  if (*locality != '\0' && !apply_locality (a, locality, &locality_id, error))
    return FALSE;
  if (!g_hash_table_contains (a->pcns, row->pcn_code))
    {
      if (!pw_store_add_pcn (a->store, row->pcn_code, field (a->table, row->record, P_PCN_NAME),
                             locality_id, out_id, error))
        return FALSE;
      a->summary->pcns_added++;
    }
  else
    *out_id = pw_pcn_get_id (g_hash_table_lookup (a->pcns, row->pcn_code));
  if (!set_pcn_fields (a, row, *out_id, locality_id, &changed, error))
    return FALSE;
  a->summary->pcns_changed += changed;
  g_hash_table_insert (a->pcn_ids, row->pcn_code, GSIZE_TO_POINTER (*out_id));
  return TRUE;
}

static gboolean
apply_practice (Apply       *a,
                ProfileRow  *row,
                gint64       pcn_id,
                GError     **error)
{
  const char *name = field (a->table, row->record, P_PRACTICE_NAME);
  g_autoptr(PwPractice) known = pw_store_find_practice (a->store, row->practice_code, error);
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  if (known == NULL)
    {
      if (error && *error)
        return FALSE;
      a->summary->practices_added++;
      return pw_store_add_practice (a->store, pcn_id, row->practice_code, name, row->list_size, NULL, error);
    }
  if (g_strcmp0 (pw_practice_get_name (known), trimmed) != 0 ||
      pw_practice_get_list_size (known) != row->list_size || pw_practice_get_pcn_id (known) != pcn_id)
    a->summary->practices_changed++;
  return pw_store_update_practice (a->store, pw_practice_get_id (known), row->practice_code, name,
                                   row->list_size, error) &&
         pw_store_move_practice (a->store, pw_practice_get_id (known), pcn_id, error);
}

static gboolean
apply_row (gpointer     ctx,
           gpointer     data,
           GError     **error)
{
  Apply *a = ctx;
  ProfileRow *row = data;
  GError *local = NULL;
  gint64 pcn_id = 0;

  if (apply_pcn (a, row, &pcn_id, &local) &&
      (row->practice_code == NULL || apply_practice (a, row, pcn_id, &local)))
    return TRUE;
  return row_failed (a->table, row->record, local, error);
}

static GHashTable *
index_pcns (PwStore *store)
{
  GListModel *model = pw_store_get_pcns (store);
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (model, i);
      g_hash_table_insert (index, (gpointer) pw_pcn_get_text (pcn, PW_PCN_CODE), pcn);
    }
  return index;
}

/* Applies every row in one transaction, reporting progress and stopping
 * (with everything rolled back) at the first failure or on cancel. */
static gboolean
apply_all (PwStore         *store,
           GPtrArray       *rows,
           gboolean       (*apply) (gpointer ctx, gpointer row, GError **error),
           gpointer         ctx,
           PwProgressFunc   progress,
           gpointer         progress_data,
           GCancellable    *cancellable,
           GError         **error)
{
  if (progress != NULL)
    progress (0.1, progress_data);
  if (!pw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !apply (ctx, g_ptr_array_index (rows, i), error))
        {
          pw_store_rollback (store);
          return FALSE;
        }
      if (progress != NULL && (i % 64 == 0 || i + 1 == rows->len))
        progress (0.1 + 0.9 * (i + 1) / rows->len, progress_data);
    }
  return pw_store_commit (store, error);
}

/**
 * pw_import_profiles:
 * Creates or updates localities, PCNs and practices from a profiles CSV
 * (one row per practice), matched by code.  Nothing is written unless the
 * whole file is valid.
 */
gboolean
pw_import_profiles (PwStore          *store,
                    const char       *path,
                    PwProgressFunc    progress,
                    gpointer          progress_data,
                    GCancellable     *cancellable,
                    PwImportSummary  *summary,
                    GError          **error)
{
  g_auto(Table) table = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) localities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pcns = NULL;
  g_autoptr(GHashTable) pcn_ids = g_hash_table_new (g_str_hash, g_str_equal);
  PwImportSummary local_summary = { 0 };
  Apply a = { store, &table, summary ? summary : &local_summary, localities, NULL, pcn_ids };

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  *a.summary = (PwImportSummary) { .kind = PW_IMPORT_PROFILES };
  if (!table_open (&table, path, profile_columns, P_N_COLUMNS, error) ||
      (rows = parse_profiles (&table, error)) == NULL)
    return FALSE;
  a.summary->rows = rows->len;
  a.pcns = pcns = index_pcns (store);
  return apply_all (store, rows, apply_row, &a, progress, progress_data, cancellable, error);
}

/* ------------------------------------------------------------------ */
/* Maturity                                                            */

enum { M_PCN_CODE, M_YEAR, M_DOMAIN, M_LEVEL, M_EVIDENCE, M_SUPPORT, M_N_COLUMNS };

static const Column maturity_columns[M_N_COLUMNS] = {
  { "pcn_code", TRUE }, { "year", TRUE }, { "domain", TRUE }, { "level", TRUE },
  { "evidence", FALSE }, { "support_needed", FALSE },
};

typedef struct
{
  PwCsvRecord *record;         /* borrowed */
  PwPcn *pcn;                  /* borrowed from the store */
  int year;
  guint domain;
  int level;
} MaturityRow;

static gboolean
find_pcn (Table       *t,
          PwCsvRecord *record,
          GHashTable  *pcns,
          PwPcn      **out,
          GError     **error)
{
  g_autofree char *code = NULL;
  GError *local = NULL;

  if (!parsed (pw_parse_pcn_code (field (t, record, M_PCN_CODE), &code, &local), &local, t, record,
               M_PCN_CODE, error))
    return FALSE;
  *out = g_hash_table_lookup (pcns, code);
  return *out != NULL ||
         row_error (t, record, M_PCN_CODE, error,
                    _("there is no PCN %s in this workbook; import its profile first"), code);
}

static MaturityRow *
parse_maturity_row (Table       *t,
                    PwCsvRecord *record,
                    GHashTable  *pcns,
                    GError     **error)
{
  g_autofree MaturityRow *row = g_new0 (MaturityRow, 1);
  GError *local = NULL;

  row->record = record;
  if (!check_width (t, record, error) || !find_pcn (t, record, pcns, &row->pcn, error) ||
      !parsed (pw_parse_year (field (t, record, M_YEAR), &row->year, &local), &local, t, record, M_YEAR, error) ||
      !parsed (pw_domain_parse (field (t, record, M_DOMAIN), &row->domain, &local), &local, t, record,
               M_DOMAIN, error) ||
      !parsed (pw_level_parse (field (t, record, M_LEVEL), &row->level, &local), &local, t, record, M_LEVEL, error))
    return NULL;
  return g_steal_pointer (&row);
}

static GPtrArray *
parse_maturity (Table       *t,
                GHashTable  *pcns,
                GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 1; i < t->records->len; i++)
    {
      MaturityRow *row = parse_maturity_row (t, g_ptr_array_index (t->records, i), pcns, error);
      char *key;
      MaturityRow *first;

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%d/%u", pw_pcn_get_id (row->pcn), row->year, row->domain);
      if ((first = g_hash_table_lookup (seen, key)) != NULL)
        {
          g_free (key);
          row_error (t, row->record, M_DOMAIN, error,
                     _("line %u already gives PCN %s a level for this domain in this year"),
                     first->record->line, pw_pcn_get_text (row->pcn, PW_PCN_CODE));
          return NULL;
        }
      g_hash_table_insert (seen, key, row);
    }
  return g_steal_pointer (&rows);
}

typedef struct
{
  PwStore *store;
  Table *table;
  PwImportSummary *summary;
} MaturityApply;

static gboolean
apply_maturity_values (MaturityApply  *a,
                       MaturityRow    *row,
                       gint64          return_id,
                       GError        **error)
{
  g_autoptr(GListModel) before = pw_store_list_maturity (a->store, return_id, error);
  g_autoptr(PwMaturity) old = before ? g_list_model_get_item (before, row->domain) : NULL;
  static const struct { guint column; PwMaturityField field; } texts[] = {
    { M_EVIDENCE, PW_MATURITY_EVIDENCE }, { M_SUPPORT, PW_MATURITY_SUPPORT },
  };

  if (old == NULL)
    return FALSE;
  if (pw_row_get_int (PW_ROW (old), PW_MATURITY_LEVEL) != row->level)
    a->summary->values_changed++;
  if (!pw_store_set_maturity_level (a->store, return_id, row->domain, row->level, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *cell = field (a->table, row->record, texts[i].column);
      g_autofree char *text = NULL;

      if (is_blank (cell))
        continue;    /* no such column, or an empty cell: leave what is there */
      text = g_strstrip (g_strdup (cell));
      if (g_strcmp0 (pw_row_get_string (PW_ROW (old), texts[i].field), text) != 0)
        a->summary->values_changed++;
      if (!pw_store_set_maturity_text (a->store, return_id, row->domain, texts[i].field, text, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_maturity_row (gpointer   ctx,
                    gpointer   data,
                    GError   **error)
{
  MaturityApply *a = ctx;
  MaturityRow *row = data;
  g_autoptr(PwReturn) existing = pw_store_get_return (a->store, pw_pcn_get_id (row->pcn), row->year, NULL);
  GError *local = NULL;
  gint64 return_id = 0;

  a->summary->returns_added += existing == NULL;
  if (pw_store_ensure_return (a->store, pw_pcn_get_id (row->pcn), row->year, &return_id, &local) &&
      apply_maturity_values (a, row, return_id, &local))
    return TRUE;
  return row_failed (a->table, row->record, local, error);
}

/**
 * pw_import_maturity:
 * Sets maturity levels (and optionally evidence and support needed) from a
 * CSV with one row per PCN, year and domain, creating draft returns as
 * needed.  Nothing is written unless the whole file is valid.
 */
gboolean
pw_import_maturity (PwStore          *store,
                    const char       *path,
                    PwProgressFunc    progress,
                    gpointer          progress_data,
                    GCancellable     *cancellable,
                    PwImportSummary  *summary,
                    GError          **error)
{
  g_auto(Table) table = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) pcns = NULL;
  PwImportSummary local_summary = { 0 };
  MaturityApply a = { store, &table, summary ? summary : &local_summary };

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  *a.summary = (PwImportSummary) { .kind = PW_IMPORT_MATURITY };
  pcns = index_pcns (store);
  if (!table_open (&table, path, maturity_columns, M_N_COLUMNS, error) ||
      (rows = parse_maturity (&table, pcns, error)) == NULL)
    return FALSE;
  a.summary->rows = rows->len;
  return apply_all (store, rows, apply_maturity_row, &a, progress, progress_data, cancellable, error);
}

/* ------------------------------------------------------------------ */
/* SWOT items and achievements                                         */

/* Both files start pcn_code,year (as the maturity file does, so find_pcn
 * serves all three); the SWOT file adds a quadrant before the text. */
typedef struct
{
  const Column *columns;
  guint n_columns;
  int quadrant;                /* its column, or -1 */
  guint text;
} ItemFile;

static const Column swot_columns[] = {
  { "pcn_code", TRUE }, { "year", TRUE }, { "quadrant", TRUE }, { "text", TRUE },
};
static const Column achievement_columns[] = {
  { "pcn_code", TRUE }, { "year", TRUE }, { "text", TRUE },
};
static const ItemFile swot_file = { swot_columns, G_N_ELEMENTS (swot_columns), 2, 3 };
static const ItemFile achievement_file = { achievement_columns, G_N_ELEMENTS (achievement_columns), -1, 2 };

typedef struct
{
  PwCsvRecord *record;         /* borrowed */
  PwPcn *pcn;                  /* borrowed */
  int year;
  PwItemList list;
  char *text;                  /* owned */
} ItemRow;

static void
item_row_free (gpointer data)
{
  ItemRow *row = data;

  g_free (row->text);
  g_free (row);
}

static ItemRow *
parse_item_row (Table         *t,
                const ItemFile *file,
                PwCsvRecord   *record,
                GHashTable    *pcns,
                GError       **error)
{
  g_autoptr(GPtrArray) hold = g_ptr_array_new_with_free_func (item_row_free);
  ItemRow *row = g_new0 (ItemRow, 1);
  const char *quadrant = file->quadrant >= 0 ? field (t, record, file->quadrant) : NULL;
  GError *local = NULL;

  g_ptr_array_add (hold, row);
  row->record = record;
  row->list = PW_LIST_ACHIEVEMENTS;
  if (!check_width (t, record, error) || !find_pcn (t, record, pcns, &row->pcn, error) ||
      !parsed (pw_parse_year (field (t, record, M_YEAR), &row->year, &local), &local, t, record, M_YEAR, error) ||
      (quadrant != NULL &&
       !parsed (pw_quadrant_parse (quadrant, &row->list, &local), &local, t, record, file->quadrant, error)) ||
      !require_text (t, record, file->text, error))
    return NULL;
  row->text = g_strstrip (g_strdup (field (t, record, file->text)));
  return g_ptr_array_steal_index (hold, 0);
}

static GPtrArray *
parse_items (Table          *t,
             const ItemFile *file,
             GHashTable     *pcns,
             GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (item_row_free);

  for (guint i = 1; i < t->records->len; i++)
    {
      ItemRow *row = parse_item_row (t, file, g_ptr_array_index (t->records, i), pcns, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

static gboolean
list_has_text (PwStore     *store,
               gint64       return_id,
               PwItemList   list,
               const char  *text,
               GError     **error)
{
  g_autoptr(GListModel) items = pw_store_list_items (store, return_id, list, error);

  for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PwItem) item = g_list_model_get_item (items, i);
      if (g_strcmp0 (pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Appends the item unless its list already holds the same text, so that
 * importing a file twice adds nothing the second time. */
static gboolean
apply_item_row (gpointer   ctx,
                gpointer   data,
                GError   **error)
{
  MaturityApply *a = ctx;
  ItemRow *row = data;
  g_autoptr(PwReturn) existing = pw_store_get_return (a->store, pw_pcn_get_id (row->pcn), row->year, NULL);
  GError *local = NULL;
  gint64 return_id = 0;
  gboolean ok;

  a->summary->returns_added += existing == NULL;
  ok = pw_store_ensure_return (a->store, pw_pcn_get_id (row->pcn), row->year, &return_id, &local);
  if (ok && !list_has_text (a->store, return_id, row->list, row->text, &local) && local == NULL)
    {
      ok = pw_store_add_item (a->store, return_id, row->list, -1, row->text, NULL, &local);
      a->summary->items_added += ok;
    }
  if (ok && local == NULL)
    return TRUE;
  return row_failed (a->table, row->record, local, error);
}

static gboolean
import_items (PwStore          *store,
              const char       *path,
              const ItemFile   *file,
              PwProgressFunc    progress,
              gpointer          progress_data,
              GCancellable     *cancellable,
              PwImportSummary  *summary,
              GError          **error)
{
  g_auto(Table) table = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) pcns = index_pcns (store);
  PwImportSummary local_summary = { 0 };
  MaturityApply a = { store, &table, summary ? summary : &local_summary };

  *a.summary = (PwImportSummary) { .kind = PW_IMPORT_ITEMS };
  if (!table_open (&table, path, file->columns, file->n_columns, error) ||
      (rows = parse_items (&table, file, pcns, error)) == NULL)
    return FALSE;
  a.summary->rows = rows->len;
  return apply_all (store, rows, apply_item_row, &a, progress, progress_data, cancellable, error);
}

/**
 * pw_import_swot:
 * Adds SWOT items from a CSV (pcn_code,year,quadrant,text), creating draft
 * returns as needed; an item already in its quadrant is not added twice.
 */
gboolean
pw_import_swot (PwStore          *store,
                const char       *path,
                PwProgressFunc    progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                PwImportSummary  *summary,
                GError          **error)
{
  g_return_val_if_fail (PW_IS_STORE (store) && path != NULL, FALSE);
  return import_items (store, path, &swot_file, progress, progress_data, cancellable, summary, error);
}

/* Adds key achievements from a CSV (pcn_code,year,text), likewise. */
gboolean
pw_import_achievements (PwStore          *store,
                        const char       *path,
                        PwProgressFunc    progress,
                        gpointer          progress_data,
                        GCancellable     *cancellable,
                        PwImportSummary  *summary,
                        GError          **error)
{
  g_return_val_if_fail (PW_IS_STORE (store) && path != NULL, FALSE);
  return import_items (store, path, &achievement_file, progress, progress_data, cancellable, summary, error);
}

/* ------------------------------------------------------------------ */
/* ARRS workforce                                                      */

enum { A_PCN_CODE, A_YEAR, A_ROLE, A_WTE, A_HEADCOUNT, A_PLANNED, A_AS_OF, A_N_COLUMNS };

static const Column arrs_columns[A_N_COLUMNS] = {
  { "pcn_code", TRUE }, { "year", TRUE }, { "role", TRUE }, { "wte_in_post", TRUE },
  { "headcount", FALSE }, { "wte_planned", FALSE }, { "as_of", FALSE },
};

typedef struct
{
  PwCsvRecord *record;         /* borrowed */
  PwPcn *pcn;                  /* borrowed */
  int year;
  gint64 role_id;
  int wte;
  gint64 headcount;
  int planned;
  char *as_of;                 /* owned, ISO or NULL */
} ArrsRow;

static void
arrs_row_free (gpointer data)
{
  ArrsRow *row = data;

  g_free (row->as_of);
  g_free (row);
}

/* "no role called X; did you mean A or B?" — the nearest names by edits. */
static gboolean
unknown_role (Table       *t,
              PwCsvRecord *record,
              GListModel  *roles,
              const char  *name,
              GError     **error)
{
  g_autoptr(GString) near = g_string_new (NULL);
  guint limit = MAX (3, (guint) g_utf8_strlen (name, -1) / 3), found = 0;

  for (guint d = 0; d <= limit && found < 3; d++)
    for (guint i = 0; i < g_list_model_get_n_items (roles) && found < 3; i++)
      {
        g_autoptr(PwArrsRole) r = g_list_model_get_item (roles, i);
        const char *candidate = pw_row_get_string (PW_ROW (r), PW_ARRS_ROLE_NAME);

        if (pw_edit_distance (name, candidate) == d)
          g_string_append_printf (near, "%s“%s”", found++ ? _(" or ") : "", candidate);
      }
  if (found > 0)
    return row_error (t, record, A_ROLE, error,
                      _("there is no ARRS role called “%s”; did you mean %s? A local role can be added with "
                        "“pcn-workbook-cli roles add NAME”"), name, near->str);
  return row_error (t, record, A_ROLE, error,
                    _("there is no ARRS role called “%s”; list the roles with “pcn-workbook-cli roles list”, "
                      "or add a local one with “pcn-workbook-cli roles add NAME”"), name);
}

static gboolean
find_role (Table        *t,
           PwCsvRecord  *record,
           GListModel   *roles,
           gint64       *out_id,
           GError      **error)
{
  g_autofree char *name = g_strstrip (g_strdup (field (t, record, A_ROLE)));

  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(PwArrsRole) r = g_list_model_get_item (roles, i);
      if (g_utf8_collate (name, pw_row_get_string (PW_ROW (r), PW_ARRS_ROLE_NAME)) == 0 ||
          g_ascii_strcasecmp (name, pw_row_get_string (PW_ROW (r), PW_ARRS_ROLE_NAME)) == 0)
        return (*out_id = pw_row_get_int (PW_ROW (r), PW_ARRS_ROLE_ID), TRUE);
    }
  return *name ? unknown_role (t, record, roles, name, error)
               : row_error (t, record, A_ROLE, error, _("this must not be empty"));
}

static gboolean
parse_optional_count (Table       *t,
                      PwCsvRecord *record,
                      guint        column,
                      gint64      *out,
                      GError     **error)
{
  const char *text = field (t, record, column);
  GError *local = NULL;

  *out = 0;
  return is_blank (text) || parsed (pw_parse_population (text, out, &local), &local, t, record, column, error);
}

static ArrsRow *
parse_arrs_row (Table       *t,
                PwCsvRecord *record,
                GHashTable  *pcns,
                GListModel  *roles,
                GError     **error)
{
  g_autoptr(GPtrArray) hold = g_ptr_array_new_with_free_func (arrs_row_free);
  ArrsRow *row = g_new0 (ArrsRow, 1);
  const char *as_of = field (t, record, A_AS_OF);
  GError *local = NULL;

  g_ptr_array_add (hold, row);
  row->record = record;
  if (!check_width (t, record, error) || !find_pcn (t, record, pcns, &row->pcn, error) ||
      !parsed (pw_parse_year (field (t, record, A_YEAR), &row->year, &local), &local, t, record, A_YEAR, error) ||
      !find_role (t, record, roles, &row->role_id, error) ||
      !parsed (pw_parse_wte (field (t, record, A_WTE), &row->wte, &local), &local, t, record, A_WTE, error) ||
      !parse_optional_count (t, record, A_HEADCOUNT, &row->headcount, error) ||
      !parse_optional_wte (t, record, A_PLANNED, &row->planned, error) ||
      (!is_blank (as_of) &&
       !parsed (pw_parse_date (as_of, &row->as_of, &local), &local, t, record, A_AS_OF, error)))
    return NULL;
  row->planned = MAX (row->planned, 0);
  return g_ptr_array_steal_index (hold, 0);
}

static gboolean
apply_arrs_row (gpointer   ctx,
                gpointer   data,
                GError   **error)
{
  MaturityApply *a = ctx;
  ArrsRow *row = data;
  g_autoptr(PwReturn) existing = pw_store_get_return (a->store, pw_pcn_get_id (row->pcn), row->year, NULL);
  GError *local = NULL;
  gint64 return_id = 0;

  a->summary->returns_added += existing == NULL;
  if (pw_store_ensure_return (a->store, pw_pcn_get_id (row->pcn), row->year, &return_id, &local) &&
      pw_store_set_wte (a->store, return_id, row->role_id, row->wte, row->headcount, row->planned, row->as_of, &local))
    {
      a->summary->values_changed++;
      return TRUE;
    }
  return row_failed (a->table, row->record, local, error);
}

/**
 * pw_import_arrs:
 * Records WTE in post (and optionally headcount, planned WTE and the date
 * of the figures) per PCN, year and role.  A role not in the reference list
 * is an error that suggests the nearest names: nothing is made up.
 */
gboolean
pw_import_arrs (PwStore          *store,
                const char       *path,
                PwProgressFunc    progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                PwImportSummary  *summary,
                GError          **error)
{
  g_auto(Table) table = { 0 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (arrs_row_free);
  g_autoptr(GHashTable) pcns = index_pcns (store);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) roles = NULL;
  PwImportSummary local_summary = { 0 };
  MaturityApply a = { store, &table, summary ? summary : &local_summary };

  g_return_val_if_fail (PW_IS_STORE (store) && path != NULL, FALSE);

  *a.summary = (PwImportSummary) { .kind = PW_IMPORT_ARRS };
  if ((roles = pw_store_list_roles (store, TRUE, error)) == NULL ||
      !table_open (&table, path, arrs_columns, A_N_COLUMNS, error))
    return FALSE;
  for (guint i = 1; i < table.records->len; i++)
    {
      ArrsRow *row = parse_arrs_row (&table, g_ptr_array_index (table.records, i), pcns, roles, error);
      char *key;
      ArrsRow *first;

      if (row == NULL)
        return FALSE;
      g_ptr_array_add (rows, row);
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%d/%" G_GINT64_FORMAT, pw_pcn_get_id (row->pcn), row->year, row->role_id);
      if ((first = g_hash_table_lookup (seen, key)) != NULL)
        {
          g_free (key);
          return row_error (&table, row->record, A_ROLE, error,
                            _("line %u already gives this PCN's figures for this role in this year"), first->record->line);
        }
      g_hash_table_insert (seen, key, row);
    }
  a.summary->rows = rows->len;
  return apply_all (store, rows, apply_arrs_row, &a, progress, progress_data, cancellable, error);
}

/* ------------------------------------------------------------------ */
/* Funding                                                             */

enum { F_PCN_CODE, F_YEAR, F_STREAM, F_AMOUNT, F_N_COLUMNS };

static const Column funding_columns[F_N_COLUMNS] = {
  { "pcn_code", TRUE }, { "year", TRUE }, { "stream", TRUE }, { "amount", TRUE },
};

typedef struct
{
  PwCsvRecord *record;
  PwPcn *pcn;
  int year;
  PwFundingStream stream;
  gint64 amount;
  gint64 rate;                 /* -1 for an amount */
} FundingRow;

/* "£1,234.56", "1234.56" or "rate:0.66" (pounds per registered patient). */
static gboolean
parse_amount (Table       *t,
              PwCsvRecord *record,
              FundingRow  *row,
              GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (field (t, record, F_AMOUNT)));
  GError *local = NULL;

  row->rate = -1;
  if (g_ascii_strncasecmp (text, "rate:", 5) == 0)
    return parsed (pw_parse_rate (text + 5, &row->rate, &local), &local, t, record, F_AMOUNT, error);
  if (!parsed (pw_parse_money (text, &row->amount, &local), &local, t, record, F_AMOUNT, error))
    return FALSE;
  return row->amount >= 0 || row_error (t, record, F_AMOUNT, error, _("an amount cannot be negative"));
}

static gboolean
apply_funding_row (gpointer   ctx,
                   gpointer   data,
                   GError   **error)
{
  MaturityApply *a = ctx;
  FundingRow *row = data;
  GError *local = NULL;

  if (pw_store_set_funding (a->store, pw_pcn_get_id (row->pcn), row->year, row->stream, row->amount, row->rate, &local))
    {
      a->summary->values_changed++;
      return TRUE;
    }
  return row_failed (a->table, row->record, local, error);
}

/* Records funding per PCN, year and stream, as an amount or a rate per patient. */
gboolean
pw_import_funding (PwStore          *store,
                   const char       *path,
                   PwProgressFunc    progress,
                   gpointer          progress_data,
                   GCancellable     *cancellable,
                   PwImportSummary  *summary,
                   GError          **error)
{
  g_auto(Table) table = { 0 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) pcns = index_pcns (store);
  PwImportSummary local_summary = { 0 };
  MaturityApply a = { store, &table, summary ? summary : &local_summary };

  g_return_val_if_fail (PW_IS_STORE (store) && path != NULL, FALSE);

  *a.summary = (PwImportSummary) { .kind = PW_IMPORT_FUNDING };
  if (!table_open (&table, path, funding_columns, F_N_COLUMNS, error))
    return FALSE;
  for (guint i = 1; i < table.records->len; i++)
    {
      PwCsvRecord *record = g_ptr_array_index (table.records, i);
      FundingRow *row = g_new0 (FundingRow, 1);
      GError *local = NULL;

      g_ptr_array_add (rows, row);
      row->record = record;
      if (!check_width (&table, record, error) || !find_pcn (&table, record, pcns, &row->pcn, error) ||
          !parsed (pw_parse_year (field (&table, record, F_YEAR), &row->year, &local), &local, &table, record, F_YEAR, error) ||
          !parsed (pw_stream_parse (field (&table, record, F_STREAM), &row->stream, &local), &local, &table, record,
                   F_STREAM, error) ||
          !parse_amount (&table, record, row, error))
        return FALSE;
    }
  a.summary->rows = rows->len;
  return apply_all (store, rows, apply_funding_row, &a, progress, progress_data, cancellable, error);
}

/* ------------------------------------------------------------------ */
/* Any of the above, by the header                                      */

typedef gboolean (*ImportFunc) (PwStore *, const char *, PwProgressFunc, gpointer,
                                GCancellable *, PwImportSummary *, GError **);

/* Each kind of file is known by a column only it has. */
static const struct
{
  const char *column;
  ImportFunc import;
} kinds[] = {
  { "practice_code", pw_import_profiles }, { "level", pw_import_maturity }, { "quadrant", pw_import_swot },
  { "wte_in_post", pw_import_arrs }, { "stream", pw_import_funding }, { "text", pw_import_achievements },
};

/**
 * pw_import_any:
 * Imports a CSV of any kind the app knows, telling which by its header:
 * profiles, maturity, SWOT, achievements, ARRS or funding.
 */
gboolean
pw_import_any (PwStore          *store,
               const char       *path,
               PwProgressFunc    progress,
               gpointer          progress_data,
               GCancellable     *cancellable,
               PwImportSummary  *summary,
               GError          **error)
{
  g_autoptr(GPtrArray) records = pw_csv_read_file (path, error);
  g_autofree char *name = g_filename_display_basename (path);
  PwCsvRecord *header;

  if (records == NULL)
    return FALSE;
  header = records->len ? g_ptr_array_index (records, 0) : NULL;
  for (guint k = 0; header && k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < header->fields->len; f++)
      {
        g_autofree char *raw = g_strstrip (g_strdup (g_ptr_array_index (header->fields, f)));
        g_autofree char *column = g_ascii_strdown (raw, -1);

        if (strcmp (column, kinds[k].column) == 0)
          return kinds[k].import (store, path, progress, progress_data, cancellable, summary, error);
      }
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_HEADER,
               _("%s: line 1 (the header) does not say what the file holds. Start it with the columns of "
                 "profiles (pcn_code,pcn_name,locality,practice_code,…), maturity (pcn_code,year,domain,level), "
                 "SWOT (pcn_code,year,quadrant,text), achievements (pcn_code,year,text), ARRS "
                 "(pcn_code,year,role,wte_in_post) or funding (pcn_code,year,stream,amount)"), name);
  return FALSE;
}

char *
pw_import_summary_describe (const PwImportSummary *s)
{
  if (s->kind == PW_IMPORT_ARRS)
    return g_strdup_printf (_("%u rows: %u new returns, %u roles recorded"), s->rows, s->returns_added, s->values_changed);
  if (s->kind == PW_IMPORT_FUNDING)
    return g_strdup_printf (_("%u rows: %u funding lines recorded"), s->rows, s->values_changed);
  if (s->kind == PW_IMPORT_ITEMS)
    return g_strdup_printf (_("%u rows: %u new returns, %u items added"),
                            s->rows, s->returns_added, s->items_added);
  if (s->kind == PW_IMPORT_MATURITY)
    return g_strdup_printf (_("%u rows: %u new returns, %u values changed"),
                            s->rows, s->returns_added, s->values_changed);
  return g_strdup_printf (_("%u rows: %u new PCNs, %u PCNs changed, %u new practices, "
                            "%u practices changed, %u new localities"),
                          s->rows, s->pcns_added, s->pcns_changed, s->practices_added,
                          s->practices_changed, s->localities_added);
}

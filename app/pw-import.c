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

#include "pw-import-private.h"
#include "pw-matrix.h"
#include "pw-plan.h"
#include "pw-parse.h"

G_DEFINE_QUARK (pw-import-error-quark, pw_import_error)

static void
table_clear (Table *t)
{
  g_free (t->name);
  g_clear_pointer (&t->records, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

gboolean
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
  for (guint f = 0; f < header->n_fields; f++)
    {
      g_autofree char *raw = g_strstrip (g_strdup (pw_csv_record_field (header, f)));
      g_autofree char *name = g_ascii_strdown (raw, -1);
      guint c;

      for (c = 0; c < t->n_columns && strcmp (name, t->columns[c].name) != 0; c++)
        ;
      if (c == t->n_columns || t->index[c] >= 0)
        {
          g_autofree char *quoted = pw_quote (name);
          g_autofree char *problem = g_strdup_printf (c == t->n_columns ? _("column %u, “%s”, is not a column this import knows")
                                                                       : _("column %u, “%s”, appears twice"),
                                                      f + 1, quoted);
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

static void
read_progress (double   fraction,
               gpointer data)
{
  Table *t = data;

  t->progress (READ_SHARE * fraction, t->progress_data);
}

/* Called for each row checked: reports progress and hears Cancel now
 * and then, so that checking a million rows can be stopped. */
gboolean
checkpoint (Table   *t,
            guint    i,
            GError **error)
{
  if (i % 256 != 0)
    return TRUE;
  if (t->progress != NULL)
    t->progress (READ_SHARE + (CHECK_SHARE - READ_SHARE) * i / t->records->len, t->progress_data);
  return !g_cancellable_set_error_if_cancelled (t->cancellable, error);
}

/* The text in @column of @record, or NULL where the file has no such column. */
const char *
field (Table       *t,
       PwCsvRecord *record,
       guint        column)
{
  int f = t->index[column];
  return f < 0 || (guint) f >= record->n_fields ? NULL : pw_csv_record_field (record, f);
}

gboolean
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
gboolean
row_failed (Table       *t,
            PwCsvRecord *record,
            GError      *local,
            GError     **error)
{
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW, _("%s: line %u: %s"), t->name, record->line, local->message);
  g_error_free (local);
  return FALSE;
}

gboolean
check_width (Table       *t,
             PwCsvRecord *record,
             GError     **error)
{
  PwCsvRecord *header = g_ptr_array_index (t->records, 0);

  if (record->width == header->width)
    return TRUE;
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW,
               _("%s: line %u has %u fields but the header has %u columns. "
                 "Put a field with a comma in double quotes."),
               t->name, record->line, record->width, header->width);
  return FALSE;
}

/* Wraps a parse error about @value as a row error at @column.  Parsers
 * outside pw-parse.c quote the whole value; a long one is cut here to a
 * line.  @local is read only here, after the parse that fills it has run. */
gboolean
parsed_value (gboolean      ok,
              GError      **local,
              const char   *value,
              Table        *t,
              PwCsvRecord  *record,
              guint         column,
              GError      **error)
{
  g_autoptr(GString) message = NULL;

  if (ok)
    return TRUE;
  message = g_string_new ((*local)->message);
  if (value != NULL && strlen (value) > PW_QUOTE_MAX)
    {
      g_autofree char *quoted = pw_quote (value);
      g_string_replace (message, value, quoted, 0);
    }
  row_error (t, record, column, error, "%s", message->str);
  g_clear_error (local);
  return FALSE;
}

/* The same for a parse of @column's own text. */
gboolean
parsed (gboolean      ok,
        GError      **local,
        Table        *t,
        PwCsvRecord  *record,
        guint         column,
        GError      **error)
{
  return parsed_value (ok, local, field (t, record, column), t, record, column, error);
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
        {
          g_autofree char *qa = pw_quote (a), *qb = pw_quote (b);
          return row_error (t, row->record, same[i], error,
                            _("PCN %s has “%s” here but “%s” on line %u; give it the same value on every line"),
                            row->pcn_code, qb, qa, first->record->line);
        }
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
      ProfileRow *row = checkpoint (t, i, error) ? parse_profile_row (t, g_ptr_array_index (t->records, i), error)
                                                 : NULL;

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
apply_all (Table           *t,
           PwStore         *store,
           GPtrArray       *rows,
           gboolean       (*apply) (gpointer ctx, gpointer row, GError **error),
           gpointer         ctx,
           GError         **error)
{
  if (t->progress != NULL)
    t->progress (CHECK_SHARE, t->progress_data);
  if (!pw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (t->cancellable, error) ||
          !apply (ctx, g_ptr_array_index (rows, i), error))
        {
          pw_store_rollback (store);
          return FALSE;
        }
      if (t->progress != NULL && (i % 64 == 0 || i + 1 == rows->len))
        t->progress (CHECK_SHARE + (1 - CHECK_SHARE) * (i + 1) / rows->len, t->progress_data);
    }
  if (rows->len == 0 && t->progress != NULL)
    t->progress (1.0, t->progress_data);
  return pw_store_commit (store, error);
}

/* Creates or updates localities, PCNs and practices, matched by code. */
static gboolean
run_profiles (PwStore          *store,
              Table            *table,
              gconstpointer     data,
              PwImportSummary  *summary,
              GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) localities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pcns = NULL;
  g_autoptr(GHashTable) pcn_ids = g_hash_table_new (g_str_hash, g_str_equal);
  Apply a = { store, table, summary, localities, NULL, pcn_ids };

  if ((rows = parse_profiles (table, error)) == NULL)
    return FALSE;
  a.summary->rows = rows->len;
  a.pcns = pcns = index_pcns (store);
  return apply_all (table, store, rows, apply_row, &a, error);
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
      MaturityRow *row = checkpoint (t, i, error) ? parse_maturity_row (t, g_ptr_array_index (t->records, i), pcns, error)
                                                  : NULL;
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

/* Sets maturity levels (and optionally evidence and support needed), one
 * row per PCN, year and domain, creating draft returns as needed. */
static gboolean
run_maturity (PwStore          *store,
              Table            *table,
              gconstpointer     data,
              PwImportSummary  *summary,
              GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) pcns = index_pcns (store);
  MaturityApply a = { store, table, summary };

  if ((rows = parse_maturity (table, pcns, error)) == NULL)
    return FALSE;
  a.summary->rows = rows->len;
  return apply_all (table, store, rows, apply_maturity_row, &a, error);
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
      ItemRow *row = checkpoint (t, i, error) ? parse_item_row (t, file, g_ptr_array_index (t->records, i), pcns, error)
                                              : NULL;

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

/* Adds SWOT items or achievements (@data, an ItemFile), creating draft
 * returns as needed; an item already in its list is not added twice. */
static gboolean
run_items (PwStore          *store,
           Table            *table,
           gconstpointer     data,
           PwImportSummary  *summary,
           GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) pcns = index_pcns (store);
  MaturityApply a = { store, table, summary };

  if ((rows = parse_items (table, data, pcns, error)) == NULL)
    return FALSE;
  a.summary->rows = rows->len;
  return apply_all (table, store, rows, apply_item_row, &a, error);
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

/* The first @n characters of @s. */
static char *
utf8_prefix (const char *s,
             guint       n)
{
  const char *end = s;

  for (guint i = 0; i < n && *end; i++)
    end = g_utf8_next_char (end);
  return g_strndup (s, end - s);
}

/* Characters of a name that the suggestion compares: more than any role
 * name has, and few enough that a huge field (a stray quote can make one
 * of thousands of lines) costs no more than a short one. */
#define SUGGEST_PREFIX 64

/**
 * pw_import_suggest_roles:
 * @roles: of #PwArrsRole
 * Returns: (nullable): up to three role names nearest to @name by edits,
 * quoted and joined with “or”, or %NULL when none is near.  Each distance
 * is worked out once, on bounded prefixes: linear in @name's length.
 */
char *
pw_import_suggest_roles (GListModel *roles,
                         const char *name)
{
  return pw_import_suggest_names (roles, PW_ARRS_ROLE_NAME, name);
}

/* The same for any rows with a name in the string property @name_field. */
char *
pw_import_suggest_names (GListModel *roles,
                         guint       name_field,
                         const char *name)
{
  g_autofree char *want = utf8_prefix (name, SUGGEST_PREFIX);
  guint limit = MAX (3, (guint) g_utf8_strlen (want, -1) / 3), found = 0;
  guint n = g_list_model_get_n_items (roles);
  g_autofree guint *distance = g_new (guint, n);
  g_autoptr(GString) near = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRow) r = g_list_model_get_item (roles, i);
      g_autofree char *candidate = utf8_prefix (pw_row_get_string (r, name_field), SUGGEST_PREFIX);

      distance[i] = pw_edit_distance (want, candidate);
    }
  for (guint d = 0; d <= limit && found < 3; d++)
    for (guint i = 0; i < n && found < 3; i++)
      if (distance[i] == d)
        {
          g_autoptr(PwRow) r = g_list_model_get_item (roles, i);
          g_autofree char *quoted = pw_quote (pw_row_get_string (r, name_field));

          g_string_append_printf (near, "%s“%s”", found++ ? _(" or ") : "", quoted);
        }
  return found > 0 ? g_string_free (g_steal_pointer (&near), FALSE) : NULL;
}

static gboolean
unknown_role (Table       *t,
              PwCsvRecord *record,
              GListModel  *roles,
              const char  *name,
              GError     **error)
{
  g_autofree char *near = pw_import_suggest_roles (roles, name);
  g_autofree char *quoted = pw_quote (name);

  if (near != NULL)
    return row_error (t, record, A_ROLE, error,
                      _("there is no ARRS role called “%s”; did you mean %s? A local role can be added with "
                        "“pcn-workbook-cli roles add NAME”"), quoted, near);
  return row_error (t, record, A_ROLE, error,
                    _("there is no ARRS role called “%s”; list the roles with “pcn-workbook-cli roles list”, "
                      "or add a local one with “pcn-workbook-cli roles add NAME”"), quoted);
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

/* Records WTE in post (and optionally headcount, planned WTE and the date
 * of the figures) per PCN, year and role.  A role not in the reference list
 * is an error that suggests the nearest names: nothing is made up. */
static gboolean
run_arrs (PwStore          *store,
          Table            *table,
          gconstpointer     data,
          PwImportSummary  *summary,
          GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (arrs_row_free);
  g_autoptr(GHashTable) pcns = index_pcns (store);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) roles = NULL;
  MaturityApply a = { store, table, summary };

  if ((roles = pw_store_list_roles (store, TRUE, error)) == NULL)
    return FALSE;
  for (guint i = 1; i < table->records->len; i++)
    {
      ArrsRow *row = checkpoint (table, i, error)
        ? parse_arrs_row (table, g_ptr_array_index (table->records, i), pcns, roles, error) : NULL;
      char *key;
      ArrsRow *first;

      if (row == NULL)
        return FALSE;
      g_ptr_array_add (rows, row);
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%d/%" G_GINT64_FORMAT, pw_pcn_get_id (row->pcn), row->year, row->role_id);
      if ((first = g_hash_table_lookup (seen, key)) != NULL)
        {
          g_free (key);
          return row_error (table, row->record, A_ROLE, error,
                            _("line %u already gives this PCN's figures for this role in this year"), first->record->line);
        }
      g_hash_table_insert (seen, key, row);
    }
  a.summary->rows = rows->len;
  return apply_all (table, store, rows, apply_arrs_row, &a, error);
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
    return parsed_value (pw_parse_rate (text + 5, &row->rate, &local), &local, text + 5, t, record, F_AMOUNT, error);
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
static gboolean
run_funding (PwStore          *store,
             Table            *table,
             gconstpointer     data,
             PwImportSummary  *summary,
             GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) pcns = index_pcns (store);
  MaturityApply a = { store, table, summary };

  for (guint i = 1; i < table->records->len; i++)
    {
      PwCsvRecord *record = g_ptr_array_index (table->records, i);
      FundingRow *row = g_new0 (FundingRow, 1);
      GError *local = NULL;

      g_ptr_array_add (rows, row);
      row->record = record;
      if (!checkpoint (table, i, error) || !check_width (table, record, error) || !find_pcn (table, record, pcns, &row->pcn, error) ||
          !parsed (pw_parse_year (field (table, record, F_YEAR), &row->year, &local), &local, table, record, F_YEAR, error) ||
          !parsed (pw_stream_parse (field (table, record, F_STREAM), &row->stream, &local), &local, table, record,
                   F_STREAM, error) ||
          !parse_amount (table, record, row, error))
        return FALSE;
    }
  a.summary->rows = rows->len;
  return apply_all (table, store, rows, apply_funding_row, &a, error);
}

/* ------------------------------------------------------------------ */
/* Reading a file, of a kind given or told by its header                */

typedef struct
{
  const char *marker;          /* a column only this kind of file has */
  PwImportKind kind;
  const Column *columns;
  guint n_columns;
  gboolean (*run) (PwStore *store, Table *table, gconstpointer data, PwImportSummary *summary, GError **error);
  gconstpointer data;
} Kind;

enum { K_PROFILES, K_MATURITY, K_SWOT, K_ARRS, K_FUNDING, K_ACHIEVEMENTS, K_MEMBERS, K_ACTIONS, K_RISKS, K_N };

/* In the order a header is matched: SWOT files have "text" too. */
static const Kind kinds[K_N] = {
  [K_PROFILES] = { "practice_code", PW_IMPORT_PROFILES, profile_columns, P_N_COLUMNS, run_profiles, NULL },
  [K_MATURITY] = { "level", PW_IMPORT_MATURITY, maturity_columns, M_N_COLUMNS, run_maturity, NULL },
  [K_SWOT] = { "quadrant", PW_IMPORT_ITEMS, swot_columns, G_N_ELEMENTS (swot_columns), run_items, &swot_file },
  [K_ARRS] = { "wte_in_post", PW_IMPORT_ARRS, arrs_columns, A_N_COLUMNS, run_arrs, NULL },
  [K_FUNDING] = { "stream", PW_IMPORT_FUNDING, funding_columns, F_N_COLUMNS, run_funding, NULL },
  [K_ACHIEVEMENTS] = { "text", PW_IMPORT_ITEMS, achievement_columns, G_N_ELEMENTS (achievement_columns), run_items,
                       &achievement_file },
  [K_MEMBERS] = { "board_role", PW_IMPORT_BOARD_MEMBERS, pw_import_member_columns, PW_IMPORT_BOARD_N_COLUMNS, pw_import_run_board,
                  &pw_import_member_file },
  [K_ACTIONS] = { "action", PW_IMPORT_ACTIONS, pw_import_action_columns, PW_IMPORT_BOARD_N_COLUMNS, pw_import_run_board,
                  &pw_import_action_file },
  [K_RISKS] = { "likelihood", PW_IMPORT_RISKS, pw_import_risk_columns, PW_IMPORT_BOARD_N_COLUMNS,
                pw_import_run_board, &pw_import_risk_file },
};

static const Kind *
detect_kind (Table   *t,
             GError **error)
{
  PwCsvRecord *header = t->records->len ? g_ptr_array_index (t->records, 0) : NULL;

  for (guint k = 0; header && k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < header->n_fields; f++)
      {
        g_autofree char *raw = g_strstrip (g_strdup (pw_csv_record_field (header, f)));
        g_autofree char *column = g_ascii_strdown (raw, -1);

        if (strcmp (column, kinds[k].marker) == 0)
          return &kinds[k];
      }
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_HEADER,
               _("%s: line 1 (the header) does not say what the file holds. Start it with the columns of "
                 "profiles (pcn_code,pcn_name,locality,practice_code,…), maturity (pcn_code,year,domain,level), "
                 "SWOT (pcn_code,year,quadrant,text), achievements (pcn_code,year,text), ARRS "
                 "(pcn_code,year,role,wte_in_post), funding (pcn_code,year,stream,amount), board members "
                 "(locality,name,organisation,sector,board_role), actions (locality,ref,action,owner,due,status) "
                 "or risks (locality,ref,risk,likelihood,impact,owner)"), t->name);
  return NULL;
}

/* A file's identity (device and inode, or what the platform has), or NULL. */
static char *
file_id (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  const char *id = info ? g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE) : NULL;

  return g_strdup (id);
}

/* Opening and closing the workbook's own files outside SQLite would drop
 * this process's locks on them (POSIX locks belong to the process, not to
 * a descriptor), so they are refused by identity before anything opens. */
static gboolean
refuse_workbook (PwStore     *store,
                 const char  *path,
                 GError     **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *id = file_id (path);
  g_autofree char *name = NULL;

  for (guint i = 0; id != NULL && pw_store_get_path (store) != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *own = g_strconcat (pw_store_get_path (store), suffixes[i], NULL);
      g_autofree char *own_id = file_id (own);

      if (g_strcmp0 (id, own_id) == 0)
        {
          name = g_filename_display_basename (path);
          g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_HEADER,
                       _("“%s” is the open workbook itself, not a CSV file; choose a CSV file to import"), name);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads @path (bounded: see pw-csv.h), tells its kind if @kind is NULL,
 * checks every row, then writes them all in one transaction. */
static gboolean
import_file (PwStore          *store,
             const char       *path,
             const Kind       *kind,
             PwProgressFunc    progress,
             gpointer          progress_data,
             GCancellable     *cancellable,
             PwImportSummary  *summary,
             GError          **error)
{
  g_auto(Table) t = { .progress = progress, .progress_data = progress_data, .cancellable = cancellable };
  PwImportSummary local_summary = { 0 };

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  summary = summary ? summary : &local_summary;
  *summary = (PwImportSummary) { .kind = kind ? kind->kind : PW_IMPORT_PROFILES };
  if (!refuse_workbook (store, path, error))
    return FALSE;
  t.name = g_filename_display_basename (path);
  t.records = pw_csv_read_file (path, progress ? read_progress : NULL, &t, cancellable, error);
  if (t.records == NULL || (kind == NULL && (kind = detect_kind (&t, error)) == NULL))
    return FALSE;
  summary->kind = kind->kind;
  t.columns = kind->columns;
  t.n_columns = kind->n_columns;
  g_assert (t.n_columns <= G_N_ELEMENTS (t.index));
  return map_header (&t, error) && kind->run (store, &t, kind->data, summary, error);
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
  return import_file (store, path, &kinds[K_PROFILES], progress, progress_data, cancellable, summary, error);
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
  return import_file (store, path, &kinds[K_MATURITY], progress, progress_data, cancellable, summary, error);
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
  return import_file (store, path, &kinds[K_SWOT], progress, progress_data, cancellable, summary, error);
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
  return import_file (store, path, &kinds[K_ACHIEVEMENTS], progress, progress_data, cancellable, summary, error);
}

/**
 * pw_import_arrs:
 * Records WTE in post (and optionally headcount, planned WTE and the date
 * of the figures) per PCN, year and role, from pcn_code,year,role,wte_in_post.
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
  return import_file (store, path, &kinds[K_ARRS], progress, progress_data, cancellable, summary, error);
}

/* Records funding from pcn_code,year,stream,amount. */
gboolean
pw_import_funding (PwStore          *store,
                   const char       *path,
                   PwProgressFunc    progress,
                   gpointer          progress_data,
                   GCancellable     *cancellable,
                   PwImportSummary  *summary,
                   GError          **error)
{
  return import_file (store, path, &kinds[K_FUNDING], progress, progress_data, cancellable, summary, error);
}

/* Adds or updates locality board members from
 * locality,name,organisation,sector,board_role. */
gboolean
pw_import_board_members (PwStore          *store,
                         const char       *path,
                         PwProgressFunc    progress,
                         gpointer          progress_data,
                         GCancellable     *cancellable,
                         PwImportSummary  *summary,
                         GError          **error)
{
  return import_file (store, path, &kinds[K_MEMBERS], progress, progress_data, cancellable, summary, error);
}

/* Adds or updates (by reference) board actions from
 * locality,ref,action,owner,due,status. */
gboolean
pw_import_actions (PwStore          *store,
                   const char       *path,
                   PwProgressFunc    progress,
                   gpointer          progress_data,
                   GCancellable     *cancellable,
                   PwImportSummary  *summary,
                   GError          **error)
{
  return import_file (store, path, &kinds[K_ACTIONS], progress, progress_data, cancellable, summary, error);
}

/* Adds or updates (by reference) board risks from
 * locality,ref,risk,likelihood,impact,owner. */
gboolean
pw_import_risks (PwStore          *store,
                 const char       *path,
                 PwProgressFunc    progress,
                 gpointer          progress_data,
                 GCancellable     *cancellable,
                 PwImportSummary  *summary,
                 GError          **error)
{
  return import_file (store, path, &kinds[K_RISKS], progress, progress_data, cancellable, summary, error);
}

/**
 * pw_import_any:
 * Imports a CSV of any kind the app knows, telling which by its header:
 * profiles, maturity, SWOT, achievements, ARRS or funding.  The file is
 * read once.
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
  return import_file (store, path, NULL, progress, progress_data, cancellable, summary, error);
}

char *
pw_import_summary_describe (const PwImportSummary *s)
{
  if (s->kind == PW_IMPORT_BOARD_MEMBERS)
    return g_strdup_printf (_("%u board members recorded"), s->rows);
  if (s->kind == PW_IMPORT_ACTIONS)
    return g_strdup_printf (_("%u board actions recorded"), s->rows);
  if (s->kind == PW_IMPORT_RISKS)
    return g_strdup_printf (_("%u board risks recorded"), s->rows);
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

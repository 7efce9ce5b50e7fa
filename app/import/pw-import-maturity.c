/* pw-import-maturity.c — the maturity import: a level (and evidence and
 * support needed) per PCN, year and domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-import-private.h"
#include "pw-matrix.h"
#include "pw-parse.h"

const Column maturity_columns[M_N_COLUMNS] = {
  { "pcn_code", TRUE }, { "year", TRUE }, { "domain", TRUE }, { "level", TRUE },
  { "evidence", FALSE }, { "support_needed", FALSE },
};

typedef struct
{
  gint64 key;                  /* PCN, year and domain: first, for g_int64_hash */
  PwCsvRecord *record;         /* borrowed */
  PwPcn *pcn;                  /* borrowed from the store */
  gint64 pcn_id;
  int year;
  guint domain;
  int level;
} MaturityRow;

/* A file says the same year, domain and level thousands of times, in a
 * few spellings: each spelling is parsed once (what a memo holds is the
 * number it stands for, plus one so that 0 is not NULL). */
typedef struct
{
  GHashTable *year, *domain, *level;
} Memo;

static void
memo_clear (Memo *m)
{
  g_clear_pointer (&m->year, g_hash_table_unref);
  g_clear_pointer (&m->domain, g_hash_table_unref);
  g_clear_pointer (&m->level, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Memo, memo_clear)

static gboolean
parse_domain (const char  *text,
              int         *out,
              GError     **error)
{
  guint domain;

  return pw_domain_parse (text, &domain, error) && (*out = domain, TRUE);
}

static gboolean
memo_parse (GHashTable   *memo,
            gboolean    (*parse) (const char *, int *, GError **),
            Table        *t,
            PwCsvRecord  *record,
            guint         column,
            int          *out,
            GError      **error)
{
  const char *text = field (t, record, column);
  gpointer known = g_hash_table_lookup (memo, text ? text : "");
  GError *local = NULL;

  if (known != NULL)
    return (*out = GPOINTER_TO_INT (known) - 1, TRUE);
  if (!parsed (parse (text, out, &local), &local, t, record, column, error))
    return FALSE;
  g_hash_table_insert (memo, g_strdup (text ? text : ""), GINT_TO_POINTER (*out + 1));
  return TRUE;
}

static gboolean
parse_maturity_row (Table        *t,
                    PwCsvRecord  *record,
                    GHashTable   *pcns,
                    Memo         *memo,
                    MaturityRow  *row,
                    GError      **error)
{
  int domain;

  row->record = record;
  if (!check_width (t, record, error) || !find_pcn (t, record, pcns, &row->pcn, error) ||
      !memo_parse (memo->year, pw_parse_year, t, record, M_YEAR, &row->year, error) ||
      !memo_parse (memo->domain, parse_domain, t, record, M_DOMAIN, &domain, error) ||
      !memo_parse (memo->level, pw_level_parse, t, record, M_LEVEL, &row->level, error))
    return FALSE;
  row->domain = domain;
  row->pcn_id = pw_pcn_get_id (row->pcn);
  row->key = (row->pcn_id * 128 + row->year - PW_YEAR_MIN) * PW_N_DOMAINS + domain;
  return TRUE;
}

/* The rows, in one array sized for every record at the start: it never
 * moves, so @seen may point into it. */
static GArray *
parse_maturity (Table       *t,
                GHashTable  *pcns,
                GError     **error)
{
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, TRUE, sizeof (MaturityRow), t->records->len);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_auto(Memo) memo = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };

  for (guint i = 1; i < t->records->len; i++)
    {
      MaturityRow *row, *first;

      g_array_set_size (rows, rows->len + 1);
      row = &g_array_index (rows, MaturityRow, rows->len - 1);
      if (!checkpoint (t, i, error) ||
          !parse_maturity_row (t, g_ptr_array_index (t->records, i), pcns, &memo, row, error))
        return NULL;
      if ((first = g_hash_table_lookup (seen, &row->key)) != NULL)
        {
          row_error (t, row->record, M_DOMAIN, error,
                     _("line %u already gives PCN %s a level for this domain in this year"),
                     first->record->line, pw_pcn_get_text (row->pcn, PW_PCN_CODE));
          return NULL;
        }
      g_hash_table_insert (seen, &row->key, row);
    }
  return g_steal_pointer (&rows);
}

/* Hands the checked rows to the store's bulk write; a failure is cited by
 * the line of the row that caused it. */
static gboolean
write_maturity (PwStore          *store,
                Table            *t,
                GArray           *rows,
                PwImportSummary  *summary,
                GError          **error)
{
  g_autofree PwMaturityValue *values = g_new0 (PwMaturityValue, MAX (rows->len, 1));
  g_autoptr(GPtrArray) hold = g_ptr_array_new_with_free_func (g_free);
  PwBulkResult result;
  GError *local = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      MaturityRow *row = &g_array_index (rows, MaturityRow, i);

      values[i] = (PwMaturityValue) { row->pcn_id, row->year, row->domain, row->level,
                                      trimmed (t, row->record, M_EVIDENCE, hold),
                                      trimmed (t, row->record, M_SUPPORT, hold) };
    }
  if (t->progress != NULL)
    t->progress (CHECK_SHARE, t->progress_data);
  if (pw_store_import_maturity (store, t->name, values, rows->len, t->progress ? write_progress : NULL, t,
                                t->cancellable, &result, &local))
    {
      summary->returns_added = result.returns_added;
      summary->values_changed = result.values_changed;
      return TRUE;
    }
  return cite_row (t, result.failed < rows->len ? g_array_index (rows, MaturityRow, result.failed).record : NULL,
                   local, error);
}

/* Sets maturity levels (and optionally evidence and support needed), one
 * row per PCN, year and domain, creating draft returns as needed. */
gboolean
run_maturity (PwStore          *store,
              Table            *table,
              gconstpointer     data,
              PwImportSummary  *summary,
              GError          **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) pcns = index_pcns (store);

  if ((rows = parse_maturity (table, pcns, error)) == NULL)
    return FALSE;
  summary->rows = rows->len;
  return write_maturity (store, table, rows, summary, error);
}

/* pw-import-profiles.c — the profiles import: localities, PCNs and
 * practices, one row per practice, matched by code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-import-private.h"
#include "pw-parse.h"

const Column profile_columns[P_N_COLUMNS] = {
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

/* Where @s starts and ends once trimmed as g_strstrip () trims. */
static void
trim_span (const char  *s,
           const char **start,
           gsize       *len)
{
  gsize n;

  s = s ? s : "";
  while (g_ascii_isspace (*s))
    s++;
  n = strlen (s);
  while (n > 0 && g_ascii_isspace (s[n - 1]))
    n--;
  *start = s;
  *len = n;
}

/* Whether @a and @b are the same text once trimmed, without copying them
 * (this runs for every line of a PCN after its first). */
static gboolean
same_trimmed (const char *a,
              const char *b)
{
  const char *sa, *sb;
  gsize na, nb;

  trim_span (a, &sa, &na);
  trim_span (b, &sb, &nb);
  return na == nb && memcmp (sa, sb, na) == 0;
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
      const char *fa = field (t, first->record, same[i]), *fb = field (t, row->record, same[i]);

      if (!same_trimmed (fa, fb))
        {
          g_autofree char *a = g_strstrip (g_strdup (fa ? fa : ""));
          g_autofree char *b = g_strstrip (g_strdup (fb ? fb : ""));
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

/* Hands the checked rows to the store's bulk write; a failure is cited by
 * the line of the row that caused it. */
static gboolean
write_profiles (PwStore          *store,
                Table            *t,
                GPtrArray        *rows,
                PwImportSummary  *summary,
                GError          **error)
{
  g_autofree PwProfileRow *out = g_new0 (PwProfileRow, MAX (rows->len, 1));
  g_autoptr(GPtrArray) hold = g_ptr_array_new_with_free_func (g_free);
  PwProfileCounts counts;
  GError *local = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      ProfileRow *row = g_ptr_array_index (rows, i);
      const char *locality = trimmed (t, row->record, P_LOCALITY, hold);

      out[i] = (PwProfileRow) { row->pcn_code, trimmed (t, row->record, P_PCN_NAME, hold), locality ? locality : "",
                                trimmed (t, row->record, P_CD, hold), trimmed (t, row->record, P_MANAGER, hold),
                                row->cd_wte, row->manager_wte, row->practice_code,
                                row->practice_code ? trimmed (t, row->record, P_PRACTICE_NAME, hold) : NULL,
                                row->list_size };
    }
  if (t->progress != NULL)
    t->progress (CHECK_SHARE, t->progress_data);
  if (pw_store_import_profiles (store, out, rows->len, t->progress ? write_progress : NULL, t, t->cancellable,
                                &counts, &local))
    {
      summary->localities_added = counts.localities_added;
      summary->pcns_added = counts.pcns_added;
      summary->pcns_changed = counts.pcns_changed;
      summary->practices_added = counts.practices_added;
      summary->practices_changed = counts.practices_changed;
      return TRUE;
    }
  return cite_row (t, counts.failed < rows->len ? ((ProfileRow *) g_ptr_array_index (rows, counts.failed))->record
                                                : NULL, local, error);
}

/* Creates or updates localities, PCNs and practices, matched by code. */
gboolean
run_profiles (PwStore          *store,
              Table            *table,
              gconstpointer     data,
              PwImportSummary  *summary,
              GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  if ((rows = parse_profiles (table, error)) == NULL)
    return FALSE;
  summary->rows = rows->len;
  return write_profiles (store, table, rows, summary, error);
}

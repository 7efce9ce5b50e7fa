/* pw-import-workforce.c — the ARRS workforce and funding imports: WTE
 * per PCN, year and role; funding per PCN, year and stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-import-private.h"
#include "pw-parse.h"

/* ------------------------------------------------------------------ */
/* ARRS workforce                                                      */

const Column arrs_columns[A_N_COLUMNS] = {
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
  RowApply *a = ctx;
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
gboolean
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
  RowApply a = { store, table, summary };

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

const Column funding_columns[F_N_COLUMNS] = {
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

/* A stream added in this workbook (pcn-workbook-cli contract add), by its
 * name in any case; the shipped ones are known by pw_stream_parse(). */
static gboolean
added_stream (PwStore    *store,
              const char *text,
              guint      *out_index)
{
  g_autofree char *want = g_utf8_casefold (text, -1);
  guint n = pw_store_contract_count (store, PW_CONTRACT_STREAM);

  for (guint i = PW_N_STREAMS; i < n; i++)
    {
      g_autofree char *name = g_utf8_casefold (pw_store_contract_name (store, PW_CONTRACT_STREAM, i), -1);

      if (g_strcmp0 (g_strstrip (want), name) == 0)
        return (*out_index = i, TRUE);
    }
  return FALSE;
}

/* The row's stream, shipped or added, as long as the contract has it in the
 * row's year: a 2025/26 line for clinical director funding (merged into
 * core PCN funding in 2024/25) would put a stream the year has not got on
 * the committee's Funding sheet. */
static gboolean
parse_stream (PwStore     *store,
              Table       *t,
              PwCsvRecord *record,
              FundingRow  *row,
              GError     **error)
{
  const char *text = field (t, record, F_STREAM);
  g_autofree char *year = NULL;
  GError *local = NULL;
  guint index;

  if (added_stream (store, text, &index))
    row->stream = index;
  else if (!parsed (pw_stream_parse (text, &row->stream, &local), &local, t, record, F_STREAM, error))
    return FALSE;
  if (pw_store_contract_applies (store, PW_CONTRACT_STREAM, row->stream, row->year))
    return TRUE;
  year = pw_format_year (row->year);
  return row_error (t, record, F_STREAM, error, _("the contract has no “%s” stream in %s"),
                    pw_store_contract_name (store, PW_CONTRACT_STREAM, row->stream), year);
}

static gboolean
apply_funding_row (gpointer   ctx,
                   gpointer   data,
                   GError   **error)
{
  RowApply *a = ctx;
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
run_funding (PwStore          *store,
             Table            *table,
             gconstpointer     data,
             PwImportSummary  *summary,
             GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) pcns = index_pcns (store);
  RowApply a = { store, table, summary };

  for (guint i = 1; i < table->records->len; i++)
    {
      PwCsvRecord *record = g_ptr_array_index (table->records, i);
      FundingRow *row = g_new0 (FundingRow, 1);
      GError *local = NULL;

      g_ptr_array_add (rows, row);
      row->record = record;
      if (!checkpoint (table, i, error) || !check_width (table, record, error) || !find_pcn (table, record, pcns, &row->pcn, error) ||
          !parsed (pw_parse_year (field (table, record, F_YEAR), &row->year, &local), &local, table, record, F_YEAR, error) ||
          !parse_stream (store, table, record, row, error) ||
          !parse_amount (table, record, row, error))
        return FALSE;
    }
  a.summary->rows = rows->len;
  return apply_all (table, store, rows, apply_funding_row, &a, error);
}

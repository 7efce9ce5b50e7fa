/* pw-export-funding.c — Funding: every stream per PCN, with totals both ways
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

/* "66p per registered patient" for a rate in hundredths of a penny. */
char *
pw_export_rate_text (gint64 rate)
{
  if (rate % 100 == 0)
    return g_strdup_printf (_("%" G_GINT64_FORMAT "p per registered patient"), rate / 100);
  return g_strdup_printf (_("%.2fp per registered patient"), rate / 100.0);
}

/* An amount worked out from a rate per registered patient. */
typedef struct
{
  PwPcn *pcn;                  /* borrowed from the export's list */
  guint stream;                /* an index of pw_store_contract_key () */
  gint64 amount, rate;
} Rated;

/* The year's funding, read once for the two sheets that show it. */
PwExportRows *
pw_export_funding (PwExport  *x,
                   GError   **error)
{
  if (x->funding == NULL)
    x->funding = pw_store_export_funding (x->store, x->options->year, error);
  return x->funding;
}

/* The PCN's amount in @stream in the year's @funding (pence), or -1
 * where none was ever entered (no row: a £0 entered has one), and *@rate
 * the rate it was worked out from, or -1. */
gint64
pw_export_funding_of (PwExportRows    *funding,
                      PwPcn           *pcn,
                      const char      *stream_key,
                      gint64          *rate)
{
  guint first, n = pw_export_rows_find (funding, pw_pcn_get_id (pcn), &first);

  *rate = -1;
  for (guint i = first; i < first + n; i++)
    if (g_strcmp0 (pw_export_rows_text (funding, i, 1), stream_key) == 0)
      {
        *rate = pw_export_rows_int (funding, i, 3);
        return pw_export_rows_int (funding, i, 2);
      }
  return -1;
}

/* "Not recorded" where an amount (@total: a total) would be: text, so
 * that a sum leaves it out, and never a final-looking £0.00. */
void
pw_put_not_recorded (PwExport      *x,
                     lxw_worksheet *ws,
                     lxw_row_t      row,
                     lxw_col_t      col,
                     gboolean       total)
{
  pw_put_string (x, ws, row, col, _("Not recorded"), total ? x->total_missing : x->missing);
}

/* Under a table whose totals leave out @missing amounts never entered
 * (of @pcns PCNs), from column 0 to @last_col: the totals say so. */
void
pw_export_not_recorded_note (PwExport      *x,
                             lxw_worksheet *ws,
                             lxw_row_t      row,
                             lxw_col_t      last_col,
                             guint          missing,
                             guint          pcns)
{
  g_autofree char *amounts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u amount", "%u amounts", missing),
                                              missing);
  g_autofree char *of = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u PCN", "%u PCNs", pcns), pcns);
  g_autofree char *note = NULL;

  /* "3 amounts (3 PCNs)" says one thing twice. */
  if (missing == pcns)
    note = g_strdup_printf (_("Not recorded for %s; the totals add only what is recorded."), of);
  else
    note = g_strdup_printf (_("Not recorded: %s (%s); the totals add only what is recorded."), amounts, of);

  pw_cell_merged_text (x, ws, row, 0, last_col, note, x->text);
}

/* Under the table: each amount worked out from a rate per registered
 * patient, with the rate and the population it was multiplied by
 * (@rated holds Rated). */
static void
put_rates (PwExport      *x,
           lxw_worksheet *ws,
           lxw_row_t      row,
           GArray        *rated)
{
  g_autofree char *as_at = pw_export_as_at_line (x);

  if (rated->len == 0)
    return;
  pw_put_string (x, ws, row++, 0, _("Worked out from a rate per registered patient"), x->label);
  pw_put_string (x, ws, row, 0, "PCN", x->header);
  pw_put_string (x, ws, row, 1, "Stream", x->header);
  pw_put_string (x, ws, row, 2, "Rate", x->header);
  pw_put_string (x, ws, row, 3, "Population", x->header);
  pw_put_string (x, ws, row, 4, "Amount", x->header);
  for (guint i = 0; i < rated->len; i++)
    {
      Rated *f = &g_array_index (rated, Rated, i);
      g_autofree char *rate = pw_export_rate_text (f->rate);

      pw_cell_text (x, ws, ++row, 0, pw_pcn_get_text (f->pcn, PW_PCN_NAME), x->text);
      pw_cell_text (x, ws, row, 1, x->stream_names[f->stream], x->text);
      pw_cell_text (x, ws, row, 2, rate, x->text);
      pw_put_number (x, ws, row, 3, pw_pcn_get_number (f->pcn, PW_PCN_POPULATION), x->count);
      pw_put_number (x, ws, row, 4, f->amount / 100.0, x->money);
    }
  if (as_at != NULL)
    pw_cell_merged_text (x, ws, row + 1, 0, 4, as_at, x->text);
}

/* The year's streams (and any other a PCN holds for it) per PCN, with
 * totals both ways: a 2025/26 sheet has no clinical director column. */
gboolean
pw_export_write_funding (PwExport       *x,
                         lxw_worksheet  *ws,
                         GError        **error)
{
  g_autofree gint64 *totals = g_new0 (gint64, PW_MAX_CONTRACT_ITEMS + 1);
  g_autofree guint *recorded = g_new0 (guint, PW_MAX_CONTRACT_ITEMS + 1);
  guint streams[PW_MAX_CONTRACT_ITEMS];
  guint n = pw_store_contract_shown (x->store, PW_CONTRACT_STREAM, x->options->year, 0, streams);
  g_autoptr(GArray) rated = g_array_new (FALSE, FALSE, sizeof (Rated));
  PwExportRows *funding = pw_export_funding (x, error);
  lxw_row_t row = 2;
  guint missing = 0, missing_pcns = 0;

  if (funding == NULL)
    return FALSE;

  pw_sheet_title (x, ws, _("PCN funding"));
  pw_sheet_column (x, ws, 0, 0, 30);
  pw_sheet_column (x, ws, 1, n + 1, 17);
  pw_put_string (x, ws, row, 0, "PCN", x->header);
  for (guint c = 0; c < n; c++)
    pw_put_string (x, ws, row, 1 + c, x->stream_names[streams[c]], x->header);
  pw_put_string (x, ws, row, 1 + n, "Total", x->header);
  pw_sheet_set_row (x, ws, row, 30);
  for (guint p = 0; p < x->pcns->len; p++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, p);
      gint64 sum = 0;
      guint missing_before = missing;

      pw_cell_text (x, ws, ++row, 0, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
      for (guint c = 0; c < n; c++)
        {
          Rated f = { pcn, streams[c] };
          gint64 amount = f.amount = pw_export_funding_of (funding, pcn, pw_store_contract_key (x->store, PW_CONTRACT_STREAM,
                                                                                               streams[c]), &f.rate);

          if (amount < 0)
            {
              pw_put_not_recorded (x, ws, row, 1 + c, FALSE);
              missing++;
              continue;
            }
          pw_put_number (x, ws, row, 1 + c, amount / 100.0, x->money);
          if (f.rate >= 0)
            g_array_append_val (rated, f);
          pw_export_add (x, &sum, amount, N_("funding total"));
          pw_export_add (x, &totals[c], amount, x->stream_names[streams[c]]);
          recorded[c]++;
        }
      missing_pcns += missing > missing_before;
      if (n > 0 && missing - missing_before == n)   /* a total of nothing entered is no £0.00 */
        {
          pw_put_not_recorded (x, ws, row, 1 + n, TRUE);
          continue;
        }
      pw_put_number (x, ws, row, 1 + n, sum / 100.0, x->total_money);
      pw_export_add (x, &totals[n], sum, N_("funding total"));
      recorded[n]++;
    }
  pw_put_string (x, ws, ++row, 0, "TOTAL", x->total_label);
  for (guint c = 0; c <= n; c++)
    if (row > 3 && recorded[c] == 0)
      pw_put_not_recorded (x, ws, row, 1 + c, TRUE);
    else if (row > 3)
      pw_cell_sum (x, ws, row, 1 + c, 3, row - 1, totals[c] / 100.0, x->total_money);
  if (missing > 0)
    pw_export_not_recorded_note (x, ws, ++row, n + 1, missing, missing_pcns);
  put_rates (x, ws, row + 2, rated);
  pw_sheet_setup_print (x, ws, 2, 1);
  return TRUE;
}

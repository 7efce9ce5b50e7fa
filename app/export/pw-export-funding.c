/* pw-export-funding.c — Funding: every stream per PCN, with totals both ways
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

/* The year's streams (and any other a PCN holds for it) per PCN, with
 * totals both ways: a 2025/26 sheet has no clinical director column. */
gboolean
pw_export_write_funding (PwExport       *x,
                         lxw_worksheet  *ws,
                         GError        **error)
{
  g_autofree gint64 *totals = g_new0 (gint64, PW_N_STREAMS + 1);
  guint streams[PW_N_STREAMS];
  guint n = pw_store_contract_shown (x->store, PW_CONTRACT_STREAM, x->options->year, 0, streams);
  lxw_row_t row = 2;

  pw_sheet_title (x, ws, _("PCN funding"));
  pw_sheet_column (x, ws, 0, 0, 30);
  pw_sheet_column (x, ws, 1, n + 1, 17);
  worksheet_write_string (ws, row, 0, "PCN", x->header);
  for (guint c = 0; c < n; c++)
    worksheet_write_string (ws, row, 1 + c, pw_stream_name (streams[c]), x->header);
  worksheet_write_string (ws, row, 1 + n, "Total", x->header);
  worksheet_set_row (ws, row, 30, NULL);
  for (guint p = 0; p < x->pcns->len; p++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, p);
      g_autoptr(GListModel) funding = pw_store_list_funding (x->store, pw_pcn_get_id (pcn), x->options->year, error);
      gint64 sum = 0;

      if (funding == NULL)
        return FALSE;
      pw_cell_text (x, ws, ++row, 0, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
      for (guint c = 0; c < n; c++)
        {
          g_autoptr(PwFunding) f = g_list_model_get_item (funding, streams[c]);
          gint64 amount = pw_row_get_int (PW_ROW (f), PW_FUNDING_AMOUNT);

          worksheet_write_number (ws, row, 1 + c, amount / 100.0, x->money);
          pw_export_add (x, &sum, amount, _("funding total"));
          pw_export_add (x, &totals[c], amount, pw_stream_name (streams[c]));
        }
      worksheet_write_number (ws, row, 1 + n, sum / 100.0, x->total_money);
      pw_export_add (x, &totals[n], sum, _("funding total"));
    }
  worksheet_write_string (ws, ++row, 0, "TOTAL", x->total_label);
  for (guint c = 0; c <= n; c++)
    if (row > 3)
      pw_cell_sum (ws, row, 1 + c, 3, row - 1, totals[c] / 100.0, x->total_money);
  pw_sheet_setup_print (x, ws, 2, 1);
  return TRUE;
}

/* pw-export-evidence.c — Maturity evidence: what each return says behind
 * its levels and the support it asks for, one row per PCN and domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

gboolean
pw_export_write_evidence (PwExport       *x,
                          lxw_worksheet  *ws,
                          GError        **error)
{
  static const char *titles[] = { "PCN name", "Domain", "Level", "Evidence", "Support needed", NULL };
  static const double widths[] = { 22, 20, 13, 50, 40 };
  g_autoptr(PwExportRows) maturity = pw_store_export_maturity (x->store, x->options->year, error);
  lxw_row_t row = 3;

  if (maturity == NULL)
    return FALSE;
  pw_sheet_title (x, ws, _("Maturity evidence and support needed"));
  pw_sheet_header_row (x, ws, 2, titles, widths);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      gint64 ret = pw_export_return_of (x, pcn);
      guint k, n = pw_export_rows_find (maturity, ret, &k);
      gint64 assessed[PW_N_DOMAINS] = { -1, -1, -1, -1, -1 };   /* each domain's row, -1 if not assessed */
      lxw_row_t first = row;

      if (ret == 0)
        continue;
      for (n += k; k < n; k++)
        {
          guint d;

          if (pw_domain_from_key (pw_export_rows_text (maturity, k, 1), &d))
            assessed[d] = k;
        }
      for (guint d = 0; d < PW_N_DOMAINS; d++, row++)
        {
          g_autofree char *level = pw_export_level_text (x, pcn, d);

          pw_cell_text (x, ws, row, 0, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
          pw_cell_text (x, ws, row, 1, x->domain_names[d], x->text);
          pw_cell_text (x, ws, row, 2, level, x->text);
          if (assessed[d] < 0)
            continue;
          pw_cell_text (x, ws, row, 3, pw_export_rows_text (maturity, assessed[d], 2), x->text);
          pw_cell_text (x, ws, row, 4, pw_export_rows_text (maturity, assessed[d], 3), x->text);
        }
      pw_sheet_keep_together (x, ws, PW_TITLE_POINTS + 15 + 27, first, row - 1);   /* a PCN’s domains on one page */
    }
  if (row == 3)
    pw_put_string (x, ws, row, 0, _("No maturity self-assessments in this year’s returns"), x->text);
  pw_sheet_setup_print (x, ws, 2, 1);
  return TRUE;
}

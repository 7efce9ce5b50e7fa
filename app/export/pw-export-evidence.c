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
  lxw_row_t row = 3;

  pw_sheet_title (x, ws, _("Maturity evidence and support needed"));
  pw_sheet_header_row (x, ws, 2, titles, widths);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      gint64 ret = pw_export_return_of (x, pcn);
      g_autoptr(GListModel) domains = ret ? pw_store_list_maturity (x->store, ret, error) : NULL;
      lxw_row_t first = row;

      if (ret && domains == NULL)
        return FALSE;
      for (guint d = 0; domains && d < g_list_model_get_n_items (domains); d++, row++)
        {
          g_autoptr(PwMaturity) m = g_list_model_get_item (domains, d);
          PwRow *r = PW_ROW (m);
          g_autofree char *level = pw_export_level_text (x, pcn, pw_row_get_int (r, PW_MATURITY_DOMAIN));

          pw_cell_text (x, ws, row, 0, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
          pw_cell_text (x, ws, row, 1, pw_domain_name (pw_row_get_int (r, PW_MATURITY_DOMAIN)), x->text);
          pw_cell_text (x, ws, row, 2, level, x->text);
          pw_cell_text (x, ws, row, 3, pw_row_get_string (r, PW_MATURITY_EVIDENCE), x->text);
          pw_cell_text (x, ws, row, 4, pw_row_get_string (r, PW_MATURITY_SUPPORT), x->text);
        }
      if (row > first)
        pw_sheet_keep_together (x, ws, PW_TITLE_POINTS + 15 + 27, first, row - 1);   /* a PCN’s domains on one page */
    }
  if (row == 3)
    worksheet_write_string (ws, row, 0, _("No maturity self-assessments in this year’s returns"), x->text);
  pw_sheet_setup_print (x, ws, 2, 1);
  return TRUE;
}

/* pw-export-profiles.c — PCN profiles: one row per PCN, with totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

gboolean
pw_export_write_profiles (PwExport       *x,
                          lxw_worksheet  *ws,
                          GError        **error)
{
  static const char *titles[] = { "PCN code", "PCN name", "Locality", "Clinical director", "CD WTE",
                                  "PCN manager", "Manager WTE", "Practices", "Population", "Established", NULL };
  static const double widths[] = { 10, 30, 16, 22, 8, 22, 9, 10, 11, 11 };
  g_autofree char *as_at = pw_export_as_at_line (x);
  gint64 practices = 0, population = 0, cd_wte = 0;
  lxw_row_t row = 3;

  pw_sheet_title (x, ws, _("PCN profiles"));
  if (as_at != NULL)
    pw_cell_merged_text (x, ws, 1, 0, 4, as_at, x->text);
  pw_sheet_header_row (x, ws, 2, titles, widths);
  for (guint i = 0; i < x->pcns->len; i++, row++)
    {
      PwPcn *p = g_ptr_array_index (x->pcns, i);

      pw_cell_text (x, ws, row, 0, pw_pcn_get_text (p, PW_PCN_CODE), x->text);
      pw_cell_text (x, ws, row, 1, pw_pcn_get_text (p, PW_PCN_NAME), x->text);
      pw_cell_text (x, ws, row, 2, pw_pcn_get_text (p, PW_PCN_LOCALITY), x->text);
      pw_cell_text (x, ws, row, 3, pw_pcn_get_text (p, PW_PCN_CLINICAL_DIRECTOR), x->text);
      pw_cell_wte (x, ws, row, 4, pw_pcn_get_number (p, PW_PCN_CD_WTE), x->wte);
      pw_cell_text (x, ws, row, 5, pw_pcn_get_text (p, PW_PCN_MANAGER), x->text);
      pw_cell_wte (x, ws, row, 6, pw_pcn_get_number (p, PW_PCN_MANAGER_WTE), x->wte);
      pw_put_number (x, ws, row, 7, pw_pcn_get_number (p, PW_PCN_PRACTICE_COUNT), x->count);
      pw_put_number (x, ws, row, 8, pw_pcn_get_number (p, PW_PCN_POPULATION), x->count);
      pw_cell_date (x, ws, row, 9, pw_pcn_get_text (p, PW_PCN_ESTABLISHED), x->date);
      pw_export_add (x, &practices, pw_pcn_get_number (p, PW_PCN_PRACTICE_COUNT), N_("number of practices"));
      pw_export_add (x, &population, pw_pcn_get_number (p, PW_PCN_POPULATION), N_("population"));
      pw_export_add (x, &cd_wte, MAX (pw_pcn_get_number (p, PW_PCN_CD_WTE), 0), N_("clinical director WTE"));
    }
  pw_put_string (x, ws, row, 0, "TOTAL", x->total_label);
  for (lxw_col_t c = 1; c < 10; c++)
    pw_put_blank (x, ws, row, c, x->total_label);
  if (row > 3)
    {
      pw_cell_sum (x, ws, row, 4, 3, row - 1, cd_wte / 100.0, x->total_wte);
      pw_cell_sum (x, ws, row, 7, 3, row - 1, practices, x->total_count);
      pw_cell_sum (x, ws, row, 8, 3, row - 1, population, x->total_count);
    }
  pw_sheet_setup_print (x, ws, 2, 2);
  return TRUE;
}

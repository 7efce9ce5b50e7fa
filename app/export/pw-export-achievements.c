/* pw-export-achievements.c — Achievements: one row per item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

gboolean
pw_export_write_achievements (PwExport       *x,
                              lxw_worksheet  *ws,
                              GError        **error)
{
  static const char *titles[] = { "PCN code", "PCN name", "Locality", "No.", "Achievement", NULL };
  static const double widths[] = { 10, 28, 14, 5, 88 };
  g_autoptr(PwExportRows) items = pw_store_export_items (x->store, x->options->year, PW_LIST_ACHIEVEMENTS, error);
  lxw_row_t row = 3;

  if (items == NULL)
    return FALSE;
  pw_sheet_title (x, ws, _("Achievements"));
  pw_sheet_header_row (x, ws, 2, titles, widths);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      guint first, n = pw_export_rows_find (items, pw_export_return_of (x, pcn), &first);

      for (guint k = 0; k < n; k++, row++)
        {
          pw_cell_text (x, ws, row, 0, pw_pcn_get_text (pcn, PW_PCN_CODE), x->text);
          pw_cell_text (x, ws, row, 1, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
          pw_cell_text (x, ws, row, 2, pw_pcn_get_text (pcn, PW_PCN_LOCALITY), x->text);
          pw_put_number (x, ws, row, 3, k + 1, x->count);
          pw_cell_text (x, ws, row, 4, pw_export_rows_text (items, first + k, 1), x->text);
        }
    }
  pw_sheet_setup_print (x, ws, 2, 2);
  return TRUE;
}

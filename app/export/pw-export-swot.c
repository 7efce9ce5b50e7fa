/* pw-export-swot.c — SWOT: one block per PCN, the four quadrants side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

/* Four quadrants of this width fill A4 landscape at full scale. */
#define SWOT_WIDTH 36

/* One block per PCN: its name, then the four quadrants side by side. */
static lxw_row_t
put_swot_block (PwExport       *x,
                lxw_worksheet  *ws,
                lxw_row_t       row,
                PwPcn          *pcn,
                GError        **error)
{
  g_autofree char *heading = pw_export_pcn_heading (pcn);
  gint64 ret = pw_export_return_of (x, pcn);
  guint longest = 0;

  pw_cell_merged_text (x, ws, row, 0, 3, heading, x->block_title);
  row++;
  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    {
      g_autoptr(GListModel) items = ret ? pw_store_list_items (x->store, ret, q, error) : NULL;
      guint n = items ? g_list_model_get_n_items (items) : 0;

      worksheet_write_string (ws, row, q, pw_list_name (q), x->header);
      if (ret && items == NULL)
        return 0;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PwItem) item = g_list_model_get_item (items, i);

          pw_cell_text (x, ws, row + 1 + i, q, pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), x->text);
        }
      longest = MAX (longest, n);
    }
  if (longest == 0)
    worksheet_write_string (ws, row + 1, 0, _("No SWOT analysis in this year’s return"), x->text);
  return row + 1 + MAX (longest, 1) + 1;
}

gboolean
pw_export_write_swot (PwExport       *x,
                      lxw_worksheet  *ws,
                      GError        **error)
{
  lxw_row_t row = 2;

  pw_sheet_title (x, ws, _("SWOT analyses"));
  pw_sheet_column (x, ws, 0, 3, SWOT_WIDTH);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      lxw_row_t first = row;

      if ((row = put_swot_block (x, ws, row, g_ptr_array_index (x->pcns, i), error)) == 0)
        return FALSE;
      pw_sheet_keep_together (x, ws, PW_TITLE_POINTS, first, row - 2);   /* a PCN's SWOT on one page */
    }
  pw_sheet_setup_page (x, ws, 0);
  worksheet_repeat_rows (ws, 0, 0);
  return TRUE;
}

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

  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (guint));

  pw_cell_merged_text (x, ws, row, 0, 3, heading, x->block_title);
  row++;
  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    {
      g_autoptr(GListModel) items = ret ? pw_store_list_items (x->store, ret, q, error) : NULL;
      guint n = items ? g_list_model_get_n_items (items) : 0;

      worksheet_write_string (ws, row, q, pw_list_name (q), x->header);
      if (ret && items == NULL)
        return 0;
      if (n > lines->len)
        g_array_set_size (lines, n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PwItem) item = g_list_model_get_item (items, i);
          const char *text = pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT);

          pw_cell_text (x, ws, row + 1 + i, q, text, x->text);
          g_array_index (lines, guint, i) = MAX (g_array_index (lines, guint, i), pw_wrapped_lines (text, SWOT_WIDTH));
        }
      longest = MAX (longest, n);
    }
  for (guint i = 0; i < lines->len; i++)
    pw_sheet_fit_row (ws, row + 1 + i, g_array_index (lines, guint, i));
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
  worksheet_set_column (ws, 0, 3, SWOT_WIDTH, NULL);
  for (guint i = 0; i < x->pcns->len; i++)
    if ((row = put_swot_block (x, ws, row, g_ptr_array_index (x->pcns, i), error)) == 0)
      return FALSE;
  pw_sheet_setup_page (ws);
  worksheet_repeat_rows (ws, 0, 0);
  return TRUE;
}

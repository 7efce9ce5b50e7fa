/* pw-export-swot.c — SWOT: one block per PCN, the four quadrants side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

/* Four quadrants of this width fill A4 landscape at full scale. */
#define SWOT_WIDTH 36

/* A PCN's block heading: its name, then the quadrants' names. */
static lxw_row_t
put_swot_heading (PwExport      *x,
                  lxw_worksheet *ws,
                  lxw_row_t      row,
                  gboolean       continued,
                  gpointer       data)
{
  g_autofree char *heading = pw_export_pcn_heading (data);
  g_autofree char *text = continued ? g_strdup_printf (_("%s (continued)"), heading) : NULL;

  pw_cell_merged_text (x, ws, row, 0, 3, text ? text : heading, x->block_title);
  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    pw_put_string (x, ws, row + 1, q, x->list_names[q], x->header);
  return row + 1;
}

/* One PCN's quadrants: where each starts in the year's items, and how
 * long it is. */
typedef struct
{
  PwExportRows **lists;        /* the year's items, per quadrant */
  guint first[PW_LIST_THREATS + 1];
  guint n[PW_LIST_THREATS + 1];
} Quadrants;

/* The text of line @i of quadrant @q, or NULL past its end. */
static const char *
item_text (Quadrants  *items,
           PwItemList  q,
           guint       i)
{
  return i < items->n[q] ? pw_export_rows_text (items->lists[q], items->first[q] + i, 1) : NULL;
}

/* The points line @i of the quadrants needs. */
static double
line_points (PwExport  *x,
             Quadrants *items,
             guint      i)
{
  double points = PW_ROW_POINTS;

  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    {
      const char *text = item_text (items, q, i);

      if (text)
        points = MAX (points, pw_sheet_text_points (x, q, q, text, x->text));
    }
  return points;
}

/* One block per PCN: its name, then the four quadrants side by side; on
 * the next page if it fits on one, or else across pages with the name and
 * the quadrants' names written again. */
static lxw_row_t
put_swot_block (PwExport       *x,
                lxw_worksheet  *ws,
                lxw_row_t       row,
                PwPcn          *pcn,
                PwExportRows  **lists)
{
  g_auto(PwTable) t = { put_swot_heading, pcn, NULL };
  gint64 ret = pw_export_return_of (x, pcn);
  Quadrants items = { lists };
  guint longest = 0;
  double body = 0;

  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    {
      items.n[q] = ret ? pw_export_rows_find (lists[q], ret, &items.first[q]) : 0;
      longest = MAX (longest, items.n[q]);
    }
  for (guint i = 0; i < MAX (longest, 1); i++)
    body += line_points (x, &items, i);
  row = pw_table_begin (x, ws, &t, PW_TITLE_POINTS, row, body);
  for (guint i = 0; i < longest; i++)
    {
      row = pw_table_row (x, ws, &t, PW_TITLE_POINTS, row, line_points (x, &items, i));
      for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
        if (item_text (&items, q, i))
          pw_cell_text (x, ws, row, q, item_text (&items, q, i), x->text);
      row++;
    }
  if (longest == 0)
    pw_put_string (x, ws, row++, 0, _("No SWOT analysis in this year’s return"), x->text);
  pw_table_end (&t, row);
  return row + 1;
}

gboolean
pw_export_write_swot (PwExport       *x,
                      lxw_worksheet  *ws,
                      GError        **error)
{
  PwExportRows *lists[PW_LIST_THREATS + 1] = { NULL };
  gboolean ok = TRUE;
  lxw_row_t row = 2;

  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS && ok; q++)
    ok = (lists[q] = pw_store_export_items (x->store, x->options->year, q, error)) != NULL;
  if (ok)
    {
      pw_sheet_title (x, ws, _("SWOT analyses"));
      pw_sheet_column (x, ws, 0, 3, SWOT_WIDTH);
      for (guint i = 0; i < x->pcns->len; i++)
        row = put_swot_block (x, ws, row, g_ptr_array_index (x->pcns, i), lists);
      pw_sheet_setup_page (x, ws, 0);
      worksheet_repeat_rows (ws, 0, 0);
    }
  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    g_clear_pointer (&lists[q], pw_export_rows_free);
  return ok;
}

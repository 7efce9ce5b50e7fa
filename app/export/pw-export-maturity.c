/* pw-export-maturity.c — the maturity matrix: domains × PCNs, the key, the
 * counts per level and the change since the year before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

/* With PCNs as columns: the label column (domains) and a level's column,
 * wide enough for "Foundation/Step" on one line at 10 pt. */
#define LABEL_WIDTH 34
#define PCN_WIDTH 13
/* With PCNs as rows: locality, PCN and the domains fill the page's width
 * at full scale. */
#define ROWS_LOCALITY_WIDTH 16
#define ROWS_PCN_WIDTH 30
#define ROWS_LEVEL_WIDTH 16

/* Row 0 names each locality over its PCNs' columns, from @col on. */
static void
put_locality_band (PwExport      *x,
                   lxw_worksheet *ws,
                   lxw_row_t      row,
                   lxw_col_t      col)
{
  guint start = 0;

  for (guint i = 1; i <= x->pcns->len; i++)
    {
      PwPcn *first = g_ptr_array_index (x->pcns, start);
      const char *name = pw_pcn_get_text (first, PW_PCN_LOCALITY);

      if (i < x->pcns->len &&
          g_strcmp0 (name, pw_pcn_get_text (g_ptr_array_index (x->pcns, i), PW_PCN_LOCALITY)) == 0)
        continue;
      if (i - 1 > start)
        pw_cell_merged_text (x, ws, row, col + start, col + i - 1, *name ? name : _("No locality"), x->header);
      else
        pw_cell_text (x, ws, row, col + start, *name ? name : _("No locality"), x->header);
      start = i;
    }
}

/* What one cell of a PCN × domain grid prints, and how; the text is
 * freed by the caller. */
typedef char *(*PwGridCell) (PwExport *x, PwPcn *pcn, guint domain, lxw_format **format);

static char *
level_cell (PwExport    *x,
            PwPcn       *pcn,
            guint        domain,
            lxw_format **format)
{
  *format = x->level_formats[pw_level_index (pw_export_levels_of (x->levels, pcn)[domain])];
  return pw_export_level_text (x, pcn, domain);
}

/* Where the PCNs go: one column each while they fit on one page width,
 * otherwise one row each (the README's rule). */
static gboolean
pcns_as_rows (PwExport *x)
{
  return x->pcns->len > pw_sheet_columns_fit (LABEL_WIDTH, PCN_WIDTH);
}

/* Domains down, PCNs across under a locality band; returns the row after. */
static lxw_row_t
put_grid_by_domain (PwExport      *x,
                    lxw_worksheet *ws,
                    lxw_row_t      row,
                    PwGridCell     cell)
{
  pw_put_string (x, ws, row, 0, "Locality", x->header);
  put_locality_band (x, ws, row++, 1);
  pw_put_string (x, ws, row, 0, "Domain", x->header);
  for (guint i = 0; i < x->pcns->len; i++)
    pw_cell_text (x, ws, row, 1 + i, pw_pcn_get_text (g_ptr_array_index (x->pcns, i), PW_PCN_NAME), x->header);
  pw_sheet_set_row (x, ws, row++, 40);
  for (guint d = 0; d < PW_N_DOMAINS; d++, row++)
    {
      pw_cell_text (x, ws, row, 0, x->domain_names[d], x->row_label);
      for (guint i = 0; i < x->pcns->len; i++)
        {
          lxw_format *format = x->centre;
          g_autofree char *text = cell (x, g_ptr_array_index (x->pcns, i), d, &format);

          pw_cell_text (x, ws, row, 1 + i, text, format);
        }
      pw_sheet_set_row (x, ws, row, 30);
    }
  return row;
}

/* PCNs down (with their locality on every row, so each page names it),
 * domains across; returns the row after. */
static lxw_row_t
put_grid_by_pcn (PwExport      *x,
                 lxw_worksheet *ws,
                 lxw_row_t      row,
                 PwGridCell     cell)
{
  pw_put_string (x, ws, row, 0, "Locality", x->header);
  pw_put_string (x, ws, row, 1, "PCN", x->header);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    pw_cell_text (x, ws, row, 2 + d, x->domain_names[d], x->header);
  row++;
  for (guint i = 0; i < x->pcns->len; i++, row++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      const char *locality = pw_pcn_get_text (pcn, PW_PCN_LOCALITY);

      pw_cell_text (x, ws, row, 0, *locality ? locality : _("No locality"), x->row_label);
      pw_cell_text (x, ws, row, 1, pw_pcn_get_text (pcn, PW_PCN_NAME), x->row_label);
      for (guint d = 0; d < PW_N_DOMAINS; d++)
        {
          lxw_format *format = x->centre;
          g_autofree char *text = cell (x, pcn, d, &format);

          pw_cell_text (x, ws, row, 2 + d, text, format);
        }
    }
  return row;
}

static lxw_row_t
put_grid (PwExport      *x,
          lxw_worksheet *ws,
          lxw_row_t      row,
          PwGridCell     cell)
{
  return pcns_as_rows (x) ? put_grid_by_pcn (x, ws, row, cell) : put_grid_by_domain (x, ws, row, cell);
}

static lxw_row_t
put_legend (PwExport      *x,
            lxw_worksheet *ws,
            lxw_row_t      row)
{
  pw_put_string (x, ws, row++, 0, _("Key"), x->label);
  for (guint i = 0; i < PW_N_LEVELS; i++, row++)    /* as wide as the grid's label columns */
    pw_cell_merged_text (x, ws, row, 0, pcns_as_rows (x) ? 1 : 0, pw_level_name (pw_level_at (i)), x->level_formats[i]);
  pw_cell_merged_text (x, ws, row++, 0, 2,
                       _("Step 1 " PW_UNREVIEWED_MARK ": from a return not yet reviewed (draft or submitted)"), x->text);
  pw_cell_merged_text (x, ws, row++, 0, 2, _("No return: the PCN has sent no return for this year"), x->text);
  return row;
}

/* How many returns stand at each status, and how many PCNs sent none. */
static lxw_row_t
put_status_counts (PwExport      *x,
                   lxw_worksheet *ws,
                   lxw_row_t      row)
{
  guint counts[PW_STATUS_REVIEWED + 2] = { 0 };   /* by status, then "no return" */

  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwReturn *ret = pw_export_return_in (x, g_ptr_array_index (x->pcns, i));

      counts[ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) : PW_STATUS_REVIEWED + 1]++;
    }
  pw_put_string (x, ws, row++, 0, _("Returns by status"), x->label);
  for (guint s = 0; s < G_N_ELEMENTS (counts); s++, row++)
    {
      pw_put_string (x, ws, row, 0, s <= PW_STATUS_REVIEWED ? pw_return_status_name (s) : _("No return"),
                              x->text);
      pw_put_number (x, ws, row, 1, counts[s], x->centre);
    }
  pw_put_string (x, ws, row, 0, "Total", x->total_label);
  pw_put_number (x, ws, row, 1, x->pcns->len, x->total_count);
  return row + 1;
}

/* How many PCNs stand at each level (down), per domain (across), in the
 * grid's own columns whichever way it runs. */
static lxw_row_t
put_level_counts (PwExport      *x,
                  lxw_worksheet *ws,
                  lxw_row_t      row)
{
  lxw_col_t col = pcns_as_rows (x) ? 2 : 1;    /* the domains' first column */
  guint counts[PW_N_DOMAINS][PW_N_LEVELS] = { { 0 } };

  for (guint d = 0; d < PW_N_DOMAINS; d++)
    for (guint i = 0; i < x->pcns->len; i++)
      counts[d][pw_level_index (pw_export_levels_of (x->levels, g_ptr_array_index (x->pcns, i))[d])]++;
  /* A PCN without a return counts under "No score" here; the grid and the
   * status table above say which sent none. */
  pw_put_string (x, ws, row++, 0, _("Number of PCNs at each level"), x->label);
  pw_cell_merged_text (x, ws, row, 0, col - 1, "Level", x->header);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    pw_cell_text (x, ws, row, col + d, x->domain_names[d], x->header);
  for (guint l = 0; l < PW_N_LEVELS; l++)
    {
      pw_cell_merged_text (x, ws, ++row, 0, col - 1, pw_level_name (pw_level_at (l)), x->level_formats[l]);
      for (guint d = 0; d < PW_N_DOMAINS; d++)
        pw_put_number (x, ws, row, col + d, counts[d][l], x->centre);
    }
  pw_cell_merged_text (x, ws, ++row, 0, col - 1, "Total", x->total_label);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    pw_put_number (x, ws, row, col + d, x->pcns->len, x->total_count);
  return row + 1;
}

static const char *
change_mark (int before,
             int now)
{
  if (before == PW_LEVEL_NONE || now == PW_LEVEL_NONE)
    return "";
  return now > before ? "↑" : now < before ? "↓" : "=";
}

static gboolean
has_levels (GHashTable *levels)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, levels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint d = 0; d < PW_N_DOMAINS; d++)
      if (((int *) value)[d] != PW_LEVEL_NONE)
        return TRUE;
  return FALSE;
}

static char *
change_cell (PwExport    *x,
             PwPcn       *pcn,
             guint        domain,
             lxw_format **format)
{
  return g_strdup (change_mark (pw_export_levels_of (x->prev_levels, pcn)[domain],
                                pw_export_levels_of (x->levels, pcn)[domain]));
}

/* ↑, ↓ or = against the year before, where both years have a level. */
static lxw_row_t
put_change_grid (PwExport      *x,
                 lxw_worksheet *ws,
                 lxw_row_t      row)
{
  g_autofree char *prev = pw_format_year (x->options->year - 1);
  g_autofree char *title = g_strdup_printf (_("Change since %s (↑ up, ↓ down, = same; blank where a year has no score)"),
                                            prev);

  pw_put_string (x, ws, row++, 0, title, x->label);
  return put_grid (x, ws, row, change_cell);
}

gboolean
pw_export_write_maturity (PwExport       *x,
                          lxw_worksheet  *ws,
                          GError        **error)
{
  gboolean by_pcn = pcns_as_rows (x);
  lxw_row_t row;

  if (by_pcn)
    {
      pw_sheet_column (x, ws, 0, 0, ROWS_LOCALITY_WIDTH);
      pw_sheet_column (x, ws, 1, 1, ROWS_PCN_WIDTH);
      pw_sheet_column (x, ws, 2, 1 + PW_N_DOMAINS, ROWS_LEVEL_WIDTH);
    }
  else
    {
      pw_sheet_column (x, ws, 0, 0, LABEL_WIDTH);
      pw_sheet_column (x, ws, 1, MAX (x->pcns->len, PW_N_DOMAINS), PCN_WIDTH);
    }
  pw_sheet_title (x, ws, _("Maturity matrix"));
  row = put_grid (x, ws, 2, level_cell);
  row = put_legend (x, ws, row + 1);
  row = put_status_counts (x, ws, row + 1);
  row = put_level_counts (x, ws, row + 1);
  if (has_levels (x->prev_levels))
    put_change_grid (x, ws, row + 1);
  pw_sheet_setup_print (x, ws, by_pcn ? 2 : 3, by_pcn ? 2 : 1);
  return TRUE;
}

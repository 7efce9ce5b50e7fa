/* pw-export-arrs.c — ARRS workforce: totals by role, a chart, roles × PCNs and the
 * budget against what the WTE in post can claim
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

#define ROLE_WIDTH 36           /* the first column: roles, then PCNs */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The year's ARRS figures, summed in hundredths of a WTE. */
typedef struct
{
  GPtrArray *roles;            /* role names in use, sorted; owned */
  GHashTable *index;           /* role name → position + 1 */
  gint64 *sums;                /* [role * 3 + k]: in post, headcount, planned */
  gint64 *by_pcn;              /* [role * n_pcns + pcn]: WTE in post, -1 where not given */
  gint64 *claimable;           /* per PCN: pence, -1 where no rate is known */
  GPtrArray *unrated;          /* names of roles in use with no rate this year; borrowed from roles */
  GPtrArray *as_of;            /* per PCN: the latest date its figures were taken on, or NULL */
} Arrs;

static void
arrs_clear (Arrs *a)
{
  g_clear_pointer (&a->roles, g_ptr_array_unref);
  g_clear_pointer (&a->index, g_hash_table_unref);
  g_clear_pointer (&a->sums, g_free);
  g_clear_pointer (&a->by_pcn, g_free);
  g_clear_pointer (&a->claimable, g_free);
  g_clear_pointer (&a->unrated, g_ptr_array_unref);
  g_clear_pointer (&a->as_of, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Arrs, arrs_clear)

/* What @hundredths WTE at @rate pence per WTE can claim, in pence; an
 * overflow fails the export (and claims nothing) rather than wrap. */
static gint64
claim (PwExport *x,
       gint64    hundredths,
       gint64    rate)
{
  if (rate > 0 && hundredths > (G_MAXINT64 - 50) / rate)
    {
      pw_export_overflow (x, N_("most the WTE in post can claim"));
      return 0;
    }
  return (hundredths * rate + 50) / 100;
}

static gboolean
gather_arrs (PwExport  *x,
             Arrs    *a,
             GError **error)
{
  guint n = x->pcns->len, first, count;
  g_autoptr(PwExportRows) wte = pw_store_export_wte (x->store, x->options->year, error);

  if (wte == NULL)
    return FALSE;
  a->index = g_hash_table_new (g_str_hash, g_str_equal);
  a->roles = g_ptr_array_new_with_free_func (g_free);
  for (guint p = 0; p < n; p++)
    {
      count = pw_export_rows_find (wte, pw_export_return_of (x, g_ptr_array_index (x->pcns, p)), &first);
      for (guint i = first; i < first + count; i++)
        {
          const char *role = pw_export_rows_text (wte, i, 1);
          if (!g_hash_table_contains (a->index, role))
            {
              char *copy = g_strdup (role);
              g_ptr_array_add (a->roles, copy);
              g_hash_table_insert (a->index, copy, NULL);
            }
        }
    }
  g_ptr_array_sort (a->roles, compare_names);
  for (guint r = 0; r < a->roles->len; r++)
    g_hash_table_insert (a->index, g_ptr_array_index (a->roles, r), GUINT_TO_POINTER (r + 1));
  a->sums = g_new0 (gint64, MAX (a->roles->len * 3, 1));
  a->by_pcn = g_new (gint64, MAX (a->roles->len * n, 1));
  for (guint i = 0; i < a->roles->len * n; i++)
    a->by_pcn[i] = -1;
  a->claimable = g_new (gint64, MAX (n, 1));
  a->unrated = g_ptr_array_new ();
  a->as_of = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (a->as_of, n);
  for (guint p = 0; p < n; p++)
    {
      a->claimable[p] = -1;
      count = pw_export_rows_find (wte, pw_export_return_of (x, g_ptr_array_index (x->pcns, p)), &first);
      for (guint i = first; i < first + count; i++)
        {
          guint r = GPOINTER_TO_UINT (g_hash_table_lookup (a->index, pw_export_rows_text (wte, i, 1))) - 1;
          gint64 rate = pw_export_rows_int (wte, i, 6);
          gint64 in_post = pw_export_rows_int (wte, i, 2);

          pw_export_keep_latest ((char **) &g_ptr_array_index (a->as_of, p), pw_export_rows_text (wte, i, 5));
          pw_export_add (x, &a->sums[r * 3 + 0], in_post, N_("WTE in post"));
          pw_export_add (x, &a->sums[r * 3 + 1], pw_export_rows_int (wte, i, 3), N_("headcount"));
          pw_export_add (x, &a->sums[r * 3 + 2], pw_export_rows_int (wte, i, 4), N_("planned WTE"));
          a->by_pcn[r * n + p] = MAX (a->by_pcn[r * n + p], 0);
          pw_export_add (x, &a->by_pcn[r * n + p], in_post, N_("WTE in post"));
          if (rate < 0 && !g_ptr_array_find (a->unrated, g_ptr_array_index (a->roles, r), NULL))
            g_ptr_array_add (a->unrated, g_ptr_array_index (a->roles, r));
          if (rate >= 0)
            {
              a->claimable[p] = MAX (a->claimable[p], 0);
              pw_export_add (x, &a->claimable[p], claim (x, in_post, rate), N_("most the WTE in post can claim"));
            }
        }
    }
  return TRUE;
}

/* Role · WTE in post · headcount · planned WTE, with a TOTAL row; returns
 * the row after it. */
static lxw_row_t
put_role_totals (PwExport      *x,
                 lxw_worksheet *ws,
                 Arrs          *a,
                 lxw_row_t      row)
{
  static const char *titles[] = { "Role", "WTE in post", "Headcount", "Planned WTE", NULL };
  static const double widths[] = { ROLE_WIDTH, 13, 13, 13 };
  gint64 totals[3] = { 0 };
  lxw_row_t first = row + 1;

  pw_sheet_header_row (x, ws, row, titles, widths);
  for (guint r = 0; r < a->roles->len; r++)
    {
      pw_cell_text (x, ws, ++row, 0, g_ptr_array_index (a->roles, r), x->text);
      pw_put_number (x, ws, row, 1, a->sums[r * 3 + 0] / 100.0, x->wte);
      pw_put_number (x, ws, row, 2, a->sums[r * 3 + 1], x->count);
      pw_put_number (x, ws, row, 3, a->sums[r * 3 + 2] / 100.0, x->wte);
      for (guint k = 0; k < 3; k++)
        pw_export_add (x, &totals[k], a->sums[r * 3 + k], N_("ARRS total"));
    }
  pw_put_string (x, ws, ++row, 0, "TOTAL", x->total_label);
  if (row > first)
    {
      pw_cell_sum (x, ws, row, 1, first, row - 1, totals[0] / 100.0, x->total_wte);
      pw_cell_sum (x, ws, row, 2, first, row - 1, totals[1], x->total_count);
      pw_cell_sum (x, ws, row, 3, first, row - 1, totals[2] / 100.0, x->total_wte);
    }
  return row + 1;
}

/* One bar series of the chart: the column @col of the role table, filled
 * @fill and edged in the dark blue, so in grey the two series differ by
 * their fills' lightness (dark against light) and both keep an edge. */
static void
add_wte_series (lxw_chart  *chart,
                const char *sheet,
                Arrs       *a,
                lxw_row_t   header_row,
                lxw_col_t   col,
                const char *name,
                lxw_color_t fill)
{
  lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
  lxw_chart_fill solid = { .color = fill };
  lxw_chart_line edge = { .color = 0x1F4E79, .width = 0.75 };

  chart_series_set_categories (series, sheet, header_row + 1, 0, header_row + a->roles->len, 0);
  chart_series_set_values (series, sheet, header_row + 1, col, header_row + a->roles->len, col);
  chart_series_set_name (series, name);
  chart_series_set_fill (series, &solid);
  chart_series_set_line (series, &edge);
}

/* The chart's size against libxlsxwriter's 480 × 288 pixels: about 500 ×
 * 260 points, under the role table rather than beside it, so it stays
 * inside the first page's width whatever the grids below make the sheet's
 * width; CHART_ROWS default rows hold it. */
#define CHART_SCALE_X 1.3
#define CHART_SCALE_Y 1.2
#define CHART_ROWS 18

/* WTE in post against planned, one pair of bars per role.  A bar chart
 * draws its first category at the bottom: the role axis is reversed so the
 * roles, and each role's two bars, run down the page in the table's order,
 * with the WTE axis kept below them. */
static void
put_wte_chart (PwExport      *x,
               lxw_worksheet *ws,
               const char    *sheet,
               Arrs          *a,
               lxw_row_t      header_row,
               lxw_row_t      at)
{
  lxw_chart *chart;
  lxw_chart_options where = { .x_offset = 0, .y_offset = 0, .x_scale = CHART_SCALE_X, .y_scale = CHART_SCALE_Y };

  if (a->roles->len == 0)
    return;
  chart = workbook_add_chart (x->workbook, LXW_CHART_BAR);
  add_wte_series (chart, sheet, a, header_row, 1, "WTE in post", 0x1F4E79);
  add_wte_series (chart, sheet, a, header_row, 3, "Planned WTE", 0xDDEBF7);
  chart_title_set_name (chart, "ARRS WTE by role");
  chart_axis_set_name (chart->x_axis, "WTE");
  chart_axis_set_reverse (chart->y_axis);
  chart_axis_set_crossing_max (chart->y_axis);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  worksheet_insert_chart_opt (ws, at, 0, chart, &where);
}

/* The width of a PCN's column in the role × PCN grid. */
#define PCN_COLUMN_WIDTH LXW_DEF_COL_WIDTH

/* Whether the grid runs one row per PCN (roles across) rather than one
 * column per PCN: when the PCNs would not fit on one page width. */
static gboolean
pcns_as_rows (PwExport *x)
{
  return x->pcns->len > pw_sheet_columns_fit (ROLE_WIDTH, PCN_COLUMN_WIDTH);
}

/* WTE in post of grid row @i, column @j: roles × PCNs, or PCNs × roles;
 * -1 where not given. */
static gint64
grid_wte (PwExport *x,
          Arrs     *a,
          gboolean  pcn_rows,
          guint     i,
          guint     j)
{
  guint n = x->pcns->len;

  return pcn_rows ? a->by_pcn[j * n + i] : a->by_pcn[i * n + j];
}

static const char *
grid_label (PwExport *x,
            Arrs     *a,
            gboolean  by_pcn,
            guint     i)
{
  return by_pcn ? pw_pcn_get_text (g_ptr_array_index (x->pcns, i), PW_PCN_NAME) : g_ptr_array_index (a->roles, i);
}

/* A sum of the grid's given figures (blank where none is given), as
 * @formula with the exact value cached. */
static void
put_grid_total (PwExport      *x,
                lxw_worksheet *ws,
                lxw_row_t      row,
                lxw_col_t      col,
                const char    *formula,
                gint64         sum,
                gboolean       given,
                lxw_format    *format)
{
  if (!given)
    pw_put_blank (x, ws, row, col, format);
  else
    pw_put_formula_num (x, ws, row, col, formula, format, sum / 100.0);
}

/* The role × PCN grid's heading: its label, then the column labels. */
typedef struct
{
  Arrs *a;
  gboolean pcn_rows;
  guint n_cols;
} GridHeading;

static lxw_row_t
put_grid_heading (PwExport      *x,
                  lxw_worksheet *ws,
                  lxw_row_t      row,
                  gboolean       continued,
                  gpointer       data)
{
  GridHeading *g = data;

  pw_put_string (x, ws, row++, 0, continued ? _("WTE in post by role and PCN (continued)")
                                                  : _("WTE in post by role and PCN"), x->label);
  pw_put_string (x, ws, row, 0, g->pcn_rows ? "PCN" : "Role", x->header);
  for (guint j = 0; j < g->n_cols; j++)
    pw_cell_text (x, ws, row, 1 + j, grid_label (x, g->a, !g->pcn_rows, j), x->header);
  pw_put_string (x, ws, row, 1 + g->n_cols, "Total", x->header);
  pw_sheet_set_row (x, ws, row, 40);
  return row;
}

/* WTE in post by role and PCN, with totals both ways: roles down and PCNs
 * across, or PCNs down and roles across when the PCNs would not fit on
 * one page width (pcns_as_rows()).  Blank where a PCN gives no figure.
 * A grid longer than a page breaks with its heading written again. */
static lxw_row_t
put_role_breakdown (PwExport      *x,
                    lxw_worksheet *ws,
                    Arrs          *a,
                    lxw_row_t      row)
{
  gboolean pcn_rows = pcns_as_rows (x);
  guint n_rows = pcn_rows ? x->pcns->len : a->roles->len, n_cols = pcn_rows ? a->roles->len : x->pcns->len;
  g_autofree gint64 *col_sums = g_new0 (gint64, n_cols + 1);
  g_autofree gboolean *col_given = g_new0 (gboolean, n_cols + 1);
  GridHeading heading = { a, pcn_rows, n_cols };
  g_auto(PwTable) t = { put_grid_heading, &heading, NULL };
  lxw_row_t first;

  row = first = pw_table_begin (x, ws, &t, PW_TITLE_POINTS, row, (n_rows + 1) * PW_ROW_POINTS);
  for (guint i = 0; i < n_rows; i++)
    {
      const char *label = grid_label (x, a, pcn_rows, i);
      gint64 sum = 0;
      gboolean given = FALSE;
      char range[64];
      g_autofree char *formula = NULL;

      row = pw_table_row (x, ws, &t, PW_TITLE_POINTS, row, pw_sheet_text_points (x, 0, 0, label, x->text));
      pw_cell_text (x, ws, row, 0, label, x->text);
      for (guint j = 0; j < n_cols; j++)
        {
          gint64 wte = grid_wte (x, a, pcn_rows, i, j);

          pw_cell_wte (x, ws, row, 1 + j, wte, x->wte);   /* blank where not given, not 0.00 */
          given |= wte >= 0;
          col_given[j] |= wte >= 0;
          pw_export_add (x, &sum, MAX (wte, 0), N_("WTE in post"));
          pw_export_add (x, &col_sums[j], MAX (wte, 0), N_("WTE in post"));
        }
      lxw_rowcol_to_range (range, row, 1, row, n_cols);
      formula = g_strdup_printf ("=SUM(%s)", range);
      put_grid_total (x, ws, row, 1 + n_cols, formula, sum, given, x->wte);
      pw_export_add (x, &col_sums[n_cols], sum, N_("WTE in post"));
      row++;
    }
  pw_table_end (&t, row);
  pw_put_string (x, ws, row, 0, "TOTAL", x->total_label);
  for (guint j = 0; j <= n_cols && row > first; j++)
    {
      g_autofree char *formula = pw_table_sum_formula (&t, 1 + j, 1 + j);

      put_grid_total (x, ws, row, 1 + j, formula, col_sums[j], col_given[j] || j == n_cols, x->total_wte);
    }
  return row + 2;
}

/* Under the budget table: the roles whose WTE no claim counts, as no rate
 * is known for them this year. */
static lxw_row_t
put_unrated (PwExport      *x,
             lxw_worksheet *ws,
             Arrs          *a,
             lxw_row_t      row)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *line = NULL;

  if (a->unrated->len == 0)
    return row;
  g_ptr_array_sort (a->unrated, compare_names);
  for (guint i = 0; i < a->unrated->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (a->unrated, i));
  line = g_strdup_printf (_("No rate for %s, so not in “Max claimable”: %s."), x->year_name, names->str);
  pw_cell_merged_text (x, ws, row, 0, 3, line, x->text);
  return row + 1;
}

static lxw_row_t
put_budget_heading (PwExport      *x,
                    lxw_worksheet *ws,
                    lxw_row_t      row,
                    gboolean       continued,
                    gpointer       data)
{
  static const char *titles[] = { "PCN", "ARRS budget", "Max claimable", "Difference", "WTE as of" };
  const char *label = _("ARRS budget and the most the WTE in post can claim (where the role’s rate is known)");
  g_autofree char *text = continued ? g_strdup_printf (_("%s (continued)"), label) : g_strdup (label);

  pw_put_string (x, ws, row++, 0, text, x->label);
  for (lxw_col_t c = 0; c < G_N_ELEMENTS (titles); c++)
    pw_put_string (x, ws, row, c, titles[c], x->header);
  return row;
}

/* Budget against what the WTE in post could claim, where rates are known,
 * with a TOTAL of the PCNs whose claim is known. */
static lxw_row_t
put_budget_check (PwExport       *x,
                  lxw_worksheet  *ws,
                  Arrs           *a,
                  lxw_row_t       row,
                  GError        **error)
{
  gint64 budgets = 0, claims = 0, differences = 0;
  guint known = 0, compared = 0, missing = 0;
  g_auto(PwTable) t = { put_budget_heading, NULL, NULL };
  PwExportRows *funding = pw_export_funding (x, error);
  lxw_row_t first;

  if (funding == NULL)
    return 0;

  row = first = pw_table_begin (x, ws, &t, PW_TITLE_POINTS, row, (x->pcns->len + 1) * PW_ROW_POINTS);
  for (guint p = 0; p < x->pcns->len; p++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, p);
      gint64 rate, budget = pw_export_funding_of (funding, pcn, pw_stream_key (PW_STREAM_ARRS), &rate);
      const char *name = pw_pcn_get_text (pcn, PW_PCN_NAME);

      if (p > 0)
        row++;
      row = pw_table_row (x, ws, &t, PW_TITLE_POINTS, row, pw_sheet_text_points (x, 0, 0, name, x->text));
      pw_cell_text (x, ws, row, 0, name, x->text);
      pw_cell_date (x, ws, row, 4, g_ptr_array_index (a->as_of, p), x->date);
      if (budget < 0)
        pw_put_not_recorded (x, ws, row, 1, FALSE);
      else
        pw_put_number (x, ws, row, 1, budget / 100.0, x->money);
      missing += budget < 0;
      pw_export_add (x, &budgets, MAX (budget, 0), N_("ARRS budget"));
      if (a->claimable[p] < 0)
        continue;
      pw_put_number (x, ws, row, 2, a->claimable[p] / 100.0, x->money);
      pw_export_add (x, &claims, a->claimable[p], N_("most the WTE in post can claim"));
      known++;
      if (budget < 0)
        continue;
      pw_put_number (x, ws, row, 3, (budget - a->claimable[p]) / 100.0, x->money);
      pw_export_add (x, &differences, budget - a->claimable[p], N_("ARRS budget"));
      compared++;
    }
  if (x->pcns->len > 0)
    row++;
  pw_table_end (&t, row);
  pw_put_string (x, ws, row, 0, "TOTAL", x->total_label);
  if (row > first)
    {
      if (missing == x->pcns->len)
        pw_put_not_recorded (x, ws, row, 1, TRUE);
      else
        pw_table_sum (x, &t, ws, row, 1, budgets / 100.0, x->total_money);
      /* £0.00 would read as a claim worked out to nothing */
      if (known > 0)
        pw_table_sum (x, &t, ws, row, 2, claims / 100.0, x->total_money);
      if (compared > 0)
        pw_table_sum (x, &t, ws, row, 3, differences / 100.0, x->total_money);
    }
  if (missing > 0)
    pw_export_not_recorded_note (x, ws, ++row, 3, missing, missing);
  return put_unrated (x, ws, a, row + 1);
}

gboolean
pw_export_write_arrs (PwExport       *x,
                      lxw_worksheet  *ws,
                      GError        **error)
{
  g_auto(Arrs) a = { 0 };
  lxw_row_t chart = 0, grid, budget;

  if (!gather_arrs (x, &a, error))
    return FALSE;
  pw_sheet_title (x, ws, _("ARRS workforce"));
  /* The grid's width sets the print scale, and with it how much a page
   * holds: its columns are the sheet's before anything is placed. */
  pw_sheet_reserve_columns (x, 1 + (pcns_as_rows (x) ? a.roles->len : x->pcns->len));
  grid = put_role_totals (x, ws, &a, 2);
  pw_sheet_column (x, ws, 4, 4, 11);     /* the budget table's "WTE as of" date */
  if (a.roles->len > 0)
    {
      chart = grid + 1;
      put_wte_chart (x, ws, "ARRS workforce", &a, 2, chart);
      grid = chart + CHART_ROWS;
      pw_sheet_keep_together (x, ws, PW_TITLE_POINTS, chart, grid - 1);
    }
  budget = put_role_breakdown (x, ws, &a, grid);
  if (put_budget_check (x, ws, &a, budget, error) == 0)
    return FALSE;
  pw_sheet_setup_page (x, ws, 1);
  worksheet_repeat_rows (ws, 0, 0);
  return TRUE;
}

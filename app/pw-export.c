/* pw-export.c — the committee appendix workbook (.xlsx)
 *
 * Each sheet is written by one function in the sheets[] table, all sharing
 * the same formats and print set-up (A4 landscape, fit to width, header rows
 * repeated, frozen panes, OFFICIAL marking, "Page X of Y").  Numbers go in
 * as numbers with formats; anything a user typed goes in as a string, so it
 * can never become a formula.  The file is written beside the target under
 * a temporary name and renamed at the end, so a failure leaves no half file
 * and an existing file untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "pw-export.h"
#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-plan.h"

G_DEFINE_QUARK (pw-export-error-quark, pw_export_error)

#define MAX_CELL_CHARS 32767   /* Excel's limit for one cell */

typedef struct
{
  PwStore *store;
  const PwExportOptions *options;
  lxw_workbook *workbook;
  GPtrArray *pcns;             /* of PwPcn, by locality then name */
  GHashTable *levels;          /* pcn id → int[PW_N_DOMAINS], this year */
  GHashTable *prev_levels;     /* the same, the year before */
  GHashTable *returns;         /* pcn id → PwReturn, this year */
  lxw_format *level_formats[PW_N_LEVELS];
  lxw_format *centre;
  lxw_format *row_label;       /* a grid's first column */
  lxw_format *money;
  lxw_format *total_money;
  lxw_format *block_title;
  lxw_format *title;
  lxw_format *label;
  lxw_format *header;
  lxw_format *text;
  lxw_format *count;
  lxw_format *wte;
  lxw_format *date;
  lxw_format *datetime;
  lxw_format *total_label;
  lxw_format *total_count;
  lxw_format *total_wte;
} Export;

typedef gboolean (*SheetWriter) (Export *x, lxw_worksheet *ws, GError **error);

static void list_sheets (Export *x, lxw_worksheet *ws, lxw_row_t row);

void
pw_export_options_clear (PwExportOptions *o)
{
  g_clear_pointer (&o->committee, g_free);
  g_clear_pointer (&o->meeting_date, g_free);
  g_clear_pointer (&o->agenda_item, g_free);
  g_clear_pointer (&o->title, g_free);
  g_clear_pointer (&o->author, g_free);
  g_clear_pointer (&o->lead, g_free);
  g_clear_pointer (&o->version, g_free);
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */

static lxw_format *
new_format (lxw_workbook *wb,
            gboolean      bold,
            const char   *num_format)
{
  lxw_format *f = workbook_add_format (wb);

  format_set_font_name (f, "Arial");
  format_set_font_size (f, 10);
  format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  if (bold)
    format_set_bold (f);
  if (num_format)
    format_set_num_format (f, num_format);
  return f;
}

static void
make_formats (Export *x)
{
  lxw_format *totals[3];

  x->title = new_format (x->workbook, TRUE, NULL);
  format_set_font_size (x->title, 14);
  x->label = new_format (x->workbook, TRUE, NULL);
  x->header = new_format (x->workbook, TRUE, NULL);
  format_set_bg_color (x->header, 0xD9E1F2);
  format_set_border (x->header, LXW_BORDER_THIN);
  format_set_text_wrap (x->header);
  x->text = new_format (x->workbook, FALSE, NULL);
  format_set_text_wrap (x->text);
  x->count = new_format (x->workbook, FALSE, "#,##0");
  x->wte = new_format (x->workbook, FALSE, "0.00");
  x->date = new_format (x->workbook, FALSE, "dd/mm/yyyy");
  format_set_align (x->date, LXW_ALIGN_LEFT);
  x->datetime = new_format (x->workbook, FALSE, "dd/mm/yyyy hh:mm");
  format_set_align (x->datetime, LXW_ALIGN_LEFT);
  x->total_label = totals[0] = new_format (x->workbook, TRUE, NULL);
  x->total_count = totals[1] = new_format (x->workbook, TRUE, "#,##0");
  x->total_wte = totals[2] = new_format (x->workbook, TRUE, "0.00");
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    format_set_top (totals[i], LXW_BORDER_THIN);
  x->money = new_format (x->workbook, FALSE, "\"£\"#,##0.00");
  x->total_money = new_format (x->workbook, TRUE, "\"£\"#,##0.00");
  format_set_top (x->total_money, LXW_BORDER_THIN);
  x->block_title = new_format (x->workbook, TRUE, NULL);
  format_set_font_size (x->block_title, 11);
  format_set_bottom (x->block_title, LXW_BORDER_THIN);
  x->row_label = new_format (x->workbook, FALSE, NULL);
  format_set_align (x->row_label, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (x->row_label);
  x->centre = new_format (x->workbook, FALSE, NULL);
  format_set_align (x->centre, LXW_ALIGN_CENTER);
  format_set_border (x->centre, LXW_BORDER_THIN);
  for (guint i = 0; i < PW_N_LEVELS; i++)
    {
      int level = pw_level_at (i);
      lxw_format *f = x->level_formats[i] = new_format (x->workbook, FALSE, NULL);

      format_set_bg_color (f, pw_level_colour (level));
      format_set_font_color (f, pw_level_is_dark (level) ? 0xFFFFFF : 0x000000);
      format_set_border (f, LXW_BORDER_THIN);
      format_set_border_color (f, 0xA6A6A6);
      format_set_align (f, LXW_ALIGN_CENTER);
      format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
      format_set_text_wrap (f);
      if (level == PW_LEVEL_NONE)
        format_set_italic (f);
    }
}

/* User text is always a string cell, cut to what a cell can hold. */
static void
put_text (lxw_worksheet *ws,
          lxw_row_t      row,
          lxw_col_t      col,
          const char    *text,
          lxw_format    *format)
{
  g_autofree char *cut = NULL;

  if (text == NULL || *text == '\0')
    return;
  if (g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
    text = cut = g_utf8_substring (text, 0, MAX_CELL_CHARS);
  worksheet_write_string (ws, row, col, text, format);
}

/* How many lines @text takes wrapped in a column @width characters wide;
 * Arial 10 fits about 1.1 characters per unit of column width. */
static guint
wrapped_lines (const char *text,
               double      width)
{
  guint per_line = MAX (1, (guint) (width * 1.1) - 2);
  g_auto(GStrv) paragraphs = g_strsplit (text ? text : "", "\n", -1);
  guint lines = 0;

  for (guint i = 0; paragraphs[i]; i++)
    lines += MAX (1, (g_utf8_strlen (paragraphs[i], -1) + per_line - 1) / per_line);
  return lines;
}

/* Neither Excel nor LibreOffice reliably grows a row for wrapped text
 * written by libxlsxwriter, so rows get a height from the longest text in
 * them, up to Excel's limit of 409 points. */
static void
fit_row (lxw_worksheet *ws,
         lxw_row_t      row,
         guint          lines)
{
  if (lines > 1)
    worksheet_set_row (ws, row, MIN (409.0, 12.75 * lines + 2), NULL);
}

/* Hundredths as a number cell; -1 ("not given") leaves the cell empty. */
static void
put_wte (lxw_worksheet *ws,
         lxw_row_t      row,
         lxw_col_t      col,
         gint64         hundredths,
         lxw_format    *format)
{
  if (hundredths >= 0)
    worksheet_write_number (ws, row, col, hundredths / 100.0, format);
}

/* An ISO date ("2021-11-25") as a date cell; anything else is left out. */
static void
put_iso_date (lxw_worksheet *ws,
              lxw_row_t      row,
              lxw_col_t      col,
              const char    *iso,
              lxw_format    *format)
{
  lxw_datetime dt = { 0 };

  if (iso != NULL && sscanf (iso, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) == 3 &&
      g_date_valid_dmy (dt.day, dt.month, dt.year))
    worksheet_write_datetime (ws, row, col, &dt, format);
}

static void
put_now (lxw_worksheet *ws,
         lxw_row_t      row,
         lxw_col_t      col,
         lxw_format    *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  lxw_datetime dt = {
    g_date_time_get_year (now), g_date_time_get_month (now), g_date_time_get_day_of_month (now),
    g_date_time_get_hour (now), g_date_time_get_minute (now), 0,
  };

  worksheet_write_datetime (ws, row, col, &dt, format);
}

/* A column total: a live formula whose cached value is the exact integer
 * sum, so a reader that does not recalculate still shows the right figure. */
static void
put_sum (lxw_worksheet *ws,
         lxw_row_t      row,
         lxw_col_t      col,
         lxw_row_t      first,
         lxw_row_t      last,
         double         value,
         lxw_format    *format)
{
  char range[64];
  g_autofree char *formula = NULL;

  lxw_rowcol_to_range (range, first, col, last, col);
  formula = g_strdup_printf ("=SUM(%s)", range);
  worksheet_write_formula_num (ws, row, col, formula, format, value);
}

static void
put_header_row (Export        *x,
                lxw_worksheet *ws,
                lxw_row_t      row,
                const char   **titles,
                const double  *widths)
{
  worksheet_set_row (ws, row, 27, NULL);     /* room for two wrapped lines */
  for (lxw_col_t c = 0; titles[c] != NULL; c++)
    {
      worksheet_write_string (ws, row, c, titles[c], x->header);
      worksheet_set_column (ws, c, c, widths[c], NULL);
    }
}

static void
setup_page (lxw_worksheet *ws)
{
  lxw_header_footer_options margins = { .margin = 0.3 };

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);               /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);         /* fit to width, as many pages tall as needed */
  worksheet_set_margins (ws, 0.5, 0.5, 0.75, 0.75);
  worksheet_set_header_opt (ws, "&C&\"Arial,Bold\"OFFICIAL", &margins);
  worksheet_set_footer_opt (ws, "&L&A&RPage &P of &N", &margins);
}

/* A table sheet: its header row repeats on every page and stays in view. */
static void
setup_print (lxw_worksheet *ws,
             lxw_row_t      header_row,
             lxw_col_t      frozen_cols)
{
  setup_page (ws);
  worksheet_repeat_rows (ws, header_row, header_row);
  worksheet_freeze_panes (ws, header_row + 1, frozen_cols);
}

/* ------------------------------------------------------------------ */
/* Sheets                                                              */

static void
cover_line (Export        *x,
            lxw_worksheet *ws,
            lxw_row_t      row,
            const char    *label,
            const char    *value)
{
  worksheet_write_string (ws, row, 0, label, x->label);
  put_text (ws, row, 1, value, x->text);
}

static gboolean
write_cover (Export         *x,
             lxw_worksheet  *ws,
             GError        **error)
{
  const PwExportOptions *o = x->options;
  g_autofree char *year = pw_format_year (o->year);
  lxw_row_t row = 2;

  worksheet_set_column (ws, 0, 0, 24, NULL);
  worksheet_set_column (ws, 1, 1, 70, NULL);
  worksheet_write_string (ws, 0, 0, o->title && *o->title ? o->title : _("PCN returns: committee appendix"), x->title);
  cover_line (x, ws, row++, _("Committee"), o->committee);
  worksheet_write_string (ws, row, 0, _("Meeting date"), x->label);
  put_iso_date (ws, row++, 1, o->meeting_date, x->date);
  cover_line (x, ws, row++, _("Agenda item"), o->agenda_item);
  cover_line (x, ws, row++, _("Title"), o->title);
  cover_line (x, ws, row++, _("Version"), o->version);
  cover_line (x, ws, row++, _("Author"), o->author);
  cover_line (x, ws, row++, _("Lead"), o->lead);
  cover_line (x, ws, row++, _("Financial year"), year);
  worksheet_write_string (ws, row, 0, _("Data exported"), x->label);
  put_now (ws, row++, 1, x->datetime);
  list_sheets (x, ws, row + 1);
  setup_page (ws);
  return TRUE;
}

static gboolean
write_profiles (Export         *x,
                lxw_worksheet  *ws,
                GError        **error)
{
  static const char *titles[] = { "PCN code", "PCN name", "Locality", "Clinical director", "CD WTE",
                                  "PCN manager", "Manager WTE", "Practices", "Population", NULL };
  static const double widths[] = { 10, 34, 18, 24, 8, 24, 9, 10, 12 };
  gint64 practices = 0, population = 0, cd_wte = 0;
  lxw_row_t row = 1;

  put_header_row (x, ws, 0, titles, widths);
  for (guint i = 0; i < x->pcns->len; i++, row++)
    {
      PwPcn *p = g_ptr_array_index (x->pcns, i);

      put_text (ws, row, 0, pw_pcn_get_text (p, PW_PCN_CODE), x->text);
      put_text (ws, row, 1, pw_pcn_get_text (p, PW_PCN_NAME), x->text);
      put_text (ws, row, 2, pw_pcn_get_text (p, PW_PCN_LOCALITY), x->text);
      put_text (ws, row, 3, pw_pcn_get_text (p, PW_PCN_CLINICAL_DIRECTOR), x->text);
      put_wte (ws, row, 4, pw_pcn_get_number (p, PW_PCN_CD_WTE), x->wte);
      put_text (ws, row, 5, pw_pcn_get_text (p, PW_PCN_MANAGER), x->text);
      put_wte (ws, row, 6, pw_pcn_get_number (p, PW_PCN_MANAGER_WTE), x->wte);
      worksheet_write_number (ws, row, 7, pw_pcn_get_number (p, PW_PCN_PRACTICE_COUNT), x->count);
      worksheet_write_number (ws, row, 8, pw_pcn_get_number (p, PW_PCN_POPULATION), x->count);
      practices += pw_pcn_get_number (p, PW_PCN_PRACTICE_COUNT);
      population += pw_pcn_get_number (p, PW_PCN_POPULATION);
      cd_wte += MAX (pw_pcn_get_number (p, PW_PCN_CD_WTE), 0);
    }
  worksheet_write_string (ws, row, 0, "TOTAL", x->total_label);
  for (lxw_col_t c = 1; c < 9; c++)
    worksheet_write_blank (ws, row, c, x->total_label);
  if (row > 1)
    {
      put_sum (ws, row, 4, 1, row - 1, cd_wte / 100.0, x->total_wte);
      put_sum (ws, row, 7, 1, row - 1, practices, x->total_count);
      put_sum (ws, row, 8, 1, row - 1, population, x->total_count);
    }
  setup_print (ws, 0, 2);
  return TRUE;
}

/* The PCN's levels in @levels, or "no score" everywhere. */
static const int *
levels_of (GHashTable *levels,
           PwPcn      *pcn)
{
  static const int none[PW_N_DOMAINS] = { PW_LEVEL_NONE, PW_LEVEL_NONE, PW_LEVEL_NONE, PW_LEVEL_NONE, PW_LEVEL_NONE };
  gint64 id = pw_pcn_get_id (pcn);
  const int *row = levels ? g_hash_table_lookup (levels, &id) : NULL;

  return row ? row : none;
}

/* Up to this many PCN columns a grid is fitted to the page width; more
 * would print too small to read, so a wider grid runs across pages, one
 * page tall, with its first column repeated on each. */
#define MAX_FITTED_PCNS 24

static void
fit_wide_grid (lxw_worksheet *ws,
               guint          n_pcns)
{
  if (n_pcns <= MAX_FITTED_PCNS)
    return;
  worksheet_fit_to_pages (ws, 0, 1);
  worksheet_repeat_columns (ws, 0, 0);
}

/* Row 0 names each locality over its PCNs' columns, from @col on. */
static void
put_locality_band (Export        *x,
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
        worksheet_merge_range (ws, row, col + start, row, col + i - 1, *name ? name : _("No locality"), x->header);
      else
        worksheet_write_string (ws, row, col + start, *name ? name : _("No locality"), x->header);
      start = i;
    }
}

/* "Domain" then one column per PCN: the header of both grids. */
static void
put_pcn_header (Export        *x,
                lxw_worksheet *ws,
                lxw_row_t      row)
{
  worksheet_write_string (ws, row, 0, "Domain", x->header);
  for (guint i = 0; i < x->pcns->len; i++)
    put_text (ws, row, 1 + i, pw_pcn_get_text (g_ptr_array_index (x->pcns, i), PW_PCN_NAME), x->header);
  worksheet_set_row (ws, row, 40, NULL);
}

static lxw_row_t
put_level_grid (Export        *x,
                lxw_worksheet *ws,
                lxw_row_t      row)
{
  for (guint d = 0; d < PW_N_DOMAINS; d++, row++)
    {
      worksheet_write_string (ws, row, 0, pw_domain_name (d), x->row_label);
      for (guint i = 0; i < x->pcns->len; i++)
        {
          int level = levels_of (x->levels, g_ptr_array_index (x->pcns, i))[d];
          worksheet_write_string (ws, row, 1 + i, pw_level_name (level), x->level_formats[pw_level_index (level)]);
        }
      worksheet_set_row (ws, row, 30, NULL);
    }
  return row;
}

static lxw_row_t
put_legend (Export        *x,
            lxw_worksheet *ws,
            lxw_row_t      row)
{
  worksheet_write_string (ws, row++, 0, _("Key"), x->label);
  for (guint i = 0; i < PW_N_LEVELS; i++, row++)
    worksheet_write_string (ws, row, 0, pw_level_name (pw_level_at (i)), x->level_formats[i]);
  return row;
}

/* How many PCNs stand at each level, per domain. */
static lxw_row_t
put_level_counts (Export        *x,
                  lxw_worksheet *ws,
                  lxw_row_t      row)
{
  worksheet_write_string (ws, row, 0, _("Number of PCNs at each level"), x->label);
  row++;
  worksheet_write_string (ws, row, 0, "Domain", x->header);
  for (guint l = 0; l < PW_N_LEVELS; l++)
    worksheet_write_string (ws, row, 1 + l, pw_level_name (pw_level_at (l)), x->level_formats[l]);
  worksheet_write_string (ws, row, 1 + PW_N_LEVELS, "Total", x->header);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      guint counts[PW_N_LEVELS] = { 0 };

      row++;
      for (guint i = 0; i < x->pcns->len; i++)
        counts[pw_level_index (levels_of (x->levels, g_ptr_array_index (x->pcns, i))[d])]++;
      worksheet_write_string (ws, row, 0, pw_domain_name (d), x->text);
      for (guint l = 0; l < PW_N_LEVELS; l++)
        worksheet_write_number (ws, row, 1 + l, counts[l], x->centre);
      worksheet_write_number (ws, row, 1 + PW_N_LEVELS, x->pcns->len, x->centre);
    }
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

/* ↑, ↓ or = against the year before, where both years have a level. */
static lxw_row_t
put_change_grid (Export        *x,
                 lxw_worksheet *ws,
                 lxw_row_t      row)
{
  g_autofree char *prev = pw_format_year (x->options->year - 1);
  g_autofree char *title = g_strdup_printf (_("Change since %s (↑ up, ↓ down, = same; blank where a year has no score)"),
                                            prev);

  worksheet_write_string (ws, row++, 0, title, x->label);
  put_pcn_header (x, ws, row++);
  for (guint d = 0; d < PW_N_DOMAINS; d++, row++)
    {
      worksheet_write_string (ws, row, 0, pw_domain_name (d), x->text);
      for (guint i = 0; i < x->pcns->len; i++)
        {
          PwPcn *pcn = g_ptr_array_index (x->pcns, i);
          worksheet_write_string (ws, row, 1 + i, change_mark (levels_of (x->prev_levels, pcn)[d],
                                                               levels_of (x->levels, pcn)[d]), x->centre);
        }
    }
  return row;
}

static gboolean
write_maturity (Export         *x,
                lxw_worksheet  *ws,
                GError        **error)
{
  lxw_row_t row;

  worksheet_set_column (ws, 0, 0, 34, NULL);
  worksheet_set_column (ws, 1, MAX (x->pcns->len, PW_N_LEVELS + 1), 13, NULL);
  worksheet_write_string (ws, 0, 0, "Locality", x->header);
  put_locality_band (x, ws, 0, 1);
  put_pcn_header (x, ws, 1);
  row = put_level_grid (x, ws, 2);
  row = put_legend (x, ws, row + 1);
  row = put_level_counts (x, ws, row + 1);
  if (has_levels (x->prev_levels))
    put_change_grid (x, ws, row + 1);
  setup_print (ws, 1, 1);
  worksheet_repeat_rows (ws, 0, 1);
  fit_wide_grid (ws, x->pcns->len);
  return TRUE;
}

static gboolean
write_return_status (Export         *x,
                     lxw_worksheet  *ws,
                     GError        **error)
{
  static const char *titles[] = { "PCN code", "PCN name", "Locality", "Status", "Submitted", "Reviewed",
                                  "Reviewer", "Review note", NULL };
  static const double widths[] = { 10, 34, 18, 12, 12, 12, 20, 50 };

  put_header_row (x, ws, 0, titles, widths);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *p = g_ptr_array_index (x->pcns, i);
      gint64 id = pw_pcn_get_id (p);
      PwReturn *ret = g_hash_table_lookup (x->returns, &id);
      lxw_row_t row = i + 1;

      put_text (ws, row, 0, pw_pcn_get_text (p, PW_PCN_CODE), x->text);
      put_text (ws, row, 1, pw_pcn_get_text (p, PW_PCN_NAME), x->text);
      put_text (ws, row, 2, pw_pcn_get_text (p, PW_PCN_LOCALITY), x->text);
      if (ret == NULL)
        {
          worksheet_write_string (ws, row, 3, _("No return"), x->text);
          continue;
        }
      worksheet_write_string (ws, row, 3, pw_return_status_name (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS)), x->text);
      put_iso_date (ws, row, 4, pw_row_get_string (PW_ROW (ret), PW_RETURN_SUBMITTED_AT), x->date);
      put_iso_date (ws, row, 5, pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWED_AT), x->date);
      put_text (ws, row, 6, pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWER), x->text);
      put_text (ws, row, 7, pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEW_NOTE), x->text);
    }
  setup_print (ws, 0, 2);
  return TRUE;
}

/* The id of the PCN's return this year, or 0. */
static gint64
return_of (Export *x,
           PwPcn  *pcn)
{
  gint64 id = pw_pcn_get_id (pcn);
  PwReturn *ret = g_hash_table_lookup (x->returns, &id);

  return ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_ID) : 0;
}

static char *
pcn_heading (PwPcn *pcn)
{
  const char *locality = pw_pcn_get_text (pcn, PW_PCN_LOCALITY);

  return g_strdup_printf ("%s (%s)%s%s", pw_pcn_get_text (pcn, PW_PCN_NAME), pw_pcn_get_text (pcn, PW_PCN_CODE),
                          *locality ? " · " : "", locality);
}

static void
put_sheet_title (Export        *x,
                 lxw_worksheet *ws,
                 const char    *title)
{
  g_autofree char *fy = pw_format_year (x->options->year);
  g_autofree char *text = g_strdup_printf ("%s %s", title, fy);

  worksheet_write_string (ws, 0, 0, text, x->title);
  worksheet_set_row (ws, 0, 22, NULL);
}

/* Four quadrants of this width fill A4 landscape at full scale. */
#define SWOT_WIDTH 36

/* One block per PCN: its name, then the four quadrants side by side. */
static lxw_row_t
put_swot_block (Export         *x,
                lxw_worksheet  *ws,
                lxw_row_t       row,
                PwPcn          *pcn,
                GError        **error)
{
  g_autofree char *heading = pcn_heading (pcn);
  gint64 ret = return_of (x, pcn);
  guint longest = 0;

  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (guint));

  worksheet_merge_range (ws, row, 0, row, 3, heading, x->block_title);
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

          put_text (ws, row + 1 + i, q, text, x->text);
          g_array_index (lines, guint, i) = MAX (g_array_index (lines, guint, i), wrapped_lines (text, SWOT_WIDTH));
        }
      longest = MAX (longest, n);
    }
  for (guint i = 0; i < lines->len; i++)
    fit_row (ws, row + 1 + i, g_array_index (lines, guint, i));
  if (longest == 0)
    worksheet_write_string (ws, row + 1, 0, _("No SWOT analysis in this year’s return"), x->text);
  return row + 1 + MAX (longest, 1) + 1;
}

static gboolean
write_swot (Export         *x,
            lxw_worksheet  *ws,
            GError        **error)
{
  lxw_row_t row = 2;

  put_sheet_title (x, ws, _("SWOT analyses"));
  worksheet_set_column (ws, 0, 3, SWOT_WIDTH, NULL);
  for (guint i = 0; i < x->pcns->len; i++)
    if ((row = put_swot_block (x, ws, row, g_ptr_array_index (x->pcns, i), error)) == 0)
      return FALSE;
  setup_page (ws);
  worksheet_repeat_rows (ws, 0, 0);
  return TRUE;
}

static gboolean
write_achievements (Export         *x,
                    lxw_worksheet  *ws,
                    GError        **error)
{
  static const char *titles[] = { "PCN code", "PCN name", "Locality", "No.", "Achievement", NULL };
  static const double widths[] = { 10, 28, 14, 5, 88 };
  lxw_row_t row = 1;

  put_header_row (x, ws, 0, titles, widths);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      gint64 ret = return_of (x, pcn);
      g_autoptr(GListModel) items = ret ? pw_store_list_items (x->store, ret, PW_LIST_ACHIEVEMENTS, error) : NULL;

      if (ret && items == NULL)
        return FALSE;
      for (guint k = 0; items && k < g_list_model_get_n_items (items); k++, row++)
        {
          g_autoptr(PwItem) item = g_list_model_get_item (items, k);

          put_text (ws, row, 0, pw_pcn_get_text (pcn, PW_PCN_CODE), x->text);
          put_text (ws, row, 1, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
          put_text (ws, row, 2, pw_pcn_get_text (pcn, PW_PCN_LOCALITY), x->text);
          worksheet_write_number (ws, row, 3, k + 1, x->count);
          put_text (ws, row, 4, pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), x->text);
          fit_row (ws, row, wrapped_lines (pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), widths[4]));
        }
    }
  setup_print (ws, 0, 2);
  return TRUE;
}

#define PLAN_WIDTH 17          /* a DES column; eight fill A4 landscape */

/* PCNs × the seven DES specifications: each cell the delivery status. */
static lxw_row_t
put_des_grid (Export         *x,
              lxw_worksheet  *ws,
              lxw_row_t       row,
              GError        **error)
{
  worksheet_write_string (ws, row, 0, "PCN", x->header);
  for (guint spec = 0; spec < PW_N_DES_SPECS; spec++)
    worksheet_write_string (ws, row, 1 + spec, pw_des_name (spec), x->header);
  worksheet_set_row (ws, row, 54, NULL);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      gint64 ret = return_of (x, pcn);
      g_autoptr(GListModel) des = ret ? pw_store_list_des (x->store, ret, error) : NULL;

      if (ret && des == NULL)
        return 0;
      put_text (ws, ++row, 0, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
      for (guint spec = 0; des && spec < PW_N_DES_SPECS; spec++)
        {
          g_autoptr(PwDesPlan) d = g_list_model_get_item (des, spec);
          worksheet_write_string (ws, row, 1 + spec, pw_des_status_name (pw_row_get_int (PW_ROW (d), PW_DES_PLAN_STATUS)),
                                  x->centre);
        }
    }
  return row + 2;
}

/* Every PCN's entries of one kind, one row each, as @columns say. */
static lxw_row_t
put_entries (Export          *x,
             lxw_worksheet   *ws,
             lxw_row_t        row,
             PwEntryKind      kind,
             gint64          *total_pence,
             GError         **error)
{
  static const char *project_titles[] = { "PCN", "Project", "Aim", "Lead", "Due", "Status", NULL };
  static const char *proposal_titles[] = { "PCN", "Support requested", "Deliverable", "Amount", NULL };
  const char **titles = kind == PW_ENTRY_PROJECT ? project_titles : proposal_titles;

  worksheet_write_string (ws, row++, 0, kind == PW_ENTRY_PROJECT ? _("Projects") : _("Development funding proposals"),
                          x->label);
  for (lxw_col_t c = 0; titles[c]; c++)
    worksheet_write_string (ws, row, c, titles[c], x->header);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      gint64 ret = return_of (x, pcn);
      g_autoptr(GListModel) entries = ret ? pw_store_list_entries (x->store, ret, kind, error) : NULL;

      if (ret && entries == NULL)
        return 0;
      for (guint k = 0; entries && k < g_list_model_get_n_items (entries); k++)
        {
          g_autoptr(PwPlanEntry) e = g_list_model_get_item (entries, k);
          PwRow *r = PW_ROW (e);

          put_text (ws, ++row, 0, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
          put_text (ws, row, 1, pw_row_get_string (r, PW_PLAN_ENTRY_TITLE), x->text);
          put_text (ws, row, 2, pw_row_get_string (r, PW_PLAN_ENTRY_DETAIL), x->text);
          fit_row (ws, row, MAX (wrapped_lines (pw_row_get_string (r, PW_PLAN_ENTRY_TITLE), PLAN_WIDTH),
                                 wrapped_lines (pw_row_get_string (r, PW_PLAN_ENTRY_DETAIL), PLAN_WIDTH)));
          if (kind == PW_ENTRY_PROPOSAL)
            {
              worksheet_write_number (ws, row, 3, pw_row_get_int (r, PW_PLAN_ENTRY_AMOUNT) / 100.0, x->money);
              *total_pence += pw_row_get_int (r, PW_PLAN_ENTRY_AMOUNT);
              continue;
            }
          put_text (ws, row, 3, pw_row_get_string (r, PW_PLAN_ENTRY_LEAD), x->text);
          put_text (ws, row, 4, pw_row_get_string (r, PW_PLAN_ENTRY_DUE), x->text);
          worksheet_write_string (ws, row, 5, pw_project_status_name (pw_row_get_int (r, PW_PLAN_ENTRY_STATUS)), x->text);
        }
    }
  return row + 1;
}

static gboolean
write_plans (Export         *x,
             lxw_worksheet  *ws,
             GError        **error)
{
  gint64 total = 0, unused = 0;
  lxw_row_t row, first;

  put_sheet_title (x, ws, _("Plans: DES delivery, projects and development funding"));
  worksheet_set_column (ws, 0, 0, 28, NULL);
  worksheet_set_column (ws, 1, PW_N_DES_SPECS, PLAN_WIDTH, NULL);
  if ((row = put_des_grid (x, ws, 2, error)) == 0 ||
      (row = put_entries (x, ws, row, PW_ENTRY_PROJECT, &unused, error)) == 0)
    return FALSE;
  first = row + 3;   /* after the blank row, the table's label and its header */
  if ((row = put_entries (x, ws, row + 1, PW_ENTRY_PROPOSAL, &total, error)) == 0)
    return FALSE;
  worksheet_write_string (ws, row, 0, "TOTAL", x->total_label);
  worksheet_write_blank (ws, row, 1, x->total_label);
  worksheet_write_blank (ws, row, 2, x->total_label);
  if (row > first)
    put_sum (ws, row, 3, first, row - 1, total / 100.0, x->total_money);
  else
    worksheet_write_number (ws, row, 3, 0, x->total_money);
  setup_page (ws);
  worksheet_repeat_rows (ws, 0, 0);
  return TRUE;
}

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
  gint64 *by_pcn;              /* [role * n_pcns + pcn]: WTE in post */
  gint64 *claimable;           /* per PCN: pence, -1 where no rate is known */
} Arrs;

static void
arrs_clear (Arrs *a)
{
  g_clear_pointer (&a->roles, g_ptr_array_unref);
  g_clear_pointer (&a->index, g_hash_table_unref);
  g_clear_pointer (&a->sums, g_free);
  g_clear_pointer (&a->by_pcn, g_free);
  g_clear_pointer (&a->claimable, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Arrs, arrs_clear)

static gboolean
gather_arrs (Export  *x,
             Arrs    *a,
             GError **error)
{
  guint n = x->pcns->len;
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);

  a->index = g_hash_table_new (g_str_hash, g_str_equal);
  a->roles = g_ptr_array_new_with_free_func (g_free);
  for (guint p = 0; p < n; p++)
    {
      gint64 ret = return_of (x, g_ptr_array_index (x->pcns, p));
      GListModel *wte = ret ? pw_store_list_wte (x->store, ret, error) : G_LIST_MODEL (g_list_store_new (PW_TYPE_ARRS_WTE));

      if (wte == NULL)
        return FALSE;
      g_ptr_array_add (lists, wte);
      for (guint i = 0; i < g_list_model_get_n_items (wte); i++)
        {
          g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);
          const char *role = pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_ROLE);
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
  a->by_pcn = g_new0 (gint64, MAX (a->roles->len * n, 1));
  a->claimable = g_new (gint64, MAX (n, 1));
  for (guint p = 0; p < n; p++)
    {
      GListModel *wte = g_ptr_array_index (lists, p);

      a->claimable[p] = -1;
      for (guint i = 0; i < g_list_model_get_n_items (wte); i++)
        {
          g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);
          PwRow *row = PW_ROW (w);
          guint r = GPOINTER_TO_UINT (g_hash_table_lookup (a->index, pw_row_get_string (row, PW_ARRS_WTE_ROLE))) - 1;
          gint64 rate = pw_store_role_rate (x->store, pw_row_get_int (row, PW_ARRS_WTE_ROLE_ID), x->options->year);

          a->sums[r * 3 + 0] += pw_row_get_int (row, PW_ARRS_WTE_IN_POST);
          a->sums[r * 3 + 1] += pw_row_get_int (row, PW_ARRS_WTE_HEADCOUNT);
          a->sums[r * 3 + 2] += pw_row_get_int (row, PW_ARRS_WTE_PLANNED);
          a->by_pcn[r * n + p] += pw_row_get_int (row, PW_ARRS_WTE_IN_POST);
          if (rate >= 0)
            a->claimable[p] = MAX (a->claimable[p], 0) + (pw_row_get_int (row, PW_ARRS_WTE_IN_POST) * rate + 50) / 100;
        }
    }
  return TRUE;
}

/* Role · WTE in post · headcount · planned WTE, with a TOTAL row; returns
 * the row after it. */
static lxw_row_t
put_role_totals (Export        *x,
                 lxw_worksheet *ws,
                 Arrs          *a,
                 lxw_row_t      row)
{
  static const char *titles[] = { "Role", "WTE in post", "Headcount", "Planned WTE", NULL };
  static const double widths[] = { 36, 13, 13, 13 };
  gint64 totals[3] = { 0 };
  lxw_row_t first = row + 1;

  put_header_row (x, ws, row, titles, widths);
  for (guint r = 0; r < a->roles->len; r++)
    {
      worksheet_write_string (ws, ++row, 0, g_ptr_array_index (a->roles, r), x->text);
      worksheet_write_number (ws, row, 1, a->sums[r * 3 + 0] / 100.0, x->wte);
      worksheet_write_number (ws, row, 2, a->sums[r * 3 + 1], x->count);
      worksheet_write_number (ws, row, 3, a->sums[r * 3 + 2] / 100.0, x->wte);
      for (guint k = 0; k < 3; k++)
        totals[k] += a->sums[r * 3 + k];
    }
  worksheet_write_string (ws, ++row, 0, "TOTAL", x->total_label);
  if (row > first)
    {
      put_sum (ws, row, 1, first, row - 1, totals[0] / 100.0, x->total_wte);
      put_sum (ws, row, 2, first, row - 1, totals[1], x->total_count);
      put_sum (ws, row, 3, first, row - 1, totals[2] / 100.0, x->total_wte);
    }
  return row + 1;
}

static void
put_wte_chart (Export        *x,
               lxw_worksheet *ws,
               const char    *sheet,
               Arrs          *a,
               lxw_row_t      header_row)
{
  lxw_chart *chart = workbook_add_chart (x->workbook, LXW_CHART_BAR);
  lxw_chart_series *now, *planned;
  lxw_chart_options where = { .x_offset = 10, .y_offset = 0, .x_scale = 1.3, .y_scale = 1.4 };

  if (a->roles->len == 0)
    return;
  now = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (now, sheet, header_row + 1, 0, header_row + a->roles->len, 0);
  chart_series_set_values (now, sheet, header_row + 1, 1, header_row + a->roles->len, 1);
  chart_series_set_name (now, "WTE in post");
  planned = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (planned, sheet, header_row + 1, 0, header_row + a->roles->len, 0);
  chart_series_set_values (planned, sheet, header_row + 1, 3, header_row + a->roles->len, 3);
  chart_series_set_name (planned, "Planned WTE");
  chart_title_set_name (chart, "ARRS WTE by role");
  chart_axis_set_name (chart->x_axis, "WTE");
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  worksheet_insert_chart_opt (ws, header_row, 5, chart, &where);
}

/* Roles × PCNs, with totals both ways. */
static lxw_row_t
put_role_breakdown (Export        *x,
                    lxw_worksheet *ws,
                    Arrs          *a,
                    lxw_row_t      row)
{
  guint n = x->pcns->len;
  lxw_row_t first;

  worksheet_write_string (ws, row++, 0, _("WTE in post by role and PCN"), x->label);
  worksheet_write_string (ws, row, 0, "Role", x->header);
  for (guint p = 0; p < n; p++)
    put_text (ws, row, 1 + p, pw_pcn_get_text (g_ptr_array_index (x->pcns, p), PW_PCN_NAME), x->header);
  worksheet_write_string (ws, row, 1 + n, "Total", x->header);
  worksheet_set_row (ws, row, 40, NULL);
  first = row + 1;
  for (guint r = 0; r < a->roles->len; r++)
    {
      char range[64];
      g_autofree char *formula = NULL;

      worksheet_write_string (ws, ++row, 0, g_ptr_array_index (a->roles, r), x->text);
      for (guint p = 0; p < n; p++)
        worksheet_write_number (ws, row, 1 + p, a->by_pcn[r * n + p] / 100.0, x->wte);
      lxw_rowcol_to_range (range, row, 1, row, n);
      formula = g_strdup_printf ("=SUM(%s)", range);
      worksheet_write_formula_num (ws, row, 1 + n, formula, x->wte, a->sums[r * 3 + 0] / 100.0);
    }
  worksheet_write_string (ws, ++row, 0, "TOTAL", x->total_label);
  for (guint p = 0; p <= n && row > first; p++)
    {
      gint64 sum = 0;
      for (guint r = 0; r < a->roles->len; r++)
        sum += p < n ? a->by_pcn[r * n + p] : a->sums[r * 3 + 0];
      put_sum (ws, row, 1 + p, first, row - 1, sum / 100.0, x->total_wte);
    }
  return row + 2;
}

/* Budget against what the WTE in post could claim, where rates are known. */
static lxw_row_t
put_budget_check (Export         *x,
                  lxw_worksheet  *ws,
                  Arrs           *a,
                  lxw_row_t       row,
                  GError        **error)
{
  worksheet_write_string (ws, row++, 0, _("ARRS budget and the most the WTE in post can claim (where the role’s rate is known)"),
                          x->label);
  worksheet_write_string (ws, row, 0, "PCN", x->header);
  worksheet_write_string (ws, row, 1, "ARRS budget", x->header);
  worksheet_write_string (ws, row, 2, "Max claimable", x->header);
  worksheet_write_string (ws, row, 3, "Difference", x->header);
  for (guint p = 0; p < x->pcns->len; p++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, p);
      g_autoptr(GListModel) funding = pw_store_list_funding (x->store, pw_pcn_get_id (pcn), x->options->year, error);
      g_autoptr(PwFunding) arrs = funding ? g_list_model_get_item (funding, PW_STREAM_ARRS) : NULL;
      gint64 budget = arrs ? pw_row_get_int (PW_ROW (arrs), PW_FUNDING_AMOUNT) : 0;

      if (funding == NULL)
        return 0;
      put_text (ws, ++row, 0, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
      worksheet_write_number (ws, row, 1, budget / 100.0, x->money);
      if (a->claimable[p] < 0)
        continue;
      worksheet_write_number (ws, row, 2, a->claimable[p] / 100.0, x->money);
      worksheet_write_number (ws, row, 3, (budget - a->claimable[p]) / 100.0, x->money);
    }
  return row + 1;
}

static gboolean
write_arrs (Export         *x,
            lxw_worksheet  *ws,
            GError        **error)
{
  g_auto(Arrs) a = { 0 };
  lxw_row_t row;

  if (!gather_arrs (x, &a, error))
    return FALSE;
  put_sheet_title (x, ws, _("ARRS workforce"));
  row = put_role_totals (x, ws, &a, 2);
  put_wte_chart (x, ws, "ARRS workforce", &a, 2);
  row = MAX (row + 1, 2 + 22);   /* below the chart */
  row = put_role_breakdown (x, ws, &a, row);
  if (put_budget_check (x, ws, &a, row, error) == 0)
    return FALSE;
  setup_page (ws);
  worksheet_repeat_rows (ws, 0, 0);
  fit_wide_grid (ws, x->pcns->len);
  return TRUE;
}

/* Every stream per PCN, with totals both ways. */
static gboolean
write_funding (Export         *x,
               lxw_worksheet  *ws,
               GError        **error)
{
  g_autofree gint64 *totals = g_new0 (gint64, PW_N_STREAMS + 1);
  lxw_row_t row = 2;

  put_sheet_title (x, ws, _("PCN funding"));
  worksheet_set_column (ws, 0, 0, 30, NULL);
  worksheet_set_column (ws, 1, PW_N_STREAMS + 1, 17, NULL);
  worksheet_write_string (ws, row, 0, "PCN", x->header);
  for (PwFundingStream st = 0; st < PW_N_STREAMS; st++)
    worksheet_write_string (ws, row, 1 + st, pw_stream_name (st), x->header);
  worksheet_write_string (ws, row, 1 + PW_N_STREAMS, "Total", x->header);
  worksheet_set_row (ws, row, 30, NULL);
  for (guint p = 0; p < x->pcns->len; p++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, p);
      g_autoptr(GListModel) funding = pw_store_list_funding (x->store, pw_pcn_get_id (pcn), x->options->year, error);
      gint64 sum = 0;

      if (funding == NULL)
        return FALSE;
      put_text (ws, ++row, 0, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
      for (PwFundingStream st = 0; st < PW_N_STREAMS; st++)
        {
          g_autoptr(PwFunding) f = g_list_model_get_item (funding, st);
          gint64 amount = pw_row_get_int (PW_ROW (f), PW_FUNDING_AMOUNT);

          worksheet_write_number (ws, row, 1 + st, amount / 100.0, x->money);
          sum += amount;
          totals[st] += amount;
        }
      worksheet_write_number (ws, row, 1 + PW_N_STREAMS, sum / 100.0, x->total_money);
      totals[PW_N_STREAMS] += sum;
    }
  worksheet_write_string (ws, ++row, 0, "TOTAL", x->total_label);
  for (guint c = 0; c <= PW_N_STREAMS; c++)
    if (row > 3)
      put_sum (ws, row, 1 + c, 3, row - 1, totals[c] / 100.0, x->total_money);
  setup_print (ws, 2, 1);
  worksheet_repeat_rows (ws, 0, 2);
  return TRUE;
}

static const struct
{
  const char *name;            /* sheet names stay English: formulas and readers cite them */
  SheetWriter write;
} sheets[] = {
  { "Cover", write_cover },
  { "PCN profiles", write_profiles },
  { "Maturity matrix", write_maturity },
  { "Return status", write_return_status },
  { "SWOT", write_swot },
  { "Achievements", write_achievements },
  { "Plans", write_plans },
  { "ARRS workforce", write_arrs },
  { "Funding", write_funding },
};

/* The cover's table of contents: every sheet after the cover. */
static void
list_sheets (Export        *x,
             lxw_worksheet *ws,
             lxw_row_t      row)
{
  worksheet_write_string (ws, row, 0, _("Sheets"), x->label);
  for (guint i = 1; i < G_N_ELEMENTS (sheets); i++)
    worksheet_write_string (ws, row++, 1, sheets[i].name, x->text);
}

/* ------------------------------------------------------------------ */
/* The workbook                                                        */

static int
compare_pcns (gconstpointer a,
              gconstpointer b)
{
  return pw_pcn_compare (*(PwPcn **) a, *(PwPcn **) b);
}

static GPtrArray *
sorted_pcns (PwStore *store, int year)
{
  g_autoptr(GListModel) model = pw_store_list_pcns (store, year);
  GPtrArray *pcns = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (pcns, g_list_model_get_item (model, i));
  g_ptr_array_sort (pcns, compare_pcns);
  return pcns;
}

static gboolean
write_workbook (Export          *x,
                const char      *tmp,
                PwProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  lxw_workbook_options wopts = { .constant_memory = LXW_FALSE };
  lxw_doc_properties props = { .title = (char *) "PCN returns: committee appendix",
                               .author = x->options->author, .company = (char *) "OFFICIAL" };
  lxw_error rc;

  x->workbook = workbook_new_opt (tmp, &wopts);
  if (x->workbook == NULL)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write “%s”"), tmp);
      return FALSE;
    }
  workbook_set_properties (x->workbook, &props);
  make_formats (x);
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      lxw_worksheet *ws = workbook_add_worksheet (x->workbook, sheets[i].name);

      if (g_cancellable_set_error_if_cancelled (cancellable, error) || !sheets[i].write (x, ws, error))
        {
          workbook_close (x->workbook);
          return FALSE;
        }
      if (progress != NULL)
        progress ((i + 1.0) / (G_N_ELEMENTS (sheets) + 1), progress_data);
    }
  rc = workbook_close (x->workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write the workbook: %s"),
                   lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
}

/* Reads everything the sheets show, before any file is touched. */
static gboolean
gather (Export  *x,
        GError **error)
{
  g_autoptr(GListModel) returns = NULL;

  x->pcns = sorted_pcns (x->store, x->options->year);
  x->returns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  if ((x->levels = pw_store_maturity_levels (x->store, x->options->year, error)) == NULL ||
      (x->prev_levels = pw_store_maturity_levels (x->store, x->options->year - 1, error)) == NULL ||
      (returns = pw_store_list_returns (x->store, x->options->year, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (returns); i++)
    {
      PwReturn *ret = g_list_model_get_item (returns, i);
      gint64 pcn_id = pw_row_get_int (PW_ROW (ret), PW_RETURN_PCN_ID);

      g_hash_table_insert (x->returns, g_memdup2 (&pcn_id, sizeof pcn_id), ret);
    }
  return TRUE;
}

static void
export_clear (Export *x)
{
  g_clear_pointer (&x->pcns, g_ptr_array_unref);
  g_clear_pointer (&x->levels, g_hash_table_unref);
  g_clear_pointer (&x->prev_levels, g_hash_table_unref);
  g_clear_pointer (&x->returns, g_hash_table_unref);
}

/* A new, empty file beside @path, so the final rename stays on one disk. */
static char *
make_temp_beside (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp_full (tmpl, O_RDWR, 0644);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write in the folder “%s”: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

gboolean
pw_export_appendix (PwStore                *store,
                    const PwExportOptions  *options,
                    const char             *path,
                    PwProgressFunc          progress,
                    gpointer                progress_data,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autofree char *tmp = NULL;
  Export x = { store, options };
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (options->year < PW_YEAR_MIN || options->year > PW_YEAR_MAX)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID, _("Choose a financial year to export"));
      return FALSE;
    }
  if (!gather (&x, error) || (tmp = make_temp_beside (path, error)) == NULL)
    {
      export_clear (&x);
      return FALSE;
    }
  ok = write_workbook (&x, tmp, progress, progress_data, cancellable, error);
  export_clear (&x);
  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot save “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

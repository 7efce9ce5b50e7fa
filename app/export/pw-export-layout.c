/* pw-export-layout.c — what every sheet of the appendix shares: formats,
 * cells, row heights, titles and the A4 print set-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "pw-export-private.h"

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

void
pw_export_make_formats (PwExport *x)
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

/* Sets the export's first failure; later ones are dropped, so the message
 * names the first bad value. */
static void
fail (PwExport   *x,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
fail (PwExport   *x,
      const char *format,
      ...)
{
  va_list args;

  if (x->failure != NULL)
    return;
  va_start (args, format);
  x->failure = g_error_new_valist (PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID, format, args);
  va_end (args);
}

/* XML 1.0, which xlsx is made of, forbids the C0 controls except tab, line
 * feed and carriage return, and U+FFFE and U+FFFF: one of them in a cell
 * makes a file that no spreadsheet opens. */
static gboolean
xml_allows (gunichar c)
{
  return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != 0xFFFE && c != 0xFFFF;
}

/* @text as valid UTF-8 without the characters XML forbids (invisible
 * controls a paste brought in, so nothing a reader could miss), and its
 * length as a spreadsheet counts it, in UTF-16 units. */
static char *
clean_text (const char *text,
            gsize      *units)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  *units = 0;
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!xml_allows (c))
        continue;
      g_string_append_unichar (out, c);
      *units += c > 0xFFFF ? 2 : 1;
    }
  return g_string_free (out, FALSE);
}

/* User text is always a string cell, so it never becomes a formula.  Text
 * longer than a cell holds is refused, not cut: a committee paper must not
 * end a sentence where the file format did. */
void
pw_cell_text (PwExport      *x,
              lxw_worksheet *ws,
              lxw_row_t      row,
              lxw_col_t      col,
              const char    *text,
              lxw_format    *format)
{
  g_autofree char *clean = NULL;
  gsize units;

  if (text == NULL || *text == '\0')
    return;
  clean = clean_text (text, &units);
  if (units > PW_MAX_CELL_CHARS)
    {
      char cell[LXW_MAX_CELL_NAME_LENGTH];
      g_autofree char *start = g_utf8_substring (clean, 0, 40);

      lxw_rowcol_to_cell (cell, row, col);
      fail (x, _("Sheet “%s”, cell %s: a text of %" G_GSIZE_FORMAT " characters is longer than the %d a "
                 "spreadsheet cell holds (it begins “%s…”). Shorten it in the return, then export again."),
            x->sheet, cell, units, PW_MAX_CELL_CHARS, start);
      return;
    }
  worksheet_write_string (ws, row, col, clean, format);
}

/* User text over merged cells. */
void
pw_cell_merged_text (PwExport      *x,
                     lxw_worksheet *ws,
                     lxw_row_t      row,
                     lxw_col_t      first,
                     lxw_col_t      last,
                     const char    *text,
                     lxw_format    *format)
{
  worksheet_merge_range (ws, row, first, row, last, "", format);
  pw_cell_text (x, ws, row, first, text, format);
}

/* Fails the export: a figure for @what does not fit in 64 bits. */
void
pw_export_overflow (PwExport   *x,
                    const char *what)
{
  fail (x, _("Sheet “%s”: the %s is too large to work out. Check the figures entered for %s."),
        x->sheet, what, x->year_name);
}

/* *@sum += @value, unless that overflows: then the sum stays and the export
 * fails naming @what, rather than print a wrapped-around total. */
void
pw_export_add (PwExport   *x,
               gint64     *sum,
               gint64      value,
               const char *what)
{
  if ((value > 0 && *sum > G_MAXINT64 - value) || (value < 0 && *sum < G_MININT64 - value))
    pw_export_overflow (x, what);
  else
    *sum += value;
}

/* How many lines @text takes wrapped in a column @width characters wide;
 * Arial 10 fits about 1.1 characters per unit of column width. */
guint
pw_wrapped_lines (const char *text,
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
void
pw_sheet_fit_row (lxw_worksheet *ws,
                  lxw_row_t      row,
                  guint          lines)
{
  if (lines > 1)
    worksheet_set_row (ws, row, MIN (409.0, 12.75 * lines + 2), NULL);
}

/* Hundredths as a number cell; -1 ("not given") leaves the cell empty. */
void
pw_cell_wte (lxw_worksheet *ws,
             lxw_row_t      row,
             lxw_col_t      col,
             gint64         hundredths,
             lxw_format    *format)
{
  if (hundredths >= 0)
    worksheet_write_number (ws, row, col, hundredths / 100.0, format);
}

/* An ISO date ("2021-11-25") as a date cell; anything else is left out. */
void
pw_cell_date (lxw_worksheet *ws,
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

void
pw_cell_now (lxw_worksheet *ws,
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
void
pw_cell_sum (lxw_worksheet *ws,
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

void
pw_sheet_header_row (PwExport      *x,
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

void
pw_sheet_setup_page (lxw_worksheet *ws)
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
void
pw_sheet_setup_print (lxw_worksheet *ws,
                      lxw_row_t      header_row,
                      lxw_col_t      frozen_cols)
{
  pw_sheet_setup_page (ws);
  worksheet_repeat_rows (ws, header_row, header_row);
  worksheet_freeze_panes (ws, header_row + 1, frozen_cols);
}


/* The PCN's levels in @levels, or "no score" everywhere. */
const int *
pw_export_levels_of (GHashTable *levels,
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

void
pw_sheet_fit_wide_grid (lxw_worksheet *ws,
                        guint          n_pcns)
{
  if (n_pcns <= MAX_FITTED_PCNS)
    return;
  worksheet_fit_to_pages (ws, 0, 1);
  worksheet_repeat_columns (ws, 0, 0);
}

/* The id of the PCN's return this year, or 0. */
gint64
pw_export_return_of (PwExport *x,
                     PwPcn  *pcn)
{
  gint64 id = pw_pcn_get_id (pcn);
  PwReturn *ret = g_hash_table_lookup (x->returns, &id);

  return ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_ID) : 0;
}

char *
pw_export_pcn_heading (PwPcn *pcn)
{
  const char *locality = pw_pcn_get_text (pcn, PW_PCN_LOCALITY);

  return g_strdup_printf ("%s (%s)%s%s", pw_pcn_get_text (pcn, PW_PCN_NAME), pw_pcn_get_text (pcn, PW_PCN_CODE),
                          *locality ? " · " : "", locality);
}

void
pw_sheet_title (PwExport      *x,
                lxw_worksheet *ws,
                const char    *title)
{
  g_autofree char *fy = pw_format_year (x->options->year);
  g_autofree char *text = g_strdup_printf ("%s %s", title, fy);

  worksheet_write_string (ws, 0, 0, text, x->title);
  worksheet_set_row (ws, 0, 22, NULL);
}

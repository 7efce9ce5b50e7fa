/* pw-export-cells.c — how values go into the appendix's cells: user text
 * checked at the edge (valid UTF-8, nothing XML forbids, nothing longer
 * than a cell holds), numbers with their formats, totals as formulas with
 * exact cached values, and sums that fail the export rather than overflow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "pw-export-private.h"

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

/* @text (nullable) cleaned as cell text is, for what is written outside
 * the cells: the file's properties (an author pasted with a control
 * character in it made a file no spreadsheet opened). */
char *
pw_export_clean_text (const char *text)
{
  gsize units;

  return text != NULL ? clean_text (text, &units) : NULL;
}

/* TRUE if @text is clean as it is (valid UTF-8, nothing XML forbids), with
 * its length in UTF-16 units: nearly every text, checked without a copy. */
static gboolean
already_clean (const char *text,
               gsize      *units)
{
  const guchar *p = (const guchar *) text;

  /* ASCII, most texts whole: one pass, no separate validation */
  for (*units = 0; *p < 0x80; p++, (*units)++)
    {
      if (*p == '\0')
        return TRUE;
      if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        return FALSE;
    }
  if (!g_utf8_validate ((const char *) p, -1, NULL))
    return FALSE;
  for (; *p; p++)
    {
      if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        return FALSE;
      if (*p == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))   /* U+FFFE, U+FFFF */
        return FALSE;
      if ((*p & 0xC0) != 0x80)     /* a character starts: one unit, two from four bytes */
        *units += *p >= 0xF0 ? 2 : 1;
    }
  return TRUE;
}

/* User text is always a string cell, so it never becomes a formula.  Text
 * longer than a cell holds is refused, not cut: a committee paper must not
 * end a sentence where the file format did.  The cell spans columns
 * @first to @last (merged by the caller). */
static void
write_text (PwExport      *x,
            lxw_worksheet *ws,
            lxw_row_t      row,
            lxw_col_t      first,
            lxw_col_t      last,
            const char    *text,
            lxw_format    *format)
{
  g_autofree char *copy = NULL;
  const char *clean = text;
  gsize units;

  if (text == NULL || *text == '\0')
    return;
  if (!already_clean (text, &units))
    clean = copy = clean_text (text, &units);
  if (units > PW_MAX_CELL_CHARS)
    {
      char cell[LXW_MAX_CELL_NAME_LENGTH];
      g_autofree char *start = g_utf8_substring (clean, 0, 40);

      lxw_rowcol_to_cell (cell, row, first);
      fail (x, _("Sheet “%s”, cell %s: a text of %" G_GSIZE_FORMAT " characters is longer than the %d a "
                 "spreadsheet cell holds (it begins “%s…”). Shorten it in the return, then export again."),
            x->sheet, cell, units, PW_MAX_CELL_CHARS, start);
      return;
    }
  pw_put_string (x, ws, row, first, clean, format);
  pw_sheet_note_height (x, ws, row, first, last, clean, format);
}

void
pw_cell_text (PwExport      *x,
              lxw_worksheet *ws,
              lxw_row_t      row,
              lxw_col_t      col,
              const char    *text,
              lxw_format    *format)
{
  write_text (x, ws, row, col, col, text, format);
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
  if (last > first)           /* a range of one cell is not merged */
    pw_put_merge (x, ws, row, first, row, last, "", format);
  write_text (x, ws, row, first, last, text, format);
}

/* Fails the export: libxlsxwriter refused to write at @row, @col (see
 * pw_export_check ()). */
void
pw_export_refused (PwExport  *x,
                   lxw_error  rc,
                   lxw_row_t  row,
                   lxw_col_t  col)
{
  char cell[LXW_MAX_CELL_NAME_LENGTH];

  lxw_rowcol_to_cell (cell, row, col);
  fail (x, _("Sheet “%s”, cell %s could not be written: %s The export was stopped rather than leave it out."),
        x->sheet, cell, lxw_strerror (rc));
}

/* Fails the export: a figure for @what does not fit in 64 bits.  @what is
 * untranslated (N_ ()), translated here: a total is added to for every
 * cell, and a translation looked up each time was a twentieth of the
 * export's time. */
void
pw_export_overflow (PwExport   *x,
                    const char *what)
{
  fail (x, _("Sheet “%s”: the %s is too large to work out. Check the figures entered for %s."),
        x->sheet, _(what), x->year_name);
}

/* *@sum += @value, unless that overflows: then the sum stays and the export
 * fails naming @what (untranslated: see pw_export_overflow ()), rather than
 * print a wrapped-around total. */
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

/* Hundredths as a number cell; -1 ("not given") leaves the cell empty. */
void
pw_cell_wte (PwExport      *x,
             lxw_worksheet *ws,
             lxw_row_t      row,
             lxw_col_t      col,
             gint64         hundredths,
             lxw_format    *format)
{
  if (hundredths >= 0)
    pw_put_number (x, ws, row, col, hundredths / 100.0, format);
}

/* An ISO date ("2021-11-25") as a date cell; anything else is left out. */
void
pw_cell_date (PwExport      *x,
              lxw_worksheet *ws,
              lxw_row_t      row,
              lxw_col_t      col,
              const char    *iso,
              lxw_format    *format)
{
  lxw_datetime dt = { 0 };

  if (iso != NULL && sscanf (iso, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) == 3 &&
      g_date_valid_dmy (dt.day, dt.month, dt.year))
    pw_put_datetime (x, ws, row, col, &dt, format);
}

void
pw_cell_now (PwExport      *x,
             lxw_worksheet *ws,
             lxw_row_t      row,
             lxw_col_t      col,
             lxw_format    *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  lxw_datetime dt = {
    g_date_time_get_year (now), g_date_time_get_month (now), g_date_time_get_day_of_month (now),
    g_date_time_get_hour (now), g_date_time_get_minute (now), 0,
  };

  pw_put_datetime (x, ws, row, col, &dt, format);
}

/* A column total: a live formula whose cached value is the exact integer
 * sum, so a reader that does not recalculate still shows the right figure. */
void
pw_cell_sum (PwExport      *x,
             lxw_worksheet *ws,
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
  pw_put_formula_num (x, ws, row, col, formula, format, value);
}

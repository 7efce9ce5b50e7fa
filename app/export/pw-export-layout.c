/* pw-export-layout.c — what every sheet of the appendix shares: formats,
 * column widths, row heights, titles and the A4 print set-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
  /* Right-aligned where the amounts are, and grey italic: no figure. */
  x->missing = new_format (x->workbook, FALSE, NULL);
  x->total_missing = new_format (x->workbook, TRUE, NULL);
  format_set_top (x->total_missing, LXW_BORDER_THIN);
  for (guint i = 0; i < 2; i++)
    {
      lxw_format *f = i ? x->total_missing : x->missing;

      format_set_align (f, LXW_ALIGN_RIGHT);
      format_set_italic (f);
      format_set_font_color (f, 0x595959);
    }
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

/* The width of column @col in pixels, as Excel draws it: widths are in
 * units of the default font's "0" (Calibri 11: 7 pixels, plus 5 of
 * padding).  The narrower of Excel's and LibreOffice's, so text is taken
 * to wrap sooner. */
static double
column_pixels (PwExport  *x,
               lxw_col_t  col)
{
  double width = col < x->widths->len ? g_array_index (x->widths, double, col) : 0;

  if (width <= 0)
    width = LXW_DEF_COL_WIDTH;
  return width < 1 ? width * 12 : (int) (width * 7 + 0.5) + 5;
}

/* Columns @first to @last @width wide; the width is kept for the row
 * heights and the print scale. */
void
pw_sheet_column (PwExport      *x,
                 lxw_worksheet *ws,
                 lxw_col_t      first,
                 lxw_col_t      last,
                 double         width)
{
  if (x->widths->len <= last)
    g_array_set_size (x->widths, last + 1);
  for (lxw_col_t c = first; c <= last; c++)
    g_array_index (x->widths, double, c) = width;
  worksheet_set_column (ws, first, last, width, NULL);
}

/* How many lines @text takes in a cell @pixels wide at @points, counting
 * each explicit line apart.  Conservative, as nothing refits a row on
 * opening: an average character is taken as 0.55 em (0.6 in bold), a
 * little wider than Arial's, and 4 pixels go to the cell's padding. */
static guint
wrapped_lines (const char *text,
               double      pixels,
               double      points,
               gboolean    bold)
{
  double char_pixels = points * 4 / 3 * (bold ? 0.6 : 0.55);
  gsize per_line = MAX (1, (gsize) ((pixels - 4) / char_pixels));
  guint lines = 0;

  for (const char *line = text; line != NULL; )
    {
      const char *end = strchr (line, '\n');
      gsize chars = end ? g_utf8_strlen (line, end - line) : g_utf8_strlen (line, -1);

      lines += MAX (1, (chars + per_line - 1) / per_line);
      line = end ? end + 1 : NULL;
    }
  return lines;
}

/* The points @text needs in a row, across columns @first to @last. */
double
pw_sheet_text_points (PwExport   *x,
                      lxw_col_t   first,
                      lxw_col_t   last,
                      const char *text,
                      lxw_format *format)
{
  double points = format && format->font_size > 0 ? format->font_size : 11;
  double pixels = 0;
  guint lines = 1;

  if (format && format->text_wrap)
    {
      for (lxw_col_t c = first; c <= last; c++)
        pixels += column_pixels (x, c);
      lines = wrapped_lines (text, pixels, points, format->bold);
    }
  return MIN (409.0, lines * points * 1.3 + 3);
}

/* A row nobody set a height for: Calibri 11's, the tallest a reader uses. */
#define DEFAULT_ROW_POINTS PW_ROW_POINTS

/* A row of the sheet being written: the height the sheet set for it and
 * the points its text needs, 0 for none. */
typedef struct
{
  double set, text;
} RowHeight;

GArray *
pw_sheet_heights_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (RowHeight));
}

static RowHeight *
row_height (PwExport  *x,
            lxw_row_t  row)
{
  if (x->row_heights->len <= row)
    g_array_set_size (x->row_heights, row + 1);
  return &g_array_index (x->row_heights, RowHeight, row);
}

/* Neither Excel nor LibreOffice refits a row that libxlsxwriter wrote, so
 * a row is written as tall as its text needs (up to Excel's limit of 409
 * points) or as the sheet set it, whichever is taller.  It is set as each
 * cell is written, not once the sheet is: a streamed sheet
 * (constant_memory) cannot go back to a row. */
static void
apply_height (PwExport      *x,
              lxw_worksheet *ws,
              lxw_row_t      row,
              RowHeight     *h)
{
  double text = h->text > DEFAULT_ROW_POINTS ? h->text : 0;

  if (h->set > 0 || text > 0)
    pw_put_row (x, ws, row, MAX (h->set, text));
}

/* Row @row @points tall, or taller where its text needs it. */
void
pw_sheet_set_row (PwExport      *x,
                  lxw_worksheet *ws,
                  lxw_row_t      row,
                  double         points)
{
  RowHeight *h = row_height (x, row);

  h->set = points;
  apply_height (x, ws, row, h);
}

/* @text went into @row across columns @first to @last: the row grows to
 * fit it. */
void
pw_sheet_note_height (PwExport      *x,
                      lxw_worksheet *ws,
                      lxw_row_t      row,
                      lxw_col_t      first,
                      lxw_col_t      last,
                      const char    *text,
                      lxw_format    *format)
{
  double needed = pw_sheet_text_points (x, first, last, text, format);
  RowHeight *h = row_height (x, row);

  if (needed <= h->text)
    return;
  h->text = needed;
  if (needed > DEFAULT_ROW_POINTS && needed > h->set)
    apply_height (x, ws, row, h);
}

/* The sheet is written: the next starts with no rows. */
void
pw_sheet_end_rows (PwExport *x)
{
  g_array_set_size (x->row_heights, 0);
}

void
pw_sheet_header_row (PwExport      *x,
                     lxw_worksheet *ws,
                     lxw_row_t      row,
                     const char   **titles,
                     const double  *widths)
{
  pw_sheet_set_row (x, ws, row, 27);         /* room for two wrapped lines */
  for (lxw_col_t c = 0; titles[c] != NULL; c++)
    pw_sheet_column (x, ws, c, c, widths[c]);
  for (lxw_col_t c = 0; titles[c] != NULL; c++)
    pw_cell_text (x, ws, row, c, titles[c], x->header);
}

/* A4 landscape between half-inch margins, in points. */
#define PRINTABLE_WIDTH (841.9 - 72)
/* Text is 10 pt: printed at 80 % or more it stays at 8 pt or larger. */
#define MIN_SCALE 80
/* The marking's size on paper, whatever the scale. */
#define MARKING_POINTS 11
/* A4 landscape between the top and bottom margins of 0.75", in points. */
#define PRINTABLE_HEIGHT (595.3 - 108)

/* The sheet's printed width at full scale.  LibreOffice draws a column
 * about 6 % wider than Excel does (Carlito's "0" against Calibri's), so
 * the wider is taken: a sheet measured to fit must fit in both. */
static double
sheet_points (PwExport      *x,
              lxw_worksheet *ws)
{
  double pixels = 0;

  /* Columns set aside for a table not yet written count too. */
  for (lxw_col_t c = 0; c <= MAX (ws->dim_colmax, x->widths->len ? x->widths->len - 1 : 0); c++)
    pixels += column_pixels (x, c);
  return pixels * 1.07 * 0.75;
}

/* How many columns @width wide fit on one A4 landscape page beside a
 * label column @label wide, at the smallest scale allowed (MIN_SCALE, so
 * 10 pt text prints at 8 pt or more).  A grid with more PCNs than this
 * turns them into rows (the README's appendix paragraph states the rule). */
guint
pw_sheet_columns_fit (double label,
                      double width)
{
  double room = PRINTABLE_WIDTH * 0.98 * 100 / MIN_SCALE / (1.07 * 0.75);   /* in Excel's pixels */
  double label_px = (int) (label * 7 + 0.5) + 5, column_px = (int) (width * 7 + 0.5) + 5;

  return room > label_px ? (guint) ((room - label_px) / column_px) : 0;
}

/* Every sheet prints on A4 landscape at the largest scale that fits its
 * width on the page, but never below MIN_SCALE: a wider sheet runs across
 * pages instead, its first @label_cols columns repeated on each.  The
 * header's and footer's sizes are set against the scale (libxlsxwriter
 * cannot say scaleWithDoc="0"), so the marking prints at one size on every
 * sheet. */
static int
print_scale (PwExport      *x,
             lxw_worksheet *ws)
{
  return CLAMP ((int) (100 * PRINTABLE_WIDTH * 0.98 / MAX (sheet_points (x, ws), 1)), MIN_SCALE, 100);
}

/* A row's printed height at full scale, as far as it is known yet. */
static double
row_points (PwExport  *x,
            lxw_row_t  row)
{
  RowHeight *h = row < x->row_heights->len ? &g_array_index (x->row_heights, RowHeight, row) : NULL;
  double points = h && h->set > 0 ? h->set : DEFAULT_ROW_POINTS;

  return MAX (points, h ? h->text : 0);
}

/* What one page holds below the print titles, @repeated points tall, at
 * full scale; a little is kept back, as LibreOffice's rows run a little
 * taller than Excel's. */
static double
page_points (PwExport      *x,
             lxw_worksheet *ws,
             double         repeated)
{
  return PRINTABLE_HEIGHT * 100 / print_scale (x, ws) * 0.97 - repeated;
}

/* Counts the rows from the first not yet counted to @row (excluded) into
 * the page in progress. */
static void
count_rows_to (PwExport  *x,
               lxw_row_t  row,
               double     page)
{
  for (lxw_row_t r = x->page_row; r < row; r++)
    {
      double points = row_points (x, r);

      x->page_used += points;
      if (x->page_used > page)       /* a break LibreOffice makes by itself */
        x->page_used = points;
    }
  x->page_row = MAX (x->page_row, row);
}

/* Columns up to @last are the sheet's, though a table written later
 * fills them: the print scale, and so a page's length, is known before. */
void
pw_sheet_reserve_columns (PwExport  *x,
                          lxw_col_t  last)
{
  if (x->widths->len <= last)
    g_array_set_size (x->widths, last + 1);
}

/* Writes @t's heading at @row, continued or not, and returns the row
 * after it. */
static lxw_row_t
put_heading (PwExport      *x,
             lxw_worksheet *ws,
             PwTable       *t,
             lxw_row_t      row,
             gboolean       continued)
{
  return t->heading (x, ws, row, continued, t->data) + 1;
}

/* A table starts at @row, its data rows (and a TOTAL row) @body points
 * tall as far as the caller can tell before writing them: its label and
 * heading are written, and the whole starts on the next page if it would
 * fit on a page of its own but not on what is left of this one (rows that
 * turn out taller break with the heading written again); a table longer
 * than a page starts here if its heading and two rows fit.  Returns the
 * first data row. */
lxw_row_t
pw_table_begin (PwExport      *x,
                lxw_worksheet *ws,
                PwTable       *t,
                double         repeated,
                lxw_row_t      row,
                double         body)
{
  double page = page_points (x, ws, repeated), heading = 0, table;
  lxw_row_t first = put_heading (x, ws, t, row, FALSE);

  count_rows_to (x, row, page);
  for (lxw_row_t r = row; r < first; r++)
    heading += row_points (x, r);
  table = heading + body <= page ? heading + body : heading + 2 * DEFAULT_ROW_POINTS;
  if (x->page_used > 0 && x->page_used + table > page && row > 0)
    {
      g_array_append_val (x->page_breaks, row);
      x->page_used = 0;
    }
  t->segments = g_array_new (FALSE, FALSE, sizeof (lxw_row_t));
  g_array_append_val (t->segments, first);
  count_rows_to (x, first, page);
  return first;
}

/* Where the next data row of @t goes, @points tall, @row if it fits on
 * the page: otherwise the page breaks at @row, the heading is written
 * again under a "(continued)" label and the row goes after it. */
lxw_row_t
pw_table_row (PwExport      *x,
              lxw_worksheet *ws,
              PwTable       *t,
              double         repeated,
              lxw_row_t      row,
              double         points)
{
  double page = page_points (x, ws, repeated);
  lxw_row_t first;

  count_rows_to (x, row, page);
  if (x->page_used + MAX (points, DEFAULT_ROW_POINTS) <= page || x->page_used == 0)
    return row;
  g_array_append_val (t->segments, row);        /* the run before ends at row - 1 */
  g_array_append_val (x->page_breaks, row);
  x->page_used = 0;
  first = put_heading (x, ws, t, row, TRUE);
  g_array_append_val (t->segments, first);
  count_rows_to (x, first, page);
  return first;
}

/* @t's data rows end before @end; the rows after are counted as a block
 * (a TOTAL row, a note) kept with them. */
void
pw_table_end (PwTable   *t,
              lxw_row_t  end)
{
  g_array_append_val (t->segments, end);
}

void
pw_table_clear (PwTable *t)
{
  g_clear_pointer (&t->segments, g_array_unref);
}

/* "=SUM(...)" of column @col over @t's data rows, the headings written
 * again between them left out. */
char *
pw_table_sum_formula (PwTable   *t,
                      lxw_col_t  first_col,
                      lxw_col_t  last_col)
{
  GString *formula = g_string_new ("=SUM(");

  for (guint i = 0; i + 1 < t->segments->len; i += 2)
    {
      lxw_row_t first = g_array_index (t->segments, lxw_row_t, i);
      lxw_row_t last = g_array_index (t->segments, lxw_row_t, i + 1);
      char range[64];

      if (last <= first)
        continue;
      lxw_rowcol_to_range (range, first, first_col, last - 1, last_col);
      g_string_append_printf (formula, "%s%s", formula->len > 5 ? "," : "", range);
    }
  g_string_append_c (formula, ')');
  return g_string_free (formula, FALSE);
}

/* A sum of @t's data rows in column @col, with @value cached; @value
 * itself where the table has no rows. */
void
pw_table_sum (PwExport      *x,
              PwTable       *t,
              lxw_worksheet *ws,
              lxw_row_t      row,
              lxw_col_t      col,
              double         value,
              lxw_format    *format)
{
  g_autofree char *formula = pw_table_sum_formula (t, col, col);

  if (strcmp (formula, "=SUM()") == 0)
    pw_put_number (x, ws, row, col, value, format);
  else
    pw_put_formula_num (x, ws, row, col, formula, format, value);
}

/* Rows @first to @last make a block (a PCN's SWOT, a table) that should not
 * be split: if it does not fit on what is left of the page, it starts on
 * the next one.  Blocks are given in order, after the sheet's columns are
 * set; @repeated is the height of the rows printed at the top of every
 * page.  A block taller than a page still breaks where it must. */
void
pw_sheet_keep_together (PwExport      *x,
                        lxw_worksheet *ws,
                        double         repeated,
                        lxw_row_t      first,
                        lxw_row_t      last)
{
  double page = page_points (x, ws, repeated), block = 0;

  count_rows_to (x, first, page);
  for (lxw_row_t r = first; r <= last; r++)
    block += row_points (x, r);
  if (x->page_used + block > page && first > 0 && x->page_used > 0)
    {
      g_array_append_val (x->page_breaks, first);
      x->page_used = 0;
    }
  x->page_used += block;
  if (x->page_used > page)
    x->page_used -= page * (int) (x->page_used / page);
  x->page_row = last + 1;
}

void
pw_sheet_setup_page (PwExport      *x,
                     lxw_worksheet *ws,
                     lxw_col_t      label_cols)
{
  lxw_header_footer_options margins = { .margin = 0.3 };
  double wide = sheet_points (x, ws);
  int scale = print_scale (x, ws);
  int marking = (MARKING_POINTS * 100 + scale / 2) / scale, footing = (10 * 100 + scale / 2) / scale;
  g_autofree char *header = g_strdup_printf ("&C&\"Arial,Bold\"&%dOFFICIAL", marking);
  g_autofree char *footer = g_strdup_printf ("&L&%d&A&R&%dPage &P of &N", footing, footing);

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);               /* A4 */
  worksheet_set_print_scale (ws, scale);
  if (wide * scale / 100 > PRINTABLE_WIDTH && label_cols > 0)
    worksheet_repeat_columns (ws, 0, label_cols - 1);
  worksheet_set_margins (ws, 0.5, 0.5, 0.75, 0.75);
  worksheet_set_header_opt (ws, header, &margins);
  worksheet_set_footer_opt (ws, footer, &margins);
  if (x->page_breaks->len > 0)
    {
      lxw_row_t end = 0;

      g_array_append_val (x->page_breaks, end);
      worksheet_set_h_pagebreaks (ws, (lxw_row_t *) (gpointer) x->page_breaks->data);
      /* libxlsxwriter may keep the pointer until the workbook closes. */
      g_ptr_array_add (x->kept, g_steal_pointer (&x->page_breaks));
      x->page_breaks = g_array_new (FALSE, FALSE, sizeof (lxw_row_t));
    }
}

/* A table sheet: the title and the column headings (rows 0 to @heading)
 * repeat on every page and stay in view, as do its @label_cols first
 * columns. */
void
pw_sheet_setup_print (PwExport      *x,
                      lxw_worksheet *ws,
                      lxw_row_t      heading,
                      lxw_col_t      label_cols)
{
  pw_sheet_setup_page (x, ws, label_cols);
  worksheet_repeat_rows (ws, 0, heading);
  worksheet_freeze_panes (ws, heading + 1, label_cols);
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

/* The PCN's return this year, or NULL. */
PwReturn *
pw_export_return_in (PwExport *x,
                     PwPcn    *pcn)
{
  gint64 id = pw_pcn_get_id (pcn);

  return g_hash_table_lookup (x->returns, &id);
}

/* The id of the PCN's return this year, or 0. */
gint64
pw_export_return_of (PwExport *x,
                     PwPcn    *pcn)
{
  PwReturn *ret = pw_export_return_in (x, pcn);

  return ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_ID) : 0;
}

/* A level's name, @marked as not yet reviewed or not: made once per
 * export, as a grid asks for one per cell. */
static const char *
level_name (PwExport *x,
            int       level,
            gboolean  marked)
{
  char **text = &x->level_texts[marked ? 1 : 0][pw_level_index (level)];

  if (*text == NULL)
    *text = marked ? g_strconcat (pw_level_name (level), " " PW_UNREVIEWED_MARK, NULL) : g_strdup (pw_level_name (level));
  return *text;
}

/* One PCN's level in one domain as the grid prints it. */
char *
pw_export_level_text (PwExport *x,
                      PwPcn    *pcn,
                      guint     domain)
{
  PwReturn *ret = pw_export_return_in (x, pcn);
  int level = pw_export_levels_of (x->levels, pcn)[domain];

  if (ret == NULL)
    return g_strdup (_("No return"));
  return g_strdup (level_name (x, level, level != PW_LEVEL_NONE &&
                               pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) != PW_STATUS_REVIEWED));
}

/* *@latest becomes a copy of the ISO date @date if that is later (or
 * *@latest is NULL); an empty @date is no date. */
void
pw_export_keep_latest (char       **latest,
                       const char  *date)
{
  if (date != NULL && *date != '\0' && g_strcmp0 (date, *latest) > 0)
    {
      g_free (*latest);
      *latest = g_strdup (date);
    }
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
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %s (%u PCN)",
                                                        "%s · %s · %s (%u PCNs)", x->pcns->len),
                                           title, x->year_name, x->scope, x->pcns->len);

  pw_put_string (x, ws, 0, 0, text, x->title);
  pw_sheet_set_row (x, ws, 0, PW_TITLE_POINTS);
}


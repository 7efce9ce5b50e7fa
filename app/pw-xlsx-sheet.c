/* pw-xlsx-sheet.c — the cells of one worksheet, and the shared strings
 *
 * A worksheet part is streamed through expat (parse_part, in
 * pw-xlsx-reader.c) and each cell with a value or a formula is handed to
 * the caller as it ends: its reference and type are checked against
 * Excel's grid and types, and texts are decoded from OOXML's _xHHHH_
 * escapes.  The shared strings are read once, before the first sheet, and
 * kept for the reader's life.  Also here: the A1 references that callers
 * and messages use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <expat.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pw-xlsx-private.h"

/* Rich text (<si> and <is>): the text is every <t>, runs concatenated,
 * except the phonetic guides in <rPh>. */
static void
rich_start (Parse      *p,
            const char *element)
{
  if (strcmp (element, "rPh") == 0)
    p->in_phonetic = TRUE;
  else if (strcmp (element, "t") == 0 && !p->in_phonetic)
    p->collecting = TRUE;
}

static void
rich_end (Parse      *p,
          const char *element)
{
  if (strcmp (element, "rPh") == 0)
    p->in_phonetic = FALSE;
  else if (strcmp (element, "t") == 0)
    p->collecting = FALSE;
}

static gboolean
read_escape (const char *s,
             gsize       len,
             gunichar   *c)
{
  if (len < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
    return FALSE;
  for (guint i = 2; i < 6; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  *c = (g_ascii_xdigit_value (s[2]) << 12) | (g_ascii_xdigit_value (s[3]) << 8)
       | (g_ascii_xdigit_value (s[4]) << 4) | g_ascii_xdigit_value (s[5]);
  return TRUE;
}

/* OOXML writes characters XML cannot hold as _xHHHH_ (UTF-16 units, so a
 * pair for characters beyond the BMP, and "_x005F_" for a literal "_").
 * Decoded in place: the UTF-8 is never longer than its escape. */
static void
decode_escapes (GString *s)
{
  gsize r = 0, w = 0;

  while (r < s->len)
    {
      gunichar c, low;

      if (!read_escape (s->str + r, s->len - r, &c))
        {
          s->str[w++] = s->str[r++];
          continue;
        }
      r += 7;
      if (c >= 0xD800 && c < 0xDC00 && read_escape (s->str + r, s->len - r, &low)
          && low >= 0xDC00 && low < 0xE000)
        {
          c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          r += 7;
        }
      else if (c == 0 || (c >= 0xD800 && c < 0xE000))
        c = 0xFFFD;
      w += g_unichar_to_utf8 (c, s->str + w);
    }
  g_string_truncate (s, w);
}

static gboolean
finish_text (Parse      *p,
             const char *where)
{
  decode_escapes (p->text);
  if (g_utf8_strlen (p->text->str, p->text->len) <= PW_XLSX_MAX_TEXT_CHARS)
    return TRUE;
  parse_fail (p, PW_XLSX_ERROR_TOO_LARGE, _("%s holds a text longer than %d characters"),
              where, PW_XLSX_MAX_TEXT_CHARS);
  return FALSE;
}

static void
strings_start (Parse       *p,
               const char  *element,
               const char **atts)
{
  if (strcmp (element, "si") == 0)
    g_string_truncate (p->text, 0);
  else
    rich_start (p, element);
}

static void
strings_end (Parse      *p,
             const char *element)
{
  PwXlsxReader *self = p->reader;

  if (strcmp (element, "si") != 0)
    rich_end (p, element);
  else if (self->strings->len >= PW_XLSX_MAX_STRINGS)
    parse_fail (p, PW_XLSX_ERROR_TOO_LARGE, _("%s holds more than %d texts"), p->where, PW_XLSX_MAX_STRINGS);
  else if (finish_text (p, p->where))
    g_ptr_array_add (self->strings, g_string_chunk_insert_len (self->chunk, p->text->str, p->text->len));
}

static gboolean
load_strings (PwXlsxReader  *self,
              GCancellable  *cancellable,
              GError       **error)
{
  Parse sp = { .reader = self, .start = strings_start, .end = strings_end };

  if (self->strings != NULL)
    return TRUE;
  self->chunk = g_string_chunk_new (4096);
  self->strings = g_ptr_array_new ();
  if (self->strings_part == NULL || parse_part (&sp, self->strings_part, NULL, cancellable, error))
    return TRUE;
  g_clear_pointer (&self->strings, g_ptr_array_unref);
  g_clear_pointer (&self->chunk, g_string_chunk_free);
  return FALSE;
}

typedef enum
{
  TYPE_NUMBER, TYPE_SHARED, TYPE_STR, TYPE_INLINE, TYPE_BOOL, TYPE_ERROR, TYPE_DATE,
} CellType;

static const char *const type_names[] = { "n", "s", "str", "inlineStr", "b", "e", "d" };

typedef struct
{
  Parse base;
  const char *sheet;
  PwXlsxCellFunc func;
  gpointer user_data;
  gboolean in_data, in_row, in_cell, in_inline;
  guint row, last_row, next_col, cells;
  guint64 last_cell;           /* row << 16 | col of the cell before */
  PwXlsxCell cell;
  CellType type;
  gboolean has_value;
} SheetParse;

static void
cell_fail (SheetParse *sp,
           const char *what,
           const char *text)
{
  g_autofree char *where = pw_xlsx_format_cell (sp->sheet, sp->cell.row, sp->cell.col);

  parse_fail (&sp->base, PW_XLSX_ERROR_CORRUPT, _("%s: “%s” is not a valid %s"), where, text, what);
}

static gboolean
parse_index (const char *text,
             guint       max,
             guint      *value)
{
  guint64 v = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &v, NULL))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
is_number (const char *text)
{
  char *end = NULL;

  if (*text == '\0' || text[strspn (text, "0123456789.eE+-")] != '\0')
    return FALSE;
  g_ascii_strtod (text, &end);
  return *end == '\0';
}

static void
row_start (SheetParse  *sp,
           const char **atts)
{
  const char *r = attr (atts, "r");

  sp->in_row = TRUE;
  sp->next_col = 1;
  if (r == NULL)
    sp->row = sp->last_row + 1;
  else if (!parse_index (r, PW_XLSX_MAX_ROW, &sp->row))
    parse_fail (&sp->base, PW_XLSX_ERROR_CORRUPT, _("sheet “%s”: “%s” is not a valid row number"), sp->sheet, r);
  if (sp->row > PW_XLSX_MAX_ROW)
    parse_fail (&sp->base, PW_XLSX_ERROR_CORRUPT, _("sheet “%s” has more than %d rows"),
                sp->sheet, PW_XLSX_MAX_ROW);
}

/* Cells without r (allowed, and written by some generators) take the
 * next column; rows without r the next row. */
static void
cell_start (SheetParse  *sp,
            const char **atts)
{
  const char *r = attr (atts, "r"), *t = attr (atts, "t");

  sp->cell = (PwXlsxCell) { .row = sp->row, .col = sp->next_col, .text = "" };
  if (r != NULL && !pw_xlsx_parse_ref (r, &sp->cell.row, &sp->cell.col))
    cell_fail (sp, _("cell reference"), r);
  else if (sp->cell.col > PW_XLSX_MAX_COL)
    parse_fail (&sp->base, PW_XLSX_ERROR_CORRUPT, _("sheet “%s” has more than %d columns"),
                sp->sheet, PW_XLSX_MAX_COL);
  else if (((guint64) sp->cell.row << 16 | sp->cell.col) <= sp->last_cell)
    {
      /* Excel itself refuses such a sheet; taking it could give one cell two values. */
      g_autofree char *where = pw_xlsx_format_cell (sp->sheet, sp->cell.row, sp->cell.col);
      parse_fail (&sp->base, PW_XLSX_ERROR_CORRUPT, _("%s comes twice, or out of order"), where);
    }
  sp->last_cell = (guint64) sp->cell.row << 16 | sp->cell.col;
  sp->type = TYPE_NUMBER;
  for (guint i = 0; t != NULL && i < G_N_ELEMENTS (type_names); i++)
    if (strcmp (t, type_names[i]) == 0)
      sp->type = i;
  if (t != NULL && strcmp (t, type_names[sp->type]) != 0)
    cell_fail (sp, _("cell type"), t);
  sp->in_cell = TRUE;
  sp->has_value = FALSE;
  g_string_truncate (sp->base.text, 0);
}

static void
sheet_start (Parse       *p,
             const char  *element,
             const char **atts)
{
  SheetParse *sp = (SheetParse *) p;

  if (sp->in_inline)
    rich_start (p, element);
  else if (sp->in_cell && strcmp (element, "f") == 0)
    sp->cell.has_formula = TRUE;
  else if (sp->in_cell && strcmp (element, "v") == 0 && sp->type != TYPE_INLINE)
    sp->has_value = p->collecting = TRUE;
  else if (sp->in_cell && strcmp (element, "is") == 0 && sp->type == TYPE_INLINE)
    sp->has_value = sp->in_inline = TRUE;
  else if (sp->in_row && strcmp (element, "c") == 0)
    cell_start (sp, atts);
  else if (sp->in_data && strcmp (element, "row") == 0)
    row_start (sp, atts);
  else if (strcmp (element, "sheetData") == 0)
    sp->in_data = TRUE;
}

/* The cell's value as the caller sees it; FALSE when there is none. */
static gboolean
cell_value (SheetParse *sp)
{
  PwXlsxReader *self = sp->base.reader;
  GString *text = sp->base.text;
  guint64 index;

  /* An empty string is a value only as a formula's cached text. */
  if (!sp->has_value || (text->len == 0 && sp->type != TYPE_STR))
    {
      sp->cell.kind = PW_XLSX_CELL_NO_VALUE;
      return FALSE;
    }
  switch (sp->type)
    {
    case TYPE_SHARED:
      sp->cell.kind = PW_XLSX_CELL_STRING;
      if (!g_ascii_string_to_unsigned (text->str, 10, 0, G_MAXUINT, &index, NULL) || index >= self->strings->len)
        cell_fail (sp, _("text number"), text->str);
      else
        sp->cell.text = self->strings->pdata[index];
      return TRUE;
    case TYPE_STR:
    case TYPE_INLINE:
      sp->cell.kind = PW_XLSX_CELL_STRING;
      finish_text (&sp->base, sp->sheet);
      break;
    case TYPE_BOOL:
      sp->cell.kind = PW_XLSX_CELL_BOOL;
      if (strcmp (text->str, "0") != 0 && strcmp (text->str, "1") != 0)
        cell_fail (sp, _("true or false value"), text->str);
      break;
    case TYPE_ERROR:
      sp->cell.kind = PW_XLSX_CELL_ERROR;
      break;
    case TYPE_DATE:
      sp->cell.kind = PW_XLSX_CELL_DATE;
      break;
    case TYPE_NUMBER:
    default:
      sp->cell.kind = PW_XLSX_CELL_NUMBER;
      if (!is_number (text->str))
        cell_fail (sp, _("number"), text->str);
      break;
    }
  sp->cell.text = text->str;
  return TRUE;
}

static void
cell_end (SheetParse *sp)
{
  Parse *p = &sp->base;
  GError *error = NULL;

  sp->in_cell = FALSE;
  sp->next_col = sp->cell.col + 1;
  sp->row = sp->cell.row;
  if (!cell_value (sp) && !sp->cell.has_formula)
    return;
  if (p->error != NULL)
    return;
  if (++sp->cells > PW_XLSX_MAX_CELLS)
    parse_fail (p, PW_XLSX_ERROR_TOO_LARGE, _("sheet “%s” has more than %d cells"), sp->sheet, PW_XLSX_MAX_CELLS);
  else if (!sp->func (&sp->cell, sp->user_data, &error))
    {
      if (error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Reading stopped"));
      p->error = error;
      XML_StopParser (p->xml, XML_FALSE);
    }
}

static void
sheet_end (Parse      *p,
           const char *element)
{
  SheetParse *sp = (SheetParse *) p;

  if (sp->in_inline && strcmp (element, "is") == 0)
    sp->in_inline = FALSE;
  else if (sp->in_inline)
    rich_end (p, element);
  else if (strcmp (element, "v") == 0)
    p->collecting = FALSE;
  else if (sp->in_cell && strcmp (element, "c") == 0)
    cell_end (sp);
  else if (sp->in_row && strcmp (element, "row") == 0)
    sp->in_row = FALSE, sp->last_row = sp->row;
  else if (strcmp (element, "sheetData") == 0)
    sp->in_data = FALSE;
}

/**
 * pw_xlsx_reader_read_sheet:
 * @name: the sheet's name (any case)
 * @func: called for each non-empty cell, in file order
 *
 * Streams the worksheet's cells to @func.  A formula's cached result is
 * its value; a formula without one comes as %PW_XLSX_CELL_NO_VALUE.
 *
 * Returns: %FALSE with @error when the sheet is missing or damaged, a
 *   limit is passed, @cancellable fires, or @func fails
 */
gboolean
pw_xlsx_reader_read_sheet (PwXlsxReader    *self,
                           const char      *name,
                           PwXlsxCellFunc   func,
                           gpointer         user_data,
                           GCancellable    *cancellable,
                           GError         **error)
{
  Sheet *sheet;
  g_autofree char *where = NULL;
  SheetParse sp = { .base = { .reader = self, .start = sheet_start, .end = sheet_end },
                    .func = func, .user_data = user_data };

  g_return_val_if_fail (PW_IS_XLSX_READER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  sheet = find_sheet (self, name);
  if (sheet == NULL)
    return fail (self, error, PW_XLSX_ERROR_NO_SHEET,
                 _("the file has no sheet called “%s”. Was it renamed or deleted?"), name);
  if (sheet->part == NULL)
    return fail (self, error, PW_XLSX_ERROR_NO_SHEET, _("“%s” is a chart, not a sheet of cells"), name);
  if (!load_strings (self, cancellable, error))
    return FALSE;
  sp.sheet = sheet->name;
  where = g_strdup_printf (_("sheet “%s”"), sheet->name);
  return parse_part (&sp.base, sheet->part, where, cancellable, error);
}

/**
 * pw_xlsx_parse_ref:
 * @ref: an A1 reference ("B7"), without $ or sheet
 *
 * Returns: whether @ref is a cell within Excel's grid
 */
gboolean
pw_xlsx_parse_ref (const char *ref,
                   guint      *row,
                   guint      *col)
{
  guint c = 0, i = 0;
  guint64 r = 0;

  g_return_val_if_fail (ref != NULL, FALSE);

  for (; g_ascii_isalpha (ref[i]) && i < 3; i++)
    c = c * 26 + (g_ascii_toupper (ref[i]) - 'A' + 1);
  if (i == 0 || c > PW_XLSX_MAX_COL || !g_ascii_isdigit (ref[i]) || ref[i] == '0'
      || !g_ascii_string_to_unsigned (ref + i, 10, 1, PW_XLSX_MAX_ROW, &r, NULL))
    return FALSE;
  *row = r;
  *col = c;
  return TRUE;
}

/* "B7" for row 7, column 2. */
char *
pw_xlsx_format_ref (guint row,
                    guint col)
{
  char letters[8];
  guint n = sizeof letters - 1;

  g_return_val_if_fail (row >= 1 && col >= 1 && col <= PW_XLSX_MAX_COL, NULL);

  letters[n] = '\0';
  for (; col > 0; col = (col - 1) / 26)
    letters[--n] = 'A' + (col - 1) % 26;
  return g_strdup_printf ("%s%u", letters + n, row);
}

/* "Maturity!B7", or "'My sheet'!B7" as Excel quotes a name that needs it. */
char *
pw_xlsx_format_cell (const char *sheet,
                     guint       row,
                     guint       col)
{
  g_autofree char *ref = pw_xlsx_format_ref (row, col);
  gboolean plain = g_ascii_isalpha (sheet[0]);

  for (const char *s = sheet; *s != '\0' && plain; s++)
    plain = g_ascii_isalnum (*s) || *s == '_' || *s == '.';
  if (plain)
    return g_strdup_printf ("%s!%s", sheet, ref);

  g_auto(GStrv) parts = g_strsplit (sheet, "'", -1);
  g_autofree char *doubled = g_strjoinv ("''", parts);
  return g_strdup_printf ("'%s'!%s", doubled, ref);
}

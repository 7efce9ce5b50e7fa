/* The xlsx reader against files written by libxlsxwriter, openpyxl and
 * LibreOffice, packages made by hand with libzip for what those never
 * write, and damaged or hostile files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "pw-test-util.h"
#include "pw-xlsx-reader.h"

typedef struct
{
  const char *name;
  const char *data;
} Part;

/* Cells as "kind[=]:text" by A1 reference; "=" marks a formula. */
static gboolean
collect_cell (const PwXlsxCell  *cell,
              gpointer           user_data,
              GError           **error)
{
  static const char kinds[] = "snbed-";
  GHashTable *cells = user_data;

  g_assert_true (g_utf8_validate (cell->text, -1, NULL));
  g_hash_table_insert (cells, pw_xlsx_format_ref (cell->row, cell->col),
                       g_strdup_printf ("%c%s:%s", kinds[cell->kind], cell->has_formula ? "=" : "", cell->text));
  return TRUE;
}

static GHashTable *
read_cells (PwXlsxReader *reader,
            const char   *sheet)
{
  g_autoptr(GError) error = NULL;
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean ok = pw_xlsx_reader_read_sheet (reader, sheet, collect_cell, cells, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return cells;
}

static PwXlsxReader *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  PwXlsxReader *reader = pw_xlsx_reader_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

static void
write_parts (const char *path,
             const Part *parts)
{
  int err = 0;
  zip_t *zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);

  g_assert_nonnull (zip);
  for (; parts->name != NULL; parts++)
    {
      zip_source_t *source = zip_source_buffer (zip, parts->data, strlen (parts->data), 0);
      g_assert_cmpint (zip_file_add (zip, parts->name, source, ZIP_FL_OVERWRITE), >=, 0);
    }
  g_assert_cmpint (zip_close (zip), ==, 0);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define RELS_NS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""

static const char root_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships " RELS_NS ">"
  "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook[] =
  "<workbook " NS "><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/>"
  "<sheet name=\"Chart\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
/* An absolute target, as openpyxl writes, beside relative ones. */
static const char workbook_rels[] =
  "<Relationships " RELS_NS ">"
  "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"" REL "chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" Target=\"./sharedStrings.xml\"/></Relationships>";

/* A workbook of sheets "Data" (@sheet) and "Chart", with @strings. */
static void
write_book (const char *path,
            const char *sheet,
            const char *strings)
{
  Part parts[] = {
    { "_rels/.rels", root_rels },
    { "xl/workbook.xml", workbook },
    { "xl/_rels/workbook.xml.rels", workbook_rels },
    { "xl/worksheets/sheet1.xml", sheet },
    { "xl/sharedStrings.xml", strings ? strings : "<sst " NS "/>" },
    { NULL, NULL },
  };

  write_parts (path, parts);
}

static void
check_cell_name (const char *sheet,
                 guint       row,
                 guint       col,
                 const char *expected)
{
  g_autofree char *name = pw_xlsx_format_cell (sheet, row, col);

  g_assert_cmpstr (name, ==, expected);
}

static void
test_ref (void)
{
  struct { const char *ref; guint row, col; } good[] = {
    { "A1", 1, 1 }, { "b7", 7, 2 }, { "Z9", 9, 26 }, { "AA10", 10, 27 }, { "XFD1048576", 1048576, 16384 },
  };
  const char *bad[] = { "", "A", "7", "A0", "A01", "1A", "XFE1", "A1048577", "$A$1", "AAAA1", "A1 ", "A-1", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      guint row = 0, col = 0;
      g_autofree char *back = NULL;

      g_assert_true (pw_xlsx_parse_ref (good[i].ref, &row, &col));
      g_assert_cmpuint (row, ==, good[i].row);
      g_assert_cmpuint (col, ==, good[i].col);
      back = pw_xlsx_format_ref (row, col);
      g_assert_cmpstr (back, ==, i == 1 ? "B7" : good[i].ref);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      guint row = 0, col = 0;
      g_assert_false (pw_xlsx_parse_ref (bad[i], &row, &col));
    }
  check_cell_name ("Maturity", 7, 2, "Maturity!B7");
  check_cell_name ("My sheet", 1, 27, "'My sheet'!AA1");
  check_cell_name ("O'Brien", 1, 1, "'O''Brien'!A1");
}

static void
assert_cell (GHashTable *cells,
             const char *ref,
             const char *expected)
{
  g_assert_cmpstr (g_hash_table_lookup (cells, ref), ==, expected);
}

/* Our own writer: shared strings (one of them rich text), a control
 * character (written as _x000D_), numbers, a boolean, a formula with its
 * value, a hidden sheet. */
static void
write_with_xlsxwriter (const char *path)
{
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Maturity");
  lxw_worksheet *id = workbook_add_worksheet (wb, "Id");
  lxw_format *bold = workbook_add_format (wb);
  lxw_rich_string_tuple run1 = { .format = bold, .string = "Strong " };
  lxw_rich_string_tuple run2 = { .format = NULL, .string = "and plain" };
  lxw_rich_string_tuple *runs[] = { &run1, &run2, NULL };

  format_set_bold (bold);
  worksheet_write_string (ws, 0, 0, "Domain", NULL);
  worksheet_write_number (ws, 1, 1, 0.5, NULL);
  worksheet_write_number (ws, 1, 2, 26400, NULL);
  worksheet_write_boolean (ws, 1, 3, 1, NULL);
  worksheet_write_formula_num (ws, 1, 4, "=B2*2", NULL, 1);
  worksheet_write_rich_string (ws, 1, 5, runs, NULL);
  worksheet_write_string (ws, 6, 1, "line1\r\nline2", NULL);
  worksheet_write_string (ws, 2, 0, "Domain", NULL);
  worksheet_write_blank (ws, 3, 0, bold);
  worksheet_write_string (id, 0, 0, "U12345", NULL);
  worksheet_hide (id);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

static void
test_xlsxwriter (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "w.xlsx", NULL);
  g_autoptr(PwXlsxReader) reader = NULL;
  g_autoptr(GHashTable) cells = NULL, id = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  write_with_xlsxwriter (path);
  reader = open_ok (path);
  names = pw_xlsx_reader_sheet_names (reader);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Maturity");
  g_assert_cmpstr (names[1], ==, "Id");
  g_assert_true (pw_xlsx_reader_has_sheet (reader, "maturity"));
  g_assert_false (pw_xlsx_reader_has_sheet (reader, "Maturity2"));
  g_assert_true (pw_xlsx_reader_sheet_hidden (reader, "Id"));
  g_assert_false (pw_xlsx_reader_sheet_hidden (reader, "Maturity"));

  cells = read_cells (reader, "Maturity");
  assert_cell (cells, "A1", "s:Domain");
  assert_cell (cells, "A3", "s:Domain");
  assert_cell (cells, "B2", "n:0.5");
  assert_cell (cells, "C2", "n:26400");
  assert_cell (cells, "D2", "b:1");
  assert_cell (cells, "E2", "n=:1");
  assert_cell (cells, "F2", "s:Strong and plain");
  assert_cell (cells, "B7", "s:line1\r\nline2");
  g_assert_cmpuint (g_hash_table_size (cells), ==, 8);     /* the blank A4 is not a cell */
  id = read_cells (reader, "Id");
  assert_cell (id, "A1", "s:U12345");

  g_assert_false (pw_xlsx_reader_read_sheet (reader, "Workforce", collect_cell, cells, NULL, &error));
  g_assert_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_NO_SHEET);
  g_assert_nonnull (strstr (error->message, "w.xlsx: "));
  g_assert_nonnull (strstr (error->message, "“Workforce”"));
  pw_test_rmdir (dir);
}

/* openpyxl writes inline strings, absolute relationship targets and
 * formulas without a value. */
static const char openpyxl_script[] =
  "import sys, openpyxl\n"
  "wb = openpyxl.Workbook()\n"
  "ws = wb.active\n"
  "ws.title = 'Maturity'\n"
  "ws['A1'] = 'Domain'; ws['B1'] = 0.5; ws['C1'] = 26400; ws['D1'] = True\n"
  "ws['E1'] = '=B1*2'; ws['F1'] = 'line1\\nline2'; ws['G1'] = '  pad '; ws['H1'] = 'Step 1½ – £5'\n"
  "ws['A2'] = False; ws['B2'] = -1.25e-7\n"
  "h = wb.create_sheet('Id'); h.sheet_state = 'hidden'; h['A1'] = 'U12345'\n"
  "wb.save(sys.argv[1])\n";

static void
write_with_openpyxl (const char *path)
{
  const char *argv[] = { "/usr/bin/python3", "-c", openpyxl_script, path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openpyxl failed: %s", err);
}

/* What both openpyxl and LibreOffice keep; @formula is E1 (uncalculated
 * from openpyxl, calculated by LibreOffice), @tiny B2 (each writes the
 * exponent its own way). */
static void
check_form (const char *path,
            const char *formula,
            const char *tiny)
{
  g_autoptr(PwXlsxReader) reader = open_ok (path);
  g_autoptr(GHashTable) cells = read_cells (reader, "Maturity");
  g_autoptr(GHashTable) id = read_cells (reader, "ID");

  assert_cell (cells, "A1", "s:Domain");
  assert_cell (cells, "B1", "n:0.5");
  assert_cell (cells, "C1", "n:26400");
  assert_cell (cells, "D1", g_str_equal (formula, "-=:") ? "b:1" : "b=:1");  /* LibreOffice: =TRUE() */
  assert_cell (cells, "E1", formula);
  assert_cell (cells, "F1", "s:line1\nline2");
  assert_cell (cells, "G1", "s:  pad ");
  assert_cell (cells, "H1", "s:Step 1½ – £5");
  assert_cell (cells, "A2", g_str_equal (formula, "-=:") ? "b:0" : "b=:0");
  assert_cell (cells, "B2", tiny);
  g_assert_true (pw_xlsx_reader_sheet_hidden (reader, "Id"));
  assert_cell (id, "A1", "s:U12345");
}

static void
test_openpyxl (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "o.xlsx", NULL);

  write_with_openpyxl (path);
  check_form (path, "-=:", "n:-1.25e-07");
  pw_test_rmdir (dir);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* An openpyxl file saved again by LibreOffice (shared strings, cached
 * formula values), with a profile of its own and a time limit. */
static void
test_libreoffice (void)
{
  g_autofree char *office = g_find_program_in_path ("libreoffice");
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "o.xlsx", NULL);
  g_autofree char *outdir = g_build_filename (dir, "out", NULL);
  g_autofree char *out = g_build_filename (outdir, "o.xlsx", NULL);
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "HOME", dir, TRUE);
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (office == NULL)
    {
      g_test_skip ("LibreOffice is not installed (Debian package libreoffice-calc-nogui)");
      remove_tree (dir);
      return;
    }
  write_with_openpyxl (in);
  {
    const char *argv[] = { "timeout", "120", office, profile, "--headless", "--convert-to",
                           "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, in, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                                 | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  check_form (out, "n=:1", "n:-1.25E-007");
  remove_tree (dir);
}

/* What none of the writers above produce but the format allows: cells and
 * rows without r, rich text with phonetic runs, _xHHHH_ escapes, a
 * string formula with an empty result, error values, a chart sheet. */
static const char hand_strings[] =
  "<sst " NS "><si><t>alpha</t></si>"
  "<si><r><rPr><b/></rPr><t>bo</t></r><r><t>ld</t></r><rPh sb=\"0\" eb=\"1\"><t>ふり</t></rPh><phoneticPr fontId=\"1\"/></si>"
  "<si><t>a_x000D_b</t></si><si><t>_x005F_x0041_</t></si><si><t>_xD83D__xDE00_ _xD83D_</t></si>"
  "<si><t xml:space=\"preserve\">  x  </t></si></sst>";
static const char hand_sheet[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet " NS "><sheetData>"
  "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c r=\"E1\" t=\"s\"><v>2</v></c>"
  "<c t=\"inlineStr\"><is><r><t>in</t></r><r><t xml:space=\"preserve\">line </t></r></is></c></row>"
  "<row r=\"5\"><c><v>1E-3</v></c><c t=\"b\"><v>0</v></c><c t=\"e\"><v>#DIV/0!</v></c>"
  "<c t=\"str\"><f>A1&amp;\"\"</f><v></v></c><c><f>1/0</f></c><c t=\"s\"><v>3</v></c>"
  "<c t=\"s\"><v>4</v></c><c s=\"3\"/><c t=\"s\"><v>5</v></c><c t=\"inlineStr\"><is><t></t></is></c></row>"
  "<row><c><f t=\"shared\" si=\"0\"/><v>7</v></c></row></sheetData></worksheet>";

static void
test_handmade (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "h.xlsx", NULL);
  g_autoptr(PwXlsxReader) reader = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GError) error = NULL;

  write_book (path, hand_sheet, hand_strings);
  reader = open_ok (path);
  cells = read_cells (reader, "Data");
  assert_cell (cells, "A1", "s:alpha");
  assert_cell (cells, "B1", "s:bold");
  assert_cell (cells, "E1", "s:a\rb");
  assert_cell (cells, "F1", "s:inline ");
  assert_cell (cells, "A5", "n:1E-3");
  assert_cell (cells, "B5", "b:0");
  assert_cell (cells, "C5", "e:#DIV/0!");
  assert_cell (cells, "D5", "s=:");
  assert_cell (cells, "E5", "-=:");
  assert_cell (cells, "F5", "s:_x0041_");
  assert_cell (cells, "G5", "s:\xF0\x9F\x98\x80 \xEF\xBF\xBD");
  assert_cell (cells, "I5", "s:  x  ");
  assert_cell (cells, "A6", "n=:7");
  g_assert_cmpuint (g_hash_table_size (cells), ==, 13);

  g_assert_false (pw_xlsx_reader_has_sheet (reader, "Chart"));
  g_assert_false (pw_xlsx_reader_read_sheet (reader, "Chart", collect_cell, cells, NULL, &error));
  g_assert_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_NO_SHEET);
  pw_test_rmdir (dir);
}

/* Strict OOXML (Excel's "Strict Open XML Spreadsheet") has other
 * namespaces and relationship types; Excel also wraps extras in
 * mc:AlternateContent. */
#define STRICT_REL "http://purl.oclc.org/ooxml/officeDocument/relationships/"
static const char strict_rels[] =
  "<Relationships " RELS_NS "><Relationship Id=\"rId1\" Type=\"" STRICT_REL "officeDocument\" "
  "Target=\"xl/workbook.xml\"/></Relationships>";
static const char strict_workbook[] =
  "<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
  "xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\" "
  "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
  "<mc:AlternateContent><mc:Choice Requires=\"x15\"><x15ac:absPath xmlns:x15ac=\"x\" url=\"C:\\\"/>"
  "</mc:Choice></mc:AlternateContent><sheets><sheet name=\"Maturity\" sheetId=\"1\" r:id=\"rId5\"/></sheets></workbook>";
static const char strict_workbook_rels[] =
  "<Relationships " RELS_NS "><Relationship Id=\"rId5\" Type=\"" STRICT_REL "worksheet\" "
  "Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char strict_sheet[] =
  "<worksheet xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><sheetData>"
  "<row r=\"7\" spans=\"1:2\"><c r=\"B7\" t=\"inlineStr\"><is><t>Step 2</t></is></c></row></sheetData></worksheet>";

static void
test_strict (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "s.xlsx", NULL);
  Part parts[] = { { "_rels/.rels", strict_rels }, { "xl/workbook.xml", strict_workbook },
                   { "xl/_rels/workbook.xml.rels", strict_workbook_rels },
                   { "xl/worksheets/sheet1.xml", strict_sheet }, { NULL, NULL } };
  g_autoptr(PwXlsxReader) reader = NULL;
  g_autoptr(GHashTable) cells = NULL;

  write_parts (path, parts);
  reader = open_ok (path);
  cells = read_cells (reader, "Maturity");
  assert_cell (cells, "B7", "s:Step 2");
  g_assert_cmpuint (g_hash_table_size (cells), ==, 1);
  pw_test_rmdir (dir);
}

/* Opening @path fails with @code and a message holding @needle. */
static void
assert_open_fails (const char  *path,
                   int          code,
                   const char  *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwXlsxReader) reader = pw_xlsx_reader_open (path, NULL, &error);

  g_assert_null (reader);
  g_assert_error (error, PW_XLSX_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” lacks “%s”", error->message, needle);
}

/* Reading sheet Data of @path fails with @code and a message holding @needle. */
static void
assert_read_fails (const char  *path,
                   int          code,
                   const char  *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwXlsxReader) reader = open_ok (path);
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_false (pw_xlsx_reader_read_sheet (reader, "Data", collect_cell, cells, NULL, &error));
  g_assert_error (error, PW_XLSX_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” lacks “%s”", error->message, needle);
}

static void
test_not_xlsx (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "x.xlsx", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.xlsx", NULL);
  Part plain_zip[] = { { "hello.txt", "hello" }, { NULL, NULL } };
  Part ods[] = { { "mimetype", "application/vnd.oasis.opendocument.spreadsheet" },
                 { "content.xml", "<office:document-content/>" }, { NULL, NULL } };

  assert_open_fails (missing, PW_XLSX_ERROR_READ, "missing.xlsx");
  pw_test_write (path, "");
  assert_open_fails (path, PW_XLSX_ERROR_NOT_XLSX, "x.xlsx: the file is empty");
  pw_test_write (path, "Domain,Level\nA,B\n");
  assert_open_fails (path, PW_XLSX_ERROR_NOT_XLSX, "not an Excel workbook");
  write_parts (path, plain_zip);
  assert_open_fails (path, PW_XLSX_ERROR_NOT_XLSX, "zip file but not an Excel workbook");
  write_parts (path, ods);
  assert_open_fails (path, PW_XLSX_ERROR_NOT_XLSX, ".ods");
  pw_test_rmdir (dir);
}

/* Excel's password-protected .xlsx is an OLE compound file. */
static void
test_encrypted (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "x.xlsx", NULL);
  char ole[4096] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  g_autoptr(GError) error = NULL;

  memset (ole + 8, 0xFF, sizeof ole - 8);
  g_assert_true (g_file_set_contents (path, ole, sizeof ole, &error));
  assert_open_fails (path, PW_XLSX_ERROR_ENCRYPTED, "password-protected or encrypted");
  /* The whole signature and nothing more is enough; seven of its eight bytes are not. */
  g_assert_true (g_file_set_contents (path, ole, 8, &error));
  assert_open_fails (path, PW_XLSX_ERROR_ENCRYPTED, "x.xlsx: the file is password-protected or encrypted");
  ole[7] = '\xE0';
  g_assert_true (g_file_set_contents (path, ole, sizeof ole, &error));
  assert_open_fails (path, PW_XLSX_ERROR_NOT_XLSX, "x.xlsx: this is not an Excel workbook (.xlsx)");
  pw_test_rmdir (dir);
}

static void
test_truncated (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.xlsx", NULL);
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const char *data;

  write_with_xlsxwriter (path);
  whole = pw_test_read (path);
  data = g_bytes_get_data (whole, &len);
  g_assert_true (g_file_set_contents (path, data, len / 2, &error));
  assert_open_fails (path, PW_XLSX_ERROR_CORRUPT, "damaged or incomplete");
  pw_test_rmdir (dir);
}

/* A sheet that inflates far beyond the limit stops at the limit, however
 * small the zip says it is. */
typedef struct
{
  guint64 size, done;
  const char *head, *tail;
} Filler;

/* Puts the part of @text (at @from in the entry) that falls in @buf. */
static void
copy_overlap (char       *buf,
              guint64     at,
              guint64     len,
              const char *text,
              guint64     from)
{
  for (guint64 i = MAX (at, from); i < MIN (at + len, from + strlen (text)); i++)
    buf[i - at] = text[i - from];
}

static zip_int64_t
fill_spaces (void             *user_data,
             void             *data,
             zip_uint64_t      len,
             zip_source_cmd_t  cmd)
{
  Filler *f = user_data;

  switch (cmd)
    {
    case ZIP_SOURCE_OPEN:
      f->done = 0;
      return 0;
    case ZIP_SOURCE_READ:
      len = MIN (len, f->size - f->done);
      memset (data, ' ', len);
      copy_overlap (data, f->done, len, f->head, 0);
      copy_overlap (data, f->done, len, f->tail, f->size - strlen (f->tail));
      f->done += len;
      return len;
    case ZIP_SOURCE_STAT:
      zip_stat_init (data);
      return sizeof (zip_stat_t);
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap (ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                             ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return 0;
    }
}

static void
write_bomb (const char *path,
            guint64     size)
{
  Filler filler = { .size = size, .head = "<worksheet " NS "><sheetData>", .tail = "</sheetData></worksheet>" };
  int err = 0;
  zip_t *zip;

  write_book (path, "<worksheet/>", NULL);
  zip = zip_open (path, 0, &err);
  g_assert_nonnull (zip);
  g_assert_cmpint (zip_file_add (zip, "xl/worksheets/sheet1.xml", zip_source_function (zip, fill_spaces, &filler),
                                 ZIP_FL_OVERWRITE), >=, 0);
  g_assert_cmpint (zip_close (zip), ==, 0);
}

static void
test_bomb (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "b.xlsx", NULL);
  g_autoptr(PwXlsxReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) zipped = NULL;
  guint i;

  /* 100 MB: over the limit for one part, under the one for all. */
  write_bomb (path, 100 << 20);
  zipped = pw_test_read (path);
  g_assert_cmpuint (g_bytes_get_size (zipped), <, 1 << 20);
  assert_read_fails (path, PW_XLSX_ERROR_TOO_LARGE, "sheet “Data” unpacks to more than 64 MB");

  /* Exactly the limit for one part is taken, reading after reading,
   * until the whole file's total passes its limit: 4 × 64 MB and the
   * package's other parts. */
  write_bomb (path, 64 << 20);
  reader = open_ok (path);
  for (i = 0; i < 5 && error == NULL; i++)
    pw_xlsx_reader_read_sheet (reader, "Data", collect_cell, NULL, NULL, &error);
  g_assert_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_TOO_LARGE);
  g_assert_cmpuint (i, ==, 4);
  g_assert_nonnull (strstr (error->message, "b.xlsx: the file unpacks to more than 256 MB in all"));
  pw_test_rmdir (dir);
}

static void
test_too_large (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.xlsx", NULL);
  g_autofree char *data = g_malloc0 (PW_XLSX_MAX_FILE_BYTES + 1);
  g_autoptr(GError) error = NULL;

  memcpy (data, "PK\x03\x04", 4);
  g_assert_true (g_file_set_contents (path, data, PW_XLSX_MAX_FILE_BYTES + 1, &error));
  assert_open_fails (path, PW_XLSX_ERROR_TOO_LARGE, "larger than 32 MB");
  pw_test_rmdir (dir);
}

#define SHEET(rows) "<worksheet " NS "><sheetData>" rows "</sheetData></worksheet>"

/* Sheets that must be refused, with the error and a part of its message. */
static const struct
{
  const char *sheet;
  int code;
  const char *needle;
} damaged_sheets[] = {
  { "<worksheet><sheetData>\n<row>\n<c><v>1</v></row>",
    PW_XLSX_ERROR_CORRUPT, "sheet “Data”, line 3: mismatched tag" },
  { "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
    SHEET ("<row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "DOCTYPE" },
  { SHEET ("<row r=\"7\"><c r=\"B7\" t=\"s\"><v>6</v></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "Data!B7: “6” is not a valid text number" },
  { SHEET ("<row><c r=\"A1\"><v>12abc</v></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "Data!A1: “12abc” is not a valid number" },
  { SHEET ("<row><c r=\"A1\" t=\"b\"><v>yes</v></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "Data!A1: “yes”" },
  { SHEET ("<row><c r=\"XFE1\"><v>1</v></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "“XFE1” is not a valid cell reference" },
  { SHEET ("<row><c r=\"A1\" t=\"x\"><v>1</v></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "not a valid cell type" },
  { SHEET ("<row><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "Data!A1 comes twice, or out of order" },
  { SHEET ("<row r=\"2\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "Data!A2 comes twice" },
  { SHEET ("<row><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "more than 16384 columns" },
  { SHEET ("<row r=\"1048576\"/><row><c><v>1</v></c></row>"),
    PW_XLSX_ERROR_CORRUPT, "more than 1048576 rows" },
};

static void
test_damaged_parts (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "d.xlsx", NULL);
  g_autofree char *long_text = NULL;
  g_autofree char *long_sheet = NULL;
  g_autoptr(GString) deep = NULL;
  g_autoptr(PwXlsxReader) reader = NULL;
  Part no_strings[] = { { "_rels/.rels", root_rels }, { "xl/workbook.xml", workbook },
                        { "xl/_rels/workbook.xml.rels", workbook_rels }, { NULL, NULL } };
  Part no_sheet_part[] = { { "_rels/.rels", root_rels }, { "xl/workbook.xml", workbook },
                           { "xl/_rels/workbook.xml.rels", workbook_rels },
                           { "xl/sharedStrings.xml", hand_strings }, { NULL, NULL } };
  Part no_rels[] = { { "_rels/.rels", root_rels }, { "xl/workbook.xml", workbook }, { NULL, NULL } };
  Part no_workbook[] = { { "_rels/.rels", root_rels }, { NULL, NULL } };

  for (guint i = 0; i < G_N_ELEMENTS (damaged_sheets); i++)
    {
      write_book (path, damaged_sheets[i].sheet, hand_strings);
      assert_read_fails (path, damaged_sheets[i].code, damaged_sheets[i].needle);
    }
  deep = g_string_new ("<worksheet>");
  for (guint i = 0; i < 300; i++)
    g_string_append (deep, "<x>");
  write_book (path, deep->str, NULL);
  assert_read_fails (path, PW_XLSX_ERROR_CORRUPT, "nested too deeply");

  long_text = g_strnfill (PW_XLSX_MAX_TEXT_CHARS + 1, 'x');
  long_sheet = g_strdup_printf (SHEET ("<row><c t=\"inlineStr\"><is><t>%s</t></is></c></row>"), long_text);
  write_book (path, long_sheet, NULL);
  assert_read_fails (path, PW_XLSX_ERROR_TOO_LARGE, "longer than 32767 characters");
  long_text[PW_XLSX_MAX_TEXT_CHARS] = '\0';
  g_free (long_sheet);
  long_sheet = g_strdup_printf (SHEET ("<row><c t=\"inlineStr\"><is><t>%s</t></is></c></row>"), long_text);
  write_book (path, long_sheet, NULL);
  reader = open_ok (path);
  g_hash_table_unref (read_cells (reader, "Data"));

  write_parts (path, no_strings);
  assert_read_fails (path, PW_XLSX_ERROR_CORRUPT, "xl/sharedStrings.xml is missing");
  write_parts (path, no_sheet_part);
  assert_read_fails (path, PW_XLSX_ERROR_CORRUPT, "xl/worksheets/sheet1.xml is missing");
  write_parts (path, no_rels);
  assert_open_fails (path, PW_XLSX_ERROR_CORRUPT, "xl/_rels/workbook.xml.rels is missing");
  write_parts (path, no_workbook);
  assert_open_fails (path, PW_XLSX_ERROR_NOT_XLSX, "not an Excel workbook");
  pw_test_rmdir (dir);
}

static gboolean
cancel_on_first (const PwXlsxCell  *cell,
                 gpointer           user_data,
                 GError           **error)
{
  g_cancellable_cancel (user_data);
  return TRUE;
}

static gboolean
refuse_b2 (const PwXlsxCell  *cell,
           gpointer           user_data,
           GError           **error)
{
  (*(guint *) user_data)++;
  if (cell->row == 2 && cell->col == 2)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "B2 refused");
      return FALSE;
    }
  return TRUE;
}

static void
test_stop (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "s.xlsx", NULL);
  g_autoptr(PwXlsxReader) reader = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL, error2 = NULL, error3 = NULL, error4 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint seen = 0;

  write_with_xlsxwriter (path);
  reader = open_ok (path);
  g_assert_false (pw_xlsx_reader_read_sheet (reader, "Maturity", refuse_b2, &seen, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_cmpuint (seen, ==, 2);
  g_assert_false (pw_xlsx_reader_read_sheet (reader, "Maturity", cancel_on_first, cancellable, cancellable, &error2));
  g_assert_error (error2, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pw_xlsx_reader_open (path, cancellable, &error3));
  g_assert_error (error3, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  bytes = pw_test_read (path);
  g_assert_null (pw_xlsx_reader_open_bytes (bytes, "s.xlsx", cancellable, &error4));
  g_assert_error (error4, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  pw_test_rmdir (dir);
}

/* Shared strings beyond index 9, phonetic guides after a plain text (as
 * Excel writes Japanese), and every edge of the _xHHHH_ escapes: pairs at
 * the ends of the surrogate ranges, lone or reversed halves, NUL, and
 * what only looks like an escape. */
static const char edge_strings[] =
  "<sst " NS ">"
  "<si><t>\xE6\xBC\xA2\xE5\xAD\x97</t><rPh sb=\"0\" eb=\"2\"><t>\xE3\x81\x8B\xE3\x82\x93\xE3\x81\x98</t></rPh>"
  "<phoneticPr fontId=\"1\"/></si>"
  "<si><t>_xD800__xDC00_</t></si><si><t>_xDBFF__xDFFF_</t></si><si><t>_xDC00__xDC00_</t></si>"
  "<si><t>_xD83D__xE000_</t></si><si><t>_xD800_x</t></si><si><t>_x0000_</t></si>"
  "<si><t>_xD7FF__xE000_</t></si><si><t>_xZ041_ _x004Z_ _x41_ x0041_ _x0041</t></si>"
  "<si><t>_x0041__xDC00_</t></si><si><t>ten</t></si><si><t>eleven</t></si></sst>";
static const char *const edge_texts[] = {
  "\xE6\xBC\xA2\xE5\xAD\x97", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xEF\xBF\xBD\xEF\xBF\xBD",
  "\xEF\xBF\xBD\xEE\x80\x80", "\xEF\xBF\xBDx", "\xEF\xBF\xBD", "\xED\x9F\xBF\xEE\x80\x80",
  "_xZ041_ _x004Z_ _x41_ x0041_ _x0041", "A\xEF\xBF\xBD", "ten", "eleven",
};

static void
test_texts (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.xlsx", NULL);
  g_autoptr(GString) sheet = g_string_new ("<worksheet " NS "><sheetData><row>");
  g_autoptr(PwXlsxReader) reader = NULL;
  g_autoptr(GHashTable) cells = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (edge_texts); i++)
    g_string_append_printf (sheet, "<c t=\"s\"><v>%u</v></c>", i);
  g_string_append (sheet, "</row><row><c t=\"inlineStr\"><is><t>\xE6\xBC\xA2</t><rPh sb=\"0\" eb=\"1\"><t>\xE3\x81\x8B"
                          "</t></rPh></is></c></row></sheetData></worksheet>");
  write_book (path, sheet->str, edge_strings);
  reader = open_ok (path);
  cells = read_cells (reader, "Data");
  for (guint i = 0; i < G_N_ELEMENTS (edge_texts); i++)
    {
      g_autofree char *ref = pw_xlsx_format_ref (1, i + 1);
      g_autofree char *expected = g_strconcat ("s:", edge_texts[i], NULL);

      assert_cell (cells, ref, expected);
    }
  assert_cell (cells, "A2", "s:\xE6\xBC\xA2");
  g_assert_cmpuint (g_hash_table_size (cells), ==, G_N_ELEMENTS (edge_texts) + 1);
  pw_test_rmdir (dir);
}

/* Only cells in rows of sheetData are read; the grid's last cell is one. */
static const char edges_sheet[] =
  "<worksheet " NS "><row><c r=\"A7\"><v>9</v></c></row><sheetData>"
  "<row r=\"3\"><c r=\"A3\"><v>1</v></c></row><c r=\"B9\"><v>2</v></c><c r=\"C9\"><v>3</v></c>"
  "<row r=\"1048576\"><c r=\"XFD1048576\"><v>4</v></c></row></sheetData>"
  "<row><c r=\"A8\"><v>8</v></c></row></worksheet>";

static const struct
{
  const char *sheet;
  const char *needle;
} refused_sheets[] = {
  { SHEET ("<row r=\"0\"><c><v>1</v></c></row>"), "sheet “Data”: “0” is not a valid row number" },
  { SHEET ("<row r=\"2x\"><c><v>1</v></c></row>"), "sheet “Data”: “2x” is not a valid row number" },
  { SHEET ("<row><c r=\"A1\"><v>inf</v></c></row>"), "Data!A1: “inf” is not a valid number" },
  { SHEET ("<row><c r=\"A1\"><v>0x10</v></c></row>"), "Data!A1: “0x10” is not a valid number" },
  { SHEET ("<row><c r=\"A1\"><v> 1</v></c></row>"), "Data!A1: “ 1” is not a valid number" },
  { SHEET ("<row><c r=\"A1\" t=\"s\"><v>-1</v></c></row>"), "Data!A1: “-1” is not a valid text number" },
};

static gboolean
stop_quietly (const PwXlsxCell  *cell,
              gpointer           user_data,
              GError           **error)
{
  return FALSE;
}

static void
test_grid_edges (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "e.xlsx", NULL);
  g_autoptr(PwXlsxReader) reader = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(GError) error = NULL;

  write_book (path, edges_sheet, NULL);
  reader = open_ok (path);
  cells = read_cells (reader, "Data");
  assert_cell (cells, "A3", "n:1");
  assert_cell (cells, "XFD1048576", "n:4");
  g_assert_cmpuint (g_hash_table_size (cells), ==, 2);
  /* A callback that stops without saying why: the reading was stopped. */
  g_assert_false (pw_xlsx_reader_read_sheet (reader, "Data", stop_quietly, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "Reading stopped");

  for (guint i = 0; i < G_N_ELEMENTS (refused_sheets); i++)
    {
      write_book (path, refused_sheets[i].sheet, edge_strings);
      assert_read_fails (path, PW_XLSX_ERROR_CORRUPT, refused_sheets[i].needle);
    }
  pw_test_rmdir (dir);
}

/* A package made of @root_rels, @book (at @book_part), its @rels and one
 * sheet part with one text cell, the workbook's part first in the zip. */
static void
write_package (const char *path,
               const char *root,
               const char *book_part,
               const char *book,
               const char *rels,
               const char *sheet_part)
{
  g_autofree char *dir = g_path_get_dirname (book_part);
  g_autofree char *base = g_path_get_basename (book_part);
  g_autofree char *rels_part = strcmp (dir, ".") == 0 ? g_strdup_printf ("_rels/%s.rels", base)
                                                      : g_strdup_printf ("%s/_rels/%s.rels", dir, base);
  Part parts[] = { { book_part, book }, { "_rels/.rels", root }, { rels_part, rels },
                   { sheet_part, SHEET ("<row><c r=\"B2\" t=\"s\"><v>0</v></c></row>") },
                   { "xl/sharedStrings.xml", "<sst " NS "><si><t>found</t></si></sst>" }, { NULL, NULL } };

  write_parts (path, parts);
}

#define ROOT_RELS(target) "<Relationships " RELS_NS "><Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" " \
                          "Target=\"" target "\"/></Relationships>"

static void
assert_found (const char *path,
              const char *sheet)
{
  g_autoptr(PwXlsxReader) reader = open_ok (path);
  g_autoptr(GHashTable) cells = read_cells (reader, sheet);

  assert_cell (cells, "B2", "s:found");
  g_assert_cmpuint (g_hash_table_size (cells), ==, 1);
}

/* Targets climbing with ".." (never above the package), explicit
 * internal ones, relationships lacking a part (ignored), external ones
 * (never a part of the package), a workbook at the package's root. */
static void
test_relationships (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "r.xlsx", NULL);
  g_autoptr(PwXlsxReader) reader = NULL;
  const char *book =
    "<workbook " NS "><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\" state=\"visible\"/>"
    "<sheet name=\"Secret\" sheetId=\"2\" r:id=\"rId1\" state=\"veryHidden\"/></sheets></workbook>";
  const char *rels =
    "<Relationships " RELS_NS ">"
    "<Relationship Type=\"" REL "worksheet\" Target=\"none.xml\"/>"
    "<Relationship Id=\"rId7\" Target=\"none.xml\"/>"
    "<Relationship Id=\"rId8\" Type=\"" REL "worksheet\"/>"
    "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" TargetMode=\"Internal\" "
    "Target=\"../../xl/worksheets/../worksheets/./sheet1.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" Target=\"../xl/sharedStrings.xml\"/></Relationships>";

  write_package (path, ROOT_RELS ("xl/workbook.xml"), "xl/workbook.xml", book, rels, "xl/worksheets/sheet1.xml");
  assert_found (path, "Data");
  reader = open_ok (path);
  g_assert_false (pw_xlsx_reader_sheet_hidden (reader, "Data"));
  g_assert_true (pw_xlsx_reader_sheet_hidden (reader, "Secret"));
  g_assert_false (pw_xlsx_reader_sheet_hidden (reader, "Nowhere"));

  write_package (path, ROOT_RELS ("/book.xml"), "book.xml",
                 "<workbook " NS "><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                 "<Relationships " RELS_NS "><Relationship Id=\"rId1\" Type=\"" REL "worksheet\" "
                 "Target=\"sheets/one.xml\"/><Relationship Id=\"rId2\" Type=\"" REL "sharedStrings\" "
                 "Target=\"xl/sharedStrings.xml\"/></Relationships>", "sheets/one.xml");
  assert_found (path, "Data");

  write_package (path, ROOT_RELS ("xl/workbook.xml"), "xl/workbook.xml",
                 "<workbook " NS "><sheets><sheet name=\"Web\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                 "<Relationships " RELS_NS "><Relationship Id=\"rId1\" Type=\"" REL "worksheet\" "
                 "Target=\"http://example.org/xl/worksheets/sheet1.xml\" TargetMode=\"External\"/></Relationships>",
                 "xl/worksheets/sheet1.xml");
  assert_open_fails (path, PW_XLSX_ERROR_CORRUPT, "r.xlsx: the file is damaged: the workbook lists sheet “Web” "
                     "but not where it is");

  write_package (path, ROOT_RELS ("xl/workbook.xml"), "xl/workbook.xml",
                 "<workbook " NS "><sheets><sheet name=\"Data\" sheetId=\"1\"/></sheets></workbook>", rels,
                 "xl/worksheets/sheet1.xml");
  assert_open_fails (path, PW_XLSX_ERROR_CORRUPT, "r.xlsx: xl/workbook.xml lists a sheet without a name");
  write_package (path, ROOT_RELS ("xl/workbook.xml"), "xl/workbook.xml",
                 "<workbook " NS "><sheets><sheet sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", rels,
                 "xl/worksheets/sheet1.xml");
  assert_open_fails (path, PW_XLSX_ERROR_CORRUPT, "r.xlsx: xl/workbook.xml lists a sheet without a name");
  pw_test_rmdir (dir);
}

/* A zip is called an OpenDocument spreadsheet by its content.xml alone,
 * wherever that is in the zip, and only by that name. */
static void
test_ods (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "o.xlsx", NULL);
  Part first[] = { { "content.xml", "<office:document-content/>" }, { NULL, NULL } };
  Part upper[] = { { "mimetype", "text/plain" }, { "CONTENT.XML", "<x/>" }, { NULL, NULL } };

  write_parts (path, first);
  assert_open_fails (path, PW_XLSX_ERROR_NOT_XLSX, "o.xlsx: this is an OpenDocument spreadsheet (.ods)");
  write_parts (path, upper);
  assert_open_fails (path, PW_XLSX_ERROR_NOT_XLSX, "o.xlsx: this is a zip file but not an Excel workbook (.xlsx)");
  pw_test_rmdir (dir);
}

/* A workbook of @sheets sheets, all one part, and @rels relationships
 * (the sheets', the shared strings', then others). */
static void
write_many (const char *path,
            guint       sheets,
            guint       rels)
{
  g_autoptr(GString) book = g_string_new ("<workbook " NS "><sheets>");
  g_autoptr(GString) links = g_string_new ("<Relationships " RELS_NS ">");

  for (guint i = 1; i <= sheets; i++)
    g_string_append_printf (book, "<sheet name=\"S%u\" sheetId=\"%u\" r:id=\"rId%u\"/>", i, i, i);
  g_string_append (book, "</sheets></workbook>");
  for (guint i = 1; i <= rels; i++)
    g_string_append_printf (links, "<Relationship Id=\"rId%u\" Type=\"" REL "%s\" Target=\"%s\"/>", i,
                            i <= sheets ? "worksheet" : i == sheets + 1 ? "sharedStrings" : "customXml",
                            i == sheets + 1 ? "sharedStrings.xml" : "worksheets/sheet1.xml");
  g_string_append (links, "</Relationships>");
  write_package (path, ROOT_RELS ("xl/workbook.xml"), "xl/workbook.xml", book->str, links->str,
                 "xl/worksheets/sheet1.xml");
}

/* Each limit is taken exactly and refused one past: sheets, parts,
 * nesting, a text's escapes, the file's size. */
static void
test_limits (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "l.xlsx", NULL);
  g_autoptr(GString) deep = g_string_new ("<worksheet " NS ">");
  g_autoptr(GString) escaped = g_string_new (NULL);
  g_autofree char *sheet = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;

  write_many (path, PW_XLSX_MAX_SHEETS, PW_XLSX_MAX_SHEETS * 4);
  assert_found (path, "S1000");
  write_many (path, PW_XLSX_MAX_SHEETS + 1, PW_XLSX_MAX_SHEETS + 2);
  assert_open_fails (path, PW_XLSX_ERROR_TOO_LARGE, "l.xlsx: the file has more than 1000 sheets");
  write_many (path, 1, PW_XLSX_MAX_SHEETS * 4 + 1);
  assert_open_fails (path, PW_XLSX_ERROR_TOO_LARGE, "l.xlsx: xl/_rels/workbook.xml.rels lists too many parts");

  for (guint i = 1; i < 256; i++)
    g_string_append (deep, "<x>");
  for (guint i = 1; i < 256; i++)
    g_string_append (deep, "</x>");
  g_string_append (deep, "</worksheet>");
  write_book (path, deep->str, NULL);
  {
    g_autoptr(PwXlsxReader) reader = open_ok (path);
    g_hash_table_unref (read_cells (reader, "Data"));
  }
  g_string_insert (deep, strlen ("<worksheet " NS ">"), "<x>");
  g_string_insert (deep, deep->len - strlen ("</worksheet>"), "</x>");
  write_book (path, deep->str, NULL);
  assert_read_fails (path, PW_XLSX_ERROR_CORRUPT, "sheet “Data” is nested too deeply");

  /* The longest text: every character escaped as a surrogate pair. */
  for (guint i = 0; i < PW_XLSX_MAX_TEXT_CHARS; i++)
    g_string_append (escaped, "_xD83D__xDE00_");
  sheet = g_strdup_printf (SHEET ("<row><c t=\"inlineStr\"><is><t>%s</t></is></c></row>"), escaped->str);
  write_book (path, sheet, NULL);
  {
    g_autoptr(PwXlsxReader) reader = open_ok (path);
    g_autoptr(GHashTable) cells = read_cells (reader, "Data");
    const char *text = g_hash_table_lookup (cells, "A1");

    g_assert_nonnull (text);
    g_assert_cmpuint (g_utf8_strlen (text + 2, -1), ==, PW_XLSX_MAX_TEXT_CHARS);
  }

  /* Exactly the largest file is opened (and found damaged here). */
  big = g_malloc0 (PW_XLSX_MAX_FILE_BYTES);
  memcpy (big, "PK\x03\x04", 4);
  g_assert_true (g_file_set_contents (path, big, PW_XLSX_MAX_FILE_BYTES, &error));
  assert_open_fails (path, PW_XLSX_ERROR_CORRUPT, "l.xlsx: the file is damaged or incomplete");
  pw_test_rmdir (dir);
}

static gboolean
count_cell (const PwXlsxCell  *cell,
            gpointer           user_data,
            GError           **error)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* Reads sheet Data of @path: the number of cells, or 0 with @needle in
 * the message. */
static guint
count_cells (const char *path,
             const char *needle)
{
  g_autoptr(PwXlsxReader) reader = open_ok (path);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (pw_xlsx_reader_read_sheet (reader, "Data", count_cell, &n, NULL, &error))
    {
      g_assert_no_error (error);
      return n;
    }
  g_assert_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_TOO_LARGE);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” lacks “%s”", error->message, needle);
  return 0;
}

/* A million texts, and a million cells in a sheet, are taken; one more is
 * refused. */
static void
test_counts (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.xlsx", NULL);
  g_autoptr(GString) strings = g_string_new ("<sst " NS ">");
  g_autoptr(GString) sheet = g_string_new ("<worksheet " NS "><sheetData>");
  const char *one = SHEET ("<row><c t=\"s\"><v>0</v></c></row>");

  for (guint i = 0; i < PW_XLSX_MAX_STRINGS; i++)
    g_string_append (strings, "<si/>");
  g_string_append (strings, "</sst>");
  write_book (path, one, strings->str);
  g_assert_cmpuint (count_cells (path, NULL), ==, 1);
  g_string_insert (strings, strings->len - strlen ("</sst>"), "<si/>");
  write_book (path, one, strings->str);
  g_assert_cmpuint (count_cells (path, "xl/sharedStrings.xml holds more than 1000000 texts"), ==, 0);

  for (guint r = 1; r <= PW_XLSX_MAX_CELLS / 1000; r++)
    {
      g_string_append (sheet, "<row>");
      for (guint c = 0; c < 1000; c++)
        g_string_append (sheet, "<c><v>1</v></c>");
      g_string_append (sheet, "</row>");
    }
  g_string_append (sheet, "</sheetData></worksheet>");
  write_book (path, sheet->str, NULL);
  g_assert_cmpuint (count_cells (path, NULL), ==, PW_XLSX_MAX_CELLS);
  g_string_insert (sheet, sheet->len - strlen ("</sheetData></worksheet>"), "<row><c><v>1</v></c></row>");
  write_book (path, sheet->str, NULL);
  g_assert_cmpuint (count_cells (path, "sheet “Data” has more than 1000000 cells"), ==, 0);
  pw_test_rmdir (dir);
}

/* A reference outside the grid is a caller's error: no text, a warning. */
static void
test_format_ref_bounds (void)
{
  struct { guint row, col; } bad[] = { { 0, 1 }, { 1, 0 }, { 1, PW_XLSX_MAX_COL + 1 } };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*pw_xlsx_format_ref*assertion*failed*");
      g_assert_null (pw_xlsx_format_ref (bad[i].row, bad[i].col));
      g_test_assert_expected_messages ();
    }
  check_cell_name ("Q1_data", 2, 1, "Q1_data!A2");
  check_cell_name ("v1.2", 1, 1, "v1.2!A1");
  check_cell_name ("1st", 1, 1, "'1st'!A1");
  check_cell_name ("A-B", 1, 1, "'A-B'!A1");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx-reader/ref", test_ref);
  g_test_add_func ("/xlsx-reader/xlsxwriter", test_xlsxwriter);
  g_test_add_func ("/xlsx-reader/openpyxl", test_openpyxl);
  g_test_add_func ("/xlsx-reader/libreoffice", test_libreoffice);
  g_test_add_func ("/xlsx-reader/handmade", test_handmade);
  g_test_add_func ("/xlsx-reader/strict", test_strict);
  g_test_add_func ("/xlsx-reader/not-xlsx", test_not_xlsx);
  g_test_add_func ("/xlsx-reader/encrypted", test_encrypted);
  g_test_add_func ("/xlsx-reader/truncated", test_truncated);
  g_test_add_func ("/xlsx-reader/damaged-parts", test_damaged_parts);
  g_test_add_func ("/xlsx-reader/bomb", test_bomb);
  g_test_add_func ("/xlsx-reader/too-large", test_too_large);
  g_test_add_func ("/xlsx-reader/stop", test_stop);
  g_test_add_func ("/xlsx-reader/texts", test_texts);
  g_test_add_func ("/xlsx-reader/grid-edges", test_grid_edges);
  g_test_add_func ("/xlsx-reader/relationships", test_relationships);
  g_test_add_func ("/xlsx-reader/ods", test_ods);
  g_test_add_func ("/xlsx-reader/limits", test_limits);
  g_test_add_func ("/xlsx-reader/counts", test_counts);
  g_test_add_func ("/xlsx-reader/format-ref-bounds", test_format_ref_bounds);
  return g_test_run ();
}

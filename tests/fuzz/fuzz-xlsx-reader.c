/* libFuzzer target for the xlsx reader (app/pw-xlsx-reader.c).
 *
 * Build and run from the top of the tree, after `meson setup build`
 * (for build/config.h):
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
 *     -Iapp -Ibuild tests/fuzz/fuzz-xlsx-reader.c app/pw-xlsx-reader.c \
 *     $(pkg-config --cflags --libs gio-2.0 libzip expat) -o build/fuzz-xlsx-reader
 *   build/fuzz-xlsx-reader -max_len=65536 -rss_limit_mb=1024 -max_total_time=300 \
 *     tests/fuzz/corpus/xlsx-reader
 *
 * Mutating a real .xlsx mostly breaks its checksums and deflate streams,
 * so the first byte picks a mode.  Even: the rest is the file.  Odd: the
 * rest is up to four XML parts separated by NUL bytes (sheet, shared
 * strings, workbook, workbook relationships), stored uncompressed in a
 * package made here, so the mutations reach the XML handling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <zip.h>

#include "pw-xlsx-reader.h"

#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char *const names[] = {
  "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
};
static const char *const defaults[] = {
  "<worksheet><sheetData/></worksheet>",
  "<sst/>",
  "<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\" "
  "xmlns:r=\"" REL "\"/></sheets></workbook>",
  "<Relationships><Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
};
static const char root_rels[] =
  "<Relationships><Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"xl/workbook.xml\"/>"
  "</Relationships>";

static void
add_stored (zip_t      *zip,
            const char *name,
            const void *data,
            gsize       len)
{
  zip_source_t *source = zip_source_buffer (zip, data, len, 0);
  zip_int64_t index = zip_file_add (zip, name, source, ZIP_FL_OVERWRITE);

  g_assert (index >= 0);
  zip_set_file_compression (zip, index, ZIP_CM_STORE, 0);
}

/* A package of the NUL-separated parts in @data, the rest by default. */
static GBytes *
make_package (const guint8 *data,
              gsize         len)
{
  zip_error_t zerr;
  zip_source_t *out;
  zip_t *zip;
  zip_stat_t st;
  guint8 *bytes;
  const guint8 *p = data, *end = data + len;

  zip_error_init (&zerr);
  out = zip_source_buffer_create (NULL, 0, 0, &zerr);
  zip = zip_open_from_source (out, ZIP_TRUNCATE, &zerr);
  g_assert (zip != NULL);
  zip_source_keep (out);
  add_stored (zip, "_rels/.rels", root_rels, strlen (root_rels));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const guint8 *nul = p < end ? memchr (p, 0, end - p) : NULL;
      const guint8 *stop = nul ? nul : end;

      if (p < end)
        add_stored (zip, names[i], p, stop - p);
      else
        add_stored (zip, names[i], defaults[i], strlen (defaults[i]));
      p = nul ? nul + 1 : end;
    }
  g_assert (zip_close (zip) == 0);
  g_assert (zip_source_stat (out, &st) == 0 && zip_source_open (out) == 0);
  bytes = g_malloc (st.size);
  g_assert (zip_source_read (out, bytes, st.size) == (zip_int64_t) st.size);
  zip_source_close (out);
  zip_source_free (out);
  zip_error_fini (&zerr);
  return g_bytes_new_take (bytes, st.size);
}

static gboolean
check_cell (const PwXlsxCell  *cell,
            gpointer           user_data,
            GError           **error)
{
  g_autofree char *ref = pw_xlsx_format_ref (cell->row, cell->col);
  guint row = 0, col = 0;

  g_assert (cell->row >= 1 && cell->row <= PW_XLSX_MAX_ROW);
  g_assert (cell->col >= 1 && cell->col <= PW_XLSX_MAX_COL);
  g_assert (cell->kind <= PW_XLSX_CELL_NO_VALUE);
  g_assert (g_utf8_validate (cell->text, -1, NULL));
  g_assert (g_utf8_strlen (cell->text, -1) <= PW_XLSX_MAX_TEXT_CHARS);
  g_assert (pw_xlsx_parse_ref (ref, &row, &col) && row == cell->row && col == cell->col);
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PwXlsxReader) reader = NULL;
  g_auto(GStrv) sheets = NULL;

  if (size == 0)
    return 0;
  bytes = data[0] & 1 ? make_package (data + 1, size - 1) : g_bytes_new (data + 1, size - 1);
  reader = pw_xlsx_reader_open_bytes (bytes, "fuzz.xlsx", NULL, NULL);
  if (reader == NULL)
    return 0;
  sheets = pw_xlsx_reader_sheet_names (reader);
  for (guint i = 0; sheets[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!pw_xlsx_reader_read_sheet (reader, sheets[i], check_cell, NULL, NULL, &error))
        g_assert (error != NULL && error->message != NULL);
    }
  return 0;
}

/* pw-xlsx-reader.c — opens an .xlsx file and finds its sheets by name
 *
 * An .xlsx is a zip of XML parts: _rels/.rels names the workbook part,
 * the workbook lists the sheets by name and relationship id, and the
 * workbook's relationships give each sheet's part and the shared strings.
 * Parts are inflated in chunks straight into expat, so a sheet is never
 * held in memory whole; only the shared strings are (cells refer to them
 * by index).  Every byte inflated is counted against the limits in the
 * header, because a zip's declared sizes can lie.
 *
 * Element and attribute names are matched by local name, which covers
 * both the transitional and the strict OOXML namespaces.
 *
 * What the parts hold (the shared strings, a worksheet's cells) is read
 * in pw-xlsx-sheet.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <expat.h>
#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "pw-xlsx-private.h"

G_DEFINE_QUARK (pw-xlsx-error-quark, pw_xlsx_error)

#define CHUNK_BYTES (64 * 1024)
#define MAX_DEPTH 256
/* An escaped character (_xD83D__xDE00_) takes at most 14 bytes. */
#define MAX_RAW_TEXT (PW_XLSX_MAX_TEXT_CHARS * 14)
#define OLE_MAGIC "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

G_DEFINE_FINAL_TYPE (PwXlsxReader, pw_xlsx_reader, G_TYPE_OBJECT)

static void
sheet_free (gpointer data)
{
  Sheet *sheet = data;

  g_free (sheet->name);
  g_free (sheet->folded);
  g_free (sheet->rel_id);
  g_free (sheet->part);
  g_free (sheet);
}

static void
pw_xlsx_reader_finalize (GObject *object)
{
  PwXlsxReader *self = PW_XLSX_READER (object);

  if (self->zip != NULL)
    zip_discard (self->zip);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_ptr_array_unref);
  g_clear_pointer (&self->chunk, g_string_chunk_free);
  g_free (self->strings_part);
  g_free (self->name);
  G_OBJECT_CLASS (pw_xlsx_reader_parent_class)->finalize (object);
}

static void
pw_xlsx_reader_class_init (PwXlsxReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_xlsx_reader_finalize;
}

static void
pw_xlsx_reader_init (PwXlsxReader *self)
{
  self->sheets = g_ptr_array_new_with_free_func (sheet_free);
}

/* Every message starts with the file's name. */
static void
set_error_va (PwXlsxReader  *self,
              GError       **error,
              PwXlsxError    code,
              const char    *format,
              va_list        args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error (error, PW_XLSX_ERROR, code, "%s: %s", self->name, message);
}

gboolean G_GNUC_PRINTF (4, 5)
fail (PwXlsxReader  *self,
      GError       **error,
      PwXlsxError    code,
      const char    *format,
      ...)
{
  va_list args;

  va_start (args, format);
  set_error_va (self, error, code, format, args);
  va_end (args);
  return FALSE;
}

void G_GNUC_PRINTF (3, 4)
parse_fail (Parse       *p,
            PwXlsxError  code,
            const char  *format,
            ...)
{
  va_list args;

  if (p->error != NULL)
    return;
  va_start (args, format);
  set_error_va (p->reader, &p->error, code, format, args);
  va_end (args);
  XML_StopParser (p->xml, XML_FALSE);
}

static gboolean
zip_failure (PwXlsxReader  *self,
             zip_error_t   *zerr,
             const char    *part,
             GError       **error)
{
  switch (zip_error_code_zip (zerr))
    {
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
    case ZIP_ER_ENCRNOTSUPP:
      return fail (self, error, PW_XLSX_ERROR_ENCRYPTED,
                   _("the file is password-protected or encrypted. Save it without a password and try again."));
    default:
      return fail (self, error, PW_XLSX_ERROR_CORRUPT,
                   _("the file is damaged (%s: %s). Open it in Excel or LibreOffice, save it again and retry."),
                   part, zip_error_strerror (zerr));
    }
}

static const char *
local_name (const char *name)
{
  const char *bar = strrchr (name, '|');

  return bar ? bar + 1 : name;
}

const char *
attr (const char **atts,
      const char  *name)
{
  for (guint i = 0; atts[i] != NULL; i += 2)
    if (strcmp (local_name (atts[i]), name) == 0)
      return atts[i + 1];
  return NULL;
}

static void
on_start (void           *data,
          const XML_Char *name,
          const XML_Char **atts)
{
  Parse *p = data;

  if (++p->depth > MAX_DEPTH)
    parse_fail (p, PW_XLSX_ERROR_CORRUPT, _("%s is nested too deeply to be a spreadsheet"), p->where);
  if (p->error == NULL)
    p->start (p, local_name (name), atts);
}

static void
on_end (void           *data,
        const XML_Char *name)
{
  Parse *p = data;

  p->depth--;
  if (p->error == NULL)
    p->end (p, local_name (name));
}

static void
on_text (void           *data,
         const XML_Char *s,
         int             len)
{
  Parse *p = data;

  if (!p->collecting || p->error != NULL)
    return;
  if (p->text->len + len > MAX_RAW_TEXT)
    parse_fail (p, PW_XLSX_ERROR_TOO_LARGE, _("%s holds a text longer than %d characters"),
                p->where, PW_XLSX_MAX_TEXT_CHARS);
  else
    g_string_append_len (p->text, s, len);
}

/* A DOCTYPE could declare entities (the "billion laughs"); no part of an
 * .xlsx has one, so the first sign of one ends the parse. */
static void
on_doctype (void           *data,
            const XML_Char *name,
            const XML_Char *sysid,
            const XML_Char *pubid,
            int             has_internal_subset)
{
  Parse *p = data;

  parse_fail (p, PW_XLSX_ERROR_CORRUPT, _("%s declares a DOCTYPE, which no spreadsheet does"), p->where);
}

static void
on_entity (void           *data,
           const XML_Char *name,
           int             is_parameter,
           const XML_Char *value,
           int             len,
           const XML_Char *base,
           const XML_Char *sysid,
           const XML_Char *pubid,
           const XML_Char *notation)
{
  on_doctype (data, NULL, NULL, NULL, 0);
}

static gboolean
xml_failure (Parse   *p,
             GError **error)
{
  if (p->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&p->error));
      return FALSE;
    }
  return fail (p->reader, error, PW_XLSX_ERROR_CORRUPT,
               _("the file is damaged: %s, line %lu: %s. Open it in Excel or LibreOffice, save it again and retry."),
               p->where, (unsigned long) XML_GetCurrentLineNumber (p->xml),
               XML_ErrorString (XML_GetErrorCode (p->xml)));
}

static gboolean
count_inflated (Parse   *p,
                guint64 *entry,
                gsize    n,
                GError **error)
{
  PwXlsxReader *self = p->reader;

  *entry += n;
  self->inflated += n;
  if (*entry > PW_XLSX_MAX_ENTRY_BYTES)
    return fail (self, error, PW_XLSX_ERROR_TOO_LARGE,
                 _("%s unpacks to more than %d MB, far more than a spreadsheet form holds"),
                 p->where, PW_XLSX_MAX_ENTRY_BYTES >> 20);
  if (self->inflated > PW_XLSX_MAX_TOTAL_BYTES)
    return fail (self, error, PW_XLSX_ERROR_TOO_LARGE,
                 _("the file unpacks to more than %d MB in all, far more than a spreadsheet form holds"),
                 PW_XLSX_MAX_TOTAL_BYTES >> 20);
  return TRUE;
}

static gboolean
feed (Parse         *p,
      zip_file_t    *file,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autofree char *buf = g_malloc (CHUNK_BYTES);
  guint64 entry = 0;

  for (;;)
    {
      zip_int64_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      n = zip_fread (file, buf, CHUNK_BYTES);
      if (n < 0)
        return zip_failure (p->reader, zip_file_get_error (file), p->where, error);
      if (!count_inflated (p, &entry, n, error))
        return FALSE;
      if (XML_Parse (p->xml, buf, n, n == 0) != XML_STATUS_OK || p->error != NULL)
        return xml_failure (p, error);
      if (n == 0)
        return TRUE;
    }
}

static XML_Parser
new_parser (Parse *p)
{
  XML_Parser xml = XML_ParserCreateNS (NULL, '|');

  if (xml == NULL)
    g_error ("out of memory");
  XML_SetUserData (xml, p);
  XML_SetElementHandler (xml, on_start, on_end);
  XML_SetCharacterDataHandler (xml, on_text);
  XML_SetStartDoctypeDeclHandler (xml, on_doctype);
  XML_SetEntityDeclHandler (xml, on_entity);
  XML_SetParamEntityParsing (xml, XML_PARAM_ENTITY_PARSING_NEVER);
  return xml;
}

/* Streams @part through @p's callbacks; @where names it in messages. */
gboolean
parse_part (Parse         *p,
            const char    *part,
            const char    *where,
            GCancellable  *cancellable,
            GError       **error)
{
  PwXlsxReader *self = p->reader;
  zip_int64_t index = zip_name_locate (self->zip, part, ZIP_FL_NOCASE);
  zip_file_t *file;
  gboolean ok;

  p->where = where ? where : part;
  if (index < 0)
    return fail (self, error, PW_XLSX_ERROR_CORRUPT,
                 _("the file is damaged: its part %s is missing. Open it in Excel or LibreOffice, save it again and retry."),
                 part);
  file = zip_fopen_index (self->zip, index, 0);
  if (file == NULL)
    return zip_failure (self, zip_get_error (self->zip), part, error);
  p->text = g_string_new (NULL);
  p->xml = new_parser (p);
  ok = feed (p, file, cancellable, error);
  XML_ParserFree (p->xml);
  zip_fclose (file);
  g_string_free (p->text, TRUE);
  g_clear_error (&p->error);
  return ok;
}

/* Relationships: id → resolved part, for one part's .rels. */
typedef struct
{
  Parse base;
  char *dir;                   /* of the source part; "" for the package */
  GHashTable *targets;         /* id → part */
  GHashTable *types;           /* id → relationship type */
} RelsParse;

/* A target is relative to its source's folder, or absolute from the
 * package root ("/xl/worksheets/sheet1.xml", as openpyxl writes). */
static char *
resolve_target (const char *dir,
                const char *target)
{
  g_autofree char *joined = target[0] == '/' ? g_strdup (target) : g_strconcat (dir, "/", target, NULL);
  g_auto(GStrv) parts = g_strsplit (joined, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (strcmp (parts[i], "..") == 0 && kept->len > 0)
        g_ptr_array_remove_index (kept, kept->len - 1);
      else if (parts[i][0] != '\0' && strcmp (parts[i], ".") != 0 && strcmp (parts[i], "..") != 0)
        g_ptr_array_add (kept, parts[i]);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static void
rels_start (Parse       *p,
            const char  *element,
            const char **atts)
{
  RelsParse *rp = (RelsParse *) p;
  const char *id = attr (atts, "Id"), *type = attr (atts, "Type"), *target = attr (atts, "Target");
  const char *mode = attr (atts, "TargetMode");

  if (strcmp (element, "Relationship") != 0 || id == NULL || type == NULL || target == NULL
      || (mode != NULL && strcmp (mode, "External") == 0))
    return;
  if (g_hash_table_size (rp->targets) >= PW_XLSX_MAX_SHEETS * 4)
    {
      parse_fail (p, PW_XLSX_ERROR_TOO_LARGE, _("%s lists too many parts"), p->where);
      return;
    }
  g_hash_table_replace (rp->targets, g_strdup (id), resolve_target (rp->dir, target));
  g_hash_table_replace (rp->types, g_strdup (id), g_strdup (type));
}

static void
ignore_end (Parse      *p,
            const char *element)
{
}

static gboolean
read_rels (PwXlsxReader  *self,
           const char    *source,
           RelsParse     *rp,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (source);
  g_autofree char *base = g_path_get_basename (source);
  g_autofree char *part = NULL;

  if (*source == '\0')
    part = g_strdup ("_rels/.rels");
  else if (strcmp (dir, ".") == 0)
    part = g_strdup_printf ("_rels/%s.rels", base);
  else
    part = g_strdup_printf ("%s/_rels/%s.rels", dir, base);

  rp->base.reader = self;
  rp->base.start = rels_start;
  rp->base.end = ignore_end;
  rp->dir = g_strdup (strcmp (dir, ".") == 0 ? "" : dir);
  rp->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rp->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return parse_part (&rp->base, part, NULL, cancellable, error);
}

static void
rels_clear (RelsParse *rp)
{
  g_clear_pointer (&rp->targets, g_hash_table_unref);
  g_clear_pointer (&rp->types, g_hash_table_unref);
  g_clear_pointer (&rp->dir, g_free);
}

/* The id of a relationship whose type ends with @suffix ("/worksheet"). */
static const char *
find_rel (RelsParse  *rp,
          const char *suffix)
{
  GHashTableIter iter;
  gpointer id, type;

  g_hash_table_iter_init (&iter, rp->types);
  while (g_hash_table_iter_next (&iter, &id, &type))
    if (g_str_has_suffix (type, suffix))
      return id;
  return NULL;
}

static void
workbook_start (Parse       *p,
                const char  *element,
                const char **atts)
{
  PwXlsxReader *self = p->reader;
  const char *name = attr (atts, "name"), *id = attr (atts, "id"), *state = attr (atts, "state");
  Sheet *sheet;

  if (strcmp (element, "sheet") != 0)
    return;
  if (name == NULL || id == NULL)
    {
      parse_fail (p, PW_XLSX_ERROR_CORRUPT, _("%s lists a sheet without a name"), p->where);
      return;
    }
  if (self->sheets->len >= PW_XLSX_MAX_SHEETS)
    {
      parse_fail (p, PW_XLSX_ERROR_TOO_LARGE, _("the file has more than %d sheets"), PW_XLSX_MAX_SHEETS);
      return;
    }
  sheet = g_new0 (Sheet, 1);
  sheet->name = g_strdup (name);
  sheet->folded = g_utf8_casefold (name, -1);
  sheet->rel_id = g_strdup (id);
  sheet->hidden = state != NULL && strcmp (state, "visible") != 0;
  g_ptr_array_add (self->sheets, sheet);
}

static gboolean
not_a_workbook (PwXlsxReader  *self,
                GError       **error)
{
  if (zip_name_locate (self->zip, "content.xml", 0) >= 0)
    return fail (self, error, PW_XLSX_ERROR_NOT_XLSX,
                 _("this is an OpenDocument spreadsheet (.ods), not an Excel workbook (.xlsx). "
                   "Save it as an Excel 2007-365 workbook and try again."));
  return fail (self, error, PW_XLSX_ERROR_NOT_XLSX,
               _("this is a zip file but not an Excel workbook (.xlsx)"));
}

/* The workbook part, as the package's own relationships name it. */
static char *
find_workbook (PwXlsxReader  *self,
               GCancellable  *cancellable,
               GError       **error)
{
  RelsParse rp = { { 0 } };
  const char *id;
  char *part = NULL;

  if (zip_name_locate (self->zip, "_rels/.rels", ZIP_FL_NOCASE) < 0)
    {
      not_a_workbook (self, error);
      return NULL;
    }
  if (read_rels (self, "", &rp, cancellable, error))
    {
      id = find_rel (&rp, "/officeDocument");
      if (id != NULL && zip_name_locate (self->zip, g_hash_table_lookup (rp.targets, id), ZIP_FL_NOCASE) >= 0)
        part = g_strdup (g_hash_table_lookup (rp.targets, id));
      else
        not_a_workbook (self, error);
    }
  rels_clear (&rp);
  return part;
}

static gboolean
link_sheets (PwXlsxReader  *self,
             RelsParse     *rp,
             GError       **error)
{
  const char *strings = find_rel (rp, "/sharedStrings");

  for (guint i = 0; i < self->sheets->len; i++)
    {
      Sheet *sheet = self->sheets->pdata[i];
      const char *type = g_hash_table_lookup (rp->types, sheet->rel_id);

      if (type == NULL)
        return fail (self, error, PW_XLSX_ERROR_CORRUPT,
                     _("the file is damaged: the workbook lists sheet “%s” but not where it is"), sheet->name);
      if (g_str_has_suffix (type, "/worksheet"))
        sheet->part = g_strdup (g_hash_table_lookup (rp->targets, sheet->rel_id));
    }
  if (strings != NULL)
    self->strings_part = g_strdup (g_hash_table_lookup (rp->targets, strings));
  return TRUE;
}

static gboolean
read_workbook (PwXlsxReader  *self,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *part = find_workbook (self, cancellable, error);
  Parse wp = { .reader = self, .start = workbook_start, .end = ignore_end };
  RelsParse rp = { { 0 } };
  gboolean ok;

  if (part == NULL || !parse_part (&wp, part, NULL, cancellable, error))
    return FALSE;
  ok = read_rels (self, part, &rp, cancellable, error) && link_sheets (self, &rp, error);
  rels_clear (&rp);
  return ok;
}

static gboolean
open_zip (PwXlsxReader  *self,
          GError       **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (self->bytes, &len);
  zip_error_t zerr;
  zip_source_t *source;

  if (len > PW_XLSX_MAX_FILE_BYTES)
    return fail (self, error, PW_XLSX_ERROR_TOO_LARGE, _("the file is larger than %d MB, far larger than a form"),
                 PW_XLSX_MAX_FILE_BYTES >> 20);
  if (len == 0)     /* libzip would take it for an empty archive */
    return fail (self, error, PW_XLSX_ERROR_NOT_XLSX, _("the file is empty"));
  /* Excel wraps a password-protected .xlsx in an OLE compound file, the
   * container of the old .xls format too. */
  if (len >= 8 && memcmp (data, OLE_MAGIC, 8) == 0)
    return fail (self, error, PW_XLSX_ERROR_ENCRYPTED,
                 _("the file is password-protected or encrypted, or an old-style .xls workbook. "
                   "Save it as an Excel workbook (.xlsx) without a password and try again."));
  zip_error_init (&zerr);
  source = zip_source_buffer_create (data, len, 0, &zerr);
  if (source != NULL && (self->zip = zip_open_from_source (source, ZIP_RDONLY, &zerr)) == NULL)
    zip_source_free (source);
  zip_error_fini (&zerr);
  if (self->zip != NULL)
    return TRUE;
  if (len >= 2 && data[0] == 'P' && data[1] == 'K')
    return fail (self, error, PW_XLSX_ERROR_CORRUPT,
                 _("the file is damaged or incomplete. If it came by email, save the attachment again."));
  return fail (self, error, PW_XLSX_ERROR_NOT_XLSX, _("this is not an Excel workbook (.xlsx)"));
}

/**
 * pw_xlsx_reader_open_bytes:
 * @bytes: the whole file
 * @name: what to call the file in messages
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error
 */
PwXlsxReader *
pw_xlsx_reader_open_bytes (GBytes        *bytes,
                           const char    *name,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(PwXlsxReader) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!pw_zip_load (error))
    return NULL;
  self = g_object_new (PW_TYPE_XLSX_READER, NULL);
  self->name = g_strdup (name);
  self->bytes = g_bytes_ref (bytes);
  if (!open_zip (self, error) || !read_workbook (self, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

static GBytes *
read_capped (const char    *path,
             const char    *name,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, &local);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree guint8 *buf = g_malloc (CHUNK_BYTES);
  gssize n = 1;

  while (in != NULL && n > 0 && data->len <= PW_XLSX_MAX_FILE_BYTES)
    {
      n = g_input_stream_read (G_INPUT_STREAM (in), buf, CHUNK_BYTES, cancellable, &local);
      if (n > 0)
        g_byte_array_append (data, buf, n);
    }
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local));
  else if (local != NULL)
    g_set_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_READ, _("Cannot read “%s”: %s"), name, local->message);
  else
    return g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return NULL;
}

/**
 * pw_xlsx_reader_open:
 *
 * Reads the file (at most %PW_XLSX_MAX_FILE_BYTES and one byte) and its
 * list of sheets.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error
 */
PwXlsxReader *
pw_xlsx_reader_open (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_basename (path);
  bytes = read_capped (path, name, cancellable, error);
  return bytes ? pw_xlsx_reader_open_bytes (bytes, name, cancellable, error) : NULL;
}

Sheet *
find_sheet (PwXlsxReader *self,
            const char   *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < self->sheets->len; i++)
    {
      Sheet *sheet = self->sheets->pdata[i];

      if (strcmp (sheet->folded, folded) == 0)
        return sheet;
    }
  return NULL;
}

/**
 * pw_xlsx_reader_sheet_names:
 *
 * Returns: (transfer full): every sheet's name in workbook order, hidden
 *   ones and chart sheets included
 */
GStrv
pw_xlsx_reader_sheet_names (PwXlsxReader *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PW_IS_XLSX_READER (self), NULL);

  for (guint i = 0; i < self->sheets->len; i++)
    g_strv_builder_add (builder, ((Sheet *) self->sheets->pdata[i])->name);
  return g_strv_builder_end (builder);
}

/* Whether the file has a worksheet called @name; like Excel, the case of
 * the letters does not matter. */
gboolean
pw_xlsx_reader_has_sheet (PwXlsxReader *self,
                          const char   *name)
{
  Sheet *sheet;

  g_return_val_if_fail (PW_IS_XLSX_READER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  sheet = find_sheet (self, name);
  return sheet != NULL && sheet->part != NULL;
}

gboolean
pw_xlsx_reader_sheet_hidden (PwXlsxReader *self,
                             const char   *name)
{
  Sheet *sheet;

  g_return_val_if_fail (PW_IS_XLSX_READER (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  sheet = find_sheet (self, name);
  return sheet != NULL && sheet->hidden;
}

/* pw-csv.c — reads a CSV file into records with line numbers, within bounds
 *
 * libcsv does the quoting rules (commas, doubled quotes and line breaks
 * inside quotes, CRLF or LF).  It does not count lines, so the data is fed
 * one physical line at a time: a record starts on the line being fed when
 * the parser was between records before it.  A long line is fed in chunks,
 * so that an over-long field is refused, and Cancel heard, while it grows.
 *
 * Only a regular file is read (a pipe or a device could block or never
 * end), and only up to PW_CSV_MAX_BYTES.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <csv.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pw-csv.h"

G_DEFINE_QUARK (pw-csv-error-quark, pw_csv_error)

#define UTF8_BOM "\xEF\xBB\xBF"
#define CHUNK 65536            /* bytes fed, read or reported on at a time */

typedef struct
{
  const char *name;
  GPtrArray *records;          /* of PwCsvRecord*, owned */
  gboolean in_record;          /* a field of a record has been seen */
  GString *text;               /* the record's fields so far, each NUL-terminated */
  GArray *starts;              /* of guint32: where each is in @text */
  guint extra;                 /* fields of the record past the header's width, counted only */
  guint start_line;
  guint line;                  /* being fed */
  GError *error;               /* set by a callback; stops the parse */
} Reader;

static guint
header_width (Reader *r)
{
  return r->records->len > 0 ? ((PwCsvRecord *) g_ptr_array_index (r->records, 0))->n_fields
                             : PW_CSV_MAX_COLUMNS;
}

static void
field_too_long (Reader *r,
                guint   column)
{
  g_autofree char *hint = r->line > r->start_line
    ? g_strdup_printf (_(" It runs on to line %u: is a closing quote missing?"), r->line)
    : g_strdup ("");

  g_set_error (&r->error, PW_CSV_ERROR, PW_CSV_ERROR_LIMIT,
               _("%s: line %u, column %u: the text is longer than %s characters, the most a spreadsheet cell "
                 "holds.%s"), r->name, r->start_line, column, "32,767", hint);
}

static void
on_field (void   *field,
          size_t  len,
          void   *data)
{
  Reader *r = data;
  guint32 start = r->text->len;

  if (r->error != NULL)
    return;
  if (!r->in_record)
    {
      r->in_record = TRUE;
      g_string_truncate (r->text, 0);
      g_array_set_size (r->starts, 0);
      r->extra = 0;
      start = 0;
    }
  if (len > PW_CSV_MAX_FIELD && g_utf8_strlen (field, len) > PW_CSV_MAX_FIELD)
    return field_too_long (r, r->starts->len + r->extra + 1);
  /* Fields past the header's width are counted for the message, not kept. */
  if (r->starts->len >= header_width (r))
    r->extra++;
  else
    {
      g_array_append_val (r->starts, start);
      g_string_append_len (r->text, field ? field : "", len);
      g_string_append_c (r->text, '\0');
    }
}

static void
on_record (int   terminator,
           void *data)
{
  Reader *r = data;
  PwCsvRecord *record;
  guint n;

  if (!r->in_record)          /* a record of one empty field: "\n" alone is skipped by libcsv */
    on_field (NULL, 0, r);
  if (r->error != NULL)
    return;
  r->in_record = FALSE;
  n = r->starts->len;
  record = g_malloc (sizeof (PwCsvRecord) + n * sizeof (guint32) + r->text->len);
  record->line = r->start_line;
  record->width = n + r->extra;
  record->n_fields = n;
  memcpy (record->start, r->starts->data, n * sizeof (guint32));
  memcpy (&record->start[n], r->text->str, r->text->len);
  if (r->records->len == 0 && r->extra > 0)
    {
      g_set_error (&r->error, PW_CSV_ERROR, PW_CSV_ERROR_LIMIT,
                   _("%s: line 1 (the header) has %u columns; an import has at most %u"),
                   r->name, record->width, PW_CSV_MAX_COLUMNS);
      g_free (record);
    }
  else
    g_ptr_array_add (r->records, record);
}

static gboolean
syntax_error (const char  *name,
              guint        line,
              GError     **error)
{
  g_set_error (error, PW_CSV_ERROR, PW_CSV_ERROR_SYNTAX,
               _("%s: line %u: the quotes do not pair up. A field with a comma, quote or line break must be "
                 "in double quotes, with a quote inside it written twice (\"\")."),
               name, line);
  return FALSE;
}

/* The whole text is checked at once; the message cites the first bad line. */
static gboolean
check_utf8 (const char  *name,
            const char  *data,
            gsize        len,
            GError     **error)
{
  const char *end = NULL;
  guint line = 1;

  if (g_utf8_validate_len (data, len, &end))
    return TRUE;
  for (const char *p = data; (p = memchr (p, '\n', end - p)) != NULL; p++)
    line++;
  g_set_error (error, PW_CSV_ERROR, PW_CSV_ERROR_ENCODING,
               _("%s: line %u is not valid UTF-8 text. Save the file as “CSV UTF-8” and try again."),
               name, line);
  return FALSE;
}

/* Feeds one physical line in chunks, stopping at a callback's error, a
 * field grown past any length that could fit the limit, or Cancel. */
static gboolean
feed_line (struct csv_parser *parser,
           Reader            *r,
           const char        *p,
           gsize              n,
           GCancellable      *cancellable,
           GError           **error)
{
  for (gsize off = 0; off < n; off += CHUNK)
    {
      gsize k = MIN (CHUNK, n - off);

      if (csv_parse (parser, p + off, k, on_field, on_record, r) != k)
        return syntax_error (r->name, r->line, error);
      if (r->error == NULL && parser->entry_pos > 4 * (gsize) PW_CSV_MAX_FIELD)  /* 4 bytes a character at most */
        field_too_long (r, (r->in_record ? r->starts->len + r->extra : 0) + 1);
      if (r->error != NULL)
        return (g_propagate_error (error, g_steal_pointer (&r->error)), FALSE);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
feed_lines (struct csv_parser *parser,
            Reader            *r,
            const char        *data,
            gsize              len,
            PwProgressFunc     progress,
            gpointer           progress_data,
            GCancellable      *cancellable,
            GError           **error)
{
  const char *p = data, *end = data + len;
  gsize reported = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = nl ? (gsize) (nl - p) + 1 : (gsize) (end - p);

      if (++r->line > PW_CSV_MAX_LINES)
        {
          g_set_error (error, PW_CSV_ERROR, PW_CSV_ERROR_LIMIT,
                       _("%s: the file has more than %s lines, the most an import reads; split it into smaller files"),
                       r->name, "1,000,000");
          return FALSE;
        }
      if (parser->pstate == 0)  /* between records */
        r->start_line = r->line;
      if (!feed_line (parser, r, p, n, cancellable, error))
        return FALSE;
      p += n;
      if (progress != NULL && (gsize) (p - data) - reported >= CHUNK * 16)
        {
          reported = p - data;
          progress ((double) reported / len, progress_data);
        }
    }
  if (csv_fini (parser, on_field, on_record, r) != 0)
    return syntax_error (r->name, r->start_line, error);
  if (r->error != NULL)
    return (g_propagate_error (error, g_steal_pointer (&r->error)), FALSE);
  return TRUE;
}

/**
 * pw_csv_read_data:
 * @name: what to call the data in messages (usually the file name)
 * @progress: (nullable): told the fraction of the data parsed, now and then
 * Returns: (transfer full): the records, of #PwCsvRecord
 */
GPtrArray *
pw_csv_read_data (const char      *name,
                  const char      *data,
                  gsize            len,
                  PwProgressFunc   progress,
                  gpointer         progress_data,
                  GCancellable    *cancellable,
                  GError         **error)
{
  struct csv_parser parser;
  Reader r = { .name = name };
  gboolean ok;

  if (len >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    data += 3, len -= 3;
  if (!check_utf8 (name, data, len, error))
    return NULL;
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("out of memory");
  r.records = g_ptr_array_new_with_free_func (g_free);
  r.text = g_string_new (NULL);
  r.starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  ok = feed_lines (&parser, &r, data, len, progress, progress_data, cancellable, error);
  csv_free (&parser);
  g_clear_error (&r.error);
  g_string_free (r.text, TRUE);
  g_array_unref (r.starts);
  if (!ok)
    g_clear_pointer (&r.records, g_ptr_array_unref);
  return r.records;
}

static gboolean
read_failed (const char  *path,
             GError      *local,
             GError     **error)
{
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, local);
  else
    {
      g_set_error (error, PW_CSV_ERROR, PW_CSV_ERROR_READ, _("Cannot read “%s”: %s"), path, local->message);
      g_error_free (local);
    }
  return FALSE;
}

static gboolean
too_big (const char  *path,
         GError     **error)
{
  g_set_error (error, PW_CSV_ERROR, PW_CSV_ERROR_LIMIT,
               _("“%s” is larger than %s, the most an import reads; split it into smaller files"), path, "64 MB");
  return FALSE;
}

/* Refuses what is not a regular file of at most PW_CSV_MAX_BYTES, asking
 * the file system before anything is opened, so a pipe never blocks. */
static gboolean
check_file (GFile         *file,
            const char    *path,
            goffset       *out_size,
            GCancellable  *cancellable,
            GError       **error)
{
  GError *local = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, &local);

  if (info == NULL)
    return read_failed (path, local, error);
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, PW_CSV_ERROR, PW_CSV_ERROR_READ,
                   g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                     ? _("“%s” is a folder, not a file; choose a CSV file")
                     : _("“%s” is not an ordinary file (it may be a device or a pipe); choose a CSV file"),
                   path);
      return FALSE;
    }
  *out_size = g_file_info_get_size (info);
  return *out_size <= PW_CSV_MAX_BYTES || too_big (path, error);
}

/* The file's bytes, NUL-terminated, read a chunk at a time so that a file
 * grown since it was checked is still refused at the limit. */
static char *
read_bounded (const char    *filename,
              gsize         *out_len,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (filename);
  g_autofree char *path = g_filename_display_name (filename);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  GError *local = NULL;
  goffset size = 0;
  gssize n;

  if (!check_file (file, path, &size, cancellable, error))
    return NULL;
  bytes = g_byte_array_sized_new (size + CHUNK + 1);
  if ((in = g_file_read (file, cancellable, &local)) == NULL)
    return (read_failed (path, local, error), NULL);
  do
    {
      g_byte_array_set_size (bytes, bytes->len + CHUNK);
      n = g_input_stream_read (G_INPUT_STREAM (in), bytes->data + bytes->len - CHUNK, CHUNK, cancellable, &local);
      g_byte_array_set_size (bytes, bytes->len - CHUNK + MAX (n, 0));
      if (n < 0)
        return (read_failed (path, local, error), NULL);
      if (bytes->len > PW_CSV_MAX_BYTES)
        return (too_big (path, error), NULL);
    }
  while (n > 0);
  *out_len = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

GPtrArray *
pw_csv_read_file (const char      *path,
                  PwProgressFunc   progress,
                  gpointer         progress_data,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  gsize len = 0;
  g_autofree char *data = read_bounded (path, &len, cancellable, error);

  if (data == NULL)
    return NULL;
  return pw_csv_read_data (name, data, len, progress, progress_data, cancellable, error);
}

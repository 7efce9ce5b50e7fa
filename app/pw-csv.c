/* pw-csv.c — reads a CSV file into records with line numbers
 *
 * libcsv does the quoting rules (commas, doubled quotes and line breaks
 * inside quotes, CRLF or LF).  It does not count lines, so the data is fed
 * one physical line at a time: a record starts on the line being fed when
 * the parser was between records before it.
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

typedef struct
{
  GPtrArray *records;          /* of PwCsvRecord*, owned */
  PwCsvRecord *current;        /* owned until complete */
  guint start_line;
} Reader;

static void
record_free (gpointer data)
{
  PwCsvRecord *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record);
}

static void
on_field (void   *field,
          size_t  len,
          void   *data)
{
  Reader *r = data;

  if (r->current == NULL)
    {
      r->current = g_new0 (PwCsvRecord, 1);
      r->current->line = r->start_line;
      r->current->fields = g_ptr_array_new_with_free_func (g_free);
    }
  g_ptr_array_add (r->current->fields, g_strndup (field ? field : "", len));
}

static void
on_record (int   terminator,
           void *data)
{
  Reader *r = data;

  if (r->current == NULL)     /* a record of one empty field: "\n" alone is skipped by libcsv */
    on_field (NULL, 0, r);
  g_ptr_array_add (r->records, g_steal_pointer (&r->current));
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

static gboolean
feed_lines (struct csv_parser *parser,
            Reader            *r,
            const char        *name,
            const char        *data,
            gsize              len,
            GError           **error)
{
  const char *p = data, *end = data + len;
  guint line = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = nl ? (gsize) (nl - p) + 1 : (gsize) (end - p);

      line++;
      if (!g_utf8_validate (p, n, NULL))
        {
          g_set_error (error, PW_CSV_ERROR, PW_CSV_ERROR_ENCODING,
                       _("%s: line %u is not valid UTF-8 text. Save the file as “CSV UTF-8” and try again."),
                       name, line);
          return FALSE;
        }
      if (parser->pstate == 0)  /* between records */
        r->start_line = line;
      if (csv_parse (parser, p, n, on_field, on_record, r) != n)
        return syntax_error (name, line, error);
      p += n;
    }
  if (csv_fini (parser, on_field, on_record, r) != 0)
    return syntax_error (name, r->start_line, error);
  return TRUE;
}

/**
 * pw_csv_read_data:
 * @name: what to call the data in messages (usually the file name)
 * Returns: (transfer full): the records, of #PwCsvRecord
 */
GPtrArray *
pw_csv_read_data (const char  *name,
                  const char  *data,
                  gsize        len,
                  GError     **error)
{
  struct csv_parser parser;
  Reader r = { .records = g_ptr_array_new_with_free_func (record_free) };
  gboolean ok;

  if (len >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    data += 3, len -= 3;
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("out of memory");
  ok = feed_lines (&parser, &r, name, data, len, error);
  csv_free (&parser);
  if (r.current != NULL)
    record_free (r.current);
  if (!ok)
    g_clear_pointer (&r.records, g_ptr_array_unref);
  return r.records;
}

GPtrArray *
pw_csv_read_file (const char  *path,
                  GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  gsize len = 0;
  GError *local = NULL;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, PW_CSV_ERROR, PW_CSV_ERROR_READ, _("Cannot read “%s”: %s"),
                   path, local->message);
      g_error_free (local);
      return NULL;
    }
  return pw_csv_read_data (name, data, len, error);
}

/* pw-xlsx-private.h — what the two halves of the xlsx reader share
 *
 * pw-xlsx-reader.c opens the package: it streams a zip part through
 * expat within the inflate limits and finds the sheets through the
 * workbook and its relationships.  pw-xlsx-sheet.c parses what the parts
 * hold: the shared strings and a worksheet's cells.  They share the
 * reader's fields, one part's parse state and the helpers below (defined
 * in pw-xlsx-reader.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <expat.h>
#include "pw-lib-zip.h"

#include "pw-xlsx-reader.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;
  char *folded;                /* for Excel's case-insensitive lookup */
  char *rel_id;
  char *part;                  /* zip entry, NULL for a non-worksheet */
  gboolean hidden;
} Sheet;

struct _PwXlsxReader
{
  GObject parent_instance;

  char *name;                  /* the file, as messages call it */
  GBytes *bytes;               /* the zip, kept alive for libzip */
  zip_t *zip;
  GPtrArray *sheets;           /* of Sheet*, workbook order */
  char *strings_part;          /* NULL when the workbook has none */
  GStringChunk *chunk;
  GPtrArray *strings;          /* of char* in chunk; NULL until loaded */
  guint64 inflated;            /* over every part read so far */
};

/* One part being parsed.  Each kind of part embeds this first and sets
 * the two element callbacks; a callback that finds the part wrong sets
 * error and stops expat. */
typedef struct Parse Parse;
struct Parse
{
  PwXlsxReader *reader;
  XML_Parser xml;
  const char *where;           /* the part, as messages call it */
  GError *error;
  guint depth;
  GString *text;               /* character data while collecting */
  gboolean collecting;
  gboolean in_phonetic;        /* <rPh>: reading aids, not cell text */
  void (*start) (Parse *p, const char *element, const char **atts);
  void (*end) (Parse *p, const char *element);
};

/* The library's symbols carry the reader's prefix. */
#define fail pw_xlsx_fail
#define parse_fail pw_xlsx_parse_fail
#define attr pw_xlsx_attr
#define parse_part pw_xlsx_parse_part
#define find_sheet pw_xlsx_find_sheet

/* fail sets @error and returns FALSE; parse_fail sets the part's error
 * (only the first) and stops expat.  Messages start with the file's name. */
gboolean    fail        (PwXlsxReader  *self,
                         GError       **error,
                         PwXlsxError    code,
                         const char    *format,
                         ...) G_GNUC_PRINTF (4, 5);
void        parse_fail  (Parse         *p,
                         PwXlsxError    code,
                         const char    *format,
                         ...) G_GNUC_PRINTF (3, 4);
/* The value of the attribute with local name @name, or NULL. */
const char *attr        (const char   **atts,
                         const char    *name);
/* Streams @part through @p's callbacks; @where names it in messages. */
gboolean    parse_part  (Parse         *p,
                         const char    *part,
                         const char    *where,
                         GCancellable  *cancellable,
                         GError       **error);
/* The sheet called @name in any case, or NULL. */
Sheet      *find_sheet  (PwXlsxReader  *self,
                         const char    *name);

G_END_DECLS

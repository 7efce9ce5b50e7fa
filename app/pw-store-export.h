/* pw-store-export.h — the export's set-based reads
 *
 * One query per sheet (or per table of a sheet) for every PCN of a year at
 * once, where asking per PCN would cost a statement each (and, for the
 * practices of a year, a scan each).  The rows come back grouped by a key
 * in column 0 (a PCN's or a return's id), in the order the sheet shows
 * them within a key; the sheet finds a key's run of rows and reads its
 * columns by number.  Read inside pw_store_begin_read ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

typedef struct _PwExportRows PwExportRows;

guint         pw_export_rows_find       (PwExportRows  *rows,
                                         gint64         key,
                                         guint         *first);
gint64        pw_export_rows_int        (PwExportRows  *rows,
                                         guint          row,
                                         guint          col);
const char   *pw_export_rows_text       (PwExportRows  *rows,
                                         guint          row,
                                         guint          col);
void          pw_export_rows_free       (PwExportRows  *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwExportRows, pw_export_rows_free)

/* Key the PCN: list size, code, name; by name, code (as in @year). */
PwExportRows *pw_store_export_practices (PwStore       *self,
                                         int            year,
                                         GError       **error);
/* Key the return: the item's text; in order. */
PwExportRows *pw_store_export_items     (PwStore       *self,
                                         int            year,
                                         PwItemList     list,
                                         GError       **error);
/* Key the return: domain key, evidence, support; domains not assessed
 * are left out. */
PwExportRows *pw_store_export_maturity  (PwStore       *self,
                                         int            year,
                                         GError       **error);
/* Key the return: role name, WTE in post, headcount, planned WTE, as of
 * (ISO date or ""), the role's rate in @year (pence per WTE, -1 for none);
 * by role name. */
PwExportRows *pw_store_export_wte       (PwStore       *self,
                                         int            year,
                                         GError       **error);
/* Key the PCN: stream key, amount (pence, an amount worked out from a rate
 * per patient as pw_store_list_funding () gives it), rate (-1 for none). */
PwExportRows *pw_store_export_funding   (PwStore       *self,
                                         int            year,
                                         GError       **error);
/* Key the return: specification key, status, note; specifications not
 * planned are left out. */
PwExportRows *pw_store_export_des       (PwStore       *self,
                                         int            year,
                                         GError       **error);
/* Key the return: status, amount (pence), title, detail, lead, due; in
 * order. */
PwExportRows *pw_store_export_entries   (PwStore       *self,
                                         int            year,
                                         PwEntryKind    kind,
                                         GError       **error);

G_END_DECLS

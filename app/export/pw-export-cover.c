/* pw-export-cover.c — the cover: the committee's details and the sheets that follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

/* The cover's table of contents: every sheet after the cover. */
static void
list_sheets (PwExport      *x,
             lxw_worksheet *ws,
             lxw_row_t      row)
{
  pw_put_string (x, ws, row, 0, _("Sheets"), x->label);
  for (guint i = 1; i < x->sheet_names->len; i++)
    pw_put_string (x, ws, row++, 1, g_ptr_array_index (x->sheet_names, i), x->text);
}

/* A labelled line, left out when there is nothing to say: an empty label
 * reads as a gap someone forgot to fill.  Returns the next row. */
static lxw_row_t
cover_line (PwExport      *x,
            lxw_worksheet *ws,
            lxw_row_t      row,
            const char    *label,
            const char    *value)
{
  if (value == NULL || *value == '\0')
    return row;
  pw_put_string (x, ws, row, 0, label, x->label);
  pw_cell_text (x, ws, row, 1, value, x->text);
  return row + 1;
}

gboolean
pw_export_write_cover (PwExport       *x,
                       lxw_worksheet  *ws,
                       GError        **error)
{
  const PwExportOptions *o = x->options;
  g_autofree char *year = pw_format_year (o->year);
  g_autofree char *as_at = pw_export_as_at_line (x);
  lxw_row_t row = 2;

  pw_sheet_column (x, ws, 0, 0, 24);
  pw_sheet_column (x, ws, 1, 1, 70);
  pw_cell_text (x, ws, 0, 0, o->title && *o->title ? o->title : _("PCN returns: committee appendix"), x->title);
  row = cover_line (x, ws, row, _("Committee"), o->committee);
  if (o->meeting_date != NULL && *o->meeting_date != '\0')
    {
      pw_put_string (x, ws, row, 0, _("Meeting date"), x->label);
      pw_cell_date (x, ws, row++, 1, o->meeting_date, x->date);
    }
  row = cover_line (x, ws, row, _("Agenda item"), o->agenda_item);
  row = cover_line (x, ws, row, _("Title"), o->title);
  row = cover_line (x, ws, row, _("Version"), o->version);
  row = cover_line (x, ws, row, _("Author"), o->author);
  row = cover_line (x, ws, row, _("Lead"), o->lead);
  row = cover_line (x, ws, row, _("Financial year"), year);
  row = cover_line (x, ws, row, _("Profiles"), as_at);
  if (g_hash_table_size (x->returns) == 0)
    row = cover_line (x, ws, row, _("Returns"), _("None for this year: the sheets list the PCNs, with no figures."));
  pw_put_string (x, ws, row, 0, _("Data exported"), x->label);
  pw_cell_now (x, ws, row++, 1, x->datetime);
  list_sheets (x, ws, row + 1);
  pw_sheet_setup_page (x, ws, 0);
  return TRUE;
}

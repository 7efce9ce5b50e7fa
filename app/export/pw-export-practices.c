/* pw-export-practices.c — Practices: each PCN's member practices and their
 * list sizes, as they stood in the year, with the date they are as at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

/* "List sizes as at 31/03/2027", or NULL where the workbook gives no date. */
char *
pw_export_as_at_line (PwExport *x)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;

  if (x->as_at == NULL || *x->as_at == '\0')
    return NULL;
  iso = g_strdup_printf ("%.10sT00:00:00Z", x->as_at);
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, _("Practices and list sizes as at %d/%m/%Y"));
}

gboolean
pw_export_write_practices (PwExport       *x,
                           lxw_worksheet  *ws,
                           GError        **error)
{
  static const char *titles[] = { "PCN code", "PCN name", "Practice code", "Practice name", "List size", NULL };
  static const double widths[] = { 10, 34, 13, 44, 12 };
  g_autofree char *as_at = pw_export_as_at_line (x);
  g_autoptr(PwExportRows) practices = pw_store_export_practices (x->store, x->options->year, error);
  gint64 total = 0;
  lxw_row_t row = 3;

  if (practices == NULL)
    return FALSE;
  pw_sheet_title (x, ws, _("Practices"));
  if (as_at != NULL)
    pw_cell_merged_text (x, ws, 1, 0, 4, as_at, x->text);
  pw_sheet_header_row (x, ws, 2, titles, widths);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      guint k, n = pw_export_rows_find (practices, pw_pcn_get_id (pcn), &k);

      for (n += k; k < n; k++, row++)
        {
          gint64 list_size = pw_export_rows_int (practices, k, 1);

          pw_cell_text (x, ws, row, 0, pw_pcn_get_text (pcn, PW_PCN_CODE), x->text);
          pw_cell_text (x, ws, row, 1, pw_pcn_get_text (pcn, PW_PCN_NAME), x->text);
          pw_cell_text (x, ws, row, 2, pw_export_rows_text (practices, k, 2), x->text);
          pw_cell_text (x, ws, row, 3, pw_export_rows_text (practices, k, 3), x->text);
          pw_put_number (x, ws, row, 4, list_size, x->count);
          pw_export_add (x, &total, list_size, N_("population"));
        }
    }
  pw_put_string (x, ws, row, 0, "TOTAL", x->total_label);
  if (row > 3)
    pw_cell_sum (x, ws, row, 4, 3, row - 1, total, x->total_count);
  pw_sheet_setup_print (x, ws, 2, 2);
  return TRUE;
}

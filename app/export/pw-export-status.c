/* pw-export-status.c — Return status: where each PCN's return stands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

gboolean
pw_export_write_return_status (PwExport       *x,
                               lxw_worksheet  *ws,
                               GError        **error)
{
  static const char *titles[] = { "PCN code", "PCN name", "Locality", "Status", "Submitted", "Reviewed",
                                  "Reviewer", "Review note", NULL };
  static const double widths[] = { 10, 34, 18, 12, 12, 12, 20, 50 };

  pw_sheet_title (x, ws, _("Return status"));
  pw_sheet_header_row (x, ws, 2, titles, widths);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *p = g_ptr_array_index (x->pcns, i);
      PwReturn *ret = pw_export_return_in (x, p);
      lxw_row_t row = 3 + i;

      pw_cell_text (x, ws, row, 0, pw_pcn_get_text (p, PW_PCN_CODE), x->text);
      pw_cell_text (x, ws, row, 1, pw_pcn_get_text (p, PW_PCN_NAME), x->text);
      pw_cell_text (x, ws, row, 2, pw_pcn_get_text (p, PW_PCN_LOCALITY), x->text);
      if (ret == NULL)
        {
          pw_put_string (x, ws, row, 3, _("No return"), x->text);
          continue;
        }
      pw_put_string (x, ws, row, 3, pw_return_status_name (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS)), x->text);
      pw_cell_date (x, ws, row, 4, pw_row_get_string (PW_ROW (ret), PW_RETURN_SUBMITTED_AT), x->date);
      pw_cell_date (x, ws, row, 5, pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWED_AT), x->date);
      pw_cell_text (x, ws, row, 6, pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWER), x->text);
      pw_cell_text (x, ws, row, 7, pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEW_NOTE), x->text);
    }
  pw_sheet_setup_print (x, ws, 2, 2);
  return TRUE;
}

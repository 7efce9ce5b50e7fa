/* pw-export-boards.c — Locality boards: where each board stands
 *
 * One block per board in scope: its name, chair and stage; its current
 * members counted by sector (a sector with none shows 0, so a missing
 * partner is seen); the members (Name · Organisation · Sector · Role);
 * the open actions (Ref · Action · Owner · Due · Status), an action due
 * before the meeting date on the cover, or before today when there is
 * none, showing "Overdue"; and the risks scoring 12 or more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"
#include "pw-store-boards.h"

/* Wide enough for the widest of the tables below at full scale on A4. */
static const double widths[] = { 26, 46, 24, 18, 12, 10 };
#define LAST_COL 5

/* The day the committee reads the papers: "overdue" is reckoned at it. */
static char *
reckoning_day (PwExport *x)
{
  g_autoptr(GDateTime) now = NULL;

  if (x->options->meeting_date != NULL && *x->options->meeting_date != '\0')
    return g_strdup (x->options->meeting_date);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static void
put_headings (PwExport      *x,
              lxw_worksheet *ws,
              lxw_row_t      row,
              const char   **titles)
{
  pw_sheet_set_row (x, ws, row, 27);
  for (lxw_col_t c = 0; titles[c] != NULL; c++)
    pw_cell_text (x, ws, row, c, titles[c], x->header);
}

static void
put_fact (PwExport      *x,
          lxw_worksheet *ws,
          lxw_row_t      row,
          const char    *label,
          const char    *value)
{
  pw_put_string (x, ws, row, 0, label, x->label);
  pw_cell_merged_text (x, ws, row, 1, LAST_COL, value, x->text);
}

/* Name, chair and stage; then the current members counted by sector. */
static lxw_row_t
put_summary (PwExport      *x,
             lxw_worksheet *ws,
             lxw_row_t      row,
             PwRow         *board,
             GListModel    *members)
{
  int stage = pw_row_get_int (board, PW_BOARD_STAGE);
  g_autofree char *since = pw_format_date (pw_row_get_string (board, PW_BOARD_STAGE_DATE));
  g_autofree char *stage_text = stage < 0 ? g_strdup (_("Not recorded"))
                                          : g_strdup_printf (_("%s (since %s)"), pw_board_stage_name (stage), since);
  guint counts[PW_N_SECTORS] = { 0 };

  put_fact (x, ws, row++, _("Board"), pw_row_get_string (board, PW_BOARD_NAME));
  put_fact (x, ws, row++, _("Chair"), pw_row_get_string (board, PW_BOARD_CHAIR));
  put_fact (x, ws, row++, _("Stage"), stage_text);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(PwRow) m = g_list_model_get_item (members, i);
      counts[pw_row_get_int (m, PW_BOARD_MEMBER_SECTOR)]++;
    }
  row++;
  put_headings (x, ws, row++, (const char *[]) { "Sector", "Members", NULL });
  for (int s = 0; s < PW_N_SECTORS; s++, row++)
    {
      pw_put_string (x, ws, row, 0, pw_sector_name (s), x->text);
      pw_put_number (x, ws, row, 1, counts[s], x->count);
    }
  return row + 1;
}

static lxw_row_t
put_members (PwExport      *x,
             lxw_worksheet *ws,
             lxw_row_t      row,
             GListModel    *members)
{
  guint n = g_list_model_get_n_items (members);

  put_headings (x, ws, row++, (const char *[]) { "Name", "Organisation", "Sector", "Role", NULL });
  for (guint i = 0; i < n; i++, row++)
    {
      g_autoptr(PwRow) m = g_list_model_get_item (members, i);

      pw_cell_text (x, ws, row, 0, pw_row_get_string (m, PW_BOARD_MEMBER_NAME), x->text);
      pw_cell_text (x, ws, row, 1, pw_row_get_string (m, PW_BOARD_MEMBER_ORGANISATION), x->text);
      pw_put_string (x, ws, row, 2, pw_sector_name (pw_row_get_int (m, PW_BOARD_MEMBER_SECTOR)), x->text);
      pw_put_string (x, ws, row, 3, pw_board_role_name (pw_row_get_int (m, PW_BOARD_MEMBER_ROLE)), x->text);
    }
  if (n == 0)
    pw_put_string (x, ws, row++, 0, _("No members recorded"), x->text);
  return row + 1;
}

static lxw_row_t
put_actions (PwExport      *x,
             lxw_worksheet *ws,
             lxw_row_t      row,
             GListModel    *actions,
             const char    *day)
{
  guint shown = 0;

  put_headings (x, ws, row++, (const char *[]) { "Ref", "Action", "Owner", "Due", "Status", NULL });
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(PwBoardAction) a = g_list_model_get_item (actions, i);
      PwRow *r = PW_ROW (a);
      int status = pw_row_get_int (r, PW_BOARD_ACTION_STATUS);

      if (!PW_ACTION_IS_OPEN (status))
        continue;
      pw_cell_text (x, ws, row, 0, pw_row_get_string (r, PW_BOARD_ACTION_REF), x->text);
      pw_cell_text (x, ws, row, 1, pw_row_get_string (r, PW_BOARD_ACTION_TEXT), x->text);
      pw_cell_text (x, ws, row, 2, pw_row_get_string (r, PW_BOARD_ACTION_OWNER), x->text);
      pw_cell_date (x, ws, row, 3, pw_row_get_string (r, PW_BOARD_ACTION_DUE), x->date);
      pw_put_string (x, ws, row, 4, pw_board_action_is_overdue (a, day) ? _("Overdue")
                                                                               : pw_action_status_name (status),
                              x->text);
      row++, shown++;
    }
  if (shown == 0)
    pw_put_string (x, ws, row++, 0, _("No open actions"), x->text);
  return row + 1;
}

static lxw_row_t
put_risks (PwExport      *x,
           lxw_worksheet *ws,
           lxw_row_t      row,
           GListModel    *risks)
{
  guint shown = 0;

  put_headings (x, ws, row++, (const char *[]) { "Ref", "Risk (scoring 12 or more)", "Owner", "Likelihood",
                                                 "Impact", "Score", NULL });
  for (guint i = 0; i < g_list_model_get_n_items (risks); i++)
    {
      g_autoptr(PwRow) r = g_list_model_get_item (risks, i);

      if (pw_row_get_int (r, PW_BOARD_RISK_SCORE) < PW_RISK_HIGH)
        continue;
      pw_cell_text (x, ws, row, 0, pw_row_get_string (r, PW_BOARD_RISK_REF), x->text);
      pw_cell_text (x, ws, row, 1, pw_row_get_string (r, PW_BOARD_RISK_DESCRIPTION), x->text);
      pw_cell_text (x, ws, row, 2, pw_row_get_string (r, PW_BOARD_RISK_OWNER), x->text);
      pw_put_number (x, ws, row, 3, pw_row_get_int (r, PW_BOARD_RISK_LIKELIHOOD), x->count);
      pw_put_number (x, ws, row, 4, pw_row_get_int (r, PW_BOARD_RISK_IMPACT), x->count);
      pw_put_number (x, ws, row, 5, pw_row_get_int (r, PW_BOARD_RISK_SCORE), x->count);
      row++, shown++;
    }
  if (shown == 0)
    pw_put_string (x, ws, row++, 0, _("No risks scoring 12 or more"), x->text);
  return row + 1;
}

/* One board's block; 0 if the store failed. */
static lxw_row_t
put_board (PwExport       *x,
           lxw_worksheet  *ws,
           lxw_row_t       row,
           PwRow          *board,
           const char     *day,
           GError        **error)
{
  gint64 id = pw_row_get_int (board, PW_BOARD_LOCALITY_ID);
  g_autoptr(GListModel) members = pw_store_list_members (x->store, id, day, error);
  g_autoptr(GListModel) actions = members ? pw_store_list_actions (x->store, id, error) : NULL;
  g_autoptr(GListModel) risks = actions ? pw_store_list_risks (x->store, id, error) : NULL;
  g_autofree char *heading = g_strdup_printf (_("%s locality"), pw_row_get_string (board, PW_BOARD_LOCALITY));
  lxw_row_t first = row;

  if (risks == NULL)
    return 0;
  pw_cell_merged_text (x, ws, row++, 0, LAST_COL, heading, x->block_title);
  row = put_summary (x, ws, row, board, members);
  pw_sheet_keep_together (x, ws, PW_TITLE_POINTS, first, row - 2);
  first = row;
  row = put_members (x, ws, row, members);
  pw_sheet_keep_together (x, ws, PW_TITLE_POINTS, first, row - 2);
  first = row;
  row = put_actions (x, ws, row, actions, day);
  pw_sheet_keep_together (x, ws, PW_TITLE_POINTS, first, row - 2);
  first = row;
  row = put_risks (x, ws, row, risks);
  pw_sheet_keep_together (x, ws, PW_TITLE_POINTS, first, row - 2);
  return row + 1;
}

gboolean
pw_export_write_boards (PwExport       *x,
                        lxw_worksheet  *ws,
                        GError        **error)
{
  g_autofree char *day = reckoning_day (x);
  g_autoptr(GListModel) boards = pw_store_list_boards (x->store, x->locality_id, day, error);
  lxw_row_t row = 2;

  if (boards == NULL)
    return FALSE;
  pw_sheet_title (x, ws, _("Locality boards"));
  for (lxw_col_t c = 0; c <= LAST_COL; c++)
    pw_sheet_column (x, ws, c, c, widths[c]);
  for (guint i = 0; i < g_list_model_get_n_items (boards); i++)
    {
      g_autoptr(PwRow) board = g_list_model_get_item (boards, i);

      if ((row = put_board (x, ws, row, board, day, error)) == 0)
        return FALSE;
    }
  if (g_list_model_get_n_items (boards) == 0)
    pw_put_string (x, ws, row, 0, _("No localities"), x->text);
  pw_sheet_setup_page (x, ws, 0);
  worksheet_repeat_rows (ws, 0, 0);
  return TRUE;
}

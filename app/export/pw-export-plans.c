/* pw-export-plans.c — Plans: DES delivery, projects and development funding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

#define PLAN_WIDTH 17          /* a DES column; eight fill A4 landscape */

/* Whether the return holds an entry for this specification: one nobody
 * planned prints blank, not "Not started". */
static gboolean
is_planned (PwDesPlan *d)
{
  return pw_row_get_int (PW_ROW (d), PW_DES_PLAN_PLANNED) != 0;
}

/* The DES grid's columns: the year's specifications. */
typedef struct
{
  guint specs[PW_N_DES_SPECS];
  guint n;
} DesColumns;

static lxw_row_t
put_des_heading (PwExport      *x,
                 lxw_worksheet *ws,
                 lxw_row_t      row,
                 gboolean       continued,
                 gpointer       data)
{
  DesColumns *cols = data;

  if (continued)
    worksheet_write_string (ws, row++, 0, _("DES delivery (continued)"), x->label);
  worksheet_write_string (ws, row, 0, "PCN", x->header);
  for (guint c = 0; c < cols->n; c++)
    worksheet_write_string (ws, row, 1 + c, pw_des_name (cols->specs[c]), x->header);
  worksheet_set_row (ws, row, 54, NULL);
  return row;
}

/* PCNs × the year's DES specifications (and any other a return of the
 * year holds): each cell the delivery status; blank where the return
 * plans none, "No return" where there is none.  The notes the returns give
 * are kept in @notes, for put_des_notes().  A grid longer than a page
 * breaks with its heading written again. */
static lxw_row_t
put_des_grid (PwExport       *x,
              lxw_worksheet  *ws,
              lxw_row_t       row,
              GPtrArray      *notes,
              GError        **error)
{
  DesColumns cols;
  g_auto(PwTable) t = { put_des_heading, &cols, NULL };

  cols.n = pw_store_contract_shown (x->store, PW_CONTRACT_DES, x->options->year, 0, cols.specs);
  row = pw_table_begin (x, ws, &t, PW_TITLE_POINTS, row, x->pcns->len * PW_ROW_POINTS);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      const char *name = pw_pcn_get_text (pcn, PW_PCN_NAME);
      gint64 ret = pw_export_return_of (x, pcn);
      g_autoptr(GListModel) des = ret ? pw_store_list_des (x->store, ret, error) : NULL;

      if (ret && des == NULL)
        return 0;
      row = pw_table_row (x, ws, &t, PW_TITLE_POINTS, row, pw_sheet_text_points (x, 0, 0, name, x->text));
      pw_cell_text (x, ws, row, 0, name, x->text);
      if (ret == 0)
        worksheet_write_string (ws, row, 1, _("No return"), x->text);
      for (guint c = 0; des && c < cols.n; c++)
        {
          g_autoptr(PwDesPlan) d = g_list_model_get_item (des, cols.specs[c]);
          const char *note = pw_row_get_string (PW_ROW (d), PW_DES_PLAN_NOTE);

          if (!is_planned (d))
            continue;
          worksheet_write_string (ws, row, 1 + c, pw_des_status_name (pw_row_get_int (PW_ROW (d), PW_DES_PLAN_STATUS)),
                                  x->centre);
          if (note && *note)
            {
              g_ptr_array_add (notes, g_object_ref (pcn));
              g_ptr_array_add (notes, g_object_ref (d));
            }
        }
      row++;
    }
  pw_table_end (&t, row);
  return row + 1;
}

/* PCN · specification · status · note, for each planned specification
 * with a note (@notes holds PCN, plan pairs). */
static lxw_row_t
put_des_notes (PwExport      *x,
               lxw_worksheet *ws,
               lxw_row_t      row,
               GPtrArray     *notes)
{
  if (notes->len == 0)
    return row;
  worksheet_write_string (ws, row++, 0, _("DES notes"), x->label);
  worksheet_write_string (ws, row, 0, "PCN", x->header);
  worksheet_write_string (ws, row, 1, "Specification", x->header);
  worksheet_write_string (ws, row, 2, "Status", x->header);
  pw_cell_merged_text (x, ws, row, 3, PW_N_DES_SPECS, "Note", x->header);
  for (guint i = 0; i + 1 < notes->len; i += 2)
    {
      PwRow *d = g_ptr_array_index (notes, i + 1);

      pw_cell_text (x, ws, ++row, 0, pw_pcn_get_text (g_ptr_array_index (notes, i), PW_PCN_NAME), x->text);
      pw_cell_text (x, ws, row, 1, pw_des_name (pw_row_get_int (d, PW_DES_PLAN_SPEC)), x->text);
      worksheet_write_string (ws, row, 2, pw_des_status_name (pw_row_get_int (d, PW_DES_PLAN_STATUS)), x->text);
      pw_cell_merged_text (x, ws, row, 3, PW_N_DES_SPECS, pw_row_get_string (d, PW_DES_PLAN_NOTE), x->text);
    }
  return row + 2;
}

static const char *project_titles[] = { "PCN", "Project", "Aim", "Lead", "Due", "Status", NULL };
static const char *proposal_titles[] = { "PCN", "Support requested", "Deliverable", "Amount", NULL };

static lxw_row_t
put_entries_heading (PwExport      *x,
                     lxw_worksheet *ws,
                     lxw_row_t      row,
                     gboolean       continued,
                     gpointer       data)
{
  const char **titles = data;
  const char *label = titles == project_titles ? _("Projects") : _("Development funding proposals");
  g_autofree char *text = continued ? g_strdup_printf (_("%s (continued)"), label) : NULL;

  worksheet_write_string (ws, row++, 0, text ? text : label, x->label);
  for (lxw_col_t c = 0; titles[c]; c++)
    worksheet_write_string (ws, row, c, titles[c], x->header);
  return row;
}

/* The texts of an entry's row, as put_entries() writes them. */
static void
entry_texts (PwPcn       *pcn,
             PwRow       *r,
             const char **texts)
{
  texts[0] = pw_pcn_get_text (pcn, PW_PCN_NAME);
  texts[1] = pw_row_get_string (r, PW_PLAN_ENTRY_TITLE);
  texts[2] = pw_row_get_string (r, PW_PLAN_ENTRY_DETAIL);
  texts[3] = pw_row_get_string (r, PW_PLAN_ENTRY_LEAD);
  texts[4] = pw_row_get_string (r, PW_PLAN_ENTRY_DUE);
}

/* The points an entry's row needs: its @n_texts first texts wrapped. */
static double
entry_points (PwExport *x,
              PwPcn    *pcn,
              PwRow    *r,
              guint     n_texts)
{
  const char *texts[5];
  double points = PW_ROW_POINTS;

  entry_texts (pcn, r, texts);
  for (guint c = 0; c < n_texts; c++)
    points = MAX (points, pw_sheet_text_points (x, c, c, texts[c] ? texts[c] : "", x->text));
  return points;
}

/* Every PCN's entries of one kind, one row each, under @t's heading (on
 * the next page if the table fits one, or else across pages with its
 * heading again); returns the row after the last, or 0 if the store
 * fails. */
static lxw_row_t
put_entries (PwExport        *x,
             lxw_worksheet   *ws,
             PwTable         *t,
             lxw_row_t        row,
             PwEntryKind      kind,
             gint64          *total_pence,
             GError         **error)
{
  gboolean project = kind == PW_ENTRY_PROJECT;
  guint n_texts = project ? 5 : 3;
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_object_unref);
  double body = PW_ROW_POINTS;        /* the TOTAL row, or a blank row */

  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      gint64 ret = pw_export_return_of (x, pcn);
      GListModel *entries = ret ? pw_store_list_entries (x->store, ret, kind, error)
                                : G_LIST_MODEL (g_list_store_new (PW_TYPE_PLAN_ENTRY));

      if (entries == NULL)
        return 0;
      g_ptr_array_add (lists, entries);
      for (guint k = 0; k < g_list_model_get_n_items (entries); k++)
        {
          g_autoptr(PwPlanEntry) e = g_list_model_get_item (entries, k);

          body += entry_points (x, pcn, PW_ROW (e), n_texts);
        }
    }
  t->heading = put_entries_heading;
  t->data = project ? project_titles : proposal_titles;
  row = pw_table_begin (x, ws, t, PW_TITLE_POINTS, row, body);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      GListModel *entries = g_ptr_array_index (lists, i);

      for (guint k = 0; k < g_list_model_get_n_items (entries); k++)
        {
          g_autoptr(PwPlanEntry) e = g_list_model_get_item (entries, k);
          PwRow *r = PW_ROW (e);
          const char *texts[5];

          entry_texts (pcn, r, texts);
          row = pw_table_row (x, ws, t, PW_TITLE_POINTS, row, entry_points (x, pcn, r, n_texts));
          for (guint c = 0; c < n_texts; c++)
            pw_cell_text (x, ws, row, c, texts[c], x->text);
          if (project)
            worksheet_write_string (ws, row, 5, pw_project_status_name (pw_row_get_int (r, PW_PLAN_ENTRY_STATUS)), x->text);
          else
            {
              worksheet_write_number (ws, row, 3, pw_row_get_int (r, PW_PLAN_ENTRY_AMOUNT) / 100.0, x->money);
              pw_export_add (x, total_pence, pw_row_get_int (r, PW_PLAN_ENTRY_AMOUNT), _("development funding total"));
            }
          row++;
        }
    }
  pw_table_end (t, row);
  return row;
}

gboolean
pw_export_write_plans (PwExport       *x,
                       lxw_worksheet  *ws,
                       GError        **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(PwTable) projects = { NULL, NULL, NULL };
  g_auto(PwTable) proposals = { NULL, NULL, NULL };
  gint64 total = 0, unused = 0;
  lxw_row_t row, first;

  pw_sheet_title (x, ws, _("Plans: DES delivery, projects and development funding"));
  pw_sheet_column (x, ws, 0, 0, 28);
  pw_sheet_column (x, ws, 1, PW_N_DES_SPECS, PLAN_WIDTH);
  if ((row = put_des_grid (x, ws, 2, notes, error)) == 0)
    return FALSE;
  first = row;
  row = put_des_notes (x, ws, row, notes);
  if (row > first)
    pw_sheet_keep_together (x, ws, PW_TITLE_POINTS, first, row - 2);
  if ((row = put_entries (x, ws, &projects, row, PW_ENTRY_PROJECT, &unused, error)) == 0)
    return FALSE;
  if ((row = put_entries (x, ws, &proposals, row + 1, PW_ENTRY_PROPOSAL, &total, error)) == 0)
    return FALSE;
  worksheet_write_string (ws, row, 0, "TOTAL", x->total_label);
  worksheet_write_blank (ws, row, 1, x->total_label);
  worksheet_write_blank (ws, row, 2, x->total_label);
  pw_table_sum (&proposals, ws, row, 3, total / 100.0, x->total_money);
  pw_sheet_setup_page (x, ws, 1);
  worksheet_repeat_rows (ws, 0, 0);
  return TRUE;
}

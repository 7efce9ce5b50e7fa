/* pw-export-plans.c — Plans: DES delivery, projects and development funding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-private.h"

#define PLAN_WIDTH 17          /* a DES column; eight fill A4 landscape */

/* A planned specification with a note, for put_des_notes(). */
typedef struct
{
  PwPcn *pcn;                  /* borrowed from the export's list */
  guint spec;
  gint64 status;
  const char *note;            /* borrowed from the sheet's rows */
} DesNote;

/* The DES grid's columns: the year's specifications. */
typedef struct
{
  guint specs[PW_MAX_CONTRACT_ITEMS];
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
    pw_put_string (x, ws, row++, 0, _("DES delivery (continued)"), x->label);
  pw_put_string (x, ws, row, 0, "PCN", x->header);
  for (guint c = 0; c < cols->n; c++)
    pw_put_string (x, ws, row, 1 + c, pw_store_contract_name (x->store, PW_CONTRACT_DES, cols->specs[c]), x->header);
  pw_sheet_set_row (x, ws, row, 54);
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
              PwExportRows   *des,
              GArray         *notes)
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
      gint64 planned[PW_MAX_CONTRACT_ITEMS];   /* each specification's row, -1 where the return plans none */
      guint k, n = pw_export_rows_find (des, ret, &k);

      for (guint d = 0; d < PW_MAX_CONTRACT_ITEMS; d++)
        planned[d] = -1;
      for (n += k; k < n; k++)
        {
          guint spec = 0;

          if (pw_store_contract_index (x->store, PW_CONTRACT_DES, pw_export_rows_text (des, k, 1), &spec))
            planned[spec] = k;
        }
      row = pw_table_row (x, ws, &t, PW_TITLE_POINTS, row, pw_sheet_text_points (x, 0, 0, name, x->text));
      pw_cell_text (x, ws, row, 0, name, x->text);
      if (ret == 0)
        pw_put_string (x, ws, row, 1, _("No return"), x->text);
      for (guint c = 0; ret && c < cols.n; c++)
        {
          gint64 r = planned[cols.specs[c]];
          DesNote note = { pcn, cols.specs[c] };

          if (r < 0)             /* one nobody planned prints blank, not "Not started" */
            continue;
          note.status = pw_export_rows_int (des, r, 2);
          note.note = pw_export_rows_text (des, r, 3);
          pw_put_string (x, ws, row, 1 + c, pw_des_status_name (note.status), x->centre);
          if (*note.note)
            g_array_append_val (notes, note);
        }
      row++;
    }
  pw_table_end (&t, row);
  return row + 1;
}

/* PCN · specification · status · note, for each planned specification
 * with a note (@notes holds DesNote). */
static lxw_row_t
put_des_notes (PwExport      *x,
               lxw_worksheet *ws,
               lxw_row_t      row,
               GArray        *notes)
{
  if (notes->len == 0)
    return row;
  pw_put_string (x, ws, row++, 0, _("DES notes"), x->label);
  pw_put_string (x, ws, row, 0, "PCN", x->header);
  pw_put_string (x, ws, row, 1, "Specification", x->header);
  pw_put_string (x, ws, row, 2, "Status", x->header);
  pw_cell_merged_text (x, ws, row, 3, PW_N_DES_SPECS, "Note", x->header);
  for (guint i = 0; i < notes->len; i++)
    {
      DesNote *d = &g_array_index (notes, DesNote, i);

      pw_cell_text (x, ws, ++row, 0, pw_pcn_get_text (d->pcn, PW_PCN_NAME), x->text);
      pw_cell_text (x, ws, row, 1, pw_store_contract_name (x->store, PW_CONTRACT_DES, d->spec), x->text);
      pw_put_string (x, ws, row, 2, pw_des_status_name (d->status), x->text);
      pw_cell_merged_text (x, ws, row, 3, PW_N_DES_SPECS, d->note, x->text);
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

  pw_put_string (x, ws, row++, 0, text ? text : label, x->label);
  for (lxw_col_t c = 0; titles[c]; c++)
    pw_put_string (x, ws, row, c, titles[c], x->header);
  return row;
}

/* The texts of entry @r's row, as put_entries() writes them. */
static void
entry_texts (PwPcn         *pcn,
             PwExportRows  *entries,
             guint          r,
             const char   **texts)
{
  texts[0] = pw_pcn_get_text (pcn, PW_PCN_NAME);
  for (guint c = 1; c < 5; c++)
    texts[c] = pw_export_rows_text (entries, r, c + 2);   /* title, detail, lead, due */
}

/* The points an entry's row needs: its @n_texts first texts wrapped. */
static double
entry_points (PwExport     *x,
              PwPcn        *pcn,
              PwExportRows *entries,
              guint         r,
              guint         n_texts)
{
  const char *texts[5];
  double points = PW_ROW_POINTS;

  entry_texts (pcn, entries, r, texts);
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
  guint n_texts = project ? 5 : 3, first, n;
  g_autoptr(PwExportRows) entries = pw_store_export_entries (x->store, x->options->year, kind, error);
  double body = PW_ROW_POINTS;        /* the TOTAL row, or a blank row */

  if (entries == NULL)
    return 0;
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);

      n = pw_export_rows_find (entries, pw_export_return_of (x, pcn), &first);
      for (guint r = first; r < first + n; r++)
        body += entry_points (x, pcn, entries, r, n_texts);
    }
  t->heading = put_entries_heading;
  t->data = project ? project_titles : proposal_titles;
  row = pw_table_begin (x, ws, t, PW_TITLE_POINTS, row, body);
  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);

      n = pw_export_rows_find (entries, pw_export_return_of (x, pcn), &first);
      for (guint r = first; r < first + n; r++)
        {
          const char *texts[5];

          entry_texts (pcn, entries, r, texts);
          row = pw_table_row (x, ws, t, PW_TITLE_POINTS, row, entry_points (x, pcn, entries, r, n_texts));
          for (guint c = 0; c < n_texts; c++)
            pw_cell_text (x, ws, row, c, texts[c], x->text);
          if (project)
            pw_put_string (x, ws, row, 5, pw_project_status_name (pw_export_rows_int (entries, r, 1)), x->text);
          else
            {
              pw_put_number (x, ws, row, 3, pw_export_rows_int (entries, r, 2) / 100.0, x->money);
              pw_export_add (x, total_pence, pw_export_rows_int (entries, r, 2), N_("development funding total"));
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
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (DesNote));
  g_autoptr(PwExportRows) des = pw_store_export_des (x->store, x->options->year, error);
  g_auto(PwTable) projects = { NULL, NULL, NULL };
  g_auto(PwTable) proposals = { NULL, NULL, NULL };
  gint64 total = 0, unused = 0;
  lxw_row_t row, first;

  if (des == NULL)
    return FALSE;
  pw_sheet_title (x, ws, _("Plans: DES delivery, projects and development funding"));
  pw_sheet_column (x, ws, 0, 0, 28);
  pw_sheet_column (x, ws, 1, MAX (PW_N_DES_SPECS, pw_store_contract_count (x->store, PW_CONTRACT_DES)), PLAN_WIDTH);
  row = first = put_des_grid (x, ws, 2, des, notes);
  row = put_des_notes (x, ws, row, notes);
  if (row > first)
    pw_sheet_keep_together (x, ws, PW_TITLE_POINTS, first, row - 2);
  if ((row = put_entries (x, ws, &projects, row, PW_ENTRY_PROJECT, &unused, error)) == 0)
    return FALSE;
  if ((row = put_entries (x, ws, &proposals, row + 1, PW_ENTRY_PROPOSAL, &total, error)) == 0)
    return FALSE;
  pw_put_string (x, ws, row, 0, "TOTAL", x->total_label);
  pw_put_blank (x, ws, row, 1, x->total_label);
  pw_put_blank (x, ws, row, 2, x->total_label);
  pw_table_sum (x, &proposals, ws, row, 3, total / 100.0, x->total_money);
  pw_sheet_setup_page (x, ws, 1);
  worksheet_repeat_rows (ws, 0, 0);
  return TRUE;
}

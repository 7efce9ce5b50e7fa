/* pw-export-review.c — the annual review: one PCN's year on one A4
 * landscape page (the Somerset paper's "plan on a page")
 *
 * Two halves side by side share the sheet's rows: on the left the profile,
 * maturity (last year's level, this year's, the support asked for) and
 * the achievements; on the right the SWOT, ARRS WTE against plan, funding
 * and the reviewer's comment.  Each row is as tall as the taller half
 * needs (pw_sheet_note_height), and the columns add up to a page printed
 * at 80 % or more, so text stays at 8 pt or larger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "pw-export-private.h"

/* Left half: A to D; E a gutter; right half: F to I. */
enum { L_LABEL, L_PREV, L_NOW, L_TEXT, GUTTER, R_LABEL, R_TEXT, R_NUM1, R_NUM2 };
static const double widths[] = { 22, 12.5, 12.5, 28, 1.5, 13, 36, 10, 10 };

/* A block's heading across one half; returns the row after it. */
static lxw_row_t
block_title (PwExport      *x,
             lxw_worksheet *ws,
             lxw_row_t      row,
             lxw_col_t      first,
             lxw_col_t      last,
             const char    *title)
{
  pw_cell_merged_text (x, ws, row, first, last, title, x->block_title);
  return row + 1;
}

/* A label and its text across the rest of the left half. */
static lxw_row_t
left_line (PwExport      *x,
           lxw_worksheet *ws,
           lxw_row_t      row,
           const char    *label,
           const char    *text)
{
  if (text == NULL || *text == '\0')
    return row;
  pw_cell_text (x, ws, row, L_LABEL, label, x->label);
  pw_cell_merged_text (x, ws, row, L_PREV, L_TEXT, text, x->text);
  return row + 1;
}

/* "Name (0.25 WTE)", the name alone, or NULL. */
static char *
person (PwPcn     *pcn,
        PwPcnField name,
        PwPcnField wte)
{
  const char *who = pw_pcn_get_text (pcn, name);
  gint64 hundredths = pw_pcn_get_number (pcn, wte);

  if (*who == '\0')
    return NULL;
  if (hundredths < 0)
    return g_strdup (who);
  return g_strdup_printf ("%s (%.2f WTE)", who, hundredths / 100.0);
}

static lxw_row_t
put_profile (PwExport      *x,
             lxw_worksheet *ws,
             PwPcn         *pcn,
             lxw_row_t      row)
{
  g_autofree char *cd = person (pcn, PW_PCN_CLINICAL_DIRECTOR, PW_PCN_CD_WTE);
  g_autofree char *manager = person (pcn, PW_PCN_MANAGER, PW_PCN_MANAGER_WTE);
  g_autofree char *as_at = pw_export_as_at_line (x);
  gint64 n = pw_pcn_get_number (pcn, PW_PCN_PRACTICE_COUNT);
  g_autofree char *count = pw_format_count (n);
  g_autofree char *population = pw_format_count (pw_pcn_get_number (pcn, PW_PCN_POPULATION));
  g_autofree char *practices = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s practice, population %s%s%s",
                                                             "%s practices, population %s%s%s", (gulong) n),
                                                count, population, as_at ? "\n" : "", as_at ? as_at : "");
  const char *established = pw_pcn_get_text (pcn, PW_PCN_ESTABLISHED);

  row = block_title (x, ws, row, L_LABEL, L_TEXT, _("Profile"));
  row = left_line (x, ws, row, _("Clinical director"), cd);
  row = left_line (x, ws, row, _("PCN manager"), manager);
  row = left_line (x, ws, row, _("Practices"), practices);
  if (*established)
    {
      pw_cell_text (x, ws, row, L_LABEL, _("Established"), x->label);
      pw_put_merge (x, ws, row, L_PREV, row, L_TEXT, "", x->date);
      pw_cell_date (x, ws, row++, L_PREV, established, x->date);
    }
  return row;
}

/* Domain · last year · this year · the support asked for. */
static lxw_row_t
put_maturity (PwExport       *x,
              lxw_worksheet  *ws,
              PwPcn          *pcn,
              gint64          ret,
              lxw_row_t       row,
              GError        **error)
{
  g_autoptr(GListModel) domains = ret ? pw_store_list_maturity (x->store, ret, error) : NULL;
  g_autofree char *prev = pw_format_year (x->options->year - 1);
  const int *before = pw_export_levels_of (x->prev_levels, pcn);

  if (ret && domains == NULL)
    return 0;
  row = block_title (x, ws, row, L_LABEL, L_TEXT, _("Maturity"));
  pw_cell_text (x, ws, row, L_LABEL, "Domain", x->header);
  pw_cell_text (x, ws, row, L_PREV, prev, x->header);
  pw_cell_text (x, ws, row, L_NOW, x->year_name, x->header);
  pw_cell_text (x, ws, row++, L_TEXT, _("Support asked for"), x->header);
  for (guint d = 0; d < PW_N_DOMAINS; d++, row++)
    {
      g_autoptr(PwMaturity) m = domains ? g_list_model_get_item (domains, d) : NULL;
      g_autofree char *now = pw_export_level_text (x, pcn, d);
      int level = pw_export_levels_of (x->levels, pcn)[d];

      pw_cell_text (x, ws, row, L_LABEL, x->domain_names[d], x->text);
      pw_cell_text (x, ws, row, L_PREV, pw_level_name (before[d]), x->level_formats[pw_level_index (before[d])]);
      pw_cell_text (x, ws, row, L_NOW, now, x->level_formats[pw_level_index (level)]);
      if (m != NULL)
        pw_cell_text (x, ws, row, L_TEXT, pw_row_get_string (PW_ROW (m), PW_MATURITY_SUPPORT), x->text);
    }
  return row;
}

/* Every item of @list, one line each; NULL where there is none. */
static char *
items_text (PwExport    *x,
            gint64       ret,
            PwItemList   list,
            gboolean     numbered,
            GError     **error,
            gboolean    *failed)
{
  g_autoptr(GListModel) items = ret ? pw_store_list_items (x->store, ret, list, error) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  *failed = ret && items == NULL;
  for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PwItem) item = g_list_model_get_item (items, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      if (numbered)
        g_string_append_printf (text, "%u. ", i + 1);
      else
        g_string_append (text, "• ");
      g_string_append (text, pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT));
    }
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static lxw_row_t
put_achievements (PwExport       *x,
                  lxw_worksheet  *ws,
                  gint64          ret,
                  lxw_row_t       row,
                  GError        **error)
{
  gboolean failed;
  g_autofree char *text = items_text (x, ret, PW_LIST_ACHIEVEMENTS, TRUE, error, &failed);

  if (failed)
    return 0;
  row = block_title (x, ws, row, L_LABEL, L_TEXT, _("Achievements"));
  pw_cell_merged_text (x, ws, row, L_LABEL, L_TEXT, text ? text : ret ? _("None given") : _("No return"), x->text);
  return row + 1;
}

/* The four quadrants two by two across the page: strengths beside
 * weaknesses, opportunities beside threats. */
static lxw_row_t
put_swot (PwExport       *x,
          lxw_worksheet  *ws,
          gint64          ret,
          lxw_row_t       row,
          GError        **error)
{
  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    {
      gboolean failed, right = (q - PW_LIST_STRENGTHS) % 2;
      g_autofree char *text = items_text (x, ret, q, FALSE, error, &failed);
      lxw_row_t at = row + (q - PW_LIST_STRENGTHS) / 2 * 2;

      if (failed)
        return 0;
      block_title (x, ws, at, right ? R_LABEL : L_LABEL, right ? R_NUM2 : L_TEXT, x->list_names[q]);
      pw_cell_merged_text (x, ws, at + 1, right ? R_LABEL : L_LABEL, right ? R_NUM2 : L_TEXT,
                           text ? text : ret ? _("None given") : _("No return"), x->text);
    }
  return row + 4;
}

/* Role · WTE in post · planned, with a TOTAL and the date the figures were
 * taken on in the heading. */
static lxw_row_t
put_arrs (PwExport       *x,
          lxw_worksheet  *ws,
          gint64          ret,
          lxw_row_t       row,
          GError        **error)
{
  g_autoptr(GListModel) wte = ret ? pw_store_list_wte (x->store, ret, error) : NULL;
  guint n = wte ? g_list_model_get_n_items (wte) : 0;
  gint64 in_post = 0, planned = 0;
  g_autofree char *as_of = NULL;
  g_autofree char *title = NULL;

  if (ret && wte == NULL)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);

      pw_export_keep_latest (&as_of, pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_AS_OF));
    }
  if (as_of != NULL)
    {
      int y = 0, m = 0, d = 0;

      sscanf (as_of, "%4d-%2d-%2d", &y, &m, &d);
      title = g_strdup_printf (_("ARRS workforce (WTE as of %02d/%02d/%04d)"), d, m, y);
    }
  row = block_title (x, ws, row, R_LABEL, R_NUM2, title ? title : _("ARRS workforce"));
  pw_cell_merged_text (x, ws, row, R_LABEL, R_TEXT, "Role", x->header);
  pw_cell_text (x, ws, row, R_NUM1, "WTE in post", x->header);
  pw_cell_text (x, ws, row++, R_NUM2, "Planned WTE", x->header);
  for (guint i = 0; i < n; i++, row++)
    {
      g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);
      PwRow *r = PW_ROW (w);

      pw_cell_merged_text (x, ws, row, R_LABEL, R_TEXT, pw_row_get_string (r, PW_ARRS_WTE_ROLE), x->text);
      pw_cell_wte (x, ws, row, R_NUM1, pw_row_get_int (r, PW_ARRS_WTE_IN_POST), x->wte);
      pw_cell_wte (x, ws, row, R_NUM2, pw_row_get_int (r, PW_ARRS_WTE_PLANNED), x->wte);
      pw_export_add (x, &in_post, pw_row_get_int (r, PW_ARRS_WTE_IN_POST), N_("WTE in post"));
      pw_export_add (x, &planned, pw_row_get_int (r, PW_ARRS_WTE_PLANNED), N_("planned WTE"));
    }
  if (n == 0)
    {
      pw_cell_merged_text (x, ws, row, R_LABEL, R_NUM2, ret ? _("No ARRS figures in the return") : _("No return"), x->text);
      return row + 1;
    }
  pw_cell_merged_text (x, ws, row, R_LABEL, R_TEXT, "TOTAL", x->total_label);
  pw_cell_sum (x, ws, row, R_NUM1, row - n, row - 1, in_post / 100.0, x->total_wte);
  pw_cell_sum (x, ws, row, R_NUM2, row - n, row - 1, planned / 100.0, x->total_wte);
  return row + 1;
}

/* "PCN development funding (66p per registered patient)" for a stream
 * worked out from a rate, else the stream's name. */
static char *
stream_label (PwExport  *x,
              PwFunding *f)
{
  const char *name = x->stream_names[pw_row_get_int (PW_ROW (f), PW_FUNDING_STREAM)];
  gint64 rate = pw_row_get_int (PW_ROW (f), PW_FUNDING_RATE);

  g_autofree char *per = NULL;

  if (rate < 0)
    return g_strdup (name);
  per = pw_export_rate_text (rate);
  return g_strdup_printf ("%s (%s)", name, per);
}

static lxw_row_t
put_funding (PwExport       *x,
             lxw_worksheet  *ws,
             PwPcn          *pcn,
             lxw_row_t       row,
             GError        **error)
{
  g_autoptr(GListModel) funding = pw_store_list_funding (x->store, pw_pcn_get_id (pcn), x->options->year, error);
  guint streams[PW_MAX_CONTRACT_ITEMS];   /* the year's, and any other the PCN holds for it */
  guint n = pw_store_contract_shown (x->store, PW_CONTRACT_STREAM, x->options->year, pw_pcn_get_id (pcn), streams);
  gint64 total = 0;
  guint missing = 0;
  lxw_row_t first;

  if (funding == NULL)
    return 0;
  row = block_title (x, ws, row, R_LABEL, R_NUM2, _("Funding"));
  first = row;
  for (guint c = 0; c < n; c++, row++)
    {
      g_autoptr(PwFunding) f = g_list_model_get_item (funding, streams[c]);
      g_autofree char *label = stream_label (x, f);
      gint64 amount = pw_row_get_int (PW_ROW (f), PW_FUNDING_AMOUNT);

      pw_cell_merged_text (x, ws, row, R_LABEL, R_NUM1, label, x->text);
      /* the store's list fills in £0 for a stream never entered */
      if (!pw_row_get_int (PW_ROW (f), PW_FUNDING_RECORDED))
        {
          pw_put_not_recorded (x, ws, row, R_NUM2, FALSE);
          missing++;
          continue;
        }
      pw_put_number (x, ws, row, R_NUM2, amount / 100.0, x->money);
      pw_export_add (x, &total, amount, N_("funding total"));
    }
  pw_cell_merged_text (x, ws, row, R_LABEL, R_NUM1, missing > 0 ? _("TOTAL (recorded only)") : "TOTAL",
                       x->total_label);
  if (n > 0 && missing == n)
    pw_put_not_recorded (x, ws, row, R_NUM2, TRUE);
  else
    pw_cell_sum (x, ws, row, R_NUM2, first, row - 1, total / 100.0, x->total_money);
  return row + 1;
}

/* "Reviewed on 12/03/2027 by A Head", or where the return stands. */
static char *
status_line (PwExport *x,
             PwPcn    *pcn)
{
  PwReturn *ret = pw_export_return_in (x, pcn);
  const char *locality = pw_pcn_get_text (pcn, PW_PCN_LOCALITY);
  g_autofree char *where = *locality ? g_strdup_printf (_("Locality: %s · "), locality) : g_strdup ("");
  const char *reviewer, *at;
  int y = 0, m = 0, d = 0;

  if (ret == NULL)
    return g_strdup_printf (_("%sNo return for %s"), where, x->year_name);
  if (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) != PW_STATUS_REVIEWED)
    return g_strdup_printf (_("%sReturn: %s, not yet reviewed (levels marked " PW_UNREVIEWED_MARK ")"), where,
                            pw_return_status_name (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS)));
  reviewer = pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWER);
  at = pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWED_AT);
  if (at == NULL || sscanf (at, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup_printf (_("%sReturn: reviewed%s%s"), where, *reviewer ? _(" by ") : "", reviewer);
  return g_strdup_printf (_("%sReturn: reviewed on %02d/%02d/%04d%s%s"), where, d, m, y, *reviewer ? _(" by ") : "",
                          reviewer);
}

gboolean
pw_export_write_review (PwExport       *x,
                        lxw_worksheet  *ws,
                        GError        **error)
{
  PwPcn *pcn = x->sheet_pcn;
  PwReturn *ret_row = pw_export_return_in (x, pcn);
  gint64 ret = pw_export_return_of (x, pcn);
  g_autofree char *title = g_strdup_printf (_("Annual review · %s (%s) · %s"), pw_pcn_get_text (pcn, PW_PCN_NAME),
                                            pw_pcn_get_text (pcn, PW_PCN_CODE), x->year_name);
  g_autofree char *status = status_line (x, pcn);
  const char *note = ret_row ? pw_row_get_string (PW_ROW (ret_row), PW_RETURN_REVIEW_NOTE) : NULL;
  lxw_row_t left, right;

  for (lxw_col_t c = 0; c < G_N_ELEMENTS (widths); c++)
    pw_sheet_column (x, ws, c, c, widths[c]);
  pw_cell_merged_text (x, ws, 0, 0, R_NUM2, title, x->title);
  pw_cell_merged_text (x, ws, 1, 0, R_NUM2, status, x->text);
  left = put_profile (x, ws, pcn, 3);
  if ((right = put_funding (x, ws, pcn, 3, error)) == 0 ||
      (left = put_maturity (x, ws, pcn, ret, MAX (left, right) + 1, error)) == 0 ||
      (right = put_arrs (x, ws, ret, left - PW_N_DOMAINS - 2, error)) == 0 ||
      (left = put_achievements (x, ws, ret, MAX (left, right) + 1, error)) == 0)
    return FALSE;
  block_title (x, ws, left - 2, R_LABEL, R_NUM2, _("Review comment"));
  pw_cell_merged_text (x, ws, left - 1, R_LABEL, R_NUM2, note && *note ? note : ret ? _("None yet") : _("No return"),
                       x->text);
  if (put_swot (x, ws, ret, left + 1, error) == 0)
    return FALSE;
  pw_sheet_setup_page (x, ws, 0);
  worksheet_repeat_rows (ws, 0, 1);
  return TRUE;
}

/* One sheet per PCN, named by its code; just the one when the options name
 * a PCN, which must be in the year's lists. */
static GArray *
review_sheets (PwExport *x,
               GError  **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (PwSheet));

  for (guint i = 0; i < x->pcns->len; i++)
    {
      PwPcn *pcn = g_ptr_array_index (x->pcns, i);
      PwSheet sheet = { pw_pcn_get_text (pcn, PW_PCN_CODE), pw_export_write_review, pcn };

      if (x->pcn_code == NULL || g_ascii_strcasecmp (x->pcn_code, sheet.name) == 0)
        g_array_append_val (list, sheet);
    }
  if (list->len == 0)
    {
      if (x->pcn_code != NULL)
        g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID, _("PCN %s is not in the lists for %s"),
                     x->pcn_code, x->year_name);
      else
        g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID, _("There are no PCNs in the lists for %s"),
                     x->year_name);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
pw_export_review (PwStore                *store,
                  const PwExportOptions  *options,
                  const char             *pcn_code,
                  const char             *path,
                  PwProgressFunc          progress,
                  gpointer                progress_data,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_auto(PwExport) x = { store, options, .doc_title = "PCN annual review", .pcn_code = pcn_code };

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  return pw_export_run (&x, review_sheets, path, progress, progress_data, cancellable, error);
}

/* pw-export-forms.c — return forms: one .xlsx per PCN to fill in and send back
 *
 * Each form is pre-filled with what the workbook holds for the year, with
 * last year's figures beside them for reference.  Cells to fill in are
 * unlocked and shaded; everything else is protected (without a password,
 * so nobody is locked out: protection only keeps the layout the reader
 * relies on).  Levels and statuses come from drop-downs and numbers carry
 * range checks, but pasting bypasses both: the reader checks every value
 * again.  A hidden sheet says which PCN, year and form version the file
 * is, and which row holds which role or specification (layout in
 * pw-return-form.h).  Each file is written through PwExportFile, so a
 * failed export leaves nothing half-written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-export-private.h"
#include "pw-return-form.h"
#include "pw-workforce.h"

#define INPUT_SHADE 0xFFF2CC   /* pale yellow: "type here" in both programs */
#define REFERENCE_GREY 0x595959
#define MAX_AMOUNT 100000000.0 /* £100m: more than any PCN proposal */

typedef struct
{
  PwExport x;
  lxw_format *input;
  lxw_format *input_wte;
  lxw_format *input_count;
  lxw_format *input_money;
  lxw_format *reference;
  lxw_format *reference_wte;
  PwPcn *pcn;                  /* borrowed */
  PwPcn *last_pcn;             /* borrowed, the PCN as it was last year, or NULL */
  gint64 ret;                  /* this year's return, 0 if none */
  gint64 last_ret;             /* last year's, 0 if none */
  char *last_year_name;
  lxw_worksheet *id;           /* the hidden sheet */
  lxw_row_t id_row;
} PwFormExport;

/* ------------------------------------------------------------------ */
/* Cells                                                               */

static lxw_format *
add_format (PwFormExport *f,
            gboolean      input,
            const char   *num_format)
{
  lxw_format *fmt = workbook_add_format (f->x.workbook);

  format_set_font_name (fmt, "Arial");
  format_set_font_size (fmt, 10);
  format_set_align (fmt, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap (fmt);
  if (num_format != NULL)
    format_set_num_format (fmt, num_format);
  if (input)
    {
      format_set_unlocked (fmt);
      format_set_bg_color (fmt, INPUT_SHADE);
      format_set_border (fmt, LXW_BORDER_THIN);
      format_set_border_color (fmt, 0xBFBFBF);
    }
  else
    {
      format_set_font_color (fmt, REFERENCE_GREY);
      format_set_italic (fmt);
    }
  return fmt;
}

static void
make_formats (PwFormExport *f)
{
  pw_export_make_formats (&f->x);
  f->input = add_format (f, TRUE, NULL);
  f->input_wte = add_format (f, TRUE, "0.00");
  f->input_count = add_format (f, TRUE, "0");
  f->input_money = add_format (f, TRUE, "\"£\"#,##0.00");
  f->reference = add_format (f, FALSE, NULL);
  f->reference_wte = add_format (f, FALSE, "0.00");
}

/* A cell to fill in, shaded even while empty. */
static void
input_text (PwFormExport  *f,
            lxw_worksheet *ws,
            lxw_row_t      row,
            lxw_col_t      col,
            const char    *text)
{
  if (text == NULL || *text == '\0')
    pw_put_blank (&f->x, ws, row, col, f->input);
  else
    pw_cell_text (&f->x, ws, row, col, text, f->input);
}

/* @value in hundredths (or whole units with @format input_count / pence
 * with input_money), blank when negative: not given. */
static void
input_number (PwFormExport  *f,
              lxw_worksheet *ws,
              lxw_row_t      row,
              lxw_col_t      col,
              gint64         value,
              double         unit,
              lxw_format    *format)
{
  if (value < 0)
    pw_put_blank (&f->x, ws, row, col, format);
  else
    pw_put_number (&f->x, ws, row, col, value / unit, format);
}

static void
reference_wte (PwFormExport  *f,
               lxw_worksheet *ws,
               lxw_row_t      row,
               lxw_col_t      col,
               gint64         hundredths)
{
  if (hundredths >= 0)
    pw_put_number (&f->x, ws, row, col, hundredths / 100.0, f->reference_wte);
}

/* Numbers from 0 to @max; whole numbers only with @whole. */
static void
validate_range (lxw_worksheet *ws,
                lxw_row_t      first,
                lxw_row_t      last,
                lxw_col_t      col,
                gboolean       whole,
                double         max,
                const char    *message)
{
  lxw_data_validation dv = { 0 };

  dv.validate = whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
  dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  dv.minimum_number = 0;
  dv.maximum_number = max;
  dv.error_title = (char *) _("Not a valid number");
  dv.error_message = (char *) message;
  if (last >= first)
    worksheet_data_validation_range (ws, first, col, last, col, &dv);
}

/* A drop-down of @choices (NULL-terminated). */
static void
validate_list (lxw_worksheet *ws,
               lxw_row_t      first,
               lxw_row_t      last,
               lxw_col_t      col,
               const char   **choices,
               const char    *message)
{
  lxw_data_validation dv = { 0 };

  dv.validate = LXW_VALIDATION_TYPE_LIST;
  dv.value_list = (char **) choices;
  dv.error_title = (char *) _("Choose from the list");
  dv.error_message = (char *) message;
  if (last >= first)
    worksheet_data_validation_range (ws, first, col, last, col, &dv);
}

/* One line of the hidden sheet: @key, then up to two values. */
static void
identify (PwFormExport *f,
          const char   *key,
          const char   *a,
          const char   *b)
{
  pw_put_string (&f->x, f->id, f->id_row, 0, key, NULL);
  if (a != NULL)
    pw_put_string (&f->x, f->id, f->id_row, 1, a, NULL);
  if (b != NULL)
    pw_put_string (&f->x, f->id, f->id_row, 2, b, NULL);
  f->id_row++;
}

static void
identify_rows (PwFormExport *f,
               const char   *key,
               lxw_row_t     first,
               lxw_row_t     last)
{
  g_autofree char *a = g_strdup_printf ("%u", first + 1);
  g_autofree char *b = g_strdup_printf ("%u", last + 1);

  identify (f, key, a, b);
}

/* The sheet's title row, a header row below it, and protection. */
static void
begin_sheet (PwFormExport  *f,
             lxw_worksheet *ws,
             const char    *title,
             lxw_row_t      header_row,
             const char   **headers,
             const double  *widths)
{
  g_autofree char *text = g_strdup_printf ("%s · %s · %s %s", title, f->x.year_name,
                                           pw_pcn_get_text (f->pcn, PW_PCN_CODE),
                                           pw_pcn_get_text (f->pcn, PW_PCN_NAME));
  lxw_protection protection = { .format_columns = 1, .format_rows = 1 };

  pw_put_string (&f->x, ws, 0, 0, text, f->x.title);
  pw_sheet_set_row (&f->x, ws, 0, PW_TITLE_POINTS);
  if (headers != NULL)
    pw_sheet_header_row (&f->x, ws, header_row, headers, widths);
  worksheet_protect (ws, NULL, &protection);
}

static void
end_sheet (PwFormExport  *f,
           lxw_worksheet *ws,
           lxw_row_t      heading)
{
  pw_sheet_end_rows (&f->x);
  pw_sheet_setup_print (&f->x, ws, heading, 1);
}

static char *
last_year_heading (PwFormExport *f,
                   const char   *what)
{
  return g_strdup_printf (_("%s %s (for reference)"), what, f->last_year_name);
}

/* ------------------------------------------------------------------ */
/* Sheets                                                              */

static gboolean
write_instructions (PwFormExport   *f,
                    lxw_worksheet  *ws,
                    GError        **error)
{
  g_autofree char *intro = g_strdup_printf (
      _("This is the %s return of %s (%s). Please fill in the shaded cells on each sheet, save the file "
        "as it is (keep the name ending .xlsx, the sheet names and the layout) and send it back to your "
        "commissioner."), f->x.year_name, pw_pcn_get_text (f->pcn, PW_PCN_NAME), pw_pcn_get_text (f->pcn, PW_PCN_CODE));
  const char *lines[] = {
    intro,
    _("What the workbook already holds for this year is filled in: change it where it is out of date. Grey "
      "figures in italics are last year’s, for reference only."),
    _("Maturity: choose each domain’s level from the list (Pre-foundation, Foundation, Foundation/Step 1 … "
      "Step 3, or No score if not assessed), and say what evidence supports it and what support you need."),
    _("Workforce: ARRS roles of this year’s Network Contract DES, as whole-time equivalents (WTE, such as 1.5) "
      "in post now, the number of people (headcount) and the WTE you plan by the year’s end."),
    _("Plan: how you deliver this year’s DES service specification(s), your projects and your development "
      "funding proposals (amounts in pounds)."),
    _("Lists (achievements, SWOT, projects): one entry per row; leave unused rows empty. To remove an "
      "entry, clear its row."),
    _("Numbers must be typed as numbers, not text, and formulas are not read: type the value itself. "
      "The sheets are protected without a password only to keep their layout; do not unprotect, rename, "
      "move or delete sheets, rows or columns."),
  };
  lxw_protection protection = { 0 };

  pw_put_string (&f->x, ws, 0, 0, _("Return form: instructions"), f->x.title);
  pw_sheet_set_row (&f->x, ws, 0, PW_TITLE_POINTS);
  pw_sheet_column (&f->x, ws, 0, 0, 100);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    pw_cell_text (&f->x, ws, 2 + i * 2, 0, lines[i], f->x.text);
  worksheet_protect (ws, NULL, &protection);
  pw_sheet_end_rows (&f->x);
  pw_sheet_setup_page (&f->x, ws, 0);
  return TRUE;
}

static gboolean
write_profile (PwFormExport   *f,
               lxw_worksheet  *ws,
               GError        **error)
{
  g_autofree char *last = last_year_heading (f, _("Last year"));
  const char *headers[] = { _("Item"), f->x.year_name, last, NULL };
  const double widths[] = { 26, 40, 40 };
  const char *practice_headers[] = { _("Practice code"), _("Practice name"), _("List size"), NULL };
  g_autoptr(GListModel) practices = pw_store_list_practices_for_year (f->x.store, pw_pcn_get_id (f->pcn),
                                                                      f->x.options->year, error);
  PwPcn *p = f->pcn, *l = f->last_pcn;
  lxw_row_t row = PW_FORM_PROFILE_PRACTICES + 2;

  if (practices == NULL)
    return FALSE;
  begin_sheet (f, ws, _("Profile"), 1, headers, widths);
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_CODE, 0, _("PCN code"), f->x.label);
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_CODE, 1, pw_pcn_get_text (p, PW_PCN_CODE), f->x.text);
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_NAME, 0, _("PCN name"), f->x.label);
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_NAME, 1, pw_pcn_get_text (p, PW_PCN_NAME), f->x.text);
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_LOCALITY, 0, _("Locality"), f->x.label);
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_LOCALITY, 1, pw_pcn_get_text (p, PW_PCN_LOCALITY), f->x.text);
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_CD, 0, _("Clinical director"), f->x.label);
  input_text (f, ws, PW_FORM_PROFILE_CD, 1, pw_pcn_get_text (p, PW_PCN_CLINICAL_DIRECTOR));
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_CD_WTE, 0, _("Clinical director WTE"), f->x.label);
  input_number (f, ws, PW_FORM_PROFILE_CD_WTE, 1, pw_row_get_int (PW_ROW (p), PW_PCN_CD_WTE), 100, f->input_wte);
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_MANAGER, 0, _("PCN manager"), f->x.label);
  input_text (f, ws, PW_FORM_PROFILE_MANAGER, 1, pw_pcn_get_text (p, PW_PCN_MANAGER));
  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_MANAGER_WTE, 0, _("PCN manager WTE"), f->x.label);
  input_number (f, ws, PW_FORM_PROFILE_MANAGER_WTE, 1, pw_row_get_int (PW_ROW (p), PW_PCN_MANAGER_WTE), 100,
                f->input_wte);
  validate_range (ws, PW_FORM_PROFILE_CD_WTE, PW_FORM_PROFILE_CD_WTE, 1, FALSE, PW_WTE_MAX / 100.0,
                  _("A WTE from 0 to 99.99, such as 0.25"));
  validate_range (ws, PW_FORM_PROFILE_MANAGER_WTE, PW_FORM_PROFILE_MANAGER_WTE, 1, FALSE, PW_WTE_MAX / 100.0,
                  _("A WTE from 0 to 99.99, such as 0.25"));
  if (l != NULL)
    {
      pw_cell_text (&f->x, ws, PW_FORM_PROFILE_NAME, 2, pw_pcn_get_text (l, PW_PCN_NAME), f->reference);
      pw_cell_text (&f->x, ws, PW_FORM_PROFILE_LOCALITY, 2, pw_pcn_get_text (l, PW_PCN_LOCALITY), f->reference);
      pw_cell_text (&f->x, ws, PW_FORM_PROFILE_CD, 2, pw_pcn_get_text (l, PW_PCN_CLINICAL_DIRECTOR), f->reference);
      reference_wte (f, ws, PW_FORM_PROFILE_CD_WTE, 2, pw_row_get_int (PW_ROW (l), PW_PCN_CD_WTE));
      pw_cell_text (&f->x, ws, PW_FORM_PROFILE_MANAGER, 2, pw_pcn_get_text (l, PW_PCN_MANAGER), f->reference);
      reference_wte (f, ws, PW_FORM_PROFILE_MANAGER_WTE, 2, pw_row_get_int (PW_ROW (l), PW_PCN_MANAGER_WTE));
    }

  pw_cell_text (&f->x, ws, PW_FORM_PROFILE_PRACTICES, 0,
                _("Member practices (tell your commissioner of any change)"), f->x.block_title);
  for (lxw_col_t c = 0; practice_headers[c] != NULL; c++)
    pw_cell_text (&f->x, ws, PW_FORM_PROFILE_PRACTICES + 1, c, practice_headers[c], f->x.header);
  for (guint i = 0; i < g_list_model_get_n_items (practices); i++, row++)
    {
      g_autoptr(PwRow) pr = g_list_model_get_item (practices, i);

      pw_cell_text (&f->x, ws, row, 0, pw_row_get_string (pr, PW_PRACTICE_CODE), f->x.text);
      pw_cell_text (&f->x, ws, row, 1, pw_row_get_string (pr, PW_PRACTICE_NAME), f->x.text);
      pw_put_number (&f->x, ws, row, 2, pw_row_get_int (pr, PW_PRACTICE_LIST_SIZE), f->x.count);
    }
  end_sheet (f, ws, 1);
  return TRUE;
}

static gboolean
write_maturity (PwFormExport   *f,
                lxw_worksheet  *ws,
                GError        **error)
{
  g_autofree char *last = last_year_heading (f, _("Level"));
  const char *headers[] = { _("Domain"), _("Level"), _("Evidence"), _("Support needed"), last, NULL };
  const double widths[] = { 30, 18, 50, 40, 18 };
  const char *levels[PW_N_LEVELS + 1] = { NULL };
  g_autoptr(GListModel) now = f->ret ? pw_store_list_maturity (f->x.store, f->ret, error) : NULL;
  g_autoptr(GListModel) then = f->last_ret ? pw_store_list_maturity (f->x.store, f->last_ret, error) : NULL;
  g_autofree char *message = NULL;

  if ((f->ret && now == NULL) || (f->last_ret && then == NULL))
    return FALSE;
  for (guint i = 0; i < PW_N_LEVELS; i++)
    levels[i] = pw_level_name (pw_level_at (i));
  message = g_strjoinv (", ", (char **) levels);
  begin_sheet (f, ws, _("Maturity self-assessment"), PW_FORM_MATURITY_FIRST - 1, headers, widths);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      lxw_row_t row = PW_FORM_MATURITY_FIRST + d;

      pw_cell_text (&f->x, ws, row, 0, f->x.domain_names[d], f->x.row_label);
      pw_put_blank (&f->x, ws, row, 1, f->input);
      input_text (f, ws, row, 2, NULL);
      input_text (f, ws, row, 3, NULL);
      for (guint i = 0; now && i < g_list_model_get_n_items (now); i++)
        {
          g_autoptr(PwRow) m = g_list_model_get_item (now, i);
          int level = pw_row_get_int (m, PW_MATURITY_LEVEL);

          if (pw_row_get_int (m, PW_MATURITY_DOMAIN) != d)
            continue;
          if (level != PW_LEVEL_NONE)
            pw_cell_text (&f->x, ws, row, 1, pw_level_name (level), f->input);
          input_text (f, ws, row, 2, pw_row_get_string (m, PW_MATURITY_EVIDENCE));
          input_text (f, ws, row, 3, pw_row_get_string (m, PW_MATURITY_SUPPORT));
        }
      for (guint i = 0; then && i < g_list_model_get_n_items (then); i++)
        {
          g_autoptr(PwRow) m = g_list_model_get_item (then, i);

          if (pw_row_get_int (m, PW_MATURITY_DOMAIN) == d)
            pw_cell_text (&f->x, ws, row, 4, pw_level_name (pw_row_get_int (m, PW_MATURITY_LEVEL)), f->reference);
        }
    }
  validate_list (ws, PW_FORM_MATURITY_FIRST, PW_FORM_MATURITY_FIRST + PW_N_DOMAINS - 1, 1, levels, message);
  end_sheet (f, ws, PW_FORM_MATURITY_FIRST - 1);
  return TRUE;
}

/* A list (achievements, or one SWOT quadrant) of this year's return in
 * column @col, last year's in @ref_col, from row @first for @rows rows. */
static gboolean
put_list (PwFormExport   *f,
          lxw_worksheet  *ws,
          PwItemList      list,
          lxw_row_t       first,
          guint           rows,
          lxw_col_t       col,
          lxw_col_t       ref_col,
          GError        **error)
{
  g_autoptr(GListModel) now = f->ret ? pw_store_list_items (f->x.store, f->ret, list, error) : NULL;
  g_autoptr(GListModel) then = f->last_ret ? pw_store_list_items (f->x.store, f->last_ret, list, error) : NULL;

  if ((f->ret && now == NULL) || (f->last_ret && then == NULL))
    return FALSE;
  for (guint i = 0; i < rows; i++)
    {
      g_autoptr(PwRow) item = now && i < g_list_model_get_n_items (now) ? g_list_model_get_item (now, i) : NULL;
      g_autoptr(PwRow) old = then && i < g_list_model_get_n_items (then) ? g_list_model_get_item (then, i) : NULL;

      input_text (f, ws, first + i, col, item ? pw_row_get_string (item, PW_ITEM_TEXT) : NULL);
      if (old != NULL)
        pw_cell_text (&f->x, ws, first + i, ref_col, pw_row_get_string (old, PW_ITEM_TEXT), f->reference);
    }
  return TRUE;
}

static guint
count_items (PwFormExport *f,
             gint64        ret,
             PwItemList    list)
{
  g_autoptr(GListModel) items = ret ? pw_store_list_items (f->x.store, ret, list, NULL) : NULL;

  return items ? g_list_model_get_n_items (items) : 0;
}

static gboolean
write_achievements (PwFormExport   *f,
                    lxw_worksheet  *ws,
                    GError        **error)
{
  g_autofree char *last = last_year_heading (f, _("Achievements"));
  const char *headers[] = { _("No."), _("Achievement"), last, NULL };
  const double widths[] = { 6, 70, 50 };
  guint rows = MAX (count_items (f, f->ret, PW_LIST_ACHIEVEMENTS), count_items (f, f->last_ret, PW_LIST_ACHIEVEMENTS))
               + PW_FORM_SPARE_ROWS;

  begin_sheet (f, ws, _("Key achievements"), 1, headers, widths);
  for (guint i = 0; i < rows; i++)
    pw_put_number (&f->x, ws, 2 + i, 0, i + 1, f->x.count);
  if (!put_list (f, ws, PW_LIST_ACHIEVEMENTS, 2, rows, 1, 2, error))
    return FALSE;
  identify_rows (f, "achievements", 2, 2 + rows - 1);
  end_sheet (f, ws, 1);
  return TRUE;
}

static gboolean
write_swot (PwFormExport   *f,
            lxw_worksheet  *ws,
            GError        **error)
{
  const char *headers[] = { f->x.list_names[PW_LIST_STRENGTHS], f->x.list_names[PW_LIST_WEAKNESSES],
                            f->x.list_names[PW_LIST_OPPORTUNITIES], f->x.list_names[PW_LIST_THREATS], "", NULL };
  const double widths[] = { 34, 34, 34, 34, 3 };
  guint rows = 0;

  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    rows = MAX (rows, MAX (count_items (f, f->ret, q), count_items (f, f->last_ret, q)));
  rows += PW_FORM_SPARE_ROWS;
  begin_sheet (f, ws, _("SWOT analysis"), 1, headers, widths);
  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    {
      g_autofree char *last = last_year_heading (f, f->x.list_names[q]);

      pw_sheet_column (&f->x, ws, 5 + q, 5 + q, 30);
      pw_cell_text (&f->x, ws, 1, 5 + q, last, f->x.header);
      if (!put_list (f, ws, q, 2, rows, q, 5 + q, error))
        return FALSE;
    }
  identify_rows (f, "swot", 2, 2 + rows - 1);
  end_sheet (f, ws, 1);
  return TRUE;
}

static int
by_role_name (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (pw_row_get_string (*(PwRow **) a, PW_ARRS_ROLE_NAME),
                         pw_row_get_string (*(PwRow **) b, PW_ARRS_ROLE_NAME));
}

/* The role ids and names the Workforce sheet lists: the year's roles and
 * any other the return holds, by name. */
static GPtrArray *
workforce_roles (PwFormExport  *f,
                 GListModel    *wte,
                 GError       **error)
{
  g_autoptr(GListModel) roles = pw_store_list_roles_in_year (f->x.store, f->x.options->year, error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *out;

  if (roles == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    g_ptr_array_add (out, g_list_model_get_item (roles, i));
  for (guint i = 0; i < out->len; i++)
    {
      gint64 id = pw_row_get_int (g_ptr_array_index (out, i), PW_ARRS_ROLE_ID);
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }
  for (guint i = 0; wte && i < g_list_model_get_n_items (wte); i++)
    {
      g_autoptr(PwRow) w = g_list_model_get_item (wte, i);
      gint64 id = pw_row_get_int (w, PW_ARRS_WTE_ROLE_ID);

      if (!g_hash_table_contains (seen, &id))   /* a role the year no longer lists */
        g_ptr_array_add (out, g_object_new (PW_TYPE_ARRS_ROLE, "id", id, "name",
                                            pw_row_get_string (w, PW_ARRS_WTE_ROLE), NULL));
    }
  g_ptr_array_sort (out, by_role_name);
  return out;
}

/* The row of @wte for @role_id, or NULL. */
static PwRow *
wte_of (GListModel *wte,
        gint64      role_id)
{
  for (guint i = 0; wte && i < g_list_model_get_n_items (wte); i++)
    {
      PwRow *w = g_list_model_get_item (wte, i);

      if (pw_row_get_int (w, PW_ARRS_WTE_ROLE_ID) == role_id)
        return w;
      g_object_unref (w);
    }
  return NULL;
}

static gboolean
write_workforce (PwFormExport   *f,
                 lxw_worksheet  *ws,
                 GError        **error)
{
  g_autofree char *last_in_post = last_year_heading (f, _("WTE in post"));
  g_autofree char *last_planned = last_year_heading (f, _("Planned WTE"));
  const char *headers[] = { _("Role"), _("WTE in post"), _("Headcount"), _("Planned WTE"), last_in_post, last_planned,
                            NULL };
  const double widths[] = { 36, 12, 12, 12, 18, 18 };
  g_autoptr(GListModel) now = f->ret ? pw_store_list_wte (f->x.store, f->ret, error) : NULL;
  g_autoptr(GListModel) then = f->last_ret ? pw_store_list_wte (f->x.store, f->last_ret, error) : NULL;
  g_autoptr(GPtrArray) roles = NULL;
  lxw_row_t row = PW_FORM_WORKFORCE_FIRST;

  if ((f->ret && now == NULL) || (f->last_ret && then == NULL) || (roles = workforce_roles (f, now, error)) == NULL)
    return FALSE;
  begin_sheet (f, ws, _("ARRS workforce"), PW_FORM_WORKFORCE_FIRST - 1, headers, widths);
  for (guint i = 0; i < roles->len; i++, row++)
    {
      PwRow *role = g_ptr_array_index (roles, i);
      gint64 id = pw_row_get_int (role, PW_ARRS_ROLE_ID);
      g_autoptr(PwRow) w = wte_of (now, id);
      g_autoptr(PwRow) old = wte_of (then, id);
      g_autofree char *row_text = g_strdup_printf ("%u", row + 1);

      pw_cell_text (&f->x, ws, row, 0, pw_row_get_string (role, PW_ARRS_ROLE_NAME), f->x.row_label);
      input_number (f, ws, row, 1, w ? pw_row_get_int (w, PW_ARRS_WTE_IN_POST) : -1, 100, f->input_wte);
      input_number (f, ws, row, 2, w ? pw_row_get_int (w, PW_ARRS_WTE_HEADCOUNT) : -1, 1, f->input_count);
      input_number (f, ws, row, 3, w ? pw_row_get_int (w, PW_ARRS_WTE_PLANNED) : -1, 100, f->input_wte);
      if (old != NULL)
        {
          reference_wte (f, ws, row, 4, pw_row_get_int (old, PW_ARRS_WTE_IN_POST));
          reference_wte (f, ws, row, 5, pw_row_get_int (old, PW_ARRS_WTE_PLANNED));
        }
      identify (f, "wte", row_text, pw_row_get_string (role, PW_ARRS_ROLE_NAME));
    }
  validate_range (ws, PW_FORM_WORKFORCE_FIRST, row - 1, 1, FALSE, PW_WTE_MAX / 100.0,
                  _("A WTE from 0 to 99.99, such as 1.5"));
  validate_range (ws, PW_FORM_WORKFORCE_FIRST, row - 1, 2, TRUE, PW_FORM_MAX_HEADCOUNT,
                  _("A whole number of people, from 0 to 999"));
  validate_range (ws, PW_FORM_WORKFORCE_FIRST, row - 1, 3, FALSE, PW_WTE_MAX / 100.0,
                  _("A WTE from 0 to 99.99, such as 1.5"));
  end_sheet (f, ws, PW_FORM_WORKFORCE_FIRST - 1);
  return TRUE;
}

/* The DES block of the Plan sheet, from @row; returns the row after it. */
static lxw_row_t
put_des (PwFormExport   *f,
         lxw_worksheet  *ws,
         lxw_row_t       row,
         GError        **error)
{
  g_autofree char *last = last_year_heading (f, _("Status"));
  const char *headers[] = { _("DES service specification"), _("Status"), _("How you deliver it"), last, NULL };
  const char *statuses[PW_N_DES_STATUSES + 1] = { NULL };
  g_autoptr(GListModel) now = f->ret ? pw_store_list_des (f->x.store, f->ret, error) : NULL;
  g_autoptr(GListModel) then = f->last_ret ? pw_store_list_des (f->x.store, f->last_ret, error) : NULL;
  g_autofree char *message = NULL;
  guint specs[PW_MAX_CONTRACT_ITEMS];
  guint n = pw_store_contract_shown (f->x.store, PW_CONTRACT_DES, f->x.options->year, f->ret ? f->ret : -1, specs);
  lxw_row_t first;

  if ((f->ret && now == NULL) || (f->last_ret && then == NULL))
    return 0;
  for (PwDesStatus s = 0; s < PW_N_DES_STATUSES; s++)
    statuses[s] = pw_des_status_name (s);
  message = g_strjoinv (", ", (char **) statuses);
  pw_cell_text (&f->x, ws, row++, 0, _("Network Contract DES"), f->x.block_title);
  for (lxw_col_t c = 0; headers[c] != NULL; c++)
    pw_cell_text (&f->x, ws, row, c, headers[c], f->x.header);
  first = ++row;
  for (guint k = 0; k < n; k++, row++)
    {
      g_autoptr(PwRow) d = now ? g_list_model_get_item (now, specs[k]) : NULL;
      g_autoptr(PwRow) old = then ? g_list_model_get_item (then, specs[k]) : NULL;
      g_autofree char *row_text = g_strdup_printf ("%u", row + 1);
      const char *note = d ? pw_row_get_string (d, PW_DES_PLAN_NOTE) : "";
      gboolean planned = d && pw_row_get_int (d, PW_DES_PLAN_PLANNED);

      pw_cell_text (&f->x, ws, row, 0, pw_store_contract_name (f->x.store, PW_CONTRACT_DES, specs[k]), f->x.row_label);
      if (planned)
        pw_cell_text (&f->x, ws, row, 1, pw_des_status_name (pw_row_get_int (d, PW_DES_PLAN_STATUS)), f->input);
      else
        pw_put_blank (&f->x, ws, row, 1, f->input);
      input_text (f, ws, row, 2, note);
      if (old != NULL && pw_row_get_int (old, PW_DES_PLAN_PLANNED))
        pw_cell_text (&f->x, ws, row, 3, pw_des_status_name (pw_row_get_int (old, PW_DES_PLAN_STATUS)), f->reference);
      identify (f, "des", row_text, pw_store_contract_key (f->x.store, PW_CONTRACT_DES, specs[k]));
    }
  validate_list (ws, first, row - 1, 1, statuses, message);
  return row + 1;
}

/* Projects (title, detail, lead, due, status) or proposals (title,
 * detail, lead, amount) from @row; returns the row after them. */
static lxw_row_t
put_entries (PwFormExport   *f,
             lxw_worksheet  *ws,
             lxw_row_t       row,
             PwEntryKind     kind,
             GError        **error)
{
  const char *project_headers[] = { _("Project"), _("Detail"), _("Lead"), _("Due"), _("Status"), NULL };
  const char *proposal_headers[] = { _("Proposal"), _("Detail"), _("Lead"), _("Amount (£)"), NULL };
  const char **headers = kind == PW_ENTRY_PROJECT ? project_headers : proposal_headers;
  const char *statuses[PW_N_PROJECT_STATUSES + 1] = { NULL };
  g_autoptr(GListModel) now = f->ret ? pw_store_list_entries (f->x.store, f->ret, kind, error) : NULL;
  guint rows = (now ? g_list_model_get_n_items (now) : 0) + PW_FORM_SPARE_ROWS;
  g_autofree char *message = NULL;
  lxw_row_t first;

  if (f->ret && now == NULL)
    return 0;
  for (PwProjectStatus s = 0; s < PW_N_PROJECT_STATUSES; s++)
    statuses[s] = pw_project_status_name (s);
  message = g_strjoinv (", ", (char **) statuses);
  pw_cell_text (&f->x, ws, row++, 0, kind == PW_ENTRY_PROJECT ? _("Projects") : _("Development funding proposals"),
                f->x.block_title);
  for (lxw_col_t c = 0; headers[c] != NULL; c++)
    pw_cell_text (&f->x, ws, row, c, headers[c], f->x.header);
  first = ++row;
  for (guint i = 0; i < rows; i++, row++)
    {
      g_autoptr(PwRow) e = now && i < g_list_model_get_n_items (now) ? g_list_model_get_item (now, i) : NULL;

      input_text (f, ws, row, 0, e ? pw_row_get_string (e, PW_PLAN_ENTRY_TITLE) : NULL);
      input_text (f, ws, row, 1, e ? pw_row_get_string (e, PW_PLAN_ENTRY_DETAIL) : NULL);
      input_text (f, ws, row, 2, e ? pw_row_get_string (e, PW_PLAN_ENTRY_LEAD) : NULL);
      if (kind == PW_ENTRY_PROJECT)
        {
          input_text (f, ws, row, 3, e ? pw_row_get_string (e, PW_PLAN_ENTRY_DUE) : NULL);
          if (e != NULL)
            pw_cell_text (&f->x, ws, row, 4, pw_project_status_name (pw_row_get_int (e, PW_PLAN_ENTRY_STATUS)), f->input);
          else
            pw_put_blank (&f->x, ws, row, 4, f->input);
        }
      else
        input_number (f, ws, row, 3, e ? pw_row_get_int (e, PW_PLAN_ENTRY_AMOUNT) : -1, 100, f->input_money);
    }
  if (kind == PW_ENTRY_PROJECT)
    validate_list (ws, first, row - 1, 4, statuses, message);
  else
    validate_range (ws, first, row - 1, 3, FALSE, MAX_AMOUNT, _("An amount in pounds, such as 26400 or 1234.56"));
  identify_rows (f, kind == PW_ENTRY_PROJECT ? "projects" : "proposals", first, row - 1);
  return row + 1;
}

static gboolean
write_plan (PwFormExport   *f,
            lxw_worksheet  *ws,
            GError        **error)
{
  lxw_row_t row;

  begin_sheet (f, ws, _("Plan"), 0, NULL, NULL);
  pw_sheet_column (&f->x, ws, 0, 0, 36);
  pw_sheet_column (&f->x, ws, 1, 1, 30);
  pw_sheet_column (&f->x, ws, 2, 2, 40);
  pw_sheet_column (&f->x, ws, 3, 4, 18);
  if ((row = put_des (f, ws, 2, error)) == 0 ||
      (row = put_entries (f, ws, row, PW_ENTRY_PROJECT, error)) == 0 ||
      (row = put_entries (f, ws, row, PW_ENTRY_PROPOSAL, error)) == 0)
    return FALSE;
  end_sheet (f, ws, 0);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* One form                                                            */

typedef gboolean (*FormSheet) (PwFormExport *f, lxw_worksheet *ws, GError **error);

static const struct
{
  const char *name;
  FormSheet write;
} form_sheets[] = {
  { "Instructions", write_instructions },
  { "Profile", write_profile },
  { "Maturity", write_maturity },
  { "Achievements", write_achievements },
  { "SWOT", write_swot },
  { "Workforce", write_workforce },
  { "Plan", write_plan },
};

static gboolean
write_form (PwFormExport  *f,
            const char    *tmp,
            GError       **error)
{
  lxw_doc_properties props = { .title = (char *) "PCN return form", .company = (char *) "OFFICIAL" };
  g_autofree char *version = g_strdup_printf ("%d", PW_FORM_VERSION);
  lxw_protection protection = { 0 };
  lxw_error rc;

  f->x.workbook = workbook_new (tmp);
  if (f->x.workbook == NULL)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write “%s”"), tmp);
      return FALSE;
    }
  workbook_set_properties (f->x.workbook, &props);
  make_formats (f);
  for (guint i = 0; i < G_N_ELEMENTS (form_sheets); i++)
    workbook_add_worksheet (f->x.workbook, form_sheets[i].name);
  f->id = workbook_add_worksheet (f->x.workbook, PW_FORM_ID_SHEET);
  f->id_row = 0;
  identify (f, "form", PW_FORM_MAGIC, NULL);
  identify (f, "pcn", pw_pcn_get_text (f->pcn, PW_PCN_CODE), NULL);
  identify (f, "year", f->x.year_name, NULL);
  identify (f, "version", version, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (form_sheets); i++)
    {
      lxw_worksheet *ws = workbook_get_worksheet_by_name (f->x.workbook, form_sheets[i].name);

      f->x.sheet = form_sheets[i].name;
      g_array_set_size (f->x.widths, 0);
      if (!form_sheets[i].write (f, ws, error) || f->x.failure != NULL)
        {
          if (f->x.failure != NULL)
            g_propagate_error (error, g_steal_pointer (&f->x.failure));
          workbook_close (f->x.workbook);
          return FALSE;
        }
    }
  worksheet_protect (f->id, NULL, &protection);
  worksheet_hide (f->id);
  worksheet_activate (workbook_get_worksheet_by_name (f->x.workbook, "Instructions"));
  rc = workbook_close (f->x.workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write the form: %s"), lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
}

static gint64
return_id (PwStore *store,
           gint64   pcn_id,
           int      year)
{
  g_autoptr(PwReturn) ret = pw_store_get_return (store, pcn_id, year, NULL);

  return ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_ID) : 0;
}

/* Returns: (transfer full): pcn id → PwPcn */
static GHashTable *
pcns_by_id (GListModel *pcns)
{
  GHashTable *by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      PwPcn *p = g_list_model_get_item (pcns, i);
      gint64 id = pw_pcn_get_id (p);

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), p);
    }
  return by_id;
}

/* "U12345 Riverside PCN 2026-27 return.xlsx": no character Windows or a
 * mail program refuses in a name, no trailing dot or space, not too long. */
char *
pw_form_file_name (const char *code,
                   const char *name,
                   int         year)
{
  g_autofree char *valid = g_utf8_make_valid (name ? name : "", -1);
  g_autoptr(GString) safe = g_string_new (NULL);
  guint chars = 0;

  for (const char *p = valid; *p && chars < 60; p = g_utf8_next_char (p), chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7F || (c < 0x80 && strchr ("<>:\"/\\|?*", (int) c) != NULL))
        c = (c < 0x20 || c == 0x7F) ? ' ' : '-';
      if (c == ' ' && (safe->len == 0 || safe->str[safe->len - 1] == ' '))
        continue;
      g_string_append_unichar (safe, c);
    }
  while (safe->len > 0 && (safe->str[safe->len - 1] == ' ' || safe->str[safe->len - 1] == '.'))
    g_string_truncate (safe, safe->len - 1);
  return g_strdup_printf ("%s%s%s %d-%02d return.xlsx", code, safe->len ? " " : "", safe->str, year,
                          (year + 1) % 100);
}

static gboolean
export_one (PwStore     *store,
            const PwExportOptions *options,
            PwPcn       *pcn,
            GHashTable  *last_pcns,
            const char  *dir,
            GError     **error)
{
  g_autofree char *name = pw_form_file_name (pw_pcn_get_text (pcn, PW_PCN_CODE), pw_pcn_get_text (pcn, PW_PCN_NAME),
                                             options->year);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gint64 pcn_id = pw_pcn_get_id (pcn);
  g_auto(PwExportFile) file = { 0 };
  PwFormExport f = { { store, options } };
  gboolean ok;

  f.pcn = pcn;
  f.last_pcn = g_hash_table_lookup (last_pcns, &pcn_id);
  f.ret = return_id (store, pw_pcn_get_id (pcn), options->year);
  f.last_ret = return_id (store, pw_pcn_get_id (pcn), options->year - 1);
  pw_export_translate_names (&f.x);
  f.x.year_name = pw_format_year (options->year);
  f.last_year_name = pw_format_year (options->year - 1);
  f.x.row_heights = pw_sheet_heights_new ();
  f.x.widths = g_array_new (FALSE, TRUE, sizeof (double));
  f.x.page_breaks = g_array_new (FALSE, FALSE, sizeof (lxw_row_t));
  f.x.kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  ok = pw_export_file_begin (&file, store, path, error) && write_form (&f, file.tmp, error) &&
       pw_export_file_commit (&file, store, error);
  g_free (f.x.year_name);
  g_free (f.last_year_name);
  g_array_unref (f.x.row_heights);
  g_array_unref (f.x.widths);
  g_array_unref (f.x.page_breaks);
  g_ptr_array_unref (f.x.kept);
  g_clear_error (&f.x.failure);
  if (!ok && error && *error)
    g_prefix_error (error, _("Form for %s: "), pw_pcn_get_text (pcn, PW_PCN_CODE));
  return ok;
}

/* Whether @pcn is in @locality (by name, any case) and is @pcn_code, of
 * those given. */
static gboolean
wanted (PwPcn      *pcn,
        const char *locality,
        const char *pcn_code)
{
  g_autofree char *want = g_utf8_casefold (locality ? locality : "", -1);
  g_autofree char *have = g_utf8_casefold (pw_pcn_get_text (pcn, PW_PCN_LOCALITY), -1);
  g_autofree char *code = g_strstrip (g_strdup (pcn_code ? pcn_code : ""));

  if (*g_strstrip (want) && g_strcmp0 (want, have) != 0)
    return FALSE;
  return *code == '\0' || g_ascii_strcasecmp (code, pw_pcn_get_text (pcn, PW_PCN_CODE)) == 0;
}

/**
 * pw_export_forms:
 * @locality: (nullable): only this locality's PCNs
 * @pcn_code: (nullable): only this PCN
 * @out_written: (out) (optional): how many forms were written
 *
 * Writes one return form per PCN of @year into @dir.  Stops at the first
 * form that cannot be written; the forms already written stay.
 */
gboolean
pw_export_forms (PwStore         *store,
                 int              year,
                 const char      *dir,
                 const char      *locality,
                 const char      *pcn_code,
                 guint           *out_written,
                 PwProgressFunc   progress,
                 gpointer         progress_data,
                 GCancellable    *cancellable,
                 GError         **error)
{
  PwExportOptions options = { .year = year };
  g_autoptr(GListModel) pcns = NULL, last_year = NULL;
  g_autoptr(GHashTable) last_pcns = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  guint written = 0;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (out_written != NULL)
    *out_written = 0;
  if (!pw_xlsxwriter_load (error))
    return FALSE;
  if (year < PW_YEAR_MIN || year > PW_YEAR_MAX)
    return (g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID, _("Choose a financial year for the forms")),
            FALSE);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return (g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("“%s” is not a folder"), dir), FALSE);
  if ((pcns = pw_store_list_pcns_for_year (store, year, NULL, error)) == NULL ||
      (last_year = pw_store_list_pcns_for_year (store, year - 1, NULL, error)) == NULL)
    return FALSE;
  last_pcns = pcns_by_id (last_year);
  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      PwPcn *p = g_list_model_get_item (pcns, i);

      if (wanted (p, locality, pcn_code))
        g_ptr_array_add (chosen, p);
      else
        g_object_unref (p);
    }
  if (chosen->len == 0)
    return (g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID,
                         _("No PCN of %d/%02d matches: check the locality or PCN code"), year, (year + 1) % 100),
            FALSE);
  for (guint i = 0; i < chosen->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !export_one (store, &options, g_ptr_array_index (chosen, i), last_pcns, dir, error))
        break;
      written++;
      if (progress != NULL)
        progress ((double) written / chosen->len, progress_data);
    }
  if (out_written != NULL)
    *out_written = written;
  return written == chosen->len;
}

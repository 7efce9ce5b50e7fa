/* pw-import-forms.c — return forms sent back: read, checked, applied
 *
 * Each form is read whole with the xlsx reader, and every value is checked
 * again (pasting bypasses a spreadsheet's drop-downs and ranges) before
 * anything is written: a bad value refuses the whole file, naming the
 * file, sheet and cell.  A form's PCN must be in the workbook and its year
 * the one imported.  What differs from the workbook is listed field by
 * field; unless this is a dry run it is written in one transaction, the
 * return is set to submitted, and the change log names the form.  A return
 * already reviewed is left alone unless it is reopened first.  Layout:
 * pw-return-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pw-import-forms.h"
#include "pw-lib.h"
#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-return-form.h"
#include "pw-xlsx-reader.h"

#define KEEP_ROWS 4096         /* cells below are not part of any form */
#define KEEP_COLS 16

enum { S_FORM, S_PROFILE, S_MATURITY, S_ACHIEVEMENTS, S_SWOT, S_WORKFORCE, S_PLAN, N_SHEETS };
static const char *sheet_names[N_SHEETS] = {
  PW_FORM_ID_SHEET, "Profile", "Maturity", "Achievements", "SWOT", "Workforce", "Plan",
};

typedef struct
{
  PwXlsxCellKind kind;
  gboolean formula;
  char text[];
} Cell;

typedef struct
{
  guint row;                   /* on the Workforce sheet, 1-based */
  gint64 role_id;
  char *role;
  gint64 in_post, headcount, planned;   /* -1: blank */
} WteRow;

typedef struct
{
  guint row;                   /* on the Plan sheet, 1-based */
  guint spec;
  PwDesStatus status;
  char *note;
} DesRow;

/* One form as read and checked. */
typedef struct
{
  const char *path;
  GHashTable *cells[N_SHEETS]; /* row * KEEP_COLS + col (1-based) → Cell */
  char *code;
  int year;
  char *cd, *manager;
  gint64 cd_wte, manager_wte;
  int level[PW_N_DOMAINS];
  char *evidence[PW_N_DOMAINS], *support[PW_N_DOMAINS];
  GPtrArray *lists[PW_N_LISTS];  /* of char * */
  GArray *wte;                 /* of WteRow */
  GArray *des;                 /* of DesRow */
  GPtrArray *entries[2];       /* of PwPlanEntry, by PwEntryKind */
  guint rows[4][2];            /* first and last row of achievements, swot, projects, proposals */
} Form;

enum { R_ACHIEVEMENTS, R_SWOT, R_PROJECTS, R_PROPOSALS };
static const char *range_keys[] = { "achievements", "swot", "projects", "proposals" };

static void
wte_row_clear (WteRow *w)
{
  g_free (w->role);
}

static void
des_row_clear (DesRow *d)
{
  g_free (d->note);
}

static void
form_clear (Form *f)
{
  for (guint s = 0; s < N_SHEETS; s++)
    g_clear_pointer (&f->cells[s], g_hash_table_unref);
  g_free (f->code);
  g_free (f->cd);
  g_free (f->manager);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    g_free (f->evidence[d]), g_free (f->support[d]);
  for (guint l = 0; l < PW_N_LISTS; l++)
    g_clear_pointer (&f->lists[l], g_ptr_array_unref);
  g_clear_pointer (&f->wte, g_array_unref);
  g_clear_pointer (&f->des, g_array_unref);
  for (guint k = 0; k < 2; k++)
    g_clear_pointer (&f->entries[k], g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Form, form_clear)

void
pw_form_result_free (PwFormResult *result)
{
  g_free (result->path);
  g_free (result->pcn_code);
  g_ptr_array_unref (result->changes);
  g_clear_error (&result->error);
  g_free (result);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

static gboolean
keep_cell (const PwXlsxCell  *cell,
           gpointer           data,
           GError           **error)
{
  GHashTable *cells = data;
  Cell *c;

  if (cell->row > KEEP_ROWS || cell->col >= KEEP_COLS)
    return TRUE;
  c = g_malloc (sizeof (Cell) + strlen (cell->text) + 1);
  c->kind = cell->kind;
  c->formula = cell->has_formula;
  strcpy (c->text, cell->text);
  g_hash_table_replace (cells, GUINT_TO_POINTER (cell->row * KEEP_COLS + cell->col), c);
  return TRUE;
}

static gboolean
read_sheets (Form          *f,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(PwXlsxReader) reader = pw_xlsx_reader_open (f->path, cancellable, error);

  if (reader == NULL)
    return FALSE;
  if (!pw_xlsx_reader_has_sheet (reader, PW_FORM_ID_SHEET))
    return (g_set_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_NO_SHEET,
                         _("this is not a PCN Workbook return form (it has no hidden “%s” sheet)"), PW_FORM_ID_SHEET),
            FALSE);
  for (guint s = 0; s < N_SHEETS; s++)
    {
      if (!pw_xlsx_reader_has_sheet (reader, sheet_names[s]))
        return (g_set_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_NO_SHEET,
                             _("the sheet “%s” is missing: it was renamed or deleted. Send the PCN a new form"),
                             sheet_names[s]), FALSE);
      f->cells[s] = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      if (!pw_xlsx_reader_read_sheet (reader, sheet_names[s], keep_cell, f->cells[s], cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
cell_error (GError    **error,
            guint       sheet,
            guint       row,
            guint       col,
            const char *format,
            ...) G_GNUC_PRINTF (5, 6);

/* Fails naming the cell: "Maturity!B7: …". */
static gboolean
cell_error (GError    **error,
            guint       sheet,
            guint       row,
            guint       col,
            const char *format,
            ...)
{
  g_autofree char *ref = pw_xlsx_format_cell (sheet_names[sheet], row, col);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_CORRUPT, "%s: %s", ref, message);
  return FALSE;
}

/* The cell's value, or NULL when blank; @number: only a number will do. */
static gboolean
value_at (Form         *f,
          guint         sheet,
          guint         row,
          guint         col,
          gboolean      number,
          const char  **out,
          GError      **error)
{
  Cell *c = g_hash_table_lookup (f->cells[sheet], GUINT_TO_POINTER (row * KEEP_COLS + col));
  const char *text = c ? c->text : "";

  *out = NULL;
  while (g_ascii_isspace (*text))
    text++;
  if (c == NULL || (*text == '\0' && c->kind != PW_XLSX_CELL_NO_VALUE))
    return TRUE;
  switch (c->kind)
    {
    case PW_XLSX_CELL_NO_VALUE:
      return cell_error (error, sheet, row, col, _("a formula with no saved value: type the value itself"));
    case PW_XLSX_CELL_ERROR:
      return cell_error (error, sheet, row, col, _("the cell shows the error %s: type the value itself"), text);
    case PW_XLSX_CELL_BOOL:
      return cell_error (error, sheet, row, col, _("TRUE or FALSE is not a value this form takes"));
    case PW_XLSX_CELL_STRING:
    case PW_XLSX_CELL_DATE:
      if (number)
        return cell_error (error, sheet, row, col,
                           _("“%s” is typed as text, not a number: type it as a number (the cell must not be "
                             "formatted as Text)"), text);
      break;
    case PW_XLSX_CELL_NUMBER:
      break;
    }
  *out = text;
  return TRUE;
}

static gboolean
text_at (Form         *f,
         guint         sheet,
         guint         row,
         guint         col,
         char        **out,
         GError      **error)
{
  const char *text;

  if (!value_at (f, sheet, row, col, FALSE, &text, error))
    return FALSE;
  *out = g_strstrip (g_strdup (text ? text : ""));
  return TRUE;
}

/* A number from 0 to @max in hundredths (WTE, pounds), or whole units
 * with @unit 1; -1 when blank. */
static gboolean
number_at (Form         *f,
           guint         sheet,
           guint         row,
           guint         col,
           double        unit,
           gint64        max,
           gint64       *out,
           GError      **error)
{
  g_autofree char *most = unit == 100 ? g_strdup_printf ("%.2f", max / 100.0)
                                       : g_strdup_printf ("%" G_GINT64_FORMAT, max);
  const char *text;
  char *end = NULL;
  double v, scaled;

  *out = -1;
  if (!value_at (f, sheet, row, col, TRUE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  v = g_ascii_strtod (text, &end);
  scaled = v * unit;
  if (end == text || *end != '\0' || !isfinite (v) || scaled < -0.000001 || scaled > max + 0.000001)
    return cell_error (error, sheet, row, col, _("%s is not from 0 to %s"), text, most);
  *out = (gint64) (MAX (scaled, 0) + 0.5);      /* in range, so no overflow; no libm */
  if (ABS (scaled - *out) > 0.000001)
    {
      *out = -1;
      return cell_error (error, sheet, row, col, unit == 100 ? _("%s has more than two decimal places")
                                                             : _("%s is not a whole number"), text);
    }
  return TRUE;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *x = g_utf8_casefold (a, -1);
  g_autofree char *y = g_utf8_casefold (b, -1);

  return g_strcmp0 (x, y) == 0;
}

/* @text as one of @names (any case); blank is the first. */
static gboolean
choice_at (Form         *f,
           guint         sheet,
           guint         row,
           guint         col,
           const char *(*name_of) (guint),
           guint         n,
           guint        *out,
           GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  if (!text_at (f, sheet, row, col, &text, error))
    return FALSE;
  *out = 0;
  if (*text == '\0')
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      if (same_text (text, name_of (i)))
        return (*out = i, TRUE);
      g_string_append_printf (names, "%s%s", i ? (i + 1 == n ? _(" or ") : ", ") : "", name_of (i));
    }
  return cell_error (error, sheet, row, col, _("“%s” is not on the list; use %s"), text, names->str);
}

static const char *
des_status_name (guint s)
{
  return pw_des_status_name (s);
}

static const char *
project_status_name (guint s)
{
  return pw_project_status_name (s);
}

/* The hidden sheet: the PCN, year, version and where things are. */
static gboolean
read_identity (Form      *f,
               PwStore   *store,
               GError   **error)
{
  g_autofree char *magic = NULL, *version = NULL, *year = NULL;
  g_autoptr(GError) local = NULL;
  guint row;

  f->wte = g_array_new (FALSE, TRUE, sizeof (WteRow));
  g_array_set_clear_func (f->wte, (GDestroyNotify) wte_row_clear);
  f->des = g_array_new (FALSE, TRUE, sizeof (DesRow));
  g_array_set_clear_func (f->des, (GDestroyNotify) des_row_clear);
  if (!text_at (f, S_FORM, 1, 2, &magic, error))
    return FALSE;
  if (g_strcmp0 (magic, PW_FORM_MAGIC) != 0)
    return (g_set_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_CORRUPT,
                         _("this is not a PCN Workbook return form (its “%s” sheet does not say so)"), PW_FORM_ID_SHEET),
            FALSE);
  if (!text_at (f, S_FORM, 2, 2, &f->code, error) || !text_at (f, S_FORM, 3, 2, &year, error) ||
      !text_at (f, S_FORM, 4, 2, &version, error))
    return FALSE;
  if (g_strcmp0 (version, G_STRINGIFY (PW_FORM_VERSION)) != 0)
    return (g_set_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_CORRUPT,
                         _("this form is version %s; this PCN Workbook reads version %d. Send the PCN a new form"),
                         version, PW_FORM_VERSION), FALSE);
  /* The message names the cell, as every other refusal of the form does. */
  if (!pw_parse_year (year, &f->year, &local))
    return cell_error (error, S_FORM, 3, 2, "%s", local->message);
  for (row = 5; row <= KEEP_ROWS; row++)
    {
      g_autofree char *key = NULL, *a = NULL, *b = NULL;
      guint64 at = 0, to = 0;

      if (!text_at (f, S_FORM, row, 1, &key, error) || !text_at (f, S_FORM, row, 2, &a, error) ||
          !text_at (f, S_FORM, row, 3, &b, error))
        return FALSE;
      if (*key == '\0')
        break;
      if (!g_ascii_string_to_unsigned (a, 10, 1, KEEP_ROWS, &at, NULL) ||
          (strcmp (key, "wte") != 0 && strcmp (key, "des") != 0 &&
           !g_ascii_string_to_unsigned (b, 10, at, KEEP_ROWS, &to, NULL)))
        return cell_error (error, S_FORM, row, 2, _("the form’s layout was changed; send the PCN a new form"));
      if (strcmp (key, "wte") == 0)
        {
          g_autoptr(PwArrsRole) role = pw_store_find_role (store, b, NULL);
          WteRow w = { at, role ? pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID) : 0, g_strdup (b) };

          g_array_append_val (f->wte, w);
          if (role == NULL)
            return cell_error (error, S_FORM, row, 3, _("the role “%s” is not in this workbook"), b);
        }
      else if (strcmp (key, "des") == 0)
        {
          DesRow d = { at };

          /* The workbook's own specifications, added ones too. */
          if (!pw_store_contract_index (store, PW_CONTRACT_DES, b, &d.spec))
            return cell_error (error, S_FORM, row, 3, _("“%s” is not a DES specification"), b);
          g_array_append_val (f->des, d);
        }
      else
        for (guint r = 0; r < G_N_ELEMENTS (range_keys); r++)
          if (strcmp (key, range_keys[r]) == 0)
            f->rows[r][0] = at, f->rows[r][1] = to;
    }
  return TRUE;
}

static gboolean
read_profile (Form     *f,
              GError  **error)
{
  return text_at (f, S_PROFILE, PW_FORM_PROFILE_CD + 1, 2, &f->cd, error) &&
         number_at (f, S_PROFILE, PW_FORM_PROFILE_CD_WTE + 1, 2, 100, PW_WTE_MAX, &f->cd_wte, error) &&
         text_at (f, S_PROFILE, PW_FORM_PROFILE_MANAGER + 1, 2, &f->manager, error) &&
         number_at (f, S_PROFILE, PW_FORM_PROFILE_MANAGER_WTE + 1, 2, 100, PW_WTE_MAX, &f->manager_wte, error);
}

static gboolean
read_maturity (Form     *f,
               GError  **error)
{
  g_autoptr(GString) levels = g_string_new (NULL);

  for (guint i = 0; i < PW_N_LEVELS; i++)
    g_string_append_printf (levels, "%s%s", i ? (i + 1 == PW_N_LEVELS ? _(" or ") : ", ") : "",
                            pw_level_name (pw_level_at (i)));
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      guint row = PW_FORM_MATURITY_FIRST + d + 1;
      const char *level;

      f->level[d] = PW_LEVEL_NONE;
      if (!value_at (f, S_MATURITY, row, 2, FALSE, &level, error))
        return FALSE;
      if (level != NULL && !pw_level_parse (level, &f->level[d], NULL))
        return cell_error (error, S_MATURITY, row, 2, _("“%s” is not a level; use %s"), level, levels->str);
      if (!text_at (f, S_MATURITY, row, 3, &f->evidence[d], error) ||
          !text_at (f, S_MATURITY, row, 4, &f->support[d], error))
        return FALSE;
    }
  return TRUE;
}

/* The texts in @col from the rows of range @r, blank rows left out. */
static gboolean
read_list (Form       *f,
           guint       sheet,
           guint       r,
           guint       col,
           GPtrArray **out,
           GError    **error)
{
  *out = g_ptr_array_new_with_free_func (g_free);
  for (guint row = f->rows[r][0]; row > 0 && row <= f->rows[r][1]; row++)
    {
      char *text = NULL;

      if (!text_at (f, sheet, row, col, &text, error))
        return FALSE;
      if (*text)
        g_ptr_array_add (*out, text);
      else
        g_free (text);
    }
  return TRUE;
}

static gboolean
read_workforce (Form     *f,
                GError  **error)
{
  for (guint i = 0; i < f->wte->len; i++)
    {
      WteRow *w = &g_array_index (f->wte, WteRow, i);
      guint row = w->row;

      if (!number_at (f, S_WORKFORCE, row, 2, 100, PW_WTE_MAX, &w->in_post, error) ||
          !number_at (f, S_WORKFORCE, row, 3, 1, PW_FORM_MAX_HEADCOUNT, &w->headcount, error) ||
          !number_at (f, S_WORKFORCE, row, 4, 100, PW_WTE_MAX, &w->planned, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_plan (Form     *f,
           GError  **error)
{
  for (guint i = 0; i < f->des->len; i++)
    {
      DesRow *d = &g_array_index (f->des, DesRow, i);
      guint row = d->row, status = 0;

      if (!choice_at (f, S_PLAN, row, 2, des_status_name, PW_N_DES_STATUSES, &status, error) ||
          !text_at (f, S_PLAN, row, 3, &d->note, error))
        return FALSE;
      d->status = status;
    }
  for (PwEntryKind kind = PW_ENTRY_PROJECT; kind <= PW_ENTRY_PROPOSAL; kind++)
    {
      guint r = kind == PW_ENTRY_PROJECT ? R_PROJECTS : R_PROPOSALS;

      f->entries[kind] = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint row = f->rows[r][0]; row > 0 && row <= f->rows[r][1]; row++)
        {
          g_autofree char *title = NULL, *detail = NULL, *lead = NULL, *due = NULL;
          guint status = 0;
          gint64 amount = -1;

          if (!text_at (f, S_PLAN, row, 1, &title, error) || !text_at (f, S_PLAN, row, 2, &detail, error) ||
              !text_at (f, S_PLAN, row, 3, &lead, error) ||
              (kind == PW_ENTRY_PROJECT
                 ? !text_at (f, S_PLAN, row, 4, &due, error) ||
                   !choice_at (f, S_PLAN, row, 5, project_status_name, PW_N_PROJECT_STATUSES, &status, error)
                 : !number_at (f, S_PLAN, row, 4, 100, G_GINT64_CONSTANT (10000000000), &amount, error)))
            return FALSE;
          if (*title == '\0' && *detail == '\0' && *lead == '\0' && (due == NULL || *due == '\0') && amount <= 0 &&
              status == 0)
            continue;
          g_ptr_array_add (f->entries[kind],
                           g_object_new (PW_TYPE_PLAN_ENTRY, "kind", (gint64) kind,
                                         "position", (gint64) f->entries[kind]->len, "status", (gint64) status,
                                         "amount", MAX (amount, 0), "title", title, "detail", detail,
                                         "lead", lead, "due", due ? due : "", NULL));
        }
    }
  return TRUE;
}

static gboolean
read_form (Form          *f,
           PwStore       *store,
           GCancellable  *cancellable,
           GError       **error)
{
  if (!read_sheets (f, cancellable, error) || !read_identity (f, store, error) || !read_profile (f, error) ||
      !read_maturity (f, error) || !read_list (f, S_ACHIEVEMENTS, R_ACHIEVEMENTS, 2, &f->lists[PW_LIST_ACHIEVEMENTS], error))
    return FALSE;
  for (PwItemList q = PW_LIST_STRENGTHS; q <= PW_LIST_THREATS; q++)
    if (!read_list (f, S_SWOT, R_SWOT, 1 + q, &f->lists[q], error))
      return FALSE;
  return read_workforce (f, error) && read_plan (f, error);
}

/* ------------------------------------------------------------------ */
/* What differs, and writing it                                        */

typedef struct
{
  PwStore *store;
  Form *f;
  gint64 pcn_id;
  gint64 ret;                  /* 0 while there is no return */
  gboolean apply;
  GPtrArray *changes;
  gboolean ok;
  GError **error;
} Sync;

/* Records one difference; TRUE when it is to be written. */
static gboolean
differs (Sync       *s,
         const char *what,
         const char *old_value,
         const char *new_value)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return FALSE;
  g_ptr_array_add (s->changes, g_strdup_printf ("%s: %s → %s", what, *old_value ? old_value : _("(blank)"),
                                                *new_value ? new_value : _("(blank)")));
  return s->apply && s->ok;
}

static char *
wte_text (gint64 hundredths)
{
  return hundredths < 0 ? g_strdup ("") : pw_format_wte (hundredths);
}

static void
sync_profile (Sync *s)
{
  PwPcn *pcn = pw_store_find_pcn (s->store, s->pcn_id);   /* borrowed */
  struct { PwPcnField field; const char *name; const char *value; } texts[] = {
    { PW_PCN_CLINICAL_DIRECTOR, _("Profile · Clinical director"), s->f->cd },
    { PW_PCN_MANAGER, _("Profile · PCN manager"), s->f->manager },
  };
  struct { PwPcnField field; const char *name; gint64 value; } numbers[] = {
    { PW_PCN_CD_WTE, _("Profile · Clinical director WTE"), s->f->cd_wte },
    { PW_PCN_MANAGER_WTE, _("Profile · PCN manager WTE"), s->f->manager_wte },
  };

  /* A profile is kept as this year's: a form for another year leaves it. */
  if (pcn == NULL || s->f->year != pw_current_year ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (differs (s, texts[i].name, pw_pcn_get_text (pcn, texts[i].field), texts[i].value))
      s->ok = pw_store_set_pcn_text (s->store, s->pcn_id, texts[i].field, texts[i].value, s->error);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *old_value = wte_text (pw_row_get_int (PW_ROW (pcn), numbers[i].field));
      g_autofree char *new_value = wte_text (numbers[i].value);

      if (numbers[i].value >= 0 && differs (s, numbers[i].name, old_value, new_value))
        s->ok = pw_store_set_pcn_number (s->store, s->pcn_id, numbers[i].field, numbers[i].value, s->error);
    }
}

static void
sync_maturity (Sync *s)
{
  g_autoptr(GListModel) now = s->ret ? pw_store_list_maturity (s->store, s->ret, NULL) : NULL;

  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      g_autoptr(PwRow) m = now && d < g_list_model_get_n_items (now) ? g_list_model_get_item (now, d) : NULL;
      g_autofree char *level = g_strdup_printf (_("Maturity · %s: level"), pw_domain_name (d));
      g_autofree char *evidence = g_strdup_printf (_("Maturity · %s: evidence"), pw_domain_name (d));
      g_autofree char *support = g_strdup_printf (_("Maturity · %s: support needed"), pw_domain_name (d));
      int old_level = m ? pw_row_get_int (m, PW_MATURITY_LEVEL) : PW_LEVEL_NONE;

      if (differs (s, level, pw_level_name (old_level), pw_level_name (s->f->level[d])))
        s->ok = pw_store_set_maturity_level (s->store, s->ret, d, s->f->level[d], s->error);
      if (differs (s, evidence, m ? pw_row_get_string (m, PW_MATURITY_EVIDENCE) : "", s->f->evidence[d]))
        s->ok = pw_store_set_maturity_text (s->store, s->ret, d, PW_MATURITY_EVIDENCE, s->f->evidence[d], s->error);
      if (differs (s, support, m ? pw_row_get_string (m, PW_MATURITY_SUPPORT) : "", s->f->support[d]))
        s->ok = pw_store_set_maturity_text (s->store, s->ret, d, PW_MATURITY_SUPPORT, s->f->support[d], s->error);
    }
}

static char *
join_quoted (GPtrArray *texts)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf (out, "%s“%s”", i ? "; " : "", (char *) g_ptr_array_index (texts, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A list is replaced whole when any of it differs. */
static void
sync_list (Sync       *s,
           PwItemList  list)
{
  g_autoptr(GListModel) now = s->ret ? pw_store_list_items (s->store, s->ret, list, NULL) : NULL;
  g_autoptr(GPtrArray) old_texts = g_ptr_array_new ();
  g_autofree char *old_value = NULL, *new_value = NULL;

  for (guint i = 0; now && i < g_list_model_get_n_items (now); i++)
    {
      g_autoptr(PwRow) item = g_list_model_get_item (now, i);
      g_ptr_array_add (old_texts, (gpointer) pw_row_get_string (item, PW_ITEM_TEXT));
    }
  old_value = join_quoted (old_texts);
  new_value = join_quoted (s->f->lists[list]);
  if (!differs (s, pw_list_name (list), old_value, new_value))
    return;
  for (guint i = 0; s->ok && now && i < g_list_model_get_n_items (now); i++)
    {
      g_autoptr(PwRow) item = g_list_model_get_item (now, i);
      s->ok = pw_store_delete_item (s->store, pw_row_get_int (item, PW_ITEM_ID), s->error);
    }
  for (guint i = 0; s->ok && i < s->f->lists[list]->len; i++)
    s->ok = pw_store_add_item (s->store, s->ret, list, -1, g_ptr_array_index (s->f->lists[list], i), NULL, s->error);
}

static char *
describe_wte (gint64 in_post,
              gint64 headcount,
              gint64 planned)
{
  g_autofree char *a = wte_text (MAX (in_post, 0));
  g_autofree char *b = wte_text (MAX (planned, 0));

  /* A form's headcount is at most 999: a plain %u keeps the text whole
   * for translators. */
  guint people = (guint) CLAMP (headcount, 0, G_MAXUINT);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in post, %u person, %s planned",
                                       "%s in post, %u people, %s planned", people), a, people, b);
}

static void
sync_workforce (Sync *s)
{
  g_autoptr(GListModel) now = s->ret ? pw_store_list_wte (s->store, s->ret, NULL) : NULL;

  for (guint i = 0; i < s->f->wte->len; i++)
    {
      WteRow *w = &g_array_index (s->f->wte, WteRow, i);
      g_autoptr(PwRow) old = NULL;
      g_autofree char *what = g_strdup_printf (_("Workforce · %s"), w->role);
      g_autofree char *old_value = NULL, *new_value = NULL;
      gboolean blank = w->in_post < 0 && w->headcount < 0 && w->planned < 0;

      for (guint k = 0; now && k < g_list_model_get_n_items (now) && old == NULL; k++)
        {
          PwRow *r = g_list_model_get_item (now, k);
          if (pw_row_get_int (r, PW_ARRS_WTE_ROLE_ID) == w->role_id)
            old = r;
          else
            g_object_unref (r);
        }
      old_value = old ? describe_wte (pw_row_get_int (old, PW_ARRS_WTE_IN_POST), pw_row_get_int (old, PW_ARRS_WTE_HEADCOUNT),
                                      pw_row_get_int (old, PW_ARRS_WTE_PLANNED))
                      : g_strdup ("");
      new_value = blank ? g_strdup ("") : describe_wte (w->in_post, w->headcount, w->planned);
      if (!differs (s, what, old_value, new_value))
        continue;
      if (blank)
        s->ok = pw_store_remove_wte (s->store, s->ret, w->role_id, s->error);
      else
        s->ok = pw_store_set_wte (s->store, s->ret, w->role_id, MAX (w->in_post, 0), MAX (w->headcount, 0),
                                  MAX (w->planned, 0), NULL, s->error);
    }
}

static void
sync_des (Sync *s)
{
  g_autoptr(GListModel) now = s->ret ? pw_store_list_des (s->store, s->ret, NULL) : NULL;

  for (guint i = 0; i < s->f->des->len; i++)
    {
      DesRow *d = &g_array_index (s->f->des, DesRow, i);
      g_autoptr(PwRow) old = now ? g_list_model_get_item (now, d->spec) : NULL;
      g_autofree char *what = g_strdup_printf (_("Plan · %s"), pw_store_contract_name (s->store, PW_CONTRACT_DES, d->spec));
      g_autofree char *old_value = g_strdup_printf ("%s. %s", pw_des_status_name (old ? pw_row_get_int (old, PW_DES_PLAN_STATUS) : 0),
                                                    old ? pw_row_get_string (old, PW_DES_PLAN_NOTE) : "");
      g_autofree char *new_value = g_strdup_printf ("%s. %s", pw_des_status_name (d->status), d->note);

      if (differs (s, what, g_strstrip (old_value), g_strstrip (new_value)))
        s->ok = pw_store_set_des (s->store, s->ret, d->spec, d->status, d->note, s->error);
    }
}

static char *
describe_entry (PwRow       *e,
                PwEntryKind  kind)
{
  g_autofree char *amount = pw_format_money (pw_row_get_int (e, PW_PLAN_ENTRY_AMOUNT));

  if (kind == PW_ENTRY_PROPOSAL)
    return g_strdup_printf ("“%s” (%s; %s; %s)", pw_row_get_string (e, PW_PLAN_ENTRY_TITLE),
                            pw_row_get_string (e, PW_PLAN_ENTRY_DETAIL), pw_row_get_string (e, PW_PLAN_ENTRY_LEAD), amount);
  return g_strdup_printf ("“%s” (%s; %s; %s; %s)", pw_row_get_string (e, PW_PLAN_ENTRY_TITLE),
                          pw_row_get_string (e, PW_PLAN_ENTRY_DETAIL), pw_row_get_string (e, PW_PLAN_ENTRY_LEAD),
                          pw_row_get_string (e, PW_PLAN_ENTRY_DUE),
                          pw_project_status_name (pw_row_get_int (e, PW_PLAN_ENTRY_STATUS)));
}

static char *
describe_entries (GListModel  *entries,
                  PwEntryKind  kind)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; entries && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(PwRow) e = g_list_model_get_item (entries, i);
      g_ptr_array_add (parts, describe_entry (e, kind));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* Projects or proposals: replaced whole when any of them differs. */
static void
sync_entries (Sync        *s,
              PwEntryKind  kind)
{
  g_autoptr(GListModel) now = s->ret ? pw_store_list_entries (s->store, s->ret, kind, NULL) : NULL;
  GPtrArray *wanted = s->f->entries[kind];
  g_autofree char *old_value = describe_entries (now, kind);
  g_autofree char *new_value = NULL;
  GListStore *form = g_list_store_new (PW_TYPE_PLAN_ENTRY);

  for (guint i = 0; i < wanted->len; i++)
    g_list_store_append (form, g_ptr_array_index (wanted, i));
  new_value = describe_entries (G_LIST_MODEL (form), kind);
  g_object_unref (form);
  if (!differs (s, kind == PW_ENTRY_PROJECT ? _("Plan · Projects") : _("Plan · Development funding proposals"),
                old_value, new_value))
    return;
  for (guint i = 0; s->ok && now && i < g_list_model_get_n_items (now); i++)
    {
      g_autoptr(PwRow) e = g_list_model_get_item (now, i);
      s->ok = pw_store_delete_entry (s->store, pw_row_get_int (e, PW_PLAN_ENTRY_ID), s->error);
    }
  for (guint i = 0; s->ok && i < wanted->len; i++)
    s->ok = pw_store_add_entry (s->store, s->ret, kind, g_ptr_array_index (wanted, i), NULL, s->error);
}

static gboolean
sync_all (Sync *s)
{
  s->ok = TRUE;
  sync_profile (s);
  sync_maturity (s);
  for (PwItemList l = 0; l < PW_N_LISTS; l++)
    sync_list (s, l);
  sync_workforce (s);
  sync_des (s);
  sync_entries (s, PW_ENTRY_PROJECT);
  sync_entries (s, PW_ENTRY_PROPOSAL);
  return s->ok;
}

/* Writes the form in one transaction and marks the return submitted. */
static gboolean
apply (PwStore     *store,
       Form        *f,
       Sync        *s,
       PwReturn    *ret,
       GError     **error)
{
  g_autofree char *base = g_path_get_basename (f->path);
  g_autofree char *source = g_strdup_printf (_("return form %s"), base);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  if (!pw_store_begin (store, error))
    return FALSE;
  pw_store_set_change_source (store, source);
  s->apply = TRUE;
  s->changes = again;
  s->error = error;
  ok = (s->ret != 0 || pw_store_ensure_return (store, s->pcn_id, f->year, &s->ret, error)) && sync_all (s) &&
       ((ret != NULL && pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) != PW_STATUS_DRAFT) ||
        pw_store_set_return_status (store, s->ret, PW_STATUS_SUBMITTED, NULL, NULL, error)) &&
       pw_store_commit (store, error);
  pw_store_set_change_source (store, NULL);
  if (!ok)
    pw_store_rollback (store);
  return ok;
}

static gboolean
import_one (PwStore       *store,
            PwFormResult  *result,
            int            year,
            gboolean       dry_run,
            GCancellable  *cancellable,
            GError       **error)
{
  g_auto(Form) f = { result->path };
  PwPcn *pcn;                  /* borrowed */
  g_autoptr(PwReturn) ret = NULL;
  Sync s = { store, &f };

  if (!read_form (&f, store, cancellable, error))
    return FALSE;
  result->pcn_code = g_strdup (f.code);
  result->year = f.year;
  if ((pcn = pw_store_find_pcn_by_code (store, f.code)) == NULL)
    return (g_set_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_CORRUPT,
                         _("the form is for the PCN %s, which is not in this workbook"), f.code), FALSE);
  if (year > 0 && f.year != year)
    {
      g_autofree char *theirs = pw_format_year (f.year), *ours = pw_format_year (year);
      return (g_set_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_CORRUPT,
                           _("the form is for %s, not %s"), theirs, ours), FALSE);
    }
  s.pcn_id = pw_pcn_get_id (pcn);
  ret = pw_store_get_return (store, s.pcn_id, f.year, NULL);
  s.ret = ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_ID) : 0;
  s.changes = result->changes;
  if (!sync_all (&s))
    return FALSE;
  if (ret && pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) == PW_STATUS_REVIEWED && result->changes->len > 0)
    {
      g_autofree char *y = pw_format_year (f.year);
      return (g_set_error (error, PW_XLSX_ERROR, PW_XLSX_ERROR_CORRUPT,
                           _("the %s return of %s has been reviewed, and this form would change %u values: "
                             "reopen the return first"), y, f.code, result->changes->len), FALSE);
    }
  return dry_run || apply (store, &f, &s, ret, error);
}

/**
 * pw_import_forms:
 * @paths: (array zero-terminated=1): the forms
 * @year: the financial year the forms must be for, or 0 for any
 *
 * Each form on its own: one that is refused leaves nothing of it in the
 * workbook, and the others are still read.
 *
 * Returns: (transfer full) (element-type PwFormResult): one per path, in order
 */
GPtrArray *
pw_import_forms (PwStore       *store,
                 const char   **paths,
                 int            year,
                 gboolean       dry_run,
                 GCancellable  *cancellable)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_form_result_free);

  g_return_val_if_fail (PW_IS_STORE (store), results);

  for (guint i = 0; paths && paths[i]; i++)
    {
      PwFormResult *r = g_new0 (PwFormResult, 1);
      g_autofree char *base = g_path_get_basename (paths[i]);

      r->path = g_strdup (paths[i]);
      r->changes = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (results, r);
      if (!import_one (store, r, year, dry_run, cancellable, &r->error))
        {
          g_prefix_error (&r->error, "%s: ", base);
          g_ptr_array_set_size (r->changes, 0);
        }
    }
  return results;
}

/* Through GIO: a FILE from g_fopen () may belong to another C runtime than
 * ours on Windows. */
static gboolean
starts_as_zip (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  char head[4];
  gsize n = 0;

  return in != NULL && g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n, NULL, NULL) &&
         n == sizeof head && memcmp (head, "PK\3\4", 4) == 0;
}

/* Whether @path is a return form, told by its content (a zip holding a
 * workbook with our hidden sheet), never by its name.  Without libzip
 * nothing can be told: any zip is taken for a form, so that its import
 * says what is missing rather than reading it as CSV. */
gboolean
pw_import_is_form (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwXlsxReader) reader = pw_xlsx_reader_open (path, NULL, &error);

  if (reader == NULL)
    return error->domain == PW_LIB_ERROR && starts_as_zip (path);
  return pw_xlsx_reader_has_sheet (reader, PW_FORM_ID_SHEET);
}

/* The export's lost-cell guard: every way the appendix puts a value, a
 * merge or a row height into a sheet goes through pw_export_check (), so a
 * write libxlsxwriter refuses (in a streamed sheet, a row already left)
 * fails the export with the sheet and cell named instead of leaving the
 * value out.  The export's files cannot call libxlsxwriter's writers
 * directly (pw-export-private.h poisons them); this checks that each
 * wrapper reports a refusal, and that a write it accepts reports nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "export/pw-export-private.h"
#include "pw-test-util.h"

typedef enum
{
  PUT_STRING, PUT_NUMBER, PUT_BLANK, PUT_DATETIME, PUT_FORMULA, PUT_MERGE, PUT_ROW,
  CELL_TEXT, CELL_MERGED_TEXT, CELL_WTE, CELL_DATE, CELL_NOW, CELL_SUM, N_WRITERS
} Writer;

static void
put (PwExport      *x,
     lxw_worksheet *ws,
     Writer         w,
     lxw_row_t      row)
{
  lxw_datetime dt = { 2022, 4, 1, 0, 0, 0 };

  switch (w)
    {
    case PUT_STRING: pw_put_string (x, ws, row, 1, "Label", NULL); break;
    case PUT_NUMBER: pw_put_number (x, ws, row, 1, 12.5, NULL); break;
    case PUT_BLANK: pw_put_blank (x, ws, row, 1, x->text); break;
    case PUT_DATETIME: pw_put_datetime (x, ws, row, 1, &dt, NULL); break;
    case PUT_FORMULA: pw_put_formula_num (x, ws, row, 1, "=1+1", NULL, 2); break;
    case PUT_MERGE: pw_put_merge (x, ws, row, 1, row, 3, "", NULL); break;
    case PUT_ROW: pw_put_row (x, ws, row, 30); break;
    case CELL_TEXT: pw_cell_text (x, ws, row, 1, "Riverside PCN", NULL); break;
    case CELL_MERGED_TEXT: pw_cell_merged_text (x, ws, row, 1, 2, "Riverside PCN", NULL); break;
    case CELL_WTE: pw_cell_wte (x, ws, row, 1, 150, NULL); break;
    case CELL_DATE: pw_cell_date (x, ws, row, 1, "2021-11-25", NULL); break;
    case CELL_NOW: pw_cell_now (x, ws, row, 1, NULL); break;
    case CELL_SUM: pw_cell_sum (x, ws, row, 1, 0, 0, 5, NULL); break;
    default: g_assert_not_reached ();
    }
}

/* Writes row 5 of a streamed sheet, then with @w at @row: whether the
 * export was failed, and for what. */
static char *
refusal (const char *dir,
         Writer      w,
         lxw_row_t   row)
{
  g_autofree char *path = g_strdup_printf ("%s/guard-%d.xlsx", dir, w);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *) dir };
  PwExport x = { .sheet = "Practices", .year_name = (char *) "2022/23" };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Practices");
  char *message = NULL;

  x.row_heights = pw_sheet_heights_new ();
  x.widths = g_array_new (FALSE, TRUE, sizeof (double));
  x.text = workbook_add_format (wb);
  pw_put_number (&x, ws, 5, 0, 1, NULL);
  g_assert_null (x.failure);
  put (&x, ws, w, row);
  if (x.failure != NULL)
    {
      g_assert_true (g_error_matches (x.failure, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID));
      message = g_strdup (x.failure->message);
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  g_clear_error (&x.failure);
  g_array_unref (x.row_heights);
  g_array_unref (x.widths);
  return message;
}

static void
test_every_writer (void)
{
  g_autofree char *dir = pw_test_tmpdir ();

  for (Writer w = 0; w < N_WRITERS; w++)
    {
      g_autofree char *refused = refusal (dir, w, 1);
      g_autofree char *accepted = refusal (dir, w, 6);
      const char *cell = w == PUT_ROW ? "cell A2 " : "cell B2 ";

      g_test_message ("writer %d: %s", w, refused ? refused : "(not refused)");
      g_assert_nonnull (refused);
      g_assert_nonnull (strstr (refused, "Sheet “Practices”"));
      g_assert_nonnull (strstr (refused, cell));
      g_assert_nonnull (strstr (refused, "The export was stopped rather than leave it out."));
      g_assert_null (accepted);
    }
  pw_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* Made by hand: libxlsxwriter is loaded as an export's start would load it. */
  g_assert_true (pw_xlsxwriter_load (NULL));
  g_test_add_func ("/export-guard/every-writer", test_every_writer);
  return g_test_run ();
}

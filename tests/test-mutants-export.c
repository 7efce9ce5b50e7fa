/* The export's own guard on the year (the window passes the year it
 * shows; the CLI parses one): the first and last years a workbook holds
 * export, the years either side are refused and leave no file.  And the
 * totals' guard against overflow (pw_export_add), exact at its edges: no
 * workbook's figures come near them, so only a direct call reaches them.
 * And a board the appendix cannot read (its risk register damaged) stops
 * the export with the database's message and no file, even when it is
 * the only board.  mutate.py found these untested.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "export/pw-export-private.h"
#include "pw-demo.h"
#include "pw-export.h"
#include "pw-return-form.h"
#include "pw-parse.h"
#include "pw-test-util.h"

static void
test_year_bounds (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  const struct { int year; gboolean ok; } cases[] = {
    { PW_YEAR_MIN - 1, FALSE }, { PW_YEAR_MIN, TRUE }, { PW_YEAR_MAX, TRUE }, { PW_YEAR_MAX + 1, FALSE },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("appendix-%d.xlsx", cases[i].year);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      PwExportOptions options = { .year = cases[i].year };
      gboolean ok = pw_export_appendix (store, &options, path, NULL, NULL, NULL, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, "Choose a financial year to export");
          g_clear_error (&error);
        }
    }
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* Adds @value to @sum: whether the export was failed for it. */
static gboolean
add_fails (gint64 *sum,
           gint64  value)
{
  PwExport x = { .sheet = "Funding", .year_name = (char *) "2025/26" };
  gboolean failed;

  pw_export_add (&x, sum, value, "total");
  failed = x.failure != NULL;
  if (failed)
    {
      g_assert_error (x.failure, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID);
      g_assert_cmpstr (x.failure->message, ==, "Sheet “Funding”: the total is too large to work out. "
                                               "Check the figures entered for 2025/26.");
      g_clear_error (&x.failure);
    }
  return failed;
}

static void
test_sum_edges (void)
{
  gint64 sum = G_MAXINT64 - 5;

  g_assert_false (add_fails (&sum, 5));
  g_assert_cmpint (sum, ==, G_MAXINT64);
  g_assert_false (add_fails (&sum, 0));
  g_assert_true (add_fails (&sum, 1));
  g_assert_cmpint (sum, ==, G_MAXINT64);       /* the sum stays as it was */
  g_assert_false (add_fails (&sum, -7));
  g_assert_cmpint (sum, ==, G_MAXINT64 - 7);

  sum = G_MININT64 + 5;
  g_assert_false (add_fails (&sum, -5));
  g_assert_cmpint (sum, ==, G_MININT64);
  g_assert_false (add_fails (&sum, 0));
  g_assert_true (add_fails (&sum, -1));
  g_assert_cmpint (sum, ==, G_MININT64);
  g_assert_false (add_fails (&sum, 2));
  g_assert_cmpint (sum, ==, G_MININT64 + 2);

  sum = 41250;
  g_assert_false (add_fails (&sum, 8000));
  g_assert_cmpint (sum, ==, 49250);
}

static void
test_unreadable_board (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *path = g_build_filename (dir, "appendix.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  PwExportOptions options = { .year = 2025 };
  PwStore *store = pw_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_true (pw_store_add_locality (store, "North", NULL, &error));
  g_clear_object (&store);
  /* Only the register's own query reads the owner: the list of boards,
   * which counts the risks, still works. */
  pw_test_exec (db, "ALTER TABLE board_risk RENAME COLUMN owner TO owner_gone");
  store = pw_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_false (pw_export_appendix (store, &options, path, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "owner"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* The descriptors open in this process now. */
static guint
open_descriptors (void)
{
  g_autoptr(GDir) d = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* The window exports again and again in one process: each export, made,
 * replacing an earlier one or refused, closes every file it opened (the
 * temporary it makes, syncs and renames, and the folder it syncs). */
static void
test_no_descriptor_left_open (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *path = g_build_filename (dir, "appendix.xlsx", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  PwExportOptions options = { .year = 2025 };
  guint before;

  g_assert_no_error (error);
  g_assert_true (pw_store_add_locality (store, "North", NULL, &error));
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  before = open_descriptors ();
  for (guint i = 0; i < 2; i++)      /* made, then made again over the first */
    {
      g_assert_true (pw_export_appendix (store, &options, path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (open_descriptors (), ==, before);
    }
  /* With descriptor 0 free (a process started with stdin closed), the
   * first file an export opens gets it: it is a file like any other. */
  {
    int saved = dup (0);
    guint without_stdin;

    close (0);
    without_stdin = open_descriptors ();
    g_assert_true (pw_export_appendix (store, &options, path, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (open_descriptors (), ==, without_stdin);
    g_assert_cmpint (dup2 (saved, 0), ==, 0);
    close (saved);
  }
  /* Refused before a file is made, and cancelled after */
  g_assert_false (pw_export_appendix (store, &options, folder, NULL, NULL, NULL, &error));
  g_assert_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_cancellable_cancel (cancel);
  g_assert_false (pw_export_appendix (store, &options, path, NULL, NULL, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (open_descriptors (), ==, before);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* What a progress bar is told, and a Cancel pressed after @cancel_after
 * calls (0: never). */
typedef struct
{
  GArray *fractions;
  guint cancel_after;
  GCancellable *cancel;
} Progress;

static void
on_progress (double   fraction,
             gpointer data)
{
  Progress *p = data;

  g_array_append_val (p->fractions, fraction);
  if (p->fractions->len == p->cancel_after)
    g_cancellable_cancel (p->cancel);
}

/* @p's fractions are 1/@n, 2/@n, … up to @last/@n. */
static void
assert_steps (Progress *p,
              guint     n,
              guint     last)
{
  g_assert_cmpuint (p->fractions->len, ==, last);
  for (guint i = 0; i < last; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (p->fractions, double, i), (i + 1.0) / n, 1e-12);
}

/* The window's progress bar moves a step a sheet (the appendix: then 1.0
 * once the file is in place) or a form, and Cancel, heard between them,
 * stops the export with nothing more written: no appendix, the forms
 * already written kept. */
static void
test_progress_and_cancel (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *path = g_build_filename (dir, "appendix.xlsx", NULL);
  g_autofree char *forms = g_build_filename (dir, "forms", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  g_autoptr(GListModel) pcns = NULL;
  g_autoptr(GDir) d = NULL;
  PwExportOptions options = { .year = 2025 };
  guint written = 0, n_pcns, n_files = 0;

  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  g_assert_no_error (error);
  pcns = pw_store_list_pcns_for_year (store, 2025, NULL, &error);
  n_pcns = g_list_model_get_n_items (pcns);
  g_assert_cmpuint (n_pcns, >, 2);
  g_assert_cmpint (g_mkdir (forms, 0700), ==, 0);

  for (guint cancel_after = 0; cancel_after < 2; cancel_after++)
    {
      g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GCancellable) cancel = g_cancellable_new ();
      Progress p = { fractions, cancel_after, cancel };
      guint before = open_descriptors ();
      gboolean ok = pw_export_appendix (store, &options, path, on_progress, &p, cancel, &error);

      g_assert_cmpuint (open_descriptors (), ==, before);     /* the sheet written before Cancel closed too */

      /* The appendix's twelve sheets, then the file in place */
      assert_steps (&p, 13, cancel_after ? cancel_after : 13);
      g_assert_cmpint (ok, ==, !cancel_after);
      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, !cancel_after);
      if (cancel_after)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_remove (path);
    }

  for (guint cancel_after = 0; cancel_after < 3; cancel_after += 2)
    {
      g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GCancellable) cancel = g_cancellable_new ();
      Progress p = { fractions, cancel_after, cancel };
      gboolean ok = pw_export_forms (store, 2025, forms, NULL, NULL, &written, on_progress, &p, cancel, &error);

      assert_steps (&p, n_pcns, cancel_after ? cancel_after : n_pcns);
      g_assert_cmpint (ok, ==, !cancel_after);
      g_assert_cmpuint (written, ==, cancel_after ? cancel_after : n_pcns);
      if (cancel_after)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }
  d = g_dir_open (forms, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, n_pcns);      /* the cancelled run's two written again */
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* pw_export_forms' own guards (the CLI checks the year and makes the
 * folder first; the window passes what it shows): the first and last
 * years a workbook holds give forms, the years either side and a folder
 * that is a file are refused, with nothing written. */
static void
test_forms_bounds (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *file = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (db, &error);
  const struct { int year; gboolean ok; } cases[] = {
    { PW_YEAR_MIN - 1, FALSE }, { PW_YEAR_MIN, TRUE }, { PW_YEAR_MAX, TRUE }, { PW_YEAR_MAX + 1, FALSE },
  };
  guint written = 99;

  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("forms-%d", cases[i].year);
      g_autofree char *out = g_build_filename (dir, name, NULL);
      g_autoptr(GDir) d = NULL;

      g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
      g_assert_cmpint (pw_export_forms (store, cases[i].year, out, NULL, "U90001", &written, NULL, NULL, NULL, &error),
                       ==, cases[i].ok);
      g_assert_cmpuint (written, ==, cases[i].ok);
      d = g_dir_open (out, 0, NULL);
      g_assert_cmpint (g_dir_read_name (d) != NULL, ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, "Choose a financial year for the forms");
          g_clear_error (&error);
        }
    }
  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  g_assert_false (pw_export_forms (store, 2025, file, NULL, NULL, &written, NULL, NULL, NULL, &error));
  g_assert_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "is not a folder"));
  g_assert_cmpuint (written, ==, 0);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mutants-export/year-bounds", test_year_bounds);
  g_test_add_func ("/mutants-export/sum-edges", test_sum_edges);
  g_test_add_func ("/mutants-export/unreadable-board", test_unreadable_board);
  g_test_add_func ("/mutants-export/no-descriptor-left-open", test_no_descriptor_left_open);
  g_test_add_func ("/mutants-export/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/mutants-export/forms-bounds", test_forms_bounds);
  return g_test_run ();
}

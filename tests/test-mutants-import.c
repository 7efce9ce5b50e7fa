/* Import messages mutate.py found untested: a board file naming a locality
 * the workbook does not have, with no name near it, lists the localities
 * there are (the first ten, then "…"), or says there are none yet.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-import.h"
#include "pw-test-util.h"

typedef struct
{
  char *dir;
  char *csv;
  PwStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = pw_test_tmpdir ();
  db = g_build_filename (f->dir, "workbook.db", NULL);
  f->csv = g_build_filename (f->dir, "members.csv", NULL);
  f->store = pw_store_open (db, &error);
  g_assert_no_error (error);
  pw_test_write (f->csv, "locality,name,organisation,sector,board_role\n"
                         "Qqqqqqqq,Sam Lee,Birch PCN,Primary care,Chair\n");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->csv);
  g_free (f->dir);
}

/* Adds localities "Area 01" … "Area @n". */
static void
add_areas (Fixture *f,
           guint    n)
{
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Area %02u", i);
      g_autoptr(GError) error = NULL;

      g_assert_true (pw_store_add_locality (f->store, name, NULL, &error));
      g_assert_no_error (error);
    }
}

/* The import's message; the import must have failed. */
static char *
refused (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pw_import_board_members (f->store, f->csv, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "there is no locality called “Qqqqqqqq”"));
  return g_strdup (error->message);
}

static void
test_no_localities (Fixture *f, gconstpointer data)
{
  g_autofree char *message = refused (f);

  g_assert_nonnull (strstr (message, "the localities are none yet: add them with a profiles import"));
}

static void
test_ten_localities (Fixture *f, gconstpointer data)
{
  g_autofree char *message = NULL;

  add_areas (f, 10);
  message = refused (f);
  g_assert_nonnull (strstr (message, "the localities are “Area 01”, “Area 02”, “Area 03”, “Area 04”, "
                                     "“Area 05”, “Area 06”, “Area 07”, “Area 08”, “Area 09”, “Area 10”"));
  g_assert_null (strstr (message, "…"));
  g_assert_null (strstr (message, "none yet"));
}

static void
test_eleven_localities (Fixture *f, gconstpointer data)
{
  g_autofree char *message = NULL;

  add_areas (f, 11);
  message = refused (f);
  g_assert_nonnull (strstr (message, "“Area 09”, “Area 10”, …"));
  g_assert_null (strstr (message, "Area 11"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/mutants-import/no-localities", Fixture, NULL, fixture_setup, test_no_localities, fixture_teardown);
  g_test_add ("/mutants-import/ten-localities", Fixture, NULL, fixture_setup, test_ten_localities, fixture_teardown);
  g_test_add ("/mutants-import/eleven-localities", Fixture, NULL, fixture_setup, test_eleven_localities,
              fixture_teardown);
  return g_test_run ();
}

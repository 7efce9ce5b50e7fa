/* The loader of the libraries loaded at first use (pw-lib.h): a library
 * that cannot be loaded, or lacks a call, is an error naming it (and the
 * call), tried again at the next call; one that loads fills its table
 * once.  Then the programs' own three: libpq, libxlsxwriter, libzip.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "store/pw-db-pg-lib.h"
#include "pw-lib-xlsxwriter.h"
#include "pw-lib-zip.h"
#include "pw-test-util.h"

#define GLIB_FILE "libglib-2.0.so.0"   /* loaded already: the test links it */

typedef struct
{
  PwLib lib;
  const char *names[2];
  gpointer slots[2];
} Lib;

static void
lib_init (Lib        *l,
          const char *file,
          const char *first,
          const char *second)
{
  *l = (Lib) { { file, "The test library cannot be loaded (%s): install libpw-test.",
                 "The test library (%s) has no %s: it is too old." }, { first, second } };
  l->lib.names = l->names;
  l->lib.slots = l->slots;
  l->lib.n_slots = G_N_ELEMENTS (l->slots);
}

static void
test_missing (void)
{
  Lib l;

  lib_init (&l, "libpw-no-such-library.so.0", "g_free", "g_strdup");
  for (int attempt = 0; attempt < 2; attempt++)   /* not given up on: it may be installed since */
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pw_lib_load (&l.lib, &error));
      g_assert_error (error, PW_LIB_ERROR, PW_LIB_ERROR_MISSING);
      g_assert_nonnull (strstr (error->message, "The test library cannot be loaded ("));
      g_assert_nonnull (strstr (error->message, "libpw-no-such-library.so.0"));
      g_assert_true (g_str_has_suffix (error->message, "): install libpw-test."));
      g_assert_false (l.lib.loaded);
    }
}

static void
test_too_old (void)
{
  g_autoptr(GError) error = NULL;
  Lib l;

  lib_init (&l, GLIB_FILE, "g_free", "pw_no_such_call");
  g_assert_false (pw_lib_load (&l.lib, &error));
  g_assert_error (error, PW_LIB_ERROR, PW_LIB_ERROR_TOO_OLD);
  g_assert_cmpstr (error->message, ==, "The test library (" GLIB_FILE ") has no pw_no_such_call: it is too old.");
  g_assert_false (l.lib.loaded);
  g_assert_null (l.slots[0]);          /* nothing left pointing into it */
}

/* Several files, ":"-separated (distributions number some libraries
 * differently): the first that loads is used, and named if it is too old. */
static void
test_first_that_loads (void)
{
  g_autoptr(GError) error = NULL;
  Lib l;

  lib_init (&l, "libpw-no-such-library.so.0:" GLIB_FILE, "g_free", "g_strdup");
  g_assert_true (pw_lib_load (&l.lib, &error));
  g_assert_no_error (error);
  g_assert_true (l.slots[1] == (gpointer) g_strdup);
  lib_init (&l, "libpw-no-such-library.so.0:" GLIB_FILE, "g_free", "pw_no_such_call");
  g_assert_false (pw_lib_load (&l.lib, &error));
  g_assert_cmpstr (error->message, ==, "The test library (" GLIB_FILE ") has no pw_no_such_call: it is too old.");
}

static void
test_loads_once (void)
{
  g_autoptr(GError) error = NULL;
  Lib l;

  lib_init (&l, GLIB_FILE, "g_free", "g_strdup");
  g_assert_true (pw_lib_load (&l.lib, &error));
  g_assert_no_error (error);
  g_assert_true (l.lib.loaded);
  g_assert_true (l.slots[0] == (gpointer) g_free);
  g_assert_true (l.slots[1] == (gpointer) g_strdup);
  /* Loaded: the table is left as it is. */
  l.slots[1] = NULL;
  g_assert_true (pw_lib_load (&l.lib, NULL));
  g_assert_null (l.slots[1]);
}

/* Every call of each table, found in the library installed. */
static void
assert_filled (const gpointer *slots,
               gsize           n)
{
  for (gsize i = 0; i < n; i++)
    g_assert_nonnull (slots[i]);
}

static void
test_programs_libraries (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_xlsxwriter_load (&error));
  g_assert_no_error (error);
  assert_filled (pw_xlsxwriter.slots, G_N_ELEMENTS (pw_xlsxwriter.slots));
  g_assert_true (pw_zip_load (&error));
  g_assert_no_error (error);
  assert_filled (pw_zip.slots, G_N_ELEMENTS (pw_zip.slots));
  g_assert_true (pw_pq_load (&error));
  g_assert_no_error (error);
  assert_filled (pw_pq.slots, G_N_ELEMENTS (pw_pq.slots));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lib/missing", test_missing);
  g_test_add_func ("/lib/too-old", test_too_old);
  g_test_add_func ("/lib/first-that-loads", test_first_that_loads);
  g_test_add_func ("/lib/loads-once", test_loads_once);
  g_test_add_func ("/lib/programs-libraries", test_programs_libraries);
  return g_test_run ();
}

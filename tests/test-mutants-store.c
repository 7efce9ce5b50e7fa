/* The store's own checks mutate.py found untested at their edges: a
 * proposal's amount may be set back to £0 (a bid withdrawn, or not yet
 * costed), saved as 0; only a negative amount is refused, and leaves the
 * amount as it was.  A PCN's WTEs take 0.00 to 99.99, or -1 for "not
 * given"; any other negative number is refused, not taken as "not given".
 * A PCN's text read with a number field's key is refused with the
 * programmer's warning and NULL, not read as if it were text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-store.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

static void
test_amount_zero (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 id = 0;

  g_assert_true (pw_store_add_entry (f->store, f->ret, PW_ENTRY_PROPOSAL, NULL, &id, &error));
  g_assert_true (pw_store_set_entry_number (f->store, id, PW_PLAN_ENTRY_AMOUNT, 150000, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT amount FROM plan_entry WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 150000);

  g_assert_true (pw_store_set_entry_number (f->store, id, PW_PLAN_ENTRY_AMOUNT, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 0);

  g_assert_true (pw_store_set_entry_number (f->store, id, PW_PLAN_ENTRY_AMOUNT, 1, &error));
  g_assert_false (pw_store_set_entry_number (f->store, id, PW_PLAN_ENTRY_AMOUNT, -1, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "An amount cannot be negative"));
  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 1);
}

/* The clinical director's WTE as stored (-1 for NULL). */
static gint64
cd_wte (Fixture *f)
{
  return pw_test_sql_int (f->path, "SELECT coalesce(cd_wte, -1) FROM pcn WHERE code = 'U12345'");
}

static void
test_wte_range (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_CD_WTE, 9999, &error));
  g_assert_cmpint (cd_wte (f), ==, 9999);
  g_assert_false (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_CD_WTE, 10000, &error));
  g_assert_nonnull (strstr (error->message, "A WTE must be from 0.00 to 99.99"));
  g_clear_error (&error);
  g_assert_false (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_CD_WTE, -2, &error));
  g_assert_nonnull (strstr (error->message, "A WTE must be from 0.00 to 99.99"));
  g_clear_error (&error);
  g_assert_cmpint (cd_wte (f), ==, 9999);
  g_assert_true (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_CD_WTE, 0, &error));
  g_assert_cmpint (cd_wte (f), ==, 0);
  g_assert_true (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_CD_WTE, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_wte (f), ==, -1);
}

static void
test_pcn_text_keys (Fixture *f, gconstpointer data)
{
  PwPcn *pcn = pw_store_find_pcn_by_code (f->store, "U12345");   /* borrowed */

  g_assert_cmpstr (pw_pcn_get_text (pcn, PW_PCN_NAME), ==, "Riverside PCN");
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*assertion 'field >= PW_PCN_CODE && field < PW_PCN_N_FIELDS'*");
  g_assert_null (pw_pcn_get_text (pcn, PW_PCN_ID));
  g_test_assert_expected_messages ();
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/mutants-store/amount-zero", Fixture, GINT_TO_POINTER (2025), pw_return_fixture_setup,
              test_amount_zero, pw_return_fixture_teardown);
  g_test_add ("/mutants-store/wte-range", Fixture, NULL, pw_return_fixture_setup, test_wte_range,
              pw_return_fixture_teardown);
  g_test_add ("/mutants-store/pcn-text-keys", Fixture, NULL, pw_return_fixture_setup, test_pcn_text_keys,
              pw_return_fixture_teardown);
  return g_test_run ();
}

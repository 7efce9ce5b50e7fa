/* The contract by year (reference data) in the store: which DES
 * specifications, funding streams and ARRS roles a year shows, as shipped
 * from data/reference/contract.csv, edited, and kept by past returns.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-plan.h"
#include "pw-store.h"
#include "pw-workforce.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

/* The items @year shows in a workbook with no data for them, as keys
 * joined by spaces: "smr ehch …". */
static char *
shown_keys (PwStore        *store,
            PwContractKind  kind,
            int             year,
            gint64          owner)
{
  guint idx[MAX (PW_N_DES_SPECS, PW_N_STREAMS)];
  guint n = pw_store_contract_shown (store, kind, year, owner, idx);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", kind == PW_CONTRACT_DES ? pw_des_key (idx[i])
                                                                            : pw_stream_key (idx[i]));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_shown (PwStore *store, PwContractKind kind, int year, gint64 owner, const char *want)
{
  g_autofree char *got = shown_keys (store, kind, year, owner);

  if (g_strcmp0 (got, want) != 0)
    g_error ("%d/%02d: shown “%s”, expected “%s”", year, (year + 1) % 100, got, want);
}

static void
test_des_by_year (Fixture *f, gconstpointer data)
{
  static const char *seven = "smr ehch anticipatory personalised cancer cvd inequalities";

  assert_shown (f->store, PW_CONTRACT_DES, 2019, -1, "");
  for (int year = 2020; year <= 2023; year++)
    assert_shown (f->store, PW_CONTRACT_DES, year, -1, seven);
  for (int year = 2024; year <= 2026; year++)
    assert_shown (f->store, PW_CONTRACT_DES, year, -1, "pcn_functions");
}

static void
test_streams_by_year (Fixture *f, gconstpointer data)
{
  assert_shown (f->store, PW_CONTRACT_STREAM, 2019, -1, "arrs cd leadership development");
  assert_shown (f->store, PW_CONTRACT_STREAM, 2023, -1, "arrs cd leadership development capacity");
  /* clinical director and leadership funding merged into core PCN funding */
  assert_shown (f->store, PW_CONTRACT_STREAM, 2024, -1, "arrs development core capacity");
  assert_shown (f->store, PW_CONTRACT_STREAM, 2025, -1, "arrs development core capacity");
  /* the Capacity and Access Payment has ended */
  assert_shown (f->store, PW_CONTRACT_STREAM, 2026, -1, "arrs development core");
}

static gboolean
offered (PwStore *store, int year, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) roles = pw_store_list_roles_in_year (store, year, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(PwArrsRole) r = g_list_model_get_item (roles, i);
      if (g_strcmp0 (pw_row_get_string (PW_ROW (r), PW_ARRS_ROLE_NAME), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_roles_by_year (Fixture *f, gconstpointer data)
{
  static const char *added_2025[] = { "Healthcare support worker", "New-to-general-practice nurse",
                                      "Experienced practice nurse", "Consultant nurse" };
  g_autoptr(GListModel) in_2019 = pw_store_list_roles_in_year (f->store, 2019, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (in_2019), ==, 2);
  g_assert_true (offered (f->store, 2019, "Clinical pharmacist"));
  g_assert_false (offered (f->store, 2023, "Enhanced practice nurse"));
  g_assert_true (offered (f->store, 2024, "Enhanced practice nurse"));
  g_assert_true (offered (f->store, 2024, "General practitioner (newly qualified)"));
  for (guint i = 0; i < G_N_ELEMENTS (added_2025); i++)
    {
      g_assert_false (offered (f->store, 2024, added_2025[i]));
      g_assert_true (offered (f->store, 2025, added_2025[i]));
      g_assert_true (offered (f->store, 2026, added_2025[i]));
    }
}

/* Every item carries the document its years come from. */
static void
test_sources (Fixture *f, gconstpointer data)
{
  for (guint kind = PW_CONTRACT_DES; kind <= PW_CONTRACT_STREAM; kind++)
    for (guint i = 0; i < (kind == PW_CONTRACT_DES ? PW_N_DES_SPECS : PW_N_STREAMS); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *source = NULL;
        int first = 0, last = 0;

        g_assert_true (pw_store_contract_years (f->store, kind, i, &first, &last, &source, &error));
        g_assert_no_error (error);
        g_assert_cmpint (first, >=, 2019);
        g_assert_true (last == 0 || last >= first);
        g_assert_nonnull (strstr (source, kind == PW_CONTRACT_DES ? "NHS England" : " "));
      }
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM arrs_role WHERE source NOT LIKE 'NHS England%'"),
                   ==, 0);
}

/* A past return keeps what it held: a 2025/26 return with clinical
 * director funding, or a 2024/25 one planning a retired specification,
 * still shows it; other PCNs' do not. */
static void
test_past_returns_keep (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 other = 0, ret24 = 0;

  g_assert_true (pw_store_add_pcn (f->store, "U23456", "Hillside PCN", 0, &other, &error));
  g_assert_true (pw_store_set_funding (f->store, f->pcn, 2025, PW_STREAM_CLINICAL_DIRECTOR, 1200000, -1, &error));
  g_assert_no_error (error);
  assert_shown (f->store, PW_CONTRACT_STREAM, 2025, f->pcn, "arrs cd development core capacity");
  assert_shown (f->store, PW_CONTRACT_STREAM, 2025, other, "arrs development core capacity");
  assert_shown (f->store, PW_CONTRACT_STREAM, 2025, 0, "arrs cd development core capacity");

  g_assert_true (pw_store_ensure_return (f->store, f->pcn, 2024, &ret24, &error));
  g_assert_true (pw_store_set_des (f->store, ret24, 0, PW_DES_DELIVERING, "SMRs for care home residents", &error));
  g_assert_no_error (error);
  assert_shown (f->store, PW_CONTRACT_DES, 2024, ret24, "smr pcn_functions");
  assert_shown (f->store, PW_CONTRACT_DES, 2025, f->ret, "pcn_functions");
}

static void
test_edit_years (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwArrsRole) nurse = pw_store_find_role (f->store, "Consultant nurse", NULL);
  gint64 id = pw_row_get_int (PW_ROW (nurse), PW_ARRS_ROLE_ID);

  /* The user extends the payment a year, and ends a role. */
  g_assert_true (pw_store_set_contract_years (f->store, PW_CONTRACT_STREAM, PW_STREAM_CAPACITY, 2023, 2026, &error));
  g_assert_no_error (error);
  assert_shown (f->store, PW_CONTRACT_STREAM, 2026, -1, "arrs development core capacity");
  g_assert_true (pw_store_set_role_years (f->store, id, 2025, 2025, &error));
  g_assert_true (offered (f->store, 2025, "Consultant nurse"));
  g_assert_false (offered (f->store, 2026, "Consultant nurse"));
  {
    g_autoptr(PwArrsRole) again = pw_store_find_role (f->store, "Consultant nurse", NULL);
    g_assert_cmpint (pw_row_get_int (PW_ROW (again), PW_ARRS_ROLE_LAST_YEAR), ==, 2025);
  }

  /* A last year before the first is refused, and nothing changes. */
  g_assert_false (pw_store_set_contract_years (f->store, PW_CONTRACT_DES, 7, 2024, 2023, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_store_set_role_years (f->store, id, 2025, 2019, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  assert_shown (f->store, PW_CONTRACT_DES, 2024, -1, "pcn_functions");
  g_assert_false (offered (f->store, 2026, "Consultant nurse"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) \
  g_test_add (path, Fixture, GINT_TO_POINTER (2025), pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  ADD ("/contract/des-by-year", test_des_by_year);
  ADD ("/contract/streams-by-year", test_streams_by_year);
  ADD ("/contract/roles-by-year", test_roles_by_year);
  ADD ("/contract/sources", test_sources);
  ADD ("/contract/past-returns-keep", test_past_returns_keep);
  ADD ("/contract/edit-years", test_edit_years);
  return g_test_run ();
}

/* Two people editing one workbook: two PwStores on one file, or (with
 * PW_TEST_ENGINE=pg) two connections to one team workbook.  An edit based
 * on an older revision of a field someone else has since changed is
 * refused, names their value, who and when, and writes nothing; edits of
 * different fields of one row both stand; Keep Mine and Take Theirs.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-matrix.h"
#include "pw-save-queue.h"
#include "pw-store.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

/* Alice is the fixture's store; Bob a second connection to the workbook. */
typedef struct
{
  PwReturnFixture r;
  PwStore *bob;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  pw_return_fixture_setup (&f->r, GINT_TO_POINTER (2024));
  pw_store_set_user_name (f->r.store, "alice");
  f->bob = pw_store_open (f->r.path, &error);
  g_assert_no_error (error);
  pw_store_set_user_name (f->bob, "bob");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->bob);
  pw_return_fixture_teardown (&f->r, data);
}

/* The PCN's @field as a fresh connection reads it. */
static char *
stored_pcn_text (Fixture *f, PwPcnField field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) reader = pw_store_open (f->r.path, &error);
  PwPcn *pcn;

  g_assert_no_error (error);
  pcn = pw_store_find_pcn (reader, f->r.pcn);
  g_assert_nonnull (pcn);
  return g_strdup (pw_pcn_get_text (pcn, field));
}

static gint64
revision (Fixture *f)
{
  return pw_test_sql_int (f->r.path, "SELECT n FROM workbook_revision");
}

/* Alice began editing the name at @base; Bob changed it since. */
static void
bob_renames (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  pw_store_set_edit_base (f->bob, pw_store_get_seen_revision (f->bob, -1), FALSE);
  g_assert_true (pw_store_set_pcn_text (f->bob, f->r.pcn, PW_PCN_NAME, "Northgate PCN", &error));
  g_assert_no_error (error);
}

static void
test_same_field (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 base = pw_store_get_seen_revision (f->r.store, -1);
  gint64 before;
  const PwStoreConflict *conflict;

  g_assert_cmpint (base, >, 0);
  bob_renames (f);
  before = revision (f);
  g_assert_cmpint (pw_test_sql_int (f->r.path, "SELECT version FROM pcn"), ==, 2);

  pw_store_set_edit_base (f->r.store, base, FALSE);
  g_assert_false (pw_store_set_pcn_text (f->r.store, f->r.pcn, PW_PCN_NAME, "Riverside North PCN", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "PCN name"));
  g_assert_nonnull (strstr (error->message, "“Northgate PCN”"));
  g_assert_nonnull (strstr (error->message, pw_store_get_user_name (f->bob)));
  conflict = pw_store_get_conflict (f->r.store);
  g_assert_nonnull (conflict);
  g_assert_cmpstr (conflict->value, ==, "Northgate PCN");
  g_assert_cmpstr (conflict->user, ==, pw_store_get_user_name (f->bob));
  g_assert_cmpint (conflict->revision, >, base);

  /* nothing written: the name, the row's version, the revision */
  name = stored_pcn_text (f, PW_PCN_NAME);
  g_assert_cmpstr (name, ==, "Northgate PCN");
  g_assert_cmpint (pw_test_sql_int (f->r.path, "SELECT version FROM pcn"), ==, 2);
  g_assert_cmpint (revision (f), ==, before);

  /* typing Bob's very value is no conflict */
  g_clear_error (&error);
  g_assert_true (pw_store_set_pcn_text (f->r.store, f->r.pcn, PW_PCN_NAME, "Northgate PCN", &error));
  g_assert_no_error (error);

  /* and the check leaves no read open: Alice's next edit, after Bob's next
   * change, is taken (a read left open would hold Alice to the state of
   * the file before Bob's change, and her write would be refused) */
  pw_store_set_edit_base (f->bob, pw_store_get_seen_revision (f->bob, -1), FALSE);
  g_assert_true (pw_store_set_pcn_text (f->bob, f->r.pcn, PW_PCN_MANAGER, "Sam Lee", &error));
  g_assert_no_error (error);
  pw_store_set_edit_base (f->r.store, pw_store_get_seen_revision (f->r.store, -1), FALSE);
  g_assert_true (pw_store_set_pcn_number (f->r.store, f->r.pcn, PW_PCN_CD_WTE, 75, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->r.path, "SELECT cd_wte FROM pcn"), ==, 75);
}

static void
test_other_field (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *manager = NULL;
  gint64 base = pw_store_get_seen_revision (f->r.store, -1);

  bob_renames (f);
  pw_store_set_edit_base (f->r.store, base, FALSE);
  g_assert_true (pw_store_set_pcn_text (f->r.store, f->r.pcn, PW_PCN_MANAGER, "Priya Shah", &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_set_pcn_number (f->r.store, f->r.pcn, PW_PCN_CD_WTE, 50, &error));
  g_assert_no_error (error);
  name = stored_pcn_text (f, PW_PCN_NAME);
  manager = stored_pcn_text (f, PW_PCN_MANAGER);
  g_assert_cmpstr (name, ==, "Northgate PCN");
  g_assert_cmpstr (manager, ==, "Priya Shah");
  g_assert_cmpint (pw_test_sql_int (f->r.path, "SELECT version FROM pcn"), ==, 4);

  /* Alice's own earlier writes never conflict with her later ones */
  g_assert_true (pw_store_set_pcn_text (f->r.store, f->r.pcn, PW_PCN_MANAGER, "Priya Shah-Jones", &error));
  g_assert_no_error (error);
}

static void
test_keep_mine (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 base = pw_store_get_seen_revision (f->r.store, -1);
  gint64 bob_base = pw_store_get_seen_revision (f->bob, -1);
  const PwStoreConflict *conflict;

  bob_renames (f);
  pw_store_set_edit_base (f->r.store, base, FALSE);
  g_assert_false (pw_store_set_pcn_text (f->r.store, f->r.pcn, PW_PCN_NAME, "Riverside North PCN", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  conflict = pw_store_get_conflict (f->r.store);

  pw_store_set_edit_base (f->r.store, conflict->revision, TRUE);
  g_assert_true (pw_store_set_pcn_text (f->r.store, f->r.pcn, PW_PCN_NAME, "Riverside North PCN", &error));
  g_assert_no_error (error);
  name = stored_pcn_text (f, PW_PCN_NAME);
  g_assert_cmpstr (name, ==, "Riverside North PCN");
  /* logged: who wrote over whom, and the value written over */
  g_assert_cmpint (pw_test_sql_int (f->r.path, "SELECT count(*) FROM change_log WHERE what LIKE 'PCN name (kept over %'"
                                               " AND old_value = 'Northgate PCN' AND new_value = 'Riverside North PCN'"),
                   ==, 1);

  /* now Bob, still on what he saw, is the one refused */
  pw_store_set_edit_base (f->bob, bob_base, FALSE);
  g_assert_false (pw_store_set_pcn_text (f->bob, f->r.pcn, PW_PCN_NAME, "Northgate and Riverside PCN", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "“Riverside North PCN”"));
}

/* Take Theirs writes nothing: the window shows the stored value again,
 * and the next edit, based on what it now shows, goes through. */
static void
test_take_theirs (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 base = pw_store_get_seen_revision (f->r.store, -1);
  gint64 before;

  bob_renames (f);
  pw_store_set_edit_base (f->r.store, base, FALSE);
  g_assert_false (pw_store_set_pcn_text (f->r.store, f->r.pcn, PW_PCN_NAME, "Riverside North PCN", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  before = revision (f);
  pw_store_reload (f->r.store);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->r.store, f->r.pcn), PW_PCN_NAME), ==, "Northgate PCN");
  g_assert_cmpint (revision (f), ==, before);
  g_assert_cmpint (pw_test_sql_int (f->r.path, "SELECT version FROM pcn"), ==, 2);
  g_assert_cmpint (pw_store_get_seen_revision (f->r.store, -1), >=, before);

  pw_store_set_edit_base (f->r.store, pw_store_get_seen_revision (f->r.store, -1), FALSE);
  g_assert_true (pw_store_set_pcn_text (f->r.store, f->r.pcn, PW_PCN_NAME, "Northgate PCN (East)", &error));
  g_assert_no_error (error);
  name = stored_pcn_text (f, PW_PCN_NAME);
  g_assert_cmpstr (name, ==, "Northgate PCN (East)");
}

/* A return's parts go through the same check: the maturity evidence,
 * a SWOT item, an ARRS role's figures. */
static void
test_return_parts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) domains = NULL;
  g_autoptr(PwMaturity) leadership = NULL;
  gint64 base = pw_store_get_seen_revision (f->r.store, -1);
  gint64 item = 0;

  g_assert_true (pw_store_add_item (f->bob, f->r.ret, PW_LIST_STRENGTHS, 0, "Strong leadership", &item, &error));
  g_assert_no_error (error);
  base = pw_store_get_seen_revision (f->r.store, -1);
  pw_store_set_edit_base (f->bob, pw_store_get_seen_revision (f->bob, -1), FALSE);
  g_assert_true (pw_store_set_maturity_text (f->bob, f->r.ret, 0, PW_MATURITY_EVIDENCE, "Monthly board minutes", &error));
  g_assert_true (pw_store_set_item_text (f->bob, item, "Strong clinical leadership", &error));
  g_assert_no_error (error);

  pw_store_set_edit_base (f->r.store, base, FALSE);
  g_assert_false (pw_store_set_maturity_text (f->r.store, f->r.ret, 0, PW_MATURITY_EVIDENCE, "Terms of reference", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "“Monthly board minutes”"));
  g_clear_error (&error);
  g_assert_false (pw_store_set_item_text (f->r.store, item, "Good leadership", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  /* another field of the same domain is Alice's to write */
  g_assert_true (pw_store_set_maturity_text (f->r.store, f->r.ret, 0, PW_MATURITY_SUPPORT, "Analyst time", &error));
  g_assert_no_error (error);

  domains = pw_store_list_maturity (f->bob, f->r.ret, &error);
  leadership = g_list_model_get_item (domains, 0);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (leadership), PW_MATURITY_EVIDENCE), ==, "Monthly board minutes");
  g_assert_cmpstr (pw_row_get_string (PW_ROW (leadership), PW_MATURITY_SUPPORT), ==, "Analyst time");
  /* the refused edits left nothing in the return's history */
  g_assert_cmpint (pw_test_sql_int (f->r.path, "SELECT count(*) FROM change_log WHERE new_value IN"
                                               " ('Terms of reference', 'Good leadership')"), ==, 0);
}

/* An edit without a base (the command line, an import) is not checked,
 * and a store learns the revision when it hears of others' changes. */
static void
test_unchecked_and_seen (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 seen = pw_store_get_seen_revision (f->r.store, -1);

  bob_renames (f);
  pw_store_set_edit_base (f->r.store, 0, FALSE);
  g_assert_true (pw_store_set_pcn_text (f->r.store, f->r.pcn, PW_PCN_NAME, "Riverside PCN", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_get_seen_revision (f->r.store, -1), ==, seen);   /* its own writes are not news */
  pw_store_reload (f->bob);
  g_assert_cmpint (pw_store_get_seen_revision (f->bob, -1), ==, revision (f));
}

static gboolean
save_name (PwStore *store, gpointer data, GError **error)
{
  gint64 *pcn = data;

  return pw_store_set_pcn_text (store, *pcn, PW_PCN_NAME, "Riverside North PCN", error);
}

/* The window's saves go through the queue: a refused one waits for the
 * user's choice, neither retried nor lost, and is settled either way. */
static void
test_queue_holds_the_choice (Fixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->r.store);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 base = pw_store_get_seen_revision (f->r.store, -1);
  gint64 before;

  bob_renames (f);
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/name", base, save_name, &f->r.pcn, NULL, &error),
                   ==, PW_SAVE_FAILED);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (pw_save_queue_has_conflict (queue, "pcn/name"));
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 0);

  /* Take Theirs: nothing written, nothing left */
  before = revision (f);
  g_assert_cmpint (pw_save_queue_resolve (queue, "pcn/name", FALSE, &error), ==, PW_SAVE_DONE);
  g_assert_false (pw_save_queue_has_conflict (queue, "pcn/name"));
  g_assert_cmpint (revision (f), ==, before);
  name = stored_pcn_text (f, PW_PCN_NAME);
  g_assert_cmpstr (name, ==, "Northgate PCN");

  /* refused again (the same old base), then Keep Mine */
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/name", base, save_name, &f->r.pcn, NULL, &error),
                   ==, PW_SAVE_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (pw_save_queue_resolve (queue, "pcn/name", TRUE, &error), ==, PW_SAVE_DONE);
  g_assert_no_error (error);
  g_assert_false (pw_save_queue_has_conflict (queue, "pcn/name"));
  g_clear_pointer (&name, g_free);
  name = stored_pcn_text (f, PW_PCN_NAME);
  g_assert_cmpstr (name, ==, "Riverside North PCN");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/conflicts/same-field", Fixture, NULL, setup, test_same_field, teardown);
  g_test_add ("/conflicts/other-field", Fixture, NULL, setup, test_other_field, teardown);
  g_test_add ("/conflicts/keep-mine", Fixture, NULL, setup, test_keep_mine, teardown);
  g_test_add ("/conflicts/take-theirs", Fixture, NULL, setup, test_take_theirs, teardown);
  g_test_add ("/conflicts/return-parts", Fixture, NULL, setup, test_return_parts, teardown);
  g_test_add ("/conflicts/unchecked-and-seen", Fixture, NULL, setup, test_unchecked_and_seen, teardown);
  g_test_add ("/conflicts/queue-holds-the-choice", Fixture, NULL, setup, test_queue_holds_the_choice, teardown);
  return g_test_run ();
}

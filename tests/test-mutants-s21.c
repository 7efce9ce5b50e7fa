/* Edges of app/ (outside the export and the xlsx reader) that mutate.py
 * found untested (seeds 2301 to 2304), checked through the product's own
 * API and output on real workbooks, on both engines where the store is
 * concerned.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-board.h"
#include "pw-import.h"
#include "pw-maturity.h"
#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-save-queue.h"
#include "pw-store.h"
#include "pw-store-boards.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

/* Imports @csv as profiles into @f's workbook; whether it was taken. */
static gboolean
import_profiles (Fixture     *f,
                 const char  *csv,
                 GError     **error)
{
  g_autofree char *path = g_build_filename (f->dir, "profiles.csv", NULL);

  pw_test_write (path, csv);
  return pw_import_profiles (f->store, path, NULL, NULL, NULL, NULL, error);
}

/* A PCN's name and locality repeated on its lines are compared trimmed:
 * spaces around them do not differ, blank (spaces only, of any length) is
 * the same blank on every line, and a value that differs is refused.
 * (Quoted: libcsv trims the spaces around a field that is not.) */
static void
test_profile_repeats_trimmed (Fixture *f, gconstpointer data)
{
  static const char head[] = "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *spaced = g_strconcat (head,
                                         "U20001,Brook PCN,\"   \",B10001,One Surgery,100\n"
                                         "U20001,Brook PCN,\"  \",B10002,Two Surgery,200\n"
                                         "U20002,\" Weir PCN\",\"East \",B10003,Three Surgery,300\n"
                                         "U20002,\"Weir PCN \",\"  East\",B10004,Four Surgery,400\n", NULL);
  g_autofree char *differs = g_strconcat (head,
                                          "U20003,Ford PCN,East,B10005,Five Surgery,500\n"
                                          "U20003,Ford PCN,Eas,B10006,Six Surgery,600\n", NULL);

  g_assert_true (import_profiles (f, spaced, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM practice"), ==, 4);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE code = 'U20001' AND locality_id IS NULL"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn p JOIN locality l ON l.id = p.locality_id "
                                              "WHERE p.code = 'U20002' AND p.name = 'Weir PCN' AND l.name = 'East'"), ==, 1);
  g_assert_false (import_profiles (f, differs, &error));
  g_assert_nonnull (strstr (error->message, "PCN U20003 has “Eas” here but “East” on line 2"));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE code = 'U20003'"), ==, 0);
}

/* The store's profile import takes only rows checked as the file import
 * checks them (it skips the schema's checks): each field broken in turn is
 * refused in the store's words, with the row's index, and nothing is
 * written; each edge of a field is taken. */
static void
test_profile_rows_checked (Fixture *f, gconstpointer data)
{
  const PwProfileRow good = { "U20001", "Brook PCN", "", NULL, NULL, -1, -1, "B10001", "One Surgery", 100 };
  struct { PwProfileRow row; gboolean taken; } cases[] = {
    { good, TRUE },
    { good, FALSE }, { good, FALSE }, { good, FALSE }, { good, FALSE }, { good, FALSE }, { good, FALSE },
    { good, FALSE }, { good, FALSE }, { good, FALSE }, { good, FALSE }, { good, FALSE }, { good, FALSE },
    { good, TRUE }, { good, TRUE }, { good, TRUE },
  };
  guint n = 1;

  cases[n++].row.pcn_code = "L85001";
  cases[n++].row.pcn_code = "u20001";
  cases[n++].row.pcn_code = "U2000";
  cases[n++].row.pcn_name = "";
  cases[n++].row.pcn_name = " Brook PCN";
  cases[n++].row.locality = NULL;
  cases[n++].row.cd_wte = PW_WTE_MAX + 1;
  cases[n++].row.manager_wte = PW_WTE_MAX + 1;
  cases[n++].row.practice_code = "U10001X";
  cases[n++].row.practice_code = "110001";
  cases[n++].row.practice_name = "";
  cases[n++].row.list_size = -1;
  cases[n].row.cd_wte = PW_WTE_MAX, cases[n++].row.manager_wte = PW_WTE_MAX;
  cases[n++].row.list_size = 0;
  cases[n].row.practice_code = NULL, cases[n++].row.practice_name = NULL;
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (cases));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      PwProfileRow rows[] = { good, cases[i].row };
      PwProfileCounts counts = { 0 };
      gint64 before = pw_test_sql_int (f->path, "SELECT count(*) FROM practice");

      rows[0].pcn_code = "U20009", rows[0].practice_code = NULL, rows[0].practice_name = NULL;
      gboolean taken = pw_store_import_profiles (f->store, rows, 2, NULL, NULL, NULL, &counts, &error);

      if (taken != cases[i].taken)
        g_error ("case %u: %s", i, error ? error->message : "taken");
      if (!cases[i].taken)
        {
          g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, "The row is not a checked profile");
          g_assert_cmpuint (counts.failed, ==, 1);
          g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM practice"), ==, before);
          g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE code = 'U20009'"), ==, 1);
          g_clear_error (&error);
        }
      g_assert_no_error (error);
    }
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE code = 'U20001' AND cd_wte = 9999"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT list_size FROM practice WHERE code = 'B10001'"), ==, 0);
}

/* Puts @name of Riverside Council on @locality's board in @role; its id. */
static gint64
put_member (Fixture    *f,
            gint64      locality,
            const char *name,
            int         role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBoardMember) m = g_object_new (PW_TYPE_BOARD_MEMBER, "locality-id", locality, "name", name,
                                             "organisation", "Riverside Council", "role", (gint64) role, NULL);
  gint64 id = -1;

  g_assert_true (pw_store_put_member (f->store, m, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Putting a member gives the member's own id, new or again, and logs the
 * member as they now are. */
static void
test_member_put_gives_its_id (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 north = 0, first, second, again;

  g_assert_true (pw_store_add_locality (f->store, "North", &north, &error));
  first = put_member (f, north, "Asha Patel", 0);
  second = put_member (f, north, "Ben Okafor", 0);
  g_assert_cmpint (first, ==, pw_test_sql_int (f->path, "SELECT id FROM board_member WHERE name = 'Asha Patel'"));
  g_assert_cmpint (second, ==, pw_test_sql_int (f->path, "SELECT id FROM board_member WHERE name = 'Ben Okafor'"));
  g_assert_cmpint (first, !=, second);
  again = put_member (f, north, "Asha Patel", 1);
  g_assert_cmpint (again, ==, first);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what = 'Board member Asha Patel'"
                                             " AND new_value LIKE 'Asha Patel, Riverside Council%'"), ==, 2);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what = 'Board member Asha Patel'"
                                             " AND old_value LIKE 'Asha Patel, Riverside Council%'"), ==, 1);
}

/* No error when @inside; else the store's own for a year out of range. */
static void
assert_out_of_range (gboolean   inside,
                     GError   **error)
{
  if (inside)
    {
      g_assert_no_error (*error);
      return;
    }
  g_assert_error (*error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_cmpstr ((*error)->message, ==, "The financial year is out of range");
  g_clear_error (error);
}

/* A return may be started, and a PCN archived, from the first to the last
 * year the workbook knows (2000/01 to 2098/99), and not one past either. */
static void
test_year_range_edges (Fixture *f, gconstpointer data)
{
  static const int years[] = { PW_YEAR_MIN - 1, PW_YEAR_MIN, PW_YEAR_MAX, PW_YEAR_MAX + 1 };
  g_autoptr(GError) error = NULL;
  gint64 empty = 0;

  g_assert_true (pw_store_add_pcn (f->store, "U54321", "Hillside PCN", 0, &empty, &error));
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autoptr(PwStoreUndo) undo = NULL;
      gboolean inside = years[i] >= PW_YEAR_MIN && years[i] <= PW_YEAR_MAX;
      gint64 id = 0;

      g_assert_cmpint (pw_store_ensure_return (f->store, f->pcn, years[i], &id, &error), ==, inside);
      assert_out_of_range (inside, &error);
      g_assert_cmpint (pw_store_archive_pcn (f->store, empty, years[i], &undo, &error), ==, inside);
      assert_out_of_range (inside, &error);
      if (inside)
        g_assert_true (pw_store_undo (f->store, undo, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn_return"), ==, 2);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE archived_from IS NULL"), ==, 2);
}

/* A board's stage has a name; a stage it does not know, none. */
static void
test_stage_names (void)
{
  g_assert_cmpstr (pw_board_stage_name (-1), ==, "Not recorded");
  g_assert_cmpstr (pw_board_stage_name (PW_N_STAGES), ==, "Not recorded");
  g_assert_cmpstr (pw_board_stage_name (0), !=, "Not recorded");
  g_assert_cmpstr (pw_board_stage_name (PW_N_STAGES - 1), !=, "Not recorded");
  g_assert_cmpstr (pw_board_stage_name (0), !=, pw_board_stage_name (PW_N_STAGES - 1));
}

/* @done refused with @message: the store's own words, not the schema's. */
static void
assert_refused (gboolean    done,
                GError    **error,
                const char *message)
{
  g_assert_false (done);
  g_assert_error (*error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_cmpstr ((*error)->message, ==, message);
  g_clear_error (error);
}

static void
assert_taken (gboolean   done,
              GError   **error)
{
  g_assert_no_error (*error);
  g_assert_true (done);
}

/* Each of the store's lists of values (an action's status, a priority's
 * RAG, a board's stage, a project's status) takes its first and last
 * value and refuses one past either end with its own message. */
static void
test_list_value_edges (Fixture *f, gconstpointer data)
{
  static const char no_status[] = "There is no such action status", no_rag[] = "A RAG status is red, amber or green",
                    no_stage[] = "There is no such stage of development", no_project[] = "There is no such project status";
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBoardAction) action = NULL;
  gint64 north = 0, action_id = 0, project = 0;

  g_assert_true (pw_store_add_locality (f->store, "North", &north, &error));
  action = g_object_new (PW_TYPE_BOARD_ACTION, "locality-id", north, "ref", "NOR-001", "text", "Agree the pathway",
                         "due", "2026-03-31", "status", (gint64) PW_ACTION_OPEN, NULL);
  g_assert_true (pw_store_put_action (f->store, action, &action_id, &error));
  g_assert_true (pw_store_add_entry (f->store, f->ret, PW_ENTRY_PROJECT, NULL, &project, &error));
  g_assert_no_error (error);

  assert_refused (pw_store_set_action_status (f->store, action_id, -1, "", &error), &error, no_status);
  assert_refused (pw_store_set_action_status (f->store, action_id, PW_N_ACTION_STATUSES, "2026-01-02", &error),
                  &error, no_status);
  assert_taken (pw_store_set_action_status (f->store, action_id, PW_N_ACTION_STATUSES - 1, "2026-01-02", &error),
                &error);
  assert_taken (pw_store_set_action_status (f->store, action_id, 0, "", &error), &error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT status FROM board_action"), ==, 0);

  assert_refused (pw_store_add_priority (f->store, north, 2025, "Access", "Same-day access", -2, &error),
                  &error, no_rag);
  assert_refused (pw_store_add_priority (f->store, north, 2025, "Access", "Same-day access", PW_N_RAGS, &error),
                  &error, no_rag);
  assert_taken (pw_store_add_priority (f->store, north, 2025, "Access", "Same-day access", -1, &error), &error);
  assert_taken (pw_store_add_priority (f->store, north, 2025, "Access", "Frailty", PW_N_RAGS - 1, &error), &error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_priority"), ==, 2);

  assert_refused (pw_store_set_board_stage (f->store, north, -1, "2025-04-01", NULL, &error), &error, no_stage);
  assert_refused (pw_store_set_board_stage (f->store, north, PW_N_STAGES, "2025-04-01", NULL, &error),
                  &error, no_stage);
  assert_taken (pw_store_set_board_stage (f->store, north, 0, "2025-04-01", NULL, &error), &error);
  assert_taken (pw_store_set_board_stage (f->store, north, PW_N_STAGES - 1, "2025-05-01", NULL, &error), &error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_stage"), ==, 2);

  assert_refused (pw_store_set_entry_number (f->store, project, PW_PLAN_ENTRY_STATUS, -1, &error), &error,
                  no_project);
  assert_refused (pw_store_set_entry_number (f->store, project, PW_PLAN_ENTRY_STATUS, PW_N_PROJECT_STATUSES, &error),
                  &error, no_project);
  assert_refused (pw_store_set_entry_number (f->store, project, PW_PLAN_ENTRY_POSITION, 1, &error), &error,
                  "This field does not hold a number");
  assert_taken (pw_store_set_entry_number (f->store, project, PW_PLAN_ENTRY_STATUS, PW_N_PROJECT_STATUSES - 1,
                                              &error), &error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT status FROM plan_entry"), ==, PW_N_PROJECT_STATUSES - 1);
  assert_taken (pw_store_set_entry_number (f->store, project, PW_PLAN_ENTRY_STATUS, 0, &error), &error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT status FROM plan_entry"), ==, 0);
}

/* Whether the value kept for @f's PCN's @field, which another desktop's
 * conflict shows as what was written over its edit, is @shown. */
static void
assert_version_value (Fixture    *f,
                      const char *field,
                      const char *shown)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM field_version WHERE tbl = 'pcn' AND row_key = '%"
                                          G_GINT64_FORMAT "' AND field = '%s' AND value = '%s'", f->pcn, field, shown);

  g_assert_cmpint (pw_test_sql_int (f->path, sql), ==, 1);
}

/* A PCN's numbers are kept for conflicts as the user sees them: a WTE as
 * 1.25 (none: 0.0; not given: blank), the locality by its name (none:
 * blank). */
static void
test_pcn_numbers_kept_as_shown (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 north = 0;

  g_assert_true (pw_store_add_locality (f->store, "North", &north, &error));
  g_assert_true (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_CD_WTE, 125, &error));
  g_assert_no_error (error);
  assert_version_value (f, "cd_wte", "1.25");
  g_assert_true (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_MANAGER_WTE, 2, &error));
  assert_version_value (f, "manager_wte", "0.02");
  g_assert_true (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_CD_WTE, 0, &error));
  assert_version_value (f, "cd_wte", "0.0");
  g_assert_true (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_CD_WTE, -1, &error));
  assert_version_value (f, "cd_wte", "");
  g_assert_true (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_LOCALITY_ID, north, &error));
  g_assert_no_error (error);
  assert_version_value (f, "locality_id", "North");
  g_assert_true (pw_store_set_pcn_number (f->store, f->pcn, PW_PCN_LOCALITY_ID, 0, &error));
  g_assert_no_error (error);
  assert_version_value (f, "locality_id", "");
}

/* A sound workbook passes both checks, with no problems to tell (an empty
 * text, not none), also when nobody asks for them; a team workbook's
 * server checks its own pages, so there too. */
static void
test_sound_workbook_checks_clean (Fixture *f, gconstpointer data)
{
  static const char *const pragmas[] = { "PRAGMA quick_check", "PRAGMA integrity_check" };

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      g_autofree char *problems = NULL;

      g_assert_true (pw_store_check (f->store, pragmas[i], &problems));
      g_assert_cmpstr (problems, ==, "");
      g_assert_true (pw_store_check (f->store, pragmas[i], NULL));
    }
}

/* Pruning the daily copies counts only files named as a copy of a real
 * day ("2025-06-30.db"): one of a day that does not exist, or with another
 * ending, is neither counted among the copies kept nor removed. */
static void
test_prune_counts_only_daily_copies (Fixture *f, gconstpointer data)
{
  static const char *const files[] = { "2025-06-20.db", "2025-06-21.db", "2025-06-22.db", "2025-06-23.db",
                                       "2025-06-24.db", "2025-06-25.db", "2025-06-26.db", "2025-06-27.db",
                                       "2025-06-28.db", "2025-06-29.db", "2025-06-31.db", "2025-07-01.bk" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pw_store_backup_dir (f->store);
  g_autoptr(GDateTime) today = g_date_time_new_utc (2025, 6, 30, 12, 0, 0);
  g_autofree char *left = NULL;

  pw_test_rmdir (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      pw_test_write (path, "x");
    }
  g_assert_true (pw_store_daily_backup (f->store, today, &error));
  g_assert_no_error (error);
  left = pw_test_names_in (dir);
  /* The 7 newest copies (30 back to 24), then the newest of each earlier
   * week (23 for the week of Monday 23 June, 22 for the week before). */
  g_assert_cmpstr (left, ==, "2025-06-22.db 2025-06-23.db 2025-06-24.db 2025-06-25.db 2025-06-26.db 2025-06-27.db "
                             "2025-06-28.db 2025-06-29.db 2025-06-30.db 2025-06-31.db 2025-07-01.bk");
  pw_test_rmdir (dir);
}

static gboolean
save_name (PwStore  *store,
           gpointer  data,
           GError  **error)
{
  return pw_store_set_pcn_text (store, 1, PW_PCN_NAME, data, error);
}

static gboolean
save_manager (PwStore  *store,
              gpointer  data,
              GError  **error)
{
  return pw_store_set_pcn_text (store, 1, PW_PCN_MANAGER, data, error);
}

/* Submits @text for PCN 1's field under @key; the queue's answer. */
static PwSaveResult
submit_text (PwSaveQueue *queue,
             const char  *key,
             PwSaveFunc   save,
             const char  *text)
{
  g_autoptr(GError) error = NULL;
  PwSaveResult result = pw_save_queue_submit (queue, key, 0, save, g_strdup (text), g_free, &error);

  g_assert_no_error (error);
  return result;
}

static void
note_saved (PwSaveQueue *queue,
            const char  *key,
            GString     *order)
{
  g_string_append_printf (order, "%s;", key);
}

/* An edit made while earlier ones wait waits behind them, even once the
 * workbook is free again (before the queue's retry): the saves land in the
 * order they were made. */
static void
test_edit_waits_behind_queue (Fixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  g_autoptr(GString) order = g_string_new (NULL);
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  sqlite3 *other = NULL;
  gulong handler;

  g_assert_cmpint (f->pcn, ==, 1);
  pw_store_set_busy_timeout (f->store, 20);
  handler = g_signal_connect (queue, "saved", G_CALLBACK (note_saved), order);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (submit_text (queue, "pcn/1/name", save_name, "Hilltop PCN"), ==, PW_SAVE_PENDING);
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_cmpint (submit_text (queue, "pcn/1/manager", save_manager, "Asha Patel"), ==, PW_SAVE_PENDING);
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 2);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE manager = 'Asha Patel'"), ==, 0);
  while (pw_save_queue_get_n_pending (queue) > 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (queue, handler);
  g_assert_cmpstr (order->str, ==, "pcn/1/name;pcn/1/manager;");
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE name = 'Hilltop PCN' AND manager = 'Asha Patel'"),
                   ==, 1);
}

/* A queue whose store goes away with a save waiting leaves no retry behind
 * on the main loop (it would save through a queue that is gone). */
static void
test_queue_gone_leaves_no_retry (Fixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  sqlite3 *other = NULL;

  pw_store_set_busy_timeout (f->store, 20);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (submit_text (queue, "pcn/1/name", save_name, "Hilltop PCN"), ==, PW_SAVE_PENDING);
  g_assert_nonnull (g_main_context_find_source_by_user_data (NULL, queue));
  g_clear_object (&f->store);
  g_assert_null (g_main_context_find_source_by_user_data (NULL, queue));
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
}

static void
note_progress (double   fraction,
               gpointer data)
{
  g_array_append_val ((GArray *) data, fraction);
}

/* A bulk import tells its progress once per whole percent, in order, from
 * 0 to 100, however many rows it writes (here 495: five domains of 99
 * years), so a window's progress bar is not flooded. */
static void
test_import_progress_by_percent (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (PwMaturityValue));
  g_autoptr(GArray) heard = g_array_new (FALSE, FALSE, sizeof (double));
  PwBulkResult result = { 0 };

  for (int year = PW_YEAR_MIN; year <= PW_YEAR_MAX; year++)
    for (guint domain = 0; domain < PW_N_DOMAINS; domain++)
      {
        PwMaturityValue v = { f->pcn, year, domain, 2, NULL, NULL };
        g_array_append_val (values, v);
      }
  g_assert_cmpuint (values->len, ==, 495);
  g_assert_true (pw_store_import_maturity (f->store, "levels.csv", (PwMaturityValue *) values->data, values->len,
                                           note_progress, heard, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.values_changed, ==, 495);
  g_assert_cmpuint (heard->len, ==, 101);
  for (guint i = 0; i < heard->len; i++)
    g_assert_cmpint ((int) (g_array_index (heard, double, i) * 100 + 1e-9), ==, (int) i);
}

/* Runs the main loop until @heard heard something, for 10 s at most. */
static void
wait_heard (PwTestHeard *heard)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (heard->count == 0 && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (heard->count, ==, 1);
}

/* Another desktop's store hears a transaction that changed one row as that
 * table and row, and one that changed rows of two tables as "everything"
 * (no table, id 0), so it reads everything again. */
static void
test_others_hear_one_or_many (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = pw_store_open (f->path, &error);
  PwTestHeard heard = { 0 };
  gint64 south = 0;

  g_assert_no_error (error);
  g_signal_connect (other, "changed", G_CALLBACK (pw_test_heard_cb), &heard);
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_NAME, "Brook PCN", &error));
  g_assert_no_error (error);
  wait_heard (&heard);
  g_assert_cmpstr (heard.table, ==, "pcn");
  g_assert_cmpint (heard.id, ==, f->pcn);
  pw_test_heard_clear (&heard);

  g_assert_true (pw_store_begin (f->store, &error));
  g_assert_true (pw_store_add_locality (f->store, "South", &south, &error));
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_CLINICAL_DIRECTOR, "Dr A Example", &error));
  g_assert_true (pw_store_commit (f->store, &error));
  g_assert_no_error (error);
  wait_heard (&heard);
  g_assert_null (heard.table);
  g_assert_cmpint (heard.id, ==, 0);
  pw_test_heard_clear (&heard);
}

/* A server's refusal in the classes of a lost connection (08) or of the
 * operator stopping the server (57P) is taken as the server gone: the
 * edit is not saved and the message says the workbook cannot be reached
 * (the save queue keeps such an edit to try again). */
static void
test_server_gone_kinds (Fixture *f, gconstpointer data)
{
  static const char *const states[] = { "08006", "57P01" };

  /* The trigger raises the SQLSTATE written as the clinical director. */
  pw_test_exec (f->path, "CREATE FUNCTION test_gone () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                         " RAISE EXCEPTION USING ERRCODE = NEW.clinical_director, MESSAGE = 'Gone in the test';"
                         " END $$;"
                         "CREATE TRIGGER test_gone BEFORE UPDATE OF clinical_director ON pcn"
                         " FOR EACH ROW EXECUTE FUNCTION test_gone ();");
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_CLINICAL_DIRECTOR, states[i], &error));
      g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_OFFLINE);
      g_assert_nonnull (strstr (error->message, "cannot be reached: "));
      g_assert_nonnull (strstr (error->message, "Gone in the test"));
      g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE clinical_director = ''"), ==, 1);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define ADD(name, year, fn) \
  g_test_add ("/mutants-s21/" name, Fixture, year, pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  ADD ("profile-repeats-trimmed", NULL, test_profile_repeats_trimmed);
  g_test_add_func ("/mutants-s21/stage-names", test_stage_names);
  ADD ("year-range-edges", NULL, test_year_range_edges);
  ADD ("profile-rows-checked", NULL, test_profile_rows_checked);
  ADD ("member-put-gives-its-id", NULL, test_member_put_gives_its_id);
  ADD ("list-value-edges", GINT_TO_POINTER (2025), test_list_value_edges);
  ADD ("sound-workbook-checks-clean", GINT_TO_POINTER (2025), test_sound_workbook_checks_clean);
  ADD ("pcn-numbers-kept-as-shown", NULL, test_pcn_numbers_kept_as_shown);
  ADD ("import-progress-by-percent", NULL, test_import_progress_by_percent);
  if (!pw_test_on_pg ())
    {
      ADD ("prune-counts-only-daily-copies", NULL, test_prune_counts_only_daily_copies);
      ADD ("edit-waits-behind-queue", NULL, test_edit_waits_behind_queue);
      ADD ("queue-gone-leaves-no-retry", NULL, test_queue_gone_leaves_no_retry);
    }
  else
    {
      ADD ("others-hear-one-or-many", NULL, test_others_hear_one_or_many);
      ADD ("server-gone-kinds", NULL, test_server_gone_kinds);
    }
  return g_test_run ();
}

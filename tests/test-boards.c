/* Locality boards in the store, against real SQLite files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-store-boards.h"
#include "pw-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  PwStore *store;
  gint64 north, south;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pw_test_tmpdir ();
  f->path = pw_test_workbook (f->dir);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_locality (f->store, "North", &f->north, &error));
  g_assert_true (pw_store_add_locality (f->store, "South", &f->south, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
log_count (Fixture *f)
{
  return pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE locality_id IS NOT NULL");
}

static gint64
put_member (Fixture    *f,
            gint64      locality,
            const char *name,
            const char *organisation,
            int         sector,
            int         role,
            const char *left)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBoardMember) m = g_object_new (PW_TYPE_BOARD_MEMBER, "locality-id", locality, "name", name,
                                             "organisation", organisation, "sector", (gint64) sector,
                                             "role", (gint64) role, "left", left, NULL);
  gint64 id = 0;

  g_assert_true (pw_store_put_member (f->store, m, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
put_action (Fixture    *f,
            const char *ref,
            const char *due,
            int         status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBoardAction) a = g_object_new (PW_TYPE_BOARD_ACTION, "locality-id", f->north, "ref", ref,
                                             "text", "Agree the frailty pathway", "owner", "Ó Briain",
                                             "due", due, "status", (gint64) status, NULL);
  gint64 id = 0;

  g_assert_true (pw_store_put_action (f->store, a, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
put_risk (Fixture *f,
          const char *ref,
          int likelihood,
          int impact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBoardRisk) r = g_object_new (PW_TYPE_BOARD_RISK, "locality-id", f->north, "ref", ref,
                                           "description", "Workforce gaps", "likelihood", (gint64) likelihood,
                                           "impact", (gint64) impact, "owner", "O'Neill", NULL);

  g_assert_true (pw_store_put_risk (f->store, r, NULL, &error));
  g_assert_no_error (error);
}

/* The board's own texts and its stage history; every change is logged. */
static void
test_board_and_stages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBoard) board = NULL;
  g_autoptr(GListModel) steps = NULL;
  g_autoptr(PwBoardStep) last = NULL;

  g_assert_true (pw_store_set_board_text (f->store, f->north, PW_BOARD_NAME, "North Locality Partnership", &error));
  g_assert_true (pw_store_set_board_text (f->store, f->north, PW_BOARD_TOR_APPROVED, "2025-04-01", &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_set_board_text (f->store, f->north, PW_BOARD_TOR_REVIEW, "31/13/2026", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pw_store_set_board_stage (f->store, f->north, PW_STAGE_EMERGING, "2024-06-01", "Formed", &error));
  g_assert_true (pw_store_set_board_stage (f->store, f->north, PW_STAGE_DEVELOPING, "2025-09-01", "ToR agreed", &error));
  g_assert_no_error (error);

  board = pw_store_get_board (f->store, f->north, "2026-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (board), PW_BOARD_NAME), ==, "North Locality Partnership");
  g_assert_cmpstr (pw_row_get_string (PW_ROW (board), PW_BOARD_TOR_APPROVED), ==, "2025-04-01");
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_STAGE), ==, PW_STAGE_DEVELOPING);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (board), PW_BOARD_STAGE_DATE), ==, "2025-09-01");
  steps = pw_store_list_board_stages (f->store, f->north, &error);
  g_assert_cmpint (g_list_model_get_n_items (steps), ==, 2);
  last = g_list_model_get_item (steps, 1);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (last), PW_BOARD_STEP_WHY), ==, "Formed");
  g_assert_cmpint (log_count (f), ==, 4);

  /* the same text again is no change, and is not logged */
  g_assert_true (pw_store_set_board_text (f->store, f->north, PW_BOARD_NAME, "North Locality Partnership", &error));
  g_assert_cmpint (log_count (f), ==, 4);
  /* a board that holds nothing reads as an empty one, stage not recorded */
  g_clear_object (&board);
  board = pw_store_get_board (f->store, f->south, "2026-01-01", &error);
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_STAGE), ==, -1);
}

/* Members: a re-put updates; leaving keeps the member; the chair and the
 * count are of current members. */
static void
test_members (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) current = NULL, all = NULL;
  g_autoptr(PwBoard) board = NULL;
  gint64 chair, again;

  chair = put_member (f, f->north, "Siobhán Ó Briain", "North PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_CHAIR, "");
  put_member (f, f->north, "Pat O'Neill", "Somerset Council", PW_SECTOR_LOCAL_AUTHORITY, PW_BOARD_ROLE_MEMBER, "");
  put_member (f, f->north, "=HYPERLINK(\"x\")", "Age UK", PW_SECTOR_VOLUNTARY, PW_BOARD_ROLE_ATTENDEE, "2025-01-31");
  again = put_member (f, f->north, "Siobhán Ó Briain", "North PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_CHAIR, "");
  g_assert_cmpint (again, ==, chair);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_member"), ==, 3);

  current = pw_store_list_members (f->store, f->north, "2026-01-01", &error);
  all = pw_store_list_members (f->store, f->north, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_list_model_get_n_items (current), ==, 2);
  g_assert_cmpint (g_list_model_get_n_items (all), ==, 3);
  board = pw_store_get_board (f->store, f->north, "2026-01-01", &error);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (board), PW_BOARD_CHAIR), ==, "Siobhán Ó Briain");
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_MEMBERS), ==, 2);

  g_assert_true (pw_store_set_member_left (f->store, chair, "2025-12-31", &error));
  g_assert_no_error (error);
  g_clear_object (&board);
  board = pw_store_get_board (f->store, f->north, "2026-01-01", &error);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (board), PW_BOARD_CHAIR), ==, "");
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_member"), ==, 3);
  g_assert_cmpint (log_count (f), ==, 4);
}

/* Meetings hold attendance and decisions; only the board's members attend. */
static void
test_meetings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) meetings = NULL, attendees = NULL, decisions = NULL;
  g_autoptr(PwBoardMeeting) meeting = NULL;
  gint64 m1 = 0, m2 = 0, pat, other;

  pat = put_member (f, f->north, "Pat O'Neill", "Somerset Council", PW_SECTOR_LOCAL_AUTHORITY, PW_BOARD_ROLE_MEMBER, "");
  other = put_member (f, f->south, "Sam Lee", "South PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_CHAIR, "");
  g_assert_true (pw_store_add_meeting (f->store, f->north, "2025-10-01", TRUE, "First", &m1, &error));
  g_assert_true (pw_store_add_meeting (f->store, f->north, "2026-01-07", FALSE, "", &m2, &error));
  g_assert_true (pw_store_set_attendance (f->store, m1, pat, TRUE, &error));
  g_assert_true (pw_store_add_decision (f->store, m1, "D1", "Adopt the terms of reference", &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_set_attendance (f->store, m1, other, TRUE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_store_add_meeting (f->store, f->north, "", TRUE, "", NULL, &error));
  g_clear_error (&error);

  meetings = pw_store_list_meetings (f->store, f->north, &error);
  g_assert_cmpint (g_list_model_get_n_items (meetings), ==, 2);
  meeting = g_list_model_get_item (meetings, 1);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (meeting), PW_BOARD_MEETING_DATE), ==, "2025-10-01");
  g_assert_cmpint (pw_row_get_int (PW_ROW (meeting), PW_BOARD_MEETING_QUORATE), ==, 1);
  g_assert_cmpint (pw_row_get_int (PW_ROW (meeting), PW_BOARD_MEETING_ATTENDED), ==, 1);
  attendees = pw_store_list_attendees (f->store, m1, &error);
  g_assert_cmpint (g_list_model_get_n_items (attendees), ==, 1);
  decisions = pw_store_list_decisions (f->store, m1, &error);
  g_assert_cmpint (g_list_model_get_n_items (decisions), ==, 1);
}

/* Actions: unique ref per locality (a re-put updates), sorted by due,
 * overdue reckoned at a given day, done dated, undone undated. */
static void
test_actions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autoptr(PwBoardAction) first = NULL, done = NULL;
  g_autoptr(PwBoard) board = NULL;
  gint64 a, b;

  a = put_action (f, "NOR-014", "2026-03-31", PW_ACTION_OPEN);
  put_action (f, "NOR-002", "2025-11-30", PW_ACTION_IN_PROGRESS);
  put_action (f, "NOR-003", "2025-10-31", PW_ACTION_DONE);
  b = put_action (f, "nor-014", "2025-12-15", PW_ACTION_OPEN);
  g_assert_cmpint (a, ==, b);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_action"), ==, 3);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_action WHERE ref = 'NOR-003' AND done_on IS NOT NULL"), ==, 1);

  actions = pw_store_list_actions (f->store, f->north, &error);
  g_assert_cmpint (g_list_model_get_n_items (actions), ==, 3);
  first = g_list_model_get_item (actions, 0);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (first), PW_BOARD_ACTION_REF), ==, "NOR-003");
  g_assert_false (pw_board_action_is_overdue (first, "2026-01-01"));   /* done */

  board = pw_store_get_board (f->store, f->north, "2026-01-01", &error);
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_OPEN_ACTIONS), ==, 2);
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_OVERDUE_ACTIONS), ==, 2);
  g_clear_object (&board);
  board = pw_store_get_board (f->store, f->north, "2025-12-01", &error);
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_OVERDUE_ACTIONS), ==, 1);

  g_assert_true (pw_store_set_action_status (f->store, a, PW_ACTION_DONE, "2026-01-02", &error));
  g_assert_no_error (error);
  g_clear_object (&board);
  board = pw_store_get_board (f->store, f->north, "2026-01-03", &error);
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_OPEN_ACTIONS), ==, 1);
  /* undo: back to open, the date done cleared */
  g_assert_true (pw_store_set_action_status (f->store, a, PW_ACTION_OPEN, "", &error));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_action WHERE ref = 'NOR-014' AND done_on IS NULL"), ==, 1);
  g_assert_cmpint (log_count (f), ==, 6);
}

/* Risks: likelihood and impact 1–5 (the schema refuses others), score,
 * high at 12; the register by score. */
static void
test_risks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) risks = NULL;
  g_autoptr(PwBoardRisk) top = NULL, bad = NULL;
  g_autoptr(PwBoard) board = NULL;

  put_risk (f, "R1", 2, 5);
  put_risk (f, "R2", 3, 4);
  put_risk (f, "R3", 4, 4);
  put_risk (f, "R1", 2, 3);
  bad = g_object_new (PW_TYPE_BOARD_RISK, "locality-id", f->north, "ref", "R9", NULL);
  g_object_set (bad, "likelihood", (gint64) 5, NULL);
  g_assert_true (pw_store_put_risk (f->store, bad, NULL, &error));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_risk"), ==, 4);

  risks = pw_store_list_risks (f->store, f->north, &error);
  top = g_list_model_get_item (risks, 0);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (top), PW_BOARD_RISK_REF), ==, "R3");
  g_assert_cmpint (pw_row_get_int (PW_ROW (top), PW_BOARD_RISK_SCORE), ==, 16);
  board = pw_store_get_board (f->store, f->north, "2026-01-01", &error);
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_HIGH_RISKS), ==, 2);
}

/* Priorities are kept per year, with a RAG status or none. */
static void
test_priorities (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) y2025 = NULL, y2026 = NULL;
  g_autoptr(PwBoardPriority) first = NULL;
  int rag = -1;

  g_assert_true (pw_store_add_priority (f->store, f->north, 2025, "Frailty", "Joint frailty register", PW_RAG_AMBER, &error));
  g_assert_true (pw_store_add_priority (f->store, f->north, 2025, "Access", "Same-day hubs", -1, &error));
  g_assert_true (pw_store_add_priority (f->store, f->north, 2026, "Access", "Extended hours", PW_RAG_GREEN, &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_add_priority (f->store, f->north, 2025, "x", "y", 3, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  y2025 = pw_store_list_priorities (f->store, f->north, 2025, NULL);
  y2026 = pw_store_list_priorities (f->store, f->north, 2026, NULL);
  g_assert_cmpint (g_list_model_get_n_items (y2025), ==, 2);
  g_assert_cmpint (g_list_model_get_n_items (y2026), ==, 1);
  first = g_list_model_get_item (y2025, 0);
  g_assert_cmpint (pw_row_get_int (PW_ROW (first), PW_BOARD_PRIORITY_RAG), ==, PW_RAG_AMBER);
  g_assert_cmpint (log_count (f), ==, 3);
  g_assert_true (pw_rag_parse ("amber", &rag, NULL));
  g_assert_cmpint (rag, ==, PW_RAG_AMBER);
}

/* What the Locality page corrects in place: a member renamed stays the
 * same member (a duplicate of another is refused), a meeting's date,
 * quorum and notes, a priority's text and RAG.  Each correction is logged
 * once; the same values again write nothing; bad values are refused with
 * nothing written. */
static void
test_corrections (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = NULL, meetings = NULL, priorities = NULL;
  g_autoptr(PwBoardMember) renamed = NULL;
  g_autoptr(PwBoardMeeting) meeting = NULL;
  g_autoptr(PwBoardPriority) priority = NULL;
  gint64 pat, sam, m1 = 0, logged;

  pat = put_member (f, f->north, "Pat O'Neill", "Somerset Council", PW_SECTOR_LOCAL_AUTHORITY, PW_BOARD_ROLE_MEMBER, "");
  sam = put_member (f, f->north, "Sam Lee", "North PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_CHAIR, "");
  g_assert_true (pw_store_add_meeting (f->store, f->north, "2025-10-01", TRUE, "First", &m1, &error));
  g_assert_true (pw_store_set_attendance (f->store, m1, pat, TRUE, &error));
  g_assert_true (pw_store_add_priority (f->store, f->north, 2025, "Frailty", "Joint register", PW_RAG_AMBER, &error));
  g_assert_no_error (error);
  logged = log_count (f);

  renamed = g_object_new (PW_TYPE_BOARD_MEMBER, "locality-id", f->north, "name", "Patricia O'Neill",
                          "organisation", "Somerset Council", "sector", (gint64) PW_SECTOR_LOCAL_AUTHORITY,
                          "role", (gint64) PW_BOARD_ROLE_VICE_CHAIR, NULL);
  g_assert_true (pw_store_update_member (f->store, pat, renamed, &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_update_member (f->store, pat, renamed, &error));
  g_assert_cmpint (log_count (f), ==, logged + 1);
  members = pw_store_list_attendees (f->store, m1, &error);
  g_assert_cmpint (g_list_model_get_n_items (members), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_member WHERE name = 'Patricia O''Neill'"
                                              " AND role = 1"), ==, 1);
  g_object_set (renamed, "name", "Sam Lee", "organisation", "North PCN", NULL);
  g_assert_false (pw_store_update_member (f->store, pat, renamed, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_member WHERE name = 'Sam Lee'"), ==, 1);
  g_assert_cmpint (sam, !=, pat);

  g_assert_true (pw_store_set_meeting (f->store, m1, "2025-10-08", FALSE, "Moved a week", &error));
  g_assert_true (pw_store_set_meeting (f->store, m1, "2025-10-08", FALSE, "Moved a week", &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_set_meeting (f->store, m1, "2025-02-30", TRUE, "", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  meetings = pw_store_list_meetings (f->store, f->north, &error);
  meeting = g_list_model_get_item (meetings, 0);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (meeting), PW_BOARD_MEETING_DATE), ==, "2025-10-08");
  g_assert_cmpint (pw_row_get_int (PW_ROW (meeting), PW_BOARD_MEETING_QUORATE), ==, 0);
  g_assert_cmpint (log_count (f), ==, logged + 2);

  priorities = pw_store_list_priorities (f->store, f->north, 2025, &error);
  priority = g_list_model_get_item (priorities, 0);
  g_assert_true (pw_store_set_priority (f->store, pw_row_get_int (PW_ROW (priority), PW_BOARD_PRIORITY_ID),
                                        "Frailty", "Joint register, shared with the trust", PW_RAG_GREEN, &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_set_priority (f->store, pw_row_get_int (PW_ROW (priority), PW_BOARD_PRIORITY_ID),
                                         "Frailty", "x", 3, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT rag FROM board_priority"), ==, PW_RAG_GREEN);
  g_assert_cmpint (log_count (f), ==, logged + 3);
}

/* A locality with a board is not deleted (its board would go beyond undo);
 * the board survives a failed write whole. */
static void
test_locality_kept (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStoreUndo *undo = NULL;

  put_member (f, f->north, "Pat O'Neill", "Somerset Council", PW_SECTOR_LOCAL_AUTHORITY, PW_BOARD_ROLE_MEMBER, "");
  g_assert_false (pw_store_delete_locality (f->store, f->north, &undo, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_store_merge_locality (f->store, f->north, f->south, &undo, &error));
  g_clear_error (&error);
  g_assert_true (pw_store_delete_locality (f->store, f->south, &undo, &error));
  pw_store_undo_free (undo);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_member"), ==, 1);
  g_assert_false (pw_store_add_meeting (f->store, 999, "2026-01-01", TRUE, "", NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

/* An older workbook gains the board tables when it is upgraded, its
 * change log kept. */
static void
test_migrate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("TESTS_SRCDIR"), "data", "workbook-v4-demo.db", NULL);
  g_autoptr(GBytes) old = pw_test_read (fixture);
  g_autoptr(PwStore) store = NULL;
  gint64 logged;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (old, NULL), g_bytes_get_size (old), &error));
  logged = pw_test_sql_int (path, "SELECT count(*) FROM change_log");
  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('board', 'board_member',"
                                          " 'board_meeting', 'board_action', 'board_risk', 'board_priority')"), ==, 6);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM change_log WHERE locality_id IS NULL"), ==, logged);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* Names of sectors, roles and statuses: read without regard to case, "_"
 * or "-"; a wrong one lists the accepted forms. */
static void
test_names (void)
{
  g_autoptr(GError) error = NULL;
  int v = -1;

  g_assert_true (pw_sector_parse ("Mental_Health", &v, &error));
  g_assert_cmpint (v, ==, PW_SECTOR_MENTAL_HEALTH);
  g_assert_true (pw_sector_parse ("icb", &v, &error));
  g_assert_cmpint (v, ==, PW_SECTOR_ICB);
  g_assert_true (pw_board_role_parse ("Vice-chair", &v, &error));
  g_assert_cmpint (v, ==, PW_BOARD_ROLE_VICE_CHAIR);
  g_assert_true (pw_action_status_parse ("in progress", &v, &error));
  g_assert_cmpint (v, ==, PW_ACTION_IN_PROGRESS);
  g_assert_false (pw_sector_parse ("Hospital", &v, &error));
  g_assert_nonnull (strstr (error->message, "primary care, community services, acute trust"));
}

/* An entry added by mistake (a stage, a decision, a priority) is removed,
 * logged, and put back as it was (same id, so the same place in its list;
 * a priority not rated stays not rated); putting it back twice writes
 * nothing, and a new entry after it gets a fresh id (PostgreSQL's
 * identity is not disturbed by the id put back). */
static void
test_removals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) steps = NULL, decisions = NULL, priorities = NULL, again = NULL;
  g_autoptr(PwBoardStep) latest = NULL;
  g_autoptr(PwBoardDecision) first = NULL;
  g_autoptr(PwBoardPriority) unrated = NULL;
  g_autoptr(PwBoard) board = NULL;
  gint64 meeting = 0, logged;

  g_assert_true (pw_store_set_board_stage (f->store, f->north, 0, "2025-04-01", "Formed", &error));
  g_assert_true (pw_store_set_board_stage (f->store, f->north, 2, "2026-01-01", "Typed by mistake", &error));
  g_assert_true (pw_store_add_meeting (f->store, f->north, "2025-10-01", TRUE, "", &meeting, &error));
  g_assert_true (pw_store_add_decision (f->store, meeting, "D1", "Adopt the terms of reference", &error));
  g_assert_true (pw_store_add_decision (f->store, meeting, "D2", "Elect O'Neill chair", &error));
  g_assert_true (pw_store_add_priority (f->store, f->north, 2025, "Access", "Same-day hubs", -1, &error));
  g_assert_true (pw_store_add_priority (f->store, f->north, 2025, "Frailty", "Joint register", PW_RAG_RED, &error));
  g_assert_no_error (error);
  logged = log_count (f);

  steps = pw_store_list_board_stages (f->store, f->north, &error);
  latest = g_list_model_get_item (steps, 0);
  decisions = pw_store_list_decisions (f->store, meeting, &error);
  first = g_list_model_get_item (decisions, 0);
  priorities = pw_store_list_priorities (f->store, f->north, 2025, &error);
  unrated = g_list_model_get_item (priorities, 0);

  g_assert_true (pw_store_remove_board_stage (f->store, latest, &error));
  g_assert_true (pw_store_remove_decision (f->store, first, &error));
  g_assert_true (pw_store_remove_priority (f->store, unrated, &error));
  g_assert_no_error (error);
  g_assert_cmpint (log_count (f), ==, logged + 3);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM change_log WHERE what = 'Board decision'"
                                             " AND old_value = 'Adopt the terms of reference' AND new_value = ''"), ==, 1);
  board = pw_store_get_board (f->store, f->north, "", &error);
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_STAGE), ==, 0);
  g_clear_object (&board);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_stage"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_decision"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_priority"), ==, 1);

  g_assert_true (pw_store_restore_board_stage (f->store, latest, &error));
  g_assert_true (pw_store_restore_decision (f->store, first, &error));
  g_assert_true (pw_store_restore_priority (f->store, unrated, &error));
  g_assert_no_error (error);
  g_assert_cmpint (log_count (f), ==, logged + 6);
  board = pw_store_get_board (f->store, f->north, "", &error);
  g_assert_cmpint (pw_row_get_int (PW_ROW (board), PW_BOARD_STAGE), ==, 2);
  g_clear_object (&steps);
  steps = pw_store_list_board_stages (f->store, f->north, &error);
  g_assert_cmpint (g_list_model_get_n_items (steps), ==, 2);
  g_clear_object (&latest);
  latest = g_list_model_get_item (steps, 0);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (latest), PW_BOARD_STEP_WHY), ==, "Typed by mistake");
  g_assert_cmpstr (pw_row_get_string (PW_ROW (latest), PW_BOARD_STEP_DATE), ==, "2026-01-01");
  g_clear_object (&decisions);
  decisions = pw_store_list_decisions (f->store, meeting, &error);
  g_clear_object (&first);
  first = g_list_model_get_item (decisions, 0);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (first), PW_BOARD_DECISION_REF), ==, "D1");
  g_assert_cmpstr (pw_row_get_string (PW_ROW (first), PW_BOARD_DECISION_TEXT), ==, "Adopt the terms of reference");
  again = pw_store_list_priorities (f->store, f->north, 2025, &error);
  g_assert_cmpint (g_list_model_get_n_items (again), ==, 2);
  g_clear_object (&unrated);
  unrated = g_list_model_get_item (again, 0);
  g_assert_cmpstr (pw_row_get_string (PW_ROW (unrated), PW_BOARD_PRIORITY_TEXT), ==, "Same-day hubs");
  g_assert_cmpint (pw_row_get_int (PW_ROW (unrated), PW_BOARD_PRIORITY_RAG), ==, -1);

  /* Undo pressed twice: nothing written, nothing logged. */
  g_assert_true (pw_store_restore_priority (f->store, unrated, &error));
  g_assert_no_error (error);
  g_assert_cmpint (log_count (f), ==, logged + 6);
  g_assert_true (pw_store_add_priority (f->store, f->north, 2025, "Workforce", "ARRS recruitment", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board_priority"), ==, 3);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/boards/board-and-stages", test_board_and_stages);
  ADD ("/boards/members", test_members);
  ADD ("/boards/meetings", test_meetings);
  ADD ("/boards/actions", test_actions);
  ADD ("/boards/risks", test_risks);
  ADD ("/boards/priorities", test_priorities);
  ADD ("/boards/corrections", test_corrections);
  ADD ("/boards/locality-kept", test_locality_kept);
  ADD ("/boards/removals", test_removals);
  g_test_add_func ("/boards/names", test_names);
  g_test_add_func ("/boards/migrate", test_migrate);
  return g_test_run ();
}

/* Edges of the parsers, the reader and the imports that mutate.py found
 * untested (seeds 2621 to 2624): each case checks the product's own
 * answer at every boundary of a limit, so a family of mutants dies.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "pw-board.h"
#include "pw-csv.h"
#include "pw-demo.h"
#include "pw-store-boards.h"
#include "pw-arrs-role.h"
#include "pw-arrs-wte.h"
#include "pw-export.h"
#include "pw-import.h"
#include "pw-import-forms.h"
#include "pw-return-form.h"
#include "pw-parse.h"
#include "pw-pcn.h"
#include "pw-util.h"
#include "pw-workforce.h"
#include "pw-store.h"
#define PW_TEST_WITH_STORE
#include "pw-test-util.h"

typedef PwReturnFixture Fixture;

/* A rate per patient: @text is read as @want hundredths of a penny, or
 * (want < 0) refused with the message that names it. */
static void
check_rate (const char *text,
            gint64      want)
{
  g_autoptr(GError) error = NULL;
  gint64 rate = -7;
  gboolean ok = pw_parse_rate (text, &rate, &error);

  if (want >= 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (rate, ==, want);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is not a rate per patient"));
  g_assert_cmpint (rate, ==, -7);
}

/* Up to four digits of pounds and four decimal places, each edge. */
static void
test_rate_edges (void)
{
  check_rate ("9999.9999", 99999999);
  check_rate ("1234.5678", 12345678);
  check_rate ("1234", 12340000);
  check_rate ("12345", -1);
  check_rate ("12345.1", -1);
  check_rate ("0.1234", 1234);
  check_rate ("0.12345", -1);
  check_rate ("1.5", 15000);
  check_rate ("1.05", 10500);
  check_rate ("1.005", 10050);
  check_rate ("1.0005", 10005);
  check_rate ("£ 1", -1);
  check_rate ("  £2.5  ", 25000);
  check_rate ("1.", -1);
  check_rate (".5", 5000);
  check_rate ("£", -1);
  check_rate ("0", 0);
  check_rate ("7", 70000);
  check_rate ("1.2a", -1);
  check_rate ("1a.2", -1);
  check_rate ("a", -1);
  check_rate ("1.2.3", -1);
}

static void
note_progress (double   fraction,
               gpointer data)
{
  g_array_append_val ((GArray *) data, fraction);
}

/* The CSV reader tells its progress after each mebibyte parsed, at the
 * end of the line that reaches it: lines of 16 bytes end exactly on each
 * mebibyte, so the reports fall there, and nowhere else. */
static void
test_csv_progress_each_mebibyte (void)
{
  const gsize mib = 1024 * 1024, len = 3 * mib + 3 * 16;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) data = g_string_sized_new (len);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  while (data->len < len)
    g_string_append (data, "abcdefghijklmno\n");
  records = pw_csv_read_data ("rows.csv", data->str, data->len, note_progress, seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, len / 16);
  g_assert_cmpuint (seen->len, ==, 3);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpint ((gint64) (g_array_index (seen, double, i) * len + 0.5), ==, (gint64) ((i + 1) * mib));
}

/* A funding stream: @text names @want, or (want < 0) is refused with the
 * message listing the keys. */
static void
check_stream (const char *text,
              int         want)
{
  g_autoptr(GError) error = NULL;
  PwFundingStream stream = 99;
  gboolean ok = pw_stream_parse (text, &stream, &error);

  if (want >= 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (stream, ==, want);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is not a funding stream: use arrs, cd, leadership, development, core or capacity"));
  g_assert_cmpint (stream, ==, 99);
}

/* Every stream by its key, its name and each other word papers use (the
 * first and the last of each list), in any case and with spaces round;
 * what only resembles one is refused. */
static void
test_stream_names (void)
{
  check_stream ("arrs", PW_STREAM_ARRS);
  check_stream ("ARRS budget", PW_STREAM_ARRS);
  check_stream ("Additional Roles", PW_STREAM_ARRS);
  check_stream ("cd", PW_STREAM_CLINICAL_DIRECTOR);
  check_stream ("  Clinical director funding ", PW_STREAM_CLINICAL_DIRECTOR);
  check_stream ("clinical director", PW_STREAM_CLINICAL_DIRECTOR);
  check_stream ("Leadership", PW_STREAM_LEADERSHIP);
  check_stream ("management", PW_STREAM_LEADERSHIP);
  check_stream ("PCN leadership and management", PW_STREAM_LEADERSHIP);
  check_stream ("OD", PW_STREAM_DEVELOPMENT);
  check_stream ("organisational development", PW_STREAM_DEVELOPMENT);
  check_stream ("PCN development (OD) funding", PW_STREAM_DEVELOPMENT);
  check_stream ("core", PW_STREAM_CORE);
  check_stream ("Core funding", PW_STREAM_CORE);
  check_stream ("Capacity and Access Payment", PW_STREAM_CAPACITY);
  check_stream ("cap", PW_STREAM_CAPACITY);
  check_stream ("capacity and access support", PW_STREAM_CAPACITY);
  check_stream ("", -1);
  check_stream ("ar", -1);
  check_stream ("arrs budgets", -1);
  check_stream ("capacity and", -1);
  check_stream (NULL, -1);

  g_assert_cmpstr (pw_stream_key (PW_STREAM_CAPACITY), ==, "capacity");
  g_assert_cmpstr (pw_stream_name (PW_STREAM_CAPACITY), ==, "Capacity and Access Payment");
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*assertion 'stream < PW_N_STREAMS'*");
  g_assert_null (pw_stream_key (PW_N_STREAMS));
  g_test_assert_expected_messages ();
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*assertion 'stream < PW_N_STREAMS'*");
  g_assert_null (pw_stream_name (PW_N_STREAMS));
  g_test_assert_expected_messages ();
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GString    *names)
{
  g_string_append_printf (names, "%s ", pspec->name);
}

/* A new PCN row holds each property's default; pw_object_sync copies what
 * differs (a smaller number, a larger one, a text, the first property and
 * the last) and tells of exactly those, once; a second sync and a set to
 * the same value tell of nothing. */
static void
test_row_defaults_and_sync (void)
{
  g_autoptr(PwPcn) row = g_object_new (PW_TYPE_PCN, NULL);
  g_autoptr(PwPcn) fresh = g_object_new (PW_TYPE_PCN, "id", (gint64) 7, "cd-wte", (gint64) 50,
                                         "manager-wte", (gint64) 150, "population", (gint64) 30000,
                                         "code", "U12345", "notes", "Notes", NULL);
  g_autoptr(GString) told = g_string_new (NULL);

  g_assert_cmpint (pw_pcn_get_id (row), ==, 0);
  g_assert_cmpint (pw_pcn_get_number (row, PW_PCN_CD_WTE), ==, -1);
  g_assert_cmpint (pw_pcn_get_number (row, PW_PCN_MANAGER_WTE), ==, -1);
  g_assert_cmpint (pw_pcn_get_number (row, PW_PCN_ARCHIVED_FROM), ==, 0);
  g_assert_cmpstr (pw_pcn_get_text (row, PW_PCN_CODE), ==, "");
  g_assert_cmpstr (pw_pcn_get_text (row, PW_PCN_NOTES), ==, "");

  g_object_set (row, "manager-wte", (gint64) 200, "population", (gint64) 30000, NULL);
  g_signal_connect (row, "notify", G_CALLBACK (count_notify), told);
  g_object_set (row, "population", (gint64) 30000, "code", "", NULL);
  g_assert_cmpstr (told->str, ==, "");
  pw_object_sync (G_OBJECT (row), G_OBJECT (fresh));
  g_assert_cmpstr (told->str, ==, "id cd-wte manager-wte code notes ");
  g_assert_cmpint (pw_pcn_get_id (row), ==, 7);
  g_assert_cmpint (pw_pcn_get_number (row, PW_PCN_CD_WTE), ==, 50);
  g_assert_cmpint (pw_pcn_get_number (row, PW_PCN_MANAGER_WTE), ==, 150);
  g_assert_cmpint (pw_pcn_get_number (row, PW_PCN_POPULATION), ==, 30000);
  g_assert_cmpstr (pw_pcn_get_text (row, PW_PCN_CODE), ==, "U12345");
  g_assert_cmpstr (pw_pcn_get_text (row, PW_PCN_NOTES), ==, "Notes");
  g_string_truncate (told, 0);
  pw_object_sync (G_OBJECT (row), G_OBJECT (fresh));
  g_assert_cmpstr (told->str, ==, "");
}

/* One text a query of the workbook at @path gives, read by another
 * connection. */
static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* Each demo board as stored, dates as days from today: members' roles,
 * stages, meetings (when, quorate, how many attended, which member by
 * order was away, the decision), actions (ref:status:due:done:raised),
 * risks (ref:likelihood impact:target:review) and its terms of reference. */
#define TODAY "julianday('now', 'localtime', 'start of day')"
static const char demo_boards_sql[] =
  "SELECT group_concat(line, '|') FROM (SELECT l.name || ' m' || "
  " (SELECT group_concat(x, ',') FROM (SELECT m.role || coalesce(m.joined, '') AS x FROM board_member m WHERE m.locality_id = l.id ORDER BY m.id)) "
  " || ' s' || coalesce((SELECT group_concat(x, ',') FROM (SELECT s.stage || '@' || CAST(julianday(s.on_date) - " TODAY " AS INTEGER) || substr(s.why, 1, 5) AS x FROM board_stage s WHERE s.locality_id = l.id ORDER BY s.id)), '') "
  " || ' g' || coalesce((SELECT group_concat(x, ',') FROM (SELECT CAST(julianday(g.held_on) - " TODAY " AS INTEGER) || 'q' || g.quorate "
  "       || 'n' || (SELECT count(*) FROM board_attendance a WHERE a.meeting_id = g.id) "
  "       || 'x' || coalesce((SELECT group_concat(i) FROM (SELECT (SELECT count(*) FROM board_member m2 WHERE m2.locality_id = l.id AND m2.id < m.id) AS i FROM board_member m WHERE m.locality_id = l.id AND NOT EXISTS (SELECT 1 FROM board_attendance a WHERE a.meeting_id = g.id AND a.member_id = m.id) ORDER BY m.id)), '-') "
  "       || (SELECT group_concat(d.ref || d.text) FROM board_decision d WHERE d.meeting_id = g.id) AS x "
  "     FROM board_meeting g WHERE g.locality_id = l.id ORDER BY g.id)), '') "
  " || ' a' || coalesce((SELECT group_concat(x, ',') FROM (SELECT a.ref || ':' || a.status || ':' || CAST(julianday(a.due) - " TODAY " AS INTEGER) || ':' || coalesce(CAST(julianday(a.done_on) - " TODAY " AS INTEGER), '') || ':' || coalesce(CAST(julianday(a.raised_on) - " TODAY " AS INTEGER), '') AS x FROM board_action a WHERE a.locality_id = l.id ORDER BY a.id)), '') "
  " || ' r' || coalesce((SELECT group_concat(x, ',') FROM (SELECT r.ref || ':' || r.likelihood || r.impact || ':' || coalesce(r.target, '') || ':' || CAST(julianday(r.review) - " TODAY " AS INTEGER) AS x FROM board_risk r WHERE r.locality_id = l.id ORDER BY r.id)), '') "
  " || ' t' || coalesce((SELECT b.tor_version || ':' || coalesce(CAST(julianday(b.tor_approved) - " TODAY " AS INTEGER), '') || ':' || coalesce(CAST(julianday(b.tor_review) - " TODAY " AS INTEGER), '') || ':' || b.reports_to || ':' || b.frequency || ':' || length(b.purpose) FROM board b WHERE b.locality_id = l.id), '') "
  " AS line FROM locality l ORDER BY l.name)";
#undef TODAY
#define DEMO_BOARDS \
  "Eastvale m0,2,2,2 s0@-700Board " \
  "g-74q1n3x1D1Agreed the actions below (meeting 1),-14q1n3x2D2Agreed the actions below (meeting 2) " \
  "aEAS-001:0:-25::-74,EAS-002:0:-5::-74,EAS-003:2:-40:-47:-74 " \
  "rEAS-R1:44:6:30,EAS-R2:33:6:45 " \
  "t0.1 (draft):::Primary Care Commissioning Committee:Every two months:65|" \
  "Northmoor m0,1,2,2,2,2,2,3 s0@-700Board,1@-450Revie,3@-200Revie " \
  "g-134q1n7x1D1Agreed the actions below (meeting 1),-74q0n7x2D2Agreed the actions below (meeting 2),-14q1n7x3D3Agreed the actions below (meeting 3) " \
  "aNOR-001:2:-150:-157:-134,NOR-002:0:-20::-74,NOR-003:1:45::-74,NOR-004:0:30::-14 " \
  "rNOR-R1:44:8:30,NOR-R2:33:6:45 " \
  "t1.2:-300:65:Primary Care Commissioning Committee:Every two months:79|" \
  "Riverside m0,2,3,2,1,2 s0@-700Board,1@-450Revie " \
  "g-134q1n5x1D1Agreed the actions below (meeting 1),-74q0n5x2D2Agreed the actions below (meeting 2),-14q1n5x3D3Agreed the actions below (meeting 3) " \
  "aRIV-001:2:-120:-127:-134,RIV-002:0:-45::-134,RIV-003:1:-10::-74,RIV-004:0:60::-14,RIV-005:3:-30::-74 " \
  "rRIV-R1:43:4:30,RIV-R2:35:10:45,RIV-R3:23:3:60 " \
  "t1.2:-300:65:Primary Care Commissioning Committee:Every two months:79|" \
  "Southgate m0,2,2,1,2,2,2 s1@-700Board,2@-450Revie " \
  "g-134q1n6x1D1Agreed the actions below (meeting 1),-74q0n6x2D2Agreed the actions below (meeting 2),-14q1n6x3D3Agreed the actions below (meeting 3) " \
  "aSOU-001:2:-90:-97:-134,SOU-002:1:-15::-74,SOU-003:0:20::-14,SOU-004:0:75::-14 " \
  "rSOU-R1:54:12:30,SOU-R2:34:6:45,SOU-R3:33:6:60 " \
  "t1.2:-300:65:Primary Care Commissioning Committee:Every two months:58"

/* The demo workbook gives each of its four localities its board, whatever
 * ids the localities got: each has its name, a chair and members. */
static void
test_demo_boards (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = pw_test_workbook (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GListModel) boards = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *fingerprint = NULL;

  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  g_assert_no_error (error);
  boards = pw_store_list_boards (store, 0, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (boards), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (boards); i++)
    {
      g_autoptr(PwRow) board = g_list_model_get_item (boards, i);

      g_string_append_printf (names, "%s: %s; ", pw_row_get_string (board, PW_BOARD_LOCALITY),
                              pw_row_get_string (board, PW_BOARD_NAME));
      g_assert_cmpstr (pw_row_get_string (board, PW_BOARD_CHAIR), !=, "");
      g_assert_cmpint (pw_row_get_int (board, PW_BOARD_MEMBERS), >, 0);
    }
  g_assert_cmpstr (names->str, ==, "Eastvale: Eastvale Locality Group; Northmoor: Northmoor Locality Partnership; "
                                   "Riverside: Riverside Locality Board; Southgate: Southgate Health and Care Partnership; ");
  fingerprint = sql_text (path, demo_boards_sql);
  g_assert_cmpstr (fingerprint, ==, DEMO_BOARDS);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* Each demo PCN as stored: code, locality, clinical director's and
 * manager's WTE, established, their names; practices (how many: their list sizes);
 * each return (years from this one: status: reviewer: levels by domain:
 * ARRS role ids: WTE/headcount/planned summed); funding (rows: amounts:
 * rates: first year). */
static const char demo_pcns_sql[] =
  "SELECT group_concat(line, '|') FROM (SELECT p.code || ' ' || coalesce(l.name, '-') || ' ' || p.cd_wte || '/' || p.manager_wte || ' ' || coalesce(p.established, '') || ' ' || p.clinical_director || '/' || p.manager "
  " || ' p' || (SELECT count(*) || ':' || sum(x.list_size) FROM practice x WHERE x.pcn_id = p.id) "
  " || coalesce((SELECT group_concat(x, '') FROM (SELECT ' r' || (r.year - Y.now) || ':' || r.status || ':' || r.reviewer || ':' "
  "      || (SELECT group_concat(coalesce(m.level, '-'), ',') FROM (SELECT level FROM maturity WHERE return_id = r.id ORDER BY CASE domain WHEN 'leadership' THEN 0 WHEN 'data' THEN 1 WHEN 'integrating' THEN 2 WHEN 'resources' THEN 3 ELSE 4 END) m) "
  "      || ':' || (SELECT group_concat(w.role_id, ',') || ':' || sum(w.wte) || '/' || sum(w.headcount) || '/' || sum(w.planned) FROM arrs_wte w WHERE w.return_id = r.id) AS x "
  "    FROM pcn_return r WHERE r.pcn_id = p.id ORDER BY r.year)), '') "
  " || ' f' || (SELECT count(*) || ':' || sum(f.amount) || ':' || sum(coalesce(f.rate, 0)) || ':' || min(f.year - Y.now) FROM funding f WHERE f.pcn_id = p.id) AS line "
  " FROM pcn p LEFT JOIN locality l ON l.id = p.locality_id, (SELECT max(year) AS now FROM pcn_return) Y ORDER BY p.code);";
#define DEMO_PCNS \
  "U90001 Northmoor 25/100 2019-07-01 Dr Alex Morgan/Sam Whitfield p5:42190 r-1:2:Demo Reviewer:0,2,4,3,-2:1,2,5,7:518/8/718 r0:0::1,2,4,4,-2:1,2,5,7:638/8/838 f6:92469000:27660:-1|" \
  "U90002 Northmoor 25/80 2019-07-01 Dr Priya Lal/Jo Kendrick p4:38810 r-1:2:Demo Reviewer:2,5,0,2,4:2,4,5,7,11:765/9/1015 r0:1::2,5,1,2,4:2,4,5,7,11:915/12/1165 f6:94938000:27660:-1|" \
  "U90003 Northmoor 20/60 2019-07-01 Dr Owen Pryce/Chris Ashby p4:38430 r-1:2:Demo Reviewer:1,3,2,5,0:3,4,5,7,11,13:939/12/1239 r0:2:Demo Reviewer:1,4,2,5,1:3,4,5,7,11,13:1119/15/1419 f6:97407000:27660:-1|" \
  "U90004 Riverside 30/100 2019-07-01 Dr Hannah Osei/Lee Marsh p6:52589 r-1:2:Demo Reviewer:0,2,1,3,2:1,2,3,4,7,11,13:1040/14/1390 r0:0::1,2,1,4,2:1,2,3,4,7,11,13:1250/16/1600 f6:99876000:27660:-1|" \
  "U90005 Riverside 25/100 2019-07-01 Dr Tom Beckett/Ana Ferreira p5:42075 r-1:2:Demo Reviewer:2,1,0,2,1:3,4,11,13:510/7/710 f6:102345000:27660:-1|" \
  "U90006 Riverside 25/50 2020-04-01 Dr Fiona Greaves/Dev Patel p4:41318 r-1:2:Demo Reviewer:3,-2,2,1,0:1,2,3,11,13:905/11/1155 r0:2:Demo Reviewer:3,0,2,1,1:1,2,3,11,13:1055/13/1305 f6:104814000:27660:-1|" \
  "U90007 Eastvale 40/100 2019-07-01 Dr Ruth Ellison/Kim Doyle p5:41720 r-1:2:Demo Reviewer:2,4,3,-2:1,2,3,5,7,13:827/11/1127 r0:0::3,4,3,0:1,2,3,5,7,13:1007/14/1307 f6:107283000:27660:-1|" \
  "U90008 Eastvale 25/80 2019-07-01 Dr Ade Bankole/Pat Summers p4:33234 r-1:2:Demo Reviewer:5,0,2,3:1,2,4,5,7,11,13:1076/15/1426 r0:1::5,0,3,3:1,2,4,5,7,11,13:1286/16/1636 f6:109752000:27660:-1|" \
  "U90009 Eastvale 25/60 2019-07-01 Dr Claire Hutton/Rob Tennant p4:45854 r-1:2:Demo Reviewer:3,2,0,2:1,2,5,7:502/7/702 r0:2:Demo Reviewer:3,3,0,3:1,2,5,7:622/8/822 f6:112221000:27660:-1|" \
  "U90010 Southgate 50/100 2019-07-01 Dr Imran Qureshi/Beth Cole p6:57225 r-1:2:Demo Reviewer:2,3,2,5:2,4,5,7,11:845/10/1095 f6:114690000:27660:-1|" \
  "U90011 Southgate 25/100 2019-07-01 Dr Nina Walsh/Tariq Aziz p5:41605 r-1:2:Demo Reviewer:0,2,1,3:3,4,5,7,11,13:915/12/1215 r0:1::0,3,1,3:3,4,5,7,11,13:1095/15/1395 f6:117159000:27660:-1|" \
  "U90012 Southgate 25/80 2019-07-01 Dr Leo Sandford/Mel Grant p4:35742 r-1:2:Demo Reviewer:-2,2,1,0,2:1,2,3,4,7,11,13:912/13/1262 r0:2:Demo Reviewer:-2,3,1,0,3:1,2,3,4,7,11,13:1122/14/1472 f6:119628000:27660:-1|" \
  "U90013 Southgate 25/60 2021-04-01 Dr Grace Adeyemi/Ian Rudd p4:35362 r-1:2:Demo Reviewer:4,3,-2,2,1:3,4,11,13:494/6/694 r0:0::5,3,-2,3,1:3,4,11,13:614/8/814 f6:122097000:27660:-1"

/* The demo commissioner's PCNs, their practices, returns at every stage
 * (last year's all reviewed, a few not started this year), workforce and
 * funding, as stored. */
static void
test_demo_pcns (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = pw_test_workbook (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autofree char *fingerprint = NULL;

  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT max(year) FROM pcn_return"), ==, pw_current_year ());
  fingerprint = sql_text (path, demo_pcns_sql);
  g_assert_cmpstr (fingerprint, ==, DEMO_PCNS);
  g_clear_object (&store);
  pw_test_rmdir (dir);
}

/* The demo goes only into an empty workbook: one holding a PCN, or only
 * a locality, is refused in words that say what it holds, and is left as
 * it was. */
static void
test_demo_only_into_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM pcn WHERE id = %" G_GINT64_FORMAT, f->pcn);

  g_assert_false (pw_demo_load (f->store, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "is not empty (PCNs: 1, localities: 0): the fictional demo goes only"));
  g_clear_error (&error);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn"), ==, 1);

  g_assert_true (pw_store_add_locality (f->store, "Northmoor", NULL, &error));
  g_clear_object (&f->store);
  pw_test_exec (f->path, sql);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (pw_demo_load (f->store, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "is not empty (PCNs: 0, localities: 1)"));
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn"), ==, 0);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM locality"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM board"), ==, 0);
}

/* A demo that fails part way, among the PCNs or among the boards, says
 * why and leaves the workbook as it was; the store's next edit is its
 * own, saved at once (the demo's transaction is not left open under it).
 * A role the demo names that was renamed is named in the message. */
static void
test_demo_failure_rolls_back (void)
{
  const struct { const char *sql, *message; } cases[] = {
    { "CREATE TRIGGER t BEFORE INSERT ON practice WHEN NEW.code = 'Z00030' BEGIN SELECT RAISE (ABORT, 'refused'); END",
      "refused" },
    { "CREATE TRIGGER t BEFORE INSERT ON board_risk WHEN NEW.ref = 'SOU-R2' BEGIN SELECT RAISE (ABORT, 'refused'); END",
      "refused" },
    { "UPDATE arrs_role SET name = 'Paramedic (retired)' WHERE name = 'Paramedic'",
      "The demo needs the ARRS role “Paramedic”, which this workbook does not have" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = pw_test_tmpdir ();
      g_autofree char *path = pw_test_workbook (dir);
      g_autoptr(GError) error = NULL;
      g_autoptr(PwStore) store = pw_store_open (path, &error);

      g_assert_no_error (error);
      pw_test_exec (path, cases[i].sql);
      g_assert_false (pw_demo_load (store, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_clear_error (&error);
      g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (store)), ==, 0);
      g_assert_true (pw_store_add_locality (store, "Westfield", NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM pcn"), ==, 0);
      g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM practice"), ==, 0);
      g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM board_member"), ==, 0);
      g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM locality WHERE name = 'Westfield'"), ==, 1);
      g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM locality"), ==, 1);
      g_clear_object (&store);
      pw_test_rmdir (dir);
    }
}

/* What the import then says it changed, and the rows stored (in post/headcount/planned). */
#define CHANGES \
  "Workforce · Care coordinator: (blank) → 0.0 in post, 0 people, 0.0 planned\n" \
  "Workforce · Clinical pharmacist: 1.0 in post, 1 person, 1.0 planned → 0.0 in post, 0 people, 0.0 planned\n" \
  "Workforce · Health and wellbeing coach: (blank) → 0.0 in post, 0 people, 0.0 planned\n" \
  "Workforce · Paramedic: (blank) → 1.5 in post, 2 people, 2.0 planned\n"
#define ROWS "Care coordinator 0/0/0; Clinical pharmacist 0/0/0; Health and wellbeing coach 0/0/0; Paramedic 150/2/200; "

/* A return form's Workforce rows: a role with figures is added beside
 * those stored; a row with only one figure given, and that 0 (in post,
 * headcount or planned), is a row of zeros, not a blank one: it is kept,
 * and one stored before is set to 0 rather than removed. */
static void
test_form_workforce_zeros (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "forms", NULL);
  g_autofree char *name = pw_form_file_name ("U12345", "Riverside PCN", 2025);
  g_autofree char *form = g_build_filename (dir, name, NULL);
  g_autofree char *out = NULL;
  const char *paths[] = { form, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GListModel) wte = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GString) changes = g_string_new (NULL);
  g_autoptr(PwArrsRole) pharmacist = pw_store_find_role (f->store, "Clinical pharmacist", &error);
  PwFormResult *result;
  guint written = 0;

  g_assert_nonnull (pharmacist);
  g_assert_true (pw_store_set_wte (f->store, f->ret, pw_row_get_int (PW_ROW (pharmacist), PW_ARRS_ROLE_ID),
                                   100, 1, 100, NULL, &error));
  g_mkdir (dir, 0700);
  g_assert_true (pw_export_forms (f->store, 2025, dir, NULL, NULL, &written, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 1);
  out = pw_test_python ("import openpyxl, sys\n"
                        "wb = openpyxl.load_workbook(sys.argv[1])\n"
                        "ws = wb['Workforce']\n"
                        "def put(role, *values):\n"
                        "    row = [c.row for c in ws['A'] if c.value == role][0]\n"
                        "    for col, v in enumerate(values, 2):\n"
                        "        ws.cell(row, col).value = v\n"
                        "put('Paramedic', 1.5, 2, 2)\n"
                        "put('Clinical pharmacist', None, None, 0)\n"
                        "put('Care coordinator', 0, None, None)\n"
                        "put('Health and wellbeing coach', None, 0, None)\n"
                        "wb.save(sys.argv[1])\n"
                        "print('saved')\n", form, NULL);
  g_assert_cmpstr (out, ==, "saved\n");
  results = pw_import_forms (f->store, paths, 2025, FALSE, NULL);
  g_assert_cmpuint (results->len, ==, 1);
  result = results->pdata[0];
  g_assert_no_error (result->error);
  for (guint i = 0; i < result->changes->len; i++)
    g_string_append_printf (changes, "%s\n", (char *) result->changes->pdata[i]);
  g_assert_cmpstr (changes->str, ==, CHANGES);
  wte = pw_store_list_wte (f->store, f->ret, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (wte); i++)
    {
      g_autoptr(PwRow) row = g_list_model_get_item (wte, i);

      g_string_append_printf (rows, "%s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "; ",
                              pw_row_get_string (row, PW_ARRS_WTE_ROLE), pw_row_get_int (row, PW_ARRS_WTE_IN_POST),
                              pw_row_get_int (row, PW_ARRS_WTE_HEADCOUNT), pw_row_get_int (row, PW_ARRS_WTE_PLANNED));
    }
  g_assert_cmpstr (rows->str, ==, ROWS);
  g_remove (form);
  g_rmdir (dir);
}

/* A file whose header names no kind of import is refused in words that
 * list every kind's columns, whatever its width; nothing is written. */
static void
test_import_any_unknown_header (Fixture *f, gconstpointer data)
{
  static const char *files[] = { "colour\nred\n", "pcn,when,what,how many,why,who,where,notes,extra,more,last\nU12345\n" };
  g_autofree char *csv = g_build_filename (f->dir, "unknown.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;

      pw_test_write (csv, files[i]);
      g_assert_false (pw_import_any (f->store, csv, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_HEADER);
      g_assert_nonnull (strstr (error->message, "unknown.csv: line 1 (the header) does not say what the file holds"));
      g_assert_nonnull (strstr (error->message, "or risks (locality,ref,risk,likelihood,impact,owner)"));
    }
  g_assert_cmpint (pw_test_sql_int (f->path, "SELECT count(*) FROM pcn"), ==, 1);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mutants-s23/rate-edges", test_rate_edges);
  g_test_add ("/mutants-s23/import-any-unknown-header", Fixture, NULL, pw_return_fixture_setup,
              test_import_any_unknown_header, pw_return_fixture_teardown);
  g_test_add ("/mutants-s23/form-workforce-zeros", Fixture, GINT_TO_POINTER (2025), pw_return_fixture_setup,
              test_form_workforce_zeros, pw_return_fixture_teardown);
  g_test_add_func ("/mutants-s23/demo-boards", test_demo_boards);
  g_test_add_func ("/mutants-s23/demo-pcns", test_demo_pcns);
  g_test_add_func ("/mutants-s23/demo-failure-rolls-back", test_demo_failure_rolls_back);
  g_test_add ("/mutants-s23/demo-only-into-empty", Fixture, NULL, pw_return_fixture_setup, test_demo_only_into_empty,
              pw_return_fixture_teardown);
  g_test_add_func ("/mutants-s23/row-defaults-and-sync", test_row_defaults_and_sync);
  g_test_add_func ("/mutants-s23/stream-names", test_stream_names);
  g_test_add_func ("/mutants-s23/csv-progress-each-mebibyte", test_csv_progress_each_mebibyte);
  return g_test_run ();
}

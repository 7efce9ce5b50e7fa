/* The board and list imports field by field (mutate.py's seed 2201 found a
 * risk's impact checked only when its target was wrong too): each field
 * of each file refused on its own, with the file, line, column and what
 * is accepted, and nothing of the file written; the rows that are taken,
 * with what they hold; and the progress a long file reports.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-import.h"
#include "pw-test-util.h"

typedef gboolean (*ImportFunc) (PwStore *store, const char *path, PwProgressFunc progress, gpointer progress_data,
                                GCancellable *cancellable, PwImportSummary *summary, GError **error);

typedef struct
{
  char *dir;
  char *db;
  char *csv;
  PwStore *store;
} Fixture;

#define MEMBERS "locality,name,organisation,sector,board_role,represents,joined,left\n" \
                "North,Sam Lee,Birch PCN,primary care,chair,PCN directors,01/04/2024,\n" \
                "North,Jo Ray,Birch PCN,Primary care,member,,2024-04-01,31/03/2025\n"
#define ACTIONS "locality,ref,action,owner,due,status,raised,done\n" \
                "North,N-1,Agree the pathway,Lee,31/01/2026,open,01/10/2025,\n"
#define RISKS "locality,ref,risk,likelihood,impact,owner,target,review\n" \
              "North,R1,Workforce gaps,4,5,Lee,25,31/03/2026\n" \
              "South,R1,Estates,1,1,,,\n"
#define SWOT "pcn_code,year,quadrant,text\nU11111,2025/26,S,Strong team\nU11111,2025/26,threats,Estates\n"
#define ACHIEVEMENTS "pcn_code,year,text\nU11111,2025/26,Opened a hub\n"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *profiles = NULL;

  f->dir = pw_test_tmpdir ();
  f->db = g_build_filename (f->dir, "workbook.db", NULL);
  f->csv = g_build_filename (f->dir, "file.csv", NULL);
  profiles = g_build_filename (f->dir, "profiles.csv", NULL);
  f->store = pw_store_open (f->db, &error);
  g_assert_no_error (error);
  pw_test_write (profiles, "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                           "U11111,Alder PCN,North,A11111,Alder Surgery,20000\n"
                           "U22222,Birch PCN,South,B22221,Cedar Surgery,8000\n");
  g_assert_true (pw_import_profiles (f->store, profiles, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->csv);
  g_free (f->db);
  g_free (f->dir);
}

/* What the imports here can change, read from the file itself. */
static char *
dump (Fixture *f)
{
  static const char *const queries[] = {
    "SELECT * FROM board_member ORDER BY id", "SELECT * FROM organisation ORDER BY id",
    "SELECT * FROM board_action ORDER BY id", "SELECT * FROM board_risk ORDER BY id",
    "SELECT * FROM pcn_return ORDER BY id", "SELECT * FROM return_item ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    pw_test_append_rows (out, f->db, queries[i]);
  return g_string_free (out, FALSE);
}

static void
import_ok (Fixture    *f,
           ImportFunc  import,
           const char *text)
{
  g_autoptr(GError) error = NULL;

  pw_test_write (f->csv, text);
  g_assert_true (import (f->store, f->csv, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* @good, then @good with @line after it: refused with @message, exactly,
 * leaving the workbook as @good left it. */
static void
assert_refused (Fixture    *f,
                ImportFunc  import,
                const char *good,
                const char *line,
                const char *message)
{
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *text = g_strconcat (good, line, "\n", NULL);
  g_autoptr(GError) error = NULL;

  import_ok (f, import, good);
  before = dump (f);
  pw_test_write (f->csv, text);
  g_assert_false (import (f->store, f->csv, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW);
  g_assert_cmpstr (error->message, ==, message);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

static const struct
{
  ImportFunc import;
  const char *good;
  const char *line;
  const char *message;
} refusals[] = {
  { pw_import_board_members, MEMBERS, ",A B,Hospital,other,member,,,",
    "file.csv: line 4, column 1 (locality): this must not be empty" },
  { pw_import_board_members, MEMBERS, "North, ,Hospital,other,member,,,",
    "file.csv: line 4, column 2 (name): this must not be empty" },
  { pw_import_board_members, MEMBERS, "North,A B,,other,member,,,",
    "file.csv: line 4, column 3 (organisation): this must not be empty" },
  { pw_import_board_members, MEMBERS, "North,A B,Hospital,other,boss,,,",
    "file.csv: line 4, column 5 (board_role): “boss” is not a board role: use chair, vice chair, member, attendee" },
  { pw_import_board_members, MEMBERS, "North,A B,Hospital,other,member,,1/1/24,",
    "file.csv: line 4, column 7 (joined): “1/1/24” is not a date: write it as DD/MM/YYYY or YYYY-MM-DD, "
    "such as 31/03/2026" },
  { pw_import_board_members, MEMBERS, "North,A B,Hospital,other,member,,,31/02/2025",
    "file.csv: line 4, column 8 (left): “31/02/2025” is not a date: write it as DD/MM/YYYY or YYYY-MM-DD, "
    "such as 31/03/2026" },
  { pw_import_board_members, MEMBERS, "North,A B,Hospital,other,member,,",
    "file.csv: line 4 has 7 fields but the header has 8 columns. Put a field with a comma in double quotes." },
  { pw_import_actions, ACTIONS, "North,,Do it,Lee,31/01/2026,open,,",
    "file.csv: line 3, column 2 (ref): this must not be empty" },
  { pw_import_actions, ACTIONS, "North,N-2, ,Lee,31/01/2026,open,,",
    "file.csv: line 3, column 3 (action): this must not be empty" },
  { pw_import_actions, ACTIONS, "North,N-2,Do it,Lee,31/01/2026,open,yesterday,",
    "file.csv: line 3, column 7 (raised): “yesterday” is not a date: write it as DD/MM/YYYY or YYYY-MM-DD, "
    "such as 31/03/2026" },
  { pw_import_actions, ACTIONS, "North,N-2,Do it,Lee,31/01/2026,done,,soon",
    "file.csv: line 3, column 8 (done): “soon” is not a date: write it as DD/MM/YYYY or YYYY-MM-DD, "
    "such as 31/03/2026" },
  { pw_import_risks, RISKS, "North,R2,Estates,,3,Lee,,",
    "file.csv: line 4, column 4 (likelihood): “” is not a whole number from 1 to 5 (1 rare, 5 almost certain)" },
  { pw_import_risks, RISKS, "North,R2,Estates,3,6,Lee,,",
    "file.csv: line 4, column 5 (impact): “6” is not a whole number from 1 to 5 (1 negligible, 5 catastrophic)" },
  { pw_import_risks, RISKS, "North,R2,Estates,3,0,Lee,,",
    "file.csv: line 4, column 5 (impact): “0” is not a whole number from 1 to 5 (1 negligible, 5 catastrophic)" },
  { pw_import_risks, RISKS, "North,R2,Estates,3,3,Lee,26,",
    "file.csv: line 4, column 7 (target): “26” is not a whole number from 1 to 25 (likelihood × impact)" },
  { pw_import_risks, RISKS, "North,R2,Estates,3,3,Lee,0,",
    "file.csv: line 4, column 7 (target): “0” is not a whole number from 1 to 25 (likelihood × impact)" },
  { pw_import_risks, RISKS, "North,R2,Estates,3,3,Lee,,2026",
    "file.csv: line 4, column 8 (review): “2026” is not a date: write it as DD/MM/YYYY or YYYY-MM-DD, "
    "such as 31/03/2026" },
  { pw_import_risks, RISKS, "North,R2,,3,3,Lee,,",
    "file.csv: line 4, column 3 (risk): this must not be empty" },
  { pw_import_swot, SWOT, "U11111,2025/26,X,Hub",
    "file.csv: line 4, column 3 (quadrant): “X” is not a SWOT quadrant: use S, W, O or T, or Strengths, "
    "Weaknesses, Opportunities or Threats" },
  { pw_import_swot, SWOT, "U11111,2025,S,Hub",
    "file.csv: line 4, column 2 (year): “2025” is not a financial year: write it as 2021/22 (2021-22, 21/22 and "
    "2021/2022 are also accepted)" },
  { pw_import_swot, SWOT, "U11111,2025/26,S, ",
    "file.csv: line 4, column 4 (text): this must not be empty" },
  { pw_import_achievements, ACHIEVEMENTS, "U11111,2025/26",
    "file.csv: line 3 has 2 fields but the header has 3 columns. Put a field with a comma in double quotes." },
  { pw_import_achievements, ACHIEVEMENTS, "U11111,2025/26,",
    "file.csv: line 3, column 3 (text): this must not be empty" },
};

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    assert_refused (f, refusals[i].import, refusals[i].good, refusals[i].line, refusals[i].message);
}

/* What the good files leave, read from the file itself. */
static void
test_taken (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  PwImportSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  import_ok (f, pw_import_board_members, MEMBERS);     /* one organisation twice, with one sector */
  import_ok (f, pw_import_actions, ACTIONS);
  import_ok (f, pw_import_risks, RISKS);
  pw_test_append_rows (rows, f->db, "SELECT m.name, o.name, o.sector, m.role, m.represents, m.joined, m.left_on "
                                    "FROM board_member m JOIN organisation o ON o.id = m.organisation_id ORDER BY m.id");
  pw_test_append_rows (rows, f->db, "SELECT ref, text, owner, due, status, raised_on, done_on FROM board_action");
  pw_test_append_rows (rows, f->db, "SELECT l.name, r.ref, r.description, r.likelihood, r.impact, r.target, r.owner, "
                                    "r.review FROM board_risk r JOIN locality l ON l.id = r.locality_id ORDER BY r.id");
  g_assert_cmpstr (rows->str, ==,
                   "Sam Lee|Birch PCN|0|0|PCN directors|2024-04-01|(null)|\n"
                   "Jo Ray|Birch PCN|0|2||2024-04-01|2025-03-31|\n"
                   "N-1|Agree the pathway|Lee|2026-01-31|0|2025-10-01|(null)|\n"
                   "North|R1|Workforce gaps|4|5|25|Lee|2026-03-31|\n"
                   "South|R1|Estates|1|1|(null)||(null)|\n");

  /* Lists: a draft return made once, each text added once, however often the file comes. */
  pw_test_write (f->csv, SWOT);
  g_assert_true (pw_import_swot (f->store, f->csv, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.rows, ==, 2);
  g_assert_cmpuint (summary.returns_added, ==, 1);
  g_assert_cmpuint (summary.items_added, ==, 2);
  memset (&summary, 0, sizeof summary);
  g_assert_true (pw_import_swot (f->store, f->csv, NULL, NULL, NULL, &summary, &error));
  g_assert_cmpuint (summary.returns_added, ==, 0);
  g_assert_cmpuint (summary.items_added, ==, 0);
  memset (&summary, 0, sizeof summary);
  pw_test_write (f->csv, ACHIEVEMENTS "U11111,2025/26,Strong team\n");
  g_assert_true (pw_import_achievements (f->store, f->csv, NULL, NULL, NULL, &summary, &error));
  g_assert_cmpuint (summary.items_added, ==, 2);
  g_string_truncate (rows, 0);
  pw_test_append_rows (rows, f->db, "SELECT r.year, r.status, i.list, i.position, i.text FROM return_item i "
                                    "JOIN pcn_return r ON r.id = i.return_id ORDER BY i.list, i.position");
  g_assert_cmpstr (rows->str, ==,
                   "2025|0|A|0|Opened a hub|\n"
                   "2025|0|A|1|Strong team|\n"
                   "2025|0|S|0|Strong team|\n"
                   "2025|0|T|0|Estates|\n");
}

static void
on_progress (double   fraction,
             gpointer data)
{
  g_array_append_val ((GArray *) data, fraction);
}

/* A file of 130 actions: progress rises to the end while writing, from
 * the first row written, at least every 64 rows. */
static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("locality,ref,action,owner,due,status\n");
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  const guint written[] = { 1, 65, 129, 130 };

  for (guint i = 0; i < 130; i++)
    g_string_append_printf (text, "North,N-%u,Action %u,Lee,31/01/2026,open\n", i, i);
  pw_test_write (f->csv, text->str);
  g_assert_true (pw_import_actions (f->store, f->csv, on_progress, seen, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_sql_int (f->db, "SELECT count(*) FROM board_action"), ==, 130);
  g_assert_cmpuint (seen->len, >=, G_N_ELEMENTS (written));
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, i ? g_array_index (seen, double, i - 1) : 0.0);
  /* The writing is the last 90 %. */
  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (seen, double, seen->len - G_N_ELEMENTS (written) + i),
                                    0.1 + 0.9 * written[i] / 130, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/mutants-reader/refusals", Fixture, NULL, fixture_setup, test_refusals, fixture_teardown);
  g_test_add ("/mutants-reader/taken", Fixture, NULL, fixture_setup, test_taken, fixture_teardown);
  g_test_add ("/mutants-reader/progress", Fixture, NULL, fixture_setup, test_progress, fixture_teardown);
  return g_test_run ();
}

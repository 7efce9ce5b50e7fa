/* Nothing lost: the workbook's lock, what files are ours, read-only files,
 * migration copies, automatic backups and restore, and a change log that
 * records changes only.  Against real SQLite files, with other processes
 * (python3's sqlite3 module, as another program would) where it matters.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PW_TEST_WITH_STORE
#include "pw-demo.h"
#include "pw-export.h"
#include "pw-import.h"
#include "pw-test-util.h"

#define PYTHON "/usr/bin/python3"

/* Runs @script with python3 (args: @a, @b) as another process; its stdout. */
static char *
other_process (const char *script,
               const char *a,
               const char *b)
{
  const char *argv[] = { PYTHON, "-c", script, a, b, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (out);
}

static void
make_workbook (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* The lock                                                            */

typedef struct
{
  char *db;
  char *file;
  gboolean is_export;
} Job;

/* What the window's worker does: its own connection, then the job. */
static gpointer
job_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (job->db, &error);
  PwExportOptions options = { .year = 2021 };
  PwImportSummary summary;

  g_assert_no_error (error);
  if (job->is_export)
    g_assert_true (pw_export_appendix (store, &options, job->file, NULL, NULL, NULL, &error));
  else
    g_assert_true (pw_import_any (store, job->file, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  return NULL;
}

static void
run_job (Job *job)
{
  GThread *thread = g_thread_new ("job", job_thread, job);
  g_thread_join (thread);
}

static const char backup_script[] =
  "import sqlite3, sys\n"
  "src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2])\n"
  "src.backup(dst); dst.close(); src.close()\n";

static const char count_script[] =
  "import sqlite3, sys\n"
  "db = sqlite3.connect(sys.argv[1])\n"
  "print(db.execute(sys.argv[2]).fetchone()[0]); db.close()\n";

/* The window holds its workbook while an import and an export run on
 * worker threads; then another process backs the file up.  Had anything
 * in the process opened and closed the file outside SQLite, the process
 * would have lost its lock and that backup would delete the WAL under the
 * window (and its later edits would go to a deleted file). */
static void
test_lock_kept (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *csv = g_build_filename (dir, "profiles.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "appendix.xlsx", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *localities = NULL, *copied = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) window = NULL;
  Job import = { db, csv, FALSE }, export = { db, xlsx, TRUE };
  guint n_pcns;

  make_workbook (db);
  pw_test_write (csv, "pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
                      "U99001,Lockside PCN,Harbour,Z99001,Lockside Surgery,9000\n");
  window = pw_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_locality (window, "Before", NULL, &error));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  run_job (&import);
  run_job (&export);
  pw_store_reload (window);
  n_pcns = g_list_model_get_n_items (pw_store_get_pcns (window));
  g_free (other_process (backup_script, db, copy));

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  /* The window still reads and writes the file others see. */
  pw_store_reload (window);
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (window)), ==, n_pcns);
  g_assert_nonnull (pw_store_find_pcn_by_code (window, "U99001"));
  g_assert_true (pw_store_add_locality (window, "After", NULL, &error));
  g_assert_no_error (error);
  localities = other_process (count_script, db, "SELECT count(*) FROM locality WHERE name IN ('Before', 'After')");
  g_assert_cmpstr (localities, ==, "2");
  copied = other_process (count_script, copy, "SELECT count(*) FROM pcn WHERE code = 'U99001'");
  g_assert_cmpstr (copied, ==, "1");
  g_clear_object (&window);
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM locality WHERE name = 'After'"), ==, 1);
  pw_test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Only our files are ours                                             */

/* Opening @path fails with @code, leaves it byte for byte and adds no file. */
static void
assert_refused (const char *dir,
                const char *path,
                int         code)
{
  g_autoptr(GBytes) before = pw_test_read (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(GDir) d = NULL;
  guint n = 0;

  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "unchanged"));
  after = pw_test_read (path);
  g_assert_true (g_bytes_equal (before, after));
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);
}

static void
test_foreign_refused (void)
{
  const char *foreign[] = {
    "PRAGMA user_version = 3;",                                   /* empty, but not ours */
    "PRAGMA application_id = 1234; PRAGMA user_version = 0;",     /* another program's id */
    "PRAGMA user_version = 2; CREATE TABLE locality (id); CREATE TABLE pcn (id); CREATE TABLE practice (id);",
    "PRAGMA application_id = 1234; CREATE TABLE locality (id); CREATE TABLE pcn (id); CREATE TABLE practice (id);",
    "PRAGMA user_version = 9; CREATE TABLE notes (x);",
  };

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autofree char *dir = pw_test_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "other.db", NULL);

      pw_test_exec (path, foreign[i]);
      assert_refused (dir, path, PW_STORE_ERROR_NOT_DATABASE);
      pw_test_rmdir (dir);
    }
  {
    g_autofree char *dir = pw_test_tmpdir ();
    g_autofree char *path = g_build_filename (dir, "short.db", NULL);

    pw_test_write (path, "SQLite");
    assert_refused (dir, path, PW_STORE_ERROR_NOT_DATABASE);
    pw_test_rmdir (dir);
  }
}

/* A file from before the application id is told by its tables, upgraded,
 * and given the id. */
static void
test_legacy_by_tables (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;

  pw_test_exec (path, "CREATE TABLE locality (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
                  "CREATE TABLE pcn (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
                  "  locality_id INTEGER, clinical_director TEXT NOT NULL DEFAULT '', cd_wte INTEGER,"
                  "  manager TEXT NOT NULL DEFAULT '', manager_wte INTEGER, established TEXT,"
                  "  notes TEXT NOT NULL DEFAULT '');"
                  "CREATE TABLE practice (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
                  "  pcn_id INTEGER, list_size INTEGER NOT NULL DEFAULT 0);"
                  "INSERT INTO pcn (code, name) VALUES ('U10001', 'Old PCN');"
                  "PRAGMA user_version = 1;");
  {
    g_autoptr(PwStore) store = pw_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (pw_store_find_pcn_by_code (store, "U10001"));
  }
  g_assert_cmpint (pw_test_sql_int (path, "PRAGMA application_id"), ==, 0x50434E57);
  g_assert_cmpint (pw_test_sql_int (path, "PRAGMA user_version"), ==, PW_STORE_SCHEMA_VERSION);
  pw_test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Read-only and unreadable files                                      */

/* Runs @check in a child process as a user without root's powers (nobody,
 * when the tests run as root), so permissions mean what they say. */
static void
as_ordinary_user (void (*check) (const char *path),
                  const char *path)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (getuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (3);
      check (path);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
check_read_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (pw_store_is_read_only (store));
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (store)), >, 0);
  g_assert_false (pw_store_add_locality (store, "Nowhere", NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
}

static void
check_unreadable (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "permission"));
}

static void
remove_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
}

static void
test_read_only (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GBytes) before = NULL, after = NULL;

  make_workbook (path);
  before = pw_test_read (path);
  /* A read-only file in a folder others may write to. */
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  as_ordinary_user (check_read_only, path);
  /* A file in a read-only folder: not even the -shm file can be made. */
  remove_side_files (path);
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  as_ordinary_user (check_read_only, path);
  /* A file one may not read at all. */
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (path, 0000), ==, 0);
  as_ordinary_user (check_unreadable, path);
  after = pw_test_read (path);
  g_assert_true (g_bytes_equal (before, after));
  pw_test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Copies: before an upgrade, every day, and restoring one             */

static void
test_migration_copy (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("TESTS_SRCDIR"), "data", "workbook-v1.db", NULL);
  g_autoptr(GBytes) v1 = pw_test_read (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint copies = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (v1, NULL), g_bytes_get_size (v1), &error));
  {
    g_autoptr(PwStore) store = pw_store_open (path, &error);
    g_assert_no_error (error);
  }
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_null (strstr (name, ".partial-"));
      if (!g_str_has_suffix (name, "-v1.bak"))
        continue;
      copies++;
      g_assert_cmpint (g_stat (p, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_cmpint (pw_test_sql_int (p, "PRAGMA user_version"), ==, 1);
    }
  g_assert_cmpuint (copies, ==, 1);
  pw_test_rmdir (dir);
}

static GDateTime *
day (int y, int m, int d)
{
  return g_date_time_new_local (y, m, d, 9, 0, 0);
}

/* 60 days of daily copies leave the 7 newest and one from each of 4 weeks
 * before them, private to their owner. */
static void
test_daily_copies (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GDateTime) start = day (2026, 1, 1);
  g_autofree char *backups = NULL;
  const char *expected[] = {
    "2026-03-01", "2026-02-28", "2026-02-27", "2026-02-26", "2026-02-25", "2026-02-24", "2026-02-23",
    "2026-02-22", "2026-02-15", "2026-02-08", "2026-02-01",   /* the Sundays ending ISO weeks */
  };

  make_workbook (path);
  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (pw_store_get_backup_error (store));
  backups = pw_store_backup_dir (store);
  g_assert_true (g_str_has_prefix (backups, g_get_user_data_dir ()));
  /* Opening it again made today's copy. */
  copies = pw_store_list_backups (store, &error);
  g_assert_cmpuint (copies->len, ==, 1);
  g_clear_pointer (&copies, g_ptr_array_unref);
  pw_test_rmdir (backups);

  for (int i = 0; i < 60; i++)
    {
      g_autoptr(GDateTime) today = g_date_time_add_days (start, i);
      g_assert_true (pw_store_daily_backup (store, today, &error));
      g_assert_no_error (error);
      /* The same day again is no new copy. */
      g_assert_true (pw_store_daily_backup (store, today, &error));
    }
  copies = pw_store_list_backups (store, &error);
  g_assert_cmpuint (copies->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < copies->len; i++)
    {
      PwBackup *b = g_ptr_array_index (copies, i);
      GStatBuf st;

      g_assert_cmpstr (b->date, ==, expected[i]);
      g_assert_cmpint (b->size, >, 4096);
      g_assert_cmpint (g_stat (b->path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  pw_test_rmdir (backups);
  pw_test_rmdir (dir);
}

/* How many files this process holds open (Linux's /proc; 0 elsewhere). */
static guint
open_files (void)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (fds != NULL && g_dir_read_name (fds) != NULL)
    n++;
  return n;
}

static void
test_restore (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *foreign = g_build_filename (dir, "other.db", NULL);
  g_autofree char *saved = NULL, *backups = NULL, *seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GDateTime) today = day (2026, 3, 2);
  guint n_pcns, n_files;

  make_workbook (path);
  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  backups = pw_store_backup_dir (store);
  pw_test_rmdir (backups);
  g_assert_true (pw_store_daily_backup (store, today, &error));
  n_pcns = g_list_model_get_n_items (pw_store_get_pcns (store));
  g_assert_true (pw_store_add_pcn (store, "U99002", "Later PCN", 0, NULL, &error));

  /* Something that is not ours is refused and changes nothing, and the
   * connection that looked into it is closed (an open one would hold the
   * file: on Windows it could then not be moved or deleted). */
  pw_test_exec (foreign, "CREATE TABLE notes (x); PRAGMA user_version = 4;");
  n_files = open_files ();
  g_assert_false (pw_store_restore_backup (store, foreign, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_DATABASE);
  g_assert_cmpuint (open_files (), ==, n_files);
  g_clear_error (&error);
  g_assert_nonnull (pw_store_find_pcn_by_code (store, "U99002"));

  copies = pw_store_list_backups (store, &error);
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_true (pw_store_restore_backup (store, ((PwBackup *) copies->pdata[0])->path, &saved, &error));
  g_assert_no_error (error);
  /* The window's models follow, another process sees it, and the
   * workbook as it was is kept. */
  g_assert_null (pw_store_find_pcn_by_code (store, "U99002"));
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (store)), ==, n_pcns);
  seen = other_process (count_script, path, "SELECT count(*) FROM pcn WHERE code = 'U99002'");
  g_assert_cmpstr (seen, ==, "0");
  g_assert_cmpint (pw_test_sql_int (saved, "SELECT count(*) FROM pcn WHERE code = 'U99002'"), ==, 1);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (pw_store_add_pcn (store, "U99003", "After PCN", 0, NULL, &error));
  g_clear_object (&store);
  g_assert_cmpint (pw_test_sql_int (path, "SELECT count(*) FROM pcn WHERE code = 'U99003'"), ==, 1);
  g_assert_cmpint (pw_test_sql_int (path, "PRAGMA application_id"), ==, 0x50434E57);
  pw_test_rmdir (backups);
  pw_test_rmdir (dir);
}

/* pcn-workbook-cli ARGS… on @db: exit status, output in @out. */
static int
cli (const char  *db,
     char       **out,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *arg = first;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("PW_CLI"));
  g_ptr_array_add (argv, "-d");
  g_ptr_array_add (argv, (char *) db);
  va_start (ap, first);
  for (; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, &err, &status, &error));
  g_assert_no_error (error);
  if (*out != NULL && *err != '\0')
    {
      char *both = g_strconcat (*out, err, NULL);
      g_free (*out);
      *out = both;
    }
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli_backups (void)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "workbook.db", NULL);
  g_autofree char *listed = NULL, *restored = NULL, *wrong = NULL, *backups = NULL;
  gint64 practices;

  make_workbook (db);
  practices = pw_test_sql_int (db, "SELECT count(*) FROM practice");
  g_assert_cmpint (cli (db, &listed, "backups", "list", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (listed, "1\t"));   /* today's, made as it opened */
  g_assert_null (strstr (listed, "\n2\t"));
  pw_test_exec (db, "DELETE FROM practice");
  g_assert_cmpint (cli (db, &restored, "backups", "restore", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (restored, "before-restore"));
  g_assert_cmpint (pw_test_sql_int (db, "SELECT count(*) FROM practice"), ==, practices);
  g_assert_cmpint (cli (db, &wrong, "backups", "restore", "9", NULL), ==, 1);
  g_assert_nonnull (strstr (wrong, "no backup number 9"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwStore) store = pw_store_open (db, &error);
    backups = pw_store_backup_dir (store);
  }
  pw_test_rmdir (backups);
  pw_test_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* The change log records changes, not attempts                        */

static gint64
log_rows (const char *path)
{
  return pw_test_sql_int (path, "SELECT count(*) FROM change_log");
}

static void
test_unchanged_writes_no_log (PwReturnFixture *f,
                              gconstpointer    year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwArrsRole) role = pw_store_find_role (f->store, "Clinical pharmacist", &error);
  gint64 role_id = pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID);
  g_autofree char *csv = g_build_filename (f->dir, "arrs.csv", NULL);
  PwImportSummary summary;
  gint64 n;

  g_assert_true (pw_store_set_wte (f->store, f->ret, role_id, 250, 3, 300, "31/12/2021", &error));
  n = log_rows (f->path);
  g_assert_true (pw_store_set_wte (f->store, f->ret, role_id, 250, 3, 300, "31/12/2021", &error));
  g_assert_true (pw_store_set_wte (f->store, f->ret, role_id, 250, 3, 300, NULL, &error));
  g_assert_true (pw_store_set_wte_as_of (f->store, f->ret, "31/12/2021", &error));
  g_assert_no_error (error);
  g_assert_cmpint (log_rows (f->path), ==, n);
  /* A real change still is recorded. */
  g_assert_true (pw_store_set_wte_as_of (f->store, f->ret, "01/01/2022", &error));
  g_assert_cmpint (log_rows (f->path), ==, n + 1);

  /* An ARRS import twice over: the second adds nothing to the log. */
  pw_test_write (csv, "pcn_code,year,role,wte_in_post,headcount,wte_planned\n"
                      "U12345,2021/22,Clinical pharmacist,2.6,3,3\n"
                      "U12345,2021/22,Paramedic,1,1,1\n"
                      "U12345,2022/23,Paramedic,1,1,2\n");
  g_assert_true (pw_import_any (f->store, csv, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  n = log_rows (f->path);
  g_assert_true (pw_import_any (f->store, csv, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (log_rows (f->path), ==, n);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/safety/lock-kept", test_lock_kept);
  g_test_add_func ("/safety/foreign-refused", test_foreign_refused);
  g_test_add_func ("/safety/legacy-by-tables", test_legacy_by_tables);
  g_test_add_func ("/safety/read-only", test_read_only);
  g_test_add_func ("/safety/migration-copy", test_migration_copy);
  g_test_add_func ("/safety/daily-copies", test_daily_copies);
  g_test_add_func ("/safety/restore", test_restore);
  g_test_add_func ("/safety/cli-backups", test_cli_backups);
  g_test_add ("/safety/unchanged-writes-no-log", PwReturnFixture, GINT_TO_POINTER (2021),
              pw_return_fixture_setup, test_unchanged_writes_no_log, pw_return_fixture_teardown);
  return g_test_run ();
}

/* Opening checks the whole file only when it must: after an unclean
 * shutdown (a -wal file left behind) and at the day's first open (with the
 * daily copy); `pcn-workbook-cli check` checks it on demand.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-store.h"
#include "pw-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  char *wal;
  char *backups;
} Fixture;

/* Read with a connection that may write, so that closing it removes the
 * -wal file as a program closing cleanly does (a read-only one leaves it). */
static gint64
root_page (const char *path,
           const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", name);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page;
}

/* A workbook with today's copy made, then an index that no open reads
 * scribbled over: only a whole-file check can tell. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *bytes = NULL;
  gsize len = 0;
  gint64 page;

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  f->wal = g_strconcat (f->path, "-wal", NULL);
  {
    g_autoptr(PwStore) store = pw_store_open (f->path, &error);
    gint64 pcn = 0, ret = 0;

    g_assert_no_error (error);
    g_assert_true (pw_store_add_pcn (store, "U12345", "Riverside PCN", 0, &pcn, &error));
    g_assert_true (pw_store_ensure_return (store, pcn, 2021, &ret, &error));
  }
  {
    g_autoptr(PwStore) store = pw_store_open (f->path, &error);   /* makes today's copy */

    g_assert_no_error (error);
    f->backups = pw_store_backup_dir (store);
  }
  page = root_page (f->path, "change_log_return");
  g_assert_false (g_file_test (f->wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (page, >, 1);
  g_assert_true (g_file_get_contents (f->path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >=, page * 4096);
  memset (bytes + (page - 1) * 4096, 0x5a, 4096);
  g_assert_true (g_file_set_contents (f->path, bytes, len, NULL));
  g_free (bytes);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  pw_test_rmdir (f->backups);
  pw_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->wal);
  g_free (f->backups);
}

static void
assert_refused (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (f->path, &error);

  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
}

/* A clean shutdown and today's copy made: no whole-file check at open,
 * but the check on demand finds the damage. */
static void
test_clean_open_skips_check (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (f->path, &error);
  g_autofree char *problems = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (pw_store_check (store, "PRAGMA integrity_check", &problems));
  g_assert_cmpstr (problems, !=, "");
  g_clear_pointer (&problems, g_free);
  g_assert_false (pw_store_check (store, "PRAGMA quick_check", &problems));
  g_assert_cmpstr (problems, !=, "");
}

static void
test_unclean_shutdown_checks (Fixture *f, gconstpointer data)
{
  pw_test_write (f->wal, "");    /* what a program killed mid-session leaves */
  assert_refused (f);
}

static void
test_first_open_of_day_checks (Fixture *f, gconstpointer data)
{
  pw_test_rmdir (f->backups);
  assert_refused (f);
}

/* `pcn-workbook-cli check`: ok on a sound workbook, the problems and exit
 * status 1 on a damaged one. */
static void
test_cli_check (Fixture *f, gconstpointer data)
{
  g_autofree char *sound = g_build_filename (f->dir, "sound.db", NULL);
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PW_CLI");

  if (cli == NULL)
    {
      g_test_skip ("PW_CLI is not set");
      return;
    }
  g_object_unref (pw_store_open (sound, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const char *argv[] = { cli, "--database", i == 0 ? sound : f->path, "check", NULL };
      g_autofree char *out = NULL, *err = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                                   &error));
      if (i == 0)
        {
          g_assert_true (g_spawn_check_wait_status (status, NULL));
          g_assert_cmpstr (out, ==, "ok\n");
        }
      else
        {
          g_assert_false (g_spawn_check_wait_status (status, NULL));
          g_assert_nonnull (strstr (err, "is damaged; restore it from a backup"));
          g_test_message ("%s", err);
          g_assert_nonnull (strstr (err, "Page "));   /* SQLite's own words for the damaged page */
        }
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/open/clean-open-skips-check", Fixture, NULL, fixture_setup, test_clean_open_skips_check,
              fixture_teardown);
  g_test_add ("/open/unclean-shutdown-checks", Fixture, NULL, fixture_setup, test_unclean_shutdown_checks,
              fixture_teardown);
  g_test_add ("/open/first-open-of-day-checks", Fixture, NULL, fixture_setup, test_first_open_of_day_checks,
              fixture_teardown);
  g_test_add ("/open/cli-check", Fixture, NULL, fixture_setup, test_cli_check, fixture_teardown);
  return g_test_run ();
}

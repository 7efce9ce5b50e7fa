/* What README.md says about where a workbook's automatic copies go, which
 * no other test checked: one private folder (0700) per workbook under the
 * user's data folder, named from the file and its full path.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "pw-store.h"
#include "pw-test-util.h"

/* Opens (creating) @dir/workbook.db and returns its backup folder. */
static char *
backup_dir_of (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "workbook.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);

  g_assert_no_error (error);
  /* Opening made the day's copy, so the folder is there. */
  g_assert_null (pw_store_get_backup_error (store));
  return pw_store_backup_dir (store);
}

static void
test_backup_folder (void)
{
  g_autofree char *one = pw_test_tmpdir ();
  g_autofree char *two = pw_test_tmpdir ();
  g_autofree char *first = backup_dir_of (one);
  g_autofree char *second = backup_dir_of (two);
  g_autofree char *parent = g_build_filename (g_get_user_data_dir (), "pcn-workbook", "backups", NULL);
  g_autofree char *name = g_path_get_basename (first);
  g_autofree char *in = g_path_get_dirname (first);
  GStatBuf st;

  g_assert_cmpstr (in, ==, parent);
  /* NAME-HASH: the file's name, then a hash of its full path, so two
   * workbook.db in different folders keep their copies apart. */
  g_assert_true (g_str_has_prefix (name, "workbook-"));
  g_assert_cmpuint (strlen (name), >, strlen ("workbook-"));
  g_assert_cmpstr (first, !=, second);
  {
    g_autofree char *again = backup_dir_of (one);
    g_assert_cmpstr (again, ==, first);
  }
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  pw_test_rmdir (first);
  pw_test_rmdir (second);
  pw_test_rmdir (one);
  pw_test_rmdir (two);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/claims/backup-folder", test_backup_folder);
  return g_test_run ();
}

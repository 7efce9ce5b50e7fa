/* Helpers shared by the tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

/* A fresh folder for one test, removed by the caller with pw_test_rmdir. */
static inline char *
pw_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pw-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
pw_test_rmdir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static inline GBytes *
pw_test_read (const char *path)
{
  char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static inline void
pw_test_write (const char *path,
               const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

/* One number from @path, read with a plain connection of its own (as
 * another program would), or -1 when the query yields no row. */
static inline gint64
pw_test_sql_int (const char *path,
                 const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* Runs @sql on @path with a plain connection, as another program would. */
static inline void
pw_test_exec (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

#ifdef PW_TEST_WITH_GTK
#include <gtk/gtk.h>

static inline gboolean
pw_test_quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets windows lay themselves out, draw, and run pending idles. */
static inline void
pw_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, pw_test_quit_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The first visible toplevel of @type, or NULL. */
static inline GtkWindow *
pw_test_find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l && !found; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}
#endif

#ifdef PW_TEST_WITH_STORE
#include "pw-store.h"

/* A new workbook holding one PCN, U12345, and, when the test's data is a
 * year (GINT_TO_POINTER (2021)), that PCN's return for it. */
typedef struct
{
  char *dir;
  char *path;
  PwStore *store;
  gint64 pcn;
  gint64 ret;                  /* 0 without a year */
} PwReturnFixture;

static inline void
pw_return_fixture_setup (PwReturnFixture *f,
                         gconstpointer    year)
{
  g_autoptr(GError) error = NULL;

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (f->store, "U12345", "Riverside PCN", 0, &f->pcn, &error));
  if (year != NULL)
    g_assert_true (pw_store_ensure_return (f->store, f->pcn, GPOINTER_TO_INT (year), &f->ret, &error));
  g_assert_no_error (error);
}

static inline void
pw_return_fixture_teardown (PwReturnFixture *f,
                            gconstpointer    year)
{
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}
#endif

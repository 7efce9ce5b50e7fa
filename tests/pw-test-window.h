/* Helpers for tests that drive a real window under Xvfb.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-demo.h"
#include "pw-window.h"

/* pw_test_wait_ms, pw_test_wait_for, pw_test_find_toplevel and
 * pw_test_save_screenshot are in pw-test-util.h (PW_TEST_WITH_GTK), which
 * the including test takes first. */

static inline gboolean
pw_test_window_idle (gpointer window)
{
  return !pw_window_is_busy (window);
}

/* Waits up to @seconds for @window's import or export (a worker thread) to
 * end, and fails the test if it has not. */
static inline void
pw_test_wait_window_idle (PwWindow *window,
                          guint     seconds)
{
  g_assert_true (pw_test_wait_for (pw_test_window_idle, window, seconds * 1000));
}

/* The fixture of the window tests that need only the demo workbook, open
 * and shown in a window. */
typedef struct
{
  char *dir;
  char *path;
  PwWindow *window;
} PwTestDemoWindow;

/* A new workbook at @path holding the demo data, open in a new window that
 * is shown and has drawn. */
static inline PwWindow *
pw_test_demo_window_new (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  PwWindow *window;

  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  g_clear_object (&store);
  window = pw_window_new (NULL);
  g_assert_true (pw_window_open_path (window, path, &error));
  gtk_window_present (GTK_WINDOW (window));
  pw_test_wait_ms (200);
  return window;
}

/* Closes every window the test opened (dialogs, the Contract window…),
 * then @window, the main one. */
static inline void
pw_test_close_windows (PwWindow *window)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (l->data != (gpointer) window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (GTK_WINDOW (window));
  pw_test_wait_ms (50);
}

static inline void
pw_test_demo_window_setup (PwTestDemoWindow *f,
                           gconstpointer     data)
{
  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  f->window = pw_test_demo_window_new (f->path);
}

/* Closes the test's windows and removes the workbook's folder. */
static inline void
pw_test_demo_window_teardown (PwTestDemoWindow *f,
                              gconstpointer     data)
{
  pw_test_close_windows (f->window);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Helpers for tests that drive a real window under Xvfb.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-demo.h"
#include "pw-window.h"

/* pw_test_wait_ms and pw_test_find_toplevel are in pw-test-util.h
 * (PW_TEST_WITH_GTK), which the including test takes first. */

/* Writes @widget as drawn to $PW_SCREENSHOT_DIR/@name, for people to see. */
static inline void
pw_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  const char *dir = g_getenv ("PW_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  paintable = gtk_widget_paintable_new (widget);
  /* A dialog just presented on a busy machine may not be drawn yet. */
  for (int tries = 0; node == NULL && tries < 40; tries++)
    {
      if (tries > 0)
        pw_test_wait_ms (50);
      w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The fixture of the window tests that need only the demo workbook, open
 * and shown in a window. */
typedef struct
{
  char *dir;
  char *path;
  PwWindow *window;
} PwTestDemoWindow;

static inline void
pw_test_demo_window_setup (PwTestDemoWindow *f,
                           gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;

  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_demo_load (store, &error));
  g_clear_object (&store);
  f->window = pw_window_new (NULL);
  g_assert_true (pw_window_open_path (f->window, f->path, &error));
  gtk_window_present (GTK_WINDOW (f->window));
  pw_test_wait_ms (200);
}

/* Closes every window the test opened (dialogs, the Contract window…),
 * then the main one, and removes the workbook's folder. */
static inline void
pw_test_demo_window_teardown (PwTestDemoWindow *f,
                              gconstpointer     data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (l->data != (gpointer) f->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (GTK_WINDOW (f->window));
  pw_test_wait_ms (50);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Helpers for tests that drive a real window under Xvfb.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

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

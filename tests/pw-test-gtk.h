/* Helpers for tests that drive a real window under Xvfb.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

static inline gboolean
pw_test_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the window lay itself out, draw, and run pending idles and timers. */
static inline void
pw_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, pw_test_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs whatever is ready (idles included), for at most @ms milliseconds:
 * a window that redraws without end must not hold the test forever. */
static inline void
pw_test_settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < until)
    ;
}

/* Runs the main loop until @cond holds, for at most @ms milliseconds;
 * returns whether it held.  Everything ready runs before each look, idles
 * included: on a loaded machine a short timer alone can be due at every
 * turn and starve them (the window saves from idle). */
static inline gboolean
pw_test_wait_for (gboolean (*cond) (gpointer), gpointer data, guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  for (;;)
    {
      pw_test_settle (200);
      if (cond (data) || g_get_monotonic_time () >= until)
        return cond (data);
      pw_test_wait_ms (20);
    }
}

static inline GtkWidget *
pw_test_child (gpointer widget, GType type, const char *name)
{
  GObject *obj = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (obj);
  return GTK_WIDGET (obj);
}

/* Writes @widget as drawn to $PW_SCREENSHOT_DIR/@name, for people to look at. */
static inline void
pw_test_screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("PW_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Real input for the window tests under Xvfb: keys and clicks made by the
 * X server's XTest extension.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/keysym.h>

/* pw_test_wait_ms is in pw-test-util.h (PW_TEST_WITH_GTK), which the
 * including test takes first. */

/* Real input: key presses and clicks made by the X server's XTest
 * extension (libXtst, loaded at run time so no -dev package is needed), so
 * they reach GTK as a keyboard's and a mouse's do, through focus, shortcuts
 * and gestures. */
static struct
{
  int (*key) (Display *, unsigned int, int, unsigned long);
  int (*button) (Display *, unsigned int, int, unsigned long);
  int (*motion) (Display *, int, int, int, unsigned long);
} xtest;

static inline Display *
x_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  if (xtest.key == NULL)
    {
      void *lib = dlopen ("libXtst.so.6", RTLD_NOW);

      g_assert_nonnull (lib);
      *(void **) &xtest.key = dlsym (lib, "XTestFakeKeyEvent");
      *(void **) &xtest.button = dlsym (lib, "XTestFakeButtonEvent");
      *(void **) &xtest.motion = dlsym (lib, "XTestFakeMotionEvent");
      g_assert_true (xtest.key && xtest.button && xtest.motion);
    }
  return gdk_x11_display_get_xdisplay (display);
}

/* Gives @window the keyboard focus, as a window manager would on a click. */
static inline void
x_focus (GtkWindow *window)
{
  Display *dpy = x_display ();
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  XRaiseWindow (dpy, gdk_x11_surface_get_xid (surface));
  XSetInputFocus (dpy, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (dpy, False);
  pw_test_wait_ms (100);
}

static inline void
x_key (KeySym sym, gboolean press)
{
  Display *dpy = x_display ();

  xtest.key (dpy, XKeysymToKeycode (dpy, sym), press, 0);
}

/* Presses and releases @keyval with @mods held, as a keyboard does, then
 * lets the window handle it for @ms. */
static inline void
send_key (guint keyval, GdkModifierType mods, guint ms)
{
  Display *dpy = x_display ();
  KeyCode code = XKeysymToKeycode (dpy, keyval);
  gboolean shift = (mods & GDK_SHIFT_MASK) || XkbKeycodeToKeysym (dpy, code, 0, 0) != keyval;

  g_assert_cmpuint (code, !=, 0);
  if (mods & GDK_CONTROL_MASK)
    x_key (XK_Control_L, TRUE);
  if (mods & GDK_ALT_MASK)
    x_key (XK_Alt_L, TRUE);
  if (shift)
    x_key (XK_Shift_L, TRUE);
  xtest.key (dpy, code, True, 0);
  xtest.key (dpy, code, False, 0);
  if (shift)
    x_key (XK_Shift_L, FALSE);
  if (mods & GDK_ALT_MASK)
    x_key (XK_Alt_L, FALSE);
  if (mods & GDK_CONTROL_MASK)
    x_key (XK_Control_L, FALSE);
  XSync (dpy, False);
  pw_test_wait_ms (ms);
}

static inline void
type_key (guint keyval, GdkModifierType mods)
{
  send_key (keyval, mods, 40);
}

/* Types ASCII text a key at a time. */
static inline void
type_text (const char *text)
{
  for (const char *p = text; *p; p++)
    send_key (*p == ' ' ? XK_space : (guint) (guchar) *p, 0, 5);
  pw_test_wait_ms (40);
}

/* Scrolls @widget's scrolled window, as a user would, so that it shows. */
static inline void
scroll_into_view (gpointer widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (widget), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  graphene_point_t at;

  if (scroller == NULL)
    return;
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (widget), scroller, &GRAPHENE_POINT_INIT (0, 0), &at));
  if (at.y < 0 || at.y + gtk_widget_get_height (GTK_WIDGET (widget)) > gtk_widget_get_height (scroller))
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + at.y - gtk_widget_get_height (scroller) / 3.0);
      pw_test_wait_ms (100);
    }
}

/* The middle of @widget on the screen, scrolled into view and checked to
 * be what a pointer there would hit. */
static inline void
screen_point (gpointer widget, int *rx, int *ry)
{
  Display *dpy = x_display ();
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (widget));
  graphene_point_t at;
  double sx = 0, sy = 0;
  Window ignored;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (widget)));
  scroll_into_view (widget);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (widget), GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (GTK_WIDGET (widget)) / 2.0,
                                                                 gtk_widget_get_height (GTK_WIDGET (widget)) / 2.0),
                                           &at));
  {
    GtkWidget *hit = gtk_widget_pick (GTK_WIDGET (native), at.x, at.y, GTK_PICK_DEFAULT);
    if (hit != widget && !gtk_widget_is_ancestor (hit, widget))
      g_error ("a click on the middle of %s would land on %s", G_OBJECT_TYPE_NAME (widget),
               hit ? G_OBJECT_TYPE_NAME (hit) : "nothing");
  }
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (gtk_native_get_surface (native)), DefaultRootWindow (dpy),
                         (int) (at.x + sx), (int) (at.y + sy), rx, ry, &ignored);
}

static inline void
pointer_to (int x, int y)
{
  xtest.motion (x_display (), -1, x, y, 0);
  XSync (x_display (), False);
  pw_test_wait_ms (15);
}

/* Clicks the middle of @widget with the first mouse button. */
static inline void
click (gpointer widget)
{
  int x = 0, y = 0;

  screen_point (widget, &x, &y);
  pointer_to (x, y);
  xtest.button (x_display (), 1, True, 0);
  xtest.button (x_display (), 1, False, 0);
  XSync (x_display (), False);
  pw_test_wait_ms (80);
}

/* Presses on @from, moves in steps to @to and lets go: a drag. */
static inline void
drag (gpointer from, gpointer to)
{
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  screen_point (from, &x0, &y0);
  screen_point (to, &x1, &y1);
  pointer_to (x0, y0);
  xtest.button (x_display (), 1, True, 0);
  XSync (x_display (), False);
  pw_test_wait_ms (50);
  for (int i = 1; i <= 12; i++)
    pointer_to (x0 + (x1 - x0) * i / 12, y0 + (y1 - y0) * i / 12);
  pw_test_wait_ms (100);
  xtest.button (x_display (), 1, False, 0);
  XSync (x_display (), False);
  pw_test_wait_ms (300);
}

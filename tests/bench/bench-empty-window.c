/* The floor for start-up: an empty libadwaita window (a header bar, the
 * app's default size) that quits on its first frame.  Prints the monotonic
 * time at the end of that frame (after-paint), in microseconds: the caller
 * notes the time before starting this process, so the difference is
 * process start → first frame, measured as `pcn-workbook
 * --quit-after-first-frame` measures it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  g_application_quit (app);
}

static void
on_realize_cb (GtkWidget    *window,
               GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), app);
}

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);   /* the app's default */
  g_signal_connect_after (window, "realize", G_CALLBACK (on_realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("uk.nhs.PcnWorkbook.BenchFloor", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* The main menu's keys the README names, pressed in the real window under
 * Xvfb: Ctrl+L opens the Locality page, Ctrl+I the import's file chooser,
 * Ctrl+E the export dialog, Ctrl+, Preferences.  Until now the tests
 * called these actions directly or only checked that the keys are listed.
 * And the README's end of an export: a message with Open and Show in
 * Folder for the file written.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-demo.h"
#include "pw-export-dialog.h"
#include "pw-locality-page.h"
#include "pw-preferences-window.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-test-window.h"
#include "pw-window.h"

typedef PwTestDemoWindow Fixture;

/* The first descendant of @w of @type, or NULL. */
static GtkWidget *
descendant (GtkWidget *w,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = descendant (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static void
press (Fixture *f,
       guint    keyval)
{
  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), keyval, GDK_CONTROL_MASK));
  pw_test_wait_ms (150);
}

static void
test_ctrl_l_opens_the_locality (Fixture *f, gconstpointer data)
{
  GtkWidget *page;

  g_assert_null (descendant (GTK_WIDGET (f->window), PW_TYPE_LOCALITY_PAGE));   /* built when first shown */
  press (f, GDK_KEY_l);
  page = descendant (GTK_WIDGET (f->window), PW_TYPE_LOCALITY_PAGE);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  /* The first locality, when no PCN is open. */
  g_assert_cmpint (pw_locality_page_get_locality (PW_LOCALITY_PAGE (page)), !=, 0);
}

static void
test_ctrl_i_asks_for_a_csv (Fixture *f, gconstpointer data)
{
  GtkWindow *chooser;

  g_assert_null (pw_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  press (f, GDK_KEY_i);
  chooser = pw_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Import CSV");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
test_ctrl_e_opens_the_export (Fixture *f, gconstpointer data)
{
  g_assert_null (pw_test_find_toplevel (PW_TYPE_EXPORT_DIALOG));
  press (f, GDK_KEY_e);
  g_assert_nonnull (pw_test_find_toplevel (PW_TYPE_EXPORT_DIALOG));
}

static void
test_ctrl_comma_opens_preferences (Fixture *f, gconstpointer data)
{
  g_assert_null (pw_test_find_toplevel (PW_TYPE_PREFERENCES_WINDOW));
  press (f, GDK_KEY_comma);
  g_assert_nonnull (pw_test_find_toplevel (PW_TYPE_PREFERENCES_WINDOW));
}

/* The first descendant of @w that acts on @action, or NULL. */
static GtkWidget *
actionable (GtkWidget  *w,
            const char *action)
{
  if (GTK_IS_ACTIONABLE (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = actionable (c, action);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_export_ends_with_open_and_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "appendix.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PwExportOptions options = { .year = pw_window_get_year (f->window), .committee = g_strdup ("PCCC") };
  GObject *overlay = G_OBJECT (descendant (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY));
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  AdwToast *toast;
  GtkWidget *folder, *label;

  pw_window_export_file (f->window, &options, file);
  while (pw_window_is_busy (f->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pw_window_is_busy (f->window));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  toast = g_object_get_data (overlay, "pw-export-toast");
  g_assert_nonnull (toast);
  label = descendant (adw_toast_get_custom_title (toast), GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Exported appendix.xlsx");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-export");
  folder = actionable (adw_toast_get_custom_title (toast), "win.show-export-folder");
  g_assert_nonnull (folder);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (folder)), ==, "Show in _Folder");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      return 0;
    }
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  gtk_init ();
  adw_init ();
  g_test_add ("/window-keys/ctrl-l-locality", Fixture, NULL, pw_test_demo_window_setup, test_ctrl_l_opens_the_locality,
              pw_test_demo_window_teardown);
  g_test_add ("/window-keys/ctrl-i-import", Fixture, NULL, pw_test_demo_window_setup, test_ctrl_i_asks_for_a_csv,
              pw_test_demo_window_teardown);
  g_test_add ("/window-keys/ctrl-e-export", Fixture, NULL, pw_test_demo_window_setup, test_ctrl_e_opens_the_export,
              pw_test_demo_window_teardown);
  g_test_add ("/window-keys/ctrl-comma-preferences", Fixture, NULL, pw_test_demo_window_setup,
              test_ctrl_comma_opens_preferences, pw_test_demo_window_teardown);
  g_test_add ("/window-keys/export-open-and-folder", Fixture, NULL, pw_test_demo_window_setup,
              test_export_ends_with_open_and_folder, pw_test_demo_window_teardown);
  return g_test_run ();
}

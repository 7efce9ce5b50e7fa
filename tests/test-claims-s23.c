/* What README.md says about the window that no other test pressed: on a
 * PCN's Profile, Ctrl+Shift+N is Add Practice — a new row at the top of the
 * practices, with the keyboard's focus in its code field — and the row is
 * saved once it has a code, a name and a list size.  (The other tests
 * clicked the button.)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>

#include "pw-practice-row.h"
#include "pw-profile-page.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-test-window.h"
#include "pw-window.h"

typedef PwTestDemoWindow Fixture;

static guint
n_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    n += PW_IS_PRACTICE_ROW (c);
  return n;
}

static guint
n_practices (Fixture    *f,
             const char *code)
{
  PwStore *store = pw_window_get_store (f->window);
  PwPcn *pcn = pw_store_find_pcn_by_code (store, code);
  g_autoptr(GListModel) practices = pw_store_list_practices (store, pw_pcn_get_id (pcn), NULL);

  return g_list_model_get_n_items (practices);
}

static void
type_into (GtkWidget  *row,
           const char *child,
           const char *text)
{
  GtkWidget *field = pw_test_child (row, PW_TYPE_PRACTICE_ROW, child);

  gtk_widget_grab_focus (field);
  gtk_editable_set_text (GTK_EDITABLE (field), text);
  pw_test_wait_ms (50);
}

static void
test_ctrl_shift_n_adds_a_practice (Fixture *f, gconstpointer data)
{
  PwPcn *pcn = pw_store_find_pcn_by_code (pw_window_get_store (f->window), "U90002");
  GtkWidget *page, *list, *row, *focus;
  guint rows, stored = n_practices (f, "U90002");

  pw_window_select_pcn (f->window, pw_pcn_get_id (pcn));
  pw_test_wait_ms (100);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pw_test_child (f->window, PW_TYPE_WINDOW, "pcn_stack")),
                                         "profile");
  pw_test_wait_ms (150);
  page = pw_window_get_page (f->window, "profile");
  list = pw_test_child (page, PW_TYPE_PROFILE_PAGE, "practice_list");
  rows = n_rows (list);
  gtk_widget_grab_focus (pw_test_child (page, PW_TYPE_PROFILE_PAGE, "name_row"));

  g_assert_true (pw_test_press_key (GTK_WINDOW (f->window), GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  pw_test_wait_ms (150);
  g_assert_cmpuint (n_rows (list), ==, rows + 1);
  row = gtk_widget_get_first_child (list);
  g_assert_true (PW_IS_PRACTICE_ROW (row));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, pw_test_child (row, PW_TYPE_PRACTICE_ROW, "code_row")));
  g_assert_cmpuint (n_practices (f, "U90002"), ==, stored);             /* nothing saved yet */

  type_into (row, "code_row", "L99998");
  type_into (row, "name_row", "Keyboard Surgery");
  g_assert_cmpuint (n_practices (f, "U90002"), ==, stored);             /* no list size yet */
  type_into (row, "list_size_row", "2,500");
  g_assert_cmpuint (n_practices (f, "U90002"), ==, stored + 1);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_getenv ("PW_ALLOW_NO_DISPLAY") != NULL)
        {
          g_print ("1..0 # SKIP no display: run under xvfb-run\n");
          return 0;
        }
      g_printerr ("No display: run the window tests under xvfb-run (or set PW_ALLOW_NO_DISPLAY=1 to skip them)\n");
      g_print ("1..1\nnot ok 1 /claims-s23/display # no display\n");
      return 1;
    }
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  gtk_init ();
  adw_init ();
  g_test_add ("/claims-s23/ctrl-shift-n-adds-a-practice", Fixture, NULL, pw_test_demo_window_setup,
              test_ctrl_shift_n_adds_a_practice, pw_test_demo_window_teardown);
  return g_test_run ();
}

/* Contract by Year… in the real window under Xvfb, with real key presses
 * (XTest): a DES specification and a funding stream of the
 * user's own are added by typing their names, a duplicate is refused with
 * a message, and the Plan and Workforce pages of the year then ask about
 * them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>

#include "pw-demo.h"
#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-roles-window.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-test-window.h"
#include "pw-test-xinput.h"
#include "pw-window.h"

#define PILOT "Neighbourhood health pilot"
#define STREAM "Local enhanced service"

typedef PwTestDemoWindow Fixture;

/* The visible preferences row titled @title under @widget, or NULL. */
static GtkWidget *
row_titled (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = row_titled (c, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Puts the focus in the entry row @title (as Tab would) and types @text
 * there with real key presses, then Enter. */
static GtkWidget *
type_into (GtkWindow  *window,
           const char *title,
           const char *text)
{
  GtkWidget *row = row_titled (GTK_WIDGET (window), title);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  pw_test_wait_ms (50);
  type_text (text);
  type_key (GDK_KEY_Return, 0);
  pw_test_wait_ms (150);
  return row_titled (GTK_WIDGET (window), title);   /* the group was filled again */
}

static GtkWindow *
open_contract_window (Fixture *f)
{
  GtkWindow *window = NULL;
  GtkWidget *des;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.manage-roles", NULL));
  for (int tries = 0; window == NULL && tries < 100; tries++)
    if ((window = pw_test_find_toplevel (PW_TYPE_ROLES_WINDOW)) == NULL)
      pw_test_wait_ms (50);
  g_assert_nonnull (window);
  pw_test_wait_ms (200);
  des = row_titled (GTK_WIDGET (window), "Add a specification of your own");
  g_assert_nonnull (des);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (des, ADW_TYPE_PREFERENCES_PAGE)));
  pw_test_wait_ms (150);
  x_focus (window);
  return window;
}

static void
test_add_items (Fixture *f, gconstpointer data)
{
  PwStore *store = pw_window_get_store (f->window);
  GtkWindow *window = open_contract_window (f);
  guint n_des = pw_store_contract_count (store, PW_CONTRACT_DES);
  guint n_streams = pw_store_contract_count (store, PW_CONTRACT_STREAM);
  GtkWidget *add, *page;
  int first = 0, last = 0;

  add = type_into (window, "Add a specification of your own", PILOT);
  g_assert_cmpuint (pw_store_contract_count (store, PW_CONTRACT_DES), ==, n_des + 1);
  g_assert_cmpstr (pw_store_contract_name (store, PW_CONTRACT_DES, n_des), ==, PILOT);
  g_assert_true (pw_store_contract_years (store, PW_CONTRACT_DES, n_des, &first, &last, NULL, NULL));
  g_assert_cmpint (first, ==, pw_current_year ());
  g_assert_cmpint (last, ==, 0);
  g_assert_nonnull (row_titled (GTK_WIDGET (window), PILOT));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");

  /* The same name again (case aside) is refused, and says why. */
  add = type_into (window, "Add a specification of your own", "neighbourhood health PILOT");
  g_assert_cmpuint (pw_store_contract_count (store, PW_CONTRACT_DES), ==, n_des + 1);
  g_assert_true (gtk_widget_has_css_class (add, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (add), ==, "There is already a DES specification called “" PILOT "”");

  type_into (window, "Add a funding stream of your own", STREAM);
  g_assert_cmpuint (pw_store_contract_count (store, PW_CONTRACT_STREAM), ==, n_streams + 1);
  g_assert_nonnull (row_titled (GTK_WIDGET (window), STREAM));
  pw_test_save_screenshot (GTK_WIDGET (window), "contract-added.png");
  gtk_window_destroy (window);
  pw_test_wait_ms (100);

  /* This year's Plan and Workforce pages ask about them. */
  pw_window_select_pcn (f->window, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U90001")));
  pw_test_wait_ms (200);
  page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window), PW_TYPE_WINDOW, "pcn_stack"));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (page), "plan");
  pw_test_wait_ms (200);
  g_assert_nonnull (row_titled (adw_view_stack_get_visible_child (ADW_VIEW_STACK (page)), PILOT));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (page), "workforce");
  pw_test_wait_ms (200);
  g_assert_nonnull (row_titled (adw_view_stack_get_visible_child (ADW_VIEW_STACK (page)), STREAM));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no X display: run under xvfb-run\n");
      return 0;
    }
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  gtk_init ();
  adw_init ();
  g_test_add ("/window-contract/add-items", Fixture, NULL, pw_test_demo_window_setup, test_add_items, pw_test_demo_window_teardown);
  return g_test_run ();
}

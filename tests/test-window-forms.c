/* Return forms from the real window under Xvfb: Send Return Forms… writes
 * them (read back with openpyxl), Import Return Forms… and files dropped
 * on the window show what each would change, and Apply writes it.  The
 * file choosers are answered as a person would, through the chooser
 * dialog itself (no portal under Xvfb: GtkFileChooserNative shows one).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "pw-demo.h"
#include "pw-forms-dialog.h"
#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-roles-window.h"
#include "pw-return-form.h"
#define PW_TEST_WITH_GTK
#include "pw-test-util.h"
#include "pw-test-window.h"
#include "pw-window.h"

typedef struct
{
  char *dir;
  char *path;
  char *forms;                 /* a folder for the forms */
  PwWindow *window;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = pw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "workbook.db", NULL);
  f->forms = g_build_filename (f->dir, "forms", NULL);
  g_mkdir (f->forms, 0700);
  f->window = pw_test_demo_window_new (f->path);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  pw_test_close_windows (f->window);
  pw_test_rmdir (f->dir);
  g_free (f->forms);
  g_free (f->path);
  g_free (f->dir);
}

static void
wait_until_idle (PwWindow *window)
{
  pw_test_wait_ms (50);
  pw_test_wait_window_idle (window, 60);
  pw_test_wait_ms (100);
}

/* Says what is open instead, when a test fails for want of a window. */
static void
list_toplevels (void)
{
  GList *all = gtk_window_list_toplevels ();

  for (GList *l = all; l; l = l->next)
    g_test_message ("open: %s %s", G_OBJECT_TYPE_NAME (l->data),
                    ADW_IS_MESSAGE_DIALOG (l->data) ? adw_message_dialog_get_body (l->data) : "");
  g_list_free (all);
}

static GtkWindow *
wait_for_toplevel (GType type)
{
  GtkWindow *found = NULL;

  for (int tries = 0; found == NULL && tries < 100; tries++)
    if ((found = pw_test_find_toplevel (type)) == NULL)
      pw_test_wait_ms (50);
  if (found == NULL)
    list_toplevels ();
  g_assert_nonnull (found);
  return found;
}

/* Answers the open file chooser as a person would: @file chosen, or for a
 * folder chooser @folder shown; then Open. */
static void
answer_chooser (const char *folder,
                const char *file)
{
  GtkWindow *chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_autoptr(GFile) chosen = g_file_new_for_path (file ? file : folder);
  g_autoptr(GError) error = NULL;

  /* One or the other: setting both cancels the first folder's loading,
   * and the chooser says so in a dialog of its own. */
  if (file != NULL)
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), chosen, &error));
  else
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), chosen, &error));
  g_assert_no_error (error);
  pw_test_wait_ms (200);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* Sets cells of the form @path, as a PCN manager would: "Sheet!A1=value;…",
 * numbers as numbers. */
static void
fill_form (const char *path,
           const char *cells)
{
  g_free (pw_test_python ("import openpyxl, sys\n"
                  "wb = openpyxl.load_workbook(sys.argv[1])\n"
                  "for part in sys.argv[2].split(';'):\n"
                  "    ref, value = part.split('=', 1)\n"
                  "    sheet, cell = ref.split('!')\n"
                  "    try: value = float(value)\n"
                  "    except ValueError: pass\n"
                  "    wb[sheet][cell] = value\n"
                  "wb.save(sys.argv[1])\n", path, cells));
}

/* The form of the PCN coded @code in the forms folder. */
static char *
form_of (Fixture    *f,
         const char *code)
{
  g_autoptr(GDir) dir = g_dir_open (f->forms, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, code))
      return g_build_filename (f->forms, name, NULL);
  g_assert_not_reached ();
}

static void
send_forms_from_the_menu (Fixture *f)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.send-forms", NULL));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  answer_chooser (f->forms, NULL);
  wait_until_idle (f->window);
}

/* Every label under @widget, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, out);
}

static PwFormsDialog *
preview (GString **text)
{
  PwFormsDialog *dialog = PW_FORMS_DIALOG (wait_for_toplevel (PW_TYPE_FORMS_DIALOG));

  pw_test_wait_ms (200);
  *text = g_string_new (NULL);
  collect_labels (GTK_WIDGET (dialog), *text);
  g_test_message ("preview:\n%s", (*text)->str);
  return dialog;
}

/* Whether a message dialog headed @heading is open. */
static gboolean
dialog_says (const char *heading)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l; l = l->next)
    found |= ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
             g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0;
  g_list_free (toplevels);
  return found;
}

static gint64
sql_int (Fixture    *f,
         const char *query)
{
  return pw_test_sql_int (f->path, query);
}

static char *
return_where (const char *code,
              int         year,
              const char *what)
{
  return g_strdup_printf ("SELECT %s FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id WHERE p.code = '%s' AND r.year = %d",
                          what, code, year);
}

static void
test_send_and_import (Fixture *f, gconstpointer data)
{
  int year = pw_window_get_year (f->window);
  g_autofree char *fy = pw_format_year (year);
  g_autofree char *form = NULL, *out = NULL, *want = NULL, *status = return_where ("U90001", year, "r.status");
  g_autofree char *level = NULL, *logged = NULL;
  g_autoptr(GString) text = NULL;
  PwFormsDialog *dialog;
  int step3 = 0;
  gint64 n_pcns = pw_test_sql_int (f->path, "SELECT count(*) FROM pcn WHERE archived_from IS NULL");

  /* Out: one form per PCN, named by its code, read back with openpyxl. */
  send_forms_from_the_menu (f);
  form = form_of (f, "U90001");
  out = pw_test_python ("import openpyxl, os, sys\n"
                "print(len([n for n in os.listdir(sys.argv[1]) if n.endswith('.xlsx')]))\n"
                "wb = openpyxl.load_workbook(sys.argv[2])\n"
                "print(wb.sheetnames, wb['Form']['B2'].value, wb['Form']['B3'].value, wb['Maturity']['A2'].value)\n",
                f->forms, form);
  want = g_strdup_printf ("%" G_GINT64_FORMAT "\n['Instructions', 'Profile', 'Maturity', 'Achievements', 'SWOT', "
                          "'Workforce', 'Plan', 'Form'] U90001 %s Domain\n", n_pcns, fy);
  g_assert_cmpstr (out, ==, want);

  /* Back: the PCN changed two values; the preview lists them. */
  fill_form (form, "Maturity!B3=Step 3;Profile!B6=Dr New Director");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-forms", NULL));
  answer_chooser (f->forms, form);
  wait_until_idle (f->window);
  dialog = preview (&text);
  want = g_strdup_printf ("U90001 · %s\n", fy);
  g_assert_nonnull (strstr (text->str, want));
  g_assert_nonnull (strstr (text->str, "Maturity · Leadership, planning and partnerships: level: "));
  g_assert_nonnull (strstr (text->str, " → Step 3\n"));
  g_assert_nonnull (strstr (text->str, "Profile · Clinical director: "));
  g_assert_nonnull (strstr (text->str, " → Dr New Director\n"));
  pw_test_save_screenshot (GTK_WIDGET (dialog), "forms-preview.png");
  /* Nothing is written before Apply. */
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM change_log WHERE source LIKE 'return form %'"), ==, 0);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  wait_until_idle (f->window);
  g_assert_cmpint (sql_int (f, status), ==, 1);   /* submitted */
  level = g_strdup_printf ("SELECT m.level FROM maturity m JOIN pcn_return r ON r.id = m.return_id JOIN pcn p "
                           "ON p.id = r.pcn_id WHERE p.code = 'U90001' AND r.year = %d AND m.domain = 'leadership'", year);
  g_assert_true (pw_level_parse ("Step 3", &step3, NULL));
  g_assert_cmpint (sql_int (f, level), ==, step3);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM pcn WHERE code = 'U90001' AND clinical_director = 'Dr New Director'"),
                   ==, 1);
  logged = g_strdup_printf ("SELECT count(*) FROM change_log WHERE source = 'return form %s'", strrchr (form, '/') + 1);
  g_assert_cmpint (sql_int (f, logged), >=, 2);
}

/* A form with "Step 7" is refused naming the cell; one dropped with it
 * still goes in; nothing of the bad one is kept. */
static void
test_drop_with_a_bad_form (Fixture *f, gconstpointer data)
{
  int year = pw_window_get_year (f->window);
  g_autofree char *good = NULL, *bad = NULL, *bad_status = return_where ("U90002", year, "count(*)");
  g_autofree char *good_status = return_where ("U90001", year, "r.status");
  g_autoptr(GString) text = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = NULL;
  GtkDropTarget *target = NULL;
  PwFormsDialog *dialog;
  gint64 bad_before = sql_int (f, bad_status);
  gboolean dropped = FALSE;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));

  send_forms_from_the_menu (f);
  good = form_of (f, "U90001");
  bad = form_of (f, "U90002");
  fill_form (good, "Maturity!B4=Step 2");
  fill_form (bad, "Maturity!B3=Step 3;Maturity!B7=Step 7");
  files = g_slist_append (g_slist_append (NULL, g_file_new_for_path (good)), g_file_new_for_path (bad));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_assert_true (dropped);
  wait_until_idle (f->window);

  dialog = preview (&text);
  g_assert_nonnull (strstr (text->str, "Maturity!B7: “Step 7” is not a level; use "));
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                                   "1 form to apply, 1 change in all; applying marks the returns submitted. "
                                   "1 form is refused: nothing from it will be kept."));
  pw_test_save_screenshot (GTK_WIDGET (dialog), "forms-preview-refused.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  wait_until_idle (f->window);
  /* Only the good form was applied: nothing to complain of. */
  g_assert_false (dialog_says ("Some Forms Were Refused"));
  g_assert_cmpint (sql_int (f, good_status), ==, 1);
  g_assert_cmpint (sql_int (f, bad_status), ==, bad_before);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM change_log WHERE source LIKE 'return form U90002%'"), ==, 0);
}

/* The row titled @title under @widget, or NULL. */
static GtkWidget *
row_titled (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = row_titled (c, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The @nth (from 0) GtkEntry under @widget, or NULL. */
static GtkWidget *
nth_entry (GtkWidget *widget,
           guint     *nth)
{
  if (GTK_IS_ENTRY (widget) && (*nth)-- == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = nth_entry (c, nth);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Types @text in the row's first (0) or last (1) year and presses Enter. */
static GtkWidget *
type_year (GtkWidget  *row,
           guint       which,
           const char *text)
{
  GtkWidget *entry = nth_entry (row, &which);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");   /* Enter */
  pw_test_wait_ms (50);
  return entry;
}

/* Contract by Year…: a DES specification's years typed in the window are
 * kept, and a form of a year it now applies to asks about it. */
static void
test_contract_years (Fixture *f, gconstpointer data)
{
  PwStore *store = pw_window_get_store (f->window);
  int year = pw_window_get_year (f->window), first = 0, last = 0;
  guint spec = 0;
  GtkWindow *window;
  GtkWidget *row, *entry;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *form = NULL;

  g_assert_true (pw_des_from_key ("personalised", &spec));
  g_assert_false (pw_store_contract_applies (store, PW_CONTRACT_DES, spec, year));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.manage-roles", NULL));
  window = wait_for_toplevel (PW_TYPE_ROLES_WINDOW);
  row = row_titled (GTK_WIDGET (window), "Personalised care");
  g_assert_nonnull (row);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_PAGE)));

  /* A last year before the first is refused, and nothing changes. */
  entry = type_year (row, 1, "2019/20");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (pw_store_contract_years (store, PW_CONTRACT_DES, spec, &first, &last, NULL, &error));
  g_assert_cmpint (last, ==, 2023);
  /* Blank: it still applies. */
  entry = type_year (row, 1, "");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (pw_store_contract_years (store, PW_CONTRACT_DES, spec, &first, &last, NULL, &error));
  g_assert_cmpint (first, ==, 2020);
  g_assert_cmpint (last, ==, 0);
  pw_test_save_screenshot (GTK_WIDGET (window), "contract-years.png");
  gtk_window_destroy (window);

  /* This year's forms now ask about it. */
  send_forms_from_the_menu (f);
  form = form_of (f, "U90001");
  out = pw_test_python ("import openpyxl, sys\n"
                "wb = openpyxl.load_workbook(sys.argv[1])\n"
                "print(any(c.value == 'Personalised care' for r in wb['Plan'].iter_rows() for c in r))\n", form, NULL);
  g_assert_cmpstr (out, ==, "True\n");
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
  g_test_add ("/window-forms/send-and-import", Fixture, NULL, fixture_setup, test_send_and_import, fixture_teardown);
  g_test_add ("/window-forms/drop-with-a-bad-form", Fixture, NULL, fixture_setup, test_drop_with_a_bad_form,
              fixture_teardown);
  g_test_add ("/window-forms/contract-years", Fixture, NULL, fixture_setup, test_contract_years, fixture_teardown);
  return g_test_run ();
}

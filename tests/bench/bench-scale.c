/* Benchmark at national scale: 1,250 PCNs, 6,250 practices, 42 localities.
 * Times the CSV import, a no-op re-import, opening the workbook, a single
 * edit (write + live-row refresh), and the appendix export.  Prints
 * milliseconds; asserts nothing about speed (see `meson test --benchmark`).
 * With a display, also times the window: loading the list, searching, and
 * selecting a PCN.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>

#include "pw-export.h"
#include "pw-import.h"
#include "pw-parse.h"
#include "pw-store.h"
#include "pw-test-util.h"
#include "pw-window.h"

#define N_PCNS 1250
#define PRACTICES_PER_PCN 5

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static char *
make_csv (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("pcn_code,pcn_name,locality,practice_code,practice_name,list_size,"
                                         "clinical_director,cd_wte\n");
  char *path = g_build_filename (dir, "national.csv", NULL);

  for (int p = 0; p < N_PCNS; p++)
    for (int q = 0; q < PRACTICES_PER_PCN; q++)
      g_string_append_printf (csv, "U%05d,Network %04d PCN,Locality %02d,%c%05d,Practice %d-%d,%d,Dr %d,0.25\n",
                              10000 + p, p, p % 42, 'A' + (p * PRACTICES_PER_PCN + q) / 99999,
                              (p * PRACTICES_PER_PCN + q) % 99999 + 1, p, q, 3000 + (p * 37 + q * 911) % 12000, p);
  pw_test_write (path, csv->str);
  return path;
}

static char *
make_maturity_csv (const char *dir)
{
  static const char *levels[] = { "Foundation", "Step 1/2", "Foundation/ Step 1", "Step 2", "0.5", "Step 1 to 2",
                                  "Pre-foundation", "Step 3", "No score", "Step 2-3" };
  static const char *domains[] = { "leadership", "data", "integrating", "resources", "people" };
  g_autoptr(GString) csv = g_string_new ("pcn_code,year,domain,level\n");
  char *path = g_build_filename (dir, "maturity.csv", NULL);

  for (int p = 0; p < N_PCNS; p++)
    for (int d = 0; d < 5; d++)
      g_string_append_printf (csv, "U%05d,2021/22,%s,%s\n", 10000 + p, domains[d], levels[(p * 3 + d) % 10]);
  pw_test_write (path, csv->str);
  return path;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
bench_window (const char *db)
{
  g_autoptr(GError) error = NULL;
  PwWindow *window;
  GtkEditable *search;
  GListModel *model;
  PwStore *store;
  gint64 t;

  t = g_get_monotonic_time ();
  window = pw_window_new (NULL);
  g_assert_true (pw_window_open_path (window, db, &error));
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_print ("window: open workbook, show %d PCNs and the overview heatmap: %.1f ms\n", N_PCNS, ms_since (t));
  wait_ms (300);

  search = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), PW_TYPE_WINDOW, "search_entry"));
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (
      gtk_widget_get_template_child (GTK_WIDGET (window), PW_TYPE_WINDOW, "pcn_list"))));
  t = g_get_monotonic_time ();
  g_signal_emit_by_name (search, "search-changed");   /* skip the entry's typing delay */
  gtk_editable_set_text (search, "network 12");
  g_signal_emit_by_name (search, "search-changed");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_print ("window: search \"network 12\" over %d PCNs (%u matches), filter and redraw: %.1f ms\n",
           N_PCNS, g_list_model_get_n_items (model), ms_since (t));
  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  while (g_main_context_iteration (NULL, FALSE))
    ;

  store = pw_window_get_store (window);
  {
    GtkDropDown *years = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (window), PW_TYPE_WINDOW, "year_dropdown"));
    guint now = gtk_drop_down_get_selected (years);

    for (int i = 0; i < 2; i++)
      {
        t = g_get_monotonic_time ();
        gtk_drop_down_set_selected (years, i == 0 ? 2 : now);   /* 2021/22 has the levels */
        while (g_main_context_iteration (NULL, FALSE))
          ;
        g_print ("window: switch year and redraw the overview of %d PCNs (%s): %.1f ms\n", N_PCNS,
                 i == 0 ? "with levels" : "empty year", ms_since (t));
      }
    gtk_drop_down_set_selected (years, 2);
  }
  /* The first profile shown pays once for building and styling the page;
   * a PCN far down the list also scrolls the sidebar (rebinding its rows),
   * a neighbour does not. */
  {
    static const struct { const char *code, *what; } picks[] = {
      { "U10625", "first time, halfway down the list" }, { "U10001", "at the top: the list scrolls back" },
      { "U10002", "the next one: no scrolling" }, { "U10003", "the next one: no scrolling" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
      {
        t = g_get_monotonic_time ();
        pw_window_select_pcn (window, pw_pcn_get_id (pw_store_find_pcn_by_code (store, picks[i].code)));
        while (g_main_context_iteration (NULL, FALSE))
          ;
        g_print ("window: select a PCN and show its profile (%s): %.1f ms\n", picks[i].what, ms_since (t));
      }
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "national.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "national.xlsx", NULL);
  g_autofree char *csv = make_csv (dir);
  g_autofree char *maturity = make_maturity_csv (dir);
  g_auto(PwExportOptions) options = { .year = 2021 };
  g_autoptr(GError) error = NULL;
  PwImportSummary summary;
  PwStore *store;
  gint64 t;

  setlocale (LC_ALL, "");
  store = pw_store_open (db, &error);
  g_assert_no_error (error);

  t = g_get_monotonic_time ();
  g_assert_true (pw_import_profiles (store, csv, NULL, NULL, NULL, &summary, &error));
  g_print ("import: %u rows, %u PCNs, %u practices: %.1f ms\n", summary.rows, summary.pcns_added,
           summary.practices_added, ms_since (t));
  t = g_get_monotonic_time ();
  g_assert_true (pw_import_maturity (store, maturity, NULL, NULL, NULL, &summary, &error));
  g_print ("import maturity: %u rows, %u returns: %.1f ms\n", summary.rows, summary.returns_added, ms_since (t));
  t = g_get_monotonic_time ();
  pw_import_profiles (store, csv, NULL, NULL, NULL, &summary, &error);
  g_assert_no_error (error);
  g_print ("re-import of the same file (no changes): %.1f ms\n", ms_since (t));
  g_object_unref (store);

  t = g_get_monotonic_time ();
  store = pw_store_open (db, &error);
  g_assert_no_error (error);
  g_print ("open the workbook and load %u PCNs: %.1f ms\n",
           g_list_model_get_n_items (pw_store_get_pcns (store)), ms_since (t));

  t = g_get_monotonic_time ();
  for (int i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr Edit %d", i);
      g_assert_true (pw_store_set_pcn_text (store, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U10500")),
                                            PW_PCN_CLINICAL_DIRECTOR, name, &error));
    }
  g_print ("one field edit (find, write, fsync, refresh): %.2f ms each\n", ms_since (t) / 100);

  /* The window polls every 2 s for other programs' writes. */
  pw_store_poll_external (store, NULL);
  t = g_get_monotonic_time ();
  for (int i = 0; i < 1000; i++)
    g_assert_false (pw_store_poll_external (store, NULL));
  g_print ("poll for other programs' writes, nothing changed: %.3f ms each\n", ms_since (t) / 1000);
  {
    g_autoptr(PwStore) other = pw_store_open (db, &error);

    g_assert_true (pw_store_set_pcn_text (other, pw_pcn_get_id (pw_store_find_pcn_by_code (other, "U10500")),
                                          PW_PCN_MANAGER, "Changed Elsewhere", &error));
    t = g_get_monotonic_time ();
    g_assert_true (pw_store_poll_external (store, &error));
    g_print ("poll after another program's write (re-read %u PCNs): %.1f ms\n",
             g_list_model_get_n_items (pw_store_get_pcns (store)), ms_since (t));
  }

  t = g_get_monotonic_time ();
  g_assert_true (pw_export_appendix (store, &options, xlsx, NULL, NULL, NULL, &error));
  g_print ("export appendix for %d PCNs: %.1f ms\n", N_PCNS, ms_since (t));
  g_object_unref (store);

  if (g_getenv ("DISPLAY") != NULL)
    {
      gtk_init ();
      adw_init ();
      bench_window (db);
    }
  pw_test_rmdir (dir);
  return 0;
}

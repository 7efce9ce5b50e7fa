/* Benchmark at national scale: 1,250 PCNs, 6,250 practices, 42 localities,
 * 25,000 maturity rows over four years, ARRS, SWOT and funding.  Times the
 * CSV imports beside their floors (bench-floor.c), no-op re-imports,
 * opening the workbook, the appendix export beside raw libxlsxwriter
 * writing the same cells, and a single edit (write + live-row refresh).
 * Each job runs PW_BENCH_RUNS times (5); the table gives min and median in
 * milliseconds and the ratio to the floor.  Asserts nothing about speed
 * (see `meson test --benchmark` and build-aux/bench.sh).
 * With a display, also times the window beside its floors (bench-window.c):
 * start-up, searching, switching year and selecting a PCN.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>

#include "pw-export.h"
#include "pw-import.h"
#include "pw-parse.h"
#include "pw-store.h"
#include "pw-test-util.h"

#include "bench-floor.h"
#include "bench-window.h"

/* PW_BENCH_PCNS=12500 for the growth check; PW_BENCH_RUNS runs per job. */
static int n_pcns = 1250;
static int n_runs = 5;
#define PRACTICES_PER_PCN 5
#define FIRST_YEAR 2019
#define N_YEARS 4

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

typedef struct
{
  double min, median;
} Figure;

static Figure
figure_of (GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  return (Figure) { g_array_index (ms, double, 0), g_array_index (ms, double, ms->len / 2) };
}

/* One line of the table: the app's figure, the floor's and their ratio
 * (median over median; min over min in brackets). */
static void
report (const char *job,
        Figure      now,
        Figure      floor)
{
  if (floor.median > 0)
    g_print ("| %-44s | %8.1f | %8.1f | %8.1f | %8.1f | %5.2f× (%.2f×) |\n", job, now.min, now.median,
             floor.min, floor.median, now.median / floor.median, now.min / floor.min);
  else
    g_print ("| %-44s | %8.1f | %8.1f | %8s | %8s | %14s |\n", job, now.min, now.median, "", "", "");
}

static void
print_header (void)
{
  g_print ("\n%d PCNs, %d runs per job, milliseconds\n", n_pcns, n_runs);
  g_print ("| %-44s | %8s | %8s | %8s | %8s | %14s |\n", "job", "now min", "now med", "floor min", "floor med",
           "ratio (min)");
  g_print ("|%s|\n", "----------------------------------------------|----------|----------|----------|----------|----------------");
}

static char *
write_csv (const char *dir,
           const char *name,
           GString    *csv)
{
  char *path = g_build_filename (dir, name, NULL);

  pw_test_write (path, csv->str);
  return path;
}

static char *
make_csv (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("pcn_code,pcn_name,locality,practice_code,practice_name,list_size,"
                                         "clinical_director,cd_wte\n");

  for (int p = 0; p < n_pcns; p++)
    for (int q = 0; q < PRACTICES_PER_PCN; q++)
      g_string_append_printf (csv, "U%05d,Network %05d PCN,Locality %02d,%c%05d,Practice %d-%d,%d,Dr %d,0.25\n",
                              10000 + p, p, p % 42, 'A' + (p * PRACTICES_PER_PCN + q) / 99999,
                              (p * PRACTICES_PER_PCN + q) % 99999 + 1, p, q, 3000 + (p * 37 + q * 911) % 12000, p);
  return write_csv (dir, "national.csv", csv);
}

/* Four years of the five domains for every PCN: 25,000 rows nationally. */
static char *
make_maturity_csv (const char *dir)
{
  static const char *levels[] = { "Foundation", "Step 1/2", "Foundation/ Step 1", "Step 2", "0.5", "Step 1 to 2",
                                  "Pre-foundation", "Step 3", "No score", "Step 2-3" };
  static const char *domains[] = { "leadership", "data", "integrating", "resources", "people" };
  g_autoptr(GString) csv = g_string_new ("pcn_code,year,domain,level\n");

  for (int y = FIRST_YEAR; y < FIRST_YEAR + N_YEARS; y++)
    for (int p = 0; p < n_pcns; p++)
      for (int d = 0; d < 5; d++)
        g_string_append_printf (csv, "U%05d,%d/%02d,%s,%s\n", 10000 + p, y, (y + 1) % 100, domains[d],
                                levels[(p * 3 + d + y) % 10]);
  return write_csv (dir, "maturity.csv", csv);
}

/* ARRS (three roles), SWOT (one item per quadrant) and funding (two
 * streams) for the last year: the rest of the national data set. */
static void
import_the_rest (PwStore    *store,
                 const char *dir)
{
  static const char *roles[] = { "Clinical pharmacist", "Social prescribing link worker", "Care coordinator" };
  g_autoptr(GString) arrs = g_string_new ("pcn_code,year,role,wte_in_post\n");
  g_autoptr(GString) swot = g_string_new ("pcn_code,year,quadrant,text\n");
  g_autoptr(GString) funding = g_string_new ("pcn_code,year,stream,amount\n");
  g_autofree char *a = NULL, *s = NULL, *f = NULL;
  int y = FIRST_YEAR + N_YEARS - 1;
  g_autoptr(GError) error = NULL;

  for (int p = 0; p < n_pcns; p++)
    {
      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        g_string_append_printf (arrs, "U%05d,%d/%02d,%s,%d.%02d\n", 10000 + p, y, (y + 1) % 100, roles[r],
                                1 + (p + r) % 4, (p * 7) % 100);
      for (const char *q = "SWOT"; *q; q++)
        g_string_append_printf (swot, "U%05d,%d/%02d,%c,Item %c of network %d\n", 10000 + p, y, (y + 1) % 100,
                                *q, *q, p);
      g_string_append_printf (funding, "U%05d,%d/%02d,arrs,%d\nU%05d,%d/%02d,cd,%d\n", 10000 + p, y, (y + 1) % 100,
                              200000 + p * 13, 10000 + p, y, (y + 1) % 100, 30000 + p);
    }
  a = write_csv (dir, "arrs.csv", arrs);
  s = write_csv (dir, "swot.csv", swot);
  f = write_csv (dir, "funding.csv", funding);
  g_assert_true (pw_import_arrs (store, a, NULL, NULL, NULL, NULL, &error));
  g_assert_true (pw_import_swot (store, s, NULL, NULL, NULL, NULL, &error));
  g_assert_true (pw_import_funding (store, f, NULL, NULL, NULL, NULL, &error));
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) a = g_file_new_for_path (from);
  g_autoptr(GFile) b = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (a, b, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
}

/* The store's daily copy is made at the first open of a day; removing the
 * copies makes the next open the first of the day again. */
static void
forget_backups (PwStore *store)
{
  g_autofree char *dir = pw_store_backup_dir (store);

  pw_test_rmdir (dir);
}

static PwStore *
open_copy (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  PwStore *store;

  copy_file (from, to);
  store = pw_store_open (to, &error);
  g_assert_no_error (error);
  forget_backups (store);
  return store;
}

typedef gboolean (*ImportFunc) (PwStore *, const char *, PwProgressFunc, gpointer, GCancellable *,
                                PwImportSummary *, GError **);

/* Times @import of @csv into a fresh copy of @base, n_runs times. */
static Figure
time_import (const char *base,
             const char *work,
             ImportFunc  import,
             const char *csv)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; r < n_runs; r++)
    {
      g_autoptr(PwStore) store = open_copy (base, work);
      g_autoptr(GError) error = NULL;
      gint64 t = g_get_monotonic_time ();
      double took;

      g_assert_true (import (store, csv, NULL, NULL, NULL, NULL, &error));
      took = ms_since (t);
      g_array_append_val (ms, took);
    }
  return figure_of (ms);
}

static Figure
time_floor (void      (*load) (const char *, const char *),
            const char *csv,
            const char *db)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; r < n_runs; r++)
    {
      gint64 t = g_get_monotonic_time ();
      double took;

      load (csv, db);
      took = ms_since (t);
      g_array_append_val (ms, took);
    }
  return figure_of (ms);
}

/* The window's rows (bench-window.c) in this table. */
static void
report_runs (const char *job,
             GArray     *now,
             GArray     *floor)
{
  report (job, figure_of (now), floor ? figure_of (floor) : (Figure) { 0 });
}

/* Opening: the first open of a day also makes the daily VACUUM INTO copy. */
static void
bench_open (const char *db)
{
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *backups = NULL;

  {
    g_autoptr(PwStore) store = pw_store_open (db, NULL);
    backups = pw_store_backup_dir (store);
  }
  for (int r = 0; r < 2 * n_runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwStore) store = NULL;
      gint64 t;
      double took;

      if (r % 2 == 0)
        pw_test_rmdir (backups);
      t = g_get_monotonic_time ();
      store = pw_store_open (db, &error);
      took = ms_since (t);
      g_assert_no_error (error);
      g_array_append_val (r % 2 == 0 ? first : later, took);
    }
  report ("open + load PCNs, first of the day (backup)", figure_of (first), (Figure) { 0 });
  report ("open + load PCNs, later that day", figure_of (later), (Figure) { 0 });
}

/* The export, and raw libxlsxwriter writing the cells it wrote. */
static void
bench_export (const char *dir,
              const char *db)
{
  g_autofree char *xlsx = g_build_filename (dir, "national.xlsx", NULL);
  g_autofree char *raw = g_build_filename (dir, "raw.xlsx", NULL);
  g_autofree char *tsv = g_build_filename (dir, "cells.tsv", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("TESTS_SRCDIR") ? g_getenv ("TESTS_SRCDIR") : "tests",
                                              "bench", "xlsx-cells.py", NULL);
  g_autoptr(GArray) now = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "/usr/bin/python3", script, xlsx, tsv, NULL };
  g_auto(PwExportOptions) options = { .year = FIRST_YEAR + N_YEARS - 1 };

  store = pw_store_open (db, &error);
  g_assert_no_error (error);
  for (int r = 0; r < n_runs; r++)
    {
      gint64 t = g_get_monotonic_time ();
      double took;

      g_assert_true (pw_export_appendix (store, &options, xlsx, NULL, NULL, NULL, &error));
      took = ms_since (t);
      g_array_append_val (now, took);
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, NULL, NULL, &error));
  cells = floor_read_cells (tsv);
  for (int r = 0; r < n_runs; r++)
    {
      gint64 t = g_get_monotonic_time ();
      double took;

      floor_xlsx (cells, raw);
      took = ms_since (t);
      g_array_append_val (floor, took);
    }
  g_strchomp (out);
  {
    g_autofree char *job = g_strdup_printf ("export appendix (%s cells)", out);
    report (job, figure_of (now), figure_of (floor));
  }
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *profiled = g_build_filename (dir, "profiled.db", NULL);
  g_autofree char *db = g_build_filename (dir, "national.db", NULL);
  g_autofree char *work = g_build_filename (dir, "work.db", NULL);
  g_autofree char *floor_db = g_build_filename (dir, "floor.db", NULL);
  g_autofree char *csv = NULL, *maturity = NULL;
  g_autoptr(GError) error = NULL;
  PwImportSummary summary;
  PwStore *store;
  gint64 t;

  setlocale (LC_ALL, "");
  if (g_getenv ("PW_BENCH_RUNS"))
    n_runs = CLAMP (atoi (g_getenv ("PW_BENCH_RUNS")), 1, 99);
  /* The window's rows alone, on a workbook an earlier run kept. */
  if (g_getenv ("PW_BENCH_WINDOW_DB") != NULL)
    {
      gtk_init ();
      adw_init ();
      print_header ();
      bench_window (g_getenv ("PW_BENCH_WINDOW_DB"), n_runs, report_runs);
      pw_test_rmdir (dir);
      return 0;
    }
  if (g_getenv ("PW_BENCH_PCNS"))
    n_pcns = CLAMP (atoi (g_getenv ("PW_BENCH_PCNS")), 42, 19999);
  csv = make_csv (dir);
  maturity = make_maturity_csv (dir);

  /* The workbooks each job starts from. */
  g_object_unref (pw_store_open (empty, &error));
  g_assert_no_error (error);
  store = open_copy (empty, profiled);
  g_assert_true (pw_import_profiles (store, csv, NULL, NULL, NULL, NULL, &error));
  g_object_unref (store);
  store = open_copy (profiled, db);
  g_assert_true (pw_import_maturity (store, maturity, NULL, NULL, NULL, &summary, &error));
  import_the_rest (store, dir);
  g_object_unref (store);

  print_header ();
  {
    g_autofree char *job = g_strdup_printf ("import profiles, %d rows", n_pcns * PRACTICES_PER_PCN);
    report (job, time_import (empty, work, pw_import_profiles, csv), time_floor (floor_profiles, csv, floor_db));
    g_free (job);
    job = g_strdup_printf ("import maturity, %u rows", summary.rows);
    report (job, time_import (profiled, work, pw_import_maturity, maturity),
            time_floor (floor_maturity, maturity, floor_db));
  }
  report ("re-import profiles, unchanged", time_import (db, work, pw_import_profiles, csv), (Figure) { 0 });
  report ("re-import maturity, unchanged", time_import (db, work, pw_import_maturity, maturity), (Figure) { 0 });
  bench_open (db);
  bench_export (dir, db);

  store = pw_store_open (db, &error);
  g_assert_no_error (error);
  t = g_get_monotonic_time ();
  for (int i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr Edit %d", i);
      g_assert_true (pw_store_set_pcn_text (store, pw_pcn_get_id (pw_store_find_pcn_by_code (store, "U10500")),
                                            PW_PCN_CLINICAL_DIRECTOR, name, &error));
    }
  g_print ("\none field edit (find, write, fsync, refresh): %.2f ms each\n", ms_since (t) / 100);

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
  g_object_unref (store);

  if (g_getenv ("PW_BENCH_KEEP") != NULL)
    copy_file (db, g_getenv ("PW_BENCH_KEEP"));
  if (g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0')   /* bench.sh clears it for the growth run */
    {
      gtk_init ();
      adw_init ();
      print_header ();
      bench_window (db, n_runs, report_runs);
    }
  pw_test_rmdir (dir);
  return 0;
}

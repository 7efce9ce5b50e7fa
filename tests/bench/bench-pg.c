/* The national workbook on both engines, side by side: importing its
 * profiles, copying it whole into a team workbook, exporting the appendix,
 * one saved edit, and how long a change takes to reach another store's
 * "changed" signal (PostgreSQL's NOTIFY; a SQLite store polls).
 *
 *   bench-pg NATIONAL.db   (a workbook bench-scale kept: PW_BENCH_KEEP)
 *
 * PW_TEST_PG_URI names the server (build-aux/pg-bench.sh starts one).
 * Times only: nothing here passes or fails on a time.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <stdio.h>

#include "pw-export.h"
#include "pw-import.h"
#include "pw-store.h"
#include "pw-test-util.h"

#define RUNS 3

static double
ms_since (gint64 t)
{
  return (g_get_monotonic_time () - t) / 1000.0;
}

/* A new, empty workbook of either engine. */
static PwStore *
fresh (const char *dir,
       gboolean    pg,
       char      **out_path)
{
  static guint n;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PwStore *store;

  if (pg)
    {
      name = g_strdup_printf ("pwb_%d_%u", (int) getpid (), ++n);
      g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
      pw_test_pg_exec (g_getenv ("PW_TEST_PG_URI"), sql);
      *out_path = pw_test_pg_uri_for (name);
    }
  else
    *out_path = g_strdup_printf ("%s/fresh-%u.db", dir, ++n);
  store = pw_store_open (*out_path, &error);
  g_assert_no_error (error);
  return store;
}

/* The national profiles as the import reads them. */
static char *
profiles_csv (const char *dir,
              const char *db)
{
  g_autoptr(GString) rows = g_string_new ("pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n");
  char *path = g_build_filename (dir, "profiles.csv", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  pw_test_append_rows (text, db, "SELECT p.code, p.name, l.name, r.code, r.name, r.list_size FROM practice r"
                                 " JOIN pcn p ON p.id = r.pcn_id JOIN locality l ON l.id = p.locality_id ORDER BY r.id");
  lines = g_strsplit (text->str, "\n", -1);
  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "|", -1);
      g_string_append_printf (rows, "%s,\"%s\",\"%s\",%s,\"%s\",%s\n", f[0], f[1], f[2], f[3], f[4], f[5]);
    }
  pw_test_write (path, rows->str);
  return path;
}

static void
row (const char *job,
     double      lite,
     double      pg)
{
  printf ("%-44s %10.1f ms %10.1f ms\n", job, lite, pg);
}

static void
on_changed (PwStore *store, const char *table, gint64 id, gboolean *heard)
{
  *heard = TRUE;
}

/* Milliseconds from a committed edit in @a to @b's "changed" signal. */
static double
notification_delay (PwStore *a,
                    PwStore *b,
                    gboolean poll)
{
  g_autoptr(GError) error = NULL;
  gint64 pcn = pw_pcn_get_id (pw_store_find_pcn_by_code (a, "U10500"));
  gboolean heard = FALSE;
  gulong handler = g_signal_connect (b, "changed", G_CALLBACK (on_changed), &heard);
  double total = 0;

  pw_store_poll_external (b, NULL);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr Notify %d", i);
      gint64 t;

      heard = FALSE;
      g_assert_true (pw_store_set_pcn_text (a, pcn, PW_PCN_MANAGER, name, &error));
      t = g_get_monotonic_time ();
      while (!heard && g_get_monotonic_time () - t < 5 * G_USEC_PER_SEC)
        {
          if (poll)
            pw_store_poll_external (b, NULL);
          else
            g_main_context_iteration (NULL, FALSE);
        }
      g_assert_true (heard);
      total += ms_since (t);
    }
  g_signal_handler_disconnect (b, handler);
  return total / 20;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *csv = NULL, *xlsx = g_build_filename (dir, "appendix.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) national = NULL;
  PwExportOptions options = { .year = 2022 };
  double t_import[2] = { 0 }, t_copy[2] = { 0 }, t_export[2] = { 0 }, t_edit[2] = { 0 }, t_notify[2] = { 0 };

  setlocale (LC_ALL, "");
  if (argc != 2 || g_getenv ("PW_TEST_PG_URI") == NULL)
    {
      g_printerr ("usage: PW_TEST_PG_URI=postgresql://… %s NATIONAL.db\n", argv[0]);
      return 2;
    }
  national = pw_store_open (argv[1], &error);
  g_assert_no_error (error);
  csv = profiles_csv (dir, argv[1]);
  for (int pg = 0; pg < 2; pg++)
    for (int r = 0; r < RUNS; r++)
      {
        g_autofree char *a = NULL, *b = NULL;
        g_autoptr(PwStore) empty = fresh (dir, pg, &a);
        g_autoptr(PwStore) copy = fresh (dir, pg, &b);
        g_autoptr(PwStore) other = NULL;
        gint64 t = g_get_monotonic_time ();

        g_assert_true (pw_import_profiles (empty, csv, NULL, NULL, NULL, NULL, &error));
        t_import[pg] += ms_since (t) / RUNS;
        t = g_get_monotonic_time ();
        g_assert_true (pw_store_copy_into (national, copy, NULL, &error));
        t_copy[pg] += ms_since (t) / RUNS;
        t = g_get_monotonic_time ();
        g_assert_true (pw_export_appendix (copy, &options, xlsx, NULL, NULL, NULL, &error));
        t_export[pg] += ms_since (t) / RUNS;
        t = g_get_monotonic_time ();
        for (int i = 0; i < 100; i++)
          {
            g_autofree char *name = g_strdup_printf ("Dr Edit %d", i);
            g_assert_true (pw_store_set_pcn_text (copy, pw_pcn_get_id (pw_store_find_pcn_by_code (copy, "U10500")),
                                                  PW_PCN_CLINICAL_DIRECTOR, name, &error));
          }
        t_edit[pg] += ms_since (t) / 100 / RUNS;
        other = pw_store_open (b, &error);
        g_assert_no_error (error);
        t_notify[pg] += notification_delay (copy, other, !pg) / RUNS;
      }
  printf ("%-44s %13s %13s\n", "national scale, mean of 3", "SQLite", "PostgreSQL");
  row ("import profiles (CSV into an empty workbook)", t_import[0], t_import[1]);
  row ("copy the whole workbook into a new one", t_copy[0], t_copy[1]);
  row ("export appendix 2022/23", t_export[0], t_export[1]);
  row ("one saved edit (write, log, refresh)", t_edit[0], t_edit[1]);
  row ("edit to another store's signal", t_notify[0], t_notify[1]);
  printf ("(SQLite: the other store polls in a loop, as often as it can; PostgreSQL: NOTIFY wakes its main loop)\n");
  pw_test_rmdir (dir);
  return 0;
}

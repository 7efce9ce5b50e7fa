/* The tests' team workbooks: with PW_TEST_ENGINE=pg, a test's workbook is
 * a fresh database on the private PostgreSQL server whose URI
 * (postgresql:///postgres?host=DIR&user=pw) build-aux/test.sh exports as
 * PW_TEST_PG_URI (build-aux/pg-test-server.sh starts it).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pw-store.h"

static inline gboolean
pw_test_on_pg (void)
{
  return g_strcmp0 (g_getenv ("PW_TEST_ENGINE"), "pg") == 0;
}

/* Before g_test_init (): a run against PostgreSQL without a server skips
 * as a whole, saying why (TAP's plan of no tests). */
static inline void
pw_test_pg_require (void)
{
  if (pw_test_on_pg () && g_getenv ("PW_TEST_PG_URI") == NULL)
    {
      printf ("1..0 # SKIP no PostgreSQL server: PW_TEST_PG_URI is not set (build-aux/test.sh sets it)\n");
      exit (0);
    }
}

/* The test server's URI with database @name in place of "postgres". */
static inline char *
pw_test_pg_uri_for (const char *name)
{
  g_autoptr(GString) uri = g_string_new (g_getenv ("PW_TEST_PG_URI"));
  g_autofree char *path = g_strdup_printf ("/%s?", name);

  g_assert_true (strstr (uri->str, "/postgres?") != NULL);
  g_string_replace (uri, "/postgres?", path, 1);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/* Runs @sql on @conn; a statement the server refuses fails the test. */
static inline void
pw_test_pg_run (PGconn     *conn,
                const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
}

/* Runs @sql on the team workbook at @uri. */
static inline void
pw_test_pg_exec (const char *uri,
                 const char *sql)
{
  PGconn *conn = PQconnectdb (uri);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  pw_test_pg_run (conn, sql);
  PQfinish (conn);
}

/* One number from the team workbook at @uri, or -1 when @sql yields no row. */
static inline gint64
pw_test_pg_sql_int (const char *uri,
                    const char *sql)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *res;
  gint64 v = -1;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  if (PQntuples (res) > 0)
    v = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  PQfinish (conn);
  return v;
}

/* Every row @sql yields from the team workbook at @uri, as "a|b|" lines;
 * NULL reads as "(null)", as the SQLite twin prints it. */
static inline void
pw_test_pg_append_rows (GString    *out,
                        const char *uri,
                        const char *sql)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  for (int r = 0; r < PQntuples (res); r++)
    {
      for (int c = 0; c < PQnfields (res); c++)
        g_string_append_printf (out, "%s|", PQgetisnull (res, r, c) ? "(null)" : PQgetvalue (res, r, c));
      g_string_append_c (out, '\n');
    }
  PQclear (res);
  PQfinish (conn);
}

/* Makes pw_template, a team workbook as a new one is, once per server:
 * copying it is four times quicker than making a schema.  The first test
 * process to get here makes it; the others wait on the advisory lock. */
static inline void
pw_test_pg_ensure_template (void)
{
  static gboolean done;
  PGconn *conn;
  PGresult *res;

  if (done)
    return;
  conn = PQconnectdb (g_getenv ("PW_TEST_PG_URI"));
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, "SELECT pg_advisory_lock(4242)"));
  res = PQexec (conn, "SELECT 1 FROM pg_database WHERE datname = 'pw_template'");
  if (PQntuples (res) == 0)
    {
      g_autofree char *uri = pw_test_pg_uri_for ("pw_template_new");
      g_autoptr(GError) error = NULL;
      PwStore *store;

      pw_test_pg_run (conn, "DROP DATABASE IF EXISTS pw_template_new");
      pw_test_pg_run (conn, "CREATE DATABASE pw_template_new");
      store = pw_store_open (uri, &error);
      g_assert_no_error (error);
      g_object_unref (store);
      pw_test_pg_run (conn, "ALTER DATABASE pw_template_new RENAME TO pw_template");
    }
  PQclear (res);
  PQclear (PQexec (conn, "SELECT pg_advisory_unlock(4242)"));
  PQfinish (conn);
  done = TRUE;
}

static GPtrArray *pw_test_pg_made;     /* the databases this process made */
static pid_t pw_test_pg_maker;

/* At exit, the databases this process made are dropped: a server kept for
 * many runs (mutate.py's) would otherwise fill the disk with them.  A
 * forked child inherits the list but is not their maker. */
static inline void
pw_test_pg_drop_made (void)
{
  PGconn *conn;

  if (getpid () != pw_test_pg_maker || pw_test_pg_made == NULL)
    return;
  conn = PQconnectdb (g_getenv ("PW_TEST_PG_URI"));
  for (guint i = 0; PQstatus (conn) == CONNECTION_OK && i < pw_test_pg_made->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                                              (char *) g_ptr_array_index (pw_test_pg_made, i));

      PQclear (PQexec (conn, sql));
    }
  PQfinish (conn);
}

/* A new database holding an empty team workbook; returns its name.  One
 * left by an earlier process with the same id (one that crashed) is
 * dropped first, so that a reused id cannot fail the test. */
static inline char *
pw_test_pg_new_database (void)
{
  static guint n;
  char *name = g_strdup_printf ("pwt_%d_%u", (int) getpid (), ++n);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE pw_template STRATEGY FILE_COPY", name);

  pw_test_pg_ensure_template ();
  pw_test_pg_exec (g_getenv ("PW_TEST_PG_URI"), drop);
  pw_test_pg_exec (g_getenv ("PW_TEST_PG_URI"), sql);
  if (pw_test_pg_made == NULL)
    {
      pw_test_pg_made = g_ptr_array_new_with_free_func (g_free);
      pw_test_pg_maker = getpid ();
      atexit (pw_test_pg_drop_made);
    }
  g_ptr_array_add (pw_test_pg_made, g_strdup (name));
  return name;
}

/* Where a test's workbook lives: "workbook.db" in @dir, or a new database
 * on the test server when the run is against PostgreSQL. */
static inline char *
pw_test_workbook (const char *dir)
{
  g_autofree char *name = NULL;

  if (!pw_test_on_pg ())
    return g_build_filename (dir, "workbook.db", NULL);
  name = pw_test_pg_new_database ();
  return pw_test_pg_uri_for (name);
}

/* Roles in a team workbook, enforced by the server (pw-db-pg-roles.c):
 * ordinary server logins, each given a role by pw_store_grant_role (), open
 * the workbook through the store as themselves and are refused what their
 * role does not allow, in words naming the role; nothing is half-written.
 * The test server's own user (pw) is a superuser, whom nothing binds: it
 * sets the workbooks up and looks at them behind the store's back.
 * Needs the private server of build-aux/pg-test-server.sh (PW_TEST_PG_URI).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-demo.h"
#include "pw-export.h"
#include "pw-store-boards.h"
#include "pw-store-roles.h"
#include "pw-test-util.h"
#include "store/pw-db-pg.h"
#include "store/pw-db-pg-lib.h"
#include "store/pw-store-private.h"

typedef struct
{
  char *uri;        /* the workbook, as the superuser */
  char *name;       /* its database */
} Workbook;

/* A server login for this test process: cluster-wide, so named after it. */
static char *
login (const char *who)
{
  char *name = g_strdup_printf ("pwr_%d_%s", (int) getpid (), who);
  g_autofree char *sql = g_strdup_printf ("DO $$ BEGIN CREATE ROLE %s LOGIN; EXCEPTION WHEN duplicate_object THEN END $$",
                                          name);

  pw_test_pg_exec (g_getenv ("PW_TEST_PG_URI"), sql);
  return name;
}

/* @uri as the login @user */
static char *
as_user (const char *uri,
         const char *user)
{
  g_autoptr(GString) s = g_string_new (uri);
  g_autofree char *param = g_strdup_printf ("user=%s", user);

  g_assert_cmpuint (g_string_replace (s, "user=pw", param, 1), ==, 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* A new database holding the demo commissioner: a copy of one loaded once
 * per test process (loading it takes a second). */
static char *
demo_database (void)
{
  static char *demo;
  static guint n;
  char *name = g_strdup_printf ("pwr_%d_%u", (int) getpid (), ++n);
  g_autofree char *sql = NULL;

  if (demo == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = NULL;
      g_autoptr(PwStore) store = NULL;

      demo = pw_test_pg_new_database ();
      uri = pw_test_pg_uri_for (demo);
      store = pw_store_open (uri, &error);
      g_assert_no_error (error);
      g_assert_true (pw_demo_load (store, &error));
      g_assert_no_error (error);
    }
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", name, demo);
  pw_test_pg_exec (g_getenv ("PW_TEST_PG_URI"), sql);
  return name;
}

/* The demo commissioner in a new team workbook with its roles, and a
 * locality head for Northmoor, a manager and an analyst. */
static void
workbook_setup (Workbook      *wb,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  const char *grants[][3] = { { "head", "locality-head", "Northmoor" }, { "manager", "manager", NULL },
                              { "analyst", "analyst", NULL } };

  wb->name = demo_database ();
  wb->uri = pw_test_pg_uri_for (wb->name);
  store = pw_store_open (wb->uri, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_setup_roles (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_store_get_role (store), ==, "owner");
  for (guint i = 0; i < G_N_ELEMENTS (grants); i++)
    {
      g_autofree char *user = login (grants[i][0]);
      g_assert_true (pw_store_grant_role (store, user, grants[i][1], grants[i][2], TRUE, &error));
      g_assert_no_error (error);
    }
}

static void
workbook_teardown (Workbook      *wb,
                   gconstpointer  data)
{
  g_free (wb->uri);
  g_free (wb->name);
}

/* The store of @wb as @who (a login of login ()), with its role. */
static PwStore *
open_as (Workbook   *wb,
         const char *who)
{
  g_autofree char *user = login (who);
  g_autofree char *uri = as_user (wb->uri, user);
  g_autoptr(GError) error = NULL;
  PwStore *store = pw_store_open (uri, &error);

  g_assert_no_error (error);
  return store;
}

/* The 2025/26 return of the first PCN of @locality. */
static gint64
return_in (Workbook   *wb,
           const char *locality)
{
  g_autofree char *sql = g_strdup_printf ("SELECT r.id FROM pcn_return r JOIN pcn p ON p.id = r.pcn_id"
                                          " JOIN locality l ON l.id = p.locality_id"
                                          " WHERE l.name = '%s' AND r.year = 2025 ORDER BY r.id LIMIT 1", locality);
  return pw_test_pg_sql_int (wb->uri, sql);
}

static gint64
status_of (Workbook *wb,
           gint64    return_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status FROM pcn_return WHERE id = %" G_GINT64_FORMAT, return_id);
  return pw_test_pg_sql_int (wb->uri, sql);
}

static gint64
log_rows (Workbook *wb)
{
  return pw_test_pg_sql_int (wb->uri, "SELECT count(*) FROM change_log");
}

static void
set_status (Workbook *wb,
            gint64    return_id,
            int       status)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE pcn_return SET status = %d WHERE id = %" G_GINT64_FORMAT,
                                          status, return_id);
  pw_test_pg_exec (wb->uri, sql);
}

/* @error is a refusal by role that says @says. */
static void
assert_refused (GError     *error,
                const char *says)
{
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_PERMISSION);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
}

/* A locality head reopens and reviews their own locality's return, and is
 * refused another locality's: the return and the change log as they were. */
static void
test_head (Workbook      *wb,
           gconstpointer  data)
{
  g_autoptr(PwStore) store = open_as (wb, "head");
  g_autoptr(GError) error = NULL;
  gint64 own = return_in (wb, "Northmoor"), other = return_in (wb, "Riverside"), logged;

  g_assert_cmpstr (pw_store_get_role (store), ==, "locality head for Northmoor");
  g_assert_cmpint (status_of (wb, own), ==, PW_STATUS_REVIEWED);
  g_assert_true (pw_store_set_return_status (store, own, PW_STATUS_DRAFT, NULL, "figures to check", &error));
  g_assert_no_error (error);
  set_status (wb, own, PW_STATUS_SUBMITTED);
  g_assert_true (pw_store_set_return_status (store, own, PW_STATUS_REVIEWED, NULL, "", &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (wb, own), ==, PW_STATUS_REVIEWED);

  logged = log_rows (wb);
  g_assert_false (pw_store_set_return_status (store, other, PW_STATUS_DRAFT, NULL, "", &error));
  assert_refused (error, "Your role (locality head for Northmoor) cannot reopen returns of PCNs in Riverside.");
  g_clear_error (&error);
  set_status (wb, other, PW_STATUS_SUBMITTED);
  g_assert_false (pw_store_set_return_status (store, other, PW_STATUS_REVIEWED, NULL, "", &error));
  assert_refused (error, "Your role (locality head for Northmoor) cannot review returns of PCNs in Riverside.");
  g_assert_cmpint (status_of (wb, other), ==, PW_STATUS_SUBMITTED);
  g_assert_cmpint (log_rows (wb), ==, logged);
}

/* The same refusal from row-level security alone, with the trigger that
 * words it turned off: the server still says no. */
static void
test_head_policy (Workbook      *wb,
                  gconstpointer  data)
{
  g_autoptr(PwStore) store = open_as (wb, "head");
  g_autoptr(GError) error = NULL;
  gint64 own = return_in (wb, "Northmoor"), other = return_in (wb, "Riverside");

  pw_test_pg_exec (wb->uri, "ALTER TABLE pcn_return DISABLE TRIGGER pw_guard");
  set_status (wb, other, PW_STATUS_SUBMITTED);
  g_assert_false (pw_store_set_return_status (store, other, PW_STATUS_REVIEWED, NULL, "", &error));
  assert_refused (error, "row-level security");
  g_assert_cmpint (status_of (wb, other), ==, PW_STATUS_SUBMITTED);
  g_clear_error (&error);
  /* their own locality's, still */
  g_assert_true (pw_store_set_return_status (store, own, PW_STATUS_DRAFT, NULL, "", &error));
  g_assert_no_error (error);
}

/* A locality head runs their own board, not another's. */
static void
test_head_board (Workbook      *wb,
                 gconstpointer  data)
{
  g_autoptr(PwStore) store = open_as (wb, "head");
  g_autoptr(GError) error = NULL;
  gint64 north = pw_test_pg_sql_int (wb->uri, "SELECT id FROM locality WHERE name = 'Northmoor'");
  gint64 river = pw_test_pg_sql_int (wb->uri, "SELECT id FROM locality WHERE name = 'Riverside'");
  g_autofree char *purpose = NULL;

  g_assert_true (pw_store_set_board_text (store, north, PW_BOARD_PURPOSE, "Our purpose", &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_set_board_text (store, river, PW_BOARD_PURPOSE, "Taken over", &error));
  assert_refused (error, "cannot change the board of Riverside.");
  g_assert_cmpint (pw_test_pg_sql_int (wb->uri, "SELECT count(*) FROM board WHERE purpose = 'Taken over'"), ==, 0);
}

/* A manager edits returns but may not mark one reviewed. */
static void
test_manager (Workbook      *wb,
              gconstpointer  data)
{
  g_autoptr(PwStore) store = open_as (wb, "manager");
  g_autoptr(GError) error = NULL;
  gint64 own = return_in (wb, "Northmoor"), logged;

  g_assert_cmpstr (pw_store_get_role (store), ==, "manager");
  set_status (wb, own, PW_STATUS_DRAFT);
  g_assert_true (pw_store_set_maturity_text (store, own, 0, PW_MATURITY_EVIDENCE, "Minutes of May", &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_set_return_status (store, own, PW_STATUS_SUBMITTED, NULL, "", &error));
  g_assert_no_error (error);
  logged = log_rows (wb);
  g_assert_false (pw_store_set_return_status (store, own, PW_STATUS_REVIEWED, NULL, "", &error));
  assert_refused (error, "Your role (manager) cannot review returns of PCNs in Northmoor.");
  g_assert_cmpint (status_of (wb, own), ==, PW_STATUS_SUBMITTED);
  g_assert_cmpint (log_rows (wb), ==, logged);
}

/* @sql, sent straight to the server as @who, is refused for want of rights. */
static void
server_refuses (Workbook   *wb,
                const char *who,
                const char *sql)
{
  g_autofree char *user = login (who);
  g_autofree char *uri = as_user (wb->uri, user);
  PGconn *conn = PQconnectdb (uri);
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, "42501");
  PQclear (res);
  PQfinish (conn);
}

/* An analyst reads and exports, and is refused any edit. */
static void
test_analyst (Workbook      *wb,
              gconstpointer  data)
{
  g_autoptr(PwStore) store = open_as (wb, "analyst");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "appendix.xlsx", NULL);
  PwExportOptions options = { .year = 2025 };
  gint64 own = return_in (wb, "Northmoor"), logged = log_rows (wb);

  g_assert_cmpstr (pw_store_get_role (store), ==, "analyst");
  g_assert_true (pw_store_is_read_only (store));   /* the window offers no edit */
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (store)), >, 0);
  g_assert_true (pw_export_appendix (store, &options, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));

  set_status (wb, own, PW_STATUS_DRAFT);
  g_assert_false (pw_store_set_maturity_text (store, own, 0, PW_MATURITY_EVIDENCE, "Changed", &error));
  assert_refused (error, "Your role (analyst) does not allow this change");
  g_clear_error (&error);
  g_assert_false (pw_store_add_locality (store, "Westfield", NULL, &error));
  assert_refused (error, "Your role (analyst)");
  g_assert_cmpint (log_rows (wb), ==, logged);
  g_assert_cmpint (pw_test_pg_sql_int (wb->uri, "SELECT count(*) FROM locality WHERE name = 'Westfield'"), ==, 0);
  /* and the server refuses the analyst what the store does not try */
  server_refuses (wb, "analyst", "INSERT INTO locality (name) VALUES ('Westfield')");
  pw_test_rmdir (dir);
}

/* @error tells @user, who holds no role, what to ask for. */
static void
assert_no_role (GError     *error,
                const char *user)
{
  g_autofree char *what = g_strdup_printf ("The server user “%s” has no role in this team workbook (", user);
  g_autofree char *todo = g_strdup_printf ("Ask its administrator to run “pcn-workbook-cli admin grant %s ROLE” on it,"
                                           " with ROLE manager, locality-head (and --locality NAME), analyst or admin.",
                                           user);

  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_PERMISSION);
  if (strstr (error->message, what) == NULL ||
      strstr (error->message, todo) == NULL)
    g_error ("“%s” does not say “%s … %s”", error->message, what, todo);
}

/* @grant is refused with @code, saying @says, and grants nothing. */
static void
assert_grant_refused (Workbook   *wb,
                      PwStore    *store,
                      const char *user,
                      const char *role,
                      const char *locality,
                      int         code,
                      const char *says)
{
  g_autoptr(GError) error = NULL;
  gint64 before = pw_test_pg_sql_int (wb->uri, "SELECT count(*) FROM pw_grant");

  g_assert_false (pw_store_grant_role (store, user, role, locality, TRUE, &error));
  g_assert_error (error, PW_STORE_ERROR, code);
  if (strstr (error->message, says) == NULL || strstr (error->message, "Nothing was changed") == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
  g_assert_cmpint (pw_test_pg_sql_int (wb->uri, "SELECT count(*) FROM pw_grant"), ==, before);
}

static void
test_grant_errors (Workbook      *wb,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) owner = pw_store_open (wb->uri, &error);
  g_autoptr(PwStore) manager = open_as (wb, "manager");
  g_autofree char *user = login ("head");
  g_autofree char *dir = pw_test_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "private.db", NULL);
  g_autoptr(PwStore) private = pw_store_open (file, &error);

  g_assert_no_error (error);
  assert_grant_refused (wb, owner, user, "boss", NULL, PW_STORE_ERROR_INVALID, "“boss” is not a role");
  assert_grant_refused (wb, owner, user, "locality-head", "Atlantis", PW_STORE_ERROR_NOT_FOUND,
                        "There is no locality “Atlantis”");
  assert_grant_refused (wb, owner, user, "locality-head", NULL, PW_STORE_ERROR_INVALID, "add --locality NAME");
  assert_grant_refused (wb, owner, user, "manager", "Northmoor", PW_STORE_ERROR_INVALID, "leave out --locality");
  assert_grant_refused (wb, owner, "nobody_at_all", "manager", NULL, PW_STORE_ERROR_NOT_FOUND,
                        "There is no server user “nobody_at_all”");
  assert_grant_refused (wb, manager, user, "admin", NULL, PW_STORE_ERROR_INVALID,
                        "Only an admin (or the workbook’s owner) gives roles; your role is manager.");
  g_assert_false (pw_store_grant_role (private, user, "manager", NULL, TRUE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "a private workbook file"));
  pw_test_rmdir (dir);
}

/* Taking the role away takes the group's privileges with it: a user
 * without a role cannot even open the workbook. */
static void
test_revoke (Workbook      *wb,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) owner = pw_store_open (wb->uri, &error);
  g_autofree char *user = login ("manager");
  g_autofree char *uri = NULL;
  g_autoptr(PwStore) manager = NULL;

  g_assert_true (pw_store_grant_role (owner, user, "manager", NULL, FALSE, &error));
  g_assert_no_error (error);
  uri = as_user (wb->uri, user);
  manager = pw_store_open (uri, &error);
  g_assert_null (manager);
  assert_no_role (error, user);
  g_assert_cmpint (pw_test_pg_sql_int (wb->uri, "SELECT count(*) FROM pw_grant WHERE role = 'manager'"), ==, 0);
}

/* A login given no role is told what is wrong and what to do about it,
 * naming itself and the command its administrator runs. */
static void
test_no_role (Workbook      *wb,
              gconstpointer  data)
{
  g_autofree char *user = login ("stranger");
  g_autofree char *uri = as_user (wb->uri, user);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (uri, &error);

  g_assert_null (store);
  assert_no_role (error, user);
}

/* Two workbooks on one server have groups of their own; init again
 * changes nothing. */
static void
test_groups_per_database (Workbook      *wb,
                          gconstpointer  data)
{
  Workbook other = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (wb->uri, &error);
  g_autofree char *groups = g_strdup_printf ("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'pw\\_%s\\_%%'", wb->name);

  g_assert_cmpint (pw_test_pg_sql_int (wb->uri, groups), ==, 4);
  g_assert_true (pw_store_setup_roles (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_pg_sql_int (wb->uri, groups), ==, 4);
  workbook_setup (&other, NULL);
  g_assert_cmpint (pw_test_pg_sql_int (wb->uri, groups), ==, 4);
  g_assert_cmpint (pw_test_pg_sql_int (wb->uri, "SELECT count(*) FROM pg_auth_members m"
                                                 " JOIN pg_roles g ON g.oid = m.roleid"
                                                 " WHERE g.rolname = pw_group('manager')"), ==, 1);
  workbook_teardown (&other, NULL);
}

/* ------------------------------------------------------------------ */
/* A team workbook of an older schema, with roles, opened by this build  */

/* The first schema team workbooks had roles in (pw-db-pg-roles.c came
 * with schema 8; migration 9 rebuilds des_plan and funding, 10 adds
 * workbook_revision and field_version). */
#define ROLES_SINCE 8

static const char *const members[][3] = {
  { "old_manager", "manager", NULL }, { "old_head", "locality-head", "North" },
  { "old_analyst", "analyst", NULL }, { "old_admin", "admin", NULL },
};

static void
quiet (void       *data,
       const char *message)
{
}

/* Runs @sql on @conn in PostgreSQL's words, as the store's own
 * migrations are (pg_dialect ()). */
static void
exec_dialect (PGconn     *conn,
              const char *sql)
{
  g_autofree char *text = pg_dialect (sql, NULL, NULL);
  PGresult *res = PQexec (conn, text);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%.60s…: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
}

/* Two localities, a PCN in each and its submitted 2025/26 return, and
 * each member of members[] in their role (as the owner gives them: the
 * test server's superuser is a member of every role). */
static void
fill_and_grant (const char *uri)
{
  pw_test_pg_exec (uri, "INSERT INTO locality (name) VALUES ('North'), ('South');"
                        "INSERT INTO pcn (code, name, locality_id) SELECT 'U1000' || id, name || ' PCN', id FROM locality;"
                        "INSERT INTO pcn_return (pcn_id, year, status) SELECT id, 2025, 1 FROM pcn");
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *user = login (members[i][0]);
      g_autofree char *locality = members[i][2] ? g_strdup_printf ("(SELECT id FROM locality WHERE name = '%s')",
                                                                   members[i][2])
                                                : g_strdup ("NULL");
      g_autofree char *sql = g_strdup_printf ("SELECT pw_set_grant ('%s', '%s', %s, true)", user, members[i][1],
                                              locality);
      pw_test_pg_exec (uri, sql);
    }
}

/* A team workbook of schema ROLES_SINCE as `init` made it then: the
 * migrations up to it, run as migrate () runs them, then its roles.  This
 * build's roles are that build's plus one grant, on the two tables
 * migration 10 adds (git log -p app/store/pw-db-pg-roles.c): two empty
 * stand-ins take that grant and are dropped again.  Without @with_roles,
 * one that was never given roles.  Returns its URI. */
static char *
older_workbook (gboolean with_roles)
{
  g_autofree char *name = g_strdup_printf ("pwr_%d_%s", (int) getpid (), with_roles ? "older" : "plain");
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *meta = g_strdup_printf ("CREATE TABLE pw_meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);"
                                           "INSERT INTO pw_meta VALUES ('application_id', %d), ('user_version', %d)",
                                           PW_APPLICATION_ID, ROLES_SINCE);
  g_autoptr(PwStore) store = g_object_new (PW_TYPE_STORE, NULL);
  g_autoptr(GError) error = NULL;
  char *uri;

  /* Made by hand: libpq is loaded as a store's open would load it. */
  g_assert_true (pw_pq_load (&error));
  pw_test_pg_exec (g_getenv ("PW_TEST_PG_URI"), create);
  uri = pw_test_pg_uri_for (name);
  store->engine = PW_DB_PG;
  store->path = g_strdup (uri);
  store->pg = PQconnectdb (uri);
  g_assert_cmpint (PQstatus (store->pg), ==, CONNECTION_OK);
  PQsetNoticeProcessor (store->pg, quiet, NULL);
  exec_dialect (store->pg, "BEGIN");
  exec_dialect (store->pg, PG_PRELUDE);
  for (int v = 0; v < ROLES_SINCE; v++)
    exec_dialect (store->pg, migrations[v]);
  exec_dialect (store->pg, PG_AFTER_MIGRATION);
  exec_dialect (store->pg, meta);
  exec_dialect (store->pg, "CREATE TABLE workbook_revision (stand_in INTEGER);"
                           "CREATE TABLE field_version (stand_in INTEGER)");
  exec_dialect (store->pg, "COMMIT");
  if (with_roles)
    {
      g_assert_true (pw_store_setup_roles (store, &error));
      g_assert_no_error (error);
    }
  exec_dialect (store->pg, "DROP TABLE workbook_revision, field_version");
  if (with_roles)
    fill_and_grant (uri);
  return uri;
}

/* What @user may do to each table of the workbook at @uri, tried on the
 * server as @user, each in a savepoint rolled back: "table: SELECT ok,
 * INSERT 42501, ..." lines.  WHERE false: a table's privileges are checked
 * whether or not a row is touched. */
static char *
rights (const char *uri,
        const char *user)
{
  g_autofree char *as = as_user (uri, user);
  PGconn *conn = PQconnectdb (as);
  g_autoptr(GString) out = g_string_new (NULL);
  PGresult *tables;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, "BEGIN"));
  tables = PQexec (conn, "SELECT quote_ident (tablename), (SELECT quote_ident (attname) FROM pg_attribute"
                         "  WHERE attrelid = (schemaname || '.' || tablename)::regclass AND attnum = 1)"
                         " FROM pg_tables WHERE schemaname = current_schema () ORDER BY 1");
  g_assert_cmpint (PQresultStatus (tables), ==, PGRES_TUPLES_OK);
  for (int r = 0; r < PQntuples (tables); r++)
    {
      const char *t = PQgetvalue (tables, r, 0), *col = PQgetvalue (tables, r, 1);
      g_autofree char *select = g_strdup_printf ("SELECT count(*) FROM %s", t);
      g_autofree char *insert = g_strdup_printf ("INSERT INTO %s SELECT * FROM %s WHERE false", t, t);
      g_autofree char *update = g_strdup_printf ("UPDATE %s SET %s = %s WHERE false", t, col, col);
      g_autofree char *delete = g_strdup_printf ("DELETE FROM %s WHERE false", t);
      const char *const tries[][2] = { { "SELECT", select }, { "INSERT", insert }, { "UPDATE", update },
                                       { "DELETE", delete } };

      g_string_append_printf (out, "%s:", t);
      for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
        {
          PGresult *res;

          PQclear (PQexec (conn, "SAVEPOINT try"));
          res = PQexec (conn, tries[i][1]);
          g_string_append_printf (out, " %s %s", tries[i][0],
                                  PQresultErrorField (res, PG_DIAG_SQLSTATE) ? PQresultErrorField (res, PG_DIAG_SQLSTATE)
                                                                             : "ok");
          PQclear (res);
          PQclear (PQexec (conn, "ROLLBACK TO SAVEPOINT try"));
        }
      g_string_append_c (out, '\n');
    }
  PQclear (tables);
  PQfinish (conn);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The store of the workbook at @uri as members[@i]. */
static PwStore *
open_member (const char *uri,
             guint       i)
{
  g_autofree char *user = login (members[i][0]);
  g_autofree char *as = as_user (uri, user);
  g_autoptr(GError) error = NULL;
  PwStore *store = pw_store_open (as, &error);

  g_assert_no_error (error);
  return store;
}

/* An older team workbook with roles, opened (and so migrated) by this
 * build: each role does what it did and is refused what it was, on the
 * tables migrations rebuilt or added too, table by table as in a workbook
 * this build makes, and through the store. */
static void
test_older_migrated (void)
{
  g_autofree char *older = older_workbook (TRUE);
  g_autofree char *newer_name = pw_test_pg_new_database ();
  g_autofree char *newer = pw_test_pg_uri_for (newer_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) owner = pw_store_open (older, &error);
  g_autoptr(PwStore) fresh = pw_store_open (newer, &error);
  Workbook wb = { .uri = older };
  gint64 north = return_in (&wb, "North"), south = return_in (&wb, "South");
  gint64 pcn = pw_test_pg_sql_int (older, "SELECT id FROM pcn WHERE name = 'North PCN'");

  g_assert_no_error (error);
  g_assert_cmpint (pw_test_pg_sql_int (older, "SELECT value FROM pw_meta WHERE key = 'user_version'"),
                   ==, PW_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (pw_store_get_role (owner), ==, "owner");
  g_assert_true (pw_store_setup_roles (fresh, &error));
  g_assert_no_error (error);
  fill_and_grant (newer);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *user = login (members[i][0]);
      g_autofree char *was = rights (newer, user), *is = rights (older, user);

      g_test_message ("%s", members[i][1]);
      g_assert_cmpstr (is, ==, was);
      /* not merely alike: the rebuilt and the added tables as each role
       * needs them */
      g_assert_nonnull (strstr (is, "des_plan: SELECT ok"));
      g_assert_nonnull (strstr (is, "funding: SELECT ok"));
    }

  {
    g_autoptr(PwStore) manager = open_member (older, 0);

    g_assert_cmpstr (pw_store_get_role (manager), ==, "manager");
    g_assert_true (pw_store_set_des (manager, north, 0, PW_DES_PLANNING, "Started in May", &error));
    g_assert_no_error (error);
    g_assert_true (pw_store_set_funding (manager, pcn, 2025, PW_STREAM_CORE, 150000, -1, &error));
    g_assert_no_error (error);
    g_assert_false (pw_store_set_return_status (manager, north, PW_STATUS_REVIEWED, NULL, "", &error));
    assert_refused (error, "Your role (manager) cannot review returns of PCNs in North.");
    g_clear_error (&error);
  }
  {
    g_autoptr(PwStore) head = open_member (older, 1);

    g_assert_cmpstr (pw_store_get_role (head), ==, "locality head for North");
    g_assert_true (pw_store_set_return_status (head, north, PW_STATUS_REVIEWED, NULL, "", &error));
    g_assert_no_error (error);
    g_assert_false (pw_store_set_return_status (head, south, PW_STATUS_REVIEWED, NULL, "", &error));
    assert_refused (error, "Your role (locality head for North) cannot review returns of PCNs in South.");
    g_clear_error (&error);
  }
  {
    g_autoptr(PwStore) analyst = open_member (older, 2);
    g_autoptr(GListModel) des = pw_store_list_des (analyst, north, &error);

    g_assert_no_error (error);
    g_assert_nonnull (des);
    g_assert_false (pw_store_set_des (analyst, south, 0, PW_DES_DELIVERING, "", &error));
    assert_refused (error, "Your role (analyst)");
    g_clear_error (&error);
  }
  {
    g_autoptr(PwStore) admin = open_member (older, 3);

    g_assert_true (pw_store_add_locality (admin, "East", NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pw_test_pg_sql_int (older, "SELECT count(*) FROM des_plan WHERE note = 'Started in May'"), ==, 1);
  g_assert_cmpint (pw_test_pg_sql_int (older, "SELECT amount FROM funding WHERE stream = 'core'"), ==, 150000);
  g_assert_cmpint (pw_test_pg_sql_int (older, "SELECT count(*) FROM pcn_return WHERE status = 2"), ==, 1);
}

/* An older team workbook that was never given roles is migrated without
 * being given any: no grants table, no policies, and its owner writes to
 * it as before. */
static void
test_older_plain_migrated (void)
{
  g_autofree char *older = older_workbook (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (older, &error);
  gint64 pcn = 0;

  g_assert_no_error (error);
  g_assert_cmpint (pw_test_pg_sql_int (older, "SELECT value FROM pw_meta WHERE key = 'user_version'"),
                   ==, PW_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pw_test_pg_sql_int (older, "SELECT count(*) FROM pg_tables WHERE tablename = 'pw_grant'"), ==, 0);
  g_assert_cmpint (pw_test_pg_sql_int (older, "SELECT count(*) FROM pg_policies"), ==, 0);
  g_assert_true (pw_store_add_pcn (store, "U22222", "Brook PCN", 0, &pcn, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_test_pg_sql_int (older, "SELECT count(*) FROM pcn WHERE code = 'U22222'"), ==, 1);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  pw_test_pg_require ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Workbook, NULL, workbook_setup, fn, workbook_teardown)
  ADD ("/pg-roles/head", test_head);
  ADD ("/pg-roles/head-policy", test_head_policy);
  ADD ("/pg-roles/head-board", test_head_board);
  ADD ("/pg-roles/manager", test_manager);
  ADD ("/pg-roles/analyst", test_analyst);
  ADD ("/pg-roles/grant-errors", test_grant_errors);
  ADD ("/pg-roles/revoke", test_revoke);
  ADD ("/pg-roles/no-role", test_no_role);
  ADD ("/pg-roles/groups-per-database", test_groups_per_database);
#undef ADD
  g_test_add_func ("/pg-roles/older-migrated", test_older_migrated);
  g_test_add_func ("/pg-roles/older-plain-migrated", test_older_plain_migrated);
  return g_test_run ();
}

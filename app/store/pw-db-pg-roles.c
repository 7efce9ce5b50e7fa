/* pw-db-pg-roles.c — who may do what in a team workbook, kept by the server
 *
 * A team workbook's users each hold roles, given by an admin
 * (pcn-workbook-cli admin grant): a manager edits returns and profiles; a
 * locality head reviews and reopens the returns of their localities' PCNs
 * and runs their boards; an analyst reads (and so exports); an admin does
 * everything, reference data and roles included.  The window shows only
 * what a role may do, but the server is what refuses: a program that
 * skipped the window would be refused all the same.
 *
 * `init` sets this up (pw_store_setup_roles (), idempotent):
 *  - four group roles, NOLOGIN.  Role names are the whole server's, so
 *    they carry the database's name and a hash of it (pw_group ()): two
 *    workbooks on one server never share a group.
 *  - pw_grant (user, role, locality): who holds which role, where.  The
 *    group memberships give the table privileges; pw_grant gives the
 *    localities, and is written only through pw_set_grant (), a SECURITY
 *    DEFINER function that admins alone may call.
 *  - GRANTs per table, and row-level security on the tables a locality
 *    head writes (returns and board tables): a new or changed row must be
 *    of a locality the user heads (WITH CHECK).
 *  - pw_guard, a trigger on those tables, refuses first with a sentence
 *    a user can act on ("Your role (locality head for North) cannot review
 *    returns of PCNs in South."), and holds the rules RLS cannot say: a
 *    return's review (status to or from reviewed) is a locality head's or
 *    an admin's only; a row may not be moved out of a locality, nor
 *    deleted from one, the user does not head (RLS would skip such a row
 *    without a word, which a user would take for a saved change).  Both
 *    are the server's: only the tables' owner may turn either off.
 * The rules read rows as JSON, so columns added later (a row's version)
 * change nothing here.  The workbook's owner and a superuser keep every
 * right (the owner is not subject to its tables' RLS).
 *
 * The SQL is sent as written (PQexec), not through pg_dialect (): it is
 * PostgreSQL's own, function bodies and all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <string.h>

#include "pw-db-pg.h"
#include "pw-db-pg-lib.h"
#include "pw-store-private.h"
#include "pw-store-roles.h"

/* The tables each role writes, beyond reading every table. */
static const char *const manager_tables =
  "locality, pcn, practice, pcn_return, maturity, change_log, return_item, des_plan, plan_entry,"
  " arrs_wte, funding, profile_state, profile_year, pcn_year, practice_year";
/* Board tables with the locality they belong to: by a column of their
 * own, or through their meeting. */
static const char *const board_tables[][2] = {
  { "board", "locality_id" }, { "board_stage", "locality_id" }, { "board_member", "locality_id" },
  { "board_meeting", "locality_id" }, { "board_action", "locality_id" }, { "board_risk", "locality_id" },
  { "board_priority", "locality_id" }, { "board_attendance", "meeting_id" }, { "board_decision", "meeting_id" },
};

static const char *const functions_sql =
  /* A group role's name: this database's own (see above). */
  "CREATE OR REPLACE FUNCTION pw_group(kind text) RETURNS text LANGUAGE sql STABLE AS $$"
  " SELECT 'pw_' || left(regexp_replace(lower(current_database()), '[^a-z0-9_]', '_', 'g'), 36)"
  "        || '_' || left(md5(current_database()), 6) || '_' || replace(kind, '-', '_') $$;"
  "CREATE TABLE IF NOT EXISTS pw_grant ("
  "  usr text NOT NULL,"
  "  role text NOT NULL CHECK (role IN ('manager', 'locality-head', 'analyst', 'admin')),"
  "  locality_id bigint REFERENCES locality (id) ON DELETE CASCADE,"
  "  CHECK ((role = 'locality-head') = (locality_id IS NOT NULL)));"
  "CREATE UNIQUE INDEX IF NOT EXISTS pw_grant_once ON pw_grant (usr, role, coalesce(locality_id, 0));"
  /* the owner (or a superuser, who is a member of every role) */
  "CREATE OR REPLACE FUNCTION pw_is_owner() RETURNS boolean LANGUAGE sql STABLE AS $$"
  " SELECT pg_has_role((SELECT relowner FROM pg_class WHERE oid = 'pw_meta'::regclass), 'MEMBER') $$;"
  "CREATE OR REPLACE FUNCTION pw_has(r text) RETURNS boolean LANGUAGE sql STABLE AS $$"
  " SELECT EXISTS (SELECT 1 FROM pw_grant WHERE usr = current_user AND role = r) $$;"
  /* whether the user may write what belongs to locality @loc */
  "CREATE OR REPLACE FUNCTION pw_heads(loc bigint) RETURNS boolean LANGUAGE sql STABLE AS $$"
  " SELECT pw_is_owner() OR EXISTS (SELECT 1 FROM pw_grant WHERE usr = current_user"
  "   AND (role = 'admin' OR (role = 'locality-head' AND locality_id = loc))) $$;"
  /* \"manager and locality head for East, North\", as messages name a role */
  "CREATE OR REPLACE FUNCTION pw_role_text() RETURNS text LANGUAGE sql STABLE AS $$"
  " SELECT CASE WHEN pw_is_owner() THEN 'owner' ELSE coalesce(string_agg(t, ' and ' ORDER BY o), 'no role') END"
  " FROM (SELECT min(array_position(ARRAY['admin', 'manager', 'locality-head', 'analyst'], g.role)) AS o,"
  "              CASE WHEN g.role = 'locality-head' THEN 'locality head for ' || string_agg(l.name, ', ' ORDER BY l.name)"
  "                   ELSE g.role END AS t"
  "       FROM pw_grant g LEFT JOIN locality l ON l.id = g.locality_id"
  "       WHERE g.usr = current_user GROUP BY g.role) s $$;"
  /* the locality a row (as JSON) of a guarded table belongs to */
  "CREATE OR REPLACE FUNCTION pw_locality_of(kind text, r jsonb) RETURNS bigint LANGUAGE sql STABLE AS $$"
  " SELECT CASE kind WHEN 'locality_id' THEN (r->>'locality_id')::bigint"
  "   WHEN 'pcn_id' THEN (SELECT locality_id FROM pcn WHERE id = (r->>'pcn_id')::bigint)"
  "   WHEN 'meeting_id' THEN (SELECT locality_id FROM board_meeting WHERE id = (r->>'meeting_id')::bigint) END $$;"
  "CREATE OR REPLACE FUNCTION pw_guard() RETURNS trigger LANGUAGE plpgsql AS $$"
  " DECLARE"
  "   o jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;"
  "   n jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;"
  "   verb text := 'change';"
  "   r jsonb;"
  "   loc bigint;"
  "   place text;"
  " BEGIN"
  /* pw_heads (NULL) holds for the owner and admins alone, who skip the rest */
  "   IF pw_heads(NULL) THEN"
  "     verb := NULL;"
  "   ELSIF TG_TABLE_NAME = 'pcn_return' AND TG_OP = 'UPDATE' AND o->>'status' IS DISTINCT FROM n->>'status'"
  "      AND '2' IN (o->>'status', n->>'status') THEN"
  "     verb := CASE WHEN n->>'status' = '2' THEN 'review' ELSE 'reopen' END;"
  "   ELSIF TG_TABLE_NAME = 'pcn_return' AND pw_has('manager') THEN"
  "     verb := NULL;"
  "   END IF;"
  "   FOREACH r IN ARRAY ARRAY[o, n] LOOP"
  "     CONTINUE WHEN r IS NULL OR verb IS NULL;"
  "     loc := pw_locality_of(TG_ARGV[0], r);"
  "     CONTINUE WHEN pw_heads(loc);"
  "     place := coalesce((SELECT name FROM locality WHERE id = loc), '');"
  "     RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = format('Your role (%s) cannot %s %s.', pw_role_text(), verb,"
  "       CASE WHEN TG_TABLE_NAME <> 'pcn_return' THEN 'the board of ' || place"
  "            WHEN loc IS NULL THEN 'returns of PCNs without a locality'"
  "            ELSE 'returns of PCNs in ' || place END);"
  "   END LOOP;"
  "   IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;"
  "   RETURN NEW;"
  " END $$;"
  /* Gives or takes a role: the row and the group's membership together. */
  "CREATE OR REPLACE FUNCTION pw_set_grant(who text, r text, loc bigint, give boolean) RETURNS void"
  " LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$"
  " BEGIN"
  "   IF give THEN"
  "     INSERT INTO pw_grant VALUES (who, r, loc) ON CONFLICT DO NOTHING;"
  "     EXECUTE format('GRANT %I TO %I', pw_group(r), who);"
  "   ELSE"
  "     DELETE FROM pw_grant WHERE usr = who AND role = r AND locality_id IS NOT DISTINCT FROM loc;"
  "     IF NOT EXISTS (SELECT 1 FROM pw_grant WHERE usr = who AND role = r) THEN"
  "       EXECUTE format('REVOKE %I FROM %I', pw_group(r), who);"
  "     END IF;"
  "   END IF;"
  " END $$;";

/* The groups' table privileges.  In these templates {admin}, {manager},
 * {head} and {analyst} are the groups, quoted; {schema} the workbook's
 * schema; {tables} manager_tables. */
static const char *const grants_sql =
  "GRANT USAGE ON SCHEMA {schema} TO {admin}, {manager}, {head}, {analyst};"
  "GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {admin}, {manager}, {head}, {analyst};"
  "GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {admin}, {manager}, {head};"
  "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {admin};"
  "REVOKE INSERT, UPDATE, DELETE ON pw_meta, pw_grant FROM {admin};"
  "GRANT INSERT, UPDATE, DELETE ON {tables} TO {manager};"
  /* every checked write stamps the workbook's revision and the field's */
  "GRANT INSERT, UPDATE ON workbook_revision, field_version TO {manager}, {head};"
  "GRANT INSERT, UPDATE ON change_log TO {head};"
  "GRANT INSERT, UPDATE ON organisation TO {head};"
  "REVOKE EXECUTE ON FUNCTION pw_set_grant(text, text, bigint, boolean) FROM PUBLIC;"
  "GRANT EXECUTE ON FUNCTION pw_set_grant(text, text, bigint, boolean) TO {admin};";

/* One guarded table {table}, whose locality is found by {by}; {writer}
 * edits it anywhere (the manager for returns, the admin again for
 * boards). */
static const char *const guard_sql =
  "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;"
  "DROP POLICY IF EXISTS pw_read ON {table};"
  "DROP POLICY IF EXISTS pw_write ON {table};"
  "DROP POLICY IF EXISTS pw_head ON {table};"
  "DROP POLICY IF EXISTS pw_head_insert ON {table};"
  "DROP POLICY IF EXISTS pw_head_delete ON {table};"
  "CREATE POLICY pw_read ON {table} FOR SELECT USING (true);"
  "CREATE POLICY pw_write ON {table} FOR ALL TO {admin}, {writer} USING (true) WITH CHECK (true);"
  "CREATE POLICY pw_head ON {table} FOR UPDATE TO {head} USING (true)"
  " WITH CHECK (pw_heads(pw_locality_of('{by}', to_jsonb({table}))));"
  "DROP TRIGGER IF EXISTS pw_guard ON {table};"
  "CREATE TRIGGER pw_guard BEFORE INSERT OR UPDATE OR DELETE ON {table}"
  " FOR EACH ROW EXECUTE FUNCTION pw_guard('{by}');";

/* A head may also add a board's rows (of their localities) and delete
 * them (pw_guard refuses another locality's, with a message). */
static const char *const head_board_sql =
  "GRANT INSERT, UPDATE, DELETE ON {table} TO {head};"
  "CREATE POLICY pw_head_insert ON {table} FOR INSERT TO {head}"
  " WITH CHECK (pw_heads(pw_locality_of('{by}', to_jsonb({table}))));"
  "CREATE POLICY pw_head_delete ON {table} FOR DELETE TO {head} USING (true);";

/* Runs @sql as written; a failure becomes @error, saying @doing. */
static gboolean
raw_exec (PwStore     *self,
          const char  *sql,
          const char  *doing,
          GError     **error)
{
  PGresult *res = PQexec (self->pg, sql);
  ExecStatusType status = PQresultStatus (res);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    {
      const char *why = PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY);
      const char *state = PQresultErrorField (res, PG_DIAG_SQLSTATE);

      g_set_error (error, PW_STORE_ERROR,
                   g_strcmp0 (state, "42501") == 0 ? PW_STORE_ERROR_PERMISSION : PW_STORE_ERROR_FAILED,
                   _("Team workbook “%s”: %s failed: %s. The roles were left as they were."), self->path, doing,
                   why ? why : PQerrorMessage (self->pg));
    }
  PQclear (res);
  return ok;
}

/* One text from @sql, or NULL. */
static char *
raw_text (PwStore    *self,
          const char *sql)
{
  PGresult *res = PQexec (self->pg, sql);
  char *text = NULL;

  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1 && !PQgetisnull (res, 0, 0))
    text = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return text;
}

/* Quoted, as SQL names it */
static char *
quoted (PwStore    *self,
        const char *name)
{
  char *q = PQescapeIdentifier (self->pg, name, strlen (name));
  char *copy = g_strdup (q);

  PQfreemem (q);
  return copy;
}

/* The group role of @kind in this database, quoted. */
static char *
group (PwStore    *self,
       const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pw_group('%s')", kind);
  g_autofree char *name = raw_text (self, sql);

  return name ? quoted (self, name) : NULL;
}

/* Appends @template to @sql with each {key} of @keys (key, value, ...,
 * NULL) in place. */
static void
append_filled (GString    *sql,
               const char *template,
               const char *const *keys)
{
  g_autoptr(GString) s = g_string_new (template);

  for (guint i = 0; keys[i] != NULL; i += 2)
    g_string_replace (s, keys[i], keys[i + 1], 0);
  g_string_append (sql, s->str);
}

static char *
groups_and_grants (PwStore *self)
{
  g_autofree char *admin = group (self, "admin"), *manager = group (self, "manager");
  g_autofree char *head = group (self, "locality-head"), *analyst = group (self, "analyst");
  g_autofree char *current = raw_text (self, "SELECT current_schema()");
  g_autofree char *schema = current ? quoted (self, current) : NULL;
  g_autoptr(GString) sql = g_string_new (NULL);

  if (admin == NULL || manager == NULL || head == NULL || analyst == NULL || schema == NULL)
    return NULL;
  /* NOLOGIN groups, made only when missing, so init may run again */
  g_string_append (sql, "DO $$ DECLARE k text; BEGIN"
                        " FOREACH k IN ARRAY ARRAY['admin', 'manager', 'locality-head', 'analyst'] LOOP"
                        "   IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = pw_group(k)) THEN"
                        "     EXECUTE format('CREATE ROLE %I NOLOGIN', pw_group(k));"
                        "   END IF;"
                        " END LOOP; END $$;");
  {
    const char *const keys[] = { "{admin}", admin, "{manager}", manager, "{head}", head, "{analyst}", analyst,
                                 "{schema}", schema, "{tables}", manager_tables, NULL };
    append_filled (sql, grants_sql, keys);
  }
  {
    const char *const keys[] = { "{table}", "pcn_return", "{by}", "pcn_id", "{admin}", admin,
                                 "{writer}", manager, "{head}", head, NULL };
    append_filled (sql, guard_sql, keys);
    g_string_append_printf (sql, "GRANT UPDATE ON pcn_return TO %s;", head);
  }
  for (guint i = 0; i < G_N_ELEMENTS (board_tables); i++)
    {
      const char *const keys[] = { "{table}", board_tables[i][0], "{by}", board_tables[i][1], "{admin}", admin,
                                   "{writer}", admin, "{head}", head, NULL };
      append_filled (sql, guard_sql, keys);
      append_filled (sql, head_board_sql, keys);
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/**
 * pw_store_setup_roles:
 * Gives the team workbook @self its roles (see above), in one
 * transaction; running it again refreshes them.  The user needs the right
 * to make roles (CREATEROLE, or a superuser).
 */
gboolean
pw_store_setup_roles (PwStore  *self,
                      GError  **error)
{
  g_autofree char *grants = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (self->engine != PW_DB_PG)
    return TRUE;   /* a private file is its owner's alone */
  if (!raw_exec (self, "BEGIN", _("setting up the roles"), error))
    return FALSE;
  ok = raw_exec (self, functions_sql, _("setting up the roles"), error);
  if (ok && (grants = groups_and_grants (self)) == NULL)
    ok = raw_exec (self, "SELECT pw_group('admin')", _("setting up the roles"), error);
  ok = ok && raw_exec (self, grants, _("setting up the roles (the server user needs the right to create roles)"), error) &&
       raw_exec (self, "COMMIT", _("setting up the roles"), error);
  if (!ok)
    raw_exec (self, "ROLLBACK", "", NULL);
  return ok && (pg_load_role (self), TRUE);
}

/* ------------------------------------------------------------------ */
/* The user's role                                                     */

/* Reads which roles the user holds (NULL where the workbook has none). */
void
pg_load_role (PwStore *self)
{
  g_autofree char *has_roles = raw_text (self, "SELECT to_regclass('pw_grant') IS NOT NULL");

  g_clear_pointer (&self->pg_role, g_free);
  if (g_strcmp0 (has_roles, "t") == 0)
    self->pg_role = raw_text (self, "SELECT pw_role_text()");
  /* An analyst (or a login given no role) reads and exports only: the
   * window offers no edit the server would refuse. */
  self->read_only = g_strcmp0 (self->pg_role, "analyst") == 0 || g_strcmp0 (self->pg_role, "no role") == 0;
}

/**
 * pw_store_get_role:
 * Returns: (nullable): the roles the user holds in a team workbook, as a
 *   message names them ("locality head for North"); "owner" for its
 *   owner; %NULL for a private workbook or a team workbook without roles.
 */
const char *
pw_store_get_role (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return self->pg_role;
}

/* What a refusal by the server (42501) tells the user: pw_guard's own
 * sentence, or the role the user holds and that nothing was saved. */
char *
pg_refusal (PwStore    *self,
            const char *server_message)
{
  const char *why = server_message ? server_message : "";

  if (g_str_has_prefix (why, "Your role ("))
    return g_strdup_printf (_("%s Nothing was saved."), why);
  /* Names the user and the command in full, so that the message can be
   * passed on to the administrator as it is. */
  if (self->pg_role == NULL || g_str_equal (self->pg_role, "no role"))
    {
      const char *user = self->db_user ? self->db_user : PQuser (self->pg);

      return g_strdup_printf (_("The server user “%s” has no role in this team workbook (“%s”), so the server "
                                "refuses it (it said: %s). Ask its administrator to run "
                                "“pcn-workbook-cli admin grant %s ROLE” on it, with ROLE manager, "
                                "locality-head (and --locality NAME), analyst or admin."),
                              user, self->path, why, user);
    }
  return g_strdup_printf (_("Your role (%s) does not allow this change in the team workbook “%s” (the server said: %s). "
                            "Nothing was saved; an admin gives roles with “pcn-workbook-cli admin grant”."),
                          self->pg_role, self->path, why);
}

/* ------------------------------------------------------------------ */
/* Giving and taking roles                                             */

static const char *const role_names[] = { "manager", "locality-head", "analyst", "admin" };

static gboolean
grant_refused (GError     **error,
               int          code,
               const char  *message)
{
  g_set_error (error, PW_STORE_ERROR, code, _("%s Nothing was changed."), message);
  return FALSE;
}

/* Why @user may not be given (or lose) @role (at @locality) in @self, or
 * TRUE. */
static gboolean
check_grant (PwStore     *self,
             const char  *user,
             const char  *role,
             const char  *locality,
             gboolean     give,
             gint64      *out_locality_id,
             GError     **error)
{
  g_autofree char *message = NULL;
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    known |= g_str_equal (role, role_names[i]);
  if (!known)
    message = g_strdup_printf (_("“%s” is not a role: the roles are manager, locality-head, analyst and admin."), role);
  else if (g_str_equal (role, "locality-head") != (locality != NULL))
    message = g_strdup (locality ? _("Only a locality head has a locality: leave out --locality.")
                                 : _("A locality head needs the locality: add --locality NAME."));
  else if (self->pg_role == NULL)
    message = g_strdup_printf (_("The team workbook “%s” has no roles yet: its owner sets them up with “pcn-workbook-cli init”."),
                               self->path);
  /* pw_role_text () names admin first; the server checks again (only
   * admins may call pw_set_grant ()) */
  else if (!g_str_equal (self->pg_role, "owner") && !g_str_has_prefix (self->pg_role, "admin"))
    message = g_strdup_printf (_("Only an admin (or the workbook’s owner) gives roles; your role is %s."), self->pg_role);
  if (message != NULL)
    return grant_refused (error, PW_STORE_ERROR_INVALID, message);
  if (find_id (self, "SELECT 1 FROM pg_roles WHERE rolname = ?1 AND rolcanlogin", "t", user) <= 0)
    {
      message = g_strdup_printf (_("There is no server user “%s” who may log in: the server’s administrator makes it first "
                                   "(CREATE ROLE … LOGIN)."), user);
      return grant_refused (error, PW_STORE_ERROR_NOT_FOUND, message);
    }
  *out_locality_id = locality ? find_id (self, "SELECT id FROM locality WHERE name = ?1", "t", locality) : 0;
  if (*out_locality_id <= 0 && locality != NULL)
    {
      message = g_strdup_printf (_("There is no locality “%s” in the team workbook."), locality);
      return grant_refused (error, PW_STORE_ERROR_NOT_FOUND, message);
    }
  if (!give && find_id (self, "SELECT count(*) FROM pw_grant WHERE usr = ?1 AND role = ?2 AND coalesce(locality_id, 0) = ?3",
                        "tti", user, role, *out_locality_id) == 0)
    {
      message = g_strdup_printf (_("%s does not hold that role."), user);
      return grant_refused (error, PW_STORE_ERROR_NOT_FOUND, message);
    }
  return TRUE;
}

/**
 * pw_store_grant_role:
 * @user: the server user (a LOGIN role)
 * @role: manager, locality-head, analyst or admin
 * @locality: (nullable): the locality's name, for a locality head only
 * @give: %TRUE to give the role, %FALSE to take it away
 *
 * Gives (or takes) @role in the team workbook @self.  Only an admin or the
 * owner may; anything wrong is refused before anything is written.
 */
gboolean
pw_store_grant_role (PwStore     *self,
                     const char  *user,
                     const char  *role,
                     const char  *locality,
                     gboolean     give,
                     GError     **error)
{
  gint64 locality_id = 0;
  PwDbStmt *stmt;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (self->engine != PW_DB_PG)
    return grant_refused (error, PW_STORE_ERROR_INVALID,
                          _("Roles belong to team workbooks on a PostgreSQL server (postgresql://…); "
                            "a private workbook file is its owner’s alone."));
  if (!check_grant (self, user, role, locality, give, &locality_id, error) || !pw_store_begin (self, error))
    return FALSE;
  stmt = query (self, error, "SELECT pw_set_grant(?1, ?2, ?3, ?4 = 1)", "ttni", user, role,
                locality ? locality_id : (gint64) -1, (gint64) give);
  rc = stmt ? db_step (stmt) : DB_ERROR;
  if (stmt != NULL)
    db_reset (stmt);
  if (rc != DB_ROW)
    {
      if (stmt != NULL)
        db_error (self, error, rc);
      pw_store_rollback (self);
      return FALSE;
    }
  return pw_store_commit (self, error) && (pg_load_role (self), TRUE);
}

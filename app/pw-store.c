/* pw-store.c — the one place that speaks SQL
 *
 * PwStore owns a SQLite connection.  Opening refuses, without writing a
 * byte, anything that is not a PCN Workbook database of a version this build
 * understands; older versions are copied aside and migrated forward in one
 * transaction.  Every write runs in a transaction and is followed by the
 * "changed" signal; localities and PCNs are also kept as live list models
 * whose rows are updated in place, so widgets bound to them follow edits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-store.h"
#include "pw-util.h"
#include "pw-workforce.h"

#define PW_APPLICATION_ID 0x50434E57 /* "PCNW" in the SQLite header */

struct _PwStore
{
  GObject parent_instance;

  char *path;                  /* owned */
  sqlite3 *db;                 /* owned */
  GHashTable *statements;      /* SQL text (static) → sqlite3_stmt, owned */
  int schema_version;
  gboolean read_only;          /* the file or its folder may not be written */
  GError *backup_error;        /* why today's copy could not be made, owned */
  int write_mark;              /* sqlite3_total_changes () when the last write began */

  guint depth;                 /* nesting of pw_store_begin () */
  const char *pending_table;   /* what the open transaction changed */
  gint64 pending_id;
  guint pending_count;

  GListStore *localities;      /* of PwLocality, owned */
  GListStore *pcns;            /* of PwPcn, owned */
};

G_DEFINE_FINAL_TYPE (PwStore, pw_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (pw-store-error-quark, pw_store_error)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Past years' profiles (migration 6).  Localities, PCNs and practices are
 * edited in place: they are the current financial year's figures.  At the
 * first profile write of a new financial year, the profile as it stood
 * (profile_state.changed_on, the day it was last written, falls in an
 * earlier year) is first copied whole into pcn_year and practice_year as the
 * figures of the year before, with that date as profile_year.as_at.  A kept
 * year's rows hold the figures of that year and of every earlier year back
 * to the kept year before it; a year after the last kept one reads the live
 * tables.  So "the figures as they were for year Y" is one query: the rows
 * of the first kept year at or after Y, else the live rows.  Kept rows copy
 * codes, names and the locality's name, so they outlive a deletion or a
 * rename.  A PCN added after a year was kept, but holding a return for it,
 * is shown with its live profile and practices. */
#define KEPT_YEAR(y) "(SELECT min(year) FROM profile_year WHERE year >= " y ")"
#define LIVE_PCNS \
  " p.id, p.code, p.name, p.locality_id, coalesce(l.name, ''), p.clinical_director, p.cd_wte," \
  " p.manager, p.manager_wte, p.established, p.notes FROM pcn p LEFT JOIN locality l ON l.id = p.locality_id"
#define LIVE_PRACTICES " id, pcn_id, list_size, code, name FROM practice"
#define KEEP_PCNS(y) \
  "INSERT INTO pcn_year (year, pcn_id, code, name, locality_id, locality, clinical_director, cd_wte," \
  " manager, manager_wte, established, notes) SELECT " y "," LIVE_PCNS
#define KEEP_PRACTICES(y) \
  "INSERT INTO practice_year (year, practice_id, pcn_id, list_size, code, name) SELECT " y "," LIVE_PRACTICES
/* The PCNs (id, code, name, locality_id, locality, clinical_director, cd_wte,
 * manager, manager_wte, established, notes) and the practices (id, pcn_id,
 * list_size, code, name) as they were in year @y. */
#define YEAR_PCNS(y) \
  "SELECT pcn_id, code, name, locality_id, locality, clinical_director, cd_wte, manager, manager_wte," \
  "       established, notes FROM pcn_year WHERE year = " KEPT_YEAR (y) \
  " UNION ALL SELECT" LIVE_PCNS \
  " WHERE p.id NOT IN (SELECT pcn_id FROM pcn_year WHERE year = " KEPT_YEAR (y) ")" \
  "   AND (" KEPT_YEAR (y) " IS NULL OR p.id IN (SELECT pcn_id FROM pcn_return WHERE year = " y "))"
#define YEAR_PRACTICES_WHERE(y, cond) \
  "SELECT practice_id AS id, pcn_id, list_size, code, name FROM practice_year" \
  " WHERE year = " KEPT_YEAR (y) " AND " cond \
  " UNION ALL SELECT" LIVE_PRACTICES \
  " WHERE " cond " AND (" KEPT_YEAR (y) " IS NULL OR NOT EXISTS (SELECT 1 FROM pcn_year k" \
  "   WHERE k.year = " KEPT_YEAR (y) " AND k.pcn_id = practice.pcn_id) AND pcn_id IS NOT NULL)"
#define YEAR_PRACTICES(y) YEAR_PRACTICES_WHERE (y, "1")

/* Each entry takes the schema from the version before it to its index + 1. */
static const char *migrations[] = {
  /* 1: localities, PCNs and practices */
  "CREATE TABLE locality ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0));"
  "CREATE TABLE pcn ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (code GLOB 'U[0-9][0-9][0-9][0-9][0-9]'),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  locality_id INTEGER REFERENCES locality (id) ON DELETE SET NULL,"
  "  clinical_director TEXT NOT NULL DEFAULT '',"
  "  cd_wte INTEGER CHECK (cd_wte BETWEEN 0 AND 9999),"
  "  manager TEXT NOT NULL DEFAULT '',"
  "  manager_wte INTEGER CHECK (manager_wte BETWEEN 0 AND 9999),"
  "  established TEXT CHECK (established IS date(established)),"
  "  notes TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX pcn_locality ON pcn (locality_id);"
  "CREATE TABLE practice ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (code GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9]'),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  pcn_id INTEGER REFERENCES pcn (id) ON DELETE SET NULL,"
  "  list_size INTEGER NOT NULL DEFAULT 0 CHECK (list_size >= 0));"
  "CREATE INDEX practice_pcn ON practice (pcn_id);",

  /* 2: returns, the maturity self-assessment, and the change log */
  "CREATE TABLE pcn_return ("
  "  id INTEGER PRIMARY KEY,"
  "  pcn_id INTEGER NOT NULL REFERENCES pcn (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2098),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 2),"
  "  submitted_at TEXT,"
  "  reviewed_at TEXT,"
  "  reviewer TEXT NOT NULL DEFAULT '',"
  "  review_note TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (pcn_id, year));"
  "CREATE INDEX pcn_return_year ON pcn_return (year);"
  "CREATE TABLE maturity ("
  "  return_id INTEGER NOT NULL REFERENCES pcn_return (id) ON DELETE CASCADE,"
  "  domain TEXT NOT NULL CHECK (domain IN ('leadership', 'data', 'integrating', 'resources', 'people')),"
  "  level INTEGER CHECK (level IN (-2, 0, 1, 2, 3, 4, 5, 6)),"
  "  evidence TEXT NOT NULL DEFAULT '',"
  "  support TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (return_id, domain));"
  "CREATE TABLE change_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  user TEXT NOT NULL,"
  "  return_id INTEGER REFERENCES pcn_return (id) ON DELETE CASCADE,"
  "  what TEXT NOT NULL,"
  "  old_value TEXT NOT NULL DEFAULT '',"
  "  new_value TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX change_log_return ON change_log (return_id);",

  /* 3: SWOT and achievements, the DES specifications, projects and funding proposals */
  "CREATE TABLE return_item ("
  "  id INTEGER PRIMARY KEY,"
  "  return_id INTEGER NOT NULL REFERENCES pcn_return (id) ON DELETE CASCADE,"
  "  list TEXT NOT NULL CHECK (list IN ('S', 'W', 'O', 'T', 'A')),"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  text TEXT NOT NULL);"
  "CREATE INDEX return_item_list ON return_item (return_id, list, position);"
  "CREATE TABLE des_plan ("
  "  return_id INTEGER NOT NULL REFERENCES pcn_return (id) ON DELETE CASCADE,"
  "  spec TEXT NOT NULL CHECK (spec IN ('smr', 'ehch', 'anticipatory', 'personalised', 'cancer', 'cvd', 'inequalities')),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (return_id, spec));"
  "CREATE TABLE plan_entry ("
  "  id INTEGER PRIMARY KEY,"
  "  return_id INTEGER NOT NULL REFERENCES pcn_return (id) ON DELETE CASCADE,"
  "  kind INTEGER NOT NULL CHECK (kind IN (0, 1)),"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
  "  amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  detail TEXT NOT NULL DEFAULT '',"
  "  lead TEXT NOT NULL DEFAULT '',"
  "  due TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX plan_entry_return ON plan_entry (return_id, kind, position);",

  /* 4: ARRS roles (reference data), workforce per return, funding per PCN */
  "CREATE TABLE arrs_role ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  first_year INTEGER NOT NULL DEFAULT 0,"
  "  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
  "  local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1)));"
  "INSERT INTO arrs_role (name, first_year) VALUES"
  "  ('Clinical pharmacist', 2019), ('Social prescribing link worker', 2019),"
  "  ('Pharmacy technician', 2020), ('Health and wellbeing coach', 2020), ('Care coordinator', 2020),"
  "  ('Physician associate', 2020), ('First contact physiotherapist', 2020), ('Dietitian', 2020),"
  "  ('Podiatrist', 2020), ('Occupational therapist', 2020),"
  "  ('Paramedic', 2021), ('Advanced practitioner', 2021), ('Mental health practitioner', 2021),"
  "  ('Nursing associate', 2021), ('Trainee nursing associate', 2021),"
  "  ('GP assistant', 2022), ('Digital and transformation lead', 2022),"
  "  ('Apprentice physician associate', 2023), ('General practitioner (newly qualified)', 2024);"
  "CREATE TABLE arrs_rate ("
  "  role_id INTEGER NOT NULL REFERENCES arrs_role (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL,"
  "  max_pence INTEGER NOT NULL CHECK (max_pence >= 0),"
  "  PRIMARY KEY (role_id, year));"
  "CREATE TABLE arrs_wte ("
  "  return_id INTEGER NOT NULL REFERENCES pcn_return (id) ON DELETE CASCADE,"
  "  role_id INTEGER NOT NULL REFERENCES arrs_role (id),"
  "  wte INTEGER NOT NULL DEFAULT 0 CHECK (wte BETWEEN 0 AND 9999),"
  "  headcount INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),"
  "  planned INTEGER NOT NULL DEFAULT 0 CHECK (planned BETWEEN 0 AND 9999),"
  "  as_of TEXT CHECK (as_of IS date(as_of)),"
  "  PRIMARY KEY (return_id, role_id));"
  "CREATE TABLE funding ("
  "  pcn_id INTEGER NOT NULL REFERENCES pcn (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL,"
  "  stream TEXT NOT NULL CHECK (stream IN ('arrs', 'cd', 'leadership', 'development')),"
  "  amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),"
  "  rate INTEGER CHECK (rate >= 0),"
  "  PRIMARY KEY (pcn_id, year, stream));",

  /* 5: a closed PCN is archived from a financial year: kept for the years
   * before, left out of the lists of that year and later */
  "ALTER TABLE pcn ADD COLUMN archived_from INTEGER CHECK (archived_from BETWEEN 2000 AND 2098);",

  /* 6: profiles kept per financial year (see KEPT_YEAR above).  What a
   * workbook holds when it is upgraded stands for every year up to now: it
   * is kept as last year's figures, as at the day of the upgrade. */
  "CREATE TABLE profile_state ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  changed_on TEXT CHECK (changed_on IS date(changed_on)));"
  "CREATE TABLE profile_year ("
  "  year INTEGER PRIMARY KEY,"
  "  as_at TEXT NOT NULL CHECK (as_at IS date(as_at)));"
  "CREATE TABLE pcn_year ("
  "  year INTEGER NOT NULL REFERENCES profile_year (year) ON DELETE CASCADE,"
  "  pcn_id INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  locality_id INTEGER,"
  "  locality TEXT NOT NULL,"
  "  clinical_director TEXT NOT NULL,"
  "  cd_wte INTEGER,"
  "  manager TEXT NOT NULL,"
  "  manager_wte INTEGER,"
  "  established TEXT,"
  "  notes TEXT NOT NULL,"
  "  PRIMARY KEY (year, pcn_id));"
  "CREATE TABLE practice_year ("
  "  year INTEGER NOT NULL REFERENCES profile_year (year) ON DELETE CASCADE,"
  "  practice_id INTEGER NOT NULL,"
  "  pcn_id INTEGER,"
  "  list_size INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (year, practice_id));"
  "CREATE INDEX practice_year_pcn ON practice_year (year, pcn_id);"
  "INSERT INTO profile_state (id, changed_on)"
  "  SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM pcn) OR EXISTS (SELECT 1 FROM practice)"
  "                 THEN date('now', 'localtime') END;"
  "INSERT INTO profile_year (year, as_at)"
  "  SELECT CAST(strftime('%Y', 'now', 'localtime') AS INTEGER) - (strftime('%m', 'now', 'localtime') < '04') - 1,"
  "         changed_on FROM profile_state WHERE changed_on IS NOT NULL;"
  KEEP_PCNS ("(SELECT year FROM profile_year)") ";"
  KEEP_PRACTICES ("(SELECT year FROM profile_year)") ";",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PW_STORE_SCHEMA_VERSION);

/* ------------------------------------------------------------------ */
/* Statements                                                          */

static gboolean
set_sqlite_error (PwStore     *self,
                  GError     **error,
                  int          rc)
{
  int code = PW_STORE_ERROR_FAILED;

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB: code = PW_STORE_ERROR_NOT_DATABASE; break;
    case SQLITE_CORRUPT: code = PW_STORE_ERROR_CORRUPT; break;
    case SQLITE_CONSTRAINT:
      code = rc == SQLITE_CONSTRAINT_UNIQUE ? PW_STORE_ERROR_EXISTS : PW_STORE_ERROR_INVALID;
      break;
    case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CANTOPEN: case SQLITE_READONLY:
      code = PW_STORE_ERROR_IO; break;
    default: break;
    }
  g_set_error (error, PW_STORE_ERROR, code, _("Database “%s”: %s"),
               self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

/* Binds arguments by a type string: 'i' gint64, 'n' gint64 or NULL if < 0,
 * 't' text (NULL binds NULL), 'e' text with "" bound as NULL. */
static void
bind_args (sqlite3_stmt *stmt,
           const char   *types,
           va_list       ap)
{
  for (int i = 1; types && types[i - 1]; i++)
    {
      switch (types[i - 1])
        {
        case 'i':
          sqlite3_bind_int64 (stmt, i, va_arg (ap, gint64));
          break;
        case 'n':
          {
            gint64 v = va_arg (ap, gint64);
            if (v < 0)
              sqlite3_bind_null (stmt, i);
            else
              sqlite3_bind_int64 (stmt, i, v);
          }
          break;
        case 't':
        case 'e':
          {
            const char *s = va_arg (ap, const char *);
            if (s == NULL || (types[i - 1] == 'e' && *s == '\0'))
              sqlite3_bind_null (stmt, i);
            else
              sqlite3_bind_text (stmt, i, s, -1, SQLITE_TRANSIENT);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Returns a cached statement for @sql (which must be a string that lives as
 * long as the store: a literal, or one interned), reset and bound. */
static sqlite3_stmt *
prepare_v (PwStore     *self,
           GError     **error,
           const char  *sql,
           const char  *types,
           va_list      ap)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (self, error, rc);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  bind_args (stmt, types, ap);
  return stmt;
}

static sqlite3_stmt *
query (PwStore     *self,
       GError     **error,
       const char  *sql,
       const char  *types,
       ...)
{
  va_list ap;
  sqlite3_stmt *stmt;

  va_start (ap, types);
  stmt = prepare_v (self, error, sql, types, ap);
  va_end (ap);
  return stmt;
}

/* Runs a statement that returns no rows. */
static gboolean
run (PwStore     *self,
     GError     **error,
     const char  *sql,
     const char  *types,
     ...)
{
  va_list ap;
  sqlite3_stmt *stmt;
  int rc;

  va_start (ap, types);
  stmt = prepare_v (self, error, sql, types, ap);
  va_end (ap);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : set_sqlite_error (self, error, rc);
}

static gboolean
exec_script (PwStore     *self,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : set_sqlite_error (self, error, rc);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *s = (const char *) sqlite3_column_text (stmt, col);
  return s ? s : "";
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

/* New databases are private to their owner: they hold names of staff. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("Cannot create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gint64
pragma_int (PwStore     *self,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = query (self, error, sql, NULL);
  int rc;
  gint64 v;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc);
      sqlite3_reset (stmt);
      return -1;
    }
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

static gboolean
refuse (PwStore     *self,
        GError     **error,
        int          code,
        const char  *reason)
{
  g_set_error (error, PW_STORE_ERROR, code,
               _("Cannot open “%s”: %s It was left unchanged."), self->path, reason);
  return FALSE;
}

/* The tables each schema version added: files from before the application
 * id are told from other SQLite files by these.  Later versions always
 * carry the application id, so this list stops at version 4. */
static const char *legacy_tables[] = {
  "locality pcn practice",
  "pcn_return maturity change_log",
  "return_item des_plan plan_entry",
  "arrs_role arrs_rate arrs_wte funding",
};

/* Whether a file without our application id is ours: an older PCN Workbook
 * file (every table of its version present), or a blank one (nothing at
 * all, as a file we created is until its first migration commits). */
static gboolean
recognise_by_tables (PwStore *self,
                     gint64   version)
{
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint wanted = 0;
  gint64 found = -1;

  if (version == 0)
    return pragma_int (self, "SELECT count(*) FROM sqlite_schema", NULL) == 0;
  if (version < 0 || version > (gint64) G_N_ELEMENTS (legacy_tables))
    return FALSE;
  for (gint64 v = 0; v < version; v++)
    {
      g_auto(GStrv) split = g_strsplit (legacy_tables[v], " ", -1);
      g_string_append_printf (names, " %s ", legacy_tables[v]);
      wanted += g_strv_length (split);
    }
  stmt = query (self, NULL, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                            " AND instr(?1, ' ' || name || ' ') > 0", "t", names->str);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return found == wanted;
}

/* Reads only: decides whether this file may be written at all. */
static gboolean
check_file (PwStore     *self,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  gint64 version = pragma_int (self, "PRAGMA user_version", &local);
  gint64 app_id;
  sqlite3_stmt *stmt;
  int rc;

  if (version < 0 && g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_DATABASE))
    return refuse (self, error, PW_STORE_ERROR_NOT_DATABASE,
                   _("it is not a PCN Workbook database (it is not an SQLite file)."));
  if (version < 0)
    return refuse (self, error, PW_STORE_ERROR_CORRUPT,
                   _("the file is damaged or is not a database."));
  app_id = pragma_int (self, "PRAGMA application_id", NULL);
  if (app_id != PW_APPLICATION_ID && (app_id != 0 || !recognise_by_tables (self, version)))
    return refuse (self, error, PW_STORE_ERROR_NOT_DATABASE,
                   _("this SQLite file was not made by PCN Workbook."));
  if (version > PW_STORE_SCHEMA_VERSION)
    return refuse (self, error, PW_STORE_ERROR_NEWER,
                   _("it was made by a newer version of PCN Workbook. Install the newer version to open it."));

  stmt = query (self, NULL, "PRAGMA quick_check", NULL);
  rc = stmt ? sqlite3_step (stmt) : SQLITE_ERROR;
  if (rc != SQLITE_ROW || g_strcmp0 (column_text (stmt, 0), "ok") != 0)
    {
      if (stmt)
        sqlite3_reset (stmt);
      return refuse (self, error, PW_STORE_ERROR_CORRUPT,
                     _("the database is damaged (its integrity check failed). Restore it from a backup."));
    }
  sqlite3_reset (stmt);
  self->schema_version = version;
  return TRUE;
}

static gboolean
io_failed (GError     **error,
           const char  *path)
{
  int saved = errno;

  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO, _("Cannot write “%s”: %s"),
               path, g_strerror (saved));
  return FALSE;
}

/* Writes a consistent copy of the workbook (WAL included) to @target.
 * SQLite writes the copy itself (VACUUM INTO) into an empty private file
 * made under a temporary name, so a kill mid-way leaves no half copy under
 * the real name and nothing world-readable; the copy is flushed to disk
 * before it takes its name.  Only the copy is ever opened here, never the
 * workbook (TRAPS: POSIX locks). */
static gboolean
copy_to (PwStore     *self,
         const char  *target,
         GError     **error)
{
  g_autofree char *tmp = g_strconcat (target, ".partial-XXXXXX", NULL);
  g_autoptr(GError) local = NULL;
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO, _("Cannot create “%s”: %s"),
                   tmp, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  ok = run (self, &local, "VACUUM INTO ?1", "t", tmp);
  if (ok && ((fd = g_open (tmp, O_RDONLY | O_CLOEXEC, 0)) < 0 || g_fsync (fd) != 0))
    ok = io_failed (&local, tmp);
  if (fd >= 0)
    close (fd);
  if (ok && g_rename (tmp, target) != 0)
    ok = io_failed (&local, target);
  if (!ok)
    {
      g_remove (tmp);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return ok;
}

/* A copy beside the file before it is upgraded: name.db.2026-11-22-v1.bak */
static gboolean
backup_before_migration (PwStore     *self,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.%s-v%d.bak", self->path, stamp,
                                             self->schema_version);
  g_autoptr(GError) local = NULL;

  if (!copy_to (self, target, &local))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   _("Cannot back up “%s” to “%s” before upgrading it: %s. It was left unchanged."),
                   self->path, target, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (PwStore     *self,
         GError     **error)
{
  g_autofree char *set_version = NULL;

  if (self->schema_version == PW_STORE_SCHEMA_VERSION)
    return TRUE;
  if (self->read_only)
    return refuse (self, error, PW_STORE_ERROR_READ_ONLY,
                   _("it comes from an older version of PCN Workbook and must be upgraded, but it is read-only. "
                     "Copy it to a folder where you may write, or ask for write access."));
  if (self->schema_version > 0 && !backup_before_migration (self, error))
    return FALSE;
  if (!exec_script (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = self->schema_version; v < PW_STORE_SCHEMA_VERSION; v++)
    if (!exec_script (self, migrations[v], error))
      {
        exec_script (self, "ROLLBACK", NULL);
        return FALSE;
      }
  set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                 PW_STORE_SCHEMA_VERSION, PW_APPLICATION_ID);
  if (!exec_script (self, set_version, error) || !exec_script (self, "COMMIT", error))
    {
      exec_script (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->schema_version = PW_STORE_SCHEMA_VERSION;
  return TRUE;
}

static gboolean
connect_with (PwStore     *self,
              const char  *name,
              int          flags,
              GError     **error)
{
  int rc;

  if (self->db != NULL)
    {
      g_hash_table_remove_all (self->statements);
      sqlite3_close (self->db);
      self->db = NULL;
    }
  rc = sqlite3_open_v2 (name, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK && self->db != NULL && sqlite3_system_errno (self->db) == EACCES)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_PERMISSION,
                   _("Cannot open “%s”: you do not have permission to read it. "
                     "Ask whoever manages the file or folder for access."), self->path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, error, rc);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

/* Whether the first read works; in WAL mode it needs the -shm file, which a
 * folder we may not write to cannot hold. */
static gboolean
can_read (PwStore *self)
{
  return pragma_int (self, "PRAGMA application_id", NULL) >= 0 ||
         (sqlite3_errcode (self->db) & 0xff) == SQLITE_NOTADB;
}

/* Opens the file through SQLite only: nothing else opens the workbook while
 * the process may hold a connection to it (TRAPS: closing any descriptor
 * drops the process's locks, and another process may then delete the WAL
 * under us).  A file or folder we may not write to is opened read-only;
 * when even the -shm file cannot be made, the file is read as immutable. */
static gboolean
connect_to_file (PwStore     *self,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *absolute = NULL, *uri = NULL, *immutable = NULL;

  if (!connect_with (self, self->path, SQLITE_OPEN_READWRITE, error))
    return FALSE;
  self->read_only = sqlite3_db_readonly (self->db, "main") == 1;
  if (!self->read_only && g_access (dir, W_OK) != 0)
    {
      self->read_only = TRUE;
      if (!connect_with (self, self->path, SQLITE_OPEN_READONLY, error))
        return FALSE;
    }
  if (!self->read_only || can_read (self))
    return TRUE;
  absolute = g_canonicalize_filename (self->path, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  if (uri == NULL)
    return TRUE;   /* check_file () will say what is wrong */
  immutable = g_strconcat (uri, "?immutable=1", NULL);
  return connect_with (self, immutable, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error);
}

static void daily_backup_quietly (PwStore *self);

static gboolean
open_connection (PwStore     *self,
                 GError     **error)
{
  gboolean created = FALSE;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      if (!create_private_file (self->path, error))
        return FALSE;
      created = TRUE;
    }
  if (!connect_to_file (self, error) || !check_file (self, error))
    return FALSE;
  /* Only now that the file is known to be ours may anything be written;
   * a read-only file of an older version is refused by migrate (). */
  if (!exec_script (self, self->read_only ? "PRAGMA foreign_keys = ON;"
                                          : "PRAGMA foreign_keys = ON;"
                                            "PRAGMA journal_mode = WAL;"
                                            "PRAGMA synchronous = FULL;", error) ||
      !migrate (self, error))
    return FALSE;
  /* A workbook made just now has nothing to keep yet. */
  if (!created)
    daily_backup_quietly (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Live models                                                         */

static PwLocality *
locality_from_row (sqlite3_stmt *stmt)
{
  return pw_locality_new (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1));
}

static PwPcn *
pcn_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (PW_TYPE_PCN,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "code", column_text (stmt, 1),
                       "name", column_text (stmt, 2),
                       "locality-id", sqlite3_column_int64 (stmt, 3),
                       "locality", column_text (stmt, 4),
                       "clinical-director", column_text (stmt, 5),
                       "cd-wte", sqlite3_column_int64 (stmt, 6),
                       "manager", column_text (stmt, 7),
                       "manager-wte", sqlite3_column_int64 (stmt, 8),
                       "established", column_text (stmt, 9),
                       "notes", column_text (stmt, 10),
                       "practice-count", sqlite3_column_int64 (stmt, 11),
                       "population", sqlite3_column_int64 (stmt, 12),
                       "archived-from", sqlite3_column_int64 (stmt, 13),
                       NULL);
}

static gint64
row_id (gpointer row)
{
  return pw_row_get_int (PW_ROW (row), 1);
}

/* Brings @model in line with the rows @stmt yields: known rows are updated in
 * place, new ones appended and, when @complete, vanished ones removed. */
static void
sync_model (GListStore    *model,
            sqlite3_stmt  *stmt,
            gpointer     (*from_row) (sqlite3_stmt *),
            gboolean       complete)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);   /* of rows, by pointer */
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 *ids = g_new (gint64, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      ids[i] = row_id (row);
      g_hash_table_insert (index, &ids[i], row);   /* borrowed: model keeps it */
    }
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GObject) fresh = from_row (stmt);
      gint64 id = row_id (fresh);
      GObject *known = g_hash_table_lookup (index, &id);

      if (known != NULL)
        {
          pw_object_sync (known, fresh);
          g_hash_table_add (seen, known);
        }
      else
        g_ptr_array_add (added, g_steal_pointer (&fresh));
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  for (guint i = n; complete && i > 0; i--)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (model), i - 1);
      if (!g_hash_table_contains (seen, row))
        g_list_store_remove (model, i - 1);
    }
  g_list_store_splice (model, g_list_model_get_n_items (G_LIST_MODEL (model)), 0,
                       added->pdata, added->len);
  g_free (ids);
}

static const char sql_pcns[] =
  "SELECT p.id, p.code, p.name, coalesce(p.locality_id, 0), coalesce(l.name, ''),"
  "       p.clinical_director, coalesce(p.cd_wte, -1), p.manager,"
  "       coalesce(p.manager_wte, -1), coalesce(p.established, ''), p.notes,"
  "       (SELECT count(*) FROM practice WHERE pcn_id = p.id),"
  "       (SELECT coalesce(sum(list_size), 0) FROM practice WHERE pcn_id = p.id),"
  "       coalesce(p.archived_from, 0)"
  "  FROM pcn p LEFT JOIN locality l ON l.id = p.locality_id"
  " WHERE ?1 = 0 OR p.id = ?1"
  " ORDER BY l.name, p.name";

/* Refreshes the cached rows after a write: one PCN when @pcn_id is known,
 * otherwise everything. */
static void
refresh (PwStore *self,
         gint64   pcn_id)
{
  if (pcn_id == 0)
    sync_model (self->localities,
                query (self, NULL, "SELECT id, name FROM locality ORDER BY name", NULL),
                (gpointer) locality_from_row, TRUE);
  sync_model (self->pcns, query (self, NULL, sql_pcns, "i", pcn_id),
              (gpointer) pcn_from_row, pcn_id == 0);
}

/* ------------------------------------------------------------------ */
/* Transactions and change notification                                */

gboolean
pw_store_begin (PwStore  *self,
                GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only: the change was not saved. "
                     "Copy the workbook to a folder where you may write, or ask for write access."),
                   self->path);
      return FALSE;
    }
  if (self->depth == 0 && !exec_script (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->depth++;
  /* Each write begins here, so finish_write () can tell whether it
   * changed anything. */
  self->write_mark = sqlite3_total_changes (self->db);
  return TRUE;
}

static void
flush_changes (PwStore *self)
{
  const char *table = self->pending_count == 1 ? self->pending_table : NULL;
  gint64 id = self->pending_count == 1 ? self->pending_id : 0;

  if (self->pending_count == 0)
    return;
  self->pending_count = 0;
  /* Practice changes are announced with the PCN whose totals they move;
   * returns and their parts are not cached, so they need no refresh. */
  if (g_strcmp0 (table, "pcn") == 0 || g_strcmp0 (table, "practice") == 0)
    refresh (self, id);
  else if (table == NULL || g_strcmp0 (table, "locality") == 0)
    refresh (self, 0);
  g_signal_emit (self, signals[CHANGED], 0, table, id);
}

gboolean
pw_store_commit (PwStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      self->depth--;
      return TRUE;
    }
  if (!exec_script (self, "COMMIT", error))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  self->depth = 0;
  flush_changes (self);
  return TRUE;
}

/* Rolls back the whole outermost transaction: a batch is all or nothing. */
void
pw_store_rollback (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));

  if (self->depth == 0)
    return;
  exec_script (self, "ROLLBACK", NULL);
  self->depth = 0;
  self->pending_count = 0;
}

/* Remembers what the open transaction changed: one row, or "many" (2). */
static void
note_change (PwStore    *self,
             const char *table,
             gint64      id)
{
  if (self->pending_count == 0)
    {
      self->pending_count = 1;
      self->pending_table = table;
      self->pending_id = id;
    }
  else if (self->pending_table != table || self->pending_id != id)
    self->pending_count = 2;
}

static gboolean
is_profile_table (const char *table)
{
  return g_strcmp0 (table, "pcn") == 0 || g_strcmp0 (table, "practice") == 0 ||
         g_strcmp0 (table, "locality") == 0;
}

/* Before the first profile write of a financial year, keeps the profile as
 * it stood, if it was last written in an earlier year, as the figures of
 * the year before (see KEPT_YEAR). */
static gboolean
keep_past_profile (PwStore  *self,
                   GError  **error)
{
  gint64 last = pw_current_year () - 1;
  g_autofree char *start = g_strdup_printf ("%04d-04-01", (int) last + 1);

  if (!run (self, error, "INSERT INTO profile_year (year, as_at) SELECT ?1, changed_on FROM profile_state"
                         " WHERE changed_on < ?2 AND NOT EXISTS (SELECT 1 FROM profile_year WHERE year >= ?1)",
            "it", last, start))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return TRUE;
  return run (self, error, KEEP_PCNS ("?1"), "i", last) && run (self, error, KEEP_PRACTICES ("?1"), "i", last);
}

/* Dates the profile's figures: the day of its latest write. */
static gboolean
touch_profile (PwStore  *self,
               GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return run (self, error, "UPDATE profile_state SET changed_on = ?1", "t", today);
}

/* Wraps one statement in its own transaction (or the caller's batch); a
 * write to the profile first keeps last year's figures (see KEPT_YEAR). */
static gboolean
write_one (PwStore     *self,
           GError     **error,
           const char  *table,
           gint64       id,
           const char  *sql,
           const char  *types,
           ...)
{
  va_list ap;
  sqlite3_stmt *stmt;
  int rc = SQLITE_OK;
  gboolean profile = is_profile_table (table);

  if (!pw_store_begin (self, error))
    return FALSE;
  if (profile && !keep_past_profile (self, error))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  va_start (ap, types);
  stmt = prepare_v (self, error, sql, types, ap);
  va_end (ap);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (stmt == NULL || rc != SQLITE_DONE)
    {
      if (stmt != NULL)
        set_sqlite_error (self, error, rc);
      pw_store_rollback (self);
      return FALSE;
    }
  if (sqlite3_changes (self->db) > 0)
    {
      note_change (self, table, id);
      if (profile && !touch_profile (self, error))
        {
          pw_store_rollback (self);
          return FALSE;
        }
    }
  return pw_store_commit (self, error);
}

/* Re-reads everything, after another connection (an import thread) wrote. */
void
pw_store_reload (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));

  refresh (self, 0);
  g_signal_emit (self, signals[CHANGED], 0, NULL, (gint64) 0);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pw_store_finalize (GObject *object)
{
  PwStore *self = PW_STORE (object);

  if (self->depth > 0)
    pw_store_rollback (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_object (&self->localities);
  g_clear_object (&self->pcns);
  g_free (self->path);
  g_clear_error (&self->backup_error);
  G_OBJECT_CLASS (pw_store_parent_class)->finalize (object);
}

static void
pw_store_class_init (PwStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_store_finalize;

  /**
   * PwStore::changed:
   * @table: (nullable): the table written, or %NULL when many rows changed
   * @id: the row written, or 0; for "practice", the PCN whose practices changed
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT64);
}

static void
pw_store_init (PwStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->localities = g_list_store_new (PW_TYPE_LOCALITY);
  self->pcns = g_list_store_new (PW_TYPE_PCN);
}

char *
pw_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pcn-workbook", "workbook.db", NULL);
}

/**
 * pw_store_open:
 * Opens @path, creating it (mode 0600) if it does not exist.  A file that is
 * not a PCN Workbook database, is damaged, or comes from a newer version is
 * refused with an error and left byte for byte as it was.
 */
PwStore *
pw_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(PwStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (PW_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_connection (self, error))
    return NULL;
  refresh (self, 0);
  return g_steal_pointer (&self);
}

const char *
pw_store_get_path (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return self->path;
}

int
pw_store_get_schema_version (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), 0);
  return self->schema_version;
}

gboolean
pw_store_is_read_only (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  return self->read_only;
}

/* ------------------------------------------------------------------ */
/* Automatic backups                                                   */

void
pw_backup_free (PwBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->date);
  g_free (backup);
}

/**
 * pw_store_backup_dir:
 * Where the workbook's automatic copies go:
 * $XDG_DATA_HOME/pcn-workbook/backups/NAME-HASH, one folder per workbook
 * (HASH from its full path, so two "workbook.db" in different folders
 * stay apart).  Not beside the workbook: its folder may be read-only, or
 * shared (the copies hold staff names and are private, 0700/0600), and a
 * copy on another disk from the workbook outlives that disk.
 *
 * Returns: (transfer full): the folder's path
 */
char *
pw_store_backup_dir (PwStore *self)
{
  g_autofree char *absolute = NULL, *hash = NULL, *base = NULL, *name = NULL;
  char *dot;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  absolute = g_canonicalize_filename (self->path, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  base = g_path_get_basename (absolute);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  name = g_strdup_printf ("%s-%.8s", base, hash);
  return g_build_filename (g_get_user_data_dir (), "pcn-workbook", "backups", name, NULL);
}

/* A daily copy's name is its date, "2026-11-26.db". */
static gboolean
is_daily_name (const char *name)
{
  int y, m, d;
  char tail[4] = "";

  return strlen (name) == 13 && sscanf (name, "%4d-%2d-%2d%3s", &y, &m, &d, tail) == 4 &&
         strcmp (tail, ".db") == 0 && g_date_valid_dmy (d, m, y);
}

/* The ISO week of a daily copy, as one number (year × 100 + week). */
static int
week_of (const char *name)
{
  int y = 0, m = 0, d = 0;
  g_autoptr(GDateTime) day = NULL;

  sscanf (name, "%4d-%2d-%2d", &y, &m, &d);
  day = g_date_time_new_utc (y, m, d, 12, 0, 0);
  return day ? g_date_time_get_week_numbering_year (day) * 100 + g_date_time_get_week_of_year (day) : 0;
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) b, *(char * const *) a);
}

/* Names in @dir that @keep accepts, newest (greatest) first; a folder
 * that does not exist yet holds none. */
static GPtrArray *
list_names (const char  *dir,
            gboolean   (*keep) (const char *name),
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &local);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL && !g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      g_ptr_array_unref (names);
      return NULL;
    }

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (keep (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_desc);
  return names;
}

static gboolean
is_partial_name (const char *name)
{
  return strstr (name, ".partial-") != NULL;
}

/* Keeps the 7 newest daily copies and, before them, the newest copy of
 * each of 4 more weeks; removes the rest, and temporary files a killed
 * backup left behind (an hour old: one being written now is younger). */
static void
prune_backups (const char *dir)
{
  g_autoptr(GPtrArray) daily = list_names (dir, is_daily_name, NULL);
  g_autoptr(GPtrArray) partial = list_names (dir, is_partial_name, NULL);
  int last_week = 0;
  guint weeks = 0;

  if (daily == NULL || partial == NULL)
    return;
  for (guint i = 0; i < daily->len; i++)
    {
      const char *name = g_ptr_array_index (daily, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int week = week_of (name);
      gboolean weekly = i >= 7 && week != last_week && weeks < 4;

      if (i >= 7)
        last_week = week;
      weeks += weekly;
      if (i >= 7 && !weekly)
        g_remove (path);
    }
  for (guint i = 0; i < partial->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (partial, i), NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0 && st.st_mtime < time (NULL) - 3600)
        g_remove (path);
    }
}

/**
 * pw_store_daily_backup:
 * @today: the day to make the copy for
 * Copies the workbook to its backup folder as @today's copy, unless that
 * copy exists already, and prunes the older ones.
 */
gboolean
pw_store_daily_backup (PwStore    *self,
                       GDateTime  *today,
                       GError    **error)
{
  g_autofree char *dir = NULL, *stamp = NULL, *target = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  dir = pw_store_backup_dir (self);
  stamp = g_date_time_format (today, "%Y-%m-%d.db");
  target = g_build_filename (dir, stamp, NULL);
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return io_failed (error, dir);
  if (!copy_to (self, target, error))
    return FALSE;
  prune_backups (dir);
  return TRUE;
}

/* A failed daily copy must not stop the day's work: it is kept for the
 * window or the command line to report. */
static void
daily_backup_quietly (PwStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_clear_error (&self->backup_error);
  pw_store_daily_backup (self, now, &self->backup_error);
}

/* Returns: (transfer none) (nullable): why today's copy could not be made */
const GError *
pw_store_get_backup_error (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return self->backup_error;
}

static gboolean
is_backup_name (const char *name)
{
  return g_str_has_suffix (name, ".db") && !is_partial_name (name);
}

/* By day, newest first; on one day the latest made first (a copy made
 * before a restore is newer than that day's copy). */
static int
compare_backups (gconstpointer a,
                 gconstpointer b)
{
  const PwBackup *x = *(PwBackup * const *) a, *y = *(PwBackup * const *) b;
  int by_day = strcmp (y->date, x->date);

  return by_day != 0 ? by_day : (y->modified > x->modified) - (y->modified < x->modified);
}

/**
 * pw_store_list_backups:
 * Returns: (transfer full) (element-type PwBackup): the workbook's copies
 * in its backup folder, newest first
 */
GPtrArray *
pw_store_list_backups (PwStore  *self,
                       GError  **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GPtrArray *backups;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  dir = pw_store_backup_dir (self);
  if ((names = list_names (dir, is_backup_name, error)) == NULL)
    return NULL;
  backups = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_backup_free);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      PwBackup *b = g_new0 (PwBackup, 1);
      GStatBuf st = { 0 };

      b->path = g_build_filename (dir, name, NULL);
      b->date = g_strndup (name, 10);
      if (g_stat (b->path, &st) == 0)
        {
          b->size = st.st_size;
          b->modified = st.st_mtime;
        }
      g_ptr_array_add (backups, b);
    }
  g_ptr_array_sort (backups, compare_backups);
  return backups;
}

/* Checks, through a connection of its own, that @path is a sound PCN
 * Workbook file this build can read; its schema version in @out_version. */
static gboolean
check_backup (const char  *path,
              gint64      *out_version,
              GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = -1, version = -1;
  gboolean sound = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id),"
                              "       (SELECT user_version FROM pragma_user_version),"
                              "       (SELECT group_concat(integrity_check) FROM pragma_integrity_check)",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      app_id = sqlite3_column_int64 (stmt, 0);
      version = sqlite3_column_int64 (stmt, 1);
      sound = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "ok") == 0;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  *out_version = version;
  if (app_id == PW_APPLICATION_ID && sound && version >= 1 && version <= PW_STORE_SCHEMA_VERSION)
    return TRUE;
  g_set_error (error, PW_STORE_ERROR, app_id == PW_APPLICATION_ID ? PW_STORE_ERROR_CORRUPT
                                                                  : PW_STORE_ERROR_NOT_DATABASE,
               app_id != PW_APPLICATION_ID ? _("“%s” is not a PCN Workbook backup. Nothing was restored.")
               : version > PW_STORE_SCHEMA_VERSION ? _("“%s” was made by a newer version of PCN Workbook. Nothing was restored.")
               : _("“%s” is damaged (its integrity check failed). Nothing was restored."),
               path);
  return FALSE;
}

/* Copies every page of @path into the open connection, in one step: the
 * workbook's file is only ever written by SQLite, under its own locks. */
static gboolean
copy_into_workbook (PwStore     *self,
                    const char  *path,
                    GError     **error)
{
  sqlite3 *src = NULL;
  sqlite3_backup *b = NULL;
  int rc = sqlite3_open_v2 (path, &src, SQLITE_OPEN_READONLY, NULL);

  if (rc == SQLITE_OK)
    {
      b = sqlite3_backup_init (self->db, "main", src, "main");
      rc = b ? sqlite3_backup_step (b, -1) : sqlite3_errcode (self->db);
      rc = b && sqlite3_backup_finish (b) != SQLITE_OK && rc == SQLITE_DONE ? sqlite3_errcode (self->db) : rc;
    }
  sqlite3_close (src);
  return rc == SQLITE_DONE ? TRUE : set_sqlite_error (self, error, rc);
}

/**
 * pw_store_restore_backup:
 * @backup: a copy made by PCN Workbook (any of pw_store_list_backups ())
 * @out_saved: (out) (optional): where the workbook as it was is kept
 * Replaces the workbook's contents with @backup's, through the open
 * connection, after checking @backup and copying the workbook as it is now
 * to the backup folder.  An older copy is upgraded after it is restored.
 */
gboolean
pw_store_restore_backup (PwStore     *self,
                         const char  *backup,
                         char       **out_saved,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = NULL, *stamp = NULL, *saved = NULL;
  g_autofree char *a = NULL, *b = NULL;
  gint64 version = 0;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->read_only)
    return pw_store_begin (self, error);   /* says why */
  a = g_canonicalize_filename (backup, NULL);
  b = g_canonicalize_filename (self->path, NULL);
  if (g_strcmp0 (a, b) == 0)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("A workbook cannot be restored from itself"));
      return FALSE;
    }
  if (!check_backup (backup, &version, error))
    return FALSE;
  dir = pw_store_backup_dir (self);
  stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S-before-restore.db");
  saved = g_build_filename (dir, stamp, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return io_failed (error, dir);
  if (!copy_to (self, saved, error) || !copy_into_workbook (self, backup, error))
    return FALSE;
  self->schema_version = version;
  if (!migrate (self, error))
    return FALSE;
  pw_store_reload (self);
  if (out_saved != NULL)
    *out_saved = g_steal_pointer (&saved);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

GListModel *
pw_store_get_localities (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->localities);
}

GListModel *
pw_store_get_pcns (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->pcns);
}

static gpointer
find_in_model (GListStore *model,
               gboolean  (*match) (gpointer row, gconstpointer key),
               gconstpointer key)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      if (match (row, key))
        return row;          /* the model holds a reference */
    }
  return NULL;
}

static gboolean
match_id (gpointer row, gconstpointer key)
{
  return row_id (row) == *(const gint64 *) key;
}

static gboolean
match_pcn_code (gpointer row, gconstpointer key)
{
  return g_strcmp0 (pw_pcn_get_text (row, PW_PCN_CODE), key) == 0;
}

static gboolean
match_locality_name (gpointer row, gconstpointer key)
{
  return g_utf8_collate (pw_locality_get_name (row), key) == 0 ||
         g_ascii_strcasecmp (pw_locality_get_name (row), key) == 0;
}

/* Returns: (transfer none) (nullable) */
PwPcn *
pw_store_find_pcn (PwStore *self,
                   gint64   id)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return find_in_model (self->pcns, match_id, &id);
}

/* Returns: (transfer none) (nullable) */
PwPcn *
pw_store_find_pcn_by_code (PwStore    *self,
                           const char *code)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return find_in_model (self->pcns, match_pcn_code, code);
}

/* Returns: (transfer none) (nullable) */
PwLocality *
pw_store_find_locality (PwStore    *self,
                        const char *name)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  return find_in_model (self->localities, match_locality_name, name);
}

static PwPractice *
practice_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (PW_TYPE_PRACTICE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "pcn-id", sqlite3_column_int64 (stmt, 1),
                       "list-size", sqlite3_column_int64 (stmt, 2),
                       "code", column_text (stmt, 3),
                       "name", column_text (stmt, 4),
                       NULL);
}

/* Every row @stmt yields, made into objects; NULL (and @error) on failure. */
static GListModel *
collect (PwStore       *self,
         sqlite3_stmt  *stmt,
         gpointer     (*from_row) (sqlite3_stmt *),
         GType          type,
         GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (type);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) row = from_row (stmt);
      g_list_store_append (list, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* The one row @found holds, or NULL with @missing as a NOT_FOUND error. */
static gpointer
only_row (GListModel  *found,
          const char  *missing,
          GError     **error)
{
  if (found == NULL)
    return NULL;
  if (g_list_model_get_n_items (found) == 0)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, missing);
      return NULL;
    }
  return g_list_model_get_item (found, 0);
}

/* A fixed set of rows, one per key 0 … @n - 1 (the int property @key_field):
 * each stored row in its place, and a row from @make_default where nothing
 * is stored, so pages and sheets always see every domain, spec or stream. */
static GListModel *
complete_by_key (GListModel  *stored,
                 guint        key_field,
                 guint        n,
                 GObject   *(*make_default) (guint key, gpointer data),
                 gpointer     data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);
  GListStore *all = NULL;

  g_ptr_array_set_size (rows, n);
  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      GObject *row = g_list_model_get_item (stored, i);
      gint64 key = pw_row_get_int (PW_ROW (row), key_field);

      if (key >= 0 && key < n && g_ptr_array_index (rows, key) == NULL)
        g_ptr_array_index (rows, key) = row;
      else
        g_object_unref (row);
    }
  for (guint key = 0; key < n; key++)
    {
      if (g_ptr_array_index (rows, key) == NULL)
        g_ptr_array_index (rows, key) = make_default (key, data);
      if (all == NULL)
        all = g_list_store_new (G_OBJECT_TYPE (g_ptr_array_index (rows, key)));
      g_list_store_append (all, g_ptr_array_index (rows, key));
    }
  return G_LIST_MODEL (all);
}

#define PRACTICE_COLUMNS "SELECT id, coalesce(pcn_id, 0), list_size, code, name FROM practice "

/**
 * pw_store_list_practices:
 * @pcn_id: a PCN, or 0 for every practice
 * Returns: (transfer full): a snapshot of the practices, by name
 */
GListModel *
pw_store_list_practices (PwStore  *self,
                         gint64    pcn_id,
                         GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, PRACTICE_COLUMNS "WHERE ?1 = 0 OR pcn_id = ?1 ORDER BY name, code",
                               "i", pcn_id),
                  (gpointer) practice_from_row, PW_TYPE_PRACTICE, error);
}

/* Returns: (transfer full) (nullable): the practice, or %NULL without an
 * error when there is none with @code. */
PwPractice *
pw_store_find_practice (PwStore     *self,
                        const char  *code,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  PwPractice *p = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stmt = query (self, error, PRACTICE_COLUMNS "WHERE code = ?1", "t", code);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    p = practice_from_row (stmt);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, error, rc);
  sqlite3_reset (stmt);
  return p;
}

/**
 * pw_store_list_pcns_for_year:
 * @out_as_at: (out) (optional): the ISO date the figures were last changed
 *   on ("" for a workbook never written)
 * Returns: (transfer full): the PCNs as they were in @year (see KEPT_YEAR),
 * with that year's locality, practices and population, by locality and name
 */
GListModel *
pw_store_list_pcns_for_year (PwStore  *self,
                             int       year,
                             char    **out_as_at,
                             GError  **error)
{
  g_autoptr(GListModel) pcns = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  pcns = collect (self, query (self, error,
                               "SELECT f.pcn_id, f.code, f.name, coalesce(f.locality_id, 0), f.locality,"
                               "       f.clinical_director, coalesce(f.cd_wte, -1), f.manager,"
                               "       coalesce(f.manager_wte, -1), coalesce(f.established, ''), f.notes,"
                               "       coalesce(m.n, 0), coalesce(m.population, 0), coalesce(a.archived_from, 0)"
                               "  FROM (" YEAR_PCNS ("?1") ") f"
                               "  LEFT JOIN (SELECT pcn_id, count(*) AS n, sum(list_size) AS population"
                               "               FROM (" YEAR_PRACTICES ("?1") ") GROUP BY pcn_id) m"
                               "         ON m.pcn_id = f.pcn_id"
                               /* archiving is a live fact: a closed PCN leaves the
                                * lists of its closing year and later, kept or not */
                               "  LEFT JOIN pcn a ON a.id = f.pcn_id"
                               " WHERE a.archived_from IS NULL OR a.archived_from > ?1"
                               " ORDER BY f.locality, f.name", "i", (gint64) year),
                  (gpointer) pcn_from_row, PW_TYPE_PCN, error);
  if (pcns == NULL || out_as_at == NULL)
    return g_steal_pointer (&pcns);
  stmt = query (self, error, "SELECT coalesce((SELECT as_at FROM profile_year WHERE year = " KEPT_YEAR ("?1") "),"
                             "                (SELECT changed_on FROM profile_state), '')", "i", (gint64) year);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (stmt != NULL)
        set_sqlite_error (self, error, sqlite3_reset (stmt));
      return NULL;
    }
  *out_as_at = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_steal_pointer (&pcns);
}

/**
 * pw_store_list_practices_for_year:
 * @pcn_id: a PCN, or 0 for every practice
 * Returns: (transfer full): the practices as they were in @year, by name
 */
GListModel *
pw_store_list_practices_for_year (PwStore  *self,
                                  gint64    pcn_id,
                                  int       year,
                                  GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error,
                               "SELECT id, coalesce(pcn_id, 0), list_size, code, name"
                               "  FROM (" YEAR_PRACTICES_WHERE ("?2", "(?1 = 0 OR pcn_id = ?1)") ")"
                               " ORDER BY name, code",
                               "ii", pcn_id, (gint64) year),
                  (gpointer) practice_from_row, PW_TYPE_PRACTICE, error);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
name_ok (const char  *name,
         const char  *what,
         GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (name ? name : ""));

  if (*s != '\0' && g_utf8_validate (name, -1, NULL))
    return TRUE;
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, _("%s cannot be empty"), what);
  return FALSE;
}

/* Turns the schema's UNIQUE refusal into a sentence about @what. */
static gboolean
explain_exists (GError     **error,
                GError      *local,
                const char  *what)
{
  if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS, _("%s is already in use"), what);
      g_error_free (local);
    }
  else
    g_propagate_error (error, local);
  return FALSE;
}

gboolean
pw_store_add_locality (PwStore     *self,
                       const char  *name,
                       gint64      *out_id,
                       GError     **error)
{
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (name, _("A locality’s name"), error))
    return FALSE;
  if (!write_one (self, &local, "locality", 0, "INSERT INTO locality (name) VALUES (trim(?1))", "t", name))
    {
      g_autofree char *what = g_strdup_printf (_("The locality name “%s”"), name);
      return explain_exists (error, local, what);
    }
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
pw_store_rename_locality (PwStore     *self,
                          gint64       id,
                          const char  *name,
                          GError     **error)
{
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (name, _("A locality’s name"), error))
    return FALSE;
  if (!write_one (self, &local, "locality", id,
                  "UPDATE locality SET name = trim(?2) WHERE id = ?1 AND name IS NOT trim(?2)",
                  "it", id, name))
    {
      g_autofree char *what = g_strdup_printf (_("The locality name “%s”"), name);
      return explain_exists (error, local, what);
    }
  return TRUE;
}

gboolean
pw_store_add_pcn (PwStore     *self,
                  const char  *code,
                  const char  *name,
                  gint64       locality_id,
                  gint64      *out_id,
                  GError     **error)
{
  g_autofree char *canonical = NULL;
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!pw_parse_pcn_code (code, &canonical, error) || !name_ok (name, _("A PCN’s name"), error))
    return FALSE;
  if (!write_one (self, &local, "pcn", 0,
                  "INSERT INTO pcn (code, name, locality_id) VALUES (?1, trim(?2), ?3)",
                  "ttn", canonical, name, locality_id > 0 ? locality_id : (gint64) -1))
    {
      g_autofree char *what = g_strdup_printf (_("The PCN code %s"), canonical);
      return explain_exists (error, local, what);
    }
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* The SQL for each editable field, built once: "col IS NOT ?2" keeps an
 * unchanged value from counting as a change. */
static const char *
pcn_update_sql (PwPcnField field)
{
  static const char *columns[PW_PCN_N_FIELDS] = {
    [PW_PCN_LOCALITY_ID] = "locality_id", [PW_PCN_CD_WTE] = "cd_wte",
    [PW_PCN_MANAGER_WTE] = "manager_wte", [PW_PCN_CODE] = "code",
    [PW_PCN_NAME] = "name", [PW_PCN_CLINICAL_DIRECTOR] = "clinical_director",
    [PW_PCN_MANAGER] = "manager", [PW_PCN_ESTABLISHED] = "established",
    [PW_PCN_NOTES] = "notes",
  };
  g_autofree char *sql = NULL;

  if (columns[field] == NULL)
    return NULL;
  sql = g_strdup_printf ("UPDATE pcn SET %s = ?2 WHERE id = ?1 AND %s IS NOT ?2",
                         columns[field], columns[field]);
  return g_intern_string (sql);
}

static gboolean
check_pcn_text (PwPcnField    field,
                const char   *value,
                char        **canonical,
                GError      **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("The text is not valid UTF-8"));
  switch ((int) field)
    {
    case PW_PCN_CODE:
      return pw_parse_pcn_code (value, canonical, error);
    case PW_PCN_NAME:
      if (!name_ok (value, _("A PCN’s name"), error))
        return FALSE;
      *canonical = g_strstrip (g_strdup (value));
      return TRUE;
    case PW_PCN_ESTABLISHED:
      if (*value == '\0')
        return (*canonical = g_strdup (""), TRUE);
      return pw_parse_date (value, canonical, error);
    case PW_PCN_CLINICAL_DIRECTOR:
    case PW_PCN_MANAGER:
      *canonical = g_strstrip (g_strdup (value));
      return TRUE;
    case PW_PCN_NOTES:
      *canonical = g_strdup (value);
      return TRUE;
    default:
      return invalid (error, _("This field does not hold text"));
    }
}

gboolean
pw_store_set_pcn_text (PwStore     *self,
                       gint64       id,
                       PwPcnField   field,
                       const char  *value,
                       GError     **error)
{
  g_autofree char *canonical = NULL;
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_pcn_text (field, value, &canonical, error))
    return FALSE;
  if (!write_one (self, &local, "pcn", id, pcn_update_sql (field),
                  field == PW_PCN_ESTABLISHED ? "ie" : "it", id, canonical))
    {
      g_autofree char *what = g_strdup_printf (_("The PCN code %s"), canonical);
      return explain_exists (error, local, what);
    }
  return TRUE;
}

/* WTEs take -1 for "not given"; the locality takes 0 for none. */
gboolean
pw_store_set_pcn_number (PwStore     *self,
                         gint64       id,
                         PwPcnField   field,
                         gint64       value,
                         GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  switch ((int) field)
    {
    case PW_PCN_CD_WTE:
    case PW_PCN_MANAGER_WTE:
      if (value > PW_WTE_MAX || value < -1)
        return invalid (error, _("A WTE must be from 0.00 to 99.99"));
      break;
    case PW_PCN_LOCALITY_ID:
      value = value > 0 ? value : -1;
      break;
    default:
      return invalid (error, _("This field does not hold a number"));
    }
  return write_one (self, error, "pcn", id, pcn_update_sql (field), "in", id, value);
}

static gboolean
check_practice (const char  *code,
                const char  *name,
                gint64       list_size,
                char       **canonical,
                GError     **error)
{
  if (!pw_parse_practice_code (code, canonical, error) ||
      !name_ok (name, _("A practice’s name"), error))
    return FALSE;
  if (list_size < 0 || list_size > G_MAXINT32)
    return invalid (error, _("A list size must be a whole number of 0 or more"));
  return TRUE;
}

gboolean
pw_store_add_practice (PwStore     *self,
                       gint64       pcn_id,
                       const char  *code,
                       const char  *name,
                       gint64       list_size,
                       gint64      *out_id,
                       GError     **error)
{
  g_autofree char *canonical = NULL;
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!check_practice (code, name, list_size, &canonical, error))
    return FALSE;
  if (!write_one (self, &local, "practice", pcn_id,
                  "INSERT INTO practice (pcn_id, code, name, list_size) VALUES (?1, ?2, trim(?3), ?4)",
                  "ntti", pcn_id > 0 ? pcn_id : (gint64) -1, canonical, name, list_size))
    {
      g_autofree char *what = g_strdup_printf (_("The practice code %s"), canonical);
      return explain_exists (error, local, what);
    }
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gint64
practice_pcn (PwStore *self,
              gint64   id)
{
  sqlite3_stmt *stmt = query (self, NULL, "SELECT coalesce(pcn_id, 0) FROM practice WHERE id = ?1", "i", id);
  gint64 pcn_id = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    pcn_id = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return pcn_id;
}

gboolean
pw_store_update_practice (PwStore     *self,
                          gint64       id,
                          const char  *code,
                          const char  *name,
                          gint64       list_size,
                          GError     **error)
{
  g_autofree char *canonical = NULL;
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!check_practice (code, name, list_size, &canonical, error))
    return FALSE;
  if (!write_one (self, &local, "practice", practice_pcn (self, id),
                  "UPDATE practice SET code = ?2, name = trim(?3), list_size = ?4"
                  " WHERE id = ?1 AND (code, name, list_size) IS NOT (?2, trim(?3), ?4)",
                  "itti", id, canonical, name, list_size))
    {
      g_autofree char *what = g_strdup_printf (_("The practice code %s"), canonical);
      return explain_exists (error, local, what);
    }
  return TRUE;
}

/* A move touches two PCNs' totals, so it is announced as a general change. */
gboolean
pw_store_move_practice (PwStore     *self,
                        gint64       id,
                        gint64       pcn_id,
                        GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  return write_one (self, error, "practice", 0,
                    "UPDATE practice SET pcn_id = ?2 WHERE id = ?1 AND pcn_id IS NOT ?2",
                    "in", id, pcn_id > 0 ? pcn_id : (gint64) -1);
}

gboolean
pw_store_delete_practice (PwStore     *self,
                          gint64       id,
                          GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  return write_one (self, error, "practice", practice_pcn (self, id),
                    "DELETE FROM practice WHERE id = ?1", "i", id);
}

/* ------------------------------------------------------------------ */
/* Returns, maturity and the change log                                */

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

/* Records a change.  With @fold, edits of one field by one person in a
 * burst (the latest entry, less than five minutes old) fold into one entry,
 * so typing a paragraph reads as one change from the old text to the new;
 * status changes never fold, each step of the workflow stands. */
static gboolean
log_change (PwStore     *self,
            gint64       return_id,
            const char  *what,
            const char  *old_value,
            const char  *new_value,
            gboolean     fold_burst,
            GError     **error)
{
  g_autofree char *at = now_iso ();
  const char *user = g_get_user_name ();
  gint64 fold = 0;

  if (fold_burst)
    {
      sqlite3_stmt *last = query (self, error,
                                  "SELECT id FROM change_log WHERE id = (SELECT max(id) FROM change_log WHERE return_id = ?1)"
                                  " AND what = ?2 AND user = ?3 AND julianday(?4) - julianday(at) < 5.0 / 1440",
                                  "ittt", return_id, what, user, at);
      if (last == NULL)
        return FALSE;
      if (sqlite3_step (last) == SQLITE_ROW)
        fold = sqlite3_column_int64 (last, 0);
      sqlite3_reset (last);
    }
  if (fold != 0)
    return run (self, error, "UPDATE change_log SET new_value = ?2, at = ?3 WHERE id = ?1",
                "itt", fold, new_value, at);
  return run (self, error,
              "INSERT INTO change_log (at, user, return_id, what, old_value, new_value)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
              "ttitt" "t", at, user, return_id, what, old_value ? old_value : "", new_value ? new_value : "");
}

static gboolean check_open_in (PwStore *self, gint64 pcn_id, int year, GError **error);

static PwReturn *
return_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (PW_TYPE_RETURN,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "pcn-id", sqlite3_column_int64 (stmt, 1),
                       "year", sqlite3_column_int64 (stmt, 2),
                       "status", sqlite3_column_int64 (stmt, 3),
                       "submitted-at", column_text (stmt, 4),
                       "reviewed-at", column_text (stmt, 5),
                       "reviewer", column_text (stmt, 6),
                       "review-note", column_text (stmt, 7),
                       NULL);
}

#define RETURN_COLUMNS \
  "SELECT id, pcn_id, year, status, coalesce(submitted_at, ''), coalesce(reviewed_at, ''), reviewer, review_note" \
  "  FROM pcn_return "

/* Returns: (transfer full) (nullable): the return, or %NULL without an
 * error when the PCN has none for @year. */
PwReturn *
pw_store_get_return (PwStore  *self,
                     gint64    pcn_id,
                     int       year,
                     GError  **error)
{
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  found = collect (self, query (self, error, RETURN_COLUMNS "WHERE pcn_id = ?1 AND year = ?2", "ii",
                                pcn_id, (gint64) year),
                   (gpointer) return_from_row, PW_TYPE_RETURN, error);
  return found && g_list_model_get_n_items (found) ? g_list_model_get_item (found, 0) : NULL;
}

static PwReturn *
get_return_by_id (PwStore  *self,
                  gint64    return_id,
                  GError  **error)
{
  g_autoptr(GListModel) found = collect (self, query (self, error, RETURN_COLUMNS "WHERE id = ?1", "i", return_id),
                                         (gpointer) return_from_row, PW_TYPE_RETURN, error);

  return only_row (found, _("There is no such return"), error);
}

/**
 * pw_store_ensure_return:
 * Finds the PCN's return for @year, creating a draft if there is none.
 */
gboolean
pw_store_ensure_return (PwStore  *self,
                        gint64    pcn_id,
                        int       year,
                        gint64   *out_id,
                        GError  **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(PwReturn) existing = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  existing = pw_store_get_return (self, pcn_id, year, &local);
  if (local != NULL)
    return (g_propagate_error (error, g_steal_pointer (&local)), FALSE);
  if (existing != NULL)
    return (*out_id = pw_row_get_int (PW_ROW (existing), PW_RETURN_ID), TRUE);
  if (year < PW_YEAR_MIN || year > PW_YEAR_MAX)
    return invalid (error, _("The financial year is out of range"));
  if (!check_open_in (self, pcn_id, year, error))
    return FALSE;
  if (!pw_store_begin (self, error))
    return FALSE;
  if (!run (self, error, "INSERT INTO pcn_return (pcn_id, year) VALUES (?1, ?2)", "ii", pcn_id, (gint64) year) ||
      (*out_id = sqlite3_last_insert_rowid (self->db),
       !log_change (self, *out_id, "Return", "", pw_return_status_name (PW_STATUS_DRAFT), FALSE, error)))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  note_change (self, "return", *out_id);
  return pw_store_commit (self, error);
}

/**
 * pw_store_list_returns:
 * @year: a financial year, or 0 for every year
 * Returns: (transfer full): the returns, by year and PCN
 */
GListModel *
pw_store_list_returns (PwStore  *self,
                       int       year,
                       GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, RETURN_COLUMNS "WHERE ?1 = 0 OR year = ?1 ORDER BY year, pcn_id",
                               "i", (gint64) year),
                  (gpointer) return_from_row, PW_TYPE_RETURN, error);
}

static gboolean
check_transition (PwReturnStatus   from,
                  PwReturnStatus   to,
                  GError         **error)
{
  gboolean ok = (to == PW_STATUS_SUBMITTED && from == PW_STATUS_DRAFT) ||
                (to == PW_STATUS_REVIEWED && from == PW_STATUS_SUBMITTED) ||
                (to == PW_STATUS_DRAFT && from != PW_STATUS_DRAFT);

  if (!ok)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                 _("A return that is %s cannot be made %s: returns go from draft to submitted to reviewed, "
                   "and can be reopened as a draft"),
                 pw_return_status_name (from), pw_return_status_name (to));
  return ok;
}

/**
 * pw_store_set_return_status:
 * Moves a return along draft → submitted → reviewed, or reopens it as a
 * draft.  Marking it reviewed records @reviewer (the user when %NULL or
 * empty) and @note.  Every move is logged.
 */
gboolean
pw_store_set_return_status (PwStore         *self,
                            gint64           return_id,
                            PwReturnStatus   status,
                            const char      *reviewer,
                            const char      *note,
                            GError         **error)
{
  g_autoptr(PwReturn) ret = NULL;
  g_autofree char *at = now_iso ();
  g_autofree char *logged = NULL;
  PwReturnStatus from;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((ret = get_return_by_id (self, return_id, error)) == NULL)
    return FALSE;
  from = pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS);
  if (!check_transition (from, status, error))
    return FALSE;
  if (reviewer == NULL || *reviewer == '\0')
    reviewer = g_get_user_name ();
  note = note ? note : "";
  if (!pw_store_begin (self, error))
    return FALSE;
  if (status == PW_STATUS_SUBMITTED)
    ok = run (self, error, "UPDATE pcn_return SET status = 1, submitted_at = ?2 WHERE id = ?1", "it", return_id, at);
  else if (status == PW_STATUS_REVIEWED)
    ok = run (self, error, "UPDATE pcn_return SET status = 2, reviewed_at = ?2, reviewer = ?3, review_note = ?4"
                           " WHERE id = ?1", "itt" "t", return_id, at, reviewer, note);
  else
    ok = run (self, error, "UPDATE pcn_return SET status = 0, reviewed_at = NULL WHERE id = ?1", "i", return_id);
  logged = status == PW_STATUS_REVIEWED && *note
           ? g_strdup_printf ("%s (%s: %s)", pw_return_status_name (status), reviewer, note)
           : g_strdup (pw_return_status_name (status));
  if (!ok || !log_change (self, return_id, "Status", pw_return_status_name (from), logged, FALSE, error))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  note_change (self, "return", return_id);
  return pw_store_commit (self, error);
}

static PwMaturity *
maturity_from_row (sqlite3_stmt *stmt)
{
  guint domain = 0;

  pw_domain_from_key (column_text (stmt, 1), &domain);
  return g_object_new (PW_TYPE_MATURITY,
                       "return-id", sqlite3_column_int64 (stmt, 0),
                       "domain", (gint64) domain,
                       "level", sqlite3_column_type (stmt, 2) == SQLITE_NULL
                                ? (gint64) PW_LEVEL_NONE : sqlite3_column_int64 (stmt, 2),
                       "evidence", column_text (stmt, 3),
                       "support", column_text (stmt, 4),
                       NULL);
}

static GObject *
unassessed_domain (guint    domain,
                   gpointer return_id)
{
  return g_object_new (PW_TYPE_MATURITY, "return-id", *(gint64 *) return_id, "domain", (gint64) domain, NULL);
}

/**
 * pw_store_list_maturity:
 * Returns: (transfer full): the five domains of @return_id, in the national
 * order; a domain not yet assessed has level %PW_LEVEL_NONE
 */
GListModel *
pw_store_list_maturity (PwStore  *self,
                        gint64    return_id,
                        GError  **error)
{
  g_autoptr(GListModel) stored = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stored = collect (self, query (self, error, "SELECT return_id, domain, level, evidence, support"
                                              "  FROM maturity WHERE return_id = ?1", "i", return_id),
                    (gpointer) maturity_from_row, PW_TYPE_MATURITY, error);
  return stored ? complete_by_key (stored, PW_MATURITY_DOMAIN, PW_N_DOMAINS, unassessed_domain, &return_id) : NULL;
}

/* A reviewed return is closed: it must be reopened before it changes. */
static gboolean
check_open (PwStore  *self,
            gint64    return_id,
            GError  **error)
{
  g_autoptr(PwReturn) ret = get_return_by_id (self, return_id, error);
  g_autofree char *year = NULL;

  if (ret == NULL)
    return FALSE;
  if (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) != PW_STATUS_REVIEWED)
    return TRUE;
  year = pw_format_year (pw_row_get_int (PW_ROW (ret), PW_RETURN_YEAR));
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED,
               _("The %s return has been reviewed; reopen it to change it"), year);
  return FALSE;
}

static PwMaturity *
get_maturity (PwStore  *self,
              gint64    return_id,
              guint     domain,
              GError  **error)
{
  g_autoptr(GListModel) all = pw_store_list_maturity (self, return_id, error);

  return all ? g_list_model_get_item (all, domain) : NULL;
}

/* Writes one column of one domain of a return, with its log entry. */
static gboolean
write_maturity (PwStore     *self,
                gint64       return_id,
                guint        domain,
                const char  *sql,
                const char  *types,
                gint64       number,
                const char  *text,
                const char  *what,
                const char  *old_value,
                const char  *new_value,
                GError     **error)
{
  g_autofree char *label = g_strdup_printf ("%s: %s", what, pw_domain_name (domain));
  gboolean ok;

  if (!pw_store_begin (self, error))
    return FALSE;
  ok = run (self, error, "INSERT OR IGNORE INTO maturity (return_id, domain) VALUES (?1, ?2)", "it",
            return_id, pw_domain_key (domain));
  if (ok && types[2] != 't')
    ok = run (self, error, sql, types, return_id, pw_domain_key (domain), number);
  else if (ok)
    ok = run (self, error, sql, types, return_id, pw_domain_key (domain), text);
  if (!ok || !log_change (self, return_id, label, old_value, new_value, TRUE, error))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  note_change (self, "maturity", return_id);
  return pw_store_commit (self, error);
}

gboolean
pw_store_set_maturity_level (PwStore  *self,
                             gint64    return_id,
                             guint     domain,
                             int       level,
                             GError  **error)
{
  g_autoptr(PwMaturity) before = NULL;
  int old;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (domain >= PW_N_DOMAINS || !pw_level_valid (level))
    return invalid (error, _("There is no such domain or level"));
  if (!check_open (self, return_id, error) ||
      (before = get_maturity (self, return_id, domain, error)) == NULL)
    return FALSE;
  old = pw_row_get_int (PW_ROW (before), PW_MATURITY_LEVEL);
  if (old == level)
    return TRUE;
  return write_maturity (self, return_id, domain,
                         "UPDATE maturity SET level = ?3 WHERE return_id = ?1 AND domain = ?2",
                         level == PW_LEVEL_NONE ? "itn" : "iti",   /* no score is NULL */
                         level == PW_LEVEL_NONE ? -1 : level, NULL, "Level",
                         pw_level_name (old), pw_level_name (level), error);
}

gboolean
pw_store_set_maturity_text (PwStore          *self,
                            gint64            return_id,
                            guint             domain,
                            PwMaturityField   field,
                            const char       *text,
                            GError          **error)
{
  g_autoptr(PwMaturity) before = NULL;
  gboolean evidence = field == PW_MATURITY_EVIDENCE;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (domain >= PW_N_DOMAINS || !(evidence || field == PW_MATURITY_SUPPORT))
    return invalid (error, _("There is no such domain or field"));
  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, _("The text is not valid UTF-8"));
  if (!check_open (self, return_id, error) ||
      (before = get_maturity (self, return_id, domain, error)) == NULL)
    return FALSE;
  if (g_strcmp0 (pw_row_get_string (PW_ROW (before), field), text) == 0)
    return TRUE;
  return write_maturity (self, return_id, domain,
                         evidence ? "UPDATE maturity SET evidence = ?3 WHERE return_id = ?1 AND domain = ?2"
                                  : "UPDATE maturity SET support = ?3 WHERE return_id = ?1 AND domain = ?2",
                         "itt", 0, text, evidence ? "Evidence" : "Support needed",
                         pw_row_get_string (PW_ROW (before), field), text, error);
}

/**
 * pw_store_maturity_levels:
 * Returns: (transfer full): for each PCN with a return in @year, its id
 * (a gint64 key) mapped to an array of PW_N_DOMAINS levels
 */
GHashTable *
pw_store_maturity_levels (PwStore  *self,
                          int       year,
                          GError  **error)
{
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stmt = query (self, error, "SELECT r.pcn_id, m.domain, coalesce(m.level, -100)"
                             "  FROM pcn_return r LEFT JOIN maturity m ON m.return_id = r.id"
                             " WHERE r.year = ?1", "i", (gint64) year);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pcn_id = sqlite3_column_int64 (stmt, 0);
      int *row = g_hash_table_lookup (levels, &pcn_id);
      guint domain;

      if (row == NULL)
        {
          row = g_new (int, PW_N_DOMAINS);
          for (guint d = 0; d < PW_N_DOMAINS; d++)
            row[d] = PW_LEVEL_NONE;
          g_hash_table_insert (levels, g_memdup2 (&pcn_id, sizeof pcn_id), row);
        }
      if (pw_domain_from_key (column_text (stmt, 1), &domain))
        row[domain] = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (set_sqlite_error (self, error, rc), NULL);
  return g_steal_pointer (&levels);
}

static PwChange *
change_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (PW_TYPE_CHANGE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "return-id", sqlite3_column_int64 (stmt, 1),
                       "at", column_text (stmt, 2),
                       "user", column_text (stmt, 3),
                       "what", column_text (stmt, 4),
                       "old", column_text (stmt, 5),
                       "new", column_text (stmt, 6),
                       NULL);
}

/* Returns: (transfer full): the return's change log, newest first */
GListModel *
pw_store_list_changes (PwStore  *self,
                       gint64    return_id,
                       GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, "SELECT id, return_id, at, user, what, old_value, new_value"
                                            "  FROM change_log WHERE return_id = ?1 ORDER BY id DESC",
                               "i", return_id),
                  (gpointer) change_from_row, PW_TYPE_CHANGE, error);
}

/* ------------------------------------------------------------------ */
/* SWOT and achievements                                               */

static PwItem *
item_from_row (sqlite3_stmt *stmt)
{
  PwItemList list = 0;

  pw_list_from_key (column_text (stmt, 2), &list);
  return g_object_new (PW_TYPE_ITEM,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "return-id", sqlite3_column_int64 (stmt, 1),
                       "list", (gint64) list,
                       "position", sqlite3_column_int64 (stmt, 3),
                       "text", column_text (stmt, 4),
                       NULL);
}

#define ITEM_COLUMNS "SELECT id, return_id, list, position, text FROM return_item "

/* Returns: (transfer full): the list's items, in order */
GListModel *
pw_store_list_items (PwStore     *self,
                     gint64       return_id,
                     PwItemList   list,
                     GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (list < PW_N_LISTS, NULL);

  return collect (self, query (self, error, ITEM_COLUMNS "WHERE return_id = ?1 AND list = ?2 ORDER BY position",
                               "it", return_id, pw_list_key (list)),
                  (gpointer) item_from_row, PW_TYPE_ITEM, error);
}

static PwItem *
get_item (PwStore  *self,
          gint64    item_id,
          GError  **error)
{
  g_autoptr(GListModel) found = collect (self, query (self, error, ITEM_COLUMNS "WHERE id = ?1", "i", item_id),
                                         (gpointer) item_from_row, PW_TYPE_ITEM, error);

  return only_row (found, _("That item no longer exists"), error);
}

static gint64
count_items (PwStore    *self,
             gint64      return_id,
             PwItemList  list)
{
  sqlite3_stmt *stmt = query (self, NULL, "SELECT count(*) FROM return_item WHERE return_id = ?1 AND list = ?2",
                              "it", return_id, pw_list_key (list));
  gint64 n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

/* Ends a write to a return's parts: log it, announce it, commit; or roll
 * back if @ok is already FALSE.  A write that changed no row (the same
 * values set again, as an unchanged re-import does) is neither logged nor
 * announced: the log records changes, not attempts. */
static gboolean
finish_write (PwStore     *self,
              gboolean     ok,
              gint64       return_id,
              const char  *table,
              const char  *what,
              const char  *old_value,
              const char  *new_value,
              gboolean     fold,
              GError     **error)
{
  gboolean changed = sqlite3_total_changes (self->db) != self->write_mark;

  if (!ok || (changed && !log_change (self, return_id, what, old_value, new_value, fold, error)))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  if (changed)
    note_change (self, table, return_id);
  return pw_store_commit (self, error);
}

static gboolean
item_text_ok (const char  *text,
              GError     **error)
{
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    return TRUE;
  return invalid (error, _("The text is not valid UTF-8"));
}

/**
 * pw_store_add_item:
 * @position: where the item goes in its list; -1 (or past the end) for last
 */
gboolean
pw_store_add_item (PwStore     *self,
                   gint64       return_id,
                   PwItemList   list,
                   int          position,
                   const char  *text,
                   gint64      *out_id,
                   GError     **error)
{
  g_autofree char *what = NULL;
  gint64 n;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (list < PW_N_LISTS, FALSE);

  if (!item_text_ok (text, error) || !check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  n = count_items (self, return_id, list);
  if (position < 0 || position > n)
    position = n;
  ok = run (self, error, "UPDATE return_item SET position = position + 1"
                         " WHERE return_id = ?1 AND list = ?2 AND position >= ?3",
            "iti", return_id, pw_list_key (list), (gint64) position) &&
       run (self, error, "INSERT INTO return_item (return_id, list, position, text) VALUES (?1, ?2, ?3, ?4)",
            "itit", return_id, pw_list_key (list), (gint64) position, text);
  if (ok && out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  what = g_strdup_printf ("%s: added", pw_list_name (list));
  return finish_write (self, ok, return_id, "item", what, "", text, FALSE, error);
}

gboolean
pw_store_set_item_text (PwStore     *self,
                        gint64       item_id,
                        const char  *text,
                        GError     **error)
{
  g_autoptr(PwItem) item = NULL;
  g_autofree char *what = NULL;
  gint64 return_id;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!item_text_ok (text, error) || (item = get_item (self, item_id, error)) == NULL)
    return FALSE;
  return_id = pw_row_get_int (PW_ROW (item), PW_ITEM_RETURN_ID);
  if (g_strcmp0 (pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), text) == 0)
    return TRUE;
  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  what = g_strdup_printf ("%s: edited", pw_list_name (pw_row_get_int (PW_ROW (item), PW_ITEM_LIST)));
  return finish_write (self, run (self, error, "UPDATE return_item SET text = ?2 WHERE id = ?1", "it", item_id, text),
                       return_id, "item", what, pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), text, TRUE, error);
}

/* Moves an item to @position in its list, the others closing up. */
gboolean
pw_store_move_item (PwStore  *self,
                    gint64    item_id,
                    int       position,
                    GError  **error)
{
  g_autoptr(PwItem) item = NULL;
  g_autofree char *what = NULL, *from = NULL, *to = NULL;
  gint64 return_id, old, n;
  const char *list;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((item = get_item (self, item_id, error)) == NULL)
    return FALSE;
  return_id = pw_row_get_int (PW_ROW (item), PW_ITEM_RETURN_ID);
  old = pw_row_get_int (PW_ROW (item), PW_ITEM_POSITION);
  list = pw_list_key (pw_row_get_int (PW_ROW (item), PW_ITEM_LIST));
  n = count_items (self, return_id, pw_row_get_int (PW_ROW (item), PW_ITEM_LIST));
  position = CLAMP (position, 0, n - 1);
  if (position == old)
    return TRUE;
  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  ok = run (self, error, "UPDATE return_item SET position = CASE"
                         "  WHEN id = ?1 THEN ?4"
                         "  WHEN ?4 < ?3 AND position >= ?4 AND position < ?3 THEN position + 1"
                         "  WHEN ?4 > ?3 AND position > ?3 AND position <= ?4 THEN position - 1"
                         "  ELSE position END"
                         " WHERE return_id = ?2 AND list = ?5",
            "iiiit", item_id, return_id, old, (gint64) position, list);
  what = g_strdup_printf ("%s: moved “%s”", pw_list_name (pw_row_get_int (PW_ROW (item), PW_ITEM_LIST)),
                          pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT));
  from = g_strdup_printf ("%" G_GINT64_FORMAT, old + 1);
  to = g_strdup_printf ("%d", position + 1);
  return finish_write (self, ok, return_id, "item", what, from, to, FALSE, error);
}

gboolean
pw_store_delete_item (PwStore  *self,
                      gint64    item_id,
                      GError  **error)
{
  g_autoptr(PwItem) item = NULL;
  g_autofree char *what = NULL;
  gint64 return_id;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((item = get_item (self, item_id, error)) == NULL)
    return FALSE;
  return_id = pw_row_get_int (PW_ROW (item), PW_ITEM_RETURN_ID);
  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  ok = run (self, error, "DELETE FROM return_item WHERE id = ?1", "i", item_id) &&
       run (self, error, "UPDATE return_item SET position = position - 1"
                         " WHERE return_id = ?1 AND list = ?2 AND position > ?3",
            "iti", return_id, pw_list_key (pw_row_get_int (PW_ROW (item), PW_ITEM_LIST)),
            pw_row_get_int (PW_ROW (item), PW_ITEM_POSITION));
  what = g_strdup_printf ("%s: removed", pw_list_name (pw_row_get_int (PW_ROW (item), PW_ITEM_LIST)));
  return finish_write (self, ok, return_id, "item", what, pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), "",
                       FALSE, error);
}

/* ------------------------------------------------------------------ */
/* The DES specifications                                              */

static PwDesPlan *
des_from_row (sqlite3_stmt *stmt)
{
  guint spec = 0;

  pw_des_from_key (column_text (stmt, 1), &spec);
  return g_object_new (PW_TYPE_DES_PLAN,
                       "return-id", sqlite3_column_int64 (stmt, 0),
                       "spec", (gint64) spec,
                       "status", sqlite3_column_int64 (stmt, 2),
                       "note", column_text (stmt, 3),
                       "planned", (gint64) 1,
                       NULL);
}

static GObject *
unplanned_spec (guint    spec,
                gpointer return_id)
{
  return g_object_new (PW_TYPE_DES_PLAN, "return-id", *(gint64 *) return_id, "spec", (gint64) spec, NULL);
}

/* Returns: (transfer full): the seven specifications, in order; one not
 * yet planned is "not started" with no note and "planned" 0 */
GListModel *
pw_store_list_des (PwStore  *self,
                   gint64    return_id,
                   GError  **error)
{
  g_autoptr(GListModel) stored = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stored = collect (self, query (self, error, "SELECT return_id, spec, status, note FROM des_plan WHERE return_id = ?1",
                                 "i", return_id),
                    (gpointer) des_from_row, PW_TYPE_DES_PLAN, error);
  return stored ? complete_by_key (stored, PW_DES_PLAN_SPEC, PW_N_DES_SPECS, unplanned_spec, &return_id) : NULL;
}

gboolean
pw_store_set_des (PwStore      *self,
                  gint64        return_id,
                  guint         spec,
                  PwDesStatus   status,
                  const char   *note,
                  GError      **error)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(PwDesPlan) before = NULL;
  g_autofree char *what = NULL, *old_value = NULL, *new_value = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (spec >= PW_N_DES_SPECS || status >= PW_N_DES_STATUSES || !item_text_ok (note, error))
    return spec >= PW_N_DES_SPECS || status >= PW_N_DES_STATUSES
           ? invalid (error, _("There is no such specification or status")) : FALSE;
  if (!check_open (self, return_id, error) || (all = pw_store_list_des (self, return_id, error)) == NULL)
    return FALSE;
  before = g_list_model_get_item (all, spec);
  if (pw_row_get_int (PW_ROW (before), PW_DES_PLAN_STATUS) == status &&
      g_strcmp0 (pw_row_get_string (PW_ROW (before), PW_DES_PLAN_NOTE), note) == 0)
    return TRUE;
  if (!pw_store_begin (self, error))
    return FALSE;
  ok = run (self, error, "INSERT INTO des_plan (return_id, spec, status, note) VALUES (?1, ?2, ?3, ?4)"
                         " ON CONFLICT (return_id, spec) DO UPDATE SET status = ?3, note = ?4",
            "itit", return_id, pw_des_key (spec), (gint64) status, note);
  what = g_strdup_printf ("DES: %s", pw_des_name (spec));
  old_value = g_strdup_printf ("%s. %s", pw_des_status_name (pw_row_get_int (PW_ROW (before), PW_DES_PLAN_STATUS)),
                               pw_row_get_string (PW_ROW (before), PW_DES_PLAN_NOTE));
  new_value = g_strdup_printf ("%s. %s", pw_des_status_name (status), note);
  return finish_write (self, ok, return_id, "des", what, g_strstrip (old_value), g_strstrip (new_value), TRUE, error);
}

/* ------------------------------------------------------------------ */
/* Projects and funding proposals                                      */

static PwPlanEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (PW_TYPE_PLAN_ENTRY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "return-id", sqlite3_column_int64 (stmt, 1),
                       "kind", sqlite3_column_int64 (stmt, 2),
                       "position", sqlite3_column_int64 (stmt, 3),
                       "status", sqlite3_column_int64 (stmt, 4),
                       "amount", sqlite3_column_int64 (stmt, 5),
                       "title", column_text (stmt, 6),
                       "detail", column_text (stmt, 7),
                       "lead", column_text (stmt, 8),
                       "due", column_text (stmt, 9),
                       NULL);
}

#define ENTRY_COLUMNS "SELECT id, return_id, kind, position, status, amount, title, detail, lead, due FROM plan_entry "

static const char *
entry_label (PwEntryKind kind)
{
  return kind == PW_ENTRY_PROJECT ? "Project" : "Funding proposal";
}

/* Returns: (transfer full): the return's projects or proposals, in order */
GListModel *
pw_store_list_entries (PwStore      *self,
                       gint64        return_id,
                       PwEntryKind   kind,
                       GError      **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, ENTRY_COLUMNS "WHERE return_id = ?1 AND kind = ?2 ORDER BY position",
                               "ii", return_id, (gint64) kind),
                  (gpointer) entry_from_row, PW_TYPE_PLAN_ENTRY, error);
}

static PwPlanEntry *
get_entry (PwStore  *self,
           gint64    entry_id,
           GError  **error)
{
  g_autoptr(GListModel) found = collect (self, query (self, error, ENTRY_COLUMNS "WHERE id = ?1", "i", entry_id),
                                         (gpointer) entry_from_row, PW_TYPE_PLAN_ENTRY, error);

  return only_row (found, _("That entry no longer exists"), error);
}

/**
 * pw_store_add_entry:
 * @like: (nullable): an entry whose values and position to use (to undo a
 *   removal); %NULL for an empty entry at the end
 */
gboolean
pw_store_add_entry (PwStore      *self,
                    gint64        return_id,
                    PwEntryKind   kind,
                    PwPlanEntry  *like,
                    gint64       *out_id,
                    GError      **error)
{
  PwRow *r = like ? PW_ROW (like) : NULL;
  gint64 position = r ? pw_row_get_int (r, PW_PLAN_ENTRY_POSITION) : G_MAXINT32;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  ok = run (self, error, "UPDATE plan_entry SET position = position + 1"
                         " WHERE return_id = ?1 AND kind = ?2 AND position >= ?3",
            "iii", return_id, (gint64) kind, position) &&
       run (self, error, "INSERT INTO plan_entry (return_id, kind, position, status, amount, title, detail, lead, due)"
                         " VALUES (?1, ?2, min(?3, (SELECT count(*) FROM plan_entry WHERE return_id = ?1 AND kind = ?2)),"
                         "         ?4, ?5, ?6, ?7, ?8, ?9)",
            "iiiiitttt", return_id, (gint64) kind, position,
            r ? pw_row_get_int (r, PW_PLAN_ENTRY_STATUS) : 0, r ? pw_row_get_int (r, PW_PLAN_ENTRY_AMOUNT) : 0,
            r ? pw_row_get_string (r, PW_PLAN_ENTRY_TITLE) : "", r ? pw_row_get_string (r, PW_PLAN_ENTRY_DETAIL) : "",
            r ? pw_row_get_string (r, PW_PLAN_ENTRY_LEAD) : "", r ? pw_row_get_string (r, PW_PLAN_ENTRY_DUE) : "");
  if (ok && out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return finish_write (self, ok, return_id, "entry", entry_label (kind), "",
                       r ? pw_row_get_string (r, PW_PLAN_ENTRY_TITLE) : "added", FALSE, error);
}

/* The column of an editable field, or NULL. */
static const char *
entry_column (PwPlanEntryField field)
{
  static const char *columns[PW_PLAN_ENTRY_N_FIELDS] = {
    [PW_PLAN_ENTRY_STATUS] = "status", [PW_PLAN_ENTRY_AMOUNT] = "amount", [PW_PLAN_ENTRY_TITLE] = "title",
    [PW_PLAN_ENTRY_DETAIL] = "detail", [PW_PLAN_ENTRY_LEAD] = "lead", [PW_PLAN_ENTRY_DUE] = "due",
  };

  return field < PW_PLAN_ENTRY_N_FIELDS ? columns[field] : NULL;
}

/* Writes one field of an entry; text fields take @text, numbers @number. */
static gboolean
set_entry_field (PwStore           *self,
                 gint64             entry_id,
                 PwPlanEntryField   field,
                 const char        *text,
                 gint64             number,
                 GError           **error)
{
  g_autoptr(PwPlanEntry) entry = NULL;
  g_autofree char *what = NULL, *old_value = NULL, *new_value = NULL;
  const char *column = entry_column (field);
  const char *sql;
  gint64 return_id;
  gboolean numeric = field == PW_PLAN_ENTRY_STATUS || field == PW_PLAN_ENTRY_AMOUNT;

  if (column == NULL)
    return invalid (error, _("There is no such field"));
  what = g_strdup_printf ("UPDATE plan_entry SET %s = ?2 WHERE id = ?1", column);
  sql = g_intern_string (what);
  g_clear_pointer (&what, g_free);
  if ((entry = get_entry (self, entry_id, error)) == NULL)
    return FALSE;
  return_id = pw_row_get_int (PW_ROW (entry), PW_PLAN_ENTRY_RETURN_ID);
  old_value = numeric ? g_strdup_printf ("%" G_GINT64_FORMAT, pw_row_get_int (PW_ROW (entry), field))
                      : g_strdup (pw_row_get_string (PW_ROW (entry), field));
  new_value = numeric ? g_strdup_printf ("%" G_GINT64_FORMAT, number) : g_strdup (text);
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  what = g_strdup_printf ("%s %" G_GINT64_FORMAT ": %s", entry_label (pw_row_get_int (PW_ROW (entry), PW_PLAN_ENTRY_KIND)),
                          pw_row_get_int (PW_ROW (entry), PW_PLAN_ENTRY_POSITION) + 1, column);
  return finish_write (self, numeric ? run (self, error, sql, "ii", entry_id, number)
                                     : run (self, error, sql, "it", entry_id, text),
                       return_id, "entry", what, old_value, new_value, TRUE, error);
}

gboolean
pw_store_set_entry_text (PwStore           *self,
                         gint64             entry_id,
                         PwPlanEntryField   field,
                         const char        *text,
                         GError           **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (field < PW_PLAN_ENTRY_TITLE || !item_text_ok (text, error))
    return field < PW_PLAN_ENTRY_TITLE ? invalid (error, _("This field does not hold text")) : FALSE;
  return set_entry_field (self, entry_id, field, text, 0, error);
}

gboolean
pw_store_set_entry_number (PwStore           *self,
                           gint64             entry_id,
                           PwPlanEntryField   field,
                           gint64             value,
                           GError           **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (field == PW_PLAN_ENTRY_STATUS && (value < 0 || value >= PW_N_PROJECT_STATUSES))
    return invalid (error, _("There is no such project status"));
  if (field == PW_PLAN_ENTRY_AMOUNT && value < 0)
    return invalid (error, _("An amount cannot be negative"));
  if (field != PW_PLAN_ENTRY_STATUS && field != PW_PLAN_ENTRY_AMOUNT)
    return invalid (error, _("This field does not hold a number"));
  return set_entry_field (self, entry_id, field, NULL, value, error);
}

gboolean
pw_store_delete_entry (PwStore  *self,
                       gint64    entry_id,
                       GError  **error)
{
  g_autoptr(PwPlanEntry) entry = NULL;
  gint64 return_id;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((entry = get_entry (self, entry_id, error)) == NULL)
    return FALSE;
  return_id = pw_row_get_int (PW_ROW (entry), PW_PLAN_ENTRY_RETURN_ID);
  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  ok = run (self, error, "DELETE FROM plan_entry WHERE id = ?1", "i", entry_id) &&
       run (self, error, "UPDATE plan_entry SET position = position - 1"
                         " WHERE return_id = ?1 AND kind = ?2 AND position > ?3",
            "iii", return_id, pw_row_get_int (PW_ROW (entry), PW_PLAN_ENTRY_KIND),
            pw_row_get_int (PW_ROW (entry), PW_PLAN_ENTRY_POSITION));
  return finish_write (self, ok, return_id, "entry", entry_label (pw_row_get_int (PW_ROW (entry), PW_PLAN_ENTRY_KIND)),
                       pw_row_get_string (PW_ROW (entry), PW_PLAN_ENTRY_TITLE), "removed", FALSE, error);
}

/* ------------------------------------------------------------------ */
/* Copy from last year                                                 */

/**
 * pw_store_copy_from_last_year:
 * @out_copied: (out): how many items, specifications and entries came over
 * Pre-fills @year's SWOT, DES plan, projects and funding proposals from the
 * PCN's previous return, for editing.  Only parts still empty this year are
 * filled, so nothing typed is overwritten; achievements belong to their
 * year and are not copied.
 */
gboolean
pw_store_copy_from_last_year (PwStore  *self,
                              gint64    pcn_id,
                              int       year,
                              guint    *out_copied,
                              GError  **error)
{
  g_autoptr(PwReturn) last = NULL;
  g_autofree char *last_fy = pw_format_year (year - 1);
  gint64 now = 0, then;
  guint copied = 0;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((last = pw_store_get_return (self, pcn_id, year - 1, error)) == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                     _("There is no %s return to copy from"), last_fy);
      return FALSE;
    }
  then = pw_row_get_int (PW_ROW (last), PW_RETURN_ID);
  if (!pw_store_begin (self, error))
    return FALSE;
  ok = pw_store_ensure_return (self, pcn_id, year, &now, error) && check_open (self, now, error) &&
       run (self, error, "INSERT INTO return_item (return_id, list, position, text)"
                         " SELECT ?1, o.list, o.position, o.text FROM return_item o"
                         "  WHERE o.return_id = ?2 AND o.list != 'A'"
                         "    AND NOT EXISTS (SELECT 1 FROM return_item n WHERE n.return_id = ?1 AND n.list = o.list)",
            "ii", now, then);
  copied += ok ? sqlite3_changes (self->db) : 0;
  ok = ok && run (self, error, "INSERT OR IGNORE INTO des_plan (return_id, spec, status, note)"
                               " SELECT ?1, spec, status, note FROM des_plan WHERE return_id = ?2", "ii", now, then);
  copied += ok ? sqlite3_changes (self->db) : 0;
  ok = ok && run (self, error, "INSERT INTO plan_entry (return_id, kind, position, status, amount, title, detail, lead, due)"
                               " SELECT ?1, o.kind, o.position, o.status, o.amount, o.title, o.detail, o.lead, o.due"
                               "   FROM plan_entry o WHERE o.return_id = ?2"
                               "    AND NOT EXISTS (SELECT 1 FROM plan_entry n WHERE n.return_id = ?1 AND n.kind = o.kind)",
                  "ii", now, then);
  copied += ok ? sqlite3_changes (self->db) : 0;
  if (out_copied != NULL)
    *out_copied = copied;
  return finish_write (self, ok, now, "return", "Copied from last year", last_fy, "", FALSE, error);
}

/* ------------------------------------------------------------------ */
/* ARRS roles                                                          */

static PwArrsRole *
role_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (PW_TYPE_ARRS_ROLE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "name", column_text (stmt, 1),
                       "first-year", sqlite3_column_int64 (stmt, 2),
                       "retired", sqlite3_column_int64 (stmt, 3),
                       "local", sqlite3_column_int64 (stmt, 4),
                       NULL);
}

#define ROLE_COLUMNS "SELECT id, name, first_year, retired, local FROM arrs_role "

/* Returns: (transfer full): the roles by name; retired ones only if asked */
GListModel *
pw_store_list_roles (PwStore   *self,
                     gboolean   include_retired,
                     GError   **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error, ROLE_COLUMNS "WHERE ?1 OR NOT retired ORDER BY name",
                               "i", (gint64) include_retired),
                  (gpointer) role_from_row, PW_TYPE_ARRS_ROLE, error);
}

/* Returns: (transfer full) (nullable): the role called @name (any case) */
PwArrsRole *
pw_store_find_role (PwStore     *self,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  found = collect (self, query (self, error, ROLE_COLUMNS "WHERE name = trim(?1)", "t", name),
                   (gpointer) role_from_row, PW_TYPE_ARRS_ROLE, error);
  return found && g_list_model_get_n_items (found) ? g_list_model_get_item (found, 0) : NULL;
}

gboolean
pw_store_add_role (PwStore     *self,
                   const char  *name,
                   int          first_year,
                   gint64      *out_id,
                   GError     **error)
{
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (name, _("A role’s name"), error))
    return FALSE;
  if (!write_one (self, &local, "role", 0, "INSERT INTO arrs_role (name, first_year, local) VALUES (trim(?1), ?2, 1)",
                  "ti", name, (gint64) MAX (first_year, 0)))
    {
      g_autofree char *what = g_strdup_printf (_("The role name “%s”"), name);
      return explain_exists (error, local, what);
    }
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
pw_store_rename_role (PwStore     *self,
                      gint64       role_id,
                      const char  *name,
                      GError     **error)
{
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!name_ok (name, _("A role’s name"), error))
    return FALSE;
  if (!write_one (self, &local, "role", role_id, "UPDATE arrs_role SET name = trim(?2) WHERE id = ?1", "it",
                  role_id, name))
    {
      g_autofree char *what = g_strdup_printf (_("The role name “%s”"), name);
      return explain_exists (error, local, what);
    }
  return TRUE;
}

/* Retired roles stay on the returns that use them but are not offered. */
gboolean
pw_store_retire_role (PwStore   *self,
                      gint64     role_id,
                      gboolean   retired,
                      GError   **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  return write_one (self, error, "role", role_id, "UPDATE arrs_role SET retired = ?2 WHERE id = ?1", "ii",
                    role_id, (gint64) (retired != FALSE));
}

/* Only a role no return uses can be deleted; one in use can be retired. */
gboolean
pw_store_delete_role (PwStore   *self,
                      gint64     role_id,
                      GError   **error)
{
  GError *local = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (write_one (self, &local, "role", role_id, "DELETE FROM arrs_role WHERE id = ?1", "i", role_id))
    return TRUE;
  if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_INVALID))
    {
      g_clear_error (&local);
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("This role is used by returns, so it cannot be deleted; retire it instead"));
      return FALSE;
    }
  g_propagate_error (error, local);
  return FALSE;
}

/* The most the scheme reimburses per WTE of @role_id in @year, in pence;
 * -1 to forget it. */
gboolean
pw_store_set_role_rate (PwStore   *self,
                        gint64     role_id,
                        int        year,
                        gint64     max_pence,
                        GError   **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (max_pence < 0)
    return write_one (self, error, "role", role_id, "DELETE FROM arrs_rate WHERE role_id = ?1 AND year = ?2", "ii",
                      role_id, (gint64) year);
  return write_one (self, error, "role", role_id,
                    "INSERT INTO arrs_rate (role_id, year, max_pence) VALUES (?1, ?2, ?3)"
                    " ON CONFLICT (role_id, year) DO UPDATE SET max_pence = ?3",
                    "iii", role_id, (gint64) year, max_pence);
}

/* Returns: the rate in pence per WTE, or -1 when none is known */
gint64
pw_store_role_rate (PwStore  *self,
                    gint64    role_id,
                    int       year)
{
  sqlite3_stmt *stmt;
  gint64 rate = -1;

  g_return_val_if_fail (PW_IS_STORE (self), -1);

  stmt = query (self, NULL, "SELECT max_pence FROM arrs_rate WHERE role_id = ?1 AND year = ?2", "ii",
                role_id, (gint64) year);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    rate = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return rate;
}

/* ------------------------------------------------------------------ */
/* Workforce                                                           */

static PwArrsWte *
wte_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (PW_TYPE_ARRS_WTE,
                       "return-id", sqlite3_column_int64 (stmt, 0),
                       "role-id", sqlite3_column_int64 (stmt, 1),
                       "in-post", sqlite3_column_int64 (stmt, 2),
                       "headcount", sqlite3_column_int64 (stmt, 3),
                       "planned", sqlite3_column_int64 (stmt, 4),
                       "role", column_text (stmt, 5),
                       "as-of", column_text (stmt, 6),
                       NULL);
}

/* Returns: (transfer full): the return's roles, by role name */
GListModel *
pw_store_list_wte (PwStore  *self,
                   gint64    return_id,
                   GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error,
                               "SELECT w.return_id, w.role_id, w.wte, w.headcount, w.planned, r.name, coalesce(w.as_of, '')"
                               "  FROM arrs_wte w JOIN arrs_role r ON r.id = w.role_id"
                               " WHERE w.return_id = ?1 ORDER BY r.name", "i", return_id),
                  (gpointer) wte_from_row, PW_TYPE_ARRS_WTE, error);
}

/* Returns: (transfer full): every return's figures for @year summed by role
 * (return-id 0), by role name: the workforce across all PCNs */
GListModel *
pw_store_wte_totals (PwStore  *self,
                     int       year,
                     GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return collect (self, query (self, error,
                               "SELECT 0, r.id, sum(w.wte), sum(w.headcount), sum(w.planned), r.name, ''"
                               "  FROM arrs_wte w JOIN pcn_return p ON p.id = w.return_id"
                               "  JOIN arrs_role r ON r.id = w.role_id"
                               " WHERE p.year = ?1 GROUP BY r.id ORDER BY r.name", "i", (gint64) year),
                  (gpointer) wte_from_row, PW_TYPE_ARRS_WTE, error);
}

/* "2.5 WTE in post (3 people), 3.0 planned", as the change log says it. */
static char *
describe_wte (gint64 in_post,
              gint64 headcount,
              gint64 planned)
{
  g_autofree char *a = pw_format_wte (in_post);
  g_autofree char *b = pw_format_wte (planned);

  return g_strdup_printf ("%s WTE in post (%" G_GINT64_FORMAT " people), %s planned", a, headcount, b);
}

/**
 * pw_store_set_wte:
 * @as_of: (nullable): ISO date the figures were taken, or %NULL / ""
 * Records a return's WTE in post, headcount and WTE planned for a role.
 */
gboolean
pw_store_set_wte (PwStore     *self,
                  gint64       return_id,
                  gint64       role_id,
                  int          in_post,
                  int          headcount,
                  int          planned,
                  const char  *as_of,
                  GError     **error)
{
  g_autofree char *what = NULL, *new_value = NULL, *old_value = NULL;
  g_autofree char *date = NULL;
  sqlite3_stmt *name, *before;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (in_post < 0 || in_post > PW_WTE_MAX || planned < 0 || planned > PW_WTE_MAX)
    return invalid (error, _("A WTE must be from 0.00 to 99.99"));
  if (headcount < 0)
    return invalid (error, _("A headcount cannot be negative"));
  if (as_of != NULL && *as_of && !pw_parse_date (as_of, &date, error))
    return FALSE;
  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  before = query (self, error, "SELECT wte, headcount, planned FROM arrs_wte WHERE return_id = ?1 AND role_id = ?2",
                  "ii", return_id, role_id);
  if (before != NULL && sqlite3_step (before) == SQLITE_ROW)
    old_value = describe_wte (sqlite3_column_int64 (before, 0), sqlite3_column_int64 (before, 1),
                              sqlite3_column_int64 (before, 2));
  if (before != NULL)
    sqlite3_reset (before);
  ok = run (self, error, "INSERT INTO arrs_wte (return_id, role_id, wte, headcount, planned, as_of)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                         " ON CONFLICT (return_id, role_id) DO UPDATE SET wte = ?3, headcount = ?4, planned = ?5,"
                         "   as_of = coalesce(?6, as_of)"
                         " WHERE (wte, headcount, planned, as_of) IS NOT (?3, ?4, ?5, coalesce(?6, as_of))",
            "iiiiie", return_id, role_id, (gint64) in_post, (gint64) headcount, (gint64) planned, date ? date : "");
  name = ok ? query (self, error, "SELECT name FROM arrs_role WHERE id = ?1", "i", role_id) : NULL;
  if (name != NULL && sqlite3_step (name) == SQLITE_ROW)
    what = g_strdup_printf ("ARRS: %s", column_text (name, 0));
  if (name != NULL)
    sqlite3_reset (name);
  new_value = describe_wte (in_post, headcount, planned);
  return finish_write (self, ok && what != NULL, return_id, "wte", what ? what : "ARRS", old_value ? old_value : "",
                       new_value, TRUE, error);
}

/* The date a return's ARRS figures were taken, for all its roles at once;
 * "" forgets it. */
gboolean
pw_store_set_wte_as_of (PwStore     *self,
                        gint64       return_id,
                        const char  *as_of,
                        GError     **error)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (as_of != NULL && *as_of && !pw_parse_date (as_of, &date, error))
    return FALSE;
  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  return finish_write (self, run (self, error, "UPDATE arrs_wte SET as_of = ?2 WHERE return_id = ?1 AND as_of IS NOT ?2", "ie",
                                  return_id, date ? date : ""),
                       return_id, "wte", "ARRS: figures as of", "", date ? date : "", TRUE, error);
}

gboolean
pw_store_remove_wte (PwStore  *self,
                     gint64    return_id,
                     gint64    role_id,
                     GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  return finish_write (self, run (self, error, "DELETE FROM arrs_wte WHERE return_id = ?1 AND role_id = ?2", "ii",
                                  return_id, role_id),
                       return_id, "wte", "ARRS: role removed", "", "", FALSE, error);
}

/* ------------------------------------------------------------------ */
/* Funding                                                             */

static PwFunding *
funding_from_row (sqlite3_stmt *stmt)
{
  PwFundingStream stream = 0;

  for (PwFundingStream s = 0; s < PW_N_STREAMS; s++)
    if (g_strcmp0 (column_text (stmt, 2), pw_stream_key (s)) == 0)
      stream = s;
  return g_object_new (PW_TYPE_FUNDING,
                       "pcn-id", sqlite3_column_int64 (stmt, 0),
                       "year", sqlite3_column_int64 (stmt, 1),
                       "stream", (gint64) stream,
                       "amount", sqlite3_column_int64 (stmt, 3),
                       "rate", sqlite3_column_int64 (stmt, 4),
                       NULL);
}

/* Returns: (transfer full): the PCN's four streams for @year, in order;
 * a rate's amount is worked out from @year's list sizes (half a penny up) */
typedef struct
{
  gint64 pcn_id;
  int year;
} FundingKey;

static GObject *
empty_stream (guint    stream,
              gpointer data)
{
  FundingKey *key = data;

  return g_object_new (PW_TYPE_FUNDING, "pcn-id", key->pcn_id, "year", (gint64) key->year,
                       "stream", (gint64) stream, NULL);
}

GListModel *
pw_store_list_funding (PwStore  *self,
                       gint64    pcn_id,
                       int       year,
                       GError  **error)
{
  g_autoptr(GListModel) stored = NULL;
  FundingKey key = { pcn_id, year };

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stored = collect (self, query (self, error,
                                 "SELECT f.pcn_id, f.year, f.stream,"
                                 "       CASE WHEN f.rate IS NULL THEN f.amount"
                                 "            ELSE (f.rate * (SELECT coalesce(sum(list_size), 0) FROM ("
                                 YEAR_PRACTICES_WHERE ("f.year", "pcn_id = f.pcn_id") ")) + 50) / 100 END,"
                                 "       coalesce(f.rate, -1)"
                                 "  FROM funding f WHERE f.pcn_id = ?1 AND f.year = ?2",
                                 "ii", pcn_id, (gint64) year),
                    (gpointer) funding_from_row, PW_TYPE_FUNDING, error);
  return stored ? complete_by_key (stored, PW_FUNDING_STREAM, PW_N_STREAMS, empty_stream, &key) : NULL;
}

/**
 * pw_store_set_funding:
 * @amount: pence, used when @rate is -1
 * @rate: hundredths of a penny per registered patient, or -1
 */
gboolean
pw_store_set_funding (PwStore          *self,
                      gint64            pcn_id,
                      int               year,
                      PwFundingStream   stream,
                      gint64            amount,
                      gint64            rate,
                      GError          **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (stream >= PW_N_STREAMS || amount < 0)
    return invalid (error, _("A funding amount cannot be negative"));
  if (!check_open_in (self, pcn_id, year, error))
    return FALSE;
  return write_one (self, error, "funding", pcn_id,
                    "INSERT INTO funding (pcn_id, year, stream, amount, rate) VALUES (?1, ?2, ?3, ?4, ?5)"
                    " ON CONFLICT (pcn_id, year, stream) DO UPDATE SET amount = ?4, rate = ?5",
                    "iitin", pcn_id, (gint64) year, pw_stream_key (stream), rate >= 0 ? 0 : amount, rate);
}

/* ------------------------------------------------------------------ */
/* Archiving, deleting and merging PCNs and localities                 */
/*
 * Nothing here loses a row: a PCN with returns or funding is never deleted
 * (it is archived, or merged into the PCN that took over), a merge that
 * would put two returns of one year on one PCN is refused, and every
 * operation hands back a PwStoreUndo that puts each row back as it was.
 */

/* A row whose @column was changed from @from to @to (0 stands for NULL). */
typedef struct
{
  const char *undo_sql;        /* interned: "UPDATE t SET c = ?2 WHERE rowid = ?1 AND c IS ?3" */
  gint64 rowid;
  gint64 from;
  gint64 to;
} Move;

struct _PwStoreUndo
{
  char *summary;               /* what was done, in a sentence */
  const char *restore_sql;     /* interned INSERT for the removed row, or NULL */
  GPtrArray *restore_values;   /* sqlite3_value *, the removed row as stored */
  gint64 archive_id;           /* a PCN whose archived_from to put back, or 0 */
  gint64 archived_from;        /* its value before, 0 for open */
  GArray *moves;               /* of Move */
};

static void
free_value (gpointer v)
{
  sqlite3_value_free (v);
}

static PwStoreUndo *
undo_new (void)
{
  PwStoreUndo *undo = g_new0 (PwStoreUndo, 1);

  undo->restore_values = g_ptr_array_new_with_free_func (free_value);
  undo->moves = g_array_new (FALSE, FALSE, sizeof (Move));
  return undo;
}

void
pw_store_undo_free (PwStoreUndo *undo)
{
  if (undo == NULL)
    return;
  g_free (undo->summary);
  g_ptr_array_unref (undo->restore_values);
  g_array_unref (undo->moves);
  g_free (undo);
}

const char *
pw_store_undo_get_summary (PwStoreUndo *undo)
{
  g_return_val_if_fail (undo != NULL, NULL);
  return undo->summary;
}

/* Entries about PCNs and localities belong to no return. */
static gboolean
log_event (PwStore     *self,
           const char  *what,
           const char  *old_value,
           const char  *new_value,
           GError     **error)
{
  g_autofree char *at = now_iso ();

  return run (self, error,
              "INSERT INTO change_log (at, user, return_id, what, old_value, new_value)"
              " VALUES (?1, ?2, NULL, ?3, ?4, ?5)",
              "ttttt", at, g_get_user_name (), what, old_value ? old_value : "", new_value ? new_value : "");
}

static char *
pcn_label (PwPcn *pcn)
{
  return g_strdup_printf ("%s %s", pw_pcn_get_text (pcn, PW_PCN_CODE), pw_pcn_get_text (pcn, PW_PCN_NAME));
}

static PwPcn *
need_pcn (PwStore  *self,
          gint64    id,
          GError  **error)
{
  PwPcn *pcn = pw_store_find_pcn (self, id);

  if (pcn == NULL)
    g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("There is no such PCN"));
  return pcn;
}

/* The years @sql yields for (@a, @b) in order, as "2021/22, 2022/23", with
 * their number in @n and the last in @last; NULL on a database error. */
static char *
years_of (PwStore     *self,
          const char  *sql,
          gint64       a,
          gint64       b,
          guint       *n,
          int         *last,
          GError     **error)
{
  sqlite3_stmt *stmt = query (self, error, sql, "ii", a, b);
  g_autoptr(GString) years = g_string_new (NULL);
  int rc;

  *n = 0;
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *fy = pw_format_year (*last = sqlite3_column_int (stmt, 0));
      g_string_append_printf (years, "%s%s", (*n)++ ? ", " : "", fy);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (set_sqlite_error (self, error, rc), NULL);
  return g_string_free (g_steal_pointer (&years), FALSE);
}

#define SQL_RETURN_YEARS "SELECT year FROM pcn_return WHERE pcn_id = ?1 AND year >= ?2 ORDER BY year"
#define SQL_FUNDING_YEARS "SELECT DISTINCT year FROM funding WHERE pcn_id = ?1 AND year >= ?2 ORDER BY year"

/* Refuses when the PCN has returns or funding from @year on, with a
 * message that starts with @refusal (ending in its subject: "…: it"),
 * names the years and what can be done instead: @advice, or by default
 * the years it can be archived from. */
static gboolean
check_no_data_from (PwStore     *self,
                    PwPcn       *pcn,
                    int          year,
                    const char  *refusal,
                    const char  *advice,
                    GError     **error)
{
  g_autofree char *returns = NULL, *funding = NULL, *after = NULL, *hint = NULL;
  guint n_returns = 0, n_funding = 0;
  int last_return = 0, last_funding = 0;

  if ((returns = years_of (self, SQL_RETURN_YEARS, pw_pcn_get_id (pcn), year, &n_returns, &last_return, error)) == NULL ||
      (funding = years_of (self, SQL_FUNDING_YEARS, pw_pcn_get_id (pcn), year, &n_funding, &last_funding, error)) == NULL)
    return FALSE;
  if (n_returns == 0 && n_funding == 0)
    return TRUE;
  after = pw_format_year (MAX (last_return, last_funding) + 1);
  hint = advice ? g_strdup (advice)
                : g_strdup_printf (_("It can be archived from %s or later, or merged into the PCN that took it over. Nothing was changed."), after);
  if (n_returns > 0)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE, "%s has %u return (%s). %s",
                              "%s has %u returns (%s). %s", n_returns),
                 refusal, n_returns, returns, hint);
  else
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, _("%s has funding for %s. %s"),
                 refusal, funding, hint);
  return FALSE;
}

/* Returns and funding are entered only for the years a PCN is open, so
 * that nothing is held for a year whose lists leave the PCN out. */
static gboolean
check_open_in (PwStore  *self,
               gint64    pcn_id,
               int       year,
               GError  **error)
{
  PwPcn *pcn = pw_store_find_pcn (self, pcn_id);
  g_autofree char *label = NULL, *from = NULL, *fy = NULL;

  if (pcn == NULL || pw_pcn_is_shown_in (pcn, year))
    return TRUE;
  label = pcn_label (pcn);
  from = pw_format_year (pw_pcn_get_number (pcn, PW_PCN_ARCHIVED_FROM));
  fy = pw_format_year (year);
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
               _("%s is archived (closed) from %s: unarchive it to enter a return or funding for %s"), label, from, fy);
  return FALSE;
}

static const char *
intern_printf (const char *format,
               ...) G_GNUC_PRINTF (1, 2);

static const char *
intern_printf (const char *format,
               ...)
{
  g_autofree char *s = NULL;
  va_list ap;

  va_start (ap, format);
  s = g_strdup_vprintf (format, ap);
  va_end (ap);
  return g_intern_string (s);
}

/* Keeps the whole row @id of @table (pcn or locality) in @undo before it
 * is deleted, so that undoing puts it back with the same id and values. */
static gboolean
keep_row (PwStore      *self,
          PwStoreUndo  *undo,
          const char   *table,
          gint64        id,
          GError      **error)
{
  sqlite3_stmt *stmt = query (self, error, intern_printf ("SELECT * FROM %s WHERE rowid = ?1", table), "i", id);
  g_autoptr(GString) sql = g_string_new (NULL);
  int rc, n;

  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return set_sqlite_error (self, error, rc);
    }
  n = sqlite3_column_count (stmt);
  for (int i = 0; i < n; i++)
    g_ptr_array_add (undo->restore_values, sqlite3_value_dup (sqlite3_column_value (stmt, i)));
  sqlite3_reset (stmt);
  g_string_printf (sql, "INSERT INTO %s VALUES (?1", table);
  for (int i = 2; i <= n; i++)
    g_string_append_printf (sql, ", ?%d", i);
  g_string_append (sql, ")");
  undo->restore_sql = g_intern_string (sql->str);
  return TRUE;
}

static int
insert_kept_row (PwStore     *self,
                 PwStoreUndo *undo,
                 gboolean     new_id,
                 GError     **error)
{
  sqlite3_stmt *stmt = query (self, error, undo->restore_sql, NULL);
  int rc;

  if (stmt == NULL)
    return SQLITE_ERROR;
  for (guint i = 0; i < undo->restore_values->len; i++)
    sqlite3_bind_value (stmt, i + 1, g_ptr_array_index (undo->restore_values, i));
  if (new_id)
    sqlite3_bind_null (stmt, 1);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc;
}

/* Puts the removed row back, with its own id, or a new one if a row added
 * since has taken it; *@out_id says which. */
static gboolean
restore_row (PwStore      *self,
             PwStoreUndo  *undo,
             gint64       *out_id,
             GError      **error)
{
  int rc;

  *out_id = 0;
  if (undo->restore_sql == NULL)
    return TRUE;
  rc = insert_kept_row (self, undo, FALSE, error);
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    rc = insert_kept_row (self, undo, TRUE, error);
  if (rc == SQLITE_DONE)
    return (*out_id = sqlite3_last_insert_rowid (self->db), TRUE);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return invalid (error, _("It cannot be put back: its code or name is now used by another."));
  return rc == SQLITE_ERROR ? FALSE : set_sqlite_error (self, error, rc);
}

/* Moves every row of @table whose @column is @from to @to (0: NULL),
 * remembering each in @undo; @each, when given, also logs every row moved,
 * from its id and the text of @label_column. */
typedef gboolean (*MovedFunc) (PwStore *self, gint64 rowid, const char *label, gpointer data, GError **error);

static gboolean
move_rows (PwStore      *self,
           PwStoreUndo  *undo,
           const char   *table,
           const char   *column,
           const char   *label_column,
           gint64        from,
           gint64        to,
           MovedFunc     each,
           gpointer      data,
           GError      **error)
{
  const char *select = intern_printf ("SELECT rowid, %s FROM %s WHERE %s = ?1", label_column, table, column);
  const char *update = intern_printf ("UPDATE %s SET %s = ?2 WHERE rowid = ?1", table, column);
  sqlite3_stmt *stmt = query (self, error, select, "i", from);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rows, rowid);
      g_ptr_array_add (labels, g_strdup (column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, rc);
  for (guint i = 0; i < rows->len; i++)
    {
      Move m = { intern_printf ("UPDATE %s SET %s = ?2 WHERE rowid = ?1 AND %s IS ?3", table, column, column),
                 g_array_index (rows, gint64, i), from, to };

      if (!run (self, error, update, "in", m.rowid, to > 0 ? to : (gint64) -1) ||
          (each != NULL && !each (self, m.rowid, g_ptr_array_index (labels, i), data, error)))
        return FALSE;
      g_array_append_val (undo->moves, m);
    }
  return TRUE;
}

/* Puts back what @undo recorded, all in one transaction. */
gboolean
pw_store_undo (PwStore      *self,
               PwStoreUndo  *undo,
               GError      **error)
{
  g_autofree char *what = NULL;
  gint64 old_id, new_id = 0;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  if (!pw_store_begin (self, error))
    return FALSE;
  ok = restore_row (self, undo, &new_id, error);
  old_id = undo->restore_values->len ? sqlite3_value_int64 (g_ptr_array_index (undo->restore_values, 0)) : 0;
  for (guint i = undo->moves->len; ok && i > 0; i--)
    {
      Move *m = &g_array_index (undo->moves, Move, i - 1);
      gint64 back = m->from == old_id && new_id != 0 ? new_id : m->from;

      ok = run (self, error, m->undo_sql, "inn", m->rowid, back > 0 ? back : (gint64) -1,
                m->to > 0 ? m->to : (gint64) -1);
    }
  if (ok && undo->archive_id != 0)
    ok = run (self, error, "UPDATE pcn SET archived_from = ?2 WHERE id = ?1", "in",
              undo->archive_id, undo->archived_from > 0 ? undo->archived_from : (gint64) -1);
  what = g_strdup_printf (_("Undone: %s"), undo->summary);
  if (!ok || !log_event (self, what, "", "", error))
    {
      pw_store_rollback (self);
      return FALSE;
    }
  note_change (self, "pcn", 0);
  note_change (self, "locality", 0);
  return pw_store_commit (self, error);
}

/* Ends an operation: logs @summary, hands @undo over (or frees it), commits. */
static gboolean
finish_operation (PwStore       *self,
                  PwStoreUndo   *undo,
                  PwStoreUndo  **out_undo,
                  GError       **error)
{
  if (!log_event (self, undo->summary, "", "", error))
    {
      pw_store_rollback (self);
      pw_store_undo_free (undo);
      return FALSE;
    }
  note_change (self, "pcn", 0);
  note_change (self, "locality", 0);
  if (!pw_store_commit (self, error))
    {
      pw_store_undo_free (undo);
      return FALSE;
    }
  if (out_undo != NULL)
    *out_undo = undo;
  else
    pw_store_undo_free (undo);
  return TRUE;
}

static gboolean
fail_operation (PwStore      *self,
                PwStoreUndo  *undo)
{
  pw_store_rollback (self);
  pw_store_undo_free (undo);
  return FALSE;
}

/**
 * pw_store_archive_pcn:
 * @year: the first financial year the PCN is closed, or 0 to reopen it
 * @out_undo: (out) (optional): what puts it back
 *
 * An archived PCN stays in the lists of the years before @year and leaves
 * those of @year and later.  Refused while it has a return or funding in
 * @year or later: they would vanish from those years' papers.
 */
gboolean
pw_store_archive_pcn (PwStore       *self,
                      gint64         pcn_id,
                      int            year,
                      PwStoreUndo  **out_undo,
                      GError       **error)
{
  PwPcn *pcn;
  PwStoreUndo *undo;
  g_autofree char *label = NULL, *fy = NULL, *before = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((pcn = need_pcn (self, pcn_id, error)) == NULL)
    return FALSE;
  if (year != 0 && (year < PW_YEAR_MIN || year > PW_YEAR_MAX))
    return invalid (error, _("The financial year is out of range"));
  label = pcn_label (pcn);
  fy = year ? pw_format_year (year) : g_strdup ("");
  if (year != 0)
    {
      g_autofree char *refusal = g_strdup_printf (_("Cannot archive %s from %s: it"), label, fy);
      if (!check_no_data_from (self, pcn, year, refusal, NULL, error))
        return FALSE;
    }
  undo = undo_new ();
  undo->archive_id = pcn_id;
  undo->archived_from = pw_pcn_get_number (pcn, PW_PCN_ARCHIVED_FROM);
  undo->summary = year ? g_strdup_printf (_("Archived %s from %s"), label, fy)
                       : g_strdup_printf (_("Unarchived %s"), label);
  before = undo->archived_from ? pw_format_year (undo->archived_from) : g_strdup ("");
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!run (self, error, "UPDATE pcn SET archived_from = ?2 WHERE id = ?1", "in",
            pcn_id, year ? (gint64) year : (gint64) -1))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

static gboolean
log_practice_moved (PwStore     *self,
                    gint64       rowid,
                    const char  *code,
                    gpointer     data,
                    GError     **error)
{
  const char **codes = data;       /* from, to */
  g_autofree char *what = g_strdup_printf (_("Practice %s: PCN"), code);

  return log_event (self, what, codes[0], codes[1], error);
}

/**
 * pw_store_delete_pcn:
 * Deletes a PCN that has no returns and no funding (one made by mistake);
 * its practices stay, with no PCN.  Anything else is refused, with the
 * years that hold data.
 */
gboolean
pw_store_delete_pcn (PwStore       *self,
                     gint64         pcn_id,
                     PwStoreUndo  **out_undo,
                     GError       **error)
{
  PwPcn *pcn;
  PwStoreUndo *undo;
  g_autofree char *label = NULL, *refusal = NULL;
  const char *codes[2] = { NULL, "" };

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((pcn = need_pcn (self, pcn_id, error)) == NULL)
    return FALSE;
  label = pcn_label (pcn);
  refusal = g_strdup_printf (_("Cannot delete %s: it"), label);
  if (!check_no_data_from (self, pcn, 0, refusal, NULL, error))
    return FALSE;
  codes[0] = pw_pcn_get_text (pcn, PW_PCN_CODE);
  undo = undo_new ();
  undo->summary = g_strdup_printf (_("Deleted %s"), label);
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!keep_row (self, undo, "pcn", pcn_id, error) ||
      !move_rows (self, undo, "practice", "pcn_id", "code", pcn_id, 0, log_practice_moved, codes, error) ||
      !run (self, error, "DELETE FROM pcn WHERE id = ?1", "i", pcn_id))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

static gboolean
log_return_moved (PwStore     *self,
                  gint64       rowid,
                  const char  *unused,
                  gpointer     data,
                  GError     **error)
{
  char **labels = data;            /* from, to */

  return log_change (self, rowid, "PCN", labels[0], labels[1], FALSE, error);
}

#define SQL_CLASHING_RETURNS \
  "SELECT a.year FROM pcn_return a JOIN pcn_return b ON b.year = a.year AND b.pcn_id = ?2" \
  " WHERE a.pcn_id = ?1 ORDER BY a.year"
#define SQL_CLASHING_FUNDING \
  "SELECT DISTINCT a.year FROM funding a JOIN funding b ON b.year = a.year AND b.stream = a.stream" \
  " AND b.pcn_id = ?2 WHERE a.pcn_id = ?1 ORDER BY a.year"

/* Refuses a merge that would put two returns (or two amounts of one
 * funding stream) of one year on the PCN kept, or data in years it is
 * closed, naming the years. */
static gboolean
check_mergeable (PwStore     *self,
                 PwPcn       *from,
                 PwPcn       *into,
                 const char  *refusal,
                 GError     **error)
{
  g_autofree char *returns = NULL, *funding = NULL;
  guint n_returns = 0, n_funding = 0;
  gint64 closed = pw_pcn_get_number (into, PW_PCN_ARCHIVED_FROM);
  int last = 0;

  if ((returns = years_of (self, SQL_CLASHING_RETURNS, pw_pcn_get_id (from), pw_pcn_get_id (into),
                           &n_returns, &last, error)) == NULL ||
      (funding = years_of (self, SQL_CLASHING_FUNDING, pw_pcn_get_id (from), pw_pcn_get_id (into),
                           &n_funding, &last, error)) == NULL)
    return FALSE;
  /* Two PCNs that both made returns in a year were both real that year:
   * the one that closed is archived, not merged. */
  if (n_returns > 0)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS,
                 _("%s: both have a return for %s, and a PCN has one return a year. Archive the PCN that closed instead. Nothing was changed."),
                 refusal, returns);
  else if (n_funding > 0)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS,
                 _("%s: both have funding in the same stream for %s. Archive the PCN that closed instead. Nothing was changed."),
                 refusal, funding);
  if (n_returns > 0 || n_funding > 0)
    return FALSE;
  if (closed != 0)
    {
      g_autofree char *fy = pw_format_year (closed);
      g_autofree char *label = pcn_label (from);
      g_autofree char *kept = g_strdup_printf (_("%s: the PCN kept is archived from %s, and %s"), refusal, fy, label);
      return check_no_data_from (self, from, closed, kept,
                                 _("Unarchive the PCN kept first, or archive it from a later year. Nothing was changed."),
                                 error);
    }
  return TRUE;
}

/**
 * pw_store_merge_pcn:
 * Moves the practices, returns and funding of @from_id to @into_id, logs
 * every move, and deletes @from_id: a merged PCN lives on in the one kept
 * (an archived shell would show, empty, beside it in past years).
 */
gboolean
pw_store_merge_pcn (PwStore       *self,
                    gint64         from_id,
                    gint64         into_id,
                    PwStoreUndo  **out_undo,
                    GError       **error)
{
  PwPcn *from, *into;
  PwStoreUndo *undo;
  g_autofree char *from_label = NULL, *into_label = NULL, *refusal = NULL;
  const char *codes[2];
  char *labels[2];

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((from = need_pcn (self, from_id, error)) == NULL || (into = need_pcn (self, into_id, error)) == NULL)
    return FALSE;
  if (from_id == into_id)
    return invalid (error, _("A PCN cannot be merged into itself"));
  from_label = pcn_label (from);
  into_label = pcn_label (into);
  refusal = g_strdup_printf (_("Cannot merge %s into %s"), from_label, into_label);
  if (!check_mergeable (self, from, into, refusal, error))
    return FALSE;
  codes[0] = pw_pcn_get_text (from, PW_PCN_CODE), codes[1] = pw_pcn_get_text (into, PW_PCN_CODE);
  labels[0] = from_label, labels[1] = into_label;
  undo = undo_new ();
  undo->summary = g_strdup_printf (_("Merged %s into %s"), from_label, into_label);
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!keep_row (self, undo, "pcn", from_id, error) ||
      !move_rows (self, undo, "practice", "pcn_id", "code", from_id, into_id, log_practice_moved, codes, error) ||
      !move_rows (self, undo, "pcn_return", "pcn_id", "year", from_id, into_id, log_return_moved, labels, error) ||
      !move_rows (self, undo, "funding", "pcn_id", "year", from_id, into_id, NULL, NULL, error) ||
      !run (self, error, "DELETE FROM pcn WHERE id = ?1", "i", from_id))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

static PwLocality *
need_locality (PwStore  *self,
               gint64    id,
               GError  **error)
{
  PwLocality *loc = find_in_model (self->localities, match_id, &id);

  if (loc == NULL)
    g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("There is no such locality"));
  return loc;
}

/**
 * pw_store_delete_locality:
 * Deletes a locality with no PCNs; one with PCNs is refused (merge it).
 */
gboolean
pw_store_delete_locality (PwStore       *self,
                          gint64         locality_id,
                          PwStoreUndo  **out_undo,
                          GError       **error)
{
  PwLocality *loc;
  PwStoreUndo *undo;
  gint64 n;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((loc = need_locality (self, locality_id, error)) == NULL)
    return FALSE;
  {
    sqlite3_stmt *stmt = query (self, error, "SELECT count(*) FROM pcn WHERE locality_id = ?1", "i", locality_id);
    if (stmt == NULL)
      return FALSE;
    n = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
    sqlite3_reset (stmt);
  }
  if (n > 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Cannot delete the locality “%s”: it has %d PCN. Move it to another locality, or merge this locality into another.",
                                "Cannot delete the locality “%s”: it has %d PCNs. Move them to another locality, or merge this locality into another.",
                                n),
                   pw_locality_get_name (loc), (int) n);
      return FALSE;
    }
  undo = undo_new ();
  undo->summary = g_strdup_printf (_("Deleted the locality “%s”"), pw_locality_get_name (loc));
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!keep_row (self, undo, "locality", locality_id, error) ||
      !run (self, error, "DELETE FROM locality WHERE id = ?1", "i", locality_id))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

static gboolean
log_pcn_moved (PwStore     *self,
               gint64       rowid,
               const char  *code,
               gpointer     data,
               GError     **error)
{
  const char **names = data;       /* from, to */
  g_autofree char *what = g_strdup_printf (_("PCN %s: locality"), code);

  return log_event (self, what, names[0], names[1], error);
}

/**
 * pw_store_merge_locality:
 * Moves every PCN of @from_id to @into_id and deletes @from_id.
 */
gboolean
pw_store_merge_locality (PwStore       *self,
                         gint64         from_id,
                         gint64         into_id,
                         PwStoreUndo  **out_undo,
                         GError       **error)
{
  PwLocality *from, *into;
  PwStoreUndo *undo;
  const char *names[2];

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if ((from = need_locality (self, from_id, error)) == NULL || (into = need_locality (self, into_id, error)) == NULL)
    return FALSE;
  if (from_id == into_id)
    return invalid (error, _("A locality cannot be merged into itself"));
  names[0] = pw_locality_get_name (from), names[1] = pw_locality_get_name (into);
  undo = undo_new ();
  undo->summary = g_strdup_printf (_("Merged the locality “%s” into “%s”"), names[0], names[1]);
  if (!pw_store_begin (self, error))
    return (pw_store_undo_free (undo), FALSE);
  if (!keep_row (self, undo, "locality", from_id, error) ||
      !move_rows (self, undo, "pcn", "locality_id", "code", from_id, into_id, log_pcn_moved, names, error) ||
      !run (self, error, "DELETE FROM locality WHERE id = ?1", "i", from_id))
    return fail_operation (self, undo);
  return finish_operation (self, undo, out_undo, error);
}

/**
 * pw_store_list_pcns:
 * @year: a financial year, or 0 for every PCN
 * Returns: (transfer full): the PCNs of @year (those not archived by then),
 * in the store's order; the rows are the live ones
 */
GListModel *
pw_store_list_pcns (PwStore *self,
                    int      year)
{
  GListStore *list;
  guint n;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  list = g_list_store_new (PW_TYPE_PCN);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->pcns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (G_LIST_MODEL (self->pcns), i);
      if (pw_pcn_is_shown_in (pcn, year))
        g_list_store_append (list, pcn);
    }
  return G_LIST_MODEL (list);
}

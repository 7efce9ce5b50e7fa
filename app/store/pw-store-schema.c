/* pw-store-schema.c — the tables, version by version
 *
 * One migration per schema version, applied in order in one transaction by
 * migrate () in pw-store.c; and how a file from before the application id
 * is told by the tables its version had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-contract-seed.h"
#include "pw-store-private.h"

/* Each entry takes the schema from the version before it to its index + 1. */
const char *migrations[] = {
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

  /* 6: profiles kept per financial year (see KEPT_YEAR in
   * pw-store-private.h).  What a workbook holds when it is upgraded stands
   * for every year up to now: it is kept as last year's figures, as at the
   * day of the upgrade. */
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

  /* 7: locality boards (pw-store-boards.c): one board per locality with its
   * stage history, organisations by sector, members (kept when they leave),
   * meetings with attendance and decisions, the action log, risks on the
   * 5×5 matrix and priorities by year.  Board changes are logged against
   * the locality.  A locality with a board cannot be deleted under it. */
  "ALTER TABLE change_log ADD COLUMN locality_id INTEGER REFERENCES locality (id) ON DELETE SET NULL;"
  "CREATE INDEX change_log_locality ON change_log (locality_id);"
  "CREATE TABLE board ("
  "  locality_id INTEGER PRIMARY KEY REFERENCES locality (id),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  purpose TEXT NOT NULL DEFAULT '',"
  "  reports_to TEXT NOT NULL DEFAULT '',"
  "  frequency TEXT NOT NULL DEFAULT '',"
  "  tor_version TEXT NOT NULL DEFAULT '',"
  "  tor_approved TEXT CHECK (tor_approved IS date(tor_approved)),"
  "  tor_review TEXT CHECK (tor_review IS date(tor_review)));"
  "CREATE TABLE board_stage ("
  "  id INTEGER PRIMARY KEY,"
  "  locality_id INTEGER NOT NULL REFERENCES board (locality_id),"
  "  stage INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 3),"
  "  on_date TEXT NOT NULL CHECK (on_date IS date(on_date)),"
  "  why TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX board_stage_locality ON board_stage (locality_id, on_date);"
  "CREATE TABLE organisation ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  sector INTEGER NOT NULL CHECK (sector BETWEEN 0 AND 8));"
  "CREATE TABLE board_member ("
  "  id INTEGER PRIMARY KEY,"
  "  locality_id INTEGER NOT NULL REFERENCES board (locality_id),"
  "  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),"
  "  organisation_id INTEGER NOT NULL REFERENCES organisation (id),"
  "  role INTEGER NOT NULL DEFAULT 2 CHECK (role BETWEEN 0 AND 3),"
  "  represents TEXT NOT NULL DEFAULT '',"
  "  joined TEXT CHECK (joined IS date(joined)),"
  "  left_on TEXT CHECK (left_on IS date(left_on)),"
  "  UNIQUE (locality_id, name, organisation_id));"
  "CREATE TABLE board_meeting ("
  "  id INTEGER PRIMARY KEY,"
  "  locality_id INTEGER NOT NULL REFERENCES board (locality_id),"
  "  held_on TEXT NOT NULL CHECK (held_on IS date(held_on)),"
  "  quorate INTEGER NOT NULL DEFAULT 0 CHECK (quorate IN (0, 1)),"
  "  notes TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX board_meeting_locality ON board_meeting (locality_id, held_on);"
  "CREATE TABLE board_attendance ("
  "  meeting_id INTEGER NOT NULL REFERENCES board_meeting (id) ON DELETE CASCADE,"
  "  member_id INTEGER NOT NULL REFERENCES board_member (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (meeting_id, member_id));"
  "CREATE TABLE board_decision ("
  "  id INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES board_meeting (id) ON DELETE CASCADE,"
  "  ref TEXT NOT NULL DEFAULT '',"
  "  text TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX board_decision_meeting ON board_decision (meeting_id);"
  "CREATE TABLE board_action ("
  "  id INTEGER PRIMARY KEY,"
  "  locality_id INTEGER NOT NULL REFERENCES board (locality_id),"
  "  ref TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(ref)) > 0),"
  "  text TEXT NOT NULL DEFAULT '',"
  "  owner TEXT NOT NULL DEFAULT '',"
  "  due TEXT CHECK (due IS date(due)),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
  "  done_on TEXT CHECK (done_on IS date(done_on)),"
  "  raised_on TEXT CHECK (raised_on IS date(raised_on)),"
  "  UNIQUE (locality_id, ref));"
  "CREATE INDEX board_action_due ON board_action (locality_id, due);"
  "CREATE TABLE board_risk ("
  "  id INTEGER PRIMARY KEY,"
  "  locality_id INTEGER NOT NULL REFERENCES board (locality_id),"
  "  ref TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(ref)) > 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),"
  "  impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),"
  "  target INTEGER CHECK (target BETWEEN 1 AND 25),"
  "  owner TEXT NOT NULL DEFAULT '',"
  "  review TEXT CHECK (review IS date(review)),"
  "  UNIQUE (locality_id, ref));"
  "CREATE TABLE board_priority ("
  "  id INTEGER PRIMARY KEY,"
  "  locality_id INTEGER NOT NULL REFERENCES board (locality_id),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2098),"
  "  theme TEXT NOT NULL DEFAULT '',"
  "  text TEXT NOT NULL DEFAULT '',"
  "  rag INTEGER CHECK (rag BETWEEN 0 AND 2));"
  "CREATE INDEX board_priority_locality ON board_priority (locality_id, year);",

  /* 8: the contract by year: DES specifications and funding streams with
   * the years they apply to (contract_item), ARRS roles with a last year
   * and the document they come from.  des_plan and funding are rebuilt to
   * take the keys added (the 2024/25 specification; core PCN funding and
   * the Capacity and Access Payment); the change log says where a change
   * came from (a return form).  The shipped data is
   * data/reference/contract.csv (PW_CONTRACT_SEED_SQL). */
  "CREATE TABLE contract_item ("
  "  kind TEXT NOT NULL CHECK (kind IN ('des', 'stream')),"
  "  key TEXT NOT NULL,"
  "  first_year INTEGER NOT NULL CHECK (first_year BETWEEN 2000 AND 2098),"
  "  last_year INTEGER CHECK (last_year BETWEEN first_year AND 2098),"
  "  source TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (kind, key));"
  "ALTER TABLE arrs_role ADD COLUMN last_year INTEGER CHECK (last_year BETWEEN 2000 AND 2098);"
  "ALTER TABLE arrs_role ADD COLUMN source TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE des_plan_8 ("
  "  return_id INTEGER NOT NULL REFERENCES pcn_return (id) ON DELETE CASCADE,"
  "  spec TEXT NOT NULL CHECK (spec IN ('smr', 'ehch', 'anticipatory', 'personalised', 'cancer', 'cvd',"
  "                                     'inequalities', 'pcn_functions')),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (return_id, spec));"
  "INSERT INTO des_plan_8 SELECT return_id, spec, status, note FROM des_plan;"
  "DROP TABLE des_plan;"
  "ALTER TABLE des_plan_8 RENAME TO des_plan;"
  "CREATE TABLE funding_8 ("
  "  pcn_id INTEGER NOT NULL REFERENCES pcn (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL,"
  "  stream TEXT NOT NULL CHECK (stream IN ('arrs', 'cd', 'leadership', 'development', 'core', 'capacity')),"
  "  amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),"
  "  rate INTEGER CHECK (rate >= 0),"
  "  PRIMARY KEY (pcn_id, year, stream));"
  "INSERT INTO funding_8 SELECT pcn_id, year, stream, amount, rate FROM funding;"
  "DROP TABLE funding;"
  "ALTER TABLE funding_8 RENAME TO funding;"
  /* where a change came from: "" typed, or the return form it was read from */
  "ALTER TABLE change_log ADD COLUMN source TEXT NOT NULL DEFAULT '';"
  PW_CONTRACT_SEED_SQL,

  /* 9: users add DES specifications and funding streams (contract_item
   * rows with a name; "added" numbers them in the order they were added,
   * 0 for the shipped ones, which the program names).  des_plan and
   * funding are rebuilt, every column copied, without the fixed lists of
   * keys: the store checks a key against contract_item. */
  "ALTER TABLE contract_item ADD COLUMN name TEXT;"
  "ALTER TABLE contract_item ADD COLUMN added INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE des_plan_9 ("
  "  return_id INTEGER NOT NULL REFERENCES pcn_return (id) ON DELETE CASCADE,"
  "  spec TEXT NOT NULL CHECK (length(spec) BETWEEN 1 AND 40),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (return_id, spec));"
  "INSERT INTO des_plan_9 (return_id, spec, status, note) SELECT return_id, spec, status, note FROM des_plan;"
  "DROP TABLE des_plan;"
  "ALTER TABLE des_plan_9 RENAME TO des_plan;"
  "CREATE TABLE funding_9 ("
  "  pcn_id INTEGER NOT NULL REFERENCES pcn (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL,"
  "  stream TEXT NOT NULL CHECK (length(stream) BETWEEN 1 AND 40),"
  "  amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),"
  "  rate INTEGER CHECK (rate >= 0),"
  "  PRIMARY KEY (pcn_id, year, stream));"
  "INSERT INTO funding_9 (pcn_id, year, stream, amount, rate) SELECT pcn_id, year, stream, amount, rate FROM funding;"
  "DROP TABLE funding;"
  "ALTER TABLE funding_9 RENAME TO funding;",

  /* 10: working together (pw-store-versions.c).  Every row a user edits has
   * a version, bumped by every UPDATE.  The workbook's revision counts the
   * field writes; field_version holds, for each field ever written through
   * the window, the revision of its latest write and who made it, so that
   * an edit based on an older revision of that field is refused rather than
   * written over someone else's (reference data has no versions: only the
   * administrator edits it). */
  "ALTER TABLE locality ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE pcn ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE practice ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE pcn_return ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE maturity ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE return_item ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE des_plan ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE plan_entry ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE arrs_wte ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE funding ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE board ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE board_stage ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE board_member ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE board_meeting ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE board_decision ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE board_action ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE board_risk ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE board_priority ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "CREATE TABLE workbook_revision ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  n INTEGER NOT NULL);"
  "INSERT INTO workbook_revision (id, n) VALUES (1, 1);"
  "CREATE TABLE field_version ("
  "  tbl TEXT NOT NULL,"
  "  row_key TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  session TEXT NOT NULL,"
  "  changed_by TEXT NOT NULL,"
  "  changed_at TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, row_key, field));",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PW_STORE_SCHEMA_VERSION);

/* ------------------------------------------------------------------ */
/* Files from before the application id                                */

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
gboolean
recognise_by_tables (PwStore *self,
                     gint64   version)
{
  g_autoptr(GString) names = g_string_new (NULL);
  PwDbStmt *stmt;
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
  if (stmt != NULL && db_step (stmt) == DB_ROW)
    found = db_int64 (stmt, 0);
  if (stmt != NULL)
    db_reset (stmt);
  return found == wanted;
}

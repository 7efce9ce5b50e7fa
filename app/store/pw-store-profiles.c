/* pw-store-profiles.c — localities, PCNs and practices
 *
 * Reading them, live or as they were in a past year (see KEPT_YEAR in
 * pw-store-private.h), and editing them; and the rule that returns and
 * funding are entered only for the years a PCN is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-parse.h"
#include "pw-store-private.h"

/* ------------------------------------------------------------------ */
/* Reading                                                             */

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
practice_from_row (PwDbStmt *stmt)
{
  return g_object_new (PW_TYPE_PRACTICE,
                       "id", db_int64 (stmt, 0),
                       "pcn-id", db_int64 (stmt, 1),
                       "list-size", db_int64 (stmt, 2),
                       "code", db_text (stmt, 3),
                       "name", db_text (stmt, 4),
                       NULL);
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
  PwDbStmt *stmt;
  PwPractice *p = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stmt = query (self, error, PRACTICE_COLUMNS "WHERE code = ?1", "t", code);
  if (stmt == NULL)
    return NULL;
  rc = db_step (stmt);
  if (rc == DB_ROW)
    p = practice_from_row (stmt);
  else if (rc != DB_DONE)
    db_error (self, error, rc);
  db_reset (stmt);
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
  PwDbStmt *stmt;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  pcns = collect (self, query (self, error,
                               "SELECT f.pcn_id, f.code, f.name, coalesce(f.locality_id, 0), f.locality,"
                               "       f.clinical_director, coalesce(f.cd_wte, -1), f.manager,"
                               "       coalesce(f.manager_wte, -1), coalesce(f.established, ''), f.notes,"
                               "       coalesce(m.n, 0), coalesce(m.population, 0), coalesce(a.archived_from, 0)"
                               "  FROM (" YEAR_PCNS ("?1") ") f"
                               "  LEFT JOIN (SELECT pcn_id, count(*) AS n, sum(list_size) AS population"
                               "               FROM (" YEAR_PRACTICES ("?1") ") y GROUP BY pcn_id) m"
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
  if (stmt == NULL || db_step (stmt) != DB_ROW)
    {
      if (stmt != NULL)
        db_error (self, error, db_reset (stmt));
      return NULL;
    }
  *out_as_at = g_strdup (db_text (stmt, 0));
  db_reset (stmt);
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
                               "  FROM (" YEAR_PRACTICES_WHERE ("?2", "(?1 = 0 OR pcn_id = ?1)") ") y"
                               " ORDER BY name, code",
                               "ii", pcn_id, (gint64) year),
                  (gpointer) practice_from_row, PW_TYPE_PRACTICE, error);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

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
    *out_id = db_last_id (self);
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
                  "UPDATE locality SET name = trim(?2), version = version + 1 WHERE id = ?1 AND name IS NOT trim(?2)",
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
    *out_id = db_last_id (self);
  return TRUE;
}

static const struct
{
  const char *column;
  const char *label;
} pcn_columns[PW_PCN_N_FIELDS] = {
  [PW_PCN_LOCALITY_ID] = { "locality_id", N_("Locality") },
  [PW_PCN_CD_WTE] = { "cd_wte", N_("Clinical director WTE") },
  [PW_PCN_MANAGER_WTE] = { "manager_wte", N_("Manager WTE") },
  [PW_PCN_CODE] = { "code", N_("PCN code") },
  [PW_PCN_NAME] = { "name", N_("PCN name") },
  [PW_PCN_CLINICAL_DIRECTOR] = { "clinical_director", N_("Clinical director") },
  [PW_PCN_MANAGER] = { "manager", N_("PCN manager") },
  [PW_PCN_ESTABLISHED] = { "established", N_("Date established") },
  [PW_PCN_NOTES] = { "notes", N_("Notes") },
};

/* The SQL for each editable field, built once: "col IS NOT ?2" keeps an
 * unchanged value from counting as a change. */
static const char *
pcn_update_sql (PwPcnField field)
{
  g_autofree char *sql = NULL;

  if (pcn_columns[field].column == NULL)
    return NULL;
  sql = g_strdup_printf ("UPDATE pcn SET %s = ?2, version = version + 1 WHERE id = ?1 AND %s IS NOT ?2",
                         pcn_columns[field].column, pcn_columns[field].column);
  return g_intern_string (sql);
}

/* Writes one field of a PCN, refused if someone else changed it since the
 * edit's base (see pw-store-versions.c); @shown is the value as read. */
static gboolean
write_pcn_field (PwStore     *self,
                 gint64       id,
                 PwPcnField   field,
                 const char  *shown,
                 const char  *types,
                 gint64       number,
                 const char  *text,
                 GError     **error)
{
  PwFieldWrite w;
  gboolean ok;

  field_write_init (&w, "pcn", pcn_columns[field].column, _(pcn_columns[field].label), 0,
                    "%" G_GINT64_FORMAT, id);
  if (!field_begin (self, &w, shown, error))
    return FALSE;
  ok = text != NULL ? write_one (self, error, "pcn", id, pcn_update_sql (field), types, id, text)
                    : write_one (self, error, "pcn", id, pcn_update_sql (field), types, id, number);
  return field_finish (self, ok, &w, shown, error);
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
  if (!write_pcn_field (self, id, field, canonical, field == PW_PCN_ESTABLISHED ? "ie" : "it", 0, canonical,
                        &local))
    {
      g_autofree char *what = g_strdup_printf (_("The PCN code %s"), canonical);
      return explain_exists (error, local, what);
    }
  return TRUE;
}

static gboolean
match_locality_id (gpointer row, gconstpointer key)
{
  return pw_locality_get_id (row) == *(const gint64 *) key;
}

static char *
locality_name (PwStore *self,
               gint64   id)
{
  PwLocality *locality = find_in_model (self->localities, match_locality_id, &id);

  return g_strdup (locality != NULL ? pw_locality_get_name (locality) : "");
}

/* WTEs take -1 for "not given"; the locality takes 0 for none. */
gboolean
pw_store_set_pcn_number (PwStore     *self,
                         gint64       id,
                         PwPcnField   field,
                         gint64       value,
                         GError     **error)
{
  g_autofree char *shown = NULL;

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
  shown = field == PW_PCN_LOCALITY_ID ? locality_name (self, value)
          : value < 0 ? g_strdup ("") : pw_format_wte (value);
  return write_pcn_field (self, id, field, shown, "in", value, NULL, error);
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
    *out_id = db_last_id (self);
  return TRUE;
}

static gint64
practice_pcn (PwStore *self,
              gint64   id)
{
  PwDbStmt *stmt = query (self, NULL, "SELECT coalesce(pcn_id, 0) FROM practice WHERE id = ?1", "i", id);
  gint64 pcn_id = 0;

  if (stmt != NULL && db_step (stmt) == DB_ROW)
    pcn_id = db_int64 (stmt, 0);
  if (stmt != NULL)
    db_reset (stmt);
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
                  "UPDATE practice SET code = ?2, name = trim(?3), list_size = ?4, version = version + 1"
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
                    "UPDATE practice SET pcn_id = ?2, version = version + 1 WHERE id = ?1 AND pcn_id IS NOT ?2",
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
/* The years a PCN is open                                             */

char *
pcn_label (PwPcn *pcn)
{
  return g_strdup_printf ("%s %s", pw_pcn_get_text (pcn, PW_PCN_CODE), pw_pcn_get_text (pcn, PW_PCN_NAME));
}

/* Returns and funding are entered only for the years a PCN is open, so
 * that nothing is held for a year whose lists leave the PCN out. */
gboolean
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

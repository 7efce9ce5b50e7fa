/* pw-store-plans.c — SWOT, achievements and the plan
 *
 * A return's SWOT and achievements lists, its DES specifications, its
 * projects and funding proposals, and copying them from last year's return.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-store-private.h"

/* ------------------------------------------------------------------ */
/* SWOT and achievements                                               */

static PwItem *
item_from_row (PwDbStmt *stmt)
{
  PwItemList list = 0;

  pw_list_from_key (db_text (stmt, 2), &list);
  return g_object_new (PW_TYPE_ITEM,
                       "id", db_int64 (stmt, 0),
                       "return-id", db_int64 (stmt, 1),
                       "list", (gint64) list,
                       "position", db_int64 (stmt, 3),
                       "text", db_text (stmt, 4),
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
  PwDbStmt *stmt = query (self, NULL, "SELECT count(*) FROM return_item WHERE return_id = ?1 AND list = ?2",
                              "it", return_id, pw_list_key (list));
  gint64 n = 0;

  if (stmt != NULL && db_step (stmt) == DB_ROW)
    n = db_int64 (stmt, 0);
  if (stmt != NULL)
    db_reset (stmt);
  return n;
}

static gboolean
item_text_ok (const char  *text,
              GError     **error)
{
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    return TRUE;
  return invalid (error, _("The text is not valid UTF-8"));
}

/* An empty item says nothing and prints as a blank bullet: remove it. */
static gboolean
item_has_text (const char  *text,
               GError     **error)
{
  const char *p = text;

  if (!item_text_ok (text, error))
    return FALSE;
  while (g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (*p != '\0')
    return TRUE;
  return invalid (error, _("An item needs some text; remove it instead of emptying it"));
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

  if (!item_has_text (text, error) || !check_open (self, return_id, error) || !pw_store_begin (self, error))
    return FALSE;
  n = count_items (self, return_id, list);
  if (position < 0 || position > n)
    position = n;
  ok = run (self, error, "UPDATE return_item SET position = position + 1, version = version + 1"
                         " WHERE return_id = ?1 AND list = ?2 AND position >= ?3",
            "iti", return_id, pw_list_key (list), (gint64) position) &&
       run (self, error, "INSERT INTO return_item (return_id, list, position, text) VALUES (?1, ?2, ?3, ?4)",
            "itit", return_id, pw_list_key (list), (gint64) position, text);
  if (ok && out_id != NULL)
    *out_id = db_last_id (self);
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
  PwFieldWrite w;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!item_has_text (text, error) || (item = get_item (self, item_id, error)) == NULL)
    return FALSE;
  return_id = pw_row_get_int (PW_ROW (item), PW_ITEM_RETURN_ID);
  if (g_strcmp0 (pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), text) == 0)
    return TRUE;
  field_write_init (&w, "return_item", "text", _(pw_list_name (pw_row_get_int (PW_ROW (item), PW_ITEM_LIST))),
                    return_id, "%" G_GINT64_FORMAT, item_id);
  if (!part_begin (self, &w, text, error))
    return FALSE;
  what = g_strdup_printf ("%s: edited", pw_list_name (pw_row_get_int (PW_ROW (item), PW_ITEM_LIST)));
  ok = finish_write (self, run (self, error, "UPDATE return_item SET text = ?2, version = version + 1 WHERE id = ?1",
                                "it", item_id, text),
                     return_id, "item", what, pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), text, TRUE, error);
  return field_finish (self, ok, &w, text, error);
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
                         "  ELSE position END, version = version + 1"
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
       run (self, error, "UPDATE return_item SET position = position - 1, version = version + 1"
                         " WHERE return_id = ?1 AND list = ?2 AND position > ?3",
            "iti", return_id, pw_list_key (pw_row_get_int (PW_ROW (item), PW_ITEM_LIST)),
            pw_row_get_int (PW_ROW (item), PW_ITEM_POSITION));
  what = g_strdup_printf ("%s: removed", pw_list_name (pw_row_get_int (PW_ROW (item), PW_ITEM_LIST)));
  return finish_write (self, ok, return_id, "item", what, pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), "",
                       FALSE, error);
}

/* ------------------------------------------------------------------ */
/* The DES specifications                                              */

/* The return's stored plans, each with its specification's index. */
static GListModel *
stored_des (PwStore  *self,
            gint64    return_id,
            GError  **error)
{
  PwDbStmt *stmt = query (self, error, "SELECT return_id, spec, status, note FROM des_plan WHERE return_id = ?1",
                          "i", return_id);
  g_autoptr(GListStore) list = g_list_store_new (PW_TYPE_DES_PLAN);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      g_autoptr(PwDesPlan) plan = NULL;
      guint spec;

      /* A key no item has (a file edited by hand) is not shown. */
      if (!pw_store_contract_index (self, PW_CONTRACT_DES, db_text (stmt, 1), &spec))
        continue;
      plan = g_object_new (PW_TYPE_DES_PLAN, "return-id", db_int64 (stmt, 0), "spec", (gint64) spec,
                           "status", db_int64 (stmt, 2), "note", db_text (stmt, 3), "planned", (gint64) 1, NULL);
      g_list_store_append (list, plan);
    }
  db_reset (stmt);
  if (rc != DB_DONE)
    return (db_error (self, error, rc), NULL);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static GObject *
unplanned_spec (guint    spec,
                gpointer return_id)
{
  return g_object_new (PW_TYPE_DES_PLAN, "return-id", *(gint64 *) return_id, "spec", (gint64) spec, NULL);
}

/* Returns: (transfer full): every specification the workbook knows
 * (pw_store_contract_count), in order; one not yet planned is "not
 * started" with no note and "planned" 0 */
GListModel *
pw_store_list_des (PwStore  *self,
                   gint64    return_id,
                   GError  **error)
{
  g_autoptr(GListModel) stored = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  stored = stored_des (self, return_id, error);
  return stored ? complete_by_key (stored, PW_DES_PLAN_SPEC, pw_store_contract_count (self, PW_CONTRACT_DES),
                                   unplanned_spec, &return_id) : NULL;
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
  PwFieldWrite w;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  /* Checked against the workbook's specifications (contract_item). */
  if (pw_store_contract_key (self, PW_CONTRACT_DES, spec) == NULL || status >= PW_N_DES_STATUSES)
    return invalid (error, _("There is no such specification or status"));
  if (!item_text_ok (note, error))
    return FALSE;
  if (!check_open (self, return_id, error) || (all = pw_store_list_des (self, return_id, error)) == NULL)
    return FALSE;
  before = g_list_model_get_item (all, spec);
  if (pw_row_get_int (PW_ROW (before), PW_DES_PLAN_STATUS) == status &&
      g_strcmp0 (pw_row_get_string (PW_ROW (before), PW_DES_PLAN_NOTE), note) == 0)
    return TRUE;
  what = g_strdup_printf ("DES: %s", pw_store_contract_name (self, PW_CONTRACT_DES, spec));
  old_value = g_strdup_printf ("%s. %s", pw_des_status_name (pw_row_get_int (PW_ROW (before), PW_DES_PLAN_STATUS)),
                               pw_row_get_string (PW_ROW (before), PW_DES_PLAN_NOTE));
  new_value = g_strdup_printf ("%s. %s", pw_des_status_name (status), note);
  g_strstrip (new_value);
  /* status and note are saved together, so they are one field here */
  field_write_init (&w, "des_plan", "plan", what, return_id, "%" G_GINT64_FORMAT "/%s", return_id,
                    pw_store_contract_key (self, PW_CONTRACT_DES, spec));
  if (!part_begin (self, &w, new_value, error))
    return FALSE;
  ok = run (self, error, "INSERT INTO des_plan (return_id, spec, status, note) VALUES (?1, ?2, ?3, ?4)"
                         " ON CONFLICT (return_id, spec) DO UPDATE SET status = ?3, note = ?4,"
                         " version = des_plan.version + 1",
            "itit", return_id, pw_store_contract_key (self, PW_CONTRACT_DES, spec), (gint64) status, note);
  ok = finish_write (self, ok, return_id, "des", what, g_strstrip (old_value), new_value, TRUE, error);
  return field_finish (self, ok, &w, new_value, error);
}

/* ------------------------------------------------------------------ */
/* Projects and funding proposals                                      */

static PwPlanEntry *
entry_from_row (PwDbStmt *stmt)
{
  return g_object_new (PW_TYPE_PLAN_ENTRY,
                       "id", db_int64 (stmt, 0),
                       "return-id", db_int64 (stmt, 1),
                       "kind", db_int64 (stmt, 2),
                       "position", db_int64 (stmt, 3),
                       "status", db_int64 (stmt, 4),
                       "amount", db_int64 (stmt, 5),
                       "title", db_text (stmt, 6),
                       "detail", db_text (stmt, 7),
                       "lead", db_text (stmt, 8),
                       "due", db_text (stmt, 9),
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
  ok = run (self, error, "UPDATE plan_entry SET position = position + 1, version = version + 1"
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
    *out_id = db_last_id (self);
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
  PwFieldWrite w;
  gboolean ok;

  if (column == NULL)
    return invalid (error, _("There is no such field"));
  what = g_strdup_printf ("UPDATE plan_entry SET %s = ?2, version = version + 1 WHERE id = ?1", column);
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
  what = g_strdup_printf ("%s %" G_GINT64_FORMAT ": %s", entry_label (pw_row_get_int (PW_ROW (entry), PW_PLAN_ENTRY_KIND)),
                          pw_row_get_int (PW_ROW (entry), PW_PLAN_ENTRY_POSITION) + 1, column);
  field_write_init (&w, "plan_entry", column, what, return_id, "%" G_GINT64_FORMAT, entry_id);
  if (!part_begin (self, &w, new_value, error))
    return FALSE;
  ok = finish_write (self, numeric ? run (self, error, sql, "ii", entry_id, number)
                                   : run (self, error, sql, "it", entry_id, text),
                     return_id, "entry", what, old_value, new_value, TRUE, error);
  return field_finish (self, ok, &w, new_value, error);
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
       run (self, error, "UPDATE plan_entry SET position = position - 1, version = version + 1"
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
  copied += ok ? db_changes (self) : 0;
  ok = ok && run (self, error, "INSERT OR IGNORE INTO des_plan (return_id, spec, status, note)"
                               " SELECT ?1, spec, status, note FROM des_plan WHERE return_id = ?2", "ii", now, then);
  copied += ok ? db_changes (self) : 0;
  ok = ok && run (self, error, "INSERT INTO plan_entry (return_id, kind, position, status, amount, title, detail, lead, due)"
                               " SELECT ?1, o.kind, o.position, o.status, o.amount, o.title, o.detail, o.lead, o.due"
                               "   FROM plan_entry o WHERE o.return_id = ?2"
                               "    AND NOT EXISTS (SELECT 1 FROM plan_entry n WHERE n.return_id = ?1 AND n.kind = o.kind)",
                  "ii", now, then);
  copied += ok ? db_changes (self) : 0;
  if (out_copied != NULL)
    *out_copied = copied;
  return finish_write (self, ok, now, "return", "Copied from last year", last_fy, "", FALSE, error);
}

/* pw-store-models.c — rows made into objects
 *
 * The snapshot lists that reads hand back (collect, only_row,
 * complete_by_key), and the live models of localities and PCNs that
 * widgets bind to, brought in line with the database after every write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-store-private.h"
#include "pw-util.h"

/* ------------------------------------------------------------------ */
/* Live models                                                         */

static PwLocality *
locality_from_row (PwDbStmt *stmt)
{
  return pw_locality_new (db_int64 (stmt, 0), db_text (stmt, 1));
}

PwPcn *
pcn_from_row (PwDbStmt *stmt)
{
  return g_object_new (PW_TYPE_PCN,
                       "id", db_int64 (stmt, 0),
                       "code", db_text (stmt, 1),
                       "name", db_text (stmt, 2),
                       "locality-id", db_int64 (stmt, 3),
                       "locality", db_text (stmt, 4),
                       "clinical-director", db_text (stmt, 5),
                       "cd-wte", db_int64 (stmt, 6),
                       "manager", db_text (stmt, 7),
                       "manager-wte", db_int64 (stmt, 8),
                       "established", db_text (stmt, 9),
                       "notes", db_text (stmt, 10),
                       "practice-count", db_int64 (stmt, 11),
                       "population", db_int64 (stmt, 12),
                       "archived-from", db_int64 (stmt, 13),
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
            PwDbStmt  *stmt,
            gpointer     (*from_row) (PwDbStmt *),
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
  while (stmt != NULL && db_step (stmt) == DB_ROW)
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
    db_reset (stmt);
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

/* Indexes the PCN model by id, so that refreshing one PCN does not walk
 * the whole list (applying N forms then costs N, not N × PCNs). */
static void
index_pcns (PwStore *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pcns));

  if (self->pcn_index == NULL)
    self->pcn_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_remove_all (self->pcn_index);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (self->pcns), i);
      gint64 id = row_id (row);

      g_hash_table_insert (self->pcn_index, g_memdup2 (&id, sizeof id), row);   /* borrowed: the model keeps it */
    }
}

/* Brings one PCN in line: updated in place, appended when new, removed
 * when gone. */
static void
refresh_pcn (PwStore *self,
             gint64   pcn_id)
{
  PwDbStmt *stmt = query (self, NULL, sql_pcns, "i", pcn_id);
  GObject *known = g_hash_table_lookup (self->pcn_index, &pcn_id);
  g_autoptr(GObject) fresh = NULL;
  guint position;

  if (stmt == NULL)
    return;
  if (db_step (stmt) == DB_ROW)
    fresh = G_OBJECT (pcn_from_row (stmt));
  db_reset (stmt);
  if (fresh != NULL && known != NULL)
    pw_object_sync (known, fresh);
  else if (fresh != NULL)
    {
      g_list_store_append (self->pcns, fresh);
      g_hash_table_insert (self->pcn_index, g_memdup2 (&pcn_id, sizeof pcn_id), fresh);
    }
  else if (known != NULL && g_list_store_find (self->pcns, known, &position))
    {
      g_hash_table_remove (self->pcn_index, &pcn_id);
      g_list_store_remove (self->pcns, position);
    }
}

/* Refreshes the cached rows after a write: one PCN when @pcn_id is known,
 * otherwise everything. */
void
refresh (PwStore *self,
         gint64   pcn_id)
{
  if (pcn_id != 0 && self->pcn_index != NULL)
    {
      refresh_pcn (self, pcn_id);
      return;
    }
  forget_contract_items (self);   /* another program may have added one */
  sync_model (self->localities,
              query (self, NULL, "SELECT id, name FROM locality ORDER BY name", NULL),
              (gpointer) locality_from_row, TRUE);
  sync_model (self->pcns, query (self, NULL, sql_pcns, "i", (gint64) 0), (gpointer) pcn_from_row, TRUE);
  index_pcns (self);
}

/* Remembers which cached rows the open transaction's write to @table's row
 * @id touches: a PCN (its practices are announced with the PCN's id), or
 * everything (a locality, or many rows at once).  Returns and their parts
 * are not cached. */
void
note_models (PwStore    *self,
             const char *table,
             gint64      id)
{
  gboolean pcn_row = g_strcmp0 (table, "pcn") == 0 || g_strcmp0 (table, "practice") == 0;

  if (table == NULL || g_strcmp0 (table, "locality") == 0 || (pcn_row && id == 0))
    self->noted_all = TRUE;
  else if (pcn_row && !self->noted_all)
    {
      if (self->noted_pcns == NULL)
        self->noted_pcns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_add (self->noted_pcns, g_memdup2 (&id, sizeof id));
    }
}

/* Refreshes what the committed transaction touched (note_models), and
 * forgets it; with @apply FALSE (a rollback) only forgets. */
void
refresh_noted (PwStore  *self,
               gboolean  apply)
{
  GHashTableIter iter;
  gint64 *id;

  if (apply && self->noted_all)
    refresh (self, 0);
  else if (apply && self->noted_pcns != NULL)
    {
      g_hash_table_iter_init (&iter, self->noted_pcns);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
        refresh (self, *id);
    }
  self->noted_all = FALSE;
  if (self->noted_pcns != NULL)
    g_hash_table_remove_all (self->noted_pcns);
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

gpointer
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

gboolean
match_id (gpointer row, gconstpointer key)
{
  return row_id (row) == *(const gint64 *) key;
}

/* Every row @stmt yields, made into objects; NULL (and @error) on failure. */
GListModel *
collect (PwStore       *self,
         PwDbStmt  *stmt,
         gpointer     (*from_row) (PwDbStmt *),
         GType          type,
         GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (type);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      g_autoptr(GObject) row = from_row (stmt);
      g_list_store_append (list, row);
    }
  db_reset (stmt);
  if (rc != DB_DONE)
    {
      db_error (self, error, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* The one row @found holds, or NULL with @missing as a NOT_FOUND error. */
gpointer
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
GListModel *
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

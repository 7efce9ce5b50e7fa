/* pw-import-items.c — the SWOT and achievements imports: items added to
 * a return's lists, never twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-import-private.h"
#include "pw-plan.h"
#include "pw-parse.h"

/* Both files start pcn_code,year (as the maturity file does, so find_pcn
 * serves all three); the SWOT file adds a quadrant before the text. */
struct _ItemFile
{
  const Column *columns;
  guint n_columns;
  int quadrant;                /* its column, or -1 */
  guint text;
};

const Column swot_columns[] = {
  { "pcn_code", TRUE }, { "year", TRUE }, { "quadrant", TRUE }, { "text", TRUE },
};
const Column achievement_columns[] = {
  { "pcn_code", TRUE }, { "year", TRUE }, { "text", TRUE },
};
const ItemFile swot_file = { swot_columns, G_N_ELEMENTS (swot_columns), 2, 3 };
const ItemFile achievement_file = { achievement_columns, G_N_ELEMENTS (achievement_columns), -1, 2 };

typedef struct
{
  PwCsvRecord *record;         /* borrowed */
  PwPcn *pcn;                  /* borrowed */
  int year;
  PwItemList list;
  char *text;                  /* owned */
} ItemRow;

static void
item_row_free (gpointer data)
{
  ItemRow *row = data;

  g_free (row->text);
  g_free (row);
}

static ItemRow *
parse_item_row (Table         *t,
                const ItemFile *file,
                PwCsvRecord   *record,
                GHashTable    *pcns,
                GError       **error)
{
  g_autoptr(GPtrArray) hold = g_ptr_array_new_with_free_func (item_row_free);
  ItemRow *row = g_new0 (ItemRow, 1);
  const char *quadrant = file->quadrant >= 0 ? field (t, record, file->quadrant) : NULL;
  GError *local = NULL;

  g_ptr_array_add (hold, row);
  row->record = record;
  row->list = PW_LIST_ACHIEVEMENTS;
  if (!check_width (t, record, error) || !find_pcn (t, record, pcns, &row->pcn, error) ||
      !parsed (pw_parse_year (field (t, record, M_YEAR), &row->year, &local), &local, t, record, M_YEAR, error) ||
      (quadrant != NULL &&
       !parsed (pw_quadrant_parse (quadrant, &row->list, &local), &local, t, record, file->quadrant, error)) ||
      !require_text (t, record, file->text, error))
    return NULL;
  row->text = g_strstrip (g_strdup (field (t, record, file->text)));
  return g_ptr_array_steal_index (hold, 0);
}

static GPtrArray *
parse_items (Table          *t,
             const ItemFile *file,
             GHashTable     *pcns,
             GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (item_row_free);

  for (guint i = 1; i < t->records->len; i++)
    {
      ItemRow *row = checkpoint (t, i, error) ? parse_item_row (t, file, g_ptr_array_index (t->records, i), pcns, error)
                                              : NULL;

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

static gboolean
list_has_text (PwStore     *store,
               gint64       return_id,
               PwItemList   list,
               const char  *text,
               GError     **error)
{
  g_autoptr(GListModel) items = pw_store_list_items (store, return_id, list, error);

  for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PwItem) item = g_list_model_get_item (items, i);
      if (g_strcmp0 (pw_row_get_string (PW_ROW (item), PW_ITEM_TEXT), text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Appends the item unless its list already holds the same text, so that
 * importing a file twice adds nothing the second time. */
static gboolean
apply_item_row (gpointer   ctx,
                gpointer   data,
                GError   **error)
{
  RowApply *a = ctx;
  ItemRow *row = data;
  g_autoptr(PwReturn) existing = pw_store_get_return (a->store, pw_pcn_get_id (row->pcn), row->year, NULL);
  GError *local = NULL;
  gint64 return_id = 0;
  gboolean ok;

  a->summary->returns_added += existing == NULL;
  ok = pw_store_ensure_return (a->store, pw_pcn_get_id (row->pcn), row->year, &return_id, &local);
  if (ok && !list_has_text (a->store, return_id, row->list, row->text, &local) && local == NULL)
    {
      ok = pw_store_add_item (a->store, return_id, row->list, -1, row->text, NULL, &local);
      a->summary->items_added += ok;
    }
  if (ok && local == NULL)
    return TRUE;
  return row_failed (a->table, row->record, local, error);
}

/* Adds SWOT items or achievements (@data, an ItemFile), creating draft
 * returns as needed; an item already in its list is not added twice. */
gboolean
run_items (PwStore          *store,
           Table            *table,
           gconstpointer     data,
           PwImportSummary  *summary,
           GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) pcns = index_pcns (store);
  RowApply a = { store, table, summary };

  if ((rows = parse_items (table, data, pcns, error)) == NULL)
    return FALSE;
  a.summary->rows = rows->len;
  return apply_all (table, store, rows, apply_item_row, &a, error);
}

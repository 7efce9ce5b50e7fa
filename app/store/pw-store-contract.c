/* pw-store-contract.c — the contract by year (reference data)
 *
 * Which DES service specifications and funding streams apply in a
 * financial year, and the years of an ARRS role.  Shipped from
 * data/reference/contract.csv by schema migration 8; users may change the
 * years.  Pages, forms and sheets show the items of the year in hand, plus
 * any a return already holds (past returns keep what they held).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-plan.h"
#include "pw-store-private.h"
#include "pw-workforce.h"

/* An item users added: its key ("added_N") and name, interned so that
 * they outlive the cache (callers keep them while the store reads again). */
typedef struct
{
  const char *key;
  const char *name;
} ContractItem;

static const char *const kind_keys[] = { "des", "stream" };

static guint
n_shipped (PwContractKind kind)
{
  return kind == PW_CONTRACT_DES ? PW_N_DES_SPECS : PW_N_STREAMS;
}

void
forget_contract_items (PwStore *self)
{
  for (guint k = 0; k < G_N_ELEMENTS (self->added_items); k++)
    g_clear_pointer (&self->added_items[k], g_array_unref);
}

/* The items users added of @kind, in the order they were added (read once,
 * until forget_contract_items ()). */
static GArray *
added_items (PwStore        *self,
             PwContractKind  kind)
{
  PwDbStmt *stmt;

  if (self->added_items[kind] != NULL)
    return self->added_items[kind];
  self->added_items[kind] = g_array_new (FALSE, FALSE, sizeof (ContractItem));
  stmt = query (self, NULL, "SELECT key, name FROM contract_item WHERE kind = ?1 AND added > 0"
                            " ORDER BY added LIMIT ?2",
                "ti", kind_keys[kind], (gint64) (PW_MAX_CONTRACT_ITEMS - n_shipped (kind)));
  while (stmt != NULL && db_step (stmt) == DB_ROW)
    {
      ContractItem item = { g_intern_string (db_text (stmt, 0)), g_intern_string (db_text (stmt, 1)) };
      g_array_append_val (self->added_items[kind], item);
    }
  if (stmt != NULL)
    db_reset (stmt);
  return self->added_items[kind];
}

/**
 * pw_store_contract_count:
 * How many DES specifications or funding streams the workbook knows: the
 * shipped ones (indices 0 … PW_N_DES_SPECS or PW_N_STREAMS - 1, as the C
 * enums number them), then those its users added.
 */
guint
pw_store_contract_count (PwStore        *self,
                         PwContractKind  kind)
{
  g_return_val_if_fail (PW_IS_STORE (self), 0);
  return n_shipped (kind) + added_items (self, kind)->len;
}

/* The added item at @index (past the shipped ones), or NULL. */
static const ContractItem *
added_at (PwStore        *self,
          PwContractKind  kind,
          guint           index)
{
  GArray *added = added_items (self, kind);

  if (index < n_shipped (kind) || index - n_shipped (kind) >= added->len)
    return NULL;
  return &g_array_index (added, ContractItem, index - n_shipped (kind));
}

/* Returns: (nullable): the key des_plan or funding stores, NULL out of range */
const char *
pw_store_contract_key (PwStore        *self,
                       PwContractKind  kind,
                       guint           index)
{
  const ContractItem *item;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  if (index < n_shipped (kind))
    return kind == PW_CONTRACT_DES ? pw_des_key (index) : pw_stream_key (index);
  item = added_at (self, kind, index);
  return item ? item->key : NULL;
}

/* Returns: (nullable): the name pages, forms and sheets show */
const char *
pw_store_contract_name (PwStore        *self,
                        PwContractKind  kind,
                        guint           index)
{
  const ContractItem *item;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  if (index < n_shipped (kind))
    return kind == PW_CONTRACT_DES ? pw_des_name (index) : pw_stream_name (index);
  item = added_at (self, kind, index);
  return item ? item->name : NULL;
}

/* Whether users added the item (and so may rename it). */
gboolean
pw_store_contract_is_added (PwStore        *self,
                            PwContractKind  kind,
                            guint           index)
{
  return index >= n_shipped (kind) && pw_store_contract_key (self, kind, index) != NULL;
}

static gboolean
find_key (PwStore        *self,
          PwContractKind  kind,
          const char     *key,
          guint          *out_index)
{
  guint n = pw_store_contract_count (self, kind);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (pw_store_contract_key (self, kind, i), key) == 0)
      return (*out_index = i, TRUE);
  return FALSE;
}

/**
 * pw_store_contract_index:
 * The index of the item stored as @key; a key not known is looked for
 * once more after reading the table again (another program may have added
 * it).
 */
gboolean
pw_store_contract_index (PwStore        *self,
                         PwContractKind  kind,
                         const char     *key,
                         guint          *out_index)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (key == NULL || *key == '\0')
    return FALSE;
  if (find_key (self, kind, key, out_index))
    return TRUE;
  if (g_str_has_prefix (key, "added_"))
    {
      forget_contract_items (self);
      return find_key (self, kind, key, out_index);
    }
  return FALSE;
}

static const char *
contract_key (PwStore        *self,
              PwContractKind  kind,
              guint           index,
              const char    **out_kind)
{
  *out_kind = kind_keys[kind];
  return pw_store_contract_key (self, kind, index);
}

/* Whether the item applies in @year; an item missing from the table (a
 * workbook edited by hand) is shown rather than hidden. */
gboolean
pw_store_contract_applies (PwStore        *self,
                           PwContractKind  kind,
                           guint           index,
                           int             year)
{
  int first = 0, last = 0;

  if (!pw_store_contract_years (self, kind, index, &first, &last, NULL, NULL))
    return TRUE;
  return first <= year && (last == 0 || year <= last);
}

/**
 * pw_store_contract_years:
 * @out_last: (out): the last year, 0 if it still applies
 * @out_source: (out) (optional): the document the years come from
 */
gboolean
pw_store_contract_years (PwStore         *self,
                         PwContractKind   kind,
                         guint            index,
                         int             *out_first,
                         int             *out_last,
                         char           **out_source,
                         GError         **error)
{
  const char *kind_key = NULL, *key = contract_key (self, kind, index, &kind_key);
  PwDbStmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (key == NULL)
    return invalid (error, _("No such specification or funding stream"));
  stmt = query (self, error, "SELECT first_year, coalesce(last_year, 0), source FROM contract_item"
                             " WHERE kind = ?1 AND key = ?2", "tt", kind_key, key);
  if (stmt != NULL && db_step (stmt) == DB_ROW)
    {
      found = TRUE;
      *out_first = db_int (stmt, 0);
      *out_last = db_int (stmt, 1);
      if (out_source != NULL)
        *out_source = g_strdup (db_text (stmt, 2));
    }
  if (stmt != NULL)
    db_reset (stmt);
  if (!found && stmt != NULL)
    invalid (error, _("This workbook has no years for that specification or funding stream"));
  return found;
}

static gboolean
years_ok (int       first_year,
          int       last_year,
          GError  **error)
{
  if (first_year < 2000 || first_year > 2098 || last_year < 0 || last_year > 2098)
    return invalid (error, _("A year must be from 2000/01 to 2098/99, such as 2025/26"));
  if (last_year > 0 && last_year < first_year)
    return invalid (error, _("The last year cannot come before the first year"));
  return TRUE;
}

/* Whether anything is held for the item in @year: a plan for the
 * specification (a row is a plan, even "not started") by the return
 * @owner_id, or funding by the PCN @owner_id, or by any of the year's when
 * @owner_id is 0. */
static gboolean
contract_held (PwStore        *self,
               PwContractKind  kind,
               const char     *key,
               int             year,
               gint64          owner_id)
{
  PwDbStmt *stmt;
  gboolean held = FALSE;

  if (kind == PW_CONTRACT_DES)
    stmt = query (self, NULL, "SELECT EXISTS (SELECT 1 FROM des_plan d JOIN pcn_return r ON r.id = d.return_id"
                              " WHERE d.spec = ?1 AND r.year = ?2 AND ?3 IN (0, r.id))",
                  "tii", key, (gint64) year, owner_id);
  else
    stmt = query (self, NULL, "SELECT EXISTS (SELECT 1 FROM funding WHERE stream = ?1 AND year = ?2"
                              " AND ?3 IN (0, pcn_id) AND (amount > 0 OR rate IS NOT NULL))",
                  "tii", key, (gint64) year, owner_id);
  if (stmt != NULL && db_step (stmt) == DB_ROW)
    held = db_int (stmt, 0);
  if (stmt != NULL)
    db_reset (stmt);
  return held;
}

/**
 * pw_store_contract_shown:
 * @owner_id: a return (DES) or PCN (funding), or 0 for all of @year's
 * @out_indices: (out caller-allocates): room for PW_MAX_CONTRACT_ITEMS
 *
 * The items a page, form or sheet of @year shows, in order: those that
 * apply in @year, and any other that @owner_id (or any return of the
 * year) already holds, so that a past return keeps what it held.
 *
 * Returns: how many were written to @out_indices
 */
guint
pw_store_contract_shown (PwStore        *self,
                         PwContractKind  kind,
                         int             year,
                         gint64          owner_id,
                         guint          *out_indices)
{
  guint n = MIN (pw_store_contract_count (self, kind), PW_MAX_CONTRACT_ITEMS), shown = 0;

  g_return_val_if_fail (PW_IS_STORE (self), 0);

  for (guint i = 0; i < n; i++)
    {
      const char *kind_key = NULL, *key = contract_key (self, kind, i, &kind_key);

      if (pw_store_contract_applies (self, kind, i, year) || contract_held (self, kind, key, year, owner_id))
        out_indices[shown++] = i;
    }
  return shown;
}

/* @last_year: 0 while it still applies */
gboolean
pw_store_set_contract_years (PwStore         *self,
                             PwContractKind   kind,
                             guint            index,
                             int              first_year,
                             int              last_year,
                             GError         **error)
{
  const char *kind_key = NULL, *key = contract_key (self, kind, index, &kind_key);

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (key == NULL)
    return invalid (error, _("No such specification or funding stream"));
  if (!years_ok (first_year, last_year, error))
    return FALSE;
  return write_one (self, error, "contract", 0,
                    "INSERT INTO contract_item (kind, key, first_year, last_year) VALUES (?1, ?2, ?3, ?4)"
                    " ON CONFLICT (kind, key) DO UPDATE SET first_year = ?3, last_year = ?4",
                    "ttin", kind_key, key, (gint64) first_year, (gint64) (last_year ? last_year : -1));
}

/* @last_year: 0 while it is still reimbursable */
gboolean
pw_store_set_role_years (PwStore  *self,
                         gint64    role_id,
                         int       first_year,
                         int       last_year,
                         GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!years_ok (first_year, last_year, error))
    return FALSE;
  return write_one (self, error, "role", role_id, "UPDATE arrs_role SET first_year = ?2, last_year = ?3 WHERE id = ?1",
                    "iin", role_id, (gint64) first_year, (gint64) (last_year ? last_year : -1));
}

/* A name for a new or renamed item of @kind: not empty, not too long, and
 * not one another item of @kind already has (case aside); @self_index is
 * the item renamed, or G_MAXUINT. */
static gboolean
item_name_ok (PwStore         *self,
              PwContractKind   kind,
              const char      *name,
              guint            self_index,
              GError         **error)
{
  const char *what = kind == PW_CONTRACT_DES ? _("A DES specification’s name") : _("A funding stream’s name");
  g_autofree char *folded = NULL;
  guint n = pw_store_contract_count (self, kind);

  if (!name_ok (name, what, error))
    return FALSE;
  if (g_utf8_strlen (name, -1) > 120)
    return invalid (error, _("A name can be at most 120 characters"));
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *other = g_utf8_casefold (pw_store_contract_name (self, kind, i), -1);

      if (i != self_index && g_strcmp0 (folded, other) == 0)
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS,
                       kind == PW_CONTRACT_DES ? _("There is already a DES specification called “%s”")
                                               : _("There is already a funding stream called “%s”"),
                       pw_store_contract_name (self, kind, i));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * pw_store_add_contract_item:
 * @last_year: 0 while it still applies
 * @source: (nullable): the document it comes from
 * @out_index: (out) (optional): its index
 *
 * Adds a DES specification or funding stream of the user's own, after the
 * shipped ones.  Pages, forms and sheets of the years it applies to show it.
 */
gboolean
pw_store_add_contract_item (PwStore         *self,
                            PwContractKind   kind,
                            const char      *name,
                            int              first_year,
                            int              last_year,
                            const char      *source,
                            guint           *out_index,
                            GError         **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *key = NULL;
  PwDbStmt *stmt;
  gint64 next = 0;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!item_name_ok (self, kind, trimmed, G_MAXUINT, error) || !years_ok (first_year, last_year, error))
    return FALSE;
  if (source != NULL && g_utf8_strlen (source, -1) > 1000)
    return invalid (error, _("A source can be at most 1,000 characters"));
  if (pw_store_contract_count (self, kind) >= PW_MAX_CONTRACT_ITEMS)
    return invalid (error, kind == PW_CONTRACT_DES ? _("This workbook cannot hold more DES specifications")
                                                   : _("This workbook cannot hold more funding streams"));
  stmt = query (self, error, "SELECT coalesce(max(added), 0) + 1 FROM contract_item WHERE kind = ?1", "t",
                kind_keys[kind]);
  if (stmt == NULL)
    return FALSE;
  if (db_step (stmt) == DB_ROW)
    next = db_int64 (stmt, 0);
  db_reset (stmt);
  key = g_strdup_printf ("added_%" G_GINT64_FORMAT, next);
  forget_contract_items (self);
  if (!write_one (self, error, "contract", 0,
                  "INSERT INTO contract_item (kind, key, first_year, last_year, source, name, added)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                  "ttinttn", kind_keys[kind], key, (gint64) first_year, (gint64) (last_year ? last_year : -1),
                  source ? source : "", trimmed, next))
    return FALSE;
  if (out_index != NULL)
    *out_index = pw_store_contract_count (self, kind) - 1;
  return TRUE;
}

/* Renames an item users added; the shipped ones keep NHS England's names. */
gboolean
pw_store_rename_contract_item (PwStore         *self,
                               PwContractKind   kind,
                               guint            index,
                               const char      *name,
                               GError         **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  const char *key = pw_store_contract_key (self, kind, index);

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  if (!pw_store_contract_is_added (self, kind, index))
    return invalid (error, key ? _("Only a specification or stream added in this workbook can be renamed")
                               : _("No such specification or funding stream"));
  if (!item_name_ok (self, kind, trimmed, index, error))
    return FALSE;
  forget_contract_items (self);
  return write_one (self, error, "contract", 0, "UPDATE contract_item SET name = ?3 WHERE kind = ?1 AND key = ?2",
                    "ttt", kind_keys[kind], key, trimmed);
}

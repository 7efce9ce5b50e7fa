/* pw-cli-reference.c — pcn-workbook-cli's commands for reference data: the
 * ARRS roles (their years, rates, additions and retirements) and the
 * contract by year (DES specifications and funding streams, shipped and
 * added).  The rest of the tool is in pw-cli.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-cli-private.h"
#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-workforce.h"

gboolean
cmd_roles_list (GError **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autoptr(GListModel) roles = store ? pw_store_list_roles (store, TRUE, error) : NULL;

  for (guint i = 0; roles && i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(PwArrsRole) r = g_list_model_get_item (roles, i);
      gint64 first = pw_row_get_int (PW_ROW (r), PW_ARRS_ROLE_FIRST_YEAR);
      g_autofree char *fy = first ? pw_format_year (first) : g_strdup ("");

      g_print ("%s\t%s\t%s\n", pw_row_get_string (PW_ROW (r), PW_ARRS_ROLE_NAME), fy,
               pw_row_get_int (PW_ROW (r), PW_ARRS_ROLE_RETIRED) ? _("retired")
               : pw_row_get_int (PW_ROW (r), PW_ARRS_ROLE_LOCAL) ? _("local") : "");
    }
  return roles != NULL;
}

/* "2024/25" → 2024; "" or NULL → 0 (still applies) */
static gboolean
parse_years (const char  *first_text,
             const char  *last_text,
             int         *first,
             int         *last,
             GError     **error)
{
  *last = 0;
  return pw_parse_year (first_text, first, error) &&
         (last_text == NULL || *last_text == '\0' || pw_parse_year (last_text, last, error));
}

gboolean
cmd_roles_years (const char  *name,
                 const char  *first_text,
                 const char  *last_text,
                 GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autoptr(PwArrsRole) role = NULL;
  int first, last;

  if (store == NULL || !parse_years (first_text, last_text, &first, &last, error))
    return FALSE;
  if ((role = pw_store_find_role (store, name, error)) == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("There is no role called “%s”"), name);
      return FALSE;
    }
  return pw_store_set_role_years (store, pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID), first, last, error);
}

/* The DES specifications and funding streams with their years and sources. */
gboolean
cmd_contract_list (GError **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);

  for (PwContractKind kind = PW_CONTRACT_DES; store && kind <= PW_CONTRACT_STREAM; kind++)
    for (guint i = 0; i < pw_store_contract_count (store, kind); i++)
      {
        g_autofree char *source = NULL, *from = NULL, *to = NULL;
        int first = 0, last = 0;

        if (!pw_store_contract_years (store, kind, i, &first, &last, &source, error))
          return FALSE;
        from = pw_format_year (first);
        to = last ? pw_format_year (last) : g_strdup ("");
        g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", kind == PW_CONTRACT_DES ? "des" : "stream",
                 pw_store_contract_key (store, kind, i), pw_store_contract_name (store, kind, i), from, to, source);
      }
  return store != NULL;
}

/* "des" or "stream" as a kind, else a message saying how to say it. */
static gboolean
contract_kind (const char      *text,
               PwContractKind  *out_kind,
               GError         **error)
{
  if (g_strcmp0 (text, "des") == 0 || g_strcmp0 (text, "stream") == 0)
    return (*out_kind = g_strcmp0 (text, "des") == 0 ? PW_CONTRACT_DES : PW_CONTRACT_STREAM, TRUE);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("“%s” is neither des nor stream"), text);
  return FALSE;
}

/* The item of @kind_text stored as @key (see contract list). */
static gboolean
contract_item (PwStore         *store,
               const char      *kind_text,
               const char      *key,
               PwContractKind  *out_kind,
               guint           *out_index,
               GError         **error)
{
  if (!contract_kind (kind_text, out_kind, error))
    return FALSE;
  if (pw_store_contract_index (store, *out_kind, key, out_index))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
               _("There is no %s with the key “%s”: use a key from contract list"), kind_text, key);
  return FALSE;
}

gboolean
cmd_contract_years (const char  *kind_text,
                    const char  *key,
                    const char  *first_text,
                    const char  *last_text,
                    GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  PwContractKind kind;
  guint index;
  int first, last;

  return store != NULL && parse_years (first_text, last_text, &first, &last, error) &&
         contract_item (store, kind_text, key, &kind, &index, error) &&
         pw_store_set_contract_years (store, kind, index, first, last, error);
}

gboolean
cmd_contract_add (char       **args,
                  int          n_args,
                  GError     **error)
{
  g_autoptr(PwStore) store = NULL;
  PwContractKind kind;
  guint index;
  int first, last;

  if (!contract_kind (args[0], &kind, error) ||
      !parse_years (args[2], n_args > 3 ? args[3] : NULL, &first, &last, error) ||
      (store = open_store (FALSE, error)) == NULL ||
      !pw_store_add_contract_item (store, kind, args[1], first, last, n_args > 4 ? args[4] : NULL, &index, error))
    return FALSE;
  g_print (_("Added “%s” (key %s)\n"), pw_store_contract_name (store, kind, index),
           pw_store_contract_key (store, kind, index));
  return TRUE;
}

gboolean
cmd_contract_rename (const char  *kind_text,
                     const char  *key,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  PwContractKind kind;
  guint index;

  if (store == NULL || !contract_item (store, kind_text, key, &kind, &index, error) ||
      !pw_store_rename_contract_item (store, kind, index, name, error))
    return FALSE;
  g_print (_("Renamed to “%s” (key %s)\n"), pw_store_contract_name (store, kind, index),
           pw_store_contract_key (store, kind, index));
  return TRUE;
}

gboolean
cmd_roles_add (const char  *name,
               const char  *first_year,
               GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  int first = 0;

  if (store == NULL || (first_year && !pw_parse_year (first_year, &first, error)) ||
      !pw_store_add_role (store, name, first, NULL, error))
    return FALSE;
  g_print (_("Added the role “%s”\n"), name);
  return TRUE;
}

gboolean
cmd_roles_retire (const char  *name,
                  GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autoptr(PwArrsRole) role = store ? pw_store_find_role (store, name, error) : NULL;

  if (role == NULL)
    {
      if (store != NULL && (error == NULL || *error == NULL))
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("There is no ARRS role called “%s”"), name);
      return FALSE;
    }
  if (!pw_store_retire_role (store, pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID), TRUE, error))
    return FALSE;
  g_print (_("Retired the role “%s”\n"), pw_row_get_string (PW_ROW (role), PW_ARRS_ROLE_NAME));
  return TRUE;
}

gboolean
cmd_roles_rate (const char  *name,
                const char  *amount,
                const char  *year_text,
                GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autoptr(PwArrsRole) role = store ? pw_store_find_role (store, name, error) : NULL;
  g_autofree char *shown = NULL;
  gint64 pence = 0;
  int year = 0;

  if (store == NULL || (error && *error))
    return FALSE;
  if (role == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("There is no ARRS role called “%s”"), name);
      return FALSE;
    }
  if (year_text == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("roles rate needs --year, such as 2021/22"));
      return FALSE;
    }
  if (!pw_parse_year (year_text, &year, error) || !pw_parse_money (amount, &pence, error) ||
      !pw_store_set_role_rate (store, pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID), year, pence, error))
    return FALSE;
  shown = pw_format_money (pence);
  g_print (_("%s: up to %s per WTE in %s\n"), pw_row_get_string (PW_ROW (role), PW_ARRS_ROLE_NAME), shown, year_text);
  return TRUE;
}

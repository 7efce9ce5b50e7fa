/* pw-cli-private.h — what pcn-workbook-cli's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

/* pw-cli.c: the workbook --database names (or the default one) */
PwStore  *open_store          (gboolean      create,
                               GError      **error);

/* pw-cli-reference.c */
gboolean  cmd_roles_list      (GError      **error);
gboolean  cmd_roles_years     (const char   *name,
                               const char   *first_text,
                               const char   *last_text,
                               GError      **error);
gboolean  cmd_roles_add       (const char   *name,
                               const char   *first_year,
                               GError      **error);
gboolean  cmd_roles_retire    (const char   *name,
                               GError      **error);
gboolean  cmd_roles_rate      (const char   *name,
                               const char   *amount,
                               const char   *year_text,
                               GError      **error);
gboolean  cmd_contract_list   (GError      **error);
gboolean  cmd_contract_years  (const char   *kind_text,
                               const char   *key,
                               const char   *first_text,
                               const char   *last_text,
                               GError      **error);
gboolean  cmd_contract_add    (char        **args,
                               int           n_args,
                               GError      **error);
gboolean  cmd_contract_rename (const char   *kind_text,
                               const char   *key,
                               const char   *name,
                               GError      **error);

G_END_DECLS

/* pw-store-roles.h — roles in a team workbook (app/store/pw-db-pg-roles.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

gboolean    pw_store_setup_roles        (PwStore     *self,
                                         GError     **error);
gboolean    pw_store_grant_role         (PwStore     *self,
                                         const char  *user,
                                         const char  *role,
                                         const char  *locality,
                                         gboolean     give,
                                         GError     **error);
const char *pw_store_get_role           (PwStore     *self);

G_END_DECLS

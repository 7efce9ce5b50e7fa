/* pw-arrs-role.c — an ARRS role of the reference list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-arrs-role.h"

struct _PwArrsRole
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwArrsRole, pw_arrs_role, PW_TYPE_ROW)

static GParamSpec *properties[PW_ARRS_ROLE_N_FIELDS];

static void
pw_arrs_role_class_init (PwArrsRoleClass *klass)
{
  properties[PW_ARRS_ROLE_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_ARRS_ROLE_FIRST_YEAR] = pw_row_int_pspec ("first-year", 0, 9999, 0);
  properties[PW_ARRS_ROLE_RETIRED] = pw_row_int_pspec ("retired", 0, 1, 0);
  properties[PW_ARRS_ROLE_LOCAL] = pw_row_int_pspec ("local", 0, 1, 0);
  properties[PW_ARRS_ROLE_NAME] = pw_row_string_pspec ("name");
  properties[PW_ARRS_ROLE_LAST_YEAR] = pw_row_int_pspec ("last-year", 0, 9999, 0);
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_ARRS_ROLE_N_FIELDS);
}

static void
pw_arrs_role_init (PwArrsRole *self)
{
}

/* pw-arrs-wte.c — a return's WTE in one ARRS role
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-arrs-wte.h"

struct _PwArrsWte
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwArrsWte, pw_arrs_wte, PW_TYPE_ROW)

static GParamSpec *properties[PW_ARRS_WTE_N_FIELDS];

static void
pw_arrs_wte_class_init (PwArrsWteClass *klass)
{
  properties[PW_ARRS_WTE_RETURN_ID] = pw_row_int_pspec ("return-id", 0, G_MAXINT64, 0);
  properties[PW_ARRS_WTE_ROLE_ID] = pw_row_int_pspec ("role-id", 0, G_MAXINT64, 0);
  properties[PW_ARRS_WTE_IN_POST] = pw_row_int_pspec ("in-post", 0, G_MAXINT64, 0);
  properties[PW_ARRS_WTE_HEADCOUNT] = pw_row_int_pspec ("headcount", 0, G_MAXINT32, 0);
  properties[PW_ARRS_WTE_PLANNED] = pw_row_int_pspec ("planned", 0, G_MAXINT64, 0);
  properties[PW_ARRS_WTE_ROLE] = pw_row_string_pspec ("role");
  properties[PW_ARRS_WTE_AS_OF] = pw_row_string_pspec ("as-of");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_ARRS_WTE_N_FIELDS);
}

static void
pw_arrs_wte_init (PwArrsWte *self)
{
}

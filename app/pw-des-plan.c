/* pw-des-plan.c — a return's plan for one DES specification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-des-plan.h"
#include "pw-plan.h"

struct _PwDesPlan
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwDesPlan, pw_des_plan, PW_TYPE_ROW)

static GParamSpec *properties[PW_DES_PLAN_N_FIELDS];

static void
pw_des_plan_class_init (PwDesPlanClass *klass)
{
  properties[PW_DES_PLAN_RETURN_ID] = pw_row_int_pspec ("return-id", 0, G_MAXINT64, 0);
  properties[PW_DES_PLAN_SPEC] = pw_row_int_pspec ("spec", 0, PW_MAX_CONTRACT_ITEMS - 1, 0);
  properties[PW_DES_PLAN_STATUS] = pw_row_int_pspec ("status", 0, 3, 0);
  properties[PW_DES_PLAN_NOTE] = pw_row_string_pspec ("note");
  properties[PW_DES_PLAN_PLANNED] = pw_row_int_pspec ("planned", 0, 1, 0);
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_DES_PLAN_N_FIELDS);
}

static void
pw_des_plan_init (PwDesPlan *self)
{
}

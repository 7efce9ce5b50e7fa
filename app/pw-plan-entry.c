/* pw-plan-entry.c — a project or a funding proposal in a return's plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-plan-entry.h"

struct _PwPlanEntry
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwPlanEntry, pw_plan_entry, PW_TYPE_ROW)

static GParamSpec *properties[PW_PLAN_ENTRY_N_FIELDS];

static void
pw_plan_entry_class_init (PwPlanEntryClass *klass)
{
  properties[PW_PLAN_ENTRY_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_PLAN_ENTRY_RETURN_ID] = pw_row_int_pspec ("return-id", 0, G_MAXINT64, 0);
  properties[PW_PLAN_ENTRY_KIND] = pw_row_int_pspec ("kind", 0, 1, 0);
  properties[PW_PLAN_ENTRY_POSITION] = pw_row_int_pspec ("position", 0, G_MAXINT32, 0);
  properties[PW_PLAN_ENTRY_STATUS] = pw_row_int_pspec ("status", 0, 3, 0);
  properties[PW_PLAN_ENTRY_AMOUNT] = pw_row_int_pspec ("amount", 0, G_MAXINT64, 0);
  properties[PW_PLAN_ENTRY_TITLE] = pw_row_string_pspec ("title");
  properties[PW_PLAN_ENTRY_DETAIL] = pw_row_string_pspec ("detail");
  properties[PW_PLAN_ENTRY_LEAD] = pw_row_string_pspec ("lead");
  properties[PW_PLAN_ENTRY_DUE] = pw_row_string_pspec ("due");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_PLAN_ENTRY_N_FIELDS);
}

static void
pw_plan_entry_init (PwPlanEntry *self)
{
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* A project (title = name, detail = aim, lead, due quarter, status) or a
 * development funding proposal (title = support requested, detail =
 * deliverable, amount in pence) in a return's plan. */
typedef enum
{
  PW_PLAN_ENTRY_ID = 1,
  PW_PLAN_ENTRY_RETURN_ID,
  PW_PLAN_ENTRY_KIND,          /* a PwEntryKind */
  PW_PLAN_ENTRY_POSITION,
  PW_PLAN_ENTRY_STATUS,        /* projects: a PwProjectStatus */
  PW_PLAN_ENTRY_AMOUNT,        /* proposals: pence */
  PW_PLAN_ENTRY_TITLE,
  PW_PLAN_ENTRY_DETAIL,
  PW_PLAN_ENTRY_LEAD,
  PW_PLAN_ENTRY_DUE,           /* projects: a quarter, such as "Q3 2022/23" */
  PW_PLAN_ENTRY_N_FIELDS
} PwPlanEntryField;

#define PW_TYPE_PLAN_ENTRY (pw_plan_entry_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanEntry, pw_plan_entry, PW, PLAN_ENTRY, PwRow)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* How a return plans to deliver one DES service specification. */
typedef enum
{
  PW_DES_PLAN_RETURN_ID = 1,
  PW_DES_PLAN_SPEC,            /* an index of pw_store_contract_key (PW_CONTRACT_DES) */
  PW_DES_PLAN_STATUS,          /* a PwDesStatus */
  PW_DES_PLAN_NOTE,
  PW_DES_PLAN_PLANNED,          /* 1 if the return holds an entry, 0 for a spec nobody planned */
  PW_DES_PLAN_N_FIELDS
} PwDesPlanField;

#define PW_TYPE_DES_PLAN (pw_des_plan_get_type ())
G_DECLARE_FINAL_TYPE (PwDesPlan, pw_des_plan, PW, DES_PLAN, PwRow)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* A role of the Additional Roles Reimbursement Scheme (reference data). */
typedef enum
{
  PW_ARRS_ROLE_ID = 1,
  PW_ARRS_ROLE_FIRST_YEAR,     /* first financial year reimbursable, 0 if not known */
  PW_ARRS_ROLE_RETIRED,        /* 1: kept for old returns, not offered for new ones */
  PW_ARRS_ROLE_LOCAL,          /* 1: a local name added by users */
  PW_ARRS_ROLE_NAME,
  PW_ARRS_ROLE_LAST_YEAR,      /* last financial year reimbursable, 0 if it still is */
  PW_ARRS_ROLE_N_FIELDS
} PwArrsRoleField;

#define PW_TYPE_ARRS_ROLE (pw_arrs_role_get_type ())
G_DECLARE_FINAL_TYPE (PwArrsRole, pw_arrs_role, PW, ARRS_ROLE, PwRow)

G_END_DECLS

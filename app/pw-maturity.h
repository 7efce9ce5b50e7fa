/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* One domain of a return's maturity self-assessment. */
typedef enum
{
  PW_MATURITY_RETURN_ID = 1,
  PW_MATURITY_DOMAIN,          /* 0 … PW_N_DOMAINS - 1, national order */
  PW_MATURITY_LEVEL,           /* half-steps, or PW_LEVEL_NONE */
  PW_MATURITY_EVIDENCE,
  PW_MATURITY_SUPPORT,
  PW_MATURITY_N_FIELDS
} PwMaturityField;

#define PW_TYPE_MATURITY (pw_maturity_get_type ())
G_DECLARE_FINAL_TYPE (PwMaturity, pw_maturity, PW, MATURITY, PwRow)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* One funding stream of a PCN for a year, in pence.  With a rate (in
 * hundredths of a penny per registered patient) the amount is worked out
 * from the PCN's list sizes as they are now. */
typedef enum
{
  PW_FUNDING_PCN_ID = 1,
  PW_FUNDING_YEAR,
  PW_FUNDING_STREAM,           /* an index of pw_store_contract_key (PW_CONTRACT_STREAM) */
  PW_FUNDING_AMOUNT,           /* pence */
  PW_FUNDING_RATE,             /* hundredths of a penny per patient, -1 if entered as an amount */
  PW_FUNDING_RECORDED,         /* 1 if an amount or a rate was entered; 0 (and £0) if none ever was */
  PW_FUNDING_N_FIELDS
} PwFundingField;

#define PW_TYPE_FUNDING (pw_funding_get_type ())
G_DECLARE_FINAL_TYPE (PwFunding, pw_funding, PW, FUNDING, PwRow)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* A PCN's return for one financial year.  Read the fields with
 * pw_row_get_int / pw_row_get_string and these ids. */
typedef enum
{
  PW_RETURN_ID = 1,
  PW_RETURN_PCN_ID,
  PW_RETURN_YEAR,
  PW_RETURN_STATUS,            /* a PwReturnStatus */
  PW_RETURN_SUBMITTED_AT,      /* ISO date and time, or "" */
  PW_RETURN_REVIEWED_AT,
  PW_RETURN_REVIEWER,
  PW_RETURN_REVIEW_NOTE,
  PW_RETURN_N_FIELDS
} PwReturnField;

typedef enum
{
  PW_STATUS_DRAFT,
  PW_STATUS_SUBMITTED,
  PW_STATUS_REVIEWED,
} PwReturnStatus;

const char *pw_return_status_name (PwReturnStatus status);


#define PW_TYPE_RETURN (pw_return_get_type ())
G_DECLARE_FINAL_TYPE (PwReturn, pw_return, PW, RETURN, PwRow)

G_END_DECLS

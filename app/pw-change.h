/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* One entry of the change log: who changed what, when, from and to. */
typedef enum
{
  PW_CHANGE_ID = 1,
  PW_CHANGE_RETURN_ID,
  PW_CHANGE_AT,                /* ISO date and time */
  PW_CHANGE_USER,
  PW_CHANGE_WHAT,
  PW_CHANGE_OLD,
  PW_CHANGE_NEW,
  PW_CHANGE_N_FIELDS
} PwChangeField;

#define PW_TYPE_CHANGE (pw_change_get_type ())
G_DECLARE_FINAL_TYPE (PwChange, pw_change, PW, CHANGE, PwRow)

G_END_DECLS

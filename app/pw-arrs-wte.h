/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* A return's workforce in one ARRS role. WTEs are in hundredths. */
typedef enum
{
  PW_ARRS_WTE_RETURN_ID = 1,
  PW_ARRS_WTE_ROLE_ID,
  PW_ARRS_WTE_IN_POST,
  PW_ARRS_WTE_HEADCOUNT,
  PW_ARRS_WTE_PLANNED,         /* WTE planned by the year's end */
  PW_ARRS_WTE_ROLE,            /* the role's name */
  PW_ARRS_WTE_AS_OF,           /* ISO date the figures were taken, or "" */
  PW_ARRS_WTE_N_FIELDS
} PwArrsWteField;

#define PW_TYPE_ARRS_WTE (pw_arrs_wte_get_type ())
G_DECLARE_FINAL_TYPE (PwArrsWte, pw_arrs_wte, PW, ARRS_WTE, PwRow)

G_END_DECLS

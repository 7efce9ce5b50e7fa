/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The lists a return holds: the four SWOT quadrants and key achievements. */
typedef enum
{
  PW_LIST_STRENGTHS,
  PW_LIST_WEAKNESSES,
  PW_LIST_OPPORTUNITIES,
  PW_LIST_THREATS,
  PW_LIST_ACHIEVEMENTS,
  PW_N_LISTS
} PwItemList;

/* The Network Contract DES service specifications of every year: the seven
 * of 2020/21–2023/24, then the one with PCN functions.  Which apply in a
 * year is reference data in the store (pw_store_contract_applies). */
#define PW_N_DES_SPECS 8

/* At most this many DES specifications, and as many funding streams, in a
 * workbook: the shipped ones and those its users add after them. */
#define PW_MAX_CONTRACT_ITEMS 64

typedef enum
{
  PW_DES_NOT_STARTED,
  PW_DES_PLANNING,
  PW_DES_DELIVERING,
  PW_DES_FULLY_DELIVERED,
  PW_N_DES_STATUSES
} PwDesStatus;

/* Plan entries: the PCN's own projects, and its development funding proposals. */
typedef enum
{
  PW_ENTRY_PROJECT,
  PW_ENTRY_PROPOSAL,
} PwEntryKind;

typedef enum
{
  PW_PROJECT_NOT_STARTED,
  PW_PROJECT_ON_TRACK,
  PW_PROJECT_AT_RISK,
  PW_PROJECT_COMPLETE,
  PW_N_PROJECT_STATUSES
} PwProjectStatus;

const char *pw_list_key            (PwItemList    list);
const char *pw_list_name           (PwItemList    list);
gboolean    pw_list_from_key       (const char   *key,
                                    PwItemList   *out_list);
gboolean    pw_quadrant_parse      (const char   *text,
                                    PwItemList   *out_list,
                                    GError      **error);
const char *pw_des_key             (guint         spec);
const char *pw_des_name            (guint         spec);
gboolean    pw_des_from_key        (const char   *key,
                                    guint        *out_spec);
const char *pw_des_status_name     (PwDesStatus   status);
const char *pw_project_status_name (PwProjectStatus status);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

typedef enum
{
  PW_PRACTICE_ID = 1,
  PW_PRACTICE_PCN_ID,          /* 0 for a practice outside any PCN */
  PW_PRACTICE_LIST_SIZE,
  PW_PRACTICE_CODE,
  PW_PRACTICE_NAME,
  PW_PRACTICE_N_FIELDS
} PwPracticeField;

#define PW_TYPE_PRACTICE (pw_practice_get_type ())
G_DECLARE_FINAL_TYPE (PwPractice, pw_practice, PW, PRACTICE, PwRow)

gint64      pw_practice_get_id        (PwPractice *self);
gint64      pw_practice_get_pcn_id    (PwPractice *self);
gint64      pw_practice_get_list_size (PwPractice *self);
const char *pw_practice_get_code      (PwPractice *self);
const char *pw_practice_get_name      (PwPractice *self);

G_END_DECLS

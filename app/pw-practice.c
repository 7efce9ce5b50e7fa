/* pw-practice.c — a GP practice and its registered list size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-practice.h"

struct _PwPractice
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwPractice, pw_practice, PW_TYPE_ROW)

static GParamSpec *properties[PW_PRACTICE_N_FIELDS];

static void
pw_practice_class_init (PwPracticeClass *klass)
{
  properties[PW_PRACTICE_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_PRACTICE_PCN_ID] = pw_row_int_pspec ("pcn-id", 0, G_MAXINT64, 0);
  properties[PW_PRACTICE_LIST_SIZE] = pw_row_int_pspec ("list-size", 0, G_MAXINT64, 0);
  properties[PW_PRACTICE_CODE] = pw_row_string_pspec ("code");
  properties[PW_PRACTICE_NAME] = pw_row_string_pspec ("name");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_PRACTICE_N_FIELDS);
}

static void
pw_practice_init (PwPractice *self)
{
}

gint64
pw_practice_get_id (PwPractice *self)
{
  return pw_row_get_int (PW_ROW (self), PW_PRACTICE_ID);
}

gint64
pw_practice_get_pcn_id (PwPractice *self)
{
  return pw_row_get_int (PW_ROW (self), PW_PRACTICE_PCN_ID);
}

gint64
pw_practice_get_list_size (PwPractice *self)
{
  return pw_row_get_int (PW_ROW (self), PW_PRACTICE_LIST_SIZE);
}

const char *
pw_practice_get_code (PwPractice *self)
{
  return pw_row_get_string (PW_ROW (self), PW_PRACTICE_CODE);
}

const char *
pw_practice_get_name (PwPractice *self)
{
  return pw_row_get_string (PW_ROW (self), PW_PRACTICE_NAME);
}

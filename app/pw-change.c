/* pw-change.c — one entry of the change log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-change.h"

struct _PwChange
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwChange, pw_change, PW_TYPE_ROW)

static GParamSpec *properties[PW_CHANGE_N_FIELDS];

static void
pw_change_class_init (PwChangeClass *klass)
{
  properties[PW_CHANGE_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_CHANGE_RETURN_ID] = pw_row_int_pspec ("return-id", 0, G_MAXINT64, 0);
  properties[PW_CHANGE_AT] = pw_row_string_pspec ("at");
  properties[PW_CHANGE_USER] = pw_row_string_pspec ("user");
  properties[PW_CHANGE_WHAT] = pw_row_string_pspec ("what");
  properties[PW_CHANGE_OLD] = pw_row_string_pspec ("old");
  properties[PW_CHANGE_NEW] = pw_row_string_pspec ("new");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_CHANGE_N_FIELDS);
}

static void
pw_change_init (PwChange *self)
{
}

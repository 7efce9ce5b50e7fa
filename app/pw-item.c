/* pw-item.c — one item of a return's SWOT quadrants or achievements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-item.h"

struct _PwItem
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwItem, pw_item, PW_TYPE_ROW)

static GParamSpec *properties[PW_ITEM_N_FIELDS];

static void
pw_item_class_init (PwItemClass *klass)
{
  properties[PW_ITEM_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_ITEM_RETURN_ID] = pw_row_int_pspec ("return-id", 0, G_MAXINT64, 0);
  properties[PW_ITEM_LIST] = pw_row_int_pspec ("list", 0, 4, 0);
  properties[PW_ITEM_POSITION] = pw_row_int_pspec ("position", 0, G_MAXINT32, 0);
  properties[PW_ITEM_TEXT] = pw_row_string_pspec ("text");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_ITEM_N_FIELDS);
}

static void
pw_item_init (PwItem *self)
{
}

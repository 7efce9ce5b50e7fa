/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* One entry of a return's list: a SWOT item or a key achievement. */
typedef enum
{
  PW_ITEM_ID = 1,
  PW_ITEM_RETURN_ID,
  PW_ITEM_LIST,                /* a PwItemList */
  PW_ITEM_POSITION,            /* 0, 1, 2 … within its list */
  PW_ITEM_TEXT,
  PW_ITEM_N_FIELDS
} PwItemField;

#define PW_TYPE_ITEM (pw_item_get_type ())
G_DECLARE_FINAL_TYPE (PwItem, pw_item, PW, ITEM, PwRow)

G_END_DECLS

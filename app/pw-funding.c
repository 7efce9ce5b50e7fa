/* pw-funding.c — a PCN's funding in one stream for a year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-funding.h"
#include "pw-plan.h"
#include "pw-workforce.h"

struct _PwFunding
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwFunding, pw_funding, PW_TYPE_ROW)

static GParamSpec *properties[PW_FUNDING_N_FIELDS];

static void
pw_funding_class_init (PwFundingClass *klass)
{
  properties[PW_FUNDING_PCN_ID] = pw_row_int_pspec ("pcn-id", 0, G_MAXINT64, 0);
  properties[PW_FUNDING_YEAR] = pw_row_int_pspec ("year", 0, 9999, 0);
  properties[PW_FUNDING_STREAM] = pw_row_int_pspec ("stream", 0, PW_MAX_CONTRACT_ITEMS - 1, 0);
  properties[PW_FUNDING_AMOUNT] = pw_row_int_pspec ("amount", 0, G_MAXINT64, 0);
  properties[PW_FUNDING_RATE] = pw_row_int_pspec ("rate", -1, G_MAXINT64, -1);
  properties[PW_FUNDING_RECORDED] = pw_row_int_pspec ("recorded", 0, 1, 0);
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_FUNDING_N_FIELDS);
}

static void
pw_funding_init (PwFunding *self)
{
}

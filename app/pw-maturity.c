/* pw-maturity.c — one domain of a return's maturity self-assessment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-maturity.h"

struct _PwMaturity
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwMaturity, pw_maturity, PW_TYPE_ROW)

static GParamSpec *properties[PW_MATURITY_N_FIELDS];

static void
pw_maturity_class_init (PwMaturityClass *klass)
{
  properties[PW_MATURITY_RETURN_ID] = pw_row_int_pspec ("return-id", 0, G_MAXINT64, 0);
  properties[PW_MATURITY_DOMAIN] = pw_row_int_pspec ("domain", 0, 4, 0);
  properties[PW_MATURITY_LEVEL] = pw_row_int_pspec ("level", -100, 6, -100);
  properties[PW_MATURITY_EVIDENCE] = pw_row_string_pspec ("evidence");
  properties[PW_MATURITY_SUPPORT] = pw_row_string_pspec ("support");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_MATURITY_N_FIELDS);
}

static void
pw_maturity_init (PwMaturity *self)
{
}

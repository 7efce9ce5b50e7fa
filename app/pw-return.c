/* pw-return.c — a PCN's return for a financial year and its review status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-return.h"

struct _PwReturn
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwReturn, pw_return, PW_TYPE_ROW)

static GParamSpec *properties[PW_RETURN_N_FIELDS];

static void
pw_return_class_init (PwReturnClass *klass)
{
  properties[PW_RETURN_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_RETURN_PCN_ID] = pw_row_int_pspec ("pcn-id", 0, G_MAXINT64, 0);
  properties[PW_RETURN_YEAR] = pw_row_int_pspec ("year", 0, 9999, 0);
  properties[PW_RETURN_STATUS] = pw_row_int_pspec ("status", 0, 2, 0);
  properties[PW_RETURN_SUBMITTED_AT] = pw_row_string_pspec ("submitted-at");
  properties[PW_RETURN_REVIEWED_AT] = pw_row_string_pspec ("reviewed-at");
  properties[PW_RETURN_REVIEWER] = pw_row_string_pspec ("reviewer");
  properties[PW_RETURN_REVIEW_NOTE] = pw_row_string_pspec ("review-note");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_RETURN_N_FIELDS);
}

static void
pw_return_init (PwReturn *self)
{
}

const char *
pw_return_status_name (PwReturnStatus status)
{
  switch (status)
    {
    case PW_STATUS_DRAFT: return g_dgettext (GETTEXT_PACKAGE, "Draft");
    case PW_STATUS_SUBMITTED: return g_dgettext (GETTEXT_PACKAGE, "Submitted");
    case PW_STATUS_REVIEWED: return g_dgettext (GETTEXT_PACKAGE, "Reviewed");
    default: return "";
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kinds of field that edit forms hold. */
typedef enum
{
  PW_FORM_TEXT,                /* free text, may be empty */
  PW_FORM_NAME,                /* text that must not be empty */
  PW_FORM_PCN_CODE,
  PW_FORM_PRACTICE_CODE,
  PW_FORM_WTE,                 /* empty means not given */
  PW_FORM_DATE,                /* DD/MM/YYYY, empty means not given */
  PW_FORM_LIST_SIZE,
  PW_FORM_MONEY,               /* pounds and pence, 0 or more; empty is £0.00 */
} PwFormKind;

gboolean    pw_form_check   (PwFormKind   kind,
                             const char  *input,
                             char       **out_text,
                             gint64      *out_number,
                             GError     **error);
char       *pw_form_display (PwFormKind   kind,
                             const char  *text,
                             gint64       number);
const char *pw_form_hint    (PwFormKind   kind);

G_END_DECLS

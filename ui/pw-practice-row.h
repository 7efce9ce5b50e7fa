/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_PRACTICE_ROW (pw_practice_row_get_type ())
G_DECLARE_FINAL_TYPE (PwPracticeRow, pw_practice_row, PW, PRACTICE_ROW, AdwExpanderRow)

GtkWidget *pw_practice_row_new    (PwStore    *store,
                                   gint64      pcn_id,
                                   PwPractice *practice,
                                   GListModel *pcns);
void       pw_practice_row_set_practice (PwPracticeRow *self,
                                         gint64         pcn_id,
                                         PwPractice    *practice);
gint64     pw_practice_row_get_id (PwPracticeRow *self);

G_END_DECLS

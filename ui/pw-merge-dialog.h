/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_MERGE_DIALOG (pw_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwMergeDialog, pw_merge_dialog, PW, MERGE_DIALOG, AdwMessageDialog)

PwMergeDialog *pw_merge_dialog_new          (GtkWindow     *parent,
                                             PwStore       *store,
                                             PwPcn         *from);
PwMergeDialog *pw_merge_dialog_new_move     (GtkWindow     *parent,
                                             PwStore       *store,
                                             PwPcn         *from,
                                             const char    *name);
PwMergeDialog *pw_merge_dialog_new_locality (GtkWindow     *parent,
                                             PwStore       *store,
                                             PwLocality    *from,
                                             guint          n_pcns);
PwPcn         *pw_merge_dialog_get_into     (PwMergeDialog *self);
gint64         pw_merge_dialog_get_into_id  (PwMergeDialog *self);
void           pw_merge_dialog_search       (PwMergeDialog *self,
                                             const char    *text);

G_END_DECLS

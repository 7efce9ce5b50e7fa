/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-import-forms.h"

G_BEGIN_DECLS

#define PW_TYPE_FORMS_DIALOG (pw_forms_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwFormsDialog, pw_forms_dialog, PW, FORMS_DIALOG, AdwMessageDialog)

PwFormsDialog *pw_forms_dialog_new       (GtkWindow     *parent,
                                          GPtrArray     *results);
char         **pw_forms_dialog_get_paths (PwFormsDialog *self);

G_END_DECLS

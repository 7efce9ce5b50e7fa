/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     pw_undo_attach     (GtkWindow  *window);
void     pw_undo_clear      (GtkWindow  *window);
void     pw_undo_note_saved (GtkWidget  *field,
                             const char *key);
gboolean pw_undo_step       (GtkWindow  *window,
                             gboolean    redo);

G_END_DECLS

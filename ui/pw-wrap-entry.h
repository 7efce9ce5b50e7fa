/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_WRAP_ENTRY (pw_wrap_entry_get_type ())
G_DECLARE_FINAL_TYPE (PwWrapEntry, pw_wrap_entry, PW, WRAP_ENTRY, GtkWidget)

GtkWidget   *pw_wrap_entry_new      (void);
GtkTextView *pw_wrap_entry_get_view (PwWrapEntry *self);

G_END_DECLS

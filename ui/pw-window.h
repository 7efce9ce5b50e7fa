/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-export.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_WINDOW (pw_window_get_type ())
G_DECLARE_FINAL_TYPE (PwWindow, pw_window, PW, WINDOW, AdwApplicationWindow)

PwWindow *pw_window_new          (GtkApplication *app);
gboolean  pw_window_open_path    (PwWindow       *self,
                                  const char     *path,
                                  GError        **error);
void      pw_window_set_store    (PwWindow       *self,
                                  PwStore        *store);
PwStore  *pw_window_get_store    (PwWindow       *self);
int       pw_window_get_year     (PwWindow       *self);
void      pw_window_select_pcn   (PwWindow       *self,
                                  gint64          pcn_id);
void      pw_window_import_file  (PwWindow       *self,
                                  GFile          *file);
void      pw_window_export_file  (PwWindow       *self,
                                  PwExportOptions *options,
                                  GFile          *file);
void      pw_window_export_review_file (PwWindow  *self,
                                        const char *code,
                                        GFile     *file);
gboolean  pw_window_is_busy      (PwWindow       *self);
gboolean  pw_window_is_settled   (PwWindow       *self);
GtkWidget *pw_window_get_page    (PwWindow       *self,
                                  const char     *name);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_RISK_MATRIX (pw_risk_matrix_get_type ())
G_DECLARE_FINAL_TYPE (PwRiskMatrix, pw_risk_matrix, PW, RISK_MATRIX, GtkWidget)

GtkWidget *pw_risk_matrix_new       (void);
void       pw_risk_matrix_set_risks (PwRiskMatrix *self,
                                     GListModel   *risks);
guint      pw_risk_matrix_count     (PwRiskMatrix *self,
                                     int           likelihood,
                                     int           impact);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_WTE_CHART (pw_wte_chart_get_type ())
G_DECLARE_FINAL_TYPE (PwWteChart, pw_wte_chart, PW, WTE_CHART, GtkWidget)

GtkWidget *pw_wte_chart_new      (void);
void       pw_wte_chart_set_data (PwWteChart *self,
                                  GListModel *wte);

G_END_DECLS

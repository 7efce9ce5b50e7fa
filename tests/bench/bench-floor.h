/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

void       floor_maturity   (const char *csv,
                             const char *db);
void       floor_profiles   (const char *csv,
                             const char *db);
GPtrArray *floor_read_cells (const char *tsv);
void       floor_xlsx       (GPtrArray  *cells,
                             const char *out);

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* One row of the table: the app's times and the floor's (NULL: none), in
 * milliseconds, one per run. */
typedef void (*BenchReportFunc) (const char *job,
                                 GArray     *now,
                                 GArray     *floor);

void bench_window (const char      *db,
                   int              n_runs,
                   BenchReportFunc  report);

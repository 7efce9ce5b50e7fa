/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called from the thread doing long work, now and then, with 0.0 … 1.0. */
typedef void (*PwProgressFunc) (double   fraction,
                                gpointer user_data);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

gboolean pw_demo_load        (PwStore     *store,
                              GError     **error);
gboolean pw_demo_load_boards (PwStore     *store,
                              GHashTable  *localities,
                              GError     **error);

G_END_DECLS

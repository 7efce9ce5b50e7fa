/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

void pw_object_sync (GObject *dest,
                     GObject *src);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

#define PW_TYPE_LOCALITY (pw_locality_get_type ())
G_DECLARE_FINAL_TYPE (PwLocality, pw_locality, PW, LOCALITY, PwRow)

PwLocality *pw_locality_new      (gint64      id,
                                  const char *name);
gint64      pw_locality_get_id   (PwLocality *self);
const char *pw_locality_get_name (PwLocality *self);

G_END_DECLS

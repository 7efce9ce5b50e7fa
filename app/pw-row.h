/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PW_TYPE_ROW (pw_row_get_type ())
G_DECLARE_DERIVABLE_TYPE (PwRow, pw_row, PW, ROW, GObject)

struct _PwRowClass
{
  GObjectClass parent_class;

  /*< private >*/
  guint n_props;
  GParamSpec **pspecs;         /* indexed by property id, [0] unused */
};

void        pw_row_class_install (PwRowClass  *klass,
                                  GParamSpec **pspecs,
                                  guint        n_props);
GParamSpec *pw_row_int_pspec     (const char  *name,
                                  gint64       min,
                                  gint64       max,
                                  gint64       default_value);
GParamSpec *pw_row_string_pspec  (const char  *name);
gint64      pw_row_get_int       (PwRow       *self,
                                  guint        prop_id);
const char *pw_row_get_string    (PwRow       *self,
                                  guint        prop_id);

G_END_DECLS

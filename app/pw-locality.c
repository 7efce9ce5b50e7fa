/* pw-locality.c — a locality: a group of PCNs under one locality head
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-locality.h"

struct _PwLocality
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwLocality, pw_locality, PW_TYPE_ROW)

enum { PROP_0, PROP_ID, PROP_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
pw_locality_class_init (PwLocalityClass *klass)
{
  properties[PROP_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PROP_NAME] = pw_row_string_pspec ("name");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, N_PROPS);
}

static void
pw_locality_init (PwLocality *self)
{
}

PwLocality *
pw_locality_new (gint64      id,
                 const char *name)
{
  return g_object_new (PW_TYPE_LOCALITY, "id", id, "name", name, NULL);
}

gint64
pw_locality_get_id (PwLocality *self)
{
  return pw_row_get_int (PW_ROW (self), PROP_ID);
}

const char *
pw_locality_get_name (PwLocality *self)
{
  return pw_row_get_string (PW_ROW (self), PROP_NAME);
}

/* pw-row.c — base class of the store's row objects
 *
 * A row is a bag of typed properties (integers and strings) that widgets
 * bind to.  Subclasses only declare their properties; storage, get/set and
 * change notification live here once.  A setter notifies only when the value
 * really changes, so refreshing a row from the database is cheap for the UI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-row.h"

typedef struct
{
  GValue *values;              /* owned, one per property id, lazily made */
} PwRowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PwRow, pw_row, G_TYPE_OBJECT)

static GValue *
row_values (PwRow *self)
{
  PwRowPrivate *priv = pw_row_get_instance_private (self);
  PwRowClass *klass = PW_ROW_GET_CLASS (self);

  if (priv->values == NULL)
    {
      priv->values = g_new0 (GValue, klass->n_props);
      for (guint i = 1; i < klass->n_props; i++)
        {
          g_value_init (&priv->values[i], klass->pspecs[i]->value_type);
          g_param_value_set_default (klass->pspecs[i], &priv->values[i]);
        }
    }
  return priv->values;
}

static void
pw_row_finalize (GObject *object)
{
  PwRowPrivate *priv = pw_row_get_instance_private (PW_ROW (object));
  PwRowClass *klass = PW_ROW_GET_CLASS (object);

  for (guint i = 1; priv->values != NULL && i < klass->n_props; i++)
    g_value_unset (&priv->values[i]);
  g_free (priv->values);
  G_OBJECT_CLASS (pw_row_parent_class)->finalize (object);
}

static void
pw_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  g_value_copy (&row_values (PW_ROW (object))[prop_id], value);
}

static void
pw_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GValue *slot = &row_values (PW_ROW (object))[prop_id];

  if (g_param_values_cmp (pspec, slot, value) == 0)
    return;
  g_value_copy (value, slot);
  g_object_notify_by_pspec (object, pspec);
}

static void
pw_row_class_init (PwRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_row_finalize;
}

static void
pw_row_init (PwRow *self)
{
}

/* @pspecs is indexed by property id; pspecs[0] is unused. */
void
pw_row_class_install (PwRowClass  *klass,
                      GParamSpec **pspecs,
                      guint        n_props)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* GObject resets these for every class, since property ids are per class. */
  object_class->get_property = pw_row_get_property;
  object_class->set_property = pw_row_set_property;
  klass->n_props = n_props;
  klass->pspecs = pspecs;
  g_object_class_install_properties (object_class, n_props, pspecs);
}

GParamSpec *
pw_row_int_pspec (const char *name,
                  gint64      min,
                  gint64      max,
                  gint64      default_value)
{
  return g_param_spec_int64 (name, NULL, NULL, min, max, default_value,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

GParamSpec *
pw_row_string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

gint64
pw_row_get_int (PwRow *self,
                guint  prop_id)
{
  g_return_val_if_fail (PW_IS_ROW (self), 0);
  return g_value_get_int64 (&row_values (self)[prop_id]);
}

const char *
pw_row_get_string (PwRow *self,
                   guint  prop_id)
{
  const char *s;

  g_return_val_if_fail (PW_IS_ROW (self), NULL);
  s = g_value_get_string (&row_values (self)[prop_id]);
  return s ? s : "";
}

/* pw-util.c — small helpers shared by the row objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-util.h"

/* Copies every writable (not construct-only) property of @src that differs
 * into @dest.  The store refreshes its cached rows this way, so a bound
 * widget sees notify only for values that really changed. */
void
pw_object_sync (GObject *dest,
                GObject *src)
{
  guint n = 0;
  g_autofree GParamSpec **pspecs = NULL;

  g_return_if_fail (G_OBJECT_TYPE (dest) == G_OBJECT_TYPE (src));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (src), &n);
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;

      if (!(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;
      g_value_init (&a, pspec->value_type);
      g_value_init (&b, pspec->value_type);
      g_object_get_property (dest, pspec->name, &a);
      g_object_get_property (src, pspec->name, &b);
      if (g_param_values_cmp (pspec, &a, &b) != 0)
        g_object_set_property (dest, pspec->name, &b);
    }
}

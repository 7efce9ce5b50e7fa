/* pw-wte-chart.c — WTE in post against planned, by role, as bars
 *
 * Drawn with GtkSnapshot: one pair of bars per role (in post, planned by
 * the year's end) on a shared scale.  It has nothing to lay out, so no
 * template; a screen reader gets the figures as the widget's description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-arrs-wte.h"
#include "pw-parse.h"
#include "pw-wte-chart.h"

#define ROW_HEIGHT 30
#define LABEL_WIDTH 220         /* the role's name, at most */
#define MIN_LABEL_WIDTH 110     /* …in a narrow window, ellipsized */
#define BAR_HEIGHT 10

struct _PwWteChart
{
  GtkWidget parent_instance;

  GPtrArray *names;            /* owned */
  GArray *in_post;             /* gint64 hundredths */
  GArray *planned;
};

G_DEFINE_FINAL_TYPE (PwWteChart, pw_wte_chart, GTK_TYPE_WIDGET)

static void
draw_text (GtkWidget   *widget,
           GtkSnapshot *snapshot,
           const char  *text,
           float        x,
           float        y,
           int          width,
           gboolean     dim)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  GdkRGBA color;

  /* GTK 4.8 has no gtk_widget_get_color (). */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  if (dim)
    color.alpha *= 0.7;
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
pw_wte_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PwWteChart *self = PW_WTE_CHART (widget);
  static const GdkRGBA now = { 0.13, 0.44, 0.71, 1 }, planned = { 0.62, 0.79, 0.88, 1 };
  int width = gtk_widget_get_width (widget);
  int label_width = CLAMP (width * 2 / 5, MIN_LABEL_WIDTH, LABEL_WIDTH);
  float bars = MAX (width - label_width - 60, 40);
  gint64 top = 1;

  for (guint i = 0; i < self->names->len; i++)
    top = MAX (top, MAX (g_array_index (self->in_post, gint64, i), g_array_index (self->planned, gint64, i)));
  for (guint i = 0; i < self->names->len; i++)
    {
      float y = i * ROW_HEIGHT + 4;
      gint64 a = g_array_index (self->in_post, gint64, i), b = g_array_index (self->planned, gint64, i);
      g_autofree char *figure = pw_format_wte (a);

      draw_text (widget, snapshot, g_ptr_array_index (self->names, i), 0, y + 2, label_width - 8, FALSE);
      gtk_snapshot_append_color (snapshot, &now, &GRAPHENE_RECT_INIT (label_width, y, MAX (1, bars * a / top), BAR_HEIGHT));
      gtk_snapshot_append_color (snapshot, &planned,
                                 &GRAPHENE_RECT_INIT (label_width, y + BAR_HEIGHT + 1, MAX (1, bars * b / top), BAR_HEIGHT - 2));
      draw_text (widget, snapshot, figure, label_width + bars * a / top + 6, y - 2, 60, TRUE);
    }
}

static void
pw_wte_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PwWteChart *self = PW_WTE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = MIN_LABEL_WIDTH + 120, *natural = LABEL_WIDTH + 420;
  else
    *minimum = *natural = MAX (1, self->names->len) * ROW_HEIGHT + 8;
}

static void
pw_wte_chart_finalize (GObject *object)
{
  PwWteChart *self = PW_WTE_CHART (object);

  g_ptr_array_unref (self->names);
  g_array_unref (self->in_post);
  g_array_unref (self->planned);
  G_OBJECT_CLASS (pw_wte_chart_parent_class)->finalize (object);
}

static void
pw_wte_chart_class_init (PwWteChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pw_wte_chart_finalize;
  widget_class->snapshot = pw_wte_chart_snapshot;
  widget_class->measure = pw_wte_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pw_wte_chart_init (PwWteChart *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->in_post = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->planned = g_array_new (FALSE, FALSE, sizeof (gint64));
}

GtkWidget *
pw_wte_chart_new (void)
{
  return g_object_new (PW_TYPE_WTE_CHART, NULL);
}

/* @wte: of PwArrsWte, one per role */
void
pw_wte_chart_set_data (PwWteChart *self,
                       GListModel *wte)
{
  g_autoptr(GString) description = g_string_new (_("WTE in post and planned, by role: "));

  g_return_if_fail (PW_IS_WTE_CHART (self));

  g_ptr_array_set_size (self->names, 0);
  g_array_set_size (self->in_post, 0);
  g_array_set_size (self->planned, 0);
  for (guint i = 0; wte && i < g_list_model_get_n_items (wte); i++)
    {
      g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);
      gint64 a = pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_IN_POST), b = pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_PLANNED);
      g_autofree char *x = pw_format_wte (a), *y = pw_format_wte (b);

      g_ptr_array_add (self->names, g_strdup (pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_ROLE)));
      g_array_append_val (self->in_post, a);
      g_array_append_val (self->planned, b);
      g_string_append_printf (description, "%s %s in post, %s planned; ",
                              pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_ROLE), x, y);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

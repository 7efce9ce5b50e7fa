/* pw-risk-matrix.c — the NHS 5×5 risk matrix, with a board's risks on it
 *
 * Likelihood up the side (5, almost certain, at the top), impact along the
 * bottom; each cell coloured as NHS risk matrices are (score 1–3 green,
 * 4–6 yellow, 8–12 amber, 15–25 red) and showing how many of the
 * board's risks sit there.  Drawn, so it needs no .ui file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-risk-matrix.h"
#include "pw-board-risk.h"

#define CELL 54
#define AXIS 28

struct _PwRiskMatrix
{
  GtkWidget parent_instance;

  guint counts[5][5];          /* [likelihood - 1][impact - 1] */
};

G_DEFINE_FINAL_TYPE (PwRiskMatrix, pw_risk_matrix, GTK_TYPE_WIDGET)

/* The colour of a score, as the NHS matrix bands it. */
static GdkRGBA
band_colour (int score)
{
  if (score >= 15)
    return (GdkRGBA) { 0.85, 0.19, 0.15, 1 };   /* red: extreme */
  if (score >= 8)
    return (GdkRGBA) { 0.98, 0.62, 0.20, 1 };   /* amber: high */
  if (score >= 4)
    return (GdkRGBA) { 1.00, 0.89, 0.35, 1 };   /* yellow: moderate */
  return (GdkRGBA) { 0.46, 0.75, 0.36, 1 };     /* green: low */
}

static void
draw_text (GtkWidget   *widget,
           GtkSnapshot *snapshot,
           const char  *text,
           float        x,
           float        y,
           gboolean     bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  if (bold)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - w / 2.0f, y - h / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0.1, 0.1, 0.1, 1 });
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static void
pw_risk_matrix_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PwRiskMatrix *self = PW_RISK_MATRIX (widget);

  for (int l = 5; l >= 1; l--)
    {
      float y = (5 - l) * CELL;
      char label[4];

      g_snprintf (label, sizeof label, "%d", l);
      draw_text (widget, snapshot, label, AXIS / 2.0f, y + CELL / 2.0f, FALSE);
      for (int i = 1; i <= 5; i++)
        {
          graphene_rect_t cell = GRAPHENE_RECT_INIT (AXIS + (i - 1) * CELL + 1, y + 1, CELL - 2, CELL - 2);
          GdkRGBA colour = band_colour (l * i);
          guint n = self->counts[l - 1][i - 1];

          gtk_snapshot_append_color (snapshot, &colour, &cell);
          if (n > 0)
            {
              g_autofree char *count = g_strdup_printf ("%u", n);
              draw_text (widget, snapshot, count, AXIS + (i - 0.5f) * CELL, y + CELL / 2.0f, TRUE);
            }
        }
    }
  for (int i = 1; i <= 5; i++)
    {
      char label[4];

      g_snprintf (label, sizeof label, "%d", i);
      draw_text (widget, snapshot, label, AXIS + (i - 0.5f) * CELL, 5 * CELL + AXIS / 2.0f, FALSE);
    }
  draw_text (widget, snapshot, _("Impact →"), AXIS + 2.5f * CELL, 5 * CELL + AXIS * 1.3f, FALSE);
}

static void
pw_risk_matrix_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? AXIS + 5 * CELL : 5 * CELL + 2 * AXIS;
}

static void
pw_risk_matrix_class_init (PwRiskMatrixClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = pw_risk_matrix_snapshot;
  widget_class->measure = pw_risk_matrix_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pw_risk_matrix_init (PwRiskMatrix *self)
{
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
}

GtkWidget *
pw_risk_matrix_new (void)
{
  return g_object_new (PW_TYPE_RISK_MATRIX, NULL);
}

/* Places @risks (of PwBoardRisk) on the grid, and says so to a screen reader. */
void
pw_risk_matrix_set_risks (PwRiskMatrix *self,
                          GListModel   *risks)
{
  guint n = risks ? g_list_model_get_n_items (risks) : 0, high = 0;
  g_autofree char *label = NULL;

  g_return_if_fail (PW_IS_RISK_MATRIX (self));

  memset (self->counts, 0, sizeof self->counts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRow) r = g_list_model_get_item (risks, i);
      int l = pw_row_get_int (r, PW_BOARD_RISK_LIKELIHOOD), im = pw_row_get_int (r, PW_BOARD_RISK_IMPACT);

      self->counts[CLAMP (l, 1, 5) - 1][CLAMP (im, 1, 5) - 1]++;
      high += l * im >= PW_RISK_HIGH;
    }
  label = g_strdup_printf (_("Risk matrix: %u risks, %u scoring 12 or more"), n, high);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* How many risks sit in a cell: for tests. */
guint
pw_risk_matrix_count (PwRiskMatrix *self,
                      int           likelihood,
                      int           impact)
{
  g_return_val_if_fail (PW_IS_RISK_MATRIX (self), 0);
  g_return_val_if_fail (likelihood >= 1 && likelihood <= 5 && impact >= 1 && impact <= 5, 0);
  return self->counts[likelihood - 1][impact - 1];
}

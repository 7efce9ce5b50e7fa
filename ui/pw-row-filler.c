/* pw-row-filler.c — a list view's rows filled on screen first, the rest
 * after the frame
 *
 * GTK 4.8's list views keep about 200 rows bound, most of them off
 * screen, and each row filled is measured again (its text shaped) at the
 * next layout: filling every row as it was bound made start-up, a search
 * and a change of year measure some 200 rows' text for the 20 on screen.
 * Here a row bound, or refilled when the data changes, is left as it was
 * until a layout has placed it: right after each layout the rows on
 * screen are filled, and GDK lays out again before it paints (it repeats
 * the layout phase while one is asked for, up to four times), which
 * fills the rows that a shorter row brings on screen.  The rows off
 * screen are filled a few at a time in the frames that follow, so that
 * every bound row soon shows its item (a screen reader reads them too)
 * while the frame that shows a change measures the rows on screen alone.
 * They are filled at the start of a frame (its update phase), to be
 * measured by that frame's layout: filled after a frame, they were
 * measured by the next one, which could be the frame that shows the
 * next change (another year chosen while they were being filled).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-row-filler.h"

#define ROWS_AT_ONCE 30        /* off screen, in each frame */

struct _PwRowFiller
{
  GtkListView *list;           /* unowned: its owner frees the filler first */
  PwRowFillFunc fill;
  gpointer data;
  GPtrArray *bound;            /* GtkListItems */
  guint generation;            /* of the data: a row filled from an older one is stale */
  gboolean maybe_stale;        /* a bound row may not show the data yet */
  gboolean filled_on_screen;   /* rows on screen were filled since the last frame */
  gboolean at_bind;            /* pw_row_filler_fill_at_bind() */
  GdkFrameClock *clock;        /* owned while the list is realized */
  gulong update_id;
  gulong layout_id;
  gulong after_paint_id;
  gulong realize_id;
  gulong unrealize_id;
};

static GQuark filled_quark;    /* on a GtkListItem: the generation it shows */

static gboolean
is_stale (PwRowFiller *self,
          GtkListItem *item)
{
  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (item), filled_quark)) != self->generation;
}

static void
fill_now (PwRowFiller *self,
          GtkListItem *item)
{
  self->fill (item, self->data);
  g_object_set_qdata (G_OBJECT (item), filled_quark, GUINT_TO_POINTER (self->generation));
}

/* Whether the last layout placed the row on screen. */
static gboolean
on_screen (PwRowFiller *self,
           GtkListItem *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  graphene_rect_t bounds;

  if (row == NULL || !gtk_widget_compute_bounds (row, GTK_WIDGET (self->list), &bounds))
    return FALSE;
  return bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (GTK_WIDGET (self->list));
}

/* Fills up to @max stale rows; returns how many it filled. */
static guint
fill_stale (PwRowFiller *self,
            guint        max)
{
  guint filled = 0;

  for (guint i = 0; i < self->bound->len && filled < max; i++)
    if (is_stale (self, self->bound->pdata[i]))
      {
        fill_now (self, self->bound->pdata[i]);
        filled++;
      }
  return filled;
}

/* Fills the stale rows on screen.  A row filled may be shorter than it
 * was (showing another item, or a heading no longer): it asks for another
 * layout, after which the rows it brought on screen are filled in turn. */
static void
fill_on_screen (PwRowFiller *self)
{
  if (!self->maybe_stale || !gtk_widget_get_mapped (GTK_WIDGET (self->list)))
    return;
  for (guint i = 0; i < self->bound->len; i++)
    {
      GtkListItem *item = self->bound->pdata[i];

      if (is_stale (self, item) && on_screen (self, item))
        {
          fill_now (self, item);
          self->filled_on_screen = TRUE;
        }
    }
}

/* At the start of a frame that shows no change (no row on screen filled
 * for it), a few of the rows off screen, which its layout measures: a few
 * at a frame (an idle at any priority could wait behind frames that
 * follow each other on a busy machine). */
static void
on_update_cb (GdkFrameClock *clock,
              PwRowFiller   *self)
{
  if (self->maybe_stale && !self->filled_on_screen && fill_stale (self, ROWS_AT_ONCE) < ROWS_AT_ONCE)
    self->maybe_stale = FALSE;
}

/* The frame that showed a change measured its rows on screen only; the
 * next one starts on the others. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   PwRowFiller   *self)
{
  self->filled_on_screen = FALSE;
  if (self->maybe_stale)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_UPDATE | GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
unfollow_clock (PwRowFiller *self)
{
  if (self->clock == NULL)
    return;
  /* A clock disposed with its window has dropped its handlers already. */
  if (g_signal_handler_is_connected (self->clock, self->update_id))
    g_signal_handler_disconnect (self->clock, self->update_id);
  if (g_signal_handler_is_connected (self->clock, self->layout_id))
    g_signal_handler_disconnect (self->clock, self->layout_id);
  if (g_signal_handler_is_connected (self->clock, self->after_paint_id))
    g_signal_handler_disconnect (self->clock, self->after_paint_id);
  g_clear_object (&self->clock);
}

static void
follow_clock (PwRowFiller *self)
{
  unfollow_clock (self);
  self->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self->list)));
  /* After the window's own layout handler, which places the rows. */
  self->layout_id = g_signal_connect_data (self->clock, "layout", G_CALLBACK (fill_on_screen), self, NULL,
                                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  self->update_id = g_signal_connect (self->clock, "update", G_CALLBACK (on_update_cb), self);
  self->after_paint_id = g_signal_connect (self->clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
}

/**
 * pw_row_filler_new:
 * @list: the list view whose rows to fill
 * @fill: fills a bound row from its item
 *
 * Returns: (transfer full): a filler, to be told of each bind and unbind
 * and freed before @list is disposed.
 */
PwRowFiller *
pw_row_filler_new (GtkListView   *list,
                   PwRowFillFunc  fill,
                   gpointer       data)
{
  PwRowFiller *self = g_new0 (PwRowFiller, 1);

  if (filled_quark == 0)
    filled_quark = g_quark_from_static_string ("pw-row-filler-generation");
  self->list = list;
  self->fill = fill;
  self->data = data;
  self->bound = g_ptr_array_new ();
  self->generation = 1;        /* 0: never filled */
  self->realize_id = g_signal_connect_swapped (list, "realize", G_CALLBACK (follow_clock), self);
  self->unrealize_id = g_signal_connect_swapped (list, "unrealize", G_CALLBACK (unfollow_clock), self);
  if (gtk_widget_get_realized (GTK_WIDGET (list)))
    follow_clock (self);
  return self;
}

void
pw_row_filler_free (PwRowFiller *self)
{
  if (self == NULL)
    return;
  unfollow_clock (self);
  g_signal_handler_disconnect (self->list, self->realize_id);
  g_signal_handler_disconnect (self->list, self->unrealize_id);
  g_ptr_array_unref (self->bound);
  g_free (self);
}

/* A row just bound is filled once a layout has placed it (or now). */
void
pw_row_filler_bind (PwRowFiller *self,
                    GtkListItem *item)
{
  g_object_set_qdata (G_OBJECT (item), filled_quark, GUINT_TO_POINTER (0));
  g_ptr_array_add (self->bound, item);
  self->maybe_stale = TRUE;
  if (self->at_bind)
    fill_now (self, item);
}

/**
 * pw_row_filler_fill_at_bind:
 * @at_bind: whether rows are filled as they are bound
 *
 * For a list that holds only the rows it shows (the window's first
 * frame): a row is filled as it is bound, within the layout that places
 * it.  Filled after that layout, as other rows are, the overview's cells
 * were painted in the first frame with their text but not yet the style
 * of their level (GTK 4.8 painted them before restyling their labels).
 */
void
pw_row_filler_fill_at_bind (PwRowFiller *self,
                            gboolean     at_bind)
{
  self->at_bind = at_bind;
}

void
pw_row_filler_unbind (PwRowFiller *self,
                      GtkListItem *item)
{
  g_ptr_array_remove_fast (self->bound, item);
}

/* The data has changed: the rows on screen show it now, the others in
 * the frames after the next. */
void
pw_row_filler_refill (PwRowFiller *self)
{
  self->generation++;
  self->maybe_stale = TRUE;
  fill_on_screen (self);
  if (self->clock != NULL)
    gdk_frame_clock_request_phase (self->clock, GDK_FRAME_CLOCK_PHASE_LAYOUT | GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* The rows bound (on screen or not), in no order. */
GPtrArray *
pw_row_filler_get_bound (PwRowFiller *self)
{
  return self->bound;
}

/* pw-wrap-entry.c — a text field that wraps and grows to several lines
 *
 * A GtkTextView behind the GtkEditable interface, so that code written for
 * a one-line entry (set and get the text, "changed", key controllers in
 * the capture phase) works unchanged, while a real sentence shows in full.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pw-wrap-entry.h"

struct _PwWrapEntry
{
  GtkWidget parent_instance;

  GtkTextView *view;
  char *text;                  /* owned: the buffer's text, for get_text */
  int width_chars;
  int max_width_chars;
};

static void pw_wrap_entry_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwWrapEntry, pw_wrap_entry, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, pw_wrap_entry_editable_init))

enum { PROP_0, N_PROPS };

static GtkTextBuffer *
buffer_of (PwWrapEntry *self)
{
  return gtk_text_view_get_buffer (self->view);
}

static void
iter_at (PwWrapEntry *self,
         GtkTextIter *iter,
         int          offset)
{
  if (offset < 0)
    gtk_text_buffer_get_end_iter (buffer_of (self), iter);
  else
    gtk_text_buffer_get_iter_at_offset (buffer_of (self), iter, offset);
}

static void
on_buffer_changed_cb (GtkTextBuffer *buffer,
                      PwWrapEntry   *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (self->text);
  self->text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_signal_emit_by_name (self, "changed");
  g_object_notify (G_OBJECT (self), "text");
}

/* ------------------------------------------------------------------ */
/* GtkEditable                                                         */

static const char *
pw_wrap_entry_get_text (GtkEditable *editable)
{
  return PW_WRAP_ENTRY (editable)->text;
}

static void
pw_wrap_entry_do_insert_text (GtkEditable *editable,
                              const char  *text,
                              int          length,
                              int         *position)
{
  PwWrapEntry *self = PW_WRAP_ENTRY (editable);
  GtkTextIter iter;

  if (length < 0)
    length = strlen (text);
  iter_at (self, &iter, *position);
  gtk_text_buffer_insert (buffer_of (self), &iter, text, length);
  *position += g_utf8_strlen (text, length);
}

static void
pw_wrap_entry_do_delete_text (GtkEditable *editable,
                              int          start_pos,
                              int          end_pos)
{
  PwWrapEntry *self = PW_WRAP_ENTRY (editable);
  GtkTextIter start, end;

  iter_at (self, &start, start_pos);
  iter_at (self, &end, end_pos);
  gtk_text_buffer_delete (buffer_of (self), &start, &end);
}

static gboolean
pw_wrap_entry_get_selection_bounds (GtkEditable *editable,
                                    int         *start_pos,
                                    int         *end_pos)
{
  GtkTextIter start, end;
  gboolean any = gtk_text_buffer_get_selection_bounds (buffer_of (PW_WRAP_ENTRY (editable)), &start, &end);

  *start_pos = gtk_text_iter_get_offset (&start);
  *end_pos = gtk_text_iter_get_offset (&end);
  return any;
}

static void
pw_wrap_entry_set_selection_bounds (GtkEditable *editable,
                                    int          start_pos,
                                    int          end_pos)
{
  PwWrapEntry *self = PW_WRAP_ENTRY (editable);
  GtkTextIter start, end;

  iter_at (self, &start, start_pos);
  iter_at (self, &end, end_pos);
  gtk_text_buffer_select_range (buffer_of (self), &end, &start);
}

static void
pw_wrap_entry_editable_init (GtkEditableInterface *iface)
{
  iface->get_text = pw_wrap_entry_get_text;
  iface->do_insert_text = pw_wrap_entry_do_insert_text;
  iface->do_delete_text = pw_wrap_entry_do_delete_text;
  iface->get_selection_bounds = pw_wrap_entry_get_selection_bounds;
  iface->set_selection_bounds = pw_wrap_entry_set_selection_bounds;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static int
cursor_offset (PwWrapEntry *self,
               GtkTextMark *mark)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer_of (self), &iter, mark);
  return gtk_text_iter_get_offset (&iter);
}

static void
pw_wrap_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwWrapEntry *self = PW_WRAP_ENTRY (object);
  GtkTextBuffer *buffer = buffer_of (self);

  switch (prop_id - N_PROPS)
    {
    case GTK_EDITABLE_PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case GTK_EDITABLE_PROP_CURSOR_POSITION:
      g_value_set_int (value, cursor_offset (self, gtk_text_buffer_get_insert (buffer)));
      break;
    case GTK_EDITABLE_PROP_SELECTION_BOUND:
      g_value_set_int (value, cursor_offset (self, gtk_text_buffer_get_selection_bound (buffer)));
      break;
    case GTK_EDITABLE_PROP_EDITABLE:
      g_value_set_boolean (value, gtk_text_view_get_editable (self->view));
      break;
    case GTK_EDITABLE_PROP_WIDTH_CHARS:
      g_value_set_int (value, self->width_chars);
      break;
    case GTK_EDITABLE_PROP_MAX_WIDTH_CHARS:
      g_value_set_int (value, self->max_width_chars);
      break;
    case GTK_EDITABLE_PROP_XALIGN:
      g_value_set_float (value, 0);
      break;
    case GTK_EDITABLE_PROP_ENABLE_UNDO:
      g_value_set_boolean (value, gtk_text_buffer_get_enable_undo (buffer));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_wrap_entry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PwWrapEntry *self = PW_WRAP_ENTRY (object);

  switch (prop_id - N_PROPS)
    {
    case GTK_EDITABLE_PROP_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (self), g_value_get_string (value));
      break;
    case GTK_EDITABLE_PROP_EDITABLE:
      gtk_text_view_set_editable (self->view, g_value_get_boolean (value));
      break;
    case GTK_EDITABLE_PROP_WIDTH_CHARS:
      self->width_chars = g_value_get_int (value);
      break;
    case GTK_EDITABLE_PROP_MAX_WIDTH_CHARS:
      self->max_width_chars = g_value_get_int (value);
      break;
    case GTK_EDITABLE_PROP_XALIGN:
      break;                     /* text that wraps starts at the left */
    case GTK_EDITABLE_PROP_ENABLE_UNDO:
      gtk_text_buffer_set_enable_undo (buffer_of (self), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Height for width, from the text itself: a GtkTextView reports the
 * height of the lines it has laid out for its last width, so a row sized
 * from it would keep the height of the first line. */
static GtkSizeRequestMode
pw_wrap_entry_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pw_wrap_entry_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  PwWrapEntry *self = PW_WRAP_ENTRY (widget);
  GtkWidget *view = GTK_WIDGET (self->view);
  int margins, view_min, view_nat;
  g_autoptr(PangoLayout) layout = NULL;
  int height = 0;

  gtk_widget_measure (view, orientation, for_size, &view_min, &view_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL || for_size < 0)
    {
      *minimum = view_min, *natural = view_nat;
      return;
    }
  margins = gtk_text_view_get_left_margin (self->view) + gtk_text_view_get_right_margin (self->view);
  layout = gtk_widget_create_pango_layout (view, *self->text ? self->text : " ");
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, MAX (1, for_size - margins) * PANGO_SCALE);
  pango_layout_get_pixel_size (layout, NULL, &height);
  height += gtk_text_view_get_top_margin (self->view) + gtk_text_view_get_bottom_margin (self->view);
  *minimum = *natural = MAX (view_min, height);
}

static void
pw_wrap_entry_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  gtk_widget_allocate (GTK_WIDGET (PW_WRAP_ENTRY (widget)->view), width, height, baseline, NULL);
}

static gboolean
pw_wrap_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PW_WRAP_ENTRY (widget)->view));
}

static void
pw_wrap_entry_dispose (GObject *object)
{
  PwWrapEntry *self = PW_WRAP_ENTRY (object);

  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (buffer_of (self), self);
      gtk_widget_unparent (GTK_WIDGET (self->view));
      self->view = NULL;
    }
  G_OBJECT_CLASS (pw_wrap_entry_parent_class)->dispose (object);
}

static void
pw_wrap_entry_finalize (GObject *object)
{
  g_free (PW_WRAP_ENTRY (object)->text);
  G_OBJECT_CLASS (pw_wrap_entry_parent_class)->finalize (object);
}

static void
pw_wrap_entry_class_init (PwWrapEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pw_wrap_entry_get_property;
  object_class->set_property = pw_wrap_entry_set_property;
  object_class->dispose = pw_wrap_entry_dispose;
  object_class->finalize = pw_wrap_entry_finalize;
  widget_class->grab_focus = pw_wrap_entry_grab_focus;
  widget_class->get_request_mode = pw_wrap_entry_get_request_mode;
  widget_class->measure = pw_wrap_entry_measure;
  widget_class->size_allocate = pw_wrap_entry_size_allocate;
  gtk_editable_install_properties (object_class, N_PROPS);
  gtk_widget_class_set_css_name (widget_class, "pw-wrap-entry");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pw_wrap_entry_init (PwWrapEntry *self)
{
  self->text = g_strdup ("");
  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->view, FALSE);
  g_object_set (self->view, "top-margin", 6, "bottom-margin", 6, "left-margin", 6, "right-margin", 6, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->view), GTK_WIDGET (self));
  g_signal_connect (buffer_of (self), "changed", G_CALLBACK (on_buffer_changed_cb), self);
}

GtkWidget *
pw_wrap_entry_new (void)
{
  return g_object_new (PW_TYPE_WRAP_ENTRY, NULL);
}

/* Returns: (transfer none): the text view inside, for its own settings */
GtkTextView *
pw_wrap_entry_get_view (PwWrapEntry *self)
{
  g_return_val_if_fail (PW_IS_WRAP_ENTRY (self), NULL);
  return self->view;
}

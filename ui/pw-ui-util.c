/* pw-ui-util.c — toasts, error dialogs and field validation display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-ui-util.h"

static AdwToastOverlay *
find_overlay (GtkWidget *from)
{
  GtkWidget *w = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);

  return w ? ADW_TOAST_OVERLAY (w) : NULL;
}

void
pw_toast_show (GtkWidget  *from,
               const char *title)
{
  AdwToastOverlay *overlay = find_overlay (from);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
}

typedef struct
{
  PwUndoFunc undo;
  gpointer data;
  GDestroyNotify destroy;
} Undo;

static void
undo_free (gpointer p, GClosure *closure)
{
  Undo *u = p;

  if (u->destroy)
    u->destroy (u->data);
  g_free (u);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Undo     *u)
{
  u->undo (u->data);
}

/* A toast whose Undo button calls @undo; @destroy frees @data when the
 * toast goes, whether or not it was used. */
void
pw_toast_with_undo (GtkWidget      *from,
                    const char     *title,
                    PwUndoFunc      undo,
                    gpointer        data,
                    GDestroyNotify  destroy)
{
  AdwToastOverlay *overlay = find_overlay (from);
  AdwToast *toast = adw_toast_new (title);
  Undo *u = g_new0 (Undo, 1);

  u->undo = undo, u->data = data, u->destroy = destroy;
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), u, undo_free, 0);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
pw_show_error (GtkWidget    *from,
               const char   *heading,
               const GError *error)
{
  GtkRoot *root = from ? gtk_widget_get_root (from) : NULL;
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error ? error->message : NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A label after the entry that says, in a few words, what the field
 * accepts; shown only while the text is not acceptable. */
GtkLabel *
pw_entry_row_add_hint (AdwEntryRow *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  adw_entry_row_add_suffix (row, label);
  g_object_set_data (G_OBJECT (row), "pw-hint", label);
  return GTK_LABEL (label);
}

void
pw_entry_row_set_problem (AdwEntryRow *row,
                          const char  *hint,
                          const char  *message)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "pw-hint");

  if (message == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), message);
    }
  if (label != NULL)
    {
      gtk_label_set_label (label, hint);
      gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
    }
}

/* Checks the row's text; marks it, with the accepted form, when wrong. */
gboolean
pw_entry_row_check (AdwEntryRow  *row,
                    PwFormKind    kind,
                    char        **out_text,
                    gint64       *out_number)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!pw_form_check (kind, text, out_text, out_number, &error))
    {
      pw_entry_row_set_problem (row, pw_form_hint (kind), error->message);
      return FALSE;
    }
  pw_entry_row_set_problem (row, NULL, NULL);
  return TRUE;
}

/* pw-conflict-dialog.c — someone else changed the value being typed
 *
 * When a save is refused because another person changed the same field
 * since the user began editing it (PW_STORE_ERROR_CONFLICT), the field
 * keeps the user's text, marked, and this dialog shows the other person's
 * value, who and when, with two answers: Keep Mine writes the user's value
 * over theirs (the change log says so), Take Theirs writes nothing and
 * shows their value in the field.  Escape decides nothing: the field stays
 * marked as not saved, and the window asks before that value is dropped.
 * Both answers are buttons, reached with Tab and pressed with Space or
 * Enter, or with Alt and their underlined letter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-conflict-dialog.h"
#include "pw-save-queue.h"
#include "pw-ui-util.h"

typedef struct
{
  GWeakRef field;
  PwStore *store;              /* owned */
  char *key;
} Conflict;

static void
conflict_free (gpointer  data,
               GClosure *closure)
{
  Conflict *c = data;

  g_weak_ref_clear (&c->field);
  g_object_unref (c->store);
  g_free (c->key);
  g_free (c);
}

/* Shows the stored value in @field: with the focus elsewhere, the pages
 * refill it like any field when told the workbook changed. */
static void
show_theirs (GtkWidget *field,
             PwStore   *store)
{
  GtkRoot *root = gtk_widget_get_root (field);

  if (root != NULL)
    gtk_root_set_focus (root, NULL);
  pw_store_reload (store);
  gtk_widget_grab_focus (field);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Conflict         *c)
{
  g_autoptr(GtkWidget) field = g_weak_ref_get (&c->field);
  gboolean keep = g_strcmp0 (response, "keep") == 0;

  if (field != NULL)
    g_object_set_data (G_OBJECT (field), "pw-conflict-dialog", NULL);
  if (field == NULL || !(keep || g_strcmp0 (response, "take") == 0))
    return;
  pw_ui_resolve_conflict (field, c->store, c->key, keep);
  if (!keep)
    show_theirs (field, c->store);
}

/**
 * pw_conflict_dialog_present:
 * @field: the field whose save was refused; it keeps the user's text
 * @key: the save's key in the store's queue, which holds the refused save
 * @error: the refusal, naming the other person's value, who and when
 */
void
pw_conflict_dialog_present (GtkWidget    *field,
                            PwStore      *store,
                            const char   *key,
                            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (field);
  AdwMessageDialog *dialog;
  Conflict *c;

  if (g_object_get_data (G_OBJECT (field), "pw-conflict-dialog") != NULL)
    return;     /* already asking about this field */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Someone Else Changed This"), error->message));
  adw_message_dialog_add_responses (dialog, "take", _("_Take Theirs"), "keep", _("_Keep Mine"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "close");
  c = g_new0 (Conflict, 1);
  g_weak_ref_init (&c->field, field);
  c->store = g_object_ref (store);
  c->key = g_strdup (key);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), c, conflict_free, 0);
  g_object_set_data (G_OBJECT (field), "pw-conflict-dialog", dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

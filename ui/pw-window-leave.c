/* pw-window-leave.c — the main window: values that could not be saved,
 * closing with edits still waiting, and other programs on the workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-ui-util.h"
#include "pw-window-private.h"

#define BUSY_TIMEOUT_MS 100    /* the longest a save may hold up the main loop */

/* ------------------------------------------------------------------ */
/* Values that could not be saved                                      */

/* Back to the PCN, tab or year shown, which the list, tabs or year menu
 * have just moved away from. */
static void
go_back (PwWindow *self,
         Leave     leave)
{
  self->going_back = TRUE;
  if (leave == LEAVE_FOR_TAB)
    adw_view_stack_set_visible_child_name (self->pcn_stack, self->tab);
  else if (leave == LEAVE_FOR_PCN && self->titled != NULL)
    pw_window_select_pcn (self, pw_pcn_get_id (self->titled));
  else if (leave == LEAVE_FOR_YEAR)
    gtk_drop_down_set_selected (self->year_dropdown, self->year - FIRST_YEAR);
  self->going_back = FALSE;
}

static void
on_leave_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PwWindow         *self)
{
  GtkWidget *field = pw_ui_find_unsaved (GTK_WIDGET (self->pcn_stack));
  Leave leave = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pw-leave"));
  PwPcn *to = g_object_get_data (G_OBJECT (dialog), "pw-to");
  const char *tab = g_object_get_data (G_OBJECT (dialog), "pw-tab");

  self->leave_dialog = NULL;
  if (g_strcmp0 (response, "discard") != 0)
    {
      if (field != NULL)
        gtk_widget_grab_focus (field);
      return;
    }
  pw_ui_forget_unsaved (GTK_WIDGET (self->pcn_stack));
  /* The profile page keeps its fields while it shows the same PCN: let it
   * go, so that it shows the stored values when next shown.  (The other
   * pages are filled afresh each time.) */
  if (self->profile_page != NULL)
    pw_profile_page_set_pcn (self->profile_page, self->store, NULL);
  if (leave == LEAVE_TO_CLOSE)
    gtk_window_close (GTK_WINDOW (self));
  else if (leave == LEAVE_FOR_YEAR)
    gtk_drop_down_set_selected (self->year_dropdown,
                                GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pw-year")) - FIRST_YEAR);
  else if (leave == LEAVE_FOR_TAB)
    adw_view_stack_set_visible_child_name (self->pcn_stack, tab);
  else if (to != NULL)
    pw_window_select_pcn (self, pw_pcn_get_id (to));
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* Whether the window may move on from the open PCN's pages (to the PCN
 * @to, or the overview when NULL; to the tab @tab; to the year now in the
 * menu; or closing): a value the workbook refused is never dropped
 * silently.  Otherwise the window stays where it was and asks. */
gboolean
may_leave (PwWindow   *self,
           Leave       leave,
           PwPcn      *to,
           const char *tab)
{
  GtkWidget *field = pw_ui_find_unsaved (GTK_WIDGET (self->pcn_stack));
  int year;
  const char *why;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (field == NULL)
    return TRUE;
  year = pw_window_get_year (self);   /* the one asked for, before going back */
  go_back (self, leave);
  if (self->leave_dialog != NULL)
    return FALSE;
  why = gtk_widget_get_tooltip_text (field);
  body = g_strdup_printf (_("“%s” holds a value that could not be saved%s%s. Keep editing to correct it, "
                            "or discard the change and keep what the workbook holds."),
                          pw_ui_field_label (field), why ? ": " : "", why ? why : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Change Not Saved"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"),
                                    "discard", _("_Discard Change"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  if (to != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "pw-to", g_object_ref (to), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "pw-tab", (gpointer) (tab ? g_intern_string (tab) : NULL));
  g_object_set_data (G_OBJECT (dialog), "pw-leave", GINT_TO_POINTER (leave));
  g_object_set_data (G_OBJECT (dialog), "pw-year", GINT_TO_POINTER (year));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_leave_response_cb), self, 0);
  self->leave_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Other programs on the workbook: waiting saves, their writes         */

static PwSaveQueue *
window_queue (PwWindow *self)
{
  return self->store != NULL ? pw_save_queue_for_store (self->store) : NULL;
}

static gboolean
close_cb (gpointer data)
{
  PwWindow *self = data;

  self->close_ready = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* The bar under the pages says how many edits wait for the workbook. */
static void
on_pending_cb (PwWindow *self)
{
  PwSaveQueue *queue = window_queue (self);
  guint n = queue != NULL ? pw_save_queue_get_n_pending (queue) : 0;
  g_autofree char *text = NULL;

  if (self->store != NULL && pw_store_is_offline (self->store))
    text = g_strdup (_("The team workbook’s server cannot be reached; your changes are kept "
                       "and will be saved when it is back."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change is not saved yet: another program is using the workbook. "
                                         "It is kept, and saved as soon as the workbook is free.",
                                         "%u changes are not saved yet: another program is using the workbook. "
                                         "They are kept, and saved as soon as the workbook is free.", n), n);
  gtk_label_set_label (self->pending_label, text);
  reveal_bar (self->pending_revealer, n > 0);
  if (n == 0 && self->close_when_saved)
    g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

static gboolean
release_cb (gpointer store)
{
  return G_SOURCE_REMOVE;      /* the source's destroy notify lets go of @store */
}

static void
unref_when_saved_cb (PwSaveQueue *queue,
                     GParamSpec  *pspec,
                     PwStore     *store)
{
  if (pw_save_queue_get_n_pending (queue) > 0)
    return;
  g_signal_handlers_disconnect_by_func (queue, unref_when_saved_cb, store);
  g_idle_add_full (G_PRIORITY_DEFAULT, release_cb, store, g_object_unref);
}

/* Another workbook replaces this one: edits still waiting for this one
 * keep it open until they are saved. */
void
let_go_of_store (PwWindow *self)
{
  PwSaveQueue *queue = window_queue (self);

  g_signal_handlers_disconnect_by_data (self->store, self);
  g_signal_handlers_disconnect_by_data (queue, self);
  if (pw_save_queue_get_n_pending (queue) > 0)
    g_signal_connect (queue, "notify::n-pending", G_CALLBACK (unref_when_saved_cb), g_object_ref (self->store));
}

/* Saves wait at most a moment for another program's lock and are retried
 * later, rather than freezing the window for seconds. */
void
follow_saves (PwWindow *self)
{
  pw_store_set_busy_timeout (self->store, BUSY_TIMEOUT_MS);
  pw_store_poll_external (self->store, NULL);    /* where the file stands now */
  g_signal_connect_swapped (window_queue (self), "notify::n-pending", G_CALLBACK (on_pending_cb), self);
  on_pending_cb (self);
}

/* Writes by other programs (the CLI, another window, a colleague) show
 * here: on a slow timer, and whenever the window comes to the front.  Not
 * while an import or export runs: its thread writes through a connection
 * of its own, each of its commits would re-read the whole workbook here on
 * the main thread, and the window reloads once when it is done. */
gboolean
poll_cb (gpointer data)
{
  PwWindow *self = data;

  if (self->store != NULL && self->task_cancellable == NULL)
    pw_store_poll_external (self->store, NULL);
  return G_SOURCE_CONTINUE;
}

void
on_active_cb (PwWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    poll_cb (self);
}

void
retry_saves (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  PwSaveQueue *queue = window_queue (PW_WINDOW (widget));

  if (queue != NULL)
    pw_save_queue_retry (queue);
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PwWindow         *self)
{
  PwSaveQueue *queue = window_queue (self);

  self->close_dialog = NULL;
  if (g_strcmp0 (response, "keep") == 0)
    {
      self->close_when_saved = TRUE;
      on_pending_cb (self);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      if (queue != NULL)
        pw_save_queue_discard (queue);
      /* From idle: the dialog closes itself after this handler. */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
    }
}

static void
ask_before_close (PwWindow *self,
                  guint     n)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->store != NULL && pw_store_is_offline (self->store))
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "The team workbook’s server cannot be reached, so %u change has not been saved yet. "
      "Keep trying, and the window closes once it is saved; or discard it and close now.",
      "The team workbook’s server cannot be reached, so %u changes have not been saved yet. "
      "Keep trying, and the window closes once they are saved; or discard them and close now.", n), n);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
      "Another program is using this workbook, so %u change has not been saved yet. "
      "Keep trying, and the window closes once it is saved; or discard it and close now.",
      "Another program is using this workbook, so %u changes have not been saved yet. "
      "Keep trying, and the window closes once they are saved; or discard them and close now.", n), n);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changes Not Saved Yet"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard and Close"), "keep", _("_Keep Trying"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response_cb), self);
  self->close_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Runs after the pages' idle saves (a lower priority, still above redraws),
 * so an edit typed just before closing is in the queue when looked at. */
static gboolean
check_close_cb (gpointer data)
{
  PwWindow *self = data;
  PwSaveQueue *queue = window_queue (self);

  self->close_check_id = 0;
  if (queue != NULL && pw_save_queue_get_n_pending (queue) > 0 && !pw_save_queue_retry (queue))
    ask_before_close (self, pw_save_queue_get_n_pending (queue));
  else
    close_cb (self);
  return G_SOURCE_REMOVE;
}

/* Whether the window may close now; otherwise it asks (or will). */
gboolean
ready_to_close (PwWindow *self)
{
  if (self->close_ready)
    return TRUE;
  if (!may_leave (self, LEAVE_TO_CLOSE, NULL, NULL))
    return FALSE;
  if (self->close_check_id == 0 && self->close_dialog == NULL)
    self->close_check_id = g_idle_add_full (PW_SAVE_PRIORITY + 10, check_close_cb, self, NULL);
  return FALSE;
}

/* pw-return-bar.c — a return's status, its workflow, and its history
 *
 * Shown at the head of every page of a return: the status (draft,
 * submitted, reviewed), who reviewed it and what they said, the buttons
 * that move it on (Submit, Mark Reviewed, Reopen), and the change log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-return-bar.h"
#include "pw-ui-util.h"

struct _PwReturnBar
{
  GtkWidget parent_instance;

  PwStore *store;              /* owned */
  PwReturn *ret;               /* owned, NULL when none yet */
  gint64 pcn_id;
  char *pcn_name;              /* owned */
  int year;

  GtkWidget *box;
  GtkLabel *status_label;
  GtkLabel *detail_label;
  GtkLabel *note_label;
  GtkWidget *submit_button;
  GtkWidget *review_button;
  GtkWidget *reopen_button;
  GtkWidget *history_button;
};

G_DEFINE_FINAL_TYPE (PwReturnBar, pw_return_bar, GTK_TYPE_WIDGET)

static const char *
text_of (PwReturn *ret, guint field)
{
  return pw_row_get_string (PW_ROW (ret), field);
}

static char *
describe (PwReturn *ret)
{
  g_autofree char *submitted = pw_ui_format_timestamp (text_of (ret, PW_RETURN_SUBMITTED_AT));
  g_autofree char *reviewed = pw_ui_format_timestamp (text_of (ret, PW_RETURN_REVIEWED_AT));

  switch (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS))
    {
    case PW_STATUS_SUBMITTED:
      return g_strdup_printf (_("Submitted %s; waiting for the locality head’s review. It is read-only until reopened."),
                              submitted);
    case PW_STATUS_REVIEWED:
      return g_strdup_printf (_("Submitted %s · reviewed by %s on %s. Reopen it to make changes."),
                              submitted, text_of (ret, PW_RETURN_REVIEWER), reviewed);
    default:
      return g_strdup (_("Being written: every change is saved as you make it"));
    }
}

/* A draft that was reopened says when, by whom and why, so that the
 * review it replaced is not taken for the current one. */
static char *
describe_reopening (PwReturnBar *self)
{
  g_autoptr(GListModel) changes = pw_store_list_changes (self->store, pw_row_get_int (PW_ROW (self->ret), PW_RETURN_ID), NULL);

  for (guint i = 0; changes && i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(PwChange) c = g_list_model_get_item (changes, i);
      g_autofree char *when = NULL;

      if (g_strcmp0 (pw_row_get_string (PW_ROW (c), PW_CHANGE_WHAT), "Status") != 0)
        continue;
      if (*pw_row_get_string (PW_ROW (c), PW_CHANGE_OLD) == '\0')
        return NULL;             /* started, never reopened */
      when = pw_ui_format_timestamp (pw_row_get_string (PW_ROW (c), PW_CHANGE_AT));
      return g_strdup_printf (_("Reopened %s by %s: %s → %s. Earlier reviews are in its history."), when,
                              pw_row_get_string (PW_ROW (c), PW_CHANGE_USER),
                              pw_row_get_string (PW_ROW (c), PW_CHANGE_OLD),
                              pw_row_get_string (PW_ROW (c), PW_CHANGE_NEW));
    }
  return NULL;
}

static void
update (PwReturnBar *self)
{
  g_autofree char *fy = pw_format_year (self->year);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *note = NULL;
  int status = self->ret ? pw_row_get_int (PW_ROW (self->ret), PW_RETURN_STATUS) : -1;

  if (self->ret == NULL)
    {
      title = g_strdup_printf (_("%s — %s return: not started"), self->pcn_name, fy);
      detail = g_strdup (_("It starts as a draft when you enter the first level"));
    }
  else
    {
      title = g_strdup_printf (_("%s — %s return: %s"), self->pcn_name, fy, pw_return_status_name (status));
      detail = describe (self->ret);
      if (status == PW_STATUS_DRAFT)
        note = describe_reopening (self);
      else if (*text_of (self->ret, PW_RETURN_REVIEW_NOTE))
        note = g_strdup_printf (_("Reviewer’s comment: %s"), text_of (self->ret, PW_RETURN_REVIEW_NOTE));
    }
  gtk_label_set_label (self->status_label, title);
  gtk_label_set_label (self->detail_label, detail);
  gtk_label_set_label (self->note_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
  gtk_widget_set_visible (self->submit_button, status == PW_STATUS_DRAFT);
  gtk_widget_set_visible (self->review_button, status == PW_STATUS_SUBMITTED);
  gtk_widget_set_visible (self->reopen_button, status == PW_STATUS_SUBMITTED || status == PW_STATUS_REVIEWED);
  gtk_widget_set_sensitive (self->history_button, self->ret != NULL);
}

static void
reload (PwReturnBar *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->ret);
  if (self->store != NULL)
    self->ret = pw_store_get_return (self->store, self->pcn_id, self->year, &error);
  if (error != NULL)
    pw_toast_show (GTK_WIDGET (self), error->message);
  update (self);
}

static void
on_store_changed_cb (PwStore     *store,
                     const char  *table,
                     gint64       id,
                     PwReturnBar *self)
{
  if (table == NULL || g_strcmp0 (table, "return") == 0 || g_strcmp0 (table, "maturity") == 0)
    reload (self);
}

static void
move_to (PwReturnBar    *self,
         PwReturnStatus  status,
         const char     *reviewer,
         const char     *note)
{
  g_autoptr(GError) error = NULL;

  if (self->ret != NULL &&
      !pw_store_set_return_status (self->store, pw_row_get_int (PW_ROW (self->ret), PW_RETURN_ID),
                                   status, reviewer, note, &error))
    pw_show_error (GTK_WIDGET (self), _("Status Not Changed"), error);
}

static guint
count_unscored (PwReturnBar *self)
{
  g_autoptr(GListModel) levels = pw_store_list_maturity (self->store, pw_row_get_int (PW_ROW (self->ret), PW_RETURN_ID), NULL);
  guint n = 0;

  for (guint i = 0; levels && i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(PwMaturity) m = g_list_model_get_item (levels, i);
      n += pw_row_get_int (PW_ROW (m), PW_MATURITY_LEVEL) == PW_LEVEL_NONE;
    }
  return n;
}

static void
on_submit_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PwReturnBar      *self)
{
  if (g_strcmp0 (response, "submit") == 0)
    move_to (self, PW_STATUS_SUBMITTED, NULL, NULL);
}

/* A return with domains unscored is asked about first: submitting closes
 * it to changes until it is reopened. */
static void
on_submit_clicked_cb (PwReturnBar *self)
{
  guint unscored = self->ret ? count_unscored (self) : 0;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (unscored == 0)
    {
      move_to (self, PW_STATUS_SUBMITTED, NULL, NULL);
      return;
    }
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of the five domains has no score. Once submitted, the return "
                                       "cannot be changed until it is reopened.",
                                       "%u of the five domains have no score. Once submitted, the return "
                                       "cannot be changed until it is reopened.", unscored), unscored);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Submit an Incomplete Return?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep Editing"),
                                    "submit", _("_Submit Anyway"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_submit_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reopen_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PwReturnBar      *self)
{
  GtkWidget *reason = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (reason))));

  if (g_strcmp0 (response, "reopen") == 0)
    move_to (self, PW_STATUS_DRAFT, NULL, note);
}

static void
on_reason_changed_cb (GtkEditable      *reason,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "reopen", *text != '\0');
}

/* Reopening undoes a submission or a review: it asks why, and the change
 * log keeps the answer beside the review it replaces. */
static void
on_reopen_clicked_cb (PwReturnBar *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Reopen the Return?"),
                                              _("It becomes a draft that can be changed, and has to be submitted "
                                                "and reviewed again. Why is it being reopened?"));
  GtkWidget *reason = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason, such as “Practice list sizes corrected”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for reopening"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "reopen", _("_Reopen"), NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reopen", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reopen");
  g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reopen_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_review_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PwReturnBar      *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *reviewer = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *frame = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (reviewer));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_frame_get_child (GTK_FRAME (frame))));
  GtkTextIter start, end;
  g_autofree char *note = NULL;

  if (g_strcmp0 (response, "review") != 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  move_to (self, PW_STATUS_REVIEWED, gtk_editable_get_text (GTK_EDITABLE (reviewer)), g_strstrip (note));
}

/* Asks who reviews and what they have to say. */
static void
on_review_clicked_cb (PwReturnBar *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Mark Return Reviewed"),
                                              _("The return is then closed to changes until it is reopened."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *reviewer_label = gtk_label_new_with_mnemonic (_("Re_viewer"));
  GtkWidget *reviewer = gtk_entry_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Reviewer’s _comment"));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  /* The name set in Preferences, which the change log uses too. */
  gtk_editable_set_text (GTK_EDITABLE (reviewer), pw_store_get_user_name (self->store));
  gtk_label_set_xalign (GTK_LABEL (reviewer_label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (reviewer_label), reviewer);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 80);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), reviewer_label);
  gtk_box_append (GTK_BOX (box), reviewer);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "review", _("Mark _Reviewed"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "review", ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog, "response", G_CALLBACK (on_review_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
change_row (PwChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = pw_ui_format_timestamp (pw_row_get_string (PW_ROW (change), PW_CHANGE_AT));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", when, pw_row_get_string (PW_ROW (change), PW_CHANGE_USER));
  const char *old = pw_row_get_string (PW_ROW (change), PW_CHANGE_OLD);
  g_autofree char *title = g_markup_printf_escaped ("%s: %s → %s", pw_row_get_string (PW_ROW (change), PW_CHANGE_WHAT),
                                                    *old ? old : "—", pw_row_get_string (PW_ROW (change), PW_CHANGE_NEW));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

/* The change log, newest first, in a window of its own. */
static void
on_history_clicked_cb (PwReturnBar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autofree char *fy = pw_format_year (self->year);
  g_autofree char *title = g_strdup_printf (_("History of the %s Return"), fy);
  GtkWidget *window, *page, *group, *list;

  if (self->ret == NULL ||
      (changes = pw_store_list_changes (self->store, pw_row_get_int (PW_ROW (self->ret), PW_RETURN_ID), &error)) == NULL)
    return;
  window = adw_preferences_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), TRUE);
  page = adw_preferences_page_new ();
  group = adw_preferences_group_new ();
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(PwChange) change = g_list_model_get_item (changes, i);
      gtk_list_box_append (GTK_LIST_BOX (list), change_row (change));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
}

static void
pw_return_bar_dispose (GObject *object)
{
  PwReturnBar *self = PW_RETURN_BAR (object);

  pw_ui_follow_store (self, &self->store, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_RETURN_BAR);
  g_clear_object (&self->ret);
  g_clear_pointer (&self->pcn_name, g_free);
  G_OBJECT_CLASS (pw_return_bar_parent_class)->dispose (object);
}

static void
pw_return_bar_class_init (PwReturnBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_return_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-return-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PwReturnBar, box);
  gtk_widget_class_bind_template_child (widget_class, PwReturnBar, status_label);
  gtk_widget_class_bind_template_child (widget_class, PwReturnBar, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PwReturnBar, note_label);
  gtk_widget_class_bind_template_child (widget_class, PwReturnBar, submit_button);
  gtk_widget_class_bind_template_child (widget_class, PwReturnBar, review_button);
  gtk_widget_class_bind_template_child (widget_class, PwReturnBar, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, PwReturnBar, history_button);
  gtk_widget_class_bind_template_callback (widget_class, on_submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_review_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reopen_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_history_clicked_cb);
}

static void
pw_return_bar_init (PwReturnBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
pw_return_bar_show (PwReturnBar *self,
                    PwStore     *store,
                    PwPcn       *pcn,
                    int          year)
{
  g_return_if_fail (PW_IS_RETURN_BAR (self));

  pw_ui_follow_store (self, &self->store, store, G_CALLBACK (on_store_changed_cb));
  self->pcn_id = pw_pcn_get_id (pcn);
  g_free (self->pcn_name);
  self->pcn_name = g_strdup (pw_pcn_get_text (pcn, PW_PCN_NAME));
  self->year = year;
  reload (self);
}

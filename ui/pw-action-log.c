/* pw-action-log.c — a locality board's action log
 *
 * The actions by due date, filtered to the open ones (the default), the
 * overdue ones or all; an open action past its due date is marked
 * Overdue.  "Done" marks an action done in one click, dated today, with
 * Undo in the toast putting back its status and date as they were; "New
 * Action" adds one, with the next reference offered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-action-log.h"
#include "pw-parse.h"
#include "pw-store-boards.h"
#include "pw-ui-util.h"

struct _PwActionLog
{
  GtkWidget parent_instance;

  PwStore *store;              /* owned */
  gint64 locality_id;

  GtkLabel *summary;
  GtkDropDown *filter;
  GtkListBox *list;
  GtkButton *new_button;
};

G_DEFINE_FINAL_TYPE (PwActionLog, pw_action_log, GTK_TYPE_WIDGET)

/* What Undo puts back. */
typedef struct
{
  PwStore *store;
  gint64 action_id;
  int status;
  char *done;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *u = data;

  g_object_unref (u->store);
  g_free (u->done);
  g_free (u);
}

static void
undo_done (gpointer data)
{
  Undo *u = data;
  g_autoptr(GError) error = NULL;

  if (!pw_store_set_action_status (u->store, u->action_id, u->status, u->done, &error))
    g_warning ("Undo failed: %s", error->message);
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
on_done_clicked_cb (GtkButton   *button,
                    PwActionLog *self)
{
  PwBoardAction *action = g_object_get_data (G_OBJECT (button), "pw-action");
  PwRow *r = PW_ROW (action);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  Undo *u;

  u = g_new0 (Undo, 1);
  u->store = g_object_ref (self->store);
  u->action_id = pw_row_get_int (r, PW_BOARD_ACTION_ID);
  u->status = pw_row_get_int (r, PW_BOARD_ACTION_STATUS);
  u->done = g_strdup (pw_row_get_string (r, PW_BOARD_ACTION_DONE));
  title = g_strdup_printf (_("Action %s done"), pw_row_get_string (r, PW_BOARD_ACTION_REF));
  /* the row goes with the refresh: the toast is raised from the page */
  if (!pw_store_set_action_status (self->store, u->action_id, PW_ACTION_DONE, "", &error))
    {
      undo_free (u);
      pw_show_error (GTK_WIDGET (self), _("Action Not Changed"), error);
      return;
    }
  pw_toast_with_undo (GTK_WIDGET (self), title, undo_done, u, undo_free);
}

static GtkWidget *
make_row (PwActionLog   *self,
          PwBoardAction *action,
          const char    *today)
{
  PwRow *r = PW_ROW (action);
  int status = pw_row_get_int (r, PW_BOARD_ACTION_STATUS);
  gboolean overdue = pw_board_action_is_overdue (action, today);
  g_autofree char *title = g_markup_printf_escaped ("%s · %s", pw_row_get_string (r, PW_BOARD_ACTION_REF),
                                                    pw_row_get_string (r, PW_BOARD_ACTION_TEXT));
  g_autofree char *due = pw_format_date (pw_row_get_string (r, PW_BOARD_ACTION_DUE));
  g_autofree char *owner = g_markup_escape_text (pw_row_get_string (r, PW_BOARD_ACTION_OWNER), -1);
  g_autofree char *subtitle = g_strdup_printf (_("%s · due %s"), *owner ? owner : _("No owner"),
                                               *due ? due : _("no date"));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (overdue ? _("Overdue") : pw_action_status_name (status));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (state, overdue ? "error" : "dim-label");
  if (overdue)
    gtk_widget_add_css_class (state, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  if (PW_ACTION_IS_OPEN (status))
    {
      GtkWidget *done = gtk_button_new_with_mnemonic (_("_Done"));

      gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (done, _("Mark this action done today"));
      g_object_set_data_full (G_OBJECT (done), "pw-action", g_object_ref (action), g_object_unref);
      g_signal_connect (done, "clicked", G_CALLBACK (on_done_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
    }
  g_object_set_data_full (G_OBJECT (row), "pw-action", g_object_ref (action), g_object_unref);
  return row;
}

/* ------------------------------------------------------------------ */
/* A new action                                                        */

enum { NEW_REF, NEW_TEXT, NEW_OWNER, NEW_DUE, N_NEW };

static AdwEntryRow *
new_row (AdwMessageDialog *dialog,
         guint             i)
{
  GtkWidget *row = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));

  while (i-- > 0)
    row = gtk_widget_get_next_sibling (row);
  return ADW_ENTRY_ROW (row);
}

static void
on_new_changed_cb (GtkEditable      *any,
                   AdwMessageDialog *dialog)
{
  gboolean ok = pw_entry_row_check (new_row (dialog, NEW_REF), PW_FORM_NAME, NULL, NULL);

  ok = pw_entry_row_check (new_row (dialog, NEW_TEXT), PW_FORM_NAME, NULL, NULL) && ok;
  ok = pw_entry_row_check (new_row (dialog, NEW_DUE), PW_FORM_DATE, NULL, NULL) && ok;
  adw_message_dialog_set_response_enabled (dialog, "add", ok);
}

static void
on_new_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PwActionLog      *self)
{
  g_autoptr(PwBoardAction) action = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;
  pw_form_check (PW_FORM_DATE, gtk_editable_get_text (GTK_EDITABLE (new_row (dialog, NEW_DUE))), &due, NULL, NULL);
  action = g_object_new (PW_TYPE_BOARD_ACTION, "locality-id", self->locality_id,
                         "ref", gtk_editable_get_text (GTK_EDITABLE (new_row (dialog, NEW_REF))),
                         "text", gtk_editable_get_text (GTK_EDITABLE (new_row (dialog, NEW_TEXT))),
                         "owner", gtk_editable_get_text (GTK_EDITABLE (new_row (dialog, NEW_OWNER))),
                         "due", due ? due : "", NULL);
  if (!pw_store_put_action (self->store, action, NULL, &error))
    pw_show_error (GTK_WIDGET (self), _("Action Not Added"), error);
}

/* The reference after the log's highest: "RIV-005" after "RIV-004";
 * the locality's first three letters for a log with none. */
static char *
next_ref (PwActionLog *self,
          GListModel  *actions)
{
  g_autofree char *prefix = NULL;
  guint64 highest = 0;

  for (guint i = 0; actions != NULL && i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(PwRow) a = g_list_model_get_item (actions, i);
      const char *ref = pw_row_get_string (a, PW_BOARD_ACTION_REF);
      const char *dash = strrchr (ref, '-');
      guint64 n = dash ? g_ascii_strtoull (dash + 1, NULL, 10) : 0;

      if (dash != NULL && n >= highest)
        {
          highest = n;
          g_free (prefix);
          prefix = g_strndup (ref, dash - ref);
        }
    }
  if (prefix == NULL)
    {
      g_autoptr(PwBoard) board = pw_store_get_board (self->store, self->locality_id, "", NULL);
      g_autofree char *name = g_utf8_strup (board ? pw_row_get_string (PW_ROW (board), PW_BOARD_LOCALITY) : "ACT", -1);

      prefix = g_utf8_substring (name, 0, MIN (3, g_utf8_strlen (name, -1)));
    }
  return g_strdup_printf ("%s-%03" G_GUINT64_FORMAT, prefix, highest + 1);
}

static void
new_action (PwActionLog *self)
{
  static const char *titles[N_NEW] = { N_("_Reference"), N_("_Action"), N_("_Owner"), N_("_Due (DD/MM/YYYY)") };
  g_autoptr(GListModel) actions = self->store ? pw_store_list_actions (self->store, self->locality_id, NULL) : NULL;
  g_autofree char *ref = NULL;
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL)
    return;
  ref = next_ref (self, actions);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("New Action"),
                                   _("Added to the board’s action log, open."));
  for (guint i = 0; i < N_NEW; i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(titles[i]));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      g_signal_connect (row, "changed", G_CALLBACK (on_new_changed_cb), dialog);
      gtk_list_box_append (GTK_LIST_BOX (box), row);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  gtk_editable_set_text (GTK_EDITABLE (new_row (ADW_MESSAGE_DIALOG (dialog), NEW_REF)), ref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (new_row (ADW_MESSAGE_DIALOG (dialog), NEW_TEXT)));
}

static gboolean
shown (PwBoardAction  *action,
       PwActionFilter  filter,
       const char     *today)
{
  if (filter == PW_ACTION_FILTER_ALL)
    return TRUE;
  if (filter == PW_ACTION_FILTER_OVERDUE)
    return pw_board_action_is_overdue (action, today);
  return PW_ACTION_IS_OPEN (pw_row_get_int (PW_ROW (action), PW_BOARD_ACTION_STATUS));
}

static void
refresh (PwActionLog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autofree char *today = today_iso ();
  PwActionFilter filter = gtk_drop_down_get_selected (self->filter);
  guint open = 0, overdue = 0;
  g_autofree char *summary = NULL;

  pw_list_box_clear (self->list);
  if (self->store == NULL || (actions = pw_store_list_actions (self->store, self->locality_id, &error)) == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(PwBoardAction) a = g_list_model_get_item (actions, i);

      open += PW_ACTION_IS_OPEN (pw_row_get_int (PW_ROW (a), PW_BOARD_ACTION_STATUS));
      overdue += pw_board_action_is_overdue (a, today);
      if (shown (a, filter, today))
        gtk_list_box_append (self->list, make_row (self, a, today));
    }
  summary = g_strdup_printf (_("%u open, %u overdue, %u in all, by due date"), open, overdue,
                             g_list_model_get_n_items (actions));
  gtk_label_set_label (self->summary, summary);
}

static void
on_store_changed_cb (PwStore     *store,
                     const char  *table,
                     gint64       id,
                     PwActionLog *self)
{
  if (table == NULL || (g_strcmp0 (table, "board") == 0 && id == self->locality_id))
    refresh (self);
}

void
pw_action_log_show (PwActionLog *self,
                    PwStore     *store,
                    gint64       locality_id)
{
  g_return_if_fail (PW_IS_ACTION_LOG (self));

  pw_ui_follow_store (self, &self->store, store, G_CALLBACK (on_store_changed_cb));
  self->locality_id = locality_id;
  refresh (self);
}

void
pw_action_log_set_filter (PwActionLog    *self,
                          PwActionFilter  filter)
{
  g_return_if_fail (PW_IS_ACTION_LOG (self));
  gtk_drop_down_set_selected (self->filter, filter);
}

/* Returns: (transfer none): the list of rows, for tests */
GtkListBox *
pw_action_log_get_list (PwActionLog *self)
{
  g_return_val_if_fail (PW_IS_ACTION_LOG (self), NULL);
  return self->list;
}

static void
pw_action_log_dispose (GObject *object)
{
  GtkWidget *child;
  PwActionLog *self = PW_ACTION_LOG (object);

  pw_ui_follow_store (self, &self->store, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_ACTION_LOG);
  /* the template's top box has no id: GTK 4.8 leaves it parented */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pw_action_log_parent_class)->dispose (object);
}

static void
pw_action_log_class_init (PwActionLogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_action_log_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-action-log.ui");
  gtk_widget_class_bind_template_child (widget_class, PwActionLog, summary);
  gtk_widget_class_bind_template_child (widget_class, PwActionLog, filter);
  gtk_widget_class_bind_template_child (widget_class, PwActionLog, list);
  gtk_widget_class_bind_template_child (widget_class, PwActionLog, new_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pw_action_log_init (PwActionLog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->filter, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (new_action), self);
}

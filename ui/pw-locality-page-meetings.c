/* pw-locality-page-meetings.c — the Locality page's Meetings tab
 *
 * Each meeting, latest first, as an expander: its notes, a tick box per
 * member on the board that day (saved when ticked), its decisions (each
 * removable, with Undo), the actions it raised, and Add Decision….  The
 * meetings the user folded or unfolded stay so when the page reloads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-locality-page-private.h"
#include "pw-parse.h"
#include "pw-ui-util.h"

static GtkWidget *
add_child_row (GtkWidget  *expander,
               const char *title,
               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *s = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  return row;
}

/* Ticked or unticked, the attendance is saved at once. */
static void
on_attended_toggled_cb (GtkCheckButton *check,
                        PwLocalityPage *self)
{
  gint64 meeting = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "pw-meeting"));
  PwRow *member = g_object_get_data (G_OBJECT (check), "pw-item");
  g_autoptr(GError) error = NULL;

  if (!pw_store_set_attendance (self->store, meeting, pw_row_get_int (member, PW_BOARD_MEMBER_ID),
                                gtk_check_button_get_active (check), &error))
    pw_show_error (GTK_WIDGET (self), _("Attendance Not Saved"), error);
}

/* Whether @member sat on the board on @date (ISO). */
static gboolean
member_on (PwRow      *member,
           const char *date)
{
  const char *joined = pw_row_get_string (member, PW_BOARD_MEMBER_JOINED);
  const char *left = pw_row_get_string (member, PW_BOARD_MEMBER_LEFT);

  return (*joined == '\0' || strcmp (joined, date) <= 0) && (*left == '\0' || strcmp (left, date) > 0);
}

/* A tick per member on the board that day, and anyone recorded present. */
static void
add_attendance (PwLocalityPage *self,
                GtkWidget      *expander,
                PwRow          *meeting,
                GListModel     *members)
{
  gint64 id = pw_row_get_int (meeting, PW_BOARD_MEETING_ID);
  const char *held = pw_row_get_string (meeting, PW_BOARD_MEETING_DATE);
  g_autoptr(GListModel) attendees = pw_store_list_attendees (self->store, id, NULL);
  guint n = attendees ? g_list_model_get_n_items (attendees) : 0;
  g_autofree gint64 *ids = g_new0 (gint64, n + 1);
  g_autoptr(GHashTable) present = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRow) a = g_list_model_get_item (attendees, i);
      ids[i] = pw_row_get_int (a, PW_BOARD_MEMBER_ID);
      g_hash_table_add (present, &ids[i]);
    }
  for (guint i = 0; members != NULL && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(PwRow) m = g_list_model_get_item (members, i);
      gint64 member_id = pw_row_get_int (m, PW_BOARD_MEMBER_ID);
      gboolean here = g_hash_table_contains (present, &member_id);
      GtkWidget *row, *check;
      g_autofree char *name = NULL, *detail = NULL;

      if (!here && !member_on (m, held))
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      name = g_markup_escape_text (pw_row_get_string (m, PW_BOARD_MEMBER_NAME), -1);
      detail = g_markup_escape_text (pw_row_get_string (m, PW_BOARD_MEMBER_ORGANISATION), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), here);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "pw-meeting", GSIZE_TO_POINTER (id));
      g_object_set_data_full (G_OBJECT (check), "pw-item", g_object_ref (m), g_object_unref);
      g_signal_connect (check, "toggled", G_CALLBACK (on_attended_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
}

static void
on_edit_meeting_cb (GtkWidget      *button,
                    PwLocalityPage *self)
{
  pw_board_edit_meeting (GTK_WIDGET (self), self->store, self->locality_id,
                         g_object_get_data (G_OBJECT (button), "pw-item"));
}

static void
on_add_decision_cb (GtkWidget      *button,
                    PwLocalityPage *self)
{
  PwRow *meeting = g_object_get_data (G_OBJECT (button), "pw-item");

  pw_board_add_decision (GTK_WIDGET (self), self->store, pw_row_get_int (meeting, PW_BOARD_MEETING_ID),
                         g_object_get_data (G_OBJECT (button), "pw-ref"));
}

/* The meeting's decisions; returns how many. */
static guint
add_decisions (PwLocalityPage *self,
               GtkWidget      *expander,
               gint64          meeting_id)
{
  g_autoptr(GListModel) decisions = pw_store_list_decisions (self->store, meeting_id, NULL);
  guint n = decisions ? g_list_model_get_n_items (decisions) : 0;

  for (guint d = 0; d < n; d++)
    {
      g_autoptr(PwRow) dec = g_list_model_get_item (decisions, d);
      g_autofree char *title = g_strdup_printf (_("Decision %s"), pw_row_get_string (dec, PW_BOARD_DECISION_REF));
      GtkWidget *row = add_child_row (expander, title, pw_row_get_string (dec, PW_BOARD_DECISION_TEXT));

      add_remove_button (self, row, dec, &decision_kind, _("Remove this decision"));
    }
  return n;
}

static void
add_raised (GtkWidget  *expander,
            const char *held,
            GListModel *actions)
{
  for (guint a = 0; actions != NULL && a < g_list_model_get_n_items (actions); a++)
    {
      g_autoptr(PwRow) act = g_list_model_get_item (actions, a);
      g_autofree char *title = NULL;

      if (g_strcmp0 (pw_row_get_string (act, PW_BOARD_ACTION_RAISED), held) != 0)
        continue;
      title = g_strdup_printf (_("Action %s raised (%s)"), pw_row_get_string (act, PW_BOARD_ACTION_REF),
                               pw_action_status_name (pw_row_get_int (act, PW_BOARD_ACTION_STATUS)));
      add_child_row (expander, title, pw_row_get_string (act, PW_BOARD_ACTION_TEXT));
    }
}

/* A button row at the foot of a meeting: "Add Decision…". */
static void
add_decision_button (PwLocalityPage *self,
                     GtkWidget      *expander,
                     PwRow          *meeting,
                     guint           next)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Add _Decision…"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "pw-item", g_object_ref (meeting), g_object_unref);
  g_object_set_data_full (G_OBJECT (button), "pw-ref", g_strdup_printf ("D%u", next), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_decision_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Decisions and actions"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

/* Remembers a meeting the user unfolded or folded, across refreshes. */
static void
on_meeting_expanded_cb (GtkWidget      *expander,
                        GParamSpec     *pspec,
                        PwLocalityPage *self)
{
  gint64 *id = g_new (gint64, 1);

  *id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (expander), "pw-meeting"));
  g_hash_table_insert (self->folded, id,
                       GINT_TO_POINTER (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander))));
}

void
fill_meetings (PwLocalityPage *self,
               GListModel     *actions)
{
  g_autoptr(GListModel) meetings = pw_store_list_meetings (self->store, self->locality_id, NULL);
  g_autoptr(GListModel) members = pw_store_list_members (self->store, self->locality_id, NULL, NULL);
  guint n = meetings ? g_list_model_get_n_items (meetings) : 0, decisions = 0;
  AdwPreferencesGroup *group = add_group (self->meetings_box, _("Meetings"),
                                          n == 0 ? _("No meetings recorded yet") : _("Latest first"));
  GtkWidget **rows = g_new0 (GtkWidget *, n + 1);

  add_heading_button (group, _("_New Meeting…"), "page.add-meeting");
  /* oldest first, so that decisions number on from the meetings before */
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(PwRow) m = g_list_model_get_item (meetings, i);
      gint64 id = pw_row_get_int (m, PW_BOARD_MEETING_ID);
      const char *held = pw_row_get_string (m, PW_BOARD_MEETING_DATE);
      const char *notes = pw_row_get_string (m, PW_BOARD_MEETING_NOTES);
      g_autofree char *date = pw_format_date (held);
      g_autofree char *sub = g_strdup_printf (_("%s · %d attended"), pw_row_get_int (m, PW_BOARD_MEETING_QUORATE)
                                                                      ? _("Quorate") : _("Not quorate"),
                                              (int) pw_row_get_int (m, PW_BOARD_MEETING_ATTENDED));
      GtkWidget *expander = adw_expander_row_new ();
      gpointer folded = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), date);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), sub);
      add_row_button (expander, "document-edit-symbolic", _("Change the meeting’s date, quorum or notes"), m,
                      G_CALLBACK (on_edit_meeting_cb), self);
      if (*notes)
        add_child_row (expander, _("Notes"), notes);
      add_attendance (self, expander, m, members);
      decisions += add_decisions (self, expander, id);
      add_raised (expander, held, actions);
      add_decision_button (self, expander, m, decisions + 1);
      g_object_set_data (G_OBJECT (expander), "pw-meeting", GSIZE_TO_POINTER (id));
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander),
                                     g_hash_table_lookup_extended (self->folded, &id, NULL, &folded)
                                       ? GPOINTER_TO_INT (folded) : i == 0);
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_meeting_expanded_cb), self);
      rows[i] = expander;
    }
  for (guint i = 0; i < n; i++)
    adw_preferences_group_add (group, rows[i]);
  g_free (rows);
}

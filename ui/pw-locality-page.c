/* pw-locality-page.c — a locality: its board, meetings, actions, risks and PCNs
 *
 * Opened from a locality's heading in the sidebar (or its list here).
 * Board: the board's own texts, saved as typed; its stage with the dated
 * history; its current members grouped by sector, with a count per
 * sector so that a missing partner shows.  Meetings: each with its
 * attendance, decisions and the actions it raised.  Actions: the log
 * (PwActionLog).  Risks: the 5×5 matrix (PwRiskMatrix) and the register.
 * PCNs: the locality's PCNs with their maturity for the year and ARRS WTE
 * in post against planned, and the review queue, each return one click
 * ("open-pcn") from its page.  At the foot of the Board tab, a locality
 * made by mistake is deleted, or a duplicate merged into another
 * (PwPcnActions); once its locality is gone the page gives way to the
 * overview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-action-log.h"
#include "pw-locality-page.h"
#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-pcn-actions.h"
#include "pw-risk-matrix.h"
#include "pw-store-boards.h"
#include "pw-ui-util.h"

#define N_TEXTS (PW_BOARD_TOR_REVIEW - PW_BOARD_NAME + 1)

struct _PwLocalityPage
{
  GtkWidget parent_instance;

  PwStore *store;              /* owned */
  gint64 locality_id;
  int year;
  gboolean loading;            /* filling the fields: not an edit */

  GtkLabel *title;
  GtkLabel *subtitle;
  GtkDropDown *locality_dropdown;
  AdwViewStack *view_stack;
  AdwEntryRow *name_row, *purpose_row, *reports_row, *frequency_row;
  AdwEntryRow *tor_version_row, *tor_approved_row, *tor_review_row;
  GtkBox *board_box;
  GtkBox *meetings_box;
  PwActionLog *action_log;
  PwRiskMatrix *matrix;
  GtkLabel *risk_legend;
  GtkBox *risks_box;
  GtkBox *pcns_box;
  GtkButton *merge_button;
  GtkButton *delete_button;
};

G_DEFINE_FINAL_TYPE (PwLocalityPage, pw_locality_page, GTK_TYPE_WIDGET)

enum { OPEN_PCN, N_SIGNALS };
static guint signals[N_SIGNALS];

static AdwEntryRow *
text_row (PwLocalityPage *self,
          PwBoardField    field)
{
  AdwEntryRow *rows[N_TEXTS] = { self->name_row, self->purpose_row, self->reports_row, self->frequency_row,
                                 self->tor_version_row, self->tor_approved_row, self->tor_review_row };

  return rows[field - PW_BOARD_NAME];
}

static gboolean
is_date (PwBoardField field)
{
  return field == PW_BOARD_TOR_APPROVED || field == PW_BOARD_TOR_REVIEW;
}

/* ------------------------------------------------------------------ */
/* Small builders                                                      */

static AdwPreferencesGroup *
add_group (GtkBox     *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A row of plain text: @title and @subtitle are user text, never markup. */
static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *s = g_markup_escape_text (subtitle ? subtitle : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
  if (*s)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s);
  adw_preferences_group_add (group, row);
  return row;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* ------------------------------------------------------------------ */
/* Board                                                               */

typedef struct
{
  gint64 locality_id;
  PwBoardField field;
  char *value;
} TextSave;

static void
text_save_free (gpointer data)
{
  TextSave *s = data;

  g_free (s->value);
  g_free (s);
}

static gboolean
save_text (PwStore  *store,
           gpointer  data,
           GError  **error)
{
  TextSave *s = data;

  return pw_store_set_board_text (store, s->locality_id, s->field, s->value, error);
}

/* Saved as typed; a date is saved once it reads as one (or is cleared). */
static void
on_text_changed_cb (GtkEditable    *editable,
                    PwLocalityPage *self)
{
  PwBoardField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "pw-field"));
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *key = NULL, *iso = NULL;
  g_autoptr(GError) error = NULL;
  TextSave *s;

  if (self->loading || self->store == NULL || self->locality_id == 0)
    return;
  if (is_date (field) && *text != '\0' && !pw_parse_date (text, &iso, &error))
    {
      pw_entry_row_set_problem (ADW_ENTRY_ROW (editable), NULL, error->message);
      return;
    }
  pw_entry_row_set_problem (ADW_ENTRY_ROW (editable), NULL, NULL);
  s = g_new0 (TextSave, 1);
  s->locality_id = self->locality_id;
  s->field = field;
  s->value = is_date (field) ? g_strdup (iso ? iso : "") : g_strdup (text);
  key = g_strdup_printf ("board/%" G_GINT64_FORMAT "/%d", self->locality_id, field);
  pw_ui_save (GTK_WIDGET (editable), self->store, key, save_text, s, text_save_free);
}

static void
fill_texts (PwLocalityPage *self,
            PwBoard        *board)
{
  self->loading = TRUE;
  for (PwBoardField f = PW_BOARD_NAME; f <= PW_BOARD_TOR_REVIEW; f++)
    {
      AdwEntryRow *row = text_row (self, f);
      const char *value = pw_row_get_string (PW_ROW (board), f);
      g_autofree char *shown = is_date (f) ? pw_format_date (value) : g_strdup (value);

      if (!pw_ui_is_editing (GTK_WIDGET (row)) && !pw_ui_save_is_pending (GTK_WIDGET (row)) &&
          g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), shown) != 0)
        gtk_editable_set_text (GTK_EDITABLE (row), shown);
    }
  self->loading = FALSE;
}

static void
fill_stage (PwLocalityPage *self,
            PwBoard        *board)
{
  g_autoptr(GListModel) steps = pw_store_list_board_stages (self->store, self->locality_id, NULL);
  int stage = pw_row_get_int (PW_ROW (board), PW_BOARD_STAGE);
  AdwPreferencesGroup *group = add_group (self->board_box, _("Stage of Development"),
                                          stage < 0 ? _("No stage recorded yet") : NULL);

  for (guint i = 0; steps != NULL && i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(PwRow) s = g_list_model_get_item (steps, i);
      g_autofree char *date = pw_format_date (pw_row_get_string (s, PW_BOARD_STEP_DATE));
      g_autofree char *title = g_strdup_printf (i == 0 ? _("%s (current), since %s") : _("%s, from %s"),
                                                pw_board_stage_name (pw_row_get_int (s, PW_BOARD_STEP_STAGE)), date);

      add_row (group, title, pw_row_get_string (s, PW_BOARD_STEP_WHY));
    }
}

/* Current members by sector, every sector shown with its count. */
static void
fill_members (PwLocalityPage *self)
{
  g_autofree char *today = today_iso ();
  g_autoptr(GListModel) members = pw_store_list_members (self->store, self->locality_id, today, NULL);
  guint n = members ? g_list_model_get_n_items (members) : 0, i = 0;
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Members (%u)", "Members (%u)", n), n);
  AdwPreferencesGroup *group = add_group (self->board_box, heading,
                                          _("Current members, by the sector of their organisation"));

  for (int sector = 0; sector < PW_N_SECTORS; sector++)
    {
      guint first = i, count;
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *sub = NULL;

      while (i < n)
        {
          g_autoptr(PwRow) m = g_list_model_get_item (members, i);
          if (pw_row_get_int (m, PW_BOARD_MEMBER_SECTOR) != sector)
            break;
          i++;
        }
      count = i - first;
      sub = count ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", count), count)
                  : g_strdup (_("No member from this sector"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), pw_sector_name (sector));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), sub);
      if (count == 0)
        gtk_widget_add_css_class (expander, "dim-label");
      for (guint k = first; k < i; k++)
        {
          g_autoptr(PwRow) m = g_list_model_get_item (members, k);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *name = g_markup_escape_text (pw_row_get_string (m, PW_BOARD_MEMBER_NAME), -1);
          g_autofree char *detail = g_markup_printf_escaped ("%s · %s", pw_board_role_name (pw_row_get_int (m, PW_BOARD_MEMBER_ROLE)),
                                                             pw_row_get_string (m, PW_BOARD_MEMBER_ORGANISATION));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), count > 0);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), count > 0);
      adw_preferences_group_add (group, expander);
    }
}

/* ------------------------------------------------------------------ */
/* Meetings                                                            */

static char *
names_of (GListModel *members)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; members != NULL && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(PwRow) m = g_list_model_get_item (members, i);
      g_string_append_printf (s, "%s%s", i ? ", " : "", pw_row_get_string (m, PW_BOARD_MEMBER_NAME));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
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
}

static void
fill_meetings (PwLocalityPage *self,
               GListModel     *actions)
{
  g_autoptr(GListModel) meetings = pw_store_list_meetings (self->store, self->locality_id, NULL);
  guint n = meetings ? g_list_model_get_n_items (meetings) : 0;
  AdwPreferencesGroup *group = add_group (self->meetings_box, _("Meetings"),
                                          n == 0 ? _("No meetings recorded yet") : _("Latest first"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRow) m = g_list_model_get_item (meetings, i);
      gint64 id = pw_row_get_int (m, PW_BOARD_MEETING_ID);
      const char *held = pw_row_get_string (m, PW_BOARD_MEETING_DATE);
      g_autoptr(GListModel) attendees = pw_store_list_attendees (self->store, id, NULL);
      g_autoptr(GListModel) decisions = pw_store_list_decisions (self->store, id, NULL);
      g_autofree char *date = pw_format_date (held), *who = names_of (attendees);
      g_autofree char *sub = g_strdup_printf (_("%s · %d attended"), pw_row_get_int (m, PW_BOARD_MEETING_QUORATE)
                                                                      ? _("Quorate") : _("Not quorate"),
                                              (int) pw_row_get_int (m, PW_BOARD_MEETING_ATTENDED));
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), date);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), sub);
      add_child_row (expander, _("Attended"), *who ? who : _("No attendance recorded"));
      for (guint d = 0; decisions != NULL && d < g_list_model_get_n_items (decisions); d++)
        {
          g_autoptr(PwRow) dec = g_list_model_get_item (decisions, d);
          g_autofree char *title = g_strdup_printf (_("Decision %s"), pw_row_get_string (dec, PW_BOARD_DECISION_REF));
          add_child_row (expander, title, pw_row_get_string (dec, PW_BOARD_DECISION_TEXT));
        }
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
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), i == 0);
      adw_preferences_group_add (group, expander);
    }
}

/* ------------------------------------------------------------------ */
/* Risks                                                               */

static void
fill_risks (PwLocalityPage *self)
{
  g_autoptr(GListModel) risks = pw_store_list_risks (self->store, self->locality_id, NULL);
  guint n = risks ? g_list_model_get_n_items (risks) : 0;
  AdwPreferencesGroup *group = add_group (self->risks_box, _("Risk Register"),
                                          n == 0 ? _("No risks recorded yet") : _("Highest score first"));

  pw_risk_matrix_set_risks (self->matrix, risks);
  gtk_label_set_label (self->risk_legend,
                       _("Likelihood (up) × impact (across), 1 to 5 each, as on the NHS 5×5 risk matrix.\n"
                         "Green 1–3 low · yellow 4–6 moderate · amber 8–12 high · red 15–25 extreme.\n"
                         "A score of 12 or more goes to the committee."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRow) r = g_list_model_get_item (risks, i);
      int score = pw_row_get_int (r, PW_BOARD_RISK_SCORE);
      g_autofree char *title = g_strdup_printf ("%s · %s", pw_row_get_string (r, PW_BOARD_RISK_REF),
                                                pw_row_get_string (r, PW_BOARD_RISK_DESCRIPTION));
      g_autofree char *review = pw_format_date (pw_row_get_string (r, PW_BOARD_RISK_REVIEW));
      g_autofree char *sub = g_strdup_printf (_("Likelihood %d × impact %d = %d · %s · review %s"),
                                              (int) pw_row_get_int (r, PW_BOARD_RISK_LIKELIHOOD),
                                              (int) pw_row_get_int (r, PW_BOARD_RISK_IMPACT), score,
                                              pw_row_get_string (r, PW_BOARD_RISK_OWNER), *review ? review : _("not set"));
      GtkWidget *row = add_row (group, title, sub);
      GtkWidget *badge = gtk_label_new (score >= PW_RISK_HIGH ? _("High") : NULL);

      gtk_widget_add_css_class (badge, "error");
      gtk_widget_add_css_class (badge, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
}

/* ------------------------------------------------------------------ */
/* PCNs                                                                */

static void
on_open_clicked_cb (GtkButton      *button,
                    PwLocalityPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "pw-pcn"));

  g_signal_emit (self, signals[OPEN_PCN], 0, id);
}

/* "Foundation · Step 1 · …" in domain order, as the overview reads. */
static char *
levels_text (GHashTable *levels,
             gint64      pcn_id)
{
  int *row = levels ? g_hash_table_lookup (levels, &pcn_id) : NULL;
  g_autoptr(GString) s = g_string_new (NULL);

  if (row == NULL)
    return g_strdup (_("No maturity assessment this year"));
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    g_string_append_printf (s, "%s%s", d ? " · " : "", pw_level_name (row[d]));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
wte_text (PwStore *store,
          gint64   return_id)
{
  g_autoptr(GListModel) wte = return_id ? pw_store_list_wte (store, return_id, NULL) : NULL;
  gint64 in_post = 0, planned = 0;
  g_autofree char *a = NULL, *b = NULL;

  for (guint i = 0; wte != NULL && i < g_list_model_get_n_items (wte); i++)
    {
      g_autoptr(PwRow) w = g_list_model_get_item (wte, i);
      in_post += pw_row_get_int (w, PW_ARRS_WTE_IN_POST);
      planned += pw_row_get_int (w, PW_ARRS_WTE_PLANNED);
    }
  if (wte == NULL || g_list_model_get_n_items (wte) == 0)
    return g_strdup (_("No ARRS figures"));
  a = pw_format_wte (in_post), b = pw_format_wte (planned);
  return g_strdup_printf (_("ARRS %s WTE in post of %s planned"), a, b);
}

static void
fill_pcns (PwLocalityPage *self)
{
  g_autoptr(GListModel) pcns = pw_store_list_pcns (self->store, self->year);
  g_autoptr(GListModel) returns = pw_store_list_returns (self->store, self->year, NULL);
  g_autoptr(GHashTable) levels = pw_store_maturity_levels (self->store, self->year, NULL);
  g_autoptr(GHashTable) by_pcn = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *fy = pw_format_year (self->year);
  g_autofree char *heading = g_strdup_printf (_("PCNs in %s"), fy);
  AdwPreferencesGroup *list = add_group (self->pcns_box, heading, _("Maturity by domain as the overview shows it, "
                                                                   "and ARRS workforce in post against planned"));
  AdwPreferencesGroup *queue = add_group (self->pcns_box, _("Waiting for Review"),
                                          _("Returns submitted and not yet reviewed"));
  guint waiting = 0;

  for (guint i = 0; returns != NULL && i < g_list_model_get_n_items (returns); i++)
    {
      PwRow *r = g_list_model_get_item (returns, i);
      gint64 *key = g_new (gint64, 1);

      *key = pw_row_get_int (r, PW_RETURN_PCN_ID);
      g_hash_table_insert (by_pcn, key, r);     /* freed below */
    }
  for (guint i = 0; pcns != NULL && i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) p = g_list_model_get_item (pcns, i);
      gint64 id = pw_pcn_get_id (p);
      PwRow *ret = g_hash_table_lookup (by_pcn, &id);
      g_autofree char *maturity = NULL, *wte = NULL, *sub = NULL;

      if (pw_pcn_get_number (p, PW_PCN_LOCALITY_ID) != self->locality_id)
        continue;
      maturity = levels_text (levels, id);
      wte = wte_text (self->store, ret ? pw_row_get_int (ret, PW_RETURN_ID) : 0);
      sub = g_strdup_printf ("%s\n%s", maturity, wte);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (add_row (list, pw_pcn_get_text (p, PW_PCN_NAME), sub)), 0);
      if (ret != NULL && pw_row_get_int (ret, PW_RETURN_STATUS) == PW_STATUS_SUBMITTED)
        {
          g_autofree char *when = pw_ui_format_timestamp (pw_row_get_string (ret, PW_RETURN_SUBMITTED_AT));
          g_autofree char *s = g_strdup_printf (_("Submitted %s"), when);
          GtkWidget *row = add_row (queue, pw_pcn_get_text (p, PW_PCN_NAME), s);
          GtkWidget *open = gtk_button_new_with_mnemonic (_("_Review"));

          gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (open), "pw-pcn", GSIZE_TO_POINTER (id));
          g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), open);
          waiting++;
        }
    }
  if (waiting == 0)
    add_row (queue, _("Nothing waiting for review"), NULL);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, by_pcn);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_free (key), g_object_unref (value);
  }
}

/* ------------------------------------------------------------------ */
/* The page                                                            */

static void
refresh (PwLocalityPage *self)
{
  g_autofree char *today = today_iso ();
  g_autoptr(PwBoard) board = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autofree char *sub = NULL;
  const char *name;

  if (self->store == NULL || self->locality_id == 0 ||
      (board = pw_store_get_board (self->store, self->locality_id, today, NULL)) == NULL)
    return;
  name = pw_row_get_string (PW_ROW (board), PW_BOARD_NAME);
  gtk_label_set_label (self->title, pw_row_get_string (PW_ROW (board), PW_BOARD_LOCALITY));
  sub = g_strdup_printf (_("%s · %s · %d members · %d open actions, %d overdue"), *name ? name : _("Board not named yet"),
                         pw_board_stage_name (pw_row_get_int (PW_ROW (board), PW_BOARD_STAGE)),
                         (int) pw_row_get_int (PW_ROW (board), PW_BOARD_MEMBERS),
                         (int) pw_row_get_int (PW_ROW (board), PW_BOARD_OPEN_ACTIONS),
                         (int) pw_row_get_int (PW_ROW (board), PW_BOARD_OVERDUE_ACTIONS));
  gtk_label_set_label (self->subtitle, sub);
  fill_texts (self, board);
  clear_box (self->board_box);
  fill_stage (self, board);
  fill_members (self);
  actions = pw_store_list_actions (self->store, self->locality_id, NULL);
  clear_box (self->meetings_box);
  fill_meetings (self, actions);
  clear_box (self->risks_box);
  fill_risks (self);
  clear_box (self->pcns_box);
  fill_pcns (self);
}

/* Returns: (transfer full) (nullable): the page's locality, if it still exists */
static PwLocality *
find_locality (PwLocalityPage *self)
{
  GListModel *localities = pw_store_get_localities (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (localities); i++)
    {
      PwLocality *l = g_list_model_get_item (localities, i);
      if (pw_locality_get_id (l) == self->locality_id)
        return l;
      g_object_unref (l);
    }
  return NULL;
}

/* A locality merged or deleted (here or by another program) leaves the
 * page with nothing to show: the overview takes its place. */
static void
on_store_changed_cb (PwStore        *store,
                     const char     *table,
                     gint64          id,
                     PwLocalityPage *self)
{
  g_autoptr(PwLocality) locality = NULL;

  if (g_strcmp0 (table, "board") == 0 && id != self->locality_id)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if ((table == NULL || g_strcmp0 (table, "locality") == 0) && (locality = find_locality (self)) == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-overview", NULL);
  else
    refresh (self);
}

static void
closing_action (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  PwLocalityPage *self = PW_LOCALITY_PAGE (widget);
  g_autoptr(PwLocality) locality = self->store ? find_locality (self) : NULL;

  if (locality == NULL)
    return;
  if (g_str_equal (action, "page.merge-locality"))
    pw_pcn_actions_merge_locality (widget, self->store, locality);
  else
    pw_pcn_actions_delete_locality (widget, self->store, locality);
}

static void
select_in_dropdown (PwLocalityPage *self)
{
  GListModel *model = gtk_drop_down_get_model (self->locality_dropdown);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwLocality) l = g_list_model_get_item (model, i);
      if (pw_locality_get_id (l) == self->locality_id)
        gtk_drop_down_set_selected (self->locality_dropdown, i);
    }
}

/* A pick in the list.  The list also moves on by itself when the page's
 * locality leaves it (merged or deleted): that is no pick, and the page
 * waits for the store's "changed" to give way to the overview. */
static void
on_locality_selected_cb (PwLocalityPage *self)
{
  PwLocality *l = gtk_drop_down_get_selected_item (self->locality_dropdown);
  g_autoptr(PwLocality) still = NULL;

  if (self->loading || l == NULL || pw_locality_get_id (l) == self->locality_id ||
      (still = find_locality (self)) == NULL)
    return;
  pw_locality_page_show (self, self->store, pw_locality_get_id (l), self->year);
}

/**
 * pw_locality_page_show:
 * Shows @locality_id's board and PCNs, the PCNs as in @year.
 */
void
pw_locality_page_show (PwLocalityPage *self,
                       PwStore        *store,
                       gint64          locality_id,
                       int             year)
{
  g_return_if_fail (PW_IS_LOCALITY_PAGE (self));

  if (store != self->store)
    {
      pw_ui_follow_store (self, &self->store, store, G_CALLBACK (on_store_changed_cb));
      self->loading = TRUE;
      gtk_drop_down_set_model (self->locality_dropdown, store ? pw_store_get_localities (store) : NULL);
      self->loading = FALSE;
    }
  self->locality_id = locality_id;
  self->year = year;
  self->loading = TRUE;
  select_in_dropdown (self);
  self->loading = FALSE;
  pw_action_log_show (self->action_log, store, locality_id);
  refresh (self);
}

gint64
pw_locality_page_get_locality (PwLocalityPage *self)
{
  g_return_val_if_fail (PW_IS_LOCALITY_PAGE (self), 0);
  return self->locality_id;
}

/* Shows the tab @tab: board, meetings, actions, risks or pcns. */
void
pw_locality_page_show_tab (PwLocalityPage *self,
                           const char     *tab)
{
  g_return_if_fail (PW_IS_LOCALITY_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, tab);
}

static void
pw_locality_page_dispose (GObject *object)
{
  GtkWidget *child;
  PwLocalityPage *self = PW_LOCALITY_PAGE (object);

  pw_ui_follow_store (self, &self->store, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_LOCALITY_PAGE);
  /* the template's top box has no id: GTK 4.8 leaves it parented */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pw_locality_page_parent_class)->dispose (object);
}

static void
pw_locality_page_class_init (PwLocalityPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_locality_page_dispose;
  g_type_ensure (PW_TYPE_ACTION_LOG);
  g_type_ensure (PW_TYPE_RISK_MATRIX);

  /**
   * PwLocalityPage::open-pcn:
   * @pcn_id: the PCN whose return waits for review
   */
  signals[OPEN_PCN] = g_signal_new ("open-pcn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-locality-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, title);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, subtitle);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, locality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, reports_row);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, frequency_row);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, tor_version_row);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, tor_approved_row);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, tor_review_row);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, board_box);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, meetings_box);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, action_log);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, matrix);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, risk_legend);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, risks_box);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, pcns_box);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, merge_button);
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, delete_button);
  gtk_widget_class_install_action (widget_class, "page.merge-locality", NULL, closing_action);
  gtk_widget_class_install_action (widget_class, "page.delete-locality", NULL, closing_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pw_locality_page_init (PwLocalityPage *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  name = gtk_property_expression_new (PW_TYPE_LOCALITY, NULL, "name");
  gtk_drop_down_set_expression (self->locality_dropdown, name);
  g_signal_connect_swapped (self->locality_dropdown, "notify::selected", G_CALLBACK (on_locality_selected_cb), self);
  for (PwBoardField f = PW_BOARD_NAME; f <= PW_BOARD_TOR_REVIEW; f++)
    {
      g_object_set_data (G_OBJECT (text_row (self, f)), "pw-field", GINT_TO_POINTER (f));
      g_signal_connect (text_row (self, f), "changed", G_CALLBACK (on_text_changed_cb), self);
    }
}

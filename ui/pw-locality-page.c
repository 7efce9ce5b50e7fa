/* pw-locality-page.c — a locality: its board, meetings, actions, risks and PCNs
 *
 * Opened from a locality's heading in the sidebar (or its list here).
 * Board: the board's own texts, saved as typed; its stage with the dated
 * history; its current members grouped by sector, with a count per
 * sector so that a missing partner shows.  Meetings: each with its
 * attendance, decisions and the actions it raised (in
 * pw-locality-page-meetings.c).  Actions: the log
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
#include <string.h>

#include "pw-action-log.h"
#include "pw-board-dialogs.h"
#include "pw-board-priority-row.h"
#include "pw-locality-page.h"
#include "pw-locality-page-private.h"
#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-pcn-actions.h"
#include "pw-risk-matrix.h"
#include "pw-store-boards.h"
#include "pw-ui-util.h"

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

AdwPreferencesGroup *
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

/* A button in @group's heading that runs @action, such as "page.add-member". */
void
add_heading_button (AdwPreferencesGroup *group,
                    const char          *label,
                    const char          *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (group, button);
}

/* An icon button at the end of @row that calls @callback with @item. */
GtkWidget *
add_row_button (GtkWidget  *row,
                const char *icon,
                const char *tooltip,
                gpointer    item,
                GCallback   callback,
                gpointer    self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "pw-item", g_object_ref (item), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

/* Makes @row open @item's form (@callback) when activated, by click or Enter. */
static void
make_activatable (GtkWidget *row,
                  gpointer   item,
                  GCallback  callback,
                  gpointer   self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "pw-item", g_object_ref (item), g_object_unref);
  g_signal_connect (row, "activated", callback, self);
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
/* Removing an entry added by mistake                                  */

/* The store's remove and restore for one kind, called with the entry as
 * the PwRow the rows hold: a typed wrapper each, so no function is
 * called through a pointer of another type. */
#define ENTRY_KIND(kind, Type, remove_fn, restore_fn) \
  static gboolean kind##_remove (PwStore *store, PwRow *entry, GError **error) \
  { return remove_fn (store, (Type *) entry, error); } \
  static gboolean kind##_restore (PwStore *store, PwRow *entry, GError **error) \
  { return restore_fn (store, (Type *) entry, error); }

ENTRY_KIND (stage, PwBoardStep, pw_store_remove_board_stage, pw_store_restore_board_stage)
ENTRY_KIND (decision, PwBoardDecision, pw_store_remove_decision, pw_store_restore_decision)
ENTRY_KIND (priority, PwBoardPriority, pw_store_remove_priority, pw_store_restore_priority)

static const EntryKind stage_kind = { stage_remove, stage_restore, N_("Stage entry removed") };
const EntryKind decision_kind = { decision_remove, decision_restore, N_("Decision removed") };
static const EntryKind priority_kind = { priority_remove, priority_restore, N_("Priority removed") };

/* Removes @entry at once; the toast's Undo puts it back as it was. */
static void
remove_entry (PwLocalityPage  *self,
              PwRow           *entry,
              const EntryKind *kind)
{
  g_autoptr(GError) error = NULL;

  if (!kind->remove (self->store, entry, &error))
    pw_show_error (GTK_WIDGET (self), _("Not Removed"), error);
  else
    pw_board_undo_toast (GTK_WIDGET (self), _(kind->removed), self->store, entry, kind->restore);
}

static void
on_remove_clicked_cb (GtkWidget      *button,
                      PwLocalityPage *self)
{
  remove_entry (self, g_object_get_data (G_OBJECT (button), "pw-item"),
                g_object_get_data (G_OBJECT (button), "pw-kind"));
}

/* A remove button at the end of @row for @entry, of @kind. */
void
add_remove_button (PwLocalityPage  *self,
                   GtkWidget       *row,
                   gpointer         entry,
                   const EntryKind *kind,
                   const char      *tooltip)
{
  GtkWidget *button = add_row_button (row, "user-trash-symbolic", tooltip, entry,
                                      G_CALLBACK (on_remove_clicked_cb), self);

  g_object_set_data (G_OBJECT (button), "pw-kind", (gpointer) kind);
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
                                          stage < 0 ? _("No stage recorded yet") : _("Latest first"));

  add_heading_button (group, _("Record _Stage…"), "page.record-stage");
  for (guint i = 0; steps != NULL && i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(PwRow) s = g_list_model_get_item (steps, i);
      g_autofree char *date = pw_format_date (pw_row_get_string (s, PW_BOARD_STEP_DATE));
      g_autofree char *title = g_strdup_printf (i == 0 ? _("%s (current), since %s") : _("%s, from %s"),
                                                pw_board_stage_name (pw_row_get_int (s, PW_BOARD_STEP_STAGE)), date);

      GtkWidget *row = add_row (group, title, pw_row_get_string (s, PW_BOARD_STEP_WHY));

      add_remove_button (self, row, s, &stage_kind, _("Remove this stage entry"));
    }
}

/* ------------------------------------------------------------------ */
/* Priorities                                                          */

static void
on_remove_priority_cb (GtkWidget      *button,
                       PwLocalityPage *self)
{
  remove_entry (self, g_object_get_data (G_OBJECT (button), "pw-item"), &priority_kind);
}

/* The year's priorities: rows kept while the list holds the same
 * priorities, so that one being typed in is not remade under the user. */
static void
fill_priorities (PwLocalityPage *self)
{
  g_autoptr(GListModel) list = pw_store_list_priorities (self->store, self->locality_id, self->year, NULL);
  guint n = list ? g_list_model_get_n_items (list) : 0;
  g_autofree char *fy = pw_format_year (self->year);
  g_autofree char *title = g_strdup_printf (_("Priorities for %s"), fy);
  gboolean same = n == self->priority_rows->len;

  adw_preferences_group_set_title (self->priorities_group, title);
  adw_preferences_group_set_description (self->priorities_group,
                                         n == 0 ? _("None recorded for this year") : _("Theme, priority and RAG status"));
  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(PwRow) p = g_list_model_get_item (list, i);
      same = pw_board_priority_row_get_id (self->priority_rows->pdata[i]) == pw_row_get_int (p, PW_BOARD_PRIORITY_ID);
    }
  if (!same)
    {
      for (guint i = 0; i < self->priority_rows->len; i++)
        adw_preferences_group_remove (self->priorities_group, self->priority_rows->pdata[i]);
      g_ptr_array_set_size (self->priority_rows, 0);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwBoardPriority) p = g_list_model_get_item (list, i);

      if (same)
        pw_board_priority_row_update (self->priority_rows->pdata[i], p);
      else
        {
          GtkWidget *row = pw_board_priority_row_new (self->store, p);
          GtkWidget *button = add_row_button (row, "user-trash-symbolic", _("Remove this priority"), p,
                                              G_CALLBACK (on_remove_priority_cb), self);

          g_object_set_data (G_OBJECT (row), "pw-remove", button);
          g_ptr_array_add (self->priority_rows, row);
          adw_preferences_group_add (self->priorities_group, row);
        }
      /* The row is kept while its text is corrected: its Undo restores the
       * priority as it now reads. */
      g_object_set_data_full (g_object_get_data (self->priority_rows->pdata[i], "pw-remove"), "pw-item",
                              g_object_ref (p), g_object_unref);
    }
}

/* ------------------------------------------------------------------ */
/* Members                                                             */

static void
on_member_activated_cb (GtkWidget      *row,
                        PwLocalityPage *self)
{
  pw_board_edit_member (GTK_WIDGET (self), self->store, self->locality_id, g_object_get_data (G_OBJECT (row), "pw-item"));
}

static void
on_member_leaves_cb (GtkWidget      *button,
                     PwLocalityPage *self)
{
  pw_board_member_leaves (GTK_WIDGET (self), self->store, g_object_get_data (G_OBJECT (button), "pw-item"));
}

/* A member's row: name, role and organisation (and when a former member
 * left); activated, the member's form. */
static GtkWidget *
member_row (PwLocalityPage *self,
            PwBoardMember  *member)
{
  PwRow *m = PW_ROW (member);
  GtkWidget *row = adw_action_row_new ();
  const char *left = pw_row_get_string (m, PW_BOARD_MEMBER_LEFT);
  g_autofree char *left_on = pw_format_date (left);
  g_autofree char *name = g_markup_escape_text (pw_row_get_string (m, PW_BOARD_MEMBER_NAME), -1);
  g_autofree char *detail = g_markup_printf_escaped (*left ? _("%s · %s · left %s") : "%s · %s%s",
                                                     pw_board_role_name (pw_row_get_int (m, PW_BOARD_MEMBER_ROLE)),
                                                     pw_row_get_string (m, PW_BOARD_MEMBER_ORGANISATION),
                                                     *left ? left_on : "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  make_activatable (row, member, G_CALLBACK (on_member_activated_cb), self);
  gtk_widget_set_tooltip_text (row, _("Change the member’s details"));
  return row;
}

static gboolean
is_current (PwRow      *member,
            const char *today)
{
  const char *left = pw_row_get_string (member, PW_BOARD_MEMBER_LEFT);

  return *left == '\0' || strcmp (left, today) > 0;
}

/* Current members by sector, every sector shown with its count; then the
 * former members, kept. */
static void
fill_members (PwLocalityPage *self)
{
  g_autofree char *today = today_iso ();
  g_autoptr(GListModel) members = pw_store_list_members (self->store, self->locality_id, NULL, NULL);
  guint n = members ? g_list_model_get_n_items (members) : 0, current = 0, former = 0;
  GtkWidget *sectors[PW_N_SECTORS];
  guint counts[PW_N_SECTORS] = { 0 };
  GtkWidget *past = adw_expander_row_new ();
  g_autofree char *heading = NULL, *past_title = NULL;
  AdwPreferencesGroup *group;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRow) m = g_list_model_get_item (members, i);
      current += is_current (m, today);
    }
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Members (%u)", "Members (%u)", current), current);
  group = add_group (self->board_box, heading, _("Current members, by the sector of their organisation"));
  add_heading_button (group, _("Add _Member…"), "page.add-member");
  for (int sector = 0; sector < PW_N_SECTORS; sector++)
    {
      sectors[sector] = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sectors[sector]), pw_sector_name (sector));
      adw_preferences_group_add (group, sectors[sector]);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRow) m = g_list_model_get_item (members, i);
      int sector = pw_row_get_int (m, PW_BOARD_MEMBER_SECTOR);
      GtkWidget *row = member_row (self, PW_BOARD_MEMBER (m));

      if (!is_current (m, today))
        {
          adw_expander_row_add_row (ADW_EXPANDER_ROW (past), row);
          former++;
          continue;
        }
      add_row_button (row, "system-log-out-symbolic", _("Record that this member left the board"), m,
                      G_CALLBACK (on_member_leaves_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (sectors[sector]), row);
      counts[sector]++;
    }
  for (int sector = 0; sector < PW_N_SECTORS; sector++)
    {
      g_autofree char *sub = counts[sector] ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members",
                                                                            counts[sector]), counts[sector])
                                            : g_strdup (_("No member from this sector"));

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (sectors[sector]), sub);
      if (counts[sector] == 0)
        gtk_widget_add_css_class (sectors[sector], "dim-label");
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (sectors[sector]), counts[sector] > 0);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (sectors[sector]), counts[sector] > 0);
    }
  past_title = g_strdup_printf (_("Former members (%u)"), former);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (past), past_title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (past), _("Kept, with the meetings they attended"));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (past), former > 0);
  adw_preferences_group_add (group, past);
}

/* ------------------------------------------------------------------ */
/* Risks                                                               */

static void
on_risk_activated_cb (GtkWidget      *row,
                      PwLocalityPage *self)
{
  g_autoptr(GListModel) risks = pw_store_list_risks (self->store, self->locality_id, NULL);

  pw_board_edit_risk (GTK_WIDGET (self), self->store, self->locality_id, g_object_get_data (G_OBJECT (row), "pw-item"),
                      risks);
}

static void
fill_risks (PwLocalityPage *self)
{
  g_autoptr(GListModel) risks = pw_store_list_risks (self->store, self->locality_id, NULL);
  guint n = risks ? g_list_model_get_n_items (risks) : 0;
  AdwPreferencesGroup *group = add_group (self->risks_box, _("Risk Register"),
                                          n == 0 ? _("No risks recorded yet") : _("Highest score first"));

  add_heading_button (group, _("_New Risk…"), "page.add-risk");
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

      make_activatable (row, r, G_CALLBACK (on_risk_activated_cb), self);
      gtk_widget_set_tooltip_text (row, _("Change the risk’s score, owner or review date"));
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
  fill_priorities (self);
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

static gboolean
typing_priority (PwLocalityPage *self)
{
  for (guint i = 0; i < self->priority_rows->len; i++)
    if (pw_ui_is_editing (self->priority_rows->pdata[i]))
      return TRUE;
  return FALSE;
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
  /* a priority being typed saves at every key: the whole page is not
   * remade for each (slow on a busy machine, and the row being typed in
   * already shows what was saved); the next change elsewhere refreshes it */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || typing_priority (self))
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

/* page.add-member, page.record-stage, page.add-meeting, page.add-risk and
 * page.add-priority: the form for a new one. */
static void
board_action (GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  PwLocalityPage *self = PW_LOCALITY_PAGE (widget);
  g_autofree char *today = today_iso ();
  g_autoptr(PwBoard) board = NULL;

  if (self->store == NULL || self->locality_id == 0)
    return;
  if (g_str_equal (action, "page.add-member"))
    pw_board_edit_member (widget, self->store, self->locality_id, NULL);
  else if (g_str_equal (action, "page.add-meeting"))
    pw_board_edit_meeting (widget, self->store, self->locality_id, NULL);
  else if (g_str_equal (action, "page.add-priority"))
    pw_board_add_priority (widget, self->store, self->locality_id, self->year);
  else if (g_str_equal (action, "page.add-risk"))
    {
      g_autoptr(GListModel) risks = pw_store_list_risks (self->store, self->locality_id, NULL);
      pw_board_edit_risk (widget, self->store, self->locality_id, NULL, risks);
    }
  else if ((board = pw_store_get_board (self->store, self->locality_id, today, NULL)) != NULL)
    pw_board_record_stage (widget, self->store, self->locality_id, pw_row_get_int (PW_ROW (board), PW_BOARD_STAGE));
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
  g_clear_pointer (&self->folded, g_hash_table_unref);
  g_clear_pointer (&self->priority_rows, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, PwLocalityPage, priorities_group);
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
  gtk_widget_class_install_action (widget_class, "page.add-member", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "page.record-stage", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "page.add-meeting", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "page.add-risk", NULL, board_action);
  gtk_widget_class_install_action (widget_class, "page.add-priority", NULL, board_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pw_locality_page_init (PwLocalityPage *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->folded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->priority_rows = g_ptr_array_new ();
  name = gtk_property_expression_new (PW_TYPE_LOCALITY, NULL, "name");
  gtk_drop_down_set_expression (self->locality_dropdown, name);
  g_signal_connect_swapped (self->locality_dropdown, "notify::selected", G_CALLBACK (on_locality_selected_cb), self);
  for (PwBoardField f = PW_BOARD_NAME; f <= PW_BOARD_TOR_REVIEW; f++)
    {
      g_object_set_data (G_OBJECT (text_row (self, f)), "pw-field", GINT_TO_POINTER (f));
      g_signal_connect (text_row (self, f), "changed", G_CALLBACK (on_text_changed_cb), self);
    }
}

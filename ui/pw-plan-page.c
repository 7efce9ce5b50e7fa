/* pw-plan-page.c — the plan on a page: DES delivery, projects, funding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-parse.h"
#include "pw-plan-entry-row.h"
#include "pw-plan-page.h"
#include "pw-return-bar.h"
#include "pw-ui-util.h"

struct _PwPlanPage
{
  GtkWidget parent_instance;

  PwStore *store;              /* owned */
  PwPcn *pcn;                  /* owned */
  int year;
  gint64 return_id;
  gboolean loading;
  guint reconcile_id;
  AdwComboRow *des_status[PW_MAX_CONTRACT_ITEMS];
  AdwEntryRow *des_note[PW_MAX_CONTRACT_ITEMS];
  guint n_des;                 /* rows made so far: one per specification the workbook knows */
  guint des_save_id;

  GtkScrolledWindow *scroller;
  PwReturnBar *return_bar;
  GtkWidget *des_group;
  GtkListBox *des_list;
  AdwPreferencesGroup *proposals_group;
  GtkListBox *projects_list;
  GtkListBox *proposals_list;
};

G_DEFINE_FINAL_TYPE (PwPlanPage, pw_plan_page, GTK_TYPE_WIDGET)

static gboolean
ensure_return (PwPlanPage  *self,
               GError     **error)
{
  return self->return_id != 0 ||
         pw_store_ensure_return (self->store, pw_pcn_get_id (self->pcn), self->year, &self->return_id, error);
}

/* ------------------------------------------------------------------ */
/* DES                                                                 */

/* The year's DES plan as typed (the return is started as a draft on the
 * first edit), kept until the workbook takes it. */
typedef struct
{
  gint64 pcn_id;
  int year;
  guint n;
  PwDesStatus status[PW_MAX_CONTRACT_ITEMS];
  char *note[PW_MAX_CONTRACT_ITEMS];
} DesSave;

static void
des_save_free (gpointer data)
{
  DesSave *save = data;

  for (guint spec = 0; spec < save->n; spec++)
    g_free (save->note[spec]);
  g_free (save);
}

static gboolean
write_des (PwStore  *store,
           gpointer  data,
           GError  **error)
{
  DesSave *save = data;
  gint64 id = 0;
  gboolean ok = pw_store_begin (store, error) &&
                pw_store_ensure_return (store, save->pcn_id, save->year, &id, error);

  for (guint spec = 0; ok && spec < save->n; spec++)
    ok = pw_store_set_des (store, id, spec, save->status[spec], save->note[spec], error);
  if (!ok)
    {
      pw_store_rollback (store);
      return FALSE;
    }
  return pw_store_commit (store, error);
}

static gboolean
save_des_cb (gpointer data)
{
  PwPlanPage *self = data;
  DesSave *save;
  g_autofree char *key = NULL;

  self->des_save_id = 0;
  if (self->pcn == NULL)
    return G_SOURCE_REMOVE;
  save = g_new0 (DesSave, 1);
  save->pcn_id = pw_pcn_get_id (self->pcn), save->year = self->year, save->n = self->n_des;
  for (guint spec = 0; spec < save->n; spec++)
    {
      save->status[spec] = adw_combo_row_get_selected (self->des_status[spec]);
      save->note[spec] = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->des_note[spec]))));
    }
  key = g_strdup_printf ("des/%" G_GINT64_FORMAT "/%d", save->pcn_id, save->year);
  pw_ui_save (self->des_group, self->store, key, write_des, save, des_save_free);
  return G_SOURCE_REMOVE;
}

static void
flush_des (PwPlanPage *self)
{
  if (self->des_save_id == 0)
    return;
  g_clear_handle_id (&self->des_save_id, g_source_remove);
  save_des_cb (self);
}

static void
on_des_changed_cb (PwPlanPage *self)
{
  if (!self->loading && self->des_save_id == 0)
    self->des_save_id = g_idle_add_full (PW_SAVE_PRIORITY, save_des_cb, self, NULL);
}

/* Rows for the first @n specifications (those users add come after the
 * shipped ones, so rows are only ever added). */
static void
ensure_des_rows (PwPlanPage *self,
                 guint       n)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  for (PwDesStatus s = 0; s < PW_N_DES_STATUSES; s++)
    gtk_string_list_append (statuses, pw_des_status_name (s));
  for (guint spec = self->n_des; spec < MIN (n, PW_MAX_CONTRACT_ITEMS); spec++, self->n_des++)
    {
      self->des_status[spec] = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_combo_row_set_model (self->des_status[spec], G_LIST_MODEL (statuses));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (self->des_status[spec]), 2);
      g_signal_connect_swapped (self->des_status[spec], "notify::selected", G_CALLBACK (on_des_changed_cb), self);
      self->des_note[spec] = ADW_ENTRY_ROW (adw_entry_row_new ());
      g_signal_connect_swapped (self->des_note[spec], "changed", G_CALLBACK (on_des_changed_cb), self);
      gtk_list_box_append (self->des_list, GTK_WIDGET (self->des_status[spec]));
      gtk_list_box_append (self->des_list, GTK_WIDGET (self->des_note[spec]));
    }
}

static void
load_des (PwPlanPage *self)
{
  g_autoptr(GListModel) des = self->return_id ? pw_store_list_des (self->store, self->return_id, NULL) : NULL;

  guint shown[PW_MAX_CONTRACT_ITEMS];
  guint n = pw_store_contract_shown (self->store, PW_CONTRACT_DES, self->year,
                                     self->return_id ? self->return_id : -1, shown);

  self->loading = TRUE;
  ensure_des_rows (self, pw_store_contract_count (self->store, PW_CONTRACT_DES));
  for (guint spec = 0; spec < self->n_des; spec++)
    {
      g_autoptr(PwDesPlan) d = des ? g_list_model_get_item (des, spec) : NULL;
      const char *name = pw_store_contract_name (self->store, PW_CONTRACT_DES, spec);
      g_autofree char *note_title = g_strdup_printf (_("How: %s"), name);
      gboolean visible = FALSE;

      /* titled here: a specification users added may have been renamed */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->des_status[spec]), name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->des_note[spec]), note_title);

      /* the year's specifications, and any other this return holds */
      for (guint k = 0; k < n; k++)
        visible |= shown[k] == spec;
      gtk_widget_set_visible (GTK_WIDGET (self->des_status[spec]), visible);
      gtk_widget_set_visible (GTK_WIDGET (self->des_note[spec]), visible);

      adw_combo_row_set_selected (self->des_status[spec], d ? pw_row_get_int (PW_ROW (d), PW_DES_PLAN_STATUS) : 0);
      if (!pw_ui_is_editing (GTK_WIDGET (self->des_note[spec])))    /* the user is typing there */
        gtk_editable_set_text (GTK_EDITABLE (self->des_note[spec]), d ? pw_row_get_string (PW_ROW (d), PW_DES_PLAN_NOTE) : "");
    }
  self->loading = FALSE;
}

/* ------------------------------------------------------------------ */
/* Projects and proposals                                              */

static GtkListBox *
list_for (PwPlanPage  *self,
          PwEntryKind  kind)
{
  return kind == PW_ENTRY_PROJECT ? self->projects_list : self->proposals_list;
}

static GListModel *
stored_entries (PwPlanPage  *self,
                PwEntryKind  kind)
{
  return self->return_id ? pw_store_list_entries (self->store, self->return_id, kind, NULL) : NULL;
}

static void
fill_entries (PwPlanPage  *self,
              PwEntryKind  kind)
{
  g_autoptr(GListModel) entries = stored_entries (self, kind);
  GtkListBox *list = list_for (self, kind);

  pw_list_box_clear (list);
  for (guint i = 0; entries && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(PwPlanEntry) e = g_list_model_get_item (entries, i);
      gtk_list_box_append (list, pw_plan_entry_row_new (self->store, e));
    }
}

static void
update_total (PwPlanPage *self)
{
  g_autoptr(GListModel) entries = stored_entries (self, PW_ENTRY_PROPOSAL);
  guint n = entries ? g_list_model_get_n_items (entries) : 0;
  g_autofree char *total_text = NULL, *text = NULL;
  gint64 total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwPlanEntry) e = g_list_model_get_item (entries, i);
      total += pw_row_get_int (PW_ROW (e), PW_PLAN_ENTRY_AMOUNT);
    }
  total_text = pw_format_money (total);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s requested in %u proposal", "%s requested in %u proposals", n),
                          total_text, n);
  adw_preferences_group_set_description (self->proposals_group, text);
}

/* Whether the rows show exactly the stored entries (in any state of edit). */
static gboolean
rows_match (PwPlanPage  *self,
            PwEntryKind  kind)
{
  g_autoptr(GListModel) entries = stored_entries (self, kind);
  GtkListBox *list = list_for (self, kind);
  guint n = entries ? g_list_model_get_n_items (entries) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwPlanEntry) e = g_list_model_get_item (entries, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (!PW_IS_PLAN_ENTRY_ROW (row) ||
          pw_plan_entry_row_get_id (PW_PLAN_ENTRY_ROW (row)) != pw_row_get_int (PW_ROW (e), PW_PLAN_ENTRY_ID))
        return FALSE;
    }
  return gtk_list_box_get_row_at_index (list, n) == NULL;
}

static void
load (PwPlanPage *self)
{
  g_autoptr(PwReturn) ret = pw_store_get_return (self->store, pw_pcn_get_id (self->pcn), self->year, NULL);
  gboolean open = ret == NULL || pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) == PW_STATUS_DRAFT;

  self->return_id = ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_ID) : 0;
  load_des (self);
  for (PwEntryKind kind = PW_ENTRY_PROJECT; kind <= PW_ENTRY_PROPOSAL; kind++)
    if (!rows_match (self, kind))
      fill_entries (self, kind);
  update_total (self);
  gtk_widget_set_sensitive (self->des_group, open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->projects_list), open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->proposals_list), open);
}

/* After any write: rows are rebuilt only when entries came or went, so the
 * field being typed in survives its own saves. */
static gboolean
reconcile_cb (gpointer data)
{
  PwPlanPage *self = data;

  self->reconcile_id = 0;
  /* Not over edits still waiting to be saved: the last to land reloads. */
  if (self->pcn != NULL && self->des_save_id == 0 &&
      pw_save_queue_get_n_pending (pw_save_queue_for_store (self->store)) == 0)
    load (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (PwStore    *store,
                     const char *table,
                     gint64      id,
                     PwPlanPage *self)
{
  if (self->pcn != NULL && self->reconcile_id == 0)
    self->reconcile_id = g_idle_add (reconcile_cb, self);
}

static void
add_entry (PwPlanPage  *self,
           PwEntryKind  kind)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *last;

  if (self->pcn == NULL)
    return;
  if (!ensure_return (self, &error) || !pw_store_add_entry (self->store, self->return_id, kind, NULL, NULL, &error))
    {
      pw_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  load (self);
  {
    g_autoptr(GListModel) entries = stored_entries (self, kind);
    last = GTK_WIDGET (gtk_list_box_get_row_at_index (list_for (self, kind),
                                                      entries ? g_list_model_get_n_items (entries) - 1 : 0));
  }
  if (PW_IS_PLAN_ENTRY_ROW (last))
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (last), TRUE);
      gtk_widget_child_focus (last, GTK_DIR_TAB_FORWARD);
    }
}

static void
on_add_project_cb (PwPlanPage *self)
{
  add_entry (self, PW_ENTRY_PROJECT);
}

static void
on_add_proposal_cb (PwPlanPage *self)
{
  add_entry (self, PW_ENTRY_PROPOSAL);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
pw_plan_page_dispose (GObject *object)
{
  PwPlanPage *self = PW_PLAN_PAGE (object);

  flush_des (self);
  pw_ui_follow_store (self, &self->store, NULL, NULL);
  g_clear_handle_id (&self->reconcile_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_PLAN_PAGE);
  g_clear_object (&self->pcn);
  G_OBJECT_CLASS (pw_plan_page_parent_class)->dispose (object);
}

static void
pw_plan_page_class_init (PwPlanPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_plan_page_dispose;
  g_type_ensure (PW_TYPE_RETURN_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPlanPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PwPlanPage, return_bar);
  gtk_widget_class_bind_template_child (widget_class, PwPlanPage, des_group);
  gtk_widget_class_bind_template_child (widget_class, PwPlanPage, des_list);
  gtk_widget_class_bind_template_child (widget_class, PwPlanPage, proposals_group);
  gtk_widget_class_bind_template_child (widget_class, PwPlanPage, projects_list);
  gtk_widget_class_bind_template_child (widget_class, PwPlanPage, proposals_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_project_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_proposal_cb);
}

static void
pw_plan_page_init (PwPlanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
pw_plan_page_show (PwPlanPage *self,
                   PwStore    *store,
                   PwPcn      *pcn,
                   int         year)
{
  g_return_if_fail (PW_IS_PLAN_PAGE (self));

  flush_des (self);      /* edits belong to the PCN they were made on */
  pw_ui_follow_store (self, &self->store, store, G_CALLBACK (on_store_changed_cb));
  g_set_object (&self->pcn, pcn);
  self->year = year;
  if (store == NULL || pcn == NULL)
    return;
  pw_return_bar_show (self->return_bar, store, pcn, year);
  /* A different PCN or year: its rows, whatever their ids. */
  for (PwEntryKind kind = PW_ENTRY_PROJECT; kind <= PW_ENTRY_PROPOSAL; kind++)
    pw_list_box_clear (list_for (self, kind));
  load (self);
}

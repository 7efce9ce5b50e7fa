/* pw-workforce-page.c — a PCN's ARRS workforce and funding for one year
 *
 * One row per role in the return: WTE in post, headcount and WTE planned by
 * the year's end, checked as typed and saved once acceptable, with the
 * totals and a chart beneath that follow every save.  The four funding
 * streams take an amount or a rate per registered patient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-parse.h"
#include "pw-return-bar.h"
#include "pw-ui-util.h"
#include "pw-workforce-page.h"
#include "pw-wte-chart.h"

enum { COL_IN_POST, COL_HEADCOUNT, COL_PLANNED, N_COLS };

struct _PwWorkforcePage
{
  GtkWidget parent_instance;

  PwStore *store;              /* owned */
  PwPcn *pcn;                  /* owned */
  int year;
  gint64 return_id;
  guint save_id;
  gboolean loading;
  GtkStringList *choices;      /* owned: roles that can be added */
  GArray *choice_ids;          /* gint64, parallel to choices */
  AdwEntryRow *funding[PW_MAX_CONTRACT_ITEMS];
  GtkLabel *funding_amount[PW_MAX_CONTRACT_ITEMS];
  guint n_funding;             /* rows made so far: one per stream the workbook knows */

  GtkScrolledWindow *scroller;
  PwReturnBar *return_bar;
  AdwPreferencesGroup *roles_group;
  GtkDropDown *role_choice;
  GtkWidget *add_button;
  GtkListBox *wte_list;
  GtkLabel *totals_label;
  AdwEntryRow *as_of_row;
  PwWteChart *chart;
  AdwPreferencesGroup *funding_group;
};

G_DEFINE_FINAL_TYPE (PwWorkforcePage, pw_workforce_page, GTK_TYPE_WIDGET)

static const PwFormKind col_kinds[N_COLS] = { PW_FORM_WTE, PW_FORM_LIST_SIZE, PW_FORM_WTE };

static GtkWidget **
row_entries (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "pw-entries");
}

static gint64
row_role (GtkListBoxRow *row)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "pw-role"));
}

/* Marks a cell that is wrong, and says why under its row (and in its
 * tooltip); the row's other cells may be wrong too, so the message names
 * the column. */
static gboolean
check_cell (GtkWidget  *entry,
            PwFormKind  kind,
            gint64     *out)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean ok = *text == '\0' ? (*out = 0, TRUE) : pw_form_check (kind, text, NULL, out, &error);
  GtkLabel *problem = g_object_get_data (G_OBJECT (entry), "pw-problem");
  g_autofree char *message = NULL;

  if (ok && *out < 0)
    *out = 0;
  if (ok)
    gtk_widget_remove_css_class (entry, "error");
  else
    gtk_widget_add_css_class (entry, "error");
  gtk_widget_set_tooltip_text (entry, ok ? NULL : error->message);
  pw_ui_mark_unsaved (entry, !ok);
  if (problem == NULL)
    return ok;
  if (!ok)
    message = g_strdup_printf ("%s: %s", (const char *) g_object_get_data (G_OBJECT (entry), "pw-column"), error->message);
  if (message != NULL || g_object_get_data (G_OBJECT (problem), "pw-from") == entry)
    {
      gtk_label_set_label (problem, message);
      gtk_widget_set_visible (GTK_WIDGET (problem), message != NULL);
      g_object_set_data (G_OBJECT (problem), "pw-from", message ? entry : NULL);
    }
  return ok;
}

static void
update_totals (PwWorkforcePage *self)
{
  g_autoptr(GListModel) wte = self->return_id ? pw_store_list_wte (self->store, self->return_id, NULL) : NULL;
  gint64 sums[N_COLS] = { 0 };
  g_autofree char *in_post = NULL, *planned = NULL, *text = NULL;

  for (guint i = 0; wte && i < g_list_model_get_n_items (wte); i++)
    {
      g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);
      sums[COL_IN_POST] += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_IN_POST);
      sums[COL_HEADCOUNT] += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_HEADCOUNT);
      sums[COL_PLANNED] += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_PLANNED);
    }
  in_post = pw_format_wte (sums[COL_IN_POST]);
  planned = pw_format_wte (sums[COL_PLANNED]);
  text = g_strdup_printf (_("Total: %s WTE in post (%" G_GINT64_FORMAT " people) · %s WTE planned by the year’s end"),
                          in_post, sums[COL_HEADCOUNT], planned);
  gtk_label_set_label (self->totals_label, text);
  pw_wte_chart_set_data (self->chart, wte);
}

/* One workforce or funding figure to write, kept until the workbook takes it. */
typedef enum { SAVE_WTE, SAVE_AS_OF, SAVE_FUNDING } SaveKind;

typedef struct
{
  SaveKind kind;
  gint64 id;                   /* the return; for funding, the PCN */
  gint64 role;                 /* the role; for funding, the stream */
  int year;
  gint64 v[N_COLS];            /* WTE figures; for funding, amount (-1: none) and rate */
  char *as_of;
} WorkforceSave;

static void
workforce_save_free (gpointer data)
{
  WorkforceSave *save = data;

  g_free (save->as_of);
  g_free (save);
}

static gboolean
write_workforce (PwStore  *store,
                 gpointer  data,
                 GError  **error)
{
  WorkforceSave *s = data;

  switch (s->kind)
    {
    case SAVE_WTE:
      return pw_store_set_wte (store, s->id, s->role, s->v[COL_IN_POST], s->v[COL_HEADCOUNT], s->v[COL_PLANNED],
                               NULL, error);
    case SAVE_AS_OF:
      return pw_store_set_wte_as_of (store, s->id, s->as_of, error);
    case SAVE_FUNDING:
    default:
      if (s->v[0] < 0)            /* an empty field: none entered */
        return pw_store_clear_funding (store, s->id, s->year, s->role, error);
      return pw_store_set_funding (store, s->id, s->year, s->role, s->v[0], s->v[1], error);
    }
}

/* Saves through the store's queue (see pw_ui_save), marking @widget. */
static void
save (PwWorkforcePage *self,
      GtkWidget       *widget,
      WorkforceSave   *s)
{
  g_autofree char *key = g_strdup_printf ("workforce/%d/%" G_GINT64_FORMAT "/%d/%" G_GINT64_FORMAT,
                                          s->kind, s->id, s->year, s->role);

  pw_ui_save (widget, self->store, key, write_workforce, s, workforce_save_free);
}

static void
save_rows (PwWorkforcePage *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->wte_list, i)) != NULL; i++)
    {
      GtkWidget **cells = row_entries (row);
      WorkforceSave *s = g_new0 (WorkforceSave, 1);
      gboolean ok = TRUE;

      for (guint c = 0; c < N_COLS; c++)
        ok = check_cell (cells[c], col_kinds[c], &s->v[c]) && ok;
      s->kind = SAVE_WTE, s->id = self->return_id, s->role = row_role (row);
      if (ok)
        save (self, GTK_WIDGET (row), s);
      else
        workforce_save_free (s);
    }
}

static gboolean
save_cb (gpointer data)
{
  PwWorkforcePage *self = data;

  self->save_id = 0;
  if (self->return_id != 0)
    save_rows (self);
  update_totals (self);
  return G_SOURCE_REMOVE;
}

/* Saved from idle, once the edit is whole; the cell is marked at once. */
static void
on_cell_changed_cb (GtkEditable     *entry,
                    PwWorkforcePage *self)
{
  gint64 unused;

  if (self->loading)
    return;
  check_cell (GTK_WIDGET (entry), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "pw-kind")), &unused);
  if (self->save_id == 0)
    self->save_id = g_idle_add_full (PW_SAVE_PRIORITY, save_cb, self, NULL);
}

static void
flush (PwWorkforcePage *self)
{
  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      save_cb (self);
    }
}

typedef struct
{
  PwStore *store;
  gint64 return_id;
  gint64 role_id;
  gint64 values[N_COLS];
} Removed;

static void
undo_remove (gpointer data)
{
  Removed *r = data;

  pw_store_set_wte (r->store, r->return_id, r->role_id, r->values[COL_IN_POST], r->values[COL_HEADCOUNT],
                    r->values[COL_PLANNED], NULL, NULL);
}

static void
removed_free (gpointer data)
{
  Removed *r = data;

  g_object_unref (r->store);
  g_free (r);
}

static void
on_remove_clicked_cb (GtkButton *button)
{
  GtkListBoxRow *row = GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW));
  PwWorkforcePage *self = PW_WORKFORCE_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row), PW_TYPE_WORKFORCE_PAGE));
  GtkWidget **cells = row_entries (row);
  g_autoptr(GError) error = NULL;
  Removed *r;

  flush (self);
  r = g_new0 (Removed, 1);
  r->store = g_object_ref (self->store);
  r->return_id = self->return_id;
  r->role_id = row_role (row);
  for (guint c = 0; c < N_COLS; c++)
    check_cell (cells[c], col_kinds[c], &r->values[c]);
  if (!pw_store_remove_wte (self->store, self->return_id, r->role_id, &error))
    {
      pw_toast_show (GTK_WIDGET (self), error->message);
      removed_free (r);
      return;
    }
  pw_toast_with_undo (GTK_WIDGET (self), _("Role removed from the return"), undo_remove, r, removed_free);
}

static GtkWidget *
wte_row (PwWorkforcePage *self,
         PwArrsWte       *w)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *problem = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_ROLE));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget **cells = g_new0 (GtkWidget *, N_COLS);
  const gint64 values[N_COLS] = { pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_IN_POST),
                                  pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_HEADCOUNT),
                                  pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_PLANNED) };
  static const char *what[N_COLS] = { N_("WTE in post"), N_("Headcount"), N_("Planned WTE") };

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);       /* in full, on two lines if narrow */
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  for (guint c = 0; c < N_COLS; c++)
    {
      g_autofree char *shown = pw_form_display (col_kinds[c], NULL, values[c]);
      g_autofree char *a11y = g_strdup_printf ("%s: %s", pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_ROLE), _(what[c]));

      cells[c] = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (cells[c]), shown);
      /* Narrow, to leave room for the role's name from 360 px wide. */
      gtk_editable_set_width_chars (GTK_EDITABLE (cells[c]), 4);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (cells[c]), 6);
      gtk_widget_set_size_request (cells[c], 64, -1);
      gtk_entry_set_alignment (GTK_ENTRY (cells[c]), 1.0);
      gtk_entry_set_input_purpose (GTK_ENTRY (cells[c]), GTK_INPUT_PURPOSE_NUMBER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cells[c]), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data (G_OBJECT (cells[c]), "pw-kind", GINT_TO_POINTER (col_kinds[c]));
      g_object_set_data (G_OBJECT (cells[c]), "pw-column", (gpointer) _(what[c]));
      g_object_set_data_full (G_OBJECT (cells[c]), "pw-label", g_strdup (a11y), g_free);
      g_object_set_data (G_OBJECT (cells[c]), "pw-problem", problem);
      g_signal_connect (cells[c], "changed", G_CALLBACK (on_cell_changed_cb), self);
      gtk_box_append (GTK_BOX (box), cells[c]);
    }
  gtk_widget_set_tooltip_text (remove, _("Remove This Role from the Return"));
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), NULL);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_add_css_class (problem, "caption");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (lines), box);
  gtk_box_append (GTK_BOX (lines), problem);
  g_object_set (lines, "margin-start", 12, "margin-end", 6, "margin-top", 6, "margin-bottom", 6, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), lines);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "pw-entries", cells, g_free);
  g_object_set_data (G_OBJECT (row), "pw-role", GSIZE_TO_POINTER (pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_ROLE_ID)));
  return row;
}

/* One date for the return's figures: what committees quote ("140.8 WTE in
 * post in December 2021"). */
static void
on_as_of_changed_cb (PwWorkforcePage *self)
{
  g_autofree char *iso = NULL;
  WorkforceSave *s;

  if (self->loading || self->return_id == 0 ||
      !pw_entry_row_check (self->as_of_row, PW_FORM_DATE, &iso, NULL))
    return;
  s = g_new0 (WorkforceSave, 1);
  s->kind = SAVE_AS_OF, s->id = self->return_id, s->as_of = g_steal_pointer (&iso);
  save (self, GTK_WIDGET (self->as_of_row), s);
}

static void
load_as_of (PwWorkforcePage *self,
            GListModel      *wte)
{
  g_autofree char *shown = NULL;
  const char *iso = "";

  for (guint i = 0; wte && i < g_list_model_get_n_items (wte) && !*iso; i++)
    {
      g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);
      iso = g_intern_string (pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_AS_OF));
    }
  shown = pw_form_display (PW_FORM_DATE, iso, 0);
  if (!(gtk_widget_get_state_flags (GTK_WIDGET (self->as_of_row)) & GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_editable_set_text (GTK_EDITABLE (self->as_of_row), shown);
  gtk_widget_set_sensitive (GTK_WIDGET (self->as_of_row), wte && g_list_model_get_n_items (wte) > 0);
}

/* The roles that can still be added: offered in the year (not retired),
 * not yet here. */
static void
fill_choices (PwWorkforcePage *self,
              GListModel      *wte)
{
  g_autoptr(GListModel) roles = pw_store_list_roles_in_year (self->store, self->year, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->choices));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_array_set_size (self->choice_ids, 0);
  for (guint i = 0; roles && i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(PwArrsRole) r = g_list_model_get_item (roles, i);
      gint64 id = pw_row_get_int (PW_ROW (r), PW_ARRS_ROLE_ID);
      gboolean present = FALSE;

      for (guint k = 0; wte && k < g_list_model_get_n_items (wte) && !present; k++)
        {
          g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, k);
          present = pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_ROLE_ID) == id;
        }
      if (present)
        continue;
      g_ptr_array_add (names, (gpointer) pw_row_get_string (PW_ROW (r), PW_ARRS_ROLE_NAME));
      g_array_append_val (self->choice_ids, id);
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->choices, 0, n, (const char * const *) names->pdata);
  gtk_widget_set_sensitive (self->add_button, self->choice_ids->len > 0);
}

static void ensure_funding_rows (PwWorkforcePage *self,
                                 guint            n);

static void
load_funding (PwWorkforcePage *self)
{
  g_autoptr(GListModel) funding = pw_store_list_funding (self->store, pw_pcn_get_id (self->pcn), self->year, NULL);
  gboolean was_loading = self->loading;
  guint shown[PW_MAX_CONTRACT_ITEMS];
  guint n = pw_store_contract_shown (self->store, PW_CONTRACT_STREAM, self->year, pw_pcn_get_id (self->pcn), shown);
  gboolean visible[PW_MAX_CONTRACT_ITEMS] = { FALSE };

  self->loading = TRUE;
  ensure_funding_rows (self, pw_store_contract_count (self->store, PW_CONTRACT_STREAM));
  for (guint k = 0; k < n; k++)     /* the year's streams, and any other the PCN holds */
    visible[shown[k]] = TRUE;
  /* Each row is set once: hiding the row being typed in, even for an
   * instant, would take the focus and the keys that follow from it. */
  for (guint st = 0; st < self->n_funding; st++)
    gtk_widget_set_visible (GTK_WIDGET (self->funding[st]), visible[st]);
  for (guint st = 0; st < MIN (self->n_funding, funding ? g_list_model_get_n_items (funding) : 0); st++)
    {
      g_autoptr(PwFunding) f = g_list_model_get_item (funding, st);
      gint64 rate = pw_row_get_int (PW_ROW (f), PW_FUNDING_RATE);
      g_autofree char *amount = pw_format_money (pw_row_get_int (PW_ROW (f), PW_FUNDING_AMOUNT));
      g_autofree char *shown = rate >= 0 ? g_strdup_printf ("rate:%" G_GINT64_FORMAT ".%04" G_GINT64_FORMAT,
                                                            rate / 10000, rate % 10000)
                                         : g_strdup (amount);
      g_autofree char *worked = rate >= 0 ? g_strdup_printf ("= %s", amount) : NULL;
      gboolean recorded = pw_row_get_int (PW_ROW (f), PW_FUNDING_RECORDED);

      /* Never entered: empty, not a £0.00 that would look final. */
      if (!pw_ui_is_editing (GTK_WIDGET (self->funding[st])))
        gtk_editable_set_text (GTK_EDITABLE (self->funding[st]), recorded ? shown : "");
      gtk_label_set_label (self->funding_amount[st], recorded ? worked : _("Not recorded"));
    }
  self->loading = was_loading;
}

static void
load (PwWorkforcePage *self)
{
  g_autoptr(PwReturn) ret = pw_store_get_return (self->store, pw_pcn_get_id (self->pcn), self->year, NULL);
  g_autoptr(GListModel) wte = NULL;
  gboolean open = ret == NULL || pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) == PW_STATUS_DRAFT;

  self->return_id = ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_ID) : 0;
  wte = self->return_id ? pw_store_list_wte (self->store, self->return_id, NULL) : NULL;
  self->loading = TRUE;
  pw_list_box_clear (self->wte_list);
  for (guint i = 0; wte && i < g_list_model_get_n_items (wte); i++)
    {
      g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);
      gtk_list_box_append (self->wte_list, wte_row (self, w));
    }
  fill_choices (self, wte);
  load_funding (self);
  load_as_of (self, wte);
  self->loading = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->wte_list), open);
  update_totals (self);
}

/* Whether the rows show the stored roles, so that typing survives saves. */
static gboolean
rows_match (PwWorkforcePage *self)
{
  g_autoptr(GListModel) wte = self->return_id ? pw_store_list_wte (self->store, self->return_id, NULL) : NULL;
  guint n = wte ? g_list_model_get_n_items (wte) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->wte_list, i);

      if (row == NULL || row_role (row) != pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_ROLE_ID))
        return FALSE;
    }
  return gtk_list_box_get_row_at_index (self->wte_list, n) == NULL;
}

static void
on_store_changed_cb (PwStore         *store,
                     const char      *table,
                     gint64           id,
                     PwWorkforcePage *self)
{
  g_autoptr(PwReturn) ret = NULL;

  /* Not over edits still waiting to be saved: the last to land reloads. */
  if (self->pcn == NULL || self->save_id != 0 || pw_save_queue_get_n_pending (pw_save_queue_for_store (store)) > 0)
    return;
  ret = pw_store_get_return (self->store, pw_pcn_get_id (self->pcn), self->year, NULL);
  self->return_id = ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_ID) : 0;
  if ((table == NULL && !pw_ui_is_editing (GTK_WIDGET (self->wte_list))) || !rows_match (self) ||
      g_strcmp0 (table, "return") == 0 || g_strcmp0 (table, "role") == 0)
    load (self);
  else
    {
      load_funding (self);
      update_totals (self);
    }
}

static void
on_add_role_cb (PwWorkforcePage *self)
{
  guint choice = gtk_drop_down_get_selected (self->role_choice);
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  gint64 role;

  if (self->pcn == NULL || choice == GTK_INVALID_LIST_POSITION || choice >= self->choice_ids->len)
    return;
  role = g_array_index (self->choice_ids, gint64, choice);
  flush (self);
  if ((self->return_id == 0 &&
       !pw_store_ensure_return (self->store, pw_pcn_get_id (self->pcn), self->year, &self->return_id, &error)) ||
      !pw_store_set_wte (self->store, self->return_id, role, 0, 0, 0, NULL, &error))
    {
      pw_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  load (self);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->wte_list, i)) != NULL; i++)
    if (row_role (row) == role)
      gtk_widget_grab_focus (row_entries (row)[COL_IN_POST]);
}

/* ------------------------------------------------------------------ */
/* Funding                                                             */

static gboolean
parse_funding (const char  *text,
               gint64      *amount,
               gint64      *rate,
               GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text));

  *amount = 0, *rate = -1;
  if (*s == '\0')
    {
      *amount = -1;                /* none entered: "Not recorded" */
      return TRUE;
    }
  if (g_ascii_strncasecmp (s, "rate:", 5) == 0)
    return pw_parse_rate (s + 5, rate, error);
  return pw_form_check (PW_FORM_MONEY, s, NULL, amount, error);
}

static void
on_funding_changed_cb (AdwEntryRow     *row,
                       PwWorkforcePage *self)
{
  guint stream = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pw-stream"));
  g_autoptr(GError) error = NULL;
  WorkforceSave *s;
  gint64 amount, rate;

  if (self->loading || self->pcn == NULL)
    return;
  if (!parse_funding (gtk_editable_get_text (GTK_EDITABLE (row)), &amount, &rate, &error))
    {
      pw_entry_row_set_problem (row, _("£ or rate:0.66"), error->message);
      return;
    }
  pw_entry_row_set_problem (row, NULL, NULL);
  s = g_new0 (WorkforceSave, 1);
  s->kind = SAVE_FUNDING, s->id = pw_pcn_get_id (self->pcn), s->year = self->year, s->role = stream;
  s->v[0] = amount, s->v[1] = rate;
  save (self, GTK_WIDGET (row), s);
}

/* Rows for the first @n streams (those users add come after the shipped
 * ones, so rows are only ever added), titled from the workbook. */
static void
ensure_funding_rows (PwWorkforcePage *self,
                     guint            n)
{
  for (guint st = 0; st < self->n_funding; st++)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->funding[st]),
                                   pw_store_contract_name (self->store, PW_CONTRACT_STREAM, st));
  for (guint st = self->n_funding; st < MIN (n, PW_MAX_CONTRACT_ITEMS); st++, self->n_funding++)
    {
      AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
      GtkWidget *amount = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_store_contract_name (self->store, PW_CONTRACT_STREAM, st));
      gtk_widget_add_css_class (amount, "dim-label");
      adw_entry_row_add_suffix (row, amount);
      pw_entry_row_add_hint (row);
      g_object_set_data (G_OBJECT (row), "pw-stream", GUINT_TO_POINTER (st));
      g_signal_connect (row, "changed", G_CALLBACK (on_funding_changed_cb), self);
      adw_preferences_group_add (self->funding_group, GTK_WIDGET (row));
      self->funding[st] = row;
      self->funding_amount[st] = GTK_LABEL (amount);
    }
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
pw_workforce_page_dispose (GObject *object)
{
  PwWorkforcePage *self = PW_WORKFORCE_PAGE (object);

  flush (self);
  pw_ui_follow_store (self, &self->store, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_WORKFORCE_PAGE);
  g_clear_object (&self->pcn);
  g_clear_object (&self->choices);
  g_clear_pointer (&self->choice_ids, g_array_unref);
  G_OBJECT_CLASS (pw_workforce_page_parent_class)->dispose (object);
}

static void
pw_workforce_page_class_init (PwWorkforcePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_workforce_page_dispose;
  g_type_ensure (PW_TYPE_RETURN_BAR);
  g_type_ensure (PW_TYPE_WTE_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-workforce-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, return_bar);
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, roles_group);
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, role_choice);
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, wte_list);
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, as_of_row);
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, chart);
  gtk_widget_class_bind_template_child (widget_class, PwWorkforcePage, funding_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_role_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_as_of_changed_cb);
}

static void
pw_workforce_page_init (PwWorkforcePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->choices = gtk_string_list_new (NULL);
  self->choice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_drop_down_set_model (self->role_choice, G_LIST_MODEL (self->choices));
  gtk_drop_down_set_expression (self->role_choice,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  pw_entry_row_add_hint (self->as_of_row);
}

void
pw_workforce_page_show (PwWorkforcePage *self,
                        PwStore         *store,
                        PwPcn           *pcn,
                        int              year)
{
  g_return_if_fail (PW_IS_WORKFORCE_PAGE (self));

  flush (self);      /* edits belong to the PCN and year they were made on */
  pw_ui_follow_store (self, &self->store, store, G_CALLBACK (on_store_changed_cb));
  g_set_object (&self->pcn, pcn);
  self->year = year;
  if (store == NULL || pcn == NULL)
    return;
  pw_return_bar_show (self->return_bar, store, pcn, year);
  load (self);
}

/* pw-profile-page.c — the selected PCN's profile and member practices
 *
 * Each field is checked as it is typed (pw_form_check) and saved the moment
 * it is acceptable; a wrong value stays in the field, marked, with the
 * accepted form beside it, and is not saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-parse.h"
#include "pw-pcn-actions.h"
#include "pw-practice-row.h"
#include "pw-profile-page.h"
#include "pw-ui-util.h"

typedef struct
{
  const char *child;           /* template child name */
  PwPcnField field;
  PwFormKind kind;
} FieldSpec;

static const FieldSpec fields[] = {
  { "name_row", PW_PCN_NAME, PW_FORM_NAME },
  { "code_row", PW_PCN_CODE, PW_FORM_PCN_CODE },
  { "established_row", PW_PCN_ESTABLISHED, PW_FORM_DATE },
  { "cd_row", PW_PCN_CLINICAL_DIRECTOR, PW_FORM_TEXT },
  { "cd_wte_row", PW_PCN_CD_WTE, PW_FORM_WTE },
  { "manager_row", PW_PCN_MANAGER, PW_FORM_TEXT },
  { "manager_wte_row", PW_PCN_MANAGER_WTE, PW_FORM_WTE },
};

struct _PwProfilePage
{
  GtkWidget parent_instance;

  PwStore *store;              /* owned */
  PwPcn *pcn;                  /* owned */
  GtkSortListModel *localities;/* owned: the store's, by name */
  GtkSortListModel *pcns;      /* owned: the store's, by name, for moves */
  gboolean loading;            /* filling widgets: do not save */
  guint reconcile_id;
  guint save_id;
  guint pending;               /* bit i: fields[i] changed, not yet saved */

  GtkScrolledWindow *scroller;
  AdwEntryRow *rows[G_N_ELEMENTS (fields)];
  AdwComboRow *locality_row;
  AdwPreferencesGroup *practices_group;
  GtkListBox *practice_list;
  GtkTextView *notes_view;
  AdwPreferencesGroup *closing_group;
  GtkButton *archive_button;
};

G_DEFINE_FINAL_TYPE (PwProfilePage, pw_profile_page, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------ */
/* Fields                                                              */

/* One PCN field to write, kept until the workbook takes it. */
typedef struct
{
  gint64 id;
  PwPcnField field;
  gboolean is_number;
  gint64 number;
  char *text;
} PcnSave;

static void
pcn_save_free (gpointer data)
{
  PcnSave *save = data;

  g_free (save->text);
  g_free (save);
}

static gboolean
write_pcn_field (PwStore  *store,
                 gpointer  data,
                 GError  **error)
{
  PcnSave *save = data;

  return save->is_number
         ? pw_store_set_pcn_number (store, save->id, save->field, save->number, error)
         : pw_store_set_pcn_text (store, save->id, save->field, save->text, error);
}

static char *
pcn_save_key (PwPcn      *pcn,
              PwPcnField  field)
{
  return g_strdup_printf ("pcn/%" G_GINT64_FORMAT "/%d", pw_pcn_get_id (pcn), field);
}

/* Saves through the store's queue: see pw_ui_save. */
static void
save_pcn_field (PwProfilePage *self,
                GtkWidget     *widget,
                PwPcnField     field,
                gboolean       is_number,
                gint64         number,
                char          *text)
{
  PcnSave *save = g_new0 (PcnSave, 1);
  g_autofree char *key = pcn_save_key (self->pcn, field);

  save->id = pw_pcn_get_id (self->pcn);
  save->field = field, save->is_number = is_number, save->number = number, save->text = text;
  pw_ui_save (widget, self->store, key, write_pcn_field, save, pcn_save_free);
}

static void
save_field (PwProfilePage *self,
            guint          i)
{
  const FieldSpec *spec = &fields[i];
  char *text = NULL;
  gint64 number = -1;

  if (!pw_entry_row_check (self->rows[i], spec->kind, &text, &number))
    return;
  save_pcn_field (self, GTK_WIDGET (self->rows[i]), spec->field, spec->kind == PW_FORM_WTE, number, text);
}

/* Saves the fields changed since the last call. */
static void
flush_pending (PwProfilePage *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (self->pending & (1u << i))
      {
        self->pending &= ~(1u << i);
        if (self->pcn != NULL)
          save_field (self, i);
      }
}

static gboolean
save_idle_cb (gpointer data)
{
  PwProfilePage *self = data;

  self->save_id = 0;
  flush_pending (self);
  return G_SOURCE_REMOVE;
}

/* Replacing text reports "changed" twice, first with the field empty; an
 * empty WTE is valid ("not given"), so saving at once would store that
 * passing state.  The save runs from idle instead, when the edit is whole,
 * while the field is marked right or wrong at every change. */
static void
on_field_changed_cb (GtkEditable   *editable,
                     PwProfilePage *self)
{
  const FieldSpec *spec = g_object_get_data (G_OBJECT (editable), "pw-field");

  if (self->loading || self->pcn == NULL)
    return;
  pw_entry_row_check (ADW_ENTRY_ROW (editable), spec->kind, NULL, NULL);
  self->pending |= 1u << (spec - fields);
  if (self->save_id == 0)
    self->save_id = g_idle_add_full (PW_SAVE_PRIORITY, save_idle_cb, self, NULL);
}

static void
on_notes_changed_cb (GtkTextBuffer *buffer,
                     PwProfilePage *self)
{
  GtkTextIter start, end;

  if (self->loading || self->pcn == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  save_pcn_field (self, GTK_WIDGET (self->notes_view), PW_PCN_NOTES, FALSE, 0,
                  gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static guint
locality_position (PwProfilePage *self)
{
  GListModel *model = G_LIST_MODEL (self->localities);
  gint64 id = pw_pcn_get_number (self->pcn, PW_PCN_LOCALITY_ID);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwLocality) loc = g_list_model_get_item (model, i);
      if (pw_locality_get_id (loc) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
on_locality_selected_cb (AdwComboRow   *row,
                         GParamSpec    *pspec,
                         PwProfilePage *self)
{
  PwLocality *loc = adw_combo_row_get_selected_item (row);

  if (self->loading || self->pcn == NULL || loc == NULL)
    return;
  save_pcn_field (self, GTK_WIDGET (row), PW_PCN_LOCALITY_ID, TRUE, pw_locality_get_id (loc), NULL);
}

/* An archived PCN says since when, and its button reopens it. */
static void
show_archived (PwProfilePage *self)
{
  gint64 from = pw_pcn_get_number (self->pcn, PW_PCN_ARCHIVED_FROM);
  g_autofree char *fy = from ? pw_format_year (from) : NULL;
  g_autofree char *note = from ? g_strdup_printf (_("Archived: closed from %s, so it shows only in the years before."), fy)
                                : g_strdup (_("Archive a PCN that closed, merge a duplicate into the PCN kept, or delete one made by mistake. Each can be undone."));

  gtk_button_set_label (self->archive_button, from ? _("Un_archive PCN") : _("_Archive PCN…"));
  adw_preferences_group_set_description (self->closing_group, note);
}

/* Whether reloading must leave @widget alone: the user is typing in it,
 * or it holds an edit not yet in the workbook. */
static gboolean
keeps_edit (PwProfilePage *self,
            GtkWidget     *widget,
            PwPcnField     field)
{
  g_autofree char *key = pcn_save_key (self->pcn, field);

  return pw_ui_is_editing (widget) || pw_save_queue_is_pending (pw_save_queue_for_store (self->store), key);
}

/* Shows the PCN as stored; with @keep_edits (a reload while the page is
 * open), fields being edited or waiting to be saved keep what they hold. */
static void
load_fields (PwProfilePage *self,
             gboolean       keep_edits)
{
  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const FieldSpec *spec = &fields[i];
      g_autofree char *shown = NULL;

      if (keep_edits && ((self->pending & (1u << i)) || keeps_edit (self, GTK_WIDGET (self->rows[i]), spec->field)))
        continue;
      if (spec->kind == PW_FORM_WTE)
        shown = pw_form_display (spec->kind, NULL, pw_pcn_get_number (self->pcn, spec->field));
      else
        shown = pw_form_display (spec->kind, pw_pcn_get_text (self->pcn, spec->field), 0);
      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), shown);
      /* Only where marked: clearing a tooltip asks the X server where
       * the pointer is, which was most of selecting a PCN. */
      if (gtk_widget_get_tooltip_text (GTK_WIDGET (self->rows[i])) != NULL ||
          gtk_widget_has_css_class (GTK_WIDGET (self->rows[i]), "error"))
        pw_entry_row_set_problem (self->rows[i], NULL, NULL);
    }
  if (!keep_edits || !keeps_edit (self, GTK_WIDGET (self->locality_row), PW_PCN_LOCALITY_ID))
    adw_combo_row_set_selected (self->locality_row, locality_position (self));
  if (!keep_edits || !keeps_edit (self, GTK_WIDGET (self->notes_view), PW_PCN_NOTES))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                              pw_pcn_get_text (self->pcn, PW_PCN_NOTES), -1);
  self->loading = FALSE;
  show_archived (self);
}

/* ------------------------------------------------------------------ */
/* Practices                                                           */

static void
update_totals (PwProfilePage *self)
{
  g_autofree char *population = pw_format_count (pw_pcn_get_number (self->pcn, PW_PCN_POPULATION));
  gint64 n = pw_pcn_get_number (self->pcn, PW_PCN_PRACTICE_COUNT);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s registered patients in %d practice",
                                                        "%s registered patients in %d practices", n),
                                           population, (int) n);

  adw_preferences_group_set_description (self->practices_group, text);
}

/* Shows the PCN's practices (one query) in the rows already there, adding
 * or removing only as many as the count differs: building a row from its
 * template is most of the cost of selecting a PCN. */
static void
fill_practices (PwProfilePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) practices = NULL;
  gint64 pcn_id = pw_pcn_get_id (self->pcn);
  GtkListBoxRow *row;
  guint n;

  practices = pw_store_list_practices (self->store, pcn_id, &error);
  if (practices == NULL)
    {
      pw_list_box_clear (self->practice_list);
      pw_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  n = g_list_model_get_n_items (practices);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwPractice) p = g_list_model_get_item (practices, i);

      row = gtk_list_box_get_row_at_index (self->practice_list, (int) i);
      if (row != NULL)
        pw_practice_row_set_practice (PW_PRACTICE_ROW (row), pcn_id, p);
      else
        gtk_list_box_append (self->practice_list,
                             pw_practice_row_new (self->store, pcn_id, p, G_LIST_MODEL (self->pcns)));
    }
  while ((row = gtk_list_box_get_row_at_index (self->practice_list, (int) n)) != NULL)
    gtk_list_box_remove (self->practice_list, GTK_WIDGET (row));
  update_totals (self);
}

/* The ids of the saved practices the list shows, in order. */
static GArray *
shown_ids (PwProfilePage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  GtkListBoxRow *w;

  for (int i = 0; (w = gtk_list_box_get_row_at_index (self->practice_list, i)) != NULL; i++)
    if (PW_IS_PRACTICE_ROW (w) && pw_practice_row_get_id (PW_PRACTICE_ROW (w)) != 0)
      {
        gint64 id = pw_practice_row_get_id (PW_PRACTICE_ROW (w));
        g_array_append_val (ids, id);
      }
  return ids;
}

static gboolean
same_practices (PwProfilePage *self)
{
  g_autoptr(GArray) shown = shown_ids (self);
  g_autoptr(GListModel) stored = pw_store_list_practices (self->store, pw_pcn_get_id (self->pcn), NULL);
  g_autoptr(GHashTable) set = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (stored == NULL || g_list_model_get_n_items (stored) != shown->len)
    return FALSE;
  for (guint i = 0; i < shown->len; i++)
    g_hash_table_add (set, &g_array_index (shown, gint64, i));
  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      g_autoptr(PwPractice) p = g_list_model_get_item (stored, i);
      gint64 id = pw_practice_get_id (p);
      if (!g_hash_table_contains (set, &id))
        return FALSE;
    }
  return TRUE;
}

/* After a write, rebuild the practice rows only if practices came or went:
 * an edit made in a row must not destroy the row being typed in.  Run from
 * idle so that a row that has just saved itself knows its new id. */
static gboolean
reconcile_cb (gpointer data)
{
  PwProfilePage *self = data;

  self->reconcile_id = 0;
  if (self->pcn == NULL)
    return G_SOURCE_REMOVE;
  if (same_practices (self))
    update_totals (self);
  else
    fill_practices (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (PwStore       *store,
                     const char    *table,
                     gint64         id,
                     PwProfilePage *self)
{
  if (self->pcn == NULL)
    return;
  if (table == NULL)
    load_fields (self, TRUE);    /* an import, another program: show what is stored now */
  if (self->reconcile_id == 0)
    self->reconcile_id = g_idle_add (reconcile_cb, self);
}

static void
add_practice (GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  PwProfilePage *self = PW_PROFILE_PAGE (widget);
  GtkWidget *row;

  if (self->pcn == NULL)
    return;
  row = pw_practice_row_new (self->store, pw_pcn_get_id (self->pcn), NULL, G_LIST_MODEL (self->pcns));
  gtk_list_box_prepend (self->practice_list, row);
  /* Straight into the code field: child_focus from the row stopped on
   * the expander's header. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_get_template_child (row, PW_TYPE_PRACTICE_ROW, "code_row")));
}

/* ------------------------------------------------------------------ */
/* Localities                                                          */

static void
on_rename_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PwProfilePage    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || self->pcn == NULL)
    return;
  if (!pw_store_rename_locality (self->store, pw_pcn_get_number (self->pcn, PW_PCN_LOCALITY_ID),
                                 gtk_editable_get_text (entry), &error))
    pw_show_error (GTK_WIDGET (self), _("Locality Not Renamed"), error);
}

static void
rename_locality (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  PwProfilePage *self = PW_PROFILE_PAGE (widget);
  GtkWidget *dialog, *entry;

  if (self->pcn == NULL || pw_pcn_get_number (self->pcn, PW_PCN_LOCALITY_ID) == 0)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Rename Locality"),
                                   _("The new name is used for every PCN in this locality."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), pw_pcn_get_text (self->pcn, PW_PCN_LOCALITY));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Archiving, merging and deleting the PCN                             */

static void
closing_action (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  PwProfilePage *self = PW_PROFILE_PAGE (widget);

  if (self->pcn == NULL)
    return;
  flush_pending (self);
  if (g_str_equal (action, "page.archive-pcn"))
    pw_pcn_actions_archive (widget, self->store, self->pcn);
  else if (g_str_equal (action, "page.merge-pcn"))
    pw_pcn_actions_merge (widget, self->store, self->pcn);
  else
    pw_pcn_actions_delete (widget, self->store, self->pcn);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static GtkSortListModel *
sorted_by_name (GListModel *model,
                GType       type)
{
  GtkExpression *expr = gtk_property_expression_new (type, NULL, "name");
  GtkStringSorter *sorter = gtk_string_sorter_new (expr);

  return gtk_sort_list_model_new (g_object_ref (model), GTK_SORTER (sorter));
}

static void
disconnect_store (PwProfilePage *self)
{
  flush_pending (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_handle_id (&self->reconcile_id, g_source_remove);
}

static void
pw_profile_page_dispose (GObject *object)
{
  PwProfilePage *self = PW_PROFILE_PAGE (object);

  disconnect_store (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_PROFILE_PAGE);
  g_clear_object (&self->localities);
  g_clear_object (&self->pcns);
  g_clear_object (&self->pcn);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pw_profile_page_parent_class)->dispose (object);
}

static void
pw_profile_page_class_init (PwProfilePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_profile_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-profile-page.ui");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_class_bind_template_child_full (widget_class, fields[i].child, FALSE,
                                               G_STRUCT_OFFSET (PwProfilePage, rows) + i * sizeof (gpointer));
  gtk_widget_class_bind_template_child (widget_class, PwProfilePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PwProfilePage, locality_row);
  gtk_widget_class_bind_template_child (widget_class, PwProfilePage, practices_group);
  gtk_widget_class_bind_template_child (widget_class, PwProfilePage, practice_list);
  gtk_widget_class_bind_template_child (widget_class, PwProfilePage, notes_view);
  gtk_widget_class_install_action (widget_class, "page.add-practice", NULL, add_practice);
  gtk_widget_class_install_action (widget_class, "page.rename-locality", NULL, rename_locality);
  gtk_widget_class_bind_template_child (widget_class, PwProfilePage, closing_group);
  gtk_widget_class_bind_template_child (widget_class, PwProfilePage, archive_button);
  gtk_widget_class_install_action (widget_class, "page.archive-pcn", NULL, closing_action);
  gtk_widget_class_install_action (widget_class, "page.merge-pcn", NULL, closing_action);
  gtk_widget_class_install_action (widget_class, "page.delete-pcn", NULL, closing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.add-practice", NULL);
}

static void
pw_profile_page_init (PwProfilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_object_set_data (G_OBJECT (self->rows[i]), "pw-field", (gpointer) &fields[i]);
      pw_entry_row_add_hint (self->rows[i]);
      g_signal_connect (self->rows[i], "changed", G_CALLBACK (on_field_changed_cb), self);
    }
  adw_combo_row_set_expression (self->locality_row,
                                gtk_property_expression_new (PW_TYPE_LOCALITY, NULL, "name"));
  g_signal_connect (self->locality_row, "notify::selected", G_CALLBACK (on_locality_selected_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (on_notes_changed_cb), self);
}

GtkWidget *
pw_profile_page_new (void)
{
  return g_object_new (PW_TYPE_PROFILE_PAGE, NULL);
}

static void
use_store (PwProfilePage *self,
           PwStore       *store)
{
  if (self->store == store)
    return;
  disconnect_store (self);
  g_set_object (&self->store, store);
  g_clear_object (&self->localities);
  g_clear_object (&self->pcns);
  if (store == NULL)
    return;
  self->localities = sorted_by_name (pw_store_get_localities (store), PW_TYPE_LOCALITY);
  self->pcns = sorted_by_name (pw_store_get_pcns (store), PW_TYPE_PCN);
  self->loading = TRUE;
  adw_combo_row_set_model (self->locality_row, G_LIST_MODEL (self->localities));
  self->loading = FALSE;
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
}

void
pw_profile_page_set_pcn (PwProfilePage *self,
                         PwStore       *store,
                         PwPcn         *pcn)
{
  g_return_if_fail (PW_IS_PROFILE_PAGE (self));

  flush_pending (self);      /* edits belong to the PCN they were made on */
  use_store (self, store);
  if (!g_set_object (&self->pcn, pcn) || pcn == NULL)
    return;
  load_fields (self, FALSE);
  fill_practices (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

PwPcn *
pw_profile_page_get_pcn (PwProfilePage *self)
{
  g_return_val_if_fail (PW_IS_PROFILE_PAGE (self), NULL);
  return self->pcn;
}

/* pw-roles-window.c — the contract by year: ARRS roles (add local names,
 * rename, retire), DES specifications and funding streams (add your own,
 * rename those), each with the years it applies to
 *
 * The years are reference data shipped from data/reference/contract.csv;
 * a commissioner corrects them here when a year's contract changes them.
 * Pages, forms and sheets of a year show what applies in it (past returns
 * keep what they held).  The three lists share one row for the years.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-roles-window.h"
#include "pw-ui-util.h"

struct _PwRolesWindow
{
  AdwPreferencesWindow parent_instance;

  PwStore *store;              /* owned */

  GPtrArray *rows;             /* the roles' rows in roles_group */
  GPtrArray *item_rows[2];     /* per PwContractKind: the rows of des_group or streams_group */

  AdwEntryRow *new_role_row;
  AdwPreferencesGroup *roles_group;
  AdwPreferencesGroup *des_group;
  AdwPreferencesGroup *streams_group;
};

/* Whose years a years row sets. */
typedef enum { YEARS_ROLE, YEARS_DES, YEARS_STREAM } YearsOf;

G_DEFINE_FINAL_TYPE (PwRolesWindow, pw_roles_window, ADW_TYPE_PREFERENCES_WINDOW)

static void fill (PwRolesWindow *self);
static void fill_contract (PwRolesWindow *self,
                           PwContractKind kind);

static void
complain (PwRolesWindow *self,
          GError        *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static gint64
role_of (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "pw-role"));
}

static void
on_add_cb (PwRolesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_role_row))));
  g_autoptr(GError) error = NULL;

  if (*name == '\0')
    return;
  if (!pw_store_add_role (self->store, name, pw_current_year (), NULL, &error))
    {
      complain (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_role_row), "");
  fill (self);
}

static void
on_retire_toggled_cb (GtkToggleButton *button,
                      PwRolesWindow   *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_store_retire_role (self->store, role_of (GTK_WIDGET (button)), gtk_toggle_button_get_active (button), &error))
    complain (self, error);
}

static void
on_delete_clicked_cb (GtkButton     *button,
                      PwRolesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_store_delete_role (self->store, role_of (GTK_WIDGET (button)), &error))
    complain (self, error);
  else
    fill (self);
}

static void
on_rename_cb (AdwEntryRow   *row,
              PwRolesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_store_rename_role (self->store, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "pw-role")),
                             gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    complain (self, error);
  else
    fill (self);
}

/* The most reimbursed per WTE this financial year; empty forgets it. */
static void
on_rate_cb (AdwEntryRow   *row,
            PwRolesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gint64 pence = -1;

  if (*text != '\0' && !pw_form_check (PW_FORM_MONEY, text, NULL, &pence, &error))
    {
      pw_entry_row_set_problem (row, pw_form_hint (PW_FORM_MONEY), error->message);
      return;
    }
  pw_entry_row_set_problem (row, NULL, NULL);
  if (!pw_store_set_role_rate (self->store, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "pw-role")),
                               pw_current_year (), pence, &error))
    complain (self, error);
}

/* ------------------------------------------------------------------ */
/* Years                                                               */

/* @text as a financial year; blank is 0 (no last year). */
static gboolean
parse_year_or_blank (const char  *text,
                     int         *out_year,
                     GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  *out_year = 0;
  return *trimmed == '\0' || pw_parse_year (trimmed, out_year, error);
}

static gboolean
save_years (PwRolesWindow  *self,
            GtkWidget      *row,
            int             first,
            int             last,
            GError        **error)
{
  YearsOf of = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pw-years-of"));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "pw-years-id"));

  if (first == 0)
    return (g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                                 _("Type the first year, such as 2024/25")), FALSE);
  if (of == YEARS_ROLE)
    return pw_store_set_role_years (self->store, id, first, last, error);
  return pw_store_set_contract_years (self->store, of == YEARS_DES ? PW_CONTRACT_DES : PW_CONTRACT_STREAM, id,
                                      first, last, error);
}

/* Either year typed: both are read and saved together, at once. */
static void
on_years_changed_cb (GtkWidget     *entry,
                     PwRolesWindow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (entry, ADW_TYPE_ACTION_ROW);
  GtkEditable *first_entry = g_object_get_data (G_OBJECT (row), "pw-first");
  GtkEditable *last_entry = g_object_get_data (G_OBJECT (row), "pw-last");
  g_autoptr(GError) error = NULL;
  int first = 0, last = 0;
  gboolean ok;

  ok = parse_year_or_blank (gtk_editable_get_text (first_entry), &first, &error) &&
       parse_year_or_blank (gtk_editable_get_text (last_entry), &last, &error);
  /* Leaving an entry unchanged writes nothing (and logs nothing). */
  if (ok && first == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "pw-saved-first")) &&
      last == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "pw-saved-last")))
    return;
  ok = ok && save_years (self, row, first, last, &error);
  if (ok)
    {
      g_object_set_data (G_OBJECT (row), "pw-saved-first", GINT_TO_POINTER (first));
      g_object_set_data (G_OBJECT (row), "pw-saved-last", GINT_TO_POINTER (last));
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
      return;
    }
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
  complain (self, error);
}

static void
on_year_left_cb (GtkEventController *focus,
                 PwRolesWindow      *self)
{
  on_years_changed_cb (gtk_event_controller_get_widget (focus), self);
}

static GtkWidget *
year_entry (PwRolesWindow *self,
            int            year,
            const char    *placeholder,
            const char    *label)
{
  g_autofree char *text = year ? pw_format_year (year) : g_strdup ("");
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 7);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 7);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* Saved on Enter and when the entry is left, like every other field. */
  g_signal_connect (entry, "activate", G_CALLBACK (on_years_changed_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_year_left_cb), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

/* "First year [2020/21] to [2023/24]": the years @id (a role, DES
 * specification or funding stream, as @of says) applies to. */
static GtkWidget *
years_row (PwRolesWindow *self,
           YearsOf        of,
           gint64         id,
           const char    *title,
           const char    *subtitle,
           int            first,
           int            last)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *first_entry = year_entry (self, first, _("2024/25"), _("First year"));
  GtkWidget *to = gtk_label_new (_("to"));
  GtkWidget *last_entry = year_entry (self, last, _("still"), _("Last year (blank while it still applies)"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, subtitle);   /* the whole citation */
    }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), first_entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), to);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), last_entry);
  g_object_set_data (G_OBJECT (row), "pw-years-of", GUINT_TO_POINTER (of));
  g_object_set_data (G_OBJECT (row), "pw-years-id", GSIZE_TO_POINTER (id));
  g_object_set_data (G_OBJECT (row), "pw-first", first_entry);
  g_object_set_data (G_OBJECT (row), "pw-last", last_entry);
  g_object_set_data (G_OBJECT (row), "pw-saved-first", GINT_TO_POINTER (first));
  g_object_set_data (G_OBJECT (row), "pw-saved-last", GINT_TO_POINTER (last));
  return row;
}

static PwContractKind
kind_of (GtkWidget *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pw-kind"));
}

/* A name typed in "Add a specification (or stream) of your own": added
 * from this financial year on; its years are then set in its row. */
static void
on_add_item_cb (AdwEntryRow   *row,
                PwRolesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;
  PwContractKind kind = kind_of (GTK_WIDGET (row));

  if (!pw_store_add_contract_item (self->store, kind, name, pw_current_year (), 0, NULL, NULL, &error))
    {
      pw_entry_row_set_problem (row, NULL, error->message);
      complain (self, error);
      return;
    }
  pw_entry_row_set_problem (row, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  fill_contract (self, kind);
}

static void
on_rename_item_cb (AdwEntryRow   *row,
                   PwRolesWindow *self)
{
  g_autoptr(GError) error = NULL;
  PwContractKind kind = kind_of (GTK_WIDGET (row));

  if (!pw_store_rename_contract_item (self->store, kind, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pw-index")),
                                      gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      pw_entry_row_set_problem (row, NULL, error->message);
      complain (self, error);
    }
  else
    fill_contract (self, kind);
}

static GtkWidget *
add_item_row (PwContractKind kind)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind == PW_CONTRACT_DES
                                                           ? _("Add a specification of your own")
                                                           : _("Add a funding stream of your own"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "pw-kind", GUINT_TO_POINTER (kind));
  return row;
}

/* An item users added: its name (renamed here) and years (a last year
 * retires it from the years after). */
static GtkWidget *
added_item_row (PwRolesWindow  *self,
                PwContractKind  kind,
                guint           index,
                GtkWidget      *years)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *rename = adw_entry_row_new ();
  const char *name = pw_store_contract_name (self->store, kind, index);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Added in this workbook"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rename), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (rename), name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (rename), TRUE);
  g_object_set_data (G_OBJECT (rename), "pw-kind", GUINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (rename), "pw-index", GUINT_TO_POINTER (index));
  g_signal_connect (rename, "apply", G_CALLBACK (on_rename_item_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), rename);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), years);
  return row;
}

/* The DES specifications or the funding streams, with their years and
 * the document those come from: the shipped ones, then those added, then
 * a row to add one. */
static void
fill_contract (PwRolesWindow  *self,
               PwContractKind  kind)
{
  AdwPreferencesGroup *group = kind == PW_CONTRACT_DES ? self->des_group : self->streams_group;
  YearsOf of = kind == PW_CONTRACT_DES ? YEARS_DES : YEARS_STREAM;
  GPtrArray *rows = self->item_rows[kind];
  GtkWidget *add;

  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
  for (guint i = 0; i < pw_store_contract_count (self->store, kind); i++)
    {
      g_autofree char *source = NULL;
      int first = 0, last = 0;
      gboolean added = pw_store_contract_is_added (self->store, kind, i);
      GtkWidget *row;

      /* A workbook edited by hand may lack an item's years: left blank. */
      pw_store_contract_years (self->store, kind, i, &first, &last, &source, NULL);
      row = years_row (self, of, i, added ? _("Applies") : pw_store_contract_name (self->store, kind, i),
                       source && *source ? source : NULL, first, last);
      if (added)
        row = added_item_row (self, kind, i, row);
      g_ptr_array_add (rows, row);
    }
  add = add_item_row (kind);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_item_cb), self);
  g_signal_connect (add, "entry-activated", G_CALLBACK (on_add_item_cb), self);
  g_ptr_array_add (rows, add);
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_add (group, rows->pdata[i]);
}

static GtkWidget *
role_row (PwRolesWindow *self,
          PwArrsRole    *role)
{
  PwRow *r = PW_ROW (role);
  gint64 first = pw_row_get_int (r, PW_ARRS_ROLE_FIRST_YEAR);
  g_autofree char *fy = first ? pw_format_year (first) : NULL;
  g_autofree char *subtitle = g_strdup_printf ("%s%s%s", fy ? _("Reimbursable from ") : "", fy ? fy : "",
                                               pw_row_get_int (r, PW_ARRS_ROLE_LOCAL) ? _(" · local name") : "");
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *rename = adw_entry_row_new ();
  GtkWidget *actions = adw_action_row_new ();
  GtkWidget *rate = adw_entry_row_new ();
  g_autofree char *this_year = pw_format_year (pw_current_year ());
  g_autofree char *rate_title = g_strdup_printf (_("Most reimbursed per WTE in %s (£)"), this_year);
  gint64 known = pw_store_role_rate (self->store, pw_row_get_int (r, PW_ARRS_ROLE_ID), pw_current_year ());
  g_autofree char *known_text = known >= 0 ? pw_format_money (known) : g_strdup ("");
  GtkWidget *retire = gtk_toggle_button_new_with_mnemonic (_("_Retired"));
  GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_row_get_string (r, PW_ARRS_ROLE_NAME));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rename), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (rename), pw_row_get_string (r, PW_ARRS_ROLE_NAME));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (rename), TRUE);
  g_object_set_data (G_OBJECT (rename), "pw-role", GSIZE_TO_POINTER (pw_row_get_int (r, PW_ARRS_ROLE_ID)));
  g_signal_connect (rename, "apply", G_CALLBACK (on_rename_cb), self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (actions), _("Retire to stop offering it; delete if no return uses it"));
  g_object_set_data (G_OBJECT (actions), "pw-role", GSIZE_TO_POINTER (pw_row_get_int (r, PW_ARRS_ROLE_ID)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (retire), pw_row_get_int (r, PW_ARRS_ROLE_RETIRED));
  gtk_widget_set_valign (retire, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "destructive-action");
  g_signal_connect (retire, "toggled", G_CALLBACK (on_retire_toggled_cb), self);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), retire);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), delete);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rate), rate_title);
  gtk_editable_set_text (GTK_EDITABLE (rate), known_text);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (rate), TRUE);
  pw_entry_row_add_hint (ADW_ENTRY_ROW (rate));
  g_object_set_data (G_OBJECT (rate), "pw-role", GSIZE_TO_POINTER (pw_row_get_int (r, PW_ARRS_ROLE_ID)));
  g_signal_connect (rate, "apply", G_CALLBACK (on_rate_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), rename);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), rate);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            years_row (self, YEARS_ROLE, pw_row_get_int (r, PW_ARRS_ROLE_ID), _("Reimbursable"), NULL,
                                       first, pw_row_get_int (r, PW_ARRS_ROLE_LAST_YEAR)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions);
  return row;
}

static void
fill (PwRolesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) roles = pw_store_list_roles (self->store, TRUE, &error);

  /* Rows of the group itself, not of a list inside it: the window's
   * search looks through a group's rows only. */
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->roles_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; roles && i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(PwArrsRole) role = g_list_model_get_item (roles, i);
      GtkWidget *row = role_row (self, role);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->roles_group, row);
    }
  if (error != NULL)
    complain (self, error);
}

static void
pw_roles_window_dispose (GObject *object)
{
  PwRolesWindow *self = PW_ROLES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_ROLES_WINDOW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->item_rows[PW_CONTRACT_DES], g_ptr_array_unref);
  g_clear_pointer (&self->item_rows[PW_CONTRACT_STREAM], g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pw_roles_window_parent_class)->dispose (object);
}

static void
pw_roles_window_class_init (PwRolesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_roles_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-roles-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwRolesWindow, new_role_row);
  gtk_widget_class_bind_template_child (widget_class, PwRolesWindow, roles_group);
  gtk_widget_class_bind_template_child (widget_class, PwRolesWindow, des_group);
  gtk_widget_class_bind_template_child (widget_class, PwRolesWindow, streams_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_cb);
}

static void
pw_roles_window_init (PwRolesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->item_rows[PW_CONTRACT_DES] = g_ptr_array_new ();
  self->item_rows[PW_CONTRACT_STREAM] = g_ptr_array_new ();
}

GtkWidget *
pw_roles_window_new (GtkWindow *parent,
                     PwStore   *store)
{
  PwRolesWindow *self = g_object_new (PW_TYPE_ROLES_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  fill (self);
  fill_contract (self, PW_CONTRACT_DES);
  fill_contract (self, PW_CONTRACT_STREAM);
  return GTK_WIDGET (self);
}

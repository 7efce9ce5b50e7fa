/* pw-board-form.c — a small form for a board's member, meeting, stage, risk…
 *
 * A message dialog holding a list of fields: entries checked as typed
 * (a date that is not one, a likelihood outside 1–5, an empty name, a
 * reference already in use), choices and switches.  The first problem is
 * spelled out under the list, the field is marked, and the apply button
 * stays off until every field is acceptable; Enter in any entry applies.
 * When the store refuses the values all the same, the form comes back
 * with what was typed and the store's message, so nothing typed is lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-board-form.h"
#include "pw-parse.h"
#include "pw-ui-util.h"

struct _PwBoardForm
{
  AdwMessageDialog parent_instance;

  GtkListBox *list;
  GtkLabel *problem;
  GHashTable *fields;          /* key → GtkWidget (borrowed: in the list) */
  GHashTable *values;          /* key → char*, entries' checked values */
  PwBoardFormApply apply;
  gpointer data;
  GDestroyNotify destroy;
  gboolean applied;
};

G_DEFINE_FINAL_TYPE (PwBoardForm, pw_board_form, ADW_TYPE_MESSAGE_DIALOG)

/* ------------------------------------------------------------------ */
/* Checking one value (no display needed)                              */

static gboolean
check_number (const char  *label,
              const char  *input,
              int          max,
              char       **out_text,
              GError     **error)
{
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (input, 10, 1, max, &n, NULL))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   _("%s must be a whole number from 1 to %d, not “%s”"), label, max, input);
      return FALSE;
    }
  *out_text = g_strdup_printf ("%d", (int) n);
  return TRUE;
}

/**
 * pw_board_input_check:
 * @label: the field's name, for the message (such as "Likelihood")
 * @out_text: (out): the value to store: trimmed text, an ISO date ("" for
 *   none), or a number written in digits ("" for none)
 * Returns: whether @input is acceptable for @kind; if not, @error says why.
 */
gboolean
pw_board_input_check (PwBoardInput   kind,
                      const char    *label,
                      const char    *input,
                      char         **out_text,
                      GError       **error)
{
  g_autofree char *text = g_strstrip (g_strdup (input ? input : ""));

  g_return_val_if_fail (out_text != NULL, FALSE);

  *out_text = NULL;
  if (*text == '\0' && (kind == PW_BOARD_INPUT_NAME || kind == PW_BOARD_INPUT_DAY || kind == PW_BOARD_INPUT_SCORE))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, _("%s is needed"), label);
      return FALSE;
    }
  if (*text == '\0' || kind == PW_BOARD_INPUT_TEXT || kind == PW_BOARD_INPUT_NAME)
    {
      *out_text = g_steal_pointer (&text);
      return TRUE;
    }
  if (kind == PW_BOARD_INPUT_SCORE)
    return check_number (label, text, 5, out_text, error);
  if (kind == PW_BOARD_INPUT_TARGET)
    return check_number (label, text, 25, out_text, error);
  return pw_parse_date (text, out_text, error);
}

static const char *
hint_of (PwBoardInput kind)
{
  switch (kind)
    {
    case PW_BOARD_INPUT_DATE:
    case PW_BOARD_INPUT_DAY: return _("DD/MM/YYYY");
    case PW_BOARD_INPUT_SCORE: return _("1 to 5");
    case PW_BOARD_INPUT_TARGET: return _("1 to 25");
    default: return _("Needed");
    }
}

/* ------------------------------------------------------------------ */
/* Checking the form                                                   */

/* A field's title as the messages name it: "_Likelihood (1 to 5)" is
 * "Likelihood" (the message says what is accepted). */
static char *
plain_label (const char *title)
{
  g_autoptr(GString) s = g_string_new (title);
  const char *paren;

  g_string_replace (s, "_", "", 0);
  if ((paren = strstr (s->str, " (")) != NULL)
    g_string_truncate (s, paren - s->str);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Checks one entry and keeps its value; the message if wrong, marked on
 * the entry once the user has typed in it (an empty new form is not
 * shown as wrong before anything is typed). */
static char *
check_entry (PwBoardForm *self,
             const char  *key,
             AdwEntryRow *row)
{
  PwBoardInput kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "pw-kind"));
  GPtrArray *taken = g_object_get_data (G_OBJECT (row), "pw-taken");
  g_autofree char *label = plain_label (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_autoptr(GError) error = NULL;
  gboolean touched = g_object_get_data (G_OBJECT (row), "pw-touched") != NULL;
  char *value = NULL;

  if (!pw_board_input_check (kind, label, gtk_editable_get_text (GTK_EDITABLE (row)), &value, &error))
    {
      pw_entry_row_set_problem (row, hint_of (kind), touched ? error->message : NULL);
      g_hash_table_remove (self->values, key);
      return g_strdup (error->message);
    }
  for (guint i = 0; taken != NULL && i < taken->len; i++)
    if (g_ascii_strcasecmp (value, taken->pdata[i]) == 0)
      {
        g_autofree char *message = g_strdup_printf (_("%s “%s” is already in use: choose another"), label, value);

        g_free (value);
        pw_entry_row_set_problem (row, _("In use"), touched ? message : NULL);
        g_hash_table_remove (self->values, key);
        return g_steal_pointer (&message);
      }
  pw_entry_row_set_problem (row, NULL, NULL);
  g_hash_table_insert (self->values, g_strdup (key), value);
  return NULL;
}

static void
check_all (PwBoardForm *self)
{
  g_autofree char *shown = NULL;
  gboolean ok = TRUE;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ENTRY_ROW (row))
      {
        g_autofree char *problem = check_entry (self, g_object_get_data (G_OBJECT (row), "pw-key"),
                                                ADW_ENTRY_ROW (row));
        ok = ok && problem == NULL;
        if (shown == NULL && g_object_get_data (G_OBJECT (row), "pw-touched") != NULL)
          shown = g_steal_pointer (&problem);
      }
  gtk_label_set_label (self->problem, shown ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), shown != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", ok);
}

/* ------------------------------------------------------------------ */
/* Building                                                            */

static void
add_field (PwBoardForm *self,
           const char  *key,
           const char  *title,
           GtkWidget   *row)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "pw-key", g_strdup (key), g_free);
  gtk_list_box_append (self->list, row);
  g_hash_table_insert (self->fields, g_strdup (key), row);
}

static void
on_entry_changed_cb (GtkEditable *row,
                     PwBoardForm *self)
{
  g_object_set_data (G_OBJECT (row), "pw-touched", GINT_TO_POINTER (TRUE));
  check_all (self);
}

/* Adds an entry for @kind holding @value (a date as stored, ISO). */
GtkWidget *
pw_board_form_add_entry (PwBoardForm  *self,
                         const char   *key,
                         const char   *title,
                         PwBoardInput  kind,
                         const char   *value)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *shown = NULL;

  g_return_val_if_fail (PW_IS_BOARD_FORM (self), NULL);

  shown = (kind == PW_BOARD_INPUT_DATE || kind == PW_BOARD_INPUT_DAY) ? pw_format_date (value ? value : "")
                                                                       : g_strdup (value ? value : "");
  g_object_set_data (G_OBJECT (row), "pw-kind", GINT_TO_POINTER (kind));
  pw_entry_row_add_hint (ADW_ENTRY_ROW (row));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  if (kind == PW_BOARD_INPUT_SCORE || kind == PW_BOARD_INPUT_TARGET)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_text (GTK_EDITABLE (row), shown);
  add_field (self, key, title, row);
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed_cb), self);
  check_all (self);
  return row;
}

/* Adds a choice of @n values, named by @name, with @selected chosen. */
GtkWidget *
pw_board_form_add_choice (PwBoardForm     *self,
                          const char      *key,
                          const char      *title,
                          PwBoardNameFunc  name,
                          int              n,
                          int              selected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  g_return_val_if_fail (PW_IS_BOARD_FORM (self), NULL);

  for (int i = 0; i < n; i++)
    gtk_string_list_append (names, name (i));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), CLAMP (selected, 0, n - 1));
  add_field (self, key, title, row);
  return row;
}

GtkWidget *
pw_board_form_add_switch (PwBoardForm *self,
                          const char  *key,
                          const char  *title,
                          gboolean     active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  g_return_val_if_fail (PW_IS_BOARD_FORM (self), NULL);

  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "pw-switch", toggle);
  add_field (self, key, title, row);
  return row;
}

/* The values (such as references) the entry @key must not take. */
void
pw_board_form_set_taken (PwBoardForm *self,
                         const char  *key,
                         GPtrArray   *taken)
{
  GtkWidget *row;

  g_return_if_fail (PW_IS_BOARD_FORM (self));
  row = g_hash_table_lookup (self->fields, key);
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  g_object_set_data_full (G_OBJECT (row), "pw-taken", g_ptr_array_ref (taken), (GDestroyNotify) g_ptr_array_unref);
  check_all (self);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

/* The checked value of the entry @key: text trimmed, a date ISO ("" for
 * none), a number in digits. */
const char *
pw_board_form_get_text (PwBoardForm *self,
                        const char  *key)
{
  const char *value;

  g_return_val_if_fail (PW_IS_BOARD_FORM (self), "");
  value = g_hash_table_lookup (self->values, key);
  return value ? value : "";
}

/* A number entry's value (0 for none), a choice's index or a switch's state. */
int
pw_board_form_get_int (PwBoardForm *self,
                       const char  *key)
{
  GtkWidget *row;

  g_return_val_if_fail (PW_IS_BOARD_FORM (self), 0);
  row = g_hash_table_lookup (self->fields, key);
  if (ADW_IS_COMBO_ROW (row))
    return adw_combo_row_get_selected (ADW_COMBO_ROW (row));
  if (row != NULL && g_object_get_data (G_OBJECT (row), "pw-switch") != NULL)
    return gtk_switch_get_active (g_object_get_data (G_OBJECT (row), "pw-switch"));
  return atoi (pw_board_form_get_text (self, key));
}

/* Returns: (transfer none): the row of the field @key, for tests */
GtkWidget *
pw_board_form_get_field (PwBoardForm *self,
                         const char  *key)
{
  g_return_val_if_fail (PW_IS_BOARD_FORM (self), NULL);
  return g_hash_table_lookup (self->fields, key);
}

/* Returns: (transfer none): the line that names the form's first problem */
GtkLabel *
pw_board_form_get_problem (PwBoardForm *self)
{
  g_return_val_if_fail (PW_IS_BOARD_FORM (self), NULL);
  return self->problem;
}

/* ------------------------------------------------------------------ */
/* Running                                                             */

/* After the dialog has closed itself (hidden, see init): gone when the
 * values were taken, back with them and the store's message when not. */
static gboolean
after_response_cb (gpointer data)
{
  PwBoardForm *self = data;

  if (self->applied || g_object_get_data (G_OBJECT (self), "pw-cancelled") != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
  else
    gtk_window_present (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
on_response_cb (PwBoardForm *self,
                const char  *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "apply") != 0)
    g_object_set_data (G_OBJECT (self), "pw-cancelled", GINT_TO_POINTER (TRUE));
  else if (self->apply (self, self->data, &error))
    self->applied = TRUE;
  else
    {
      gtk_label_set_label (self->problem, error ? error->message : _("The change could not be saved"));
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
    }
  g_idle_add_full (G_PRIORITY_DEFAULT, after_response_cb, g_object_ref (self), g_object_unref);
}

/**
 * pw_board_form_run:
 * Shows the form; @apply is called with it when the user applies.
 */
void
pw_board_form_run (PwBoardForm      *self,
                   PwBoardFormApply  apply,
                   gpointer          data,
                   GDestroyNotify    destroy)
{
  GtkWidget *first;

  g_return_if_fail (PW_IS_BOARD_FORM (self));

  self->apply = apply, self->data = data, self->destroy = destroy;
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (self));
  first = gtk_widget_get_first_child (GTK_WIDGET (self->list));
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

/**
 * pw_board_form_new:
 * @from: a widget of the window the form is for
 * @apply_label: the apply button's label, such as "_Add"
 */
PwBoardForm *
pw_board_form_new (GtkWidget  *from,
                   const char *heading,
                   const char *body,
                   const char *apply_label)
{
  GtkRoot *root = from ? gtk_widget_get_root (from) : NULL;
  PwBoardForm *self = g_object_new (PW_TYPE_BOARD_FORM, "heading", heading, "body", body,
                                    "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    "modal", TRUE, "destroy-with-parent", TRUE, NULL);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "apply", apply_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  return self;
}

static void
pw_board_form_finalize (GObject *object)
{
  PwBoardForm *self = PW_BOARD_FORM (object);

  if (self->destroy != NULL)
    self->destroy (self->data);
  g_hash_table_unref (self->fields);
  g_hash_table_unref (self->values);
  G_OBJECT_CLASS (pw_board_form_parent_class)->finalize (object);
}

static void
pw_board_form_class_init (PwBoardFormClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_board_form_finalize;
}

static void
pw_board_form_init (PwBoardForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  /* closing after a refused apply only hides: the form comes back */
  gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);
}

/* pw-forms-dialog.c — what return forms sent back would change, before
 * anything is written
 *
 * The same as `import forms --dry-run`: one row per form, its PCN and
 * year, each value it changes (from → to), or why it is refused (file,
 * sheet and cell).  Apply is offered for the forms that are not refused;
 * the import itself is the caller's (pw-window-forms.c).  A form's changes
 * are made into rows only when it is expanded, so that 1,250 forms open
 * quickly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-forms-dialog.h"
#include "pw-parse.h"

#define EXPAND_UP_TO 3         /* forms shown opened; more start closed */

struct _PwFormsDialog
{
  AdwMessageDialog parent_instance;

  GPtrArray *results;          /* owned: of PwFormResult */

  GtkListBox *file_list;
};

G_DEFINE_FINAL_TYPE (PwFormsDialog, pw_forms_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Values typed by PCNs: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  return row;
}

static void
on_expanded_cb (AdwExpanderRow *row,
                GParamSpec     *pspec,
                PwFormResult   *result)
{
  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "pw-filled"))
    return;
  g_object_set_data (G_OBJECT (row), "pw-filled", row);
  for (guint i = 0; i < result->changes->len; i++)
    adw_expander_row_add_row (row, text_row (g_ptr_array_index (result->changes, i), NULL));
}

static GtkWidget *
result_row (PwFormResult *result,
            gboolean      expand)
{
  g_autofree char *base = g_filename_display_basename (result->path);
  g_autofree char *year = result->year ? pw_format_year (result->year) : NULL;
  g_autofree char *title = result->pcn_code && year ? g_strdup_printf ("%s · %s", result->pcn_code, year)
                                                    : g_strdup (base);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (result->error != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      const char *why = result->error->message;

      /* The title names the file already. */
      if (g_str_has_prefix (why, base) && g_str_has_prefix (why + strlen (base), ": "))
        why += strlen (base) + 2;
      row = text_row (title, why);
      gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      return row;
    }
  subtitle = result->changes->len > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u change", "%s · %u changes", result->changes->len),
                       base, result->changes->len)
    : g_strdup_printf (_("%s · no changes: the return will be marked submitted"), base);
  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), result->changes->len > 0);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded_cb), result);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expand && result->changes->len > 0);
  return row;
}

/* "3 forms: 2 to apply (41 changes), 1 refused." */
static void
describe (PwFormsDialog *self)
{
  guint ok = 0, refused = 0, changes = 0;
  g_autofree char *to_apply = NULL, *refusals = NULL, *body = NULL, *label = NULL;

  for (guint i = 0; i < self->results->len; i++)
    {
      PwFormResult *r = g_ptr_array_index (self->results, i);

      if (r->error != NULL)
        refused++;
      else
        ok++, changes += r->changes->len;
    }
  to_apply = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u form to apply", "%u forms to apply", ok), ok);
  refusals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u form is refused: nothing from it will be kept.",
                                           "%u forms are refused: nothing from them will be kept.", refused), refused);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u change in all; applying marks the returns submitted.%s%s",
                                       "%s, %u changes in all; applying marks the returns submitted.%s%s", changes),
                          to_apply, changes, refused ? " " : "", refused ? refusals : "");
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Apply %u Form", "_Apply %u Forms", ok), ok);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "apply", label);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", ok > 0);
}

/**
 * pw_forms_dialog_get_paths:
 *
 * Returns: (transfer full): the forms to apply, those not refused
 */
char **
pw_forms_dialog_get_paths (PwFormsDialog *self)
{
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();

  g_return_val_if_fail (PW_IS_FORMS_DIALOG (self), NULL);

  for (guint i = 0; i < self->results->len; i++)
    {
      PwFormResult *r = g_ptr_array_index (self->results, i);

      if (r->error == NULL)
        g_strv_builder_add (paths, r->path);
    }
  return g_strv_builder_end (paths);
}

static void
pw_forms_dialog_dispose (GObject *object)
{
  PwFormsDialog *self = PW_FORMS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_FORMS_DIALOG);
  G_OBJECT_CLASS (pw_forms_dialog_parent_class)->dispose (object);
}

static void
pw_forms_dialog_finalize (GObject *object)
{
  PwFormsDialog *self = PW_FORMS_DIALOG (object);

  /* After dispose: the rows' handlers point into the results. */
  g_clear_pointer (&self->results, g_ptr_array_unref);
  G_OBJECT_CLASS (pw_forms_dialog_parent_class)->finalize (object);
}

static void
pw_forms_dialog_class_init (PwFormsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_forms_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = pw_forms_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-forms-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwFormsDialog, file_list);
}

static void
pw_forms_dialog_init (PwFormsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @results: (element-type PwFormResult): from a dry run of the forms */
PwFormsDialog *
pw_forms_dialog_new (GtkWindow *parent,
                     GPtrArray *results)
{
  PwFormsDialog *self = g_object_new (PW_TYPE_FORMS_DIALOG, "transient-for", parent, "modal", TRUE, NULL);

  self->results = g_ptr_array_ref (results);
  for (guint i = 0; i < results->len; i++)
    gtk_list_box_append (self->file_list, result_row (g_ptr_array_index (results, i), results->len <= EXPAND_UP_TO));
  describe (self);
  return self;
}

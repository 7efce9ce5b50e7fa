/* pw-forms-dialog.c — what return forms sent back would change, before
 * anything is written
 *
 * The same as `import forms --dry-run`: one row per form, its PCN and
 * year, each value it changes (from → to), or why it is refused (file,
 * sheet and cell).  Apply is offered for the forms that are not refused;
 * the import itself is the caller's (pw-window-forms.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-forms-dialog.h"
#include "pw-parse.h"

/* One line of the list: a form's heading, one of its changes, or why it
 * is refused.  The list view makes widgets for the lines on screen only,
 * so that 1,250 forms open at once. */
typedef enum { LINE_FORM, LINE_CHANGE, LINE_REFUSED } LineKind;

typedef struct
{
  LineKind kind;
  char *title;
  char *subtitle;              /* or NULL */
} Line;

struct _PwFormsDialog
{
  AdwMessageDialog parent_instance;

  GPtrArray *results;          /* owned: of PwFormResult */
  GArray *lines;               /* owned: of Line */

  GtkListView *line_list;
};

G_DEFINE_FINAL_TYPE (PwFormsDialog, pw_forms_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
line_clear (Line *line)
{
  g_free (line->title);
  g_free (line->subtitle);
}

static void
add_line (PwFormsDialog *self,
          LineKind       kind,
          char          *title,
          char          *subtitle)
{
  Line line = { kind, title, subtitle };

  g_array_append_val (self->lines, line);
}

/* "U12345 · 2026/27", "U12345 Name 2026-27 return.xlsx · 2 changes", then
 * each change; or the file and why it is refused. */
static void
add_result (PwFormsDialog *self,
            PwFormResult  *result)
{
  g_autofree char *base = g_filename_display_basename (result->path);
  g_autofree char *year = result->year ? pw_format_year (result->year) : NULL;
  char *title = result->pcn_code && year ? g_strdup_printf ("%s · %s", result->pcn_code, year) : g_strdup (base);

  if (result->error != NULL)
    {
      const char *why = result->error->message;

      /* The subtitle names the file already. */
      if (g_str_has_prefix (why, base) && g_str_has_prefix (why + strlen (base), ": "))
        why += strlen (base) + 2;
      add_line (self, LINE_FORM, title,
                result->pcn_code ? g_strdup_printf (_("%s · refused: nothing from it will be kept"), base)
                                 : g_strdup (_("Refused: nothing from it will be kept")));
      add_line (self, LINE_REFUSED, g_strdup (why), NULL);
      return;
    }
  add_line (self, LINE_FORM, title,
            result->changes->len > 0
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u change", "%s · %u changes", result->changes->len),
                               base, result->changes->len)
            : g_strdup_printf (_("%s · no changes: the return will be marked submitted"), base));
  for (guint i = 0; i < result->changes->len; i++)
    add_line (self, LINE_CHANGE, g_strdup (g_ptr_array_index (result->changes, i)), NULL);
}

static void
setup_line_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      /* Values typed by PCNs: plain text, never markup. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* Wide enough to wrap at the list's width, not at a few words. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 100);
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      gtk_box_append (GTK_BOX (texts), label);
    }
  gtk_widget_add_css_class (gtk_widget_get_last_child (texts), "dim-label");
  gtk_widget_add_css_class (gtk_widget_get_last_child (texts), "caption");
  gtk_widget_add_css_class (icon, "error");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_line_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PwFormsDialog            *self)
{
  Line *line = &g_array_index (self->lines, Line, gtk_list_item_get_position (item));
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_last_child (box));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);

  gtk_label_set_text (GTK_LABEL (title), line->title);
  gtk_label_set_text (GTK_LABEL (subtitle), line->subtitle ? line->subtitle : "");
  gtk_widget_set_visible (subtitle, line->subtitle != NULL);
  gtk_widget_set_visible (icon, line->kind == LINE_REFUSED);
  /* A form's changes sit under its heading. */
  gtk_widget_set_margin_start (box, line->kind == LINE_FORM ? 12 : 28);
  if (line->kind == LINE_FORM)
    gtk_widget_add_css_class (title, "heading");
  else
    gtk_widget_remove_css_class (title, "heading");
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

  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  G_OBJECT_CLASS (pw_forms_dialog_parent_class)->finalize (object);
}

static void
pw_forms_dialog_class_init (PwFormsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_forms_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = pw_forms_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-forms-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwFormsDialog, line_list);
}

static void
pw_forms_dialog_init (PwFormsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (self->lines, (GDestroyNotify) line_clear);
}

/* @results: (element-type PwFormResult): from a dry run of the forms */
PwFormsDialog *
pw_forms_dialog_new (GtkWindow *parent,
                     GPtrArray *results)
{
  PwFormsDialog *self = g_object_new (PW_TYPE_FORMS_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  g_autoptr(GtkStringList) positions = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->results = g_ptr_array_ref (results);
  for (guint i = 0; i < results->len; i++)
    add_result (self, g_ptr_array_index (results, i));
  /* The model only counts the lines; each row reads its line by position. */
  for (guint i = 0; i < self->lines->len; i++)
    gtk_string_list_append (positions, g_array_index (self->lines, Line, i).title);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_line_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_line_cb), self);
  gtk_list_view_set_factory (self->line_list, factory);
  gtk_list_view_set_model (self->line_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&positions)))));
  describe (self);
  return self;
}

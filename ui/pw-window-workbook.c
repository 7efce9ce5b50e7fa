/* pw-window-workbook.c — the main window: opening and creating workbooks,
 * the demo, adding PCNs and localities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-connect-dialog.h"
#include "pw-demo.h"
#include "pw-ui-util.h"
#include "pw-window-private.h"

/* ------------------------------------------------------------------ */
/* Workbooks                                                           */

gboolean
pw_window_open_path (PwWindow    *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(PwStore) store = pw_store_open (path, error);

  if (store == NULL)
    return FALSE;
  pw_window_set_store (self, store);
  return TRUE;
}

static void
open_or_complain (PwWindow   *self,
                  const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!pw_window_open_path (self, path, &error))
    pw_show_error (GTK_WIDGET (self), _("Cannot Open Workbook"), error);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        PwWindow        *self)
{
  FileChosenFunc func = g_object_get_data (G_OBJECT (chooser), "pw-func");
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    func (self, file);
  g_object_unref (chooser);
}

void
choose_file (PwWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *pattern,
             const char           *pattern_name,
             const char           *suggested,
             FileChosenFunc        func)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, NULL, NULL);
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, pattern_name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (suggested != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_object_set_data (G_OBJECT (chooser), "pw-func", func);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_database_chosen (PwWindow *self,
                     GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  /* A new workbook never overwrites: an existing file is opened instead,
   * with all the checks that opening makes. */
  open_or_complain (self, path);
}

static void
open_database_chosen (PwWindow *self,
                      GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  open_or_complain (self, path);
}

void
new_database (GtkWidget *widget, const char *action, GVariant *param)
{
  choose_file (PW_WINDOW (widget), _("New Workbook"), GTK_FILE_CHOOSER_ACTION_SAVE,
               "*.db", _("PCN Workbook files"), _("workbook.db"), new_database_chosen);
}

void
open_database (GtkWidget *widget, const char *action, GVariant *param)
{
  choose_file (PW_WINDOW (widget), _("Open Workbook"), GTK_FILE_CHOOSER_ACTION_OPEN,
               "*.db", _("PCN Workbook files"), NULL, open_database_chosen);
}

static void
team_connected (GtkWindow *parent,
                PwStore   *store)
{
  pw_window_set_store (PW_WINDOW (parent), store);
}

void
connect_team (GtkWidget *widget, const char *action, GVariant *param)
{
  gtk_window_present (GTK_WINDOW (pw_connect_dialog_new (GTK_WINDOW (widget), team_connected)));
}

/* A team workbook is named in the titles (which database, on which server):
 * a window on the server is told from one on a private file. */
void
title_workbook (PwWindow *self)
{
  const char *path = self->store ? pw_store_get_path (self->store) : NULL;
  g_autofree char *name = path && pw_store_is_team_uri (path) ? pw_connect_describe (path) : NULL;
  /* Translators: the window's title for a team workbook, such as "pcn on pcn-server". */
  g_autofree char *title = name ? g_strdup_printf (_("%s — PCN Workbook"), name) : NULL;

  gtk_window_set_title (GTK_WINDOW (self), title ? title : _("PCN Workbook"));
  adw_window_title_set_title (self->sidebar_title, name ? name : _("Networks"));
}

void
create_default (GtkWidget *widget, const char *action, GVariant *param)
{
  g_autofree char *path = pw_store_default_path ();

  open_or_complain (PW_WINDOW (widget), path);
}

static gboolean
workbook_is_empty (PwWindow *self)
{
  return g_list_model_get_n_items (pw_store_get_pcns (self->store)) == 0 &&
         g_list_model_get_n_items (pw_store_get_localities (self->store)) == 0;
}

static void
fill_with_demo (PwWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_demo_load (self->store, &error))
    pw_show_error (GTK_WIDGET (self), _("Demo Data Not Loaded"), error);
  else
    pw_toast_show (GTK_WIDGET (self), _("Demo data loaded: 13 fictional PCNs in 4 localities"));
}

static void
demo_database_chosen (PwWindow *self,
                      GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  new_database_chosen (self, file);
  if (self->store != NULL && g_strcmp0 (path, pw_store_get_path (self->store)) == 0 && workbook_is_empty (self))
    fill_with_demo (self);
  else if (self->store != NULL && g_strcmp0 (path, pw_store_get_path (self->store)) == 0)
    pw_toast_show (GTK_WIDGET (self), _("That workbook is not empty: the demo was not added"));
}

static void
on_demo_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PwWindow         *self)
{
  if (g_strcmp0 (response, "new") == 0)
    choose_file (self, _("New Workbook for the Demo"), GTK_FILE_CHOOSER_ACTION_SAVE,
                 "*.db", _("PCN Workbook files"), _("demo.db"), demo_database_chosen);
}

/* The demo is fictional: it goes only into a new, empty workbook, never
 * among real PCNs, where it could reach a committee's papers. */
void
load_demo (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    create_default (widget, NULL, NULL);
  if (self->store == NULL)
    return;
  if (workbook_is_empty (self))
    {
      fill_with_demo (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Demo Data Goes in a New Workbook"),
                                   _("This workbook already holds PCNs. The demo’s 13 fictional PCNs are "
                                     "never mixed with real ones: create a new, empty workbook for them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "new", _("_New Workbook…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "new");
  g_signal_connect (dialog, "response", G_CALLBACK (on_demo_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Adding PCNs and localities                                          */

static void
on_add_locality_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             PwWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") == 0 && self->store != NULL &&
      !pw_store_add_locality (self->store, gtk_editable_get_text (entry), NULL, &error))
    pw_show_error (GTK_WIDGET (self), _("Locality Not Added"), error);
}

static GtkWidget *
ask_dialog (PwWindow   *self,
            const char *heading,
            const char *body,
            GtkWidget  *extra,
            const char *verb)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", verb, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  return dialog;
}

void
add_locality (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *dialog;

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  dialog = ask_dialog (self, _("New Locality"), _("Localities group PCNs under one locality head."),
                       entry, _("_Add"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_locality_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_new_pcn_changed_cb (GtkEditable      *any,
                       AdwMessageDialog *dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  AdwEntryRow *code = ADW_ENTRY_ROW (gtk_widget_get_first_child (box));
  AdwEntryRow *name = ADW_ENTRY_ROW (gtk_widget_get_next_sibling (GTK_WIDGET (code)));
  gboolean ok = pw_entry_row_check (code, PW_FORM_PCN_CODE, NULL, NULL);

  ok = pw_entry_row_check (name, PW_FORM_NAME, NULL, NULL) && ok;
  adw_message_dialog_set_response_enabled (dialog, "add", ok);
}

static void
on_add_pcn_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PwWindow         *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *code = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (code);
  PwPcn *selected = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;
  if (!pw_store_add_pcn (self->store, gtk_editable_get_text (GTK_EDITABLE (code)),
                         gtk_editable_get_text (GTK_EDITABLE (name)),
                         selected ? pw_pcn_get_number (selected, PW_PCN_LOCALITY_ID) : 0, &id, &error))
    {
      pw_show_error (GTK_WIDGET (self), _("PCN Not Added"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  pw_window_select_pcn (self, id);
}

void
add_pcn (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *code = adw_entry_row_new ();
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *dialog;

  gtk_widget_add_css_class (box, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (code), _("ODS code, such as U12345"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  pw_entry_row_add_hint (ADW_ENTRY_ROW (code));
  pw_entry_row_add_hint (ADW_ENTRY_ROW (name));
  gtk_list_box_append (GTK_LIST_BOX (box), code);
  gtk_list_box_append (GTK_LIST_BOX (box), name);
  dialog = ask_dialog (self, _("New PCN"), _("It joins the locality of the PCN selected now; you can change that on its profile."),
                       box, _("_Add"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  g_signal_connect (code, "changed", G_CALLBACK (on_new_pcn_changed_cb), dialog);
  g_signal_connect (name, "changed", G_CALLBACK (on_new_pcn_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_pcn_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

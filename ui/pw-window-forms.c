/* pw-window-forms.c — the main window: return forms sent out and read back
 *
 * Send Return Forms… writes one form per PCN of the year on show (all, or
 * one locality's) into a chosen folder.  Import Return Forms…, or .xlsx
 * files dropped on the window, first read the forms without writing
 * (a dry run) and show what each would change (PwFormsDialog); on Apply
 * they are read again and written, each form in its own transaction.
 * Both run in a GTask thread with their own connection to the workbook,
 * with the window's progress bar and Cancel, like the other imports and
 * exports (pw-window-tasks.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-forms-dialog.h"
#include "pw-import-forms.h"
#include "pw-parse.h"
#include "pw-return-form.h"
#include "pw-ui-util.h"
#include "pw-window-private.h"
#include "pw-xlsx-reader.h"

/* How often the bar follows the thread.  Each step of the bar redraws the
 * window, which is dear without a GPU (software GL: a frame of the main
 * window costs tens of milliseconds on both cores), and Apply measured twice
 * as slow when the bar moved ten times a second; twice a second, and only
 * when it moves by a whole per cent, keeps the cores for the forms. */
#define PROGRESS_MS 500

typedef enum { SEND, PREVIEW, APPLY } Step;

/* Plain data for the thread, which opens its own connection. */
typedef struct
{
  Step step;
  char *db_path;
  char *user_name;             /* who the change log names */
  int year;
  char *dir;                   /* SEND: the folder */
  char *locality;              /* SEND: its PCNs only, or NULL for all */
  guint written;               /* SEND: forms written */
  char **paths;                /* PREVIEW, APPLY: the forms */
  GPtrArray *results;          /* PREVIEW, APPLY: of PwFormResult */
  int per_mille;               /* atomic: how far the thread is */
  int shown;                   /* main thread: the per cent on the bar */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->user_name);
  g_free (job->dir);
  g_free (job->locality);
  g_strfreev (job->paths);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_free (job);
}

static void
job_progress (double   fraction,
              gpointer data)
{
  g_atomic_int_set (&((Job *) data)->per_mille, (int) (fraction * 1000));
}

/* Each form on its own, so that the bar moves and Cancel stops between
 * forms: a form is written whole or not at all. */
static gboolean
read_forms (PwStore       *store,
            Job           *job,
            GCancellable  *cancellable,
            GError       **error)
{
  guint n = g_strv_length (job->paths);

  job->results = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_form_result_free);
  for (guint i = 0; i < n; i++)
    {
      const char *one[] = { job->paths[i], NULL };
      g_autoptr(GPtrArray) results = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      results = pw_import_forms (store, one, job->year, job->step == PREVIEW, cancellable);
      g_ptr_array_add (job->results, g_ptr_array_steal_index (results, 0));
      job_progress ((double) (i + 1) / n, job);
    }
  return TRUE;
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open_for_job (job->db_path, &error);
  gboolean ok = store != NULL;

  if (ok)
    pw_store_set_user_name (store, job->user_name);
  if (ok && job->step == SEND)
    ok = pw_export_forms (store, job->year, job->dir, job->locality, NULL, &job->written, job_progress, job,
                          cancellable, &error);
  else if (ok)
    ok = read_forms (store, job, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
follow_progress_cb (gpointer data)
{
  PwWindow *self = data;
  GTask *task = g_object_get_data (G_OBJECT (self), "pw-forms-task");
  Job *job;
  int per_cent;

  if (task == NULL)
    return G_SOURCE_REMOVE;
  job = g_task_get_task_data (task);
  per_cent = g_atomic_int_get (&job->per_mille) / 10;
  if (per_cent != job->shown)
    gtk_progress_bar_set_fraction (self->progress_bar, (job->shown = per_cent) / 100.0);
  return G_SOURCE_CONTINUE;
}

static void on_job_done_cb (GObject *source, GAsyncResult *result, gpointer data);

static void
start_job (PwWindow   *self,
           Job        *job,
           const char *label)
{
  GTask *task;

  self->task_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->task_cancellable, on_job_done_cb, NULL);
  job->db_path = g_strdup (pw_store_get_path (self->store));
  job->user_name = g_strdup (pw_store_get_user_name (self->store));
  g_task_set_task_data (task, job, job_free);
  /* The window holds the task while it runs, for the progress bar. */
  g_object_set_data_full (G_OBJECT (self), "pw-forms-task", task, g_object_unref);
  set_busy (self, label);
  g_timeout_add_full (G_PRIORITY_DEFAULT, PROGRESS_MS, follow_progress_cb, g_object_ref (self), g_object_unref);
  g_task_run_in_thread (task, job_thread);
}

static gboolean
may_start (PwWindow *self)
{
  if (self->store == NULL || self->task_cancellable != NULL)
    {
      pw_toast_show (GTK_WIDGET (self), self->store == NULL ? _("Open a workbook first")
                                                            : _("Wait for the import or export under way, or cancel it"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Sending                                                             */

static void
sent (PwWindow *self,
      Job      *job)
{
  g_autofree char *uri = g_filename_to_uri (job->dir, NULL, NULL);
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %u return form", "Wrote %u return forms",
                                                         job->written), job->written);
  AdwToast *toast = adw_toast_new (title);

  g_object_set_data_full (G_OBJECT (self), "pw-forms-folder", g_steal_pointer (&uri), g_free);
  adw_toast_set_button_label (toast, _("Open _Folder"));
  adw_toast_set_action_name (toast, "win.open-forms-folder");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
open_forms_folder (GtkWidget *widget, const char *action, GVariant *param)
{
  const char *uri = g_object_get_data (G_OBJECT (widget), "pw-forms-folder");

  /* Through the desktop portal where there is one: the file manager. */
  if (uri != NULL)
    gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
send_to (PwWindow   *self,
         GFile      *folder,
         const char *locality)
{
  Job *job = g_new0 (Job, 1);
  g_autofree char *fy = pw_format_year (pw_window_get_year (self));
  g_autofree char *label = g_strdup_printf (_("Writing return forms for %s…"), fy);

  job->step = SEND;
  job->year = pw_window_get_year (self);
  job->dir = g_file_get_path (folder);
  job->locality = g_strdup (locality);
  start_job (self, job, label);
}

static void
on_folder_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       PwWindow        *self)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && folder != NULL && may_start (self))
    send_to (self, folder, g_object_get_data (G_OBJECT (chooser), "pw-locality"));
  g_object_unref (chooser);
}

static GtkFileChooserNative *
chooser_new (PwWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             GCallback             response_cb)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, NULL, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", response_cb, self);
  return chooser;
}

static void
on_send_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PwWindow         *self)
{
  GtkDropDown *which = g_object_get_data (G_OBJECT (dialog), "pw-which");
  guint chosen = gtk_drop_down_get_selected (which);
  GtkFileChooserNative *chooser;

  if (g_strcmp0 (response, "choose") != 0)
    return;
  chooser = chooser_new (self, _("Folder for the Return Forms"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                         G_CALLBACK (on_folder_response_cb));
  if (chosen > 0 && chosen != GTK_INVALID_LIST_POSITION)
    g_object_set_data_full (G_OBJECT (chooser), "pw-locality",
                            g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (which)),
                                                                  chosen)), g_free);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Send Return Forms…: which PCNs (all, or a locality's), then the folder. */
void
send_forms (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autofree char *fy = NULL, *body = NULL;
  GListModel *localities;
  GtkStringList *names;
  GtkWidget *dialog, *which;

  if (!may_start (self))
    return;
  fy = pw_format_year (pw_window_get_year (self));
  body = g_strdup_printf (_("One spreadsheet per PCN for %s, filled in with what the workbook holds, for each PCN "
                            "to complete and send back. File names start with the PCN’s ODS code."), fy);
  localities = pw_store_get_localities (self->store);
  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("All localities"));
  for (guint i = 0; i < g_list_model_get_n_items (localities); i++)
    {
      g_autoptr(PwLocality) l = g_list_model_get_item (localities, i);
      gtk_string_list_append (names, pw_locality_get_name (l));
    }
  which = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Send Return Forms"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "choose", _("_Choose Folder…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), which);
  g_object_set_data (G_OBJECT (dialog), "pw-which", which);
  g_signal_connect (dialog, "response", G_CALLBACK (on_send_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Reading back                                                        */

static void
import_step (PwWindow  *self,
             Step       step,
             char     **paths)
{
  Job *job = g_new0 (Job, 1);
  g_autofree char *label = NULL;
  guint n = g_strv_length (paths);

  job->step = step;
  job->year = pw_window_get_year (self);
  job->paths = paths;
  label = step == PREVIEW
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading %u return form…", "Reading %u return forms…", n), n)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applying %u return form…", "Applying %u return forms…", n), n);
  start_job (self, job, label);
}

static void
on_preview_response_cb (PwFormsDialog *dialog,
                        const char    *response,
                        PwWindow      *self)
{
  if (g_strcmp0 (response, "apply") == 0 && may_start (self))
    import_step (self, APPLY, pw_forms_dialog_get_paths (dialog));
}

/* Reads @files (a dry run) and shows what they would change; .xlsx files
 * only: anything else dropped with them is named and left out. */
static void
preview_files (PwWindow *self,
               GSList   *files)
{
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_auto(GStrv) chosen = NULL;
  guint skipped = 0;

  for (GSList *l = files; l; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      g_autofree char *folded = path ? g_utf8_casefold (path, -1) : NULL;

      if (folded != NULL && g_str_has_suffix (folded, ".xlsx"))
        g_strv_builder_add (paths, path);
      else
        skipped++;
    }
  chosen = g_strv_builder_end (paths);
  if (chosen[0] == NULL)
    {
      pw_toast_show (GTK_WIDGET (self), _("Return forms are .xlsx files: nothing was read"));
      return;
    }
  if (skipped > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file is not an .xlsx file and was left out",
                                                               "%u files are not .xlsx files and were left out", skipped),
                                                  skipped);
      pw_toast_show (GTK_WIDGET (self), message);
    }
  if (may_start (self))
    import_step (self, PREVIEW, g_steal_pointer (&chosen));
}

static void
on_forms_response_cb (GtkNativeDialog *chooser,
                      int              response,
                      PwWindow        *self)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  GSList *list = NULL;

  for (guint i = files ? g_list_model_get_n_items (files) : 0; i > 0; i--)
    list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
  if (response == GTK_RESPONSE_ACCEPT && list != NULL)
    preview_files (self, list);
  g_slist_free_full (list, g_object_unref);
  g_object_unref (chooser);
}

void
import_forms (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  if (!may_start (self))
    return;
  chooser = chooser_new (self, _("Import Return Forms"), GTK_FILE_CHOOSER_ACTION_OPEN, G_CALLBACK (on_forms_response_cb));
  filter = gtk_file_filter_new ();
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            PwWindow      *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !may_start (self) || pw_store_is_read_only (self->store))
    return FALSE;
  preview_files (self, gdk_file_list_get_files (g_value_get_boxed (value)));
  return TRUE;
}

/* Files dropped on the window are read as return forms. */
void
pw_window_forms_init (PwWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* ------------------------------------------------------------------ */
/* When the thread is done                                             */

static void
show_preview (PwWindow *self,
              Job      *job)
{
  PwFormsDialog *dialog = pw_forms_dialog_new (GTK_WINDOW (self), job->results);

  g_signal_connect (dialog, "response", G_CALLBACK (on_preview_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The toast, or, when a form was refused after all (the workbook changed
 * since the preview), the reasons. */
static void
applied (PwWindow *self,
         Job      *job)
{
  g_autoptr(GString) refusals = g_string_new (NULL);
  guint ok = 0, changes = 0;
  g_autofree char *title = NULL;

  for (guint i = 0; i < job->results->len; i++)
    {
      PwFormResult *r = g_ptr_array_index (job->results, i);

      /* A form stopped by Cancel is left out whole, not refused. */
      if (g_error_matches (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        continue;
      if (r->error != NULL)
        g_string_append_printf (refusals, "%s%s", refusals->len ? "\n" : "", r->error->message);
      else
        ok++, changes += r->changes->len;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applied %u return form (%u changes): submitted",
                                        "Applied %u return forms (%u changes): submitted", ok), ok, changes);
  pw_toast_show (GTK_WIDGET (self), title);
  if (refusals->len > 0)
    {
      g_autoptr(GError) error = g_error_new_literal (PW_XLSX_ERROR, PW_XLSX_ERROR_CORRUPT, refusals->str);
      pw_show_error (GTK_WIDGET (self), _("Some Forms Were Refused"), error);
    }
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  PwWindow *self = PW_WINDOW (source);
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (self), "pw-forms-task");
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->task_cancellable);
  set_busy (self, NULL);
  if (job->step == APPLY && self->store != NULL)
    pw_store_reload (self->store);     /* another connection wrote */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_show_error (GTK_WIDGET (self), job->step == SEND ? _("Forms Not Written") : _("Forms Not Read"), error);
      else if (job->step == APPLY && job->results->len > 0)
        applied (self, job);   /* the forms before Cancel are in */
      else if (job->step == SEND && job->written > 0)
        sent (self, job);      /* those written are whole */
      else
        pw_toast_show (GTK_WIDGET (self), _("Cancelled; nothing was changed"));
      return;
    }
  if (job->step == SEND)
    sent (self, job);
  else if (job->step == PREVIEW)
    show_preview (self, job);
  else
    applied (self, job);
}

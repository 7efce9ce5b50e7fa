/* pw-window-tasks.c — the main window: import and export on GTask
 * threads, with progress, Cancel, and the export's toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-export-dialog.h"
#include "pw-export.h"
#include "pw-import.h"
#include "pw-parse.h"
#include "pw-ui-util.h"
#include "pw-window-private.h"

/* ------------------------------------------------------------------ */
/* Import and export, off the main thread                              */

/* Plain data for a worker: it opens its own connection to the workbook. */
typedef struct
{
  char *db_path;
  char *user_name;             /* who the change log names */
  char *file;
  gboolean is_export;
  char *review_pcn;            /* an annual review's PCN code, NULL for the appendix */
  guint n_returns;             /* after an export: the year's returns, to say when there are none */
  PwExportOptions options;
  PwImportSummary summary;
  PwWindow *window;            /* owned, for progress */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->user_name);
  g_free (job->file);
  g_free (job->review_pcn);
  pw_export_options_clear (&job->options);
  g_clear_object (&job->window);
  g_free (job);
}

typedef struct
{
  PwWindow *window;
  double fraction;
} Progress;

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *p = data;

  gtk_progress_bar_set_fraction (p->window->progress_bar, p->fraction);
  g_object_unref (p->window);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
job_progress (double   fraction,
              gpointer data)
{
  Job *job = data;
  Progress *p = g_new (Progress, 1);

  p->window = g_object_ref (job->window);
  p->fraction = fraction;
  g_idle_add (progress_idle_cb, p);
}

/* The appendix or a PCN's annual review; counts the year's returns, so the
 * toast can say when there are none. */
static gboolean
export_in_thread (PwStore       *store,
                  Job           *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GListModel) returns = pw_store_list_returns (store, job->options.year, error);

  if (returns == NULL)
    return FALSE;
  job->n_returns = g_list_model_get_n_items (returns);
  if (job->review_pcn != NULL)
    return pw_export_review (store, &job->options, job->review_pcn, job->file, job_progress, job, cancellable, error);
  return pw_export_appendix (store, &job->options, job->file, job_progress, job, cancellable, error);
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
  if (ok && job->is_export)
    ok = export_in_thread (store, job, cancellable, &error);
  else if (ok)
    ok = pw_import_any (store, job->file, job_progress, job, cancellable, &job->summary, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
set_busy (PwWindow   *self,
          const char *label)
{
  gboolean busy = label != NULL;

  if (busy)
    gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  reveal_bar (self->progress_revealer, busy);
  update_actions (self);
}

/* "Exported …" with Open, and Show in Folder beside the title (a toast
 * has one button of its own). */
static void
show_exported (PwWindow   *self,
               const char *path,
               int         year,
               guint       n_returns)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *fy = pw_format_year (year);
  g_autofree char *title = n_returns > 0
    ? g_strdup_printf (_("Exported %s"), name)
    : g_strdup_printf (_("Exported %s. There are no returns for %s, and the file says so."), name, fy);
  AdwToast *toast = adw_toast_new (title);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *folder = gtk_button_new_with_mnemonic (_("Show in _Folder"));

  g_free (self->last_export);
  self->last_export = g_strdup (path);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (folder, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "win.show-export-folder");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), folder);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (self->toast_overlay), "pw-export-toast", g_object_ref (toast), g_object_unref);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
launch (PwWindow *self,
        GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  /* gtk_show_uri goes through the desktop portal where there is one, and
   * opens with the default program (Excel, LibreOffice, the file manager). */
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

void
open_export (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autoptr(GFile) file = self->last_export ? g_file_new_for_path (self->last_export) : NULL;

  if (file != NULL)
    launch (self, file);
}

void
show_export_folder (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autoptr(GFile) file = self->last_export ? g_file_new_for_path (self->last_export) : NULL;
  g_autoptr(GFile) folder = file ? g_file_get_parent (file) : NULL;

  if (folder != NULL)
    launch (self, folder);
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  PwWindow *self = PW_WINDOW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = g_filename_display_basename (job->file);

  g_clear_object (&self->task_cancellable);
  set_busy (self, NULL);
  if (!job->is_export && self->store != NULL)
    pw_store_reload (self->store);   /* another connection wrote */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_show_error (GTK_WIDGET (self), job->is_export ? _("Export Failed") : _("Import Failed"), error);
      else
        pw_toast_show (GTK_WIDGET (self), _("Cancelled; nothing was changed"));
      return;
    }
  if (job->is_export)
    {
      show_exported (self, job->file, job->options.year, job->n_returns);
      return;
    }
  {
    g_autofree char *summary = pw_import_summary_describe (&job->summary);
    message = g_strdup_printf (_("Imported %s: %s"), name, summary);
  }
  pw_toast_show (GTK_WIDGET (self), message);
}

static void
start_job (PwWindow   *self,
           Job        *job,
           const char *label)
{
  g_autoptr(GTask) task = NULL;

  self->task_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->task_cancellable, on_job_done_cb, NULL);
  job->db_path = g_strdup (pw_store_get_path (self->store));
  job->user_name = g_strdup (pw_store_get_user_name (self->store));
  job->window = g_object_ref (self);
  g_task_set_task_data (task, job, job_free);
  set_busy (self, label);
  g_task_run_in_thread (task, job_thread);
}

/* Imports @file in a thread, with progress and Cancel: what Import CSV…
 * does once a file is chosen. */
void
pw_window_import_file (PwWindow *self,
                       GFile    *file)
{
  Job *job;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (PW_IS_WINDOW (self) && self->store != NULL && self->task_cancellable == NULL);

  job = g_new0 (Job, 1);
  job->file = g_file_get_path (file);
  name = g_filename_display_basename (job->file);
  label = g_strdup_printf (_("Importing %s…"), name);
  start_job (self, job, label);
}

gboolean
pw_window_is_busy (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), FALSE);
  return self->task_cancellable != NULL;
}

void
import_profiles (GtkWidget *widget, const char *action, GVariant *param)
{
  if (PW_WINDOW (widget)->store != NULL)
    choose_file (PW_WINDOW (widget), _("Import CSV"), GTK_FILE_CHOOSER_ACTION_OPEN,
                 "*.csv", _("CSV files"), NULL, pw_window_import_file);
}

/* @file's path, ending in .xlsx. */
static char *
xlsx_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return g_str_has_suffix (path, ".xlsx") ? g_steal_pointer (&path) : g_strconcat (path, ".xlsx", NULL);
}

/* Writes the appendix to @file in a thread; takes @options. */
void
pw_window_export_file (PwWindow        *self,
                       PwExportOptions *options,
                       GFile           *file)
{
  Job *job = g_new0 (Job, 1);
  g_autofree char *label = NULL;

  g_return_if_fail (PW_IS_WINDOW (self) && self->store != NULL && self->task_cancellable == NULL);

  job->is_export = TRUE;
  job->options = *options;
  *options = (PwExportOptions) { 0 };
  job->file = xlsx_path (file);
  label = g_strdup_printf (_("Exporting %s…"), job->file);
  start_job (self, job, label);
}

/* Writes the annual review of the PCN coded @code, for the year on show,
 * to @file in a thread, like the appendix. */
void
pw_window_export_review_file (PwWindow   *self,
                              const char *code,
                              GFile      *file)
{
  Job *job = g_new0 (Job, 1);
  g_autofree char *label = NULL;

  g_return_if_fail (PW_IS_WINDOW (self) && self->store != NULL && self->task_cancellable == NULL);

  job->is_export = TRUE;
  job->review_pcn = g_strdup (code);
  job->options.year = pw_window_get_year (self);
  job->file = xlsx_path (file);
  label = g_strdup_printf (_("Exporting %s…"), job->file);
  start_job (self, job, label);
}

static void
review_chosen (PwWindow *self,
               GFile    *file)
{
  g_autofree char *code = g_object_steal_data (G_OBJECT (self), "pw-review-pcn");

  if (code != NULL && self->store != NULL && self->task_cancellable == NULL)
    pw_window_export_review_file (self, code, file);
}

/* Export Annual Review…: the selected PCN's review for the year on show. */
void
export_review (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  PwPcn *pcn = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  g_autofree char *year = NULL;
  g_autofree char *suggested = NULL;

  if (self->store == NULL)
    return;
  if (pcn == NULL)
    {
      pw_toast_show (widget, _("Choose a PCN first: the review is of one PCN"));
      return;
    }
  g_object_set_data_full (G_OBJECT (self), "pw-review-pcn", g_strdup (pw_pcn_get_text (pcn, PW_PCN_CODE)), g_free);
  year = pw_format_year (pw_window_get_year (self));
  g_strdelimit (year, "/", '-');
  suggested = g_strdup_printf (_("Annual review %s %s.xlsx"), pw_pcn_get_text (pcn, PW_PCN_CODE), year);
  choose_file (self, _("Export Annual Review"), GTK_FILE_CHOOSER_ACTION_SAVE, "*.xlsx",
               _("Excel workbooks"), suggested, review_chosen);
}

static void
export_chosen (PwWindow *self,
               GFile    *file)
{
  g_autofree PwExportOptions *options = g_object_steal_data (G_OBJECT (self), "pw-export-options");

  if (options != NULL)
    pw_window_export_file (self, options, file);
}

static void
export_options_free (gpointer data)
{
  pw_export_options_clear (data);
  g_free (data);
}

static void
on_export_dialog_response_cb (PwExportDialog *dialog,
                              const char     *response,
                              PwWindow       *self)
{
  PwExportOptions *options;
  g_autofree char *year = NULL;
  g_autofree char *suggested = NULL;

  if (g_strcmp0 (response, "export") != 0)
    return;
  options = g_new0 (PwExportOptions, 1);
  pw_export_dialog_get_options (dialog, options);
  g_object_set_data_full (G_OBJECT (self), "pw-export-options", options, export_options_free);
  year = pw_format_year (options->year);
  g_strdelimit (year, "/", '-');
  suggested = g_strdup_printf (_("PCN appendix %s.xlsx"), year);
  choose_file (self, _("Export Appendix"), GTK_FILE_CHOOSER_ACTION_SAVE, "*.xlsx",
               _("Excel workbooks"), suggested, export_chosen);
}

void
export_appendix (GtkWidget *widget, const char *action, GVariant *param)
{
  PwWindow *self = PW_WINDOW (widget);
  PwExportDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = pw_export_dialog_new (GTK_WINDOW (self), self->settings, pw_window_get_year (self));
  pw_export_dialog_set_localities (dialog, pw_store_get_localities (self->store),
                                   g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "locality") == 0
                                   ? pw_locality_page_get_locality (self->locality_page) : 0);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_dialog_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cancel_task (GtkWidget *widget, const char *action, GVariant *param)
{
  g_cancellable_cancel (PW_WINDOW (widget)->task_cancellable);
}

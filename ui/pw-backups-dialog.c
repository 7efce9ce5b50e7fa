/* pw-backups-dialog.c — the workbook's automatic copies, and putting one back
 *
 * Lists the copies PwStore keeps (one a day, the last 7 days and 4 weeks)
 * with their dates; Restore asks first, then, on a worker thread with a
 * connection of its own, replaces the workbook's contents through SQLite.  The workbook as it was is copied
 * aside before, so a restore can itself be undone from this list; the
 * window follows through the store's "changed" signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-backups-dialog.h"
#include "pw-save-queue.h"
#include "pw-parse.h"
#include "pw-ui-util.h"

struct _PwBackupsDialog
{
  AdwPreferencesWindow parent_instance;

  PwStore *store;              /* owned */
  GPtrArray *backups;          /* of PwBackup, owned */

  AdwPreferencesGroup *backups_group;
  GtkListBox *backups_list;
};

G_DEFINE_FINAL_TYPE (PwBackupsDialog, pw_backups_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static void fill (PwBackupsDialog *self);

static void
toast (PwBackupsDialog *self,
       const char      *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

/* "Thursday 26/11/2026", the day the copy is of */
static char *
day_title (const PwBackup *b)
{
  g_autofree char *date = pw_format_date (b->date);
  int y = 0, m = 0, d = 0;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *weekday = NULL;

  if (sscanf (b->date, "%4d-%2d-%2d", &y, &m, &d) == 3)
    day = g_date_time_new_local (y, m, d, 12, 0, 0);
  weekday = day ? g_date_time_format (day, "%A") : NULL;
  return weekday ? g_strdup_printf ("%s %s", weekday, date) : g_steal_pointer (&date);
}

/* "159.7 kB · written 26/11/2026 09:02", and what a copy made before a
 * restore is */
static char *
details (const PwBackup *b)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (b->modified);
  g_autofree char *written = when ? g_date_time_format (when, "%d/%m/%Y %H:%M") : g_strdup ("");
  g_autofree char *size = g_format_size (b->size);
  gboolean before = g_str_has_suffix (b->path, "-before-restore.db");

  return g_strdup_printf (before ? _("%s · written %s, just before a restore") : _("%s · written %s"),
                          size, written);
}

/* Plain data for the worker: it opens a connection of its own, so the
 * window stays responsive while a large workbook is checked and copied. */
typedef struct
{
  char *db;
  char *backup;
  char *saved;
} RestoreJob;

static void
restore_job_free (gpointer data)
{
  RestoreJob *job = data;

  g_free (job->db);
  g_free (job->backup);
  g_free (job->saved);
  g_free (job);
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  RestoreJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open_for_job (job->db, &error);

  if (store != NULL && pw_store_restore_backup (store, job->backup, &job->saved, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  PwBackupsDialog *self = PW_BACKUPS_DIALOG (source);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->backups_list), TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (self, error->message);
      return;
    }
  pw_store_reload (self->store);   /* another connection wrote: the window follows */
  toast (self, _("Restored. The workbook as it was is kept at the top of this list."));
  fill (self);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PwBackupsDialog  *self)
{
  g_autoptr(GTask) task = NULL;
  RestoreJob *job;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  /* Edits still waiting for a lock are later than the copy: landing them
   * in the restored workbook would mix two states of it. */
  pw_save_queue_discard (pw_save_queue_for_store (self->store));
  job = g_new0 (RestoreJob, 1);
  job->db = g_strdup (pw_store_get_path (self->store));
  job->backup = g_strdup (g_object_get_data (G_OBJECT (dialog), "pw-path"));
  task = g_task_new (self, NULL, on_restored_cb, NULL);
  g_task_set_task_data (task, job, restore_job_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backups_list), FALSE);
  g_task_run_in_thread (task, restore_thread);
}

static void
on_restore_clicked_cb (GtkButton       *button,
                       PwBackupsDialog *self)
{
  const PwBackup *b = g_object_get_data (G_OBJECT (button), "pw-backup");
  g_autofree char *title = day_title (b);
  g_autofree char *heading = g_strdup_printf (_("Restore the Backup of %s?"), title);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                              _("Everything in the workbook will be as it was in this copy; "
                                                "later changes are undone. The workbook as it is now is "
                                                "kept as a backup first, so you can go back to it."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pw-path", g_strdup (b->path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
backup_row (PwBackupsDialog *self,
            const PwBackup  *b)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore…"));
  g_autofree char *title = day_title (b);
  g_autofree char *subtitle = details (b);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (restore, !pw_store_is_read_only (self->store));
  g_object_set_data (G_OBJECT (restore), "pw-backup", (gpointer) b);
  g_signal_connect (restore, "clicked", G_CALLBACK (on_restore_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
  return row;
}

static void
fill (PwBackupsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pw_store_backup_dir (self->store);
  g_autofree char *description = NULL;

  pw_list_box_clear (self->backups_list);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = pw_store_list_backups (self->store, &error);
  description = g_strdup_printf (pw_store_is_read_only (self->store)
                                 ? _("This workbook is read-only, so no backup can be put back into it. Copies are in %s.")
                                 : _("A copy is made the first time the workbook is opened each day; the last "
                                     "7 days and one a week for 4 weeks before them are kept, in %s."), dir);
  adw_preferences_group_set_description (self->backups_group, description);
  for (guint i = 0; self->backups && i < self->backups->len; i++)
    gtk_list_box_append (self->backups_list, backup_row (self, g_ptr_array_index (self->backups, i)));
  if (self->backups == NULL || self->backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet: the first is made tomorrow"));
      gtk_list_box_append (self->backups_list, row);
    }
  if (error != NULL)
    toast (self, error->message);
}

static void
pw_backups_dialog_dispose (GObject *object)
{
  PwBackupsDialog *self = PW_BACKUPS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_BACKUPS_DIALOG);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pw_backups_dialog_parent_class)->dispose (object);
}

static void
pw_backups_dialog_class_init (PwBackupsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_backups_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-backups-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwBackupsDialog, backups_group);
  gtk_widget_class_bind_template_child (widget_class, PwBackupsDialog, backups_list);
}

static void
pw_backups_dialog_init (PwBackupsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pw_backups_dialog_new (GtkWindow *parent,
                       PwStore   *store)
{
  PwBackupsDialog *self = g_object_new (PW_TYPE_BACKUPS_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  fill (self);
  return GTK_WIDGET (self);
}

/* pw-connect-dialog.c — Connect to Team Workbook…: a workbook on a
 * PostgreSQL server
 *
 * A manager types the server and the workbook's name (and a user name if
 * the server's differs from the login), which make the libpq address; an
 * administrator may paste the address whole.  The recent team workbooks
 * are offered first, newest first, as the store names them: with any
 * password taken out, since a password is never stored by us (libpq reads
 * it from pgpass or its environment).  Connecting runs on a worker thread,
 * with a spinner and Cancel, so that a slow or silent server never freezes
 * the window; what went wrong is said in the dialog, in the store's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-connect-dialog.h"

#define RECENT_KEY "recent-team-workbooks"
#define MAX_RECENT 8

struct _PwConnectDialog
{
  AdwWindow parent_instance;

  GtkButton *cancel_button;
  GtkButton *connect_button;
  GtkSpinner *spinner;
  AdwEntryRow *server_row;
  AdwEntryRow *database_row;
  AdwEntryRow *user_row;
  AdwEntryRow *address_row;
  GtkLabel *error_label;
  AdwPreferencesGroup *recent_group;
  GtkListBox *recent_list;

  GSettings *settings;
  GCancellable *cancellable;   /* the connection being made; NULL when none */
  PwConnectedFunc connected;
};

G_DEFINE_FINAL_TYPE (PwConnectDialog, pw_connect_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------ */
/* Addresses                                                           */

static char *
escape (const char *s)
{
  return g_uri_escape_string (s, NULL, FALSE);
}

/* The libpq address for a server (host, host:port, or a socket's folder),
 * a database and a user, each as typed. */
static char *
build_address (const char *server,
               const char *database,
               const char *user)
{
  GString *uri = g_string_new ("postgresql://");
  gboolean folder = server[0] == '/';
  g_autofree char *db = escape (database);
  g_autofree char *who = escape (user);

  if (*user && !folder)
    g_string_append_printf (uri, "%s@", who);
  if (!folder)
    g_string_append (uri, server);
  g_string_append_printf (uri, "/%s", db);
  if (folder)
    {
      g_autofree char *dir = g_uri_escape_string (server, "/", FALSE);

      g_string_append_printf (uri, "?host=%s", dir);
      if (*user)
        g_string_append_printf (uri, "&user=%s", who);
    }
  return g_string_free (uri, FALSE);
}

/**
 * pw_connect_describe:
 * @uri: a team workbook's address, without a password
 *
 * Returns: "DATABASE on SERVER", for titles; @uri itself when it is not
 * one GUri reads (libpq's lists of hosts).
 */
char *
pw_connect_describe (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GHashTable) params = NULL;
  const char *host, *db;

  if (parsed == NULL)
    return g_strdup (uri);
  params = g_uri_get_query (parsed) != NULL
           ? g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  host = g_uri_get_host (parsed);
  if ((host == NULL || *host == '\0') && params != NULL)
    host = g_hash_table_lookup (params, "host");
  db = g_uri_get_path (parsed);
  db = db[0] == '/' ? db + 1 : db;
  if (*db == '\0' && params != NULL && g_hash_table_lookup (params, "dbname") != NULL)
    db = g_hash_table_lookup (params, "dbname");
  /* Translators: a team workbook: its database name, then its server. */
  return g_strdup_printf (_("%s on %s"), *db ? db : _("the default workbook"),
                          host && *host ? host : _("this computer"));
}

/* The fields write the address, unless all are empty (one pasted). */
static void
on_field_changed_cb (PwConnectDialog *self)
{
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  const char *database = gtk_editable_get_text (GTK_EDITABLE (self->database_row));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  g_autofree char *s = g_strstrip (g_strdup (server));
  g_autofree char *d = g_strstrip (g_strdup (database));
  g_autofree char *u = g_strstrip (g_strdup (user));
  g_autofree char *uri = NULL;

  if (*s == '\0' && *d == '\0' && *u == '\0')
    return;
  uri = build_address (s, d, u);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), uri);
}

/* ------------------------------------------------------------------ */
/* Recent team workbooks                                               */

static void connect_to (PwConnectDialog *self,
                        const char      *uri);

static void
on_recent_activated_cb (AdwActionRow    *row,
                        PwConnectDialog *self)
{
  const char *uri = adw_action_row_get_subtitle (row);

  gtk_editable_set_text (GTK_EDITABLE (self->address_row), uri);
  connect_to (self, uri);
}

static void
fill_recent (PwConnectDialog *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, RECENT_KEY);
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, row);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *title = pw_connect_describe (recent[i]);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), recent[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect (row, "activated", G_CALLBACK (on_recent_activated_cb), self);
      gtk_list_box_append (self->recent_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), recent[0] != NULL);
}

/* @path, as the store names it (no password), goes first; the list is
 * capped. */
static void
remember (PwConnectDialog *self,
          const char      *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, RECENT_KEY);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      g_strv_builder_add (builder, old[i]), n++;
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, RECENT_KEY, (const char *const *) recent);
}

/* ------------------------------------------------------------------ */
/* Connecting                                                          */

/* The fields stay as they are (the address is taken when Connect is
 * pressed), and keep the focus; a second connection waits for the first. */
static void
set_busy (PwConnectDialog *self,
          gboolean         busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_list), !busy);
}

static void
show_error (PwConnectDialog *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
open_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  PwStore *store = pw_store_open_for_job (data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
on_opened_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  PwConnectDialog *self = PW_CONNECT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                    /* closed meanwhile: a store made late is let go */
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (store == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
      return;
    }
  pw_store_follow_changes (store);      /* the window's now, on the main thread */
  remember (self, pw_store_get_path (store));
  if (self->connected != NULL && parent != NULL)
    self->connected (parent, store);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
connect_to (PwConnectDialog *self,
            const char      *uri)
{
  g_autofree char *address = g_strstrip (g_strdup (uri));
  g_autoptr(GTask) task = NULL;

  if (self->cancellable != NULL)
    return;
  if (*address == '\0')
    {
      show_error (self, _("Type the server and the workbook’s name, or paste the address your administrator gave you."));
      return;
    }
  /* Anything else would be taken for a file name, and made. */
  if (!pw_store_is_team_uri (address))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a team workbook address: it begins with postgresql://, "
                                                    "as in postgresql://pcn-server/pcnworkbook."), address);
      show_error (self, message);
      return;
    }
  show_error (self, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_opened_cb, NULL);
  g_task_set_source_tag (task, connect_to);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_steal_pointer (&address), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

static void
on_connect_clicked_cb (PwConnectDialog *self)
{
  connect_to (self, gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
}

static void
on_cancel_clicked_cb (PwConnectDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Whether a connection is being made. */
gboolean
pw_connect_dialog_is_busy (PwConnectDialog *self)
{
  g_return_val_if_fail (PW_IS_CONNECT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
pw_connect_dialog_dispose (GObject *object)
{
  PwConnectDialog *self = PW_CONNECT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pw_connect_dialog_parent_class)->dispose (object);
}

static void
pw_connect_dialog_class_init (PwConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_connect_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, recent_group);
  gtk_widget_class_bind_template_child (widget_class, PwConnectDialog, recent_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_connect_dialog_init (PwConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new ("uk.nhs.PcnWorkbook");
  g_signal_connect_swapped (self->server_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->database_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->user_row, "changed", G_CALLBACK (on_field_changed_cb), self);
  g_signal_connect_swapped (self->address_row, "entry-activated", G_CALLBACK (on_connect_clicked_cb), self);
  g_signal_connect_swapped (self->connect_button, "clicked", G_CALLBACK (on_connect_clicked_cb), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  fill_recent (self);
}

/**
 * pw_connect_dialog_new:
 * @connected: given the team workbook once it is open
 */
PwConnectDialog *
pw_connect_dialog_new (GtkWindow       *parent,
                       PwConnectedFunc  connected)
{
  PwConnectDialog *self = g_object_new (PW_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);

  self->connected = connected;
  return self;
}

/* pw-application.c — starts the window on the right workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-application.h"
#include "pw-pcn.h"
#include "pw-store.h"
#include "pw-ui-util.h"
#include "pw-window.h"

struct _PwApplication
{
  AdwApplication parent_instance;

  char *database;              /* from --database, owned */
  GStrv files;                 /* workbooks named on the command line */
  gboolean quit_after_first_frame; /* benchmarks: see pw_application_init */
  GThread *opening;            /* the workbook being opened: see start_opening */
};

/* What the opening thread was given and what it made. */
typedef struct
{
  char *path;
  PwStore *store;
  GError *error;
} Opening;

static void
opening_free (Opening *o)
{
  g_free (o->path);
  g_clear_object (&o->store);
  g_clear_error (&o->error);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

G_DEFINE_FINAL_TYPE (PwApplication, pw_application, ADW_TYPE_APPLICATION)

/* --database, then the workbook used last, then the default one if it
 * exists; otherwise the first-run page. */
static char *
choose_database (PwApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = g_settings_get_string (settings, "last-database");
  g_autofree char *fallback = pw_store_default_path ();

  if (self->database != NULL)
    return g_strdup (self->database);
  if (*last != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&last);
  if (g_file_test (fallback, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&fallback);
  return NULL;
}

static gpointer
open_thread (gpointer data)
{
  Opening *o = data;
  GListModel *pcns;

  o->store = pw_store_open_for_job (o->path, &o->error);
  if (o->store == NULL)
    return o;
  /* Collation keys for the PCN list's first sort (13 M instructions at
   * national scale), while the main thread is still starting GTK. */
  pcns = pw_store_get_pcns (o->store);
  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (pcns, i);
      pw_pcn_make_keys (pcn);
    }
  return o;
}

/* The workbook the window will show is opened on a thread of its own as
 * soon as the command line is read, while GTK starts (mostly loading
 * OpenGL and the theme), instead of after: on two cores the window appears
 * that much sooner.  The store opened for a job puts nothing on a main
 * context until take_store() hands it to the main thread. */
static void
start_opening (PwApplication *self,
               const char    *path)
{
  Opening *o = g_new0 (Opening, 1);

  o->path = g_strdup (path);
  self->opening = g_thread_new ("pw-open", open_thread, o);
}

/* The store for @path: the one opened at start if it is that workbook's,
 * else opened now (the second of two files named, say). */
static PwStore *
take_store (PwApplication  *self,
            const char     *path,
            GError        **error)
{
  if (self->opening != NULL)
    {
      g_autoptr(Opening) o = g_thread_join (g_steal_pointer (&self->opening));

      if (g_strcmp0 (o->path, path) == 0)
        {
          if (o->store == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&o->error));
              return NULL;
            }
          pw_store_follow_changes (o->store);
          return g_steal_pointer (&o->store);
        }
    }
  return pw_store_open (path, error);
}

/* --quit-after-first-frame: the end of the first frame that shows the
 * window's page, settled, ends the run; its monotonic time (µs) goes to
 * stdout for the benchmark, which noted the time it started us. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   PwWindow      *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  if (!pw_window_is_settled (window))
    return;
  g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  /* Destroyed, the window closes the workbook cleanly: a next start must
   * not take it for one after a crash (and check the whole file). */
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (app);
}

static void
on_realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), window);
}

/* The windows' icon (on X11, for a task bar) is given once the first
 * window has painted: rendering it at the sizes a window offers was 4 M
 * instructions before the first frame, for an icon GNOME takes from the
 * desktop file anyway.  The window shown has its own (GTK 4.8 gives a
 * default icon to windows realized later only). */
static void
on_first_paint_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, window);
  gtk_window_set_default_icon_name (APP_ID);
  gtk_window_set_icon_name (window, APP_ID);
}

static void
on_first_realize_cb (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, on_first_realize_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_paint_cb),
                           window, 0);
}

static void
open_window (PwApplication *self,
             const char    *path)
{
  PwWindow *window = pw_window_new (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;

  if (self->quit_after_first_frame)
    g_signal_connect_after (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  if (gtk_window_get_default_icon_name () == NULL)
    g_signal_connect_after (window, "realize", G_CALLBACK (on_first_realize_cb), NULL);
  /* The workbook first, so that the first frame is its page: no welcome
   * page shown for a moment and faded out. */
  if (path != NULL && (store = take_store (self, path, &error)) == NULL)
    {
      gtk_window_set_default_icon_name (APP_ID);   /* no first frame to wait for */
      gtk_window_present (GTK_WINDOW (window));
      pw_show_error (GTK_WIDGET (window), _("Cannot Open Workbook"), error);
      return;
    }
  if (store != NULL)
    pw_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
}

static void
pw_application_activate (GApplication *app)
{
  PwApplication *self = PW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;
  g_auto(GStrv) files = g_steal_pointer (&self->files);

  if (files != NULL)
    {
      for (guint i = 0; files[i] != NULL; i++)
        open_window (self, files[i]);
      return;
    }
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  path = choose_database (self);
  open_window (self, path);
}

/* A workbook named on the command line, as pw_store_open() takes it: a
 * file's absolute path, or anything else as it is (a team workbook's
 * address; pw_store_open() says what is wrong with the rest). */
static char *
named_workbook (const char *arg)
{
  g_autofree char *scheme = NULL;
  char *path = NULL;

  /* "C:/Returns/pcn.db" has a scheme, as URIs go, but is a file. */
  if (strstr (arg, "://") == NULL || (scheme = g_uri_parse_scheme (arg)) == NULL)
    return g_canonicalize_filename (arg, NULL);
  if (g_ascii_strcasecmp (scheme, "file") == 0)
    path = g_filename_from_uri (arg, NULL, NULL);
  return path != NULL ? path : g_strdup (arg);
}

/* Workbooks named on the command line (the desktop file's %f), each in a
 * window: known here, before GTK starts, so that the first of them, not
 * the workbook used last, is the one opened at start. */
static void
take_files (PwApplication *self,
            GVariantDict  *options)
{
  g_autofree const char **named = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  if (!g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &named))
    return;
  for (guint i = 0; named[i] != NULL; i++)
    g_ptr_array_add (files, named_workbook (named[i]));
  g_ptr_array_add (files, NULL);
  self->files = (GStrv) g_ptr_array_steal (files, NULL);
}

static int
pw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PwApplication *self = PW_APPLICATION (app);
  g_autofree char *database = NULL;
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_free (self->database);
      self->database = g_canonicalize_filename (database, NULL);
    }
  self->quit_after_first_frame = g_variant_dict_contains (options, "quit-after-first-frame");
  take_files (self, options);
  path = self->files != NULL ? g_strdup (self->files[0]) : choose_database (self);
  if (path != NULL)
    start_opening (self, path);
  return -1;
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));
  static const char *developers[] = { "PCN Workbook developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("PCN Workbook"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("PCN Workbook developers"),
                         "developers", developers,
                         "comments", _("Primary Care Network profiles, returns and committee appendices "
                                       "for NHS commissioning teams."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 PCN Workbook developers",
                         NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (data)));

  /* Close rather than quit, so each window saves its size, stops its work
   * and asks before dropping edits it could not save yet; a window that
   * stays open keeps the application running. */
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "about", about_activated },
  { "quit", quit_activated },
};

/* GTK loads the icon theme (the index files of Adwaita and hicolor: 65 M
 * instructions) at its first lookup, which was the window's, on the main
 * thread as the window was first measured.  One made here on a thread of
 * its own loads it while the window is built.  GtkIconTheme takes lookups
 * from any thread once it is made on the main thread (gtkicontheme.c,
 * "Threading"); a lookup on the main thread meanwhile waits for it. */
static void
load_icon_theme (GTask        *task,
                 gpointer      source,
                 gpointer      theme,
                 GCancellable *cancellable)
{
  g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, "open-menu-symbolic", NULL, 16, 1,
                                                                GTK_TEXT_DIR_NONE, 0);

  g_task_return_boolean (task, TRUE);
}

static void
start_loading_icon_theme (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_object_ref (gtk_icon_theme_get_for_display (gdk_display_get_default ())),
                        g_object_unref);
  g_task_run_in_thread (task, load_icon_theme);
}

static void
pw_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };   /* as GtkApplication sets it */

  G_APPLICATION_CLASS (pw_application_parent_class)->startup (app);
  start_loading_icon_theme ();
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
}

static void
pw_application_finalize (GObject *object)
{
  PwApplication *self = PW_APPLICATION (object);

  /* Started but never taken (the application quit before a window was
   * made): closed cleanly. */
  if (self->opening != NULL)
    opening_free (g_thread_join (self->opening));
  g_strfreev (self->files);
  g_free (self->database);
  G_OBJECT_CLASS (pw_application_parent_class)->finalize (object);
}

static void
pw_application_class_init (PwApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pw_application_finalize;
  app_class->activate = pw_application_activate;
  app_class->startup = pw_application_startup;
  app_class->handle_local_options = pw_application_handle_local_options;
}

static void
pw_application_init (PwApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this workbook (created if missing)"), N_("FILE") },
    /* For build-aux/bench.sh: start-up to the first frame, timed. */
    { "quit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

PwApplication *
pw_application_new (void)
{
  return g_object_new (PW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

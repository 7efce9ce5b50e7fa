/* pw-preferences-window.c — the user's name and the committee defaults
 *
 * The name is what the change log and reviews record: a person, set once,
 * rather than the computer's login.  The committee and author are what the
 * export dialog starts with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-preferences-window.h"

struct _PwPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;         /* owned */

  AdwEntryRow *user_name_row;
  AdwEntryRow *committee_row;
  AdwEntryRow *author_row;
  AdwPreferencesGroup *you_group;
};

G_DEFINE_FINAL_TYPE (PwPreferencesWindow, pw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The computer's idea of the user: the full name, or the login without one. */
static const char *
os_user_name (void)
{
  const char *real = g_get_real_name ();

  return real && *real && g_strcmp0 (real, "Unknown") != 0 ? real : g_get_user_name ();
}

/**
 * pw_preferences_get_user_name:
 * Returns: (transfer full): the name set in Preferences, or the computer's
 * name for the user when none is
 */
char *
pw_preferences_get_user_name (GSettings *settings)
{
  g_autofree char *set = g_settings_get_string (settings, "user-name");

  g_strstrip (set);
  return *set ? g_steal_pointer (&set) : g_strdup (os_user_name ());
}

static void
pw_preferences_window_dispose (GObject *object)
{
  PwPreferencesWindow *self = PW_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pw_preferences_window_parent_class)->dispose (object);
}

static void
pw_preferences_window_class_init (PwPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, committee_row);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, author_row);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, you_group);
}

static void
pw_preferences_window_init (PwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PwPreferencesWindow *
pw_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  PwPreferencesWindow *self = g_object_new (PW_TYPE_PREFERENCES_WINDOW, "transient-for", parent,
                                            "modal", TRUE, NULL);
  g_autofree char *description = g_strdup_printf (_("Recorded with every change you make and every review you "
                                                    "mark. Left empty, it is your computer’s name for you: %s."),
                                                  os_user_name ());

  self->settings = g_object_ref (settings);
  adw_preferences_group_set_description (self->you_group, description);
  g_settings_bind (settings, "user-name", self->user_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "committee", self->committee_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "author", self->author_row, "text", G_SETTINGS_BIND_DEFAULT);
  return self;
}

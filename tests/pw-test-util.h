/* Helpers shared by the tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pw-test-pg.h"

/* A fresh folder for one test, removed by the caller with pw_test_rmdir. */
static inline char *
pw_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pw-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
pw_test_rmdir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static inline GBytes *
pw_test_read (const char *path)
{
  char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static inline void
pw_test_write (const char *path,
               const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

/* What /usr/bin/python3 prints running @script with two arguments (such
 * as openpyxl reading back an export); a failing script fails the test. */
static inline char *
pw_test_python (const char *script,
                const char *arg1,
                const char *arg2)
{
  const char *argv[] = { "/usr/bin/python3", "-c", script, arg1, arg2, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3: %s", err);
  return out;
}

/* One number from @path, read with a plain connection of its own (as
 * another program would), or -1 when the query yields no row. */
static inline gint64
pw_test_sql_int (const char *path,
                 const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  if (g_str_has_prefix (path, "postgresql://"))
    return pw_test_pg_sql_int (path, sql);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* Appends every row @sql yields from @path (a file or a team workbook),
 * read with a connection of its own, as "a|b|" lines. */
static inline void
pw_test_append_rows (GString    *out,
                     const char *path,
                     const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (g_str_has_prefix (path, "postgresql://"))
    {
      pw_test_pg_append_rows (out, path, sql);
      return;
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Runs @sql on @path with a plain connection, as another program would. */
static inline void
pw_test_exec (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;

  if (g_str_has_prefix (path, "postgresql://"))
    {
      pw_test_pg_exec (path, sql);
      return;
    }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Meson runs a long window test binary as two tests (tests/meson.build),
 * so the suite's longest test is half as long: with PW_TEST_PART=1 or 2 a
 * binary registers only the cases of that part, and each half prints its
 * own TAP plan (GTest's repeated -p prints one plan per path, which meson
 * reads as an error).  Unset, every case is registered. */
static inline gboolean
pw_test_in_part (int part)
{
  const char *want = g_getenv ("PW_TEST_PART");

  return want == NULL || *want == '\0' || g_ascii_strtoll (want, NULL, 10) == part;
}

#ifdef PW_TEST_WITH_GTK
#include <gtk/gtk.h>

static inline gboolean
pw_test_quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets windows lay themselves out, draw, and run pending idles.  The
 * timeout is of low priority: on a loaded machine it may be due as soon as
 * it is looked at, and must not end the wait before the idles (saves,
 * refilters) that are due too.  A source that is ready at every turn would
 * starve it for ever: that fails the test rather than hang it until the
 * suite's time-out. */
static inline void
pw_test_wait_ms (guint ms)
{
  gboolean done = FALSE;
  gint64 starved = g_get_monotonic_time () + ((gint64) ms + 30000) * 1000;

  g_timeout_add_full (G_PRIORITY_LOW, ms, pw_test_quit_cb, &done, NULL);
  while (!done)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!done && g_get_monotonic_time () > starved)
        g_error ("the main loop never paused for 30 s: a source is ready at every turn");
    }
}

/* Runs whatever is ready (idles included), for at most @ms milliseconds:
 * a window that redraws without end must not hold the test forever. */
static inline void
pw_test_settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < until)
    ;
}

/* Runs the main loop until @cond holds, for at most @ms milliseconds;
 * returns whether it held.  Everything ready runs before each look, idles
 * included: on a loaded machine a short timer alone can be due at every
 * turn and starve them (the window saves from idle). */
static inline gboolean
pw_test_wait_for (gboolean (*cond) (gpointer),
                  gpointer   data,
                  guint      ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  for (;;)
    {
      pw_test_settle (200);
      if (cond (data) || g_get_monotonic_time () >= until)
        return cond (data);
      pw_test_wait_ms (20);
    }
}

/* @widget's template child @name (of class @type), which must exist. */
static inline GtkWidget *
pw_test_child (gpointer    widget,
               GType       type,
               const char *name)
{
  GObject *obj = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (obj);
  return GTK_WIDGET (obj);
}

/* The first visible toplevel of @type, or NULL. */
static inline GtkWindow *
pw_test_find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l && !found; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static inline gboolean
pw_test_trigger_matches (GtkShortcutTrigger *trigger,
                         guint               keyval,
                         GdkModifierType     state)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return pw_test_trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, state) ||
           pw_test_trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, state);
  return GTK_IS_KEYVAL_TRIGGER (trigger) &&
         gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == state;
}

/* Writes what @widget shows to $PW_SCREENSHOT_DIR/@name, for people to
 * look at; nothing without the variable. */
static inline void
pw_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  const char *dir = g_getenv ("PW_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = 0, h = 0;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  paintable = gtk_widget_paintable_new (widget);
  /* A window just shown or resized may not have drawn yet. */
  for (int tries = 0; node == NULL && tries < 20; tries++)
    {
      pw_test_wait_ms (50);
      w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Offers a key press to @widget's controllers of @phase, as GTK does with a
 * real event: key controllers get "key-pressed"; shortcut controllers (the
 * widget class's key bindings among them) run a shortcut whose trigger is
 * this key. */
static inline gboolean
pw_test_offer_key (GtkWidget       *widget,
                   GtkPropagationPhase phase,
                   guint            keyval,
                   GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (gtk_event_controller_get_propagation_phase (c) != phase)
        continue;
      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, state, &handled);
      else if (GTK_IS_SHORTCUT_CONTROLLER (c))
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)) && !handled; j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
            if (pw_test_trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, state))
              handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                      gtk_shortcut_get_arguments (shortcut));
          }
    }
  return handled;
}

/* Presses a key in @window, sent where GTK sends it: to the focus widget,
 * through its ancestors' capture controllers, then back up through the
 * bubble ones (where the window's own bindings, Tab among them, live). */
static inline gboolean
pw_test_press_key (GtkWindow       *window,
                   guint            keyval,
                   GdkModifierType  state)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  gboolean handled = FALSE;

  for (GtkWidget *w = focus ? focus : GTK_WIDGET (window); w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_add (chain, g_object_ref (w));
  for (guint i = chain->len; i > 0 && !handled; i--)
    handled = pw_test_offer_key (chain->pdata[i - 1], GTK_PHASE_CAPTURE, keyval, state);
  if (!handled)
    handled = pw_test_offer_key (chain->pdata[0], GTK_PHASE_TARGET, keyval, state);
  for (guint i = 0; i < chain->len && !handled; i++)
    handled = pw_test_offer_key (chain->pdata[i], GTK_PHASE_BUBBLE, keyval, state);
  return handled;
}
#endif

#ifdef PW_TEST_WITH_STORE
#include "pw-store.h"

/* A new workbook holding one PCN, U12345, and, when the test's data is a
 * year (GINT_TO_POINTER (2021)), that PCN's return for it. */
typedef struct
{
  char *dir;
  char *path;
  PwStore *store;
  gint64 pcn;
  gint64 ret;                  /* 0 without a year */
} PwReturnFixture;

static inline void
pw_return_fixture_setup (PwReturnFixture *f,
                         gconstpointer    year)
{
  g_autoptr(GError) error = NULL;

  f->dir = pw_test_tmpdir ();
  f->path = pw_test_workbook (f->dir);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (f->store, "U12345", "Riverside PCN", 0, &f->pcn, &error));
  if (year != NULL)
    g_assert_true (pw_store_ensure_return (f->store, f->pcn, GPOINTER_TO_INT (year), &f->ret, &error));
  g_assert_no_error (error);
}

static inline void
pw_return_fixture_teardown (PwReturnFixture *f,
                            gconstpointer    year)
{
  g_clear_object (&f->store);
  pw_test_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* What a store's "changed" signal said: how often, and the last table and
 * id (connect pw_test_heard_cb with the PwTestHeard as its data). */
typedef struct
{
  guint count;
  char *table;
  gint64 id;
} PwTestHeard;

static inline void
pw_test_heard_cb (PwStore     *store,
                  const char  *table,
                  gint64       id,
                  PwTestHeard *heard)
{
  heard->count++;
  g_free (heard->table);
  heard->table = g_strdup (table);
  heard->id = id;
}

static inline void
pw_test_heard_clear (PwTestHeard *heard)
{
  g_clear_pointer (&heard->table, g_free);
  *heard = (PwTestHeard) { 0 };
}

static inline int
pw_test_compare_names (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static inline char *
pw_test_names_in (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, pw_test_compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}
#endif

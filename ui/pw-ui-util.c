/* pw-ui-util.c — toasts, error dialogs and field validation display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-conflict-dialog.h"
#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-pcn.h"
#include "pw-ui-util.h"
#include "pw-undo.h"

static void follow_focus (void);
static void weak_ref_free (gpointer ref);

/* The overlay around @from; for a window (which is above its overlay) or
 * a dialog, the one its window keeps as "pw-toast-overlay". */
static AdwToastOverlay *
find_overlay (GtkWidget *from)
{
  GtkWidget *w = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);
  GtkWindow *window = w ? NULL : GTK_WINDOW (gtk_widget_get_root (from));

  for (; w == NULL && window != NULL; window = gtk_window_get_transient_for (window))
    w = g_object_get_data (G_OBJECT (window), "pw-toast-overlay");
  return w ? ADW_TOAST_OVERLAY (w) : NULL;
}

void
pw_toast_show (GtkWidget  *from,
               const char *title)
{
  AdwToastOverlay *overlay = find_overlay (from);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
}

typedef struct
{
  PwUndoFunc undo;
  gpointer data;
  GDestroyNotify destroy;
} Undo;

static void
undo_free (gpointer p, GClosure *closure)
{
  Undo *u = p;

  if (u->destroy)
    u->destroy (u->data);
  g_free (u);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Undo     *u)
{
  u->undo (u->data);
}

/* A toast whose Undo button calls @undo; @destroy frees @data when the
 * toast goes, whether or not it was used. */
void
pw_toast_with_undo (GtkWidget      *from,
                    const char     *title,
                    PwUndoFunc      undo,
                    gpointer        data,
                    GDestroyNotify  destroy)
{
  AdwToastOverlay *overlay = find_overlay (from);
  AdwToast *toast = adw_toast_new (title);
  Undo *u = g_new0 (Undo, 1);

  u->undo = undo, u->data = data, u->destroy = destroy;
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), u, undo_free, 0);
  if (overlay == NULL)
    {
      g_object_unref (g_object_ref_sink (toast));
      return;
    }
  /* Kept (weakly) on the overlay, so that tests can press Undo. */
  g_object_set_data_full (G_OBJECT (overlay), "pw-undo-toast", g_object_ref (toast), g_object_unref);
  adw_toast_overlay_add_toast (overlay, toast);
}

void
pw_show_error (GtkWidget    *from,
               const char   *heading,
               const GError *error)
{
  GtkRoot *root = from ? gtk_widget_get_root (from) : NULL;
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error ? error->message : NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A label after the entry that says, in a few words, what the field
 * accepts; shown only while the text is not acceptable. */
GtkLabel *
pw_entry_row_add_hint (AdwEntryRow *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  follow_focus ();
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  adw_entry_row_add_suffix (row, label);
  g_object_set_data (G_OBJECT (row), "pw-hint", label);
  return GTK_LABEL (label);
}

void
pw_entry_row_set_problem (AdwEntryRow *row,
                          const char  *hint,
                          const char  *message)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "pw-hint");

  g_object_set_data (G_OBJECT (row), "pw-save-pending", NULL);
  pw_ui_mark_unsaved (GTK_WIDGET (row), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  /* GTK 4.8 asks the X server where the pointer is whenever a visible
   * widget's tooltip is set: skip it when the tooltip stays as it is, as
   * it does for every field cleared when a page is filled. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), message) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), message);
  if (label != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_label_set_label (label, hint);
      gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
    }
}

/* ------------------------------------------------------------------ */
/* Values that could not be saved                                      */

/* Every field that shows a value the workbook refused (wrong, or in use)
 * is marked here, whatever the page; the window asks before it moves on
 * from a page holding one, so no such value is ever dropped silently. */
void
pw_ui_mark_unsaved (GtkWidget *field,
                    gboolean   unsaved)
{
  g_object_set_data (G_OBJECT (field), "pw-unsaved", GINT_TO_POINTER (unsaved));
}

/* The first field under @under (itself included) holding a value that
 * could not be saved, or NULL. */
GtkWidget *
pw_ui_find_unsaved (GtkWidget *under)
{
  if (g_object_get_data (G_OBJECT (under), "pw-unsaved") != NULL)
    return under;
  for (GtkWidget *c = gtk_widget_get_first_child (under); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = pw_ui_find_unsaved (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The user chose to drop what could not be saved: the fields under @under
 * no longer count as holding it, and show the stored value when reloaded. */
void
pw_ui_forget_unsaved (GtkWidget *under)
{
  GtkWidget *field;

  while ((field = pw_ui_find_unsaved (under)) != NULL)
    pw_ui_mark_unsaved (field, FALSE);
}

/* What to call @field when telling the user about it. */
const char *
pw_ui_field_label (GtkWidget *field)
{
  const char *label = g_object_get_data (G_OBJECT (field), "pw-label");

  if (label == NULL && ADW_IS_PREFERENCES_ROW (field))
    label = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field));
  return label != NULL && *label ? label : _("A field");
}

/* Checks the row's text; marks it, with the accepted form, when wrong. */
gboolean
pw_entry_row_check (AdwEntryRow  *row,
                    PwFormKind    kind,
                    char        **out_text,
                    gint64       *out_number)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!pw_form_check (kind, text, out_text, out_number, &error))
    {
      pw_entry_row_set_problem (row, pw_form_hint (kind), error->message);
      return FALSE;
    }
  pw_entry_row_set_problem (row, NULL, NULL);
  return TRUE;
}

/* Colours the level-* classes from pw_level_colour, the ramp the export
 * uses, so the app and the committee's spreadsheet always agree. */
void
pw_ui_ensure_level_css (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  follow_focus ();
  if (done || display == NULL)
    return;
  done = TRUE;
  css = g_string_new (NULL);
  for (guint i = 0; i < PW_N_LEVELS; i++)
    {
      int level = pw_level_at (i);
      guint32 rgb = pw_level_colour (level);

      g_string_append_printf (css, ".%s { background-color: #%06X; color: %s; %s}\n",
                              pw_level_css_class (level), rgb, pw_level_is_dark (level) ? "white" : "black",
                              level == PW_LEVEL_NONE ? "font-style: italic; " : "");
    }
  g_string_append (css, ".level-cell { border-radius: 4px; padding: 4px 6px; min-height: 24px; box-shadow: inset 0 0 0 1px alpha(black, 0.12); }\n"
                        ".level-swatch { min-width: 18px; min-height: 18px; border-radius: 4px; box-shadow: inset 0 0 0 1px alpha(black, 0.2); }\n");
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* "2021-11-25T10:03:00" as "25/11/2021 10:03". */
char *
pw_ui_format_timestamp (const char *iso)
{
  g_autofree char *day = g_strndup (iso ? iso : "", 10);
  g_autofree char *date = pw_format_date (day);

  if (iso == NULL || strlen (iso) < 16)
    return g_steal_pointer (&date);
  return g_strdup_printf ("%s %.5s", date, iso + 11);
}

/* The order of every list of PCNs, as a GCompareDataFunc for sorters. */
int
pw_ui_compare_pcns (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  return pw_pcn_compare ((PwPcn *) a, (PwPcn *) b);
}

/* Whether the PCN's name, code or locality holds @query (casefolded);
 * an empty or NULL query matches every PCN. */
gboolean
pw_ui_pcn_matches (PwPcn      *pcn,
                   const char *query)
{
  static const PwPcnField searched[] = { PW_PCN_NAME, PW_PCN_CODE, PW_PCN_LOCALITY };

  if (query == NULL || *query == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (searched); i++)
    {
      g_autofree char *folded = g_utf8_casefold (pw_pcn_get_text (pcn, searched[i]), -1);
      if (strstr (folded, query) != NULL)
        return TRUE;
    }
  return FALSE;
}

/**
 * pw_ui_list_rows_missing:
 * For a list that holds only the rows its first frame shows: how many more
 * rows it needs to fill its height, judged by the rows the last layout
 * placed; 0 when they fill it (or none is placed yet).
 */
guint
pw_ui_list_rows_missing (GtkListView *list)
{
  int height = gtk_widget_get_height (GTK_WIDGET (list));
  float bottom = 0;
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_child_visible (row) && gtk_widget_compute_bounds (row, GTK_WIDGET (list), &bounds))
        {
          bottom = MAX (bottom, bounds.origin.y + bounds.size.height);
          n++;
        }
    }
  if (n == 0 || bottom <= 0 || bottom >= height)
    return 0;
  return (guint) ((height - bottom) * n / bottom) + 1;
}

/* A row's locality heading in a list of PCNs: hidden until the row is
 * filled (pw_ui_update_heading). */
GtkWidget *
pw_ui_heading_new (void)
{
  GtkWidget *heading = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_top (heading, 10);
  gtk_widget_set_visible (heading, FALSE);
  return heading;
}

/* Lists of PCNs are grouped by locality: a row shows its locality's
 * heading when it is the first of that locality in @model as shown. */
void
pw_ui_update_heading (GtkWidget   *heading,
                      GListModel  *model,
                      GtkListItem *item)
{
  PwPcn *pcn = gtk_list_item_get_item (item);
  guint pos = gtk_list_item_get_position (item);
  const char *locality;
  gboolean first = TRUE;

  if (pcn == NULL)
    return;
  locality = pw_pcn_get_text (pcn, PW_PCN_LOCALITY);
  if (pos != GTK_INVALID_LIST_POSITION && pos > 0 && pos <= g_list_model_get_n_items (model))
    {
      g_autoptr(PwPcn) prev = g_list_model_get_item (model, pos - 1);
      first = prev == NULL || g_strcmp0 (pw_pcn_get_text (prev, PW_PCN_LOCALITY), locality) != 0;
    }
  gtk_label_set_label (GTK_LABEL (heading), *locality ? locality : _("No locality"));
  gtk_widget_set_visible (heading, first);
}

/* Removes the rows, keeping the placeholder (which gtk_list_box_remove
 * would unset if handed it). */
void
pw_list_box_clear (GtkListBox *box)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (box, 0)) != NULL)
    gtk_list_box_remove (box, GTK_WIDGET (row));
}

/* Points *@slot at @store and moves @owner's "changed" handler from the
 * old store to the new one; NULL lets go.  Every page follows its store
 * this way, so none can be left listening to a closed workbook. */
void
pw_ui_follow_store (gpointer   owner,
                    PwStore  **slot,
                    PwStore   *store,
                    GCallback  on_changed)
{
  follow_focus ();
  if (*slot == store)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, owner);
  g_set_object (slot, store);
  if (store != NULL)
    g_signal_connect (store, "changed", on_changed, owner);
}

/* ------------------------------------------------------------------ */
/* Saving through the store's queue                                    */

/* Where the keyboard focus arrives, the field notes when: an edit made
 * there is based on the workbook as the window showed it then (see
 * pw-store-versions.c), since pages do not refill a field being typed in.
 * Every window is followed, from the first call of any function here. */
static void
on_focus_widget_cb (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  gint64 *at;

  if (focus == NULL)
    return;
  at = g_new (gint64, 1);
  *at = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (focus), "pw-focus-at", at, g_free);
}

static void
follow_windows (GListModel *windows,
                guint       position,
                guint       removed,
                guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (windows, i);

      if (g_object_get_data (window, "pw-focus-followed") != NULL)
        continue;
      g_object_set_data (window, "pw-focus-followed", GINT_TO_POINTER (TRUE));
      g_signal_connect (window, "notify::focus-widget", G_CALLBACK (on_focus_widget_cb), NULL);
    }
}

static void
follow_focus (void)
{
  static gboolean done;
  GListModel *windows;

  if (done || gdk_display_get_default () == NULL)
    return;
  done = TRUE;
  windows = gtk_window_get_toplevels ();
  g_signal_connect (windows, "items-changed", G_CALLBACK (follow_windows), NULL);
  follow_windows (windows, 0, 0, g_list_model_get_n_items (windows));
}

/* The store @field saves to, for the choice after a conflict; held weakly:
 * a field must not keep a closed workbook open. */
static void
remember_store (GtkWidget *field,
                PwStore   *store)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, store);
  g_object_set_data_full (G_OBJECT (field), "pw-save-store", ref, weak_ref_free);
}

/* The revision an edit of @field is based on: the one the window showed
 * when the focus arrived in the field being typed in, or else the latest
 * the window was shown (a choice in a list, a paste). */
static gint64
edit_base (GtkWidget *field,
           PwStore   *store)
{
  GtkRoot *root = gtk_widget_get_root (field);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gint64 *at = focus != NULL ? g_object_get_data (G_OBJECT (focus), "pw-focus-at") : NULL;

  follow_focus ();
  if (at == NULL || !(focus == field || gtk_widget_is_ancestor (focus, field)))
    return pw_store_get_seen_revision (store, -1);
  return pw_store_get_seen_revision (store, *at);
}

/* Marks @field as holding an edit that waits for another program to let
 * go of the workbook: not an error, nothing to fix, nothing lost. */
static void
mark_pending (GtkWidget *field)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (field), "pw-hint");

  if (ADW_IS_ENTRY_ROW (field))
    pw_entry_row_set_problem (ADW_ENTRY_ROW (field), NULL, NULL);
  g_object_set_data (G_OBJECT (field), "pw-save-pending", GINT_TO_POINTER (TRUE));
  gtk_widget_set_tooltip_text (field, _("Another program is using the workbook. "
                                        "This change is kept and will be saved as soon as it can be."));
  if (label == NULL)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
  gtk_label_set_label (label, _("Not saved yet — will retry"));
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
mark_saved (GtkWidget *field)
{
  pw_ui_mark_unsaved (field, FALSE);
  if (!pw_ui_save_is_pending (field))
    return;
  if (ADW_IS_ENTRY_ROW (field))
    pw_entry_row_set_problem (ADW_ENTRY_ROW (field), NULL, NULL);
  else
    gtk_widget_set_tooltip_text (field, NULL);
  g_object_set_data (G_OBJECT (field), "pw-save-pending", NULL);
}

static const char *
failed_hint (const GError *error)
{
  if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS))
    return _("Already in use");
  if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT))
    return _("Changed by someone else");
  return _("Not saved");
}

/* A refused value stays in the field, marked; someone else's change to
 * it meanwhile is shown, with the choice between theirs and the user's. */
static void
mark_failed (GtkWidget    *field,
             const GError *error)
{
  gboolean conflict = g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  GWeakRef *ref = g_object_get_data (G_OBJECT (field), "pw-save-store");
  g_autoptr(PwStore) store = ref != NULL ? g_weak_ref_get (ref) : NULL;

  mark_saved (field);
  if (ADW_IS_ENTRY_ROW (field))
    pw_entry_row_set_problem (ADW_ENTRY_ROW (field), failed_hint (error), error->message);
  else
    {
      pw_ui_mark_unsaved (field, TRUE);
      if (!conflict)
        pw_toast_show (field, error->message);
    }
  if (conflict && store != NULL)
    pw_conflict_dialog_present (field, store, g_object_get_data (G_OBJECT (field), "pw-save-key"), error);
}

static gboolean
is_fields_key (GtkWidget  *field,
               const char *key)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (field), "pw-save-key"), key) == 0;
}

static void
on_queue_saved_cb (PwSaveQueue *queue,
                   const char  *key,
                   GtkWidget   *field)
{
  if (!is_fields_key (field, key))
    return;
  mark_saved (field);
  pw_undo_note_saved (field, key);
}

static void
on_queue_failed_cb (PwSaveQueue  *queue,
                    const char   *key,
                    const GError *error,
                    GtkWidget    *field)
{
  if (is_fields_key (field, key))
    mark_failed (field, error);
}

/* What the save of @result means for @field. */
static void
show_result (GtkWidget    *field,
             const char   *key,
             PwSaveResult  result,
             const GError *error)
{
  if (result == PW_SAVE_PENDING)
    mark_pending (field);
  else if (result == PW_SAVE_DONE)
    {
      mark_saved (field);
      pw_undo_note_saved (field, key);
    }
  else
    mark_failed (field, error);
}

static void
weak_ref_free (gpointer ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* Whether @field already hears from @queue; if not, from now on it does.
 * Held weakly: a new workbook's queue may take the address of a gone one. */
static gboolean
follows_queue (GtkWidget   *field,
               PwSaveQueue *queue)
{
  GWeakRef *ref = g_object_get_data (G_OBJECT (field), "pw-save-queue");
  g_autoptr(GObject) known = ref != NULL ? g_weak_ref_get (ref) : NULL;

  if (known == G_OBJECT (queue))
    return TRUE;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, queue);
  g_object_set_data_full (G_OBJECT (field), "pw-save-queue", ref, weak_ref_free);
  return FALSE;
}

/**
 * pw_ui_save:
 * @field: the widget the value was typed in, marked while the save waits
 * @key: what is written ("pcn/12/3"): a newer value for it replaces a waiting one
 *
 * Every edit in the window is saved this way, through the store's one
 * PwSaveQueue: at once when the workbook is free; when another program
 * holds it, the edit waits (the field says so) and is retried, so the
 * window neither freezes nor loses it.  A refused value is marked on an
 * entry row, or told in a toast.
 */
PwSaveResult
pw_ui_save (GtkWidget      *field,
            PwStore        *store,
            const char     *key,
            PwSaveFunc      func,
            gpointer        data,
            GDestroyNotify  destroy)
{
  PwSaveQueue *queue = pw_save_queue_for_store (store);
  g_autoptr(GError) error = NULL;
  PwSaveResult result;

  g_object_set_data_full (G_OBJECT (field), "pw-save-key", g_strdup (key), g_free);
  remember_store (field, store);
  if (!follows_queue (field, queue))
    {
      g_signal_connect_object (queue, "saved", G_CALLBACK (on_queue_saved_cb), field, 0);
      g_signal_connect_object (queue, "failed", G_CALLBACK (on_queue_failed_cb), field, 0);
    }
  result = pw_save_queue_submit (queue, key, edit_base (field, store), func, data, destroy, &error);
  show_result (field, key, result, error);
  return result;
}

/**
 * pw_ui_resolve_conflict:
 * @keep_mine: Keep Mine (write the value in @field over the other
 *   person's), or Take Theirs (write nothing)
 *
 * Settles the save of @key that was refused because someone else changed
 * the value; @field shows the outcome as after any save.  (Take Theirs
 * leaves showing their value to the caller.)
 */
void
pw_ui_resolve_conflict (GtkWidget  *field,
                        PwStore    *store,
                        const char *key,
                        gboolean    keep_mine)
{
  g_autoptr(GError) error = NULL;
  PwSaveResult result = pw_save_queue_resolve (pw_save_queue_for_store (store), key, keep_mine, &error);

  /* the field no longer holds a refused value */
  if (ADW_IS_ENTRY_ROW (field))
    pw_entry_row_set_problem (ADW_ENTRY_ROW (field), NULL, NULL);
  pw_ui_mark_unsaved (field, FALSE);
  if (keep_mine)
    show_result (field, key, result, error);
}

/* Whether @field shows an edit that is waiting to be saved. */
gboolean
pw_ui_save_is_pending (GtkWidget *field)
{
  return g_object_get_data (G_OBJECT (field), "pw-save-pending") != NULL;
}

/* Whether the keyboard focus is in @widget (or is @widget): the user may be
 * typing there, so a reload for someone else's change must leave it be. */
gboolean
pw_ui_is_editing (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

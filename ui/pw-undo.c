/* pw-undo.c — Ctrl+Z: the last saved change on the page, put back
 *
 * The store's change log cannot drive this: it records a return's parts as
 * the text a committee reads ("Step 1 → Step 2"), and the profile's fields
 * (saved through write_one) not at all.  The saves can: every edit of a
 * text field reaches the workbook through pw_ui_save, which tells this file
 * the field and what it wrote.  Each window keeps a stack of such steps:
 * the field, the text it held before the user started editing it (taken
 * when the keyboard focus arrived) and the text saved.  Undo types the old
 * text back into the field, so the page saves it as any edit, through the
 * same checks and store setters (and the change log records it like any
 * other change); Redo does the same with the new text.
 *
 * A step is only replayed into the field it was made in, while that field
 * still writes the same thing (its save key) and still shows what was
 * saved; opening another PCN or year starts the stacks afresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-ui-util.h"
#include "pw-undo.h"

#define MAX_STEPS 100

typedef struct
{
  GWeakRef field;
  char *key;                   /* what the save wrote */
  char *before;
  char *after;
  guint visit;                 /* the focus visit the edit was made in */
} Step;

typedef struct
{
  GQueue undo;                 /* of Step, newest first */
  GQueue redo;
  guint generation;            /* bumped by pw_undo_clear */
  guint visits;
} History;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_weak_ref_clear (&step->field);
  g_free (step->key);
  g_free (step->before);
  g_free (step->after);
  g_free (step);
}

static void
history_free (gpointer data)
{
  History *h = data;

  g_queue_clear_full (&h->undo, step_free);
  g_queue_clear_full (&h->redo, step_free);
  g_free (h);
}

static History *
history_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return root != NULL ? g_object_get_data (G_OBJECT (root), "pw-undo") : NULL;
}

/* Where the focus arrives, each text field around it notes what it shows:
 * the text an edit made there can be undone back to.  A field showing a
 * value that could not be saved keeps the text noted before it. */
static void
on_focus_cb (GtkWindow *window)
{
  History *h = g_object_get_data (G_OBJECT (window), "pw-undo");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  h->visits++;
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (!GTK_IS_EDITABLE (w) || pw_ui_find_unsaved (w) == w)
        continue;
      g_object_set_data_full (G_OBJECT (w), "pw-undo-base",
                              g_strdup (gtk_editable_get_text (GTK_EDITABLE (w))), g_free);
      g_object_set_data (G_OBJECT (w), "pw-undo-visit", GUINT_TO_POINTER (h->visits));
      g_object_set_data (G_OBJECT (w), "pw-undo-generation", GUINT_TO_POINTER (h->generation));
    }
}

/* Gives @window an undo history, fed by pw_ui_save. */
void
pw_undo_attach (GtkWindow *window)
{
  g_object_set_data_full (G_OBJECT (window), "pw-undo", g_new0 (History, 1), history_free);
  g_signal_connect (window, "notify::focus-widget", G_CALLBACK (on_focus_cb), NULL);
}

/* Another PCN or year: what was done on the last one is not undone here. */
void
pw_undo_clear (GtkWindow *window)
{
  History *h = g_object_get_data (G_OBJECT (window), "pw-undo");

  g_queue_clear_full (&h->undo, step_free);
  g_queue_clear_full (&h->redo, step_free);
  h->generation++;
}

static void
push (GQueue *queue,
      Step   *step)
{
  g_queue_push_head (queue, step);
  if (g_queue_get_length (queue) > MAX_STEPS)
    step_free (g_queue_pop_tail (queue));
}

/* The text field of @saved that was edited: @saved itself, or, for a row
 * of several (a workforce role), the one holding the keyboard focus. */
static GtkWidget *
edited_field (GtkWidget *saved)
{
  GtkRoot *root = gtk_widget_get_root (saved);
  GtkWidget *field = NULL;

  if (GTK_IS_EDITABLE (saved))
    return saved;
  for (GtkWidget *w = root ? gtk_root_get_focus (root) : NULL; w != NULL && w != saved; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w))
      field = w;
  return field != NULL && gtk_widget_is_ancestor (field, saved) ? field : NULL;
}

/* What @field's edits are saved as: its own key, or its row's. */
static const char *
save_key (GtkWidget *field)
{
  for (GtkWidget *w = field; w != NULL; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "pw-save-key") != NULL)
      return g_object_get_data (G_OBJECT (w), "pw-save-key");
  return NULL;
}

/* The edit of @saved, written as @key, is in the workbook. */
void
pw_undo_note_saved (GtkWidget  *saved,
                    const char *key)
{
  History *h = history_of (saved);
  GtkWidget *field = edited_field (saved);
  const char *text, *base;
  guint visit;
  Step *top, *step;
  g_autoptr(GtkWidget) top_field = NULL;

  if (h == NULL || field == NULL)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (field));
  if (g_object_get_data (G_OBJECT (field), "pw-undo-replay") != NULL)
    {
      /* An undo or redo being saved: already on the other stack. */
      if (g_strcmp0 (g_object_get_data (G_OBJECT (field), "pw-undo-replay"), text) == 0)
        g_object_set_data (G_OBJECT (field), "pw-undo-replay", NULL);
      return;
    }
  base = g_object_get_data (G_OBJECT (field), "pw-undo-base");
  visit = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (field), "pw-undo-visit"));
  if (base == NULL || GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (field), "pw-undo-generation")) != h->generation)
    return;                      /* loaded for another PCN since the focus came */
  g_queue_clear_full (&h->redo, step_free);
  top = g_queue_peek_head (&h->undo);
  top_field = top != NULL ? g_weak_ref_get (&top->field) : NULL;
  if (top_field == field && top->visit == visit && g_strcmp0 (top->key, key) == 0)
    {
      g_free (top->after);       /* the same edit, one more key typed */
      top->after = g_strdup (text);
      return;
    }
  if (g_strcmp0 (base, text) == 0)
    return;
  step = g_new0 (Step, 1);
  g_weak_ref_init (&step->field, field);
  step->key = g_strdup (key);
  step->before = g_strdup (base);
  step->after = g_strdup (text);
  step->visit = visit;
  push (&h->undo, step);
}

/* The newest step of @from that can be replayed on the page shown; steps
 * whose field is gone, or now shows something else, are dropped. */
static Step *
take_step (GQueue   *from,
           gboolean  redo)
{
  for (GList *l = from->head; l != NULL;)
    {
      Step *step = l->data;
      g_autoptr(GtkWidget) field = g_weak_ref_get (&step->field);
      GList *next = l->next;
      const char *shown = redo ? step->before : step->after;

      if (field != NULL && !gtk_widget_get_mapped (field))
        {
          l = next;              /* on another tab: kept for when it shows */
          continue;
        }
      g_queue_delete_link (from, l);
      if (field != NULL &&
          g_strcmp0 (save_key (field), step->key) == 0 &&
          g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field)), shown) == 0)
        return step;
      step_free (step);
      l = next;
    }
  return NULL;
}

/**
 * pw_undo_step:
 * @redo: %FALSE to undo the last saved change on the page shown, %TRUE to
 *   redo the last one undone
 *
 * Returns: whether there was one; a toast says what was put back.
 */
gboolean
pw_undo_step (GtkWindow *window,
              gboolean   redo)
{
  History *h = g_object_get_data (G_OBJECT (window), "pw-undo");
  Step *step = take_step (redo ? &h->redo : &h->undo, redo);
  g_autoptr(GtkWidget) field = NULL;
  g_autofree char *title = NULL;
  const char *text;

  if (step == NULL)
    {
      pw_toast_show (GTK_WIDGET (window), redo ? _("Nothing to redo") : _("Nothing to undo on this page"));
      return FALSE;
    }
  field = g_weak_ref_get (&step->field);
  text = redo ? step->after : step->before;
  push (redo ? &h->undo : &h->redo, step);
  g_object_set_data_full (G_OBJECT (field), "pw-undo-replay", g_strdup (text), g_free);
  gtk_editable_set_text (GTK_EDITABLE (field), text);
  title = g_strdup_printf (redo ? _("Redone: %s is “%s” again") : _("Undone: %s is back to “%s”"),
                           pw_ui_field_label (field), *text ? text : _("empty"));
  pw_toast_show (GTK_WIDGET (window), title);
  return TRUE;
}

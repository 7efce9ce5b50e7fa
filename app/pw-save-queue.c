/* pw-save-queue.c — saves that wait for another program's lock
 *
 * A workbook can be written by another program at the same moment (the
 * CLI, a second window, a backup): SQLite then answers "busy".  A team
 * workbook's server can go away for a while: the store says "offline".  The window
 * must neither freeze while it waits nor drop the edit, so every save goes
 * through the store's one PwSaveQueue: tried at once when nothing waits,
 * otherwise queued and retried from a timeout with growing delays, oldest
 * first.  A queued save is keyed by what it writes (table, row, field): a
 * newer value for the same key replaces the queued one in its place, so
 * the latest value wins and saves land in the order they were first made.
 *
 * Each save carries the workbook revision its edit is based on (see
 * pw-store-versions.c).  A save refused because someone else changed the
 * value meanwhile (PW_STORE_ERROR_CONFLICT) is kept aside, not retried:
 * the user decides, and pw_save_queue_resolve () writes it over theirs
 * (Keep Mine) or drops it (Take Theirs).
 *
 * GTK-free, so that it is tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-save-queue.h"

#define FIRST_DELAY_MS 100
#define LAST_DELAY_MS 2000

typedef struct
{
  char *key;
  PwSaveFunc func;
  gpointer data;
  GDestroyNotify destroy;
  gint64 base;                 /* the revision the edit is based on; 0: unchecked */
  gboolean keep_mine;          /* written over a conflict the user saw */
} Op;

struct _PwSaveQueue
{
  GObject parent_instance;

  PwStore *store;              /* weak: the store owns its queue */
  GQueue ops;                  /* of Op, oldest first */
  GHashTable *by_key;          /* key → Op in ops, borrowed */
  GHashTable *conflicts;       /* key → Op refused as a conflict, owned */
  guint retry_id;
  guint delay_ms;
  guint running;               /* a save is being written now */
};

G_DEFINE_FINAL_TYPE (PwSaveQueue, pw_save_queue, G_TYPE_OBJECT)

enum { PROP_0, PROP_N_PENDING, N_PROPS };
static GParamSpec *props[N_PROPS];

enum { SAVED, FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
op_set_data (Op             *op,
             PwSaveFunc      func,
             gpointer        data,
             GDestroyNotify  destroy)
{
  if (op->destroy != NULL)
    op->destroy (op->data);
  op->func = func, op->data = data, op->destroy = destroy;
}

static void
op_free (gpointer p)
{
  Op *op = p;

  op_set_data (op, NULL, NULL, NULL);
  g_free (op->key);
  g_free (op);
}

static gboolean retry_cb (gpointer data);

static void
schedule (PwSaveQueue *self)
{
  if (self->retry_id == 0 && !g_queue_is_empty (&self->ops))
    self->retry_id = g_timeout_add (self->delay_ms, retry_cb, self);
}

static void
push (PwSaveQueue *self,
      Op          *op,
      gboolean     at_head)
{
  if (at_head)
    g_queue_push_head (&self->ops, op);
  else
    g_queue_push_tail (&self->ops, op);
  g_hash_table_insert (self->by_key, op->key, op);
}

/* Saves that wait: another program's lock, or a team workbook's server
 * that went away (its transaction died uncommitted, so the whole save is
 * simply made again when the server is back). */
static gboolean
is_busy (const GError *error)
{
  return g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY) ||
         g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_OFFLINE);
}

static gboolean
is_conflict (const GError *error)
{
  return g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
}

static gboolean
run_op (PwSaveQueue  *self,
        Op           *op,
        GError      **error)
{
  gboolean ok;

  self->running++;
  pw_store_set_edit_base (self->store, op->base, op->keep_mine);
  ok = op->func (self->store, op->data, error);
  pw_store_set_edit_base (self->store, 0, FALSE);
  self->running--;
  return ok;
}

/* Keeps @op, refused as a conflict, for the user's choice; based now on
 * the other person's change, which the user is shown. */
static void
set_aside (PwSaveQueue *self,
           Op          *op)
{
  const PwStoreConflict *conflict = pw_store_get_conflict (self->store);

  op->base = conflict != NULL ? conflict->revision : op->base;
  op->keep_mine = FALSE;
  g_hash_table_replace (self->conflicts, op->key, op);
}

/* Saves queued edits, oldest first, until one meets the lock again.
 * Each is taken off the queue while it runs, so that a save submitted
 * from a "changed" handler meanwhile cannot free what is running. */
static gboolean
drain (PwSaveQueue *self)
{
  guint before = g_queue_get_length (&self->ops);
  Op *op;

  g_object_ref (self);
  while (self->store != NULL && (op = g_queue_pop_head (&self->ops)) != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_hash_table_remove (self->by_key, op->key);
      if (!run_op (self, op, &error) && is_busy (error))
        {
          if (g_hash_table_contains (self->by_key, op->key))
            op_free (op);           /* a newer value came while this one ran */
          else
            push (self, op, TRUE);
          break;
        }
      if (error != NULL)
        g_signal_emit (self, signals[FAILED], 0, op->key, error);
      else
        g_signal_emit (self, signals[SAVED], 0, op->key);
      if (is_conflict (error) && !g_hash_table_contains (self->by_key, op->key))
        set_aside (self, op);
      else
        op_free (op);
    }
  if (g_queue_get_length (&self->ops) != before)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_PENDING]);
  g_object_unref (self);
  return g_queue_is_empty (&self->ops);
}

static gboolean
retry_cb (gpointer data)
{
  PwSaveQueue *self = data;

  self->retry_id = 0;
  if (drain (self))
    self->delay_ms = FIRST_DELAY_MS;
  else
    self->delay_ms = MIN (self->delay_ms * 2, LAST_DELAY_MS);
  schedule (self);
  return G_SOURCE_REMOVE;
}

/* Saves @op now if nothing is waiting and the workbook is free, or
 * queues it behind the saves waiting. */
static PwSaveResult
submit_op (PwSaveQueue  *self,
           Op           *op,
           GError      **error)
{
  g_autoptr(GError) local = NULL;

  g_hash_table_remove (self->conflicts, op->key);     /* a newer edit of it, or its Keep Mine */
  if (g_queue_is_empty (&self->ops) && self->store != NULL)
    {
      gboolean ok = run_op (self, op, &local);

      if (ok || !is_busy (local))
        {
          if (is_conflict (local))
            set_aside (self, op);
          else
            op_free (op);
          if (ok)
            return PW_SAVE_DONE;
          g_propagate_error (error, g_steal_pointer (&local));
          return PW_SAVE_FAILED;
        }
    }
  push (self, op, FALSE);
  schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_PENDING]);
  return PW_SAVE_PENDING;
}

/**
 * pw_save_queue_submit:
 * @key: what is written, e.g. "pcn/12/name"
 * @base: the workbook revision the edit is based on
 *   (pw_store_get_seen_revision () when the user began it); 0: unchecked
 * @func: writes @data; called now or later, maybe more than once
 * @destroy: frees @data once it is saved, refused or replaced
 *
 * Saves @data now if nothing is waiting; otherwise, or if the workbook is
 * busy, queues it behind the saves already waiting (replacing a queued
 * value for the same @key).  Queued saves report "saved" or "failed".
 *
 * Returns: PW_SAVE_FAILED with @error set when the save was refused.
 */
PwSaveResult
pw_save_queue_submit (PwSaveQueue     *self,
                      const char      *key,
                      gint64           base,
                      PwSaveFunc       func,
                      gpointer         data,
                      GDestroyNotify   destroy,
                      GError         **error)
{
  Op *op;

  g_return_val_if_fail (PW_IS_SAVE_QUEUE (self) && key != NULL && func != NULL, PW_SAVE_FAILED);

  op = g_hash_table_lookup (self->by_key, key);
  if (op != NULL)
    {
      /* its base stands: a field whose edit waits is not refilled */
      op_set_data (op, func, data, destroy);
      return PW_SAVE_PENDING;
    }
  op = g_new0 (Op, 1);
  op->key = g_strdup (key);
  op->base = base;
  op_set_data (op, func, data, destroy);
  return submit_op (self, op, error);
}

/**
 * pw_save_queue_resolve:
 * @keep_mine: write the refused value over the other person's (Keep Mine),
 *   or drop it (Take Theirs)
 *
 * Settles a save refused as a conflict.  Keep Mine is saved as any edit
 * (it may wait, or meet yet another person's change); Take Theirs writes
 * nothing.
 *
 * Returns: PW_SAVE_DONE when nothing was waiting for @key.
 */
PwSaveResult
pw_save_queue_resolve (PwSaveQueue  *self,
                       const char   *key,
                       gboolean      keep_mine,
                       GError      **error)
{
  Op *op;

  g_return_val_if_fail (PW_IS_SAVE_QUEUE (self) && key != NULL, PW_SAVE_FAILED);

  if (!g_hash_table_steal_extended (self->conflicts, key, NULL, (gpointer *) &op))
    return PW_SAVE_DONE;
  if (!keep_mine)
    {
      op_free (op);
      return PW_SAVE_DONE;
    }
  op->keep_mine = TRUE;
  return submit_op (self, op, error);
}

/* Whether a save of @key waits for the user's choice between theirs and mine. */
gboolean
pw_save_queue_has_conflict (PwSaveQueue *self,
                            const char  *key)
{
  g_return_val_if_fail (PW_IS_SAVE_QUEUE (self), FALSE);
  return key != NULL && g_hash_table_contains (self->conflicts, key);
}

guint
pw_save_queue_get_n_pending (PwSaveQueue *self)
{
  g_return_val_if_fail (PW_IS_SAVE_QUEUE (self), 0);
  return g_queue_get_length (&self->ops);
}

gboolean
pw_save_queue_is_pending (PwSaveQueue *self,
                          const char  *key)
{
  g_return_val_if_fail (PW_IS_SAVE_QUEUE (self), FALSE);
  return key != NULL && g_hash_table_contains (self->by_key, key);
}

/* Whether a save is being written or waits: the workbook's "changed" may
 * then be our own write, and pages must not reload over edits in flight. */
gboolean
pw_save_queue_is_busy (PwSaveQueue *self)
{
  g_return_val_if_fail (PW_IS_SAVE_QUEUE (self), FALSE);
  return self->running > 0 || !g_queue_is_empty (&self->ops);
}

/* Tries the queued saves now (the user asked to keep trying).
 * Returns: %TRUE when nothing is left waiting. */
gboolean
pw_save_queue_retry (PwSaveQueue *self)
{
  g_return_val_if_fail (PW_IS_SAVE_QUEUE (self), TRUE);

  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->delay_ms = FIRST_DELAY_MS;
  if (drain (self))
    return TRUE;
  schedule (self);
  return FALSE;
}

/* Drops every queued save, and those refused as conflicts: the user chose
 * to discard them. */
void
pw_save_queue_discard (PwSaveQueue *self)
{
  g_return_if_fail (PW_IS_SAVE_QUEUE (self));

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_hash_table_remove_all (self->conflicts);
  if (g_queue_is_empty (&self->ops))
    return;
  g_hash_table_remove_all (self->by_key);
  g_queue_clear_full (&self->ops, op_free);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_PENDING]);
}

static void
pw_save_queue_finalize (GObject *object)
{
  PwSaveQueue *self = PW_SAVE_QUEUE (object);

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_weak_pointer (&self->store);
  g_hash_table_unref (self->by_key);
  g_hash_table_unref (self->conflicts);
  g_queue_clear_full (&self->ops, op_free);
  G_OBJECT_CLASS (pw_save_queue_parent_class)->finalize (object);
}

static void
pw_save_queue_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (prop_id == PROP_N_PENDING)
    g_value_set_uint (value, pw_save_queue_get_n_pending (PW_SAVE_QUEUE (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pw_save_queue_class_init (PwSaveQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_save_queue_finalize;
  object_class->get_property = pw_save_queue_get_property;

  props[PROP_N_PENDING] = g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * PwSaveQueue::saved:
   * @key: the queued save that has now been written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                 G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * PwSaveQueue::failed:
   * @key: the queued save that was refused
   * @error: why
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_ERROR);
}

static void
pw_save_queue_init (PwSaveQueue *self)
{
  g_queue_init (&self->ops);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, op_free);
  self->delay_ms = FIRST_DELAY_MS;
}

/* The store's one queue, made on first use and kept as long as the store:
 * every page of a window saves through it, so saves keep one order. */
PwSaveQueue *
pw_save_queue_for_store (PwStore *store)
{
  PwSaveQueue *self;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "pw-save-queue");
  if (self != NULL)
    return self;
  self = g_object_new (PW_TYPE_SAVE_QUEUE, NULL);
  g_set_weak_pointer (&self->store, store);
  g_object_set_data_full (G_OBJECT (store), "pw-save-queue", self, g_object_unref);
  return self;
}

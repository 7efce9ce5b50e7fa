/* PwSaveQueue and pw_store_poll_external against a real SQLite file that
 * another connection holds locked, as another program would.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <sqlite3.h>

#define PW_TEST_WITH_STORE
#include "pw-save-queue.h"
#include "pw-test-util.h"

/* Another program's connection holding the write lock (BEGIN IMMEDIATE). */
static sqlite3 *
hold_lock (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
release_lock (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

typedef struct
{
  gint64 id;
  PwPcnField field;
  char *text;
} TextSave;

static void
text_save_free (gpointer data)
{
  TextSave *s = data;

  g_free (s->text);
  g_free (s);
}

static gboolean
save_text (PwStore  *store,
           gpointer  data,
           GError  **error)
{
  TextSave *s = data;

  return pw_store_set_pcn_text (store, s->id, s->field, s->text, error);
}

static PwSaveResult
submit (PwReturnFixture *f,
        PwSaveQueue     *queue,
        PwPcnField       field,
        const char      *text,
        GError         **error)
{
  TextSave *s = g_new0 (TextSave, 1);
  g_autofree char *key = g_strdup_printf ("pcn/%" G_GINT64_FORMAT "/%d", f->pcn, field);

  s->id = f->pcn, s->field = field, s->text = g_strdup (text);
  return pw_save_queue_submit (queue, key, 0, save_text, s, text_save_free, error);
}

/* 1 if the PCN's @column holds @value in the file, read by another connection. */
static gint64
stored_is (PwReturnFixture *f,
           const char      *column,
           const char      *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s = '%s' FROM pcn WHERE id = %" G_GINT64_FORMAT,
                                          column, value, f->pcn);

  return pw_test_sql_int (f->path, sql);
}

static void
on_saved_cb (PwSaveQueue *queue,
             const char  *key,
             GPtrArray   *log)
{
  g_ptr_array_add (log, g_strdup (key));
}

/* Runs the main loop until the queue is empty, for at most five seconds. */
static void
wait_for_queue (PwSaveQueue *queue)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (pw_save_queue_get_n_pending (queue) > 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop for @ms milliseconds, whatever happens. */
static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (5000);
}

static void
test_saves_at_once (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_save_queue_for_store (f->store) == queue);
  g_assert_cmpint (submit (f, queue, PW_PCN_NAME, "Hilltop PCN", &error), ==, PW_SAVE_DONE);
  g_assert_no_error (error);
  g_assert_cmpint (stored_is (f, "name", "Hilltop PCN"), ==, 1);
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 0);
}

/* While another program holds the lock, saves wait in order, the latest
 * value of a field replacing the queued one; all land once it lets go. */
static void
test_busy_waits_then_lands (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *name_key = g_strdup_printf ("pcn/%" G_GINT64_FORMAT "/%d", f->pcn, PW_PCN_NAME);
  g_autofree char *manager_key = g_strdup_printf ("pcn/%" G_GINT64_FORMAT "/%d", f->pcn, PW_PCN_MANAGER);
  sqlite3 *other;

  pw_store_set_busy_timeout (f->store, 20);
  g_signal_connect (queue, "saved", G_CALLBACK (on_saved_cb), log);
  other = hold_lock (f->path);
  g_assert_cmpint (submit (f, queue, PW_PCN_NAME, "Hilltop PCN", &error), ==, PW_SAVE_PENDING);
  g_assert_cmpint (submit (f, queue, PW_PCN_MANAGER, "Asha Patel", &error), ==, PW_SAVE_PENDING);
  g_assert_cmpint (submit (f, queue, PW_PCN_NAME, "Hilltop and Vale PCN", &error), ==, PW_SAVE_PENDING);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 2);
  g_assert_true (pw_save_queue_is_pending (queue, name_key));

  spin (400);                  /* several retries meet the lock */
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 2);
  g_assert_cmpint (stored_is (f, "name", "Riverside PCN"), ==, 1);
  g_assert_false (pw_save_queue_retry (queue));

  release_lock (other);
  wait_for_queue (queue);
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 0);
  g_assert_cmpint (stored_is (f, "name", "Hilltop and Vale PCN"), ==, 1);
  g_assert_cmpint (stored_is (f, "manager", "Asha Patel"), ==, 1);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, name_key);
  g_assert_cmpstr (g_ptr_array_index (log, 1), ==, manager_key);
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, f->pcn), PW_PCN_NAME), ==, "Hilltop and Vale PCN");
}

static void
on_failed_cb (PwSaveQueue  *queue,
              const char   *key,
              const GError *error,
              GError      **out)
{
  g_assert_null (*out);
  *out = g_error_copy (error);
}

/* A queued save that turns out wrong is reported, and does not hold up
 * the saves behind it. */
static void
test_refused_after_wait (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;
  gint64 other_pcn = 0;
  sqlite3 *other;

  g_assert_true (pw_store_add_pcn (f->store, "U22222", "Hilltop PCN", 0, &other_pcn, &error));
  pw_store_set_busy_timeout (f->store, 20);
  g_signal_connect (queue, "failed", G_CALLBACK (on_failed_cb), &failed);
  other = hold_lock (f->path);
  g_assert_cmpint (submit (f, queue, PW_PCN_CODE, "U22222", &error), ==, PW_SAVE_PENDING);
  g_assert_cmpint (submit (f, queue, PW_PCN_MANAGER, "Asha Patel", &error), ==, PW_SAVE_PENDING);
  release_lock (other);
  wait_for_queue (queue);
  g_assert_error (failed, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS);
  g_assert_cmpint (stored_is (f, "code", "U12345"), ==, 1);
  g_assert_cmpint (stored_is (f, "manager", "Asha Patel"), ==, 1);
}

static void
test_discard (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  sqlite3 *other;

  pw_store_set_busy_timeout (f->store, 20);
  other = hold_lock (f->path);
  g_assert_cmpint (submit (f, queue, PW_PCN_NAME, "Hilltop PCN", NULL), ==, PW_SAVE_PENDING);
  pw_save_queue_discard (queue);
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 0);
  release_lock (other);
  spin (300);
  g_assert_cmpint (stored_is (f, "name", "Riverside PCN"), ==, 1);
}

static void
on_changed_cb (PwStore    *store,
               const char *table,
               gint64      id,
               guint      *count)
{
  (*count)++;
}

/* Writes by another program show in the live models once polled; the
 * store's own writes are not taken for someone else's. */
static void
test_poll_external (PwReturnFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = NULL;
  guint changed = 0;

  g_assert_false (pw_store_poll_external (f->store, &error));   /* the first call records */
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_MANAGER, "Asha Patel", &error));
  g_assert_false (pw_store_poll_external (f->store, &error));
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), &changed);

  other = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (pw_store_add_pcn (other, "U22222", "Hilltop PCN", 0, NULL, &error));
  g_assert_true (pw_store_set_pcn_text (other, f->pcn, PW_PCN_NAME, "Riverside and Vale PCN", &error));
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (f->store)), ==, 1);

  g_assert_true (pw_store_poll_external (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pw_store_get_pcns (f->store)), ==, 2);
  g_assert_nonnull (pw_store_find_pcn_by_code (f->store, "U22222"));
  g_assert_cmpstr (pw_pcn_get_text (pw_store_find_pcn (f->store, f->pcn), PW_PCN_NAME), ==, "Riverside and Vale PCN");
  g_assert_false (pw_store_poll_external (f->store, &error));
  g_assert_cmpuint (changed, ==, 1);
}

/* What pw_save_queue_is_busy said while a save ran: the window must not
 * reload over an edit in flight, nor think one is when none is. */
static gboolean
save_noting_busy (PwStore  *store,
                  gpointer  data,
                  GError  **error)
{
  int *busy = data;

  *busy = pw_save_queue_is_busy (pw_save_queue_for_store (store));
  return pw_store_set_pcn_text (store, 1, PW_PCN_MANAGER, "Asha Patel", error);
}

/* Busy while a save is written or waits, and only then: idle before,
 * after a save made at once, after a failed one, and once the queue has
 * drained. */
static void
test_busy_only_while_saving (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  g_autoptr(GError) error = NULL;
  int busy = -1;
  sqlite3 *other;

  g_assert_cmpint (f->pcn, ==, 1);
  g_assert_false (pw_save_queue_is_busy (queue));
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/1/manager", 0, save_noting_busy, &busy, NULL, &error), ==,
                   PW_SAVE_DONE);
  g_assert_no_error (error);
  g_assert_cmpint (busy, ==, 1);
  g_assert_false (pw_save_queue_is_busy (queue));
  g_assert_cmpint (submit (f, queue, PW_PCN_CODE, "not a code", &error), ==, PW_SAVE_FAILED);
  g_clear_error (&error);
  g_assert_false (pw_save_queue_is_busy (queue));

  pw_store_set_busy_timeout (f->store, 20);
  other = hold_lock (f->path);
  g_assert_cmpint (submit (f, queue, PW_PCN_NAME, "Hilltop PCN", &error), ==, PW_SAVE_PENDING);
  g_assert_true (pw_save_queue_is_busy (queue));
  release_lock (other);
  wait_for_queue (queue);
  g_assert_cmpint (stored_is (f, "name", "Hilltop PCN"), ==, 1);
  g_assert_false (pw_save_queue_is_busy (queue));
}

static void
on_n_pending_cb (PwSaveQueue *queue,
                 GParamSpec  *pspec,
                 GArray      *seen)
{
  guint n = 0;

  g_object_get (queue, "n-pending", &n, NULL);
  g_array_append_val (seen, n);
}

/* "n-pending" (the window's "N saves waiting") is told of each change, with
 * the count after it: a save queued, another, both discarded; a discard
 * with nothing queued says nothing, and a queue drained says 0. */
static void
test_n_pending_notified (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3 *other;

  pw_store_set_busy_timeout (f->store, 20);
  g_signal_connect (queue, "notify::n-pending", G_CALLBACK (on_n_pending_cb), seen);
  other = hold_lock (f->path);
  g_assert_cmpint (submit (f, queue, PW_PCN_NAME, "Hilltop PCN", NULL), ==, PW_SAVE_PENDING);
  g_assert_cmpint (submit (f, queue, PW_PCN_MANAGER, "Asha Patel", NULL), ==, PW_SAVE_PENDING);
  pw_save_queue_discard (queue);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpuint (g_array_index (seen, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (seen, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (seen, guint, 2), ==, 0);
  pw_save_queue_discard (queue);
  g_assert_cmpuint (seen->len, ==, 3);

  g_assert_cmpint (submit (f, queue, PW_PCN_NAME, "Hilltop PCN", NULL), ==, PW_SAVE_PENDING);
  release_lock (other);
  wait_for_queue (queue);
  g_assert_cmpuint (seen->len, ==, 5);
  g_assert_cmpuint (g_array_index (seen, guint, 3), ==, 1);
  g_assert_cmpuint (g_array_index (seen, guint, 4), ==, 0);
  g_assert_cmpint (stored_is (f, "name", "Hilltop PCN"), ==, 1);
}

static void
count_destroy (gpointer data)
{
  (*(guint *) data)++;
}

static gboolean
save_nothing (PwStore  *store,
              gpointer  data,
              GError  **error)
{
  return pw_store_set_pcn_text (store, 1, PW_PCN_NOTES, "Saved", error);
}

/* Each save's data is let go once, when it is done with: saved at once,
 * replaced while it waited, saved after a wait. */
static void
test_data_let_go (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  guint at_once = 0, replaced = 0, waited = 0;
  sqlite3 *other;

  g_assert_cmpint (f->pcn, ==, 1);
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/1/notes", 0, save_nothing, &at_once, count_destroy, NULL), ==,
                   PW_SAVE_DONE);
  g_assert_cmpuint (at_once, ==, 1);

  pw_store_set_busy_timeout (f->store, 20);
  other = hold_lock (f->path);
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/1/notes", 0, save_nothing, &replaced, count_destroy, NULL), ==,
                   PW_SAVE_PENDING);
  g_assert_cmpint (pw_save_queue_submit (queue, "pcn/1/notes", 0, save_nothing, &waited, count_destroy, NULL), ==,
                   PW_SAVE_PENDING);
  g_assert_cmpuint (replaced, ==, 1);
  g_assert_cmpuint (waited, ==, 0);
  release_lock (other);
  wait_for_queue (queue);
  g_assert_cmpuint (waited, ==, 1);
  g_assert_cmpuint (replaced, ==, 1);
  g_assert_cmpuint (at_once, ==, 1);
}

/* Saves waiting behind another program's lock land in the order they were
 * made, on the first try after the lock goes (no retry has run between). */
static void
test_waiting_saves_keep_order (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name_key = g_strdup_printf ("pcn/%" G_GINT64_FORMAT "/%d", f->pcn, PW_PCN_NAME);
  g_autofree char *manager_key = g_strdup_printf ("pcn/%" G_GINT64_FORMAT "/%d", f->pcn, PW_PCN_MANAGER);
  g_autofree char *director_key = g_strdup_printf ("pcn/%" G_GINT64_FORMAT "/%d", f->pcn, PW_PCN_CLINICAL_DIRECTOR);
  sqlite3 *other;

  pw_store_set_busy_timeout (f->store, 20);
  g_signal_connect (queue, "saved", G_CALLBACK (on_saved_cb), log);
  other = hold_lock (f->path);
  g_assert_cmpint (submit (f, queue, PW_PCN_NAME, "Hilltop PCN", NULL), ==, PW_SAVE_PENDING);
  g_assert_cmpint (submit (f, queue, PW_PCN_MANAGER, "Asha Patel", NULL), ==, PW_SAVE_PENDING);
  g_assert_false (pw_save_queue_retry (queue));            /* the first meets the lock, and keeps its place */
  g_assert_cmpint (submit (f, queue, PW_PCN_CLINICAL_DIRECTOR, "Dr Lee", NULL), ==, PW_SAVE_PENDING);
  release_lock (other);
  g_assert_true (pw_save_queue_retry (queue));
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, name_key);
  g_assert_cmpstr (g_ptr_array_index (log, 1), ==, manager_key);
  g_assert_cmpstr (g_ptr_array_index (log, 2), ==, director_key);
}

/* A queued save's base is for that save only: a write made after it
 * without one (as the command line and imports make) is not checked
 * against it, so another person's change since is no conflict for it. */
static void
test_base_only_for_its_save (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) bob = pw_store_open (f->path, &error);
  gint64 base = pw_store_get_seen_revision (f->store, -1);
  TextSave *s = g_new0 (TextSave, 1);

  g_assert_no_error (error);
  s->id = f->pcn, s->field = PW_PCN_MANAGER, s->text = g_strdup ("Asha Patel");
  g_assert_cmpint (pw_save_queue_submit (queue, "manager", base, save_text, s, text_save_free, &error), ==, PW_SAVE_DONE);
  g_assert_no_error (error);
  g_assert_true (pw_store_set_pcn_text (bob, f->pcn, PW_PCN_NAME, "Northgate PCN", &error));
  g_assert_no_error (error);
  g_assert_true (pw_store_set_pcn_text (f->store, f->pcn, PW_PCN_NAME, "Hilltop PCN", &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_is (f, "name", "Hilltop PCN"), ==, 1);
  g_assert_cmpint (stored_is (f, "manager", "Asha Patel"), ==, 1);
}

/* A save that waited behind another program's lock and then meets another
 * person's change is kept aside for the user's choice, not dropped: the
 * field says it has a conflict, their value stays, and Keep Mine then
 * writes the user's. */
static void
test_conflict_after_wait_kept (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failed = NULL;
  g_autoptr(PwStore) bob = pw_store_open (f->path, &error);
  gint64 base = pw_store_get_seen_revision (f->store, -1);
  TextSave *s = g_new0 (TextSave, 1);
  sqlite3 *other;

  g_assert_no_error (error);
  g_assert_true (pw_store_set_pcn_text (bob, f->pcn, PW_PCN_NAME, "Northgate PCN", &error));
  g_assert_no_error (error);
  pw_store_set_busy_timeout (f->store, 20);
  g_signal_connect (queue, "failed", G_CALLBACK (on_failed_cb), &failed);
  other = hold_lock (f->path);
  s->id = f->pcn, s->field = PW_PCN_NAME, s->text = g_strdup ("Hilltop PCN");
  g_assert_cmpint (pw_save_queue_submit (queue, "name", base, save_text, s, text_save_free, &error), ==, PW_SAVE_PENDING);
  g_assert_false (pw_save_queue_has_conflict (queue, "name"));
  release_lock (other);
  wait_for_queue (queue);
  g_assert_error (failed, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_true (pw_save_queue_has_conflict (queue, "name"));
  g_assert_cmpint (stored_is (f, "name", "Northgate PCN"), ==, 1);
  g_assert_cmpint (pw_save_queue_resolve (queue, "name", TRUE, &error), ==, PW_SAVE_DONE);
  g_assert_no_error (error);
  g_assert_false (pw_save_queue_has_conflict (queue, "name"));
  g_assert_cmpint (stored_is (f, "name", "Hilltop PCN"), ==, 1);
}

/* A save that met the lock on its retries goes on being retried by itself
 * (no retry asked for) and lands once the lock goes. */
static void
test_keeps_retrying (PwReturnFixture *f, gconstpointer data)
{
  PwSaveQueue *queue = pw_save_queue_for_store (f->store);
  sqlite3 *other;

  pw_store_set_busy_timeout (f->store, 20);
  other = hold_lock (f->path);
  g_assert_cmpint (submit (f, queue, PW_PCN_NAME, "Hilltop PCN", NULL), ==, PW_SAVE_PENDING);
  spin (400);                  /* retries at 100 and 300 ms meet the lock */
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 1);
  release_lock (other);
  for (guint i = 0; i < 50 && pw_save_queue_get_n_pending (queue) > 0; i++)
    spin (100);                /* not wait_for_queue (): with no retry due it would block */
  g_assert_cmpuint (pw_save_queue_get_n_pending (queue), ==, 0);
  g_assert_cmpint (stored_is (f, "name", "Hilltop PCN"), ==, 1);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) \
  g_test_add (path, PwReturnFixture, NULL, pw_return_fixture_setup, fn, pw_return_fixture_teardown)
  ADD ("/save-queue/at-once", test_saves_at_once);
  ADD ("/save-queue/busy-waits-then-lands", test_busy_waits_then_lands);
  ADD ("/save-queue/refused-after-wait", test_refused_after_wait);
  ADD ("/save-queue/discard", test_discard);
  ADD ("/save-queue/busy-only-while-saving", test_busy_only_while_saving);
  ADD ("/save-queue/n-pending-notified", test_n_pending_notified);
  ADD ("/save-queue/data-let-go", test_data_let_go);
  ADD ("/save-queue/waiting-saves-keep-order", test_waiting_saves_keep_order);
  ADD ("/save-queue/base-only-for-its-save", test_base_only_for_its_save);
  ADD ("/save-queue/conflict-after-wait-kept", test_conflict_after_wait_kept);
  ADD ("/save-queue/keeps-retrying", test_keeps_retrying);
  ADD ("/store/poll-external", test_poll_external);
#undef ADD
  return g_test_run ();
}

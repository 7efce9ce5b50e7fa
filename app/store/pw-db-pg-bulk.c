/* pw-db-pg-bulk.c — the PostgreSQL engine's bulk work: an import's writes
 * queued in libpq's pipeline mode, and a copy's tables sent by COPY FROM
 * STDIN (pw-db-pg.c runs single statements and keeps the connection)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <string.h>

#include "pw-db-pg.h"
#include "pw-db-pg-lib.h"
#include "pw-store-private.h"

/* ------------------------------------------------------------------ */
/* Bulk writes in pipeline mode                                        */

/* A bulk write (an import) would wait for the server after every row: a
 * round trip each, and on a busy machine a wait for the scheduler each,
 * which is most of its time.  In a batch (db_batch_begin ()), run ()
 * queues its statement in libpq's pipeline mode instead, and the server's
 * answers are read together, when something needs one (any other
 * statement, db_last_id (), the end of the batch) or when BATCH_MAX are
 * waiting: their answers (under 100 bytes each, an INSERT's id with its
 * row description) must fit the socket's buffers, as the server stops
 * reading while we do not read.  A queued statement that
 * fails is reported with the row it was queued for; the ones after it
 * were not run, and every call until the batch ends fails the same way,
 * so the caller rolls back a transaction that the server has aborted
 * already. */
#define BATCH_MAX 512

typedef struct
{
  PwDbStmt *stmt;
  guint row;                   /* db_batch_row () when queued */
  gboolean prepare;            /* its PQsendPrepare, not its execution */
} Queued;

typedef struct _PgBatch PgBatch;

struct _PgBatch
{
  gboolean on;
  guint row;
  GArray *queued;              /* of Queued, in the order sent */
  int rc;                      /* the first failure, until the batch ends */
  gboolean failed_queued;      /* ... a queued statement's */
  guint failed_row;            /* ... queued for this row */
};

static PgBatch *
batch_of (PwStore *self)
{
  if (self->pg_batch == NULL)
    {
      self->pg_batch = g_new0 (PgBatch, 1);
      self->pg_batch->queued = g_array_new (FALSE, FALSE, sizeof (Queued));
    }
  return self->pg_batch;
}

void
pg_batch_free (PwStore *self)
{
  if (self->pg_batch != NULL)
    g_array_unref (self->pg_batch->queued);
  g_clear_pointer (&self->pg_batch, g_free);
}

/* Reads one queued statement's answer: its result, then the NULL that
 * ends it.  Returns FALSE if the connection gave none (it is lost). */
static gboolean
take_answer (PwStore      *self,
             PgBatch      *b,
             const Queued *q)
{
  PGresult *res = PQgetResult (self->pg);
  ExecStatusType status;

  if (res == NULL)
    return FALSE;
  status = PQresultStatus (res);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    {
      if (!q->prepare && !g_str_has_prefix (PQcmdStatus (res), "SELECT"))
        {
          self->pg_changes = g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
          self->pg_total_changes += self->pg_changes;
          if (q->stmt->returns_id && PQntuples (res) > 0)
            self->pg_last_id = g_ascii_strtoll (PQgetvalue (res, PQntuples (res) - 1, 0), NULL, 10);
        }
    }
  else
    {
      if (q->prepare)
        q->stmt->prepared = FALSE;
      if (status != PGRES_PIPELINE_ABORTED && b->rc == DB_OK)
        {
          b->rc = pg_take_error (self, res);
          b->failed_queued = TRUE;
          b->failed_row = q->row;
        }
    }
  PQclear (res);
  while ((res = PQgetResult (self->pg)) != NULL)
    PQclear (res);
  return TRUE;
}

/* Sends the queue's end and reads every answer; leaves pipeline mode.
 * Returns the batch's first failure, or DB_OK. */
static int
batch_wait (PwStore *self)
{
  PgBatch *b = self->pg_batch;
  guint i = 0;

  if (b == NULL)
    return DB_OK;
  if (b->queued->len > 0)
    {
      gboolean sent = PQpipelineSync (self->pg) == 1;

      for (; sent && i < b->queued->len; i++)
        if (!take_answer (self, b, &g_array_index (b->queued, Queued, i)))
          break;
      if (sent && i == b->queued->len)
        {
          PGresult *res = PQgetResult (self->pg);    /* PGRES_PIPELINE_SYNC */
          PQclear (res);
        }
      if (i < b->queued->len && b->rc == DB_OK)     /* the connection went */
        b->rc = pg_take_error (self, NULL);
      for (; i < b->queued->len; i++)
        if (g_array_index (b->queued, Queued, i).prepare)
          g_array_index (b->queued, Queued, i).stmt->prepared = FALSE;
      g_array_set_size (b->queued, 0);
      PQexitPipelineMode (self->pg);
    }
  return b->rc;
}

/* Queues @stmt's execution, bound as it is (libpq copies the values). */
static int
batch_queue (PwDbStmt *stmt)
{
  PwStore *self = stmt->store;
  PgBatch *b = self->pg_batch;
  Queued q = { stmt, b->row, FALSE };

  if (b->rc != DB_OK)
    return b->rc;
  if (b->queued->len + 2 > BATCH_MAX && batch_wait (self) != DB_OK)
    return b->rc;
  if (PQpipelineStatus (self->pg) == PQ_PIPELINE_OFF && !PQenterPipelineMode (self->pg))
    return b->rc = pg_take_error (self, NULL);
  if (!stmt->prepared)
    {
      Queued p = { stmt, b->row, TRUE };

      if (!PQsendPrepare (self->pg, stmt->name, stmt->sql, stmt->n_params, stmt->types))
        return b->rc = pg_take_error (self, NULL);
      stmt->prepared = TRUE;
      g_array_append_val (b->queued, p);
    }
  if (!PQsendQueryPrepared (self->pg, stmt->name, stmt->n_params, (const char *const *) stmt->params,
                            NULL, NULL, 0))
    return b->rc = pg_take_error (self, NULL);
  g_array_append_val (b->queued, q);
  return DB_DONE;
}

/* Runs @stmt, a statement that returns no rows: queued in a batch, at
 * once otherwise. */
int
pg_run (PwDbStmt *stmt)
{
  PgBatch *b = stmt->store->pg_batch;

  if (b != NULL && b->on)
    return batch_queue (stmt);
  return pg_step (stmt);
}

void
pg_batch_begin (PwStore *self)
{
  PgBatch *b = batch_of (self);

  b->on = TRUE;
  b->row = 0;
  b->rc = DB_OK;
  b->failed_queued = FALSE;
}

void
pg_batch_row (PwStore *self,
              guint    row)
{
  if (self->pg_batch != NULL)
    self->pg_batch->row = row;
}

/* Waits for what the batch queued and ends it: the batch's first failure
 * (and the row it was queued for into *@failed_row), or DB_OK. */
int
pg_batch_end (PwStore *self,
              guint   *failed_row)
{
  PgBatch *b = self->pg_batch;
  int rc;

  if (b == NULL || !b->on)
    return DB_OK;
  rc = batch_wait (self);
  if (b->failed_queued)
    *failed_row = b->failed_row;
  b->on = FALSE;
  b->rc = DB_OK;
  return rc;
}

gboolean
pg_batch_active (PwStore *self)
{
  return self->pg_batch != NULL && self->pg_batch->on;
}

/* Whatever the batch queued, answered: before anything else is sent. */
int
pg_batch_wait (PwStore *self)
{
  return batch_wait (self);
}

/* ------------------------------------------------------------------ */
/* Whole tables in, for a copy                                         */

/* A table's rows go in by COPY FROM STDIN, one text line each: the server
 * parses them in one stream, several times faster than an INSERT a row.
 * A refused row ends the COPY with the server's message, which names the
 * table and the line. */
gboolean
pg_copy_begin (PwStore     *self,
               const char  *table,
               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("COPY %s FROM STDIN", table);
  int rc = batch_wait (self);
  PGresult *res;

  if (rc != DB_OK)
    return pg_error (self, error, rc);
  res = PQexec (self->pg, sql);
  if (PQresultStatus (res) != PGRES_COPY_IN)
    rc = pg_take_error (self, res);
  PQclear (res);
  return rc == DB_OK || pg_error (self, error, rc);
}

/* One row: @values (NULL elements are SQL NULL) as COPY's text format has
 * them, backslash, tab and line ends escaped. */
gboolean
pg_copy_row (PwStore    *self,
             GPtrArray  *values,
             GError    **error)
{
  g_autoptr(GString) line = g_string_sized_new (256);

  for (guint i = 0; i < values->len; i++)
    {
      const char *v = g_ptr_array_index (values, i);

      if (i > 0)
        g_string_append_c (line, '\t');
      if (v == NULL)
        g_string_append (line, "\\N");
      for (; v != NULL && *v; v++)
        switch (*v)
          {
          case '\\': g_string_append (line, "\\\\"); break;
          case '\t': g_string_append (line, "\\t"); break;
          case '\n': g_string_append (line, "\\n"); break;
          case '\r': g_string_append (line, "\\r"); break;
          default: g_string_append_c (line, *v);
          }
    }
  g_string_append_c (line, '\n');
  return PQputCopyData (self->pg, line->str, line->len) == 1 || pg_error (self, error, pg_take_error (self, NULL));
}

/* Ends the COPY: the server's verdict on every row, or (@complete FALSE)
 * abandons it, and the transaction with it. */
gboolean
pg_copy_end (PwStore   *self,
             gboolean   complete,
             GError   **error)
{
  int rc = PQputCopyEnd (self->pg, complete ? NULL : "the copy was abandoned") == 1 ? DB_OK : pg_take_error (self, NULL);
  PGresult *res;

  while ((res = PQgetResult (self->pg)) != NULL)
    {
      if (rc == DB_OK && PQresultStatus (res) != PGRES_COMMAND_OK)
        rc = pg_take_error (self, res);
      PQclear (res);
    }
  return rc == DB_OK || !complete || pg_error (self, error, rc);
}

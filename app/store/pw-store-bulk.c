/* pw-store-bulk.c — imports written set-based
 *
 * An import hands over every row at once, already checked; they are written
 * in one transaction with the same prepared statements for every row, each
 * looked up once per import (stmt_of, run_stmt), and the schema's CHECKs
 * not evaluated again (skip_checks).  What an import changed is logged once
 * per return it touched, as one entry naming the file, with the old and the
 * new values of what changed (a return it made: the new only); a row that
 * changes nothing writes nothing, so an unchanged file leaves no trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-store-private.h"

/* Before row @i of @n: progress whenever it moves by a percent (so at
 * most a hundred reports, and every row of a small file), and whether
 * Cancel was pressed (an atomic read: every row). */
static gboolean
checkpoint (guint            i,
            guint            n,
            PwProgressFunc   progress,
            gpointer         progress_data,
            GCancellable    *cancellable,
            GError         **error)
{
  if (progress != NULL && (i == 0 || (guint64) i * 100 / n != (guint64) (i - 1) * 100 / n))
    progress ((double) i / n, progress_data);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* @slot's statement, looked up in the store's cache at its first use in
 * an import rather than at every row (run_stmt ()). */
static PwDbStmt *
stmt_of (PwStore     *self,
         PwDbStmt   **slot,
         const char  *sql,
         GError     **error)
{
  if (*slot == NULL)
    *slot = query (self, error, sql, NULL);
  return *slot;
}

/* The maturity import's statements (stmt_of ()). */
typedef struct
{
  PwDbStmt *add_return, *add, *set, *log;
} MaturityStmts;

/* A return the import reads or writes, with what it changed there. */
typedef struct
{
  gint64 key;                  /* pcn_id * 128 + year offset: first, for g_int64_hash */
  gint64 id;
  int year;
  int status;
  gboolean added;              /* made by this import */
  gboolean listed;             /* in the order of the log */
  GString *before;             /* NULL until something changes */
  GString *after;
} Touched;

static void
touched_free (gpointer data)
{
  Touched *t = data;

  if (t->before != NULL)
    g_string_free (t->before, TRUE);
  if (t->after != NULL)
    g_string_free (t->after, TRUE);
  g_free (t);
}

static gint64
return_key (gint64 pcn_id,
            int    year)
{
  return pcn_id * 128 + (year - PW_YEAR_MIN);
}

/* Every return, by PCN and year: one query instead of one per row. */
static gboolean
load_returns (PwStore     *self,
              GHashTable  *returns,
              GError     **error)
{
  PwDbStmt *stmt = query (self, error, "SELECT id, pcn_id, year, status FROM pcn_return", NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      Touched *t = g_new0 (Touched, 1);

      t->id = db_int64 (stmt, 0);
      t->year = db_int (stmt, 2);
      t->key = return_key (db_int64 (stmt, 1), t->year);
      t->status = db_int (stmt, 3);
      g_hash_table_insert (returns, &t->key, t);
    }
  db_reset (stmt);
  return rc == DB_DONE || db_error (self, error, rc);
}

/* The live PCNs by id: finding one in the model is a walk down the list. */
static GHashTable *
index_pcns (PwStore *self)
{
  GHashTable *index = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->pcns)); i++)
    {
      PwPcn *pcn = g_list_model_get_item (G_LIST_MODEL (self->pcns), i);

      g_hash_table_insert (index, GSIZE_TO_POINTER (pw_pcn_get_id (pcn)), pcn);
      g_object_unref (pcn);    /* the model keeps it */
    }
  return index;
}

/* The PCN's return for the year, made a draft if it has none. */
static Touched *
find_or_add_return (PwStore        *self,
                    MaturityStmts  *stmts,
                    GHashTable     *returns,
                    GHashTable  *pcns,
                    gint64       pcn_id,
                    int          year,
                    GError     **error)
{
  gint64 key = return_key (pcn_id, year);
  Touched *t = g_hash_table_lookup (returns, &key);
  PwPcn *pcn;

  if (t != NULL)
    return t;
  if (year < PW_YEAR_MIN || year > PW_YEAR_MAX)
    return (invalid (error, _("The financial year is out of range")), NULL);
  pcn = g_hash_table_lookup (pcns, GSIZE_TO_POINTER (pcn_id));
  if ((pcn != NULL && !pw_pcn_is_shown_in (pcn, year) && !check_open_in (self, pcn_id, year, error)) ||
      !run_stmt (stmt_of (self, &stmts->add_return, "INSERT INTO pcn_return (pcn_id, year) VALUES (?1, ?2)", error),
                 error, "ii", pcn_id, (gint64) year))
    return NULL;
  t = g_new0 (Touched, 1);
  t->key = key;
  t->id = db_last_id (self);
  t->year = year;
  t->added = TRUE;
  g_hash_table_insert (returns, &t->key, t);
  return t;
}

static gboolean
refuse_reviewed (Touched  *t,
                 GError  **error)
{
  g_autofree char *year = NULL;

  if (t->status != PW_STATUS_REVIEWED)
    return TRUE;
  year = pw_format_year (t->year);
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED,
               _("The %s return has been reviewed; reopen it to change it"), year);
  return FALSE;
}

/* One log entry per return the import made or changed. */
static gboolean
log_import (PwStore        *self,
            MaturityStmts  *stmts,
            GPtrArray      *order,
            const char  *source,
            GError     **error)
{
  g_autofree char *at = now_iso ();
  g_autofree char *what = g_strdup_printf (_("Imported from %s"), source);
  g_autofree char *added = g_strdup_printf ("%s: %s", _("Return"), pw_return_status_name (PW_STATUS_DRAFT));
  const char *user = g_get_user_name ();

  for (guint i = 0; i < order->len; i++)
    {
      Touched *t = g_ptr_array_index (order, i);
      g_autofree char *after = NULL;

      if (t->added)
        after = t->after ? g_strconcat (added, "; ", t->after->str, NULL) : g_strdup (added);
      if (!run_stmt (stmt_of (self, &stmts->log, "INSERT INTO change_log (at, user, return_id, what, old_value,"
                                                 " new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error),
                     error, "ttitt" "t", at, user, t->id, what, t->before ? t->before->str : "",
                after ? after : t->after->str))
        return FALSE;
    }
  /* Announced as returns changed (id 0: more than one); the live lists of
   * PCNs and localities are untouched, so they are not re-read. */
  if (order->len > 0)
    note_change (self, "return", 0);
  return TRUE;
}

typedef struct
{
  gboolean found;
  int level;
  char *evidence;
  char *support;
} Stored;

static void
stored_clear (Stored *s)
{
  g_free (s->evidence);
  g_free (s->support);
}

static gint64
stored_key (gint64 return_id,
            guint  domain)
{
  return return_id * PW_N_DOMAINS + domain;
}

/* A stored domain, by stored_key (). */
typedef struct
{
  gint64 key;
  Stored stored;
} StoredEntry;

static void
stored_entry_free (gpointer data)
{
  StoredEntry *e = data;

  stored_clear (&e->stored);
  g_free (e);
}

/* Every stored domain of the years @first to @last: one query, rather than
 * one per value (on a server, a round trip each). */
static gboolean
load_stored (PwStore     *self,
             GHashTable  *stored,
             int          first,
             int          last,
             GError     **error)
{
  PwDbStmt *stmt = query (self, error, "SELECT m.return_id, m.domain, m.level, m.evidence, m.support"
                                       "  FROM maturity m JOIN pcn_return r ON r.id = m.return_id"
                                       " WHERE r.year BETWEEN ?1 AND ?2",
                          "ii", (gint64) first, (gint64) last);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      StoredEntry *e;
      guint d;

      if (!pw_domain_from_key (db_text (stmt, 1), &d))
        continue;
      e = g_new0 (StoredEntry, 1);
      e->key = stored_key (db_int64 (stmt, 0), d);
      e->stored = (Stored) { TRUE, db_is_null (stmt, 2) ? PW_LEVEL_NONE : db_int (stmt, 2),
                             g_strdup (db_text (stmt, 3)), g_strdup (db_text (stmt, 4)) };
      g_hash_table_insert (stored, &e->key, e);
    }
  db_reset (stmt);
  return rc == DB_DONE || db_error (self, error, rc);
}

/* The words of the log, translated and put together once per import
 * rather than per value: "Level: <domain>: " and so on, by what and domain. */
enum { NOTE_LEVEL, NOTE_EVIDENCE, NOTE_SUPPORT, N_NOTES };

typedef struct
{
  char *heads[N_NOTES][PW_N_DOMAINS];
  const char *levels[PW_N_LEVELS];       /* by pw_level_at (); the last is "No score" */
} Words;

static void
words_init (Words *w)
{
  const char *what[N_NOTES] = { _("Level"), _("Evidence"), _("Support needed") };

  for (guint n = 0; n < N_NOTES; n++)
    for (guint d = 0; d < PW_N_DOMAINS; d++)
      w->heads[n][d] = g_strconcat (what[n], ": ", pw_domain_name (d), ": ", NULL);
  for (guint i = 0; i < PW_N_LEVELS; i++)
    w->levels[i] = pw_level_name (pw_level_at (i));
}

static void
words_clear (Words *w)
{
  for (guint n = 0; n < N_NOTES; n++)
    for (guint d = 0; d < PW_N_DOMAINS; d++)
      g_free (w->heads[n][d]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Words, words_clear)

static const char *
level_word (const Words *w,
            int          level)
{
  for (guint i = 0; i + 1 < PW_N_LEVELS; i++)
    if (pw_level_at (i) == level)
      return w->levels[i];
  return w->levels[PW_N_LEVELS - 1];
}

/* Every value an import writes has passed the schema's CHECKs in C
 * already, as the one-field path checks them (codes parsed, names not
 * blank, WTEs and counts in range: pw-parse.c; a level by pw_level_valid
 * and a domain by its index: see write_value), so they are not checked
 * twice: SQLite skips them while an import's rows are written.  The
 * maturity table's are IN lists, which SQLite evaluates by building a
 * temporary index for every row (four times the cost of the write itself);
 * the profiles' (GLOB, trim, date) are a seventh of theirs.  Setting the
 * PRAGMA expires every prepared statement, so none keeps it past OFF.  A
 * server has no such PRAGMA and checks as usual. */
static gboolean
skip_checks (PwStore   *self,
             gboolean   skip,
             GError   **error)
{
  return self->engine != PW_DB_SQLITE ||
         exec_script (self, skip ? "PRAGMA ignore_check_constraints = ON" : "PRAGMA ignore_check_constraints = OFF",
                      error);
}

/* Appends @head ("What: domain: ") and @value to @s, after "; " if @s
 * has some. */
static void
append_value (GString    *s,
              const char *head,
              const char *value)
{
  if (s->len > 0)
    g_string_append (s, "; ");
  g_string_append (s, head);
  g_string_append (s, value);
}

/* Adds "What: domain: value" to the return's entry, old and new side; a
 * return this import made had nothing before (as when one field makes it:
 * "Return", "" → "Draft"), so its old side stays empty.  That is also
 * most of a national file's log: a quarter of what the import writes. */
static void
note_value (Touched    *t,
            const char *head,
            const char *old_value,
            const char *new_value)
{
  if (t->before == NULL)
    {
      t->before = g_string_new (NULL);
      t->after = g_string_new (NULL);
    }
  if (!t->added)
    append_value (t->before, head, old_value);
  append_value (t->after, head, new_value);
}

/* Writes one value if it changes anything, noting what it changed. */
static gboolean
write_value (PwStore                *self,
             MaturityStmts          *stmts,
             const Words            *words,
             GHashTable             *stored,
             Touched                *t,
             const PwMaturityValue  *v,
             guint                  *changed,
             GError                **error)
{
  static const Stored unassessed = { FALSE, PW_LEVEL_NONE, (char *) "", (char *) "" };   /* not yet written */
  gboolean level = FALSE, evidence = FALSE, support = FALSE;
  gint64 key = stored_key (t->id, v->domain);
  StoredEntry *found = t->added ? NULL : g_hash_table_lookup (stored, &key);   /* nothing yet in a new return */
  const Stored *old = found ? &found->stored : &unassessed;

  if (v->domain >= PW_N_DOMAINS || !pw_level_valid (v->level))
    return invalid (error, _("There is no such domain or level"));
  level = old->level != v->level;
  evidence = v->evidence != NULL && g_strcmp0 (old->evidence, v->evidence) != 0;
  support = v->support != NULL && g_strcmp0 (old->support, v->support) != 0;
  if (!level && !evidence && !support)
    return TRUE;
  if (!refuse_reviewed (t, error) ||
      !run_stmt (old->found ? stmt_of (self, &stmts->set, "UPDATE maturity SET level = ?3, evidence = ?4, support = ?5"
                                                          " WHERE return_id = ?1 AND domain = ?2", error)
                            : stmt_of (self, &stmts->add, "INSERT INTO maturity (return_id, domain, level, evidence,"
                                                          " support) VALUES (?1, ?2, ?3, ?4, ?5)", error),
                 error, v->level == PW_LEVEL_NONE ? "itntt" : "ititt", t->id, pw_domain_key (v->domain),
                 (gint64) (v->level == PW_LEVEL_NONE ? -1 : v->level),   /* Pre-foundation is below 0 */
                 evidence ? v->evidence : old->evidence, support ? v->support : old->support))
    return FALSE;
  if (level)
    note_value (t, words->heads[NOTE_LEVEL][v->domain], level_word (words, old->level), level_word (words, v->level));
  if (evidence)
    note_value (t, words->heads[NOTE_EVIDENCE][v->domain], old->evidence, v->evidence);
  if (support)
    note_value (t, words->heads[NOTE_SUPPORT][v->domain], old->support, v->support);
  *changed += level + evidence + support;
  return TRUE;
}

/* The return of each value (@touched, by the value's index), made a draft
 * where the PCN has none for the year: the first half of the progress. */
static gboolean
add_returns (PwStore                *self,
             MaturityStmts          *stmts,
             const PwMaturityValue  *values,
             guint                  *i,
             guint                   n,
             GHashTable             *returns,
             Touched               **touched,
             PwProgressFunc          progress,
             gpointer                progress_data,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autoptr(GHashTable) pcns = index_pcns (self);

  for (*i = 0; *i < n; (*i)++)
    {
      db_batch_row (self, *i);
      if (!checkpoint (*i, 2 * n, progress, progress_data, cancellable, error) ||
          (touched[*i] = find_or_add_return (self, stmts, returns, pcns, values[*i].pcn_id, values[*i].year, error)) == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * pw_store_import_maturity:
 * @source: the file's name, for the change log
 * @values: (array length=n): checked values, one per PCN, year and domain
 * @result: (out): returns added, values changed; on failure, the index of
 *   the value that failed
 * Writes @values in one transaction, making draft returns where needed:
 * all of them, or (on any error, or on cancel) none.  A value on a
 * reviewed return is refused if it would change it.
 */
gboolean
pw_store_import_maturity (PwStore                *self,
                          const char             *source,
                          const PwMaturityValue  *values,
                          guint                   n,
                          PwProgressFunc          progress,
                          gpointer                progress_data,
                          GCancellable           *cancellable,
                          PwBulkResult           *result,
                          GError                **error)
{
  g_autoptr(GHashTable) returns = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, touched_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, stored_entry_free);
  g_autofree Touched **touched = g_new0 (Touched *, MAX (n, 1));
  int first = PW_YEAR_MAX, last = PW_YEAR_MIN;
  gboolean skipping = FALSE;
  MaturityStmts stmts = { NULL };
  g_auto(Words) words = { { { NULL } } };
  guint i = 0;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (PwBulkResult) { 0 };
  if (!pw_store_begin (self, error))
    return FALSE;
  for (guint k = 0; k < n; k++)
    {
      first = MIN (first, values[k].year);
      last = MAX (last, values[k].year);
    }
  if (!load_returns (self, returns, error) || !load_stored (self, stored, first, last, error))
    goto failed;
  words_init (&words);
  db_batch_begin (self);
  if (!add_returns (self, &stmts, values, &i, n, returns, touched, progress, progress_data, cancellable, error) ||
      !(skipping = skip_checks (self, TRUE, error)))
    goto failed;
  for (i = 0; i < n; i++)
    {
      Touched *t = touched[i];

      db_batch_row (self, i);
      if (!checkpoint (n + i, 2 * n, progress, progress_data, cancellable, error) ||
          !write_value (self, &stmts, &words, stored, t, &values[i], &result->values_changed, error))
        goto failed;
      if (!t->listed && (t->added || t->before != NULL))
        {
          t->listed = TRUE;
          result->returns_added += t->added;
          g_ptr_array_add (order, t);
        }
    }
  i = n;    /* what fails from here is no one row's doing */
  db_batch_row (self, n);
  if (!skip_checks (self, FALSE, error))
    goto failed;
  skipping = FALSE;
  if (!log_import (self, &stmts, order, source, error) || !db_batch_end (self, &i, error))
    goto failed;
  if (progress != NULL)
    progress (1.0, progress_data);
  return pw_store_commit (self, error);

failed:
  db_batch_end (self, &i, NULL);    /* a queued write's failure names its row */
  if (skipping)
    skip_checks (self, FALSE, NULL);
  result->failed = i;
  pw_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Profiles                                                            */

typedef struct
{
  gint64 id;
  gint64 pcn_id;
  gint64 list_size;
  char *name;
} KnownPractice;

static void
known_practice_free (gpointer data)
{
  KnownPractice *p = data;

  g_free (p->name);
  g_free (p);
}

typedef struct
{
  PwStore *store;
  PwProfileCounts *counts;
  GHashTable *localities;      /* casefolded name → id */
  GHashTable *pcns;            /* code → PwPcn (the live row), borrowed */
  GHashTable *pcn_ids;         /* code → id, for PCNs this import has seen */
  GHashTable *practices;       /* code → KnownPractice */
  gboolean writing;            /* past years kept: see start_writing */
  PwDbStmt *add_pcn, *set_pcn; /* stmt_of () */
  PwDbStmt *add_practice, *add_practice_to, *set_practice, *move_practice;
} ProfileImport;

/* Practices by code, in one query. */
static gboolean
load_practices (ProfileImport  *p,
                GError        **error)
{
  PwDbStmt *stmt = query (p->store, error, "SELECT id, code, name, list_size, coalesce(pcn_id, 0) FROM practice",
                              NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = db_step (stmt)) == DB_ROW)
    {
      KnownPractice *k = g_new0 (KnownPractice, 1);

      k->id = db_int64 (stmt, 0);
      k->name = g_strdup (db_text (stmt, 2));
      k->list_size = db_int64 (stmt, 3);
      k->pcn_id = db_int64 (stmt, 4);
      g_hash_table_insert (p->practices, g_strdup (db_text (stmt, 1)), k);
    }
  db_reset (stmt);
  return rc == DB_DONE || db_error (p->store, error, rc);
}

static void
index_live (ProfileImport *p)
{
  GListModel *localities = G_LIST_MODEL (p->store->localities);
  GListModel *pcns = G_LIST_MODEL (p->store->pcns);

  for (guint i = 0; i < g_list_model_get_n_items (localities); i++)
    {
      g_autoptr(PwLocality) l = g_list_model_get_item (localities, i);

      g_hash_table_insert (p->localities, g_utf8_casefold (pw_locality_get_name (l), -1),
                           GSIZE_TO_POINTER (pw_locality_get_id (l)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      PwPcn *pcn = g_list_model_get_item (pcns, i);

      g_hash_table_insert (p->pcns, (gpointer) pw_pcn_get_text (pcn, PW_PCN_CODE), pcn);
      g_object_unref (pcn);    /* the model keeps it */
    }
}

static gboolean
text_ok (const char *s)
{
  return s != NULL && *s != '\0' && *s != ' ';   /* trimmed: blank is empty */
}

/* What the schema's CHECKs on a PCN and a practice ask, which the writes
 * skip (skip_checks): the import has checked all of it, so this only
 * stops a caller that did not. */
static gboolean
profile_row_ok (const PwProfileRow *row)
{
  return pw_ods_code_ok (row->pcn_code, TRUE) && text_ok (row->pcn_name) && row->locality != NULL &&
         row->cd_wte <= PW_WTE_MAX && row->manager_wte <= PW_WTE_MAX &&
         (row->practice_code == NULL ||
          (pw_ods_code_ok (row->practice_code, FALSE) && text_ok (row->practice_name) && row->list_size >= 0));
}

/* Before the first write that changes anything, last year's figures are
 * kept (see KEPT_YEAR): an import that changes nothing leaves no copy. */
static gboolean
start_writing (ProfileImport  *p,
               GError        **error)
{
  if (p->writing)
    return TRUE;
  p->writing = TRUE;
  return keep_past_profile (p->store, error);
}

static gboolean
import_locality (ProfileImport  *p,
                 const char     *name,
                 gint64         *out_id,
                 GError        **error)
{
  g_autofree char *key = g_utf8_casefold (name, -1);
  gpointer id;

  *out_id = 0;
  if (*name == '\0')
    return TRUE;
  if (g_hash_table_lookup_extended (p->localities, key, NULL, &id))
    return (*out_id = GPOINTER_TO_SIZE (id), TRUE);
  if (!start_writing (p, error) ||
      !run (p->store, error, "INSERT INTO locality (name) VALUES (?1)", "t", name))
    return FALSE;
  *out_id = db_last_id (p->store);
  p->counts->localities_added++;
  g_hash_table_insert (p->localities, g_steal_pointer (&key), GSIZE_TO_POINTER (*out_id));
  return TRUE;
}

/* A PCN from the first row that names it: added, or its fields set where
 * the row gives them and they differ. */
static gboolean
import_pcn (ProfileImport       *p,
            const PwProfileRow  *row,
            gint64              *out_id,
            GError             **error)
{
  PwPcn *before = g_hash_table_lookup (p->pcns, row->pcn_code);
  gint64 locality_id = 0;
  const char *cd, *manager;
  gint64 cd_wte, manager_wte;
  gpointer id;

  if (g_hash_table_lookup_extended (p->pcn_ids, row->pcn_code, NULL, &id))
    return (*out_id = GPOINTER_TO_SIZE (id), TRUE);
  if (!import_locality (p, row->locality, &locality_id, error))
    return FALSE;
  cd = row->clinical_director ? row->clinical_director : before ? pw_pcn_get_text (before, PW_PCN_CLINICAL_DIRECTOR) : "";
  manager = row->manager ? row->manager : before ? pw_pcn_get_text (before, PW_PCN_MANAGER) : "";
  cd_wte = row->cd_wte >= 0 ? row->cd_wte : before ? pw_pcn_get_number (before, PW_PCN_CD_WTE) : -1;
  manager_wte = row->manager_wte >= 0 ? row->manager_wte : before ? pw_pcn_get_number (before, PW_PCN_MANAGER_WTE) : -1;
  if (before == NULL)
    {
      if (!start_writing (p, error) ||
          !run_stmt (stmt_of (p->store, &p->add_pcn, "INSERT INTO pcn (code, name, locality_id, clinical_director,"
                                                      " cd_wte, manager, manager_wte) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error),
                     error, "ttntntn", row->pcn_code, row->pcn_name, locality_id > 0 ? locality_id : (gint64) -1, cd, cd_wte,
                manager, manager_wte))
        return FALSE;
      /* On a server the id is not waited for: the PCN's practices find it
       * by its code (import_practice) */
      *out_id = db_last_id_now (p->store);
      p->counts->pcns_added++;
    }
  else
    {
      *out_id = pw_pcn_get_id (before);
      if (g_strcmp0 (pw_pcn_get_text (before, PW_PCN_NAME), row->pcn_name) != 0 ||
          pw_pcn_get_number (before, PW_PCN_LOCALITY_ID) != locality_id ||
          g_strcmp0 (pw_pcn_get_text (before, PW_PCN_CLINICAL_DIRECTOR), cd) != 0 ||
          g_strcmp0 (pw_pcn_get_text (before, PW_PCN_MANAGER), manager) != 0 ||
          pw_pcn_get_number (before, PW_PCN_CD_WTE) != cd_wte ||
          pw_pcn_get_number (before, PW_PCN_MANAGER_WTE) != manager_wte)
        {
          if (!start_writing (p, error) ||
              !run_stmt (stmt_of (p->store, &p->set_pcn, "UPDATE pcn SET name = ?2, locality_id = ?3,"
                                                          " clinical_director = ?4, cd_wte = ?5, manager = ?6,"
                                                          " manager_wte = ?7 WHERE id = ?1", error),
                         error, "itntntn", *out_id, row->pcn_name, locality_id > 0 ? locality_id : (gint64) -1, cd, cd_wte,
                    manager, manager_wte))
            return FALSE;
          p->counts->pcns_changed++;
        }
    }
  g_hash_table_insert (p->pcn_ids, (gpointer) row->pcn_code, GSIZE_TO_POINTER (*out_id));
  return TRUE;
}

/* @pcn_id: the practice's PCN, or 0 for one this import added whose id
 * was not waited for (db_last_id_now ()): found by its code instead. */
static gboolean
import_practice (ProfileImport       *p,
                 const PwProfileRow  *row,
                 gint64               pcn_id,
                 GError             **error)
{
  KnownPractice *known = g_hash_table_lookup (p->practices, row->practice_code);

  if (known == NULL)
    {
      if (!start_writing (p, error) ||
          !(pcn_id ? run_stmt (stmt_of (p->store, &p->add_practice, "INSERT INTO practice (pcn_id, code, name,"
                                                                    " list_size) VALUES (?1, ?2, ?3, ?4)", error),
                               error, "itti", pcn_id, row->practice_code, row->practice_name, row->list_size)
                   : run_stmt (stmt_of (p->store, &p->add_practice_to, "INSERT INTO practice (pcn_id, code, name,"
                                                                       " list_size) VALUES ((SELECT id FROM pcn"
                                                                       " WHERE code = ?1), ?2, ?3, ?4)", error),
                               error, "ttti", row->pcn_code, row->practice_code, row->practice_name, row->list_size)))
        return FALSE;
      p->counts->practices_added++;
      return TRUE;
    }
  if (g_strcmp0 (known->name, row->practice_name) == 0 && known->list_size == row->list_size &&
      pcn_id != 0 && known->pcn_id == pcn_id)
    return TRUE;
  if (!start_writing (p, error) ||
      !(pcn_id ? run_stmt (stmt_of (p->store, &p->set_practice, "UPDATE practice SET name = ?2, list_size = ?3,"
                                                                " pcn_id = ?4 WHERE id = ?1", error),
                           error, "itii", known->id, row->practice_name, row->list_size, pcn_id)
               : run_stmt (stmt_of (p->store, &p->move_practice, "UPDATE practice SET name = ?2, list_size = ?3,"
                                                                 " pcn_id = (SELECT id FROM pcn WHERE code = ?4)"
                                                                 " WHERE id = ?1", error),
                           error, "itit", known->id, row->practice_name, row->list_size, row->pcn_code)))
    return FALSE;
  p->counts->practices_changed++;
  return TRUE;
}

/**
 * pw_store_import_profiles:
 * @rows: (array length=n): checked rows, codes canonical and texts trimmed
 * @counts: (out): what was added and changed; on failure, the failed row
 * Creates or updates localities, PCNs and practices, matched by code and
 * name, in one transaction: all of the rows, or (on error or cancel) none.
 * Only what differs is written; a file that changes nothing writes nothing.
 */
gboolean
pw_store_import_profiles (PwStore             *self,
                          const PwProfileRow  *rows,
                          guint                n,
                          PwProgressFunc       progress,
                          gpointer             progress_data,
                          GCancellable        *cancellable,
                          PwProfileCounts     *counts,
                          GError             **error)
{
  g_autoptr(GHashTable) localities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pcns = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pcn_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) practices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, known_practice_free);
  ProfileImport p = { self, counts, localities, pcns, pcn_ids, practices, FALSE };
  gboolean skipping = FALSE;
  guint i = 0;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  *counts = (PwProfileCounts) { 0 };
  if (!pw_store_begin (self, error))
    return FALSE;
  index_live (&p);
  if (!load_practices (&p, error) || !(skipping = skip_checks (self, TRUE, error)))
    goto failed;
  db_batch_begin (self);
  for (; i < n; i++)
    {
      gint64 pcn_id = 0;

      db_batch_row (self, i);
      if (!checkpoint (i, n, progress, progress_data, cancellable, error))
        goto failed;
      if (!profile_row_ok (&rows[i]))
        {
          invalid (error, _("The row is not a checked profile"));
          goto failed;
        }
      if (!import_pcn (&p, &rows[i], &pcn_id, error) ||
          (rows[i].practice_code != NULL && !import_practice (&p, &rows[i], pcn_id, error)))
        goto failed;
    }
  i = n;
  db_batch_row (self, n);
  if (!db_batch_end (self, &i, error) || !skip_checks (self, FALSE, error))
    goto failed;
  skipping = FALSE;
  if (p.writing)
    {
      if (!touch_profile (self, error))
        goto failed;
      note_change (self, "pcn", 0);
      note_change (self, "practice", 0);   /* many rows: every list is re-read */
    }
  if (progress != NULL)
    progress (1.0, progress_data);
  return pw_store_commit (self, error);

failed:
  db_batch_end (self, &i, NULL);
  if (skipping)
    skip_checks (self, FALSE, NULL);
  counts->failed = i;
  pw_store_rollback (self);
  return FALSE;
}

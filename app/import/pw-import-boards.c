/* pw-import-boards.c — CSV imports of locality boards' members, actions
 * and risks
 *
 * As the other imports (pw-import.c): the file is checked whole, then
 * written in one transaction; every message names the file, line and
 * column and what is accepted.  Each row names its locality; an action or
 * a risk is keyed by its reference within the locality, so re-importing a
 * reference updates it, and a reference twice in one file is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-import-private.h"
#include "pw-parse.h"
#include "pw-store-boards.h"

enum { B_LOCALITY, B_NAME, B_ORGANISATION, B_SECTOR, B_ROLE, B_REPRESENTS, B_JOINED, B_LEFT, B_N_COLUMNS };
G_STATIC_ASSERT (B_N_COLUMNS == PW_IMPORT_BOARD_N_COLUMNS);

const Column pw_import_member_columns[B_N_COLUMNS] = {
  { "locality", TRUE }, { "name", TRUE }, { "organisation", TRUE }, { "sector", TRUE }, { "board_role", TRUE },
  { "represents", FALSE }, { "joined", FALSE }, { "left", FALSE },
};

enum { C_LOCALITY, C_REF, C_ACTION, C_OWNER, C_DUE, C_STATUS, C_RAISED, C_DONE, C_N_COLUMNS };
const Column pw_import_action_columns[C_N_COLUMNS] = {
  { "locality", TRUE }, { "ref", TRUE }, { "action", TRUE }, { "owner", TRUE }, { "due", TRUE }, { "status", TRUE },
  { "raised", FALSE }, { "done", FALSE },
};

enum { R_LOCALITY, R_REF, R_RISK, R_LIKELIHOOD, R_IMPACT, R_OWNER, R_TARGET, R_REVIEW, R_N_COLUMNS };
const Column pw_import_risk_columns[R_N_COLUMNS] = {
  { "locality", TRUE }, { "ref", TRUE }, { "risk", TRUE }, { "likelihood", TRUE }, { "impact", TRUE },
  { "owner", TRUE }, { "target", FALSE }, { "review", FALSE },
};

/* Every import here has the locality in its first column and its row
 * object's locality id in property 2. */
#define LOCALITY_COLUMN 0
#define LOCALITY_FIELD 2
/* Actions and risks have their reference in the second. */
#define REF_COLUMN 1

/* One checked row: the object to write, and the record it came from. */
typedef struct
{
  PwCsvRecord *record;
  PwRow *row;
} Checked;

static void
checked_free (gpointer data)
{
  Checked *c = data;

  g_object_unref (c->row);
  g_free (c);
}

/* The text of @column, trimmed; "" where the file has no such column. */
static char *
text_of (Table       *t,
         PwCsvRecord *record,
         guint        column)
{
  return g_strstrip (g_strdup (field (t, record, column) ? field (t, record, column) : ""));
}

static gboolean
required (Table       *t,
          PwCsvRecord *record,
          guint        column,
          char       **out,
          GError     **error)
{
  *out = text_of (t, record, column);
  return **out != '\0' || row_error (t, record, column, error, _("this must not be empty"));
}

/* The first few localities' names, for a message. */
static char *
all_localities (PwStore *store)
{
  GListModel *localities = pw_store_get_localities (store);
  guint n = g_list_model_get_n_items (localities);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < MIN (n, 10); i++)
    {
      g_autoptr(PwLocality) l = g_list_model_get_item (localities, i);
      g_string_append_printf (names, "%s“%s”", i ? ", " : "", pw_locality_get_name (l));
    }
  if (n > 10)
    g_string_append (names, ", …");
  if (n == 0)
    g_string_append (names, _("none yet: add them with a profiles import"));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
find_locality (Table        *t,
               PwCsvRecord  *record,
               PwStore      *store,
               gint64       *out_id,
               GError      **error)
{
  g_autofree char *name = text_of (t, record, LOCALITY_COLUMN);
  PwLocality *locality = *name ? pw_store_find_locality (store, name) : NULL;
  g_autofree char *near = NULL, *quoted = NULL, *all = NULL;

  if (locality != NULL)
    return (*out_id = pw_locality_get_id (locality), TRUE);
  if (*name == '\0')
    return row_error (t, record, LOCALITY_COLUMN, error, _("this must not be empty"));
  near = pw_import_suggest_names (pw_store_get_localities (store), 2, name);
  quoted = pw_quote (name);
  if (near != NULL)
    return row_error (t, record, LOCALITY_COLUMN, error, _("there is no locality called “%s”; did you mean %s?"),
                      quoted, near);
  return row_error (t, record, LOCALITY_COLUMN, error, _("there is no locality called “%s”; the localities are %s"),
                    quoted, (all = all_localities (store)));
}

/* An optional date (DD/MM/YYYY or YYYY-MM-DD) as ISO, or "" when blank. */
static gboolean
date_of (Table       *t,
         PwCsvRecord *record,
         guint        column,
         char       **out_iso,
         GError     **error)
{
  g_autofree char *s = text_of (t, record, column);
  g_autofree char *quoted = NULL;

  *out_iso = NULL;
  if (*s == '\0')
    return (*out_iso = g_strdup (""), TRUE);
  if (pw_parse_date (s, out_iso, NULL))
    return TRUE;
  quoted = pw_quote (s);
  return row_error (t, record, column, error,
                    _("“%s” is not a date: write it as DD/MM/YYYY or YYYY-MM-DD, such as 31/03/2026"), quoted);
}

/* A whole number from @min to @max; blank gives 0 when not @needed. */
static gboolean
number_of (Table       *t,
           PwCsvRecord *record,
           guint        column,
           int          min,
           int          max,
           gboolean     needed,
           const char  *meaning,
           int         *out,
           GError     **error)
{
  g_autofree char *s = text_of (t, record, column);
  g_autofree char *quoted = NULL;
  gint64 v = 0;

  *out = 0;
  if (*s == '\0' && !needed)
    return TRUE;
  if (g_ascii_string_to_signed (s, 10, min, max, &v, NULL))
    return (*out = v, TRUE);
  quoted = pw_quote (s);
  return row_error (t, record, column, error, _("“%s” is not a whole number from %d to %d (%s)"),
                    quoted, min, max, meaning);
}

/* A choice parsed by @parse, cited at @column when wrong. */
static gboolean
choice_of (Table       *t,
           PwCsvRecord *record,
           guint        column,
           gboolean   (*parse) (const char *, int *, GError **),
           int         *out,
           GError     **error)
{
  g_autofree char *s = text_of (t, record, column);
  GError *local = NULL;

  return parsed_value (parse (s, out, &local), &local, s, t, record, column, error);
}

static PwRow *
check_member (Table        *t,
              PwCsvRecord  *record,
              PwStore      *store,
              GError      **error)
{
  g_autofree char *name = NULL, *organisation = NULL, *represents = NULL, *joined = NULL, *left = NULL;
  gint64 locality_id = 0;
  int sector = 0, role = 0;

  if (!find_locality (t, record, store, &locality_id, error) || !required (t, record, B_NAME, &name, error) ||
      !required (t, record, B_ORGANISATION, &organisation, error) ||
      !choice_of (t, record, B_SECTOR, pw_sector_parse, &sector, error) ||
      !choice_of (t, record, B_ROLE, pw_board_role_parse, &role, error) ||
      !date_of (t, record, B_JOINED, &joined, error) || !date_of (t, record, B_LEFT, &left, error))
    return NULL;
  represents = text_of (t, record, B_REPRESENTS);
  return g_object_new (PW_TYPE_BOARD_MEMBER, "locality-id", locality_id, "name", name, "organisation", organisation,
                       "sector", (gint64) sector, "role", (gint64) role, "represents", represents,
                       "joined", joined, "left", left, NULL);
}

static PwRow *
check_action (Table        *t,
              PwCsvRecord  *record,
              PwStore      *store,
              GError      **error)
{
  g_autofree char *ref = NULL, *text = NULL, *owner = NULL, *due = NULL, *raised = NULL, *done = NULL;
  gint64 locality_id = 0;
  int status = 0;

  if (!find_locality (t, record, store, &locality_id, error) || !required (t, record, C_REF, &ref, error) ||
      !required (t, record, C_ACTION, &text, error) || !date_of (t, record, C_DUE, &due, error) ||
      !choice_of (t, record, C_STATUS, pw_action_status_parse, &status, error) ||
      !date_of (t, record, C_RAISED, &raised, error) || !date_of (t, record, C_DONE, &done, error))
    return NULL;
  owner = text_of (t, record, C_OWNER);
  return g_object_new (PW_TYPE_BOARD_ACTION, "locality-id", locality_id, "ref", ref, "text", text, "owner", owner,
                       "due", due, "status", (gint64) status, "raised", raised, "done", done, NULL);
}

static PwRow *
check_risk (Table        *t,
            PwCsvRecord  *record,
            PwStore      *store,
            GError      **error)
{
  g_autofree char *ref = NULL, *text = NULL, *owner = NULL, *review = NULL;
  gint64 locality_id = 0;
  int likelihood = 0, impact = 0, target = 0;

  if (!find_locality (t, record, store, &locality_id, error) || !required (t, record, R_REF, &ref, error) ||
      !required (t, record, R_RISK, &text, error) ||
      !number_of (t, record, R_LIKELIHOOD, 1, 5, TRUE, _("1 rare, 5 almost certain"), &likelihood, error) ||
      !number_of (t, record, R_IMPACT, 1, 5, TRUE, _("1 negligible, 5 catastrophic"), &impact, error) ||
      !number_of (t, record, R_TARGET, 1, 25, FALSE, _("likelihood × impact"), &target, error) ||
      !date_of (t, record, R_REVIEW, &review, error))
    return NULL;
  owner = text_of (t, record, R_OWNER);
  return g_object_new (PW_TYPE_BOARD_RISK, "locality-id", locality_id, "ref", ref, "description", text,
                       "owner", owner, "likelihood", (gint64) likelihood, "impact", (gint64) impact,
                       "score", (gint64) likelihood * impact, "target", (gint64) target, "review", review, NULL);
}

/* A reference already given on an earlier line of the file (in the same
 * locality, whatever its case) is refused: which of the two is meant?
 * @seen: key → the Checked row that first had it */
static gboolean
check_unique_ref (Table       *t,
                  Checked     *c,
                  guint        ref_field,
                  GHashTable  *seen,
                  GError     **error)
{
  g_autofree char *ref = g_utf8_casefold (pw_row_get_string (c->row, ref_field), -1);
  char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", pw_row_get_int (c->row, LOCALITY_FIELD), ref);
  Checked *first = g_hash_table_lookup (seen, key);
  g_autofree char *quoted = NULL;

  if (first == NULL)
    {
      g_hash_table_insert (seen, key, c);
      return TRUE;
    }
  g_free (key);
  quoted = pw_quote (pw_row_get_string (c->row, ref_field));
  return row_error (t, c->record, REF_COLUMN, error,
                    _("the reference “%s” is already on line %u for this locality; give each row its own reference"),
                    quoted, first->record->line);
}

static gboolean
unique_action (Table *t, Checked *c, GHashTable *seen, GError **error)
{
  return check_unique_ref (t, c, PW_BOARD_ACTION_REF, seen, error);
}

static gboolean
unique_risk (Table *t, Checked *c, GHashTable *seen, GError **error)
{
  return check_unique_ref (t, c, PW_BOARD_RISK_REF, seen, error);
}

/* A sector belongs to the organisation: a file giving one organisation two
 * sectors is refused, rather than the later line moving every member of
 * it to its sector. */
static gboolean
same_sector (Table       *t,
             Checked     *c,
             GHashTable  *seen,
             GError     **error)
{
  char *key = g_utf8_casefold (pw_row_get_string (c->row, PW_BOARD_MEMBER_ORGANISATION), -1);
  Checked *first = g_hash_table_lookup (seen, key);
  int sector = pw_row_get_int (c->row, PW_BOARD_MEMBER_SECTOR);
  g_autofree char *quoted = NULL;

  if (first == NULL)
    {
      g_hash_table_insert (seen, key, c);
      return TRUE;
    }
  g_free (key);
  if (pw_row_get_int (first->row, PW_BOARD_MEMBER_SECTOR) == sector)
    return TRUE;
  quoted = pw_quote (pw_row_get_string (c->row, PW_BOARD_MEMBER_ORGANISATION));
  return row_error (t, c->record, B_SECTOR, error,
                    _("line %u gives “%s” the sector %s; an organisation has one sector"),
                    first->record->line, quoted,
                    pw_sector_name (pw_row_get_int (first->row, PW_BOARD_MEMBER_SECTOR)));
}

struct _BoardFile
{
  PwRow *(*check) (Table *t, PwCsvRecord *record, PwStore *store, GError **error);
  gboolean (*put) (PwStore *store, gpointer row, gint64 *out_id, GError **error);
  /* checks a row against the file's earlier ones */
  gboolean (*consistent) (Table *t, Checked *c, GHashTable *seen, GError **error);
};

/* Writes every checked row in one transaction: all or nothing. */
static gboolean
write_all (Table            *t,
           PwStore          *store,
           const BoardFile  *file,
           GPtrArray        *rows,
           GError          **error)
{
  if (!pw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      Checked *c = g_ptr_array_index (rows, i);
      GError *local = NULL;

      if (g_cancellable_set_error_if_cancelled (t->cancellable, error))
        return (pw_store_rollback (store), FALSE);
      if (!file->put (store, c->row, NULL, &local))
        {
          pw_store_rollback (store);
          return row_failed (t, c->record, local, error);
        }
      if (t->progress != NULL && (i % 64 == 0 || i + 1 == rows->len))
        t->progress (CHECK_SHARE + (1 - CHECK_SHARE) * (i + 1) / rows->len, t->progress_data);
    }
  return pw_store_commit (store, error);
}

static gboolean
run_board_file (PwStore          *store,
                Table            *t,
                const BoardFile  *file,
                PwImportSummary  *summary,
                GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (checked_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 1; i < t->records->len; i++)
    {
      PwCsvRecord *record = g_ptr_array_index (t->records, i);
      Checked *c;
      PwRow *row;

      if (!checkpoint (t, i, error) || !check_width (t, record, error))
        return FALSE;
      if ((row = file->check (t, record, store, error)) == NULL)
        return FALSE;
      c = g_new0 (Checked, 1);
      c->record = record;
      c->row = row;
      g_ptr_array_add (rows, c);
      if (!file->consistent (t, c, seen, error))
        return FALSE;
    }
  summary->rows = rows->len;
  summary->values_changed = rows->len;
  return write_all (t, store, file, rows, error);
}

const BoardFile pw_import_member_file = { check_member, (gpointer) pw_store_put_member, same_sector };
const BoardFile pw_import_action_file = { check_action, (gpointer) pw_store_put_action, unique_action };
const BoardFile pw_import_risk_file = { check_risk, (gpointer) pw_store_put_risk, unique_risk };

/* Imports a file of board members, actions or risks (@data: its BoardFile). */
gboolean
pw_import_run_board (PwStore          *store,
                     Table            *table,
                     gconstpointer     data,
                     PwImportSummary  *summary,
                     GError          **error)
{
  return run_board_file (store, table, data, summary, error);
}

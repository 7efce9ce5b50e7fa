/* pw-import.c — CSV imports, all or nothing
 *
 * A file is read and checked whole before anything is written; then it is
 * applied in one transaction, so a bad row anywhere leaves the database as
 * it was.  Every message names the file, the line (the header is line 1),
 * the column and what would have been accepted.
 *
 * The machinery here is what every kind shares: a CSV file read into a
 * Table and its header mapped, fields, row errors, progress and Cancel,
 * name suggestions; and, at the end, the table of kinds that tells a file
 * by its header.  Each kind checks and writes its rows in its own file,
 * pw-import-<kind>.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-import-private.h"
#include "pw-parse.h"

G_DEFINE_QUARK (pw-import-error-quark, pw_import_error)

static void
table_clear (Table *t)
{
  g_free (t->name);
  g_clear_pointer (&t->records, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

gboolean
is_blank (const char *s)
{
  for (; s != NULL && *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static char *
column_list (const Column *columns,
             guint         n)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s%s", i ? "," : "", columns[i].name,
                            columns[i].required ? "" : _(" (optional)"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
header_error (Table       *t,
              GError     **error,
              const char  *problem)
{
  g_autofree char *expected = column_list (t->columns, t->n_columns);

  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_HEADER,
               _("%s: line 1 (the header): %s. The columns are: %s"), t->name, problem, expected);
  return FALSE;
}

static gboolean
map_header (Table   *t,
            GError **error)
{
  PwCsvRecord *header;

  if (t->records->len == 0)
    return header_error (t, error, _("the file is empty"));
  header = g_ptr_array_index (t->records, 0);
  for (guint c = 0; c < t->n_columns; c++)
    t->index[c] = -1;
  for (guint f = 0; f < header->n_fields; f++)
    {
      g_autofree char *raw = g_strstrip (g_strdup (pw_csv_record_field (header, f)));
      g_autofree char *name = g_ascii_strdown (raw, -1);
      guint c;

      for (c = 0; c < t->n_columns && strcmp (name, t->columns[c].name) != 0; c++)
        ;
      if (c == t->n_columns || t->index[c] >= 0)
        {
          g_autofree char *quoted = pw_quote (name);
          g_autofree char *problem = g_strdup_printf (c == t->n_columns ? _("column %u, “%s”, is not a column this import knows")
                                                                       : _("column %u, “%s”, appears twice"),
                                                      f + 1, quoted);
          return header_error (t, error, problem);
        }
      t->index[c] = f;
    }
  for (guint c = 0; c < t->n_columns; c++)
    if (t->columns[c].required && t->index[c] < 0)
      {
        g_autofree char *problem = g_strdup_printf (_("the column “%s” is missing"), t->columns[c].name);
        return header_error (t, error, problem);
      }
  return TRUE;
}

static void
read_progress (double   fraction,
               gpointer data)
{
  Table *t = data;

  t->progress (READ_SHARE * fraction, t->progress_data);
}

/* Called for each row checked: reports progress and hears Cancel now
 * and then, so that checking a million rows can be stopped. */
gboolean
checkpoint (Table   *t,
            guint    i,
            GError **error)
{
  if (i % 256 != 0)
    return TRUE;
  if (t->progress != NULL)
    t->progress (READ_SHARE + (CHECK_SHARE - READ_SHARE) * i / t->records->len, t->progress_data);
  return !g_cancellable_set_error_if_cancelled (t->cancellable, error);
}

/* The text in @column of @record, or NULL where the file has no such column. */
const char *
field (Table       *t,
       PwCsvRecord *record,
       guint        column)
{
  int f = t->index[column];
  return f < 0 || (guint) f >= record->n_fields ? NULL : pw_csv_record_field (record, f);
}

gboolean
row_error (Table       *t,
           PwCsvRecord *record,
           guint        column,
           GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *problem = NULL;
  va_list ap;

  va_start (ap, format);
  problem = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW, _("%s: line %u, column %d (%s): %s"),
               t->name, record->line, t->index[column] + 1, t->columns[column].name, problem);
  return FALSE;
}

/* A store error while applying a checked row: unexpected, but still cited
 * by file and line so that the user can find the row.  Takes @local. */
gboolean
row_failed (Table       *t,
            PwCsvRecord *record,
            GError      *local,
            GError     **error)
{
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW, _("%s: line %u: %s"), t->name, record->line, local->message);
  g_error_free (local);
  return FALSE;
}

void
write_progress (double   fraction,
                gpointer data)
{
  Table *t = data;

  t->progress (CHECK_SHARE + (1 - CHECK_SHARE) * fraction, t->progress_data);
}

/* A bulk write's failure, cited by the line of @record, the row that
 * caused it (NULL when no one row did).  Takes @local. */
gboolean
cite_row (Table       *t,
          PwCsvRecord *record,
          GError      *local,
          GError     **error)
{
  if (record == NULL || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return row_failed (t, record, local, error);
}

gboolean
check_width (Table       *t,
             PwCsvRecord *record,
             GError     **error)
{
  PwCsvRecord *header = g_ptr_array_index (t->records, 0);

  if (record->width == header->width)
    return TRUE;
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_ROW,
               _("%s: line %u has %u fields but the header has %u columns. "
                 "Put a field with a comma in double quotes."),
               t->name, record->line, record->width, header->width);
  return FALSE;
}

/* Wraps a parse error about @value as a row error at @column.  Parsers
 * outside pw-parse.c quote the whole value; a long one is cut here to a
 * line.  @local is read only here, after the parse that fills it has run. */
gboolean
parsed_value (gboolean      ok,
              GError      **local,
              const char   *value,
              Table        *t,
              PwCsvRecord  *record,
              guint         column,
              GError      **error)
{
  g_autoptr(GString) message = NULL;

  if (ok)
    return TRUE;
  message = g_string_new ((*local)->message);
  if (value != NULL && strlen (value) > PW_QUOTE_MAX)
    {
      g_autofree char *quoted = pw_quote (value);
      g_string_replace (message, value, quoted, 0);
    }
  row_error (t, record, column, error, "%s", message->str);
  g_clear_error (local);
  return FALSE;
}

/* The same for a parse of @column's own text. */
gboolean
parsed (gboolean      ok,
        GError      **local,
        Table        *t,
        PwCsvRecord  *record,
        guint         column,
        GError      **error)
{
  return parsed_value (ok, local, field (t, record, column), t, record, column, error);
}

/* ------------------------------------------------------------------ */
/* Rows that every kind reads alike                                    */

gboolean
parse_optional_wte (Table       *t,
                    PwCsvRecord *record,
                    guint        column,
                    int         *out,
                    GError     **error)
{
  const char *text = field (t, record, column);
  GError *local = NULL;

  *out = -1;
  if (is_blank (text))
    return TRUE;
  return parsed (pw_parse_wte (text, out, &local), &local, t, record, column, error);
}

gboolean
require_text (Table       *t,
              PwCsvRecord *record,
              guint        column,
              GError     **error)
{
  return !is_blank (field (t, record, column)) || row_error (t, record, column, error, _("this must not be empty"));
}

GHashTable *
index_pcns (PwStore *store)
{
  GListModel *model = pw_store_get_pcns (store);
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (model, i);
      g_hash_table_insert (index, (gpointer) pw_pcn_get_text (pcn, PW_PCN_CODE), pcn);
    }
  return index;
}

/* Applies every row in one transaction, reporting progress and stopping
 * (with everything rolled back) at the first failure or on cancel. */
gboolean
apply_all (Table           *t,
           PwStore         *store,
           GPtrArray       *rows,
           gboolean       (*apply) (gpointer ctx, gpointer row, GError **error),
           gpointer         ctx,
           GError         **error)
{
  if (t->progress != NULL)
    t->progress (CHECK_SHARE, t->progress_data);
  if (!pw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (t->cancellable, error) ||
          !apply (ctx, g_ptr_array_index (rows, i), error))
        {
          pw_store_rollback (store);
          return FALSE;
        }
      if (t->progress != NULL && (i % 64 == 0 || i + 1 == rows->len))
        t->progress (CHECK_SHARE + (1 - CHECK_SHARE) * (i + 1) / rows->len, t->progress_data);
    }
  if (rows->len == 0 && t->progress != NULL)
    t->progress (1.0, t->progress_data);
  return pw_store_commit (store, error);
}

/* The row's text for @column, trimmed, kept in @hold; or NULL where it is
 * blank (or the file has no such column): an empty optional cell leaves
 * what is there. */
const char *
trimmed (Table       *t,
         PwCsvRecord *record,
         guint        column,
         GPtrArray   *hold)
{
  const char *cell = field (t, record, column);

  if (is_blank (cell))
    return NULL;
  /* Most cells need no trimming: the record's own text (it lives as long
   * as the table) saves a copy of each. */
  if (!g_ascii_isspace (cell[0]) && !g_ascii_isspace (cell[strlen (cell) - 1]))
    return cell;
  g_ptr_array_add (hold, g_strstrip (g_strdup (cell)));
  return g_ptr_array_index (hold, hold->len - 1);
}

gboolean
find_pcn (Table       *t,
          PwCsvRecord *record,
          GHashTable  *pcns,
          PwPcn      **out,
          GError     **error)
{
  const char *text = field (t, record, M_PCN_CODE);
  g_autofree char *code = NULL;
  GError *local = NULL;

  /* A code written as the workbook writes it is found without parsing. */
  if (text != NULL && (*out = g_hash_table_lookup (pcns, text)) != NULL)
    return TRUE;
  if (!parsed (pw_parse_pcn_code (text, &code, &local), &local, t, record, M_PCN_CODE, error))
    return FALSE;
  *out = g_hash_table_lookup (pcns, code);
  return *out != NULL ||
         row_error (t, record, M_PCN_CODE, error,
                    _("there is no PCN %s in this workbook; import its profile first"), code);
}

/* ------------------------------------------------------------------ */
/* Suggestions for a name not found                                    */

/* The first @n characters of @s. */
static char *
utf8_prefix (const char *s,
             guint       n)
{
  const char *end = s;

  for (guint i = 0; i < n && *end; i++)
    end = g_utf8_next_char (end);
  return g_strndup (s, end - s);
}

/* Characters of a name that the suggestion compares: more than any role
 * name has, and few enough that a huge field (a stray quote can make one
 * of thousands of lines) costs no more than a short one. */
#define SUGGEST_PREFIX 64

/**
 * pw_import_suggest_roles:
 * @roles: of #PwArrsRole
 * Returns: (nullable): up to three role names nearest to @name by edits,
 * quoted and joined with “or”, or %NULL when none is near.  Each distance
 * is worked out once, on bounded prefixes: linear in @name's length.
 */
char *
pw_import_suggest_roles (GListModel *roles,
                         const char *name)
{
  return pw_import_suggest_names (roles, PW_ARRS_ROLE_NAME, name);
}

/* The same for any rows with a name in the string property @name_field. */
char *
pw_import_suggest_names (GListModel *roles,
                         guint       name_field,
                         const char *name)
{
  g_autofree char *want = utf8_prefix (name, SUGGEST_PREFIX);
  guint limit = MAX (3, (guint) g_utf8_strlen (want, -1) / 3), found = 0;
  guint n = g_list_model_get_n_items (roles);
  g_autofree guint *distance = g_new (guint, n);
  g_autoptr(GString) near = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRow) r = g_list_model_get_item (roles, i);
      g_autofree char *candidate = utf8_prefix (pw_row_get_string (r, name_field), SUGGEST_PREFIX);

      distance[i] = pw_edit_distance (want, candidate);
    }
  for (guint d = 0; d <= limit && found < 3; d++)
    for (guint i = 0; i < n && found < 3; i++)
      if (distance[i] == d)
        {
          g_autoptr(PwRow) r = g_list_model_get_item (roles, i);
          g_autofree char *quoted = pw_quote (pw_row_get_string (r, name_field));

          g_string_append_printf (near, "%s“%s”", found++ ? _(" or ") : "", quoted);
        }
  return found > 0 ? g_string_free (g_steal_pointer (&near), FALSE) : NULL;
}

/* ------------------------------------------------------------------ */
/* Reading a file, of a kind given or told by its header                */

typedef struct
{
  const char *marker;          /* a column only this kind of file has */
  PwImportKind kind;
  const Column *columns;
  guint n_columns;
  gboolean (*run) (PwStore *store, Table *table, gconstpointer data, PwImportSummary *summary, GError **error);
  gconstpointer data;
} Kind;

enum { K_PROFILES, K_MATURITY, K_SWOT, K_ARRS, K_FUNDING, K_ACHIEVEMENTS, K_MEMBERS, K_ACTIONS, K_RISKS, K_N };

/* In the order a header is matched: SWOT files have "text" too. */
static const Kind kinds[K_N] = {
  [K_PROFILES] = { "practice_code", PW_IMPORT_PROFILES, profile_columns, P_N_COLUMNS, run_profiles, NULL },
  [K_MATURITY] = { "level", PW_IMPORT_MATURITY, maturity_columns, M_N_COLUMNS, run_maturity, NULL },
  [K_SWOT] = { "quadrant", PW_IMPORT_ITEMS, swot_columns, G_N_ELEMENTS (swot_columns), run_items, &swot_file },
  [K_ARRS] = { "wte_in_post", PW_IMPORT_ARRS, arrs_columns, A_N_COLUMNS, run_arrs, NULL },
  [K_FUNDING] = { "stream", PW_IMPORT_FUNDING, funding_columns, F_N_COLUMNS, run_funding, NULL },
  [K_ACHIEVEMENTS] = { "text", PW_IMPORT_ITEMS, achievement_columns, G_N_ELEMENTS (achievement_columns), run_items,
                       &achievement_file },
  [K_MEMBERS] = { "board_role", PW_IMPORT_BOARD_MEMBERS, pw_import_member_columns, PW_IMPORT_BOARD_N_COLUMNS, pw_import_run_board,
                  &pw_import_member_file },
  [K_ACTIONS] = { "action", PW_IMPORT_ACTIONS, pw_import_action_columns, PW_IMPORT_BOARD_N_COLUMNS, pw_import_run_board,
                  &pw_import_action_file },
  [K_RISKS] = { "likelihood", PW_IMPORT_RISKS, pw_import_risk_columns, PW_IMPORT_BOARD_N_COLUMNS,
                pw_import_run_board, &pw_import_risk_file },
};

static const Kind *
detect_kind (Table   *t,
             GError **error)
{
  PwCsvRecord *header = t->records->len ? g_ptr_array_index (t->records, 0) : NULL;

  for (guint k = 0; header && k < G_N_ELEMENTS (kinds); k++)
    for (guint f = 0; f < header->n_fields; f++)
      {
        g_autofree char *raw = g_strstrip (g_strdup (pw_csv_record_field (header, f)));
        g_autofree char *column = g_ascii_strdown (raw, -1);

        if (strcmp (column, kinds[k].marker) == 0)
          return &kinds[k];
      }
  g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_HEADER,
               _("%s: line 1 (the header) does not say what the file holds. Start it with the columns of "
                 "profiles (pcn_code,pcn_name,locality,practice_code,…), maturity (pcn_code,year,domain,level), "
                 "SWOT (pcn_code,year,quadrant,text), achievements (pcn_code,year,text), ARRS "
                 "(pcn_code,year,role,wte_in_post), funding (pcn_code,year,stream,amount), board members "
                 "(locality,name,organisation,sector,board_role), actions (locality,ref,action,owner,due,status) "
                 "or risks (locality,ref,risk,likelihood,impact,owner)"), t->name);
  return NULL;
}

/* A file's identity (device and inode, or what the platform has), or NULL. */
static char *
file_id (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  const char *id = info ? g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE) : NULL;

  return g_strdup (id);
}

/* Opening and closing the workbook's own files outside SQLite would drop
 * this process's locks on them (POSIX locks belong to the process, not to
 * a descriptor), so they are refused by identity before anything opens. */
static gboolean
refuse_workbook (PwStore     *store,
                 const char  *path,
                 GError     **error)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *id = file_id (path);
  g_autofree char *name = NULL;

  for (guint i = 0; id != NULL && pw_store_get_path (store) != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *own = g_strconcat (pw_store_get_path (store), suffixes[i], NULL);
      g_autofree char *own_id = file_id (own);

      if (g_strcmp0 (id, own_id) == 0)
        {
          name = g_filename_display_basename (path);
          g_set_error (error, PW_IMPORT_ERROR, PW_IMPORT_ERROR_HEADER,
                       _("“%s” is the open workbook itself, not a CSV file; choose a CSV file to import"), name);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads @path (bounded: see pw-csv.h), tells its kind if @kind is NULL,
 * checks every row, then writes them all in one transaction. */
static gboolean
import_file (PwStore          *store,
             const char       *path,
             const Kind       *kind,
             PwProgressFunc    progress,
             gpointer          progress_data,
             GCancellable     *cancellable,
             PwImportSummary  *summary,
             GError          **error)
{
  g_auto(Table) t = { .progress = progress, .progress_data = progress_data, .cancellable = cancellable };
  PwImportSummary local_summary = { 0 };

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  summary = summary ? summary : &local_summary;
  *summary = (PwImportSummary) { .kind = kind ? kind->kind : PW_IMPORT_PROFILES };
  if (!refuse_workbook (store, path, error))
    return FALSE;
  t.name = g_filename_display_basename (path);
  t.records = pw_csv_read_file (path, progress ? read_progress : NULL, &t, cancellable, error);
  if (t.records == NULL || (kind == NULL && (kind = detect_kind (&t, error)) == NULL))
    return FALSE;
  summary->kind = kind->kind;
  t.columns = kind->columns;
  t.n_columns = kind->n_columns;
  g_assert (t.n_columns <= G_N_ELEMENTS (t.index));
  return map_header (&t, error) && kind->run (store, &t, kind->data, summary, error);
}

/**
 * pw_import_profiles:
 * Creates or updates localities, PCNs and practices from a profiles CSV
 * (one row per practice), matched by code.  Nothing is written unless the
 * whole file is valid.
 */
gboolean
pw_import_profiles (PwStore          *store,
                    const char       *path,
                    PwProgressFunc    progress,
                    gpointer          progress_data,
                    GCancellable     *cancellable,
                    PwImportSummary  *summary,
                    GError          **error)
{
  return import_file (store, path, &kinds[K_PROFILES], progress, progress_data, cancellable, summary, error);
}

/**
 * pw_import_maturity:
 * Sets maturity levels (and optionally evidence and support needed) from a
 * CSV with one row per PCN, year and domain, creating draft returns as
 * needed.  Nothing is written unless the whole file is valid.
 */
gboolean
pw_import_maturity (PwStore          *store,
                    const char       *path,
                    PwProgressFunc    progress,
                    gpointer          progress_data,
                    GCancellable     *cancellable,
                    PwImportSummary  *summary,
                    GError          **error)
{
  return import_file (store, path, &kinds[K_MATURITY], progress, progress_data, cancellable, summary, error);
}

/**
 * pw_import_swot:
 * Adds SWOT items from a CSV (pcn_code,year,quadrant,text), creating draft
 * returns as needed; an item already in its quadrant is not added twice.
 */
gboolean
pw_import_swot (PwStore          *store,
                const char       *path,
                PwProgressFunc    progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                PwImportSummary  *summary,
                GError          **error)
{
  return import_file (store, path, &kinds[K_SWOT], progress, progress_data, cancellable, summary, error);
}

/* Adds key achievements from a CSV (pcn_code,year,text), likewise. */
gboolean
pw_import_achievements (PwStore          *store,
                        const char       *path,
                        PwProgressFunc    progress,
                        gpointer          progress_data,
                        GCancellable     *cancellable,
                        PwImportSummary  *summary,
                        GError          **error)
{
  return import_file (store, path, &kinds[K_ACHIEVEMENTS], progress, progress_data, cancellable, summary, error);
}

/**
 * pw_import_arrs:
 * Records WTE in post (and optionally headcount, planned WTE and the date
 * of the figures) per PCN, year and role, from pcn_code,year,role,wte_in_post.
 */
gboolean
pw_import_arrs (PwStore          *store,
                const char       *path,
                PwProgressFunc    progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                PwImportSummary  *summary,
                GError          **error)
{
  return import_file (store, path, &kinds[K_ARRS], progress, progress_data, cancellable, summary, error);
}

/* Records funding from pcn_code,year,stream,amount. */
gboolean
pw_import_funding (PwStore          *store,
                   const char       *path,
                   PwProgressFunc    progress,
                   gpointer          progress_data,
                   GCancellable     *cancellable,
                   PwImportSummary  *summary,
                   GError          **error)
{
  return import_file (store, path, &kinds[K_FUNDING], progress, progress_data, cancellable, summary, error);
}

/* Adds or updates locality board members from
 * locality,name,organisation,sector,board_role. */
gboolean
pw_import_board_members (PwStore          *store,
                         const char       *path,
                         PwProgressFunc    progress,
                         gpointer          progress_data,
                         GCancellable     *cancellable,
                         PwImportSummary  *summary,
                         GError          **error)
{
  return import_file (store, path, &kinds[K_MEMBERS], progress, progress_data, cancellable, summary, error);
}

/* Adds or updates (by reference) board actions from
 * locality,ref,action,owner,due,status. */
gboolean
pw_import_actions (PwStore          *store,
                   const char       *path,
                   PwProgressFunc    progress,
                   gpointer          progress_data,
                   GCancellable     *cancellable,
                   PwImportSummary  *summary,
                   GError          **error)
{
  return import_file (store, path, &kinds[K_ACTIONS], progress, progress_data, cancellable, summary, error);
}

/* Adds or updates (by reference) board risks from
 * locality,ref,risk,likelihood,impact,owner. */
gboolean
pw_import_risks (PwStore          *store,
                 const char       *path,
                 PwProgressFunc    progress,
                 gpointer          progress_data,
                 GCancellable     *cancellable,
                 PwImportSummary  *summary,
                 GError          **error)
{
  return import_file (store, path, &kinds[K_RISKS], progress, progress_data, cancellable, summary, error);
}

/**
 * pw_import_any:
 * Imports a CSV of any kind the app knows, telling which by its header:
 * profiles, maturity, SWOT, achievements, ARRS or funding.  The file is
 * read once.
 */
gboolean
pw_import_any (PwStore          *store,
               const char       *path,
               PwProgressFunc    progress,
               gpointer          progress_data,
               GCancellable     *cancellable,
               PwImportSummary  *summary,
               GError          **error)
{
  return import_file (store, path, NULL, progress, progress_data, cancellable, summary, error);
}

char *
pw_import_summary_describe (const PwImportSummary *s)
{
  if (s->kind == PW_IMPORT_BOARD_MEMBERS)
    return g_strdup_printf (_("%u board members recorded"), s->rows);
  if (s->kind == PW_IMPORT_ACTIONS)
    return g_strdup_printf (_("%u board actions recorded"), s->rows);
  if (s->kind == PW_IMPORT_RISKS)
    return g_strdup_printf (_("%u board risks recorded"), s->rows);
  if (s->kind == PW_IMPORT_ARRS)
    return g_strdup_printf (_("%u rows: %u new returns, %u roles recorded"), s->rows, s->returns_added, s->values_changed);
  if (s->kind == PW_IMPORT_FUNDING)
    return g_strdup_printf (_("%u rows: %u funding lines recorded"), s->rows, s->values_changed);
  if (s->kind == PW_IMPORT_ITEMS)
    return g_strdup_printf (_("%u rows: %u new returns, %u items added"),
                            s->rows, s->returns_added, s->items_added);
  if (s->kind == PW_IMPORT_MATURITY)
    return g_strdup_printf (_("%u rows: %u new returns, %u values changed"),
                            s->rows, s->returns_added, s->values_changed);
  return g_strdup_printf (_("%u rows: %u new PCNs, %u PCNs changed, %u new practices, "
                            "%u practices changed, %u new localities"),
                          s->rows, s->pcns_added, s->pcns_changed, s->practices_added,
                          s->practices_changed, s->localities_added);
}

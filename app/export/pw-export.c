/* pw-export.c — the committee appendix workbook (.xlsx)
 *
 * Each sheet is written by one function in the sheets[] table (one file
 * per sheet, pw-export-<sheet>.c), all sharing the formats and print set-up
 * of pw-export-layout.c (A4 landscape, fit to width, header rows repeated,
 * frozen panes, OFFICIAL marking, "Page X of Y").  Numbers go in
 * as numbers with formats; anything a user typed goes in as a string, so it
 * can never become a formula; text a cell cannot hold and sums that do not
 * fit in 64 bits fail the export with a message.  pw-export-file.c decides
 * what may be replaced and writes beside the target under a temporary name,
 * renamed at the end, so a failure leaves no half file and an existing file
 * untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pw-export-private.h"

G_DEFINE_QUARK (pw-export-error-quark, pw_export_error)

void
pw_export_options_clear (PwExportOptions *o)
{
  g_clear_pointer (&o->committee, g_free);
  g_clear_pointer (&o->meeting_date, g_free);
  g_clear_pointer (&o->agenda_item, g_free);
  g_clear_pointer (&o->title, g_free);
  g_clear_pointer (&o->author, g_free);
  g_clear_pointer (&o->lead, g_free);
  g_clear_pointer (&o->version, g_free);
  g_clear_pointer (&o->locality, g_free);
}

/* Sheet names stay English: formulas and readers cite them.  Every sheet
 * of the appendix writes its rows in order, so all are streamed: memory
 * stays flat however many PCNs there are. */
static const PwSheet sheets[] = {
  { "Cover", pw_export_write_cover, NULL, TRUE },
  { "PCN profiles", pw_export_write_profiles, NULL, TRUE },
  { "Practices", pw_export_write_practices, NULL, TRUE },
  { "Maturity matrix", pw_export_write_maturity, NULL, TRUE },
  { "Maturity evidence", pw_export_write_evidence, NULL, TRUE },
  { "Return status", pw_export_write_return_status, NULL, TRUE },
  { "Locality boards", pw_export_write_boards, NULL, TRUE },
  { "SWOT", pw_export_write_swot, NULL, TRUE },
  { "Achievements", pw_export_write_achievements, NULL, TRUE },
  { "Plans", pw_export_write_plans, NULL, TRUE },
  { "ARRS workforce", pw_export_write_arrs, NULL, TRUE },
  { "Funding", pw_export_write_funding, NULL, TRUE },
};

/* ------------------------------------------------------------------ */
/* The workbook                                                        */

static int
compare_pcns (gconstpointer a,
              gconstpointer b)
{
  return pw_pcn_compare (*(PwPcn **) a, *(PwPcn **) b);
}

/* The PCNs of the year in @locality_id (as they were then), or all, in
 * pw_pcn_compare()'s order. */
static GPtrArray *
sorted_pcns (GListModel *model,
             gint64      locality_id)
{
  GPtrArray *pcns = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (model, i);

      if (locality_id == 0 || pw_pcn_get_number (pcn, PW_PCN_LOCALITY_ID) == locality_id)
        g_ptr_array_add (pcns, g_steal_pointer (&pcn));
    }
  g_ptr_array_sort (pcns, compare_pcns);
  return pcns;
}

/* One sheet; FALSE if cancelled, if the store failed or if a value was
 * refused. */
static gboolean
write_sheet (PwExport       *x,
             const PwSheet  *sheet,
             GCancellable   *cancellable,
             GError        **error)
{
  lxw_worksheet *ws;

  /* Asked before the sheet is added: libxlsxwriter (1.1.4) never closes
   * the temporary file of a streamed sheet left with no row written. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* A streamed sheet goes to a temporary file row by row (libxlsxwriter's
   * constant_memory, read when the sheet is added): memory holds one row of
   * it, not all, but a row once left cannot be written again. */
  x->workbook->options.constant_memory = sheet->streamed;
  ws = workbook_add_worksheet (x->workbook, sheet->name);
  if (ws == NULL)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE,
                   _("Cannot write the workbook: no room for its temporary files in “%s”"), g_get_tmp_dir ());
      return FALSE;
    }

  x->sheet = sheet->name;
  x->sheet_pcn = sheet->pcn;
  g_array_set_size (x->widths, 0);
  g_array_set_size (x->page_breaks, 0);
  x->page_row = 0;
  x->page_used = 0;
  if (!sheet->write (x, ws, error))
    return FALSE;
  pw_sheet_end_rows (x);
  if (x->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&x->failure));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_workbook (PwExport        *x,
                const PwSheet   *sheets,
                guint            n_sheets,
                const char      *tmp,
                PwProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  /* Not the root of the drive, where Windows's tmpfile() would put them. */
  lxw_workbook_options wopts = { .constant_memory = LXW_FALSE, .tmpdir = (char *) g_get_tmp_dir () };
  g_autofree char *author = pw_export_clean_text (x->options->author);
  lxw_doc_properties props = { .title = (char *) x->doc_title, .author = author, .company = (char *) "OFFICIAL" };
  lxw_error rc;

  x->workbook = workbook_new_opt (tmp, &wopts);
  if (x->workbook == NULL)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write “%s”"), tmp);
      return FALSE;
    }
  workbook_set_properties (x->workbook, &props);
  pw_export_make_formats (x);
  for (guint i = 0; i < n_sheets; i++)
    g_ptr_array_add (x->sheet_names, (gpointer) sheets[i].name);
  for (guint i = 0; i < n_sheets; i++)
    {
      if (!write_sheet (x, &sheets[i], cancellable, error))
        {
          workbook_close (x->workbook);
          return FALSE;
        }
      if (progress != NULL)
        progress ((i + 1.0) / (n_sheets + 1), progress_data);
    }
  rc = workbook_close (x->workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write the workbook: %s"),
                   lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
}

/* The scope of a locality pack, or of the whole commissioner. */
static gboolean
choose_scope (PwExport  *x,
              GError   **error)
{
  PwLocality *locality;

  if (x->options->locality == NULL || *x->options->locality == '\0')
    {
      x->scope = g_strdup (_("All localities"));
      return TRUE;
    }
  if ((locality = pw_store_find_locality (x->store, x->options->locality)) == NULL)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID,
                   _("There is no locality called “%s” to make a pack of"), x->options->locality);
      return FALSE;
    }
  x->locality_id = pw_locality_get_id (locality);
  x->scope = g_strdup_printf (_("%s locality pack"), pw_locality_get_name (locality));
  return TRUE;
}

/* Reads everything the sheets show, before any file is touched.  Every
 * sheet shows the PCNs gathered here: a locality pack gathers only its
 * locality's, as they were placed in the year. */
static gboolean
gather (PwExport  *x,
        GError **error)
{
  g_autoptr(GListModel) returns = NULL;
  g_autoptr(GListModel) pcns = NULL;

  if (!choose_scope (x, error) ||
      (pcns = pw_store_list_pcns_for_year (x->store, x->options->year, &x->as_at, error)) == NULL)
    return FALSE;
  x->pcns = sorted_pcns (pcns, x->locality_id);   /* as they were in the year: locality, practices, population */
  x->sheet_names = g_ptr_array_new ();
  x->row_heights = pw_sheet_heights_new ();
  x->widths = g_array_new (FALSE, TRUE, sizeof (double));
  x->page_breaks = g_array_new (FALSE, FALSE, sizeof (lxw_row_t));
  x->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  x->year_name = pw_format_year (x->options->year);
  x->returns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  if ((x->levels = pw_store_maturity_levels (x->store, x->options->year, error)) == NULL ||
      (x->prev_levels = pw_store_maturity_levels (x->store, x->options->year - 1, error)) == NULL ||
      (returns = pw_store_list_returns (x->store, x->options->year, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (returns); i++)
    {
      PwReturn *ret = g_list_model_get_item (returns, i);
      gint64 pcn_id = pw_row_get_int (PW_ROW (ret), PW_RETURN_PCN_ID);

      g_hash_table_insert (x->returns, g_memdup2 (&pcn_id, sizeof pcn_id), ret);
    }
  return TRUE;
}

void
pw_export_clear (PwExport *x)
{
  g_clear_pointer (&x->pcns, g_ptr_array_unref);
  g_clear_pointer (&x->levels, g_hash_table_unref);
  g_clear_pointer (&x->prev_levels, g_hash_table_unref);
  g_clear_pointer (&x->returns, g_hash_table_unref);
  g_clear_pointer (&x->funding, pw_export_rows_free);
  g_clear_pointer (&x->sheet_names, g_ptr_array_unref);
  g_clear_pointer (&x->year_name, g_free);
  g_clear_pointer (&x->as_at, g_free);
  g_clear_pointer (&x->scope, g_free);
  g_clear_pointer (&x->row_heights, g_array_unref);
  g_clear_pointer (&x->widths, g_array_unref);
  g_clear_pointer (&x->page_breaks, g_array_unref);
  g_clear_pointer (&x->kept, g_ptr_array_unref);
  g_clear_error (&x->failure);
  for (guint i = 0; i < PW_N_LEVELS; i++)
    {
      g_clear_pointer (&x->level_texts[0][i], g_free);
      g_clear_pointer (&x->level_texts[1][i], g_free);
    }
}

/* The names the sheets write on every PCN's rows, translated once. */
void
pw_export_translate_names (PwExport *x)
{
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    x->domain_names[d] = pw_domain_name (d);
  for (guint l = 0; l < PW_N_LISTS; l++)
    x->list_names[l] = pw_list_name (l);
  for (guint s = 0; s < pw_store_contract_count (x->store, PW_CONTRACT_STREAM); s++)
    x->stream_names[s] = pw_store_contract_name (x->store, PW_CONTRACT_STREAM, s);
}

/* Checks the year, reads what the sheets show, then writes @sheets (as
 * @make_sheets lists them from the gathered data) beside @path and renames
 * the file over it. */
gboolean
pw_export_run (PwExport       *x,
               PwSheetList     make_sheets,
               const char     *path,
               PwProgressFunc  progress,
               gpointer        progress_data,
               GCancellable   *cancellable,
               GError        **error)
{
  g_auto(PwExportFile) file = { 0 };
  g_autoptr(GArray) list = NULL;
  gboolean ok;

  if (!pw_xlsxwriter_load (error))
    return FALSE;
  if (x->options->year < PW_YEAR_MIN || x->options->year > PW_YEAR_MAX)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID, _("Choose a financial year to export"));
      return FALSE;
    }
  pw_export_translate_names (x);
  /* One read transaction for everything the sheets read: one state of the
   * workbook, and the lock taken once rather than by every query. */
  if (!pw_store_begin_read (x->store, error))
    return FALSE;
  ok = gather (x, error) && (list = make_sheets (x, error)) != NULL &&
       pw_export_file_begin (&file, x->store, path, error) &&
       write_workbook (x, (PwSheet *) (gpointer) list->data, list->len, file.tmp, progress, progress_data,
                       cancellable, error);
  pw_store_end_read (x->store);
  if (!ok || !pw_export_file_commit (&file, x->store, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

static GArray *
appendix_sheets (PwExport *x,
                 GError  **error)
{
  GArray *list = g_array_new (FALSE, TRUE, sizeof (PwSheet));

  g_array_append_vals (list, sheets, G_N_ELEMENTS (sheets));
  return list;
}

gboolean
pw_export_appendix (PwStore                *store,
                    const PwExportOptions  *options,
                    const char             *path,
                    PwProgressFunc          progress,
                    gpointer                progress_data,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_auto(PwExport) x = { store, options, .doc_title = "PCN returns: committee appendix" };

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  return pw_export_run (&x, appendix_sheets, path, progress, progress_data, cancellable, error);
}

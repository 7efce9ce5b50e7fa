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
}

static const struct
{
  const char *name;            /* sheet names stay English: formulas and readers cite them */
  PwSheetWriter write;
} sheets[] = {
  { "Cover", pw_export_write_cover },
  { "PCN profiles", pw_export_write_profiles },
  { "Maturity matrix", pw_export_write_maturity },
  { "Return status", pw_export_write_return_status },
  { "SWOT", pw_export_write_swot },
  { "Achievements", pw_export_write_achievements },
  { "Plans", pw_export_write_plans },
  { "ARRS workforce", pw_export_write_arrs },
  { "Funding", pw_export_write_funding },
};

/* ------------------------------------------------------------------ */
/* The workbook                                                        */

static int
compare_pcns (gconstpointer a,
              gconstpointer b)
{
  return pw_pcn_compare (*(PwPcn **) a, *(PwPcn **) b);
}

static GPtrArray *
sorted_pcns (GListModel *model)
{
  GPtrArray *pcns = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (pcns, g_list_model_get_item (model, i));
  g_ptr_array_sort (pcns, compare_pcns);
  return pcns;
}

/* One sheet; FALSE if cancelled, if the store failed or if a value was
 * refused. */
static gboolean
write_sheet (PwExport      *x,
             guint          i,
             GCancellable  *cancellable,
             GError       **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (x->workbook, sheets[i].name);

  x->sheet = sheets[i].name;
  g_array_set_size (x->widths, 0);
  g_array_set_size (x->page_breaks, 0);
  x->page_row = 0;
  x->page_used = 0;
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !sheets[i].write (x, ws, error))
    return FALSE;
  pw_sheet_fit_rows (x, ws);
  if (x->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&x->failure));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_workbook (PwExport        *x,
                const char      *tmp,
                PwProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  lxw_workbook_options wopts = { .constant_memory = LXW_FALSE };
  lxw_doc_properties props = { .title = (char *) "PCN returns: committee appendix",
                               .author = x->options->author, .company = (char *) "OFFICIAL" };
  lxw_error rc;

  x->workbook = workbook_new_opt (tmp, &wopts);
  if (x->workbook == NULL)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_WRITE, _("Cannot write “%s”"), tmp);
      return FALSE;
    }
  workbook_set_properties (x->workbook, &props);
  pw_export_make_formats (x);
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    g_ptr_array_add (x->sheet_names, (gpointer) sheets[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      if (!write_sheet (x, i, cancellable, error))
        {
          workbook_close (x->workbook);
          return FALSE;
        }
      if (progress != NULL)
        progress ((i + 1.0) / (G_N_ELEMENTS (sheets) + 1), progress_data);
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

/* Reads everything the sheets show, before any file is touched. */
static gboolean
gather (PwExport  *x,
        GError **error)
{
  g_autoptr(GListModel) returns = NULL;
  g_autoptr(GListModel) pcns = pw_store_list_pcns_for_year (x->store, x->options->year, NULL, error);

  if (pcns == NULL)
    return FALSE;
  x->pcns = sorted_pcns (pcns);   /* as they were in the year: locality, practices, population */
  x->sheet_names = g_ptr_array_new ();
  x->row_heights = g_hash_table_new_full (NULL, NULL, NULL, g_free);
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

static void
export_clear (PwExport *x)
{
  g_clear_pointer (&x->pcns, g_ptr_array_unref);
  g_clear_pointer (&x->levels, g_hash_table_unref);
  g_clear_pointer (&x->prev_levels, g_hash_table_unref);
  g_clear_pointer (&x->returns, g_hash_table_unref);
  g_clear_pointer (&x->sheet_names, g_ptr_array_unref);
  g_clear_pointer (&x->year_name, g_free);
  g_clear_pointer (&x->row_heights, g_hash_table_unref);
  g_clear_pointer (&x->widths, g_array_unref);
  g_clear_pointer (&x->page_breaks, g_array_unref);
  g_clear_pointer (&x->kept, g_ptr_array_unref);
  g_clear_error (&x->failure);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwExport, export_clear)

gboolean
pw_export_appendix (PwStore                *store,
                    const PwExportOptions  *options,
                    const char             *path,
                    PwProgressFunc          progress,
                    gpointer                progress_data,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_auto(PwExport) x = { store, options };
  g_auto(PwExportFile) file = { 0 };
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (options->year < PW_YEAR_MIN || options->year > PW_YEAR_MAX)
    {
      g_set_error (error, PW_EXPORT_ERROR, PW_EXPORT_ERROR_INVALID, _("Choose a financial year to export"));
      return FALSE;
    }
  /* One read transaction for everything the sheets read: one state of the
   * workbook, and the lock taken once rather than by every query. */
  if (!pw_store_begin_read (store, error))
    return FALSE;
  ok = gather (&x, error) && pw_export_file_begin (&file, store, path, error) &&
       write_workbook (&x, file.tmp, progress, progress_data, cancellable, error);
  pw_store_end_read (store);
  if (!ok || !pw_export_file_commit (&file, store, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

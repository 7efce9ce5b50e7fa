/* pw-cli.c — pcn-workbook-cli: headless import, listing and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <errno.h>
#include <stdio.h>

#include "pw-cli-private.h"
#include "pw-demo.h"
#include "pw-export.h"
#include "pw-return-form.h"
#include "pw-import.h"
#include "pw-store-boards.h"
#include "pw-store-roles.h"
#include "pw-import-forms.h"
#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-store.h"
#include "pw-workforce.h"

static char *opt_database;
static char *opt_year;
static char *opt_out;
static char *opt_committee;
static char *opt_meeting_date;
static char *opt_agenda_item;
static char *opt_title;
static char *opt_author;
static char *opt_lead;
static char *opt_version;
static char *opt_locality;
static char *opt_first_year;
static char *opt_pcn;
static gboolean opt_all;
static gboolean opt_dry_run;
static char *opt_from;
static char *opt_to;

static const GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &opt_database, N_("The workbook to use (default: the app’s own)"), N_("FILE") },
  { "year", 'y', 0, G_OPTION_ARG_STRING, &opt_year, N_("Financial year, such as 2021/22"), N_("YEAR") },
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out, N_("Where to write the export"), N_("FILE.xlsx") },
  { "committee", 0, 0, G_OPTION_ARG_STRING, &opt_committee, N_("Committee name, for the cover sheet"), N_("NAME") },
  { "meeting-date", 0, 0, G_OPTION_ARG_STRING, &opt_meeting_date, N_("Meeting date, YYYY-MM-DD or DD/MM/YYYY"), N_("DATE") },
  { "agenda-item", 0, 0, G_OPTION_ARG_STRING, &opt_agenda_item, N_("Agenda item"), N_("TEXT") },
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("Paper title"), N_("TEXT") },
  { "author", 0, 0, G_OPTION_ARG_STRING, &opt_author, N_("Author"), N_("NAME") },
  { "lead", 0, 0, G_OPTION_ARG_STRING, &opt_lead, N_("Lead"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_STRING, &opt_version, N_("Paper version"), N_("TEXT") },
  { "pcn", 0, 0, G_OPTION_ARG_STRING, &opt_pcn, N_("With export review or export forms: the PCN’s ODS code"), N_("CODE") },
  { "all", 0, 0, G_OPTION_ARG_NONE, &opt_all, N_("With export review: a page for every PCN"), NULL },
  { "locality", 0, 0, G_OPTION_ARG_STRING, &opt_locality, N_("With export appendix: a locality pack (its PCNs and board); with export forms: its PCNs only; with admin grant: the locality head’s"), N_("NAME") },
  { "first-year", 0, 0, G_OPTION_ARG_STRING, &opt_first_year, N_("With roles add: the first year reimbursable"), N_("YEAR") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &opt_dry_run, N_("With import forms: list what would change, change nothing"), NULL },
  { "from", 0, 0, G_OPTION_ARG_FILENAME, &opt_from, N_("With copy: the workbook to copy (a file or postgresql://…)"), N_("FILE") },
  { "to", 0, 0, G_OPTION_ARG_FILENAME, &opt_to, N_("With copy: the new, empty workbook to copy into"), N_("FILE") },
  { NULL }
};

static const char commands_help[] = N_(
  "Commands:\n"
  "  init                        Create an empty workbook\n"
  "  demo                        Add the fictional demo commissioner\n"
  "  import FILE.csv             Any of the imports below, told by the file's header\n"
  "  import profiles FILE.csv    Create or update localities, PCNs and practices\n"
  "  import maturity FILE.csv    Set maturity levels, creating draft returns as needed\n"
  "  import swot FILE.csv        Add SWOT items (pcn_code,year,quadrant,text)\n"
  "  import achievements FILE.csv  Add key achievements (pcn_code,year,text)\n"
  "  import arrs FILE.csv        Set ARRS WTE by PCN, year and role\n"
  "  import funding FILE.csv     Set funding by PCN, year and stream\n"
  "  import board-members FILE.csv  Add or update locality board members\n"
  "                              (locality,name,organisation,sector,board_role)\n"
  "  import actions FILE.csv     Add or update board actions by reference\n"
  "                              (locality,ref,action,owner,due,status)\n"
  "  import risks FILE.csv       Add or update board risks by reference\n"
  "                              (locality,ref,risk,likelihood,impact,owner)\n"
  "  boards                      One line per locality board: locality, stage, members,\n"
  "                              open actions, overdue actions, risks scoring 12 or more\n"
  "  import forms FILE.xlsx…  [--year Y] [--dry-run]\n"
  "                              Read return forms sent back (import FILE.xlsx tells one by its content)\n"
  "  roles list                  The ARRS roles: name, first year, retired or local\n"
  "  roles add NAME [--first-year Y]   Add a local role name\n"
  "  roles retire NAME           Stop offering a role (returns keep it)\n"
  "  roles years NAME FIRST [LAST]  The years a role is reimbursable (no LAST: still is)\n"
  "  contract list               DES specifications and funding streams: years and source\n"
  "  contract years des|stream KEY FIRST [LAST]  The years one applies (no LAST: still does;\n"
  "                              a LAST year retires it from the years after)\n"
  "  contract add des|stream NAME FIRST [LAST [SOURCE]]  Add a specification or stream of your own\n"
  "  contract rename des|stream KEY NAME  Rename one you added\n"
  "  roles rate NAME AMOUNT --year Y   The most reimbursed per WTE of the role in year Y\n"
  "  list pcns                   One line per PCN: code, name, locality, practices, population\n"
  "                              (and \"archived from\" the year a closed PCN left the lists)\n"
  "  pcn archive CODE --year Y   Close a PCN from year Y: kept in earlier years, left out of\n"
  "                              Y and later (refused while it has returns from Y on)\n"
  "  pcn unarchive CODE          Reopen an archived PCN\n"
  "  pcn delete CODE             Delete a PCN made by mistake: refused if it has returns or\n"
  "                              funding; its practices stay, with no PCN\n"
  "  pcn merge FROM INTO         Move FROM's practices, returns and funding to INTO, then\n"
  "                              delete FROM (refused if both have a return for one year)\n"
  "  locality delete NAME        Delete a locality that has no PCNs\n"
  "  locality merge FROM INTO    Move FROM's PCNs to INTO, then delete FROM\n"
  "  returns [--year Y]          Each PCN's return status (every year when no --year)\n"
  "  export appendix --year Y --out FILE.xlsx [--locality NAME] [cover options]\n"
  "                              Write the committee appendix workbook; with --locality NAME,\n"
  "                              a locality pack: that locality's PCNs and board only\n"
  "  export review --year Y (--pcn CODE | --all) --out FILE.xlsx\n"
  "                              One PCN's annual review on one A4 page (or a sheet per PCN)\n"
  "  export forms --year Y --out DIR [--locality NAME] [--pcn CODE]\n"
  "                              Write one return form (.xlsx) per PCN to fill in and send back\n"
  "  check                       Check the whole workbook file for damage: prints ok or\n"
  "                              the problems (exit status 1)\n"
  "  backups list                The workbook's automatic daily copies, newest first\n"
  "  backups restore N|FILE      Put a copy back (the workbook as it was is kept)\n"
  "  copy --from A --to B        Copy workbook A whole into B, a new, empty one: a file into\n"
  "                              a team workbook (postgresql://server/database) or back\n"
  "  admin grant USER ROLE [--locality NAME]  In a team workbook, give the server login USER\n"
  "                              a role: manager, locality-head (with --locality), analyst,\n"
  "                              admin (admins and the workbook's owner only)\n"
  "  admin revoke USER ROLE [--locality NAME]  Take that role away again\n"
  "\n"
  "The profiles CSV has the header\n"
  "  pcn_code,pcn_name,locality,practice_code,practice_name,list_size\n"
  "and optionally clinical_director,cd_wte,manager,manager_wte. One row per\n"
  "practice; a row with an empty practice_code carries PCN details only.\n"
  "Optional columns left empty leave the stored value as it is.\n"
  "\n"
  "The maturity CSV has the header pcn_code,year,domain,level and optionally\n"
  "evidence,support_needed. Years as 2021/22 (or 2021-22, 21/22, 2021/2022);\n"
  "domains by key (leadership, data, integrating, resources, people), full name\n"
  "or its start; levels as Pre-foundation, Foundation, Step 1 … Step 3, half\n"
  "steps such as Foundation/Step 1, Step 1/2, Step 1-2, Step 1 to 2, numbers\n"
  "0 … 3 in halves (0.5 = Foundation/Step 1), or No score / n/a / empty.\n"
  "\n"
  "The ARRS CSV has the header pcn_code,year,role,wte_in_post and optionally\n"
  "headcount,wte_planned,as_of. Roles must be in the list (roles list); an\n"
  "unknown one is refused with the nearest names. The funding CSV has the\n"
  "header pcn_code,year,stream,amount; streams arrs, cd, leadership,\n"
  "development; amounts as £1,234.56 or 1234.56, or rate:0.66 for 66p per\n"
  "registered patient (worked out from the practices' list sizes).\n"
  "\n"
  "SWOT quadrants are S, W, O or T, or the full word, in any case. An item\n"
  "already in its list is not added again, so a file can be imported twice.\n"
  "\n"
  "Imports are all or nothing: a bad row names its line and column and\n"
  "changes nothing. A file is read if it is an ordinary file of at most\n"
  "64 MB and 1,000,000 lines, each field at most 32,767 characters.\n"
  "\n"
  "Exit status: 0 on success, 1 on failure (with a message on stderr).");

PwStore *
open_store (gboolean create,
            GError **error)
{
  g_autofree char *path = opt_database ? g_strdup (opt_database) : pw_store_default_path ();
  PwStore *store;

  if (!create && !pw_store_is_team_uri (path) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("There is no workbook at “%s”. Create one with “pcn-workbook-cli init”."), path);
      return NULL;
    }
  store = pw_store_open (path, error);
  if (store != NULL && pw_store_is_read_only (store) && pw_store_get_role (store) != NULL)
    g_printerr (_("pcn-workbook-cli: your role (%s) reads and exports the team workbook; nothing can be changed.\n"),
                pw_store_get_role (store));
  else if (store != NULL && pw_store_is_read_only (store))
    g_printerr (_("pcn-workbook-cli: “%s” is read-only: it can be read, but nothing can be changed.\n"), path);
  if (store != NULL && pw_store_get_backup_error (store) != NULL)
    g_printerr (_("pcn-workbook-cli: today’s backup could not be made: %s\n"),
                pw_store_get_backup_error (store)->message);
  return store;
}

static gboolean
cmd_init (GError **error)
{
  g_autoptr(PwStore) store = open_store (TRUE, error);

  /* a team workbook's roles come with it (pw-db-pg-roles.c) */
  if (store == NULL || !pw_store_setup_roles (store, error))
    return FALSE;
  g_print (_("Workbook ready: %s\n"), pw_store_get_path (store));
  return TRUE;
}

static gboolean
cmd_admin (const char  *user,
           const char  *role,
           gboolean     give,
           GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);

  if (store == NULL || !pw_store_grant_role (store, user, role, opt_locality, give, error))
    return FALSE;
  if (opt_locality != NULL)
    g_print (give ? _("%s is now %s for %s\n") : _("%s is no longer %s for %s\n"), user, role, opt_locality);
  else
    g_print (give ? _("%s is now %s\n") : _("%s is no longer %s\n"), user, role);
  return TRUE;
}

static gboolean
cmd_demo (GError **error)
{
  g_autoptr(PwStore) store = open_store (TRUE, error);

  if (store == NULL || !pw_demo_load (store, error))
    return FALSE;
  g_print (_("Demo data added to %s\n"), pw_store_get_path (store));
  return TRUE;
}

typedef gboolean (*ImportFunc) (PwStore *, const char *, PwProgressFunc, gpointer,
                                GCancellable *, PwImportSummary *, GError **);

static gboolean
cmd_import (ImportFunc   import,
            const char  *file,
            GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autofree char *text = NULL;
  PwImportSummary summary;

  if (store == NULL || !import (store, file, NULL, NULL, NULL, &summary, error))
    return FALSE;
  text = pw_import_summary_describe (&summary);
  g_print ("%s\n", text);
  return TRUE;
}

/* Each form's changes, or why it was refused; fails if any was refused. */
static gboolean
cmd_import_forms (const char **files,
                  GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autoptr(GPtrArray) results = NULL;
  int year = 0;
  guint refused = 0;

  if (store == NULL || (opt_year != NULL && !pw_parse_year (opt_year, &year, error)))
    return FALSE;
  results = pw_import_forms (store, files, year, opt_dry_run, NULL);
  for (guint i = 0; i < results->len; i++)
    {
      PwFormResult *r = g_ptr_array_index (results, i);

      if (r->error != NULL)
        {
          g_printerr ("%s\n", r->error->message);
          refused++;
          continue;
        }
      g_print (opt_dry_run ? g_dngettext (GETTEXT_PACKAGE, "%s (%s): %u change would be made\n",
                                          "%s (%s): %u changes would be made\n", r->changes->len)
                           : g_dngettext (GETTEXT_PACKAGE, "%s (%s): %u change made; return submitted\n",
                                          "%s (%s): %u changes made; return submitted\n", r->changes->len),
               r->path, r->pcn_code, r->changes->len);
      for (guint k = 0; k < r->changes->len; k++)
        g_print ("  %s\n", (char *) g_ptr_array_index (r->changes, k));
    }
  if (refused > 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   g_dngettext (GETTEXT_PACKAGE, "%u form was refused; nothing from it was kept",
                                "%u forms were refused; nothing from them was kept", refused), refused);
      return FALSE;
    }
  return TRUE;
}

static gboolean
cmd_list_pcns (GError **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  GListModel *pcns;

  if (store == NULL)
    return FALSE;
  pcns = pw_store_get_pcns (store);
  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) p = g_list_model_get_item (pcns, i);
      g_autofree char *population = pw_format_count (pw_pcn_get_number (p, PW_PCN_POPULATION));

      gint64 closed = pw_pcn_get_number (p, PW_PCN_ARCHIVED_FROM);
      g_autofree char *fy = closed ? pw_format_year (closed) : NULL;
      g_autofree char *archived = closed ? g_strdup_printf (_("\tarchived from %s"), fy) : NULL;

      g_print ("%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s%s\n", pw_pcn_get_text (p, PW_PCN_CODE),
               pw_pcn_get_text (p, PW_PCN_NAME), pw_pcn_get_text (p, PW_PCN_LOCALITY),
               pw_pcn_get_number (p, PW_PCN_PRACTICE_COUNT), population, closed ? archived : "");
    }
  return TRUE;
}

static gboolean
cmd_boards (GError **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GListModel) boards = store ? pw_store_list_boards (store, 0, today, error) : NULL;

  for (guint i = 0; boards != NULL && i < g_list_model_get_n_items (boards); i++)
    {
      g_autoptr(PwRow) b = g_list_model_get_item (boards, i);

      g_print (_("%s\t%s\t%d members\t%d open actions\t%d overdue\t%d risks scoring 12 or more\n"),
               pw_row_get_string (b, PW_BOARD_LOCALITY), pw_board_stage_name (pw_row_get_int (b, PW_BOARD_STAGE)),
               (int) pw_row_get_int (b, PW_BOARD_MEMBERS), (int) pw_row_get_int (b, PW_BOARD_OPEN_ACTIONS),
               (int) pw_row_get_int (b, PW_BOARD_OVERDUE_ACTIONS), (int) pw_row_get_int (b, PW_BOARD_HIGH_RISKS));
    }
  return boards != NULL;
}

/* "2021-11-25T10:03:00" as "25/11/2021": the time of day is in the log. */
static char *
uk_date (PwReturn  *ret,
         guint      field)
{
  g_autofree char *day = g_strndup (ret ? pw_row_get_string (PW_ROW (ret), field) : "", 10);

  return pw_format_date (day);
}

static void
print_return (PwStore  *store,
              PwPcn    *pcn,
              PwReturn *ret,
              int       year)
{
  g_autofree char *fy = pw_format_year (ret ? pw_row_get_int (PW_ROW (ret), PW_RETURN_YEAR) : year);
  g_autofree char *submitted = uk_date (ret, PW_RETURN_SUBMITTED_AT);
  g_autofree char *reviewed = uk_date (ret, PW_RETURN_REVIEWED_AT);

  g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", fy, pw_pcn_get_text (pcn, PW_PCN_CODE), pw_pcn_get_text (pcn, PW_PCN_NAME),
           ret ? pw_return_status_name (pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS)) : _("No return"),
           submitted, reviewed, ret ? pw_row_get_string (PW_ROW (ret), PW_RETURN_REVIEWER) : "");
}

/* With --year, every PCN (those without a return say so); without, every
 * return of every year. */
static gboolean
cmd_returns (GError **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autoptr(GListModel) returns = NULL;
  g_autoptr(GListModel) pcns = NULL;
  int year = 0;

  if (store == NULL || (opt_year != NULL && !pw_parse_year (opt_year, &year, error)))
    return FALSE;
  pcns = pw_store_list_pcns (store, year);
  if (year != 0)
    {
      for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
        {
          g_autoptr(PwPcn) pcn = g_list_model_get_item (pcns, i);
          g_autoptr(PwReturn) ret = pw_store_get_return (store, pw_pcn_get_id (pcn), year, error);
          print_return (store, pcn, ret, year);
        }
      return TRUE;
    }
  if ((returns = pw_store_list_returns (store, 0, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (returns); i++)
    {
      g_autoptr(PwReturn) ret = g_list_model_get_item (returns, i);
      print_return (store, pw_store_find_pcn (store, pw_row_get_int (PW_ROW (ret), PW_RETURN_PCN_ID)), ret, 0);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Archiving, deleting and merging                                     */

static PwPcn *
pcn_by_code (PwStore     *store,
             const char  *code,
             GError     **error)
{
  g_autofree char *canonical = NULL;
  PwPcn *pcn;

  if (!pw_parse_pcn_code (code, &canonical, error))
    return NULL;
  if ((pcn = pw_store_find_pcn_by_code (store, canonical)) == NULL)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("There is no PCN with the code %s"), canonical);
  return pcn;
}

static PwLocality *
locality_by_name (PwStore     *store,
                  const char  *name,
                  GError     **error)
{
  PwLocality *loc = pw_store_find_locality (store, name);

  if (loc == NULL)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("There is no locality called “%s”"), name);
  return loc;
}

/* Says what was done; @undo is read after the call that filled it. */
static gboolean
print_done (gboolean      ok,
            PwStoreUndo **undo)
{
  if (ok)
    g_print ("%s\n", pw_store_undo_get_summary (*undo));
  g_clear_pointer (undo, pw_store_undo_free);
  return ok;
}

static gboolean
cmd_pcn_archive (const char  *code,
                 gboolean     archive,
                 GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  PwStoreUndo *undo = NULL;
  PwPcn *pcn;
  int year = 0;

  if (store == NULL || (pcn = pcn_by_code (store, code, error)) == NULL)
    return FALSE;
  if (archive && opt_year == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("pcn archive needs --year: the first financial year the PCN is closed, such as 2024/25"));
      return FALSE;
    }
  if (archive && !pw_parse_year (opt_year, &year, error))
    return FALSE;
  return print_done (pw_store_archive_pcn (store, pw_pcn_get_id (pcn), year, &undo, error), &undo);
}

static gboolean
cmd_pcn_delete (const char  *code,
                GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  PwStoreUndo *undo = NULL;
  PwPcn *pcn;

  if (store == NULL || (pcn = pcn_by_code (store, code, error)) == NULL)
    return FALSE;
  return print_done (pw_store_delete_pcn (store, pw_pcn_get_id (pcn), &undo, error), &undo);
}

static gboolean
cmd_pcn_merge (const char  *from_code,
               const char  *into_code,
               GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  PwStoreUndo *undo = NULL;
  PwPcn *from, *into;

  if (store == NULL || (from = pcn_by_code (store, from_code, error)) == NULL ||
      (into = pcn_by_code (store, into_code, error)) == NULL)
    return FALSE;
  return print_done (pw_store_merge_pcn (store, pw_pcn_get_id (from), pw_pcn_get_id (into), &undo, error), &undo);
}

static gboolean
cmd_locality_delete (const char  *name,
                     GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  PwStoreUndo *undo = NULL;
  PwLocality *loc;

  if (store == NULL || (loc = locality_by_name (store, name, error)) == NULL)
    return FALSE;
  return print_done (pw_store_delete_locality (store, pw_locality_get_id (loc), &undo, error), &undo);
}

static gboolean
cmd_locality_merge (const char  *from_name,
                    const char  *into_name,
                    GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  PwStoreUndo *undo = NULL;
  PwLocality *from, *into;

  if (store == NULL || (from = locality_by_name (store, from_name, error)) == NULL ||
      (into = locality_by_name (store, into_name, error)) == NULL)
    return FALSE;
  return print_done (pw_store_merge_locality (store, pw_locality_get_id (from), pw_locality_get_id (into),
                                              &undo, error), &undo);
}

static gboolean
export_options (PwExportOptions  *o,
                GError          **error)
{
  if (opt_year == NULL || opt_out == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("export needs --year (such as 2021/22) and --out FILE.xlsx"));
      return FALSE;
    }
  if (!pw_parse_year (opt_year, &o->year, error))
    return FALSE;
  if (opt_meeting_date != NULL && !pw_parse_date (opt_meeting_date, &o->meeting_date, error))
    return FALSE;
  o->committee = g_strdup (opt_committee);
  o->agenda_item = g_strdup (opt_agenda_item);
  o->title = g_strdup (opt_title);
  o->author = g_strdup (opt_author);
  o->lead = g_strdup (opt_lead);
  o->version = g_strdup (opt_version);
  o->locality = g_strdup (opt_locality);
  return TRUE;
}

/* Writes the appendix, or with @review the annual review; says when the
 * year holds no returns. */
static gboolean
cmd_export (gboolean   review,
            GError   **error)
{
  g_auto(PwExportOptions) options = { 0 };
  g_autoptr(PwStore) store = NULL;

  g_autoptr(GListModel) returns = NULL;

  if (review && (opt_pcn == NULL) == !opt_all)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("export review needs --pcn CODE (one PCN) or --all (a sheet for each), not both"));
      return FALSE;
    }
  if (!export_options (&options, error) || (store = open_store (FALSE, error)) == NULL ||
      (returns = pw_store_list_returns (store, options.year, error)) == NULL ||
      !(review ? pw_export_review (store, &options, opt_pcn, opt_out, NULL, NULL, NULL, error)
               : pw_export_appendix (store, &options, opt_out, NULL, NULL, NULL, error)))
    return FALSE;
  g_print (_("Wrote %s\n"), opt_out);
  if (g_list_model_get_n_items (returns) == 0)
    {
      g_autofree char *year = pw_format_year (options.year);

      if (review)
        g_print (_("Note: there are no returns for %s; the review shows the profile and funding only.\n"), year);
      else
        g_print (_("Note: there are no returns for %s; the appendix lists the PCNs with no figures, "
                   "and its cover says so.\n"), year);
    }
  return TRUE;
}

static gboolean
cmd_backups_list (GError **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autoptr(GPtrArray) backups = store ? pw_store_list_backups (store, error) : NULL;

  for (guint i = 0; backups && i < backups->len; i++)
    {
      PwBackup *b = g_ptr_array_index (backups, i);
      g_autofree char *date = pw_format_date (b->date);
      g_autofree char *size = g_format_size (b->size);

      g_print ("%u\t%s\t%s\t%s\n", i + 1, date, size, b->path);
    }
  if (backups && backups->len == 0)
    {
      g_autofree char *dir = pw_store_backup_dir (store);
      g_print (_("No backups yet in %s\n"), dir);
    }
  return backups != NULL;
}

/* Opening checks the whole file only after an unclean shutdown and once a
 * day; this checks it now, thoroughly. */
static gboolean
cmd_check (GError **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autofree char *problems = NULL;

  if (store == NULL)
    return FALSE;
  if (pw_store_check (store, "PRAGMA integrity_check", &problems))
    {
      g_print (_("ok\n"));
      return TRUE;
    }
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
               _("“%s” is damaged; restore it from a backup (“backups list”, “backups restore N”). "
                 "The check found:\n%s"), pw_store_get_path (store), g_strchomp (problems));
  return FALSE;
}

/* @which: a number from “backups list”, or a file's path */
static gboolean
cmd_backups_restore (const char  *which,
                     GError     **error)
{
  g_autoptr(PwStore) store = open_store (FALSE, error);
  g_autoptr(GPtrArray) backups = store ? pw_store_list_backups (store, error) : NULL;
  g_autofree char *saved = NULL;
  const char *path = which;
  guint64 n = 0;

  if (backups == NULL)
    return FALSE;
  if (g_ascii_string_to_unsigned (which, 10, 1, G_MAXUINT, &n, NULL))
    {
      if (n > backups->len)
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                       _("There is no backup number %s; “backups list” shows %u"), which, backups->len);
          return FALSE;
        }
      path = ((PwBackup *) g_ptr_array_index (backups, n - 1))->path;
    }
  if (!pw_store_restore_backup (store, path, &saved, error))
    return FALSE;
  g_print (_("Restored %s from %s\nThe workbook as it was is kept in %s\n"),
           pw_store_get_path (store), path, saved);
  return TRUE;
}

static gboolean
is_command (int argc, char **argv, const char *a, const char *b, int n_args)
{
  return argc == 2 + (b != NULL) + n_args && g_strcmp0 (argv[1], a) == 0 &&
         (b == NULL || g_strcmp0 (argv[2], b) == 0);
}

static gboolean
cmd_export_forms (GError **error)
{
  g_autoptr(PwStore) store = NULL;
  int year = 0;
  guint written = 0;

  if (opt_year == NULL || opt_out == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("export forms needs --year (such as 2026/27) and --out FOLDER"));
      return FALSE;
    }
  if (!pw_parse_year (opt_year, &year, error) || (store = open_store (FALSE, error)) == NULL)
    return FALSE;
  if (g_mkdir_with_parents (opt_out, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), _("Cannot make the folder “%s”: %s"),
                   opt_out, g_strerror (errno));
      return FALSE;
    }
  if (!pw_export_forms (store, year, opt_out, opt_locality, opt_pcn, &written, NULL, NULL, NULL, error))
    {
      if (written > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u form was written before this one failed\n",
                                 "%u forms were written before this one failed\n", written), written);
      return FALSE;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u return form in %s\n", "Wrote %u return forms in %s\n", written),
           written, opt_out);
  return TRUE;
}

/* Copies --from into --to in one transaction; a file made for it is
 * removed again if the copy fails. */
static gboolean
cmd_copy (GError **error)
{
  g_autoptr(PwStore) from = NULL, to = NULL;
  gboolean made = FALSE;
  gint64 rows = 0;

  if (opt_from == NULL || opt_to == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("copy needs --from WORKBOOK and --to WORKBOOK"));
      return FALSE;
    }
  if (!pw_store_is_team_uri (opt_from) && !g_file_test (opt_from, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("There is no workbook at “%s”."), opt_from);
      return FALSE;
    }
  made = !pw_store_is_team_uri (opt_to) && !g_file_test (opt_to, G_FILE_TEST_EXISTS);
  if ((from = pw_store_open (opt_from, error)) != NULL && (to = pw_store_open (opt_to, error)) != NULL &&
      pw_store_copy_into (from, to, &rows, error))
    {
      g_print (_("Copied %" G_GINT64_FORMAT " rows from %s to %s\n"), rows,
               pw_store_get_path (from), pw_store_get_path (to));
      return TRUE;
    }
  g_clear_object (&to);
  if (made)
    {
      g_autofree char *wal = g_strconcat (opt_to, "-wal", NULL);
      g_autofree char *shm = g_strconcat (opt_to, "-shm", NULL);
      g_remove (wal);
      g_remove (shm);
      g_remove (opt_to);
    }
  return FALSE;
}

static gboolean
dispatch (int argc, char **argv, GError **error)
{
  if (is_command (argc, argv, "init", NULL, 0))
    return cmd_init (error);
  if (is_command (argc, argv, "demo", NULL, 0))
    return cmd_demo (error);
  if (argc >= 4 && g_strcmp0 (argv[1], "import") == 0 && g_strcmp0 (argv[2], "forms") == 0)
    return cmd_import_forms ((const char **) argv + 3, error);
  if (is_command (argc, argv, "import", NULL, 1) && pw_import_is_form (argv[2]))
    return cmd_import_forms ((const char **) argv + 2, error);
  if (is_command (argc, argv, "import", NULL, 1))
    return cmd_import (pw_import_any, argv[2], error);
  if (is_command (argc, argv, "import", "profiles", 1))
    return cmd_import (pw_import_profiles, argv[3], error);
  if (is_command (argc, argv, "import", "maturity", 1))
    return cmd_import (pw_import_maturity, argv[3], error);
  if (is_command (argc, argv, "import", "swot", 1))
    return cmd_import (pw_import_swot, argv[3], error);
  if (is_command (argc, argv, "import", "achievements", 1))
    return cmd_import (pw_import_achievements, argv[3], error);
  if (is_command (argc, argv, "import", "arrs", 1))
    return cmd_import (pw_import_arrs, argv[3], error);
  if (is_command (argc, argv, "import", "funding", 1))
    return cmd_import (pw_import_funding, argv[3], error);
  if (is_command (argc, argv, "import", "board-members", 1))
    return cmd_import (pw_import_board_members, argv[3], error);
  if (is_command (argc, argv, "import", "actions", 1))
    return cmd_import (pw_import_actions, argv[3], error);
  if (is_command (argc, argv, "import", "risks", 1))
    return cmd_import (pw_import_risks, argv[3], error);
  if (is_command (argc, argv, "boards", NULL, 0))
    return cmd_boards (error);
  if (is_command (argc, argv, "roles", "years", 2) || is_command (argc, argv, "roles", "years", 3))
    return cmd_roles_years (argv[3], argv[4], argc > 5 ? argv[5] : NULL, error);
  if (is_command (argc, argv, "contract", "list", 0))
    return cmd_contract_list (error);
  if (is_command (argc, argv, "contract", "years", 3) || is_command (argc, argv, "contract", "years", 4))
    return cmd_contract_years (argv[3], argv[4], argv[5], argc > 6 ? argv[6] : NULL, error);
  if (is_command (argc, argv, "contract", "add", 3) || is_command (argc, argv, "contract", "add", 4) ||
      is_command (argc, argv, "contract", "add", 5))
    return cmd_contract_add (argv + 3, argc - 3, error);
  if (is_command (argc, argv, "contract", "rename", 3))
    return cmd_contract_rename (argv[3], argv[4], argv[5], error);
  if (is_command (argc, argv, "roles", "list", 0))
    return cmd_roles_list (error);
  if (is_command (argc, argv, "roles", "add", 1))
    return cmd_roles_add (argv[3], opt_first_year, error);
  if (is_command (argc, argv, "roles", "retire", 1))
    return cmd_roles_retire (argv[3], error);
  if (is_command (argc, argv, "roles", "rate", 2))
    return cmd_roles_rate (argv[3], argv[4], opt_year, error);
  if (is_command (argc, argv, "returns", NULL, 0))
    return cmd_returns (error);
  if (is_command (argc, argv, "list", "pcns", 0))
    return cmd_list_pcns (error);
  if (is_command (argc, argv, "copy", NULL, 0))
    return cmd_copy (error);
  if (is_command (argc, argv, "admin", "grant", 2) || is_command (argc, argv, "admin", "revoke", 2))
    return cmd_admin (argv[3], argv[4], g_str_equal (argv[2], "grant"), error);
  if (is_command (argc, argv, "check", NULL, 0))
    return cmd_check (error);
  if (is_command (argc, argv, "backups", "list", 0))
    return cmd_backups_list (error);
  if (is_command (argc, argv, "backups", "restore", 1))
    return cmd_backups_restore (argv[3], error);
  if (is_command (argc, argv, "pcn", "archive", 1))
    return cmd_pcn_archive (argv[3], TRUE, error);
  if (is_command (argc, argv, "pcn", "unarchive", 1))
    return cmd_pcn_archive (argv[3], FALSE, error);
  if (is_command (argc, argv, "pcn", "delete", 1))
    return cmd_pcn_delete (argv[3], error);
  if (is_command (argc, argv, "pcn", "merge", 2))
    return cmd_pcn_merge (argv[3], argv[4], error);
  if (is_command (argc, argv, "locality", "delete", 1))
    return cmd_locality_delete (argv[3], error);
  if (is_command (argc, argv, "locality", "merge", 2))
    return cmd_locality_merge (argv[3], argv[4], error);
  if (is_command (argc, argv, "export", "appendix", 0))
    return cmd_export (FALSE, error);
  if (is_command (argc, argv, "export", "review", 0))
    return cmd_export (TRUE, error);
  if (is_command (argc, argv, "export", "forms", 0))
    return cmd_export_forms (error);
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("Unknown command. Run “pcn-workbook-cli --help” to see the commands."));
  return FALSE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("COMMAND [ARGUMENTS] — PCN Workbook without the window"));
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, _(commands_help));
  if (!g_option_context_parse (context, &argc, &argv, &error) || !dispatch (argc, argv, &error))
    {
      g_printerr ("pcn-workbook-cli: %s\n", error->message);
      return 1;
    }
  return 0;
}

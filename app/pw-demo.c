/* pw-demo.c — a fictional commissioner to try the app with
 *
 * Four localities (with their boards: pw-demo-boards.c), thirteen PCNs and
 * sixty practices, with last year's
 * maturity returns (reviewed) and this year's at every stage.  Every name and code
 * is made up (codes U900xx and Z000xx); any likeness to a real place or
 * person is chance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-demo.h"
#include "pw-matrix.h"
#include "pw-parse.h"

typedef struct
{
  const char *locality;
  const char *name;
  const char *director;
  int cd_wte;
  const char *manager;
  int manager_wte;
  const char *established;
  guint n_practices;
} DemoPcn;

static const DemoPcn demo_pcns[] = {
  { "Northmoor", "Northmoor Central PCN", "Dr Alex Morgan", 25, "Sam Whitfield", 100, "2019-07-01", 5 },
  { "Northmoor", "Heatherfield PCN", "Dr Priya Lal", 25, "Jo Kendrick", 80, "2019-07-01", 4 },
  { "Northmoor", "Upper Dale PCN", "Dr Owen Pryce", 20, "Chris Ashby", 60, "2019-07-01", 4 },
  { "Riverside", "Riverside North PCN", "Dr Hannah Osei", 30, "Lee Marsh", 100, "2019-07-01", 6 },
  { "Riverside", "Riverside South PCN", "Dr Tom Beckett", 25, "Ana Ferreira", 100, "2019-07-01", 5 },
  { "Riverside", "Wharfside PCN", "Dr Fiona Greaves", 25, "Dev Patel", 50, "2020-04-01", 4 },
  { "Eastvale", "Eastvale Market Towns PCN", "Dr Ruth Ellison", 40, "Kim Doyle", 100, "2019-07-01", 5 },
  { "Eastvale", "Coastline PCN", "Dr Ade Bankole", 25, "Pat Summers", 80, "2019-07-01", 4 },
  { "Eastvale", "Wolds Edge PCN", "Dr Claire Hutton", 25, "Rob Tennant", 60, "2019-07-01", 4 },
  { "Southgate", "Southgate Health PCN", "Dr Imran Qureshi", 50, "Beth Cole", 100, "2019-07-01", 6 },
  { "Southgate", "Five Bridges PCN", "Dr Nina Walsh", 25, "Tariq Aziz", 100, "2019-07-01", 5 },
  { "Southgate", "Parkway PCN", "Dr Leo Sandford", 25, "Mel Grant", 80, "2019-07-01", 4 },
  { "Southgate", "Old Town PCN", "Dr Grace Adeyemi", 25, "Ian Rudd", 60, "2021-04-01", 4 },
};

static const char *places[] = {
  "Abbey Road", "Ashgrove", "Beacon", "Birchwood", "Bridge Street", "Brookside", "Castle View",
  "Church Lane", "Cliffe", "Clover Hill", "Cornmarket", "Dale End", "Elm Tree", "Fairfield",
  "Ferry Lane", "Forge", "Friary", "Glebe", "Greenacres", "Hall Farm", "Harbour", "Highfield",
  "Hillside", "Holly Bank", "Kingsway", "Lakeside", "Larchwood", "Lime Grove", "Market Place",
  "Meadowbank", "Mill Lane", "Moorland", "Newbridge", "North Road", "Oakfield", "Orchard",
  "Park Lane", "Priory", "Quayside", "Queens Road", "Rectory", "Riverbank", "Rosehill",
  "St Anne's", "Saltings", "Sandpits", "Southfields", "Spring Bank", "Station Road", "Stonegate",
  "Tannery", "Thornhill", "Tower Street", "Valley", "Victoria", "Water Lane", "West End",
  "Willow Bank", "Windmill", "Yew Tree",
};

static const char *kinds[] = { "Surgery", "Medical Centre", "Health Centre", "Practice", "Medical Practice" };

/* Deterministic made-up levels: mostly Foundation to Step 2, a little
 * higher this year than last, with the odd domain not scored. */
static int
demo_level (guint pcn,
            guint domain,
            int   year_offset)
{
  static const int spread[] = { 0, 1, 2, 2, 3, 1, 4, 2, 0, 3, 5, 2, -2 };
  guint k = (pcn * 7 + domain * 3) % G_N_ELEMENTS (spread);

  if ((pcn + domain) % 11 == 10)
    return PW_LEVEL_NONE;
  if (year_offset == 0)
    return spread[k];
  /* One half-step up; from Pre-foundation the next level is Foundation. */
  return spread[k] == PW_LEVEL_PRE_FOUNDATION ? 0 : MIN (spread[k] + 1, PW_LEVEL_STEP_3);
}

/* A few ARRS roles with made-up figures, a little more in post each year. */
static gboolean
add_demo_workforce (PwStore  *store,
                    gint64    return_id,
                    guint     index,
                    int       growth,
                    GError  **error)
{
  static const char *roles[] = { "Clinical pharmacist", "Social prescribing link worker", "Care coordinator",
                                 "First contact physiotherapist", "Health and wellbeing coach", "Paramedic",
                                 "Pharmacy technician", "Mental health practitioner" };

  for (guint i = 0; i < 4 + index % 4; i++)
    {
      const char *name = roles[(index + i) % G_N_ELEMENTS (roles)];
      GError *local = NULL;
      g_autoptr(PwArrsRole) role = pw_store_find_role (store, name, &local);
      int wte = 50 + ((index * 37 + i * 53) % 200) + growth;

      if (role == NULL)
        {
          /* Roles can be renamed: one the demo names may be gone. */
          if (local == NULL)
            g_set_error (&local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                         _("The demo needs the ARRS role “%s”, which this workbook does not have"), name);
          g_propagate_error (error, local);
          return FALSE;
        }
      if (!pw_store_set_wte (store, return_id, pw_row_get_int (PW_ROW (role), PW_ARRS_ROLE_ID),
                             wte, (wte + 99) / 100, wte + 50, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_demo_funding (PwStore  *store,
                  gint64    pcn_id,
                  int       year,
                  GError  **error)
{
  return pw_store_set_funding (store, pcn_id, year, PW_STREAM_ARRS, 0 + 45000000 + pcn_id * 1234500, -1, error) &&
         pw_store_set_funding (store, pcn_id, year, PW_STREAM_DEVELOPMENT, 0, 6600, error) &&
         pw_store_set_funding (store, pcn_id, year, PW_STREAM_CLINICAL_DIRECTOR, 0, 7230, error);
}

/* Last year's returns, all reviewed; this year's, at every stage, with a
 * few PCNs not yet started. */
static gboolean
add_demo_returns (PwStore  *store,
                  gint64    pcn_id,
                  guint     index,
                  GError  **error)
{
  int year = pw_current_year ();
  static const PwReturnStatus now_status[] = { PW_STATUS_DRAFT, PW_STATUS_SUBMITTED, PW_STATUS_REVIEWED };
  gint64 last = 0, now = 0;

  if (!pw_store_ensure_return (store, pcn_id, year - 1, &last, error))
    return FALSE;
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    if (!pw_store_set_maturity_level (store, last, d, demo_level (index, d, 0), error))
      return FALSE;
  if (!add_demo_workforce (store, last, index, 0, error) || !add_demo_funding (store, pcn_id, year - 1, error) ||
      !add_demo_funding (store, pcn_id, year, error) ||
      !pw_store_set_return_status (store, last, PW_STATUS_SUBMITTED, NULL, NULL, error) ||
      !pw_store_set_return_status (store, last, PW_STATUS_REVIEWED, "Demo Reviewer",
                                   _("Agreed at the locality board."), error))
    return FALSE;
  if (index % 5 == 4)
    return TRUE;
  if (!pw_store_ensure_return (store, pcn_id, year, &now, error))
    return FALSE;
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    if (!pw_store_set_maturity_level (store, now, d, demo_level (index, d, (index + d) % 3 == 0 ? 1 : 0), error))
      return FALSE;
  if (!add_demo_workforce (store, now, index, 30, error))
    return FALSE;
  for (guint s = 1; s <= index % 3; s++)
    if (!pw_store_set_return_status (store, now, now_status[s], "Demo Reviewer", NULL, error))
      return FALSE;
  return TRUE;
}

/* The store's cached rows only refresh at commit, so the localities made
 * inside the transaction are remembered in @localities (name → id). */
static gboolean
add_demo_pcn (PwStore        *store,
              const DemoPcn  *d,
              guint           index,
              GHashTable     *localities,
              guint          *practice_no,
              GError        **error)
{
  g_autofree char *code = g_strdup_printf ("U900%02u", index + 1);
  gint64 loc_id = GPOINTER_TO_SIZE (g_hash_table_lookup (localities, d->locality)), id = 0;

  if (loc_id == 0)
    {
      if (!pw_store_add_locality (store, d->locality, &loc_id, error))
        return FALSE;
      g_hash_table_insert (localities, (gpointer) d->locality, GSIZE_TO_POINTER (loc_id));
    }
  if (!pw_store_add_pcn (store, code, d->name, loc_id, &id, error) ||
      !pw_store_set_pcn_text (store, id, PW_PCN_CLINICAL_DIRECTOR, d->director, error) ||
      !pw_store_set_pcn_number (store, id, PW_PCN_CD_WTE, d->cd_wte, error) ||
      !pw_store_set_pcn_text (store, id, PW_PCN_MANAGER, d->manager, error) ||
      !pw_store_set_pcn_number (store, id, PW_PCN_MANAGER_WTE, d->manager_wte, error) ||
      !pw_store_set_pcn_text (store, id, PW_PCN_ESTABLISHED, d->established, error))
    return FALSE;
  for (guint i = 0; i < d->n_practices; i++, (*practice_no)++)
    {
      guint n = *practice_no;
      g_autofree char *pcode = g_strdup_printf ("Z%05u", n + 1);
      g_autofree char *pname = g_strdup_printf ("%s %s", places[n % G_N_ELEMENTS (places)],
                                                kinds[(n * 7 + index) % G_N_ELEMENTS (kinds)]);
      /* Deterministic list sizes between about 3,000 and 16,000. */
      gint64 list_size = 3000 + (n * 7919 + index * 104729) % 13000;

      if (!pw_store_add_practice (store, id, pcode, pname, list_size, NULL, error))
        return FALSE;
    }
  return add_demo_returns (store, id, index, error);
}

/* The demo is made up: mixed into real PCNs it would reach a committee's
 * papers, so it goes only into a workbook with no PCNs and no localities. */
static gboolean
check_empty (PwStore  *store,
             GError  **error)
{
  guint pcns = g_list_model_get_n_items (pw_store_get_pcns (store));
  guint localities = g_list_model_get_n_items (pw_store_get_localities (store));

  if (pcns == 0 && localities == 0)
    return TRUE;
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_EXISTS,
               _("%s is not empty (PCNs: %u, localities: %u): the fictional demo goes only into a new, "
                 "empty workbook, so that it never mixes with real data. Create a new workbook first."),
               pw_store_get_path (store), pcns, localities);
  return FALSE;
}

/**
 * pw_demo_load:
 * Adds the demo commissioner to @store in one transaction.  Refuses,
 * changing nothing, a workbook that already holds PCNs or localities.
 */
gboolean
pw_demo_load (PwStore  *store,
              GError  **error)
{
  g_autoptr(GHashTable) localities = g_hash_table_new (g_str_hash, g_str_equal);
  guint practice_no = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);

  if (!check_empty (store, error) || !pw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (demo_pcns); i++)
    ok = add_demo_pcn (store, &demo_pcns[i], i, localities, &practice_no, error);
  if (!ok || !pw_demo_load_boards (store, localities, error))
    {
      pw_store_rollback (store);
      return FALSE;
    }
  return pw_store_commit (store, error);
}

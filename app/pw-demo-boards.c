/* pw-demo-boards.c — the demo commissioner's four locality boards
 *
 * At different stages of development and membership (Northmoor thriving
 * with every partner, Eastvale only emerging, with no acute trust or
 * voluntary sector yet), each with meetings, an action log with some
 * actions overdue and some done, and risks.  Dates are set from the day
 * the demo is loaded, so there is always something overdue and something
 * still to come.  Every name is made up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-demo.h"
#include "pw-parse.h"
#include "pw-store-boards.h"

typedef struct
{
  const char *name;
  const char *organisation;
  PwSector sector;
  PwBoardRole role;
  const char *represents;
} DemoMember;

typedef struct
{
  const char *ref;
  const char *text;
  const char *owner;
  int due;                     /* days from today */
  PwActionStatus status;
  int raised_at;               /* the meeting (0, 1, 2) that raised it */
} DemoAction;

typedef struct
{
  const char *ref;
  const char *text;
  int likelihood, impact, target;
  const char *owner;
} DemoRisk;

typedef struct
{
  const char *locality;
  const char *board;
  const char *purpose;
  int stages[3];               /* PwBoardStageLevels reached in turn; -1 ends */
  guint n_meetings;
  DemoMember members[9];
  DemoAction actions[6];
  DemoRisk risks[4];
} DemoBoard;

static const DemoBoard boards[] = {
  { "Northmoor", "Northmoor Locality Partnership",
    "Joins up care for the people of Northmoor and agrees the locality's priorities.",
    { PW_STAGE_EMERGING, PW_STAGE_DEVELOPING, PW_STAGE_THRIVING }, 3,
    { { "Dr Alex Morgan", "Northmoor Central PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_CHAIR, "PCN clinical directors" },
      { "Siobhán Ó Briain", "Moorland Community Health", PW_SECTOR_COMMUNITY, PW_BOARD_ROLE_VICE_CHAIR, "Community services" },
      { "Dr Priya Lal", "Heatherfield PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_MEMBER, "" },
      { "Mark O'Neill", "Dale Valley Hospitals", PW_SECTOR_ACUTE, PW_BOARD_ROLE_MEMBER, "Acute trust" },
      { "Ruth Kaye", "Moorland Minds", PW_SECTOR_MENTAL_HEALTH, PW_BOARD_ROLE_MEMBER, "" },
      { "Cllr Dev Anand", "Northmoor Council", PW_SECTOR_LOCAL_AUTHORITY, PW_BOARD_ROLE_MEMBER, "Adult social care" },
      { "Jess Bell", "Northmoor Voluntary Action", PW_SECTOR_VOLUNTARY, PW_BOARD_ROLE_MEMBER, "" },
      { "Tom Reid", "Dale ICB", PW_SECTOR_ICB, PW_BOARD_ROLE_ATTENDEE, "Head of locality" } },
    { { "NOR-001", "Adopt terms of reference", "Tom Reid", -150, PW_ACTION_DONE, 0 },
      { "NOR-002", "Map frailty services across the locality", "Siobhán Ó Briain", -20, PW_ACTION_OPEN, 1 },
      { "NOR-003", "Agree shared care record access", "Mark O'Neill", 45, PW_ACTION_IN_PROGRESS, 1 },
      { "NOR-004", "Report winter plan to the ICB", "Tom Reid", 30, PW_ACTION_OPEN, 2 } },
    { { "NOR-R1", "GP workforce gaps in Upper Dale", 4, 4, 8, "Dr Alex Morgan" },
      { "NOR-R2", "Estates capacity for ARRS staff", 3, 3, 6, "Tom Reid" } } },
  { "Riverside", "Riverside Locality Board",
    "Oversees the Riverside PCNs' plans and the locality's health inequalities work.",
    { PW_STAGE_EMERGING, PW_STAGE_DEVELOPING, -1 }, 3,
    { { "Dr Hannah Osei", "Riverside North PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_CHAIR, "" },
      { "Dr Tom Beckett", "Riverside South PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_MEMBER, "" },
      { "Ana Ferreira", "Riverside South PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_ATTENDEE, "PCN managers" },
      { "Paul Grant", "Wharf Community Trust", PW_SECTOR_COMMUNITY, PW_BOARD_ROLE_MEMBER, "" },
      { "Cllr Mary Lowe", "Riverside Borough Council", PW_SECTOR_LOCAL_AUTHORITY, PW_BOARD_ROLE_VICE_CHAIR, "" },
      { "Dr Sam Ikeda", "Riverside Public Health", PW_SECTOR_PUBLIC_HEALTH, PW_BOARD_ROLE_MEMBER, "" } },
    { { "RIV-001", "Agree the inequalities focus for the year", "Dr Hannah Osei", -120, PW_ACTION_DONE, 0 },
      { "RIV-002", "Invite the mental health trust to join", "Cllr Mary Lowe", -45, PW_ACTION_OPEN, 0 },
      { "RIV-003", "Share ARRS recruitment plans", "Dr Tom Beckett", -10, PW_ACTION_IN_PROGRESS, 1 },
      { "RIV-004", "Review childhood immunisation uptake", "Dr Sam Ikeda", 60, PW_ACTION_OPEN, 2 },
      { "RIV-005", "Pilot a joint discharge hub", "Paul Grant", -30, PW_ACTION_DROPPED, 1 } },
    { { "RIV-R1", "No mental health partner on the board", 4, 3, 4, "Cllr Mary Lowe" },
      { "RIV-R2", "Practice list growth outpaces estates", 3, 5, 10, "Dr Hannah Osei" },
      { "RIV-R3", "Data sharing agreement delayed", 2, 3, 3, "Dr Sam Ikeda" } } },
  { "Eastvale", "Eastvale Locality Group",
    "A new group bringing the Eastvale PCNs together with the council.",
    { PW_STAGE_EMERGING, -1, -1 }, 2,
    { { "Dr Ruth Ellison", "Eastvale Market Towns PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_CHAIR, "" },
      { "Dr Ade Bankole", "Coastline PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_MEMBER, "" },
      { "Dr Claire Hutton", "Wolds Edge PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_MEMBER, "" },
      { "Helen Shaw", "Eastvale District Council", PW_SECTOR_LOCAL_AUTHORITY, PW_BOARD_ROLE_MEMBER, "" } },
    { { "EAS-001", "Draft terms of reference", "Dr Ruth Ellison", -25, PW_ACTION_OPEN, 0 },
      { "EAS-002", "Approach the acute trust and the voluntary sector", "Helen Shaw", -5, PW_ACTION_OPEN, 0 },
      { "EAS-003", "Set a meeting calendar", "Dr Ade Bankole", -40, PW_ACTION_DONE, 0 } },
    { { "EAS-R1", "Board lacks key partners", 4, 4, 6, "Dr Ruth Ellison" },
      { "EAS-R2", "Rural access to ARRS roles", 3, 3, 6, "Dr Claire Hutton" } } },
  { "Southgate", "Southgate Health and Care Partnership",
    "Plans health and care for Southgate with all its partners.",
    { PW_STAGE_DEVELOPING, PW_STAGE_MATURING, -1 }, 3,
    { { "Dr Imran Qureshi", "Southgate Health PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_CHAIR, "" },
      { "Dr Nina Walsh", "Five Bridges PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_MEMBER, "" },
      { "Dr Leo Sandford", "Parkway PCN", PW_SECTOR_PRIMARY_CARE, PW_BOARD_ROLE_MEMBER, "" },
      { "Karen Doyle", "Southgate General Hospital", PW_SECTOR_ACUTE, PW_BOARD_ROLE_VICE_CHAIR, "" },
      { "Ravi Menon", "Southgate Community Services", PW_SECTOR_COMMUNITY, PW_BOARD_ROLE_MEMBER, "" },
      { "Lucy Hart", "Southgate Mind", PW_SECTOR_VOLUNTARY, PW_BOARD_ROLE_MEMBER, "" },
      { "Owen Price", "Southgate City Council", PW_SECTOR_LOCAL_AUTHORITY, PW_BOARD_ROLE_MEMBER, "" } },
    { { "SOU-001", "Agree a shared frailty register", "Karen Doyle", -90, PW_ACTION_DONE, 0 },
      { "SOU-002", "Join up care coordinators across PCNs", "Dr Nina Walsh", -15, PW_ACTION_IN_PROGRESS, 1 },
      { "SOU-003", "Publish the locality plan", "Owen Price", 20, PW_ACTION_OPEN, 2 },
      { "SOU-004", "Agree voluntary sector grants", "Lucy Hart", 75, PW_ACTION_OPEN, 2 } },
    { { "SOU-R1", "Acute demand over winter", 5, 4, 12, "Karen Doyle" },
      { "SOU-R2", "Care coordinator turnover", 3, 4, 6, "Dr Nina Walsh" },
      { "SOU-R3", "Funding beyond this year unclear", 3, 3, 6, "Owen Price" } } },
};

static char *
days_from (GDateTime *today,
           int        days)
{
  g_autoptr(GDateTime) d = g_date_time_add_days (today, days);

  return g_date_time_format (d, "%Y-%m-%d");
}

static gboolean
add_members (PwStore          *store,
             gint64            id,
             const DemoBoard  *b,
             GArray           *member_ids,
             GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (b->members) && b->members[i].name; i++)
    {
      const DemoMember *m = &b->members[i];
      g_autoptr(PwBoardMember) row = g_object_new (PW_TYPE_BOARD_MEMBER, "locality-id", id, "name", m->name,
                                                   "organisation", m->organisation, "sector", (gint64) m->sector,
                                                   "role", (gint64) m->role, "represents", m->represents, NULL);
      gint64 member_id = 0;

      if (!pw_store_put_member (store, row, &member_id, error))
        return FALSE;
      g_array_append_val (member_ids, member_id);
    }
  return TRUE;
}

/* Meetings about every two months up to a fortnight ago, each attended by
 * all but one member (a different one each time), with a decision. */
static gboolean
add_meetings (PwStore          *store,
              gint64            id,
              const DemoBoard  *b,
              GDateTime        *today,
              GArray           *member_ids,
              GPtrArray        *dates,
              GError          **error)
{
  for (guint k = 0; k < b->n_meetings; k++)
    {
      char *date = days_from (today, -14 - 60 * (int) (b->n_meetings - 1 - k));
      g_autofree char *decision = g_strdup_printf ("Agreed the actions below (meeting %u)", k + 1);
      g_autofree char *ref = g_strdup_printf ("D%u", k + 1);
      gint64 meeting = 0;

      g_ptr_array_add (dates, date);
      if (!pw_store_add_meeting (store, id, date, k != 1 || b->n_meetings < 3, "", &meeting, error) ||
          !pw_store_add_decision (store, meeting, ref, decision, error))
        return FALSE;
      for (guint i = 0; i < member_ids->len; i++)
        if (i != k + 1 && !pw_store_set_attendance (store, meeting, g_array_index (member_ids, gint64, i), TRUE, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
add_log (PwStore          *store,
         gint64            id,
         const DemoBoard  *b,
         GDateTime        *today,
         GPtrArray        *dates,
         GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (b->actions) && b->actions[i].ref; i++)
    {
      const DemoAction *a = &b->actions[i];
      g_autofree char *due = days_from (today, a->due);
      g_autofree char *done = days_from (today, a->due - 7);
      g_autoptr(PwBoardAction) row = g_object_new (PW_TYPE_BOARD_ACTION, "locality-id", id, "ref", a->ref,
                                                   "text", a->text, "owner", a->owner, "due", due,
                                                   "status", (gint64) a->status, "done", done,
                                                   "raised", g_ptr_array_index (dates, a->raised_at), NULL);

      if (!pw_store_put_action (store, row, NULL, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (b->risks) && b->risks[i].ref; i++)
    {
      const DemoRisk *r = &b->risks[i];
      g_autofree char *review = days_from (today, 30 + 15 * i);
      g_autoptr(PwBoardRisk) row = g_object_new (PW_TYPE_BOARD_RISK, "locality-id", id, "ref", r->ref,
                                                 "description", r->text, "likelihood", (gint64) r->likelihood,
                                                 "impact", (gint64) r->impact, "target", (gint64) r->target,
                                                 "owner", r->owner, "review", review, NULL);

      if (!pw_store_put_risk (store, row, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_board (PwStore          *store,
           gint64            id,
           const DemoBoard  *b,
           GDateTime        *today,
           GError          **error)
{
  g_autoptr(GArray) member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *approved = days_from (today, -300), *review = days_from (today, 65);

  if (!pw_store_set_board_text (store, id, PW_BOARD_NAME, b->board, error) ||
      !pw_store_set_board_text (store, id, PW_BOARD_PURPOSE, b->purpose, error) ||
      !pw_store_set_board_text (store, id, PW_BOARD_REPORTS_TO, "Primary Care Commissioning Committee", error) ||
      !pw_store_set_board_text (store, id, PW_BOARD_FREQUENCY, "Every two months", error) ||
      !pw_store_set_board_text (store, id, PW_BOARD_TOR_VERSION, b->stages[1] >= 0 ? "1.2" : "0.1 (draft)", error) ||
      (b->stages[1] >= 0 && !pw_store_set_board_text (store, id, PW_BOARD_TOR_APPROVED, approved, error)) ||
      (b->stages[1] >= 0 && !pw_store_set_board_text (store, id, PW_BOARD_TOR_REVIEW, review, error)))
    return FALSE;
  for (guint s = 0; s < G_N_ELEMENTS (b->stages) && b->stages[s] >= 0; s++)
    {
      g_autofree char *on = days_from (today, -700 + 250 * (int) s);
      if (!pw_store_set_board_stage (store, id, b->stages[s], on,
                                     s == 0 ? "Board formed" : "Reviewed at the annual development session", error))
        return FALSE;
    }
  return add_members (store, id, b, member_ids, error) &&
         add_meetings (store, id, b, today, member_ids, dates, error) &&
         add_log (store, id, b, today, dates, error);
}

/* Gives each demo locality (@localities: name → id) its board. */
gboolean
pw_demo_load_boards (PwStore     *store,
                     GHashTable  *localities,
                     GError     **error)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  for (guint i = 0; i < G_N_ELEMENTS (boards); i++)
    {
      gint64 id = GPOINTER_TO_SIZE (g_hash_table_lookup (localities, boards[i].locality));

      if (id != 0 && !add_board (store, id, &boards[i], today, error))
        return FALSE;
    }
  return TRUE;
}

/* pw-board-dialogs.c — adding and correcting a board's members, stage,
 * meetings, decisions, risks and priorities
 *
 * Each is a PwBoardForm: the fields checked as typed, then one store call.
 * A correction (a member, a meeting, a risk) and a member's leaving are
 * announced in a toast whose Undo puts the row back as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-board-dialogs.h"
#include "pw-board-form.h"
#include "pw-parse.h"
#include "pw-ui-util.h"

/* What a form is for: the row it corrects (NULL for a new one). */
typedef struct
{
  GtkWidget *from;             /* owned: where the toast goes */
  PwStore *store;              /* owned */
  gint64 locality_id;
  gint64 id;                   /* a meeting's, for a decision */
  PwRow *old;                  /* owned, nullable */
} Ctx;

static void
ctx_free (gpointer data)
{
  Ctx *ctx = data;

  g_object_unref (ctx->from);
  g_object_unref (ctx->store);
  g_clear_object (&ctx->old);
  g_free (ctx);
}

static Ctx *
ctx_new (GtkWidget *from,
         PwStore   *store,
         gint64     locality_id,
         gpointer   old)
{
  Ctx *ctx = g_new0 (Ctx, 1);

  ctx->from = g_object_ref (from);
  ctx->store = g_object_ref (store);
  ctx->locality_id = locality_id;
  ctx->old = old ? g_object_ref (old) : NULL;
  return ctx;
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* ------------------------------------------------------------------ */
/* Undo                                                                */

typedef struct
{
  PwStore *store;
  PwRow *old;
  PwBoardRestoreFunc restore;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *u = data;

  g_object_unref (u->store);
  g_object_unref (u->old);
  g_free (u);
}

static void
undo_cb (gpointer data)
{
  Undo *u = data;
  g_autoptr(GError) error = NULL;

  if (!u->restore (u->store, u->old, &error))
    g_warning ("Undo failed: %s", error->message);
}

/**
 * pw_board_undo_toast:
 * Shows @title from @from with an Undo that calls @restore with @old, the
 * row as it was.
 */
void
pw_board_undo_toast (GtkWidget          *from,
                     const char         *title,
                     PwStore            *store,
                     PwRow              *old,
                     PwBoardRestoreFunc  restore)
{
  Undo *u = g_new0 (Undo, 1);

  u->store = g_object_ref (store);
  u->old = g_object_ref (old);
  u->restore = restore;
  pw_toast_with_undo (from, title, undo_cb, u, undo_free);
}

static void
toast_undo (Ctx                *ctx,
            const char         *title,
            PwBoardRestoreFunc  restore)
{
  pw_board_undo_toast (ctx->from, title, ctx->store, ctx->old, restore);
}

/* ------------------------------------------------------------------ */
/* Members                                                             */

static gboolean
restore_member (PwStore  *store,
                PwRow    *old,
                GError  **error)
{
  return pw_store_update_member (store, pw_row_get_int (old, PW_BOARD_MEMBER_ID), PW_BOARD_MEMBER (old), error);
}

static gboolean
restore_left (PwStore  *store,
              PwRow    *old,
              GError  **error)
{
  return pw_store_set_member_left (store, pw_row_get_int (old, PW_BOARD_MEMBER_ID),
                                   pw_row_get_string (old, PW_BOARD_MEMBER_LEFT), error);
}

static gboolean
apply_member (PwBoardForm  *form,
              gpointer      data,
              GError      **error)
{
  Ctx *ctx = data;
  g_autoptr(PwBoardMember) member = NULL;
  g_autofree char *title = NULL;

  member = g_object_new (PW_TYPE_BOARD_MEMBER, "locality-id", ctx->locality_id,
                         "name", pw_board_form_get_text (form, "name"),
                         "organisation", pw_board_form_get_text (form, "organisation"),
                         "sector", (gint64) pw_board_form_get_int (form, "sector"),
                         "role", (gint64) pw_board_form_get_int (form, "role"),
                         "represents", pw_board_form_get_text (form, "represents"),
                         "joined", pw_board_form_get_text (form, "joined"),
                         "left", pw_board_form_get_text (form, "left"), NULL);
  if (ctx->old == NULL)
    {
      if (!pw_store_put_member (ctx->store, member, NULL, error))
        return FALSE;
      title = g_strdup_printf (_("%s added to the board"), pw_board_form_get_text (form, "name"));
      pw_toast_show (ctx->from, title);
      return TRUE;
    }
  if (!pw_store_update_member (ctx->store, pw_row_get_int (ctx->old, PW_BOARD_MEMBER_ID), member, error))
    return FALSE;
  title = g_strdup_printf (_("%s changed"), pw_board_form_get_text (form, "name"));
  toast_undo (ctx, title, restore_member);
  return TRUE;
}

/**
 * pw_board_edit_member:
 * @member: (nullable): the member to correct, or %NULL for a new one
 */
void
pw_board_edit_member (GtkWidget     *from,
                      PwStore       *store,
                      gint64         locality_id,
                      PwBoardMember *member)
{
  PwRow *r = member ? PW_ROW (member) : NULL;
  PwBoardForm *form = pw_board_form_new (from, member ? _("Board Member") : _("New Board Member"),
                                         member ? _("Correct the member’s details. A member who leaves is kept: "
                                                    "give the date they left.")
                                                : _("Someone who sits on the board, from a partner organisation."),
                                         member ? _("_Save") : _("_Add"));

  pw_board_form_add_entry (form, "name", _("_Name"), PW_BOARD_INPUT_NAME,
                           r ? pw_row_get_string (r, PW_BOARD_MEMBER_NAME) : "");
  pw_board_form_add_entry (form, "organisation", _("_Organisation"), PW_BOARD_INPUT_NAME,
                           r ? pw_row_get_string (r, PW_BOARD_MEMBER_ORGANISATION) : "");
  pw_board_form_add_choice (form, "sector", _("_Sector"), pw_sector_name, PW_N_SECTORS,
                            r ? pw_row_get_int (r, PW_BOARD_MEMBER_SECTOR) : PW_SECTOR_PRIMARY_CARE);
  pw_board_form_add_choice (form, "role", _("_Role on the board"), pw_board_role_name, PW_N_BOARD_ROLES,
                            r ? pw_row_get_int (r, PW_BOARD_MEMBER_ROLE) : PW_BOARD_ROLE_MEMBER);
  pw_board_form_add_entry (form, "represents", _("_Represents"), PW_BOARD_INPUT_TEXT,
                           r ? pw_row_get_string (r, PW_BOARD_MEMBER_REPRESENTS) : "");
  pw_board_form_add_entry (form, "joined", _("_Joined (DD/MM/YYYY)"), PW_BOARD_INPUT_DATE,
                           r ? pw_row_get_string (r, PW_BOARD_MEMBER_JOINED) : "");
  if (member != NULL)
    pw_board_form_add_entry (form, "left", _("_Left (DD/MM/YYYY)"), PW_BOARD_INPUT_DATE,
                             pw_row_get_string (r, PW_BOARD_MEMBER_LEFT));
  pw_board_form_run (form, apply_member, ctx_new (from, store, locality_id, member), ctx_free);
}

static gboolean
apply_leaves (PwBoardForm  *form,
              gpointer      data,
              GError      **error)
{
  Ctx *ctx = data;
  g_autofree char *title = NULL;

  if (!pw_store_set_member_left (ctx->store, pw_row_get_int (ctx->old, PW_BOARD_MEMBER_ID),
                                 pw_board_form_get_text (form, "left"), error))
    return FALSE;
  title = g_strdup_printf (_("%s left the board"), pw_row_get_string (ctx->old, PW_BOARD_MEMBER_NAME));
  toast_undo (ctx, title, restore_left);
  return TRUE;
}

/* Records that @member left (today unless told otherwise): they are kept,
 * among the former members, with the meetings they attended. */
void
pw_board_member_leaves (GtkWidget     *from,
                        PwStore       *store,
                        PwBoardMember *member)
{
  g_autofree char *today = today_iso ();
  g_autofree char *heading = g_strdup_printf (_("%s Leaves the Board"),
                                              pw_row_get_string (PW_ROW (member), PW_BOARD_MEMBER_NAME));
  PwBoardForm *form = pw_board_form_new (from, heading,
                                         _("They are kept among the former members, with the meetings they attended."),
                                         _("_Record"));

  pw_board_form_add_entry (form, "left", _("_Left on (DD/MM/YYYY)"), PW_BOARD_INPUT_DAY, today);
  pw_board_form_run (form, apply_leaves,
                     ctx_new (from, store, pw_row_get_int (PW_ROW (member), PW_BOARD_MEMBER_LOCALITY_ID), member),
                     ctx_free);
}

/* ------------------------------------------------------------------ */
/* Stage                                                               */

static gboolean
apply_stage (PwBoardForm  *form,
             gpointer      data,
             GError      **error)
{
  Ctx *ctx = data;
  g_autofree char *title = NULL;
  int stage = pw_board_form_get_int (form, "stage");

  if (!pw_store_set_board_stage (ctx->store, ctx->locality_id, stage, pw_board_form_get_text (form, "date"),
                                 pw_board_form_get_text (form, "why"), error))
    return FALSE;
  title = g_strdup_printf (_("Stage recorded: %s"), pw_board_stage_name (stage));
  pw_toast_show (ctx->from, title);
  return TRUE;
}

/* Records the board's move to a stage (offered: the one after @stage). */
void
pw_board_record_stage (GtkWidget *from,
                       PwStore   *store,
                       gint64     locality_id,
                       int        stage)
{
  g_autofree char *today = today_iso ();
  PwBoardForm *form = pw_board_form_new (from, _("Stage of Development"),
                                         _("The stage the board reached, when, and why: kept as a dated history "
                                           "for the committee."),
                                         _("_Record"));

  pw_board_form_add_choice (form, "stage", _("_Stage"), pw_board_stage_name, PW_N_STAGES, MIN (stage + 1, PW_N_STAGES - 1));
  pw_board_form_add_entry (form, "date", _("_Reached on (DD/MM/YYYY)"), PW_BOARD_INPUT_DAY, today);
  pw_board_form_add_entry (form, "why", _("_Why"), PW_BOARD_INPUT_TEXT, "");
  pw_board_form_run (form, apply_stage, ctx_new (from, store, locality_id, NULL), ctx_free);
}

/* ------------------------------------------------------------------ */
/* Meetings and decisions                                              */

static gboolean
restore_meeting (PwStore  *store,
                 PwRow    *old,
                 GError  **error)
{
  return pw_store_set_meeting (store, pw_row_get_int (old, PW_BOARD_MEETING_ID),
                               pw_row_get_string (old, PW_BOARD_MEETING_DATE),
                               pw_row_get_int (old, PW_BOARD_MEETING_QUORATE),
                               pw_row_get_string (old, PW_BOARD_MEETING_NOTES), error);
}

static gboolean
apply_meeting (PwBoardForm  *form,
               gpointer      data,
               GError      **error)
{
  Ctx *ctx = data;
  const char *date = pw_board_form_get_text (form, "date");
  g_autofree char *shown = pw_format_date (date), *title = NULL;

  if (ctx->old == NULL)
    {
      if (!pw_store_add_meeting (ctx->store, ctx->locality_id, date, pw_board_form_get_int (form, "quorate"),
                                 pw_board_form_get_text (form, "notes"), NULL, error))
        return FALSE;
      title = g_strdup_printf (_("Meeting of %s added: tick who attended"), shown);
      pw_toast_show (ctx->from, title);
      return TRUE;
    }
  if (!pw_store_set_meeting (ctx->store, pw_row_get_int (ctx->old, PW_BOARD_MEETING_ID), date,
                             pw_board_form_get_int (form, "quorate"), pw_board_form_get_text (form, "notes"), error))
    return FALSE;
  title = g_strdup_printf (_("Meeting of %s changed"), shown);
  toast_undo (ctx, title, restore_meeting);
  return TRUE;
}

/**
 * pw_board_edit_meeting:
 * @meeting: (nullable): the meeting to correct, or %NULL for a new one
 */
void
pw_board_edit_meeting (GtkWidget      *from,
                       PwStore        *store,
                       gint64          locality_id,
                       PwBoardMeeting *meeting)
{
  PwRow *r = meeting ? PW_ROW (meeting) : NULL;
  g_autofree char *today = today_iso ();
  PwBoardForm *form = pw_board_form_new (from, meeting ? _("Board Meeting") : _("New Board Meeting"),
                                         _("Attendance and decisions are recorded on the meeting in the list."),
                                         meeting ? _("_Save") : _("_Add"));

  pw_board_form_add_entry (form, "date", _("_Held on (DD/MM/YYYY)"), PW_BOARD_INPUT_DAY,
                           r ? pw_row_get_string (r, PW_BOARD_MEETING_DATE) : today);
  pw_board_form_add_switch (form, "quorate", _("_Quorate"), r ? pw_row_get_int (r, PW_BOARD_MEETING_QUORATE) : TRUE);
  pw_board_form_add_entry (form, "notes", _("_Notes"), PW_BOARD_INPUT_TEXT,
                           r ? pw_row_get_string (r, PW_BOARD_MEETING_NOTES) : "");
  pw_board_form_run (form, apply_meeting, ctx_new (from, store, locality_id, meeting), ctx_free);
}

static gboolean
apply_decision (PwBoardForm  *form,
                gpointer      data,
                GError      **error)
{
  Ctx *ctx = data;
  g_autofree char *title = NULL;

  if (!pw_store_add_decision (ctx->store, ctx->id, pw_board_form_get_text (form, "ref"),
                              pw_board_form_get_text (form, "text"), error))
    return FALSE;
  title = g_strdup_printf (_("Decision %s recorded"), pw_board_form_get_text (form, "ref"));
  pw_toast_show (ctx->from, title);
  return TRUE;
}

/* Records a decision of @meeting_id, under the reference @ref offered. */
void
pw_board_add_decision (GtkWidget  *from,
                       PwStore    *store,
                       gint64      meeting_id,
                       const char *ref)
{
  PwBoardForm *form = pw_board_form_new (from, _("New Decision"), _("A decision the meeting took."), _("_Add"));
  Ctx *ctx = ctx_new (from, store, 0, NULL);

  ctx->id = meeting_id;
  pw_board_form_add_entry (form, "ref", _("_Reference"), PW_BOARD_INPUT_TEXT, ref);
  pw_board_form_add_entry (form, "text", _("_Decision"), PW_BOARD_INPUT_NAME, "");
  pw_board_form_run (form, apply_decision, ctx, ctx_free);
  gtk_widget_grab_focus (pw_board_form_get_field (form, "text"));
}

/* ------------------------------------------------------------------ */
/* Risks                                                               */

static gboolean
restore_risk (PwStore  *store,
              PwRow    *old,
              GError  **error)
{
  return pw_store_put_risk (store, PW_BOARD_RISK (old), NULL, error);
}

static gboolean
apply_risk (PwBoardForm  *form,
            gpointer      data,
            GError      **error)
{
  Ctx *ctx = data;
  const char *ref = pw_board_form_get_text (form, "ref");
  g_autoptr(PwBoardRisk) risk = NULL;
  g_autofree char *title = NULL;

  risk = g_object_new (PW_TYPE_BOARD_RISK, "locality-id", ctx->locality_id, "ref", ref,
                       "description", pw_board_form_get_text (form, "description"),
                       "likelihood", (gint64) pw_board_form_get_int (form, "likelihood"),
                       "impact", (gint64) pw_board_form_get_int (form, "impact"),
                       "target", (gint64) pw_board_form_get_int (form, "target"),
                       "owner", pw_board_form_get_text (form, "owner"),
                       "review", pw_board_form_get_text (form, "review"), NULL);
  if (!pw_store_put_risk (ctx->store, risk, NULL, error))
    return FALSE;
  title = g_strdup_printf (ctx->old ? _("Risk %s changed") : _("Risk %s added"), ref);
  if (ctx->old != NULL)
    toast_undo (ctx, title, restore_risk);
  else
    pw_toast_show (ctx->from, title);
  return TRUE;
}

/* A new risk's reference: the locality's prefix and the next number. */
static char *
next_risk_ref (GListModel *risks,
               GPtrArray  *taken)
{
  g_autofree char *prefix = NULL;
  guint n = risks ? g_list_model_get_n_items (risks) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRow) r = g_list_model_get_item (risks, i);
      const char *ref = pw_row_get_string (r, PW_BOARD_RISK_REF);
      const char *dash = strrchr (ref, '-');

      g_ptr_array_add (taken, g_strdup (ref));
      if (prefix == NULL && dash != NULL)
        prefix = g_strndup (ref, dash - ref + 1);
    }
  for (guint k = n + 1;; k++)
    {
      g_autofree char *ref = g_strdup_printf ("%sR%u", prefix ? prefix : "", k);
      gboolean used = FALSE;

      for (guint i = 0; i < taken->len && !used; i++)
        used = g_ascii_strcasecmp (taken->pdata[i], ref) == 0;
      if (!used)
        return g_steal_pointer (&ref);
    }
}

/**
 * pw_board_edit_risk:
 * @risk: (nullable): the risk to correct, or %NULL for a new one
 * @risks: the register, whose references a new risk may not take
 */
void
pw_board_edit_risk (GtkWidget   *from,
                    PwStore     *store,
                    gint64       locality_id,
                    PwBoardRisk *risk,
                    GListModel  *risks)
{
  PwRow *r = risk ? PW_ROW (risk) : NULL;
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ref = r ? g_strdup (pw_row_get_string (r, PW_BOARD_RISK_REF)) : next_risk_ref (risks, taken);
  g_autofree char *likelihood = r ? g_strdup_printf ("%d", (int) pw_row_get_int (r, PW_BOARD_RISK_LIKELIHOOD)) : NULL;
  g_autofree char *impact = r ? g_strdup_printf ("%d", (int) pw_row_get_int (r, PW_BOARD_RISK_IMPACT)) : NULL;
  g_autofree char *target = r && pw_row_get_int (r, PW_BOARD_RISK_TARGET) > 0
                              ? g_strdup_printf ("%d", (int) pw_row_get_int (r, PW_BOARD_RISK_TARGET)) : NULL;
  PwBoardForm *form = pw_board_form_new (from, risk ? _("Risk") : _("New Risk"),
                                         _("Likelihood and impact from 1 to 5 each; the score is the two multiplied, "
                                           "as on the NHS 5×5 risk matrix."),
                                         risk ? _("_Save") : _("_Add"));
  GtkWidget *ref_row = pw_board_form_add_entry (form, "ref", _("_Reference"), PW_BOARD_INPUT_NAME, ref);

  pw_board_form_add_entry (form, "description", _("_Risk"), PW_BOARD_INPUT_NAME,
                           r ? pw_row_get_string (r, PW_BOARD_RISK_DESCRIPTION) : "");
  pw_board_form_add_entry (form, "likelihood", _("_Likelihood (1 to 5)"), PW_BOARD_INPUT_SCORE, likelihood);
  pw_board_form_add_entry (form, "impact", _("_Impact (1 to 5)"), PW_BOARD_INPUT_SCORE, impact);
  pw_board_form_add_entry (form, "target", _("_Target score (1 to 25)"), PW_BOARD_INPUT_TARGET, target);
  pw_board_form_add_entry (form, "owner", _("_Owner"), PW_BOARD_INPUT_TEXT,
                           r ? pw_row_get_string (r, PW_BOARD_RISK_OWNER) : "");
  pw_board_form_add_entry (form, "review", _("Re_view by (DD/MM/YYYY)"), PW_BOARD_INPUT_DATE,
                           r ? pw_row_get_string (r, PW_BOARD_RISK_REVIEW) : "");
  /* a risk is known by its reference: a correction keeps it */
  if (risk != NULL)
    gtk_editable_set_editable (GTK_EDITABLE (ref_row), FALSE);
  else
    pw_board_form_set_taken (form, "ref", taken);
  pw_board_form_run (form, apply_risk, ctx_new (from, store, locality_id, risk), ctx_free);
  gtk_widget_grab_focus (pw_board_form_get_field (form, "description"));
}

/* ------------------------------------------------------------------ */
/* Priorities                                                          */

/* The RAG choices: red, amber, green, then "not rated" (stored as -1). */
const char *
pw_board_rag_choice_name (int i)
{
  return i < PW_N_RAGS ? pw_rag_name (i) : _("Not rated");
}

static gboolean
apply_priority (PwBoardForm  *form,
                gpointer      data,
                GError      **error)
{
  Ctx *ctx = data;
  int rag = pw_board_form_get_int (form, "rag");

  if (!pw_store_add_priority (ctx->store, ctx->locality_id, ctx->id, pw_board_form_get_text (form, "theme"),
                              pw_board_form_get_text (form, "text"), rag >= PW_N_RAGS ? -1 : rag, error))
    return FALSE;
  pw_toast_show (ctx->from, _("Priority added"));
  return TRUE;
}

/* Adds one of the board's priorities for @year. */
void
pw_board_add_priority (GtkWidget *from,
                       PwStore   *store,
                       gint64     locality_id,
                       int        year)
{
  g_autofree char *fy = pw_format_year (year);
  g_autofree char *body = g_strdup_printf (_("A priority of the board for %s, with its RAG status."), fy);
  PwBoardForm *form = pw_board_form_new (from, _("New Priority"), body, _("_Add"));
  Ctx *ctx = ctx_new (from, store, locality_id, NULL);

  ctx->id = year;
  pw_board_form_add_entry (form, "theme", _("_Theme"), PW_BOARD_INPUT_TEXT, "");
  pw_board_form_add_entry (form, "text", _("_Priority"), PW_BOARD_INPUT_NAME, "");
  pw_board_form_add_choice (form, "rag", _("_RAG status"), pw_board_rag_choice_name, PW_N_RAGS + 1, PW_N_RAGS);
  pw_board_form_run (form, apply_priority, ctx, ctx_free);
}

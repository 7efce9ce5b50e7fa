/* pw-pcn-actions.c — archive, merge and delete a PCN, and merge and delete
 * a locality, from the window
 *
 * Each asks first (what is destructive says so), calls the store, and
 * raises a toast whose Undo hands the store's PwStoreUndo back to it.
 * Refusals (a PCN with returns cannot be deleted, two returns for one year
 * cannot be merged, a locality with a board cannot be removed) come back
 * from the store as messages that say why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-archive-dialog.h"
#include "pw-merge-dialog.h"
#include "pw-parse.h"
#include "pw-pcn-actions.h"
#include "pw-ui-util.h"

typedef enum { OP_ARCHIVE, OP_UNARCHIVE, OP_MERGE, OP_DELETE, OP_MERGE_LOCALITY, OP_DELETE_LOCALITY } Op;

/* What a dialog's answer, or a toast's Undo, works on. */
typedef struct
{
  Op op;
  GtkWidget *from;             /* owned: inside the window's toast overlay */
  PwStore *store;              /* owned */
  GObject *subject;            /* owned: the PwPcn or PwLocality; NULL in a toast's */
  PwStoreUndo *undo;           /* owned, NULL until done */
} Ctx;

static Ctx *
ctx_new (Op         op,
         GtkWidget *from,
         PwStore   *store,
         gpointer   subject)
{
  Ctx *ctx = g_new0 (Ctx, 1);

  ctx->op = op;
  ctx->from = g_object_ref (from);
  ctx->store = g_object_ref (store);
  ctx->subject = subject ? g_object_ref (subject) : NULL;
  return ctx;
}

static void
ctx_free (gpointer data)
{
  Ctx *ctx = data;

  g_object_unref (ctx->from);
  g_object_unref (ctx->store);
  g_clear_object (&ctx->subject);
  g_clear_pointer (&ctx->undo, pw_store_undo_free);
  g_free (ctx);
}

static void
ctx_closure_free (gpointer data,
                  GClosure *closure)
{
  ctx_free (data);
}

static void
undo_cb (gpointer data)
{
  Ctx *ctx = data;
  g_autoptr(GError) error = NULL;

  if (!pw_store_undo (ctx->store, ctx->undo, &error))
    pw_show_error (ctx->from, _("Not Undone"), error);
}

/* Ends an operation: a toast with Undo, or the refusal in a dialog. */
static void
done (Ctx         *ctx,
      gboolean     ok,
      PwStoreUndo *undo,
      const char  *failed,
      GError      *error)
{
  Ctx *toast_ctx;

  if (!ok)
    {
      pw_show_error (ctx->from, failed, error);
      return;
    }
  toast_ctx = ctx_new (ctx->op, ctx->from, ctx->store, NULL);
  toast_ctx->undo = undo;
  pw_toast_with_undo (ctx->from, pw_store_undo_get_summary (undo), undo_cb, toast_ctx, ctx_free);
}

/* Does what @ctx says, with the choice made in @dialog (if any). */
static void
perform (Ctx              *ctx,
         AdwMessageDialog *dialog)
{
  static const char *failed[] = { N_("PCN Not Archived"), N_("PCN Not Unarchived"),
                                  N_("PCNs Not Merged"), N_("PCN Not Deleted"),
                                  N_("Localities Not Merged"), N_("Locality Not Deleted") };
  g_autoptr(GError) error = NULL;
  PwStoreUndo *undo = NULL;
  gint64 id = PW_IS_PCN (ctx->subject) ? pw_pcn_get_id (PW_PCN (ctx->subject))
                                       : pw_locality_get_id (PW_LOCALITY (ctx->subject));
  gint64 into = PW_IS_MERGE_DIALOG (dialog) ? pw_merge_dialog_get_into_id (PW_MERGE_DIALOG (dialog)) : 0;
  gboolean ok = FALSE;

  switch (ctx->op)
    {
    case OP_ARCHIVE:
      ok = pw_store_archive_pcn (ctx->store, id, pw_archive_dialog_get_year (PW_ARCHIVE_DIALOG (dialog)), &undo, &error);
      break;
    case OP_UNARCHIVE:
      ok = pw_store_archive_pcn (ctx->store, id, 0, &undo, &error);
      break;
    case OP_MERGE:
      ok = pw_store_merge_pcn (ctx->store, id, into, &undo, &error);
      break;
    case OP_DELETE:
      ok = pw_store_delete_pcn (ctx->store, id, &undo, &error);
      break;
    case OP_MERGE_LOCALITY:
      ok = pw_store_merge_locality (ctx->store, id, into, &undo, &error);
      break;
    case OP_DELETE_LOCALITY:
      ok = pw_store_delete_locality (ctx->store, id, &undo, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  done (ctx, ok, undo, _(failed[ctx->op]), error);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Ctx              *ctx)
{
  if (g_strcmp0 (response, "cancel") == 0 ||
      (PW_IS_MERGE_DIALOG (dialog) && pw_merge_dialog_get_into_id (PW_MERGE_DIALOG (dialog)) == 0))
    return;
  perform (ctx, dialog);
}

static void
ask (gpointer  dialog,
     Ctx      *ctx)
{
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response_cb), ctx, ctx_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Archives a PCN from a year chosen in a dialog, or reopens an archived
 * one at once (nothing is lost by reopening). */
void
pw_pcn_actions_archive (GtkWidget *from,
                        PwStore   *store,
                        PwPcn     *pcn)
{
  Ctx *ctx;

  g_return_if_fail (GTK_IS_WIDGET (from) && PW_IS_STORE (store) && PW_IS_PCN (pcn));

  if (pw_pcn_get_number (pcn, PW_PCN_ARCHIVED_FROM) != 0)
    {
      ctx = ctx_new (OP_UNARCHIVE, from, store, pcn);
      perform (ctx, NULL);
      ctx_free (ctx);
      return;
    }
  ask (pw_archive_dialog_new (GTK_WINDOW (gtk_widget_get_root (from)), pcn, pw_current_year ()),
       ctx_new (OP_ARCHIVE, from, store, pcn));
}

/* Merges the PCN into one picked from a searchable list (Merge is enabled
 * only once one is picked). */
void
pw_pcn_actions_merge (GtkWidget *from,
                      PwStore   *store,
                      PwPcn     *pcn)
{
  g_return_if_fail (GTK_IS_WIDGET (from) && PW_IS_STORE (store) && PW_IS_PCN (pcn));

  ask (pw_merge_dialog_new (GTK_WINDOW (gtk_widget_get_root (from)), store, pcn),
       ctx_new (OP_MERGE, from, store, pcn));
}

/* Asks "@heading" with @body before deleting; Cancel is the default. */
static GtkWidget *
delete_dialog_new (GtkWidget  *from,
                   const char *heading,
                   const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (from)), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

void
pw_pcn_actions_delete (GtkWidget *from,
                       PwStore   *store,
                       PwPcn     *pcn)
{
  gint64 n = pw_pcn_get_number (pcn, PW_PCN_PRACTICE_COUNT);
  g_autofree char *heading = NULL, *body = NULL;

  g_return_if_fail (GTK_IS_WIDGET (from) && PW_IS_STORE (store) && PW_IS_PCN (pcn));

  heading = g_strdup_printf (_("Delete %s?"), pw_pcn_get_text (pcn, PW_PCN_NAME));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "For a PCN made by mistake. Its %d practice stays, with no PCN. A PCN with "
                                       "returns or funding cannot be deleted: archive it, or merge it into the PCN "
                                       "that took it over.",
                                       "For a PCN made by mistake. Its %d practices stay, with no PCN. A PCN with "
                                       "returns or funding cannot be deleted: archive it, or merge it into the PCN "
                                       "that took it over.", n), (int) n);
  ask (delete_dialog_new (from, heading, body), ctx_new (OP_DELETE, from, store, pcn));
}

/* How many PCNs, open or archived, are in the locality @locality_id. */
static guint
count_pcns (PwStore *store,
            gint64   locality_id)
{
  GListModel *pcns = pw_store_get_pcns (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (pcns, i);
      n += pw_pcn_get_number (pcn, PW_PCN_LOCALITY_ID) == locality_id;
    }
  return n;
}

/* Merges the locality into one picked from a list; the dialog says how
 * many PCNs move. */
void
pw_pcn_actions_merge_locality (GtkWidget  *from,
                               PwStore    *store,
                               PwLocality *locality)
{
  g_return_if_fail (GTK_IS_WIDGET (from) && PW_IS_STORE (store) && PW_IS_LOCALITY (locality));

  ask (pw_merge_dialog_new_locality (GTK_WINDOW (gtk_widget_get_root (from)), store, locality,
                                     count_pcns (store, pw_locality_get_id (locality))),
       ctx_new (OP_MERGE_LOCALITY, from, store, locality));
}

/* Deletes a locality made by mistake; the store refuses one with PCNs or
 * a board, saying so. */
void
pw_pcn_actions_delete_locality (GtkWidget  *from,
                                PwStore    *store,
                                PwLocality *locality)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (GTK_IS_WIDGET (from) && PW_IS_STORE (store) && PW_IS_LOCALITY (locality));

  heading = g_strdup_printf (_("Delete the Locality “%s”?"), pw_locality_get_name (locality));
  ask (delete_dialog_new (from, heading,
                          _("For a locality made by mistake, with no PCNs. A locality with PCNs can be merged into "
                            "another instead; one with a locality board is kept.")),
       ctx_new (OP_DELETE_LOCALITY, from, store, locality));
}

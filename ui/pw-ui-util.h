/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-form.h"
#include "pw-save-queue.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* Edits are saved from an idle of this priority: once the edit is whole,
 * but before the next frame is drawn, so that a machine slow to redraw
 * cannot hold a save back (redraws run at G_PRIORITY_HIGH_IDLE + 20). */
#define PW_SAVE_PRIORITY G_PRIORITY_HIGH_IDLE

typedef void (*PwUndoFunc) (gpointer data);

void     pw_toast_show        (GtkWidget      *from,
                               const char     *title);
void     pw_toast_with_undo   (GtkWidget      *from,
                               const char     *title,
                               PwUndoFunc      undo,
                               gpointer        data,
                               GDestroyNotify  destroy);
void     pw_show_error        (GtkWidget      *from,
                               const char     *heading,
                               const GError   *error);
GtkLabel *pw_entry_row_add_hint (AdwEntryRow  *row);
gboolean pw_entry_row_check   (AdwEntryRow    *row,
                               PwFormKind      kind,
                               char          **out_text,
                               gint64         *out_number);
void     pw_entry_row_set_problem (AdwEntryRow *row,
                                   const char  *hint,
                                   const char  *message);

void     pw_ui_ensure_level_css   (void);
void     pw_list_box_clear        (GtkListBox   *box);
void     pw_ui_follow_store       (gpointer      owner,
                                   PwStore     **slot,
                                   PwStore      *store,
                                   GCallback     on_changed);
int      pw_ui_compare_pcns       (gconstpointer a,
                                   gconstpointer b,
                                   gpointer      data);
gboolean pw_ui_pcn_matches        (PwPcn        *pcn,
                                   const char   *query);
GtkWidget *pw_ui_heading_new       (void);
guint      pw_ui_list_rows_missing (GtkListView *list);
void     pw_ui_update_heading     (GtkWidget    *heading,
                                   GListModel   *model,
                                   GtkListItem  *item);
char    *pw_ui_format_timestamp   (const char *iso);
PwSaveResult pw_ui_save           (GtkWidget      *field,
                                   PwStore        *store,
                                   const char     *key,
                                   PwSaveFunc      func,
                                   gpointer        data,
                                   GDestroyNotify  destroy);
gboolean pw_ui_save_is_pending    (GtkWidget      *field);
void     pw_ui_resolve_conflict   (GtkWidget      *field,
                                   PwStore        *store,
                                   const char     *key,
                                   gboolean        keep_mine);
gboolean pw_ui_is_editing         (GtkWidget      *widget);
void       pw_ui_mark_unsaved     (GtkWidget      *field,
                                   gboolean        unsaved);
GtkWidget *pw_ui_find_unsaved     (GtkWidget      *under);
void       pw_ui_forget_unsaved   (GtkWidget      *under);
const char *pw_ui_field_label     (GtkWidget      *field);

G_END_DECLS

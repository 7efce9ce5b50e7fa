/* pw-locality-page-private.h — what the Locality page's files share
 *
 * PwLocalityPage's instance, the kinds of entry a row's bin button
 * removes, and the helpers of pw-locality-page.c that the Meetings tab
 * (pw-locality-page-meetings.c) uses, with its fill_meetings ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pw-action-log.h"
#include "pw-board-dialogs.h"
#include "pw-locality-page.h"
#include "pw-risk-matrix.h"
#include "pw-store-boards.h"

G_BEGIN_DECLS

#define N_TEXTS (PW_BOARD_TOR_REVIEW - PW_BOARD_NAME + 1)

struct _PwLocalityPage
{
  GtkWidget parent_instance;

  PwStore *store;              /* owned */
  gint64 locality_id;
  int year;
  gboolean loading;            /* filling the fields: not an edit */

  GtkLabel *title;
  GtkLabel *subtitle;
  GtkDropDown *locality_dropdown;
  AdwViewStack *view_stack;
  AdwEntryRow *name_row, *purpose_row, *reports_row, *frequency_row;
  AdwEntryRow *tor_version_row, *tor_approved_row, *tor_review_row;
  AdwPreferencesGroup *priorities_group;
  GPtrArray *priority_rows;    /* of PwBoardPriorityRow, borrowed: in the group */
  GtkBox *board_box;
  GtkBox *meetings_box;
  GHashTable *folded;          /* meeting ids the user folded or unfolded: id → expanded */
  PwActionLog *action_log;
  PwRiskMatrix *matrix;
  GtkLabel *risk_legend;
  GtkBox *risks_box;
  GtkBox *pcns_box;
  GtkButton *merge_button;
  GtkButton *delete_button;
};

/* How an entry of one kind (a stage, a decision, a priority) is removed
 * and put back, given as the PwRow the page's rows hold. */
typedef gboolean (*RemoveFunc) (PwStore *store, PwRow *entry, GError **error);

typedef struct
{
  RemoveFunc remove;
  PwBoardRestoreFunc restore;
  const char *removed;         /* the toast */
} EntryKind;

extern const EntryKind decision_kind;

AdwPreferencesGroup *add_group          (GtkBox               *box,
                                         const char           *title,
                                         const char           *description);
void                 add_heading_button (AdwPreferencesGroup  *group,
                                         const char           *label,
                                         const char           *action);
GtkWidget           *add_row_button     (GtkWidget            *row,
                                         const char           *icon,
                                         const char           *tooltip,
                                         gpointer              item,
                                         GCallback             callback,
                                         gpointer              self);
void                 add_remove_button  (PwLocalityPage       *self,
                                         GtkWidget            *row,
                                         gpointer              entry,
                                         const EntryKind      *kind,
                                         const char           *tooltip);
void                 fill_meetings      (PwLocalityPage       *self,
                                         GListModel           *actions);

G_END_DECLS

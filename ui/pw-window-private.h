/* pw-window-private.h — what the parts of PwWindow share
 *
 * PwWindow is one type written in several files: pw-window.c (the type,
 * the PCN list's model and the pages), pw-window-sidebar.c (the PCN list's
 * rows and its search), pw-window-leave.c (values that could not be
 * saved, closing, other programs' writes), pw-window-workbook.c (opening
 * workbooks, adding PCNs and localities), pw-window-tasks.c (import and
 * export off the main thread), pw-window-forms.c (return forms out and
 * back) and pw-window-locality.c (the Locality page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-locality-page.h"
#include "pw-maturity-page.h"
#include "pw-overview-page.h"
#include "pw-plan-page.h"
#include "pw-profile-page.h"
#include "pw-row-filler.h"
#include "pw-swot-page.h"
#include "pw-window.h"
#include "pw-workforce-page.h"

G_BEGIN_DECLS

#define FIRST_YEAR 2019        /* PCNs began in July 2019 */

/* Where the window is going when it must first ask about a value that
 * could not be saved. */
typedef enum { LEAVE_FOR_PCN, LEAVE_FOR_TAB, LEAVE_FOR_YEAR, LEAVE_TO_CLOSE } Leave;

struct _PwWindow
{
  AdwApplicationWindow parent_instance;

  PwStore *store;              /* owned */
  GSettings *settings;         /* owned */
  GtkCustomFilter *filter;     /* owned */
  GtkCustomSorter *sorter;     /* owned */
  GtkFilterListModel *filtered;/* owned */
  GtkSingleSelection *selection; /* owned */
  PwRowFiller *rows;           /* owned: fills the PCN list's bound rows */
  GPtrArray *dropped_rows;     /* owned: widgets of rows out of the PCN list, freed after the frame */
  guint drop_id;               /* frees them */
  GtkSliceListModel *first_rows; /* the list's rows until the first frame (held by the selection), or NULL */
  char *query;                 /* casefolded search text */
  guint search_id;             /* the search text changed: the list follows it in this idle */
  gboolean filtering;          /* the search is changing what the list shows */
  char *last_export;           /* owned: the file the last export wrote */
  GCancellable *task_cancellable; /* owned while import or export runs */

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  AdwHeaderBar *sidebar_header;
  AdwHeaderBar *content_header;
  GtkWidget *back_button;
  GtkWidget *sidebar_menu_button;
  GtkWidget *content_menu_button;
  GMenuModel *primary_menu;
  GMenuModel *add_menu;
  GtkWidget *add_button;
  GtkStack *sidebar_stack;
  GtkStack *content_stack;
  AdwWindowTitle *sidebar_title;
  AdwViewSwitcherTitle *content_title;
  AdwViewSwitcherBar *switcher_bar;
  PwPcn *titled;               /* owned: the PCN the header names */
  AdwViewStack *pcn_stack;
  /* built at first need: pw_window_get_page() */
  PwMaturityPage *maturity_page;
  PwSwotPage *swot_page;
  PwPlanPage *plan_page;
  PwWorkforcePage *workforce_page;
  PwProfilePage *profile_page;
  PwLocalityPage *locality_page;
  PwOverviewPage *overview_page;
  GtkSearchEntry *search_entry;
  GtkListView *pcn_list;
  GtkDropDown *year_dropdown;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;

  guint poll_id;               /* looks for other programs' writes */
  guint close_check_id;        /* closing waits for edits still in idle */
  gboolean close_ready;        /* nothing waits, or the user chose to drop it */
  gboolean close_when_saved;   /* the user chose to keep trying, then close */
  AdwMessageDialog *close_dialog;
  GtkRevealer *pending_revealer;
  GtkLabel *pending_label;

  GArray *year_returns;        /* guint: how many returns each year of the menu holds */
  const char *tab;             /* interned: the PCN tab shown last */
  int year;                    /* the year shown last */
  gboolean going_back;         /* undoing a move the user is asked about */
  AdwMessageDialog *leave_dialog;
};

typedef void (*FileChosenFunc) (PwWindow *self, GFile *file);

/* pw-window.c */
PwPcn   *open_pcn           (PwWindow *self);
void     update_actions     (PwWindow *self);
void     reveal_bar         (GtkRevealer *revealer,
                             gboolean     reveal);
void     show_all_rows      (PwWindow *self);
void     show_stack_page    (PwWindow   *self,
                             GtkStack   *stack,
                             const char *name);

/* pw-window-sidebar.c */
void     pw_window_sidebar_init (PwWindow *self);
void     update_all_headings    (PwWindow *self);
void     on_items_changed_cb    (GListModel *model,
                                 guint       position,
                                 guint       removed,
                                 guint       added,
                                 PwWindow   *self);
void     on_search_changed_cb   (PwWindow *self);
void     on_search_activate_cb  (PwWindow *self);
void     on_search_stop_cb      (PwWindow *self);

/* pw-window-leave.c */
gboolean may_leave          (PwWindow   *self,
                             Leave       leave,
                             PwPcn      *to,
                             const char *tab);
gboolean ready_to_close     (PwWindow *self);
void     let_go_of_store    (PwWindow *self);
void     follow_saves       (PwWindow *self);
gboolean poll_cb            (gpointer  data);
void     on_active_cb       (PwWindow *self);

/* pw-window-workbook.c */
void     choose_file        (PwWindow             *self,
                             const char           *title,
                             GtkFileChooserAction  action,
                             const char           *pattern,
                             const char           *pattern_name,
                             const char           *suggested,
                             FileChosenFunc        func);
void     title_workbook     (PwWindow             *self);

/* pw-window-tasks.c */
void     set_busy           (PwWindow   *self,
                             const char *label);

/* pw-window-forms.c */
void     pw_window_forms_init (PwWindow *self);

/* pw-window-locality.c */
void     show_locality_page (PwWindow *self,
                             gint64    locality_id);
void     on_review_pcn_cb   (PwLocalityPage *page,
                             gint64          pcn_id,
                             PwWindow       *self);

/* Actions, installed in pw_window_class_init */
void     retry_saves        (GtkWidget *widget, const char *action, GVariant *param);
void     new_database       (GtkWidget *widget, const char *action, GVariant *param);
void     open_database      (GtkWidget *widget, const char *action, GVariant *param);
void     connect_team       (GtkWidget *widget, const char *action, GVariant *param);
void     create_default     (GtkWidget *widget, const char *action, GVariant *param);
void     load_demo          (GtkWidget *widget, const char *action, GVariant *param);
void     add_locality       (GtkWidget *widget, const char *action, GVariant *param);
void     add_pcn            (GtkWidget *widget, const char *action, GVariant *param);
void     import_profiles    (GtkWidget *widget, const char *action, GVariant *param);
void     export_appendix    (GtkWidget *widget, const char *action, GVariant *param);
void     export_review      (GtkWidget *widget, const char *action, GVariant *param);
void     cancel_task        (GtkWidget *widget, const char *action, GVariant *param);
void     open_export        (GtkWidget *widget, const char *action, GVariant *param);
void     show_export_folder (GtkWidget *widget, const char *action, GVariant *param);
void     show_locality      (GtkWidget *widget, const char *action, GVariant *param);
void     send_forms         (GtkWidget *widget, const char *action, GVariant *param);
void     import_forms       (GtkWidget *widget, const char *action, GVariant *param);
void     open_forms_folder  (GtkWidget *widget, const char *action, GVariant *param);

G_END_DECLS

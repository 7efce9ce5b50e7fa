/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-progress.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_IMPORT_ERROR (pw_import_error_quark ())

typedef enum
{
  PW_IMPORT_ERROR_HEADER,
  PW_IMPORT_ERROR_ROW,
} PwImportError;


typedef enum
{
  PW_IMPORT_PROFILES,
  PW_IMPORT_MATURITY,
  PW_IMPORT_ITEMS,
  PW_IMPORT_ARRS,
  PW_IMPORT_FUNDING,
  PW_IMPORT_BOARD_MEMBERS,
  PW_IMPORT_ACTIONS,
  PW_IMPORT_RISKS,
} PwImportKind;

typedef struct
{
  PwImportKind kind;
  guint rows;
  guint returns_added;         /* maturity */
  guint values_changed;        /* maturity: levels, evidence or support */
  guint items_added;           /* SWOT items or achievements */
  guint localities_added;
  guint pcns_added;
  guint pcns_changed;
  guint practices_added;
  guint practices_changed;
} PwImportSummary;

GQuark   pw_import_error_quark (void);
gboolean pw_import_profiles    (PwStore          *store,
                                const char       *path,
                                PwProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                PwImportSummary  *summary,
                                GError          **error);
gboolean pw_import_maturity    (PwStore          *store,
                                const char       *path,
                                PwProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                PwImportSummary  *summary,
                                GError          **error);
gboolean pw_import_swot        (PwStore          *store,
                                const char       *path,
                                PwProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                PwImportSummary  *summary,
                                GError          **error);
gboolean pw_import_achievements (PwStore         *store,
                                const char       *path,
                                PwProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                PwImportSummary  *summary,
                                GError          **error);
gboolean pw_import_arrs        (PwStore          *store,
                                const char       *path,
                                PwProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                PwImportSummary  *summary,
                                GError          **error);
gboolean pw_import_funding     (PwStore          *store,
                                const char       *path,
                                PwProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                PwImportSummary  *summary,
                                GError          **error);
gboolean pw_import_board_members (PwStore        *store,
                                  const char     *path,
                                  PwProgressFunc  progress,
                                  gpointer        progress_data,
                                  GCancellable   *cancellable,
                                  PwImportSummary *summary,
                                  GError        **error);
gboolean pw_import_actions     (PwStore          *store,
                                const char       *path,
                                PwProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                PwImportSummary  *summary,
                                GError          **error);
gboolean pw_import_risks       (PwStore          *store,
                                const char       *path,
                                PwProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                PwImportSummary  *summary,
                                GError          **error);
gboolean pw_import_any         (PwStore          *store,
                                const char       *path,
                                PwProgressFunc    progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                PwImportSummary  *summary,
                                GError          **error);
char    *pw_import_summary_describe (const PwImportSummary *summary);
char    *pw_import_suggest_roles    (GListModel            *roles,
                                     const char            *name);

G_END_DECLS

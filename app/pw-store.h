/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-arrs-role.h"
#include "pw-arrs-wte.h"
#include "pw-change.h"
#include "pw-funding.h"
#include "pw-workforce.h"
#include "pw-progress.h"
#include "pw-des-plan.h"
#include "pw-item.h"
#include "pw-plan.h"
#include "pw-plan-entry.h"
#include "pw-locality.h"
#include "pw-matrix.h"
#include "pw-maturity.h"
#include "pw-pcn.h"
#include "pw-practice.h"
#include "pw-return.h"

G_BEGIN_DECLS

#define PW_STORE_ERROR (pw_store_error_quark ())

typedef enum
{
  PW_STORE_ERROR_NOT_DATABASE,  /* not SQLite, or not ours */
  PW_STORE_ERROR_CORRUPT,
  PW_STORE_ERROR_NEWER,         /* made by a newer PCN Workbook */
  PW_STORE_ERROR_IO,
  PW_STORE_ERROR_INVALID,       /* a value the schema does not allow */
  PW_STORE_ERROR_EXISTS,        /* a code or name already in use */
  PW_STORE_ERROR_NOT_FOUND,
  PW_STORE_ERROR_LOCKED,        /* a reviewed return, to be reopened first */
  PW_STORE_ERROR_FAILED,
  PW_STORE_ERROR_READ_ONLY,     /* the file or its folder may not be written */
  PW_STORE_ERROR_PERMISSION,    /* the file may not be read */
  PW_STORE_ERROR_BUSY,          /* another program is writing: try again later */
  PW_STORE_ERROR_OFFLINE,       /* the team workbook's server went away: try again later */
  PW_STORE_ERROR_CONFLICT,      /* someone else changed the value since it was shown */
} PwStoreError;

/* The schema version this build writes; files from every earlier version
 * are migrated forward, files from a later one are refused. */
#define PW_STORE_SCHEMA_VERSION 10

/* One copy of a workbook in its backup folder. */
typedef struct
{
  char *path;
  char *date;                   /* "2026-11-26", from the copy's name */
  gint64 size;                  /* bytes */
  gint64 modified;              /* when it was written, Unix time */
} PwBackup;

void        pw_backup_free             (PwBackup    *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwBackup, pw_backup_free)

#define PW_TYPE_STORE (pw_store_get_type ())
G_DECLARE_FINAL_TYPE (PwStore, pw_store, PW, STORE, GObject)

GQuark      pw_store_error_quark       (void);
char       *pw_store_default_path      (void);
PwStore    *pw_store_open              (const char  *path,
                                        GError     **error);
PwStore    *pw_store_open_for_job      (const char  *path,
                                        GError     **error);
void        pw_store_follow_changes    (PwStore     *self);
gboolean    pw_store_is_team_uri       (const char  *path);
gboolean    pw_store_copy_into         (PwStore     *from,
                                        PwStore     *to,
                                        gint64      *out_rows,
                                        GError     **error);
const char *pw_store_get_path          (PwStore     *self);
gboolean    pw_store_is_offline        (PwStore     *self);
void        pw_store_set_user_name     (PwStore     *self,
                                        const char  *name);
const char *pw_store_get_user_name     (PwStore     *self);
int         pw_store_get_schema_version(PwStore     *self);
gboolean    pw_store_is_read_only      (PwStore     *self);

char       *pw_store_backup_dir        (PwStore     *self);
gboolean    pw_store_daily_backup      (PwStore     *self,
                                        GDateTime   *today,
                                        GError     **error);
const GError *pw_store_get_backup_error(PwStore     *self);
GPtrArray  *pw_store_list_backups      (PwStore     *self,
                                        GError     **error);
gboolean    pw_store_restore_backup    (PwStore     *self,
                                        const char  *backup,
                                        char       **out_saved,
                                        GError     **error);

gboolean    pw_store_begin             (PwStore     *self,
                                        GError     **error);
gboolean    pw_store_commit            (PwStore     *self,
                                        GError     **error);
void        pw_store_rollback          (PwStore     *self);
void        pw_store_reload            (PwStore     *self);

GListModel *pw_store_get_localities    (PwStore     *self);
GListModel *pw_store_get_pcns          (PwStore     *self);
PwPcn      *pw_store_find_pcn          (PwStore     *self,
                                        gint64       id);
PwPcn      *pw_store_find_pcn_by_code  (PwStore     *self,
                                        const char  *code);
PwLocality *pw_store_find_locality     (PwStore     *self,
                                        const char  *name);
GListModel *pw_store_list_practices    (PwStore     *self,
                                        gint64       pcn_id,
                                        GError     **error);
PwPractice *pw_store_find_practice     (PwStore     *self,
                                        const char  *code,
                                        GError     **error);
GListModel *pw_store_list_pcns_for_year(PwStore     *self,
                                        int          year,
                                        char       **out_as_at,
                                        GError     **error);
GListModel *pw_store_list_practices_for_year (PwStore  *self,
                                              gint64    pcn_id,
                                              int       year,
                                              GError  **error);

gboolean    pw_store_add_locality      (PwStore     *self,
                                        const char  *name,
                                        gint64      *out_id,
                                        GError     **error);
gboolean    pw_store_rename_locality   (PwStore     *self,
                                        gint64       id,
                                        const char  *name,
                                        GError     **error);
gboolean    pw_store_add_pcn           (PwStore     *self,
                                        const char  *code,
                                        const char  *name,
                                        gint64       locality_id,
                                        gint64      *out_id,
                                        GError     **error);
gboolean    pw_store_set_pcn_text      (PwStore     *self,
                                        gint64       id,
                                        PwPcnField   field,
                                        const char  *value,
                                        GError     **error);
gboolean    pw_store_set_pcn_number    (PwStore     *self,
                                        gint64       id,
                                        PwPcnField   field,
                                        gint64       value,
                                        GError     **error);
gboolean    pw_store_add_practice      (PwStore     *self,
                                        gint64       pcn_id,
                                        const char  *code,
                                        const char  *name,
                                        gint64       list_size,
                                        gint64      *out_id,
                                        GError     **error);
gboolean    pw_store_update_practice   (PwStore     *self,
                                        gint64       id,
                                        const char  *code,
                                        const char  *name,
                                        gint64       list_size,
                                        GError     **error);
gboolean    pw_store_move_practice     (PwStore     *self,
                                        gint64       id,
                                        gint64       pcn_id,
                                        GError     **error);
gboolean    pw_store_delete_practice   (PwStore     *self,
                                        gint64       id,
                                        GError     **error);

PwReturn   *pw_store_get_return        (PwStore         *self,
                                        gint64           pcn_id,
                                        int              year,
                                        GError         **error);
gboolean    pw_store_ensure_return     (PwStore         *self,
                                        gint64           pcn_id,
                                        int              year,
                                        gint64          *out_id,
                                        GError         **error);
GListModel *pw_store_list_returns      (PwStore         *self,
                                        int              year,
                                        GError         **error);
gboolean    pw_store_set_return_status (PwStore         *self,
                                        gint64           return_id,
                                        PwReturnStatus   status,
                                        const char      *reviewer,
                                        const char      *note,
                                        GError         **error);
GListModel *pw_store_list_maturity     (PwStore         *self,
                                        gint64           return_id,
                                        GError         **error);
gboolean    pw_store_set_maturity_level(PwStore         *self,
                                        gint64           return_id,
                                        guint            domain,
                                        int              level,
                                        GError         **error);
gboolean    pw_store_set_maturity_text (PwStore         *self,
                                        gint64           return_id,
                                        guint            domain,
                                        PwMaturityField  field,
                                        const char      *text,
                                        GError         **error);
GHashTable *pw_store_maturity_levels   (PwStore         *self,
                                        int              year,
                                        GError         **error);

/* A PCN's return in a year, as the overview shows it. */
typedef struct
{
  gint64 pcn_id;
  gint64 return_id;
  int status;                  /* PwReturnStatus */
  int levels[PW_N_DOMAINS];    /* half-steps, or PW_LEVEL_NONE */
} PwOverviewFigures;

GHashTable *pw_store_overview_figures  (PwStore         *self,
                                        int              year,
                                        GError         **error);
void        pw_store_set_change_source (PwStore         *self,
                                        const char      *source);
GListModel *pw_store_list_changes      (PwStore         *self,
                                        gint64           return_id,
                                        GError         **error);

GListModel *pw_store_list_items         (PwStore           *self,
                                         gint64             return_id,
                                         PwItemList         list,
                                         GError           **error);
gboolean    pw_store_add_item           (PwStore           *self,
                                         gint64             return_id,
                                         PwItemList         list,
                                         int                position,
                                         const char        *text,
                                         gint64            *out_id,
                                         GError           **error);
gboolean    pw_store_set_item_text      (PwStore           *self,
                                         gint64             item_id,
                                         const char        *text,
                                         GError           **error);
gboolean    pw_store_move_item          (PwStore           *self,
                                         gint64             item_id,
                                         int                position,
                                         GError           **error);
gboolean    pw_store_delete_item        (PwStore           *self,
                                         gint64             item_id,
                                         GError           **error);
GListModel *pw_store_list_des           (PwStore           *self,
                                         gint64             return_id,
                                         GError           **error);
gboolean    pw_store_set_des            (PwStore           *self,
                                         gint64             return_id,
                                         guint              spec,
                                         PwDesStatus        status,
                                         const char        *note,
                                         GError           **error);
GListModel *pw_store_list_entries       (PwStore           *self,
                                         gint64             return_id,
                                         PwEntryKind        kind,
                                         GError           **error);
gboolean    pw_store_add_entry          (PwStore           *self,
                                         gint64             return_id,
                                         PwEntryKind        kind,
                                         PwPlanEntry       *like,
                                         gint64            *out_id,
                                         GError           **error);
gboolean    pw_store_set_entry_text     (PwStore           *self,
                                         gint64             entry_id,
                                         PwPlanEntryField   field,
                                         const char        *text,
                                         GError           **error);
gboolean    pw_store_set_entry_number   (PwStore           *self,
                                         gint64             entry_id,
                                         PwPlanEntryField   field,
                                         gint64             value,
                                         GError           **error);
gboolean    pw_store_delete_entry       (PwStore           *self,
                                         gint64             entry_id,
                                         GError           **error);
gboolean    pw_store_copy_from_last_year(PwStore           *self,
                                         gint64             pcn_id,
                                         int                year,
                                         guint             *out_copied,
                                         GError           **error);

GListModel *pw_store_list_roles         (PwStore           *self,
                                         gboolean           include_retired,
                                         GError           **error);
GListModel *pw_store_list_roles_in_year (PwStore           *self,
                                         int                year,
                                         GError           **error);
PwArrsRole *pw_store_find_role          (PwStore           *self,
                                         const char        *name,
                                         GError           **error);
gboolean    pw_store_add_role           (PwStore           *self,
                                         const char        *name,
                                         int                first_year,
                                         gint64            *out_id,
                                         GError           **error);
gboolean    pw_store_rename_role        (PwStore           *self,
                                         gint64             role_id,
                                         const char        *name,
                                         GError           **error);
gboolean    pw_store_retire_role        (PwStore           *self,
                                         gint64             role_id,
                                         gboolean           retired,
                                         GError           **error);
gboolean    pw_store_delete_role        (PwStore           *self,
                                         gint64             role_id,
                                         GError           **error);
gboolean    pw_store_set_role_rate      (PwStore           *self,
                                         gint64             role_id,
                                         int                year,
                                         gint64             max_pence,
                                         GError           **error);
gint64      pw_store_role_rate          (PwStore           *self,
                                         gint64             role_id,
                                         int                year);
GListModel *pw_store_list_wte           (PwStore           *self,
                                         gint64             return_id,
                                         GError           **error);
GListModel *pw_store_wte_totals         (PwStore           *self,
                                         int                year,
                                         GError           **error);
gboolean    pw_store_set_wte            (PwStore           *self,
                                         gint64             return_id,
                                         gint64             role_id,
                                         int                in_post,
                                         int                headcount,
                                         int                planned,
                                         const char        *as_of,
                                         GError           **error);
gboolean    pw_store_set_wte_as_of      (PwStore           *self,
                                         gint64             return_id,
                                         const char        *as_of,
                                         GError           **error);
gboolean    pw_store_remove_wte         (PwStore           *self,
                                         gint64             return_id,
                                         gint64             role_id,
                                         GError           **error);
GListModel *pw_store_list_funding       (PwStore           *self,
                                         gint64             pcn_id,
                                         int                year,
                                         GError           **error);
gboolean    pw_store_set_funding        (PwStore           *self,
                                         gint64             pcn_id,
                                         int                year,
                                         PwFundingStream    stream,
                                         gint64             amount,
                                         gint64             rate,
                                         GError           **error);
gboolean    pw_store_clear_funding      (PwStore           *self,
                                         gint64             pcn_id,
                                         int                year,
                                         PwFundingStream    stream,
                                         GError           **error);

/* The contract by year (reference data): which DES specifications and
 * funding streams apply in a year, and the years of an ARRS role. */
typedef enum
{
  PW_CONTRACT_DES,             /* index: a DES specification (pw_store_contract_count) */
  PW_CONTRACT_STREAM,          /* index: a funding stream, the shipped ones a PwFundingStream */
} PwContractKind;

guint       pw_store_contract_count     (PwStore           *self,
                                         PwContractKind     kind);
const char *pw_store_contract_key       (PwStore           *self,
                                         PwContractKind     kind,
                                         guint              index);
const char *pw_store_contract_name      (PwStore           *self,
                                         PwContractKind     kind,
                                         guint              index);
gboolean    pw_store_contract_is_added  (PwStore           *self,
                                         PwContractKind     kind,
                                         guint              index);
gboolean    pw_store_contract_index     (PwStore           *self,
                                         PwContractKind     kind,
                                         const char        *key,
                                         guint             *out_index);
gboolean    pw_store_add_contract_item  (PwStore           *self,
                                         PwContractKind     kind,
                                         const char        *name,
                                         int                first_year,
                                         int                last_year,
                                         const char        *source,
                                         guint             *out_index,
                                         GError           **error);
gboolean    pw_store_rename_contract_item (PwStore         *self,
                                         PwContractKind     kind,
                                         guint              index,
                                         const char        *name,
                                         GError           **error);
gboolean    pw_store_contract_applies   (PwStore           *self,
                                         PwContractKind     kind,
                                         guint              index,
                                         int                year);
guint       pw_store_contract_shown     (PwStore           *self,
                                         PwContractKind     kind,
                                         int                year,
                                         gint64             owner_id,
                                         guint             *out_indices);
gboolean    pw_store_contract_years     (PwStore           *self,
                                         PwContractKind     kind,
                                         guint              index,
                                         int               *out_first,
                                         int               *out_last,
                                         char             **out_source,
                                         GError           **error);
gboolean    pw_store_set_contract_years (PwStore           *self,
                                         PwContractKind     kind,
                                         guint              index,
                                         int                first_year,
                                         int                last_year,
                                         GError           **error);
gboolean    pw_store_set_role_years     (PwStore           *self,
                                         gint64             role_id,
                                         int                first_year,
                                         int                last_year,
                                         GError           **error);

/* Archiving, deleting and merging: each hands back what undoes it. */
typedef struct _PwStoreUndo PwStoreUndo;

void        pw_store_undo_free          (PwStoreUndo       *undo);
const char *pw_store_undo_get_summary   (PwStoreUndo       *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwStoreUndo, pw_store_undo_free)

GListModel *pw_store_list_pcns          (PwStore           *self,
                                         int                year);
gboolean    pw_store_archive_pcn        (PwStore           *self,
                                         gint64             pcn_id,
                                         int                year,
                                         PwStoreUndo      **out_undo,
                                         GError           **error);
gboolean    pw_store_delete_pcn         (PwStore           *self,
                                         gint64             pcn_id,
                                         PwStoreUndo      **out_undo,
                                         GError           **error);
gboolean    pw_store_merge_pcn          (PwStore           *self,
                                         gint64             from_id,
                                         gint64             into_id,
                                         PwStoreUndo      **out_undo,
                                         GError           **error);
gboolean    pw_store_delete_locality    (PwStore           *self,
                                         gint64             locality_id,
                                         PwStoreUndo      **out_undo,
                                         GError           **error);
gboolean    pw_store_merge_locality     (PwStore           *self,
                                         gint64             from_id,
                                         gint64             into_id,
                                         PwStoreUndo      **out_undo,
                                         GError           **error);
gboolean    pw_store_undo               (PwStore           *self,
                                         PwStoreUndo       *undo,
                                         GError           **error);

/* Working together: an edit is based on the workbook's revision as the
 * window showed it (see pw-store-versions.c). */
typedef struct
{
  char *field;                 /* what the user calls it: "PCN name" */
  char *value;                 /* the other person's value, as shown */
  char *user;                  /* who changed it */
  char *at;                    /* when, ISO 8601 local time */
  gint64 revision;             /* their change: Keep Mine writes over it */
} PwStoreConflict;

gint64      pw_store_get_seen_revision  (PwStore           *self,
                                         gint64             when);
void        pw_store_set_edit_base      (PwStore           *self,
                                         gint64             base,
                                         gboolean           keep_mine);
const PwStoreConflict *pw_store_get_conflict (PwStore      *self);

/* Other programs on the same file */
void        pw_store_set_busy_timeout   (PwStore           *self,
                                         int                ms);
gboolean    pw_store_poll_external      (PwStore           *self,
                                         GError           **error);

gboolean    pw_store_begin_read        (PwStore                *self,
                                        GError                **error);
void        pw_store_end_read          (PwStore                *self);
gboolean    pw_store_check             (PwStore                *self,
                                        const char             *pragma,
                                        char                  **out_problems);

/* Imports written set-based (pw-store-bulk.c) */
typedef struct
{
  gint64 pcn_id;
  int year;
  guint domain;
  int level;
  const char *evidence;        /* NULL: leave what is there */
  const char *support;
} PwMaturityValue;

typedef struct
{
  guint returns_added;
  guint values_changed;
  guint failed;                /* on failure, the index of the value or row */
} PwBulkResult;

typedef struct
{
  const char *pcn_code;        /* canonical */
  const char *pcn_name;        /* trimmed, as every text here */
  const char *locality;        /* "" for none */
  const char *clinical_director;   /* NULL: leave what is there */
  const char *manager;
  int cd_wte;                  /* -1: leave what is there */
  int manager_wte;
  const char *practice_code;   /* canonical; NULL on a row with PCN details only */
  const char *practice_name;
  gint64 list_size;
} PwProfileRow;

typedef struct
{
  guint localities_added;
  guint pcns_added;
  guint pcns_changed;
  guint practices_added;
  guint practices_changed;
  guint failed;                /* on failure, the index of the row */
} PwProfileCounts;

gboolean    pw_store_import_profiles   (PwStore                *self,
                                        const PwProfileRow     *rows,
                                        guint                   n,
                                        PwProgressFunc          progress,
                                        gpointer                progress_data,
                                        GCancellable           *cancellable,
                                        PwProfileCounts        *counts,
                                        GError                **error);
gboolean    pw_store_import_maturity   (PwStore                *self,
                                        const char             *source,
                                        const PwMaturityValue  *values,
                                        guint                   n,
                                        PwProgressFunc          progress,
                                        gpointer                progress_data,
                                        GCancellable           *cancellable,
                                        PwBulkResult           *result,
                                        GError                **error);

G_END_DECLS

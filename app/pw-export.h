/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-progress.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_EXPORT_ERROR (pw_export_error_quark ())

typedef enum
{
  PW_EXPORT_ERROR_INVALID,
  PW_EXPORT_ERROR_WRITE,
} PwExportError;

/* What the cover sheet says; every text may be NULL or empty. */
typedef struct
{
  int year;                    /* starting calendar year of the financial year */
  char *committee;
  char *meeting_date;          /* ISO date or NULL */
  char *agenda_item;
  char *title;
  char *author;
  char *lead;
  char *version;
  char *locality;              /* a locality pack: this locality's PCNs and board; NULL for all */
} PwExportOptions;

GQuark   pw_export_error_quark   (void);
void     pw_export_options_clear (PwExportOptions  *options);
gboolean pw_export_appendix      (PwStore                *store,
                                  const PwExportOptions  *options,
                                  const char             *path,
                                  PwProgressFunc          progress,
                                  gpointer                progress_data,
                                  GCancellable           *cancellable,
                                  GError                **error);

/* The annual review: one A4 landscape page per PCN, for the PCN whose
 * ODS code is @pcn_code, or a sheet for each PCN in the year's lists when
 * it is NULL.  Only options->year is read. */
gboolean pw_export_review        (PwStore                *store,
                                  const PwExportOptions  *options,
                                  const char             *pcn_code,
                                  const char             *path,
                                  PwProgressFunc          progress,
                                  gpointer                progress_data,
                                  GCancellable           *cancellable,
                                  GError                **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwExportOptions, pw_export_options_clear)

G_END_DECLS

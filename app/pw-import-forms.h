/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* What one return form did (or, in a dry run, would do). */
typedef struct
{
  char *path;
  char *pcn_code;              /* NULL when the form was refused before its PCN was known */
  int year;
  GPtrArray *changes;          /* of char *: "Maturity · Integrating care: level: Step 1 → Step 2" */
  GError *error;               /* set when the file was refused: nothing from it was kept */
} PwFormResult;

void       pw_form_result_free (PwFormResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwFormResult, pw_form_result_free)

gboolean   pw_import_is_form   (const char    *path);
GPtrArray *pw_import_forms     (PwStore       *store,
                                const char   **paths,
                                int            year,
                                gboolean       dry_run,
                                GCancellable  *cancellable);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

/* One save: writes @data through @store; fails with PW_STORE_ERROR_BUSY
 * when another program holds the workbook's lock, PW_STORE_ERROR_OFFLINE
 * when a team workbook's server cannot be reached (both are retried). */
typedef gboolean (*PwSaveFunc) (PwStore   *store,
                                gpointer   data,
                                GError   **error);

typedef enum
{
  PW_SAVE_DONE,                /* written */
  PW_SAVE_PENDING,             /* queued: will be retried until written */
  PW_SAVE_FAILED,              /* refused (a wrong value, a damaged file, someone else's change) */
} PwSaveResult;

#define PW_TYPE_SAVE_QUEUE (pw_save_queue_get_type ())
G_DECLARE_FINAL_TYPE (PwSaveQueue, pw_save_queue, PW, SAVE_QUEUE, GObject)

PwSaveQueue  *pw_save_queue_for_store     (PwStore        *store);
PwSaveResult  pw_save_queue_submit        (PwSaveQueue    *self,
                                           const char     *key,
                                           gint64          base,
                                           PwSaveFunc      func,
                                           gpointer        data,
                                           GDestroyNotify  destroy,
                                           GError        **error);
PwSaveResult  pw_save_queue_resolve       (PwSaveQueue    *self,
                                           const char     *key,
                                           gboolean        keep_mine,
                                           GError        **error);
gboolean      pw_save_queue_has_conflict  (PwSaveQueue    *self,
                                           const char     *key);
guint         pw_save_queue_get_n_pending (PwSaveQueue    *self);
gboolean      pw_save_queue_is_pending    (PwSaveQueue    *self,
                                           const char     *key);
gboolean      pw_save_queue_is_busy       (PwSaveQueue    *self);
gboolean      pw_save_queue_retry         (PwSaveQueue    *self);
void          pw_save_queue_discard       (PwSaveQueue    *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Fills @item's row widgets from its item (and the caller's data). */
typedef void (*PwRowFillFunc) (GtkListItem *item,
                               gpointer     data);

typedef struct _PwRowFiller PwRowFiller;

PwRowFiller *pw_row_filler_new       (GtkListView   *list,
                                      PwRowFillFunc  fill,
                                      gpointer       data);
void         pw_row_filler_free      (PwRowFiller   *self);
void         pw_row_filler_bind      (PwRowFiller   *self,
                                      GtkListItem   *item);
void         pw_row_filler_unbind    (PwRowFiller   *self,
                                      GtkListItem   *item);
void         pw_row_filler_refill    (PwRowFiller   *self);
void         pw_row_filler_fill_at_bind (PwRowFiller *self,
                                         gboolean     at_bind);
GPtrArray   *pw_row_filler_get_bound (PwRowFiller   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwRowFiller, pw_row_filler_free)

G_END_DECLS

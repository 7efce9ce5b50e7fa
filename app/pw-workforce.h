/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The funding streams committees follow per PCN, over all years; which
 * apply in a year is reference data in the store
 * (pw_store_contract_applies): clinical director and leadership funding
 * merged into core PCN funding in 2024/25, for one. */
typedef enum
{
  PW_STREAM_ARRS,
  PW_STREAM_CLINICAL_DIRECTOR,
  PW_STREAM_LEADERSHIP,
  PW_STREAM_DEVELOPMENT,
  PW_STREAM_CORE,
  PW_STREAM_CAPACITY,
  PW_N_STREAMS
} PwFundingStream;

const char *pw_stream_key        (PwFundingStream  stream);
const char *pw_stream_name       (PwFundingStream  stream);
gboolean    pw_stream_parse      (const char      *text,
                                  PwFundingStream *out_stream,
                                  GError         **error);
gboolean    pw_parse_rate        (const char      *text,
                                  gint64          *out_centipence,
                                  GError         **error);
gint64      pw_rate_amount       (gint64           centipence,
                                  gint64           patients);
guint       pw_edit_distance     (const char      *a,
                                  const char      *b);

G_END_DECLS

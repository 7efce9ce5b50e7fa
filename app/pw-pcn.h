/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-row.h"

G_BEGIN_DECLS

/* The fields of a PCN: property ids of PwPcn and, for the editable ones,
 * the columns that pw_store_set_pcn_text/_number write. */
typedef enum
{
  PW_PCN_ID = 1,
  PW_PCN_LOCALITY_ID,
  PW_PCN_CD_WTE,               /* hundredths, -1 when not given */
  PW_PCN_MANAGER_WTE,          /* hundredths, -1 when not given */
  PW_PCN_PRACTICE_COUNT,
  PW_PCN_POPULATION,
  PW_PCN_ARCHIVED_FROM,        /* first financial year it is closed, 0 if open */
  PW_PCN_CODE,
  PW_PCN_NAME,
  PW_PCN_LOCALITY,             /* the locality's name, read only in the store */
  PW_PCN_CLINICAL_DIRECTOR,
  PW_PCN_MANAGER,
  PW_PCN_ESTABLISHED,          /* ISO date, "" when not given */
  PW_PCN_NOTES,
  PW_PCN_N_FIELDS
} PwPcnField;

#define PW_TYPE_PCN (pw_pcn_get_type ())
G_DECLARE_FINAL_TYPE (PwPcn, pw_pcn, PW, PCN, PwRow)

gint64      pw_pcn_get_id     (PwPcn      *self);
gint64      pw_pcn_get_number (PwPcn      *self,
                               PwPcnField  field);
const char *pw_pcn_get_text   (PwPcn      *self,
                               PwPcnField  field);
void        pw_pcn_make_keys  (PwPcn      *self);
int         pw_pcn_compare    (PwPcn      *a,
                               PwPcn      *b);
gboolean    pw_pcn_is_shown_in(PwPcn      *self,
                               int         year);

G_END_DECLS

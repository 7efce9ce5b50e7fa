/* pw-pcn.c — a Primary Care Network's profile, with its practice totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-pcn.h"

struct _PwPcn
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwPcn, pw_pcn, PW_TYPE_ROW)

static GParamSpec *properties[PW_PCN_N_FIELDS];

static void
pw_pcn_class_init (PwPcnClass *klass)
{
  properties[PW_PCN_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_PCN_LOCALITY_ID] = pw_row_int_pspec ("locality-id", 0, G_MAXINT64, 0);
  properties[PW_PCN_CD_WTE] = pw_row_int_pspec ("cd-wte", -1, G_MAXINT64, -1);
  properties[PW_PCN_MANAGER_WTE] = pw_row_int_pspec ("manager-wte", -1, G_MAXINT64, -1);
  properties[PW_PCN_PRACTICE_COUNT] = pw_row_int_pspec ("practice-count", 0, G_MAXINT64, 0);
  properties[PW_PCN_POPULATION] = pw_row_int_pspec ("population", 0, G_MAXINT64, 0);
  properties[PW_PCN_ARCHIVED_FROM] = pw_row_int_pspec ("archived-from", 0, G_MAXINT64, 0);
  properties[PW_PCN_CODE] = pw_row_string_pspec ("code");
  properties[PW_PCN_NAME] = pw_row_string_pspec ("name");
  properties[PW_PCN_LOCALITY] = pw_row_string_pspec ("locality");
  properties[PW_PCN_CLINICAL_DIRECTOR] = pw_row_string_pspec ("clinical-director");
  properties[PW_PCN_MANAGER] = pw_row_string_pspec ("manager");
  properties[PW_PCN_ESTABLISHED] = pw_row_string_pspec ("established");
  properties[PW_PCN_NOTES] = pw_row_string_pspec ("notes");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_PCN_N_FIELDS);
}

static void
pw_pcn_init (PwPcn *self)
{
}

gint64
pw_pcn_get_id (PwPcn *self)
{
  return pw_row_get_int (PW_ROW (self), PW_PCN_ID);
}

gint64
pw_pcn_get_number (PwPcn      *self,
                   PwPcnField  field)
{
  g_return_val_if_fail (field >= PW_PCN_ID && field < PW_PCN_CODE, 0);
  return pw_row_get_int (PW_ROW (self), field);
}

const char *
pw_pcn_get_text (PwPcn      *self,
                 PwPcnField  field)
{
  g_return_val_if_fail (field >= PW_PCN_CODE && field < PW_PCN_N_FIELDS, NULL);
  return pw_row_get_string (PW_ROW (self), field);
}

/* PCNs by locality (those without one last), then by name: the order of
 * every list of PCNs, on screen and in the committee workbook. */
int
pw_pcn_compare (PwPcn *a,
                PwPcn *b)
{
  const char *la = pw_pcn_get_text (a, PW_PCN_LOCALITY);
  const char *lb = pw_pcn_get_text (b, PW_PCN_LOCALITY);
  int c;

  if ((*la == '\0') != (*lb == '\0'))
    return *la == '\0' ? 1 : -1;
  c = g_utf8_collate (la, lb);
  return c ? c : g_utf8_collate (pw_pcn_get_text (a, PW_PCN_NAME), pw_pcn_get_text (b, PW_PCN_NAME));
}

/* An archived (closed) PCN belongs to the years before it closed: lists of
 * a year from its closing on leave it out.  @year 0 means every year. */
gboolean
pw_pcn_is_shown_in (PwPcn *self,
                    int    year)
{
  gint64 from = pw_row_get_int (PW_ROW (self), PW_PCN_ARCHIVED_FROM);

  return from == 0 || year == 0 || year < from;
}

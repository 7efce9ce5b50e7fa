/* pw-pcn.c — a Primary Care Network's profile, with its practice totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pw-pcn.h"

#include <string.h>

struct _PwPcn
{
  PwRow parent_instance;

  /* Collation keys of the locality and name, for the texts they were made
   * of: sorting 1,250 PCNs compares some 13,000 pairs, and collating both
   * texts of each pair was a tenth of the work before the window's first
   * frame.  Made again when either text has changed. */
  char *keyed_locality, *keyed_name;
  char *locality_key, *name_key;
};

G_DEFINE_FINAL_TYPE (PwPcn, pw_pcn, PW_TYPE_ROW)

static GParamSpec *properties[PW_PCN_N_FIELDS];

static void
pw_pcn_finalize (GObject *object)
{
  PwPcn *self = PW_PCN (object);

  g_free (self->keyed_locality);
  g_free (self->keyed_name);
  g_free (self->locality_key);
  g_free (self->name_key);
  G_OBJECT_CLASS (pw_pcn_parent_class)->finalize (object);
}

static void
pw_pcn_class_init (PwPcnClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_pcn_finalize;
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

/**
 * pw_pcn_make_keys:
 * Makes the keys pw_pcn_compare() orders by (they are made at the first
 * comparison otherwise): the window has them made on the thread that
 * opens the workbook, so that its first sort, on the main thread, only
 * compares.
 */
void
pw_pcn_make_keys (PwPcn *self)
{
  const char *locality = pw_pcn_get_text (self, PW_PCN_LOCALITY);
  const char *name = pw_pcn_get_text (self, PW_PCN_NAME);

  if (g_strcmp0 (self->keyed_locality, locality) != 0)
    {
      g_free (self->keyed_locality);
      g_free (self->locality_key);
      self->keyed_locality = g_strdup (locality);
      self->locality_key = g_utf8_collate_key (locality, -1);
    }
  if (g_strcmp0 (self->keyed_name, name) != 0)
    {
      g_free (self->keyed_name);
      g_free (self->name_key);
      self->keyed_name = g_strdup (name);
      self->name_key = g_utf8_collate_key (name, -1);
    }
}

/* PCNs by locality (those without one last), then by name, as
 * g_utf8_collate() orders texts: the order of every list of PCNs, on
 * screen and in the committee workbook.  The keys kept on each PCN make
 * a PCN unsafe to compare from two threads at once; every thread has
 * its own store's PCNs. */
int
pw_pcn_compare (PwPcn *a,
                PwPcn *b)
{
  int c;

  pw_pcn_make_keys (a);
  pw_pcn_make_keys (b);
  if ((*a->keyed_locality == '\0') != (*b->keyed_locality == '\0'))
    return *a->keyed_locality == '\0' ? 1 : -1;
  c = strcmp (a->locality_key, b->locality_key);
  return c ? c : strcmp (a->name_key, b->name_key);
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

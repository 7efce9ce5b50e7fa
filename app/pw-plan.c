/* pw-plan.c — the parts of a return beyond the maturity matrix: SWOT
 * quadrants, achievements, the DES specifications and plan entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-parse.h"
#include "pw-plan.h"

static const struct
{
  const char *key;
  const char *name;
} lists[PW_N_LISTS] = {
  { "S", N_("Strengths") }, { "W", N_("Weaknesses") }, { "O", N_("Opportunities") },
  { "T", N_("Threats") }, { "A", N_("Key achievements") },
};

static const struct
{
  const char *key;
  const char *name;
} des_specs[PW_N_DES_SPECS] = {
  { "smr", N_("Structured medication review and medicines optimisation") },
  { "ehch", N_("Enhanced health in care homes") },
  { "anticipatory", N_("Anticipatory care") },
  { "personalised", N_("Personalised care") },
  { "cancer", N_("Supporting early cancer diagnosis") },
  { "cvd", N_("Cardiovascular disease prevention and diagnosis") },
  { "inequalities", N_("Tackling neighbourhood health inequalities") },
  { "pcn_functions", N_("Network Contract DES specification with PCN functions") },
};

const char *
pw_list_key (PwItemList list)
{
  g_return_val_if_fail (list < PW_N_LISTS, NULL);
  return lists[list].key;
}

const char *
pw_list_name (PwItemList list)
{
  g_return_val_if_fail (list < PW_N_LISTS, NULL);
  return _(lists[list].name);
}

gboolean
pw_list_from_key (const char *key,
                  PwItemList *out_list)
{
  for (guint i = 0; i < PW_N_LISTS; i++)
    if (g_strcmp0 (key, lists[i].key) == 0)
      return (*out_list = i, TRUE);
  return FALSE;
}

/* "S", "s", "Strengths", "strength", "THREAT" … */
gboolean
pw_quadrant_parse (const char  *text,
                   PwItemList  *out_list,
                   GError     **error)
{
  static const char *words[] = { "strength", "weakness", "opportunit", "threat" };
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *s = g_ascii_strdown (trimmed, -1);

  for (guint q = 0; q < G_N_ELEMENTS (words); q++)
    if ((strlen (s) == 1 && s[0] == g_ascii_tolower (lists[q].key[0])) ||
        (g_str_has_prefix (s, words[q]) && strlen (s) <= strlen (words[q]) + 3))
      return (*out_list = q, TRUE);
  g_set_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID,
               _("“%s” is not a SWOT quadrant: use S, W, O or T, or Strengths, Weaknesses, Opportunities or Threats"),
               text ? text : "");
  return FALSE;
}

const char *
pw_des_key (guint spec)
{
  g_return_val_if_fail (spec < PW_N_DES_SPECS, NULL);
  return des_specs[spec].key;
}

const char *
pw_des_name (guint spec)
{
  g_return_val_if_fail (spec < PW_N_DES_SPECS, NULL);
  return _(des_specs[spec].name);
}

gboolean
pw_des_from_key (const char *key,
                 guint      *out_spec)
{
  for (guint i = 0; i < PW_N_DES_SPECS; i++)
    if (g_strcmp0 (key, des_specs[i].key) == 0)
      return (*out_spec = i, TRUE);
  return FALSE;
}

const char *
pw_des_status_name (PwDesStatus status)
{
  static const char *names[PW_N_DES_STATUSES] = {
    N_("Not started"), N_("Planning"), N_("Delivering"), N_("Fully delivered"),
  };

  return status < PW_N_DES_STATUSES ? _(names[status]) : "";
}

const char *
pw_project_status_name (PwProjectStatus status)
{
  static const char *names[PW_N_PROJECT_STATUSES] = {
    N_("Not started"), N_("On track"), N_("At risk"), N_("Complete"),
  };

  return status < PW_N_PROJECT_STATUSES ? _(names[status]) : "";
}

/* pw-matrix.c — the PCN Maturity Matrix: domains, levels, descriptors
 *
 * Real returns write levels in many ways ("Step 1/2", "Step 1 to 2",
 * "Foundation/ Step 1", "0.5", ...); pw_level_parse accepts them all and
 * nothing else.  The descriptors are our own plain-English summaries of
 * what each level means for a PCN in each domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-matrix.h"
#include "pw-parse.h"

static const struct
{
  const char *key;
  const char *name;
  const char *levels[5];       /* Pre-foundation, Foundation, Step 1, 2, 3 */
} domains[PW_N_DOMAINS] = {
  { "leadership", N_("Leadership, planning and partnerships"), {
      N_("Practices have not yet agreed how they will work together as a network."),
      N_("A network agreement and a clinical director are in place; practices are starting to plan together."),
      N_("The network has a shared vision and plan, and is building relationships with community services and local partners."),
      N_("The network leads joint work with community, social care and voluntary partners under shared governance."),
      N_("The network is an equal partner in its place, shaping plans and decisions with the wider system."),
    } },
  { "data", N_("Use of data and population health management"), {
      N_("Practices do not yet share or compare data as a network."),
      N_("Practices share basic activity and population data and understand their combined population."),
      N_("The network uses shared data to find groups with unmet needs and to plan care for them."),
      N_("Data linked across partners is used to target proactive care and to track outcomes."),
      N_("Population health management is routine: risk and outcome data drive decisions and resources."),
    } },
  { "integrating", N_("Integrating care"), {
      N_("Services are delivered practice by practice, with little joint working."),
      N_("Practices are beginning to share staff and services, and to meet community teams."),
      N_("Multidisciplinary teams work across the network’s practices with community services for some groups."),
      N_("Integrated neighbourhood teams with community, mental health and social care serve the population together."),
      N_("Care is organised around people across the network and its partners, with shared records and pathways."),
    } },
  { "resources", N_("Managing resources"), {
      N_("Practices manage staff, money and estates separately."),
      N_("The network manages its contract funding and shared roles, with clear financial arrangements."),
      N_("Workforce and funding are planned jointly; shared roles are recruited and deployed across practices."),
      N_("Resources, estates and digital tools are shared and planned with partners for the whole population."),
      N_("The network influences how system resources are used in its area and manages budgets with partners."),
    } },
  { "people", N_("Working with people and communities"), {
      N_("Patients and communities are not yet involved in the network’s work."),
      N_("The network knows its communities and has begun to involve patients, for example through patient groups."),
      N_("People and community groups help shape the network’s plans; social prescribing links people to local assets."),
      N_("The network co-designs services with its communities and works with the voluntary sector as a partner."),
      N_("Communities share in decisions and delivery, and the network helps build community resilience."),
    } },
};

/* Canonical order for lists and counts; "No score" last. */
static const int level_order[PW_N_LEVELS] = { -2, 0, 1, 2, 3, 4, 5, 6, PW_LEVEL_NONE };

/* Indexed by level + 2. */
static const char *level_names[] = {
  [0] = N_("Pre-foundation"), [2] = N_("Foundation"), [3] = N_("Foundation/Step 1"),
  [4] = N_("Step 1"), [5] = N_("Step 1/2"), [6] = N_("Step 2"), [7] = N_("Step 2/3"), [8] = N_("Step 3"),
};

/* A sequential blue ramp (light to dark), readable by people with colour
 * vision deficiency, and in grey: each level is about 8 units of CIE
 * lightness (L*) darker than the one before (white 100, Pre-foundation 92,
 * Foundation 84 … Step 3 33), so a greyscale print still tells neighbours
 * apart.  Pre-foundation stands apart in sand.  The window's level-*
 * classes use the same colours (ui/pw-ui-util.c). */
static const guint32 level_colours[] = {
  [0] = 0xF7E6CD, [2] = 0xC2D3E8, [3] = 0xA3BEDC, [4] = 0x83A9D0,
  [5] = 0x6195C4, [6] = 0x337FB6, [7] = 0x10699F, [8] = 0x034F88,
};

const char *
pw_domain_key (guint domain)
{
  g_return_val_if_fail (domain < PW_N_DOMAINS, NULL);
  return domains[domain].key;
}

const char *
pw_domain_name (guint domain)
{
  g_return_val_if_fail (domain < PW_N_DOMAINS, NULL);
  return _(domains[domain].name);
}

gboolean
pw_domain_from_key (const char *key,
                    guint      *out_domain)
{
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    if (g_strcmp0 (key, domains[d].key) == 0)
      return (*out_domain = d, TRUE);
  return FALSE;
}

/* Lower case, "&" as "and", punctuation dropped, spaces folded. */
static char *
normalise_words (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text ? text : "", -1);
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = lower; *p; p++)
    {
      gboolean word = g_ascii_isalnum (*p) || (*p & 0x80) || *p == '&';

      if (!word)
        {
          gap = TRUE;
          continue;
        }
      if (gap && out->len)
        g_string_append_c (out, ' ');
      gap = FALSE;
      if (*p == '&')
        g_string_append (out, "and"), gap = TRUE;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
domain_choices (void)
{
  GString *s = g_string_new (NULL);

  for (guint d = 0; d < PW_N_DOMAINS; d++)
    g_string_append_printf (s, "%s%s (%s)", d ? "; " : "", _(domains[d].name), domains[d].key);
  return g_string_free (s, FALSE);
}

/**
 * pw_domain_parse:
 * Matches a domain by its key, its full name, or an unambiguous leading part
 * of its full name, ignoring case, punctuation and "&" against "and".
 */
gboolean
pw_domain_parse (const char  *text,
                 guint       *out_domain,
                 GError     **error)
{
  g_autofree char *want = normalise_words (text);
  g_autofree char *choices = NULL;
  guint found = PW_N_DOMAINS, matches = 0;

  for (guint d = 0; *want && d < PW_N_DOMAINS; d++)
    {
      g_autofree char *name = normalise_words (domains[d].name);

      if (strcmp (want, domains[d].key) == 0 || strcmp (want, name) == 0)
        return (*out_domain = d, TRUE);
      if (g_str_has_prefix (name, want))
        found = d, matches++;
    }
  if (matches == 1)
    return (*out_domain = found, TRUE);
  choices = domain_choices ();
  g_set_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID,
               matches > 1 ? _("“%s” could be more than one domain; write more of its name. The domains are: %s")
                           : _("“%s” is not a domain of the maturity matrix. The domains are: %s"),
               text ? text : "", choices);
  return FALSE;
}

gboolean
pw_level_valid (int level)
{
  return level == PW_LEVEL_NONE || level == PW_LEVEL_PRE_FOUNDATION || (level >= 0 && level <= PW_LEVEL_STEP_3);
}

/* One whole level, as a half-step value: "prefoundation" → -2,
 * "foundation" → 0, "step 2" → 4; a bare digit only when @bare_ok. */
static gboolean
whole_level (const char *s,
             gboolean    bare_ok,
             int        *out)
{
  if (strcmp (s, "prefoundation") == 0)
    return (*out = -2, TRUE);
  if (strcmp (s, "foundation") == 0)
    return (*out = 0, TRUE);
  if (g_str_has_prefix (s, "step"))
    s += 4, bare_ok = TRUE;
  while (*s == ' ')
    s++;
  if (bare_ok && s[0] >= '1' && s[0] <= '3' && s[1] == '\0')
    return (*out = 2 * (s[0] - '0'), TRUE);
  return FALSE;
}

/* "0.5", "1", "2.5": the numeric scale, Foundation = 0 … Step 3 = 3. */
static gboolean
numeric_level (const char *s,
               int        *out)
{
  int v;

  if (!(s[0] >= '0' && s[0] <= '3'))
    return FALSE;
  v = 2 * (s[0] - '0');
  if (s[1] == '\0' || strcmp (s + 1, ".0") == 0)
    return (*out = v, TRUE);
  if (strcmp (s + 1, ".5") == 0 && v < PW_LEVEL_STEP_3)
    return (*out = v + 1, TRUE);
  return FALSE;
}

/* Splits "a / b", "a-b", "a to b" into two parts. */
static gboolean
split_half (const char *s,
            char      **a,
            char      **b)
{
  const char *sep = strstr (s, " to ");
  gsize len = 4;

  if (sep == NULL)
    sep = strpbrk (s, "/-"), len = 1;
  if (sep == NULL)
    return FALSE;
  *a = g_strstrip (g_strndup (s, sep - s));
  *b = g_strstrip (g_strdup (sep + len));
  return TRUE;
}

static gboolean
parse_normalised (const char *s,
                  int        *out)
{
  g_autofree char *a = NULL, *b = NULL;
  int lo, hi;

  if (*s == '\0' || strcmp (s, "no score") == 0 || strcmp (s, "n/a") == 0 || strcmp (s, "na") == 0)
    return (*out = PW_LEVEL_NONE, TRUE);
  if (numeric_level (s, out) || whole_level (s, FALSE, out))
    return TRUE;
  if (!split_half (s, &a, &b) || !whole_level (a, FALSE, &lo) || lo < 0 ||
      !whole_level (b, g_str_has_prefix (a, "step"), &hi) || hi != lo + 2)
    return FALSE;
  *out = lo + 1;
  return TRUE;
}

/* Lower case with runs of white space as one space, and "pre-foundation"
 * or "pre foundation" as "prefoundation", so its hyphen is not a range. */
static char *
normalise_level (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text ? text : "", -1);
  g_auto(GStrv) words = g_strsplit_set (lower, " \t\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_string_append_printf (out, "%s%s", out->len ? " " : "", words[i]);
  if (g_str_has_prefix (out->str, "pre-foundation") || g_str_has_prefix (out->str, "pre foundation"))
    g_string_erase (out, 3, 1);
  return g_string_free (out, FALSE);
}

/**
 * pw_level_parse:
 * @out_level: (out): a half-step level, or %PW_LEVEL_NONE for no score
 */
gboolean
pw_level_parse (const char  *text,
                int         *out_level,
                GError     **error)
{
  g_autofree char *s = normalise_level (text);
  int level = PW_LEVEL_NONE;

  g_return_val_if_fail (out_level != NULL, FALSE);

  if (parse_normalised (s, &level))
    return (*out_level = level, TRUE);
  g_set_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID,
               _("“%s” is not a maturity level. Use Pre-foundation, Foundation, Step 1, Step 2 or Step 3; "
                 "a half step such as Foundation/Step 1, Step 1/2, Step 1-2 or Step 1 to 2; a number from "
                 "0 (Foundation) to 3 (Step 3) in halves, such as 0.5 or 2.5; or No score (or n/a, or empty)"),
               text ? text : "");
  return FALSE;
}

const char *
pw_level_name (int level)
{
  if (!pw_level_valid (level) || level == PW_LEVEL_NONE)
    return _("No score");
  return _(level_names[level + 2]);
}

/* The level at @index of the canonical order, Pre-foundation … Step 3, No score. */
int
pw_level_at (guint index)
{
  g_return_val_if_fail (index < PW_N_LEVELS, PW_LEVEL_NONE);
  return level_order[index];
}

guint
pw_level_index (int level)
{
  for (guint i = 0; i < PW_N_LEVELS; i++)
    if (level_order[i] == level)
      return i;
  return PW_N_LEVELS - 1;
}

/* What @level means for @domain, in a sentence or two. */
char *
pw_level_describe (guint domain,
                   int   level)
{
  g_return_val_if_fail (domain < PW_N_DOMAINS, NULL);

  if (level == PW_LEVEL_NONE || !pw_level_valid (level))
    return g_strdup (_("Not assessed this year."));
  if (level == PW_LEVEL_PRE_FOUNDATION)
    return g_strdup (_(domains[domain].levels[0]));
  if (level % 2 == 0)
    return g_strdup (_(domains[domain].levels[1 + level / 2]));
  return g_strdup_printf (_("Between %s and %s: some of the next step is in place."),
                          pw_level_name (level - 1), pw_level_name (level + 1));
}

/* 0xRRGGBB; white for no score. */
guint32
pw_level_colour (int level)
{
  if (level == PW_LEVEL_NONE || !pw_level_valid (level))
    return 0xFFFFFF;
  return level_colours[level + 2];
}

/* Whether text on this level's colour should be white: where the fill's
 * luma (Rec. 601, 0 to 255) is under 100, white text contrasts more than
 * black (over 4.5:1 on Step 2/3 and Step 3; black keeps 4.8:1 on Step 2). */
gboolean
pw_level_is_dark (int level)
{
  guint32 rgb = pw_level_colour (level);

  return 299 * (rgb >> 16 & 0xFF) + 587 * (rgb >> 8 & 0xFF) + 114 * (rgb & 0xFF) < 100 * 1000;
}

/* A CSS class for widgets coloured like the export: level-pre, level-0 …
 * level-6, level-none. */
const char *
pw_level_css_class (int level)
{
  static const char *classes[] = { "level-pre", "level-none", "level-0", "level-1", "level-2",
                                   "level-3", "level-4", "level-5", "level-6" };

  if (level == PW_LEVEL_NONE || !pw_level_valid (level))
    return classes[1];
  return classes[level + 2];
}

/* pw-workforce.c — ARRS and funding facts: streams, rates per patient
 *
 * Rates are held in hundredths of a penny (0.66 → 6600) so that an amount
 * per patient is exact in integers: 66p × 1,038,177 = £685,196.82.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-parse.h"
#include "pw-workforce.h"

static const struct
{
  const char *key;
  const char *name;
  const char *words[4];        /* other ways returns and papers name it */
} streams[PW_N_STREAMS] = {
  { "arrs", N_("ARRS budget"), { "arrs", "additional roles", "arrs budget", NULL } },
  { "cd", N_("Clinical director funding"), { "cd", "clinical director", "clinical director funding", NULL } },
  { "leadership", N_("PCN leadership and management"), { "leadership", "leadership and management", "management", NULL } },
  { "development", N_("PCN development (OD) funding"), { "development", "od", "pcn development", "organisational development" } },
  { "core", N_("Core PCN funding"), { "core", "core pcn funding", "core funding", NULL } },
  { "capacity", N_("Capacity and Access Payment"), { "capacity", "cap", "capacity and access", "capacity and access support" } },
};

const char *
pw_stream_key (PwFundingStream stream)
{
  g_return_val_if_fail (stream < PW_N_STREAMS, NULL);
  return streams[stream].key;
}

const char *
pw_stream_name (PwFundingStream stream)
{
  g_return_val_if_fail (stream < PW_N_STREAMS, NULL);
  return _(streams[stream].name);
}

gboolean
pw_stream_parse (const char       *text,
                 PwFundingStream  *out_stream,
                 GError          **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *s = g_ascii_strdown (trimmed, -1);

  for (guint i = 0; i < PW_N_STREAMS; i++)
    {
      g_autofree char *name = g_ascii_strdown (streams[i].name, -1);

      if (strcmp (s, name) == 0)
        return (*out_stream = i, TRUE);
      for (guint w = 0; w < G_N_ELEMENTS (streams[i].words) && streams[i].words[w]; w++)
        if (strcmp (s, streams[i].words[w]) == 0)
          return (*out_stream = i, TRUE);
    }
  g_set_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID,
               _("“%s” is not a funding stream: use arrs, cd, leadership, development, core or capacity"), text ? text : "");
  return FALSE;
}

/* "0.66" or "£0.66" (pounds per patient, up to four decimal places). */
gboolean
pw_parse_rate (const char  *text,
               gint64      *out_centipence,
               GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  const char *p = g_str_has_prefix (s, "£") ? s + strlen ("£") : s;
  const char *dot = strchr (p, '.');
  gint64 whole = 0, frac = 0;
  gsize int_len = dot ? (gsize) (dot - p) : strlen (p), frac_len = dot ? strlen (dot + 1) : 0;
  gboolean ok = *p != '\0' && int_len <= 4 && frac_len <= 4 && (dot == NULL || frac_len > 0);

  for (gsize i = 0; ok && i < int_len; i++)
    ok = g_ascii_isdigit (p[i]), whole = whole * 10 + (p[i] - '0');
  for (gsize i = 0; ok && i < 4; i++)
    {
      ok = i >= frac_len || g_ascii_isdigit (dot[1 + i]);
      frac = frac * 10 + (i < frac_len ? dot[1 + i] - '0' : 0);
    }
  if (!ok)
    {
      g_set_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID,
                   _("“%s” is not a rate per patient: write pounds, such as 0.66 for 66p (up to four decimal places)"),
                   text ? text : "");
      return FALSE;
    }
  *out_centipence = whole * 10000 + frac;
  return TRUE;
}

/* Pence for @patients at a rate in hundredths of a penny, rounded half up. */
gint64
pw_rate_amount (gint64 centipence,
                gint64 patients)
{
  return (centipence * patients + 50) / 100;
}

/* Levenshtein distance, case-insensitive: how the import suggests a role
 * name for a misspelt one. */
guint
pw_edit_distance (const char *a,
                  const char *b)
{
  g_autofree char *x = g_utf8_casefold (a, -1);
  g_autofree char *y = g_utf8_casefold (b, -1);
  gsize n = strlen (x), m = strlen (y);
  g_autofree guint *row = g_new (guint, m + 1);

  for (gsize j = 0; j <= m; j++)
    row[j] = j;
  for (gsize i = 1; i <= n; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (gsize j = 1; j <= m; j++)
        {
          guint up = row[j];
          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (x[i - 1] != y[j - 1]));
          diag = up;
        }
    }
  return row[m];
}

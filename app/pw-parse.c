/* pw-parse.c — parsing and formatting of the values users type
 *
 * Every number a committee reads is held as an integer (pence, hundredths
 * of a WTE), so these functions never pass through floating point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-parse.h"

G_DEFINE_QUARK (pw-parse-error-quark, pw_parse_error)

/**
 * pw_quote:
 * Returns: (transfer full): at most %PW_QUOTE_MAX characters of @text, with
 * “…” where it was cut and line breaks as spaces, so that a message quoting
 * a huge value stays short and on one line.
 */
char *
pw_quote (const char *text)
{
  const char *end;

  g_autofree char *head = NULL;

  if (text == NULL)
    return g_strdup ("");
  /* Steps over continuation bytes one by one, so that even text that is
   * not valid UTF-8 is never read past its end. */
  end = text;
  for (guint i = 0; i < PW_QUOTE_MAX && *end; i++)
    do
      end++;
    while ((*end & 0xC0) == 0x80);
  head = g_strndup (text, end - text);
  g_strdelimit (head, "\r\n\t", ' ');   /* a message stays on one line */
  return *end == '\0' ? g_steal_pointer (&head) : g_strconcat (head, "…", NULL);
}

static char *
stripped_copy (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

/* Sets a message quoting at most PW_QUOTE_MAX characters of @text
 * (@format has one %s for it).  Returns FALSE, for tail calls. */
static gboolean
fail_quoting (GError       **error,
              PwParseError   code,
              const char    *format,
              const char    *text)
{
  g_autofree char *quoted = pw_quote (text);

  g_set_error (error, PW_PARSE_ERROR, code, format, quoted);
  return FALSE;
}

/* @what: untranslated (N_), translated only when @s is empty: an import
 * parses thousands of values that are not. */
static gboolean
fail_if_empty (const char  *s,
               const char  *what,
               GError     **error)
{
  if (*s != '\0')
    return FALSE;
  g_set_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_EMPTY,
               _("%s is empty"), _(what));
  return TRUE;
}

/**
 * pw_ods_code_ok:
 * Whether @code is an ODS code as written canonically (as the workbook
 * stores it): U (a PCN) or any capital (a practice), then five digits.
 */
gboolean
pw_ods_code_ok (const char *code,
                gboolean    pcn)
{
  if (code == NULL || strlen (code) != 6 || !(pcn ? code[0] == 'U' : g_ascii_isupper (code[0])))
    return FALSE;
  for (guint i = 1; i < 6; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

static gboolean
parse_ods (const char  *text,
           gboolean     pcn,
           char       **out_code,
           GError     **error)
{
  g_autofree char *trimmed = NULL, *s = NULL;
  const char *what = pcn ? N_("The PCN code") : N_("The practice code");

  /* Most codes come as the workbook writes them: no copies to trim and
   * raise (an import parses thousands). */
  if (pw_ods_code_ok (text, pcn))
    return (*out_code = g_strdup (text), TRUE);
  trimmed = g_strstrip (g_strdup (text ? text : ""));
  s = g_ascii_strup (trimmed, -1);
  if (fail_if_empty (s, what, error))
    return FALSE;
  if (!pw_ods_code_ok (s, pcn))
    return fail_quoting (error, PW_PARSE_ERROR_INVALID,
                         pcn ? _("“%s” is not a PCN code: use U followed by five digits, such as U12345")
                             : _("“%s” is not a practice code: use a letter followed by five digits, such as L85001"),
                         text);
  *out_code = g_steal_pointer (&s);
  return TRUE;
}

gboolean
pw_parse_pcn_code (const char  *text,
                   char       **out_code,
                   GError     **error)
{
  g_return_val_if_fail (out_code != NULL, FALSE);
  return parse_ods (text, TRUE, out_code, error);
}

gboolean
pw_parse_practice_code (const char  *text,
                        char       **out_code,
                        GError     **error)
{
  g_return_val_if_fail (out_code != NULL, FALSE);
  return parse_ods (text, FALSE, out_code, error);
}

/* Reads a run of exactly @len digits; returns its value or -1. */
static int
digits (const char *s,
        guint       len)
{
  int v = 0;

  for (guint i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      v = v * 10 + (s[i] - '0');
    }
  return v;
}

static gboolean
split_year (const char *s,
            int        *first,
            int        *second)
{
  const char *sep = strpbrk (s, "/-");
  gsize a, b;

  if (sep == NULL)
    return FALSE;
  a = sep - s;
  b = strlen (sep + 1);
  if (!(a == 2 || a == 4) || !(b == 2 || b == 4))
    return FALSE;
  *first = digits (s, a);
  *second = digits (sep + 1, b);
  if (*first < 0 || *second < 0)
    return FALSE;
  if (a == 2)
    *first += 2000;
  if (b == 2)
    *second += (*first / 100) * 100 + (*first % 100 == 99 ? 100 : 0);
  return TRUE;
}

gboolean
pw_parse_year (const char  *text,
               int         *out_year,
               GError     **error)
{
  g_autofree char *s = stripped_copy (text);
  int first = 0, second = 0;

  g_return_val_if_fail (out_year != NULL, FALSE);

  if (fail_if_empty (s, N_("The financial year"), error))
    return FALSE;
  if (!split_year (s, &first, &second) || second != first + 1 ||
      first < PW_YEAR_MIN || first > PW_YEAR_MAX)
    return fail_quoting (error, PW_PARSE_ERROR_INVALID,
                         _("“%s” is not a financial year: write it as 2021/22 (2021-22, 21/22 and 2021/2022 are also "
                           "accepted)"), text);
  *out_year = first;
  return TRUE;
}

char *
pw_format_year (int year)
{
  return g_strdup_printf ("%d/%02d", year, (year + 1) % 100);
}

/* The financial year @when falls in: it starts on 1 April. */
int
pw_year_of_date (GDateTime *when)
{
  int year = g_date_time_get_year (when);

  return g_date_time_get_month (when) >= 4 ? year : year - 1;
}

int
pw_current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return pw_year_of_date (now);
}

typedef enum { NUMBER_OK, NUMBER_INVALID, NUMBER_TOO_BIG } Number;

/* Integer part with optional thousands separators: "41250" or "41,250",
 * at most @max (a larger value is read to its end, then called too big,
 * so nothing overflows however many digits there are). */
static Number
parse_grouped_int (const char *s,
                   gsize       len,
                   gint64      max,
                   gint64     *out)
{
  gint64 v = 0;
  gsize group = 0;
  gboolean grouped = FALSE, too_big = FALSE;

  if (len == 0 || s[0] == ',')
    return NUMBER_INVALID;
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == ',')
        {
          if ((grouped && group != 3) || (!grouped && group > 3))
            return NUMBER_INVALID;
          grouped = TRUE;
          group = 0;
          continue;
        }
      if (!g_ascii_isdigit (s[i]))
        return NUMBER_INVALID;
      if (v > (max - (s[i] - '0')) / 10)
        too_big = TRUE;
      else
        v = v * 10 + (s[i] - '0');
      group++;
    }
  if (grouped && group != 3)
    return NUMBER_INVALID;
  *out = v;
  return too_big ? NUMBER_TOO_BIG : NUMBER_OK;
}

/* A non-negative decimal with at most two places, scaled by 100, at most
 * @max hundredths. */
static Number
parse_fixed2 (const char *s,
              gint64      max,
              gint64     *out)
{
  const char *dot = strchr (s, '.');
  gsize int_len = dot ? (gsize) (dot - s) : strlen (s);
  gint64 whole = 0;
  int frac = 0;
  Number n = NUMBER_OK;

  if (int_len == 0 && dot != NULL)
    whole = 0;             /* ".5" */
  else if ((n = parse_grouped_int (s, int_len, max / 100, &whole)) == NUMBER_INVALID)
    return n;
  if (dot != NULL)
    {
      gsize frac_len = strlen (dot + 1);

      if (frac_len == 0 || frac_len > 2)
        return NUMBER_INVALID;
      frac = digits (dot + 1, frac_len);
      if (frac < 0)
        return NUMBER_INVALID;
      if (frac_len == 1)
        frac *= 10;
    }
  if (n == NUMBER_TOO_BIG || whole * 100 + frac > max)
    return NUMBER_TOO_BIG;
  *out = whole * 100 + frac;
  return NUMBER_OK;
}

gboolean
pw_parse_wte (const char  *text,
              int         *out_hundredths,
              GError     **error)
{
  g_autofree char *s = stripped_copy (text);
  gint64 v = 0;
  Number n;

  g_return_val_if_fail (out_hundredths != NULL, FALSE);

  if (fail_if_empty (s, N_("The WTE"), error))
    return FALSE;
  n = strchr (s, ',') != NULL ? NUMBER_INVALID : parse_fixed2 (s, PW_WTE_MAX, &v);
  if (n == NUMBER_INVALID)
    return fail_quoting (error, PW_PARSE_ERROR_INVALID,
                         _("“%s” is not a WTE: use a number from 0.00 to 99.99, such as 0.25"), text);
  if (n == NUMBER_TOO_BIG)
    return fail_quoting (error, PW_PARSE_ERROR_RANGE,
                         _("“%s” is too large for a WTE: use a number from 0.00 to 99.99"), text);
  *out_hundredths = (int) v;
  return TRUE;
}

char *
pw_format_wte (gint64 hundredths)
{
  gint64 a = ABS (hundredths);
  const char *sign = hundredths < 0 ? "-" : "";

  if (a % 100 == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ".0", sign, a / 100);
  if (a % 10 == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, sign, a / 100, (a % 100) / 10);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, sign, a / 100, a % 100);
}

gboolean
pw_parse_money (const char  *text,
                gint64      *out_pence,
                GError     **error)
{
  g_autofree char *s = stripped_copy (text);
  const char *p = s;
  gboolean negative = FALSE;
  gint64 v = 0;
  Number n;

  g_return_val_if_fail (out_pence != NULL, FALSE);

  if (fail_if_empty (s, N_("The amount"), error))
    return FALSE;
  if (*p == '-')
    negative = TRUE, p++;
  if (g_str_has_prefix (p, "£"))
    p += strlen ("£");
  n = parse_fixed2 (p, PW_MONEY_MAX, &v);
  if (n == NUMBER_INVALID)
    return fail_quoting (error, PW_PARSE_ERROR_INVALID,
                         _("“%s” is not an amount of money: write pounds and pence, such as £26,400.00 or 26400"),
                         text);
  if (n == NUMBER_TOO_BIG)
    return fail_quoting (error, PW_PARSE_ERROR_RANGE,
                         _("“%s” is too large an amount: the most is £999,999,999.99"), text);
  *out_pence = negative ? -v : v;
  return TRUE;
}

/* Inserts thousands separators into a string of digits. */
static void
append_grouped (GString *out,
                guint64  v)
{
  g_autofree char *d = g_strdup_printf ("%" G_GUINT64_FORMAT, v);
  gsize len = strlen (d);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, d[i]);
    }
}

char *
pw_format_money (gint64 pence)
{
  GString *out = g_string_new (pence < 0 ? "-£" : "£");
  guint64 a = pence < 0 ? (guint64) -(pence + 1) + 1 : (guint64) pence;

  append_grouped (out, a / 100);
  g_string_append_printf (out, ".%02u", (guint) (a % 100));
  return g_string_free (out, FALSE);
}

gboolean
pw_parse_population (const char  *text,
                     gint64      *out_count,
                     GError     **error)
{
  g_autofree char *s = stripped_copy (text);
  gint64 v = 0;
  Number n;

  g_return_val_if_fail (out_count != NULL, FALSE);

  if (fail_if_empty (s, N_("The list size"), error))
    return FALSE;
  n = parse_grouped_int (s, strlen (s), PW_COUNT_MAX, &v);
  if (n == NUMBER_INVALID)
    return fail_quoting (error, PW_PARSE_ERROR_INVALID,
                         _("“%s” is not a number of patients: use a whole number of 0 or more, such as 41,250"),
                         text);
  if (n == NUMBER_TOO_BIG)
    return fail_quoting (error, PW_PARSE_ERROR_RANGE,
                         _("“%s” is too large a number: the most is 99,999,999"), text);
  *out_count = v;
  return TRUE;
}

char *
pw_format_count (gint64 count)
{
  GString *out = g_string_new (count < 0 ? "-" : "");

  append_grouped (out, (guint64) ABS (count));
  return g_string_free (out, FALSE);
}

static gboolean
split_date (const char *s,
            int        *y,
            int        *m,
            int        *d)
{
  if (strlen (s) != 10)
    return FALSE;
  if (s[2] == '/' && s[5] == '/')
    {
      *d = digits (s, 2), *m = digits (s + 3, 2), *y = digits (s + 6, 4);
      return *d >= 0 && *m >= 0 && *y >= 0;
    }
  if (s[4] == '-' && s[7] == '-')
    {
      *y = digits (s, 4), *m = digits (s + 5, 2), *d = digits (s + 8, 2);
      return *d >= 0 && *m >= 0 && *y >= 0;
    }
  return FALSE;
}

gboolean
pw_parse_date (const char  *text,
               char       **out_iso,
               GError     **error)
{
  g_autofree char *s = stripped_copy (text);
  int y = 0, m = 0, d = 0;

  g_return_val_if_fail (out_iso != NULL, FALSE);

  if (fail_if_empty (s, N_("The date"), error))
    return FALSE;
  if (!split_date (s, &y, &m, &d) || y < 1900 || y > 2199 ||
      !g_date_valid_dmy (d, m, y))
    return fail_quoting (error, PW_PARSE_ERROR_INVALID,
                         _("“%s” is not a date: write it as DD/MM/YYYY, such as 01/07/2019"), text);
  *out_iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return TRUE;
}

char *
pw_format_date (const char *iso)
{
  int y = 0, m = 0, d = 0;

  if (iso == NULL || !split_date (iso, &y, &m, &d))
    return g_strdup (iso ? iso : "");
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

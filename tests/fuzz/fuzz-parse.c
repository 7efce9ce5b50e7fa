/* fuzz-parse.c — libFuzzer target: every parser of a typed or imported
 * value, on the same input
 *
 * ODS codes, years, WTE, money, list sizes, dates (pw-parse.c), maturity
 * levels and domains, SWOT quadrants, funding streams and rates.  Besides
 * not crashing, what is accepted must be in range and must read back the
 * same from its own formatting, and a refusal must quote at most a line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pw-matrix.h"
#include "pw-parse.h"
#include "pw-plan.h"
#include "pw-workforce.h"

/* libFuzzer keeps the input of a crash it sees: an abort, not the trap
 * g_error raises; and the message in UTF-8 whatever the locale. */
static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
fail (const char *format,
      ...)
{
  va_list ap;

  va_start (ap, format);
  vfprintf (stderr, format, ap);
  va_end (ap);
  fputc ('\n', stderr);
  abort ();
}

#define CHECK(cond) G_STMT_START { if (!(cond)) fail ("fuzz-parse: %s fails for “%s”", #cond, text); } G_STMT_END

/* A refusal quotes at most PW_QUOTE_MAX characters of the value, so its
 * message stays short however long the value (pw-parse.c's own parsers). */
static void
check_refusal (const char *text,
               GError     *error)
{
  CHECK (error != NULL);
  CHECK (g_utf8_strlen (error->message, -1) < PW_QUOTE_MAX + 400);
}

static void
parse_codes (const char *text)
{
  g_autofree char *pcn = NULL, *practice = NULL;
  g_autoptr(GError) e1 = NULL, e2 = NULL;

  if (pw_parse_pcn_code (text, &pcn, &e1))
    CHECK (strlen (pcn) == 6 && pcn[0] == 'U');
  else
    check_refusal (text, e1);
  if (pw_parse_practice_code (text, &practice, &e2))
    CHECK (strlen (practice) == 6 && g_ascii_isupper (practice[0]));
  else
    check_refusal (text, e2);
}

static void
parse_year (const char *text)
{
  g_autoptr(GError) error = NULL;
  int year = 0, again = 0;

  if (pw_parse_year (text, &year, &error))
    {
      g_autofree char *formatted = pw_format_year (year);
      CHECK (year >= PW_YEAR_MIN && year <= PW_YEAR_MAX);
      CHECK (pw_parse_year (formatted, &again, NULL) && again == year);
    }
  else
    check_refusal (text, error);
}

static void
parse_wte (const char *text)
{
  g_autoptr(GError) error = NULL;
  int wte = 0, again = 0;

  if (pw_parse_wte (text, &wte, &error))
    {
      g_autofree char *formatted = pw_format_wte (wte);
      CHECK (wte >= 0 && wte <= PW_WTE_MAX);
      CHECK (pw_parse_wte (formatted, &again, NULL) && again == wte);
    }
  else
    check_refusal (text, error);
}

static void
parse_money (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 pence = 0, again = 0;

  if (pw_parse_money (text, &pence, &error))
    {
      g_autofree char *formatted = pw_format_money (pence);
      CHECK (pence >= -PW_MONEY_MAX && pence <= PW_MONEY_MAX);
      CHECK (pw_parse_money (formatted, &again, NULL) && again == pence);
    }
  else
    check_refusal (text, error);
}

static void
parse_count (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 count = 0, again = 0;

  if (pw_parse_population (text, &count, &error))
    {
      g_autofree char *formatted = pw_format_count (count);
      CHECK (count >= 0 && count <= PW_COUNT_MAX);
      CHECK (pw_parse_population (formatted, &again, NULL) && again == count);
    }
  else
    check_refusal (text, error);
}

static void
parse_date (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL, *again = NULL, *formatted = NULL;

  if (pw_parse_date (text, &iso, &error))
    {
      formatted = pw_format_date (iso);
      CHECK (pw_parse_date (formatted, &again, NULL) && strcmp (again, iso) == 0);
    }
  else
    check_refusal (text, error);
}

/* Parsers outside pw-parse.c: not crashing, and in range. */
static void
parse_others (const char *text)
{
  int level = 0;
  guint domain = 0;
  PwItemList list = 0;
  PwFundingStream stream = 0;
  gint64 rate = 0;

  if (pw_level_parse (text, &level, NULL))
    CHECK (pw_level_valid (level));
  if (pw_domain_parse (text, &domain, NULL))
    CHECK (domain < PW_N_DOMAINS);
  if (pw_quadrant_parse (text, &list, NULL))
    CHECK (list < 4);
  if (pw_stream_parse (text, &stream, NULL))
    CHECK (stream < PW_N_STREAMS);
  if (pw_parse_rate (text, &rate, NULL))
    CHECK (rate >= 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Values reach the parsers as NUL-terminated UTF-8 (the CSV reader and
   * GTK both check it), so other input is not a case to try. */
  g_autofree char *text = g_strndup ((const char *) data, size);

  if (strlen (text) != size || !g_utf8_validate (text, -1, NULL))
    return 0;
  parse_codes (text);
  parse_year (text);
  parse_wte (text);
  parse_money (text);
  parse_count (text);
  parse_date (text);
  parse_others (text);
  return 0;
}

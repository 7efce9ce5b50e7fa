/* Parsing and formatting of user-typed values.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-form.h"
#include "pw-parse.h"

static void
test_pcn_code (void)
{
  g_autofree char *a = NULL, *b = NULL;
  char *bad = NULL;
  const char *wrong[] = { "", "  ", "U1234", "U123456", "L85001", "UABCDE", "U 12345", NULL };

  g_assert_true (pw_parse_pcn_code ("U12345", &a, NULL));
  g_assert_cmpstr (a, ==, "U12345");
  g_assert_true (pw_parse_pcn_code ("  u00001 ", &b, NULL));
  g_assert_cmpstr (b, ==, "U00001");
  for (guint i = 0; wrong[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (pw_parse_pcn_code (wrong[i], &bad, &error));
      g_assert_null (bad);
      g_assert_nonnull (error);
      g_autofree char *trimmed = g_strstrip (g_strdup (wrong[i]));

      if (*trimmed != '\0')
        g_assert_nonnull (strstr (error->message, "U12345"));
    }
}

static void
test_practice_code (void)
{
  g_autofree char *a = NULL;
  char *bad = NULL;
  const char *wrong[] = { "", "L8500", "185001", "L85001X", "LL5001", "£85001", NULL };

  g_assert_true (pw_parse_practice_code ("l85001", &a, NULL));
  g_assert_cmpstr (a, ==, "L85001");
  for (guint i = 0; wrong[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (pw_parse_practice_code (wrong[i], &bad, &error));
      g_assert_nonnull (error);
    }
}

static void
test_year (void)
{
  const char *good[] = { "2021/22", "2021-22", "21/22", "2021/2022", " 2021/22 ", "2021-2022", NULL };
  const char *wrong[] = { "", "2021", "2021/23", "22/21", "2021/2", "twenty", "1999/00", "2021/22/23", "2021//22", NULL };

  for (guint i = 0; good[i]; i++)
    {
      int year = 0;
      g_assert_true (pw_parse_year (good[i], &year, NULL));
      g_assert_cmpint (year, ==, 2021);
    }
  for (guint i = 0; wrong[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      int year = -5;
      g_assert_false (pw_parse_year (wrong[i], &year, &error));
      g_assert_cmpint (year, ==, -5);
      g_assert_nonnull (error);
    }
  {
    int year = 0;
    g_autofree char *s = pw_format_year (2021);
    g_autofree char *t = pw_format_year (2099);
    g_assert_cmpstr (s, ==, "2021/22");
    g_assert_cmpstr (t, ==, "2099/00");
    g_assert_true (pw_parse_year ("2019/20", &year, NULL));
    g_assert_cmpint (year, ==, 2019);
  }
}

static void
test_wte (void)
{
  struct { const char *in; int out; } good[] = {
    { "0", 0 }, { "0.25", 25 }, { "1.5", 150 }, { ".5", 50 }, { "99.99", 9999 }, { " 12.30 ", 1230 },
  };
  const char *wrong[] = { "", "-1", "100", "99.999", "1.", "abc", "1,5", "0.2.5", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      int v = -1;
      g_assert_true (pw_parse_wte (good[i].in, &v, NULL));
      g_assert_cmpint (v, ==, good[i].out);
    }
  for (guint i = 0; wrong[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      int v = -7;
      g_assert_false (pw_parse_wte (wrong[i], &v, &error));
      g_assert_cmpint (v, ==, -7);
      g_assert_nonnull (error);
    }
  {
    g_autofree char *a = pw_format_wte (14080);
    g_autofree char *b = pw_format_wte (25);
    g_autofree char *c = pw_format_wte (100);
    g_autofree char *d = pw_format_wte (-5);
    g_assert_cmpstr (a, ==, "140.8");
    g_assert_cmpstr (b, ==, "0.25");
    g_assert_cmpstr (c, ==, "1.0");
    g_assert_cmpstr (d, ==, "-0.05");
  }
}

static void
test_money (void)
{
  struct { const char *in; gint64 out; } good[] = {
    { "£26,400.00", 2640000 }, { "26400", 2640000 }, { "1234.56", 123456 }, { "£0.66", 66 },
    { "-£5.10", -510 }, { "7,123,000", 712300000 }, { "1.5", 150 },
  };
  const char *wrong[] = { "", "£", "12,34", "1.234", "abc", "$5", "£1,0000", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 v = 0;
      g_assert_true (pw_parse_money (good[i].in, &v, NULL));
      g_assert_cmpint (v, ==, good[i].out);
    }
  for (guint i = 0; wrong[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 v = 0;
      g_assert_false (pw_parse_money (wrong[i], &v, &error));
      g_assert_nonnull (error);
    }
  {
    g_autofree char *a = pw_format_money (2640000);
    g_autofree char *b = pw_format_money (68519682);
    g_autofree char *c = pw_format_money (-5);
    g_autofree char *d = pw_format_money (0);
    g_assert_cmpstr (a, ==, "£26,400.00");
    g_assert_cmpstr (b, ==, "£685,196.82");
    g_assert_cmpstr (c, ==, "-£0.05");
    g_assert_cmpstr (d, ==, "£0.00");
  }
}

static void
test_population (void)
{
  struct { const char *in; gint64 out; } good[] = {
    { "41,250", 41250 }, { "41250", 41250 }, { "0", 0 }, { "1,038,177", 1038177 },
  };
  const char *wrong[] = { "", "-1", "4,1250", "41.5", "ten", ",250", "41,25", "99999999999", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 v = -1;
      g_assert_true (pw_parse_population (good[i].in, &v, NULL));
      g_assert_cmpint (v, ==, good[i].out);
    }
  for (guint i = 0; wrong[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 v = -1;
      g_assert_false (pw_parse_population (wrong[i], &v, &error));
      g_assert_nonnull (error);
      g_assert_cmpint (v, ==, -1);
    }
  {
    g_autofree char *a = pw_format_count (1038177);
    g_autofree char *b = pw_format_count (999);
    g_assert_cmpstr (a, ==, "1,038,177");
    g_assert_cmpstr (b, ==, "999");
  }
}

static void
test_date (void)
{
  const char *wrong[] = { "", "31/02/2020", "2020-13-01", "1/7/2019", "07/01/19", "tomorrow", NULL };
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_assert_true (pw_parse_date ("01/07/2019", &a, NULL));
  g_assert_cmpstr (a, ==, "2019-07-01");
  g_assert_true (pw_parse_date ("2019-07-01", &b, NULL));
  g_assert_cmpstr (b, ==, "2019-07-01");
  c = pw_format_date ("2019-07-01");
  g_assert_cmpstr (c, ==, "01/07/2019");
  for (guint i = 0; wrong[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      char *out = NULL;
      g_assert_false (pw_parse_date (wrong[i], &out, &error));
      g_assert_null (out);
      g_assert_nonnull (error);
    }
}

/* Where a typo could be read as another number.  "1234,567" is neither UK
 * grouping (1,234,567) nor a decimal we accept, so it is refused rather
 * than guessed; groups after the first are exactly three digits. */
static void
test_number_edges (void)
{
  static const char *not_money[] = {
    "1234,567", "1,234,5678", "12,34,567", "1,23", ",123", "1,,234", "1,234,", "£1234,567.00",
    "1.2.3", "£-5", "- 5", "£ ", NULL,
  };
  /* Over the most a committee table holds (PW_MONEY_MAX), some too large
   * even for pence in 64 bits: refused as too large, never wrapped round. */
  static const char *too_much[] = {
    "99999999999999999999", "900000000000000000", "92233720368547758",
    "92,233,720,368,547,758.07", "9,000,000,000,000.99", "1,000,000,000.00", NULL,
  };
  static const char *not_population[] = { "1234,567", "1,2345", "1,234,56", "12,34,567", "1,234,", "+5", NULL };
  gint64 v = 0;
  int y = 0, w = 0;
  g_autofree char *iso = NULL, *late = NULL;

  for (guint i = 0; not_money[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      if (pw_parse_money (not_money[i], &v, &error))
        g_error ("“%s” read as %" G_GINT64_FORMAT " pence", not_money[i], v);
      g_assert_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, not_money[i]));
    }
  for (guint i = 0; too_much[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      if (pw_parse_money (too_much[i], &v, &error))
        g_error ("“%s” read as %" G_GINT64_FORMAT " pence", too_much[i], v);
      g_assert_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_RANGE);
    }
  for (guint i = 0; not_population[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      if (pw_parse_population (not_population[i], &v, &error))
        g_error ("“%s” read as %" G_GINT64_FORMAT " patients", not_population[i], v);
      g_assert_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_INVALID);
    }
  g_assert_true (pw_parse_money ("1,234,567", &v, NULL));
  g_assert_cmpint (v, ==, 123456700);
  g_assert_true (pw_parse_money ("123,456.78", &v, NULL));
  g_assert_cmpint (v, ==, 12345678);
  g_assert_true (pw_parse_money ("1234567", &v, NULL));
  g_assert_cmpint (v, ==, 123456700);
  g_assert_true (pw_parse_money ("999,999,999.99", &v, NULL));
  g_assert_cmpint (v, ==, G_GINT64_CONSTANT (99999999999));
  g_assert_true (pw_parse_money ("£.5", &v, NULL));
  g_assert_cmpint (v, ==, 50);
  g_assert_true (pw_parse_population ("99,999,999", &v, NULL));   /* PW_COUNT_MAX, each side */
  g_assert_cmpint (v, ==, PW_COUNT_MAX);
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (pw_parse_population ("100,000,000", &v, &error));
    g_assert_error (error, PW_PARSE_ERROR, PW_PARSE_ERROR_RANGE);
  }
  {
    g_autofree char *zero = pw_format_count (0);
    g_autofree char *code = NULL;
    g_assert_cmpstr (zero, ==, "0");
    g_assert_false (pw_parse_practice_code ("L8500X", &code, NULL));   /* every digit checked */
    g_assert_null (code);
  }
  g_assert_true (pw_parse_population ("123", &v, NULL));
  g_assert_cmpint (v, ==, 123);

  /* Boundaries, each side. */
  g_assert_true (pw_parse_wte ("99.99", &w, NULL));
  g_assert_false (pw_parse_wte ("100.00", &w, NULL));
  g_assert_true (pw_parse_wte ("0.01", &w, NULL));
  g_assert_cmpint (w, ==, 1);
  g_assert_true (pw_parse_year ("2000/01", &y, NULL));
  g_assert_cmpint (y, ==, 2000);
  g_assert_false (pw_parse_year ("1999/00", &y, NULL));
  g_assert_true (pw_parse_year ("2098/99", &y, NULL));
  g_assert_cmpint (y, ==, 2098);
  g_assert_false (pw_parse_year ("2099/00", &y, NULL));
  g_assert_false (pw_parse_year ("2021/23", &y, NULL));
  g_assert_false (pw_parse_year ("2021/21", &y, NULL));
  g_assert_false (pw_parse_year ("202/22", &y, NULL));
  g_assert_true (pw_parse_year ("21-22", &y, NULL));
  g_assert_cmpint (y, ==, 2021);
  /* The first year of two digits may be 00 (2000/01), the second 00 only
   * where it ends a century, out of range either side (1999/00, 2099/00). */
  g_assert_true (pw_parse_year ("00/01", &y, NULL));
  g_assert_cmpint (y, ==, 2000);
  g_assert_true (pw_parse_year ("00-2001", &y, NULL));
  g_assert_cmpint (y, ==, 2000);
  g_assert_true (pw_parse_year ("98/99", &y, NULL));
  g_assert_cmpint (y, ==, 2098);
  g_assert_false (pw_parse_year ("99/00", &y, NULL));
  g_assert_true (pw_parse_date ("01/01/1900", &iso, NULL));
  g_assert_cmpstr (iso, ==, "1900-01-01");
  g_assert_true (pw_parse_date ("31/12/2199", &late, NULL));
  g_assert_cmpstr (late, ==, "2199-12-31");
  {
    const char *wrong[] = { "31/12/1899", "01/01/2200", "29/02/2021", "00/01/2020", "01/13/2020", "1/1/2020", NULL };
    for (guint i = 0; wrong[i]; i++)
      {
        g_autofree char *out = NULL;
        if (pw_parse_date (wrong[i], &out, NULL))
          g_error ("“%s” read as %s", wrong[i], out);
      }
  }
  /* A blank WTE field means "not given" (-1), not a mistake; a wrong one is refused. */
  {
    gint64 n = 7;
    g_autoptr(GError) error = NULL;
    g_assert_true (pw_form_check (PW_FORM_WTE, "  ", NULL, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpint (n, ==, -1);
    g_assert_true (pw_form_check (PW_FORM_WTE, "0.25", NULL, &n, &error));
    g_assert_cmpint (n, ==, 25);
    g_assert_false (pw_form_check (PW_FORM_WTE, "x", NULL, &n, &error));
    g_assert_nonnull (error);
  }
  /* A blank date field clears the date; a date is stored as ISO. */
  {
    g_autofree char *none = NULL, *day = NULL;
    g_assert_true (pw_form_check (PW_FORM_DATE, " ", &none, NULL, NULL));
    g_assert_cmpstr (none, ==, "");
    g_assert_true (pw_form_check (PW_FORM_DATE, "01/07/2019", &day, NULL, NULL));
    g_assert_cmpstr (day, ==, "2019-07-01");
  }
  {
    g_autofree char *leap = NULL;
    g_assert_true (pw_parse_date ("29/02/2020", &leap, NULL));
    g_assert_cmpstr (leap, ==, "2020-02-29");
  }
}

/* The financial year starts on 1 April: 31 March is still the year before. */
static void
test_year_of_date (void)
{
  const struct { int y, m, d, year; } cases[] = {
    { 2026, 3, 31, 2025 }, { 2026, 4, 1, 2026 }, { 2026, 1, 1, 2025 }, { 2026, 12, 31, 2026 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (cases[i].y, cases[i].m, cases[i].d, 12, 0, 0);

      g_assert_cmpint (pw_year_of_date (when), ==, cases[i].year);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/parse/pcn-code", test_pcn_code);
  g_test_add_func ("/parse/practice-code", test_practice_code);
  g_test_add_func ("/parse/year", test_year);
  g_test_add_func ("/parse/wte", test_wte);
  g_test_add_func ("/parse/money", test_money);
  g_test_add_func ("/parse/population", test_population);
  g_test_add_func ("/parse/date", test_date);
  g_test_add_func ("/parse/number-edges", test_number_edges);
  g_test_add_func ("/parse/year-of-date", test_year_of_date);
  return g_test_run ();
}

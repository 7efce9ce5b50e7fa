/* What the edit forms accept and show (app/pw-form.c): the pages check
 * every keystroke with these, but only the window tests ran them, so a
 * small bug here passed the core suite (mutate.py's survivors).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "pw-form.h"

/* @input in a field of @kind: accepted, with the text and number to store. */
static void
assert_accepts (PwFormKind  kind,
                const char *input,
                const char *text,
                gint64      number)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 n = 12345;

  g_assert_true (pw_form_check (kind, input, &out, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, text);
  g_assert_cmpint (n, ==, number);
}

/* @input refused, with a message that contains @says. */
static void
assert_refuses (PwFormKind  kind,
                const char *input,
                const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 n = 12345;

  g_assert_false (pw_form_check (kind, input, &out, &n, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, says));
  /* Nothing comes out of a refused value. */
  g_assert_null (out);
  g_assert_cmpint (n, ==, 12345);
}

static void
test_check (void)
{
  assert_accepts (PW_FORM_TEXT, "  any note ", "any note", -1);
  assert_accepts (PW_FORM_TEXT, "", "", -1);
  assert_accepts (PW_FORM_TEXT, NULL, "", -1);
  assert_accepts (PW_FORM_NAME, " Riverside PCN ", "Riverside PCN", -1);
  assert_refuses (PW_FORM_NAME, "   ", "A name is needed");
  assert_accepts (PW_FORM_PCN_CODE, " u12345", "U12345", -1);
  assert_refuses (PW_FORM_PCN_CODE, "U123", "U12345");
  assert_accepts (PW_FORM_PRACTICE_CODE, "l85001", "L85001", -1);
  assert_refuses (PW_FORM_PRACTICE_CODE, "L8500", "L8500");
  /* An empty WTE is "not given" (-1), not 0. */
  assert_accepts (PW_FORM_WTE, "", NULL, -1);
  assert_accepts (PW_FORM_WTE, "  ", NULL, -1);
  assert_accepts (PW_FORM_WTE, "0.5", NULL, 50);
  assert_accepts (PW_FORM_WTE, "0", NULL, 0);
  assert_refuses (PW_FORM_WTE, "abc", "abc");
  assert_refuses (PW_FORM_WTE, "100", "100");
  assert_accepts (PW_FORM_DATE, "", "", -1);
  assert_accepts (PW_FORM_DATE, " ", "", -1);
  assert_accepts (PW_FORM_DATE, "01/07/2019", "2019-07-01", -1);
  assert_refuses (PW_FORM_DATE, "31/02/2019", "DD/MM/YYYY");
  /* Separators mixed: neither DD/MM/YYYY nor YYYY-MM-DD (seed 404). */
  assert_refuses (PW_FORM_DATE, "01/07-2019", "DD/MM/YYYY");
  assert_refuses (PW_FORM_DATE, "2019-07/01", "DD/MM/YYYY");
  assert_accepts (PW_FORM_LIST_SIZE, "41,250", NULL, 41250);
  assert_accepts (PW_FORM_LIST_SIZE, "0", NULL, 0);
  assert_refuses (PW_FORM_LIST_SIZE, "", "list size");
  assert_refuses (PW_FORM_LIST_SIZE, "-1", "-1");
  /* An empty amount is £0.00; a negative one is refused. */
  assert_accepts (PW_FORM_MONEY, "", NULL, 0);
  assert_accepts (PW_FORM_MONEY, "£1,500.00", NULL, 150000);
  assert_accepts (PW_FORM_MONEY, "0", NULL, 0);
  assert_refuses (PW_FORM_MONEY, "-5", "cannot be negative");
  assert_refuses (PW_FORM_MONEY, "five", "five");
}

/* A caller may ask for the verdict alone. */
static void
test_check_without_outputs (void)
{
  g_assert_true (pw_form_check (PW_FORM_WTE, "1.25", NULL, NULL, NULL));
  g_assert_false (pw_form_check (PW_FORM_WTE, "1.255", NULL, NULL, NULL));
}

static void
test_display (void)
{
  const struct { PwFormKind kind; const char *text; gint64 number; const char *shown; } cases[] = {
    { PW_FORM_WTE, NULL, -1, "" },
    { PW_FORM_WTE, NULL, 0, "0.0" },
    { PW_FORM_WTE, NULL, 50, "0.5" },
    { PW_FORM_WTE, NULL, 9999, "99.99" },
    { PW_FORM_DATE, "2019-07-01", -1, "01/07/2019" },
    { PW_FORM_DATE, "", -1, "" },
    { PW_FORM_LIST_SIZE, NULL, 41250, "41,250" },
    { PW_FORM_MONEY, NULL, 150000, "£1,500.00" },
    { PW_FORM_MONEY, NULL, 0, "£0.00" },
    { PW_FORM_NAME, "Riverside PCN", -1, "Riverside PCN" },
    { PW_FORM_TEXT, NULL, -1, "" },
    { PW_FORM_PCN_CODE, "U12345", -1, "U12345" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = pw_form_display (cases[i].kind, cases[i].text, cases[i].number);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static void
test_hint (void)
{
  g_assert_cmpstr (pw_form_hint (PW_FORM_NAME), ==, "Required");
  g_assert_cmpstr (pw_form_hint (PW_FORM_PCN_CODE), ==, "U + 5 digits");
  g_assert_cmpstr (pw_form_hint (PW_FORM_PRACTICE_CODE), ==, "Letter + 5 digits");
  g_assert_cmpstr (pw_form_hint (PW_FORM_WTE), ==, "0.00 to 99.99");
  g_assert_cmpstr (pw_form_hint (PW_FORM_DATE), ==, "DD/MM/YYYY");
  g_assert_cmpstr (pw_form_hint (PW_FORM_LIST_SIZE), ==, "Whole number");
  g_assert_cmpstr (pw_form_hint (PW_FORM_MONEY), ==, "Such as £1,500.00");
  g_assert_cmpstr (pw_form_hint (PW_FORM_TEXT), ==, "");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/form/check", test_check);
  g_test_add_func ("/form/check-without-outputs", test_check_without_outputs);
  g_test_add_func ("/form/display", test_display);
  g_test_add_func ("/form/hint", test_hint);
  return g_test_run ();
}

/* pw-form.c — what an edit form accepts, as pure functions
 *
 * The pages check every keystroke here before anything reaches the store,
 * so the rules can be tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-form.h"
#include "pw-parse.h"

static gboolean
is_blank (const char *s)
{
  for (; s != NULL && *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/**
 * pw_form_check:
 * @out_text: (out): the value to store as text (canonical), or %NULL
 * @out_number: (out): the value to store as a number, or -1 when not given
 *
 * Returns: whether @input is acceptable for a field of @kind
 */
gboolean
pw_form_check (PwFormKind   kind,
               const char  *input,
               char       **out_text,
               gint64      *out_number,
               GError     **error)
{
  g_autofree char *text = NULL;
  gint64 number = -1;
  int wte = -1;
  gboolean ok = TRUE;

  input = input ? input : "";
  switch (kind)
    {
    case PW_FORM_TEXT:
      text = g_strstrip (g_strdup (input));
      break;
    case PW_FORM_NAME:
      text = g_strstrip (g_strdup (input));
      if (*text == '\0')
        ok = (g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                                   _("A name is needed")), FALSE);
      break;
    case PW_FORM_PCN_CODE:
      ok = pw_parse_pcn_code (input, &text, error);
      break;
    case PW_FORM_PRACTICE_CODE:
      ok = pw_parse_practice_code (input, &text, error);
      break;
    case PW_FORM_WTE:
      if (!is_blank (input))
        ok = pw_parse_wte (input, &wte, error);
      number = wte;
      break;
    case PW_FORM_DATE:
      if (is_blank (input))
        text = g_strdup ("");
      else
        ok = pw_parse_date (input, &text, error);
      break;
    case PW_FORM_LIST_SIZE:
      ok = pw_parse_population (input, &number, error);
      break;
    case PW_FORM_MONEY:
      number = 0;
      if (!is_blank (input) && (ok = pw_parse_money (input, &number, error)) && number < 0)
        ok = (g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                                   _("An amount cannot be negative")), FALSE);
      break;
    }
  if (!ok)
    return FALSE;
  if (out_text != NULL)
    *out_text = g_steal_pointer (&text);
  if (out_number != NULL)
    *out_number = number;
  return TRUE;
}

/* How a stored value is shown in its field. */
char *
pw_form_display (PwFormKind  kind,
                 const char *text,
                 gint64      number)
{
  switch (kind)
    {
    case PW_FORM_WTE:
      return number < 0 ? g_strdup ("") : pw_format_wte (number);
    case PW_FORM_DATE:
      return pw_format_date (text);
    case PW_FORM_LIST_SIZE:
      return pw_format_count (number);
    case PW_FORM_MONEY:
      return pw_format_money (number);
    default:
      return g_strdup (text ? text : "");
    }
}

/* A few words on the accepted form, shown beside a field that is wrong. */
const char *
pw_form_hint (PwFormKind kind)
{
  switch (kind)
    {
    case PW_FORM_NAME: return _("Required");
    case PW_FORM_PCN_CODE: return _("U + 5 digits");
    case PW_FORM_PRACTICE_CODE: return _("Letter + 5 digits");
    case PW_FORM_WTE: return _("0.00 to 99.99");
    case PW_FORM_DATE: return _("DD/MM/YYYY");
    case PW_FORM_LIST_SIZE: return _("Whole number");
    case PW_FORM_MONEY: return _("Such as £1,500.00");
    default: return "";
    }
}

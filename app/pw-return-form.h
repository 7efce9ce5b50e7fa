/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-progress.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* A return form: one .xlsx per PCN that its manager fills in and sends
 * back.  Where everything is, shared by the writer (export/pw-export-forms.c)
 * and the reader of forms sent back.  Rows and columns are 0-based, as
 * libxlsxwriter counts; "Maturity!B7" is row 6, column 1. */

#define PW_FORM_VERSION 1

/* The hidden sheet that says what the form is: column A a key, B (and C) its
 * value, all text so that any program saves it back unchanged.
 *   form       PCN Workbook return form
 *   pcn        U12345
 *   year       2026/27
 *   version    1
 *   wte        <Workforce row>  <role name>     one per role row
 *   des        <Plan row>       <spec key>      one per specification row
 *   projects   <first row>      <last row>      (Plan)
 *   proposals  <first row>      <last row>      (Plan)
 *   achievements <first row>    <last row>
 *   swot       <first row>      <last row> */
#define PW_FORM_ID_SHEET "Form"
#define PW_FORM_MAGIC "PCN Workbook return form"

/* Profile: the values in column B, last year's in C */
enum
{
  PW_FORM_PROFILE_CODE = 2,
  PW_FORM_PROFILE_NAME,
  PW_FORM_PROFILE_LOCALITY,
  PW_FORM_PROFILE_CD,
  PW_FORM_PROFILE_CD_WTE,
  PW_FORM_PROFILE_MANAGER,
  PW_FORM_PROFILE_MANAGER_WTE,
  PW_FORM_PROFILE_PRACTICES = 10,   /* the label; a header, then one row per practice */
};

/* Maturity: header on row 2, one row per domain from row 3 (Maturity!B3 …
 * B7): Domain · Level · Evidence · Support needed · Last year's level */
#define PW_FORM_MATURITY_FIRST 2

/* Workforce: header on row 2, roles from row 3: Role · WTE in post ·
 * Headcount · Planned WTE · last year's WTE in post · last year's planned */
#define PW_FORM_WORKFORCE_FIRST 2

/* Blank rows offered for new entries after the ones the return holds. */
#define PW_FORM_SPARE_ROWS 8
#define PW_FORM_MAX_HEADCOUNT 999

gboolean pw_export_forms (PwStore         *store,
                          int              year,
                          const char      *dir,
                          const char      *locality,
                          const char      *pcn_code,
                          guint           *out_written,
                          PwProgressFunc   progress,
                          gpointer         progress_data,
                          GCancellable    *cancellable,
                          GError         **error);
char    *pw_form_file_name (const char *code,
                            const char *name,
                            int         year);

G_END_DECLS

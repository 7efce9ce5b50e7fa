/* pw-lib-zip.h — libzip's calls, loaded by the first xlsx read
 * (pw-lib-zip.c)
 *
 * libzip (and libcrypto, libbz2… which it needs) is not linked into the
 * programs: only reading a return form opens a zip.  The xlsx reader
 * includes this instead of <zip.h>: its calls go through the table
 * pw_zip_load () fills (pw-lib.h), which the reader's entry point calls
 * first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <zip.h>

#include "pw-lib.h"

G_BEGIN_DECLS

#define PW_ZIP_FUNCTIONS(F) \
  F (zip_discard) \
  F (zip_error_code_zip) \
  F (zip_error_fini) \
  F (zip_error_init) \
  F (zip_error_strerror) \
  F (zip_fclose) \
  F (zip_file_get_error) \
  F (zip_fopen_index) \
  F (zip_fread) \
  F (zip_get_error) \
  F (zip_name_locate) \
  F (zip_open_from_source) \
  F (zip_source_buffer_create) \
  F (zip_source_free)

typedef PW_LIB_TABLE (PW_ZIP_FUNCTIONS) PwZip;

extern PwZip pw_zip;

gboolean pw_zip_load (GError **error);

#ifndef PW_ZIP_LOADER
#define zip_discard (pw_zip.zip_discard)
#define zip_error_code_zip (pw_zip.zip_error_code_zip)
#define zip_error_fini (pw_zip.zip_error_fini)
#define zip_error_init (pw_zip.zip_error_init)
#define zip_error_strerror (pw_zip.zip_error_strerror)
#define zip_fclose (pw_zip.zip_fclose)
#define zip_file_get_error (pw_zip.zip_file_get_error)
#define zip_fopen_index (pw_zip.zip_fopen_index)
#define zip_fread (pw_zip.zip_fread)
#define zip_get_error (pw_zip.zip_get_error)
#define zip_name_locate (pw_zip.zip_name_locate)
#define zip_open_from_source (pw_zip.zip_open_from_source)
#define zip_source_buffer_create (pw_zip.zip_source_buffer_create)
#define zip_source_free (pw_zip.zip_source_free)
#endif

G_END_DECLS

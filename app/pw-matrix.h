/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The five domains of the PCN Maturity Matrix, in the national order. */
#define PW_N_DOMAINS 5

/* Levels are integer half-steps on the scale Foundation = 0, Step 1 = 2,
 * Step 2 = 4, Step 3 = 6 (so 1 is Foundation/Step 1); Pre-foundation is -2.
 * PW_LEVEL_NONE means "no score": not assessed, unlike Pre-foundation. */
#define PW_LEVEL_NONE (-100)
#define PW_LEVEL_PRE_FOUNDATION (-2)
#define PW_LEVEL_STEP_3 6
#define PW_N_LEVELS 9          /* the eight levels and "No score" */

const char *pw_domain_key      (guint        domain);
const char *pw_domain_name     (guint        domain);
gboolean    pw_domain_from_key (const char  *key,
                                guint       *out_domain);
gboolean    pw_domain_parse    (const char  *text,
                                guint       *out_domain,
                                GError     **error);

gboolean    pw_level_valid     (int          level);
gboolean    pw_level_parse     (const char  *text,
                                int         *out_level,
                                GError     **error);
const char *pw_level_name      (int          level);
int         pw_level_at        (guint        index);
guint       pw_level_index     (int          level);
char       *pw_level_describe  (guint        domain,
                                int          level);
guint32     pw_level_colour    (int          level);
gboolean    pw_level_is_dark   (int          level);
const char *pw_level_css_class (int          level);

G_END_DECLS

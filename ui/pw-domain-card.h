/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_DOMAIN_CARD (pw_domain_card_get_type ())
G_DECLARE_FINAL_TYPE (PwDomainCard, pw_domain_card, PW, DOMAIN_CARD, AdwPreferencesGroup)

GtkWidget *pw_domain_card_new       (guint         domain);
guint      pw_domain_card_get_domain(PwDomainCard *self);
int        pw_domain_card_get_level (PwDomainCard *self);
void       pw_domain_card_set       (PwDomainCard *self,
                                     int           level,
                                     const char   *evidence,
                                     const char   *support,
                                     int           last_year_level,
                                     const char   *last_year);
void       pw_domain_card_set_editable (PwDomainCard *self,
                                        gboolean      editable);

G_END_DECLS

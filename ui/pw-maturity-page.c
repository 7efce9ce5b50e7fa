/* pw-maturity-page.c — a PCN's maturity self-assessment for one year
 *
 * Five domain cards under the return's status bar.  The first level entered
 * starts the year's return as a draft; every change is saved at once and
 * logged by the store.  A submitted or reviewed return is read-only until reopened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-domain-card.h"
#include "pw-matrix.h"
#include "pw-maturity-page.h"
#include "pw-parse.h"
#include "pw-return-bar.h"
#include "pw-ui-util.h"

struct _PwMaturityPage
{
  GtkWidget parent_instance;

  PwStore *store;              /* owned */
  PwPcn *pcn;                  /* owned */
  int year;
  GtkWidget *cards[PW_N_DOMAINS];

  GtkScrolledWindow *scroller;
  GtkBox *content;
  PwReturnBar *return_bar;
};

G_DEFINE_FINAL_TYPE (PwMaturityPage, pw_maturity_page, GTK_TYPE_WIDGET)

static GListModel *
levels_for (PwMaturityPage *self,
            int             year,
            PwReturn      **out_return)
{
  g_autoptr(PwReturn) ret = pw_store_get_return (self->store, pw_pcn_get_id (self->pcn), year, NULL);
  GListModel *levels = ret ? pw_store_list_maturity (self->store, pw_row_get_int (PW_ROW (ret), PW_RETURN_ID), NULL)
                           : NULL;

  if (out_return != NULL)
    *out_return = g_steal_pointer (&ret);
  return levels;
}

static void
load (PwMaturityPage *self)
{
  g_autoptr(PwReturn) ret = NULL;
  g_autoptr(PwReturn) last_ret = NULL;
  g_autoptr(GListModel) now = levels_for (self, self->year, &ret);
  g_autoptr(GListModel) last = levels_for (self, self->year - 1, &last_ret);
  g_autofree char *last_year = pw_format_year (self->year - 1);
  gboolean editable = ret == NULL || pw_row_get_int (PW_ROW (ret), PW_RETURN_STATUS) == PW_STATUS_DRAFT;

  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      g_autoptr(PwMaturity) m = now ? g_list_model_get_item (now, d) : NULL;
      g_autoptr(PwMaturity) l = last ? g_list_model_get_item (last, d) : NULL;

      pw_domain_card_set (PW_DOMAIN_CARD (self->cards[d]),
                          m ? pw_row_get_int (PW_ROW (m), PW_MATURITY_LEVEL) : PW_LEVEL_NONE,
                          m ? pw_row_get_string (PW_ROW (m), PW_MATURITY_EVIDENCE) : "",
                          m ? pw_row_get_string (PW_ROW (m), PW_MATURITY_SUPPORT) : "",
                          l ? pw_row_get_int (PW_ROW (l), PW_MATURITY_LEVEL) : PW_LEVEL_NONE,
                          last_ret ? last_year : NULL);
      pw_domain_card_set_editable (PW_DOMAIN_CARD (self->cards[d]), editable);
    }
}

/* One maturity edit to write (the year's return is started as a draft on
 * the first), kept until the workbook takes it. */
typedef struct
{
  gint64 pcn_id;
  int year;
  guint domain;
  int field;                   /* a PwMaturityField, or -1 for the level */
  int level;
  char *text;
} MaturitySave;

static void
maturity_save_free (gpointer data)
{
  MaturitySave *save = data;

  g_free (save->text);
  g_free (save);
}

static gboolean
write_maturity (PwStore  *store,
                gpointer  data,
                GError  **error)
{
  MaturitySave *save = data;
  gint64 id = 0;

  if (!pw_store_ensure_return (store, save->pcn_id, save->year, &id, error))
    return FALSE;
  return save->field < 0
         ? pw_store_set_maturity_level (store, id, save->domain, save->level, error)
         : pw_store_set_maturity_text (store, id, save->domain, save->field, save->text, error);
}

static void
save (PwMaturityPage *self,
      PwDomainCard   *card,
      int             field,
      int             level,
      const char     *text)
{
  MaturitySave *m = g_new0 (MaturitySave, 1);
  g_autofree char *key = NULL;

  m->pcn_id = pw_pcn_get_id (self->pcn), m->year = self->year;
  m->domain = pw_domain_card_get_domain (card);
  m->field = field, m->level = level, m->text = g_strdup (text);
  key = g_strdup_printf ("maturity/%" G_GINT64_FORMAT "/%d/%u/%d", m->pcn_id, m->year, m->domain, field);
  pw_ui_save (GTK_WIDGET (card), self->store, key, write_maturity, m, maturity_save_free);
}

static void
on_level_changed_cb (PwDomainCard   *card,
                     int             level,
                     PwMaturityPage *self)
{
  save (self, card, -1, level, NULL);
}

static void
on_text_changed_cb (PwDomainCard   *card,
                    gboolean        evidence,
                    const char     *text,
                    PwMaturityPage *self)
{
  save (self, card, evidence ? PW_MATURITY_EVIDENCE : PW_MATURITY_SUPPORT, 0, text);
}

/* Someone else's change (an import, a status change that locks or opens
 * the return): show what is stored now.  Not while our own saves are
 * written or wait, which would put back what the cards are replacing. */
static void
on_store_changed_cb (PwStore        *store,
                     const char     *table,
                     gint64          id,
                     PwMaturityPage *self)
{
  if (self->pcn != NULL && !pw_save_queue_is_busy (pw_save_queue_for_store (store)) &&
      (table == NULL || g_strcmp0 (table, "return") == 0 || g_strcmp0 (table, "maturity") == 0))
    load (self);
}

static void
pw_maturity_page_dispose (GObject *object)
{
  PwMaturityPage *self = PW_MATURITY_PAGE (object);

  pw_ui_follow_store (self, &self->store, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_MATURITY_PAGE);
  g_clear_object (&self->pcn);
  G_OBJECT_CLASS (pw_maturity_page_parent_class)->dispose (object);
}

static void
pw_maturity_page_class_init (PwMaturityPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_maturity_page_dispose;
  g_type_ensure (PW_TYPE_RETURN_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-maturity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwMaturityPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PwMaturityPage, content);
  gtk_widget_class_bind_template_child (widget_class, PwMaturityPage, return_bar);
}

static void
pw_maturity_page_init (PwMaturityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      self->cards[d] = pw_domain_card_new (d);
      g_signal_connect (self->cards[d], "level-changed", G_CALLBACK (on_level_changed_cb), self);
      g_signal_connect (self->cards[d], "text-changed", G_CALLBACK (on_text_changed_cb), self);
      gtk_box_append (self->content, self->cards[d]);
    }
}

void
pw_maturity_page_show (PwMaturityPage *self,
                       PwStore        *store,
                       PwPcn          *pcn,
                       int             year)
{
  g_return_if_fail (PW_IS_MATURITY_PAGE (self));

  pw_ui_follow_store (self, &self->store, store, G_CALLBACK (on_store_changed_cb));
  g_set_object (&self->pcn, pcn);
  self->year = year;
  if (store == NULL || pcn == NULL)
    return;
  pw_return_bar_show (self->return_bar, store, pcn, year);
  load (self);
}

/* Returns: (transfer none): the card of @domain, for tests and focus */
GtkWidget *
pw_maturity_page_get_card (PwMaturityPage *self,
                           guint           domain)
{
  g_return_val_if_fail (PW_IS_MATURITY_PAGE (self) && domain < PW_N_DOMAINS, NULL);
  return self->cards[domain];
}

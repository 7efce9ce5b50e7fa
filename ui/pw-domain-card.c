/* pw-domain-card.c — one domain of the maturity self-assessment
 *
 * The levels are a list: arrow keys move through them and pick the one
 * under the cursor, Tab moves on to the evidence.  Each level shows what it
 * means for this domain, and last year's level is marked.  The card only
 * reports edits ("level-changed", "text-changed"); its page saves them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-domain-card.h"
#include "pw-matrix.h"
#include "pw-ui-util.h"

struct _PwDomainCard
{
  AdwPreferencesGroup parent_instance;

  guint domain;
  gboolean loading;
  GtkWidget *tags[PW_N_LEVELS];   /* the "last year" marks */
  GtkWidget *checks[PW_N_LEVELS]; /* the mark of the level chosen */

  GtkListBox *level_list;
  GtkTextView *evidence_view;
  GtkTextView *support_view;
};

G_DEFINE_FINAL_TYPE (PwDomainCard, pw_domain_card, ADW_TYPE_PREFERENCES_GROUP)

enum { LEVEL_CHANGED, TEXT_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_row_selected_cb (PwDomainCard  *self,
                    GtkListBoxRow *row)
{
  /* Also called while the rows are being made, and as they go. */
  for (guint i = 0; i < PW_N_LEVELS && self->checks[i] != NULL; i++)
    gtk_widget_set_opacity (self->checks[i], row && gtk_list_box_row_get_index (row) == (int) i ? 1 : 0);
  if (!self->loading && row != NULL)
    g_signal_emit (self, signals[LEVEL_CHANGED], 0, pw_level_at (gtk_list_box_row_get_index (row)));
}

static void
on_text_changed_cb (GtkTextBuffer *buffer,
                    PwDomainCard  *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  gboolean evidence = buffer == gtk_text_view_get_buffer (self->evidence_view);

  if (self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_signal_emit (self, signals[TEXT_CHANGED], 0, evidence, text);
}

/* GtkListBox moves Tab from row to row, and its cursor selects: Tab would
 * save the next level at each press.  Tab and Shift+Tab leave the list
 * instead (the arrows choose), by moving focus on with the list itself
 * skipped. */
static gboolean
on_list_key_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PwDomainCard          *self)
{
  GtkWidget *list = GTK_WIDGET (self->level_list);
  GtkDirectionType direction;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return FALSE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  gtk_widget_set_can_focus (list, FALSE);
  gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (list)), direction);
  gtk_widget_set_can_focus (list, TRUE);
  return TRUE;
}

static GtkWidget *
level_row (PwDomainCard *self,
           guint         index)
{
  int level = pw_level_at (index);
  g_autofree char *meaning = pw_level_describe (self->domain, level);
  g_autofree char *a11y = g_strdup_printf ("%s: %s", pw_level_name (level), meaning);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *name = gtk_label_new (pw_level_name (level));
  GtkWidget *description = gtk_label_new (meaning);
  GtkWidget *tag = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_widget_add_css_class (swatch, "level-swatch");
  gtk_widget_add_css_class (swatch, pw_level_css_class (level));
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_widget_add_css_class (description, "caption");
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_add_css_class (tag, "accent");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (tag, FALSE);
  self->tags[index] = tag;
  gtk_widget_set_opacity (check, 0);
  self->checks[index] = check;
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), description);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_box_append (GTK_BOX (box), check);
  g_object_set (box, "margin-top", 6, "margin-bottom", 6, "margin-start", 12, "margin-end", 12, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return row;
}

static void
pw_domain_card_dispose (GObject *object)
{
  PwDomainCard *self = PW_DOMAIN_CARD (object);

  memset (self->checks, 0, sizeof self->checks);
  gtk_widget_dispose_template (GTK_WIDGET (object), PW_TYPE_DOMAIN_CARD);
  G_OBJECT_CLASS (pw_domain_card_parent_class)->dispose (object);
}

static void
pw_domain_card_class_init (PwDomainCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_domain_card_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-domain-card.ui");
  gtk_widget_class_bind_template_child (widget_class, PwDomainCard, level_list);
  gtk_widget_class_bind_template_child (widget_class, PwDomainCard, evidence_view);
  gtk_widget_class_bind_template_child (widget_class, PwDomainCard, support_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);

  /**
   * PwDomainCard::level-changed:
   * @level: the level picked, in half-steps or PW_LEVEL_NONE
   */
  signals[LEVEL_CHANGED] = g_signal_new ("level-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * PwDomainCard::text-changed:
   * @evidence: %TRUE for the evidence, %FALSE for the support needed
   * @text: the whole text now
   */
  signals[TEXT_CHANGED] = g_signal_new ("text-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
pw_domain_card_init (PwDomainCard *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pw_ui_ensure_level_css ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->level_list), keys);
  g_signal_connect (gtk_text_view_get_buffer (self->evidence_view), "changed", G_CALLBACK (on_text_changed_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->support_view), "changed", G_CALLBACK (on_text_changed_cb), self);
}

GtkWidget *
pw_domain_card_new (guint domain)
{
  PwDomainCard *self = g_object_new (PW_TYPE_DOMAIN_CARD, NULL);

  self->domain = domain;
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), pw_domain_name (domain));
  for (guint i = 0; i < PW_N_LEVELS; i++)
    gtk_list_box_append (self->level_list, level_row (self, i));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pw_domain_name (domain), -1);
  return GTK_WIDGET (self);
}

guint
pw_domain_card_get_domain (PwDomainCard *self)
{
  g_return_val_if_fail (PW_IS_DOMAIN_CARD (self), 0);
  return self->domain;
}

int
pw_domain_card_get_level (PwDomainCard *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (PW_IS_DOMAIN_CARD (self), PW_LEVEL_NONE);
  row = gtk_list_box_get_selected_row (self->level_list);
  return row ? pw_level_at (gtk_list_box_row_get_index (row)) : PW_LEVEL_NONE;
}

/**
 * pw_domain_card_set:
 * @last_year_level: last year's level, or PW_LEVEL_NONE
 * @last_year: (nullable): last year as text, such as "2020/21"; %NULL when
 *   there was no return
 * Shows stored values without reporting them as edits.
 */
/* Leaves a text the user is typing in as it is (a reload for someone
 * else's change would move the cursor and undo nothing). */
static void
show_text (GtkTextView *view,
           const char  *text)
{
  if (!pw_ui_is_editing (GTK_WIDGET (view)))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

void
pw_domain_card_set (PwDomainCard *self,
                    int           level,
                    const char   *evidence,
                    const char   *support,
                    int           last_year_level,
                    const char   *last_year)
{
  g_autofree char *description = NULL;

  g_return_if_fail (PW_IS_DOMAIN_CARD (self));

  self->loading = TRUE;
  gtk_list_box_select_row (self->level_list, gtk_list_box_get_row_at_index (self->level_list, pw_level_index (level)));
  show_text (self->evidence_view, evidence);
  show_text (self->support_view, support);
  for (guint i = 0; i < PW_N_LEVELS; i++)
    {
      gboolean here = last_year != NULL && pw_level_at (i) == last_year_level;
      g_autofree char *tag = here ? g_strdup_printf (_("%s level"), last_year) : NULL;

      gtk_label_set_label (GTK_LABEL (self->tags[i]), tag);
      gtk_widget_set_visible (self->tags[i], here);
    }
  if (last_year != NULL)
    description = g_strdup_printf (_("Last year (%s): %s"), last_year, pw_level_name (last_year_level));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  self->loading = FALSE;
}

void
pw_domain_card_set_editable (PwDomainCard *self,
                             gboolean      editable)
{
  g_return_if_fail (PW_IS_DOMAIN_CARD (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->level_list), editable);
  gtk_text_view_set_editable (self->evidence_view, editable);
  gtk_text_view_set_editable (self->support_view, editable);
}

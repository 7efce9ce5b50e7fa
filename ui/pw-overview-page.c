/* pw-overview-page.c — every PCN's maturity for the year, at a glance
 *
 * A heatmap of PCNs × the five domains, coloured like the committee sheet
 * and grouped by locality.  It is a GtkListView, so only the rows on
 * screen exist and 1,250 PCNs scroll smoothly; each cell is a button that
 * opens that PCN's Maturity page and tells a screen reader the PCN, the
 * domain and the level.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-matrix.h"
#include "pw-overview-page.h"
#include "pw-ui-util.h"
#include "pw-wte-chart.h"
#include "pw-parse.h"
#include "pw-row-filler.h"

/* Narrow enough that all five domains show beside the sidebar in a window
 * 1,100 px wide; narrower windows scroll the grid sideways. */
#define NAME_WIDTH 150
#define STATUS_WIDTH 64
#define CELL_WIDTH 102
#define GRID_SPACING 4
#define GRID_MARGIN 12

enum { STATUS_ALL, STATUS_NONE, STATUS_DRAFT, STATUS_SUBMITTED, STATUS_REVIEWED, N_STATUS_FILTERS };

/* What the overview shows of one year, read once and kept until the store
 * says that its data has changed: switching back and forth between years
 * reads nothing again. */
typedef struct
{
  GHashTable *figures;         /* pcn id → PwOverviewFigures, owned; NULL: not read */
  guint total;                 /* PCNs open in the year (archived ones have left it) */
  GListModel *wte;             /* ARRS workforce by role, all PCNs, owned; NULL: not read */
} Year;

struct _PwOverviewPage
{
  GtkWidget parent_instance;

  PwStore *store;              /* owned */
  int year;
  GHashTable *years;           /* year → Year, owned */
  Year *now;                   /* the year shown, in years */
  Year *before;                /* the year before it, in years */
  GtkFilterListModel *filtered;  /* owned */
  GtkCustomFilter *filter;     /* owned */
  PwRowFiller *rows;           /* owned: fills the bound rows */
  GtkStringList *locality_names; /* owned */
  guint refilter_id;
  gboolean shown_changed;      /* the filter has changed which PCNs show */
  guint row_limit;             /* pw_overview_page_limit_rows(), 0: none */
  GtkSliceListModel *first_rows; /* the grid's rows, held by its model */

  GtkWidget *box;
  GtkDropDown *locality_filter;
  GtkDropDown *status_filter;
  GtkLabel *counts_label;
  GtkBox *key_box;
  GtkBox *column_header;
  GtkScrolledWindow *header_scroller;
  GtkScrolledWindow *list_scroller;
  GtkListView *heat_list;
  GtkStack *results_stack;
  GtkLabel *workforce_label;
  PwWteChart *workforce_chart;
};

G_DEFINE_FINAL_TYPE (PwOverviewPage, pw_overview_page, GTK_TYPE_WIDGET)

enum { OPEN_PCN, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The PCN's return in @year, or NULL if it has none. */
static PwOverviewFigures *
figures_in (Year  *year,
            PwPcn *pcn)
{
  gint64 id = pw_pcn_get_id (pcn);

  return year && year->figures ? g_hash_table_lookup (year->figures, &id) : NULL;
}

/* -1 when the PCN has no return this year, else its PwReturnStatus. */
static int
status_of (PwOverviewPage *self,
           PwPcn          *pcn)
{
  PwOverviewFigures *f = figures_in (self->now, pcn);

  return f ? f->status : -1;
}

static int
level_in (Year  *year,
          PwPcn *pcn,
          guint  domain)
{
  PwOverviewFigures *f = figures_in (year, pcn);

  return f ? f->levels[domain] : PW_LEVEL_NONE;
}

static gboolean
pcn_shown (gpointer item,
           gpointer data)
{
  PwOverviewPage *self = data;
  guint locality = gtk_drop_down_get_selected (self->locality_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);

  if (!pw_pcn_is_shown_in (item, self->year))
    return FALSE;
  if (locality > 0 && locality != GTK_INVALID_LIST_POSITION &&
      g_strcmp0 (gtk_string_list_get_string (self->locality_names, locality),
                 pw_pcn_get_text (item, PW_PCN_LOCALITY)) != 0)
    return FALSE;
  return status == STATUS_ALL || status == GTK_INVALID_LIST_POSITION ||
         status_of (self, item) == (int) status - STATUS_DRAFT;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */

static void
on_cell_clicked_cb (GtkButton      *button,
                    PwOverviewPage *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "pw-item");
  PwPcn *pcn = gtk_list_item_get_item (item);
  guint domain = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pw-domain"));

  if (pcn != NULL)
    g_signal_emit (self, signals[OPEN_PCN], 0, pw_pcn_get_id (pcn), domain);
}

/* A level cell's layout.  Its width is its size request, whatever its
 * label: GtkBoxLayout asked each cell of a row its width for the row's
 * height as it allocated the row, which a wrapping label answers by a
 * binary search, laying its text out at up to a dozen widths, and that
 * answer let a long level widen its cell out of its column in a row of
 * one-line cells.  Its height without a width (which the list asks of
 * every bound row) is the height at the width it has, rather than at the
 * label's narrowest and natural widths, which lay out the text twice more
 * and ellipsize it; a cell not yet placed is asked as before. */
static GtkSizeRequestMode
cell_request_mode (GtkWidget *cell)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
measure_cell (GtkWidget      *cell,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }
  if (for_size < 0 && gtk_widget_get_width (cell) > 0)
    for_size = gtk_widget_get_width (cell);
  gtk_widget_measure (gtk_widget_get_first_child (cell), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
allocate_cell (GtkWidget *cell,
               int        width,
               int        height,
               int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (cell), width, height, baseline, NULL);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PwOverviewPage           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = pw_ui_heading_new ();   /* shown once filled: a row is filled once on screen */
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, GRID_SPACING);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 1);   /* as wide as asked, whatever the name */
  gtk_widget_set_size_request (name, NAME_WIDTH, -1);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_set_size_request (status, STATUS_WIDTH, -1);
  gtk_box_append (GTK_BOX (line), name);
  gtk_box_append (GTK_BOX (line), status);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      GtkWidget *cell = gtk_button_new ();
      GtkWidget *text = gtk_label_new (NULL);

      /* Fixed width (the cell's layout), so that the columns line up
       * whatever the level; a long level takes two lines rather than
       * losing its end.  No max-width-chars: a wrapping label's natural
       * width with one is a search over widths, each laying the text out,
       * at every measure (GTK asks its width before its height), for a
       * width the cell's layout never uses (10 M instructions at start-up). */
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_lines (GTK_LABEL (text), 2);
      gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (text, "caption");
      gtk_button_set_child (GTK_BUTTON (cell), text);
      gtk_widget_set_layout_manager (cell, gtk_custom_layout_new (cell_request_mode, measure_cell, allocate_cell));
      gtk_widget_set_size_request (cell, CELL_WIDTH, -1);
      gtk_widget_add_css_class (cell, "level-cell");
      gtk_widget_add_css_class (cell, "flat");
      g_object_set_data (G_OBJECT (cell), "pw-item", item);
      g_object_set_data (G_OBJECT (cell), "pw-domain", GUINT_TO_POINTER (d));
      g_signal_connect (cell, "clicked", G_CALLBACK (on_cell_clicked_cb), self);
      gtk_box_append (GTK_BOX (line), cell);
    }
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), line);
  gtk_widget_set_margin_start (box, GRID_MARGIN);
  gtk_widget_set_margin_end (box, GRID_MARGIN);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

/* "Foundation/Step 1" does not fit a column: it breaks after the slash,
 * always, so that its cell is as wide as every other on any window. */
static const char *
cell_text (int level)
{
  static char *wrapped[PW_N_LEVELS];
  const char *name = pw_level_name (level);
  guint i = pw_level_index (level);

  if (strlen (name) <= 14 || strchr (name, '/') == NULL)
    return name;
  if (wrapped[i] == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (name, "/", 2);
      wrapped[i] = g_strconcat (parts[0], "/\n", parts[1], NULL);
    }
  return wrapped[i];
}

/* ↑, ↓ or = against the year before, as the committee's export marks it;
 * nothing where either year has no score.  @words: the same in words, for
 * a screen reader. */
static const char *
change_mark (int          before,
             int          now,
             const char **words)
{
  *words = NULL;
  if (before == PW_LEVEL_NONE || now == PW_LEVEL_NONE)
    return NULL;
  *words = now > before ? _("Up on last year") : now < before ? _("Down on last year") : _("As last year");
  return now > before ? "↑" : now < before ? "↓" : "=";
}

/* Only what differs is set: a row refilled for another year often shows
 * the same name, status and some levels, and each change restyles or
 * measures the cell again. */
static void
set_cell (PwOverviewPage *self,
          GtkWidget      *cell,
          PwPcn          *pcn,
          guint           domain)
{
  int level = level_in (self->now, pcn, domain);
  const char *old = g_object_get_data (G_OBJECT (cell), "pw-class");
  const char *css = pw_level_css_class (level);
  const char *words;
  const char *mark = change_mark (level_in (self->before, pcn, domain), level, &words);
  GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (cell)));
  g_autofree char *a11y = g_strdup_printf (_("%s, %s: %s%s%s"), pw_pcn_get_text (pcn, PW_PCN_NAME),
                                           pw_domain_name (domain), pw_level_name (level), mark ? " " : "", mark ? mark : "");
  g_autofree char *text = mark ? g_strdup_printf ("%s %s", cell_text (level), mark) : g_strdup (cell_text (level));

  if (old != css)
    {
      if (old != NULL)
        gtk_widget_remove_css_class (cell, old);
      gtk_widget_add_css_class (cell, css);
      g_object_set_data (G_OBJECT (cell), "pw-class", (gpointer) css);
    }
  /* No tooltip: the level is on the cell, and tooltips on every cell of
   * every bound row made redrawing the overview three times slower. */
  gtk_label_set_label (label, text);     /* the same text: nothing to do */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (cell), "pw-a11y"), a11y) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, words ? words : "", -1);
      g_object_set_data_full (G_OBJECT (cell), "pw-a11y", g_steal_pointer (&a11y), g_free);
    }
}

static void
fill_row (GtkListItem *item,
          gpointer     data)
{
  PwOverviewPage *self = data;
  PwPcn *pcn = gtk_list_item_get_item (item);
  GtkWidget *heading = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *line = gtk_widget_get_next_sibling (heading);
  GtkWidget *name = gtk_widget_get_first_child (line);
  GtkWidget *status = gtk_widget_get_next_sibling (name);
  GtkWidget *cell = gtk_widget_get_next_sibling (status);
  int st = status_of (self, pcn);

  pw_ui_update_heading (heading, G_LIST_MODEL (self->filtered), item);
  gtk_label_set_label (GTK_LABEL (name), pw_pcn_get_text (pcn, PW_PCN_NAME));
  gtk_label_set_label (GTK_LABEL (status), st < 0 ? _("No return") : pw_return_status_name (st));
  for (guint d = 0; d < PW_N_DOMAINS; d++, cell = gtk_widget_get_next_sibling (cell))
    set_cell (self, cell, pcn, d);
}

/* A row is filled once a layout has placed it on screen, or after the
 * frame when it is off screen (pw-row-filler.c): the list keeps about 200
 * rows bound, and each one filled is measured again at the next layout. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PwOverviewPage           *self)
{
  pw_row_filler_bind (self->rows, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PwOverviewPage           *self)
{
  if (self->rows != NULL)       /* NULL once the page is disposed */
    pw_row_filler_unbind (self->rows, item);
}

/* The rows on screen now, the others after the next frame. */
static void
refill_rows (PwOverviewPage *self)
{
  pw_row_filler_refill (self->rows);
}

/* ------------------------------------------------------------------ */
/* Data                                                                */

static void
year_free (gpointer data)
{
  Year *year = data;

  g_clear_pointer (&year->figures, g_hash_table_unref);
  g_clear_object (&year->wte);
  g_free (year);
}

/* @number's figures and count of PCNs, read now if they are not kept. */
static Year *
get_year (PwOverviewPage  *self,
          int              number,
          GError         **error)
{
  Year *year = g_hash_table_lookup (self->years, GINT_TO_POINTER (number));
  GListModel *pcns = pw_store_get_pcns (self->store);

  if (year == NULL)
    {
      year = g_new0 (Year, 1);
      g_hash_table_insert (self->years, GINT_TO_POINTER (number), year);
      for (guint i = 0; i < g_list_model_get_n_items (pcns); i++)
        {
          g_autoptr(PwPcn) pcn = g_list_model_get_item (pcns, i);
          year->total += pw_pcn_is_shown_in (pcn, number);
        }
    }
  if (year->figures == NULL && (error == NULL || *error == NULL))
    year->figures = pw_store_overview_figures (self->store, number, error);
  return year;
}

/* The counts are of the PCNs the filters show; an empty result says so. */
static void
update_counts (PwOverviewPage *self)
{
  GListModel *shown = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (shown), counts[4] = { 0 };
  guint total = self->now->total;
  g_autofree char *of = NULL, *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (shown, i);

      if (pcn != NULL)    /* NULL: removed from the store, not yet refiltered */
        counts[status_of (self, pcn) + 1]++;
    }
  of = n == total ? g_strdup_printf (_("%u PCNs"), n) : g_strdup_printf (_("%u of %u PCNs"), n, total);
  text = g_strdup_printf (_("%s: %u without a return · %u draft · %u submitted · %u reviewed"),
                          of, counts[0], counts[1], counts[2], counts[3]);
  gtk_label_set_label (self->counts_label, text);
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 || total == 0 ? "list" : "none");
}

static gboolean
filtering (PwOverviewPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) != self->now->total;
}

typedef struct { gint64 v[3]; } RoleSum;   /* in post, headcount, planned */

/* The workforce of the PCNs shown, by role, summed from their returns
 * (one query each: only while a filter narrows the list). */
static GListModel *
shown_wte_totals (PwOverviewPage *self)
{
  GListModel *shown = G_LIST_MODEL (self->filtered);
  g_autoptr(GHashTable) by_role = g_hash_table_new (g_str_hash, g_str_equal);
  GListStore *out = g_list_store_new (PW_TYPE_ARRS_WTE);
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (RoleSum));
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PwPcn) pcn = g_list_model_get_item (shown, i);
      PwOverviewFigures *f = pcn ? figures_in (self->now, pcn) : NULL;   /* NULL: not yet refiltered */
      g_autoptr(GListModel) wte = f ? pw_store_list_wte (self->store, f->return_id, NULL) : NULL;

      for (guint j = 0; wte && j < g_list_model_get_n_items (wte); j++)
        {
          g_autoptr(PwArrsWte) w = g_list_model_get_item (wte, j);
          const char *role = pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_ROLE);
          gpointer found = NULL;
          guint k;

          gint64 *sum;

          if (!g_hash_table_lookup_extended (by_role, role, NULL, &found))
            {
              g_ptr_array_add (roles, g_object_ref (w));
              g_array_set_size (sums, roles->len);
              found = GUINT_TO_POINTER (roles->len - 1);
              g_hash_table_insert (by_role, (gpointer) pw_row_get_string (PW_ROW (w), PW_ARRS_WTE_ROLE), found);
            }
          k = GPOINTER_TO_UINT (found);
          sum = g_array_index (sums, RoleSum, k).v;
          sum[0] += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_IN_POST);
          sum[1] += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_HEADCOUNT);
          sum[2] += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_PLANNED);
        }
    }
  for (guint k = 0; k < roles->len; k++)
    {
      gint64 *v = g_array_index (sums, RoleSum, k).v;
      g_autoptr(PwArrsWte) sum = g_object_new (PW_TYPE_ARRS_WTE,
                                               "role-id", pw_row_get_int (PW_ROW (roles->pdata[k]), PW_ARRS_WTE_ROLE_ID),
                                               "in-post", v[0], "headcount", v[1], "planned", v[2],
                                               "role", pw_row_get_string (PW_ROW (roles->pdata[k]), PW_ARRS_WTE_ROLE),
                                               NULL);
      g_list_store_append (out, sum);
    }
  return G_LIST_MODEL (out);
}

/* The year's ARRS workforce across the PCNs shown, by role (all of them:
 * kept with the year). */
static void
update_workforce (PwOverviewPage *self)
{
  g_autoptr(GListModel) totals = NULL;
  g_autofree char *fy = pw_format_year (self->year);
  g_autofree char *in_post = NULL, *planned = NULL, *text = NULL;
  gint64 now = 0, later = 0, people = 0;

  if (filtering (self))
    totals = shown_wte_totals (self);
  else
    {
      if (self->now->wte == NULL)
        self->now->wte = pw_store_wte_totals (self->store, self->year, NULL);
      totals = self->now->wte ? g_object_ref (self->now->wte) : NULL;
    }

  for (guint i = 0; totals && i < g_list_model_get_n_items (totals); i++)
    {
      g_autoptr(PwArrsWte) w = g_list_model_get_item (totals, i);
      now += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_IN_POST);
      later += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_PLANNED);
      people += pw_row_get_int (PW_ROW (w), PW_ARRS_WTE_HEADCOUNT);
    }
  in_post = pw_format_wte (now);
  planned = pw_format_wte (later);
  text = g_strdup_printf (_("ARRS workforce %s: %s WTE in post (%" G_GINT64_FORMAT " people) · %s planned"),
                          fy, in_post, people, planned);
  gtk_label_set_label (self->workforce_label, text);
  pw_wte_chart_set_data (self->workforce_chart, totals);
}

static void
on_filter_changed_cb (PwOverviewPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  refill_rows (self);
  if (self->store != NULL)
    {
      update_counts (self);
      update_workforce (self);
    }
}

/* After a reload: the rows, counts and workforce were shown from the new
 * data already; they are shown again only if other PCNs now show. */
static gboolean
refilter_cb (gpointer data)
{
  PwOverviewPage *self = data;

  self->refilter_id = 0;
  self->shown_changed = FALSE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->shown_changed && self->store != NULL)
    {
      refill_rows (self);
      update_counts (self);
      update_workforce (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_shown_changed_cb (PwOverviewPage *self)
{
  self->shown_changed = TRUE;
}

/* The rows, counts and workforce of the year shown, from the figures kept
 * (read now if they are not). */
static void
show_year (PwOverviewPage *self)
{
  g_autoptr(GError) error = NULL;

  self->now = get_year (self, self->year, &error);
  self->before = get_year (self, self->year - 1, &error);
  if (error != NULL)
    pw_toast_show (GTK_WIDGET (self), error->message);
  refill_rows (self);
  update_counts (self);
  update_workforce (self);
}

/* The store's data has changed: every year is read again. */
static void
reload (PwOverviewPage *self)
{
  g_hash_table_remove_all (self->years);
  /* From idle: a reload can come from a selection change made while the
   * store's PCN list is itself being updated (a PCN removed), before this
   * page's models have heard of it; the rows, counts and workforce summary
   * are shown now and again once the list is refiltered. */
  if (self->refilter_id == 0)
    self->refilter_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refilter_cb, self, NULL);
  show_year (self);
}

/* Another year: only a PCN archived between the two years, or a return's
 * status, can change which PCNs show.  Later years show fewer PCNs (a PCN
 * archived stays so), so the same count means the same PCNs. */
static void
switch_year (PwOverviewPage *self,
             int             year)
{
  guint was = self->now ? self->now->total : 0;
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint total;

  self->year = year;
  total = get_year (self, year, NULL)->total;
  if (status != STATUS_ALL && status != GTK_INVALID_LIST_POSITION)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  else if (total != was)
    gtk_filter_changed (GTK_FILTER (self->filter), total < was ? GTK_FILTER_CHANGE_MORE_STRICT
                                                               : GTK_FILTER_CHANGE_LESS_STRICT);
  show_year (self);
}

/* "All localities" stays first, so that refilling never unselects it.
 * Until the first frame is painted (a row limit is set) with it chosen,
 * the list is that alone: each name is a row of the drop-down's popup,
 * made at once though the popup is closed (8 M instructions at start-up
 * at national scale); the names follow when the limit is lifted. */
static void
fill_locality_names (PwOverviewPage *self)
{
  GListModel *localities = pw_store_get_localities (self->store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->locality_names));
  guint chosen = gtk_drop_down_get_selected (self->locality_filter);
  gboolean all_only = self->row_limit != 0 && (chosen == 0 || chosen == GTK_INVALID_LIST_POSITION);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (n == 0)
    g_ptr_array_add (names, (gpointer) _("All localities"));
  for (guint i = 0; !all_only && i < g_list_model_get_n_items (localities); i++)
    {
      g_autoptr(PwLocality) loc = g_list_model_get_item (localities, i);
      g_ptr_array_add (names, (gpointer) pw_locality_get_name (loc));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->locality_names, MIN (n, 1), n - MIN (n, 1), (const char * const *) names->pdata);
}

/* The locality names refilled (with "All localities" chosen when
 * @show_all), then everything reloaded: the drop-down's change alone would
 * filter, refill and count every row first, and the reload all again. */
static void
reload_with_localities (PwOverviewPage *self,
                        gboolean        show_all)
{
  g_signal_handlers_block_by_func (self->locality_filter, on_filter_changed_cb, self);
  fill_locality_names (self);
  if (show_all)
    gtk_drop_down_set_selected (self->locality_filter, 0);
  g_signal_handlers_unblock_by_func (self->locality_filter, on_filter_changed_cb, self);
  reload (self);
}

static void
on_store_changed_cb (PwStore        *store,
                     const char     *table,
                     gint64          id,
                     PwOverviewPage *self)
{
  if (table == NULL)
    reload_with_localities (self, FALSE);
  else if (g_strcmp0 (table, "locality") == 0)
    fill_locality_names (self);
  else if (g_strcmp0 (table, "return") == 0 || g_strcmp0 (table, "maturity") == 0 ||
      g_strcmp0 (table, "pcn") == 0)
    reload (self);
  else if (g_strcmp0 (table, "wte") == 0 || g_strcmp0 (table, "role") == 0)
    {
      GHashTableIter iter;
      Year *year;

      g_hash_table_iter_init (&iter, self->years);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &year))
        g_clear_object (&year->wte);
      update_workforce (self);
    }
}


static void
on_show_all_clicked_cb (PwOverviewPage *self)
{
  gtk_drop_down_set_selected (self->locality_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, STATUS_ALL);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
build_column_header (PwOverviewPage *self)
{
  GtkWidget *name = gtk_label_new (_("PCN"));
  GtkWidget *status = gtk_label_new (_("Return"));

  gtk_widget_set_size_request (name, NAME_WIDTH, -1);
  gtk_widget_set_size_request (status, STATUS_WIDTH, -1);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_box_append (self->column_header, name);
  gtk_box_append (self->column_header, status);
  for (guint d = 0; d < PW_N_DOMAINS; d++)
    {
      /* Short names over the narrow columns; the full one for screen
       * readers and in the tooltip. */
      static const char *short_names[PW_N_DOMAINS] = {
        N_("Leadership"), N_("Data and PHM"), N_("Integrating care"), N_("Resources"), N_("People and communities"),
      };
      GtkWidget *label = gtk_label_new (_(short_names[d]));

      gtk_widget_set_tooltip_text (label, pw_domain_name (d));
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, pw_domain_name (d), -1);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_set_size_request (label, CELL_WIDTH, -1);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_box_append (self->column_header, label);
    }
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->column_header)); w;
       w = gtk_widget_get_next_sibling (w))
    gtk_widget_add_css_class (w, "heading");
}

/* What the colours mean: each level in its colour, the ramp the export
 * uses (the marks of change are explained under it, in the template). */
static void
build_key (PwOverviewPage *self)
{
  for (guint i = 0; i < PW_N_LEVELS; i++)
    {
      int level = pw_level_at (i);
      GtkWidget *swatch = gtk_label_new (pw_level_name (level));

      gtk_widget_add_css_class (swatch, "level-cell");
      gtk_widget_add_css_class (swatch, "caption");
      gtk_widget_add_css_class (swatch, pw_level_css_class (level));
      gtk_box_append (self->key_box, swatch);
    }
}

static void
pw_overview_page_dispose (GObject *object)
{
  PwOverviewPage *self = PW_OVERVIEW_PAGE (object);

  pw_ui_follow_store (self, &self->store, NULL, NULL);
  g_clear_handle_id (&self->refilter_id, g_source_remove);
  g_clear_pointer (&self->rows, pw_row_filler_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->locality_names);
  self->now = self->before = NULL;
  g_clear_pointer (&self->years, g_hash_table_unref);
  G_OBJECT_CLASS (pw_overview_page_parent_class)->dispose (object);
}

static void
pw_overview_page_class_init (PwOverviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pw_overview_page_dispose;
  g_type_ensure (PW_TYPE_WTE_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/uk/nhs/PcnWorkbook/pw-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, box);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, locality_filter);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, results_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_show_all_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, key_box);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, column_header);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, header_scroller);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, heat_list);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, workforce_label);
  gtk_widget_class_bind_template_child (widget_class, PwOverviewPage, workforce_chart);

  /**
   * PwOverviewPage::open-pcn:
   * @pcn_id: the PCN whose cell was activated
   * @domain: the domain of that cell
   */
  signals[OPEN_PCN] = g_signal_new ("open-pcn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
}

static void
pw_overview_page_init (PwOverviewPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const char *status_names[N_STATUS_FILTERS] = { _("All returns"), _("No return"), _("Draft"),
                                                 _("Submitted"), _("Reviewed") };

  gtk_widget_init_template (GTK_WIDGET (self));
  pw_ui_ensure_level_css ();
  self->years = g_hash_table_new_full (NULL, NULL, NULL, year_free);
  self->filter = gtk_custom_filter_new (pcn_shown, self, NULL);
  self->locality_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < N_STATUS_FILTERS; i++)
    gtk_string_list_append (statuses, status_names[i]);
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->locality_filter, G_LIST_MODEL (self->locality_names));
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->locality_filter, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->heat_list, factory);
  self->rows = pw_row_filler_new (self->heat_list, fill_row, self);
  build_column_header (self);
  build_key (self);
  /* The header scrolls sideways with the heatmap, so a narrow window
   * scrolls instead of being held wide by it. */
  gtk_scrolled_window_set_hadjustment (self->header_scroller, gtk_scrolled_window_get_hadjustment (self->list_scroller));
}

void
pw_overview_page_show (PwOverviewPage *self,
                       PwStore        *store,
                       int             year)
{
  g_return_if_fail (PW_IS_OVERVIEW_PAGE (self));

  if (self->store != store)
    {
      GtkSortListModel *sorted;

      self->year = year;
      pw_ui_follow_store (self, &self->store, store, G_CALLBACK (on_store_changed_cb));
      self->now = self->before = NULL;
      g_hash_table_remove_all (self->years);
      g_clear_object (&self->filtered);
      self->first_rows = NULL;
      gtk_list_view_set_model (self->heat_list, NULL);
      if (store == NULL)
        return;
      sorted = gtk_sort_list_model_new (g_object_ref (pw_store_get_pcns (store)),
                                        GTK_SORTER (gtk_custom_sorter_new (pw_ui_compare_pcns, NULL, NULL)));
      self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (GTK_FILTER (self->filter)));
      g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (on_shown_changed_cb), self, G_CONNECT_SWAPPED);
      {
        g_autoptr(GtkNoSelection) none = NULL;

        self->first_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), 0,
                                                     self->row_limit ? self->row_limit : G_MAXUINT);
        none = gtk_no_selection_new (G_LIST_MODEL (self->first_rows));
        gtk_list_view_set_model (self->heat_list, GTK_SELECTION_MODEL (none));
      }
      reload_with_localities (self, TRUE);
    }
  else if (store != NULL && year != self->year)
    switch_year (self, year);
}

/**
 * pw_overview_page_limit_rows:
 * @n_rows: how many rows the grid may show, or 0 for all
 *
 * Start-up: GTK 4.8's list view makes, styles and measures some 200 rows
 * whatever it shows, which was a third of the time to the first frame.
 * The window limits the grid to the rows its first frame can show, and
 * lifts the limit once that frame is painted.  The counts and totals are
 * of every PCN either way.  The locality filter's list of names is filled
 * then too.
 */
void
pw_overview_page_limit_rows (PwOverviewPage *self,
                             guint           n_rows)
{
  g_return_if_fail (PW_IS_OVERVIEW_PAGE (self));

  if (self->row_limit != 0 && n_rows == 0 && self->store != NULL)
    {
      self->row_limit = 0;
      fill_locality_names (self);
    }
  self->row_limit = n_rows;
  pw_row_filler_fill_at_bind (self->rows, n_rows != 0);
  if (self->first_rows != NULL)
    gtk_slice_list_model_set_size (self->first_rows, n_rows ? n_rows : G_MAXUINT);
}

/**
 * pw_overview_page_fill_first_frame:
 *
 * Start-up, after a layout of the first frame: when the rows the grid is
 * limited to do not fill it (a text smaller than the window's estimate),
 * it holds as many more as it needs.
 */
void
pw_overview_page_fill_first_frame (PwOverviewPage *self)
{
  guint more;

  g_return_if_fail (PW_IS_OVERVIEW_PAGE (self));

  if (self->row_limit != 0 && (more = pw_ui_list_rows_missing (self->heat_list)) > 0)
    pw_overview_page_limit_rows (self, self->row_limit + more);
}

/**
 * pw_overview_page_set_locality:
 * @locality_id: the locality to show alone, or 0 for all
 *
 * Scopes the overview (its grid, counts and workforce summary) to one
 * locality, as its locality filter does.
 */
void
pw_overview_page_set_locality (PwOverviewPage *self,
                               gint64          locality_id)
{
  GListModel *localities;
  guint pos = 0;

  g_return_if_fail (PW_IS_OVERVIEW_PAGE (self));

  localities = self->store ? pw_store_get_localities (self->store) : NULL;
  for (guint i = 0; localities && locality_id != 0 && i < g_list_model_get_n_items (localities); i++)
    {
      g_autoptr(PwLocality) loc = g_list_model_get_item (localities, i);
      if (pw_locality_get_id (loc) == locality_id)
        pos = i + 1;           /* after "All localities" */
    }
  gtk_drop_down_set_selected (self->locality_filter, pos);
}

/* Returns: (transfer none): the PCNs shown, as filtered */
GListModel *
pw_overview_page_get_model (PwOverviewPage *self)
{
  g_return_val_if_fail (PW_IS_OVERVIEW_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

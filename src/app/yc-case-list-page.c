/* yc-case-list-page.c: the first screen, the cases of the window
 *
 * What the clerk starts the day from and comes back to after each case:
 * the cases of one filter (today's, the clerk's own, those waiting for
 * a supplement, the overdue, all of them) or what the search finds, each
 * with its promised date's light. The lists are the core's
 * (yc-case-list.c); the case list view (yc-case-list-view.c) makes a
 * screenful of rows over them and gives a row another case only when it
 * comes into view. Enter opens the case the keyboard is on (the pointer
 * resting on a row selects nothing), through "win.open-case". Its fixed
 * frame is ui/yc-case-list-page.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-case-list-page.h"
#include "yc-list-view.h"
#include "yc-case-row.h"
#include "yc-case-list-view.h"

#define CASE_RESULTS 50

struct _YcCaseListPage
{
  AdwBin              parent_instance;

  YcContext          *context;
  YcCaseFilter        filter;
  GDate               today;    /* the day the filter's list counts from */
  YcCaseList         *listed;   /* what the filter lists */
  YcCaseList         *found;    /* what the search finds */

  /* template */
  GtkToggleButton    *filter_today;
  GtkToggleButton    *filter_mine;
  GtkToggleButton    *filter_waiting;
  GtkToggleButton    *filter_overdue;
  GtkToggleButton    *filter_all;
  GtkSearchEntry     *search_entry;
  YcCaseListView     *case_list;
  GtkStack           *stack;
  AdwStatusPage      *none_page;
};

G_DEFINE_FINAL_TYPE (YcCaseListPage, yc_case_list_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
searching (YcCaseListPage *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0';
}

static void
update_page (YcCaseListPage *self)
{
  GListModel *model = yc_case_list_view_get_model (self->case_list);

  if (model != NULL && g_list_model_get_n_items (model) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  if (searching (self))
    {
      g_autofree char *title = g_strdup_printf (_("No Case Matches “%s”"),
                                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

      adw_status_page_set_title (self->none_page, title);
      adw_status_page_set_description (self->none_page,
                                       _("Search by the applicant’s name, the beginning of an ID number or a phone number, or a case number"));
    }
  else
    {
      static const char *titles[] = {
        [YC_CASE_FILTER_TODAY] = N_("No Case Decided Today"),
        [YC_CASE_FILTER_MINE] = N_("No Case of Yours"),
        [YC_CASE_FILTER_WAITING] = N_("No Case Waits for a Supplement"),
        [YC_CASE_FILTER_OVERDUE] = N_("No Case Is Overdue"),
        [YC_CASE_FILTER_ALL] = N_("No Cases Yet"),
      };

      adw_status_page_set_title (self->none_page, _(titles[self->filter]));
      adw_status_page_set_description (self->none_page, _("Press Ctrl+N to take a new case"));
    }
  gtk_stack_set_visible_child_name (self->stack, "none");
}

static void
show_model (YcCaseListPage *self,
            YcCaseList     *list)
{
  if (yc_case_list_view_get_model (self->case_list) != G_LIST_MODEL (list))
    yc_case_list_view_set_model (self->case_list, G_LIST_MODEL (list));
  update_page (self);
}

static void
on_search_changed_cb (YcCaseListPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->found == NULL)
    return;
  if (!searching (self))
    {
      show_model (self, self->listed);
      return;
    }
  if (!yc_case_list_set_query (self->found, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), &error))
    {
      /* the list stays as it was; the clerk reads why */
      g_warning ("Searching for cases: %s", error->message);
      return;
    }
  show_model (self, self->found);
}

static void
open_position (YcCaseListPage *self,
               guint           position)
{
  GListModel *model = yc_case_list_view_get_model (self->case_list);
  g_autoptr(YcCase) c = model ? g_list_model_get_item (model, position) : NULL;

  if (c != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-case", "s", yc_case_get_id (c));
}

static void
on_case_activated_cb (YcCaseListPage *self,
                      guint           position)
{
  open_position (self, position);
}

static void
on_search_activate_cb (YcCaseListPage *self)
{
  /* Enter before the search delay is over searches first */
  on_search_changed_cb (self);
  open_position (self, 0);
}

/* Down from the search box goes to the cases; typing stays in the box */
static gboolean
on_search_key_pressed_cb (YcCaseListPage        *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  GListModel *model = yc_case_list_view_get_model (self->case_list);

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) ||
      model == NULL || g_list_model_get_n_items (model) == 0)
    return FALSE;
  yc_case_list_view_set_cursor (self->case_list, 0, TRUE);
  return TRUE;
}

static void
bind_row (YcCaseListView *view,
          YcCaseRow      *row,
          YcCase         *c,
          gpointer        user_data)
{
  YcCaseListPage *self = user_data;
  YcCalendar *calendar = self->context ? yc_context_get_calendar (self->context) : NULL;
  GSettings *settings = self->context ? yc_context_get_settings (self->context) : NULL;
  YcCaseLight light = YC_CASE_LIGHT_NONE;

  /* the thresholds are the hall's, read for each row: a change shows at
   * the next scroll */
  if (calendar != NULL)
    light = yc_case_get_light (c, calendar, &self->today,
                               settings ? g_settings_get_uint (settings, "yellow-card-days") : 2,
                               settings ? g_settings_get_uint (settings, "red-card-days") : 0);
  yc_case_row_set_case (row, c,
                        light == YC_CASE_LIGHT_NONE ? NULL : yc_case_light_to_string (light),
                        light == YC_CASE_LIGHT_NONE ? NULL : yc_case_light_get_label (light));
}

static void
on_list_changed_cb (YcCaseListPage *self)
{
  update_page (self);
}

/* The filter's cases, counted from today: the list reads a page of them
 * at a time, however many there are */
static void
set_filter (YcCaseListPage *self,
            YcCaseFilter    filter)
{
  if (self->listed != NULL)
    g_signal_handlers_disconnect_by_func (self->listed, on_list_changed_cb, self);
  g_clear_object (&self->listed);
  self->filter = filter;
  yc_today (&self->today);
  self->listed = yc_case_list_new_filtered (yc_context_get_store (self->context), filter,
                                            yc_context_get_clerk (self->context), &self->today);
  g_signal_connect_object (self->listed, "items-changed", G_CALLBACK (on_list_changed_cb), self, G_CONNECT_SWAPPED);
  /* choosing a filter ends the search */
  if (searching (self))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  show_model (self, self->listed);
}

static void
on_filter_toggled_cb (YcCaseListPage  *self,
                      GtkToggleButton *button)
{
  GtkToggleButton *buttons[] = {
    [YC_CASE_FILTER_TODAY] = self->filter_today,
    [YC_CASE_FILTER_MINE] = self->filter_mine,
    [YC_CASE_FILTER_WAITING] = self->filter_waiting,
    [YC_CASE_FILTER_OVERDUE] = self->filter_overdue,
    [YC_CASE_FILTER_ALL] = self->filter_all,
  };

  if (!gtk_toggle_button_get_active (button) || self->context == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (buttons[i] == button)
      set_filter (self, (YcCaseFilter) i);
}

/**
 * yc_case_list_page_set_context:
 *
 * The profile whose cases the page lists; given once.
 */
void
yc_case_list_page_set_context (YcCaseListPage *self,
                               YcContext      *context)
{
  YcCaseStore *store;

  g_return_if_fail (YC_IS_CASE_LIST_PAGE (self));
  g_return_if_fail (YC_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  store = yc_context_get_store (context);
  self->found = yc_case_list_new_search (store, CASE_RESULTS);
  g_signal_connect_object (self->found, "items-changed", G_CALLBACK (on_list_changed_cb), self, G_CONNECT_SWAPPED);
  set_filter (self, self->filter);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * yc_case_list_page_focus_search:
 *
 * Gives the search box the keyboard, its text selected: what the clerk
 * types next is a search. The page shows it again: the filter's list
 * moves to today first, if the day changed since.
 */
void
yc_case_list_page_focus_search (YcCaseListPage *self)
{
  GDate today;

  g_return_if_fail (YC_IS_CASE_LIST_PAGE (self));

  /* a window left open over the night lists the new day's cases, and
   * its lights count from it, when the clerk comes back to the list */
  yc_today (&today);
  if (self->listed != NULL && g_date_compare (&today, &self->today) != 0)
    {
      self->today = today;
      yc_case_list_set_today (self->listed, &today);
      update_page (self);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static gboolean
yc_case_list_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (YC_CASE_LIST_PAGE (widget)->search_entry));
}

static void
yc_case_list_page_dispose (GObject *object)
{
  YcCaseListPage *self = (YcCaseListPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_CASE_LIST_PAGE);
  g_clear_object (&self->listed);
  g_clear_object (&self->found);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (yc_case_list_page_parent_class)->dispose (object);
}

static void
yc_case_list_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YcCaseListPage *self = YC_CASE_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_list_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YcCaseListPage *self = YC_CASE_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      if (g_value_get_object (value) != NULL)
        yc_case_list_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_list_page_class_init (YcCaseListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_case_list_page_dispose;
  object_class->get_property = yc_case_list_page_get_property;
  object_class->set_property = yc_case_list_page_set_property;
  widget_class->grab_focus = yc_case_list_page_grab_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, YC_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YC_TYPE_CASE_LIST_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-case-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YcCaseListPage, filter_today);
  gtk_widget_class_bind_template_child (widget_class, YcCaseListPage, filter_mine);
  gtk_widget_class_bind_template_child (widget_class, YcCaseListPage, filter_waiting);
  gtk_widget_class_bind_template_child (widget_class, YcCaseListPage, filter_overdue);
  gtk_widget_class_bind_template_child (widget_class, YcCaseListPage, filter_all);
  gtk_widget_class_bind_template_child (widget_class, YcCaseListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, YcCaseListPage, case_list);
  gtk_widget_class_bind_template_child (widget_class, YcCaseListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, YcCaseListPage, none_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled_cb);
}

static void
yc_case_list_page_init (YcCaseListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = YC_CASE_FILTER_TODAY;
  /* what is typed with the keyboard on a case goes to the search */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  yc_case_list_view_set_bind_func (self->case_list, bind_row, self, NULL);
  yc_widget_tab_as_one (GTK_WIDGET (self->case_list));
}

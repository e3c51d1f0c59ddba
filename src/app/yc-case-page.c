/* yc-case-page.c: one case after its decision
 *
 * What the clerk sees when a citizen comes back: the case, the dates the
 * applicant was told, every event of its log, and the steps that fit
 * now. Which steps fit, and whether a step's data is right, is the core's
 * word (yc-case-log.c): the page enables an action, and shows its button,
 * only for a step yc_case_log_next_steps() names, and each dialog's step
 * is written by yc_case_store_add_step(), which checks it again. Its fixed
 * frame is ui/yc-case-page.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-case-page-private.h"
#include "yc-step-dialog.h"

G_DEFINE_FINAL_TYPE (YcCasePage, yc_case_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CASE_ID,
  N_PROPS
};

enum {
  REDECIDE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The page's actions and the core's step each one writes; "redecide" is
 * no step of its own: the second decision is the form's */
static const struct
{
  const char *action;
  const char *step;
} actions[] = {
  { "case.supplement", YC_EVENT_SUPPLEMENT },
  { "case.deliver", YC_EVENT_DELIVERED },
  { "case.evaluate", YC_EVENT_EVALUATED },
  { "case.handover", YC_EVENT_HANDOVER },
  { "case.follow-up", YC_EVENT_FOLLOWED },
};

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static GtkWidget *
add_row (GtkWidget  *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* the applicant's and the clerk's words are text, never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* "2026-09-28 09:14", the station's local time, from the event's UTC */
static char *
format_when (const char *at)
{
  g_autoptr(GDateTime) utc = at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (at ? at : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static gboolean
supply_is_open (YcCaseLog  *log,
                const char *material)
{
  g_autoptr(JsonArray) open = yc_case_log_get_open_supply (log);

  for (guint i = 0; open != NULL && i < json_array_get_length (open); i++)
    {
      JsonNode *node = json_array_get_element (open, i);
      JsonObject *due = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (due != NULL && g_strcmp0 (yc_json_get_string (due, "material"), material) == 0)
        return TRUE;
    }
  return FALSE;
}

/* 补正: what the notice asked for and the applicant has not brought yet */
static void
show_missing (YcCasePage *self,
              GPtrArray  *events)
{
  GPtrArray *missing = yc_case_log_get_missing (self->log);

  if (g_strcmp0 (yc_case_log_get_waiting (self->log), "notify") != 0 || missing == NULL || missing->len == 0)
    return;
  for (guint i = 0; missing != NULL && i < missing->len; i++)
    {
      const char *id = g_ptr_array_index (missing, i);
      g_autofree char *title = g_strdup_printf (_("Bring “%s”"), yc_case_log_get_material_name (self->log, id));
      g_autofree char *name = g_strdup_printf ("missing:%s", id);
      GtkWidget *row = add_row (self->dates_list, title, _("Asked for by the notice, not brought yet"));

      gtk_widget_set_name (row, name);
      gtk_widget_add_css_class (row, "supply-open");
    }
}

static void
show_dates (YcCasePage *self,
            GPtrArray  *events)
{
  g_autoptr(YcIntakeDates) dates = yc_intake_dates_new_from_events (events);
  GDate due;

  clear_list (self->dates_list);
  show_missing (self, events);
  gtk_widget_set_visible (self->dates_group, dates != NULL || gtk_widget_get_first_child (self->dates_list) != NULL);
  if (dates == NULL)
    return;

  add_row (self->dates_list, _("Accepted on"), dates->accepted_on);
  if (dates->promised_days > 0)
    {
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u working day", "%u working days",
                                                            dates->promised_days),
                                               dates->promised_days);

      add_row (self->dates_list, _("Promised completion date"),
               dates->promised_by ? dates->promised_by : days);
    }
  for (guint i = 0; i < dates->supply->len; i++)
    {
      YcSupplyDue *supply = g_ptr_array_index (dates->supply, i);
      g_autofree char *title = g_strdup_printf (_("Supply “%s” by %s"), supply->name,
                                                supply->by ? supply->by : "—");
      gboolean open = supply_is_open (self->log, supply->material);
      g_autofree char *name = g_strdup_printf ("supply:%s:%s", supply->material, open ? "open" : "closed");
      GtkWidget *row = add_row (self->dates_list, title, open ? _("Still to be supplied") : _("Supplied"));

      gtk_widget_set_name (row, name);
      gtk_widget_add_css_class (row, open ? "supply-open" : "supply-closed");
    }
  if (yc_case_log_get_follow_up (self->log, &due))
    {
      char text[16];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &due);
      gtk_widget_set_name (add_row (self->dates_list, _("Follow up the rating by"), text), "follow-up-due");
    }
}

static void
show_timeline (YcCasePage *self,
               GPtrArray  *events)
{
  clear_list (self->timeline_list);
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      g_autofree char *what = yc_case_event_describe (event);
      g_autofree char *when = format_when (yc_json_get_string (event, "at"));
      const char *station = yc_json_get_string (event, "station");
      g_autoptr(GString) subtitle = NULL;

      /* this hall by its name; another station by its code */
      if (station != NULL && g_strcmp0 (station, yc_context_get_station (self->context)) == 0 &&
          yc_context_get_station_name (self->context) != NULL)
        station = yc_context_get_station_name (self->context);

      subtitle = g_string_new (when);
      g_string_append_printf (subtitle, " · %s", yc_case_event_describe_actor (event));
      if (station != NULL)
        g_string_append_printf (subtitle, " · %s", station);
      add_row (self->timeline_list, what, subtitle->str);
    }
}

static gboolean
has_step (GPtrArray  *steps,
          const char *step)
{
  for (guint i = 0; i < steps->len; i++)
    if (g_strcmp0 (g_ptr_array_index (steps, i), step) == 0)
      return TRUE;
  return FALSE;
}

static void
show_steps (YcCasePage *self)
{
  g_autoptr(GPtrArray) steps = self->log ? yc_case_log_next_steps (self->log) : g_ptr_array_new ();
  GtkWidget *buttons[] = { self->supplement_button, self->deliver_button,
                           self->evaluate_button, self->handover_button,
                           self->follow_up_button };
  gboolean redecide;
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gboolean fits = has_step (steps, actions[i].step);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i].action, fits);
      /* a greyed button is a stop Tab makes for nothing */
      gtk_widget_set_visible (buttons[i], fits);
      any |= fits;
    }
  /* deciding again, on the same case, is the form's: the core names it
   * "intake" when it fits (a case told what is missing, come back) */
  redecide = has_step (steps, YC_EVENT_INTAKE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.redecide", redecide);
  gtk_widget_set_visible (self->redecide_button, redecide);
  gtk_widget_set_visible (self->nothing_label, !(any || redecide));
}

static void
show_case (YcCasePage *self)
{
  YcCaseStore *store;
  g_autoptr(YcCase) c = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *state = NULL;
  g_autofree char *local = NULL;
  const char *official_no;

  g_clear_object (&self->log);
  if (self->context == NULL || self->case_id == NULL)
    {
      show_steps (self);
      _yc_case_page_show_documents (self);
      return;
    }
  store = yc_context_get_store (self->context);
  c = yc_case_store_get_case (store, self->case_id, NULL);
  events = yc_case_store_get_events (store, self->case_id, NULL);
  if (c == NULL || events == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->item_label), _("This case is not in this profile"));
      show_steps (self);
      _yc_case_page_show_documents (self);
      return;
    }
  self->log = yc_case_log_new (events);

  gtk_label_set_text (GTK_LABEL (self->item_label), yc_case_get_name (c));
  gtk_label_set_text (GTK_LABEL (self->applicant_label),
                      yc_case_get_applicant (c) ? yc_case_get_applicant (c) : "");
  state = yc_case_describe (c);
  gtk_label_set_text (GTK_LABEL (self->state_label), state);
  local = g_strdup_printf (_("Local number %s"), yc_case_get_id (c));
  gtk_label_set_text (GTK_LABEL (self->local_label), local);
  official_no = yc_case_get_official_no (c);
  gtk_widget_set_visible (self->official_label, official_no != NULL);
  gtk_label_set_text (GTK_LABEL (self->official_label), official_no ? official_no : "");

  show_dates (self, events);
  show_timeline (self, events);
  show_steps (self);
  _yc_case_page_show_documents (self);
}

static void
on_cases_changed_cb (YcCasePage         *self,
                     const char * const *case_ids)
{
  if (self->case_id != NULL && case_ids != NULL && g_strv_contains (case_ids, self->case_id))
    show_case (self);
}

static void
open_step (YcCasePage *self,
           GType       type)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = g_object_new (type,
                         "context", self->context,
                         "case-id", self->case_id,
                         "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                         NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
supplement_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  open_step (YC_CASE_PAGE (widget), YC_TYPE_SUPPLEMENT_DIALOG);
}

static void
deliver_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  open_step (YC_CASE_PAGE (widget), YC_TYPE_DELIVERY_DIALOG);
}

static void
evaluate_cb (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  open_step (YC_CASE_PAGE (widget), YC_TYPE_EVALUATION_DIALOG);
}

static void
handover_cb (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  open_step (YC_CASE_PAGE (widget), YC_TYPE_HANDOVER_DIALOG);
}

static void
follow_up_cb (GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  open_step (YC_CASE_PAGE (widget), YC_TYPE_FOLLOW_UP_DIALOG);
}

static void
redecide_cb (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  YcCasePage *self = YC_CASE_PAGE (widget);

  g_signal_emit (self, signals[REDECIDE], 0, self->case_id);
}

/* The page itself is no stop: the clerk lands on Print while the decision
 * has papers not printed yet, else on the first step that fits, else on
 * the timeline's first line */
static gboolean
yc_case_page_grab_focus (GtkWidget *widget)
{
  YcCasePage *self = YC_CASE_PAGE (widget);
  GtkWidget *buttons[] = { self->supplement_button, self->redecide_button, self->deliver_button,
                           self->evaluate_button, self->handover_button, self->follow_up_button };
  GtkWidget *first_event = gtk_widget_get_first_child (self->timeline_list);

  if (_yc_case_page_documents_grab_focus (self))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (gtk_widget_get_visible (buttons[i]) && gtk_widget_grab_focus (buttons[i]))
      return TRUE;
  return first_event != NULL && gtk_widget_grab_focus (first_event);
}

/**
 * yc_case_page_new:
 *
 * Returns: a page showing no case yet
 */
GtkWidget *
yc_case_page_new (YcContext *context)
{
  g_return_val_if_fail (YC_IS_CONTEXT (context), NULL);

  return g_object_new (YC_TYPE_CASE_PAGE, "context", context, NULL);
}

YcContext *
yc_case_page_get_context (YcCasePage *self)
{
  g_return_val_if_fail (YC_IS_CASE_PAGE (self), NULL);
  return self->context;
}

const char *
yc_case_page_get_case_id (YcCasePage *self)
{
  g_return_val_if_fail (YC_IS_CASE_PAGE (self), NULL);
  return self->case_id;
}

/**
 * yc_case_page_set_case_id:
 * @case_id: (nullable): the local number of the case to show
 */
void
yc_case_page_set_case_id (YcCasePage *self,
                          const char *case_id)
{
  g_return_if_fail (YC_IS_CASE_PAGE (self));

  if (g_strcmp0 (self->case_id, case_id) != 0)
    {
      g_free (self->case_id);
      self->case_id = g_strdup (case_id);
      /* every view of a citizen's case is in the audit trail */
      if (case_id != NULL && self->context != NULL)
        {
          g_autoptr(GError) error = NULL;

          if (!yc_case_store_audit (yc_context_get_store (self->context), "viewed", case_id, NULL, &error))
            g_warning ("Recording the view of %s: %s", case_id, error->message);
        }
      show_case (self);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
    }
}

static void
set_context (YcCasePage *self,
             YcContext  *context)
{
  /* given once: at construction, or by the window its template is in */
  if (context == NULL || context == self->context)
    return;
  g_return_if_fail (self->context == NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (yc_context_get_store (context), "cases-changed",
                           G_CALLBACK (on_cases_changed_cb), self, G_CONNECT_SWAPPED);
  show_case (self);
}

static void
yc_case_page_dispose (GObject *object)
{
  YcCasePage *self = (YcCasePage *)object;

  _yc_case_page_documents_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_CASE_PAGE);
  g_clear_object (&self->log);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (yc_case_page_parent_class)->dispose (object);
}

static void
yc_case_page_finalize (GObject *object)
{
  YcCasePage *self = (YcCasePage *)object;

  g_free (self->case_id);

  G_OBJECT_CLASS (yc_case_page_parent_class)->finalize (object);
}

static void
yc_case_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  YcCasePage *self = YC_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  YcCasePage *self = YC_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;
    case PROP_CASE_ID:
      yc_case_page_set_case_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_case_page_class_init (YcCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_case_page_dispose;
  object_class->finalize = yc_case_page_finalize;
  object_class->get_property = yc_case_page_get_property;
  object_class->set_property = yc_case_page_set_property;
  widget_class->grab_focus = yc_case_page_grab_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, YC_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YcCasePage::redecide:
   * @case_id: the case told what is missing, now brought back
   *
   * The clerk decides again on the same case: the window opens its form.
   */
  signals[REDECIDE] =
    g_signal_new ("redecide", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "case.supplement", NULL, supplement_cb);
  gtk_widget_class_install_action (widget_class, "case.redecide", NULL, redecide_cb);
  gtk_widget_class_install_action (widget_class, "case.deliver", NULL, deliver_cb);
  gtk_widget_class_install_action (widget_class, "case.evaluate", NULL, evaluate_cb);
  gtk_widget_class_install_action (widget_class, "case.handover", NULL, handover_cb);
  gtk_widget_class_install_action (widget_class, "case.follow-up", NULL, follow_up_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "case.supplement", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "case.redecide", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "case.deliver", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "case.evaluate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "case.handover", NULL);
  /* the evaluation's own follow-up, beside its Ctrl+E */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "case.follow-up", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, item_label);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, applicant_label);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, state_label);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, local_label);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, official_label);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, nothing_label);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, supplement_button);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, redecide_button);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, deliver_button);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, evaluate_button);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, handover_button);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, follow_up_button);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, dates_group);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, dates_list);
  gtk_widget_class_bind_template_child (widget_class, YcCasePage, timeline_list);
  _yc_case_page_documents_class_init (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yc_case_page_init (YcCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_steps (self);
}

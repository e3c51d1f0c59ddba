/* yc-step-dialog.c: the frame of a step after the decision
 *
 * A step is an event of the case's log (yc-case-log.c). The dialog asks
 * for its data; whether that data fits the case is the core's word alone:
 * on every change the dialog asks yc_case_log_check_step() and says what
 * is still wrong, and its button writes the step with
 * yc_case_store_add_step(), which checks it again. A refusal stays in the
 * dialog with everything typed. Each step's rows are a subclass's
 * template (yc-step-dialog-*.c), set as this frame's "content".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-step-dialog.h"

typedef struct
{
  YcContext  *context;
  char       *case_id;
  YcCaseLog  *log;
  char       *problem;

  GtkWidget  *box;
  GtkWidget  *content;
  GtkWidget  *confirm_button;
  GtkWidget  *problem_label;
} YcStepDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (YcStepDialog, yc_step_dialog, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CASE_ID,
  PROP_CONTENT,
  PROP_CONFIRM_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JsonObject *
build (YcStepDialog *self)
{
  JsonObject *data = YC_STEP_DIALOG_GET_CLASS (self)->build (self);

  return data ? data : json_object_new ();
}

static void
show_problem (YcStepDialog *self,
              const char   *problem)
{
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);

  g_free (priv->problem);
  priv->problem = g_strdup (problem);
  gtk_label_set_text (GTK_LABEL (priv->problem_label), problem ? problem : "");
  gtk_widget_set_visible (priv->problem_label, problem != NULL);
}

static void
on_confirm_clicked_cb (YcStepDialog *self)
{
  yc_step_dialog_confirm (self);
}

static void
load (YcStepDialog *self)
{
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  if (priv->context == NULL || priv->case_id == NULL || priv->log != NULL)
    return;
  events = yc_case_store_get_events (yc_context_get_store (priv->context), priv->case_id, &error);
  if (events == NULL)
    {
      show_problem (self, error->message);
      gtk_widget_set_sensitive (priv->confirm_button, FALSE);
      return;
    }
  priv->log = yc_case_log_new (events);
  if (YC_STEP_DIALOG_GET_CLASS (self)->load != NULL)
    YC_STEP_DIALOG_GET_CLASS (self)->load (self, priv->log, events);
  yc_step_dialog_changed (self);
  /* the clerk starts on the step's first row, not on Cancel */
  if (priv->content != NULL)
    gtk_widget_child_focus (priv->content, GTK_DIR_TAB_FORWARD);
}

/* Ctrl+Enter takes the step from any row, a list's as well as an entry's */
static void
confirm_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  YcStepDialog *self = YC_STEP_DIALOG (widget);
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);

  if (gtk_widget_get_sensitive (priv->confirm_button))
    yc_step_dialog_confirm (self);
}

YcContext *
yc_step_dialog_get_context (YcStepDialog *self)
{
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);

  g_return_val_if_fail (YC_IS_STEP_DIALOG (self), NULL);
  return priv->context;
}

const char *
yc_step_dialog_get_case_id (YcStepDialog *self)
{
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);

  g_return_val_if_fail (YC_IS_STEP_DIALOG (self), NULL);
  return priv->case_id;
}

/**
 * yc_step_dialog_get_problem:
 *
 * Returns: (nullable): what the core says is wrong with the step as
 *   entered, or %NULL when it may be taken
 */
const char *
yc_step_dialog_get_problem (YcStepDialog *self)
{
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);

  g_return_val_if_fail (YC_IS_STEP_DIALOG (self), NULL);
  return priv->problem;
}

/**
 * yc_step_dialog_changed:
 *
 * For the subclasses, on every change of what the clerk entered: asks the
 * core whether the step fits now, and says why not.
 */
void
yc_step_dialog_changed (YcStepDialog *self)
{
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;
  gboolean fits;
  GDate today;

  g_return_if_fail (YC_IS_STEP_DIALOG (self));

  if (priv->log == NULL)
    return;
  data = build (self);
  yc_today (&today);
  fits = yc_case_log_check_step (priv->log, YC_STEP_DIALOG_GET_CLASS (self)->step, data,
                                 yc_context_get_calendar (priv->context), &today, &error);
  gtk_widget_set_sensitive (priv->confirm_button, fits);
  show_problem (self, fits ? NULL : error->message);
  if (YC_STEP_DIALOG_GET_CLASS (self)->checked != NULL)
    YC_STEP_DIALOG_GET_CLASS (self)->checked (self, data, fits);
}

/**
 * yc_step_dialog_intake_materials:
 * @events: (element-type JsonObject): a case's events, oldest first
 *
 * Returns: (transfer none) (nullable): the materials of the case's last
 *   decision at the window, as its intake event lists them
 */
JsonArray *
yc_step_dialog_intake_materials (GPtrArray *events)
{
  for (guint i = events->len; i > 0; i--)
    {
      JsonObject *event = g_ptr_array_index (events, i - 1);
      JsonObject *data = yc_json_get_object (event, "data");

      if (g_strcmp0 (yc_json_get_string (event, "type"), YC_EVENT_INTAKE) == 0 && data != NULL)
        return yc_json_get_array (data, "materials");
    }
  return NULL;
}

/**
 * yc_step_dialog_confirm:
 *
 * Writes the step, as its button does, and closes the dialog; a step the
 * core refuses leaves the dialog open, saying why.
 *
 * Returns: whether the step was written
 */
gboolean
yc_step_dialog_confirm (YcStepDialog *self)
{
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (YC_IS_STEP_DIALOG (self), FALSE);

  if (priv->log == NULL)
    return FALSE;
  data = build (self);
  if (!yc_case_store_add_step (yc_context_get_store (priv->context), priv->case_id,
                               YC_STEP_DIALOG_GET_CLASS (self)->step,
                               yc_context_get_clerk (priv->context),
                               yc_context_get_station (priv->context), data,
                               yc_context_get_calendar (priv->context), &error))
    {
      show_problem (self, error->message);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
yc_step_dialog_constructed (GObject *object)
{
  G_OBJECT_CLASS (yc_step_dialog_parent_class)->constructed (object);
  load (YC_STEP_DIALOG (object));
}

static void
yc_step_dialog_dispose (GObject *object)
{
  YcStepDialog *self = (YcStepDialog *)object;
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);

  /* the window unparents its titlebar and child, the template's rows
   * with them */
  g_clear_object (&priv->log);
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (yc_step_dialog_parent_class)->dispose (object);
}

static void
yc_step_dialog_finalize (GObject *object)
{
  YcStepDialog *self = (YcStepDialog *)object;
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);

  g_free (priv->case_id);
  g_free (priv->problem);

  G_OBJECT_CLASS (yc_step_dialog_parent_class)->finalize (object);
}

static void
yc_step_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YcStepDialog *self = YC_STEP_DIALOG (object);
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, priv->case_id);
      break;
    case PROP_CONTENT:
      g_value_set_object (value, priv->content);
      break;
    case PROP_CONFIRM_LABEL:
      g_value_set_string (value, gtk_button_get_label (GTK_BUTTON (priv->confirm_button)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_step_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  YcStepDialog *self = YC_STEP_DIALOG (object);
  YcStepDialogPrivate *priv = yc_step_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    case PROP_CASE_ID:
      priv->case_id = g_value_dup_string (value);
      break;
    case PROP_CONTENT:
      /* the step's rows go above the core's word on them */
      g_return_if_fail (priv->content == NULL);
      priv->content = g_value_get_object (value);
      gtk_box_prepend (GTK_BOX (priv->box), priv->content);
      break;
    case PROP_CONFIRM_LABEL:
      gtk_button_set_label (GTK_BUTTON (priv->confirm_button), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_step_dialog_class_init (YcStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yc_step_dialog_constructed;
  object_class->dispose = yc_step_dialog_dispose;
  object_class->finalize = yc_step_dialog_finalize;
  object_class->get_property = yc_step_dialog_get_property;
  object_class->set_property = yc_step_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, YC_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFIRM_LABEL] =
    g_param_spec_string ("confirm-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "step.confirm", NULL, confirm_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "step.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "step.confirm", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-step-dialog.ui");
  gtk_widget_class_bind_template_child_private (widget_class, YcStepDialog, box);
  gtk_widget_class_bind_template_child_private (widget_class, YcStepDialog, confirm_button);
  gtk_widget_class_bind_template_child_private (widget_class, YcStepDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_clicked_cb);
}

static void
yc_step_dialog_init (YcStepDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

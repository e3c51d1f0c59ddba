/* yc-form-view.c: the intake form of one case
 *
 * Everything shown here is generated from the YcForm: the questions that
 * pick the situation, the fields, the checklist of materials and the
 * decisions the checklist allows. Nothing item-specific is written here.
 * Its fixed frame, the groups in their order, is ui/yc-form-view.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-field-row.h"
#include "yc-form-view.h"
#include "yc-material-row.h"

struct _YcFormView
{
  GtkWidget            parent_instance;

  YcForm              *form;
  GtkWidget           *page;   /* bound for gtk_widget_dispose_template() to unparent */
  AdwPreferencesGroup *header_group;
  AdwPreferencesGroup *situation_group;
  GtkWidget           *situation_row;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *materials_group;
  GtkWidget           *decision_row;
  GtkWidget           *accept_button;
  GtkWidget           *rongque_button;
  GtkWidget           *notify_button;
  GtkWidget           *reject_button;
  GPtrArray           *question_rows;
  GPtrArray           *field_rows;
  GPtrArray           *material_rows;
  GtkWidget           *decision_buttons[YC_DECISION_REJECT + 1];
  char                *materials_key;
};

G_DEFINE_FINAL_TYPE (YcFormView, yc_form_view, GTK_TYPE_WIDGET)

enum {
  DECIDE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_question_selected_cb (AdwComboRow *row,
                         GParamSpec  *pspec,
                         YcFormView  *self)
{
  YcFormQuestion *q = g_object_get_data (G_OBJECT (row), "question");
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    yc_form_set_answer (self->form, q->id, NULL);
  else
    yc_form_set_answer (self->form, q->id, ((const YcFormOption *) g_ptr_array_index (q->options, selected - 1))->value);
}

/* The checklist changes with the situation: rebuild it only then. */
static void
rebuild_materials (YcFormView *self)
{
  GPtrArray *materials = yc_form_get_materials (self->form);
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < materials->len; i++)
    g_string_append_printf (key, "%s;", ((YcFormMaterial *) g_ptr_array_index (materials, i))->id);
  if (g_strcmp0 (key->str, self->materials_key) == 0)
    {
      g_string_free (key, TRUE);
      return;
    }
  g_free (self->materials_key);
  self->materials_key = g_string_free (key, FALSE);

  for (guint i = 0; i < self->material_rows->len; i++)
    adw_preferences_group_remove (self->materials_group, g_ptr_array_index (self->material_rows, i));
  g_ptr_array_set_size (self->material_rows, 0);
  for (guint i = 0; i < materials->len; i++)
    {
      GtkWidget *row = yc_material_row_new (self->form, g_ptr_array_index (materials, i));

      adw_preferences_group_add (self->materials_group, row);
      g_ptr_array_add (self->material_rows, row);
    }
}

/* Each decision's button is there when the core allows the decision, and
 * says why not otherwise; the row says what the materials allow, and what
 * still stands in its way. */
static void
update_decisions (YcFormView *self)
{
  YcDecision suggested = yc_form_suggest_decision (self->form);
  GPtrArray *problems[YC_DECISION_REJECT + 1];
  g_autofree char *subtitle = NULL;

  yc_decision_check_each (self->form, problems);
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    {
      g_autofree char *why_not = problems[d]->len > 0
                                 ? yc_form_problem_describe (g_ptr_array_index (problems[d], 0), self->form) : NULL;

      gtk_widget_set_sensitive (self->decision_buttons[d], why_not == NULL);
      gtk_widget_set_tooltip_text (self->decision_buttons[d], why_not);
      if (d == suggested && why_not != NULL)
        /* TRANSLATORS: what the materials allow, and what stands in its way */
        subtitle = g_markup_printf_escaped (_("%s · %s"), yc_decision_get_label (d), why_not);
    }
  /* the row's subtitle is markup */
  if (subtitle == NULL)
    subtitle = g_markup_escape_text (yc_decision_get_label (suggested), -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->decision_row), subtitle);
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    g_ptr_array_unref (problems[d]);
}

static void
on_form_changed_cb (YcFormView *self,
                    YcForm     *form)
{
  GPtrArray *questions = yc_form_get_questions (form);

  for (guint i = 0; i < questions->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->question_rows, i),
                            ((YcFormQuestion *) g_ptr_array_index (questions, i))->visible);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->situation_row), yc_form_get_situation_name (form));

  rebuild_materials (self);
  update_decisions (self);
}

static void
on_decision_clicked_cb (GtkButton  *button,
                        YcFormView *self)
{
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    if (self->decision_buttons[d] == GTK_WIDGET (button))
      g_signal_emit (self, signals[DECIDE], 0, d);
}

static void
fill_header (YcFormView *self)
{
  JsonObject *first = g_ptr_array_index (yc_form_get_members (self->form), 0);
  JsonObject *department = yc_json_get_object (first, "department");
  g_autofree char *description = NULL;
  g_autofree char *time_limit = yc_form_describe_limits (self->form);

  if (yc_form_is_bundle (self->form))
    description = g_strdup_printf (_("%u items in one form · %s"), yc_form_get_members (self->form)->len, time_limit);
  else
    description = g_strdup_printf ("%s · %s · %s", yc_form_get_code (self->form),
                                   json_object_get_string_member (department, "name"), time_limit);
  adw_preferences_group_set_title (self->header_group, yc_form_get_name (self->form));
  adw_preferences_group_set_description (self->header_group, description);
}

static GtkWidget *
make_question_row (YcFormView     *self,
                   YcFormQuestion *q)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  const char *answer = yc_form_get_answer (self->form, q->id);
  g_autofree char *name = g_strconcat ("question:", q->id, NULL);
  guint selected = 0;

  gtk_string_list_append (labels, _("Not answered"));
  for (guint j = 0; j < q->options->len; j++)
    {
      const YcFormOption *option = g_ptr_array_index (q->options, j);

      gtk_string_list_append (labels, option->label);
      if (g_strcmp0 (answer, option->value) == 0)
        selected = j + 1;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), q->text);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "question", q);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_question_selected_cb), self);
  return row;
}

/* The questions come before the row telling the situation they pick,
 * which the template holds: the group keeps its rows in order of adding. */
static void
add_questions (YcFormView *self)
{
  GPtrArray *questions = yc_form_get_questions (self->form);

  g_object_ref (self->situation_row);
  adw_preferences_group_remove (self->situation_group, self->situation_row);
  for (guint i = 0; i < questions->len; i++)
    {
      GtkWidget *row = make_question_row (self, g_ptr_array_index (questions, i));

      adw_preferences_group_add (self->situation_group, row);
      g_ptr_array_add (self->question_rows, row);
    }
  adw_preferences_group_add (self->situation_group, self->situation_row);
  g_object_unref (self->situation_row);
}

/**
 * yc_form_view_new:
 * @draft: the case @form becomes, for which the scans attached are kept
 *
 * Returns: the view of @form
 */
GtkWidget *
yc_form_view_new (YcForm      *form,
                  YcCaseDraft *draft)
{
  YcFormView *self;
  GPtrArray *fields;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail (yc_case_draft_get_form (draft) == form, NULL);

  self = g_object_new (YC_TYPE_FORM_VIEW, NULL);
  self->form = g_object_ref (form);

  fill_header (self);
  add_questions (self);
  fields = yc_form_get_fields (form);
  for (guint i = 0; i < fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (fields, i);
      GtkWidget *row = yc_field_row_new (form, f->key, draft);

      adw_preferences_group_add (self->fields_group, row);
      g_ptr_array_add (self->field_rows, row);
    }
  /* the decisions' names and labels are the core's */
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    {
      g_autofree char *name = g_strconcat ("decision:", yc_decision_to_string (d), NULL);

      gtk_widget_set_name (self->decision_buttons[d], name);
      gtk_button_set_label (GTK_BUTTON (self->decision_buttons[d]), yc_decision_get_label (d));
    }

  g_signal_connect_object (form, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  on_form_changed_cb (self, form);

  return GTK_WIDGET (self);
}

YcForm *
yc_form_view_get_form (YcFormView *self)
{
  g_return_val_if_fail (YC_IS_FORM_VIEW (self), NULL);
  return self->form;
}

/**
 * yc_form_view_reveal_problems:
 *
 * Shows every field's problem and moves the focus to the first one.
 *
 * Returns: %TRUE if there was any
 */
gboolean
yc_form_view_reveal_problems (YcFormView *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (YC_IS_FORM_VIEW (self), FALSE);

  problems = yc_form_validate (self->form);
  for (guint i = 0; i < self->field_rows->len; i++)
    yc_field_row_reveal_problem (g_ptr_array_index (self->field_rows, i));
  if (problems->len == 0)
    return FALSE;

  for (guint i = 0; i < self->field_rows->len; i++)
    {
      YcFieldRow *row = g_ptr_array_index (self->field_rows, i);
      GtkWidget *editor = yc_field_row_get_editor (row);
      g_autofree char *name = g_strconcat ("field:", ((YcFormProblem *) g_ptr_array_index (problems, 0))->key, NULL);

      if (g_str_equal (gtk_widget_get_name (editor), name))
        {
          gtk_widget_grab_focus (editor);
          break;
        }
    }
  return TRUE;
}

static void
yc_form_view_dispose (GObject *object)
{
  YcFormView *self = (YcFormView *)object;

  g_clear_object (&self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_FORM_VIEW);

  G_OBJECT_CLASS (yc_form_view_parent_class)->dispose (object);
}

static void
yc_form_view_finalize (GObject *object)
{
  YcFormView *self = (YcFormView *)object;

  g_clear_pointer (&self->question_rows, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_pointer (&self->material_rows, g_ptr_array_unref);
  g_clear_pointer (&self->materials_key, g_free);

  G_OBJECT_CLASS (yc_form_view_parent_class)->finalize (object);
}

static void
yc_form_view_class_init (YcFormViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_form_view_dispose;
  object_class->finalize = yc_form_view_finalize;

  /**
   * YcFormView::decide:
   * @decision: a #YcDecision
   *
   * The clerk chose a decision.
   */
  signals[DECIDE] =
    g_signal_new ("decide", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-form-view.ui");
  gtk_widget_class_bind_template_child (widget_class, YcFormView, page);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, header_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, situation_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, situation_row);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, fields_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, materials_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, decision_row);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, accept_button);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, rongque_button);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, notify_button);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, reject_button);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_clicked_cb);
}

static void
yc_form_view_init (YcFormView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->question_rows = g_ptr_array_new ();
  self->field_rows = g_ptr_array_new ();
  self->material_rows = g_ptr_array_new ();
  self->decision_buttons[YC_DECISION_ACCEPT] = self->accept_button;
  self->decision_buttons[YC_DECISION_RONGQUE] = self->rongque_button;
  self->decision_buttons[YC_DECISION_NOTIFY] = self->notify_button;
  self->decision_buttons[YC_DECISION_REJECT] = self->reject_button;
}

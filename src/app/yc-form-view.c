/* yc-form-view.c: the intake form of one case
 *
 * Everything shown here is generated from the YcForm: the questions that
 * pick the situation, the fields, the checklist of materials and the
 * decisions the checklist allows. Nothing item-specific is written here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-field-row.h"
#include "yc-form-view.h"

struct _YcFormView
{
  GtkWidget     parent_instance;

  YcForm       *form;
  GtkWidget    *page;
  GtkWidget    *situation_row;
  GtkWidget    *materials_group;
  GtkWidget    *decision_row;
  GPtrArray    *question_rows;
  GPtrArray    *field_rows;
  GtkWidget    *decision_buttons[YC_DECISION_REJECT + 1];
  char         *materials_key;
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

static void
on_material_toggled_cb (GtkToggleButton *button,
                        YcFormView      *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "material");
  YcMaterialStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "status"));

  if (gtk_toggle_button_get_active (button))
    yc_form_set_material_status (self->form, id, status);
  else
    {
      GtkWidget *other = g_object_get_data (G_OBJECT (button), "other");

      if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (other)))
        yc_form_set_material_status (self->form, id, YC_MATERIAL_PENDING);
    }
}

static char *
material_subtitle (const YcFormMaterial *m)
{
  g_autofree char *text = yc_material_describe (m);

  return g_markup_escape_text (text, -1);
}

/* The checklist changes with the situation: rebuild it only then. */
static void
rebuild_materials (YcFormView *self)
{
  GPtrArray *materials = yc_form_get_materials (self->form);
  GString *key = g_string_new (NULL);
  GtkWidget *group;

  for (guint i = 0; i < materials->len; i++)
    g_string_append_printf (key, "%s;", ((YcFormMaterial *) g_ptr_array_index (materials, i))->id);
  if (g_strcmp0 (key->str, self->materials_key) == 0)
    {
      g_string_free (key, TRUE);
      return;
    }
  g_free (self->materials_key);
  self->materials_key = g_string_free (key, FALSE);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Materials"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Check each material the applicant hands over"));
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *received = gtk_toggle_button_new_with_label (_("Received"));
      GtkWidget *missing = gtk_toggle_button_new_with_label (_("Missing"));
      g_autofree char *subtitle = material_subtitle (m);
      g_autofree char *name_received = g_strconcat ("material:", m->id, ":received", NULL);
      g_autofree char *name_missing = g_strconcat ("material:", m->id, ":missing", NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (missing), GTK_TOGGLE_BUTTON (received));
      gtk_widget_set_name (received, name_received);
      gtk_widget_set_name (missing, name_missing);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (received), m->status == YC_MATERIAL_RECEIVED);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (missing), m->status == YC_MATERIAL_MISSING);
      g_object_set_data_full (G_OBJECT (received), "material", g_strdup (m->id), g_free);
      g_object_set_data_full (G_OBJECT (missing), "material", g_strdup (m->id), g_free);
      g_object_set_data (G_OBJECT (received), "status", GUINT_TO_POINTER (YC_MATERIAL_RECEIVED));
      g_object_set_data (G_OBJECT (missing), "status", GUINT_TO_POINTER (YC_MATERIAL_MISSING));
      g_object_set_data (G_OBJECT (received), "other", missing);
      g_object_set_data (G_OBJECT (missing), "other", received);
      g_signal_connect (received, "toggled", G_CALLBACK (on_material_toggled_cb), self);
      g_signal_connect (missing, "toggled", G_CALLBACK (on_material_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), received);
      gtk_box_append (GTK_BOX (box), missing);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  if (self->materials_group != NULL)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (self->materials_group));
  self->materials_group = group;
  /* the page keeps its groups in order of adding; the decision comes last */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  if (self->decision_row != NULL)
    {
      GtkWidget *decision_group = gtk_widget_get_ancestor (self->decision_row, ADW_TYPE_PREFERENCES_GROUP);

      g_object_ref (decision_group);
      adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (decision_group));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (decision_group));
      g_object_unref (decision_group);
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
  YcDecision decision = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "decision"));

  g_signal_emit (self, signals[DECIDE], 0, decision);
}

static GtkWidget *
make_header_group (YcForm *form)
{
  GtkWidget *group = adw_preferences_group_new ();
  JsonObject *first = g_ptr_array_index (yc_form_get_members (form), 0);
  JsonObject *department = yc_json_get_object (first, "department");
  g_autofree char *description = NULL;
  g_autofree char *time_limit = yc_form_describe_limits (form);

  if (yc_form_is_bundle (form))
    description = g_strdup_printf (_("%u items in one form · %s"), yc_form_get_members (form)->len, time_limit);
  else
    description = g_strdup_printf ("%s · %s · %s", yc_form_get_code (form),
                                   json_object_get_string_member (department, "name"), time_limit);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), yc_form_get_name (form));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
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
  GPtrArray *questions;
  GPtrArray *fields;
  GtkWidget *group;
  GtkWidget *box;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail (yc_case_draft_get_form (draft) == form, NULL);

  self = g_object_new (YC_TYPE_FORM_VIEW, NULL);
  self->form = g_object_ref (form);
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (make_header_group (form)));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Situation"));
  questions = yc_form_get_questions (form);
  for (guint i = 0; i < questions->len; i++)
    {
      YcFormQuestion *q = g_ptr_array_index (questions, i);
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GtkWidget *row = adw_combo_row_new ();
      const char *answer = yc_form_get_answer (form, q->id);
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
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->question_rows, row);
    }
  self->situation_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->situation_row), _("Handling situation"));
  gtk_widget_add_css_class (self->situation_row, "property");
  gtk_widget_set_focusable (self->situation_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->situation_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Application"));
  fields = yc_form_get_fields (form);
  for (guint i = 0; i < fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (fields, i);
      GtkWidget *row = yc_field_row_new (form, f->key, draft);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->field_rows, row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Decision"));
  self->decision_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->decision_row), _("The materials allow"));
  /* it only tells; Tab goes on to the decision buttons */
  gtk_widget_set_focusable (self->decision_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->decision_row);
  /* the four decisions wrap rather than widen the form */
  box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 12);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 4);
  gtk_widget_set_margin_top (box, 12);
  for (guint d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (yc_decision_get_label (d));
      g_autofree char *name = g_strconcat ("decision:", yc_decision_to_string (d), NULL);

      gtk_widget_set_name (button, name);
      gtk_widget_add_css_class (button, "pill");
      if (d == YC_DECISION_REJECT)
        gtk_widget_add_css_class (button, "destructive-action");
      else
        gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "decision", GUINT_TO_POINTER (d));
      g_signal_connect (button, "clicked", G_CALLBACK (on_decision_clicked_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (box), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      self->decision_buttons[d] = button;
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));

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

  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_clear_object (&self->form);

  G_OBJECT_CLASS (yc_form_view_parent_class)->dispose (object);
}

static void
yc_form_view_finalize (GObject *object)
{
  YcFormView *self = (YcFormView *)object;

  g_clear_pointer (&self->question_rows, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
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
}

static void
yc_form_view_init (YcFormView *self)
{
  self->question_rows = g_ptr_array_new ();
  self->field_rows = g_ptr_array_new ();
}

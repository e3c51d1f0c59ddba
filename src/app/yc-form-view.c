/* yc-form-view.c: the intake form of one case
 *
 * Everything shown here is generated from the YcForm: the questions that
 * pick the situation, the fields, the checklist of materials and the
 * decisions the checklist allows. Nothing item-specific is written here.
 * Its fixed frame, the groups in their order and the bar of decisions
 * below them, is ui/yc-form-view.ui.
 *
 * The clerk works it from the keyboard: each decision is an action of the
 * view (form.accept, form.rongque, form.notify, form.reject on Ctrl+1 to
 * Ctrl+4) enabled when yc_decision_check_each allows it, so a decision not
 * allowed is no Tab stop, and the line below its button says why;
 * Ctrl+Shift+M and Ctrl+Shift+D jump to the materials and the decisions;
 * Ctrl+Shift+H (form.helper) says who takes the case for the applicant
 * (帮办代办), in YcHelperDialog, which saves the helper into the form.
 *
 * A big bundle's form has 150 fields and more, most of them below the
 * fold: the rows a first frame can show are made before it, the others
 * are only the form's data until an idle after it makes them, in their
 * order (build_rows_cb). Whatever needs them all (the focus moving in
 * the form, the problems revealed) makes the rest at once first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-columns-layout.h"
#include "yc-field-editor-private.h"
#include "yc-field-row.h"
#include "yc-form-view.h"
#include "yc-helper-dialog.h"
#include "yc-material-row.h"

struct _YcFormView
{
  GtkWidget            parent_instance;

  YcForm              *form;
  GtkWidget           *page;   /* bound for gtk_widget_dispose_template() to unparent */
  GtkWidget           *scroller;
  GtkWidget           *columns;
  AdwPreferencesGroup *header_group;
  GtkWidget           *helper_row;
  AdwPreferencesGroup *situation_group;
  GtkWidget           *situation_row;
  AdwPreferencesGroup *problems_group;
  GtkWidget           *problems_box;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *more_fields_group;
  AdwPreferencesGroup *materials_group;
  GtkWidget           *decision_label;
  GtkWidget           *accept_button;
  GtkWidget           *rongque_button;
  GtkWidget           *notify_button;
  GtkWidget           *reject_button;
  GtkWidget           *accept_why;
  GtkWidget           *rongque_why;
  GtkWidget           *notify_why;
  GtkWidget           *reject_why;
  GPtrArray           *question_rows;
  GPtrArray           *field_rows;   /* the form's order; %NULL where not made yet */
  guint8              *field_columns;  /* which group each field goes in */
  YcCaseDraft         *draft;        /* while rows are still to be made */
  guint                next_row;     /* the first field whose row may be still to make */
  guint                build_source;
  guint                tick_id;
  GPtrArray           *material_rows;
  GtkWidget           *decision_buttons[YC_DECISION_REJECT + 1];
  GtkWidget           *decision_whys[YC_DECISION_REJECT + 1];
  char                *materials_key;
  char                *problems_key;

  guint                problems_shown : 1;
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

/* The checklist changes with the situation: rebuild it only then. It
 * comes below every field: while field rows are still to be made, so is
 * the checklist. */
static void
rebuild_materials (YcFormView *self)
{
  GPtrArray *materials = yc_form_get_materials (self->form);
  GString *key;

  if (self->draft != NULL)
    return;
  key = g_string_new (NULL);

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

static const char *const decision_actions[YC_DECISION_REJECT + 1] = {
  [YC_DECISION_ACCEPT] = "form.accept",
  [YC_DECISION_RONGQUE] = "form.rongque",
  [YC_DECISION_NOTIFY] = "form.notify",
  [YC_DECISION_REJECT] = "form.reject",
};

/* Each decision's action is enabled when the core allows the decision; the
 * line below its button says why not otherwise, and the bar says what the
 * materials allow. */
static void
update_decisions (YcFormView *self)
{
  YcDecision suggested = yc_form_suggest_decision (self->form);
  GPtrArray *problems[YC_DECISION_REJECT + 1];

  yc_decision_check_each (self->form, problems);
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    {
      g_autofree char *why_not = problems[d]->len > 0
                                 ? yc_form_problem_describe (g_ptr_array_index (problems[d], 0), self->form) : NULL;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), decision_actions[d], why_not == NULL);
      gtk_widget_set_tooltip_text (self->decision_buttons[d], why_not);
      gtk_label_set_text (GTK_LABEL (self->decision_whys[d]), why_not ? why_not : "");
      gtk_widget_set_visible (self->decision_whys[d], why_not != NULL);
    }
  if (suggested == YC_DECISION_NONE && yc_form_get_situation_name (self->form) == NULL)
    gtk_label_set_text (GTK_LABEL (self->decision_label), _("Answer the questions first"));
  else
    gtk_label_set_text (GTK_LABEL (self->decision_label), yc_decision_get_label (suggested));
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    g_ptr_array_unref (problems[d]);
}

static GtkWidget *
find_question_row (YcFormView *self,
                   const char *id)
{
  for (guint i = 0; i < self->question_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->question_rows, i);

      if (g_str_equal (((YcFormQuestion *) g_object_get_data (G_OBJECT (row), "question"))->id, id))
        return row;
    }
  return NULL;
}

/* Field rows: the first screen's before the first frame, the rest after */

/* How much of a column, in field_height()'s units (about a row each), is
 * made before the first frame: more than a tall screen shows below the
 * questions at first */
#define FOLD_HEIGHT 12
/* rows made in one idle: a few milliseconds, keys typed meanwhile wait
 * no longer than that */
#define ROWS_PER_IDLE 8
/* how long the rest waits for a first frame that does not come */
#define NO_FRAME_MS 500

static void
build_row (YcFormView *self,
           guint       i)
{
  YcFormField *f = g_ptr_array_index (yc_form_get_fields (self->form), i);
  GtkWidget *row;

  g_assert (g_ptr_array_index (self->field_rows, i) == NULL);
  row = yc_field_row_new (self->form, f->key, self->draft);
  /* a group keeps its rows in the order they are added, and every row
   * of a column past its first made is made later, in the form's order */
  adw_preferences_group_add (self->field_columns[i] == 0 ? self->fields_group : self->more_fields_group, row);
  g_ptr_array_index (self->field_rows, i) = row;
}

static void
rows_done (YcFormView *self)
{
  g_clear_handle_id (&self->build_source, g_source_remove);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_object (&self->draft);
}

static void
finish_rows (YcFormView *self)
{
  rows_done (self);
  rebuild_materials (self);
}

/* Returns: whether rows are left to make after @n more */
static gboolean
build_next_rows (YcFormView *self,
                 guint       n)
{
  for (; self->next_row < self->field_rows->len; self->next_row++)
    if (g_ptr_array_index (self->field_rows, self->next_row) == NULL)
      {
        if (n == 0)
          return TRUE;
        build_row (self, self->next_row);
        n--;
      }
  return FALSE;
}

static gboolean
build_rows_cb (gpointer user_data)
{
  YcFormView *self = user_data;

  if (build_next_rows (self, ROWS_PER_IDLE))
    return G_SOURCE_CONTINUE;
  self->build_source = 0;
  finish_rows (self);
  return G_SOURCE_REMOVE;
}

/* The rest waits for the first frame, which the frame clock may put off
 * to its next vertical blank: an idle from the start could run first */
static gboolean
on_first_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  YcFormView *self = YC_FORM_VIEW (widget);

  self->tick_id = 0;
  g_clear_handle_id (&self->build_source, g_source_remove);
  self->build_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_rows_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* a view never shown gets no frame, and makes its rows all the same */
static gboolean
on_no_frame_cb (gpointer user_data)
{
  YcFormView *self = user_data;

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->build_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_rows_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* Makes at once every row still to make */
static void
build_rest (YcFormView *self)
{

  if (self->draft == NULL)
    return;
  build_next_rows (self, G_MAXUINT);
  finish_rows (self);
}

/* Returns: (transfer none) (nullable): what a problem with @key focuses:
 * a field's editor, or a question's row */
static GtkWidget *
find_problem_target (YcFormView *self,
                     const char *key)
{
  g_autofree char *name = g_strconcat ("field:", key, NULL);

  build_rest (self);
  if (yc_form_lookup_field (self->form, key) != NULL)
    for (guint i = 0; i < self->field_rows->len; i++)
      {
        GtkWidget *editor = yc_field_row_get_editor (g_ptr_array_index (self->field_rows, i));

        if (editor != NULL && g_str_equal (gtk_widget_get_name (editor), name))
          return editor;
      }
  return find_question_row (self, key);
}

static void
on_problem_clicked_cb (GtkButton  *button,
                       YcFormView *self)
{
  GtkWidget *target = find_problem_target (self, g_object_get_data (G_OBJECT (button), "key"));

  if (target != NULL)
    gtk_widget_grab_focus (target);
}

/* Once the clerk was told the form has problems, the list says which,
 * each a button to its field, and shrinks as they are corrected. */
static void
update_problems (YcFormView *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (!self->problems_shown)
    return;
  problems = yc_form_validate (self->form);
  for (guint i = 0; i < problems->len; i++)
    {
      const YcFormProblem *p = g_ptr_array_index (problems, i);

      g_string_append_printf (key, "%s\x1f%s\x1e", p->key, p->message);
    }
  /* rebuilt only on a change, so that the focus on a button stays */
  if (g_strcmp0 (key->str, self->problems_key) == 0)
    return;
  g_free (self->problems_key);
  self->problems_key = g_strdup (key->str);

  for (GtkWidget *child; (child = gtk_widget_get_first_child (self->problems_box)) != NULL;)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->problems_box), child);
  for (guint i = 0; i < problems->len; i++)
    {
      const YcFormProblem *p = g_ptr_array_index (problems, i);
      g_autofree char *text = yc_form_problem_describe (p, self->form);
      g_autofree char *name = g_strconcat ("problem:", p->key, NULL);
      GtkWidget *button = gtk_button_new_with_label (text);
      GtkWidget *child = gtk_flow_box_child_new ();

      gtk_widget_set_name (button, name);
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_widget_add_css_class (button, "form-problem");
      g_object_set_data_full (G_OBJECT (button), "key", g_strdup (p->key), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_problem_clicked_cb), self);
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), button);
      gtk_flow_box_append (GTK_FLOW_BOX (self->problems_box), child);
    }
  title = g_strdup_printf (ngettext ("%u problem to correct", "%u problems to correct",
                                        problems->len),
                           problems->len);
  adw_preferences_group_set_title (self->problems_group, title);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems->len > 0);
}

/* Who takes the case: the applicant in person, or the helper as the form
 * keeps them */
static void
update_helper (YcFormView *self)
{
  JsonObject *helper = yc_form_get_helper (self->form);
  const char *relation = yc_json_get_string (helper, "relation");
  const char *authorisation = yc_json_get_string (helper, "authorisation");
  const YcFormMaterial *letter = authorisation ? yc_form_lookup_material (self->form, authorisation) : NULL;
  g_autofree char *subtitle = NULL;

  if (helper == NULL)
    subtitle = g_strdup (_("In person (本人办理)"));
  else if (relation != NULL && relation[0] != '\0')
    /* TRANSLATORS: the helper's name, then their relation to the applicant */
    subtitle = g_strdup_printf (_("%s, %s"), yc_json_get_string (helper, "name"), relation);
  else
    /* TRANSLATORS: the helper's name, then the material that authorises them */
    subtitle = g_strdup_printf (_("%s, under the authorisation %s"), yc_json_get_string (helper, "name"),
                                letter ? letter->name : authorisation);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->helper_row), subtitle);
}

static void
on_form_changed_cb (YcFormView *self,
                    YcForm     *form)
{
  GPtrArray *questions = yc_form_get_questions (form);
  g_autofree char *situation = yc_form_describe_situation (form);

  for (guint i = 0; i < questions->len; i++)
    {
      YcFormQuestion *q = g_ptr_array_index (questions, i);
      GtkWidget *row = g_ptr_array_index (self->question_rows, i);

      gtk_widget_set_visible (row, q->visible);
      /* what the situation waits for stands out */
      if (q->visible && yc_form_get_answer (form, q->id) == NULL)
        gtk_widget_add_css_class (row, "unanswered");
      else
        gtk_widget_remove_css_class (row, "unanswered");
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->situation_row), situation);

  update_helper (self);
  rebuild_materials (self);
  update_decisions (self);
  update_problems (self);
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    if (g_str_equal (decision_actions[d], action_name))
      g_signal_emit (widget, signals[DECIDE], 0, d);
}

static void
materials_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YcFormView *self = YC_FORM_VIEW (widget);

  build_rest (self);
  for (guint i = 0; i < self->material_rows->len; i++)
    if (gtk_widget_child_focus (g_ptr_array_index (self->material_rows, i), GTK_DIR_TAB_FORWARD))
      return;
}

/* The decision the materials allow, or else the first allowed */
static void
decisions_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YcFormView *self = YC_FORM_VIEW (widget);
  YcDecision suggested = yc_form_suggest_decision (self->form);

  if (suggested != YC_DECISION_NONE && gtk_widget_grab_focus (self->decision_buttons[suggested]))
    return;
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    if (gtk_widget_grab_focus (self->decision_buttons[d]))
      return;
}

static void
helper_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YcFormView *self = YC_FORM_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = yc_helper_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->form);

  gtk_window_present (GTK_WINDOW (dialog));
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
  _yc_field_fit_choice (row);
  _yc_field_fit_row_labels (row);
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

/* About how many rows a field takes, to split them in two even columns */
static guint
field_height (const YcFormField *f)
{
  if (!f->visible)
    return 0;
  switch (yc_field_type_get_editor (f->type))
    {
    case YC_FIELD_EDITOR_GROUP:
      return 4;
    case YC_FIELD_EDITOR_MULTILINE:
    case YC_FIELD_EDITOR_MULTI_CHOICE:
      return 2;
    case YC_FIELD_EDITOR_ENTRY:
    case YC_FIELD_EDITOR_YES_NO:
    case YC_FIELD_EDITOR_CHOICE:
    case YC_FIELD_EDITOR_ADDRESS:
    case YC_FIELD_EDITOR_ATTACHMENT:
    default:
      return 1;
    }
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
  guint shown = 0;
  guint placed = 0;
  guint column_height[2] = { 0, 0 };

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail (yc_case_draft_get_form (draft) == form, NULL);

  self = g_object_new (YC_TYPE_FORM_VIEW, NULL);
  self->form = g_object_ref (form);

  fill_header (self);
  add_questions (self);
  fields = yc_form_get_fields (form);
  for (guint i = 0; i < fields->len; i++)
    shown += field_height (g_ptr_array_index (fields, i));
  self->draft = g_object_ref (draft);
  g_ptr_array_set_size (self->field_rows, fields->len);
  self->field_columns = g_new0 (guint8, fields->len);
  /* the first half of what shows now goes in the first column; the
   * second column follows it below when the window is narrow */
  for (guint i = 0; i < fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (fields, i);
      guint column = placed * 2 < shown ? 0 : 1;

      self->field_columns[i] = column;
      if (column_height[column] < FOLD_HEIGHT)
        build_row (self, i);
      column_height[column] += field_height (f);
      placed += field_height (f);
    }
  if (build_next_rows (self, 0))
    {
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_tick_cb, NULL, NULL);
      self->build_source = g_timeout_add (NO_FRAME_MS, on_no_frame_cb, self);
    }
  else
    rows_done (self);
  /* the decisions' names and labels are the core's */
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    {
      g_autofree char *name = g_strconcat ("decision:", yc_decision_to_string (d), NULL);

      gtk_widget_set_name (self->decision_buttons[d], name);
      g_free (name);
      name = g_strconcat ("why:", yc_decision_to_string (d), NULL);
      gtk_widget_set_name (self->decision_whys[d], name);
      gtk_button_set_label (GTK_BUTTON (self->decision_buttons[d]), yc_decision_get_label (d));
      /* four decisions side by side: a long name wraps rather than widen the form */
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->decision_buttons[d]))), TRUE);
      gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->decision_buttons[d]))),
                             GTK_JUSTIFY_CENTER);
    }

  g_signal_connect_object (form, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  on_form_changed_cb (self, form);

  return GTK_WIDGET (self);
}

/**
 * yc_form_view_is_complete:
 *
 * A big form makes the rows below its first screen after its first
 * frame, in idles: until then the fields they edit are only data.
 *
 * Returns: whether the row of every field is made
 */
gboolean
yc_form_view_is_complete (YcFormView *self)
{
  g_return_val_if_fail (YC_IS_FORM_VIEW (self), FALSE);
  return self->draft == NULL;
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
 * Shows every field's problem, lists them all above the fields, each a
 * button to its field, and moves the focus to the first one.
 *
 * Returns: %TRUE if there was any
 */
gboolean
yc_form_view_reveal_problems (YcFormView *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  GtkWidget *target;

  g_return_val_if_fail (YC_IS_FORM_VIEW (self), FALSE);

  problems = yc_form_validate (self->form);
  build_rest (self);
  for (guint i = 0; i < self->field_rows->len; i++)
    yc_field_row_reveal_problem (g_ptr_array_index (self->field_rows, i));
  self->problems_shown = TRUE;
  update_problems (self);
  if (problems->len == 0)
    return FALSE;

  target = find_problem_target (self, ((YcFormProblem *) g_ptr_array_index (problems, 0))->key);
  if (target != NULL)
    gtk_widget_grab_focus (target);
  return TRUE;
}

/* Tab and the arrows go through every field in its order: once the
 * keyboard is among the fields or below them, the rows not made yet are
 * made first. Above the fields (the helper, the questions), where a form
 * just opened puts the focus, the next stop is made already: the first
 * rows of each column are. */
static gboolean
yc_form_view_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  YcFormView *self = YC_FORM_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, widget) &&
      (gtk_widget_is_ancestor (focus, self->columns) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->materials_group)) ||
       !gtk_widget_is_ancestor (focus, self->scroller)))
    build_rest (self);
  return GTK_WIDGET_CLASS (yc_form_view_parent_class)->focus (widget, direction);
}

static void
yc_form_view_dispose (GObject *object)
{
  YcFormView *self = (YcFormView *)object;

  rows_done (self);
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
  g_clear_pointer (&self->field_columns, g_free);
  g_clear_pointer (&self->material_rows, g_ptr_array_unref);
  g_clear_pointer (&self->materials_key, g_free);
  g_clear_pointer (&self->problems_key, g_free);

  G_OBJECT_CLASS (yc_form_view_parent_class)->finalize (object);
}

static void
yc_form_view_class_init (YcFormViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_form_view_dispose;
  object_class->finalize = yc_form_view_finalize;

  widget_class->focus = yc_form_view_focus;

  /**
   * YcFormView::decide:
   * @decision: a #YcDecision
   *
   * The clerk chose a decision.
   */
  signals[DECIDE] =
    g_signal_new ("decide", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (YC_TYPE_COLUMNS_LAYOUT);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-form-view.ui");
  gtk_widget_class_bind_template_child (widget_class, YcFormView, page);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, scroller);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, columns);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, problems_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, problems_box);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, more_fields_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, decision_label);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, accept_why);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, rongque_why);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, notify_why);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, reject_why);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, header_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, helper_row);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, situation_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, situation_row);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, fields_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, materials_group);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, accept_button);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, rongque_button);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, notify_button);
  gtk_widget_class_bind_template_child (widget_class, YcFormView, reject_button);

  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    gtk_widget_class_install_action (widget_class, decision_actions[d], NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "form.materials", NULL, materials_action);
  gtk_widget_class_install_action (widget_class, "form.decisions", NULL, decisions_action);
  gtk_widget_class_install_action (widget_class, "form.helper", NULL, helper_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "form.accept", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "form.rongque", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "form.notify", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK, "form.reject", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_M, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "form.materials", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "form.decisions", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_H, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "form.helper", NULL);
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
  self->decision_whys[YC_DECISION_ACCEPT] = self->accept_why;
  self->decision_whys[YC_DECISION_RONGQUE] = self->rongque_why;
  self->decision_whys[YC_DECISION_NOTIFY] = self->notify_why;
  self->decision_whys[YC_DECISION_REJECT] = self->reject_why;
}

/* yc-field-row.c: one field of the form, whatever its kind
 *
 * The row shows the label, the help or what is wrong, and the editor of
 * the field's kind (yc-field-editor.c). It applies what the clerk enters
 * to the YcForm and follows the form back: visibility, calculated values
 * and problems all come from the core, never from here. Its fixed frame
 * is ui/yc-field-row.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-field-editor-private.h"
#include "yc-field-row.h"

struct _YcFieldRow
{
  AdwActionRow   parent_instance;

  YcForm        *form;
  char          *key;
  YcCaseDraft   *draft;   /* until the editor is made */
  YcFieldEditor *editor;  /* made when the row first shows */
  GtkWidget     *below;   /* a table or a text takes the row's width below its title */
  gulong         changed_id;

  guint          touched : 1;
  guint          updating : 1;
};

G_DEFINE_FINAL_TYPE (YcFieldRow, yc_field_row, ADW_TYPE_ACTION_ROW)

static const YcFormField *
get_field (YcFieldRow *self)
{
  return yc_form_lookup_field (self->form, self->key);
}

static void
set_invalid (YcFieldRow *self,
             gboolean    invalid)
{
  GtkWidget *widget = yc_field_editor_get_widget (self->editor);

  yc_field_editor_set_invalid (self->editor, invalid);
  if (invalid)
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
}

/* The row's title and subtitle are libadwaita's labels, which take no
 * style class of ours, and markup knows no style sheet: the colour of a
 * star and of a problem is the style sheet's @error_color, looked up by
 * name, so that it follows the theme as .required-mark in ui/style.css
 * does. */
static char *
problem_color (YcFieldRow *self)
{
  GdkRGBA color;
  gboolean found;

  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), "error_color", &color);
  g_assert (found);
  return g_strdup_printf ("#%02x%02x%02x", (guint) (color.red * 255 + 0.5), (guint) (color.green * 255 + 0.5),
                          (guint) (color.blue * 255 + 0.5));
}

/* The subtitle: what the value means beside what it is (the region's
 * name, the scan's file), then what is wrong or else the help. */
static void
show_problem (YcFieldRow *self)
{
  const YcFormField *field = get_field (self);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *problem = NULL;
  g_autofree char *meaning = yc_field_editor_describe (self->editor, yc_form_get_value (self->form, self->key));

  if (yc_field_editor_get_problem (self->editor) != NULL)
    problem = g_strdup (yc_field_editor_get_problem (self->editor));
  else if (self->touched)
    problem = yc_form_check_field (self->form, self->key);

  if (meaning != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (meaning, -1);

      g_string_append (markup, escaped);
    }
  if (problem != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (problem, -1);
      g_autofree char *color = problem_color (self);

      g_string_append_printf (markup, "%s<span foreground=\"%s\">%s</span>", markup->len ? "\n" : "", color, escaped);
    }
  else if (field->help != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (field->help, -1);

      g_string_append_printf (markup, "%s%s", markup->len ? "\n" : "", escaped);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), markup->str);
  set_invalid (self, problem != NULL);
}

static void
set_editor_value (YcFieldRow *self,
                  JsonNode   *value)
{
  self->updating = TRUE;
  yc_field_editor_set_value (self->editor, value);
  self->updating = FALSE;
}

static void make_editor (YcFieldRow *self);

static void
on_form_changed_cb (YcFieldRow *self,
                    YcForm     *form)
{
  const YcFormField *field = get_field (self);
  g_autofree char *title = NULL;
  g_autofree char *color = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), field->visible);
  /* a row of a field the situation hides (a quarter of a big bundle's)
   * stays an empty frame until the field first shows: the form opens
   * sooner */
  if (self->editor == NULL)
    {
      if (!field->visible)
        return;
      make_editor (self);
    }
  color = problem_color (self);
  title = g_markup_printf_escaped (field->required ? "%s <span foreground=\"%s\">*</span>" : "%s",
                                   field->label, color);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  if (field->calculated)
    set_editor_value (self, yc_form_get_value (form, self->key));
  show_problem (self);
}

static void
on_editor_changed_cb (YcFieldRow    *self,
                      gboolean       finished,
                      YcFieldEditor *editor)
{
  if (self->updating || self->form == NULL)
    return;
  yc_field_editor_apply (editor, self->form, self->key);
  if (finished)
    {
      self->touched = TRUE;
      /* the same scan again changes nothing in the form, but its name
       * shows */
      show_problem (self);
    }
}

/* Problems show once the clerk has left a field, not while typing in it. */
static void
on_focus_leave_cb (YcFieldRow *self)
{
  if (!self->touched && self->editor != NULL)
    {
      self->touched = TRUE;
      show_problem (self);
    }
}

static void
place_editor (YcFieldRow        *self,
              const YcFormField *field)
{
  GtkWidget *widget = yc_field_editor_get_widget (self->editor);
  YcFieldEditorKind kind = yc_field_type_get_editor (field->type);

  if (kind == YC_FIELD_EDITOR_GROUP || kind == YC_FIELD_EDITOR_MULTILINE)
    {
      /* a table or a text takes the row's whole width, below its title:
       * the header stays the row's first child, so the theme still
       * styles it */
      gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_box_layout_new (GTK_ORIENTATION_VERTICAL));
      gtk_widget_set_parent (widget, GTK_WIDGET (self));
      self->below = widget;
      return;
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), widget);
  if (yc_field_editor_get_activatable (self->editor) != NULL)
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), yc_field_editor_get_activatable (self->editor));
}

static void
make_editor (YcFieldRow *self)
{
  const YcFormField *field = get_field (self);
  g_autoptr(YcCaseDraft) draft = g_steal_pointer (&self->draft);
  GtkWidget *widget;

  g_assert (self->editor == NULL);
  self->editor = yc_field_editor_new (self->form, field, draft);
  widget = yc_field_editor_get_widget (self->editor);
  gtk_widget_set_name (widget, gtk_widget_get_name (GTK_WIDGET (self)));
  gtk_widget_set_name (GTK_WIDGET (self), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, field->label, -1);
  place_editor (self, field);

  set_editor_value (self, yc_form_get_value (self->form, self->key));
  g_signal_connect_object (self->editor, "changed", G_CALLBACK (on_editor_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * yc_field_row_new:
 * @draft: the case @form becomes, for which a scan attached to the field
 *   is kept
 *
 * Returns: a row editing field @key of @form
 */
GtkWidget *
yc_field_row_new (YcForm      *form,
                  const char  *key,
                  YcCaseDraft *draft)
{
  YcFieldRow *self;
  const YcFormField *field;
  g_autofree char *name = NULL;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail ((field = yc_form_lookup_field (form, key)) != NULL, NULL);
  g_return_val_if_fail (YC_IS_CASE_DRAFT (draft), NULL);

  self = g_object_new (YC_TYPE_FIELD_ROW, NULL);
  self->form = g_object_ref (form);
  self->key = g_strdup (key);
  self->draft = g_object_ref (draft);
  /* tests and accessibility tools find a field by its key: the row
   * answers to it until its editor is made and takes the name */
  name = g_strconcat ("field:", key, NULL);
  gtk_widget_set_name (GTK_WIDGET (self), name);
  /* a restored draft shows its problems at once */
  self->touched = yc_form_get_value (form, key) != NULL;
  self->changed_id = g_signal_connect_object (form, "changed", G_CALLBACK (on_form_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  on_form_changed_cb (self, form);

  return GTK_WIDGET (self);
}

/**
 * yc_field_row_reveal_problem:
 *
 * Shows the field's problem even if the clerk has not been in it yet, as
 * when they try to submit.
 */
void
yc_field_row_reveal_problem (YcFieldRow *self)
{
  g_return_if_fail (YC_IS_FIELD_ROW (self));

  self->touched = TRUE;
  if (self->editor != NULL)
    show_problem (self);
}

/* Returns: (transfer none) (nullable): the editor's widget, named
 *   "field:KEY", which a problem focuses; %NULL while the field has never
 *   shown */
GtkWidget *
yc_field_row_get_editor (YcFieldRow *self)
{
  g_return_val_if_fail (YC_IS_FIELD_ROW (self), NULL);
  return self->editor ? yc_field_editor_get_widget (self->editor) : NULL;
}

/**
 * yc_field_row_attach_file:
 * @file: the scan
 *
 * Attaches @file to an attachment field, as choosing it in the file
 * chooser does: the scan is copied into the profile's store, the value
 * becomes its SHA-256 once it is there, and the subtitle shows its name.
 */
void
yc_field_row_attach_file (YcFieldRow *self,
                          GFile      *file)
{
  g_return_if_fail (YC_IS_FIELD_ROW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (get_field (self)->type == YC_FIELD_TYPE_ATTACHMENT);
  g_return_if_fail (self->editor != NULL);

  _yc_field_attachment_editor_attach_file (self->editor, file);
}

/* Tab goes from editor to editor. A list box row would first stop on the
 * row itself, one more key press per field for the clerk, and would move
 * the focus into its one child only, not into a group's table, which is a
 * second child below the header. The row still takes the focus from the
 * arrow keys, as the list box moves it.
 *
 * A calculated field has nothing to focus; the list box would end the
 * tour of the form there, so the row hands the focus on to the next. */
static gboolean
yc_field_row_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  gboolean forward = direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN || direction == GTK_DIR_RIGHT;
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  GtkWidget *child;

  if (focus_child != NULL && gtk_widget_child_focus (focus_child, direction))
    return TRUE;
  /* on the row itself, going back leaves it */
  if (gtk_widget_is_focus (widget) && !forward)
    return FALSE;
  if (focus_child != NULL)
    child = forward ? gtk_widget_get_next_sibling (focus_child) : gtk_widget_get_prev_sibling (focus_child);
  else
    child = forward ? gtk_widget_get_first_child (widget) : gtk_widget_get_last_child (widget);
  for (; child != NULL; child = forward ? gtk_widget_get_next_sibling (child) : gtk_widget_get_prev_sibling (child))
    if (gtk_widget_child_focus (child, direction))
      return TRUE;

  if (focus_child == NULL && !gtk_widget_is_focus (widget) &&
      (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD))
    for (GtkWidget *row = forward ? gtk_widget_get_next_sibling (widget) : gtk_widget_get_prev_sibling (widget);
         row != NULL;
         row = forward ? gtk_widget_get_next_sibling (row) : gtk_widget_get_prev_sibling (row))
      if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row) && gtk_widget_is_sensitive (row))
        return gtk_widget_child_focus (row, direction);
  return FALSE;
}

static void
yc_field_row_dispose (GObject *object)
{
  YcFieldRow *self = (YcFieldRow *)object;

  /* a table or a text is ours, beside the row's own child */
  g_clear_pointer (&self->below, gtk_widget_unparent);
  g_clear_signal_handler (&self->changed_id, self->form);
  g_clear_object (&self->editor);
  g_clear_object (&self->draft);
  g_clear_object (&self->form);

  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_FIELD_ROW);

  G_OBJECT_CLASS (yc_field_row_parent_class)->dispose (object);
}

static void
yc_field_row_finalize (GObject *object)
{
  YcFieldRow *self = (YcFieldRow *)object;

  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (yc_field_row_parent_class)->finalize (object);
}

static void
yc_field_row_class_init (YcFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_field_row_dispose;
  object_class->finalize = yc_field_row_finalize;

  widget_class->focus = yc_field_row_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-field-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, on_focus_leave_cb);
}

static void
yc_field_row_init (YcFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _yc_field_fit_row_labels (GTK_WIDGET (self));
}

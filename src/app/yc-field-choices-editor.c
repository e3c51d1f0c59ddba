/* yc-field-choices-editor.c: a field with any of its options
 *
 * A check button per option, each its own target; the value keeps the
 * template's order, whatever order they are chosen in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-editor-box.h"
#include "yc-field-editor-private.h"

#define YC_TYPE_FIELD_CHOICES_EDITOR (yc_field_choices_editor_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldChoicesEditor, yc_field_choices_editor, YC, FIELD_CHOICES_EDITOR, GObject)

struct _YcFieldChoicesEditor
{
  GObject parent_instance;

  GPtrArray *options;  /* YcFormOption, the field's */
  GtkWidget *box;
  GPtrArray *checks;   /* one per option */
};

static void yc_field_editor_iface_init (YcFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcFieldChoicesEditor, yc_field_choices_editor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_FIELD_EDITOR, yc_field_editor_iface_init))

static void
on_check_toggled_cb (YcFieldChoicesEditor *self)
{
  yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
}

YcFieldEditor *
_yc_field_choices_editor_new (const YcFormField *field)
{
  YcFieldChoicesEditor *self = g_object_new (YC_TYPE_FIELD_CHOICES_EDITOR, NULL);

  self->options = g_ptr_array_ref (yc_form_field_get_options (field));
  self->checks = g_ptr_array_new ();
  self->box = g_object_ref_sink (yc_editor_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  for (guint i = 0; i < self->options->len; i++)
    {
      const YcFormOption *option = g_ptr_array_index (self->options, i);
      GtkWidget *check = gtk_check_button_new_with_label (option->label);
      g_autofree char *name = g_strdup_printf ("field:%s:%s", field->key, option->value);

      gtk_widget_set_name (check, name);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->box), check);
      g_ptr_array_add (self->checks, check);
    }
  return YC_FIELD_EDITOR (self);
}


static GtkWidget *
yc_field_choices_editor_get_widget (YcFieldEditor *editor)
{
  return YC_FIELD_CHOICES_EDITOR (editor)->box;
}

static void
yc_field_choices_editor_set_value (YcFieldEditor *editor,
                                   JsonNode      *value)
{
  YcFieldChoicesEditor *self = YC_FIELD_CHOICES_EDITOR (editor);
  JsonArray *chosen = value && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

  for (guint i = 0; i < self->checks->len; i++)
    {
      gboolean active = FALSE;

      for (guint j = 0; chosen != NULL && j < json_array_get_length (chosen) && !active; j++)
        active = g_strcmp0 (_yc_field_node_string (json_array_get_element (chosen, j)),
                            _yc_field_option_value (self->options, i)) == 0;
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), active);
    }
}

static JsonNode *
yc_field_choices_editor_read_value (YcFieldEditor *editor)
{
  YcFieldChoicesEditor *self = YC_FIELD_CHOICES_EDITOR (editor);
  g_autoptr(JsonArray) chosen = json_array_new ();

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      json_array_add_string_element (chosen, _yc_field_option_value (self->options, i));
  if (json_array_get_length (chosen) == 0)
    return NULL;
  return json_node_init_array (json_node_alloc (), chosen);
}

/* each check button is its own target */
static GtkWidget *
yc_field_choices_editor_get_activatable (YcFieldEditor *editor)
{
  return NULL;
}

/* a list of choices in red would say that all of it is wrong: the
 * subtitle alone says what is */
static void
yc_field_choices_editor_set_invalid (YcFieldEditor *editor,
                                     gboolean       invalid)
{
}

static void
yc_field_editor_iface_init (YcFieldEditorInterface *iface)
{
  iface->get_widget = yc_field_choices_editor_get_widget;
  iface->set_value = yc_field_choices_editor_set_value;
  iface->read_value = yc_field_choices_editor_read_value;
  iface->get_activatable = yc_field_choices_editor_get_activatable;
  iface->set_invalid = yc_field_choices_editor_set_invalid;
}

static void
yc_field_choices_editor_finalize (GObject *object)
{
  YcFieldChoicesEditor *self = (YcFieldChoicesEditor *)object;

  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_object (&self->box);

  G_OBJECT_CLASS (yc_field_choices_editor_parent_class)->finalize (object);
}

static void
yc_field_choices_editor_class_init (YcFieldChoicesEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_field_choices_editor_finalize;
}

static void
yc_field_choices_editor_init (YcFieldChoicesEditor *self)
{
}

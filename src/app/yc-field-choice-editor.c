/* yc-field-choice-editor.c: a field with one of its options
 *
 * A drop-down whose first entry is "not chosen".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-field-editor-private.h"

#define YC_TYPE_FIELD_CHOICE_EDITOR (yc_field_choice_editor_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldChoiceEditor, yc_field_choice_editor, YC, FIELD_CHOICE_EDITOR, GObject)

struct _YcFieldChoiceEditor
{
  GObject parent_instance;

  GPtrArray *options;  /* YcFormOption, the field's */
  GtkWidget *drop_down;
};

static void yc_field_editor_iface_init (YcFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcFieldChoiceEditor, yc_field_choice_editor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_FIELD_EDITOR, yc_field_editor_iface_init))

static void
on_drop_down_selected_cb (YcFieldChoiceEditor *self)
{
  yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
}

YcFieldEditor *
_yc_field_choice_editor_new (const YcFormField *field)
{
  YcFieldChoiceEditor *self = g_object_new (YC_TYPE_FIELD_CHOICE_EDITOR, NULL);

  self->options = g_ptr_array_ref (yc_form_field_get_options (field));
  self->drop_down = g_object_ref_sink (_yc_field_make_choice (self->options));
  g_signal_connect_swapped (self->drop_down, "notify::selected", G_CALLBACK (on_drop_down_selected_cb), self);
  return YC_FIELD_EDITOR (self);
}


static GtkWidget *
yc_field_choice_editor_get_widget (YcFieldEditor *editor)
{
  return YC_FIELD_CHOICE_EDITOR (editor)->drop_down;
}

static void
yc_field_choice_editor_set_value (YcFieldEditor *editor,
                                  JsonNode      *value)
{
  YcFieldChoiceEditor *self = YC_FIELD_CHOICE_EDITOR (editor);

  _yc_field_write_choice (self->drop_down, self->options, value);
}

static JsonNode *
yc_field_choice_editor_read_value (YcFieldEditor *editor)
{
  YcFieldChoiceEditor *self = YC_FIELD_CHOICE_EDITOR (editor);

  return _yc_field_read_choice (self->drop_down, self->options);
}

static void
yc_field_editor_iface_init (YcFieldEditorInterface *iface)
{
  iface->get_widget = yc_field_choice_editor_get_widget;
  iface->set_value = yc_field_choice_editor_set_value;
  iface->read_value = yc_field_choice_editor_read_value;
}

static void
yc_field_choice_editor_finalize (GObject *object)
{
  YcFieldChoiceEditor *self = (YcFieldChoiceEditor *)object;

  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_object (&self->drop_down);

  G_OBJECT_CLASS (yc_field_choice_editor_parent_class)->finalize (object);
}

static void
yc_field_choice_editor_class_init (YcFieldChoiceEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_field_choice_editor_finalize;
}

static void
yc_field_choice_editor_init (YcFieldChoiceEditor *self)
{
}

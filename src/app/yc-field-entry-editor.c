/* yc-field-entry-editor.c: a field typed on one line
 *
 * Text, numbers, money, dates, codes and regions: the type says how the
 * entry helps (a keypad, a format to follow, a length) and how what is
 * typed becomes the value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-field-editor-private.h"

#define YC_TYPE_FIELD_ENTRY_EDITOR (yc_field_entry_editor_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldEntryEditor, yc_field_entry_editor, YC, FIELD_ENTRY_EDITOR, GObject)

struct _YcFieldEntryEditor
{
  GObject      parent_instance;

  YcFieldType  type;
  GtkWidget   *entry;
};

static void yc_field_editor_iface_init (YcFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcFieldEntryEditor, yc_field_entry_editor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_FIELD_EDITOR, yc_field_editor_iface_init))

static void
on_entry_changed_cb (YcFieldEntryEditor *self)
{
  yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
}

YcFieldEditor *
_yc_field_entry_editor_new (const YcFormField *field)
{
  YcFieldEntryEditor *self = g_object_new (YC_TYPE_FIELD_ENTRY_EDITOR, NULL);

  self->type = field->type;
  self->entry = g_object_ref_sink (_yc_field_make_entry (field->type, NULL));
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 28);
  if (field->calculated)
    {
      gtk_editable_set_editable (GTK_EDITABLE (self->entry), FALSE);
      gtk_widget_set_can_focus (self->entry, FALSE);
    }
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  return YC_FIELD_EDITOR (self);
}

static GtkWidget *
yc_field_entry_editor_get_widget (YcFieldEditor *editor)
{
  return YC_FIELD_ENTRY_EDITOR (editor)->entry;
}

static void
yc_field_entry_editor_set_value (YcFieldEditor *editor,
                                 JsonNode      *value)
{
  YcFieldEntryEditor *self = YC_FIELD_ENTRY_EDITOR (editor);
  g_autofree char *text = _yc_field_value_to_text (value);

  _yc_field_set_entry_text (self->entry, text);
}

static JsonNode *
yc_field_entry_editor_read_value (YcFieldEditor *editor)
{
  YcFieldEntryEditor *self = YC_FIELD_ENTRY_EDITOR (editor);

  return yc_field_type_parse (self->type, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static char *
yc_field_entry_editor_describe (YcFieldEditor *editor,
                                JsonNode      *value)
{
  if (YC_FIELD_ENTRY_EDITOR (editor)->type != YC_FIELD_TYPE_REGION)
    return NULL;
  return _yc_field_describe_region (_yc_field_node_string (value));
}

static void
yc_field_editor_iface_init (YcFieldEditorInterface *iface)
{
  iface->get_widget = yc_field_entry_editor_get_widget;
  iface->set_value = yc_field_entry_editor_set_value;
  iface->read_value = yc_field_entry_editor_read_value;
  iface->describe = yc_field_entry_editor_describe;
}

static void
yc_field_entry_editor_finalize (GObject *object)
{
  YcFieldEntryEditor *self = (YcFieldEntryEditor *)object;

  g_clear_object (&self->entry);

  G_OBJECT_CLASS (yc_field_entry_editor_parent_class)->finalize (object);
}

static void
yc_field_entry_editor_class_init (YcFieldEntryEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_field_entry_editor_finalize;
}

static void
yc_field_entry_editor_init (YcFieldEntryEditor *self)
{
}

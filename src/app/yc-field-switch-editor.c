/* yc-field-switch-editor.c: a yes-no field
 *
 * A switch: off is no, until the clerk turns it on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-field-editor-private.h"

#define YC_TYPE_FIELD_SWITCH_EDITOR (yc_field_switch_editor_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldSwitchEditor, yc_field_switch_editor, YC, FIELD_SWITCH_EDITOR, GObject)

struct _YcFieldSwitchEditor
{
  GObject parent_instance;

  GtkWidget *toggle;
};

static void yc_field_editor_iface_init (YcFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcFieldSwitchEditor, yc_field_switch_editor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_FIELD_EDITOR, yc_field_editor_iface_init))

static void
on_toggle_active_cb (YcFieldSwitchEditor *self)
{
  yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
}

YcFieldEditor *
_yc_field_switch_editor_new (const YcFormField *field)
{
  YcFieldSwitchEditor *self = g_object_new (YC_TYPE_FIELD_SWITCH_EDITOR, NULL);

  self->toggle = g_object_ref_sink (gtk_switch_new ());
  g_signal_connect_swapped (self->toggle, "notify::active", G_CALLBACK (on_toggle_active_cb), self);
  return YC_FIELD_EDITOR (self);
}


static GtkWidget *
yc_field_switch_editor_get_widget (YcFieldEditor *editor)
{
  return YC_FIELD_SWITCH_EDITOR (editor)->toggle;
}

static void
yc_field_switch_editor_set_value (YcFieldEditor *editor,
                                  JsonNode      *value)
{
  gtk_switch_set_active (GTK_SWITCH (YC_FIELD_SWITCH_EDITOR (editor)->toggle),
                         value && JSON_NODE_HOLDS_VALUE (value) &&
                         json_node_get_value_type (value) == G_TYPE_BOOLEAN && json_node_get_boolean (value));
}

static JsonNode *
yc_field_switch_editor_read_value (YcFieldEditor *editor)
{
  return json_node_init_boolean (json_node_alloc (),
                                 gtk_switch_get_active (GTK_SWITCH (YC_FIELD_SWITCH_EDITOR (editor)->toggle)));
}

static void
yc_field_editor_iface_init (YcFieldEditorInterface *iface)
{
  iface->get_widget = yc_field_switch_editor_get_widget;
  iface->set_value = yc_field_switch_editor_set_value;
  iface->read_value = yc_field_switch_editor_read_value;
}

static void
yc_field_switch_editor_finalize (GObject *object)
{
  YcFieldSwitchEditor *self = (YcFieldSwitchEditor *)object;

  g_clear_object (&self->toggle);

  G_OBJECT_CLASS (yc_field_switch_editor_parent_class)->finalize (object);
}

static void
yc_field_switch_editor_class_init (YcFieldSwitchEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_field_switch_editor_finalize;
}

static void
yc_field_switch_editor_init (YcFieldSwitchEditor *self)
{
}

/* yc-field-switch-editor.c: a yes-no field
 *
 * A required yes-no is two buttons, 是 and 否, none pressed at first: a
 * switch's "off" would say both "no" and "not answered", and an
 * unanswered required one must stay a problem. An optional one is a
 * switch: off is no, until the clerk turns it on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-field-editor-private.h"

#define YC_TYPE_FIELD_SWITCH_EDITOR (yc_field_switch_editor_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldSwitchEditor, yc_field_switch_editor, YC, FIELD_SWITCH_EDITOR, GObject)

struct _YcFieldSwitchEditor
{
  GObject parent_instance;

  GtkWidget *toggle;   /* the switch, or the box of the two buttons */
  GtkWidget *yes;      /* NULL for a switch */
  GtkWidget *no;
};

static void yc_field_editor_iface_init (YcFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcFieldSwitchEditor, yc_field_switch_editor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_FIELD_EDITOR, yc_field_editor_iface_init))

static void
on_toggle_active_cb (YcFieldSwitchEditor *self)
{
  yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
}

/* A button of a group also says when it is let go, for the other pressed:
 * only the one pressed changes the value. */
static void
on_answer_toggled_cb (GtkToggleButton     *button,
                      YcFieldSwitchEditor *self)
{
  if (gtk_toggle_button_get_active (button))
    yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
}

static GtkWidget *
make_answer (YcFieldSwitchEditor *self,
             const char          *key,
             const char          *which,
             const char          *label)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);
  g_autofree char *name = g_strconcat ("field:", key, ":", which, NULL);

  gtk_widget_set_name (button, name);
  g_signal_connect (button, "toggled", G_CALLBACK (on_answer_toggled_cb), self);
  return button;
}

YcFieldEditor *
_yc_field_switch_editor_new (const YcFormField *field)
{
  YcFieldSwitchEditor *self = g_object_new (YC_TYPE_FIELD_SWITCH_EDITOR, NULL);

  if (!field->required)
    {
      self->toggle = g_object_ref_sink (gtk_switch_new ());
      g_signal_connect_swapped (self->toggle, "notify::active", G_CALLBACK (on_toggle_active_cb), self);
      return YC_FIELD_EDITOR (self);
    }
  self->toggle = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  gtk_widget_add_css_class (self->toggle, "linked");
  self->yes = make_answer (self, field->key, "yes", _("Yes"));
  self->no = make_answer (self, field->key, "no", _("No"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->no), GTK_TOGGLE_BUTTON (self->yes));
  gtk_box_append (GTK_BOX (self->toggle), self->yes);
  gtk_box_append (GTK_BOX (self->toggle), self->no);
  return YC_FIELD_EDITOR (self);
}


static GtkWidget *
yc_field_switch_editor_get_widget (YcFieldEditor *editor)
{
  return YC_FIELD_SWITCH_EDITOR (editor)->toggle;
}

/* Activating the row of two answers would have to pick one for the clerk */
static GtkWidget *
yc_field_switch_editor_get_activatable (YcFieldEditor *editor)
{
  YcFieldSwitchEditor *self = YC_FIELD_SWITCH_EDITOR (editor);

  return self->yes ? NULL : self->toggle;
}

static void
yc_field_switch_editor_set_value (YcFieldEditor *editor,
                                  JsonNode      *value)
{
  YcFieldSwitchEditor *self = YC_FIELD_SWITCH_EDITOR (editor);
  gboolean given = value && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN;

  if (self->yes == NULL)
    {
      gtk_switch_set_active (GTK_SWITCH (self->toggle), given && json_node_get_boolean (value));
      return;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->yes), given && json_node_get_boolean (value));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->no), given && !json_node_get_boolean (value));
}

static JsonNode *
yc_field_switch_editor_read_value (YcFieldEditor *editor)
{
  YcFieldSwitchEditor *self = YC_FIELD_SWITCH_EDITOR (editor);

  if (self->yes == NULL)
    return json_node_init_boolean (json_node_alloc (), gtk_switch_get_active (GTK_SWITCH (self->toggle)));
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->yes)))
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->no)))
    return json_node_init_boolean (json_node_alloc (), FALSE);
  return NULL;
}

static void
yc_field_switch_editor_set_invalid (YcFieldEditor *editor,
                                    gboolean       invalid)
{
  YcFieldSwitchEditor *self = YC_FIELD_SWITCH_EDITOR (editor);

  /* the box draws nothing of its own: the buttons turn red */
  if (self->yes == NULL)
    {
      _yc_field_mark_invalid (self->toggle, invalid);
      return;
    }
  _yc_field_mark_invalid (self->yes, invalid);
  _yc_field_mark_invalid (self->no, invalid);
}

static void
yc_field_editor_iface_init (YcFieldEditorInterface *iface)
{
  iface->get_widget = yc_field_switch_editor_get_widget;
  iface->get_activatable = yc_field_switch_editor_get_activatable;
  iface->set_value = yc_field_switch_editor_set_value;
  iface->read_value = yc_field_switch_editor_read_value;
  iface->set_invalid = yc_field_switch_editor_set_invalid;
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

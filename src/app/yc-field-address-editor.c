/* yc-field-address-editor.c: an address, a region code and a street
 *
 * Six digits need little room; the street needs the rest. The region's
 * name shows beside what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-editor-box.h"
#include "yc-field-editor-private.h"

#define YC_TYPE_FIELD_ADDRESS_EDITOR (yc_field_address_editor_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldAddressEditor, yc_field_address_editor, YC, FIELD_ADDRESS_EDITOR, GObject)

struct _YcFieldAddressEditor
{
  GObject    parent_instance;

  GtkWidget *box;
  GtkWidget *region;
  GtkWidget *detail;
};

static void yc_field_editor_iface_init (YcFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcFieldAddressEditor, yc_field_address_editor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_FIELD_EDITOR, yc_field_editor_iface_init))

static void
on_part_changed_cb (YcFieldAddressEditor *self)
{
  yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
}

/* Tests and accessibility tools find a part by field and name. */
static GtkWidget *
make_part (YcFieldAddressEditor *self,
           const YcFormField    *field,
           YcFieldType           type,
           const char           *placeholder,
           const char           *part,
           const char           *label)
{
  GtkWidget *entry = _yc_field_make_entry (type, placeholder);
  g_autofree char *name = g_strdup_printf ("field:%s:%s", field->key, part);

  gtk_widget_set_name (entry, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_part_changed_cb), self);
  gtk_box_append (GTK_BOX (self->box), entry);
  return entry;
}

YcFieldEditor *
_yc_field_address_editor_new (const YcFormField *field)
{
  YcFieldAddressEditor *self = g_object_new (YC_TYPE_FIELD_ADDRESS_EDITOR, NULL);
  g_autofree char *region_label = g_strdup_printf (_("%s: region code"), field->label);
  g_autofree char *detail_label = g_strdup_printf (_("%s: street and number"), field->label);

  self->box = g_object_ref_sink (yc_editor_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  self->region = make_part (self, field, YC_FIELD_TYPE_REGION, NULL, "region", region_label);
  self->detail = make_part (self, field, YC_FIELD_TYPE_TEXT, _("Street and number"), "detail", detail_label);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->region), 7);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->region), 7);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->detail), 20);
  gtk_widget_set_hexpand (self->detail, TRUE);
  return YC_FIELD_EDITOR (self);
}

static GtkWidget *
yc_field_address_editor_get_widget (YcFieldEditor *editor)
{
  return YC_FIELD_ADDRESS_EDITOR (editor)->box;
}

static void
yc_field_address_editor_set_value (YcFieldEditor *editor,
                                   JsonNode      *value)
{
  YcFieldAddressEditor *self = YC_FIELD_ADDRESS_EDITOR (editor);
  JsonObject *address = value && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;

  _yc_field_set_entry_text (self->region, address ? _yc_field_node_string (json_object_get_member (address, "region")) : NULL);
  _yc_field_set_entry_text (self->detail, address ? _yc_field_node_string (json_object_get_member (address, "detail")) : NULL);
}

/* Half an address is half a value; none is none. */
static JsonNode *
yc_field_address_editor_read_value (YcFieldEditor *editor)
{
  YcFieldAddressEditor *self = YC_FIELD_ADDRESS_EDITOR (editor);
  g_autofree char *region = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->region))));
  g_autofree char *detail = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->detail))));
  g_autoptr(JsonObject) address = NULL;

  if (region[0] == '\0' && detail[0] == '\0')
    return NULL;
  address = json_object_new ();
  if (region[0] != '\0')
    json_object_set_string_member (address, "region", region);
  if (detail[0] != '\0')
    json_object_set_string_member (address, "detail", detail);
  return json_node_init_object (json_node_alloc (), address);
}

static GtkWidget *
yc_field_address_editor_get_activatable (YcFieldEditor *editor)
{
  return YC_FIELD_ADDRESS_EDITOR (editor)->region;
}

static void
yc_field_address_editor_set_invalid (YcFieldEditor *editor,
                                     gboolean       invalid)
{
  YcFieldAddressEditor *self = YC_FIELD_ADDRESS_EDITOR (editor);

  _yc_field_mark_invalid (self->region, invalid);
  _yc_field_mark_invalid (self->detail, invalid);
}

static char *
yc_field_address_editor_describe (YcFieldEditor *editor,
                                  JsonNode      *value)
{
  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return NULL;
  return _yc_field_describe_region (_yc_field_node_string (json_object_get_member (json_node_get_object (value),
                                                                                   "region")));
}

static void
yc_field_editor_iface_init (YcFieldEditorInterface *iface)
{
  iface->get_widget = yc_field_address_editor_get_widget;
  iface->set_value = yc_field_address_editor_set_value;
  iface->read_value = yc_field_address_editor_read_value;
  iface->get_activatable = yc_field_address_editor_get_activatable;
  iface->set_invalid = yc_field_address_editor_set_invalid;
  iface->describe = yc_field_address_editor_describe;
}

static void
yc_field_address_editor_finalize (GObject *object)
{
  YcFieldAddressEditor *self = (YcFieldAddressEditor *)object;

  g_clear_object (&self->box);

  G_OBJECT_CLASS (yc_field_address_editor_parent_class)->finalize (object);
}

static void
yc_field_address_editor_class_init (YcFieldAddressEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_field_address_editor_finalize;
}

static void
yc_field_address_editor_init (YcFieldAddressEditor *self)
{
}

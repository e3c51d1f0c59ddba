/* yc-field-text-editor.c: a field of several lines
 *
 * 经营范围 and the like: a text view in a frame, the width of the form,
 * with a count of the characters against the field's max_length below
 * it, so that the clerk sees the room the catalog leaves before the check
 * says it is too long. Tab leaves it for the next field, as from an
 * entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-editor-box.h"
#include "yc-field-editor-private.h"

#define YC_TYPE_FIELD_TEXT_EDITOR (yc_field_text_editor_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldTextEditor, yc_field_text_editor, YC, FIELD_TEXT_EDITOR, GObject)

struct _YcFieldTextEditor
{
  GObject      parent_instance;

  YcFieldType  type;
  guint        max_length;
  GtkWidget   *box;
  GtkWidget   *frame;
  GtkWidget   *view;
  GtkWidget   *count;
};

static void yc_field_editor_iface_init (YcFieldEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcFieldTextEditor, yc_field_text_editor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_FIELD_EDITOR, yc_field_editor_iface_init))

static char *
get_text (YcFieldTextEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_count (YcFieldTextEditor *self)
{
  g_autofree char *typed = get_text (self);
  guint count = g_utf8_strlen (g_strstrip (typed), -1);
  g_autofree char *text = NULL;

  if (self->max_length == 0)
    return;
  /* TRANSLATORS: characters typed and allowed, e.g. "12 / 1000" */
  text = g_strdup_printf (_("%u / %u"), count, self->max_length);
  gtk_label_set_text (GTK_LABEL (self->count), text);
  _yc_field_mark_invalid (self->count, count > self->max_length);
}

static void
on_buffer_changed_cb (YcFieldTextEditor *self)
{
  update_count (self);
  yc_field_editor_changed (YC_FIELD_EDITOR (self), FALSE);
}

YcFieldEditor *
_yc_field_text_editor_new (const YcFormField *field)
{
  YcFieldTextEditor *self = g_object_new (YC_TYPE_FIELD_TEXT_EDITOR, NULL);
  g_autofree char *count_name = g_strdup_printf ("field:%s:count", field->key);

  self->type = field->type;
  self->max_length = yc_form_field_get_max_length (field);
  self->view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->view), 6);
  /* about four lines before it grows */
  gtk_widget_set_size_request (self->view, -1, 84);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, field->label, -1);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)), "changed",
                            G_CALLBACK (on_buffer_changed_cb), self);

  self->frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (self->frame), self->view);
  self->count = gtk_label_new (NULL);
  gtk_widget_set_name (self->count, count_name);
  gtk_label_set_xalign (GTK_LABEL (self->count), 1);
  gtk_widget_add_css_class (self->count, "caption");
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_add_css_class (self->count, "numeric");
  gtk_widget_set_visible (self->count, self->max_length > 0);

  self->box = g_object_ref_sink (yc_editor_box_new (GTK_ORIENTATION_VERTICAL, 3));
  /* the row's header has these margins from the theme */
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_box_append (GTK_BOX (self->box), self->frame);
  gtk_box_append (GTK_BOX (self->box), self->count);
  update_count (self);
  return YC_FIELD_EDITOR (self);
}

static GtkWidget *
yc_field_text_editor_get_widget (YcFieldEditor *editor)
{
  return YC_FIELD_TEXT_EDITOR (editor)->box;
}

/* Only on a change, so that the cursor stays where the clerk types. */
static void
yc_field_text_editor_set_value (YcFieldEditor *editor,
                                JsonNode      *value)
{
  YcFieldTextEditor *self = YC_FIELD_TEXT_EDITOR (editor);
  g_autofree char *typed = get_text (self);
  g_autofree char *text = _yc_field_value_to_text (value);

  if (g_strcmp0 (g_strstrip (typed), text ? text : "") != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)), text ? text : "", -1);
}

static JsonNode *
yc_field_text_editor_read_value (YcFieldEditor *editor)
{
  YcFieldTextEditor *self = YC_FIELD_TEXT_EDITOR (editor);
  g_autofree char *text = get_text (self);

  return yc_field_type_parse (self->type, text);
}

/* the text takes the row's width below the title: nothing to activate */
static GtkWidget *
yc_field_text_editor_get_activatable (YcFieldEditor *editor)
{
  return NULL;
}

static void
yc_field_text_editor_set_invalid (YcFieldEditor *editor,
                                  gboolean       invalid)
{
  _yc_field_mark_invalid (YC_FIELD_TEXT_EDITOR (editor)->frame, invalid);
}

static void
yc_field_editor_iface_init (YcFieldEditorInterface *iface)
{
  iface->get_widget = yc_field_text_editor_get_widget;
  iface->set_value = yc_field_text_editor_set_value;
  iface->read_value = yc_field_text_editor_read_value;
  iface->get_activatable = yc_field_text_editor_get_activatable;
  iface->set_invalid = yc_field_text_editor_set_invalid;
}

static void
yc_field_text_editor_finalize (GObject *object)
{
  YcFieldTextEditor *self = (YcFieldTextEditor *)object;

  g_clear_object (&self->box);

  G_OBJECT_CLASS (yc_field_text_editor_parent_class)->finalize (object);
}

static void
yc_field_text_editor_class_init (YcFieldTextEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_field_text_editor_finalize;
}

static void
yc_field_text_editor_init (YcFieldTextEditor *self)
{
}

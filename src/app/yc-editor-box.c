/* yc-editor-box.c: a box of widgets that takes the focus as one editor
 *
 * The editor of an address, a multi-choice, a scan, a text or a table is
 * a box of several widgets. The form view focuses a field's editor when
 * it has a problem; a plain box would not take the focus, this one passes
 * it to the first widget inside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-editor-box.h"

struct _YcEditorBox
{
  GtkBox parent_instance;
};

G_DEFINE_FINAL_TYPE (YcEditorBox, yc_editor_box, GTK_TYPE_BOX)

GtkWidget *
yc_editor_box_new (GtkOrientation orientation,
                   int            spacing)
{
  return g_object_new (YC_TYPE_EDITOR_BOX, "orientation", orientation, "spacing", spacing, NULL);
}

static gboolean
yc_editor_box_grab_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, widget))
    return TRUE;
  return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

static void
yc_editor_box_class_init (YcEditorBoxClass *klass)
{
  GTK_WIDGET_CLASS (klass)->grab_focus = yc_editor_box_grab_focus;
}

static void
yc_editor_box_init (YcEditorBox *self)
{
}

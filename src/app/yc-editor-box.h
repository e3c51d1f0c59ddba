/* yc-editor-box.h: a box of widgets that takes the focus as one editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YC_TYPE_EDITOR_BOX (yc_editor_box_get_type ())
G_DECLARE_FINAL_TYPE (YcEditorBox, yc_editor_box, YC, EDITOR_BOX, GtkBox)

GtkWidget *yc_editor_box_new (GtkOrientation orientation,
                              int            spacing);

G_END_DECLS

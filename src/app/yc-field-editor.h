/* yc-field-editor.h: the editor of one field of the form, of one kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_FIELD_EDITOR (yc_field_editor_get_type ())
G_DECLARE_INTERFACE (YcFieldEditor, yc_field_editor, YC, FIELD_EDITOR, GObject)

struct _YcFieldEditorInterface
{
  GTypeInterface parent_iface;

  /* the widget the row shows, named after the field */
  GtkWidget  *(*get_widget)      (YcFieldEditor *self);
  /* shows a value without emitting ::changed */
  void        (*set_value)       (YcFieldEditor *self,
                                  JsonNode      *value);
  /* what the clerk entered; NULL when nothing */
  JsonNode   *(*read_value)      (YcFieldEditor *self);

  /* optional: the widget the row activates, by default the widget */
  GtkWidget  *(*get_activatable) (YcFieldEditor *self);
  /* optional: marks what the clerk must correct, by default the widget */
  void        (*set_invalid)     (YcFieldEditor *self,
                                  gboolean       invalid);
  /* optional: what the value means beside what it is */
  char       *(*describe)        (YcFieldEditor *self,
                                  JsonNode      *value);
  /* optional: a problem of the editor's own, before the form's */
  const char *(*get_problem)     (YcFieldEditor *self);
};

YcFieldEditor *yc_field_editor_new             (YcForm            *form,
                                                const YcFormField *field,
                                                YcCaseDraft       *draft);
GtkWidget     *yc_field_editor_get_widget      (YcFieldEditor     *self);
void           yc_field_editor_set_value       (YcFieldEditor     *self,
                                                JsonNode          *value);
void           yc_field_editor_apply           (YcFieldEditor     *self,
                                                YcForm            *form,
                                                const char        *key);
void           yc_field_editor_changed         (YcFieldEditor     *self,
                                                gboolean           finished);
GtkWidget     *yc_field_editor_get_activatable (YcFieldEditor     *self);
void           yc_field_editor_set_invalid     (YcFieldEditor     *self,
                                                gboolean           invalid);
char          *yc_field_editor_describe        (YcFieldEditor     *self,
                                                JsonNode          *value);
const char    *yc_field_editor_get_problem     (YcFieldEditor     *self);

G_END_DECLS

/* yc-field-editor-private.h: the field editors and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-field-editor.h"

G_BEGIN_DECLS

/* One editor for each YcFieldEditorKind */
YcFieldEditor *_yc_field_entry_editor_new      (const YcFormField *field);
YcFieldEditor *_yc_field_text_editor_new       (const YcFormField *field);
YcFieldEditor *_yc_field_switch_editor_new     (const YcFormField *field);
YcFieldEditor *_yc_field_choice_editor_new     (const YcFormField *field);
YcFieldEditor *_yc_field_choices_editor_new    (const YcFormField *field);
YcFieldEditor *_yc_field_address_editor_new    (const YcFormField *field);
YcFieldEditor *_yc_field_table_editor_new      (YcForm            *form,
                                                const YcFormField *field);
YcFieldEditor *_yc_field_attachment_editor_new (const YcFormField *field,
                                                YcCaseDraft       *draft);
void           _yc_field_attachment_editor_attach_file (YcFieldEditor *self,
                                                        GFile         *file);

/* Widgets and values that fields and table cells share */
GtkWidget  *_yc_field_make_entry      (YcFieldType  type,
                                       const char  *placeholder);
void        _yc_field_set_entry_text  (GtkWidget   *entry,
                                       const char  *text);
char       *_yc_field_value_to_text   (JsonNode    *value);
const char *_yc_field_node_string     (JsonNode    *node);
const char *_yc_field_option_value    (GPtrArray   *options,
                                       guint        position);
GtkWidget  *_yc_field_make_choice     (GPtrArray   *options);
JsonNode   *_yc_field_read_choice     (GtkWidget   *drop_down,
                                       GPtrArray   *options);
void        _yc_field_write_choice    (GtkWidget   *drop_down,
                                       GPtrArray   *options,
                                       JsonNode    *value);
void        _yc_field_fit_choice      (GtkWidget   *widget);
void        _yc_field_fit_row_labels  (GtkWidget   *row);
GtkWidget  *_yc_field_make_yes_no     (void);
JsonNode   *_yc_field_read_yes_no     (GtkWidget   *drop_down);
void        _yc_field_write_yes_no    (GtkWidget   *drop_down,
                                       JsonNode    *value);
void        _yc_field_mark_invalid    (GtkWidget   *widget,
                                       gboolean     invalid);
char       *_yc_field_describe_region (const char  *code);

G_END_DECLS

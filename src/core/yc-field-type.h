/* yc-field-type.h: the types a field of a form can have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* In the order of the catalog format's table of types */
typedef enum
{
  YC_FIELD_TYPE_TEXT,
  YC_FIELD_TYPE_MULTILINE,
  YC_FIELD_TYPE_INTEGER,
  YC_FIELD_TYPE_DECIMAL,
  YC_FIELD_TYPE_MONEY,
  YC_FIELD_TYPE_DATE,
  YC_FIELD_TYPE_CHOICE,
  YC_FIELD_TYPE_MULTI_CHOICE,
  YC_FIELD_TYPE_YES_NO,
  YC_FIELD_TYPE_ID_NUMBER,
  YC_FIELD_TYPE_CREDIT_CODE,
  YC_FIELD_TYPE_MOBILE,
  YC_FIELD_TYPE_LANDLINE,
  YC_FIELD_TYPE_PHONE,
  YC_FIELD_TYPE_POSTAL_CODE,
  YC_FIELD_TYPE_REGION,
  YC_FIELD_TYPE_ADDRESS,
  YC_FIELD_TYPE_GROUP,
  YC_FIELD_TYPE_ATTACHMENT,
  YC_FIELD_TYPE_UNKNOWN,
} YcFieldType;

/* The kind of editor a client shows for a type */
typedef enum
{
  YC_FIELD_EDITOR_ENTRY,        /* one line of typed text */
  YC_FIELD_EDITOR_MULTILINE,
  YC_FIELD_EDITOR_YES_NO,
  YC_FIELD_EDITOR_CHOICE,
  YC_FIELD_EDITOR_MULTI_CHOICE,
  YC_FIELD_EDITOR_ADDRESS,
  YC_FIELD_EDITOR_GROUP,        /* a table of rows */
  YC_FIELD_EDITOR_ATTACHMENT,
} YcFieldEditorKind;

/* What an entry for a type should offer the person typing */
typedef enum
{
  YC_FIELD_HINT_NONE   = 0,
  YC_FIELD_HINT_DIGITS = 1 << 0,  /* a number keypad */
  YC_FIELD_HINT_PHONE  = 1 << 1,  /* a phone keypad */
} YcFieldHints;

YcFieldType       yc_field_type_from_string     (const char  *name);
const char       *yc_field_type_to_string       (YcFieldType  type);
YcFieldEditorKind yc_field_type_get_editor      (YcFieldType  type);
YcFieldHints      yc_field_type_get_hints       (YcFieldType  type);
const char       *yc_field_type_get_placeholder (YcFieldType  type);
guint             yc_field_type_get_max_chars   (YcFieldType  type);
guint             yc_field_type_get_width       (YcFieldType  type);
JsonNode         *yc_field_type_parse           (YcFieldType  type,
                                                 const char  *text);
char             *yc_field_type_check           (YcFieldType  type,
                                                 JsonObject  *definition,
                                                 JsonNode    *value);

G_END_DECLS

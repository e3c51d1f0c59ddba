/* yc-field-type.c: the types a field of a form can have
 *
 * One table says, for each type a catalog may give a field, its name, how
 * text typed at the desk or on a command line becomes its value, how a
 * value is checked against the field's definition, and which editor a
 * client shows for it. The catalog loader, the form engine, the window,
 * the command line and the service all read it, so that a type means the
 * same everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "yc-attachments.h"
#include "yc-calendar.h"
#include "yc-event.h"
#include "yc-field-type.h"
#include "yc-validate.h"

typedef JsonNode *(*ParseFunc) (const char *text);

/* @value is never empty: what an empty value means is the form's business */
typedef char *(*CheckFunc) (YcFieldType  type,
                            JsonObject  *definition,
                            JsonNode    *value);

typedef struct
{
  const char        *name;
  ParseFunc          parse;
  CheckFunc          check;
  YcFieldEditorKind  editor;
  YcFieldHints       hints;
  const char        *placeholder;  /* translated when shown */
  guint              max_chars;
  guint              width;        /* average characters a table cell wants */
} FieldType;

static const char *
node_string (JsonNode *value)
{
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}

/* Parsing typed text */

static JsonNode *
parse_text (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/* Codes print their letters in capitals; people type them either way. */
static JsonNode *
parse_upper_case (const char *text)
{
  g_autofree char *upper = g_ascii_strup (text, -1);

  return json_node_init_string (json_node_alloc (), upper);
}

static JsonNode *
parse_number (const char *text)
{
  char *end = NULL;
  double number;

  /* something that is no decimal number stays text, so the check says
   * so; so do "nan", "inf" and hexadecimal, which JSON cannot carry */
  if (strspn (text, "+-0123456789.eE") != strlen (text))
    return parse_text (text);
  number = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (number))
    return parse_text (text);
  if (fabs (number) < 1e15 && number == (double) (gint64) number)
    return json_node_init_int (json_node_alloc (), (gint64) number);
  return json_node_init_double (json_node_alloc (), number);
}

static JsonNode *
parse_yes_no (const char *text)
{
  if (g_str_equal (text, "true") || g_str_equal (text, "false"))
    return json_node_init_boolean (json_node_alloc (), g_str_equal (text, "true"));
  return parse_text (text);
}

/* A list or an object can only be written as JSON; anything else stays
 * the text as typed, so the check names what is wrong with it. */
static JsonNode *
parse_json (const char *text)
{
  JsonNode *parsed = NULL;

  /* measured first, as everything from outside */
  if (yc_json_precheck (text, strlen (text)) == NULL)
    parsed = yc_json_from_string (text, NULL);
  return parsed ? parsed : parse_text (text);
}

/* Checking a value */

static char *
check_text (YcFieldType  type,
            JsonObject  *def,
            JsonNode    *value)
{
  gint64 max = json_object_get_int_member_with_default (def, "max_length", 0);
  const char *text = node_string (value);

  if (text == NULL)
    return g_strdup (_("Enter text"));
  if (max > 0 && g_utf8_strlen (text, -1) > max)
    return g_strdup_printf (_("At most %d characters"), (int) max);
  return NULL;
}

static char *
check_bounds (JsonObject *def,
              double      number)
{
  if (json_object_has_member (def, "min") && number < json_object_get_double_member (def, "min"))
    return g_strdup_printf (_("At least %g"), json_object_get_double_member (def, "min"));
  if (json_object_has_member (def, "max") && number > json_object_get_double_member (def, "max"))
    return g_strdup_printf (_("At most %g"), json_object_get_double_member (def, "max"));
  return NULL;
}

static char *
check_number (YcFieldType  type,
              JsonObject  *def,
              JsonNode    *value)
{
  GType vt = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;
  double number;

  if (vt != G_TYPE_INT64 && vt != G_TYPE_DOUBLE)
    return g_strdup (_("Enter a number"));
  number = json_node_get_double (value);
  if (type == YC_FIELD_TYPE_INTEGER && number != (double) (gint64) number)
    return g_strdup (_("Enter a whole number"));
  return check_bounds (def, number);
}

static char *
check_money (YcFieldType  type,
             JsonObject  *def,
             JsonNode    *value)
{
  const char *text = node_string (value);

  if (text == NULL || !g_regex_match_simple ("^[0-9]{1,13}(\\.[0-9]{1,2})?$", text, 0, 0))
    return g_strdup (_("Enter an amount in yuan, such as 1200.00"));
  return check_bounds (def, g_ascii_strtod (text, NULL));
}

static char *
check_date (YcFieldType  type,
            JsonObject  *def,
            JsonNode    *value)
{
  const char *text = node_string (value);
  GDate date;

  if (!yc_date_parse (text, &date))
    return g_strdup (_("Enter a real date as YYYY-MM-DD"));
  if (json_object_has_member (def, "min") &&
      strcmp (text, json_object_get_string_member (def, "min")) < 0)
    return g_strdup_printf (_("Not before %s"), json_object_get_string_member (def, "min"));
  if (json_object_has_member (def, "max") &&
      strcmp (text, json_object_get_string_member (def, "max")) > 0)
    return g_strdup_printf (_("Not after %s"), json_object_get_string_member (def, "max"));
  return NULL;
}

static gboolean
is_option (JsonArray  *options,
           const char *value)
{
  for (guint j = 0; value != NULL && j < json_array_get_length (options); j++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (options, j), "value"), value) == 0)
      return TRUE;
  return FALSE;
}

static char *
check_choice (YcFieldType  type,
              JsonObject  *def,
              JsonNode    *value)
{
  if (!is_option (json_object_get_array_member (def, "options"), node_string (value)))
    return g_strdup (_("Choose one of the options"));
  return NULL;
}

static char *
check_multi_choice (YcFieldType  type,
                    JsonObject  *def,
                    JsonNode    *value)
{
  JsonArray *options = json_object_get_array_member (def, "options");
  JsonArray *chosen;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return check_choice (type, def, value);
  chosen = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (chosen); i++)
    if (!is_option (options, node_string (json_array_get_element (chosen, i))))
      return g_strdup (_("Choose one of the options"));
  return NULL;
}

static char *
check_yes_no (YcFieldType  type,
              JsonObject  *def,
              JsonNode    *value)
{
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
    return g_strdup (_("Answer yes or no"));
  return NULL;
}

/* ID numbers, credit codes, phone numbers, postal and region codes */
static char *
check_coded (YcFieldType  type,
             JsonObject  *def,
             JsonNode    *value)
{
  g_autoptr(GError) error = NULL;
  const char *text = node_string (value);

  if (text == NULL || !yc_validate_field_value (type, text, NULL, &error))
    return g_strdup (error ? error->message : _("Enter text"));
  return NULL;
}

static char *
check_address (YcFieldType  type,
               JsonObject  *def,
               JsonNode    *value)
{
  g_autoptr(GError) error = NULL;
  JsonObject *address = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
  const char *region = yc_json_get_string (address, "region");
  const char *detail = yc_json_get_string (address, "detail");

  if (region == NULL || !yc_validate_region (region, &error))
    return g_strdup (error ? error->message : _("Choose the administrative region"));
  if (detail == NULL || detail[0] == '\0')
    return g_strdup (_("Enter the street and number"));
  return NULL;
}

/* The table as a whole; each row is checked by the form, whose rules
 * decide which of its cells are asked for. */
static char *
check_group (YcFieldType  type,
             JsonObject  *def,
             JsonNode    *value)
{
  gint64 min_rows = json_object_get_int_member_with_default (def, "min_rows", 0);
  gint64 max_rows = json_object_get_int_member_with_default (def, "max_rows", G_MAXINT);
  gint64 n_rows;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return g_strdup (_("Enter the rows of the table"));
  n_rows = json_array_get_length (json_node_get_array (value));
  if (n_rows < min_rows)
    return g_strdup_printf (_("At least %d rows"), (int) min_rows);
  if (n_rows > max_rows)
    return g_strdup_printf (_("At most %d rows"), (int) max_rows);
  return NULL;
}

static char *
check_attachment (YcFieldType  type,
                  JsonObject  *def,
                  JsonNode    *value)
{
  if (!yc_attachment_is_sha256 (node_string (value)))
    return g_strdup (_("Attach the scanned file"));
  return NULL;
}

#define ENTRY YC_FIELD_EDITOR_ENTRY
#define DIGITS YC_FIELD_HINT_DIGITS
#define PHONE YC_FIELD_HINT_PHONE

/* In the order of YcFieldType */
static const FieldType types[] = {
  { "text", parse_text, check_text, ENTRY, 0, NULL, 0, 12 },
  { "multiline", parse_text, check_text, YC_FIELD_EDITOR_MULTILINE, 0, NULL, 0, 12 },
  { "integer", parse_number, check_number, ENTRY, DIGITS, NULL, 0, 7 },
  { "decimal", parse_number, check_number, ENTRY, DIGITS, NULL, 0, 9 },
  { "money", parse_text, check_money, ENTRY, DIGITS, "0.00", 0, 9 },
  { "date", parse_text, check_date, ENTRY, 0, "YYYY-MM-DD", 0, 11 },
  { "choice", parse_text, check_choice, YC_FIELD_EDITOR_CHOICE, 0, NULL, 0, 12 },
  { "multi-choice", parse_json, check_multi_choice, YC_FIELD_EDITOR_MULTI_CHOICE, 0, NULL, 0, 12 },
  { "yes-no", parse_yes_no, check_yes_no, YC_FIELD_EDITOR_YES_NO, 0, NULL, 0, 12 },
  { "id-number", parse_upper_case, check_coded, ENTRY, 0, NULL, 0, 16 },
  { "credit-code", parse_upper_case, check_coded, ENTRY, 0, NULL, 0, 16 },
  { "mobile", parse_text, check_coded, ENTRY, PHONE, NULL, 0, 12 },
  { "landline", parse_text, check_coded, ENTRY, PHONE, NULL, 0, 12 },
  { "phone", parse_text, check_coded, ENTRY, PHONE, NULL, 0, 12 },
  { "postal-code", parse_text, check_coded, ENTRY, DIGITS, NULL, 6, 7 },
  { "region", parse_text, check_coded, ENTRY, DIGITS, N_("6-digit region code"), 6, 7 },
  { "address", parse_json, check_address, YC_FIELD_EDITOR_ADDRESS, 0, NULL, 0, 12 },
  { "group", parse_json, check_group, YC_FIELD_EDITOR_GROUP, 0, NULL, 0, 12 },
  { "attachment", parse_text, check_attachment, YC_FIELD_EDITOR_ATTACHMENT, 0, NULL, 0, 12 },
};

#undef ENTRY
#undef DIGITS
#undef PHONE

G_STATIC_ASSERT (G_N_ELEMENTS (types) == YC_FIELD_TYPE_UNKNOWN);

/**
 * yc_field_type_from_string:
 * @name: (nullable): a type as a catalog names it, such as "id-number"
 *
 * Returns: the type, or %YC_FIELD_TYPE_UNKNOWN
 */
YcFieldType
yc_field_type_from_string (const char *name)
{
  /* the type of every field of every form opened is looked up: the
   * first letter rules out most names without a call */
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (types); i++)
    if (name[0] == types[i].name[0] && strcmp (name, types[i].name) == 0)
      return i;
  return YC_FIELD_TYPE_UNKNOWN;
}

/* Returns: (nullable): the type's name in a catalog; %NULL for unknown */
const char *
yc_field_type_to_string (YcFieldType type)
{
  g_return_val_if_fail (type <= YC_FIELD_TYPE_UNKNOWN, NULL);
  return type < YC_FIELD_TYPE_UNKNOWN ? types[type].name : NULL;
}

YcFieldEditorKind
yc_field_type_get_editor (YcFieldType type)
{
  g_return_val_if_fail (type < YC_FIELD_TYPE_UNKNOWN, YC_FIELD_EDITOR_ENTRY);
  return types[type].editor;
}

YcFieldHints
yc_field_type_get_hints (YcFieldType type)
{
  g_return_val_if_fail (type < YC_FIELD_TYPE_UNKNOWN, YC_FIELD_HINT_NONE);
  return types[type].hints;
}

/* Returns: (nullable): what an empty entry shows, translated: the format
 *   the value is typed in, where the type has one */
const char *
yc_field_type_get_placeholder (YcFieldType type)
{
  g_return_val_if_fail (type < YC_FIELD_TYPE_UNKNOWN, NULL);
  return types[type].placeholder ? _(types[type].placeholder) : NULL;
}

/* Returns: how many characters an entry takes, 0 for no limit */
guint
yc_field_type_get_max_chars (YcFieldType type)
{
  g_return_val_if_fail (type < YC_FIELD_TYPE_UNKNOWN, 0);
  return types[type].max_chars;
}

/* Returns: how many average characters a value usually needs on screen */
guint
yc_field_type_get_width (YcFieldType type)
{
  g_return_val_if_fail (type < YC_FIELD_TYPE_UNKNOWN, 12);
  return types[type].width;
}

/**
 * yc_field_type_parse:
 * @text: the value as typed in the window or on a command line
 *
 * The one reading of typed text: surrounding white space goes, numbers
 * become numbers, codes are upper-cased, lists and objects are read as
 * JSON. Text that is no value of @type stays text, so that checking it
 * says what is wrong.
 *
 * Returns: (transfer full) (nullable): the value; %NULL when nothing but
 *   white space was typed
 */
JsonNode *
yc_field_type_parse (YcFieldType  type,
                     const char  *text)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (type < YC_FIELD_TYPE_UNKNOWN, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return NULL;
  return types[type].parse (stripped);
}

/**
 * yc_field_type_check:
 * @definition: the field's definition in the catalog, for its bounds and
 *   options
 * @value: a value that is not empty
 *
 * Checks what @type alone says about a value; the field's rules, and the
 * rows of a table, are the form's to check.
 *
 * Returns: (transfer full) (nullable): what is wrong, or %NULL
 */
char *
yc_field_type_check (YcFieldType  type,
                     JsonObject  *definition,
                     JsonNode    *value)
{
  g_return_val_if_fail (type < YC_FIELD_TYPE_UNKNOWN, NULL);
  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return types[type].check (type, definition, value);
}

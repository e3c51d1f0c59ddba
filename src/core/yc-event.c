/* yc-event.c: the events a case is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "yc-event.h"

/**
 * yc_delivery_label:
 *
 * Returns: how a result reaches the applicant ("window" or "post"), in
 *   words, translated
 */
const char *
yc_delivery_label (const char *delivery)
{
  if (g_strcmp0 (delivery, "window") == 0)
    return _("Collect at the window");
  /* the catalog's `delivery` says "mail" for what a result-ready says "post" */
  if (g_strcmp0 (delivery, "post") == 0 || g_strcmp0 (delivery, "mail") == 0)
    return _("By post");
  return delivery ? delivery : "";
}

char *
yc_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/**
 * yc_event_new:
 * @data: (transfer full) (nullable): what happened
 *
 * Returns: (transfer full): a new event with a fresh UUID, stamped now
 */
JsonObject *
yc_event_new (const char *case_id,
              const char *type,
              const char *actor,
              const char *station,
              JsonObject *data)
{
  JsonObject *event = json_object_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (case_id != NULL, event);
  g_return_val_if_fail (type != NULL, event);

  json_object_set_string_member (event, "uuid", uuid);
  json_object_set_string_member (event, "case", case_id);
  json_object_set_string_member (event, "type", type);
  json_object_set_string_member (event, "at", at);
  json_object_set_string_member (event, "actor", actor ? actor : "");
  json_object_set_string_member (event, "station", station ? station : "");
  json_object_set_object_member (event, "data", data ? data : json_object_new ());

  return event;
}

char *
yc_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

char *
yc_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return yc_json_to_string (node);
}

/**
 * yc_json_from_string:
 *
 * Returns: (transfer full) (nullable): the parsed document
 */
JsonNode *
yc_json_from_string (const char  *text,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    return json_node_new (JSON_NODE_NULL);
  return json_node_ref (json_parser_get_root (parser));
}

/**
 * yc_json_get_string:
 *
 * Returns: (transfer none) (nullable): the member if it is a string
 */
const char *
yc_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/**
 * yc_json_get_string_element:
 *
 * Returns: (transfer none) (nullable): element @index of @array if it is a
 *   string; json_array_get_string_element () complains of an object or a
 *   list, which a document from outside may well hold
 */
const char *
yc_json_get_string_element (JsonArray *array,
                            guint      index)
{
  JsonNode *node = array && index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/**
 * yc_json_get_object:
 *
 * Returns: (transfer none) (nullable): the member if it is an object
 */
JsonObject *
yc_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * yc_json_get_array:
 *
 * Returns: (transfer none) (nullable): the member if it is an array
 */
JsonArray *
yc_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * yc_json_precheck:
 *
 * json-glib 1.6 recurses once per nesting level with no limit of its own (a
 * few hundred thousand "[" overflow the stack), and it accepts, and leaks,
 * a second value after the first. Anything that comes from outside, which
 * is always an object or a list, is measured with this before it is parsed.
 *
 * Returns: (nullable): what is wrong with the document's shape, or %NULL
 */
const char *
yc_json_precheck (const char *text,
                  gsize       length)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean closed = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          /* most of a catalog is long Chinese text: find its end with
           * memchr, then look for an escape only inside it */
          const char *quote = memchr (text + i, '"', length - i);
          const char *escape;

          if (quote == NULL)
            break;
          escape = memchr (text + i, '\\', quote - (text + i));
          if (escape != NULL)
            i = escape - text + 1;
          else
            {
              i = quote - text;
              in_string = FALSE;
            }
          continue;
        }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        continue;
      if (closed)
        return _("there is more after the end of the document");
      /* json-glib takes comments and single quotes, which are not JSON and
       * would hide brackets from this count */
      if (c == '/' || c == '\'' || c == '#')
        return _("the document is not JSON");
      /* everything outside is an object or a list; a bare value first would
       * let a second document slip past the count below */
      if (depth == 0 && c != '[' && c != '{')
        return _("the document is not a JSON object or list");
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > YC_JSON_MAX_DEPTH)
            return _("the document nests too deep");
        }
      else if ((c == ']' || c == '}') && depth > 0)
        closed = --depth == 0;
    }
  return NULL;
}

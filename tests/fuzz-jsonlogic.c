/* fuzz-jsonlogic.c: the JsonLogic evaluator on any rule and data
 *
 * Rules arrive with the catalog over the network and data is whatever was
 * typed at the desk: evaluating, checking and scanning a rule must end in
 * a value or an error, never a crash, a hang or a leak. The input is a JSON
 * array [rule, data], or else a rule alone; like every document from
 * outside, it is an object or a list.
 *
 * Run with G_SLICE=always-malloc, or GLib 2.74's slice allocator hides
 * leaks from LeakSanitizer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "yc-event.h"
#include "yc-jsonlogic.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* What comes out is JSON: no NaN or infinity, which JSON cannot hold */
static void
assert_json (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        g_assert (isfinite (json_node_get_double (node)));
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_assert (g_utf8_validate (json_node_get_string (node), -1, NULL));
      else
        g_assert (json_node_get_value_type (node) == G_TYPE_INT64 ||
                  json_node_get_value_type (node) == G_TYPE_BOOLEAN);
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          assert_json (json_array_get_element (array, i));
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_assert (g_utf8_validate (name, -1, NULL));
            assert_json (member);
          }
      }
      break;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GPtrArray) names = NULL;
  JsonNode *root;
  JsonNode *rule;
  JsonNode *input = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* what json-glib 1.6 cannot take is never parsed, here as in the
   * program */
  if (size > 1 << 16 || yc_json_precheck ((const char *) data, size) != NULL)
    return 0;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;
  rule = root;
  if (JSON_NODE_HOLDS_ARRAY (root) && json_array_get_length (json_node_get_array (root)) == 2)
    {
      rule = json_array_get_element (json_node_get_array (root), 0);
      input = json_array_get_element (json_node_get_array (root), 1);
    }

  result = yc_json_logic_apply (rule, input, &error);
  g_assert ((result == NULL) != (error == NULL));
  if (error != NULL)
    g_assert (error->domain == YC_JSON_LOGIC_ERROR && g_utf8_validate (error->message, -1, NULL));
  else
    {
      g_autofree char *text = json_to_string (result, FALSE);

      /* no round trip through text: json-glib 1.6 writes 1e21 as "1e+21.0" */
      g_assert (text != NULL);
      assert_json (result);
      yc_json_logic_truthy (result);
    }
  g_clear_error (&error);

  if (!yc_json_logic_check (rule, &error))
    g_assert (error->domain == YC_JSON_LOGIC_ERROR && g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  names = g_ptr_array_new_with_free_func (g_free);
  yc_json_logic_collect_vars (rule, names);
  for (guint i = 0; i < names->len; i++)
    g_assert (g_utf8_validate (g_ptr_array_index (names, i), -1, NULL));
  return 0;
}

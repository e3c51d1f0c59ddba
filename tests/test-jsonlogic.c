/* test-jsonlogic.c: JsonLogic's published test suite, and what we add to it
 *
 * The suite (jsonlogic.com/tests.json) lives in the shared folder beside
 * the checkout and is read in place. Without it this test fails: passing
 * without having run the suite would hide that the evaluator went untested.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "yc-jsonlogic.h"

#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

#define SUITE_CASES 278

typedef struct
{
  char      *name;
  GPtrArray *cases;     /* JsonNode *, each [rule, data, expected] */
} Group;

static char      *suite_path;
static GError    *suite_error;
static JsonNode  *suite_root;
static GPtrArray *suite_groups;
static guint      suite_cases;

/* Helpers */

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
print (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("(nothing)");
}

/* Deep equality where 1 and 1.0 are the same number */
static gboolean
json_equal (JsonNode *a,
            JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
      {
        GType ta = json_node_get_value_type (a);
        GType tb = json_node_get_value_type (b);
        gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
        gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

        if (na && nb)
          return json_node_get_double (a) == json_node_get_double (b);
        if (ta != tb)
          return FALSE;
        if (ta == G_TYPE_STRING)
          return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
        if (ta == G_TYPE_BOOLEAN)
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        return FALSE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a);
        JsonArray *ab = json_node_get_array (b);

        if (json_array_get_length (aa) != json_array_get_length (ab))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (aa); i++)
          if (!json_equal (json_array_get_element (aa, i), json_array_get_element (ab, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a);
        JsonObject *ob = json_node_get_object (b);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;
        json_object_iter_init (&iter, oa);
        while (json_object_iter_next (&iter, &name, &member))
          if (!json_object_has_member (ob, name) ||
              !json_equal (member, json_object_get_member (ob, name)))
            return FALSE;
        return TRUE;
      }
    }
  return FALSE;
}

static JsonNode *
apply (const char  *rule_json,
       const char  *data_json,
       GError     **error)
{
  g_autoptr(JsonNode) rule = parse (rule_json);
  g_autoptr(JsonNode) data = data_json != NULL ? parse (data_json) : NULL;

  return yc_json_logic_apply (rule, data, error);
}

#define assert_result(rule, data, expected) assert_result_at (__FILE__, __LINE__, rule, data, expected)

static void
assert_result_at (const char *file,
                  int         line,
                  const char *rule_json,
                  const char *data_json,
                  const char *expected_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = apply (rule_json, data_json, &error);
  g_autoptr(JsonNode) expected = parse (expected_json);

  if (error != NULL)
    g_error ("%s:%d: %s with data %s failed: %s", file, line, rule_json, data_json, error->message);
  if (!json_equal (result, expected))
    {
      g_autofree char *got = print (result);

      g_error ("%s:%d: %s with data %s gave %s, expected %s", file, line, rule_json, data_json, got, expected_json);
    }
}

#define assert_error(rule, data, code, part) assert_error_at (__FILE__, __LINE__, rule, data, code, part)

static void
assert_error_at (const char       *file,
                 int               line,
                 const char       *rule_json,
                 const char       *data_json,
                 YcJsonLogicError  code,
                 const char       *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = apply (rule_json, data_json, &error);

  if (result != NULL)
    {
      g_autofree char *got = print (result);

      g_error ("%s:%d: %s gave %s, expected an error", file, line, rule_json, got);
    }
  g_assert_error (error, YC_JSON_LOGIC_ERROR, (int) code);
  if (part != NULL && strstr (error->message, part) == NULL)
    g_error ("%s:%d: '%s' does not mention '%s'", file, line, error->message, part);
}

/* The published suite */

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->name);
  g_ptr_array_unref (group->cases);
  g_free (group);
}

static void
load_suite (void)
{
  const char *shared = g_getenv ("YC_SHARED_DIR");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items;
  Group *group = NULL;

  if (shared != NULL)
    suite_path = g_build_filename (shared, "jsonlogic", "tests.json", NULL);
  else
    suite_path = g_strdup (TEST_SRCDIR "/../../shared/jsonlogic/tests.json");
  suite_groups = g_ptr_array_new_with_free_func (group_free);

  if (!json_parser_load_from_file (parser, suite_path, &suite_error))
    return;
  suite_root = json_parser_steal_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (suite_root))
    {
      g_set_error (&suite_error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "not a JSON array");
      return;
    }

  items = json_node_get_array (suite_root);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        {
          group = g_new0 (Group, 1);
          group->name = g_strdup (json_node_get_string (item));
          group->cases = g_ptr_array_new ();
          g_ptr_array_add (suite_groups, group);
        }
      else if (JSON_NODE_HOLDS_ARRAY (item) && json_array_get_length (json_node_get_array (item)) == 3)
        {
          if (group == NULL)
            {
              group = g_new0 (Group, 1);
              group->name = g_strdup ("(before any name)");
              group->cases = g_ptr_array_new ();
              g_ptr_array_add (suite_groups, group);
            }
          g_ptr_array_add (group->cases, item);
          suite_cases++;
        }
      else
        {
          g_autofree char *text = print (item);

          g_set_error (&suite_error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "item %u is neither a group name nor a case: %s", i, text);
          return;
        }
    }
}

static void
test_suite_present (void)
{
  if (suite_error != NULL)
    {
      g_test_fail_printf ("JsonLogic's test suite could not be read from %s: %s. "
                          "Set YC_SHARED_DIR to the shared folder that holds jsonlogic/tests.json.",
                          suite_path, suite_error->message);
      return;
    }
  g_assert_cmpuint (suite_cases, ==, SUITE_CASES);
}

static void
test_suite_group (gconstpointer user_data)
{
  const Group *group = user_data;
  guint failed = 0;

  for (guint i = 0; i < group->cases->len; i++)
    {
      JsonArray *c = json_node_get_array (g_ptr_array_index (group->cases, i));
      JsonNode *rule = json_array_get_element (c, 0);
      JsonNode *data = json_array_get_element (c, 1);
      JsonNode *expected = json_array_get_element (c, 2);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = yc_json_logic_apply (rule, data, &error);
      g_autofree char *rule_text = print (rule);
      g_autofree char *data_text = print (data);
      g_autofree char *expected_text = print (expected);

      if (error != NULL)
        {
          g_test_message ("'%s': %s with data %s failed: %s",
                          group->name, rule_text, data_text, error->message);
          failed++;
        }
      else if (!json_equal (result, expected))
        {
          g_autofree char *got = print (result);

          g_test_message ("'%s': %s with data %s gave %s, expected %s",
                          group->name, rule_text, data_text, got, expected_text);
          failed++;
        }
    }

  if (failed > 0)
    g_test_fail_printf ("%u of %u cases in '%s' failed", failed, group->cases->len, group->name);
}

/* Every rule of the suite is one the catalog linter must accept */
static void
test_check_suite (void)
{
  if (suite_error != NULL)
    {
      g_test_skip ("no suite; /jsonlogic/suite/present fails for it");
      return;
    }
  for (guint g = 0; g < suite_groups->len; g++)
    {
      Group *group = g_ptr_array_index (suite_groups, g);

      for (guint i = 0; i < group->cases->len; i++)
        {
          JsonArray *c = json_node_get_array (g_ptr_array_index (group->cases, i));
          g_autoptr(GError) error = NULL;

          if (!yc_json_logic_check (json_array_get_element (c, 0), &error))
            {
              g_autofree char *rule_text = print (json_array_get_element (c, 0));

              g_error ("'%s': %s does not pass the check: %s", group->name, rule_text, error->message);
            }
        }
    }
}

/* JavaScript's coercions beyond what the suite covers */

static void
test_coercions (void)
{
  assert_result ("{\"==\": [null, 0]}", NULL, "false");
  assert_result ("{\"==\": [null, {\"var\": \"nothing\"}]}", "{}", "true");
  assert_result ("{\"==\": [[1], 1]}", NULL, "true");
  assert_result ("{\"==\": [[1, 2], \"1,2\"]}", NULL, "true");
  assert_result ("{\"==\": [true, \"1\"]}", NULL, "true");
  assert_result ("{\"==\": [\"\", 0]}", NULL, "true");
  assert_result ("{\"==\": [\" 0x10 \", 16]}", NULL, "true");
  assert_result ("{\"===\": [[1], [1]]}", NULL, "false");
  assert_result ("{\"===\": [{\"var\": \"o\"}, {\"var\": \"o\"}]}", "{\"o\": {\"a\": 1}}", "true");
  assert_result ("{\"<\": [\"a\", \"b\"]}", NULL, "true");
  assert_result ("{\"<\": [\"10\", \"9\"]}", NULL, "true");
  assert_result ("{\"<\": [\"10\", 9]}", NULL, "false");
  assert_result ("{\">\": [1, null]}", NULL, "true");
  assert_result ("{\"<\": [\"a\", 1]}", NULL, "false");
  assert_result ("{\">=\": [\"a\", 1]}", NULL, "false");
  assert_result ("{\"<=\": [[2], \"2\"]}", NULL, "true");

  assert_result ("{\"+\": [\"3px\", 1]}", NULL, "4");
  assert_result ("{\"+\": []}", NULL, "0");
  assert_result ("{\"-\": [\"3px\", 1]}", NULL, "null");
  assert_result ("{\"-\": [\"\", 1]}", NULL, "-1");
  assert_result ("{\"/\": [1, 0]}", NULL, "null");
  assert_result ("{\"%\": [-7, 3]}", NULL, "-1");
  assert_result ("{\"*\": [\"2\"]}", NULL, "\"2\"");
  assert_result ("{\"*\": [\"2\", \"3\"]}", NULL, "6");
  assert_result ("{\"max\": []}", NULL, "null");
  assert_result ("{\"min\": [3, \"1\", [2]]}", NULL, "1");
  assert_result ("{\"max\": [3, \"x\"]}", NULL, "null");

  assert_result ("{\"cat\": [1.5, \" \", 0.1, \" \", 1e21, \" \", 1e-7, \" \", 0.000001, \" \", 123e-20]}", NULL,
                 "\"1.5 0.1 1e+21 1e-7 0.000001 1.23e-18\"");
  assert_result ("{\"cat\": [null, [1, [2, null]], true, {\"var\": \"d\"}]}", "{\"d\": 2.0}", "\"1,2,true2\"");
  assert_result ("{\"cat\": [{\"/\": [1, 3]}, \" \", {\"-\": [0.3, 0.1]}]}", NULL,
                 "\"0.3333333333333333 0.19999999999999998\"");
  assert_result ("{\"cat\": [{\"var\": \"o\"}]}", "{\"o\": {}}", "\"[object Object]\"");

  assert_result ("{\"substr\": [\"中文字符串\", 1, 2]}", NULL, "\"文字\"");
  assert_result ("{\"substr\": [\"中文字符串\", -2]}", NULL, "\"符串\"");
  assert_result ("{\"substr\": [\"jsonlogic\", 1, -5.5]}", NULL, "\"so\"");
  assert_result ("{\"substr\": [\"jsonlogic\", 1, \"-2\"]}", NULL, "\"\"");
  assert_result ("{\"substr\": [\"jsonlogic\", 1, null]}", NULL, "\"\"");
  assert_result ("{\"substr\": [12345, 1, 2]}", NULL, "\"23\"");

  assert_result ("{\"in\": [\"文\", \"中文\"]}", NULL, "true");
  assert_result ("{\"in\": [1, \"a1\"]}", NULL, "true");
  assert_result ("{\"in\": [\"a\", null]}", NULL, "false");
  assert_result ("{\"in\": [[1], [[1]]]}", NULL, "false");
  assert_result ("{\"in\": [1, [\"1\"]]}", NULL, "false");

  assert_result ("{\"var\": \"s.1\"}", "{\"s\": \"中文\"}", "\"文\"");
  assert_result ("{\"var\": \"a.length\"}", "{\"a\": [1, 2, 3]}", "3");
  assert_result ("{\"var\": \"a.01\"}", "{\"a\": [1, 2, 3]}", "null");
  assert_result ("{\"var\": [\"a.b\", 5]}", "{\"a\": {\"b\": null}}", "null");
  assert_result ("{\"var\": [\"a.b.c\", 5]}", "{\"a\": {\"b\": null}}", "5");
  assert_result ("{\"var\": [\"a\", 5]}", "{\"a\": 0}", "0");
  assert_result ("{\"var\": 1.5}", "[0, [1, 2, 3, 4, 5, 6]]", "6");

  assert_result ("{\"and\": []}", NULL, "null");
  assert_result ("{\"or\": [0, \"\"]}", NULL, "\"\"");
  assert_result ("{\"!\": []}", NULL, "true");
  assert_result ("{\"if\": [{\"and\": []}, 1, 2]}", NULL, "2");
  assert_result ("{\"!!\": [{}]}", NULL, "true");
  assert_result ("{\"log\": \"hi\"}", NULL, "\"hi\"");
  assert_result ("{\"a\": 1, \"b\": {\"var\": \"x\"}}", NULL, "{\"a\": 1, \"b\": {\"var\": \"x\"}}");
  assert_result ("{}", NULL, "{}");

  assert_result ("{\"missing\": [[[\"a\", 5]]]}", NULL, "[]");
  assert_result ("{\"missing\": [\"a\", \"b\"]}", "{\"a\": \"\", \"b\": 0}", "[\"a\"]");
  assert_result ("{\"missing_some\": [1, \"a\"]}", "{}", "[\"a\"]");
  assert_result ("{\"reduce\": [[1], {\"var\": [\"accumulator\", 7]}, {\"and\": []}]}", NULL, "7");
  assert_result ("{\"reduce\": [[1, 2]]}", NULL, "null");
  assert_result ("{\"map\": [{\"var\": \"x\"}, 1]}", "{\"x\": 3}", "[]");
  assert_result ("{\"map\": [[1, 2], {\"and\": []}]}", NULL, "[null, null]");
  assert_result ("{\"filter\": [[0, 1, [], [0], \"\", \"0\"], {\"var\": \"\"}]}", NULL, "[1, [0], \"0\"]");
  assert_result ("{\"merge\": [[1], {\"and\": []}, [[2]]]}", NULL, "[1, null, [2]]");
}

/* Numbers computed from integers stay integers when whole */
static void
test_number_types (void)
{
  struct {
    const char *rule;
    GType       type;
  } cases[] = {
    { "{\"+\": [1, 2]}", G_TYPE_INT64 },
    { "{\"*\": [2, 3, 4]}", G_TYPE_INT64 },
    { "{\"/\": [4, 2]}", G_TYPE_INT64 },
    { "{\"/\": [1, 2]}", G_TYPE_DOUBLE },
    { "{\"+\": [\"1\", 2]}", G_TYPE_DOUBLE },
    { "{\"*\": [1.5, 2]}", G_TYPE_DOUBLE },
    { "{\"-\": [0]}", G_TYPE_DOUBLE },
    { "{\"max\": [1, 7]}", G_TYPE_INT64 },
    { "{\"var\": \"n\"}", G_TYPE_INT64 },
    { "{\"var\": \"d\"}", G_TYPE_DOUBLE },
    { "{\"age\": [\"2000-01-01\", \"2020-01-01\"]}", G_TYPE_INT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = apply (cases[i].rule, "{\"n\": 5, \"d\": 5.0}", &error);

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_VALUE (result));
      if (json_node_get_value_type (result) != cases[i].type)
        g_error ("%s gave a %s", cases[i].rule, g_type_name (json_node_get_value_type (result)));
    }
}

/* The caller owns the result: changing it must not change data */
static void
test_result_is_own (void)
{
  g_autoptr(JsonNode) rule = parse ("{\"var\": \"a\"}");
  g_autoptr(JsonNode) data = parse ("{\"a\": {\"b\": [1, \"x\"]}}");
  g_autoptr(JsonNode) result = yc_json_logic_apply (rule, data, NULL);
  g_autofree char *after = NULL;
  JsonArray *b;

  g_assert_nonnull (result);
  b = json_object_get_array_member (json_node_get_object (result), "b");
  json_node_set_string (json_array_get_element (b, 1), "changed");
  json_array_add_int_element (b, 2);
  json_object_set_int_member (json_node_get_object (result), "c", 3);
  after = json_to_string (data, FALSE);
  g_assert_cmpstr (after, ==, "{\"a\":{\"b\":[1,\"x\"]}}");
}

/* Data built in code may hold broken UTF-8; what comes out is valid */
static void
test_broken_utf8 (void)
{
  const char *rules[] = {
    "{\"var\": \"s\"}",
    "{\"var\": \"s.2\"}",
    "{\"var\": \"s.length\"}",
    "{\"substr\": [{\"var\": \"s\"}, 1, 2]}",
    "{\"cat\": [{\"var\": \"s\"}, \"!\"]}",
    "{\"in\": [\"b\", {\"var\": \"s\"}]}",
    "{\"<\": [{\"var\": \"s\"}, \"b\"]}",
    "{\"+\": [{\"var\": \"s\"}]}",
  };
  g_autoptr(JsonNode) data = parse ("{}");

  json_object_set_string_member (json_node_get_object (data), "s", "a\xff\xe4\xb8" "b\xf0");
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(JsonNode) rule = parse (rules[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = yc_json_logic_apply (rule, data, &error);

      g_assert_no_error (error);
      if (JSON_NODE_HOLDS_VALUE (result) && json_node_get_value_type (result) == G_TYPE_STRING)
        g_assert_true (g_utf8_validate (json_node_get_string (result), -1, NULL));
    }
}

static void
test_truthy (void)
{
  g_autoptr(JsonNode) nan = json_node_init_double (json_node_alloc (), NAN);
  const char *falsy[] = { "null", "false", "0", "0.0", "\"\"", "[]" };
  const char *truthy[] = { "true", "1", "-0.5", "\"0\"", "\" \"", "[0]", "{}" };

  g_assert_false (yc_json_logic_truthy (NULL));
  g_assert_false (yc_json_logic_truthy (nan));
  for (guint i = 0; i < G_N_ELEMENTS (falsy); i++)
    {
      g_autoptr(JsonNode) value = parse (falsy[i]);

      if (yc_json_logic_truthy (value))
        g_error ("%s is truthy", falsy[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (truthy); i++)
    {
      g_autoptr(JsonNode) value = parse (truthy[i]);

      if (!yc_json_logic_truthy (value))
        g_error ("%s is falsy", truthy[i]);
    }
}

/* Project operators */

static void
test_id_birth (void)
{
  assert_result ("{\"id_birth\": \"11010519491231002X\"}", NULL, "\"1949-12-31\"");
  assert_result ("{\"id_birth\": [\"11010519491231002x\"]}", NULL, "\"1949-12-31\"");
  assert_result ("{\"id_birth\": {\"var\": \"id\"}}", "{\"id\": \"370112200002290014\"}", "\"2000-02-29\"");
  assert_result ("{\"id_birth\": \"370112190002290014\"}", NULL, "null");
  assert_result ("{\"id_birth\": \"110105194902300021\"}", NULL, "null");
  assert_result ("{\"id_birth\": \"110105194913010021\"}", NULL, "null");
  assert_result ("{\"id_birth\": \"11010519491231002\"}", NULL, "null");
  assert_result ("{\"id_birth\": \"11010519491231002X1\"}", NULL, "null");
  assert_result ("{\"id_birth\": \"1101051949 231002X\"}", NULL, "null");
  assert_result ("{\"id_birth\": 110105194912310021}", NULL, "null");
  assert_result ("{\"id_birth\": []}", NULL, "null");
}

static void
test_id_sex (void)
{
  assert_result ("{\"id_sex\": \"11010519491231002X\"}", NULL, "\"F\"");
  assert_result ("{\"id_sex\": \"110105194912310031\"}", NULL, "\"M\"");
  assert_result ("{\"id_sex\": \"1101051949123100X1\"}", NULL, "null");
  assert_result ("{\"id_sex\": \"11010519491231003\"}", NULL, "null");
  assert_result ("{\"id_sex\": null}", NULL, "null");
}

static void
test_age (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_rule = NULL;
  g_autofree char *expected = NULL;

  assert_result ("{\"age\": [\"1949-12-31\", \"2026-11-23\"]}", NULL, "76");
  assert_result ("{\"age\": [\"2000-05-01\", \"2018-05-01\"]}", NULL, "18");
  assert_result ("{\"age\": [\"2000-05-01\", \"2018-04-30\"]}", NULL, "17");
  assert_result ("{\"age\": [\"2000-02-29\", \"2001-02-28\"]}", NULL, "0");
  assert_result ("{\"age\": [\"2000-02-29\", \"2001-03-01\"]}", NULL, "1");
  assert_result ("{\"age\": [\"2000-02-29\", \"2004-02-29\"]}", NULL, "4");
  assert_result ("{\"age\": [\"2000-05-01\", \"2000-05-01\"]}", NULL, "0");
  assert_result ("{\"age\": [\"2000-05-01\", \"2000-04-30\"]}", NULL, "null");
  assert_result ("{\"age\": [\"2001-02-29\", \"2010-01-01\"]}", NULL, "null");
  assert_result ("{\"age\": [\"2000-1-1\", \"2010-01-01\"]}", NULL, "null");
  assert_result ("{\"age\": [\"2000-01-01\", null]}", NULL, "null");
  assert_result ("{\"age\": [20000101, \"2010-01-01\"]}", NULL, "null");
  assert_result ("{\"age\": [{\"id_birth\": {\"var\": \"id\"}}, \"2026-11-23\"]}",
                 "{\"id\": \"11010519491231002X\"}", "76");

  /* today, as the form computes it */
  today_rule = g_strdup_printf ("{\"age\": \"%04d-%02d-%02d\"}",
                                g_date_time_get_year (now) - 30,
                                g_date_time_get_month (now),
                                MIN (g_date_time_get_day_of_month (now), 28));
  assert_result (today_rule, NULL, "30");
  expected = g_strdup_printf ("%d", g_date_time_get_year (now) - 1949 - 1 +
                                      (g_date_time_get_month (now) == 12 && g_date_time_get_day_of_month (now) == 31));
  assert_result ("{\"age\": \"1949-12-31\"}", NULL, expected);
}

/* Errors */

static char *
nested (const char *open,
        const char *inner,
        const char *close,
        guint       depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
test_errors (void)
{
  g_autofree char *deep_logic = nested ("{\"!\": ", "true", "}", YC_JSON_LOGIC_MAX_DEPTH + 10);
  g_autofree char *deep_array = nested ("[", "1", "]", YC_JSON_LOGIC_MAX_DEPTH + 10);
  g_autofree char *fine_logic = nested ("{\"!\": ", "true", "}", YC_JSON_LOGIC_MAX_DEPTH - 10);
  g_autoptr(GString) many = g_string_new ("[1");
  g_autofree char *many_data = NULL;
  g_autofree char *nested_maps = NULL;
  g_autoptr(JsonNode) rule = parse ("{\"frobnicate\": 1}");

  assert_error ("{\"frobnicate\": [1, 2]}", NULL, YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR, "frobnicate");
  assert_error ("{\"and\": [true, {\"if\": [true, {\"tostring\": 1}]}]}", NULL,
                YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR, "tostring");
  assert_error ("[1, {\"var.length\": \"x\"}]", NULL, YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR, "var.length");
  assert_error ("{\"map\": [[1], {\"nope\": 1}]}", NULL, YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR, "nope");
  /* not reached, so not an error, as in json-logic-js */
  assert_result ("{\"if\": [false, {\"nope\": 1}, 2]}", NULL, "2");
  assert_result ("{\"map\": [[], {\"nope\": 1}]}", NULL, "[]");

  assert_error (deep_logic, NULL, YC_JSON_LOGIC_ERROR_TOO_DEEP, NULL);
  assert_error (deep_array, NULL, YC_JSON_LOGIC_ERROR_TOO_DEEP, NULL);
  assert_result (fine_logic, NULL, "true");

  assert_error ("{\"*\": []}", NULL, YC_JSON_LOGIC_ERROR_INVALID, "*");
  assert_error ("{\"missing_some\": [1]}", NULL, YC_JSON_LOGIC_ERROR_INVALID, "missing_some");

  /* doubling on every round */
  for (guint i = 0; i < 60; i++)
    g_string_append (many, ", 1");
  g_string_append (many, "]");
  many_data = g_strdup_printf ("{\"n\": %s}", many->str);
  assert_error ("{\"reduce\": [{\"var\": \"n\"}, {\"merge\": [{\"var\": \"accumulator\"}, {\"var\": \"accumulator\"}]}, [1]]}",
                many_data, YC_JSON_LOGIC_ERROR_TOO_COSTLY, NULL);
  assert_error ("{\"reduce\": [{\"var\": \"n\"}, {\"cat\": [{\"var\": \"accumulator\"}, {\"var\": \"accumulator\"}]}, \"x\"]}",
                many_data, YC_JSON_LOGIC_ERROR_TOO_COSTLY, NULL);
  /* 40⁴ evaluations */
  g_string_truncate (many, 0);
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (many, "%s%u", i == 0 ? "[" : ", ", i);
  g_string_append (many, "]");
  nested_maps = g_strdup_printf ("{\"map\": [%1$s, {\"map\": [%1$s, {\"map\": [%1$s, {\"map\": [%1$s, 1]}]}]}]}",
                                 many->str);
  assert_error (nested_maps, NULL, YC_JSON_LOGIC_ERROR_TOO_COSTLY, NULL);

  /* nesting one level deeper on every round */
  g_string_truncate (many, 0);
  g_string_append (many, "{\"n\": [1");
  for (guint i = 0; i < YC_JSON_LOGIC_MAX_VALUE_DEPTH + 10; i++)
    g_string_append (many, ", 1");
  g_string_append (many, "]}");
  assert_error ("{\"reduce\": [{\"var\": \"n\"}, [{\"var\": \"accumulator\"}], null]}", many->str,
                YC_JSON_LOGIC_ERROR_TOO_DEEP, NULL);
  assert_error ("{\"reduce\": [{\"var\": \"n\"}, {\"var\": \"\"}, null]}", many->str,
                YC_JSON_LOGIC_ERROR_TOO_DEEP, NULL);

  /* no error location is fine */
  g_assert_null (yc_json_logic_apply (rule, NULL, NULL));
}

/* yc_json_logic_check */

#define assert_check_fails(rule, code, part) assert_check_fails_at (__FILE__, __LINE__, rule, code, part)

static void
assert_check_fails_at (const char       *file,
                       int               line,
                       const char       *rule_json,
                       YcJsonLogicError  code,
                       const char       *part)
{
  g_autoptr(JsonNode) rule = parse (rule_json);
  g_autoptr(GError) error = NULL;

  if (yc_json_logic_check (rule, &error))
    g_error ("%s:%d: %s passes the check", file, line, rule_json);
  g_assert_error (error, YC_JSON_LOGIC_ERROR, (int) code);
  if (part != NULL && strstr (error->message, part) == NULL)
    g_error ("%s:%d: '%s' does not mention '%s'", file, line, error->message, part);
}

static void
test_check (void)
{
  const char *fine[] = {
    "true",
    "{\"a\": 1, \"b\": {\"nope\": 2}}",
    "{\"id_birth\": {\"var\": \"applicant_id\"}}",
    "{\"age\": [{\"id_birth\": {\"var\": \"id\"}}]}",
    "{\"age\": [\"2000-01-01\", \"2020-01-01\"]}",
    "{\"==\": [{\"id_sex\": {\"var\": \"id\"}}, \"F\"]}",
    "{\"var\": []}",
    "{\"if\": []}",
    "{\"reduce\": [{\"var\": \"x\"}, {\"+\": [{\"var\": \"current\"}, {\"var\": \"accumulator\"}]}]}",
  };
  g_autofree char *deep = nested ("[", "1", "]", YC_JSON_LOGIC_MAX_DEPTH + 10);

  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr(JsonNode) rule = parse (fine[i]);
      g_autoptr(GError) error = NULL;

      if (!yc_json_logic_check (rule, &error))
        g_error ("%s fails the check: %s", fine[i], error->message);
    }

  assert_check_fails ("{\"frobnicate\": 1}", YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR, "frobnicate");
  assert_check_fails ("{\"and\": [true, {\"map\": [[1], {\"nope\": 1}]}]}", YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR, "nope");
  assert_check_fails ("[1, [2, {\"Var\": \"x\"}]]", YC_JSON_LOGIC_ERROR_UNKNOWN_OPERATOR, "Var");
  assert_check_fails ("{\"==\": [1]}", YC_JSON_LOGIC_ERROR_INVALID, "==");
  assert_check_fails ("{\"==\": [1, 2, 3]}", YC_JSON_LOGIC_ERROR_INVALID, "==");
  assert_check_fails ("{\"!\": [1, 2]}", YC_JSON_LOGIC_ERROR_INVALID, "!");
  assert_check_fails ("{\"?:\": [true, 1]}", YC_JSON_LOGIC_ERROR_INVALID, "?:");
  assert_check_fails ("{\"substr\": \"abc\"}", YC_JSON_LOGIC_ERROR_INVALID, "substr");
  assert_check_fails ("{\"*\": []}", YC_JSON_LOGIC_ERROR_INVALID, "*");
  assert_check_fails ("{\"missing_some\": [1]}", YC_JSON_LOGIC_ERROR_INVALID, "missing_some");
  assert_check_fails ("{\"map\": [{\"var\": \"x\"}]}", YC_JSON_LOGIC_ERROR_INVALID, "map");
  assert_check_fails ("{\"id_birth\": [\"a\", \"b\"]}", YC_JSON_LOGIC_ERROR_INVALID, "id_birth");
  assert_check_fails ("{\"age\": [\"a\", \"b\", \"c\"]}", YC_JSON_LOGIC_ERROR_INVALID, "age");
  assert_check_fails ("{\"if\": [{\"var\": [\"a\", 1, 2]}, 1]}", YC_JSON_LOGIC_ERROR_INVALID, "var");
  assert_check_fails (deep, YC_JSON_LOGIC_ERROR_TOO_DEEP, NULL);
}

/* yc_json_logic_collect_vars */

static gboolean
has (GPtrArray  *names,
     const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

static void
test_collect_vars (void)
{
  g_autoptr(JsonNode) rule = parse ("{\"and\": ["
                                    "  {\"==\": [{\"var\": \"answers.who\"}, \"agent\"]},"
                                    "  {\"var\": \"answers.who\"},"
                                    "  {\"missing\": [\"c\", \"d.e\"]},"
                                    "  {\"missing_some\": [1, [\"f\", \"g\"]]},"
                                    "  {\"map\": [{\"var\": \"items\"}, {\"var\": \"qty\"}]},"
                                    "  {\"reduce\": [{\"var\": \"rows\"}, {\"var\": \"current\"}, {\"var\": \"start\"}]},"
                                    "  {\"var\": [\"h\", {\"var\": \"fallback\"}]},"
                                    "  {\"var\": [{\"cat\": [\"x\", {\"var\": \"suffix\"}]}]},"
                                    "  {\"var\": 1},"
                                    "  {\"age\": {\"id_birth\": {\"var\": \"id\"}}},"
                                    "  [{\"var\": \"in_array\"}]"
                                    "]}");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *expected[] = {
    "answers.who", "answers", "c", "d.e", "d", "f", "g", "items", "rows", "start",
    "h", "fallback", "suffix", "1", "id", "in_array",
  };

  g_ptr_array_add (names, g_strdup ("already"));
  yc_json_logic_collect_vars (rule, names);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!has (names, expected[i]))
      g_error ("'%s' was not collected", expected[i]);
  g_assert_true (has (names, "already"));
  g_assert_false (has (names, "qty"));
  g_assert_false (has (names, "current"));
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (expected) + 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  load_suite ();
  g_test_add_func ("/jsonlogic/suite/present", test_suite_present);
  for (guint i = 0; i < suite_groups->len; i++)
    {
      Group *group = g_ptr_array_index (suite_groups, i);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      if (group->cases->len == 0)
        continue;
      /* '#' would start a TAP directive and '/' a deeper test path */
      name = g_strdup (group->name + (g_str_has_prefix (group->name, "# ") ? 2 : 0));
      g_strdelimit (g_strstrip (name), "/#", '-');
      path = g_strdup_printf ("/jsonlogic/suite/%02u %s", i + 1, name);
      g_test_add_data_func (path, group, test_suite_group);
    }
  g_test_add_func ("/jsonlogic/check/suite", test_check_suite);
  g_test_add_func ("/jsonlogic/check/rules", test_check);
  g_test_add_func ("/jsonlogic/coercions", test_coercions);
  g_test_add_func ("/jsonlogic/number-types", test_number_types);
  g_test_add_func ("/jsonlogic/result-is-own", test_result_is_own);
  g_test_add_func ("/jsonlogic/broken-utf8", test_broken_utf8);
  g_test_add_func ("/jsonlogic/truthy", test_truthy);
  g_test_add_func ("/jsonlogic/ops/id_birth", test_id_birth);
  g_test_add_func ("/jsonlogic/ops/id_sex", test_id_sex);
  g_test_add_func ("/jsonlogic/ops/age", test_age);
  g_test_add_func ("/jsonlogic/errors", test_errors);
  g_test_add_func ("/jsonlogic/collect-vars", test_collect_vars);

  status = g_test_run ();

  g_ptr_array_unref (suite_groups);
  g_clear_pointer (&suite_root, json_node_unref);
  g_clear_error (&suite_error);
  g_free (suite_path);
  return status;
}

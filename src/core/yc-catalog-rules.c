/* yc-catalog-rules.c: what an item's rules read, checked against the item
 *
 * A JsonLogic rule that reads a question or a field the item does not
 * have (`answers.card_holdr`, `no_such_field`), or compares an answer
 * with a value that is none of its question's options, is valid
 * JsonLogic: it evaluates to null or false, and the form then quietly
 * picks the wrong situation or hides a field for good. The loader walks
 * every rule of an item for such names, and checks that a calculated
 * field reads only the fields before it, as the form computes them in
 * order (which also rules out calculations in a cycle).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "yc-catalog-private.h"
#include "yc-event.h"
#include "yc-field-type.h"
#include "yc-jsonlogic.h"

typedef struct
{
  YcCheck    *c;
  GHashTable *questions;  /* id -> JsonObject */
  GHashTable *fields;     /* key -> JsonObject, the fields the rule sees */
  gboolean    row;        /* a table's column: the rule sees its row */
  GHashTable *reported;   /* what was already said about this rule */
  /* where the rule is, written out only for a problem: most rules have
   * none, and a catalog has thousands of rules */
  const char *list;       /* "questions", "situations" or "fields" */
  guint       index;
  gint        column;     /* or -1 */
  gint        validation; /* or -1 */
  const char *member;
  char       *path;
  const char *own_question;  /* the question whose "when" this is */
} Scope;

static const char *
rule_path (Scope *s)
{
  GString *path;

  if (s->path != NULL)
    return s->path;
  path = g_string_new ("$.");
  g_string_append_printf (path, "%s[%u]", s->list, s->index);
  if (s->column >= 0)
    g_string_append_printf (path, ".fields[%d]", s->column);
  if (s->validation >= 0)
    g_string_append_printf (path, ".validate[%d]", s->validation);
  g_string_append_printf (path, ".%s", s->member);
  return s->path = g_string_free (path, FALSE);
}

static const char *
string_of (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* each problem once for a rule, however often it names the same thing */
static gboolean
first_time (Scope      *s,
            const char *what)
{
  return g_hash_table_add (s->reported, g_strdup (what));
}

/* The first @n bytes of @text as a string: in @buf if they fit, else
 * in *@copy, which the caller frees */
static const char *
cut (const char *text,
     gsize       n,
     char       *buf,
     gsize       size,
     char      **copy)
{
  if (n < size)
    {
      memcpy (buf, text, n);
      buf[n] = '\0';
      return buf;
    }
  return *copy = g_strndup (text, n);
}

/* A name as "var" and "missing" read it */
static void
check_name (Scope      *s,
            const char *name)
{
  /* every name every rule reads comes here: its parts are cut into
   * buffers on the stack, and only a name too long for them is copied */
  char first_buf[64], question_buf[64];
  g_autofree char *first_long = NULL, *question_long = NULL;
  const char *first;
  const char *dot;

  /* "" is the whole data; a number indexes a list */
  if (name == NULL || name[0] == '\0' || g_ascii_isdigit (name[0]))
    return;
  dot = strchr (name, '.');
  first = dot ? cut (name, dot - name, first_buf, sizeof first_buf, &first_long) : name;

  if (!s->row && g_str_equal (first, "answers"))
    {
      const char *question;
      const char *end;

      if (dot == NULL)
        return;
      end = strchr (dot + 1, '.');
      question = end ? cut (dot + 1, end - dot - 1, question_buf, sizeof question_buf, &question_long) : dot + 1;
      if (!g_hash_table_contains (s->questions, question) && first_time (s, name))
        yc_check_problem (s->c, rule_path (s), _("the rule reads “%s”, but the item has no question “%s”"), name, question);
      /* an answer that hides its own question is dropped, and the
       * question is asked again */
      else if (s->own_question != NULL && g_str_equal (question, s->own_question) && first_time (s, name))
        yc_check_problem (s->c, rule_path (s), _("whether the question “%s” is asked cannot depend on its own answer"),
                          question);
      return;
    }
  if (g_hash_table_contains (s->fields, first) || !first_time (s, name))
    return;
  if (s->row)
    yc_check_problem (s->c, rule_path (s), _("the rule reads “%s”, but the table has no column “%s”: "
                                       "a column’s rules see only its row"), name, first);
  else
    yc_check_problem (s->c, rule_path (s), _("the rule reads “%s”, but the item has no field “%s”"), name, first);
}

/* The options a name's value is one of, if it is a question's answer or
 * a choice field */
static JsonArray *
options_of (Scope      *s,
            const char *name,
            const char **what,
            const char **whose)
{
  JsonObject *def;
  YcFieldType type;

  if (!s->row && g_str_has_prefix (name, "answers.") && strchr (name + strlen ("answers."), '.') == NULL)
    {
      def = g_hash_table_lookup (s->questions, name + strlen ("answers."));
      *what = "question";
      *whose = name + strlen ("answers.");
      return def ? yc_json_get_array (def, "options") : NULL;
    }
  def = g_hash_table_lookup (s->fields, name);
  if (def == NULL)
    return NULL;
  type = yc_field_type_from_string (yc_json_get_string (def, "type"));
  if (type != YC_FIELD_TYPE_CHOICE && type != YC_FIELD_TYPE_MULTI_CHOICE)
    return NULL;
  *what = "field";
  *whose = name;
  return yc_json_get_array (def, "options");
}

/* The name a {"var": ...} reads, when it is written out */
static const char *
var_name (JsonNode *node)
{
  JsonNode *values = NULL;

  if (!yc_json_logic_is_operation (node) || g_strcmp0 (yc_json_logic_operation (node, &values), "var") != 0)
    return NULL;
  return string_of (yc_json_logic_arg (values, 0));
}

/* @literal compared with what @var reads: one of its options? */
static void
check_literal (Scope    *s,
               JsonNode *var,
               JsonNode *literal)
{
  const char *name = var_name (var);
  const char *what = NULL, *whose = NULL;
  g_autofree char *text = NULL;
  g_autofree char *said = NULL;
  JsonArray *options;

  if (name == NULL || literal == NULL || !JSON_NODE_HOLDS_VALUE (literal) || yc_json_logic_is_operation (literal))
    return;
  if (json_node_get_value_type (literal) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (literal));
  else if (json_node_get_value_type (literal) == G_TYPE_INT64)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (literal));
  else
    return;
  if ((options = options_of (s, name, &what, &whose)) == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonNode *option = json_array_get_element (options, i);

      if (JSON_NODE_HOLDS_OBJECT (option) &&
          g_strcmp0 (yc_json_get_string (json_node_get_object (option), "value"), text) == 0)
        return;
    }
  said = g_strdup_printf ("%s=%s", name, text);
  if (!first_time (s, said))
    return;
  if (g_str_equal (what, "question"))
    yc_check_problem (s->c, rule_path (s), _("“%s” is not an option of the question “%s”: the rule compares it with “%s”"),
                      text, whose, name);
  else
    yc_check_problem (s->c, rule_path (s), _("“%s” is not an option of the field “%s”: the rule compares it with “%s”"),
                      text, whose, name);
}

static void
check_names (Scope    *s,
             JsonNode *names)
{
  if (names == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (names))
    {
      JsonArray *array = json_node_get_array (names);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_names (s, json_array_get_element (array, i));
    }
  else
    check_name (s, string_of (names));
}

static void walk (Scope *s, JsonNode *rule, guint depth);

static void
walk_args (Scope    *s,
           JsonNode *values,
           guint     from,
           guint     depth)
{
  for (guint i = from; i < yc_json_logic_n_args (values); i++)
    walk (s, yc_json_logic_arg (values, i), depth + 1);
}

static void
walk (Scope    *s,
      JsonNode *rule,
      guint     depth)
{
  JsonNode *values = NULL;
  const char *op;
  guint n;

  if (rule == NULL || depth >= YC_JSON_LOGIC_MAX_DEPTH)
    return;
  if (JSON_NODE_HOLDS_ARRAY (rule))
    {
      walk_args (s, rule, 0, depth);
      return;
    }
  if (!yc_json_logic_is_operation (rule))
    return;
  op = yc_json_logic_operation (rule, &values);
  n = yc_json_logic_n_args (values);

  if (g_str_equal (op, "var"))
    {
      JsonNode *name = yc_json_logic_arg (values, 0);

      if (string_of (name) != NULL)
        check_name (s, string_of (name));
      else
        walk (s, name, depth + 1);
      walk (s, yc_json_logic_arg (values, 1), depth + 1);
    }
  else if (g_str_equal (op, "missing"))
    {
      for (guint i = 0; i < n; i++)
        {
          if (yc_json_logic_is_operation (yc_json_logic_arg (values, i)))
            walk (s, yc_json_logic_arg (values, i), depth + 1);
          else
            check_names (s, yc_json_logic_arg (values, i));
        }
    }
  else if (g_str_equal (op, "missing_some"))
    {
      walk (s, yc_json_logic_arg (values, 0), depth + 1);
      check_names (s, yc_json_logic_arg (values, 1));
    }
  else if (g_str_equal (op, "map") || g_str_equal (op, "filter") || g_str_equal (op, "all") ||
           g_str_equal (op, "none") || g_str_equal (op, "some") || g_str_equal (op, "reduce"))
    {
      /* the rule applied to each element reads the element, not the form */
      walk (s, yc_json_logic_arg (values, 0), depth + 1);
      walk (s, yc_json_logic_arg (values, 2), depth + 1);
    }
  else
    {
      if (n == 2 && (g_str_equal (op, "==") || g_str_equal (op, "===") ||
                     g_str_equal (op, "!=") || g_str_equal (op, "!==")))
        {
          check_literal (s, yc_json_logic_arg (values, 0), yc_json_logic_arg (values, 1));
          check_literal (s, yc_json_logic_arg (values, 1), yc_json_logic_arg (values, 0));
        }
      else if (n == 2 && g_str_equal (op, "in"))
        {
          JsonNode *list = yc_json_logic_arg (values, 1);

          /* {"in": [{"var": "answers.x"}, ["a", "b"]]}: each a value of x;
           * {"in": ["a", {"var": "services"}]}: a value of a multi-choice */
          if (JSON_NODE_HOLDS_ARRAY (list))
            for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
              check_literal (s, yc_json_logic_arg (values, 0), json_array_get_element (json_node_get_array (list), i));
          else
            check_literal (s, list, yc_json_logic_arg (values, 0));
        }
      walk_args (s, values, 0, depth);
    }
}

/* A rule that is not valid JsonLogic was already reported; walking it
 * anyway costs nothing and says no more than the truth */
static void
check_rule_names (Scope      *s,
                  JsonObject *o,
                  const char *member)
{
  JsonNode *rule = json_object_get_member (o, member);

  if (rule == NULL || !JSON_NODE_HOLDS_OBJECT (rule))
    return;
  s->member = member;
  g_clear_pointer (&s->path, g_free);
  if (g_hash_table_size (s->reported) > 0)
    g_hash_table_remove_all (s->reported);
  walk (s, rule, 0);
  g_clear_pointer (&s->path, g_free);
}

static void
check_field_rules (Scope      *s,
                   JsonObject *field)
{
  JsonArray *validate = yc_json_get_array (field, "validate");

  s->validation = -1;
  check_rule_names (s, field, "required");
  check_rule_names (s, field, "visible");
  check_rule_names (s, field, "calc");
  for (guint i = 0; validate != NULL && i < json_array_get_length (validate); i++)
    {
      JsonNode *node = json_array_get_element (validate, i);

      s->validation = i;
      if (JSON_NODE_HOLDS_OBJECT (node))
        check_rule_names (s, json_node_get_object (node), "rule");
    }
  s->validation = -1;
}

/* The fields of @fields by key, the first of a key (a second one is a
 * problem of its own) */
static GHashTable *
fields_by_key (JsonArray *fields)
{
  GHashTable *keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);
      const char *key = JSON_NODE_HOLDS_OBJECT (node) ? yc_json_get_string (json_node_get_object (node), "key") : NULL;

      if (key != NULL && !g_hash_table_contains (keys, key))
        g_hash_table_insert (keys, (gpointer) key, json_node_get_object (node));
    }
  return keys;
}

/* Whether the calculation of @key reads @target, itself or through the
 * calculations it reads */
static gboolean
calc_reads (GHashTable *fields,
            const char *key,
            const char *target,
            GHashTable *visited)
{
  JsonObject *field = g_hash_table_lookup (fields, key);
  JsonNode *calc = field ? json_object_get_member (field, "calc") : NULL;
  g_autoptr(GPtrArray) names = NULL;

  if (calc == NULL || !g_hash_table_add (visited, (gpointer) key))
    return FALSE;
  names = g_ptr_array_new_with_free_func (g_free);
  yc_json_logic_collect_vars (calc, names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (g_str_equal (name, target) ||
          (g_hash_table_contains (fields, name) && calc_reads (fields, name, target, visited)))
        return TRUE;
    }
  return FALSE;
}

/* The form computes its calculated fields in order, each seeing the ones
 * before it: a calculation that reads a later field sees its old value,
 * or none */
static void
check_calc_order (YcCheck    *c,
                  JsonArray  *fields,
                  GHashTable *by_key,
                  const char *path)
{
  g_autoptr(GHashTable) before = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);
      JsonObject *field = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = field ? yc_json_get_string (field, "key") : NULL;
      JsonNode *calc = field ? json_object_get_member (field, "calc") : NULL;

      if (calc != NULL && key != NULL)
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *at = NULL;

          yc_json_logic_collect_vars (calc, names);
          for (guint n = 0; n < names->len; n++)
            {
              const char *name = g_ptr_array_index (names, n);
              g_autoptr(GHashTable) visited = NULL;

              /* a name and its first part are both listed: the first part
               * is the field */
              if (strchr (name, '.') != NULL || !g_hash_table_contains (by_key, name) ||
                  g_hash_table_contains (before, name))
                continue;
              visited = g_hash_table_new (g_str_hash, g_str_equal);
              if (at == NULL)
                at = g_strdup_printf ("%s[%u].calc", path, i);
              if (g_str_equal (name, key))
                yc_check_problem (c, at, _("the calculation of “%s” reads its own value"), key);
              else if (calc_reads (by_key, name, key, visited))
                yc_check_problem (c, at, _("the calculations of “%s” and “%s” read each other: "
                                           "a cycle, which has no value"), key, name);
              else
                yc_check_problem (c, at, _("the calculation of “%s” reads “%s”, a field after it: "
                                           "a calculation may use only the fields before it in the form"),
                                  key, name);
            }
        }
      if (key != NULL)
        g_hash_table_add (before, (gpointer) key);
    }
}

/* A table's columns: their rules see the row; no column is calculated */
static void
check_columns (Scope      *top,
               JsonObject *group)
{
  JsonArray *columns = yc_json_get_array (group, "fields");
  g_autoptr(GHashTable) keys = fields_by_key (columns);
  Scope row = *top;

  row.fields = keys;
  row.row = TRUE;
  row.path = NULL;
  for (guint i = 0; columns != NULL && i < json_array_get_length (columns); i++)
    {
      JsonNode *node = json_array_get_element (columns, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      row.column = i;
      check_field_rules (&row, json_node_get_object (node));
      if (json_object_has_member (json_node_get_object (node), "calc"))
        {
          g_autofree char *calc_at = g_strdup_printf ("$.%s[%u].fields[%u].calc", top->list, top->index, i);
          yc_check_problem (top->c, calc_at, _("a column of a table is never calculated: “calc” means nothing here"));
        }
    }
}

/**
 * _yc_catalog_check_rules:
 * @c: the item's check
 * @item: an item, already checked member by member
 *
 * Reports every rule of @item that reads a question, a field or an
 * option value the item does not have, and every calculated field that
 * reads a field after it.
 */
void
_yc_catalog_check_rules (YcCheck    *c,
                         JsonObject *item)
{
  JsonArray *questions = yc_json_get_array (item, "questions");
  JsonArray *situations = yc_json_get_array (item, "situations");
  JsonArray *fields = yc_json_get_array (item, "fields");
  g_autoptr(GHashTable) question_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keys = fields_by_key (fields);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Scope s = { c, question_ids, keys, FALSE, reported, NULL, 0, -1, -1, NULL, NULL, NULL };

  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    {
      JsonNode *node = json_array_get_element (questions, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node) ? yc_json_get_string (json_node_get_object (node), "id") : NULL;

      if (id != NULL && !g_hash_table_contains (question_ids, id))
        g_hash_table_insert (question_ids, (gpointer) id, json_node_get_object (node));
    }

  s.list = "questions";
  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    {
      JsonNode *node = json_array_get_element (questions, i);

      s.index = i;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      s.own_question = yc_json_get_string (json_node_get_object (node), "id");
      check_rule_names (&s, json_node_get_object (node), "when");
    }
  s.own_question = NULL;
  s.list = "situations";
  for (guint i = 0; situations != NULL && i < json_array_get_length (situations); i++)
    {
      JsonNode *node = json_array_get_element (situations, i);

      s.index = i;
      if (JSON_NODE_HOLDS_OBJECT (node))
        check_rule_names (&s, json_node_get_object (node), "when");
    }
  s.list = "fields";
  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      s.index = i;
      check_field_rules (&s, json_node_get_object (node));
      if (g_strcmp0 (yc_json_get_string (json_node_get_object (node), "type"), "group") == 0)
        check_columns (&s, json_node_get_object (node));
    }
  if (fields != NULL)
    check_calc_order (c, fields, keys, "$.fields");
}

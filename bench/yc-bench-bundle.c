/* yc-bench-bundle.c: a five-item bundle of 150 fields or more
 *
 * The demo's five-item bundle (开办企业一件事) has only 43 distinct fields,
 * so this makes a bigger one from real templates: its five members, cloned
 * under new codes, each take the fields of whole other demo items
 * ("donors") under prefixed keys, with the donors' questions and the
 * materials their attachments name, and the rules rewritten to the new
 * keys, until the bundle has 150 distinct fields or more. Used by
 * bench-form (the model), bench-form-open (its view) and bench-draft.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yc-bench.h"

#define MIN_FIELDS 150
/* The published document shares nodes between items; what is changed here
 * must be a copy of its own.
 */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

/* Renaming a donor's names inside the member that takes them */
typedef struct
{
  const char *prefix;
  GHashTable *keys;        /* the donor's field keys */
  GHashTable *questions;   /* the donor's question ids */
} Rename;

static char *
renamed_var (Rename     *r,
             const char *name)
{
  const char *dot = strchr (name, '.');
  g_autofree char *head = dot ? g_strndup (name, dot - name) : g_strdup (name);

  if (g_str_equal (head, "answers") && dot != NULL)
    {
      const char *rest = dot + 1;
      const char *end = strchr (rest, '.');
      g_autofree char *id = end ? g_strndup (rest, end - rest) : g_strdup (rest);

      if (g_hash_table_contains (r->questions, id))
        return g_strconcat ("answers.", r->prefix, rest, NULL);
    }
  else if (g_hash_table_contains (r->keys, head))
    return g_strconcat (r->prefix, name, NULL);
  return NULL;
}

static void
rename_vars (Rename   *r,
             JsonNode *rule)
{
  static const char *iterating[] = { "map", "filter", "reduce", "all", "none", "some", NULL };

  if (rule == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (rule))
    {
      JsonArray *array = json_node_get_array (rule);

      for (guint i = 0; i < json_array_get_length (array); i++)
        rename_vars (r, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (rule))
    {
      JsonObjectIter iter;
      const char *op;
      JsonNode *args;

      json_object_iter_init (&iter, json_node_get_object (rule));
      while (json_object_iter_next (&iter, &op, &args))
        {
          if (g_str_equal (op, "var"))
            {
              JsonNode *name = args;
              g_autofree char *renamed = NULL;

              if (JSON_NODE_HOLDS_ARRAY (args) && json_array_get_length (json_node_get_array (args)) > 0)
                name = json_array_get_element (json_node_get_array (args), 0);
              if (JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING &&
                  (renamed = renamed_var (r, json_node_get_string (name))) != NULL)
                json_node_set_string (name, renamed);
            }
          else if (g_strv_contains (iterating, op) && JSON_NODE_HOLDS_ARRAY (args))
            {
              /* the rules after the list see each element, not the form */
              if (json_array_get_length (json_node_get_array (args)) > 0)
                rename_vars (r, json_array_get_element (json_node_get_array (args), 0));
            }
          else
            rename_vars (r, args);
        }
    }
}

static void
add_donor (JsonObject *member,
           JsonObject *donor,
           const char *prefix)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) questions = g_hash_table_new (g_str_hash, g_str_equal);
  Rename r = { prefix, keys, questions };
  JsonArray *fields = json_object_get_array_member (donor, "fields");
  JsonArray *materials = json_object_get_array_member (donor, "materials");
  JsonArray *donor_questions = NULL;

  if (json_object_has_member (donor, "questions"))
    donor_questions = json_object_get_array_member (donor, "questions");
  if (!json_object_has_member (member, "questions"))
    json_object_set_array_member (member, "questions", json_array_new ());

  for (guint i = 0; i < json_array_get_length (fields); i++)
    g_hash_table_add (keys, (gpointer) json_object_get_string_member (json_array_get_object_element (fields, i), "key"));
  for (guint i = 0; donor_questions != NULL && i < json_array_get_length (donor_questions); i++)
    g_hash_table_add (questions, (gpointer) json_object_get_string_member (json_array_get_object_element (donor_questions, i), "id"));

  for (guint i = 0; donor_questions != NULL && i < json_array_get_length (donor_questions); i++)
    {
      JsonNode *copy = deep_copy (json_array_get_element (donor_questions, i));
      JsonObject *q = json_node_get_object (copy);
      g_autofree char *id = g_strconcat (prefix, json_object_get_string_member (q, "id"), NULL);

      json_object_set_string_member (q, "id", id);
      rename_vars (&r, json_object_get_member (q, "when"));
      json_array_add_element (json_object_get_array_member (member, "questions"), copy);
    }

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *copy = deep_copy (json_array_get_element (fields, i));
      JsonObject *f = json_node_get_object (copy);
      g_autofree char *key = g_strconcat (prefix, json_object_get_string_member (f, "key"), NULL);
      JsonNode *required = json_object_get_member (f, "required");

      json_object_set_string_member (f, "key", key);
      if (required != NULL && JSON_NODE_HOLDS_OBJECT (required))
        rename_vars (&r, required);
      rename_vars (&r, json_object_get_member (f, "visible"));
      rename_vars (&r, json_object_get_member (f, "calc"));
      /* a group's columns see their row, so only the group's own rules */
      rename_vars (&r, json_object_get_member (f, "validate"));

      if (json_object_has_member (f, "material"))
        {
          const char *id = json_object_get_string_member (f, "material");
          g_autofree char *renamed = g_strconcat (prefix, id, NULL);

          /* the attachment's material comes along, so that it has one */
          for (guint m = 0; m < json_array_get_length (materials); m++)
            if (g_str_equal (json_object_get_string_member (json_array_get_object_element (materials, m), "id"), id))
              {
                JsonNode *material = deep_copy (json_array_get_element (materials, m));
                JsonObject *limits = json_object_get_object_member (member, "limits");

                json_object_set_string_member (json_node_get_object (material), "id", renamed);
                /* a 即办件 takes no 容缺 material: the catalog's rule */
                if (g_strcmp0 (json_object_get_string_member_with_default (limits, "kind", NULL), "instant") == 0)
                  {
                    json_object_set_boolean_member (json_node_get_object (material), "primary", TRUE);
                    json_object_remove_member (json_node_get_object (material), "rongque_days");
                  }
                json_array_add_element (json_object_get_array_member (member, "materials"), material);
              }
          json_object_set_string_member (f, "material", renamed);
        }
      json_array_add_element (json_object_get_array_member (member, "fields"), copy);
    }
}

static char *
big_code (const char *code)
{
  /* demo codes begin with "00"; "90" keeps 12 characters and no clash */
  return g_strconcat ("90", code + 2, NULL);
}

/* The demo catalog plus the big bundle and its five members. Returns the
 * number of distinct fields the bundle's form will have, 0 on error.
 */
guint
yc_bench_make_big_bundle (YcCatalog  *demo,
                          GBytes    **out,
                          guint      *n_donors,
                          GError    **error)
{
  g_autoptr(GBytes) published = yc_catalog_to_document (demo);
  g_autofree char *source = g_strndup (g_bytes_get_data (published, NULL), g_bytes_get_size (published));
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_base = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) big = g_ptr_array_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *document;
  JsonObject *base;
  JsonArray *items, *bundles, *members, *new_members;
  JsonObject *bundle;
  guint n_fields, donor = 0;
  char *text;
  gsize length;

  if (!(root = json_from_string (source, error)))
    return 0;
  document = json_node_get_object (root);
  items = json_object_get_array_member (document, "items");
  bundles = json_object_get_array_member (document, "bundles");
  base = yc_catalog_lookup_bundle (demo, YC_BENCH_BASE_BUNDLE);
  members = json_object_get_array_member (base, "members");
  g_assert (json_array_get_length (members) == 5);

  bundle = json_object_new ();
  new_members = json_array_new ();
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      const char *code = json_object_get_string_member (member, "item");
      JsonObject *m = json_object_new ();
      g_autofree char *new_code = big_code (code);
      JsonNode *copy = NULL;
      JsonObject *item;
      JsonArray *fields;
      g_autofree char *name = NULL;
      g_autofree char *impl = NULL;

      for (guint j = 0; j < json_array_get_length (items) && copy == NULL; j++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items, j), "code"), code))
          copy = deep_copy (json_array_get_element (items, j));
      item = json_node_get_object (copy);
      name = g_strconcat (json_object_get_string_member (item, "name"), "（扩展表单）", NULL);
      impl = g_strdup (json_object_get_string_member (item, "impl_code"));
      memcpy (impl + 19, new_code, 12);
      json_object_set_string_member (item, "code", new_code);
      json_object_set_string_member (item, "impl_code", impl);
      json_object_set_string_member (item, "name", name);
      fields = json_object_get_array_member (item, "fields");
      for (guint f = 0; f < json_array_get_length (fields); f++)
        g_hash_table_add (keys, (gpointer) json_object_get_string_member (json_array_get_object_element (fields, f), "key"));
      g_hash_table_add (in_base, (gpointer) code);
      g_ptr_array_add (big, item);
      json_array_add_element (items, copy);

      json_object_set_string_member (m, "item", new_code);
      if (json_object_has_member (member, "after"))
        {
          JsonArray *after = json_object_get_array_member (member, "after");
          JsonArray *a = json_array_new ();

          for (guint j = 0; j < json_array_get_length (after); j++)
            {
              g_autofree char *dep = big_code (json_array_get_string_element (after, j));
              json_array_add_string_element (a, dep);
            }
          json_object_set_array_member (m, "after", a);
        }
      json_array_add_object_element (new_members, m);
    }
  n_fields = g_hash_table_size (keys);

  /* donors in catalog order, dealt out to the members in turn */
  for (guint j = 0; j < json_array_get_length (items) && n_fields < MIN_FIELDS; j++)
    {
      JsonObject *item = json_array_get_object_element (items, j);
      g_autofree char *prefix = NULL;

      if (g_hash_table_contains (in_base, json_object_get_string_member (item, "code")) ||
          g_ptr_array_find (big, item, NULL))
        continue;
      prefix = g_strdup_printf ("d%02u_", j);
      add_donor (g_ptr_array_index (big, donor % big->len), item, prefix);
      n_fields += json_array_get_length (json_object_get_array_member (item, "fields"));
      donor++;
    }

  json_object_set_int_member (bundle, "format", 1);
  json_object_set_string_member (bundle, "kind", "bundle");
  json_object_set_string_member (bundle, "code", YC_BENCH_BIG_BUNDLE);
  json_object_set_int_member (bundle, "version", 1);
  json_object_set_string_member (bundle, "name", "开办企业一件事（扩展表单）");
  json_object_set_array_member (bundle, "members", new_members);
  json_array_add_object_element (bundles, bundle);

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  *out = g_bytes_new_take (text, length);
  *n_donors = donor;
  return n_fields;
}

/**
 * yc_bench_load_big_catalog:
 * @document: (out) (optional): the catalog document, with the big bundle
 *
 * Returns: the demo catalog of @demo_dir with the big bundle and its
 *   members, loaded by the program's loader
 */
YcCatalog *
yc_bench_load_big_catalog (const char  *demo_dir,
                           GBytes     **document,
                           GError     **error)
{
  g_autoptr(YcCatalog) demo = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  YcCatalog *catalog;
  guint n_donors;

  if (!(demo = yc_catalog_load_directory (demo_dir, NULL, error)) ||
      yc_bench_make_big_bundle (demo, &bytes, &n_donors, error) == 0)
    return NULL;
  if (!(catalog = yc_catalog_load_document (bytes, "<generated>", problems, error)))
    {
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = yc_catalog_problem_to_string (g_ptr_array_index (problems, i));
          g_printerr ("%s\n", line);
        }
      return NULL;
    }
  if (document != NULL)
    *document = g_steal_pointer (&bytes);
  return catalog;
}

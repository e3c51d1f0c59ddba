/* bench-form.c: building the form model of a five-item bundle
 *
 * A clerk opens a bundle (一件事) and its one form must be there at once;
 * every value typed then recomputes visibility, requirements, calculated
 * fields and the checklist. The target: the form model of a five-item
 * bundle of 150 or more fields builds in under 5 ms.
 *
 * The demo's five-item bundle (开办企业一件事) has only 43 distinct fields,
 * so this makes a bigger one from real templates: its five members, cloned
 * under new codes, each take the fields of whole other demo items
 * ("donors") under prefixed keys, with the donors' questions and the
 * materials their attachments name, and the rules rewritten to the new
 * keys, until the bundle has 150 distinct fields or more.
 *
 * Usage: bench-form DEMO-CATALOG-FOLDER [REPETITIONS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang.h"
#include "yc-bench.h"

#define BASE_BUNDLE         "YJS-KBQY"
#define BIG_BUNDLE          "YJS-BENCH5"
#define MIN_FIELDS          150
#define DEFAULT_REPETITIONS 501

/* GB 11643 and GB 32100 example numbers, as in the tests */
#define ID_A          "11010519491231002X"
#define ID_B          "370112198001010018"
#define CREDIT_CODE   "91350100M000100Y43"

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

                json_object_set_string_member (json_node_get_object (material), "id", renamed);
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
static guint
make_document (YcCatalog  *demo,
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
  base = yc_catalog_lookup_bundle (demo, BASE_BUNDLE);
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
  json_object_set_string_member (bundle, "code", BIG_BUNDLE);
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

/* A plausible value for every field a clerk types, so that the rules see a
 * form in the middle of an intake rather than an empty one.
 */
static void
fill (YcForm *form)
{
  GPtrArray *questions = yc_form_get_questions (form);
  GPtrArray *fields = yc_form_get_fields (form);

  for (guint i = 0; i < questions->len; i++)
    {
      YcFormQuestion *q = g_ptr_array_index (questions, i);

      if (q->visible && q->options->len > 0)
        yc_form_set_answer (form, q->id, ((const YcFormOption *) g_ptr_array_index (q->options, 0))->value);
    }

  for (guint i = 0; i < fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (fields, i);
      g_autoptr(JsonNode) value = NULL;
      GPtrArray *options = yc_form_field_get_options (f);
      const char *first = options->len > 0 ? ((YcFormOption *) g_ptr_array_index (options, 0))->value : NULL;

      if (f->calculated)
        continue;
      switch (f->type)
        {
        case YC_FIELD_TYPE_TEXT:
        case YC_FIELD_TYPE_MULTILINE:
          value = json_node_init_string (json_node_alloc (), "演示");
          break;
        case YC_FIELD_TYPE_INTEGER:
          value = json_node_init_int (json_node_alloc (), 10);
          break;
        case YC_FIELD_TYPE_DECIMAL:
          value = json_node_init_double (json_node_alloc (), 12.5);
          break;
        case YC_FIELD_TYPE_MONEY:
          value = json_node_init_string (json_node_alloc (), "1200.00");
          break;
        case YC_FIELD_TYPE_DATE:
          value = json_node_init_string (json_node_alloc (), "2025-07-01");
          break;
        case YC_FIELD_TYPE_YES_NO:
          value = json_node_init_boolean (json_node_alloc (), TRUE);
          break;
        case YC_FIELD_TYPE_ID_NUMBER:
          value = json_node_init_string (json_node_alloc (), ID_A);
          break;
        case YC_FIELD_TYPE_CREDIT_CODE:
          value = json_node_init_string (json_node_alloc (), CREDIT_CODE);
          break;
        case YC_FIELD_TYPE_MOBILE:
        case YC_FIELD_TYPE_PHONE:
          value = json_node_init_string (json_node_alloc (), "13800138000");
          break;
        case YC_FIELD_TYPE_LANDLINE:
          value = json_node_init_string (json_node_alloc (), "053188888888");
          break;
        case YC_FIELD_TYPE_POSTAL_CODE:
          value = json_node_init_string (json_node_alloc (), "250100");
          break;
        case YC_FIELD_TYPE_REGION:
          value = json_node_init_string (json_node_alloc (), "370112");
          break;
        case YC_FIELD_TYPE_ADDRESS:
          {
            g_autoptr(JsonObject) address = json_object_new ();

            json_object_set_string_member (address, "region", "370112");
            json_object_set_string_member (address, "detail", "山大路1号");
            value = json_node_init_object (json_node_alloc (), address);
          }
          break;
        case YC_FIELD_TYPE_CHOICE:
          if (first != NULL)
            value = json_node_init_string (json_node_alloc (), first);
          break;
        case YC_FIELD_TYPE_MULTI_CHOICE:
          if (first != NULL)
            {
              g_autoptr(JsonArray) chosen = json_array_new ();

              json_array_add_string_element (chosen, first);
              value = json_node_init_array (json_node_alloc (), chosen);
            }
          break;
        case YC_FIELD_TYPE_GROUP:
        case YC_FIELD_TYPE_ATTACHMENT:
        case YC_FIELD_TYPE_UNKNOWN:
        default:
          break;
        }
      /* groups and attachments stay empty: a table is typed row by row and
       * a scan comes last */
      if (value != NULL)
        yc_form_set_value (form, f->key, value);
    }
}

/* One yc_form_set_value () with the recompute it triggers: the field takes
 * turns between two values, so that every call is a change.
 */
static double
time_set_value (YcForm  *form,
                guint    repetitions,
                double  *samples)
{
  g_autoptr(JsonNode) a = json_node_init_string (json_node_alloc (), ID_A);
  g_autoptr(JsonNode) b = json_node_init_string (json_node_alloc (), ID_B);

  for (guint r = 0; r < repetitions; r++)
    {
      double start = yc_bench_cpu_now_ms ();

      yc_form_set_value (form, "legal_rep_id", r % 2 ? a : b);
      samples[r] = yc_bench_cpu_now_ms () - start;
    }
  return yc_bench_median (samples, repetitions);
}

static double
time_build (YcCatalog   *catalog,
            const char  *code,
            guint        repetitions,
            double      *samples,
            guint       *n_fields,
            GError     **error)
{
  /* one untimed build first: type registration and first-touch faults */
  for (int r = -1; r < (int) repetitions; r++)
    {
      g_autoptr(YcForm) form = NULL;
      double start = yc_bench_cpu_now_ms ();

      if (!(form = yc_form_new (catalog, code, error)))
        return -1;
      if (r >= 0)
        samples[r] = yc_bench_cpu_now_ms () - start;
      *n_fields = yc_form_get_fields (form)->len;
    }
  return yc_bench_median (samples, repetitions);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) demo = NULL;
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(YcForm) form = NULL;
  g_autofree double *samples = NULL;
  guint repetitions = DEFAULT_REPETITIONS;
  guint n_fields = 0, n_demo_fields = 0, n_donors = 0;
  double build_ms, demo_ms, empty_ms, set_ms;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s DEMO-CATALOG-FOLDER [REPETITIONS]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    repetitions = MAX (1, atoi (argv[2]));
  samples = g_new (double, repetitions);

  if (!(demo = yc_catalog_load_directory (argv[1], NULL, &error)) ||
      make_document (demo, &document, &n_donors, &error) == 0)
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  if (!(catalog = yc_catalog_load_document (document, "<generated>", problems, &error)))
    {
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = yc_catalog_problem_to_string (g_ptr_array_index (problems, i));
          fprintf (stderr, "%s\n", line);
        }
      return 1;
    }

  if ((demo_ms = time_build (catalog, BASE_BUNDLE, repetitions, samples, &n_demo_fields, &error)) < 0 ||
      (build_ms = time_build (catalog, BIG_BUNDLE, repetitions, samples, &n_fields, &error)) < 0 ||
      !(form = yc_form_new (catalog, BIG_BUNDLE, &error)))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }

  empty_ms = time_set_value (form, repetitions, samples);
  fill (form);
  set_ms = time_set_value (form, repetitions, samples);

  printf ("form-members: %u items\n", yc_form_get_members (form)->len);
  printf ("form-donor-items: %u items\n", n_donors);
  printf ("form-fields: %u fields\n", n_fields);
  printf ("form-questions: %u questions\n", yc_form_get_questions (form)->len);
  printf ("form-repetitions: %u runs\n", repetitions);
  printf ("form-build-demo-bundle5: %.3f ms\n", demo_ms);
  printf ("form-demo-fields: %u fields\n", n_demo_fields);
  printf ("form-build-bundle5: %.3f ms\n", build_ms);
  printf ("form-set-value-empty: %.3f ms\n", empty_ms);
  printf ("form-set-value: %.3f ms\n", set_ms);
  return 0;
}

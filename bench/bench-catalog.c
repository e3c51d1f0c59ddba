/* bench-catalog.c: loading a published catalog, against parsing it alone
 *
 * A station loads the whole catalog document the central service publishes
 * at start-up and after every update, so the loader's checks must cost
 * little next to the JSON parsing nobody can avoid. The target: a 2 MB
 * catalog of 300 items loads in at most 1.5 times what json-glib alone
 * takes to parse the same bytes, measured in the same run.
 *
 * The catalog is made from the demo catalog's real items, cloned under new
 * codes and names, so that the checks see real templates: rules, options,
 * groups, materials, situations.
 *
 * Usage: bench-catalog DEMO-CATALOG-FOLDER [REPETITIONS [ITEMS]]
 *
 * The demo's items average 8.6 kB as published, so 300 of them make about
 * 2.6 MB; ITEMS (300 by default) gives other sizes at the same mix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yichuang.h"
#include "yc-bench.h"

#define DEFAULT_ITEMS       300
#define DEFAULT_REPETITIONS 31

/* Generation @generation of a demo item's code: the first two characters
 * (always "00" in the demo) become 10 + @generation, so every clone keeps
 * the 12 characters of a 基本编码 and stays unique.
 */
static char *
clone_code (const char *code,
            guint       generation)
{
  return g_strdup_printf ("%02u%s", 10 + generation, code + 2);
}

static JsonNode *
clone_item (JsonObject *item,
            guint       generation)
{
  g_autoptr(JsonObject) copy = json_object_new ();
  g_autofree char *code = clone_code (json_object_get_string_member (item, "code"), generation);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, item);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (g_str_equal (name, "code"))
        json_object_set_string_member (copy, name, code);
      else if (g_str_equal (name, "name"))
        {
          g_autofree char *text = g_strdup_printf ("%s（第%u批）", json_node_get_string (value),
                                                   generation + 1);
          json_object_set_string_member (copy, name, text);
        }
      else if (g_str_equal (name, "impl_code") && strlen (json_node_get_string (value)) >= 31)
        {
          /* the 实施编码 carries the 基本编码 from its 20th character */
          g_autofree char *impl = g_strdup (json_node_get_string (value));

          memcpy (impl + 19, code, 12);
          json_object_set_string_member (copy, name, impl);
        }
      else
        /* sharing the rest with the original is fine: it is only written out */
        json_object_set_member (copy, name, json_node_copy (value));
    }
  return json_node_init_object (json_node_alloc (), copy);
}

static JsonNode *
clone_bundle (JsonObject *bundle,
              guint       generation)
{
  g_autoptr(JsonObject) copy = json_object_new ();
  g_autoptr(JsonArray) members = json_array_new ();
  JsonArray *original = json_object_get_array_member (bundle, "members");
  g_autofree char *code = g_strdup_printf ("%s-%02u", json_object_get_string_member (bundle, "code"),
                                           generation + 1);
  g_autofree char *name = g_strdup_printf ("%s（第%u批）", json_object_get_string_member (bundle, "name"),
                                           generation + 1);

  for (guint i = 0; i < json_array_get_length (original); i++)
    {
      JsonObject *member = json_array_get_object_element (original, i);
      JsonObject *m = json_object_new ();
      g_autofree char *item = clone_code (json_object_get_string_member (member, "item"), generation);
      JsonArray *after = NULL;

      json_object_set_string_member (m, "item", item);
      if (json_object_has_member (member, "after"))
        after = json_object_get_array_member (member, "after");
      if (after != NULL)
        {
          JsonArray *a = json_array_new ();

          for (guint j = 0; j < json_array_get_length (after); j++)
            {
              g_autofree char *dep = clone_code (json_array_get_string_element (after, j), generation);
              json_array_add_string_element (a, dep);
            }
          json_object_set_array_member (m, "after", a);
        }
      json_array_add_object_element (members, m);
    }

  json_object_set_int_member (copy, "format", json_object_get_int_member (bundle, "format"));
  json_object_set_string_member (copy, "kind", "bundle");
  json_object_set_string_member (copy, "code", code);
  json_object_set_int_member (copy, "version", json_object_get_int_member (bundle, "version"));
  json_object_set_string_member (copy, "name", name);
  json_object_set_array_member (copy, "members", g_steal_pointer (&members));
  return json_node_init_object (json_node_alloc (), copy);
}

/* Whether every member of @bundle has a clone in generation @generation,
 * given that only the first @n_items clones exist.
 */
static gboolean
bundle_complete (JsonObject *bundle,
                 guint       generation,
                 GHashTable *positions,
                 guint       n_demo,
                 guint       n_items)
{
  JsonArray *members = json_object_get_array_member (bundle, "members");

  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      const char *item = json_object_get_string_member (json_array_get_object_element (members, i), "item");
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (positions, item));

      if (generation * n_demo + position >= n_items)
        return FALSE;
    }
  return TRUE;
}

/* The published document of a catalog of @n_items clones of the demo items,
 * with a clone of every demo bundle whose members were all cloned; it is
 * loaded once and written out again by yc_catalog_to_document (), so the
 * bytes are what the central service would publish.
 */
static GBytes *
make_document (YcCatalog  *demo,
               guint       n_items,
               guint      *n_bundles,
               GError    **error)
{
  g_autoptr(GBytes) published = yc_catalog_to_document (demo);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *header;
  JsonObject *document;
  JsonArray *items, *bundles;
  JsonArray *new_items, *new_bundles;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint n_demo;
  char *text;
  gsize length;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (published, NULL),
                                   g_bytes_get_size (published), error))
    return NULL;
  header = json_node_get_object (json_parser_get_root (parser));
  items = json_object_get_array_member (header, "items");
  bundles = json_object_get_array_member (header, "bundles");
  n_demo = json_array_get_length (items);
  for (guint i = 0; i < n_demo; i++)
    g_hash_table_insert (positions,
                         (gpointer) json_object_get_string_member (json_array_get_object_element (items, i), "code"),
                         GUINT_TO_POINTER (i));

  document = json_object_new ();
  json_object_iter_init (&iter, header);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "items") && !g_str_equal (name, "bundles"))
      json_object_set_member (document, name, json_node_copy (value));
  new_items = json_array_new ();
  new_bundles = json_array_new ();
  for (guint n = 0; n < n_items; n++)
    json_array_add_element (new_items, clone_item (json_array_get_object_element (items, n % n_demo),
                                                   n / n_demo));
  for (guint g = 0; g * n_demo < n_items; g++)
    for (guint b = 0; b < json_array_get_length (bundles); b++)
      {
        JsonObject *bundle = json_array_get_object_element (bundles, b);

        if (bundle_complete (bundle, g, positions, n_demo, n_items))
          json_array_add_element (new_bundles, clone_bundle (bundle, g));
      }
  *n_bundles = json_array_get_length (new_bundles);
  json_object_set_array_member (document, "items", new_items);
  json_object_set_array_member (document, "bundles", new_bundles);

  root = json_node_init_object (json_node_alloc (), document);
  json_object_unref (document);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);

  if (!(catalog = yc_catalog_load_document (bytes, "<generated>", NULL, error)))
    return NULL;
  return yc_catalog_to_document (catalog);
}

/* Each measurement frees what it made before the next one starts, so
 * that all of them begin from the same state of the heap: whoever runs
 * just after a large free pays for it, and that must not be one side only.
 */
static double
time_parse (const char  *text,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  double start = yc_bench_cpu_now_ms ();
  double ms;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, length, error))
    return -1;
  ms = yc_bench_cpu_now_ms () - start;
  return ms;
}

static double
time_load (GBytes  *document,
           guint   *n_loaded,
           GError **error)
{
  g_autoptr(YcCatalog) catalog = NULL;
  double start = yc_bench_cpu_now_ms ();
  double ms;

  if (!(catalog = yc_catalog_load_document (document, "<generated>", NULL, error)))
    return -1;
  ms = yc_bench_cpu_now_ms () - start;
  *n_loaded = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  return ms;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) demo = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autofree double *parse_ms = NULL;
  g_autofree double *load_ms = NULL;
  guint repetitions = DEFAULT_REPETITIONS;
  guint n_items = DEFAULT_ITEMS;
  guint n_bundles = 0;
  guint n_loaded = 0;
  const char *text;
  gsize length;
  double x, y;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s DEMO-CATALOG-FOLDER [REPETITIONS [ITEMS]]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    repetitions = MAX (1, atoi (argv[2]));
  if (argc > 3)
    n_items = MAX (1, atoi (argv[3]));

  if (!(demo = yc_catalog_load_directory (argv[1], NULL, &error)) ||
      !(document = make_document (demo, n_items, &n_bundles, &error)))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  text = g_bytes_get_data (document, &length);
  parse_ms = g_new (double, repetitions);
  load_ms = g_new (double, repetitions);

  /* one untimed round first, so that nobody pays for first-touch page
   * faults or the type system's start-up; then the two take turns, in
   * one order and then the other, so that a change in the machine's load
   * or a heap state left behind shows in all of them */
  for (int r = -1; r < (int) repetitions; r++)
    {
      double a, c;

      if (r % 2 == 0)
        {
          a = time_parse (text, length, &error);
          c = time_load (document, &n_loaded, &error);
        }
      else
        {
          c = time_load (document, &n_loaded, &error);
          a = time_parse (text, length, &error);
        }
      if (error != NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[0], error->message);
          return 1;
        }
      if (r >= 0)
        {
          parse_ms[r] = a;
          load_ms[r] = c;
        }
    }

  x = yc_bench_median (parse_ms, repetitions);
  y = yc_bench_median (load_ms, repetitions);
  printf ("catalog-size: %.2f MB\n", length / 1e6);
  printf ("catalog-items: %u items\n", n_items);
  printf ("catalog-bundles: %u bundles\n", n_bundles);
  printf ("catalog-entries-loaded: %u entries\n", n_loaded);
  printf ("catalog-repetitions: %u runs\n", repetitions);
  printf ("catalog-parse-json-glib: %.2f ms\n", x);
  printf ("catalog-load-yichuang: %.2f ms\n", y);
  printf ("catalog-load-ratio: %.2f\n", y / x);
  return 0;
}

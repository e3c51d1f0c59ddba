/* bench-form.c: building the form model of a five-item bundle
 *
 * A clerk opens a bundle (一件事) and its one form must be there at once;
 * every value typed then recomputes visibility, requirements, calculated
 * fields and the checklist. The target: the form model of a five-item
 * bundle of 150 or more fields builds in under 5 ms.
 *
 * The demo's five-item bundle has only 43 distinct fields; the bundle
 * timed is made bigger from real templates (yc-bench-bundle.c).
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

#define DEFAULT_REPETITIONS 501

/* GB 11643 and GB 32100 example numbers, as in the tests */
#define ID_A          "11010519491231002X"
#define ID_B          "370112198001010018"
#define CREDIT_CODE   "91350100M000100Y43"

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
      yc_bench_make_big_bundle (demo, &document, &n_donors, &error) == 0)
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

  if ((demo_ms = time_build (catalog, YC_BENCH_BASE_BUNDLE, repetitions, samples, &n_demo_fields, &error)) < 0 ||
      (build_ms = time_build (catalog, YC_BENCH_BIG_BUNDLE, repetitions, samples, &n_fields, &error)) < 0 ||
      !(form = yc_form_new (catalog, YC_BENCH_BIG_BUNDLE, &error)))
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

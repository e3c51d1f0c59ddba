/* fuzz-catalog.c: the catalog loader and the form engine on any input
 *
 * A published catalog comes over the network: whatever it holds, loading
 * it must end in a catalog or a list of problems, never a crash, a hang or
 * a leak. What loads is also turned into forms, filled and checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "yichuang.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* A critical is a bug: abort, so that libFuzzer keeps the input and the
 * stack (a breakpoint trap would leave neither). */
static void
abort_on_critical (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        user_data)
{
  g_printerr ("%s: %s\n", domain ? domain : "", message);
  abort ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(YcCatalog) catalog = NULL;

  g_log_set_default_handler (abort_on_critical, NULL);
  g_log_set_handler ("Json", G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING, abort_on_critical, NULL);
  catalog = yc_catalog_load_document (bytes, "fuzz", problems, NULL);
  for (guint i = 0; i < problems->len; i++)
    g_free (yc_catalog_problem_to_string (g_ptr_array_index (problems, i)));
  if (catalog == NULL)
    return 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      g_autoptr(YcForm) form = yc_form_new (catalog, yc_catalog_entry_get_code (entry), NULL);
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(JsonObject) saved = NULL;
      GPtrArray *fields = yc_form_get_fields (form);
      GPtrArray *questions = yc_form_get_questions (form);

      for (guint q = 0; q < questions->len; q++)
        {
          YcFormQuestion *question = g_ptr_array_index (questions, q);

          if (question->options->len > 0)
            yc_form_set_answer (form, question->id, ((const YcFormOption *) g_ptr_array_index (question->options, 0))->value);
        }
      for (guint k = 0; k < fields->len; k++)
        {
          g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "11010519491231002X");

          yc_form_set_value (form, ((YcFormField *) g_ptr_array_index (fields, k))->key, value);
        }
      found = yc_form_validate (form);
      saved = yc_form_save (form);
      yc_form_suggest_decision (form);
    }
  return 0;
}

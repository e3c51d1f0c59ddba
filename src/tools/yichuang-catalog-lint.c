/* yichuang-catalog-lint.c: `yichuang-catalog lint`
 *
 * Names every problem of catalog files or folders as file:line:column:
 * json-path: message, as the core's loader finds them, so that the
 * maintainer fixes them all in one pass before publishing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yichuang-catalog-private.h"

/* a problem is a problem even if a catalog came back: the maintainer must
 * not publish a folder that loses a file on the way */
static void
report_problems (GPtrArray *problems,
                 GError    *error)
{
  /* a file that cannot be read stops the loading and is no problem of the
   * catalog's: it is only in the error */
  if (error != NULL && (problems->len == 0 || g_error_matches (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_IO)))
    tool_fail ("%s", error->message);
  if (problems->len > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "%u problem\n", "%u problems\n", problems->len),
             problems->len);
}

static void
print_summary (YcCatalog *catalog)
{
  GListModel *model = G_LIST_MODEL (catalog);
  guint items = 0;
  guint bundles = 0;
  g_autofree char *items_text = NULL;
  g_autofree char *bundles_text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (model, i);

      if (yc_catalog_entry_is_bundle (entry))
        bundles++;
      else
        items++;
    }
  items_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", items), items);
  bundles_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u bundle", "%u bundles", bundles), bundles);
  /* TRANSLATORS: "3 items, 1 bundle: no problems" */
  printf (_("%s, %s: no problems\n"), items_text, bundles_text);
}

int
cmd_lint (int    argc,
          char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = NULL;

  if (!tool_parse_options (&argc, &argv, N_("FILE|DIR…"),
                           N_("Checks catalog files, or catalog folders (catalog.json, items/, bundles/),\n"
                              "and prints every problem as file:line:column: json-path: message."),
                           entries))
    return EXIT_USAGE;
  if (o.rest == NULL || o.rest[0] == NULL)
    {
      tool_fail (_("Name at least one catalog file or folder"));
      return EXIT_USAGE;
    }

  catalog = yc_catalog_load_files ((const char * const *) o.rest, problems, &error);
  tool_print_problems (problems, stdout);
  if (catalog == NULL || problems->len > 0)
    {
      report_problems (problems, error);
      return EXIT_PROBLEMS;
    }
  print_summary (catalog);
  return 0;
}

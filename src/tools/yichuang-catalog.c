/* yichuang-catalog.c: the catalog maintainer's command-line tool
 *
 * A maintainer edits JSON by hand and needs to know, before the catalog is
 * published, that it loads, what form and checklist each item turns into,
 * and what the checks say about the values a clerk would type. Every answer
 * comes from libyichuang, the code the client and the central service run,
 * so the tool can never disagree with them.
 *
 * This file has main, the command table and what every command shares:
 * its options, the catalog it opens and the output it writes. The commands
 * are in yichuang-catalog-lint.c, -show.c, -try.c and -calendar.c.
 *
 * Everything is written to stdout and stderr as UTF-8 with stdio: g_print()
 * would turn the Chinese in a catalog into escapes under a C locale, and the
 * output of --json must stay JSON wherever it runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "yichuang-catalog-private.h"

void
tool_options_clear (Options *o)
{
  g_clear_pointer (&o->catalog, g_free);
  g_clear_pointer (&o->answers, g_strfreev);
  g_clear_pointer (&o->values, g_strfreev);
  g_clear_pointer (&o->materials, g_strfreev);
  g_clear_pointer (&o->rest, g_strfreev);
}

/* Output */

void
tool_fail (const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "%s: %s\n", g_get_prgname (), message);
}

/* Display width of UTF-8 text in a terminal: CJK characters take two
 * columns, which byte-counting printf widths get wrong.
 */
static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
tool_print_padded (const char *text,
                   guint       width)
{
  guint used;

  text = text ? text : "";
  used = text_width (text);
  fputs (text, stdout);
  for (; used < width; used++)
    fputc (' ', stdout);
  fputc (' ', stdout);
}

/* The first column of a row of show's and try's sections: what the row is
 * about (a question, a field, a material), indented under the heading */
void
tool_print_row_key (const char *key)
{
  printf ("  ");
  tool_print_padded (key, 22);
}

char *
tool_node_to_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("null");
  return yc_json_to_string (node);
}

/* Prints what @builder built, a whole document */
void
tool_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  puts (text);
}

/* One member of the object a JsonBuilder is in */

void
tool_add_string_member (JsonBuilder *b,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

void
tool_add_int_member (JsonBuilder *b,
                     const char  *name,
                     gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
tool_add_boolean_member (JsonBuilder *b,
                         const char  *name,
                         gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

/* Options */

gboolean
tool_parse_options (int                *argc,
                    char             ***argv,
                    const char         *parameters,
                    const char         *summary,
                    const GOptionEntry *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  /* the context translates @parameters and @summary itself, in our domain */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      tool_fail ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Loading a catalog */

static char *
default_catalog_dir (void)
{
  const char *env = g_getenv ("YICHUANG_CATALOG");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  if (g_file_test (PKGDATADIR "/catalog", G_FILE_TEST_IS_DIR))
    return g_strdup (PKGDATADIR "/catalog");
  return NULL;
}

void
tool_print_problems (GPtrArray *problems,
                     FILE      *where)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yc_catalog_problem_to_string (g_ptr_array_index (problems, i));

      fprintf (where, "%s\n", line);
    }
}

YcCatalog *
tool_open_catalog (const char *dir)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = dir ? g_strdup (dir) : default_catalog_dir ();
  YcCatalog *catalog;

  if (chosen == NULL)
    {
      tool_fail (_("No catalog: name its folder with --catalog DIR or in YICHUANG_CATALOG"));
      return NULL;
    }
  catalog = yc_catalog_load_directory (chosen, problems, &error);
  if (catalog == NULL || problems->len > 0)
    {
      g_clear_object (&catalog);
      if (problems->len > 0)
        {
          tool_print_problems (problems, stderr);
          tool_fail (_("The catalog in %s has problems; “%s lint %s” names them all"),
                     chosen, PROGRAM, chosen);
        }
      else
        tool_fail (_("Cannot load the catalog in %s: %s"), chosen, error->message);
    }
  return catalog;
}

YcForm *
tool_open_form (YcCatalog  *catalog,
                const char *code)
{
  g_autoptr(GError) error = NULL;
  YcForm *form;

  if (!(form = yc_form_new (catalog, code, &error)))
    tool_fail ("%s", error->message);
  return form;
}

/* Fills a form from the command line's assignments, with the core's one
 * reading of them, and says which answers the form does not ask for. */
gboolean
tool_fill (YcForm  *form,
           char   **answers,
           char   **values,
           char   **materials)
{
  g_autoptr(GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  if (!yc_form_fill (form, (const char * const *) answers, (const char * const *) values,
                     (const char * const *) materials, ignored, &error))
    {
      tool_fail ("%s", error->message);
      return FALSE;
    }
  for (guint i = 0; i < ignored->len; i++)
    fprintf (stderr, _("%s: question “%s” is not asked with these answers; its answer is ignored\n"),
             g_get_prgname (), (const char *) g_ptr_array_index (ignored, i));
  return TRUE;
}

/* show and try are about one item or bundle */
gboolean
tool_has_one_code (const Options *o)
{
  if (o->rest == NULL || o->rest[0] == NULL || o->rest[1] != NULL)
    {
      tool_fail (_("Name exactly one item or bundle code"));
      return FALSE;
    }
  return TRUE;
}

/* The form of the one code in @o's arguments, filled as @o says; %NULL
 * when something is wrong, and then that was said. The form keeps what it
 * needs of the catalog. */
YcForm *
tool_open_filled_form (const Options *o)
{
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(YcForm) form = NULL;

  if (!(catalog = tool_open_catalog (o->catalog)) || !(form = tool_open_form (catalog, o->rest[0])) ||
      !tool_fill (form, o->answers, o->values, o->materials))
    return NULL;
  return g_steal_pointer (&form);
}

/* main */

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *usage;
  const char *summary;
} Command;

static const Command commands[] = {
  { "lint", cmd_lint, "FILE|DIR…", N_("Check catalog files or folders; name every problem") },
  { "list", cmd_list, "[--catalog DIR] [--json]", N_("List the items and bundles") },
  { "show", cmd_show, "CODE [--answer Q=V…] [--json]", N_("Show an item’s or bundle’s questions, form and materials") },
  { "try", cmd_try, "CODE [--answer Q=V…] [--set F=V…] [--material ID=S…]", N_("Fill in a form and print every check’s verdict") },
  { "eval", cmd_eval, "RULE [DATA]", N_("Evaluate a JsonLogic rule") },
  { "check", cmd_check, "TYPE VALUE", N_("Check a coded value such as an ID number") },
  { "calendar", cmd_calendar, "add DATE N [--calendar DIR]", N_("Print the working day N working days after DATE") },
};

static void
print_usage (FILE *where)
{
  fprintf (where, _("Usage: %s COMMAND [ARGUMENT…]\n"), g_get_prgname ());
  fprintf (where, "\n%s\n", _("The catalog maintainer’s tool for Yichuang (一窗)."));
  fprintf (where, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (where, "  %-6s %s\n           %s\n", commands[i].name, commands[i].usage, _(commands[i].summary));
  fprintf (where, "\n%s\n", _("“COMMAND --help” describes a command’s options. The catalog folder is\n"
                               "--catalog DIR, else $YICHUANG_CATALOG, else the installed catalog.\n"
                               "Exit status: 0 when all is well, 1 on problems, 2 on wrong usage."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PROGRAM);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("yichuang-catalog %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        /* "yichuang-catalog show" in --help's usage line and in messages */
        g_autofree char *name = g_strdup_printf ("%s %s", PROGRAM, commands[i].name);

        g_set_prgname (name);
        return commands[i].run (argc - 1, argv + 1);
      }

  tool_fail (_("“%s” is not a command; “%s --help” lists them"), argv[1], g_get_prgname ());
  return EXIT_USAGE;
}

/* yichuang-catalog.c: the catalog maintainer's command-line tool
 *
 * A maintainer edits JSON by hand and needs to know, before the catalog is
 * published, that it loads, what form and checklist each item turns into,
 * and what the checks say about the values a clerk would type. Every answer
 * comes from libyichuang, the code the client and the central service run,
 * so the tool can never disagree with them.
 *
 * Everything is written to stdout and stderr as UTF-8 with stdio: g_print()
 * would turn the Chinese in a catalog into escapes under a C locale, and the
 * output of --json must stay JSON wherever it runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gunixinputstream.h>

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "yichuang.h"

#define PROGRAM       "yichuang-catalog"
#define EXIT_PROBLEMS 1
#define EXIT_USAGE    2

typedef struct
{
  char      *catalog;
  char     **answers;
  char     **values;
  char     **materials;
  char     **rest;
  gboolean   json;
} Options;

static void
options_clear (Options *o)
{
  g_clear_pointer (&o->catalog, g_free);
  g_clear_pointer (&o->answers, g_strfreev);
  g_clear_pointer (&o->values, g_strfreev);
  g_clear_pointer (&o->materials, g_strfreev);
  g_clear_pointer (&o->rest, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Output */

static void G_GNUC_PRINTF (1, 2)
fail (const char *format,
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

static void
print_padded (const char *text,
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

static char *
node_to_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("null");
  return yc_json_to_string (node);
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  puts (text);
}

/* One member of the object a JsonBuilder is in */

static void
add_string_member (JsonBuilder *b,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_int_member (JsonBuilder *b,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_boolean_member (JsonBuilder *b,
                    const char  *name,
                    gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

/* Options */

static gboolean
parse_options (int                *argc,
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
      fail ("%s", error->message);
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

static void
print_problems (GPtrArray *problems,
                FILE      *where)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yc_catalog_problem_to_string (g_ptr_array_index (problems, i));

      fprintf (where, "%s\n", line);
    }
}

static YcCatalog *
open_catalog (const char *dir)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = dir ? g_strdup (dir) : default_catalog_dir ();
  YcCatalog *catalog;

  if (chosen == NULL)
    {
      fail (_("No catalog: name its folder with --catalog DIR or in YICHUANG_CATALOG"));
      return NULL;
    }
  catalog = yc_catalog_load_directory (chosen, problems, &error);
  if (catalog == NULL || problems->len > 0)
    {
      g_clear_object (&catalog);
      if (problems->len > 0)
        {
          print_problems (problems, stderr);
          fail (_("The catalog in %s has problems; “%s lint %s” names them all"),
                chosen, PROGRAM, chosen);
        }
      else
        fail (_("Cannot load the catalog in %s: %s"), chosen, error->message);
    }
  return catalog;
}

static YcForm *
open_form (YcCatalog  *catalog,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  YcForm *form;

  if (!(form = yc_form_new (catalog, code, &error)))
    fail ("%s", error->message);
  return form;
}


static const char *
option_label (const YcFormQuestion *q,
              const char           *value)
{
  for (guint i = 0; value != NULL && i < json_array_get_length (q->options); i++)
    {
      JsonObject *option = json_array_get_object_element (q->options, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (option, "value", NULL), value) == 0)
        return json_object_get_string_member_with_default (option, "label", NULL);
    }
  return NULL;
}


/* Answers go in in question order, not command-line order: a question
 * that depends on another is only asked once that one is answered, and the
 * form drops the answer to a question it does not ask.
 */
/* Fills a form from the command line's assignments, with the core's one
 * reading of them. */
static gboolean
fill (YcForm  *form,
      char   **answers,
      char   **values,
      char   **materials)
{
  g_autoptr(GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  if (!yc_form_fill (form, (const char * const *) answers, (const char * const *) values,
                     (const char * const *) materials, ignored, &error))
    {
      fail ("%s", error->message);
      return FALSE;
    }
  for (guint i = 0; i < ignored->len; i++)
    fprintf (stderr, _("%s: question “%s” is not asked with these answers; its answer is ignored\n"),
             g_get_prgname (), (const char *) g_ptr_array_index (ignored, i));
  return TRUE;
}

/* lint */

static int
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
  guint items = 0;
  guint bundles = 0;
  g_autofree char *items_text = NULL;
  g_autofree char *bundles_text = NULL;

  if (!parse_options (&argc, &argv, N_("FILE|DIR…"),
                      N_("Checks catalog files, or catalog folders (catalog.json, items/, bundles/),\n"
                         "and prints every problem as file:line:column: json-path: message."),
                      entries))
    return EXIT_USAGE;
  if (o.rest == NULL || o.rest[0] == NULL)
    {
      fail (_("Name at least one catalog file or folder"));
      return EXIT_USAGE;
    }

  catalog = yc_catalog_load_files ((const char * const *) o.rest, problems, &error);
  print_problems (problems, stdout);
  /* a problem is a problem even if a catalog came back: the maintainer
   * must not publish a folder that loses a file on the way */
  if (catalog == NULL || problems->len > 0)
    {
      /* a file that cannot be read stops the loading and is no problem of
       * the catalog's: it is only in the error */
      if (error != NULL && (problems->len == 0 || g_error_matches (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_IO)))
        fail ("%s", error->message);
      if (problems->len > 0)
        fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "%u problem\n", "%u problems\n", problems->len),
                 problems->len);
      return EXIT_PROBLEMS;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      if (yc_catalog_entry_is_bundle (entry))
        bundles++;
      else
        items++;
    }
  items_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", items), items);
  bundles_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u bundle", "%u bundles", bundles), bundles);
  /* TRANSLATORS: "3 items, 1 bundle: no problems" */
  printf (_("%s, %s: no problems\n"), items_text, bundles_text);
  return 0;
}

/* list */

static int
cmd_list (int    argc,
          char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &o.catalog, N_("The catalog folder (default: $YICHUANG_CATALOG, then the installed one)"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *model;

  if (!parse_options (&argc, &argv, NULL, N_("Lists the items and bundles of a catalog."), entries))
    return EXIT_USAGE;
  if (o.rest != NULL && o.rest[0] != NULL)
    {
      fail (_("Unexpected argument “%s”"), o.rest[0]);
      return EXIT_USAGE;
    }
  if (!(catalog = open_catalog (o.catalog)))
    return EXIT_PROBLEMS;
  model = G_LIST_MODEL (catalog);

  if (!o.json)
    {
      printf ("%s %s\n", yc_catalog_get_name (catalog), yc_catalog_get_version (catalog));
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (model, i);
          g_autofree char *version = g_strdup_printf ("v%u", yc_catalog_entry_get_version (entry));

          print_padded (yc_catalog_entry_is_bundle (entry) ? "bundle" : "item", 6);
          print_padded (yc_catalog_entry_get_code (entry), 14);
          print_padded (version, 4);
          printf ("%s\n", yc_catalog_entry_get_name (entry));
        }
      return 0;
    }

  json_builder_begin_object (builder);
  add_string_member (builder, "name", yc_catalog_get_name (catalog));
  add_string_member (builder, "version", yc_catalog_get_version (catalog));
  add_string_member (builder, "region", yc_catalog_get_region (catalog));
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (model, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", yc_catalog_entry_is_bundle (entry) ? "bundle" : "item");
      add_string_member (builder, "code", yc_catalog_entry_get_code (entry));
      add_string_member (builder, "name", yc_catalog_entry_get_name (entry));
      add_int_member (builder, "version", yc_catalog_entry_get_version (entry));
      add_string_member (builder, "department", yc_catalog_entry_get_department (entry));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  print_json (root);
  return 0;
}

/* show */

static const char *
received_text (const char *received)
{
  /* the template's own words are the stable part; these explain them */
  static const struct { const char *id; const char *text; } forms[] = {
    { "original", N_("original") },
    { "copy-with-original", N_("copy, original checked") },
    { "copy", N_("copy") },
    { "scan", N_("scan") },
    { "e-licence", N_("electronic licence") },
    { "commitment", N_("commitment") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (g_strcmp0 (received, forms[i].id) == 0)
      return _(forms[i].text);
  return received ? received : "";
}

static char *
material_kind_text (const YcFormMaterial *m)
{
  if (m->primary)
    return g_strdup (_("primary"));
  /* TRANSLATORS: a material that may be supplied later, within N working days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "容缺 %u day", "容缺 %u days", m->rongque_days),
                          m->rongque_days);
}

static char *
copies_text (guint copies)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u copy", "%u copies", copies), copies);
}

static void
show_text (YcForm *form)
{
  GPtrArray *questions = yc_form_get_questions (form);
  GPtrArray *fields = yc_form_get_fields (form);
  GPtrArray *materials = yc_form_get_materials (form);
  GPtrArray *members = yc_form_get_members (form);

  printf ("%s\n", yc_form_get_name (form));
  printf (yc_form_is_bundle (form) ? _("  bundle %s, version %u\n") : _("  item %s, version %u\n"),
          yc_form_get_code (form), yc_form_get_version (form));
  if (yc_form_is_bundle (form))
    for (guint i = 0; i < members->len; i++)
      {
        JsonObject *item = g_ptr_array_index (members, i);

        printf (_("  member %s %s\n"), json_object_get_string_member (item, "code"),
                json_object_get_string_member (item, "name"));
      }

  printf ("\n%s\n", _("Questions"));
  if (questions->len == 0)
    printf ("  %s\n", _("(none)"));
  for (guint i = 0; i < questions->len; i++)
    {
      const YcFormQuestion *q = g_ptr_array_index (questions, i);
      const char *answer = yc_form_get_answer (form, q->id);

      printf ("  %s: %s%s\n", q->id, q->text, q->visible ? "" : _(" (not asked)"));
      for (guint j = 0; q->visible && j < json_array_get_length (q->options); j++)
        {
          JsonObject *option = json_array_get_object_element (q->options, j);
          const char *value = json_object_get_string_member (option, "value");

          printf ("    %s ", g_strcmp0 (value, answer) == 0 ? "*" : " ");
          print_padded (value, 14);
          printf ("%s\n", json_object_get_string_member (option, "label"));
        }
    }

  printf ("\n%s %s\n", _("Situation:"), yc_form_get_situation_name (form));

  printf ("\n%s\n", _("Fields"));
  for (guint i = 0; i < fields->len; i++)
    {
      const YcFormField *f = g_ptr_array_index (fields, i);
      const char *flag = f->calculated ? _("calculated") : f->required ? _("required") : "";

      if (!f->visible)
        continue;
      printf ("  ");
      print_padded (f->key, 22);
      print_padded (yc_field_type_to_string (f->type), 12);
      print_padded (flag, 10);
      printf ("%s\n", f->label);
    }

  printf ("\n%s\n", _("Materials"));
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);
      g_autofree char *kind = material_kind_text (m);
      g_autofree char *copies = copies_text (m->copies);

      printf ("  ");
      print_padded (m->id, 22);
      print_padded (kind, 12);
      print_padded (received_text (m->received), 24);
      print_padded (copies, 8);
      printf ("%s\n", m->name);
    }
}

static void
build_show_json (JsonBuilder *b,
                 YcForm      *form)
{
  GPtrArray *questions = yc_form_get_questions (form);
  GPtrArray *fields = yc_form_get_fields (form);
  GPtrArray *materials = yc_form_get_materials (form);
  GPtrArray *members = yc_form_get_members (form);

  add_string_member (b, "code", yc_form_get_code (form));
  add_string_member (b, "kind", yc_form_is_bundle (form) ? "bundle" : "item");
  add_string_member (b, "name", yc_form_get_name (form));
  add_int_member (b, "version", yc_form_get_version (form));

  json_builder_set_member_name (b, "members");
  json_builder_begin_array (b);
  for (guint i = 0; i < members->len; i++)
    json_builder_add_string_value (b, json_object_get_string_member (g_ptr_array_index (members, i), "code"));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  for (guint i = 0; i < questions->len; i++)
    {
      const YcFormQuestion *q = g_ptr_array_index (questions, i);

      json_builder_begin_object (b);
      add_string_member (b, "id", q->id);
      add_string_member (b, "text", q->text);
      add_boolean_member (b, "asked", q->visible);
      json_builder_set_member_name (b, "options");
      json_builder_add_value (b, json_node_init_array (json_node_alloc (), q->options));
      json_builder_set_member_name (b, "answer");
      if (yc_form_get_answer (form, q->id) != NULL)
        json_builder_add_string_value (b, yc_form_get_answer (form, q->id));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  add_string_member (b, "situation", yc_form_get_situation_name (form));

  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint i = 0; i < fields->len; i++)
    {
      const YcFormField *f = g_ptr_array_index (fields, i);

      if (!f->visible)
        continue;
      json_builder_begin_object (b);
      add_string_member (b, "key", f->key);
      add_string_member (b, "label", f->label);
      add_string_member (b, "type", yc_field_type_to_string (f->type));
      add_boolean_member (b, "required", f->required);
      add_boolean_member (b, "calculated", f->calculated);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "materials");
  json_builder_begin_array (b);
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);

      json_builder_begin_object (b);
      add_string_member (b, "id", m->id);
      add_string_member (b, "name", m->name);
      add_boolean_member (b, "primary", m->primary);
      json_builder_set_member_name (b, "rongque_days");
      if (m->primary)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, m->rongque_days);
      add_string_member (b, "received", m->received);
      add_int_member (b, "copies", m->copies);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static int
cmd_show (int    argc,
          char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &o.catalog, N_("The catalog folder (default: $YICHUANG_CATALOG, then the installed one)"), N_("DIR") },
    { "answer", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &o.answers, N_("Answer a question (repeatable)"), N_("QUESTION=OPTION") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(YcForm) form = NULL;

  if (!parse_options (&argc, &argv, N_("CODE"),
                      N_("Shows the questions, the situation the answers choose, the form and the\n"
                         "checklist of materials of an item or a bundle."),
                      entries))
    return EXIT_USAGE;
  if (o.rest == NULL || o.rest[0] == NULL || o.rest[1] != NULL)
    {
      fail (_("Name exactly one item or bundle code"));
      return EXIT_USAGE;
    }
  if (!(catalog = open_catalog (o.catalog)) || !(form = open_form (catalog, o.rest[0])) ||
      !fill (form, o.answers, NULL, NULL))
    return EXIT_PROBLEMS;

  if (o.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      build_show_json (builder, form);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    show_text (form);
  return 0;
}

/* try */

static char *
decision_text (YcDecision decision)
{
  const char *reason = yc_decision_get_reason (decision);

  if (decision == YC_DECISION_NONE)
    return g_strdup (_("none yet: not every material is checked (use --material ID=received|missing)"));
  if (reason == NULL)
    /* TRANSLATORS: a decision's name on the command line and its legal term */
    return g_strdup_printf (_("%s (%s)"), yc_decision_to_string (decision), yc_decision_get_term (decision));
  /* TRANSLATORS: a decision's name on the command line, its legal term, and
   * when it is suggested */
  return g_strdup_printf (_("%s (%s): %s"), yc_decision_to_string (decision), yc_decision_get_term (decision),
                          reason);
}

static const char *
status_text (YcMaterialStatus status)
{
  switch (status)
    {
    case YC_MATERIAL_RECEIVED:
      return _("received");
    case YC_MATERIAL_MISSING:
      return _("missing");
    case YC_MATERIAL_PENDING:
    default:
      return _("pending");
    }
}

static int
cmd_try (int    argc,
         char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    { "catalog", 'c', 0, G_OPTION_ARG_FILENAME, &o.catalog, N_("The catalog folder (default: $YICHUANG_CATALOG, then the installed one)"), N_("DIR") },
    { "answer", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &o.answers, N_("Answer a question (repeatable)"), N_("QUESTION=OPTION") },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &o.values, N_("Fill in a field; VALUE is JSON or plain text (repeatable)"), N_("FIELD=VALUE") },
    { "material", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &o.materials, N_("Mark a material received or missing (repeatable)"), N_("ID=received|missing") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *decision = NULL;
  GPtrArray *questions;
  GPtrArray *fields;
  GPtrArray *materials;

  if (!parse_options (&argc, &argv, N_("CODE"),
                      N_("Fills in the form of an item or a bundle as a clerk would and prints what\n"
                         "every check says, field by field, and the decision the checklist allows.\n"
                         "Exits with 1 when the form could not be submitted."),
                      entries))
    return EXIT_USAGE;
  if (o.rest == NULL || o.rest[0] == NULL || o.rest[1] != NULL)
    {
      fail (_("Name exactly one item or bundle code"));
      return EXIT_USAGE;
    }
  if (!(catalog = open_catalog (o.catalog)) || !(form = open_form (catalog, o.rest[0])) ||
      !fill (form, o.answers, o.values, o.materials))
    return EXIT_PROBLEMS;

  questions = yc_form_get_questions (form);
  fields = yc_form_get_fields (form);
  materials = yc_form_get_materials (form);
  problems = yc_form_validate (form);

  printf ("%s (%s, %s %u)\n", yc_form_get_name (form), yc_form_get_code (form),
          _("version"), yc_form_get_version (form));

  if (questions->len > 0)
    printf ("\n%s\n", _("Questions"));
  for (guint i = 0; i < questions->len; i++)
    {
      const YcFormQuestion *q = g_ptr_array_index (questions, i);
      const char *answer = yc_form_get_answer (form, q->id);

      printf ("  ");
      print_padded (q->id, 22);
      if (!q->visible)
        printf ("%s\n", _("not asked"));
      else if (answer == NULL)
        printf ("%s: %s\n", _("problem"), _("not answered"));
      else
        printf ("%s %s\n", answer, option_label (q, answer));
    }
  printf ("\n%s %s\n", _("Situation:"), yc_form_get_situation_name (form));

  printf ("\n%s\n", _("Fields"));
  for (guint i = 0; i < fields->len; i++)
    {
      const YcFormField *f = g_ptr_array_index (fields, i);
      JsonNode *value = yc_form_get_value (form, f->key);
      g_autofree char *message = NULL;
      g_autofree char *shown = NULL;

      printf ("  ");
      print_padded (f->key, 22);
      if (!f->visible)
        {
          printf ("%s\n", _("hidden"));
          continue;
        }
      shown = value ? node_to_text (value) : NULL;
      if ((message = yc_form_check_field (form, f->key)) != NULL)
        printf ("%s: %s\n", _("problem"), message);
      else if (f->calculated)
        printf ("%s = %s\n", _("calculated"), shown ? shown : _("(nothing)"));
      else
        printf ("%s %s\n", _("ok"), shown ? shown : _("(empty)"));
    }

  printf ("\n%s\n", _("Materials"));
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);
      g_autofree char *kind = material_kind_text (m);

      printf ("  ");
      print_padded (m->id, 22);
      print_padded (status_text (m->status), 9);
      print_padded (kind, 12);
      printf ("%s\n", m->name);
    }

  decision = decision_text (yc_form_suggest_decision (form));
  printf ("\n%s %s\n", _("Suggested decision:"), decision);

  if (problems->len > 0)
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "%u problem\n", "%u problems\n", problems->len), problems->len);
      return EXIT_PROBLEMS;
    }
  printf ("%s\n", _("The form can be submitted"));
  return 0;
}

/* eval */

/* Evaluates one [rule, data] pair per line of standard input and prints one
 * result per line, {"error": "..."} for a wrong rule: comparing thousands of
 * rules with another implementation should not cost a process each. */
static int
eval_lines (void)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (in);
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
    {
      g_autofree char *owned = line;
      g_autoptr(JsonNode) pair = NULL;
      g_autoptr(JsonNode) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      if (!(pair = yc_json_from_string (owned, &error)) || !JSON_NODE_HOLDS_ARRAY (pair) ||
          json_array_get_length (json_node_get_array (pair)) != 2)
        {
          fail (_("Each line must be a JSON array [rule, data]"));
          return EXIT_USAGE;
        }
      if (!yc_json_logic_check (json_array_get_element (json_node_get_array (pair), 0), &error) ||
          !(result = yc_json_logic_apply (json_array_get_element (json_node_get_array (pair), 0),
                                          json_array_get_element (json_node_get_array (pair), 1), &error)))
        {
          JsonObject *o = json_object_new ();

          json_object_set_string_member (o, "error", error->message);
          result = json_node_init_object (json_node_alloc (), o);
          json_object_unref (o);
        }
      text = node_to_text (result);
      printf ("%s\n", text);
    }
  return 0;
}

static int
cmd_eval (int    argc,
          char **argv)
{
  g_auto(Options) o = { 0 };
  gboolean lines = FALSE;
  GOptionEntry entries[] = {
    { "lines", 0, 0, G_OPTION_ARG_NONE, &lines, N_("Read [rule, data] pairs from standard input, one a line"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(JsonNode) rule = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!parse_options (&argc, &argv, N_("RULE [DATA]"),
                      N_("Evaluates a JsonLogic rule, with the project’s operators, over DATA (JSON,\n"
                         "default {}) and prints the result as JSON."),
                      entries))
    return EXIT_USAGE;
  if (lines && o.rest == NULL)
    return eval_lines ();
  if (o.rest == NULL || o.rest[0] == NULL || (o.rest[1] != NULL && o.rest[2] != NULL))
    {
      fail (_("Give a rule and, optionally, the data"));
      return EXIT_USAGE;
    }
  if (!(rule = yc_json_from_string (o.rest[0], &error)))
    {
      fail (_("The rule is not JSON: %s"), error->message);
      return EXIT_PROBLEMS;
    }
  if (o.rest[1] != NULL && !(data = yc_json_from_string (o.rest[1], &error)))
    {
      fail (_("The data is not JSON: %s"), error->message);
      return EXIT_PROBLEMS;
    }
  if (data == NULL)
    {
      data = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (data, json_object_new ());
    }
  if (!yc_json_logic_check (rule, &error) || !(result = yc_json_logic_apply (rule, data, &error)))
    {
      fail (_("The rule is wrong: %s"), error->message);
      return EXIT_PROBLEMS;
    }
  text = node_to_text (result);
  printf ("%s\n", text);
  return 0;
}

/* check */

static int
cmd_check (int    argc,
           char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(JsonObject) derived = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;

  if (!parse_options (&argc, &argv, N_("TYPE VALUE"),
                      N_("Checks a value as a field of TYPE would: id-number, credit-code, mobile,\n"
                         "landline, phone, postal-code or region; prints what the value tells."),
                      entries))
    return EXIT_USAGE;
  if (o.rest == NULL || o.rest[0] == NULL || o.rest[1] == NULL || o.rest[2] != NULL)
    {
      fail (_("Give a type and a value"));
      return EXIT_USAGE;
    }
  if (!yc_validate_value (o.rest[0], o.rest[1], &derived, &error))
    {
      printf (_("invalid: %s\n"), error->message);
      return EXIT_PROBLEMS;
    }

  printf ("%s\n", _("valid"));
  /* json_object_get_members() keeps the order the facts were added in */
  members = json_object_get_members (derived);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (derived, l->data);
      g_autofree char *text = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
      else
        text = node_to_text (node);
      printf ("%s: %s\n", (const char *) l->data, text);
    }
  return 0;
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

  fail (_("“%s” is not a command; “%s --help” lists them"), argv[1], g_get_prgname ());
  return EXIT_USAGE;
}

/* yichuang-catalog-show.c: `yichuang-catalog list` and `show`
 *
 * What a catalog holds, and what form and checklist an item or a bundle
 * turns into for given answers, as text for the maintainer or as JSON for
 * scripts. The form engine decides everything shown (which questions are
 * asked, which fields are visible, the situation); this file only lays
 * it out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yichuang-catalog-private.h"

/* list */

static void
list_text (YcCatalog *catalog)
{
  GListModel *model = G_LIST_MODEL (catalog);

  printf ("%s %s\n", yc_catalog_get_name (catalog), yc_catalog_get_version (catalog));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (model, i);
      g_autofree char *version = g_strdup_printf ("v%u", yc_catalog_entry_get_version (entry));

      tool_print_padded (yc_catalog_entry_is_bundle (entry) ? "bundle" : "item", 6);
      tool_print_padded (yc_catalog_entry_get_code (entry), 14);
      tool_print_padded (version, 4);
      printf ("%s\n", yc_catalog_entry_get_name (entry));
    }
}

static void
list_json (YcCatalog *catalog)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GListModel *model = G_LIST_MODEL (catalog);

  json_builder_begin_object (b);
  tool_add_string_member (b, "name", yc_catalog_get_name (catalog));
  tool_add_string_member (b, "version", yc_catalog_get_version (catalog));
  tool_add_string_member (b, "region", yc_catalog_get_region (catalog));
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (model, i);

      json_builder_begin_object (b);
      tool_add_string_member (b, "kind", yc_catalog_entry_is_bundle (entry) ? "bundle" : "item");
      tool_add_string_member (b, "code", yc_catalog_entry_get_code (entry));
      tool_add_string_member (b, "name", yc_catalog_entry_get_name (entry));
      tool_add_int_member (b, "version", yc_catalog_entry_get_version (entry));
      tool_add_string_member (b, "department", yc_catalog_entry_get_department (entry));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  tool_print_json (b);
}

int
cmd_list (int    argc,
          char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    TOOL_CATALOG_OPTION (o),
    TOOL_JSON_OPTION (o),
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(YcCatalog) catalog = NULL;

  if (!tool_parse_options (&argc, &argv, NULL, N_("Lists the items and bundles of a catalog."), entries))
    return EXIT_USAGE;
  if (o.rest != NULL && o.rest[0] != NULL)
    {
      tool_fail (_("Unexpected argument “%s”"), o.rest[0]);
      return EXIT_USAGE;
    }
  if (!(catalog = tool_open_catalog (o.catalog)))
    return EXIT_PROBLEMS;
  if (o.json)
    list_json (catalog);
  else
    list_text (catalog);
  return 0;
}

/* show as text */

/* A material's column in show's and try's checklists: primary, or the
 * working days within which it may be supplied */
char *
tool_material_kind_text (const YcFormMaterial *m)
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
show_heading (YcForm *form)
{
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
}

static void
show_questions (YcForm *form)
{
  GPtrArray *questions = yc_form_get_questions (form);

  printf ("\n%s\n", _("Questions"));
  if (questions->len == 0)
    printf ("  %s\n", _("(none)"));
  for (guint i = 0; i < questions->len; i++)
    {
      const YcFormQuestion *q = g_ptr_array_index (questions, i);
      const char *answer = yc_form_get_answer (form, q->id);

      printf ("  %s: %s%s\n", q->id, q->text, q->visible ? "" : _(" (not asked)"));
      for (guint j = 0; q->visible && j < q->options->len; j++)
        {
          const YcFormOption *option = g_ptr_array_index (q->options, j);

          printf ("    %s ", g_strcmp0 (option->value, answer) == 0 ? "*" : " ");
          tool_print_padded (option->value, 14);
          printf ("%s\n", option->label);
        }
    }
}

static void
show_fields (YcForm *form)
{
  GPtrArray *fields = yc_form_get_fields (form);

  printf ("\n%s\n", _("Fields"));
  for (guint i = 0; i < fields->len; i++)
    {
      const YcFormField *f = g_ptr_array_index (fields, i);
      const char *flag = f->calculated ? _("calculated") : f->required ? _("required") : "";

      if (!f->visible)
        continue;
      tool_print_row_key (f->key);
      tool_print_padded (yc_field_type_to_string (f->type), 12);
      tool_print_padded (flag, 10);
      printf ("%s\n", f->label);
    }
}

static void
show_materials (YcForm *form)
{
  GPtrArray *materials = yc_form_get_materials (form);

  printf ("\n%s\n", _("Materials"));
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);
      g_autofree char *kind = tool_material_kind_text (m);
      g_autofree char *copies = copies_text (m->copies);

      tool_print_row_key (m->id);
      tool_print_padded (kind, 12);
      tool_print_padded (yc_material_received_label (m->received), 24);
      tool_print_padded (copies, 8);
      printf ("%s\n", m->name);
    }
}

static void
show_text (YcForm *form)
{
  g_autofree char *situation = NULL;

  show_heading (form);
  show_questions (form);
  situation = yc_form_describe_situation (form);
  printf ("\n%s %s\n", _("Situation:"), situation);
  show_fields (form);
  show_materials (form);
}

/* show as JSON */

static void
build_questions_json (JsonBuilder *b,
                      YcForm      *form)
{
  GPtrArray *questions = yc_form_get_questions (form);

  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  for (guint i = 0; i < questions->len; i++)
    {
      const YcFormQuestion *q = g_ptr_array_index (questions, i);

      json_builder_begin_object (b);
      tool_add_string_member (b, "id", q->id);
      tool_add_string_member (b, "text", q->text);
      tool_add_boolean_member (b, "asked", q->visible);
      json_builder_set_member_name (b, "options");
      json_builder_begin_array (b);
      for (guint j = 0; j < q->options->len; j++)
        {
          const YcFormOption *option = g_ptr_array_index (q->options, j);

          json_builder_begin_object (b);
          tool_add_string_member (b, "value", option->value);
          tool_add_string_member (b, "label", option->label);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "answer");
      if (yc_form_get_answer (form, q->id) != NULL)
        json_builder_add_string_value (b, yc_form_get_answer (form, q->id));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_fields_json (JsonBuilder *b,
                   YcForm      *form)
{
  GPtrArray *fields = yc_form_get_fields (form);

  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint i = 0; i < fields->len; i++)
    {
      const YcFormField *f = g_ptr_array_index (fields, i);

      if (!f->visible)
        continue;
      json_builder_begin_object (b);
      tool_add_string_member (b, "key", f->key);
      tool_add_string_member (b, "label", f->label);
      tool_add_string_member (b, "type", yc_field_type_to_string (f->type));
      tool_add_boolean_member (b, "required", f->required);
      tool_add_boolean_member (b, "calculated", f->calculated);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
build_materials_json (JsonBuilder *b,
                      YcForm      *form)
{
  GPtrArray *materials = yc_form_get_materials (form);

  json_builder_set_member_name (b, "materials");
  json_builder_begin_array (b);
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);

      json_builder_begin_object (b);
      tool_add_string_member (b, "id", m->id);
      tool_add_string_member (b, "name", m->name);
      tool_add_boolean_member (b, "primary", m->primary);
      json_builder_set_member_name (b, "rongque_days");
      if (m->primary)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, m->rongque_days);
      tool_add_string_member (b, "received", m->received);
      /* every form it may be received in, the usual one first */
      json_builder_set_member_name (b, "forms");
      json_builder_begin_array (b);
      for (guint f = 0; m->forms[f] != NULL; f++)
        json_builder_add_string_value (b, m->forms[f]);
      json_builder_end_array (b);
      tool_add_int_member (b, "copies", m->copies);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
show_json (YcForm *form)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GPtrArray *members = yc_form_get_members (form);

  json_builder_begin_object (b);
  tool_add_string_member (b, "code", yc_form_get_code (form));
  tool_add_string_member (b, "kind", yc_form_is_bundle (form) ? "bundle" : "item");
  tool_add_string_member (b, "name", yc_form_get_name (form));
  tool_add_int_member (b, "version", yc_form_get_version (form));
  json_builder_set_member_name (b, "members");
  json_builder_begin_array (b);
  for (guint i = 0; i < members->len; i++)
    json_builder_add_string_value (b, json_object_get_string_member (g_ptr_array_index (members, i), "code"));
  json_builder_end_array (b);
  build_questions_json (b, form);
  tool_add_string_member (b, "situation", yc_form_get_situation_name (form));
  build_fields_json (b, form);
  build_materials_json (b, form);
  json_builder_end_object (b);
  tool_print_json (b);
}

int
cmd_show (int    argc,
          char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    TOOL_CATALOG_OPTION (o),
    TOOL_ANSWER_OPTION (o),
    TOOL_JSON_OPTION (o),
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(YcForm) form = NULL;

  if (!tool_parse_options (&argc, &argv, N_("CODE"),
                           N_("Shows the questions, the situation the answers choose, the form and the\n"
                              "checklist of materials of an item or a bundle."),
                           entries))
    return EXIT_USAGE;
  if (!tool_has_one_code (&o))
    return EXIT_USAGE;
  if (!(form = tool_open_filled_form (&o)))
    return EXIT_PROBLEMS;
  if (o.json)
    show_json (form);
  else
    show_text (form);
  return 0;
}

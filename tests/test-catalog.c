/* test-catalog.c: the catalog loader and the form engine on the demo catalog
 *
 * The demo catalog is what a new hall starts from and what the client shows
 * out of the box, so its items are the test data: if one stops loading or
 * turns into a wrong form, that is a bug either way. The broken templates
 * next to this file show that every kind of mistake is named where it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "yc-test-data.h"
#include "yichuang.h"

#define DEMO_CATALOG TEST_SRCDIR "/../data/catalog"
#define BROKEN_DIR   TEST_SRCDIR "/catalog-broken"

/* GB 11643 example numbers: born 1949-12-31, female; and the same with a
 * wrong check digit.
 */
#define GOOD_ID  "11010519491231002X"
#define WRONG_ID "110105194912310021"

/* demo items, chosen for what they show; see the tests that use them */
#define BUSINESS_ITEM     "000101001001"  /* 个体工商户设立登记 */
#define FOOD_ITEM         "000101003001"  /* 食品经营许可（新办） */
#define COMPANY_ITEM      "000101002001"  /* 有限责任公司设立登记 */
#define EMPLOYER_ITEM     "002002003001"  /* 单位社会保险登记 */
#define RESTAURANT_BUNDLE "YJS-KCYD"      /* 开办餐饮店一件事 */

static YcCatalog *demo;

static void
on_changed_count_cb (YcForm *form,
                     guint  *count)
{
  (*count)++;
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yc_catalog_problem_to_string (g_ptr_array_index (problems, i));
      g_test_message ("%s", line);
    }
}

static YcForm *
demo_form (const char *code)
{
  g_autoptr(GError) error = NULL;
  YcForm *form = yc_form_new (demo, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (form);
  return form;
}

static void
set_string (YcForm     *form,
            const char *key,
            const char *text)
{
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);

  g_assert_nonnull (yc_form_lookup_field (form, key));
  yc_form_set_value (form, key, value);
}

static const char *
get_string (YcForm     *form,
            const char *key)
{
  JsonNode *value = yc_form_get_value (form, key);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}

static gboolean
has_material (YcForm     *form,
              const char *id)
{
  GPtrArray *materials = yc_form_get_materials (form);

  for (guint i = 0; i < materials->len; i++)
    if (g_str_equal (((YcFormMaterial *) g_ptr_array_index (materials, i))->id, id))
      return TRUE;
  return FALSE;
}

static char *
problem_for (YcForm     *form,
             const char *key)
{
  g_autoptr(GPtrArray) problems = yc_form_validate (form);

  for (guint i = 0; i < problems->len; i++)
    {
      YcFormProblem *p = g_ptr_array_index (problems, i);

      if (g_str_equal (p->key, key))
        return g_strdup (p->message);
    }
  return NULL;
}

static void
set_json (YcForm     *form,
          const char *key,
          const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = yc_json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (yc_form_lookup_field (form, key));
  yc_form_set_value (form, key, value);
}

static void
clear_value (YcForm     *form,
             const char *key)
{
  yc_form_set_value (form, key, NULL);
}

/* The template's own definition of a field, to compare the form with. */
static JsonObject *
template_field (const char *code,
                const char *key)
{
  JsonArray *fields = json_object_get_array_member (yc_catalog_lookup_item (demo, code), "fields");

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);

      if (g_str_equal (json_object_get_string_member (field, "key"), key))
        return field;
    }
  g_assert_not_reached ();
}

static const char *
situation_name (const char *code,
                const char *id)
{
  JsonArray *situations = json_object_get_array_member (yc_catalog_lookup_item (demo, code), "situations");

  for (guint i = 0; i < json_array_get_length (situations); i++)
    {
      JsonObject *situation = json_array_get_object_element (situations, i);

      if (g_str_equal (json_object_get_string_member (situation, "id"), id))
        return json_object_get_string_member (situation, "name");
    }
  g_assert_not_reached ();
}

/* Asserts that the checklist is exactly @ids, in that order. */
static void
assert_materials (YcForm     *form,
                  const char *ids)
{
  g_auto(GStrv) expected = g_strsplit (ids, " ", -1);
  GPtrArray *materials = yc_form_get_materials (form);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < materials->len; i++)
    g_string_append_printf (got, "%s%s", i ? " " : "", ((YcFormMaterial *) g_ptr_array_index (materials, i))->id);
  g_assert_cmpstr (got->str, ==, ids);
  g_assert_cmpuint (materials->len, ==, g_strv_length (expected));
}

static guint
count_entries (YcCatalog *catalog,
               gboolean   bundles)
{
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      if (yc_catalog_entry_is_bundle (entry) == bundles)
        count++;
    }
  return count;
}

/* The applicant is who the catalog marks: on 个体工商户设立登记 the
 * operator, not the trade name that comes first on the form. */
static void
test_applicant_marked (void)
{
  g_autoptr(YcForm) form = demo_form (BUSINESS_ITEM);
  g_autoptr(YcForm) pension = demo_form ("002002002001");
  const YcFormField *name = NULL;
  const YcFormField *number = NULL;

  yc_form_find_applicant (form, &name, &number);
  g_assert_cmpstr (name->key, ==, "applicant_name");
  g_assert_cmpstr (number->key, ==, "applicant_id");
  /* an item that marks none: the first text and ID-number fields */
  yc_form_find_applicant (pension, &name, &number);
  g_assert_cmpstr (name->key, ==, "applicant_name");
  g_assert_cmpstr (number->key, ==, "applicant_id");
}

/* The demo catalog */

static void
test_demo_loads (void)
{
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = yc_catalog_load_directory (DEMO_CATALOG, problems, &error);

  print_problems (problems);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (yc_catalog_get_name (catalog), !=, "");
  g_assert_cmpstr (yc_catalog_get_version (catalog), !=, "");
  g_assert_cmpuint (count_entries (catalog, FALSE), >=, 20);
  g_assert_cmpuint (count_entries (catalog, TRUE), >=, 3);
}

static guint
position_of (YcCatalog  *catalog,
             const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      if (g_str_equal (yc_catalog_entry_get_name (entry), name))
        return i;
    }
  g_error ("The demo catalog has no item “%s”", name);
}

/* The clerk picks from a list where setting something up comes before
 * changing or closing it, whatever the files' order (变更 sorts before
 * 设立 by file name), and each kind keeps the catalog's order. */
static void
test_demo_order (void)
{
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = yc_catalog_load_directory (DEMO_CATALOG, problems, &error);
  guint setup, change, close;

  g_assert_no_error (error);
  setup = position_of (catalog, "个体工商户设立登记");
  change = position_of (catalog, "个体工商户变更登记");
  close = position_of (catalog, "个体工商户注销登记");
  g_assert_cmpuint (setup, <, change);
  g_assert_cmpuint (change, <, close);
  /* every setting-up item before any change */
  g_assert_cmpuint (position_of (catalog, "有限责任公司设立登记"), <, change);
  g_assert_cmpuint (position_of (catalog, "出生登记（户口）"), <, position_of (catalog, "户口迁入登记"));
}

/* Every entry turns into a form with fields and a situation, and the form
 * of an item is the template: its fields in template order.
 */
static void
test_demo_forms (void)
{
  GListModel *model = G_LIST_MODEL (demo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (model, i);
      const char *code = yc_catalog_entry_get_code (entry);
      g_autoptr(YcForm) form = demo_form (code);
      g_autoptr(GPtrArray) problems = NULL;
      GPtrArray *fields = yc_form_get_fields (form);

      g_test_message ("%s %s", code, yc_catalog_entry_get_name (entry));
      g_assert_cmpstr (yc_form_get_code (form), ==, code);
      g_assert_cmpstr (yc_form_get_name (form), ==, yc_catalog_entry_get_name (entry));
      g_assert_cmpuint (yc_form_get_version (form), ==, yc_catalog_entry_get_version (entry));
      g_assert_true (yc_form_is_bundle (form) == yc_catalog_entry_is_bundle (entry));
      g_assert_cmpuint (fields->len, >, 0);
      {
        g_autoptr(GPtrArray) unanswered = yc_form_get_unanswered (form);

        /* a situation before the questions deciding it are answered
         * would show a checklist the answers may change */
        g_assert_true ((yc_form_get_situation_name (form) != NULL) == (unanswered->len == 0));
      }

      if (!yc_form_is_bundle (form))
        {
          JsonArray *defs = json_object_get_array_member (yc_catalog_lookup_item (demo, code), "fields");

          g_assert_cmpuint (yc_form_get_members (form)->len, ==, 1);
          g_assert_cmpuint (fields->len, ==, json_array_get_length (defs));
          for (guint k = 0; k < fields->len; k++)
            g_assert_cmpstr (((YcFormField *) g_ptr_array_index (fields, k))->key, ==,
                             json_object_get_string_member (json_array_get_object_element (defs, k), "key"));
        }

      /* an empty form is never ready: something is always required */
      problems = yc_form_validate (form);
      g_assert_cmpuint (problems->len, >, 0);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(YcForm) none = yc_form_new (demo, "no-such-code", &error);

    g_assert_error (error, YC_FORM_ERROR, YC_FORM_ERROR_UNKNOWN_CODE);
    g_assert_null (none);
  }
}

/* In a bundle, fields with one key are one field, fed from the first
 * member that has it.
 */
static void
test_bundle_shared_fields (void)
{
  GListModel *model = G_LIST_MODEL (demo);
  guint shared_somewhere = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(YcCatalogEntry) entry = g_list_model_get_item (model, i);
      g_autoptr(YcForm) form = NULL;
      g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *members;
      GPtrArray *fields;
      guint total = 0;

      if (!yc_catalog_entry_is_bundle (entry))
        continue;
      form = demo_form (yc_catalog_entry_get_code (entry));
      members = json_object_get_array_member (yc_catalog_lookup_bundle (demo, yc_catalog_entry_get_code (entry)),
                                              "members");
      g_assert_cmpuint (yc_form_get_members (form)->len, ==, json_array_get_length (members));

      for (guint m = 0; m < json_array_get_length (members); m++)
        {
          const char *code = json_object_get_string_member (json_array_get_object_element (members, m), "item");
          JsonArray *defs = json_object_get_array_member (yc_catalog_lookup_item (demo, code), "fields");

          g_assert_true (g_ptr_array_index (yc_form_get_members (form), m) == yc_catalog_lookup_item (demo, code));
          for (guint k = 0; k < json_array_get_length (defs); k++)
            {
              g_hash_table_add (keys, (gpointer) json_object_get_string_member (json_array_get_object_element (defs, k),
                                                                                "key"));
              total++;
            }
        }

      fields = yc_form_get_fields (form);
      for (guint k = 0; k < fields->len; k++)
        {
          const YcFormField *f = g_ptr_array_index (fields, k);

          g_assert_true (g_hash_table_add (seen, (gpointer) f->key));
          g_assert_true (g_hash_table_contains (keys, f->key));
          g_assert_true (yc_form_lookup_field (form, f->key) == f);
        }
      g_assert_cmpuint (fields->len, ==, g_hash_table_size (keys));
      if (total > fields->len)
        shared_somewhere++;
    }

  /* the demo must show what a bundle is for */
  g_assert_cmpuint (shared_somewhere, >, 0);
}

/* A bundle of two items that share the operator question, the applicant's
 * fields and three materials: 开办餐饮店一件事.
 */
static void
test_bundle_merges (void)
{
  g_autoptr(YcForm) form = demo_form (RESTAURANT_BUNDLE);
  GPtrArray *questions = yc_form_get_questions (form);
  GPtrArray *materials;
  guint operators = 0;
  g_autofree char *expected_situation = NULL;

  g_assert_true (yc_form_is_bundle (form));
  g_assert_cmpuint (yc_form_get_members (form)->len, ==, 2);
  g_assert_true (g_ptr_array_index (yc_form_get_members (form), 0) == yc_catalog_lookup_item (demo, BUSINESS_ITEM));
  g_assert_true (g_ptr_array_index (yc_form_get_members (form), 1) == yc_catalog_lookup_item (demo, FOOD_ITEM));

  for (guint i = 0; i < questions->len; i++)
    if (g_str_equal (((YcFormQuestion *) g_ptr_array_index (questions, i))->id, "operator"))
      operators++;
  g_assert_cmpuint (operators, ==, 1);

  /* one answer feeds both members: both situations follow it */
  yc_form_set_answer (form, "operator", "agent");
  yc_form_set_answer (form, "licence_obtained", "no");
  yc_form_set_answer (form, "org_form", "individual");
  expected_situation = g_strconcat (situation_name (BUSINESS_ITEM, "agent-individual"), "；",
                                    situation_name (FOOD_ITEM, "agent-with-registration"), NULL);
  g_assert_cmpstr (yc_form_get_situation_name (form), ==, expected_situation);
  g_assert_true (yc_form_lookup_field (form, "agent_name")->visible);

  /* a material both members ask for is collected once */
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    for (guint j = i + 1; j < materials->len; j++)
      g_assert_cmpstr (((YcFormMaterial *) g_ptr_array_index (materials, i))->id, !=,
                       ((YcFormMaterial *) g_ptr_array_index (materials, j))->id);
  g_assert_true (has_material (form, "id-card"));
  g_assert_true (has_material (form, "agent-id-card"));
  g_assert_true (has_material (form, "power-of-attorney"));
  g_assert_true (has_material (form, "food-layout"));
  g_assert_true (has_material (form, "ib-application"));

  /* one value of a shared field is checked once, for the bundle */
  set_string (form, "applicant_id", WRONG_ID);
  {
    g_autoptr(GPtrArray) problems = yc_form_validate (form);
    guint on_id = 0;

    for (guint i = 0; i < problems->len; i++)
      if (g_str_equal (((YcFormProblem *) g_ptr_array_index (problems, i))->key, "applicant_id"))
        on_id++;
    g_assert_cmpuint (on_id, ==, 1);
  }
}

/* 个体工商户设立登记: who comes and how the business is run choose the
 * situation; a follow-up question is asked only for a family business.
 */
static void
test_situations (void)
{
  g_autoptr(YcForm) form = demo_form (BUSINESS_ITEM);
  const YcFormQuestion *kinship = NULL;
  GPtrArray *questions = yc_form_get_questions (form);
  guint changes = 0;

  for (guint i = 0; i < questions->len; i++)
    if (g_str_equal (((YcFormQuestion *) g_ptr_array_index (questions, i))->id, "kinship"))
      kinship = g_ptr_array_index (questions, i);
  g_assert_nonnull (kinship);

  /* no answers: no situation yet, though the last one's rule always
   * holds, and the form says what to answer */
  g_assert_false (kinship->visible);
  g_assert_null (yc_form_get_situation_name (form));
  assert_materials (form, "");
  {
    g_autoptr(GPtrArray) unanswered = yc_form_get_unanswered (form);
    g_autofree char *described = yc_form_describe_situation (form);

    g_assert_cmpuint (unanswered->len, ==, 2);
    g_assert_cmpstr (((YcFormQuestion *) g_ptr_array_index (unanswered, 0))->id, ==, "operator");
    g_assert_cmpstr (((YcFormQuestion *) g_ptr_array_index (unanswered, 1))->id, ==, "org_form");
    g_assert_nonnull (strstr (described, ((YcFormQuestion *) g_ptr_array_index (unanswered, 1))->text));
  }
  g_assert_false (yc_form_lookup_field (form, "agent_name")->visible);
  g_assert_false (yc_form_lookup_field (form, "agent_name")->required);
  g_assert_false (yc_form_lookup_field (form, "family_members")->visible);

  g_signal_connect (form, "changed", G_CALLBACK (on_changed_count_cb), &changes);

  /* one of the two answered: still none */
  yc_form_set_answer (form, "operator", "agent");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_null (yc_form_get_situation_name (form));
  assert_materials (form, "");
  g_assert_true (yc_form_lookup_field (form, "agent_name")->visible);

  yc_form_set_answer (form, "org_form", "individual");
  g_assert_cmpstr (yc_form_get_situation_name (form), ==, situation_name (BUSINESS_ITEM, "agent-individual"));
  assert_materials (form, "ib-application id-card premises-commitment agent-id-card power-of-attorney");
  g_assert_true (yc_form_lookup_field (form, "agent_name")->visible);
  g_assert_true (yc_form_lookup_field (form, "agent_name")->required);

  /* the same answer again changes nothing */
  yc_form_set_answer (form, "operator", "agent");
  g_assert_cmpuint (changes, ==, 2);

  /* the follow-up question is asked now: the situation waits for it */
  yc_form_set_answer (form, "org_form", "family");
  g_assert_true (kinship->visible);
  g_assert_true (yc_form_lookup_field (form, "family_members")->visible);
  g_assert_null (yc_form_get_situation_name (form));
  yc_form_set_answer (form, "kinship", "household");
  g_assert_cmpstr (yc_form_get_situation_name (form), ==, situation_name (BUSINESS_ITEM, "agent-family-household"));
  assert_materials (form, "ib-application id-card premises-commitment family-id-cards household-register "
                          "agent-id-card power-of-attorney");

  yc_form_set_answer (form, "kinship", "certificate");
  g_assert_cmpstr (yc_form_get_situation_name (form), ==, situation_name (BUSINESS_ITEM, "agent-family-certificate"));
  g_assert_true (has_material (form, "kinship-proof"));
  g_assert_false (has_material (form, "household-register"));

  /* back to one person: the follow-up is no longer asked and its answer goes */
  yc_form_set_answer (form, "org_form", "individual");
  g_assert_false (kinship->visible);
  g_assert_null (yc_form_get_answer (form, "kinship"));
  g_assert_false (yc_form_lookup_field (form, "family_members")->visible);
  g_assert_cmpstr (yc_form_get_situation_name (form), ==, situation_name (BUSINESS_ITEM, "agent-individual"));

  yc_form_set_answer (form, "operator", "self");
  assert_materials (form, "ib-application id-card premises-commitment");
  g_assert_false (yc_form_lookup_field (form, "agent_name")->visible);

  /* a material keeps what the template says about it */
  {
    GPtrArray *materials = yc_form_get_materials (form);
    const YcFormMaterial *commitment = g_ptr_array_index (materials, 2);

    g_assert_cmpstr (commitment->id, ==, "premises-commitment");
    g_assert_cmpstr (commitment->received, ==, "commitment");
    g_assert_nonnull (commitment->commitment);
    g_assert_true (commitment->primary);
    g_assert_cmpuint (commitment->copies, ==, 1);
    g_assert_cmpuint (commitment->status, ==, YC_MATERIAL_PENDING);
  }
}

/* The operator's sex and birth date come from the ID number and cannot be
 * typed over.
 */
static void
test_calculated_from_id (void)
{
  g_autoptr(YcForm) form = demo_form (BUSINESS_ITEM);
  g_autofree char *male = yc_test_make_id ("37011219880215001");
  g_autoptr(JsonNode) typed = json_node_init_string (json_node_alloc (), "2000-01-01");

  g_assert_true (yc_form_lookup_field (form, "applicant_birth")->calculated);
  g_assert_true (yc_form_lookup_field (form, "applicant_sex")->calculated);
  g_assert_false (yc_form_lookup_field (form, "applicant_id")->calculated);
  g_assert_null (yc_form_get_value (form, "applicant_birth"));

  set_string (form, "applicant_id", GOOD_ID);
  g_assert_cmpstr (get_string (form, "applicant_birth"), ==, "1949-12-31");
  g_assert_cmpstr (get_string (form, "applicant_sex"), ==, "F");
  g_assert_null (yc_form_check_field (form, "applicant_birth"));
  g_assert_null (yc_form_check_field (form, "applicant_sex"));

  set_string (form, "applicant_id", male);
  g_assert_cmpstr (get_string (form, "applicant_birth"), ==, "1988-02-15");
  g_assert_cmpstr (get_string (form, "applicant_sex"), ==, "M");

  /* a calculated field ignores what is typed into it */
  yc_form_set_value (form, "applicant_birth", typed);
  g_assert_cmpstr (get_string (form, "applicant_birth"), ==, "1988-02-15");

  clear_value (form, "applicant_id");
  g_assert_null (yc_form_get_value (form, "applicant_id"));
  g_assert_null (yc_form_get_value (form, "applicant_birth"));
  g_assert_null (yc_form_get_value (form, "applicant_sex"));
}

static void
test_validation (void)
{
  g_autoptr(YcForm) form = demo_form (BUSINESS_ITEM);
  JsonObject *premises = template_field (BUSINESS_ITEM, "premises_address");
  const char *outside = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (premises, "validate"), 0), "message");
  g_autofree char *message = NULL;
  g_autofree char *checked = NULL;

  g_assert_nonnull ((message = problem_for (form, "applicant_id")));
  g_clear_pointer (&message, g_free);

  set_string (form, "applicant_id", WRONG_ID);
  message = problem_for (form, "applicant_id");
  checked = yc_form_check_field (form, "applicant_id");
  g_assert_nonnull (message);
  g_assert_cmpstr (message, ==, checked);
  g_assert_null (problem_for (form, "trade_name"));
  g_clear_pointer (&message, g_free);
  g_clear_pointer (&checked, g_free);

  set_string (form, "applicant_id", GOOD_ID);
  g_assert_null (problem_for (form, "applicant_id"));
  g_assert_null (yc_form_check_field (form, "applicant_id"));

  /* the template's own rule, with the template's own message */
  set_json (form, "premises_address", "{\"region\": \"110105\", \"detail\": \"朝阳路1号\"}");
  message = problem_for (form, "premises_address");
  g_assert_cmpstr (message, ==, outside);
  g_clear_pointer (&message, g_free);
  set_json (form, "premises_address", "{\"region\": \"370112\", \"detail\": \"工业北路1号\"}");
  g_assert_null (problem_for (form, "premises_address"));

  /* bounds and types from the definition */
  set_json (form, "employees", "0");
  g_assert_nonnull ((message = problem_for (form, "employees")));
  g_clear_pointer (&message, g_free);
  set_json (form, "employees", "2.5");
  g_assert_nonnull ((message = problem_for (form, "employees")));
  g_clear_pointer (&message, g_free);
  set_json (form, "employees", "3");
  g_assert_null (problem_for (form, "employees"));
  set_string (form, "applicant_mobile", "12345");
  g_assert_nonnull ((message = problem_for (form, "applicant_mobile")));
  g_clear_pointer (&message, g_free);

  /* a date is written exactly YYYY-MM-DD, as the calendar reads it */
  {
    g_autoptr(JsonObject) date_field = json_object_new ();
    const char *wrong[] = { "+026-01-01", " 26-01-01", "2026-1-1xx", "2026-02-29", "0000-01-01" };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), wrong[i]);
        g_autofree char *date_problem = yc_field_type_check (YC_FIELD_TYPE_DATE, date_field, value);

        g_test_message ("%s", wrong[i]);
        g_assert_cmpstr (date_problem, ==, "Enter a real date as YYYY-MM-DD");
      }
  }

  /* a hidden field is neither checked nor reported */
  set_string (form, "agent_id", WRONG_ID);
  g_assert_false (yc_form_lookup_field (form, "agent_id")->visible);
  g_assert_null (problem_for (form, "agent_id"));
  g_assert_null (yc_form_check_field (form, "agent_id"));
  yc_form_set_answer (form, "operator", "agent");
  g_assert_nonnull ((message = problem_for (form, "agent_id")));
}

/* A field whose "required" is a rule follows the values it names. */
static void
test_required_rules (void)
{
  g_autoptr(YcForm) company = demo_form (COMPANY_ITEM);
  g_autoptr(YcForm) employer = demo_form (EMPLOYER_ITEM);
  g_autofree char *message = NULL;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (template_field (COMPANY_ITEM, "supervisor_id"),
                                                                 "required")));
  g_assert_false (yc_form_lookup_field (company, "supervisor_id")->required);
  g_assert_null (problem_for (company, "supervisor_id"));

  set_string (company, "supervisor_name", "李四");
  g_assert_true (yc_form_lookup_field (company, "supervisor_id")->required);
  g_assert_nonnull ((message = problem_for (company, "supervisor_id")));
  g_clear_pointer (&message, g_free);

  set_string (company, "supervisor_name", "");
  g_assert_null (yc_form_get_value (company, "supervisor_name"));
  g_assert_false (yc_form_lookup_field (company, "supervisor_id")->required);
  g_assert_null (problem_for (company, "supervisor_id"));

  /* the insured staff are required only when there is staff */
  g_assert_false (yc_form_lookup_field (employer, "insured_staff")->required);
  set_json (employer, "employees_count", "0");
  g_assert_false (yc_form_lookup_field (employer, "insured_staff")->required);
  set_json (employer, "employees_count", "3");
  g_assert_true (yc_form_lookup_field (employer, "insured_staff")->required);
  g_assert_nonnull ((message = problem_for (employer, "insured_staff")));
  g_clear_pointer (&message, g_free);

  /* required and visible: a field the answers hide is never required */
  g_assert_true (json_object_get_boolean_member (template_field (EMPLOYER_ITEM, "credit_code"), "required"));
  yc_form_set_answer (employer, "licence_obtained", "no");
  g_assert_false (yc_form_lookup_field (employer, "credit_code")->visible);
  g_assert_false (yc_form_lookup_field (employer, "credit_code")->required);
  yc_form_set_answer (employer, "licence_obtained", "yes");
  g_assert_true (yc_form_lookup_field (employer, "credit_code")->required);
}

/* A column's "visible" rule is the form's: a cell its row hides is
 * neither checked nor required, and not part of the value, whoever sets
 * it: the window, the command line or a saved draft. */
static void
test_hidden_columns (void)
{
  g_autoptr(YcForm) form = demo_form (COMPANY_ITEM);
  g_autoptr(YcForm) filled = demo_form (COMPANY_ITEM);
  g_autoptr(YcForm) restored = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *given = NULL;
  /* an organisation, with an ID number typed before its type was chosen */
  const char *entity = "[{\"shareholder_type\": \"entity\", \"shareholder_name\": \"济南幸福投资有限公司\","
                       " \"shareholder_person_id\": \"123\", \"shareholder_credit_code\": \"91350100M000100Y43\","
                       " \"contribution\": 100, \"contribution_form\": \"money\","
                       " \"contribution_deadline\": \"2030-12-31\"}]";
  const char *person = "[{\"shareholder_type\": \"person\", \"shareholder_name\": \"王建国\","
                       " \"contribution\": 100, \"contribution_form\": \"money\","
                       " \"contribution_deadline\": \"2030-12-31\"}]";
  g_autofree char *assignment = g_strconcat ("shareholders=", entity, NULL);
  const char *values[] = { "registered_capital=100", assignment, NULL };
  const char *answers[] = { "entity_shareholder=yes", NULL };
  GPtrArray *columns = yc_form_field_get_columns (yc_form_lookup_field (form, "shareholders"));
  JsonObject *row;

  /* the catalog says only what holds wherever the column shows */
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (((YcFormField *) g_ptr_array_index (columns, i))->key, "shareholder_person_id"))
      g_assert_true (((YcFormField *) g_ptr_array_index (columns, i))->required);

  yc_form_set_answer (form, "entity_shareholder", "yes");
  set_json (form, "registered_capital", "100");
  set_json (form, "shareholders", entity);
  row = json_array_get_object_element (json_node_get_array (yc_form_get_value (form, "shareholders")), 0);
  g_assert_false (json_object_has_member (row, "shareholder_person_id"));
  g_assert_cmpstr (json_object_get_string_member (row, "shareholder_credit_code"), ==, "91350100M000100Y43");
  g_assert_false (yc_form_is_cell_visible (form, "shareholders", 0, "shareholder_person_id"));
  g_assert_true (yc_form_is_cell_visible (form, "shareholders", 0, "shareholder_credit_code"));
  /* a row not there yet has no type, and so neither code */
  g_assert_false (yc_form_is_cell_visible (form, "shareholders", 1, "shareholder_credit_code"));
  g_assert_true (yc_form_is_cell_visible (form, "shareholders", 1, "shareholder_name"));
  g_assert_null ((message = yc_form_check_field (form, "shareholders")));

  /* the command line stores what the window stores */
  g_assert_true (yc_form_fill (filled, answers, values, NULL, NULL, &error));
  g_assert_no_error (error);
  stored = json_to_string (yc_form_get_value (form, "shareholders"), FALSE);
  given = json_to_string (yc_form_get_value (filled, "shareholders"), FALSE);
  g_assert_cmpstr (given, ==, stored);

  /* and so does a draft saved with the cell */
  saved = json_object_new ();
  json_object_set_string_member (saved, "code", COMPANY_ITEM);
  json_object_set_object_member (saved, "values", json_object_new ());
  json_object_set_member (json_object_get_object_member (saved, "values"), "shareholders",
                          yc_json_from_string (entity, NULL));
  restored = yc_form_new_from_saved (demo, saved, &error);
  g_assert_no_error (error);
  g_clear_pointer (&given, g_free);
  given = json_to_string (yc_form_get_value (restored, "shareholders"), FALSE);
  g_assert_cmpstr (given, ==, stored);

  /* a person's ID number is asked for once the row shows it */
  set_json (form, "shareholders", person);
  g_assert_true (yc_form_is_cell_visible (form, "shareholders", 0, "shareholder_person_id"));
  g_assert_nonnull ((message = yc_form_check_field (form, "shareholders")));
  g_assert_nonnull (strstr (message, "公民身份号码"));
}

static void
test_save_restore (void)
{
  g_autoptr(YcForm) form = demo_form (BUSINESS_ITEM);
  g_autoptr(YcForm) restored = NULL;
  g_autoptr(YcForm) other = demo_form (FOOD_ITEM);
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *text = NULL;
  GPtrArray *fields;

  yc_form_set_answer (form, "operator", "agent");
  yc_form_set_answer (form, "org_form", "family");
  yc_form_set_answer (form, "kinship", "household");
  set_string (form, "applicant_name", "王芳");
  set_string (form, "applicant_id", GOOD_ID);
  set_string (form, "applicant_mobile", "13812345678");
  set_json (form, "premises_address", "{\"region\": \"370112\", \"detail\": \"工业北路1号\"}");
  set_json (form, "capital", "12.5");
  set_json (form, "employees", "3");
  set_json (form, "tax_with_registration", "true");
  set_json (form, "family_members",
            "[{\"member_name\": \"李强\", \"member_id\": \"" WRONG_ID "\", \"member_relation\": \"spouse\"}]");
  yc_form_set_material_status (form, "ib-application", YC_MATERIAL_RECEIVED);
  yc_form_set_material_status (form, "id-card", YC_MATERIAL_MISSING);

  saved = yc_form_save (form);
  g_assert_cmpstr (json_object_get_string_member (saved, "code"), ==, BUSINESS_ITEM);
  g_assert_cmpint (json_object_get_int_member (saved, "version"), ==, yc_form_get_version (form));
  /* what the clerk saw, calculated values too */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (saved, "values"), "applicant_birth"),
                   ==, "1949-12-31");

  /* through text, as a draft is stored */
  text = yc_json_object_to_string (saved);
  parsed = yc_json_from_string (text, &error);
  g_assert_no_error (error);
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (parsed), "values"),
                                 "no_such_field", "dropped");

  restored = yc_form_new_from_saved (demo, json_node_get_object (parsed), &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);

  g_assert_cmpstr (yc_form_get_answer (restored, "operator"), ==, "agent");
  g_assert_cmpstr (yc_form_get_answer (restored, "org_form"), ==, "family");
  g_assert_cmpstr (yc_form_get_answer (restored, "kinship"), ==, "household");
  g_assert_cmpstr (yc_form_get_situation_name (restored), ==, yc_form_get_situation_name (form));
  g_assert_null (yc_form_get_value (restored, "no_such_field"));

  fields = yc_form_get_fields (form);
  for (guint i = 0; i < fields->len; i++)
    {
      const YcFormField *f = g_ptr_array_index (fields, i);
      const YcFormField *g = yc_form_lookup_field (restored, f->key);
      JsonNode *a = yc_form_get_value (form, f->key);
      JsonNode *b = yc_form_get_value (restored, f->key);

      g_test_message ("%s", f->key);
      g_assert_true ((a == NULL) == (b == NULL));
      if (a != NULL)
        g_assert_true (json_node_equal (a, b));
      g_assert_true (f->visible == g->visible);
      g_assert_true (f->required == g->required);
    }

  {
    GPtrArray *m1 = yc_form_get_materials (form);
    GPtrArray *m2 = yc_form_get_materials (restored);

    g_assert_cmpuint (m1->len, ==, m2->len);
    for (guint i = 0; i < m1->len; i++)
      {
        YcFormMaterial *x = g_ptr_array_index (m1, i);
        YcFormMaterial *y = g_ptr_array_index (m2, i);

        g_assert_cmpstr (x->id, ==, y->id);
        g_assert_cmpuint (x->status, ==, y->status);
      }
    g_assert_cmpuint (yc_form_suggest_decision (restored), ==, yc_form_suggest_decision (form));
  }

  before = yc_form_validate (form);
  after = yc_form_validate (restored);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    {
      YcFormProblem *x = g_ptr_array_index (before, i);
      YcFormProblem *y = g_ptr_array_index (after, i);

      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpstr (x->message, ==, y->message);
    }

  /* a draft belongs to its item */
  g_assert_false (yc_form_restore (other, json_node_get_object (parsed), &error));
  g_assert_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID);
}

/* 食品经营许可: two materials may follow within 容缺 days, the others not. */
static void
test_suggest_decision (void)
{
  g_autoptr(YcForm) form = demo_form (FOOD_ITEM);
  GPtrArray *materials = yc_form_get_materials (form);
  const YcFormMaterial *primary = NULL;
  const YcFormMaterial *secondary = NULL;
  g_autofree char *primary_id = NULL;
  g_autofree char *secondary_id = NULL;

  /* no checklist before the situation: nothing to suggest, not 受理 */
  g_assert_cmpuint (materials->len, ==, 0);
  g_assert_cmpint (yc_form_suggest_decision (form), ==, YC_DECISION_NONE);
  yc_form_set_answer (form, "operator", "self");
  yc_form_set_answer (form, "licence_obtained", "no");

  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);

      if (m->primary && primary == NULL)
        primary = m;
      else if (!m->primary && secondary == NULL)
        secondary = m;
    }
  g_assert_nonnull (primary);
  g_assert_nonnull (secondary);
  g_assert_cmpuint (secondary->rongque_days, >, 0);
  g_assert_cmpuint (primary->rongque_days, ==, 0);
  /* the materials array is rebuilt on every change: keep the ids */
  primary_id = g_strdup (primary->id);
  secondary_id = g_strdup (secondary->id);

  g_assert_cmpuint (yc_form_suggest_decision (form), ==, YC_DECISION_NONE);

  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_RECEIVED);
  g_assert_cmpuint (yc_form_suggest_decision (form), ==, YC_DECISION_ACCEPT);

  yc_form_set_material_status (form, secondary_id, YC_MATERIAL_MISSING);
  g_assert_cmpuint (yc_form_suggest_decision (form), ==, YC_DECISION_RONGQUE);

  yc_form_set_material_status (form, primary_id, YC_MATERIAL_MISSING);
  g_assert_cmpuint (yc_form_suggest_decision (form), ==, YC_DECISION_NOTIFY);

  yc_form_set_material_status (form, secondary_id, YC_MATERIAL_RECEIVED);
  g_assert_cmpuint (yc_form_suggest_decision (form), ==, YC_DECISION_NOTIFY);

  yc_form_set_material_status (form, primary_id, YC_MATERIAL_RECEIVED);
  g_assert_cmpuint (yc_form_suggest_decision (form), ==, YC_DECISION_ACCEPT);

  /* a material the answers add is unchecked: no decision yet */
  yc_form_set_answer (form, "operator", "agent");
  yc_form_set_answer (form, "licence_obtained", "no");
  g_assert_true (has_material (form, "agent-id-card"));
  g_assert_cmpuint (yc_form_suggest_decision (form), ==, YC_DECISION_NONE);

  for (YcDecision d = YC_DECISION_NONE; d <= YC_DECISION_REJECT; d++)
    g_assert_cmpuint (yc_decision_from_string (yc_decision_to_string (d)), ==, d);
  g_assert_cmpuint (yc_decision_from_string ("nonsense"), ==, YC_DECISION_NONE);
}

/* Broken templates */

/* Where the mistake in each broken template is; "*" stands for an index,
 * so that the templates may grow around their mistake. For a newer rule,
 * also what the problem says (a part of its English message) and, where
 * json-glib cannot say it, its line and column.
 */
static const struct
{
  const char *file;
  const char *path;
  const char *says;
  guint       line;
  guint       column;
} broken_expected[] = {
  { "answers-as-field-key.json", "$.fields[*].key" },
  { "applicant-marked-twice.json", "$.fields[*].applicant" },
  { "attachment-unknown-material.json", "$.fields[*].material" },
  { "bad-code-length.json", "$.code" },
  { "bad-field-type.json", "$.fields[*].type" },
  { "bad-json-syntax.json", "$" },
  { "bad-level.json", "$.level" },
  { "choice-without-options.json", "$.fields[*]" },
  { "commitment-without-text.json", "$.materials[*]" },
  { "commitment-listed-without-text.json", "$.materials[*]" },
  { "received-unknown-form.json", "$.materials[*].received[*]" },
  { "duplicate-field-key.json", "$.fields[*].key" },
  { "fee-amount-not-string.json", "$.fees.items[*].amount" },
  { "impl-code-mismatch.json", "$.impl_code" },
  { "missing-name.json", "$" },
  { "no-situations.json", "$.situations" },
  { "primary-with-rongque-days.json", "$.materials[*].rongque_days" },
  { "promised-over-legal.json", "$.limits.promised_days" },
  { "rongque-over-promised.json", "$.materials[*].rongque_days" },
  { "unknown-jsonlogic-op.json", "$.fields[*].validate[*].rule" },
  { "unknown-material-in-situation.json", "$.situations[*].materials[*]" },
  { "rule-unknown-question.json", "$.situations[*].when", "“answers.employmnet”, but the item has no question “employmnet”" },
  { "rule-unknown-field.json", "$.fields[*].validate[*].rule", "“personel_type”, but the item has no field" },
  { "rule-unknown-option.json", "$.situations[*].when", "“flexible-worker” is not an option of the question “employment”" },
  { "column-rule-reads-field.json", "$.fields[*].fields[*].validate[*].rule", "the table has no column “contribution_months”" },
  { "column-calc.json", "$.fields[*].fields[*].calc", "never calculated" },
  { "duplicate-member.json", "$.fields[*].required", "“required” appears twice" },
  { "calc-reads-later-field.json", "$.fields[*].calc", "reads “applicant_birth”, a field after it" },
  { "calc-cycle.json", "$.fields[*].calc", "read each other" },
  { "required-not-boolean.json", "$.fields[*].required", "must be true, false or a rule" },
  { "legal-days-negative.json", "$.limits.legal_days", "must be at least 1" },
  { "rongque-on-instant.json", "$.materials[*].primary", "即办件" },
  { "promised-days-on-instant.json", "$.limits.promised_days", "即办件" },
  { "unknown-member.json", "$.fields[*].requried", "not a member the format knows" },
  { "situation-after-unconditional.json", "$.situations[*]", "never chosen" },
  { "commitment-text-without-form.json", "$.materials[*].commitment", "does not offer 告知承诺" },
  { "copies-of-electronic.json", "$.materials[*].copies", "no paper copies" },
  { "min-above-max.json", "$.fields[*].min", "“min” is above “max”" },
  { "options-on-text.json", "$.fields[*].options", "means nothing to a “text” field" },
  { "bad-date-bound.json", "$.fields[*].min", "real date" },
  { "fee-free-false.json", "$.fees.free", "can only be true" },
  { "department-code-check-digit.json", "$.department.code", "统一社会信用代码" },
  { "list-value-twice.json", "$.delivery[*]", "listed twice" },
  { "byte-order-mark.json", "$", "byte-order mark", 1, 1 },
  /* the bad byte is the second character of 申领人或者参保单位 */
  { "bad-utf8.json", "$", "is not UTF-8", 98, 19 },
};

/* The text at a 1-based line and column (in characters). */
static const char *
text_at (const char *text,
         guint       line,
         guint       column)
{
  const char *p = text;

  for (guint l = 1; l < line && p != NULL; l++)
    if ((p = strchr (p, '\n')) != NULL)
      p++;
  g_assert_nonnull (p);
  for (guint c = 1; c < column; c++)
    {
      g_assert_true (*p != '\0' && *p != '\n');
      p = g_utf8_next_char (p);
    }
  return p;
}

/* Checks, without yc_json_locate(), that a problem's line and column are
 * where its path's value starts in the file.
 */
static void
assert_position (JsonNode               *root,
                 const char             *text,
                 const YcCatalogProblem *problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) found = json_path_query (problem->path, root, &error);
  JsonArray *matches;
  JsonNode *node;
  const char *at;

  g_assert_no_error (error);
  matches = json_node_get_array (found);
  g_assert_cmpuint (json_array_get_length (matches), ==, 1);
  node = json_array_get_element (matches, 0);
  at = text_at (text, problem->line, problem->column);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      g_assert_cmpint (*at, ==, '{');
      break;
    case JSON_NODE_ARRAY:
      g_assert_cmpint (*at, ==, '[');
      break;
    case JSON_NODE_NULL:
      g_assert_true (g_str_has_prefix (at, "null"));
      break;
    case JSON_NODE_VALUE:
    default:
      {
        g_autofree char *json = yc_json_to_string (node);

        g_assert_true (g_str_has_prefix (at, json));
      }
      break;
    }
}

/* The first “quoted” name in a message, if any. */
static char *
quoted_name (const char *message)
{
  const char *open = strstr (message, "“");
  const char *close = open ? strstr (open, "”") : NULL;

  if (close == NULL)
    return NULL;
  open += strlen ("“");
  return g_strndup (open, close - open);
}

/* A broken template fails alone, and its problems point into it. */
static void
check_broken (const char *file)
{
  const char *files[] = { file, NULL };
  g_autofree char *basename = g_path_get_basename (file);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) syntax = NULL;
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = NULL;
  const char *expected = NULL;
  const char *says = NULL;
  guint at_line = 0, at_column = 0;
  gboolean matched = FALSE;

  g_test_message ("%s", file);
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  json_parser_load_from_data (parser, text, -1, &syntax);

  catalog = yc_catalog_load_files (files, problems, &error);
  print_problems (problems);
  g_assert_null (catalog);
  g_assert_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_INVALID);
  g_assert_cmpuint (problems->len, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (broken_expected); i++)
    if (g_str_equal (broken_expected[i].file, basename))
      {
        expected = broken_expected[i].path;
        says = broken_expected[i].says;
        at_line = broken_expected[i].line;
        at_column = broken_expected[i].column;
      }
  if (expected == NULL)
    g_test_message ("%s is not in broken_expected: only the general checks apply", basename);

  for (guint i = 0; i < problems->len; i++)
    {
      YcCatalogProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->file, ==, file);
      g_assert_nonnull (problem->path);
      g_assert_true (g_str_has_prefix (problem->path, "$"));
      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_assert_cmpuint (problem->line, >, 0);
      g_assert_cmpuint (problem->column, >, 0);
      if (expected != NULL && g_pattern_match_simple (expected, problem->path) &&
          (says == NULL || strstr (problem->message, says) != NULL))
        matched = TRUE;

      if (at_line > 0)
        {
          /* json-glib has no position for these, or the wrong one */
          g_assert_cmpuint (problem->line, ==, at_line);
          g_assert_cmpuint (problem->column, ==, at_column);
        }
      else if (syntax != NULL)
        {
          /* json-glib's own position, and its message without its
           * "<data>:line:column: " prefix */
          const char *own = g_str_has_prefix (syntax->message, "<data>:")
                            ? syntax->message + strlen ("<data>:") : syntax->message;
          guint line = 0, column = 0;

          g_assert_cmpint (sscanf (own, "%u:%u", &line, &column), ==, 2);
          g_assert_cmpstr (problem->path, ==, "$");
          g_assert_cmpuint (problem->line, ==, line);
          g_assert_cmpuint (problem->column, ==, column);
          g_assert_false (g_str_has_prefix (problem->message, "<data>"));
        }
      else
        {
          JsonNode *root = json_parser_get_root (parser);

          assert_position (root, text, problem);
          /* "$" alone is right for a member that is missing; for one that
           * is there but wrong, the path must name it */
          if (g_str_equal (problem->path, "$"))
            {
              g_autofree char *member = quoted_name (problem->message);

              if (member != NULL)
                g_assert_false (json_object_has_member (json_node_get_object (root), member));
            }
        }
    }
  g_assert_true (expected == NULL || matched);
}

static void
test_broken_template (gconstpointer data)
{
  check_broken (data);
}

/* A file that is not JSON in a catalog folder fails the whole folder: a
 * catalog that silently lost an item would be worse than none.
 */
static void
test_broken_file_in_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yc-catalog-XXXXXX", &error);
  g_autofree char *items = NULL;
  g_autofree char *header = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(YcCatalog) catalog = NULL;
  gsize length;

  g_assert_no_error (error);
  items = g_build_filename (dir, "items", NULL);
  header = g_build_filename (dir, "catalog.json", NULL);
  good = g_build_filename (items, "good.json", NULL);
  bad = g_build_filename (items, "bad.json", NULL);
  g_assert_cmpint (g_mkdir (items, 0700), ==, 0);

  g_assert_true (g_file_get_contents (DEMO_CATALOG "/catalog.json", &text, &length, NULL));
  g_assert_true (g_file_set_contents (header, text, length, NULL));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (DEMO_CATALOG "/items/individual-business-registration.json", &text, &length,
                                      NULL));
  g_assert_true (g_file_set_contents (good, text, length, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"format\": 1, \"kind\": \"item\",\n \"code\": ,}", -1, NULL));

  catalog = yc_catalog_load_directory (dir, problems, &error);
  print_problems (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((YcCatalogProblem *) g_ptr_array_index (problems, 0))->file, ==, bad);
  g_assert_cmpuint (((YcCatalogProblem *) g_ptr_array_index (problems, 0))->line, ==, 2);
  g_assert_null (catalog);
  g_assert_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_INVALID);

  g_remove (good);
  g_remove (bad);
  g_remove (header);
  g_rmdir (items);
  g_rmdir (dir);
}

/* The published document */

static void
test_document_round_trip (void)
{
  g_autoptr(GBytes) document = yc_catalog_to_document (demo);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) copy = yc_catalog_load_document (document, "published.json", problems, &error);
  GListModel *a = G_LIST_MODEL (demo);
  GListModel *b;

  print_problems (problems);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_cmpstr (yc_catalog_get_name (copy), ==, yc_catalog_get_name (demo));
  g_assert_cmpstr (yc_catalog_get_version (copy), ==, yc_catalog_get_version (demo));
  g_assert_cmpstr (yc_catalog_get_region (copy), ==, yc_catalog_get_region (demo));

  b = G_LIST_MODEL (copy);
  g_assert_cmpuint (g_list_model_get_n_items (b), ==, g_list_model_get_n_items (a));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(YcCatalogEntry) x = g_list_model_get_item (a, i);
      g_autoptr(YcCatalogEntry) y = g_list_model_get_item (b, i);
      const char *code = yc_catalog_entry_get_code (x);
      g_autoptr(JsonNode) nx = json_node_init_object (json_node_alloc (), yc_catalog_lookup (demo, code));
      g_autoptr(JsonNode) ny = json_node_init_object (json_node_alloc (), yc_catalog_lookup (copy, code));

      g_assert_cmpstr (yc_catalog_entry_get_code (y), ==, code);
      g_assert_cmpstr (yc_catalog_entry_get_name (y), ==, yc_catalog_entry_get_name (x));
      g_assert_cmpuint (yc_catalog_entry_get_version (y), ==, yc_catalog_entry_get_version (x));
      g_assert_true (yc_catalog_entry_is_bundle (y) == yc_catalog_entry_is_bundle (x));
      g_assert_cmpstr (yc_catalog_entry_get_department (y), ==, yc_catalog_entry_get_department (x));
      g_assert_true (json_node_equal (nx, ny));
    }

  /* publishing what was received gives the same bytes */
  again = yc_catalog_to_document (copy);
  g_assert_true (g_bytes_equal (again, document));
}

/* A problem inside a published document is named by its path in the
 * document and its line there.
 */
static void
test_document_problem_position (void)
{
  static const char text[] =
    "{\n"
    "  \"format\": 1, \"name\": \"t\", \"version\": \"1\",\n"
    "  \"items\": [\n"
    "    {\"format\": 1, \"kind\": \"item\", \"code\": \"000107003000\", \"version\": 1, \"name\": \"x\",\n"
    "     \"type\": \"07\", \"level\": \"4\", \"basis\": [\"b\"], \"department\": {\"name\": \"d\"},\n"
    "     \"objects\": [\"1\"], \"limits\": {\"kind\": \"instant\"}, \"fees\": {\"free\": true},\n"
    "     \"delivery\": [\"window\"],\n"
    "     \"situations\": [{\"id\": \"s\", \"name\": \"s\", \"materials\": [\"m\"]}],\n"
    "     \"materials\": [{\"id\": \"m\", \"name\": \"m\", \"primary\": true, \"received\": \"copy\"}],\n"
    "     \"fields\": [\n"
    "       {\"key\": \"a\", \"label\": \"a\", \"type\": \"text\"},\n"
    "       {\"key\": \"b\", \"label\": \"b\", \"type\": \"colour\"}\n"
    "     ]}\n"
    "  ],\n"
    "  \"bundles\": []\n"
    "}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = yc_catalog_load_document (bytes, "doc.json", problems, &error);
  YcCatalogProblem *p;
  g_autofree char *line = NULL;

  print_problems (problems);
  g_assert_null (catalog);
  g_assert_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (p->file, ==, "doc.json");
  g_assert_cmpstr (p->path, ==, "$.items[0].fields[1].type");
  g_assert_cmpuint (p->line, ==, 12);
  g_assert_cmpuint (p->column, ==, 43);
  line = yc_catalog_problem_to_string (p);
  g_assert_true (g_str_has_prefix (line, "doc.json:12:43: $.items[0].fields[1].type: "));
}

/* A published document whose item has the same member twice, on its line */
static void
test_document_duplicate_member (void)
{
  static const char text[] =
    "{\n"
    "  \"format\": 1, \"name\": \"t\", \"version\": \"1\",\n"
    "  \"items\": [\n"
    "    {\"format\": 1, \"kind\": \"item\", \"code\": \"000107003000\", \"version\": 1, \"name\": \"x\",\n"
    "     \"type\": \"07\", \"level\": \"4\", \"basis\": [\"b\"], \"department\": {\"name\": \"d\"},\n"
    "     \"objects\": [\"1\"], \"limits\": {\"kind\": \"instant\"}, \"fees\": {\"free\": true},\n"
    "     \"delivery\": [\"window\"],\n"
    "     \"situations\": [{\"id\": \"s\", \"name\": \"s\", \"materials\": [\"m\"]}],\n"
    "     \"materials\": [{\"id\": \"m\", \"name\": \"m\", \"primary\": true, \"received\": \"copy\"}],\n"
    "     \"fields\": [\n"
    "       {\"key\": \"a\", \"label\": \"甲\", \"type\": \"text\", \"label\": \"乙\"}\n"
    "     ]}\n"
    "  ],\n"
    "  \"bundles\": []\n"
    "}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = yc_catalog_load_document (bytes, "doc.json", problems, &error);
  YcCatalogProblem *p;

  print_problems (problems);
  g_assert_null (catalog);
  g_assert_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (p->path, ==, "$.items[0].fields[0].label");
  g_assert_nonnull (strstr (p->message, "“label” appears twice"));
  /* the second one, the one json-glib kept */
  g_assert_cmpuint (p->line, ==, 11);
  g_assert_cmpuint (p->column, ==, 60);
}

/* An item whose rules read what it has, and what it has not: each name
 * the item lacks is one problem at its rule, and no name a rule reads
 * from something else than the form (a map's element) is taken for a
 * field. */
static void
test_rule_names (void)
{
  static const char text[] =
    "{\"format\": 1, \"name\": \"t\", \"version\": \"1\", \"items\": [\n"
    " {\"format\": 1, \"kind\": \"item\", \"code\": \"000107003000\", \"version\": 1, \"name\": \"x\",\n"
    "  \"type\": \"07\", \"level\": \"4\", \"basis\": [\"b\"], \"department\": {\"name\": \"d\"},\n"
    "  \"objects\": [\"1\"], \"limits\": {\"kind\": \"instant\"}, \"fees\": {\"free\": true},\n"
    "  \"delivery\": [\"window\"],\n"
    "  \"questions\": [{\"id\": \"q\", \"text\": \"q\", \"options\": [{\"value\": \"a\", \"label\": \"a\"},\n"
    "                                                     {\"value\": \"b\", \"label\": \"b\"}]},\n"
    "                {\"id\": \"q2\", \"text\": \"q2\", \"options\": [{\"value\": \"a\", \"label\": \"a\"}],\n"
    "                 \"when\": {\"and\": [{\"var\": \"answers.q\"}, {\"!\": {\"var\": \"answers.q2\"}}]}}],\n"
    "  \"situations\": [\n"
    "    {\"id\": \"s1\", \"name\": \"s1\", \"materials\": [\"m\"], \"when\": {\"in\": [{\"var\": \"answers.q\"}, [\"a\", \"z\"]]}},\n"
    "    {\"id\": \"s2\", \"name\": \"s2\", \"materials\": [\"m\"], \"when\": {\"==\": [{\"var\": \"answers.zz\"}, \"a\"]}},\n"
    "    {\"id\": \"s3\", \"name\": \"s3\", \"materials\": [\"m\"], \"when\": {\"in\": [{\"var\": \"answers.q\"}, [\"a\", \"b\"]]}},\n"
    "    {\"id\": \"s4\", \"name\": \"s4\", \"materials\": [\"m\"]}],\n"
    "  \"materials\": [{\"id\": \"m\", \"name\": \"m\", \"primary\": true, \"received\": \"copy\"}],\n"
    "  \"fields\": [\n"
    "    {\"key\": \"t\", \"label\": \"t\", \"type\": \"text\",\n"
    "     \"visible\": {\"and\": [{\"var\": [\"t\", \"\"]}, {\"missing\": [\"t\", \"answers.q\"]}, {\"var\": \"answers\"},\n"
    "                          {\"==\": [{\"var\": \"t\"}, \"anything\"]}]}},\n"
    "    {\"key\": \"c\", \"label\": \"c\", \"type\": \"choice\", \"options\": [{\"value\": \"x\", \"label\": \"x\"}],\n"
    "     \"required\": {\"==\": [{\"var\": \"c\"}, \"w\"]}},\n"
    "    {\"key\": \"m\", \"label\": \"m\", \"type\": \"multi-choice\", \"options\": [{\"value\": \"p\", \"label\": \"p\"}],\n"
    "     \"visible\": {\"or\": [{\"in\": [\"p\", {\"var\": \"m\"}]}, {\"in\": [\"r\", {\"var\": \"m\"}]}]}},\n"
    "    {\"key\": \"g\", \"label\": \"g\", \"type\": \"group\",\n"
    "     \"visible\": {\"some\": [{\"var\": \"g\"}, {\"var\": \"k\"}]},\n"
    "     \"validate\": [{\"rule\": {\"missing\": [\"nope\"]}, \"message\": \"m\"}],\n"
    "     \"fields\": [{\"key\": \"k\", \"label\": \"k\", \"type\": \"text\", \"visible\": {\"var\": \"k\"}}]}\n"
    "  ]}\n"
    "], \"bundles\": []}\n";
  static const struct {
    const char *path;
    const char *says;
  } expected[] = {
    { "$.items[0].questions[1].when", "cannot depend on its own answer" },
    { "$.items[0].situations[0].when", "“z” is not an option of the question “q”" },
    { "$.items[0].situations[1].when", "no question “zz”" },
    { "$.items[0].fields[1].required", "“w” is not an option of the field “c”" },
    { "$.items[0].fields[2].visible", "“r” is not an option of the field “m”" },
    { "$.items[0].fields[3].validate[0].rule", "no field “nope”" },
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = yc_catalog_load_document (bytes, "rules.json", problems, &error);

  print_problems (problems);
  g_assert_null (catalog);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      YcCatalogProblem *p = g_ptr_array_index (problems, i);

      g_assert_cmpstr (p->path, ==, expected[i].path);
      g_assert_nonnull (strstr (p->message, expected[i].says));
      g_assert_cmpuint (p->line, >, 0);
    }
}

/* The patterns of the format, one wrong value at a time: each is one
 * problem at its member, and the right value none */
static void
test_document_patterns (void)
{
  static const struct {
    const char *code;
    const char *impl_code;
    const char *fees;
    const char *region;
    const char *path;   /* NULL: no problem */
  } cases[] = {
    { "000107003000", "11370112MB285037534000107003000", "{\"free\": true}", "370112", NULL },
    { "00010700300Y", "11370112MB28503753400010700300Y01", "{\"items\": [{\"name\": \"f\", \"amount\": \"80.00\", \"basis\": \"b\"}]}", "370112", NULL },
    { "00010700300X", "11370112MB28503753400010700300X", "{\"free\": true}", "370112", "$.items[0].code" },
    { "000107003000", "11370112MB285037537000107003000", "{\"free\": true}", "370112", "$.items[0].impl_code" },
    { "000107003000", "1I370112MB285037534000107003000", "{\"free\": true}", "370112", "$.items[0].impl_code" },
    { "000107003000", "11370112MB285037534000107003000", "{\"items\": [{\"name\": \"f\", \"amount\": \"80.0\", \"basis\": \"b\"}]}", "370112", "$.items[0].fees.items[0].amount" },
    { "000107003000", "11370112MB285037534000107003000", "{\"free\": true, \"items\": []}", "370112", "$.items[0].fees.items" },
    { "000107003000", "11370112MB285037534000107003000", "{\"free\": true}", "970112", "$.region" },
    /* a misspelt member of the header, written in after "region" */
    { "000107003000", "11370112MB285037534000107003000", "{\"free\": true}", "370112\", \"reigon\": \"370112",
      "$.reigon" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"format\": 1, \"name\": \"t\", \"version\": \"1\", \"region\": \"%s\", \"items\": [\n"
        " {\"format\": 1, \"kind\": \"item\", \"code\": \"%s\", \"impl_code\": \"%s\", \"version\": 1, \"name\": \"x\",\n"
        "  \"type\": \"07\", \"level\": \"4\", \"basis\": [\"b\"], \"department\": {\"name\": \"d\"},\n"
        "  \"objects\": [\"1\"], \"limits\": {\"kind\": \"instant\"}, \"fees\": %s,\n"
        "  \"delivery\": [\"window\"],\n"
        "  \"situations\": [{\"id\": \"s\", \"name\": \"s\", \"materials\": [\"m\"]}],\n"
        "  \"materials\": [{\"id\": \"m\", \"name\": \"m\", \"primary\": true, \"received\": \"copy\"}],\n"
        "  \"fields\": [{\"key\": \"a\", \"label\": \"a\", \"type\": \"text\"}]}\n"
        "], \"bundles\": []}\n", cases[i].region, cases[i].code, cases[i].impl_code, cases[i].fees);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(YcCatalog) catalog = yc_catalog_load_document (bytes, "patterns.json", problems, NULL);

      g_test_message ("case %u", i);
      print_problems (problems);
      if (cases[i].path == NULL)
        {
          g_assert_nonnull (catalog);
          continue;
        }
      g_assert_null (catalog);
      /* a wrong 基本编码 is also wrong inside the 实施编码 that holds it */
      g_assert_cmpuint (problems->len, ==, i == 2 ? 2 : 1);
      g_assert_cmpstr (((YcCatalogProblem *) g_ptr_array_index (problems, 0))->path, ==, cases[i].path);
    }
}

/* Members of a bundle that give a shared key another type, or other
 * options, than the first member: one problem each, at the member */
static void
test_bundle_shared_field_types (void)
{
#define ITEM(code, fields) \
  " {\"format\": 1, \"kind\": \"item\", \"code\": \"" code "\", \"version\": 1, \"name\": \"x\",\n" \
  "  \"type\": \"07\", \"level\": \"4\", \"basis\": [\"b\"], \"department\": {\"name\": \"d\"},\n" \
  "  \"objects\": [\"1\"], \"limits\": {\"kind\": \"instant\"}, \"fees\": {\"free\": true},\n" \
  "  \"delivery\": [\"window\"],\n" \
  "  \"situations\": [{\"id\": \"s\", \"name\": \"s\", \"materials\": [\"m\"]}],\n" \
  "  \"materials\": [{\"id\": \"m\", \"name\": \"m\", \"primary\": true, \"received\": \"copy\"}],\n" \
  "  \"fields\": [" fields "]}"
#define CHOICE(options) "{\"key\": \"c\", \"label\": \"c\", \"type\": \"choice\", \"options\": [" options "]}"
  static const char text[] =
    "{\"format\": 1, \"name\": \"t\", \"version\": \"1\", \"items\": [\n"
    ITEM ("000107003001", "{\"key\": \"a\", \"label\": \"a\", \"type\": \"text\"}, " CHOICE ("{\"value\": \"x\", \"label\": \"x\"}")) ",\n"
    ITEM ("000107003002", "{\"key\": \"a\", \"label\": \"a\", \"type\": \"text\"}, " CHOICE ("{\"value\": \"x\", \"label\": \"X\"}")) ",\n"
    ITEM ("000107003003", "{\"key\": \"a\", \"label\": \"a\", \"type\": \"date\"}, " CHOICE ("{\"value\": \"y\", \"label\": \"y\"}")) "\n"
    "], \"bundles\": [\n"
    " {\"format\": 1, \"kind\": \"bundle\", \"code\": \"YJS-T\", \"version\": 1, \"name\": \"b\",\n"
    "  \"members\": [{\"item\": \"000107003001\"}, {\"item\": \"000107003002\"}, {\"item\": \"000107003003\"}]}\n"
    "]}\n";
#undef ITEM
#undef CHOICE
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(YcCatalog) catalog = yc_catalog_load_document (bytes, "bundle.json", problems, NULL);
  YcCatalogProblem *p;

  print_problems (problems);
  g_assert_null (catalog);
  /* the second member agrees (a label may differ); the third not twice */
  g_assert_cmpuint (problems->len, ==, 2);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (p->path, ==, "$.bundles[0].members[2].item");
  g_assert_nonnull (strstr (p->message, "“a” is a “date” in 000107003003"));
  p = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (p->path, ==, "$.bundles[0].members[2].item");
  g_assert_nonnull (strstr (p->message, "“c” has other options"));
}

/* A catalog over a station's cap is refused by the loader, the service's
 * as the linter's, before it is read */
static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yc-catalog-XXXXXX", &error);
  g_autofree char *file = NULL;
  const char *files[2] = { NULL, NULL };
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(GBytes) bytes = NULL;
  YcCatalogProblem *p;
  int fd;

  g_assert_no_error (error);
  file = g_build_filename (dir, "huge.json", NULL);
  files[0] = file;
  /* a sparse file: nothing is written, and nothing must be read */
  fd = g_open (file, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, YC_CATALOG_MAX_SIZE + 1), ==, 0);
  close (fd);

  catalog = yc_catalog_load_files (files, problems, &error);
  print_problems (problems);
  g_assert_null (catalog);
  g_assert_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (p->file, ==, file);
  g_assert_cmpstr (p->path, ==, "$");
  g_assert_nonnull (strstr (p->message, "more than the 64 MiB a station accepts"));
  g_clear_error (&error);
  g_ptr_array_set_size (problems, 0);

  /* and as a published document */
  bytes = g_bytes_new_take (g_malloc0 (YC_CATALOG_MAX_SIZE + 1), YC_CATALOG_MAX_SIZE + 1);
  g_clear_object (&catalog);
  catalog = yc_catalog_load_document (bytes, "published.json", problems, &error);
  g_assert_null (catalog);
  g_assert_nonnull (error);
  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_nonnull (strstr (p->message, "more than the 64 MiB a station accepts"));

  /* exactly the cap is taken as far as size goes: the zeros are then
   * named as what they are */
  g_clear_error (&error);
  g_ptr_array_set_size (problems, 0);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&catalog);
  bytes = g_bytes_new_take (g_malloc0 (YC_CATALOG_MAX_SIZE), YC_CATALOG_MAX_SIZE);
  catalog = yc_catalog_load_document (bytes, "published.json", problems, &error);
  g_assert_null (catalog);
  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_null (strstr (p->message, "a station accepts"));
  g_assert_nonnull (strstr (p->message, "NUL"));

  g_assert_cmpint (g_remove (file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* lists of names that hold something else than names: a problem each,
 * never a GLib critical (the tests make those fatal) */
static void
test_document_names_not_text (void)
{
  static const char text[] =
    "{\n"
    "  \"format\": 1, \"name\": \"t\", \"version\": \"1\",\n"
    "  \"items\": [\n"
    "    {\"format\": 1, \"kind\": \"item\", \"code\": \"000107003000\", \"version\": 1, \"name\": \"x\",\n"
    "     \"type\": \"07\", \"level\": \"4\", \"basis\": [\"b\"], \"department\": {\"name\": \"d\"},\n"
    "     \"objects\": [\"1\"], \"limits\": {\"kind\": \"instant\"}, \"fees\": {\"free\": true},\n"
    "     \"delivery\": [\"window\"],\n"
    "     \"situations\": [{\"id\": \"s\", \"name\": \"s\", \"materials\": [{\"id\": \"m\"}]}],\n"
    "     \"materials\": [{\"id\": \"m\", \"name\": \"m\", \"primary\": true, \"received\": \"copy\"}],\n"
    "     \"fields\": [{\"key\": \"a\", \"label\": \"a\", \"type\": \"text\"}]}\n"
    "  ],\n"
    "  \"bundles\": [\n"
    "    {\"format\": 1, \"kind\": \"bundle\", \"code\": \"YJS-T\", \"version\": 1, \"name\": \"b\",\n"
    "     \"members\": [{\"item\": \"000107003000\", \"after\": [[\"x\"]]}]}\n"
    "  ]\n"
    "}\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = yc_catalog_load_document (bytes, "doc.json", problems, &error);
  gboolean material = FALSE, after = FALSE;

  print_problems (problems);
  g_assert_null (catalog);
  for (guint i = 0; i < problems->len; i++)
    {
      YcCatalogProblem *p = g_ptr_array_index (problems, i);

      material |= g_str_equal (p->path, "$.items[0].situations[0].materials[0]");
      after |= g_str_equal (p->path, "$.bundles[0].members[0].after[0]");
    }
  g_assert_true (material);
  g_assert_true (after);
}

/* The office every document carries: a seal that is no PNG image, words
 * for a kind of document there is not, a name that is not text */
static void
test_office (void)
{
  /* a PNG signature, then nothing a PNG holds */
  static const char text[] =
    "{\"format\": 1, \"name\": \"t\", \"version\": \"1\",\n"
    " \"office\": {\"name\": 3, \"seal\": \"iVBORw0KGgoAAAAA\", \"fax\": \"x\",\n"
    "            \"wording\": {\"receipt\": \"ok\", \"certificate\": \"?\"}},\n"
    " \"items\": [], \"bundles\": []}\n";
  const char *expected[] = { "$.office.name", "$.office.seal", "$.office.fax", "$.office.wording.certificate" };
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = yc_catalog_load_document (bytes, "doc.json", problems, &error);
  JsonObject *office = yc_catalog_get_office (demo);

  print_problems (problems);
  g_assert_null (catalog);
  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < problems->len; i++)
        found |= g_str_has_prefix (((YcCatalogProblem *) g_ptr_array_index (problems, i))->path, expected[e]);
      if (!found)
        g_error ("no problem at %s", expected[e]);
    }
  /* the demo's office, its seal a real image */
  g_assert_nonnull (yc_json_get_string (office, "name"));
  g_assert_nonnull (yc_json_get_string (office, "seal"));
}

/* yc_json_locate() */

static const char locate_doc[] =
  "{\n"
  "  \"a\": 1,\n"
  "  \"list\": [\n"
  "    {\"key\": \"x\"},\n"
  "    {\"key\": \"y\", \"deep\": {\"z\": [10, 20]}}\n"
  "  ],\n"
  "  \"s\": \"a]}\\\"b[{\",\n"
  "  \"名称\": \"值\", \"after\": true\n"
  "}\n";

static void
assert_located (const char *path,
                gboolean    found,
                guint       line,
                guint       column)
{
  guint l = 0, c = 0;

  g_test_message ("%s", path);
  g_assert_true (yc_json_locate (locate_doc, -1, path, &l, &c) == found);
  g_assert_cmpuint (l, ==, line);
  g_assert_cmpuint (c, ==, column);
}

static void
test_locate (void)
{
  guint l = 0, c = 0;

  assert_located ("$", TRUE, 1, 1);
  assert_located ("$.a", TRUE, 2, 8);
  assert_located ("$.list", TRUE, 3, 11);
  assert_located ("$.list[0]", TRUE, 4, 5);
  assert_located ("$.list[1]", TRUE, 5, 5);
  assert_located ("$.list[1].deep.z[1]", TRUE, 5, 37);
  /* brackets and an escaped quote inside a string are not structure */
  assert_located ("$.s", TRUE, 7, 8);
  /* columns count characters, not bytes */
  assert_located ("$.名称", TRUE, 8, 9);
  assert_located ("$.after", TRUE, 8, 23);

  /* a missing step gives the deepest container that exists */
  assert_located ("$.nope", FALSE, 1, 1);
  assert_located ("$.list[7]", FALSE, 3, 11);
  assert_located ("$.list[1].deep.q", FALSE, 5, 26);
  /* a step of the wrong kind is missing too */
  assert_located ("$.a[0]", FALSE, 2, 8);
  assert_located ("$.list.key", FALSE, 3, 11);

  /* a length limits the text */
  g_assert_false (yc_json_locate (locate_doc, 12, "$.list", &l, &c));
  g_assert_true (yc_json_locate ("  [1, {\"k\": 2}]", -1, "$[1].k", &l, &c));
  g_assert_cmpuint (l, ==, 1);
  g_assert_cmpuint (c, ==, 13);

  /* a member named twice is where json-glib takes it from: the last */
  g_assert_true (yc_json_locate ("{\"k\": 1, \"k\": {\"x\": 2}}", -1, "$.k.x", &l, &c));
  g_assert_cmpuint (c, ==, 21);
  g_assert_cmpuint (yc_json_find_duplicates ("{\"k\": 1, \"j\": [{\"a\": 1}, {\"a\": 2, \"a\\\"\": 3}], \"k\": 4}",
                                             -1, NULL, NULL), ==, 1);
  g_assert_cmpuint (yc_json_find_duplicates ("{\"k\": \"\\\"\", \"k\": 4, \"k\": 5}", -1, NULL, NULL), ==, 2);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* json-glib alone would parse these, or crash on them */
static void
test_document_shape (void)
{
  const char *bad[] = {
    "{\"format\": 1, \"name\": \"x\", \"version\": \"1\"}{\"items\": []}",
    "{\"format\": 1, \"name\": \"x\", \"version\": \"1\"} [1]",
    "\"\"{\"format\": 1, \"name\": \"x\", \"version\": \"1\"}",
    "1 {\"format\": 1}",
    NULL,
  };
  g_autofree char *deep = NULL;
  GString *nested = g_string_new ("{\"a\": ");

  for (guint i = 0; i < 300000; i++)
    g_string_append_c (nested, '[');
  g_string_append_c (nested, '}');
  deep = g_string_free (nested, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *text = bad[i] ? bad[i] : deep;
      g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(YcCatalog) catalog = yc_catalog_load_document (bytes, "shape.json", NULL, &error);

      g_assert_null (catalog);
      g_assert_error (error, YC_CATALOG_ERROR, YC_CATALOG_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, "shape.json:"));
    }
  g_assert_null (yc_json_precheck ("{\"a\": [\"]}\"]}  \n", strlen ("{\"a\": [\"]}\"]}  \n")));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) broken_files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) broken = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  int status;

  g_test_init (&argc, &argv, NULL);

  problems = new_problems ();
  demo = yc_catalog_load_directory (DEMO_CATALOG, problems, &error);
  if (demo == NULL)
    {
      print_problems (problems);
      g_error ("the demo catalog does not load: %s", error->message);
    }

  g_test_add_func ("/catalog/demo/loads", test_demo_loads);
  g_test_add_func ("/catalog/demo/order", test_demo_order);
  g_test_add_func ("/catalog/document/shape", test_document_shape);
  g_test_add_func ("/catalog/demo/forms", test_demo_forms);
  g_test_add_func ("/catalog/bundle/shared-fields", test_bundle_shared_fields);
  g_test_add_func ("/catalog/bundle/merges", test_bundle_merges);
  g_test_add_func ("/catalog/form/situations", test_situations);
  g_test_add_func ("/catalog/form/applicant", test_applicant_marked);
  g_test_add_func ("/catalog/form/calculated", test_calculated_from_id);
  g_test_add_func ("/catalog/form/validation", test_validation);
  g_test_add_func ("/catalog/form/required-rules", test_required_rules);
  g_test_add_func ("/catalog/form/hidden-columns", test_hidden_columns);
  g_test_add_func ("/catalog/form/save-restore", test_save_restore);
  g_test_add_func ("/catalog/form/decision", test_suggest_decision);
  g_test_add_func ("/catalog/document/round-trip", test_document_round_trip);
  g_test_add_func ("/catalog/document/problem-position", test_document_problem_position);
  g_test_add_func ("/catalog/document/names-not-text", test_document_names_not_text);
  g_test_add_func ("/catalog/document/office", test_office);
  g_test_add_func ("/catalog/document/duplicate-member", test_document_duplicate_member);
  g_test_add_func ("/catalog/rules/names", test_rule_names);
  g_test_add_func ("/catalog/document/patterns", test_document_patterns);
  g_test_add_func ("/catalog/bundle/shared-field-types", test_bundle_shared_field_types);
  g_test_add_func ("/catalog/too-large", test_too_large);
  g_test_add_func ("/catalog/locate", test_locate);

  /* one test per broken template, so that each is named in the output */
  broken = g_dir_open (BROKEN_DIR, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (broken)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (broken_files, g_build_filename (BROKEN_DIR, name, NULL));
  g_assert_cmpuint (broken_files->len, >, 0);
  g_ptr_array_sort (broken_files, compare_strings);
  for (guint i = 0; i < broken_files->len; i++)
    {
      const char *file = g_ptr_array_index (broken_files, i);
      g_autofree char *basename = g_path_get_basename (file);
      g_autofree char *path = g_strdup_printf ("/catalog/broken/%s", basename);

      g_test_add_data_func (path, file, test_broken_template);
    }
  g_test_add_func ("/catalog/broken/file-in-folder", test_broken_file_in_folder);

  status = g_test_run ();
  g_clear_object (&demo);
  return status;
}

/* yc-form.c: the one intake form generated from an item or a bundle
 *
 * The form is the template brought to life: which questions are asked,
 * which situation they select, which fields are shown, required or
 * calculated, which materials the checklist holds, and whether a value is
 * right. The client shows it, the central service checks a submitted case
 * with it, the maintainer's tool prints it: one piece of code for every rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "yc-event.h"
#include "yc-form.h"
#include "yc-jsonlogic.h"

struct _YcForm
{
  GObject     parent_instance;

  char       *code;
  char       *name;
  guint       version;
  gboolean    is_bundle;
  GPtrArray  *members;      /* JsonObject: the items */
  GPtrArray  *questions;    /* YcFormQuestion */
  GPtrArray  *fields;       /* YcFormField */
  GHashTable *field_index;  /* key -> YcFormField */
  GPtrArray  *materials;    /* YcFormMaterial, the current checklist */
  GHashTable *statuses;     /* material id -> MaterialState */
  gboolean    commitment_signed;  /* 容缺受理承诺书 */
  JsonObject *helper;             /* 帮办代办, or NULL: the applicant in person */
  JsonObject *answers;
  JsonObject *values;
  char       *situation_name;
};

/* What YcFormField does not show: the catalog's definitions, read only
 * here, so that a change of the format stops at the form. */
typedef struct
{
  YcFormField  public;
  JsonObject  *definition;    /* the first member's */
  GPtrArray   *definitions;   /* every member's, for a key a bundle shares */
  GPtrArray   *options;       /* YcFormOption */
  GPtrArray   *columns;       /* FormField, a group's */
  gboolean     hides_columns; /* a column has a "visible" rule */
} FormField;

#define FORM_FIELD(f) ((FormField *) (f))

/* What the clerk checked of one material; kept by id, so that it stays
 * while the checklist is rebuilt around it. */
typedef struct
{
  YcMaterialStatus  status;
  char             *form;
  char             *defect;
  char             *supply_form;
  char             *supply_by;
} MaterialState;

/* A checklist entry and the forms list its `forms` points into */
typedef struct
{
  YcFormMaterial  public;
  GStrv           forms;
} FormMaterial;

static const char *material_statuses[] = { "pending", "received", "missing", "defective" };

G_STATIC_ASSERT (G_N_ELEMENTS (material_statuses) == YC_MATERIAL_DEFECTIVE + 1);

G_DEFINE_FINAL_TYPE (YcForm, yc_form, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-form-error-quark, yc_form_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The window's decisions, in the order of YcDecision: the name the
 * protocol and the command line use, the legal term, what the clerk is
 * shown, and when yc_form_suggest_decision() suggests it */
static const struct
{
  const char *name;
  const char *term;
  const char *label;
  const char *reason;
} decisions[] = {
  { "none", NULL, N_("Check every material first"), NULL },
  { "accept", "受理", N_("Accept"), N_("every material is received") },
  { "rongque", "容缺受理", N_("Accept with materials pending"), N_("only 容缺-eligible materials are missing") },
  { "notify", "一次性告知", N_("Notify of everything missing"), N_("a primary material is missing") },
  { "reject", "不予受理", N_("Do not accept"), NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (decisions) == YC_DECISION_REJECT + 1);

const char *
yc_decision_to_string (YcDecision decision)
{
  g_return_val_if_fail (decision <= YC_DECISION_REJECT, "none");
  return decisions[decision].name;
}

YcDecision
yc_decision_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    if (g_strcmp0 (text, decisions[i].name) == 0)
      return i;
  return YC_DECISION_NONE;
}

/* Returns: (nullable): the decision's legal term, 受理 for
 *   %YC_DECISION_ACCEPT; %NULL for none */
const char *
yc_decision_get_term (YcDecision decision)
{
  g_return_val_if_fail (decision <= YC_DECISION_REJECT, NULL);
  return decisions[decision].term;
}

/* Returns: the decision as the clerk reads it, translated; for none, what
 *   comes before a decision */
const char *
yc_decision_get_label (YcDecision decision)
{
  g_return_val_if_fail (decision <= YC_DECISION_REJECT, NULL);
  return _(decisions[decision].label);
}

/* Returns: (nullable): when yc_form_suggest_decision() suggests the
 *   decision, translated; %NULL for a decision it never suggests */
const char *
yc_decision_get_reason (YcDecision decision)
{
  g_return_val_if_fail (decision <= YC_DECISION_REJECT, NULL);
  return decisions[decision].reason ? _(decisions[decision].reason) : NULL;
}

void
yc_form_problem_free (YcFormProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->key);
  g_free (problem->message);
  g_free (problem);
}

/* @message: (transfer full) */
YcFormProblem *
yc_form_problem_new (const char *key,
                     char       *message)
{
  YcFormProblem *p = g_new0 (YcFormProblem, 1);

  p->key = g_strdup (key);
  p->message = message;
  return p;
}

/**
 * yc_form_problem_describe:
 *
 * Returns: (transfer full): the problem as a line to read away from its
 *   field: the field's label, then what is wrong
 */
char *
yc_form_problem_describe (const YcFormProblem *problem,
                          YcForm              *form)
{
  const YcFormField *f;

  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (YC_IS_FORM (form), NULL);

  if ((f = yc_form_lookup_field (form, problem->key)) == NULL)
    return g_strdup (problem->message);
  /* TRANSLATORS: a field's label and what is wrong with its value */
  return g_strdup_printf (_("%s: %s"), f->label, problem->message);
}

/* The object every rule sees: the visible values under their keys, and the
 * answers under "answers".
 */
static JsonNode *
rule_data (YcForm *self)
{
  g_autoptr(JsonObject) data = json_object_new ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, self->values);
  while (json_object_iter_next (&iter, &key, &value))
    json_object_set_member (data, key, json_node_copy (value));
  json_object_set_object_member (data, "answers", json_object_ref (self->answers));

  return json_node_init_object (json_node_alloc (), data);
}

static gboolean
rule_holds (JsonNode *rule,
            JsonNode *data,
            gboolean  fallback)
{
  g_autoptr(JsonNode) result = NULL;

  if (rule == NULL)
    return fallback;
  if (JSON_NODE_HOLDS_VALUE (rule) && json_node_get_value_type (rule) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (rule);
  /* rules were checked when the catalog loaded; a failure here can only
   * come from data, and then the conservative fallback is right */
  if (!(result = yc_json_logic_apply (rule, data, NULL)))
    return fallback;
  return yc_json_logic_truthy (result);
}

static gboolean
is_empty (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return json_node_get_string (value)[0] == '\0';
  if (JSON_NODE_HOLDS_ARRAY (value))
    return json_array_get_length (json_node_get_array (value)) == 0;
  return FALSE;
}

/* An answer to a question no longer asked is dropped, and the rules see
 * the answers without it: @data is made again then. */
static void
recompute_questions (YcForm    *self,
                     JsonNode **data)
{
  for (guint i = 0; i < self->questions->len; i++)
    {
      YcFormQuestion *q = g_ptr_array_index (self->questions, i);
      JsonObject *def = NULL;

      for (guint m = 0; m < self->members->len && def == NULL; m++)
        {
          JsonArray *qs = yc_json_get_array (g_ptr_array_index (self->members, m),
                                                                     "questions");
          for (guint j = 0; qs != NULL && j < json_array_get_length (qs); j++)
            if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (qs, j), "id"), q->id) == 0)
              def = json_array_get_object_element (qs, j);
        }
      q->visible = rule_holds (json_object_get_member (def, "when"), *data, TRUE);
      if (!q->visible && json_object_has_member (self->answers, q->id))
        {
          json_object_remove_member (self->answers, q->id);
          g_clear_pointer (data, json_node_unref);
          *data = rule_data (self);
        }
    }
}

/* A calculated value goes into @data too, for the fields after it. */
static void
recompute_fields (YcForm   *self,
                  JsonNode *data)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (self->fields, i);
      JsonNode *calc = json_object_get_member (FORM_FIELD (f)->definition, "calc");

      /* a key shared by several members of a bundle is shown and required
       * when any of them asks for it */
      f->visible = FALSE;
      f->required = FALSE;
      for (guint d = 0; d < FORM_FIELD (f)->definitions->len; d++)
        {
          JsonObject *def = g_ptr_array_index (FORM_FIELD (f)->definitions, d);

          if (!rule_holds (json_object_get_member (def, "visible"), data, TRUE))
            continue;
          f->visible = TRUE;
          f->required |= rule_holds (json_object_get_member (def, "required"), data, FALSE);
        }
      if (calc != NULL && f->visible)
        {
          JsonNode *result = yc_json_logic_apply (calc, data, NULL);

          if (result != NULL && !JSON_NODE_HOLDS_NULL (result))
            {
              json_object_set_member (self->values, f->key, json_node_copy (result));
              json_object_set_member (json_node_get_object (data), f->key, result);
            }
          else
            {
              json_object_remove_member (self->values, f->key);
              json_object_remove_member (json_node_get_object (data), f->key);
              g_clear_pointer (&result, json_node_unref);
            }
        }
    }
}

static void
material_state_free (MaterialState *state)
{
  g_free (state->form);
  g_free (state->defect);
  g_free (state->supply_form);
  g_free (state->supply_by);
  g_free (state);
}

static void
form_material_free (FormMaterial *fm)
{
  g_strfreev (fm->forms);
  g_free (fm);
}

/* `received` is one form or the list of the forms allowed, the first the
 * usual one (docs/catalog-format.md, "Materials") */
static GStrv
read_forms (JsonObject *mat)
{
  JsonNode *node = json_object_get_member (mat, "received");
  g_autoptr(GStrvBuilder) forms = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *list = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (list); i++)
        g_strv_builder_add (forms, json_array_get_string_element (list, i));
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    g_strv_builder_add (forms, json_node_get_string (node));
  return g_strv_builder_end (forms);
}

static YcFormMaterial *
form_material_new (JsonObject          *mat,
                   const char          *id,
                   const MaterialState *state)
{
  FormMaterial *f = g_new0 (FormMaterial, 1);
  YcFormMaterial *fm = &f->public;

  f->forms = read_forms (mat);
  fm->id = id;
  fm->name = json_object_get_string_member (mat, "name");
  fm->forms = (const char * const *) f->forms;
  fm->received = f->forms[0];
  fm->issuer = yc_json_get_string (mat, "issuer");
  fm->standard = yc_json_get_string (mat, "standard");
  fm->sample = yc_json_get_string (mat, "sample");
  fm->commitment = yc_json_get_string (mat, "commitment");
  fm->copies = json_object_get_int_member_with_default (mat, "copies", 1);
  fm->primary = json_object_get_boolean_member (mat, "primary");
  fm->rongque_days = json_object_get_int_member_with_default (mat, "rongque_days", 0);
  if (state == NULL)
    return fm;
  fm->status = state->status;
  /* a material ticked received without saying how came in its usual form */
  fm->form = state->status != YC_MATERIAL_RECEIVED ? NULL : state->form ? state->form : fm->received;
  fm->defect = state->status == YC_MATERIAL_DEFECTIVE ? state->defect : NULL;
  if (state->status == YC_MATERIAL_MISSING || state->status == YC_MATERIAL_DEFECTIVE)
    {
      fm->supply_form = state->supply_form;
      fm->supply_by = state->supply_by;
    }
  return fm;
}

/* Adds the materials of @situation to the checklist, each once whatever
 * the members asking for it. */
static void
list_materials (YcForm     *self,
                JsonObject *situation,
                JsonArray  *materials,
                GHashTable *listed)
{
  JsonArray *ids = json_object_get_array_member (situation, "materials");

  for (guint k = 0; k < json_array_get_length (ids); k++)
    {
      const char *id = json_array_get_string_element (ids, k);

      if (!g_hash_table_add (listed, (gpointer) id))
        continue;
      for (guint j = 0; j < json_array_get_length (materials); j++)
        {
          JsonObject *mat = json_array_get_object_element (materials, j);

          if (g_strcmp0 (json_object_get_string_member (mat, "id"), id) != 0)
            continue;
          g_ptr_array_add (self->materials,
                           form_material_new (mat, id, g_hash_table_lookup (self->statuses, id)));
          break;
        }
    }
}

static YcFormQuestion *
find_question (YcForm     *self,
               const char *id)
{
  for (guint i = 0; i < self->questions->len; i++)
    if (g_str_equal (((YcFormQuestion *) g_ptr_array_index (self->questions, i))->id, id))
      return g_ptr_array_index (self->questions, i);
  return NULL;
}

/* A member's situation is decided by the questions it asks: while one of
 * them is asked and not answered, picking the general situation (the last,
 * whose rule always holds) would show the clerk a checklist the applicant's
 * answer may change. */
static gboolean
member_decided (YcForm     *self,
                JsonObject *item)
{
  JsonArray *qs = yc_json_get_array (item, "questions");

  for (guint j = 0; qs != NULL && j < json_array_get_length (qs); j++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (qs, j), "id");
      YcFormQuestion *q = find_question (self, id);

      if (q != NULL && q->visible && !json_object_has_member (self->answers, id))
        return FALSE;
    }
  return TRUE;
}

/* Each member's first situation whose rule holds is the one it is
 * handled in, once its questions are answered; the checklist is theirs.
 * The form has a situation when every member has. */
static void
recompute_materials (YcForm   *self,
                     JsonNode *data)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  GString *situations = g_string_new (NULL);
  gboolean decided = TRUE;

  g_ptr_array_set_size (self->materials, 0);
  for (guint m = 0; m < self->members->len; m++)
    {
      JsonObject *item = g_ptr_array_index (self->members, m);
      JsonArray *sits = json_object_get_array_member (item, "situations");

      if (!member_decided (self, item))
        {
          decided = FALSE;
          continue;
        }
      for (guint s = 0; s < json_array_get_length (sits); s++)
        {
          JsonObject *sit = json_array_get_object_element (sits, s);

          if (!rule_holds (json_object_get_member (sit, "when"), data, TRUE))
            continue;
          if (situations->len > 0)
            g_string_append (situations, "；");
          g_string_append (situations, json_object_get_string_member (sit, "name"));
          list_materials (self, sit, json_object_get_array_member (item, "materials"), listed);
          break;
        }
    }

  g_free (self->situation_name);
  self->situation_name = g_string_free (situations, !decided);
}

/* Recomputes everything that depends on answers and values, in template
 * order, so a calculated field may use the fields before it.
 */
static void
recompute (YcForm *self)
{
  g_autoptr(JsonNode) data = rule_data (self);

  recompute_questions (self, &data);
  recompute_fields (self, data);
  recompute_materials (self, data);
}

static void
emit_changed (YcForm *self)
{
  recompute (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
form_field_free (FormField *f)
{
  json_object_unref (f->definition);
  g_ptr_array_unref (f->definitions);
  g_clear_pointer (&f->options, g_ptr_array_unref);
  g_clear_pointer (&f->columns, g_ptr_array_unref);
  g_free (f);
}

static FormField *
form_field_new (JsonObject *def,
                const char *key)
{
  FormField *f = g_new0 (FormField, 1);

  f->public.key = key;
  f->public.label = json_object_get_string_member (def, "label");
  f->public.type = yc_field_type_from_string (json_object_get_string_member (def, "type"));
  f->public.help = yc_json_get_string (def, "help");
  f->public.calculated = json_object_has_member (def, "calc");
  f->public.visible = TRUE;
  f->definition = json_object_ref (def);
  f->definitions = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_ptr_array_add (f->definitions, json_object_ref (def));
  return f;
}

static void
add_fields (YcForm *self, JsonObject *item)
{
  JsonArray *fields = json_object_get_array_member (item, "fields");

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *def = json_array_get_object_element (fields, i);
      const char *key = json_object_get_string_member (def, "key");
      FormField *f;

      /* the same key in two members of a bundle is one field */
      if ((f = g_hash_table_lookup (self->field_index, key)) != NULL)
        {
          g_ptr_array_add (f->definitions, json_object_ref (def));
          continue;
        }
      f = form_field_new (def, key);
      g_ptr_array_add (self->fields, f);
      g_hash_table_insert (self->field_index, (gpointer) key, f);
    }
}

static GPtrArray *
options_new (JsonArray *options)
{
  GPtrArray *list = g_ptr_array_new_full (options ? json_array_get_length (options) : 0, g_free);

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *o = json_array_get_object_element (options, i);
      YcFormOption *option = g_new0 (YcFormOption, 1);

      option->value = json_object_get_string_member (o, "value");
      option->label = json_object_get_string_member (o, "label");
      g_ptr_array_add (list, option);
    }
  return list;
}

static void
form_question_free (YcFormQuestion *q)
{
  g_ptr_array_unref (q->options);
  g_free (q);
}

static void
add_questions (YcForm *self, JsonObject *item)
{
  JsonArray *questions = yc_json_get_array (item, "questions");

  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    {
      JsonObject *def = json_array_get_object_element (questions, i);
      const char *id = json_object_get_string_member (def, "id");
      YcFormQuestion *q;
      gboolean seen = FALSE;

      for (guint j = 0; j < self->questions->len && !seen; j++)
        seen = g_str_equal (((YcFormQuestion *) g_ptr_array_index (self->questions, j))->id, id);
      if (seen)
        continue;
      q = g_new0 (YcFormQuestion, 1);
      q->id = id;
      q->text = json_object_get_string_member (def, "text");
      q->options = options_new (json_object_get_array_member (def, "options"));
      q->visible = TRUE;
      g_ptr_array_add (self->questions, q);
    }
}

/**
 * yc_form_new:
 * @catalog: the catalog to take the template from
 * @code: an item's or a bundle's code
 *
 * Returns: (transfer full): a new empty form, or %NULL when the catalog has
 *   no such code
 */
YcForm *
yc_form_new (YcCatalog   *catalog,
             const char  *code,
             GError     **error)
{
  g_autoptr(YcForm) self = NULL;
  JsonObject *item;
  JsonObject *bundle;

  g_return_val_if_fail (YC_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (YC_TYPE_FORM, NULL);
  self->code = g_strdup (code);

  if ((item = yc_catalog_lookup_item (catalog, code)) != NULL)
    {
      g_ptr_array_add (self->members, json_object_ref (item));
      self->name = g_strdup (json_object_get_string_member (item, "name"));
      self->version = json_object_get_int_member (item, "version");
    }
  else if ((bundle = yc_catalog_lookup_bundle (catalog, code)) != NULL)
    {
      JsonArray *members = json_object_get_array_member (bundle, "members");

      self->is_bundle = TRUE;
      self->name = g_strdup (json_object_get_string_member (bundle, "name"));
      self->version = json_object_get_int_member (bundle, "version");
      for (guint i = 0; i < json_array_get_length (members); i++)
        {
          const char *member = json_object_get_string_member (json_array_get_object_element (members, i), "item");
          g_ptr_array_add (self->members, json_object_ref (yc_catalog_lookup_item (catalog, member)));
        }
    }
  else
    {
      g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_UNKNOWN_CODE,
                   _("The catalog has no item or bundle “%s”"), code);
      return NULL;
    }

  for (guint i = 0; i < self->members->len; i++)
    {
      add_questions (self, g_ptr_array_index (self->members, i));
      add_fields (self, g_ptr_array_index (self->members, i));
    }
  recompute (self);

  return g_steal_pointer (&self);
}

const char *
yc_form_get_code (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return self->code;
}

const char *
yc_form_get_name (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return self->name;
}

guint
yc_form_get_version (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), 0);
  return self->version;
}

gboolean
yc_form_is_bundle (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), FALSE);
  return self->is_bundle;
}

/**
 * yc_form_get_members:
 *
 * Returns: (transfer none) (element-type JsonObject): the items of the form,
 *   one for an item, several for a bundle, in their order
 */
GPtrArray *
yc_form_get_members (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return self->members;
}

/**
 * yc_form_get_questions:
 *
 * Returns: (transfer none) (element-type YcFormQuestion): every question;
 *   ask only the visible ones
 */
GPtrArray *
yc_form_get_questions (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return self->questions;
}

/**
 * yc_form_get_fields:
 *
 * Returns: (transfer none) (element-type YcFormField): every field in form
 *   order; show only the visible ones
 */
GPtrArray *
yc_form_get_fields (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return self->fields;
}

/**
 * yc_form_get_materials:
 *
 * Returns: (transfer none) (element-type YcFormMaterial): the checklist of
 *   the current situation, each material once
 */
GPtrArray *
yc_form_get_materials (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return self->materials;
}

/**
 * yc_form_get_situation_name:
 *
 * Returns: (nullable): the situation the answers pick, each member's
 *   joined, or %NULL while a question that decides it is not answered
 *   (yc_form_get_unanswered() says which)
 */
const char *
yc_form_get_situation_name (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return self->situation_name;
}

/**
 * yc_form_describe_situation:
 *
 * Returns: (transfer full): the situation, or what to answer before
 *   there is one, for the window and the tools alike
 */
char *
yc_form_describe_situation (YcForm *self)
{
  g_autoptr(GPtrArray) unanswered = NULL;
  g_autoptr(GString) questions = g_string_new (NULL);

  g_return_val_if_fail (YC_IS_FORM (self), NULL);

  if (self->situation_name != NULL)
    return g_strdup (self->situation_name);
  unanswered = yc_form_get_unanswered (self);
  for (guint i = 0; i < unanswered->len; i++)
    {
      /* TRANSLATORS: between two questions still to answer */
      if (i > 0)
        g_string_append (questions, _("; "));
      g_string_append (questions, ((YcFormQuestion *) g_ptr_array_index (unanswered, i))->text);
    }
  /* TRANSLATORS: %s is the questions still to answer */
  return g_strdup_printf (_("Not chosen yet: answer %s"), questions->str);
}

/**
 * yc_form_get_unanswered:
 *
 * Returns: (transfer container) (element-type YcFormQuestion): the
 *   questions asked and not answered yet, in form order; the situation
 *   waits for them
 */
GPtrArray *
yc_form_get_unanswered (YcForm *self)
{
  GPtrArray *unanswered = g_ptr_array_new ();

  g_return_val_if_fail (YC_IS_FORM (self), unanswered);

  for (guint i = 0; i < self->questions->len; i++)
    {
      YcFormQuestion *q = g_ptr_array_index (self->questions, i);

      if (q->visible && !json_object_has_member (self->answers, q->id))
        g_ptr_array_add (unanswered, q);
    }
  return unanswered;
}

/**
 * yc_form_get_limit:
 * @limit: which of the limits
 *
 * A bundle is done when its last member is: its limit is its longest
 * member's.
 *
 * Returns: the limit in working days; 0 for 即办件
 */
guint
yc_form_get_limit (YcForm  *self,
                   YcLimit  limit)
{
  const char *member = limit == YC_LIMIT_PROMISED ? "promised_days" : "legal_days";
  gint64 days = 0;

  g_return_val_if_fail (YC_IS_FORM (self), 0);

  for (guint i = 0; i < self->members->len; i++)
    {
      JsonObject *limits = yc_json_get_object (g_ptr_array_index (self->members, i), "limits");

      if (g_strcmp0 (yc_json_get_string (limits, "kind"), "promise") == 0)
        days = MAX (days, json_object_get_int_member_with_default (limits, member, 0));
    }
  return (guint) days;
}

const YcFormField *
yc_form_lookup_field (YcForm     *self,
                      const char *key)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return g_hash_table_lookup (self->field_index, key);
}

/* The accessors below take a field or a column of this form. A form is
 * built each time a case opens, and most of its fields are never edited
 * there: options and columns are made when first asked for. */

/**
 * yc_form_field_get_options:
 *
 * Returns: (transfer none) (element-type YcFormOption): the options of a
 *   choice or a multi-choice, in their order; empty for other types
 */
GPtrArray *
yc_form_field_get_options (const YcFormField *field)
{
  FormField *f = FORM_FIELD (field);

  g_return_val_if_fail (field != NULL, NULL);

  if (f->options == NULL)
    f->options = options_new (yc_json_get_array (f->definition, "options"));
  return f->options;
}

/**
 * yc_form_question_get_label:
 * @value: one of the question's option values
 *
 * Returns: (transfer none) (nullable): the option's label, %NULL when
 *   the question has no such option
 */
const char *
yc_form_question_get_label (const YcFormQuestion *question,
                            const char           *value)
{
  g_return_val_if_fail (question != NULL, NULL);

  for (guint i = 0; value != NULL && i < question->options->len; i++)
    {
      const YcFormOption *option = g_ptr_array_index (question->options, i);

      if (g_strcmp0 (option->value, value) == 0)
        return option->label;
    }
  return NULL;
}

/**
 * yc_form_field_get_columns:
 *
 * Returns: (transfer none) (element-type YcFormField): the columns of a
 *   group's table, in their order; empty for other types
 */
GPtrArray *
yc_form_field_get_columns (const YcFormField *field)
{
  FormField *f = FORM_FIELD (field);
  JsonArray *columns;

  g_return_val_if_fail (field != NULL, NULL);

  if (f->columns != NULL)
    return f->columns;
  columns = field->type == YC_FIELD_TYPE_GROUP ? yc_json_get_array (f->definition, "fields") : NULL;
  f->columns = g_ptr_array_new_full (columns ? json_array_get_length (columns) : 0, (GDestroyNotify) form_field_free);
  for (guint i = 0; columns != NULL && i < json_array_get_length (columns); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);
      JsonNode *required = json_object_get_member (column, "required");
      FormField *c = form_field_new (column, json_object_get_string_member (column, "key"));

      /* a column's rule depends on its row: only a plain true holds for
       * every row */
      c->public.required = required != NULL && JSON_NODE_HOLDS_VALUE (required) &&
                           json_node_get_value_type (required) == G_TYPE_BOOLEAN && json_node_get_boolean (required);
      f->hides_columns |= json_object_has_member (column, "visible");
      g_ptr_array_add (f->columns, c);
    }
  return f->columns;
}

guint
yc_form_field_get_min_rows (const YcFormField *field)
{
  g_return_val_if_fail (field != NULL, 0);
  return json_object_get_int_member_with_default (FORM_FIELD (field)->definition, "min_rows", 0);
}

/* Returns: the most rows a group's table takes, %G_MAXINT for no limit */
guint
yc_form_field_get_max_rows (const YcFormField *field)
{
  g_return_val_if_fail (field != NULL, 0);
  return json_object_get_int_member_with_default (FORM_FIELD (field)->definition, "max_rows", G_MAXINT);
}

/* Returns: the most characters of text, 0 for no limit */
guint
yc_form_field_get_max_length (const YcFormField *field)
{
  g_return_val_if_fail (field != NULL, 0);
  return json_object_get_int_member_with_default (FORM_FIELD (field)->definition, "max_length", 0);
}

/* Returns: (nullable): the id of the material an attachment's scan is */
const char *
yc_form_field_get_material (const YcFormField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return yc_json_get_string (FORM_FIELD (field)->definition, "material");
}

const char *
yc_form_get_answer (YcForm     *self,
                    const char *question)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return json_object_get_string_member_with_default (self->answers, question, NULL);
}

void
yc_form_set_answer (YcForm     *self,
                    const char *question,
                    const char *value)
{
  g_return_if_fail (YC_IS_FORM (self));
  g_return_if_fail (question != NULL);

  if (g_strcmp0 (yc_form_get_answer (self, question), value) == 0)
    return;
  if (value == NULL)
    json_object_remove_member (self->answers, question);
  else
    json_object_set_string_member (self->answers, question, value);
  emit_changed (self);
}

/**
 * yc_form_get_value:
 *
 * Returns: (transfer none) (nullable): the value of field @key
 */
JsonNode *
yc_form_get_value (YcForm     *self,
                   const char *key)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return json_object_get_member (self->values, key);
}

/* A column's "visible" rule sees the row, like its "required" rule: a
 * shareholder has an ID number or a credit code, as its type says. A rule
 * that fails on odd data shows the cell: better asked than lost. */
static gboolean
column_visible (FormField *column,
                JsonNode  *row)
{
  return rule_holds (json_object_get_member (column->definition, "visible"), row, TRUE);
}

/* A hidden cell is not part of the value, whoever sets it, as a hidden
 * field is not. */
static JsonNode *
drop_hidden_cells (FormField *f,
                   JsonNode  *value)
{
  GPtrArray *columns;
  g_autoptr(JsonArray) rows = NULL;
  JsonArray *given;

  if (f->public.type != YC_FIELD_TYPE_GROUP || !JSON_NODE_HOLDS_ARRAY (value))
    return json_node_copy (value);
  /* making the columns says whether any of them hides */
  columns = yc_form_field_get_columns (&f->public);
  if (!f->hides_columns)
    return json_node_copy (value);
  given = json_node_get_array (value);
  rows = json_array_sized_new (json_array_get_length (given));
  for (guint r = 0; r < json_array_get_length (given); r++)
    {
      JsonNode *row = json_array_get_element (given, r);
      g_autoptr(JsonObject) kept = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        {
          json_array_add_element (rows, json_node_copy (row));
          continue;
        }
      kept = json_object_new ();
      for (guint k = 0; k < columns->len; k++)
        {
          FormField *column = g_ptr_array_index (columns, k);
          JsonNode *cell = json_object_get_member (json_node_get_object (row), column->public.key);

          if (cell != NULL && column_visible (column, row))
            json_object_set_member (kept, column->public.key, json_node_copy (cell));
        }
      json_array_add_object_element (rows, g_steal_pointer (&kept));
    }
  return json_node_init_array (json_node_alloc (), rows);
}

/**
 * yc_form_set_value:
 * @value: (nullable) (transfer none): the new value; %NULL or an empty
 *   string clears the field
 *
 * The cells of a table that the rules of their row hide are dropped.
 */
void
yc_form_set_value (YcForm     *self,
                   const char *key,
                   JsonNode   *value)
{
  const YcFormField *field;
  g_autoptr(JsonNode) kept = NULL;
  JsonNode *old;

  g_return_if_fail (YC_IS_FORM (self));
  g_return_if_fail (key != NULL);

  if (!(field = yc_form_lookup_field (self, key)) || field->calculated)
    return;
  if (is_empty (value))
    {
      if (!json_object_has_member (self->values, key))
        return;
      json_object_remove_member (self->values, key);
      emit_changed (self);
      return;
    }
  kept = drop_hidden_cells (FORM_FIELD (field), value);
  old = json_object_get_member (self->values, key);
  if (old != NULL && json_node_equal (old, kept))
    return;
  json_object_set_member (self->values, key, g_steal_pointer (&kept));
  emit_changed (self);
}

/**
 * yc_form_is_cell_visible:
 * @key: a group field's key
 * @row: a row of its value; a row beyond them is an empty one
 * @column: a column's key
 *
 * Returns: whether the rules of the row show the cell
 */
gboolean
yc_form_is_cell_visible (YcForm     *self,
                         const char *key,
                         guint       row,
                         const char *column)
{
  const YcFormField *field;
  JsonNode *value;
  g_autoptr(JsonNode) empty = NULL;
  JsonNode *data;

  g_return_val_if_fail (YC_IS_FORM (self), TRUE);
  g_return_val_if_fail ((field = yc_form_lookup_field (self, key)) != NULL, TRUE);
  g_return_val_if_fail (column != NULL, TRUE);

  value = yc_form_get_value (self, key);
  if (value != NULL && JSON_NODE_HOLDS_ARRAY (value) && row < json_array_get_length (json_node_get_array (value)))
    data = json_array_get_element (json_node_get_array (value), row);
  else
    {
      data = empty = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (empty, json_object_new ());
    }
  for (guint k = 0; k < yc_form_field_get_columns (field)->len; k++)
    {
      FormField *c = g_ptr_array_index (yc_form_field_get_columns (field), k);

      if (g_str_equal (c->public.key, column))
        return column_visible (c, data);
    }
  g_return_val_if_reached (TRUE);
}

static MaterialState *
material_state (YcForm     *self,
                const char *id)
{
  MaterialState *state = g_hash_table_lookup (self->statuses, id);

  if (state == NULL)
    {
      state = g_new0 (MaterialState, 1);
      g_hash_table_insert (self->statuses, g_strdup (id), state);
    }
  return state;
}

/**
 * yc_form_set_material_status:
 *
 * Received here means in the material's usual form, its first allowed
 * one; yc_form_set_material_received() names another. What the material
 * will be supplied in and by stays while it is missing or defective.
 */
void
yc_form_set_material_status (YcForm          *self,
                             const char      *id,
                             YcMaterialStatus status)
{
  MaterialState *state;

  g_return_if_fail (YC_IS_FORM (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (status <= YC_MATERIAL_DEFECTIVE);

  state = material_state (self, id);
  state->status = status;
  g_clear_pointer (&state->form, g_free);
  emit_changed (self);
}

/**
 * yc_form_set_material_received:
 * @form: (nullable): one of the material's `forms`; %NULL for its first
 *
 * A form the material does not allow is kept, so that nothing typed is
 * lost, and yc_decision_check() says so.
 */
void
yc_form_set_material_received (YcForm     *self,
                               const char *id,
                               const char *form)
{
  MaterialState *state;

  g_return_if_fail (YC_IS_FORM (self));
  g_return_if_fail (id != NULL);

  state = material_state (self, id);
  state->status = YC_MATERIAL_RECEIVED;
  g_free (state->form);
  state->form = g_strdup (form);
  emit_changed (self);
}

/**
 * yc_form_set_material_defective:
 * @defect: (nullable): what is wrong with it, as the notice will say
 */
void
yc_form_set_material_defective (YcForm     *self,
                                const char *id,
                                const char *defect)
{
  MaterialState *state;

  g_return_if_fail (YC_IS_FORM (self));
  g_return_if_fail (id != NULL);

  state = material_state (self, id);
  state->status = YC_MATERIAL_DEFECTIVE;
  g_clear_pointer (&state->form, g_free);
  g_free (state->defect);
  state->defect = g_strdup (defect);
  emit_changed (self);
}

/**
 * yc_form_set_material_supply:
 * @supply_form: (nullable): the form a 容缺 material will be supplied in
 * @supply_by: (nullable): the day, YYYY-MM-DD, it will be supplied by;
 *   %NULL for the latest its 容缺 deadline allows
 *
 * What the applicant commits to for a material missing or defective at
 * 容缺受理; yc_decision_check() and yc_intake_check_dates() hold it to
 * the template.
 */
void
yc_form_set_material_supply (YcForm     *self,
                             const char *id,
                             const char *supply_form,
                             const char *supply_by)
{
  MaterialState *state;

  g_return_if_fail (YC_IS_FORM (self));
  g_return_if_fail (id != NULL);

  state = material_state (self, id);
  g_free (state->supply_form);
  state->supply_form = g_strdup (supply_form);
  g_free (state->supply_by);
  state->supply_by = g_strdup (supply_by);
  emit_changed (self);
}

/**
 * yc_form_lookup_material:
 *
 * Returns: (transfer none) (nullable): the material @id of the current
 *   checklist, valid until the form next changes
 */
const YcFormMaterial *
yc_form_lookup_material (YcForm     *self,
                         const char *id)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);

  for (guint i = 0; i < self->materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (self->materials, i);

      if (g_strcmp0 (m->id, id) == 0)
        return m;
    }
  return NULL;
}

/* Returns: whether @material may be received, or supplied, in @form */
gboolean
yc_form_material_allows (const YcFormMaterial *material,
                         const char           *form)
{
  g_return_val_if_fail (material != NULL, FALSE);
  return form != NULL && g_strv_contains (material->forms, form);
}

/* Returns: whether the applicant signed the 容缺受理承诺书 */
gboolean
yc_form_get_commitment_signed (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), FALSE);
  return self->commitment_signed;
}

void
yc_form_set_commitment_signed (YcForm   *self,
                               gboolean  signed_)
{
  g_return_if_fail (YC_IS_FORM (self));

  if (self->commitment_signed == !!signed_)
    return;
  self->commitment_signed = !!signed_;
  emit_changed (self);
}

/* A deep copy: json_node_copy() shares an object's members */
static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);

  return json_node_dup_object (copy);
}

/**
 * yc_form_get_helper:
 *
 * Returns: (transfer none) (nullable): the helper who acts for the
 *   applicant (帮办代办), as yc_form_set_helper() was given it, or %NULL
 *   when the applicant comes in person
 */
JsonObject *
yc_form_get_helper (YcForm *self)
{
  g_return_val_if_fail (YC_IS_FORM (self), NULL);
  return self->helper;
}

/**
 * yc_form_set_helper:
 * @helper: (nullable): {"name", "id_number", "relation" or "authorisation":
 *   MATERIAL_ID, "handed_over": [MATERIAL_ID…]}; %NULL for the applicant in
 *   person
 *
 * The helper belongs to the case being taken, so the form keeps it (and
 * yc_form_save() with it) until the intake records it. Whether it is right
 * is yc_case_log_check_helper()'s word, asked again at submit.
 */
void
yc_form_set_helper (YcForm     *self,
                    JsonObject *helper)
{
  g_return_if_fail (YC_IS_FORM (self));

  if (helper == NULL && self->helper == NULL)
    return;
  g_clear_pointer (&self->helper, json_object_unref);
  /* a copy: the caller's object may go on changing as the clerk types */
  self->helper = helper ? copy_object (helper) : NULL;
  emit_changed (self);
}

/* Returns: the status as the intake event and the saved form write it */
const char *
yc_material_status_to_string (YcMaterialStatus status)
{
  g_return_val_if_fail (status <= YC_MATERIAL_DEFECTIVE, "pending");
  return material_statuses[status];
}

static char *check_value (FormField *f,
                          JsonNode  *value,
                          gboolean   required,
                          JsonNode  *data);

/* Each row against the columns its rules show: a hidden cell is neither
 * checked nor required. */
static char *
check_rows (FormField *f,
            JsonArray *rows)
{
  GPtrArray *columns = yc_form_field_get_columns (&f->public);

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonNode *row = json_array_get_element (rows, r);

      for (guint k = 0; k < columns->len; k++)
        {
          FormField *column = g_ptr_array_index (columns, k);
          JsonNode *cell = JSON_NODE_HOLDS_OBJECT (row)
                           ? json_object_get_member (json_node_get_object (row), column->public.key) : NULL;
          gboolean required;
          g_autofree char *msg = NULL;

          if (!column_visible (column, row))
            continue;
          required = rule_holds (json_object_get_member (column->definition, "required"), row, FALSE);
          if ((msg = check_value (column, cell, required, row)) != NULL)
            return g_strdup_printf (_("Row %u, %s: %s"), r + 1, column->public.label, msg);
        }
    }
  return NULL;
}

/* The catalog's own rules; every member's hold for a key a bundle shares */
static char *
check_rules (FormField *f,
             JsonNode  *data)
{
  for (guint d = 0; d < f->definitions->len; d++)
    {
      JsonArray *validate = yc_json_get_array (g_ptr_array_index (f->definitions, d), "validate");

      for (guint i = 0; validate != NULL && i < json_array_get_length (validate); i++)
        {
          JsonObject *v = json_array_get_object_element (validate, i);

          if (!rule_holds (json_object_get_member (v, "rule"), data, TRUE))
            return g_strdup (json_object_get_string_member (v, "message"));
        }
    }
  return NULL;
}

/* Checks a value of a field; for a column of a group, @data is its row,
 * for a field the whole form's.
 */
static char *
check_value (FormField *f,
             JsonNode  *value,
             gboolean   required,
             JsonNode  *data)
{
  char *msg;

  if (is_empty (value))
    return required ? g_strdup (_("This field is required")) : NULL;
  if ((msg = yc_field_type_check (f->public.type, f->definition, value)) != NULL)
    return msg;
  if (f->public.type == YC_FIELD_TYPE_GROUP && (msg = check_rows (f, json_node_get_array (value))) != NULL)
    return msg;
  return check_rules (f, data);
}

/**
 * yc_form_check_field:
 *
 * Returns: (transfer full) (nullable): what is wrong with the field's value,
 *   or %NULL when it is right (or hidden)
 */
char *
yc_form_check_field (YcForm     *self,
                     const char *key)
{
  const YcFormField *f;
  g_autoptr(JsonNode) data = NULL;

  g_return_val_if_fail (YC_IS_FORM (self), NULL);

  if (!(f = yc_form_lookup_field (self, key)) || !f->visible)
    return NULL;
  data = rule_data (self);
  return check_value (FORM_FIELD (f), json_object_get_member (self->values, key), f->required, data);
}

/**
 * yc_form_validate:
 *
 * Returns: (transfer full) (element-type YcFormProblem): every problem of
 *   the form, empty when it can be submitted
 */
GPtrArray *
yc_form_validate (YcForm *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_form_problem_free);
  g_autoptr(JsonNode) data = NULL;

  g_return_val_if_fail (YC_IS_FORM (self), problems);

  data = rule_data (self);
  for (guint i = 0; i < self->questions->len; i++)
    {
      YcFormQuestion *q = g_ptr_array_index (self->questions, i);

      if (q->visible && !json_object_has_member (self->answers, q->id))
        g_ptr_array_add (problems, yc_form_problem_new (q->id, g_strdup_printf (_("Answer “%s”"), q->text)));
    }
  for (guint i = 0; i < self->fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (self->fields, i);
      char *msg;

      if (!f->visible)
        continue;
      if ((msg = check_value (FORM_FIELD (f), json_object_get_member (self->values, f->key), f->required, data)))
        g_ptr_array_add (problems, yc_form_problem_new (f->key, msg));
    }
  return problems;
}

/**
 * yc_form_suggest_decision:
 *
 * The decision the checklist allows: 受理 when every material is received,
 * 容缺受理 when only 容缺-eligible ones are missing, 一次性告知 when a primary
 * one is missing, and none while the clerk has not checked them all or
 * the situation is not chosen yet.
 */
YcDecision
yc_form_suggest_decision (YcForm *self)
{
  gboolean secondary_missing = FALSE;

  g_return_val_if_fail (YC_IS_FORM (self), YC_DECISION_NONE);

  /* no checklist yet, not an empty one */
  if (self->situation_name == NULL)
    return YC_DECISION_NONE;
  for (guint i = 0; i < self->materials->len; i++)
    {
      YcFormMaterial *m = g_ptr_array_index (self->materials, i);

      if (m->status == YC_MATERIAL_PENDING)
        return YC_DECISION_NONE;
      if (m->status == YC_MATERIAL_RECEIVED)
        continue;
      /* a defective material counts as a missing one */
      if (m->primary)
        return YC_DECISION_NOTIFY;
      secondary_missing = TRUE;
    }
  return secondary_missing ? YC_DECISION_RONGQUE : YC_DECISION_ACCEPT;
}

/**
 * yc_form_find_applicant:
 * @name: (out) (optional) (nullable): the field with the applicant's name
 * @number: (out) (optional) (nullable): the field with their ID number or
 *   credit code
 *
 * Who the applicant is, whatever the item calls them: the name is the
 * first visible text field the form requires (the first visible text
 * field when it requires none), the number the first visible ID-number or
 * credit-code field. A form may have no number.
 */
void
yc_form_find_applicant (YcForm             *self,
                        const YcFormField **name,
                        const YcFormField **number)
{
  const YcFormField *found_name = NULL;
  const YcFormField *first_text = NULL;
  const YcFormField *found_number = NULL;

  g_return_if_fail (YC_IS_FORM (self));

  /* the first text field the form requires: an optional one before it
   * (a shop's trade name) does not name the applicant */
  for (guint i = 0; i < self->fields->len; i++)
    {
      YcFormField *f = g_ptr_array_index (self->fields, i);

      if (!f->visible)
        continue;
      if (first_text == NULL && f->type == YC_FIELD_TYPE_TEXT)
        first_text = f;
      if (found_name == NULL && f->type == YC_FIELD_TYPE_TEXT && f->required)
        found_name = f;
      if (found_number == NULL && (f->type == YC_FIELD_TYPE_ID_NUMBER || f->type == YC_FIELD_TYPE_CREDIT_CODE))
        found_number = f;
    }
  if (name != NULL)
    *name = found_name ? found_name : first_text;
  if (number != NULL)
    *number = found_number;
}

/**
 * yc_form_get_applicant:
 *
 * The applicant's name is what case lists show and what a case is found
 * by (see yc_form_find_applicant()).
 *
 * Returns: (transfer none) (nullable): the applicant's name as typed
 */
const char *
yc_form_get_applicant (YcForm *self)
{
  const YcFormField *name;
  JsonNode *value;

  g_return_val_if_fail (YC_IS_FORM (self), NULL);

  yc_form_find_applicant (self, &name, NULL);
  if (name == NULL)
    return NULL;
  value = yc_form_get_value (self, name->key);
  return value && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
         ? json_node_get_string (value) : NULL;
}

/**
 * yc_form_save:
 *
 * Returns: (transfer full): the form's state: code, version, answers,
 *   values (calculated ones too, so that a reader sees what the clerk saw)
 *   and the materials checked. It shares the answers and values with the
 *   form: serialize it, do not change it.
 */
JsonObject *
yc_form_save (YcForm *self)
{
  JsonObject *saved = json_object_new ();
  JsonObject *materials = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (YC_IS_FORM (self), saved);

  json_object_set_string_member (saved, "code", self->code);
  json_object_set_int_member (saved, "version", self->version);
  json_object_set_object_member (saved, "answers", json_object_ref (self->answers));
  json_object_set_object_member (saved, "values", json_object_ref (self->values));
  /* a material is its status alone, as before there were forms, or the
   * status and what goes with it */
  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MaterialState *state = value;
      JsonObject *entry;

      if (state->status == YC_MATERIAL_PENDING && state->supply_form == NULL && state->supply_by == NULL)
        continue;
      if (state->form == NULL && state->defect == NULL && state->supply_form == NULL && state->supply_by == NULL)
        {
          json_object_set_string_member (materials, key, material_statuses[state->status]);
          continue;
        }
      entry = json_object_new ();
      json_object_set_string_member (entry, "status", material_statuses[state->status]);
      if (state->form)
        json_object_set_string_member (entry, "form", state->form);
      if (state->defect)
        json_object_set_string_member (entry, "defect", state->defect);
      if (state->supply_form)
        json_object_set_string_member (entry, "supply_form", state->supply_form);
      if (state->supply_by)
        json_object_set_string_member (entry, "supply_by", state->supply_by);
      json_object_set_object_member (materials, key, entry);
    }
  json_object_set_object_member (saved, "materials", materials);
  if (self->commitment_signed)
    json_object_set_boolean_member (saved, "commitment_signed", TRUE);
  if (self->helper)
    json_object_set_object_member (saved, "helper", json_object_ref (self->helper));

  return saved;
}

/**
 * yc_form_restore:
 * @saved: what yc_form_save() returned, for the same code
 *
 * Unknown keys and answers are dropped: they belong to another version of
 * the template.
 */
gboolean
yc_form_restore (YcForm      *self,
                 JsonObject  *saved,
                 GError     **error)
{
  JsonObject *answers;
  JsonObject *values;
  JsonObject *materials;
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  g_return_val_if_fail (YC_IS_FORM (self), FALSE);
  g_return_val_if_fail (saved != NULL, FALSE);

  if (g_strcmp0 (yc_json_get_string (saved, "code"), self->code) != 0)
    {
      g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                   _("The saved form is for “%s”, not “%s”"),
                   (yc_json_get_string (saved, "code") ?: "?"), self->code);
      return FALSE;
    }

  answers = yc_json_get_object (saved, "answers");
  values = yc_json_get_object (saved, "values");
  materials = yc_json_get_object (saved, "materials");

  if (answers != NULL)
    {
      json_object_iter_init (&iter, answers);
      while (json_object_iter_next (&iter, &key, &node))
        if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
          json_object_set_string_member (self->answers, key, json_node_get_string (node));
    }
  if (values != NULL)
    {
      json_object_iter_init (&iter, values);
      while (json_object_iter_next (&iter, &key, &node))
        {
          const YcFormField *f = yc_form_lookup_field (self, key);

          if (f != NULL && !f->calculated && !is_empty (node))
            json_object_set_member (self->values, key, drop_hidden_cells (FORM_FIELD (f), node));
        }
    }
  if (materials != NULL)
    {
      json_object_iter_init (&iter, materials);
      while (json_object_iter_next (&iter, &key, &node))
        {
          JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          const char *status = entry ? yc_json_get_string (entry, "status")
                               : JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                               ? json_node_get_string (node) : NULL;
          MaterialState *state;
          guint s;

          for (s = 0; s < G_N_ELEMENTS (material_statuses); s++)
            if (g_strcmp0 (status, material_statuses[s]) == 0)
              break;
          if (s == G_N_ELEMENTS (material_statuses))
            continue;
          state = g_new0 (MaterialState, 1);
          state->status = s;
          state->form = g_strdup (yc_json_get_string (entry, "form"));
          state->defect = g_strdup (yc_json_get_string (entry, "defect"));
          state->supply_form = g_strdup (yc_json_get_string (entry, "supply_form"));
          state->supply_by = g_strdup (yc_json_get_string (entry, "supply_by"));
          g_hash_table_insert (self->statuses, g_strdup (key), state);
        }
    }
  self->commitment_signed = json_object_get_boolean_member_with_default (saved, "commitment_signed", FALSE);
  g_clear_pointer (&self->helper, json_object_unref);
  if (yc_json_get_object (saved, "helper") != NULL)
    self->helper = copy_object (yc_json_get_object (saved, "helper"));

  emit_changed (self);
  return TRUE;
}

/**
 * yc_form_new_from_saved:
 * @saved: what yc_form_save() returned
 *
 * Returns: (transfer full) (nullable): the form as it was saved
 */
YcForm *
yc_form_new_from_saved (YcCatalog   *catalog,
                        JsonObject  *saved,
                        GError     **error)
{
  g_autoptr(YcForm) self = NULL;
  const char *code;

  g_return_val_if_fail (YC_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (saved != NULL, NULL);

  if (!(code = yc_json_get_string (saved, "code")))
    {
      g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID, _("The form names no item or bundle"));
      return NULL;
    }
  if (!(self = yc_form_new (catalog, code, error)) || !yc_form_restore (self, saved, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
yc_form_finalize (GObject *object)
{
  YcForm *self = (YcForm *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->situation_name, g_free);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->field_index, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->answers, json_object_unref);
  g_clear_pointer (&self->values, json_object_unref);
  g_clear_pointer (&self->helper, json_object_unref);

  G_OBJECT_CLASS (yc_form_parent_class)->finalize (object);
}

static void
yc_form_class_init (YcFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_form_finalize;

  /**
   * YcForm::changed:
   *
   * An answer, a value or a material status changed, and with it possibly
   * which questions and fields are visible, required or calculated.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
yc_form_init (YcForm *self)
{
  self->members = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) form_question_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) form_field_free);
  self->field_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) form_material_free);
  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) material_state_free);
  self->answers = json_object_new ();
  self->values = json_object_new ();
}

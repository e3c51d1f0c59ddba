/* yichuang-catalog-try.c: `yichuang-catalog try`, `eval` and `check`
 *
 * What the core's checks say about values a clerk would type: a whole
 * form filled in and whether the decision its checklist allows may be
 * taken, one JsonLogic rule, one coded value. The verdicts are the
 * core's, the ones the window and the central service give.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gunixinputstream.h>

#include <glib/gi18n.h>

#include "yichuang-catalog-private.h"

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
    case YC_MATERIAL_DEFECTIVE:
      return _("defective");
    case YC_MATERIAL_PENDING:
    default:
      return _("pending");
    }
}

static void
try_questions (YcForm *form)
{
  GPtrArray *questions = yc_form_get_questions (form);

  if (questions->len > 0)
    printf ("\n%s\n", _("Questions"));
  for (guint i = 0; i < questions->len; i++)
    {
      const YcFormQuestion *q = g_ptr_array_index (questions, i);
      const char *answer = yc_form_get_answer (form, q->id);

      tool_print_row_key (q->id);
      if (!q->visible)
        printf ("%s\n", _("not asked"));
      else if (answer == NULL)
        printf ("%s: %s\n", _("problem"), _("not answered"));
      else
        printf ("%s %s\n", answer, yc_form_question_get_label (q, answer));
    }
}

static void
try_fields (YcForm *form)
{
  GPtrArray *fields = yc_form_get_fields (form);

  printf ("\n%s\n", _("Fields"));
  for (guint i = 0; i < fields->len; i++)
    {
      const YcFormField *f = g_ptr_array_index (fields, i);
      JsonNode *value = yc_form_get_value (form, f->key);
      g_autofree char *message = NULL;
      g_autofree char *shown = NULL;

      tool_print_row_key (f->key);
      if (!f->visible)
        {
          printf ("%s\n", _("hidden"));
          continue;
        }
      shown = value ? tool_node_to_text (value) : NULL;
      if ((message = yc_form_check_field (form, f->key)) != NULL)
        printf ("%s: %s\n", _("problem"), message);
      else if (f->calculated)
        printf ("%s = %s\n", _("calculated"), shown ? shown : _("(nothing)"));
      else
        printf ("%s %s\n", _("ok"), shown ? shown : _("(empty)"));
    }
}

static void
try_materials (YcForm *form)
{
  GPtrArray *materials = yc_form_get_materials (form);

  printf ("\n%s\n", _("Materials"));
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);
      g_autofree char *kind = tool_material_kind_text (m);

      tool_print_row_key (m->id);
      tool_print_padded (status_text (m->status), 9);
      tool_print_padded (kind, 12);
      printf ("%s\n", m->name);
    }
}

/* The verdict is the core's: what stands in the way of the decision the
 * checklist allows, as the window, yc_intake_submit() and the central
 * service see it; a 一次性告知 needs only who the applicant is, not the
 * whole form. Before every material is checked there is no decision yet,
 * and the verdict is what 受理 would need: the whole form, and every
 * material checked. Returns the exit status. */
static int
try_verdict (YcForm *form)
{
  YcDecision suggested = yc_form_suggest_decision (form);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *decision = decision_text (suggested);

  problems = yc_decision_check (form, suggested != YC_DECISION_NONE ? suggested : YC_DECISION_ACCEPT, NULL, NULL);
  printf ("\n%s %s\n", _("Suggested decision:"), decision);
  if (problems->len == 0)
    {
      printf ("%s\n", _("The form can be submitted"));
      return 0;
    }
  printf (g_dngettext (GETTEXT_PACKAGE, "%u problem\n", "%u problems\n", problems->len), problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yc_form_problem_describe (g_ptr_array_index (problems, i), form);

      printf ("  %s\n", line);
    }
  return EXIT_PROBLEMS;
}

int
cmd_try (int    argc,
         char **argv)
{
  g_auto(Options) o = { 0 };
  GOptionEntry entries[] = {
    TOOL_CATALOG_OPTION (o),
    TOOL_ANSWER_OPTION (o),
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &o.values, N_("Fill in a field; VALUE is JSON or plain text (repeatable)"), N_("FIELD=VALUE") },
    { "material", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &o.materials, N_("Mark a material received (in one of its forms), missing or defective (repeatable)"),
      N_("ID=FORM|received|missing|defective:REASON") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(YcForm) form = NULL;
  g_autofree char *situation = NULL;

  if (!tool_parse_options (&argc, &argv, N_("CODE"),
                           N_("Fills in the form of an item or a bundle as a clerk would and prints what\n"
                              "every check says, field by field, and the decision the checklist allows.\n"
                              "Exits with 1 when the form could not be submitted."),
                           entries))
    return EXIT_USAGE;
  if (!tool_has_one_code (&o))
    return EXIT_USAGE;
  if (!(form = tool_open_filled_form (&o)))
    return EXIT_PROBLEMS;

  printf ("%s (%s, %s %u)\n", yc_form_get_name (form), yc_form_get_code (form),
          _("version"), yc_form_get_version (form));
  try_questions (form);
  situation = yc_form_describe_situation (form);
  printf ("\n%s %s\n", _("Situation:"), situation);
  try_fields (form);
  try_materials (form);
  return try_verdict (form);
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
          tool_fail (_("Each line must be a JSON array [rule, data]"));
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
      text = tool_node_to_text (result);
      printf ("%s\n", text);
    }
  return 0;
}

int
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

  if (!tool_parse_options (&argc, &argv, N_("RULE [DATA]"),
                           N_("Evaluates a JsonLogic rule, with the project’s operators, over DATA (JSON,\n"
                              "default {}) and prints the result as JSON."),
                           entries))
    return EXIT_USAGE;
  if (lines && o.rest == NULL)
    return eval_lines ();
  if (o.rest == NULL || o.rest[0] == NULL || (o.rest[1] != NULL && o.rest[2] != NULL))
    {
      tool_fail (_("Give a rule and, optionally, the data"));
      return EXIT_USAGE;
    }
  if (!(rule = yc_json_from_string (o.rest[0], &error)))
    {
      tool_fail (_("The rule is not JSON: %s"), error->message);
      return EXIT_PROBLEMS;
    }
  if (o.rest[1] != NULL && !(data = yc_json_from_string (o.rest[1], &error)))
    {
      tool_fail (_("The data is not JSON: %s"), error->message);
      return EXIT_PROBLEMS;
    }
  if (data == NULL)
    {
      data = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (data, json_object_new ());
    }
  if (!yc_json_logic_check (rule, &error) || !(result = yc_json_logic_apply (rule, data, &error)))
    {
      tool_fail (_("The rule is wrong: %s"), error->message);
      return EXIT_PROBLEMS;
    }
  text = tool_node_to_text (result);
  printf ("%s\n", text);
  return 0;
}

/* check */

int
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

  if (!tool_parse_options (&argc, &argv, N_("TYPE VALUE"),
                           N_("Checks a value as a field of TYPE would: id-number, credit-code, mobile,\n"
                              "landline, phone, postal-code or region; prints what the value tells."),
                           entries))
    return EXIT_USAGE;
  if (o.rest == NULL || o.rest[0] == NULL || o.rest[1] == NULL || o.rest[2] != NULL)
    {
      tool_fail (_("Give a type and a value"));
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
        text = tool_node_to_text (node);
      printf ("%s: %s\n", (const char *) l->data, text);
    }
  return 0;
}


/* yc-decision.c: what each of the window's four decisions needs
 *
 * The window's buttons, its refusal dialog, `yichuang case new`,
 * yc_intake_submit() and the central service's intake check all ask here,
 * so that a decision the window allows is never refused later for a rule
 * the window knew (../shared/domain.md, "A case, start to end"):
 *
 * - 受理: the whole form right and every material received, each in one
 *   of the forms its template allows;
 * - 容缺受理: the whole form right, every primary material received, and
 *   only 容缺-eligible ones missing or defective, each with the form it
 *   will be supplied in, and the applicant's commitment signed (the
 *   supply dates need the calendar: yc_intake_check_dates());
 * - 一次性告知: who the applicant is, and something to tell them at once:
 *   a material missing or defective, or a field to correct. Every
 *   material is checked first, since the notice lists everything
 *   (行政许可法 §32), as yc_decision_list_notice() makes it;
 * - 不予受理: who the applicant is, the legal reason and where and how
 *   they can get it done instead ("窗口无否决权").
 *
 * A defective material (brought, but not as the standard asks) counts as
 * a missing one, with what is wrong with it said in the notice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-decision.h"

G_DEFINE_QUARK (yc-decision-error-quark, yc_decision_error)

static void
add (GPtrArray  *problems,
     const char *key,
     char       *message)
{
  YcFormProblem *p = yc_form_problem_new (key, message);

  p->refusal = "decision-not-allowed";
  g_ptr_array_add (problems, p);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  return stripped[0] == '\0';
}

static void
check_applicant_field (YcForm            *form,
                       const YcFormField *field,
                       GPtrArray         *problems)
{
  JsonNode *value;
  char *wrong;

  if (field == NULL)
    return;
  if ((wrong = yc_form_check_field (form, field->key)) != NULL)
    {
      add (problems, field->key, wrong);
      ((YcFormProblem *) g_ptr_array_index (problems, problems->len - 1))->refusal = "field-invalid";
      return;
    }
  value = yc_form_get_value (form, field->key);
  if (value == NULL || JSON_NODE_HOLDS_NULL (value) ||
      (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
       is_blank (json_node_get_string (value))))
    {
      add (problems, field->key, g_strdup (_("Who the applicant is must be given")));
      ((YcFormProblem *) g_ptr_array_index (problems, problems->len - 1))->refusal = "field-required";
    }
}

/* A notice and a refusal are addressed to someone. */
static void
check_applicant (YcForm    *form,
                 GPtrArray *problems)
{
  const YcFormField *name;
  const YcFormField *number;

  yc_form_find_applicant (form, &name, &number);
  check_applicant_field (form, name, problems);
  check_applicant_field (form, number, problems);
}

/* What 容缺受理 asks of a material left out: the form it will come in */
static void
check_supply (const YcFormMaterial *m,
              GPtrArray            *problems)
{
  if (m->supply_form == NULL)
    add (problems, "materials", g_strdup_printf (_("Say in which form “%s” will be supplied"), m->name));
  else if (!yc_form_material_allows (m, m->supply_form))
    add (problems, "materials", g_strdup_printf (_("“%s” may not be supplied as “%s”"), m->name, m->supply_form));
}

/* Every material checked, received in a form it allows or defective with
 * a reason, and each missing or defective one allowed so: none for 受理,
 * a secondary one for 容缺受理 (with its supply form when @details), any
 * for 一次性告知. Returns %TRUE when every material is checked, and sets
 * @missing to how many are missing or defective. */
static gboolean
check_materials (YcForm     *form,
                 YcDecision  decision,
                 gboolean    details,
                 GPtrArray  *problems,
                 guint      *missing)
{
  GPtrArray *materials = yc_form_get_materials (form);
  gboolean checked = TRUE;

  *missing = 0;

  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);

      if (m->status == YC_MATERIAL_PENDING)
        {
          add (problems, "materials", g_strdup_printf (_("Check “%s” first: received, missing or defective"), m->name));
          checked = FALSE;
          continue;
        }
      if (m->status == YC_MATERIAL_RECEIVED)
        {
          if (!yc_form_material_allows (m, m->form))
            add (problems, "materials", g_strdup_printf (_("“%s” may not be received as “%s”"), m->name, m->form));
          continue;
        }
      if (m->status == YC_MATERIAL_DEFECTIVE && is_blank (m->defect))
        {
          add (problems, "materials", g_strdup_printf (_("Say what is wrong with “%s”"), m->name));
          checked = FALSE;
        }
      (*missing)++;
      if (decision == YC_DECISION_ACCEPT)
        add (problems, "materials",
             g_strdup_printf (m->status == YC_MATERIAL_DEFECTIVE ? _("“%s” is defective: 受理 needs every material as its standard asks")
                              : _("“%s” is missing: 受理 needs every material"), m->name));
      else if (decision == YC_DECISION_RONGQUE && m->primary)
        add (problems, "materials",
             g_strdup_printf (_("“%s” is missing or defective and may not be supplied later: 容缺受理 leaves out only 容缺-eligible materials"),
                              m->name));
      else if (decision == YC_DECISION_RONGQUE && details)
        check_supply (m, problems);
    }
  return checked;
}

/* @validation: the form's own problems, yc_form_validate()'s; what is
 * asked once a decision is chosen (the reason and advice of 不予受理, the
 * supply forms and the commitment of 容缺受理) is checked unless @details
 * is FALSE */
static GPtrArray *
check (YcForm     *form,
       YcDecision  decision,
       GPtrArray  *validation,
       gboolean    details,
       const char *reason,
       const char *advice)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_form_problem_free);
  guint missing;

  switch (decision)
    {
    case YC_DECISION_ACCEPT:
    case YC_DECISION_RONGQUE:
      for (guint i = 0; i < validation->len; i++)
        {
          const YcFormProblem *p = g_ptr_array_index (validation, i);

          add (problems, p->key, g_strdup (p->message));
          if (p->refusal != NULL)
            ((YcFormProblem *) g_ptr_array_index (problems, problems->len - 1))->refusal = p->refusal;
        }
      if (check_materials (form, decision, details, problems, &missing) && decision == YC_DECISION_RONGQUE &&
          missing == 0)
        add (problems, "materials", g_strdup (_("Nothing is missing: the decision is 受理")));
      if (decision == YC_DECISION_RONGQUE && details && !yc_form_get_commitment_signed (form))
        add (problems, "commitment", g_strdup (_("容缺受理 needs the applicant’s signed commitment (容缺受理承诺书)")));
      break;
    case YC_DECISION_NOTIFY:
      check_applicant (form, problems);
      /* the notice lists everything at once (行政许可法 §32): the
       * checklist it lists from needs the situation */
      if (yc_form_get_situation_name (form) == NULL)
        {
          g_autofree char *situation = yc_form_describe_situation (form);

          add (problems, "situation", g_strdup_printf (_("一次性告知 lists everything at once: %s"), situation));
          break;
        }
      if (check_materials (form, decision, details, problems, &missing) && missing == 0 && validation->len == 0)
        add (problems, "materials", g_strdup (_("Nothing is missing or wrong: 一次性告知 has nothing to tell")));
      break;
    case YC_DECISION_REJECT:
      check_applicant (form, problems);
      if (details && is_blank (reason))
        add (problems, "reason", g_strdup (_("不予受理 needs the legal reason")));
      if (details && is_blank (advice))
        add (problems, "advice", g_strdup (_("不予受理 needs where and how the applicant can get it done instead")));
      break;
    case YC_DECISION_NONE:
    default:
      add (problems, "decision", g_strdup (_("Choose a decision")));
      break;
    }
  return problems;
}

/**
 * yc_decision_check:
 * @reason: (nullable): for 不予受理, the legal reason
 * @advice: (nullable): for 不予受理, where and how to get it done instead
 *
 * Returns: (transfer full) (element-type YcFormProblem): what stands in
 *   the way of @decision, empty when it may be taken
 */
GPtrArray *
yc_decision_check (YcForm     *form,
                   YcDecision  decision,
                   const char *reason,
                   const char *advice)
{
  g_autoptr(GPtrArray) validation = NULL;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);

  validation = yc_form_validate (form);
  return check (form, decision, validation, TRUE, reason, advice);
}

/**
 * yc_decision_check_each:
 * @problems: (out caller-allocates) (array fixed-size=5): for each
 *   decision, what stands in the way of it (%NULL for none); the reason and
 *   advice of 不予受理, the supply forms and the commitment of 容缺受理 are
 *   left out, as they are asked for only once it is chosen
 *
 * What the window shows while the form changes: the form is validated
 * once for all four decisions. Free each list with g_ptr_array_unref().
 */
void
yc_decision_check_each (YcForm    *form,
                        GPtrArray *problems[YC_DECISION_REJECT + 1])
{
  g_autoptr(GPtrArray) validation = NULL;

  g_return_if_fail (YC_IS_FORM (form));

  validation = yc_form_validate (form);
  problems[YC_DECISION_NONE] = NULL;
  for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
    problems[d] = check (form, d, validation, FALSE, NULL, NULL);
}

void
yc_notice_entry_free (YcNoticeEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->key);
  g_free (entry->what);
  g_free (entry->todo);
  g_free (entry);
}

static void
add_entry (GPtrArray  *notice,
           const char *key,
           char       *what,
           char       *todo)
{
  YcNoticeEntry *entry = g_new0 (YcNoticeEntry, 1);

  entry->key = g_strdup (key);
  entry->what = what;
  entry->todo = todo;
  g_ptr_array_add (notice, entry);
}

/* where to get a material and what it must be, from its template */
static char *
material_todo (const YcFormMaterial *m)
{
  g_autoptr(GString) todo = g_string_new (NULL);

  if (m->status == YC_MATERIAL_DEFECTIVE)
    g_string_append (todo, _("Bring it again as the standard asks"));
  else
    g_string_append (todo, _("Bring it"));
  if (m->issuer != NULL)
    g_string_append_printf (todo, _("; it is issued by %s"), m->issuer);
  if (m->standard != NULL)
    g_string_append_printf (todo, _("; the standard: %s"), m->standard);
  if (m->sample != NULL)
    g_string_append_printf (todo, _("; see the sample “%s”"), m->sample);
  return g_string_free (g_steal_pointer (&todo), FALSE);
}

/**
 * yc_decision_list_notice:
 *
 * What a 一次性告知 tells the applicant, in one go (行政许可法 §32): every
 * material missing or defective, where to get it and what it must be, and
 * every field that is wrong, with what it needs. The window shows it
 * before the clerk confirms; the intake event keeps it as "notice".
 *
 * Returns: (transfer full) (element-type YcNoticeEntry): the entries,
 *   materials first, in the checklist's and then the form's order
 */
GPtrArray *
yc_decision_list_notice (YcForm *form)
{
  GPtrArray *notice = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_notice_entry_free);
  g_autoptr(GPtrArray) validation = NULL;
  GPtrArray *materials;

  g_return_val_if_fail (YC_IS_FORM (form), notice);

  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);

      if (m->status == YC_MATERIAL_MISSING)
        add_entry (notice, m->id, g_strdup_printf (_("“%s” is missing"), m->name), material_todo (m));
      else if (m->status == YC_MATERIAL_DEFECTIVE)
        add_entry (notice, m->id, g_strdup_printf (_("“%s” is defective: %s"), m->name, m->defect ? m->defect : ""),
                   material_todo (m));
    }
  validation = yc_form_validate (form);
  for (guint i = 0; i < validation->len; i++)
    {
      const YcFormProblem *p = g_ptr_array_index (validation, i);
      const YcFormField *f = yc_form_lookup_field (form, p->key);

      add_entry (notice, p->key, g_strdup (f ? f->label : p->key), g_strdup (p->message));
    }
  return notice;
}

/**
 * yc_decision_notice_to_json:
 * @notice: (element-type YcNoticeEntry): yc_decision_list_notice()'s
 *
 * Returns: (transfer full): the intake event's "notice": one
 *   `{"what", "todo"}` an entry
 */
JsonArray *
yc_decision_notice_to_json (GPtrArray *notice)
{
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (notice != NULL, array);

  for (guint i = 0; i < notice->len; i++)
    {
      const YcNoticeEntry *entry = g_ptr_array_index (notice, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "what", entry->what);
      json_object_set_string_member (o, "todo", entry->todo);
      json_array_add_object_element (array, o);
    }
  return array;
}

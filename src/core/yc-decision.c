/* yc-decision.c: what each of the window's four decisions needs
 *
 * The window's buttons, its refusal dialog, `yichuang case new`,
 * yc_intake_submit() and the central service's intake check all ask here,
 * so that a decision the window allows is never refused later for a rule
 * the window knew (../shared/domain.md, "A case, start to end"):
 *
 * - 受理: the whole form right and every material received;
 * - 容缺受理: the whole form right, every primary material received, and
 *   only 容缺-eligible ones missing;
 * - 一次性告知: who the applicant is, and something to tell them at once:
 *   a material missing or a field to correct. Every material is checked
 *   first, since the notice lists everything (行政许可法 §32);
 * - 不予受理: who the applicant is, the legal reason and where and how
 *   they can get it done instead ("窗口无否决权").
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
  g_ptr_array_add (problems, yc_form_problem_new (key, message));
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
      return;
    }
  value = yc_form_get_value (form, field->key);
  if (value == NULL || JSON_NODE_HOLDS_NULL (value) ||
      (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
       is_blank (json_node_get_string (value))))
    add (problems, field->key, g_strdup (_("Who the applicant is must be given")));
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

/* Every material checked, and each missing one allowed missing: none for
 * 受理, a secondary one for 容缺受理, any for 一次性告知. Returns %TRUE
 * when every material is checked, and sets @missing to how many are
 * missing. */
static gboolean
check_materials (YcForm     *form,
                 YcDecision  decision,
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
          add (problems, "materials", g_strdup_printf (_("Check “%s” first: received or missing"), m->name));
          checked = FALSE;
        }
      else if (m->status == YC_MATERIAL_RECEIVED)
        continue;
      else if (decision == YC_DECISION_ACCEPT)
        add (problems, "materials", g_strdup_printf (_("“%s” is missing: 受理 needs every material"), m->name));
      else if (decision == YC_DECISION_RONGQUE && m->primary)
        add (problems, "materials",
             g_strdup_printf (_("“%s” is missing and may not be supplied later: 容缺受理 leaves out only 容缺-eligible materials"),
                              m->name));
      *missing += m->status == YC_MATERIAL_MISSING;
    }
  return checked;
}

/* @validation: the form's own problems, yc_form_validate()'s; the
 * reason and advice of 不予受理 are checked unless @reason_known is
 * FALSE */
static GPtrArray *
check (YcForm     *form,
       YcDecision  decision,
       GPtrArray  *validation,
       gboolean    reason_known,
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
        }
      if (check_materials (form, decision, problems, &missing) && decision == YC_DECISION_RONGQUE && missing == 0)
        add (problems, "materials", g_strdup (_("Nothing is missing: the decision is 受理")));
      break;
    case YC_DECISION_NOTIFY:
      check_applicant (form, problems);
      if (check_materials (form, decision, problems, &missing) && missing == 0 && validation->len == 0)
        add (problems, "materials", g_strdup (_("Nothing is missing or wrong: 一次性告知 has nothing to tell")));
      break;
    case YC_DECISION_REJECT:
      check_applicant (form, problems);
      if (reason_known && is_blank (reason))
        add (problems, "reason", g_strdup (_("不予受理 needs the legal reason")));
      if (reason_known && is_blank (advice))
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
 *   advice of 不予受理 are left out, as they are asked for only once it is
 *   chosen
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

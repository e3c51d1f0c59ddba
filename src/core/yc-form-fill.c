/* yc-form-fill.c: filling a form from NAME=VALUE assignments
 *
 * The maintainer's `yichuang-catalog try` and the station's scripted
 * `yichuang case new` fill a form the way a clerk does, from the command
 * line: answers first, in the template's order, then values, then the
 * materials checked. One piece of code, so both mean the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "yc-calendar.h"
#include "yc-form-fill.h"

static gboolean
split (const char  *text,
       const char  *option,
       char       **name,
       char       **value,
       GError     **error)
{
  const char *eq = strchr (text, '=');

  if (eq == NULL || eq == text)
    {
      g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                   _("--%s “%s”: write NAME=VALUE"), option, text);
      return FALSE;
    }
  *name = g_strndup (text, eq - text);
  *value = g_strdup (eq + 1);
  return TRUE;
}

static const YcFormQuestion *
find_question (YcForm     *form,
               const char *id)
{
  GPtrArray *questions = yc_form_get_questions (form);

  for (guint i = 0; i < questions->len; i++)
    if (g_str_equal (((YcFormQuestion *) g_ptr_array_index (questions, i))->id, id))
      return g_ptr_array_index (questions, i);
  return NULL;
}

static gboolean
fill_answers (YcForm              *form,
              const char * const  *answers,
              GPtrArray           *ignored,
              GError             **error)
{
  g_autoptr(GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *questions = yc_form_get_questions (form);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; answers != NULL && answers[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *chosen = NULL;
      const YcFormQuestion *q;

      if (!split (answers[i], "answer", &id, &chosen, error))
        return FALSE;
      if (!(q = find_question (form, id)))
        {
          g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                       _("--answer %s: “%s” has no question “%s”"), answers[i], yc_form_get_code (form), id);
          return FALSE;
        }
      if (yc_form_question_get_label (q, chosen) == NULL)
        {
          GString *list = g_string_new (NULL);

          for (guint j = 0; j < q->options->len; j++)
            g_string_append_printf (list, "%s%s", j ? ", " : "",
                                    ((const YcFormOption *) g_ptr_array_index (q->options, j))->value);
          g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                       _("--answer %s: question “%s” has no option “%s” (it has: %s)"),
                       answers[i], id, chosen, list->str);
          g_string_free (list, TRUE);
          return FALSE;
        }
      g_hash_table_replace (given, g_steal_pointer (&id), g_steal_pointer (&chosen));
    }

  /* in the template's order, so that a question asked only after an
   * earlier answer is asked by the time its answer is given */
  for (guint i = 0; i < questions->len; i++)
    {
      const YcFormQuestion *q = g_ptr_array_index (questions, i);
      const char *chosen = g_hash_table_lookup (given, q->id);

      if (chosen != NULL)
        yc_form_set_answer (form, q->id, chosen);
    }

  g_hash_table_iter_init (&iter, given);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (ignored != NULL && g_strcmp0 (yc_form_get_answer (form, key), value) != 0)
      g_ptr_array_add (ignored, g_strdup (key));
  return TRUE;
}

static gboolean
fill_values (YcForm              *form,
             const char * const  *values,
             GError             **error)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) value = NULL;
      const YcFormField *field;

      if (!split (values[i], "set", &key, &text, error))
        return FALSE;
      if (!(field = yc_form_lookup_field (form, key)))
        {
          g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                       _("--set %s: the form of “%s” has no field “%s”"), values[i], yc_form_get_code (form), key);
          return FALSE;
        }
      if (field->calculated)
        {
          g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                       _("--set %s: “%s” is calculated and cannot be set"), values[i], key);
          return FALSE;
        }
      /* as the window reads what the clerk types */
      value = yc_field_type_parse (field->type, text);
      yc_form_set_value (form, key, value);
    }
  return TRUE;
}

static const YcFormMaterial *
find_material (YcForm      *form,
               const char  *option,
               const char  *text,
               const char  *id,
               GError     **error)
{
  const YcFormMaterial *m = yc_form_lookup_material (form, id);

  if (m == NULL && yc_form_get_situation_name (form) == NULL)
    {
      g_autofree char *situation = yc_form_describe_situation (form);

      g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                   _("--%s %s: “%s” has no checklist yet: %s"),
                   option, text, yc_form_get_code (form), situation);
    }
  else if (m == NULL)
    g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                 _("--%s %s: the checklist for “%s” (%s) has no material “%s”"),
                 option, text, yc_form_get_code (form), yc_form_get_situation_name (form), id);
  return m;
}

static char *
list_forms (const YcFormMaterial *m)
{
  return g_strjoinv ("|", (char **) m->forms);
}

/* ID=FORM (one of the material's), received (its first form), missing, or
 * defective:REASON */
static gboolean
fill_materials (YcForm              *form,
                const char * const  *statuses,
                GError             **error)
{
  for (guint i = 0; statuses != NULL && statuses[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *status = NULL;
      const YcFormMaterial *m;

      if (!split (statuses[i], "material", &id, &status, error) ||
          !(m = find_material (form, "material", statuses[i], id, error)))
        return FALSE;
      if (g_str_equal (status, "received"))
        yc_form_set_material_status (form, id, YC_MATERIAL_RECEIVED);
      else if (g_str_equal (status, "missing"))
        yc_form_set_material_status (form, id, YC_MATERIAL_MISSING);
      else if (g_str_has_prefix (status, "defective:") && status[strlen ("defective:")] != '\0')
        yc_form_set_material_defective (form, id, status + strlen ("defective:"));
      else if (yc_form_material_allows (m, status))
        yc_form_set_material_received (form, id, status);
      else
        {
          g_autofree char *forms = list_forms (m);

          g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                       _("--material %s: “%s” (%s) is received as %s, or is “received”, “missing” or “defective:REASON”"),
                       statuses[i], m->name, id, forms);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * yc_form_fill_supply:
 * @supplies: (nullable): `MATERIAL=FORM` or `MATERIAL=FORM@YYYY-MM-DD`
 *   assignments: the form a material missing at 容缺受理 will be supplied
 *   in, and the day it will be supplied by
 *
 * Returns: %TRUE, or %FALSE with @error naming the assignment that is wrong
 */
gboolean
yc_form_fill_supply (YcForm              *form,
                     const char * const  *supplies,
                     GError             **error)
{
  g_return_val_if_fail (YC_IS_FORM (form), FALSE);

  for (guint i = 0; supplies != NULL && supplies[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *value = NULL;
      const YcFormMaterial *m;
      char *at;
      GDate by;

      if (!split (supplies[i], "supply", &id, &value, error) ||
          !(m = find_material (form, "supply", supplies[i], id, error)))
        return FALSE;
      if ((at = strchr (value, '@')) != NULL)
        *at++ = '\0';
      if (!yc_form_material_allows (m, value))
        {
          g_autofree char *forms = list_forms (m);

          g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                       _("--supply %s: “%s” (%s) may be supplied as %s"), supplies[i], m->name, id, forms);
          return FALSE;
        }
      if (at != NULL && !yc_date_parse (at, &by))
        {
          g_set_error (error, YC_FORM_ERROR, YC_FORM_ERROR_INVALID,
                       _("--supply %s: the day “%s” is supplied by must be written YYYY-MM-DD"), supplies[i], m->name);
          return FALSE;
        }
      yc_form_set_material_supply (form, id, value, at);
    }
  return TRUE;
}

/**
 * yc_form_fill:
 * @answers: (nullable): `QUESTION=OPTION` assignments
 * @values: (nullable): `FIELD=VALUE` assignments; a value is JSON where the
 *   field holds more than text
 * @materials: (nullable): `MATERIAL=FORM|received|missing|defective:REASON`
 *   assignments
 * @ignored: (nullable) (element-type utf8): gets the questions whose answer
 *   was given but that these answers do not ask
 *
 * Returns: %TRUE, or %FALSE with @error naming the assignment that is wrong
 */
gboolean
yc_form_fill (YcForm              *form,
              const char * const  *answers,
              const char * const  *values,
              const char * const  *materials,
              GPtrArray           *ignored,
              GError             **error)
{
  g_return_val_if_fail (YC_IS_FORM (form), FALSE);

  return fill_answers (form, answers, ignored, error) &&
         fill_values (form, values, error) &&
         fill_materials (form, materials, error);
}

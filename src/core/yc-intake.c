/* yc-intake.c: the intake event, the window's whole act on a case
 *
 * The window and the scripted `yichuang case new` take a case the same
 * way: the form as filled, the materials checked, the decision and, for a
 * refusal, the reason and where to go instead, in one event logged and
 * queued durably, once yc_decision_check() allows the decision. The
 * central service checks exactly this event, with the same function.
 *
 * The dates the applicant is told (the promised completion date of a
 * 承诺件, the day each 容缺 material must be supplied by) go in the event
 * too, counted here from the day of acceptance with the station's
 * working-day calendar; the service counts them again with its own, the
 * same code, and refuses an intake whose dates differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-case-text.h"
#include "yc-decision.h"
#include "yc-event.h"
#include "yc-intake.h"

static void
set_due (JsonObject  *object,
         const char  *member,
         YcCalendar  *calendar,
         const GDate *accepted,
         guint        days)
{
  GDate due;

  /* beyond the calendar's last year the date is not known yet: it is left
   * out rather than guessed */
  if (yc_calendar_add_working_days (calendar, accepted, days, &due, NULL))
    {
      g_autofree char *text = yc_date_format (&due);

      json_object_set_string_member (object, member, text);
    }
}

/* @chosen: whether a supply date the clerk chose goes in instead of the
 * latest allowed */
static void
add_dates (JsonObject  *data,
           YcForm      *form,
           YcDecision   decision,
           YcCalendar  *calendar,
           const GDate *accepted,
           gboolean     chosen)
{
  g_autofree char *accepted_on = NULL;
  guint days;

  g_return_if_fail (data != NULL);
  g_return_if_fail (YC_IS_FORM (form));
  g_return_if_fail (YC_IS_CALENDAR (calendar));
  g_return_if_fail (accepted != NULL && g_date_valid (accepted));

  if (decision != YC_DECISION_ACCEPT && decision != YC_DECISION_RONGQUE)
    return;
  accepted_on = yc_date_format (accepted);
  json_object_set_string_member (data, "accepted_on", accepted_on);
  if ((days = yc_form_get_limit (form, YC_LIMIT_PROMISED)) > 0)
    {
      json_object_set_int_member (data, "promised_days", days);
      set_due (data, "promised_by", calendar, accepted, days);
    }
  if (decision == YC_DECISION_RONGQUE)
    {
      GPtrArray *materials = yc_form_get_materials (form);
      JsonArray *supply = json_array_new ();

      for (guint i = 0; i < materials->len; i++)
        {
          const YcFormMaterial *m = g_ptr_array_index (materials, i);
          JsonObject *entry;

          if ((m->status != YC_MATERIAL_MISSING && m->status != YC_MATERIAL_DEFECTIVE) || m->primary ||
              m->rongque_days == 0)
            continue;
          entry = json_object_new ();
          json_object_set_string_member (entry, "material", m->id);
          json_object_set_string_member (entry, "name", m->name);
          json_object_set_int_member (entry, "days", m->rongque_days);
          if (chosen && m->supply_by != NULL)
            json_object_set_string_member (entry, "by", m->supply_by);
          else
            set_due (entry, "by", calendar, accepted, m->rongque_days);
          json_array_add_object_element (supply, entry);
        }
      json_object_set_array_member (data, "supply_by", supply);
    }
}

/**
 * yc_intake_add_dates:
 * @data: the intake event's data
 * @accepted: the day of acceptance
 *
 * Adds to @data, for 受理 and 容缺受理, `accepted_on`; for a 承诺件
 * `promised_days` and, when the calendar reaches it, `promised_by`; for
 * 容缺受理 `supply_by`, one entry per missing or defective material with
 * its `days` and the date `by`: the one the clerk chose, or else the
 * latest its 容缺 deadline allows, when the calendar reaches it.
 */
void
yc_intake_add_dates (JsonObject  *data,
                     YcForm      *form,
                     YcDecision   decision,
                     YcCalendar  *calendar,
                     const GDate *accepted)
{
  add_dates (data, form, decision, calendar, accepted, TRUE);
}

static JsonObject *
find_supply (JsonArray  *supply,
             const char *material)
{
  for (guint i = 0; supply != NULL && i < json_array_get_length (supply); i++)
    {
      JsonNode *node = json_array_get_element (supply, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (yc_json_get_string (json_node_get_object (node), "material"), material) == 0)
        return json_node_get_object (node);
    }
  return NULL;
}

/**
 * yc_intake_check_dates:
 * @data: an intake event's data
 * @field: (out) (transfer none): the member that is wrong
 *
 * Counts the intake's dates again with @calendar. A date both sides can
 * count must be the same; one the station could not count (its calendar
 * did not reach it) is not required, and one @calendar cannot count is
 * taken as the station says.
 *
 * Returns: (transfer full) (nullable): what is wrong, or %NULL
 */
char *
yc_intake_check_dates (JsonObject  *data,
                       YcForm      *form,
                       YcDecision   decision,
                       YcCalendar  *calendar,
                       const char **field)
{
  const char *accepted_on = yc_json_get_string (data, "accepted_on");
  const char *promised_by = yc_json_get_string (data, "promised_by");
  JsonArray *supply = yc_json_get_array (data, "supply_by");
  g_autoptr(JsonObject) expected = json_object_new ();
  g_autoptr(JsonObject) in_form = json_object_new ();
  JsonArray *lists[2];
  const char *counted;
  GDate accepted;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail (YC_IS_CALENDAR (calendar), NULL);

  if (accepted_on == NULL && promised_by == NULL && supply == NULL)
    return NULL;
  *field = "accepted_on";
  if (!yc_date_parse (accepted_on, &accepted))
    return g_strdup (_("The dates of an intake need the day of acceptance, “accepted_on”, written YYYY-MM-DD"));
  /* the latest each 容缺 material may be supplied by */
  add_dates (expected, form, decision, calendar, &accepted, FALSE);

  *field = "promised_by";
  counted = yc_json_get_string (expected, "promised_by");
  if (promised_by != NULL && !json_object_has_member (expected, "promised_days"))
    return g_strdup_printf (_("The intake promises %s, but the item is done on the spot"), promised_by);
  if (promised_by != NULL && counted != NULL && !g_str_equal (promised_by, counted))
    return g_strdup_printf (_("The promised date %s is wrong: %u working days after %s end on %s by the central service’s calendar"),
                            promised_by, (guint) json_object_get_int_member (expected, "promised_days"),
                            accepted_on, counted);

  /* the dates the event says, and the ones its form holds, which the
   * materials of the event repeat */
  add_dates (in_form, form, decision, calendar, &accepted, TRUE);
  lists[0] = supply;
  lists[1] = yc_json_get_array (in_form, "supply_by");
  *field = "supply_by";
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < json_array_get_length (lists[l]); i++)
      {
        JsonNode *node = json_array_get_element (lists[l], i);
        JsonObject *given = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        const char *material = yc_json_get_string (given, "material");
        const char *by = yc_json_get_string (given, "by");
        JsonObject *due = find_supply (yc_json_get_array (expected, "supply_by"), material);
        GDate chosen, latest;

        if (due == NULL)
          return g_strdup_printf (_("“%s” is not a 容缺 material missing from this intake"), material ? material : "");
        counted = yc_json_get_string (due, "by");
        if (by != NULL && !yc_date_parse (by, &chosen))
          return g_strdup_printf (_("The supply date of %s, “%s”, is not a date written YYYY-MM-DD"),
                                  yc_json_get_string (due, "name"), by);
        if (by != NULL && g_date_compare (&chosen, &accepted) < 0)
          return g_strdup_printf (_("%s must be supplied on %s or later, the day of acceptance, not %s"),
                                  yc_json_get_string (due, "name"), accepted_on, by);
        /* the clerk may give less time than the template's, never more */
        if (by != NULL && counted != NULL && yc_date_parse (counted, &latest) && g_date_compare (&chosen, &latest) > 0)
          return g_strdup_printf (_("%s must be supplied by %s at the latest, not %s: %u working days after %s by the central service’s calendar"),
                                  yc_json_get_string (due, "name"), counted, by,
                                  (guint) json_object_get_int_member (due, "days"), accepted_on);
      }
  *field = NULL;
  return NULL;
}

/**
 * yc_intake_check_supply:
 * @accepted: (nullable): the day of acceptance, today when %NULL
 *
 * The 容缺 supply dates the form holds, counted with @calendar as
 * yc_intake_submit_dated() and the central service count them: what the
 * 容缺 dialog says before the clerk confirms.
 *
 * Returns: (transfer full) (nullable): what is wrong, or %NULL
 */
char *
yc_intake_check_supply (YcForm      *form,
                        YcCalendar  *calendar,
                        const GDate *accepted)
{
  g_autoptr(JsonObject) data = json_object_new ();
  const char *field;
  GDate today;

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail (YC_IS_CALENDAR (calendar), NULL);

  if (accepted == NULL)
    yc_today (&today);
  yc_intake_add_dates (data, form, YC_DECISION_RONGQUE, calendar, accepted ? accepted : &today);
  return yc_intake_check_dates (data, form, YC_DECISION_RONGQUE, calendar, &field);
}

/**
 * yc_intake_get_supply_limit:
 * @accepted: (nullable): the day of acceptance, today when %NULL
 *
 * Returns: (transfer full) (nullable): the latest day, YYYY-MM-DD, the
 *   容缺 material @material may be supplied by, or %NULL when the
 *   calendar does not reach it or @material has no 容缺 deadline
 */
char *
yc_intake_get_supply_limit (const YcFormMaterial *material,
                            YcCalendar           *calendar,
                            const GDate          *accepted)
{
  GDate today, due;

  g_return_val_if_fail (material != NULL, NULL);
  g_return_val_if_fail (YC_IS_CALENDAR (calendar), NULL);

  if (accepted == NULL)
    yc_today (&today);
  if (material->primary || material->rongque_days == 0 ||
      !yc_calendar_add_working_days (calendar, accepted ? accepted : &today, material->rongque_days, &due, NULL))
    return NULL;
  return yc_date_format (&due);
}

/* The event's "materials": each material as the clerk checked it */
static JsonArray *
materials_to_json (YcForm *form)
{
  GPtrArray *materials = yc_form_get_materials (form);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);
      JsonObject *o = json_object_new ();
      JsonArray *allowed;

      json_object_set_string_member (o, "id", m->id);
      json_object_set_string_member (o, "name", m->name);
      json_object_set_string_member (o, "status", yc_material_status_to_string (m->status));
      /* what a supplement may bring it in, after the catalog has moved on */
      allowed = json_array_new ();
      for (guint j = 0; m->forms != NULL && m->forms[j] != NULL; j++)
        json_array_add_string_element (allowed, m->forms[j]);
      json_object_set_array_member (o, "allowed", allowed);
      if (m->form != NULL)
        json_object_set_string_member (o, "form", m->form);
      if (m->defect != NULL)
        json_object_set_string_member (o, "defect", m->defect);
      if (m->supply_form != NULL)
        json_object_set_string_member (o, "supply_form", m->supply_form);
      if (m->supply_by != NULL)
        json_object_set_string_member (o, "supply_by", m->supply_by);
      json_array_add_object_element (array, o);
    }
  return array;
}

/**
 * yc_intake_check_told:
 * @data: an intake event's data
 * @form: its form, rebuilt and checked (yc_form_new_from_intake())
 *
 * Whether what the intake says the applicant was told is what its form
 * gives: the situation of its answers, and the checklist of materials,
 * each with the status the form holds; either may be left out. The
 * central service asks here
 * before it counts the dates (yc_intake_check_dates()).
 *
 * Returns: (transfer full) (nullable): the first problem, or %NULL
 */
YcFormProblem *
yc_intake_check_told (JsonObject *data,
                      YcForm     *form)
{
  GPtrArray *materials = yc_form_get_materials (form);
  JsonArray *told = yc_json_get_array (data, "materials");
  YcFormProblem *p = NULL;

  /* an intake without them (as the first stations sent) says nothing the
   * form does not: the service has the form's own */
  if (json_object_has_member (data, "situation") &&
      g_strcmp0 (yc_json_get_string (data, "situation"), yc_form_get_situation_name (form)) != 0)
    {
      p = yc_form_problem_new ("situation", g_strdup_printf (_("The answers give the situation “%s”, not “%s”"),
                                                             yc_form_get_situation_name (form) ?: "",
                                                             yc_json_get_string (data, "situation") ?: ""));
      p->refusal = "situation-mismatch";
      return p;
    }
  if (!json_object_has_member (data, "materials"))
    return NULL;
  if (told == NULL || json_array_get_length (told) != materials->len)
    {
      p = yc_form_problem_new ("materials", g_strdup_printf (_("The answers call for %u materials, the intake lists %u"),
                                                             materials->len, told ? json_array_get_length (told) : 0));
      p->refusal = "materials-mismatch";
      return p;
    }
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);
      JsonNode *node = json_array_get_element (told, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (o == NULL || g_strcmp0 (yc_json_get_string (o, "id"), m->id) != 0 ||
          g_strcmp0 (yc_json_get_string (o, "status"), yc_material_status_to_string (m->status)) != 0)
        {
          p = yc_form_problem_new ("materials", g_strdup_printf (_("Material %u of the checklist is “%s”, %s, not what the intake lists"),
                                                                 i + 1, m->name, yc_material_status_to_string (m->status)));
          p->refusal = "materials-mismatch";
          return p;
        }
    }
  return NULL;
}

/* What the decision tells the applicant beyond the form: the commitment
 * signed, the notice of everything to supply, the remedies of a refusal */
static void
add_told (JsonObject *data,
          YcForm     *form,
          YcDecision  decision)
{
  JsonObject *commitment;
  g_autoptr(GPtrArray) notice = NULL;

  json_object_set_array_member (data, "materials", materials_to_json (form));
  switch (decision)
    {
    case YC_DECISION_RONGQUE:
      commitment = json_object_new ();
      json_object_set_boolean_member (commitment, "signed", yc_form_get_commitment_signed (form));
      json_object_set_string_member (commitment, "text", yc_rongque_describe_commitment ());
      json_object_set_object_member (data, "commitment", commitment);
      break;
    case YC_DECISION_NOTIFY:
      notice = yc_decision_list_notice (form);
      json_object_set_array_member (data, "notice", yc_decision_notice_to_json (notice));
      break;
    case YC_DECISION_REJECT:
      json_object_set_string_member (data, "rights", yc_refusal_describe_rights ());
      break;
    case YC_DECISION_ACCEPT:
    case YC_DECISION_NONE:
    default:
      break;
    }
}

/**
 * yc_intake_submit:
 *
 * yc_intake_submit_dated() without dates.
 */
gboolean
yc_intake_submit (YcCaseStore  *store,
                  const char   *case_id,
                  YcForm       *form,
                  YcDecision    decision,
                  const char   *reason,
                  const char   *advice,
                  GError      **error)
{
  return yc_intake_submit_dated (store, case_id, form, decision, reason, advice, NULL, NULL, error);
}

/**
 * yc_intake_submit_dated:
 * @case_id: the draft to turn into a case
 * @reason: (nullable): for 不予受理, the legal reason
 * @advice: (nullable): for 不予受理, where and how to get it done instead
 * @calendar: (nullable): the station's working-day calendar
 * @accepted: (nullable): the day of acceptance, today when %NULL
 *
 * Takes the case with @decision, or refuses it, with
 * %YC_DECISION_ERROR_NOT_MET naming the first problem, when
 * yc_decision_check() does not allow it. The helper the form keeps
 * (yc_form_set_helper()) is recorded with it.
 *
 * Returns: %TRUE when the case is on disk and queued for the central
 *   service
 */
gboolean
yc_intake_submit_dated (YcCaseStore  *store,
                        const char   *case_id,
                        YcForm       *form,
                        YcDecision    decision,
                        const char   *reason,
                        const char   *advice,
                        YcCalendar   *calendar,
                        const GDate  *accepted,
                        GError      **error)
{
  return yc_intake_submit_helped (store, case_id, form, decision, reason, advice, NULL, calendar, accepted, error);
}

/**
 * yc_intake_submit_helped:
 * @helper: (nullable): the helper who acts for the applicant (帮办代办):
 *   {"name", "id_number", "relation", "authorisation", "handed_over"},
 *   checked with the case's log by yc_case_log_check_intake(); %NULL for
 *   the one the form keeps (yc_form_get_helper()), if any
 *
 * yc_intake_submit_dated() for a case a helper brings. A case told what is
 * missing (一次性告知) and reopened (yc_case_store_reopen()) is decided again
 * this way too, as the intake's next "round".
 */
gboolean
yc_intake_submit_helped (YcCaseStore  *store,
                         const char   *case_id,
                         YcForm       *form,
                         YcDecision    decision,
                         const char   *reason,
                         const char   *advice,
                         JsonObject   *helper,
                         YcCalendar   *calendar,
                         const GDate  *accepted,
                         GError      **error)
{
  g_autofree char *clerk = yc_case_store_get_meta (store, "clerk");
  g_autofree char *station = yc_case_store_get_meta (store, "station");
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(YcFormProblem) unsaved = NULL;
  JsonObject *data;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), FALSE);
  g_return_val_if_fail (YC_IS_FORM (form), FALSE);
  g_return_val_if_fail (decision != YC_DECISION_NONE, FALSE);

  problems = yc_decision_check (form, decision, reason, advice);
  if (problems->len > 0)
    {
      g_autofree char *problem = yc_form_problem_describe (g_ptr_array_index (problems, 0), form);

      /* TRANSLATORS: a decision, and the first thing that stands in its way */
      g_set_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_MET, _("%s: %s"),
                   yc_decision_get_label (decision), problem);
      return FALSE;
    }
  data = json_object_new ();
  json_object_set_object_member (data, "form", yc_form_save_intake (form));
  /* the answers of `yichuang case new` come from its command line: what
   * the service would refuse is refused here, with the same words */
  if ((unsaved = yc_form_check_saved (form, json_object_get_object_member (data, "form"))))
    {
      g_set_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_MET, _("%s: %s"),
                   yc_decision_get_label (decision), unsaved->message);
      json_object_unref (data);
      return FALSE;
    }
  json_object_set_string_member (data, "decision", yc_decision_to_string (decision));
  json_object_set_string_member (data, "situation", yc_form_get_situation_name (form));
  if (reason)
    json_object_set_string_member (data, "reason", reason);
  if (advice)
    json_object_set_string_member (data, "advice", advice);
  add_told (data, form, decision);
  /* the window's helper rides with the form, as the draft kept it */
  if (helper == NULL)
    helper = yc_form_get_helper (form);
  if (helper)
    json_object_set_object_member (data, "helper", json_object_ref (helper));
  if (calendar != NULL)
    {
      g_autofree char *wrong = NULL;
      const char *field;
      GDate today;

      if (accepted == NULL)
        yc_today (&today);
      yc_intake_add_dates (data, form, decision, calendar, accepted ? accepted : &today);
      /* a supply date the clerk chose, counted as the service will */
      if ((wrong = yc_intake_check_dates (data, form, decision, calendar, &field)) != NULL)
        {
          g_set_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_MET, _("%s: %s"),
                       yc_decision_get_label (decision), wrong);
          json_object_unref (data);
          return FALSE;
        }
    }
  event = yc_event_new (case_id, YC_EVENT_INTAKE, clerk, station, data);

  return yc_case_store_submit (store, case_id, event, error);
}

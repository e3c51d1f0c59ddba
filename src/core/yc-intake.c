/* yc-intake.c: the intake event, the window's whole act on a case
 *
 * The window and the scripted `yichuang case new` take a case the same
 * way: the form as filled, the materials checked, the decision and, for a
 * refusal, the reason and where to go instead, in one event logged and
 * queued durably. The central service checks exactly this event.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-event.h"
#include "yc-intake.h"

/**
 * yc_intake_submit:
 * @case_id: the draft to turn into a case
 * @reason: (nullable): for 不予受理, the legal reason
 * @advice: (nullable): for 不予受理, where and how to get it done instead
 *
 * Returns: %TRUE when the case is on disk and queued for the central
 *   service
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
  g_autofree char *clerk = yc_case_store_get_meta (store, "clerk");
  g_autofree char *station = yc_case_store_get_meta (store, "station");
  g_autoptr(JsonObject) event = NULL;
  JsonObject *data;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), FALSE);
  g_return_val_if_fail (YC_IS_FORM (form), FALSE);

  data = json_object_new ();
  json_object_set_object_member (data, "form", yc_form_save (form));
  json_object_set_string_member (data, "decision", yc_decision_to_string (decision));
  json_object_set_string_member (data, "situation", yc_form_get_situation_name (form));
  if (reason)
    json_object_set_string_member (data, "reason", reason);
  if (advice)
    json_object_set_string_member (data, "advice", advice);
  event = yc_event_new (case_id, YC_EVENT_INTAKE, clerk, station, data);

  return yc_case_store_submit (store, case_id, event, error);
}

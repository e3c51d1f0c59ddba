/* yc-back-office.c: what a department does with the cases routed to it
 *
 * "前台统一受理、后台分类审批": the window registers a case, the owning
 * department takes it (accepted), decides (approved, or rejected with a
 * reason), and says when the result is ready and how it reaches the
 * applicant (窗口领取 or 邮寄). This file is the one place that knows which
 * move is allowed from which state; the HTTP API and the command line both
 * call it, and the storage only makes each move atomic.
 *
 * Every move is an event on the case's log, and so on the change feed of
 * the station that took the case (for a bundle's sub-case, the station
 * that took the bundle).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-back-office.h"
#include "yichuang.h"

/* The states a department's queue holds, and how "Case X …; it cannot be
 * …" says each */
static const struct
{
  YcCaseState  state;
  const char  *where;
} queue_states[] = {
  { YC_CASE_STATE_REGISTERED, N_("is not accepted by its department yet") },
  { YC_CASE_STATE_ROUTED, N_("is not accepted by its department yet") },
  { YC_CASE_STATE_ACCEPTED, N_("is accepted already and waits for a decision") },
  { YC_CASE_STATE_APPROVED, N_("is approved already") },
  { YC_CASE_STATE_REJECTED, N_("is rejected already") },
  { YC_CASE_STATE_RESULT_READY, N_("has its result ready already") },
};

/* The states no department's queue holds: the window told or refused the
 * case, or its result was handed out */
static const struct
{
  YcCaseState  state;
  const char  *where;
} window_states[] = {
  { YC_CASE_STATE_NOTIFIED, N_("was told what is missing at the window and waits for 补正") },
  { YC_CASE_STATE_REFUSED, N_("was not taken in at the window") },
  { YC_CASE_STATE_DELIVERED, N_("has its result delivered already") },
};

#define FROM(state) (1u << (state))

typedef struct
{
  YcBackOfficeAction  action;
  const char         *name;      /* as the API and the command line say it */
  const char         *done;      /* "it cannot be …" */
  guint               from;      /* FROM() each state it is allowed in */
  YcCaseState         to;        /* the new state, and the event's type */
} Move;

static const Move moves[] = {
  { YC_BACK_OFFICE_ACCEPT, "accept", N_("accepted"),
    FROM (YC_CASE_STATE_REGISTERED) | FROM (YC_CASE_STATE_ROUTED), YC_CASE_STATE_ACCEPTED },
  { YC_BACK_OFFICE_APPROVE, "approve", N_("approved"), FROM (YC_CASE_STATE_ACCEPTED), YC_CASE_STATE_APPROVED },
  { YC_BACK_OFFICE_REJECT, "reject", N_("rejected"), FROM (YC_CASE_STATE_ACCEPTED), YC_CASE_STATE_REJECTED },
  { YC_BACK_OFFICE_RESULT_READY, "result-ready", N_("marked result-ready"),
    FROM (YC_CASE_STATE_APPROVED) | FROM (YC_CASE_STATE_REJECTED), YC_CASE_STATE_RESULT_READY },
};

/* Where a case stands, as the end of "Case X …; it cannot be …". */
static const char *
describe_state (YcCaseState state)
{
  for (guint i = 0; i < G_N_ELEMENTS (queue_states); i++)
    if (queue_states[i].state == state)
      return _(queue_states[i].where);
  for (guint i = 0; i < G_N_ELEMENTS (window_states); i++)
    if (window_states[i].state == state)
      return _(window_states[i].where);
  return _("is in an unknown state");
}

YcBackOfficeAction
yc_back_office_action_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_strcmp0 (text, moves[i].name) == 0)
      return moves[i].action;
  return YC_BACK_OFFICE_NONE;
}

/**
 * yc_back_office_is_state:
 *
 * Returns: whether a department's queue can hold cases in @state
 */
gboolean
yc_back_office_is_state (const char *state)
{
  YcCaseState known = yc_case_state_from_string (state);

  for (guint i = 0; i < G_N_ELEMENTS (queue_states); i++)
    if (queue_states[i].state == known)
      return TRUE;
  return FALSE;
}

/**
 * yc_back_office_find_case:
 * @department: (nullable): the department asking; %NULL for the operator
 *
 * A department sees only its own cases: another's is "not found", so that
 * nobody learns which numbers exist elsewhere.
 *
 * Returns: (transfer full): the case
 */
JsonObject *
yc_back_office_find_case (YcCentralStorage  *storage,
                          const char        *department,
                          const char        *official_no,
                          GError           **error)
{
  g_autoptr(JsonObject) found = NULL;

  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (storage), NULL);
  g_return_val_if_fail (official_no != NULL, NULL);

  if (!(found = yc_central_storage_find_case (storage, official_no, error)))
    return NULL;
  if (department != NULL && g_strcmp0 (yc_json_get_string (found, "department"), department) != 0)
    {
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_NOT_FOUND,
                   _("There is no case numbered %s in the queue of %s"), official_no, department);
      return NULL;
    }
  return g_steal_pointer (&found);
}

/* What the move records beside who and when; fails on what it lacks. */
static JsonObject *
make_data (const Move  *move,
           JsonObject  *found,
           JsonObject  *details,
           GError     **error)
{
  const char *official_no = yc_json_get_string (found, "official_no");
  const char *reason = details ? yc_json_get_string (details, "reason") : NULL;
  const char *delivery = details ? yc_json_get_string (details, "delivery") : NULL;
  const char *note = details ? yc_json_get_string (details, "note") : NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (reason ? reason : ""));
  g_autoptr(JsonObject) data = json_object_new ();

  json_object_set_string_member (data, "official_no", official_no);
  if (yc_json_get_string (found, "department"))
    json_object_set_string_member (data, "department", yc_json_get_string (found, "department"));
  if (move->action == YC_BACK_OFFICE_REJECT)
    {
      /* the applicant is told why: a refusal without a reason is no decision */
      if (stripped[0] == '\0')
        {
          g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_INVALID,
                       _("Rejecting case %s needs the reason, which the applicant is told"), official_no);
          return NULL;
        }
      json_object_set_string_member (data, "reason", reason);
    }
  if (move->action == YC_BACK_OFFICE_RESULT_READY)
    {
      if (g_strcmp0 (delivery, "window") != 0 && g_strcmp0 (delivery, "post") != 0)
        {
          g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_INVALID,
                       _("The result of case %s is delivered at the window (“window”) or by post (“post”), not “%s”"),
                       official_no, delivery ? delivery : "");
          return NULL;
        }
      json_object_set_string_member (data, "delivery", delivery);
      if (note != NULL && note[0] != '\0')
        json_object_set_string_member (data, "note", note);
    }
  return g_steal_pointer (&data);
}

/**
 * yc_back_office_act:
 * @department: (nullable): the department acting; %NULL for the operator,
 *   who may act on any case
 * @actor: who does it, recorded with the time on the case's log
 * @details: (nullable): `reason` for a rejection; `delivery` ("window" or
 *   "post") and an optional `note` for result-ready
 *
 * Makes one move of the back office. Repeating the move that brought the
 * case where it is changes nothing and succeeds, so that a retry is safe;
 * any other move the state does not allow fails with
 * %YC_CENTRAL_ERROR_CONFLICT, one that lacks a detail with
 * %YC_CENTRAL_ERROR_INVALID.
 *
 * Returns: (transfer full): the case as it is now
 */
JsonObject *
yc_back_office_act (YcCentralStorage   *storage,
                    const char         *department,
                    const char         *official_no,
                    YcBackOfficeAction  action,
                    const char         *actor,
                    JsonObject         *details,
                    GError            **error)
{
  const Move *move = NULL;

  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (storage), NULL);
  g_return_val_if_fail (official_no != NULL, NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (moves[i].action == action)
      move = &moves[i];
  g_return_val_if_fail (move != NULL, NULL);

  /* a second clerk may move the case between our look and our move: then
   * look again, and judge the move against what the case is now */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(JsonObject) found = NULL;
      g_autoptr(JsonObject) data = NULL;
      g_autoptr(JsonObject) event = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *to = yc_case_state_to_string (move->to);
      const char *state;

      if (!(found = yc_back_office_find_case (storage, department, official_no, error)))
        return NULL;
      state = yc_json_get_string (found, "state");
      if (yc_case_state_from_string (state) == move->to)
        return g_steal_pointer (&found);
      if (!(move->from & FROM (yc_case_state_from_string (state))))
        {
          g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_CONFLICT,
                       _("Case %s %s; it cannot be %s"), official_no,
                       describe_state (yc_case_state_from_string (state)), _(move->done));
          return NULL;
        }
      if (!(data = make_data (move, found, details, error)))
        return NULL;
      event = yc_event_new (yc_json_get_string (found, "case"), to, actor,
                            yc_json_get_string (found, "station"), g_steal_pointer (&data));
      if (yc_central_storage_set_case_state (storage, yc_json_get_string (found, "case"), state, to, event,
                                             &local_error))
        {
          json_object_set_string_member (found, "state", to);
          json_object_set_string_member (found, "updated", json_object_get_string_member (event, "at"));
          return g_steal_pointer (&found);
        }
      if (!g_error_matches (local_error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_CONFLICT) || attempt == 2)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

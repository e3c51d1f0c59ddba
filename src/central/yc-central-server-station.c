/* yc-central-server-station.c: what a station asks of the central service
 *
 * Enrollment, the catalog and calendar it publishes, the events a station
 * sends up and the changes it fetches down (docs/sync-protocol.md). An
 * intake is checked with the core's own rules, as the station did, and
 * routed to the department that decides it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-central-server-private.h"
#include "yichuang.h"

/* The catalog and the calendar: the whole document, unless the station
 * has it already. */
static void
respond_published (SoupServerMessage *msg,
                   YcPublished       *published)
{
  const char *match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "ETag", published->etag);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  if (g_strcmp0 (match, published->etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (published->document, NULL),
                                    g_bytes_get_size (published->document));
}

/* A scan is uploaded before the intake that holds it: the case is
 * registered only with every scan its fields name whole on the service. */
static gboolean
check_attachments (YcCentralServer  *self,
                   YcForm           *form,
                   const char      **refusal,
                   char            **field,
                   char            **reason)
{
  GPtrArray *fields = yc_form_get_fields (form);

  for (guint i = 0; i < fields->len; i++)
    {
      const YcFormField *f = g_ptr_array_index (fields, i);
      JsonNode *value = yc_form_get_value (form, f->key);
      const char *sha256;

      if (!f->visible || f->type != YC_FIELD_TYPE_ATTACHMENT || value == NULL ||
          !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      sha256 = json_node_get_string (value);
      if (self->blobs == NULL || !yc_central_blobs_has (self->blobs, sha256))
        {
          *refusal = "attachment-missing";
          *field = g_strdup (f->key);
          *reason = g_strdup_printf (_("%s: the service does not have the scan %s whole; upload it before the case"),
                                     f->label, sha256);
          return FALSE;
        }
    }
  return TRUE;
}

/* The form of an intake, as the station filled it, rebuilt in the
 * catalog this service publishes and checked with the core's rule for an
 * intake's form (yc_form_new_from_intake()): nothing of it is believed. */
static YcForm *
intake_form (YcCentralServer  *self,
             JsonObject       *data,
             const char      **refusal,
             char            **field,
             char            **reason)
{
  JsonObject *saved = yc_json_get_object (data, "form");
  g_autoptr(YcFormProblem) problem = NULL;
  YcForm *form;

  if (saved == NULL)
    {
      *refusal = "form-missing";
      *field = g_strdup ("form");
      *reason = g_strdup (_("The intake has no form"));
      return NULL;
    }
  if (!(form = yc_form_new_from_intake (self->catalog, saved, &problem)))
    {
      *refusal = problem->refusal;
      *field = g_strdup (problem->key);
      *reason = g_strdup (problem->message);
      return NULL;
    }
  /* what the applicant was told: the situation and the checklist */
  if ((problem = yc_intake_check_told (data, form)))
    {
      *refusal = problem->refusal;
      *field = g_strdup (problem->key);
      *reason = yc_form_problem_describe (problem, form);
      g_object_unref (form);
      return NULL;
    }
  return form;
}

/* The decision, by the rule the window followed (yc_decision_check()). */
static gboolean
check_decision (JsonObject  *data,
                YcForm      *form,
                YcDecision  *decision,
                const char **refusal,
                char       **field,
                char       **reason)
{
  const char *text = yc_json_get_string (data, "decision");
  g_autoptr(GPtrArray) problems = NULL;
  YcFormProblem *p;

  if ((*decision = yc_decision_from_string (text)) == YC_DECISION_NONE)
    {
      *refusal = "decision-unknown";
      *field = g_strdup ("decision");
      *reason = g_strdup_printf (_("“%s” is not a decision"), text ? text : "");
      return FALSE;
    }
  problems = yc_decision_check (form, *decision, yc_json_get_string (data, "reason"),
                                yc_json_get_string (data, "advice"));
  if (problems->len == 0)
    return TRUE;
  p = g_ptr_array_index (problems, 0);
  *refusal = p->refusal ? p->refusal : "decision-not-allowed";
  *field = g_strdup (p->key);
  *reason = yc_form_problem_describe (p, form);
  return FALSE;
}

/* The dates the applicant was told, counted again with the calendar this
 * service publishes. */
static gboolean
check_dates (YcCentralServer  *self,
             JsonObject       *data,
             YcForm           *form,
             YcDecision        decision,
             const char      **refusal,
             char            **field,
             char            **reason)
{
  const char *date_field = NULL;

  if (self->calendar == NULL ||
      !(*reason = yc_intake_check_dates (data, form, decision, self->calendar, &date_field)))
    return TRUE;
  *refusal = "dates-mismatch";
  *field = g_strdup (date_field);
  return FALSE;
}

/* Where a case goes: its implementation code, and the department that
 * decides it or, for a bundle, one sub-case per member routed to the
 * member's own department. */
static void
route_intake (YcForm      *form,
              YcDecision   decision,
              char       **impl_code,
              char       **department,
              JsonArray  **members)
{
  GPtrArray *items = yc_form_get_members (form);
  JsonObject *first = g_ptr_array_index (items, 0);

  *impl_code = g_strdup (yc_form_is_bundle (form) ? yc_form_get_code (form)
                         : json_object_get_string_member_with_default (first, "impl_code", yc_form_get_code (form)));
  /* 一次性告知 and 不予受理 are numbered and kept, but end at the window:
   * nothing was taken in for a department to decide on */
  if (decision == YC_DECISION_NOTIFY || decision == YC_DECISION_REJECT)
    return;
  if (!yc_form_is_bundle (form))
    {
      *department = g_strdup (json_object_get_string_member_with_default (yc_json_get_object (first, "department"),
                                                                          "name", NULL));
      return;
    }
  *members = json_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (items, i);
      JsonObject *member = json_object_new ();

      json_object_set_string_member (member, "code", json_object_get_string_member (item, "code"));
      json_object_set_string_member (member, "name", json_object_get_string_member_with_default (item, "name", ""));
      json_object_set_string_member (member, "impl_code",
                                     json_object_get_string_member_with_default (item, "impl_code",
                                                                                 json_object_get_string_member (item, "code")));
      json_object_set_string_member (member, "department",
                                     json_object_get_string_member_with_default (yc_json_get_object (item, "department"),
                                                                                 "name", ""));
      json_array_add_object_element (*members, member);
    }
}

/* The case's log as this service keeps it, folded by the core; an empty
 * log for a case it does not know. */
static YcCaseLog *
case_log (YcCentralServer  *self,
          const char       *case_id,
          GError          **error)
{
  g_autoptr(JsonArray) events = yc_central_storage_case_events (self->store, case_id, error);

  return events ? yc_case_log_new_from_array (events) : NULL;
}

/* Where a case stands at the service once the window decided: told what
 * is missing and refused cases are kept, but no department takes them. */
static const char *
intake_state (YcDecision decision)
{
  if (decision == YC_DECISION_NOTIFY)
    return yc_case_state_to_string (YC_CASE_STATE_NOTIFIED);
  if (decision == YC_DECISION_REJECT)
    return yc_case_state_to_string (YC_CASE_STATE_REFUSED);
  return yc_case_state_to_string (YC_CASE_STATE_REGISTERED);
}

/* Checks an intake event with the core's own rules, as the station did:
 * whether the case may be decided (again), its helper, its form, its
 * scans, its decision and its dates. On a problem, says which field (or
 * member) and why, and returns FALSE; @error is for a failure of our own.
 */
static gboolean
check_intake (YcCentralServer  *self,
              JsonObject       *event,
              const char      **refusal,
              char            **field,
              char            **reason,
              char            **impl_code,
              char            **department,
              JsonArray       **members,
              const char      **state,
              GError          **error)
{
  JsonObject *data = json_object_get_object_member (event, "data");
  g_autoptr(YcForm) form = NULL;
  g_autoptr(YcCaseLog) log = NULL;
  g_autoptr(GError) refused = NULL;
  const char *log_field = NULL;
  YcDecision decision;

  if (!(log = case_log (self, json_object_get_string_member (event, "case"), error)))
    return FALSE;
  if (!yc_case_log_check_intake (log, data, &log_field, &refused))
    {
      *refusal = g_strcmp0 (log_field, "helper") == 0 ? "helper-invalid" : "step-not-allowed";
      *field = g_strdup (log_field);
      *reason = g_strdup (refused->message);
      return FALSE;
    }
  if (!(form = intake_form (self, data, refusal, field, reason)) ||
      !check_attachments (self, form, refusal, field, reason) ||
      !check_decision (data, form, &decision, refusal, field, reason) ||
      !check_dates (self, data, form, decision, refusal, field, reason))
    return FALSE;
  route_intake (form, decision, impl_code, department, members);
  *state = intake_state (decision);
  return TRUE;
}

/* A step after the window's decision, checked over the service's own log
 * of the case with the rule the station followed (yc-case-log.c). */
static gboolean
check_step (YcCentralServer  *self,
            JsonObject       *event,
            const char      **refusal,
            char            **field,
            char            **reason,
            const char      **state,
            GError          **error)
{
  const char *type = json_object_get_string_member (event, "type");
  g_autoptr(YcCaseLog) log = NULL;
  g_autoptr(GError) refused = NULL;
  const char *step_field = NULL;

  *state = NULL;
  if (!(log = case_log (self, json_object_get_string_member (event, "case"), error)))
    return FALSE;
  if (!yc_case_log_check_step_field (log, type, json_object_get_object_member (event, "data"), self->calendar,
                                     NULL, &step_field, &refused))
    {
      *refusal = g_strcmp0 (step_field, "type") == 0 ? "step-not-allowed" : "field-invalid";
      *field = g_strdup (step_field);
      *reason = g_strdup (refused->message);
      return FALSE;
    }
  if (g_str_equal (type, YC_EVENT_DELIVERED))
    *state = yc_case_state_to_string (YC_CASE_STATE_DELIVERED);
  return TRUE;
}

#ifndef YC_EVENT_DOCUMENT
#define YC_EVENT_DOCUMENT "document-issued"
#endif

/* Steps after the window's decision, checked over the service's log of the
 * case (a "document-issued" step is refused by the core until it knows how
 * to check one) */
static gboolean
is_step (const char *type)
{
  const char * const types[] = { YC_EVENT_SUPPLEMENT, YC_EVENT_HANDOVER, YC_EVENT_DELIVERED,
                                 YC_EVENT_EVALUATED, YC_EVENT_FOLLOWED, YC_EVENT_DOCUMENT, NULL };

  return g_strv_contains (types, type);
}

/* What only a department makes, through the back office (or the service
 * itself: the official number) */
static gboolean
is_back_office (const char *type)
{
  const char * const types[] = { YC_EVENT_REGISTERED, YC_EVENT_ROUTED, YC_EVENT_ACCEPTED, YC_EVENT_APPROVED,
                                 YC_EVENT_REJECTED, YC_EVENT_RESULT, NULL };

  return g_strv_contains (types, type);
}

/* The window of an event's time around the service's clock: a station
 * offline for weeks is normal, a clock years off is not, and a time ahead
 * of the service's beyond a clock's usual drift is no time an event
 * happened (docs/sync-protocol.md) */
#define EVENT_PAST_DAYS       30
#define EVENT_FUTURE_MINUTES  10

/* The most events a batch holds (docs/sync-protocol.md) */
#define EVENTS_PER_BATCH      500

static JsonObject *
result_new (const char *uuid,
            const char *status)
{
  JsonObject *r = json_object_new ();

  json_object_set_string_member (r, "uuid", uuid);
  json_object_set_string_member (r, "status", status);
  return r;
}

static JsonObject *
result_refused (const char *uuid,
                guint       code,
                const char *refusal,
                const char *field,
                const char *reason)
{
  JsonObject *r = result_new (uuid, "rejected");
  g_autofree char *language = yc_refusal_get_language ();

  json_object_set_int_member (r, "code", code);
  json_object_set_string_member (r, "refusal", refusal);
  if (field)
    json_object_set_string_member (r, "field", field);
  json_object_set_string_member (r, "reason", reason);
  /* the station words the refusal itself when its clerk reads another
   * language than the one this service could answer in */
  json_object_set_string_member (r, "language", language);
  return r;
}

static JsonObject *
result_rejected (const char *uuid,
                 const char *refusal,
                 const char *field,
                 const char *reason)
{
  return result_refused (uuid, SOUP_STATUS_UNPROCESSABLE_ENTITY, refusal, field, reason);
}

/* A text a station sent, as a reason quotes it: at most @chars characters,
 * cut on a character's boundary */
static char *
quoted (const char *text,
        glong       chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (valid, -1) <= chars)
    return g_steal_pointer (&valid);
  cut = g_utf8_substring (valid, 0, chars);
  return g_strconcat (cut, "…", NULL);
}

/* Returns: (nullable): what is wrong with @at, an ISO 8601 date and time
 * with its offset, against the service's clock, and its refusal code */
static char *
check_at (const char  *at,
          const char **refusal)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gsize length = strlen (at);

  /* GDateTime takes a time without an offset as local: an event's time
   * must say which it is */
  *refusal = "at-malformed";
  if (length < 20 || length > 40 || at[10] != 'T' ||
      !(at[length - 1] == 'Z' || at[length - 6] == '+' || at[length - 6] == '-') ||
      !(time = g_date_time_new_from_iso8601 (at, NULL)))
    {
      g_autofree char *shown = quoted (at, 40);

      return g_strdup_printf (_("The event’s time “%s” is not an ISO 8601 date and time with its offset"), shown);
    }
  *refusal = "at-too-old";
  if (g_date_time_difference (now, time) > (GTimeSpan) EVENT_PAST_DAYS * G_TIME_SPAN_DAY)
    return g_strdup_printf (_("The event’s time %s is more than %d days before the service’s clock"),
                            at, EVENT_PAST_DAYS);
  *refusal = "at-in-future";
  if (g_date_time_difference (time, now) > (GTimeSpan) EVENT_FUTURE_MINUTES * G_TIME_SPAN_MINUTE)
    return g_strdup_printf (_("The event’s time %s is more than %d minutes ahead of the service’s clock"),
                            at, EVENT_FUTURE_MINUTES);
  *refusal = NULL;
  return NULL;
}

/* Refuses what is not an event of this station's token at all: the
 * result, or NULL when it may be one. */
static JsonObject *
refuse_event (JsonObject       *event,
              YcCentralRequest *request)
{
  const char *required[] = { "uuid", "case", "type", "at", "actor", "station" };
  const char *uuid;

  if (event == NULL)
    return result_rejected ("", "event-not-object", NULL, _("An event must be a JSON object"));
  uuid = yc_json_get_string (event, "uuid");
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      JsonNode *m = json_object_get_member (event, required[i]);

      if (m == NULL || !JSON_NODE_HOLDS_VALUE (m) || json_node_get_value_type (m) != G_TYPE_STRING)
        {
          g_autofree char *reason = g_strdup_printf (_("The event lacks the text member “%s”"), required[i]);
          return result_rejected (uuid ? uuid : "", "event-member-missing", required[i], reason);
        }
    }
  if (!g_uuid_string_is_valid (uuid))
    return result_rejected (uuid, "uuid-invalid", "uuid", _("The event’s uuid is not a UUID"));
  if (!yc_json_get_object (event, "data"))
    return result_rejected (uuid, "data-missing", "data", _("The event lacks its data object"));
  if (g_strcmp0 (json_object_get_string_member (event, "station"), request->station) != 0)
    return result_rejected (uuid, "station-not-token-station", "station",
                            _("The event was made at another station than the token’s"));
  if (g_strcmp0 (json_object_get_string_member (event, "actor"), request->clerk) != 0)
    return result_rejected (uuid, "actor-not-token-clerk", "actor",
                            _("The event was made by another clerk than the token’s"));
  return NULL;
}

/* Refuses an event new to the service that is not one this station may
 * make: the result, or NULL when it may be checked with the core's rules
 * and stored. */
static JsonObject *
refuse_new_event (YcCentralServer  *self,
                  JsonObject       *event,
                  const char       *uuid,
                  YcCentralRequest *request)
{
  g_autofree char *case_station = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *clerk_no = NULL;
  g_autofree char *wrong_at = NULL;
  const char *case_id, *type, *at_refusal;

  type = json_object_get_string_member (event, "type");
  if (is_back_office (type))
    return result_rejected (uuid, "type-back-office-only", "type",
                            _("Only a department’s back office makes this event; a station’s token may not send it"));
  if (!g_str_equal (type, YC_EVENT_INTAKE) && !is_step (type))
    return result_rejected (uuid, "type-unknown", "type", _("The service knows no event of this type"));
  if ((wrong_at = check_at (json_object_get_string_member (event, "at"), &at_refusal)))
    return result_rejected (uuid, at_refusal, "at", wrong_at);
  /* a case number is its station's: the station part is the token's, the
   * clerk part a clerk enrolled there */
  case_id = json_object_get_string_member (event, "case");
  if (!yc_case_number_parse (case_id, &case_station, &clerk_no, NULL))
    {
      g_autofree char *shown = quoted (case_id, 64);
      g_autofree char *reason = g_strdup_printf (_("The case number “%s” is not of the form station-clerk-day-sequence"),
                                                 shown);
      return result_rejected (uuid, "case-number-malformed", "case", reason);
    }
  if (!g_str_equal (case_station, request->station) ||
      ((owner = yc_central_storage_case_station (self->store, case_id)) && !g_str_equal (owner, request->station)))
    {
      g_autofree char *reason = g_strdup_printf (_("Case %s belongs to another station than %s"),
                                                 case_id, request->station);
      return result_refused (uuid, SOUP_STATUS_FORBIDDEN, "case-of-another-station", "case", reason);
    }
  if (!yc_central_storage_has_clerk (self->store, request->station, clerk_no))
    {
      g_autofree char *reason = g_strdup_printf (_("Case %s names clerk %s, who never enrolled at station %s"),
                                                 case_id, clerk_no, request->station);
      return result_rejected (uuid, "clerk-not-enrolled", "case", reason);
    }
  return NULL;
}

/* Stores a new event, an intake once checked and with where its case goes.
 * Returns its result, or NULL with @error on a failure of our own. */
static JsonObject *
store_event (YcCentralServer  *self,
             JsonObject       *event,
             const char       *sent_uuid,
             GError          **error)
{
  const char *type = json_object_get_string_member (event, "type");
  g_autofree char *field = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *impl_code = NULL;
  g_autofree char *department = NULL;
  g_autoptr(JsonArray) members = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *refusal = NULL;
  const char *state = NULL;
  YcStoreResult stored;
  gboolean done;

  if (g_str_equal (type, YC_EVENT_INTAKE))
    {
      if (!check_intake (self, event, &refusal, &field, &reason, &impl_code, &department, &members, &state,
                         &local_error))
        goto refused;
      done = yc_central_storage_take_intake (self->store, event, impl_code, department, members, state, &stored,
                                             &local_error);
    }
  else
    {
      g_assert (is_step (type));
      if (!check_step (self, event, &refusal, &field, &reason, &state, &local_error))
        goto refused;
      done = yc_central_storage_add_event (self->store, event, state, &stored, &local_error);
    }
  if (done)
    return result_new (sent_uuid, stored == YC_STORE_RESULT_DUPLICATE ? "duplicate" : "stored");
  if (local_error->domain == YC_CENTRAL_ERROR)
    return result_rejected (sent_uuid,
                            g_str_equal (type, YC_EVENT_INTAKE) ? "case-already-taken" : "case-unknown",
                            "case", local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;

refused:
  if (reason != NULL)
    return result_rejected (sent_uuid, refusal ? refusal : "form-invalid", field, reason);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* The same UUID twice is the same event sent again only when it says the
 * same; anything else is another event under a UUID already spent */
static gboolean
same_event (JsonObject *kept,
            JsonObject *event)
{
  const char *members[] = { "case", "type", "at", "actor", "station", "data" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *a = json_object_get_member (kept, members[i]);
      JsonNode *b = json_object_get_member (event, members[i]);

      if (a == NULL || b == NULL || !json_node_equal (a, b))
        return FALSE;
    }
  return TRUE;
}

static JsonObject *
take_event (YcCentralServer  *self,
            JsonNode         *node,
            YcCentralRequest *request,
            const char       *nul_member,
            GError          **error)
{
  JsonObject *event = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(JsonObject) kept = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *uuid = NULL;
  JsonObject *refused;

  /* @nul_member: the member whose value holds a NUL, "" for none named */
  if (event != NULL && nul_member != NULL)
    return result_rejected (yc_json_get_string (event, "uuid") ?: "", "text-holds-nul",
                            nul_member[0] ? nul_member : NULL,
                            _("A text of the event holds a NUL character, which no text may hold"));
  if ((refused = refuse_event (event, request)))
    return refused;
  /* UUIDs are kept, and compared, lower-case; the answer says the one the
   * station sent */
  sent = g_strdup (json_object_get_string_member (event, "uuid"));
  uuid = g_ascii_strdown (sent, -1);
  json_object_set_string_member (event, "uuid", uuid);
  if ((kept = yc_central_storage_find_event (self->store, uuid, NULL)))
    {
      g_autofree char *reason = NULL;

      if (same_event (kept, event))
        return result_new (sent, "duplicate");
      reason = g_strdup_printf (_("The service already has another event under the UUID %s; the first one is kept"), uuid);
      return result_refused (sent, SOUP_STATUS_CONFLICT, "uuid-conflict", "uuid", reason);
    }
  if ((refused = refuse_new_event (self, event, sent, request)))
    return refused;
  return store_event (self, event, sent, error);
}

/* The result of each event, in order, up to a failure of our own (a full
 * disk): the station keeps the rest and sends them again. */
static JsonArray *
take_events (YcCentralServer  *self,
             JsonArray        *events,
             YcCentralRequest *request,
             GArray           *nul,
             GPtrArray        *nul_members)
{
  JsonArray *results = json_array_new ();
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean holds_nul;
      JsonObject *r;

      for (; n < nul->len && g_array_index (nul, gint, n) < (gint) i; n++)
        ;
      holds_nul = n < nul->len && g_array_index (nul, gint, n) == (gint) i;
      if (!(r = take_event (self, json_array_get_element (events, i), request,
                            holds_nul ? g_ptr_array_index (nul_members, n) : NULL, &error)))
        {
          g_warning ("Storing an event: %s", error->message);
          break;
        }
      json_array_add_object_element (results, r);
    }
  return results;
}

static void
respond_unavailable (SoupServerMessage *msg,
                     const GError      *error)
{
  g_warning ("Storing events: %s", error->message);
  _yc_central_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, error->message);
}

static void
respond_refusal (SoupServerMessage *msg,
                 guint              status,
                 const char        *refusal,
                 const char        *field,
                 const char        *message)
{
  g_autoptr(JsonObject) o = json_object_new ();

  g_autofree char *language = yc_refusal_get_language ();

  json_object_set_string_member (o, "error", message);
  json_object_set_string_member (o, "refusal", refusal);
  json_object_set_string_member (o, "language", language);
  if (field)
    json_object_set_string_member (o, "field", field);
  _yc_central_respond (msg, status, o);
}

void
_yc_central_handle_events (YcCentralServer  *self,
                           YcCentralRequest *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) nul = NULL;
  g_autoptr(GPtrArray) nul_members = NULL;
  g_autoptr(GBytes) text = NULL;
  JsonArray *events;

  if (!(body = _yc_central_read_body (request->msg)))
    return;
  if (!(events = yc_json_get_array (body, "events")))
    {
      respond_refusal (request->msg, SOUP_STATUS_BAD_REQUEST, "events-missing", "events",
                       _("The request lacks the “events” list"));
      return;
    }
  if (json_array_get_length (events) > EVENTS_PER_BATCH)
    {
      g_autofree char *message = g_strdup_printf (_("A batch holds at most %d events, not %u"),
                                                  EVENTS_PER_BATCH, json_array_get_length (events));

      respond_refusal (request->msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "batch-too-large", "events", message);
      return;
    }
  /* json-glib cut every text at a NUL: which events held one is read from
   * the body itself */
  text = soup_message_body_flatten (soup_server_message_get_request_body (request->msg));
  nul = yc_json_find_nul (g_bytes_get_data (text, NULL), g_bytes_get_size (text), &nul_members);
  if (!yc_central_storage_begin_batch (self->store, &error))
    {
      respond_unavailable (request->msg, error);
      return;
    }
  results = take_events (self, events, request, nul, nul_members);
  /* a result is only said once it is on the disk */
  if (!yc_central_storage_end_batch (self->store, &error))
    {
      respond_unavailable (request->msg, error);
      return;
    }
  o = json_object_new ();
  json_object_set_array_member (o, "results", g_steal_pointer (&results));
  _yc_central_respond (request->msg, SOUP_STATUS_OK, o);
}

void
_yc_central_handle_changes (YcCentralServer  *self,
                            YcCentralRequest *request)
{
  const char *after_text = _yc_central_query (request, "after");
  gint64 after = after_text ? g_ascii_strtoll (after_text, NULL, 10) : 0;
  guint limit = _yc_central_query_uint (request, "limit", 500, 1, 1000);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *cursor_text = NULL;
  JsonArray *events;
  gint64 cursor;
  gboolean more;

  if (!(events = yc_central_storage_changes (self->store, request->station, after, limit, &cursor, &more, &error)))
    {
      _yc_central_respond_error (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
      return;
    }
  cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  o = json_object_new ();
  json_object_set_array_member (o, "events", events);
  json_object_set_string_member (o, "cursor", cursor_text);
  json_object_set_boolean_member (o, "more", more);
  _yc_central_respond (request->msg, SOUP_STATUS_OK, o);
}

/* How long until @throttle lets another try in, in microseconds; 0 now */
static gint64
throttle_wait (YcThrottle *throttle,
               guint       limit,
               guint       window,
               gint64      now)
{
  gint64 ends = throttle->since + (gint64) window * G_USEC_PER_SEC;

  if (throttle->failures > 0 && now >= ends)
    throttle->failures = 0;
  return throttle->failures >= limit ? ends - now : 0;
}

static void
throttle_fail (YcThrottle *throttle,
               gint64      now)
{
  if (throttle->failures++ == 0)
    throttle->since = now;
}

/* The record of the address @msg comes from; the addresses whose window
 * ended are forgotten, so that the table stays small. */
static YcThrottle *
peer_throttle (YcCentralServer   *self,
               SoupServerMessage *msg,
               gint64             now)
{
  const char *host = soup_server_message_get_remote_host (msg);
  YcThrottle *throttle;

  if (host == NULL)
    host = "";
  if ((throttle = g_hash_table_lookup (self->enroll_peers, host)))
    return throttle;
  if (g_hash_table_size (self->enroll_peers) >= 4096)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->enroll_peers);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (throttle_wait (value, 1, self->enroll_policy.window, now) == 0)
          g_hash_table_iter_remove (&iter);
    }
  throttle = g_new0 (YcThrottle, 1);
  g_hash_table_insert (self->enroll_peers, g_strdup (host), throttle);
  return throttle;
}

/* Guessing codes is held back: after so many wrong codes, from one
 * address or from all, every enrollment waits for the window to end. */
static gboolean
enroll_throttled (YcCentralServer   *self,
                  SoupServerMessage *msg,
                  YcThrottle        *peer,
                  gint64             now)
{
  const YcEnrollPolicy *policy = &self->enroll_policy;
  gint64 wait = MAX (throttle_wait (peer, policy->per_address, policy->window, now),
                     throttle_wait (&self->enroll_all, policy->total, policy->window, now));
  g_autofree char *seconds = NULL;
  g_autofree char *text = NULL;

  if (wait <= 0)
    return FALSE;
  seconds = g_strdup_printf ("%" G_GINT64_FORMAT, (wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  text = g_strdup_printf (_("Too many wrong enrollment codes; try again in %s seconds"), seconds);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
  _yc_central_refuse (msg, 429, "enrollment-throttled", NULL, text);
  return TRUE;
}

void
_yc_central_handle_enroll (YcCentralServer  *self,
                           YcCentralRequest *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) made_after = NULL;
  g_autofree char *token = NULL;
  g_autofree char *clerk_no = NULL;
  g_autofree char *station_name = NULL;
  const char *station, *code, *clerk;
  gint64 now = g_get_monotonic_time ();
  YcThrottle *peer = peer_throttle (self, request->msg, now);

  if (enroll_throttled (self, request->msg, peer, now))
    return;
  if (!(body = _yc_central_read_body (request->msg)))
    return;
  station = yc_json_get_string (body, "station");
  code = yc_json_get_string (body, "code");
  clerk = yc_json_get_string (body, "clerk");
  if (station == NULL || code == NULL || clerk == NULL || clerk[0] == '\0')
    {
      _yc_central_refuse (request->msg, SOUP_STATUS_BAD_REQUEST, "member-missing",
                          station == NULL ? "station" : code == NULL ? "code" : "clerk",
                          _("Enrollment needs “station”, “code” and “clerk”"));
      return;
    }
  if (self->enroll_policy.lifetime > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();

      made_after = g_date_time_add_seconds (utc, -(gdouble) self->enroll_policy.lifetime);
    }
  if (!yc_central_storage_enroll (self->store, station, code, made_after, clerk, &token, &clerk_no, &station_name,
                                  &error))
    {
      if (error->domain != YC_CENTRAL_ERROR)
        {
          g_message ("Enrolling a clerk: %s", error->message);
          _yc_central_refuse (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "service-failed", NULL,
                              _("The service could not enroll the clerk; its log says why"));
          return;
        }
      throttle_fail (peer, now);
      throttle_fail (&self->enroll_all, now);
      _yc_central_refuse (request->msg, SOUP_STATUS_FORBIDDEN,
                          error->code == YC_CENTRAL_ERROR_EXPIRED ? "enrollment-code-expired" : "enrollment-refused",
                          "code", error->message);
      return;
    }
  g_hash_table_remove (self->enroll_peers, soup_server_message_get_remote_host (request->msg) ?: "");
  o = json_object_new ();
  json_object_set_string_member (o, "token", token);
  json_object_set_string_member (o, "clerk_no", clerk_no);
  json_object_set_string_member (o, "station_name", station_name ? station_name : station);
  _yc_central_respond (request->msg, SOUP_STATUS_OK, o);
}

void
_yc_central_handle_enroll_method (YcCentralServer  *self,
                                  YcCentralRequest *request)
{
  _yc_central_refuse (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed", NULL, _("Use POST"));
}

void
_yc_central_handle_catalog (YcCentralServer  *self,
                            YcCentralRequest *request)
{
  respond_published (request->msg, &self->published_catalog);
}

void
_yc_central_handle_calendar (YcCentralServer  *self,
                             YcCentralRequest *request)
{
  if (self->published_calendar.document == NULL)
    _yc_central_respond_error (request->msg, SOUP_STATUS_NOT_FOUND, _("This service publishes no working-day calendar"));
  else
    respond_published (request->msg, &self->published_calendar);
}

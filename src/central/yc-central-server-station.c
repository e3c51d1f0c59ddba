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
          *field = g_strdup (f->key);
          *reason = g_strdup_printf (_("%s: the service does not have the scan %s whole; upload it before the case"),
                                     f->label, sha256);
          return FALSE;
        }
    }
  return TRUE;
}

/* The form of an intake, as the station filled it, in the catalog this
 * service publishes. */
static YcForm *
intake_form (YcCentralServer  *self,
             JsonObject       *data,
             char            **field,
             char            **reason)
{
  JsonObject *saved = yc_json_get_object (data, "form");
  g_autoptr(GError) error = NULL;
  YcForm *form;

  if (saved == NULL)
    {
      *field = g_strdup ("form");
      *reason = g_strdup (_("The intake has no form"));
      return NULL;
    }
  if (!(form = yc_form_new_from_saved (self->catalog, saved, &error)))
    {
      *field = g_strdup ("code");
      *reason = g_strdup (error->message);
    }
  return form;
}

/* The decision, by the rule the window followed (yc_decision_check()). */
static gboolean
check_decision (JsonObject  *data,
                YcForm      *form,
                YcDecision  *decision,
                char       **field,
                char       **reason)
{
  const char *text = yc_json_get_string (data, "decision");
  g_autoptr(GPtrArray) problems = NULL;
  YcFormProblem *p;

  if ((*decision = yc_decision_from_string (text)) == YC_DECISION_NONE)
    {
      *field = g_strdup ("decision");
      *reason = g_strdup_printf (_("“%s” is not a decision"), text ? text : "");
      return FALSE;
    }
  problems = yc_decision_check (form, *decision, yc_json_get_string (data, "reason"),
                                yc_json_get_string (data, "advice"));
  if (problems->len == 0)
    return TRUE;
  p = g_ptr_array_index (problems, 0);
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
             char            **field,
             char            **reason)
{
  const char *date_field = NULL;

  if (self->calendar == NULL ||
      !(*reason = yc_intake_check_dates (data, form, decision, self->calendar, &date_field)))
    return TRUE;
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
      *field = g_strdup (log_field);
      *reason = g_strdup (refused->message);
      return FALSE;
    }
  if (!(form = intake_form (self, data, field, reason)) ||
      !check_attachments (self, form, field, reason) ||
      !check_decision (data, form, &decision, field, reason) ||
      !check_dates (self, data, form, decision, field, reason))
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
      *field = g_strdup (step_field);
      *reason = g_strdup (refused->message);
      return FALSE;
    }
  if (g_str_equal (type, YC_EVENT_DELIVERED))
    *state = yc_case_state_to_string (YC_CASE_STATE_DELIVERED);
  return TRUE;
}

static gboolean
is_step (const char *type)
{
  const char * const types[] = { YC_EVENT_SUPPLEMENT, YC_EVENT_HANDOVER, YC_EVENT_DELIVERED,
                                 YC_EVENT_EVALUATED, YC_EVENT_FOLLOWED, YC_EVENT_DOCUMENT, NULL };

  return g_strv_contains (types, type);
}

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
result_rejected (const char *uuid,
                 const char *field,
                 const char *reason)
{
  JsonObject *r = result_new (uuid, "rejected");

  json_object_set_int_member (r, "code", SOUP_STATUS_UNPROCESSABLE_ENTITY);
  if (field)
    json_object_set_string_member (r, "field", field);
  json_object_set_string_member (r, "reason", reason);
  return r;
}

/* Refuses what is not an event of this station's: the result, or NULL when
 * it may be stored. */
static JsonObject *
refuse_event (JsonObject *event,
              const char *station)
{
  const char *required[] = { "uuid", "case", "type", "at", "station" };
  const char *uuid;

  if (event == NULL)
    return result_rejected ("", NULL, _("An event must be a JSON object"));
  uuid = yc_json_get_string (event, "uuid");
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      JsonNode *m = json_object_get_member (event, required[i]);

      if (m == NULL || !JSON_NODE_HOLDS_VALUE (m) || json_node_get_value_type (m) != G_TYPE_STRING)
        {
          g_autofree char *reason = g_strdup_printf (_("The event lacks the text member “%s”"), required[i]);
          return result_rejected (uuid ? uuid : "", required[i], reason);
        }
    }
  if (!g_uuid_string_is_valid (uuid))
    return result_rejected (uuid, "uuid", _("The event’s uuid is not a UUID"));
  if (!yc_json_get_object (event, "data"))
    return result_rejected (uuid, "data", _("The event lacks its data object"));
  if (g_strcmp0 (json_object_get_string_member (event, "station"), station) != 0)
    return result_rejected (uuid, "station", _("The event was made at another station than the token’s"));
  return NULL;
}

/* Stores a new event, an intake once checked and with where its case goes.
 * Returns its result, or NULL with @error on a failure of our own. */
static JsonObject *
store_event (YcCentralServer  *self,
             JsonObject       *event,
             GError          **error)
{
  const char *uuid = json_object_get_string_member (event, "uuid");
  const char *type = json_object_get_string_member (event, "type");
  g_autofree char *field = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *impl_code = NULL;
  g_autofree char *department = NULL;
  g_autoptr(JsonArray) members = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *state = NULL;
  YcStoreResult stored;
  gboolean done;

  if (g_str_equal (type, YC_EVENT_INTAKE))
    {
      if (!check_intake (self, event, &field, &reason, &impl_code, &department, &members, &state, &local_error))
        goto refused;
      done = yc_central_storage_take_intake (self->store, event, impl_code, department, members, state, &stored,
                                             &local_error);
    }
  else if (is_step (type))
    {
      if (!check_step (self, event, &field, &reason, &state, &local_error))
        goto refused;
      done = yc_central_storage_add_event (self->store, event, state, &stored, &local_error);
    }
  else
    done = yc_central_storage_add_event (self->store, event, NULL, &stored, &local_error);
  if (done)
    return result_new (uuid, stored == YC_STORE_RESULT_DUPLICATE ? "duplicate" : "stored");
  if (local_error->domain == YC_CENTRAL_ERROR)
    return result_rejected (uuid, "case", local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;

refused:
  if (reason != NULL)
    return result_rejected (uuid, field, reason);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static JsonObject *
take_event (YcCentralServer  *self,
            JsonNode         *node,
            const char       *station,
            GError          **error)
{
  JsonObject *event = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *refused;
  const char *uuid;

  if ((refused = refuse_event (event, station)))
    return refused;
  uuid = json_object_get_string_member (event, "uuid");
  if (yc_central_storage_has_event (self->store, uuid))
    return result_new (uuid, "duplicate");
  return store_event (self, event, error);
}

/* The result of each event, in order, up to a failure of our own (a full
 * disk): the station keeps the rest and sends them again. */
static JsonArray *
take_events (YcCentralServer *self,
             JsonArray       *events,
             const char      *station)
{
  JsonArray *results = json_array_new ();

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      g_autoptr(GError) error = NULL;
      JsonObject *r = take_event (self, json_array_get_element (events, i), station, &error);

      if (r == NULL)
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

void
_yc_central_handle_events (YcCentralServer  *self,
                           YcCentralRequest *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *events;

  if (!(body = _yc_central_read_body (request->msg)))
    return;
  if (!(events = yc_json_get_array (body, "events")))
    {
      _yc_central_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The request lacks the “events” list"));
      return;
    }
  if (!yc_central_storage_begin_batch (self->store, &error))
    {
      respond_unavailable (request->msg, error);
      return;
    }
  results = take_events (self, events, request->station);
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

void
_yc_central_handle_enroll (YcCentralServer  *self,
                           YcCentralRequest *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *clerk_no = NULL;
  g_autofree char *station_name = NULL;
  const char *station, *code, *clerk;

  if (!(body = _yc_central_read_body (request->msg)))
    return;
  station = yc_json_get_string (body, "station");
  code = yc_json_get_string (body, "code");
  clerk = yc_json_get_string (body, "clerk");
  if (station == NULL || code == NULL || clerk == NULL || clerk[0] == '\0')
    {
      _yc_central_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST,
                                 _("Enrollment needs “station”, “code” and “clerk”"));
      return;
    }
  if (!yc_central_storage_enroll (self->store, station, code, clerk, &token, &clerk_no, &station_name, &error))
    {
      _yc_central_respond_error (request->msg,
                                 error->domain == YC_CENTRAL_ERROR ? SOUP_STATUS_FORBIDDEN
                                                                   : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                 error->message);
      return;
    }
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
  _yc_central_respond_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Use POST"));
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

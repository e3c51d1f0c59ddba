/* yc-central-server.c: the HTTPS face of the central service
 *
 * The protocol is in docs/sync-protocol.md. Every case that arrives is
 * checked with the same core code the client used; the service never
 * trusts a client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "yc-back-office.h"
#include "yc-central-server.h"
#include "yichuang.h"

/* a batch of 500 intake events with full forms (the station sends at most
 * that many) stays far below this */
#define MAX_REQUEST (16 * 1024 * 1024)

struct _YcCentralServer
{
  GObject         parent_instance;

  SoupServer     *server;
  YcCentralStorage *store;
  YcCatalog      *catalog;
  YcCentralBlobs *blobs;
  GBytes         *catalog_document;
  char           *catalog_etag;
  YcCalendar     *calendar;
  GBytes         *calendar_document;
  char           *calendar_etag;
};

G_DEFINE_FINAL_TYPE (YcCentralServer, yc_central_server, G_TYPE_OBJECT)

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *body)
{
  char *text = yc_json_to_string (body);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *message)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "error", message);
  json_node_take_object (node, o);
  respond_json (msg, status, node);
}

/* Parses a request body that must be a JSON object; answers 400 if not. */
static JsonObject *
read_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *shape;
  JsonNode *root;

  if (g_bytes_get_size (bytes) > MAX_REQUEST)
    {
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request is too large"));
      return NULL;
    }
  if ((shape = yc_json_precheck (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))) != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The request is not JSON: %s"), shape);
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, text);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_autofree char *text = g_strdup_printf (_("The request is not JSON: %s"), error->message);
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, text);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("The request must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static const char *
bearer_token (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  return header != NULL && g_str_has_prefix (header, "Bearer ") ? header + strlen ("Bearer ") : NULL;
}

static gboolean
authenticate (YcCentralServer    *self,
              SoupServerMessage  *msg,
              char              **station,
              char              **clerk)
{
  const char *token = bearer_token (msg);
  g_autoptr(GError) error = NULL;
  g_autofree char *department = NULL;

  if (token != NULL && yc_central_storage_authenticate (self->store, token, station, clerk, &error))
    return TRUE;
  if (token != NULL && (department = yc_central_storage_authenticate_department (self->store, token, NULL)))
    respond_error (msg, SOUP_STATUS_FORBIDDEN, _("A department’s token is for the back office; it cannot act for a station"));
  else
    respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                   error ? error->message : _("This service needs a clerk’s token: enroll the station first"));
  return FALSE;
}

/* The back office: a department's clerks, with the department's token. */

static char *
authenticate_department (YcCentralServer   *self,
                         SoupServerMessage *msg)
{
  const char *token = bearer_token (msg);
  g_autofree char *station = NULL;
  g_autofree char *clerk = NULL;
  char *department;

  if (token != NULL && (department = yc_central_storage_authenticate_department (self->store, token, NULL)))
    return department;
  if (token != NULL && yc_central_storage_authenticate (self->store, token, &station, &clerk, NULL))
    respond_error (msg, SOUP_STATUS_FORBIDDEN, _("A station’s token cannot use the back office; it needs a department’s token"));
  else
    respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                   _("The back office needs a department’s token (yichuang-central department-token)"));
  return NULL;
}

static void
respond_back_office_error (SoupServerMessage *msg,
                           const GError      *error)
{
  guint status = SOUP_STATUS_INTERNAL_SERVER_ERROR;

  if (error->domain == YC_CENTRAL_ERROR)
    switch ((YcCentralError) error->code)
      {
      case YC_CENTRAL_ERROR_NOT_FOUND:
        status = SOUP_STATUS_NOT_FOUND;
        break;
      case YC_CENTRAL_ERROR_CONFLICT:
        status = SOUP_STATUS_CONFLICT;
        break;
      case YC_CENTRAL_ERROR_INVALID:
        status = SOUP_STATUS_UNPROCESSABLE_ENTITY;
        break;
      case YC_CENTRAL_ERROR_ENROLL:
      case YC_CENTRAL_ERROR_TOKEN:
      default:
        break;
      }
  respond_error (msg, status, error->message);
}

static void
respond_object (SoupServerMessage *msg,
                JsonObject        *o)
{
  g_autoptr(JsonNode) answer = json_node_init_object (json_node_alloc (), o);

  respond_json (msg, SOUP_STATUS_OK, answer);
}

static void
handle_queue (YcCentralServer   *self,
              SoupServerMessage *msg,
              GHashTable        *query,
              const char        *department)
{
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  const char *offset_text = query ? g_hash_table_lookup (query, "offset") : NULL;
  guint limit = limit_text ? CLAMP (g_ascii_strtoull (limit_text, NULL, 10), 1, 500) : 100;
  guint offset = offset_text ? MIN (g_ascii_strtoull (offset_text, NULL, 10), G_MAXINT) : 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  JsonArray *cases;
  gboolean more;

  if (state != NULL && !yc_back_office_is_state (state))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a state of a department’s case"), state);
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, text);
      return;
    }
  /* one more than asked tells whether another page waits */
  if (!(cases = yc_central_storage_list_cases (self->store, department, state, offset, limit + 1, &error)))
    {
      respond_back_office_error (msg, error);
      return;
    }
  more = json_array_get_length (cases) > limit;
  if (more)
    json_array_remove_element (cases, limit);
  json_object_set_string_member (o, "department", department);
  json_object_set_array_member (o, "cases", cases);
  json_object_set_boolean_member (o, "more", more);
  respond_object (msg, o);
}

static void
handle_back_office_case (YcCentralServer   *self,
                         SoupServerMessage *msg,
                         const char        *department,
                         const char        *official_no)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonArray) own = NULL;
  JsonArray *events;
  const char *parent;

  if (!(found = yc_back_office_find_case (self->store, department, official_no, &error)))
    {
      respond_back_office_error (msg, error);
      return;
    }
  /* a sub-case's form is the bundle's: the department needs it to decide */
  parent = yc_json_get_string (found, "parent");
  events = parent ? yc_central_storage_case_events (self->store, parent, &error) : json_array_new ();
  if (events == NULL ||
      !(own = yc_central_storage_case_events (self->store, yc_json_get_string (found, "case"), &error)))
    {
      g_clear_pointer (&events, json_array_unref);
      respond_back_office_error (msg, error);
      return;
    }
  for (guint i = 0; i < json_array_get_length (own); i++)
    json_array_add_element (events, json_node_copy (json_array_get_element (own, i)));
  json_object_set_object_member (o, "case", g_steal_pointer (&found));
  json_object_set_array_member (o, "events", events);
  respond_object (msg, o);
}

static void
handle_back_office_act (YcCentralServer    *self,
                        SoupServerMessage  *msg,
                        const char         *department,
                        const char         *official_no,
                        YcBackOfficeAction  action)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *done;
  const char *by;

  /* accept and approve need nothing but the case */
  if (request->length == 0)
    body = json_object_new ();
  else if (!(body = read_body (msg)))
    return;
  by = yc_json_get_string (body, "by");
  if (!(done = yc_back_office_act (self->store, department, official_no, action,
                                   by && by[0] ? by : department, body, &error)))
    {
      respond_back_office_error (msg, error);
      return;
    }
  json_object_set_object_member (o, "case", done);
  respond_object (msg, o);
}

/* GET queue, GET cases/NO, POST cases/NO/ACTION under /api/v1/back-office/ */
static void
handle_back_office (YcCentralServer   *self,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  const char *rest = path + strlen ("/api/v1/back-office/");
  g_autofree char *department = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *official_no = NULL;

  if (!(department = authenticate_department (self, msg)))
    return;
  parts = g_strsplit (rest, "/", 3);
  if (g_str_equal (rest, "queue") && g_str_equal (method, "GET"))
    {
      handle_queue (self, msg, query, department);
      return;
    }
  if (g_strv_length (parts) < 2 || !g_str_equal (parts[0], "cases") ||
      !(official_no = g_uri_unescape_string (parts[1], NULL)) || official_no[0] == '\0')
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, _("There is no such resource in protocol version 1"));
      return;
    }
  if (parts[2] == NULL && g_str_equal (method, "GET"))
    handle_back_office_case (self, msg, department, official_no);
  else if (parts[2] != NULL && yc_back_office_action_from_string (parts[2]) != YC_BACK_OFFICE_NONE &&
           g_str_equal (method, "POST"))
    handle_back_office_act (self, msg, department, official_no, yc_back_office_action_from_string (parts[2]));
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, _("There is no such resource in protocol version 1"));
}

static void
handle_enroll (YcCentralServer   *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *clerk_no = NULL;
  g_autofree char *station_name = NULL;
  g_autoptr(JsonNode) answer = json_node_new (JSON_NODE_OBJECT);
  const char *station, *code, *clerk;
  JsonObject *o;

  if (!(body = read_body (msg)))
    return;
  station = yc_json_get_string (body, "station");
  code = yc_json_get_string (body, "code");
  clerk = yc_json_get_string (body, "clerk");
  if (station == NULL || code == NULL || clerk == NULL || clerk[0] == '\0')
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("Enrollment needs “station”, “code” and “clerk”"));
      return;
    }
  if (!yc_central_storage_enroll (self->store, station, code, clerk, &token, &clerk_no, &station_name, &error))
    {
      respond_error (msg, error->domain == YC_CENTRAL_ERROR ? SOUP_STATUS_FORBIDDEN : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                     error->message);
      return;
    }
  o = json_object_new ();
  json_object_set_string_member (o, "token", token);
  json_object_set_string_member (o, "clerk_no", clerk_no);
  json_object_set_string_member (o, "station_name", station_name ? station_name : station);
  json_node_take_object (answer, o);
  respond_json (msg, SOUP_STATUS_OK, answer);
}

/* The catalog and the calendar: the whole document, unless the station
 * has it already. */
static void
respond_published (SoupServerMessage *msg,
                   GBytes            *document,
                   const char        *etag)
{
  const char *match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  if (g_strcmp0 (match, etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (document, NULL), g_bytes_get_size (document));
}

static void
handle_catalog (YcCentralServer   *self,
                SoupServerMessage *msg)
{
  respond_published (msg, self->catalog_document, self->catalog_etag);
}

static void
handle_calendar (YcCentralServer   *self,
                 SoupServerMessage *msg)
{
  if (self->calendar_document == NULL)
    respond_error (msg, SOUP_STATUS_NOT_FOUND, _("This service publishes no working-day calendar"));
  else
    respond_published (msg, self->calendar_document, self->calendar_etag);
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

/* Checks an intake event with the core's own rules, as the station did:
 * its form, its scans, its decision and its dates. On a problem, says
 * which field (or member) and why, and returns FALSE.
 */
static gboolean
check_intake (YcCentralServer  *self,
              JsonObject       *data,
              char            **field,
              char            **reason,
              char            **impl_code,
              char            **department,
              JsonArray       **members)
{
  g_autoptr(YcForm) form = NULL;
  YcDecision decision;

  if (!(form = intake_form (self, data, field, reason)) ||
      !check_attachments (self, form, field, reason) ||
      !check_decision (data, form, &decision, field, reason) ||
      !check_dates (self, data, form, decision, field, reason))
    return FALSE;
  route_intake (form, decision, impl_code, department, members);
  return TRUE;
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

static JsonObject *
take_event (YcCentralServer  *self,
            JsonNode         *node,
            const char       *station,
            GError          **error)
{
  JsonObject *event = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *required[] = { "uuid", "case", "type", "at", "station" };
  const char *uuid, *type;
  YcStoreResult stored;

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
  if (yc_central_storage_has_event (self->store, uuid))
    return result_new (uuid, "duplicate");

  type = json_object_get_string_member (event, "type");
  if (g_str_equal (type, YC_EVENT_INTAKE))
    {
      g_autofree char *field = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *impl_code = NULL;
      g_autofree char *department = NULL;
      g_autoptr(JsonArray) members = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!check_intake (self, json_object_get_object_member (event, "data"), &field, &reason, &impl_code,
                         &department, &members))
        return result_rejected (uuid, field, reason);
      if (!yc_central_storage_take_intake (self->store, event, impl_code, department, members, &stored, &local_error))
        {
          if (local_error->domain == YC_CENTRAL_ERROR)
            return result_rejected (uuid, "case", local_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!yc_central_storage_add_event (self->store, event, &stored, &local_error))
        {
          if (local_error->domain == YC_CENTRAL_ERROR)
            return result_rejected (uuid, "case", local_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return result_new (uuid, stored == YC_STORE_RESULT_DUPLICATE ? "duplicate" : "stored");
}

static void
handle_events (YcCentralServer   *self,
               SoupServerMessage *msg,
               const char        *station)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) answer = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  JsonArray *events;
  JsonArray *results;
  JsonObject *o;

  if (!(body = read_body (msg)))
    return;
  if (!(events = yc_json_get_array (body, "events")))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("The request lacks the “events” list"));
      return;
    }
  if (!yc_central_storage_begin_batch (self->store, &error))
    {
      g_warning ("Storing events: %s", error->message);
      respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, error->message);
      return;
    }
  results = json_array_new ();
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      g_autoptr(GError) local_error = NULL;
      JsonObject *r = take_event (self, json_array_get_element (events, i), station, &local_error);

      if (r == NULL)
        {
          /* a failure of our own (a full disk): the station keeps the rest
           * and sends them again */
          g_warning ("Storing an event: %s", local_error->message);
          break;
        }
      json_array_add_object_element (results, r);
    }
  /* a result is only said once it is on the disk */
  if (!yc_central_storage_end_batch (self->store, &error))
    {
      g_warning ("Storing events: %s", error->message);
      json_array_unref (results);
      respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, error->message);
      return;
    }
  o = json_object_new ();
  json_object_set_array_member (o, "results", results);
  json_node_take_object (answer, o);
  respond_json (msg, SOUP_STATUS_OK, answer);
}

static void
handle_changes (YcCentralServer   *self,
                SoupServerMessage *msg,
                GHashTable        *query,
                const char        *station)
{
  const char *after_text = query ? g_hash_table_lookup (query, "after") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  gint64 after = after_text ? g_ascii_strtoll (after_text, NULL, 10) : 0;
  guint limit = limit_text ? CLAMP (g_ascii_strtoull (limit_text, NULL, 10), 1, 1000) : 500;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *cursor_text = NULL;
  JsonArray *events;
  JsonObject *o;
  gint64 cursor;
  gboolean more;

  if (!(events = yc_central_storage_changes (self->store, station, after, limit, &cursor, &more, &error)))
    {
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
      return;
    }
  cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  o = json_object_new ();
  json_object_set_array_member (o, "events", events);
  json_object_set_string_member (o, "cursor", cursor_text);
  json_object_set_boolean_member (o, "more", more);
  json_node_take_object (answer, o);
  respond_json (msg, SOUP_STATUS_OK, answer);
}

static void
respond_upload (SoupServerMessage *msg,
                guint              status,
                const char        *sha256,
                guint64            received,
                gboolean           complete,
                const char        *message)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *offset = g_strdup_printf ("%" G_GUINT64_FORMAT, received);
  JsonObject *o = json_object_new ();

  if (message)
    json_object_set_string_member (o, "error", message);
  json_object_set_string_member (o, "sha256", sha256);
  json_object_set_int_member (o, "received", received);
  json_object_set_boolean_member (o, "complete", complete);
  json_node_take_object (node, o);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Upload-Offset", offset);
  respond_json (msg, status, node);
}

/* GET or HEAD: how much of the scan the service has; PUT: one chunk more,
 * at exactly that offset (docs/sync-protocol.md, "Attachments"). */
static void
handle_attachment (YcCentralServer   *self,
                   SoupServerMessage *msg,
                   const char        *method,
                   const char        *sha256)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  goffset start, end, total;
  guint64 received;
  gboolean complete;
  guint status;

  if (!yc_attachment_is_sha256 (sha256))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                     _("An attachment is named by its SHA-256: 64 lowercase hexadecimal digits"));
      return;
    }
  if (self->blobs == NULL)
    {
      respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, _("This service keeps no attachments"));
      return;
    }
  if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    {
      received = yc_central_blobs_query (self->blobs, sha256, &complete);
      respond_upload (msg, SOUP_STATUS_OK, sha256, received, complete, NULL);
      return;
    }
  if (!g_str_equal (method, "PUT"))
    {
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Use GET, HEAD or PUT"));
      return;
    }
  if (!soup_message_headers_get_content_range (headers, &start, &end, &total) || total < 0)
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                     _("A chunk needs “Content-Range: bytes START-END/TOTAL”"));
      return;
    }
  chunk = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if ((goffset) g_bytes_get_size (chunk) != end - start + 1 && g_bytes_get_size (chunk) <= YC_ATTACHMENT_CHUNK_SIZE)
    {
      g_autofree char *text = g_strdup_printf (_("The Content-Range names %lld bytes, the body has %zu"),
                                               (long long) (end - start + 1), g_bytes_get_size (chunk));
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, text);
      return;
    }
  if (yc_central_blobs_append (self->blobs, sha256, start, total, chunk, &received, &complete, &error))
    {
      respond_upload (msg, SOUP_STATUS_OK, sha256, received, complete, NULL);
      return;
    }
  switch (error->code)
    {
    case YC_CENTRAL_BLOBS_ERROR_OFFSET:
      status = SOUP_STATUS_CONFLICT;
      break;
    case YC_CENTRAL_BLOBS_ERROR_RANGE:
      status = SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE;
      break;
    case YC_CENTRAL_BLOBS_ERROR_TOO_LARGE:
      status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
      break;
    case YC_CENTRAL_BLOBS_ERROR_MISMATCH:
      status = SOUP_STATUS_UNPROCESSABLE_ENTITY;
      break;
    case YC_CENTRAL_BLOBS_ERROR_FAILED:
    default:
      status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      break;
    }
  respond_upload (msg, status, sha256, received, complete, error->message);
}

static void
handle_request (YcCentralServer   *self,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *station = NULL;
  g_autofree char *clerk = NULL;

  if (g_str_equal (path, "/api/v1/enroll"))
    {
      if (!g_str_equal (method, "POST"))
        respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Use POST"));
      else
        handle_enroll (self, msg);
      return;
    }
  if (g_str_has_prefix (path, "/api/v1/back-office/"))
    {
      handle_back_office (self, msg, path, query);
      return;
    }

  if (!authenticate (self, msg, &station, &clerk))
    return;

  if (g_str_equal (path, "/api/v1/catalog") && g_str_equal (method, "GET"))
    handle_catalog (self, msg);
  else if (g_str_equal (path, "/api/v1/calendar") && g_str_equal (method, "GET"))
    handle_calendar (self, msg);
  else if (g_str_equal (path, "/api/v1/events") && g_str_equal (method, "POST"))
    handle_events (self, msg, station);
  else if (g_str_equal (path, "/api/v1/changes") && g_str_equal (method, "GET"))
    handle_changes (self, msg, query, station);
  else if (g_str_has_prefix (path, "/api/v1/attachments/"))
    handle_attachment (self, msg, method, path + strlen ("/api/v1/attachments/"));
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, _("There is no such resource in protocol version 1"));
}

/* Answers in the language the station asks for (Accept-Language): its
 * clerk reads why a case was refused. Every answer is made before this
 * returns, so the thread's locale is the request's for all of it. */
static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  locale_t answer = yc_language_new_locale (soup_message_headers_get_one (headers, "Accept-Language"));
  locale_t own = answer != (locale_t) 0 ? uselocale (answer) : (locale_t) 0;

  handle_request (user_data, msg, path, query);
  if (answer != (locale_t) 0)
    {
      uselocale (own);
      freelocale (answer);
    }
}

/**
 * yc_central_server_set_catalog:
 *
 * Publishes @catalog from now on; stations see a new ETag and fetch it.
 */
void
yc_central_server_set_catalog (YcCentralServer *self,
                               YcCatalog       *catalog)
{
  g_autofree char *hash = NULL;

  g_return_if_fail (YC_IS_CENTRAL_SERVER (self));
  g_return_if_fail (YC_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  g_clear_pointer (&self->catalog_document, g_bytes_unref);
  self->catalog_document = yc_catalog_to_document (catalog);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->catalog_document);
  g_free (self->catalog_etag);
  self->catalog_etag = g_strdup_printf ("\"%s\"", hash);
}

/**
 * yc_central_server_set_calendar:
 *
 * Publishes @calendar from now on, and counts the dates of the cases that
 * arrive with it.
 */
void
yc_central_server_set_calendar (YcCentralServer *self,
                                YcCalendar      *calendar)
{
  g_autofree char *hash = NULL;

  g_return_if_fail (YC_IS_CENTRAL_SERVER (self));
  g_return_if_fail (YC_IS_CALENDAR (calendar));

  g_set_object (&self->calendar, calendar);
  g_clear_pointer (&self->calendar_document, g_bytes_unref);
  self->calendar_document = yc_calendar_to_document (calendar);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->calendar_document);
  g_free (self->calendar_etag);
  self->calendar_etag = g_strdup_printf ("\"%s\"", hash);
}

/**
 * yc_central_server_set_blobs:
 *
 * Keeps the scans stations upload in @blobs. Without it the service
 * refuses every case that holds a scan.
 */
void
yc_central_server_set_blobs (YcCentralServer *self,
                             YcCentralBlobs  *blobs)
{
  g_return_if_fail (YC_IS_CENTRAL_SERVER (self));
  g_return_if_fail (YC_IS_CENTRAL_BLOBS (blobs));

  g_set_object (&self->blobs, blobs);
}

YcCentralServer *
yc_central_server_new (YcCentralStorage *store,
                       YcCatalog        *catalog)
{
  YcCentralServer *self;

  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (store), NULL);
  g_return_val_if_fail (YC_IS_CATALOG (catalog), NULL);

  self = g_object_new (YC_TYPE_CENTRAL_SERVER, NULL);
  self->store = g_object_ref (store);
  yc_central_server_set_catalog (self, catalog);
  return self;
}

/**
 * yc_central_server_listen:
 * @port: 0 for any free port
 *
 * Returns: (transfer full) (nullable): the URL it listens on
 */
char *
yc_central_server_listen (YcCentralServer  *self,
                          const char       *address,
                          guint             port,
                          const char       *cert_file,
                          const char       *key_file,
                          GError          **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GInetSocketAddress) bound = NULL;
  GSList *listeners;
  char *url;

  g_return_val_if_fail (YC_IS_CENTRAL_SERVER (self), NULL);

  if (!(certificate = g_tls_certificate_new_from_files (cert_file, key_file, error)))
    {
      g_prefix_error (error, _("Cannot load the certificate %s with key %s: "), cert_file, key_file);
      return NULL;
    }
  if (!(inet = g_inet_address_new_from_string (address)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address"), address);
      return NULL;
    }
  self->server = soup_server_new ("tls-certificate", certificate, "server-header", "yichuang-central", NULL);
  soup_server_add_handler (self->server, "/api/v1", on_request_cb, self, NULL);
  socket_address = g_inet_socket_address_new (inet, port);
  if (!soup_server_listen (self->server, socket_address, SOUP_SERVER_LISTEN_HTTPS, error))
    return NULL;

  /* the port the kernel chose; soup_server_get_uris() of libsoup 3.2
   * leaks the addresses it reads, so ask the socket */
  listeners = soup_server_get_listeners (self->server);
  if (listeners == NULL ||
      !(bound = G_INET_SOCKET_ADDRESS (g_socket_get_local_address (listeners->data, error))))
    {
      g_slist_free (listeners);
      return NULL;
    }
  url = g_strdup_printf ("https://%s:%u", address, g_inet_socket_address_get_port (bound));
  g_slist_free (listeners);
  return url;
}

static void
yc_central_server_dispose (GObject *object)
{
  YcCentralServer *self = (YcCentralServer *)object;

  if (self->server)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->blobs);
  g_clear_pointer (&self->catalog_document, g_bytes_unref);
  g_clear_pointer (&self->catalog_etag, g_free);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->calendar_document, g_bytes_unref);
  g_clear_pointer (&self->calendar_etag, g_free);

  G_OBJECT_CLASS (yc_central_server_parent_class)->dispose (object);
}

static void
yc_central_server_class_init (YcCentralServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = yc_central_server_dispose;
}

static void
yc_central_server_init (YcCentralServer *self)
{
}

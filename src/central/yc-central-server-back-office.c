/* yc-central-server-back-office.c: a department's clerks, with the
 * department's token
 *
 * GET queue, GET cases/NO and POST cases/NO/ACTION under
 * /api/v1/back-office/. Which move is allowed from which state is
 * yc-back-office.c's rule; this part only answers over HTTP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-back-office.h"
#include "yc-central-server-private.h"
#include "yichuang.h"

static void
respond_back_office_error (SoupServerMessage *msg,
                           const GError      *error)
{
  guint status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  const char *refusal = "service-failed";

  if (error->domain == YC_CENTRAL_ERROR)
    switch ((YcCentralError) error->code)
      {
      case YC_CENTRAL_ERROR_NOT_FOUND:
        status = SOUP_STATUS_NOT_FOUND;
        refusal = "case-not-found";
        break;
      case YC_CENTRAL_ERROR_CONFLICT:
        status = SOUP_STATUS_CONFLICT;
        refusal = "move-not-allowed";
        break;
      case YC_CENTRAL_ERROR_INVALID:
        status = SOUP_STATUS_UNPROCESSABLE_ENTITY;
        refusal = "move-incomplete";
        break;
      case YC_CENTRAL_ERROR_ENROLL:
      case YC_CENTRAL_ERROR_EXPIRED:
      case YC_CENTRAL_ERROR_TOKEN:
      case YC_CENTRAL_ERROR_REVOKED:
      default:
        break;
      }
  if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR)
    {
      /* the storage's words may name where it keeps its data */
      g_message ("The back office: %s", error->message);
      _yc_central_refuse (msg, status, refusal, NULL, _("The service could not do it; its log says why"));
      return;
    }
  _yc_central_refuse (msg, status, refusal, NULL, error->message);
}

/* The official number of the case a path cases/NO[/ACTION] names, and with
 * @acted the action after it; answers 404 and returns NULL when the path
 * names no case, or no action where one was to be. */
static char *
case_of_path (YcCentralRequest   *request,
              gboolean            acted,
              YcBackOfficeAction *action)
{
  const char *slash = strchr (request->rest, '/');
  g_autofree char *escaped = g_strndup (request->rest, slash ? (gsize) (slash - request->rest) : strlen (request->rest));
  g_autofree char *official_no = g_uri_unescape_string (escaped, NULL);

  if (acted)
    *action = slash ? yc_back_office_action_from_string (slash + 1) : YC_BACK_OFFICE_NONE;
  if (official_no == NULL || official_no[0] == '\0' ||
      (acted ? *action == YC_BACK_OFFICE_NONE : slash != NULL))
    {
      _yc_central_handle_not_found (NULL, request);
      return NULL;
    }
  return g_steal_pointer (&official_no);
}

void
_yc_central_handle_queue (YcCentralServer  *self,
                          YcCentralRequest *request)
{
  const char *state = _yc_central_query (request, "state");
  guint limit = _yc_central_query_uint (request, "limit", 100, 1, 500);
  guint offset = _yc_central_query_uint (request, "offset", 0, 0, G_MAXINT);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  JsonArray *cases;
  gboolean more;

  if (state != NULL && !yc_back_office_is_state (state))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a state of a department’s case"), state);
      _yc_central_refuse (request->msg, SOUP_STATUS_BAD_REQUEST, "state-unknown", "state", text);
      return;
    }
  /* one more than asked tells whether another page waits */
  if (!(cases = yc_central_storage_list_cases (self->store, request->department, state, offset, limit + 1, &error)))
    {
      respond_back_office_error (request->msg, error);
      return;
    }
  more = json_array_get_length (cases) > limit;
  if (more)
    json_array_remove_element (cases, limit);
  json_object_set_string_member (o, "department", request->department);
  json_object_set_array_member (o, "cases", cases);
  json_object_set_boolean_member (o, "more", more);
  _yc_central_respond (request->msg, SOUP_STATUS_OK, o);
}

void
_yc_central_handle_case (YcCentralServer  *self,
                         YcCentralRequest *request)
{
  g_autofree char *official_no = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonArray) own = NULL;
  JsonArray *events;
  const char *parent;

  if (!(official_no = case_of_path (request, FALSE, NULL)))
    return;
  if (!(found = yc_back_office_find_case (self->store, request->department, official_no, &error)))
    {
      respond_back_office_error (request->msg, error);
      return;
    }
  /* a sub-case's form is the bundle's: the department needs it to decide */
  parent = yc_json_get_string (found, "parent");
  events = parent ? yc_central_storage_case_events (self->store, parent, &error) : json_array_new ();
  if (events == NULL ||
      !(own = yc_central_storage_case_events (self->store, yc_json_get_string (found, "case"), &error)))
    {
      g_clear_pointer (&events, json_array_unref);
      respond_back_office_error (request->msg, error);
      return;
    }
  for (guint i = 0; i < json_array_get_length (own); i++)
    json_array_add_element (events, json_node_copy (json_array_get_element (own, i)));
  json_object_set_object_member (o, "case", g_steal_pointer (&found));
  json_object_set_array_member (o, "events", events);
  _yc_central_respond (request->msg, SOUP_STATUS_OK, o);
}

void
_yc_central_handle_act (YcCentralServer  *self,
                        YcCentralRequest *request)
{
  SoupMessageBody *request_body = soup_server_message_get_request_body (request->msg);
  g_autofree char *official_no = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(GError) error = NULL;
  YcBackOfficeAction action;
  JsonObject *done;
  const char *by;

  if (!(official_no = case_of_path (request, TRUE, &action)))
    return;
  /* accept and approve need nothing but the case */
  if (request_body->length == 0)
    body = json_object_new ();
  else if (!(body = _yc_central_read_body (request->msg)))
    return;
  by = yc_json_get_string (body, "by");
  if (!(done = yc_back_office_act (self->store, request->department, official_no, action,
                                   by && by[0] ? by : request->department, body, &error)))
    {
      respond_back_office_error (request->msg, error);
      return;
    }
  json_object_set_object_member (o, "case", done);
  _yc_central_respond (request->msg, SOUP_STATUS_OK, o);
}

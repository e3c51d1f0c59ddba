/* yc-central-server-auth.c: whose token a request carries
 *
 * A station's clerk and a department's back office each have their own
 * bearer token; one used on the other's part of the API is told apart
 * from no token at all, so that whoever set it up hears why. A clerk's
 * token expires a lifetime (the service's policy) after it was issued,
 * and the operator may revoke it (`yichuang-central revoke`); either is
 * answered with its own refusal and the reason, so that the station stops
 * trying and its clerk reads why. Every token refused is an entry in the
 * service's own audit trail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-central-server-private.h"
#include "yc-event.h"

/* The token of "Authorization: Bearer TOKEN": the scheme in any letter
 * case, then one or more spaces (RFC 9110, 11.1 and 11.6.2) */
static const char *
bearer_token (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  const char *token;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer", strlen ("Bearer")) != 0 ||
      (header[strlen ("Bearer")] != ' ' && header[strlen ("Bearer")] != '\t'))
    return NULL;
  for (token = header + strlen ("Bearer"); *token == ' ' || *token == '\t'; token++)
    ;
  return token[0] != '\0' ? token : NULL;
}

/* the service's trail keeps each refusal of a token; a failure to write
 * it is logged, and the request is refused all the same */
static void
audit_refusal (YcCentralServer *self,
               const char      *station,
               const char      *clerk,
               const char      *refusal,
               const char      *detail)
{
  g_autoptr(GError) error = NULL;

  if (!yc_central_storage_audit (self->store, clerk, station, refusal, NULL, detail, &error))
    g_message ("Recording a refusal in the audit trail: %s", error->message);
}

/* A token's expiry: its issue plus the lifetime, NULL when unreadable */
static GDateTime *
token_expires (YcCentralServer *self,
               JsonObject      *found)
{
  g_autoptr(GDateTime) issued = g_date_time_new_from_iso8601 (yc_json_get_string (found, "issued"), NULL);
  gint64 lifetime = self->token_lifetime > 0 ? self->token_lifetime : YC_TOKEN_LIFETIME;

  return issued ? g_date_time_add_seconds (issued, (gdouble) lifetime) : NULL;
}

static gboolean
authenticate_station (YcCentralServer  *self,
                      YcCentralRequest *request)
{
  const char *token = bearer_token (request->msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *department = NULL;
  const char *path = g_uri_get_path (soup_server_message_get_uri (request->msg));

  if (token != NULL && (found = yc_central_storage_find_token (self->store, token, &error)))
    {
      const char *station = yc_json_get_string (found, "station");
      const char *clerk = yc_json_get_string (found, "clerk");

      if (yc_json_get_string (found, "revoked") != NULL)
        {
          const char *reason = yc_json_get_string (found, "reason");
          g_autofree char *text = g_strdup_printf (_("This clerk’s token was revoked at the central service on %s: %s"),
                                                   yc_json_get_string (found, "revoked"), reason ? reason : "");

          g_autoptr(JsonObject) o = json_object_new ();

          audit_refusal (self, station, clerk, "token-revoked", path);
          /* the operator's reason travels apart, for the station to show
           * in its own words around it */
          json_object_set_string_member (o, "error", text);
          json_object_set_string_member (o, "refusal", "token-revoked");
          json_object_set_string_member (o, "reason", reason ? reason : "");
          _yc_central_respond (request->msg, SOUP_STATUS_UNAUTHORIZED, o);
          return FALSE;
        }
      expires = token_expires (self, found);
      if (expires == NULL || g_date_time_compare (now, expires) >= 0)
        {
          g_autofree char *when = expires ? g_date_time_format_iso8601 (expires) : g_strdup ("?");
          g_autofree char *text = g_strdup_printf (_("This clerk’s token expired on %s; enroll the station again"), when);

          audit_refusal (self, station, clerk, "token-expired", path);
          _yc_central_refuse (request->msg, SOUP_STATUS_UNAUTHORIZED, "token-expired", NULL, text);
          return FALSE;
        }
      request->station = g_strdup (station);
      request->clerk = g_strdup (clerk);
      return TRUE;
    }
  if (token != NULL && (department = yc_central_storage_authenticate_department (self->store, token, NULL)))
    {
      audit_refusal (self, NULL, department, "token-not-station", path);
      _yc_central_refuse (request->msg, SOUP_STATUS_FORBIDDEN, "token-not-station", NULL,
                          _("A department’s token is for the back office; it cannot act for a station"));
    }
  else if (token != NULL && g_error_matches (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_TOKEN))
    {
      g_autoptr(GSocketAddress) peer = soup_server_message_get_remote_address (request->msg)
                                       ? g_object_ref (soup_server_message_get_remote_address (request->msg)) : NULL;
      g_autofree char *from = peer && G_IS_INET_SOCKET_ADDRESS (peer)
                              ? g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (peer)))
                              : NULL;
      g_autofree char *detail = g_strdup_printf ("%s from %s", path, from ? from : "?");

      audit_refusal (self, NULL, NULL, "token-unknown", detail);
      _yc_central_refuse (request->msg, SOUP_STATUS_UNAUTHORIZED, "token-unknown", NULL, error->message);
    }
  else if (token != NULL)
    {
      g_message ("Authenticating a station: %s", error ? error->message : "?");
      _yc_central_refuse (request->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "service-unavailable", NULL,
                          _("The service cannot check tokens now; try again later"));
    }
  else
    _yc_central_refuse (request->msg, SOUP_STATUS_UNAUTHORIZED, "token-missing", NULL,
                        _("This service needs a clerk’s token: enroll the station first"));
  return FALSE;
}

static gboolean
authenticate_department (YcCentralServer  *self,
                         YcCentralRequest *request)
{
  const char *token = bearer_token (request->msg);
  g_autofree char *station = NULL;
  g_autofree char *clerk = NULL;

  if (token != NULL &&
      (request->department = yc_central_storage_authenticate_department (self->store, token, NULL)))
    return TRUE;
  if (token != NULL && yc_central_storage_authenticate (self->store, token, &station, &clerk, NULL))
    _yc_central_refuse (request->msg, SOUP_STATUS_FORBIDDEN, "token-not-department", NULL,
                        _("A station’s token cannot use the back office; it needs a department’s token"));
  else
    _yc_central_refuse (request->msg, SOUP_STATUS_UNAUTHORIZED, token ? "token-unknown" : "token-missing", NULL,
                        _("The back office needs a department’s token (yichuang-central department-token)"));
  return FALSE;
}

/* Finds who @request comes from, as @access asks, into its station and
 * clerk or its department; answers 401 or 403 and returns FALSE if the
 * token is not of that kind. */
gboolean
_yc_central_server_authenticate (YcCentralServer  *self,
                                 YcCentralRequest *request,
                                 YcCentralAccess   access)
{
  switch (access)
    {
    case YC_CENTRAL_ACCESS_STATION:
      return authenticate_station (self, request);
    case YC_CENTRAL_ACCESS_DEPARTMENT:
      return authenticate_department (self, request);
    case YC_CENTRAL_ACCESS_ANYONE:
    default:
      return TRUE;
    }
}

/**
 * yc_central_server_set_token_lifetime:
 * @seconds: how long a clerk's token is good for after it was issued
 */
void
yc_central_server_set_token_lifetime (YcCentralServer *self,
                                      gint64           seconds)
{
  g_return_if_fail (YC_IS_CENTRAL_SERVER (self));
  g_return_if_fail (seconds > 0);

  self->token_lifetime = seconds;
}

/**
 * yc_central_parse_duration:
 * @text: a number of days, or a number with a unit: `180d`, `12h`, `30m`,
 *   `45s`
 *
 * Returns: the seconds, or -1 when @text is not a duration of at least a
 *   second
 */
gint64
yc_central_parse_duration (const char *text)
{
  guint64 n;
  char *end = NULL;
  gint64 unit;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return -1;
  n = g_ascii_strtoull (text, &end, 10);
  switch (*end)
    {
    case '\0': case 'd': unit = 86400; break;
    case 'h': unit = 3600; break;
    case 'm': unit = 60; break;
    case 's': unit = 1; break;
    default: return -1;
    }
  if ((*end != '\0' && end[1] != '\0') || n == 0 || n > (guint64) G_MAXINT64 / 86400 / 1000)
    return -1;
  return (gint64) n * unit;
}

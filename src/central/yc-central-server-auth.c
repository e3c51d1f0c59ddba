/* yc-central-server-auth.c: whose token a request carries
 *
 * A station's clerk and a department's back office each have their own
 * bearer token; one used on the other's part of the API is told apart
 * from no token at all, so that whoever set it up hears why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-central-server-private.h"

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

static gboolean
authenticate_station (YcCentralServer  *self,
                      YcCentralRequest *request)
{
  const char *token = bearer_token (request->msg);
  g_autoptr(GError) error = NULL;
  g_autofree char *department = NULL;

  if (token != NULL &&
      yc_central_storage_authenticate (self->store, token, &request->station, &request->clerk, &error))
    return TRUE;
  if (token != NULL && (department = yc_central_storage_authenticate_department (self->store, token, NULL)))
    _yc_central_refuse (request->msg, SOUP_STATUS_FORBIDDEN, "token-not-station", NULL,
                        _("A department’s token is for the back office; it cannot act for a station"));
  else if (token != NULL && g_error_matches (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_TOKEN))
    _yc_central_refuse (request->msg, SOUP_STATUS_UNAUTHORIZED, "token-unknown", NULL, error->message);
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

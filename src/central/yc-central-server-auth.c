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

static const char *
bearer_token (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  return header != NULL && g_str_has_prefix (header, "Bearer ") ? header + strlen ("Bearer ") : NULL;
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
    _yc_central_respond_error (request->msg, SOUP_STATUS_FORBIDDEN,
                               _("A department’s token is for the back office; it cannot act for a station"));
  else
    _yc_central_respond_error (request->msg, SOUP_STATUS_UNAUTHORIZED,
                               error ? error->message : _("This service needs a clerk’s token: enroll the station first"));
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
    _yc_central_respond_error (request->msg, SOUP_STATUS_FORBIDDEN,
                               _("A station’s token cannot use the back office; it needs a department’s token"));
  else
    _yc_central_respond_error (request->msg, SOUP_STATUS_UNAUTHORIZED,
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

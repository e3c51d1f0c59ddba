/* yc-central-server-attachments.c: the scans a station uploads
 *
 * A scan is sent in chunks before the intake that holds it, each at
 * exactly the offset the service has, so that an upload cut off resumes
 * where it stopped (docs/sync-protocol.md, "Attachments").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-central-server-private.h"
#include "yichuang.h"

static void
respond_upload (SoupServerMessage *msg,
                guint              status,
                const char        *sha256,
                guint64            received,
                gboolean           complete,
                const char        *message)
{
  g_autofree char *offset = g_strdup_printf ("%" G_GUINT64_FORMAT, received);
  g_autoptr(JsonObject) o = json_object_new ();

  if (message)
    json_object_set_string_member (o, "error", message);
  json_object_set_string_member (o, "sha256", sha256);
  json_object_set_int_member (o, "received", received);
  json_object_set_boolean_member (o, "complete", complete);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Upload-Offset", offset);
  _yc_central_respond (msg, status, o);
}

/* The scan the path names, if it can be one this service keeps; answers
 * 400 or 503 and returns NULL if not. */
static const char *
upload_sha256 (YcCentralServer  *self,
               YcCentralRequest *request)
{
  if (!yc_attachment_is_sha256 (request->rest))
    {
      _yc_central_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST,
                                 _("An attachment is named by its SHA-256: 64 lowercase hexadecimal digits"));
      return NULL;
    }
  if (self->blobs == NULL)
    {
      _yc_central_respond_error (request->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, _("This service keeps no attachments"));
      return NULL;
    }
  return request->rest;
}

static guint
blobs_error_status (const GError *error)
{
  switch (error->code)
    {
    case YC_CENTRAL_BLOBS_ERROR_OFFSET:
      return SOUP_STATUS_CONFLICT;
    case YC_CENTRAL_BLOBS_ERROR_RANGE:
      return SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE;
    case YC_CENTRAL_BLOBS_ERROR_TOO_LARGE:
      return SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
    case YC_CENTRAL_BLOBS_ERROR_MISMATCH:
      return SOUP_STATUS_UNPROCESSABLE_ENTITY;
    case YC_CENTRAL_BLOBS_ERROR_FAILED:
    default:
      return SOUP_STATUS_INTERNAL_SERVER_ERROR;
    }
}

/* GET or HEAD: how much of the scan the service has. */
void
_yc_central_handle_upload_query (YcCentralServer  *self,
                                 YcCentralRequest *request)
{
  const char *sha256;
  guint64 received;
  gboolean complete;

  if (!(sha256 = upload_sha256 (self, request)))
    return;
  received = yc_central_blobs_query (self->blobs, sha256, &complete);
  respond_upload (request->msg, SOUP_STATUS_OK, sha256, received, complete, NULL);
}

/* PUT: one chunk more, at exactly the offset the service has. */
void
_yc_central_handle_upload_chunk (YcCentralServer  *self,
                                 YcCentralRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  const char *sha256;
  goffset start, end, total;
  guint64 received;
  gboolean complete;

  if (!(sha256 = upload_sha256 (self, request)))
    return;
  if (!soup_message_headers_get_content_range (headers, &start, &end, &total) || total < 0)
    {
      _yc_central_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST,
                                 _("A chunk needs “Content-Range: bytes START-END/TOTAL”"));
      return;
    }
  chunk = soup_message_body_flatten (soup_server_message_get_request_body (request->msg));
  if ((goffset) g_bytes_get_size (chunk) != end - start + 1 && g_bytes_get_size (chunk) <= YC_ATTACHMENT_CHUNK_SIZE)
    {
      g_autofree char *text = g_strdup_printf (_("The Content-Range names %lld bytes, the body has %zu"),
                                               (long long) (end - start + 1), g_bytes_get_size (chunk));
      _yc_central_respond_error (request->msg, SOUP_STATUS_BAD_REQUEST, text);
      return;
    }
  if (!yc_central_blobs_append (self->blobs, sha256, start, total, chunk, &received, &complete, &error))
    {
      respond_upload (request->msg, blobs_error_status (error), sha256, received, complete, error->message);
      return;
    }
  respond_upload (request->msg, SOUP_STATUS_OK, sha256, received, complete, NULL);
}

void
_yc_central_handle_upload_method (YcCentralServer  *self,
                                  YcCentralRequest *request)
{
  if (upload_sha256 (self, request))
    _yc_central_respond_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Use GET, HEAD or PUT"));
}

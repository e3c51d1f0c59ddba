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
                const char        *refusal,
                const char        *message)
{
  g_autofree char *offset = g_strdup_printf ("%" G_GUINT64_FORMAT, received);
  g_autoptr(JsonObject) o = json_object_new ();

  if (message)
    {
      json_object_set_string_member (o, "error", message);
      json_object_set_string_member (o, "refusal", refusal);
    }
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
      _yc_central_refuse (request->msg, SOUP_STATUS_BAD_REQUEST, "attachment-name-invalid", NULL,
                          _("An attachment is named by its SHA-256: 64 lowercase hexadecimal digits"));
      return NULL;
    }
  if (self->blobs == NULL)
    {
      _yc_central_refuse (request->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "attachments-not-kept", NULL,
                          _("This service keeps no attachments"));
      return NULL;
    }
  return request->rest;
}

static guint
blobs_error_status (const GError  *error,
                    const char   **refusal)
{
  switch (error->code)
    {
    case YC_CENTRAL_BLOBS_ERROR_OFFSET:
      *refusal = "upload-offset-mismatch";
      return SOUP_STATUS_CONFLICT;
    case YC_CENTRAL_BLOBS_ERROR_RANGE:
      *refusal = "chunk-out-of-range";
      return SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE;
    case YC_CENTRAL_BLOBS_ERROR_TOO_LARGE:
      *refusal = "attachment-too-large";
      return SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
    case YC_CENTRAL_BLOBS_ERROR_MISMATCH:
      *refusal = "attachment-mismatch";
      return SOUP_STATUS_UNPROCESSABLE_ENTITY;
    case YC_CENTRAL_BLOBS_ERROR_FAILED:
    default:
      *refusal = "service-failed";
      return SOUP_STATUS_INTERNAL_SERVER_ERROR;
    }
}

/* One number of a Content-Range: decimal digits only, that fit in a
 * goffset; FALSE with @overflow set when they do not fit. */
static gboolean
range_number (const char  *start,
              const char  *end,
              goffset     *value,
              gboolean    *overflow)
{
  guint64 n = 0;

  if (start == end)
    return FALSE;
  for (const char *c = start; c < end; c++)
    {
      if (!g_ascii_isdigit (*c))
        return FALSE;
      if (n > ((guint64) G_MAXINT64 - (guint64) (*c - '0')) / 10)
        {
          *overflow = TRUE;
          return FALSE;
        }
      n = n * 10 + (guint64) (*c - '0');
    }
  *value = (goffset) n;
  return TRUE;
}

/* "bytes START-END/TOTAL", read strictly: libsoup's own reading takes
 * numbers that do not fit in 64 bits as the largest there is. */
static gboolean
parse_content_range (const char *header,
                     goffset    *start,
                     goffset    *end,
                     goffset    *total,
                     gboolean   *overflow)
{
  const char *dash, *slash, *numbers;

  *overflow = FALSE;
  if (header == NULL || !g_str_has_prefix (header, "bytes "))
    return FALSE;
  numbers = header + strlen ("bytes ");
  if (!(dash = strchr (numbers, '-')) || !(slash = strchr (dash, '/')))
    return FALSE;
  return range_number (numbers, dash, start, overflow) &&
         range_number (dash + 1, slash, end, overflow) &&
         range_number (slash + 1, slash + 1 + strlen (slash + 1), total, overflow) &&
         *start <= *end;
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
  respond_upload (request->msg, SOUP_STATUS_OK, sha256, received, complete, NULL, NULL);
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
  goffset start = 0, end = 0, total = 0;
  const char *refusal = NULL;
  guint64 received;
  gboolean complete, overflow;
  guint status;

  if (!(sha256 = upload_sha256 (self, request)))
    return;
  if (!parse_content_range (soup_message_headers_get_one (headers, "Content-Range"), &start, &end, &total, &overflow))
    {
      if (overflow)
        _yc_central_refuse (request->msg, SOUP_STATUS_BAD_REQUEST, "content-range-overflow", "Content-Range",
                            _("A number of the Content-Range is larger than any scan can be (2⁶³ bytes)"));
      else
        _yc_central_refuse (request->msg, SOUP_STATUS_BAD_REQUEST, "content-range-missing", "Content-Range",
                            _("A chunk needs “Content-Range: bytes START-END/TOTAL”"));
      return;
    }
  chunk = soup_message_body_flatten (soup_server_message_get_request_body (request->msg));
  /* end - start + 1 cannot overflow: both fit in a goffset, start <= end */
  if ((guint64) g_bytes_get_size (chunk) != (guint64) (end - start) + 1)
    {
      g_autofree char *text = g_strdup_printf (_("The Content-Range names %llu bytes, the body has %zu"),
                                               (unsigned long long) (end - start) + 1, g_bytes_get_size (chunk));
      _yc_central_refuse (request->msg, SOUP_STATUS_BAD_REQUEST, "chunk-length-mismatch", "Content-Range", text);
      return;
    }
  if (!yc_central_blobs_append (self->blobs, sha256, start, total, chunk, &received, &complete, &error))
    {
      status = blobs_error_status (error, &refusal);
      respond_upload (request->msg, status, sha256, received, complete, refusal, error->message);
      return;
    }
  respond_upload (request->msg, SOUP_STATUS_OK, sha256, received, complete, NULL, NULL);
}

void
_yc_central_handle_upload_method (YcCentralServer  *self,
                                  YcCentralRequest *request)
{
  if (upload_sha256 (self, request))
    _yc_central_refuse (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed", NULL,
                        _("Use GET, HEAD or PUT"));
}

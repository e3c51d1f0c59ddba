/* yc-sync-http.c: the requests the station makes, and their answers
 *
 * One session per enrolled profile, verified against the CA the station
 * was enrolled with; every request idempotent, so that libsoup keeps the
 * connection alive for it; every answer read only up to what its endpoint
 * can hold, checked and parsed, and every failure put in words the clerk
 * can act on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-db.h"
#include "yc-language.h"
#include "yc-refusal.h"
#include "yc-sync-private.h"

/* The most of an answer the station reads, by endpoint: a published catalog
 * of 300 items is about 2 MB, a page of 500 changes a few hundred kB, the
 * results of a batch a few kB. An answer far larger is not one the protocol
 * knows, and reading it to its end would let a broken service fill the
 * station's memory. */
#define MAX_CATALOG  YC_SYNC_MAX_CATALOG_SIZE
#define MAX_CHANGES  (16 * 1024 * 1024)
#define MAX_ANSWER   (1024 * 1024)

/* libsoup 3.2 names no 429 (RFC 6585): enrollment throttled */
#define TOO_MANY_REQUESTS 429

/* Builds the session for the server and CA the profile was enrolled with. */
gboolean
_yc_sync_ensure_session (YcSync  *self,
                         GError **error)
{
  g_autofree char *server = NULL;
  g_autofree char *ca_file = NULL;
  g_autoptr(GTlsDatabase) database = NULL;

  if (self->session != NULL)
    return TRUE;

  server = yc_case_store_get_meta (self->store, "server-url");
  ca_file = yc_case_store_get_meta (self->store, "ca-file");
  g_clear_pointer (&self->token, g_free);
  self->token = yc_case_store_get_meta (self->store, "token");
  if (server == NULL || ca_file == NULL || self->token == NULL)
    {
      g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_NOT_ENROLLED,
                   _("This station is not enrolled with a central service yet"));
      return FALSE;
    }
  if (!(database = g_tls_file_database_new (ca_file, error)))
    {
      g_prefix_error (error, _("Cannot read the certificate authority %s: "), ca_file);
      return FALSE;
    }

  g_free (self->server);
  self->server = g_steal_pointer (&server);
  self->session = soup_session_new_with_options ("tls-database", database,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Yichuang/" PACKAGE_VERSION " ",
                                                 NULL);
  return TRUE;
}

/* Words for a failure that say what happened, never "sync failed". */
GError *
_yc_sync_translate_error (YcSync *self,
                          GError *error)
{
  GError *translated;

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    translated = g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_CERTIFICATE,
                              _("The central service at %s presented a certificate that the authority this station was enrolled with did not sign; nothing was sent (%s)"),
                              self->server, error->message);
  /* already in words the clerk can act on, the station's full disk among
   * them */
  else if (error->domain == YC_SYNC_ERROR || error->domain == YC_DB_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  else if (error->domain == YC_CASE_STORE_ERROR)
    translated = g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                              _("The central service at %s sent something this station cannot take: %s"),
                              self->server, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    translated = g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_UNREACHABLE,
                              _("The central service at %s did not answer within %u seconds; the events are kept and will be sent again"),
                              self->server, self->timeout);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
           g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_EOF))
    translated = g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_UNREACHABLE,
                              _("The connection to the central service at %s was cut off before its answer was complete; the events are kept and will be sent again (%s)"),
                              self->server, error->message);
  else
    translated = g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_UNREACHABLE,
                              _("Cannot reach the central service at %s: %s"),
                              self->server, error->message);
  g_error_free (error);
  return translated;
}

SoupMessage *
_yc_sync_new_message (YcSync     *self,
                      const char *method,
                      const char *path)
{
  g_autofree char *uri = g_strconcat (self->server, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", self->token ? self->token : "", NULL);
  g_autofree char *accept_language = yc_language_accept ();
  SoupMessage *msg = soup_message_new (method, uri);

  if (msg == NULL)
    return NULL;
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  /* what the service says is read by the clerk */
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language", accept_language);
  /* every write of the protocol is idempotent: without this libsoup opens a
   * new connection for each POST */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  return msg;
}

void
_yc_sync_set_body (SoupMessage *msg,
                   JsonNode    *body)
{
  char *text = yc_json_to_string (body);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
}

/* The service's own words about a refusal, when it gave any: the
 * station's own for a refusal code it knows (yc-refusal.c), in the
 * clerk's language, else the service's. */
char *
_yc_sync_server_said (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  JsonNode *root;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0 || g_bytes_get_size (bytes) > 65536 ||
      yc_json_precheck (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) != NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  o = json_node_get_object (root);
  if (yc_json_get_string (o, "error") == NULL)
    return NULL;
  return yc_refusal_describe (yc_json_get_string (o, "refusal"), yc_json_get_string (o, "field"),
                              yc_json_get_string (o, "error"));
}

/* The refusal code of an answer, and the "reason" a revocation carries */
static char *
_yc_sync_refusal_code (GBytes  *bytes,
                       char   **reason)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0 || g_bytes_get_size (bytes) > 65536 ||
      yc_json_precheck (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) != NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  *reason = g_strdup (yc_json_get_string (json_node_get_object (root), "reason"));
  return g_strdup (yc_json_get_string (json_node_get_object (root), "refusal"));
}

/* Checks the status and parses the JSON answer of a finished request. */
JsonNode *
_yc_sync_read_answer (YcSync       *self,
                      SoupMessage  *msg,
                      GBytes       *bytes,
                      GError      **error)
{
  guint status = soup_message_get_status (msg);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *reason = soup_message_get_reason_phrase (msg);
  const char *shape;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_autofree char *said = _yc_sync_server_said (bytes);
      g_autofree char *why = NULL;
      g_autofree char *refusal = _yc_sync_refusal_code (bytes, &why);

      /* a token that will not be good again, whatever the station does:
       * its own error, which stops the schedule (yc-sync-scheduler.c) */
      if (g_strcmp0 (refusal, "token-revoked") == 0 || g_strcmp0 (refusal, "token-expired") == 0)
        {
          if (why != NULL && why[0] != '\0')
            /* TRANSLATORS: the refusal, then the operator's reason for it */
            g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REVOKED, _("%s. The reason given: %s"), said, why);
          else
            g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REVOKED, "%s", said);
          return NULL;
        }

      if (said != NULL)
        g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED,
                     _("The central service refused: %s"), said);
      else
        g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED,
                     _("The central service refused this station’s token (%u %s): enroll the station again"),
                     status, reason ? reason : "");
      return NULL;
    }
  if (status >= 500)
    {
      g_autofree char *said = _yc_sync_server_said (bytes);

      if (said != NULL)
        g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_SERVER,
                     _("The central service has a problem of its own (%u %s: %s); the events are kept and will be sent again"),
                     status, reason ? reason : "", said);
      else
        g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_SERVER,
                     _("The central service has a problem of its own (%u %s); the events are kept and will be sent again"),
                     status, reason ? reason : "");
      return NULL;
    }
  if (status == TOO_MANY_REQUESTS)
    {
      g_autofree char *said = _yc_sync_server_said (bytes);

      g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED,
                   _("The central service refused: %s"), said ? said : reason ? reason : "");
      return NULL;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *said = status >= 400 ? _yc_sync_server_said (bytes) : NULL;

      if (said != NULL)
        g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                     _("The central service answered %s with %u %s: %s"),
                     soup_message_get_method (msg), status, reason ? reason : "", said);
      else
        g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                     _("The central service answered %s with %u %s"),
                     soup_message_get_method (msg), status, reason ? reason : "");
      return NULL;
    }
  if ((shape = yc_json_precheck (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))) != NULL)
    {
      g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                   _("The central service answered %s %s with something that is not the JSON object the protocol expects (%s)"),
                   soup_message_get_method (msg), g_uri_get_path (soup_message_get_uri (msg)), shape);
      return NULL;
    }
  parser = json_parser_new ();
  /* an empty body has no data at all, which json-glib does not take */
  if (!json_parser_load_from_data (parser, g_bytes_get_size (bytes) ? g_bytes_get_data (bytes, NULL) : "",
                                   g_bytes_get_size (bytes), &local_error) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                   _("The central service answered %s %s with something that is not the JSON object the protocol expects (%s)"),
                   soup_message_get_method (msg), g_uri_get_path (soup_message_get_uri (msg)),
                   local_error ? local_error->message
                               : json_parser_get_root (parser) ? _("not an object") : _("an empty answer"));
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* Receiving an answer */

typedef struct
{
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *body;
  gsize         limit;
} Receive;

static void
receive_free (Receive *receive)
{
  g_clear_object (&receive->msg);
  g_clear_object (&receive->stream);
  g_clear_pointer (&receive->body, g_byte_array_unref);
  g_free (receive);
}

static gsize
answer_limit (SoupMessage *msg)
{
  const char *path = g_uri_get_path (soup_message_get_uri (msg));

  if (g_str_has_suffix (path, "/catalog"))
    return MAX_CATALOG;
  if (g_str_has_suffix (path, "/changes"))
    return MAX_CHANGES;
  return MAX_ANSWER;
}

static void
receive_return (GTask  *task,
                GError *error)
{
  Receive *receive = g_task_get_task_data (task);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&receive->body)),
                           (GDestroyNotify) g_bytes_unref);
  g_object_unref (task);
}

static void
on_body_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Receive *receive = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  if (!(chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error)) ||
      g_bytes_get_size (chunk) == 0)
    {
      receive_return (task, error);
      return;
    }
  if (receive->body->len + g_bytes_get_size (chunk) > receive->limit)
    {
      g_autofree char *limit = g_format_size_full (receive->limit, G_FORMAT_SIZE_IEC_UNITS);

      /* dropping the stream drops the connection, unread */
      receive_return (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                         _("The central service at %s answered %s %s with more than %s, more than any answer there can be; the rest was not read"),
                                         self->server, soup_message_get_method (receive->msg),
                                         g_uri_get_path (soup_message_get_uri (receive->msg)), limit));
      return;
    }
  g_byte_array_append (receive->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (receive->stream, 64 * 1024, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   on_body_read_cb, task);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Receive *receive = g_task_get_task_data (task);
  GError *error = NULL;

  if (!(receive->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error)))
    {
      receive_return (task, error);
      return;
    }
  g_input_stream_read_bytes_async (receive->stream, 64 * 1024, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   on_body_read_cb, task);
}

/* Sends @msg and reads its answer as soup_session_send_and_read_async()
 * would, but never more of it than its endpoint's cap. */
void
_yc_sync_receive_async (YcSync              *self,
                        SoupMessage         *msg,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Receive *receive = g_new0 (Receive, 1);

  g_task_set_source_tag (task, _yc_sync_receive_async);
  receive->msg = g_object_ref (msg);
  receive->body = g_byte_array_new ();
  receive->limit = answer_limit (msg);
  g_task_set_task_data (task, receive, (GDestroyNotify) receive_free);
  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, on_sent_cb, task);
}

GBytes *
_yc_sync_receive_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

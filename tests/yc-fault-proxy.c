/* yc-fault-proxy.c: a central service that misbehaves on request
 *
 * An HTTPS proxy in front of the real yichuang-central, with the test's
 * own server certificate, so that a station enrolled with the test CA
 * trusts it. Faithful by default; the test sets a fault for every request,
 * or for one path only. Most faults forward the request first and spoil the
 * answer, so that the service has what the station sent while the station
 * cannot know it: the case a retry must not duplicate. It runs on the
 * thread-default main context, which the test iterates while it waits for
 * the station.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "yc-fault-proxy.h"

#define ENDLESS_CHUNK (64 * 1024)
#define TRICKLE_MS    100

struct _YcFaultProxy
{
  SoupServer  *server;
  SoupSession *session;   /* to the real service */
  char        *target;
  char        *url;
  char        *path;      /* only this path is spoiled; NULL: every path */
  YcFaultMode  mode;
  guint        faults;
  GBytes      *filler;
  GPtrArray   *trickles;  /* GSource: the answers that trickle */
};

typedef struct
{
  SoupServerMessage *msg;
  SoupMessage       *forwarded;
  YcFaultMode        mode;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_object_unref (exchange->msg);
  g_object_unref (exchange->forwarded);
  g_free (exchange);
}

static gboolean
is_hop_by_hop (const char *name)
{
  const char *names[] = { "Host", "Connection", "Keep-Alive", "Content-Length", "Transfer-Encoding", "Date" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
copy_request_header (const char *name,
                     const char *value,
                     gpointer    user_data)
{
  Exchange *exchange = user_data;

  /* a spoiled catalog request gets the whole catalog to spoil, never 304 */
  if (is_hop_by_hop (name) ||
      (exchange->mode != YC_FAULT_FORWARD && g_ascii_strcasecmp (name, "If-None-Match") == 0))
    return;
  soup_message_headers_append (soup_message_get_request_headers (exchange->forwarded), name, value);
}

static void
copy_response_header (const char *name,
                      const char *value,
                      gpointer    user_data)
{
  if (!is_hop_by_hop (name))
    soup_message_headers_append (soup_server_message_get_response_headers (user_data), name, value);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body,
         gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, length);
}

/* Answers with a document in which each result has been changed by @mode. */
static void
respond_results (SoupServerMessage *msg,
                 GBytes            *bytes,
                 YcFaultMode        mode)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonArray *results;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))) ||
      !(results = json_object_get_array_member (json_node_get_object (root), "results")))
    g_error ("The service's answer to the events has no results: %.*s",
             (int) g_bytes_get_size (bytes), (const char *) g_bytes_get_data (bytes, NULL));
  if (mode == YC_FAULT_PARTIAL)
    for (guint keep = json_array_get_length (results) / 2; json_array_get_length (results) > keep;)
      json_array_remove_element (results, json_array_get_length (results) - 1);
  else
    for (guint i = 0; i < json_array_get_length (results); i++)
      {
        g_autofree char *uuid = g_uuid_string_random ();

        json_object_set_string_member (json_array_get_object_element (results, i), "uuid", uuid);
      }
  text = json_to_string (root, FALSE);
  respond (msg, SOUP_STATUS_OK, "application/json", text, strlen (text));
}

/* Writes the head and the first half of the answer, then closes the
 * connection cleanly: the station sees an answer that stops short of its
 * Content-Length. */
static void
cut_answer (SoupServerMessage *msg,
            GBytes            *bytes)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  gsize length = g_bytes_get_size (bytes);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", MAX (length, 2));
  GOutputStream *out;

  g_assert_nonnull (stream);
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, g_bytes_get_data (bytes, NULL), length / 2, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
on_forwarded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Exchange *exchange = user_data;
  SoupServerMessage *msg = exchange->msg;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wrapped = NULL;
  gsize length;
  const char *data;

  if (!(bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          respond (msg, SOUP_STATUS_BAD_GATEWAY, "text/plain", error->message, strlen (error->message));
          soup_server_message_unpause (msg);
        }
      exchange_free (exchange);
      return;
    }
  data = g_bytes_get_data (bytes, &length);

  switch (exchange->mode)
    {
    case YC_FAULT_CUT:
      cut_answer (msg, bytes);
      exchange_free (exchange);
      return;
    case YC_FAULT_NOT_JSON:
      respond (msg, SOUP_STATUS_OK, "text/html", "<html><body><h1>Welcome to nginx!</h1></body></html>", 52);
      break;
    case YC_FAULT_MALFORMED:
      respond (msg, SOUP_STATUS_OK, "application/json", data, length / 2);
      break;
    case YC_FAULT_EMPTY:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      break;
    case YC_FAULT_WRONG_SHAPE:
      wrapped = g_strdup_printf ("{\"data\": %.*s}", (int) length, data);
      respond (msg, SOUP_STATUS_OK, "application/json", wrapped, strlen (wrapped));
      break;
    case YC_FAULT_PARTIAL:
    case YC_FAULT_FOREIGN:
      respond_results (msg, bytes, exchange->mode);
      break;
    case YC_FAULT_FORWARD:
    case YC_FAULT_SERVER_ERROR:
    case YC_FAULT_HANG:
    case YC_FAULT_ENDLESS:
    case YC_FAULT_TRICKLE:
    default:
      soup_message_headers_foreach (soup_message_get_response_headers (exchange->forwarded),
                                    copy_response_header, msg);
      soup_server_message_set_status (msg, soup_message_get_status (exchange->forwarded),
                                      soup_message_get_reason_phrase (exchange->forwarded));
      if (length > 0)
        soup_server_message_set_response (msg,
                                          soup_message_headers_get_content_type (
                                            soup_message_get_response_headers (exchange->forwarded), NULL),
                                          SOUP_MEMORY_COPY, data, length);
      break;
    }
  soup_server_message_unpause (msg);
  exchange_free (exchange);
}

static void
forward (YcFaultProxy      *proxy,
         SoupServerMessage *msg,
         YcFaultMode        mode)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autofree char *target = g_strconcat (proxy->target, g_uri_get_path (uri), query ? "?" : "", query ? query : "",
                                         NULL);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  Exchange *exchange = g_new0 (Exchange, 1);

  exchange->msg = g_object_ref (msg);
  exchange->mode = mode;
  exchange->forwarded = soup_message_new (soup_server_message_get_method (msg), target);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), copy_request_header, exchange);
  if (g_bytes_get_size (body) > 0)
    soup_message_set_request_body_from_bytes (exchange->forwarded,
                                              soup_message_headers_get_content_type (
                                                soup_server_message_get_request_headers (msg), NULL),
                                              body);
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (proxy->session, exchange->forwarded, G_PRIORITY_DEFAULT, NULL,
                                    on_forwarded_cb, exchange);
}

static void
on_wrote_chunk_cb (SoupServerMessage *msg,
                   gpointer           user_data)
{
  YcFaultProxy *proxy = user_data;

  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), proxy->filler);
}

/* A JSON document that never ends, sent as fast as the station reads it. */
static void
answer_endlessly (YcFaultProxy      *proxy,
                  SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  const char *opening = "{\"events\": [";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json", NULL);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, opening, strlen (opening));
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_wrote_chunk_cb), proxy);
}

static gboolean
on_trickle_cb (gpointer user_data)
{
  GIOStream *stream = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  /* one space of a JSON document, as a chunk: the station hears from the
   * service often enough never to time out, and never hears the end */
  if (g_output_stream_write_all (out, "1\r\n \r\n", 6, NULL, NULL, NULL) &&
      g_output_stream_flush (out, NULL, NULL))
    return G_SOURCE_CONTINUE;
  return G_SOURCE_REMOVE;
}

/* Answers on the bare connection, so that nothing of libsoup's waits for
 * the end. */
static void
answer_trickling (YcFaultProxy      *proxy,
                  SoupServerMessage *msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);
  const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "1\r\n{\r\n";
  GSource *source = g_timeout_source_new (TRICKLE_MS);

  g_assert_nonnull (stream);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), head, strlen (head), NULL, NULL, NULL);
  g_source_set_callback (source, on_trickle_cb, stream, g_object_unref);
  g_source_attach (source, NULL);
  g_ptr_array_add (proxy->trickles, source);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  YcFaultProxy *proxy = user_data;
  YcFaultMode mode = proxy->mode;
  const char *said = "{\"error\": \"database is locked\"}";

  if (proxy->path != NULL && !g_str_equal (path, proxy->path))
    mode = YC_FAULT_FORWARD;
  if (mode != YC_FAULT_FORWARD)
    proxy->faults++;

  switch (mode)
    {
    case YC_FAULT_SERVER_ERROR:
      respond (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "application/json", said, strlen (said));
      break;
    case YC_FAULT_HANG:
      soup_server_message_pause (msg);
      break;
    case YC_FAULT_ENDLESS:
      answer_endlessly (proxy, msg);
      break;
    case YC_FAULT_TRICKLE:
      answer_trickling (proxy, msg);
      break;
    case YC_FAULT_FORWARD:
    case YC_FAULT_CUT:
    case YC_FAULT_NOT_JSON:
    case YC_FAULT_MALFORMED:
    case YC_FAULT_EMPTY:
    case YC_FAULT_WRONG_SHAPE:
    case YC_FAULT_PARTIAL:
    case YC_FAULT_FOREIGN:
    default:
      forward (proxy, msg, mode);
    }
}

/**
 * yc_fault_proxy_new:
 * @target_url: the real service
 * @certs_dir: the test's certificates: server.pem and server-key.pem are
 *   served, ca.pem is the authority of the real service
 *
 * Returns: (transfer full): a faithful proxy on 127.0.0.1
 */
YcFaultProxy *
yc_fault_proxy_new (const char *target_url,
                    const char *certs_dir)
{
  YcFaultProxy *proxy = g_new0 (YcFaultProxy, 1);
  g_autofree char *cert = g_build_filename (certs_dir, "server.pem", NULL);
  g_autofree char *key = g_build_filename (certs_dir, "server-key.pem", NULL);
  g_autofree char *ca = g_build_filename (certs_dir, "ca.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  GSList *listeners;
  GSocketAddress *bound;
  GString *filler = g_string_new (NULL);

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);

  proxy->target = g_strdup (target_url);
  proxy->session = soup_session_new_with_options ("tls-database", database, NULL);
  proxy->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (proxy->server, NULL, on_request_cb, proxy, NULL);
  address = g_inet_socket_address_new (loopback, 0);
  soup_server_listen (proxy->server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  listeners = soup_server_get_listeners (proxy->server);
  bound = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  proxy->url = g_strdup_printf ("https://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_object_unref (bound);
  g_slist_free (listeners);

  while (filler->len < ENDLESS_CHUNK)
    g_string_append (filler, "{\"uuid\": \"00000000-0000-4000-8000-000000000000\", \"filler\": \"xxxxxxxxxxxxxxxx\"}, ");
  proxy->filler = g_string_free_to_bytes (filler);
  proxy->trickles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  return proxy;
}

const char *
yc_fault_proxy_get_url (YcFaultProxy *proxy)
{
  return proxy->url;
}

/**
 * yc_fault_proxy_set_mode:
 * @path: (nullable): spoil only the requests to this path, such as
 *   "/api/v1/events"; %NULL for every request
 */
void
yc_fault_proxy_set_mode (YcFaultProxy *proxy,
                         YcFaultMode   mode,
                         const char   *path)
{
  proxy->mode = mode;
  g_free (proxy->path);
  proxy->path = g_strdup (path);
}

/* How many requests the proxy has spoiled. */
guint
yc_fault_proxy_get_faults (YcFaultProxy *proxy)
{
  return proxy->faults;
}

const char *
yc_fault_mode_to_string (YcFaultMode mode)
{
  const char *names[] = { "forward", "server-error", "hang", "cut", "not-json", "malformed", "empty", "endless",
                          "wrong-shape", "partial", "foreign", "trickle" };

  g_assert (mode < G_N_ELEMENTS (names));
  return names[mode];
}

void
yc_fault_proxy_free (YcFaultProxy *proxy)
{
  for (guint i = 0; i < proxy->trickles->len; i++)
    g_source_destroy (g_ptr_array_index (proxy->trickles, i));
  g_ptr_array_unref (proxy->trickles);
  soup_server_disconnect (proxy->server);
  g_object_unref (proxy->server);
  soup_session_abort (proxy->session);
  g_object_unref (proxy->session);
  g_bytes_unref (proxy->filler);
  g_free (proxy->target);
  g_free (proxy->url);
  g_free (proxy->path);
  g_free (proxy);
}

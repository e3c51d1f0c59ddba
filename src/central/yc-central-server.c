/* yc-central-server.c: the HTTPS face of the central service
 *
 * The protocol is in docs/sync-protocol.md. Every case that arrives is
 * checked with the same core code the client used; the service never
 * trusts a client. This part holds the object, its listening, the table
 * of routes and the language each answer is in; the parts it names are in
 * yc-central-server-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-central-server-private.h"
#include "yichuang.h"

/* a batch of 500 intake events with full forms (the station sends at most
 * that many) stays far below this */
#define MAX_REQUEST (16 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (YcCentralServer, yc_central_server, G_TYPE_OBJECT)

/* One route a line; the first that fits answers. A path ending in '*'
 * takes every path it begins, the rest handed to its handler. The last two
 * answer what no route names, after the token of their part of the API,
 * as version 1 always did. */
static const struct
{
  const char       *method;  /* NULL: any; the handler answers the others */
  const char       *path;
  YcCentralAccess   access;
  YcCentralHandler  handler;
} routes[] = {
  { "POST", "/api/v1/enroll",              YC_CENTRAL_ACCESS_ANYONE,     _yc_central_handle_enroll },
  { NULL,   "/api/v1/enroll",              YC_CENTRAL_ACCESS_ANYONE,     _yc_central_handle_enroll_method },
  { "GET",  "/api/v1/catalog",             YC_CENTRAL_ACCESS_STATION,    _yc_central_handle_catalog },
  { "GET",  "/api/v1/calendar",            YC_CENTRAL_ACCESS_STATION,    _yc_central_handle_calendar },
  { "POST", "/api/v1/events",              YC_CENTRAL_ACCESS_STATION,    _yc_central_handle_events },
  { "GET",  "/api/v1/changes",             YC_CENTRAL_ACCESS_STATION,    _yc_central_handle_changes },
  { "GET",  "/api/v1/attachments/*",       YC_CENTRAL_ACCESS_STATION,    _yc_central_handle_upload_query },
  { "HEAD", "/api/v1/attachments/*",       YC_CENTRAL_ACCESS_STATION,    _yc_central_handle_upload_query },
  { "PUT",  "/api/v1/attachments/*",       YC_CENTRAL_ACCESS_STATION,    _yc_central_handle_upload_chunk },
  { NULL,   "/api/v1/attachments/*",       YC_CENTRAL_ACCESS_STATION,    _yc_central_handle_upload_method },
  { "GET",  "/api/v1/back-office/queue",   YC_CENTRAL_ACCESS_DEPARTMENT, _yc_central_handle_queue },
  { "GET",  "/api/v1/back-office/cases/*", YC_CENTRAL_ACCESS_DEPARTMENT, _yc_central_handle_case },
  { "POST", "/api/v1/back-office/cases/*", YC_CENTRAL_ACCESS_DEPARTMENT, _yc_central_handle_act },
  { NULL,   "/api/v1/back-office/*",       YC_CENTRAL_ACCESS_DEPARTMENT, _yc_central_handle_not_found },
  { NULL,   "/api/v1*",                    YC_CENTRAL_ACCESS_STATION,    _yc_central_handle_not_found },
};

static gboolean
route_fits (guint        i,
            const char  *method,
            const char  *path,
            const char **rest)
{
  const char *pattern = routes[i].path;
  gsize prefix = strlen (pattern) - 1;

  if (routes[i].method != NULL && !g_str_equal (routes[i].method, method))
    return FALSE;
  if (pattern[prefix] != '*')
    return g_str_equal (pattern, path);
  *rest = path + prefix;
  return strncmp (pattern, path, prefix) == 0;
}

static void
handle_request (YcCentralServer   *self,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  YcCentralRequest request = { .msg = msg, .query = query };
  guint i;

  /* the last route takes every path under the handler's /api/v1 */
  for (i = 0; !route_fits (i, method, path, &request.rest); i++)
    g_assert (i + 1 < G_N_ELEMENTS (routes));
  if (_yc_central_server_authenticate (self, &request, routes[i].access))
    routes[i].handler (self, &request);
  g_free (request.station);
  g_free (request.clerk);
  g_free (request.department);
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

static void
published_clear (YcPublished *published)
{
  g_clear_pointer (&published->document, g_bytes_unref);
  g_clear_pointer (&published->etag, g_free);
}

static void
published_take (YcPublished *published,
                GBytes      *document)
{
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, document);

  published_clear (published);
  published->document = document;
  published->etag = g_strdup_printf ("\"%s\"", hash);
}

void
_yc_central_respond (SoupServerMessage *msg,
                     guint              status,
                     JsonObject        *body)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
  char *text = yc_json_to_string (node);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

void
_yc_central_respond_error (SoupServerMessage *msg,
                           guint              status,
                           const char        *message)
{
  g_autoptr(JsonObject) o = json_object_new ();

  json_object_set_string_member (o, "error", message);
  _yc_central_respond (msg, status, o);
}

void
_yc_central_handle_not_found (YcCentralServer  *self,
                              YcCentralRequest *request)
{
  _yc_central_respond_error (request->msg, SOUP_STATUS_NOT_FOUND, _("There is no such resource in protocol version 1"));
}

/* Parses a request body that must be a JSON object; answers 400 (or 413)
 * and returns NULL if not. */
JsonObject *
_yc_central_read_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *shape;
  JsonNode *root;

  if (g_bytes_get_size (bytes) > MAX_REQUEST)
    {
      _yc_central_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request is too large"));
      return NULL;
    }
  if ((shape = yc_json_precheck (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))) != NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      text = g_strdup_printf (_("The request is not JSON: %s"), shape ? shape : error->message);
      _yc_central_respond_error (msg, SOUP_STATUS_BAD_REQUEST, text);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _yc_central_respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("The request must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

const char *
_yc_central_query (YcCentralRequest *request,
                   const char       *name)
{
  return request->query ? g_hash_table_lookup (request->query, name) : NULL;
}

/* A number of the query, kept between @min and @max; @fallback without it */
guint
_yc_central_query_uint (YcCentralRequest *request,
                        const char       *name,
                        guint             fallback,
                        guint             min,
                        guint             max)
{
  const char *text = _yc_central_query (request, name);
  guint64 value;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtoull (text, NULL, 10);
  return CLAMP (value, min, max);
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
  g_return_if_fail (YC_IS_CENTRAL_SERVER (self));
  g_return_if_fail (YC_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
  published_take (&self->published_catalog, yc_catalog_to_document (catalog));
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
  g_return_if_fail (YC_IS_CENTRAL_SERVER (self));
  g_return_if_fail (YC_IS_CALENDAR (calendar));

  g_set_object (&self->calendar, calendar);
  published_take (&self->published_calendar, yc_calendar_to_document (calendar));
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
  g_clear_object (&self->calendar);
  published_clear (&self->published_catalog);
  published_clear (&self->published_calendar);

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

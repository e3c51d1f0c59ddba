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

/* The most of a request body each route takes, refused from the request's
 * headers (docs/sync-protocol.md, "Limits"). A batch of 500 intake events
 * with full forms (the station sends at most that many) stays far below
 * MAX_EVENTS; an enrollment is three short texts, a back-office act a
 * reason or a delivery note. */
#define MAX_NONE      0
#define MAX_ENROLL    (4 * 1024)
#define MAX_EVENTS    (16 * 1024 * 1024)
#define MAX_CHUNK     YC_ATTACHMENT_CHUNK_SIZE
#define MAX_ACT       (64 * 1024)

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
  gsize             max_body;
  YcCentralHandler  handler;
} routes[] = {
  { "POST", "/api/v1/enroll",              YC_CENTRAL_ACCESS_ANYONE,     MAX_ENROLL, _yc_central_handle_enroll },
  { NULL,   "/api/v1/enroll",              YC_CENTRAL_ACCESS_ANYONE,     MAX_NONE,   _yc_central_handle_enroll_method },
  { "GET",  "/api/v1/catalog",             YC_CENTRAL_ACCESS_STATION,    MAX_NONE,   _yc_central_handle_catalog },
  { "GET",  "/api/v1/calendar",            YC_CENTRAL_ACCESS_STATION,    MAX_NONE,   _yc_central_handle_calendar },
  { "POST", "/api/v1/events",              YC_CENTRAL_ACCESS_STATION,    MAX_EVENTS, _yc_central_handle_events },
  { "GET",  "/api/v1/changes",             YC_CENTRAL_ACCESS_STATION,    MAX_NONE,   _yc_central_handle_changes },
  { "GET",  "/api/v1/attachments/*",       YC_CENTRAL_ACCESS_STATION,    MAX_NONE,   _yc_central_handle_upload_query },
  { "HEAD", "/api/v1/attachments/*",       YC_CENTRAL_ACCESS_STATION,    MAX_NONE,   _yc_central_handle_upload_query },
  { "PUT",  "/api/v1/attachments/*",       YC_CENTRAL_ACCESS_STATION,    MAX_CHUNK,  _yc_central_handle_upload_chunk },
  { NULL,   "/api/v1/attachments/*",       YC_CENTRAL_ACCESS_STATION,    MAX_NONE,   _yc_central_handle_upload_method },
  { "GET",  "/api/v1/back-office/queue",   YC_CENTRAL_ACCESS_DEPARTMENT, MAX_NONE,   _yc_central_handle_queue },
  { "GET",  "/api/v1/back-office/cases/*", YC_CENTRAL_ACCESS_DEPARTMENT, MAX_NONE,   _yc_central_handle_case },
  { "POST", "/api/v1/back-office/cases/*", YC_CENTRAL_ACCESS_DEPARTMENT, MAX_ACT,    _yc_central_handle_act },
  { NULL,   "/api/v1/back-office/*",       YC_CENTRAL_ACCESS_DEPARTMENT, MAX_NONE,   _yc_central_handle_not_found },
  { NULL,   "/api/v1*",                    YC_CENTRAL_ACCESS_STATION,    MAX_NONE,   _yc_central_handle_not_found },
  /* outside the API: nobody's, and answered as JSON like the rest */
  { NULL,   "*",                           YC_CENTRAL_ACCESS_ANYONE,     MAX_NONE,   _yc_central_handle_not_found },
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

static guint
find_route (const char  *method,
            const char  *path,
            const char **rest)
{
  guint i;

  /* the last route takes every path */
  for (i = 0; !route_fits (i, method, path, rest); i++)
    g_assert (i + 1 < G_N_ELEMENTS (routes));
  return i;
}

/* Who a request comes from, found from its headers before its body is
 * read, kept on the message for its handler. */
typedef struct
{
  char *station;
  char *clerk;
  char *department;
} Who;

static void
who_free (Who *who)
{
  g_free (who->station);
  g_free (who->clerk);
  g_free (who->department);
  g_free (who);
}

/* A request refused from its headers: nothing of its body is kept, and
 * the connection ends with the answer. A client that sent "Expect:
 * 100-continue" sends none of it; one that did not has what it sends
 * anyway read and thrown away. */
static void
refused_early (SoupServerMessage *msg)
{
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  soup_message_body_truncate (soup_server_message_get_request_body (msg));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

static void
refuse_too_large (SoupServerMessage *msg,
                  gsize              max_body)
{
  g_autofree char *text = NULL;

  if (max_body == 0)
    text = g_strdup (_("This request takes no body; it had one"));
  else
    text = g_strdup_printf (_("This request’s body may have at most %zu bytes"), max_body);
  _yc_central_refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "body-too-large", NULL, text);
  refused_early (msg);
}

typedef struct
{
  gsize max_body;
  gsize received;
} Reading;

/* A body without a Content-Length (chunked) is counted as it comes */
static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  Reading *reading = user_data;

  if (soup_server_message_get_status (msg) != 0)
    return;
  reading->received += g_bytes_get_size (chunk);
  if (reading->received > reading->max_body)
    refuse_too_large (msg, reading->max_body);
}

/* Every request passes here once its headers are in, before its body is
 * read: one whose token is not of its route's kind, or whose body is
 * larger than its route takes, is answered now, and its body never kept. */
static void
check_headers (YcCentralServer   *self,
               SoupServerMessage *msg,
               const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  YcCentralRequest request = { .msg = msg };
  guint i = find_route (soup_server_message_get_method (msg), path, &request.rest);
  Who *who;

  if (!_yc_central_server_authenticate (self, &request, routes[i].access))
    {
      refused_early (msg);
      return;
    }
  who = g_new0 (Who, 1);
  who->station = request.station;
  who->clerk = request.clerk;
  who->department = request.department;
  g_object_set_data_full (G_OBJECT (msg), "yc-central-who", who, (GDestroyNotify) who_free);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_NONE:
      break;
    case SOUP_ENCODING_CONTENT_LENGTH:
      if ((guint64) soup_message_headers_get_content_length (headers) > routes[i].max_body)
        refuse_too_large (msg, routes[i].max_body);
      break;
    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_EOF:
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_BYTERANGES:
    default:
      {
        Reading *reading = g_new0 (Reading, 1);

        reading->max_body = routes[i].max_body;
        g_object_set_data_full (G_OBJECT (msg), "yc-central-reading", reading, g_free);
        g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), reading);
      }
      break;
    }
}

static void
handle_request (YcCentralServer   *self,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query)
{
  YcCentralRequest request = { .msg = msg, .query = query };
  guint i = find_route (soup_server_message_get_method (msg), path, &request.rest);
  Who *who = g_object_get_data (G_OBJECT (msg), "yc-central-who");

  if (who != NULL)
    {
      request.station = g_strdup (who->station);
      request.clerk = g_strdup (who->clerk);
      request.department = g_strdup (who->department);
    }
  else if (!_yc_central_server_authenticate (self, &request, routes[i].access))
    return;
  routes[i].handler (self, &request);
  g_free (request.station);
  g_free (request.clerk);
  g_free (request.department);
}

/* Answers in the language the station asks for (Accept-Language): its
 * clerk reads why a case was refused. Every answer is made before this
 * returns, so the thread's locale is the request's for all of it. */
static void
in_request_language (SoupServerMessage *msg,
                     void             (*func) (YcCentralServer *, SoupServerMessage *, const char *, GHashTable *),
                     YcCentralServer   *self,
                     const char        *path,
                     GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  locale_t answer = yc_language_new_locale (soup_message_headers_get_one (headers, "Accept-Language"));
  locale_t own = answer != (locale_t) 0 ? uselocale (answer) : (locale_t) 0;

  func (self, msg, path, query);
  if (answer != (locale_t) 0)
    {
      uselocale (own);
      freelocale (answer);
    }
}

static void
check_headers_cb (YcCentralServer   *self,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query)
{
  check_headers (self, msg, path);
}

static void
on_early_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  in_request_language (msg, check_headers_cb, user_data, path, query);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  in_request_language (msg, handle_request, user_data, path, query);
}

/* What libsoup refused on its own (a path that climbs out with "..", a
 * request of another scheme) gets the JSON body every answer has. */
static void
on_request_read_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  guint status = soup_server_message_get_status (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (status >= 400 && body->length == 0)
    _yc_central_respond_error (msg, status, soup_status_get_phrase (status));
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

/* The refusal code a status has when its answer names none of its own */
static const char *
status_refusal (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      return "bad-request";
    case SOUP_STATUS_UNAUTHORIZED:
      return "token-missing";
    case SOUP_STATUS_FORBIDDEN:
      return "forbidden";
    case SOUP_STATUS_NOT_FOUND:
      return "not-found";
    case SOUP_STATUS_METHOD_NOT_ALLOWED:
      return "method-not-allowed";
    case SOUP_STATUS_CONFLICT:
      return "conflict";
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      return "body-too-large";
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      return "invalid";
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      return "service-unavailable";
    default:
      return status >= 500 ? "service-failed" : "refused";
    }
}

/**
 * _yc_central_refuse:
 * @refusal: the stable code of the refusal (docs/sync-protocol.md, "Errors")
 * @field: (nullable): the member or field it concerns
 *
 * Answers {"error": @message, "refusal": @refusal, "field": @field}.
 */
void
_yc_central_refuse (SoupServerMessage *msg,
                    guint              status,
                    const char        *refusal,
                    const char        *field,
                    const char        *message)
{
  g_autoptr(JsonObject) o = json_object_new ();

  json_object_set_string_member (o, "error", message);
  json_object_set_string_member (o, "refusal", refusal ? refusal : status_refusal (status));
  if (field != NULL)
    json_object_set_string_member (o, "field", field);
  _yc_central_respond (msg, status, o);
}

void
_yc_central_respond_error (SoupServerMessage *msg,
                           guint              status,
                           const char        *message)
{
  _yc_central_refuse (msg, status, NULL, NULL, message);
}

void
_yc_central_handle_not_found (YcCentralServer  *self,
                              YcCentralRequest *request)
{
  _yc_central_refuse (request->msg, SOUP_STATUS_NOT_FOUND, "not-found", NULL,
                      _("There is no such resource in protocol version 1"));
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

  /* its size was checked from its headers, before it was read */
  if ((shape = yc_json_precheck (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))) != NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_size (bytes) ? g_bytes_get_data (bytes, NULL) : "",
                                   g_bytes_get_size (bytes), &error))
    {
      text = g_strdup_printf (_("The request is not JSON: %s"), shape ? shape : error->message);
      _yc_central_refuse (msg, SOUP_STATUS_BAD_REQUEST, "request-not-json", NULL, text);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _yc_central_refuse (msg, SOUP_STATUS_BAD_REQUEST, "request-not-object", NULL, _("The request must be a JSON object"));
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
 * A catalog whose document is larger than a station takes
 * (%YC_SYNC_MAX_CATALOG_SIZE) is not published: every station would
 * refuse it.
 */
gboolean
yc_central_server_set_catalog (YcCentralServer  *self,
                               YcCatalog        *catalog,
                               GError          **error)
{
  g_autoptr(GBytes) document = NULL;

  g_return_val_if_fail (YC_IS_CENTRAL_SERVER (self), FALSE);
  g_return_val_if_fail (YC_IS_CATALOG (catalog), FALSE);

  document = yc_catalog_to_document (catalog);
  if (g_bytes_get_size (document) > YC_SYNC_MAX_CATALOG_SIZE)
    {
      g_autofree char *size = g_format_size_full (g_bytes_get_size (document), G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (YC_SYNC_MAX_CATALOG_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_INVALID,
                   _("The catalog %s would be published as %s (%zu bytes), more than the %s a station takes; it is not published"),
                   yc_catalog_get_version (catalog), size, g_bytes_get_size (document), limit);
      return FALSE;
    }
  g_set_object (&self->catalog, catalog);
  published_take (&self->published_catalog, g_steal_pointer (&document));
  return TRUE;
}

/**
 * yc_central_server_set_enroll_policy:
 *
 * How many wrong enrollment codes, from one address and from all, the
 * service takes in how long, and how long a code is good for.
 */
void
yc_central_server_set_enroll_policy (YcCentralServer      *self,
                                     const YcEnrollPolicy *policy)
{
  g_return_if_fail (YC_IS_CENTRAL_SERVER (self));
  g_return_if_fail (policy != NULL);

  self->enroll_policy = *policy;
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

/**
 * yc_central_server_new:
 *
 * Returns: (transfer full) (nullable): the service of @store, publishing
 *   @catalog; %NULL when no station could take @catalog
 */
YcCentralServer *
yc_central_server_new (YcCentralStorage  *store,
                       YcCatalog         *catalog,
                       GError           **error)
{
  g_autoptr(YcCentralServer) self = NULL;

  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (store), NULL);
  g_return_val_if_fail (YC_IS_CATALOG (catalog), NULL);

  self = g_object_new (YC_TYPE_CENTRAL_SERVER, NULL);
  self->store = g_object_ref (store);
  if (!yc_central_server_set_catalog (self, catalog, error))
    return NULL;
  return g_steal_pointer (&self);
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
  /* every path: what no route names is answered as JSON too */
  soup_server_add_early_handler (self->server, NULL, on_early_request_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);
  g_signal_connect (self->server, "request-read", G_CALLBACK (on_request_read_cb), self);
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
  g_clear_pointer (&self->enroll_peers, g_hash_table_unref);

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
  self->enroll_policy = (YcEnrollPolicy) { YC_ENROLL_PER_ADDRESS, YC_ENROLL_TOTAL, YC_ENROLL_WINDOW, YC_ENROLL_LIFETIME };
  self->enroll_peers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

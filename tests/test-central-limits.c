/* test-central-limits.c: the limits the central service holds, early, and
 * its answers
 *
 * Each probe is made against the real yichuang-central over TLS, as a
 * careless or hostile program would make it: raw requests over a TLS
 * socket where libsoup's client would not send such a thing (a 200 MB
 * body without a token, a chunked body, an Expect: 100-continue), and
 * libsoup where it would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* prlimit() */
#define _GNU_SOURCE
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>

#include "yc-db.h"
#include "yc-fault-proxy.h"
#include "yc-test-station.h"

#define MiB (1024 * 1024)

typedef struct
{
  YcTestCentral *central;
  YcTestStation *station;   /* (nullable) */
  char          *token;     /* the station's */
} Fixture;

static void
fixture_start (Fixture       *f,
               gconstpointer  args)
{
  f->central = yc_test_central_new ();
  f->central->args = g_strdupv ((char **) args);
  yc_test_central_start (f->central, "", NULL);
}

static void
fixture_start_cb (Fixture       *f,
                  gconstpointer  data)
{
  fixture_start (f, data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_start (f, data);
  f->station = yc_test_station_new (f->central, NULL, NULL);
  f->token = yc_case_store_get_meta (f->station->store, "token");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->station, yc_test_station_free);
  g_clear_pointer (&f->central, yc_test_central_free);
  g_clear_pointer (&f->token, g_free);
}

/* The answers, through libsoup */

typedef struct
{
  guint       status;
  JsonObject *body;        /* (nullable): the answer, when it is a JSON object */
  char       *text;
  char       *retry_after;
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->body, json_object_unref);
  g_clear_pointer (&a->text, g_free);
  g_clear_pointer (&a->retry_after, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static void
parse_answer (Answer     *a,
              const char *text,
              gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  a->text = g_strndup (text, length);
  if (length > 0 && json_parser_load_from_data (parser, text, length, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    a->body = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static SoupSession *
new_session (Fixture    *f,
             const char *local_address)
{
  g_autofree char *ca = yc_test_central_ca (f->central, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca, &error);
  g_autoptr(GInetSocketAddress) local = NULL;

  g_assert_no_error (error);
  if (local_address == NULL)
    return soup_session_new_with_options ("tls-database", database, NULL);
  local = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string (local_address, 0));
  return soup_session_new_with_options ("tls-database", database, "local-address", local, NULL);
}

/* @authorization: the whole header, or NULL for none */
static void
request_full (Fixture     *f,
              Answer      *a,
              const char  *local_address,
              const char  *method,
              const char  *path,
              const char  *authorization,
              const char  *content_range,
              const char  *body)
{
  g_autoptr(SoupSession) session = new_session (f, local_address);
  g_autofree char *uri = g_strconcat (f->central->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (authorization)
    soup_message_headers_replace (headers, "Authorization", authorization);
  if (content_range)
    soup_message_headers_replace (headers, "Content-Range", content_range);
  if (body)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  answer_clear (a);
  a->status = soup_message_get_status (msg);
  a->retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"));
  parse_answer (a, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
bearer (Fixture *f)
{
  return g_strconcat ("Bearer ", f->token, NULL);
}

/* An error answer is {"error", "refusal", "field"?} */
static void
assert_refusal (Answer     *a,
                guint       status,
                const char *refusal,
                const char *field)
{
  g_test_message ("%u %s", a->status, a->text);
  g_assert_cmpuint (a->status, ==, status);
  g_assert_nonnull (a->body);
  g_assert_nonnull (yc_json_get_string (a->body, "error"));
  g_assert_cmpstr (yc_json_get_string (a->body, "refusal"), ==, refusal);
  g_assert_cmpstr (yc_json_get_string (a->body, "field"), ==, field);
}

/* Raw requests over TLS, for what libsoup's client would not send */

static void
on_client_event_cb (GSocketClient      *client,
                    GSocketClientEvent  event,
                    GSocketConnectable *connectable,
                    GIOStream          *connection,
                    GTlsDatabase       *database)
{
  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING)
    g_tls_connection_set_database (G_TLS_CONNECTION (connection), database);
}

static GIOStream *
raw_connect (const char *url,
             const char *ca)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca, &error);
  GSocketConnection *connection;

  g_assert_no_error (error);
  g_socket_client_set_tls (client, TRUE);
  g_signal_connect (client, "event", G_CALLBACK (on_client_event_cb), database);
  connection = g_socket_client_connect_to_uri (client, url, 443, NULL, &error);
  g_assert_no_error (error);
  return G_IO_STREAM (connection);
}

static void
raw_write (GIOStream  *stream,
           const char *text)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Reads one answer: its status, and its body as JSON */
static void
raw_read (GIOStream *stream,
          Answer    *a)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  g_autoptr(GError) error = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *body = NULL;
  gsize length = 0, got = 0;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  status_line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status_line);
  g_assert_true (g_str_has_prefix (status_line, "HTTP/1.1 "));
  answer_clear (a);
  a->status = (guint) g_ascii_strtoull (status_line + strlen ("HTTP/1.1 "), NULL, 10);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (line[0] == '\0')
        break;
      if (g_ascii_strncasecmp (line, "Content-Length:", strlen ("Content-Length:")) == 0)
        length = g_ascii_strtoull (line + strlen ("Content-Length:"), NULL, 10);
    }
  body = g_malloc0 (length + 1);
  g_input_stream_read_all (G_INPUT_STREAM (in), body, length, &got, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got, ==, length);
  parse_answer (a, body, length);
}

/* The service's memory */

static guint64
service_kib (Fixture    *f,
             const char *what)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (f->central->process));
  g_autofree char *status = NULL;
  g_autofree char *key = g_strconcat ("\n", what, ":", NULL);
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, key);
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen (key), NULL, 10);
}

/* Sends @size bytes of body after @head, in blocks, as fast as it goes */
static void
send_body (GIOStream *stream,
           gsize      size)
{
  const gsize block = 256 * 1024;
  g_autofree char *zeros = g_malloc0 (block);
  g_autoptr(GError) error = NULL;

  for (gsize sent = 0; sent < size; sent += block)
    {
      g_output_stream_write_all (g_io_stream_get_output_stream (stream), zeros, MIN (block, size - sent),
                                 NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

typedef struct
{
  const char *url;
  const char *ca;
  const char *head;
  gsize       size;
  Answer      answer;
} BigBody;

static gpointer
send_big_body (gpointer data)
{
  BigBody *big = data;
  g_autoptr(GIOStream) stream = raw_connect (big->url, big->ca);

  raw_write (stream, big->head);
  send_body (stream, big->size);
  raw_read (stream, &big->answer);
  return NULL;
}

#define BIG_BODY (200 * MiB)


/* A 200 MB body without a token, once and four at once: refused from its
 * headers, nothing of it kept, so the service's peak memory stays where
 * it was (it grew by the whole body, 56 → 412 MB, before). */
static void
test_unauthenticated_body (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *ca = yc_test_central_ca (f->central, "");
  g_autofree char *head = g_strdup_printf ("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Content-Type: application/json\r\nContent-Length: %u\r\n\r\n",
                                           (guint) BIG_BODY);
  g_auto(Answer) a = { 0 };
  BigBody bodies[4];
  GThread *threads[4];
  guint64 before, after;

  /* the service has done a little of its work, as it would have */
  request_full (f, &a, NULL, "GET", "/api/v1/changes", NULL, NULL, NULL);
  assert_refusal (&a, 401, "token-missing", NULL);
  before = service_kib (f, "VmHWM");

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    bodies[i] = (BigBody) { f->central->url, ca, head, BIG_BODY, { 0 } };
  send_big_body (&bodies[0]);
  assert_refusal (&bodies[0].answer, 401, "token-missing", NULL);
  answer_clear (&bodies[0].answer);
  after = service_kib (f, "VmHWM");
  g_test_message ("peak resident memory %" G_GUINT64_FORMAT " kB before one 200 MB body, %" G_GUINT64_FORMAT " kB after",
                  before, after);
  g_assert_cmpuint (after, <, before + 32 * 1024);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    threads[i] = g_thread_new ("big-body", send_big_body, &bodies[i]);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_thread_join (threads[i]);
      assert_refusal (&bodies[i].answer, 401, "token-missing", NULL);
      answer_clear (&bodies[i].answer);
    }
  after = service_kib (f, "VmHWM");
  g_test_message ("peak resident memory %" G_GUINT64_FORMAT " kB after four at once", after);
  g_assert_cmpuint (after, <, before + 32 * 1024);

  /* an unknown token is no better than none */
  g_free (head);
  head = g_strdup_printf ("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %064d\r\n"
                          "Content-Length: %u\r\n\r\n", 0, (guint) (20 * MiB));
  bodies[0] = (BigBody) { f->central->url, ca, head, 20 * MiB, { 0 } };
  send_big_body (&bodies[0]);
  assert_refusal (&bodies[0].answer, 401, "token-unknown", NULL);
  answer_clear (&bodies[0].answer);
  g_assert_cmpuint (service_kib (f, "VmHWM"), <, before + 32 * 1024);
}

/* With "Expect: 100-continue" the refusal comes before a byte of the body
 * is sent: the service decides from the headers alone. */
static void
test_refused_before_body (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *ca = yc_test_central_ca (f->central, "");
  g_autoptr(GIOStream) stream = NULL;
  g_autofree char *head = NULL;
  g_auto(Answer) a = { 0 };

  stream = raw_connect (f->central->url, ca);
  raw_write (stream, "POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
                     "Content-Length: 209715200\r\n\r\n");
  raw_read (stream, &a);
  assert_refusal (&a, 401, "token-missing", NULL);
  g_clear_object (&stream);

  /* a body over the endpoint's limit, with a good token: 16 MiB for a
   * batch of events */
  stream = raw_connect (f->central->url, ca);
  head = g_strdup_printf ("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                          "Expect: 100-continue\r\nContent-Length: %u\r\n\r\n", f->token, 16 * MiB + 1);
  raw_write (stream, head);
  raw_read (stream, &a);
  assert_refusal (&a, 413, "body-too-large", NULL);
  g_assert_nonnull (strstr (yc_json_get_string (a.body, "error"), "16777216"));
  g_clear_object (&stream);
  g_free (head);

  /* an enrollment is three short texts: 4 KiB */
  stream = raw_connect (f->central->url, ca);
  raw_write (stream, "POST /api/v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
                     "Content-Length: 4097\r\n\r\n");
  raw_read (stream, &a);
  assert_refusal (&a, 413, "body-too-large", NULL);
  g_clear_object (&stream);

  /* a GET takes no body */
  stream = raw_connect (f->central->url, ca);
  head = g_strdup_printf ("GET /api/v1/changes HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                          "Expect: 100-continue\r\nContent-Length: 10\r\n\r\n", f->token);
  raw_write (stream, head);
  raw_read (stream, &a);
  assert_refusal (&a, 413, "body-too-large", NULL);
  g_clear_object (&stream);
  g_free (head);

  /* a chunk of a scan is at most 1 MiB */
  stream = raw_connect (f->central->url, ca);
  head = g_strdup_printf ("PUT /api/v1/attachments/%064d HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                          "Content-Range: bytes 0-1048576/2000000\r\n"
                          "Expect: 100-continue\r\nContent-Length: 1048577\r\n\r\n", 0, f->token);
  raw_write (stream, head);
  raw_read (stream, &a);
  assert_refusal (&a, 413, "body-too-large", NULL);
}

/* A chunked body has no Content-Length: it is counted as it comes, and
 * refused once past its endpoint's limit; nothing of it kept. */
static void
test_chunked_body (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *ca = yc_test_central_ca (f->central, "");
  g_autoptr(GIOStream) stream = raw_connect (f->central->url, ca);
  g_autofree char *block = g_strnfill (1024, ' ');
  g_autofree char *chunk = g_strdup_printf ("400\r\n%s\r\n", block);
  g_auto(Answer) a = { 0 };
  guint64 before = service_kib (f, "VmHWM");

  raw_write (stream, "POST /api/v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
  /* 40 MiB in 1 kB chunks, far over the 4 KiB of an enrollment */
  for (guint i = 0; i < 40 * 1024; i++)
    raw_write (stream, chunk);
  raw_write (stream, "0\r\n\r\n");
  raw_read (stream, &a);
  assert_refusal (&a, 413, "body-too-large", NULL);
  g_assert_cmpuint (service_kib (f, "VmHWM"), <, before + 32 * 1024);
  g_clear_object (&stream);

  /* a chunked body within its limit is taken as any other */
  stream = raw_connect (f->central->url, ca);
  raw_write (stream, "POST /api/v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "2\r\n{}\r\n0\r\n\r\n");
  raw_read (stream, &a);
  assert_refusal (&a, 400, "member-missing", "station");
}

/* "Authorization: bearer" in any letter case, one or more spaces after
 * the scheme (RFC 9110) */
static void
test_bearer_any_case (Fixture       *f,
                      gconstpointer  data)
{
  const char *schemes[] = { "Bearer ", "bearer ", "BEARER ", "bEaReR   " };
  g_auto(Answer) a = { 0 };
  g_autofree char *joined = g_strconcat ("Bearer", f->token, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *header = g_strconcat (schemes[i], f->token, NULL);

      request_full (f, &a, NULL, "GET", "/api/v1/changes", header, NULL, NULL);
      g_assert_cmpuint (a.status, ==, 200);
    }
  /* but a token run into the scheme, or another scheme, is none */
  request_full (f, &a, NULL, "GET", "/api/v1/changes", joined, NULL, NULL);
  assert_refusal (&a, 401, "token-missing", NULL);
  request_full (f, &a, NULL, "GET", "/api/v1/changes", "Basic dXNlcjpwYXNz", NULL, NULL);
  assert_refusal (&a, 401, "token-missing", NULL);
}

/* Every error answer has a JSON body with its refusal code, libsoup's own
 * refusals and paths outside the API among them */
static void
test_error_bodies (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *auth = bearer (f);
  g_autofree char *ca = yc_test_central_ca (f->central, "");
  g_autoptr(GIOStream) stream = NULL;
  g_auto(Answer) a = { 0 };

  request_full (f, &a, NULL, "GET", "/api/v1/no-such-thing", auth, NULL, NULL);
  assert_refusal (&a, 404, "not-found", NULL);
  request_full (f, &a, NULL, "GET", "/", NULL, NULL, NULL);
  assert_refusal (&a, 404, "not-found", NULL);
  request_full (f, &a, NULL, "GET", "/index.html", NULL, NULL, NULL);
  assert_refusal (&a, 404, "not-found", NULL);
  request_full (f, &a, NULL, "DELETE", "/api/v1/enroll", NULL, NULL, NULL);
  assert_refusal (&a, 405, "method-not-allowed", NULL);
  request_full (f, &a, NULL, "GET", "/api/v1/attachments/abc", auth, NULL, NULL);
  assert_refusal (&a, 400, "attachment-name-invalid", NULL);
  request_full (f, &a, NULL, "POST", "/api/v1/enroll", NULL, NULL, "{\"station\": ");
  assert_refusal (&a, 400, "request-not-json", NULL);
  request_full (f, &a, NULL, "POST", "/api/v1/enroll", NULL, NULL, "[1, 2]");
  assert_refusal (&a, 400, "request-not-object", NULL);
  request_full (f, &a, NULL, "GET", "/api/v1/back-office/queue", auth, NULL, NULL);
  assert_refusal (&a, 403, "token-not-department", NULL);

  /* a path that climbs out of the API is no path of it */
  stream = raw_connect (f->central->url, ca);
  raw_write (stream, "GET /api/v1/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  raw_read (stream, &a);
  assert_refusal (&a, 404, "not-found", NULL);
  g_clear_object (&stream);

  /* libsoup refuses a request of another scheme by itself; its answer is
   * JSON all the same */
  stream = raw_connect (f->central->url, ca);
  raw_write (stream, "GET http://127.0.0.1/api/v1/changes HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  raw_read (stream, &a);
  assert_refusal (&a, 400, "bad-request", NULL);
}

/* A Content-Range whose numbers do not fit in 64 bits is refused as such,
 * not read as the largest number there is */
static void
test_content_range_overflow (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *auth = bearer (f);
  g_autofree char *path = g_strdup_printf ("/api/v1/attachments/%064d", 0);
  const char *overflowing[] = {
    "bytes 0-9/99999999999999999999999",
    "bytes 18446744073709551615-18446744073709551624/18446744073709551625",
    "bytes 9223372036854775807-9223372036854775816/9223372036854775817",
  };
  g_auto(Answer) a = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (overflowing); i++)
    {
      request_full (f, &a, NULL, "PUT", path, auth, overflowing[i], "0123456789");
      assert_refusal (&a, 400, "content-range-overflow", "Content-Range");
    }
  request_full (f, &a, NULL, "PUT", path, auth, "bytes 9-0/10", "0123456789");
  assert_refusal (&a, 400, "content-range-missing", "Content-Range");
  request_full (f, &a, NULL, "PUT", path, auth, "bytes 0-19/100", "0123456789");
  assert_refusal (&a, 400, "chunk-length-mismatch", "Content-Range");
  request_full (f, &a, NULL, "PUT", path, auth, "bytes 0-9/5", "0123456789");
  g_assert_cmpuint (a.status, ==, 416);
  g_assert_cmpstr (yc_json_get_string (a.body, "refusal"), ==, "chunk-out-of-range");
}

static char *
blob_path (Fixture    *f,
           const char *sha256,
           const char *suffix)
{
  char prefix[3] = { sha256[0], sha256[1], 0 };
  g_autofree char *name = g_strconcat (sha256, suffix, NULL);

  return g_build_filename (f->central->data_dir, "attachments", prefix, name, NULL);
}

/* An upload the service's disk fails leaves no .part behind, and the
 * station hears neither where the service keeps its files */
static void
test_failed_upload (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *auth = bearer (f);
  g_autofree char *chunk = g_strnfill (4000, 'x');
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, chunk, -1);
  g_autofree char *path = g_strconcat ("/api/v1/attachments/", sha256, NULL);
  g_autofree char *part = blob_path (f, sha256, ".part");
  g_autofree char *blob = blob_path (f, sha256, "");
  g_autofree char *slot = g_path_get_dirname (part);
  pid_t pid = (pid_t) g_ascii_strtoll (g_subprocess_get_identifier (f->central->process), NULL, 10);
  struct rlimit old, small;
  g_auto(Answer) a = { 0 };

  /* the service may write files of 1000 bytes at most: the chunk's write
   * fails part-way */
  g_assert_cmpint (prlimit (pid, RLIMIT_FSIZE, NULL, &old), ==, 0);
  small = (struct rlimit) { 1000, old.rlim_max };
  g_assert_cmpint (prlimit (pid, RLIMIT_FSIZE, &small, NULL), ==, 0);
  request_full (f, &a, NULL, "PUT", path, auth, "bytes 0-3999/4000", chunk);
  g_assert_cmpint (prlimit (pid, RLIMIT_FSIZE, &old, NULL), ==, 0);
  g_test_message ("%u %s", a.status, a.text);
  g_assert_cmpuint (a.status, ==, 500);
  g_assert_cmpstr (yc_json_get_string (a.body, "refusal"), ==, "service-failed");
  g_assert_nonnull (strstr (a.text, sha256));
  g_assert_null (strstr (a.text, f->central->dir));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));

  /* where the folder cannot be made, the answer names no path either */
  g_rmdir (slot);
  g_assert_true (g_file_set_contents (slot, "not a folder", -1, NULL));
  request_full (f, &a, NULL, "PUT", path, auth, "bytes 0-3999/4000", chunk);
  g_assert_cmpuint (a.status, ==, 500);
  g_assert_null (strstr (a.text, f->central->dir));
  g_assert_null (strstr (a.text, "/attachments/"));
  g_unlink (slot);

  /* and the disk mended, the same chunk is taken whole */
  request_full (f, &a, NULL, "PUT", path, auth, "bytes 0-3999/4000", chunk);
  g_assert_cmpuint (a.status, ==, 200);
  g_assert_true (g_file_test (blob, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

/* Enrollment */

static void
enroll (Fixture    *f,
        Answer     *a,
        const char *local_address,
        const char *code)
{
  g_autofree char *body = g_strdup_printf ("{\"station\": \"370112001\", \"code\": \"%s\", \"clerk\": \"王芳\"}", code);

  request_full (f, a, local_address, "POST", "/api/v1/enroll", NULL, NULL, body);
}

static const char *throttle_args[] = { "--enroll-failures", "3", "--enroll-failures-total", "100",
                                       "--enroll-window", "60", NULL };

/* Wrong codes from one address: after three, every enrollment from it
 * waits, the right code too, 429 with Retry-After; another address goes
 * on */
static void
test_enroll_throttled (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *code = yc_test_central_run (f->central, "enroll-code", "370112001", NULL);
  g_auto(Answer) a = { 0 };
  guint64 wait;

  for (guint i = 0; i < 3; i++)
    {
      enroll (f, &a, NULL, "000000000000");
      assert_refusal (&a, 403, "enrollment-refused", "code");
    }
  enroll (f, &a, NULL, "000000000000");
  assert_refusal (&a, 429, "enrollment-throttled", NULL);
  g_assert_nonnull (a.retry_after);
  wait = g_ascii_strtoull (a.retry_after, NULL, 10);
  g_assert_cmpuint (wait, >=, 1);
  g_assert_cmpuint (wait, <=, 60);
  enroll (f, &a, NULL, code);
  assert_refusal (&a, 429, "enrollment-throttled", NULL);

  /* another address is not held back by this one's guesses */
  enroll (f, &a, "127.0.0.2", code);
  g_assert_cmpuint (a.status, ==, 200);
  g_assert_nonnull (yc_json_get_string (a.body, "token"));
}

static const char *throttle_total_args[] = { "--enroll-failures", "100", "--enroll-failures-total", "4",
                                             "--enroll-window", "60", NULL };

/* Wrong codes from all addresses together: past the total, every
 * enrollment waits, whoever sends it */
static void
test_enroll_throttled_total (Fixture       *f,
                             gconstpointer  data)
{
  const char *addresses[] = { "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4" };
  g_autofree char *code = yc_test_central_run (f->central, "enroll-code", "370112001", NULL);
  g_auto(Answer) a = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      enroll (f, &a, addresses[i], "000000000000");
      assert_refusal (&a, 403, "enrollment-refused", "code");
    }
  enroll (f, &a, "127.0.0.5", code);
  assert_refusal (&a, 429, "enrollment-throttled", NULL);
  g_assert_nonnull (a.retry_after);
}

static char *
central_db (Fixture *f)
{
  return g_build_filename (f->central->data_dir, "central.db", NULL);
}

/* A code is kept as its SHA-256 only; one kept plain by an older service
 * is hashed where it is when the service starts, and still enrolls */
static void
test_enroll_code_hashed (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *code = yc_test_central_run (f->central, "enroll-code", "370112001", NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, code, -1);
  g_autofree char *path = central_db (f);
  g_autofree char *plain_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "0123456789ab", -1);
  g_autoptr(GError) error = NULL;
  g_auto(Answer) a = { 0 };
  sqlite3 *db;
  char *found;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  found = yc_db_query_text (db, "SELECT code FROM enroll_codes WHERE code = ?", code);
  g_assert_null (found);
  found = yc_db_query_text (db, "SELECT station FROM enroll_codes WHERE code = ?", hash);
  g_assert_cmpstr (found, ==, "370112001");
  g_free (found);
  yc_db_close (db);

  /* a code of before, kept plain */
  yc_test_central_stop (f->central);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (yc_db_run (db, &error, "INSERT INTO enroll_codes (code, station, created) VALUES (?, ?, ?)",
                            "0123456789ab", "370112001", "2999-01-01T00:00:00Z"));
  g_assert_no_error (error);
  yc_db_close (db);
  yc_test_central_start (f->central, "", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  found = yc_db_query_text (db, "SELECT count (*) FROM enroll_codes WHERE length (code) <> 64");
  g_assert_cmpstr (found, ==, "0");
  g_free (found);
  found = yc_db_query_text (db, "SELECT station FROM enroll_codes WHERE code = ?", plain_hash);
  g_assert_cmpstr (found, ==, "370112001");
  g_free (found);
  yc_db_close (db);

  enroll (f, &a, NULL, "0123456789ab");
  g_assert_cmpuint (a.status, ==, 200);
  enroll (f, &a, NULL, code);
  g_assert_cmpuint (a.status, ==, 200);
  /* once */
  enroll (f, &a, NULL, code);
  assert_refusal (&a, 403, "enrollment-refused", "code");
}

static const char *lifetime_args[] = { "--enroll-code-lifetime", "2", NULL };

/* A code is good for its lifetime (here 2 hours) after it was made */
static void
test_enroll_code_expires (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *old_code = yc_test_central_run (f->central, "enroll-code", "370112001", NULL);
  g_autofree char *new_code = yc_test_central_run (f->central, "enroll-code", "370112001", NULL);
  g_autofree char *old_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, old_code, -1);
  g_autofree char *path = central_db (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_hours (now, -3);
  g_autofree char *made = g_date_time_format_iso8601 (then);
  g_autoptr(GError) error = NULL;
  g_auto(Answer) a = { 0 };
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (yc_db_run (db, &error, "UPDATE enroll_codes SET created = ? WHERE code = ?", made, old_hash));
  g_assert_no_error (error);
  yc_db_close (db);

  enroll (f, &a, NULL, old_code);
  assert_refusal (&a, 403, "enrollment-code-expired", "code");
  enroll (f, &a, NULL, new_code);
  g_assert_cmpuint (a.status, ==, 200);
}

/* Official numbers */

static void
test_official_no_rule (void)
{
  const guint64 sequences[] = { 1, 9999, 10000, 10001, 10035, 10036, YC_OFFICIAL_NO_MAX_SEQUENCE };
  const char *expected[] = { "0001", "9999", "A000", "A001", "A00Z", "A010", "ZZZZ" };
  const char *prefix = "11370112MB285037534000101002001";
  g_autofree char *previous = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sequences); i++)
    {
      g_autofree char *number = yc_official_no_make (prefix, "20261123", sequences[i]);
      g_autofree char *want = g_strconcat (prefix, "20261123", expected[i], NULL);

      g_assert_cmpstr (number, ==, want);
      /* the length holds, and the numbers of a day sort as they were given */
      g_assert_cmpuint (strlen (number), ==, 43);
      if (previous)
        g_assert_cmpint (strcmp (previous, number), <, 0);
      g_free (previous);
      previous = g_steal_pointer (&number);
    }
  g_assert_null (yc_official_no_make (prefix, "20261123", 0));
  g_assert_null (yc_official_no_make (prefix, "20261123", YC_OFFICIAL_NO_MAX_SEQUENCE + 1));
}

static char *
official_no_of (Fixture    *f,
                const char *case_id)
{
  g_autofree char *path = central_db (f);
  sqlite3 *db;
  char *number;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  number = yc_db_query_text (db, "SELECT official_no FROM cases WHERE id = ?", case_id);
  yc_db_close (db);
  g_assert_nonnull (number);
  return number;
}

/* The 10,000th case of an item in a day keeps the number's length */
static void
test_official_no_at_limit (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first_case = NULL;
  g_autofree char *next_case = NULL;
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *path = central_db (f);
  g_autofree char *prefix = NULL;
  sqlite3 *db;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  first_case = yc_test_station_take_case (f->station, NULL);
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  first = official_no_of (f, first_case);
  g_assert_true (g_str_has_suffix (first, "0001"));
  prefix = g_strndup (first, strlen (first) - 4);

  /* 9,998 more of the same item taken in today */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (yc_db_run (db, &error, "UPDATE day_sequences SET seq = 9999", NULL));
  g_assert_no_error (error);
  yc_db_close (db);

  next_case = yc_test_station_take_case (f->station, NULL);
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  next = official_no_of (f, next_case);
  g_test_message ("%s, then %s", first, next);
  g_assert_cmpuint (strlen (next), ==, strlen (first));
  g_assert_true (g_str_has_prefix (next, prefix));
  g_assert_true (g_str_has_suffix (next, "A000"));
}

/* The catalog */

/* A catalog larger than a station takes is not published: the service
 * does not start with it, and says why */
static void
test_catalog_over_cap (void)
{
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autofree char *source = yc_test_catalog_dir ();
  g_autofree char *catalog = g_build_filename (central->dir, "catalog", NULL);
  g_autofree char *header = g_build_filename (catalog, "catalog.json", NULL);
  g_autofree char *calendar = g_build_filename (TEST_SRCDIR, "..", "data", "calendar", NULL);
  g_autofree char *cert = g_build_filename (central->certs, "server.pem", NULL);
  g_autofree char *key = g_build_filename (central->certs, "server-key.pem", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GString) filler = g_string_sized_new (YC_SYNC_MAX_CATALOG_SIZE + 1024);
  const char *copy[] = { "cp", "-r", source, catalog, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) copy, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  /* the header with a note as long as the station's cap */
  g_string_append (filler, "{\"format\": 1, \"name\": \"测试目录\", \"version\": \"test.big\", \"region\": \"370112\", \"note\": \"");
  for (gsize i = 0; i < YC_SYNC_MAX_CATALOG_SIZE / 64; i++)
    g_string_append (filler, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (filler, "\"}\n");
  g_assert_true (g_file_set_contents (header, filler->str, filler->len, NULL));

  g_ptr_array_add (argv, (char *) YC_CENTRAL_BIN);
  g_ptr_array_add (argv, (char *) "serve");
  g_ptr_array_add (argv, (char *) "--port=0");
  g_ptr_array_add (argv, (char *) "--cert");
  g_ptr_array_add (argv, cert);
  g_ptr_array_add (argv, (char *) "--key");
  g_ptr_array_add (argv, key);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, central->data_dir);
  g_ptr_array_add (argv, (char *) "--catalog");
  g_ptr_array_add (argv, catalog);
  g_ptr_array_add (argv, (char *) "--calendar");
  g_ptr_array_add (argv, calendar);
  out = yc_test_run (argv, &status);
  g_test_message ("%s", out);
  g_assert_cmpint (status, ==, 1);
  g_assert_null (strstr (out, "listening"));
  g_assert_nonnull (strstr (out, "64"));
  g_assert_nonnull (strstr (out, "station"));
}

/* A catalog the station refuses (one answered larger than the station's
 * cap, or one that does not load) never holds up the outbox: the events
 * go up, and the run says what went wrong with the catalog */
static void
test_catalog_refused_events_pushed (gconstpointer data)
{
  YcFaultMode mode = GPOINTER_TO_INT (data);
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autoptr(YcFaultProxy) proxy = NULL;
  g_autoptr(YcTestStation) station = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GBytes) kept = NULL;

  yc_test_central_start (central, "", NULL);
  proxy = yc_fault_proxy_new (central->url, central->certs);
  station = yc_test_station_new (central, NULL, yc_fault_proxy_get_url (proxy));
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
  first = yc_test_station_take_case (station, NULL);
  second = yc_test_station_take_case (station, NULL);
  g_assert_cmpuint ((outbox = yc_test_station_outbox (station))->len, >, 0);
  g_clear_pointer (&outbox, g_ptr_array_unref);

  /* the station's copy is not current: it asks for the catalog whole */
  kept = yc_case_store_load_catalog (station->store, NULL, NULL);
  g_assert_nonnull (kept);
  g_assert_true (yc_case_store_save_catalog (station->store, "test.1", "\"stale\"", kept, &error));
  g_assert_no_error (error);
  yc_fault_proxy_set_mode (proxy, mode, "/api/v1/catalog");
  g_assert_false (yc_test_station_sync (station, &error));
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == YC_SYNC_ERROR);
  g_assert_cmpuint (yc_fault_proxy_get_faults (proxy), >=, 1);
  g_clear_error (&error);

  /* yet nothing waits: the events are at the service, the catalog in use
   * is the one the station had, and the line is not taken for down */
  outbox = yc_test_station_outbox (station);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_assert_cmpstr (yc_catalog_get_version (yc_sync_get_catalog (station->sync)), ==, "test.1");
  g_assert_cmpuint (yc_sync_get_failures (station->sync), ==, 0);
  g_assert_nonnull (yc_sync_get_last_error (station->sync));
  yc_fault_proxy_set_mode (proxy, YC_FAULT_FORWARD, NULL);
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
  yc_test_station_check_delivered (station);
}

/* A clerk of a zh_CN window who mistypes the code reads why in Chinese,
 * the throttling too, in the station's own words for the codes */
static void
test_enroll_worded (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(YcTestStation) station = yc_test_station_new_unenrolled (f->central, NULL);
  g_autoptr(GError) error = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (yc_test_station_enroll (station, NULL, "370112001", "000000000000", &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED);
      g_assert_nonnull (strstr (error->message, "注册码未知、已被使用，或不属于站点 370112001"));
      g_clear_error (&error);
    }
  g_assert_false (yc_test_station_enroll (station, NULL, "370112001", "000000000000", &error));
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_message ("%s", error->message);
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "错误的注册码太多；请在"));
}

/* The clerk reads the service's refusal in the window's language */
static void
test_refusal_worded (void)
{
  g_autofree char *en = NULL;
  g_autofree char *unknown = yc_refusal_describe ("no-such-code-yet", NULL, "The service’s own words");

  g_autofree char *zh = NULL;

  g_assert_true (yc_refusal_is_known ("body-too-large"));
  g_assert_true (yc_refusal_is_known ("token-unknown"));
  g_assert_true (yc_refusal_is_known ("content-range-overflow"));
  en = yc_refusal_describe ("content-range-overflow", "Content-Range", "English");
  g_assert_cmpstr (en, ==, "A number of the chunk’s Content-Range is larger than any scan can be (field “Content-Range”)");
  g_assert_cmpstr (unknown, ==, "The service’s own words");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  zh = yc_refusal_describe ("token-unknown", NULL, "The token is not known");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_cmpstr (zh, ==, "中心服务不认识本窗口的令牌；请重新注册本窗口");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* the station's words, translated where the build made them */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("YICHUANG_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);
#ifdef __SANITIZE_ADDRESS__
  /* AddressSanitizer keeps what is freed in a quarantine of 256 MB: a
   * body the service reads and throws away chunk by chunk would raise its
   * peak memory there, kept or not. The services this test starts keep
   * no quarantine, so that the peak measures what they hold. */
  {
    g_autofree char *options = g_strconcat (g_getenv ("ASAN_OPTIONS") ? g_getenv ("ASAN_OPTIONS") : "",
                                            ":quarantine_size_mb=0", NULL);

    g_setenv ("ASAN_OPTIONS", options, TRUE);
  }
#endif

  g_test_add ("/limits/unauthenticated-body", Fixture, NULL, fixture_setup, test_unauthenticated_body,
              fixture_teardown);
  g_test_add ("/limits/refused-before-body", Fixture, NULL, fixture_setup, test_refused_before_body,
              fixture_teardown);
  g_test_add ("/limits/chunked-body", Fixture, NULL, fixture_setup, test_chunked_body, fixture_teardown);
  g_test_add ("/limits/bearer-any-case", Fixture, NULL, fixture_setup, test_bearer_any_case, fixture_teardown);
  g_test_add ("/limits/error-bodies", Fixture, NULL, fixture_setup, test_error_bodies, fixture_teardown);
  g_test_add ("/limits/content-range-overflow", Fixture, NULL, fixture_setup, test_content_range_overflow,
              fixture_teardown);
  g_test_add ("/limits/failed-upload", Fixture, NULL, fixture_setup, test_failed_upload, fixture_teardown);
  g_test_add ("/limits/enroll-throttled", Fixture, throttle_args, fixture_start_cb, test_enroll_throttled,
              fixture_teardown);
  g_test_add ("/limits/enroll-throttled-total", Fixture, throttle_total_args, fixture_start_cb,
              test_enroll_throttled_total, fixture_teardown);
  g_test_add ("/limits/enroll-code-hashed", Fixture, NULL, fixture_start_cb, test_enroll_code_hashed,
              fixture_teardown);
  g_test_add ("/limits/enroll-code-expires", Fixture, lifetime_args, fixture_start_cb, test_enroll_code_expires,
              fixture_teardown);
  g_test_add ("/limits/enroll-worded", Fixture, throttle_args, fixture_start_cb, test_enroll_worded,
              fixture_teardown);
  g_test_add_func ("/limits/official-no-rule", test_official_no_rule);
  g_test_add ("/limits/official-no-at-limit", Fixture, NULL, fixture_setup, test_official_no_at_limit,
              fixture_teardown);
  g_test_add_func ("/limits/catalog-over-cap", test_catalog_over_cap);
  g_test_add_data_func ("/limits/catalog-refused/too-large", GINT_TO_POINTER (YC_FAULT_ENDLESS),
                        test_catalog_refused_events_pushed);
  g_test_add_data_func ("/limits/catalog-refused/does-not-load", GINT_TO_POINTER (YC_FAULT_WRONG_SHAPE),
                        test_catalog_refused_events_pushed);
  g_test_add_func ("/limits/refusal-worded", test_refusal_worded);
  return g_test_run ();
}

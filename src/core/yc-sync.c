/* yc-sync.c: the exchange with the central service
 *
 * One run: the catalog down (only when its ETag changed), then the outbox
 * up in batches, in order, each batch's scans before its events, then the
 * changes since our cursor down, page by page, and last the working-day
 * calendar (only when its ETag changed), so that a calendar the station
 * refuses never holds its cases back. Every write is idempotent (the
 * events carry their UUIDs), so every request is flagged idempotent and
 * libsoup keeps the connection alive for it; a retry after a timeout or a
 * crash is always safe. TLS is verified
 * against the CA the station was enrolled with, and nothing turns that off.
 *
 * The store's side of it (reading a batch and making its request, taking
 * an answered batch out of the outbox, applying a page of changes) runs in
 * a thread, on a connection of its own, so that the window never waits
 * for it; and it runs while the request before is on its way, so that the
 * station and the service work at the same time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "yc-attachments.h"
#include "yc-db.h"
#include "yc-event.h"
#include "yc-sync.h"

#define BATCH_SIZE   500
#define PAGE_SIZE    500
/* The most of an answer the station reads, by endpoint: a published catalog
 * of 300 items is about 2 MB, a page of 500 changes a few hundred kB, the
 * results of a batch a few kB. An answer far larger is not one the protocol
 * knows, and reading it to its end would let a broken service fill the
 * station's memory. */
#define MAX_CATALOG  (64 * 1024 * 1024)
#define MAX_CHANGES  (16 * 1024 * 1024)
#define MAX_ANSWER   (1024 * 1024)
/* seconds a connection, or an answer, may keep the station waiting */
#define DEFAULT_TIMEOUT 30
/* seconds a whole run may take: far more than a day's events need, and
 * what a run cut short has sent stays sent */
#define DEFAULT_DEADLINE 300

struct _YcSync
{
  GObject      parent_instance;

  YcCaseStore *store;
  YcCaseStore *worker;       /* the same database, for work off the main loop */
  GMutex       worker_lock;
  YcCatalog   *catalog;
  YcCalendar  *calendar;
  SoupSession *session;
  char        *server;
  char        *token;
  char        *last_error;
  gboolean     online;
  guint        timeout;
  guint        deadline;
  guint        failures;  /* runs in a row that failed */
};

G_DEFINE_FINAL_TYPE (YcSync, yc_sync, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-sync-error-quark, yc_sync_error)

enum {
  ATTACHMENT_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_ONLINE,
  PROP_CATALOG,
  PROP_CALENDAR,
  PROP_LAST_ERROR,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status (YcSync       *self,
            gboolean      online,
            const GError *error)
{
  const char *message = error ? error->message : NULL;

  if (self->online != online)
    {
      self->online = online;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
  if (g_strcmp0 (self->last_error, message) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
    }
}

/* Builds the session for the server and CA the profile was enrolled with. */
static gboolean
ensure_session (YcSync  *self,
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
static GError *
translate_error (YcSync *self,
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

static SoupMessage *
new_message (YcSync     *self,
             const char *method,
             const char *path)
{
  g_autofree char *uri = g_strconcat (self->server, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", self->token ? self->token : "", NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  if (msg == NULL)
    return NULL;
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  /* every write of the protocol is idempotent: without this libsoup opens a
   * new connection for each POST */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  return msg;
}

static void
set_body (SoupMessage *msg,
          JsonNode    *body)
{
  char *text = yc_json_to_string (body);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
}

/* The service's own words about a refusal, when it gave any. */
static char *
server_said (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0 || g_bytes_get_size (bytes) > 65536 ||
      yc_json_precheck (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) != NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (yc_json_get_string (json_node_get_object (root), "error"));
}

/* Checks the status and parses the JSON answer of a finished request. */
static JsonNode *
read_answer (YcSync       *self,
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
      g_autofree char *said = server_said (bytes);

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
      g_autofree char *said = server_said (bytes);

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
  if (status != SOUP_STATUS_OK)
    {
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
static void
receive_async (YcSync              *self,
               SoupMessage         *msg,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Receive *receive = g_new0 (Receive, 1);

  g_task_set_source_tag (task, receive_async);
  receive->msg = g_object_ref (msg);
  receive->body = g_byte_array_new ();
  receive->limit = answer_limit (msg);
  g_task_set_task_data (task, receive, (GDestroyNotify) receive_free);
  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, on_sent_cb, task);
}

static GBytes *
receive_finish (GAsyncResult  *result,
                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A sync run */

/* A scan the events of a batch hold, to be on the service before them */
typedef struct
{
  char      *sha256;
  guint64    size;
  char      *field;
  GPtrArray *uuids;     /* the events that hold it */
} Upload;

static void
upload_free (Upload *u)
{
  g_free (u->sha256);
  g_free (u->field);
  g_ptr_array_unref (u->uuids);
  g_free (u);
}

typedef struct
{
  SoupMessage  *msg;
  GPtrArray    *batch;     /* YcOutboxEntry being sent */
  char         *etag;
  guint         pages;
  GPtrArray    *uploads;   /* Upload, for the batch */
  guint         upload;    /* the one under way */
  GInputStream *stream;    /* its bytes */
  guint64       offset;    /* where its next chunk starts */
  guint         conflicts;
  GHashTable   *dropped;   /* events of the batch set aside on the way */
  /* the batch after this one, read while this one is on its way */
  GPtrArray    *next;
  GPtrArray    *next_uploads;
  GBytes       *next_body;
  GBytes       *body;      /* the batch's request, made in the thread */
  /* the answer to the batch, for the store */
  GPtrArray    *done;      /* uuids the service has */
  GPtrArray    *aside;     /* uuid, reason, uuid, reason … refused for good */
  /* a request and the store's work both under way: the next step waits
   * for both, and for a failure of either */
  guint         pending;
  GError       *error;
  void        (*then) (GTask *task);
  gboolean      more;      /* another page of changes waits */
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->msg);
  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_free (run->etag);
  g_clear_pointer (&run->uploads, g_ptr_array_unref);
  g_clear_object (&run->stream);
  g_clear_pointer (&run->dropped, g_hash_table_unref);
  g_clear_pointer (&run->next, g_ptr_array_unref);
  g_clear_pointer (&run->next_uploads, g_ptr_array_unref);
  g_clear_pointer (&run->next_body, g_bytes_unref);
  g_clear_pointer (&run->body, g_bytes_unref);
  g_clear_pointer (&run->done, g_ptr_array_unref);
  g_clear_pointer (&run->aside, g_ptr_array_unref);
  g_clear_error (&run->error);
  g_free (run);
}

static void push_start (GTask *task);
static void pull_next (GTask *task);
static GPtrArray *plan_uploads (YcCaseStore *store, GPtrArray *batch, GError **error);
static void pull_calendar (GTask *task);

static void
fail (GTask  *task,
      GError *error)
{
  YcSync *self = g_task_get_source_object (task);

  error = translate_error (self, error);
  /* a run called off, by its caller or its deadline, says nothing about
   * the service */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->failures++;
      /* the station's own disk failing says nothing about the line */
      set_status (self,
                  (error->domain == YC_SYNC_ERROR && error->code != YC_SYNC_ERROR_UNREACHABLE &&
                   error->code != YC_SYNC_ERROR_CERTIFICATE) || error->domain == YC_DB_ERROR,
                  error);
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
send (GTask               *task,
      SoupMessage         *msg,
      GAsyncReadyCallback  callback)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_set_object (&run->msg, msg);
  receive_async (self, msg, g_task_get_cancellable (task), callback, task);
}

/* The store's work off the main loop */

typedef struct
{
  GPtrArray *done;          /* in: uuids the service has */
  GPtrArray *aside;         /* in: uuid, reason … */
  gboolean   prepare;       /* in: read the next batch */
  gint64     after;         /* in: the outbox id it starts after */
  JsonNode  *changes;       /* in: a page of the change feed */
  GPtrArray *batch;         /* out: YcOutboxEntry */
  GPtrArray *uploads;       /* out: Upload */
  GBytes    *body;          /* out: the batch as a request */
  GPtrArray *changed;       /* out: the cases that changed */
  gboolean   outbox;        /* out: whether the outbox changed */
} Work;

static void
work_free (Work *w)
{
  g_clear_pointer (&w->done, g_ptr_array_unref);
  g_clear_pointer (&w->aside, g_ptr_array_unref);
  g_clear_pointer (&w->changes, json_node_unref);
  g_clear_pointer (&w->batch, g_ptr_array_unref);
  g_clear_pointer (&w->uploads, g_ptr_array_unref);
  g_clear_pointer (&w->body, g_bytes_unref);
  g_clear_pointer (&w->changed, g_ptr_array_unref);
  g_free (w);
}

/* The request for a batch */
static GBytes *
batch_body (GPtrArray *batch)
{
  g_autoptr(JsonNode) body = NULL;
  JsonArray *events = json_array_new ();
  JsonObject *o = json_object_new ();
  char *text;

  for (guint i = 0; i < batch->len; i++)
    json_array_add_object_element (events, json_object_ref (((YcOutboxEntry *) g_ptr_array_index (batch, i))->event));
  json_object_set_array_member (o, "events", events);
  body = json_node_init_object (json_node_alloc (), o);
  json_object_unref (o);
  text = yc_json_to_string (body);
  return g_bytes_new_take (text, strlen (text));
}

static void
on_worker_case_changed_cb (YcCaseStore *worker,
                           const char  *case_id,
                           Work        *w)
{
  if (w->changed == NULL)
    w->changed = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (w->changed, g_strdup (case_id));
}

static void
on_worker_outbox_changed_cb (Work *w)
{
  w->outbox = TRUE;
}

static gboolean
work (YcCaseStore  *worker,
      Work         *w,
      GError      **error)
{
  for (guint i = 0; w->aside != NULL && i + 1 < w->aside->len; i += 2)
    if (!yc_case_store_outbox_set_aside (worker, g_ptr_array_index (w->aside, i),
                                         g_ptr_array_index (w->aside, i + 1), error))
      return FALSE;
  /* the batch's events the service has leave the outbox together, in one
   * write */
  if (w->done != NULL && !yc_case_store_outbox_done_many (worker, w->done, error))
    return FALSE;
  /* each page is committed with its cursor, even when a later page fails */
  if (w->changes != NULL)
    {
      JsonObject *o = json_node_get_object (w->changes);

      if (!yc_case_store_apply_changes (worker, yc_json_get_array (o, "events"),
                                        yc_json_get_string (o, "cursor"), error))
        return FALSE;
    }
  if (w->prepare)
    {
      if (!(w->batch = yc_case_store_outbox_peek_after (worker, w->after, BATCH_SIZE, error)) ||
          !(w->uploads = plan_uploads (worker, w->batch, error)))
        return FALSE;
      w->body = batch_body (w->batch);
    }
  return TRUE;
}

static void
work_in_thread (GTask        *work_task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  YcSync *self = source_object;
  Work *w = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  g_mutex_lock (&self->worker_lock);
  if (self->worker == NULL)
    self->worker = yc_case_store_open (yc_case_store_get_path (self->store), &error);
  if (self->worker != NULL)
    {
      gulong changed = g_signal_connect (self->worker, "case-changed", G_CALLBACK (on_worker_case_changed_cb), w);
      gulong outbox = g_signal_connect_swapped (self->worker, "outbox-changed",
                                                G_CALLBACK (on_worker_outbox_changed_cb), w);

      ok = work (self->worker, w, &error);
      g_signal_handler_disconnect (self->worker, changed);
      g_signal_handler_disconnect (self->worker, outbox);
    }
  g_mutex_unlock (&self->worker_lock);
  if (ok)
    g_task_return_boolean (work_task, TRUE);
  else
    g_task_return_error (work_task, error);
}

/* Both the request and the store's work are done: the next step, or the
 * failure of either. */
static void
join (GTask  *task,
      GError *error)
{
  Run *run = g_task_get_task_data (task);

  if (error != NULL && run->error == NULL)
    run->error = error;
  else if (error != NULL)
    g_error_free (error);
  g_assert (run->pending > 0);
  if (--run->pending > 0)
    return;
  if (run->error != NULL)
    {
      YcSync *self = g_task_get_source_object (task);

      /* what the service said it has (a part of the batch, when it
       * stopped part-way) leaves the outbox even so */
      for (guint i = 0; run->aside != NULL && i + 1 < run->aside->len; i += 2)
        yc_case_store_outbox_set_aside (self->store, g_ptr_array_index (run->aside, i),
                                        g_ptr_array_index (run->aside, i + 1), NULL);
      if (run->done != NULL && run->done->len > 0)
        yc_case_store_outbox_done_many (self->store, run->done, NULL);
      g_clear_pointer (&run->done, g_ptr_array_unref);
      g_clear_pointer (&run->aside, g_ptr_array_unref);
      fail (task, g_steal_pointer (&run->error));
      return;
    }
  run->then (task);
}

static void
on_work_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Work *w = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  /* what was committed was committed, failure or not */
  yc_case_store_emit_changes (self->store, w->changed, w->outbox);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      join (task, error);
      return;
    }
  if (w->prepare)
    {
      g_clear_pointer (&run->next, g_ptr_array_unref);
      g_clear_pointer (&run->next_uploads, g_ptr_array_unref);
      g_clear_pointer (&run->next_body, g_bytes_unref);
      run->next = g_steal_pointer (&w->batch);
      run->next_uploads = g_steal_pointer (&w->uploads);
      run->next_body = g_steal_pointer (&w->body);
    }
  join (task, NULL);
}

/* Starts the store's work in a thread; @changes: (transfer full) */
static void
start_work (GTask    *task,
            gboolean  prepare,
            gint64    after,
            JsonNode *changes)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GTask) work_task = g_task_new (self, NULL, on_work_done_cb, task);
  Work *w = g_new0 (Work, 1);

  w->done = g_steal_pointer (&run->done);
  w->aside = g_steal_pointer (&run->aside);
  w->prepare = prepare;
  w->after = after;
  w->changes = changes;
  g_task_set_source_tag (work_task, start_work);
  g_task_set_task_data (work_task, w, (GDestroyNotify) work_free);
  g_task_run_in_thread (work_task, work_in_thread);
}

/* Changes down */

static void
pull_then (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->more && ++run->pages < 10000)
    pull_next (task);
  else
    pull_calendar (task);
}

static void
on_changes_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) answer = NULL;
  GError *error = NULL;
  g_autofree char *previous = NULL;
  JsonObject *o;
  JsonArray *events;
  JsonNode *more_node;
  const char *cursor;
  gboolean more;

  if (!(bytes = receive_finish (result, &error)) ||
      !(answer = read_answer (self, run->msg, bytes, &error)))
    {
      fail (task, error);
      return;
    }
  o = json_node_get_object (answer);
  events = yc_json_get_array (o, "events");
  cursor = yc_json_get_string (o, "cursor");
  if (events == NULL || cursor == NULL)
    {
      fail (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                               _("The central service’s change feed lacks “events” or “cursor”")));
      return;
    }
  for (guint i = 0; i < json_array_get_length (events); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (events, i)))
      {
        fail (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                 _("The central service’s change feed holds something that is not an event")));
        return;
      }
  more_node = json_object_get_member (o, "more");
  more = more_node != NULL && JSON_NODE_HOLDS_VALUE (more_node) &&
         json_node_get_value_type (more_node) == G_TYPE_BOOLEAN && json_node_get_boolean (more_node);
  previous = yc_case_store_get_meta (self->store, "changes-cursor");
  if (more && g_strcmp0 (previous ? previous : "0", cursor) == 0)
    {
      fail (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                               _("The central service’s change feed says there is more after cursor %s, but does not move on from it"),
                               cursor));
      return;
    }
  /* the page goes to the store in the thread, with its cursor in one
   * transaction (yc_case_store_apply_changes) */
  run->more = more;
  run->pending = 1;
  run->then = pull_then;
  start_work (task, FALSE, 0, g_steal_pointer (&answer));
}

static void
pull_next (GTask *task)
{
  YcSync *self = g_task_get_source_object (task);
  g_autofree char *cursor = yc_case_store_get_meta (self->store, "changes-cursor");
  g_autofree char *escaped = g_uri_escape_string (cursor ? cursor : "0", NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?after=%s&limit=%d", escaped, PAGE_SIZE);
  g_autoptr(SoupMessage) msg = new_message (self, "GET", path);

  send (task, msg, on_changes_cb);
}

static void
on_events_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) answer = NULL;
  GError *error = NULL;
  const char * const statuses[] = { "stored", "duplicate", "rejected", NULL };
  JsonArray *results;
  guint n_results;

  if (!(bytes = receive_finish (result, &error)) ||
      !(answer = read_answer (self, run->msg, bytes, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        for (guint i = 0; run->batch && i < run->batch->len; i++)
          yc_case_store_outbox_failed (self->store, ((YcOutboxEntry *) g_ptr_array_index (run->batch, i))->uuid,
                                       error->message, NULL);
      join (task, error);
      return;
    }
  results = yc_json_get_array (json_node_get_object (answer), "results");
  if (results == NULL)
    {
      join (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                               _("The central service’s answer to the events lacks “results”")));
      return;
    }
  /* one result per event, in order: an answer that says anything else is
   * not trusted with a single event */
  n_results = json_array_get_length (results);
  for (guint i = 0; i < n_results; i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *r = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *status = r ? yc_json_get_string (r, "status") : NULL;

      if (i >= run->batch->len ||
          g_strcmp0 (r ? yc_json_get_string (r, "uuid") : NULL,
                     ((YcOutboxEntry *) g_ptr_array_index (run->batch, i))->uuid) != 0 ||
          !g_strv_contains (statuses, status ? status : ""))
        {
          join (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                   _("The central service answered a batch of events with a result (number %u) that is not for the event sent in its place; no event of the batch is taken as delivered"),
                                   i + 1));
          return;
        }
    }
  /* the store takes the answer in the thread, with the next batch's work */
  run->done = g_ptr_array_new_with_free_func (g_free);
  run->aside = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_results; i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      const char *uuid = yc_json_get_string (r, "uuid");
      const char *status = yc_json_get_string (r, "status");

      if (g_str_equal (status, "rejected"))
        {
          const char *reason = (yc_json_get_string (r, "reason") ?: "");
          const char *field = yc_json_get_string (r, "field");

          g_ptr_array_add (run->aside, g_strdup (uuid));
          g_ptr_array_add (run->aside, field ? g_strdup_printf ("%s: %s", field, reason) : g_strdup (reason));
        }
      else
        g_ptr_array_add (run->done, g_strdup (uuid));
    }
  /* the service stopped part-way: what it took is taken (see join()), the
   * rest waits for the next run rather than being pressed on it again at
   * once */
  if (n_results < run->batch->len)
    {
      join (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_SERVER,
                               _("The central service took %u of %u events and stopped; the rest are kept and will be sent again"),
                               n_results, run->batch->len));
      return;
    }
  join (task, NULL);
}

/* Attachments up
 *
 * The service refuses an intake that holds a scan it does not have whole,
 * so a batch's scans go first. Each is asked for first (the service may
 * have it from another case, or part of it from a run that was cut off),
 * then sent in chunks from where the service is. A scan whose bytes the
 * service finds are not its SHA-256 can never be sent: its events are set
 * aside, as a refused event is, and the rest go on. */

static void upload_next (GTask *task);
static void send_chunk  (GTask *task);

static Upload *
current_upload (Run *run)
{
  return g_ptr_array_index (run->uploads, run->upload);
}

static char *
attachment_path (const char *sha256)
{
  return g_strconcat ("/api/v1/attachments/", sha256, NULL);
}

/* Whether a form's values name a scan at all: most intakes hold none, and
 * asking the store about each case of a batch costs more than sending it. */
static gboolean
names_a_scan (JsonObject *values)
{
  JsonObjectIter iter;
  JsonNode *value;

  json_object_iter_init (&iter, values);
  while (json_object_iter_next (&iter, NULL, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
        yc_attachment_is_sha256 (json_node_get_string (value)))
      return TRUE;
  return FALSE;
}

/* The scans the batch's intakes hold: those the profile recorded for the
 * case's fields, and that the event's form still names. */
static GPtrArray *
plan_uploads (YcCaseStore  *store,
              GPtrArray    *batch,
              GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) uploads = g_ptr_array_new_with_free_func ((GDestroyNotify) upload_free);

  for (guint i = 0; i < batch->len; i++)
    {
      YcOutboxEntry *entry = g_ptr_array_index (batch, i);
      JsonObject *form = yc_json_get_object (yc_json_get_object (entry->event, "data"), "form");
      JsonObject *values = yc_json_get_object (form, "values");
      g_autoptr(GPtrArray) held = NULL;

      if (values == NULL || g_strcmp0 (yc_json_get_string (entry->event, "type"), YC_EVENT_INTAKE) != 0 ||
          !names_a_scan (values))
        continue;
      if (!(held = yc_attachments_list_case (store, entry->case_id, error)))
        return NULL;
      for (guint j = 0; j < held->len; j++)
        {
          YcAttachment *a = g_ptr_array_index (held, j);
          Upload *u;

          if (g_strcmp0 (yc_json_get_string (values, a->field), a->sha256) != 0)
            continue;
          if (!(u = g_hash_table_lookup (seen, a->sha256)))
            {
              u = g_new0 (Upload, 1);
              u->sha256 = g_strdup (a->sha256);
              u->size = a->size;
              u->field = g_strdup (a->field);
              u->uuids = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (uploads, u);
              g_hash_table_insert (seen, u->sha256, u);
            }
          g_ptr_array_add (u->uuids, g_strdup (entry->uuid));
        }
    }
  return g_steal_pointer (&uploads);
}

/* A failure that may pass: the events wait for the next run, which asks
 * the service where to resume. */
static void
upload_failed (GTask  *task,
               GError *error)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Upload *u = current_upload (run);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    for (guint i = 0; i < u->uuids->len; i++)
      yc_case_store_outbox_failed (self->store, g_ptr_array_index (u->uuids, i), error->message, NULL);
  fail (task, error);
}

/* A failure that will not pass: the scan kept here is not what its events
 * name. */
static void
upload_refused (GTask      *task,
                const char *reason)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Upload *u = current_upload (run);
  GError *error = NULL;

  g_clear_object (&run->stream);
  if (!yc_attachments_set_confirmed (self->store, u->sha256, 0, &error))
    {
      fail (task, error);
      return;
    }
  for (guint i = 0; i < u->uuids->len; i++)
    {
      const char *uuid = g_ptr_array_index (u->uuids, i);
      g_autofree char *text = g_strdup_printf ("%s: %s", u->field, reason);

      if (!yc_case_store_outbox_set_aside (self->store, uuid, text, &error))
        {
          fail (task, error);
          return;
        }
      g_hash_table_add (run->dropped, g_strdup (uuid));
    }
  run->upload++;
  upload_next (task);
}

static gboolean
read_progress (YcSync       *self,
               SoupMessage  *msg,
               GBytes       *bytes,
               guint64      *received,
               gboolean     *complete,
               GError      **error)
{
  g_autoptr(JsonNode) answer = read_answer (self, msg, bytes, error);
  JsonObject *o;
  JsonNode *member;

  if (answer == NULL)
    return FALSE;
  o = json_node_get_object (answer);
  member = json_object_get_member (o, "received");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 ||
      json_node_get_int (member) < 0)
    {
      g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                   _("The central service’s answer about an attachment lacks how much it “received”"));
      return FALSE;
    }
  *received = json_node_get_int (member);
  *complete = json_object_get_boolean_member_with_default (o, "complete", FALSE);
  return TRUE;
}

/* What the service has of the current scan, in its answer to a status
 * request or to a chunk, says what comes next: the next scan once it has
 * this one whole, else the chunk at @offset. */
static void
upload_go_on (GTask    *task,
              gboolean  complete,
              guint64   offset)
{
  Run *run = g_task_get_task_data (task);

  run->conflicts = 0;
  if (complete)
    {
      run->upload++;
      upload_next (task);
      return;
    }
  run->offset = offset;
  send_chunk (task);
}

static void
on_chunk_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Upload *u = current_upload (run);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  guint64 received;
  gboolean complete;
  guint status;

  if (!(bytes = receive_finish (result, &error)))
    {
      upload_failed (task, error);
      return;
    }
  status = soup_message_get_status (run->msg);
  if (status == SOUP_STATUS_CONFLICT)
    {
      /* the service has another offset than the one we sent at: a chunk
       * acknowledged but lost on the way back, or another station
       * uploading the same scan */
      const char *offset = soup_message_headers_get_one (soup_message_get_response_headers (run->msg), "Upload-Offset");

      if (offset == NULL || ++run->conflicts > 3)
        {
          upload_failed (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                            _("The central service keeps refusing the chunks of the scan %s at offset %llu"),
                                            u->sha256, (unsigned long long) run->offset));
          return;
        }
      run->offset = MIN (g_ascii_strtoull (offset, NULL, 10), u->size);
      send_chunk (task);
      return;
    }
  if (status == SOUP_STATUS_UNPROCESSABLE_ENTITY)
    {
      g_autofree char *said = server_said (bytes);
      g_autofree char *reason = g_strdup_printf (_("The copy of the scan %s kept in this profile is damaged: "
                                                   "the central service found bytes that are not that scan and refused it (%s)"),
                                                 u->sha256, said ? said : "");

      upload_refused (task, reason);
      return;
    }
  if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE || status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE)
    {
      g_autofree char *said = server_said (bytes);

      upload_failed (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                        _("The central service refused a chunk of the scan %s (%u): %s"),
                                        u->sha256, status, said ? said : ""));
      return;
    }
  if (!read_progress (self, run->msg, bytes, &received, &complete, &error) ||
      !yc_attachments_set_confirmed (self->store, u->sha256, MIN (received, u->size), &error))
    {
      upload_failed (task, error);
      return;
    }
  if (!complete && received <= run->offset)
    {
      upload_failed (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                        _("The central service took a chunk of the scan %s but has no more of it than before"),
                                        u->sha256));
      return;
    }
  g_signal_emit (self, signals[ATTACHMENT_PROGRESS], 0, u->sha256, MIN (received, u->size), u->size);
  upload_go_on (task, complete, received);
}

static void
on_chunk_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Upload *u = current_upload (run);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *path = attachment_path (u->sha256);
  g_autofree char *range = NULL;
  GError *error = NULL;

  if (!(chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error)))
    {
      upload_failed (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_autofree char *reason = g_strdup_printf (_("The copy of the scan %s kept in this profile is shorter than the scan"),
                                                 u->sha256);
      upload_refused (task, reason);
      return;
    }
  range = g_strdup_printf ("bytes %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                           run->offset, run->offset + g_bytes_get_size (chunk) - 1, u->size);
  msg = new_message (self, "PUT", path);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Range", range);
  soup_message_set_request_body_from_bytes (msg, "application/octet-stream", chunk);
  send (task, msg, on_chunk_sent_cb);
}

static void
send_chunk (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  Upload *u = current_upload (run);
  GError *error = NULL;

  if (!g_seekable_seek (G_SEEKABLE (run->stream), run->offset, G_SEEK_SET, NULL, &error))
    {
      upload_failed (task, error);
      return;
    }
  g_input_stream_read_bytes_async (run->stream, MIN (YC_ATTACHMENT_CHUNK_SIZE, u->size - run->offset),
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task), on_chunk_read_cb, task);
}

static void
on_attachment_status_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Upload *u = current_upload (run);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  guint64 received;
  gboolean complete;

  if (!(bytes = receive_finish (result, &error)) ||
      !read_progress (self, run->msg, bytes, &received, &complete, &error))
    {
      upload_failed (task, error);
      return;
    }
  if (complete)
    {
      if (!yc_attachments_set_confirmed (self->store, u->sha256, u->size, &error))
        {
          fail (task, error);
          return;
        }
    }
  else if (!(run->stream = yc_attachments_open (self->store, u->sha256, g_task_get_cancellable (task), &error)))
    {
      upload_refused (task, error->message);
      g_error_free (error);
      return;
    }
  /* more than the scan has is not this scan: the service starts it again */
  upload_go_on (task, complete, received <= u->size ? received : 0);
}

static void send_batch (GTask *task);

static void
upload_next (GTask *task)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *path = NULL;

  g_clear_object (&run->stream);
  if (run->upload >= run->uploads->len)
    {
      send_batch (task);
      return;
    }
  path = attachment_path (current_upload (run)->sha256);
  msg = new_message (self, "GET", path);
  send (task, msg, on_attachment_status_cb);
}

/* The answer to the batch before (if any) is in, and the next batch is
 * read: the next is sent, or the last answer goes to the store, or the
 * changes come down. */
static void
push_then (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_clear_pointer (&run->uploads, g_ptr_array_unref);
  g_clear_pointer (&run->body, g_bytes_unref);
  run->batch = g_steal_pointer (&run->next);
  run->uploads = g_steal_pointer (&run->next_uploads);
  run->body = g_steal_pointer (&run->next_body);
  run->upload = 0;
  if (run->batch->len > 0)
    {
      upload_next (task);
      return;
    }
  if ((run->done != NULL && run->done->len > 0) || (run->aside != NULL && run->aside->len > 0))
    {
      run->pending = 1;
      run->then = pull_next;
      start_work (task, FALSE, 0, NULL);
      return;
    }
  pull_next (task);
}

static void
push_start (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->dropped == NULL)
    run->dropped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->then = push_then;
  run->pending = 1;
  start_work (task, TRUE, 0, NULL);
}

static void
send_batch (GTask *task)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  gint64 last = ((YcOutboxEntry *) g_ptr_array_index (run->batch, run->batch->len - 1))->id;
  guint read = run->batch->len;

  /* the events set aside on the way leave the batch: the answer has one
   * result for each event sent, in order */
  for (guint i = run->batch->len; i-- > 0;)
    if (g_hash_table_contains (run->dropped, ((YcOutboxEntry *) g_ptr_array_index (run->batch, i))->uuid))
      g_ptr_array_remove_index (run->batch, i);
  run->then = push_then;
  /* every event of the batch was set aside: the next batch */
  if (run->batch->len == 0)
    {
      run->pending = 1;
      start_work (task, TRUE, last, NULL);
      return;
    }
  if (run->batch->len < read)
    {
      g_clear_pointer (&run->body, g_bytes_unref);
      run->body = batch_body (run->batch);
    }
  msg = new_message (self, "POST", "/api/v1/events");
  soup_message_set_request_body_from_bytes (msg, "application/json", run->body);
  /* while it travels, the answer before goes to the store and the next
   * batch is read */
  run->pending = 2;
  send (task, msg, on_events_cb);
  start_work (task, TRUE, last, NULL);
}

/* The answer to the GET of a published document (the catalog, the
 * calendar): its bytes and ETag, or %NULL without an error when the
 * station's copy is current, or when the service publishes none and
 * @optional says that is fine.
 */
static GBytes *
read_published (YcSync        *self,
                SoupMessage   *msg,
                GAsyncResult  *result,
                gboolean       optional,
                const char   **etag,
                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  if (!(bytes = receive_finish (result, error)))
    return NULL;
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_NOT_MODIFIED || (optional && status == SOUP_STATUS_NOT_FOUND))
    return NULL;
  if (!(answer = read_answer (self, msg, bytes, error)))
    return NULL;
  *etag = soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag");
  return g_steal_pointer (&bytes);
}

/* A published document that does not load: the one in use stays, and the
 * station says why */
static GError *
not_loaded (YcSyncError  code,
            const char  *what,
            GError      *error)
{
  GError *wrapped = g_error_new (YC_SYNC_ERROR, code,
                                 _("The central service published %s that does not load; the previous one stays in use: %s"),
                                 what, error->message);

  g_error_free (error);
  return wrapped;
}

static void
on_catalog_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(YcCatalog) catalog = NULL;
  GError *error = NULL;
  const char *etag = NULL;

  if (!(bytes = read_published (self, run->msg, result, FALSE, &etag, &error)) && error != NULL)
    {
      fail (task, error);
      return;
    }
  if (bytes != NULL)
    {
      if (!(catalog = yc_catalog_load_document (bytes, _("the catalog published by the central service"), NULL, &error)))
        {
          fail (task, not_loaded (YC_SYNC_ERROR_CATALOG, _("a catalog"), error));
          return;
        }
      if (!yc_case_store_save_catalog (self->store, yc_catalog_get_version (catalog), etag, bytes, &error))
        {
          fail (task, error);
          return;
        }
      g_set_object (&self->catalog, catalog);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
    }
  set_status (self, TRUE, NULL);
  push_start (task);
}

static void
on_calendar_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(YcCalendar) calendar = NULL;
  GError *error = NULL;
  const char *etag = NULL;

  /* 404: a service that publishes no calendar; the station keeps its own */
  if (!(bytes = read_published (self, run->msg, result, TRUE, &etag, &error)) && error != NULL)
    {
      fail (task, error);
      return;
    }
  if (bytes != NULL)
    {
      if (!(calendar = yc_calendar_load_document (bytes, _("the calendar published by the central service"),
                                                  NULL, &error)))
        {
          fail (task, not_loaded (YC_SYNC_ERROR_CALENDAR, _("a working-day calendar"), error));
          return;
        }
      if (!yc_case_store_save_calendar (self->store, etag, bytes, &error))
        {
          fail (task, error);
          return;
        }
      g_set_object (&self->calendar, calendar);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALENDAR]);
    }
  self->failures = 0;
  set_status (self, TRUE, NULL);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
pull_calendar (GTask *task)
{
  YcSync *self = g_task_get_source_object (task);
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) cached = yc_case_store_load_calendar (self->store, &etag);
  g_autoptr(SoupMessage) msg = new_message (self, "GET", "/api/v1/calendar");

  if (cached != NULL && etag != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", etag);
  send (task, msg, on_calendar_cb);
}

/* The caller's side of a run */

/* A run reports to its caller when it ends or when its deadline passes,
 * whichever comes first: a run past its deadline is cancelled and left to
 * end on its own, so that no step of it that never ends (an answer that
 * never comes, a step that forgets to go on) keeps its caller waiting.
 * What the run left behind is safe: every write of the protocol is
 * idempotent. */
typedef struct
{
  GCancellable *cancellable;   /* the run's own */
  GCancellable *caller;        /* (nullable) cancels it */
  gulong        cancelled_id;
  GSource      *deadline;
  gboolean      reported;
} Watch;

static void
watch_stop (Watch *watch)
{
  watch->reported = TRUE;
  if (watch->cancelled_id != 0)
    g_clear_signal_handler (&watch->cancelled_id, watch->caller);
  if (watch->deadline != NULL)
    g_source_destroy (watch->deadline);
  g_clear_pointer (&watch->deadline, g_source_unref);
}

static void
watch_free (Watch *watch)
{
  watch_stop (watch);
  g_clear_object (&watch->caller);
  g_clear_object (&watch->cancellable);
  g_free (watch);
}

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Watch *watch = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && watch->reported)
    g_error_free (error);
  if (watch->reported)
    return;
  watch_stop (watch);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Watch *watch = g_task_get_task_data (task);
  GError *error = g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_UNREACHABLE,
                               _("The exchange with the central service at %s did not end within %u seconds and was stopped; what it sent is kept, the rest will be sent again"),
                               self->server, self->deadline);

  /* the task's last reference may be the source's own */
  g_object_ref (task);
  watch_stop (watch);
  g_cancellable_cancel (watch->cancellable);
  self->failures++;
  set_status (self, FALSE, error);
  g_task_return_error (task, error);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* The run itself: the catalog, then the rest (see the top of the file) */
static void
run_start (YcSync              *self,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) cached = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_task_set_source_tag (task, run_start);
  g_task_set_task_data (task, g_new0 (Run, 1), (GDestroyNotify) run_free);

  if (!ensure_session (self, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  cached = yc_case_store_load_catalog (self->store, &version, &etag);
  msg = new_message (self, "GET", "/api/v1/catalog");
  if (cached != NULL && etag != NULL && self->catalog != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", etag);
  send (task, msg, on_catalog_cb);
}

/**
 * yc_sync_run_async:
 *
 * Runs one exchange with the central service. The outbox is kept whatever
 * happens; the error says what went wrong. The run reports at the latest
 * when its deadline (#YcSync:deadline) has passed.
 */
void
yc_sync_run_async (YcSync              *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task;
  Watch *watch;

  g_return_if_fail (YC_IS_SYNC (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_sync_run_async);
  watch = g_new0 (Watch, 1);
  watch->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, watch, (GDestroyNotify) watch_free);
  if (cancellable != NULL)
    {
      watch->caller = g_object_ref (cancellable);
      watch->cancelled_id = g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                                                     watch->cancellable, G_CONNECT_SWAPPED);
      if (g_cancellable_is_cancelled (cancellable))
        g_cancellable_cancel (watch->cancellable);
    }
  watch->deadline = g_timeout_source_new_seconds (self->deadline);
  g_task_attach_source (task, watch->deadline, on_deadline_cb);
  run_start (self, watch->cancellable, on_run_done_cb, task);
}

gboolean
yc_sync_run_finish (YcSync        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (YC_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * yc_sync_load_cached_catalog:
 *
 * Loads the catalog kept from the last good download, so the clerk can work
 * before, or without, any network.
 */
gboolean
yc_sync_load_cached_catalog (YcSync  *self,
                             GError **error)
{
  g_autoptr(GBytes) cached = NULL;
  g_autoptr(YcCatalog) catalog = NULL;

  g_return_val_if_fail (YC_IS_SYNC (self), FALSE);

  if (!(cached = yc_case_store_load_catalog (self->store, NULL, NULL)))
    {
      g_set_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_CATALOG,
                   _("No catalog has been downloaded yet"));
      return FALSE;
    }
  if (!(catalog = yc_catalog_load_document (cached, _("the stored catalog"), NULL, error)))
    return FALSE;
  g_set_object (&self->catalog, catalog);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
  return TRUE;
}

/* Enrollment */

typedef struct
{
  char *server;
  char *ca_file;
  char *station;
  char *clerk;
} Enroll;

static void
enroll_free (Enroll *e)
{
  g_free (e->server);
  g_free (e->ca_file);
  g_free (e->station);
  g_free (e->clerk);
  g_free (e);
}

static void
on_enroll_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_object_get_data (G_OBJECT (task), "run");
  Enroll *e = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) answer = NULL;
  GError *error = NULL;
  const char *token, *clerk_no, *station_name;
  JsonObject *o;

  if (!(bytes = receive_finish (result, &error)) ||
      !(answer = read_answer (self, run->msg, bytes, &error)))
    {
      g_clear_object (&self->session);
      fail (task, error);
      return;
    }
  o = json_node_get_object (answer);
  token = yc_json_get_string (o, "token");
  clerk_no = yc_json_get_string (o, "clerk_no");
  station_name = (yc_json_get_string (o, "station_name") ?: "");
  if (token == NULL || clerk_no == NULL)
    {
      g_clear_object (&self->session);
      fail (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                               _("The central service’s enrollment answer lacks a token or a clerk number")));
      return;
    }
  if (!yc_case_store_set_meta (self->store, "server-url", e->server, &error) ||
      !yc_case_store_set_meta (self->store, "ca-file", e->ca_file, &error) ||
      !yc_case_store_set_meta (self->store, "station", e->station, &error) ||
      !yc_case_store_set_meta (self->store, "station-name", station_name, &error) ||
      !yc_case_store_set_meta (self->store, "clerk", e->clerk, &error) ||
      !yc_case_store_set_meta (self->store, "clerk-no", clerk_no, &error) ||
      !yc_case_store_set_meta (self->store, "token", token, &error) ||
      !yc_case_store_audit (self->store, "enrolled", NULL, e->server, &error))
    {
      fail (task, error);
      return;
    }
  g_clear_object (&self->session);
  set_status (self, TRUE, NULL);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/**
 * yc_sync_enroll_async:
 * @ca_file: the PEM file of the central service's certificate authority,
 *   handed to the station by its operator
 * @enroll_code: the one-time code the operator made for the station
 *
 * Enrolls this profile's clerk with the central service; the token it
 * answers with is kept in the profile and used for every request after.
 */
void
yc_sync_enroll_async (YcSync              *self,
                      const char          *server_url,
                      const char          *ca_file,
                      const char          *station,
                      const char          *enroll_code,
                      const char          *clerk,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Enroll *e;
  GError *error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *o;
  Run *run;

  g_return_if_fail (YC_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_sync_enroll_async);
  e = g_new0 (Enroll, 1);
  e->server = g_strdup (server_url);
  /* a trailing slash would make every path start with two */
  while (e->server[0] && g_str_has_suffix (e->server, "/"))
    e->server[strlen (e->server) - 1] = '\0';
  e->ca_file = g_canonicalize_filename (ca_file, NULL);
  e->station = g_strdup (station);
  e->clerk = g_strdup (clerk);
  g_task_set_task_data (task, e, (GDestroyNotify) enroll_free);
  run = g_new0 (Run, 1);
  g_object_set_data_full (G_OBJECT (task), "run", run, (GDestroyNotify) run_free);

  if (!(database = g_tls_file_database_new (e->ca_file, &error)))
    {
      g_prefix_error (&error, _("Cannot read the certificate authority %s: "), e->ca_file);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_clear_object (&self->session);
  g_free (self->server);
  self->server = g_strdup (e->server);
  g_clear_pointer (&self->token, g_free);
  self->session = soup_session_new_with_options ("tls-database", database, "timeout", self->timeout, NULL);

  o = json_object_new ();
  json_object_set_string_member (o, "station", station);
  json_object_set_string_member (o, "code", enroll_code);
  json_object_set_string_member (o, "clerk", clerk);
  body = json_node_init_object (json_node_alloc (), o);
  json_object_unref (o);
  if (!(msg = new_message (self, "POST", "/api/v1/enroll")))
    {
      g_task_return_new_error (task, YC_SYNC_ERROR, YC_SYNC_ERROR_UNREACHABLE,
                               _("“%s” is not an address of a central service"), server_url);
      g_object_unref (task);
      return;
    }
  set_body (msg, body);
  g_set_object (&run->msg, msg);
  receive_async (self, msg, cancellable, on_enroll_cb, task);
}

gboolean
yc_sync_enroll_finish (YcSync        *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (YC_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * yc_sync_next_delay:
 * @failures: how many runs in a row have failed
 *
 * Exponential back-off with full jitter, capped at 15 minutes, so that a
 * hall's stations coming back after an outage do not all call at once.
 *
 * Returns: seconds to wait before the next run
 */
guint
yc_sync_next_delay (guint failures,
                    guint base_seconds)
{
  guint64 ceiling = base_seconds;

  if (failures == 0)
    return base_seconds;
  for (guint i = 0; i < failures && ceiling < 900; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, 900);
  return (guint) g_random_int_range (base_seconds, (gint32) ceiling + 1);
}

YcSync *
yc_sync_new (YcCaseStore *store)
{
  YcSync *self;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);

  self = g_object_new (YC_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  return self;
}

YcCatalog *
yc_sync_get_catalog (YcSync *self)
{
  g_return_val_if_fail (YC_IS_SYNC (self), NULL);
  return self->catalog;
}

/**
 * yc_sync_get_calendar:
 *
 * The working-day calendar last downloaded, or the one built into the
 * program while none has been.
 *
 * Returns: (transfer none): the calendar
 */
YcCalendar *
yc_sync_get_calendar (YcSync *self)
{
  g_return_val_if_fail (YC_IS_SYNC (self), NULL);

  if (self->calendar == NULL)
    {
      g_autoptr(GBytes) cached = yc_case_store_load_calendar (self->store, NULL);
      g_autoptr(GError) error = NULL;

      /* it loaded when it was kept; a newer program may refuse it */
      if (cached != NULL &&
          !(self->calendar = yc_calendar_load_document (cached, _("the stored calendar"), NULL, &error)))
        g_message ("The stored calendar does not load, using the built-in one: %s", error->message);
      if (self->calendar == NULL)
        self->calendar = yc_calendar_new_builtin ();
    }
  return self->calendar;
}

gboolean
yc_sync_get_online (YcSync *self)
{
  g_return_val_if_fail (YC_IS_SYNC (self), FALSE);
  return self->online;
}

const char *
yc_sync_get_last_error (YcSync *self)
{
  g_return_val_if_fail (YC_IS_SYNC (self), NULL);
  return self->last_error;
}

guint
yc_sync_get_timeout (YcSync *self)
{
  g_return_val_if_fail (YC_IS_SYNC (self), 0);
  return self->timeout;
}

/**
 * yc_sync_set_timeout:
 * @seconds: how long a connection, or an answer, may keep the station
 *   waiting before the request is given up
 */
void
yc_sync_set_timeout (YcSync *self,
                     guint   seconds)
{
  g_return_if_fail (YC_IS_SYNC (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  if (self->session != NULL)
    g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * yc_sync_get_failures:
 *
 * Returns: how many runs in a row have failed, 0 after a good one; what
 *   yc_sync_next_delay() backs off by
 */
guint
yc_sync_get_failures (YcSync *self)
{
  g_return_val_if_fail (YC_IS_SYNC (self), 0);
  return self->failures;
}

gboolean
yc_sync_is_enrolled (YcSync *self)
{
  g_autofree char *token = NULL;

  g_return_val_if_fail (YC_IS_SYNC (self), FALSE);

  token = yc_case_store_get_meta (self->store, "token");
  return token != NULL;
}

static void
yc_sync_dispose (GObject *object)
{
  YcSync *self = (YcSync *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->catalog);
  g_clear_object (&self->worker);
  g_clear_object (&self->calendar);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (yc_sync_parent_class)->dispose (object);
}

static void
yc_sync_finalize (GObject *object)
{
  YcSync *self = (YcSync *)object;

  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_mutex_clear (&self->worker_lock);

  G_OBJECT_CLASS (yc_sync_parent_class)->finalize (object);
}

static void
yc_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  YcSync *self = YC_SYNC (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_CALENDAR:
      g_value_set_object (value, yc_sync_get_calendar (self));
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_sync_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  YcSync *self = YC_SYNC (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      yc_sync_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_DEADLINE:
      self->deadline = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_sync_class_init (YcSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yc_sync_dispose;
  object_class->finalize = yc_sync_finalize;
  object_class->get_property = yc_sync_get_property;
  object_class->set_property = yc_sync_set_property;

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, YC_TYPE_CATALOG,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALENDAR] =
    g_param_spec_object ("calendar", NULL, NULL, YC_TYPE_CALENDAR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * YcSync:deadline:
   *
   * Seconds a whole run may take before it is stopped and counted as a
   * failed one; it applies from the next run on.
   */
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 1, G_MAXUINT / 1000, DEFAULT_DEADLINE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YcSync::attachment-progress:
   * @sha256: the scan
   * @received: how many of its bytes the central service has confirmed
   * @size: its size
   *
   * A chunk of a scan reached the central service.
   */
  signals[ATTACHMENT_PROGRESS] =
    g_signal_new ("attachment-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
yc_sync_init (YcSync *self)
{
  g_mutex_init (&self->worker_lock);
  self->timeout = DEFAULT_TIMEOUT;
  self->deadline = DEFAULT_DEADLINE;
}

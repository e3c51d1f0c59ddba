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
 * This file holds the object, the run and its deadline, the store's work
 * and the changes down; yc-sync-private.h says where the rest is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-db.h"
#include "yc-sync-private.h"

#define PAGE_SIZE    500
/* seconds a connection, or an answer, may keep the station waiting */
#define DEFAULT_TIMEOUT 30
/* seconds a whole run may take: far more than a day's events need, and
 * what a run cut short has sent stays sent */
#define DEFAULT_DEADLINE 300

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

void
_yc_sync_set_status (YcSync       *self,
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

void
_yc_sync_attachment_progress (YcSync     *self,
                              const char *sha256,
                              guint64     received,
                              guint64     size)
{
  g_signal_emit (self, signals[ATTACHMENT_PROGRESS], 0, sha256, received, size);
}

/* A sync run */

void
_yc_sync_run_free (Run *run)
{
  g_clear_object (&run->msg);
  g_clear_pointer (&run->batch, g_ptr_array_unref);
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
  g_clear_error (&run->held);
  g_free (run);
}

void
_yc_sync_fail (GTask  *task,
               GError *error)
{
  YcSync *self = g_task_get_source_object (task);

  error = _yc_sync_translate_error (self, error);
  /* a run called off, by its caller or its deadline, says nothing about
   * the service */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->failures++;
      /* the station's own disk failing says nothing about the line */
      _yc_sync_set_status (self,
                           (error->domain == YC_SYNC_ERROR && error->code != YC_SYNC_ERROR_UNREACHABLE &&
                            error->code != YC_SYNC_ERROR_CERTIFICATE) || error->domain == YC_DB_ERROR,
                           error);
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

void
_yc_sync_send (GTask               *task,
               SoupMessage         *msg,
               GAsyncReadyCallback  callback)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_set_object (&run->msg, msg);
  _yc_sync_receive_async (self, msg, g_task_get_cancellable (task), callback, task);
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
          !(w->uploads = _yc_sync_plan_uploads (worker, w->batch, error)))
        return FALSE;
      w->body = _yc_sync_batch_body (w->batch);
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
void
_yc_sync_join (GTask  *task,
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
      _yc_sync_fail (task, g_steal_pointer (&run->error));
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
      _yc_sync_join (task, error);
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
  _yc_sync_join (task, NULL);
}

/* Starts the store's work in a thread; @changes: (transfer full) */
void
_yc_sync_start_work (GTask    *task,
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
  g_task_set_source_tag (work_task, _yc_sync_start_work);
  g_task_set_task_data (work_task, w, (GDestroyNotify) work_free);
  g_task_run_in_thread (work_task, work_in_thread);
}

/* Changes down */

static void
pull_then (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->more && ++run->pages < 10000)
    _yc_sync_pull_changes (task);
  else
    _yc_sync_pull_published (task, YC_SYNC_CALENDAR);
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

  if (!(bytes = _yc_sync_receive_finish (result, &error)) ||
      !(answer = _yc_sync_read_answer (self, run->msg, bytes, &error)))
    {
      _yc_sync_fail (task, error);
      return;
    }
  o = json_node_get_object (answer);
  events = yc_json_get_array (o, "events");
  cursor = yc_json_get_string (o, "cursor");
  if (events == NULL || cursor == NULL)
    {
      _yc_sync_fail (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                        _("The central service’s change feed lacks “events” or “cursor”")));
      return;
    }
  for (guint i = 0; i < json_array_get_length (events); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (events, i)))
      {
        _yc_sync_fail (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                          _("The central service’s change feed holds something that is not an event")));
        return;
      }
  more_node = json_object_get_member (o, "more");
  more = more_node != NULL && JSON_NODE_HOLDS_VALUE (more_node) &&
         json_node_get_value_type (more_node) == G_TYPE_BOOLEAN && json_node_get_boolean (more_node);
  previous = yc_case_store_get_meta (self->store, "changes-cursor");
  if (more && g_strcmp0 (previous ? previous : "0", cursor) == 0)
    {
      _yc_sync_fail (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                        _("The central service’s change feed says there is more after cursor %s, but does not move on from it"),
                                        cursor));
      return;
    }
  /* the page goes to the store in the thread, with its cursor in one
   * transaction (yc_case_store_apply_changes) */
  run->more = more;
  run->pending = 1;
  run->then = pull_then;
  _yc_sync_start_work (task, FALSE, 0, g_steal_pointer (&answer));
}

void
_yc_sync_pull_changes (GTask *task)
{
  YcSync *self = g_task_get_source_object (task);
  g_autofree char *cursor = yc_case_store_get_meta (self->store, "changes-cursor");
  g_autofree char *escaped = g_uri_escape_string (cursor ? cursor : "0", NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?after=%s&limit=%d", escaped, PAGE_SIZE);
  g_autoptr(SoupMessage) msg = _yc_sync_new_message (self, "GET", path);

  _yc_sync_send (task, msg, on_changes_cb);
}

/* Everything came down: the run went well, but for a catalog that failed
 * to come down first. That says nothing about the line, and the run's
 * events went up all the same, so the next run is not put off for it. */
void
_yc_sync_run_succeeded (GTask *task)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  self->failures = 0;
  if (run->held != NULL)
    {
      _yc_sync_set_status (self, TRUE, run->held);
      g_task_return_error (task, g_steal_pointer (&run->held));
    }
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
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
  _yc_sync_set_status (self, FALSE, error);
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

  g_task_set_source_tag (task, run_start);
  g_task_set_task_data (task, g_new0 (Run, 1), (GDestroyNotify) _yc_sync_run_free);

  if (!_yc_sync_ensure_session (self, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  _yc_sync_pull_published (task, YC_SYNC_CATALOG);
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
 * yc_sync_next_delay:
 * @failures: how many runs in a row have failed
 *
 * Exponential back-off with full jitter, capped at 15 minutes (or at
 * @base_seconds, when that is longer), so that a hall's stations coming
 * back after an outage do not all call at once.
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
  ceiling = MIN (ceiling, MAX (base_seconds, 900));
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


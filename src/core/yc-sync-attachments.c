/* yc-sync-attachments.c: the scans up
 *
 * The service refuses an intake that holds a scan it does not have whole,
 * so a batch's scans go first. Each is asked for first (the service may
 * have it from another case, or part of it from a run that was cut off),
 * then sent in chunks from where the service is. A scan whose bytes the
 * service finds are not its SHA-256 can never be sent: its events are set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-attachments.h"
#include "yc-sync-private.h"

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

static void send_chunk (GTask *task);

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

static void
plan_upload (GPtrArray    *uploads,
             GHashTable   *seen,
             YcAttachment *a,
             const char   *uuid)
{
  Upload *u;

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
  g_ptr_array_add (u->uuids, g_strdup (uuid));
}

/* The scans the batch's intakes hold: those the profile recorded for the
 * case's fields, and that the event's form still names; and the PDF of
 * each document issued (yc_document_issue), kept the same way. */
GPtrArray *
_yc_sync_plan_uploads (YcCaseStore  *store,
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

      if (g_strcmp0 (yc_json_get_string (entry->event, "type"), YC_EVENT_DOCUMENT) == 0)
        {
          const char *sha256 = yc_json_get_string (yc_json_get_object (entry->event, "data"), "sha256");
          g_autoptr(YcAttachment) a = NULL;
          g_autoptr(GError) missing = NULL;

          /* a document whose PDF is gone still goes up: its content says it all */
          if (!yc_attachment_is_sha256 (sha256) || !(a = yc_attachments_lookup (store, sha256, &missing)))
            continue;
          g_free (a->field);
          a->field = g_strconcat ("document:", sha256, NULL);
          plan_upload (uploads, seen, a, entry->uuid);
          continue;
        }
      if (values == NULL || g_strcmp0 (yc_json_get_string (entry->event, "type"), YC_EVENT_INTAKE) != 0 ||
          !names_a_scan (values))
        continue;
      if (!(held = yc_attachments_list_case (store, entry->case_id, error)))
        return NULL;
      for (guint j = 0; j < held->len; j++)
        {
          YcAttachment *a = g_ptr_array_index (held, j);

          if (g_strcmp0 (yc_json_get_string (values, a->field), a->sha256) != 0)
            continue;
          plan_upload (uploads, seen, a, entry->uuid);
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
  _yc_sync_fail (task, error);
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
      _yc_sync_fail (task, error);
      return;
    }
  for (guint i = 0; i < u->uuids->len; i++)
    {
      const char *uuid = g_ptr_array_index (u->uuids, i);
      g_autofree char *text = g_strdup_printf ("%s: %s", u->field, reason);

      if (!yc_case_store_outbox_set_aside (self->store, uuid, text, &error))
        {
          _yc_sync_fail (task, error);
          return;
        }
      g_hash_table_add (run->dropped, g_strdup (uuid));
    }
  run->upload++;
  _yc_sync_upload_next (task);
}

static gboolean
read_progress (YcSync       *self,
               SoupMessage  *msg,
               GBytes       *bytes,
               guint64      *received,
               gboolean     *complete,
               GError      **error)
{
  g_autoptr(JsonNode) answer = _yc_sync_read_answer (self, msg, bytes, error);
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
      _yc_sync_upload_next (task);
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

  if (!(bytes = _yc_sync_receive_finish (result, &error)))
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
      g_autofree char *said = _yc_sync_server_said (bytes);
      g_autofree char *reason = g_strdup_printf (_("The copy of the scan %s kept in this profile is damaged: "
                                                   "the central service found bytes that are not that scan and refused it (%s)"),
                                                 u->sha256, said ? said : "");

      upload_refused (task, reason);
      return;
    }
  if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE || status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE)
    {
      g_autofree char *said = _yc_sync_server_said (bytes);

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
  _yc_sync_attachment_progress (self, u->sha256, MIN (received, u->size), u->size);
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
  msg = _yc_sync_new_message (self, "PUT", path);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Range", range);
  soup_message_set_request_body_from_bytes (msg, "application/octet-stream", chunk);
  _yc_sync_send (task, msg, on_chunk_sent_cb);
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

  if (!(bytes = _yc_sync_receive_finish (result, &error)) ||
      !read_progress (self, run->msg, bytes, &received, &complete, &error))
    {
      upload_failed (task, error);
      return;
    }
  if (complete)
    {
      if (!yc_attachments_set_confirmed (self->store, u->sha256, u->size, &error))
        {
          _yc_sync_fail (task, error);
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

void
_yc_sync_upload_next (GTask *task)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *path = NULL;

  g_clear_object (&run->stream);
  if (run->upload >= run->uploads->len)
    {
      _yc_sync_send_batch (task);
      return;
    }
  path = attachment_path (current_upload (run)->sha256);
  msg = _yc_sync_new_message (self, "GET", path);
  _yc_sync_send (task, msg, on_attachment_status_cb);
}

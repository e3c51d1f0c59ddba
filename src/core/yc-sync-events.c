/* yc-sync-events.c: the outbox up
 *
 * The outbox goes up in batches of BATCH_SIZE, in order, each batch's
 * scans before its events (yc-sync-attachments.c). While a batch travels,
 * the answer to the one before goes to the store and the next is read, in
 * a thread (_yc_sync_start_work()). The service answers one result per
 * event, in order; an answer that says anything else is trusted with no
 * event of the batch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-refusal.h"
#include "yc-sync-private.h"

/* The request for a batch */
GBytes *
_yc_sync_batch_body (GPtrArray *batch)
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

/* The field a refusal names, as the clerk knows it: its label on the
 * event's form, when the catalog has the form, else its key */
static char *
field_name (YcSync     *self,
            JsonObject *event,
            const char *field)
{
  JsonObject *saved = yc_json_get_object (yc_json_get_object (event, "data"), "form");
  const char *code = saved ? yc_json_get_string (saved, "code") : NULL;
  g_autoptr(YcForm) form = NULL;
  const YcFormField *f;
  GPtrArray *questions;

  if (field == NULL || code == NULL || self->catalog == NULL ||
      !(form = yc_form_new (self->catalog, code, NULL)))
    return g_strdup (field);
  if ((f = yc_form_lookup_field (form, field)))
    return g_strdup (f->label);
  if (g_str_has_prefix (field, "materials.") && yc_form_lookup_material (form, field + strlen ("materials.")))
    return g_strdup (yc_form_lookup_material (form, field + strlen ("materials."))->name);
  questions = yc_form_get_questions (form);
  for (guint i = 0; g_str_has_prefix (field, "answers.") && i < questions->len; i++)
    if (g_str_equal (((YcFormQuestion *) g_ptr_array_index (questions, i))->id, field + strlen ("answers.")))
      return g_strdup (((YcFormQuestion *) g_ptr_array_index (questions, i))->text);
  return g_strdup (field);
}

/* Why the service refused an event, in the clerk's language: the
 * service's reason when it is in the language of the clerk's window (it
 * names the field by its label and says the particulars); otherwise the
 * station's own words for the service's refusal code, naming the field,
 * then the service's reason; the service's reason alone for a code the
 * station does not know (yc-refusal.c) */
static char *
refusal_reason (YcSync     *self,
                JsonObject *result,
                JsonObject *event)
{
  const char *refusal = yc_json_get_string (result, "refusal");
  const char *reason = yc_json_get_string (result, "reason");
  g_autofree char *language = yc_refusal_get_language ();
  g_autofree char *field = NULL;
  g_autofree char *words = NULL;

  if (!yc_refusal_is_known (refusal) ||
      (reason != NULL && reason[0] != '\0' &&
       g_ascii_strcasecmp (yc_json_get_string (result, "language") ?: "", language) == 0))
    return g_strdup (reason ? reason : "");
  field = field_name (self, event, yc_json_get_string (result, "field"));
  /* the service's particulars name the field by its label already */
  if (field != NULL && g_strcmp0 (field, yc_json_get_string (result, "field")) != 0 &&
      reason != NULL && strstr (reason, field) != NULL)
    g_clear_pointer (&field, g_free);
  words = yc_refusal_describe (refusal, field, reason);
  if (reason == NULL || reason[0] == '\0')
    return g_steal_pointer (&words);
  /* TRANSLATORS: the station's words for a refusal of the central
   * service, then the service's own, in another language */
  return g_strdup_printf (_("%s — %s"), words, reason);
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

  if (!(bytes = _yc_sync_receive_finish (result, &error)) ||
      !(answer = _yc_sync_read_answer (self, run->msg, bytes, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        for (guint i = 0; run->batch && i < run->batch->len; i++)
          yc_case_store_outbox_failed (self->store, ((YcOutboxEntry *) g_ptr_array_index (run->batch, i))->uuid,
                                       error->message, NULL);
      _yc_sync_join (task, error);
      return;
    }
  results = yc_json_get_array (json_node_get_object (answer), "results");
  if (results == NULL)
    {
      _yc_sync_join (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
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
          _yc_sync_join (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
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
          /* the reason names the field by its label; the key is not for
           * the clerk */
          g_ptr_array_add (run->aside, g_strdup (uuid));
          g_ptr_array_add (run->aside, refusal_reason (self, r, ((YcOutboxEntry *) g_ptr_array_index (run->batch, i))->event));
        }
      else
        g_ptr_array_add (run->done, g_strdup (uuid));
    }
  /* the service stopped part-way: what it took is taken (see _yc_sync_join()), the
   * rest waits for the next run rather than being pressed on it again at
   * once */
  if (n_results < run->batch->len)
    {
      _yc_sync_join (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_SERVER,
                                        _("The central service took %u of %u events and stopped; the rest are kept and will be sent again"),
                                        n_results, run->batch->len));
      return;
    }
  _yc_sync_join (task, NULL);
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
      _yc_sync_upload_next (task);
      return;
    }
  if ((run->done != NULL && run->done->len > 0) || (run->aside != NULL && run->aside->len > 0))
    {
      run->pending = 1;
      run->then = _yc_sync_pull_changes;
      _yc_sync_start_work (task, FALSE, 0, NULL);
      return;
    }
  _yc_sync_pull_changes (task);
}

void
_yc_sync_push (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->dropped == NULL)
    run->dropped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->then = push_then;
  run->pending = 1;
  _yc_sync_start_work (task, TRUE, 0, NULL);
}

void
_yc_sync_send_batch (GTask *task)
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
      _yc_sync_start_work (task, TRUE, last, NULL);
      return;
    }
  if (run->batch->len < read)
    {
      g_clear_pointer (&run->body, g_bytes_unref);
      run->body = _yc_sync_batch_body (run->batch);
    }
  msg = _yc_sync_new_message (self, "POST", "/api/v1/events");
  soup_message_set_request_body_from_bytes (msg, "application/json", run->body);
  /* while it travels, the answer before goes to the store and the next
   * batch is read */
  run->pending = 2;
  _yc_sync_send (task, msg, on_events_cb);
  _yc_sync_start_work (task, TRUE, last, NULL);
}

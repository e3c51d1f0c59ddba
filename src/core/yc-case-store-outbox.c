/* yc-case-store-outbox.c: the events made here that the central service
 * does not have yet
 *
 * Sent in the order they were made; one the service refused for good is
 * set aside, with its reason on its case, and no longer blocks the queue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-event.h"

void
yc_outbox_entry_free (YcOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->uuid);
  g_free (entry->case_id);
  g_clear_pointer (&entry->event, json_object_unref);
  g_free (entry);
}

/**
 * yc_case_store_outbox_peek:
 *
 * Returns: (transfer full) (element-type YcOutboxEntry): the oldest events
 *   still to send, in the order they were made, without those set aside
 */
GPtrArray *
yc_case_store_outbox_peek (YcCaseStore  *self,
                           guint         limit,
                           GError      **error)
{
  return yc_case_store_outbox_peek_after (self, 0, limit, error);
}

/**
 * yc_case_store_outbox_peek_after:
 * @after: an outbox id (#YcOutboxEntry.id): only those queued after it
 *
 * The next batch while the one before is still on its way.
 *
 * Returns: (transfer full) (element-type YcOutboxEntry): as
 *   yc_case_store_outbox_peek() does
 */
GPtrArray *
yc_case_store_outbox_peek_after (YcCaseStore  *self,
                                 gint64        after,
                                 guint         limit,
                                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_outbox_entry_free);

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db,
                        "SELECT o.id, o.uuid, e.case_id, e.data, o.attempts FROM outbox o"
                        " JOIN events e ON e.uuid = o.uuid WHERE o.set_aside = 0 AND o.id > ? ORDER BY o.id LIMIT ?",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int (stmt, 2, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YcOutboxEntry *entry = g_new0 (YcOutboxEntry, 1);
      g_autoptr(JsonNode) node = yc_json_from_string ((const char *) sqlite3_column_text (stmt, 3), NULL);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->uuid = yc_db_column_text (stmt, 1);
      entry->case_id = yc_db_column_text (stmt, 2);
      entry->event = node && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node))
                                                           : json_object_new ();
      entry->attempts = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

/**
 * yc_case_store_outbox_count:
 * @oldest: (out) (optional) (transfer full) (nullable): when the oldest
 *   waiting event was queued
 *
 * Returns: how many events wait to be sent
 */
guint
yc_case_store_outbox_count (YcCaseStore  *self,
                            GDateTime   **oldest)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint count = 0;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), 0);

  if (oldest)
    *oldest = NULL;
  stmt = yc_db_prepare (self->db, "SELECT COUNT (*), MIN (queued) FROM outbox WHERE set_aside = 0", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      count = sqlite3_column_int (stmt, 0);
      if (oldest && sqlite3_column_text (stmt, 1))
        *oldest = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), NULL);
    }
  return count;
}

/**
 * yc_case_store_outbox_cases:
 *
 * Returns: (transfer full) (element-type YcCase): the cases with events
 *   waiting to be sent, without those set aside, the one waiting longest
 *   first
 */
GPtrArray *
yc_case_store_outbox_cases (YcCaseStore  *self,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db,
                        "SELECT " YC_CASE_COLUMNS " FROM cases JOIN"
                        " (SELECT e.case_id, MIN (o.id) AS first FROM outbox o JOIN events e ON e.uuid = o.uuid"
                        "  WHERE o.set_aside = 0 GROUP BY e.case_id) w ON w.case_id = cases.id"
                        " ORDER BY w.first",
                        error);
  if (stmt == NULL)
    return NULL;
  return _yc_case_store_read_cases (self, stmt, error);
}

gboolean
yc_case_store_outbox_done (YcCaseStore  *self,
                           const char   *uuid,
                           GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (!yc_db_run (self->db, error, "DELETE FROM outbox WHERE uuid = ?", uuid))
    return FALSE;
  _yc_case_store_emit_outbox (self);
  return TRUE;
}

/**
 * yc_case_store_outbox_done_many:
 * @uuids: (element-type utf8): events the central service has
 *
 * Takes a whole batch's events out of the outbox in one transaction.
 */
gboolean
yc_case_store_outbox_done_many (YcCaseStore  *self,
                                GPtrArray    *uuids,
                                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (uuids->len == 0)
    return TRUE;
  if (!yc_db_begin (self->db, error))
    return FALSE;
  if (!(stmt = yc_db_prepare (self->db, "DELETE FROM outbox WHERE uuid = ?", error)))
    goto failed;
  for (guint i = 0; i < uuids->len; i++)
    {
      sqlite3_reset (stmt);
      yc_db_bind_text (stmt, 1, g_ptr_array_index (uuids, i));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          yc_db_fail (self->db, error);
          goto failed;
        }
    }
  if (!yc_db_commit (self->db, error))
    goto failed;
  _yc_case_store_emit_outbox (self);
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

gboolean
yc_case_store_outbox_failed (YcCaseStore  *self,
                             const char   *uuid,
                             const char   *reason,
                             GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  return yc_db_run (self->db, error, "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE uuid = ?",
              reason, uuid);
}

/**
 * yc_case_store_outbox_set_aside:
 *
 * The central service refused the event for good. It is kept, with the
 * service's reason shown on its case, and no longer blocks the events
 * queued behind it. A refused first intake sets its case aside; a refused
 * later round leaves it waiting for 补正, and a refused step after the
 * decision (yc-case-log.c) leaves it in its state.
 */
gboolean
yc_case_store_outbox_set_aside (YcCaseStore  *self,
                                const char   *uuid,
                                const char   *reason,
                                GError      **error)
{
  g_autofree char *at = yc_now_iso8601 ();
  g_autofree char *case_id = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  case_id = yc_db_query_text (self->db, "SELECT case_id FROM events WHERE uuid = ?", uuid);
  if (!yc_db_run (self->db, error, "UPDATE outbox SET set_aside = 1, last_error = ? WHERE uuid = ?", reason, uuid) ||
      /* a refused step after the decision leaves the case where it stands,
       * with the service's reason: only a refused first intake was never
       * taken; a refused later round leaves the case waiting for 补正, as
       * it was when the clerk decided again */
      !yc_db_run (self->db, error,
            "UPDATE cases SET state = (SELECT CASE WHEN type <> 'intake' THEN cases.state"
            "   WHEN COALESCE (json_extract (data, '$.data.round'), 1) > 1 THEN 'notified'"
            "   ELSE 'set-aside' END FROM events WHERE uuid = ?3),"
            " problem = ?1, updated = ?2"
            " WHERE id = (SELECT case_id FROM events WHERE uuid = ?3)", reason, at, uuid) ||
      !_yc_case_store_touch_search (self, case_id, at, error) ||
      !yc_db_commit (self->db, error))
    {
      yc_db_rollback (self->db);
      return FALSE;
    }
  if (case_id != NULL)
    _yc_case_store_emit_case_changed (self, case_id);
  _yc_case_store_emit_outbox (self);
  return TRUE;
}

/* yc-case-store-remote.c: the central service's events folded into the
 * station's cases
 *
 * What the service and the back office did (registered, routed, decided,
 * result ready) arrives as events of the change feed; each is logged once,
 * by its UUID, and moves its case's row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-event.h"

/* A bundle's `registered` event names its sub-cases, one per member and
 * department: they become cases of this station too, so that what each
 * department decides shows on its own line. */
static gboolean
add_sub_cases (YcCaseStore  *self,
               const char   *parent,
               JsonArray    *sub_cases,
               const char   *at,
               GError      **error)
{
  for (guint i = 0; i < json_array_get_length (sub_cases); i++)
    {
      JsonNode *node = json_array_get_element (sub_cases, i);
      JsonObject *sub = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (sub == NULL || !yc_json_get_string (sub, "case") || !yc_json_get_string (sub, "code"))
        continue;
      if (!yc_db_run (self->db, error,
                      "INSERT OR IGNORE INTO cases (id, code, name, version, state, official_no, applicant, created, updated,"
                      "  clerk, helper, promised_by, decided)"
                      " SELECT ?1, ?2, COALESCE (?3, name), version, 'registered', ?4, applicant, ?5, ?5,"
                      "  clerk, helper, promised_by, decided"
                      " FROM cases WHERE id = ?6",
                      yc_json_get_string (sub, "case"), yc_json_get_string (sub, "code"),
                      yc_json_get_string (sub, "name"), yc_json_get_string (sub, "official_no"), at, parent))
        return FALSE;
      /* found by its own number and the applicant's name, as its parent */
      if (sqlite3_changes (self->db) > 0 &&
          !_yc_case_store_index_case (self, yc_json_get_string (sub, "case"), NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The state a remote event of @type brings a case to. A case the window
 * only told what is missing (一次性告知) or refused (不予受理) is numbered and
 * kept by the service, but was never taken in: registering it does not make
 * it 已受理.
 */
static const char *
window_outcome (YcCaseStore *self,
                const char  *case_id,
                const char  *type)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *decision;

  if (!g_str_equal (type, YC_EVENT_REGISTERED) ||
      !(stmt = yc_db_prepare (self->db, "SELECT json_extract (data, '$.data.decision') FROM events"
                                        " WHERE case_id = ? AND type = 'intake'", NULL)))
    return type;
  yc_db_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || !(decision = (const char *) sqlite3_column_text (stmt, 0)))
    return type;
  if (g_str_equal (decision, "notify"))
    return yc_case_state_to_string (YC_CASE_STATE_NOTIFIED);
  if (g_str_equal (decision, "reject"))
    return yc_case_state_to_string (YC_CASE_STATE_REFUSED);
  return type;
}

/* Logs one remote event and folds it into its case's row, inside the
 * caller's transaction; adds the case to @changed if anything changed. */
static gboolean
apply_one (YcCaseStore  *self,
           JsonObject   *event,
           const char   *at,
           GHashTable   *changed,
           GError      **error)
{
  const char *case_id = yc_json_get_string (event, "case");
  const char *type = yc_json_get_string (event, "type");
  JsonObject *data = yc_json_get_object (event, "data");
  g_autofree char *official_key = _yc_case_store_search_key (data ? yc_json_get_string (data, "official_no") : NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* the service's word is checked like anything else from outside: what
   * is stored below is read as text */
  if (case_id == NULL || type == NULL || yc_json_get_string (event, "uuid") == NULL ||
      yc_json_get_string (event, "at") == NULL)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("The central service sent an event without case, type, uuid or time"));
      return FALSE;
    }
  /* a case of another station or profile is none of ours */
  if (!(stmt = yc_db_prepare (self->db, "SELECT 1 FROM cases WHERE id = ?", error)))
    return FALSE;
  yc_db_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  if (!_yc_case_store_insert_event (self, event, "remote", error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return TRUE;

  if (official_key != NULL &&
      (!yc_db_run (self->db, error, "UPDATE cases SET official_no = ? WHERE id = ?",
                   yc_json_get_string (data, "official_no"), case_id) ||
       !yc_db_run (self->db, error, "INSERT OR IGNORE INTO case_search (key, case_id, updated) VALUES (?, ?, ?)",
                   official_key, case_id, at)))
    return FALSE;
  if (data != NULL && yc_json_get_array (data, "sub_cases") != NULL &&
      !add_sub_cases (self, case_id, yc_json_get_array (data, "sub_cases"), at, error))
    return FALSE;
  /* the back office's reason for a refusal is the case's problem; how its
   * result reaches the applicant is kept beside it */
  if (g_str_equal (type, YC_EVENT_REJECTED) &&
      !yc_db_run (self->db, error, "UPDATE cases SET problem = ? WHERE id = ?",
                  data ? yc_json_get_string (data, "reason") : NULL, case_id))
    return FALSE;
  if (g_str_equal (type, YC_EVENT_RESULT) &&
      !yc_db_run (self->db, error, "UPDATE cases SET delivery = ?, delivery_note = ? WHERE id = ?",
                  data ? yc_json_get_string (data, "delivery") : NULL,
                  data ? yc_json_get_string (data, "note") : NULL, case_id))
    return FALSE;
  if (!yc_db_run (self->db, error, "UPDATE cases SET state = ?, updated = ? WHERE id = ?",
                  window_outcome (self, case_id, type), at, case_id) ||
      !_yc_case_store_refresh_columns (self, case_id, error) ||
      !_yc_case_store_touch_search (self, case_id, at, error))
    return FALSE;
  g_hash_table_add (changed, g_strdup (case_id));
  return TRUE;
}

static void
emit_changed (YcCaseStore *self,
              GHashTable  *changed)
{
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer case_id;

  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, &case_id, NULL))
    g_ptr_array_add (case_ids, case_id);
  _yc_case_store_emit_changed (self, case_ids);
}

/**
 * yc_case_store_apply_remote:
 * @event: an event made by the central service or the back office
 *
 * Logs the event once (by UUID) and folds it into the case's row.
 */
gboolean
yc_case_store_apply_remote (YcCaseStore  *self,
                            JsonObject   *event,
                            GError      **error)
{
  g_autoptr(JsonArray) events = json_array_new ();

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  json_array_add_object_element (events, json_object_ref (event));
  return yc_case_store_apply_changes (self, events, NULL, error);
}

/**
 * yc_case_store_apply_changes:
 * @events: a page of the central service's change feed
 * @cursor: (nullable): the feed's cursor after this page
 *
 * Applies a page as yc_case_store_apply_remote() does each event, and
 * keeps the cursor with it, in one durable transaction: a page is either
 * wholly stored with its cursor or not at all, and costs one write to the
 * disk rather than one per event.
 */
gboolean
yc_case_store_apply_changes (YcCaseStore  *self,
                             JsonArray    *events,
                             const char   *cursor,
                             GError      **error)
{
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                       _("The central service’s change feed holds something that is not an event"));
          goto failed;
        }
      if (!apply_one (self, json_node_get_object (node), at, changed, error))
        goto failed;
    }
  if ((cursor != NULL && !yc_case_store_set_meta (self, "changes-cursor", cursor, error)) ||
      !yc_db_commit (self->db, error))
    goto failed;
  emit_changed (self, changed);
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

/* yc-audit.c: the station's audit trail, hash-chained
 *
 * Each entry's hash covers the one before it and the entry itself, so an
 * entry altered, removed from the middle or moved breaks every hash after
 * it; `yichuang audit verify` walks the chain. What a local check cannot
 * see, the newest entries cut off the end, the central service can: the
 * station's head travels with every sync. The entries are written by
 * yc_case_store_audit() (yc-case-store.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-audit.h"
#include "yc-case-store-private.h"
#include "yc-crypto.h"
#include "yc-db.h"

G_DEFINE_QUARK (yc-audit-error-quark, yc_audit_error)

/* the hash the first entry follows */
#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

void
yc_audit_entry_free (YcAuditEntry *entry)
{
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->station);
  g_free (entry->action);
  g_free (entry->case_id);
  g_free (entry->detail);
  g_free (entry->hash);
  g_free (entry);
}

/* each member with its length, so that no two entries read alike */
static void
append_member (GString    *text,
               const char *member)
{
  if (member == NULL)
    g_string_append (text, "-;");
  else
    g_string_append_printf (text, "%zu:%s;", strlen (member), member);
}

/**
 * yc_audit_chain:
 * @previous: (nullable): the hash of the entry before, NULL for the first
 *
 * Returns: (transfer full): the hash of an entry that follows @previous
 */
char *
yc_audit_chain (const char *previous,
                const char *at,
                const char *actor,
                const char *station,
                const char *action,
                const char *case_id,
                const char *detail)
{
  g_autoptr(GString) text = g_string_new (previous ? previous : GENESIS);

  g_string_append_c (text, '\n');
  append_member (text, at);
  append_member (text, actor);
  append_member (text, station);
  append_member (text, action);
  append_member (text, case_id);
  append_member (text, detail);
  return yc_crypto_sha256_hex (text->str, text->len);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * yc_audit_db_append:
 *
 * Appends an entry after the newest one of @db's audit table, inside a
 * transaction (its own, or the caller's) so that two writers never chain
 * two entries to the same one.
 */
gboolean
yc_audit_db_append (sqlite3     *db,
                    const char  *at,
                    const char  *actor,
                    const char  *station,
                    const char  *action,
                    const char  *case_id,
                    const char  *detail,
                    GError     **error)
{
  gboolean own = sqlite3_get_autocommit (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *hash = NULL;
  int rc;

  if (own && !yc_db_begin (db, error))
    return FALSE;
  /* a failed read must not start the chain again */
  if (!(stmt = yc_db_prepare (db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", error)))
    goto failed;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    previous = yc_db_column_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      yc_db_fail (db, error);
      goto failed;
    }
  hash = yc_audit_chain (previous, at, actor, station, action, case_id, detail);
  if (!yc_db_run (db, error,
                  "INSERT INTO audit (at, actor, station, action, case_id, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  at, actor, station, action, case_id, detail, hash) ||
      (own && !yc_db_commit (db, error)))
    goto failed;
  return TRUE;

failed:
  if (own)
    yc_db_rollback (db);
  return FALSE;
}

/**
 * yc_audit_db_list:
 * @case_id: (nullable): one case's entries, or NULL for all
 * @after: only the entries after this id
 *
 * Returns: (transfer container) (element-type YcAuditEntry): the entries
 *   of @db's audit table, oldest first
 */
GPtrArray *
yc_audit_db_list (sqlite3     *db,
                  const char  *case_id,
                  gint64       after,
                  GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_audit_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = yc_db_prepare (db,
                              "SELECT id, at, actor, station, action, case_id, detail, hash FROM audit"
                              " WHERE (?1 IS NULL OR case_id = ?1) AND id > ?2 ORDER BY id", error)))
    return NULL;
  yc_db_bind_text (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, after);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YcAuditEntry *e = g_new0 (YcAuditEntry, 1);

      e->id = (gint64) sqlite3_column_int64 (stmt, 0);
      e->at = column_text (stmt, 1);
      e->actor = column_text (stmt, 2);
      e->station = column_text (stmt, 3);
      e->action = column_text (stmt, 4);
      e->case_id = column_text (stmt, 5);
      e->detail = column_text (stmt, 6);
      e->hash = column_text (stmt, 7);
      g_ptr_array_add (entries, e);
    }
  if (rc != SQLITE_DONE)
    {
      yc_db_fail (db, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * yc_audit_verify_entries:
 * @entries: (element-type YcAuditEntry): a run of entries, oldest first
 * @previous: (nullable): the hash the entry at @from follows; NULL for
 *   the first entry of a chain
 * @from: the index in @entries to start at
 * @n_checked: (out) (optional): how many entries held
 * @head: (out) (optional) (transfer full): the hash of the last entry
 *   (@previous when there is none)
 *
 * Names the first entry that does not follow from the one before it: it,
 * or one before it, was altered, or an entry before it removed.
 *
 * Returns: whether the run holds
 */
gboolean
yc_audit_verify_entries (GPtrArray   *entries,
                         const char  *previous,
                         guint        from,
                         guint       *n_checked,
                         char       **head,
                         GError     **error)
{
  g_autofree char *last = g_strdup (previous);

  for (guint i = from; i < entries->len; i++)
    {
      YcAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *expected = yc_audit_chain (last, e->at, e->actor, e->station, e->action,
                                                  e->case_id, e->detail);

      if (g_strcmp0 (expected, e->hash) != 0)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
          g_autofree char *what = e->case_id ? g_strdup_printf ("%s, %s", e->action, e->case_id)
                                             : g_strdup (e->action);

          g_set_error (error, YC_AUDIT_ERROR, YC_AUDIT_ERROR_BROKEN,
                       _("The audit trail is broken at entry %s (%s, %s): it does not follow from the entry before "
                         "it, so it or an earlier entry was altered, or one was removed"),
                       id, e->at ? e->at : "", what ? what : "");
          if (n_checked != NULL)
            *n_checked = i - from;
          return FALSE;
        }
      g_free (last);
      last = g_steal_pointer (&expected);
    }
  if (n_checked != NULL)
    *n_checked = entries->len - from;
  if (head != NULL)
    *head = g_steal_pointer (&last);
  return TRUE;
}

/**
 * yc_audit_db_verify:
 * @n_entries: (out) (optional): how many entries the chain holds
 * @head: (out) (optional) (transfer full): the newest entry's hash
 *
 * Walks the chain of @db's audit table from the first entry.
 *
 * Returns: whether the whole chain holds
 */
gboolean
yc_audit_db_verify (sqlite3     *db,
                    guint64     *n_entries,
                    char       **head,
                    GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  if (!(entries = yc_audit_db_list (db, NULL, 0, error)) ||
      !yc_audit_verify_entries (entries, NULL, 0, NULL, head, error))
    return FALSE;
  if (n_entries != NULL)
    *n_entries = entries->len;
  return TRUE;
}

/**
 * yc_audit_recompute_at:
 * @entries: (element-type YcAuditEntry): a whole chain, oldest first
 * @id: an entry's id
 *
 * The hash entry @id has when the chain is computed again from the
 * entries as they read now, whatever hash each one holds: an entry before
 * it altered, removed or moved changes it. This is what the station shows
 * the service of the part of its trail the service already knows.
 *
 * Returns: (transfer full) (nullable): the hash, NULL when no entry @id
 *   is left
 */
char *
yc_audit_recompute_at (GPtrArray *entries,
                       gint64     id)
{
  g_autofree char *previous = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      YcAuditEntry *e = g_ptr_array_index (entries, i);
      char *hash = yc_audit_chain (previous, e->at, e->actor, e->station, e->action, e->case_id, e->detail);

      g_free (previous);
      previous = hash;
      if (e->id == id)
        return g_steal_pointer (&previous);
    }
  return NULL;
}

static void
set_member (JsonObject *o,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

/**
 * yc_audit_entries_to_json:
 *
 * Returns: (transfer full): the entries of @entries from @from on, as the
 *   protocol's array (docs/sync-protocol.md, "The audit trail")
 */
JsonNode *
yc_audit_entries_to_json (GPtrArray *entries,
                          guint      from)
{
  JsonArray *array = json_array_new ();

  for (guint i = from; i < entries->len; i++)
    {
      YcAuditEntry *e = g_ptr_array_index (entries, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "id", e->id);
      set_member (o, "at", e->at);
      set_member (o, "actor", e->actor);
      set_member (o, "station", e->station);
      set_member (o, "action", e->action);
      set_member (o, "case", e->case_id);
      set_member (o, "detail", e->detail);
      set_member (o, "hash", e->hash);
      json_array_add_object_element (array, o);
    }
  return json_node_init_array (json_node_alloc (), array);
}

static gboolean
take_text (JsonObject  *o,
           const char  *name,
           gboolean     nullable,
           char       **out)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return nullable;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/**
 * yc_audit_entries_from_json:
 *
 * Reads entries as yc_audit_entries_to_json() writes them, their ids
 * rising.
 *
 * Returns: (transfer container) (element-type YcAuditEntry): the entries
 */
GPtrArray *
yc_audit_entries_from_json (JsonArray  *array,
                            GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_audit_entry_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(YcAuditEntry) e = g_new0 (YcAuditEntry, 1);
      JsonObject *o;
      JsonNode *id;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !(id = json_object_get_member (o = json_node_get_object (node), "id")) ||
          !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
          !take_text (o, "at", FALSE, &e->at) || !take_text (o, "actor", TRUE, &e->actor) ||
          !take_text (o, "station", TRUE, &e->station) || !take_text (o, "action", FALSE, &e->action) ||
          !take_text (o, "case", TRUE, &e->case_id) || !take_text (o, "detail", TRUE, &e->detail) ||
          !take_text (o, "hash", FALSE, &e->hash) ||
          (e->id = json_node_get_int (id)) <= 0 ||
          (entries->len > 0 && e->id <= ((YcAuditEntry *) g_ptr_array_index (entries, entries->len - 1))->id))
        {
          g_set_error (error, YC_AUDIT_ERROR, YC_AUDIT_ERROR_INVALID,
                       _("Audit entry %u is not an entry of an audit trail, or is out of order"), i + 1);
          return NULL;
        }
      g_ptr_array_add (entries, g_steal_pointer (&e));
    }
  return g_steal_pointer (&entries);
}

/**
 * yc_case_store_list_audit:
 * @case_id: (nullable): one case's entries, or NULL for all
 *
 * Returns: (transfer container) (element-type YcAuditEntry): the entries,
 *   oldest first
 */
GPtrArray *
yc_case_store_list_audit (YcCaseStore  *store,
                          const char   *case_id,
                          GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);

  return yc_audit_db_list (_yc_case_store_get_db (store), case_id, 0, error);
}

/**
 * yc_case_store_verify_audit:
 * @n_entries: (out) (optional): how many entries the chain holds
 * @head: (out) (optional) (transfer full): the newest entry's hash
 *
 * Returns: whether the whole chain holds
 */
gboolean
yc_case_store_verify_audit (YcCaseStore  *store,
                            guint64      *n_entries,
                            char        **head,
                            GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (store), FALSE);

  return yc_audit_db_verify (_yc_case_store_get_db (store), n_entries, head, error);
}

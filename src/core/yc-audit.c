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
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_audit_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);

  if (!(stmt = yc_db_prepare (_yc_case_store_get_db (store),
                              "SELECT id, at, actor, station, action, case_id, detail, hash FROM audit"
                              " WHERE ?1 IS NULL OR case_id = ?1 ORDER BY id", error)))
    return NULL;
  yc_db_bind_text (stmt, 1, case_id);
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
      yc_db_fail (_yc_case_store_get_db (store), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * yc_case_store_verify_audit:
 * @n_entries: (out) (optional): how many entries the chain holds
 * @head: (out) (optional) (transfer full): the newest entry's hash
 *
 * Walks the chain from the first entry. Names the first entry that does
 * not follow from the one before it: it, or one before it, was altered,
 * or an entry before it removed.
 *
 * Returns: whether the whole chain holds
 */
gboolean
yc_case_store_verify_audit (YcCaseStore  *store,
                            guint64      *n_entries,
                            char        **head,
                            GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *previous = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), FALSE);

  if (!(entries = yc_case_store_list_audit (store, NULL, error)))
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      YcAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *expected = yc_audit_chain (previous, e->at, e->actor, e->station, e->action,
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
          return FALSE;
        }
      g_free (previous);
      previous = g_steal_pointer (&expected);
    }
  if (n_entries != NULL)
    *n_entries = entries->len;
  if (head != NULL)
    *head = g_steal_pointer (&previous);
  return TRUE;
}

/* yc-case-store-cache.c: the catalog and the calendar last downloaded
 *
 * Every catalog version the station received is kept, so that a draft is
 * finished under the template it was opened with; the working-day
 * calendar is one document, replaced by the next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-event.h"

/**
 * yc_case_store_save_catalog:
 *
 * Keeps a catalog the central service published and makes it the current
 * one. Call it only with a document that loaded without problems.
 */
gboolean
yc_case_store_save_catalog (YcCaseStore  *self,
                            const char   *version,
                            const char   *etag,
                            GBytes       *document,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *at = yc_now_iso8601 ();
  gsize length;
  const void *data;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  if (!yc_db_run (self->db, error, "UPDATE catalog SET current = 0", NULL) ||
      !(stmt = yc_db_prepare (self->db,
                              "INSERT OR REPLACE INTO catalog (version, etag, document, fetched, current)"
                              " VALUES (?, ?, ?, ?, 1)", error)))
    goto failed;
  data = g_bytes_get_data (document, &length);
  yc_db_bind_text (stmt, 1, version);
  yc_db_bind_text (stmt, 2, etag);
  sqlite3_bind_blob64 (stmt, 3, data, length, SQLITE_TRANSIENT);
  yc_db_bind_text (stmt, 4, at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      yc_db_fail (self->db, error);
      goto failed;
    }
  if (!yc_db_commit (self->db, error))
    goto failed;
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

/**
 * yc_case_store_load_catalog:
 *
 * Returns: (transfer full) (nullable): the current catalog document
 */
GBytes *
yc_case_store_load_catalog (YcCaseStore  *self,
                            char        **version,
                            char        **etag)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db, "SELECT version, etag, document FROM catalog WHERE current = 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (version)
    *version = yc_db_column_text (stmt, 0);
  if (etag)
    *etag = yc_db_column_text (stmt, 1);
  return g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
}

/**
 * yc_case_store_load_catalog_version:
 *
 * Every catalog version the station received is kept, so that a draft is
 * finished under the template it was opened with.
 *
 * Returns: (transfer full) (nullable): that version's document
 */
GBytes *
yc_case_store_load_catalog_version (YcCaseStore *self,
                                    const char  *version)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db, "SELECT document FROM catalog WHERE version = ?", NULL);
  if (stmt == NULL)
    return NULL;
  yc_db_bind_text (stmt, 1, version);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

/**
 * yc_case_store_save_calendar:
 *
 * Keeps the working-day calendar the central service published, in place
 * of the one before. Call it only with a document that loaded.
 */
gboolean
yc_case_store_save_calendar (YcCaseStore  *self,
                             const char   *etag,
                             GBytes       *document,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *at = yc_now_iso8601 ();
  gsize length;
  const void *data;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (!(stmt = yc_db_prepare (self->db,
                              "INSERT OR REPLACE INTO calendar (id, etag, document, fetched) VALUES (1, ?, ?, ?)",
                              error)))
    return FALSE;
  data = g_bytes_get_data (document, &length);
  yc_db_bind_text (stmt, 1, etag);
  sqlite3_bind_blob64 (stmt, 2, data, length, SQLITE_TRANSIENT);
  yc_db_bind_text (stmt, 3, at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yc_db_fail (self->db, error);
  return TRUE;
}

/**
 * yc_case_store_load_calendar:
 * @etag: (out) (optional) (transfer full) (nullable): its ETag
 *
 * Returns: (transfer full) (nullable): the calendar document last kept
 */
GBytes *
yc_case_store_load_calendar (YcCaseStore  *self,
                             char        **etag)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db, "SELECT etag, document FROM calendar WHERE id = 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (etag)
    *etag = yc_db_column_text (stmt, 0);
  return g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
}

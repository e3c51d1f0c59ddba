/* yc-db.c: what every SQLite database of Yichuang shares
 *
 * WAL with synchronous=FULL: a committed transaction survives a power cut,
 * and readers never wait for the writer. The schema version lives in
 * PRAGMA user_version and each migration runs in its own transaction, so an
 * interrupted upgrade leaves the database at the last complete version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-db.h"

G_DEFINE_QUARK (yc-db-error-quark, yc_db_error)

/* The statements yc_db_run() runs again and again are parsed once per
 * connection: parsing costs more than running most of them (a third of the
 * central service's time on a batch of intakes). */
G_LOCK_DEFINE_STATIC (caches);
static GHashTable *caches;   /* sqlite3 * → GHashTable (SQL → sqlite3_stmt *) */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static sqlite3_stmt *
prepare_cached (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  GHashTable *cache;
  sqlite3_stmt *stmt;

  G_LOCK (caches);
  if (caches == NULL)
    caches = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  if (!(cache = g_hash_table_lookup (caches, db)))
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
      g_hash_table_insert (caches, db, cache);
    }
  stmt = g_hash_table_lookup (cache, sql);
  G_UNLOCK (caches);
  if (stmt != NULL)
    return stmt;
  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      yc_db_fail (db, error);
      return NULL;
    }
  G_LOCK (caches);
  g_hash_table_insert (cache, g_strdup (sql), stmt);
  G_UNLOCK (caches);
  return stmt;
}

/**
 * yc_db_close:
 *
 * Closes a database opened with yc_db_open(), and the statements kept for
 * it.
 */
void
yc_db_close (sqlite3 *db)
{
  if (db == NULL)
    return;
  G_LOCK (caches);
  if (caches != NULL)
    g_hash_table_remove (caches, db);
  G_UNLOCK (caches);
  sqlite3_close (db);
}

/**
 * yc_db_fail:
 *
 * Sets @error from the database's last error. A full disk gets its own
 * code and words, because it is the one failure the clerk can do
 * something about.
 *
 * Returns: %FALSE, to be returned by the caller
 */
gboolean
yc_db_fail (sqlite3  *db,
            GError  **error)
{
  int code = sqlite3_extended_errcode (db) & 0xff;

  if (code == SQLITE_FULL || (code == SQLITE_IOERR && (sqlite3_extended_errcode (db) == SQLITE_IOERR_WRITE ||
                                                       sqlite3_extended_errcode (db) == SQLITE_IOERR_FSYNC)))
    g_set_error (error, YC_DB_ERROR, YC_DB_ERROR_FULL,
                 _("The disk is full: nothing was saved and the last saved state is kept. Free some space and try again (%s)"),
                 sqlite3_errmsg (db));
  else
    g_set_error (error, YC_DB_ERROR, YC_DB_ERROR_FAILED,
                 _("Database error: %s"), sqlite3_errmsg (db));
  return FALSE;
}

gboolean
yc_db_exec (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return yc_db_fail (db, error);
  return TRUE;
}

gboolean
yc_db_begin (sqlite3  *db,
             GError  **error)
{
  return yc_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
yc_db_commit (sqlite3  *db,
              GError  **error)
{
  if (!yc_db_exec (db, "COMMIT", error))
    {
      yc_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

void
yc_db_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
yc_db_prepare (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      yc_db_fail (db, error);
      return NULL;
    }
  return stmt;
}

void
yc_db_bind_text (sqlite3_stmt *stmt,
                 int           index,
                 const char   *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/**
 * yc_db_run:
 * @...: one `const char *` per parameter of @sql; %NULL binds NULL
 *
 * Runs one statement that returns no rows.
 */
gboolean
yc_db_run (sqlite3     *db,
           GError     **error,
           const char  *sql,
           ...)
{
  sqlite3_stmt *stmt = prepare_cached (db, sql, error);
  gboolean ok;
  int n;
  va_list args;

  if (stmt == NULL)
    return FALSE;
  n = sqlite3_bind_parameter_count (stmt);
  va_start (args, sql);
  for (int i = 1; i <= n; i++)
    yc_db_bind_text (stmt, i, va_arg (args, const char *));
  va_end (args);
  ok = sqlite3_step (stmt) == SQLITE_DONE || yc_db_fail (db, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

/**
 * yc_db_query_text:
 * @...: one `const char *` per parameter of @sql; %NULL binds NULL
 *
 * Returns: (transfer full) (nullable): the first column of the first row
 */
char *
yc_db_query_text (sqlite3    *db,
                  const char *sql,
                  ...)
{
  sqlite3_stmt *stmt = prepare_cached (db, sql, NULL);
  char *text = NULL;
  int n;
  va_list args;

  if (stmt == NULL)
    return NULL;
  n = sqlite3_bind_parameter_count (stmt);
  va_start (args, sql);
  for (int i = 1; i <= n; i++)
    yc_db_bind_text (stmt, i, va_arg (args, const char *));
  va_end (args);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return text;
}

/**
 * yc_db_column_text:
 *
 * Returns: (transfer full) (nullable): the text in column @index of the
 *   row @stmt stands on
 */
char *
yc_db_column_text (sqlite3_stmt *stmt,
                   int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

int
yc_db_schema_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/**
 * yc_db_open:
 * @migrations: %NULL-terminated SQL scripts; script N brings the schema
 *   from version N to N + 1
 *
 * Returns: (transfer full) (nullable): the open database, migrated to the
 *   newest schema
 */
sqlite3 *
yc_db_open (const char          *path,
            const char * const  *migrations,
            GError             **error)
{
  sqlite3 *db = NULL;
  guint n_migrations = g_strv_length ((char **) migrations);
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, YC_DB_ERROR, YC_DB_ERROR_OPEN,
                   _("Cannot open the database %s: %s"), path,
                   db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      yc_db_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);

  /* a batch of events dirties more pages than SQLite's default 2 MB cache
   * holds, and a spilled cache writes them twice */
  if (!yc_db_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                   " PRAGMA cache_size=-32768", error))
    goto failed;

  version = yc_db_schema_version (db);
  if (version > (int) n_migrations)
    {
      g_set_error (error, YC_DB_ERROR, YC_DB_ERROR_NEWER,
                   _("The database %s has schema version %d, made by a newer Yichuang; this one knows up to %u"),
                   path, version, n_migrations);
      goto failed;
    }
  for (guint v = version; v < n_migrations; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version=%u", v + 1);

      if (!yc_db_begin (db, error))
        goto failed;
      if (!yc_db_exec (db, migrations[v], error) ||
          !yc_db_exec (db, bump, error) ||
          !yc_db_commit (db, error))
        {
          yc_db_rollback (db);
          g_prefix_error (error, _("Upgrading %s to schema version %u: "), path, v + 1);
          goto failed;
        }
    }
  return db;

failed:
  yc_db_close (db);
  return NULL;
}

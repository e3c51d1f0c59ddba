/* yc-db.h: what every SQLite database of Yichuang shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define YC_DB_ERROR (yc_db_error_quark ())

typedef enum
{
  YC_DB_ERROR_OPEN,
  YC_DB_ERROR_FULL,      /* the disk is full: nothing was written */
  YC_DB_ERROR_NEWER,     /* made by a newer program */
  YC_DB_ERROR_FAILED,
} YcDbError;

GQuark    yc_db_error_quark (void);
sqlite3  *yc_db_open        (const char          *path,
                             const char * const  *migrations,
                             GError             **error);
void      yc_db_close       (sqlite3             *db);
gboolean  yc_db_exec        (sqlite3             *db,
                             const char          *sql,
                             GError             **error);
gboolean  yc_db_fail        (sqlite3             *db,
                             GError             **error);
gboolean  yc_db_begin       (sqlite3             *db,
                             GError             **error);
gboolean  yc_db_commit      (sqlite3             *db,
                             GError             **error);
void      yc_db_rollback    (sqlite3             *db);
sqlite3_stmt *yc_db_prepare (sqlite3             *db,
                             const char          *sql,
                             GError             **error);
int       yc_db_schema_version (sqlite3          *db);
void      yc_db_bind_text   (sqlite3_stmt        *stmt,
                             int                  index,
                             const char          *text);
gboolean  yc_db_run         (sqlite3             *db,
                             GError             **error,
                             const char          *sql,
                             ...);
char     *yc_db_query_text  (sqlite3             *db,
                             const char          *sql,
                             ...);
char     *yc_db_column_text (sqlite3_stmt        *stmt,
                             int                  index);

static inline void
yc_db_finalize (sqlite3_stmt *stmt)
{
  sqlite3_finalize (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, yc_db_finalize)

G_END_DECLS

/* yc-audit.h: the station's audit trail, hash-chained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include <json-glib/json-glib.h>

#include "yc-case-store.h"

G_BEGIN_DECLS

#define YC_AUDIT_ERROR (yc_audit_error_quark ())

typedef enum
{
  YC_AUDIT_ERROR_BROKEN,   /* an entry altered, removed or put out of order */
  YC_AUDIT_ERROR_INVALID,  /* entries sent that are not entries */
} YcAuditError;

typedef struct
{
  gint64  id;
  char   *at;
  char   *actor;
  char   *station;
  char   *action;
  char   *case_id;
  char   *detail;
  char   *hash;
} YcAuditEntry;

void        yc_audit_entry_free         (YcAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcAuditEntry, yc_audit_entry_free)

GQuark      yc_audit_error_quark        (void);
char       *yc_audit_chain              (const char   *previous,
                                         const char   *at,
                                         const char   *actor,
                                         const char   *station,
                                         const char   *action,
                                         const char   *case_id,
                                         const char   *detail);
GPtrArray  *yc_case_store_list_audit    (YcCaseStore  *store,
                                         const char   *case_id,
                                         GError      **error);
gboolean    yc_case_store_verify_audit  (YcCaseStore  *store,
                                         guint64      *n_entries,
                                         char        **head,
                                         GError      **error);

/* The chain in any database with an audit table of the station's shape
 * (id, at, actor, station, action, case_id, detail, hash): the station's
 * store and the central service's share it. */
gboolean    yc_audit_db_append          (sqlite3      *db,
                                         const char   *at,
                                         const char   *actor,
                                         const char   *station,
                                         const char   *action,
                                         const char   *case_id,
                                         const char   *detail,
                                         GError      **error);
GPtrArray  *yc_audit_db_list            (sqlite3      *db,
                                         const char   *case_id,
                                         gint64        after,
                                         GError      **error);
gboolean    yc_audit_verify_entries     (GPtrArray    *entries,
                                         const char   *previous,
                                         guint         from,
                                         guint        *n_checked,
                                         char        **head,
                                         GError      **error);
gboolean    yc_audit_db_verify          (sqlite3      *db,
                                         guint64      *n_entries,
                                         char        **head,
                                         GError      **error);
char       *yc_audit_recompute_at       (GPtrArray    *entries,
                                         gint64        id);
JsonNode   *yc_audit_entries_to_json    (GPtrArray    *entries,
                                         guint         from);
GPtrArray  *yc_audit_entries_from_json  (JsonArray    *array,
                                         GError      **error);

G_END_DECLS

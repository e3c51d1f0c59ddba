/* yc-audit.h: the station's audit trail, hash-chained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "yc-case-store.h"

G_BEGIN_DECLS

#define YC_AUDIT_ERROR (yc_audit_error_quark ())

typedef enum
{
  YC_AUDIT_ERROR_BROKEN,   /* an entry altered, removed or put out of order */
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

G_END_DECLS

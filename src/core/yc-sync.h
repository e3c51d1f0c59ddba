/* yc-sync.h: the exchange with the central service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "yc-calendar.h"
#include "yc-case-store.h"
#include "yc-catalog.h"

G_BEGIN_DECLS

#define YC_SYNC_ERROR (yc_sync_error_quark ())

/* The largest published catalog a station reads: the service refuses to
 * publish one larger, and the linter to pass it (docs/sync-protocol.md,
 * "Limits") */
#define YC_SYNC_MAX_CATALOG_SIZE YC_CATALOG_MAX_SIZE

typedef enum
{
  YC_SYNC_ERROR_NOT_ENROLLED,
  YC_SYNC_ERROR_CERTIFICATE,   /* the service is not the one we were enrolled with */
  YC_SYNC_ERROR_UNREACHABLE,   /* no connection, timed out, cut off */
  YC_SYNC_ERROR_SERVER,        /* 5xx */
  YC_SYNC_ERROR_REFUSED,       /* 401/403: the token is no longer good */
  YC_SYNC_ERROR_PROTOCOL,      /* an answer that is not what the protocol says */
  YC_SYNC_ERROR_CATALOG,       /* the published catalog does not load */
  YC_SYNC_ERROR_CALENDAR,      /* the published calendar does not load */
  YC_SYNC_ERROR_REVOKED,       /* the token was revoked or has expired: no run is tried until enrolled again */
} YcSyncError;

#define YC_TYPE_SYNC (yc_sync_get_type ())
G_DECLARE_FINAL_TYPE (YcSync, yc_sync, YC, SYNC, GObject)

GQuark      yc_sync_error_quark     (void);
YcSync     *yc_sync_new             (YcCaseStore         *store);
YcCatalog  *yc_sync_get_catalog     (YcSync              *self);
YcCalendar *yc_sync_get_calendar    (YcSync              *self);
gboolean    yc_sync_get_online      (YcSync              *self);
const char *yc_sync_get_last_error  (YcSync              *self);
gboolean    yc_sync_is_enrolled     (YcSync              *self);
guint       yc_sync_get_timeout     (YcSync              *self);
void        yc_sync_set_timeout     (YcSync              *self,
                                     guint                seconds);
guint       yc_sync_get_failures    (YcSync              *self);
gboolean    yc_sync_load_cached_catalog (YcSync          *self,
                                     GError             **error);
void        yc_sync_run_async       (YcSync              *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean    yc_sync_run_finish      (YcSync              *self,
                                     GAsyncResult        *result,
                                     GError             **error);
void        yc_sync_enroll_async    (YcSync              *self,
                                     const char          *server_url,
                                     const char          *ca_file,
                                     const char          *station,
                                     const char          *enroll_code,
                                     const char          *clerk,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean    yc_sync_enroll_finish   (YcSync              *self,
                                     GAsyncResult        *result,
                                     GError             **error);
guint       yc_sync_next_delay      (guint                failures,
                                     guint                base_seconds);

G_END_DECLS

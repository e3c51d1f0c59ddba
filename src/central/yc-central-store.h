/* yc-central-store.h: what the central service keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define YC_CENTRAL_ERROR (yc_central_error_quark ())

typedef enum
{
  YC_CENTRAL_ERROR_ENROLL,    /* unknown station or code */
  YC_CENTRAL_ERROR_TOKEN,     /* no such token */
  YC_CENTRAL_ERROR_INVALID,   /* an event that will never be accepted */
  YC_CENTRAL_ERROR_NOT_FOUND,
} YcCentralError;

typedef enum
{
  YC_STORE_RESULT_STORED,
  YC_STORE_RESULT_DUPLICATE,
} YcStoreResult;

#define YC_TYPE_CENTRAL_STORE (yc_central_store_get_type ())
G_DECLARE_FINAL_TYPE (YcCentralStore, yc_central_store, YC, CENTRAL_STORE, GObject)

GQuark          yc_central_error_quark          (void);
YcCentralStore *yc_central_store_open           (const char      *path,
                                                 GError         **error);
char           *yc_central_store_add_enroll_code (YcCentralStore *self,
                                                  const char     *station,
                                                  const char     *station_name,
                                                  GError        **error);
gboolean        yc_central_store_enroll         (YcCentralStore  *self,
                                                 const char      *station,
                                                 const char      *code,
                                                 const char      *clerk,
                                                 char           **token,
                                                 char           **clerk_no,
                                                 char           **station_name,
                                                 GError         **error);
gboolean        yc_central_store_authenticate   (YcCentralStore  *self,
                                                 const char      *token,
                                                 char           **station,
                                                 char           **clerk,
                                                 GError         **error);
gboolean        yc_central_store_begin_batch    (YcCentralStore  *self,
                                                 GError         **error);
gboolean        yc_central_store_end_batch      (YcCentralStore  *self,
                                                 GError         **error);
gboolean        yc_central_store_has_event      (YcCentralStore  *self,
                                                 const char      *uuid);
gboolean        yc_central_store_take_intake    (YcCentralStore  *self,
                                                 JsonObject      *event,
                                                 const char      *impl_code,
                                                 const char      *department,
                                                 JsonArray       *members,
                                                 YcStoreResult   *result,
                                                 GError         **error);
gboolean        yc_central_store_add_event      (YcCentralStore  *self,
                                                 JsonObject      *event,
                                                 YcStoreResult   *result,
                                                 GError         **error);
JsonArray      *yc_central_store_changes        (YcCentralStore  *self,
                                                 const char      *station,
                                                 gint64           after,
                                                 guint            limit,
                                                 gint64          *cursor,
                                                 gboolean        *more,
                                                 GError         **error);
JsonArray      *yc_central_store_list_cases     (YcCentralStore  *self,
                                                 const char      *department,
                                                 GError         **error);

G_END_DECLS

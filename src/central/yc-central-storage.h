/* yc-central-storage.h: what the central service keeps, whatever keeps it
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
  YC_CENTRAL_ERROR_INVALID,   /* an event or request that will never be accepted */
  YC_CENTRAL_ERROR_NOT_FOUND,
  YC_CENTRAL_ERROR_CONFLICT,  /* the case is not in a state that allows it */
  YC_CENTRAL_ERROR_EXPIRED,   /* an enrollment code past its lifetime */
  YC_CENTRAL_ERROR_REVOKED,   /* a clerk's token the operator revoked */
} YcCentralError;

typedef enum
{
  YC_STORE_RESULT_STORED,
  YC_STORE_RESULT_DUPLICATE,
} YcStoreResult;

#define YC_TYPE_CENTRAL_STORAGE (yc_central_storage_get_type ())
G_DECLARE_INTERFACE (YcCentralStorage, yc_central_storage, YC, CENTRAL_STORAGE, GObject)

/* Each operation is atomic: an implementation that needs a transaction for
 * it opens and ends one itself. Between begin_batch and end_batch the
 * operations stay atomic each, and become durable together at end_batch
 * (a station's batch of events is written to the disk once). Cases and events travel as JSON objects:
 *   a case:  {"case", "station", "code", "official_no", "department",
 *             "state", "received", "parent"}
 *   an event: see yc-event.h
 */
struct _YcCentralStorageInterface
{
  GTypeInterface parent_iface;

  char       *(*add_enroll_code)         (YcCentralStorage  *self,
                                          const char        *station,
                                          const char        *station_name,
                                          GError           **error);
  gboolean    (*enroll)                  (YcCentralStorage  *self,
                                          const char        *station,
                                          const char        *code,
                                          GDateTime         *made_after,
                                          const char        *clerk,
                                          char             **token,
                                          char             **clerk_no,
                                          char             **station_name,
                                          GError           **error);
  gboolean    (*authenticate)            (YcCentralStorage  *self,
                                          const char        *token,
                                          char             **station,
                                          char             **clerk,
                                          GError           **error);
  char       *(*add_department_token)    (YcCentralStorage  *self,
                                          const char        *department,
                                          GError           **error);
  char       *(*authenticate_department) (YcCentralStorage  *self,
                                          const char        *token,
                                          GError           **error);
  gboolean    (*begin_batch)             (YcCentralStorage  *self,
                                          GError           **error);
  gboolean    (*end_batch)               (YcCentralStorage  *self,
                                          GError           **error);
  gboolean    (*has_event)               (YcCentralStorage  *self,
                                          const char        *uuid);
  gboolean    (*take_intake)             (YcCentralStorage  *self,
                                          JsonObject        *event,
                                          const char        *impl_code,
                                          const char        *department,
                                          JsonArray         *members,
                                          const char        *state,
                                          YcStoreResult     *result,
                                          GError           **error);
  gboolean    (*add_event)               (YcCentralStorage  *self,
                                          JsonObject        *event,
                                          const char        *state,
                                          YcStoreResult     *result,
                                          GError           **error);
  JsonArray  *(*changes)                 (YcCentralStorage  *self,
                                          const char        *station,
                                          gint64             after,
                                          guint              limit,
                                          gint64            *cursor,
                                          gboolean          *more,
                                          GError           **error);
  JsonArray  *(*list_cases)              (YcCentralStorage  *self,
                                          const char        *department,
                                          const char        *state,
                                          guint              offset,
                                          guint              limit,
                                          GError           **error);
  JsonObject *(*find_case)               (YcCentralStorage  *self,
                                          const char        *official_no,
                                          GError           **error);
  JsonArray  *(*case_events)             (YcCentralStorage  *self,
                                          const char        *case_id,
                                          GError           **error);
  gboolean    (*set_case_state)          (YcCentralStorage  *self,
                                          const char        *case_id,
                                          const char        *from_state,
                                          const char        *to_state,
                                          JsonObject        *event,
                                          GError           **error);
  /* who may send what (yc-central-server-station.c) */
  JsonObject *(*find_event)              (YcCentralStorage  *self,
                                          const char        *uuid,
                                          GError           **error);
  char       *(*case_station)            (YcCentralStorage  *self,
                                          const char        *case_id);
  gboolean    (*has_clerk)               (YcCentralStorage  *self,
                                          const char        *station,
                                          const char        *clerk_no);
  /* tokens' lifetime and revocation, the service's own audit trail */
  JsonObject *(*find_token)              (YcCentralStorage  *self,
                                          const char        *token,
                                          GError           **error);
  gint64      (*revoke)                  (YcCentralStorage  *self,
                                          const char        *station,
                                          const char        *clerk_no,
                                          const char        *reason,
                                          GError           **error);
  gboolean    (*audit)                   (YcCentralStorage  *self,
                                          const char        *actor,
                                          const char        *station,
                                          const char        *action,
                                          const char        *case_id,
                                          const char        *detail,
                                          GError           **error);
  gboolean    (*verify_audit)            (YcCentralStorage  *self,
                                          guint64           *n_entries,
                                          char             **head,
                                          GError           **error);
};

GQuark      yc_central_error_quark                     (void);

char       *yc_central_storage_add_enroll_code         (YcCentralStorage  *self,
                                                        const char        *station,
                                                        const char        *station_name,
                                                        GError           **error);
gboolean    yc_central_storage_enroll                  (YcCentralStorage  *self,
                                                        const char        *station,
                                                        const char        *code,
                                                        GDateTime         *made_after,
                                                        const char        *clerk,
                                                        char             **token,
                                                        char             **clerk_no,
                                                        char             **station_name,
                                                        GError           **error);
gboolean    yc_central_storage_authenticate            (YcCentralStorage  *self,
                                                        const char        *token,
                                                        char             **station,
                                                        char             **clerk,
                                                        GError           **error);
char       *yc_central_storage_add_department_token    (YcCentralStorage  *self,
                                                        const char        *department,
                                                        GError           **error);
char       *yc_central_storage_authenticate_department (YcCentralStorage  *self,
                                                        const char        *token,
                                                        GError           **error);
gboolean    yc_central_storage_begin_batch             (YcCentralStorage  *self,
                                                        GError           **error);
gboolean    yc_central_storage_end_batch               (YcCentralStorage  *self,
                                                        GError           **error);
gboolean    yc_central_storage_has_event               (YcCentralStorage  *self,
                                                        const char        *uuid);
gboolean    yc_central_storage_take_intake             (YcCentralStorage  *self,
                                                        JsonObject        *event,
                                                        const char        *impl_code,
                                                        const char        *department,
                                                        JsonArray         *members,
                                                        const char        *state,
                                                        YcStoreResult     *result,
                                                        GError           **error);
gboolean    yc_central_storage_add_event               (YcCentralStorage  *self,
                                                        JsonObject        *event,
                                                        const char        *state,
                                                        YcStoreResult     *result,
                                                        GError           **error);
JsonArray  *yc_central_storage_changes                 (YcCentralStorage  *self,
                                                        const char        *station,
                                                        gint64             after,
                                                        guint              limit,
                                                        gint64            *cursor,
                                                        gboolean          *more,
                                                        GError           **error);
JsonArray  *yc_central_storage_list_cases              (YcCentralStorage  *self,
                                                        const char        *department,
                                                        const char        *state,
                                                        guint              offset,
                                                        guint              limit,
                                                        GError           **error);
JsonObject *yc_central_storage_find_case               (YcCentralStorage  *self,
                                                        const char        *official_no,
                                                        GError           **error);
JsonArray  *yc_central_storage_case_events             (YcCentralStorage  *self,
                                                        const char        *case_id,
                                                        GError           **error);
gboolean    yc_central_storage_set_case_state          (YcCentralStorage  *self,
                                                        const char        *case_id,
                                                        const char        *from_state,
                                                        const char        *to_state,
                                                        JsonObject        *event,
                                                        GError           **error);

JsonObject *yc_central_storage_find_event               (YcCentralStorage  *self,
                                                        const char        *uuid,
                                                        GError           **error);
char       *yc_central_storage_case_station             (YcCentralStorage  *self,
                                                        const char        *case_id);
gboolean    yc_central_storage_has_clerk                (YcCentralStorage  *self,
                                                        const char        *station,
                                                        const char        *clerk_no);

JsonObject *yc_central_storage_find_token               (YcCentralStorage  *self,
                                                        const char        *token,
                                                        GError           **error);
gint64      yc_central_storage_revoke                   (YcCentralStorage  *self,
                                                        const char        *station,
                                                        const char        *clerk_no,
                                                        const char        *reason,
                                                        GError           **error);
gboolean    yc_central_storage_audit                    (YcCentralStorage  *self,
                                                        const char        *actor,
                                                        const char        *station,
                                                        const char        *action,
                                                        const char        *case_id,
                                                        const char        *detail,
                                                        GError           **error);
gboolean    yc_central_storage_verify_audit             (YcCentralStorage  *self,
                                                        guint64           *n_entries,
                                                        char             **head,
                                                        GError           **error);

/* shared by every implementation: secrets and how they are kept */
char       *yc_central_random_hex                      (guint              bytes);
char       *yc_central_hash_token                      (const char        *token);

G_END_DECLS

/* yc-event.h: the events a case is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* An event is a JSON object:
 *   {"uuid", "case", "type", "at", "actor", "station", "data": {...}}
 * made where it happened and never changed afterwards.
 */
#define YC_EVENT_INTAKE     "intake"      /* the window took the case: form, materials, decision */
#define YC_EVENT_REGISTERED "registered"  /* the central service gave the official number */
#define YC_EVENT_ROUTED     "routed"
#define YC_EVENT_ACCEPTED   "accepted"
#define YC_EVENT_APPROVED   "approved"
#define YC_EVENT_REJECTED   "rejected"
#define YC_EVENT_RESULT     "result-ready"
/* after the window's decision, made at the station (yc-case-log.c) */
#define YC_EVENT_SUPPLEMENT "supplement"  /* materials brought after 容缺受理 or 一次性告知 */
#define YC_EVENT_HANDOVER   "handover"    /* the case passes to another helper (接力办) */
#define YC_EVENT_DELIVERED  "delivered"   /* the result reached the applicant */
#define YC_EVENT_EVALUATED  "evaluated"   /* the applicant's rating (好差评) */
#define YC_EVENT_FOLLOWED   "followed-up" /* a bad rating followed up */
#define YC_EVENT_DOCUMENT   "document-issued" /* a receipt or notice printed (yc-document.c) */

JsonObject *yc_event_new        (const char *case_id,
                                 const char *type,
                                 const char *actor,
                                 const char *station,
                                 JsonObject *data);
const char *yc_delivery_label   (const char *delivery);
char       *yc_json_to_string   (JsonNode   *node);
char       *yc_json_object_to_string (JsonObject *object);
JsonNode   *yc_json_from_string (const char *text,
                                 GError    **error);
char       *yc_now_iso8601      (void);
#define YC_JSON_MAX_DEPTH 256

const char *yc_json_precheck    (const char *text,
                                 gsize       length);
const char *yc_json_get_string  (JsonObject *object,
                                 const char *member);
const char *yc_json_get_string_element (JsonArray *array,
                                        guint      index);
JsonObject *yc_json_get_object  (JsonObject *object,
                                 const char *member);
JsonArray  *yc_json_get_array   (JsonObject *object,
                                 const char *member);

G_END_DECLS

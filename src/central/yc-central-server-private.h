/* yc-central-server-private.h: what the parts of the central server share
 *
 * The server is split by concern, each file sharing this header:
 * yc-central-server.c (the object, listening, the table of routes and the
 * language of each answer), yc-central-server-auth.c (whose token a
 * request carries), yc-central-server-station.c (enrollment, the
 * published catalog and calendar, events up and changes down),
 * yc-central-server-attachments.c (the scan uploads) and
 * yc-central-server-back-office.c (a department's queue and acts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "yc-central-server.h"

G_BEGIN_DECLS

/* A document the service publishes, named by the hash of its bytes. */
typedef struct
{
  GBytes *document;
  char   *etag;
} YcPublished;

/* Wrong enrollment codes in a window of time, from one address or all */
typedef struct
{
  gint64 since;     /* monotonic, the first of the window */
  guint  failures;
} YcThrottle;

struct _YcCentralServer
{
  GObject           parent_instance;

  SoupServer       *server;
  YcCentralStorage *store;
  YcCatalog        *catalog;
  YcCentralBlobs   *blobs;
  YcCalendar       *calendar;
  YcPublished       published_catalog;
  YcPublished       published_calendar;  /* no document without a calendar */

  /* enrollment (yc-central-server-station.c) */
  YcEnrollPolicy    enroll_policy;
  GHashTable       *enroll_peers;        /* address → YcThrottle */
  YcThrottle        enroll_all;

  /* tokens (yc-central-server-auth.c): seconds one is good for after it
   * was issued; 0 for the default */
  gint64            token_lifetime;
};

/* Who a route answers: the token it needs. */
typedef enum
{
  YC_CENTRAL_ACCESS_ANYONE,
  YC_CENTRAL_ACCESS_STATION,
  YC_CENTRAL_ACCESS_DEPARTMENT,
} YcCentralAccess;

typedef struct
{
  SoupServerMessage *msg;
  GHashTable        *query;       /* nullable */
  const char        *rest;        /* the path after a route's '*' */
  char              *station;     /* with a station's token */
  char              *clerk;
  char              *department;  /* with a department's token */
} YcCentralRequest;

typedef void (*YcCentralHandler) (YcCentralServer  *self,
                                  YcCentralRequest *request);

/* yc-central-server.c: the answers every part gives */
void        _yc_central_respond              (SoupServerMessage *msg,
                                              guint              status,
                                              JsonObject        *body);
void        _yc_central_respond_error        (SoupServerMessage *msg,
                                              guint              status,
                                              const char        *message);
void        _yc_central_refuse               (SoupServerMessage *msg,
                                              guint              status,
                                              const char        *refusal,
                                              const char        *field,
                                              const char        *message);
JsonObject *_yc_central_read_body            (SoupServerMessage *msg);
const char *_yc_central_query                (YcCentralRequest  *request,
                                              const char        *name);
guint       _yc_central_query_uint           (YcCentralRequest  *request,
                                              const char        *name,
                                              guint              fallback,
                                              guint              min,
                                              guint              max);
void        _yc_central_handle_not_found     (YcCentralServer   *self,
                                              YcCentralRequest  *request);

/* yc-central-server-auth.c */
gboolean    _yc_central_server_authenticate  (YcCentralServer   *self,
                                              YcCentralRequest  *request,
                                              YcCentralAccess    access);

/* yc-central-server-station.c */
void        _yc_central_handle_enroll        (YcCentralServer   *self,
                                              YcCentralRequest  *request);
void        _yc_central_handle_enroll_method (YcCentralServer   *self,
                                              YcCentralRequest  *request);
void        _yc_central_handle_catalog       (YcCentralServer   *self,
                                              YcCentralRequest  *request);
void        _yc_central_handle_calendar      (YcCentralServer   *self,
                                              YcCentralRequest  *request);
void        _yc_central_handle_events        (YcCentralServer   *self,
                                              YcCentralRequest  *request);
void        _yc_central_handle_changes       (YcCentralServer   *self,
                                              YcCentralRequest  *request);

/* yc-central-server-attachments.c */
void        _yc_central_handle_upload_query  (YcCentralServer   *self,
                                              YcCentralRequest  *request);
void        _yc_central_handle_upload_chunk  (YcCentralServer   *self,
                                              YcCentralRequest  *request);
void        _yc_central_handle_upload_method (YcCentralServer   *self,
                                              YcCentralRequest  *request);

/* yc-central-server-back-office.c */
void        _yc_central_handle_queue         (YcCentralServer   *self,
                                              YcCentralRequest  *request);
void        _yc_central_handle_case          (YcCentralServer   *self,
                                              YcCentralRequest  *request);
void        _yc_central_handle_act           (YcCentralServer   *self,
                                              YcCentralRequest  *request);

G_END_DECLS

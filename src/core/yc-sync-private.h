/* yc-sync-private.h: what the parts of YcSync share
 *
 * YcSync is split by concern, as gnome-text-editor splits its window:
 * yc-sync.c (the object and the run), yc-sync-http.c (the requests and
 * their answers), yc-sync-events.c and yc-sync-attachments.c (the outbox
 * up), yc-sync-published.c (the catalog and the calendar down) and
 * yc-sync-enroll.c. Nothing outside src/core/yc-sync*.c includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "yc-event.h"   /* the JSON helpers every part uses */
#include "yc-sync.h"

G_BEGIN_DECLS

#define BATCH_SIZE 500

struct _YcSync
{
  GObject      parent_instance;

  YcCaseStore *store;
  YcCaseStore *worker;       /* the same database, for work off the main loop */
  GMutex       worker_lock;
  YcCatalog   *catalog;
  YcCalendar  *calendar;
  SoupSession *session;
  char        *server;
  char        *token;
  char        *last_error;
  gboolean     online;
  guint        timeout;
  guint        deadline;
  guint        failures;  /* runs in a row that failed */
};

/* The documents the service publishes (yc-sync-published.c) */
typedef enum
{
  YC_SYNC_CATALOG,
  YC_SYNC_CALENDAR,
} YcSyncDocument;

/* A run, or an enrollment, under way: the task data of its GTask */
typedef struct
{
  SoupMessage    *msg;
  GPtrArray      *batch;       /* YcOutboxEntry being sent */
  YcSyncDocument  document;    /* the published one coming down */
  guint           pages;
  GPtrArray      *uploads;     /* Upload, for the batch */
  guint           upload;      /* the one under way */
  GInputStream   *stream;      /* its bytes */
  guint64         offset;      /* where its next chunk starts */
  guint           conflicts;
  GHashTable     *dropped;     /* events of the batch set aside on the way */
  /* the batch after this one, read while this one is on its way */
  GPtrArray      *next;
  GPtrArray      *next_uploads;
  GBytes         *next_body;
  GBytes         *body;        /* the batch's request, made in the thread */
  /* the answer to the batch, for the store */
  GPtrArray      *done;        /* uuids the service has */
  GPtrArray      *aside;       /* uuid, reason, uuid, reason … refused for good */
  /* a request and the store's work both under way: the next step waits
   * for both, and for a failure of either */
  guint           pending;
  GError         *error;
  void          (*then) (GTask *task);
  gboolean        more;        /* another page of changes waits */
  GError         *held;        /* the catalog's failure, said once the outbox went up */
} Run;

/* yc-sync.c */
void         _yc_sync_set_status          (YcSync              *self,
                                           gboolean             online,
                                           const GError        *error);
void         _yc_sync_attachment_progress (YcSync              *self,
                                           const char          *sha256,
                                           guint64              received,
                                           guint64              size);
void         _yc_sync_run_free            (Run                 *run);
void         _yc_sync_fail                (GTask               *task,
                                           GError              *error);
void         _yc_sync_send                (GTask               *task,
                                           SoupMessage         *msg,
                                           GAsyncReadyCallback  callback);
void         _yc_sync_start_work          (GTask               *task,
                                           gboolean             prepare,
                                           gint64               after,
                                           JsonNode            *changes);
void         _yc_sync_join                (GTask               *task,
                                           GError              *error);
void         _yc_sync_pull_changes        (GTask               *task);
void         _yc_sync_run_succeeded       (GTask               *task);

/* yc-sync-http.c */
gboolean     _yc_sync_ensure_session      (YcSync              *self,
                                           GError             **error);
GError      *_yc_sync_translate_error     (YcSync              *self,
                                           GError              *error);
SoupMessage *_yc_sync_new_message         (YcSync              *self,
                                           const char          *method,
                                           const char          *path);
void         _yc_sync_set_body            (SoupMessage         *msg,
                                           JsonNode            *body);
char        *_yc_sync_server_said         (GBytes              *bytes);
JsonNode    *_yc_sync_read_answer         (YcSync              *self,
                                           SoupMessage         *msg,
                                           GBytes              *bytes,
                                           GError             **error);
void         _yc_sync_receive_async       (YcSync              *self,
                                           SoupMessage         *msg,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GBytes      *_yc_sync_receive_finish      (GAsyncResult        *result,
                                           GError             **error);

/* yc-sync-events.c */
GBytes      *_yc_sync_batch_body          (GPtrArray           *batch);
void         _yc_sync_push                (GTask               *task);
void         _yc_sync_send_batch          (GTask               *task);

/* yc-sync-attachments.c */
GPtrArray   *_yc_sync_plan_uploads        (YcCaseStore         *store,
                                           GPtrArray           *batch,
                                           GError             **error);
void         _yc_sync_upload_next         (GTask               *task);

/* yc-sync-published.c */
void         _yc_sync_pull_published      (GTask               *task,
                                           YcSyncDocument       document);

G_END_DECLS

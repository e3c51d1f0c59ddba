/* yc-case-store.h: a clerk profile's local store of cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "yc-calendar.h"
#include "yc-case-log.h"
#include "yc-case.h"

G_BEGIN_DECLS

#define YC_CASE_STORE_ERROR (yc_case_store_error_quark ())

typedef enum
{
  YC_CASE_STORE_ERROR_NOT_FOUND,
  YC_CASE_STORE_ERROR_STATE,
} YcCaseStoreError;

typedef struct
{
  gint64      id;
  char       *uuid;
  char       *case_id;
  JsonObject *event;
  guint       attempts;
} YcOutboxEntry;

void yc_outbox_entry_free (YcOutboxEntry *entry);

#define YC_TYPE_CASE_STORE (yc_case_store_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseStore, yc_case_store, YC, CASE_STORE, GObject)

GQuark        yc_case_store_error_quark   (void);
YcCaseStore  *yc_case_store_open          (const char   *path,
                                           GError      **error);
const char   *yc_case_store_get_path      (YcCaseStore  *self);
char         *yc_case_store_get_meta      (YcCaseStore  *self,
                                           const char   *key);
gboolean      yc_case_store_set_meta      (YcCaseStore  *self,
                                           const char   *key,
                                           const char   *value,
                                           GError      **error);
char         *yc_case_store_new_draft     (YcCaseStore  *self,
                                           const char   *code,
                                           const char   *name,
                                           guint         version,
                                           GError      **error);
char         *yc_case_store_begin_draft   (YcCaseStore  *self,
                                           const char   *code,
                                           const char   *name,
                                           guint         version,
                                           JsonObject   *form_state,
                                           const char   *applicant,
                                           GError      **error);
gboolean      yc_case_store_save_draft    (YcCaseStore  *self,
                                           const char   *case_id,
                                           JsonObject   *form_state,
                                           const char   *applicant,
                                           GError      **error);
void          yc_case_store_queue_draft   (YcCaseStore  *self,
                                           const char   *case_id,
                                           JsonObject   *form_state,
                                           const char   *applicant);
void          yc_case_store_flush_drafts  (YcCaseStore  *self);
JsonObject   *yc_case_store_load_draft    (YcCaseStore  *self,
                                           const char   *case_id,
                                           GError      **error);
gboolean      yc_case_store_submit        (YcCaseStore  *self,
                                           const char   *case_id,
                                           JsonObject   *intake,
                                           GError      **error);
gboolean      yc_case_store_add_step      (YcCaseStore  *self,
                                           const char   *case_id,
                                           const char   *type,
                                           const char   *actor,
                                           const char   *station,
                                           JsonObject   *data,
                                           YcCalendar   *calendar,
                                           GError      **error);
gboolean      yc_case_store_add_step_dated (YcCaseStore *self,
                                            const char  *case_id,
                                            const char  *type,
                                            const char  *actor,
                                            const char  *station,
                                            JsonObject  *data,
                                            YcCalendar  *calendar,
                                            const GDate *today,
                                            GError     **error);
YcCaseLog    *yc_case_store_get_log       (YcCaseStore  *self,
                                           const char   *case_id,
                                           GError      **error);
JsonObject   *yc_case_store_reopen        (YcCaseStore  *self,
                                           const char   *case_id,
                                           GError      **error);
gboolean      yc_case_store_drop_draft    (YcCaseStore  *self,
                                           const char   *case_id,
                                           GError      **error);
YcCase       *yc_case_store_get_case      (YcCaseStore  *self,
                                           const char   *case_id,
                                           GError      **error);
GPtrArray    *yc_case_store_list_cases    (YcCaseStore  *self,
                                           guint         limit,
                                           GError      **error);
GPtrArray    *yc_case_store_list_in_state (YcCaseStore  *self,
                                           YcCaseState   state,
                                           guint         limit,
                                           GError      **error);
GPtrArray    *yc_case_store_search        (YcCaseStore  *self,
                                           const char   *query,
                                           guint         limit,
                                           GError      **error);
GPtrArray    *yc_case_store_get_events    (YcCaseStore  *self,
                                           const char   *case_id,
                                           GError      **error);
GPtrArray    *yc_case_store_outbox_peek   (YcCaseStore  *self,
                                           guint         limit,
                                           GError      **error);
GPtrArray    *yc_case_store_outbox_peek_after (YcCaseStore *self,
                                               gint64       after,
                                               guint        limit,
                                               GError     **error);
guint         yc_case_store_outbox_count  (YcCaseStore  *self,
                                           GDateTime   **oldest);
GPtrArray    *yc_case_store_outbox_cases  (YcCaseStore  *self,
                                           GError      **error);
gboolean      yc_case_store_outbox_done   (YcCaseStore  *self,
                                           const char   *uuid,
                                           GError      **error);
gboolean      yc_case_store_outbox_done_many (YcCaseStore *self,
                                              GPtrArray   *uuids,
                                              GError     **error);
gboolean      yc_case_store_outbox_set_aside (YcCaseStore *self,
                                              const char  *uuid,
                                              const char  *reason,
                                              GError     **error);
gboolean      yc_case_store_outbox_failed (YcCaseStore  *self,
                                           const char   *uuid,
                                           const char   *reason,
                                           GError      **error);
gboolean      yc_case_store_apply_remote  (YcCaseStore  *self,
                                           JsonObject   *event,
                                           GError      **error);
gboolean      yc_case_store_apply_changes (YcCaseStore  *self,
                                           JsonArray    *events,
                                           const char   *cursor,
                                           GError      **error);
void          yc_case_store_emit_changes  (YcCaseStore  *self,
                                           GPtrArray    *case_ids,
                                           gboolean      outbox);
gboolean      yc_case_store_save_catalog  (YcCaseStore  *self,
                                           const char   *version,
                                           const char   *etag,
                                           GBytes       *document,
                                           GError      **error);
GBytes       *yc_case_store_load_catalog  (YcCaseStore  *self,
                                           char        **version,
                                           char        **etag);
GBytes       *yc_case_store_load_catalog_version (YcCaseStore *self,
                                                 const char  *version);
gboolean      yc_case_store_save_calendar (YcCaseStore  *self,
                                           const char   *etag,
                                           GBytes       *document,
                                           GError      **error);
GBytes       *yc_case_store_load_calendar (YcCaseStore  *self,
                                           char        **etag);
gboolean      yc_case_store_audit         (YcCaseStore  *self,
                                           const char   *action,
                                           const char   *case_id,
                                           const char   *detail,
                                           GError      **error);

G_END_DECLS

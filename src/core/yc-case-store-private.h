/* yc-case-store-private.h: what only libyichuang sees of the case store
 *
 * The store is split by concern, each file sharing this header:
 * yc-case-store.c (the database, its schema, cases and drafts),
 * yc-case-store-search.c (what a case is found by), yc-case-store-outbox.c
 * (the events still to send), yc-case-store-remote.c (the central
 * service's events folded in) and yc-case-store-cache.c (the catalog and
 * the calendar last downloaded).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "yc-case-list.h"
#include "yc-case-store.h"

G_BEGIN_DECLS

struct _YcCaseStore
{
  GObject  parent_instance;

  sqlite3      *db;
  char         *path;
  sqlite3_stmt *search_delete;  /* kept: a rebuild runs them a million times */
  sqlite3_stmt *search_insert;

  /* the drafts' writer (yc-case-store-writer.c); the lock guards the rest */
  GThread       *writer;
  GMainContext  *writer_context;  /* where YcCaseStore::draft-saved is emitted */
  YcCaseStore  **writer_link;
  GMutex         writer_lock;
  GCond          writer_cond;
  GQueue        *writer_queue;    /* case ids, oldest first, each once */
  GHashTable    *writer_pending;  /* case id → the newest state queued */
  const char    *writer_in_flight;
  gboolean       writer_stop;
};

/* the columns _yc_case_new_from_row() reads, in its order */
#define YC_CASE_COLUMNS "id, code, name, version, state, official_no, applicant, problem, updated, delivery, delivery_note," \
  " clerk, helper, promised_by, waiting, decided"

/* A finished case keeps no promise: refused at the window, result ready,
 * or delivered. The SQL form is in schema 6's partial index
 * `cases_open_promised` and in the overdue filter; the C form in
 * yc_case_is_finished(); they say the same, here. */
#define YC_CASE_FINISHED_SQL "state IN ('refused', 'result-ready', 'delivered')"
#define YC_CASE_FINISHED_STATES { "refused", "result-ready", "delivered" }

YcCase    *_yc_case_new_from_row            (sqlite3_stmt  *stmt);
gboolean   _yc_case_same_reading            (YcCase        *a,
                                             YcCase        *b);

sqlite3   *_yc_case_store_get_db            (YcCaseStore   *self);
typedef gboolean (*YcCaseStoreRow) (YcCaseStore   *self,
                                    sqlite3_stmt  *stmt,
                                    gpointer       user_data,
                                    GError       **error);
gboolean   _yc_case_store_upgrade_rows      (YcCaseStore    *self,
                                             const char     *flag,
                                             const char     *before,
                                             const char     *select,
                                             YcCaseStoreRow  row,
                                             gpointer        user_data,
                                             GError        **error);
gboolean   _yc_case_store_refresh_columns   (YcCaseStore   *self,
                                             const char    *case_id,
                                             GError       **error);
GPtrArray *_yc_case_store_read_cases        (YcCaseStore   *self,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
gboolean   _yc_case_store_insert_event      (YcCaseStore   *self,
                                             JsonObject    *event,
                                             const char    *origin,
                                             GError       **error);
void       _yc_case_store_emit_changed      (YcCaseStore   *self,
                                             GPtrArray     *case_ids);
void       _yc_case_store_emit_case_changed (YcCaseStore   *self,
                                             const char    *case_id);
void       _yc_case_store_emit_outbox       (YcCaseStore   *self);

void       _yc_case_store_emit_draft_saved  (YcCaseStore   *self,
                                             const char    *case_id,
                                             const GError  *error);

/* yc-case-store-writer.c */
void       _yc_case_store_init_writer       (YcCaseStore   *self);
void       _yc_case_store_clear_writer      (YcCaseStore   *self);
void       _yc_case_store_stop_writer       (YcCaseStore   *self);
void       _yc_case_store_wait_drafts       (YcCaseStore   *self,
                                             const char    *case_id,
                                             gboolean       supersede);

/* yc-case-store-search.c */
char      *_yc_case_store_search_key        (const char    *text);
gboolean   _yc_case_store_index_case        (YcCaseStore   *self,
                                             const char    *case_id,
                                             JsonObject    *values,
                                             GError       **error);
gboolean   _yc_case_store_touch_search      (YcCaseStore   *self,
                                             const char    *case_id,
                                             const char    *updated,
                                             GError       **error);
gboolean   _yc_case_store_rebuild_search    (YcCaseStore   *self,
                                             GError       **error);

/* what a YcCaseFilter lists, for yc-case-list.c */
gboolean   _yc_case_store_count_filtered    (YcCaseStore   *self,
                                             YcCaseFilter   filter,
                                             const char    *me,
                                             const char    *today,
                                             guint         *n,
                                             GError       **error);
gboolean   _yc_case_store_any_filtered      (YcCaseStore   *self,
                                             YcCaseFilter   filter,
                                             const char    *me,
                                             const char    *today,
                                             const char * const *case_ids,
                                             gboolean      *any,
                                             GError       **error);
gboolean   _yc_case_store_sample_filtered   (YcCaseStore   *self,
                                             YcCaseFilter   filter,
                                             const char    *me,
                                             const char    *today,
                                             const char    *after_updated,
                                             const char    *after_id,
                                             guint          step,
                                             gint64         until,
                                             GPtrArray     *keys,
                                             gboolean      *ended,
                                             GError       **error);
GPtrArray *_yc_case_store_read_filtered     (YcCaseStore   *self,
                                             YcCaseFilter   filter,
                                             const char    *me,
                                             const char    *today,
                                             const char    *after_updated,
                                             const char    *after_id,
                                             gboolean       backwards,
                                             guint          offset,
                                             guint          limit,
                                             GError       **error);

G_END_DECLS

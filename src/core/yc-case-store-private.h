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

#include "yc-case-store.h"

G_BEGIN_DECLS

struct _YcCaseStore
{
  GObject  parent_instance;

  sqlite3      *db;
  char         *path;
  sqlite3_stmt *search_delete;  /* kept: a rebuild runs them a million times */
  sqlite3_stmt *search_insert;
};

/* the columns _yc_case_new_from_row() reads, in its order */
#define YC_CASE_COLUMNS "id, code, name, version, state, official_no, applicant, problem, updated, delivery, delivery_note"

YcCase    *_yc_case_new_from_row            (sqlite3_stmt  *stmt);
gboolean   _yc_case_same_reading            (YcCase        *a,
                                             YcCase        *b);

sqlite3   *_yc_case_store_get_db            (YcCaseStore   *self);
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

G_END_DECLS

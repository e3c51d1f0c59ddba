/* yc-case-store-private.h: what only libyichuang sees of the case store
 *
 * The store's code is split by concern, each file sharing this header:
 * yc-case-store.c (the database, its schema, cases and drafts),
 * yc-case-store-search.c (what a case is found by), yc-case-store-outbox.c
 * (the events still to send), yc-case-store-remote.c (the central
 * service's events folded in) and yc-case-store-cache.c (the catalog and
 * calendar last downloaded).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "yc-case-store.h"

G_BEGIN_DECLS

/* the columns _yc_case_new_from_row() reads, in its order */
#define YC_CASE_COLUMNS "id, code, name, version, state, official_no, applicant, problem, updated, delivery, delivery_note"

YcCase   *_yc_case_new_from_row        (sqlite3_stmt *stmt);
gboolean  _yc_case_same_reading        (YcCase       *a,
                                        YcCase       *b);

sqlite3  *_yc_case_store_get_db        (YcCaseStore  *self);
GPtrArray *_yc_case_store_read_cases   (YcCaseStore  *self,
                                        sqlite3_stmt *stmt,
                                        GError      **error);
void      _yc_case_store_emit_changed  (YcCaseStore  *self,
                                        GPtrArray    *case_ids);
void      _yc_case_store_emit_outbox   (YcCaseStore  *self);

G_END_DECLS

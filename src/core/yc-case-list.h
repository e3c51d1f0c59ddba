/* yc-case-list.h: a list of cases over the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "yc-case-store.h"

G_BEGIN_DECLS

/* The case list's tabs: what a clerk starts the day from */
typedef enum
{
  YC_CASE_FILTER_TODAY,    /* decided at the window today */
  YC_CASE_FILTER_MINE,     /* taken by me, or carried by me as the helper */
  YC_CASE_FILTER_WAITING,  /* waiting for 补正 (一次性告知) or for 容缺 materials */
  YC_CASE_FILTER_OVERDUE,  /* past the promised date and not finished */
  YC_CASE_FILTER_ALL,
} YcCaseFilter;

gboolean    yc_case_filter_from_string (const char   *text,
                                        YcCaseFilter *filter);
const char *yc_case_filter_to_string   (YcCaseFilter  filter);

#define YC_TYPE_CASE_LIST (yc_case_list_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseList, yc_case_list, YC, CASE_LIST, GObject)

YcCaseList *yc_case_list_new_in_state (YcCaseStore  *store,
                                       YcCaseState   state,
                                       guint         limit);
YcCaseList *yc_case_list_new_search   (YcCaseStore  *store,
                                       guint         limit);
YcCaseList *yc_case_list_new_outbox   (YcCaseStore  *store);
YcCaseList *yc_case_list_new_filtered (YcCaseStore  *store,
                                       YcCaseFilter  filter,
                                       const char   *me,
                                       const GDate  *today);
gboolean    yc_case_list_set_query    (YcCaseList   *self,
                                       const char   *query,
                                       GError      **error);

G_END_DECLS

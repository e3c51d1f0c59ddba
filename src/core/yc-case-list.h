/* yc-case-list.h: a list of cases over the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "yc-case-store.h"

G_BEGIN_DECLS

#define YC_TYPE_CASE_LIST (yc_case_list_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseList, yc_case_list, YC, CASE_LIST, GObject)

YcCaseList *yc_case_list_new_in_state (YcCaseStore  *store,
                                       YcCaseState   state,
                                       guint         limit);
YcCaseList *yc_case_list_new_search   (YcCaseStore  *store,
                                       guint         limit);
YcCaseList *yc_case_list_new_outbox   (YcCaseStore  *store);
gboolean    yc_case_list_set_query    (YcCaseList   *self,
                                       const char   *query,
                                       GError      **error);

G_END_DECLS

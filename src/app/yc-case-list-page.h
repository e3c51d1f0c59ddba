/* yc-case-list-page.h: the first screen, the cases of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_CASE_LIST_PAGE (yc_case_list_page_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseListPage, yc_case_list_page, YC, CASE_LIST_PAGE, AdwBin)

void yc_case_list_page_set_context  (YcCaseListPage *self,
                                     YcContext      *context);
void yc_case_list_page_focus_search (YcCaseListPage *self);

G_END_DECLS

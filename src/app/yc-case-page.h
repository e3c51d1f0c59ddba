/* yc-case-page.h: one case after its decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_CASE_PAGE (yc_case_page_get_type ())
G_DECLARE_FINAL_TYPE (YcCasePage, yc_case_page, YC, CASE_PAGE, GtkWidget)

GtkWidget  *yc_case_page_new         (YcContext  *context);
YcContext  *yc_case_page_get_context (YcCasePage *self);
const char *yc_case_page_get_case_id (YcCasePage *self);
void        yc_case_page_set_case_id (YcCasePage *self,
                                      const char *case_id);
void        yc_case_page_print_documents (YcCasePage              *self,
                                          gboolean                 reprint,
                                          GtkPrintOperationAction  action);
void        yc_case_page_save_documents  (YcCasePage              *self,
                                          GFile                   *target);
gboolean    yc_case_page_is_busy         (YcCasePage              *self);

G_END_DECLS

/* yc-case-row.h: one case in the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_CASE_ROW (yc_case_row_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseRow, yc_case_row, YC, CASE_ROW, GtkWidget)

GtkWidget  *yc_case_row_new          (void);
void        yc_case_row_set_case     (YcCaseRow   *self,
                                      YcCase      *c,
                                      const char  *light,
                                      const char  *light_text);
const char *yc_case_row_get_case_id  (YcCaseRow   *self);
const char *yc_case_row_get_light    (YcCaseRow   *self);

G_END_DECLS

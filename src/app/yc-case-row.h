/* yc-case-row.h: one case in the list of cases found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_CASE_ROW (yc_case_row_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseRow, yc_case_row, YC, CASE_ROW, AdwActionRow)

GtkWidget *yc_case_row_new (YcCase     *c,
                            const char *applicant);

G_END_DECLS

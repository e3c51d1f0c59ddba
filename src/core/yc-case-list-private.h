/* yc-case-list-private.h: what the tests see of a filtered list's keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-case-list.h"

G_BEGIN_DECLS

void     _yc_case_list_set_sample_step (YcCaseList *self,
                                        guint       step);
guint    _yc_case_list_get_n_keys      (YcCaseList *self);
gboolean _yc_case_list_has_page        (YcCaseList *self,
                                        guint       page);
guint    _yc_case_list_get_last_skipped (YcCaseList *self);

G_END_DECLS

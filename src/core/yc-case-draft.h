/* yc-case-draft.h: the case a form at the window becomes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-case-store.h"
#include "yc-form.h"

G_BEGIN_DECLS

#define YC_TYPE_CASE_DRAFT (yc_case_draft_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseDraft, yc_case_draft, YC, CASE_DRAFT, GObject)

YcCaseDraft *yc_case_draft_new       (YcCaseStore  *store,
                                      YcForm       *form,
                                      const char   *case_id,
                                      const char   *catalog_version);
YcCaseStore *yc_case_draft_get_store (YcCaseDraft  *self);
YcForm      *yc_case_draft_get_form  (YcCaseDraft  *self);
const char  *yc_case_draft_get_id    (YcCaseDraft  *self);
const char  *yc_case_draft_ensure    (YcCaseDraft  *self,
                                      GError      **error);
gboolean     yc_case_draft_save      (YcCaseDraft  *self,
                                      GError      **error);
gboolean     yc_case_draft_leave     (YcCaseDraft  *self,
                                      GError      **error);

G_END_DECLS

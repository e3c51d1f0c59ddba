/* yc-intake.h: the intake event, the window's whole act on a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-case-store.h"
#include "yc-form.h"

G_BEGIN_DECLS

gboolean yc_intake_submit (YcCaseStore  *store,
                           const char   *case_id,
                           YcForm       *form,
                           YcDecision    decision,
                           const char   *reason,
                           const char   *advice,
                           GError      **error);

G_END_DECLS

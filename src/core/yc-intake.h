/* yc-intake.h: the intake event, the window's whole act on a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-calendar.h"
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
gboolean yc_intake_submit_dated (YcCaseStore  *store,
                                 const char   *case_id,
                                 YcForm       *form,
                                 YcDecision    decision,
                                 const char   *reason,
                                 const char   *advice,
                                 YcCalendar   *calendar,
                                 const GDate  *accepted,
                                 GError      **error);
gboolean yc_intake_submit_helped (YcCaseStore  *store,
                                  const char   *case_id,
                                  YcForm       *form,
                                  YcDecision    decision,
                                  const char   *reason,
                                  const char   *advice,
                                  JsonObject   *helper,
                                  YcCalendar   *calendar,
                                  const GDate  *accepted,
                                  GError      **error);
void     yc_intake_add_dates    (JsonObject   *data,
                                 YcForm       *form,
                                 YcDecision    decision,
                                 YcCalendar   *calendar,
                                 const GDate  *accepted);
char    *yc_intake_check_dates  (JsonObject   *data,
                                 YcForm       *form,
                                 YcDecision    decision,
                                 YcCalendar   *calendar,
                                 const char  **field);
YcFormProblem *yc_intake_check_told (JsonObject *data,
                                    YcForm     *form);
char    *yc_intake_check_supply (YcForm       *form,
                                 YcCalendar   *calendar,
                                 const GDate  *accepted);
char    *yc_intake_get_supply_limit (const YcFormMaterial *material,
                                     YcCalendar           *calendar,
                                     const GDate          *accepted);

G_END_DECLS

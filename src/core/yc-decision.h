/* yc-decision.h: what each of the window's four decisions needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-form.h"

G_BEGIN_DECLS

#define YC_DECISION_ERROR (yc_decision_error_quark ())

typedef enum
{
  YC_DECISION_ERROR_NOT_MET,
} YcDecisionError;

GQuark     yc_decision_error_quark (void);
GPtrArray *yc_decision_check       (YcForm     *form,
                                    YcDecision  decision,
                                    const char *reason,
                                    const char *advice);
void       yc_decision_check_each  (YcForm     *form,
                                    GPtrArray  *problems[YC_DECISION_REJECT + 1]);

G_END_DECLS

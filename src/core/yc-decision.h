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

/* one line of a 一次性告知 */
typedef struct
{
  char *key;   /* the material id or the field key */
  char *what;  /* what is missing or wrong */
  char *todo;  /* what to do about it */
} YcNoticeEntry;

void       yc_notice_entry_free    (YcNoticeEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcNoticeEntry, yc_notice_entry_free)

GQuark     yc_decision_error_quark (void);
GPtrArray *yc_decision_check       (YcForm     *form,
                                    YcDecision  decision,
                                    const char *reason,
                                    const char *advice);
void       yc_decision_check_each  (YcForm     *form,
                                    GPtrArray  *problems[YC_DECISION_REJECT + 1]);
GPtrArray *yc_decision_list_notice    (YcForm     *form);
JsonArray *yc_decision_notice_to_json (GPtrArray  *notice);

G_END_DECLS

/* yc-back-office.h: what a department does with the cases routed to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-central-storage.h"

G_BEGIN_DECLS

typedef enum
{
  YC_BACK_OFFICE_NONE,
  YC_BACK_OFFICE_ACCEPT,        /* the department took the case */
  YC_BACK_OFFICE_APPROVE,
  YC_BACK_OFFICE_REJECT,        /* 不予许可, with a reason */
  YC_BACK_OFFICE_RESULT_READY,  /* the result waits at the window or goes by post */
} YcBackOfficeAction;

YcBackOfficeAction  yc_back_office_action_from_string (const char        *text);
gboolean            yc_back_office_is_state           (const char        *state);
JsonObject         *yc_back_office_find_case          (YcCentralStorage  *storage,
                                                       const char        *department,
                                                       const char        *official_no,
                                                       GError           **error);
JsonObject         *yc_back_office_act                (YcCentralStorage  *storage,
                                                       const char        *department,
                                                       const char        *official_no,
                                                       YcBackOfficeAction action,
                                                       const char        *actor,
                                                       JsonObject        *details,
                                                       GError           **error);

G_END_DECLS

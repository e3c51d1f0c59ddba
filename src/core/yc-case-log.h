/* yc-case-log.h: a case's log folded, and the steps after the decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yc-calendar.h"
#include "yc-form.h"

G_BEGIN_DECLS

#define YC_CASE_LOG_ERROR (yc_case_log_error_quark ())

typedef enum
{
  YC_CASE_LOG_ERROR_NOT_NOW,   /* the step does not fit where the case stands */
  YC_CASE_LOG_ERROR_INVALID,   /* the step's data is wrong */
} YcCaseLogError;

/* How long the office has to follow up a bad rating, in working days */
#define YC_FOLLOW_UP_DAYS 15

#define YC_TYPE_CASE_LOG (yc_case_log_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseLog, yc_case_log, YC, CASE_LOG, GObject)

GQuark       yc_case_log_error_quark        (void);
YcCaseLog   *yc_case_log_new                (GPtrArray    *events);
YcCaseLog   *yc_case_log_new_from_array     (JsonArray    *events);
gboolean     yc_case_log_check_step         (YcCaseLog    *self,
                                             const char   *type,
                                             JsonObject   *data,
                                             YcCalendar   *calendar,
                                             const GDate  *today,
                                             GError      **error);
gboolean     yc_case_log_check_step_field   (YcCaseLog    *self,
                                             const char   *type,
                                             JsonObject   *data,
                                             YcCalendar   *calendar,
                                             const GDate  *today,
                                             const char  **field,
                                             GError      **error);
gboolean     yc_case_log_check_intake       (YcCaseLog    *self,
                                             JsonObject   *data,
                                             const char  **field,
                                             GError      **error);
gboolean     yc_case_log_check_helper       (JsonObject   *helper,
                                             YcForm       *form,
                                             const char  **field,
                                             GError      **error);
GPtrArray   *yc_case_log_next_steps         (YcCaseLog    *self);

guint        yc_case_log_get_round          (YcCaseLog    *self);
const char  *yc_case_log_get_decision       (YcCaseLog    *self);
JsonObject  *yc_case_log_get_form           (YcCaseLog    *self);
JsonObject  *yc_case_log_get_intake         (YcCaseLog    *self);
const char  *yc_case_log_get_official_no    (YcCaseLog    *self);
JsonArray   *yc_case_log_get_open_supply    (YcCaseLog    *self);
GPtrArray   *yc_case_log_get_missing        (YcCaseLog    *self);
const char  *yc_case_log_get_waiting        (YcCaseLog    *self);
gboolean     yc_case_log_is_result_ready    (YcCaseLog    *self);
gboolean     yc_case_log_is_delivered       (YcCaseLog    *self);
gboolean     yc_case_log_is_evaluated       (YcCaseLog    *self);
gboolean     yc_case_log_get_follow_up      (YcCaseLog    *self,
                                             GDate        *due);
const char  *yc_case_log_get_helper_name    (YcCaseLog    *self);
const char  *yc_case_log_get_helper_id      (YcCaseLog    *self);

const char * const *yc_evaluation_get_ratings    (void);
const char  *yc_evaluation_rating_label          (const char *rating);
gboolean     yc_evaluation_rating_needs_reason   (const char *rating);
const char * const *yc_evaluation_get_categories (void);
const char  *yc_evaluation_category_label        (const char *category);
const char  *yc_case_step_label                  (const char *type);

char        *yc_case_event_describe         (JsonObject   *event);

G_END_DECLS

/* yc-case.h: a case as the station knows it, and where it stands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yc-calendar.h"

G_BEGIN_DECLS

/* Where a case stands. The states from registered on are the types of the
 * events that brought it there (yc-event.h), the central service's
 * vocabulary as well as the station's. */
typedef enum
{
  YC_CASE_STATE_OTHER,         /* a state this program does not know, from a newer service */
  YC_CASE_STATE_DRAFT,         /* being taken at the window: the one mutable thing */
  YC_CASE_STATE_SUBMITTED,     /* taken, waiting in the outbox */
  YC_CASE_STATE_SET_ASIDE,     /* the central service refused it for good */
  YC_CASE_STATE_REGISTERED,    /* the central service gave it its official number */
  YC_CASE_STATE_NOTIFIED,      /* 一次性告知: registered, told what is missing */
  YC_CASE_STATE_REFUSED,       /* 不予受理: registered, with the reason and where to go */
  YC_CASE_STATE_ROUTED,
  YC_CASE_STATE_ACCEPTED,      /* taken by its department */
  YC_CASE_STATE_APPROVED,
  YC_CASE_STATE_REJECTED,      /* not approved, with the department's reason */
  YC_CASE_STATE_RESULT_READY,
  YC_CASE_STATE_DELIVERED,     /* the result reached the applicant (yc-case-log.c) */
} YcCaseState;

YcCaseState  yc_case_state_from_string (const char  *text);
const char  *yc_case_state_to_string   (YcCaseState  state);
const char  *yc_case_state_get_label   (YcCaseState  state);

gboolean     yc_case_number_parse      (const char  *text,
                                        char       **station,
                                        char       **clerk_no,
                                        guint       *sub_case);

/* The 红黄牌 of a case's promised date (yc_case_get_light) */
typedef enum
{
  YC_CASE_LIGHT_NONE,    /* no promised date, or the case is finished */
  YC_CASE_LIGHT_GREEN,
  YC_CASE_LIGHT_YELLOW,  /* the promised date is near */
  YC_CASE_LIGHT_RED,     /* the promised date is very near, or past */
} YcCaseLight;

/* The defaults of the settings yellow-card-days and red-card-days
 * (data/cn.gov.yichuang.Yichuang.gschema.xml), for where the settings are
 * not installed (the support commands) */
#define YC_CASE_LIGHT_YELLOW_DAYS 2
#define YC_CASE_LIGHT_RED_DAYS    0

const char  *yc_case_light_to_string   (YcCaseLight  light);
const char  *yc_case_light_get_label   (YcCaseLight  light);

#define YC_TYPE_CASE (yc_case_get_type ())
G_DECLARE_FINAL_TYPE (YcCase, yc_case, YC, CASE, GObject)

const char  *yc_case_get_id            (YcCase      *self);
const char  *yc_case_get_code          (YcCase      *self);
const char  *yc_case_get_name          (YcCase      *self);
guint        yc_case_get_version       (YcCase      *self);
YcCaseState  yc_case_get_state         (YcCase      *self);
const char  *yc_case_get_official_no   (YcCase      *self);
const char  *yc_case_get_applicant     (YcCase      *self);
const char  *yc_case_get_problem       (YcCase      *self);
const char  *yc_case_get_updated       (YcCase      *self);
const char  *yc_case_get_delivery      (YcCase      *self);
const char  *yc_case_get_delivery_note (YcCase      *self);
const char  *yc_case_get_clerk         (YcCase      *self);
const char  *yc_case_get_helper        (YcCase      *self);
const char  *yc_case_get_promised_by   (YcCase      *self);
const char  *yc_case_get_waiting       (YcCase      *self);
const char  *yc_case_get_decided       (YcCase      *self);
gboolean     yc_case_is_finished       (YcCase      *self);
YcCaseLight  yc_case_get_light         (YcCase      *self,
                                        YcCalendar  *calendar,
                                        const GDate *today,
                                        guint        yellow_days,
                                        guint        red_days);
char        *yc_case_describe          (YcCase      *self);
JsonObject  *yc_case_to_json           (YcCase      *self);

G_END_DECLS

/* yc-calendar.h: the working-day calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define YC_CALENDAR_ERROR (yc_calendar_error_quark ())

typedef enum
{
  YC_CALENDAR_ERROR_IO,
  YC_CALENDAR_ERROR_INVALID,
  YC_CALENDAR_ERROR_OUTSIDE,   /* a day of a year the calendar does not have */
} YcCalendarError;

typedef enum
{
  YC_DAY_OUTSIDE,   /* the calendar cannot say */
  YC_DAY_WORKING,   /* Monday to Friday, no holiday */
  YC_DAY_WEEKEND,
  YC_DAY_HOLIDAY,   /* a day off of a holiday period (放假) */
  YC_DAY_MAKEUP,    /* a weekend day worked instead (调休上班) */
} YcDayKind;

#define YC_TYPE_CALENDAR (yc_calendar_get_type ())
G_DECLARE_FINAL_TYPE (YcCalendar, yc_calendar, YC, CALENDAR, GObject)

GQuark      yc_calendar_error_quark      (void);
YcCalendar *yc_calendar_load_directory   (const char    *path,
                                          GPtrArray     *problems,
                                          GError       **error);
YcCalendar *yc_calendar_load_document    (GBytes        *document,
                                          const char    *origin,
                                          GPtrArray     *problems,
                                          GError       **error);
YcCalendar *yc_calendar_new_builtin      (void);
GBytes     *yc_calendar_to_document      (YcCalendar    *self);
guint       yc_calendar_get_first_year   (YcCalendar    *self);
guint       yc_calendar_get_last_year    (YcCalendar    *self);
YcDayKind   yc_calendar_get_day          (YcCalendar    *self,
                                          const GDate   *date,
                                          const char   **name);
gboolean    yc_calendar_is_working_day   (YcCalendar    *self,
                                          const GDate   *date,
                                          gboolean      *working,
                                          GError       **error);
gboolean    yc_calendar_add_working_days (YcCalendar    *self,
                                          const GDate   *accepted,
                                          guint          days,
                                          GDate         *due,
                                          GError       **error);

gboolean    yc_date_parse                (const char    *text,
                                          GDate         *date);
char       *yc_date_format               (const GDate   *date);
void        yc_today                     (GDate         *date);

G_END_DECLS

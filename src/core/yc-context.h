/* yc-context.h: what every view of a clerk profile works with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "yc-calendar.h"
#include "yc-case-store.h"
#include "yc-catalog.h"
#include "yc-sync.h"

G_BEGIN_DECLS

#define YC_TYPE_CONTEXT (yc_context_get_type ())
G_DECLARE_FINAL_TYPE (YcContext, yc_context, YC, CONTEXT, GObject)

YcContext   *yc_context_new              (YcCaseStore *store,
                                          YcSync      *sync,
                                          GSettings   *settings);
YcCaseStore *yc_context_get_store        (YcContext   *self);
YcSync      *yc_context_get_sync         (YcContext   *self);
GSettings   *yc_context_get_settings     (YcContext   *self);
YcCatalog   *yc_context_get_catalog      (YcContext   *self);
YcCalendar  *yc_context_get_calendar     (YcContext   *self);
const char  *yc_context_get_clerk        (YcContext   *self);
const char  *yc_context_get_station      (YcContext   *self);
const char  *yc_context_get_station_name (YcContext   *self);

G_END_DECLS

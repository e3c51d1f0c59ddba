/* yc-sync-scheduler.h: when the station syncs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-sync.h"

G_BEGIN_DECLS

#define YC_TYPE_SYNC_SCHEDULER (yc_sync_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (YcSyncScheduler, yc_sync_scheduler, YC, SYNC_SCHEDULER, GObject)

YcSyncScheduler *yc_sync_scheduler_new          (YcSync          *sync);
void             yc_sync_scheduler_run_now      (YcSyncScheduler *self);
gboolean         yc_sync_scheduler_get_running  (YcSyncScheduler *self);
gint64           yc_sync_scheduler_get_next_run (YcSyncScheduler *self);
gboolean         yc_sync_scheduler_get_stopped  (YcSyncScheduler *self);

G_END_DECLS

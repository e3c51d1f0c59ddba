/* yc-sync-scheduler.c: when the station syncs
 *
 * A run at once when the scheduler is made, then one every interval while
 * the runs go well, further apart (yc_sync_next_delay()) while they fail,
 * one soon after the network comes back, and one at once when asked
 * (Sync Now, a case just submitted). A run asked for while one is under
 * way follows it at once.
 *
 * The invariant, from construction to dispose: either a run is under way,
 * or the next one is armed. A waiting event is therefore always retried:
 * a run always ends (yc_sync_run_async() reports at its deadline at the
 * latest), and every end arms the next. Nothing else removes the timer
 * without arming another or starting a run, not even an unenrolled
 * station, whose run fails at once and is tried again an interval later.
 * The one exception: a token the service revoked, or that expired, will
 * not be good again, and trying it would only fill the service's log, so
 * the schedule stops (#YcSyncScheduler:stopped) until a run is asked for
 * (the station enrolled again).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-sync-scheduler.h"

/* seconds after the network comes back: the line settles first */
#define NETWORK_DELAY 1

struct _YcSyncScheduler
{
  GObject       parent_instance;

  YcSync       *sync;
  GCancellable *cancellable;
  guint         interval;
  guint         timeout_id;
  gint64        next_run;   /* monotonic time of the armed run; 0 while one is under way */
  gboolean      running;
  gboolean      again;      /* a run was asked for while one was under way */
  gboolean      stopped;    /* the token was revoked or expired: nothing armed */
};

G_DEFINE_FINAL_TYPE (YcSyncScheduler, yc_sync_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYNC,
  PROP_INTERVAL,
  PROP_RUNNING,
  PROP_STOPPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void arm (YcSyncScheduler *self, guint seconds);

static void
set_running (YcSyncScheduler *self,
             gboolean         running)
{
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(YcSyncScheduler) self = user_data;
  g_autoptr(GError) error = NULL;

  /* a station not enrolled yet says so in its window, not every interval
   * in the journal */
  gboolean ok = yc_sync_run_finish (YC_SYNC (object), result, &error);

  if (!ok &&
      !g_error_matches (error, YC_SYNC_ERROR, YC_SYNC_ERROR_NOT_ENROLLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Sync: %s", error->message);
  /* disposed: nothing is armed again */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (g_error_matches (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REVOKED) && !self->again)
    {
      self->stopped = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOPPED]);
    }
  else if (self->again)
    arm (self, 0);
  else
    arm (self, yc_sync_next_delay (yc_sync_get_failures (self->sync), self->interval));
  self->again = FALSE;
  set_running (self, FALSE);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  YcSyncScheduler *self = user_data;

  self->timeout_id = 0;
  self->next_run = 0;
  set_running (self, TRUE);
  yc_sync_run_async (self->sync, self->cancellable, on_run_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Arms the next run in @seconds, in place of the one armed. */
static void
arm (YcSyncScheduler *self,
     guint            seconds)
{
  g_assert (!self->running || self->timeout_id == 0);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->next_run = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  if (seconds == 0)
    self->timeout_id = g_idle_add (on_timeout_cb, self);
  else
    self->timeout_id = g_timeout_add_seconds (seconds, on_timeout_cb, self);
}

/* Arms a run in @seconds, sooner than the one armed if need be; while a run
 * is under way, the next follows it at once. */
static void
ask (YcSyncScheduler *self,
     guint            seconds)
{
  if (self->stopped && seconds == 0)
    {
      self->stopped = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOPPED]);
      arm (self, 0);
    }
  else if (self->stopped)
    return;
  else if (self->running)
    self->again = TRUE;
  else if (self->next_run > g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC)
    arm (self, seconds);
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       YcSyncScheduler *self)
{
  if (available)
    ask (self, NETWORK_DELAY);
}

/**
 * yc_sync_scheduler_new:
 * @sync: the exchange it runs
 *
 * Returns: (transfer full): a scheduler whose first run starts at the next
 *   iteration of the main loop
 */
YcSyncScheduler *
yc_sync_scheduler_new (YcSync *sync)
{
  g_return_val_if_fail (YC_IS_SYNC (sync), NULL);

  return g_object_new (YC_TYPE_SYNC_SCHEDULER, "sync", sync, NULL);
}

/**
 * yc_sync_scheduler_run_now:
 *
 * Starts a run at once, or right after the one under way.
 */
void
yc_sync_scheduler_run_now (YcSyncScheduler *self)
{
  g_return_if_fail (YC_IS_SYNC_SCHEDULER (self));

  ask (self, 0);
}

gboolean
yc_sync_scheduler_get_running (YcSyncScheduler *self)
{
  g_return_val_if_fail (YC_IS_SYNC_SCHEDULER (self), FALSE);
  return self->running;
}

/**
 * yc_sync_scheduler_get_next_run:
 *
 * Returns: the monotonic time (g_get_monotonic_time()) the next run is
 *   armed for, or 0 while a run is under way
 */
gboolean
yc_sync_scheduler_get_stopped (YcSyncScheduler *self)
{
  g_return_val_if_fail (YC_IS_SYNC_SCHEDULER (self), FALSE);
  return self->stopped;
}

gint64
yc_sync_scheduler_get_next_run (YcSyncScheduler *self)
{
  g_return_val_if_fail (YC_IS_SYNC_SCHEDULER (self), 0);
  return self->next_run;
}

static void
yc_sync_scheduler_constructed (GObject *object)
{
  YcSyncScheduler *self = (YcSyncScheduler *)object;

  G_OBJECT_CLASS (yc_sync_scheduler_parent_class)->constructed (object);

  g_assert (self->sync != NULL);
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed_cb), self, 0);
  arm (self, 0);
}

static void
yc_sync_scheduler_dispose (GObject *object)
{
  YcSyncScheduler *self = (YcSyncScheduler *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (yc_sync_scheduler_parent_class)->dispose (object);
}

static void
yc_sync_scheduler_finalize (GObject *object)
{
  YcSyncScheduler *self = (YcSyncScheduler *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (yc_sync_scheduler_parent_class)->finalize (object);
}

static void
yc_sync_scheduler_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YcSyncScheduler *self = YC_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_STOPPED:
      g_value_set_boolean (value, self->stopped);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_sync_scheduler_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YcSyncScheduler *self = YC_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      self->sync = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      self->interval = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_sync_scheduler_class_init (YcSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = yc_sync_scheduler_constructed;
  object_class->dispose = yc_sync_scheduler_dispose;
  object_class->finalize = yc_sync_scheduler_finalize;
  object_class->get_property = yc_sync_scheduler_get_property;
  object_class->set_property = yc_sync_scheduler_set_property;

  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, YC_TYPE_SYNC,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * YcSyncScheduler:interval:
   *
   * Seconds between two runs while they go well; what the back-off after
   * failed runs starts from. It applies from the next run on.
   */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, 86400, 60,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * YcSyncScheduler:stopped:
   *
   * The service refused the token for good (revoked or expired): no run
   * is armed until one is asked for with yc_sync_scheduler_run_now().
   */
  properties[PROP_STOPPED] =
    g_param_spec_boolean ("stopped", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yc_sync_scheduler_init (YcSyncScheduler *self)
{
  self->cancellable = g_cancellable_new ();
  self->interval = 60;
}

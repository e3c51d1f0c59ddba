/* test-faults.c: a week offline, nothing lost, nothing twice
 *
 * A station that took 200 cases with the service down, a sync killed
 * again and again at random moments, and a service that answers every way
 * a service should not: each ends with every event at the service exactly
 * once, in order, and nothing left waiting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "yc-fault-proxy.h"
#include "yc-test-station.h"

static void
test_offline_200 (void)
{
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autoptr(YcTestStation) station = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = NULL;

  yc_test_central_start (central, "", NULL);
  station = yc_test_station_new (central, NULL, NULL);
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);

  yc_test_central_stop (central);
  for (guint i = 0; i < 200; i++)
    g_free (yc_test_station_take_case (station, NULL));
  g_assert_false (yc_test_station_sync (station, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  waiting = yc_test_station_outbox (station);
  g_assert_cmpuint (waiting->len, ==, 200);

  yc_test_central_start (central, "", NULL);
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
  yc_test_station_check_delivered (station);
}

#ifdef YC_CLIENT_BIN
#define KILL_ROUNDS      25
#define KILL_MAX_MS      700

/* `yichuang sync --once` killed at a random moment, again and again, while
 * a few hundred events wait: whatever moment the kill hits (the handshake,
 * a batch the service stored but the station did not hear of, a page of
 * changes half applied), the next run finishes the work and nothing is
 * sent twice. YC_TEST_SEED replays a run. */
static void
test_sigkill (void)
{
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autoptr(YcTestStation) station = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *out = NULL;
  const char *seed_text = g_getenv ("YC_TEST_SEED");
  guint32 seed = seed_text ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : g_random_int ();
  guint killed = 0;
  int status;

  g_test_message ("seed %u: YC_TEST_SEED=%u replays this run", seed, seed);
  rand = g_rand_new_with_seed (seed);

  yc_test_central_start (central, "", NULL);
  station = yc_test_station_new (central, NULL, NULL);
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    g_free (yc_test_station_take_case (station, NULL));

  for (guint round = 0; round < KILL_ROUNDS; round++)
    {
      const char *argv[] = { YC_CLIENT_BIN, "sync", "--once", "--data-dir", station->profile, NULL };
      g_autoptr(GSubprocess) process = NULL;
      guint delay = g_rand_int_range (rand, 0, KILL_MAX_MS);
      guint before, after;

      /* the station goes on taking cases between the runs */
      for (guint i = 0; i < 30; i++)
        g_free (yc_test_station_take_case (station, NULL));
      before = yc_case_store_outbox_count (station->store, NULL);
      yc_test_station_close (station);

      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
      g_assert_no_error (error);
      g_usleep (delay * G_TIME_SPAN_MILLISECOND);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);

      /* the store opens after every kill */
      yc_test_station_open (station);
      yc_test_check_integrity (station->path);
      after = yc_case_store_outbox_count (station->store, NULL);
      if (g_subprocess_get_if_signaled (process))
        killed++;
      g_test_message ("round %u: %s after %u ms; %u events waiting before, %u after", round,
                      g_subprocess_get_if_signaled (process) ? "killed" : "finished", delay, before, after);
    }
  g_test_message ("%u of %u runs killed", killed, KILL_ROUNDS);

  yc_test_station_close (station);
  out = yc_test_station_run_client (station, &status, "sync", "--once", NULL);
  g_assert_cmpint (status, ==, 0);
  yc_test_station_open (station);
  yc_test_station_check_delivered (station);
}
#endif

/* A service that misbehaves on one endpoint */

typedef struct
{
  const char  *path;
  YcFaultMode  mode;
  int          code;
  const char  *words;    /* what the station's message must say */
} FaultCase;

static const FaultCase fault_cases[] = {
  { "/api/v1/events", YC_FAULT_SERVER_ERROR, YC_SYNC_ERROR_SERVER, "500 Internal Server Error: database is locked" },
  { "/api/v1/events", YC_FAULT_HANG, YC_SYNC_ERROR_UNREACHABLE, "did not answer within 3 seconds" },
  { "/api/v1/events", YC_FAULT_CUT, YC_SYNC_ERROR_UNREACHABLE, "cut off before its answer was complete" },
  { "/api/v1/events", YC_FAULT_NOT_JSON, YC_SYNC_ERROR_PROTOCOL, "answered POST /api/v1/events with something that is not the JSON object the protocol expects (the document is not a JSON object or list)" },
  { "/api/v1/events", YC_FAULT_MALFORMED, YC_SYNC_ERROR_PROTOCOL, "not the JSON object the protocol expects" },
  { "/api/v1/events", YC_FAULT_EMPTY, YC_SYNC_ERROR_PROTOCOL, "not the JSON object the protocol expects (an empty answer)" },
  { "/api/v1/events", YC_FAULT_ENDLESS, YC_SYNC_ERROR_PROTOCOL, "POST /api/v1/events with more than 1.0" },
  { "/api/v1/events", YC_FAULT_WRONG_SHAPE, YC_SYNC_ERROR_PROTOCOL, "lacks “results”" },
  { "/api/v1/events", YC_FAULT_PARTIAL, YC_SYNC_ERROR_SERVER, "events and stopped; the rest are kept" },
  { "/api/v1/events", YC_FAULT_FOREIGN, YC_SYNC_ERROR_PROTOCOL, "not for the event sent in its place" },
  { "/api/v1/catalog", YC_FAULT_SERVER_ERROR, YC_SYNC_ERROR_SERVER, "500 Internal Server Error" },
  { "/api/v1/catalog", YC_FAULT_HANG, YC_SYNC_ERROR_UNREACHABLE, "did not answer within 3 seconds" },
  { "/api/v1/catalog", YC_FAULT_CUT, YC_SYNC_ERROR_UNREACHABLE, "cut off" },
  { "/api/v1/catalog", YC_FAULT_NOT_JSON, YC_SYNC_ERROR_PROTOCOL, "not a JSON object or list" },
  { "/api/v1/catalog", YC_FAULT_MALFORMED, YC_SYNC_ERROR_PROTOCOL, "not the JSON object the protocol expects" },
  { "/api/v1/catalog", YC_FAULT_ENDLESS, YC_SYNC_ERROR_PROTOCOL, "GET /api/v1/catalog with more than 64.0" },
  { "/api/v1/catalog", YC_FAULT_WRONG_SHAPE, YC_SYNC_ERROR_CATALOG, "the previous one stays in use" },
  { "/api/v1/changes", YC_FAULT_SERVER_ERROR, YC_SYNC_ERROR_SERVER, "500 Internal Server Error" },
  { "/api/v1/changes", YC_FAULT_HANG, YC_SYNC_ERROR_UNREACHABLE, "did not answer within 3 seconds" },
  { "/api/v1/changes", YC_FAULT_CUT, YC_SYNC_ERROR_UNREACHABLE, "cut off" },
  { "/api/v1/changes", YC_FAULT_NOT_JSON, YC_SYNC_ERROR_PROTOCOL, "not a JSON object or list" },
  { "/api/v1/changes", YC_FAULT_MALFORMED, YC_SYNC_ERROR_PROTOCOL, "answered GET /api/v1/changes with something that is not the JSON object the protocol expects" },
  { "/api/v1/changes", YC_FAULT_ENDLESS, YC_SYNC_ERROR_PROTOCOL, "GET /api/v1/changes with more than 16.0" },
  { "/api/v1/changes", YC_FAULT_WRONG_SHAPE, YC_SYNC_ERROR_PROTOCOL, "lacks “events” or “cursor”" },
};

/* Failed runs in a row widen the window the next run is drawn from. */
static void
assert_backs_off (YcSync *sync,
                  guint   failures)
{
  const guint base = 60;
  guint ceiling = MIN (base << failures, 900);
  guint highest = 0;

  g_assert_cmpuint (yc_sync_get_failures (sync), ==, failures);
  for (guint i = 0; i < 200; i++)
    {
      guint delay = yc_sync_next_delay (yc_sync_get_failures (sync), base);

      g_assert_cmpuint (delay, >=, base);
      g_assert_cmpuint (delay, <=, ceiling);
      highest = MAX (highest, delay);
    }
  /* 200 draws all in the lower half of the window: about 2^-200 */
  g_assert_cmpuint (highest, >, MIN (base << (failures - 1), 900 / 2));
}

static void
test_faulty_service (gconstpointer data)
{
  const FaultCase *fault = data;
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autoptr(YcFaultProxy) proxy = NULL;
  g_autoptr(YcTestStation) station = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *still_cursor = NULL;
  char *cases[3];
  gboolean changes = g_str_equal (fault->path, "/api/v1/changes");
  /* a catalog answered but spoiled; one never answered fails the run */
  gboolean catalog = g_str_equal (fault->path, "/api/v1/catalog") && fault->mode != YC_FAULT_HANG;

  yc_test_central_start (central, "", NULL);
  proxy = yc_fault_proxy_new (central->url, central->certs);
  station = yc_test_station_new (central, NULL, yc_fault_proxy_get_url (proxy));
  /* a hung service is noticed in a test's time, not a clerk's */
  yc_sync_set_timeout (station->sync, 3);
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cases[i] = yc_test_station_take_case (station, NULL);
  before = yc_test_station_outbox (station);
  cursor = yc_case_store_get_meta (station->store, "changes-cursor");

  yc_fault_proxy_set_mode (proxy, fault->mode, fault->path);
  for (guint run = 1; run <= 2; run++)
    {
      g_assert_false (yc_test_station_sync (station, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, YC_SYNC_ERROR, fault->code);
      g_assert_nonnull (strstr (error->message, fault->words));
      g_assert_cmpstr (yc_sync_get_last_error (station->sync), ==, error->message);
      g_clear_error (&error);
      /* a catalog that does not come down holds nothing up: the events
       * went up, and the line is not taken for down */
      if (catalog)
        g_assert_cmpuint (yc_sync_get_failures (station->sync), ==, 0);
      else
        assert_backs_off (station->sync, run);
    }
  g_assert_cmpuint (yc_fault_proxy_get_faults (proxy), >=, 2);

  /* the station keeps every event the service did not confirm, and the
   * catalog it had */
  after = yc_test_station_outbox (station);
  if (changes || catalog)
    g_assert_cmpuint (after->len, ==, 0);
  else if (fault->mode == YC_FAULT_PARTIAL)
    {
      /* the service confirmed one event a run */
      g_assert_cmpuint (after->len, ==, before->len - 2);
      g_assert_cmpstr (g_ptr_array_index (after, 0), ==, g_ptr_array_index (before, 2));
    }
  else
    {
      g_assert_cmpuint (after->len, ==, before->len);
      for (guint i = 0; i < before->len; i++)
        g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
    }
  g_assert_nonnull (yc_sync_get_catalog (station->sync));
  g_assert_cmpstr (yc_catalog_get_version (yc_sync_get_catalog (station->sync)), ==, "test.1");
  /* nothing of a spoiled page of changes was taken; past a spoiled
   * catalog, the changes came down as always */
  still_cursor = yc_case_store_get_meta (station->store, "changes-cursor");
  if (!catalog)
    g_assert_cmpstr (still_cursor, ==, cursor);
  if (changes)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(YcCase) info = yc_case_store_get_case (station->store, cases[i], &error);

        g_assert_no_error (error);
        g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_SUBMITTED);
      }

  /* the service mends: everything arrives, once */
  yc_fault_proxy_set_mode (proxy, YC_FAULT_FORWARD, NULL);
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yc_sync_get_failures (station->sync), ==, 0);
  g_assert_true (yc_sync_get_online (station->sync));
  g_assert_null (yc_sync_get_last_error (station->sync));
  yc_test_station_check_delivered (station);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_free (cases[i]);
}

/* The scheduler: its invariant (a run under way, or the next one armed)
 * is checked at every run's start and end */

typedef struct
{
  YcTestCentral   *central;
  YcFaultProxy    *proxy;
  YcTestStation   *station;
  YcSyncScheduler *scheduler;
  guint            ended;     /* runs the scheduler saw end */
} Scheduled;

static void
on_running_notify_cb (YcSyncScheduler *scheduler,
                      GParamSpec      *pspec,
                      Scheduled       *s)
{
  if (yc_sync_scheduler_get_running (scheduler))
    g_assert_cmpint (yc_sync_scheduler_get_next_run (scheduler), ==, 0);
  else
    {
      g_assert_cmpint (yc_sync_scheduler_get_next_run (scheduler), >, 0);
      s->ended++;
    }
}

static void
start_scheduler (Scheduled *s,
                 guint      interval)
{
  s->scheduler = g_object_new (YC_TYPE_SYNC_SCHEDULER, "sync", s->station->sync, "interval", interval, NULL);
  g_signal_connect (s->scheduler, "notify::running", G_CALLBACK (on_running_notify_cb), s);
}

/* Every event the station made arrives, once. */
static void
wait_delivered (Scheduled *s)
{
  while (yc_case_store_outbox_count (s->station->store, NULL) > 0)
    g_main_context_iteration (NULL, TRUE);
  while (yc_sync_scheduler_get_running (s->scheduler))
    g_main_context_iteration (NULL, TRUE);
  yc_test_station_check_delivered (s->station);
}

static void
scheduled_teardown (Scheduled     *s,
                    gconstpointer  data)
{
  g_clear_object (&s->scheduler);
  g_clear_pointer (&s->station, yc_test_station_free);
  g_clear_pointer (&s->proxy, yc_fault_proxy_free);
  g_clear_pointer (&s->central, yc_test_central_free);
}

static void
unenrolled_setup (Scheduled     *s,
                  gconstpointer  data)
{
  s->central = yc_test_central_new ();
  yc_test_central_start (s->central, "", NULL);
  s->station = yc_test_station_new_unenrolled (s->central, NULL);
}

/* A station enrolled while the window is open syncs without a restart:
 * the runs of one not enrolled yet fail at once, and are tried again. */
static void
test_scheduler_enrolled_later (Scheduled     *s,
                               gconstpointer  data)
{
  g_autofree char *code = yc_test_central_run (s->central, "enroll-code", "370112001",
                                               "历城区王舍人街道便民服务中心", NULL);
  g_autoptr(GError) error = NULL;

  start_scheduler (s, 1);
  while (s->ended < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (yc_test_station_enroll (s->station, NULL, "370112001", code, &error));
  g_assert_no_error (error);
  while (yc_sync_get_catalog (s->station->sync) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_free (yc_test_station_take_case (s->station, NULL));
  yc_sync_scheduler_run_now (s->scheduler);
  wait_delivered (s);
}

/* An enrolled station with a case waiting. @data: whether a service that
 * takes the events and answers them a byte every tenth of a second, never
 * to the end, stands in front of the real one: the station's own timeouts
 * never fire, and only the run's deadline ends the run. */
static void
enrolled_setup (Scheduled     *s,
                gconstpointer  data)
{
  gboolean hang = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  s->central = yc_test_central_new ();
  yc_test_central_start (s->central, "", NULL);
  if (hang)
    s->proxy = yc_fault_proxy_new (s->central->url, s->central->certs);
  s->station = yc_test_station_new (s->central, NULL, s->proxy ? yc_fault_proxy_get_url (s->proxy) : NULL);
  g_object_set (s->station->sync, "deadline", 3, NULL);
  yc_test_station_sync (s->station, &error);
  g_assert_no_error (error);
  g_free (yc_test_station_take_case (s->station, NULL));
  if (hang)
    yc_fault_proxy_set_mode (s->proxy, YC_FAULT_TRICKLE, "/api/v1/events");
}

/* A run soon after the network comes back, however long the back-off. */
static void
test_scheduler_network_back (Scheduled     *s,
                             gconstpointer  data)
{
  yc_test_central_stop (s->central);
  start_scheduler (s, 3600);
  while (s->ended < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (yc_sync_get_failures (s->station->sync), ==, 1);

  yc_test_central_start (s->central, "", NULL);
  g_signal_emit_by_name (g_network_monitor_get_default (), "network-changed", TRUE);
  wait_delivered (s);
  g_assert_cmpuint (s->ended, ==, 2);
}

/* The first run takes the request that is never answered to the end. */
static void
hung_start (Scheduled *s,
            guint      interval)
{
  start_scheduler (s, interval);
  while (yc_fault_proxy_get_faults (s->proxy) < 1)
    g_main_context_iteration (NULL, TRUE);
}

/* A run that hangs is stopped at its deadline and counted as failed, and
 * the next one starts after the back-off. */
static void
test_scheduler_hung_run (Scheduled     *s,
                         gconstpointer  data)
{
  hung_start (s, 1);
  while (s->ended < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (yc_sync_get_last_error (s->station->sync), "did not end within 3 seconds"));
  g_assert_cmpuint (yc_sync_get_failures (s->station->sync), ==, 1);
  g_assert_false (yc_sync_get_online (s->station->sync));

  /* the next run hangs the same way */
  while (yc_fault_proxy_get_faults (s->proxy) < 2)
    g_main_context_iteration (NULL, TRUE);
  yc_fault_proxy_set_mode (s->proxy, YC_FAULT_FORWARD, NULL);
  wait_delivered (s);
  g_assert_cmpuint (yc_sync_get_failures (s->station->sync), ==, 0);
}

/* Sync Now pressed while a run hangs starts a run as soon as the hung one
 * is stopped, however long the back-off would be. */
static void
test_scheduler_now_while_hung (Scheduled     *s,
                               gconstpointer  data)
{
  hung_start (s, 3600);
  yc_sync_scheduler_run_now (s->scheduler);
  yc_fault_proxy_set_mode (s->proxy, YC_FAULT_FORWARD, NULL);
  wait_delivered (s);
  g_assert_cmpuint (s->ended, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/faults/offline-200", test_offline_200);
#ifdef YC_CLIENT_BIN
  g_test_add_func ("/faults/sigkill", test_sigkill);
#endif
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/faults/service%s/%s", strrchr (fault_cases[i].path, '/'),
                                               yc_fault_mode_to_string (fault_cases[i].mode));

      g_test_add_data_func (name, &fault_cases[i], test_faulty_service);
    }
  g_test_add ("/faults/scheduler/enrolled-later", Scheduled, NULL, unenrolled_setup, test_scheduler_enrolled_later,
              scheduled_teardown);
  g_test_add ("/faults/scheduler/network-back", Scheduled, GINT_TO_POINTER (FALSE), enrolled_setup,
              test_scheduler_network_back, scheduled_teardown);
  g_test_add ("/faults/scheduler/hung-run", Scheduled, GINT_TO_POINTER (TRUE), enrolled_setup,
              test_scheduler_hung_run, scheduled_teardown);
  g_test_add ("/faults/scheduler/now-while-hung", Scheduled, GINT_TO_POINTER (TRUE), enrolled_setup,
              test_scheduler_now_while_hung, scheduled_teardown);

  return g_test_run ();
}

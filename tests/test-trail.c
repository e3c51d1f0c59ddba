/* test-trail.c: tokens that expire and are revoked, the service's own audit
 * trail; against the real yichuang-central over TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-db.h"
#include "yc-sync-scheduler.h"
#include "yc-test-station.h"

typedef struct
{
  YcTestCentral *central;
  YcTestStation *station;
} Fixture;

static const char *short_lifetime[] = { "--token-lifetime", "2s", NULL };

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->central = yc_test_central_new ();
  if (data != NULL)
    f->central->args = g_strdupv ((char **) data);
  yc_test_central_start (f->central, "", NULL);
  f->station = yc_test_station_new (f->central, NULL, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  yc_test_station_free (f->station);
  yc_test_central_free (f->central);
}

/* how many entries of the service's trail record @action */
static guint
central_audit_count (Fixture    *f,
                     const char *action)
{
  g_autofree char *path = g_build_filename (f->central->data_dir, "central.db", NULL);
  g_autofree char *count = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  count = yc_db_query_text (db, "SELECT COUNT (*) FROM audit WHERE action = ?", action);
  sqlite3_close (db);
  return (guint) g_ascii_strtoull (count, NULL, 10);
}

static void
on_stopped_cb (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  if (yc_sync_scheduler_get_stopped (YC_SYNC_SCHEDULER (object)))
    g_main_loop_quit (user_data);
}

/* The scheduler stops after the refusal, and arms nothing: no retry storm */
static void
check_scheduler_stops (Fixture *f)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(YcSyncScheduler) scheduler = yc_sync_scheduler_new (f->station->sync);

  g_object_set (scheduler, "interval", 1, NULL);
  g_signal_connect (scheduler, "notify::stopped", G_CALLBACK (on_stopped_cb), loop);
  g_main_loop_run (loop);
  g_assert_true (yc_sync_scheduler_get_stopped (scheduler));
  g_assert_false (yc_sync_scheduler_get_running (scheduler));
  g_assert_cmpint (yc_sync_scheduler_get_next_run (scheduler), ==, 0);
  /* nothing runs in the next intervals either */
  g_timeout_add_seconds (3, (GSourceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
  g_assert_false (yc_sync_scheduler_get_running (scheduler));
  g_assert_cmpint (yc_sync_scheduler_get_next_run (scheduler), ==, 0);
}

static void
test_forged_token (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (yc_case_store_set_meta (f->station->store, "token",
                                         "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", NULL));
  g_assert_false (yc_test_station_sync (f->station, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "does not know this station’s token"));
  g_assert_cmpuint (central_audit_count (f, "token-unknown"), >=, 1);
}

static void
test_revoked_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (yc_test_station_sync (f->station, &error));
  g_assert_no_error (error);
  out = yc_test_central_run (f->central, "revoke", "--station", "370112001", "--clerk", "01",
                             "--reason", "Laptop reported stolen", NULL);
  g_assert_nonnull (strstr (out, "Revoked 1 token of station 370112001"));
  g_assert_false (yc_test_station_sync (f->station, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REVOKED);
  g_assert_nonnull (strstr (error->message, "revoked this clerk’s token"));
  g_assert_nonnull (strstr (error->message, "Laptop reported stolen"));
  /* the window shows the same words */
  g_assert_cmpstr (yc_sync_get_last_error (f->station->sync), ==, error->message);
  g_assert_cmpuint (central_audit_count (f, "token-revoked"), >=, 2);
  check_scheduler_stops (f);
}

static void
test_expired_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (yc_test_station_sync (f->station, &error));
  g_assert_no_error (error);
  g_usleep (2500 * 1000);
  g_assert_false (yc_test_station_sync (f->station, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REVOKED);
  g_assert_nonnull (strstr (error->message, "has expired"));
  g_assert_cmpuint (central_audit_count (f, "token-expired"), >=, 1);
  check_scheduler_stops (f);
}

/* The service's chain holds, and an entry altered in its database breaks it */
static void
test_central_chain (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *path = g_build_filename (f->central->data_dir, "central.db", NULL);
  g_autofree char *failed = NULL;
  sqlite3 *db = NULL;
  int status = 0;

  /* the first sync brings the catalog the case is taken under */
  g_assert_true (yc_test_station_sync (f->station, &error));
  g_assert_no_error (error);
  case_id = yc_test_station_take_case (f->station, NULL);
  g_assert_true (yc_test_station_sync (f->station, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (central_audit_count (f, "enrolled"), ==, 1);
  g_assert_cmpuint (central_audit_count (f, "event-stored"), >=, 1);
  out = yc_test_central_run (f->central, "audit", "verify", NULL);
  g_assert_nonnull (strstr (out, "unbroken"));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET detail = 'altered' WHERE action = 'event-stored'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  failed = yc_test_central_try (f->central, &status, "audit", "verify", NULL);
  g_assert_cmpint (status, !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/trail/token/forged", Fixture, NULL, fixture_setup, test_forged_token, fixture_teardown);
  g_test_add ("/trail/token/revoked", Fixture, NULL, fixture_setup, test_revoked_token, fixture_teardown);
  g_test_add ("/trail/token/expired", Fixture, short_lifetime, fixture_setup, test_expired_token, fixture_teardown);
  g_test_add ("/trail/central-chain", Fixture, NULL, fixture_setup, test_central_chain, fixture_teardown);
  return g_test_run ();
}

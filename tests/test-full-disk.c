/* test-full-disk.c: a station whose disk fills up
 *
 * The profile lives on a 2 MB tmpfs, mounted in a mount namespace of the
 * test's own (as root, or as root of a user namespace of its own), so that
 * nothing outside sees it and it goes away with the test. The disk is
 * filled to the last block; the station must say so, keep its last good
 * state, and go on once there is room again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* unshare () */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include "yc-db.h"
#include "yc-test-station.h"

static void
write_proc (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY);

  if (fd < 0 || write (fd, text, strlen (text)) != (ssize_t) strlen (text))
    g_error ("Cannot write %s to %s: %s", text, path, g_strerror (errno));
  close (fd);
}

/* Returns: (nullable): why the kernel refused a namespace, or %NULL when
 * the test is in one of its own */
static char *
enter_mount_namespace (void)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();

  if (unshare (CLONE_NEWNS) != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (guint) gid);

      if (errno != EPERM)
        return g_strdup_printf ("unshare (CLONE_NEWNS): %s", g_strerror (errno));
      /* not root: root of a user namespace of our own may mount a tmpfs */
      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return g_strdup_printf ("unshare (CLONE_NEWUSER | CLONE_NEWNS): %s", g_strerror (errno));
      write_proc ("/proc/self/setgroups", "deny");
      write_proc ("/proc/self/uid_map", uid_map);
      write_proc ("/proc/self/gid_map", gid_map);
    }
  /* what is mounted here stays here */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    g_error ("Cannot make the test's mounts private: %s", g_strerror (errno));
  return NULL;
}

/* Writes until the disk has no block left. */
static void
fill (const char *path)
{
  char block[4096];
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  memset (block, 'x', sizeof block);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

/* Moves everything in the WAL into the database and empties it: the next
 * write needs a new block, as on a disk that has been full for a while. */
static void
checkpoint (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static GPtrArray *
case_ids (YcTestStation *station)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = yc_case_store_list_cases (station->store, 0, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    g_ptr_array_add (ids, g_strdup (yc_case_get_id (g_ptr_array_index (cases, i))));
  return ids;
}

static void
assert_same (GPtrArray *a,
             GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
test_full_disk (void)
{
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autoptr(YcTestStation) station = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *disk = g_build_filename (central->dir, "disk", NULL);
  g_autofree char *profile = g_build_filename (disk, "profile", NULL);
  g_autofree char *filler = g_build_filename (disk, "filler", NULL);
  g_autofree char *draft = NULL;
  g_autofree char *out = NULL;
  g_autofree char *taken = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) still_cases = NULL;
  g_autoptr(GPtrArray) still_waiting = NULL;
  g_autoptr(JsonObject) form = json_object_new ();
  int status;

  g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);
  if (mount ("tmpfs", disk, "tmpfs", MS_NOSUID | MS_NODEV, "size=2m,mode=0700") != 0)
    g_error ("Cannot mount a tmpfs on %s: %s", disk, g_strerror (errno));

  yc_test_central_start (central, "", NULL);
  station = yc_test_station_new (central, profile, NULL);
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_free (yc_test_station_take_case (station, NULL));
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
  /* two cases wait for the service, one draft is open */
  for (guint i = 0; i < 2; i++)
    g_free (yc_test_station_take_case (station, NULL));
  draft = yc_case_store_new_draft (station->store, "000107009000", "补领婚姻登记证", 1, &error);
  g_assert_no_error (error);
  cases = case_ids (station);
  waiting = yc_test_station_outbox (station);
  g_assert_cmpuint (waiting->len, ==, 2);

  checkpoint (station->path);
  fill (filler);

  /* the window: the draft and a new case are refused, in words the clerk
   * can act on */
  json_object_set_string_member (form, "applicant_name", "王建国");
  g_assert_false (yc_case_store_save_draft (station->store, draft, form, "王建国", &error));
  g_assert_error (error, YC_DB_ERROR, YC_DB_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "The disk is full: nothing was saved"));
  g_clear_error (&error);
  g_assert_null (yc_test_station_try_case (station, NULL, &error));
  g_assert_error (error, YC_DB_ERROR, YC_DB_ERROR_FULL);
  g_clear_error (&error);

  /* a sync: the service takes the events, but the station cannot note it;
   * it says so and keeps them */
  g_assert_false (yc_test_station_sync (station, &error));
  g_assert_error (error, YC_DB_ERROR, YC_DB_ERROR_FULL);
  g_assert_cmpstr (yc_sync_get_last_error (station->sync), ==, error->message);
  g_assert_true (yc_sync_get_online (station->sync));
  g_clear_error (&error);

  /* the command line, with the window open and without it */
  for (guint alone = 0; alone < 2; alone++)
    {
      if (alone)
        yc_test_station_close (station);
      g_free (out);
      out = yc_test_station_run_client (station, &status, "case", "new", "--item", "000107009000",
                                        "--answer", "who=self", "--set", "applicant_name=李秀英",
                                        "--set", "applicant_id=11010519491231002X",
                                        "--set", "applicant_phone=13905310001", "--decision", "accept", NULL);
      g_test_message ("%s", out);
      g_assert_cmpint (status, ==, 1);
      g_assert_nonnull (strstr (out, "The disk is full: nothing was saved"));
    }

  /* the last good state is whole */
  yc_test_check_integrity (station->path);
  yc_test_station_open (station);
  still_cases = case_ids (station);
  still_waiting = yc_test_station_outbox (station);
  assert_same (cases, still_cases);
  assert_same (waiting, still_waiting);

  /* room again: work goes on, and what the service had is not sent twice */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  yc_case_store_save_draft (station->store, draft, form, "王建国", &error);
  g_assert_no_error (error);
  yc_test_station_close (station);
  g_free (out);
  out = yc_test_station_run_client (station, &status, "case", "new", "--item", "000107009000",
                                    "--answer", "who=self", "--set", "applicant_name=李秀英",
                                    "--set", "applicant_id=11010519491231002X",
                                    "--set", "applicant_phone=13905310001", "--decision", "accept", NULL);
  g_assert_cmpint (status, ==, 0);
  yc_test_station_open (station);
  taken = yc_test_station_take_case (station, NULL);
  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
  yc_test_station_check_delivered (station);

  yc_test_station_close (station);
  /* a child that just exited may hold the disk a moment longer */
  for (int i = 0; umount (disk) != 0; i++)
    {
      g_assert_cmpint (errno, ==, EBUSY);
      g_assert_cmpint (i, <, 50);
      g_usleep (100 * 1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *refused = NULL;

  /* before any thread exists: a process with threads cannot change its
   * namespaces */
  if ((refused = enter_mount_namespace ()) != NULL)
    {
      g_print ("1..0 # SKIP the kernel refuses this test a mount namespace of its own, "
               "where it mounts a small tmpfs to fill: %s\n", refused);
      return 77;
    }
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/faults/full-disk", test_full_disk);

  return g_test_run ();
}

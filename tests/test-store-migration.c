/* test-store-migration.c: a clerk profile written by an earlier version
 *
 * A station updates the program and keeps its profile: the cases, drafts
 * and waiting events an earlier version stored must come through the
 * migrations whole, and work with what the new version adds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yichuang.h"

#define CASE_REGISTERED "370112001-01-20261120-0001"
#define CASE_WAITING    "370112001-01-20261120-0002"
#define CASE_DRAFT      "370112001-01-20261120-0003"
#define CASE_RONGQUE    "370112001-01-20261120-0004"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
}

static int
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* the store of tests/data/store-v1.sql, made the way version 1 made it */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script_path = g_build_filename (TEST_SRCDIR, "data", "store-v1.sql", NULL);
  g_autofree char *script = NULL;
  sqlite3 *db = NULL;

  f->dir = g_dir_make_tmp ("yichuang-migration-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "profile.db", NULL);
  g_file_get_contents (script_path, &script, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec_or_die (db, "PRAGMA journal_mode=WAL");
  exec_or_die (db, script);
  sqlite3_close (db);
  g_assert_cmpint (user_version (f->path), ==, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (!g_getenv ("YC_TEST_KEEP"))
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

          g_unlink (file);
        }
      g_rmdir (f->dir);
    }
  g_free (f->path);
  g_free (f->dir);
}

static YcCase *
find_case (GPtrArray  *cases,
           const char *id)
{
  for (guint i = 0; i < cases->len; i++)
    {
      YcCase *info = g_ptr_array_index (cases, i);

      if (g_str_equal (yc_case_get_id (info), id))
        return info;
    }
  g_error ("the case %s did not come through", id);
}

static void
test_cases_come_through (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = yc_case_store_open (f->path, &error);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonObject) draft = NULL;
  g_autofree char *clerk = NULL;
  YcCase *info;

  g_assert_no_error (error);
  g_assert_cmpint (user_version (f->path), >, 1);

  /* the enrolment and the cursor stay: no new enrolment, no feed replayed */
  clerk = yc_case_store_get_meta (store, "clerk");
  g_assert_cmpstr (clerk, ==, "张敏");

  cases = yc_case_store_list_cases (store, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 3);
  info = find_case (cases, CASE_REGISTERED);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REGISTERED);
  g_assert_cmpstr (yc_case_get_official_no (info), ==, "1137011200451234564000107009000202611200001");
  g_assert_cmpstr (yc_case_get_applicant (info), ==, "李秀英");
  g_assert_null (yc_case_get_delivery (info));
  info = find_case (cases, CASE_WAITING);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_SUBMITTED);

  events = yc_case_store_get_events (store, CASE_REGISTERED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);

  /* the draft reopens with what the clerk had typed */
  draft = yc_case_store_load_draft (store, CASE_DRAFT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (draft, "values"),
                                                  "applicant_name"), ==, "赵丽");
}

static void
test_outbox_comes_through (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = yc_case_store_open (f->path, &error);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GDateTime) oldest = NULL;
  YcOutboxEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpuint (yc_case_store_outbox_count (store, &oldest), ==, 1);
  g_assert_nonnull (oldest);
  g_assert_cmpint (g_date_time_get_day_of_month (oldest), ==, 20);
  waiting = yc_case_store_outbox_peek (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 1);
  entry = g_ptr_array_index (waiting, 0);
  g_assert_cmpstr (entry->uuid, ==, "5d0f3c52-8f1e-4a37-9a51-0b5f6d2e7c10");
  g_assert_cmpstr (entry->case_id, ==, CASE_WAITING);
  g_assert_cmpuint (entry->attempts, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (entry->event, "type"), ==, "intake");
}

/* what later versions added works on the cases an earlier one made */
static void
test_new_parts_work_on_old_cases (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = yc_case_store_open (f->path, &error);
  g_autoptr(JsonObject) result = NULL;
  JsonObject *result_data = json_object_new ();
  g_autoptr(YcCase) info = NULL;
  g_autoptr(GBytes) scan = g_bytes_new_static ("%PDF-1.4 scan of an ID card", 27);
  g_autofree char *hash = NULL;

  g_assert_no_error (error);

  /* back-office states, with how the result is delivered */
  json_object_set_string_member (result_data, "delivery", "post");
  json_object_set_string_member (result_data, "note", "EMS 1100123456789");
  /* the event takes result_data */
  result = yc_event_new (CASE_REGISTERED, "result-ready", "民政局 王芳", "370112001", result_data);
  g_assert_true (yc_case_store_apply_remote (store, result, &error));
  g_assert_no_error (error);
  info = yc_case_store_get_case (store, CASE_REGISTERED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_RESULT_READY);
  g_assert_cmpstr (yc_case_get_delivery (info), ==, "post");
  g_assert_cmpstr (yc_case_get_delivery_note (info), ==, "EMS 1100123456789");

  /* a scan attached to the old draft */
  hash = yc_attachments_add_bytes (store, scan, "id-card.pdf", "application/pdf", &error);
  g_assert_no_error (error);
  g_assert_true (yc_attachments_use (store, hash, CASE_DRAFT, "id_scan", "id-card", &error));
  g_assert_no_error (error);
}

/* the search keys are made for the cases an earlier version stored: from
 * the row, the intake's form, or the draft */
static void
assert_found (YcCaseStore *store,
              const char  *query,
              const char  *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = yc_case_store_search (store, query, 50, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (found, 0)), ==, case_id);
}

static void
test_old_cases_found (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = yc_case_store_open (f->path, &error);
  g_autoptr(GPtrArray) none = NULL;

  g_assert_no_error (error);
  assert_found (store, "李秀", CASE_REGISTERED);
  assert_found (store, "1137011200451234564000107009000202611200001", CASE_REGISTERED);
  assert_found (store, "110105194912", CASE_REGISTERED);
  assert_found (store, "建国", CASE_WAITING);
  assert_found (store, "370112198001010018", CASE_WAITING);
  assert_found (store, "138 0531 9876", CASE_WAITING);
  assert_found (store, "赵丽", CASE_DRAFT);
  assert_found (store, "13705312468", CASE_DRAFT);
  assert_found (store, CASE_DRAFT, CASE_DRAFT);
  none = yc_case_store_search (store, "张", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* the case list's columns are made from the events an earlier version
 * logged: who took each case, when, what was promised and what it waits
 * for; a draft is the profile's clerk's */
static void
test_old_cases_listed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(YcCase) registered = NULL;
  g_autoptr(YcCase) rongque = NULL;
  g_autoptr(YcCase) draft = NULL;
  g_autoptr(YcCaseList) waiting = NULL;
  g_autoptr(YcCaseList) overdue = NULL;
  g_autoptr(YcCaseList) mine = NULL;
  g_autoptr(YcCase) first = NULL;
  g_autofree char *decided = NULL;
  GDate today;
  sqlite3 *db = NULL;

  /* a 容缺受理 as version 5 logged it, with its dates */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec_or_die (db,
               "INSERT INTO cases VALUES ('" CASE_RONGQUE "', '000107009000', '补领婚姻登记证', 2, 'registered',"
               " NULL, '孙强', NULL, NULL, '2026-11-20T11:00:00.000000Z', '2026-11-20T11:05:00.000000Z');"
               "INSERT INTO events VALUES ('0b7d7f0e-2f43-4c55-8d8f-6f0a0e9d1c11', '" CASE_RONGQUE "', 1, 'intake',"
               " '2026-11-20T11:04:00.000000Z', 'local', '{\"uuid\":\"0b7d7f0e-2f43-4c55-8d8f-6f0a0e9d1c11\","
               "\"case\":\"" CASE_RONGQUE "\",\"type\":\"intake\",\"at\":\"2026-11-20T11:04:00.000000Z\","
               "\"actor\":\"刘洋\",\"station\":\"370112001\",\"data\":{\"decision\":\"rongque\","
               "\"accepted_on\":\"2026-11-20\",\"promised_days\":5,\"promised_by\":\"2026-11-27\","
               "\"supply_by\":[{\"material\":\"marriage-photo\",\"name\":\"照片\",\"days\":3,\"by\":\"2026-11-25\"}]}}');");
  sqlite3_close (db);

  store = yc_case_store_open (f->path, &error);
  g_assert_no_error (error);
  registered = yc_case_store_get_case (store, CASE_REGISTERED, &error);
  rongque = yc_case_store_get_case (store, CASE_RONGQUE, &error);
  draft = yc_case_store_get_case (store, CASE_DRAFT, &error);
  g_assert_no_error (error);

  /* version 1 wrote no day of acceptance: the event's own day is taken */
  decided = yc_db_query_text (_yc_case_store_get_db (store), "SELECT date ('2026-11-20T09:14:03.520000Z', 'localtime')");
  g_assert_cmpstr (yc_case_get_clerk (registered), ==, "张敏");
  g_assert_cmpstr (yc_case_get_decided (registered), ==, decided);
  g_assert_null (yc_case_get_promised_by (registered));
  /* its 容缺 had no supply date then: nothing waits */
  g_assert_null (yc_case_get_waiting (registered));
  g_assert_cmpstr (yc_case_get_clerk (rongque), ==, "刘洋");
  g_assert_cmpstr (yc_case_get_decided (rongque), ==, "2026-11-20");
  g_assert_cmpstr (yc_case_get_promised_by (rongque), ==, "2026-11-27");
  g_assert_cmpstr (yc_case_get_waiting (rongque), ==, "rongque");
  g_assert_cmpstr (yc_case_get_clerk (draft), ==, "张敏");

  g_date_set_dmy (&today, 30, 11, 2026);
  waiting = yc_case_list_new_filtered (store, YC_CASE_FILTER_WAITING, "张敏", &today);
  overdue = yc_case_list_new_filtered (store, YC_CASE_FILTER_OVERDUE, "张敏", &today);
  mine = yc_case_list_new_filtered (store, YC_CASE_FILTER_MINE, "张敏", &today);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (waiting)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (overdue), 0);
  g_assert_cmpstr (yc_case_get_id (first), ==, CASE_RONGQUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mine)), ==, 3);
}

static void
test_reopened_unchanged (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  YcCaseStore *store = yc_case_store_open (f->path, &error);
  int version;

  g_assert_no_error (error);
  g_object_unref (store);
  version = user_version (f->path);
  store = yc_case_store_open (f->path, &error);
  g_assert_no_error (error);
  g_object_unref (store);
  g_assert_cmpint (user_version (f->path), ==, version);
}

/* a profile from a newer program is left alone, with a reason */
static void
test_newer_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec_or_die (db, "PRAGMA user_version=99");
  sqlite3_close (db);

  store = yc_case_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "99"));
  g_assert_cmpint (user_version (f->path), ==, 99);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store-migration/cases", test_cases_come_through);
  ADD ("/store-migration/outbox", test_outbox_comes_through);
  ADD ("/store-migration/new-parts", test_new_parts_work_on_old_cases);
  ADD ("/store-migration/search", test_old_cases_found);
  ADD ("/store-migration/listed", test_old_cases_listed);
  ADD ("/store-migration/reopened", test_reopened_unchanged);
  ADD ("/store-migration/newer-refused", test_newer_refused);
#undef ADD

  return g_test_run ();
}

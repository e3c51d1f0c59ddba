/* test-case-list.c: the case list's columns, filters, pages, and the
 * 红黄牌 of a promised date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "yc-case-list-private.h"
#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yichuang.h"

#define ME    "张敏"
#define OTHER "刘洋"

typedef struct
{
  char        *dir;
  char        *path;
  YcCaseStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("yichuang-case-list-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = yc_case_store_open (f->path, &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (f->store, "station", "370112001", &error);
  yc_case_store_set_meta (f->store, "clerk-no", "01", &error);
  yc_case_store_set_meta (f->store, "clerk", ME, &error);
  g_assert_no_error (error);
  yc_db_exec (_yc_case_store_get_db (f->store), "PRAGMA synchronous=OFF", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
set_date (GDate      *date,
          const char *text)
{
  g_assert_true (yc_date_parse (text, date));
}

/* A case taken at the window as yc_intake_submit() writes it: @clerk,
 * @decision, the day of acceptance, the promised date, the 容缺 materials
 * still to supply (a NULL-ended list), the helper. */
static char *
take (Fixture     *f,
      const char  *clerk,
      const char  *decision,
      const char  *accepted_on,
      const char  *promised_by,
      const char  *helper,
      const char **supply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) intake = NULL;
  JsonObject *data = json_object_new ();
  char *case_id = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);

  g_assert_no_error (error);
  json_object_set_object_member (data, "form", json_object_new ());
  json_object_set_string_member (data, "decision", decision);
  if (accepted_on)
    json_object_set_string_member (data, "accepted_on", accepted_on);
  if (promised_by)
    json_object_set_string_member (data, "promised_by", promised_by);
  if (helper)
    {
      JsonObject *h = json_object_new ();

      json_object_set_string_member (h, "name", helper);
      json_object_set_string_member (h, "id_number", "11010519491231002X");
      json_object_set_string_member (h, "relation", "子女");
      json_object_set_object_member (data, "helper", h);
    }
  if (supply)
    {
      JsonArray *due = json_array_new ();

      for (guint i = 0; supply[i]; i++)
        {
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "material", supply[i]);
          json_object_set_int_member (entry, "days", 5);
          json_object_set_string_member (entry, "by", "2026-10-16");
          json_array_add_object_element (due, entry);
        }
      json_object_set_array_member (data, "supply_by", due);
    }
  intake = yc_event_new (case_id, YC_EVENT_INTAKE, clerk, "370112001", data);
  g_assert_true (yc_case_store_submit (f->store, case_id, intake, &error));
  g_assert_no_error (error);
  return case_id;
}

/* A step after the decision (the events part writes them with
 * yc_case_store_add_step, which asks for the columns again the same way). */
static void
add_step (Fixture    *f,
          const char *case_id,
          const char *type,
          JsonObject *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) event = yc_event_new (case_id, type, ME, "370112001", data);

  g_assert_true (_yc_case_store_insert_event (f->store, event, "local", &error));
  g_assert_true (_yc_case_store_refresh_columns (f->store, case_id, &error));
  g_assert_no_error (error);
}

static void
supplement (Fixture    *f,
            const char *case_id,
            const char *material)
{
  JsonObject *data = json_object_new ();
  JsonArray *materials = json_array_new ();
  JsonObject *m = json_object_new ();

  json_object_set_string_member (m, "id", material);
  json_object_set_string_member (m, "form", "original");
  json_array_add_object_element (materials, m);
  json_object_set_array_member (data, "materials", materials);
  add_step (f, case_id, "supplement", data);
}

static YcCase *
get (Fixture    *f,
     const char *case_id)
{
  g_autoptr(GError) error = NULL;
  YcCase *info = yc_case_store_get_case (f->store, case_id, &error);

  g_assert_no_error (error);
  return info;
}

static void
remote (Fixture    *f,
        const char *case_id,
        const char *type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) event = yc_event_new (case_id, type, "yichuang-central", "", json_object_new ());

  g_assert_true (yc_case_store_apply_remote (f->store, event, &error));
  g_assert_no_error (error);
}

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  const char *supply[] = { "marriage-photo", "household-register", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
  g_autofree char *rongque = take (f, OTHER, "rongque", "2026-09-28", "2026-10-16", "李四", supply);
  g_autofree char *notify = take (f, ME, "notify", NULL, NULL, NULL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *local_today = g_date_time_format (now, "%Y-%m-%d");
  YcCase *info;
  JsonObject *to;
  JsonObject *handover;

  g_assert_no_error (error);
  /* a draft is the profile's clerk's */
  info = get (f, draft);
  g_assert_cmpstr (yc_case_get_clerk (info), ==, ME);
  g_assert_null (yc_case_get_decided (info));
  g_object_unref (info);

  info = get (f, rongque);
  g_assert_cmpstr (yc_case_get_clerk (info), ==, OTHER);
  g_assert_cmpstr (yc_case_get_helper (info), ==, "李四");
  g_assert_cmpstr (yc_case_get_promised_by (info), ==, "2026-10-16");
  g_assert_cmpstr (yc_case_get_waiting (info), ==, "rongque");
  g_assert_cmpstr (yc_case_get_decided (info), ==, "2026-09-28");
  g_object_unref (info);

  /* one of two materials brought: still waiting; both: no more */
  supplement (f, rongque, "marriage-photo");
  info = get (f, rongque);
  g_assert_cmpstr (yc_case_get_waiting (info), ==, "rongque");
  g_object_unref (info);
  supplement (f, rongque, "household-register");
  info = get (f, rongque);
  g_assert_null (yc_case_get_waiting (info));
  g_object_unref (info);

  /* 接力办: the case passes to another helper */
  handover = json_object_new ();
  to = json_object_new ();
  json_object_set_string_member (to, "name", ME);
  json_object_set_string_member (to, "id_number", "370112198501011236");
  json_object_set_object_member (handover, "to", to);
  add_step (f, rongque, "handover", handover);
  info = get (f, rongque);
  g_assert_cmpstr (yc_case_get_helper (info), ==, ME);
  g_assert_cmpstr (yc_case_get_clerk (info), ==, OTHER);
  g_object_unref (info);

  /* 一次性告知: waiting for 补正, decided today (no day of acceptance);
   * the service's number does not change that */
  remote (f, notify, YC_EVENT_REGISTERED);
  info = get (f, notify);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_NOTIFIED);
  g_assert_cmpstr (yc_case_get_waiting (info), ==, "notify");
  g_assert_cmpstr (yc_case_get_decided (info), ==, local_today);
  g_assert_null (yc_case_get_promised_by (info));
  g_object_unref (info);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

/* the ids @filter lists, newest first, joined by spaces */
static char *
listed (Fixture      *f,
        YcCaseFilter  filter,
        const char   *today)
{
  GDate date;
  g_autoptr(YcCaseList) list = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);

  set_date (&date, today);
  list = yc_case_list_new_filtered (f->store, filter, ME, &date);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(YcCase) info = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (info);
      /* the short form: the day's sequence number */
      g_string_append_printf (ids, "%s%s", ids->len ? " " : "", yc_case_get_id (info) + strlen (yc_case_get_id (info)) - 4);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), g_list_model_get_n_items (G_LIST_MODEL (list))));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
assert_listed (Fixture      *f,
               YcCaseFilter  filter,
               const char   *today,
               const char   *expected)
{
  g_autofree char *ids = listed (f, filter, today);

  if (!g_str_equal (ids, expected))
    g_error ("%s on %s lists “%s”, not “%s”", yc_case_filter_to_string (filter), today, ids, expected);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  const char *supply[] = { "marriage-photo", NULL };
  g_autoptr(GError) error = NULL;
  /* 0001: my draft */
  g_autofree char *draft = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
  /* 0002: mine, decided on the 28th, promised for the 9th */
  g_autofree char *mine = take (f, ME, "accept", "2026-09-28", "2026-10-09", NULL, NULL);
  /* 0003: another clerk's, which I carry as the helper, 容缺 */
  g_autofree char *helped = take (f, OTHER, "rongque", "2026-09-29", "2026-10-12", ME, supply);
  /* 0004: another clerk's, 一次性告知 */
  g_autofree char *notified = take (f, OTHER, "notify", "2026-09-29", NULL, NULL, NULL);
  /* 0005: another clerk's, promised for the 8th, its result ready */
  g_autofree char *ready = take (f, OTHER, "accept", "2026-09-29", "2026-10-08", NULL, NULL);
  /* 0006: another clerk's, promised for the 8th, still at the department */
  g_autofree char *late = take (f, OTHER, "accept", "2026-09-29", "2026-10-08", "王五", NULL);
  YcCaseFilter filter;

  g_assert_no_error (error);
  remote (f, ready, YC_EVENT_REGISTERED);
  remote (f, ready, YC_EVENT_RESULT);
  /* 0005 moved up: the newest change first */
  assert_listed (f, YC_CASE_FILTER_ALL, "2026-09-29", "0005 0006 0004 0003 0002 0001");
  assert_listed (f, YC_CASE_FILTER_TODAY, "2026-09-29", "0005 0006 0004 0003");
  assert_listed (f, YC_CASE_FILTER_TODAY, "2026-09-28", "0002");
  assert_listed (f, YC_CASE_FILTER_TODAY, "2026-09-30", "");
  assert_listed (f, YC_CASE_FILTER_MINE, "2026-09-29", "0003 0002 0001");
  assert_listed (f, YC_CASE_FILTER_WAITING, "2026-09-29", "0004 0003");
  /* nothing is overdue on its promised day; the day after, what is not
   * finished is */
  assert_listed (f, YC_CASE_FILTER_OVERDUE, "2026-10-08", "");
  assert_listed (f, YC_CASE_FILTER_OVERDUE, "2026-10-09", "0006");
  assert_listed (f, YC_CASE_FILTER_OVERDUE, "2026-10-10", "0006 0002");
  assert_listed (f, YC_CASE_FILTER_OVERDUE, "2026-10-13", "0006 0003 0002");

  /* the 容缺 material brought: 0003 waits no more, and moves up */
  supplement (f, helped, "marriage-photo");
  yc_db_run (_yc_case_store_get_db (f->store), NULL, "UPDATE cases SET updated = ? WHERE id = ?",
             "2099-01-01T00:00:00Z", helped);
  assert_listed (f, YC_CASE_FILTER_WAITING, "2026-09-29", "0004");
  assert_listed (f, YC_CASE_FILTER_MINE, "2026-09-29", "0003 0002 0001");
  assert_listed (f, YC_CASE_FILTER_ALL, "2026-09-29", "0003 0005 0006 0004 0002 0001");

  /* the list of a window left open over the night moves to the next day */
  {
    GDate day;
    g_autoptr(YcCaseList) overdue = NULL;
    guint changed = 0;

    set_date (&day, "2026-10-09");
    overdue = yc_case_list_new_filtered (f->store, YC_CASE_FILTER_OVERDUE, ME, &day);
    g_signal_connect (overdue, "items-changed", G_CALLBACK (on_items_changed_cb), &changed);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 1);
    set_date (&day, "2026-10-13");
    yc_case_list_set_today (overdue, &day);
    g_assert_cmpuint (changed, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 3);
  }

  g_assert_true (yc_case_filter_from_string ("overdue", &filter));
  g_assert_cmpint (filter, ==, YC_CASE_FILTER_OVERDUE);
  g_assert_false (yc_case_filter_from_string ("late", &filter));
  (void) draft, (void) mine, (void) notified, (void) late;
}

/* Each filter walks an index: never the whole table. */
static void
test_plans (Fixture       *f,
            gconstpointer  data)
{
  const char *conditions[] = {
    "decided = ?1", "clerk = ?2", "helper = ?2 AND clerk IS NOT ?2", "waiting IS NOT NULL",
    "promised_by IS NOT NULL AND NOT " YC_CASE_FINISHED_SQL " AND promised_by < ?1",
  };
  sqlite3 *db = _yc_case_store_get_db (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    {
      g_autofree char *sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE %s"
                                              " AND (updated, id) < (?3, ?4) ORDER BY updated DESC, id DESC LIMIT 64",
                                              conditions[i]);
      g_autoptr(sqlite3_stmt) stmt = yc_db_prepare (db, sql, NULL);
      g_autoptr(GString) plan = g_string_new (NULL);

      g_assert_nonnull (stmt);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s; ", sqlite3_column_text (stmt, 3));
      if (strstr (plan->str, "USING INDEX") == NULL && strstr (plan->str, "USING COVERING INDEX") == NULL)
        g_error ("“%s” does not use an index: %s", conditions[i], plan->str);
      if (strstr (plan->str, "TEMP B-TREE") != NULL)
        g_error ("“%s” sorts: %s", conditions[i], plan->str);
    }
}

/* The model over more cases than it keeps pages of: each item is the one
 * a whole read puts there, whichever way it is reached. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  sqlite3 *db = _yc_case_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(YcCaseList) all = NULL;
  g_autoptr(YcCaseList) mine = NULL;
  GDate today;
  guint n = 64 * 70 + 17, changed = 0;
  const guint positions[] = { n - 1, 0, n / 2, n - 65, 64 * 69, 64 * 69 - 1, 3, 64 * 3 + 5, n - 2, 1000 };
  GRand *rand = g_rand_new_with_seed (9);

  g_assert_true (yc_db_begin (db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("370112001-01-20260929-%05u", i);
      /* some share their `updated`: the id decides between them */
      g_autofree char *at = g_strdup_printf ("2026-09-29T08:%02u:%02u.000000Z", (i / 4) / 60 % 60, (i / 4) % 60);

      g_assert_true (yc_db_run (db, &error,
                                "INSERT INTO cases (id, code, name, version, state, created, updated, clerk, helper)"
                                " VALUES (?, '000107009000', '补领婚姻登记证', 2, 'submitted', ?, ?, ?, ?)",
                                id, at, at, i % 3 == 0 ? ME : OTHER, i % 5 == 0 ? ME : NULL));
    }
  g_assert_true (yc_db_commit (db, &error));
  stmt = yc_db_prepare (db, "SELECT id FROM cases ORDER BY updated DESC, id DESC", &error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, yc_db_column_text (stmt, 0));
  g_assert_cmpuint (ids->len, ==, n);

  set_date (&today, "2026-09-29");
  all = yc_case_list_new_filtered (f->store, YC_CASE_FILTER_ALL, ME, &today);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, n);
  /* jumps, to the end and back, to the middle, across page edges */
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(YcCase) info = g_list_model_get_item (G_LIST_MODEL (all), positions[i]);

      g_assert_cmpstr (yc_case_get_id (info), ==, g_ptr_array_index (ids, positions[i]));
    }
  /* scrolled through, both ways, and at random */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcCase) info = g_list_model_get_item (G_LIST_MODEL (all), i);

      g_assert_cmpstr (yc_case_get_id (info), ==, g_ptr_array_index (ids, i));
    }
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(YcCase) info = g_list_model_get_item (G_LIST_MODEL (all), i);

      g_assert_cmpstr (yc_case_get_id (info), ==, g_ptr_array_index (ids, i));
    }
  for (guint i = 0; i < 2000; i++)
    {
      guint at = g_rand_int_range (rand, 0, n);
      g_autoptr(YcCase) info = g_list_model_get_item (G_LIST_MODEL (all), at);

      g_assert_cmpstr (yc_case_get_id (info), ==, g_ptr_array_index (ids, at));
    }
  g_rand_free (rand);

  /* "mine" merges two walks: clerk or helper, each case once */
  mine = yc_case_list_new_filtered (f->store, YC_CASE_FILTER_MINE, ME, &today);
  {
    guint expected = 0, j = 0;

    for (guint i = 0; i < n; i++)
      {
        const char *id = g_ptr_array_index (ids, i);
        guint number = (guint) g_ascii_strtoull (id + strlen (id) - 5, NULL, 10);

        if (number % 3 == 0 || number % 5 == 0)
          expected++;
      }
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mine)), ==, expected);
    for (guint i = n; i-- > 0;)
      {
        const char *id = g_ptr_array_index (ids, i);
        guint number = (guint) g_ascii_strtoull (id + strlen (id) - 5, NULL, 10);
        g_autoptr(YcCase) info = NULL;

        if (number % 3 != 0 && number % 5 != 0)
          continue;
        info = g_list_model_get_item (G_LIST_MODEL (mine), expected - 1 - j++);
        g_assert_cmpstr (yc_case_get_id (info), ==, id);
      }
  }

  /* a batch from the service is one items-changed, and the new case is first */
  g_signal_connect (all, "items-changed", G_CALLBACK (on_items_changed_cb), &changed);
  {
    g_autofree char *taken = take (f, ME, "accept", "2026-09-29", "2026-10-09", NULL, NULL);
    g_autoptr(YcCase) first = NULL;
    g_autoptr(JsonArray) page = json_array_new ();

    g_assert_cmpuint (changed, ==, 2);  /* the draft, then its decision */
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, n + 1);
    first = g_list_model_get_item (G_LIST_MODEL (all), 0);
    g_assert_cmpstr (yc_case_get_id (first), ==, taken);
    for (guint i = 0; i < 3; i++)
      json_array_add_object_element (page, yc_event_new (g_ptr_array_index (ids, n - 1 - i), YC_EVENT_ROUTED,
                                                         "central", "", json_object_new ()));
    g_assert_true (yc_case_store_apply_changes (f->store, page, "3", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changed, ==, 3);
    g_clear_object (&first);
    first = g_list_model_get_item (G_LIST_MODEL (all), 0);
    g_assert_cmpint (yc_case_get_state (first), ==, YC_CASE_STATE_ROUTED);
  }

  /* a change to a case "mine" does not list, before or after, leaves it
   * be; one to a case it lists does not */
  {
    guint mine_changed = 0;
    guint before = g_list_model_get_n_items (G_LIST_MODEL (mine));
    g_autoptr(YcCase) first = NULL;

    g_signal_connect (mine, "items-changed", G_CALLBACK (on_items_changed_cb), &mine_changed);
    /* number 1 is another clerk's, without a helper */
    remote (f, "370112001-01-20260929-00001", YC_EVENT_ACCEPTED);
    g_assert_cmpuint (mine_changed, ==, 0);
    g_assert_cmpuint (changed, ==, 4);
    /* number 10 is carried by me */
    remote (f, "370112001-01-20260929-00010", YC_EVENT_ROUTED);
    g_assert_cmpuint (mine_changed, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mine)), ==, before);
    first = g_list_model_get_item (G_LIST_MODEL (mine), 0);
    g_assert_cmpstr (yc_case_get_id (first), ==, "370112001-01-20260929-00010");
  }
}

/* A jump far from any page read starts from a key sampled in the
 * background, and lands on the same case as a walk from an end would */
static void
test_sampled_keys (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3 *db = _yc_case_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) mine_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(YcCaseList) all = NULL;
  g_autoptr(YcCaseList) mine = NULL;
  GDate today;
  guint n = 3000;
  const guint positions[] = { 1500, n - 1, 150, 2048, 99, 100, 2900, 1, 0, 1999, 2000 };

  g_assert_true (yc_db_begin (db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("370112001-01-20260929-%05u", i);
      /* some share their `updated`: the id decides between them */
      g_autofree char *at = g_strdup_printf ("2026-09-29T08:%02u:%02u.000000Z", (i / 3) / 60 % 60, (i / 3) % 60);

      g_assert_true (yc_db_run (db, &error,
                                "INSERT INTO cases (id, code, name, version, state, created, updated, clerk, helper)"
                                " VALUES (?, '000107009000', '补领婚姻登记证', 2, 'submitted', ?, ?, ?, ?)",
                                id, at, at, i % 3 == 0 ? ME : OTHER, i % 5 == 0 ? ME : NULL));
    }
  g_assert_true (yc_db_commit (db, &error));
  stmt = yc_db_prepare (db, "SELECT id, clerk = ?1 OR helper IS ?1 FROM cases ORDER BY updated DESC, id DESC", &error);
  yc_db_bind_text (stmt, 1, ME);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, yc_db_column_text (stmt, 0));
      if (sqlite3_column_int (stmt, 1))
        g_ptr_array_add (mine_ids, yc_db_column_text (stmt, 0));
    }

  set_date (&today, "2026-09-29");
  all = yc_case_list_new_filtered (f->store, YC_CASE_FILTER_ALL, ME, &today);
  mine = yc_case_list_new_filtered (f->store, YC_CASE_FILTER_MINE, ME, &today);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mine)), ==, mine_ids->len);
  _yc_case_list_set_sample_step (all, 100);
  _yc_case_list_set_sample_step (mine, 70);
  /* nothing is sampled until the main loop is idle */
  g_assert_cmpuint (_yc_case_list_get_n_keys (all), ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* the cases at 99, 199, … 2999 */
  g_assert_cmpuint (_yc_case_list_get_n_keys (all), ==, n / 100);
  g_assert_cmpuint (_yc_case_list_get_n_keys (mine), ==, mine_ids->len / 70);
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(YcCase) info = g_list_model_get_item (G_LIST_MODEL (all), positions[i]);

      g_assert_cmpstr (yc_case_get_id (info), ==, g_ptr_array_index (ids, positions[i]));
    }
  for (guint i = mine_ids->len; i-- > 0;)
    {
      g_autoptr(YcCase) info = g_list_model_get_item (G_LIST_MODEL (mine), i);

      g_assert_cmpstr (yc_case_get_id (info), ==, g_ptr_array_index (mine_ids, i));
    }

  /* a change moves a case to the top: the keys read before are no longer
   * where they were, and are read again */
  remote (f, g_ptr_array_index (ids, 2500), YC_EVENT_ROUTED);
  g_assert_cmpuint (_yc_case_list_get_n_keys (all), ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (_yc_case_list_get_n_keys (all), ==, n / 100);
  {
    g_autoptr(YcCase) top = g_list_model_get_item (G_LIST_MODEL (all), 0);
    g_autoptr(YcCase) at = g_list_model_get_item (G_LIST_MODEL (all), 2500);
    g_autoptr(YcCase) next = g_list_model_get_item (G_LIST_MODEL (all), 2501);

    g_assert_cmpstr (yc_case_get_id (top), ==, g_ptr_array_index (ids, 2500));
    /* everything down to it moved one down, what is after it stayed */
    g_assert_cmpstr (yc_case_get_id (at), ==, g_ptr_array_index (ids, 2499));
    g_assert_cmpstr (yc_case_get_id (next), ==, g_ptr_array_index (ids, 2501));
  }

  /* with the keys every page has (the default), a jump reads its page
   * from the key of the case before it and walks past no other; before
   * they are read, it walks from the nearest end (the case moved to the
   * top above moved those before it one down) */
#define MOVED(p) g_ptr_array_index (ids, (p) == 0 ? 2500 : (p) <= 2500 ? (p) - 1 : (p))
  {
    g_autoptr(YcCaseList) list = yc_case_list_new_filtered (f->store, YC_CASE_FILTER_ALL, ME, &today);
    g_autoptr(YcCase) early = g_list_model_get_item (G_LIST_MODEL (list), 64 * 20 + 3);

    g_assert_cmpstr (yc_case_get_id (early), ==, MOVED (64 * 20 + 3));
    g_assert_cmpuint (_yc_case_list_get_last_skipped (list), ==, 64 * 20);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (_yc_case_list_get_n_keys (list), ==, n / 64);
    for (guint page = 3; page < n / 64; page += 7)
      {
        g_autoptr(YcCase) info = g_list_model_get_item (G_LIST_MODEL (list), page * 64 + 10);

        g_assert_cmpstr (yc_case_get_id (info), ==, MOVED (page * 64 + 10));
        g_assert_cmpuint (_yc_case_list_get_last_skipped (list), ==, 0);
      }
  }
#undef MOVED

  /* the page after the one shown, or before it scrolling up, is read
   * when the main loop is idle, not when it scrolls into view */
  {
    g_autoptr(YcCaseList) list = yc_case_list_new_filtered (f->store, YC_CASE_FILTER_ALL, ME, &today);
    g_autoptr(YcCase) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(YcCase) down = NULL;
    g_autoptr(YcCase) up = NULL;

    g_assert_true (_yc_case_list_has_page (list, 0));
    g_assert_false (_yc_case_list_has_page (list, 1));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_true (_yc_case_list_has_page (list, 1));
    down = g_list_model_get_item (G_LIST_MODEL (list), 64 * 20);
    up = g_list_model_get_item (G_LIST_MODEL (list), 64 * 19 + 5);
    g_assert_false (_yc_case_list_has_page (list, 18));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_true (_yc_case_list_has_page (list, 18));
    g_assert_false (_yc_case_list_has_page (list, 21));
    g_assert_cmpstr (yc_case_get_id (up), ==, g_ptr_array_index (ids, 64 * 19 + 4));
  }
}

static YcCaseLight
light (YcCase      *info,
       YcCalendar  *calendar,
       const char  *today,
       guint        yellow,
       guint        red)
{
  GDate date;

  set_date (&date, today);
  return yc_case_get_light (info, calendar, &date, yellow, red);
}

/* 2026-10-09 is a Friday after the National Day holiday (1–7 October):
 * on 30 September two working days are left (the 8th and the 9th), not
 * seven. */
static void
test_light (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(YcCalendar) calendar = yc_calendar_new_builtin ();
  g_autofree char *promised = take (f, ME, "accept", "2026-09-25", "2026-10-09", NULL, NULL);
  g_autofree char *on_spot = take (f, ME, "accept", "2026-09-25", NULL, NULL, NULL);
  g_autoptr(YcCase) info = get (f, promised);
  g_autoptr(YcCase) none = get (f, on_spot);
  g_autoptr(YcCase) ready = NULL;

  /* yellow at 2 working days left, red at 1 */
  g_assert_cmpint (light (info, calendar, "2026-09-28", 2, 1), ==, YC_CASE_LIGHT_GREEN);
  g_assert_cmpint (light (info, calendar, "2026-09-29", 2, 1), ==, YC_CASE_LIGHT_GREEN);
  g_assert_cmpint (light (info, calendar, "2026-09-30", 2, 1), ==, YC_CASE_LIGHT_YELLOW);
  g_assert_cmpint (light (info, calendar, "2026-10-03", 2, 1), ==, YC_CASE_LIGHT_YELLOW);
  g_assert_cmpint (light (info, calendar, "2026-10-07", 2, 1), ==, YC_CASE_LIGHT_YELLOW);
  g_assert_cmpint (light (info, calendar, "2026-10-08", 2, 1), ==, YC_CASE_LIGHT_RED);
  g_assert_cmpint (light (info, calendar, "2026-10-09", 2, 1), ==, YC_CASE_LIGHT_RED);
  /* red-card-days 0: red once the deadline is breached, not on its day */
  g_assert_cmpint (light (info, calendar, "2026-10-09", 2, 0), ==, YC_CASE_LIGHT_YELLOW);
  g_assert_cmpint (light (info, calendar, "2026-10-10", 2, 0), ==, YC_CASE_LIGHT_RED);
  g_assert_cmpint (light (info, calendar, "2026-11-30", 2, 0), ==, YC_CASE_LIGHT_RED);
  /* yellow-card-days 0: yellow on the day itself only */
  g_assert_cmpint (light (info, calendar, "2026-10-08", 0, 0), ==, YC_CASE_LIGHT_GREEN);
  g_assert_cmpint (light (info, calendar, "2026-10-09", 0, 0), ==, YC_CASE_LIGHT_YELLOW);
  /* a large threshold counts across the holiday: 3 working days on the
   * 29th (30th, 8th, 9th) */
  g_assert_cmpint (light (info, calendar, "2026-09-29", 3, 0), ==, YC_CASE_LIGHT_YELLOW);
  g_assert_cmpint (light (info, calendar, "2026-09-29", 5, 3), ==, YC_CASE_LIGHT_RED);
  g_assert_cmpint (light (info, calendar, "2026-09-28", 5, 3), ==, YC_CASE_LIGHT_YELLOW);

  /* no promised date, or finished: no light */
  g_assert_cmpint (light (none, calendar, "2026-10-10", 2, 0), ==, YC_CASE_LIGHT_NONE);
  remote (f, promised, YC_EVENT_REGISTERED);
  remote (f, promised, YC_EVENT_RESULT);
  ready = get (f, promised);
  g_assert_cmpint (light (ready, calendar, "2026-10-10", 2, 0), ==, YC_CASE_LIGHT_NONE);
  g_assert_cmpstr (yc_case_light_to_string (YC_CASE_LIGHT_YELLOW), ==, "yellow");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/case-list/columns", Fixture, NULL, fixture_setup, test_columns, fixture_teardown);
  g_test_add ("/case-list/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/case-list/sampled-keys", Fixture, NULL, fixture_setup, test_sampled_keys, fixture_teardown);
  g_test_add ("/case-list/plans", Fixture, NULL, fixture_setup, test_plans, fixture_teardown);
  g_test_add ("/case-list/pages", Fixture, NULL, fixture_setup, test_pages, fixture_teardown);
  g_test_add ("/case-list/light", Fixture, NULL, fixture_setup, test_light, fixture_teardown);

  return g_test_run ();
}

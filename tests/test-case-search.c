/* test-case-search.c: finding a case in the store, listing cases,
 * dropping an empty draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yichuang.h"

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

  f->dir = g_dir_make_tmp ("yichuang-search-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = yc_case_store_open (f->path, &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (f->store, "station", "370112001", &error);
  yc_case_store_set_meta (f->store, "clerk-no", "01", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A draft as the window saves it: the form's values, the applicant. */
static char *
add_draft (Fixture    *f,
           const char *name,
           const char *id_number,
           const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) saved = json_object_new ();
  JsonObject *values = json_object_new ();
  char *case_id;

  case_id = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
  g_assert_no_error (error);
  json_object_set_string_member (values, "applicant_name", name);
  json_object_set_string_member (values, "applicant_id", id_number);
  json_object_set_string_member (values, "applicant_phone", phone);
  json_object_set_string_member (values, "address", "历城区工业北路88号");
  json_object_set_object_member (saved, "values", values);
  yc_case_store_save_draft (f->store, case_id, saved, name, &error);
  g_assert_no_error (error);
  return case_id;
}

static GPtrArray *
search (Fixture    *f,
        const char *query,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *found = yc_case_store_search (f->store, query, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

/* The one case @query finds, or NULL when it finds none or several. */
static char *
find_one (Fixture    *f,
          const char *query)
{
  g_autoptr(GPtrArray) found = search (f, query, 50);

  return found->len == 1 ? g_strdup (yc_case_get_id (g_ptr_array_index (found, 0))) : NULL;
}

static void
assert_finds (Fixture    *f,
              const char *query,
              const char *case_id)
{
  g_autofree char *id = find_one (f, query);

  if (g_strcmp0 (id, case_id) != 0)
    g_error ("“%s” finds %s, not %s", query, id ? id : "none or several", case_id);
}

static void
test_prefixes (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *li = add_draft (f, "李秀英", "11010519491231002X", "13905310001");
  g_autofree char *wang = add_draft (f, "王建国", "370112198501011236", "0531-88886666");
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *local_prefix = NULL;

  /* the name, and the given name without the surname */
  assert_finds (f, "李", li);
  assert_finds (f, "李秀", li);
  assert_finds (f, "秀英", li);
  assert_finds (f, "建国", wang);
  /* the ID number as typed: lower-case x, full-width digits, spaces */
  assert_finds (f, "110105", li);
  assert_finds (f, "11010519491231002x", li);
  assert_finds (f, "３７０１１２１９８５", wang);
  /* phones, with or without the area code's hyphen */
  assert_finds (f, "1390531", li);
  assert_finds (f, "0531-8888", wang);
  assert_finds (f, "05318888", wang);
  /* the local number, with its hyphens or without */
  assert_finds (f, li, li);
  local_prefix = g_strndup (li, strlen (li) - 2);
  both = search (f, local_prefix, 50);
  g_assert_cmpuint (both->len, ==, 2);
  /* the address is not a key, nor is the middle of a number */
  none = search (f, "历城区", 50);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);
  none = search (f, "0519491231", 50);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_newest_first (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *last = NULL;

  yc_db_exec (_yc_case_store_get_db (f->store), "PRAGMA synchronous=OFF", NULL);
  for (guint i = 0; i < 60; i++)
    {
      g_free (last);
      last = add_draft (f, "张伟", "11010519491231002X", "13905310001");
    }
  found = search (f, "张", 50);
  g_assert_cmpuint (found->len, ==, 50);
  g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (found, 0)), ==, last);
  for (guint i = 1; i < found->len; i++)
    g_assert_cmpstr (yc_case_get_updated (g_ptr_array_index (found, i - 1)), >=,
                     yc_case_get_updated (g_ptr_array_index (found, i)));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (f, "张伟", 7);
  g_assert_cmpuint (found->len, ==, 7);
  g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (found, 0)), ==, last);
  /* no query: the newest cases */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (f, " ", 3);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (found, 0)), ==, last);
}

/* Prefixes of every frequency: one every case has (the walk from the
 * newest answers at once), one a case in eleven has (the walk goes on past
 * its first 500 cases), and one only two cases have (their rows are read). */
static void
test_frequent_key (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) rare = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newest = NULL;
  g_autoptr(GPtrArray) wang = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) zhao = g_ptr_array_new_with_free_func (g_free);

  yc_db_exec (_yc_case_store_get_db (f->store), "PRAGMA synchronous=OFF", NULL);
  older = add_draft (f, "欧阳娜娜", "11010519491231002X", "13905310001");
  for (guint i = 0; i < 3000; i++)
    {
      /* eight rows of a 王 case start with 王: its name and its suffixes */
      if (i % 11 == 0)
        g_ptr_array_add (zhao, add_draft (f, "赵敏", "370112198501011236", "13800000000"));
      else
        g_ptr_array_add (wang, add_draft (f, "王王王王王王王王", "370112198501011236", "13800000000"));
    }
  newest = add_draft (f, "欧阳锋", "110105194912310021", "13905310002");

  found = search (f, "王", 50);
  g_assert_cmpuint (found->len, ==, 50);
  for (guint i = 0; i < 50; i++)
    g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (found, i)), ==,
                     g_ptr_array_index (wang, wang->len - 1 - i));
  some = search (f, "赵", 50);
  g_assert_cmpuint (some->len, ==, 50);
  for (guint i = 0; i < 50; i++)
    g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (some, i)), ==,
                     g_ptr_array_index (zhao, zhao->len - 1 - i));
  rare = search (f, "欧阳", 50);
  g_assert_cmpuint (rare->len, ==, 2);
  g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (rare, 0)), ==, newest);
  g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (rare, 1)), ==, older);
}

static void
test_status_change (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *li = add_draft (f, "李秀英", "11010519491231002X", "13905310001");
  g_autofree char *other = add_draft (f, "李娜", "370112198501011236", "13800000000");
  g_autoptr(JsonObject) intake = NULL;
  g_autoptr(JsonObject) registered = NULL;
  g_autoptr(JsonObject) bad = NULL;
  g_autoptr(GPtrArray) found = NULL;
  JsonObject *data_ = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonObject *values = json_object_new ();
  YcCase *first;

  /* the form as taken differs from the last draft: the intake counts */
  json_object_set_string_member (values, "applicant_id", "11010519491231002X");
  json_object_set_string_member (values, "applicant_phone", "13905319999");
  json_object_set_object_member (form, "values", values);
  json_object_set_object_member (data_, "form", form);
  json_object_set_string_member (data_, "decision", "accept");
  intake = yc_event_new (li, YC_EVENT_INTAKE, "张敏", "370112001", data_);
  yc_case_store_submit (f->store, li, intake, &error);
  g_assert_no_error (error);
  assert_finds (f, "13905319999", li);
  g_assert_null (find_one (f, "13905310001"));

  data_ = json_object_new ();
  json_object_set_string_member (data_, "official_no", "11370112004512345640001070090002026112300017");
  registered = yc_event_new (li, YC_EVENT_REGISTERED, "central", "", data_);
  yc_case_store_apply_remote (f->store, registered, &error);
  g_assert_no_error (error);

  /* found by its new number, by its name, and first: it changed last */
  assert_finds (f, "113701120045123456400010700900020261123", li);
  found = search (f, "李", 50);
  g_assert_cmpuint (found->len, ==, 2);
  first = g_ptr_array_index (found, 0);
  g_assert_cmpstr (yc_case_get_id (first), ==, li);
  g_assert_cmpint (yc_case_get_state (first), ==, YC_CASE_STATE_REGISTERED);
  g_assert_cmpstr (yc_case_get_official_no (first), ==, "11370112004512345640001070090002026112300017");
  g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (found, 1)), ==, other);

  /* an event from the service whose uuid is not text changes nothing and
   * says so (a GLib critical, fatal here, before) */
  bad = yc_event_new (li, YC_EVENT_APPROVED, "central", "", NULL);
  json_object_set_int_member (bad, "uuid", 7);
  g_assert_false (yc_case_store_apply_remote (f->store, bad, &error));
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search (f, "李", 50);
  g_assert_cmpint (yc_case_get_state (g_ptr_array_index (found, 0)), ==, YC_CASE_STATE_REGISTERED);
}

/* The case taken at the window, as yc_intake_submit() logs it. */
static JsonObject *
submit (Fixture    *f,
        const char *case_id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *data = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonObject *intake;

  json_object_set_object_member (form, "values", json_object_new ());
  json_object_set_object_member (data, "form", form);
  json_object_set_string_member (data, "decision", "accept");
  intake = yc_event_new (case_id, YC_EVENT_INTAKE, "张敏", "370112001", data);
  yc_case_store_submit (f->store, case_id, intake, &error);
  g_assert_no_error (error);
  return intake;
}

static void
save_form (Fixture    *f,
           const char *case_id,
           const char *saved_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) saved = yc_json_from_string (saved_text, &error);

  g_assert_no_error (error);
  yc_case_store_save_draft (f->store, case_id, json_node_get_object (saved), NULL, &error);
  g_assert_no_error (error);
}

static void
assert_dropped (Fixture    *f,
                const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) gone = NULL;

  g_assert_true (yc_case_store_drop_draft (f->store, case_id, &error));
  g_assert_no_error (error);
  gone = yc_case_store_get_case (f->store, case_id, &error);
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
}

static void
assert_kept (Fixture    *f,
             const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) kept = NULL;

  g_assert_false (yc_case_store_drop_draft (f->store, case_id, &error));
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE);
  g_clear_error (&error);
  kept = yc_case_store_get_case (f->store, case_id, &error);
  g_assert_no_error (error);
}

/* Only a draft that holds nothing is dropped: nothing the outbox held,
 * nothing a citizen was told, nothing the clerk entered. */
static void
test_drop_draft (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) scan = g_bytes_new_static ("%PDF-1.4", 8);
  g_autoptr(JsonObject) intake = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *never = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
  g_autofree char *emptied = add_draft (f, "李秀英", "11010519491231002X", "13905310001");
  g_autofree char *filled = add_draft (f, "王建国", "370112198501011236", "13800000000");
  g_autofree char *answered = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
  g_autofree char *ticked = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
  g_autofree char *scanned = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
  g_autofree char *taken = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
  g_autofree char *sha256 = NULL;

  g_assert_no_error (error);
  assert_dropped (f, never);
  /* typed, then cleared again: its keys go with it */
  save_form (f, emptied, "{\"answers\": {}, \"values\": {}, \"materials\": {}}");
  assert_dropped (f, emptied);
  g_assert_null (find_one (f, "李秀英"));
  found = search (f, NULL, 50);
  g_assert_cmpuint (found->len, ==, 5);

  assert_kept (f, filled);
  save_form (f, answered, "{\"answers\": {\"who\": \"self\"}, \"values\": {}}");
  assert_kept (f, answered);
  save_form (f, ticked, "{\"values\": {}, \"materials\": {\"id-card\": \"received\"}}");
  assert_kept (f, ticked);
  sha256 = yc_attachments_add_bytes (f->store, scan, "申请书.pdf", NULL, &error);
  g_assert_no_error (error);
  yc_attachments_use (f->store, sha256, scanned, "application_scan", NULL, &error);
  g_assert_no_error (error);
  assert_kept (f, scanned);
  /* an empty form, but taken: it is in the outbox */
  intake = submit (f, taken);
  assert_kept (f, taken);

  g_assert_false (yc_case_store_drop_draft (f->store, "370112001-01-20250101-9999", &error));
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_NOT_FOUND);
}

static void
on_items_changed_cb (GListModel *list,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *emissions)
{
  (*emissions)++;
}

/* A sync that changes 500 cases changes each list once, and a list
 * none of them is in not at all. */
static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint drafts_changed = 0, registered_changed = 0, found_changed = 0, outbox_changed = 0;
  g_autoptr(JsonArray) page = json_array_new ();
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *draft = add_draft (f, "李秀英", "11010519491231002X", "13905310001");
  g_autoptr(YcCaseList) drafts = yc_case_list_new_in_state (f->store, YC_CASE_STATE_DRAFT, 30);
  g_autoptr(YcCaseList) registered = yc_case_list_new_in_state (f->store, YC_CASE_STATE_REGISTERED, 0);
  g_autoptr(YcCaseList) found = yc_case_list_new_search (f->store, 50);
  g_autoptr(YcCaseList) outbox = yc_case_list_new_outbox (f->store);
  g_autoptr(YcCase) first = NULL;

  g_signal_connect (drafts, "items-changed", G_CALLBACK (on_items_changed_cb), &drafts_changed);
  g_signal_connect (registered, "items-changed", G_CALLBACK (on_items_changed_cb), &registered_changed);
  g_signal_connect (found, "items-changed", G_CALLBACK (on_items_changed_cb), &found_changed);
  g_signal_connect (outbox, "items-changed", G_CALLBACK (on_items_changed_cb), &outbox_changed);
  yc_db_exec (_yc_case_store_get_db (f->store), "PRAGMA synchronous=OFF", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (drafts)), ==, 1);
  g_assert_true (yc_case_list_set_query (found, "李", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *case_id = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
      g_autoptr(JsonObject) intake = submit (f, case_id);
      JsonObject *number = json_object_new ();
      g_autofree char *official_no = g_strdup_printf ("113701120045123456400010700900020261123%05u", i);

      json_object_set_string_member (number, "official_no", official_no);
      json_array_add_object_element (page, yc_event_new (case_id, YC_EVENT_REGISTERED, "central", "", number));
      g_ptr_array_add (uuids, g_strdup (yc_json_get_string (intake, "uuid")));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outbox)), ==, 500);
  first = g_list_model_get_item (G_LIST_MODEL (outbox), 0);
  g_assert_cmpint (yc_case_get_state (first), ==, YC_CASE_STATE_SUBMITTED);
  drafts_changed = registered_changed = found_changed = outbox_changed = 0;

  g_assert_true (yc_case_store_apply_changes (f->store, page, "500", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (registered_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registered)), ==, 500);
  g_assert_cmpuint (outbox_changed, ==, 1);
  g_assert_cmpuint (drafts_changed, ==, 0);
  g_assert_cmpuint (found_changed, ==, 0);

  g_assert_true (yc_case_store_outbox_done_many (f->store, uuids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outbox_changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outbox)), ==, 0);

  /* the draft dropped leaves the drafts and what was found */
  save_form (f, draft, "{\"values\": {}}");
  g_assert_true (yc_case_store_drop_draft (f->store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (drafts)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 0);
  g_assert_cmpuint (drafts_changed, ==, 1);
}

/* A store made before the search existed: version 2 of the schema, a case
 * the window saved and one the command line took without a draft. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yichuang-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  sqlite3 *db = NULL;
  const char *old_schema =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE catalog (version TEXT PRIMARY KEY, etag TEXT, document BLOB NOT NULL,"
    "  fetched TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE cases (id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL,"
    "  version INTEGER NOT NULL, state TEXT NOT NULL, official_no TEXT, applicant TEXT,"
    "  problem TEXT, draft TEXT, created TEXT NOT NULL, updated TEXT NOT NULL);"
    "CREATE INDEX cases_updated ON cases (updated);"
    "CREATE INDEX cases_state ON cases (state, updated);"
    "CREATE INDEX cases_official ON cases (official_no);"
    "CREATE TABLE events (uuid TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),"
    "  seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL, origin TEXT NOT NULL,"
    "  data TEXT NOT NULL);"
    "CREATE INDEX events_case ON events (case_id, seq);"
    "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  uuid TEXT NOT NULL UNIQUE REFERENCES events (uuid), attempts INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT, set_aside INTEGER NOT NULL DEFAULT 0, queued TEXT NOT NULL);"
    "CREATE TABLE cursors (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT,"
    "  station TEXT, action TEXT NOT NULL, case_id TEXT, detail TEXT);"
    "CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, media_type TEXT,"
    "  name TEXT, added TEXT NOT NULL, confirmed INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE attachment_uses (case_id TEXT NOT NULL REFERENCES cases (id), field TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL REFERENCES attachments (sha256), material TEXT, added TEXT NOT NULL,"
    "  PRIMARY KEY (case_id, field));"
    "CREATE INDEX attachment_uses_sha256 ON attachment_uses (sha256);"
    "INSERT INTO cases VALUES ('370112001-01-20251020-0001', '000107009000', '补领婚姻登记证', 2,"
    "  'registered', '11370112004512345640001070090002025102000001', '李秀英', NULL,"
    "  '{\"code\":\"000107009000\",\"values\":{\"applicant_name\":\"李秀英\","
    "\"applicant_id\":\"11010519491231002X\",\"applicant_phone\":\"13905310001\"}}',"
    "  '2025-10-20T08:00:00Z', '2025-10-20T09:00:00Z');"
    "INSERT INTO cases VALUES ('370112001-01-20251021-0001', '000107009000', '补领婚姻登记证', 2,"
    "  'submitted', NULL, NULL, NULL, NULL, '2025-10-21T08:00:00Z', '2025-10-21T08:00:00Z');"
    "INSERT INTO events VALUES ('9b1c0e52-4c1e-4d55-9d7e-0a4c8f0f1a11', '370112001-01-20251021-0001', 1,"
    "  'intake', '2025-10-21T08:00:00Z', 'local',"
    "  '{\"uuid\":\"9b1c0e52-4c1e-4d55-9d7e-0a4c8f0f1a11\",\"type\":\"intake\",\"data\":{\"form\":{"
    "\"values\":{\"applicant_id\":\"370112198501011236\",\"rows\":[{\"phone\":\"13800138000\"}]}}}}');"
    "PRAGMA user_version=2;";

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, old_schema, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  found = yc_case_store_search (store, "李秀", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = yc_case_store_search (store, "1390531", 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = yc_case_store_search (store, "1137011200451234564000107009000202510", 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* the case without a draft, by the numbers of its intake, even in a table */
  found = yc_case_store_search (store, "3701121985", 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (found, 0)), ==, "370112001-01-20251021-0001");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = yc_case_store_search (store, "13800138", 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* both, newest first, by the beginning of their local numbers */
  found = yc_case_store_search (store, "370112001-01-2025", 50, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (yc_case_get_id (g_ptr_array_index (found, 0)), ==, "370112001-01-20251021-0001");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* the keys are made once */
  g_assert_null (yc_case_store_get_meta (store, "search-rebuild"));

  g_clear_object (&store);
  if (!g_getenv ("YC_TEST_KEEP"))
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/case-search/prefixes", Fixture, NULL, fixture_setup, test_prefixes, fixture_teardown);
  g_test_add ("/case-search/newest-first", Fixture, NULL, fixture_setup, test_newest_first, fixture_teardown);
  g_test_add ("/case-search/frequent-key", Fixture, NULL, fixture_setup, test_frequent_key, fixture_teardown);
  g_test_add ("/case-search/status-change", Fixture, NULL, fixture_setup, test_status_change, fixture_teardown);
  g_test_add_func ("/case-search/migration", test_migration);
  g_test_add ("/case-search/drop-draft", Fixture, NULL, fixture_setup, test_drop_draft, fixture_teardown);
  g_test_add ("/case-search/lists", Fixture, NULL, fixture_setup, test_lists, fixture_teardown);

  return g_test_run ();
}

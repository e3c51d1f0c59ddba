/* test-case-draft.c: the drafts saved on every change by the store's
 * writer: the newest state wins, nothing is written out of order, and
 * closing the store writes what was queued
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "yc-db.h"
#include "yichuang.h"

#define N_STATES 200

typedef struct
{
  char        *dir;
  char        *path;
  YcCaseStore *store;
  guint        saved;
  guint        failed;
  char        *saved_seen;  /* the draft a second connection read at draft-saved */
  GThread     *main_thread;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->main_thread = g_thread_self ();
  f->dir = g_dir_make_tmp ("yichuang-draft-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = yc_case_store_open (f->path, &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (f->store, "station", "370112001", &error);
  g_assert_no_error (error);
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
  g_free (f->saved_seen);
}

/* The form as the window saves it after @n keystrokes in the name */
static JsonObject *
state_after (guint n)
{
  JsonObject *saved = json_object_new ();
  JsonObject *values = json_object_new ();
  g_autofree char *name = g_strdup_printf ("王%u", n);

  json_object_set_string_member (values, "applicant_name", name);
  json_object_set_object_member (saved, "values", values);
  return saved;
}

static char *
draft_name (YcCaseStore *store,
            const char  *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) draft = yc_case_store_load_draft (store, case_id, &error);
  JsonObject *values;

  g_assert_no_error (error);
  values = json_object_get_object_member (draft, "values");
  return values ? g_strdup (json_object_get_string_member (values, "applicant_name")) : NULL;
}

/* What another connection (another process, after a crash) reads now */
static char *
draft_name_on_disk (Fixture    *f,
                    const char *case_id)
{
  sqlite3 *db = NULL;
  char *name;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  name = yc_db_query_text (db, "SELECT json_extract (draft, '$.values.applicant_name') FROM cases WHERE id = ?", case_id);
  sqlite3_close (db);
  return name;
}

static void
on_draft_saved_cb (YcCaseStore  *store,
                   const char   *case_id,
                   const GError *error,
                   Fixture      *f)
{
  /* told in the thread that queued it, as the window is, even while no
   * loop runs its context */
  g_assert_true (g_thread_self () == f->main_thread);
  if (error != NULL)
    {
      g_test_message ("%s: %s", case_id, error->message);
      f->failed++;
      return;
    }
  f->saved++;
  g_free (f->saved_seen);
  f->saved_seen = draft_name_on_disk (f, case_id);
}

static char *
new_draft (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *case_id = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);

  g_assert_no_error (error);
  g_signal_connect (f->store, "draft-saved", G_CALLBACK (on_draft_saved_cb), f);
  return case_id;
}

static void
type_states (Fixture    *f,
             const char *case_id,
             guint       n)
{
  for (guint i = 1; i <= n; i++)
    {
      g_autoptr(JsonObject) state = state_after (i);
      g_autofree char *name = g_strdup_printf ("王%u", i);

      yc_case_store_queue_draft (f->store, case_id, state, name);
    }
}

/* Typing, then the decision at once: the intake is taken from the newest
 * form, and the draft row is that form too, not an older state the writer
 * still held, nor a save refused because the case is no draft any more. */
static void
test_save_then_submit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = new_draft (f);
  g_autofree char *name = NULL;
  g_autofree char *newest = g_strdup_printf ("王%u", N_STATES);
  g_autoptr(JsonObject) intake = NULL;
  g_autoptr(YcCase) submitted = NULL;
  g_autoptr(GPtrArray) found = NULL;
  JsonObject *form_data = json_object_new ();

  type_states (f, case_id, N_STATES);
  json_object_set_object_member (form_data, "form", state_after (N_STATES));
  json_object_set_string_member (form_data, "decision", "accept");
  intake = yc_event_new (case_id, YC_EVENT_INTAKE, "张敏", "370112001", form_data);
  g_assert_true (yc_case_store_submit (f->store, case_id, intake, &error));
  g_assert_no_error (error);

  /* the draft on the disk is the form taken, the moment submit returns */
  name = draft_name_on_disk (f, case_id);
  g_assert_cmpstr (name, ==, newest);
  submitted = yc_case_store_get_case (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (submitted), ==, YC_CASE_STATE_SUBMITTED);
  found = yc_case_store_search (f->store, newest, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* every save reported, none refused */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->failed, ==, 0);
  g_assert_cmpuint (f->saved, >=, 1);
  g_assert_cmpstr (f->saved_seen, ==, newest);
}

/* A synchronous save (the command line's) is newer than what the writer
 * holds: nothing older lands on it afterwards. */
static void
test_sync_supersedes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = new_draft (f);
  g_autoptr(JsonObject) last = state_after (N_STATES + 1);
  g_autofree char *name = NULL;
  g_autofree char *expected = g_strdup_printf ("王%u", N_STATES + 1);

  type_states (f, case_id, N_STATES);
  g_assert_true (yc_case_store_save_draft (f->store, case_id, last, "王", &error));
  g_assert_no_error (error);
  yc_case_store_flush_drafts (f->store);
  name = draft_name (f->store, case_id);
  g_assert_cmpstr (name, ==, expected);
}

/* A draft the clerk typed in and leaves is kept, even when its first
 * state is still on its way to the disk. */
static void
test_drop_waits (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = new_draft (f);
  g_autofree char *name = NULL;

  type_states (f, case_id, 1);
  g_assert_false (yc_case_store_drop_draft (f->store, case_id, &error));
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE);
  name = draft_name_on_disk (f, case_id);
  g_assert_cmpstr (name, ==, "王1");
}

/* Closing the store writes every state queued: the program quitting (or a
 * test's store going away) loses nothing typed. */
static void
test_flush_on_close (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = new_draft (f);
  g_autofree char *other = new_draft (f);
  g_autofree char *name = NULL;
  g_autofree char *other_name = NULL;
  g_autofree char *newest = g_strdup_printf ("王%u", N_STATES);

  type_states (f, case_id, N_STATES);
  type_states (f, other, 3);
  g_clear_object (&f->store);

  name = draft_name_on_disk (f, case_id);
  g_assert_cmpstr (name, ==, newest);
  other_name = draft_name_on_disk (f, other);
  g_assert_cmpstr (other_name, ==, "王3");
  /* and what was reported after the store closed is for no one */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->failed, ==, 0);
}

/* A form's first change makes its case and saves that change in one go
 * (yc_case_store_begin_draft, as YcCaseDraft does): the case is there at
 * once, with the next local number, and its first state reaches the disk
 * by the writer's durable commit, which another connection reads. */
static void
test_begin_draft (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = state_after (1);
  g_autoptr(JsonObject) second = state_after (2);
  g_autofree char *case_id = NULL;
  g_autofree char *other = NULL;
  g_autofree char *name = NULL;
  g_autoptr(YcCase) made = NULL;
  g_autoptr(YcCaseStore) reopened = NULL;
  g_autoptr(YcCase) kept = NULL;

  g_signal_connect (f->store, "draft-saved", G_CALLBACK (on_draft_saved_cb), f);
  case_id = yc_case_store_begin_draft (f->store, "000107009000", "补领婚姻登记证", 2, first, "王1", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (case_id, "370112001-01-"));
  g_assert_true (g_str_has_suffix (case_id, "-0001"));
  made = yc_case_store_get_case (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (made), ==, YC_CASE_STATE_DRAFT);

  while (f->saved + f->failed < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->failed, ==, 0);
  g_assert_cmpstr (f->saved_seen, ==, "王1");
  name = draft_name_on_disk (f, case_id);
  g_assert_cmpstr (name, ==, "王1");

  /* the numbers go on, and the synchronous way agrees with them */
  other = yc_case_store_begin_draft (f->store, "000107009000", "补领婚姻登记证", 2, second, "王2", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (other, "-0002"));
  {
    g_autofree char *third = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (third, "-0003"));
  }
  g_clear_object (&f->store);

  reopened = yc_case_store_open (f->path, &error);
  g_assert_no_error (error);
  kept = yc_case_store_get_case (reopened, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yc_case_get_applicant (kept), ==, "王2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/case-draft/save-then-submit", Fixture, NULL, fixture_setup, test_save_then_submit, fixture_teardown);
  g_test_add ("/case-draft/sync-supersedes", Fixture, NULL, fixture_setup, test_sync_supersedes, fixture_teardown);
  g_test_add ("/case-draft/drop-waits", Fixture, NULL, fixture_setup, test_drop_waits, fixture_teardown);
  g_test_add ("/case-draft/flush-on-close", Fixture, NULL, fixture_setup, test_flush_on_close, fixture_teardown);
  g_test_add ("/case-draft/begin-draft", Fixture, NULL, fixture_setup, test_begin_draft, fixture_teardown);

  return g_test_run ();
}

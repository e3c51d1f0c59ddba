/* test-audit.c: the station's audit trail holds together, and says where
 * it was broken
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "yichuang.h"

typedef struct
{
  char        *dir;
  char        *path;
  YcCaseStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("yc-audit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = yc_case_store_open (f->path, &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (f->store, "clerk", "张敏", NULL);
  yc_case_store_set_meta (f->store, "station", "370112001", NULL);
  /* five entries: three drafts made, two dropped */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 1, &error);

      g_assert_no_error (error);
      if (i < 2)
        g_assert_true (yc_case_store_drop_draft (f->store, id, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
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

/* what someone with the profile's file and sqlite3 could do to it */
static void
tamper (Fixture    *f,
        const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_broken_at (Fixture *f,
                  gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = g_strdup_printf (" %" G_GINT64_FORMAT " (", id);

  g_assert_false (yc_case_store_verify_audit (f->store, NULL, NULL, &error));
  g_assert_error (error, YC_AUDIT_ERROR, YC_AUDIT_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, entry));
}

static void
test_unbroken (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = yc_case_store_list_audit (f->store, NULL, &error);
  g_autofree char *head = NULL;
  YcAuditEntry *last;
  guint64 n = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 5);
  g_assert_true (yc_case_store_verify_audit (f->store, &n, &head, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpstr (head, ==, last->hash);
  g_assert_cmpuint (strlen (head), ==, YC_SHA256_HEX_LENGTH);
  g_assert_cmpstr (last->actor, ==, "张敏");
  g_assert_cmpstr (last->station, ==, "370112001");

  /* every hash differs, and each follows the one before */
  for (guint i = 1; i < entries->len; i++)
    {
      YcAuditEntry *e = g_ptr_array_index (entries, i);
      YcAuditEntry *before = g_ptr_array_index (entries, i - 1);
      g_autofree char *expected = yc_audit_chain (before->hash, e->at, e->actor, e->station, e->action,
                                                  e->case_id, e->detail);

      g_assert_cmpstr (e->hash, !=, before->hash);
      g_assert_cmpstr (e->hash, ==, expected);
    }
}

/* the members are told apart: moving text from one to the next is seen */
static void
test_members_apart (void)
{
  g_autofree char *a = yc_audit_chain (NULL, "2026-12-02T10:00:00Z", "张敏", "370112001", "viewed", "S-1", NULL);
  g_autofree char *b = yc_audit_chain (NULL, "2026-12-02T10:00:00Z", "张敏", "370112001", "viewedS-1", NULL, NULL);
  g_autofree char *c = yc_audit_chain (NULL, "2026-12-02T10:00:00Z", "张敏", "370112001", "viewed", "S-1", "");

  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (a, !=, c);
}

static void
test_altered (Fixture       *f,
              gconstpointer  data)
{
  tamper (f, "UPDATE audit SET detail = 'nothing' WHERE id = 3");
  assert_broken_at (f, 3);
}

static void
test_altered_with_its_hash (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) entries = yc_case_store_list_audit (f->store, NULL, NULL);
  YcAuditEntry *before = g_ptr_array_index (entries, 1);
  YcAuditEntry *e = g_ptr_array_index (entries, 2);
  g_autofree char *forged = yc_audit_chain (before->hash, e->at, "李四", e->station, e->action, e->case_id,
                                            e->detail);

  /* the forger makes the altered entry's own hash right: the next breaks */
  sql = g_strdup_printf ("UPDATE audit SET actor = '李四', hash = '%s' WHERE id = 3", forged);
  tamper (f, sql);
  assert_broken_at (f, 4);
}

static void
test_removed (Fixture       *f,
              gconstpointer  data)
{
  tamper (f, "DELETE FROM audit WHERE id = 2");
  assert_broken_at (f, 3);
}

static void
test_reordered (Fixture       *f,
                gconstpointer  data)
{
  tamper (f, "UPDATE audit SET id = 100 WHERE id = 1");
  assert_broken_at (f, 2);
}

/* a store kept before the chain, as schema 7 finds it: chained on open */
static void
test_upgraded (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  g_clear_object (&f->store);
  tamper (f, "UPDATE audit SET hash = NULL;"
             "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit-rebuild', '1')");
  f->store = yc_case_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (yc_case_store_verify_audit (f->store, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_assert_null (yc_case_store_get_meta (f->store, "audit-rebuild"));
}

static char *
run_audit (Fixture    *f,
           const char *verb,
           int        *status)
{
  const char *argv[] = { YC_CLIENT_BIN, "--data-dir", f->dir, "audit", verb, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return g_strconcat (out, err, NULL);
}

static void
test_command (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *list = NULL;
  int status;

  good = run_audit (f, "verify", &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (good, "5 entries, unbroken"));
  list = run_audit (f, "list", &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (list, "draft-dropped"));

  tamper (f, "UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE id = 2");
  bad = run_audit (f, "verify", &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "entry 2 ("));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/audit/unbroken", test_unbroken);
  g_test_add_func ("/audit/members-apart", test_members_apart);
  ADD ("/audit/altered", test_altered);
  ADD ("/audit/altered-with-its-hash", test_altered_with_its_hash);
  ADD ("/audit/removed", test_removed);
  ADD ("/audit/reordered", test_reordered);
  ADD ("/audit/upgraded", test_upgraded);
  ADD ("/audit/command", test_command);
#undef ADD

  return g_test_run ();
}

/* test-attachment-store.c: scans kept in a clerk profile by their SHA-256
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yc-test-central.h"
#include "yichuang.h"

typedef struct
{
  char        *dir;
  YcCaseStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("yichuang-attachments-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "profile.db", NULL);
  f->store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  yc_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Bytes that look like a scan, different for each seed */
static GBytes *
make_scan (gsize   size,
           guint32 seed)
{
  guchar *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (seed);

  memcpy (data, "%PDF-1.4\n", MIN (size, 9));
  for (gsize i = 9; i < size; i++)
    data[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

/* Nothing half-written is left behind in the folder of scans. */
static void
assert_no_temporary_files (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->dir, "attachments", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)))
    g_assert_false (g_str_has_prefix (name, ".incoming-"));
}

static void
test_add_lookup (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) scan = make_scan (300 * 1024, 1);
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, scan);
  g_autofree char *sha256 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(YcAttachment) a = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GBytes) read = NULL;
  gsize length;

  sha256 = yc_attachments_add_bytes (f->store, scan, "申请书.pdf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha256, ==, expected);
  g_assert_true (yc_attachment_is_sha256 (sha256));

  /* beside the database, under attachments/ab/abcd… */
  path = yc_attachments_get_path (f->store, sha256);
  prefix = g_build_filename (f->dir, "attachments", NULL);
  g_assert_true (g_str_has_prefix (path, prefix));
  g_assert_true (g_str_has_suffix (path, sha256));
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (scan, NULL), g_bytes_get_size (scan));
  assert_no_temporary_files (f);

  a = yc_attachments_lookup (f->store, sha256, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->sha256, ==, sha256);
  g_assert_cmpuint (a->size, ==, 300 * 1024);
  g_assert_cmpstr (a->name, ==, "申请书.pdf");
  g_assert_cmpstr (a->media_type, ==, "application/pdf");
  g_assert_cmpuint (a->confirmed, ==, 0);
  g_assert_nonnull (a->added);

  in = yc_attachments_open (f->store, sha256, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (G_IS_SEEKABLE (in) && g_seekable_can_seek (G_SEEKABLE (in)));
  read = g_input_stream_read_bytes (in, 400 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, scan));

  g_assert_true (yc_attachments_set_confirmed (f->store, sha256, 1024 * 1024, &error));
  g_assert_no_error (error);
  g_clear_pointer (&a, yc_attachment_free);
  a = yc_attachments_lookup (f->store, sha256, &error);
  g_assert_cmpuint (a->confirmed, ==, 1024 * 1024);

  /* a scan it does not have is named */
  g_clear_pointer (&a, yc_attachment_free);
  a = yc_attachments_lookup (f->store, "0000000000000000000000000000000000000000000000000000000000000000", &error);
  g_assert_null (a);
  g_assert_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (yc_attachments_open (f->store, "0000000000000000000000000000000000000000000000000000000000000000",
                                      NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "0000000000000000"));
}

static void
test_dedup (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) scan = make_scan (64 * 1024, 2);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *path = NULL;
  g_autofree char *source = g_build_filename (f->dir, "again.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(YcAttachment) a = NULL;
  GStatBuf before, after;

  first = yc_attachments_add_bytes (f->store, scan, "first.pdf", "application/pdf", &error);
  g_assert_no_error (error);
  path = yc_attachments_get_path (f->store, first);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  /* the same bytes from a file of another name: the file there is kept as
   * it is, not written again */
  g_assert_true (g_file_set_contents (source, g_bytes_get_data (scan, NULL), g_bytes_get_size (scan), &error));
  second = yc_attachments_add_file (f->store, file, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, first);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_mtime, ==, before.st_mtime);
  assert_no_temporary_files (f);

  /* the name it came with first stays */
  a = yc_attachments_lookup (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->name, ==, "first.pdf");
}

static void
test_atomic_write (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) scan = make_scan (200 * 1024, 3);
  g_autoptr(GBytes) other = make_scan (200 * 1024, 4);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, scan);
  g_autofree char *path = yc_attachments_get_path (f->store, sha256);
  g_autofree char *slot = g_path_get_dirname (path);
  g_autofree char *source = g_build_filename (f->dir, "scan.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autofree char *got = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* bytes that are not those of the hash the caller expects: refused,
   * and nothing is kept */
  g_assert_true (g_file_set_contents (source, g_bytes_get_data (other, NULL), g_bytes_get_size (other), &error));
  got = yc_attachments_add_file (f->store, file, sha256, NULL, &error);
  g_assert_null (got);
  g_assert_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, sha256));
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_temporary_files (f);

  /* a damaged copy under the scan's name (a disk error, a crash of an
   * older program) is replaced whole by the good bytes */
  g_assert_cmpint (g_mkdir_with_parents (slot, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "damaged", -1, &error));
  g_assert_true (g_file_set_contents (source, g_bytes_get_data (scan, NULL), g_bytes_get_size (scan), &error));
  got = yc_attachments_add_file (f->store, file, sha256, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, sha256);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, length, g_bytes_get_data (scan, NULL), g_bytes_get_size (scan));
  assert_no_temporary_files (f);
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *big = g_build_filename (f->dir, "huge.tif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (big);
  g_autofree char *got = NULL;
  FILE *out;

  got = yc_attachments_add_bytes (f->store, empty, "empty.pdf", NULL, &error);
  g_assert_null (got);
  g_assert_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty.pdf"));
  g_clear_error (&error);

  /* one byte over what a case may carry; sparse, so it costs no disk */
  out = fopen (big, "w");
  g_assert_nonnull (out);
  g_assert_cmpint (ftruncate (fileno (out), YC_ATTACHMENT_MAX_SIZE + 1), ==, 0);
  fclose (out);
  got = yc_attachments_add_file (f->store, file, NULL, NULL, &error);
  g_assert_null (got);
  g_assert_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.tif"));
  g_assert_nonnull (strstr (error->message, "64 MiB"));
}

static void
on_added_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  char **sha256 = user_data;
  g_autoptr(GError) error = NULL;

  *sha256 = yc_attachments_add_file_finish (YC_CASE_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_uses (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) scan = make_scan (100 * 1024, 5);
  g_autoptr(GBytes) other = make_scan (50 * 1024, 6);
  g_autofree char *source = g_build_filename (f->dir, "身份证.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autofree char *case_id = NULL;
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, scan);
  g_autofree char *sha256 = NULL;
  g_autofree char *other_sha256 = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) list = NULL;
  YcAttachment *a;

  case_id = yc_case_store_new_draft (f->store, "000107009000", "补领婚姻登记证", 2, &error);
  g_assert_no_error (error);

  /* the window's way: copied in a worker, recorded with its use */
  g_assert_true (g_file_set_contents (source, g_bytes_get_data (scan, NULL), g_bytes_get_size (scan), &error));
  yc_attachments_add_file_async (f->store, file, case_id, "id_scan", "id-card", NULL, on_added_cb, &sha256);
  while (sha256 == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (sha256, ==, expected);

  other_sha256 = yc_attachments_add_bytes (f->store, other, "photo.jpg", "image/jpeg", &error);
  g_assert_no_error (error);
  g_assert_true (yc_attachments_use (f->store, other_sha256, case_id, "photo_scan", "photo", &error));
  g_assert_no_error (error);

  list = yc_attachments_list_case (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  a = g_ptr_array_index (list, 0);
  g_assert_cmpstr (a->field, ==, "id_scan");
  g_assert_cmpstr (a->material, ==, "id-card");
  g_assert_cmpstr (a->sha256, ==, sha256);
  g_assert_cmpstr (a->name, ==, "身份证.png");
  g_assert_cmpstr (a->media_type, ==, "image/png");
  g_assert_cmpuint (a->size, ==, 100 * 1024);
  a = g_ptr_array_index (list, 1);
  g_assert_cmpstr (a->field, ==, "photo_scan");
  g_assert_cmpstr (a->sha256, ==, other_sha256);

  /* a field holds one scan: another takes its place */
  g_assert_true (yc_attachments_use (f->store, other_sha256, case_id, "id_scan", "id-card", &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = yc_attachments_list_case (f->store, case_id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((YcAttachment *) g_ptr_array_index (list, 0))->sha256, ==, other_sha256);

  /* a field cleared holds none; the file stays for the other field */
  g_assert_true (yc_attachments_release (f->store, case_id, "id_scan", &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = yc_attachments_list_case (f->store, case_id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((YcAttachment *) g_ptr_array_index (list, 0))->field, ==, "photo_scan");
  path = yc_attachments_get_path (f->store, sha256);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/attachment-store/add-lookup", Fixture, NULL, fixture_setup, test_add_lookup, fixture_teardown);
  g_test_add ("/attachment-store/dedup", Fixture, NULL, fixture_setup, test_dedup, fixture_teardown);
  g_test_add ("/attachment-store/atomic-write", Fixture, NULL, fixture_setup, test_atomic_write, fixture_teardown);
  g_test_add ("/attachment-store/limits", Fixture, NULL, fixture_setup, test_limits, fixture_teardown);
  g_test_add ("/attachment-store/uses", Fixture, NULL, fixture_setup, test_uses, fixture_teardown);

  return g_test_run ();
}

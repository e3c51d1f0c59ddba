/* test-attachments.c: scans from a station to the real central service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "yc-test-station.h"

#define MiB (1024 * 1024)
/* three and a half chunks */
#define SCAN_SIZE (3 * MiB + MiB / 2)

typedef struct
{
  YcTestStation *station;
  /* what the sync engine reported of the uploads */
  guint          chunks;
  guint64        first_received;
  guint          cancel_after;
} Fixture;

static gboolean
run_sync (Fixture  *f,
          GError  **error)
{
  f->chunks = 0;
  f->first_received = 0;
  return yc_test_station_sync (f->station, error);
}

static void
on_progress_cb (YcSync     *sync,
                const char *sha256,
                guint64     received,
                guint64     size,
                Fixture    *f)
{
  g_assert_true (yc_attachment_is_sha256 (sha256));
  g_assert_cmpuint (received, <=, size);
  if (f->chunks++ == 0)
    f->first_received = received;
  if (f->cancel_after > 0 && f->chunks == f->cancel_after)
    g_cancellable_cancel (f->station->cancellable);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  YcTestCentral *central = yc_test_central_new ();

  yc_test_central_start (central, "", NULL);
  f->station = yc_test_station_new (central, NULL, NULL);
  g_signal_connect (f->station->sync, "attachment-progress", G_CALLBACK (on_progress_cb), f);
  /* the catalog */
  run_sync (f, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  YcTestCentral *central = f->station->central;

  yc_test_station_free (f->station);
  yc_test_central_free (central);
}

/* A scan of @size bytes, different for each seed, as a file */
static char *
make_scan (Fixture *f,
           gsize    size,
           guint32  seed)
{
  g_autofree guchar *data = g_malloc (size);
  g_autofree char *name = g_strdup_printf ("scan-%u.pdf", seed);
  char *path = g_build_filename (f->station->central->dir, name, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    data[i] = g_rand_int (rand) & 0xff;
  memcpy (data, "%PDF-1.4\n", 9);
  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
  return path;
}

/* Takes a case whose application scan is @scan_path, kept in the profile
 * as the window keeps it; or, without a file, whose field names @sha256
 * and nothing more. */
static char *
take_case (Fixture    *f,
           const char *scan_path,
           const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = yc_form_new (yc_sync_get_catalog (f->station->sync), "000107010000", &error);
  g_autofree char *case_id = NULL;
  g_autofree char *kept = NULL;
  GPtrArray *materials;

  g_assert_no_error (error);
  case_id = yc_case_store_new_draft (f->station->store, yc_form_get_code (form), yc_form_get_name (form),
                                     yc_form_get_version (form), &error);
  g_assert_no_error (error);
  yc_test_set_string (form, "applicant_name", "李秀英");
  yc_test_set_string (form, "applicant_id", "11010519491231002X");
  if (scan_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (scan_path);

      kept = yc_attachments_add_file (f->station->store, file, NULL, NULL, &error);
      g_assert_no_error (error);
      yc_attachments_use (f->station->store, kept, case_id, "application_scan", "application", &error);
      g_assert_no_error (error);
      sha256 = kept;
    }
  yc_test_set_string (form, "application_scan", sha256);
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_RECEIVED);
  g_assert_cmpuint (yc_form_suggest_decision (form), ==, YC_DECISION_ACCEPT);
  yc_intake_submit (f->station->store, case_id, form, YC_DECISION_ACCEPT, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&case_id);
}

static char *
central_path (Fixture    *f,
              const char *sha256,
              const char *suffix)
{
  g_autofree char *name = g_strconcat (sha256, suffix, NULL);
  g_autofree char *prefix = g_strndup (sha256, 2);

  return g_build_filename (f->station->central->data_dir, "attachments", prefix, name, NULL);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : -1;
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  gsize one_length, two_length;

  g_assert_true (g_file_get_contents (a, &one, &one_length, NULL));
  g_assert_true (g_file_get_contents (b, &two, &two_length, NULL));
  g_assert_cmpmem (one, one_length, two, two_length);
}

static char *
sha256_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
assert_state (Fixture    *f,
              const char *case_id,
              const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) info = yc_case_store_get_case (f->station->store, case_id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (yc_case_state_to_string (yc_case_get_state (info)), ==, state);
}

static void
test_upload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scan = make_scan (f, SCAN_SIZE, 1);
  g_autofree char *sha256 = sha256_of (scan);
  g_autofree char *blob = central_path (f, sha256, "");
  g_autofree char *part = central_path (f, sha256, ".part");
  g_autofree char *case_id = take_case (f, scan, NULL);
  g_autoptr(YcAttachment) kept = NULL;

  g_assert_true (run_sync (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
  assert_state (f, case_id, "registered");

  /* the service has the very bytes, sent in 1 MiB chunks */
  assert_same_file (scan, blob);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (f->chunks, ==, 4);
  kept = yc_attachments_lookup (f->station->store, sha256, &error);
  g_assert_cmpuint (kept->confirmed, ==, SCAN_SIZE);
}

static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scan = make_scan (f, SCAN_SIZE, 2);
  g_autofree char *sha256 = sha256_of (scan);
  g_autofree char *blob = central_path (f, sha256, "");
  g_autofree char *part = central_path (f, sha256, ".part");
  g_autofree char *case_id = take_case (f, scan, NULL);
  g_autoptr(YcAttachment) kept = NULL;

  /* cut off after the second chunk */
  f->station->cancellable = g_cancellable_new ();
  f->cancel_after = 2;
  g_assert_false (run_sync (f, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (f->chunks, ==, 2);
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 1);
  assert_state (f, case_id, "submitted");
  /* the service kept what it acknowledged, and the station knows it */
  g_assert_cmpint (file_size (part), ==, 2 * MiB);
  g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));
  kept = yc_attachments_lookup (f->station->store, sha256, &error);
  g_assert_cmpuint (kept->confirmed, ==, 2 * MiB);

  /* the service restarts; its part file is still there */
  yc_test_central_stop (f->station->central);
  yc_test_central_start (f->station->central, "", NULL);
  g_assert_cmpint (file_size (part), ==, 2 * MiB);

  /* the next run goes on from the service's offset, not from zero: two
   * chunks more, the first of them taking it to 3 MiB */
  g_clear_object (&f->station->cancellable);
  f->cancel_after = 0;
  g_assert_true (run_sync (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->chunks, ==, 2);
  g_assert_cmpuint (f->first_received, ==, 3 * MiB);
  assert_same_file (scan, blob);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
  assert_state (f, case_id, "registered");
}

static void
test_same_scan_twice (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scan = make_scan (f, 1 * MiB + 10, 3);
  g_autofree char *first = take_case (f, scan, NULL);
  g_autofree char *second = NULL;

  g_assert_true (run_sync (f, &error));
  g_assert_cmpuint (f->chunks, ==, 2);
  assert_state (f, first, "registered");

  /* another citizen's case with the same scan: nothing is sent again */
  second = take_case (f, scan, NULL);
  g_assert_true (run_sync (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->chunks, ==, 0);
  assert_state (f, second, "registered");
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scan = make_scan (f, 2 * MiB + 100, 4);
  g_autofree char *sha256 = sha256_of (scan);
  g_autofree char *blob = central_path (f, sha256, "");
  g_autofree char *part = central_path (f, sha256, ".part");
  g_autofree char *damaged = take_case (f, scan, NULL);
  g_autofree char *good_scan = make_scan (f, 1000, 5);
  g_autofree char *good = take_case (f, good_scan, NULL);
  g_autofree char *kept = yc_attachments_get_path (f->station->store, sha256);
  g_autoptr(YcCase) info = NULL;
  g_autoptr(YcAttachment) record = NULL;
  FILE *out;

  /* the profile's copy goes bad after it was kept: one byte in the last
   * chunk */
  out = fopen (kept, "r+");
  g_assert_nonnull (out);
  fseek (out, 2 * MiB + 50, SEEK_SET);
  fputc ('X', out);
  fclose (out);

  g_assert_true (run_sync (f, &error));
  g_assert_no_error (error);
  /* the service threw the bytes away, and the station says why */
  g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  info = yc_case_store_get_case (f->station->store, damaged, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_SET_ASIDE);
  g_assert_true (g_str_has_prefix (yc_case_get_problem (info), "application_scan: "));
  g_assert_nonnull (strstr (yc_case_get_problem (info), sha256));
  g_assert_nonnull (strstr (yc_case_get_problem (info), "damaged"));
  record = yc_attachments_lookup (f->station->store, sha256, &error);
  g_assert_cmpuint (record->confirmed, ==, 0);
  /* and the case behind it is not held up */
  assert_state (f, good, "registered");
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
}

static void
test_missing_on_service (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "never uploaded", -1);
  g_autofree char *case_id = take_case (f, NULL, sha256);
  g_autoptr(YcCase) info = NULL;

  /* a station that sends the case without its scan is refused, naming the
   * field by its label */
  g_assert_true (run_sync (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->chunks, ==, 0);
  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_SET_ASIDE);
  g_assert_true (g_str_has_prefix (yc_case_get_problem (info), "查询申请书扫描件: "));
  g_assert_nonnull (strstr (yc_case_get_problem (info), sha256));
}

/* The protocol itself, as another station's program would speak it */

static guint
request (Fixture     *f,
         const char  *method,
         const char  *sha256,
         const char  *range,
         GBytes      *body,
         gboolean     with_token,
         char       **answer,
         char       **offset)
{
  g_autofree char *ca = yc_test_central_ca (f->station->central, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca, &error);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("tls-database", database, NULL);
  g_autofree char *uri = g_strconcat (f->station->central->url, "/api/v1/attachments/", sha256, NULL);
  g_autofree char *token = yc_case_store_get_meta (f->station->store, "token");
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  g_assert_no_error (error);
  if (with_token)
    soup_message_headers_replace (headers, "Authorization", auth);
  if (range)
    soup_message_headers_replace (headers, "Content-Range", range);
  if (body)
    soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (answer)
    *answer = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (offset)
    *offset = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Upload-Offset"));
  return soup_message_get_status (msg);
}

static void
test_protocol (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) scan = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *wrong = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "something else", -1);
  g_autofree char *part = NULL;
  g_autofree char *blob = NULL;
  g_autofree char *wrong_part = central_path (f, wrong, ".part");
  guchar data_bytes[3000];
  char *answer = NULL;
  char *offset = NULL;

  for (guint i = 0; i < sizeof data_bytes; i++)
    data_bytes[i] = i * 7;
  scan = g_bytes_new (data_bytes, sizeof data_bytes);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, scan);
  part = central_path (f, sha256, ".part");
  blob = central_path (f, sha256, "");
  first = g_bytes_new_from_bytes (scan, 0, 1000);
  rest = g_bytes_new_from_bytes (scan, 1000, 2000);

  /* a token like every request */
  g_assert_cmpuint (request (f, "GET", sha256, NULL, NULL, FALSE, NULL, NULL), ==, 401);
  g_assert_cmpuint (request (f, "PUT", sha256, "bytes 0-999/3000", first, FALSE, NULL, NULL), ==, 401);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  /* a name that is no SHA-256 */
  g_assert_cmpuint (request (f, "GET", "abc", NULL, NULL, TRUE, NULL, NULL), ==, 400);

  /* nothing yet */
  g_assert_cmpuint (request (f, "GET", sha256, NULL, NULL, TRUE, &answer, &offset), ==, 200);
  g_assert_nonnull (strstr (answer, "\"received\":0"));
  g_assert_nonnull (strstr (answer, "\"complete\":false"));
  g_assert_cmpstr (offset, ==, "0");
  g_clear_pointer (&answer, g_free);
  g_clear_pointer (&offset, g_free);

  g_assert_cmpuint (request (f, "PUT", sha256, "bytes 0-999/3000", first, TRUE, &answer, &offset), ==, 200);
  g_assert_nonnull (strstr (answer, "\"received\":1000"));
  g_assert_cmpstr (offset, ==, "1000");
  g_assert_cmpint (file_size (part), ==, 1000);
  g_clear_pointer (&answer, g_free);
  g_clear_pointer (&offset, g_free);

  /* the same chunk again (its answer was lost): 409 with where the
   * service is, and nothing added */
  g_assert_cmpuint (request (f, "PUT", sha256, "bytes 0-999/3000", first, TRUE, &answer, &offset), ==, 409);
  g_assert_cmpstr (offset, ==, "1000");
  g_assert_nonnull (strstr (answer, "\"received\":1000"));
  g_assert_cmpint (file_size (part), ==, 1000);
  g_clear_pointer (&answer, g_free);
  g_clear_pointer (&offset, g_free);

  /* HEAD says as much in its header */
  g_assert_cmpuint (request (f, "HEAD", sha256, NULL, NULL, TRUE, NULL, &offset), ==, 200);
  g_assert_cmpstr (offset, ==, "1000");
  g_clear_pointer (&offset, g_free);

  /* a chunk past the end of the scan */
  g_assert_cmpuint (request (f, "PUT", sha256, "bytes 1000-2999/2500", rest, TRUE, NULL, NULL), ==, 416);
  /* a Content-Range that does not match the body */
  g_assert_cmpuint (request (f, "PUT", sha256, "bytes 1000-1999/3000", rest, TRUE, NULL, NULL), ==, 400);
  /* no Content-Range */
  g_assert_cmpuint (request (f, "PUT", sha256, NULL, rest, TRUE, NULL, NULL), ==, 400);
  /* a scan over 64 MiB, a chunk over 1 MiB */
  g_assert_cmpuint (request (f, "PUT", sha256, "bytes 1000-2999/67108865", rest, TRUE, &answer, NULL), ==, 413);
  g_assert_nonnull (strstr (answer, "67108864"));
  g_clear_pointer (&answer, g_free);
  big = g_bytes_new_take (g_malloc0 (MiB + 1), MiB + 1);
  g_assert_cmpuint (request (f, "PUT", sha256, "bytes 1000-1049576/3000000", big, TRUE, &answer, NULL), ==, 413);
  g_assert_nonnull (strstr (answer, "1048576"));
  g_clear_pointer (&answer, g_free);
  g_assert_cmpint (file_size (part), ==, 1000);

  /* the rest: complete, checked, kept under its hash */
  g_assert_cmpuint (request (f, "PUT", sha256, "bytes 1000-2999/3000", rest, TRUE, &answer, NULL), ==, 200);
  g_assert_nonnull (strstr (answer, "\"complete\":true"));
  g_clear_pointer (&answer, g_free);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpint (file_size (blob), ==, 3000);
  /* and a retry of the last chunk changes nothing */
  g_assert_cmpuint (request (f, "PUT", sha256, "bytes 1000-2999/3000", rest, TRUE, &answer, NULL), ==, 200);
  g_assert_nonnull (strstr (answer, "\"complete\":true"));
  g_clear_pointer (&answer, g_free);

  /* bytes that are not what the hash names: thrown away, 422 naming it */
  g_assert_cmpuint (request (f, "PUT", wrong, "bytes 0-2999/3000", scan, TRUE, &answer, &offset), ==, 422);
  g_assert_nonnull (strstr (answer, wrong));
  g_assert_cmpstr (offset, ==, "0");
  g_clear_pointer (&answer, g_free);
  g_clear_pointer (&offset, g_free);
  g_assert_false (g_file_test (wrong_part, G_FILE_TEST_EXISTS));
}

#ifdef YC_CLIENT_BIN
static void
test_case_new (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *scan = make_scan (f, 1 * MiB + MiB / 4, 6);
  g_autofree char *sha256 = sha256_of (scan);
  g_autofree char *blob = central_path (f, sha256, "");
  g_autofree char *set_scan = g_strconcat ("application_scan=@", scan, NULL);
  g_autofree char *case_id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  yc_test_station_close (f->station);

  /* a file that is not there is named */
  out = yc_test_station_run_client (f->station, &status, "case", "new", "--item", "000107010000",
                                    "--set", "applicant_name=李秀英", "--set", "applicant_id=11010519491231002X",
                                    "--set", "application_scan=@/no/such/scan.pdf", "--decision", "accept", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "application_scan"));
  g_assert_nonnull (strstr (out, "/no/such/scan.pdf"));

  case_id = yc_test_station_run_client (f->station, &status, "case", "new", "--item", "000107010000",
                                        "--set", "applicant_name=李秀英", "--set", "applicant_id=11010519491231002X",
                                        "--set", set_scan, "--decision", "accept", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (case_id, "370112001-01-"));

  listing = yc_test_station_run_client (f->station, &status, "sync", "--once", NULL);
  g_assert_cmpint (status, ==, 0);
  assert_same_file (scan, blob);

  /* the profile holds the scan for the case's field */
  yc_test_station_open (f->station);
  held = yc_attachments_list_case (f->station->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpstr (((YcAttachment *) g_ptr_array_index (held, 0))->sha256, ==, sha256);
  g_assert_cmpstr (((YcAttachment *) g_ptr_array_index (held, 0))->material, ==, "application");
  assert_state (f, case_id, "registered");
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/attachments/upload", Fixture, NULL, fixture_setup, test_upload, fixture_teardown);
  g_test_add ("/attachments/resume", Fixture, NULL, fixture_setup, test_resume, fixture_teardown);
  g_test_add ("/attachments/same-scan-twice", Fixture, NULL, fixture_setup, test_same_scan_twice, fixture_teardown);
  g_test_add ("/attachments/damaged", Fixture, NULL, fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/attachments/missing-on-service", Fixture, NULL, fixture_setup, test_missing_on_service, fixture_teardown);
  g_test_add ("/attachments/protocol", Fixture, NULL, fixture_setup, test_protocol, fixture_teardown);
#ifdef YC_CLIENT_BIN
  g_test_add ("/attachments/case-new", Fixture, NULL, fixture_setup, test_case_new, fixture_teardown);
#endif

  return g_test_run ();
}

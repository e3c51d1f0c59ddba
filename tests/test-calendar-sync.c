/* test-calendar-sync.c: the working-day calendar between the central
 * service and a station, over real TLS
 *
 * The service publishes a calendar folder; the station downloads it when
 * its ETag changes, checks it with the core loader before it replaces the
 * one it has, and counts an intake's dates with it; the service counts
 * them again and refuses dates that differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "yc-test-station.h"
#include "yichuang.h"

#define CALENDAR_DIR TEST_SRCDIR "/../data/calendar"

typedef struct
{
  YcTestCentral *central;
  char          *published;   /* the calendar folder the service publishes */
  YcTestStation *station;
} Fixture;

static void
copy_year (const char *to,
           const char *year)
{
  g_autofree char *name = g_strconcat (year, ".json", NULL);
  g_autofree char *from = g_build_filename (CALENDAR_DIR, name, NULL);
  g_autofree char *path = g_build_filename (to, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &text, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->central = yc_test_central_new ();
  /* the real 2025 and 2026, but not 2024: not the calendar the program
   * was built with, so that a download shows */
  f->published = g_build_filename (f->central->dir, "calendar", NULL);
  g_mkdir_with_parents (f->published, 0700);
  copy_year (f->published, "2025");
  copy_year (f->published, "2026");
  f->central->calendar = g_strdup (f->published);
  yc_test_central_start (f->central, "", NULL);
  f->station = yc_test_station_new (f->central, NULL, f->central->url);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->station, yc_test_station_free);
  g_free (f->published);
  yc_test_central_free (f->central);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* GET /api/v1/calendar as a station sends it, outside the sync engine */
static guint
get_calendar (Fixture     *f,
              const char  *if_none_match,
              char       **etag)
{
  g_autofree char *ca = yc_test_central_ca (f->central, "");
  g_autofree char *token = yc_case_store_get_meta (f->station->store, "token");
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *uri = g_strconcat (f->central->url, "/api/v1/calendar", NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  session = soup_session_new_with_options ("tls-database", database, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (if_none_match)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", if_none_match);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (etag)
    *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag"));
  return soup_message_get_status (msg);
}

static void
test_download (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *kept_etag = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(YcSync) reopened = NULL;
  YcCalendar *first;
  guint notified = 0;

  /* before any download, the calendar built into the program */
  g_assert_cmpuint (yc_calendar_get_first_year (yc_sync_get_calendar (f->station->sync)), ==, 2024);
  g_assert_null (yc_case_store_load_calendar (f->station->store, NULL));
  g_signal_connect (f->station->sync, "notify::calendar", G_CALLBACK (on_notify_cb), &notified);

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  first = yc_sync_get_calendar (f->station->sync);
  g_assert_cmpuint (yc_calendar_get_first_year (first), ==, 2025);
  g_assert_cmpuint (yc_calendar_get_last_year (first), ==, 2026);
  g_assert_cmpuint (notified, ==, 1);
  kept = yc_case_store_load_calendar (f->station->store, &kept_etag);
  g_assert_nonnull (kept);

  /* the service answers 304 to the ETag the station kept, and a second
   * run changes nothing */
  g_assert_cmpuint (get_calendar (f, NULL, &etag), ==, SOUP_STATUS_OK);
  g_assert_cmpstr (etag, ==, kept_etag);
  g_assert_cmpuint (get_calendar (f, kept_etag, NULL), ==, SOUP_STATUS_NOT_MODIFIED);
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  g_assert_true (yc_sync_get_calendar (f->station->sync) == first);
  g_assert_cmpuint (notified, ==, 1);

  /* the program started again uses the one it downloaded */
  store = yc_case_store_open (yc_case_store_get_path (f->station->store), &error);
  g_assert_no_error (error);
  reopened = yc_sync_new (store);
  g_assert_cmpuint (yc_calendar_get_first_year (yc_sync_get_calendar (reopened)), ==, 2025);
}

/* A province's platform speaks the same protocol, and may publish a
 * calendar that does not load; yichuang-central refuses to start with
 * one. This plays that platform, with the certificate the station trusts. */
static void
on_platform_request_cb (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  const char *broken =
    "{\"years\": [{\"year\": 2026, \"holidays\": [{\"date\": \"2026-10-01\", \"name\": \"国庆节\"}],"
    " \"workdays\": [{\"date\": \"2026-10-09\", \"name\": \"国庆节\"}]}]}";
  const char *changes = "{\"events\": [], \"cursor\": \"0\", \"more\": false}";

  if (g_str_equal (path, "/api/v1/catalog"))
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
  else if (g_str_equal (path, "/api/v1/changes"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, changes, strlen (changes));
    }
  else if (g_str_equal (path, "/api/v1/calendar"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"broken\"");
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, broken, strlen (broken));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *etag_before = NULL;
  g_autofree char *etag_after = NULL;
  g_autofree char *cert = g_build_filename (f->central->certs, "server.pem", NULL);
  g_autofree char *key = g_build_filename (f->central->certs, "server-key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) platform = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  YcSync *sync;
  YcCalendar *kept;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  before = yc_case_store_load_calendar (f->station->store, &etag_before);
  g_assert_nonnull (before);

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  platform = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (platform, "/api/v1", on_platform_request_cb, NULL, NULL);
  soup_server_listen_local (platform, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (platform);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  yc_case_store_set_meta (f->station->store, "server-url", url, &error);
  g_assert_no_error (error);

  /* started again, the station speaks to the other platform */
  yc_test_station_close (f->station);
  yc_test_station_open (f->station);
  sync = f->station->sync;
  kept = yc_sync_get_calendar (sync);
  g_assert_false (yc_test_station_sync (f->station, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_CALENDAR);
  g_test_message ("%s", error->message);
  /* the message says what is wrong and where */
  g_assert_nonnull (strstr (error->message, "previous one stays in use"));
  g_assert_nonnull (strstr (error->message, "$.years[0].workdays[0].date: 2026-10-09 is a weekday"));
  g_assert_cmpstr (yc_sync_get_last_error (sync), ==, error->message);

  /* the old calendar stays, in use and on disk */
  g_assert_true (yc_sync_get_calendar (sync) == kept);
  g_assert_cmpuint (yc_calendar_get_first_year (kept), ==, 2025);
  after = yc_case_store_load_calendar (f->station->store, &etag_after);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpstr (etag_before, ==, etag_after);
  soup_server_disconnect (platform);
}

/* @promised_by, @supply_by: (nullable): dates forged into the event in
 * place of the station's */
static char *
take_case (Fixture    *f,
           const char *promised_by,
           const char *supply_by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = yc_form_new (yc_sync_get_catalog (f->station->sync), "000107009000", &error);
  g_autofree char *case_id = NULL;
  GDate accepted;
  JsonObject *data;
  GPtrArray *materials;

  g_assert_no_error (error);
  case_id = yc_case_store_new_draft (f->station->store, yc_form_get_code (form), yc_form_get_name (form),
                                     yc_form_get_version (form), &error);
  g_assert_no_error (error);
  yc_form_set_answer (form, "who", "self");
  yc_test_set_string (form, "applicant_name", "李秀英");
  yc_test_set_string (form, "applicant_id", "11010519491231002X");
  yc_test_set_string (form, "applicant_phone", "13905310001");
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_RECEIVED);
  yc_form_set_material_status (form, "register-proof", YC_MATERIAL_MISSING);
  yc_form_set_material_supply (form, "register-proof", "original", NULL);
  yc_form_set_commitment_signed (form, TRUE);

  data = json_object_new ();
  json_object_set_object_member (data, "form", yc_form_save (form));
  json_object_set_string_member (data, "decision", "rongque");
  g_assert_true (yc_date_parse ("2026-09-28", &accepted));
  yc_intake_add_dates (data, form, YC_DECISION_RONGQUE, yc_sync_get_calendar (f->station->sync), &accepted);
  if (promised_by != NULL)
    json_object_set_string_member (data, "promised_by", promised_by);
  if (supply_by != NULL)
    json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (data, "supply_by"), 0),
                                   "by", supply_by);
  yc_test_station_submit_unchecked (f->station, case_id, data);
  return g_steal_pointer (&case_id);
}

static void
test_intake_dates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr(YcCase) good_info = NULL;
  g_autoptr(YcCase) wrong_info = NULL;
  g_autofree char *earlier = NULL;
  g_autofree char *later = NULL;
  g_autoptr(YcCase) earlier_info = NULL;
  g_autoptr(YcCase) later_info = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *queue = NULL;
  JsonObject *intake;
  JsonObject *supply;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);

  /* counted by the station: 28 September, then five working days across
   * the National Day holiday, ending on the make-up Saturday */
  good = take_case (f, NULL, NULL);
  events = yc_case_store_get_events (f->station->store, good, &error);
  g_assert_no_error (error);
  intake = json_object_get_object_member (g_ptr_array_index (events, 0), "data");
  g_assert_cmpstr (json_object_get_string_member (intake, "accepted_on"), ==, "2026-09-28");
  g_assert_cmpint (json_object_get_int_member (intake, "promised_days"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (intake, "promised_by"), ==, "2026-10-10");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (intake, "supply_by")), ==, 1);
  supply = json_array_get_object_element (json_object_get_array_member (intake, "supply_by"), 0);
  g_assert_cmpstr (json_object_get_string_member (supply, "material"), ==, "register-proof");
  g_assert_cmpstr (json_object_get_string_member (supply, "by"), ==, "2026-10-10");

  /* a date the service counts otherwise: the Saturday forgotten */
  wrong = take_case (f, "2026-10-12", NULL);
  /* a 容缺 supply date the clerk chose earlier is the applicant's to
   * keep; one later than the material's deadline is forged */
  earlier = take_case (f, NULL, "2026-10-09");
  later = take_case (f, NULL, "2026-10-12");
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);

  earlier_info = yc_case_store_get_case (f->station->store, earlier, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (earlier_info), ==, YC_CASE_STATE_REGISTERED);
  later_info = yc_case_store_get_case (f->station->store, later, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (later_info), ==, YC_CASE_STATE_SET_ASIDE);
  g_assert_cmpstr (yc_case_get_problem (later_info), ==,
                   "婚姻登记档案证明 must be supplied by 2026-10-10 at the latest, not 2026-10-12: "
                   "5 working days after 2026-09-28 by the central service’s calendar");

  good_info = yc_case_store_get_case (f->station->store, good, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (good_info), ==, YC_CASE_STATE_REGISTERED);
  wrong_info = yc_case_store_get_case (f->station->store, wrong, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (wrong_info), ==, YC_CASE_STATE_SET_ASIDE);
  g_test_message ("%s", yc_case_get_problem (wrong_info));
  g_assert_cmpstr (yc_case_get_problem (wrong_info), ==,
                   "The promised date 2026-10-12 is wrong: 5 working days after 2026-09-28 "
                   "end on 2026-10-10 by the central service’s calendar");

  /* the department's queue has the date it is held to */
  queue = yc_test_central_run (f->central, "queue", "济南市历城区民政局婚姻登记处", "--json", NULL);
  g_assert_nonnull (strstr (queue, yc_case_get_official_no (good_info)));
  g_assert_nonnull (strstr (queue, "\"promised_by\":\"2026-10-10\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/calendar-sync/download", Fixture, NULL, fixture_setup, test_download, fixture_teardown);
  g_test_add ("/calendar-sync/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/calendar-sync/intake-dates", Fixture, NULL, fixture_setup, test_intake_dates, fixture_teardown);

  return g_test_run ();
}

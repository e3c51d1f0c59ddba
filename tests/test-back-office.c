/* test-back-office.c: a department's back office, a station, and the real
 * central service over real TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "yc-test-station.h"

#define MARRIAGE "济南市历城区民政局婚姻登记处"
#define POLICE   "济南市公安局历城区分局"

typedef struct
{
  YcTestCentral *central;
  YcTestStation *station;
  SoupSession   *session;
  char          *token;      /* the marriage registry's back office */
} Fixture;

static void
run_sync (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *ca = NULL;

  f->central = yc_test_central_new ();
  yc_test_central_start (f->central, "", NULL);
  f->station = yc_test_station_new (f->central, NULL, NULL);
  run_sync (f);

  f->token = yc_test_central_run (f->central, "department-token", MARRIAGE, NULL);
  g_assert_cmpuint (strlen (f->token), ==, 64);

  /* the back office's own client: it trusts the service's CA, and nothing else */
  ca = yc_test_central_ca (f->central, "");
  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("tls-database", database, "timeout", 30, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  yc_test_station_free (f->station);
  g_free (f->token);
  yc_test_central_free (f->central);
}

/* Sends a request with @token; returns the answer's JSON object, and its
 * status in @status. Every answer of the service is a JSON object. */
static JsonObject *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *token,
         const char *body,
         guint      *status)
{
  g_autofree char *url = g_strconcat (f->central->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request_body = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
    }
  bytes = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  node = yc_json_from_string (g_bytes_get_size (bytes) ? g_bytes_get_data (bytes, NULL) : "{}", &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  /* errors say what is wrong */
  if (*status >= 400)
    g_assert_nonnull (yc_json_get_string (json_node_get_object (node), "error"));
  return json_object_ref (json_node_get_object (node));
}

/* POSTs an action on a case; returns the answer and checks its status. */
static JsonObject *
act (Fixture    *f,
     const char *official_no,
     const char *action,
     const char *body,
     guint       expected)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/back-office/cases/%s/%s", official_no, action);
  JsonObject *answer;
  guint status;

  answer = request (f, "POST", path, f->token, body, &status);
  if (status != expected)
    g_error ("%s %s: expected %u, got %u: %s", action, official_no, expected, status,
             yc_json_get_string (answer, "error"));
  return answer;
}

static const char *
case_state (JsonObject *answer)
{
  return yc_json_get_string (yc_json_get_object (answer, "case"), "state");
}

/* Takes a marriage-certificate case and syncs it: the service numbers it
 * and routes it to the marriage registry. */
static YcCase *
take_and_sync (Fixture *f)
{
  g_autofree char *case_id = yc_test_station_take_case (f->station, "000107009000");
  g_autoptr(GError) error = NULL;
  YcCase *info;

  run_sync (f);
  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REGISTERED);
  g_assert_nonnull (yc_case_get_official_no (info));
  return info;
}

static gboolean
has_event (GPtrArray *events, const char *type)
{
  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (events, i), "type"), type) == 0)
      return TRUE;
  return FALSE;
}

static YcCase *
station_case (Fixture *f, const char *case_id)
{
  g_autoptr(GError) error = NULL;
  YcCase *info = yc_case_store_get_case (f->station->store, case_id, &error);

  g_assert_no_error (error);
  return info;
}

static void
test_http_flow (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(YcCase) taken = take_and_sync (f);
  g_autoptr(YcCase) second = take_and_sync (f);
  g_autoptr(YcCase) after = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonArray *cases;
  JsonArray *case_events;
  guint status;

  /* the department's queue shows both, oldest first */
  answer = request (f, "GET", "/api/v1/back-office/queue", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  cases = yc_json_get_array (answer, "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 2);
  g_assert_cmpstr (yc_json_get_string (json_array_get_object_element (cases, 0), "official_no"), ==,
                   yc_case_get_official_no (taken));
  g_assert_cmpstr (yc_json_get_string (json_array_get_object_element (cases, 0), "state"), ==, "registered");
  g_assert_false (json_object_get_boolean_member (answer, "more"));
  g_clear_pointer (&answer, json_object_unref);

  /* paged */
  answer = request (f, "GET", "/api/v1/back-office/queue?limit=1&offset=1", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  cases = yc_json_get_array (answer, "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 1);
  g_assert_cmpstr (yc_json_get_string (json_array_get_object_element (cases, 0), "official_no"), ==,
                   yc_case_get_official_no (second));
  g_assert_false (json_object_get_boolean_member (answer, "more"));
  g_clear_pointer (&answer, json_object_unref);
  answer = request (f, "GET", "/api/v1/back-office/queue?limit=1", f->token, NULL, &status);
  g_assert_true (json_object_get_boolean_member (answer, "more"));
  g_clear_pointer (&answer, json_object_unref);

  /* a case with its log: the form the window took is there */
  path = g_strdup_printf ("/api/v1/back-office/cases/%s", yc_case_get_official_no (taken));
  answer = request (f, "GET", path, f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (yc_json_get_string (yc_json_get_object (answer, "case"), "case"), ==, yc_case_get_id (taken));
  case_events = yc_json_get_array (answer, "events");
  g_assert_cmpuint (json_array_get_length (case_events), ==, 2);
  g_assert_cmpstr (yc_json_get_string (json_array_get_object_element (case_events, 0), "type"), ==, "intake");
  g_clear_pointer (&answer, json_object_unref);

  /* approving before accepting is refused, and says why */
  answer = act (f, yc_case_get_official_no (taken), "approve", NULL, 409);
  g_assert_nonnull (strstr (yc_json_get_string (answer, "error"), "not accepted"));
  g_clear_pointer (&answer, json_object_unref);

  answer = act (f, yc_case_get_official_no (taken), "accept", "{\"by\": \"刘洋\"}", 200);
  g_assert_cmpstr (case_state (answer), ==, "accepted");
  g_clear_pointer (&answer, json_object_unref);
  /* a retry changes nothing */
  answer = act (f, yc_case_get_official_no (taken), "accept", NULL, 200);
  g_assert_cmpstr (case_state (answer), ==, "accepted");
  g_clear_pointer (&answer, json_object_unref);
  answer = act (f, yc_case_get_official_no (taken), "approve", "{\"by\": \"刘洋\"}", 200);
  g_assert_cmpstr (case_state (answer), ==, "approved");
  g_clear_pointer (&answer, json_object_unref);

  /* an invalid move: 409, naming the case and its state */
  answer = act (f, yc_case_get_official_no (taken), "accept", NULL, 409);
  g_assert_nonnull (strstr (yc_json_get_string (answer, "error"), yc_case_get_official_no (taken)));
  g_assert_nonnull (strstr (yc_json_get_string (answer, "error"), "approved already"));
  g_clear_pointer (&answer, json_object_unref);
  answer = act (f, yc_case_get_official_no (taken), "reject", "{\"reason\": \"材料不全\"}", 409);
  g_clear_pointer (&answer, json_object_unref);

  /* the result needs to say how it reaches the applicant */
  answer = act (f, yc_case_get_official_no (taken), "result-ready", NULL, 422);
  g_clear_pointer (&answer, json_object_unref);
  answer = act (f, yc_case_get_official_no (taken), "result-ready", "{\"delivery\": \"pigeon\"}", 422);
  g_clear_pointer (&answer, json_object_unref);
  answer = act (f, yc_case_get_official_no (taken), "result-ready", "{\"delivery\": \"post\", \"note\": \"EMS 1234567890\"}", 200);
  g_assert_cmpstr (case_state (answer), ==, "result-ready");
  g_clear_pointer (&answer, json_object_unref);

  /* filtered by state */
  answer = request (f, "GET", "/api/v1/back-office/queue?state=result-ready", f->token, NULL, &status);
  cases = yc_json_get_array (answer, "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 1);
  g_assert_cmpstr (yc_json_get_string (json_array_get_object_element (cases, 0), "official_no"), ==,
                   yc_case_get_official_no (taken));
  g_clear_pointer (&answer, json_object_unref);
  answer = request (f, "GET", "/api/v1/back-office/queue?state=no-such-state", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 400);
  g_clear_pointer (&answer, json_object_unref);

  /* the station learns it all through its change feed */
  run_sync (f);
  after = station_case (f, yc_case_get_id (taken));
  g_assert_cmpint (yc_case_get_state (after), ==, YC_CASE_STATE_RESULT_READY);
  g_assert_cmpstr (yc_case_get_delivery (after), ==, "post");
  g_assert_cmpstr (yc_case_get_delivery_note (after), ==, "EMS 1234567890");
  events = yc_case_store_get_events (f->station->store, yc_case_get_id (taken), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 5);
  g_assert_true (has_event (events, "accepted"));
  g_assert_true (has_event (events, "approved"));
  g_assert_true (has_event (events, "result-ready"));
  /* who did it is on the log */
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (events, 2), "actor"), ==, "刘洋");
  g_clear_pointer (&after, g_object_unref);
  after = station_case (f, yc_case_get_id (second));
  g_assert_cmpint (yc_case_get_state (after), ==, YC_CASE_STATE_REGISTERED);
}

static void
test_reject (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(YcCase) taken = take_and_sync (f);
  g_autoptr(YcCase) after = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *described = NULL;

  answer = act (f, yc_case_get_official_no (taken), "accept", NULL, 200);
  g_clear_pointer (&answer, json_object_unref);

  /* a refusal without a reason is no decision */
  answer = act (f, yc_case_get_official_no (taken), "reject", NULL, 422);
  g_assert_nonnull (strstr (yc_json_get_string (answer, "error"), "reason"));
  g_clear_pointer (&answer, json_object_unref);
  answer = act (f, yc_case_get_official_no (taken), "reject", "{\"reason\": \"  \"}", 422);
  g_clear_pointer (&answer, json_object_unref);
  answer = act (f, yc_case_get_official_no (taken), "reject", "not json", 400);
  g_clear_pointer (&answer, json_object_unref);

  answer = act (f, yc_case_get_official_no (taken), "reject", "{\"reason\": \"申请人不符合补领条件\"}", 200);
  g_assert_cmpstr (case_state (answer), ==, "rejected");
  g_clear_pointer (&answer, json_object_unref);
  answer = act (f, yc_case_get_official_no (taken), "approve", NULL, 409);
  g_assert_nonnull (strstr (yc_json_get_string (answer, "error"), "rejected already"));
  g_clear_pointer (&answer, json_object_unref);

  run_sync (f);
  after = station_case (f, yc_case_get_id (taken));
  g_assert_cmpint (yc_case_get_state (after), ==, YC_CASE_STATE_REJECTED);
  g_assert_cmpstr (yc_case_get_problem (after), ==, "申请人不符合补领条件");
  described = yc_case_describe (after);
  g_assert_nonnull (strstr (described, "申请人不符合补领条件"));

  /* a rejection is a result too: the decision is handed out */
  answer = act (f, yc_case_get_official_no (taken), "result-ready", "{\"delivery\": \"window\"}", 200);
  g_clear_pointer (&answer, json_object_unref);
  run_sync (f);
  g_clear_pointer (&after, g_object_unref);
  after = station_case (f, yc_case_get_id (taken));
  g_assert_cmpint (yc_case_get_state (after), ==, YC_CASE_STATE_RESULT_READY);
  g_assert_cmpstr (yc_case_get_delivery (after), ==, "window");
  g_assert_null (yc_case_get_delivery_note (after));
}

static void
test_tokens (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(YcCase) taken = take_and_sync (f);
  g_autofree char *police = yc_test_central_run (f->central, "department-token", POLICE, NULL);
  g_autofree char *station_token = yc_case_store_get_meta (f->station->store, "token");
  g_autofree char *case_path = g_strdup_printf ("/api/v1/back-office/cases/%s", yc_case_get_official_no (taken));
  g_autofree char *accept_path = g_strdup_printf ("%s/accept", case_path);
  g_autoptr(JsonObject) answer = NULL;
  guint status;

  /* another department does not see the case at all */
  answer = request (f, "GET", case_path, police, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, json_object_unref);
  answer = request (f, "POST", accept_path, police, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, json_object_unref);
  answer = request (f, "GET", "/api/v1/back-office/queue", police, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (yc_json_get_array (answer, "cases")), ==, 0);
  g_clear_pointer (&answer, json_object_unref);
  answer = request (f, "GET", "/api/v1/back-office/cases/1137011200451234564000107009000209901010001",
                    f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, json_object_unref);

  /* a station's token is no good in the back office */
  answer = request (f, "GET", "/api/v1/back-office/queue", station_token, NULL, &status);
  g_assert_cmpuint (status, ==, 403);
  g_clear_pointer (&answer, json_object_unref);
  answer = request (f, "POST", accept_path, station_token, NULL, &status);
  g_assert_cmpuint (status, ==, 403);
  g_clear_pointer (&answer, json_object_unref);

  /* and a department's is no good for a station's requests */
  answer = request (f, "POST", "/api/v1/events", f->token, "{\"events\": []}", &status);
  g_assert_cmpuint (status, ==, 403);
  g_clear_pointer (&answer, json_object_unref);
  answer = request (f, "GET", "/api/v1/changes", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 403);
  g_clear_pointer (&answer, json_object_unref);

  /* no token, or a made-up one */
  answer = request (f, "GET", "/api/v1/back-office/queue", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_object_unref);
  answer = request (f, "GET", "/api/v1/back-office/queue", "0123456789abcdef", NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_object_unref);

  /* nothing of this moved the case */
  answer = request (f, "GET", case_path, f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (case_state (answer), ==, "registered");
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(YcCase) taken = take_and_sync (f);
  g_autoptr(YcCase) other = take_and_sync (f);
  g_autoptr(YcCase) after = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  out = yc_test_central_run (f->central, "queue", MARRIAGE, NULL);
  g_assert_nonnull (strstr (out, yc_case_get_official_no (taken)));
  g_assert_nonnull (strstr (out, yc_case_get_official_no (other)));
  g_free (out);
  out = yc_test_central_run (f->central, "queue", POLICE, NULL);
  g_assert_cmpstr (out, ==, "");
  g_free (out);

  /* what the command refuses, it says, and exits 1 */
  out = yc_test_central_try (f->central, &status, "approve", yc_case_get_official_no (taken), "--by", "刘洋", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "not accepted"));
  g_free (out);
  out = yc_test_central_try (f->central, &status, "accept", yc_case_get_official_no (taken), NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (out, "--by"));
  g_free (out);
  out = yc_test_central_try (f->central, &status, "accept", "NO-SUCH-NUMBER", "--by", "刘洋", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "NO-SUCH-NUMBER"));
  g_free (out);

  out = yc_test_central_run (f->central, "accept", yc_case_get_official_no (taken), "--by", "刘洋", NULL);
  g_assert_nonnull (strstr (out, "accepted"));
  g_free (out);
  out = yc_test_central_run (f->central, "approve", yc_case_get_official_no (taken), "--by", "刘洋", NULL);
  g_free (out);
  out = yc_test_central_try (f->central, &status, "accept", yc_case_get_official_no (taken), "--by", "刘洋", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "approved already"));
  g_free (out);
  out = yc_test_central_try (f->central, &status, "result-ready", yc_case_get_official_no (taken), "--by", "刘洋",
                             "--delivery", "pigeon", NULL);
  g_assert_cmpint (status, ==, 1);
  g_free (out);
  out = yc_test_central_run (f->central, "result-ready", yc_case_get_official_no (taken), "--by", "刘洋",
                             "--delivery", "window", "--note", "带身份证原件领取", NULL);
  g_free (out);

  out = yc_test_central_run (f->central, "accept", yc_case_get_official_no (other), "--by", "王芳", NULL);
  g_free (out);
  out = yc_test_central_try (f->central, &status, "reject", yc_case_get_official_no (other), "--by", "王芳", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "reason"));
  g_free (out);
  out = yc_test_central_run (f->central, "reject", yc_case_get_official_no (other), "--by", "王芳",
                             "--reason", "婚姻登记档案中无此记录", NULL);
  g_free (out);

  /* the queue by state, as JSON */
  out = yc_test_central_run (f->central, "queue", MARRIAGE, "--state", "rejected", "--json", NULL);
  node = yc_json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  g_assert_cmpstr (yc_json_get_string (json_array_get_object_element (json_node_get_array (node), 0), "official_no"),
                   ==, yc_case_get_official_no (other));
  g_free (out);

  /* the same moves reach the station as the HTTP API's */
  run_sync (f);
  after = station_case (f, yc_case_get_id (taken));
  g_assert_cmpint (yc_case_get_state (after), ==, YC_CASE_STATE_RESULT_READY);
  g_assert_cmpstr (yc_case_get_delivery (after), ==, "window");
  g_assert_cmpstr (yc_case_get_delivery_note (after), ==, "带身份证原件领取");
  g_clear_pointer (&after, g_object_unref);
  after = station_case (f, yc_case_get_id (other));
  g_assert_cmpint (yc_case_get_state (after), ==, YC_CASE_STATE_REJECTED);
  g_assert_cmpstr (yc_case_get_problem (after), ==, "婚姻登记档案中无此记录");

#ifdef YC_CLIENT_BIN
  /* and the station's command shows them in words */
  yc_test_station_close (f->station);
  out = yc_test_station_run_client (f->station, &status, "case", "list", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Result ready · Collect at the window · 带身份证原件领取"));
  g_assert_nonnull (strstr (out, "Not approved: 婚姻登记档案中无此记录"));
  g_free (out);
  out = yc_test_station_run_client (f->station, &status, "case", "list", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\"delivery\":\"window\""));
  g_assert_nonnull (strstr (out, "\"state\":\"rejected\""));
  g_free (out);

  /* the profile's folder may be named before the command too, as the
   * README writes it; that is still a command, not a window */
  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new ();
    int status2;

    g_ptr_array_add (argv, (char *) YC_CLIENT_BIN);
    g_ptr_array_add (argv, (char *) "--data-dir");
    g_ptr_array_add (argv, f->station->profile);
    g_ptr_array_add (argv, (char *) "case");
    g_ptr_array_add (argv, (char *) "list");
    out = yc_test_run (argv, &status2);
    g_assert_cmpint (status2, ==, 0);
    g_assert_nonnull (strstr (out, "Not approved: 婚姻登记档案中无此记录"));
    g_free (out);

    g_ptr_array_set_size (argv, 1);
    g_ptr_array_add (argv, (char *) "-d");
    g_ptr_array_add (argv, f->station->profile);
    g_ptr_array_add (argv, (char *) "outbox");
    out = yc_test_run (argv, &status2);
    g_assert_cmpint (status2, ==, 0);
    g_assert_cmpstr (out, ==, "0 events waiting");
  }
#else
  out = NULL;
#endif
}

static void
test_bundle (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *case_id = yc_test_station_take_case (f->station, "YJS-TEST01");
  g_autofree char *police = yc_test_central_run (f->central, "department-token", POLICE, NULL);
  g_autofree char *police_sub = g_strconcat (case_id, "/1", NULL);
  g_autofree char *marriage_sub = g_strconcat (case_id, "/2", NULL);
  g_autofree char *path = NULL;
  g_autoptr(YcCase) parent = NULL;
  g_autoptr(YcCase) sub = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) police_case = NULL;
  g_autoptr(JsonObject) marriage_case = NULL;
  JsonArray *cases;
  JsonArray *events;
  guint status;

  run_sync (f);
  parent = station_case (f, case_id);
  g_assert_cmpint (yc_case_get_state (parent), ==, YC_CASE_STATE_REGISTERED);

  /* each department's queue has its own member, with its own number */
  answer = request (f, "GET", "/api/v1/back-office/queue", police, NULL, &status);
  cases = yc_json_get_array (answer, "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 1);
  police_case = json_object_ref (json_array_get_object_element (cases, 0));
  g_assert_cmpstr (yc_json_get_string (police_case, "case"), ==, police_sub);
  g_assert_cmpstr (yc_json_get_string (police_case, "parent"), ==, case_id);
  g_clear_pointer (&answer, json_object_unref);
  answer = request (f, "GET", "/api/v1/back-office/queue", f->token, NULL, &status);
  cases = yc_json_get_array (answer, "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 1);
  marriage_case = json_object_ref (json_array_get_object_element (cases, 0));
  g_assert_cmpstr (yc_json_get_string (marriage_case, "case"), ==, marriage_sub);
  g_clear_pointer (&answer, json_object_unref);

  /* a sub-case comes with the bundle's form, which the department decides on */
  path = g_strdup_printf ("/api/v1/back-office/cases/%s", yc_json_get_string (police_case, "official_no"));
  answer = request (f, "GET", path, police, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  events = yc_json_get_array (answer, "events");
  g_assert_cmpstr (yc_json_get_string (json_array_get_object_element (events, 0), "type"), ==, "intake");
  g_clear_pointer (&answer, json_object_unref);
  /* and the other department does not see it */
  answer = request (f, "GET", path, f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, json_object_unref);

  g_free (path);
  path = g_strdup_printf ("/api/v1/back-office/cases/%s/accept", yc_json_get_string (police_case, "official_no"));
  answer = request (f, "POST", path, police, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_object_unref);
  g_free (path);
  path = g_strdup_printf ("/api/v1/back-office/cases/%s/approve", yc_json_get_string (police_case, "official_no"));
  answer = request (f, "POST", path, police, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_object_unref);
  answer = act (f, yc_json_get_string (marriage_case, "official_no"), "accept", NULL, 200);
  g_clear_pointer (&answer, json_object_unref);
  answer = act (f, yc_json_get_string (marriage_case, "official_no"), "reject", "{\"reason\": \"户籍迁移未完成\"}", 200);

  /* the station that took the bundle sees each member's fate */
  run_sync (f);
  sub = station_case (f, police_sub);
  g_assert_cmpint (yc_case_get_state (sub), ==, YC_CASE_STATE_APPROVED);
  g_assert_cmpstr (yc_case_get_official_no (sub), ==, yc_json_get_string (police_case, "official_no"));
  g_assert_cmpstr (yc_case_get_applicant (sub), ==, "李秀英");
  g_assert_cmpstr (yc_case_get_code (sub), ==, "000107003000");
  g_clear_pointer (&sub, g_object_unref);
  sub = station_case (f, marriage_sub);
  g_assert_cmpint (yc_case_get_state (sub), ==, YC_CASE_STATE_REJECTED);
  g_assert_cmpstr (yc_case_get_problem (sub), ==, "户籍迁移未完成");
  g_clear_pointer (&parent, g_object_unref);
  parent = station_case (f, case_id);
  g_assert_cmpint (yc_case_get_state (parent), ==, YC_CASE_STATE_REGISTERED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/back-office/http-flow", Fixture, NULL, fixture_setup, test_http_flow, fixture_teardown);
  g_test_add ("/back-office/reject", Fixture, NULL, fixture_setup, test_reject, fixture_teardown);
  g_test_add ("/back-office/tokens", Fixture, NULL, fixture_setup, test_tokens, fixture_teardown);
  g_test_add ("/back-office/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add ("/back-office/bundle", Fixture, NULL, fixture_setup, test_bundle, fixture_teardown);

  return g_test_run ();
}

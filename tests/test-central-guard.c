/* test-central-guard.c: the central service trusts no station's events
 *
 * Two enrolled stations and the real yichuang-central over real TLS. Each
 * refusal of the events endpoint is probed with a raw request, as a
 * station's program that does not check (or an attacker with a station's
 * token) would send it, and answered with its stable refusal code and
 * field; then a station's own outbox with refused events in it: each is
 * set aside with the service's reason in the clerk's words (zh_CN), and
 * the events behind it go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "yc-test-station.h"

#define ITEM "000107009000"  /* the marriage certificate's replacement */

typedef struct
{
  YcTestCentral *central;
  YcTestStation *station;  /* 370112001, clerk 01 张敏 */
  YcTestStation *other;    /* 370112002, clerk 01 张敏 */
  SoupSession   *session;
  char          *token;
  char          *other_token;
} Fixture;

static void
run_sync (YcTestStation *station)
{
  g_autoptr(GError) error = NULL;

  yc_test_station_sync (station, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *code = NULL;
  g_autofree char *profile = NULL;

  f->central = yc_test_central_new ();
  yc_test_central_start (f->central, "", NULL);
  f->station = yc_test_station_new (f->central, NULL, NULL);
  run_sync (f->station);
  f->token = yc_case_store_get_meta (f->station->store, "token");

  profile = g_build_filename (f->central->dir, "other", NULL);
  f->other = yc_test_station_new_unenrolled (f->central, profile);
  code = yc_test_central_run (f->central, "enroll-code", "370112002", "历城区东风街道便民服务中心", NULL);
  g_assert_true (yc_test_station_enroll (f->other, NULL, "370112002", code, &error));
  g_assert_no_error (error);
  run_sync (f->other);
  f->other_token = yc_case_store_get_meta (f->other->store, "token");

  ca = yc_test_central_ca (f->central, "");
  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  f->session = soup_session_new_with_options ("tls-database", database, "timeout", 60, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_free (f->token);
  g_free (f->other_token);
  yc_test_station_free (f->other);
  yc_test_station_free (f->station);
  yc_test_central_free (f->central);
}

/* POSTs @body to the events endpoint with @token; returns the answer */
static JsonObject *
post_text (Fixture    *f,
           const char *token,
           const char *body,
           guint      *status)
{
  g_autofree char *url = g_strconcat (f->central->url, "/api/v1/events", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) request_body = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language", "en");
  soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
  bytes = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  node = yc_json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static char *
batch_text (JsonObject *event)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *events = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  json_array_add_object_element (events, json_object_ref (event));
  json_object_set_array_member (body, "events", events);
  node = json_node_init_object (json_node_alloc (), body);
  return yc_json_to_string (node);
}

/* Sends one event with @token; returns its result, checked to be one */
static JsonObject *
post_event (Fixture    *f,
            const char *token,
            JsonObject *event)
{
  g_autofree char *body = batch_text (event);
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *results;
  guint status;

  answer = post_text (f, token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  results = yc_json_get_array (answer, "results");
  g_assert_nonnull (results);
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  return json_object_ref (json_array_get_object_element (results, 0));
}

/* The event is refused for good, with @refusal, naming @field, and a
 * reason a person reads */
static void
assert_refused (JsonObject *result,
                guint       code,
                const char *refusal,
                const char *field)
{
  if (g_strcmp0 (yc_json_get_string (result, "refusal"), refusal) != 0)
    g_error ("expected refusal %s, got %s: %s", refusal, yc_json_get_string (result, "refusal"),
             yc_json_get_string (result, "reason"));
  g_assert_cmpstr (yc_json_get_string (result, "status"), ==, "rejected");
  g_assert_cmpint (json_object_get_int_member (result, "code"), ==, code);
  g_assert_cmpstr (yc_json_get_string (result, "field"), ==, field);
  g_assert_nonnull (yc_json_get_string (result, "reason"));
  g_assert_cmpuint (strlen (yc_json_get_string (result, "reason")), >, 10);
}

static void
assert_refused_event (Fixture    *f,
                      const char *token,
                      JsonObject *event,
                      guint       code,
                      const char *refusal,
                      const char *field)
{
  g_autoptr(JsonObject) result = post_event (f, token, event);

  assert_refused (result, code, refusal, field);
}

/* An intake as the window makes it, taken off the station's outbox (the
 * station never sends it: each test sends its own copies) */
static JsonObject *
valid_intake (Fixture *f)
{
  g_autofree char *case_id = yc_test_station_take_case (f->station, ITEM);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *event = NULL;

  entries = yc_case_store_outbox_peek (f->station->store, G_MAXINT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      YcOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->case_id, case_id))
        {
          g_autofree char *text = yc_json_object_to_string (entry->event);
          g_autoptr(JsonNode) node = yc_json_from_string (text, &error);

          g_assert_no_error (error);
          event = json_object_ref (json_node_get_object (node));
        }
    }
  g_assert_nonnull (event);
  /* a copy under a UUID of its own */
  {
    g_autofree char *uuid = g_uuid_string_random ();

    json_object_set_string_member (event, "uuid", uuid);
  }
  return event;
}

static void
renew (JsonObject *event)
{
  g_autofree char *uuid = g_uuid_string_random ();

  json_object_set_string_member (event, "uuid", uuid);
}

static JsonObject *
form_of (JsonObject *event)
{
  return yc_json_get_object (yc_json_get_object (event, "data"), "form");
}

/* The form of a case number, the core's one rule, as the service and the
 * station both use it */
static void
test_case_number_form (void)
{
  g_autofree char *station = NULL;
  g_autofree char *clerk = NULL;
  g_autofree char *long_id = g_strnfill (100000, '7');
  guint sub = 99;
  const char *bad[] = {
    "", "../../etc/passwd", "370112001-01-20261202", "370112001-01-20261302-0001",
    "370112001-1-20261202-0001", "370112001-01-20261202-001", "370/112001-01-20261202-0001",
    "370112001-01-20261202-0001/0", "370112001-01-20261202-0001/", "3701 12001-01-20261202-0001",
    "370112001-01-20261202-0001-2", "370112001-01-20261202-0001\n",
  };

  g_assert_true (yc_case_number_parse ("370112001-01-20261202-0001", &station, &clerk, &sub));
  g_assert_cmpstr (station, ==, "370112001");
  g_assert_cmpstr (clerk, ==, "01");
  g_assert_cmpuint (sub, ==, 0);
  g_clear_pointer (&station, g_free);
  g_assert_true (yc_case_number_parse ("370112001-01-20261202-12345/2", &station, NULL, &sub));
  g_assert_cmpstr (station, ==, "370112001");
  g_assert_cmpuint (sub, ==, 2);
  g_assert_false (yc_case_number_parse (long_id, NULL, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (yc_case_number_parse (bad[i], NULL, NULL, NULL))
      g_error ("“%s” taken for a case number", bad[i]);
}

static void
test_case_number (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) event = valid_intake (f);
  g_autofree char *long_id = g_strnfill (100000, 'x');
  const char *bad[] = { "../../etc/passwd", long_id, "370112001-01-2026-1", "LOCAL" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) result = NULL;

      renew (event);
      json_object_set_string_member (event, "case", bad[i]);
      result = post_event (f, f->token, event);
      assert_refused (result, 422, "case-number-malformed", "case");
      /* the reason quotes the start of it, whole characters */
      g_assert_cmpuint (strlen (yc_json_get_string (result, "reason")), <, 300);
      g_assert_true (g_utf8_validate (yc_json_get_string (result, "reason"), -1, NULL));
    }
  /* a number with Chinese in it, cut within */
  {
    g_autoptr(GString) wide = g_string_new ("370112001-01-20261202-");
    g_autoptr(JsonObject) result = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append (wide, "号");
    renew (event);
    json_object_set_string_member (event, "case", wide->str);
    result = post_event (f, f->token, event);
    assert_refused (result, 422, "case-number-malformed", "case");
    g_assert_true (g_utf8_validate (yc_json_get_string (result, "reason"), -1, NULL));
  }
}

/* A number of another station's, for an intake or any other event */
static void
test_other_station (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) event = valid_intake (f);
  g_autoptr(JsonObject) step = NULL;
  g_autoptr(YcCase) info = NULL;
  g_autoptr(GError) error = NULL;
  const char *case_id = json_object_get_string_member (event, "case");
  JsonObject *rating;

  /* the other station takes this one's number first */
  json_object_set_string_member (event, "station", "370112002");
  assert_refused_event (f, f->other_token, event, 403, "case-of-another-station", "case");

  /* the real owner's case is not "already taken" */
  run_sync (f->station);
  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REGISTERED);

  /* nor may it add a step to it */
  rating = json_object_new ();
  json_object_set_string_member (rating, "rating", "satisfied");
  step = yc_event_new (case_id, YC_EVENT_EVALUATED, "张敏", "370112002", rating);
  assert_refused_event (f, f->other_token, step, 403, "case-of-another-station", "case");
}

static void
test_clerk_not_enrolled (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) event = valid_intake (f);
  g_auto(GStrv) parts = g_strsplit (json_object_get_string_member (event, "case"), "-", -1);
  g_autofree char *case_id = g_strdup_printf ("%s-07-%s-%s", parts[0], parts[2], parts[3]);

  json_object_set_string_member (event, "case", case_id);
  assert_refused_event (f, f->token, event, 422, "clerk-not-enrolled", "case");
}

/* The back office's events come from departments only; an unknown type
 * from nobody */
static void
test_types (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *case_id = yc_test_station_take_case (f->station, ITEM);
  const char *back_office[] = { YC_EVENT_REGISTERED, YC_EVENT_ROUTED, YC_EVENT_ACCEPTED, YC_EVENT_APPROVED,
                                YC_EVENT_REJECTED, YC_EVENT_RESULT };
  g_autoptr(JsonObject) unknown = NULL;

  run_sync (f->station);
  for (guint i = 0; i < G_N_ELEMENTS (back_office); i++)
    {
      g_autoptr(JsonObject) event = yc_event_new (case_id, back_office[i], "张敏", "370112001", NULL);

      assert_refused_event (f, f->token, event, 422, "type-back-office-only", "type");
    }
  unknown = yc_event_new (case_id, "teleported", "张敏", "370112001", NULL);
  assert_refused_event (f, f->token, unknown, 422, "type-unknown", "type");
}

static void
test_actor_station (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) event = valid_intake (f);

  json_object_set_string_member (event, "actor", "李四");
  assert_refused_event (f, f->token, event, 422, "actor-not-token-clerk", "actor");
  renew (event);
  json_object_set_string_member (event, "actor", "张敏");
  json_object_set_string_member (event, "station", "370112002");
  assert_refused_event (f, f->token, event, 422, "station-not-token-station", "station");
}

static void
test_at (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(JsonObject) event = valid_intake (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) old = g_date_time_add_days (now, -31);
  g_autoptr(GDateTime) week = g_date_time_add_days (now, -7);
  g_autoptr(GDateTime) ahead = g_date_time_add_minutes (now, 30);
  g_autofree char *old_text = g_date_time_format_iso8601 (old);
  g_autofree char *week_text = g_date_time_format_iso8601 (week);
  g_autofree char *ahead_text = g_date_time_format_iso8601 (ahead);
  g_autofree char *local = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autoptr(JsonObject) result = NULL;
  struct { const char *at; const char *refusal; } cases[] = {
    { "yesterday", "at-malformed" },
    { local, "at-malformed" },  /* no offset */
    { "2026-13-45T10:00:00Z", "at-malformed" },
    { "2999-01-01T00:00:00Z", "at-in-future" },
    { ahead_text, "at-in-future" },
    { old_text, "at-too-old" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      renew (event);
      json_object_set_string_member (event, "at", cases[i].at);
      assert_refused_event (f, f->token, event, 422, cases[i].refusal, "at");
    }
  /* a week offline is normal */
  renew (event);
  json_object_set_string_member (event, "at", week_text);
  result = post_event (f, f->token, event);
  g_assert_cmpstr (yc_json_get_string (result, "status"), ==, "stored");
}

/* The same UUID twice is a duplicate only with the same content */
static void
test_uuid_conflict (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) event = valid_intake (f);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) upper = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *uuid = g_strdup (json_object_get_string_member (event, "uuid"));
  g_autofree char *upper_uuid = g_ascii_strup (uuid, -1);

  first = post_event (f, f->token, event);
  g_assert_cmpstr (yc_json_get_string (first, "status"), ==, "stored");

  /* another content under the same UUID: a conflict, the first kept */
  json_object_set_string_member (json_object_get_object_member (event, "data"), "decision", "reject");
  again = post_event (f, f->token, event);
  assert_refused (again, 409, "uuid-conflict", "uuid");
  g_assert_cmpstr (yc_json_get_string (again, "uuid"), ==, uuid);

  /* the first, sent again with its UUID in capitals: the same event */
  json_object_set_string_member (json_object_get_object_member (event, "data"), "decision", "accept");
  json_object_set_string_member (event, "uuid", upper_uuid);
  upper = post_event (f, f->token, event);
  g_assert_cmpstr (yc_json_get_string (upper, "status"), ==, "duplicate");
  g_assert_cmpstr (yc_json_get_string (upper, "uuid"), ==, upper_uuid);

  /* and another content in capitals is the same conflict */
  json_object_set_string_member (event, "at", yc_json_get_string (event, "at"));
  json_object_set_string_member (json_object_get_object_member (event, "data"), "decision", "notify");
  after = post_event (f, f->token, event);
  assert_refused (after, 409, "uuid-conflict", "uuid");
}

static void
test_batch_too_large (Fixture       *f,
                      gconstpointer  data)
{
  for (guint n = 500; n <= 501; n++)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonObject) answer = NULL;
      g_autofree char *text = NULL;
      JsonArray *events = json_array_new ();
      guint status;

      for (guint i = 0; i < n; i++)
        json_array_add_object_element (events, yc_event_new ("370112001-01-20261202-0001", "teleported",
                                                             "张敏", "370112001", NULL));
      json_object_set_array_member (body, "events", events);
      node = json_node_init_object (json_node_alloc (), json_object_ref (body));
      text = yc_json_to_string (node);
      answer = post_text (f, f->token, text, &status);
      if (n == 500)
        {
          g_assert_cmpuint (status, ==, 200);
          g_assert_cmpuint (json_array_get_length (yc_json_get_array (answer, "results")), ==, 500);
        }
      else
        {
          g_assert_cmpuint (status, ==, 413);
          g_assert_cmpstr (yc_json_get_string (answer, "refusal"), ==, "batch-too-large");
          g_assert_nonnull (strstr (yc_json_get_string (answer, "error"), "500"));
          g_assert_null (yc_json_get_array (answer, "results"));
        }
    }
}

/* The intake's form is rebuilt from the catalog and recomputed: nothing
 * the station computed is believed */
static void
test_intake_recomputed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) event = valid_intake (f);
  g_autoptr(JsonObject) good = NULL;
  JsonObject *form = form_of (event);
  JsonObject *values = yc_json_get_object (form, "values");
  JsonObject *answers = yc_json_get_object (form, "answers");

  /* an answer that is no option of its question */
  json_object_set_string_member (answers, "who", "robot");
  assert_refused_event (f, f->token, event, 422, "answer-not-an-option", "answers.who");
  json_object_set_string_member (answers, "who", "self");
  renew (event);
  json_object_set_string_member (answers, "no_such_question", "yes");
  assert_refused_event (f, f->token, event, 422, "question-unknown", "answers.no_such_question");
  json_object_remove_member (answers, "no_such_question");

  /* a calculated field that contradicts the ID number it is calculated from */
  g_assert_cmpstr (yc_json_get_string (values, "applicant_birth"), ==, "1949-12-31");
  renew (event);
  json_object_set_string_member (values, "applicant_birth", "1950-01-01");
  assert_refused_event (f, f->token, event, 422, "calculated-mismatch", "applicant_birth");
  json_object_set_string_member (values, "applicant_birth", "1949-12-31");

  /* a value for a field the answers hide (only for an agent) */
  renew (event);
  json_object_set_string_member (values, "agent_name", "王五");
  assert_refused_event (f, f->token, event, 422, "field-hidden", "agent_name");
  json_object_remove_member (values, "agent_name");

  /* a field the form does not have */
  renew (event);
  json_object_set_string_member (values, "no_such_field", "x");
  assert_refused_event (f, f->token, event, 422, "field-unknown", "no_such_field");
  json_object_remove_member (values, "no_such_field");

  /* a version of the item the service never published */
  renew (event);
  json_object_set_int_member (form, "version", 99);
  assert_refused_event (f, f->token, event, 422, "form-version-unknown", "version");
  json_object_set_int_member (form, "version", 2);

  /* a required field left empty: the core's own check, with its code */
  renew (event);
  json_object_remove_member (values, "applicant_phone");
  assert_refused_event (f, f->token, event, 422, "field-required", "applicant_phone");
  json_object_set_string_member (values, "applicant_phone", "13905310001");

  /* the situation, and the checklist the applicant was told */
  renew (event);
  json_object_set_string_member (json_object_get_object_member (event, "data"), "situation", "委托他人办理");
  assert_refused_event (f, f->token, event, 422, "situation-mismatch", "situation");
  json_object_set_string_member (json_object_get_object_member (event, "data"), "situation", "当事人本人办理");

  /* all put back, the same intake is taken */
  renew (event);
  good = post_event (f, f->token, event);
  if (g_strcmp0 (yc_json_get_string (good, "status"), "stored") != 0)
    g_error ("the put-back intake: %s", yc_json_get_string (good, "reason"));
}

/* A text holding a NUL is refused, not stored cut at it */
static void
test_text_holds_nul (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) event = valid_intake (f);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *text = NULL;
  JsonArray *results;
  JsonObject *r;
  guint status;

  json_object_set_string_member (yc_json_get_object (form_of (event), "values"), "applicant_name", "李秀英@NUL@后缀");
  text = batch_text (event);
  body = g_string_new (text);
  g_assert_cmpuint (g_string_replace (body, "@NUL@", "\\u0000", 0), ==, 1);
  answer = post_text (f, f->token, body->str, &status);
  g_assert_cmpuint (status, ==, 200);
  results = yc_json_get_array (answer, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  r = json_array_get_object_element (results, 0);
  g_assert_cmpstr (yc_json_get_string (r, "refusal"), ==, "text-holds-nul");
  g_assert_cmpstr (yc_json_get_string (r, "field"), ==, "applicant_name");
  g_assert_cmpstr (yc_json_get_string (r, "status"), ==, "rejected");

  /* an escaped backslash before "u0000" is text, not a NUL */
  {
    g_autoptr(GArray) none = NULL;
    g_autoptr(GArray) second = NULL;
    const char *escaped = "{\"events\": [{\"a\": \"\\\\u0000\"}]}";
    const char *two = "{\"events\": [{\"a\": \"x\"}, {\"b\": [\"\\u0000\"]}]}";

    g_autoptr(GPtrArray) members = NULL;

    none = yc_json_find_nul (escaped, strlen (escaped), NULL);
    g_assert_cmpuint (none->len, ==, 0);
    second = yc_json_find_nul (two, strlen (two), &members);
    g_assert_cmpuint (second->len, ==, 1);
    g_assert_cmpint (g_array_index (second, gint, 0), ==, 1);
    g_assert_cmpstr (g_ptr_array_index (members, 0), ==, "b");
  }
}

/* The station's own outbox, with refused events in it: each is set aside
 * on its case with the service's reason in the clerk's words, and every
 * event behind it goes */
static YcForm *
fill (Fixture *f,
      char   **case_id)
{
  g_autoptr(GError) error = NULL;
  YcForm *form = yc_test_station_fill_case (f->station, ITEM, case_id, &error);

  g_assert_no_error (error);
  return form;
}

static void
submit_event (Fixture    *f,
              const char *case_id,
              JsonObject *event)
{
  g_autoptr(GError) error = NULL;

  yc_case_store_submit (f->station->store, case_id, event, &error);
  g_assert_no_error (error);
}

static JsonObject *
intake_data (YcForm *form)
{
  JsonObject *data = json_object_new ();

  json_object_set_object_member (data, "form", yc_form_save (form));
  json_object_set_string_member (data, "decision", "accept");
  return data;
}

static void
assert_set_aside (Fixture    *f,
                  const char *case_id,
                  const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) info = yc_case_store_get_case (f->station->store, case_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_SET_ASIDE);
  if (!g_str_has_prefix (yc_case_get_problem (info), words))
    g_error ("case %s: expected “%s…”, got “%s”", case_id, words, yc_case_get_problem (info));
}

static void
test_station_sets_aside (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *answer_id = NULL;
  g_autofree char *hidden_id = NULL;
  g_autofree char *actor_id = NULL;
  g_autofree char *at_id = NULL;
  g_autofree char *good_id = NULL;
  g_autoptr(YcForm) answer_form = fill (f, &answer_id);
  g_autoptr(YcForm) hidden_form = fill (f, &hidden_id);
  g_autoptr(YcForm) actor_form = fill (f, &actor_id);
  g_autoptr(YcForm) at_form = fill (f, &at_id);
  g_autoptr(YcCase) good = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = g_strdup (g_getenv ("YICHUANG_LOCALEDIR"));
  g_autofree char *none = g_build_filename (f->central->dir, "no-translations", NULL);
  g_autofree char *again_id = NULL;
  g_autoptr(YcForm) again_form = NULL;
  g_autoptr(YcCase) again = NULL;
  JsonObject *intake;
  JsonObject *event;

  /* a service without the clerk's language, as the issue saw it: its
   * reasons are English */
  yc_test_central_stop (f->central);
  g_setenv ("YICHUANG_LOCALEDIR", none, TRUE);
  yc_test_central_start (f->central, "", NULL);
  g_setenv ("YICHUANG_LOCALEDIR", localedir, TRUE);

  /* an answer that is no option, as a client that did not check sends it */
  intake = intake_data (answer_form);
  json_object_set_string_member (yc_json_get_object (yc_json_get_object (intake, "form"), "answers"), "who", "robot");
  yc_test_station_submit_unchecked (f->station, answer_id, intake);
  /* a hidden field's value */
  intake = intake_data (hidden_form);
  json_object_set_string_member (yc_json_get_object (yc_json_get_object (intake, "form"), "values"),
                                 "agent_name", "王五");
  yc_test_station_submit_unchecked (f->station, hidden_id, intake);
  /* another clerk's name, and a clock years ahead */
  event = yc_event_new (actor_id, YC_EVENT_INTAKE, "李四", "370112001", intake_data (actor_form));
  submit_event (f, actor_id, event);
  json_object_unref (event);
  event = yc_event_new (at_id, YC_EVENT_INTAKE, "张敏", "370112001", intake_data (at_form));
  json_object_set_string_member (event, "at", "2999-01-01T00:00:00Z");
  submit_event (f, at_id, event);
  json_object_unref (event);
  /* and a good case behind them all */
  good_id = yc_test_station_take_case (f->station, ITEM);

  /* the clerk reads Chinese */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "zh_CN.UTF-8");
  yc_test_station_sync (f->station, &error);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_no_error (error);

  assert_set_aside (f, answer_id, "某个回答不是该问题的选项之一——“robot” is not an answer to “由谁办理？”");
  assert_set_aside (f, hidden_id, "该受理为按情形应隐藏的字段填写了值——代理人姓名");
  assert_set_aside (f, actor_id, "该事件所写的经办人不是本机注册的窗口人员（字段“actor”）——");
  assert_set_aside (f, at_id, "该事件的时间晚于中心服务的当前时间，请检查本机时钟（字段“at”）——");

  good = yc_case_store_get_case (f->station->store, good_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (good), ==, YC_CASE_STATE_REGISTERED);
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);

  /* a service that speaks the clerk's language says the particulars
   * itself, and the station shows them as they are */
  yc_test_central_stop (f->central);
  yc_test_central_start (f->central, "", NULL);
  again_form = fill (f, &again_id);
  intake = intake_data (again_form);
  json_object_set_string_member (yc_json_get_object (yc_json_get_object (intake, "form"), "answers"), "who", "robot");
  yc_test_station_submit_unchecked (f->station, again_id, intake);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "zh_CN.UTF-8");
  yc_test_station_sync (f->station, &error);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_no_error (error);
  again = yc_case_store_get_case (f->station->store, again_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (again), ==, YC_CASE_STATE_SET_ASIDE);
  g_assert_cmpstr (yc_case_get_problem (again), ==, "“robot”不是“由谁办理？”的选项");
}

/* A code the station does not know: the service's own words */
static void
test_refusal_words (void)
{
  g_autofree char *known = yc_refusal_describe ("uuid-conflict", NULL, "fallback");
  g_autofree char *named = yc_refusal_describe ("field-required", "联系电话", "fallback");
  g_autofree char *unknown = yc_refusal_describe ("no-such-refusal-yet", "x", "the service's text");
  g_autofree char *nothing = yc_refusal_describe (NULL, NULL, NULL);

  g_assert_true (g_str_has_prefix (known, "Another event with the same identifier"));
  g_assert_cmpstr (named, ==, "A required field is empty (field “联系电话”)");
  g_assert_cmpstr (unknown, ==, "the service's text");
  g_assert_cmpstr (nothing, ==, "The central service refused it");
  g_assert_true (yc_refusal_is_known ("batch-too-large"));
  g_assert_false (yc_refusal_is_known ("no-such-refusal-yet"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("YICHUANG_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guard/case-number/form", test_case_number_form);
  g_test_add_func ("/guard/refusal-words", test_refusal_words);
  g_test_add ("/guard/case-number", Fixture, NULL, fixture_setup, test_case_number, fixture_teardown);
  g_test_add ("/guard/other-station", Fixture, NULL, fixture_setup, test_other_station, fixture_teardown);
  g_test_add ("/guard/clerk-not-enrolled", Fixture, NULL, fixture_setup, test_clerk_not_enrolled, fixture_teardown);
  g_test_add ("/guard/types", Fixture, NULL, fixture_setup, test_types, fixture_teardown);
  g_test_add ("/guard/actor-station", Fixture, NULL, fixture_setup, test_actor_station, fixture_teardown);
  g_test_add ("/guard/at", Fixture, NULL, fixture_setup, test_at, fixture_teardown);
  g_test_add ("/guard/uuid-conflict", Fixture, NULL, fixture_setup, test_uuid_conflict, fixture_teardown);
  g_test_add ("/guard/batch-too-large", Fixture, NULL, fixture_setup, test_batch_too_large, fixture_teardown);
  g_test_add ("/guard/intake-recomputed", Fixture, NULL, fixture_setup, test_intake_recomputed, fixture_teardown);
  g_test_add ("/guard/text-holds-nul", Fixture, NULL, fixture_setup, test_text_holds_nul, fixture_teardown);
  g_test_add ("/guard/station-sets-aside", Fixture, NULL, fixture_setup, test_station_sets_aside, fixture_teardown);

  return g_test_run ();
}

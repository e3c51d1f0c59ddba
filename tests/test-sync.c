/* test-sync.c: a station and the real central service over real TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-test-station.h"

typedef struct
{
  YcTestCentral *central;
  YcTestStation *station;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->central = yc_test_central_new ();
  yc_test_central_start (f->central, "", NULL);
  f->station = yc_test_station_new (f->central, NULL, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  yc_test_station_free (f->station);
  yc_test_central_free (f->central);
}

/* A client that did not check: the case goes out as filled in and decided,
 * past the rule yc_intake_submit() holds to, and only the service can set
 * it aside. */
static char *
take_unchecked_case (Fixture    *f,
                     const char *id_number,
                     YcDecision  decision)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(YcForm) form = yc_test_station_fill_case (f->station, NULL, &case_id, &error);
  JsonObject *data = json_object_new ();

  g_assert_no_error (error);
  yc_test_set_string (form, "applicant_id", id_number);
  json_object_set_object_member (data, "form", yc_form_save (form));
  json_object_set_string_member (data, "decision", yc_decision_to_string (decision));
  yc_test_station_submit_unchecked (f->station, case_id, data);
  return g_steal_pointer (&case_id);
}

static void
test_thin_case (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(YcCase) info = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *expected_prefix = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");

  /* the catalog comes down on the first run */
  g_assert_null (yc_sync_get_catalog (f->station->sync));
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  g_assert_nonnull (yc_sync_get_catalog (f->station->sync));
  g_assert_cmpstr (yc_catalog_get_version (yc_sync_get_catalog (f->station->sync)), ==, "test.1");
  g_assert_true (yc_sync_get_online (f->station->sync));

  case_id = yc_test_station_take_case (f->station, NULL);
  g_assert_true (g_str_has_prefix (case_id, "370112001-01-"));
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 1);

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);

  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REGISTERED);
  /* 办件编号: 实施编码 + day + the day's sequence */
  expected_prefix = g_strconcat ("1137011200451234564000107009000", day, "0001", NULL);
  g_assert_cmpstr (yc_case_get_official_no (info), ==, expected_prefix);

  events = yc_case_store_get_events (f->station->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (events, 0), "type"), ==, "intake");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (events, 1), "type"), ==, "registered");

  /* the service has it, with the same number, in the department's queue */
  listing = yc_test_central_run (f->central, "cases", "--department", "济南市历城区民政局婚姻登记处", NULL);
  g_assert_nonnull (strstr (listing, expected_prefix));
  g_assert_nonnull (strstr (listing, case_id));

  /* nothing new: the catalog is not fetched again, nothing is sent twice */
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = yc_case_store_get_events (f->station->store, case_id, &error);
  g_assert_cmpuint (events->len, ==, 2);
}

static void
test_rejected_set_aside (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;
  g_autoptr(YcCase) bad_info = NULL;
  g_autoptr(YcCase) good_info = NULL;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);

  /* a client that did not check: the service checks with the same code */
  bad = take_unchecked_case (f, "110105194912310021", YC_DECISION_ACCEPT);
  good = yc_test_station_take_case (f->station, NULL);
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);

  bad_info = yc_case_store_get_case (f->station->store, bad, &error);
  g_assert_cmpint (yc_case_get_state (bad_info), ==, YC_CASE_STATE_SET_ASIDE);
  /* the field as the clerk knows it, by its label, not its key */
  g_assert_nonnull (strstr (yc_case_get_problem (bad_info), "申请人身份证号码"));
  g_assert_null (strstr (yc_case_get_problem (bad_info), "applicant_id"));
  g_assert_null (yc_case_get_official_no (bad_info));

  /* the refused event does not block the one behind it */
  good_info = yc_case_store_get_case (f->station->store, good, &error);
  g_assert_cmpint (yc_case_get_state (good_info), ==, YC_CASE_STATE_REGISTERED);
  g_assert_nonnull (yc_case_get_official_no (good_info));
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
}

static void
test_wrong_decision (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(YcCase) info = NULL;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  /* every material was received: 一次性告知 does not fit */
  case_id = take_unchecked_case (f, "11010519491231002X", YC_DECISION_NOTIFY);
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_SET_ASIDE);
  g_assert_nonnull (strstr (yc_case_get_problem (info), "一次性告知"));
}

/* A notice and a refusal on an incomplete form, as the window takes them:
 * what the window allowed, the service registers. */
static void
test_incomplete_told_and_refused (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) told_form = NULL;
  g_autoptr(YcForm) refused_form = NULL;
  g_autofree char *told = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(YcCase) told_info = NULL;
  g_autoptr(YcCase) refused_info = NULL;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);

  /* told what to correct: no phone, a photo missing */
  told_form = yc_test_station_fill_case (f->station, NULL, &told, &error);
  g_assert_no_error (error);
  yc_form_set_value (told_form, "applicant_phone", NULL);
  yc_form_set_material_status (told_form, "photo", YC_MATERIAL_MISSING);
  yc_intake_submit (f->station->store, told, told_form, YC_DECISION_NOTIFY, NULL, NULL, &error);
  g_assert_no_error (error);

  /* refused before the situation is even answered */
  refused_form = yc_test_station_fill_case (f->station, NULL, &refused, &error);
  g_assert_no_error (error);
  yc_form_set_answer (refused_form, "who", NULL);
  yc_form_set_value (refused_form, "applicant_phone", NULL);
  yc_intake_submit (f->station->store, refused, refused_form, YC_DECISION_REJECT,
                    "《婚姻登记条例》第二条：不属本机关管辖", "请到一方当事人常住户口所在地的婚姻登记机关办理", &error);
  g_assert_no_error (error);

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  told_info = yc_case_store_get_case (f->station->store, told, &error);
  g_assert_cmpint (yc_case_get_state (told_info), ==, YC_CASE_STATE_NOTIFIED);
  g_assert_nonnull (yc_case_get_official_no (told_info));
  refused_info = yc_case_store_get_case (f->station->store, refused, &error);
  g_assert_cmpint (yc_case_get_state (refused_info), ==, YC_CASE_STATE_REFUSED);
  g_assert_nonnull (yc_case_get_official_no (refused_info));
}

/* The service's refusal reaches the clerk in the clerk's language,
 * whatever the service's own (Accept-Language). */
static void
test_refusal_language (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *english = NULL;
  g_autofree char *chinese = NULL;
  g_autoptr(YcCase) english_info = NULL;
  g_autoptr(YcCase) chinese_info = NULL;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  english = take_unchecked_case (f, "110105194912310021", YC_DECISION_ACCEPT);
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  chinese = take_unchecked_case (f, "110105194912310021", YC_DECISION_ACCEPT);
  yc_test_station_sync (f->station, &error);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_no_error (error);

  english_info = yc_case_store_get_case (f->station->store, english, &error);
  g_assert_cmpint (yc_case_get_state (english_info), ==, YC_CASE_STATE_SET_ASIDE);
  g_assert_cmpstr (yc_case_get_problem (english_info), ==, "申请人身份证号码: The check digit should be X, not 1");
  chinese_info = yc_case_store_get_case (f->station->store, chinese, &error);
  g_assert_cmpint (yc_case_get_state (chinese_info), ==, YC_CASE_STATE_SET_ASIDE);
  /* this test's own process binds no translations: the station, which
   * reads English, words the refusal code itself before the service's
   * Chinese (tests/test-central-guard.c has a station reading Chinese) */
  g_assert_true (g_str_has_suffix (yc_case_get_problem (chinese_info), " — 申请人身份证号码：校验码应为 X，而不是 1"));
}

static void
test_wrong_certificate (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  case_id = yc_test_station_take_case (f->station, NULL);

  /* the same address, now served with a certificate of another CA */
  yc_test_central_stop (f->central);
  yc_test_central_start (f->central, "rogue-", NULL);
  g_assert_false (yc_test_station_sync (f->station, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_assert_false (yc_sync_get_online (f->station->sync));
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 1);
  g_clear_error (&error);

  /* the real one back: the case goes */
  yc_test_central_stop (f->central);
  yc_test_central_start (f->central, "", NULL);
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) oldest = NULL;
  g_autoptr(YcCase) info = NULL;
  char *cases[5];

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);

  yc_test_central_stop (f->central);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cases[i] = yc_test_station_take_case (f->station, NULL);
  g_assert_false (yc_test_station_sync (f->station, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, f->central->url));
  g_clear_error (&error);
  g_assert_false (yc_sync_get_online (f->station->sync));
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, &oldest), ==, G_N_ELEMENTS (cases));
  g_assert_nonnull (oldest);

  yc_test_central_start (f->central, "", NULL);
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  g_assert_true (yc_sync_get_online (f->station->sync));
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
  info = yc_case_store_get_case (f->station->store, cases[G_N_ELEMENTS (cases) - 1], &error);
  g_assert_true (g_str_has_suffix (yc_case_get_official_no (info), "0005"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_free (cases[i]);
}

static void
test_bundle (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(YcCase) info = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *parent_no = g_strconcat ("YJS-TEST01", day, "0001", NULL);
  JsonObject *registered;
  JsonArray *sub_cases;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  /* one form for both members: the name and ID number are asked once */
  case_id = yc_test_station_take_case (f->station, "YJS-TEST01");
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);

  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_cmpstr (yc_case_get_official_no (info), ==, parent_no);
  events = yc_case_store_get_events (f->station->store, case_id, &error);
  registered = json_object_get_object_member (g_ptr_array_index (events, events->len - 1), "data");
  sub_cases = json_object_get_array_member (registered, "sub_cases");
  g_assert_cmpuint (json_array_get_length (sub_cases), ==, 2);
  /* each member is routed to its own department, with its own number */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sub_cases, 0), "department"),
                   ==, "济南市公安局历城区分局");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (sub_cases, 0),
                                                                  "official_no"), "1137011200451234564000107003000"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sub_cases, 1), "department"),
                   ==, "济南市历城区民政局婚姻登记处");

  listing = yc_test_central_run (f->central, "cases", "--department", "济南市公安局历城区分局", NULL);
  g_assert_nonnull (strstr (listing, case_id));
  g_assert_nonnull (strstr (listing, "\"parent\""));
}

static void
on_outbox_changed_cb (YcCaseStore *store,
                      guint       *count)
{
  (*count)++;
}

/* More than two batches, each read while the one before is on its way, a
 * refused event in the middle, and the answers down in three pages. */
static void
test_many_batches (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) registered = NULL;
  g_autoptr(YcCase) bad_info = NULL;
  g_autoptr(YcCase) last_info = NULL;
  YcCaseStore *store = f->station->store;
  guint signals = 0;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  /* taking the cases is not what is tested: no waiting for the disk */
  yc_db_exec (_yc_case_store_get_db (store), "PRAGMA synchronous=OFF", NULL);
  for (guint i = 0; i < 1200; i++)
    g_ptr_array_add (ids, take_unchecked_case (f, i == 700 ? "110105194912310021" : "11010519491231002X",
                                               YC_DECISION_ACCEPT));
  yc_db_exec (_yc_case_store_get_db (store), "PRAGMA synchronous=FULL", NULL);
  g_assert_cmpuint (yc_case_store_outbox_count (store, NULL), ==, 1200);

  g_signal_connect (store, "outbox-changed", G_CALLBACK (on_outbox_changed_cb), &signals);
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_func (store, on_outbox_changed_cb, &signals);

  g_assert_cmpuint (yc_case_store_outbox_count (store, NULL), ==, 0);
  /* the window hears of it, though another connection did it */
  g_assert_cmpuint (signals, >=, 3);
  bad_info = yc_case_store_get_case (store, g_ptr_array_index (ids, 700), &error);
  g_assert_cmpint (yc_case_get_state (bad_info), ==, YC_CASE_STATE_SET_ASIDE);
  last_info = yc_case_store_get_case (store, g_ptr_array_index (ids, 1199), &error);
  g_assert_cmpint (yc_case_get_state (last_info), ==, YC_CASE_STATE_REGISTERED);
  registered = yc_case_store_list_in_state (store, YC_CASE_STATE_REGISTERED, 0, &error);
  g_assert_cmpuint (registered->len, ==, 1199);
}

#ifdef YC_CLIENT_BIN
/* `yichuang case new` for the marriage certificate's replacement, the
 * applicant's details given as the clerk would type them */
#define CASE_NEW(station, status, id_number, ...) \
  yc_test_station_run_client ((station), (status), "case", "new", "--item", "000107009000", "--answer", "who=self", \
                              "--set", "applicant_name=李秀英", "--set", "applicant_id=" id_number, \
                              "--set", "applicant_phone=13905310001", __VA_ARGS__, NULL)

static void
test_case_new (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *listing = NULL;
  int status;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  yc_test_station_close (f->station);

  /* what the form refuses, the command refuses, naming the field */
  bad = CASE_NEW (f->station, &status, "110105194912310021", "--decision", "accept");
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "applicant_id"));

  /* a 容缺 material missing allows only 容缺受理 */
  g_free (bad);
  bad = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "register-proof=missing",
                  "--decision", "accept");
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "婚姻登记档案证明"));

  /* 容缺受理 needs the form it will come in and the signed commitment,
   * the command naming the material */
  g_free (bad);
  bad = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "register-proof=missing",
                  "--decision", "rongque", "--commitment");
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "婚姻登记档案证明"));
  g_free (bad);
  bad = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "register-proof=missing",
                  "--supply", "register-proof=scan", "--decision", "rongque", "--commitment");
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "婚姻登记档案证明"));
  g_free (bad);
  bad = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "register-proof=missing",
                  "--supply", "register-proof=original", "--decision", "rongque");
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "commitment"));
  g_free (bad);
  bad = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "photo=commitment",
                  "--decision", "accept");
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "近期半身免冠合影照片"));
  g_free (bad);
  bad = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "register-proof=missing",
                  "--supply", "register-proof=original@2026-13-45", "--decision", "rongque", "--commitment");
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "婚姻登记档案证明"));

  out = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "register-proof=missing",
                  "--material", "id-card=copy-with-original",
                  "--supply", "register-proof=e-licence", "--decision", "rongque", "--commitment");
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "370112001-01-"));

  listing = yc_test_station_run_client (f->station, &status, "sync", "--once", NULL);
  g_assert_cmpint (status, ==, 0);
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (listing, out));
  g_assert_nonnull (strstr (listing, "\"state\":\"registered\""));
  g_assert_nonnull (strstr (listing, "1137011200451234564000107009000"));

  /* found by the applicant's name, which the command line saved as the
   * window does, and by the phone; not by another name */
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--search", "李秀", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (listing, out));
  g_assert_nonnull (strstr (listing, "\"applicant\":\"李秀英\""));
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--search", "139-0531", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (listing, out));
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--search", "王", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (g_strstrip (listing), ==, "[]");
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--search", NULL);
  g_assert_cmpint (status, ==, 2);

  /* the case list's filters: taken today, by this clerk, waiting for its
   * 容缺 material, not overdue; each with its light */
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--filter", "waiting", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (listing, out));
  g_assert_nonnull (strstr (listing, "\"waiting\":\"rongque\""));
  g_assert_nonnull (strstr (listing, "\"light\":\""));
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--filter", "today", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (listing, out));
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--filter", "mine", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (listing, out));
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--filter", "overdue", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (g_strstrip (listing), ==, "[]");
  g_free (listing);
  listing = yc_test_station_run_client (f->station, &status, "case", "list", "--filter", "late", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (listing, "late"));
}

/* 一次性告知 and 不予受理 are numbered and kept, but no department gets them */
static void
test_told_and_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *accepted = NULL;
  g_autofree char *told = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *told_incomplete = NULL;
  g_autofree char *refused_incomplete = NULL;
  g_autofree char *out = NULL;
  g_autofree char *queue = NULL;
  const struct { char **id; const char *state; } cases[] = {
    { &accepted, "registered" }, { &told, "notified" }, { &refused, "refused" },
    { &told_incomplete, "notified" }, { &refused_incomplete, "refused" },
  };
  int status;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  yc_test_station_close (f->station);

  accepted = CASE_NEW (f->station, &status, "11010519491231002X", "--decision", "accept");
  g_assert_cmpint (status, ==, 0);
  told = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "register-proof=missing",
                   "--material", "photo=missing", "--decision", "notify");
  g_assert_cmpint (status, ==, 0);
  refused = CASE_NEW (f->station, &status, "11010519491231002X", "--decision", "reject",
                      "--reason", "《婚姻登记条例》第二条：不属本机关管辖",
                      "--advice", "请到一方当事人常住户口所在地的婚姻登记机关办理");
  g_assert_cmpint (status, ==, 0);
  /* on an incomplete form too, as the window allows it; without the
   * advice, refused with the core's own words */
  refused_incomplete = yc_test_station_run_client (f->station, &status, "case", "new", "--item", "000107009000",
                                                   "--set", "applicant_name=李秀英",
                                                   "--set", "applicant_id=11010519491231002X",
                                                   "--decision", "reject", "--reason", "《婚姻登记条例》第二条：不属本机关管辖",
                                                   NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (refused_incomplete, "advice: 不予受理 needs where and how the applicant can get it done instead"));
  g_free (refused_incomplete);
  refused_incomplete = yc_test_station_run_client (f->station, &status, "case", "new", "--item", "000107009000",
                                                   "--set", "applicant_name=李秀英",
                                                   "--set", "applicant_id=11010519491231002X",
                                                   "--decision", "reject", "--reason", "《婚姻登记条例》第二条：不属本机关管辖",
                                                   "--advice", "请到一方当事人常住户口所在地的婚姻登记机关办理", NULL);
  g_assert_cmpint (status, ==, 0);
  told_incomplete = yc_test_station_run_client (f->station, &status, "case", "new", "--item", "000107009000",
                                                "--answer", "who=self", "--set", "applicant_name=李秀英",
                                                "--set", "applicant_id=11010519491231002X",
                                                "--decision", "notify", NULL);
  g_assert_cmpint (status, ==, 0);
  out = yc_test_station_run_client (f->station, &status, "sync", "--once", NULL);
  g_assert_cmpint (status, ==, 0);

  yc_test_station_open (f->station);
  queue = yc_test_central_run (f->central, "queue", "济南市历城区民政局婚姻登记处", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(YcCase) info = yc_case_store_get_case (f->station->store, *cases[i].id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (yc_case_state_to_string (yc_case_get_state (info)), ==, cases[i].state);
      g_assert_nonnull (yc_case_get_official_no (info));
      /* only the accepted case waits for the department */
      g_assert_true ((strstr (queue, yc_case_get_official_no (info)) != NULL) == (i == 0));
    }
}

static char *
official_no_of (Fixture    *f,
                const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) info = NULL;

  yc_test_station_open (f->station);
  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_no_error (error);
  yc_test_station_close (f->station);
  return g_strdup (yc_case_get_official_no (info));
}

/* a support command that must succeed; its output says why if not */
#define run_ok(f, ...) \
  G_STMT_START { \
    int run_status_; \
    g_autofree char *run_out_ = yc_test_station_run_client ((f)->station, &run_status_, __VA_ARGS__); \
    if (run_status_ != 0) \
      g_error ("yichuang failed: %s", run_out_); \
  } G_STMT_END

/* A helper's case, a supplement after 容缺受理, a delivery by post and a bad
 * rating go up to the real service, which checks each with the same core;
 * a forged delivery (before the result is ready) is refused by the
 * service, naming why, and leaves the case as it stands. */
static void
test_after_decision (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *official = NULL;
  g_autofree char *out = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *cases = NULL;
  g_autoptr(YcCase) info = NULL;
  g_autoptr(JsonObject) forged = NULL;
  g_autoptr(GPtrArray) events = NULL;
  JsonObject *forged_data;
  int status;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  yc_test_station_close (f->station);

  /* a helper with a wrong ID number leaves nothing behind */
  bad = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "register-proof=missing",
                  "--helper-name", "赵代办", "--helper-id", "110101199003070039", "--helper-relation", "女儿",
                  "--supply", "register-proof=original", "--decision", "rongque", "--commitment");
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "helper.id_number"));

  case_id = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "register-proof=missing",
                      "--helper-name", "赵代办", "--helper-id", "110101199003070038", "--helper-relation", "女儿",
                      "--handed-over", "photo", "--supply", "register-proof=original", "--decision", "rongque", "--commitment");
  g_assert_cmpint (status, ==, 0);
  g_strstrip (case_id);

  /* before the result is ready, the window cannot deliver */
  g_free (bad);
  bad = yc_test_station_run_client (f->station, &status, "case", "deliver", case_id, "--post",
                                    "--carrier", "EMS", "--tracking", "EA123456789CN", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "not ready"));

  g_free (shown);
  shown = yc_test_station_run_client (f->station, &status, "case", "show", case_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (shown, "To be supplied: 婚姻登记档案证明"));
  g_assert_nonnull (strstr (shown, "赵代办"));
  g_clear_pointer (&shown, g_free);
  run_ok (f, "case", "supplement", case_id, "--material", "register-proof=original", NULL);
  run_ok (f, "case", "handover", case_id, "--to", "钱接力", "--to-id", "110101199003074071",
          "--material", "photo", "--note", "转交区政务中心", NULL);
  run_ok (f, "sync", "--once", NULL);
  official = official_no_of (f, case_id);
  g_assert_nonnull (official);

  out = yc_test_central_run (f->central, "accept", official, "--by", "王芳", NULL);
  g_clear_pointer (&out, g_free);
  out = yc_test_central_run (f->central, "approve", official, "--by", "王芳", NULL);
  g_clear_pointer (&out, g_free);
  out = yc_test_central_run (f->central, "result-ready", official, "--by", "王芳", "--delivery", "post", NULL);
  g_clear_pointer (&out, g_free);
  run_ok (f, "sync", "--once", NULL);

  run_ok (f, "case", "deliver", case_id, "--post", "--carrier", "EMS", "--tracking", "EA123456789CN", NULL);
  g_free (bad);
  bad = yc_test_station_run_client (f->station, &status, "case", "evaluate", case_id, "--rating", "unsatisfied", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "category"));
  /* rated on a day of a year the calendar has, so that the follow-up's
   * date never depends on the day the test runs */
  g_setenv ("YICHUANG_TODAY", "2025-03-03", TRUE);
  run_ok (f, "case", "evaluate", case_id, "--rating", "unsatisfied", "--category", "efficiency",
          "--reason", "等了两个小时", NULL);
  g_unsetenv ("YICHUANG_TODAY");
  run_ok (f, "sync", "--once", NULL);

  shown = yc_test_station_run_client (f->station, &status, "case", "show", case_id, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (shown, "EA123456789CN"));
  g_assert_nonnull (strstr (shown, "钱接力"));
  g_assert_nonnull (strstr (shown, "followed-up"));
  /* 15 working days after Monday 3 March 2025, counted by the core */
  g_assert_nonnull (strstr (shown, "Follow-up due by 2025-03-24"));
  g_assert_null (strstr (shown, "(delivered)"));

  /* every step reached the service, and none was refused */
  yc_test_station_open (f->station);
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_DELIVERED);
  g_assert_null (yc_case_get_problem (info));
  g_clear_object (&info);
  cases = yc_test_central_run (f->central, "cases", NULL);
  g_assert_nonnull (strstr (cases, "\"delivered\""));
  /* the back office cannot move a delivered case back */
  out = yc_test_central_try (f->central, &status, "result-ready", official, "--by", "王芳", "--delivery", "window", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "delivered already"));
  g_clear_pointer (&out, g_free);

  /* a station that did not check sends a second delivery: the service
   * folds its own log and refuses it, naming why */
  forged_data = json_object_new ();
  json_object_set_string_member (forged_data, "how", "window");
  json_object_set_string_member (forged_data, "collector", "李秀英");
  json_object_set_string_member (forged_data, "id_number", "11010519491231002X");
  json_object_set_boolean_member (forged_data, "id_checked", TRUE);
  forged = yc_event_new (case_id, YC_EVENT_DELIVERED, "张敏", "370112001", forged_data);
  {
    sqlite3 *db = _yc_case_store_get_db (f->station->store);
    g_autofree char *at = yc_now_iso8601 ();

    g_assert_true (_yc_case_store_insert_event (f->station->store, forged, "local", &error));
    g_assert_true (yc_db_run (db, &error, "INSERT INTO outbox (uuid, queued) VALUES (?, ?)",
                              json_object_get_string_member (forged, "uuid"), at));
    g_assert_no_error (error);
  }
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_DELIVERED);
  g_assert_nonnull (yc_case_get_problem (info));
  g_assert_nonnull (strstr (yc_case_get_problem (info), "delivered already"));
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
  events = yc_case_store_get_events (f->station->store, case_id, &error);
  g_assert_cmpuint (events->len, >=, 9);
}

/* A forged delivery of a case whose result is not ready is refused by the
 * service with the field named. */
static void
test_forged_step (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(JsonObject) forged = NULL;
  g_autoptr(YcCase) info = NULL;
  JsonObject *forged_data;
  sqlite3 *db;
  g_autofree char *at = yc_now_iso8601 ();

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  case_id = yc_test_station_take_case (f->station, NULL);
  forged_data = json_object_new ();
  json_object_set_string_member (forged_data, "how", "post");
  json_object_set_string_member (forged_data, "carrier", "EMS");
  json_object_set_string_member (forged_data, "tracking", "EA1CN");
  forged = yc_event_new (case_id, YC_EVENT_DELIVERED, "张敏", "370112001", forged_data);
  db = _yc_case_store_get_db (f->station->store);
  g_assert_true (_yc_case_store_insert_event (f->station->store, forged, "local", &error));
  g_assert_true (yc_db_run (db, &error, "INSERT INTO outbox (uuid, queued) VALUES (?, ?)",
                            json_object_get_string_member (forged, "uuid"), at));
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);

  info = yc_case_store_get_case (f->station->store, case_id, &error);
  /* the case stays registered: only the forged step was refused */
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REGISTERED);
  g_assert_nonnull (strstr (yc_case_get_problem (info), "The result is not ready yet"));
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
  g_clear_object (&info);

  /* nor is a case taken in decided again: the service refuses a second
   * round, naming it, and the case keeps its number */
  {
    JsonObject *again_data = json_object_new ();
    g_autoptr(JsonObject) again = NULL;
    g_autoptr(GPtrArray) events = yc_case_store_get_events (f->station->store, case_id, &error);

    json_object_set_object_member (again_data, "form",
                                   json_object_ref (yc_json_get_object (yc_json_get_object (g_ptr_array_index (events, 0), "data"),
                                                                        "form")));
    json_object_set_string_member (again_data, "decision", "accept");
    json_object_set_int_member (again_data, "round", 2);
    again = yc_event_new (case_id, YC_EVENT_INTAKE, "张敏", "370112001", again_data);
    g_assert_true (_yc_case_store_insert_event (f->station->store, again, "local", &error));
    g_assert_true (yc_db_run (db, &error, "INSERT INTO outbox (uuid, queued) VALUES (?, ?)",
                              json_object_get_string_member (again, "uuid"), at));
  }
  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), !=, YC_CASE_STATE_SET_ASIDE);
  g_assert_nonnull (yc_case_get_official_no (info));
  g_assert_nonnull (strstr (yc_case_get_problem (info), "补正"));
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
  /* what the service refused is not part of the case's log */
  {
    g_autoptr(YcCaseLog) log = yc_case_store_get_log (f->station->store, case_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (yc_case_log_get_round (log), ==, 1);
    g_assert_cmpstr (yc_case_log_get_decision (log), ==, "accept");
  }
}

/* 一次性告知, then the citizen comes back: decided again on the same case,
 * which keeps its official number and goes to its department */
static void
test_decide_again (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *official = NULL;
  g_autofree char *again = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *accepted = NULL;
  g_autoptr(YcCase) info = NULL;
  int status;

  yc_test_station_sync (f->station, &error);
  g_assert_no_error (error);
  yc_test_station_close (f->station);

  case_id = CASE_NEW (f->station, &status, "11010519491231002X", "--material", "photo=missing", "--decision", "notify");
  g_assert_cmpint (status, ==, 0);
  g_strstrip (case_id);
  accepted = CASE_NEW (f->station, &status, "11010519491231002X", "--decision", "accept");
  g_assert_cmpint (status, ==, 0);
  g_strstrip (accepted);
  run_ok (f, "sync", "--once", NULL);
  official = official_no_of (f, case_id);
  g_assert_nonnull (official);

  /* a case taken in is not decided again */
  bad = yc_test_station_run_client (f->station, &status, "case", "decide-again", accepted,
                                    "--decision", "accept", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "补正"));

  run_ok (f, "case", "supplement", case_id, "--material", "photo=original", NULL);
  again = yc_test_station_run_client (f->station, &status, "case", "decide-again", case_id,
                                      "--material", "photo=received", "--decision", "accept", NULL);
  g_assert_cmpint (status, ==, 0);
  run_ok (f, "sync", "--once", NULL);

  yc_test_station_open (f->station);
  info = yc_case_store_get_case (f->station->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REGISTERED);
  g_assert_cmpstr (yc_case_get_official_no (info), ==, official);
  g_assert_cmpuint (yc_case_store_outbox_count (f->station->store, NULL), ==, 0);
  queue = yc_test_central_run (f->central, "queue", "济南市历城区民政局婚姻登记处", NULL);
  g_assert_nonnull (strstr (queue, official));
}
#endif

static void
test_enroll_refused (void)
{
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autoptr(YcTestStation) station = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  yc_test_central_start (central, "", NULL);
  station = yc_test_station_new_unenrolled (central, NULL);

  /* a code for another station is no good */
  code = yc_test_central_run (central, "enroll-code", "370112002", NULL);
  g_assert_cmpuint (strlen (code), ==, 12);
  g_assert_false (yc_test_station_enroll (station, NULL, "370112001", code, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "370112001"));
  g_assert_false (yc_sync_is_enrolled (station->sync));
  g_clear_error (&error);

  /* nor is a code used twice */
  g_assert_true (yc_test_station_enroll (station, NULL, "370112002", code, &error));
  g_assert_no_error (error);
  g_assert_false (yc_test_station_enroll (station, NULL, "370112002", code, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/thin-case", Fixture, NULL, fixture_setup, test_thin_case, fixture_teardown);
  g_test_add ("/sync/rejected-set-aside", Fixture, NULL, fixture_setup, test_rejected_set_aside, fixture_teardown);
  g_test_add ("/sync/wrong-decision", Fixture, NULL, fixture_setup, test_wrong_decision, fixture_teardown);
  g_test_add ("/sync/incomplete-told-and-refused", Fixture, NULL, fixture_setup, test_incomplete_told_and_refused,
              fixture_teardown);
  g_test_add ("/sync/refusal-language", Fixture, NULL, fixture_setup, test_refusal_language, fixture_teardown);
  g_test_add ("/sync/wrong-certificate", Fixture, NULL, fixture_setup, test_wrong_certificate, fixture_teardown);
  g_test_add ("/sync/offline", Fixture, NULL, fixture_setup, test_offline, fixture_teardown);
  g_test_add ("/sync/bundle", Fixture, NULL, fixture_setup, test_bundle, fixture_teardown);
  g_test_add ("/sync/many-batches", Fixture, NULL, fixture_setup, test_many_batches, fixture_teardown);
#ifdef YC_CLIENT_BIN
  g_test_add ("/sync/case-new", Fixture, NULL, fixture_setup, test_case_new, fixture_teardown);
  g_test_add ("/sync/told-and-refused", Fixture, NULL, fixture_setup, test_told_and_refused, fixture_teardown);
  g_test_add ("/sync/after-decision", Fixture, NULL, fixture_setup, test_after_decision, fixture_teardown);
  g_test_add ("/sync/decide-again", Fixture, NULL, fixture_setup, test_decide_again, fixture_teardown);
  g_test_add ("/sync/forged-step", Fixture, NULL, fixture_setup, test_forged_step, fixture_teardown);
#endif
  g_test_add_func ("/sync/enroll-refused", test_enroll_refused);

  return g_test_run ();
}

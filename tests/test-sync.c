/* test-sync.c: a station and the real central service over real TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-test-central.h"
#include "yichuang.h"

typedef struct
{
  YcTestCentral *central;
  char          *profile;
  YcCaseStore   *store;
  YcSync        *sync;
} Fixture;

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   ok;
} Wait;

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == yc_sync_enroll_async)
    wait->ok = yc_sync_enroll_finish (YC_SYNC (object), result, &wait->error);
  else
    wait->ok = yc_sync_run_finish (YC_SYNC (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
run_sync (YcSync  *sync,
          GError **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, FALSE };

  yc_sync_run_async (sync, NULL, on_done_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

static gboolean
enroll (Fixture     *f,
        const char  *station,
        const char  *code,
        GError     **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *ca = yc_test_central_ca (f->central, "");
  Wait wait = { loop, NULL, FALSE };

  yc_sync_enroll_async (f->sync, f->central->url, ca, station, code, "张敏", NULL, on_done_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *path = NULL;

  f->central = yc_test_central_new ();
  yc_test_central_start (f->central, "", NULL);
  f->profile = g_build_filename (f->central->dir, "profile", NULL);
  g_mkdir_with_parents (f->profile, 0700);
  path = g_build_filename (f->profile, "profile.db", NULL);
  f->store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  f->sync = yc_sync_new (f->store);

  code = yc_test_central_run (f->central, "enroll-code", "370112001", "历城区王舍人街道便民服务中心", NULL);
  g_assert_cmpuint (strlen (code), ==, 12);
  enroll (f, "370112001", code, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->sync);
  g_clear_object (&f->store);
  g_free (f->profile);
  yc_test_central_free (f->central);
}

static void
set_string (YcForm *form, const char *key, const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

  yc_form_set_value (form, key, node);
}

/* Takes a case as the window does: a draft saved, then submitted. */
static char *
take_case (Fixture    *f,
           const char *id_number,
           const char *decision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = yc_form_new (yc_sync_get_catalog (f->sync), "000107009000", &error);
  g_autofree char *case_id = NULL;
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(JsonObject) saved = NULL;
  JsonObject *data;
  GPtrArray *materials;

  g_assert_no_error (error);
  case_id = yc_case_store_new_draft (f->store, yc_form_get_code (form), yc_form_get_name (form),
                                     yc_form_get_version (form), &error);
  g_assert_no_error (error);
  yc_form_set_answer (form, "who", "self");
  set_string (form, "applicant_name", "李秀英");
  set_string (form, "applicant_id", id_number);
  set_string (form, "applicant_phone", "13905310001");
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_RECEIVED);
  saved = yc_form_save (form);
  yc_case_store_save_draft (f->store, case_id, saved, "李秀英", &error);
  g_assert_no_error (error);

  data = json_object_new ();
  json_object_set_object_member (data, "form", yc_form_save (form));
  json_object_set_string_member (data, "decision", decision);
  event = yc_event_new (case_id, YC_EVENT_INTAKE, "张敏", "370112001", data);
  yc_case_store_submit (f->store, case_id, event, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&case_id);
}

static void
test_thin_case (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(YcCaseInfo) info = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *expected_prefix = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");

  /* the catalog comes down on the first run */
  g_assert_null (yc_sync_get_catalog (f->sync));
  run_sync (f->sync, &error);
  g_assert_no_error (error);
  g_assert_nonnull (yc_sync_get_catalog (f->sync));
  g_assert_cmpstr (yc_catalog_get_version (yc_sync_get_catalog (f->sync)), ==, "test.1");
  g_assert_true (yc_sync_get_online (f->sync));

  case_id = take_case (f, "11010519491231002X", "accept");
  g_assert_true (g_str_has_prefix (case_id, "370112001-01-"));
  g_assert_cmpuint (yc_case_store_outbox_count (f->store, NULL), ==, 1);

  run_sync (f->sync, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yc_case_store_outbox_count (f->store, NULL), ==, 0);

  info = yc_case_store_get_case (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->state, ==, "registered");
  /* 办件编号: 实施编码 + day + the day's sequence */
  expected_prefix = g_strconcat ("1137011200451234564000107009000", day, "0001", NULL);
  g_assert_cmpstr (info->official_no, ==, expected_prefix);

  events = yc_case_store_get_events (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (events, 0), "type"), ==, "intake");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (events, 1), "type"), ==, "registered");

  /* the service has it, with the same number, in the department's queue */
  listing = yc_test_central_run (f->central, "cases", "--department", "济南市历城区民政局婚姻登记处", NULL);
  g_assert_nonnull (strstr (listing, expected_prefix));
  g_assert_nonnull (strstr (listing, case_id));

  /* nothing new: the catalog is not fetched again, nothing is sent twice */
  run_sync (f->sync, &error);
  g_assert_no_error (error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = yc_case_store_get_events (f->store, case_id, &error);
  g_assert_cmpuint (events->len, ==, 2);
}

static void
test_rejected_set_aside (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;
  g_autoptr(YcCaseInfo) bad_info = NULL;
  g_autoptr(YcCaseInfo) good_info = NULL;

  run_sync (f->sync, &error);
  g_assert_no_error (error);

  /* a client that did not check: the service checks with the same code */
  bad = take_case (f, "110105194912310021", "accept");
  good = take_case (f, "11010519491231002X", "accept");
  run_sync (f->sync, &error);
  g_assert_no_error (error);

  bad_info = yc_case_store_get_case (f->store, bad, &error);
  g_assert_cmpstr (bad_info->state, ==, "set-aside");
  g_assert_nonnull (strstr (bad_info->problem, "applicant_id"));
  g_assert_null (bad_info->official_no);

  /* the refused event does not block the one behind it */
  good_info = yc_case_store_get_case (f->store, good, &error);
  g_assert_cmpstr (good_info->state, ==, "registered");
  g_assert_nonnull (good_info->official_no);
  g_assert_cmpuint (yc_case_store_outbox_count (f->store, NULL), ==, 0);
}

static void
test_wrong_decision (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(YcCaseInfo) info = NULL;

  run_sync (f->sync, &error);
  g_assert_no_error (error);
  /* every material was received: 一次性告知 does not fit */
  case_id = take_case (f, "11010519491231002X", "notify");
  run_sync (f->sync, &error);
  g_assert_no_error (error);
  info = yc_case_store_get_case (f->store, case_id, &error);
  g_assert_cmpstr (info->state, ==, "set-aside");
  g_assert_nonnull (strstr (info->problem, "materials"));
}

static void
test_wrong_certificate (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;

  run_sync (f->sync, &error);
  g_assert_no_error (error);
  case_id = take_case (f, "11010519491231002X", "accept");

  /* the same address, now served with a certificate of another CA */
  yc_test_central_stop (f->central);
  yc_test_central_start (f->central, "rogue-", NULL);
  g_assert_false (run_sync (f->sync, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_assert_false (yc_sync_get_online (f->sync));
  g_assert_cmpuint (yc_case_store_outbox_count (f->store, NULL), ==, 1);
  g_clear_error (&error);

  /* the real one back: the case goes */
  yc_test_central_stop (f->central);
  yc_test_central_start (f->central, "", NULL);
  run_sync (f->sync, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yc_case_store_outbox_count (f->store, NULL), ==, 0);
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) oldest = NULL;
  g_autoptr(YcCaseInfo) info = NULL;
  char *cases[5];

  run_sync (f->sync, &error);
  g_assert_no_error (error);

  yc_test_central_stop (f->central);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cases[i] = take_case (f, "11010519491231002X", "accept");
  g_assert_false (run_sync (f->sync, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, f->central->url));
  g_clear_error (&error);
  g_assert_false (yc_sync_get_online (f->sync));
  g_assert_cmpuint (yc_case_store_outbox_count (f->store, &oldest), ==, G_N_ELEMENTS (cases));
  g_assert_nonnull (oldest);

  yc_test_central_start (f->central, "", NULL);
  run_sync (f->sync, &error);
  g_assert_no_error (error);
  g_assert_true (yc_sync_get_online (f->sync));
  g_assert_cmpuint (yc_case_store_outbox_count (f->store, NULL), ==, 0);
  info = yc_case_store_get_case (f->store, cases[G_N_ELEMENTS (cases) - 1], &error);
  g_assert_true (g_str_has_suffix (info->official_no, "0005"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_free (cases[i]);
}

static void
test_bundle (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(YcCaseInfo) info = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *parent_no = g_strconcat ("YJS-TEST01", day, "0001", NULL);
  JsonObject *registered;
  JsonArray *sub_cases;
  GPtrArray *materials;
  JsonObject *intake;

  run_sync (f->sync, &error);
  g_assert_no_error (error);
  form = yc_form_new (yc_sync_get_catalog (f->sync), "YJS-TEST01", &error);
  g_assert_no_error (error);
  case_id = yc_case_store_new_draft (f->store, "YJS-TEST01", yc_form_get_name (form), 1, &error);
  g_assert_no_error (error);

  /* one form for both members: the name and ID number are asked once */
  yc_form_set_answer (form, "who", "self");
  set_string (form, "applicant_name", "王建国");
  set_string (form, "applicant_id", "11010519491231002X");
  set_string (form, "applicant_phone", "13905310002");
  set_string (form, "new_address", "历城区王舍人街道幸福里3号");
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_RECEIVED);
  problems = yc_form_validate (form);
  g_assert_cmpuint (problems->len, ==, 0);

  intake = json_object_new ();
  json_object_set_object_member (intake, "form", yc_form_save (form));
  json_object_set_string_member (intake, "decision", "accept");
  event = yc_event_new (case_id, YC_EVENT_INTAKE, "张敏", "370112001", intake);
  yc_case_store_submit (f->store, case_id, event, &error);
  g_assert_no_error (error);
  run_sync (f->sync, &error);
  g_assert_no_error (error);

  info = yc_case_store_get_case (f->store, case_id, &error);
  g_assert_cmpstr (info->official_no, ==, parent_no);
  events = yc_case_store_get_events (f->store, case_id, &error);
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

#ifdef YC_CLIENT_BIN
/* Runs `yichuang ARGS…` on the fixture's profile; returns what it printed
 * and sets @status to its exit status. */
static char *
run_client (Fixture    *f,
            int        *status,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) YC_CLIENT_BIN);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, f->profile);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  return out;
}

static void
test_case_new (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(YcCaseInfo) info = NULL;
  int status;

  run_sync (f->sync, &error);
  g_assert_no_error (error);
  g_clear_object (&f->sync);
  g_clear_object (&f->store);

  /* what the form refuses, the command refuses, naming the field */
  bad = run_client (f, &status, "case", "new", "--item", "000107009000", "--answer", "who=self",
                    "--set", "applicant_name=李秀英", "--set", "applicant_id=110105194912310021",
                    "--set", "applicant_phone=13905310001", "--decision", "accept", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "applicant_id"));

  /* a 容缺 material missing allows only 容缺受理 */
  g_free (bad);
  bad = run_client (f, &status, "case", "new", "--item", "000107009000", "--answer", "who=self",
                    "--set", "applicant_name=李秀英", "--set", "applicant_id=11010519491231002X",
                    "--set", "applicant_phone=13905310001", "--material", "register-proof=missing",
                    "--decision", "accept", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (bad, "rongque"));

  out = run_client (f, &status, "case", "new", "--item", "000107009000", "--answer", "who=self",
                    "--set", "applicant_name=李秀英", "--set", "applicant_id=11010519491231002X",
                    "--set", "applicant_phone=13905310001", "--material", "register-proof=missing",
                    "--decision", "rongque", NULL);
  g_assert_cmpint (status, ==, 0);
  g_strchomp (out);
  g_assert_true (g_str_has_prefix (out, "370112001-01-"));

  g_free (listing);
  listing = run_client (f, &status, "sync", "--once", NULL);
  g_assert_cmpint (status, ==, 0);
  g_free (listing);
  listing = run_client (f, &status, "case", "list", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (listing, out));
  g_assert_nonnull (strstr (listing, "\"state\":\"registered\""));
  g_assert_nonnull (strstr (listing, "1137011200451234564000107009000"));
}
#endif

static void
test_enroll_refused (void)
{
  g_autoptr(YcTestCentral) central = yc_test_central_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (central->dir, "profile.db", NULL);
  g_autoptr(YcCaseStore) store = NULL;
  Fixture f = { central, NULL, NULL, NULL };
  g_autofree char *code = NULL;

  yc_test_central_start (central, "", NULL);
  store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  f.store = store;
  f.sync = yc_sync_new (store);

  /* a code for another station is no good */
  code = yc_test_central_run (central, "enroll-code", "370112002", NULL);
  g_assert_false (enroll (&f, "370112001", code, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "370112001"));
  g_assert_false (yc_sync_is_enrolled (f.sync));
  g_clear_error (&error);

  /* nor is a code used twice */
  g_assert_true (enroll (&f, "370112002", code, &error));
  g_assert_no_error (error);
  g_assert_false (enroll (&f, "370112002", code, &error));
  g_assert_error (error, YC_SYNC_ERROR, YC_SYNC_ERROR_REFUSED);
  g_clear_object (&f.sync);
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
  g_autofree char *out = NULL;
  g_autofree char *queue = NULL;
  g_autoptr(YcCaseStore) store = NULL;
  g_autofree char *path = g_build_filename (f->profile, "profile.db", NULL);
  const struct { char **id; const char *state; } cases[] = {
    { &accepted, "registered" }, { &told, "notified" }, { &refused, "refused" },
  };
  int status;

  run_sync (f->sync, &error);
  g_assert_no_error (error);
  g_clear_object (&f->sync);
  g_clear_object (&f->store);

#define TAKE(...) \
  run_client (f, &status, "case", "new", "--item", "000107009000", "--answer", "who=self", \
              "--set", "applicant_name=李秀英", "--set", "applicant_id=11010519491231002X", \
              "--set", "applicant_phone=13905310001", __VA_ARGS__, NULL)
  accepted = TAKE ("--decision", "accept");
  g_assert_cmpint (status, ==, 0);
  told = TAKE ("--material", "register-proof=missing", "--material", "photo=missing", "--decision", "notify");
  g_assert_cmpint (status, ==, 0);
  refused = TAKE ("--decision", "reject", "--reason", "《婚姻登记条例》第二条：不属本机关管辖",
                  "--advice", "请到一方当事人常住户口所在地的婚姻登记机关办理");
  g_assert_cmpint (status, ==, 0);
#undef TAKE
  out = run_client (f, &status, "sync", "--once", NULL);
  g_assert_cmpint (status, ==, 0);

  store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  queue = yc_test_central_run (f->central, "queue", "济南市历城区民政局婚姻登记处", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(YcCaseInfo) info = NULL;

      g_strchomp (*cases[i].id);
      info = yc_case_store_get_case (store, *cases[i].id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (info->state, ==, cases[i].state);
      g_assert_nonnull (info->official_no);
      /* only the accepted case waits for the department */
      g_assert_true ((strstr (queue, info->official_no) != NULL) == (i == 0));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/thin-case", Fixture, NULL, fixture_setup, test_thin_case, fixture_teardown);
  g_test_add ("/sync/rejected-set-aside", Fixture, NULL, fixture_setup, test_rejected_set_aside, fixture_teardown);
  g_test_add ("/sync/wrong-decision", Fixture, NULL, fixture_setup, test_wrong_decision, fixture_teardown);
  g_test_add ("/sync/wrong-certificate", Fixture, NULL, fixture_setup, test_wrong_certificate, fixture_teardown);
  g_test_add ("/sync/offline", Fixture, NULL, fixture_setup, test_offline, fixture_teardown);
  g_test_add ("/sync/bundle", Fixture, NULL, fixture_setup, test_bundle, fixture_teardown);
#ifdef YC_CLIENT_BIN
  g_test_add ("/sync/case-new", Fixture, NULL, fixture_setup, test_case_new, fixture_teardown);
  g_test_add ("/sync/told-and-refused", Fixture, NULL, fixture_setup, test_told_and_refused, fixture_teardown);
#endif
  g_test_add_func ("/sync/enroll-refused", test_enroll_refused);

  return g_test_run ();
}

/* test-intake.c: what each decision needs, and the intake that holds to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-test-central.h"
#include "yichuang.h"

#define TEST_CATALOG TEST_SRCDIR "/data/catalog"

typedef struct
{
  YcCatalog *catalog;
  YcForm    *form;
} Fixture;

static void
set_string (YcForm     *form,
            const char *key,
            const char *value)
{
  g_autoptr(JsonNode) node = value ? json_node_init_string (json_node_alloc (), value) : NULL;

  yc_form_set_value (form, key, node);
}

static void
set_materials (YcForm           *form,
               YcMaterialStatus  status)
{
  GPtrArray *materials = yc_form_get_materials (form);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  /* the list is rebuilt on every change */
  for (guint i = 0; i < materials->len; i++)
    g_ptr_array_add (ids, g_strdup (((YcFormMaterial *) g_ptr_array_index (materials, i))->id));
  for (guint i = 0; i < ids->len; i++)
    yc_form_set_material_status (form, g_ptr_array_index (ids, i), status);
}

/* The marriage certificate's replacement, filled in whole, every material
 * received. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  f->catalog = yc_catalog_load_directory (TEST_CATALOG, problems, &error);
  g_assert_no_error (error);
  f->form = yc_form_new (f->catalog, "000107009000", &error);
  g_assert_no_error (error);
  yc_form_set_answer (f->form, "who", "self");
  set_string (f->form, "applicant_name", "李秀英");
  set_string (f->form, "applicant_id", "11010519491231002X");
  set_string (f->form, "applicant_phone", "13905310001");
  set_materials (f->form, YC_MATERIAL_RECEIVED);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->form);
  g_clear_object (&f->catalog);
}

/* Asserts that @decision is allowed (@key %NULL) or that its first
 * problem is about @key. */
static void
assert_check (YcForm     *form,
              YcDecision  decision,
              const char *reason,
              const char *advice,
              const char *key)
{
  g_autoptr(GPtrArray) problems = yc_decision_check (form, decision, reason, advice);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s: %s", yc_decision_to_string (decision),
                    ((YcFormProblem *) g_ptr_array_index (problems, i))->key,
                    ((YcFormProblem *) g_ptr_array_index (problems, i))->message);
  if (key == NULL)
    g_assert_cmpuint (problems->len, ==, 0);
  else
    {
      g_assert_cmpuint (problems->len, >, 0);
      g_assert_cmpstr (((YcFormProblem *) g_ptr_array_index (problems, 0))->key, ==, key);
    }
}

#define REASON "《婚姻登记条例》第二条：不属本机关管辖"
#define ADVICE "请到一方当事人常住户口所在地的婚姻登记机关办理"

static void
on_changed_count_cb (YcForm *form,
                     guint  *count)
{
  (*count)++;
}

static void
test_applicant (Fixture       *f,
                gconstpointer  data)
{
  const YcFormField *name = NULL;
  const YcFormField *number = NULL;

  yc_form_find_applicant (f->form, &name, &number);
  g_assert_cmpstr (name->key, ==, "applicant_name");
  g_assert_cmpstr (number->key, ==, "applicant_id");
  g_assert_cmpstr (yc_form_get_applicant (f->form), ==, "李秀英");
}

/* 受理: the whole form right, every material received */
static void
test_accept (Fixture       *f,
             gconstpointer  data)
{
  assert_check (f->form, YC_DECISION_ACCEPT, NULL, NULL, NULL);

  yc_form_set_material_status (f->form, "register-proof", YC_MATERIAL_MISSING);
  assert_check (f->form, YC_DECISION_ACCEPT, NULL, NULL, "materials");
  yc_form_set_material_status (f->form, "register-proof", YC_MATERIAL_PENDING);
  assert_check (f->form, YC_DECISION_ACCEPT, NULL, NULL, "materials");
  yc_form_set_material_status (f->form, "register-proof", YC_MATERIAL_RECEIVED);

  set_string (f->form, "applicant_phone", NULL);
  assert_check (f->form, YC_DECISION_ACCEPT, NULL, NULL, "applicant_phone");
}

/* 容缺受理: the whole form right, only 容缺-eligible materials missing */
static void
test_rongque (Fixture       *f,
              gconstpointer  data)
{
  /* nothing missing: that is 受理 */
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, "materials");

  yc_form_set_material_status (f->form, "register-proof", YC_MATERIAL_MISSING);
  /* the form it will be supplied in, one it allows, and the commitment */
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, "materials");
  yc_form_set_material_supply (f->form, "register-proof", "scan", NULL);
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, "materials");
  yc_form_set_material_supply (f->form, "register-proof", "e-licence", NULL);
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, "commitment");
  yc_form_set_commitment_signed (f->form, TRUE);
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, NULL);

  /* defective counts as missing, with what is wrong said */
  yc_form_set_material_defective (f->form, "register-proof", NULL);
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, "materials");
  yc_form_set_material_defective (f->form, "register-proof", "未加盖印章");
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, NULL);

  /* a primary material may not be left out, missing or defective */
  yc_form_set_material_status (f->form, "photo", YC_MATERIAL_MISSING);
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, "materials");
  yc_form_set_material_defective (f->form, "photo", "背景不是红色");
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, "materials");
  yc_form_set_material_status (f->form, "photo", YC_MATERIAL_RECEIVED);

  set_string (f->form, "applicant_phone", "12345");
  assert_check (f->form, YC_DECISION_RONGQUE, NULL, NULL, "applicant_phone");
}

/* Each material received in one of the forms its template allows; a
 * defective one, with its reason, counts as missing. */
static void
test_forms (Fixture       *f,
            gconstpointer  data)
{
  const YcFormMaterial *m = yc_form_lookup_material (f->form, "register-proof");

  /* received with no form named: its usual one, the first allowed */
  g_assert_cmpstr (m->form, ==, "original");
  g_assert_cmpuint (g_strv_length ((char **) m->forms), ==, 3);
  g_assert_true (yc_form_material_allows (m, "commitment"));
  g_assert_false (yc_form_material_allows (yc_form_lookup_material (f->form, "photo"), "commitment"));

  yc_form_set_material_received (f->form, "register-proof", "e-licence");
  assert_check (f->form, YC_DECISION_ACCEPT, NULL, NULL, NULL);
  /* 告知承诺 where the template allows it, and only there */
  yc_form_set_material_received (f->form, "register-proof", "commitment");
  assert_check (f->form, YC_DECISION_ACCEPT, NULL, NULL, NULL);
  yc_form_set_material_received (f->form, "photo", "commitment");
  assert_check (f->form, YC_DECISION_ACCEPT, NULL, NULL, "materials");
  yc_form_set_material_received (f->form, "photo", "original");

  yc_form_set_material_defective (f->form, "id-card", "已过有效期");
  assert_check (f->form, YC_DECISION_ACCEPT, NULL, NULL, "materials");
  g_assert_cmpint (yc_form_suggest_decision (f->form), ==, YC_DECISION_NOTIFY);
  assert_check (f->form, YC_DECISION_NOTIFY, NULL, NULL, NULL);
}

/* The draft keeps every material's status, form, defect and supply, and
 * the commitment; an older draft's bare statuses still read. */
static void
test_save_restore (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(YcForm) again = NULL;
  g_autoptr(JsonNode) old = NULL;
  g_autoptr(GError) error = NULL;
  const YcFormMaterial *m;

  yc_form_set_material_received (f->form, "register-proof", "e-licence");
  yc_form_set_material_defective (f->form, "id-card", "已过有效期");
  yc_form_set_material_status (f->form, "photo", YC_MATERIAL_MISSING);
  yc_form_set_material_supply (f->form, "photo", "original", "2026-10-09");
  yc_form_set_commitment_signed (f->form, TRUE);
  saved = yc_form_save (f->form);
  again = yc_form_new_from_saved (f->catalog, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yc_form_lookup_material (again, "register-proof")->form, ==, "e-licence");
  m = yc_form_lookup_material (again, "id-card");
  g_assert_cmpint (m->status, ==, YC_MATERIAL_DEFECTIVE);
  g_assert_cmpstr (m->defect, ==, "已过有效期");
  m = yc_form_lookup_material (again, "photo");
  g_assert_cmpint (m->status, ==, YC_MATERIAL_MISSING);
  g_assert_cmpstr (m->supply_form, ==, "original");
  g_assert_cmpstr (m->supply_by, ==, "2026-10-09");
  g_assert_true (yc_form_get_commitment_signed (again));
  g_clear_object (&again);

  old = json_from_string ("{\"code\": \"000107009000\", \"answers\": {\"who\": \"self\"},"
                          " \"materials\": {\"id-card\": \"received\", \"photo\": \"missing\"}}", &error);
  g_assert_no_error (error);
  again = yc_form_new_from_saved (f->catalog, json_node_get_object (old), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yc_form_lookup_material (again, "id-card")->form, ==, "copy-with-original");
  g_assert_cmpint (yc_form_lookup_material (again, "photo")->status, ==, YC_MATERIAL_MISSING);
  g_assert_cmpint (yc_form_lookup_material (again, "register-proof")->status, ==, YC_MATERIAL_PENDING);
}

/* 一次性告知 lists every material missing or defective and every field
 * wrong, with what to do about each, at once. */
static void
test_notice (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) notice = NULL;
  const YcNoticeEntry *e;

  yc_form_set_material_status (f->form, "photo", YC_MATERIAL_MISSING);
  yc_form_set_material_defective (f->form, "register-proof", "未加盖印章");
  set_string (f->form, "applicant_phone", "12345");
  notice = yc_decision_list_notice (f->form);
  g_assert_cmpuint (notice->len, ==, 3);
  e = g_ptr_array_index (notice, 0);
  g_assert_cmpstr (e->key, ==, "register-proof");
  g_assert_nonnull (strstr (e->what, "未加盖印章"));
  /* where to get it and what it must be, from the template */
  g_assert_nonnull (strstr (e->todo, "婚姻登记机关或档案保管部门"));
  g_assert_nonnull (strstr (e->todo, "加盖档案保管部门印章"));
  e = g_ptr_array_index (notice, 1);
  g_assert_cmpstr (e->key, ==, "photo");
  g_assert_nonnull (strstr (e->what, "近期半身免冠合影照片"));
  g_assert_nonnull (strstr (e->todo, "2寸，红色背景"));
  e = g_ptr_array_index (notice, 2);
  g_assert_cmpstr (e->key, ==, "applicant_phone");
  g_assert_cmpstr (e->what, ==, "联系电话");
}

/* A 容缺 supply date: the template's deadline by default, an earlier one
 * if the clerk chooses, never a later one nor one before acceptance. */
static void
test_supply_date (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(YcCalendar) calendar = yc_calendar_new_builtin ();
  g_autofree char *limit = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *later = NULL;
  GDate accepted, day;

  g_assert_true (yc_date_parse ("2026-09-30", &accepted));
  yc_form_set_material_status (f->form, "register-proof", YC_MATERIAL_MISSING);
  limit = yc_intake_get_supply_limit (yc_form_lookup_material (f->form, "register-proof"), calendar, &accepted);
  g_assert_nonnull (limit);
  g_assert_null (yc_intake_check_supply (f->form, calendar, &accepted));

  yc_form_set_material_supply (f->form, "register-proof", "original", "2026-10-08");
  g_assert_null (yc_intake_check_supply (f->form, calendar, &accepted));
  yc_form_set_material_supply (f->form, "register-proof", "original", limit);
  g_assert_null (yc_intake_check_supply (f->form, calendar, &accepted));

  g_assert_true (yc_date_parse (limit, &day));
  g_date_add_days (&day, 1);
  later = yc_date_format (&day);
  yc_form_set_material_supply (f->form, "register-proof", "original", later);
  wrong = yc_intake_check_supply (f->form, calendar, &accepted);
  g_assert_nonnull (wrong);
  g_assert_nonnull (strstr (wrong, limit));
  g_clear_pointer (&wrong, g_free);

  yc_form_set_material_supply (f->form, "register-proof", "original", "2026-09-29");
  wrong = yc_intake_check_supply (f->form, calendar, &accepted);
  g_assert_nonnull (wrong);
  g_clear_pointer (&wrong, g_free);
}

/* 一次性告知: who the applicant is, and something to tell them; not a
 * complete form */
static void
test_notify (Fixture       *f,
             gconstpointer  data)
{
  /* nothing to tell */
  assert_check (f->form, YC_DECISION_NOTIFY, NULL, NULL, "materials");

  /* a field to correct is enough, a material missing too */
  set_string (f->form, "applicant_phone", NULL);
  assert_check (f->form, YC_DECISION_NOTIFY, NULL, NULL, NULL);
  set_string (f->form, "applicant_phone", "13905310001");
  yc_form_set_material_status (f->form, "photo", YC_MATERIAL_MISSING);
  assert_check (f->form, YC_DECISION_NOTIFY, NULL, NULL, NULL);

  /* the notice lists everything: every material is checked first */
  yc_form_set_material_status (f->form, "id-card", YC_MATERIAL_PENDING);
  assert_check (f->form, YC_DECISION_NOTIFY, NULL, NULL, "materials");
  yc_form_set_material_status (f->form, "id-card", YC_MATERIAL_RECEIVED);

  /* addressed to someone: a name, and a real ID number */
  set_string (f->form, "applicant_id", "110105194912310021");
  assert_check (f->form, YC_DECISION_NOTIFY, NULL, NULL, "applicant_id");
  set_string (f->form, "applicant_id", "11010519491231002X");
  set_string (f->form, "applicant_name", "  ");
  assert_check (f->form, YC_DECISION_NOTIFY, NULL, NULL, "applicant_name");
}

/* 不予受理: who the applicant is, the legal reason and where to go
 * instead; not a complete form, nor the materials checked */
static void
test_reject (Fixture       *f,
             gconstpointer  data)
{
  set_string (f->form, "applicant_phone", NULL);
  set_materials (f->form, YC_MATERIAL_PENDING);
  assert_check (f->form, YC_DECISION_REJECT, REASON, ADVICE, NULL);

  assert_check (f->form, YC_DECISION_REJECT, NULL, ADVICE, "reason");
  assert_check (f->form, YC_DECISION_REJECT, REASON, " ", "advice");
  set_string (f->form, "applicant_name", NULL);
  assert_check (f->form, YC_DECISION_REJECT, REASON, ADVICE, "applicant_name");
}

/* The window's view of all four at once is the same rule, the refusal's
 * reason and advice and 容缺受理's commitment aside. */
static void
test_check_each (Fixture       *f,
                 gconstpointer  data)
{
  const struct { YcMaterialStatus photo; const char *phone; gboolean allowed[YC_DECISION_REJECT + 1]; } cases[] = {
    { YC_MATERIAL_RECEIVED, "13905310001", { FALSE, TRUE, FALSE, FALSE, TRUE } },
    { YC_MATERIAL_MISSING, "13905310001", { FALSE, FALSE, FALSE, TRUE, TRUE } },
    { YC_MATERIAL_RECEIVED, NULL, { FALSE, FALSE, FALSE, TRUE, TRUE } },
    { YC_MATERIAL_PENDING, NULL, { FALSE, FALSE, FALSE, FALSE, TRUE } },
  };

  /* what 容缺受理 asks once chosen, given */
  yc_form_set_commitment_signed (f->form, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GPtrArray *problems[YC_DECISION_REJECT + 1];

      yc_form_set_material_status (f->form, "photo", cases[i].photo);
      set_string (f->form, "applicant_phone", cases[i].phone);
      yc_decision_check_each (f->form, problems);
      g_assert_null (problems[YC_DECISION_NONE]);
      for (YcDecision d = YC_DECISION_ACCEPT; d <= YC_DECISION_REJECT; d++)
        {
          g_autoptr(GPtrArray) alone = yc_decision_check (f->form, d, REASON, ADVICE);

          g_assert_cmpuint (problems[d]->len == 0, ==, cases[i].allowed[d]);
          g_assert_cmpuint (problems[d]->len, ==, alone->len);
          g_ptr_array_unref (problems[d]);
        }
    }
}

/* What the rule refuses never reaches the outbox. */
static void
test_submit_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yichuang-intake-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(YcCase) info = NULL;
  g_autoptr(YcCalendar) calendar = yc_calendar_new_builtin ();
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *case_id = NULL;
  JsonObject *intake;
  GDate accepted;

  g_assert_true (yc_date_parse ("2026-09-30", &accepted));
  g_assert_no_error (error);
  store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (store, "station", "370112001", &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (store, "clerk-no", "01", &error);
  g_assert_no_error (error);
  case_id = yc_case_store_new_draft (store, yc_form_get_code (f->form), yc_form_get_name (f->form),
                                     yc_form_get_version (f->form), &error);
  g_assert_no_error (error);

  /* a refusal with no reason, an acceptance with a field wrong */
  set_string (f->form, "applicant_phone", NULL);
  g_assert_false (yc_intake_submit (store, case_id, f->form, YC_DECISION_REJECT, NULL, ADVICE, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_MET);
  g_assert_nonnull (strstr (error->message, "legal reason"));
  g_clear_error (&error);
  g_assert_false (yc_intake_submit (store, case_id, f->form, YC_DECISION_ACCEPT, NULL, NULL, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_MET);
  /* named by its label, as the clerk reads it */
  g_assert_nonnull (strstr (error->message, "联系电话"));
  g_clear_error (&error);
  g_assert_cmpuint (yc_case_store_outbox_count (store, NULL), ==, 0);
  info = yc_case_store_get_case (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_DRAFT);

  /* a 容缺 supply date past the template's deadline */
  set_string (f->form, "applicant_phone", "13905310001");
  yc_form_set_material_status (f->form, "register-proof", YC_MATERIAL_MISSING);
  yc_form_set_material_supply (f->form, "register-proof", "original", "2027-01-29");
  yc_form_set_commitment_signed (f->form, TRUE);
  g_assert_false (yc_intake_submit_dated (store, case_id, f->form, YC_DECISION_RONGQUE, NULL, NULL, calendar,
                                          &accepted, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_MET);
  g_assert_nonnull (strstr (error->message, "at the latest"));
  g_clear_error (&error);
  g_assert_cmpuint (yc_case_store_outbox_count (store, NULL), ==, 0);

  /* the same refusal with its reason goes, and says the applicant's
   * remedies */
  g_assert_true (yc_intake_submit (store, case_id, f->form, YC_DECISION_REJECT, REASON, ADVICE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (yc_case_store_outbox_count (store, NULL), ==, 1);
  events = yc_case_store_get_events (store, case_id, &error);
  g_assert_no_error (error);
  intake = yc_json_get_object (g_ptr_array_index (events, events->len - 1), "data");
  g_assert_cmpstr (yc_json_get_string (intake, "rights"), ==, yc_refusal_describe_rights ());
  g_assert_nonnull (strstr (yc_refusal_describe_rights (), "60 days"));
  g_assert_nonnull (strstr (yc_refusal_describe_rights (), "6 months"));
  g_assert_cmpuint (json_array_get_length (yc_json_get_array (intake, "materials")), ==, 3);

  g_clear_object (&store);
  yc_test_remove_dir (dir);
}

/* 帮办代办 from the window: the form keeps the helper, the draft saved
 * and restored keeps it, the core says what is wrong with it before and
 * at submit, and the intake event records it without the caller passing
 * it again. */
static void
test_helper (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yichuang-intake-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(YcForm) again = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *text = NULL;
  JsonObject *helper, *kept, *recorded;
  const char *field = NULL;
  guint changes = 0;

  g_assert_no_error (error);
  g_assert_null (yc_form_get_helper (f->form));
  node = json_from_string ("{\"name\": \"赵代办\", \"id_number\": \"110101199003070038\","
                           " \"authorisation\": \"register-proof\", \"handed_over\": [\"id-card\"]}", &error);
  g_assert_no_error (error);
  helper = json_node_get_object (node);

  /* the check the dialog asks, on the form's materials as they stand */
  g_assert_true (yc_case_log_check_helper (helper, f->form, &field, &error));
  g_assert_no_error (error);
  yc_form_set_material_status (f->form, "id-card", YC_MATERIAL_MISSING);
  g_assert_false (yc_case_log_check_helper (helper, f->form, &field, &error));
  g_assert_error (error, YC_CASE_LOG_ERROR, YC_CASE_LOG_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "helper.handed_over");
  g_clear_error (&error);
  yc_form_set_material_status (f->form, "id-card", YC_MATERIAL_RECEIVED);
  json_object_set_string_member (helper, "id_number", "110105194912310021");
  g_assert_false (yc_case_log_check_helper (helper, f->form, &field, &error));
  g_assert_cmpstr (field, ==, "helper.id_number");
  g_clear_error (&error);
  json_object_set_string_member (helper, "id_number", "110101199003070038");

  /* setting it is a change of the form, which the draft saves on */
  g_signal_connect (f->form, "changed", G_CALLBACK (on_changed_count_cb), &changes);
  yc_form_set_helper (f->form, helper);
  g_assert_cmpuint (changes, ==, 1);
  /* a copy: what the caller does to its object later is not the form's */
  json_object_set_string_member (helper, "name", "别人");
  g_assert_cmpstr (yc_json_get_string (yc_form_get_helper (f->form), "name"), ==, "赵代办");

  /* across a crash: the saved form, as text, restored */
  saved = yc_form_save (f->form);
  {
    g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), saved);
    g_autoptr(JsonNode) back = NULL;

    text = json_to_string (root, FALSE);
    back = json_from_string (text, &error);
    g_assert_no_error (error);
    again = yc_form_new_from_saved (f->catalog, json_node_get_object (back), &error);
    g_assert_no_error (error);
  }
  kept = yc_form_get_helper (again);
  g_assert_nonnull (kept);
  g_assert_cmpstr (yc_json_get_string (kept, "name"), ==, "赵代办");
  g_assert_cmpstr (yc_json_get_string (kept, "authorisation"), ==, "register-proof");
  g_assert_cmpstr (yc_json_get_string_element (yc_json_get_array (kept, "handed_over"), 0), ==, "id-card");

  store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (store, "station", "370112001", &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (store, "clerk-no", "01", &error);
  g_assert_no_error (error);
  case_id = yc_case_store_new_draft (store, yc_form_get_code (again), yc_form_get_name (again),
                                     yc_form_get_version (again), &error);
  g_assert_no_error (error);

  /* the authorisation no longer received: the core refuses the intake */
  yc_form_set_material_status (again, "register-proof", YC_MATERIAL_MISSING);
  g_assert_false (yc_intake_submit (store, case_id, again, YC_DECISION_NOTIFY, NULL, NULL, &error));
  g_assert_error (error, YC_CASE_LOG_ERROR, YC_CASE_LOG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "register-proof"));
  g_clear_error (&error);
  g_assert_cmpuint (yc_case_store_outbox_count (store, NULL), ==, 0);

  yc_form_set_material_status (again, "register-proof", YC_MATERIAL_RECEIVED);
  g_assert_true (yc_intake_submit (store, case_id, again, YC_DECISION_ACCEPT, NULL, NULL, &error));
  g_assert_no_error (error);
  events = yc_case_store_get_events (store, case_id, &error);
  g_assert_no_error (error);
  recorded = yc_json_get_object (yc_json_get_object (g_ptr_array_index (events, events->len - 1), "data"), "helper");
  g_assert_nonnull (recorded);
  g_assert_cmpstr (yc_json_get_string (recorded, "name"), ==, "赵代办");
  g_assert_cmpstr (yc_json_get_string (recorded, "id_number"), ==, "110101199003070038");
  g_assert_cmpstr (yc_json_get_string (recorded, "authorisation"), ==, "register-proof");

  /* the applicant in person again: no helper saved */
  yc_form_set_helper (again, NULL);
  g_clear_pointer (&saved, json_object_unref);
  saved = yc_form_save (again);
  g_assert_false (json_object_has_member (saved, "helper"));

  g_clear_object (&store);
  yc_test_remove_dir (dir);
}

/* An intake's form holds nothing but what its form shows and calculates:
 * the window's submit and the central service hold to the same check */
static void
test_saved_strict (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yichuang-intake-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(JsonObject) intake = NULL;
  g_autoptr(JsonObject) newer = NULL;
  g_autoptr(JsonObject) robot_saved = NULL;
  g_autoptr(YcFormProblem) hidden = NULL;
  g_autoptr(YcFormProblem) clean = NULL;
  g_autoptr(YcFormProblem) robot = NULL;
  g_autoptr(YcFormProblem) version = NULL;
  g_autoptr(YcForm) rebuilt = NULL;
  g_autoptr(YcForm) unpublished = NULL;
  g_autofree char *case_id = NULL;

  /* a value typed for an agent, then the applicant came in person: the
   * draft keeps it, the intake leaves it out */
  yc_form_set_answer (f->form, "who", "agent");
  set_string (f->form, "agent_name", "王五");
  yc_form_set_answer (f->form, "who", "self");
  draft = yc_form_save (f->form);
  g_assert_nonnull (yc_json_get_string (yc_json_get_object (draft, "values"), "agent_name"));
  hidden = yc_form_check_saved (f->form, draft);
  g_assert_nonnull (hidden);
  g_assert_cmpstr (hidden->refusal, ==, "field-hidden");
  g_assert_cmpstr (hidden->key, ==, "agent_name");
  intake = yc_form_save_intake (f->form);
  g_assert_null (yc_json_get_string (yc_json_get_object (intake, "values"), "agent_name"));
  clean = yc_form_check_saved (f->form, intake);
  g_assert_null (clean);
  rebuilt = yc_form_new_from_intake (f->catalog, intake, &clean);
  g_assert_null (clean);
  g_assert_nonnull (rebuilt);

  /* a field the form does not have is refused, unless the intake was
   * filled in under an earlier version, which may have had it */
  {
    g_autoptr(JsonObject) extra = yc_form_save_intake (f->form);
    g_autoptr(YcFormProblem) unknown = NULL;
    g_autoptr(YcFormProblem) earlier = NULL;

    json_object_set_string_member (yc_json_get_object (extra, "values"), "no_such_field", "x");
    unknown = yc_form_check_saved (f->form, extra);
    g_assert_nonnull (unknown);
    g_assert_cmpstr (unknown->refusal, ==, "field-unknown");
    g_assert_cmpuint (yc_form_get_version (f->form), >, 1);
    json_object_set_int_member (extra, "version", yc_form_get_version (f->form) - 1);
    earlier = yc_form_check_saved (f->form, extra);
    g_assert_null (earlier);
  }

  /* a version above the catalog's was never published */
  newer = yc_form_save_intake (f->form);
  json_object_set_int_member (newer, "version", yc_form_get_version (f->form) + 1);
  unpublished = yc_form_new_from_intake (f->catalog, newer, &version);
  g_assert_null (unpublished);
  g_assert_cmpstr (version->refusal, ==, "form-version-unknown");

  /* `yichuang case new --answer who=robot` is refused at the station, as
   * the service would refuse it */
  yc_form_set_answer (f->form, "who", "robot");
  robot_saved = yc_form_save_intake (f->form);
  robot = yc_form_check_saved (f->form, robot_saved);
  g_assert_nonnull (robot);
  g_assert_cmpstr (robot->refusal, ==, "answer-not-an-option");
  g_assert_cmpstr (robot->key, ==, "answers.who");
  g_assert_no_error (error);
  store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (store, "station", "370112001", &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (store, "clerk-no", "01", &error);
  g_assert_no_error (error);
  case_id = yc_case_store_new_draft (store, yc_form_get_code (f->form), yc_form_get_name (f->form),
                                     yc_form_get_version (f->form), &error);
  g_assert_no_error (error);
  g_assert_false (yc_intake_submit (store, case_id, f->form, YC_DECISION_ACCEPT, NULL, NULL, &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NOT_MET);
  g_assert_nonnull (strstr (error->message, "robot"));
  g_assert_cmpuint (yc_case_store_outbox_count (store, NULL), ==, 0);
  g_clear_object (&store);
  yc_test_remove_dir (dir);
}

/* A profile whose station code would make numbers the service refuses
 * takes no case */
static void
test_case_number_made (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yichuang-intake-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr(YcCaseStore) store = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;

  store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  yc_case_store_set_meta (store, "station", "370112001", &error);
  yc_case_store_set_meta (store, "clerk-no", "01", &error);
  g_assert_no_error (error);
  good = yc_case_store_new_draft (store, "000107009000", "补领结婚证", 2, &error);
  g_assert_no_error (error);
  g_assert_true (yc_case_number_parse (good, NULL, NULL, NULL));
  yc_case_store_set_meta (store, "station", "../370112001", &error);
  g_assert_no_error (error);
  bad = yc_case_store_new_draft (store, "000107009000", "补领结婚证", 2, &error);
  g_assert_null (bad);
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE);
  g_clear_object (&store);
  yc_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/intake/applicant", Fixture, NULL, fixture_setup, test_applicant, fixture_teardown);
  g_test_add ("/intake/accept", Fixture, NULL, fixture_setup, test_accept, fixture_teardown);
  g_test_add ("/intake/rongque", Fixture, NULL, fixture_setup, test_rongque, fixture_teardown);
  g_test_add ("/intake/forms", Fixture, NULL, fixture_setup, test_forms, fixture_teardown);
  g_test_add ("/intake/save-restore", Fixture, NULL, fixture_setup, test_save_restore, fixture_teardown);
  g_test_add ("/intake/notice", Fixture, NULL, fixture_setup, test_notice, fixture_teardown);
  g_test_add ("/intake/supply-date", Fixture, NULL, fixture_setup, test_supply_date, fixture_teardown);
  g_test_add ("/intake/notify", Fixture, NULL, fixture_setup, test_notify, fixture_teardown);
  g_test_add ("/intake/reject", Fixture, NULL, fixture_setup, test_reject, fixture_teardown);
  g_test_add ("/intake/check-each", Fixture, NULL, fixture_setup, test_check_each, fixture_teardown);
  g_test_add ("/intake/helper", Fixture, NULL, fixture_setup, test_helper, fixture_teardown);
  g_test_add ("/intake/submit-refused", Fixture, NULL, fixture_setup, test_submit_refused, fixture_teardown);
  g_test_add ("/intake/saved-strict", Fixture, NULL, fixture_setup, test_saved_strict, fixture_teardown);
  g_test_add ("/intake/case-number-made", Fixture, NULL, fixture_setup, test_case_number_made, fixture_teardown);

  return g_test_run ();
}

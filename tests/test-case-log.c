/* test-case-log.c: the steps after the window's decision, each accepted
 * and refused, and deciding again on the same case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "yichuang.h"

#define ID_NUMBER  "11010519491231002X"
#define HELPER_ID  "110105194912310021"

/* HELPER_ID has a wrong check digit; HELPER_OK and OTHER_OK are right */
#define HELPER_OK  "110101199003070038"
#define OTHER_OK   "110101199003074071"

static JsonObject *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = yc_json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
event (const char *type,
       const char *data)
{
  return yc_event_new ("S-01-20250303-0001", type, "张敏", "370112001", parse (data));
}

static GPtrArray *
log_of (const char *first,
        ...)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *type = first; type != NULL; type = va_arg (args, const char *))
    g_ptr_array_add (events, event (type, va_arg (args, const char *)));
  va_end (args);
  return events;
}

#define RONGQUE_INTAKE \
  "{\"decision\": \"rongque\", \"round\": 1, \"form\": {\"materials\": {\"a\": \"missing\", \"b\": \"missing\"}}," \
  " \"supply_by\": [{\"material\": \"a\", \"name\": \"照片\", \"days\": 5, \"by\": \"2025-03-10\"}," \
  "                {\"material\": \"b\", \"name\": \"证明\", \"days\": 5, \"by\": \"2025-03-10\"}]}"
#define NOTIFY_INTAKE \
  "{\"decision\": \"notify\", \"round\": 1, \"form\": {\"code\": \"000107009000\", \"materials\": {\"photo\": \"missing\", \"id\": \"received\"}}," \
  " \"materials\": [{\"id\": \"proof\", \"name\": \"证明\", \"status\": \"defective\", \"defect\": \"没有盖章\"}]}"
#define ACCEPT_INTAKE "{\"decision\": \"accept\", \"round\": 1, \"form\": {\"materials\": {\"id\": \"received\"}}}"
#define HELPED_INTAKE \
  "{\"decision\": \"accept\", \"round\": 1, \"form\": {\"materials\": {\"id\": \"received\", \"letter\": \"received\"}}," \
  " \"helper\": {\"name\": \"赵代办\", \"id_number\": \"" HELPER_OK "\", \"relation\": null, \"authorisation\": \"letter\"," \
  "              \"handed_over\": [\"id\"]}}"

static gboolean
check (YcCaseLog   *log,
       const char  *type,
       const char  *data,
       const char  *expect_field,
       gint         expect_code)
{
  g_autoptr(JsonObject) object = parse (data);
  g_autoptr(YcCalendar) calendar = yc_calendar_new_builtin ();
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  GDate today;
  gboolean ok;

  g_date_set_dmy (&today, 3, G_DATE_MARCH, 2025);
  ok = yc_case_log_check_step_field (log, type, object, calendar, &today, &field, &error);
  if (expect_field == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return TRUE;
    }
  g_assert_false (ok);
  g_assert_error (error, YC_CASE_LOG_ERROR, expect_code);
  g_assert_cmpstr (field, ==, expect_field);
  g_assert_cmpstr (error->message, !=, "");
  return FALSE;
}

static gboolean
has_step (YcCaseLog  *log,
          const char *type)
{
  g_autoptr(GPtrArray) next = yc_case_log_next_steps (log);

  for (guint i = 0; i < next->len; i++)
    if (g_str_equal (g_ptr_array_index (next, i), type))
      return TRUE;
  return FALSE;
}

static void
test_supplement_rongque (void)
{
  g_autoptr(GPtrArray) events = log_of (YC_EVENT_INTAKE, RONGQUE_INTAKE, NULL);
  g_autoptr(YcCaseLog) log = yc_case_log_new (events);
  g_autoptr(YcCaseLog) after = NULL;
  g_autoptr(YcCaseLog) done = NULL;
  g_autoptr(JsonArray) open = NULL;

  g_assert_cmpstr (yc_case_log_get_waiting (log), ==, "rongque");
  g_assert_true (has_step (log, YC_EVENT_SUPPLEMENT));
  g_assert_false (has_step (log, YC_EVENT_INTAKE));
  open = yc_case_log_get_open_supply (log);
  g_assert_cmpuint (json_array_get_length (open), ==, 2);

  check (log, YC_EVENT_SUPPLEMENT, "{}", "materials", YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"c\", \"form\": \"original\"}]}", "materials",
         YC_CASE_LOG_ERROR_NOT_NOW);
  check (log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"a\", \"form\": \"photocopy\"}]}", "materials",
         YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"a\", \"form\": \"original\"}, {\"id\": \"a\", \"form\": \"copy\"}]}",
         "materials", YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"a\", \"form\": \"original\"}]}", NULL, 0);

  /* the supplement closes its supply date; the other stays due */
  g_ptr_array_add (events, event (YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"a\", \"form\": \"original\"}]}"));
  after = yc_case_log_new (events);
  g_clear_pointer (&open, json_array_unref);
  open = yc_case_log_get_open_supply (after);
  g_assert_cmpuint (json_array_get_length (open), ==, 1);
  g_assert_cmpstr (yc_json_get_string (json_array_get_object_element (open, 0), "material"), ==, "b");
  check (after, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"a\", \"form\": \"original\"}]}", "materials",
         YC_CASE_LOG_ERROR_NOT_NOW);

  g_ptr_array_add (events, event (YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"b\", \"form\": \"scan\"}]}"));
  done = yc_case_log_new (events);
  g_assert_null (yc_case_log_get_waiting (done));
  g_assert_false (has_step (done, YC_EVENT_SUPPLEMENT));
  check (done, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"b\", \"form\": \"scan\"}]}", "type",
         YC_CASE_LOG_ERROR_NOT_NOW);
}

static void
test_supplement_notify (void)
{
  g_autoptr(GPtrArray) events = log_of (YC_EVENT_INTAKE, NOTIFY_INTAKE, NULL);
  g_autoptr(YcCaseLog) log = yc_case_log_new (events);
  g_autoptr(YcCaseLog) after = NULL;
  g_autoptr(GPtrArray) accepted = log_of (YC_EVENT_INTAKE, ACCEPT_INTAKE, NULL);
  g_autoptr(YcCaseLog) accepted_log = yc_case_log_new (accepted);

  g_assert_cmpstr (yc_case_log_get_waiting (log), ==, "notify");
  g_assert_cmpuint (yc_case_log_get_missing (log)->len, ==, 2);
  g_assert_true (has_step (log, YC_EVENT_SUPPLEMENT));
  g_assert_true (has_step (log, YC_EVENT_INTAKE));

  /* what the notice did not ask for, or was received, is not brought */
  check (log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"id\", \"form\": \"original\"}]}", "materials",
         YC_CASE_LOG_ERROR_NOT_NOW);
  check (log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"proof\", \"form\": \"original\"}]}", NULL, 0);
  g_ptr_array_add (events, event (YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"proof\", \"form\": \"original\"}]}"));
  after = yc_case_log_new (events);
  /* still waiting: the window decides again, on the same case */
  g_assert_cmpstr (yc_case_log_get_waiting (after), ==, "notify");
  g_assert_cmpuint (yc_case_log_get_missing (after)->len, ==, 1);
  check (after, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"proof\", \"form\": \"original\"}]}", "materials",
         YC_CASE_LOG_ERROR_NOT_NOW);

  /* an accepted case waits for nothing */
  check (accepted_log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"id\", \"form\": \"original\"}]}", "type",
         YC_CASE_LOG_ERROR_NOT_NOW);
  g_assert_false (has_step (accepted_log, YC_EVENT_SUPPLEMENT));
}

static void
test_intake_round (void)
{
  g_autoptr(GPtrArray) notified = log_of (YC_EVENT_INTAKE, NOTIFY_INTAKE,
                                          YC_EVENT_REGISTERED, "{\"official_no\": \"X20250303\"}", NULL);
  g_autoptr(YcCaseLog) notified_log = yc_case_log_new (notified);
  g_autoptr(GPtrArray) accepted = log_of (YC_EVENT_INTAKE, ACCEPT_INTAKE, NULL);
  g_autoptr(YcCaseLog) accepted_log = yc_case_log_new (accepted);
  g_autoptr(YcCaseLog) again = NULL;
  g_autoptr(JsonObject) first = parse ("{\"decision\": \"accept\"}");
  g_autoptr(JsonObject) second = parse ("{\"decision\": \"accept\"}");
  g_autoptr(JsonObject) wrong = parse ("{\"decision\": \"accept\", \"round\": 1}");
  g_autoptr(JsonObject) late = parse ("{\"decision\": \"accept\"}");
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  g_assert_true (yc_case_log_check_intake (NULL, first, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (first, "round"), ==, 1);

  g_assert_true (yc_case_log_check_intake (notified_log, second, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (second, "round"), ==, 2);
  g_assert_cmpstr (yc_case_log_get_official_no (notified_log), ==, "X20250303");

  g_assert_false (yc_case_log_check_intake (notified_log, wrong, &field, &error));
  g_assert_error (error, YC_CASE_LOG_ERROR, YC_CASE_LOG_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "round");
  g_clear_error (&error);

  /* a case taken in is not decided again */
  g_assert_false (yc_case_log_check_intake (accepted_log, late, &field, &error));
  g_assert_error (error, YC_CASE_LOG_ERROR, YC_CASE_LOG_ERROR_NOT_NOW);
  g_assert_cmpstr (field, ==, "round");
  g_clear_error (&error);

  /* decided again: a new handling, with its own rating */
  g_ptr_array_add (notified, event (YC_EVENT_EVALUATED, "{\"rating\": \"satisfied\"}"));
  g_ptr_array_add (notified, event (YC_EVENT_INTAKE, ACCEPT_INTAKE));
  again = yc_case_log_new (notified);
  g_assert_cmpuint (yc_case_log_get_round (again), ==, 2);
  g_assert_null (yc_case_log_get_waiting (again));
  g_assert_false (yc_case_log_is_evaluated (again));
  g_assert_cmpstr (yc_case_log_get_official_no (again), ==, "X20250303");
}

static void
check_helper (const char *helper,
              const char *expect_field)
{
  g_autofree char *text = g_strdup_printf ("{\"decision\": \"accept\", \"form\": {\"materials\": {\"id\": \"received\","
                                           " \"letter\": \"received\", \"photo\": \"missing\"}}, \"helper\": %s}", helper);
  g_autoptr(JsonObject) data = parse (text);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  gboolean ok = yc_case_log_check_intake (NULL, data, &field, &error);

  if (expect_field == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, YC_CASE_LOG_ERROR, YC_CASE_LOG_ERROR_INVALID);
  g_assert_cmpstr (field, ==, expect_field);
}

static void
test_helper (void)
{
  check_helper ("{\"name\": \"赵代办\", \"id_number\": \"" HELPER_OK "\", \"relation\": \"儿子\"}", NULL);
  check_helper ("{\"name\": \"赵代办\", \"id_number\": \"" HELPER_OK "\", \"authorisation\": \"letter\","
                " \"handed_over\": [\"id\", \"letter\"]}", NULL);
  check_helper ("null", NULL);
  check_helper ("{\"name\": \" \", \"id_number\": \"" HELPER_OK "\", \"relation\": \"儿子\"}", "helper.name");
  check_helper ("{\"name\": \"赵代办\", \"id_number\": \"" HELPER_ID "\", \"relation\": \"儿子\"}", "helper.id_number");
  check_helper ("{\"name\": \"赵代办\", \"relation\": \"儿子\"}", "helper.id_number");
  /* neither relation nor authorisation */
  check_helper ("{\"name\": \"赵代办\", \"id_number\": \"" HELPER_OK "\", \"relation\": null}", "helper.authorisation");
  /* the authorisation is a material received with the case */
  check_helper ("{\"name\": \"赵代办\", \"id_number\": \"" HELPER_OK "\", \"authorisation\": \"photo\"}",
                "helper.authorisation");
  check_helper ("{\"name\": \"赵代办\", \"id_number\": \"" HELPER_OK "\", \"authorisation\": \"nothing\"}",
                "helper.authorisation");
  check_helper ("{\"name\": \"赵代办\", \"id_number\": \"" HELPER_OK "\", \"relation\": \"儿子\","
                " \"handed_over\": [\"photo\"]}", "helper.handed_over");
  check_helper ("{\"name\": \"赵代办\", \"id_number\": \"" HELPER_OK "\", \"relation\": \"儿子\","
                " \"handed_over\": \"id\"}", "helper.handed_over");
  check_helper ("\"赵代办\"", "helper");
}

static void
test_handover (void)
{
  g_autoptr(GPtrArray) plain = log_of (YC_EVENT_INTAKE, ACCEPT_INTAKE, NULL);
  g_autoptr(YcCaseLog) plain_log = yc_case_log_new (plain);
  g_autoptr(GPtrArray) helped = log_of (YC_EVENT_INTAKE, HELPED_INTAKE, NULL);
  g_autoptr(YcCaseLog) log = yc_case_log_new (helped);
  g_autoptr(YcCaseLog) after = NULL;
  const char *to_other = "{\"to\": {\"name\": \"钱接力\", \"id_number\": \"" OTHER_OK "\"}, \"materials\": [\"id\"], \"note\": \"转交区政务中心\"}";

  check (plain_log, YC_EVENT_HANDOVER, to_other, "type", YC_CASE_LOG_ERROR_NOT_NOW);
  g_assert_false (has_step (plain_log, YC_EVENT_HANDOVER));

  g_assert_cmpstr (yc_case_log_get_helper_name (log), ==, "赵代办");
  g_assert_true (has_step (log, YC_EVENT_HANDOVER));
  check (log, YC_EVENT_HANDOVER, "{\"materials\": []}", "to", YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_HANDOVER, "{\"to\": {\"name\": \"钱接力\", \"id_number\": \"" HELPER_ID "\"}}", "to.id_number",
         YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_HANDOVER, "{\"to\": {\"name\": \"\", \"id_number\": \"" OTHER_OK "\"}}", "to.name",
         YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_HANDOVER, "{\"to\": {\"name\": \"赵代办\", \"id_number\": \"" HELPER_OK "\"}}", "to.id_number",
         YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_HANDOVER, "{\"to\": {\"name\": \"钱接力\", \"id_number\": \"" OTHER_OK "\"}, \"materials\": [1]}",
         "materials", YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_HANDOVER, to_other, NULL, 0);

  g_ptr_array_add (helped, event (YC_EVENT_HANDOVER, to_other));
  after = yc_case_log_new (helped);
  g_assert_cmpstr (yc_case_log_get_helper_name (after), ==, "钱接力");
  g_assert_cmpstr (yc_case_log_get_helper_id (after), ==, OTHER_OK);
}

static void
test_delivered (void)
{
  g_autoptr(GPtrArray) events = log_of (YC_EVENT_INTAKE, ACCEPT_INTAKE, YC_EVENT_ACCEPTED, "{}",
                                        YC_EVENT_APPROVED, "{}", NULL);
  g_autoptr(YcCaseLog) early = yc_case_log_new (events);
  g_autoptr(YcCaseLog) ready = NULL;
  g_autoptr(YcCaseLog) delivered = NULL;
  const char *window = "{\"how\": \"window\", \"collector\": \"李秀英\", \"id_number\": \"" ID_NUMBER "\", \"id_checked\": true}";

  check (early, YC_EVENT_DELIVERED, window, "type", YC_CASE_LOG_ERROR_NOT_NOW);
  g_assert_false (has_step (early, YC_EVENT_DELIVERED));

  g_ptr_array_add (events, event (YC_EVENT_RESULT, "{\"delivery\": \"window\"}"));
  ready = yc_case_log_new (events);
  g_assert_true (has_step (ready, YC_EVENT_DELIVERED));
  check (ready, YC_EVENT_DELIVERED, "{\"how\": \"pigeon\"}", "how", YC_CASE_LOG_ERROR_INVALID);
  check (ready, YC_EVENT_DELIVERED, "{\"how\": \"window\", \"id_number\": \"" ID_NUMBER "\", \"id_checked\": true}",
         "collector", YC_CASE_LOG_ERROR_INVALID);
  check (ready, YC_EVENT_DELIVERED, "{\"how\": \"window\", \"collector\": \"李秀英\", \"id_number\": \"110105194912310021\", \"id_checked\": true}",
         "id_number", YC_CASE_LOG_ERROR_INVALID);
  check (ready, YC_EVENT_DELIVERED, "{\"how\": \"window\", \"collector\": \"李秀英\", \"id_number\": \"" ID_NUMBER "\"}",
         "id_checked", YC_CASE_LOG_ERROR_INVALID);
  check (ready, YC_EVENT_DELIVERED, "{\"how\": \"window\", \"collector\": \"李秀英\", \"id_number\": \"" ID_NUMBER "\", \"id_checked\": false}",
         "id_checked", YC_CASE_LOG_ERROR_INVALID);
  check (ready, YC_EVENT_DELIVERED, "{\"how\": \"post\", \"carrier\": \"EMS\"}", "tracking", YC_CASE_LOG_ERROR_INVALID);
  check (ready, YC_EVENT_DELIVERED, "{\"how\": \"post\", \"tracking\": \"1234\"}", "carrier", YC_CASE_LOG_ERROR_INVALID);
  check (ready, YC_EVENT_DELIVERED, "{\"how\": \"post\", \"carrier\": \"EMS\", \"tracking\": \"EA123456789CN\"}", NULL, 0);
  check (ready, YC_EVENT_DELIVERED, window, NULL, 0);

  g_ptr_array_add (events, event (YC_EVENT_DELIVERED, window));
  delivered = yc_case_log_new (events);
  g_assert_true (yc_case_log_is_delivered (delivered));
  check (delivered, YC_EVENT_DELIVERED, window, "type", YC_CASE_LOG_ERROR_NOT_NOW);
}

static void
test_evaluated (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(YcCaseLog) undecided = yc_case_log_new (none);
  g_autoptr(GPtrArray) events = log_of (YC_EVENT_INTAKE, ACCEPT_INTAKE, NULL);
  g_autoptr(YcCaseLog) log = yc_case_log_new (events);
  g_autoptr(YcCaseLog) rated = NULL;
  g_autoptr(YcCaseLog) followed = NULL;
  g_autoptr(JsonObject) bad = parse ("{\"rating\": \"unsatisfied\", \"category\": \"efficiency\", \"reason\": \"等了两个小时\"}");
  g_autoptr(JsonObject) good = parse ("{\"rating\": \"very-satisfied\"}");
  g_autoptr(YcCalendar) calendar = yc_calendar_new_builtin ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GDate today, due;

  check (undecided, YC_EVENT_EVALUATED, "{\"rating\": \"satisfied\"}", "type", YC_CASE_LOG_ERROR_NOT_NOW);
  g_assert_true (has_step (log, YC_EVENT_EVALUATED));
  check (log, YC_EVENT_EVALUATED, "{\"rating\": \"great\"}", "rating", YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_EVALUATED, "{\"rating\": \"unsatisfied\", \"reason\": \"等了两个小时\"}", "category",
         YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_EVALUATED, "{\"rating\": \"very-unsatisfied\", \"category\": \"rude\", \"reason\": \"x\"}", "category",
         YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_EVALUATED, "{\"rating\": \"unsatisfied\", \"category\": \"efficiency\", \"reason\": \"  \"}", "reason",
         YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_EVALUATED, "{\"rating\": \"basic\", \"category\": \"efficiency\"}", "category",
         YC_CASE_LOG_ERROR_INVALID);
  /* the caller never says when the follow-up is due: the core counts it */
  check (log, YC_EVENT_EVALUATED, "{\"rating\": \"unsatisfied\", \"category\": \"efficiency\", \"reason\": \"慢\","
         " \"on\": \"2025-03-03\", \"follow_up_by\": \"2025-03-10\"}", "follow_up_by", YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_EVALUATED, "{\"rating\": \"unsatisfied\", \"category\": \"efficiency\", \"reason\": \"慢\","
         " \"on\": \"3 March\"}", "on", YC_CASE_LOG_ERROR_INVALID);

  /* a bad rating needs the calendar for its follow-up */
  g_date_set_dmy (&today, 3, G_DATE_MARCH, 2025);
  g_assert_false (yc_case_log_check_step (log, YC_EVENT_EVALUATED, bad, NULL, &today, &error));
  g_assert_error (error, YC_CASE_LOG_ERROR, YC_CASE_LOG_ERROR_NOT_NOW);
  g_clear_error (&error);
  g_assert_true (yc_case_log_check_step (log, YC_EVENT_EVALUATED, bad, calendar, &today, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (yc_json_get_string (bad, "on"), ==, "2025-03-03");
  /* 15 working days after Monday 3 March 2025 */
  g_assert_cmpstr (yc_json_get_string (bad, "follow_up_by"), ==, "2025-03-24");
  /* counted again, as the central service does, it agrees */
  g_assert_true (yc_case_log_check_step (log, YC_EVENT_EVALUATED, bad, calendar, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (yc_case_log_check_step (log, YC_EVENT_EVALUATED, good, calendar, &today, &error));
  g_assert_false (json_object_has_member (good, "follow_up_by"));

  check (log, YC_EVENT_FOLLOWED, "{\"note\": \"已致电\"}", "type", YC_CASE_LOG_ERROR_NOT_NOW);
  g_ptr_array_add (events, yc_event_new ("S-01-20250303-0001", YC_EVENT_EVALUATED, "张敏", "370112001",
                                         json_object_ref (bad)));
  rated = yc_case_log_new (events);
  g_assert_true (yc_case_log_is_evaluated (rated));
  g_assert_true (yc_case_log_get_follow_up (rated, &due));
  g_assert_cmpint (g_date_get_day (&due), ==, 24);
  g_assert_true (has_step (rated, YC_EVENT_FOLLOWED));
  g_assert_false (has_step (rated, YC_EVENT_EVALUATED));
  check (rated, YC_EVENT_EVALUATED, "{\"rating\": \"satisfied\"}", "type", YC_CASE_LOG_ERROR_NOT_NOW);
  check (rated, YC_EVENT_FOLLOWED, "{}", "note", YC_CASE_LOG_ERROR_INVALID);
  check (rated, YC_EVENT_FOLLOWED, "{\"note\": \"已致电申请人，说明了原因\"}", NULL, 0);
  line = yc_case_event_describe (g_ptr_array_index (events, events->len - 1));
  g_assert_nonnull (strstr (line, "2025-03-24"));
  g_assert_nonnull (strstr (line, "等了两个小时"));

  g_ptr_array_add (events, event (YC_EVENT_FOLLOWED, "{\"note\": \"已致电\"}"));
  followed = yc_case_log_new (events);
  g_assert_false (yc_case_log_get_follow_up (followed, NULL));
  check (followed, YC_EVENT_FOLLOWED, "{\"note\": \"再次致电\"}", "type", YC_CASE_LOG_ERROR_NOT_NOW);
  check (followed, "archived", "{}", "type", YC_CASE_LOG_ERROR_INVALID);
}

/* A supplement brings a material only in a form its template allowed when
 * the case was decided; an older intake, which did not say, allows any. */
static void
test_supplement_forms (void)
{
  g_autoptr(GPtrArray) events = log_of (YC_EVENT_INTAKE,
    "{\"decision\": \"notify\", \"round\": 1, \"form\": {\"materials\": {}},"
    " \"materials\": [{\"id\": \"proof\", \"name\": \"证明\", \"status\": \"missing\","
    "                  \"allowed\": [\"original\", \"copy-with-original\"]}]}", NULL);
  g_autoptr(YcCaseLog) log = yc_case_log_new (events);
  g_autoptr(GPtrArray) old = log_of (YC_EVENT_INTAKE, NOTIFY_INTAKE, NULL);
  g_autoptr(YcCaseLog) old_log = yc_case_log_new (old);
  g_auto(GStrv) forms = yc_case_log_get_material_forms (log, "proof");
  g_auto(GStrv) old_forms = yc_case_log_get_material_forms (old_log, "proof");

  g_assert_cmpuint (g_strv_length (forms), ==, 2);
  g_assert_cmpstr (forms[0], ==, "original");
  g_assert_cmpstr (forms[1], ==, "copy-with-original");
  g_assert_null (old_forms);
  g_assert_cmpstr (yc_case_log_get_material_name (log, "proof"), ==, "证明");
  g_assert_cmpstr (yc_case_log_get_material_name (log, "nothing"), ==, "nothing");

  check (log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"proof\", \"form\": \"scan\"}]}", "materials",
         YC_CASE_LOG_ERROR_INVALID);
  check (log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"proof\", \"form\": \"copy-with-original\"}]}",
         NULL, 0);
  check (old_log, YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"proof\", \"form\": \"scan\"}]}", NULL, 0);
}

static void
test_describe (void)
{
  const struct { const char *type; const char *data; const char *says; } lines[] = {
    { YC_EVENT_INTAKE, HELPED_INTAKE, "赵代办" },
    { YC_EVENT_INTAKE, "{\"decision\": \"notify\", \"round\": 2}", "2" },
    { YC_EVENT_REGISTERED, "{\"official_no\": \"X123\"}", "X123" },
    { YC_EVENT_REJECTED, "{\"reason\": \"档案中无此记录\"}", "档案中无此记录" },
    { YC_EVENT_SUPPLEMENT, "{\"materials\": [{\"id\": \"photo\", \"form\": \"original\"}]}", "photo" },
    { YC_EVENT_HANDOVER, "{\"to\": {\"name\": \"钱接力\"}, \"materials\": [\"id\"]}", "钱接力" },
    { YC_EVENT_DELIVERED, "{\"how\": \"post\", \"carrier\": \"EMS\", \"tracking\": \"EA1CN\"}", "EA1CN" },
    { YC_EVENT_DELIVERED, "{\"how\": \"window\", \"collector\": \"李秀英\"}", "李秀英" },
    { YC_EVENT_EVALUATED, "{\"rating\": \"satisfied\"}", "Satisfied" },
    { YC_EVENT_FOLLOWED, "{\"note\": \"已致电\"}", "已致电" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(JsonObject) e = event (lines[i].type, lines[i].data);
      g_autofree char *line = yc_case_event_describe (e);

      g_assert_nonnull (strstr (line, lines[i].says));
    }

  /* the clerk by name; what the service recorded itself, in words */
  {
    g_autoptr(JsonObject) clerk = event (YC_EVENT_INTAKE, ACCEPT_INTAKE);
    g_autoptr(JsonObject) central = yc_event_new ("S-01-20250303-0001", YC_EVENT_REGISTERED, YC_ACTOR_CENTRAL,
                                                  "370112001", parse ("{\"official_no\": \"X123\"}"));

    g_assert_cmpstr (yc_case_event_describe_actor (clerk), ==, "张敏");
    g_assert_cmpstr (yc_case_event_describe_actor (central), !=, YC_ACTOR_CENTRAL);
  }
}

/* The store: a step is checked, logged and queued at once, or nothing is
 * written; a notified case is reopened and decided again on itself. */
static void
test_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yc-case-log-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = yc_case_store_open (path, &error);
  g_autoptr(YcCalendar) calendar = yc_calendar_new_builtin ();
  g_autofree char *case_id = NULL;
  g_autoptr(JsonObject) intake = NULL;
  g_autoptr(JsonObject) reopened = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) registered = NULL;
  g_autoptr(JsonObject) supplement = NULL;
  g_autoptr(JsonObject) early = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) delivered = NULL;
  g_autoptr(YcCase) info = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *draft_text = NULL;
  guint queued;

  g_assert_no_error (error);
  yc_case_store_set_meta (store, "clerk", "张敏", NULL);
  yc_case_store_set_meta (store, "station", "370112001", NULL);
  case_id = yc_case_store_new_draft (store, "000107009000", "补领婚姻登记证", 1, &error);
  g_assert_no_error (error);

  /* nothing follows a decision the draft does not have */
  supplement = parse ("{\"materials\": [{\"id\": \"photo\", \"form\": \"original\"}]}");
  g_assert_false (yc_case_store_add_step (store, case_id, YC_EVENT_SUPPLEMENT, NULL, NULL, supplement, calendar, &error));
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE);
  g_clear_error (&error);
  g_assert_null (yc_case_store_reopen (store, case_id, &error));
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE);
  g_clear_error (&error);

  intake = yc_event_new (case_id, YC_EVENT_INTAKE, "张敏", "370112001",
                         parse ("{\"decision\": \"notify\", \"form\": {\"code\": \"000107009000\", \"version\": 1,"
                                " \"answers\": {\"who\": \"self\"}, \"values\": {\"applicant_name\": \"李秀英\"},"
                                " \"materials\": {\"photo\": \"missing\"}}}"));
  g_assert_true (yc_case_store_submit (store, case_id, intake, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (yc_json_get_object (intake, "data"), "round"), ==, 1);

  /* reopened only once the service registered it as told what is missing */
  g_assert_null (yc_case_store_reopen (store, case_id, &error));
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE);
  g_clear_error (&error);
  registered = yc_event_new (case_id, YC_EVENT_REGISTERED, "central", "370112001",
                             parse ("{\"official_no\": \"1137011200451234564000107009000202503030001\"}"));
  g_assert_true (yc_case_store_apply_remote (store, registered, &error));
  g_assert_no_error (error);
  info = yc_case_store_get_case (store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_NOTIFIED);
  g_clear_object (&info);

  /* the citizen comes back with the photo */
  queued = yc_case_store_outbox_count (store, NULL);
  g_assert_true (yc_case_store_add_step (store, case_id, YC_EVENT_SUPPLEMENT, NULL, NULL, supplement, calendar, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (yc_case_store_outbox_count (store, NULL), ==, queued + 1);

  /* a step that does not fit writes nothing */
  early = parse ("{\"how\": \"post\", \"carrier\": \"EMS\", \"tracking\": \"EA1CN\"}");
  g_assert_false (yc_case_store_add_step (store, case_id, YC_EVENT_DELIVERED, NULL, NULL, early, calendar, &error));
  g_assert_error (error, YC_CASE_LOG_ERROR, YC_CASE_LOG_ERROR_NOT_NOW);
  g_assert_nonnull (strstr (error->message, "not ready"));
  g_clear_error (&error);
  g_assert_cmpuint (yc_case_store_outbox_count (store, NULL), ==, queued + 1);

  reopened = yc_case_store_reopen (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yc_json_get_string (yc_json_get_object (reopened, "values"), "applicant_name"), ==, "李秀英");
  info = yc_case_store_get_case (store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_NOTIFIED);
  g_clear_object (&info);
  /* the reopened form is saved as a draft is, on every change */
  json_object_set_string_member (yc_json_get_object (reopened, "materials"), "photo", "received");
  g_assert_true (yc_case_store_save_draft (store, case_id, reopened, "李秀英", &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) draft = yc_case_store_load_draft (store, case_id, &error);
    g_autoptr(JsonObject) again = NULL;

    draft_text = yc_json_object_to_string (draft);
    g_assert_nonnull (strstr (draft_text, "\"photo\":\"received\""));
    /* reopened again (the program was killed mid-form): nothing typed is lost */
    again = yc_case_store_reopen (store, case_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (yc_json_get_string (yc_json_get_object (again, "materials"), "photo"), ==, "received");
  }

  second = yc_event_new (case_id, YC_EVENT_INTAKE, "张敏", "370112001",
                         parse ("{\"decision\": \"accept\", \"form\": {\"code\": \"000107009000\", \"version\": 1,"
                                " \"materials\": {\"photo\": \"received\"}}}"));
  g_assert_true (yc_case_store_submit (store, case_id, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (yc_json_get_object (second, "data"), "round"), ==, 2);
  info = yc_case_store_get_case (store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_SUBMITTED);
  g_assert_cmpstr (yc_case_get_official_no (info), ==, "1137011200451234564000107009000202503030001");
  g_clear_object (&info);

  /* the service registers it again, the same number: the state follows the
   * last decision */
  g_clear_pointer (&registered, json_object_unref);
  registered = yc_event_new (case_id, YC_EVENT_REGISTERED, "central", "370112001",
                             parse ("{\"official_no\": \"1137011200451234564000107009000202503030001\", \"round\": 2}"));
  g_assert_true (yc_case_store_apply_remote (store, registered, &error));
  info = yc_case_store_get_case (store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_REGISTERED);
  g_clear_object (&info);
  g_assert_null (yc_case_store_reopen (store, case_id, &error));
  g_assert_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE);
  g_clear_error (&error);

  result = yc_event_new (case_id, YC_EVENT_RESULT, "民政局", "370112001", parse ("{\"delivery\": \"post\"}"));
  g_assert_true (yc_case_store_apply_remote (store, result, &error));
  delivered = parse ("{\"how\": \"post\", \"carrier\": \"EMS\", \"tracking\": \"EA1CN\"}");
  g_assert_true (yc_case_store_add_step (store, case_id, YC_EVENT_DELIVERED, NULL, NULL, delivered, calendar, &error));
  g_assert_no_error (error);
  info = yc_case_store_get_case (store, case_id, &error);
  g_assert_cmpint (yc_case_get_state (info), ==, YC_CASE_STATE_DELIVERED);
  g_assert_cmpstr (yc_case_state_get_label (YC_CASE_STATE_DELIVERED), !=, "");

  events = yc_case_store_get_events (store, case_id, &error);
  g_assert_cmpuint (events->len, ==, 7);
  g_assert_cmpstr (yc_json_get_string (g_ptr_array_index (events, 6), "actor"), ==, "张敏");

  g_clear_object (&store);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-log/supplement-rongque", test_supplement_rongque);
  g_test_add_func ("/case-log/supplement-notify", test_supplement_notify);
  g_test_add_func ("/case-log/supplement-forms", test_supplement_forms);
  g_test_add_func ("/case-log/intake-round", test_intake_round);
  g_test_add_func ("/case-log/helper", test_helper);
  g_test_add_func ("/case-log/handover", test_handover);
  g_test_add_func ("/case-log/delivered", test_delivered);
  g_test_add_func ("/case-log/evaluated", test_evaluated);
  g_test_add_func ("/case-log/describe", test_describe);
  g_test_add_func ("/case-log/store", test_store);

  return g_test_run ();
}

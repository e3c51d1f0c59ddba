/* test-calendar.c: the working-day calendar on the real holiday data
 *
 * The days are those of data/calendar, as the State Council published
 * them: a wrong answer here is a wrong date on a citizen's receipt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "yichuang.h"

#define CALENDAR_DIR TEST_SRCDIR "/../data/calendar"

static YcCalendar *calendar;

static GDate
date (const char *text)
{
  GDate d;

  g_assert_true (yc_date_parse (text, &d));
  return d;
}

static void
assert_day (const char *text,
            YcDayKind   kind,
            const char *name)
{
  GDate d = date (text);
  const char *found = NULL;
  gboolean working;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", text);
  g_assert_cmpint (yc_calendar_get_day (calendar, &d, &found), ==, kind);
  g_assert_cmpstr (found, ==, name);
  g_assert_true (yc_calendar_is_working_day (calendar, &d, &working, &error));
  g_assert_no_error (error);
  g_assert_cmpint (working, ==, kind == YC_DAY_WORKING || kind == YC_DAY_MAKEUP);
}

static void
assert_due (const char *accepted,
            guint       days,
            const char *expected)
{
  GDate start = date (accepted);
  GDate due;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (yc_calendar_add_working_days (calendar, &start, days, &due, &error));
  g_assert_no_error (error);
  text = yc_date_format (&due);
  g_assert_cmpstr (text, ==, expected);
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
}

static char *
problems_text (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = yc_catalog_problem_to_string (g_ptr_array_index (problems, i));

      g_test_message ("%s", line);
      g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (text, FALSE);
}

/* The shipped files and the calendar built into the program are the same
 * years and the same days: a year added to data/calendar and not to the
 * resource fails here. */
static void
test_builtin (void)
{
  g_autoptr(YcCalendar) builtin = yc_calendar_new_builtin ();
  g_autoptr(GBytes) a = yc_calendar_to_document (builtin);
  g_autoptr(GBytes) b = yc_calendar_to_document (calendar);

  g_assert_cmpuint (yc_calendar_get_first_year (calendar), ==, 2024);
  g_assert_cmpuint (yc_calendar_get_last_year (calendar), >=, 2026);
  g_assert_true (g_bytes_equal (a, b));
}

static void
test_spring_festival_2026 (void)
{
  /* 2月15日至23日放假调休，共9天；2月14日（周六）、2月28日（周六）上班 */
  assert_day ("2026-02-13", YC_DAY_WORKING, NULL);
  assert_day ("2026-02-14", YC_DAY_MAKEUP, "春节");
  assert_day ("2026-02-15", YC_DAY_HOLIDAY, "春节");
  assert_day ("2026-02-17", YC_DAY_HOLIDAY, "春节");
  assert_day ("2026-02-23", YC_DAY_HOLIDAY, "春节");
  assert_day ("2026-02-24", YC_DAY_WORKING, NULL);
  assert_day ("2026-02-28", YC_DAY_MAKEUP, "春节");
  assert_day ("2026-03-01", YC_DAY_WEEKEND, NULL);

  /* accepted on the Friday before: the make-up Saturday is day 1, the
   * nine days off count for nothing */
  assert_due ("2026-02-13", 1, "2026-02-14");
  assert_due ("2026-02-13", 2, "2026-02-24");
  assert_due ("2026-02-13", 5, "2026-02-27");
  assert_due ("2026-02-13", 6, "2026-02-28");
}

static void
test_national_day_2026 (void)
{
  /* 10月1日至7日放假调休，共7天；9月20日（周日）、10月10日（周六）上班 */
  assert_day ("2026-09-20", YC_DAY_MAKEUP, "国庆节");
  assert_day ("2026-10-01", YC_DAY_HOLIDAY, "国庆节");
  assert_day ("2026-10-04", YC_DAY_HOLIDAY, "国庆节");
  assert_day ("2026-10-07", YC_DAY_HOLIDAY, "国庆节");
  assert_day ("2026-10-08", YC_DAY_WORKING, NULL);
  assert_day ("2026-10-10", YC_DAY_MAKEUP, "国庆节");
  assert_day ("2026-10-11", YC_DAY_WEEKEND, NULL);

  assert_due ("2026-09-18", 1, "2026-09-20");
  assert_due ("2026-09-28", 2, "2026-09-30");
  assert_due ("2026-09-28", 3, "2026-10-08");
  assert_due ("2026-09-28", 5, "2026-10-10");
  assert_due ("2026-09-28", 6, "2026-10-12");
  /* a case taken on a day off counts from the next working day */
  assert_due ("2026-10-03", 1, "2026-10-08");
  assert_due ("2026-10-10", 1, "2026-10-12");
}

static void
test_year_boundary (void)
{
  /* 2026: 1月1日至3日放假，1月4日（周日）上班 */
  assert_day ("2026-01-04", YC_DAY_MAKEUP, "元旦");
  assert_due ("2025-12-25", 4, "2025-12-31");
  assert_due ("2025-12-25", 5, "2026-01-04");
  assert_due ("2025-12-25", 10, "2026-01-09");
  /* 2025: 1月26日（周日）上班 */
  assert_due ("2024-12-30", 19, "2025-01-26");
  assert_due ("2024-12-30", 20, "2025-01-27");
}

static void
test_outside (void)
{
  GDate d = date ("2027-03-01");
  GDate start = date ("2026-12-30");
  GDate before = date ("2023-06-01");
  GDate due;
  gboolean working = TRUE;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (yc_calendar_get_day (calendar, &d, NULL), ==, YC_DAY_OUTSIDE);
  g_assert_cmpint (yc_calendar_get_day (calendar, &before, NULL), ==, YC_DAY_OUTSIDE);
  g_assert_false (yc_calendar_is_working_day (calendar, &d, &working, &error));
  g_assert_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_OUTSIDE);
  g_assert_nonnull (strstr (error->message, "2027-03-01"));
  g_clear_error (&error);

  /* the last days of the year count; the first of the next is unknown */
  assert_due ("2026-12-30", 1, "2026-12-31");
  g_assert_false (yc_calendar_add_working_days (calendar, &start, 5, &due, &error));
  g_assert_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_OUTSIDE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "2027-01-01"));
  g_assert_nonnull (strstr (error->message, "2024–2026"));
}

static void
test_document_round_trip (void)
{
  g_autoptr(GBytes) document = yc_calendar_to_document (calendar);
  g_autoptr(YcCalendar) copy = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;

  copy = yc_calendar_load_document (document, "published", NULL, &error);
  g_assert_no_error (error);
  again = yc_calendar_to_document (copy);
  g_assert_true (g_bytes_equal (document, again));
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Every mistake is named with its file, line, column and path, and all of
 * them at once. */
static void
test_broken_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yichuang-calendar-XXXXXX", NULL);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCalendar) broken = NULL;
  g_autofree char *text = NULL;
  g_autofree char *file = g_build_filename (dir, "2026.json", NULL);
  g_autofree char *expect = NULL;

  write_file (dir, "2026.json",
              "{\n"
              "  \"year\": 2026,\n"
              "  \"holidays\": [\n"
              "    {\"date\": \"2026-10-04\", \"name\": \"国庆节\"},\n"
              "    {\"date\": \"2025-10-02\", \"name\": \"国庆节\"},\n"
              "    {\"date\": \"2026-02-30\", \"name\": \"春节\"}\n"
              "  ],\n"
              "  \"workdays\": [\n"
              "    {\"date\": \"2026-10-09\", \"name\": \"国庆节\"},\n"
              "    {\"date\": \"2026-10-04\", \"name\": \"国庆节\"}\n"
              "  ]\n"
              "}\n");
  write_file (dir, "2025.json", "{\"year\": 2024, \"holidays\": [], \"workdays\": []}");
  write_file (dir, "2027.json", "{\"year\": 2027,\n \"holidays\": [,]}");
  write_file (dir, "next.json", "{}");

  broken = yc_calendar_load_directory (dir, problems, &error);
  g_assert_null (broken);
  g_assert_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID);
  text = problems_text (problems);
  g_assert_cmpuint (problems->len, ==, 7);

  expect = g_strdup_printf ("%s:5:14: $.holidays[1].date: 2025-10-02 is not in 2026", file);
  g_assert_nonnull (strstr (text, expect));
  g_free (expect);
  expect = g_strdup_printf ("%s:6:14: $.holidays[2].date: “date” must be a date written YYYY-MM-DD", file);
  g_assert_nonnull (strstr (text, expect));
  g_free (expect);
  expect = g_strdup_printf ("%s:9:14: $.workdays[0].date: 2026-10-09 is a weekday", file);
  g_assert_nonnull (strstr (text, expect));
  g_free (expect);
  expect = g_strdup_printf ("%s:10:14: $.workdays[1].date: 2026-10-04 is both a holiday and a make-up working day", file);
  g_assert_nonnull (strstr (text, expect));
  g_assert_nonnull (strstr (text, "2025.json:1:10: $.year: the file is named for 2025 but holds the year 2024"));
  g_assert_nonnull (strstr (text, "2027.json:2:"));
  g_assert_nonnull (strstr (text, "next.json:0:0: $: a calendar file is named after its year"));
  /* the first problem is the error */
  g_assert_true (g_str_has_prefix (text, error->message));

  for (const char * const *n = (const char *[]) { "2025.json", "2026.json", "2027.json", "next.json", NULL }; *n; n++)
    {
      g_autofree char *path = g_build_filename (dir, *n, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_broken_document (void)
{
  const char *text =
    "{\"years\": [\n"
    "  {\"year\": 2026, \"holidays\": [], \"workdays\": []},\n"
    "  {\"year\": 2026, \"holidays\": [], \"workdays\": []},\n"
    "  {\"year\": 2027, \"holidays\": [{\"date\": \"2027-01-01\"}], \"workdays\": 3}\n"
    "]}\n";
  g_autoptr(GBytes) document = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) empty = g_bytes_new_static ("{\"years\": []}", strlen ("{\"years\": []}"));
  g_autoptr(GBytes) catalog = g_bytes_new_static ("{\"items\": []}", strlen ("{\"items\": []}"));
  g_autoptr(GBytes) not_json = g_bytes_new_static ("{\"years\": [}", strlen ("{\"years\": [}"));
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_null (yc_calendar_load_document (document, "the published calendar", problems, &error));
  g_assert_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID);
  found = problems_text (problems);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_nonnull (strstr (found, "the published calendar:3:12: $.years[1].year: the year 2026 appears twice"));
  g_assert_nonnull (strstr (found, "the published calendar:4:31: $.years[2].holidays[0]: “name” must be the holiday’s name"));
  g_assert_nonnull (strstr (found, "the published calendar:4:68: $.years[2].workdays: “workdays” must be a list"));
  g_clear_error (&error);

  g_assert_null (yc_calendar_load_document (empty, "x", NULL, &error));
  g_assert_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the calendar has no year"));
  g_clear_error (&error);
  g_assert_null (yc_calendar_load_document (catalog, "x", NULL, &error));
  g_assert_nonnull (strstr (error->message, "“years”"));
  g_clear_error (&error);
  g_assert_null (yc_calendar_load_document (not_json, "x", NULL, &error));
  g_assert_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "x:1:"));
}

static void
test_dates (void)
{
  GDate d;

  g_assert_true (yc_date_parse ("2028-02-29", &d));
  g_assert_false (yc_date_parse ("2026-02-29", &d));
  g_assert_false (yc_date_parse ("2026-2-28", &d));
  g_assert_false (yc_date_parse ("2026-02-28T00:00", &d));
  g_assert_false (yc_date_parse ("２０２６-02-28", &d));
  g_assert_false (yc_date_parse (NULL, &d));

  g_setenv ("YICHUANG_TODAY", "2026-09-28", TRUE);
  yc_today (&d);
  g_assert_cmpuint (g_date_get_julian (&d), ==, g_date_get_julian ((GDate[]) { date ("2026-09-28") }));
  g_setenv ("YICHUANG_TODAY", "not a date", TRUE);
  yc_today (&d);
  g_assert_true (g_date_valid (&d));
  g_assert_cmpuint (g_date_get_year (&d), >=, 2025);
  g_unsetenv ("YICHUANG_TODAY");
}

/* What the applicant is told, said by the core from the intake's own
 * dates: a 容缺受理 of a 承诺件 on the Friday before National Day 2026. */
static void
test_intake_dates_text (void)
{
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = yc_catalog_load_directory (TEST_SRCDIR "/data/catalog", problems, &error);
  g_autoptr(YcForm) form = NULL;
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(YcIntakeDates) dates = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(YcIntakeDates) from_events = NULL;
  g_autofree char *text = NULL;
  g_autofree char *limits = NULL;
  GDate accepted = date ("2026-09-30");
  GPtrArray *materials;

  g_assert_no_error (error);
  form = yc_form_new (catalog, "000107009000", &error);
  g_assert_no_error (error);
  yc_form_set_answer (form, "who", "self");
  yc_form_set_material_status (form, "register-proof", YC_MATERIAL_MISSING);
  yc_intake_add_dates (data, form, YC_DECISION_RONGQUE, calendar, &accepted);

  dates = yc_intake_dates_new_from_data (data);
  g_assert_nonnull (dates);
  g_assert_cmpstr (dates->accepted_on, ==, "2026-09-30");
  g_assert_cmpuint (dates->promised_days, ==, 5);
  g_assert_cmpuint (dates->supply->len, ==, 1);
  text = yc_intake_dates_describe (dates);
  /* five working days after 30 September, across the National Day week
   * and its make-up Saturday 10 October */
  g_assert_cmpstr (text, ==, "Promised completion date: 2026-10-13 (5 working days after 2026-09-30)\n"
                             "Supply “婚姻登记档案证明” by 2026-10-13");

  /* found among a case's events, whatever comes before the intake */
  g_ptr_array_add (events, yc_event_new ("c", YC_EVENT_REGISTERED, NULL, "s", json_object_new ()));
  g_ptr_array_add (events, yc_event_new ("c", YC_EVENT_INTAKE, NULL, "s", json_object_ref (data)));
  from_events = yc_intake_dates_new_from_events (events);
  g_assert_nonnull (from_events);
  g_assert_cmpstr (from_events->promised_by, ==, "2026-10-13");

  /* beyond the calendar's last year a date is not guessed */
  json_object_remove_member (data, "promised_by");
  json_object_remove_member (json_array_get_object_element (json_object_get_array_member (data, "supply_by"), 0), "by");
  g_clear_pointer (&dates, yc_intake_dates_free);
  g_clear_pointer (&text, g_free);
  dates = yc_intake_dates_new_from_data (data);
  text = yc_intake_dates_describe (dates);
  g_assert_cmpstr (text, ==, "Promised within 5 working days; the working-day calendar does not reach that date yet\n"
                             "Supply “婚姻登记档案证明” within 5 working days");

  /* 一次性告知 tells no dates */
  json_object_remove_member (data, "accepted_on");
  g_assert_null (yc_intake_dates_new_from_data (data));

  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    {
      const YcFormMaterial *m = g_ptr_array_index (materials, i);
      g_autofree char *line = yc_material_describe (m);

      if (g_str_equal (m->id, "register-proof"))
        g_assert_cmpstr (line, ==, "May be supplied within 5 working days · original / electronic licence, not asked again / replaced by a signed commitment · 1 copy");
      else if (g_str_equal (m->id, "id-card"))
        g_assert_cmpstr (line, ==, "Required · copy, original checked · 1 copy");
    }
  g_assert_cmpstr (yc_material_received_label ("e-licence"), ==, "electronic licence, not asked again");
  g_assert_cmpstr (yc_material_received_label ("carrier-pigeon"), ==, "carrier-pigeon");

  limits = yc_form_describe_limits (form);
  g_assert_cmpstr (limits, ==, "Promised within 5 working days (legal limit 20)");
  g_clear_object (&form);
  g_clear_pointer (&limits, g_free);
  form = yc_form_new (catalog, "000107003000", &error);
  g_assert_no_error (error);
  limits = yc_form_describe_limits (form);
  g_assert_cmpstr (limits, ==, "Done on the spot");
  g_clear_object (&form);
  g_clear_pointer (&limits, g_free);
  form = yc_form_new (catalog, "YJS-TEST01", &error);
  g_assert_no_error (error);
  limits = yc_form_describe_limits (form);
  g_assert_cmpstr (limits, ==, "Promised within 5 working days, as its longest item");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = new_problems ();
  int status;

  g_test_init (&argc, &argv, NULL);

  calendar = yc_calendar_load_directory (CALENDAR_DIR, problems, &error);
  g_free (problems_text (problems));
  g_assert_no_error (error);

  g_test_add_func ("/calendar/builtin", test_builtin);
  g_test_add_func ("/calendar/spring-festival-2026", test_spring_festival_2026);
  g_test_add_func ("/calendar/national-day-2026", test_national_day_2026);
  g_test_add_func ("/calendar/year-boundary", test_year_boundary);
  g_test_add_func ("/calendar/outside", test_outside);
  g_test_add_func ("/calendar/document/round-trip", test_document_round_trip);
  g_test_add_func ("/calendar/broken/folder", test_broken_folder);
  g_test_add_func ("/calendar/broken/document", test_broken_document);
  g_test_add_func ("/calendar/dates", test_dates);
  g_test_add_func ("/calendar/intake-dates/text", test_intake_dates_text);

  status = g_test_run ();
  g_clear_object (&calendar);
  return status;
}

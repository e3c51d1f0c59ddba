/* yc-calendar.c: the working-day calendar
 *
 * Deadlines count working days, and China moves its holidays every year
 * and makes some weekends working days (调休); the State Council publishes
 * the next year's days each winter. The calendar is therefore data, one
 * document per year (data/calendar/README.md), shipped with the program and
 * republished by the central service, and a day of a year it does not have
 * is an error, never a guess at Monday to Friday.
 *
 * A calendar is either a folder of YYYY.json files, as build-aux/gen-calendar
 * writes them, or the single document the central service publishes
 * ({"years": [...]}). Both go through the same checks, and every problem
 * names the file, the line and column, and the JSON path, as the catalog's
 * do; a calendar with any problem is not returned, so that the caller keeps
 * the one it had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "yc-calendar.h"
#include "yc-catalog.h"
#include "yc-check-private.h"
#include "yc-event.h"
#include "yc-json-locate.h"

#define BUILTIN "/cn/gov/yichuang/core/calendar"

typedef struct
{
  YcDayKind   kind;
  const char *name;   /* the holiday's, in its year's document */
} Day;

struct _YcCalendar
{
  GObject     parent_instance;

  GPtrArray  *years;     /* JsonObject, one per year, by year */
  GHashTable *days;      /* julian day -> Day, for holidays and make-up days */
  GHashTable *covered;   /* year -> year */
  guint       first_year;
  guint       last_year;
};

G_DEFINE_FINAL_TYPE (YcCalendar, yc_calendar, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-calendar-error-quark, yc_calendar_error)

/* Checking */

typedef YcCheck Check;


static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  gint64 ya = json_object_get_int_member (*(JsonObject **) a, "year");
  gint64 yb = json_object_get_int_member (*(JsonObject **) b, "year");

  return ya < yb ? -1 : ya > yb;
}

static const char *
text_member (JsonObject *o,
             const char *member)
{
  const char *text = yc_json_get_string (o, member);

  return text != NULL && text[0] != '\0' ? text : NULL;
}

/* The days of one list of a year: "holidays" or "workdays". */
static void
check_days (Check      *c,
            JsonObject *year_object,
            guint       year,
            const char *member,
            YcDayKind   kind,
            GHashTable *days)
{
  JsonArray *list = yc_json_get_array (year_object, member);
  g_autofree char *path = g_strdup_printf ("$.%s", member);

  if (list == NULL)
    {
      if (json_object_has_member (year_object, member))
        yc_check_problem (c, path, _("“%s” must be a list"), member);
      else
        yc_check_problem (c, "$", _("“%s” is missing"), member);
      return;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *at = g_strdup_printf ("%s[%u]", path, i);
      g_autofree char *date_at = g_strdup_printf ("%s.date", at);
      const char *date_text = entry ? text_member (entry, "date") : NULL;
      const char *name = entry ? text_member (entry, "name") : NULL;
      GDate date;
      Day *day;

      if (entry == NULL)
        {
          yc_check_problem (c, at, _("a day must be an object with “date” and “name”"));
          continue;
        }
      if (name == NULL)
        yc_check_problem (c, at, _("“name” must be the holiday’s name"));
      if (date_text == NULL || !yc_date_parse (date_text, &date))
        {
          yc_check_problem (c, date_text ? date_at : at, _("“date” must be a date written YYYY-MM-DD"));
          continue;
        }
      if (g_date_get_year (&date) != year)
        {
          yc_check_problem (c, date_at, _("%s is not in %u"), date_text, year);
          continue;
        }
      if (kind == YC_DAY_MAKEUP &&
          g_date_get_weekday (&date) != G_DATE_SATURDAY && g_date_get_weekday (&date) != G_DATE_SUNDAY)
        yc_check_problem (c, date_at, _("%s is a weekday: only a Saturday or a Sunday can be made a working day"), date_text);
      if ((day = g_hash_table_lookup (days, GUINT_TO_POINTER (g_date_get_julian (&date)))) != NULL)
        {
          yc_check_problem (c, date_at, day->kind == kind ? _("%s is listed twice")
                                                          : _("%s is both a holiday and a make-up working day"),
                            date_text);
          continue;
        }
      if (name == NULL)
        continue;
      day = g_new0 (Day, 1);
      day->kind = kind;
      day->name = name;
      g_hash_table_insert (days, GUINT_TO_POINTER (g_date_get_julian (&date)), day);
    }
}

/* Adds one year to @self when it has no problem. @expected is the year the
 * file is named after, or 0 in a published document. */
static void
add_year (YcCalendar *self,
          Check      *c,
          JsonNode   *node,
          guint       expected)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *year_node = o ? json_object_get_member (o, "year") : NULL;
  g_autoptr(GHashTable) days = NULL;
  guint before = c->problems->len;
  gint64 year;
  GHashTableIter iter;
  gpointer key, value;

  if (o == NULL)
    {
      yc_check_problem (c, "$", _("a year of the calendar must be a JSON object"));
      return;
    }
  if (year_node == NULL)
    {
      yc_check_problem (c, "$", _("“%s” is missing"), "year");
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (year_node) || json_node_get_value_type (year_node) != G_TYPE_INT64 ||
      (year = json_node_get_int (year_node)) < 1949 || year > 9999)
    {
      yc_check_problem (c, "$.year", _("“year” must be a year, such as 2026"));
      return;
    }
  if (expected != 0 && year != expected)
    {
      yc_check_problem (c, "$.year", _("the file is named for %u but holds the year %u"), expected, (guint) year);
      return;
    }
  if (g_hash_table_contains (self->covered, GUINT_TO_POINTER (year)))
    {
      yc_check_problem (c, "$.year", _("the year %u appears twice"), (guint) year);
      return;
    }
  if (json_object_has_member (o, "source") && text_member (o, "source") == NULL)
    yc_check_problem (c, "$.source", _("“source” must name where the days come from"));

  days = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  check_days (c, o, year, "holidays", YC_DAY_HOLIDAY, days);
  check_days (c, o, year, "workdays", YC_DAY_MAKEUP, days);
  if (c->problems->len > before)
    return;

  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_insert (self->days, key, value);
      g_hash_table_iter_steal (&iter);
    }
  g_hash_table_add (self->covered, GUINT_TO_POINTER (year));
  g_ptr_array_add (self->years, json_object_ref (o));
}

/* Parses one JSON document; on a problem, says where and returns NULL. */
static JsonParser *
parse (const char *file,
       const char *text,
       gsize       length,
       GPtrArray  *problems)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  YcCatalogProblem *p;
  const char *shape;

  if ((shape = yc_json_precheck (text, length)) == NULL &&
      json_parser_load_from_data (parser, text, length, &error))
    return g_steal_pointer (&parser);

  p = g_new0 (YcCatalogProblem, 1);
  p->file = g_strdup (file);
  p->path = g_strdup ("$");
  p->line = p->column = 1;
  if (shape != NULL)
    p->message = g_strdup (shape);
  else
    {
      /* json-glib 1.6 says "<data>:LINE:COLUMN: Parse error: ..." */
      const char *at = error->message;
      const char *message;

      if (g_str_has_prefix (at, "<data>:"))
        at += strlen ("<data>:");
      message = strstr (at, ": ");
      if (sscanf (at, "%u:%u", &p->line, &p->column) == 2 && message != NULL)
        p->message = g_strdup (message + 2);
      else
        p->message = g_strdup (error->message);
    }
  g_ptr_array_add (problems, p);
  return NULL;
}

/* One YYYY.json file of a folder or of the built-in calendar. */
static void
add_file (YcCalendar *self,
          const char *file,
          const char *basename,
          GBytes     *bytes,
          GPtrArray  *problems)
{
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  g_autoptr(JsonParser) parser = NULL;
  Check c = { problems, file, text ? text : "", length, "$" };
  guint64 year = 0;

  if (strlen (basename) == strlen ("2026.json") && g_str_has_suffix (basename, ".json"))
    {
      g_autofree char *digits = g_strndup (basename, 4);

      g_ascii_string_to_unsigned (digits, 10, 1949, 9999, &year, NULL);
    }
  if (year == 0)
    {
      YcCatalogProblem *p = g_new0 (YcCatalogProblem, 1);

      p->file = g_strdup (file);
      p->path = g_strdup ("$");
      p->message = g_strdup (_("a calendar file is named after its year, such as 2026.json"));
      g_ptr_array_add (problems, p);
      return;
    }
  if (!(parser = parse (file, c.text, length, problems)))
    return;
  add_year (self, &c, json_parser_get_root (parser), (guint) year);
}

/* Returns @self when nothing was wrong since @before, or sets @error to the
 * first problem. */
static YcCalendar *
finish (YcCalendar  *self,
        GPtrArray   *problems,
        guint        before,
        GError     **error)
{
  g_autoptr(YcCalendar) owned = self;

  if (problems->len == before && self->years->len == 0)
    {
      YcCatalogProblem *p = g_new0 (YcCatalogProblem, 1);

      p->path = g_strdup ("$");
      p->message = g_strdup (_("the calendar has no year"));
      g_ptr_array_add (problems, p);
    }
  if (problems->len > before)
    {
      g_autofree char *first = yc_catalog_problem_to_string (g_ptr_array_index (problems, before));

      g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_INVALID, "%s", first);
      return NULL;
    }
  g_ptr_array_sort (self->years, compare_years);
  self->first_year = json_object_get_int_member (g_ptr_array_index (self->years, 0), "year");
  self->last_year = json_object_get_int_member (g_ptr_array_index (self->years, self->years->len - 1), "year");
  return g_steal_pointer (&owned);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/**
 * yc_calendar_load_directory:
 * @path: a folder of YYYY.json files
 * @problems: (nullable) (element-type YcCatalogProblem): where every
 *   problem goes
 *
 * Returns: (transfer full) (nullable): the calendar, or %NULL with @error
 *   set to the first problem
 */
YcCalendar *
yc_calendar_load_directory (const char  *path,
                            GPtrArray   *problems,
                            GError     **error)
{
  g_autoptr(YcCalendar) self = NULL;
  g_autoptr(GPtrArray) owned = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;
  guint before;

  g_return_val_if_fail (path != NULL, NULL);

  if (problems == NULL)
    problems = owned = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  before = problems->len;

  if (!(dir = g_dir_open (path, 0, &local_error)))
    {
      g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_IO,
                   _("Cannot read the calendar folder %s: %s"), path, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  self = g_object_new (YC_TYPE_CALENDAR, NULL);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;

      if (!g_file_get_contents (file, &contents, &length, &local_error))
        {
          g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_IO, "%s", local_error->message);
          return NULL;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      add_file (self, file, g_ptr_array_index (names, i), bytes, problems);
    }
  return finish (g_steal_pointer (&self), problems, before, error);
}

/**
 * yc_calendar_load_document:
 * @document: the calendar as the central service publishes it
 * @origin: (nullable): where it came from, for problems
 * @problems: (nullable) (element-type YcCatalogProblem): where every
 *   problem goes
 *
 * Returns: (transfer full) (nullable): the calendar
 */
YcCalendar *
yc_calendar_load_document (GBytes      *document,
                           const char  *origin,
                           GPtrArray   *problems,
                           GError     **error)
{
  g_autoptr(YcCalendar) self = NULL;
  g_autoptr(GPtrArray) owned = NULL;
  g_autoptr(JsonParser) parser = NULL;
  gsize length;
  const char *text;
  JsonNode *root;
  JsonArray *years;
  guint before;

  g_return_val_if_fail (document != NULL, NULL);

  if (problems == NULL)
    problems = owned = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  before = problems->len;
  text = g_bytes_get_data (document, &length);
  self = g_object_new (YC_TYPE_CALENDAR, NULL);

  if ((parser = parse (origin, text ? text : "", length, problems)) != NULL)
    {
      Check c = { problems, origin, text ? text : "", length, "$" };

      root = json_parser_get_root (parser);
      years = JSON_NODE_HOLDS_OBJECT (root) ? yc_json_get_array (json_node_get_object (root), "years") : NULL;
      if (years == NULL)
        yc_check_problem (&c, "$", _("a published calendar is an object with the list “years”"));
      for (guint i = 0; years != NULL && i < json_array_get_length (years); i++)
        {
          g_autofree char *base = g_strdup_printf ("$.years[%u]", i);

          c.base = base;
          add_year (self, &c, json_array_get_element (years, i), 0);
        }
    }
  return finish (g_steal_pointer (&self), problems, before, error);
}

/**
 * yc_calendar_new_builtin:
 *
 * The calendar the program was built with (data/calendar), for a station
 * that has not downloaded one yet.
 *
 * Returns: (transfer full): the calendar
 */
YcCalendar *
yc_calendar_new_builtin (void)
{
  g_autoptr(YcCalendar) self = g_object_new (YC_TYPE_CALENDAR, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_auto(GStrv) names = g_resources_enumerate_children (BUILTIN, 0, NULL);
  g_autoptr(GError) error = NULL;
  YcCalendar *calendar;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (BUILTIN "/", names[i], NULL);
      g_autofree char *uri = g_strconcat ("resource://", path, NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);

      add_file (self, uri, names[i], bytes, problems);
    }
  /* data/calendar is checked by the tests: this cannot fail in a build
   * that passed them */
  if (!(calendar = finish (g_steal_pointer (&self), problems, 0, &error)))
    g_error ("The built-in calendar does not load: %s", error->message);
  return calendar;
}

/**
 * yc_calendar_to_document:
 *
 * Returns: (transfer full): the calendar as one JSON document, the shape
 *   the central service publishes
 */
GBytes *
yc_calendar_to_document (YcCalendar *self)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *years = json_array_new ();
  char *text;

  g_return_val_if_fail (YC_IS_CALENDAR (self), NULL);

  for (guint i = 0; i < self->years->len; i++)
    json_array_add_object_element (years, json_object_ref (g_ptr_array_index (self->years, i)));
  json_object_set_array_member (root, "years", years);
  text = yc_json_object_to_string (root);
  return g_bytes_new_take (text, strlen (text));
}

guint
yc_calendar_get_first_year (YcCalendar *self)
{
  g_return_val_if_fail (YC_IS_CALENDAR (self), 0);
  return self->first_year;
}

guint
yc_calendar_get_last_year (YcCalendar *self)
{
  g_return_val_if_fail (YC_IS_CALENDAR (self), 0);
  return self->last_year;
}

/**
 * yc_calendar_get_day:
 * @name: (out) (optional) (transfer none): the holiday a holiday or a
 *   make-up working day belongs to
 *
 * Returns: what kind of day @date is, or %YC_DAY_OUTSIDE when its year is
 *   not in the calendar
 */
YcDayKind
yc_calendar_get_day (YcCalendar  *self,
                     const GDate *date,
                     const char **name)
{
  Day *day;
  GDateWeekday weekday;

  g_return_val_if_fail (YC_IS_CALENDAR (self), YC_DAY_OUTSIDE);
  g_return_val_if_fail (date != NULL, YC_DAY_OUTSIDE);

  if (name)
    *name = NULL;
  if (!g_date_valid (date) ||
      !g_hash_table_contains (self->covered, GUINT_TO_POINTER (g_date_get_year (date))))
    return YC_DAY_OUTSIDE;
  if ((day = g_hash_table_lookup (self->days, GUINT_TO_POINTER (g_date_get_julian (date)))) != NULL)
    {
      if (name)
        *name = day->name;
      return day->kind;
    }
  weekday = g_date_get_weekday (date);
  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY ? YC_DAY_WEEKEND : YC_DAY_WORKING;
}

static gboolean
outside (YcCalendar  *self,
         const GDate *date,
         GError     **error)
{
  g_autofree char *text = yc_date_format (date);

  g_set_error (error, YC_CALENDAR_ERROR, YC_CALENDAR_ERROR_OUTSIDE,
               _("%s is outside the working-day calendar, which has the years %u–%u: "
                 "the central service publishes each year’s holidays when the State Council announces them"),
               text, self->first_year, self->last_year);
  return FALSE;
}

/**
 * yc_calendar_is_working_day:
 * @working: (out): whether @date is a working day
 *
 * Returns: %FALSE, with %YC_CALENDAR_ERROR_OUTSIDE, when the calendar does
 *   not have @date's year
 */
gboolean
yc_calendar_is_working_day (YcCalendar   *self,
                            const GDate  *date,
                            gboolean     *working,
                            GError      **error)
{
  YcDayKind kind;

  g_return_val_if_fail (YC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (working != NULL, FALSE);

  if ((kind = yc_calendar_get_day (self, date, NULL)) == YC_DAY_OUTSIDE)
    return outside (self, date, error);
  *working = kind == YC_DAY_WORKING || kind == YC_DAY_MAKEUP;
  return TRUE;
}

/**
 * yc_calendar_add_working_days:
 * @accepted: the day the case was accepted
 * @days: the limit, in working days
 * @due: (out caller-allocates): the last day of the limit
 *
 * Counts a limit as 办事指南 state it ("N个工作日", domain.md, "Time" and
 * "Working days"): the day of acceptance is not counted, whatever day it
 * is; the first day counted is the first working day after it, and the
 * limit ends with the @days-th working day, which is the date the
 * applicant is told. Weekends are days off unless made working days
 * (调休上班); the days off of a holiday period are never counted.
 *
 * Returns: %FALSE, with %YC_CALENDAR_ERROR_OUTSIDE, when the count runs
 *   into a year the calendar does not have
 */
gboolean
yc_calendar_add_working_days (YcCalendar   *self,
                              const GDate  *accepted,
                              guint         days,
                              GDate        *due,
                              GError      **error)
{
  GDate day;

  g_return_val_if_fail (YC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (accepted != NULL && g_date_valid (accepted), FALSE);
  g_return_val_if_fail (due != NULL, FALSE);

  day = *accepted;
  while (days > 0)
    {
      YcDayKind kind;

      g_date_add_days (&day, 1);
      if ((kind = yc_calendar_get_day (self, &day, NULL)) == YC_DAY_OUTSIDE)
        return outside (self, &day, error);
      if (kind == YC_DAY_WORKING || kind == YC_DAY_MAKEUP)
        days--;
    }
  *due = day;
  return TRUE;
}

/**
 * yc_date_parse:
 * @text: a date written YYYY-MM-DD
 *
 * Returns: %TRUE when @text is exactly that and a real date
 */
gboolean
yc_date_parse (const char *text,
               GDate      *date)
{
  guint year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

char *
yc_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * yc_today:
 * @date: (out caller-allocates): today, at the station
 *
 * The day a case is accepted on. `YICHUANG_TODAY=YYYY-MM-DD` in the
 * environment sets it, so that tests count from a known day whatever day
 * they run on.
 */
void
yc_today (GDate *date)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (date != NULL);

  if (yc_date_parse (g_getenv ("YICHUANG_TODAY"), date))
    return;
  now = g_date_time_new_now_local ();
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
yc_calendar_finalize (GObject *object)
{
  YcCalendar *self = (YcCalendar *)object;

  g_clear_pointer (&self->days, g_hash_table_unref);
  g_clear_pointer (&self->covered, g_hash_table_unref);
  g_clear_pointer (&self->years, g_ptr_array_unref);

  G_OBJECT_CLASS (yc_calendar_parent_class)->finalize (object);
}

static void
yc_calendar_class_init (YcCalendarClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_calendar_finalize;
}

static void
yc_calendar_init (YcCalendar *self)
{
  self->years = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->days = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->covered = g_hash_table_new (NULL, NULL);
}

/* yichuang-catalog-calendar.c: the working-day calendar, as a maintainer
 * checks a calendar file
 *
 * `calendar add DATE N` counts a limit the way every promised date is
 * counted (yc_calendar_add_working_days, the day of acceptance not
 * counted), so that a maintainer who edits a year's holidays sees at once
 * which day a citizen told "N个工作日" on DATE would be given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "yichuang-catalog-private.h"

/* The most working days a limit has in practice is a few hundred; a
 * typo with more digits is caught rather than counted for minutes. */
#define MAX_DAYS 3650

/* The calendar folder: --calendar DIR, else the folder beside the
 * catalog's (data/catalog and data/calendar of a checkout, of the
 * installed data), else the installed one. */
static char *
calendar_dir (const char *option,
              const char *catalog_option)
{
  const char *catalog = catalog_option ? catalog_option : g_getenv ("YICHUANG_CATALOG");

  if (option != NULL)
    return g_strdup (option);
  if (catalog != NULL && catalog[0] != '\0')
    {
      g_autofree char *parent = g_path_get_dirname (catalog);
      g_autofree char *beside = g_build_filename (parent, "calendar", NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (PKGDATADIR, "calendar", NULL);
}

static YcCalendar *
open_calendar (const char *dir)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(GError) error = NULL;
  YcCalendar *calendar = yc_calendar_load_directory (dir, problems, &error);

  if (calendar != NULL && problems->len == 0)
    return calendar;
  g_clear_object (&calendar);
  if (problems->len > 0)
    {
      tool_print_problems (problems, stderr);
      tool_fail (_("The working-day calendar in %s has problems"), dir);
    }
  else
    tool_fail (_("Cannot load the working-day calendar in %s: %s"), dir, error->message);
  return NULL;
}

static int
calendar_add (const char *dir,
              const char *date_text,
              const char *days_text)
{
  g_autoptr(YcCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due_text = NULL;
  GDate date, due;
  guint64 days;

  if (!yc_date_parse (date_text, &date))
    {
      tool_fail (_("“%s” is not a date: write it YYYY-MM-DD, such as 2026-09-30"), date_text);
      return EXIT_USAGE;
    }
  if (!g_ascii_string_to_unsigned (days_text, 10, 0, MAX_DAYS, &days, NULL))
    {
      tool_fail (_("“%s” is not a number of working days: write a whole number from 0 to %u"),
                 days_text, MAX_DAYS);
      return EXIT_USAGE;
    }
  if (!(calendar = open_calendar (dir)))
    return EXIT_PROBLEMS;
  /* the day of acceptance is not counted, but its year must be known: a
   * limit of 0 days ends on it */
  if (yc_calendar_get_day (calendar, &date, NULL) == YC_DAY_OUTSIDE)
    {
      tool_fail (_("%s is outside the working-day calendar in %s, which has the years %u–%u"),
                 date_text, dir, yc_calendar_get_first_year (calendar), yc_calendar_get_last_year (calendar));
      return EXIT_PROBLEMS;
    }
  if (!yc_calendar_add_working_days (calendar, &date, (guint) days, &due, &error))
    {
      /* TRANSLATORS: the limit counted, and why it cannot be */
      tool_fail (_("Cannot count %u working days after %s: %s"), (guint) days, date_text, error->message);
      return EXIT_PROBLEMS;
    }
  due_text = yc_date_format (&due);
  printf ("%s\n", due_text);
  return 0;
}

int
cmd_calendar (int    argc,
              char **argv)
{
  g_auto(Options) o = { 0 };
  g_autofree char *calendar = NULL;
  g_autofree char *dir = NULL;
  const GOptionEntry entries[] = {
    { "calendar", 0, 0, G_OPTION_ARG_FILENAME, &calendar,
      N_("The working-day calendar folder (default: the one beside the catalog, then the installed one)"), N_("DIR") },
    TOOL_CATALOG_OPTION (o),
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };

  if (!tool_parse_options (&argc, &argv, N_("add DATE N"),
                           N_("Print the working day N working days after DATE, the day of acceptance not counted"),
                           entries))
    return EXIT_USAGE;
  if (o.rest == NULL || g_strv_length (o.rest) != 3 || !g_str_equal (o.rest[0], "add"))
    {
      tool_fail (_("Say “add DATE N”, such as “add 2026-09-30 5”"));
      return EXIT_USAGE;
    }
  dir = calendar_dir (calendar, o.catalog);
  return calendar_add (dir, o.rest[1], o.rest[2]);
}

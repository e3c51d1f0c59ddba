/* test-language.c: the language a station asks the service to answer in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libintl.h>

#include "yichuang.h"

static void
test_accept (void)
{
  g_autofree char *chinese = NULL;
  g_autofree char *plain = NULL;

  g_setenv ("LANGUAGE", "zh_CN:en", TRUE);
  chinese = yc_language_accept ();
  g_assert_cmpstr (chinese, ==, "zh-CN, zh;q=0.9, en;q=0.8");

  /* a station without a language speaks the program's own */
  g_setenv ("LANGUAGE", "", TRUE);
  g_setenv ("LC_ALL", "C", TRUE);
  plain = yc_language_accept ();
  g_assert_cmpstr (plain, ==, "en");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LANGUAGE");
}

/* @accept_language's answer to a message of the core's, or %NULL when the
 * service keeps its own locale */
static char *
answer (const char *accept_language)
{
  locale_t locale = yc_language_new_locale (accept_language);
  locale_t own;
  char *text;

  if (locale == (locale_t) 0)
    return NULL;
  own = uselocale (locale);
  text = g_strdup (dgettext (GETTEXT_PACKAGE, "Choose a decision"));
  uselocale (own);
  freelocale (locale);
  return text;
}

static void
test_new_locale (void)
{
  const struct { const char *header; const char *text; } cases[] = {
    { "zh-CN, zh;q=0.9", "请选择受理决定" },
    { "zh", "请选择受理决定" },
    { "en-US,zh-CN;q=0.5", "Choose a decision" },
    /* the most wanted first, whatever the order */
    { "en;q=0.3, zh-CN;q=0.8", "请选择受理决定" },
    /* not at all, and a language this system has no locale for */
    { "zh-CN;q=0, en", "Choose a decision" },
    { "xx-YY, zh-CN;q=0.1", "请选择受理决定" },
    { "xx-YY", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = answer (cases[i].header);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* as the service binds them, and without the LANGUAGE that would
   * override the locale of each answer */
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("YICHUANG_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/language/accept", test_accept);
  g_test_add_func ("/language/new-locale", test_new_locale);

  return g_test_run ();
}

/* yc-language.c: the language a station asks the central service to answer in
 *
 * What the service says to a clerk (why it refused a case) is read at the
 * station, in the clerk's language, not the service's own: the station
 * sends its languages as HTTP's Accept-Language, and the service answers
 * each request under a locale of its own for messages
 * (docs/sync-protocol.md, "Languages").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "yc-language.h"

/* "zh_CN" → "zh-CN"; %NULL for a name with a codeset or modifier (its
 * plain form follows it in the list) and for C */
static char *
tag_from_locale_name (const char *name)
{
  if (strpbrk (name, ".@") != NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX"))
    return NULL;
  return g_strdelimit (g_strdup (name), "_", '-');
}

/**
 * yc_language_accept:
 *
 * Returns: (transfer full): the Accept-Language of this process's
 *   languages (g_get_language_names()), the first preferred, such as
 *   `zh-CN, zh;q=0.9`
 */
char *
yc_language_accept (void)
{
  const char * const *names = g_get_language_names ();
  g_autoptr(GString) header = g_string_new (NULL);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i] != NULL; i++)
    {
      char *tag = tag_from_locale_name (names[i]);

      if (tag != NULL && !g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
        g_ptr_array_add (tags, tag);
      else
        g_free (tag);
    }
  if (tags->len == 0)
    g_ptr_array_add (tags, g_strdup ("en"));
  /* q falls by a tenth, never below 0.1 */
  for (guint i = 0; i < tags->len; i++)
    if (i == 0)
      g_string_append (header, g_ptr_array_index (tags, i));
    else
      g_string_append_printf (header, ", %s;q=0.%u", (char *) g_ptr_array_index (tags, i), MAX (1, 10 - (int) i));
  return g_string_free (g_steal_pointer (&header), FALSE);
}

/* The POSIX locale whose messages speak @tag: English is the source's own
 * text; a language without its region is read as where it is most spoken
 * here, Chinese as zh_CN. */
static char *
locale_name (const char *tag)
{
  g_autofree char *lower = g_ascii_strdown (tag, -1);
  g_auto(GStrv) subtags = g_strsplit (lower, "-", -1);
  const char *region = NULL;

  if (g_str_equal (subtags[0], "en"))
    return g_strdup ("C.UTF-8");
  for (guint i = 1; subtags[i] != NULL && region == NULL; i++)
    if (strlen (subtags[i]) == 2)
      region = subtags[i];
  if (region == NULL && g_str_equal (subtags[0], "zh"))
    region = "cn";
  if (region == NULL)
    return NULL;
  return g_strdup_printf ("%s_%c%c.UTF-8", subtags[0], g_ascii_toupper (region[0]), g_ascii_toupper (region[1]));
}

/**
 * yc_language_new_locale:
 * @accept_language: (nullable): a request's Accept-Language
 *
 * The locale to answer a request in: the process's own, with the messages
 * of the first language asked for that this system has a locale for.
 *
 * Returns: (transfer full): a locale to uselocale() and freelocale(), or
 *   `(locale_t) 0` when none of the languages asked for is known here
 */
locale_t
yc_language_new_locale (const char *accept_language)
{
  GSList *ranges;
  locale_t answer = (locale_t) 0;

  if (accept_language == NULL)
    return (locale_t) 0;
  /* most wanted first; those with q=0 left out */
  ranges = soup_header_parse_quality_list (accept_language, NULL);
  for (GSList *l = ranges; l != NULL && answer == (locale_t) 0; l = l->next)
    {
      g_autofree char *name = locale_name (l->data);
      locale_t base;

      if (name == NULL)
        continue;
      base = duplocale (LC_GLOBAL_LOCALE);
      if ((answer = newlocale (LC_MESSAGES_MASK, name, base)) == (locale_t) 0)
        freelocale (base);
    }
  soup_header_free_list (ranges);
  return answer;
}

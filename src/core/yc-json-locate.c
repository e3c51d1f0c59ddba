/* yc-json-locate.c: find where a JSON path stands in a document's text
 *
 * json-glib keeps no positions for the nodes it parses, and a catalog
 * maintainer needs "file:line:column" for a problem found after parsing.
 * Problems are rare, so rather than annotating every node we scan the text
 * again for the one path that was reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yc-json-locate.h"

typedef struct
{
  const char *p;
  const char *end;
  const char *start;
} Scanner;

static void
skip_ws (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

/* Reads a string token; returns its unescaped contents only as far as we
 * need them: keys in catalogs are plain ASCII, so escapes are kept verbatim.
 */
static char *
scan_string (Scanner *s)
{
  const char *begin;

  if (s->p >= s->end || *s->p != '"')
    return NULL;
  begin = ++s->p;
  while (s->p < s->end && *s->p != '"')
    {
      if (*s->p == '\\' && s->p + 1 < s->end)
        s->p++;
      s->p++;
    }
  if (s->p >= s->end)
    return NULL;
  return g_strndup (begin, s->p++ - begin);
}

static gboolean skip_value (Scanner *s, guint depth);

static gboolean
skip_container (Scanner *s, char close, guint depth)
{
  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      if (close == '}')
        {
          g_autofree char *key = scan_string (s);

          if (key == NULL)
            return FALSE;
          skip_ws (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
        }
      if (!skip_value (s, depth + 1))
        return FALSE;
      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_ws (s);
          continue;
        }
      if (s->p < s->end && *s->p == close)
        {
          s->p++;
          return TRUE;
        }
      return FALSE;
    }
}

static gboolean
skip_value (Scanner *s, guint depth)
{
  if (depth > 512)
    return FALSE;
  skip_ws (s);
  if (s->p >= s->end)
    return FALSE;
  switch (*s->p)
    {
    case '{':
      return skip_container (s, '}', depth);
    case '[':
      return skip_container (s, ']', depth);
    case '"':
      {
        g_autofree char *str = scan_string (s);
        return str != NULL;
      }
    default:
      while (s->p < s->end && strchr (",]} \t\r\n", *s->p) == NULL)
        s->p++;
      return TRUE;
    }
}

/* Moves to the value of member @key (or element @index when @key is NULL)
 * of the container at the scanner's position.
 */
static gboolean
enter (Scanner *s, const char *key, guint index)
{
  char close;
  guint i = 0;

  skip_ws (s);
  if (s->p >= s->end)
    return FALSE;
  if (key != NULL && *s->p != '{')
    return FALSE;
  if (key == NULL && *s->p != '[')
    return FALSE;
  close = key != NULL ? '}' : ']';
  s->p++;
  skip_ws (s);
  while (s->p < s->end && *s->p != close)
    {
      if (key != NULL)
        {
          g_autofree char *name = scan_string (s);

          if (name == NULL)
            return FALSE;
          skip_ws (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
          skip_ws (s);
          if (g_strcmp0 (name, key) == 0)
            return TRUE;
        }
      else if (i == index)
        {
          skip_ws (s);
          return TRUE;
        }
      if (!skip_value (s, 0))
        return FALSE;
      i++;
      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_ws (s);
        }
    }
  return FALSE;
}

/**
 * yc_json_locate:
 * @text: the document
 * @length: its length, or -1 when nul-terminated
 * @path: a path such as `$.fields[3].type`
 * @line: (out): 1-based line
 * @column: (out): 1-based column, in characters
 *
 * Finds the value at @path. When a step of the path is missing, the position
 * of the deepest container that exists is returned, which is where the
 * missing member belongs.
 *
 * Returns: %TRUE when the whole path was found
 */
gboolean
yc_json_locate (const char *text,
                gssize      length,
                const char *path,
                guint      *line,
                guint      *column)
{
  Scanner s;
  const char *at;
  const char *q;
  const char *found_at;
  gboolean found = TRUE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  s.start = s.p = text;
  s.end = text + (length < 0 ? (gssize) strlen (text) : length);
  skip_ws (&s);
  found_at = s.p;

  q = path[0] == '$' ? path + 1 : path;
  while (*q != '\0')
    {
      gboolean ok;

      if (*q == '.')
        {
          const char *e = q + 1;
          g_autofree char *key = NULL;

          while (*e != '\0' && *e != '.' && *e != '[')
            e++;
          key = g_strndup (q + 1, e - q - 1);
          ok = enter (&s, key, 0);
          q = e;
        }
      else if (*q == '[')
        {
          guint64 index = g_ascii_strtoull (q + 1, (char **) &q, 10);

          if (*q == ']')
            q++;
          ok = enter (&s, NULL, (guint) index);
        }
      else
        break;

      if (!ok)
        {
          found = FALSE;
          break;
        }
      found_at = s.p;
    }

  *line = 1;
  *column = 1;
  for (at = s.start; at < found_at; at = g_utf8_next_char (at))
    {
      if (*at == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }

  return found;
}

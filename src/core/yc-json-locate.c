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

/* Moves past a string token without keeping it */
static gboolean
skip_string (Scanner *s)
{
  if (s->p >= s->end || *s->p != '"')
    return FALSE;
  s->p++;
  /* most of a catalog is long Chinese text: find its end with memchr,
   * then look for an escape only inside it, as yc_json_precheck () does */
  for (;;)
    {
      const char *quote = memchr (s->p, '"', s->end - s->p);
      const char *escape;

      if (quote == NULL)
        {
          s->p = s->end;
          return FALSE;
        }
      escape = memchr (s->p, '\\', quote - s->p);
      if (escape == NULL)
        {
          s->p = quote + 1;
          return TRUE;
        }
      s->p = escape + 2;
      if (s->p > s->end)
        {
          s->p = s->end;
          return FALSE;
        }
    }
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
      return skip_string (s);
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
  const char *last = NULL;

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
            break;
          skip_ws (s);
          if (s->p >= s->end || *s->p != ':')
            break;
          s->p++;
          skip_ws (s);
          /* json-glib keeps the last of a member named twice: so does this */
          if (g_strcmp0 (name, key) == 0)
            last = s->p;
        }
      else if (i == index)
        {
          skip_ws (s);
          return TRUE;
        }
      if (!skip_value (s, 0))
        break;
      i++;
      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_ws (s);
        }
    }
  if (last != NULL)
    s->p = last;
  return last != NULL;
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

  yc_json_position (text, found_at - text, line, column);
  return found;
}

/**
 * yc_json_position:
 * @text: the document
 * @offset: a byte offset into it
 * @line: (out): 1-based line
 * @column: (out): 1-based column, in characters
 *
 * Where @offset stands, as an editor counts it. The text before @offset
 * must be valid UTF-8.
 */
void
yc_json_position (const char *text,
                  gsize       offset,
                  guint      *line,
                  guint      *column)
{
  const char *end = text + offset;

  *line = 1;
  *column = 1;
  for (const char *at = text; at < end; at = g_utf8_next_char (at))
    {
      if (*at == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }
}

/* Members named twice */

/* Where the scan stands: the path is only written out for a duplicate,
 * from these frames, so that a clean document costs no string. */
typedef struct _Frame Frame;
struct _Frame
{
  const Frame *parent;
  const char  *key;     /* as written, escapes and all; NULL in a list */
  gsize        key_len;
  guint        index;
};

typedef struct
{
  Scanner              s;
  YcJsonDuplicateFunc  func;
  gpointer             user_data;
  guint                found;
} Dup;

static char *
frame_path (const Frame *frame)
{
  g_autoptr(GPtrArray) frames = g_ptr_array_new ();
  GString *path = g_string_new ("$");

  for (; frame != NULL && frame->parent != NULL; frame = frame->parent)
    g_ptr_array_add (frames, (gpointer) frame);
  for (guint i = frames->len; i > 0; i--)
    {
      const Frame *f = g_ptr_array_index (frames, i - 1);

      if (f->key != NULL)
        {
          g_string_append_c (path, '.');
          g_string_append_len (path, f->key, f->key_len);
        }
      else
        g_string_append_printf (path, "[%u]", f->index);
    }
  return g_string_free (path, FALSE);
}

static gboolean dup_value (Dup *d, const Frame *frame, guint depth);

/* a key of an object: where its text starts, and how long it is */
typedef struct
{
  const char *text;
  gsize       len;
} Key;

static gboolean
dup_object (Dup         *d,
            const Frame *frame,
            guint        depth)
{
  Scanner *s = &d->s;
  /* most objects of a catalog have a handful of members: compare them
   * one by one, and hash only the big ones */
  Key few[24];
  guint n = 0;
  g_autoptr(GHashTable) many = NULL;

  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      const char *begin;
      Frame member;
      gboolean twice = FALSE;

      if (s->p >= s->end || *s->p != '"')
        return FALSE;
      begin = s->p + 1;
      if (!skip_string (s))
        return FALSE;
      member = (Frame) { frame, begin, s->p - 1 - begin, 0 };
      skip_ws (s);
      if (s->p >= s->end || *s->p != ':')
        return FALSE;
      s->p++;
      skip_ws (s);

      if (many != NULL)
        {
          g_autofree char *name = g_strndup (member.key, member.key_len);

          twice = !g_hash_table_add (many, g_steal_pointer (&name));
        }
      else
        {
          for (guint i = 0; i < n && !twice; i++)
            twice = few[i].len == member.key_len && memcmp (few[i].text, member.key, member.key_len) == 0;
          if (!twice && n < G_N_ELEMENTS (few))
            few[n++] = (Key) { member.key, member.key_len };
          else if (!twice)
            {
              many = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              for (guint i = 0; i < n; i++)
                g_hash_table_add (many, g_strndup (few[i].text, few[i].len));
              g_hash_table_add (many, g_strndup (member.key, member.key_len));
            }
        }
      if (twice)
        {
          g_autofree char *path = frame_path (&member);
          g_autofree char *name = g_strndup (member.key, member.key_len);
          guint line, column;

          yc_json_position (s->start, s->p - s->start, &line, &column);
          d->found++;
          if (d->func != NULL)
            d->func (path, name, line, column, d->user_data);
        }

      if (!dup_value (d, &member, depth + 1))
        return FALSE;
      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_ws (s);
          continue;
        }
      if (s->p < s->end && *s->p == '}')
        {
          s->p++;
          return TRUE;
        }
      return FALSE;
    }
}

static gboolean
dup_array (Dup         *d,
           const Frame *frame,
           guint        depth)
{
  Scanner *s = &d->s;

  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return TRUE;
    }
  for (guint i = 0;; i++)
    {
      Frame element = { frame, NULL, 0, i };

      if (!dup_value (d, &element, depth + 1))
        return FALSE;
      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_ws (s);
          continue;
        }
      if (s->p < s->end && *s->p == ']')
        {
          s->p++;
          return TRUE;
        }
      return FALSE;
    }
}

static gboolean
dup_value (Dup         *d,
           const Frame *frame,
           guint        depth)
{
  Scanner *s = &d->s;

  if (depth > 512)
    return FALSE;
  skip_ws (s);
  if (s->p >= s->end)
    return FALSE;
  if (*s->p == '{')
    return dup_object (d, frame, depth);
  if (*s->p == '[')
    return dup_array (d, frame, depth);
  return skip_value (s, depth);
}

/**
 * yc_json_find_duplicates:
 * @text: a document json-glib parsed
 * @length: its length, or -1 when nul-terminated
 * @func: (nullable): called for each member named a second time in its
 *   object, with the path of that member, its name, and the line and
 *   column of its value
 *
 * json-glib keeps the last of the members an object names twice and says
 * nothing, and neither does JSON.parse: a maintainer who copied a block and
 * edited the first copy would never learn why the edit had no effect.
 *
 * Returns: how many members were named again
 */
guint
yc_json_find_duplicates (const char          *text,
                         gssize               length,
                         YcJsonDuplicateFunc  func,
                         gpointer             user_data)
{
  Dup d = { { 0 }, func, user_data, 0 };
  Frame root = { NULL, NULL, 0, 0 };

  g_return_val_if_fail (text != NULL, 0);

  d.s.start = d.s.p = text;
  d.s.end = text + (length < 0 ? (gssize) strlen (text) : length);
  dup_value (&d, &root, 0);
  return d.found;
}

/* yc-pinyin.c: finding Chinese text by its pinyin, in full or by initials
 *
 * Clerks type on a plain keyboard and switching the input method for every
 * search costs time at a queue of a hundred cases a day, so an item is also
 * found by the pinyin of its name: "gtgs" or "getigongshang" finds
 * 个体工商户设立登记. The readings come from data/pinyin/readings.tsv (see
 * its README), embedded in the library; a character has all the readings
 * of a polyphone, because the table knows characters, not words, and the
 * clerk types the one that the word uses (银行 yinhang, not yinxing).
 *
 * Matching runs on every keystroke over the whole catalog, so the text is
 * turned once into a YcPinyinKey (the readings of each syllable, pointing
 * into the table) and a query is then a small walk over the key without any
 * allocation for ordinary lengths.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yc-pinyin.h"
#include "yc-resource-tsv-private.h"

#define READINGS_RESOURCE "/cn/gov/yichuang/core/pinyin/readings.tsv"

typedef struct
{
  GHashTable *readings;   /* gunichar -> const char *, "zhong chong", into text */
  char       *text;       /* the resource, split in place into its fields */
  char       *source;     /* "package@version" from the header */
} PinyinTable;

struct _YcPinyinKey
{
  /* One entry per syllable of the text: the space-separated readings of a
   * Han character, an ASCII word in lower case, or NULL where the text has
   * something a query cannot spell (digits, a character without reading),
   * which a match may not run across.
   */
  const char **syllables;
  guint        n_syllables;
  guint32      letters;   /* bit n: some reading contains 'a' + n */
  GPtrArray   *words;     /* char *, the ASCII words that syllables points to */
};

/* The table */

static gboolean
is_one_char (const char *s,
             const char *end)
{
  gunichar c = g_utf8_get_char_validated (s, end - s);

  return c != (gunichar) -1 && c != (gunichar) -2 && c != 0 &&
         g_utf8_next_char (s) == end;
}

/* Lowercase words separated by single spaces */
static gboolean
is_readings (const char *s)
{
  if (!g_ascii_islower (s[0]))
    return FALSE;
  for (; *s != '\0'; s++)
    if (!(g_ascii_islower (*s) || (*s == ' ' && g_ascii_islower (s[1]))))
      return FALSE;
  return TRUE;
}

static gboolean
add_readings (char     *key,
              char     *value,
              gpointer  user_data)
{
  PinyinTable *table = user_data;

  if (!is_one_char (key, key + strlen (key)) || !is_readings (value))
    return FALSE;
  g_hash_table_insert (table->readings, GUINT_TO_POINTER (g_utf8_get_char (key)), value);
  return TRUE;
}

static gpointer
load_table (gpointer data G_GNUC_UNUSED)
{
  PinyinTable *table = g_new0 (PinyinTable, 1);

  table->readings = g_hash_table_new (NULL, NULL);
  /* The values point into the text, which lives as long as the process:
   * one block instead of seven thousand small strings.
   */
  table->text = _yc_resource_tsv_load (READINGS_RESOURCE, "pinyin table", add_readings, table, &table->source);
  return table;
}

static PinyinTable *
get_table (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_table, NULL);
}

/**
 * yc_pinyin_get_readings:
 * @c: a character
 *
 * Returns: (nullable): the toneless readings of @c separated by spaces, the
 *   commonest first, with ü written v ("zhong chong", "lv lu"); %NULL when
 *   the table does not know @c
 */
const char *
yc_pinyin_get_readings (gunichar c)
{
  return g_hash_table_lookup (get_table ()->readings, GUINT_TO_POINTER (c));
}

/**
 * yc_pinyin_get_n_chars:
 *
 * Returns: how many characters the table has readings for
 */
guint
yc_pinyin_get_n_chars (void)
{
  return g_hash_table_size (get_table ()->readings);
}

/**
 * yc_pinyin_get_source:
 *
 * Returns: (nullable): where the readings come from, as "package@version"
 */
const char *
yc_pinyin_get_source (void)
{
  return get_table ()->source;
}

/* Keys */

static void
add_syllable (YcPinyinKey *key,
              GPtrArray   *syllables,
              const char  *readings)
{
  g_ptr_array_add (syllables, (gpointer) readings);
  for (const char *s = readings; s != NULL && *s != '\0'; s++)
    if (g_ascii_islower (*s))
      key->letters |= 1u << (*s - 'a');
}

/**
 * yc_pinyin_key_new:
 * @text: UTF-8 text, such as the name of an item
 *
 * Prepares @text for yc_pinyin_key_matches(). Every Han character with a
 * reading and every run of ASCII letters is a syllable; punctuation and
 * spaces are skipped, so that "（变更）" does not stop "djbg"; digits and
 * characters without reading end a match.
 *
 * Returns: (transfer full): a new key
 */
YcPinyinKey *
yc_pinyin_key_new (const char *text)
{
  PinyinTable *table;
  YcPinyinKey *key;
  GPtrArray *syllables;
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  table = get_table ();
  key = g_new0 (YcPinyinKey, 1);
  syllables = g_ptr_array_new ();

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *readings;

      if (g_ascii_isalpha (*p))
        {
          const char *end = p;
          char *word;

          while (g_ascii_isalpha (*end))
            end++;
          if (key->words == NULL)
            key->words = g_ptr_array_new_with_free_func (g_free);
          word = g_ascii_strdown (p, end - p);
          g_ptr_array_add (key->words, word);
          add_syllable (key, syllables, word);
          p = end;
          continue;
        }

      if ((readings = g_hash_table_lookup (table->readings, GUINT_TO_POINTER (c))) != NULL)
        add_syllable (key, syllables, readings);
      else if (g_unichar_isalnum (c))
        add_syllable (key, syllables, NULL);
      p = g_utf8_next_char (p);
    }

  key->n_syllables = syllables->len;
  key->syllables = (const char **) g_ptr_array_free (syllables, FALSE);

  return key;
}

void
yc_pinyin_key_free (YcPinyinKey *key)
{
  if (key == NULL)
    return;
  g_clear_pointer (&key->words, g_ptr_array_unref);
  g_free (key->syllables);
  g_free (key);
}

/**
 * yc_pinyin_key_matches:
 * @key: a key from yc_pinyin_key_new()
 * @query: lowercase ASCII letters
 *
 * Whether @query spells a run of consecutive syllables of the text, starting
 * at any of them, each syllable by a non-empty prefix of one of its readings:
 * by initials ("gtgs", "zhgs"), in full ("getigongshang", the last one
 * possibly cut short: "getigongsh") or mixed ("getigs"). Each character may
 * use any of its readings, independently of its neighbours.
 *
 * Returns: %TRUE if @query matches; always for an empty query, never for one
 *   with anything but lowercase ASCII letters
 */
gboolean
yc_pinyin_key_matches (const YcPinyinKey *key,
                       const char        *query)
{
  /* reach[j * width + i]: the first j letters of the query can be spelt by
   * syllables ending just before syllable i. Rows go up to m - 1 only,
   * since spelling all m letters is a match at once.
   */
  guint8 stack_reach[1024];
  g_autofree guint8 *heap_reach = NULL;
  guint8 *reach;
  guint32 letters = 0;
  gsize m;
  gsize n;
  gsize width;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  for (m = 0; query[m] != '\0'; m++)
    {
      if (!g_ascii_islower (query[m]))
        return FALSE;
      letters |= 1u << (query[m] - 'a');
    }
  if (m == 0)
    return TRUE;

  /* Most entries lack some letter of the query: no need to walk them. */
  if ((letters & ~key->letters) != 0)
    return FALSE;

  n = key->n_syllables;
  width = n + 1;
  if (m * width <= sizeof stack_reach)
    {
      reach = stack_reach;
      memset (reach, 0, m * width);
    }
  else
    reach = heap_reach = g_malloc0 (m * width);

  memset (reach, 1, n);

  for (gsize j = 0; j < m; j++)
    for (gsize i = 0; i < n; i++)
      {
        const char *r = key->syllables[i];

        if (!reach[j * width + i] || r == NULL)
          continue;

        while (*r != '\0')
          {
            /* query[j + l] is '\0' at the end, which no letter equals */
            for (gsize l = 0; r[l] != ' ' && r[l] != '\0' && r[l] == query[j + l]; l++)
              {
                if (j + l + 1 == m)
                  return TRUE;
                reach[(j + l + 1) * width + i + 1] = 1;
              }
            r += strcspn (r, " ");
            if (*r == ' ')
              r++;
          }
      }

  return FALSE;
}

/**
 * yc_pinyin_matches:
 * @text: UTF-8 text
 * @query: lowercase ASCII letters
 *
 * yc_pinyin_key_matches() for a single test; to test the same text against
 * many queries, keep a key instead.
 *
 * Returns: %TRUE if @query matches @text
 */
gboolean
yc_pinyin_matches (const char *text,
                   const char *query)
{
  g_autoptr(YcPinyinKey) key = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  key = yc_pinyin_key_new (text);
  return yc_pinyin_key_matches (key, query);
}

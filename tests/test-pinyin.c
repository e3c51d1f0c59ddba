/* test-pinyin.c: finding items by pinyin, in full or by initials
 *
 * The clerk searches the catalog on every keystroke, so besides what is
 * found the tests look at what must not be, at the characters a query may
 * not run across, and at the demo catalog as a whole: every item there must
 * be reachable by the initials a clerk would type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yc-core-resources.h"
#include "yichuang.h"

#define DEMO_CATALOG      TEST_SRCDIR "/../data/catalog"
#define READINGS_FILE     TEST_SRCDIR "/../data/pinyin/readings.tsv"
#define READINGS_RESOURCE "/cn/gov/yichuang/core/pinyin/readings.tsv"

#define BUSINESS_NAME "个体工商户设立登记"

static gboolean
has_reading (gunichar    c,
             const char *reading)
{
  const char *readings = yc_pinyin_get_readings (c);
  g_auto(GStrv) each = NULL;

  if (readings == NULL)
    return FALSE;
  each = g_strsplit (readings, " ", -1);
  return g_strv_contains ((const char * const *) each, reading);
}

/* What a clerk reads off the screen: the first reading of each character,
 * whole or its first letter; punctuation is not typed.
 */
static char *
spell (const char *text,
       gboolean    initials)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *readings = yc_pinyin_get_readings (g_utf8_get_char (p));

      if (readings != NULL)
        g_string_append_len (out, readings, initials ? 1 : (gssize) strcspn (readings, " "));
      else if (g_ascii_isalpha (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

static gpointer
match_in_thread (gpointer data G_GNUC_UNUSED)
{
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(YcPinyinKey) key = yc_pinyin_key_new (BUSINESS_NAME);

      if (!yc_pinyin_key_matches (key, "gtgs"))
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

/* Runs first, so that the threads race to load the table. */
static void
test_threads (void)
{
  GThread *threads[8];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("pinyin", match_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

static void
test_table (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  const char *source;
  gsize length;
  guint n_lines = 0;

  g_assert_cmpuint (yc_pinyin_get_n_chars (), >=, 6763);
  source = yc_pinyin_get_source ();
  g_assert_nonnull (source);
  g_assert_true (g_str_has_prefix (source, "pinyin-pro@"));

  /* The library reads its own resource, and that resource is the file
   * committed beside its README, line for line.
   */
  bytes = g_resource_lookup_data (yc_core_get_resource (), READINGS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (READINGS_FILE, &file, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), file, length);

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "# source: "))
        g_assert_cmpstr (lines[i] + strlen ("# source: "), ==, source);
      else if (lines[i][0] != '#' && lines[i][0] != '\0')
        n_lines++;
    }
  g_assert_cmpuint (n_lines, ==, yc_pinyin_get_n_chars ());

  /* first and last hanzi of GB 2312 */
  g_assert_cmpstr (yc_pinyin_get_readings (g_utf8_get_char ("啊")), ==, "a");
  g_assert_nonnull (yc_pinyin_get_readings (g_utf8_get_char ("齄")));
  g_assert_cmpstr (yc_pinyin_get_readings (g_utf8_get_char ("个")), ==, "ge");
  g_assert_true (has_reading (g_utf8_get_char ("重"), "zhong"));
  g_assert_true (has_reading (g_utf8_get_char ("重"), "chong"));
  g_assert_true (has_reading (g_utf8_get_char ("行"), "xing"));
  g_assert_true (has_reading (g_utf8_get_char ("行"), "hang"));
  g_assert_true (has_reading (g_utf8_get_char ("绿"), "lv"));
  g_assert_true (has_reading (g_utf8_get_char ("女"), "nv"));
  g_assert_null (yc_pinyin_get_readings ('a'));
  g_assert_null (yc_pinyin_get_readings (g_utf8_get_char ("（")));
}

static void
test_initials (void)
{
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "gtgs"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "g"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "gtgshsldj"));
  /* from any character on, as a clerk remembers the tail of a name */
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "sldj"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "dj"));
  /* zh, ch, sh are typed as initials too */
  g_assert_true (yc_pinyin_matches ("重度残疾人护理补贴", "zhdcjr"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "gtgshhshldj"));

  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "gtgsx"));
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "tggs"));
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "gtgshsldjx"));
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "gs gt"));
}

static void
test_full (void)
{
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "getigongshang"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "getigongshanghushelidengji"));
  /* still typing */
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "getigongsh"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "getigo"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "gongshang"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "dengji"));
  /* mixed */
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "getigs"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, "gtgongshang"));

  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "getigongshangx"));
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "getgiongshang"));
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "gongsi"));
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "dengjixx"));
}

static void
test_marriage (void)
{
  const char *variants[] = {
    "婚姻登记",
    "内地居民婚姻登记（结婚）",
    "内地居民婚姻登记（离婚）",
    "补领婚姻登记证",
    "撤销婚姻登记",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(YcPinyinKey) key = yc_pinyin_key_new (variants[i]);

      g_test_message ("%s", variants[i]);
      g_assert_true (yc_pinyin_key_matches (key, "hyd"));
      g_assert_true (yc_pinyin_key_matches (key, "hydj"));
      g_assert_true (yc_pinyin_key_matches (key, "hunyin"));
      g_assert_true (yc_pinyin_key_matches (key, "hunyindengji"));
      g_assert_false (yc_pinyin_key_matches (key, "hyz"));
    }
  g_assert_true (yc_pinyin_matches ("内地居民婚姻登记（结婚）", "hydjjh"));
  g_assert_true (yc_pinyin_matches ("内地居民婚姻登记（离婚）", "hydjlh"));
  g_assert_false (yc_pinyin_matches ("内地居民婚姻登记（离婚）", "hydjjh"));
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "hyd"));
}

static void
test_polyphones (void)
{
  /* the table knows characters, not words: every reading counts */
  g_assert_true (yc_pinyin_matches ("重度残疾人护理补贴", "zhongdu"));
  g_assert_true (yc_pinyin_matches ("重度残疾人护理补贴", "chongdu"));
  g_assert_true (yc_pinyin_matches ("重新申领", "chongxin"));
  g_assert_true (yc_pinyin_matches ("重新申领", "cxsl"));
  g_assert_true (yc_pinyin_matches ("重新申领", "zxsl"));
  g_assert_true (yc_pinyin_matches ("银行账户", "yinhang"));
  g_assert_true (yc_pinyin_matches ("银行账户", "yhzh"));
  g_assert_true (yc_pinyin_matches ("行政许可", "xingzheng"));
  g_assert_true (yc_pinyin_matches ("行政许可", "xzxk"));
  g_assert_true (yc_pinyin_matches ("长期护理保险", "changqi"));
  g_assert_true (yc_pinyin_matches ("长期护理保险", "zhangqi"));
  /* ü is typed v */
  g_assert_true (yc_pinyin_matches ("绿色通道", "lvse"));
  g_assert_true (yc_pinyin_matches ("妇女儿童", "funv"));
  g_assert_false (yc_pinyin_matches ("银行账户", "yinhong"));
}

static void
test_text (void)
{
  /* punctuation and spaces are not typed */
  g_assert_true (yc_pinyin_matches ("食品经营许可（新办）", "spjyxkxb"));
  g_assert_true (yc_pinyin_matches ("住房公积金提取（离休、退休）", "lxtx"));
  g_assert_true (yc_pinyin_matches ("出生 一件事", "csyjs"));
  /* ASCII words are syllables of their own, in any case */
  g_assert_true (yc_pinyin_matches ("ICP备案", "icpba"));
  g_assert_true (yc_pinyin_matches ("ICP备案", "ib"));
  g_assert_true (yc_pinyin_matches ("ICP备案", "beian"));
  /* digits and characters without reading cannot be typed over */
  g_assert_true (yc_pinyin_matches ("第2批", "d"));
  g_assert_false (yc_pinyin_matches ("第2批", "dp"));
  g_assert_true (yc_pinyin_matches ("个\xf0\xa0\x80\x80体", "t"));
  g_assert_false (yc_pinyin_matches ("个\xf0\xa0\x80\x80体", "gt"));

  /* only lowercase ASCII letters spell pinyin; empty spells anything */
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "GTGS"));
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "gt1"));
  g_assert_false (yc_pinyin_matches (BUSINESS_NAME, "个体"));
  g_assert_true (yc_pinyin_matches (BUSINESS_NAME, ""));
  g_assert_false (yc_pinyin_matches ("", "a"));
  g_assert_false (yc_pinyin_matches ("（）", "a"));
  g_assert_true (yc_pinyin_matches ("（）", ""));
}

/* Beyond the stack buffer of the walk */
static void
test_long (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) full = g_string_new (NULL);
  g_autoptr(GString) initials = g_string_new (NULL);
  g_autoptr(YcPinyinKey) key = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_string_append (text, BUSINESS_NAME);
      g_string_append (full, "getigongshanghushelidengji");
      g_string_append (initials, "gtgshsldj");
    }
  key = yc_pinyin_key_new (text->str);
  g_assert_true (yc_pinyin_key_matches (key, full->str));
  g_assert_true (yc_pinyin_key_matches (key, initials->str));
  g_string_append (full, "ge");
  g_string_append (initials, "g");
  g_assert_false (yc_pinyin_key_matches (key, full->str));
  g_assert_false (yc_pinyin_key_matches (key, initials->str));
}

static void
test_entry (void)
{
  g_autoptr(YcCatalogEntry) entry =
    yc_catalog_entry_new ("000101001001", BUSINESS_NAME, FALSE, 1, NULL);
  g_autoptr(YcCatalogEntry) bundle =
    yc_catalog_entry_new ("YJS-KCYD", "开办餐饮店一件事", TRUE, 1, NULL);

  g_assert_true (yc_catalog_entry_matches (entry, NULL));
  g_assert_true (yc_catalog_entry_matches (entry, ""));
  g_assert_true (yc_catalog_entry_matches (entry, "gtgs"));
  g_assert_true (yc_catalog_entry_matches (entry, "getigongshang"));
  g_assert_true (yc_catalog_entry_matches (entry, "sldj"));
  /* name substrings and code prefixes as before */
  g_assert_true (yc_catalog_entry_matches (entry, "设立登记"));
  g_assert_true (yc_catalog_entry_matches (entry, "000101"));
  g_assert_true (yc_catalog_entry_matches (entry, "000101001001"));
  g_assert_false (yc_catalog_entry_matches (entry, "101001"));
  g_assert_false (yc_catalog_entry_matches (entry, "变更登记"));
  g_assert_false (yc_catalog_entry_matches (entry, "gtgsbg"));
  g_assert_false (yc_catalog_entry_matches (entry, "yjs"));

  g_assert_true (yc_catalog_entry_matches (bundle, "yjs-kc"));
  g_assert_true (yc_catalog_entry_matches (bundle, "yjs"));
  g_assert_true (yc_catalog_entry_matches (bundle, "kbcyd"));
  g_assert_true (yc_catalog_entry_matches (bundle, "canyin"));
  g_assert_true (yc_catalog_entry_matches (bundle, "一件事"));
  g_assert_false (yc_catalog_entry_matches (bundle, "gtgs"));
}

static void
test_demo (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalog) catalog = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint n;
  guint rounds = 1000;
  guint hits = 0;
  double elapsed;

  catalog = yc_catalog_load_directory (DEMO_CATALOG, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  n = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  g_assert_cmpuint (n, >, 20);

  for (guint i = 0; i < n; i++)
    {
      YcCatalogEntry *entry = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      const char *name = yc_catalog_entry_get_name (entry);
      g_autofree char *initials = spell (name, TRUE);
      g_autofree char *full = spell (name, FALSE);

      g_ptr_array_add (entries, entry);
      g_test_message ("%s %s %s", yc_catalog_entry_get_code (entry), name, initials);
      g_assert_cmpuint (strlen (initials), >, 1);
      g_assert_true (yc_catalog_entry_matches (entry, initials));
      g_assert_true (yc_catalog_entry_matches (entry, full));
      if (yc_catalog_entry_matches (entry, "gtgs"))
        g_ptr_array_add (found, (gpointer) yc_catalog_entry_get_code (entry));
    }

  /* the three 个体工商户 items, and nothing else */
  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (found, i), "000101001"));

  /* what one keystroke costs: the whole catalog against one query */
  g_test_timer_start ();
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < n; i++)
      hits += yc_catalog_entry_matches (g_ptr_array_index (entries, i), "shbx");
  elapsed = g_test_timer_elapsed ();
  g_assert_cmpuint (hits, >, 0);
  g_test_message ("%u entries against \"shbx\": %.2f us a query (%u hits)",
                  n, elapsed * 1e6 / rounds, hits / rounds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pinyin/threads", test_threads);
  g_test_add_func ("/pinyin/table", test_table);
  g_test_add_func ("/pinyin/initials", test_initials);
  g_test_add_func ("/pinyin/full", test_full);
  g_test_add_func ("/pinyin/marriage", test_marriage);
  g_test_add_func ("/pinyin/polyphones", test_polyphones);
  g_test_add_func ("/pinyin/text", test_text);
  g_test_add_func ("/pinyin/long", test_long);
  g_test_add_func ("/pinyin/entry", test_entry);
  g_test_add_func ("/pinyin/demo", test_demo);

  return g_test_run ();
}

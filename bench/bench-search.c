/* bench-search.c: finding a case among a million
 *
 * bench-search DATABASE [CASES [QUERIES]]
 *
 * Fills DATABASE with CASES synthetic cases of one station (a million by
 * default) the way eleven years of a busy window would leave them, unless
 * it already holds exactly those: the store is made by the program, the
 * cases are written with SQL in one transaction, and the search keys are
 * made by the store's own upgrade (the figure search-1m-rebuild). Then it
 * times yc_case_store_search for QUERIES random queries of each kind, drawn
 * from the cases: the first 50 rows, on the thread's CPU clock (median,
 * 95th percentile, slowest), and the median on the wall clock, which also
 * counts the time other processes had the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "yc-bench.h"
#include "yc-db.h"
#include "yichuang.h"

/* bump when the generated cases change, so that a cached database is made
 * again */
#define FORMAT "2"

/* the most common surnames, with their share in thousandths (2020 census
 * order, rounded), and common given-name characters */
static const struct { const char *name; guint weight; } surnames[] = {
  { "王", 74 }, { "李", 72 }, { "张", 69 }, { "刘", 55 }, { "陈", 46 }, { "杨", 32 }, { "黄", 24 },
  { "赵", 23 }, { "吴", 21 }, { "周", 21 }, { "徐", 17 }, { "孙", 15 }, { "马", 15 }, { "朱", 14 },
  { "胡", 13 }, { "郭", 12 }, { "何", 12 }, { "林", 11 }, { "高", 11 }, { "罗", 10 }, { "郑", 9 },
  { "梁", 9 }, { "谢", 8 }, { "宋", 7 }, { "唐", 7 }, { "许", 7 }, { "韩", 7 }, { "冯", 7 },
  { "邓", 7 }, { "曹", 6 }, { "彭", 6 }, { "曾", 6 }, { "肖", 6 }, { "田", 6 }, { "董", 5 },
  { "袁", 5 }, { "潘", 5 }, { "于", 5 }, { "蒋", 5 }, { "蔡", 5 }, { "余", 5 }, { "杜", 5 },
  { "叶", 5 }, { "程", 5 }, { "苏", 4 }, { "魏", 4 }, { "吕", 4 }, { "丁", 4 }, { "任", 4 },
  { "沈", 4 }, { "姚", 4 }, { "卢", 4 }, { "姜", 4 }, { "崔", 4 }, { "钟", 3 }, { "谭", 3 },
  { "陆", 3 }, { "汪", 3 }, { "范", 3 }, { "金", 3 }, { "石", 3 }, { "廖", 3 }, { "贾", 3 },
  { "夏", 3 }, { "韦", 3 }, { "付", 3 }, { "方", 3 }, { "白", 3 }, { "邹", 3 }, { "孟", 3 },
  { "欧阳", 1 }, { "司马", 1 },
};
static const char given[] =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂建华文辉玉红志国海燕春梅鹏飞晨浩宇欣怡子涵"
  "佳琪梓萱雨婷俊凯思远博文晓东立新德福长青淑珍凤兰金凤秀兰桂英玉兰";
/* counties of Jinan and their neighbours: a station's applicants are
 * mostly from around it */
static const struct { const char *code; guint weight; } regions[] = {
  { "370112", 40 }, { "370102", 8 }, { "370103", 6 }, { "370104", 6 }, { "370105", 8 },
  { "370113", 5 }, { "370114", 5 }, { "370115", 4 }, { "370116", 3 }, { "370117", 3 },
  { "370124", 3 }, { "370126", 2 }, { "371502", 2 }, { "370303", 2 }, { "371302", 1 },
  { "110105", 1 }, { "320102", 1 },
};
static const char *mobile_prefixes[] = {
  "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153",
  "155", "156", "157", "158", "159", "166", "170", "176", "177", "178", "180", "181", "182", "183",
  "184", "185", "186", "187", "188", "189", "191", "198", "199",
};
/* items of the demo catalog, by their 实施编码 */
static const struct { const char *code; const char *name; const char *impl; } items[] = {
  { "000107009000", "补领婚姻登记证", "1137011200451234564000107009000" },
  { "000107010000", "婚姻登记档案查询", "1137011200451234564000107010000" },
  { "000107003000", "户口迁入登记", "1137011200451230234000107003000" },
};

#define STATION   "370112001"
#define PER_DAY   250

static const char *
pick_weighted (GRand *rand, const void *table, gsize n, gsize stride, guint total)
{
  guint r = g_rand_int_range (rand, 0, total);

  for (gsize i = 0; i < n; i++)
    {
      const char *name = *(const char * const *) ((const char *) table + i * stride);
      guint weight = *(const guint *) ((const char *) table + i * stride + sizeof (const char *));

      if (r < weight)
        return name;
      r -= weight;
    }
  return *(const char * const *) table;
}

static guint
total_weight (const void *table, gsize n, gsize stride)
{
  guint total = 0;

  for (gsize i = 0; i < n; i++)
    total += *(const guint *) ((const char *) table + i * stride + sizeof (const char *));
  return total;
}

static void
append_given_char (GString *out, GRand *rand)
{
  glong n = g_utf8_strlen (given, -1);
  const char *p = g_utf8_offset_to_pointer (given, g_rand_int_range (rand, 0, n));

  g_string_append_len (out, p, g_utf8_next_char (p) - p);
}

/* GB 11643: region, birth date, sequence, check character */
static void
make_id_number (char out[19], GRand *rand, guint region_total)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  GDate date;
  int sum = 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 1940);
  g_date_add_days (&date, g_rand_int_range (rand, 0, 65 * 365));
  g_snprintf (out, 19, "%s%04d%02d%02d%03d", pick_weighted (rand, regions, G_N_ELEMENTS (regions), sizeof regions[0], region_total),
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
              g_rand_int_range (rand, 1, 1000));
  for (int i = 0; i < 17; i++)
    sum += (out[i] - '0') * weights[i];
  out[17] = "10X98765432"[sum % 11];
  out[18] = '\0';
}

static char *
make_draft (const char *item, const char *name, const char *id_number, const char *phone)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, item);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 2);
  json_builder_set_member_name (b, "answers");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "who");
  json_builder_add_string_value (b, "self");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "values");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "applicant_name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "applicant_id");
  json_builder_add_string_value (b, id_number);
  json_builder_set_member_name (b, "applicant_birth");
  json_builder_add_string_value (b, "1985-01-01");
  json_builder_set_member_name (b, "applicant_phone");
  json_builder_add_string_value (b, phone);
  json_builder_set_member_name (b, "address");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "region");
  json_builder_add_string_value (b, "370112");
  json_builder_set_member_name (b, "detail");
  json_builder_add_string_value (b, "王舍人街道工业北路88号");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "loss_reason");
  json_builder_add_string_value (b, "遗失");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "materials");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id-card");
  json_builder_add_string_value (b, "received");
  json_builder_set_member_name (b, "photo");
  json_builder_add_string_value (b, "received");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "catalog_version");
  json_builder_add_string_value (b, "2025.3");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return yc_json_to_string (root);
}

static void
check (int rc, sqlite3 *db)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("SQLite: %s", sqlite3_errmsg (db));
}

/* Writes the cases, oldest first, as the window and the sync would have
 * left them: nearly all registered with their 办件编号, the last day's
 * waiting to be sent, a few drafts. */
static void
fill (const char *path, guint n_cases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = yc_case_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11643);
  guint surname_total = total_weight (surnames, G_N_ELEMENTS (surnames), sizeof surnames[0]);
  guint region_total = total_weight (regions, G_N_ELEMENTS (regions), sizeof regions[0]);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2015, 1, 5, 0, 0, 0);
  g_autofree char *count = g_strdup_printf ("%u", n_cases);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  yc_case_store_set_meta (store, "bench-format", FORMAT, &error);
  g_clear_object (&store);

  check (sqlite3_open (path, &db), db);
  check (sqlite3_exec (db, "PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL), db);
  check (sqlite3_prepare_v2 (db,
                             "INSERT INTO cases (id, code, name, version, state, official_no, applicant, draft, created, updated)"
                             " VALUES (?, ?, ?, 2, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL), db);
  for (guint i = 0; i < n_cases; i++)
    {
      guint day = i / PER_DAY;
      guint seq = i % PER_DAY + 1;
      g_autoptr(GDateTime) when = g_date_time_add_seconds (start, day * 86400.0 + 8 * 3600 + seq * 100 + g_rand_int_range (rand, 0, 60));
      g_autoptr(GDateTime) later = g_date_time_add_minutes (when, 20);
      g_autofree char *ymd = g_date_time_format (when, "%Y%m%d");
      g_autofree char *created = g_date_time_format_iso8601 (when);
      g_autofree char *updated = g_date_time_format_iso8601 (later);
      g_autofree char *id = g_strdup_printf ("%s-01-%s-%04u", STATION, ymd, seq);
      g_autofree char *official = NULL;
      g_autofree char *draft = NULL;
      g_autoptr(GString) name = g_string_new (pick_weighted (rand, surnames, G_N_ELEMENTS (surnames),
                                                             sizeof surnames[0], surname_total));
      char id_number[19];
      char phone[12];
      guint item = g_rand_int_range (rand, 0, G_N_ELEMENTS (items));
      const char *state = i + PER_DAY < n_cases ? "registered" : i + 5 < n_cases ? "submitted" : "draft";

      append_given_char (name, rand);
      if (g_rand_int_range (rand, 0, 4) > 0)
        append_given_char (name, rand);
      make_id_number (id_number, rand, region_total);
      g_snprintf (phone, sizeof phone, "%s%08d", mobile_prefixes[g_rand_int_range (rand, 0, G_N_ELEMENTS (mobile_prefixes))],
                  g_rand_int_range (rand, 0, 100000000));
      if (g_str_equal (state, "registered"))
        official = g_strdup_printf ("%s%s%04u", items[item].impl, ymd, seq);
      draft = make_draft (items[item].code, name->str, id_number, phone);

      sqlite3_reset (stmt);
      yc_db_bind_text (stmt, 1, id);
      yc_db_bind_text (stmt, 2, items[item].code);
      yc_db_bind_text (stmt, 3, items[item].name);
      yc_db_bind_text (stmt, 4, state);
      yc_db_bind_text (stmt, 5, official);
      yc_db_bind_text (stmt, 6, name->str);
      yc_db_bind_text (stmt, 7, draft);
      yc_db_bind_text (stmt, 8, created);
      yc_db_bind_text (stmt, 9, updated);
      check (sqlite3_step (stmt), db);
    }
  sqlite3_finalize (stmt);
  /* the keys are made by the store's upgrade, as for a station's own */
  check (sqlite3_exec (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('search-rebuild', '1');", NULL, NULL, NULL), db);
  {
    g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO meta (key, value) VALUES ('bench-cases', '%s'); COMMIT",
                                            count);
    check (sqlite3_exec (db, sql, NULL, NULL, NULL), db);
  }
  sqlite3_close (db);
}

static gboolean
is_cached (const char *path, guint n_cases)
{
  g_autoptr(YcCaseStore) store = NULL;
  g_autofree char *count = NULL;
  g_autofree char *format = NULL;
  g_autofree char *expected = g_strdup_printf ("%u", n_cases);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) || !(store = yc_case_store_open (path, NULL)))
    return FALSE;
  count = yc_case_store_get_meta (store, "bench-cases");
  format = yc_case_store_get_meta (store, "bench-format");
  return g_strcmp0 (count, expected) == 0 && g_strcmp0 (format, FORMAT) == 0;
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

typedef enum
{
  NAME_PREFIX,     /* surname and the first character of the given name */
  SURNAME,
  GIVEN_NAME,      /* the given name without the surname */
  ID_PREFIX,       /* region and birth year */
  PHONE_PREFIX,    /* the first 7 digits */
  CASE_PREFIX,     /* the local number up to the day */
  OFFICIAL_PREFIX, /* the 办件编号 up to the day */
  N_KINDS
} Kind;

static const char *kind_names[] = {
  "name-prefix", "surname", "given-name", "id-prefix", "phone-prefix", "case-number-prefix", "official-prefix",
};

static char *
make_query (sqlite3 *db, GRand *rand, guint n_cases, Kind kind)
{
  sqlite3_stmt *stmt = NULL;
  char *query = NULL;
  const char *applicant, *id, *official, *draft;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *values;

  check (sqlite3_prepare_v2 (db, "SELECT applicant, id, official_no, draft FROM cases WHERE rowid = ?", -1, &stmt, NULL), db);
  /* drafts and cases waiting have no 办件编号 */
  sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 1, n_cases - PER_DAY));
  check (sqlite3_step (stmt), db);
  applicant = (const char *) sqlite3_column_text (stmt, 0);
  id = (const char *) sqlite3_column_text (stmt, 1);
  official = (const char *) sqlite3_column_text (stmt, 2);
  draft = (const char *) sqlite3_column_text (stmt, 3);
  root = yc_json_from_string (draft, NULL);
  values = yc_json_get_object (json_node_get_object (root), "values");
  switch (kind)
    {
    case NAME_PREFIX:
      query = g_strndup (applicant, g_utf8_offset_to_pointer (applicant, 2) - applicant);
      break;
    case SURNAME:
      query = g_strndup (applicant, g_utf8_next_char (applicant) - applicant);
      break;
    case GIVEN_NAME:
      query = g_strdup (g_utf8_next_char (applicant));
      break;
    case ID_PREFIX:
      query = g_strndup (yc_json_get_string (values, "applicant_id"), 10);
      break;
    case PHONE_PREFIX:
      query = g_strndup (yc_json_get_string (values, "applicant_phone"), 7);
      break;
    case CASE_PREFIX:
      query = g_strndup (id, strlen (STATION "-01-20150105"));
      break;
    case OFFICIAL_PREFIX:
      query = g_strndup (official, 31 + 8);
      break;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
  sqlite3_finalize (stmt);
  return query;
}

static double
percentile (double *sorted, guint n, double p)
{
  return sorted[MIN (n - 1, (guint) (p * n))];
}

int
main (int argc, char *argv[])
{
  const char *path;
  guint n_cases = 1000000;
  guint n_queries = 200;
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2260);
  sqlite3 *db = NULL;
  GStatBuf st;
  double t, wall;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-search DATABASE [CASES [QUERIES]]\n");
      return 2;
    }
  path = argv[1];
  if (argc > 2)
    n_cases = MAX (1000, g_ascii_strtoull (argv[2], NULL, 10));
  if (argc > 3)
    n_queries = MAX (1, g_ascii_strtoull (argv[3], NULL, 10));

  if (is_cached (path, n_cases))
    g_print ("search-database: %s (cached from an earlier run; delete it to make it again)\n", path);
  else
    {
      remove_database (path);
      t = yc_bench_now_ms ();
      fill (path, n_cases);
      g_print ("search-fill: %.1f s\n", (yc_bench_now_ms () - t) / 1000);
      t = yc_bench_now_ms ();
      store = yc_case_store_open (path, &error);
      g_assert_no_error (error);
      g_print ("search-1m-rebuild: %.1f s\n", (yc_bench_now_ms () - t) / 1000);
      g_clear_object (&store);
      g_print ("search-database: %s (made now, kept for the next run)\n", path);
    }
  if (g_stat (path, &st) == 0)
    g_print ("search-database-size: %.0f MB\n", st.st_size / 1e6);
  g_print ("search-cases: %u cases\n", n_cases);
  g_print ("search-queries: %u per kind\n", n_queries);

  store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  check (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), db);

  for (Kind kind = 0; kind < N_KINDS; kind++)
    {
      g_autofree double *times = g_new (double, n_queries);
      g_autofree double *walls = g_new (double, n_queries);
      guint short_answers = 0;

      for (guint i = 0; i < n_queries; i++)
        {
          g_autofree char *query = make_query (db, rand, n_cases, kind);
          g_autoptr(GPtrArray) found = NULL;

          /* each query once, as typed: SQLite's own cache (2 MB) holds
           * little of the database, the system's holds what it can */
          wall = yc_bench_now_ms ();
          t = yc_bench_cpu_now_ms ();
          found = yc_case_store_search (store, query, 50, &error);
          times[i] = yc_bench_cpu_now_ms () - t;
          walls[i] = yc_bench_now_ms () - wall;
          g_assert_no_error (error);
          g_assert_cmpuint (found->len, >, 0);
          if (found->len < 50)
            short_answers++;
        }
      yc_bench_median (times, n_queries);
      yc_bench_median (walls, n_queries);
      g_print ("search-1m-first-50-%s: %.3f ms\n", kind_names[kind], percentile (times, n_queries, 0.5));
      g_print ("search-1m-first-50-%s-p95: %.3f ms\n", kind_names[kind], percentile (times, n_queries, 0.95));
      g_print ("search-1m-first-50-%s-max: %.3f ms\n", kind_names[kind], times[n_queries - 1]);
      g_print ("search-1m-first-50-%s-wall: %.3f ms\n", kind_names[kind], percentile (walls, n_queries, 0.5));
      g_print ("search-1m-first-50-%s-fewer-than-50: %u queries\n", kind_names[kind], short_answers);
    }
  sqlite3_close (db);
  return 0;
}

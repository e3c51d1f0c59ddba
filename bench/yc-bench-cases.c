/* yc-bench-cases.c: a station's store of many cases, made fast
 *
 * bench-startup and bench-case-list-scroll need a store of a million
 * cases, as eleven years of a busy window leave it. Taking them through
 * the core would take hours; the store is therefore made by the program
 * (its own migrations) and the cases written with plain INSERTs in one
 * transaction, into the columns the schema has at the time: the columns
 * a later migration adds (the clerk, the promised date, …) are filled
 * when they are there. The store is kept and used again while the
 * generator's FORMAT and the table's columns are the same.
 *
 * Search keys and events are not made: neither benchmark searches or
 * opens a case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "yc-bench.h"
#include "yc-db.h"

/* bump when the generated cases change */
#define FORMAT "2"

#define STATION "370112001"
#define PER_DAY 250

static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
  "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "欧阳",
};
static const char given[] = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂建华文辉玉红志国海燕春梅鹏飞晨浩宇欣怡子涵";
/* items of the demo catalog, with their 实施编码 */
static const struct { const char *code; const char *name; const char *impl; } items[] = {
  { "000107009000", "补领婚姻登记证", "1137011200451234564000107009000" },
  { "000107010000", "婚姻登记档案查询", "1137011200451234564000107010000" },
  { "000107003000", "户口迁入登记", "1137011200451230234000107003000" },
};
static const char *clerks[] = { "张敏", "李娜", "王强", "刘洋" };
/* where the cases before today stand, in tenths of a per cent */
static const struct { const char *state; guint weight; } states[] = {
  { "result-ready", 800 }, { "registered", 60 }, { "accepted", 60 }, { "notified", 40 },
  { "refused", 10 }, { "approved", 20 }, { "rejected", 10 },
};

/* the optional columns filled when the schema has them */
typedef enum
{
  COL_CLERK,
  COL_HELPER,
  COL_PROMISED_BY,
  COL_WAITING,
  COL_DECIDED,
  COL_DELIVERY,
  N_COLS
} Column;

static const char *column_names[N_COLS] = {
  "clerk", "helper", "promised_by", "waiting", "decided", "delivery",
};

static gboolean
check (int       rc,
       sqlite3  *db,
       GError  **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db));
  return FALSE;
}

/* The cases table's columns, in order, as one string: a store made
 * under another schema is made again. */
static char *
columns_signature (sqlite3 *db)
{
  GString *s = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA table_info (cases)", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (s, "%s,", (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return g_string_free (s, FALSE);
}

static char *
expected_meta (sqlite3 *db,
               guint    n_cases)
{
  g_autofree char *columns = columns_signature (db);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");

  /* made again each day: the newest cases are today's */
  return g_strdup_printf ("%s;%u;%s;%s", FORMAT, n_cases, today, columns);
}

static gboolean
is_cached (const char *path,
           guint       n_cases)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *expected = NULL;
  gboolean cached = FALSE;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  /* opened by the program first: a newer schema's migration runs, and
   * changes the signature */
  {
    g_autoptr(YcCaseStore) store = yc_case_store_open (path, NULL);

    if (store == NULL)
      return FALSE;
  }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return FALSE;
    }
  expected = expected_meta (db, n_cases);
  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'bench-cases'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    cached = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), expected) == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return cached;
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

static void
append_given (GString *out,
              GRand   *rand)
{
  static glong n = 0;
  const char *p;

  if (n == 0)
    n = g_utf8_strlen (given, -1);
  p = g_utf8_offset_to_pointer (given, g_rand_int_range (rand, 0, n));
  g_string_append_len (out, p, g_utf8_next_char (p) - p);
}

static const char *
pick_state (GRand *rand)
{
  guint r = g_rand_int_range (rand, 0, 1000);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      if (r < states[i].weight)
        return states[i].state;
      r -= states[i].weight;
    }
  return "result-ready";
}

static gboolean
fill (const char  *path,
      guint        n_cases,
      GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GString) sql = g_string_new ("INSERT INTO cases (id, code, name, version, state, official_no,"
                                         " applicant, created, updated");
  g_autofree char *meta = NULL;
  gboolean present[N_COLS] = { FALSE };
  g_autofree char *columns = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_params = 9;
  gboolean ok = FALSE;

  {
    g_autoptr(YcCaseStore) store = yc_case_store_open (path, error);

    if (store == NULL)
      return FALSE;
  }
  if (!check (sqlite3_open (path, &db), db, error))
    goto out;
  columns = columns_signature (db);
  for (guint c = 0; c < N_COLS; c++)
    {
      g_autofree char *needle = g_strconcat (",", column_names[c], ",", NULL);
      g_autofree char *haystack = g_strconcat (",", columns, NULL);

      if ((present[c] = strstr (haystack, needle) != NULL))
        {
          g_string_append_printf (sql, ", %s", column_names[c]);
          n_params++;
        }
    }
  g_string_append (sql, ") VALUES (?");
  for (guint i = 1; i < n_params; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  /* the last case is today's: the newest days are the ones a clerk sees */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                        g_date_time_get_day_of_month (now), 0, 0, 0);

    start = g_date_time_add_days (today, -(int) ((n_cases - 1) / PER_DAY));
  }

  if (!check (sqlite3_exec (db, "PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL), db, error) ||
      !check (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), db, error))
    goto out;
  for (guint i = 0; i < n_cases; i++)
    {
      guint day = i / PER_DAY;
      guint seq = i % PER_DAY + 1;
      g_autoptr(GDateTime) when = g_date_time_add_seconds (start, day * 86400.0 + 8 * 3600 + seq * 100);
      g_autoptr(GDateTime) later = g_date_time_add_minutes (when, 20);
      g_autoptr(GDateTime) promised = g_date_time_add_days (when, 20);
      g_autofree char *ymd = g_date_time_format (when, "%Y%m%d");
      g_autofree char *created = g_date_time_format_iso8601 (when);
      g_autofree char *updated = g_date_time_format_iso8601 (later);
      g_autofree char *decided = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *promised_by = g_date_time_format (promised, "%Y-%m-%d");
      g_autofree char *id = g_strdup_printf ("%s-01-%s-%04u", STATION, ymd, seq);
      g_autofree char *official = NULL;
      g_autoptr(GString) name = g_string_new (surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))]);
      guint item = g_rand_int_range (rand, 0, G_N_ELEMENTS (items));
      /* the last day's are still in the outbox; no draft is left open,
       * as at the start of a day (a draft restores its form at start:
       * another path, bench-form-open's) */
      const char *state = i + PER_DAY < n_cases ? pick_state (rand) : "submitted";
      guint p = 1;

      append_given (name, rand);
      if (g_rand_int_range (rand, 0, 4) > 0)
        append_given (name, rand);
      if (!g_str_equal (state, "submitted"))
        official = g_strdup_printf ("%s%s%04u", items[item].impl, ymd, seq);

      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      yc_db_bind_text (stmt, p++, id);
      yc_db_bind_text (stmt, p++, items[item].code);
      yc_db_bind_text (stmt, p++, items[item].name);
      sqlite3_bind_int (stmt, p++, 2);
      yc_db_bind_text (stmt, p++, state);
      yc_db_bind_text (stmt, p++, official);
      yc_db_bind_text (stmt, p++, name->str);
      yc_db_bind_text (stmt, p++, created);
      yc_db_bind_text (stmt, p++, updated);
      if (present[COL_CLERK])
        yc_db_bind_text (stmt, p++, clerks[seq % G_N_ELEMENTS (clerks)]);
      if (present[COL_HELPER])
        yc_db_bind_text (stmt, p++, seq % 40 == 0 ? "赵帮办" : NULL);
      if (present[COL_PROMISED_BY])
        yc_db_bind_text (stmt, p++, promised_by);
      if (present[COL_WAITING])
        yc_db_bind_text (stmt, p++, g_str_equal (state, "notified") ? "notify" : seq % 50 == 0 ? "rongque" : NULL);
      if (present[COL_DECIDED])
        yc_db_bind_text (stmt, p++, decided);
      if (present[COL_DELIVERY])
        yc_db_bind_text (stmt, p++, g_str_equal (state, "result-ready") ? (seq % 3 ? "window" : "post") : NULL);
      if (!check (sqlite3_step (stmt), db, error))
        goto out;
    }
  meta = expected_meta (db, n_cases);
  {
    char *insert = sqlite3_mprintf ("INSERT OR REPLACE INTO meta (key, value) VALUES ('bench-cases', %Q); COMMIT",
                                    meta);
    int rc = sqlite3_exec (db, insert, NULL, NULL, NULL);

    sqlite3_free (insert);
    if (!check (rc, db, error))
      goto out;
  }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/**
 * yc_bench_cases_ensure:
 *
 * Makes the store at @path hold @n_cases cases of one station, the newest
 * of today, unless it was made so before under the same schema.
 *
 * Returns: %FALSE on an error
 */
gboolean
yc_bench_cases_ensure (const char  *path,
                       guint        n_cases,
                       GError     **error)
{
  double start;

  if (is_cached (path, n_cases))
    {
      g_print ("cases-store: %s (kept from an earlier run; delete it to make it again)\n", path);
      return TRUE;
    }
  {
    g_autofree char *dir = g_path_get_dirname (path);

    g_mkdir_with_parents (dir, 0700);
  }
  remove_database (path);
  start = yc_bench_now_ms ();
  if (!fill (path, n_cases, error))
    return FALSE;
  g_print ("cases-store: %s\n", path);
  g_print ("cases-fill: %.1f s (%u cases, once)\n", (yc_bench_now_ms () - start) / 1000, n_cases);
  return TRUE;
}

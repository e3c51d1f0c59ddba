/* yc-case-store-search.c: what a case in the store is found by
 *
 * A case is found by a prefix of any of its keys: the local number, the
 * 办件编号, the applicant's name and that name without its first
 * characters (so that "秀英" finds 李秀英: a substring search at the price
 * of a few rows), and every ID number, credit code and phone number its form
 * holds, the agent's too. The keys live in case_search with the case's
 * `updated`, made again whenever the case changes.
 *
 * An encrypted key can no longer be searched by prefix in an index:
 * case_search would then hold a keyed hash (HMAC with a key kept outside
 * the database) of each prefix of each key, a blind index, and a search
 * would look up the hash of the whole query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-event.h"
#include "yc-validate.h"

#define NAME_SUFFIXES 8

/* How keys and queries compare: compatibility forms folded (the full-width
 * digits of a Chinese input method), case folded (a typed "x" finds the
 * ID number's "X"), spaces and hyphens dropped ("0531-8888 6666",
 * "370112001-01-…"). */
char *
_yc_case_store_search_key (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *lower = NULL;
  GString *key;

  if (text == NULL || !g_utf8_validate (text, -1, NULL) ||
      !(folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC)))
    return NULL;
  lower = g_utf8_casefold (folded, -1);
  key = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '-' && !g_unichar_isspace (c))
        g_string_append_unichar (key, c);
    }
  if (key->len == 0)
    {
      g_string_free (key, TRUE);
      return NULL;
    }
  return g_string_free (key, FALSE);
}

/* An ID number or credit code (one with a wrong check character too: the
 * clerk looking for the case the central service refused types what is
 * written on it) or a phone number. */
static gboolean
is_number_to_search (const char *text)
{
  g_autoptr(GError) error = NULL;
  guint digits = 0;

  /* most values are names, addresses and choices: the validators only see
   * what has the digits of a number */
  for (const char *p = text; *p != '\0' && digits < 7; p = g_utf8_next_char (p))
    if (g_unichar_isdigit (g_utf8_get_char (p)))
      digits++;
  if (digits < 7)
    return FALSE;
  if (yc_validate_id_number (text, NULL, &error) ||
      g_error_matches (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_CHECKSUM))
    return TRUE;
  g_clear_error (&error);
  if (yc_validate_credit_code (text, &error) ||
      g_error_matches (error, YC_VALIDATE_ERROR, YC_VALIDATE_ERROR_CHECKSUM))
    return TRUE;
  return yc_validate_phone (text, NULL);
}

static void
add_key (GHashTable *keys,
         const char *text)
{
  char *key = _yc_case_store_search_key (text);

  if (key != NULL)
    g_hash_table_add (keys, key);
}

static void
add_value_keys (GHashTable *keys,
                JsonNode   *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        add_value_keys (keys, member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_value_keys (keys, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           is_number_to_search (json_node_get_string (node)))
    add_key (keys, json_node_get_string (node));
}

/* Replaces the case's keys. @values: (nullable): the form's values */
static gboolean
store_keys (YcCaseStore  *self,
            const char   *case_id,
            const char   *updated,
            const char   *applicant,
            const char   *official_no,
            JsonNode     *values,
            GError      **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = _yc_case_store_search_key (applicant);
  GHashTableIter iter;
  gpointer key;

  add_key (keys, case_id);
  add_key (keys, official_no);
  if (name != NULL)
    {
      const char *p = name;

      for (guint i = 0; i < NAME_SUFFIXES && *p != '\0'; i++, p = g_utf8_next_char (p))
        g_hash_table_add (keys, g_strdup (p));
    }
  if (values != NULL)
    add_value_keys (keys, values);

  if ((self->search_delete == NULL &&
       !(self->search_delete = yc_db_prepare (self->db, "DELETE FROM case_search WHERE case_id = ?", error))) ||
      (self->search_insert == NULL &&
       !(self->search_insert = yc_db_prepare (self->db,
                                              "INSERT OR IGNORE INTO case_search (key, case_id, updated) VALUES (?, ?, ?)",
                                              error))))
    return FALSE;
  sqlite3_reset (self->search_delete);
  yc_db_bind_text (self->search_delete, 1, case_id);
  if (sqlite3_step (self->search_delete) != SQLITE_DONE)
    return yc_db_fail (self->db, error);
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      sqlite3_reset (self->search_insert);
      yc_db_bind_text (self->search_insert, 1, key);
      yc_db_bind_text (self->search_insert, 2, case_id);
      yc_db_bind_text (self->search_insert, 3, updated);
      if (sqlite3_step (self->search_insert) != SQLITE_DONE)
        return yc_db_fail (self->db, error);
    }
  return TRUE;
}

/* The values of a saved draft, or of the form an intake event holds. */
static JsonNode *
parse_values (const char *text,
              const char *intake)
{
  g_autoptr(JsonNode) root = text ? yc_json_from_string (text, NULL) : NULL;
  JsonObject *o;
  JsonNode *values;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  o = json_node_get_object (root);
  if (intake)
    o = yc_json_get_object (yc_json_get_object (o, "data"), "form");
  values = o ? json_object_get_member (o, "values") : NULL;
  return values ? json_node_ref (values) : NULL;
}

#define KEY_SOURCE_COLUMNS \
  "c.id, c.updated, c.applicant, c.official_no, c.draft," \
  " (SELECT e.data FROM events e WHERE e.case_id = c.id AND e.type = 'intake' ORDER BY e.seq LIMIT 1)"

static gboolean
store_row_keys (YcCaseStore   *self,
                sqlite3_stmt  *stmt,
                JsonObject    *values,
                GError       **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(JsonNode) given = NULL;
  const char *draft = (const char *) sqlite3_column_text (stmt, 4);
  const char *intake = (const char *) sqlite3_column_text (stmt, 5);

  if (values != NULL)
    given = json_node_init_object (json_node_alloc (), values);
  else if (!(parsed = parse_values (draft, NULL)))
    parsed = parse_values (intake, intake);
  return store_keys (self, (const char *) sqlite3_column_text (stmt, 0),
                     (const char *) sqlite3_column_text (stmt, 1),
                     (const char *) sqlite3_column_text (stmt, 2),
                     (const char *) sqlite3_column_text (stmt, 3),
                     given ? given : parsed, error);
}

/* Makes the case's keys again after it changed, from @values when the
 * caller has them, else from its draft or, for a case taken without one,
 * its intake. Runs inside the caller's transaction. */
gboolean
_yc_case_store_index_case (YcCaseStore  *self,
                           const char   *case_id,
                           JsonObject   *values,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = yc_db_prepare (self->db, "SELECT " KEY_SOURCE_COLUMNS " FROM cases c WHERE c.id = ?", error)))
    return FALSE;
  yc_db_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return yc_db_fail (self->db, error);
  return store_row_keys (self, stmt, values, error);
}

/* A change that leaves the keys as they are still moves the case up. */
gboolean
_yc_case_store_touch_search (YcCaseStore  *self,
                             const char   *case_id,
                             const char   *updated,
                             GError      **error)
{
  return yc_db_run (self->db, error, "UPDATE case_search SET updated = ? WHERE case_id = ?", updated, case_id);
}

static gboolean
search_keys_row (YcCaseStore   *self,
                 sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  return store_row_keys (self, stmt, NULL, error);
}

/* The upgrade to schema 5 asks for the keys of the cases a store already
 * holds */
gboolean
_yc_case_store_rebuild_search (YcCaseStore  *self,
                               GError      **error)
{
  return _yc_case_store_upgrade_rows (self, "search-rebuild", "DELETE FROM case_search",
                                      "SELECT " KEY_SOURCE_COLUMNS " FROM cases c", search_keys_row, NULL, error);
}

/* Two ways to the newest cases a prefix matches. A rare prefix: read all
 * its rows from case_search and keep the newest (about 0.15 µs a row). A
 * frequent one: walk the cases from the newest and look each one's keys up
 * (about 0.6 µs a case) until enough match. The walk starts, and its first
 * SEARCH_SAMPLE cases tell how frequent the prefix is, which picks the way
 * on (bench: search-1m-first-50). */
#define SEARCH_SAMPLE    500
#define SEARCH_ROW_COST  0.15
#define SEARCH_CASE_COST 0.6

typedef struct
{
  char *updated;
  char *case_id;
} Hit;

static void
hit_clear (Hit *hit)
{
  g_free (hit->updated);
  g_free (hit->case_id);
}

static int
hit_compare (const char *updated_a, const char *case_a,
             const char *updated_b, const char *case_b)
{
  int order = strcmp (updated_a, updated_b);

  return order != 0 ? order : strcmp (case_a, case_b);
}

/* Keeps the @limit newest in @hits, newest first, each case once (its rows
 * share its `updated`). */
static void
keep_newest (GArray     *hits,
             guint       limit,
             const char *updated,
             const char *case_id)
{
  guint i = hits->len;
  Hit hit;

  if (hits->len == limit &&
      hit_compare (updated, case_id, g_array_index (hits, Hit, i - 1).updated,
                   g_array_index (hits, Hit, i - 1).case_id) <= 0)
    return;
  while (i > 0 && hit_compare (updated, case_id, g_array_index (hits, Hit, i - 1).updated,
                               g_array_index (hits, Hit, i - 1).case_id) > 0)
    i--;
  if (i > 0 && hit_compare (updated, case_id, g_array_index (hits, Hit, i - 1).updated,
                            g_array_index (hits, Hit, i - 1).case_id) == 0)
    return;
  hit.updated = g_strdup (updated);
  hit.case_id = g_strdup (case_id);
  g_array_insert_val (hits, i, hit);
  if (hits->len > limit)
    g_array_remove_index (hits, hits->len - 1);
}

/* The rare way. Each key's rows come newest first (case ids grow with
 * time), so that nearly all are turned away by one comparison. */
static gboolean
search_rows (YcCaseStore  *self,
             const char   *key,
             const char   *end,
             guint         limit,
             GArray       *hits,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = yc_db_prepare (self->db,
                        "SELECT updated, case_id FROM case_search WHERE key >= ? AND key < ?"
                        " ORDER BY key DESC, case_id DESC",
                        error);
  if (stmt == NULL)
    return FALSE;
  yc_db_bind_text (stmt, 1, key);
  yc_db_bind_text (stmt, 2, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    keep_newest (hits, limit, (const char *) sqlite3_column_text (stmt, 0),
                 (const char *) sqlite3_column_text (stmt, 1));
  return rc == SQLITE_DONE || yc_db_fail (self->db, error);
}

/* The frequent way: the newest of the @cases newest cases that have a key
 * with the prefix; fewer than @limit of them when the walk went through
 * all @cases. */
static gboolean
search_walk (YcCaseStore  *self,
             const char   *key,
             const char   *end,
             guint         cases,
             guint         limit,
             GArray       *hits,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = yc_db_prepare (self->db,
                        "SELECT c.updated, c.id FROM"
                        " (SELECT updated, id FROM cases ORDER BY updated DESC, id DESC LIMIT ?3) c"
                        " WHERE EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = c.id AND s.key >= ?1 AND s.key < ?2)"
                        " LIMIT ?4",
                        error);
  if (stmt == NULL)
    return FALSE;
  yc_db_bind_text (stmt, 1, key);
  yc_db_bind_text (stmt, 2, end);
  sqlite3_bind_int64 (stmt, 3, cases);
  sqlite3_bind_int64 (stmt, 4, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    keep_newest (hits, limit, (const char *) sqlite3_column_text (stmt, 0),
                 (const char *) sqlite3_column_text (stmt, 1));
  return rc == SQLITE_DONE || yc_db_fail (self->db, error);
}

/**
 * yc_case_store_search:
 * @query: the beginning of a name (or of a given name), an ID number, a
 *   credit code, a phone number, a local case number or a 办件编号
 * @limit: how many cases at most, more than 0
 *
 * Finds cases by a prefix of any of their keys; spaces, hyphens, case and
 * full-width characters do not matter. An empty query finds every case.
 *
 * Returns: (transfer full) (element-type YcCase): the newest matching
 *   cases first
 */
GPtrArray *
yc_case_store_search (YcCaseStore  *self,
                      const char   *query,
                      guint         limit,
                      GError      **error)
{
  g_autofree char *key = NULL;
  g_autofree char *end = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  double cases_held, rows, to_walk;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (!(key = _yc_case_store_search_key (query)))
    return yc_case_store_list_cases (self, limit, error);
  /* every key that starts with @key sorts below @key + U+10FFFF */
  end = g_strconcat (key, "\xf4\x8f\xbf\xbf", NULL);
  hits = g_array_sized_new (FALSE, FALSE, sizeof (Hit), limit + 1);
  g_array_set_clear_func (hits, (GDestroyNotify) hit_clear);

  /* the newest SEARCH_SAMPLE cases; the first of the walk when the prefix
   * is frequent */
  if (!search_walk (self, key, end, SEARCH_SAMPLE, limit, hits, error))
    return NULL;
  if (hits->len < limit)
    {
      if (!(stmt = yc_db_prepare (self->db, "SELECT max (rowid) FROM cases", error)) ||
          sqlite3_step (stmt) != SQLITE_ROW)
        return NULL;
      cases_held = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
      rows = cases_held * hits->len / SEARCH_SAMPLE;
      to_walk = (double) (limit - hits->len) * SEARCH_SAMPLE / MAX (hits->len, 0.5);
      if (rows * SEARCH_ROW_COST < to_walk * SEARCH_CASE_COST)
        {
          g_array_set_size (hits, 0);
          if (!search_rows (self, key, end, limit, hits, error))
            return NULL;
        }
      else if (cases_held > SEARCH_SAMPLE && !search_walk (self, key, end, G_MAXINT, limit, hits, error))
        return NULL;
    }

  if (!(stmt = yc_db_prepare (self->db, "SELECT " YC_CASE_COLUMNS " FROM cases WHERE id = ?", error)))
    return NULL;
  for (guint i = 0; i < hits->len; i++)
    {
      sqlite3_reset (stmt);
      yc_db_bind_text (stmt, 1, g_array_index (hits, Hit, i).case_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (cases, _yc_case_new_from_row (stmt));
    }
  return g_steal_pointer (&cases);
}

/* What each filter of the case list asks, in the words of schema 6's
 * indexes, so that each walks one of them newest first. ?1 is today,
 * ?2 me. "mine" is two walks, as the clerk and as the helper (the second
 * leaving out what the first has), merged. */
static const char *
filter_condition (YcCaseFilter filter,
                  gboolean     as_helper)
{
  switch (filter)
    {
    case YC_CASE_FILTER_TODAY:
      return "decided = ?1";
    case YC_CASE_FILTER_MINE:
      return as_helper ? "helper = ?2 AND clerk IS NOT ?2" : "clerk = ?2";
    case YC_CASE_FILTER_WAITING:
      return "waiting IS NOT NULL";
    case YC_CASE_FILTER_OVERDUE:
      return "promised_by IS NOT NULL AND NOT " YC_CASE_FINISHED_SQL " AND promised_by < ?1";
    case YC_CASE_FILTER_ALL:
    default:
      return "1";
    }
}

static void
bind_filter (sqlite3_stmt *stmt,
             const char   *me,
             const char   *today)
{
  yc_db_bind_text (stmt, 1, today);
  yc_db_bind_text (stmt, 2, me);
}

/* How many cases @filter lists. */
gboolean
_yc_case_store_count_filtered (YcCaseStore   *self,
                               YcCaseFilter   filter,
                               const char    *me,
                               const char    *today,
                               guint         *n,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  if (filter == YC_CASE_FILTER_MINE)
    sql = g_strdup_printf ("SELECT (SELECT COUNT (*) FROM cases WHERE %s) + (SELECT COUNT (*) FROM cases WHERE %s)",
                           filter_condition (filter, FALSE), filter_condition (filter, TRUE));
  else
    sql = g_strdup_printf ("SELECT COUNT (*) FROM cases WHERE %s", filter_condition (filter, FALSE));
  if (!(stmt = yc_db_prepare (self->db, sql, error)))
    return FALSE;
  bind_filter (stmt, me, today);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return yc_db_fail (self->db, error);
  *n = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Whether @filter lists any of @case_ids. */
gboolean
_yc_case_store_any_filtered (YcCaseStore         *self,
                             YcCaseFilter         filter,
                             const char          *me,
                             const char          *today,
                             const char * const  *case_ids,
                             gboolean            *any,
                             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  *any = FALSE;
  if (filter == YC_CASE_FILTER_MINE)
    sql = g_strdup_printf ("SELECT 1 FROM cases WHERE id = ?3 AND ((%s) OR (%s))",
                           filter_condition (filter, FALSE), filter_condition (filter, TRUE));
  else
    sql = g_strdup_printf ("SELECT 1 FROM cases WHERE id = ?3 AND %s", filter_condition (filter, FALSE));
  if (!(stmt = yc_db_prepare (self->db, sql, error)))
    return FALSE;
  for (guint i = 0; case_ids[i] != NULL && !*any; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      bind_filter (stmt, me, today);
      yc_db_bind_text (stmt, 3, case_ids[i]);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        *any = TRUE;
      else if (rc != SQLITE_DONE)
        return yc_db_fail (self->db, error);
    }
  return TRUE;
}

/* One walk of @filter, newest first or, @backwards, oldest first, from
 * the case after @after (the keyset: no OFFSET scan for the next page),
 * at most ?5. ?3, ?4: @after's key. @columns: what it reads. */
static char *
walk_sql (YcCaseFilter  filter,
          const char   *columns,
          gboolean      as_helper,
          gboolean      after,
          gboolean      backwards)
{
  return g_strdup_printf ("SELECT %s FROM cases WHERE %s%s ORDER BY updated %s, id %s LIMIT ?5",
                          columns, filter_condition (filter, as_helper),
                          !after ? "" : backwards ? " AND (updated, id) > (?3, ?4)" : " AND (updated, id) < (?3, ?4)",
                          backwards ? "ASC" : "DESC", backwards ? "ASC" : "DESC");
}

/* What @filter lists from @after (see walk_sql), skipping ?7, at most ?6;
 * "mine" merges its two walks. */
static sqlite3_stmt *
prepare_walk (YcCaseStore   *self,
              YcCaseFilter   filter,
              const char    *columns,
              const char    *me,
              const char    *today,
              const char    *after_updated,
              const char    *after_id,
              gboolean       backwards,
              guint          offset,
              guint          limit,
              GError       **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *first = walk_sql (filter, columns, FALSE, after_id != NULL, backwards);
  sqlite3_stmt *stmt;

  if (filter == YC_CASE_FILTER_MINE)
    {
      g_autofree char *second = walk_sql (filter, columns, TRUE, after_id != NULL, backwards);

      sql = g_strdup_printf ("SELECT * FROM (%s) UNION ALL SELECT * FROM (%s)"
                             " ORDER BY updated %s, id %s LIMIT ?6 OFFSET ?7",
                             first, second, backwards ? "ASC" : "DESC", backwards ? "ASC" : "DESC");
    }
  else
    sql = g_strdup_printf ("SELECT * FROM (%s) LIMIT ?6 OFFSET ?7", first);
  if (!(stmt = yc_db_prepare (self->db, sql, error)))
    return NULL;
  bind_filter (stmt, me, today);
  if (after_id != NULL)
    {
      yc_db_bind_text (stmt, 3, after_updated);
      yc_db_bind_text (stmt, 4, after_id);
    }
  sqlite3_bind_int64 (stmt, 5, (gint64) offset + limit);
  sqlite3_bind_int64 (stmt, 6, limit);
  sqlite3_bind_int64 (stmt, 7, offset);
  return stmt;
}

/* Walks @filter's keys newest first from the case after the one keyed
 * @after_updated, @after_id (from the start with none), by the filter's
 * index alone, in one statement, and appends to @keys the key (updated,
 * then id) of every @step-th case: those @step - 1, 2 × @step - 1, …
 * after it. Stops when the monotonic clock reaches @until, after at
 * least one key, or at the end of the list (*@ended). */
gboolean
_yc_case_store_sample_filtered (YcCaseStore   *self,
                                YcCaseFilter   filter,
                                const char    *me,
                                const char    *today,
                                const char    *after_updated,
                                const char    *after_id,
                                guint          step,
                                gint64         until,
                                GPtrArray     *keys,
                                gboolean      *ended,
                                GError       **error)
{
  g_autoptr(sqlite3_stmt) walk = prepare_walk (self, filter, "updated, id", me, today, after_updated, after_id,
                                               FALSE, 0, G_MAXINT, error);
  guint64 walked = 0;
  int rc;

  g_return_val_if_fail (step > 0, FALSE);

  *ended = FALSE;
  if (walk == NULL)
    return FALSE;
  while ((rc = sqlite3_step (walk)) == SQLITE_ROW)
    {
      if (++walked % step != 0)
        continue;
      g_ptr_array_add (keys, yc_db_column_text (walk, 0));
      g_ptr_array_add (keys, yc_db_column_text (walk, 1));
      /* the clock is read once a key, not once a step */
      if (g_get_monotonic_time () >= until)
        return TRUE;
    }
  if (rc != SQLITE_DONE)
    return yc_db_fail (self->db, error);
  *ended = TRUE;
  return TRUE;
}

/* Reads a page of what @filter lists, newest first: the @limit cases that
 * come @offset after the case keyed @after_updated, @after_id (after the
 * start with none), or, @backwards, the @limit that come @offset before
 * it (before the end with none), still newest first. A jump skips the
 * @offset cases by their keys alone, in the filter's index, and reads
 * only the page's cases. */
GPtrArray *
_yc_case_store_read_filtered (YcCaseStore   *self,
                              YcCaseFilter   filter,
                              const char    *me,
                              const char    *today,
                              const char    *after_updated,
                              const char    *after_id,
                              gboolean       backwards,
                              guint          offset,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *key_updated = NULL;
  g_autofree char *key_id = NULL;

  if (offset > 0)
    {
      g_autoptr(sqlite3_stmt) keys = prepare_walk (self, filter, "updated, id", me, today, after_updated, after_id,
                                                   backwards, offset - 1, 1, error);
      int rc;

      if (keys == NULL)
        return NULL;
      if ((rc = sqlite3_step (keys)) == SQLITE_DONE)
        return g_ptr_array_new_with_free_func (g_object_unref);
      if (rc != SQLITE_ROW)
        {
          yc_db_fail (self->db, error);
          return NULL;
        }
      key_updated = yc_db_column_text (keys, 0);
      key_id = yc_db_column_text (keys, 1);
      after_updated = key_updated;
      after_id = key_id;
    }
  if (!(stmt = prepare_walk (self, filter, YC_CASE_COLUMNS, me, today, after_updated, after_id,
                             backwards, 0, limit, error)) ||
      !(cases = _yc_case_store_read_cases (self, stmt, error)))
    return NULL;
  if (backwards)
    {
      for (guint i = 0; i < cases->len / 2; i++)
        {
          gpointer swap = cases->pdata[i];

          cases->pdata[i] = cases->pdata[cases->len - 1 - i];
          cases->pdata[cases->len - 1 - i] = swap;
        }
    }
  return g_steal_pointer (&cases);
}

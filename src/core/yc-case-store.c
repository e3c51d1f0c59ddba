/* yc-case-store.c: a clerk profile's local store of cases
 *
 * One SQLite database per clerk profile. A case is a log of events; its
 * row in `cases` is the fold of that log kept for lists and searches. The
 * draft is the one mutable thing and is saved on every change. Events made
 * here wait in the outbox, in order, until the central service has them.
 *
 * Personal data (names, ID numbers, phones, scans) lives only in
 * cases.draft, cases.applicant, events.data, attachments and the keys of
 * case_search, so that a later change can encrypt those columns at rest
 * without a redesign. An encrypted key can no longer be searched by prefix
 * in an index: case_search would then hold a keyed hash (HMAC with a key
 * kept outside the database) of each prefix of each key, a blind index,
 * and a search would look up the hash of the whole query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-event.h"
#include "yc-validate.h"

struct _YcCaseStore
{
  GObject  parent_instance;

  sqlite3      *db;
  char         *path;
  sqlite3_stmt *search_delete;  /* kept: a rebuild runs them a million times */
  sqlite3_stmt *search_insert;
};

G_DEFINE_FINAL_TYPE (YcCaseStore, yc_case_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-case-store-error-quark, yc_case_store_error)

enum {
  CASE_CHANGED,
  CASES_CHANGED,
  OUTBOX_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE catalog (version TEXT PRIMARY KEY, etag TEXT, document BLOB NOT NULL,"
  "  fetched TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE cases (id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL,"
  "  version INTEGER NOT NULL, state TEXT NOT NULL, official_no TEXT, applicant TEXT,"
  "  problem TEXT, draft TEXT, created TEXT NOT NULL, updated TEXT NOT NULL);"
  "CREATE INDEX cases_updated ON cases (updated);"
  "CREATE INDEX cases_state ON cases (state, updated);"
  "CREATE INDEX cases_official ON cases (official_no);"
  "CREATE TABLE events (uuid TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),"
  "  seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL, origin TEXT NOT NULL,"
  "  data TEXT NOT NULL);"
  "CREATE INDEX events_case ON events (case_id, seq);"
  "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  uuid TEXT NOT NULL UNIQUE REFERENCES events (uuid), attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT, set_aside INTEGER NOT NULL DEFAULT 0, queued TEXT NOT NULL);"
  "CREATE TABLE cursors (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT,"
  "  station TEXT, action TEXT NOT NULL, case_id TEXT, detail TEXT);",
  /* 2: scans, content-addressed (yc-attachments.c); `confirmed` is how much
   * of a scan the central service has, so an upload resumes there; a use
   * is the scan a case's field (and so its material) holds */
  "CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, media_type TEXT,"
  "  name TEXT, added TEXT NOT NULL, confirmed INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE attachment_uses (case_id TEXT NOT NULL REFERENCES cases (id), field TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL REFERENCES attachments (sha256), material TEXT, added TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, field));"
  "CREATE INDEX attachment_uses_sha256 ON attachment_uses (sha256);",
  /* 3: how the back office delivers a case's result (窗口领取 or 邮寄) */
  "ALTER TABLE cases ADD COLUMN delivery TEXT;"
  "ALTER TABLE cases ADD COLUMN delivery_note TEXT;",
  /* 4: the working-day calendar last downloaded, one row */
  "CREATE TABLE calendar (id INTEGER PRIMARY KEY CHECK (id = 1), etag TEXT, document BLOB NOT NULL,"
  "  fetched TEXT NOT NULL);",
  /* 5: what a case is found by (yc_case_store_search), one row per key
   * (see case_keys()), with the case's `updated` so that the newest come
   * first without a look at the case; the keys are made in C, where the
   * validators are, so the script only asks yc_case_store_open() to make
   * them for the cases already here. `cases_updated` gains the id: the
   * search walks it to find the newest cases a frequent key matches. */
  "CREATE TABLE case_search (key TEXT NOT NULL, case_id TEXT NOT NULL REFERENCES cases (id),"
  "  updated TEXT NOT NULL, PRIMARY KEY (key, case_id)) WITHOUT ROWID;"
  "CREATE INDEX case_search_case ON case_search (case_id);"
  "DROP INDEX cases_updated;"
  "CREATE INDEX cases_updated ON cases (updated, id);"
  "INSERT OR REPLACE INTO meta (key, value) VALUES ('search-rebuild', '1');",
  NULL
};

void
yc_outbox_entry_free (YcOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->uuid);
  g_free (entry->case_id);
  g_clear_pointer (&entry->event, json_object_unref);
  g_free (entry);
}

static char *
column_text (sqlite3_stmt *stmt, int index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

/* Search keys
 *
 * A case is found by a prefix of any of its keys: the local number, the
 * 办件编号, the applicant's name and that name without its first
 * characters (so that "秀英" finds 李秀英: a substring search at the price
 * of a few rows), and every ID number, credit code and phone number its form
 * holds, the agent's too. The keys live in case_search with the case's
 * `updated`, made again whenever the case changes.
 */

#define NAME_SUFFIXES 8

/* How keys and queries compare: compatibility forms folded (the full-width
 * digits of a Chinese input method), case folded (a typed "x" finds the
 * ID number's "X"), spaces and hyphens dropped ("0531-8888 6666",
 * "370112001-01-…"). */
static char *
search_key (const char *text)
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
  char *key = search_key (text);

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
  g_autofree char *name = search_key (applicant);
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
static gboolean
index_case (YcCaseStore  *self,
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
static gboolean
touch_search (YcCaseStore  *self,
              const char   *case_id,
              const char   *updated,
              GError      **error)
{
  return yc_db_run (self->db, error, "UPDATE case_search SET updated = ? WHERE case_id = ?", updated, case_id);
}

/* The upgrade to schema 5 asks for the keys of the cases a store already
 * holds: made once, in one transaction, so that an interrupted upgrade
 * starts again on the next open. */
static gboolean
rebuild_search (YcCaseStore  *self,
                GError      **error)
{
  g_autofree char *pending = yc_case_store_get_meta (self, "search-rebuild");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (pending == NULL)
    return TRUE;
  if (!yc_db_begin (self->db, error))
    return FALSE;
  if (!yc_db_exec (self->db, "DELETE FROM case_search", error) ||
      !(stmt = yc_db_prepare (self->db, "SELECT " KEY_SOURCE_COLUMNS " FROM cases c", error)))
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!store_row_keys (self, stmt, NULL, error))
      goto failed;
  if (rc != SQLITE_DONE)
    {
      yc_db_fail (self->db, error);
      goto failed;
    }
  if (!yc_db_run (self->db, error, "DELETE FROM meta WHERE key = 'search-rebuild'", NULL) ||
      !yc_db_commit (self->db, error))
    goto failed;
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

YcCaseStore *
yc_case_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(YcCaseStore) self = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(db = yc_db_open (path, migrations, error)))
    return NULL;
  self = g_object_new (YC_TYPE_CASE_STORE, NULL);
  self->db = db;
  self->path = g_strdup (path);
  if (!rebuild_search (self, error))
    {
      g_prefix_error (error, _("Making the search keys of the cases in %s: "), path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
yc_case_store_get_path (YcCaseStore *self)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);
  return self->path;
}

sqlite3 *
_yc_case_store_get_db (YcCaseStore *self)
{
  g_assert (YC_IS_CASE_STORE (self));
  return self->db;
}

/* @case_ids: (element-type utf8): changed in one transaction */
void
_yc_case_store_emit_changed (YcCaseStore *self,
                             GPtrArray   *case_ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_assert (YC_IS_CASE_STORE (self));

  if (case_ids->len == 0)
    return;
  for (guint i = 0; i < case_ids->len; i++)
    {
      g_signal_emit (self, signals[CASE_CHANGED], 0, g_ptr_array_index (case_ids, i));
      g_strv_builder_add (builder, g_ptr_array_index (case_ids, i));
    }
  ids = g_strv_builder_end (builder);
  g_signal_emit (self, signals[CASES_CHANGED], 0, ids);
}

void
_yc_case_store_emit_outbox (YcCaseStore *self)
{
  g_assert (YC_IS_CASE_STORE (self));

  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);
}

static void
emit_case_changed (YcCaseStore *self,
                   const char  *case_id)
{
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new ();

  g_ptr_array_add (case_ids, (gpointer) case_id);
  _yc_case_store_emit_changed (self, case_ids);
}

char *
yc_case_store_get_meta (YcCaseStore *self,
                        const char  *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  if (!(stmt = yc_db_prepare (self->db, "SELECT value FROM meta WHERE key = ?", NULL)))
    return NULL;
  yc_db_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return column_text (stmt, 0);
}

gboolean
yc_case_store_set_meta (YcCaseStore  *self,
                        const char   *key,
                        const char   *value,
                        GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  return yc_db_run (self->db, error, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
}

gboolean
yc_case_store_audit (YcCaseStore  *self,
                     const char   *action,
                     const char   *case_id,
                     const char   *detail,
                     GError      **error)
{
  g_autofree char *actor = yc_case_store_get_meta (self, "clerk");
  g_autofree char *station = yc_case_store_get_meta (self, "station");
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  return yc_db_run (self->db, error,
              "INSERT INTO audit (at, actor, station, action, case_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
              at, actor, station, action, case_id, detail);
}

/* The local number: station, clerk and a per-profile daily sequence. Two
 * stations, or two clerks of one station, never make the same number, so
 * cases taken offline never collide; the central service maps each to its
 * official 办件编号.
 */
static char *
next_case_id (YcCaseStore  *self,
              GError      **error)
{
  g_autofree char *station = yc_case_store_get_meta (self, "station");
  g_autofree char *clerk_no = yc_case_store_get_meta (self, "clerk-no");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *key = g_strconcat ("seq-", day, NULL);
  g_autofree char *last = yc_case_store_get_meta (self, key);
  guint64 seq = last ? g_ascii_strtoull (last, NULL, 10) + 1 : 1;
  g_autofree char *value = g_strdup_printf ("%" G_GUINT64_FORMAT, seq);

  if (!yc_case_store_set_meta (self, key, value, error))
    return NULL;
  return g_strdup_printf ("%s-%s-%s-%04" G_GUINT64_FORMAT,
                          station ? station : "LOCAL", clerk_no ? clerk_no : "00", day, seq);
}

char *
yc_case_store_new_draft (YcCaseStore  *self,
                         const char   *code,
                         const char   *name,
                         guint         version,
                         GError      **error)
{
  g_autofree char *id = NULL;
  g_autofree char *at = yc_now_iso8601 ();
  g_autofree char *v = g_strdup_printf ("%u", version);

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!yc_db_begin (self->db, error))
    return NULL;
  if (!(id = next_case_id (self, error)) ||
      !yc_db_run (self->db, error,
            "INSERT INTO cases (id, code, name, version, state, created, updated)"
            " VALUES (?, ?, ?, ?, 'draft', ?, ?)", id, code, name, v, at, at) ||
      !index_case (self, id, NULL, error) ||
      !yc_case_store_audit (self, "draft-created", id, code, error) ||
      !yc_db_commit (self->db, error))
    {
      yc_db_rollback (self->db);
      return NULL;
    }
  emit_case_changed (self, id);
  return g_steal_pointer (&id);
}

gboolean
yc_case_store_save_draft (YcCaseStore  *self,
                          const char   *case_id,
                          JsonObject   *form_state,
                          const char   *applicant,
                          GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  text = yc_json_object_to_string (form_state);
  if (!yc_db_begin (self->db, error))
    return FALSE;
  if (!yc_db_run (self->db, error, "UPDATE cases SET draft = ?, applicant = ?, updated = ? WHERE id = ? AND state = 'draft'",
            text, applicant, at, case_id))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("Case %s is not a draft any more"), case_id);
      goto failed;
    }
  if (!index_case (self, case_id, yc_json_get_object (form_state, "values"), error) ||
      !yc_db_commit (self->db, error))
    goto failed;
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

JsonObject *
yc_case_store_load_draft (YcCaseStore  *self,
                          const char   *case_id,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *text;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  if (!(stmt = yc_db_prepare (self->db, "SELECT draft FROM cases WHERE id = ?", error)))
    return NULL;
  yc_db_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_NOT_FOUND,
                   _("There is no case %s"), case_id);
      return NULL;
    }
  if ((text = (const char *) sqlite3_column_text (stmt, 0)) == NULL)
    return json_object_new ();
  if (!(node = yc_json_from_string (text, error)))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

/* Whether a saved form (yc_form_save()) holds nothing the clerk entered. */
static gboolean
saved_form_is_empty (const char *text)
{
  const char * const parts[] = { "answers", "values", "materials" };
  g_autoptr(JsonNode) node = text ? yc_json_from_string (text, NULL) : NULL;

  if (text == NULL)
    return TRUE;
  /* what cannot be read is not known to be empty */
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      JsonObject *part = yc_json_get_object (json_node_get_object (node), parts[i]);

      if (part != NULL && json_object_get_size (part) > 0)
        return FALSE;
    }
  return TRUE;
}

/* Fails, saying why, unless the case may be dropped; inside the caller's
 * transaction. */
static gboolean
check_droppable (YcCaseStore  *self,
                 const char   *case_id,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = yc_db_prepare (self->db,
                              "SELECT state = 'draft', draft,"
                              " EXISTS (SELECT 1 FROM events WHERE case_id = ?1),"
                              " EXISTS (SELECT 1 FROM attachment_uses WHERE case_id = ?1)"
                              " FROM cases WHERE id = ?1", error)))
    return FALSE;
  yc_db_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_NOT_FOUND,
                   _("There is no case %s"), case_id);
      return FALSE;
    }
  /* an event is what was queued for the central service, or what a
   * citizen was told: never dropped */
  if (!sqlite3_column_int (stmt, 0) || sqlite3_column_int (stmt, 2))
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("Case %s is not a draft any more"), case_id);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 3) || !saved_form_is_empty ((const char *) sqlite3_column_text (stmt, 1)))
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("Draft %s holds what the clerk entered"), case_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * yc_case_store_drop_draft:
 *
 * Forgets a draft that holds nothing: no answer, no value, no material
 * ticked, no scan, and no event. Anything else is refused with
 * %YC_CASE_STORE_ERROR_STATE: a case that went to the outbox, or that a
 * citizen was told anything about, is never dropped. The draft's local
 * number is not given out again.
 */
gboolean
yc_case_store_drop_draft (YcCaseStore  *self,
                          const char   *case_id,
                          GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  if (!check_droppable (self, case_id, error) ||
      !yc_db_run (self->db, error, "DELETE FROM case_search WHERE case_id = ?", case_id) ||
      !yc_db_run (self->db, error, "DELETE FROM cases WHERE id = ?", case_id) ||
      !yc_case_store_audit (self, "draft-dropped", case_id, NULL, error) ||
      !yc_db_commit (self->db, error))
    {
      yc_db_rollback (self->db);
      return FALSE;
    }
  emit_case_changed (self, case_id);
  return TRUE;
}

static gint64
next_seq (YcCaseStore *self,
          const char  *case_id)
{
  g_autoptr(sqlite3_stmt) stmt = yc_db_prepare (self->db, "SELECT COALESCE (MAX (seq), 0) + 1 FROM events WHERE case_id = ?", NULL);

  yc_db_bind_text (stmt, 1, case_id);
  sqlite3_step (stmt);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
insert_event (YcCaseStore  *self,
              JsonObject   *event,
              const char   *origin,
              GError      **error)
{
  g_autofree char *data = yc_json_object_to_string (event);
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT,
                                          next_seq (self, json_object_get_string_member (event, "case")));

  return yc_db_run (self->db, error,
              "INSERT OR IGNORE INTO events (uuid, case_id, seq, type, at, origin, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
              json_object_get_string_member (event, "uuid"),
              json_object_get_string_member (event, "case"),
              seq,
              json_object_get_string_member (event, "type"),
              json_object_get_string_member (event, "at"),
              origin, data);
}

/**
 * yc_case_store_submit:
 * @intake: (transfer none): the intake event (see yc_event_new())
 *
 * Turns a draft into a case: the intake event is logged and queued in one
 * durable transaction, so that what the citizen was told is on disk before
 * the receipt is printed.
 */
gboolean
yc_case_store_submit (YcCaseStore  *self,
                      const char   *case_id,
                      JsonObject   *intake,
                      GError      **error)
{
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (intake != NULL, FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  if (!yc_db_run (self->db, error, "UPDATE cases SET state = 'submitted', updated = ? WHERE id = ? AND state = 'draft'",
            at, case_id))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("Case %s is not a draft any more"), case_id);
      goto failed;
    }
  /* the form as taken is the one the case is found by */
  if (!insert_event (self, intake, "local", error) ||
      !index_case (self, case_id,
                   yc_json_get_object (yc_json_get_object (yc_json_get_object (intake, "data"), "form"), "values"),
                   error) ||
      !yc_db_run (self->db, error, "INSERT INTO outbox (uuid, queued) VALUES (?, ?)",
            json_object_get_string_member (intake, "uuid"), at) ||
      !yc_case_store_audit (self, "submitted", case_id,
                            json_object_get_string_member (json_object_get_object_member (intake, "data"), "decision"),
                            error) ||
      !yc_db_commit (self->db, error))
    goto failed;

  emit_case_changed (self, case_id);
  _yc_case_store_emit_outbox (self);
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

YcCase *
yc_case_store_get_case (YcCaseStore  *self,
                        const char   *case_id,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  if (!(stmt = yc_db_prepare (self->db, "SELECT " YC_CASE_COLUMNS " FROM cases WHERE id = ?", error)))
    return NULL;
  yc_db_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_NOT_FOUND,
                   _("There is no case %s"), case_id);
      return NULL;
    }
  return _yc_case_new_from_row (stmt);
}

/* @stmt: selects YC_CASE_COLUMNS */
GPtrArray *
_yc_case_store_read_cases (YcCaseStore   *self,
                           sqlite3_stmt  *stmt,
                           GError       **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cases, _yc_case_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      yc_db_fail (self->db, error);
      return NULL;
    }
  return g_steal_pointer (&cases);
}

static GPtrArray *
list_cases (YcCaseStore  *self,
            const char   *state,
            guint         limit,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = yc_db_prepare (self->db,
                        state ? "SELECT " YC_CASE_COLUMNS " FROM cases WHERE state = ?1 ORDER BY updated DESC LIMIT ?2"
                              : "SELECT " YC_CASE_COLUMNS " FROM cases ORDER BY updated DESC LIMIT ?2",
                        error);
  if (stmt == NULL)
    return NULL;
  if (state)
    yc_db_bind_text (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, limit ? limit : G_MAXINT64);
  return _yc_case_store_read_cases (self, stmt, error);
}

/**
 * yc_case_store_list_cases:
 * @limit: how many at most; 0 for all
 *
 * Returns: (transfer full) (element-type YcCase): the newest cases first
 */
GPtrArray *
yc_case_store_list_cases (YcCaseStore  *self,
                          guint         limit,
                          GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  return list_cases (self, NULL, limit, error);
}

/**
 * yc_case_store_list_in_state:
 * @limit: how many at most; 0 for all
 *
 * Returns: (transfer full) (element-type YcCase): the newest cases in
 *   @state first
 */
GPtrArray *
yc_case_store_list_in_state (YcCaseStore  *self,
                             YcCaseState   state,
                             guint         limit,
                             GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (state != YC_CASE_STATE_OTHER, NULL);

  return list_cases (self, yc_case_state_to_string (state), limit, error);
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

  if (!(key = search_key (query)))
    return list_cases (self, NULL, limit, error);
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

/**
 * yc_case_store_emit_changes:
 * @case_ids: (nullable) (element-type utf8): cases that changed
 * @outbox: whether the outbox changed
 *
 * Another connection to the same database (the sync's, off the main loop)
 * changed these: tells those listening to this store.
 */
void
yc_case_store_emit_changes (YcCaseStore *self,
                            GPtrArray   *case_ids,
                            gboolean     outbox)
{
  g_return_if_fail (YC_IS_CASE_STORE (self));

  if (case_ids != NULL)
    _yc_case_store_emit_changed (self, case_ids);
  if (outbox)
    _yc_case_store_emit_outbox (self);
}

/**
 * yc_case_store_get_events:
 *
 * Returns: (transfer full) (element-type JsonObject): the case's log in order
 */
GPtrArray *
yc_case_store_get_events (YcCaseStore  *self,
                          const char   *case_id,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  if (!(stmt = yc_db_prepare (self->db, "SELECT data FROM events WHERE case_id = ? ORDER BY seq", error)))
    return NULL;
  yc_db_bind_text (stmt, 1, case_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = yc_json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (events, json_object_ref (json_node_get_object (node)));
    }
  return g_steal_pointer (&events);
}

/**
 * yc_case_store_outbox_peek:
 *
 * Returns: (transfer full) (element-type YcOutboxEntry): the oldest events
 *   still to send, in the order they were made, without those set aside
 */
GPtrArray *
yc_case_store_outbox_peek (YcCaseStore  *self,
                           guint         limit,
                           GError      **error)
{
  return yc_case_store_outbox_peek_after (self, 0, limit, error);
}

/**
 * yc_case_store_outbox_peek_after:
 * @after: an outbox id (#YcOutboxEntry.id): only those queued after it
 *
 * The next batch while the one before is still on its way.
 *
 * Returns: (transfer full) (element-type YcOutboxEntry): as
 *   yc_case_store_outbox_peek() does
 */
GPtrArray *
yc_case_store_outbox_peek_after (YcCaseStore  *self,
                                 gint64        after,
                                 guint         limit,
                                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_outbox_entry_free);

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db,
                        "SELECT o.id, o.uuid, e.case_id, e.data, o.attempts FROM outbox o"
                        " JOIN events e ON e.uuid = o.uuid WHERE o.set_aside = 0 AND o.id > ? ORDER BY o.id LIMIT ?",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int (stmt, 2, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YcOutboxEntry *entry = g_new0 (YcOutboxEntry, 1);
      g_autoptr(JsonNode) node = yc_json_from_string ((const char *) sqlite3_column_text (stmt, 3), NULL);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->uuid = column_text (stmt, 1);
      entry->case_id = column_text (stmt, 2);
      entry->event = node && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node))
                                                           : json_object_new ();
      entry->attempts = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

/**
 * yc_case_store_outbox_count:
 * @oldest: (out) (optional) (transfer full) (nullable): when the oldest
 *   waiting event was queued
 *
 * Returns: how many events wait to be sent
 */
guint
yc_case_store_outbox_count (YcCaseStore  *self,
                            GDateTime   **oldest)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint count = 0;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), 0);

  if (oldest)
    *oldest = NULL;
  stmt = yc_db_prepare (self->db, "SELECT COUNT (*), MIN (queued) FROM outbox WHERE set_aside = 0", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      count = sqlite3_column_int (stmt, 0);
      if (oldest && sqlite3_column_text (stmt, 1))
        *oldest = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), NULL);
    }
  return count;
}

/**
 * yc_case_store_outbox_cases:
 *
 * Returns: (transfer full) (element-type YcCase): the cases with events
 *   waiting to be sent, without those set aside, the one waiting longest
 *   first
 */
GPtrArray *
yc_case_store_outbox_cases (YcCaseStore  *self,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db,
                        "SELECT " YC_CASE_COLUMNS " FROM cases JOIN"
                        " (SELECT e.case_id, MIN (o.id) AS first FROM outbox o JOIN events e ON e.uuid = o.uuid"
                        "  WHERE o.set_aside = 0 GROUP BY e.case_id) w ON w.case_id = cases.id"
                        " ORDER BY w.first",
                        error);
  if (stmt == NULL)
    return NULL;
  return _yc_case_store_read_cases (self, stmt, error);
}

gboolean
yc_case_store_outbox_done (YcCaseStore  *self,
                           const char   *uuid,
                           GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (!yc_db_run (self->db, error, "DELETE FROM outbox WHERE uuid = ?", uuid))
    return FALSE;
  _yc_case_store_emit_outbox (self);
  return TRUE;
}

/**
 * yc_case_store_outbox_done_many:
 * @uuids: (element-type utf8): events the central service has
 *
 * Takes a whole batch's events out of the outbox in one transaction.
 */
gboolean
yc_case_store_outbox_done_many (YcCaseStore  *self,
                                GPtrArray    *uuids,
                                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (uuids->len == 0)
    return TRUE;
  if (!yc_db_begin (self->db, error))
    return FALSE;
  if (!(stmt = yc_db_prepare (self->db, "DELETE FROM outbox WHERE uuid = ?", error)))
    goto failed;
  for (guint i = 0; i < uuids->len; i++)
    {
      sqlite3_reset (stmt);
      yc_db_bind_text (stmt, 1, g_ptr_array_index (uuids, i));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          yc_db_fail (self->db, error);
          goto failed;
        }
    }
  if (!yc_db_commit (self->db, error))
    goto failed;
  _yc_case_store_emit_outbox (self);
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

gboolean
yc_case_store_outbox_failed (YcCaseStore  *self,
                             const char   *uuid,
                             const char   *reason,
                             GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  return yc_db_run (self->db, error, "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE uuid = ?",
              reason, uuid);
}

/**
 * yc_case_store_outbox_set_aside:
 *
 * The central service refused the event for good. It is kept, with the
 * service's reason shown on its case, and no longer blocks the events
 * queued behind it.
 */
gboolean
yc_case_store_outbox_set_aside (YcCaseStore  *self,
                                const char   *uuid,
                                const char   *reason,
                                GError      **error)
{
  g_autofree char *at = yc_now_iso8601 ();
  g_autofree char *case_id = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  case_id = yc_db_query_text (self->db, "SELECT case_id FROM events WHERE uuid = ?", uuid);
  if (!yc_db_run (self->db, error, "UPDATE outbox SET set_aside = 1, last_error = ? WHERE uuid = ?", reason, uuid) ||
      !yc_db_run (self->db, error,
            "UPDATE cases SET state = 'set-aside', problem = ?, updated = ?"
            " WHERE id = (SELECT case_id FROM events WHERE uuid = ?)", reason, at, uuid) ||
      !yc_db_run (self->db, error,
            "UPDATE case_search SET updated = ? WHERE case_id = (SELECT case_id FROM events WHERE uuid = ?)",
            at, uuid) ||
      !yc_db_commit (self->db, error))
    {
      yc_db_rollback (self->db);
      return FALSE;
    }
  if (case_id != NULL)
    emit_case_changed (self, case_id);
  _yc_case_store_emit_outbox (self);
  return TRUE;
}

/* A bundle's `registered` event names its sub-cases, one per member and
 * department: they become cases of this station too, so that what each
 * department decides shows on its own line. */
static gboolean
add_sub_cases (YcCaseStore  *self,
               const char   *parent,
               JsonArray    *sub_cases,
               const char   *at,
               GError      **error)
{
  for (guint i = 0; i < json_array_get_length (sub_cases); i++)
    {
      JsonNode *node = json_array_get_element (sub_cases, i);
      JsonObject *sub = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (sub == NULL || !yc_json_get_string (sub, "case") || !yc_json_get_string (sub, "code"))
        continue;
      if (!yc_db_run (self->db, error,
                      "INSERT OR IGNORE INTO cases (id, code, name, version, state, official_no, applicant, created, updated)"
                      " SELECT ?1, ?2, COALESCE (?3, name), version, 'registered', ?4, applicant, ?5, ?5"
                      " FROM cases WHERE id = ?6",
                      yc_json_get_string (sub, "case"), yc_json_get_string (sub, "code"),
                      yc_json_get_string (sub, "name"), yc_json_get_string (sub, "official_no"), at, parent))
        return FALSE;
      /* found by its own number and the applicant's name, as its parent */
      if (sqlite3_changes (self->db) > 0 &&
          !index_case (self, yc_json_get_string (sub, "case"), NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The state a remote event of @type brings a case to. A case the window
 * only told what is missing (一次性告知) or refused (不予受理) is numbered and
 * kept by the service, but was never taken in: registering it does not make
 * it 已受理.
 */
static const char *
window_outcome (YcCaseStore *self,
                const char  *case_id,
                const char  *type)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *decision;

  if (!g_str_equal (type, YC_EVENT_REGISTERED) ||
      !(stmt = yc_db_prepare (self->db, "SELECT json_extract (data, '$.data.decision') FROM events"
                                        " WHERE case_id = ? AND type = 'intake'", NULL)))
    return type;
  yc_db_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || !(decision = (const char *) sqlite3_column_text (stmt, 0)))
    return type;
  if (g_str_equal (decision, "notify"))
    return yc_case_state_to_string (YC_CASE_STATE_NOTIFIED);
  if (g_str_equal (decision, "reject"))
    return yc_case_state_to_string (YC_CASE_STATE_REFUSED);
  return type;
}

/* Logs one remote event and folds it into its case's row, inside the
 * caller's transaction; adds the case to @changed if anything changed. */
static gboolean
apply_one (YcCaseStore  *self,
           JsonObject   *event,
           const char   *at,
           GHashTable   *changed,
           GError      **error)
{
  const char *case_id = yc_json_get_string (event, "case");
  const char *type = yc_json_get_string (event, "type");
  JsonObject *data = yc_json_get_object (event, "data");
  g_autofree char *official_key = search_key (data ? yc_json_get_string (data, "official_no") : NULL);
  g_autofree char *known = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* the service's word is checked like anything else from outside: what
   * is stored below is read as text */
  if (case_id == NULL || type == NULL || yc_json_get_string (event, "uuid") == NULL ||
      yc_json_get_string (event, "at") == NULL)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("The central service sent an event without case, type, uuid or time"));
      return FALSE;
    }
  /* a case of another station or profile is none of ours */
  if (!(stmt = yc_db_prepare (self->db, "SELECT 1 FROM cases WHERE id = ?", error)))
    return FALSE;
  yc_db_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  if (!insert_event (self, event, "remote", error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return TRUE;

  if (official_key != NULL &&
      (!yc_db_run (self->db, error, "UPDATE cases SET official_no = ? WHERE id = ?",
                   yc_json_get_string (data, "official_no"), case_id) ||
       !yc_db_run (self->db, error, "INSERT OR IGNORE INTO case_search (key, case_id, updated) VALUES (?, ?, ?)",
                   official_key, case_id, at)))
    return FALSE;
  if (data != NULL && yc_json_get_array (data, "sub_cases") != NULL &&
      !add_sub_cases (self, case_id, yc_json_get_array (data, "sub_cases"), at, error))
    return FALSE;
  /* the back office's reason for a refusal is the case's problem; how its
   * result reaches the applicant is kept beside it */
  if (g_str_equal (type, YC_EVENT_REJECTED) &&
      !yc_db_run (self->db, error, "UPDATE cases SET problem = ? WHERE id = ?",
                  data ? yc_json_get_string (data, "reason") : NULL, case_id))
    return FALSE;
  if (g_str_equal (type, YC_EVENT_RESULT) &&
      !yc_db_run (self->db, error, "UPDATE cases SET delivery = ?, delivery_note = ? WHERE id = ?",
                  data ? yc_json_get_string (data, "delivery") : NULL,
                  data ? yc_json_get_string (data, "note") : NULL, case_id))
    return FALSE;
  if (!yc_db_run (self->db, error, "UPDATE cases SET state = ?, updated = ? WHERE id = ?",
                  window_outcome (self, case_id, type), at, case_id) ||
      !touch_search (self, case_id, at, error))
    return FALSE;
  g_hash_table_add (changed, g_strdup (case_id));
  return TRUE;
}

static void
emit_changed (YcCaseStore *self,
              GHashTable  *changed)
{
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer case_id;

  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, &case_id, NULL))
    g_ptr_array_add (case_ids, case_id);
  _yc_case_store_emit_changed (self, case_ids);
}

/**
 * yc_case_store_apply_remote:
 * @event: an event made by the central service or the back office
 *
 * Logs the event once (by UUID) and folds it into the case's row.
 */
gboolean
yc_case_store_apply_remote (YcCaseStore  *self,
                            JsonObject   *event,
                            GError      **error)
{
  g_autoptr(JsonArray) events = json_array_new ();

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  json_array_add_object_element (events, json_object_ref (event));
  return yc_case_store_apply_changes (self, events, NULL, error);
}

/**
 * yc_case_store_apply_changes:
 * @events: a page of the central service's change feed
 * @cursor: (nullable): the feed's cursor after this page
 *
 * Applies a page as yc_case_store_apply_remote() does each event, and
 * keeps the cursor with it, in one durable transaction: a page is either
 * wholly stored with its cursor or not at all, and costs one write to the
 * disk rather than one per event.
 */
gboolean
yc_case_store_apply_changes (YcCaseStore  *self,
                             JsonArray    *events,
                             const char   *cursor,
                             GError      **error)
{
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                       _("The central service’s change feed holds something that is not an event"));
          goto failed;
        }
      if (!apply_one (self, json_node_get_object (node), at, changed, error))
        goto failed;
    }
  if ((cursor != NULL && !yc_case_store_set_meta (self, "changes-cursor", cursor, error)) ||
      !yc_db_commit (self->db, error))
    goto failed;
  emit_changed (self, changed);
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

/**
 * yc_case_store_save_catalog:
 *
 * Keeps a catalog the central service published and makes it the current
 * one. Call it only with a document that loaded without problems.
 */
gboolean
yc_case_store_save_catalog (YcCaseStore  *self,
                            const char   *version,
                            const char   *etag,
                            GBytes       *document,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *at = yc_now_iso8601 ();
  gsize length;
  const void *data;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  if (!yc_db_run (self->db, error, "UPDATE catalog SET current = 0", NULL) ||
      !(stmt = yc_db_prepare (self->db,
                              "INSERT OR REPLACE INTO catalog (version, etag, document, fetched, current)"
                              " VALUES (?, ?, ?, ?, 1)", error)))
    goto failed;
  data = g_bytes_get_data (document, &length);
  yc_db_bind_text (stmt, 1, version);
  yc_db_bind_text (stmt, 2, etag);
  sqlite3_bind_blob64 (stmt, 3, data, length, SQLITE_TRANSIENT);
  yc_db_bind_text (stmt, 4, at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      yc_db_fail (self->db, error);
      goto failed;
    }
  if (!yc_db_commit (self->db, error))
    goto failed;
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

/**
 * yc_case_store_load_catalog:
 *
 * Returns: (transfer full) (nullable): the current catalog document
 */
GBytes *
yc_case_store_load_catalog (YcCaseStore  *self,
                            char        **version,
                            char        **etag)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db, "SELECT version, etag, document FROM catalog WHERE current = 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (version)
    *version = column_text (stmt, 0);
  if (etag)
    *etag = column_text (stmt, 1);
  return g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
}

/**
 * yc_case_store_load_catalog_version:
 *
 * Every catalog version the station received is kept, so that a draft is
 * finished under the template it was opened with.
 *
 * Returns: (transfer full) (nullable): that version's document
 */
GBytes *
yc_case_store_load_catalog_version (YcCaseStore *self,
                                    const char  *version)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db, "SELECT document FROM catalog WHERE version = ?", NULL);
  if (stmt == NULL)
    return NULL;
  yc_db_bind_text (stmt, 1, version);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

/**
 * yc_case_store_save_calendar:
 *
 * Keeps the working-day calendar the central service published, in place
 * of the one before. Call it only with a document that loaded.
 */
gboolean
yc_case_store_save_calendar (YcCaseStore  *self,
                             const char   *etag,
                             GBytes       *document,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *at = yc_now_iso8601 ();
  gsize length;
  const void *data;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  if (!(stmt = yc_db_prepare (self->db,
                              "INSERT OR REPLACE INTO calendar (id, etag, document, fetched) VALUES (1, ?, ?, ?)",
                              error)))
    return FALSE;
  data = g_bytes_get_data (document, &length);
  yc_db_bind_text (stmt, 1, etag);
  sqlite3_bind_blob64 (stmt, 2, data, length, SQLITE_TRANSIENT);
  yc_db_bind_text (stmt, 3, at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yc_db_fail (self->db, error);
  return TRUE;
}

/**
 * yc_case_store_load_calendar:
 * @etag: (out) (optional) (transfer full) (nullable): its ETag
 *
 * Returns: (transfer full) (nullable): the calendar document last kept
 */
GBytes *
yc_case_store_load_calendar (YcCaseStore  *self,
                             char        **etag)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  stmt = yc_db_prepare (self->db, "SELECT etag, document FROM calendar WHERE id = 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (etag)
    *etag = column_text (stmt, 0);
  return g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
}

static void
yc_case_store_finalize (GObject *object)
{
  YcCaseStore *self = (YcCaseStore *)object;

  g_clear_pointer (&self->search_delete, sqlite3_finalize);
  g_clear_pointer (&self->search_insert, sqlite3_finalize);
  g_clear_pointer (&self->db, yc_db_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (yc_case_store_parent_class)->finalize (object);
}

static void
yc_case_store_class_init (YcCaseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_case_store_finalize;

  signals[CASE_CHANGED] =
    g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * YcCaseStore::cases-changed:
   * @case_ids: (array zero-terminated=1): the cases that changed
   *
   * Once for each change, whether to one case or to the hundreds a sync
   * brings, after #YcCaseStore::case-changed for each of them: what lists
   * cases (yc-case-list.c) reads them again once.
   */
  signals[CASES_CHANGED] =
    g_signal_new ("cases-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
  signals[OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
yc_case_store_init (YcCaseStore *self)
{
}

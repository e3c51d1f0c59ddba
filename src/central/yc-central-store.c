/* yc-central-store.c: the central service's storage in SQLite
 *
 * The embedded default implementation of YcCentralStorage. Every statement
 * here is plain SQL that PostgreSQL runs as well; each operation of the
 * interface is one transaction of its own.
 *
 * The events table is also the change feed: its sequence number is the
 * cursor a station pulls from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-audit.h"
#include "yc-central-store.h"
#include "yc-db.h"
#include "yichuang.h"

struct _YcCentralStore
{
  GObject   parent_instance;

  sqlite3   *db;
  GTimeZone *tz;         /* GLib reads /etc/localtime again for each new one */
  gboolean   in_batch;
};

static void yc_central_store_storage_init (YcCentralStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YcCentralStore, yc_central_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (YC_TYPE_CENTRAL_STORAGE, yc_central_store_storage_init))

#define STORE(storage) YC_CENTRAL_STORE (storage)

static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE stations (code TEXT PRIMARY KEY, name TEXT NOT NULL);"
  "CREATE TABLE enroll_codes (code TEXT PRIMARY KEY, station TEXT NOT NULL REFERENCES stations (code),"
  "  created TEXT NOT NULL, used TEXT);"
  "CREATE TABLE clerks (token_hash TEXT PRIMARY KEY, station TEXT NOT NULL REFERENCES stations (code),"
  "  clerk TEXT NOT NULL, clerk_no TEXT NOT NULL, enrolled TEXT NOT NULL, UNIQUE (station, clerk_no));"
  "CREATE TABLE cases (id TEXT PRIMARY KEY, station TEXT NOT NULL, code TEXT NOT NULL,"
  "  official_no TEXT NOT NULL UNIQUE, department TEXT, state TEXT NOT NULL, received TEXT NOT NULL);"
  "CREATE INDEX cases_department ON cases (department, state);"
  "CREATE TABLE day_sequences (prefix TEXT NOT NULL, day TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (prefix, day));"
  "CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,"
  "  case_id TEXT NOT NULL, station TEXT NOT NULL, type TEXT NOT NULL, origin TEXT NOT NULL,"
  "  data TEXT NOT NULL);"
  "CREATE INDEX events_feed ON events (station, origin, seq);"
  "CREATE INDEX events_case ON events (case_id, seq);",
  /* 2: a bundle's sub-cases point to their parent */
  "ALTER TABLE cases ADD COLUMN parent TEXT;"
  "CREATE INDEX cases_parent ON cases (parent);",
  /* 3: the back office: departments' tokens, and when a case last changed */
  "CREATE TABLE departments (token_hash TEXT PRIMARY KEY, department TEXT NOT NULL, created TEXT NOT NULL);"
  "ALTER TABLE cases ADD COLUMN updated TEXT;",
  /* 4, 5: reserved */
  "SELECT 1;",
  "SELECT 1;",
  /* 6: tokens that expire (from when they were issued, by the server's
   * policy) and are revoked; the service's own audit trail, of the
   * station's shape (yc-audit.c) */
  "ALTER TABLE clerks ADD COLUMN issued TEXT;"
  "ALTER TABLE clerks ADD COLUMN revoked TEXT;"
  "ALTER TABLE clerks ADD COLUMN revoked_reason TEXT;"
  "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT, station TEXT,"
  "  action TEXT NOT NULL, case_id TEXT, detail TEXT, hash TEXT NOT NULL);",
  NULL
};

/* An enrollment code is kept as its SHA-256, like a token, so that a copy
 * of the database enrolls no one. Codes made before that was so are
 * hashed where they are, once; SQLite has no SHA-256 of its own to do it
 * in a migration. */
static gboolean
hash_enroll_codes (YcCentralStore  *self,
                   GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) plain = g_ptr_array_new_with_free_func (g_free);

  if (!(stmt = yc_db_prepare (self->db, "SELECT code FROM enroll_codes WHERE length (code) <> 64", error)))
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (plain, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (plain->len == 0)
    return TRUE;
  if (!yc_db_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < plain->len; i++)
    {
      g_autofree char *hash = yc_central_hash_token (g_ptr_array_index (plain, i));

      if (!yc_db_run (self->db, error, "UPDATE enroll_codes SET code = ? WHERE code = ?", hash,
                      (const char *) g_ptr_array_index (plain, i)))
        {
          yc_db_rollback (self->db);
          return FALSE;
        }
    }
  return yc_db_commit (self->db, error);
}

/**
 * yc_central_store_open:
 *
 * Returns: (transfer full): the storage in the SQLite database at @path,
 *   made or migrated as needed
 */
YcCentralStorage *
yc_central_store_open (const char  *path,
                       GError     **error)
{
  YcCentralStore *self;
  sqlite3 *db;

  if (!(db = yc_db_open (path, migrations, error)))
    return NULL;
  self = g_object_new (YC_TYPE_CENTRAL_STORE, NULL);
  self->db = db;
  self->tz = g_time_zone_new_local ();
  if (!hash_enroll_codes (self, error))
    {
      g_object_unref (self);
      return NULL;
    }
  return YC_CENTRAL_STORAGE (self);
}

/* A batch of events a station sent is one transaction: one write to the
 * disk for the batch, not one for each event, and the answer is sent only
 * once it is durable. Inside it each change is a savepoint, so that a
 * change that fails leaves the others of the batch in place. */
static gboolean
change_begin (YcCentralStore  *self,
              GError         **error)
{
  return self->in_batch ? yc_db_run (self->db, error, "SAVEPOINT change", NULL) : yc_db_begin (self->db, error);
}

static gboolean
change_commit (YcCentralStore  *self,
               GError         **error)
{
  return self->in_batch ? yc_db_run (self->db, error, "RELEASE change", NULL) : yc_db_commit (self->db, error);
}

static void
change_rollback (YcCentralStore *self)
{
  if (self->in_batch)
    {
      yc_db_run (self->db, NULL, "ROLLBACK TO change", NULL);
      yc_db_run (self->db, NULL, "RELEASE change", NULL);
    }
  else
    yc_db_rollback (self->db);
}

static gboolean
yc_central_store_begin_batch (YcCentralStorage  *storage,
                              GError           **error)
{
  YcCentralStore *self = STORE (storage);

  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  self->in_batch = TRUE;
  return TRUE;
}

static gboolean
yc_central_store_end_batch (YcCentralStorage  *storage,
                            GError           **error)
{
  YcCentralStore *self = STORE (storage);

  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  return yc_db_commit (self->db, error);
}

static char *
yc_central_store_add_enroll_code (YcCentralStorage  *storage,
                                  const char        *station,
                                  const char        *station_name,
                                  GError           **error)
{
  YcCentralStore *self = STORE (storage);
  /* short enough to read out over the phone, long enough not to guess */
  g_autofree char *code = yc_central_random_hex (6);
  g_autofree char *code_hash = yc_central_hash_token (code);
  g_autofree char *at = yc_now_iso8601 ();

  if (!yc_db_begin (self->db, error))
    return NULL;
  if (!yc_db_run (self->db, error, "INSERT INTO stations (code, name) VALUES (?1, ?2)"
                         " ON CONFLICT (code) DO UPDATE SET name = COALESCE (?2, name)",
            station, station_name ? station_name : station) ||
      !yc_db_run (self->db, error, "INSERT INTO enroll_codes (code, station, created) VALUES (?, ?, ?)",
                  code_hash, station, at) ||
      !yc_db_commit (self->db, error))
    {
      yc_db_rollback (self->db);
      return NULL;
    }
  return g_steal_pointer (&code);
}

static gboolean
yc_central_store_enroll (YcCentralStorage  *storage,
                         const char        *station,
                         const char        *code,
                         GDateTime         *made_after,
                         const char        *clerk,
                         char             **token,
                         char             **clerk_no,
                         char             **station_name,
                         GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autofree char *code_hash = yc_central_hash_token (code);
  g_autoptr(GDateTime) made = NULL;
  g_autofree char *found = NULL;
  g_autofree char *count = NULL;
  g_autofree char *new_token = yc_central_random_hex (32);
  g_autofree char *hash = yc_central_hash_token (new_token);
  g_autofree char *number = NULL;
  g_autofree char *at = yc_now_iso8601 ();

  if (!yc_db_begin (self->db, error))
    return FALSE;
  found = yc_db_query_text (self->db, "SELECT created FROM enroll_codes WHERE code = ? AND station = ? AND used IS NULL",
                            code_hash, station);
  if (found == NULL)
    {
      yc_db_rollback (self->db);
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_ENROLL,
                   _("The enrollment code is unknown, already used, or for another station than %s"), station);
      return FALSE;
    }
  made = g_date_time_new_from_iso8601 (found, NULL);
  if (made_after != NULL && (made == NULL || g_date_time_compare (made, made_after) < 0))
    {
      yc_db_rollback (self->db);
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_EXPIRED,
                   _("The enrollment code for %s has expired; ask the service’s operator for a new one"), station);
      return FALSE;
    }
  count = yc_db_query_text (self->db, "SELECT COUNT (*) + 1 FROM clerks WHERE station = ?", station);
  number = g_strdup_printf ("%02u", (guint) g_ascii_strtoull (count, NULL, 10));
  if (!yc_db_run (self->db, error, "UPDATE enroll_codes SET used = ? WHERE code = ?", at, code_hash) ||
      !yc_db_run (self->db, error, "INSERT INTO clerks (token_hash, station, clerk, clerk_no, enrolled) VALUES (?, ?, ?, ?, ?)",
            hash, station, clerk, number, at) ||
      !yc_audit_db_append (self->db, at, clerk, station, "enrolled", NULL, number, error) ||
      !yc_db_commit (self->db, error))
    {
      yc_db_rollback (self->db);
      return FALSE;
    }
  *token = g_steal_pointer (&new_token);
  *clerk_no = g_steal_pointer (&number);
  *station_name = yc_db_query_text (self->db, "SELECT name FROM stations WHERE code = ?", station);
  return TRUE;
}

static gboolean
yc_central_store_authenticate (YcCentralStorage  *storage,
                               const char        *token,
                               char             **station,
                               char             **clerk,
                               GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autofree char *hash = yc_central_hash_token (token);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = yc_db_prepare (self->db, "SELECT station, clerk FROM clerks WHERE token_hash = ?", error)))
    return FALSE;
  yc_db_bind_text (stmt, 1, hash);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_TOKEN, _("The token is not known"));
      return FALSE;
    }
  *station = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *clerk = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return TRUE;
}

static char *
yc_central_store_add_department_token (YcCentralStorage  *storage,
                                       const char        *department,
                                       GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autofree char *token = yc_central_random_hex (32);
  g_autofree char *hash = yc_central_hash_token (token);
  g_autofree char *at = yc_now_iso8601 ();

  if (!yc_db_run (self->db, error, "INSERT INTO departments (token_hash, department, created) VALUES (?, ?, ?)",
                  hash, department, at))
    return NULL;
  return g_steal_pointer (&token);
}

static char *
yc_central_store_authenticate_department (YcCentralStorage  *storage,
                                          const char        *token,
                                          GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autofree char *hash = yc_central_hash_token (token);
  char *department = yc_db_query_text (self->db, "SELECT department FROM departments WHERE token_hash = ?", hash);

  if (department == NULL)
    g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_TOKEN, _("The token is not known"));
  return department;
}

static gboolean
yc_central_store_has_event (YcCentralStorage *storage,
                            const char       *uuid)
{
  g_autofree char *found = yc_db_query_text (STORE (storage)->db, "SELECT 1 FROM events WHERE uuid = ?", uuid);

  return found != NULL;
}

static JsonObject *
yc_central_store_find_event (YcCentralStorage  *storage,
                             const char        *uuid,
                             GError           **error)
{
  g_autofree char *data = yc_db_query_text (STORE (storage)->db, "SELECT data FROM events WHERE uuid = ?", uuid);
  g_autoptr(JsonNode) node = NULL;

  if (data == NULL || !(node = yc_json_from_string (data, error)) || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static char *
yc_central_store_case_station (YcCentralStorage *storage,
                               const char       *case_id)
{
  return yc_db_query_text (STORE (storage)->db, "SELECT station FROM cases WHERE id = ?", case_id);
}

static gboolean
yc_central_store_has_clerk (YcCentralStorage *storage,
                            const char       *station,
                            const char       *clerk_no)
{
  g_autofree char *found = yc_db_query_text (STORE (storage)->db,
                                             "SELECT 1 FROM clerks WHERE station = ? AND clerk_no = ?",
                                             station, clerk_no);

  return found != NULL;
}

static gboolean
insert_event (YcCentralStore  *self,
              JsonObject      *event,
              const char      *origin,
              GError         **error)
{
  g_autofree char *data = yc_json_object_to_string (event);
  g_autofree char *at = yc_now_iso8601 ();

  /* the service's trail names the event, never what it holds */
  return yc_db_run (self->db, error,
              "INSERT INTO events (uuid, case_id, station, type, origin, data) VALUES (?, ?, ?, ?, ?, ?)",
              json_object_get_string_member (event, "uuid"),
              json_object_get_string_member (event, "case"),
              json_object_get_string_member (event, "station"),
              json_object_get_string_member (event, "type"),
              origin, data) &&
         yc_audit_db_append (self->db, at, yc_json_get_string (event, "actor"),
                             json_object_get_string_member (event, "station"),
                             "event-stored", json_object_get_string_member (event, "case"),
                             json_object_get_string_member (event, "type"), error);
}

/* 办件编号: the item's 实施编码 (or the bundle's code), the day, and the
 * day's sequence for it, written as yc_official_no_make() says.
 */
static char *
next_official_no (YcCentralStore  *self,
                  const char      *prefix,
                  GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *seq = NULL;
  char *number;

  if (!yc_db_run (self->db, error,
            "INSERT INTO day_sequences (prefix, day, seq) VALUES (?, ?, 1)"
            " ON CONFLICT (prefix, day) DO UPDATE SET seq = seq + 1", prefix, day))
    return NULL;
  seq = yc_db_query_text (self->db, "SELECT seq FROM day_sequences WHERE prefix = ? AND day = ?", prefix, day);
  if (!(number = yc_official_no_make (prefix, day, seq ? g_ascii_strtoull (seq, NULL, 10) : 0)))
    g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_CONFLICT,
                 _("%s has had %u cases today, as many as its official numbers can count; the case waits for tomorrow"),
                 prefix, YC_OFFICIAL_NO_MAX_SEQUENCE);
  return number;
}

static gboolean
yc_central_store_take_intake (YcCentralStorage  *storage,
                              JsonObject        *event,
                              const char        *impl_code,
                              const char        *department,
                              JsonArray         *members,
                              const char        *state,
                              YcStoreResult     *result,
                              GError           **error)
{
  YcCentralStore *self = STORE (storage);
  const char *uuid = json_object_get_string_member (event, "uuid");
  const char *case_id = json_object_get_string_member (event, "case");
  const char *station = json_object_get_string_member (event, "station");
  JsonObject *intake = json_object_get_object_member (event, "data");
  JsonObject *form = json_object_get_object_member (intake, "form");
  gint64 round = json_object_get_int_member_with_default (intake, "round", 1);
  g_autofree char *official = NULL;
  g_autofree char *at = yc_now_iso8601 ();
  g_autoptr(JsonObject) registered = NULL;
  JsonObject *data;

  if (!change_begin (self, error))
    return FALSE;
  if (yc_central_store_has_event (storage, uuid))
    {
      change_rollback (self);
      *result = YC_STORE_RESULT_DUPLICATE;
      return TRUE;
    }
  official = yc_db_query_text (self->db, "SELECT official_no FROM cases WHERE id = ?", case_id);
  if (official != NULL && round <= 1)
    {
      change_rollback (self);
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_INVALID,
                   _("Case %s was already taken in as %s by another intake event"), case_id, official);
      return FALSE;
    }
  if (official == NULL && round > 1)
    {
      change_rollback (self);
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_INVALID,
                   _("There is no case %s to decide again"), case_id);
      return FALSE;
    }
  /* deciding again after 补正 keeps the case's number */
  if (official != NULL)
    {
      if (!yc_db_run (self->db, error, "UPDATE cases SET department = ?, state = ?, updated = ? WHERE id = ?",
                      department, state, at, case_id) ||
          !insert_event (self, event, "station", error))
        goto failed;
    }
  else if (!(official = next_official_no (self, impl_code, error)) ||
           !yc_db_run (self->db, error,
                 "INSERT INTO cases (id, station, code, official_no, department, state, received, updated)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?6, ?6)",
                 case_id, station, json_object_get_string_member (form, "code"), official, department, at, state) ||
           !insert_event (self, event, "station", error))
    goto failed;

  data = json_object_new ();
  json_object_set_string_member (data, "official_no", official);
  if (round > 1)
    json_object_set_int_member (data, "round", round);
  if (department)
    json_object_set_string_member (data, "department", department);
  if (members != NULL)
    {
      JsonArray *sub_cases = json_array_new ();

      json_object_set_array_member (data, "sub_cases", sub_cases);
      for (guint i = 0; i < json_array_get_length (members); i++)
        {
          JsonObject *member = json_array_get_object_element (members, i);
          const char *code = json_object_get_string_member (member, "code");
          g_autofree char *sub_id = g_strdup_printf ("%s/%u", case_id, i + 1);
          g_autofree char *sub_official = NULL;
          JsonObject *sub = json_object_new ();

          json_array_add_object_element (sub_cases, sub);
          if (!(sub_official = next_official_no (self, json_object_get_string_member (member, "impl_code"), error)) ||
              !yc_db_run (self->db, error,
                    "INSERT INTO cases (id, station, code, official_no, department, state, received, updated, parent)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, 'registered', ?6, ?6, ?7)",
                    sub_id, station, code, sub_official,
                    json_object_get_string_member (member, "department"), at, case_id))
            {
              json_object_unref (data);
              goto failed;
            }
          json_object_set_string_member (sub, "case", sub_id);
          json_object_set_string_member (sub, "code", code);
          if (json_object_has_member (member, "name"))
            json_object_set_string_member (sub, "name", json_object_get_string_member (member, "name"));
          json_object_set_string_member (sub, "official_no", sub_official);
          json_object_set_string_member (sub, "department", json_object_get_string_member (member, "department"));
        }
    }
  registered = yc_event_new (case_id, YC_EVENT_REGISTERED, YC_ACTOR_CENTRAL, station, data);
  if (!insert_event (self, registered, YC_ACTOR_CENTRAL, error) ||
      !change_commit (self, error))
    goto failed;

  *result = YC_STORE_RESULT_STORED;
  return TRUE;

failed:
  change_rollback (self);
  return FALSE;
}

static gboolean
yc_central_store_add_event (YcCentralStorage  *storage,
                            JsonObject        *event,
                            const char        *state,
                            YcStoreResult     *result,
                            GError           **error)
{
  YcCentralStore *self = STORE (storage);
  const char *case_id = json_object_get_string_member (event, "case");
  g_autofree char *known = NULL;

  if (yc_central_store_has_event (storage, json_object_get_string_member (event, "uuid")))
    {
      *result = YC_STORE_RESULT_DUPLICATE;
      return TRUE;
    }
  if (!(known = yc_db_query_text (self->db, "SELECT id FROM cases WHERE id = ?", case_id)))
    {
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_INVALID,
                   _("There is no case %s to add an event to"), case_id);
      return FALSE;
    }
  if (!change_begin (self, error))
    return FALSE;
  if (!insert_event (self, event, "station", error) ||
      (state != NULL &&
       !yc_db_run (self->db, error, "UPDATE cases SET state = ?, updated = ? WHERE id = ?",
                   state, json_object_get_string_member (event, "at"), case_id)) ||
      !change_commit (self, error))
    {
      change_rollback (self);
      return FALSE;
    }
  *result = YC_STORE_RESULT_STORED;
  return TRUE;
}

static JsonArray *
yc_central_store_changes (YcCentralStorage  *storage,
                          const char        *station,
                          gint64             after,
                          guint              limit,
                          gint64            *cursor,
                          gboolean          *more,
                          GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) events = json_array_new ();
  guint n = 0;
  int rc;

  stmt = yc_db_prepare (self->db,
                        "SELECT seq, data FROM events WHERE station = ? AND origin <> 'station' AND seq > ?"
                        " ORDER BY seq LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  yc_db_bind_text (stmt, 1, station);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);
  *cursor = after;
  *more = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = NULL;

      if (n++ == limit)
        {
          *more = TRUE;
          break;
        }
      *cursor = sqlite3_column_int64 (stmt, 0);
      node = yc_json_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);
      if (node != NULL)
        json_array_add_element (events, g_steal_pointer (&node));
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      yc_db_fail (self->db, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* the promised completion date is the window's, in the intake (a sub-case's
 * is its bundle's), counted again on the way in with the same calendar */
#define CASE_COLUMNS "id, station, code, official_no, department, state, received, parent, updated," \
  " (SELECT json_extract (e.data, '$.data.promised_by') FROM events e" \
  "  WHERE e.case_id = COALESCE (cases.parent, cases.id) AND e.type = 'intake')"

static JsonObject *
read_case (sqlite3_stmt *stmt)
{
  const char *names[] = { "case", "station", "code", "official_no", "department", "state", "received", "parent",
                          "updated", "promised_by" };
  JsonObject *o = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (sqlite3_column_text (stmt, i))
      json_object_set_string_member (o, names[i], (const char *) sqlite3_column_text (stmt, i));
  return o;
}

static JsonArray *
yc_central_store_list_cases (YcCentralStorage  *storage,
                             const char        *department,
                             const char        *state,
                             guint              offset,
                             guint              limit,
                             GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autoptr(GString) sql = g_string_new ("SELECT " CASE_COLUMNS " FROM cases WHERE 1 = 1");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) cases = json_array_new ();
  int rc;

  /* a condition only for what is asked, so that the planner can use the
   * (department, state) index */
  if (department)
    g_string_append (sql, " AND department = ?1");
  if (state)
    g_string_append (sql, " AND state = ?2");
  g_string_append (sql, " ORDER BY received, id LIMIT ?3 OFFSET ?4");
  if (!(stmt = yc_db_prepare (self->db, sql->str, error)))
    return NULL;
  yc_db_bind_text (stmt, 1, department);
  yc_db_bind_text (stmt, 2, state);
  sqlite3_bind_int64 (stmt, 3, limit ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, 4, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_object_element (cases, read_case (stmt));
  if (rc != SQLITE_DONE)
    {
      yc_db_fail (self->db, error);
      return NULL;
    }
  return g_steal_pointer (&cases);
}

static JsonObject *
yc_central_store_find_case (YcCentralStorage  *storage,
                            const char        *official_no,
                            GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = yc_db_prepare (self->db, "SELECT " CASE_COLUMNS " FROM cases WHERE official_no = ?", error)))
    return NULL;
  yc_db_bind_text (stmt, 1, official_no);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    return read_case (stmt);
  if (rc != SQLITE_DONE)
    yc_db_fail (self->db, error);
  else
    g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_NOT_FOUND,
                 _("There is no case numbered %s"), official_no);
  return NULL;
}

static JsonArray *
yc_central_store_case_events (YcCentralStorage  *storage,
                              const char        *case_id,
                              GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) events = json_array_new ();
  int rc;

  if (!(stmt = yc_db_prepare (self->db, "SELECT data FROM events WHERE case_id = ? ORDER BY seq", error)))
    return NULL;
  yc_db_bind_text (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = yc_json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);

      if (node != NULL)
        json_array_add_element (events, g_steal_pointer (&node));
    }
  if (rc != SQLITE_DONE)
    {
      yc_db_fail (self->db, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

static gboolean
yc_central_store_set_case_state (YcCentralStorage  *storage,
                                 const char        *case_id,
                                 const char        *from_state,
                                 const char        *to_state,
                                 JsonObject        *event,
                                 GError           **error)
{
  YcCentralStore *self = STORE (storage);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  if (!yc_db_run (self->db, error, "UPDATE cases SET state = ?, updated = ? WHERE id = ? AND state = ?",
                  to_state, json_object_get_string_member (event, "at"), case_id, from_state))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_CONFLICT,
                   _("Case %s is no longer %s"), case_id, from_state);
      goto failed;
    }
  if (!insert_event (self, event, "department", error) ||
      !yc_db_commit (self->db, error))
    goto failed;
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

static JsonObject *
yc_central_store_find_token (YcCentralStorage  *storage,
                             const char        *token,
                             GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autofree char *hash = yc_central_hash_token (token);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonObject *o;
  int rc;

  if (!(stmt = yc_db_prepare (self->db, "SELECT station, clerk, clerk_no, COALESCE (issued, enrolled), revoked,"
                                        " revoked_reason FROM clerks WHERE token_hash = ?", error)))
    return NULL;
  yc_db_bind_text (stmt, 1, hash);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_TOKEN, _("The token is not known"));
      else
        yc_db_fail (self->db, error);
      return NULL;
    }
  o = json_object_new ();
  json_object_set_string_member (o, "station", (const char *) sqlite3_column_text (stmt, 0));
  json_object_set_string_member (o, "clerk", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_string_member (o, "clerk_no", (const char *) sqlite3_column_text (stmt, 2));
  json_object_set_string_member (o, "issued", (const char *) sqlite3_column_text (stmt, 3));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    json_object_set_string_member (o, "revoked", (const char *) sqlite3_column_text (stmt, 4));
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    json_object_set_string_member (o, "reason", (const char *) sqlite3_column_text (stmt, 5));
  return o;
}

static gint64
yc_central_store_revoke (YcCentralStorage  *storage,
                         const char        *station,
                         const char        *clerk_no,
                         const char        *reason,
                         GError           **error)
{
  YcCentralStore *self = STORE (storage);
  g_autofree char *at = yc_now_iso8601 ();
  g_autofree char *detail = NULL;
  gint64 n;

  if (!yc_db_begin (self->db, error))
    return -1;
  if (!yc_db_run (self->db, error, "UPDATE clerks SET revoked = ?1, revoked_reason = ?2"
                                   " WHERE station = ?3 AND (?4 IS NULL OR clerk_no = ?4) AND revoked IS NULL",
                  at, reason, station, clerk_no))
    goto failed;
  n = sqlite3_changes (self->db);
  detail = g_strdup_printf ("%s%s%s", clerk_no ? clerk_no : "*", ": ", reason);
  if ((n > 0 && !yc_audit_db_append (self->db, at, NULL, station, "token-revoked", NULL, detail, error)) ||
      !yc_db_commit (self->db, error))
    goto failed;
  return n;

failed:
  yc_db_rollback (self->db);
  return -1;
}

static gboolean
yc_central_store_audit (YcCentralStorage  *storage,
                        const char        *actor,
                        const char        *station,
                        const char        *action,
                        const char        *case_id,
                        const char        *detail,
                        GError           **error)
{
  g_autofree char *at = yc_now_iso8601 ();

  return yc_audit_db_append (STORE (storage)->db, at, actor, station, action, case_id, detail, error);
}

static gboolean
yc_central_store_verify_audit (YcCentralStorage  *storage,
                               guint64           *n_entries,
                               char             **head,
                               GError           **error)
{
  return yc_audit_db_verify (STORE (storage)->db, n_entries, head, error);
}

static void
yc_central_store_finalize (GObject *object)
{
  YcCentralStore *self = (YcCentralStore *)object;

  g_clear_pointer (&self->db, yc_db_close);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (yc_central_store_parent_class)->finalize (object);
}

static void
yc_central_store_class_init (YcCentralStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_central_store_finalize;
}

static void
yc_central_store_storage_init (YcCentralStorageInterface *iface)
{
  iface->add_enroll_code = yc_central_store_add_enroll_code;
  iface->enroll = yc_central_store_enroll;
  iface->authenticate = yc_central_store_authenticate;
  iface->add_department_token = yc_central_store_add_department_token;
  iface->authenticate_department = yc_central_store_authenticate_department;
  iface->begin_batch = yc_central_store_begin_batch;
  iface->end_batch = yc_central_store_end_batch;
  iface->has_event = yc_central_store_has_event;
  iface->take_intake = yc_central_store_take_intake;
  iface->add_event = yc_central_store_add_event;
  iface->changes = yc_central_store_changes;
  iface->list_cases = yc_central_store_list_cases;
  iface->find_case = yc_central_store_find_case;
  iface->case_events = yc_central_store_case_events;
  iface->set_case_state = yc_central_store_set_case_state;
  iface->find_event = yc_central_store_find_event;
  iface->case_station = yc_central_store_case_station;
  iface->has_clerk = yc_central_store_has_clerk;
  iface->find_token = yc_central_store_find_token;
  iface->revoke = yc_central_store_revoke;
  iface->audit = yc_central_store_audit;
  iface->verify_audit = yc_central_store_verify_audit;
}

static void
yc_central_store_init (YcCentralStore *self)
{
}

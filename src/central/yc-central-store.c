/* yc-central-store.c: what the central service keeps
 *
 * SQLite is the embedded default. Every statement here is plain SQL that
 * PostgreSQL runs as well, and all state goes through this one type, so a
 * deployment that outgrows one machine swaps the store, not the service.
 *
 * The events table is also the change feed: its sequence number is the
 * cursor a station pulls from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sys/random.h>

#include "yc-central-store.h"
#include "yichuang.h"

struct _YcCentralStore
{
  GObject   parent_instance;

  sqlite3   *db;
  GTimeZone *tz;         /* GLib reads /etc/localtime again for each new one */
  gboolean   in_batch;
};

G_DEFINE_FINAL_TYPE (YcCentralStore, yc_central_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-central-error-quark, yc_central_error)

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
  NULL
};

YcCentralStore *
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
  return self;
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

/**
 * yc_central_store_begin_batch:
 *
 * Makes the changes up to yc_central_store_end_batch() one transaction.
 */
gboolean
yc_central_store_begin_batch (YcCentralStore  *self,
                              GError         **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  self->in_batch = TRUE;
  return TRUE;
}

/**
 * yc_central_store_end_batch:
 *
 * Returns: %TRUE when the batch's changes are on the disk; otherwise none
 *   of them is
 */
gboolean
yc_central_store_end_batch (YcCentralStore  *self,
                            GError         **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  return yc_db_commit (self->db, error);
}

/* Tokens and enrollment codes are secrets: they come from the kernel's
 * generator, not from GRand. */
static char *
random_hex (guint bytes)
{
  guint8 buffer[64];
  GString *s = g_string_new (NULL);

  g_assert (bytes <= sizeof buffer);
  if (getrandom (buffer, bytes, 0) != (gssize) bytes)
    g_error ("getrandom: %s", g_strerror (errno));
  for (guint i = 0; i < bytes; i++)
    g_string_append_printf (s, "%02x", buffer[i]);
  return g_string_free (s, FALSE);
}

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/**
 * yc_central_store_add_enroll_code:
 *
 * Makes a one-time code with which one clerk of @station enrolls; the
 * station is created on first use.
 *
 * Returns: (transfer full): the code, to hand to the station
 */
char *
yc_central_store_add_enroll_code (YcCentralStore  *self,
                                  const char      *station,
                                  const char      *station_name,
                                  GError         **error)
{
  /* short enough to read out over the phone, long enough not to guess */
  g_autofree char *code = random_hex (6);
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (YC_IS_CENTRAL_STORE (self), NULL);

  if (!yc_db_begin (self->db, error))
    return NULL;
  if (!yc_db_run (self->db, error, "INSERT INTO stations (code, name) VALUES (?1, ?2)"
                         " ON CONFLICT (code) DO UPDATE SET name = COALESCE (?2, name)",
            station, station_name ? station_name : station) ||
      !yc_db_run (self->db, error, "INSERT INTO enroll_codes (code, station, created) VALUES (?, ?, ?)", code, station, at) ||
      !yc_db_commit (self->db, error))
    {
      yc_db_rollback (self->db);
      return NULL;
    }
  return g_steal_pointer (&code);
}

gboolean
yc_central_store_enroll (YcCentralStore  *self,
                         const char      *station,
                         const char      *code,
                         const char      *clerk,
                         char           **token,
                         char           **clerk_no,
                         char           **station_name,
                         GError         **error)
{
  g_autofree char *found = NULL;
  g_autofree char *count = NULL;
  g_autofree char *new_token = random_hex (32);
  g_autofree char *hash = hash_token (new_token);
  g_autofree char *number = NULL;
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (YC_IS_CENTRAL_STORE (self), FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  found = yc_db_query_text (self->db, "SELECT station FROM enroll_codes WHERE code = ? AND station = ? AND used IS NULL",
                      code, station);
  if (found == NULL)
    {
      yc_db_rollback (self->db);
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_ENROLL,
                   _("The enrollment code is unknown, already used, or for another station than %s"), station);
      return FALSE;
    }
  count = yc_db_query_text (self->db, "SELECT COUNT (*) + 1 FROM clerks WHERE station = ?", station);
  number = g_strdup_printf ("%02u", (guint) g_ascii_strtoull (count, NULL, 10));
  if (!yc_db_run (self->db, error, "UPDATE enroll_codes SET used = ? WHERE code = ?", at, code) ||
      !yc_db_run (self->db, error, "INSERT INTO clerks (token_hash, station, clerk, clerk_no, enrolled) VALUES (?, ?, ?, ?, ?)",
            hash, station, clerk, number, at) ||
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

gboolean
yc_central_store_authenticate (YcCentralStore  *self,
                               const char      *token,
                               char           **station,
                               char           **clerk,
                               GError         **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CENTRAL_STORE (self), FALSE);

  if (token == NULL || token[0] == '\0')
    {
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_TOKEN, _("No token was given"));
      return FALSE;
    }
  hash = hash_token (token);
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

gboolean
yc_central_store_has_event (YcCentralStore *self,
                            const char     *uuid)
{
  g_autofree char *found = yc_db_query_text (self->db, "SELECT 1 FROM events WHERE uuid = ?", uuid);

  return found != NULL;
}

static gboolean
insert_event (YcCentralStore  *self,
              JsonObject      *event,
              const char      *origin,
              GError         **error)
{
  g_autofree char *data = yc_json_object_to_string (event);

  return yc_db_run (self->db, error,
              "INSERT INTO events (uuid, case_id, station, type, origin, data) VALUES (?, ?, ?, ?, ?, ?)",
              json_object_get_string_member (event, "uuid"),
              json_object_get_string_member (event, "case"),
              json_object_get_string_member (event, "station"),
              json_object_get_string_member (event, "type"),
              origin, data);
}

/* 办件编号: the item's 实施编码 (or the bundle's code), the day, and the
 * day's sequence for it.
 */
static char *
next_official_no (YcCentralStore  *self,
                  const char      *prefix,
                  GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *seq = NULL;

  if (!yc_db_run (self->db, error,
            "INSERT INTO day_sequences (prefix, day, seq) VALUES (?, ?, 1)"
            " ON CONFLICT (prefix, day) DO UPDATE SET seq = seq + 1", prefix, day))
    return NULL;
  seq = yc_db_query_text (self->db, "SELECT seq FROM day_sequences WHERE prefix = ? AND day = ?", prefix, day);
  return g_strdup_printf ("%s%s%04u", prefix, day, (guint) g_ascii_strtoull (seq, NULL, 10));
}

/**
 * yc_central_store_take_intake:
 * @event: an intake event the caller has validated
 * @impl_code: the 实施编码 the official number starts with (a bundle's code
 *   for a bundle)
 * @members: (nullable): for a bundle, each member's code, impl_code and
 *   department: each becomes a sub-case with its own number
 *
 * Registers the case, gives it its official number and puts a
 * `registered` event on the station's change feed, in one transaction. An
 * event already stored is reported as a duplicate and changes nothing.
 */
gboolean
yc_central_store_take_intake (YcCentralStore  *self,
                              JsonObject      *event,
                              const char      *impl_code,
                              const char      *department,
                              JsonArray       *members,
                              YcStoreResult   *result,
                              GError         **error)
{
  const char *uuid = json_object_get_string_member (event, "uuid");
  const char *case_id = json_object_get_string_member (event, "case");
  const char *station = json_object_get_string_member (event, "station");
  JsonObject *form = json_object_get_object_member (json_object_get_object_member (event, "data"), "form");
  g_autofree char *official = NULL;
  g_autofree char *at = yc_now_iso8601 ();
  g_autofree char *existing = NULL;
  g_autoptr(JsonObject) registered = NULL;
  JsonObject *data;

  g_return_val_if_fail (YC_IS_CENTRAL_STORE (self), FALSE);

  if (!change_begin (self, error))
    return FALSE;
  if (yc_central_store_has_event (self, uuid))
    {
      change_rollback (self);
      *result = YC_STORE_RESULT_DUPLICATE;
      return TRUE;
    }
  if ((existing = yc_db_query_text (self->db, "SELECT official_no FROM cases WHERE id = ?", case_id)) != NULL)
    {
      change_rollback (self);
      g_set_error (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_INVALID,
                   _("Case %s was already taken in as %s by another intake event"), case_id, existing);
      return FALSE;
    }
  if (!(official = next_official_no (self, impl_code, error)) ||
      !yc_db_run (self->db, error,
            "INSERT INTO cases (id, station, code, official_no, department, state, received)"
            " VALUES (?, ?, ?, ?, ?, 'registered', ?)",
            case_id, station, json_object_get_string_member (form, "code"), official, department, at) ||
      !insert_event (self, event, "station", error))
    goto failed;

  data = json_object_new ();
  json_object_set_string_member (data, "official_no", official);
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
                    "INSERT INTO cases (id, station, code, official_no, department, state, received, parent)"
                    " VALUES (?, ?, ?, ?, ?, 'registered', ?, ?)",
                    sub_id, station, code, sub_official,
                    json_object_get_string_member (member, "department"), at, case_id))
            {
              json_object_unref (data);
              goto failed;
            }
          json_object_set_string_member (sub, "case", sub_id);
          json_object_set_string_member (sub, "code", code);
          json_object_set_string_member (sub, "official_no", sub_official);
          json_object_set_string_member (sub, "department", json_object_get_string_member (member, "department"));
        }
    }
  registered = yc_event_new (case_id, YC_EVENT_REGISTERED, "central", station, data);
  if (!insert_event (self, registered, "central", error) ||
      !change_commit (self, error))
    goto failed;

  *result = YC_STORE_RESULT_STORED;
  return TRUE;

failed:
  change_rollback (self);
  return FALSE;
}

/**
 * yc_central_store_add_event:
 *
 * Appends an event other than an intake to a case this service knows.
 */
gboolean
yc_central_store_add_event (YcCentralStore  *self,
                            JsonObject      *event,
                            YcStoreResult   *result,
                            GError         **error)
{
  const char *case_id = json_object_get_string_member (event, "case");
  g_autofree char *known = NULL;

  g_return_val_if_fail (YC_IS_CENTRAL_STORE (self), FALSE);

  if (yc_central_store_has_event (self, json_object_get_string_member (event, "uuid")))
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
  if (!insert_event (self, event, "station", error))
    return FALSE;
  *result = YC_STORE_RESULT_STORED;
  return TRUE;
}

/**
 * yc_central_store_changes:
 * @after: the station's cursor
 * @cursor: (out): the cursor to ask from next time
 * @more: (out): whether another page waits
 *
 * Returns: (transfer full): the events made here for @station's cases
 */
JsonArray *
yc_central_store_changes (YcCentralStore  *self,
                          const char      *station,
                          gint64           after,
                          guint            limit,
                          gint64          *cursor,
                          gboolean        *more,
                          GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) events = json_array_new ();
  guint n = 0;
  int rc;

  g_return_val_if_fail (YC_IS_CENTRAL_STORE (self), NULL);

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

/**
 * yc_central_store_list_cases:
 * @department: (nullable): only this department's queue
 *
 * Returns: (transfer full): the cases, oldest first
 */
JsonArray *
yc_central_store_list_cases (YcCentralStore  *self,
                             const char      *department,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) cases = json_array_new ();

  g_return_val_if_fail (YC_IS_CENTRAL_STORE (self), NULL);

  stmt = yc_db_prepare (self->db,
                        "SELECT id, station, code, official_no, department, state, received, parent FROM cases"
                        " WHERE ?1 IS NULL OR department = ?1 ORDER BY received", error);
  if (stmt == NULL)
    return NULL;
  yc_db_bind_text (stmt, 1, department);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      const char *names[] = { "case", "station", "code", "official_no", "department", "state", "received", "parent" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (sqlite3_column_text (stmt, i))
          json_object_set_string_member (o, names[i], (const char *) sqlite3_column_text (stmt, i));
      json_array_add_object_element (cases, o);
    }
  return g_steal_pointer (&cases);
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
yc_central_store_init (YcCentralStore *self)
{
}

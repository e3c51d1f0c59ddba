/* yc-case-store.c: a clerk profile's local store of cases
 *
 * One SQLite database per clerk profile. A case is a log of events; its
 * row in `cases` is the fold of that log kept for lists and searches. The
 * draft is the one mutable thing and is saved on every change. Events made
 * here wait in the outbox, in order, until the central service has them.
 * This file holds the database, its schema, and the cases and drafts; the
 * other concerns are in the files yc-case-store-private.h names.
 *
 * Personal data (names, ID numbers, phones, scans) lives only in
 * cases.draft, cases.applicant, events.data, attachments and the keys of
 * case_search, so that a later change can encrypt those columns at rest
 * without a redesign (see yc-case-store-search.c for the keys).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-audit.h"
#include "yc-case-log.h"
#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-event.h"

G_DEFINE_FINAL_TYPE (YcCaseStore, yc_case_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-case-store-error-quark, yc_case_store_error)

enum {
  CASE_CHANGED,
  CASES_CHANGED,
  OUTBOX_CHANGED,
  DRAFT_SAVED,
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
  /* 6: what the case list's filters need (yc_case_list_new_filtered), made
   * from each case's events on the next open by the function that keeps
   * them right afterwards (_yc_case_store_refresh_columns); a draft's clerk
   * is the profile's. Each filter walks one index newest first: the day of the
   * decision, the clerk, the helper, and, partial, the cases that wait
   * and the open ones with a promised date; each holds what its filter
   * tests, so that a count or a jump down the list reads no case. */
  "ALTER TABLE cases ADD COLUMN clerk TEXT;"
  "ALTER TABLE cases ADD COLUMN helper TEXT;"
  "ALTER TABLE cases ADD COLUMN promised_by TEXT;"
  "ALTER TABLE cases ADD COLUMN waiting TEXT;"
  "ALTER TABLE cases ADD COLUMN decided TEXT;"
  "INSERT OR REPLACE INTO meta (key, value) VALUES ('columns-rebuild', '1');"
  "UPDATE cases SET clerk = (SELECT value FROM meta WHERE key = 'clerk') WHERE clerk IS NULL AND state = 'draft';"
  "CREATE INDEX cases_decided ON cases (decided, updated, id);"
  "CREATE INDEX cases_clerk ON cases (clerk, updated, id);"
  "CREATE INDEX cases_helper ON cases (helper, updated, id, clerk);"
  "CREATE INDEX cases_waiting ON cases (updated, id) WHERE waiting IS NOT NULL;"
  "CREATE INDEX cases_open_promised ON cases (updated, id, promised_by)"
  "  WHERE promised_by IS NOT NULL AND NOT " YC_CASE_FINISHED_SQL ";",
  /* 7: the audit trail hash-chained (yc-audit.c); the entries a store
   * already holds are chained on the next open */
  "ALTER TABLE audit ADD COLUMN hash TEXT;"
  "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit-rebuild', '1');",
  NULL
};

/* Makes the case's list columns again from its log, inside the caller's
 * transaction: after each event logged for it, here or from the central
 * service. They are what YcCaseLog says: who took it, who carries it, the
 * promised date, what it waits for and the day of the window's last
 * decision. A case the window has not decided (a draft; a bundle's
 * sub-case, which has its parent's) keeps what it has. */
gboolean
_yc_case_store_refresh_columns (YcCaseStore  *self,
                                const char   *case_id,
                                GError      **error)
{
  g_autoptr(YcCaseLog) log = NULL;
  g_autofree char *decided = NULL;

  g_assert (YC_IS_CASE_STORE (self));

  if (!(log = yc_case_store_get_log (self, case_id, error)))
    return FALSE;
  if (yc_case_log_get_round (log) == 0)
    return TRUE;
  decided = yc_case_log_get_decided (log);
  return yc_db_run (self->db, error,
                    "UPDATE cases SET clerk = COALESCE (?, clerk), helper = ?, promised_by = ?, waiting = ?,"
                    " decided = ? WHERE id = ?",
                    yc_case_log_get_clerk (log), yc_case_log_get_helper_name (log),
                    yc_case_log_get_promised_by (log), yc_case_log_get_waiting (log), decided, case_id);
}

/**
 * _yc_case_store_upgrade_rows:
 * @flag: the meta key a migration set to ask for the work
 * @before: (nullable): SQL run first
 * @select: the rows to work on
 *
 * What a migration asks to be done with the rows a store already holds,
 * in C: done once, on the next open, in one transaction, so that an
 * interrupted upgrade starts again on the next open.
 */
gboolean
_yc_case_store_upgrade_rows (YcCaseStore    *self,
                             const char     *flag,
                             const char     *before,
                             const char     *select,
                             YcCaseStoreRow  row,
                             gpointer        user_data,
                             GError        **error)
{
  g_autofree char *pending = yc_case_store_get_meta (self, flag);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (pending == NULL)
    return TRUE;
  if (!yc_db_begin (self->db, error) ||
      (before != NULL && !yc_db_exec (self->db, before, error)) ||
      !(stmt = yc_db_prepare (self->db, select, error)))
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!row (self, stmt, user_data, error))
      goto failed;
  if (rc != SQLITE_DONE)
    {
      yc_db_fail (self->db, error);
      goto failed;
    }
  if (!yc_db_run (self->db, error, "DELETE FROM meta WHERE key = ?", flag) ||
      !yc_db_commit (self->db, error))
    goto failed;
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

/* Schema 7: an entry a store kept before the chain, chained to the one
 * before it (@user_data: the hash of that one) */
static gboolean
chain_audit_row (YcCaseStore   *self,
                 sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  char **previous = user_data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  char *hash = yc_audit_chain (*previous, (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 4),
                               (const char *) sqlite3_column_text (stmt, 5),
                               (const char *) sqlite3_column_text (stmt, 6));

  g_free (*previous);
  *previous = hash;
  return yc_db_run (self->db, error, "UPDATE audit SET hash = ? WHERE id = ?", hash, id);
}

/* Schema 6: the list columns of a case with an intake */
static gboolean
refresh_columns_row (YcCaseStore   *self,
                     sqlite3_stmt  *stmt,
                     gpointer       user_data,
                     GError       **error)
{
  return _yc_case_store_refresh_columns (self, (const char *) sqlite3_column_text (stmt, 0), error);
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
  if (!_yc_case_store_rebuild_search (self, error))
    {
      g_prefix_error (error, _("Making the search keys of the cases in %s: "), path);
      return NULL;
    }
  if (!_yc_case_store_upgrade_rows (self, "columns-rebuild", NULL,
                                    "SELECT DISTINCT case_id FROM events WHERE type = 'intake'",
                                    refresh_columns_row, NULL, error))
    {
      g_prefix_error (error, _("Making the case list of the cases in %s: "), path);
      return NULL;
    }
  {
    g_autofree char *previous = NULL;

    if (!_yc_case_store_upgrade_rows (self, "audit-rebuild", NULL,
                                      "SELECT id, at, actor, station, action, case_id, detail FROM audit ORDER BY id",
                                      chain_audit_row, &previous, error))
      {
        g_prefix_error (error, _("Chaining the audit trail in %s: "), path);
        return NULL;
      }
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

void
_yc_case_store_emit_draft_saved (YcCaseStore  *self,
                                 const char   *case_id,
                                 const GError *error)
{
  g_assert (YC_IS_CASE_STORE (self));

  g_signal_emit (self, signals[DRAFT_SAVED], 0, case_id, error);
}

void
_yc_case_store_emit_case_changed (YcCaseStore *self,
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
  return yc_db_column_text (stmt, 0);
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
  g_autofree char *actor = NULL;
  g_autofree char *station = NULL;
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);

  actor = yc_case_store_get_meta (self, "clerk");
  station = yc_case_store_get_meta (self, "station");
  /* two processes on one profile (the window and `yichuang sync`) chain
   * through the same code as the central service */
  return yc_audit_db_append (self->db, at, actor, station, action, case_id, detail, error);
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

  g_autofree char *id = NULL;

  if (!yc_case_store_set_meta (self, key, value, error))
    return NULL;
  id = g_strdup_printf ("%s-%s-%s-%04" G_GUINT64_FORMAT,
                        station ? station : "LOCAL", clerk_no ? clerk_no : "00", day, seq);
  /* the central service refuses a number not of the documented form: one
   * made from a profile's odd station code would set the case aside only
   * once the clerk has taken it */
  if (!yc_case_number_parse (id, NULL, NULL, NULL))
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("The case number %s made from this profile’s station code and clerk number is not of the form station-clerk-day-sequence; enroll the station again"),
                   id);
      return NULL;
    }
  return g_steal_pointer (&id);
}

/* @durable: whether the commit waits for the disk, or for the next
 * durable commit to the same file, which takes it along (write-ahead log) */
static char *
new_draft (YcCaseStore  *self,
           const char   *code,
           const char   *name,
           guint         version,
           gboolean      durable,
           GError      **error)
{
  g_autofree char *id = NULL;
  g_autofree char *at = yc_now_iso8601 ();
  g_autofree char *v = g_strdup_printf ("%u", version);
  gboolean done;

  if (!durable && !yc_db_exec (self->db, "PRAGMA synchronous=NORMAL", error))
    return NULL;
  done = yc_db_begin (self->db, error);
  if (done &&
      (!(id = next_case_id (self, error)) ||
       !yc_db_run (self->db, error,
             "INSERT INTO cases (id, code, name, version, state, created, updated, clerk)"
             " VALUES (?, ?, ?, ?, 'draft', ?, ?, (SELECT value FROM meta WHERE key = 'clerk'))",
             id, code, name, v, at, at) ||
       !_yc_case_store_index_case (self, id, NULL, error) ||
       !yc_case_store_audit (self, "draft-created", id, code, error) ||
       !yc_db_commit (self->db, error)))
    {
      yc_db_rollback (self->db);
      done = FALSE;
    }
  /* every other commit of the store's stays durable */
  if (!durable)
    yc_db_exec (self->db, "PRAGMA synchronous=FULL", NULL);
  if (!done)
    return NULL;
  _yc_case_store_emit_case_changed (self, id);
  return g_steal_pointer (&id);
}

char *
yc_case_store_new_draft (YcCaseStore  *self,
                         const char   *code,
                         const char   *name,
                         guint         version,
                         GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return new_draft (self, code, name, version, TRUE, error);
}

/**
 * yc_case_store_begin_draft:
 * @form_state: (transfer none): the form's first state, as yc_form_save()
 *   gives it
 *
 * Makes a draft at a form's first change and saves that change, as
 * yc_case_store_new_draft() and yc_case_store_queue_draft() do, without
 * the main loop waiting for the disk: the case's row, its number and its
 * audit line are committed without a sync, and the writer's durable
 * commit of the first state, queued at once, syncs them with it (one
 * write-ahead log). The case is there for every reader at once; a crash
 * before that commit loses the new draft as it loses any change still in
 * flight.
 *
 * Returns: (transfer full): the new case's local number, or %NULL
 */
char *
yc_case_store_begin_draft (YcCaseStore  *self,
                           const char   *code,
                           const char   *name,
                           guint         version,
                           JsonObject   *form_state,
                           const char   *applicant,
                           GError      **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (form_state != NULL, NULL);

  if (!(id = new_draft (self, code, name, version, FALSE, error)))
    return NULL;
  yc_case_store_queue_draft (self, id, form_state, applicant);
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

  /* this state is newer than any the writer still holds */
  _yc_case_store_wait_drafts (self, case_id, TRUE);
  text = yc_json_object_to_string (form_state);
  if (!yc_db_begin (self->db, error))
    return FALSE;
  /* a case told what is missing (一次性告知) is reopened for its next
   * decision with its draft saved as a new one's (yc_case_store_reopen) */
  if (!yc_db_run (self->db, error,
                  "UPDATE cases SET draft = ?, applicant = ?, updated = ? WHERE id = ? AND state IN ('draft', 'notified')",
                  text, applicant, at, case_id))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("Case %s is not a draft any more"), case_id);
      goto failed;
    }
  if (!_yc_case_store_index_case (self, case_id, yc_json_get_object (form_state, "values"), error) ||
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

  _yc_case_store_wait_drafts (self, case_id, FALSE);
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

  /* whether it holds anything is told by its newest state */
  _yc_case_store_wait_drafts (self, case_id, FALSE);
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
  _yc_case_store_emit_case_changed (self, case_id);
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

gboolean
_yc_case_store_insert_event (YcCaseStore  *self,
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
  JsonObject *form = yc_json_get_object (yc_json_get_object (intake, "data"), "form");
  g_autoptr(YcCaseLog) log = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (intake != NULL, FALSE);

  /* the draft row ends as the form that was taken, never behind it */
  _yc_case_store_wait_drafts (self, case_id, FALSE);
  if (!yc_db_begin (self->db, error))
    return FALSE;
  /* a case waiting for 补正 is decided again on the same case: the log
   * says whether it may be and numbers the round */
  if (!yc_db_run (self->db, error,
                  "UPDATE cases SET state = 'submitted', updated = ? WHERE id = ? AND state IN ('draft', 'notified')",
                  at, case_id))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("Case %s is not a draft any more, nor waiting for 补正"), case_id);
      goto failed;
    }
  if (!(log = yc_case_store_get_log (self, case_id, error)))
    goto failed;
  if (!yc_case_log_check_intake (log, yc_json_get_object (intake, "data"), NULL, error))
    goto failed;
  /* the form as taken is the one the case is found by */
  if (!_yc_case_store_insert_event (self, intake, "local", error) ||
      !_yc_case_store_refresh_columns (self, case_id, error) ||
      !_yc_case_store_index_case (self, case_id, yc_json_get_object (form, "values"), error) ||
      !yc_db_run (self->db, error, "INSERT INTO outbox (uuid, queued) VALUES (?, ?)",
            json_object_get_string_member (intake, "uuid"), at) ||
      !yc_case_store_audit (self, "submitted", case_id,
                            json_object_get_string_member (json_object_get_object_member (intake, "data"), "decision"),
                            error) ||
      !yc_db_commit (self->db, error))
    goto failed;

  _yc_case_store_emit_case_changed (self, case_id);
  _yc_case_store_emit_outbox (self);
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

/* The state a step brings its case to, or NULL to leave it */
static const char *
step_state (const char *type)
{
  if (g_str_equal (type, YC_EVENT_DELIVERED))
    return yc_case_state_to_string (YC_CASE_STATE_DELIVERED);
  return NULL;
}

/**
 * yc_case_store_add_step_dated:
 * @type: an after-decision step (yc-event.h: supplement, handover,
 *   delivered, evaluated, followed-up)
 * @actor: (nullable): who did it; the profile's clerk when %NULL
 * @station: (nullable): where; the profile's station when %NULL
 * @data: the step's data, checked by yc_case_log_check_step(), which adds
 *   what the core counts (an evaluation's follow-up deadline)
 * @calendar: (nullable): the station's working-day calendar
 * @today: (nullable): the day of the step, today when %NULL
 *
 * Logs the step and queues it for the central service in one durable
 * transaction, once the case's log allows it, or says why not.
 */
gboolean
yc_case_store_add_step_dated (YcCaseStore  *self,
                              const char   *case_id,
                              const char   *type,
                              const char   *actor,
                              const char   *station,
                              JsonObject   *data,
                              YcCalendar   *calendar,
                              const GDate  *today,
                              GError      **error)
{
  g_autofree char *at = yc_now_iso8601 ();
  g_autofree char *clerk = actor ? g_strdup (actor) : yc_case_store_get_meta (self, "clerk");
  g_autofree char *here = station ? g_strdup (station) : yc_case_store_get_meta (self, "station");
  g_autofree char *state = NULL;
  g_autoptr(YcCaseLog) log = NULL;
  g_autoptr(JsonObject) event = NULL;
  const char *to_state;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!yc_db_begin (self->db, error))
    return FALSE;
  state = yc_db_query_text (self->db, "SELECT state FROM cases WHERE id = ?", case_id);
  if (state == NULL)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_NOT_FOUND, _("There is no case %s"), case_id);
      goto failed;
    }
  /* the service never took a case it set aside: a step would never reach it */
  if (g_str_equal (state, "draft") || g_str_equal (state, "set-aside"))
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("Case %s is %s: nothing can follow a decision it does not have"), case_id,
                   yc_case_state_get_label (yc_case_state_from_string (state)));
      goto failed;
    }
  if (!(log = yc_case_store_get_log (self, case_id, error)))
    goto failed;
  if (!yc_case_log_check_step (log, type, data, calendar, today, error))
    goto failed;
  event = yc_event_new (case_id, type, clerk, here, json_object_ref (data));
  to_state = step_state (type);
  if (!_yc_case_store_insert_event (self, event, "local", error) ||
      !yc_db_run (self->db, error, "UPDATE cases SET state = COALESCE (?, state), updated = ? WHERE id = ?",
                  to_state, at, case_id) ||
      !_yc_case_store_touch_search (self, case_id, at, error) ||
      !_yc_case_store_refresh_columns (self, case_id, error) ||
      !yc_db_run (self->db, error, "INSERT INTO outbox (uuid, queued) VALUES (?, ?)",
                  json_object_get_string_member (event, "uuid"), at) ||
      !yc_case_store_audit (self, type, case_id, NULL, error) ||
      !yc_db_commit (self->db, error))
    goto failed;

  _yc_case_store_emit_case_changed (self, case_id);
  _yc_case_store_emit_outbox (self);
  return TRUE;

failed:
  yc_db_rollback (self->db);
  return FALSE;
}

/**
 * yc_case_store_add_step:
 *
 * yc_case_store_add_step_dated() today.
 */
gboolean
yc_case_store_add_step (YcCaseStore  *self,
                        const char   *case_id,
                        const char   *type,
                        const char   *actor,
                        const char   *station,
                        JsonObject   *data,
                        YcCalendar   *calendar,
                        GError      **error)
{
  return yc_case_store_add_step_dated (self, case_id, type, actor, station, data, calendar, NULL, error);
}

/**
 * yc_case_store_reopen:
 *
 * Opens a case told what is missing (一次性告知) for the window's next
 * decision on it: the form as the last intake saved it becomes the case's
 * working draft, saved as a draft is on every change, while the case
 * stays where it is until that decision is submitted. Reopened again
 * before that decision, it gives the draft as last saved, so that what the
 * clerk typed survives the window closing or the program being killed.
 *
 * Returns: (transfer full) (nullable): the form state to restore, or
 *   %NULL with %YC_CASE_STORE_ERROR_STATE when the case does not wait
 *   for 补正
 */
JsonObject *
yc_case_store_reopen (YcCaseStore  *self,
                      const char   *case_id,
                      GError      **error)
{
  g_autofree char *state = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reopened = NULL;
  g_autofree char *at = yc_now_iso8601 ();
  g_autoptr(YcCaseLog) log = NULL;
  JsonObject *form;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  _yc_case_store_wait_drafts (self, case_id, FALSE);
  if (!yc_db_begin (self->db, error))
    return NULL;
  state = yc_db_query_text (self->db, "SELECT state FROM cases WHERE id = ?", case_id);
  if (state == NULL)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_NOT_FOUND, _("There is no case %s"), case_id);
      goto failed;
    }
  if (!(log = yc_case_store_get_log (self, case_id, error)))
    goto failed;
  if (!g_str_equal (state, "notified") || g_strcmp0 (yc_case_log_get_waiting (log), "notify") != 0 ||
      (form = yc_case_log_get_form (log)) == NULL)
    {
      g_set_error (error, YC_CASE_STORE_ERROR, YC_CASE_STORE_ERROR_STATE,
                   _("Case %s does not wait for 补正: only a case told what is missing (一次性告知) is decided again"),
                   case_id);
      goto failed;
    }
  /* reopened already since its last decision (the window was closed, or
   * killed, mid-form): what the clerk typed since is the draft, kept */
  reopened = yc_db_query_text (self->db,
                               "SELECT 1 FROM audit WHERE case_id = ?1 AND action = 'reopened' AND id >"
                               " (SELECT COALESCE (MAX (id), 0) FROM audit WHERE case_id = ?1 AND action = 'submitted')",
                               case_id);
  if (reopened != NULL)
    {
      yc_db_rollback (self->db);
      return yc_case_store_load_draft (self, case_id, error);
    }
  text = yc_json_object_to_string (form);
  if (!yc_db_run (self->db, error, "UPDATE cases SET draft = ?, updated = ? WHERE id = ?", text, at, case_id) ||
      !_yc_case_store_touch_search (self, case_id, at, error) ||
      !yc_case_store_audit (self, "reopened", case_id, NULL, error) ||
      !yc_db_commit (self->db, error))
    goto failed;
  _yc_case_store_emit_case_changed (self, case_id);
  return json_object_ref (form);

failed:
  yc_db_rollback (self->db);
  return NULL;
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
 * yc_case_store_get_log:
 *
 * The case's log folded (yc-case-log.c): what the case waits for and which
 * steps fit it now. An event the central service refused for good is left
 * out, as the service never had it.
 *
 * Returns: (transfer full): the log
 */
YcCaseLog *
yc_case_store_get_log (YcCaseStore  *self,
                       const char   *case_id,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  int rc;

  g_return_val_if_fail (YC_IS_CASE_STORE (self), NULL);

  if (!(stmt = yc_db_prepare (self->db,
                              "SELECT data FROM events e WHERE case_id = ? AND NOT EXISTS"
                              " (SELECT 1 FROM outbox o WHERE o.uuid = e.uuid AND o.set_aside) ORDER BY seq", error)))
    return NULL;
  yc_db_bind_text (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = yc_json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (events, json_object_ref (json_node_get_object (node)));
    }
  if (rc != SQLITE_DONE)
    {
      yc_db_fail (self->db, error);
      return NULL;
    }
  return yc_case_log_new (events);
}

static void
yc_case_store_dispose (GObject *object)
{
  YcCaseStore *self = (YcCaseStore *)object;

  /* closing the store: every draft queued is on the disk first */
  _yc_case_store_stop_writer (self);

  G_OBJECT_CLASS (yc_case_store_parent_class)->dispose (object);
}

static void
yc_case_store_finalize (GObject *object)
{
  YcCaseStore *self = (YcCaseStore *)object;

  _yc_case_store_clear_writer (self);

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

  object_class->dispose = yc_case_store_dispose;
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
  /**
   * YcCaseStore::draft-saved:
   * @case_id: the draft
   * @error: (nullable): why it was not saved; %NULL once it is on the disk
   *
   * A draft queued with yc_case_store_queue_draft() was committed, or
   * failed to be, emitted in the main context of the thread that queued it.
   */
  signals[DRAFT_SAVED] =
    g_signal_new ("draft-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
yc_case_store_init (YcCaseStore *self)
{
  _yc_case_store_init_writer (self);
}

/* yc-test-station.c: an enrolled station for the service tests
 *
 * A clerk profile enrolled with the test's central service (or a proxy in
 * front of it), its sync runs, the cases it takes the way the window takes
 * them, its support commands, and the one check every fault test ends
 * with: each event the station made is at the service exactly once, in
 * the order it was made, and nothing waits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "yc-db.h"
#include "yc-test-station.h"

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   ok;
} Wait;

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == yc_sync_enroll_async)
    wait->ok = yc_sync_enroll_finish (YC_SYNC (object), result, &wait->error);
  else
    wait->ok = yc_sync_run_finish (YC_SYNC (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Returns: what the call that reports to @wait returned, once it has */
static gboolean
wait_for (Wait    *wait,
          GError **error)
{
  g_main_loop_run (wait->loop);
  if (wait->error)
    g_propagate_error (error, wait->error);
  return wait->ok;
}

void
yc_test_station_open (YcTestStation *station)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (station->store);
  station->store = yc_case_store_open (station->path, &error);
  g_assert_no_error (error);
  station->sync = yc_sync_new (station->store);
  yc_sync_load_cached_catalog (station->sync, NULL);
}

/* Lets another process, or nobody, have the profile. */
void
yc_test_station_close (YcTestStation *station)
{
  g_clear_object (&station->sync);
  g_clear_object (&station->store);
}

/**
 * yc_test_station_new_unenrolled:
 * @profile: (nullable): the profile's folder, "profile" in the test's
 *   folder by default
 *
 * Returns: (transfer full): a station with its profile open and nothing
 *   more: yc_test_station_enroll() makes it one of the service's
 */
YcTestStation *
yc_test_station_new_unenrolled (YcTestCentral *central,
                                const char    *profile)
{
  YcTestStation *station = g_new0 (YcTestStation, 1);

  station->central = central;
  station->profile = profile ? g_strdup (profile) : g_build_filename (central->dir, "profile", NULL);
  station->path = g_build_filename (station->profile, "profile.db", NULL);
  g_mkdir_with_parents (station->profile, 0700);
  yc_test_station_open (station);
  return station;
}

/**
 * yc_test_station_enroll:
 * @server_url: (nullable): where the station enrolls, the service itself
 *   by default
 * @station_id: the station's code, as the clerk types it
 * @code: the enrolment code the service gave out
 *
 * Enrolls the station as clerk 张敏, trusting the test's own CA.
 */
gboolean
yc_test_station_enroll (YcTestStation  *station,
                        const char     *server_url,
                        const char     *station_id,
                        const char     *code,
                        GError        **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *ca = yc_test_central_ca (station->central, "");
  Wait wait = { loop, NULL, FALSE };

  yc_sync_enroll_async (station->sync, server_url ? server_url : station->central->url, ca, station_id, code,
                        "张敏", NULL, on_done_cb, &wait);
  return wait_for (&wait, error);
}

/**
 * yc_test_station_new:
 * @profile: (nullable): as for yc_test_station_new_unenrolled()
 * @server_url: (nullable): as for yc_test_station_enroll()
 *
 * Returns: (transfer full): a station enrolled as 370112001
 */
YcTestStation *
yc_test_station_new (YcTestCentral *central,
                     const char    *profile,
                     const char    *server_url)
{
  YcTestStation *station = yc_test_station_new_unenrolled (central, profile);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  code = yc_test_central_run (central, "enroll-code", "370112001", "历城区王舍人街道便民服务中心", NULL);
  g_assert_true (yc_test_station_enroll (station, server_url, "370112001", code, &error));
  g_assert_no_error (error);
  return station;
}

gboolean
yc_test_station_sync (YcTestStation  *station,
                      GError        **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, FALSE };

  yc_sync_run_async (station->sync, station->cancellable, on_done_cb, &wait);
  return wait_for (&wait, error);
}

void
yc_test_set_string (YcForm     *form,
                    const char *key,
                    const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

  yc_form_set_value (form, key, node);
}

/**
 * yc_test_station_fill_case:
 * @code: (nullable): the item's code, the marriage certificate's
 *   replacement (000107009000) by default
 * @case_id: (out): the draft's number
 *
 * Fills a case in as the window does: the applicant's details, every
 * material received, a draft saved at every step. Nothing checks it.
 *
 * Returns: (transfer full) (nullable): the form, or %NULL with @error set
 */
YcForm *
yc_test_station_fill_case (YcTestStation  *station,
                           const char     *code,
                           char          **case_id,
                           GError        **error)
{
  g_autoptr(YcForm) form = NULL;
  g_autofree char *id = NULL;
  const char *values[][2] = {
    { "applicant_name", "李秀英" },
    { "applicant_id", "11010519491231002X" },
    { "applicant_phone", "13905310001" },
    { "new_address", "历城区王舍人街道幸福里3号" },
  };
  GPtrArray *materials;

  if (!(form = yc_form_new (yc_sync_get_catalog (station->sync), code ? code : "000107009000", error)) ||
      !(id = yc_case_store_new_draft (station->store, yc_form_get_code (form), yc_form_get_name (form),
                                      yc_form_get_version (form), error)))
    return NULL;
  yc_form_set_answer (form, "who", "self");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(JsonObject) saved = NULL;

      /* not every form asks for every detail */
      if (yc_form_lookup_field (form, values[i][0]) == NULL)
        continue;
      yc_test_set_string (form, values[i][0], values[i][1]);
      saved = yc_form_save (form);
      if (!yc_case_store_save_draft (station->store, id, saved, "李秀英", error))
        return NULL;
    }
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_RECEIVED);
  *case_id = g_steal_pointer (&id);
  return g_steal_pointer (&form);
}

/**
 * yc_test_station_submit_unchecked:
 * @data: (transfer full): the intake event's data
 *
 * Queues an intake as a client that did not check would: past the rule
 * yc_intake_submit() holds to, so that only the service can refuse it.
 */
void
yc_test_station_submit_unchecked (YcTestStation *station,
                                  const char    *case_id,
                                  JsonObject    *data)
{
  g_autoptr(JsonObject) event = yc_event_new (case_id, YC_EVENT_INTAKE, "张敏", "370112001", data);
  g_autoptr(GError) error = NULL;

  yc_case_store_submit (station->store, case_id, event, &error);
  g_assert_no_error (error);
}

/**
 * yc_test_station_try_case:
 * @code: (nullable): as for yc_test_station_fill_case()
 *
 * Takes a case as the window does: filled in, then accepted.
 *
 * Returns: (transfer full) (nullable): the case's number, or %NULL with
 *   @error set
 */
char *
yc_test_station_try_case (YcTestStation  *station,
                          const char     *code,
                          GError        **error)
{
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *case_id = NULL;

  if (!(form = yc_test_station_fill_case (station, code, &case_id, error)))
    return NULL;
  /* a case the service would set aside tests nothing */
  problems = yc_form_validate (form);
  g_assert_cmpuint (problems->len, ==, 0);
  if (!yc_intake_submit (station->store, case_id, form, YC_DECISION_ACCEPT, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&case_id);
}

char *
yc_test_station_take_case (YcTestStation *station,
                           const char    *code)
{
  g_autoptr(GError) error = NULL;
  char *case_id = yc_test_station_try_case (station, code, &error);

  g_assert_no_error (error);
  return case_id;
}

/* Returns: (transfer full) (element-type utf8): the UUIDs waiting, in order */
GPtrArray *
yc_test_station_outbox (YcTestStation *station)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = yc_case_store_outbox_peek (station->store, G_MAXINT, &error);
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (uuids, g_strdup (((YcOutboxEntry *) g_ptr_array_index (entries, i))->uuid));
  return uuids;
}

static sqlite3 *
open_read_only (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* Returns: (transfer full): the rows of @sql, each row's columns joined by
 * tabs */
static GPtrArray *
query_rows (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (row, "%s%s", i ? "\t" : "", (const char *) sqlite3_column_text (stmt, i));
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return rows;
}

static char *
query_one (sqlite3    *db,
           const char *sql)
{
  g_autoptr(GPtrArray) rows = query_rows (db, sql);

  g_assert_cmpuint (rows->len, ==, 1);
  return g_strdup (g_ptr_array_index (rows, 0));
}

void
yc_test_check_integrity (const char *path)
{
  sqlite3 *db = open_read_only (path);
  g_autofree char *result = query_one (db, "PRAGMA integrity_check");

  g_assert_cmpstr (result, ==, "ok");
  sqlite3_close (db);
}

/**
 * yc_test_station_check_delivered:
 *
 * The service has every event the station made exactly once, in the order
 * the station made them; each case was registered once, with one official
 * number; the station has nothing left to send, every case is registered
 * at the station too, and its database is sound.
 */
void
yc_test_station_check_delivered (YcTestStation *station)
{
  g_autofree char *central_path = g_build_filename (station->central->data_dir, "central.db", NULL);
  sqlite3 *local = open_read_only (station->path);
  sqlite3 *central = open_read_only (central_path);
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GPtrArray) arrived = NULL;
  g_autoptr(GPtrArray) twice = NULL;
  g_autoptr(GPtrArray) unregistered = NULL;
  g_autofree char *cases = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *local_cases = NULL;
  g_autofree char *integrity = NULL;

  /* the station's events in the order it made them, and the service's in
   * the order they arrived */
  made = query_rows (local, "SELECT uuid, case_id FROM events WHERE origin = 'local' ORDER BY rowid");
  arrived = query_rows (central, "SELECT uuid, case_id FROM events WHERE origin = 'station' ORDER BY seq");
  g_assert_cmpuint (made->len, >, 0);
  g_assert_cmpuint (arrived->len, ==, made->len);
  for (guint i = 0; i < made->len; i++)
    g_assert_cmpstr (g_ptr_array_index (arrived, i), ==, g_ptr_array_index (made, i));

  /* one registration per case, after its intake, and no official number
   * spent twice */
  twice = query_rows (central,
                      "SELECT r.case_id, COUNT (*) FROM events r JOIN events i ON i.case_id = r.case_id"
                      " AND i.type = 'intake' WHERE r.type = 'registered' GROUP BY r.case_id"
                      " HAVING COUNT (*) <> 1 OR MIN (r.seq) < MIN (i.seq)");
  g_assert_cmpuint (twice->len, ==, 0);
  cases = query_one (central, "SELECT COUNT (*) FROM cases WHERE parent IS NULL");
  numbers = query_one (central, "SELECT SUM (seq) FROM day_sequences");
  local_cases = query_one (local, "SELECT COUNT (*) FROM cases WHERE state <> 'draft'");
  g_assert_cmpstr (cases, ==, local_cases);
  g_assert_cmpstr (numbers, ==, cases);

  /* nothing waits, and the station knows every case's number */
  g_assert_cmpuint (yc_case_store_outbox_count (station->store, NULL), ==, 0);
  unregistered = query_rows (local, "SELECT id, state FROM cases"
                                    " WHERE state <> 'draft' AND (state <> 'registered' OR official_no IS NULL)");
  g_assert_cmpuint (unregistered->len, ==, 0);
  integrity = query_one (local, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  sqlite3_close (local);
  sqlite3_close (central);
}

#ifdef YC_CLIENT_BIN
/**
 * yc_test_station_run_client:
 * @status: (out): the command's exit status
 *
 * Runs `yichuang ARGS… --data-dir PROFILE`.
 *
 * Returns: (transfer full): what it printed, both streams, without the
 *   last newline
 */
char *
yc_test_station_run_client (YcTestStation *station,
                            int           *status,
                            const char    *first_arg,
                            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) YC_CLIENT_BIN);
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, station->profile);
  return yc_test_run (argv, status);
}
#endif

void
yc_test_station_free (YcTestStation *station)
{
  yc_test_station_close (station);
  g_clear_object (&station->cancellable);
  g_free (station->profile);
  g_free (station->path);
  g_free (station);
}

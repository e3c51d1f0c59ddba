/* bench-pull.c: a station catching up on 10,000 status changes
 *
 * A station that was offline for a week, or a hall with many windows,
 * comes back to a long change feed: the back office's decisions on its
 * cases. The target: 10,000 status changes of one station pulled through
 * the real central service over TLS on 127.0.0.1 and stored in the
 * station's own database in under 3 s.
 *
 * The cases are taken at the station as the window does (draft, intake
 * event), and taken into the central database directly through its storage,
 * as if the station had sent them; the back office then accepts, approves
 * and readies the result of each. With the `registered` events that makes
 * CASES × 4 status changes. Only the pull is timed: one YcSync run with
 * nothing to send and the catalog current.
 *
 * Usage: bench-pull [CASES]    (2,500 by default: 10,000 changes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "yc-back-office.h"
#include "yc-bench.h"
#include "yc-central-store.h"
#include "yc-test-station.h"

#define DEFAULT_CASES 2500

/* A marriage-certificate copy with every material: what the window sends. */
static YcForm *
filled_form (YcCatalog  *catalog,
             GError    **error)
{
  g_autoptr(YcForm) form = yc_form_new (catalog, "000107009000", error);
  GPtrArray *materials;

  if (form == NULL)
    return NULL;
  yc_form_set_answer (form, "who", "self");
  yc_test_set_string (form, "applicant_name", "李秀英");
  yc_test_set_string (form, "applicant_id", "11010519491231002X");
  yc_test_set_string (form, "applicant_phone", "13905310001");
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_RECEIVED);
  return g_steal_pointer (&form);
}

/* Takes @n cases at the station and into the central storage; returns
 * their official numbers. */
static GPtrArray *
take_cases (YcCaseStore       *store,
            YcCentralStorage  *storage,
            YcForm            *form,
            guint              n,
            GError           **error)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  JsonObject *item = g_ptr_array_index (yc_form_get_members (form), 0);
  const char *impl_code = json_object_get_string_member (item, "impl_code");
  const char *department = json_object_get_string_member (json_object_get_object_member (item, "department"), "name");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *case_id = NULL;
      g_autoptr(JsonObject) event = NULL;
      JsonObject *data = json_object_new ();
      YcStoreResult result;

      json_object_set_object_member (data, "form", yc_form_save (form));
      json_object_set_string_member (data, "decision", "accept");
      if (!(case_id = yc_case_store_new_draft (store, yc_form_get_code (form), yc_form_get_name (form),
                                               yc_form_get_version (form), error)))
        {
          json_object_unref (data);
          return NULL;
        }
      event = yc_event_new (case_id, YC_EVENT_INTAKE, "张敏", "370112001", data);
      if (!yc_case_store_submit (store, case_id, event, error) ||
          !yc_central_storage_take_intake (storage, event, impl_code, department, NULL, "registered", &result, error) ||
          !yc_case_store_outbox_done (store, json_object_get_string_member (event, "uuid"), error))
        return NULL;
    }
  /* the numbers the service gave, in the order it gave them */
  {
    g_autoptr(JsonArray) cases = yc_central_storage_list_cases (storage, department, NULL, 0, 0, error);

    if (cases == NULL)
      return NULL;
    for (guint i = 0; i < json_array_get_length (cases); i++)
      g_ptr_array_add (numbers, g_strdup (json_object_get_string_member (json_array_get_object_element (cases, i),
                                                                         "official_no")));
  }
  return g_steal_pointer (&numbers);
}

static gboolean
decide_all (YcCentralStorage  *storage,
            GPtrArray         *numbers,
            GError           **error)
{
  g_autoptr(JsonObject) details = json_object_new ();

  json_object_set_string_member (details, "delivery", "window");
  for (guint i = 0; i < numbers->len; i++)
    {
      const char *no = g_ptr_array_index (numbers, i);
      g_autoptr(JsonObject) accepted = NULL;
      g_autoptr(JsonObject) approved = NULL;
      g_autoptr(JsonObject) ready = NULL;

      if (!(accepted = yc_back_office_act (storage, NULL, no, YC_BACK_OFFICE_ACCEPT, "刘洋", NULL, error)) ||
          !(approved = yc_back_office_act (storage, NULL, no, YC_BACK_OFFICE_APPROVE, "刘洋", NULL, error)) ||
          !(ready = yc_back_office_act (storage, NULL, no, YC_BACK_OFFICE_RESULT_READY, "刘洋", details, error)))
        return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcTestCentral) central = NULL;
  g_autoptr(YcTestStation) station = NULL;
  g_autoptr(YcCentralStorage) storage = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GPtrArray) ready = NULL;
  g_autofree char *central_db = NULL;
  guint n_cases = argc > 1 ? MAX (1, atoi (argv[1])) : DEFAULT_CASES;
  double start, pull_s;

  central = yc_test_central_new ();
  yc_test_central_start (central, "", NULL);
  central_db = g_build_filename (central->data_dir, "central.db", NULL);
  station = yc_test_station_new (central, NULL, NULL);

  /* the catalog comes down now, so that the timed run only pulls */
  if (!yc_test_station_sync (station, &error) ||
      !(storage = yc_central_store_open (central_db, &error)) ||
      !(form = filled_form (yc_sync_get_catalog (station->sync), &error)) ||
      !(numbers = take_cases (station->store, storage, form, n_cases, &error)) ||
      !decide_all (storage, numbers, &error))
    goto failed;

  /* the wall clock: the run waits on the service */
  start = yc_bench_now_ms ();
  if (!yc_test_station_sync (station, &error))
    goto failed;
  pull_s = (yc_bench_now_ms () - start) / 1e3;

  /* every change arrived */
  if (!(ready = yc_case_store_list_in_state (station->store, YC_CASE_STATE_RESULT_READY, 0, &error)))
    goto failed;
  if (ready->len != n_cases)
    {
      fprintf (stderr, "%s: %u cases of %u are result-ready at the station\n", argv[0], ready->len, n_cases);
      return 1;
    }

  printf ("pull-cases: %u cases\n", n_cases);
  printf ("pull-%u-status: %.2f s\n", n_cases * 4, pull_s);
  printf ("pull-rate: %.0f changes/s\n", n_cases * 4 / pull_s);
  return 0;

failed:
  fprintf (stderr, "%s: %s\n", argv[0], error->message);
  return 1;
}

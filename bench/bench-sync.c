/* bench-sync.c: a station sending its outbox to the real central service
 *
 * bench-sync push [CASES]     push-10000-cases: events sent per second
 * bench-sync stall [CASES]    main-loop-stall-during-sync: the longest the
 *                             main loop waited while a sync ran
 *
 * Starts yichuang-central over TLS on 127.0.0.1 as the tests do, enrolls a
 * station, takes CASES cases through the core (drafts saved, intake events
 * submitted, as the window does; the station's database is not made
 * durable while they are taken, which is not what is timed), then runs
 * one sync: the outbox goes up in batches and the 办件编号 come back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include "yc-bench.h"
#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-test-central.h"
#include "yichuang.h"

typedef struct
{
  YcTestCentral *central;
  YcCaseStore   *store;
  YcSync        *sync;
  GMainLoop     *loop;
  GError        *error;
  double         emptied;   /* when the outbox was empty, ms */
  /* the stall probe */
  double         last_tick;
  double         worst_gap;
  guint          gaps_over_16;
  guint          ticks;
} Bench;

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Bench *b = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == yc_sync_enroll_async)
    yc_sync_enroll_finish (YC_SYNC (object), result, &b->error);
  else
    yc_sync_run_finish (YC_SYNC (object), result, &b->error);
  g_main_loop_quit (b->loop);
}

static void
run_sync (Bench *b)
{
  yc_sync_run_async (b->sync, NULL, on_done_cb, b);
  g_main_loop_run (b->loop);
  if (b->error)
    g_error ("sync: %s", b->error->message);
}

static void
on_outbox_changed_cb (YcCaseStore *store,
                      Bench       *b)
{
  if (b->emptied == 0 && yc_case_store_outbox_count (store, NULL) == 0)
    b->emptied = yc_bench_now_ms ();
}

static void
make_id_number (char out[19], guint n)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  g_snprintf (out, 19, "370112%04u%02u%02u%03u", 1950 + n % 50, 1 + n % 12, 1 + n % 28, n % 1000);
  for (int i = 0; i < 17; i++)
    sum += (out[i] - '0') * weights[i];
  out[17] = "10X98765432"[sum % 11];
  out[18] = '\0';
}

static void
set_string (YcForm *form, const char *key, const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

  yc_form_set_value (form, key, node);
}

static void
take_cases (Bench *b, guint n_cases)
{
  static const char *names[] = { "李秀英", "王建国", "张伟", "刘芳", "陈静", "杨洋", "赵敏", "黄磊" };
  g_autoptr(GError) error = NULL;
  g_autoptr(YcForm) form = yc_form_new (yc_sync_get_catalog (b->sync), "000107009000", &error);
  GPtrArray *materials;

  g_assert_no_error (error);
  yc_form_set_answer (form, "who", "self");
  materials = yc_form_get_materials (form);
  for (guint i = 0; i < materials->len; i++)
    yc_form_set_material_status (form, ((YcFormMaterial *) g_ptr_array_index (materials, i))->id,
                                 YC_MATERIAL_RECEIVED);
  yc_db_exec (_yc_case_store_get_db (b->store), "PRAGMA synchronous=OFF", NULL);
  for (guint n = 0; n < n_cases; n++)
    {
      g_autofree char *case_id = NULL;
      g_autoptr(JsonObject) saved = NULL;
      char id_number[19];
      char phone[12];

      make_id_number (id_number, n);
      g_snprintf (phone, sizeof phone, "139%08u", n);
      set_string (form, "applicant_name", names[n % G_N_ELEMENTS (names)]);
      set_string (form, "applicant_id", id_number);
      set_string (form, "applicant_phone", phone);
      g_assert_cmpuint (yc_form_suggest_decision (form), ==, YC_DECISION_ACCEPT);
      case_id = yc_case_store_new_draft (b->store, "000107009000", yc_form_get_name (form),
                                         yc_form_get_version (form), &error);
      g_assert_no_error (error);
      saved = yc_form_save (form);
      yc_case_store_save_draft (b->store, case_id, saved, yc_form_get_applicant (form), &error);
      g_assert_no_error (error);
      yc_intake_submit (b->store, case_id, form, YC_DECISION_ACCEPT, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  yc_db_exec (_yc_case_store_get_db (b->store), "PRAGMA synchronous=FULL", NULL);
  g_assert_cmpuint (yc_case_store_outbox_count (b->store, NULL), ==, n_cases);
}

static void
setup (Bench *b)
{
  g_autofree char *profile = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autofree char *ca = NULL;
  g_autoptr(GError) error = NULL;

  b->loop = g_main_loop_new (NULL, FALSE);
  b->central = yc_test_central_new ();
  yc_test_central_start (b->central, "", NULL);
  profile = g_build_filename (b->central->dir, "profile", NULL);
  g_mkdir_with_parents (profile, 0700);
  path = g_build_filename (profile, "profile.db", NULL);
  b->store = yc_case_store_open (path, &error);
  g_assert_no_error (error);
  b->sync = yc_sync_new (b->store);
  code = yc_test_central_run (b->central, "enroll-code", "370112001", "王舍人街道便民服务中心", NULL);
  ca = yc_test_central_ca (b->central, "");
  yc_sync_enroll_async (b->sync, b->central->url, ca, "370112001", code, "张敏", NULL, on_done_cb, b);
  g_main_loop_run (b->loop);
  if (b->error)
    g_error ("enroll: %s", b->error->message);
  /* the catalog */
  run_sync (b);
}

static void
teardown (Bench *b)
{
  g_clear_object (&b->sync);
  g_clear_object (&b->store);
  yc_test_central_free (b->central);
  g_main_loop_unref (b->loop);
}

/* CPU time a process used so far, ms */
static double
process_cpu_ms (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid ? pid : "self");
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &text, NULL, NULL) || !(after_name = strrchr (text, ')')))
    return 0;
  fields = g_strsplit (after_name + 2, " ", 0);
  /* utime and stime, fields 14 and 15 of the line */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000 / sysconf (_SC_CLK_TCK);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  Bench *b = user_data;
  double now = yc_bench_now_ms ();
  double gap = now - b->last_tick;

  if (gap > b->worst_gap)
    b->worst_gap = gap;
  if (gap > 16)
    b->gaps_over_16++;
  b->ticks++;
  b->last_tick = now;
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char *argv[])
{
  Bench b = { 0 };
  gboolean stall;
  guint n_cases;
  double start, end;
  double station_cpu, central_cpu;
  const char *central_pid;
  guint registered = 0;
  g_autoptr(GPtrArray) cases = NULL;

  if (argc < 2 || (!g_str_equal (argv[1], "push") && !g_str_equal (argv[1], "stall")))
    {
      g_printerr ("Usage: bench-sync push|stall [CASES]\n");
      return 2;
    }
  stall = g_str_equal (argv[1], "stall");
  n_cases = argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : stall ? 3000 : 10000;

  setup (&b);
  start = yc_bench_now_ms ();
  take_cases (&b, n_cases);
  g_print ("sync-take-cases: %u cases in %.1f s (not durable; not part of the figures)\n",
           n_cases, (yc_bench_now_ms () - start) / 1000);

  g_signal_connect (b.store, "outbox-changed", G_CALLBACK (on_outbox_changed_cb), &b);
  if (stall)
    {
      b.last_tick = yc_bench_now_ms ();
      g_timeout_add (1, on_tick_cb, &b);
    }
  central_pid = g_subprocess_get_identifier (b.central->process);
  station_cpu = process_cpu_ms (NULL);
  central_cpu = process_cpu_ms (central_pid);
  start = yc_bench_now_ms ();
  run_sync (&b);
  end = yc_bench_now_ms ();
  station_cpu = process_cpu_ms (NULL) - station_cpu;
  central_cpu = process_cpu_ms (central_pid) - central_cpu;
  g_assert_cmpuint (yc_case_store_outbox_count (b.store, NULL), ==, 0);
  if (stall)
    on_tick_cb (&b);

  cases = yc_case_store_list_in_state (b.store, YC_CASE_STATE_REGISTERED, 0, NULL);
  registered = cases->len;
  if (!stall)
    {
      g_print ("push-10000-cases-events: %u events\n", n_cases);
      g_print ("push-10000-cases: %.0f events/s\n", n_cases / ((b.emptied - start) / 1000));
      g_print ("push-10000-cases-time: %.2f s\n", (b.emptied - start) / 1000);
      g_print ("push-10000-cases-with-pull: %.2f s (the official numbers of %u cases back)\n", (end - start) / 1000,
               registered);
      g_print ("push-10000-cases-station-cpu: %.2f s (with the pull)\n", station_cpu / 1000);
      g_print ("push-10000-cases-central-cpu: %.2f s (with the pull)\n", central_cpu / 1000);
    }
  else
    {
      g_print ("main-loop-stall-events: %u up, %u official numbers down\n", n_cases, registered);
      g_print ("main-loop-stall-sync-time: %.2f s\n", (end - start) / 1000);
      g_print ("main-loop-stall-ticks: %u\n", b.ticks);
      g_print ("main-loop-stall-gaps-over-16ms: %u\n", b.gaps_over_16);
      g_print ("main-loop-stall-during-sync: %.1f ms\n", b.worst_gap);
    }
  teardown (&b);
  return 0;
}

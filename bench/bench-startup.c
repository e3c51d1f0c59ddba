/* bench-startup.c: cold start to the first screen ready for input
 *
 * bench-startup YICHUANG PROFILE-DIR DEMO-CATALOG [PAIRS [CASES]]
 *
 * Starts, as new processes and taking turns, the program YICHUANG on the
 * profile PROFILE-DIR (CASES cases, a million by default, and the demo
 * catalog kept as the last one downloaded) and a bare libadwaita window
 * (this program with --bare-window: an AdwApplicationWindow of the same
 * size holding a header bar), PAIRS times each after one pair not counted
 * (the files are then in the page cache for both alike: "cold" is a new
 * process, not a cold disk). Timed on the wall clock from just before the
 * process is started:
 *
 * - the bare window's first frame: the end of its frame clock's first
 *   paint ("after-paint");
 * - yichuang's first frame, the same;
 * - yichuang ready: the end of the first paint with the keyboard focus in
 *   a search entry: the first screen shown with its list, the clerk able
 *   to type. The program says both through the file descriptor named by
 *   YICHUANG_BENCH_READY_FD (yc-application.c, watch_first_screen).
 *
 * Medians and the 90th percentile of each, the CPU time each process had
 * used by then (from /proc, 10 ms steps), and the ratio of the medians,
 * ready / bare first frame: the target is at most 1.3. The renderer is
 * the one GSK_RENDERER picks, as the processes report it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yc-bench.h"
#include "yc-bench-gtk.h"

#define DEFAULT_PAIRS 15
#define DEFAULT_CASES 1000000
/* how long yichuang may take to be ready after its first frame before it
 * is reported as never ready */
#define READY_GRACE_MS 5000
#define RUN_TIMEOUT_MS 60000

/* The bare window: what GTK and libadwaita cost before any program */

static void
on_bare_after_paint_cb (GdkFrameClock *clock,
                        GtkWindow     *window)
{
  g_autofree char *line = g_strdup_printf ("first-frame %s\nready %s\n",
                                           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
                                           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  int fd = atoi (g_getenv ("YICHUANG_BENCH_READY_FD"));

  if (write (fd, line, strlen (line)) < 0)
    g_printerr ("bench-startup: %s\n", g_strerror (errno));
  close (fd);
  g_signal_handlers_disconnect_by_func (clock, on_bare_after_paint_cb, window);
}

static void
on_bare_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  /* the size yichuang opens at (its schema's window-width and -height) */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Yichuang", NULL));
  gtk_box_append (GTK_BOX (box), header);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_bare_after_paint_cb), window);
}

static int
run_bare_window (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("cn.gov.yichuang.BenchBareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_bare_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* The profile the program starts on */

static gboolean
prepare_profile (const char  *dir,
                 const char  *demo_dir,
                 guint        n_cases,
                 GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "profile.db", NULL);
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(YcCatalog) demo = NULL;
  g_autoptr(GBytes) document = NULL;

  g_mkdir_with_parents (dir, 0700);
  if (!yc_bench_cases_ensure (path, n_cases, error) || !(store = yc_case_store_open (path, error)))
    return FALSE;
  if ((kept = yc_case_store_load_catalog (store, NULL, NULL)) != NULL)
    return TRUE;
  /* the clerk starts on the catalog kept from the last download */
  if (!(demo = yc_catalog_load_directory (demo_dir, NULL, error)))
    return FALSE;
  document = yc_catalog_to_document (demo);
  return yc_case_store_save_catalog (store, yc_catalog_get_version (demo), NULL, document, error);
}

/* One start */

typedef struct
{
  double first_frame_ms;
  double ready_ms;        /* < 0: never ready */
  double cpu_ms;          /* the process's CPU time when ready, or at its first frame */
  char  *renderer;
} Start;

static double
process_cpu_ms (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || !(after = strrchr (text, ')')))
    return -1;
  /* after the command's name: state is field 3, utime 14, stime 15 */
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 / sysconf (_SC_CLK_TCK);
}

static gboolean
start_once (char    **argv,
            Start    *out,
            GError  **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  int fds[2];
  double start;
  gboolean exited = FALSE;

  out->first_frame_ms = out->ready_ms = out->cpu_ms = -1;
  out->renderer = NULL;
  if (pipe (fds) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "pipe: %s", g_strerror (errno));
      return FALSE;
    }
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  g_subprocess_launcher_setenv (launcher, "YICHUANG_BENCH_READY_FD", "3", TRUE);
  /* the clerk's settings are neither read nor written */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);

  start = yc_bench_now_ms ();
  if (!(child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error)))
    {
      close (fds[0]);
      return FALSE;
    }
  /* the launcher closes our copy of the write end when it goes */
  g_clear_object (&launcher);

  while (out->ready_ms < 0 && !exited)
    {
      double now = yc_bench_now_ms ();
      double limit = out->first_frame_ms >= 0 ? start + out->first_frame_ms + READY_GRACE_MS : start + RUN_TIMEOUT_MS;
      struct pollfd p = { fds[0], POLLIN, 0 };
      char chunk[256];
      char *nl;
      ssize_t n;

      if (now >= limit)
        break;
      if (poll (&p, 1, (int) (limit - now) + 1) <= 0)
        continue;
      if ((n = read (fds[0], chunk, sizeof chunk)) <= 0)
        {
          exited = TRUE;
          break;
        }
      now = yc_bench_now_ms ();
      g_string_append_len (buffer, chunk, n);
      while ((nl = strchr (buffer->str, '\n')) != NULL)
        {
          g_autofree char *line = g_strndup (buffer->str, nl - buffer->str);
          const char *renderer = strchr (line, ' ');

          g_string_erase (buffer, 0, nl - buffer->str + 1);
          if (g_str_has_prefix (line, "first-frame "))
            out->first_frame_ms = now - start;
          else if (g_str_has_prefix (line, "ready "))
            out->ready_ms = now - start;
          if (renderer != NULL && out->renderer == NULL)
            out->renderer = g_strdup (renderer + 1);
        }
      if (out->first_frame_ms >= 0 && out->cpu_ms < 0)
        out->cpu_ms = process_cpu_ms (g_subprocess_get_identifier (child));
      if (out->ready_ms >= 0)
        out->cpu_ms = process_cpu_ms (g_subprocess_get_identifier (child));
    }
  close (fds[0]);
  if (!exited && g_subprocess_get_identifier (child) != NULL)
    g_subprocess_send_signal (child, SIGTERM);
  g_subprocess_wait (child, NULL, NULL);
  if (out->first_frame_ms < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s showed no frame within %d s (exit status %d)",
                   argv[0], RUN_TIMEOUT_MS / 1000, g_subprocess_get_status (child));
      return FALSE;
    }
  return TRUE;
}

static void
print_figure (const char *name,
              double     *values,
              guint       n)
{
  printf ("%s: %.1f ms\n", name, yc_bench_median (values, n));
  printf ("%s-p90: %.1f ms\n", name, yc_bench_percentile (values, n, 90));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = NULL;
  g_autofree double *bare_ms = NULL, *bare_cpu = NULL;
  g_autofree double *first_ms = NULL, *ready_ms = NULL, *app_cpu = NULL;
  g_autofree char *renderer = NULL;
  guint pairs = DEFAULT_PAIRS, n_cases = DEFAULT_CASES, n_ready = 0;
  const char *gsk;

  /* the UI tests' renderer unless another is named; the processes
   * started inherit it */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (argc == 2 && g_str_equal (argv[1], "--bare-window"))
    return run_bare_window ();
  if (argc < 4)
    {
      fprintf (stderr, "Usage: %s YICHUANG PROFILE-DIR DEMO-CATALOG [PAIRS [CASES]]\n", argv[0]);
      return 2;
    }
  if (argc > 4)
    pairs = MAX (1, atoi (argv[4]));
  if (argc > 5)
    n_cases = MAX (1, atoi (argv[5]));
  if (!prepare_profile (argv[2], argv[3], n_cases, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  bare_ms = g_new (double, pairs);
  bare_cpu = g_new (double, pairs);
  first_ms = g_new (double, pairs);
  ready_ms = g_new (double, pairs);
  app_cpu = g_new (double, pairs);

  /* pair 0 is not counted; the order changes every pair */
  for (guint r = 0; r <= pairs; r++)
    for (guint turn = 0; turn < 2; turn++)
      {
        gboolean bare = (turn + r) % 2 == 0;
        char *bare_argv[] = { self_path ? self_path : argv[0], (char *) "--bare-window", NULL };
        char *app_argv[] = { argv[1], (char *) "--data-dir", argv[2], NULL };
        Start s;

        if (!start_once (bare ? bare_argv : app_argv, &s, &error))
          {
            fprintf (stderr, "%s: %s\n", argv[0], error->message);
            return 1;
          }
        if (renderer == NULL)
          renderer = g_strdup (s.renderer);
        if (r > 0 && bare)
          {
            bare_ms[r - 1] = s.first_frame_ms;
            bare_cpu[r - 1] = s.cpu_ms;
          }
        else if (r > 0)
          {
            first_ms[r - 1] = s.first_frame_ms;
            app_cpu[r - 1] = s.cpu_ms;
            if (s.ready_ms >= 0)
              ready_ms[n_ready++] = s.ready_ms;
          }
        g_free (s.renderer);
      }

  gsk = g_getenv ("GSK_RENDERER");
  printf ("startup-renderer: %s (GSK_RENDERER=%s)\n", renderer ? renderer : "?", gsk ? gsk : "unset");
  printf ("startup-cases: %u cases\n", n_cases);
  printf ("startup-pairs: %u runs each\n", pairs);
  print_figure ("startup-bare-window-first-frame", bare_ms, pairs);
  printf ("startup-bare-window-cpu: %.0f ms\n", yc_bench_median (bare_cpu, pairs));
  print_figure ("startup-yichuang-first-frame", first_ms, pairs);
  if (n_ready == pairs)
    {
      double ratio = yc_bench_median (ready_ms, pairs) / yc_bench_median (bare_ms, pairs);

      print_figure ("startup-yichuang-ready", ready_ms, pairs);
      printf ("startup-yichuang-cpu: %.0f ms\n", yc_bench_median (app_cpu, pairs));
      printf ("startup-ready-ratio: %.2f\n", ratio);
    }
  else
    {
      /* a figure of a screen a clerk cannot type into would flatter it */
      printf ("startup-yichuang-cpu: %.0f ms (at the first frame)\n", yc_bench_median (app_cpu, pairs));
      printf ("startup-yichuang-ready: never in %u of %u runs (no search entry had the focus %d s after the first frame)\n",
              pairs - n_ready, pairs, READY_GRACE_MS / 1000);
      printf ("startup-first-frame-ratio: %.2f (first frame / bare first frame; not the target's figure)\n",
              yc_bench_median (first_ms, pairs) / yc_bench_median (bare_ms, pairs));
    }
  return 0;
}

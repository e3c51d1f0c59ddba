/* bench-case-list-scroll.c: scrolling the case list over a million cases
 *
 * bench-case-list-scroll DATABASE [CASES [JUMPS [WHEEL-FRAMES]]]
 *
 * A store of CASES cases (a million by default; made once by
 * yc-bench-cases.c and kept) listed by the program's case list model
 * (yc_case_list_new_filtered, all cases, as the case list's last tab) in
 * the case list page's view of case rows (YcCaseListView of YcCaseRow,
 * bound as the page binds them), in a GtkScrolledWindow in a window of
 * 1366×768. Then, one gtk_adjustment_set_value per frame, from a tick
 * callback:
 *
 * - wheel: WHEEL-FRAMES frames (600) of three rows each from the top, as a
 *   mouse wheel or the arrow keys move;
 * - jump: from the top to the bottom in JUMPS equal steps (500: about
 *   2,000 cases each), every frame showing rows never shown before, as the
 *   scroll bar dragged fast.
 *
 * A frame's time is from its frame clock's "before-paint" to the end of
 * its "after-paint": the update (the step), the layout (the rows bound to
 * the cases now in view) and the paint, all on the main loop. Reported:
 * the slowest frame, the 99th percentile and the median, and how many
 * frames took over 16 ms (the target: none), on the wall clock; the main
 * thread's CPU time a frame (what is left when other processes take the
 * two cores: the X server's share of the paint is not in it); and the
 * longest interval between two frames, and how many rows were given
 * another case a frame (the view binds only the rows that come into
 * view; GTK 4.8's GtkListView, which the page used before, bound about
 * 205 a jump). The renderer is the one
 * GSK_RENDERER picks (under Xvfb, cairo draws in the client: its paint is
 * in the figure).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "yc-bench.h"
#include "yc-bench-gtk.h"
#include "yc-case-row.h"
#include "yc-case-list-view.h"

#define DEFAULT_CASES        1000000
#define DEFAULT_JUMPS        500
#define DEFAULT_WHEEL_FRAMES 600
#define BUDGET_MS            16.0

static GDate bench_today;
static YcCalendar *bench_calendar;

typedef struct
{
  GtkAdjustment *adjustment;
  double        *frames;       /* each frame's time */
  double        *intervals;    /* between the ends of two frames */
  double        *cpu;          /* each frame's CPU time on the main thread */
  guint          n_frames;
  guint          max_frames;
  double         frame_start;
  double         cpu_start;
  double         last_end;
  double         step;
  double         to;           /* the last value */
  gboolean       measuring;
  gboolean       done;
} Scroll;

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Scroll        *s)
{
  s->frame_start = yc_bench_now_ms ();
  s->cpu_start = yc_bench_cpu_now_ms ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Scroll        *s)
{
  double end = yc_bench_now_ms ();

  if (!s->measuring || s->n_frames >= s->max_frames)
    return;
  s->frames[s->n_frames] = end - s->frame_start;
  s->cpu[s->n_frames] = yc_bench_cpu_now_ms () - s->cpu_start;
  s->intervals[s->n_frames] = s->last_end > 0 ? end - s->last_end : 0;
  s->last_end = end;
  s->n_frames++;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Scroll *s = user_data;
  double value = gtk_adjustment_get_value (s->adjustment);
  double upper = gtk_adjustment_get_upper (s->adjustment) - gtk_adjustment_get_page_size (s->adjustment);
  double to = MIN (s->to, upper);

  s->measuring = TRUE;
  if (value >= to || s->n_frames >= s->max_frames)
    {
      /* this frame changes nothing: not one of the steps' */
      s->measuring = FALSE;
      s->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (s->adjustment, MIN (value + s->step, to));
  return G_SOURCE_CONTINUE;
}

/* Scrolls in steps of @step (a step a frame) until @to or @max_frames,
 * and prints the figures of @name. */
static void
scroll (GtkWidget     *list,
        GtkAdjustment *adjustment,
        const char    *name,
        double         step,
        double         to,
        guint          max_frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (list);
  Scroll s = { adjustment, g_new (double, max_frames), g_new (double, max_frames), g_new (double, max_frames),
               0, max_frames };
  guint over = 0, binds = yc_case_list_view_get_n_binds (YC_CASE_LIST_VIEW (list));
  gulong before, after;

  s.step = step;
  s.to = to;
  before = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &s);
  after = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &s);
  gtk_widget_add_tick_callback (list, tick_cb, &s, NULL);
  while (!s.done)
    g_main_context_iteration (NULL, TRUE);
  /* a frame after the last step's, which nothing else may ask for */
  gtk_widget_queue_draw (list);
  yc_bench_next_frame (list, NULL);
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, after);

  for (guint i = 0; i < s.n_frames; i++)
    over += s.frames[i] > BUDGET_MS;
  printf ("case-list-scroll-%s-frames: %u frames, %.0f px each\n", name, s.n_frames, step);
  printf ("case-list-scroll-%s-rows-bound: %.1f a frame\n", name, (double) (yc_case_list_view_get_n_binds (YC_CASE_LIST_VIEW (list)) - binds) / MAX (s.n_frames, 1));
  printf ("case-list-scroll-%s-max: %.2f ms\n", name, yc_bench_max (s.frames, s.n_frames));
  printf ("case-list-scroll-%s-p99: %.2f ms\n", name, yc_bench_percentile (s.frames, s.n_frames, 99));
  printf ("case-list-scroll-%s-median: %.2f ms\n", name, yc_bench_median (s.frames, s.n_frames));
  printf ("case-list-scroll-%s-over-16ms: %u frames\n", name, over);
  printf ("case-list-scroll-%s-longest-interval: %.1f ms\n", name, yc_bench_max (s.intervals, s.n_frames));
  printf ("case-list-scroll-%s-cpu: max %.2f ms, p99 %.2f, median %.2f (the main thread's CPU time a frame)\n", name,
          yc_bench_max (s.cpu, s.n_frames), yc_bench_percentile (s.cpu, s.n_frames, 99),
          yc_bench_median (s.cpu, s.n_frames));
  g_free (s.frames);
  g_free (s.intervals);
  g_free (s.cpu);
}

/* as the case list page binds its rows: made once, given each case and
 * its light */
static void
bind_row (YcCaseListView *view,
          YcCaseRow      *row,
          YcCase         *c,
          gpointer        user_data)
{
  YcCaseLight light = yc_case_get_light (c, bench_calendar, &bench_today, 2, 0);

  yc_case_row_set_case (row, c,
                        light == YC_CASE_LIGHT_NONE ? NULL : yc_case_light_to_string (light),
                        light == YC_CASE_LIGHT_NONE ? NULL : yc_case_light_get_label (light));
}

/* The list the case list page shows under "all": every case, newest
 * first, read a page at a time */
static GListModel *
make_model (YcCaseStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                           g_date_time_get_year (now));

  return G_LIST_MODEL (yc_case_list_new_filtered (store, YC_CASE_FILTER_ALL, "张敏", today));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseStore) store = NULL;
  g_autoptr(GListModel) model = NULL;
  guint n_cases = DEFAULT_CASES, jumps = DEFAULT_JUMPS, wheel_frames = DEFAULT_WHEEL_FRAMES;
  GtkWidget *window, *scrolled, *list;
  GtkAdjustment *adjustment;
  double start, model_ms, first_ms, row_height, upper;
  const char *gsk;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s DATABASE [CASES [JUMPS [WHEEL-FRAMES]]]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    n_cases = MAX (1, atoi (argv[2]));
  if (argc > 3)
    jumps = MAX (1, atoi (argv[3]));
  if (argc > 4)
    wheel_frames = MAX (1, atoi (argv[4]));

  /* the UI tests' renderer unless another is named */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  adw_init ();
  if (!yc_bench_cases_ensure (argv[1], n_cases, &error) || !(store = yc_case_store_open (argv[1], &error)))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }

  start = yc_bench_now_ms ();
  /* the rows' lights count working days, as the window's do */
  bench_calendar = yc_calendar_new_builtin ();
  yc_today (&bench_today);
  model = make_model (store);
  model_ms = yc_bench_now_ms () - start;

  list = yc_case_list_view_new ();
  yc_case_list_view_set_bind_func (YC_CASE_LIST_VIEW (list), bind_row, NULL, NULL);
  yc_case_list_view_set_model (YC_CASE_LIST_VIEW (list), model);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);

  start = yc_bench_now_ms ();
  gtk_window_present (GTK_WINDOW (window));
  first_ms = yc_bench_next_frame (window, NULL) - start;
  yc_bench_settle ();
  /* a frame whatever the list asks for: the case list's view draws only
   * when it changes */
  gtk_widget_queue_draw (window);
  yc_bench_next_frame (window, NULL);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  upper = gtk_adjustment_get_upper (adjustment);
  row_height = g_list_model_get_n_items (model) > 0 ? upper / g_list_model_get_n_items (model) : 0;

  gsk = g_getenv ("GSK_RENDERER");
  printf ("case-list-scroll-renderer: %s (GSK_RENDERER=%s)\n",
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), gsk ? gsk : "unset");
  printf ("case-list-scroll-cases: %u cases in the store, %u listed\n", n_cases, g_list_model_get_n_items (model));
  printf ("case-list-scroll-model: %.1f ms (the list model made)\n", model_ms);
  printf ("case-list-scroll-first-frame: %.1f ms\n", first_ms);
  printf ("case-list-scroll-row-height: %.1f px\n", row_height);

  scroll (list, adjustment, "wheel", 3 * row_height, upper, wheel_frames);
  gtk_adjustment_set_value (adjustment, 0);
  yc_bench_next_frame (window, NULL);
  scroll (list, adjustment, "jump", upper / jumps, upper, jumps + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

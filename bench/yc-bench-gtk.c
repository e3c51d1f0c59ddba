/* yc-bench-gtk.c: waiting on frames, for the benchmarks of the window
 *
 * A view's "first frame" is the end of the first paint of its toplevel's
 * frame clock (its "after-paint") after the view was put there: what the
 * clerk sees then is what was laid out and drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-bench.h"
#include "yc-bench-gtk.h"

typedef struct
{
  double wall_ms;
  double cpu_ms;
  gboolean done;
} Frame;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Frame         *frame)
{
  frame->wall_ms = yc_bench_now_ms ();
  frame->cpu_ms = yc_bench_cpu_now_ms ();
  frame->done = TRUE;
}

/**
 * yc_bench_next_frame:
 * @cpu_ms: (out) (optional): the thread's CPU clock then
 *
 * Runs the main loop until the next paint of @widget's toplevel is over.
 *
 * Returns: the wall clock then, in ms
 */
double
yc_bench_next_frame (GtkWidget *widget,
                     double    *cpu_ms)
{
  Frame frame = { 0 };
  GdkFrameClock *clock;
  gulong id;

  while (!(clock = gtk_widget_get_frame_clock (GTK_WIDGET (gtk_widget_get_root (widget)))))
    g_main_context_iteration (NULL, TRUE);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &frame);
  while (!frame.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  if (cpu_ms != NULL)
    *cpu_ms = frame.cpu_ms;
  return frame.wall_ms;
}

/* Runs what the main loop has to do now, and a frame. */
void
yc_bench_settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* yc-bench.c: clocks and medians for the benchmarks
 *
 * The machines these run on are shared: other builds and tests take turns
 * on the same cores. Wall time counts the time another process had the
 * core; a single-threaded step is therefore timed with the thread's CPU
 * clock, and only what waits on other threads or processes (a service,
 * the network) with the wall clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "yc-bench.h"

static double
clock_ms (clockid_t id)
{
  struct timespec ts;

  /* g_get_monotonic_time () only has microseconds, too coarse here */
  clock_gettime (id, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* wall-clock time, for steps that wait on others */
double
yc_bench_now_ms (void)
{
  return clock_ms (CLOCK_MONOTONIC);
}

/* the calling thread's CPU time, for steps that only compute */
double
yc_bench_cpu_now_ms (void)
{
  return clock_ms (CLOCK_THREAD_CPUTIME_ID);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* sorts @values */
double
yc_bench_median (double *values,
                 guint   n)
{
  g_assert (n > 0);
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* sorts @values; @p in 0..100, nearest rank */
double
yc_bench_percentile (double *values,
                     guint   n,
                     double  p)
{
  guint rank;

  g_assert (n > 0);
  qsort (values, n, sizeof (double), compare_doubles);
  rank = (guint) (p / 100.0 * n + 0.999999);
  return values[CLAMP (rank, 1, n) - 1];
}

double
yc_bench_max (const double *values,
              guint         n)
{
  double max = 0;

  for (guint i = 0; i < n; i++)
    max = MAX (max, values[i]);
  return max;
}

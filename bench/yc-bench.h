/* yc-bench.h: what every benchmark measures with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double yc_bench_now_ms     (void);
double yc_bench_cpu_now_ms (void);
double yc_bench_median     (double *values,
                            guint   n);

G_END_DECLS

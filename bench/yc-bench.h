/* yc-bench.h: what every benchmark measures with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yichuang.h"

G_BEGIN_DECLS

double yc_bench_now_ms     (void);
double yc_bench_cpu_now_ms (void);
double yc_bench_median     (double *values,
                            guint   n);
double yc_bench_percentile (double *values,
                            guint   n,
                            double  p);
double yc_bench_max        (const double *values,
                            guint         n);

/* the demo's five-item bundle, and the one of 150 fields or more made
 * from it by yc_bench_make_big_bundle() */
#define YC_BENCH_BASE_BUNDLE "YJS-KBQY"
#define YC_BENCH_BIG_BUNDLE  "YJS-BENCH5"

guint     yc_bench_make_big_bundle (YcCatalog   *demo,
                                    GBytes     **out,
                                    guint       *n_donors,
                                    GError     **error);
YcCatalog *yc_bench_load_big_catalog (const char  *demo_dir,
                                      GBytes     **document,
                                      GError     **error);

gboolean  yc_bench_cases_ensure    (const char  *path,
                                    guint        n_cases,
                                    GError     **error);

G_END_DECLS

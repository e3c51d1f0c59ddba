/* yc-bench-gtk.h: waiting on frames, for the benchmarks of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

double yc_bench_next_frame (GtkWidget *widget,
                            double    *cpu_ms);
void   yc_bench_settle     (void);

G_END_DECLS

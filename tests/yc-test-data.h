/* yc-test-data.h: valid identity data, built for the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *yc_test_make_id (const char *prefix);

G_END_DECLS

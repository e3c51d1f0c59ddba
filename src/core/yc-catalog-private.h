/* yc-catalog-private.h: what the parts of the catalog loader share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "yc-check-private.h"

G_BEGIN_DECLS

void _yc_catalog_check_rules (YcCheck    *c,
                              JsonObject *item);

G_END_DECLS

/* yc-case-store-private.h: what only libyichuang sees of the case store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "yc-case-store.h"

G_BEGIN_DECLS

sqlite3 *_yc_case_store_get_db (YcCaseStore *self);

G_END_DECLS

/* yc-central-store.h: the central service's storage in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-central-storage.h"

G_BEGIN_DECLS

#define YC_TYPE_CENTRAL_STORE (yc_central_store_get_type ())
G_DECLARE_FINAL_TYPE (YcCentralStore, yc_central_store, YC, CENTRAL_STORE, GObject)

YcCentralStorage *yc_central_store_open (const char  *path,
                                         GError     **error);

G_END_DECLS

/* yc-json-locate.h: find where a JSON path stands in a document's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean yc_json_locate (const char *text,
                         gssize      length,
                         const char *path,
                         guint      *line,
                         guint      *column);

G_END_DECLS

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

void     yc_json_position (const char *text,
                           gsize       offset,
                           guint      *line,
                           guint      *column);

typedef void (*YcJsonDuplicateFunc) (const char *path,
                                     const char *member,
                                     guint       line,
                                     guint       column,
                                     gpointer    user_data);

guint    yc_json_find_duplicates (const char          *text,
                                  gssize               length,
                                  YcJsonDuplicateFunc  func,
                                  gpointer             user_data);

G_END_DECLS

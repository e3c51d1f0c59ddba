/* yc-resource-tsv-private.h: the tables embedded in the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Takes one line's key and value, split in place; %FALSE for a line it
 * finds malformed */
typedef gboolean (*YcResourceTsvRow) (char     *key,
                                      char     *value,
                                      gpointer  user_data);

char *_yc_resource_tsv_load (const char        *path,
                             const char        *what,
                             YcResourceTsvRow   row,
                             gpointer           user_data,
                             char             **source);

G_END_DECLS

/* yc-refusal.h: why the central service refused something, in the clerk's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every refusal of the central service carries a stable code, kebab-case
 * ASCII ("case-of-another-station", "uuid-conflict"...), and the field it
 * concerns when there is one; docs/sync-protocol.md lists them. The
 * service's own text is in the language the station asked for, but a
 * station words a known code itself, so that what the clerk reads never
 * depends on the service's translations. */

gboolean  yc_refusal_is_known    (const char *refusal);
char     *yc_refusal_describe    (const char *refusal,
                                  const char *field,
                                  const char *fallback);
char     *yc_refusal_get_language (void);

G_END_DECLS

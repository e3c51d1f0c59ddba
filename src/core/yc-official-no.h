/* yc-official-no.h: the 办件编号 the central service gives a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most cases of one item (or bundle) in one day: the sequence is four
 * characters, 0001–9999 in decimal, then A000–ZZZZ counting on in base 36
 * (docs/sync-protocol.md, "Status down") */
#define YC_OFFICIAL_NO_MAX_SEQUENCE 1223055

char *yc_official_no_make (const char *prefix,
                           const char *day,
                           guint64     sequence);

G_END_DECLS

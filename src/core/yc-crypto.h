/* yc-crypto.h: what Yichuang asks of libgcrypt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YC_SHA256_HEX_LENGTH 64

void  yc_crypto_init       (void);
char *yc_crypto_sha256_hex (const void *data,
                            gsize       length);

G_END_DECLS

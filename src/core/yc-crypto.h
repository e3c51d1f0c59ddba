/* yc-crypto.h: what Yichuang asks of libgcrypt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define YC_SHA256_HEX_LENGTH 64

#define YC_CRYPTO_ERROR (yc_crypto_error_quark ())

typedef enum
{
  YC_CRYPTO_ERROR_FAILED,   /* libgcrypt refused: a bug or a broken library */
  YC_CRYPTO_ERROR_KEY,      /* a key of the wrong size */
  YC_CRYPTO_ERROR_FORGED,   /* sealed data altered, or opened with another key */
} YcCryptoError;

/* The algorithms a station's policy picks: AES-256-GCM with SHA-256, or
 * 国密, SM4-GCM with SM3 (商用密码). */
typedef enum
{
  YC_CRYPTO_SUITE_AES,
  YC_CRYPTO_SUITE_SM,
} YcCryptoSuite;

/* Argon2id's costs (RFC 9106): passes, memory in KiB, lanes */
typedef struct
{
  guint passes;
  guint memory_kib;
  guint lanes;
} YcKdfCost;

#define YC_CRYPTO_NONCE_SIZE 12
#define YC_CRYPTO_TAG_SIZE   16

GQuark         yc_crypto_error_quark      (void);
void           yc_crypto_init             (void);
char          *yc_crypto_sha256_hex       (const void       *data,
                                           gsize             length);
gboolean       yc_crypto_suite_from_string (const char      *text,
                                            YcCryptoSuite   *suite);
const char    *yc_crypto_suite_to_string  (YcCryptoSuite     suite);
gsize          yc_crypto_key_size         (YcCryptoSuite     suite);
GBytes        *yc_crypto_random           (gsize             length);
GBytes        *yc_crypto_derive_key       (const char       *password,
                                           GBytes           *salt,
                                           const YcKdfCost  *cost,
                                           gsize             key_size,
                                           GError          **error);
GBytes        *yc_crypto_seal             (YcCryptoSuite     suite,
                                           GBytes           *key,
                                           GBytes           *plaintext,
                                           GBytes           *associated,
                                           GError          **error);
GBytes        *yc_crypto_open             (YcCryptoSuite     suite,
                                           GBytes           *key,
                                           GBytes           *sealed,
                                           GBytes           *associated,
                                           GError          **error);
char          *yc_crypto_keyed_hash_hex   (YcCryptoSuite     suite,
                                           GBytes           *key,
                                           const char       *text,
                                           GError          **error);

/* Sealing to a public key: X25519 (RFC 7748), 32-byte keys, under the AES
 * suite; SM2 (GB/T 32918), a 65-byte uncompressed point and a 32-byte
 * secret, under 国密 */
#define YC_CRYPTO_X25519_KEY_SIZE    32
#define YC_CRYPTO_SM2_PUBLIC_SIZE    65
#define YC_CRYPTO_SM2_SECRET_SIZE    32

gsize          yc_crypto_public_key_size  (YcCryptoSuite     suite);
GBytes        *yc_crypto_x25519           (GBytes           *scalar,
                                           GBytes           *point,
                                           GError          **error);
GBytes        *yc_crypto_generate_keypair (YcCryptoSuite     suite,
                                           GBytes          **public_key,
                                           GError          **error);
GBytes        *yc_crypto_seal_to          (YcCryptoSuite     suite,
                                           GBytes           *public_key,
                                           GBytes           *plaintext,
                                           GError          **error);
GBytes        *yc_crypto_open_from        (YcCryptoSuite     suite,
                                           GBytes           *secret_key,
                                           GBytes           *sealed,
                                           GError          **error);

G_END_DECLS

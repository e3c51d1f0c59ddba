/* yc-crypto.c: what Yichuang asks of libgcrypt
 *
 * Every cryptographic primitive comes from libgcrypt, a maintained library,
 * never from code of our own. libgcrypt must be told its version and that
 * its initialisation is over before the first use, once a process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gcrypt.h>

#include "yc-crypto.h"

/* the oldest libgcrypt whose API we use (Debian 12 has 1.10.1) */
#define YC_GCRYPT_MIN_VERSION "1.10.0"

void
yc_crypto_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      if (!gcry_control (GCRYCTL_INITIALIZATION_FINISHED_P))
        {
          if (gcry_check_version (YC_GCRYPT_MIN_VERSION) == NULL)
            g_error ("libgcrypt %s or later is needed, this is %s", YC_GCRYPT_MIN_VERSION,
                     gcry_check_version (NULL));
          /* nothing secret is held in libgcrypt's memory yet: hashes only */
          gcry_control (GCRYCTL_DISABLE_SECMEM, 0);
          gcry_control (GCRYCTL_INITIALIZATION_FINISHED, 0);
        }
      g_once_init_leave (&done, 1);
    }
}

/**
 * yc_crypto_sha256_hex:
 *
 * Returns: (transfer full): the SHA-256 of @data, in lower-case hex
 */
char *
yc_crypto_sha256_hex (const void *data,
                      gsize       length)
{
  guchar digest[32];
  char *hex = g_malloc (YC_SHA256_HEX_LENGTH + 1);

  yc_crypto_init ();
  gcry_md_hash_buffer (GCRY_MD_SHA256, digest, data, length);
  for (guint i = 0; i < sizeof digest; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  return hex;
}

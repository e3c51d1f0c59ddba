/* yc-crypto.c: what Yichuang asks of libgcrypt
 *
 * Every cryptographic primitive comes from libgcrypt, a maintained library,
 * never from code of our own; this file only picks the algorithms and
 * their sizes, once. Sealed data is the nonce, the ciphertext and the GCM
 * tag, in that order: an altered byte, or another key, is refused, never
 * decrypted into garbage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gcrypt.h>

#include "yc-crypto.h"

G_DEFINE_QUARK (yc-crypto-error-quark, yc_crypto_error)

/* the oldest libgcrypt whose API we use (Debian 12 has 1.10.1): Argon2
 * came in 1.10.0 */
#define YC_GCRYPT_MIN_VERSION "1.10.0"

static const struct
{
  const char *name;
  int         cipher;
  gsize       key_size;
  int         mac;
} suites[] = {
  [YC_CRYPTO_SUITE_AES] = { "aes", GCRY_CIPHER_AES256, 32, GCRY_MAC_HMAC_SHA256 },
  [YC_CRYPTO_SUITE_SM] = { "sm", GCRY_CIPHER_SM4, 16, GCRY_MAC_HMAC_SM3 },
};

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
          /* keys live in GLib memory as well; libgcrypt's locked pool
           * would protect only its own copies */
          gcry_control (GCRYCTL_DISABLE_SECMEM, 0);
          gcry_control (GCRYCTL_INITIALIZATION_FINISHED, 0);
        }
      g_once_init_leave (&done, 1);
    }
}

static gboolean
failed (gcry_error_t   err,
        const char    *what,
        GError       **error)
{
  if (err == 0)
    return TRUE;
  g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FAILED, "%s: %s", what, gcry_strerror (err));
  return FALSE;
}

static char *
to_hex (const guchar *bytes,
        gsize         length)
{
  char *hex = g_malloc (2 * length + 1);

  for (gsize i = 0; i < length; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", bytes[i]);
  return hex;
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

  yc_crypto_init ();
  gcry_md_hash_buffer (GCRY_MD_SHA256, digest, data, length);
  return to_hex (digest, sizeof digest);
}

gboolean
yc_crypto_suite_from_string (const char    *text,
                             YcCryptoSuite *suite)
{
  for (guint i = 0; i < G_N_ELEMENTS (suites); i++)
    if (g_strcmp0 (text, suites[i].name) == 0)
      {
        *suite = i;
        return TRUE;
      }
  return FALSE;
}

const char *
yc_crypto_suite_to_string (YcCryptoSuite suite)
{
  g_return_val_if_fail (suite < G_N_ELEMENTS (suites), NULL);
  return suites[suite].name;
}

/* Returns: the size of the suite's cipher key, in bytes */
gsize
yc_crypto_key_size (YcCryptoSuite suite)
{
  g_return_val_if_fail (suite < G_N_ELEMENTS (suites), 0);
  return suites[suite].key_size;
}

/**
 * yc_crypto_random:
 *
 * Returns: (transfer full): @length bytes from libgcrypt's strong random
 *   generator, for keys, salts and nonces
 */
GBytes *
yc_crypto_random (gsize length)
{
  guchar *bytes = g_malloc (length);

  yc_crypto_init ();
  gcry_randomize (bytes, length, GCRY_VERY_STRONG_RANDOM);
  return g_bytes_new_take (bytes, length);
}

/**
 * yc_crypto_derive_key:
 *
 * Argon2id (RFC 9106) of @password and @salt: slow on purpose, so that a
 * stolen verifier costs a guesser the same for every guess.
 *
 * Returns: (transfer full): @key_size bytes
 */
GBytes *
yc_crypto_derive_key (const char       *password,
                      GBytes           *salt,
                      const YcKdfCost  *cost,
                      gsize             key_size,
                      GError          **error)
{
  const unsigned long params[4] = { key_size, cost->passes, cost->memory_kib, cost->lanes };
  gcry_kdf_hd_t hd = NULL;
  guchar *key;
  gsize salt_size;
  const void *salt_data = g_bytes_get_data (salt, &salt_size);

  g_return_val_if_fail (password != NULL && salt != NULL && cost != NULL && key_size > 0, NULL);

  yc_crypto_init ();
  if (!failed (gcry_kdf_open (&hd, GCRY_KDF_ARGON2, GCRY_KDF_ARGON2ID, params, G_N_ELEMENTS (params),
                              password, strlen (password), salt_data, salt_size, NULL, 0, NULL, 0),
               "Argon2id", error))
    return NULL;
  key = g_malloc (key_size);
  if (!failed (gcry_kdf_compute (hd, NULL), "Argon2id", error) ||
      !failed (gcry_kdf_final (hd, key_size, key), "Argon2id", error))
    {
      gcry_kdf_close (hd);
      g_free (key);
      return NULL;
    }
  gcry_kdf_close (hd);
  return g_bytes_new_take (key, key_size);
}

static gboolean
check_key (YcCryptoSuite   suite,
           GBytes         *key,
           GError        **error)
{
  if (g_bytes_get_size (key) == suites[suite].key_size)
    return TRUE;
  g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_KEY, _("A %s key has %zu bytes, not %zu"),
               suites[suite].name, suites[suite].key_size, g_bytes_get_size (key));
  return FALSE;
}

static gcry_cipher_hd_t
gcm_new (YcCryptoSuite   suite,
         GBytes         *key,
         const guchar   *nonce,
         GBytes         *associated,
         GError        **error)
{
  gcry_cipher_hd_t hd = NULL;
  gsize key_size, associated_size = 0;
  const void *key_data = g_bytes_get_data (key, &key_size);
  const void *associated_data = associated ? g_bytes_get_data (associated, &associated_size) : NULL;

  if (!failed (gcry_cipher_open (&hd, suites[suite].cipher, GCRY_CIPHER_MODE_GCM, 0), "GCM", error))
    return NULL;
  if (!failed (gcry_cipher_setkey (hd, key_data, key_size), "GCM key", error) ||
      !failed (gcry_cipher_setiv (hd, nonce, YC_CRYPTO_NONCE_SIZE), "GCM nonce", error) ||
      (associated_size > 0 &&
       !failed (gcry_cipher_authenticate (hd, associated_data, associated_size), "GCM data", error)))
    {
      gcry_cipher_close (hd);
      return NULL;
    }
  return hd;
}

/**
 * yc_crypto_seal:
 * @associated: (nullable): bytes the seal covers without hiding them
 *   (what the sealed data is, so that it cannot be moved elsewhere)
 *
 * Encrypts @plaintext under a fresh random nonce.
 *
 * Returns: (transfer full): the nonce, the ciphertext and the tag
 */
GBytes *
yc_crypto_seal (YcCryptoSuite   suite,
                GBytes         *key,
                GBytes         *plaintext,
                GBytes         *associated,
                GError        **error)
{
  g_autoptr(GBytes) nonce = NULL;
  gcry_cipher_hd_t hd;
  gsize size;
  const void *data = g_bytes_get_data (plaintext, &size);
  guchar *sealed;
  gboolean ok;

  g_return_val_if_fail (suite < G_N_ELEMENTS (suites) && key != NULL && plaintext != NULL, NULL);

  yc_crypto_init ();
  if (!check_key (suite, key, error))
    return NULL;
  nonce = yc_crypto_random (YC_CRYPTO_NONCE_SIZE);
  if (!(hd = gcm_new (suite, key, g_bytes_get_data (nonce, NULL), associated, error)))
    return NULL;
  sealed = g_malloc (YC_CRYPTO_NONCE_SIZE + size + YC_CRYPTO_TAG_SIZE);
  memcpy (sealed, g_bytes_get_data (nonce, NULL), YC_CRYPTO_NONCE_SIZE);
  gcry_cipher_final (hd);
  ok = failed (gcry_cipher_encrypt (hd, sealed + YC_CRYPTO_NONCE_SIZE, size, data, size), "GCM", error) &&
       failed (gcry_cipher_gettag (hd, sealed + YC_CRYPTO_NONCE_SIZE + size, YC_CRYPTO_TAG_SIZE), "GCM tag", error);
  gcry_cipher_close (hd);
  if (!ok)
    {
      g_free (sealed);
      return NULL;
    }
  return g_bytes_new_take (sealed, YC_CRYPTO_NONCE_SIZE + size + YC_CRYPTO_TAG_SIZE);
}

/**
 * yc_crypto_open:
 *
 * Returns: (transfer full): the plaintext, or NULL with
 *   %YC_CRYPTO_ERROR_FORGED when @sealed was altered or sealed under
 *   another key or other associated bytes
 */
GBytes *
yc_crypto_open (YcCryptoSuite   suite,
                GBytes         *key,
                GBytes         *sealed,
                GBytes         *associated,
                GError        **error)
{
  gcry_cipher_hd_t hd;
  gsize sealed_size, size;
  const guchar *data = g_bytes_get_data (sealed, &sealed_size);
  guchar *plain;
  gcry_error_t err;

  g_return_val_if_fail (suite < G_N_ELEMENTS (suites) && key != NULL && sealed != NULL, NULL);

  yc_crypto_init ();
  if (!check_key (suite, key, error))
    return NULL;
  if (sealed_size < YC_CRYPTO_NONCE_SIZE + YC_CRYPTO_TAG_SIZE)
    {
      g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED, _("The sealed data is cut short"));
      return NULL;
    }
  size = sealed_size - YC_CRYPTO_NONCE_SIZE - YC_CRYPTO_TAG_SIZE;
  if (!(hd = gcm_new (suite, key, data, associated, error)))
    return NULL;
  plain = g_malloc (size + 1);
  gcry_cipher_final (hd);
  if (!failed (gcry_cipher_decrypt (hd, plain, size, data + YC_CRYPTO_NONCE_SIZE, size), "GCM", error))
    {
      gcry_cipher_close (hd);
      g_free (plain);
      return NULL;
    }
  err = gcry_cipher_checktag (hd, data + YC_CRYPTO_NONCE_SIZE + size, YC_CRYPTO_TAG_SIZE);
  gcry_cipher_close (hd);
  if (err != 0)
    {
      /* what was decrypted is not to be trusted, nor kept */
      memset (plain, 0, size);
      g_free (plain);
      g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED,
                   _("The sealed data was altered, or is opened with the wrong key"));
      return NULL;
    }
  return g_bytes_new_take (plain, size);
}

/**
 * yc_crypto_keyed_hash_hex:
 *
 * HMAC (SHA-256, or SM3 under 国密) of @text: what a search key becomes,
 * so that the index finds a name without holding it.
 *
 * Returns: (transfer full): the MAC in lower-case hex
 */
char *
yc_crypto_keyed_hash_hex (YcCryptoSuite   suite,
                          GBytes         *key,
                          const char     *text,
                          GError        **error)
{
  gcry_mac_hd_t hd = NULL;
  guchar mac[32];
  size_t length = sizeof mac;
  gsize key_size;
  const void *key_data = g_bytes_get_data (key, &key_size);
  gboolean ok;

  g_return_val_if_fail (suite < G_N_ELEMENTS (suites) && key != NULL && text != NULL, NULL);

  yc_crypto_init ();
  if (!failed (gcry_mac_open (&hd, suites[suite].mac, 0, NULL), "HMAC", error))
    return NULL;
  ok = failed (gcry_mac_setkey (hd, key_data, key_size), "HMAC key", error) &&
       failed (gcry_mac_write (hd, text, strlen (text)), "HMAC", error) &&
       failed (gcry_mac_read (hd, mac, &length), "HMAC", error);
  gcry_mac_close (hd);
  return ok ? to_hex (mac, length) : NULL;
}

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

/* Sealing to a public key
 *
 * What waits in a station's outbox is sealed to the central service's
 * public key, so that the station needs no key of its own to send it and
 * a thief of the station's disk cannot read it. Each seal has its own
 * one-time symmetric key: under the AES suite, X25519 with an ephemeral
 * key (RFC 7748) and HMAC-SHA256 over the shared secret and both public
 * keys, the HKDF of RFC 5869; under 国密, a random SM4 key encrypted with
 * SM2 (GB/T 32918.4), whose own SM3 check covers it. The payload is then
 * sealed with yc_crypto_seal(), its associated bytes binding the seal to
 * the recipient's key, so that a seal moved to another key or altered
 * anywhere is refused. */

#define SEAL_INFO "yichuang seal v1"

/* a one-byte prefix keeps the SM4 key's leading zero bytes through
 * libgcrypt's MPI, which would drop them */
#define SM2_KEY_PREFIX 0x01

gsize
yc_crypto_public_key_size (YcCryptoSuite suite)
{
  g_return_val_if_fail (suite < G_N_ELEMENTS (suites), 0);
  return suite == YC_CRYPTO_SUITE_SM ? YC_CRYPTO_SM2_PUBLIC_SIZE : YC_CRYPTO_X25519_KEY_SIZE;
}

static gsize
secret_key_size (YcCryptoSuite suite)
{
  return suite == YC_CRYPTO_SUITE_SM ? YC_CRYPTO_SM2_SECRET_SIZE : YC_CRYPTO_X25519_KEY_SIZE;
}

static gboolean
check_size (GBytes      *key,
            gsize        size,
            const char  *what,
            GError     **error)
{
  if (key != NULL && g_bytes_get_size (key) == size)
    return TRUE;
  g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_KEY, _("A %s has %zu bytes, not %zu"), what,
               size, key ? g_bytes_get_size (key) : 0);
  return FALSE;
}

/**
 * yc_crypto_x25519:
 * @point: (nullable): a public key, or %NULL for the curve's base point
 *
 * RFC 7748's X25519 function, libgcrypt's (it clamps @scalar).
 *
 * Returns: (transfer full): the 32-byte result; an all-zero result (a
 *   point of small order, which a forger would send) is refused
 */
GBytes *
yc_crypto_x25519 (GBytes  *scalar,
                  GBytes  *point,
                  GError **error)
{
  guchar result[YC_CRYPTO_X25519_KEY_SIZE];
  static const guchar zero[YC_CRYPTO_X25519_KEY_SIZE];

  yc_crypto_init ();
  if (!check_size (scalar, YC_CRYPTO_X25519_KEY_SIZE, _("X25519 secret key"), error) ||
      (point != NULL && !check_size (point, YC_CRYPTO_X25519_KEY_SIZE, _("X25519 public key"), error)))
    return NULL;
  if (!failed (gcry_ecc_mul_point (GCRY_ECC_CURVE25519, result, g_bytes_get_data (scalar, NULL),
                                   point ? g_bytes_get_data (point, NULL) : NULL),
               "X25519", error))
    return NULL;
  if (memcmp (result, zero, sizeof result) == 0)
    {
      g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_KEY, _("The X25519 public key is not a usable point"));
      return NULL;
    }
  return g_bytes_new (result, sizeof result);
}

/* An S-expression's value as @size bytes, left-padded: libgcrypt prints an
 * MPI without its leading zeros (or with one more for the sign) */
static GBytes *
sexp_fixed (gcry_sexp_t  sexp,
            const char  *token,
            gsize        size)
{
  gcry_sexp_t l = gcry_sexp_find_token (sexp, token, 0);
  const char *data;
  size_t length = 0;
  guchar *bytes;

  if (l == NULL || !(data = gcry_sexp_nth_data (l, 1, &length)))
    {
      gcry_sexp_release (l);
      return NULL;
    }
  while (length > size && data[0] == 0)
    data++, length--;
  if (length > size)
    {
      gcry_sexp_release (l);
      return NULL;
    }
  bytes = g_malloc0 (size);
  memcpy (bytes + size - length, data, length);
  gcry_sexp_release (l);
  return g_bytes_new_take (bytes, size);
}

/**
 * yc_crypto_generate_keypair:
 * @public_key: (out) (transfer full): the key others seal to
 *
 * Returns: (transfer full): the secret key, which opens what is sealed to
 *   @public_key
 */
GBytes *
yc_crypto_generate_keypair (YcCryptoSuite   suite,
                            GBytes        **public_key,
                            GError        **error)
{
  gcry_sexp_t parms = NULL, key = NULL;
  GBytes *secret, *pub;

  g_return_val_if_fail (suite < G_N_ELEMENTS (suites) && public_key != NULL, NULL);

  yc_crypto_init ();
  *public_key = NULL;
  if (suite == YC_CRYPTO_SUITE_AES)
    {
      secret = yc_crypto_random (YC_CRYPTO_X25519_KEY_SIZE);
      if (!(pub = yc_crypto_x25519 (secret, NULL, error)))
        {
          g_bytes_unref (secret);
          return NULL;
        }
      *public_key = pub;
      return secret;
    }
  if (!failed (gcry_sexp_build (&parms, NULL, "(genkey (ecc (curve sm2p256v1) (flags sm2)))"), "SM2", error) ||
      !failed (gcry_pk_genkey (&key, parms), "SM2", error))
    {
      gcry_sexp_release (parms);
      return NULL;
    }
  gcry_sexp_release (parms);
  secret = sexp_fixed (key, "d", YC_CRYPTO_SM2_SECRET_SIZE);
  pub = sexp_fixed (key, "q", YC_CRYPTO_SM2_PUBLIC_SIZE);
  gcry_sexp_release (key);
  if (secret == NULL || pub == NULL)
    {
      g_clear_pointer (&secret, g_bytes_unref);
      g_clear_pointer (&pub, g_bytes_unref);
      g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FAILED, _("libgcrypt made an SM2 key of an unknown form"));
      return NULL;
    }
  *public_key = pub;
  return secret;
}

/* HKDF-SHA256 (RFC 5869) of the X25519 secret, its info the ephemeral and
 * the recipient's public keys */
static GBytes *
derive_seal_key (GBytes  *shared,
                 GBytes  *ephemeral,
                 GBytes  *recipient,
                 GError **error)
{
  gcry_mac_hd_t hd = NULL;
  guchar prk[32], okm[32];
  size_t length = sizeof prk;
  const guchar one = 1;
  gboolean ok;

  if (!failed (gcry_mac_open (&hd, GCRY_MAC_HMAC_SHA256, 0, NULL), "HKDF", error))
    return NULL;
  ok = failed (gcry_mac_setkey (hd, SEAL_INFO, strlen (SEAL_INFO)), "HKDF", error) &&
       failed (gcry_mac_write (hd, g_bytes_get_data (shared, NULL), g_bytes_get_size (shared)), "HKDF", error) &&
       failed (gcry_mac_read (hd, prk, &length), "HKDF", error);
  gcry_mac_close (hd);
  if (!ok || !failed (gcry_mac_open (&hd, GCRY_MAC_HMAC_SHA256, 0, NULL), "HKDF", error))
    return NULL;
  length = sizeof okm;
  ok = failed (gcry_mac_setkey (hd, prk, sizeof prk), "HKDF", error) &&
       failed (gcry_mac_write (hd, g_bytes_get_data (ephemeral, NULL), g_bytes_get_size (ephemeral)), "HKDF", error) &&
       failed (gcry_mac_write (hd, g_bytes_get_data (recipient, NULL), g_bytes_get_size (recipient)), "HKDF", error) &&
       failed (gcry_mac_write (hd, &one, 1), "HKDF", error) &&
       failed (gcry_mac_read (hd, okm, &length), "HKDF", error);
  gcry_mac_close (hd);
  memset (prk, 0, sizeof prk);
  return ok ? g_bytes_new (okm, sizeof okm) : NULL;
}

/* What the payload's seal covers: the key material before it and the
 * recipient's key */
static GBytes *
seal_associated (const guchar *head,
                 gsize         head_size,
                 GBytes       *recipient)
{
  GByteArray *a = g_byte_array_sized_new (head_size + g_bytes_get_size (recipient));

  g_byte_array_append (a, head, head_size);
  g_byte_array_append (a, g_bytes_get_data (recipient, NULL), g_bytes_get_size (recipient));
  return g_byte_array_free_to_bytes (a);
}

static GBytes *
join (GBytes *head,
      GBytes *tail)
{
  GByteArray *a = g_byte_array_sized_new (g_bytes_get_size (head) + g_bytes_get_size (tail));

  g_byte_array_append (a, g_bytes_get_data (head, NULL), g_bytes_get_size (head));
  g_byte_array_append (a, g_bytes_get_data (tail, NULL), g_bytes_get_size (tail));
  return g_byte_array_free_to_bytes (a);
}

/* the public key is a point of the curve, not one a forger chose to
 * learn the secret from */
static gboolean
sm2_on_curve (gcry_sexp_t key)
{
  gcry_ctx_t ctx = NULL;
  gcry_mpi_point_t q;
  gboolean ok = FALSE;

  if (gcry_mpi_ec_new (&ctx, key, NULL) != 0)
    return FALSE;
  if ((q = gcry_mpi_ec_get_point ("q", ctx, 1)) != NULL)
    {
      ok = gcry_mpi_ec_curve_point (q, ctx);
      gcry_mpi_point_release (q);
    }
  gcry_ctx_release (ctx);
  return ok;
}

static gcry_sexp_t
sm2_public (GBytes  *public_key,
            GError **error)
{
  gcry_sexp_t key = NULL;

  if (!failed (gcry_sexp_build (&key, NULL, "(public-key (ecc (curve sm2p256v1) (flags sm2) (q %b)))",
                                (int) g_bytes_get_size (public_key), g_bytes_get_data (public_key, NULL)),
               "SM2 key", error))
    return NULL;
  if (!sm2_on_curve (key))
    {
      gcry_sexp_release (key);
      g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_KEY, _("The SM2 public key is not a point of its curve"));
      return NULL;
    }
  return key;
}

/* The SM2 ciphertext's three parts, each with its length in one byte */
static GBytes *
sm2_encrypt_key (GBytes  *public_key,
                 GBytes  *sm4_key,
                 GError **error)
{
  gcry_sexp_t key, data = NULL, enc = NULL;
  guchar value[1 + 16];
  GByteArray *out;
  const char * const parts[] = { "a", "b", "c" };

  if (!(key = sm2_public (public_key, error)))
    return NULL;
  value[0] = SM2_KEY_PREFIX;
  memcpy (value + 1, g_bytes_get_data (sm4_key, NULL), 16);
  if (!failed (gcry_sexp_build (&data, NULL, "(data (flags sm2 raw) (value %b))", (int) sizeof value, value), "SM2", error) ||
      !failed (gcry_pk_encrypt (&enc, data, key), "SM2", error))
    {
      memset (value, 0, sizeof value);
      gcry_sexp_release (data);
      gcry_sexp_release (key);
      return NULL;
    }
  memset (value, 0, sizeof value);
  gcry_sexp_release (data);
  gcry_sexp_release (key);
  out = g_byte_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      gcry_sexp_t l = gcry_sexp_find_token (enc, parts[i], 0);
      size_t length = 0;
      const char *bytes = l ? gcry_sexp_nth_data (l, 1, &length) : NULL;
      guint8 n = length;

      if (bytes == NULL || length > 255)
        {
          gcry_sexp_release (l);
          gcry_sexp_release (enc);
          g_byte_array_unref (out);
          g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FAILED, _("libgcrypt made an SM2 ciphertext of an unknown form"));
          return NULL;
        }
      g_byte_array_append (out, &n, 1);
      g_byte_array_append (out, (const guint8 *) bytes, length);
      gcry_sexp_release (l);
    }
  gcry_sexp_release (enc);
  return g_byte_array_free_to_bytes (out);
}

static void
set_forged (GError **error)
{
  g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED,
               _("The sealed data was altered, or is opened with the wrong key"));
}

/* Returns: the SM4 key and how many bytes of @data its ciphertext took */
static GBytes *
sm2_decrypt_key (GBytes        *secret_key,
                 const guchar  *data,
                 gsize          size,
                 gsize         *used,
                 GError       **error)
{
  const guchar *part[3];
  gsize length[3], at = 0;
  gcry_sexp_t key = NULL, enc = NULL, plain = NULL, l;
  const char *value;
  size_t value_length = 0;
  GBytes *sm4_key = NULL;

  for (guint i = 0; i < 3; i++)
    {
      if (at >= size || at + 1 + data[at] > size)
        {
          set_forged (error);
          return NULL;
        }
      length[i] = data[at];
      part[i] = data + at + 1;
      at += 1 + length[i];
    }
  if (!failed (gcry_sexp_build (&key, NULL, "(private-key (ecc (curve sm2p256v1) (flags sm2) (d %b)))",
                                (int) g_bytes_get_size (secret_key), g_bytes_get_data (secret_key, NULL)),
               "SM2 key", error))
    return NULL;
  if (!failed (gcry_sexp_build (&enc, NULL, "(enc-val (flags sm2) (sm2 (a %b) (b %b) (c %b)))",
                                (int) length[0], part[0], (int) length[1], part[1], (int) length[2], part[2]),
               "SM2", error))
    {
      gcry_sexp_release (key);
      return NULL;
    }
  /* SM2's own check (SM3 over the shared point and the message) failing
   * means an altered ciphertext or another key, like an invalid point */
  if (gcry_pk_decrypt (&plain, enc, key) != 0 ||
      !(l = gcry_sexp_find_token (plain, "value", 0)))
    set_forged (error);
  else
    {
      value = gcry_sexp_nth_data (l, 1, &value_length);
      if (value != NULL && value_length == 17 && (guchar) value[0] == SM2_KEY_PREFIX)
        sm4_key = g_bytes_new (value + 1, 16);
      else
        set_forged (error);
      gcry_sexp_release (l);
    }
  gcry_sexp_release (plain);
  gcry_sexp_release (enc);
  gcry_sexp_release (key);
  *used = at;
  return sm4_key;
}

/**
 * yc_crypto_seal_to:
 * @public_key: the recipient's (yc_crypto_generate_keypair())
 *
 * Seals @plaintext so that only the holder of @public_key's secret key
 * opens it; the sealer keeps nothing that could.
 *
 * Returns: (transfer full): under the AES suite, the ephemeral X25519
 *   public key (32 bytes) then the yc_crypto_seal() of @plaintext; under
 *   国密, the SM2 ciphertext of the SM4 key (its parts C1, C3 and C2, each
 *   after its length in one byte) then the yc_crypto_seal()
 */
GBytes *
yc_crypto_seal_to (YcCryptoSuite   suite,
                   GBytes         *public_key,
                   GBytes         *plaintext,
                   GError        **error)
{
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) associated = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_val_if_fail (suite < G_N_ELEMENTS (suites) && plaintext != NULL, NULL);

  yc_crypto_init ();
  if (!check_size (public_key, yc_crypto_public_key_size (suite), _("public key"), error))
    return NULL;
  if (suite == YC_CRYPTO_SUITE_AES)
    {
      g_autoptr(GBytes) ephemeral = yc_crypto_random (YC_CRYPTO_X25519_KEY_SIZE);
      g_autoptr(GBytes) shared = NULL;

      if (!(head = yc_crypto_x25519 (ephemeral, NULL, error)) ||
          !(shared = yc_crypto_x25519 (ephemeral, public_key, error)) ||
          !(key = derive_seal_key (shared, head, public_key, error)))
        return NULL;
    }
  else
    {
      key = yc_crypto_random (yc_crypto_key_size (YC_CRYPTO_SUITE_SM));
      if (!(head = sm2_encrypt_key (public_key, key, error)))
        return NULL;
    }
  associated = seal_associated (g_bytes_get_data (head, NULL), g_bytes_get_size (head), public_key);
  if (!(body = yc_crypto_seal (suite, key, plaintext, associated, error)))
    return NULL;
  return join (head, body);
}

/**
 * yc_crypto_open_from:
 * @secret_key: the recipient's (yc_crypto_generate_keypair())
 *
 * Returns: (transfer full): what yc_crypto_seal_to() sealed, or %NULL with
 *   %YC_CRYPTO_ERROR_FORGED when @sealed was altered, cut or sealed to
 *   another key
 */
GBytes *
yc_crypto_open_from (YcCryptoSuite   suite,
                     GBytes         *secret_key,
                     GBytes         *sealed,
                     GError        **error)
{
  gsize size, head_size;
  const guchar *data = g_bytes_get_data (sealed, &size);
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) public_key = NULL;
  g_autoptr(GBytes) associated = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_val_if_fail (suite < G_N_ELEMENTS (suites) && sealed != NULL, NULL);

  yc_crypto_init ();
  if (!check_size (secret_key, secret_key_size (suite), _("secret key"), error))
    return NULL;
  if (suite == YC_CRYPTO_SUITE_AES)
    {
      g_autoptr(GBytes) ephemeral = NULL;
      g_autoptr(GBytes) shared = NULL;
      g_autoptr(GError) local = NULL;

      head_size = YC_CRYPTO_X25519_KEY_SIZE;
      if (size < head_size)
        {
          set_forged (error);
          return NULL;
        }
      ephemeral = g_bytes_new (data, head_size);
      if (!(public_key = yc_crypto_x25519 (secret_key, NULL, error)))
        return NULL;
      /* an ephemeral key of small order is a forger's */
      if (!(shared = yc_crypto_x25519 (secret_key, ephemeral, &local)))
        {
          set_forged (error);
          return NULL;
        }
      if (!(key = derive_seal_key (shared, ephemeral, public_key, error)))
        return NULL;
    }
  else
    {
      gcry_sexp_t pair = NULL;
      gcry_ctx_t ctx = NULL;
      gcry_mpi_point_t q;

      if (!(key = sm2_decrypt_key (secret_key, data, size, &head_size, error)))
        return NULL;
      /* the recipient's public key, Q = dG, which the payload's seal covers */
      if (!failed (gcry_sexp_build (&pair, NULL, "(private-key (ecc (curve sm2p256v1) (d %b)))",
                                    (int) g_bytes_get_size (secret_key), g_bytes_get_data (secret_key, NULL)),
                   "SM2 key", error) ||
          !failed (gcry_mpi_ec_new (&ctx, pair, NULL), "SM2 key", error))
        {
          gcry_sexp_release (pair);
          return NULL;
        }
      gcry_sexp_release (pair);
      if ((q = gcry_mpi_ec_get_point ("q", ctx, 1)) != NULL)
        {
          gcry_mpi_t x = gcry_mpi_new (0), y = gcry_mpi_new (0);
          guchar point[YC_CRYPTO_SM2_PUBLIC_SIZE] = { 0x04 };
          size_t n = 0;

          if (gcry_mpi_ec_get_affine (x, y, q, ctx) == 0 &&
              gcry_mpi_print (GCRYMPI_FMT_USG, NULL, 0, &n, x) == 0 && n <= 32 &&
              gcry_mpi_print (GCRYMPI_FMT_USG, point + 1 + 32 - n, n, NULL, x) == 0 &&
              gcry_mpi_print (GCRYMPI_FMT_USG, NULL, 0, &n, y) == 0 && n <= 32 &&
              gcry_mpi_print (GCRYMPI_FMT_USG, point + 1 + 64 - n, n, NULL, y) == 0)
            public_key = g_bytes_new (point, sizeof point);
          gcry_mpi_release (x);
          gcry_mpi_release (y);
          gcry_mpi_point_release (q);
        }
      gcry_ctx_release (ctx);
      if (public_key == NULL)
        {
          g_set_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_KEY, _("The SM2 secret key is not usable"));
          return NULL;
        }
    }
  associated = seal_associated (data, head_size, public_key);
  body = g_bytes_new_from_bytes (sealed, head_size, size - head_size);
  return yc_crypto_open (suite, key, body, associated, error);
}

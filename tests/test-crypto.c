/* test-crypto.c: the algorithms a station's policy picks, held against
 * published vectors and an independent implementation
 *
 * AES-256-GCM: the GCM specification's test case 16; SM4-GCM: RFC 8998,
 * A.1; SM3: GB/T 32905's "abc"; HMAC-SHA256: RFC 4231, case 2; HMAC-SM3
 * and Argon2id: what OpenSSL and the Argon2 authors' `argon2` program
 * compute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>

#include "yichuang.h"

static GBytes *
hex (const char *text)
{
  gsize n = strlen (text) / 2;
  guchar *bytes = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    bytes[i] = g_ascii_xdigit_value (text[2 * i]) << 4 | g_ascii_xdigit_value (text[2 * i + 1]);
  return g_bytes_new_take (bytes, n);
}

static GBytes *
concat (const char *a,
        const char *b,
        const char *c)
{
  g_autofree char *all = g_strconcat (a, b, c, NULL);

  return hex (all);
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected)
{
  g_autoptr(GBytes) want = hex (expected);

  g_assert_nonnull (bytes);
  g_assert_true (g_bytes_equal (bytes, want));
}

static gboolean
contains (GBytes     *bytes,
          const char *text)
{
  gsize size, n = strlen (text);
  const guchar *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_open_vectors (void)
{
  const struct
  {
    YcCryptoSuite suite;
    const char *key, *nonce, *associated, *plain, *cipher, *tag;
  } vectors[] = {
    { YC_CRYPTO_SUITE_AES, "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
      "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
      "76fc6ece0f4e1768cddf8853bb2d551b" },
    { YC_CRYPTO_SUITE_SM, "0123456789abcdeffedcba9876543210", "00001234567800000000abcd",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccddddddddddddddddeeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa",
      "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d",
      "83de3541e4c2b58177e065a9bf7b62ec" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) key = hex (vectors[i].key);
      g_autoptr(GBytes) associated = hex (vectors[i].associated);
      g_autoptr(GBytes) sealed = concat (vectors[i].nonce, vectors[i].cipher, vectors[i].tag);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) plain = yc_crypto_open (vectors[i].suite, key, sealed, associated, &error);

      g_assert_no_error (error);
      assert_bytes (plain, vectors[i].plain);
    }
}

static void
test_seal_round_trip (void)
{
  for (YcCryptoSuite suite = YC_CRYPTO_SUITE_AES; suite <= YC_CRYPTO_SUITE_SM; suite++)
    {
      g_autoptr(GBytes) key = yc_crypto_random (yc_crypto_key_size (suite));
      g_autoptr(GBytes) other_key = yc_crypto_random (yc_crypto_key_size (suite));
      g_autoptr(GBytes) plain = g_bytes_new_static ("李秀英 11010519491231002X", strlen ("李秀英 11010519491231002X"));
      g_autoptr(GBytes) about = g_bytes_new_static ("case:S-1", 8);
      g_autoptr(GBytes) elsewhere = g_bytes_new_static ("case:S-2", 8);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) sealed = yc_crypto_seal (suite, key, plain, about, &error);
      g_autoptr(GBytes) again = yc_crypto_seal (suite, key, plain, about, &error);
      g_autoptr(GBytes) opened = NULL;
      g_autoptr(GBytes) flipped = NULL;
      g_autoptr(GBytes) short_ = NULL;
      g_autoptr(GBytes) wrong_size = g_bytes_new_static ("0123", 4);
      guchar *bytes;
      gsize size;

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (sealed), ==,
                        YC_CRYPTO_NONCE_SIZE + g_bytes_get_size (plain) + YC_CRYPTO_TAG_SIZE);
      /* a fresh nonce each time: the same text never seals alike */
      g_assert_false (g_bytes_equal (sealed, again));
      /* the plaintext is nowhere in what is kept */
      g_assert_false (contains (sealed, "11010519491231002X"));
      opened = yc_crypto_open (suite, key, sealed, about, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (opened, plain));

      g_assert_null (yc_crypto_open (suite, other_key, sealed, about, &error));
      g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED);
      g_clear_error (&error);
      g_assert_null (yc_crypto_open (suite, key, sealed, elsewhere, &error));
      g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED);
      g_clear_error (&error);

      bytes = g_bytes_unref_to_data (g_bytes_ref (sealed), &size);
      bytes[YC_CRYPTO_NONCE_SIZE + 3] ^= 1;
      flipped = g_bytes_new_take (bytes, size);
      g_assert_null (yc_crypto_open (suite, key, flipped, about, &error));
      g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED);
      g_clear_error (&error);

      short_ = g_bytes_new_from_bytes (sealed, 0, YC_CRYPTO_NONCE_SIZE + 3);
      g_assert_null (yc_crypto_open (suite, key, short_, about, &error));
      g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED);
      g_clear_error (&error);

      g_assert_null (yc_crypto_seal (suite, wrong_size, plain, NULL, &error));
      g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_KEY);
    }
}

static void
test_hashes (void)
{
  g_autoptr(GBytes) jefe = g_bytes_new_static ("Jefe", 4);
  g_autofree char *sha = yc_crypto_sha256_hex ("abc", 3);
  g_autofree char *hmac_sha = NULL;
  g_autofree char *hmac_sm3 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (sha, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  hmac_sha = yc_crypto_keyed_hash_hex (YC_CRYPTO_SUITE_AES, jefe, "what do ya want for nothing?", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hmac_sha, ==, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  hmac_sm3 = yc_crypto_keyed_hash_hex (YC_CRYPTO_SUITE_SM, jefe, "what do ya want for nothing?", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hmac_sm3, ==, "2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882");
}

/* Argon2id against the reference implementation's own program */
static void
test_derive_key (void)
{
#ifdef ARGON2_BIN
  const YcKdfCost cost = { 2, 1024, 1 };
  const char *argv[] = { ARGON2_BIN, "somesaltsomesalt", "-id", "-t", "2", "-k", "1024", "-p", "1", "-l", "32", "-r",
                         NULL };
  g_autoptr(GBytes) salt = g_bytes_new_static ("somesaltsomesalt", 16);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = yc_crypto_derive_key ("窗口密码 password", salt, &cost, 32, &error);
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GSubprocess) argon2 = NULL;
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  argon2 = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (argon2, "窗口密码 password", NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (argon2));
  g_strstrip (out);
  assert_bytes (key, out);

  other = yc_crypto_derive_key ("窗口密码 passwore", salt, &cost, 32, &error);
  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (key, other));
#else
  g_test_skip ("the argon2 program is not installed");
#endif
}

static void
test_suites (void)
{
  YcCryptoSuite suite;

  g_assert_true (yc_crypto_suite_from_string ("sm", &suite));
  g_assert_cmpint (suite, ==, YC_CRYPTO_SUITE_SM);
  g_assert_cmpstr (yc_crypto_suite_to_string (YC_CRYPTO_SUITE_AES), ==, "aes");
  g_assert_false (yc_crypto_suite_from_string ("des", &suite));
  g_assert_cmpuint (yc_crypto_key_size (YC_CRYPTO_SUITE_AES), ==, 32);
  g_assert_cmpuint (yc_crypto_key_size (YC_CRYPTO_SUITE_SM), ==, 16);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crypto/open-vectors", test_open_vectors);
  g_test_add_func ("/crypto/seal-round-trip", test_seal_round_trip);
  g_test_add_func ("/crypto/hashes", test_hashes);
  g_test_add_func ("/crypto/derive-key", test_derive_key);
  g_test_add_func ("/crypto/suites", test_suites);

  return g_test_run ();
}

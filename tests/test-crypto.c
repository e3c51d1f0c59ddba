/* test-crypto.c: the algorithms a station's policy picks, held against
 * published vectors and an independent implementation
 *
 * AES-256-GCM: the GCM specification's test case 16; SM4-GCM: RFC 8998,
 * A.1; SM3: GB/T 32905's "abc"; HMAC-SHA256: RFC 4231, case 2; HMAC-SM3
 * and Argon2id: what OpenSSL and the Argon2 authors' `argon2` program
 * compute; X25519: RFC 7748's vectors and what `openssl pkeyutl -derive`
 * computes; the seal to a public key (both suites): round trip, and every
 * flipped byte refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>

#include <glib/gstdio.h>

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

/* RFC 7748, 5.2 (the first vector) and 6.1 (Alice and Bob) */
static void
test_x25519_vectors (void)
{
  g_autoptr(GBytes) k = hex ("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
  g_autoptr(GBytes) u = hex ("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
  g_autoptr(GBytes) alice = hex ("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  g_autoptr(GBytes) bob = hex ("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  g_autoptr(GBytes) r = yc_crypto_x25519 (k, u, NULL);
  g_autoptr(GBytes) alice_pub = yc_crypto_x25519 (alice, NULL, NULL);
  g_autoptr(GBytes) bob_pub = yc_crypto_x25519 (bob, NULL, NULL);
  g_autoptr(GBytes) shared_a = yc_crypto_x25519 (alice, bob_pub, NULL);
  g_autoptr(GBytes) shared_b = yc_crypto_x25519 (bob, alice_pub, NULL);
  g_autoptr(GBytes) zero = g_bytes_new_take (g_malloc0 (32), 32);
  g_autoptr(GBytes) small = NULL;
  g_autoptr(GError) error = NULL;

  assert_bytes (r, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  assert_bytes (alice_pub, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  assert_bytes (bob_pub, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  assert_bytes (shared_a, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  assert_bytes (shared_b, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  /* a point of small order gives the all-zero secret: refused */
  small = yc_crypto_x25519 (alice, zero, &error);
  g_assert_null (small);
  g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_KEY);
}

static char *
write_der (const char *dir,
           const char *name,
           const char *prefix_hex,
           GBytes     *key)
{
  g_autoptr(GBytes) prefix = hex (prefix_hex);
  g_autoptr(GByteArray) der = g_byte_array_new ();
  char *path = g_build_filename (dir, name, NULL);

  g_byte_array_append (der, g_bytes_get_data (prefix, NULL), g_bytes_get_size (prefix));
  g_byte_array_append (der, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  g_assert_true (g_file_set_contents (path, (const char *) der->data, der->len, NULL));
  return path;
}

/* X25519 as OpenSSL computes it, from keys of our making: the DER of
 * RFC 8410's PrivateKeyInfo and SubjectPublicKeyInfo around the raw keys */
static void
test_x25519_openssl (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *dir = NULL;
  g_autofree char *priv = NULL, *peer = NULL, *out = NULL;
  g_autoptr(GBytes) mine_pub = NULL, theirs_pub = NULL;
  g_autoptr(GBytes) mine = NULL, theirs = NULL, shared = NULL;
  g_autofree char *derived = NULL;
  gsize length;
  g_autofree char *argv_out = NULL;
  int status;

  if (openssl == NULL)
    {
      g_test_skip ("the openssl program is not installed");
      return;
    }
  dir = g_dir_make_tmp ("test-crypto-XXXXXX", NULL);
  mine = yc_crypto_generate_keypair (YC_CRYPTO_SUITE_AES, &mine_pub, NULL);
  theirs = yc_crypto_generate_keypair (YC_CRYPTO_SUITE_AES, &theirs_pub, NULL);
  g_assert_nonnull (mine);
  g_assert_nonnull (theirs);
  shared = yc_crypto_x25519 (mine, theirs_pub, NULL);
  priv = write_der (dir, "mine.der", "302e020100300506032b656e04220420", mine);
  peer = write_der (dir, "theirs.der", "302a300506032b656e032100", theirs_pub);
  out = g_build_filename (dir, "shared", NULL);
  {
    const char *argv[] = { openssl, "pkeyutl", "-derive", "-keyform", "DER", "-inkey", priv,
                           "-peerform", "DER", "-peerkey", peer, "-out", out, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &argv_out,
                                 &status, NULL));
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (out, &derived, &length, NULL));
  g_assert_cmpuint (length, ==, 32);
  g_assert_cmpmem (derived, length, g_bytes_get_data (shared, NULL), 32);
  g_unlink (priv);
  g_unlink (peer);
  g_unlink (out);
  g_rmdir (dir);
}

static void
check_sealed_to (YcCryptoSuite suite)
{
  const char *text = "{\"name\":\"张三\",\"id_no\":\"11010519491231002X\",\"phone\":\"13800138000\"}";
  g_autoptr(GBytes) plain = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) pub = NULL, other_pub = NULL;
  g_autoptr(GBytes) secret = yc_crypto_generate_keypair (suite, &pub, NULL);
  g_autoptr(GBytes) other = yc_crypto_generate_keypair (suite, &other_pub, NULL);
  g_autoptr(GBytes) sealed = NULL, again = NULL, opened = NULL, wrong = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  g_assert_nonnull (secret);
  g_assert_cmpuint (g_bytes_get_size (pub), ==, yc_crypto_public_key_size (suite));
  sealed = yc_crypto_seal_to (suite, pub, plain, &error);
  g_assert_no_error (error);
  g_assert_false (contains (sealed, "11010519491231002X"));
  g_assert_false (contains (sealed, "张三"));
  /* each seal has its own key: the same text seals differently */
  again = yc_crypto_seal_to (suite, pub, plain, NULL);
  g_assert_false (g_bytes_equal (sealed, again));
  opened = yc_crypto_open_from (suite, secret, sealed, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (opened, plain));
  /* another key opens nothing */
  wrong = yc_crypto_open_from (suite, other, sealed, &error);
  g_assert_null (wrong);
  g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED);
  g_clear_error (&error);
  /* a flipped byte anywhere, in the key's part or the payload's, and a
   * seal cut short, are refused */
  size = g_bytes_get_size (sealed);
  for (gsize i = 0; i < size; i++)
    {
      guchar *copy = g_memdup2 (g_bytes_get_data (sealed, NULL), size);
      g_autoptr(GBytes) flipped = NULL;
      g_autoptr(GBytes) got = NULL;

      copy[i] ^= 0x01;
      flipped = g_bytes_new_take (copy, size);
      got = yc_crypto_open_from (suite, secret, flipped, &error);
      g_assert_null (got);
      g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED);
      g_clear_error (&error);
    }
  for (gsize cut = 0; cut < size; cut += 7)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (sealed, 0, cut);
      g_autoptr(GBytes) got = yc_crypto_open_from (suite, secret, part, &error);

      g_assert_null (got);
      g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED);
      g_clear_error (&error);
    }
  /* a key of the other suite's size */
  g_clear_pointer (&wrong, g_bytes_unref);
  wrong = yc_crypto_seal_to (suite, secret, plain, &error);
  if (suite == YC_CRYPTO_SUITE_SM)
    {
      g_assert_null (wrong);
      g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_KEY);
    }
}

static void
test_seal_to_aes (void)
{
  check_sealed_to (YC_CRYPTO_SUITE_AES);
}

static void
test_seal_to_sm (void)
{
  check_sealed_to (YC_CRYPTO_SUITE_SM);
}

/* an SM2 public key that is no point of the curve is refused before use */
static void
test_seal_to_bad_point (void)
{
  guchar point[YC_CRYPTO_SM2_PUBLIC_SIZE] = { 0x04, 1, 2, 3 };
  g_autoptr(GBytes) pub = g_bytes_new (point, sizeof point);
  g_autoptr(GBytes) plain = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = yc_crypto_seal_to (YC_CRYPTO_SUITE_SM, pub, plain, &error);

  g_assert_null (sealed);
  g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_KEY);
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
  g_test_add_func ("/crypto/x25519-vectors", test_x25519_vectors);
  g_test_add_func ("/crypto/x25519-openssl", test_x25519_openssl);
  g_test_add_func ("/crypto/seal-to-aes", test_seal_to_aes);
  g_test_add_func ("/crypto/seal-to-sm", test_seal_to_sm);
  g_test_add_func ("/crypto/seal-to-bad-point", test_seal_to_bad_point);

  return g_test_run ();
}

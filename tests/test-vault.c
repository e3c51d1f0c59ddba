/* test-vault.c: the profile's data key, wrapped under each clerk's
 * password in vault.json
 *
 * The derivation runs at the test cost (YICHUANG_KDF_COST=test), which is
 * kept with each account, so these profiles open quickly and the real
 * cost is left to bench-sign-in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* memmem */
#endif
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "yichuang.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("yc-vault-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, YC_VAULT_FILE, NULL);

  g_unlink (file);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
read_vault (Fixture *f,
            gsize   *length)
{
  g_autofree char *file = g_build_filename (f->dir, YC_VAULT_FILE, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (file, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

static YcVault *
set_up_vault (Fixture       *f,
              YcCryptoSuite  suite)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcVault) vault = yc_vault_open (f->dir, &error);

  g_assert_no_error (error);
  g_assert_false (yc_vault_is_set_up (vault));
  g_assert_false (yc_vault_is_unlocked (vault));
  g_assert_true (yc_vault_set_up (vault, "0007", "correct horse", suite, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&vault);
}

/* The file holds the key wrapped, never as it is, and only its owner reads it */
static void
test_set_up (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcVault) weak = yc_vault_open (f->dir, &error);
  g_autoptr(YcVault) vault = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *file = g_build_filename (f->dir, YC_VAULT_FILE, NULL);
  g_autofree char *text = NULL;
  g_autofree char *key64 = NULL;
  g_autofree char *key_hex = NULL;
  GStatBuf st;
  gsize length, n;
  const guchar *raw;

  g_assert_false (yc_vault_set_up (weak, "0007", "short", YC_CRYPTO_SUITE_AES, &error));
  g_assert_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_WEAK);
  g_clear_error (&error);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  vault = set_up_vault (f, YC_CRYPTO_SUITE_AES);
  g_assert_true (yc_vault_is_set_up (vault));
  g_assert_true (yc_vault_is_unlocked (vault));
  g_assert_true (yc_vault_has_account (vault, "0007"));
  g_assert_false (yc_vault_has_account (vault, "0008"));
  key = yc_vault_dup_data_key (vault);
  g_assert_nonnull (key);
  g_assert_cmpuint (g_bytes_get_size (key), ==, yc_crypto_key_size (YC_CRYPTO_SUITE_AES));

  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  text = read_vault (f, &length);
  raw = g_bytes_get_data (key, &n);
  key64 = g_base64_encode (raw, n);
  key_hex = g_malloc0 (2 * n + 1);
  for (gsize i = 0; i < n; i++)
    g_snprintf (key_hex + 2 * i, 3, "%02x", raw[i]);
  g_assert_null (memmem (text, length, raw, n));
  g_assert_null (strstr (text, key64));
  g_assert_null (g_strstr_len (text, length, key_hex));
  g_assert_null (strstr (text, "correct horse"));

  yc_vault_lock (vault);
  g_assert_false (yc_vault_is_unlocked (vault));
  g_assert_null (yc_vault_dup_data_key (vault));
}

/* A profile opened again is locked; the clerk's password opens the same
 * key, a wrong one or another clerk's number opens nothing and counts */
static void
test_unlock (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcVault) first = set_up_vault (f, YC_CRYPTO_SUITE_AES);
  g_autoptr(GBytes) key = yc_vault_dup_data_key (first);
  g_autoptr(YcVault) vault = yc_vault_open (f->dir, &error);
  g_autoptr(YcVault) again = NULL;
  g_autoptr(GBytes) opened = NULL;

  g_assert_no_error (error);
  g_assert_true (yc_vault_is_set_up (vault));
  g_assert_false (yc_vault_is_unlocked (vault));

  g_assert_false (yc_vault_unlock (vault, "0007", "correct horsf", &error));
  g_assert_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_PASSWORD);
  g_clear_error (&error);
  g_assert_false (yc_vault_unlock (vault, "0008", "correct horse", &error));
  g_assert_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_PASSWORD);
  g_clear_error (&error);
  g_assert_false (yc_vault_is_unlocked (vault));
  g_assert_cmpuint (yc_vault_get_failures (vault), ==, 2);

  /* the count is in the file: a restart does not start it again */
  again = yc_vault_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yc_vault_get_failures (again), ==, 2);
  g_assert_cmpuint (yc_vault_failure_delay_ms (2), >, yc_vault_failure_delay_ms (1));
  g_assert_cmpuint (yc_vault_failure_delay_ms (1), >, 0);
  g_assert_cmpuint (yc_vault_failure_delay_ms (0), ==, 0);

  g_assert_true (yc_vault_unlock (again, "0007", "correct horse", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (yc_vault_get_failures (again), ==, 0);
  opened = yc_vault_dup_data_key (again);
  g_assert_true (g_bytes_equal (opened, key));
}

/* The key kept for the session (the Secret Service) unlocks only its own profile */
static void
test_unlock_with_key (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcVault) first = set_up_vault (f, YC_CRYPTO_SUITE_AES);
  g_autoptr(GBytes) key = yc_vault_dup_data_key (first);
  g_autoptr(GBytes) other = yc_crypto_random (g_bytes_get_size (key));
  g_autoptr(YcVault) vault = yc_vault_open (f->dir, &error);

  g_assert_no_error (error);
  g_assert_false (yc_vault_unlock_with_key (vault, other, &error));
  g_assert_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_KEY);
  g_clear_error (&error);
  g_assert_false (yc_vault_is_unlocked (vault));
  g_assert_true (yc_vault_unlock_with_key (vault, key, &error));
  g_assert_no_error (error);
  g_assert_true (yc_vault_is_unlocked (vault));
}

/* What the data key seals opens only with the same associated data (the
 * row it belongs to), and not while the vault is locked */
static void
test_seal (Fixture       *f,
           gconstpointer  data)
{
  YcCryptoSuite suite = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcVault) vault = set_up_vault (f, suite);
  g_autoptr(GBytes) plain = g_bytes_new_static ("110101199003074477", 18);
  g_autoptr(GBytes) sealed = yc_vault_seal (vault, plain, "cases:A-1", &error);
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GBytes) search = NULL;
  g_autoptr(GBytes) search_again = NULL;
  g_autoptr(GBytes) other = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (yc_vault_get_suite (vault), ==, suite);
  g_assert_null (memmem (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), "1101011990", 10));
  opened = yc_vault_open_sealed (vault, sealed, "cases:A-1", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (opened, plain));
  g_assert_null (yc_vault_open_sealed (vault, sealed, "cases:A-2", &error));
  g_assert_error (error, YC_CRYPTO_ERROR, YC_CRYPTO_ERROR_FORGED);
  g_clear_error (&error);

  search = yc_vault_dup_sub_key (vault, "search", &error);
  g_assert_no_error (error);
  search_again = yc_vault_dup_sub_key (vault, "search", &error);
  other = yc_vault_dup_sub_key (vault, "scans", &error);
  g_assert_true (g_bytes_equal (search, search_again));
  g_assert_false (g_bytes_equal (search, other));

  yc_vault_lock (vault);
  g_assert_null (yc_vault_open_sealed (vault, sealed, "cases:A-1", &error));
  g_assert_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_LOCKED);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("YICHUANG_KDF_COST", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  yc_crypto_init ();

  g_test_add ("/vault/set-up", Fixture, NULL, fixture_set_up, test_set_up, fixture_tear_down);
  g_test_add ("/vault/unlock", Fixture, NULL, fixture_set_up, test_unlock, fixture_tear_down);
  g_test_add ("/vault/unlock-with-key", Fixture, NULL, fixture_set_up, test_unlock_with_key, fixture_tear_down);
  g_test_add ("/vault/seal/aes", Fixture, GINT_TO_POINTER (YC_CRYPTO_SUITE_AES),
              fixture_set_up, test_seal, fixture_tear_down);
  g_test_add ("/vault/seal/sm", Fixture, GINT_TO_POINTER (YC_CRYPTO_SUITE_SM),
              fixture_set_up, test_seal, fixture_tear_down);
  return g_test_run ();
}

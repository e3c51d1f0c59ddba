/* yc-vault.c: the profile's data key, unlocked by a clerk's password
 *
 * Every citizen's data a station keeps (the store's personal columns, its
 * search keys, the scans, the printed documents) is encrypted under one
 * random data key per profile. The key itself is on disk only wrapped
 * (yc_crypto_seal) under a key derived from each account's password with
 * Argon2id and a salt of the account's own, in vault.json: a copy of the
 * profile folder without a password gives a thief ciphertext and a slow
 * guessing game. Changing a password rewraps the key; it never
 * re-encrypts the data.
 *
 * A wrong password costs the derivation itself plus a delay that doubles
 * with each consecutive failure; the count is kept in the file so that
 * restarting the program does not reset it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yc-vault.h"

G_DEFINE_QUARK (yc-vault-error-quark, yc_vault_error)

#define VAULT_FORMAT 1
#define SALT_SIZE 16
#define CHECK_TEXT "yichuang vault check"
#define CHECK_AAD "yichuang-vault-check"
#define ACCOUNT_AAD "yichuang-vault-account:"

/* the delay after the first failure, doubling up to the ceiling */
#define DELAY_FIRST_MS 250
#define DELAY_MAX_MS 30000

typedef struct
{
  YcKdfCost  cost;
  GBytes    *salt;
  GBytes    *wrapped;
} Account;

struct _YcVault
{
  GObject        parent_instance;

  GMutex         mutex;
  char          *profile_dir;
  char          *path;
  GMainContext  *context;     /* where "notify::unlocked" is emitted */

  gboolean       set_up;
  YcCryptoSuite  suite;
  GBytes        *check;       /* CHECK_TEXT sealed under the data key */
  guint          failures;
  GHashTable    *accounts;    /* clerk number → Account */

  GBytes        *data_key;    /* NULL while locked */
};

G_DEFINE_FINAL_TYPE (YcVault, yc_vault, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UNLOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
account_free (gpointer data)
{
  Account *account = data;

  g_clear_pointer (&account->salt, g_bytes_unref);
  g_clear_pointer (&account->wrapped, g_bytes_unref);
  g_free (account);
}

/* a key's bytes are cleared when the last reference goes, not left in
 * freed memory */
static void
secret_free (gpointer data)
{
  gsize *block = (gsize *) data - 1;

  memset (block, 0, *block + sizeof (gsize));
  g_free (block);
}

static GBytes *
secret_bytes_new (const void *data,
                  gsize       size)
{
  gsize *block = g_malloc (sizeof (gsize) + size);

  *block = size;
  memcpy (block + 1, data, size);
  return g_bytes_new_with_free_func (block + 1, size, secret_free, block + 1);
}

static void
yc_vault_finalize (GObject *object)
{
  YcVault *self = YC_VAULT (object);

  g_clear_pointer (&self->data_key, g_bytes_unref);
  g_clear_pointer (&self->check, g_bytes_unref);
  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->profile_dir);
  g_free (self->path);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (yc_vault_parent_class)->finalize (object);
}

static void
yc_vault_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  YcVault *self = YC_VAULT (object);

  switch (prop_id)
    {
    case PROP_UNLOCKED:
      g_value_set_boolean (value, yc_vault_is_unlocked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_vault_class_init (YcVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_vault_finalize;
  object_class->get_property = yc_vault_get_property;

  /* emitted in the thread-default main context the vault was opened in,
   * even when a worker thread unlocked it, so that a window may bind to it */
  properties[PROP_UNLOCKED] =
    g_param_spec_boolean ("unlocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yc_vault_init (YcVault *self)
{
  g_mutex_init (&self->mutex);
  self->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, account_free);
}

static gboolean
notify_unlocked_cb (gpointer data)
{
  g_object_notify_by_pspec (G_OBJECT (data), properties[PROP_UNLOCKED]);
  return G_SOURCE_REMOVE;
}

static void
notify_unlocked (YcVault *self)
{
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, notify_unlocked_cb,
                              g_object_ref (self), g_object_unref);
}

/**
 * yc_vault_kdf_cost:
 *
 * The Argon2id cost a new password is wrapped with. Tuned so that one
 * derivation takes about half a second on a service hall's PC (see
 * bench/bench-sign-in.c); `YICHUANG_KDF_COST=test` lowers it to the
 * minimum for the test suite. The cost is kept with each account, so a
 * vault set up with the test cost stays cheap only for that profile.
 */
void
yc_vault_kdf_cost (YcKdfCost *cost)
{
  if (g_strcmp0 (g_getenv ("YICHUANG_KDF_COST"), "test") == 0)
    *cost = (YcKdfCost) { .passes = 1, .memory_kib = 64, .lanes = 1 };
  else
    *cost = (YcKdfCost) { .passes = 4, .memory_kib = 64 * 1024, .lanes = 1 };
}

/**
 * yc_vault_failure_delay_ms:
 *
 * Returns: how long an unlock waits after @failures consecutive wrong
 *   passwords, before it even tries
 */
guint
yc_vault_failure_delay_ms (guint failures)
{
  if (failures == 0)
    return 0;
  if (failures > 8)
    return DELAY_MAX_MS;
  return MIN ((guint) DELAY_FIRST_MS << (failures - 1), DELAY_MAX_MS);
}

static GBytes *
member_base64 (JsonObject *object,
               const char *name)
{
  const char *text = json_object_get_string_member_with_default (object, name, NULL);
  guchar *data;
  gsize size;

  if (text == NULL)
    return NULL;
  data = g_base64_decode (text, &size);
  return g_bytes_new_take (data, size);
}

static void
add_base64 (JsonBuilder *builder,
            const char  *name,
            GBytes      *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = g_base64_encode (data, size);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static gboolean
bad_file (YcVault  *self,
          GError  **error)
{
  g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_FAILED,
               _("The sign-in file %s is damaged; restore it from a backup or enroll the station again"),
               self->path);
  return FALSE;
}

/* reads the file again: another program on the same profile (the window,
 * the command line) may have changed a password or the failure count */
static gboolean
load (YcVault  *self,
      GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  JsonNode *root;
  JsonObject *object, *accounts;
  g_autoptr(GList) members = NULL;

  if (!g_file_get_contents (self->path, &text, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          self->set_up = FALSE;
          g_hash_table_remove_all (self->accounts);
          return TRUE;
        }
      g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_FAILED, _("Cannot read the sign-in file: %s"),
                   local_error->message);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, text, length, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    return bad_file (self, error);
  object = json_node_get_object (root);
  if (json_object_get_int_member_with_default (object, "format", 0) != VAULT_FORMAT ||
      !yc_crypto_suite_from_string (json_object_get_string_member_with_default (object, "suite", NULL),
                                    &self->suite) ||
      !json_object_has_member (object, "accounts") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "accounts")))
    return bad_file (self, error);
  g_clear_pointer (&self->check, g_bytes_unref);
  if (!(self->check = member_base64 (object, "check")))
    return bad_file (self, error);
  self->failures = json_object_get_int_member_with_default (object, "failures", 0);

  g_hash_table_remove_all (self->accounts);
  accounts = json_object_get_object_member (object, "accounts");
  members = json_object_get_members (accounts);
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (accounts, l->data);
      JsonObject *entry;
      Account *account;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad_file (self, error);
      entry = json_node_get_object (node);
      account = g_new0 (Account, 1);
      account->cost.passes = json_object_get_int_member_with_default (entry, "passes", 0);
      account->cost.memory_kib = json_object_get_int_member_with_default (entry, "memory-kib", 0);
      account->cost.lanes = json_object_get_int_member_with_default (entry, "lanes", 0);
      account->salt = member_base64 (entry, "salt");
      account->wrapped = member_base64 (entry, "wrapped");
      g_hash_table_insert (self->accounts, g_strdup (l->data), account);
      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "kdf", NULL), "argon2id") != 0 ||
          account->cost.passes == 0 || account->cost.memory_kib == 0 || account->cost.lanes == 0 ||
          account->salt == NULL || account->wrapped == NULL)
        return bad_file (self, error);
    }
  self->set_up = g_hash_table_size (self->accounts) > 0;
  return TRUE;
}

/* atomically (rename over the old file) and readable by the clerk's
 * account only */
static gboolean
save (YcVault  *self,
      GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GList) clerks = g_hash_table_get_keys (self->accounts);
  gsize length;

  clerks = g_list_sort (clerks, (GCompareFunc) g_strcmp0);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, VAULT_FORMAT);
  json_builder_set_member_name (builder, "suite");
  json_builder_add_string_value (builder, yc_crypto_suite_to_string (self->suite));
  add_base64 (builder, "check", self->check);
  json_builder_set_member_name (builder, "failures");
  json_builder_add_int_value (builder, self->failures);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_object (builder);
  for (GList *l = clerks; l; l = l->next)
    {
      Account *account = g_hash_table_lookup (self->accounts, l->data);

      json_builder_set_member_name (builder, l->data);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kdf");
      json_builder_add_string_value (builder, "argon2id");
      json_builder_set_member_name (builder, "passes");
      json_builder_add_int_value (builder, account->cost.passes);
      json_builder_set_member_name (builder, "memory-kib");
      json_builder_add_int_value (builder, account->cost.memory_kib);
      json_builder_set_member_name (builder, "lanes");
      json_builder_add_int_value (builder, account->cost.lanes);
      add_base64 (builder, "salt", account->salt);
      add_base64 (builder, "wrapped", account->wrapped);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  if (g_mkdir_with_parents (self->profile_dir, 0700) != 0 ||
      !g_file_set_contents_full (self->path, text, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 &local_error))
    {
      g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_FAILED, _("Cannot write the sign-in file: %s"),
                   local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * yc_vault_open:
 * @profile_dir: the profile folder, where vault.json is (or will be)
 *
 * Returns: (transfer full): the profile's vault, locked; set up or not
 */
YcVault *
yc_vault_open (const char  *profile_dir,
               GError     **error)
{
  g_autoptr(YcVault) self = g_object_new (YC_TYPE_VAULT, NULL);

  g_return_val_if_fail (profile_dir != NULL, NULL);

  self->profile_dir = g_strdup (profile_dir);
  self->path = g_build_filename (profile_dir, YC_VAULT_FILE, NULL);
  self->context = g_main_context_ref_thread_default ();
  if (!load (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
yc_vault_is_set_up (YcVault *self)
{
  gboolean set_up;

  g_return_val_if_fail (YC_IS_VAULT (self), FALSE);

  g_mutex_lock (&self->mutex);
  set_up = self->set_up;
  g_mutex_unlock (&self->mutex);
  return set_up;
}

/* Returns: whether @clerk_no has a password on this profile */
gboolean
yc_vault_has_account (YcVault    *self,
                      const char *clerk_no)
{
  gboolean found;

  g_return_val_if_fail (YC_IS_VAULT (self), FALSE);

  g_mutex_lock (&self->mutex);
  found = g_hash_table_contains (self->accounts, clerk_no);
  g_mutex_unlock (&self->mutex);
  return found;
}

static char *
account_aad (const char *clerk_no)
{
  return g_strconcat (ACCOUNT_AAD, clerk_no, NULL);
}

static GBytes *
derive (YcCryptoSuite     suite,
        const char       *password,
        const Account    *account,
        GError          **error)
{
  return yc_crypto_derive_key (password, account->salt, &account->cost, yc_crypto_key_size (suite), error);
}

/**
 * yc_vault_set_up:
 *
 * The first sign-in on a profile: makes the data key and wraps it under
 * @password for @clerk_no, leaving the vault unlocked. On a vault already
 * set up and unlocked, sets (or changes) @clerk_no's password to the same
 * key; @suite must then be the vault's.
 */
gboolean
yc_vault_set_up (YcVault        *self,
                 const char     *clerk_no,
                 const char     *password,
                 YcCryptoSuite   suite,
                 GError        **error)
{
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) wrapping = NULL;
  g_autoptr(GBytes) check_plain = NULL;
  g_autoptr(GBytes) associated = NULL;
  g_autofree char *aad = NULL;
  Account *account;
  gboolean first, ok;

  g_return_val_if_fail (YC_IS_VAULT (self), FALSE);
  g_return_val_if_fail (clerk_no != NULL && *clerk_no != '\0' && password != NULL, FALSE);

  if (g_utf8_strlen (password, -1) < YC_VAULT_MIN_PASSWORD)
    {
      g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_WEAK,
                   _("The password is too short: it needs at least %d characters"), YC_VAULT_MIN_PASSWORD);
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  if (!load (self, error))
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }
  first = !self->set_up;
  if (!first && self->data_key == NULL)
    {
      g_mutex_unlock (&self->mutex);
      g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_LOCKED,
                   _("Sign in first: a password is added or changed by a signed-in clerk"));
      return FALSE;
    }
  if (first)
    {
      g_autoptr(GBytes) random = yc_crypto_random (yc_crypto_key_size (suite));

      self->suite = suite;
      key = secret_bytes_new (g_bytes_get_data (random, NULL), g_bytes_get_size (random));
      check_plain = g_bytes_new_static (CHECK_TEXT, strlen (CHECK_TEXT));
      associated = g_bytes_new_static (CHECK_AAD, strlen (CHECK_AAD));
      g_clear_pointer (&self->check, g_bytes_unref);
      if (!(self->check = yc_crypto_seal (suite, key, check_plain, associated, error)))
        {
          g_mutex_unlock (&self->mutex);
          return FALSE;
        }
    }
  else
    key = g_bytes_ref (self->data_key);
  g_mutex_unlock (&self->mutex);

  /* the slow part, outside the lock */
  account = g_new0 (Account, 1);
  yc_vault_kdf_cost (&account->cost);
  account->salt = yc_crypto_random (SALT_SIZE);
  aad = account_aad (clerk_no);
  g_clear_pointer (&associated, g_bytes_unref);
  associated = g_bytes_new (aad, strlen (aad));
  if (!(wrapping = derive (self->suite, password, account, error)) ||
      !(account->wrapped = yc_crypto_seal (self->suite, wrapping, key, associated, error)))
    {
      account_free (account);
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->accounts, g_strdup (clerk_no), account);
  self->set_up = TRUE;
  if (first)
    self->failures = 0;
  ok = save (self, error);
  if (ok && self->data_key == NULL)
    self->data_key = g_bytes_ref (key);
  else if (!ok)
    {
      g_hash_table_remove (self->accounts, clerk_no);
      self->set_up = g_hash_table_size (self->accounts) > 0;
    }
  g_mutex_unlock (&self->mutex);
  if (ok && first)
    notify_unlocked (self);
  return ok;
}

static gboolean
check_key (YcVault  *self,
           GBytes   *key,
           GError  **error)
{
  g_autoptr(GBytes) associated = g_bytes_new_static (CHECK_AAD, strlen (CHECK_AAD));
  g_autoptr(GBytes) plain = NULL;

  plain = yc_crypto_open (self->suite, key, self->check, associated, NULL);
  if (plain == NULL || g_bytes_get_size (plain) != strlen (CHECK_TEXT) ||
      memcmp (g_bytes_get_data (plain, NULL), CHECK_TEXT, strlen (CHECK_TEXT)) != 0)
    {
      g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_KEY, _("The key is not this profile's"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
become_unlocked (YcVault  *self,
                 GBytes   *key)
{
  gboolean was_locked;

  g_mutex_lock (&self->mutex);
  was_locked = self->data_key == NULL;
  if (was_locked)
    self->data_key = secret_bytes_new (g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  g_mutex_unlock (&self->mutex);
  if (was_locked)
    notify_unlocked (self);
  return TRUE;
}

/**
 * yc_vault_unlock:
 *
 * Unwraps the data key with @clerk_no's @password. Blocks for the
 * derivation (about half a second) and, after wrong passwords, for the
 * growing delay: call it from a worker thread where a window waits.
 *
 * Returns: %FALSE with %YC_VAULT_ERROR_PASSWORD for an unknown clerk
 *   number or a wrong password, which are not told apart
 */
gboolean
yc_vault_unlock (YcVault     *self,
                 const char  *clerk_no,
                 const char  *password,
                 GError     **error)
{
  g_autoptr(GBytes) wrapping = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GBytes) associated = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *aad = NULL;
  Account probe = { 0 };
  Account *account;
  YcCryptoSuite suite;
  guint delay;

  g_return_val_if_fail (YC_IS_VAULT (self), FALSE);
  g_return_val_if_fail (clerk_no != NULL && password != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  if (!load (self, error))
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }
  if (!self->set_up)
    {
      g_mutex_unlock (&self->mutex);
      g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_NOT_SET_UP,
                   _("No password is set on this station yet: enroll it first"));
      return FALSE;
    }
  suite = self->suite;
  delay = yc_vault_failure_delay_ms (self->failures);
  account = g_hash_table_lookup (self->accounts, clerk_no);
  if (account != NULL)
    {
      probe.cost = account->cost;
      probe.salt = g_bytes_ref (account->salt);
      wrapped = g_bytes_ref (account->wrapped);
    }
  else
    {
      /* an unknown clerk number costs a guesser the same time as a
       * wrong password, and says no more */
      yc_vault_kdf_cost (&probe.cost);
      probe.salt = yc_crypto_random (SALT_SIZE);
    }
  g_mutex_unlock (&self->mutex);

  if (delay > 0)
    g_usleep ((gulong) delay * 1000);

  aad = account_aad (clerk_no);
  associated = g_bytes_new (aad, strlen (aad));
  wrapping = derive (suite, password, &probe, error);
  g_bytes_unref (probe.salt);
  if (wrapping == NULL)
    return FALSE;
  if (wrapped != NULL)
    key = yc_crypto_open (suite, wrapping, wrapped, associated, NULL);

  g_mutex_lock (&self->mutex);
  /* the count another program wrote meanwhile counts too */
  load (self, NULL);
  if (key == NULL)
    self->failures++;
  else
    self->failures = 0;
  if (!save (self, key == NULL ? NULL : error) && key != NULL)
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }
  g_mutex_unlock (&self->mutex);

  if (key == NULL)
    {
      g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_PASSWORD,
                   _("Wrong clerk number or password"));
      return FALSE;
    }
  return become_unlocked (self, key);
}

/**
 * yc_vault_unlock_with_key:
 * @data_key: the data key, as yc_vault_dup_data_key() gave it to the
 *   Secret Service
 *
 * Returns: %FALSE with %YC_VAULT_ERROR_KEY when @data_key is not this
 *   profile's
 */
gboolean
yc_vault_unlock_with_key (YcVault  *self,
                          GBytes   *data_key,
                          GError  **error)
{
  g_return_val_if_fail (YC_IS_VAULT (self), FALSE);
  g_return_val_if_fail (data_key != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  if (!self->set_up)
    {
      g_mutex_unlock (&self->mutex);
      g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_NOT_SET_UP,
                   _("No password is set on this station yet: enroll it first"));
      return FALSE;
    }
  if (g_bytes_get_size (data_key) != yc_crypto_key_size (self->suite) || !check_key (self, data_key, error))
    {
      g_mutex_unlock (&self->mutex);
      if (error != NULL && *error == NULL)
        g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_KEY, _("The key is not this profile's"));
      return FALSE;
    }
  g_mutex_unlock (&self->mutex);
  return become_unlocked (self, data_key);
}

/**
 * yc_vault_dup_data_key:
 *
 * Returns: (transfer full) (nullable): the data key, %NULL while locked
 */
GBytes *
yc_vault_dup_data_key (YcVault *self)
{
  GBytes *key;

  g_return_val_if_fail (YC_IS_VAULT (self), NULL);

  g_mutex_lock (&self->mutex);
  key = self->data_key ? g_bytes_ref (self->data_key) : NULL;
  g_mutex_unlock (&self->mutex);
  return key;
}

/* forgets the key; what others still hold of it (a store's sub-keys) they
 * drop on "notify::unlocked" */
void
yc_vault_lock (YcVault *self)
{
  g_autoptr(GBytes) key = NULL;

  g_return_if_fail (YC_IS_VAULT (self));

  g_mutex_lock (&self->mutex);
  key = g_steal_pointer (&self->data_key);
  g_mutex_unlock (&self->mutex);
  if (key != NULL)
    notify_unlocked (self);
}

gboolean
yc_vault_is_unlocked (YcVault *self)
{
  gboolean unlocked;

  g_return_val_if_fail (YC_IS_VAULT (self), FALSE);

  g_mutex_lock (&self->mutex);
  unlocked = self->data_key != NULL;
  g_mutex_unlock (&self->mutex);
  return unlocked;
}

YcCryptoSuite
yc_vault_get_suite (YcVault *self)
{
  g_return_val_if_fail (YC_IS_VAULT (self), YC_CRYPTO_SUITE_AES);
  return self->suite;
}

const char *
yc_vault_get_profile_dir (YcVault *self)
{
  g_return_val_if_fail (YC_IS_VAULT (self), NULL);
  return self->profile_dir;
}

/* Returns: the consecutive wrong passwords since the last good one */
guint
yc_vault_get_failures (YcVault *self)
{
  guint failures;

  g_return_val_if_fail (YC_IS_VAULT (self), 0);

  g_mutex_lock (&self->mutex);
  failures = self->failures;
  g_mutex_unlock (&self->mutex);
  return failures;
}

static gboolean
locked_error (GError **error)
{
  g_set_error (error, YC_VAULT_ERROR, YC_VAULT_ERROR_LOCKED,
               _("The station is locked: sign in to see citizens' data"));
  return FALSE;
}

/**
 * yc_vault_dup_sub_key:
 * @purpose: what the key is for ("search", "files"): each use of the data
 *   key gets a key of its own, so that one use can leak nothing of another
 *
 * Returns: (transfer full): a key of the suite's size, or %NULL with
 *   %YC_VAULT_ERROR_LOCKED
 */
GBytes *
yc_vault_dup_sub_key (YcVault     *self,
                      const char  *purpose,
                      GError     **error)
{
  g_autoptr(GBytes) key = yc_vault_dup_data_key (self);
  g_autofree char *label = NULL;
  g_autofree char *hex = NULL;
  gsize size = yc_crypto_key_size (self->suite);
  guchar bytes[32];
  GBytes *sub_key;

  if (key == NULL)
    return locked_error (error), NULL;
  label = g_strconcat ("yichuang sub-key:", purpose, NULL);
  if (!(hex = yc_crypto_keyed_hash_hex (self->suite, key, label, error)))
    return NULL;
  g_assert (size <= sizeof bytes && strlen (hex) >= 2 * size);
  for (gsize i = 0; i < size; i++)
    bytes[i] = g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]);
  sub_key = secret_bytes_new (bytes, size);
  memset (bytes, 0, sizeof bytes);
  return sub_key;
}

/**
 * yc_vault_seal:
 * @associated: what the value is (its table and row, its file), so that
 *   it cannot be moved to another place and be read there
 *
 * Returns: (transfer full): @plaintext sealed under the data key, or
 *   %NULL with %YC_VAULT_ERROR_LOCKED
 */
GBytes *
yc_vault_seal (YcVault     *self,
               GBytes      *plaintext,
               const char  *associated,
               GError     **error)
{
  g_autoptr(GBytes) key = yc_vault_dup_data_key (self);
  g_autoptr(GBytes) aad = NULL;

  if (key == NULL)
    return locked_error (error), NULL;
  aad = g_bytes_new (associated, strlen (associated));
  return yc_crypto_seal (self->suite, key, plaintext, aad, error);
}

/**
 * yc_vault_open_sealed:
 *
 * Returns: (transfer full): what yc_vault_seal() sealed with the same
 *   @associated, or %NULL with %YC_VAULT_ERROR_LOCKED or
 *   %YC_CRYPTO_ERROR_FORGED
 */
GBytes *
yc_vault_open_sealed (YcVault     *self,
                      GBytes      *sealed,
                      const char  *associated,
                      GError     **error)
{
  g_autoptr(GBytes) key = yc_vault_dup_data_key (self);
  g_autoptr(GBytes) aad = NULL;

  if (key == NULL)
    return locked_error (error), NULL;
  aad = g_bytes_new (associated, strlen (associated));
  return yc_crypto_open (self->suite, key, sealed, aad, error);
}

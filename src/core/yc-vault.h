/* yc-vault.h: the profile's data key, unlocked by a clerk's password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "yc-crypto.h"

G_BEGIN_DECLS

#define YC_VAULT_ERROR (yc_vault_error_quark ())

typedef enum
{
  YC_VAULT_ERROR_FAILED,     /* the vault file cannot be read or written */
  YC_VAULT_ERROR_NOT_SET_UP, /* no password has been set on this profile */
  YC_VAULT_ERROR_PASSWORD,   /* wrong clerk number or password */
  YC_VAULT_ERROR_WEAK,       /* a new password too short */
  YC_VAULT_ERROR_LOCKED,     /* the key is needed and the vault is locked */
  YC_VAULT_ERROR_KEY,        /* a data key that is not this profile's */
} YcVaultError;

/* the shortest password yc_vault_set_up() takes */
#define YC_VAULT_MIN_PASSWORD 8

/* the vault's file in the profile folder */
#define YC_VAULT_FILE "vault.json"

#define YC_TYPE_VAULT (yc_vault_get_type ())
G_DECLARE_FINAL_TYPE (YcVault, yc_vault, YC, VAULT, GObject)

GQuark         yc_vault_error_quark      (void);
YcVault       *yc_vault_open             (const char     *profile_dir,
                                          GError        **error);
gboolean       yc_vault_is_set_up        (YcVault        *self);
gboolean       yc_vault_has_account      (YcVault        *self,
                                          const char     *clerk_no);
gboolean       yc_vault_set_up           (YcVault        *self,
                                          const char     *clerk_no,
                                          const char     *password,
                                          YcCryptoSuite   suite,
                                          GError        **error);
gboolean       yc_vault_unlock           (YcVault        *self,
                                          const char     *clerk_no,
                                          const char     *password,
                                          GError        **error);
gboolean       yc_vault_unlock_with_key  (YcVault        *self,
                                          GBytes         *data_key,
                                          GError        **error);
GBytes        *yc_vault_dup_data_key     (YcVault        *self);
void           yc_vault_lock             (YcVault        *self);
gboolean       yc_vault_is_unlocked      (YcVault        *self);
YcCryptoSuite  yc_vault_get_suite        (YcVault        *self);
const char    *yc_vault_get_profile_dir  (YcVault        *self);
guint          yc_vault_get_failures     (YcVault        *self);
guint          yc_vault_failure_delay_ms (guint           failures);

/* what the store, the scans and the documents encrypt with */
GBytes        *yc_vault_dup_sub_key      (YcVault        *self,
                                          const char     *purpose,
                                          GError        **error);
GBytes        *yc_vault_seal             (YcVault        *self,
                                          GBytes         *plaintext,
                                          const char     *associated,
                                          GError        **error);
GBytes        *yc_vault_open_sealed      (YcVault        *self,
                                          GBytes         *sealed,
                                          const char     *associated,
                                          GError        **error);

void           yc_vault_kdf_cost         (YcKdfCost      *cost);

G_END_DECLS

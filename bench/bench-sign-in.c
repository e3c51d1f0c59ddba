/* bench-sign-in.c: what a sign-in costs, and a guess at a stolen vault
 *
 * Offline sign-in unwraps the data key with Argon2id of the password: the
 * cost (yc_vault_kdf_cost) is tuned so that one sign-in takes 0.3 to 1 s
 * on the station's PC, which a clerk does not mind once a session and a
 * guesser pays for every single guess. This runs the vault's own set-up
 * and unlock, at the cost a real profile gets, on a profile of its own.
 *
 * Usage: bench-sign-in [REPETITIONS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "yichuang.h"
#include "yc-bench.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(YcVault) vault = NULL;
  guint repetitions = argc > 1 ? (guint) atoi (argv[1]) : 7;
  g_autofree double *times = g_new0 (double, MAX (repetitions, 1));
  YcKdfCost cost;

  /* the figure is the real cost's, whatever the environment says */
  g_unsetenv ("YICHUANG_KDF_COST");
  yc_vault_kdf_cost (&cost);
  if (!(dir = g_dir_make_tmp ("bench-sign-in-XXXXXX", &error)) ||
      !(vault = yc_vault_open (dir, &error)) ||
      !yc_vault_set_up (vault, "c0001", "bench password 1", YC_CRYPTO_SUITE_AES, &error))
    {
      g_printerr ("bench-sign-in: %s\n", error->message);
      return EXIT_FAILURE;
    }
  for (guint i = 0; i < repetitions; i++)
    {
      double start;

      yc_vault_lock (vault);
      start = yc_bench_now_ms ();
      if (!yc_vault_unlock (vault, "c0001", "bench password 1", &error))
        {
          g_printerr ("bench-sign-in: %s\n", error->message);
          return EXIT_FAILURE;
        }
      times[i] = yc_bench_now_ms () - start;
    }
  printf ("argon2id-cost: t=%u m=%u KiB p=%u\n", cost.passes, cost.memory_kib, cost.lanes);
  printf ("sign-in: %.0f ms\n", yc_bench_median (times, repetitions));
  printf ("sign-in-max: %.0f ms\n", yc_bench_max (times, repetitions));
  path = g_build_filename (dir, YC_VAULT_FILE, NULL);
  g_unlink (path);
  g_rmdir (dir);
  return EXIT_SUCCESS;
}

/* yc-test-central.h: the real yichuang-central, started for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char        *dir;       /* a fresh temporary folder for this test */
  char        *certs;     /* dir/certs: ca.pem, server.pem, rogue-ca.pem, rogue-server.pem */
  char        *data_dir;  /* the service's database */
  char        *url;
  char        *calendar;  /* the calendar folder to publish; data/calendar when NULL */
  char       **args;      /* (nullable): more options for "serve" */
} YcTestCentral;

YcTestCentral *yc_test_central_new         (void);
void           yc_test_central_start       (YcTestCentral *central,
                                            const char    *cert_prefix,
                                            const char    *catalog);
void           yc_test_central_stop        (YcTestCentral *central);
char          *yc_test_central_try         (YcTestCentral *central,
                                            int           *status,
                                            const char    *first_arg,
                                            ...) G_GNUC_NULL_TERMINATED;
/* Runs a command of yichuang-central that must succeed; returns what it
 * printed on stdout, without the last newline */
#define yc_test_central_run(central, ...) yc_test_central_try ((central), NULL, __VA_ARGS__)
char          *yc_test_central_ca          (YcTestCentral *central,
                                            const char    *prefix);
void           yc_test_central_free        (YcTestCentral *central);
char          *yc_test_catalog_dir         (void);
char          *yc_test_run                 (GPtrArray     *argv,
                                            int           *status);
void           yc_test_remove_dir          (const char    *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcTestCentral, yc_test_central_free)

G_END_DECLS

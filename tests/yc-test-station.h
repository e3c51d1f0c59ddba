/* yc-test-station.h: an enrolled station for the service tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-test-central.h"
#include "yichuang.h"

G_BEGIN_DECLS

typedef struct
{
  YcTestCentral *central;
  char          *profile;   /* the clerk profile's folder */
  char          *path;      /* its database */
  YcCaseStore   *store;
  YcSync        *sync;
  GCancellable  *cancellable;  /* (nullable) (owned): cancels yc_test_station_sync() */
} YcTestStation;

YcTestStation *yc_test_station_new          (YcTestCentral  *central,
                                             const char     *profile,
                                             const char     *server_url);
YcTestStation *yc_test_station_new_unenrolled (YcTestCentral *central,
                                               const char    *profile);
gboolean       yc_test_station_enroll       (YcTestStation  *station,
                                             const char     *server_url,
                                             const char     *station_id,
                                             const char     *code,
                                             GError        **error);
void           yc_test_station_open         (YcTestStation  *station);
void           yc_test_station_close        (YcTestStation  *station);
gboolean       yc_test_station_sync         (YcTestStation  *station,
                                             GError        **error);
YcForm        *yc_test_station_fill_case    (YcTestStation  *station,
                                             const char     *code,
                                             char          **case_id,
                                             GError        **error);
void           yc_test_station_submit_unchecked (YcTestStation *station,
                                                 const char    *case_id,
                                                 JsonObject    *data);
char          *yc_test_station_try_case     (YcTestStation  *station,
                                             const char     *code,
                                             GError        **error);
char          *yc_test_station_take_case    (YcTestStation  *station,
                                             const char     *code);
GPtrArray     *yc_test_station_outbox       (YcTestStation  *station);
void           yc_test_station_check_delivered (YcTestStation *station);
void           yc_test_check_integrity      (const char     *path);
char          *yc_test_station_run_client   (YcTestStation  *station,
                                             int            *status,
                                             const char     *first_arg,
                                             ...) G_GNUC_NULL_TERMINATED;
void           yc_test_station_free         (YcTestStation  *station);
void           yc_test_set_string           (YcForm         *form,
                                             const char     *key,
                                             const char     *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcTestStation, yc_test_station_free)

G_END_DECLS

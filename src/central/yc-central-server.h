/* yc-central-server.h: the HTTPS face of the central service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-calendar.h"
#include "yc-catalog.h"
#include "yc-central-blobs.h"
#include "yc-central-storage.h"

G_BEGIN_DECLS

/* How enrollment holds against guessing (docs/sync-protocol.md,
 * "Enrollment"): after @per_address wrong codes from one address, or
 * @total from all together, within @window seconds of the first, every
 * enrollment is answered 429 until the window ends; a code is good for
 * @lifetime seconds after it was made (0: for ever). */
typedef struct
{
  guint per_address;
  guint total;
  guint window;
  guint lifetime;
} YcEnrollPolicy;

#define YC_ENROLL_PER_ADDRESS 5
#define YC_ENROLL_TOTAL       50
#define YC_ENROLL_WINDOW      (15 * 60)
#define YC_ENROLL_LIFETIME    (72 * 60 * 60)

#define YC_TYPE_CENTRAL_SERVER (yc_central_server_get_type ())
G_DECLARE_FINAL_TYPE (YcCentralServer, yc_central_server, YC, CENTRAL_SERVER, GObject)

YcCentralServer *yc_central_server_new         (YcCentralStorage *store,
                                                YcCatalog        *catalog,
                                                GError          **error);
gboolean         yc_central_server_set_catalog (YcCentralServer  *self,
                                                YcCatalog        *catalog,
                                                GError          **error);
void             yc_central_server_set_enroll_policy (YcCentralServer      *self,
                                                      const YcEnrollPolicy *policy);
void             yc_central_server_set_calendar (YcCentralServer *self,
                                                 YcCalendar      *calendar);
void             yc_central_server_set_blobs   (YcCentralServer  *self,
                                                YcCentralBlobs   *blobs);
char            *yc_central_server_listen      (YcCentralServer  *self,
                                                const char       *address,
                                                guint             port,
                                                const char       *cert_file,
                                                const char       *key_file,
                                                GError          **error);

/* a clerk's token is good for this long after it was issued (seconds) */
#define YC_TOKEN_LIFETIME ((gint64) 180 * 24 * 3600)

void             yc_central_server_set_token_lifetime (YcCentralServer *self,
                                                       gint64           seconds);
gint64           yc_central_parse_duration            (const char      *text);

G_END_DECLS

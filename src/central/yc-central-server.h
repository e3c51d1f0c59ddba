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

#define YC_TYPE_CENTRAL_SERVER (yc_central_server_get_type ())
G_DECLARE_FINAL_TYPE (YcCentralServer, yc_central_server, YC, CENTRAL_SERVER, GObject)

YcCentralServer *yc_central_server_new         (YcCentralStorage *store,
                                                YcCatalog        *catalog);
void             yc_central_server_set_catalog (YcCentralServer  *self,
                                                YcCatalog        *catalog);
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

G_END_DECLS

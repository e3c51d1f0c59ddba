/* yc-central-blobs.h: the scans the central service has, by their SHA-256
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define YC_CENTRAL_BLOBS_ERROR (yc_central_blobs_error_quark ())

typedef enum
{
  YC_CENTRAL_BLOBS_ERROR_OFFSET,     /* the chunk does not start where the service is */
  YC_CENTRAL_BLOBS_ERROR_RANGE,      /* the chunk does not fit in the scan's size */
  YC_CENTRAL_BLOBS_ERROR_TOO_LARGE,  /* a chunk or a scan over the limit */
  YC_CENTRAL_BLOBS_ERROR_MISMATCH,   /* the whole is not what the SHA-256 names */
  YC_CENTRAL_BLOBS_ERROR_FAILED,     /* the service's own disk */
} YcCentralBlobsError;

#define YC_TYPE_CENTRAL_BLOBS (yc_central_blobs_get_type ())
G_DECLARE_FINAL_TYPE (YcCentralBlobs, yc_central_blobs, YC, CENTRAL_BLOBS, GObject)

GQuark          yc_central_blobs_error_quark (void);
YcCentralBlobs *yc_central_blobs_new      (const char      *dir,
                                           GError         **error);
char           *yc_central_blobs_get_path (YcCentralBlobs  *self,
                                           const char      *sha256,
                                           gboolean         partial);
guint64         yc_central_blobs_query    (YcCentralBlobs  *self,
                                           const char      *sha256,
                                           gboolean        *complete);
gboolean        yc_central_blobs_has      (YcCentralBlobs  *self,
                                           const char      *sha256);
gboolean        yc_central_blobs_append   (YcCentralBlobs  *self,
                                           const char      *sha256,
                                           guint64          start,
                                           guint64          total,
                                           GBytes          *chunk,
                                           guint64         *received,
                                           gboolean        *complete,
                                           GError         **error);

G_END_DECLS

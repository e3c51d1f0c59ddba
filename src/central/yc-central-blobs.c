/* yc-central-blobs.c: the scans the central service has, by their SHA-256
 *
 * A scan arrives in chunks, in order, and may take several connections
 * over several days from a station on a poor line. Until it is whole it
 * is a part file, DIR/ab/abcd….part, whose length is exactly how much the
 * service has: the offset a station resumes at. Each chunk is on the disk
 * before it is acknowledged. When the last byte arrives the part is
 * checked against its SHA-256 and renamed to DIR/ab/abcd…; bytes that are
 * not what the hash names are thrown away whole, so a scan the service
 * has is always the station's scan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "yc-central-blobs.h"
#include "yichuang.h"

struct _YcCentralBlobs
{
  GObject  parent_instance;

  char    *dir;
};

G_DEFINE_FINAL_TYPE (YcCentralBlobs, yc_central_blobs, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-central-blobs-error-quark, yc_central_blobs_error)

/* The station reads this: it names the scan, never where the service
 * keeps it; the service's own log has the path. */
static gboolean
disk_error (GError     **error,
            const char  *sha256,
            const char  *path)
{
  int saved = errno;

  g_message ("Cannot write %s: %s", path, g_strerror (saved));
  g_set_error (error, YC_CENTRAL_BLOBS_ERROR, YC_CENTRAL_BLOBS_ERROR_FAILED,
               _("Cannot write the scan %s: %s"), sha256, g_strerror (saved));
  return FALSE;
}

/**
 * yc_central_blobs_new:
 * @dir: the folder that holds the scans; made if missing
 */
YcCentralBlobs *
yc_central_blobs_new (const char  *dir,
                      GError     **error)
{
  YcCentralBlobs *self;

  g_return_val_if_fail (dir != NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder for scans %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  self = g_object_new (YC_TYPE_CENTRAL_BLOBS, NULL);
  self->dir = g_strdup (dir);
  return self;
}

/**
 * yc_central_blobs_get_path:
 * @partial: the part file of an upload under way, rather than the scan
 *
 * Returns: (transfer full): where the service keeps the scan @sha256
 */
char *
yc_central_blobs_get_path (YcCentralBlobs *self,
                           const char     *sha256,
                           gboolean        partial)
{
  g_autofree char *name = NULL;
  char prefix[3] = { 0 };

  g_return_val_if_fail (YC_IS_CENTRAL_BLOBS (self), NULL);
  g_return_val_if_fail (yc_attachment_is_sha256 (sha256), NULL);

  memcpy (prefix, sha256, 2);
  name = g_strconcat (sha256, partial ? ".part" : "", NULL);
  return g_build_filename (self->dir, prefix, name, NULL);
}

/**
 * yc_central_blobs_query:
 * @complete: (out): whether the service has the whole scan
 *
 * Returns: how many bytes of the scan the service has
 */
guint64
yc_central_blobs_query (YcCentralBlobs *self,
                        const char     *sha256,
                        gboolean       *complete)
{
  g_autofree char *path = yc_central_blobs_get_path (self, sha256, FALSE);
  g_autofree char *part = yc_central_blobs_get_path (self, sha256, TRUE);
  GStatBuf st;

  *complete = g_stat (path, &st) == 0;
  if (*complete)
    return st.st_size;
  return g_stat (part, &st) == 0 ? (guint64) st.st_size : 0;
}

gboolean
yc_central_blobs_has (YcCentralBlobs *self,
                      const char     *sha256)
{
  gboolean complete = FALSE;

  if (!yc_attachment_is_sha256 (sha256))
    return FALSE;
  yc_central_blobs_query (self, sha256, &complete);
  return complete;
}

/**
 * yc_central_blobs_append:
 * @start: where @chunk begins in the scan; must be what the service has
 * @total: the scan's whole size
 * @received: (out): how many bytes the service has after this
 * @complete: (out): whether the scan is whole and checked
 *
 * Adds one chunk of an upload. A chunk for a scan the service already has
 * whole changes nothing and succeeds, so a retry is always safe. On
 * %YC_CENTRAL_BLOBS_ERROR_OFFSET, @received says where to resume.
 */
gboolean
yc_central_blobs_append (YcCentralBlobs  *self,
                         const char      *sha256,
                         guint64          start,
                         guint64          total,
                         GBytes          *chunk,
                         guint64         *received,
                         gboolean        *complete,
                         GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  g_autofree char *slot = NULL;
  g_autofree char *digest = NULL;
  gsize length = g_bytes_get_size (chunk);
  guint64 have;
  int fd;

  g_return_val_if_fail (YC_IS_CENTRAL_BLOBS (self), FALSE);
  g_return_val_if_fail (yc_attachment_is_sha256 (sha256), FALSE);

  *received = have = yc_central_blobs_query (self, sha256, complete);
  if (total > YC_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, YC_CENTRAL_BLOBS_ERROR, YC_CENTRAL_BLOBS_ERROR_TOO_LARGE,
                   _("A scan may have at most %u bytes; %s would have %llu"),
                   YC_ATTACHMENT_MAX_SIZE, sha256, (unsigned long long) total);
      return FALSE;
    }
  if (length > YC_ATTACHMENT_CHUNK_SIZE)
    {
      g_set_error (error, YC_CENTRAL_BLOBS_ERROR, YC_CENTRAL_BLOBS_ERROR_TOO_LARGE,
                   _("A chunk may have at most %u bytes; this one of %s has %zu"),
                   YC_ATTACHMENT_CHUNK_SIZE, sha256, length);
      return FALSE;
    }
  if (*complete)
    return TRUE;
  part = yc_central_blobs_get_path (self, sha256, TRUE);
  /* a part longer than the scan is not this scan: start again */
  if (have > total)
    {
      g_unlink (part);
      *received = have = 0;
    }
  if (length == 0 || start + length > total)
    {
      g_set_error (error, YC_CENTRAL_BLOBS_ERROR, YC_CENTRAL_BLOBS_ERROR_RANGE,
                   _("A chunk of %zu bytes at %llu does not fit in a scan of %llu bytes"),
                   length, (unsigned long long) start, (unsigned long long) total);
      return FALSE;
    }
  if (start != have)
    {
      g_set_error (error, YC_CENTRAL_BLOBS_ERROR, YC_CENTRAL_BLOBS_ERROR_OFFSET,
                   _("The service has %llu bytes of %s; a chunk must start there, not at %llu"),
                   (unsigned long long) have, sha256, (unsigned long long) start);
      return FALSE;
    }

  slot = g_path_get_dirname (part);
  if (g_mkdir_with_parents (slot, 0700) != 0)
    return disk_error (error, sha256, part);
  if ((fd = g_open (part, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0)
    return disk_error (error, sha256, part);
  /* acknowledged means on the disk; a failed write leaves the part at
   * what was acknowledged before, and no part at all when nothing was */
  if (!yc_attachment_write_fd (fd, g_bytes_get_data (chunk, NULL), length) || fsync (fd) != 0)
    {
      disk_error (error, sha256, part);
      if (have == 0)
        g_unlink (part);
      else if (ftruncate (fd, have) != 0)
        g_warning ("Cannot cut %s back to %" G_GUINT64_FORMAT " bytes: %s", part, have, g_strerror (errno));
      close (fd);
      return FALSE;
    }
  close (fd);
  *received = have + length;
  if (*received < total)
    return TRUE;

  digest = yc_attachment_hash_path (part);
  if (g_strcmp0 (digest, sha256) != 0)
    {
      g_unlink (part);
      *received = 0;
      g_set_error (error, YC_CENTRAL_BLOBS_ERROR, YC_CENTRAL_BLOBS_ERROR_MISMATCH,
                   _("The bytes received for the scan %s have the SHA-256 %s; they were thrown away"),
                   sha256, digest ? digest : "?");
      return FALSE;
    }
  path = yc_central_blobs_get_path (self, sha256, FALSE);
  if (g_rename (part, path) != 0 || !yc_attachment_sync_dir (slot))
    return disk_error (error, sha256, path);
  *complete = TRUE;
  return TRUE;
}

static void
yc_central_blobs_finalize (GObject *object)
{
  YcCentralBlobs *self = (YcCentralBlobs *)object;

  g_clear_pointer (&self->dir, g_free);

  G_OBJECT_CLASS (yc_central_blobs_parent_class)->finalize (object);
}

static void
yc_central_blobs_class_init (YcCentralBlobsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_central_blobs_finalize;
}

static void
yc_central_blobs_init (YcCentralBlobs *self)
{
}

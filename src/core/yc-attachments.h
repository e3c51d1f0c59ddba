/* yc-attachments.h: the scans a clerk profile keeps, by their SHA-256
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "yc-case-store.h"

G_BEGIN_DECLS

/* what the protocol lets one request and one scan carry; the station
 * refuses a larger scan when it is attached, not when it is sent */
#define YC_ATTACHMENT_CHUNK_SIZE (1024 * 1024)
#define YC_ATTACHMENT_MAX_SIZE   (64 * 1024 * 1024)

#define YC_ATTACHMENTS_ERROR (yc_attachments_error_quark ())

typedef enum
{
  YC_ATTACHMENTS_ERROR_NOT_FOUND,
  YC_ATTACHMENTS_ERROR_EMPTY,
  YC_ATTACHMENTS_ERROR_TOO_LARGE,
  YC_ATTACHMENTS_ERROR_MISMATCH,   /* the bytes are not those the SHA-256 names */
} YcAttachmentsError;

typedef struct
{
  char    *sha256;
  guint64  size;
  char    *media_type;
  char    *name;        /* the file's name when it was attached */
  char    *added;
  guint64  confirmed;   /* how many bytes the central service said it has */
  char    *field;       /* yc_attachments_list_case() only: the slot it fills */
  char    *material;
} YcAttachment;

void yc_attachment_free (YcAttachment *attachment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcAttachment, yc_attachment_free)

GQuark        yc_attachments_error_quark     (void);
gboolean      yc_attachment_is_sha256        (const char          *text);
/* the central service keeps its scans the same way */
char         *yc_attachment_hash_path        (const char          *path);
gboolean      yc_attachment_write_fd         (int                  fd,
                                              const void          *data,
                                              gsize                length);
gboolean      yc_attachment_sync_dir         (const char          *dir);
char         *yc_attachments_add_file        (YcCaseStore         *store,
                                              GFile               *file,
                                              const char          *expected_sha256,
                                              GCancellable        *cancellable,
                                              GError             **error);
char         *yc_attachments_add_bytes       (YcCaseStore         *store,
                                              GBytes              *bytes,
                                              const char          *name,
                                              const char          *media_type,
                                              GError             **error);
void          yc_attachments_add_file_async  (YcCaseStore         *store,
                                              GFile               *file,
                                              const char          *case_id,
                                              const char          *field,
                                              const char          *material,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char         *yc_attachments_add_file_finish (YcCaseStore         *store,
                                              GAsyncResult        *result,
                                              GError             **error);
gboolean      yc_attachments_use             (YcCaseStore         *store,
                                              const char          *sha256,
                                              const char          *case_id,
                                              const char          *field,
                                              const char          *material,
                                              GError             **error);
gboolean      yc_attachments_release         (YcCaseStore         *store,
                                              const char          *case_id,
                                              const char          *field,
                                              GError             **error);
YcAttachment *yc_attachments_lookup          (YcCaseStore         *store,
                                              const char          *sha256,
                                              GError             **error);
GPtrArray    *yc_attachments_list_case       (YcCaseStore         *store,
                                              const char          *case_id,
                                              GError             **error);
char         *yc_attachments_get_path        (YcCaseStore         *store,
                                              const char          *sha256);
GInputStream *yc_attachments_open            (YcCaseStore         *store,
                                              const char          *sha256,
                                              GCancellable        *cancellable,
                                              GError             **error);
gboolean      yc_attachments_set_confirmed   (YcCaseStore         *store,
                                              const char          *sha256,
                                              guint64              confirmed,
                                              GError             **error);

G_END_DECLS

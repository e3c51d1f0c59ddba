/* yc-attachments.c: the scans a clerk profile keeps, by their SHA-256
 *
 * A scan attached to a case is copied into the profile, next to its
 * database, as attachments/ab/abcd… (its SHA-256), so that the case does
 * not depend on a file the clerk may move or delete, and the same scan
 * attached twice is kept once. A file is written whole or not at all: into
 * a temporary file beside it, flushed to the disk, then renamed; an
 * identical file already there is left as it is.
 *
 * The `attachments` table records each scan (size, media type, the name it
 * had, how much of it the central service has confirmed) and
 * `attachment_uses` which case's field holds it. Scans are personal data
 * (ID cards, signatures): the files and these two tables are read and
 * written only here, so that a later change can encrypt them at rest in
 * this one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "yc-attachments.h"
#include "yc-case-store-private.h"
#include "yc-db.h"
#include "yc-event.h"

G_DEFINE_QUARK (yc-attachments-error-quark, yc_attachments_error)

#define READ_SIZE (64 * 1024)

void
yc_attachment_free (YcAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->sha256);
  g_free (attachment->media_type);
  g_free (attachment->name);
  g_free (attachment->added);
  g_free (attachment->field);
  g_free (attachment->material);
  g_free (attachment);
}

/**
 * yc_attachment_is_sha256:
 *
 * Returns: whether @text is a SHA-256 as attachment values write it: 64
 *   lowercase hexadecimal digits
 */
gboolean
yc_attachment_is_sha256 (const char *text)
{
  guint i;

  if (text == NULL)
    return FALSE;
  for (i = 0; text[i] != '\0'; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return i == 64;
}

static char *
attachments_dir (YcCaseStore *store)
{
  g_autofree char *profile = g_path_get_dirname (yc_case_store_get_path (store));

  return g_build_filename (profile, "attachments", NULL);
}

/**
 * yc_attachments_get_path:
 *
 * Returns: (transfer full): where the profile keeps the scan @sha256
 */
char *
yc_attachments_get_path (YcCaseStore *store,
                         const char  *sha256)
{
  g_autofree char *dir = NULL;
  char prefix[3] = { 0 };

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (yc_attachment_is_sha256 (sha256), NULL);

  dir = attachments_dir (store);
  memcpy (prefix, sha256, 2);
  return g_build_filename (dir, prefix, sha256, NULL);
}

/**
 * yc_attachment_write_fd:
 *
 * Returns: whether all of @data was written; errno says why not
 */
gboolean
yc_attachment_write_fd (int         fd,
                        const void *data,
                        gsize       length)
{
  const guchar *p = data;

  while (length > 0)
    {
      gssize n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      length -= n;
    }
  return TRUE;
}

/**
 * yc_attachment_hash_path:
 *
 * Returns: (transfer full) (nullable): the SHA-256 of what is in @path
 *   now, or %NULL if it cannot be read
 */
char *
yc_attachment_hash_path (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (READ_SIZE);
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gssize n;

  if (fd < 0)
    return NULL;
  while ((n = read (fd, buffer, READ_SIZE)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_checksum_update (checksum, buffer, n);
  close (fd);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * yc_attachment_sync_dir:
 *
 * Flushes @dir, so that a file renamed into it is still there after a
 * power cut.
 */
gboolean
yc_attachment_sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Copies @in into the profile under its SHA-256, whole or not at all.
 * Touches no database, so it may run in a worker thread. */
static char *
store_stream (YcCaseStore   *store,
              GInputStream  *in,
              const char    *expected,
              const char    *what,
              guint64       *size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *dir = attachments_dir (store);
  g_autofree char *tmp = g_build_filename (dir, ".incoming-XXXXXX", NULL);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (READ_SIZE);
  g_autofree char *digest = NULL;
  g_autofree char *path = NULL;
  g_autofree char *slot = NULL;
  g_autofree char *existing = NULL;
  guint64 total = 0;
  gssize n;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot create the folder for scans %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  if ((fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600)) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot create a file in %s: %s"), dir, g_strerror (errno));
      return NULL;
    }

  while ((n = g_input_stream_read (in, buffer, READ_SIZE, cancellable, error)) > 0)
    {
      total += n;
      if (total > YC_ATTACHMENT_MAX_SIZE)
        {
          g_set_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_TOO_LARGE,
                       _("The scan %s is larger than %u MiB, more than a case may carry; scan it at a lower resolution"),
                       what, YC_ATTACHMENT_MAX_SIZE / (1024 * 1024));
          goto failed;
        }
      g_checksum_update (checksum, buffer, n);
      if (!yc_attachment_write_fd (fd, buffer, n))
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("Cannot write the copy of the scan in %s: %s"), dir, g_strerror (errno));
          goto failed;
        }
    }
  if (n < 0)
    {
      g_prefix_error (error, _("Cannot read the scan %s: "), what);
      goto failed;
    }
  if (total == 0)
    {
      g_set_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_EMPTY,
                   _("The scan %s is empty"), what);
      goto failed;
    }
  digest = g_strdup (g_checksum_get_string (checksum));
  if (expected != NULL && g_strcmp0 (expected, digest) != 0)
    {
      g_set_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_MISMATCH,
                   _("The scan %s has the SHA-256 %s, not %s"), what, digest, expected);
      goto failed;
    }
  /* a scan attached to a case must survive a power cut right after */
  if (fsync (fd) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot write the copy of the scan in %s: %s"), dir, g_strerror (errno));
      goto failed;
    }
  close (fd);
  fd = -1;

  path = yc_attachments_get_path (store, digest);
  slot = g_path_get_dirname (path);
  if ((existing = yc_attachment_hash_path (path)) != NULL && g_str_equal (existing, digest))
    g_unlink (tmp);
  else if (g_mkdir_with_parents (slot, 0700) != 0 || g_rename (tmp, path) != 0 || !yc_attachment_sync_dir (slot))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot keep the scan as %s: %s"), path, g_strerror (errno));
      goto failed;
    }
  if (size)
    *size = total;
  return g_steal_pointer (&digest);

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return NULL;
}

static gboolean
record (YcCaseStore  *store,
        const char   *sha256,
        guint64       size,
        const char   *media_type,
        const char   *name,
        GError      **error)
{
  g_autofree char *at = yc_now_iso8601 ();
  g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, size);

  /* the first name a scan came with stays; the bytes are the same */
  return yc_db_run (_yc_case_store_get_db (store), error,
                    "INSERT OR IGNORE INTO attachments (sha256, size, media_type, name, added) VALUES (?, ?, ?, ?, ?)",
                    sha256, size_text, media_type, name, at);
}

static char *
media_type_of (const char   *name,
               const guchar *data,
               gsize         length)
{
  g_autofree char *type = g_content_type_guess (name, data, length, NULL);

  return g_content_type_get_mime_type (type);
}

/* What adding a file found out, in a worker thread */
typedef struct
{
  GFile *file;
  char  *case_id;
  char  *field;
  char  *material;
  char  *sha256;
  char  *name;
  char  *media_type;
  guint64 size;
} Add;

static void
add_free (Add *add)
{
  g_clear_object (&add->file);
  g_free (add->case_id);
  g_free (add->field);
  g_free (add->material);
  g_free (add->sha256);
  g_free (add->name);
  g_free (add->media_type);
  g_free (add);
}

static gboolean
copy_file (YcCaseStore   *store,
           Add           *add,
           const char    *expected,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree char *what = g_file_get_parse_name (add->file);
  const char *type;

  info = g_file_query_info (add->file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    {
      g_prefix_error (error, _("Cannot read the scan %s: "), what);
      return FALSE;
    }
  if (g_file_info_get_size (info) > YC_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_TOO_LARGE,
                   _("The scan %s is larger than %u MiB, more than a case may carry; scan it at a lower resolution"),
                   what, YC_ATTACHMENT_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (!(in = g_file_read (add->file, cancellable, error)))
    {
      g_prefix_error (error, _("Cannot read the scan %s: "), what);
      return FALSE;
    }
  if (!(add->sha256 = store_stream (store, G_INPUT_STREAM (in), expected, what, &add->size, cancellable, error)))
    return FALSE;
  add->name = g_strdup (g_file_info_get_display_name (info));
  type = g_file_info_get_content_type (info);
  add->media_type = type ? g_content_type_get_mime_type (type) : NULL;
  return TRUE;
}

/**
 * yc_attachments_add_file:
 * @expected_sha256: (nullable): the SHA-256 the file must have
 *
 * Keeps a copy of @file in the profile. Blocks: for a command line or a
 * worker; the window uses yc_attachments_add_file_async().
 *
 * Returns: (transfer full): its SHA-256
 */
char *
yc_attachments_add_file (YcCaseStore   *store,
                         GFile         *file,
                         const char    *expected_sha256,
                         GCancellable  *cancellable,
                         GError       **error)
{
  Add add = { .file = file };
  char *sha256 = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (copy_file (store, &add, expected_sha256, cancellable, error) &&
      record (store, add.sha256, add.size, add.media_type, add.name, error))
    sha256 = g_steal_pointer (&add.sha256);
  g_free (add.sha256);
  g_free (add.name);
  g_free (add.media_type);
  return sha256;
}

/**
 * yc_attachments_add_bytes:
 * @name: (nullable): the file name it had, for the clerk
 * @media_type: (nullable): its MIME type; guessed when %NULL
 *
 * Returns: (transfer full): the SHA-256 of @bytes
 */
char *
yc_attachments_add_bytes (YcCaseStore  *store,
                          GBytes       *bytes,
                          const char   *name,
                          const char   *media_type,
                          GError      **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autofree char *guessed = NULL;
  g_autofree char *sha256 = NULL;
  guint64 size = 0;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  in = g_memory_input_stream_new_from_bytes (bytes);
  if (!(sha256 = store_stream (store, in, NULL, name ? name : _("(unnamed)"), &size, NULL, error)))
    return NULL;
  if (media_type == NULL)
    guessed = media_type_of (name, g_bytes_get_data (bytes, NULL), MIN (g_bytes_get_size (bytes), 4096));
  if (!record (store, sha256, size, media_type ? media_type : guessed, name, error))
    return NULL;
  return g_steal_pointer (&sha256);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (!copy_file (source_object, task_data, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Back on the thread that owns the database: the copy is on disk, now the
 * tables say so. */
static void
on_added_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  YcCaseStore *store = YC_CASE_STORE (object);
  Add *add = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !record (store, add->sha256, add->size, add->media_type, add->name, &error) ||
      (add->case_id != NULL &&
       !yc_attachments_use (store, add->sha256, add->case_id, add->field, add->material, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (add->sha256), g_free);
}

/**
 * yc_attachments_add_file_async:
 * @case_id: (nullable): the case whose @field the scan fills
 * @material: (nullable): the material the field stands for
 *
 * Keeps a copy of @file in the profile, reading and writing in a worker
 * thread, and records it (and its use by @case_id) when done.
 */
void
yc_attachments_add_file_async (YcCaseStore         *store,
                               GFile               *file,
                               const char          *case_id,
                               const char          *field,
                               const char          *material,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) worker = NULL;
  Add *add;

  g_return_if_fail (YC_IS_CASE_STORE (store));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (case_id == NULL || field != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_attachments_add_file_async);

  add = g_new0 (Add, 1);
  add->file = g_object_ref (file);
  add->case_id = g_strdup (case_id);
  add->field = g_strdup (field);
  add->material = g_strdup (material);
  worker = g_task_new (store, cancellable, on_added_cb, task);
  g_task_set_task_data (worker, add, (GDestroyNotify) add_free);
  g_task_run_in_thread (worker, add_thread);
}

/**
 * yc_attachments_add_file_finish:
 *
 * Returns: (transfer full): the SHA-256 of the scan
 */
char *
yc_attachments_add_file_finish (YcCaseStore   *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * yc_attachments_use:
 *
 * Records that @case_id's @field holds the scan @sha256 (in place of any
 * it held before), so that the scan goes to the central service with the
 * case.
 */
gboolean
yc_attachments_use (YcCaseStore  *store,
                    const char   *sha256,
                    const char   *case_id,
                    const char   *field,
                    const char   *material,
                    GError      **error)
{
  g_autofree char *at = yc_now_iso8601 ();

  g_return_val_if_fail (YC_IS_CASE_STORE (store), FALSE);
  g_return_val_if_fail (sha256 != NULL && case_id != NULL && field != NULL, FALSE);

  return yc_db_run (_yc_case_store_get_db (store), error,
                    "INSERT OR REPLACE INTO attachment_uses (case_id, field, sha256, material, added)"
                    " VALUES (?, ?, ?, ?, ?)", case_id, field, sha256, material, at);
}

/**
 * yc_attachments_release:
 *
 * The field no longer holds a scan. The file stays: another case may hold
 * the same scan.
 */
gboolean
yc_attachments_release (YcCaseStore  *store,
                        const char   *case_id,
                        const char   *field,
                        GError      **error)
{
  g_return_val_if_fail (YC_IS_CASE_STORE (store), FALSE);

  return yc_db_run (_yc_case_store_get_db (store), error,
                    "DELETE FROM attachment_uses WHERE case_id = ? AND field = ?", case_id, field);
}

#define ATTACHMENT_COLUMNS "a.sha256, a.size, a.media_type, a.name, a.added, a.confirmed"

static YcAttachment *
read_attachment (sqlite3_stmt *stmt)
{
  YcAttachment *a = g_new0 (YcAttachment, 1);

  a->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  a->size = sqlite3_column_int64 (stmt, 1);
  a->media_type = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  a->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  a->added = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  a->confirmed = sqlite3_column_int64 (stmt, 5);
  return a;
}

/**
 * yc_attachments_lookup:
 *
 * Returns: (transfer full): what the profile knows of the scan @sha256
 */
YcAttachment *
yc_attachments_lookup (YcCaseStore  *store,
                       const char   *sha256,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);

  stmt = yc_db_prepare (_yc_case_store_get_db (store),
                        "SELECT " ATTACHMENT_COLUMNS " FROM attachments a WHERE a.sha256 = ?", error);
  if (stmt == NULL)
    return NULL;
  yc_db_bind_text (stmt, 1, sha256);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_NOT_FOUND,
                   _("This profile has no scan with the SHA-256 %s"), sha256);
      return NULL;
    }
  return read_attachment (stmt);
}

/**
 * yc_attachments_list_case:
 *
 * Returns: (transfer full) (element-type YcAttachment): the scans the
 *   case's fields hold, with the field and material of each
 */
GPtrArray *
yc_attachments_list_case (YcCaseStore  *store,
                          const char   *case_id,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_attachment_free);
  int rc;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);

  stmt = yc_db_prepare (_yc_case_store_get_db (store),
                        "SELECT " ATTACHMENT_COLUMNS ", u.field, u.material FROM attachment_uses u"
                        " JOIN attachments a ON a.sha256 = u.sha256 WHERE u.case_id = ? ORDER BY u.field", error);
  if (stmt == NULL)
    return NULL;
  yc_db_bind_text (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YcAttachment *a = read_attachment (stmt);

      a->field = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      a->material = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (list, a);
    }
  if (rc != SQLITE_DONE)
    {
      yc_db_fail (_yc_case_store_get_db (store), error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * yc_attachments_open:
 *
 * Returns: (transfer full): the scan's bytes, as a seekable stream
 */
GInputStream *
yc_attachments_open (YcCaseStore   *store,
                     const char    *sha256,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GFileInputStream *in;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);

  if (!yc_attachment_is_sha256 (sha256))
    {
      g_set_error (error, YC_ATTACHMENTS_ERROR, YC_ATTACHMENTS_ERROR_NOT_FOUND,
                   _("“%s” is not the SHA-256 of a scan"), sha256);
      return NULL;
    }
  path = yc_attachments_get_path (store, sha256);
  file = g_file_new_for_path (path);
  if (!(in = g_file_read (file, cancellable, error)))
    {
      g_prefix_error (error, _("The scan %s is missing from this profile: "), sha256);
      return NULL;
    }
  return G_INPUT_STREAM (in);
}

/**
 * yc_attachments_set_confirmed:
 * @confirmed: how many bytes of the scan the central service has
 */
gboolean
yc_attachments_set_confirmed (YcCaseStore  *store,
                              const char   *sha256,
                              guint64       confirmed,
                              GError      **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, confirmed);

  g_return_val_if_fail (YC_IS_CASE_STORE (store), FALSE);

  return yc_db_run (_yc_case_store_get_db (store), error,
                    "UPDATE attachments SET confirmed = ? WHERE sha256 = ?", text, sha256);
}

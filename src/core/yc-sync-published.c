/* yc-sync-published.c: the documents the central service publishes
 *
 * The catalog and the working-day calendar come down one way: a GET with
 * the ETag of the copy the profile keeps, so that an unchanged one costs a
 * 304; a new one is loaded before it is kept, and one that does not load
 * leaves the one in use in place and says why. The kept copy is what the
 * station works with before, or without, any network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-sync-private.h"

/* What the catalog and the calendar differ in; the rest of their way down
 * is one. */
typedef struct
{
  const char  *path;
  const char  *property;      /* of YcSync, the one in use */
  gsize        offset;        /* of its field in YcSync */
  gboolean     optional;      /* 404: the service publishes none, and the station keeps its own */
  YcSyncError  code;          /* the one that does not load */
  const char  *what;
  const char  *origin;        /* the published one, for the loader's messages */
  const char  *kept_origin;   /* the kept one */
  gpointer   (*load)    (GBytes *bytes, const char *origin, GError **error);
  GBytes    *(*kept)    (YcCaseStore *store, char **etag);
  gboolean   (*keep)    (YcCaseStore *store, gpointer document, const char *etag, GBytes *bytes, GError **error);
  gpointer   (*builtin) (void);   /* (nullable): in use while none is kept */
  void       (*then)    (GTask *task);
} Published;

static gpointer
load_catalog (GBytes     *bytes,
              const char *origin,
              GError    **error)
{
  return yc_catalog_load_document (bytes, origin, NULL, error);
}

static GBytes *
kept_catalog (YcCaseStore  *store,
              char        **etag)
{
  return yc_case_store_load_catalog (store, NULL, etag);
}

static gboolean
keep_catalog (YcCaseStore *store,
              gpointer     document,
              const char  *etag,
              GBytes      *bytes,
              GError     **error)
{
  return yc_case_store_save_catalog (store, yc_catalog_get_version (document), etag, bytes, error);
}

static gpointer
load_calendar (GBytes     *bytes,
               const char *origin,
               GError    **error)
{
  return yc_calendar_load_document (bytes, origin, NULL, error);
}

static gboolean
keep_calendar (YcCaseStore *store,
               gpointer     document,
               const char  *etag,
               GBytes      *bytes,
               GError     **error)
{
  return yc_case_store_save_calendar (store, etag, bytes, error);
}

static gpointer
builtin_calendar (void)
{
  return yc_calendar_new_builtin ();
}

static const Published documents[] = {
  [YC_SYNC_CATALOG] = {
    .path = "/api/v1/catalog",
    .property = "catalog",
    .offset = G_STRUCT_OFFSET (YcSync, catalog),
    .code = YC_SYNC_ERROR_CATALOG,
    .what = N_("a catalog"),
    .origin = N_("the catalog published by the central service"),
    .kept_origin = N_("the stored catalog"),
    .load = load_catalog,
    .kept = kept_catalog,
    .keep = keep_catalog,
    .then = _yc_sync_push,
  },
  [YC_SYNC_CALENDAR] = {
    .path = "/api/v1/calendar",
    .property = "calendar",
    .offset = G_STRUCT_OFFSET (YcSync, calendar),
    .optional = TRUE,
    .code = YC_SYNC_ERROR_CALENDAR,
    .what = N_("a working-day calendar"),
    .origin = N_("the calendar published by the central service"),
    .kept_origin = N_("the stored calendar"),
    .load = load_calendar,
    .kept = yc_case_store_load_calendar,
    .keep = keep_calendar,
    .builtin = builtin_calendar,
    .then = _yc_sync_run_succeeded,
  },
};

static GObject **
slot (YcSync          *self,
      const Published *doc)
{
  return G_STRUCT_MEMBER_P (self, doc->offset);
}

static void
take (YcSync          *self,
      const Published *doc,
      gpointer         document)
{
  g_set_object (slot (self, doc), document);
  g_object_notify (G_OBJECT (self), doc->property);
}

/* Returns: (transfer full) (nullable): the kept copy, or %NULL, without an
 *   error when there is none */
static gpointer
load_kept (YcSync          *self,
           const Published *doc,
           GError         **error)
{
  g_autoptr(GBytes) kept = doc->kept (self->store, NULL);

  return kept != NULL ? doc->load (kept, _(doc->kept_origin), error) : NULL;
}

/* The one in use; one with a built-in fallback (the calendar) is loaded
 * from the kept copy at its first use, or else is the built-in one. */
static GObject *
in_use (YcSync          *self,
        const Published *doc)
{
  GObject **document = slot (self, doc);

  if (*document == NULL && doc->builtin != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* it loaded when it was kept; a newer program may refuse it */
      if (!(*document = load_kept (self, doc, &error)) && error != NULL)
        g_message ("The stored %s does not load, using the built-in one: %s", doc->property, error->message);
      if (*document == NULL)
        *document = doc->builtin ();
    }
  return *document;
}

/* The answer to the GET: its bytes and ETag, or %NULL without an error
 * when the station's copy is current, or when the service publishes none
 * and @optional says that is fine. */
static GBytes *
read_published (YcSync        *self,
                SoupMessage   *msg,
                GAsyncResult  *result,
                gboolean       optional,
                const char   **etag,
                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  if (!(bytes = _yc_sync_receive_finish (result, error)))
    return NULL;
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_NOT_MODIFIED || (optional && status == SOUP_STATUS_NOT_FOUND))
    return NULL;
  if (!(answer = _yc_sync_read_answer (self, msg, bytes, error)))
    return NULL;
  *etag = soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag");
  return g_steal_pointer (&bytes);
}

/* One that does not load: the one in use stays, and the station says why */
static GError *
not_loaded (const Published *doc,
            GError          *error)
{
  GError *wrapped = g_error_new (YC_SYNC_ERROR, doc->code,
                                 _("The central service published %s that does not load; the previous one stays in use: %s"),
                                 _(doc->what), error->message);

  g_error_free (error);
  return wrapped;
}

/* A catalog the service answered with, but that does not come down
 * (refused, too large, cut off, a 5xx), never holds the outbox back: the
 * events go up under the catalog in use, and the run says what went wrong
 * once they have. A service that did not answer at all fails the run, as
 * a calendar that does not come down (it comes last) does. */
static void
published_failed (GTask           *task,
                  const Published *doc,
                  GError          *error)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  error = _yc_sync_translate_error (self, error);
  /* a service that never answered will not take the events either */
  if (doc->then != _yc_sync_push || soup_message_get_status (run->msg) == SOUP_STATUS_NONE ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, YC_SYNC_ERROR, YC_SYNC_ERROR_CERTIFICATE))
    {
      _yc_sync_fail (task, error);
      return;
    }
  g_message ("Sync: %s; the outbox goes up all the same", error->message);
  g_clear_error (&run->held);
  run->held = error;
  doc->then (task);
}

static void
on_published_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const Published *doc = &documents[run->document];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GObject) document = NULL;
  GError *error = NULL;
  const char *etag = NULL;

  if (!(bytes = read_published (self, run->msg, result, doc->optional, &etag, &error)) && error != NULL)
    {
      published_failed (task, doc, error);
      return;
    }
  if (bytes != NULL)
    {
      if (!(document = doc->load (bytes, _(doc->origin), &error)))
        {
          published_failed (task, doc, not_loaded (doc, error));
          return;
        }
      if (!doc->keep (self->store, document, etag, bytes, &error))
        {
          _yc_sync_fail (task, error);
          return;
        }
      take (self, doc, document);
    }
  _yc_sync_set_status (self, TRUE, NULL);
  doc->then (task);
}

/* The next step of the run: @document down, then its doc->then. */
void
_yc_sync_pull_published (GTask          *task,
                         YcSyncDocument  document)
{
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const Published *doc = &documents[document];
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) kept = doc->kept (self->store, &etag);
  g_autoptr(SoupMessage) msg = _yc_sync_new_message (self, "GET", doc->path);

  /* a catalog that never loaded here is asked for whole */
  if (kept != NULL && etag != NULL && in_use (self, doc) != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", etag);
  run->document = document;
  _yc_sync_send (task, msg, on_published_cb);
}

/**
 * yc_sync_load_cached_catalog:
 *
 * Loads the catalog kept from the last good download, so the clerk can work
 * before, or without, any network.
 */
gboolean
yc_sync_load_cached_catalog (YcSync  *self,
                             GError **error)
{
  g_autoptr(GObject) catalog = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (YC_IS_SYNC (self), FALSE);

  if (!(catalog = load_kept (self, &documents[YC_SYNC_CATALOG], &local_error)))
    {
      if (local_error == NULL)
        local_error = g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_CATALOG, _("No catalog has been downloaded yet"));
      g_propagate_error (error, local_error);
      return FALSE;
    }
  take (self, &documents[YC_SYNC_CATALOG], catalog);
  return TRUE;
}

YcCatalog *
yc_sync_get_catalog (YcSync *self)
{
  g_return_val_if_fail (YC_IS_SYNC (self), NULL);
  return self->catalog;
}

/**
 * yc_sync_get_calendar:
 *
 * The working-day calendar last downloaded, or the one built into the
 * program while none has been.
 *
 * Returns: (transfer none): the calendar
 */
YcCalendar *
yc_sync_get_calendar (YcSync *self)
{
  g_return_val_if_fail (YC_IS_SYNC (self), NULL);
  return YC_CALENDAR (in_use (self, &documents[YC_SYNC_CALENDAR]));
}

/* yc-sync-enroll.c: a station joins the central service
 *
 * The operator hands the station the service's address, the authority
 * its certificate is signed by and a one-time code; the service answers
 * with the token every later request carries, which is kept in the
 * profile with the rest of what enrollment says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-sync-private.h"

typedef struct
{
  char *server;
  char *ca_file;
  char *station;
  char *clerk;
} Enroll;

static void
enroll_free (Enroll *e)
{
  g_free (e->server);
  g_free (e->ca_file);
  g_free (e->station);
  g_free (e->clerk);
  g_free (e);
}

static void
on_enroll_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  YcSync *self = g_task_get_source_object (task);
  Run *run = g_object_get_data (G_OBJECT (task), "run");
  Enroll *e = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) answer = NULL;
  GError *error = NULL;
  const char *token, *clerk_no, *station_name;
  JsonObject *o;

  if (!(bytes = _yc_sync_receive_finish (result, &error)) ||
      !(answer = _yc_sync_read_answer (self, run->msg, bytes, &error)))
    {
      g_clear_object (&self->session);
      _yc_sync_fail (task, error);
      return;
    }
  o = json_node_get_object (answer);
  token = yc_json_get_string (o, "token");
  clerk_no = yc_json_get_string (o, "clerk_no");
  station_name = (yc_json_get_string (o, "station_name") ?: "");
  if (token == NULL || clerk_no == NULL)
    {
      g_clear_object (&self->session);
      _yc_sync_fail (task, g_error_new (YC_SYNC_ERROR, YC_SYNC_ERROR_PROTOCOL,
                                        _("The central service’s enrollment answer lacks a token or a clerk number")));
      return;
    }
  if (!yc_case_store_set_meta (self->store, "server-url", e->server, &error) ||
      !yc_case_store_set_meta (self->store, "ca-file", e->ca_file, &error) ||
      !yc_case_store_set_meta (self->store, "station", e->station, &error) ||
      !yc_case_store_set_meta (self->store, "station-name", station_name, &error) ||
      !yc_case_store_set_meta (self->store, "clerk", e->clerk, &error) ||
      !yc_case_store_set_meta (self->store, "clerk-no", clerk_no, &error) ||
      !yc_case_store_set_meta (self->store, "token", token, &error) ||
      !yc_case_store_audit (self->store, "enrolled", NULL, e->server, &error))
    {
      _yc_sync_fail (task, error);
      return;
    }
  g_clear_object (&self->session);
  _yc_sync_set_status (self, TRUE, NULL);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/**
 * yc_sync_enroll_async:
 * @ca_file: the PEM file of the central service's certificate authority,
 *   handed to the station by its operator
 * @enroll_code: the one-time code the operator made for the station
 *
 * Enrolls this profile's clerk with the central service; the token it
 * answers with is kept in the profile and used for every request after.
 */
void
yc_sync_enroll_async (YcSync              *self,
                      const char          *server_url,
                      const char          *ca_file,
                      const char          *station,
                      const char          *enroll_code,
                      const char          *clerk,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Enroll *e;
  GError *error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *o;
  Run *run;

  g_return_if_fail (YC_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_sync_enroll_async);
  e = g_new0 (Enroll, 1);
  e->server = g_strdup (server_url);
  /* a trailing slash would make every path start with two */
  while (e->server[0] && g_str_has_suffix (e->server, "/"))
    e->server[strlen (e->server) - 1] = '\0';
  e->ca_file = g_canonicalize_filename (ca_file, NULL);
  e->station = g_strdup (station);
  e->clerk = g_strdup (clerk);
  g_task_set_task_data (task, e, (GDestroyNotify) enroll_free);
  run = g_new0 (Run, 1);
  g_object_set_data_full (G_OBJECT (task), "run", run, (GDestroyNotify) _yc_sync_run_free);

  if (!(database = g_tls_file_database_new (e->ca_file, &error)))
    {
      g_prefix_error (&error, _("Cannot read the certificate authority %s: "), e->ca_file);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_clear_object (&self->session);
  g_free (self->server);
  self->server = g_strdup (e->server);
  g_clear_pointer (&self->token, g_free);
  self->session = soup_session_new_with_options ("tls-database", database, "timeout", self->timeout, NULL);

  o = json_object_new ();
  json_object_set_string_member (o, "station", station);
  json_object_set_string_member (o, "code", enroll_code);
  json_object_set_string_member (o, "clerk", clerk);
  body = json_node_init_object (json_node_alloc (), o);
  json_object_unref (o);
  if (!(msg = _yc_sync_new_message (self, "POST", "/api/v1/enroll")))
    {
      g_task_return_new_error (task, YC_SYNC_ERROR, YC_SYNC_ERROR_UNREACHABLE,
                               _("“%s” is not an address of a central service"), server_url);
      g_object_unref (task);
      return;
    }
  _yc_sync_set_body (msg, body);
  g_set_object (&run->msg, msg);
  _yc_sync_receive_async (self, msg, cancellable, on_enroll_cb, task);
}

gboolean
yc_sync_enroll_finish (YcSync        *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (YC_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

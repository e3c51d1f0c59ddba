/* yc-central-storage.c: what the central service keeps, whatever keeps it
 *
 * The server and the command line talk to this interface only. SQLite
 * (YcCentralStore) is the embedded default; a deployment that outgrows one
 * machine brings another implementation (PostgreSQL, shared by several
 * service processes) and the service does not change. Nothing here knows
 * SQL: every operation is atomic on its own, and how an implementation
 * makes it so (a transaction, a row lock) is its business.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sys/random.h>

#include "yc-central-storage.h"

G_DEFINE_INTERFACE (YcCentralStorage, yc_central_storage, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-central-error-quark, yc_central_error)

static void
yc_central_storage_default_init (YcCentralStorageInterface *iface)
{
}

/* Tokens and enrollment codes are secrets: they come from the kernel's
 * generator, not from GRand. */
char *
yc_central_random_hex (guint bytes)
{
  guint8 buffer[64];
  GString *s = g_string_new (NULL);

  g_assert (bytes <= sizeof buffer);
  if (getrandom (buffer, bytes, 0) != (gssize) bytes)
    g_error ("getrandom: %s", g_strerror (errno));
  for (guint i = 0; i < bytes; i++)
    g_string_append_printf (s, "%02x", buffer[i]);
  return g_string_free (s, FALSE);
}

/* Only the hash of a token is kept: a copy of the database lets nobody in. */
char *
yc_central_hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

#define IFACE(self) YC_CENTRAL_STORAGE_GET_IFACE (self)

/**
 * yc_central_storage_add_enroll_code:
 *
 * Makes a one-time code with which one clerk of @station enrolls; the
 * station is created on first use.
 *
 * Returns: (transfer full): the code, to hand to the station
 */
char *
yc_central_storage_add_enroll_code (YcCentralStorage  *self,
                                    const char        *station,
                                    const char        *station_name,
                                    GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (station != NULL, NULL);

  return IFACE (self)->add_enroll_code (self, station, station_name, error);
}

/**
 * yc_central_storage_enroll:
 *
 * @made_after: (nullable): a code made before this has expired
 *
 * Uses up @code and gives the clerk a token (of which only the hash is
 * kept) and a number at the station. A code that is unknown, used or of
 * another station fails with %YC_CENTRAL_ERROR_ENROLL, one made before
 * @made_after with %YC_CENTRAL_ERROR_EXPIRED.
 */
gboolean
yc_central_storage_enroll (YcCentralStorage  *self,
                           const char        *station,
                           const char        *code,
                           GDateTime         *made_after,
                           const char        *clerk,
                           char             **token,
                           char             **clerk_no,
                           char             **station_name,
                           GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);

  return IFACE (self)->enroll (self, station, code, made_after, clerk, token, clerk_no, station_name, error);
}

/**
 * yc_central_storage_authenticate:
 *
 * Finds the station and clerk of a clerk's token; fails with
 * %YC_CENTRAL_ERROR_TOKEN for any other token.
 */
gboolean
yc_central_storage_authenticate (YcCentralStorage  *self,
                                 const char        *token,
                                 char             **station,
                                 char             **clerk,
                                 GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);

  if (token == NULL || token[0] == '\0')
    {
      g_set_error_literal (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_TOKEN, _("No token was given"));
      return FALSE;
    }
  return IFACE (self)->authenticate (self, token, station, clerk, error);
}

/**
 * yc_central_storage_add_department_token:
 *
 * Returns: (transfer full): a new token for the back office of
 *   @department, shown once: only its hash is kept
 */
char *
yc_central_storage_add_department_token (YcCentralStorage  *self,
                                         const char        *department,
                                         GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (department != NULL, NULL);

  return IFACE (self)->add_department_token (self, department, error);
}

/**
 * yc_central_storage_authenticate_department:
 *
 * Returns: (transfer full): the department a back-office token is for, or
 *   %NULL with %YC_CENTRAL_ERROR_TOKEN
 */
char *
yc_central_storage_authenticate_department (YcCentralStorage  *self,
                                            const char        *token,
                                            GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);

  if (token == NULL || token[0] == '\0')
    {
      g_set_error_literal (error, YC_CENTRAL_ERROR, YC_CENTRAL_ERROR_TOKEN, _("No token was given"));
      return NULL;
    }
  return IFACE (self)->authenticate_department (self, token, error);
}

/**
 * yc_central_storage_begin_batch:
 *
 * Makes the changes up to yc_central_storage_end_batch() durable
 * together: one write to the disk for a station's batch of events, not one
 * for each. Each operation inside stays atomic on its own, so one that
 * fails leaves the others of the batch in place.
 */
gboolean
yc_central_storage_begin_batch (YcCentralStorage  *self,
                                GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);

  return IFACE (self)->begin_batch (self, error);
}

/**
 * yc_central_storage_end_batch:
 *
 * Returns: %TRUE when the batch's changes are durable; otherwise none of
 *   them is
 */
gboolean
yc_central_storage_end_batch (YcCentralStorage  *self,
                              GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);

  return IFACE (self)->end_batch (self, error);
}

gboolean
yc_central_storage_has_event (YcCentralStorage *self,
                              const char       *uuid)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);

  return IFACE (self)->has_event (self, uuid);
}

/**
 * yc_central_storage_find_event:
 * @uuid: an event's UUID, lower-case as the service keeps them
 *
 * Returns: (transfer full) (nullable): the event kept under @uuid, as it
 *   came, or %NULL (with @error only for a failure of the storage)
 */
JsonObject *
yc_central_storage_find_event (YcCentralStorage  *self,
                               const char        *uuid,
                               GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return IFACE (self)->find_event (self, uuid, error);
}

/**
 * yc_central_storage_case_station:
 *
 * Returns: (transfer full) (nullable): the station a case (or sub-case)
 *   belongs to, the one whose intake made it, or %NULL for a case the
 *   service does not have
 */
char *
yc_central_storage_case_station (YcCentralStorage *self,
                                 const char       *case_id)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return IFACE (self)->case_station (self, case_id);
}

/**
 * yc_central_storage_has_clerk:
 *
 * Returns: whether a clerk enrolled at @station under @clerk_no
 */
gboolean
yc_central_storage_has_clerk (YcCentralStorage *self,
                              const char       *station,
                              const char       *clerk_no)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (station != NULL && clerk_no != NULL, FALSE);

  return IFACE (self)->has_clerk (self, station, clerk_no);
}

/**
 * yc_central_storage_take_intake:
 * @event: an intake event the caller has validated
 * @impl_code: the 实施编码 the official number starts with (a bundle's code
 *   for a bundle)
 * @members: (nullable): for a bundle, each member's code, name, impl_code
 *   and department: each becomes a sub-case with its own number
 * @state: where the case stands once taken: "registered", or "notified"
 *   and "refused" for what the window told or refused
 *
 * Registers the case, gives it its official number and puts a
 * `registered` event on the station's change feed, all at once. An event
 * already stored is reported as a duplicate and changes nothing. An intake
 * of a later "round" on a case this service has (the caller checked that
 * the case may be decided again) keeps the case's official number and
 * moves the case to @state.
 */
gboolean
yc_central_storage_take_intake (YcCentralStorage  *self,
                                JsonObject        *event,
                                const char        *impl_code,
                                const char        *department,
                                JsonArray         *members,
                                const char        *state,
                                YcStoreResult     *result,
                                GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  return IFACE (self)->take_intake (self, event, impl_code, department, members, state, result, error);
}

/**
 * yc_central_storage_add_event:
 *
 * @state: (nullable): the state the event brings the case to, or %NULL
 *
 * Appends an event other than an intake, made at a station, to a case
 * this service knows, and moves the case to @state, at once.
 */
gboolean
yc_central_storage_add_event (YcCentralStorage  *self,
                              JsonObject        *event,
                              const char        *state,
                              YcStoreResult     *result,
                              GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);

  return IFACE (self)->add_event (self, event, state, result, error);
}

/**
 * yc_central_storage_changes:
 * @after: the station's cursor
 * @cursor: (out): the cursor to ask from next time
 * @more: (out): whether another page waits
 *
 * Returns: (transfer full): the events made here (by the service or a
 *   back office) for @station's cases, oldest first
 */
JsonArray *
yc_central_storage_changes (YcCentralStorage  *self,
                            const char        *station,
                            gint64             after,
                            guint              limit,
                            gint64            *cursor,
                            gboolean          *more,
                            GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);

  return IFACE (self)->changes (self, station, after, limit, cursor, more, error);
}

/**
 * yc_central_storage_list_cases:
 * @department: (nullable): only this department's queue
 * @state: (nullable): only cases in this state
 * @limit: at most this many; 0 for all
 *
 * Returns: (transfer full): the cases, oldest first, from the @offset'th
 */
JsonArray *
yc_central_storage_list_cases (YcCentralStorage  *self,
                               const char        *department,
                               const char        *state,
                               guint              offset,
                               guint              limit,
                               GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);

  return IFACE (self)->list_cases (self, department, state, offset, limit, error);
}

/**
 * yc_central_storage_find_case:
 *
 * Returns: (transfer full): the case with the 办件编号 @official_no, or
 *   %NULL with %YC_CENTRAL_ERROR_NOT_FOUND
 */
JsonObject *
yc_central_storage_find_case (YcCentralStorage  *self,
                              const char        *official_no,
                              GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (official_no != NULL, NULL);

  return IFACE (self)->find_case (self, official_no, error);
}

/**
 * yc_central_storage_case_events:
 *
 * Returns: (transfer full): the log of the case @case_id, oldest first
 */
JsonArray *
yc_central_storage_case_events (YcCentralStorage  *self,
                                const char        *case_id,
                                GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);

  return IFACE (self)->case_events (self, case_id, error);
}

/**
 * yc_central_storage_set_case_state:
 * @event: the event that records the change; it goes on the change feed of
 *   the case's station
 *
 * Moves the case from @from_state to @to_state and logs @event, at once,
 * and only if the case is still in @from_state: two clerks of a department
 * acting at the same moment never both succeed. Which moves are allowed is
 * not the storage's business (see yc-back-office.c).
 *
 * Returns: %FALSE with %YC_CENTRAL_ERROR_CONFLICT if the case is no longer
 *   in @from_state
 */
gboolean
yc_central_storage_set_case_state (YcCentralStorage  *self,
                                   const char        *case_id,
                                   const char        *from_state,
                                   const char        *to_state,
                                   JsonObject        *event,
                                   GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && from_state != NULL && to_state != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  return IFACE (self)->set_case_state (self, case_id, from_state, to_state, event, error);
}

/**
 * yc_central_storage_find_token:
 *
 * Returns: (transfer full): the clerk a token was given to, {"station",
 *   "clerk", "clerk_no", "issued", "revoked", "reason"} (the last two
 *   null unless it was revoked), or NULL and YC_CENTRAL_ERROR_TOKEN for a
 *   token never given. Whether it is still good is the server's policy.
 */
JsonObject *
yc_central_storage_find_token (YcCentralStorage  *self,
                               const char        *token,
                               GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  return IFACE (self)->find_token (self, token, error);
}

/**
 * yc_central_storage_revoke:
 * @clerk_no: (nullable): one clerk of @station, or NULL for all of them
 *
 * Revokes the tokens of @station's clerks not revoked yet, with @reason,
 * which the station is told; recorded in the service's audit trail.
 *
 * Returns: how many tokens were revoked, -1 on error
 */
gint64
yc_central_storage_revoke (YcCentralStorage  *self,
                           const char        *station,
                           const char        *clerk_no,
                           const char        *reason,
                           GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), -1);
  g_return_val_if_fail (station != NULL && reason != NULL, -1);

  return IFACE (self)->revoke (self, station, clerk_no, reason, error);
}

/**
 * yc_central_storage_audit:
 *
 * Appends an entry to the service's own hash-chained audit trail
 * (yc-audit.c), in the operation under way when there is one.
 */
gboolean
yc_central_storage_audit (YcCentralStorage  *self,
                          const char        *actor,
                          const char        *station,
                          const char        *action,
                          const char        *case_id,
                          const char        *detail,
                          GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  return IFACE (self)->audit (self, actor, station, action, case_id, detail, error);
}

/**
 * yc_central_storage_verify_audit:
 *
 * Walks the service's audit chain, as `yichuang audit verify` walks a
 * station's.
 */
gboolean
yc_central_storage_verify_audit (YcCentralStorage  *self,
                                 guint64           *n_entries,
                                 char             **head,
                                 GError           **error)
{
  g_return_val_if_fail (YC_IS_CENTRAL_STORAGE (self), FALSE);

  return IFACE (self)->verify_audit (self, n_entries, head, error);
}

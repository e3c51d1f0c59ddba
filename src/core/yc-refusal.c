/* yc-refusal.c: why the central service refused something, in the clerk's words
 *
 * One table from each stable refusal code to the words a clerk reads,
 * translated at the station. The service sends the code, the field and an
 * English (or Accept-Language) text; the station shows its own words for
 * a code it knows and the service's text for one it does not, so a newer
 * service never leaves the clerk with nothing to read.
 *
 * Rows are only appended (the codes are a protocol: docs/sync-protocol.md
 * names each one, and a code never changes its meaning).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "yc-refusal.h"

typedef struct
{
  const char *code;
  const char *text;
} YcRefusalRow;

static const YcRefusalRow refusals[] = {
  /* the request */
  { "events-missing",           N_("The request to the central service held no list of events") },
  { "batch-too-large",          N_("Too many events were sent at once; they will be sent again in smaller batches") },
  /* the event's envelope */
  { "event-not-object",         N_("The event is not a JSON object") },
  { "event-member-missing",     N_("The event lacks a member it must have") },
  { "uuid-invalid",             N_("The event’s identifier is not a UUID") },
  { "uuid-conflict",            N_("Another event with the same identifier but a different content is already at the central service; the first one is kept") },
  { "data-missing",             N_("The event lacks its data") },
  { "text-holds-nul",           N_("A text holds a NUL character, which no text may hold") },
  { "type-unknown",             N_("The central service knows no event of this type") },
  { "type-back-office-only",    N_("Only a department may record this step, through its back office; a station may not") },
  { "station-not-token-station", N_("The event names another station than the one this computer is enrolled as") },
  { "actor-not-token-clerk",    N_("The event names another clerk than the one this computer is enrolled for") },
  { "at-malformed",             N_("The event’s time is not a date and time with its offset from UTC") },
  { "at-too-old",               N_("The event’s time is further in the past than the central service accepts; check this computer’s clock") },
  { "at-in-future",             N_("The event’s time is in the future of the central service’s clock; check this computer’s clock") },
  /* the case it is on */
  { "case-number-malformed",    N_("The case number is not of the form station-clerk-day-sequence") },
  { "case-of-another-station",  N_("The case belongs to another station") },
  { "clerk-not-enrolled",       N_("The case number names a clerk number never enrolled at this station") },
  { "case-unknown",             N_("The central service has no such case") },
  { "case-already-taken",       N_("The central service already holds a case under this number") },
  { "step-not-allowed",         N_("This step is not allowed where the case stands") },
  /* the intake, recomputed by the service */
  { "form-missing",             N_("The intake holds no form") },
  { "form-version-unknown",     N_("The intake was filled in under a catalog version the central service never published") },
  { "item-unknown",             N_("The intake names a matter the catalog does not hold") },
  { "form-invalid",             N_("The intake’s form cannot be read") },
  { "field-unknown",            N_("The intake holds a field its form does not have") },
  { "field-hidden",             N_("The intake holds a value for a field its answers hide") },
  { "field-required",           N_("A required field is empty") },
  { "field-invalid",            N_("A field’s value does not pass its check") },
  { "field-wrong-type",         N_("A field’s value is not of the field’s type") },
  { "calculated-mismatch",      N_("A calculated field’s value contradicts what the form calculates from the other fields") },
  { "answer-not-an-option",     N_("An answer is not one of its question’s options") },
  { "question-unknown",         N_("The intake answers a question its matter does not ask") },
  { "materials-mismatch",       N_("The materials checklist is not the one the answers call for") },
  { "attachment-missing",       N_("A scan the intake names has not reached the central service whole") },
  { "decision-unknown",         N_("The intake holds no decision the central service knows") },
  { "decision-not-allowed",     N_("The decision is not allowed for this case as filled in") },
  { "dates-mismatch",           N_("The dates the applicant was told are not the ones the working-day calendar gives") },
  { "helper-invalid",           N_("The helper (代办人) of the intake is not valid") },
  { "question-unanswered",      N_("A question of the matter is not answered") },
  { "situation-mismatch",       N_("The situation the intake names is not the one its answers give") },
  /* the request, refused from its headers (docs/sync-protocol.md, "Limits") */
  { "body-too-large",           N_("The request was larger than the central service takes for it") },
  { "token-missing",            N_("The request to the central service carried no clerk’s token; enroll this station") },
  { "token-unknown",            N_("The central service does not know this station’s token; enroll the station again") },
  { "token-not-station",        N_("The token is a department’s; a station needs a clerk’s token") },
  { "token-not-department",     N_("A station’s token cannot use the back office") },
  { "method-not-allowed",       N_("The central service takes no such request there") },
  { "request-not-json",         N_("The request to the central service was not JSON") },
  { "request-not-object",       N_("The request to the central service was not a JSON object") },
  { "member-missing",           N_("The request to the central service lacks a member it must have") },
  /* enrollment's refusals have no row: the service's words, in the
   * station's language, name the station and how long to wait */
  /* scans */
  { "attachment-name-invalid",  N_("A scan is named by its SHA-256, 64 lowercase hexadecimal digits") },
  { "attachments-not-kept",     N_("The central service keeps no scans") },
  { "content-range-missing",    N_("A chunk of a scan was sent without a valid Content-Range") },
  { "content-range-overflow",   N_("A number of the chunk’s Content-Range is larger than any scan can be") },
  { "chunk-length-mismatch",    N_("A chunk of a scan was not as long as its Content-Range says") },
  { "upload-offset-mismatch",   N_("A chunk of a scan did not start where the central service is; it resumes there") },
  { "chunk-out-of-range",       N_("A chunk of a scan does not fit in the scan’s size") },
  { "attachment-too-large",     N_("The scan is larger than the central service takes") },
  { "attachment-mismatch",      N_("The bytes the central service received are not the scan they are named after; it threw them away") },
  /* the service itself */
  { "service-failed",           N_("The central service failed; what was sent is kept and will be sent again") },
  { "service-unavailable",      N_("The central service cannot take it now; what was sent is kept and will be sent again") },
  /* the token's lifetime, and the operator's revocation */
  { "token-revoked",            N_("The central service revoked this clerk’s token; synchronization has stopped until the station is enrolled again") },
  { "token-expired",            N_("This clerk’s token has expired at the central service; synchronization has stopped until the station is enrolled again") },
};

/**
 * yc_refusal_is_known:
 *
 * Returns: whether this station has words of its own for @refusal
 */
gboolean
yc_refusal_is_known (const char *refusal)
{
  if (refusal == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (refusals); i++)
    if (strcmp (refusals[i].code, refusal) == 0)
      return TRUE;
  return FALSE;
}

/**
 * yc_refusal_describe:
 * @refusal: (nullable): the service's stable code
 * @field: (nullable): the field (or member) it concerns
 * @fallback: (nullable): the service's own text, shown for a code this
 *   station does not know
 *
 * Returns: (transfer full): the clerk's words for the refusal, translated,
 *   naming the field when there is one
 */
char *
yc_refusal_describe (const char *refusal,
                     const char *field,
                     const char *fallback)
{
  const char *text = NULL;

  for (gsize i = 0; refusal != NULL && i < G_N_ELEMENTS (refusals); i++)
    if (strcmp (refusals[i].code, refusal) == 0)
      {
        text = _(refusals[i].text);
        break;
      }
  if (text == NULL)
    {
      if (fallback != NULL && fallback[0] != '\0')
        return g_strdup (fallback);
      text = _("The central service refused it");
    }
  if (field == NULL || field[0] == '\0')
    return g_strdup (text);
  /* TRANSLATORS: a refusal of the central service, then the field it concerns */
  return g_strdup_printf (_("%s (field “%s”)"), text, field);
}

/**
 * yc_refusal_get_language:
 *
 * The language the program's own texts are in just now, as a language tag
 * ("zh-CN"; "en", the program's own, when no translation is in use): the
 * `Language` of the translation gettext uses (its header is the
 * translation of ""), in the calling thread's locale. The central service
 * says with each refusal which language its reason is in, and a station
 * whose clerk reads another words the refusal itself.
 *
 * Returns: (transfer full): a language tag
 */
char *
yc_refusal_get_language (void)
{
  /* the header is the translation of "", which xgettext is not to see */
  static const char *const empty = "";
  const char *header = dgettext (GETTEXT_PACKAGE, empty);
  const char *line = header[0] != '\0' ? strstr (header, "Language: ") : NULL;
  g_autofree char *tag = NULL;
  gsize length;

  if (line == NULL)
    return g_strdup ("en");
  line += strlen ("Language: ");
  length = strcspn (line, "\n");
  if (length == 0 || length > 16)
    return g_strdup ("en");
  tag = g_strndup (line, length);
  g_strdelimit (tag, "_", '-');
  return g_steal_pointer (&tag);
}

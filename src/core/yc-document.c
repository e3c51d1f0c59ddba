/* yc-document.c: the papers a decision gives the citizen and the office keeps
 *
 * Every decision at the window ends with a document: the receipt, the
 * notices, the commitments, the handover list. Which ones a case prints is
 * decided here from its last decision (yc_document_kinds_for_case), once,
 * for the window, the command line and the central service's check of a
 * "document-issued" event. A YcDocument is what one of them says (its
 * content, built by yc-document-content.c) and the signatures on it; the
 * layout and the PDF are yc-document-layout.c's. Issuing keeps the PDF
 * with the case like a scan and logs its SHA-256 with the content, so a
 * reprint says exactly what the first print said, marked as a copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "yc-attachments.h"
#include "yc-document-private.h"
#include "yc-event.h"

G_DEFINE_FINAL_TYPE (YcDocument, yc_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (yc-document-error-quark, yc_document_error)

/* in YcDocumentKind's order */
static const struct
{
  const char *id;
  const char *title;
} kinds[] = {
  { "receipt", N_("Acceptance receipt (受理通知书)") },
  { "notice-rongque", N_("Notice of acceptance with materials pending (容缺受理通知书)") },
  { "rongque-commitment", N_("Commitment to supply pending materials (容缺受理承诺书)") },
  { "commitment", N_("Commitment in place of proof (告知承诺书)") },
  { "notice-once", N_("One-time notice of everything to supplement (一次性告知书)") },
  { "notice-reject", N_("Notice of non-acceptance (不予受理告知书)") },
  { "handover", N_("Material handover list (材料交接单)") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == YC_DOCUMENT_N_KINDS);

static const struct
{
  const char *role;
  const char *label;
} roles[] = {
  { "applicant", N_("applicant") },
  { "helper", N_("helper") },
};

const char *
yc_document_kind_to_string (YcDocumentKind kind)
{
  g_return_val_if_fail (kind < YC_DOCUMENT_N_KINDS, NULL);
  return kinds[kind].id;
}

gboolean
yc_document_kind_from_string (const char     *text,
                              YcDocumentKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (text, kinds[i].id))
      {
        if (kind != NULL)
          *kind = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * yc_document_kind_names:
 *
 * Returns: (transfer none): the kinds as the catalog names them, in
 *   YcDocumentKind's order, NULL-terminated
 */
const char * const *
yc_document_kind_names (void)
{
  static const char *names[G_N_ELEMENTS (kinds) + 1];
  static gsize made;

  if (g_once_init_enter (&made))
    {
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        names[i] = kinds[i].id;
      g_once_init_leave (&made, 1);
    }
  return names;
}

/**
 * yc_document_kind_get_title:
 *
 * Returns: (transfer none): the document's title, translated
 */
const char *
yc_document_kind_get_title (YcDocumentKind kind)
{
  g_return_val_if_fail (kind < YC_DOCUMENT_N_KINDS, NULL);
  return _(kinds[kind].title);
}

/**
 * yc_document_signer_label:
 *
 * Returns: (transfer none): who signs, translated
 */
const char *
yc_document_signer_label (const char *role)
{
  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (role, roles[i].role))
      return _(roles[i].label);
  return role;
}

static gboolean
has_commitment (JsonObject *intake)
{
  JsonArray *materials = yc_json_get_array (intake, "materials");

  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonNode *node = json_array_get_element (materials, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (yc_json_get_string (json_node_get_object (node), "status"), "received") == 0 &&
          g_strcmp0 (yc_json_get_string (json_node_get_object (node), "form"), "commitment") == 0)
        return TRUE;
    }
  return FALSE;
}

/* an item without `documents` prints what its decision calls for */
static gboolean
catalog_prints (YcCatalog      *catalog,
                const char     *code,
                YcDocumentKind  kind)
{
  JsonObject *entry = catalog && code ? yc_catalog_lookup (catalog, code) : NULL;
  JsonArray *documents = yc_json_get_array (entry, "documents");

  if (documents == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (documents); i++)
    if (g_strcmp0 (yc_json_get_string_element (documents, i), yc_document_kind_to_string (kind)) == 0)
      return TRUE;
  return FALSE;
}

/**
 * yc_document_kinds_for_case:
 * @catalog: (nullable): the catalog, whose item's `documents` says which
 *   of them the office prints; every one the decision calls for when
 *   %NULL (as the central service checks an issued document)
 *
 * 受理 prints the receipt, 容缺受理 the receipt, the notice and the
 * applicant's commitment, 一次性告知 its notice, 不予受理 its notice; a
 * material received as a commitment (告知承诺) adds the 告知承诺书, a
 * helper case (帮办代办) the handover list.
 *
 * Returns: (transfer full) (element-type guint): the kinds the case's last
 *   decision prints, in the order they are handed over
 */
GArray *
yc_document_kinds_for_case (YcCaseLog *log,
                            YcCatalog *catalog)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonObject *intake;
  const char *decision;
  const char *code;
  gboolean wanted[YC_DOCUMENT_N_KINDS] = { FALSE, };

  g_return_val_if_fail (YC_IS_CASE_LOG (log), out);

  intake = yc_case_log_get_intake (log);
  decision = yc_case_log_get_decision (log);
  code = yc_json_get_string (yc_case_log_get_form (log), "code");
  if (g_strcmp0 (decision, "accept") == 0)
    wanted[YC_DOCUMENT_RECEIPT] = TRUE;
  else if (g_strcmp0 (decision, "rongque") == 0)
    wanted[YC_DOCUMENT_RECEIPT] = wanted[YC_DOCUMENT_NOTICE_RONGQUE] = wanted[YC_DOCUMENT_RONGQUE_COMMITMENT] = TRUE;
  else if (g_strcmp0 (decision, "notify") == 0)
    wanted[YC_DOCUMENT_NOTICE_ONCE] = TRUE;
  else if (g_strcmp0 (decision, "reject") == 0)
    wanted[YC_DOCUMENT_NOTICE_REJECT] = TRUE;
  if ((wanted[YC_DOCUMENT_RECEIPT]) && has_commitment (intake))
    wanted[YC_DOCUMENT_COMMITMENT] = TRUE;
  if (decision != NULL && yc_json_get_object (intake, "helper") != NULL)
    wanted[YC_DOCUMENT_HANDOVER] = TRUE;
  for (guint kind = 0; kind < YC_DOCUMENT_N_KINDS; kind++)
    if (wanted[kind] && catalog_prints (catalog, code, kind))
      g_array_append_val (out, kind);
  return out;
}

static gboolean
prints (GArray         *kinds_now,
        YcDocumentKind  kind)
{
  for (guint i = 0; i < kinds_now->len; i++)
    if (g_array_index (kinds_now, guint, i) == kind)
      return TRUE;
  return FALSE;
}

static char *
describe_kinds (GArray *kinds_now)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < kinds_now->len; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "", kinds[g_array_index (kinds_now, guint, i)].id);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The document of @kind issued since the case's last decision, if any:
 * a case decided again is told anew, on new papers. */
static JsonObject *
find_issued (GPtrArray      *events,
             YcDocumentKind  kind)
{
  for (guint i = events->len; i > 0; i--)
    {
      JsonObject *event = g_ptr_array_index (events, i - 1);
      const char *type = yc_json_get_string (event, "type");
      JsonObject *data = yc_json_get_object (event, "data");

      if (g_strcmp0 (type, YC_EVENT_INTAKE) == 0)
        return NULL;
      if (g_strcmp0 (type, YC_EVENT_DOCUMENT) == 0 &&
          g_strcmp0 (yc_json_get_string (data, "kind"), yc_document_kind_to_string (kind)) == 0 &&
          yc_json_get_object (data, "content") != NULL)
        return data;
    }
  return NULL;
}

static cairo_status_t
read_seal (void          *closure,
           unsigned char *data,
           unsigned int   length)
{
  GInputStream *in = closure;

  return g_input_stream_read_all (in, data, length, NULL, NULL, NULL) ? CAIRO_STATUS_SUCCESS
                                                                     : CAIRO_STATUS_READ_ERROR;
}

/**
 * yc_document_decode_seal:
 * @seal: an office's electronic seal, base64
 *
 * The loader's check of catalog.json's seal and the documents' reading of
 * it are this one function.
 *
 * Returns: (transfer full) (nullable): the PNG image's bytes, or NULL
 *   when @seal is not a PNG image cairo can draw
 */
GBytes *
yc_document_decode_seal (const char *seal)
{
  gsize length = 0;
  g_autofree guchar *data = NULL;
  g_autoptr(GInputStream) in = NULL;
  cairo_surface_t *surface;
  gboolean ok;

  g_return_val_if_fail (seal != NULL, NULL);

  data = g_base64_decode (seal, &length);
  if (length == 0)
    return NULL;
  in = g_memory_input_stream_new_from_data (data, length, NULL);
  surface = cairo_image_surface_create_from_png_stream (read_seal, in);
  ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy (surface);
  return ok ? g_bytes_new_take (g_steal_pointer (&data), length) : NULL;
}

GBytes *
_yc_document_decode_seal (JsonObject  *office,
                          GError     **error)
{
  const char *seal = yc_json_get_string (office, "seal");
  GBytes *image;

  if (seal == NULL)
    return NULL;
  if (!(image = yc_document_decode_seal (seal)))
    g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INVALID,
                 _("catalog.json: $.office.seal: the seal must be a PNG image in base64"));
  return image;
}

static YcDocument *
document_new (YcDocumentKind  kind,
              const char     *case_id,
              const char     *official_no,
              JsonObject     *content)
{
  YcDocument *self = g_object_new (YC_TYPE_DOCUMENT, NULL);

  self->kind = kind;
  self->case_id = g_strdup (case_id);
  self->official_no = g_strdup (official_no);
  self->content = content;
  return self;
}

static YcDocument *
from_issued (const char      *case_id,
             YcDocumentKind   kind,
             GPtrArray       *events,
             JsonObject      *issued,
             GBytes          *seal)
{
  g_autoptr(YcCaseLog) log = yc_case_log_new (events);
  JsonObject *signatures = yc_json_get_object (issued, "signatures");
  YcDocument *self;

  self = document_new (kind, case_id, yc_case_log_get_official_no (log),
                       json_object_ref (yc_json_get_object (issued, "content")));
  self->copy = TRUE;
  if (signatures != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), signatures);
      g_autoptr(JsonNode) copy = json_node_copy (node);

      g_clear_pointer (&self->signatures, json_object_unref);
      self->signatures = json_object_ref (json_node_get_object (copy));
    }
  self->seal = seal ? g_bytes_ref (seal) : NULL;
  return self;
}

/* the office's seal as the station's catalog has it now: a reprint is
 * stamped anew */
static GBytes *
kept_seal (YcCaseStore *store)
{
  g_autoptr(GBytes) document = yc_case_store_load_catalog (store, NULL, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  g_autoptr(YcCatalog) catalog = NULL;

  if (document == NULL || !(catalog = yc_catalog_load_document (document, "catalog", problems, NULL)))
    return NULL;
  return _yc_document_decode_seal (yc_catalog_get_office (catalog), NULL);
}

/* The catalog version the case was taken under, as its draft recorded it
 * (YcCaseDraft, `case new`) and the station kept it: its template says
 * what a 告知承诺书 commits to. @catalog when the case names none, or
 * names one the station no longer has. */
static YcCatalog *
taken_under (YcCaseStore *store,
             const char  *case_id,
             YcCatalog   *catalog)
{
  g_autoptr(JsonObject) draft = yc_case_store_load_draft (store, case_id, NULL);
  const char *version = yc_json_get_string (draft, "catalog_version");
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  YcCatalog *kept;

  if (version == NULL || g_strcmp0 (version, yc_catalog_get_version (catalog)) == 0 ||
      !(document = yc_case_store_load_catalog_version (store, version)))
    return g_object_ref (catalog);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_catalog_problem_free);
  kept = yc_catalog_load_document (document, version, problems, NULL);
  return kept ? kept : g_object_ref (catalog);
}

/**
 * yc_document_new_for_case:
 * @catalog: the station's catalog: its items' `documents` and the
 *   office's data; the case's form is rebuilt over the version the case
 *   was taken under, when the station keeps it, and over @catalog when not
 * @calendar: (nullable): the working-day calendar (the dates themselves
 *   were counted at submit and are read from the intake)
 *
 * Builds what @kind says for the case now. A kind already issued since
 * the case's last decision comes back as its reprint
 * (yc_document_new_from_issued()): the same content, marked as a copy.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with
 *   %YC_DOCUMENT_ERROR_NOT_PRINTED when the case's decision does not
 *   print @kind
 */
YcDocument *
yc_document_new_for_case (YcCaseStore     *store,
                          const char      *case_id,
                          YcDocumentKind   kind,
                          YcCatalog       *catalog,
                          YcCalendar      *calendar,
                          GError         **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(YcCaseLog) log = NULL;
  g_autoptr(YcCase) c = NULL;
  g_autoptr(GArray) now = NULL;
  g_autoptr(YcCatalog) template = NULL;
  g_autoptr(YcForm) form = NULL;
  g_autoptr(GBytes) seal = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *office;
  JsonObject *issued;
  JsonObject *content;
  YcDocument *self;
  GDate today;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (kind < YC_DOCUMENT_N_KINDS, NULL);
  g_return_val_if_fail (YC_IS_CATALOG (catalog), NULL);

  if (!(c = yc_case_store_get_case (store, case_id, error)) ||
      !(events = yc_case_store_get_events (store, case_id, error)))
    return NULL;
  log = yc_case_log_new (events);
  now = yc_document_kinds_for_case (log, catalog);
  if (!prints (now, kind))
    {
      g_autofree char *list = describe_kinds (now);

      if (yc_case_log_get_decision (log) == NULL)
        g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_PRINTED,
                     _("Case %s has no decision yet: it prints no document"), case_id);
      else
        g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_PRINTED,
                     _("Case %s does not print “%s”: its decision (%s) prints %s"), case_id,
                     kinds[kind].id, yc_case_log_get_decision (log), list[0] ? list : C_("documents a case prints", "nothing"));
      return NULL;
    }

  office = yc_catalog_get_office (catalog);
  if (yc_json_get_string (office, "name") == NULL)
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_INVALID,
                   _("catalog.json: $.office.name: the catalog names no office, and every document must carry "
                     "the office’s name"));
      return NULL;
    }
  seal = _yc_document_decode_seal (office, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if ((issued = find_issued (events, kind)) != NULL)
    return from_issued (case_id, kind, events, issued, seal);

  template = taken_under (store, case_id, catalog);
  if (!(form = yc_form_new_from_saved (template, yc_case_log_get_form (log), error)))
    return NULL;
  yc_today (&today);
  if (!(content = _yc_document_build_content (kind, case_id, c, yc_case_log_get_intake (log), form, office,
                                              &today, error)))
    return NULL;
  self = document_new (kind, case_id, yc_case_log_get_official_no (log), content);
  self->seal = g_steal_pointer (&seal);
  return self;
}

/**
 * yc_document_new_from_issued:
 *
 * The reprint of the last @kind issued since the case's last decision:
 * the content and signatures it was issued with, marked as a copy (副本),
 * carrying the official number too once the case has it.
 *
 * Returns: (transfer full) (nullable): the reprint, or %NULL with
 *   %YC_DOCUMENT_ERROR_NOT_ISSUED
 */
YcDocument *
yc_document_new_from_issued (YcCaseStore     *store,
                             const char      *case_id,
                             YcDocumentKind   kind,
                             GError         **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GBytes) seal = NULL;
  JsonObject *issued;

  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (kind < YC_DOCUMENT_N_KINDS, NULL);

  if (!(events = yc_case_store_get_events (store, case_id, error)))
    return NULL;
  if (!(issued = find_issued (events, kind)))
    {
      g_set_error (error, YC_DOCUMENT_ERROR, YC_DOCUMENT_ERROR_NOT_ISSUED,
                   _("Case %s has no “%s” issued since its decision: there is nothing to reprint"), case_id,
                   kinds[kind].id);
      return NULL;
    }
  seal = kept_seal (store);
  return from_issued (case_id, kind, events, issued, seal);
}

YcDocumentKind
yc_document_get_kind (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), YC_DOCUMENT_RECEIPT);
  return self->kind;
}

const char *
yc_document_get_case_id (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  return self->case_id;
}

/**
 * yc_document_get_official_no:
 *
 * Returns: (nullable): the 办件编号, once the central service gave it
 */
const char *
yc_document_get_official_no (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  return self->official_no;
}

/**
 * yc_document_get_case_number:
 *
 * Returns: what the QR code holds: the official number once known, the
 *   local number before (offline)
 */
const char *
yc_document_get_case_number (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  return self->official_no ? self->official_no : self->case_id;
}

gboolean
yc_document_is_copy (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), FALSE);
  return self->copy;
}

/**
 * yc_document_get_content:
 *
 * Returns: (transfer none): what the document says, as its issue keeps it
 */
JsonObject *
yc_document_get_content (YcDocument *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  return self->content;
}

/**
 * yc_document_get_signers:
 *
 * Returns: (transfer full) (element-type utf8): the roles that sign it:
 *   "applicant", and "helper" on a handover list
 */
GPtrArray *
yc_document_get_signers (YcDocument *self)
{
  GPtrArray *signers = g_ptr_array_new ();

  g_return_val_if_fail (YC_IS_DOCUMENT (self), signers);

  switch (self->kind)
    {
    case YC_DOCUMENT_RECEIPT:
      break;
    case YC_DOCUMENT_HANDOVER:
      g_ptr_array_add (signers, (gpointer) "applicant");
      g_ptr_array_add (signers, (gpointer) "helper");
      break;
    case YC_DOCUMENT_NOTICE_RONGQUE:
    case YC_DOCUMENT_RONGQUE_COMMITMENT:
    case YC_DOCUMENT_COMMITMENT:
    case YC_DOCUMENT_NOTICE_ONCE:
    case YC_DOCUMENT_NOTICE_REJECT:
    default:
      g_ptr_array_add (signers, (gpointer) "applicant");
      break;
    }
  return signers;
}

/**
 * yc_document_set_signature:
 * @role: one of yc_document_get_signers()
 * @strokes: (nullable): the strokes, each a list of [x, y] or
 *   [x, y, pressure] points, x and y from 0 to 1 in the signature box;
 *   %NULL clears it
 */
void
yc_document_set_signature (YcDocument *self,
                           const char *role,
                           JsonArray  *strokes)
{
  g_return_if_fail (YC_IS_DOCUMENT (self));
  g_return_if_fail (role != NULL);

  if (strokes == NULL)
    json_object_remove_member (self->signatures, role);
  else
    json_object_set_array_member (self->signatures, role, json_array_ref (strokes));
}

/**
 * yc_document_get_signature:
 *
 * Returns: (transfer none) (nullable): the strokes @role signed with
 */
JsonArray *
yc_document_get_signature (YcDocument *self,
                           const char *role)
{
  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  return yc_json_get_array (self->signatures, role);
}

/**
 * yc_document_issue:
 * @actor: (nullable): the clerk; the profile's when %NULL
 * @station: (nullable): the station; the profile's when %NULL
 * @pdf: the document as yc_document_render_pdf() wrote it
 *
 * Keeps @pdf with the case as the scans are kept (by its SHA-256, sent to
 * the central service with the case) and logs a "document-issued" event
 * holding its kind, SHA-256, content and signatures. Issuing a kind the
 * case has issued already since its decision logs a reprint (copy): make
 * one with yc_document_new_from_issued(), so that its PDF says so.
 *
 * Returns: (transfer full) (nullable): the PDF's SHA-256
 */
char *
yc_document_issue (YcDocument   *self,
                   YcCaseStore  *store,
                   const char   *actor,
                   const char   *station,
                   GBytes       *pdf,
                   GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *field = NULL;
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GPtrArray) events = NULL;
  gboolean copy;

  g_return_val_if_fail (YC_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (YC_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (pdf != NULL, NULL);

  if (!(events = yc_case_store_get_events (store, self->case_id, error)))
    return NULL;
  copy = self->copy || find_issued (events, self->kind) != NULL;
  name = g_strdup_printf ("%s-%s%s.pdf", self->case_id, kinds[self->kind].id, copy ? "-copy" : "");
  if (!(sha256 = yc_attachments_add_bytes (store, pdf, name, "application/pdf", error)))
    return NULL;
  /* one slot a PDF, so that each print is uploaded and none replaces another */
  field = g_strconcat ("document:", sha256, NULL);
  if (!yc_attachments_use (store, sha256, self->case_id, field, NULL, error))
    return NULL;

  json_object_set_string_member (data, "kind", kinds[self->kind].id);
  json_object_set_string_member (data, "sha256", sha256);
  json_object_set_boolean_member (data, "copy", copy);
  if (self->official_no)
    json_object_set_string_member (data, "official_no_shown", self->official_no);
  json_object_set_object_member (data, "content", json_object_ref (self->content));
  json_object_set_object_member (data, "signatures", json_object_ref (self->signatures));
  if (!yc_case_store_add_step (store, self->case_id, YC_EVENT_DOCUMENT, actor, station, data, NULL, error))
    {
      yc_attachments_release (store, self->case_id, field, NULL);
      return NULL;
    }
  return g_steal_pointer (&sha256);
}

static void
yc_document_finalize (GObject *object)
{
  YcDocument *self = (YcDocument *)object;

  g_free (self->case_id);
  g_free (self->official_no);
  g_clear_pointer (&self->content, json_object_unref);
  g_clear_pointer (&self->signatures, json_object_unref);
  g_clear_pointer (&self->seal, g_bytes_unref);

  G_OBJECT_CLASS (yc_document_parent_class)->finalize (object);
}

static void
yc_document_class_init (YcDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_document_finalize;
}

static void
yc_document_init (YcDocument *self)
{
  self->signatures = json_object_new ();
}

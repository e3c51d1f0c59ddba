/* yc-document.h: the papers a decision gives the citizen and the office keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <pango/pango.h>

#include "yc-calendar.h"
#include "yc-case-log.h"
#include "yc-case-store.h"
#include "yc-catalog.h"

G_BEGIN_DECLS

#define YC_DOCUMENT_ERROR (yc_document_error_quark ())

typedef enum
{
  YC_DOCUMENT_ERROR_NOT_PRINTED,  /* the case's decision prints no such document */
  YC_DOCUMENT_ERROR_NOT_ISSUED,   /* a reprint of a document never issued */
  YC_DOCUMENT_ERROR_INVALID,      /* the case, the office data or the kept content is wrong */
  YC_DOCUMENT_ERROR_RENDER,       /* cairo could not write the pages */
} YcDocumentError;

typedef enum
{
  YC_DOCUMENT_RECEIPT,             /* "receipt"             受理回执（受理通知书） */
  YC_DOCUMENT_NOTICE_RONGQUE,      /* "notice-rongque"      容缺受理通知书 (two copies: 申请人联, 存档联) */
  YC_DOCUMENT_RONGQUE_COMMITMENT,  /* "rongque-commitment"  容缺受理承诺书 */
  YC_DOCUMENT_COMMITMENT,          /* "commitment"          告知承诺书 */
  YC_DOCUMENT_NOTICE_ONCE,         /* "notice-once"         一次性告知书 */
  YC_DOCUMENT_NOTICE_REJECT,       /* "notice-reject"       不予受理告知书 */
  YC_DOCUMENT_HANDOVER,            /* "handover"            材料交接单 */
} YcDocumentKind;

#define YC_DOCUMENT_N_KINDS (YC_DOCUMENT_HANDOVER + 1)

GQuark         yc_document_error_quark      (void);
const char    *yc_document_kind_to_string   (YcDocumentKind  kind);
const char * const *yc_document_kind_names (void);
GBytes        *yc_document_decode_seal      (const char     *seal);
gboolean       yc_document_kind_from_string (const char     *text,
                                             YcDocumentKind *kind);
const char    *yc_document_kind_get_title   (YcDocumentKind  kind);

GArray        *yc_document_kinds_for_case   (YcCaseLog      *log,
                                             YcCatalog      *catalog);

#define YC_TYPE_DOCUMENT (yc_document_get_type ())
G_DECLARE_FINAL_TYPE (YcDocument, yc_document, YC, DOCUMENT, GObject)

YcDocument    *yc_document_new_for_case     (YcCaseStore    *store,
                                             const char     *case_id,
                                             YcDocumentKind  kind,
                                             YcCatalog      *catalog,
                                             YcCalendar     *calendar,
                                             GError        **error);
YcDocument    *yc_document_new_from_issued  (YcCaseStore    *store,
                                             const char     *case_id,
                                             YcDocumentKind  kind,
                                             GError        **error);
YcDocumentKind yc_document_get_kind         (YcDocument     *self);
const char    *yc_document_get_case_id      (YcDocument     *self);
const char    *yc_document_get_official_no  (YcDocument     *self);
const char    *yc_document_get_case_number  (YcDocument     *self);
gboolean       yc_document_is_copy          (YcDocument     *self);
JsonObject    *yc_document_get_content      (YcDocument     *self);
void           yc_document_set_signature    (YcDocument     *self,
                                             const char     *role,
                                             JsonArray      *strokes);
JsonArray     *yc_document_get_signature    (YcDocument     *self,
                                             const char     *role);
GPtrArray     *yc_document_get_signers      (YcDocument     *self);
const char    *yc_document_signer_label     (const char     *role);

typedef struct _YcDocumentLayout YcDocumentLayout;

YcDocumentLayout *yc_document_layout_new    (YcDocument       *doc,
                                             double            page_width_pt,
                                             double            page_height_pt,
                                             PangoContext     *context);
guint          yc_document_layout_get_n_pages (YcDocumentLayout *layout);
void           yc_document_layout_draw_page (YcDocumentLayout *layout,
                                             cairo_t          *cr,
                                             guint             page);
void           yc_document_layout_free      (YcDocumentLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcDocumentLayout, yc_document_layout_free)

/* A4, in points */
#define YC_DOCUMENT_A4_WIDTH  595.2756
#define YC_DOCUMENT_A4_HEIGHT 841.8898

GBytes        *yc_document_render_pdf       (YcDocument          *self,
                                             GError             **error);
void           yc_document_render_pdf_async (YcDocument          *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GBytes        *yc_document_render_pdf_finish (YcDocument         *self,
                                              GAsyncResult       *result,
                                              GError            **error);

char          *yc_document_issue            (YcDocument     *self,
                                             YcCaseStore    *store,
                                             const char     *actor,
                                             const char     *station,
                                             GBytes         *pdf,
                                             GError        **error);

/* the QR symbol of @text as modules, for the layout and for a test */
gboolean       yc_qr_draw                   (cairo_t        *cr,
                                             const char     *text,
                                             double          x,
                                             double          y,
                                             double          size);

G_END_DECLS

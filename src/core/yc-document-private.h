/* yc-document-private.h: what the parts of YcDocument share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "yc-case.h"
#include "yc-document.h"
#include "yc-form.h"

G_BEGIN_DECLS

struct _YcDocument
{
  GObject         parent_instance;

  YcDocumentKind  kind;
  char           *case_id;
  char           *official_no;
  gboolean        copy;
  JsonObject     *content;     /* what it says, as the issued event keeps it */
  JsonObject     *signatures;  /* role → strokes */
  GBytes         *seal;        /* the office's seal, PNG, or NULL for a space to stamp */
};

/* The content's blocks, in order, each an object with one of:
 *   "h": a heading          "p": a paragraph
 *   "k" + "v": a label and its value
 *   "li": a list of lines, numbered
 */
JsonObject *_yc_document_build_content (YcDocumentKind   kind,
                                        const char      *case_id,
                                        YcCase          *c,
                                        JsonObject      *intake,
                                        YcForm          *form,
                                        JsonObject      *office,
                                        const GDate     *today,
                                        GError         **error);
GBytes     *_yc_document_decode_seal   (JsonObject      *office,
                                        GError         **error);

G_END_DECLS

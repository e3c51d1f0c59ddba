/* yc-signature-pad.h: where the applicant or the helper signs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* the width of the signature box over its height, the pad's as the
 * document's, so that a stroke lands on the paper where it was drawn */
#define YC_SIGNATURE_PAD_ASPECT 3.0

#define YC_TYPE_SIGNATURE_PAD (yc_signature_pad_get_type ())
G_DECLARE_FINAL_TYPE (YcSignaturePad, yc_signature_pad, YC, SIGNATURE_PAD, GtkWidget)

GtkWidget *yc_signature_pad_new         (void);
JsonArray *yc_signature_pad_get_strokes (YcSignaturePad *self);
void       yc_signature_pad_set_strokes (YcSignaturePad *self,
                                         JsonArray      *strokes);
gboolean   yc_signature_pad_is_empty    (YcSignaturePad *self);
void       yc_signature_pad_undo        (YcSignaturePad *self);
void       yc_signature_pad_clear       (YcSignaturePad *self);

G_END_DECLS

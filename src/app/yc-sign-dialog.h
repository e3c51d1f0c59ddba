/* yc-sign-dialog.h: the signatures a document asks for, before it prints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yc-signature-pad.h"

G_BEGIN_DECLS

#define YC_TYPE_SIGN_DIALOG (yc_sign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcSignDialog, yc_sign_dialog, YC, SIGN_DIALOG, GtkWindow)

GtkWidget      *yc_sign_dialog_new         (GtkWindow          *parent,
                                            const char         *documents,
                                            const char * const *roles);
YcSignaturePad *yc_sign_dialog_get_pad     (YcSignDialog       *self,
                                            const char         *role);
JsonArray      *yc_sign_dialog_get_strokes (YcSignDialog       *self,
                                            const char         *role);
void            yc_sign_dialog_respond     (YcSignDialog       *self,
                                            const char         *response);

G_END_DECLS

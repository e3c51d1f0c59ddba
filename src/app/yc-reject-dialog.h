/* yc-reject-dialog.h: asking for the reason and advice of a refusal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_REJECT_DIALOG (yc_reject_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcRejectDialog, yc_reject_dialog, YC, REJECT_DIALOG, AdwMessageDialog)

GtkWidget  *yc_reject_dialog_new        (GtkWindow      *parent,
                                         YcForm         *form);
const char *yc_reject_dialog_get_reason (YcRejectDialog *self);
const char *yc_reject_dialog_get_advice (YcRejectDialog *self);

G_END_DECLS

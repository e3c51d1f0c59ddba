/* yc-helper-dialog.h: who takes the case for the applicant (帮办代办)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_HELPER_DIALOG (yc_helper_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcHelperDialog, yc_helper_dialog, YC, HELPER_DIALOG, GtkWindow)

GtkWidget  *yc_helper_dialog_new         (GtkWindow      *parent,
                                          YcForm         *form);
const char *yc_helper_dialog_get_problem (YcHelperDialog *self);

G_END_DECLS

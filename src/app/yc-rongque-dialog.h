/* yc-rongque-dialog.h: what a 容缺受理 asks before it is taken
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_RONGQUE_DIALOG (yc_rongque_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcRongqueDialog, yc_rongque_dialog, YC, RONGQUE_DIALOG, AdwMessageDialog)

GtkWidget *yc_rongque_dialog_new (GtkWindow  *parent,
                                  YcForm     *form,
                                  YcCalendar *calendar);

G_END_DECLS

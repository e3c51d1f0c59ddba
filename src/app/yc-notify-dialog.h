/* yc-notify-dialog.h: the whole 一次性告知, shown before it is given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_NOTIFY_DIALOG (yc_notify_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YcNotifyDialog, yc_notify_dialog, YC, NOTIFY_DIALOG, AdwMessageDialog)

GtkWidget *yc_notify_dialog_new (GtkWindow *parent,
                                 YcForm    *form);

G_END_DECLS

/* yc-form-view.h: the intake form of one case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_FORM_VIEW (yc_form_view_get_type ())
G_DECLARE_FINAL_TYPE (YcFormView, yc_form_view, YC, FORM_VIEW, GtkWidget)

GtkWidget *yc_form_view_new             (YcForm      *form,
                                         YcCaseDraft *draft);
YcForm    *yc_form_view_get_form        (YcFormView *self);
gboolean   yc_form_view_reveal_problems (YcFormView *self);
gboolean   yc_form_view_is_complete     (YcFormView *self);

G_END_DECLS

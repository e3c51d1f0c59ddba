/* yc-window.h: the intake desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

typedef struct _YcApplication YcApplication;

#define YC_TYPE_WINDOW (yc_window_get_type ())
G_DECLARE_FINAL_TYPE (YcWindow, yc_window, YC, WINDOW, AdwApplicationWindow)

YcWindow   *yc_window_new         (YcApplication *application,
                                   YcContext     *context);
gboolean    yc_window_open_item   (YcWindow      *self,
                                   const char    *code);
gboolean    yc_window_open_draft  (YcWindow      *self,
                                   const char    *case_id);
const char *yc_window_get_case_id (YcWindow      *self);

G_END_DECLS

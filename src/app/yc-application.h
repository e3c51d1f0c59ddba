/* yc-application.h: the Yichuang client application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_APPLICATION (yc_application_get_type ())
G_DECLARE_FINAL_TYPE (YcApplication, yc_application, YC, APPLICATION, AdwApplication)

YcApplication *yc_application_new        (void);
YcCaseStore   *yc_application_get_store  (YcApplication *self);
YcSync        *yc_application_get_sync   (YcApplication *self);
char          *yc_status_text            (gboolean       online,
                                          guint          waiting,
                                          GDateTime     *oldest);
char          *yc_profile_path           (const char    *data_dir);

G_END_DECLS

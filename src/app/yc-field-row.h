/* yc-field-row.h: one field of the form, whatever its type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_FIELD_ROW (yc_field_row_get_type ())
G_DECLARE_FINAL_TYPE (YcFieldRow, yc_field_row, YC, FIELD_ROW, AdwActionRow)

GtkWidget *yc_field_row_new            (YcForm      *form,
                                        const char  *key,
                                        YcCaseDraft *draft);
void       yc_field_row_reveal_problem (YcFieldRow *self);
GtkWidget *yc_field_row_get_editor     (YcFieldRow *self);
void       yc_field_row_attach_file    (YcFieldRow *self,
                                        GFile      *file);

G_END_DECLS

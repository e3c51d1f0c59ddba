/* yc-material-row.h: one material of the checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_MATERIAL_ROW (yc_material_row_get_type ())
G_DECLARE_FINAL_TYPE (YcMaterialRow, yc_material_row, YC, MATERIAL_ROW, AdwActionRow)

GtkWidget *yc_material_row_new (YcForm               *form,
                                const YcFormMaterial *material);

G_END_DECLS

/* yc-item-picker.h: choosing the item or bundle of a new case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_ITEM_PICKER (yc_item_picker_get_type ())
G_DECLARE_FINAL_TYPE (YcItemPicker, yc_item_picker, YC, ITEM_PICKER, AdwBin)

void yc_item_picker_set_catalog (YcItemPicker *self,
                                 YcCatalog    *catalog);
void yc_item_picker_reset       (YcItemPicker *self);

G_END_DECLS

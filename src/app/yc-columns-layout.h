/* yc-columns-layout.h: two columns side by side when there is the width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YC_TYPE_COLUMNS_LAYOUT (yc_columns_layout_get_type ())
G_DECLARE_FINAL_TYPE (YcColumnsLayout, yc_columns_layout, YC, COLUMNS_LAYOUT, GtkLayoutManager)

G_END_DECLS

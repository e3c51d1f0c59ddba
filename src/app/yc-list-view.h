/* yc-list-view.h: what the window's list views share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void yc_list_view_tab_as_one (GtkListView *list);
void yc_widget_tab_as_one    (GtkWidget   *list);

G_END_DECLS

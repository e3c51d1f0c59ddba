/* yc-case-list-view.h: the case list's scrolling list of case rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yichuang.h"
#include "yc-case-row.h"

G_BEGIN_DECLS

#define YC_TYPE_CASE_LIST_VIEW (yc_case_list_view_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseListView, yc_case_list_view, YC, CASE_LIST_VIEW, GtkWidget)

/* Gives @row the case @c to show: called for each row that comes into
 * view showing another case, never for the others */
typedef void (*YcCaseListViewBindFunc) (YcCaseListView *view,
                                        YcCaseRow      *row,
                                        YcCase         *c,
                                        gpointer        user_data);

GtkWidget  *yc_case_list_view_new           (void);
void        yc_case_list_view_set_model     (YcCaseListView         *self,
                                             GListModel             *model);
GListModel *yc_case_list_view_get_model     (YcCaseListView         *self);
void        yc_case_list_view_set_bind_func (YcCaseListView         *self,
                                             YcCaseListViewBindFunc  func,
                                             gpointer                user_data,
                                             GDestroyNotify          destroy);
guint       yc_case_list_view_get_cursor    (YcCaseListView         *self);
void        yc_case_list_view_set_cursor    (YcCaseListView         *self,
                                             guint                   position,
                                             gboolean                grab_focus);
void        yc_case_list_view_rebind        (YcCaseListView         *self);
guint       yc_case_list_view_get_n_binds   (YcCaseListView         *self);

G_END_DECLS

/* yc-print.h: documents through GtkPrintOperation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "yichuang.h"

G_BEGIN_DECLS

#define YC_TYPE_PRINT (yc_print_get_type ())
G_DECLARE_FINAL_TYPE (YcPrint, yc_print, YC, PRINT, GObject)

YcPrint                 *yc_print_new           (GSettings               *settings);
void                     yc_print_add_document  (YcPrint                 *self,
                                                 YcDocument              *document);
GtkPrintOperation       *yc_print_get_operation (YcPrint                 *self);
guint                    yc_print_get_n_pages   (YcPrint                 *self);
void                     yc_print_run_async     (YcPrint                 *self,
                                                 GtkPrintOperationAction  action,
                                                 GtkWindow               *parent,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
GtkPrintOperationResult  yc_print_run_finish    (YcPrint                 *self,
                                                 GAsyncResult            *result,
                                                 GError                 **error);

G_END_DECLS

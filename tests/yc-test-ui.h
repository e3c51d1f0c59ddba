/* yc-test-ui.h: driving the real window in the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *yc_test_find_named  (GtkWidget    *root,
                                const char   *name);
GtkWidget *yc_test_need        (GtkWidget    *root,
                                const char   *name);
void       yc_test_wait_for    (gboolean    (*done) (gpointer),
                                gpointer      data,
                                const char   *what);
void       yc_test_settle      (void);
void       yc_test_press       (GtkWidget    *window,
                                const char   *keys);
gboolean   yc_test_has_catalog (gpointer      app);
void       yc_test_screenshot  (GtkWidget    *window,
                                const char   *name);
void       yc_test_run_app     (const char   *catalog_dir,
                                GCallback     on_activate);
void       yc_test_press_key   (GtkWidget       *window,
                                guint            keyval,
                                GdkModifierType  mods);
void       yc_test_type_keys   (GtkWidget    *window,
                                const char   *text);
gboolean   yc_test_has_focus_within (GtkWidget *window,
                                     GtkWidget *widget);

G_END_DECLS

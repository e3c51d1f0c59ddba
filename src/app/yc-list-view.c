/* yc-list-view.c: what the window's list views share
 *
 * The case list and the item picker are each one Tab stop: the clerk
 * moves in them with the arrows, and Tab goes on to the next widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-list-view.h"

/* GTK 4.8's list view, and the case list's, would walk their rows one by
 * one on Tab */
static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        gpointer               user_data)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkDirectionType direction;

  if (keyval == GDK_KEY_ISO_Left_Tab || (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK)))
    direction = GTK_DIR_TAB_BACKWARD;
  else if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = GTK_DIR_TAB_FORWARD;
  else
    return FALSE;
  /* a widget that cannot take the focus is passed over */
  gtk_widget_set_can_focus (list, FALSE);
  gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (list)), direction);
  gtk_widget_set_can_focus (list, TRUE);
  return TRUE;
}

/**
 * yc_widget_tab_as_one:
 *
 * Makes Tab and Shift+Tab leave @list, any widget whose children take the
 * focus one at a time (the case list's rows), as they leave one widget.
 */
void
yc_widget_tab_as_one (GtkWidget *list)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_return_if_fail (GTK_IS_WIDGET (list));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), NULL);
  gtk_widget_add_controller (list, keys);
}

/**
 * yc_list_view_tab_as_one:
 *
 * Makes Tab and Shift+Tab leave @list as they leave any one widget.
 */
void
yc_list_view_tab_as_one (GtkListView *list)
{
  g_return_if_fail (GTK_IS_LIST_VIEW (list));
  yc_widget_tab_as_one (GTK_WIDGET (list));
}

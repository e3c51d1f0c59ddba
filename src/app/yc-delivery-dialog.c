/* yc-delivery-dialog.c: the result handed to the applicant (送达)
 *
 * What a delivery must say, at the window or by post, is the core's
 * (yc-case-log.c, check_delivered); this dialog only asks. Its fixed
 * frame is ui/yc-delivery-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-step-dialog.h"

struct _YcDeliveryDialog
{
  YcStepDialog  parent_instance;

  GtkWidget    *window_check;
  GtkWidget    *post_check;
  GtkWidget    *window_group;
  GtkWidget    *post_group;
  GtkWidget    *collector_entry;
  GtkWidget    *id_number_entry;
  GtkWidget    *id_checked;
  GtkWidget    *carrier_entry;
  GtkWidget    *tracking_entry;
};

G_DEFINE_FINAL_TYPE (YcDeliveryDialog, yc_delivery_dialog, YC_TYPE_STEP_DIALOG)

static void
on_how_toggled_cb (YcDeliveryDialog *self)
{
  gboolean post = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->post_check));

  gtk_widget_set_visible (self->window_group, !post);
  gtk_widget_set_visible (self->post_group, post);
  yc_step_dialog_changed (YC_STEP_DIALOG (self));
}

static const char *
text_of (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static JsonObject *
yc_delivery_dialog_build (YcStepDialog *dialog)
{
  YcDeliveryDialog *self = YC_DELIVERY_DIALOG (dialog);
  JsonObject *data = json_object_new ();

  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->post_check)))
    {
      json_object_set_string_member (data, "how", "post");
      json_object_set_string_member (data, "carrier", text_of (self->carrier_entry));
      json_object_set_string_member (data, "tracking", text_of (self->tracking_entry));
    }
  else
    {
      json_object_set_string_member (data, "how", "window");
      json_object_set_string_member (data, "collector", text_of (self->collector_entry));
      json_object_set_string_member (data, "id_number", text_of (self->id_number_entry));
      json_object_set_boolean_member (data, "id_checked",
                                      gtk_check_button_get_active (GTK_CHECK_BUTTON (self->id_checked)));
    }
  return data;
}

static void
yc_delivery_dialog_class_init (YcDeliveryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YcStepDialogClass *step_class = YC_STEP_DIALOG_CLASS (klass);

  step_class->step = YC_EVENT_DELIVERED;
  step_class->build = yc_delivery_dialog_build;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-delivery-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcDeliveryDialog, window_check);
  gtk_widget_class_bind_template_child (widget_class, YcDeliveryDialog, post_check);
  gtk_widget_class_bind_template_child (widget_class, YcDeliveryDialog, window_group);
  gtk_widget_class_bind_template_child (widget_class, YcDeliveryDialog, post_group);
  gtk_widget_class_bind_template_child (widget_class, YcDeliveryDialog, collector_entry);
  gtk_widget_class_bind_template_child (widget_class, YcDeliveryDialog, id_number_entry);
  gtk_widget_class_bind_template_child (widget_class, YcDeliveryDialog, id_checked);
  gtk_widget_class_bind_template_child (widget_class, YcDeliveryDialog, carrier_entry);
  gtk_widget_class_bind_template_child (widget_class, YcDeliveryDialog, tracking_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_how_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, yc_step_dialog_changed);
}

static void
yc_delivery_dialog_init (YcDeliveryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* yc-reject-dialog.c: asking for the reason and advice of a refusal
 *
 * A 不予受理 is addressed to someone and says why and where to go
 * instead: the "reject" response is there only when the core's
 * yc_decision_check() finds nothing missing for it. Its fixed frame is
 * ui/yc-reject-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-reject-dialog.h"

struct _YcRejectDialog
{
  AdwMessageDialog  parent_instance;

  YcForm           *form;
  GtkWidget        *reason_entry;
  GtkWidget        *advice_entry;
  GtkWidget        *rights_label;
};

G_DEFINE_FINAL_TYPE (YcRejectDialog, yc_reject_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_text_changed_cb (YcRejectDialog *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (self->form == NULL)
    return;
  problems = yc_decision_check (self->form, YC_DECISION_REJECT,
                                yc_reject_dialog_get_reason (self), yc_reject_dialog_get_advice (self));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "reject", problems->len == 0);
}

/* Enter in the last entry takes the refusal, as its button would */
static void
on_advice_activate_cb (YcRejectDialog *self)
{
  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "reject"))
    return;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "reject");
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * yc_reject_dialog_new:
 * @form: the form refused
 *
 * Returns: the dialog, to be presented
 */
GtkWidget *
yc_reject_dialog_new (GtkWindow *parent,
                      YcForm    *form)
{
  YcRejectDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (YC_IS_FORM (form), NULL);

  self = g_object_new (YC_TYPE_REJECT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->form = g_object_ref (form);
  /* what the applicant may do against the refusal, as the event records it */
  gtk_label_set_text (GTK_LABEL (self->rights_label), yc_refusal_describe_rights ());
  on_text_changed_cb (self);

  return GTK_WIDGET (self);
}

const char *
yc_reject_dialog_get_reason (YcRejectDialog *self)
{
  g_return_val_if_fail (YC_IS_REJECT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
}

const char *
yc_reject_dialog_get_advice (YcRejectDialog *self)
{
  g_return_val_if_fail (YC_IS_REJECT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->advice_entry));
}

static void
yc_reject_dialog_dispose (GObject *object)
{
  YcRejectDialog *self = (YcRejectDialog *)object;

  g_clear_object (&self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_REJECT_DIALOG);

  G_OBJECT_CLASS (yc_reject_dialog_parent_class)->dispose (object);
}

static void
yc_reject_dialog_class_init (YcRejectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_reject_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-reject-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcRejectDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, YcRejectDialog, advice_entry);
  gtk_widget_class_bind_template_child (widget_class, YcRejectDialog, rights_label);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_advice_activate_cb);
}

static void
yc_reject_dialog_init (YcRejectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

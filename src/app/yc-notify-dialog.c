/* yc-notify-dialog.c: the whole 一次性告知, shown before it is given
 *
 * 行政许可法 §32 asks for one notice of everything to supplement: the
 * clerk sees the list the intake event will keep, made once by
 * yc_decision_list_notice(), and confirms it; the "notify" response is
 * there only when yc_decision_check() allows the decision. Its fixed
 * frame is ui/yc-notify-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-notify-dialog.h"

struct _YcNotifyDialog
{
  AdwMessageDialog  parent_instance;

  GtkWidget        *notice_list;
};

G_DEFINE_FINAL_TYPE (YcNotifyDialog, yc_notify_dialog, ADW_TYPE_MESSAGE_DIALOG)

/**
 * yc_notify_dialog_new:
 * @form: the form to notify of
 *
 * Returns: the dialog, to be presented; its "notify" response gives the
 *   notice
 */
GtkWidget *
yc_notify_dialog_new (GtkWindow *parent,
                      YcForm    *form)
{
  YcNotifyDialog *self;
  g_autoptr(GPtrArray) notice = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (YC_IS_FORM (form), NULL);

  self = g_object_new (YC_TYPE_NOTIFY_DIALOG, "transient-for", parent, NULL);
  notice = yc_decision_list_notice (form);
  for (guint i = 0; i < notice->len; i++)
    {
      const YcNoticeEntry *entry = g_ptr_array_index (notice, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (entry->what, -1);
      g_autofree char *subtitle = g_markup_escape_text (entry->todo, -1);
      g_autofree char *name = g_strconcat ("notify:", entry->key, NULL);

      gtk_widget_set_name (row, name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* the whole notice is read, never cut */
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (GTK_LIST_BOX (self->notice_list), row);
    }
  problems = yc_decision_check (form, YC_DECISION_NOTIFY, NULL, NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "notify", problems->len == 0);

  return GTK_WIDGET (self);
}

static void
yc_notify_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YC_TYPE_NOTIFY_DIALOG);

  G_OBJECT_CLASS (yc_notify_dialog_parent_class)->dispose (object);
}

static void
yc_notify_dialog_class_init (YcNotifyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_notify_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-notify-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcNotifyDialog, notice_list);
}

static void
yc_notify_dialog_init (YcNotifyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

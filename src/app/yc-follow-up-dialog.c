/* yc-follow-up-dialog.c: a bad rating followed up (差评整改)
 *
 * Whether a follow-up is open, and what closing it needs, is the core's
 * (yc-case-log.c, check_followed). Its fixed frame is
 * ui/yc-follow-up-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-step-dialog.h"

struct _YcFollowUpDialog
{
  YcStepDialog  parent_instance;

  GtkWidget    *group;
  GtkWidget    *note_entry;
};

G_DEFINE_FINAL_TYPE (YcFollowUpDialog, yc_follow_up_dialog, YC_TYPE_STEP_DIALOG)

/* the deadline the core counted when the rating was given */
static void
yc_follow_up_dialog_load (YcStepDialog *dialog,
                          YcCaseLog    *log,
                          GPtrArray    *events)
{
  YcFollowUpDialog *self = YC_FOLLOW_UP_DIALOG (dialog);
  GDate due;

  if (yc_case_log_get_follow_up (log, &due))
    {
      char text[16];
      g_autofree char *description = NULL;

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &due);
      description = g_strdup_printf (_("Due by %s"), text);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), description);
    }
}

static JsonObject *
yc_follow_up_dialog_build (YcStepDialog *dialog)
{
  YcFollowUpDialog *self = YC_FOLLOW_UP_DIALOG (dialog);
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "note", gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
  return data;
}

static void
yc_follow_up_dialog_class_init (YcFollowUpDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YcStepDialogClass *step_class = YC_STEP_DIALOG_CLASS (klass);

  step_class->step = YC_EVENT_FOLLOWED;
  step_class->load = yc_follow_up_dialog_load;
  step_class->build = yc_follow_up_dialog_build;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-follow-up-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcFollowUpDialog, group);
  gtk_widget_class_bind_template_child (widget_class, YcFollowUpDialog, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, yc_step_dialog_changed);
}

static void
yc_follow_up_dialog_init (YcFollowUpDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

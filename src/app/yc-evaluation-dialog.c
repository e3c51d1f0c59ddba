/* yc-evaluation-dialog.c: the applicant's rating of the handling (好差评)
 *
 * The ratings, which of them need a reason, the reason categories and the
 * follow-up's working-day deadline are the core's (yc-case-log.c); the
 * dialog shows the deadline the core counted for the rating as entered.
 * Its fixed frame is ui/yc-evaluation-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-step-dialog.h"

struct _YcEvaluationDialog
{
  YcStepDialog  parent_instance;

  GtkWidget    *rating_row;
  GtkWidget    *category_row;
  GtkWidget    *reason_entry;
  GtkWidget    *follow_up_row;
};

G_DEFINE_FINAL_TYPE (YcEvaluationDialog, yc_evaluation_dialog, YC_TYPE_STEP_DIALOG)

/* each list's first entry is "not chosen": Enter must never record a
 * rating nobody gave */
static const char *
chosen (GtkWidget          *row,
        const char * const *ids)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > g_strv_length ((char **) ids))
    return NULL;
  return ids[selected - 1];
}

static void
on_rating_changed_cb (YcEvaluationDialog *self)
{
  gboolean bad = yc_evaluation_rating_needs_reason (chosen (self->rating_row, yc_evaluation_get_ratings ()));

  gtk_widget_set_visible (self->category_row, bad);
  gtk_widget_set_visible (self->reason_entry, bad);
  yc_step_dialog_changed (YC_STEP_DIALOG (self));
}

static GListModel *
make_model (const char * const *ids,
            const char *      (*label) (const char *))
{
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, _("Choose…"));
  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (model, label (ids[i]));
  return G_LIST_MODEL (model);
}

static JsonObject *
yc_evaluation_dialog_build (YcStepDialog *dialog)
{
  YcEvaluationDialog *self = YC_EVALUATION_DIALOG (dialog);
  JsonObject *data = json_object_new ();
  const char *rating = chosen (self->rating_row, yc_evaluation_get_ratings ());
  const char *category = chosen (self->category_row, yc_evaluation_get_categories ());

  if (rating != NULL)
    json_object_set_string_member (data, "rating", rating);
  if (yc_evaluation_rating_needs_reason (rating))
    {
      if (category != NULL)
        json_object_set_string_member (data, "category", category);
      json_object_set_string_member (data, "reason", gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)));
    }
  return data;
}

static void
yc_evaluation_dialog_checked (YcStepDialog *dialog,
                              JsonObject   *data,
                              gboolean      fits)
{
  YcEvaluationDialog *self = YC_EVALUATION_DIALOG (dialog);
  const char *due = yc_json_get_string (data, "follow_up_by");

  gtk_widget_set_visible (self->follow_up_row, due != NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->follow_up_row), due ? due : "");
}

static void
yc_evaluation_dialog_class_init (YcEvaluationDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YcStepDialogClass *step_class = YC_STEP_DIALOG_CLASS (klass);

  step_class->step = YC_EVENT_EVALUATED;
  step_class->build = yc_evaluation_dialog_build;
  step_class->checked = yc_evaluation_dialog_checked;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-evaluation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcEvaluationDialog, rating_row);
  gtk_widget_class_bind_template_child (widget_class, YcEvaluationDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, YcEvaluationDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, YcEvaluationDialog, follow_up_row);
  gtk_widget_class_bind_template_callback (widget_class, on_rating_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, yc_step_dialog_changed);
}

static void
yc_evaluation_dialog_init (YcEvaluationDialog *self)
{
  g_autoptr(GListModel) ratings = NULL;
  g_autoptr(GListModel) categories = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  ratings = make_model (yc_evaluation_get_ratings (), yc_evaluation_rating_label);
  categories = make_model (yc_evaluation_get_categories (), yc_evaluation_category_label);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->rating_row), ratings);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->category_row), categories);
}

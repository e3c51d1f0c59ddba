/* yc-handover-dialog.c: the case passes to another helper (接力办)
 *
 * Who may be handed the case, and when, is the core's (yc-case-log.c,
 * check_handover). Its fixed frame is ui/yc-handover-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-step-dialog.h"

struct _YcHandoverDialog
{
  YcStepDialog  parent_instance;

  GtkWidget    *name_entry;
  GtkWidget    *id_number_entry;
  GtkWidget    *note_entry;
  GtkWidget    *materials_group;
  GPtrArray    *ids;
  GPtrArray    *checks;
};

G_DEFINE_FINAL_TYPE (YcHandoverDialog, yc_handover_dialog, YC_TYPE_STEP_DIALOG)

/* the materials the window received are the ones a helper can carry */
static void
yc_handover_dialog_load (YcStepDialog *dialog,
                         YcCaseLog    *log,
                         GPtrArray    *events)
{
  YcHandoverDialog *self = YC_HANDOVER_DIALOG (dialog);
  JsonArray *materials = yc_step_dialog_intake_materials (events);

  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonNode *node = json_array_get_element (materials, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = yc_json_get_string (m, "id");
      g_autofree char *name = NULL;
      GtkWidget *row, *check;

      if (id == NULL || g_strcmp0 (yc_json_get_string (m, "status"), "received") != 0)
        continue;
      name = g_strdup_printf ("handover:material:%s", id);
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     yc_json_get_string (m, "name") ? yc_json_get_string (m, "name") : id);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (yc_step_dialog_changed), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->materials_group), row);
      g_ptr_array_add (self->ids, g_strdup (id));
      g_ptr_array_add (self->checks, check);
    }
  gtk_widget_set_visible (self->materials_group, self->ids->len > 0);
}

static JsonObject *
yc_handover_dialog_build (YcStepDialog *dialog)
{
  YcHandoverDialog *self = YC_HANDOVER_DIALOG (dialog);
  JsonObject *data = json_object_new ();
  JsonObject *to = json_object_new ();
  JsonArray *handed = json_array_new ();
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));

  json_object_set_string_member (to, "name", gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  json_object_set_string_member (to, "id_number", gtk_editable_get_text (GTK_EDITABLE (self->id_number_entry)));
  json_object_set_object_member (data, "to", to);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      json_array_add_string_element (handed, g_ptr_array_index (self->ids, i));
  json_object_set_array_member (data, "materials", handed);
  if (*note != '\0')
    json_object_set_string_member (data, "note", note);
  return data;
}

static void
yc_handover_dialog_finalize (GObject *object)
{
  YcHandoverDialog *self = (YcHandoverDialog *)object;

  g_ptr_array_unref (self->ids);
  g_ptr_array_unref (self->checks);

  G_OBJECT_CLASS (yc_handover_dialog_parent_class)->finalize (object);
}

static void
yc_handover_dialog_class_init (YcHandoverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YcStepDialogClass *step_class = YC_STEP_DIALOG_CLASS (klass);

  object_class->finalize = yc_handover_dialog_finalize;
  step_class->step = YC_EVENT_HANDOVER;
  step_class->load = yc_handover_dialog_load;
  step_class->build = yc_handover_dialog_build;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-handover-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcHandoverDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, YcHandoverDialog, id_number_entry);
  gtk_widget_class_bind_template_child (widget_class, YcHandoverDialog, note_entry);
  gtk_widget_class_bind_template_child (widget_class, YcHandoverDialog, materials_group);
  gtk_widget_class_bind_template_callback (widget_class, yc_step_dialog_changed);
}

static void
yc_handover_dialog_init (YcHandoverDialog *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

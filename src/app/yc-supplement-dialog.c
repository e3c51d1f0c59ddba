/* yc-supplement-dialog.c: materials brought after 容缺受理 or 一次性告知
 *
 * One row a material still owed: the 容缺 materials whose supply date is
 * open, or what the notice asked for. Which are owed, and whether a form
 * is one a material is received in, is the core's (yc-case-log.c). Its
 * fixed frame is ui/yc-supplement-dialog.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "yc-step-dialog.h"

struct _YcSupplementDialog
{
  YcStepDialog  parent_instance;

  GtkWidget    *group;
  GPtrArray    *ids;     /* the material of each row */
  GPtrArray    *forms;   /* the forms each row offers, after "not brought" */
  GPtrArray    *rows;
};

G_DEFINE_FINAL_TYPE (YcSupplementDialog, yc_supplement_dialog, YC_TYPE_STEP_DIALOG)

static void
add_material (YcSupplementDialog *self,
              YcCaseLog          *log,
              const char         *id,
              const char         *by)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *row_name = g_strdup_printf ("supply:%s", id);
  g_auto(GStrv) allowed = yc_case_log_get_material_forms (log, id);
  /* an intake that does not say allows every form */
  const char * const *forms = allowed ? (const char * const *) allowed : yc_material_received_forms ();
  GtkWidget *row = adw_combo_row_new ();

  gtk_string_list_append (model, _("Not brought"));
  for (guint i = 0; forms[i] != NULL; i++)
    gtk_string_list_append (model, yc_material_received_label (forms[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), yc_case_log_get_material_name (log, id));
  if (by != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Due by %s"), by);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  gtk_widget_set_name (row, row_name);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (yc_step_dialog_changed), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), row);
  g_ptr_array_add (self->ids, g_strdup (id));
  g_ptr_array_add (self->forms, g_strdupv ((char **) forms));
  g_ptr_array_add (self->rows, row);
}

static void
yc_supplement_dialog_load (YcStepDialog *dialog,
                           YcCaseLog    *log,
                           GPtrArray    *events)
{
  YcSupplementDialog *self = YC_SUPPLEMENT_DIALOG (dialog);
  g_autoptr(JsonArray) open = yc_case_log_get_open_supply (log);
  GPtrArray *missing = yc_case_log_get_missing (log);

  for (guint i = 0; i < json_array_get_length (open); i++)
    {
      JsonNode *node = json_array_get_element (open, i);
      JsonObject *due = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = yc_json_get_string (due, "material");

      if (id != NULL)
        add_material (self, log, id, yc_json_get_string (due, "by"));
    }
  /* after 一次性告知 the notice's materials, unless 容缺 ones listed them */
  if (g_strcmp0 (yc_case_log_get_waiting (log), "notify") == 0)
    for (guint i = 0; missing != NULL && i < missing->len; i++)
      add_material (self, log, g_ptr_array_index (missing, i), NULL);
}

static JsonObject *
yc_supplement_dialog_build (YcStepDialog *dialog)
{
  YcSupplementDialog *self = YC_SUPPLEMENT_DIALOG (dialog);
  JsonObject *data = json_object_new ();
  JsonArray *brought = json_array_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->rows, i));
      char **forms = g_ptr_array_index (self->forms, i);
      JsonObject *m;

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > g_strv_length (forms))
        continue;
      m = json_object_new ();
      json_object_set_string_member (m, "id", g_ptr_array_index (self->ids, i));
      json_object_set_string_member (m, "form", forms[selected - 1]);
      json_array_add_object_element (brought, m);
    }
  json_object_set_array_member (data, "materials", brought);
  return data;
}

static void
yc_supplement_dialog_finalize (GObject *object)
{
  YcSupplementDialog *self = (YcSupplementDialog *)object;

  g_ptr_array_unref (self->ids);
  g_ptr_array_unref (self->forms);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (yc_supplement_dialog_parent_class)->finalize (object);
}

static void
yc_supplement_dialog_class_init (YcSupplementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  YcStepDialogClass *step_class = YC_STEP_DIALOG_CLASS (klass);

  object_class->finalize = yc_supplement_dialog_finalize;
  step_class->step = YC_EVENT_SUPPLEMENT;
  step_class->load = yc_supplement_dialog_load;
  step_class->build = yc_supplement_dialog_build;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-supplement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YcSupplementDialog, group);
}

static void
yc_supplement_dialog_init (YcSupplementDialog *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->forms = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* yc-material-row.c: one material of the checklist
 *
 * The row shows what the material must be and applies what the clerk
 * presses to the YcForm: received (in one of the forms its template
 * allows, the usual one first), missing, or defective with what is wrong
 * with it. Its fixed frame is ui/yc-material-row.ui.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "yc-field-editor-private.h"
#include "yc-material-row.h"

struct _YcMaterialRow
{
  AdwActionRow  parent_instance;

  YcForm       *form;
  char         *id;
  GStrv         forms;
  GtkWidget    *received_button;
  GtkWidget    *missing_button;
  GtkWidget    *defective_button;
  GtkWidget    *form_dropdown;
  GtkWidget    *defect_entry;
};

G_DEFINE_FINAL_TYPE (YcMaterialRow, yc_material_row, ADW_TYPE_ACTION_ROW)

/* Pressing one button releases the other, which toggles too: the material
 * is pending only once neither is pressed. */
static gboolean
is_active (GtkWidget *button)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
}

/* the form chosen, when there is a choice */
static void
on_form_selected_cb (YcMaterialRow *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->form_dropdown));

  if (self->form == NULL || !is_active (self->received_button) || selected >= g_strv_length (self->forms))
    return;
  yc_form_set_material_received (self->form, self->id, self->forms[selected]);
}

static void
on_defect_changed_cb (YcMaterialRow *self)
{
  if (self->form == NULL || !is_active (self->defective_button))
    return;
  yc_form_set_material_defective (self->form, self->id, gtk_editable_get_text (GTK_EDITABLE (self->defect_entry)));
}

static void
show_parts (YcMaterialRow *self)
{
  gtk_widget_set_visible (self->form_dropdown, is_active (self->received_button) && g_strv_length (self->forms) > 1);
  gtk_widget_set_visible (self->defect_entry, is_active (self->defective_button));
}

/* Pressing one button releases the other, which toggles too: the material
 * is pending only once none is pressed. */
static void
on_toggled_cb (YcMaterialRow   *self,
               GtkToggleButton *button)
{
  gboolean any = is_active (self->received_button) || is_active (self->missing_button) ||
                 is_active (self->defective_button);

  /* the release half of a switch between two is not a change of its own */
  if (self->form == NULL || (!gtk_toggle_button_get_active (button) && any))
    return;
  show_parts (self);
  if (is_active (self->received_button))
    on_form_selected_cb (self);
  else if (is_active (self->missing_button))
    yc_form_set_material_status (self->form, self->id, YC_MATERIAL_MISSING);
  else if (is_active (self->defective_button))
    {
      on_defect_changed_cb (self);
      /* what is wrong is typed next */
      gtk_widget_grab_focus (self->defect_entry);
    }
  else
    yc_form_set_material_status (self->form, self->id, YC_MATERIAL_PENDING);
}

/**
 * yc_material_row_new:
 * @material: one of yc_form_get_materials() of @form
 *
 * Returns: the row of @material, showing its status
 */
GtkWidget *
yc_material_row_new (YcForm               *form,
                     const YcFormMaterial *material)
{
  YcMaterialRow *self;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  g_autofree char *name_received = NULL;
  g_autofree char *name_missing = NULL;
  g_autofree char *name_defective = NULL;
  g_autofree char *name_form = NULL;
  g_autofree char *name_defect = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_return_val_if_fail (YC_IS_FORM (form), NULL);
  g_return_val_if_fail (material != NULL, NULL);

  self = g_object_new (YC_TYPE_MATERIAL_ROW, NULL);
  self->id = g_strdup (material->id);
  self->forms = g_strdupv ((char **) material->forms);
  name_received = g_strconcat ("material:", material->id, ":received", NULL);
  name_missing = g_strconcat ("material:", material->id, ":missing", NULL);
  name_defective = g_strconcat ("material:", material->id, ":defective", NULL);
  name_form = g_strconcat ("material:", material->id, ":form", NULL);
  name_defect = g_strconcat ("material:", material->id, ":defect", NULL);
  gtk_widget_set_name (self->received_button, name_received);
  gtk_widget_set_name (self->missing_button, name_missing);
  gtk_widget_set_name (self->defective_button, name_defective);
  gtk_widget_set_name (self->form_dropdown, name_form);
  gtk_widget_set_name (self->defect_entry, name_defect);
  for (guint i = 0; self->forms[i] != NULL; i++)
    gtk_string_list_append (labels, yc_material_received_label (self->forms[i]));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->form_dropdown), G_LIST_MODEL (labels));
  for (guint i = 0; material->form != NULL && self->forms[i] != NULL; i++)
    if (g_str_equal (self->forms[i], material->form))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->form_dropdown), i);
  gtk_editable_set_text (GTK_EDITABLE (self->defect_entry), material->defect ? material->defect : "");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->received_button),
                                material->status == YC_MATERIAL_RECEIVED);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->missing_button),
                                material->status == YC_MATERIAL_MISSING);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->defective_button),
                                material->status == YC_MATERIAL_DEFECTIVE);
  show_parts (self);
  /* the status shown is the form's: the form follows the buttons only now */
  self->form = g_object_ref (form);

  description = yc_material_describe (material);
  /* the subtitle is markup */
  subtitle = g_markup_escape_text (description, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), material->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  return GTK_WIDGET (self);
}

static void
yc_material_row_dispose (GObject *object)
{
  YcMaterialRow *self = (YcMaterialRow *)object;

  g_clear_object (&self->form);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_MATERIAL_ROW);

  G_OBJECT_CLASS (yc_material_row_parent_class)->dispose (object);
}

static void
yc_material_row_finalize (GObject *object)
{
  YcMaterialRow *self = (YcMaterialRow *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->forms, g_strfreev);

  G_OBJECT_CLASS (yc_material_row_parent_class)->finalize (object);
}

static void
yc_material_row_class_init (YcMaterialRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_material_row_dispose;
  object_class->finalize = yc_material_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/yichuang/Yichuang/yc-material-row.ui");
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, received_button);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, missing_button);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, defective_button);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, form_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YcMaterialRow, defect_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_defect_changed_cb);
}

static void
yc_material_row_init (YcMaterialRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* a material's name and what it needs are long Chinese lines, as a
   * field's help is */
  _yc_field_fit_row_labels (GTK_WIDGET (self));
}
